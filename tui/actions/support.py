"""Provides the actions of seeking support and broadening the search: the support circle (add, edit, remove
a person; log reaching out to one), asking an employer for feedback after a rejection, logging a learning
step for gap tags, and hiding the broaden nudge for a field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from tui.actions import views
from tui.actions.automatic_wins import refresh_automatic_wins
from tui.actions.results import Done, Refused, found
from tui.actions.undo import AsOpened, record_undo, refuse_if_changed_since
from tui.domain.broaden import HIDE_DAYS, field_key
from tui.domain.changes import ApplicationScope, Delete, Record, RecordScope, Reinsert, Restore, SetSetting, SettingScope, Step
from tui.domain.models import ActionKind, Person, Status
from tui.domain.support import PersonEntry, can_ask_for_feedback, choose_between, find_person, people_called
from tui.domain.text import MAX_NOTE_LENGTH, check_length, clean_block, clean_line, excerpt, number
from tui.store.repository import Journal

def _unique_name(journal: Journal, name: str, *, besides: int | None = None) -> None:
    same = find_person(journal.steps.people(), name)
    if same is not None and same.id != besides:
        raise Refused(f"{excerpt(same.name)} is already in your support circle.")


def add_person(journal: Journal, entry: PersonEntry) -> Done:
    """Add someone to the support circle."""
    with journal.transaction():
        _unique_name(journal, entry.name)
        person_id = journal.steps.insert_person(entry.name, entry.relation, entry.note)
        change = record_undo(
            journal, f"added {excerpt(entry.name)} to your support circle", [Delete(Record.PERSON, person_id)],
            [RecordScope(Record.PERSON, person_id)], subject=excerpt(entry.name),
        )
    return Done(f"Added {excerpt(entry.name)} ({entry.relation.label}) to your support circle.", change, person_id)


def edit_person(journal: Journal, person_id: int, entry: PersonEntry, *, opened: AsOpened | None = None) -> Done:
    """Change a person's name, relation or note. `opened`: the person as the form showed them (refused when
    changed since)."""
    with journal.transaction():
        person = found(journal.steps.person, person_id)
        refuse_if_changed_since(journal, opened, excerpt(person.name))
        if (entry.name, entry.relation, entry.note) == (person.name, person.relation, person.note):
            raise Refused(f"{excerpt(person.name)} already reads so; nothing changed.")
        _unique_name(journal, entry.name, besides=person_id)
        old = tuple(pair for pair in journal.undo.record_values(Record.PERSON, person_id) if pair[0] in ("name", "relation", "note"))
        journal.steps.update_person_row(person_id, entry.name, entry.relation, entry.note)
        change = record_undo(
            journal, f"edited {excerpt(person.name)}", [Restore(Record.PERSON, person_id, old)],
            [RecordScope(Record.PERSON, person_id)], subject=excerpt(person.name),
        )
    return Done(f"Saved {excerpt(entry.name)}.", change, person_id)


def remove_person(journal: Journal, person_id: int) -> Done:
    """Take someone out of the circle; the steps that reached out to them stay (they still count)."""
    with journal.transaction():
        person = found(journal.steps.person, person_id)
        contacts = journal.steps.of_person(person_id)
        own = journal.undo.record_values(Record.PERSON, person_id)
        journal.records.delete_record(Record.PERSON, person_id)
        # Undo puts the person back first (steps run newest first), then names them on their steps again.
        steps: list[Step] = [Restore(Record.ACTION, action.id, (("person_id", person_id),)) for action in contacts]
        steps.append(Reinsert(Record.PERSON, own))
        change = record_undo(
            journal, f"removed {excerpt(person.name)} from your support circle", steps,
            [RecordScope(Record.ACTION, action.id) for action in contacts], subject=excerpt(person.name),
        )
    if not contacts:
        kept = ""
    elif len(contacts) == 1:
        kept = " The time you reached out to them still counts."
    else:
        kept = f" The {number(len(contacts))} times you reached out to them still count."
    return Done(f"Removed {excerpt(person.name)} from your support circle.{kept}", change, person_id)


def person_called(people: Sequence[Person], name: str) -> Person | None:
    """The one person a typed name means (full name, unique first name or start of a name), None for nobody;
    Refused with the names to pick from when it could be more than one."""
    called = people_called(people, name)
    if len(called) > 1:
        raise Refused(choose_between(name, called))
    return called[0] if called else None


def reach_out(
    journal: Journal, name: str, on: date, *, note: str = "", new_person: PersonEntry | None = None
) -> Done:
    """Log reaching out to someone for support (a proactive step that counts for the streak). `name` is
    someone in the circle; `new_person` adds them first when they are not (one change, one undo)."""
    name, note = clean_line(name), clean_block(note)  # as a stored name was cleaned, so they match
    problem = check_length("Note", note, MAX_NOTE_LENGTH)
    if problem:
        raise Refused(problem)
    if not name:
        raise Refused("Say who you talked to: a name.")
    with journal.transaction():
        person = person_called(journal.steps.people(), name)
        steps: list[Step] = []
        added = ""
        if person is None:
            if new_person is None:
                raise Refused(
                    f"{excerpt(name) or 'Nobody'} isn't in your support circle yet; add them first "
                    "(or say who they are to you, and they are added as you log it)."
                )
            person_id = journal.steps.insert_person(new_person.name, new_person.relation, new_person.note)
            steps.append(Delete(Record.PERSON, person_id))
            person = Person(person_id, new_person.name, new_person.relation, new_person.note)
            added = f" {excerpt(person.name)} is in your support circle now."
        elif any(action.on == on for action in journal.steps.of_person(person.id)):
            raise Refused(f"You already logged reaching out to {excerpt(person.name)} on {on.isoformat()} — once a day is plenty.")
        action_id = journal.steps.insert_action(on, ActionKind.SUPPORT, note=note, person_id=person.id)
        assert action_id is not None
        steps.append(Delete(Record.ACTION, action_id))
        steps += refresh_automatic_wins(journal, streak=True)
        # The step is what this change made (and the person, when they joined with it): later talks with
        # the same person don't stop it being undone.
        scopes = [RecordScope(Record.ACTION, action_id)] + ([RecordScope(Record.PERSON, person.id)] if added else [])
        change = record_undo(journal, f"logged reaching out to {excerpt(person.name)}", steps, scopes, subject=excerpt(person.name))
    return Done(
        f"Logged reaching out to {excerpt(person.name)} on {on.isoformat()}. Leaning on people is a strength.{added}",
        change, action_id,
    )


def ask_for_feedback(journal: Journal, application_id: int, on: date) -> Done:
    """Log asking the employer for feedback on a rejection at screening or later (a proactive step)."""
    with journal.transaction():
        app = found(journal.applications.get, application_id)
        company = excerpt(app.company)
        rejection = app.rejection
        if app.status is not Status.REJECTED or rejection is None:
            raise Refused(f"{company} hasn't said no; feedback is asked for after a rejection.")
        if not can_ask_for_feedback(rejection.stage):
            raise Refused(
                f"{company} said no at the application stage, which rarely comes with feedback; "
                "it's worth asking after a screening or an interview."
            )
        if on < rejection.on:
            raise Refused(f"{on.isoformat()} is before {company} said no ({rejection.on.isoformat()}).")
        asked = journal.steps.feedback_asked().get(app.id)
        if asked is not None:
            raise Refused(f"You asked {company} for feedback on {asked.isoformat()}; add their reply to the reflection when it comes.")
        # Tied to the rejection it asks about: removing that rejection takes the step with it.
        action_id = journal.steps.insert_action(on, ActionKind.ASKED_FEEDBACK, application_id=app.id, event_id=rejection.id)
        assert action_id is not None
        steps: list[Step] = [Delete(Record.ACTION, action_id), *refresh_automatic_wins(journal, streak=True)]
        change = record_undo(
            journal, f"logged asking {company} for feedback", steps, [ApplicationScope(app.id)], subject=company,
        )
    return Done(
        f"Logged asking {company} for feedback. Brave — whatever they say, it's information.", change, action_id,
        "When they reply, add it to your reflection on this rejection.",
    )


def log_learning(journal: Journal, gaps: Sequence[str], on: date, *, note: str = "") -> Done:
    """Log a learning step that works on these gap tags (a proactive step); it posts a "skill learned" win."""
    note = clean_block(note)
    problem = check_length("Note", note, MAX_NOTE_LENGTH)
    if problem:
        raise Refused(problem)
    if not gaps:
        raise Refused("Name at least one gap to learn for (tags, separated by commas).")
    with journal.transaction():
        same_day = [step for step in journal.steps.learning_steps() if step.on == on and set(gaps) <= set(step.gaps)]
        if same_day:
            raise Refused(f"You already logged learning for {excerpt(', '.join(gaps))} on {on.isoformat()} — once a day is plenty.")
        action_id = journal.steps.insert_action(on, ActionKind.LEARNING, note=note, gaps=gaps)
        assert action_id is not None
        wins = refresh_automatic_wins(journal, streak=True, learning=[action_id])
        named = excerpt(", ".join(gaps))
        change = record_undo(
            journal, f"logged learning for {named}", [Delete(Record.ACTION, action_id), *wins],
            [RecordScope(Record.ACTION, action_id)],
        )
    return Done(f"Logged learning for {named} on {on.isoformat()}. A skill learned is a win — it's on your wall.", change, action_id)


HIDDEN_NUDGES = "hidden_nudges"
"""The setting that holds which fields' broaden nudge is hidden, and since when."""


def hide_nudge(journal: Journal, field: str, today: date) -> Done:
    """Hide the broaden nudge for a field for HIDE_DAYS days."""
    key = field_key(field)
    if not key:
        raise Refused("Name the field whose nudge to hide.")
    shown = {nudge.key: nudge.field for nudge in views.broaden_nudges(journal, today)}
    if key not in shown:
        raise Refused(f"There is no nudge about {excerpt(field)} right now; nothing to hide.")
    field = shown[key]  # named as the nudge names it (as the journal has it), not as typed: "Data" hides "data"
    with journal.transaction():
        before = journal.setting_text(HIDDEN_NUDGES)
        hidden = {name: day.isoformat() for name, day in journal.settings().hidden_nudges}
        # Days long gone are dropped, so the setting stays small over years.
        hidden = {name: day for name, day in hidden.items() if (today - date.fromisoformat(day)).days < HIDE_DAYS}
        hidden[key] = today.isoformat()
        journal.put_setting(HIDDEN_NUDGES, json.dumps(hidden, ensure_ascii=False, sort_keys=True))
        change = record_undo(
            journal, f"hid the nudge about {excerpt(field)}", [SetSetting(HIDDEN_NUDGES, before)], [SettingScope(HIDDEN_NUDGES)]
        )
    return Done(f"Hidden for {HIDE_DAYS} days: the nudge about {excerpt(field)}.", change)
