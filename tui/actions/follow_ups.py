"""Provides changing or clearing the day an application's next follow-up is due (the cadence works it out
otherwise: the follow-up interval after applying, then after each follow-up, up to settings.follow_ups)."""

from __future__ import annotations

from datetime import date

from tui.actions.applications import check_closed
from tui.actions.results import Done, Refused, found
from tui.actions.undo import record_undo
from tui.domain.changes import ApplicationScope, Record, Restore
from tui.domain.dates import day_name
from tui.domain.attention import follow_up_due_on
from tui.domain.text import excerpt
from tui.store.repository import Journal


def set_follow_up_day(journal: Journal, application_id: int, day: date | None, today: date, *, reopen: bool = False) -> Done:
    """Due on `day` (today or later), or back to the cadence with None; undoable. A day for a closed
    application only with `reopen` (the rule every outcome follows: the app asks, the command line wants
    --reopen); clearing one is always fine."""
    if day is not None and day < today:
        raise Refused(f"{day.isoformat()} has gone by; choose today or a day ahead (or clear it).")
    with journal.transaction():
        app = found(journal.applications.get, application_id)
        company = excerpt(app.company)
        if day is not None:
            check_closed(app, "a follow-up day", "Plan a follow-up anyway?", reopen)
        if day == app.follow_up_on:
            raise Refused(f"The follow-up with {company} is already set that way; nothing changed.")
        journal.applications.set_follow_up_on(app.id, day)
        before = app.follow_up_on.isoformat() if app.follow_up_on else None
        change = record_undo(
            journal, f"follow-up day for {company}", [Restore(Record.APPLICATION, app.id, (("follow_up_on", before),))],
            [ApplicationScope(app.id)], subject=company,
        )
        due = follow_up_due_on(found(journal.applications.get, app.id), journal.settings())
    when = f"due {day_name(due, today)}" if due >= today else f"due since {due.isoformat()}"
    what = "set" if day is not None else "back to the usual rhythm"
    return Done(f"Follow-up with {company} {what}: {when}.", change, app.id)
