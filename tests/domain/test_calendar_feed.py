"""The calendar feed (issue 13): parsed back with icalendar, all-day events on the right days, UIDs that stay
the same across exports (and when an interview moves), nothing done or gone by."""

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar

from tui.domain.calendar_feed import calendar_items, ics_text
from tui.domain.models import Application, Held, OutcomeEvent, OutcomeKind, Reflection, Settings

TODAY = date(2026, 11, 27)
SETTINGS = Settings(follow_up_after_days=7, follow_ups=2, ghosted_after_days=30)
STAMP = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)


def journal_like(interview_day=date(2026, 12, 3)):
    acme = Application(1, "Acme, Inc.", "Analyst; II", date(2026, 11, 10))
    interview = OutcomeEvent(5, 1, date(2026, 11, 20), OutcomeKind.INTERVIEW, takes_place_on=interview_day, held=Held.PLANNED, note="Bring the case study")
    gone = OutcomeEvent(6, 1, date(2026, 11, 2), OutcomeKind.SCREENING, takes_place_on=date(2026, 11, 5), held=Held.PLANNED)
    waiting = Application(2, "Birch", "Designer", date(2026, 11, 22))  # follow-up due Nov 29
    overdue = Application(3, "Cedar", "Dev", date(2026, 11, 10), events=(OutcomeEvent(7, 3, date(2026, 11, 18), OutcomeKind.FOLLOWED_UP),))
    followed_up = tuple(OutcomeEvent(10 + n, 4, day, OutcomeKind.FOLLOWED_UP) for n, day in enumerate((date(2026, 9, 10), date(2026, 9, 20))))
    quiet = Application(4, "Dune", "Dev", date(2026, 9, 1), events=followed_up)  # followed up twice, gone quiet: ghosted?
    steps = [
        Reflection(8, date(2026, 11, 20), 3, application_id=1, next_step="Ask Sam about SQL", next_step_on=date(2026, 12, 1)),
        Reflection(9, date(2026, 11, 20), 3, next_step="Done already", next_step_on=date(2026, 11, 30), next_step_done_on=date(2026, 11, 26)),
    ]
    return [(interview, acme), (gone, acme)], [waiting, overdue, quiet], steps


def parse(text):
    calendar = Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_parses_back_with_the_right_all_day_events():
    interviews, apps, steps = journal_like()
    events = parse(ics_text(calendar_items(interviews, apps, steps, SETTINGS, TODAY, {1: "Acme, Inc."}), STAMP))
    assert set(events) == {
        "interview-5@onward.local", "follow-up-2-1@onward.local", "follow-up-3-2@onward.local", "next-step-8@onward.local",
    }
    interview = events["interview-5@onward.local"]
    assert interview["DTSTART"].dt == date(2026, 12, 3) and interview["DTEND"].dt == date(2026, 12, 4)
    assert not isinstance(interview["DTSTART"].dt, datetime), "all day"
    assert str(interview["SUMMARY"]) == "Interview: Acme, Inc. — Analyst; II"  # commas and semicolons survive
    assert str(interview["DESCRIPTION"]) == "Bring the case study"
    assert events["follow-up-2-1@onward.local"]["DTSTART"].dt == date(2026, 11, 29)
    assert events["follow-up-3-2@onward.local"]["DTSTART"].dt == TODAY, "overdue: on today"
    assert str(events["next-step-8@onward.local"]["SUMMARY"]) == "Next step: Ask Sam about SQL"


def test_uids_stay_the_same_across_exports_and_when_an_interview_moves():
    interviews, apps, steps = journal_like()
    first = parse(ics_text(calendar_items(interviews, apps, steps, SETTINGS, TODAY), datetime(2026, 11, 27, tzinfo=timezone.utc)))
    moved, _, _ = journal_like(interview_day=date(2026, 12, 10))
    second = parse(ics_text(calendar_items(moved, apps, steps, SETTINGS, TODAY + timedelta(days=1)), STAMP + timedelta(days=1)))
    assert set(first) == set(second)
    assert second["interview-5@onward.local"]["DTSTART"].dt == date(2026, 12, 10)


def test_the_file_is_rfc_5545_text():
    interviews, apps, steps = journal_like()
    text = ics_text(calendar_items(interviews, apps, steps, SETTINGS, TODAY), STAMP)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_settled_history_asks_for_no_follow_up_in_the_feed():
    """Issue 23: imported history older than the follow-up window is settled; the feed asks nothing of it."""
    history = Application(5, "Elm", "Dev", date(2026, 11, 1), settled_through=date(2026, 11, 1))
    live = Application(6, "Fir", "Dev", date(2026, 11, 1))
    items = calendar_items([], [history, live], [], SETTINGS, TODAY)
    assert [item.uid for item in items] == ["follow-up-6-1@onward.local"]
