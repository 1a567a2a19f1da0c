"""Provides writes_the_journal and not_opened: the app opens no form that writes the journal while the journal
may not write (it is behind its replica: `OnwardApp.push_screen`), so nobody types a whole form to be refused
at Save, nor reads and answers a whole question to be refused at its yes.

A screen says it is such a form with `WRITES_THE_JOURNAL = True` (every `Dialog` but the export, the import's
preview, and the one-key pickers that write: the stage of a rejection, how an interview went, the application
to merge), and a yes/no question that exists to write with `ConfirmDialog(…, writes=True)` (remove, log an
offer, reopen a closed application, merge, settle old history, add a second one that looks the same). A
question whose no matters too is not one (discard what was typed? quit?), nor is the reflection editor: what
is typed there while the journal is behind is kept as a draft, and `onward pull` carries it over."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.screen import Screen
from textual.widget import AwaitMount


def writes_the_journal(screen: object) -> bool:
    """Whether `screen` (a Screen, or an installed screen's name) is a form or a question whose answer is
    written to the journal."""
    return bool(getattr(screen, "WRITES_THE_JOURNAL", False))


def not_opened(front: Screen[Any], wait_for_dismiss: bool) -> Any:
    """What `push_screen` gives back for a form that was not opened: an awaitable done at once, and for
    `push_screen_wait` the answer of a form closed unanswered (None)."""
    if wait_for_dismiss:
        answered: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        answered.set_result(None)
        return answered
    return AwaitMount(front, [])  # mounts nothing: awaiting it is done at once
