"""Provides undo: revert exactly one change, and refuse when someone else has changed its records since."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from tui.actions.automatic_wins import in_bulk, refresh_automatic_wins
from tui.actions.results import ChangedSince, Done, Refused
from tui.domain.changes import ApplicationScope, Delete, Record, RecordScope, RestDayScope, Scope, SettingScope, Step, Undo
from tui.store.repository import Journal, NotFound, RecordTaken


def record_undo(
    journal: Journal, description: str, steps: Iterable[Step], scopes: Iterable[Scope], *,
    subject: str = "", coalesce_key: str | None = None,
) -> Undo:
    """An undo record for a change just written (inside its transaction): its steps and its scopes as they are now."""
    if in_bulk(journal):
        return Undo(description, (), (), subject)  # a bulk load is not undone step by step
    guard = tuple((scope, journal.undo.fingerprint(scope)) for scope in dict.fromkeys(scopes))
    return Undo(description, tuple(steps), guard, subject, coalesce_key)


@dataclass(frozen=True)
class AsOpened:
    """A record as an edit form showed it: saving the form refuses when someone has changed it since."""

    scope: RecordScope
    fingerprint: tuple


T = TypeVar("T")


def as_opened(journal: Journal, record: Record, record_id: int) -> AsOpened:
    """What a record looks like now, for an edit form opening on it to pass to the action that saves it."""
    scope = RecordScope(record, record_id)
    return AsOpened(scope, journal.undo.fingerprint(scope))


def open_for_editing(journal: Journal, record: Record, record_id: int, read: Callable[[int], T]) -> tuple[AsOpened, T]:
    """A record for an edit form: its fingerprint first, then the record as it is now (the row a screen shows
    may predate a change made elsewhere); raises Refused when it is gone."""
    from tui.actions.results import found

    opened = as_opened(journal, record, record_id)
    return opened, found(read, record_id)


def refuse_if_changed_since(journal: Journal, opened: AsOpened | None, name: str) -> None:
    """Refuse (ChangedSince) to save a form over a record another window or the command line changed or removed
    after it was opened (the form would put back what it showed, wiping their change); `name` says which, in the
    user's words."""
    if opened is None:
        return
    try:
        journal.undo.record_values(opened.scope.record, opened.scope.id)
    except NotFound:
        raise ChangedSince(
            f"{name} was removed since you opened it (in another window or the command line); nothing was saved.",
            removed=True,
        ) from None
    if journal.undo.fingerprint(opened.scope) != opened.fingerprint:
        raise ChangedSince(
            f"{name} changed since you opened it (in another window or the command line); nothing was saved: "
            "Esc and open it again to see the change."
        )


def undo(journal: Journal, change: Undo) -> Done:
    """Revert `change`; raises Refused, changing nothing, when another window or the command line changed it since."""
    with journal.transaction():
        for scope, after in change.guard:
            if journal.undo.fingerprint(scope) != after:
                raise Refused(_not_undone(journal, change, scope, after))
        # Each change recorded the automatic wins it posted, moved or removed, so reverting its steps puts
        # them back exactly (same ids). Milestones also depend on records outside the guard (another window
        # may have logged steps since), so those are settled once more, leaving days as they are.
        kept = _words_kept(journal, change.steps)
        try:
            journal.undo.revert(change.steps)
        except RecordTaken:
            # Refused (so it leaves the undo list) rather than failing: it could never apply again.
            raise Refused(
                f"Can't undo “{change.description}”: another window or the command line added a record in its place "
                "since — not undone."
            ) from None
        for key, values in kept:
            journal.reflections.put_draft(key, values)
        touched = [scope.id for scope, _ in change.guard if isinstance(scope, ApplicationScope)]
        refresh_automatic_wins(journal, applications=touched, counts=True, streak=True, move_days=False)
    return Done(f"Undone: {change.description}.")


def _not_undone(journal: Journal, change: Undo, scope: Scope, after: tuple) -> str:
    """Why `change` is not undone, naming what it changed: gone from the journal (a restore from a backup, or a
    removal elsewhere), or changed since by another window or the command line."""
    named = change.subject or _THINGS.get(scope.record if isinstance(scope, RecordScope) else type(scope), "that")
    said = "" if change.subject else f"Can't undo “{change.description}”: "
    if not journal.undo.same_record(scope, after):
        return (
            f"{said}{named} is no longer in the journal (restored from a backup, or removed in another window or the "
            "command line) — nothing to undo."
        )
    return f"{said}{named} changed since (in another window or the command line) — not undone."


_THINGS: dict[object, str] = {
    Record.ACTION: "the step", Record.WIN: "the win", Record.REFLECTION: "the reflection", Record.PERSON: "that person",
    Record.EVENT: "the outcome", Record.APPLICATION: "the application", ApplicationScope: "the application",
    SettingScope: "the setting", RestDayScope: "the rest day",
}
"""What a change without a subject of its own changed, named by the scope it guards."""


def _words_kept(journal: Journal, steps: Iterable[Step]) -> list[tuple[str, dict[str, object]]]:
    """The reflections an undo takes away, as drafts their editor opens again (read before the undo): undoing
    the save of a new reflection, after minutes of writing, must not take the writing with it. A draft
    already waiting under the same key is left as it is."""
    from tui.domain.reflections import draft_key, editor_values  # (only an undo needs them: `onward add` doesn't load them)

    kept = []
    for step in steps:
        if isinstance(step, Delete) and step.record is Record.REFLECTION:
            try:
                reflection = journal.reflections.get(step.id)
            except NotFound:
                continue
            key = draft_key(None, reflection.application_id)
            if journal.reflections.draft_text(key) is None:
                kept.append((key, editor_values(reflection)))
    return kept
