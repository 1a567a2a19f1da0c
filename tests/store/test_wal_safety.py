"""A -wal file beside a journal (or a backup) is replayed into it only when it is that journal's own, and a
journal from a newer Onward is read without anything being checkpointed or removed (issue 24: B6, N11, B8)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tui import cli
from tui.store import backups
from tui.store.database import JournalError, open_journal
from tui.store.migrations import SCHEMA_VERSION
from tui.store.repository import Journal
from tests.conftest import TODAY
from tests.journal_steps import add_app
from tui.domain.entries import ApplicationEntry


def _foreign_wal(folder: Path) -> bytes:
    """The -wal of another program's database, left un-checkpointed (what a synced folder can put beside a journal)."""
    other = folder / "x.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE foreign_things (a)")
    conn.execute("INSERT INTO foreign_things VALUES (1)")
    conn.commit()
    content = Path(f"{other}-wal").read_bytes()
    conn.close()  # (its own -wal is checkpointed and removed; the copy taken above stays)
    return content


def _journal_with_one(path: Path) -> None:
    journal = Journal.open(path)
    add_app(journal, ApplicationEntry("Acme", "Analyst", TODAY))
    journal.close()


def _companies(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [name for (name,) in conn.execute("SELECT company FROM applications ORDER BY id")]
    finally:
        conn.close()


def _set_aside(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}-wal.foreign-*"))


def test_a_foreign_wal_beside_the_journal_is_set_aside_not_replayed(tmp_path):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    wal = _foreign_wal(tmp_path)
    Path(f"{journal}-wal").write_bytes(wal)
    with pytest.raises(JournalError, match="another database") as refused:
        Journal.open(journal)
    assert "\n" not in str(refused.value)
    aside = _set_aside(tmp_path, "j.db")
    assert len(aside) == 1 and aside[0].read_bytes() == wal
    assert not Path(f"{journal}-wal").exists()
    journal_after = Journal.open(journal)  # the next open finds the journal as it was
    journal_after.close()
    assert _companies(journal) == ["Acme"]


def test_the_command_line_reports_a_foreign_wal_and_keeps_every_row(tmp_path, monkeypatch, capsys):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    Path(f"{journal}-wal").write_bytes(_foreign_wal(tmp_path))
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert cli.main(["--db", str(journal), "add", "New Co", "Role"]) == cli.EXIT_JOURNAL
    err = capsys.readouterr().err
    assert "another database" in err and "foreign" in err
    assert cli.main(["--db", str(journal), "add", "New Co", "Role"]) == 0
    assert _companies(journal) == ["Acme", "New Co"]


def test_a_command_that_only_reads_says_what_was_moved_and_goes_on(tmp_path, monkeypatch, capsys):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    wal = _foreign_wal(tmp_path)
    Path(f"{journal}-wal").write_bytes(wal)
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert cli.main(["--db", str(journal), "list"]) == 0
    out, err = capsys.readouterr()
    assert "Acme — Analyst" in out  # the list itself, not "run the command again"
    assert "another database" in err and "j.db-wal.foreign-" in err and err.rstrip().endswith("The journal was not changed.")
    assert "Nothing was changed" not in err and "run the command again" not in err
    assert [p.read_bytes() for p in _set_aside(tmp_path, "j.db")] == [wal]
    assert _companies(journal) == ["Acme"]


def test_a_backup_goes_on_once_a_foreign_wal_is_moved_aside(tmp_path, monkeypatch, capsys):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    Path(f"{journal}-wal").write_bytes(_foreign_wal(tmp_path))
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert cli.main(["--db", str(journal), "backup", "-o", str(tmp_path / "copy.db")]) == 0
    out, err = capsys.readouterr()
    assert "Backed up to" in out and "The journal was not changed." in err
    assert _companies(tmp_path / "copy.db") == ["Acme"]


def test_a_command_that_writes_stops_saying_the_journal_was_not_changed(tmp_path, monkeypatch, capsys):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    Path(f"{journal}-wal").write_bytes(_foreign_wal(tmp_path))
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert cli.main(["--db", str(journal), "add", "New Co", "Role"]) == cli.EXIT_JOURNAL
    err = capsys.readouterr().err
    assert "The journal was not changed; run the command again." in err and "Nothing was changed" not in err
    assert _companies(journal) == ["Acme"]


def test_the_journals_own_wal_is_replayed(tmp_path):
    """What the check must never take for foreign: the journal's own un-checkpointed writes."""
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    conn = sqlite3.connect(journal)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE applications SET company = 'Renamed'")
    conn.execute("PRAGMA user_version = %d" % SCHEMA_VERSION)  # page 1 written in the -wal too
    conn.commit()
    copy = tmp_path / "copy.db"
    shutil.copy(journal, copy)
    shutil.copy(f"{journal}-wal", f"{copy}-wal")  # as a crash would leave it
    conn.close()
    db = open_journal(copy)
    db.close()
    assert _companies(copy) == ["Renamed"]
    assert _set_aside(tmp_path, "copy.db") == []


def test_a_foreign_wal_beside_a_restore_source_is_set_aside(tmp_path):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    source = backups.write_backup(journal, tmp_path / "g.bak", today=TODAY)
    before = source.read_bytes()
    Path(f"{source}-wal").write_bytes(_foreign_wal(tmp_path))
    with pytest.raises(JournalError, match="another database"):
        with backups.prepared_restore(source, journal):
            pass
    assert source.read_bytes() == before
    assert len(_set_aside(tmp_path, "g.bak")) == 1
    with backups.prepared_restore(source, journal) as plan:
        assert plan.incoming.applications == 1


def test_check_sets_a_foreign_wal_aside_and_reads_the_journal_alone(tmp_path):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    Path(f"{journal}-wal").write_bytes(_foreign_wal(tmp_path))
    health = backups.check_journal(journal)
    assert health.healthy, health.describe()
    assert any("another database" in note for note in health.notes)
    assert _companies(journal) == ["Acme"]


# A journal from a newer Onward


def _newer_with_a_row_in_the_wal(tmp_path: Path) -> Path:
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    conn = sqlite3.connect(journal)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("INSERT INTO settings (key, value) VALUES ('from_newer', '1')")
    conn.commit()
    newer = tmp_path / "newer.db"
    shutil.copy(journal, newer)
    shutil.copy(f"{journal}-wal", f"{newer}-wal")
    conn.close()
    return newer


@pytest.mark.parametrize("argv", [["streak"], ["add", "New Co", "Role"], ["backup"], ["check"], ["list"]])
def test_a_newer_journal_is_left_byte_for_byte(tmp_path, monkeypatch, capsys, argv):
    newer = _newer_with_a_row_in_the_wal(tmp_path)
    wal = Path(f"{newer}-wal")
    before = (newer.read_bytes(), wal.read_bytes())
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert cli.main(["--db", str(newer), *argv]) != 0
    err, out = capsys.readouterr()[::-1]
    assert "newer Onward" in err + out
    assert "damaged" not in err + out
    assert wal.exists() and (newer.read_bytes(), wal.read_bytes()) == before


def test_check_says_a_newer_journal_was_made_by_a_newer_onward(tmp_path):
    health = backups.check_journal(_newer_with_a_row_in_the_wal(tmp_path))
    assert not health.healthy
    assert "made by a newer Onward" in health.describe()
    assert "damaged" not in health.describe()


def test_check_does_not_call_a_journal_with_an_unknown_migration_healthy(tmp_path):
    journal = tmp_path / "j.db"
    _journal_with_one(journal)
    conn = sqlite3.connect(journal)
    conn.execute("UPDATE _sqlite_migrations SET name = 'm011_something_else' WHERE name LIKE 'm011%'")
    conn.commit()
    conn.close()
    health = backups.check_journal(journal)
    assert not health.healthy
    assert "m011_something_else" in health.describe()
    with pytest.raises(JournalError, match="newer Onward"):
        open_journal(journal)
