"""A journal damaged where the first screen does not look opens with one notice naming `onward check`, and
every corner says "damaged"; its daily backup is not written (try7 N: it opened without a word, and the first
sign was a form refused after it was typed)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.app.test_backup_app import backups_written
from tests.app.test_inbox import notifications, seed
from tests.conftest import TODAY, run_app
from tui.actions.journals import damage_found
from tui.app import OnwardApp
from tui.paths import onward_command
from tui.store import backups
from tui.widgets.streak_badge import StreakBadge

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def damage_a_page_the_inbox_does_not_read(path) -> None:
    """Overwrite the page of an index only Lessons reads (as a disk error would), leaving the rest readable."""
    connection = sqlite3.connect(path)
    try:
        page = connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'actions_learning_gaps'").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xff" * size)


def test_the_check_tells_a_sound_journal_from_a_damaged_one(journal_path):
    seed(journal_path, "Acme", "Birch")
    assert backups.reads_soundly(journal_path) and damage_found(journal_path) == ""
    damage_a_page_the_inbox_does_not_read(journal_path)
    assert not backups.reads_soundly(journal_path)
    assert damage_found(journal_path) == (
        f"{journal_path} is damaged: some of it can't be read. `{onward_command(journal_path, 'check')}` says what, "
        "and names the newest sound backup to restore; until then a change may not be saved."
    )


def test_a_damaged_journal_says_so_once_as_it_opens_marks_the_corner_and_is_not_backed_up(journal_path):
    seed(journal_path, "Acme", "Birch")
    damage_a_page_the_inbox_does_not_read(journal_path)

    async def steps(pilot):
        await backups_written(pilot)
        said = [n for n in notifications(pilot.app) if "damaged" in n]
        assert said == [f"Damaged journal {damage_found(journal_path)}"]
        assert str(pilot.app.screen.query_one(StreakBadge).render()).startswith("damaged ")
        await pilot.press("2")
        await pilot.pause()
        assert str(pilot.app.screen.query_one(StreakBadge).render()).startswith("damaged ")

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    assert backups.automatic_backups(journal_path) == []  # a damaged copy would push a sound one out


def test_a_sound_journal_opens_without_a_word_and_is_backed_up(journal_path):
    seed(journal_path, "Acme", "Birch")

    async def steps(pilot):
        await backups_written(pilot)
        assert not [n for n in notifications(pilot.app) if "damaged" in n]
        assert not str(pilot.app.screen.query_one(StreakBadge).render()).startswith("damaged")

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    assert [b.day for b in backups.automatic_backups(journal_path)] == [TODAY]
