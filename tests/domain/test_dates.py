from datetime import date

import pytest

from tui.domain.dates import DateError, parse_day

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", date(2026, 11, 27)),
        ("  Yesterday ", date(2026, 11, 26)),
        ("3 days ago", date(2026, 11, 24)),
        ("a week ago", date(2026, 11, 20)),
        ("2 weeks ago", date(2026, 11, 13)),
        ("2026-11-02", date(2026, 11, 2)),
        ("Nov 2", date(2026, 11, 2)),
        ("2 November 2025", date(2025, 11, 2)),
        # A month and day still to come this year means last year's.
        ("Dec 20", date(2025, 12, 20)),
    ],
)
def test_reads_what_people_type(text, expected):
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "blah", "32/13/2026", "the day after"])
def test_unreadable_dates_say_what_is_accepted(text):
    with pytest.raises(DateError) as error:
        parse_day(text, TODAY)
    assert "yesterday" in str(error.value) or "No date" in str(error.value)


def test_future_refused_unless_allowed():
    with pytest.raises(DateError, match="future"):
        parse_day("tomorrow", TODAY)
    assert parse_day("tomorrow", TODAY, allow_future=True) == date(2026, 11, 28)
    assert parse_day("Dec 20", TODAY, allow_future=True) == date(2026, 12, 20)


def test_far_future_and_far_past_refused():
    with pytest.raises(DateError, match="too far ahead"):
        parse_day("2030-01-01", TODAY, allow_future=True)
    with pytest.raises(DateError, match="too long ago"):
        parse_day("1900-01-01", TODAY)
