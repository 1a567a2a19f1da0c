"""`onward` with no command on a journal that can't be written opens the app on it (to be looked at: see
tests/app/test_looking_only.py) rather than refusing it; a command that writes is still refused, saying why."""

from __future__ import annotations

from pathlib import Path

from tui import cli
from tui.store import database
from tui.store.database import READ_ONLY_FILE


def test_the_app_opens_on_a_journal_that_cant_be_written(onward, journal_path, monkeypatch):
    assert onward("add", "Acme", "Analyst")[0] == 0
    decide = database.why_unwritable
    monkeypatch.setattr(database, "why_unwritable", lambda p: READ_ONLY_FILE if Path(p) == journal_path else decide(p))
    opened: list[Path] = []
    monkeypatch.setattr(cli, "_open_app", lambda path, today: opened.append(path) or 0)
    before = journal_path.read_bytes()
    status, _, err = onward()
    assert status == 0 and err == "" and opened == [journal_path]
    status, _, err = onward("add", "Beta", "Designer")
    assert status == 1 and "read-only; Onward needs to write to it" in err
    assert journal_path.read_bytes() == before
