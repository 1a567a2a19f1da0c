"""Provides what an action returns or raises: Done with its message and undo, Refused with a kind reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from tui.domain.text import excerpt
from tui.store.repository import NotFound

if TYPE_CHECKING:
    from tui.domain.changes import Undo
    from tui.domain.models import Application

T = TypeVar("T")


@dataclass(frozen=True)
class Done:
    """An action that was written: what to tell the user, and how to undo it."""

    message: str
    """One line, a full sentence; user text inside keeps its case."""
    undo: Undo | None = None
    id: int | None = None
    """The new (or changed) record's id, where there is one."""
    note: str = ""
    """A second, kind line: a gentle note after a rejection, a celebration after an offer."""
    in_app: str = ""
    """The message as the app says it, when `message` names ids (the command line's words; the app shows none)."""


class Refused(ValueError):
    """The action would change nothing or break a rule; nothing was written. The message says why, kindly;
    `in_app`, when given, says it without the ids the command line names (the app never shows them)."""

    def __init__(self, message: str = "", *, in_app: str = "") -> None:
        super().__init__(message)
        self.in_app = in_app


class ChangedSince(Refused):
    """A form's record was changed, or removed, in another window or the command line after the form opened it:
    nothing was saved over it (`tui.actions.undo.refuse_if_changed_since`)."""

    def __init__(self, message: str, *, removed: bool = False) -> None:
        super().__init__(message)
        self.removed = removed
        """Gone altogether, not only changed."""


class NeedsReopen(Refused):
    """The outcome would reopen a closed application: the app asks first, the command line wants --reopen."""

    def __init__(self, message: str, question: str, hint: str = "It logs the outcome and reopens the application.") -> None:
        super().__init__(message)
        self.question = question
        self.hint = hint
        """What yes does, under the question."""


class NotThere(Refused):
    """The record an action names is not in the journal. Its message names the id (the command line was given
    it: "There is no application with id 4."); `in_app` does not, for the app, which never shows ids."""

    def __init__(self, message: str) -> None:
        what = re.match(r"There is no (.+?) with id", message)
        super().__init__(
            message,
            in_app=f"That {what.group(1) if what else 'record'} is no longer in the journal (removed in another window "
            "or the command line).",
        )


def in_app_words(refusal: Exception) -> str:
    """A refusal (or any error) as the app says it: without the ids the command line names (`Refused.in_app`)."""
    return getattr(refusal, "in_app", "") or str(refusal)


def found(read: Callable[[int], T], record_id: int) -> T:
    """`read(record_id)`, or NotThere saying there is no such record (so the front ends say it kindly)."""
    try:
        return read(record_id)
    except NotFound as error:
        raise NotThere(str(error)) from None


class LooksLikeDuplicate(Refused):
    """The new application has the same company and role as one applied to within 60 days: the app asks
    first, the command line wants --again."""

    def __init__(self, existing: Application) -> None:
        title, day = excerpt(existing.title), existing.applied_on.isoformat()
        super().__init__(
            f"{title} is already in your journal (id {existing.id}, applied {day}); "
            "use --again if this is a new application."
        )
        self.existing = existing
        self.question = f"{title} is already in your journal (applied {day}). Add it again?"
        self.hint = "Yes adds a second one; they can be merged later."
