"""Provides the actions on applications: add, edit, and log an outcome (follow-ups included)."""

from __future__ import annotations

from datetime import date, timedelta

from typing import TYPE_CHECKING

from tui.actions.automatic_wins import in_bulk, refresh_automatic_wins
from tui.actions.results import Done, LooksLikeDuplicate, NeedsReopen, Refused, found
from tui.actions.undo import AsOpened, record_undo, refuse_if_changed_since
from tui.domain.changes import ApplicationScope, Delete, Record, RecordScope, Restore, Scope
from tui.domain.encouragement import CELEBRATION_NOTES
from tui.domain.models import OPEN_STATUSES, SCHEDULED_KINDS, ActionKind, Application, Held, OutcomeEvent, OutcomeKind, Stage, Status
from tui.domain.runs import changes_step_days
from tui.domain.story import before_applying, first_day, outcome_noun
from tui.domain.dates import day_name
from tui.domain.duplicates import DUPLICATE_WINDOW_DAYS, closest_duplicate
from tui.domain.text import MAX_NOTE_LENGTH, check_length, clean_block, excerpt, plural
from tui.store.repository import Journal

if TYPE_CHECKING:
    from tui.domain.entries import ApplicationEntry

def find_application(journal: Journal, application_id: int) -> Application:
    """The application with that id, or Refused saying there is none."""
    return found(journal.applications.get, application_id)


def find_duplicate(journal: Journal, company: str, role: str, applied_on: date) -> Application | None:
    """An application with the same company and role (case and spacing aside) applied to within 60 days
    before or after `applied_on`, the nearest one; None when there is none."""
    window = timedelta(days=DUPLICATE_WINDOW_DAYS)
    match = closest_duplicate(company, role, applied_on, journal.applications.applied_between(applied_on - window, applied_on + window))
    return journal.applications.get(match.id) if match is not None else None


def add_application(journal: Journal, entry: ApplicationEntry, *, again: bool = False, today: date | None = None) -> Done:
    """Store a new application and the 'applied' step it earns; one like an application of the last 60 days
    (same company and role) only `again` (an import decides about repeats itself). `today`: the message names
    the day its step counts on when it applied another day."""
    with journal.transaction():
        if not again and not in_bulk(journal):
            existing = find_duplicate(journal, entry.company, entry.role, entry.applied_on)
            if existing is not None:
                raise LooksLikeDuplicate(existing)
        application_id = journal.applications.insert_application(entry)
        steps_that_day = journal.steps.steps_on(entry.applied_on)
        journal.steps.insert_action(entry.applied_on, ActionKind.APPLIED, application_id=application_id, automatic=True)
        # Its step moves the streak's milestones only on a day that had none: otherwise the runs are as they
        # were, and walking every day of ten years to find that out was ~8 ms of `onward add`.
        streak = changes_step_days(steps_that_day, steps_that_day + 1)
        wins = refresh_automatic_wins(journal, applications=[application_id], counts=True, streak=streak)
        title = f"{excerpt(entry.company)} — {excerpt(entry.role)}"
        change = record_undo(
            journal, f"added {title}", [Delete(Record.APPLICATION, application_id), *wins],
            [ApplicationScope(application_id)], subject=excerpt(entry.company),
        )
    return Done(f"Added {title}. {_step_counted(entry.applied_on, today)}", change, application_id)


def _step_counted(applied_on: date, today: date | None) -> str:
    """Where applying's step counts: today, or the day it applied ("counted as a step on Tue 25 Nov")."""
    if today is None or applied_on == today:
        return "Nice — that's a step."
    when = day_name(applied_on, today)
    return f"Nice — counted as a step {when if when == 'yesterday' else 'on ' + when}."


def edit_application(journal: Journal, application_id: int, entry: ApplicationEntry, *, opened: AsOpened | None = None) -> Done:
    """Change an application's details; its timeline stays as it is. `opened`: the application as the form
    showed it (refused when it changed since)."""
    with journal.transaction():
        before = find_application(journal, application_id)
        refuse_if_changed_since(journal, opened, excerpt(before.title))
        first_event = min((first_day(e) for e in before.events), default=None)
        if first_event is not None and entry.applied_on > first_event:
            raise Refused(f"Applied can't be after the first outcome ({first_event.isoformat()}).")
        old = journal.undo.record_values(Record.APPLICATION, application_id)
        applied_step = [v for v in _applied_steps(journal, application_id)]
        journal.applications.update_application_row(application_id, entry)
        journal.steps.move_applied_action(application_id, entry.applied_on)
        wins = refresh_automatic_wins(journal, applications=[application_id], counts=True, streak=True)
        title = f"{excerpt(entry.company)} — {excerpt(entry.role)}"
        change = record_undo(
            journal, f"edited {title}", [Restore(Record.APPLICATION, application_id, old), *applied_step, *wins],
            [ApplicationScope(application_id)], subject=excerpt(entry.company),
        )
    return Done(f"Saved {title}.", change, application_id)


def _applied_steps(journal: Journal, application_id: int) -> list[Restore]:
    """Undo steps that put the automatic 'applied' step back on its day."""
    return [
        Restore(Record.ACTION, action.id, (("on", action.on.isoformat()),))
        for action in journal.steps.of_application(application_id)
        if action.automatic and action.kind is ActionKind.APPLIED
    ]


def log_outcome(
    journal: Journal,
    application_id: int,
    kind: OutcomeKind,
    on: date,
    *,
    stage: Stage | None = None,
    note: str = "",
    reopen: bool = False,
    takes_place_on: date | None = None,
    day_unknown: bool = False,
) -> Done:
    """Add an outcome to an application's timeline, and the step it earns; refuses one that changes nothing.
    `day_unknown`: an import gave no day of its own, and `on` stands in for it (left out of days to an answer).

    A screening, interview or final round may be given the day it takes place (`takes_place_on`): from that
    day on it is planned, and its step is earned when it is said to have happened (tui.actions.interviews);
    a day before `on` means it has already happened, so it is logged as attended on that day."""
    from tui.domain.story import held_when_logged, step_earned  # the timeline's rules: an outcome's, not an add's

    note = clean_block(note)
    problem = check_length("Note", note, MAX_NOTE_LENGTH)
    if problem:
        raise Refused(problem)
    if stage is not None and kind is not OutcomeKind.REJECTED:
        raise Refused("A stage goes only with a rejection.")
    if takes_place_on is not None and kind not in SCHEDULED_KINDS:
        raise Refused("A day it takes place goes only with a screening, an interview or a final round.")
    held = held_when_logged(on, takes_place_on)
    with journal.transaction():
        app = find_application(journal, application_id)
        _check_outcome(journal, app, kind, on, note, reopen, takes_place_on)
        if kind is OutcomeKind.REJECTED:
            stage = stage or app.stage_reached_if_closed_on(on)  # an interview it calls off was not reached
        event_id = journal.applications.insert_event(app.id, on, kind, stage, note, takes_place_on=takes_place_on, held=held, day_unknown=day_unknown)
        step = step_earned(OutcomeEvent(event_id, app.id, on, kind, stage, note, takes_place_on, held, day_unknown=day_unknown))
        earns = step is not None
        if step is not None:
            step_on, kind_of_step = step
            journal.steps.insert_action(step_on, kind_of_step, application_id=app.id, event_id=event_id, automatic=True)
        wins = refresh_automatic_wins(journal, applications=[app.id], streak=earns)
        scopes: list[Scope] = [ApplicationScope(app.id)]
        if kind is OutcomeKind.REJECTED and not in_bulk(journal):  # an import's new rows hold no reflection yet
            # A reflection written before the rejection says the stage it reached, as the rejection does. (Its
            # module loads only for a rejection, never for `onward add`.)
            from tui.actions.reflections import stage_reached_follows

            carried = stage_reached_follows(journal, app.id, stage)
            wins += carried
            scopes += [RecordScope(Record.REFLECTION, step.id) for step in carried if isinstance(step, Restore)]
        label = f"a {outcome_noun(kind)}" if kind is OutcomeKind.FOLLOWED_UP else outcome_noun(kind, stage)
        description = f"logged {label} at {excerpt(app.company)}"
        if held is Held.PLANNED and takes_place_on is not None:
            description += f" for {day_name(takes_place_on, on)}"  # "for tomorrow", "for Thu"
        change = record_undo(
            journal, description, [Delete(Record.EVENT, event_id), *wins], scopes, subject=excerpt(app.company)
        )
    if kind is OutcomeKind.REJECTED:
        # The support circle's rules load only after a rejection (never for `onward add`).
        from tui.domain.support import after_rejection, suggest_someone

        someone = suggest_someone(journal.steps.people(), journal.steps.last_of_kind(ActionKind.SUPPORT), on)
        extra = after_rejection(app.id, someone, stage)
    else:
        extra = CELEBRATION_NOTES.get(kind.value, "")
    return Done(f"{description[:1].upper()}{description[1:]}.", change, event_id, extra)


def check_outcome(journal: Journal, application_id: int, kind: OutcomeKind, on: date) -> None:
    """Raise Refused (or NeedsReopen) now if `kind` can't be logged, before asking anything more (the stage)."""
    _check_outcome(journal, find_application(journal, application_id), kind, on, "-", reopen=False)


def _check_outcome(
    journal: Journal, app: Application, kind: OutcomeKind, on: date, note: str, reopen: bool, takes_place_on: date | None = None,
) -> None:
    """The rules every outcome follows, wherever it is logged from."""
    early = before_applying(app, on, takes_place_on)
    if early:
        raise Refused(early)
    if kind is OutcomeKind.NOTE and not note:
        raise Refused("A note needs some words; nothing was logged.")
    if kind is OutcomeKind.FOLLOWED_UP and journal.applications.follow_ups_on(app.id, on):
        raise Refused(f"You already followed up with {excerpt(app.company)} on {on.isoformat()} — once a day is plenty.")
    status = kind.status
    if status is not None and app.status is status:
        already = "marked rejected" if status.value == "rejected" else f"at {status.label}"
        raise Refused(f"{excerpt(app.company)} is already {already}; nothing changed.")
    if kind is not OutcomeKind.NOTE:
        noun = outcome_noun(kind)
        check_closed(app, f"logging the {noun}", f"Log the {noun} anyway?", reopen, becomes=status)


def check_closed(app: Application, doing: str, question: str, reopen: bool, *, becomes: Status | None = None) -> None:
    """The one rule for changing a closed application (rejected, ghosted, withdrawn, offer): only when the
    user means it (the app asks first, the command line wants --reopen), so a stray key must not reopen it,
    move it to another ending or plan a follow-up on it. `becomes`: the status the change moves it to (None:
    it keeps its own)."""
    if app.status in OPEN_STATUSES or reopen:
        return
    reopens = becomes in OPEN_STATUSES
    change = "reopen it" if reopens else "change a closed application"
    raise NeedsReopen(
        f"{excerpt(app.company)} is closed ({app.status.label}); {doing} would {change}. "
        "Use --reopen if that is what you mean.",
        f"{excerpt(app.company)} is closed ({app.status.label}). {question}",
        _closed_change_hint(app.status, becomes),
    )


def _closed_change_hint(now: Status, becomes: Status | None) -> str:
    """What yes and no do to a closed application (at `now`) a change would move to `becomes`, under the question."""
    if becomes is None or becomes is now:
        return f"Yes goes ahead and it stays {now.label}; no changes nothing."
    if becomes in OPEN_STATUSES:
        return f"Yes reopens the application at {becomes.label}; no leaves it {now.label}."
    return f"Yes makes it {becomes.label} (still closed); no leaves it {now.label}."


def old_history(journal: Journal, today: date) -> list[Application]:
    """What `settle_history` would settle now: what the Inbox asks about that `tui.domain.attention.settles` calls
    history (older than the follow-up window; one in play, once it has gone quiet)."""
    from tui.domain.inbox import history_to_settle  # the Inbox's rules load only for settling history

    return history_to_settle(journal.applications.inbox(today), journal.settings(), today)


def settle_history(journal: Journal, today: date) -> Done:
    """Settle, in one undoable change, every application the Inbox asks about (follow-ups due, rejections to
    reflect on, gone quiet) that is older than the follow-up window: their records stay, news heard later makes
    one live again. The bulk form of what an import offers for an old history."""
    with journal.transaction():
        going = old_history(journal, today)
        if not going:
            days = journal.settings().follow_up_after_days
            raise Refused(f"Nothing to settle: nothing the Inbox asks about is older than the follow-up window ({days} days).")
        steps = []
        for app in going:
            before = app.settled_through.isoformat() if app.settled_through is not None else None
            steps.append(Restore(Record.APPLICATION, app.id, (("settled_through", before),)))
            journal.applications.settle(app.id, app.last_heard_on)
        described = plural(len(going), "application")
        change = record_undo(
            journal, f"settled {described} as history", steps, [ApplicationScope(app.id) for app in going],
            subject=described,
        )
    return Done(
        f"Settled {described} as history: no follow-ups due, nothing to reflect on, not gone quiet; every record "
        "is kept, and news from one brings it back.", change, None,
    )
