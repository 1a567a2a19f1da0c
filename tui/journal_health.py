"""Provides JournalHealth: whether the open journal reads soundly, looked at once as the app starts, and the
day's automatic backup, written only of a journal that does.

A journal damaged where the first screen does not look (a page overwritten deep in ten years) opens as if
nothing were wrong; the first sign used to be a form refused after it was typed ("damaged or not an Onward
journal"). SQLite's quick_check (~30–120 ms on ten years) runs in a thread once the first paint is done, so a
healthy journal's start pays nothing for it; a damaged one gets one notice, as a read-only one does, and the
corner says "damaged". Its backup is not written: a damaged copy would push a sound one out of the seven kept."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import TYPE_CHECKING

from tui.actions import backups
from tui.actions.journals import damage_found

if TYPE_CHECKING:
    from tui.app import OnwardApp


class JournalHealth:
    """The app's look at its journal's soundness (`start` after the first paint) and its daily backup."""

    def __init__(self, app: OnwardApp) -> None:
        self.app = app
        self.damage = ""
        """What is wrong with the journal and what to do, in words ('' while it reads soundly or is unchecked)."""
        self._checking: asyncio.Task[str] | None = None

    def start(self) -> None:
        """Look at the journal in a thread (the screen keeps drawing); once, however often it is asked."""
        if self._checking is None and not self.app.journal.read_only:  # a looked-at copy already has its notice
            self._checking = asyncio.create_task(self._check())

    async def _check(self) -> str:
        try:
            damage = await asyncio.to_thread(damage_found, self.app.journal.path)
        except Exception:  # a check that can't run finds nothing: the journal's own reads say what is wrong
            return ""
        if damage:
            self.damage = damage
            self.app.notify(damage, title="Damaged journal", severity="error", timeout=30, markup=False)
            self._mark_the_corners()
        return damage

    def _mark_the_corners(self) -> None:
        from tui.widgets.streak_badge import StreakBadge

        for mode in self.app.MODES:
            with suppress(KeyError):
                for screen in self.app.get_screen_stack(mode):
                    for badge in screen.query(StreakBadge):
                        badge.refresh_streak()

    async def daily_backup(self) -> None:
        """The day's automatic backup on its first open (kept: the newest 7), written in a thread once the
        app is idle after the first paint (OnwardApp `_warm_up`). It never stops the app: a failure is one
        warning. A journal looked at only is not backed up: it is kept somewhere else already (a backup disk, a
        shared copy); nor is a damaged one."""
        if self.app.journal.read_only:
            return
        self.start()
        if self._checking is not None and await self._checking:
            return
        self.app.daily_backup_begun = True
        try:
            await asyncio.to_thread(backups.automatic_backup, self.app.journal.path, self.app.today)
        except Exception as error:  # whatever goes wrong with a backup, the journal itself is untouched
            self.app.notify(f"Today's automatic backup was not written: {error}", title="Backup", severity="warning", markup=False)

    def backup_as_it_ends(self) -> None:
        """The day's backup of a session too short or too busy for the idle moment it waits for (a tester's
        2-second opens, keys every 0.6 s), written as the app ends; a failure waits for the next open."""
        if self.app.daily_backup_begun or self.app.journal.read_only or self.damage:
            return
        if self._checking is None or not self._checking.done():
            with suppress(Exception):
                if damage_found(self.app.journal.path):
                    return
        with suppress(Exception):
            backups.automatic_backup(self.app.journal.path, self.app.today)
