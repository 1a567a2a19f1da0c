"""Provides fixing the past: edit any outcome or step, remove any record (an application with everything
tied to it), and merge duplicate applications (tui.actions.applications finds them as one is added). Each
is one transaction with its undo."""

from __future__ import annotations

import json
from datetime import date

from tui.actions.as_asked import AsAsked, refuse_if_changed_since_asked
from tui.actions.automatic_wins import refresh_automatic_wins, wins_a_removal_takes
from tui.actions.results import Done, Refused, found
from tui.actions.reflections import stage_reached_follows
from tui.actions.steps import logged_by_themselves
from tui.actions.undo import AsOpened, record_undo, refuse_if_changed_since
from tui.actions.wins import remove_win
from tui.domain.changes import (
    ApplicationScope,
    Bury,
    Record,
    RecordScope,
    Reinsert,
    Restore,
    Scope,
    SetDraft,
    Step,
)
from tui.domain.attention import asks_sentence, merged
from tui.domain.entries import ApplicationEntry
from tui.domain.models import HAND_LOGGED_KINDS, ActionKind, Application, Held, OutcomeEvent, OutcomeKind, Stage
from tui.domain.dates import day_name, on_day_name
from tui.domain.story import Happened, before_applying, happened, has_a_day_it_happened, outcome_noun, step_noun, step_words, takes_place_on
from tui.domain.text import MAX_NOTE_LENGTH, check_length, clean_block, excerpt, plural
from tui.store.repository import Journal

# Editing


def _checked_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = clean_block(note)
    problem = check_length("Note", note, MAX_NOTE_LENGTH)
    if problem:
        raise Refused(problem)
    return note


def _event_label(event: OutcomeEvent) -> str:
    return outcome_noun(event.kind, event.stage)


def edit_event(
    journal: Journal,
    event_id: int,
    *,
    on: date | None = None,
    stage: Stage | None = None,
    note: str | None = None,
    today: date,
    opened: AsOpened | None = None,
) -> Done:
    """Change an outcome's day (the day it happened: a held screening's or interview's own day, its logged day
    kept, as its invitation's win stands on it), stage (rejections only) or note; the step and the win it earned
    move with it. `opened`: the outcome as the form showed it (refused when it changed since)."""
    note = _checked_note(note)
    with journal.transaction():
        event = found(journal.applications.event, event_id)
        app = found(journal.applications.get, event.application_id)
        refuse_if_changed_since(journal, opened, f"The {_event_label(event)} at {excerpt(app.company)}")
        if stage is not None and event.kind is not OutcomeKind.REJECTED:
            raise Refused("A stage goes only with a rejection.")
        company = excerpt(app.company)
        day_was = takes_place_on(event)  # the day it happened (the one rule: tui.domain.story)
        new_day = day_was if on is None else on
        own_day = event.takes_place_on is not None
        if new_day != day_was and not has_a_day_it_happened(event):
            raise Refused(_no_day_to_fix(journal, event, app, today))
        new_stage = event.stage if stage is None else stage
        new_note = event.note if note is None else note
        if (new_day, new_stage, new_note) == (day_was, event.stage, event.note):
            raise Refused(f"The {_event_label(event)} at {company} already reads so; nothing changed.")
        new_on = event.on if own_day else new_day
        early = before_applying(app, new_on, new_day)
        if early:
            raise Refused(early)
        if new_day > today and new_day != day_was:  # one still planned keeps its day ahead
            raise Refused(f"{new_day.isoformat()} is still to come; an outcome is dated on the day it happened.")
        if event.kind is OutcomeKind.NOTE and not new_note:
            raise Refused("A note needs some words; nothing was changed.")
        if event.kind is OutcomeKind.FOLLOWED_UP and new_on != event.on and journal.applications.follow_ups_on(app.id, new_on):
            raise Refused(f"You already followed up with {company} on {new_on.isoformat()} — once a day is plenty.")
        old = tuple(
            pair for pair in journal.undo.record_values(Record.EVENT, event_id) if pair[0] in ("on", "stage", "note", "takes_place_on")
        )
        steps: list[Step] = [Restore(Record.EVENT, event_id, old)]
        journal.applications.update_event_row(event_id, new_on, new_stage, new_note, takes_place_on=new_day if own_day else None)
        scopes: list[Scope] = [ApplicationScope(app.id)]
        if new_stage != event.stage:
            carried = stage_reached_follows(journal, app.id, new_stage)
            steps += carried
            scopes += [RecordScope(Record.REFLECTION, step.id) for step in carried if isinstance(step, Restore)]
        steps_moved = False
        if new_day != day_was:
            # The step it earned (a follow-up, an interview attended) counts on the day it happened.
            for action in journal.steps.of_event(event_id):
                if action.automatic and action.on == day_was:
                    steps.append(Restore(Record.ACTION, action.id, (("on", action.on.isoformat()),)))
                    journal.steps.update_action_row(action.id, new_day, action.kind, action.note)
                    steps_moved = True
        if new_on != event.on:
            cause = f"event:{event_id}"
            held = journal.wins.automatic_wins_held(prefix=cause).get(cause)
            if held is not None and held[1] == event.on.isoformat():  # unless the user gave the win a day of its own
                win_id, win_on, win_application = held
                steps.append(Restore(Record.WIN, win_id, (("on", win_on), ("application_id", win_application))))
                journal.wins.move_automatic_win(win_id, new_on, win_application)
        steps += refresh_automatic_wins(journal, applications=[app.id], streak=steps_moved)
        label = _event_label(found(journal.applications.event, event_id))
        change = record_undo(
            journal, f"edited the {label} at {company}", steps, scopes, subject=company
        )
    return Done(f"Saved the {label} at {company} ({new_day.isoformat()}).", change, event_id)


def _no_day_to_fix(journal: Journal, event: OutcomeEvent, app: Application, today: date) -> str:
    """Why a screening or interview that has not taken place has no day it happened to fix, and what changes
    its day instead."""
    from tui.paths import onward_command

    what, day = f"{event.kind.label} at {excerpt(app.company)}", takes_place_on(event)
    if happened(event, today, closed_on=app.closed_on) is Happened.CANCELLED:
        why = "was cancelled" if event.held is Held.CANCELLED else "was called off when the application closed"
        return f"The {what} {why} ({day_name(day, today)}): it has no day it happened to fix; nothing changed."
    if day >= today:
        moved = onward_command(journal.path, "interview", str(app.id), "moved", "--on", "DAY")
        return f"The {what} is planned for {day_name(day, today)}; if its day changed, say it moved (h then m in the Inbox, or `{moved}`)."
    held = onward_command(journal.path, "interview", str(app.id), "held")
    return (
        f"The {what} was planned for {day_name(day, today)}, with no word of it since: say it was held first "
        f"(h then h in the Inbox, or `{held}`), then its day can be fixed."
    )


def _made_by(journal: Journal, action_id: int, verb: str) -> Refused:
    """Why an automatic step can't be changed on its own, and what to change instead (the app's words name no id)."""
    values = dict(journal.undo.record_values(Record.ACTION, action_id))
    if values.get("event_id") is not None:
        event = journal.applications.event(int(values["event_id"]))
        company = excerpt(journal.applications.get(event.application_id).company)
        said = f"Onward logged this step for the {_event_label(event)} at {company}; {verb} that outcome"
        return Refused(f"{said} (id {event.id}) instead and the step follows.", in_app=f"{said} instead and the step follows.")
    if values.get("reflection_id") is not None:
        return Refused(
            f"Onward logged this step for a reflection (id {values['reflection_id']}); {verb} the reflection instead.",
            in_app=f"Onward logged this step for a reflection; {verb} the reflection instead.",
        )
    if values.get("application_id") is not None:
        application_id = int(values["application_id"])
        company = excerpt(journal.applications.get(application_id).company)
        from tui.paths import onward_command

        if verb == "remove":
            remove = onward_command(journal.path, "remove", "application", str(application_id))
            said = f"Onward logged this step when you added {company}; remove the application instead (delete on its applied entry in the timeline"
            return Refused(f"{said}, or `{remove}`).", in_app=f"{said}).")
        edit = onward_command(journal.path, "edit", "application", str(application_id), "--date", "DAY")
        said = f"Onward logged this step when you added {company}; change the application's applied day instead (e on its applied entry in the timeline"
        return Refused(f"{said}, or `{edit}`).", in_app=f"{said}).")
    return Refused(f"Onward logged this step itself; {verb} what made it instead.")


def edit_action(
    journal: Journal,
    action_id: int,
    *,
    kind: ActionKind | None = None,
    on: date | None = None,
    note: str | None = None,
    today: date,
    opened: AsOpened | None = None,
) -> Done:
    """Change a step logged by hand: its kind, day or note (Onward's own steps follow what made them).
    `opened`: the step as the form showed it (refused when it changed since)."""
    note = _checked_note(note)
    if kind is not None and kind not in HAND_LOGGED_KINDS:
        raise Refused(logged_by_themselves(kind, journal.path) or f"{kind.label} is not a step logged by hand.")
    with journal.transaction():
        action = found(journal.steps.get, action_id)
        if action.automatic:
            raise _made_by(journal, action_id, "edit")
        refuse_if_changed_since(journal, opened, f"The step of {action.on.isoformat()} ({step_noun(action.kind)})")
        new_kind = action.kind if kind is None else kind
        new_on = action.on if on is None else on
        new_note = action.note if note is None else note
        if (new_kind, new_on, new_note) == (action.kind, action.on, action.note):
            raise Refused(f"That step ({step_noun(action.kind)}) already reads so; nothing changed.")
        if new_on > today:
            raise Refused(f"{new_on.isoformat()} is still to come; a step is dated on the day you took it.")
        old = tuple(pair for pair in journal.undo.record_values(Record.ACTION, action_id) if pair[0] in ("on", "kind", "note"))
        journal.steps.update_action_row(action_id, new_on, new_kind, new_note)
        settled = refresh_automatic_wins(journal, streak=new_on != action.on, learning=[action_id])
        change = record_undo(
            journal, f"edited the step of {action.on.isoformat()} ({step_noun(action.kind)})",
            [Restore(Record.ACTION, action_id, old), *settled], [RecordScope(Record.ACTION, action_id)],
        )
    return Done(f"Saved {step_noun(new_kind)} on {new_on.isoformat()}.", change, action_id)


# Removing


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


_TIED_NOUNS = ((Record.EVENT, "outcome"), (Record.ACTION, "step"), (Record.REFLECTION, "reflection"), (Record.WIN, "win"))


def applied_title(app: Application) -> str:
    """An application named so that two of one company and role (a duplicate, one to merge) read apart:
    "Acme — Analyst (applied 2026-12-02)"."""
    return f"{excerpt(app.title)} (applied {app.applied_on.isoformat()})"


def what_goes_with(journal: Journal, kind: Record, record_id: int) -> str:
    """What removing this record removes, in words: "Acme — Analyst (applied 2026-12-02) and its 3 outcomes,
    4 steps, 1 reflection and 2 wins"; refuses a record that isn't there."""
    if kind is Record.APPLICATION:
        name = applied_title(found(journal.applications.get, record_id))
    elif kind is Record.EVENT:
        event = found(journal.applications.event, record_id)
        company = excerpt(journal.applications.get(event.application_id).company)
        name = f"the {_event_label(event)} at {company} on {event.on.isoformat()}"
    elif kind is Record.ACTION:
        action = found(journal.steps.get, record_id)
        said = f" (“{excerpt(action.note, 40)}”)" if action.note else ""
        name = f"the {step_words(action, journal.applications.kinds_of([action.event_id]))} step on {action.on.isoformat()}{said}"
    elif kind is Record.WIN:
        name = f"the win “{excerpt(found(journal.wins.get, record_id).title)}”"
    else:
        reflection = found(journal.reflections.get, record_id)
        tied = f" on {excerpt(journal.applications.get(reflection.application_id).company)}" if reflection.application_id else ""
        name = f"the reflection of {reflection.on.isoformat()}{tied}"
    tied_ids = journal.records.tied_to(kind, record_id)
    parts = [plural(len(tied_ids[record]), noun) for record, noun in _TIED_NOUNS if tied_ids.get(record)]
    said = f"{name} and its {_listed(parts)}" if parts else name
    # Not tied to it but taken by its removal: a reflection's win for a rejection no longer there, a streak
    # milestone its steps held up, an application count it made.
    taken = wins_a_removal_takes(journal, kind, record_id)
    wins = journal.wins.by_id(taken)
    also = [f"“{excerpt(wins[i].title)}”" for i in taken if i in wins]
    if not also:
        return said
    return f"{said}{',' if parts else ''} and the {'win' if len(also) == 1 else 'wins'} {_listed(also)}"


def _take_away(journal: Journal, record: Record, record_id: int) -> list[Step]:
    """Remove a record with everything tied to it (its wins, drafts and removed-win marks too); returns the
    undo steps that put all of it back with the same ids, the record itself first."""
    tied = journal.records.tied_to(record, record_id)
    rows = {kind: [journal.undo.record_values(kind, i) for i in ids] for kind, ids in tied.items()}
    own = journal.undo.record_values(record, record_id)
    reflections = [record_id] if record is Record.REFLECTION else tied.get(Record.REFLECTION, [])
    events = [record_id] if record is Record.EVENT else tied.get(Record.EVENT, [])
    keys = [f"reflection:{i}" for i in reflections] + ([f"application:{record_id}"] if record is Record.APPLICATION else [])
    drafts = [(key, text) for key in keys if (text := journal.reflections.draft_text(key)) is not None]
    # A removed win's mark is kept only while its cause exists: the id may be given again, to a new outcome
    # whose win must then be posted.
    buried = sorted(journal.wins.buried([f"event:{i}" for i in events] + [f"reflection:{i}" for i in reflections]))
    for win_id in tied.get(Record.WIN, []):
        journal.records.delete_record(Record.WIN, win_id)
    for key, _ in drafts:
        journal.reflections.delete_draft(key)
    for cause in buried:
        journal.wins.unbury(cause)
    journal.records.delete_record(record, record_id)
    # Undo applies steps newest first: the record, then its outcomes, reflections, steps, wins, marks, drafts.
    back: list[Step] = [SetDraft(key, text) for key, text in drafts]
    back += [Bury(cause) for cause in buried]
    for kind in (Record.WIN, Record.ACTION, Record.REFLECTION, Record.EVENT):
        back += [Reinsert(kind, values) for values in rows.get(kind, [])]
    back.append(Reinsert(record, own))
    return back


def remove_event(journal: Journal, event_id: int) -> Done:
    """Remove an outcome with the step and the win it earned; the application's status follows."""
    with journal.transaction():
        event = found(journal.applications.event, event_id)
        app = found(journal.applications.get, event.application_id)
        company, label = excerpt(app.company), _event_label(event)
        steps = _take_away(journal, Record.EVENT, event_id)
        steps += refresh_automatic_wins(journal, applications=[app.id], streak=True)
        change = record_undo(journal, f"removed the {label} at {company}", steps, [ApplicationScope(app.id)], subject=company)
    return Done(f"Removed the {label} at {company}.", change, event_id)


def remove_action(journal: Journal, action_id: int) -> Done:
    """Remove a step logged by hand (Onward's own steps go with what made them)."""
    with journal.transaction():
        action = found(journal.steps.get, action_id)
        if action.automatic:
            raise _made_by(journal, action_id, "remove")
        what = f"the {step_words(action, journal.applications.kinds_of([action.event_id]))} step of {action.on.isoformat()}"
        steps = _take_away(journal, Record.ACTION, action_id)
        steps += refresh_automatic_wins(journal, streak=True, learning=[action_id])
        change = record_undo(journal, f"removed {what}", steps, [RecordScope(Record.ACTION, action_id)])
    return Done(f"Removed {what}.", change, action_id)


def remove_reflection(journal: Journal, reflection_id: int) -> Done:
    """Remove a reflection with its steps, its win and its draft."""
    with journal.transaction():
        reflection = found(journal.reflections.get, reflection_id)
        scopes: list[Scope] = [RecordScope(Record.REFLECTION, reflection_id)]
        if reflection.application_id is not None:
            scopes.append(ApplicationScope(reflection.application_id))
        what = f"the reflection of {reflection.on.isoformat()}"
        steps = _take_away(journal, Record.REFLECTION, reflection_id)
        touched = [reflection.application_id] if reflection.application_id is not None else []
        steps += refresh_automatic_wins(journal, applications=touched, streak=True)
        change = record_undo(journal, f"removed {what}", steps, scopes, subject="The reflection")
    return Done(f"Removed {what}.", change, reflection_id)


def remove_application(journal: Journal, application_id: int) -> Done:
    """Remove an application with its outcomes, steps, reflections, wins and drafts; milestones are settled again."""
    with journal.transaction():
        app = found(journal.applications.get, application_id)
        title, company = excerpt(app.title), excerpt(app.company)
        steps = _take_away(journal, Record.APPLICATION, application_id)
        steps += refresh_automatic_wins(journal, counts=True, streak=True)
        change = record_undo(journal, f"removed {title}", steps, [ApplicationScope(application_id)], subject=company)
    return Done(f"Removed {title}.", change, application_id)


def remove(journal: Journal, kind: Record, record_id: int, *, asked: AsAsked | None = None) -> Done:
    """Remove any one record (after the confirmation the front end shows, naming `what_goes_with`); `asked`:
    what the question named, taken as it was put (refused, nothing removed, when it has changed since)."""
    with journal.transaction():
        refuse_if_changed_since_asked(journal, asked, "removed")
        if kind is Record.WIN:
            return remove_win(journal, record_id)
        removers = {
            Record.APPLICATION: remove_application, Record.EVENT: remove_event,
            Record.ACTION: remove_action, Record.REFLECTION: remove_reflection,
        }
        return removers[kind](journal, record_id)


_MERGED_COLUMNS = (
    "company", "role", "field", "source", "url", "notes", "applied_on", "search", "status", "last_heard_on",
    "merged_away", "settled_through", "follow_up_on",
)


def what_merging_asks(journal: Journal, keep_id: int, other_id: int, today: date) -> str:
    """What the application `keep_id` will ask once `other_id` is merged into it, in a sentence for the merge
    question (the app's and the command line's): the merge writes what `tui.domain.attention.merged` says."""
    keep, other = found(journal.applications.get, keep_id), found(journal.applications.get, other_id)
    reflected = bool({keep_id, other_id} & journal.reflections.reflected_application_ids())
    return asks_sentence(merged(keep, other, journal.settings()), reflected, journal.settings(), today)


def merge_applications(journal: Journal, keep_id: int, other_id: int, *, asked: tuple[AsAsked, ...] = ()) -> Done:
    """Make two applications one: every outcome, step, reflection and win of `other` moves to `keep`, which
    keeps its details (empty ones filled from `other`, applied on the earlier day); `other` is removed.
    `asked`: the two as the merge question named them (refused, nothing merged, when either changed since)."""
    if keep_id == other_id:
        raise Refused("That is one application; pick two to merge.")
    with journal.transaction():
        for named in asked:
            refuse_if_changed_since_asked(journal, named, "merged")
        keep = found(journal.applications.get, keep_id)
        other = found(journal.applications.get, other_id)
        tied = journal.records.tied_to(Record.APPLICATION, other_id)
        moved: list[Step] = [
            Restore(kind, i, (("application_id", dict(journal.undo.record_values(kind, i))["application_id"]),))
            for kind in (Record.EVENT, Record.ACTION, Record.REFLECTION, Record.WIN)
            for i in tied.get(kind, [])
        ]
        journal.applications.move_to_application(other_id, keep_id)
        # An unsaved reflection on the other one moves along, unless this one has its own.
        drafts: list[Step] = []
        other_draft = journal.reflections.draft_text(f"application:{other_id}")
        if other_draft is not None:
            drafts.append(SetDraft(f"application:{other_id}", other_draft))
            journal.reflections.delete_draft(f"application:{other_id}")
            if journal.reflections.draft_text(f"application:{keep_id}") is None:
                drafts.append(SetDraft(f"application:{keep_id}", None))
                journal.reflections.put_draft(f"application:{keep_id}", json.loads(other_draft))
        entry = ApplicationEntry(
            company=keep.company, role=keep.role, applied_on=min(keep.applied_on, other.applied_on),
            field=keep.field or other.field, source=keep.source or other.source, url=keep.url or other.url,
            notes=keep.notes or other.notes,
        )
        fields = tuple(pair for pair in journal.undo.record_values(Record.APPLICATION, keep_id) if pair[0] in _MERGED_COLUMNS)
        journal.applications.update_application_row(keep_id, entry)
        # The other is remembered, so importing the export that listed it does not bring it back.
        journal.applications.remember_merged_away(
            keep_id, [*keep.merged_away, *other.merged_away, (other.company, other.role, other.applied_on)]
        )
        # What it asks, as the merge question said (tui.domain.attention.merged, the one rule): settled only when
        # both were, and a live one's follow-up kept.
        joined = merged(keep, other, journal.settings())
        if joined.settled_through != keep.settled_through:
            journal.applications.settle(keep_id, joined.settled_through)
        if joined.follow_up_on != keep.follow_up_on:
            journal.applications.set_follow_up_on(keep_id, joined.follow_up_on)
        removed = journal.undo.record_values(Record.APPLICATION, other_id)
        journal.records.delete_record(Record.APPLICATION, other_id)
        wins = refresh_automatic_wins(journal, applications=[keep_id], counts=True)
        # Undo, newest first: settle back, put the other back, give its records back, then this one's details.
        steps: list[Step] = [*drafts, Restore(Record.APPLICATION, keep_id, fields), *moved, Reinsert(Record.APPLICATION, removed), *wins]
        title = excerpt(keep.title)
        change = record_undo(
            journal, f"merged {excerpt(other.title)} into {title}", steps,
            [ApplicationScope(keep_id), ApplicationScope(other_id)], subject=excerpt(keep.company),
        )
    return Done(
        f"Merged {excerpt(other.title)} (id {other_id}) into {title} (id {keep_id}).", change, keep_id,
        in_app=f"Merged {applied_title(other)} into {applied_title(keep)}.",
    )
