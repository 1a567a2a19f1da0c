"""Provides ReplicaWatch: while the app is open, Litestream copying its journal (when it has a replica), and
whether the journal may write, asked of the replica every few seconds and before each write."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from tui.paths import utc_now
from tui.store.database import JournalError

if TYPE_CHECKING:
    from tui.app import OnwardApp
    from tui.store.replica import Child

REPLICA_CHECK_SECONDS = 5.0
"""How often the app asks its replica whether another device wrote there (a file:// replica is also read
before every write; an sftp:// or s3:// one only this way: a process and a round trip each time)."""
REPLICA_ANSWER_SECONDS = 15.0
"""How long the app waits for an answer from its replica before writing on, saying it could not be asked."""
RESTART_AFTER_SECONDS = 1.0
"""A Litestream that copied at least this long before it ended is started again within a second."""


class ReplicaWatch:
    """The app's Litestream and the replica's last answer."""

    def __init__(self, app: OnwardApp) -> None:
        self.app = app
        self.child: Child | None = None
        """Litestream copying the journal while the app is open (when it has a replica)."""
        self.refusal = ""
        """Why this journal may not write now ('' when it may), as last asked (`refusal_now` asks again)."""
        self.answered = False
        """Whether the replica answered once (until then an sftp:// or s3:// replica's journal waits to write)."""
        self.checking = False
        self.answers = 0
        """How many answers a write asked for (`refusal_now`): a background check begun before one of them
        carries an older answer than the one already known."""
        self.said: set[str] = set()
        """The replica's lines the last answer showed (the next answer shows only new ones)."""

    def start(self) -> None:
        """Ask the replica (and start copying) in the background."""
        self.app.run_worker(self.copy(), group="replica", exit_on_error=False)

    async def copy(self) -> None:
        """With a replica chosen (onward replicate URL), Litestream copies the journal while the app is open."""
        from tui.actions import replica

        app = self.app
        if replica.configured(app.journal) is None or self.checking or app.journal.read_only:
            return  # (a journal looked at only is never written, so there is nothing new to copy)
        self.checking = True
        answers = self.answers
        try:
            child, check, message = await asyncio.to_thread(
                replica.start_copying, app.journal.path, utc_now(), start=self.child is None, seconds=REPLICA_ANSWER_SECONDS,
            )
        finally:
            self.checking = False
        refusal = check.refusal
        if self.answers != answers:
            refusal = self.refusal  # a write asked the replica meanwhile: its answer is the newer one
        self.child = self.child or child
        self.answered = True
        self.set_refusal(refusal)
        # Asked again every few seconds: each line is said when it first comes, not at every answer.
        if message and message not in self.said:
            app.notify(message, title="Replica", severity="error", timeout=30, markup=False)
        if check.lag and check.lag not in self.said:
            app.notify(check.lag, title="Replica", severity="warning", timeout=30, markup=False)
        self.said = {message, check.lag}
        from tui import textual_compat

        if textual_compat.is_closing(app) and self.child is not None:
            self.child.stop()  # the app closed while it started

    def ask_again(self) -> None:
        """Every few seconds while the app is open: has another device written to the replica since? (And
        Litestream, if it ended, is started again.)"""
        from tui.actions import replica

        try:
            if self.checking or replica.configured(self.app.journal) is None:
                return
        except JournalError:
            return  # locked for the moment: asked on the next tick
        if self.child is not None and not self.child.running():
            self.child = None  # Litestream ended (killed, crashed): started again now if the journal may write
        self.start()

    def restart_if_ended(self) -> None:
        """Every second while the app is open: Litestream ended (killed, crashed) after copying for a while is
        started again now, not at the next ask up to REPLICA_CHECK_SECONDS later. Until it runs, writes are
        only in this journal, and a laptop lost meanwhile loses them (a crash should lose at most the last two
        seconds). One that ends as soon as it starts is left to the next ask, so it is not started every second."""
        child = self.child
        if child is None or self.checking or child.running() or child.ran_for() < RESTART_AFTER_SECONDS:
            return
        self.ask_again()

    def refusal_now(self, *, writing: bool = True) -> str:
        """Why a write is refused at this moment ('' when it may): the journal is behind its replica. A file://
        replica is read now (~0.1 ms); an sftp:// or s3:// one goes by its last answer (asked every few
        seconds), and until its first answer writes wait for it. Asked before each write: when it may, this
        device is recorded as the replica's writer first (once; opening the app writes nothing).
        `writing=False`: asked before a form opens, not a write: nothing is recorded (a form closed unsaved
        would leave the other device behind for nothing), and a replica yet to answer holds no form back (its
        save asks again)."""
        from tui.actions import replica

        try:
            now = replica.refusal_now(self.app.journal)
        except JournalError:
            return self.refusal
        if now is None:
            now = self.refusal if self.answered else replica.STILL_ASKING if writing else ""
        else:
            self.answers += 1
            self.set_refusal(now)
        if not now and writing:
            try:
                replica.claim_writes(self.app.journal, utc_now())  # a write follows: this device is the writer
            except JournalError:
                pass  # locked for the moment: the write that follows says so
        return now

    def set_refusal(self, refusal: str) -> None:
        """Writes are refused (or allowed again) from now on. Litestream copying the journal is halted at
        once when another device wrote to the replica (what this journal wrote meanwhile stays here, for
        `onward pull` to keep); it starts again once the journal may write."""
        was, self.refusal = self.refusal, refusal
        if refusal and self.child is not None:
            self.child.halt()
            self.child = None
        if was and not refusal and not self.checking:
            self.start()

    def stop(self) -> None:
        """The app is closing: Litestream stops (having copied what it had)."""
        if self.child is not None:
            self.child.stop()
