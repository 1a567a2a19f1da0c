"""Provides the actions on reflections: save one (new or edited, undoable), and keep or drop an editor's draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.actions.automatic_wins import refresh_automatic_wins
from tui.actions.results import Done, found
from tui.actions.undo import AsOpened, as_opened, record_undo, refuse_if_changed_since
from tui.domain.changes import ApplicationScope, Delete, Record, RecordScope, Restore, Scope, Step
from tui.domain.models import ActionKind, Stage
from tui.domain.reflections import ReflectionEntry
from tui.store.repository import Journal

_EDITABLE = (
    "mood", "feelings", "stage", "went_well", "do_differently", "gaps", "stumbles",
    "next_step", "next_step_on", "talk_to", "body", "feedback", "updated_at",
)


@dataclass(frozen=True)
class ReflectionSaved(Done):
    """A reflection saved, and how it looks as saved: an editor saving it again passes that back as `opened`."""

    as_saved: AsOpened | None = None


def save_reflection(
    journal: Journal,
    entry: ReflectionEntry,
    today: date,
    *,
    reflection_id: int | None = None,
    application_id: int | None = None,
    opened: AsOpened | None = None,
) -> ReflectionSaved:
    """Create or update a reflection, and record today's 'reflection' step once for it. `opened`: the reflection
    as the editor last loaded or saved it (ChangedSince, nothing written, when another window or the command
    line changed or removed it since).

    Saves of one reflection in a row undo together (autosave writes often; z takes it back to before).
    """
    with journal.transaction():
        steps: list[Step] = []
        if reflection_id is None:
            if application_id is not None:
                found(journal.applications.get, application_id)
            reflection_id = journal.reflections.insert_reflection(entry, today, application_id)
            steps.append(Delete(Record.REFLECTION, reflection_id))
        else:
            refuse_if_changed_since(journal, opened, "The reflection")
            before = found(journal.reflections.get, reflection_id)
            application_id = before.application_id
            old = tuple(pair for pair in journal.undo.record_values(Record.REFLECTION, reflection_id) if pair[0] in _EDITABLE)
            steps.append(Restore(Record.REFLECTION, reflection_id, old))
            journal.reflections.update_reflection_row(reflection_id, entry)
        if application_id is not None and entry.stage is not None:
            # The stage reached is one fact, the rejection's (PRODUCT "One story"): the editor's field sets it.
            rejection = found(journal.applications.get, application_id).rejection
            if rejection is not None and rejection.stage != entry.stage:
                stored = rejection.stage.value if rejection.stage else None
                steps.append(Restore(Record.EVENT, rejection.id, (("stage", stored),)))
                journal.applications.update_event_row(rejection.id, rejection.on, entry.stage, rejection.note)
        step_id = journal.steps.insert_action(today, ActionKind.REFLECTION, reflection_id=reflection_id, automatic=True)
        if step_id is not None and not isinstance(steps[0], Delete):
            steps.append(Delete(Record.ACTION, step_id))
        scopes: list[Scope] = [RecordScope(Record.REFLECTION, reflection_id)]
        if application_id is not None:
            scopes.append(ApplicationScope(application_id))
        steps += refresh_automatic_wins(
            journal, applications=[application_id] if application_id is not None else [], streak=step_id is not None
        )
        change = record_undo(
            journal, "saved the reflection", steps, scopes, subject="The reflection",
            coalesce_key=f"reflection:{reflection_id}",
        )
        # Read inside the transaction: a write from another window right after it must not pass for this one's.
        saved = as_opened(journal, Record.REFLECTION, reflection_id)
    return ReflectionSaved("Reflection saved. Well done for taking the time.", change, reflection_id, as_saved=saved)


def stage_reached_follows(journal: Journal, application_id: int, stage: Stage | None) -> list[Step]:
    """Give the reflections on an application the stage its rejection now says (logged or edited): the stage
    reached is one fact (PRODUCT "One story per application"), so the Reflections list, a shared summary and the
    export say what the Inbox and Lessons say. Returns the steps that undo it."""
    steps: list[Step] = []
    for reflection in journal.reflections.of_application(application_id):
        if reflection.stage != stage:
            stored = reflection.stage.value if reflection.stage else None
            steps.append(Restore(Record.REFLECTION, reflection.id, (("stage", stored),)))
            journal.reflections.set_stage(reflection.id, stage)
    return steps


def keep_draft(journal: Journal, key: str, values: dict[str, object]) -> None:
    """Keep exactly what an editor holds when it can't be saved yet (no mood, a day that doesn't parse)."""
    with journal.transaction():
        journal.reflections.put_draft(key, values)


def drop_draft(journal: Journal, key: str) -> None:
    with journal.transaction():
        journal.reflections.delete_draft(key)
