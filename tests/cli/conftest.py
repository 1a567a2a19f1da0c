"""The `onward` fixture: run the command line in-process against a test journal with today fixed."""

import pytest

from tests.conftest import make_empty_journal
from tui.cli import main


@pytest.fixture
def onward(journal_path, monkeypatch, capsys):
    """Run `onward` in-process against the test journal with today fixed; returns (status, out, err)."""
    monkeypatch.setenv("ONWARD_DB", str(journal_path))
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")

    def run(*argv: str):
        try:
            status = main(list(argv))
        except SystemExit as exit:
            status = exit.code
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture
def started(journal_path):
    """An empty journal at the test path, for commands that only read (they never start one)."""
    return make_empty_journal(journal_path)
