"""Provides the guard of a remove or merge question: what the question named is taken (or moved) on yes only
while it is still so. A question stays up as long as the person reads it; another window or the command line
may add a note or an interview to the application meanwhile, and "Remove Zeta and its 1 step?" answered y must
not take those too (the edit forms refuse the same way: tui.actions.undo.refuse_if_changed_since)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.actions.results import ChangedSince
from tui.domain.changes import ApplicationScope, Record, RecordScope, Scope
from tui.domain.story import outcome_noun
from tui.domain.text import excerpt, number
from tui.store.repository import Journal, NotFound


@dataclass(frozen=True)
class AsAsked:
    """A record as a remove or merge question named it: the records tied to it and what they looked like."""

    record: Record
    id: int
    tied: tuple[tuple[Record, tuple[int, ...]], ...]
    fingerprint: tuple
    again: str
    """How to be asked again, in the front end's words ("press Delete again to see what goes")."""


def _scope(record: Record, record_id: int) -> Scope:
    return ApplicationScope(record_id) if record is Record.APPLICATION else RecordScope(record, record_id)


def _tied(journal: Journal, record: Record, record_id: int) -> tuple[tuple[Record, tuple[int, ...]], ...]:
    tied = journal.records.tied_to(record, record_id)
    return tuple((kind, tuple(sorted(tied.get(kind, [])))) for kind in (Record.EVENT, Record.ACTION, Record.REFLECTION, Record.WIN))


def as_asked(journal: Journal, record: Record, record_id: int, again: str) -> AsAsked:
    """What a record and everything tied to it look like now, taken as its question is put (`again`: how the
    person asks again, for the refusal to name)."""
    return AsAsked(record, record_id, _tied(journal, record, record_id), journal.undo.fingerprint(_scope(record, record_id)), again)


def _name(journal: Journal, record: Record, record_id: int) -> str:
    """The record in the refusal's words: "Zeta", "The interview at Zeta", "The step of 2026-12-08"."""
    if record is Record.APPLICATION:
        return excerpt(journal.applications.get(record_id).company)
    if record is Record.EVENT:
        event = journal.applications.event(record_id)
        return f"The {outcome_noun(event.kind, event.stage)} at {excerpt(journal.applications.get(event.application_id).company)}"
    if record is Record.ACTION:
        return f"The step of {journal.steps.get(record_id).on.isoformat()}"
    if record is Record.REFLECTION:
        return f"The reflection of {journal.reflections.get(record_id).on.isoformat()}"
    if record is Record.WIN:
        return f"The win “{excerpt(journal.wins.get(record_id).title)}”"
    return "That"


def _some(count: int, noun: str) -> str:
    if count > 1:
        return f"{number(count)} {noun}s"
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _counted(nouns: list[str]) -> list[str]:
    return [_some(nouns.count(noun), noun) for noun in dict.fromkeys(nouns)]


def _what_changed(journal: Journal, asked: AsAsked, now: tuple[tuple[Record, tuple[int, ...]], ...]) -> str:
    """"a note and an interview were added", "a step was removed", "it was edited"."""
    before, after = dict(asked.tied), dict(now)
    added = {kind: sorted(set(after.get(kind, ())) - set(before.get(kind, ()))) for kind in after}
    gone = {kind: sorted(set(before.get(kind, ())) - set(after.get(kind, ()))) for kind in before}
    # An outcome or reflection added brings its own step and win: named once, by what it is.
    events = [journal.applications.event(i) for i in added.get(Record.EVENT, [])]
    nouns = [outcome_noun(event.kind) for event in events]
    nouns += ["reflection"] * len(added.get(Record.REFLECTION, []))
    causes = {f"event:{i}" for i in added.get(Record.EVENT, [])} | {f"reflection:{i}" for i in added.get(Record.REFLECTION, [])}
    for action_id in added.get(Record.ACTION, []):
        values = dict(journal.undo.record_values(Record.ACTION, action_id))
        if values.get("event_id") not in added.get(Record.EVENT, []) and values.get("reflection_id") not in added.get(Record.REFLECTION, []):
            nouns.append("step")
    for win_id in added.get(Record.WIN, []):
        if dict(journal.undo.record_values(Record.WIN, win_id)).get("cause") not in causes:
            nouns.append("win")
    lost = ["outcome"] * len(gone.get(Record.EVENT, [])) + ["reflection"] * len(gone.get(Record.REFLECTION, []))
    if not lost:
        lost = ["step"] * len(gone.get(Record.ACTION, [])) + ["win"] * len(gone.get(Record.WIN, []))
    said = []
    if nouns:
        said.append(f"{_listed(_counted(nouns))} {'was' if len(nouns) == 1 else 'were'} added")
    if lost:
        verb = "removed" if nouns else f"{'was' if len(lost) == 1 else 'were'} removed"
        said.append(f"{_listed(_counted(lost))} {verb}")
    return " and ".join(said) if said else "it was edited"


def refuse_if_changed_since_asked(journal: Journal, asked: AsAsked | None, verb: str) -> None:
    """Refuse (ChangedSince), inside the action's transaction, when what the question named is no longer so:
    `verb` is what yes would have done ("removed", "merged")."""
    if asked is None:
        return
    try:
        name = _name(journal, asked.record, asked.id)
    except NotFound:
        raise ChangedSince(
            f"That was removed since you were asked (in another window or the command line); nothing was {verb}.",
            removed=True,
        ) from None
    now = _tied(journal, asked.record, asked.id)
    if now == asked.tied and journal.undo.fingerprint(_scope(asked.record, asked.id)) == asked.fingerprint:
        return
    raise ChangedSince(f"{name} changed since you were asked ({_what_changed(journal, asked, now)}) — not {verb}; {asked.again}.")
