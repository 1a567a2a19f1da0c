"""The app's backups: one automatic backup on the first open of a day (the newest 7 kept), written off the
first paint and never stopping the app, and "data: backup now" in the command palette."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest

from tests.app.test_inbox import notifications, seed
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.store import backups

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


async def backups_written(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_the_first_open_of_a_day_makes_one_automatic_backup_off_the_screens_thread(journal_path, monkeypatch):
    seed(journal_path, "Acme")
    threads = []
    original = backups.automatic_backup

    def recorded(*args):
        threads.append(threading.get_ident())
        return original(*args)

    monkeypatch.setattr("tui.app.backups.automatic_backup", recorded)
    run_app(OnwardApp(journal_path, today=TODAY), backups_written)
    assert len(threads) == 1 and threads[0] != threading.get_ident()  # the screen never waits on the copy
    automatic = backups.automatic_backups(journal_path)
    assert [b.day for b in automatic] == [TODAY]
    written = automatic[0].path
    run_app(OnwardApp(journal_path, today=TODAY), backups_written)  # the second open that day
    assert [b.path for b in backups.automatic_backups(journal_path)] == [written]
    run_app(OnwardApp(journal_path, today=TODAY + timedelta(days=1)), backups_written)
    assert [b.day for b in backups.automatic_backups(journal_path)] == [TODAY, TODAY + timedelta(days=1)]


def test_the_app_keeps_the_newest_seven_automatic_backups(journal_path):
    seed(journal_path, "Acme")
    for days_ago in range(10, 2, -1):
        backups.automatic_backup(journal_path, TODAY - timedelta(days=days_ago))
    run_app(OnwardApp(journal_path, today=TODAY), backups_written)
    days = [b.day for b in backups.automatic_backups(journal_path)]
    assert days == [TODAY - timedelta(days=n) for n in (8, 7, 6, 5, 4, 3, 0)]


def test_a_backup_that_fails_is_one_warning_and_the_app_carries_on(journal_path):
    seed(journal_path, "Acme")
    (journal_path.parent / "backups").write_text("a file where the folder should be")

    async def steps(pilot):
        await backups_written(pilot)
        said = [n for n in notifications(pilot.app) if "backup" in n.lower()]
        assert len(said) == 1 and "Today's automatic backup was not written" in said[0]
        assert any(n.severity == "warning" for n in pilot.app._notifications)
        await pilot.press("2")  # still answering keys
        await pilot.pause()
        assert pilot.app.current_mode == "reflections"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_backup_now_from_the_command_palette(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await backups_written(pilot)
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert "data: backup now" in commands
        commands["data: backup now"].callback()
        await backups_written(pilot)
        asked_for = [b for b in backups.backups_of(journal_path) if b.kind == ""]
        assert len(asked_for) == 1
        assert f"Backup Backed up to {asked_for[0].path}" in notifications(pilot.app)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_session_that_never_idles_writes_the_days_backup_as_it_ends(journal_path, monkeypatch, read_only):
    """Found by a tester: the day's backup waits for an idle moment after the first paint and quitting
    cancelled it, so 2-second opens (or keys every 0.6 s for 9 s) left days without one. The app the
    launcher runs writes it as it ends instead; a journal looked at only is never backed up."""
    seed(journal_path, "Acme")
    if read_only:
        from tests.app.test_looking_only import cannot_be_written

        cannot_be_written(monkeypatch, journal_path)

    async def never(self, seconds):  # the idle moment never comes: keys all along
        await asyncio.Event().wait()

    monkeypatch.setattr(OnwardApp, "_idle", never)

    async def steps(pilot):
        before = backups.automatic_backups(journal_path)
        await pilot.press("down")
        await pilot.pause()
        assert backups.automatic_backups(journal_path) == before  # not while the session goes on

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    assert backups.automatic_backups(journal_path) == []  # an app not asked to (a test's) leaves it
    run_app(OnwardApp(journal_path, today=TODAY, backup_as_it_ends=True), steps)
    written = backups.automatic_backups(journal_path)
    if read_only:
        assert written == [] and not (journal_path.parent / "backups").exists()
        return
    assert [backup.day for backup in written] == [TODAY]
    run_app(OnwardApp(journal_path, today=TODAY, backup_as_it_ends=True), steps)  # once a day, as ever
    assert backups.automatic_backups(journal_path) == written


def test_the_launcher_asks_its_app_for_the_backup_as_it_ends(monkeypatch, journal_path):
    from tui import cli

    made = {}

    class Recorded(OnwardApp):
        def __init__(self, *args, **kwargs):
            made.update(kwargs)
            super().__init__(*args, **kwargs)

        def run(self, *args, **kwargs):
            return None

    monkeypatch.setattr("tui.app.OnwardApp", Recorded)
    seed(journal_path, "Acme")
    cli.main(["--db", str(journal_path)])
    assert made.get("backup_as_it_ends") is True
