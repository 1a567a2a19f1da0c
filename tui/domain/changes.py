"""Provides undo records as data: which records a change touched, how to put them back, and what they
looked like right after, so an undo can tell whether someone else has changed them since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.domain.models import Record

__all__ = [
    "ApplicationScope", "Bury", "Delete", "Record", "RecordScope", "Reinsert", "Restore", "RestDayScope", "Scope",
    "SetDraft", "SetRestDay", "SetSetting", "SettingScope", "Step", "Unbury", "Undo",
]


# What an undo does, step by step (applied newest first).


@dataclass(frozen=True)
class Delete:
    """Remove a record this change created (and whatever hangs off it)."""

    record: Record
    id: int


@dataclass(frozen=True)
class Restore:
    """Put a record's columns back to what they were before the change."""

    record: Record
    id: int
    values: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Reinsert:
    """Put back a record this change removed, with its own id."""

    record: Record
    values: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class SetSetting:
    """Give a setting back its stored value (JSON text), or None to forget it."""

    key: str
    value: str | None


@dataclass(frozen=True)
class SetRestDay:
    """Mark or unmark one rest day."""

    day: date
    rest: bool


@dataclass(frozen=True)
class Unbury:
    """Let an automatic win the user removed be posted again."""

    cause: str


@dataclass(frozen=True)
class Bury:
    """Keep an automatic win from being posted again (the change let its cause post it)."""

    cause: str


@dataclass(frozen=True)
class SetDraft:
    """Give an editor's draft back its stored text (JSON), or None to forget it."""

    key: str
    value: str | None


Step = Delete | Restore | Reinsert | SetSetting | SetRestDay | Unbury | Bury | SetDraft


# What a change touched: the records an undo checks for changes made by someone else since.


@dataclass(frozen=True)
class ApplicationScope:
    """An application with its timeline, its steps, its reflections and its wins."""

    id: int


@dataclass(frozen=True)
class RecordScope:
    """One record on its own (an action, a win, a reflection)."""

    record: Record
    id: int


@dataclass(frozen=True)
class SettingScope:
    """One setting (a stored value by its key)."""

    key: str


@dataclass(frozen=True)
class RestDayScope:
    """One day's rest mark."""

    day: date


Scope = ApplicationScope | RecordScope | SettingScope | RestDayScope


@dataclass(frozen=True)
class Undo:
    """How to undo one change: `steps` revert it; `guard` holds each touched scope as it was right after."""

    description: str
    steps: tuple[Step, ...]
    guard: tuple[tuple[Scope, Any], ...]
    subject: str = ""
    """Whose records these are, in the user's words ("Acme"), for the message when undo refuses."""
    coalesce_key: str | None = None
    """Changes with the same key in a row (autosaves of one reflection) undo together, as one."""
    not_undone: str = ""
    """For a change z does not undo (an import): what z says instead, naming how to take it back. It stays
    newest, so z never reaches past it to a change made before it."""

    @property
    def sentence(self) -> str:
        """The description as a sentence: first letter up, full stop; user text inside keeps its case."""
        return f"{self.description[:1].upper()}{self.description[1:]}."

    def then(self, newer: Undo) -> Undo:
        """This change and a newer one with the same coalesce key, as one undo back to before this one."""
        guard = dict(self.guard)
        guard.update(newer.guard)
        # Steps run newest first, so the newer change is reverted before this one.
        return Undo(self.description, self.steps + newer.steps, tuple(guard.items()), self.subject, self.coalesce_key)
