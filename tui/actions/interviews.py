"""Provides what happens to a screening or interview given a day: it happened (the step it earns, on its
day), it moved to another day, or it was cancelled. Each is one undoable action, the same in the app and on
the command line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tui.actions.applications import check_closed, check_outcome
from tui.actions.automatic_wins import refresh_automatic_wins
from tui.actions.results import Done, NeedsReopen, Refused, found
from tui.actions.undo import record_undo
from tui.domain.changes import ApplicationScope, Delete, Record, Restore, Step
from tui.domain.dates import day_name, on_day_name
from tui.domain.models import SCHEDULED_KINDS, Application, Held, OutcomeEvent, OutcomeKind
from tui.domain.story import Happened, happened, step_earned, takes_place_on
from tui.domain.text import excerpt
from tui.store.repository import Journal

KIND_WORDS = {
    "screening": "The screening",
    "interview": "The interview",
    "final_round": "The final round",
}


def _planned(journal: Journal, event_id: int) -> tuple[OutcomeEvent, str]:
    """The planned screening or interview and its company; Refused when there is none to settle."""
    event, app = _planned_of(journal, event_id)
    return event, excerpt(app.company)


def _planned_of(journal: Journal, event_id: int) -> tuple[OutcomeEvent, Application]:
    """The planned screening or interview and its application; Refused when there is none to settle."""
    event = found(journal.applications.event, event_id)
    app = found(journal.applications.get, event.application_id)
    company = excerpt(app.company)
    if event.held is None or event.takes_place_on is None:
        raise Refused(f"That {event.kind.label} at {company} has no day to settle; it was logged as it happened.")
    if event.held is not Held.PLANNED:
        raise Refused(f"The {event.kind.label} at {company} is already marked {event.held.value}.")
    return event, app


def _restore(event: OutcomeEvent) -> Restore:
    assert event.held is not None and event.takes_place_on is not None
    moved_from = event.moved_from.isoformat() if event.moved_from is not None else None
    return Restore(
        Record.EVENT, event.id,
        (
            ("held", event.held.value), ("takes_place_on", event.takes_place_on.isoformat()), ("moved_from", moved_from),
            ("said_on", event.said_on.isoformat() if event.said_on is not None else None),
        ),
    )


def attended(journal: Journal, event_id: int, today: date, *, reopen: bool = False) -> Done:
    """It happened: the step it earns is logged on the day it took place (a day gone by counts for its streak).
    One its application's closing called off (tui.domain.story.happened) changes a closed application: only
    with `reopen` (the app asks first, the command line wants --reopen)."""
    with journal.transaction():
        event, app = _planned_of(journal, event_id)
        company = excerpt(app.company)
        step = step_earned(replace(event, held=Held.ATTENDED))
        assert step is not None
        day, kind_of_step = step
        if day > today:
            raise Refused(f"The {event.kind.label} at {company} is {on_day_name(day, today)}; say how it went on the day or after.")
        if happened(event, today, closed_on=app.closed_on) is Happened.CANCELLED:
            when = day_name(day, today)
            doing = f"saying the {event.kind.label} it called off ({when}) was held"
            check_closed(app, doing, f"Log the {event.kind.label} it called off ({when}) as held anyway?", reopen)
        journal.applications.set_event_held(event.id, Held.ATTENDED, day, today)
        action_id = journal.steps.insert_action(
            day, kind_of_step, application_id=event.application_id, event_id=event.id, automatic=True
        )
        assert action_id is not None  # only a reflection's step can be a repeat that is not stored
        wins = refresh_automatic_wins(journal, applications=[event.application_id], streak=True)
        steps: list[Step] = [_restore(event), Delete(Record.ACTION, action_id), *wins]
        change = record_undo(journal, f"{event.kind.label} at {company} held", steps, [ApplicationScope(event.application_id)], subject=company)
    return Done(f"{event.kind.label.capitalize()} at {company}: done. That took courage — and it counts as a step.", change, event.id)


def cancelled(journal: Journal, event_id: int) -> Done:
    """It was called off: no step, and it leaves Coming up."""
    with journal.transaction():
        event, company = _planned(journal, event_id)
        assert event.takes_place_on is not None
        journal.applications.set_event_held(event.id, Held.CANCELLED, event.takes_place_on, None)
        # Called off, it no longer sets the status (models.status_after): the one the Inbox reads follows.
        journal.applications.put_application_summary(event.application_id)
        change = record_undo(
            journal, f"{event.kind.label} at {company} cancelled", [_restore(event)], [ApplicationScope(event.application_id)], subject=company
        )
    return Done(f"{event.kind.label.capitalize()} at {company} marked cancelled. Their loss of a slot, not yours.", change, event.id)


def moved(journal: Journal, event_id: int, day: date, today: date) -> Done:
    """It moved to another day (today or later)."""
    with journal.transaction():
        event, company = _planned(journal, event_id)
        assert event.takes_place_on is not None
        if day < today and event.takes_place_on > today:
            # Still ahead, so it can't be marked held yet: only a day from today on means something.
            raise Refused(f"{day.isoformat()} has gone by; a planned {event.kind.label} can move only to today or a later day.")
        if day < today:
            from tui.paths import onward_command

            held = onward_command(journal.path, "interview", str(event.application_id), "held")
            raise Refused(f"{day.isoformat()} has gone by; if it took place, mark it held instead (h then h in the Inbox, or `{held}`).")
        if day == event.takes_place_on:
            raise Refused(f"The {event.kind.label} at {company} is already {on_day_name(day, today)}; nothing changed.")
        journal.applications.move_event(event.id, day, event.takes_place_on)
        change = record_undo(
            journal, f"{event.kind.label} at {company} moved", [_restore(event)], [ApplicationScope(event.application_id)], subject=company
        )
    return Done(f"{event.kind.label.capitalize()} at {company} moved to {day_name(day, today)}.", change, event.id)


NEXT_ROUND = {
    OutcomeKind.SCREENING: OutcomeKind.INTERVIEW,
    OutcomeKind.INTERVIEW: OutcomeKind.FINAL_ROUND,
    OutcomeKind.FINAL_ROUND: OutcomeKind.FINAL_ROUND,
}
"""The round a message suggests planning after one that took place (or was called off)."""


def planned_for(journal: Journal, application_id: int, today: date) -> OutcomeEvent:
    """The application's planned screening or interview (the soonest), for the command line; Refused if none,
    saying what became of its latest one (held, and when; cancelled) and the command that plans the next, when
    there is one that would work."""
    app = found(journal.applications.get, application_id)
    planned = sorted((e for e in app.events if e.is_planned), key=lambda e: (e.takes_place_on, e.id))
    if planned:
        return planned[0]
    company = excerpt(app.company)
    rounds = [e for e in app.events if e.kind in SCHEDULED_KINDS]
    if not rounds:
        raise Refused(f"{company} has no screening or interview planned, nor one held{_plans(journal, app, OutcomeKind.SCREENING, today, 'one')}")
    latest = max(rounds, key=lambda e: e.id)  # the one logged last: what the person last said of it
    day = takes_place_on(latest)
    if happened(latest, today, closed_on=app.closed_on) is Happened.CANCELLED:
        raise Refused(
            f"The {latest.kind.label} at {company} on {day.isoformat()} was called off, and nothing else is planned "
            f"there{_plans(journal, app, latest.kind, today, 'it again')}"
        )
    raise Refused(
        f"The {latest.kind.label} at {company} was already held, on {day.isoformat()}, and nothing else is planned "
        f"there{_plans(journal, app, NEXT_ROUND[latest.kind], today, 'the next round')}"
    )


def _plans(journal: Journal, app: Application, kind: OutcomeKind, today: date, what: str) -> str:
    """The end of a sentence naming the `onward log` command that plans `kind` ("; `…` plans WHAT."), asking the
    check that command runs (tui.actions.applications.check_outcome) so that, run as printed, it is not refused:
    with --reopen for a closed application, and just "." when nothing would be let through (already at that stage)."""
    from tui.paths import onward_command

    words = ["log", str(app.id), kind.value, "--on", "DAY"]
    reopens = ""
    try:
        check_outcome(journal, app.id, kind, today)
    except NeedsReopen:
        words.append("--reopen")
        reopens = f" (it reopens {excerpt(app.company)}, closed: {app.status.label})"
    except Refused:
        return "."
    return f"; `{onward_command(journal.path, *words)}` plans {what}{reopens}."
