"""Backups, restore and the health check at the store: consistent copies through the backup API, private
files, the daily automatic ones and their pruning, restore refusing anything unsound before it touches the
journal, and check telling a healthy journal from a damaged one."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import TODAY, make_demo_journal
from tests.journal_steps import add_app
from tui.domain.entries import check_application
from tui.store import backups
from tui.store.backups import AUTOMATIC_KEPT, Contents
from tui.store.database import JournalError, JournalMissing
from tui.store.files import FileRefused
from tui.store.repository import Journal
from tui.store.schema import APPLICATION_ID, SCHEMA_VERSION


def add(path: Path, *companies: str) -> None:
    journal = Journal.open(path)
    try:
        for company in companies:
            add_app(journal, check_application(company=company, role="Analyst", today=TODAY, applied="today"))
    finally:
        journal.close()


def companies(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT company FROM applications ORDER BY id")]
    finally:
        conn.close()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its content: any change at all shows."""
    return {
        str(entry.relative_to(folder)): hashlib.sha256(entry.read_bytes()).hexdigest() if entry.is_file() else "folder"
        for entry in sorted(folder.rglob("*"))
    }


def corrupt(path: Path, page: int = 2) -> None:
    """Garbage over part of one page, as a failing disk leaves it."""
    with path.open("r+b") as handle:
        handle.seek(4096 * (page - 1) + 8)
        handle.write(b"\xde\xad\xbe\xef" * 200)


@pytest.fixture
def demo_journal(tmp_path: Path) -> Path:
    return make_demo_journal(tmp_path / "journal.db")


# Backup


def test_backup_holds_what_is_committed_in_the_wal_and_not_a_write_still_open(journal_path, tmp_path):
    add(journal_path, "Acme")
    keeper = Journal.open(journal_path)  # an open connection keeps the WAL from being folded into the file
    add(journal_path, "Globex")
    writer = sqlite3.connect(journal_path)
    writer.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    writer.execute("UPDATE applications SET company = 'Half-written'")
    try:
        assert Path(f"{journal_path}-wal").stat().st_size > 0
        assert "Globex" not in companies_in_main_file(journal_path, tmp_path)  # only in the -wal so far
        target = backups.write_backup(journal_path, tmp_path / "copy.db", today=TODAY)
    finally:
        writer.rollback()
        writer.close()
        keeper.close()
    assert companies(target) == ["Acme", "Globex"]


def companies_in_main_file(journal: Path, tmp_path: Path) -> list[str]:
    """What the journal file alone holds, without its -wal (as a plain file copy would take it)."""
    alone = tmp_path / "alone" / "journal.db"
    alone.parent.mkdir()
    shutil.copyfile(journal, alone)
    return companies(alone)


def test_a_backup_stands_alone_and_is_sound(demo_journal, tmp_path):
    target = backups.write_backup(demo_journal, tmp_path / "copy.db", today=TODAY)
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no -wal needed beside it
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]


def test_backups_are_private_and_so_is_their_folder(journal_path):
    add(journal_path, "Acme")
    previous = os.umask(0o022)
    try:
        written = backups.write_backup(journal_path, today=TODAY)
    finally:
        os.umask(previous)
    assert written.parent == journal_path.parent / "backups"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700


def test_default_names_are_dated_and_never_taken_twice(journal_path):
    add(journal_path, "Acme")
    first = backups.write_backup(journal_path, today=TODAY)
    second = backups.write_backup(journal_path, today=TODAY)
    assert re.fullmatch(r"journal-2026-11-27-\d{4}\.db", first.name)
    assert first != second and first.exists() and second.exists()
    assert companies(first) == companies(second) == ["Acme"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_a_backup_never_writes_over_the_journal_or_its_companions(journal_path, suffix):
    add(journal_path, "Acme")
    keeper = Journal.open(journal_path)  # the -wal and -shm exist while it is open
    try:
        before = fingerprint(journal_path.parent)
        with pytest.raises(FileRefused, match="your journal"):
            backups.write_backup(journal_path, Path(f"{journal_path}{suffix}"), today=TODAY, force=True)
        assert fingerprint(journal_path.parent) == before
    finally:
        keeper.close()


def test_a_backup_replaces_an_existing_file_only_when_forced(journal_path, tmp_path):
    add(journal_path, "Acme")
    existing = tmp_path / "notes.db"
    existing.write_text("keep me")
    with pytest.raises(FileRefused, match="already exists"):
        backups.write_backup(journal_path, existing, today=TODAY)
    assert existing.read_text() == "keep me"
    backups.write_backup(journal_path, existing, today=TODAY, force=True)
    assert companies(existing) == ["Acme"] and stat.S_IMODE(existing.stat().st_mode) == 0o600


def test_a_backup_of_a_missing_journal_creates_nothing(tmp_path):
    missing = tmp_path / "typo" / "journal.db"
    with pytest.raises(JournalMissing):
        backups.write_backup(missing, today=TODAY)
    assert not missing.parent.exists()


# Automatic backups


def test_one_automatic_backup_a_day(journal_path):
    add(journal_path, "Acme")
    first = backups.automatic_backup(journal_path, TODAY)
    assert first is not None and first.name.endswith("-auto.db")
    add(journal_path, "Globex")
    assert backups.automatic_backup(journal_path, TODAY) is None  # the day has its backup already
    assert [b.path for b in backups.automatic_backups(journal_path)] == [first]
    assert backups.automatic_backup(journal_path, TODAY + timedelta(days=1)) is not None
    assert len(backups.automatic_backups(journal_path)) == 2


def test_the_newest_seven_automatic_backups_are_kept_and_nothing_else_is_removed(journal_path):
    add(journal_path, "Acme")
    asked_for = backups.write_backup(journal_path, today=TODAY - timedelta(days=30))
    kept_before_restore = backups.write_backup(journal_path, today=TODAY - timedelta(days=30), kind=backups.BEFORE_RESTORE)
    days = [TODAY - timedelta(days=n) for n in range(9, -1, -1)]  # ten days, oldest first
    for day in days:
        backups.automatic_backup(journal_path, day)
    automatic = backups.automatic_backups(journal_path)
    assert len(automatic) == AUTOMATIC_KEPT == 7
    assert [b.day for b in automatic] == days[-7:]
    assert asked_for.exists() and kept_before_restore.exists()


# Restore


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("not a journal\n" * 50)
    return path


def _other_program(tmp_path: Path) -> Path:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


def _damaged_backup(tmp_path: Path) -> Path:
    path = make_demo_journal(tmp_path / "elsewhere" / "damaged.db")
    corrupt(path, page=6)
    return path


def _newer_backup(tmp_path: Path) -> Path:
    path = tmp_path / "newer.db"
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no-such-backup.db"


@pytest.mark.parametrize(
    "make, says",
    [
        (_text_file, "not a SQLite database"),
        (_other_program, "another program"),
        (_damaged_backup, "is damaged"),
        (_newer_backup, "newer Onward"),
        (_missing, "can't be read"),
    ],
)
def test_restore_refuses_anything_but_a_sound_backup_and_changes_nothing(journal_path, tmp_path, make, says):
    add(journal_path, "Acme")
    source = make(tmp_path)
    before = fingerprint(journal_path.parent)
    with pytest.raises(JournalError, match=says):
        with backups.prepared_restore(source, journal_path) as plan:
            backups.restore(plan, TODAY)
    assert fingerprint(journal_path.parent) == before
    assert not (journal_path.parent / "backups").exists()


def test_restore_refuses_the_journal_itself(journal_path):
    add(journal_path, "Acme")
    with pytest.raises(JournalError, match="the journal itself"):
        with backups.prepared_restore(journal_path, journal_path):
            pass


def test_a_restore_knows_a_file_of_another_journal_from_a_copy_of_this_one(journal_path, tmp_path):
    add(journal_path, "Acme")
    backup = backups.write_backup(journal_path, tmp_path / "monday.db", today=TODAY)
    other, empty = tmp_path / "other.db", tmp_path / "empty.db"
    add(other, "Zed Labs")
    Journal.open(empty).close()
    with backups.prepared_restore(backup, journal_path) as plan:
        assert plan.incoming.journal_id == plan.current.journal_id is not None and not plan.another_journal
    with backups.prepared_restore(other, journal_path) as plan:
        assert plan.another_journal
    with backups.prepared_restore(other, empty) as plan:  # a journal holding nothing has nothing to lose
        assert not plan.another_journal
    conn = sqlite3.connect(other)  # a journal from before Onward kept an id can't say: not called another
    with conn:
        conn.execute("DELETE FROM settings WHERE key = 'journal_id'")
    conn.close()
    with backups.prepared_restore(other, journal_path) as plan:
        assert plan.incoming.journal_id is None and not plan.another_journal


def test_restore_puts_the_backup_back_and_keeps_the_journal_it_replaced(journal_path, tmp_path):
    add(journal_path, "Acme")
    backup = backups.write_backup(journal_path, tmp_path / "monday.db", today=TODAY)
    add(journal_path, "Globex")
    with backups.prepared_restore(backup, journal_path) as plan:
        assert plan.incoming == Contents(1, 0, 1, TODAY, steps=1)
        assert plan.current is not None and plan.current.applications == 2
        kept = backups.restore(plan, TODAY)
    assert companies(journal_path) == ["Acme"]
    assert kept is not None and kept.parent == journal_path.parent / "backups" and kept.name.endswith("-before-restore.db")
    assert companies(kept) == ["Acme", "Globex"]
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    journal = Journal.open(journal_path)  # a journal Onward opens as usual, still in WAL mode
    try:
        assert journal.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        journal.close()


def test_restore_into_a_journal_that_is_open_elsewhere(journal_path, tmp_path):
    add(journal_path, "Acme")
    backup = backups.write_backup(journal_path, tmp_path / "monday.db", today=TODAY)
    add(journal_path, "Globex")
    window = Journal.open(journal_path)  # as the app holds it
    try:
        assert [a.company for a in window.applications.every()] == ["Acme", "Globex"]
        with backups.prepared_restore(backup, journal_path) as plan:
            backups.restore(plan, TODAY)
        assert [a.company for a in window.applications.every()] == ["Acme"]  # it reads the restored journal
    finally:
        window.close()


def test_restore_after_the_journal_was_deleted(journal_path, tmp_path):
    add(journal_path, "Acme")
    backups.automatic_backup(journal_path, TODAY)
    for path in [journal_path, Path(f"{journal_path}-wal"), Path(f"{journal_path}-shm")]:
        path.unlink(missing_ok=True)
    newest = backups.newest_sound_backup(journal_path)
    assert newest is not None
    with backups.prepared_restore(newest, journal_path) as plan:
        assert plan.current is None
        assert backups.restore(plan, TODAY) is None  # nothing to keep
    assert companies(journal_path) == ["Acme"]
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    Journal.open(journal_path).close()


def test_restore_brings_a_backup_from_an_older_onward_up_to_date(journal_path, tmp_path):
    from sqlite_utils import Database

    from tui.store import migrations

    old = tmp_path / "old.db"
    first = migrations._Registry()
    first.add(migrations.m001_journal)
    conn = sqlite3.connect(old)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    first.migrations.apply(Database(conn))
    conn.execute("INSERT INTO applications (company, role, applied_on) VALUES ('Initech', 'Analyst', '2025-01-02')")
    conn.commit()
    conn.close()
    add(journal_path, "Acme")
    with backups.prepared_restore(old, journal_path) as plan:
        assert plan.incoming.applications == 1
        backups.restore(plan, TODAY)
    conn = sqlite3.connect(journal_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    journal = Journal.open(journal_path)
    try:
        assert [a.company for a in journal.applications.every()] == ["Initech"]
    finally:
        journal.close()


def test_restore_refuses_to_replace_a_file_that_is_not_a_journal(tmp_path):
    add(tmp_path / "good.db", "Acme")
    backup = backups.write_backup(tmp_path / "good.db", tmp_path / "backup.db", today=TODAY)
    journal = tmp_path / "journal.db"
    journal.write_text("someone's notes")
    with pytest.raises(JournalError, match="move it away"):
        with backups.prepared_restore(backup, journal):
            pass
    assert journal.read_text() == "someone's notes"


# Check


def test_check_on_a_healthy_journal(demo_journal):
    health = backups.check_journal(demo_journal)
    assert health.healthy and health.contents is not None and health.contents.applications > 0
    assert health.describe().startswith("Journal is healthy: ")


def test_check_on_a_damaged_journal_points_to_the_newest_sound_backup(demo_journal, tmp_path):
    sound = backups.automatic_backup(demo_journal, TODAY - timedelta(days=2))
    damaged_backup = backups.automatic_backup(demo_journal, TODAY - timedelta(days=1))
    assert sound is not None and damaged_backup is not None
    corrupt(damaged_backup, page=6)
    copy = tmp_path / "copy" / "journal.db"
    copy.parent.mkdir()
    shutil.copyfile(demo_journal, copy)
    shutil.copytree(demo_journal.parent / "backups", copy.parent / "backups")
    corrupt(copy, page=6)
    before = fingerprint(copy.parent)
    health = backups.check_journal(copy)
    assert not health.healthy and health.describe().startswith("Journal is damaged: ")
    assert health.newest_backup == copy.parent / "backups" / sound.name  # the newer one is damaged too
    assert fingerprint(copy.parent) == before  # checking changed nothing


def test_check_reports_a_broken_link_between_records(journal_path):
    add(journal_path, "Acme")
    conn = sqlite3.connect(journal_path)  # foreign keys are off on a plain connection
    conn.execute("INSERT INTO events (application_id, \"on\", kind) VALUES (99, '2026-11-01', 'note')")
    conn.commit()
    conn.close()
    health = backups.check_journal(journal_path)
    assert not health.healthy
    assert health.problems == ["events row 1 points to a missing applications row"]


def test_check_on_a_journal_whose_first_page_is_overwritten(journal_path):
    add(journal_path, "Acme")
    with journal_path.open("r+b") as handle:
        handle.write(b"\x00" * 200)
    health = backups.check_journal(journal_path)
    assert not health.healthy and "does not read as an Onward journal" in health.describe()


def test_what_a_journal_holds_reads_plainly():
    assert Contents(1234, 1, 0, None).describe() == "1,234 applications, 0 steps, 1 reflection, 0 wins; nothing dated yet"
    assert Contents(1, 2, 1, date(2026, 11, 27), steps=1).describe() == "1 application, 1 step, 2 reflections, 1 win; last entry 2026-11-27"
    # Two journals that differ only in their steps (a pull's two lines) are told apart.
    assert Contents(1, 0, 0, None, steps=3).describe() != Contents(1, 0, 0, None, steps=4).describe()


@pytest.mark.parametrize("asked_for_last", [True, False])
def test_of_two_backups_in_one_minute_the_one_written_last_is_the_newest(tmp_path, monkeypatch, asked_for_last):
    """Found by a tester: the day's automatic backup and one asked for in the same minute (…-1808-auto.db and
    …-1808.db) tied, and `onward check` could name the older as the newest sound backup: restoring it lost
    what came after. Either may come second."""
    monkeypatch.setattr(backups, "_clock", lambda: "1808")
    journal_path = tmp_path / "journal.db"
    add(journal_path, "Alpha")
    first = backups.automatic_backup(journal_path, TODAY) if asked_for_last else backups.write_backup(journal_path, today=TODAY)
    add(journal_path, "Gamma")
    second = backups.write_backup(journal_path, today=TODAY) if asked_for_last else backups.automatic_backup(journal_path, TODAY)
    assert first is not None and second is not None and "-1808" in first.name and "-1808" in second.name
    os.utime(first, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # written a moment apart
    os.utime(second, ns=(1_700_000_001_000_000_000, 1_700_000_001_000_000_000))
    assert [backup.path for backup in backups.backups_of(journal_path)] == [first, second]
    assert backups.newest_sound_backup(journal_path) == second
    assert companies(second) == ["Alpha", "Gamma"]
