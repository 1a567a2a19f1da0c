"""Restore is one exclusive step (issue 24, N12): the journal is locked from the moment the copy to keep is
taken until the backup is in place, so a write that was acknowledged is in the kept copy or in the restored
journal, never lost between the two."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from tests.conftest import TODAY
from tests.journal_steps import add_app
from tests.store.test_backups import add
from tui.domain.entries import ApplicationEntry
from tui.store import backups
from tui.store.database import JournalError
from tui.store.repository import Journal


def _companies(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {name for (name,) in conn.execute("SELECT company FROM applications")}
    finally:
        conn.close()


def _write(journal: Journal, name: str) -> bool:
    """One write as a front end makes it: True once it returned (acknowledged), False when it was refused."""
    try:
        add_app(journal, ApplicationEntry(name, "Analyst", TODAY))
    except JournalError:
        return False
    return True


def test_a_write_while_the_kept_copy_is_written_waits_or_is_refused_never_lost(tmp_path, monkeypatch):
    journal_path = tmp_path / "journal.db"
    add(journal_path, "Acme")
    backup = backups.write_backup(journal_path, tmp_path / "backup.db", today=TODAY)
    writer = Journal.open(journal_path)
    writer.wait_for_lock_at_most(50)
    acknowledged: list[str] = []
    real_write = backups.write_private_file

    def write_then_someone_writes(target, content, **options):
        written = real_write(target, content, **options)
        if target.name.endswith("-before-restore.db"):  # the kept copy is on disk; the backup not yet in place
            if _write(writer, "Written meanwhile"):
                acknowledged.append("Written meanwhile")
        return written

    monkeypatch.setattr(backups, "write_private_file", write_then_someone_writes)
    with backups.prepared_restore(backup, journal_path) as plan:
        kept = backups.restore(plan, TODAY)
    writer.close()
    assert kept is not None
    for name in acknowledged:
        assert name in _companies(kept) | _companies(journal_path), f"{name} was acknowledged, then lost"
    assert _companies(journal_path) == {"Acme"}


def test_writes_in_a_loop_during_restores_are_all_kept(tmp_path):
    journal_path = tmp_path / "journal.db"
    add(journal_path, "Acme")
    backup = backups.write_backup(journal_path, tmp_path / "backup.db", today=TODAY)
    acknowledged: list[str] = []
    stop = threading.Event()
    writing = threading.Event()

    def keep_writing() -> None:
        """As a loop of commands writes: open, one write, close (what issue 24 ran as `act other` in a loop)."""
        n = 0
        while not stop.is_set():
            name = f"e-{n}"
            journal = Journal.open(journal_path)
            try:
                if _write(journal, name):
                    acknowledged.append(name)
                    writing.set()
            finally:
                journal.close()
            n += 1

    thread = threading.Thread(target=keep_writing)
    thread.start()
    kept_copies = []
    try:
        assert writing.wait(timeout=60), "the writer never wrote"
        for _ in range(3):
            with backups.prepared_restore(backup, journal_path) as plan:
                kept_copies.append(backups.restore(plan, TODAY))
    finally:
        stop.set()
        thread.join()
    everywhere = _companies(journal_path).union(*(_companies(kept) for kept in kept_copies))
    lost = [name for name in acknowledged if name not in everywhere]
    assert acknowledged and not lost, f"{len(lost)} of {len(acknowledged)} acknowledged writes lost: {lost[:5]}"


def test_command_line_writes_while_the_command_line_restores_are_all_kept(tmp_path, monkeypatch, capsys):
    """The issue's repro: a process writing with `onward add` in a loop while `onward restore --yes` runs."""
    from tests.store.test_reliability import _acknowledged, _go, _start_writer
    from tui import cli

    journal_path = tmp_path / "journal.db"
    add(journal_path, "Acme")
    backup = backups.write_backup(journal_path, tmp_path / "backup.db", today=TODAY)
    writer = _start_writer(journal_path, "w", 12)
    _go(writer)
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    output = []
    assert writer.stdout is not None
    for line in writer.stdout:  # restore after the 2nd, 5th and 8th acknowledged write, while it goes on writing
        output.append(line)
        if len(output) in (2, 5, 8):
            assert cli.main(["--db", str(journal_path), "restore", str(backup), "--yes"]) == 0, capsys.readouterr().err
    writer.wait(timeout=120)
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    acknowledged = _acknowledged("".join(output))
    kept = [Path(p) for p in (tmp_path / "backups").glob("*-before-restore.db")]
    assert len(acknowledged) == 12 and len(kept) == 3
    everywhere = _companies(journal_path).union(*(_companies(k) for k in kept))
    assert acknowledged <= everywhere, f"lost {sorted(acknowledged - everywhere)}"
