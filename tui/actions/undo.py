"""Provides undo: revert exactly one change, and refuse when someone else has changed its records since."""

from __future__ import annotations

from collections.abc import Iterable

from tui.actions.automatic_wins import refresh_automatic_wins
from tui.actions.results import Done, Refused
from tui.domain.changes import ApplicationScope, Record, RecordScope, RestDayScope, Scope, SettingScope, Step, Undo
from tui.store.repository import Journal


def record_undo(
    journal: Journal, description: str, steps: Iterable[Step], scopes: Iterable[Scope], *,
    subject: str = "", coalesce_key: str | None = None,
) -> Undo:
    """An undo record for a change just written (inside its transaction): its steps and its scopes as they are now."""
    guard = tuple((scope, journal.fingerprint(scope)) for scope in dict.fromkeys(scopes))
    return Undo(description, tuple(steps), guard, subject, coalesce_key)


def undo(journal: Journal, change: Undo) -> Done:
    """Revert `change`; raises Refused, changing nothing, when another window or the command line changed it since."""
    with journal.transaction():
        for scope, after in change.guard:
            if journal.fingerprint(scope) != after:
                who = change.subject or "That"
                raise Refused(f"{who} changed since (in another window or the command line) — not undone.")
        journal.revert(change.steps)
        applications = [scope.id for scope, _ in change.guard if isinstance(scope, ApplicationScope)]
        touches_steps = any(
            isinstance(scope, (SettingScope, RestDayScope))
            or (isinstance(scope, RecordScope) and scope.record in (Record.ACTION, Record.REFLECTION))
            for scope, _ in change.guard
        )
        refresh_automatic_wins(
            journal, applications=applications, counts=bool(applications), streak=touches_steps or bool(applications)
        )
    return Done(f"Undone: {change.description}.")
