"""Coming up (issue 13): planned screenings and interviews, soonest first, across a month and a year; on
their day and after they move to Today until said how they went; the greeting names this week's nearest."""

from datetime import date

import pytest

from tui.domain.inbox import Section, compose_greeting, interview_phrase, interview_rows
from tui.domain.models import Application, Held, OutcomeEvent, OutcomeKind


def planned(event_id, day, company="Acme", kind=OutcomeKind.INTERVIEW):
    app = Application(event_id, company, "Analyst", date(2026, 11, 1))
    return OutcomeEvent(event_id, event_id, date(2026, 11, 20), kind, takes_place_on=day, held=Held.PLANNED), app


@pytest.mark.parametrize("today", [date(2026, 11, 27), date(2026, 12, 30)])
def test_coming_up_is_soonest_first_across_a_month_and_a_year(today):
    days = [date(2027, 1, 4), date(2026, 12, 31), date(2027, 2, 1), date(2026, 12, 1)]
    rows, due = interview_rows([planned(i + 1, d, f"Co{i}") for i, d in enumerate(days)], today)
    ahead = sorted(d for d in days if d > today)
    assert [row.interview.takes_place_on for row in rows] == ahead
    assert all(row.section is Section.COMING_UP for row in rows)
    assert [row.interview.takes_place_on for row in due] == sorted(d for d in days if d <= today)


def test_hints_say_the_day_as_people_do():
    today = date(2026, 11, 27)  # a Friday
    rows, due = interview_rows(
        [planned(1, date(2026, 11, 28)), planned(2, date(2026, 12, 3)), planned(3, date(2027, 1, 5)),
         planned(4, today), planned(5, date(2026, 11, 25))], today,
    )
    assert [r.hint for r in rows] == [
        "tomorrow · m if it moves", "Thu · in 6 days · m if it moves", "Tue 5 Jan 2027 · in 39 days · m if it moves",
    ]
    assert due[0].hint == "was Wed 25 Nov · h: how did it go?"
    assert due[1].hint.startswith("today · good luck")
    assert rows[0].text == "Interview at Acme — Analyst"


def test_a_filter_keeps_only_matching_ones():
    today = date(2026, 11, 27)
    rows, _ = interview_rows([planned(1, date(2026, 12, 1), "Acme"), planned(2, date(2026, 12, 2), "Birch")], today, "birch")
    assert [r.application.company for r in rows] == ["Birch"]


def test_the_greeting_names_the_nearest_this_week():
    today = date(2026, 11, 27)
    assert interview_phrase([planned(1, date(2026, 12, 3)), planned(2, date(2026, 12, 1), "Birch", OutcomeKind.SCREENING)], today) == (
        "Screening at Birch on Tue (and 1 more in the week ahead)."
    )
    assert interview_phrase([planned(1, today)], today) == "Interview at Acme today — you've got this."
    assert interview_phrase([planned(1, date(2026, 11, 28))], today) == "Interview at Acme tomorrow."
    assert interview_phrase([planned(1, date(2026, 12, 10))], today) == ""
    greeting = compose_greeting(2, 0, 0, 0, today=today, coming="Interview at Acme tomorrow.")
    assert "Interview at Acme tomorrow. 2 follow-ups due." in greeting.replace("interview", "Interview")
