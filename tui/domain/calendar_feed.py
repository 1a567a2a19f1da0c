"""Provides the calendar feed (`onward export ics`): planned screenings and interviews, follow-ups due and
dated next steps as RFC 5545 all-day events, each with a UID that stays the same from one export to the
next, so a calendar that imports the file again updates its events instead of adding them twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui.domain.attention import follow_ups_made, next_follow_up_on
from tui.domain.models import Application, OutcomeEvent, Reflection, Settings
from tui.domain.story import Happened, happened, takes_place_on

UID_DOMAIN = "onward.local"
FOLLOW_UPS_AHEAD_DAYS = 60
"""Follow-ups due further ahead than this are left out (they are likely to change before then)."""


@dataclass(frozen=True)
class CalendarItem:
    """One all-day event of the feed."""

    uid: str
    day: date
    summary: str
    description: str = ""


def calendar_items(
    interviews: Iterable[tuple[OutcomeEvent, Application]],
    applications: Iterable[Application],
    next_steps: Iterable[Reflection],
    settings: Settings,
    today: date,
    companies: dict[int, str] | None = None,
) -> list[CalendarItem]:
    """What the feed holds, soonest first: screenings and interviews still planned (their story says so); the next
    follow-up of each application waiting without an answer (one overdue is put on today); next steps with
    a day not done yet (one overdue on today). UIDs name what an event is about, never its day: moving an
    interview updates its event."""
    items: list[CalendarItem] = []
    for event, app in interviews:
        # Only what is still to come: one held, cancelled, or gone by without a word has no place in a calendar.
        if happened(event, today, closed_on=app.closed_on) is not Happened.PLANNED:
            continue
        items.append(CalendarItem(
            f"interview-{event.id}@{UID_DOMAIN}", takes_place_on(event),
            f"{event.kind.label.capitalize()}: {app.company} — {app.role}", event.note,
        ))
    for app in applications:
        # The follow-up the Inbox lists (one gone by: due since), by the one rule (tui.domain.attention).
        due = next_follow_up_on(app, settings)
        if due is None or (due - today).days > FOLLOW_UPS_AHEAD_DAYS:
            continue
        made = follow_ups_made(app)
        items.append(CalendarItem(
            # One event per follow-up: after it is made, the next one is a new event (the old one leaves the feed).
            f"follow-up-{app.id}-{len(made) + 1}@{UID_DOMAIN}", max(due, today),
            f"Follow up: {app.company} — {app.role}", f"Applied {app.applied_on.isoformat()}." + (f" {app.url}" if app.url else ""),
        ))
    for reflection in next_steps:
        if not reflection.next_step or reflection.next_step_on is None or reflection.next_step_done_on is not None:
            continue
        company = (companies or {}).get(reflection.application_id or 0)
        items.append(CalendarItem(
            f"next-step-{reflection.id}@{UID_DOMAIN}", max(reflection.next_step_on, today),
            f"Next step: {reflection.next_step}", f"From the reflection on {company}." if company else "",
        ))
    return sorted(items, key=lambda item: (item.day, item.uid))


def ics_text(items: Iterable[CalendarItem], stamp: datetime) -> str:
    """The items as an RFC 5545 calendar (CRLF lines, folded at 75 octets by the icalendar package);
    `stamp` (UTC) is when it was written, each event's DTSTAMP."""
    from icalendar import Calendar, Event  # loaded only when a feed is written

    calendar = Calendar()
    calendar.add("prodid", "-//Onward//Job search journal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Onward: job search")
    for item in items:
        if item.day >= date.max:  # a stored 9999-12-31 has no day after it to end on; no calendar shows it anyway
            continue
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)  # a date: an all-day event (Onward keeps no times)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
