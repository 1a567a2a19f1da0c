from datetime import date, datetime, timedelta

import calendar
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tui.domain.dates import ACCEPTED_DATES, ACCEPTED_PLANNED_DATES, DateError, parse_day, parse_moment

TODAY = date(2026, 11, 27)  # a Friday
NEW_YEAR = date(2026, 1, 2)  # a Friday, two days into the year
LEAP_DAY_AFTER = date(2028, 3, 1)  # a Wednesday, the day after a 29 February
LEAP_DAY = date(2024, 2, 29)  # a Thursday
WEEK = [date(2026, 11, 23) + timedelta(days=n) for n in range(7)]  # Monday 23 to Sunday 29 November 2026
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PAST, PLANNED = False, True


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", date(2026, 11, 27)),
        ("  Yesterday ", date(2026, 11, 26)),
        ("3 days ago", date(2026, 11, 24)),
        ("a week ago", date(2026, 11, 20)),
        ("2 weeks ago", date(2026, 11, 13)),
        ("two weeks ago", date(2026, 11, 13)),
        ("a month ago", date(2026, 10, 27)),
        ("a year ago", date(2025, 11, 27)),
        ("2026-11-02", date(2026, 11, 2)),
        ("2026/11/02", date(2026, 11, 2)),
        ("Nov 2", date(2026, 11, 2)),
        ("November 2nd, 2026", date(2026, 11, 2)),
        ("2nd of November", date(2026, 11, 2)),
        ("2 November 2025", date(2025, 11, 2)),
        ("Mon, 2 Nov 2026", date(2026, 11, 2)),
        ("sept 3", date(2026, 9, 3)),
        # Day and month either way round when only one reading is a date.
        ("11/25", date(2026, 11, 25)),
        ("25.11.2026", date(2026, 11, 25)),
        ("11/11", date(2026, 11, 11)),
        # A month and day is its nearest occurrence: this year's, or last year's when that is nearer.
        ("Nov 27", date(2026, 11, 27)),
        ("May 29", date(2026, 5, 29)),
        # A bare weekday is the most recent one, today included.
        ("monday", date(2026, 11, 23)),
        ("Friday", date(2026, 11, 27)),
        ("sat", date(2026, 11, 21)),
        ("last friday", date(2026, 11, 20)),
        ("this monday", date(2026, 11, 23)),
    ],
)
def test_reads_what_people_type(text, expected):
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", date(2026, 11, 27)),
        ("tomorrow", date(2026, 11, 28)),
        ("in 3 days", date(2026, 11, 30)),
        ("in a week", date(2026, 12, 4)),
        ("in 2 weeks", date(2026, 12, 11)),
        ("in two weeks", date(2026, 12, 11)),
        ("in a month", date(2026, 12, 27)),
        # A bare weekday is the next one, a week ahead when it is today's; "next friday" is the first one after
        # today; "today" and "this friday" plan today.
        ("friday", date(2026, 12, 4)),
        ("this friday", date(2026, 11, 27)),
        ("saturday", date(2026, 11, 28)),
        ("Monday", date(2026, 11, 30)),
        ("next friday", date(2026, 12, 4)),
        ("next saturday", date(2026, 11, 28)),
        ("this sunday", date(2026, 11, 29)),
        # A month and day is the next one.
        ("Dec 20", date(2026, 12, 20)),
        ("Nov 27", date(2026, 11, 27)),
        ("Jan 5", date(2027, 1, 5)),
        ("5 Jan", date(2027, 1, 5)),
        # A plan may still name a day gone by (an old reflection keeps its date).
        ("2026-11-02", date(2026, 11, 2)),
        ("yesterday", date(2026, 11, 26)),
        ("3 days ago", date(2026, 11, 24)),
        ("last monday", date(2026, 11, 23)),
    ],
)
def test_reads_plans_forward(text, expected):
    assert parse_day(text, TODAY, planned=True) == expected


@pytest.mark.parametrize(
    "today, text, planned, expected",
    [
        # Across the turn of the year.
        (NEW_YEAR, "Dec 31", PAST, date(2025, 12, 31)),
        (NEW_YEAR, "Jan 2", PAST, date(2026, 1, 2)),
        (NEW_YEAR, "yesterday", PAST, date(2026, 1, 1)),
        (NEW_YEAR, "monday", PAST, date(2025, 12, 29)),
        (NEW_YEAR, "last friday", PAST, date(2025, 12, 26)),
        (NEW_YEAR, "2 weeks ago", PAST, date(2025, 12, 19)),
        (NEW_YEAR, "a month ago", PAST, date(2025, 12, 2)),
        (NEW_YEAR, "12/30", PAST, date(2025, 12, 30)),
        (NEW_YEAR, "Jan 5", PLANNED, date(2026, 1, 5)),
        (NEW_YEAR, "monday", PLANNED, date(2026, 1, 5)),
        (NEW_YEAR, "next friday", PLANNED, date(2026, 1, 9)),
        (date(2026, 12, 3), "Jan 5", PLANNED, date(2027, 1, 5)),
        (date(2026, 12, 3), "Nov 30", PAST, date(2026, 11, 30)),
        (date(2026, 1, 2), "Dec 30", PAST, date(2025, 12, 30)),
        (date(2026, 12, 4), "Dec 10", PLANNED, date(2026, 12, 10)),
        (date(2026, 12, 29), "in a week", PLANNED, date(2027, 1, 5)),
        (date(2026, 12, 29), "sunday", PLANNED, date(2027, 1, 3)),
        # Leap years: 29 February is read when its nearest occurrence is within six months.
        (LEAP_DAY_AFTER, "Feb 29", PAST, date(2028, 2, 29)),
        (LEAP_DAY_AFTER, "yesterday", PAST, date(2028, 2, 29)),
        (LEAP_DAY_AFTER, "a month ago", PAST, date(2028, 2, 1)),
        (LEAP_DAY_AFTER, "29 February 2028", PAST, date(2028, 2, 29)),
        (LEAP_DAY_AFTER, "Mar 1", PAST, date(2028, 3, 1)),
        (LEAP_DAY, "Feb 29", PAST, date(2024, 2, 29)),
        (LEAP_DAY, "Feb 29", PLANNED, date(2024, 2, 29)),
        (date(2024, 2, 28), "Feb 29", PLANNED, date(2024, 2, 29)),
        (date(2024, 1, 31), "in a month", PLANNED, date(2024, 2, 29)),
        (LEAP_DAY, "in a year", PLANNED, date(2025, 2, 28)),
        (LEAP_DAY, "a year ago", PAST, date(2023, 2, 28)),
        (date(2024, 3, 31), "a month ago", PAST, date(2024, 2, 29)),
    ],
)
def test_year_boundaries_and_leap_years(today, text, planned, expected):
    assert parse_day(text, today, planned=planned) == expected


# Each row: today, then what "friday" and "monday" mean for what happened and for a plan, then
# "last friday" and "next friday".
@pytest.mark.parametrize(
    "today, past_friday, planned_friday, past_monday, planned_monday, last_friday, next_friday",
    [
        (WEEK[0], date(2026, 11, 20), date(2026, 11, 27), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 20), date(2026, 11, 27)),
        (WEEK[1], date(2026, 11, 20), date(2026, 11, 27), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 20), date(2026, 11, 27)),
        (WEEK[2], date(2026, 11, 20), date(2026, 11, 27), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 20), date(2026, 11, 27)),
        (WEEK[3], date(2026, 11, 20), date(2026, 11, 27), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 20), date(2026, 11, 27)),
        (WEEK[4], date(2026, 11, 27), date(2026, 12, 4), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 20), date(2026, 12, 4)),
        (WEEK[5], date(2026, 11, 27), date(2026, 12, 4), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 27), date(2026, 12, 4)),
        (WEEK[6], date(2026, 11, 27), date(2026, 12, 4), date(2026, 11, 23), date(2026, 11, 30), date(2026, 11, 27), date(2026, 12, 4)),
    ],
    ids=WEEKDAYS,
)
def test_weekdays_on_every_day_of_the_week(
    today, past_friday, planned_friday, past_monday, planned_monday, last_friday, next_friday
):
    assert parse_day("friday", today) == past_friday
    assert parse_day("friday", today, planned=True) == planned_friday
    assert parse_day("monday", today) == past_monday
    assert parse_day("Mon", today, planned=True) == planned_monday
    assert parse_day("last friday", today) == last_friday
    assert parse_day("next friday", today, planned=True) == next_friday


@pytest.mark.parametrize("today", WEEK, ids=WEEKDAYS)
@pytest.mark.parametrize("typed", WEEKDAYS)
def test_a_bare_weekday_is_that_day_within_the_week_gone_or_to_come(today, typed):
    past, planned = parse_day(typed, today), parse_day(typed, today, planned=True)
    assert WEEKDAYS[past.weekday()] == WEEKDAYS[planned.weekday()] == typed
    assert 0 <= (today - past).days <= 6 and 1 <= (planned - today).days <= 7


def test_a_weekday_typed_on_that_weekday_plans_next_weeks_and_logs_todays():
    monday = date(2026, 12, 7)
    assert parse_day("monday", monday, planned=True) == date(2026, 12, 14)
    assert parse_day("monday", monday, planned=True, max_future_days=14, gone_by_ok=True) == date(2026, 12, 14)
    assert parse_day("monday", monday) == monday
    assert parse_day("this monday", monday, planned=True) == parse_day("today", monday, planned=True) == monday


def test_the_weekdays_the_issue_reported():
    assert parse_day("monday", date(2026, 11, 20)) == date(2026, 11, 16)  # was 2025-11-23, a Sunday
    assert parse_day("Friday", date(2026, 11, 23)) == date(2026, 11, 20)  # was 2025-11-27


@pytest.mark.parametrize(
    "text, planned, message",
    [
        # A day that is not in its month is refused, never read as a year.
        ("32 Nov", PAST, "November has 30 days"),
        ("Nov 32", PLANNED, "November has 30 days"),
        ("45 nov", PAST, "November has 30 days"),
        ("31 Apr", PAST, "April has 30 days"),
        ("April 31", PLANNED, "April has 30 days"),
        ("Feb 30", PAST, "February has at most 29 days"),
        ("0 Jan", PAST, "days of the month start at 1"),
        ("Jan 0", PLANNED, "days of the month start at 1"),
        ("Feb 29 2026", PAST, "February 2026 has 28 days (2026 is not a leap year)"),
        ("2026-02-30", PAST, "February 2026 has 28 days"),
        ("2026-04-31", PAST, "April 2026 has 30 days"),
        ("4/31", PAST, "April has 30 days"),
        ("2026-13-01", PAST, "months go from 1 to 12"),
        ("02/11", PAST, "could be February 11 or November 2"),
        ("11/02/26", PAST, "year in full"),
        ("Nov 2 26", PAST, "year in full"),
        ("nov", PAST, "names no day"),
        ("Nov 2026", PLANNED, "names no day"),
        ("Fri 2 Nov 2026", PAST, "2026-11-02 is a Monday, not a Friday"),
        # What happened can't be ahead.
        ("tomorrow", PAST, "2026-11-28 is in the future; use today or an earlier day"),
        ("in 3 days", PAST, "2026-11-30 is in the future"),
        ("next friday", PAST, "2026-12-04 is in the future"),
        ("this sunday", PAST, "is in the future"),
        ("2026-12-01", PAST, "is in the future"),
        # A 29 February more than six months away either way needs its year.
        ("Feb 29", PLANNED, "February 29 is more than six months away either way; write its year, like 2024-02-29 or 2028-02-29."),
        ("Feb 29", PAST, "write its year, like 2024-02-29 or 2028-02-29"),
        # A year-less day on the wrong side of today is refused, naming the day read and the other one.
        ("Dec 20", PAST, "Dec 20 is ahead (2026-12-20); to log last year's, write 2025-12-20."),
        ("Nov 28", PAST, "Nov 28 is ahead (2026-11-28); to log last year's, write 2025-11-28."),
        ("Nov 20", PLANNED, "Nov 20 has gone by (2026-11-20); to plan next year's, write 2027-11-20."),
        ("1" * 4301, PAST, '"' + "1" * 39 + '…" is not a date I can read'),
        ("2030-01-01", PLANNED, "too far ahead"),
        ("in 9999 years", PLANNED, "too far ahead"),
        ("1900-01-01", PAST, "too long ago; use a day from 1970 on"),
        ("0000-01-01", PAST, "too long ago"),
        ("9999 years ago", PAST, "too long ago"),
        # Anything else says what is accepted, for the kind of day asked for.
        ("", PAST, f"No date given: use {ACCEPTED_DATES}."),
        ("", PLANNED, f"No date given: use {ACCEPTED_PLANNED_DATES}."),
        ("blah", PAST, f'"blah" is not a date I can read; use {ACCEPTED_DATES}.'),
        ("someday soon", PLANNED, f'"someday soon" is not a date I can read; use {ACCEPTED_PLANNED_DATES}.'),
        ("32/13/2026", PAST, "not a date I can read"),
        ("the day after", PAST, "not a date I can read"),
        ("next week", PLANNED, "not a date I can read"),
        ("in -3 days", PLANNED, "not a date I can read"),
        ("x" * 90, PAST, '"' + "x" * 39 + '…" is not a date I can read'),
    ],
)
def test_refusals_say_what_was_wrong(text, planned, message):
    with pytest.raises(DateError) as error:
        parse_day(text, TODAY, planned=planned)
    assert message in str(error.value)


def test_hints_for_plans_suggest_no_day_gone_by():
    assert "yesterday" in ACCEPTED_DATES and "ago" in ACCEPTED_DATES
    assert "yesterday" not in ACCEPTED_PLANNED_DATES and "ago" not in ACCEPTED_PLANNED_DATES
    assert "tomorrow" in ACCEPTED_PLANNED_DATES and "in 3 days" in ACCEPTED_PLANNED_DATES


def test_a_plan_stops_where_the_caller_says():
    assert parse_day("in 2 weeks", TODAY, planned=True, max_future_days=14) == date(2026, 12, 11)
    with pytest.raises(DateError, match="too far ahead; use a day within 14 days"):
        parse_day("in 15 days", TODAY, planned=True, max_future_days=14)


@pytest.mark.parametrize("typed, expected", [("friday", date(2026, 12, 4)), ("monday", date(2026, 11, 30)), ("Jan 5", date(2027, 1, 5)), ("2026-11-02", date(2026, 11, 2))])
def test_a_reflections_next_step_is_planned(typed, expected):
    from tui.domain.reflections import check_reflection

    assert check_reflection(mood=3, today=TODAY, next_step_on=typed).next_step_on == expected


def test_a_reflections_next_step_says_what_plans_accept():
    from tui.domain.entries import EntryError
    from tui.domain.reflections import check_reflection

    with pytest.raises(EntryError) as error:
        check_reflection(mood=3, today=TODAY, next_step_on="someday")
    assert error.value.problems.by_field["next_step_on"] == f'"someday" is not a date I can read; use {ACCEPTED_PLANNED_DATES}.'


def test_a_month_and_day_is_its_nearest_occurrence_for_fields_that_take_either_side():
    """`onward rest "Dec 3"` typed on Dec 4 marks yesterday; "Dec 17" typed on Dec 2 was stored as 2025-12-17
    without a word (issue 23): it is 15 days ahead, beyond the 14 rest days reach, and refused naming both."""
    today = date(2026, 12, 4)
    assert parse_day("Dec 3", today, planned=True, max_future_days=14, gone_by_ok=True) == date(2026, 12, 3)
    assert parse_day("Dec 10", today, planned=True, max_future_days=14, gone_by_ok=True) == date(2026, 12, 10)
    with pytest.raises(DateError, match=r"Dec 19 is too far ahead \(2026-12-19\); use a day within 14 days, or write 2025-12-19 for last year's"):
        parse_day("Dec 19", today, planned=True, max_future_days=14, gone_by_ok=True)


def test_the_breaks_the_issue_reported():
    """Issue 23: each of these stored a year nobody typed."""
    with pytest.raises(DateError, match="Dec 10 is ahead"):
        parse_day("Dec 10", date(2026, 12, 4))  # people contacted --date "Dec 10": was 2025-12-10
    with pytest.raises(DateError, match="write its year"):
        parse_day("Feb 29", date(2026, 12, 4))  # add --date "Feb 29": was 2024-02-29
    with pytest.raises(DateError, match="Nov 30 has gone by"):
        parse_day("Nov 30", date(2026, 12, 2), planned=True)  # a next step: was 2027-11-30
    assert parse_day("Dec 30", date(2027, 1, 2)) == date(2026, 12, 30)



@pytest.mark.parametrize(
    "today, typed, planned, message",
    [
        # Around the new year the day refused and the day to write are in different years, either way round.
        (date(2026, 12, 14), "Mar 4", PAST, "Mar 4 is ahead (2027-03-04); to log this year's, write 2026-03-04."),
        (date(2026, 12, 14), "Dec 20", PAST, "Dec 20 is ahead (2026-12-20); to log last year's, write 2025-12-20."),
        (date(2027, 1, 4), "Jan 10", PAST, "Jan 10 is ahead (2027-01-10); to log last year's, write 2026-01-10."),
        (date(2027, 1, 4), "Nov 30", PLANNED, "Nov 30 has gone by (2026-11-30); to plan this year's, write 2027-11-30."),
        (date(2027, 1, 4), "Jan 2", PLANNED, "Jan 2 has gone by (2027-01-02); to plan next year's, write 2028-01-02."),
        (date(2026, 12, 30), "Dec 1", PLANNED, "Dec 1 has gone by (2026-12-01); to plan next year's, write 2027-12-01."),
        # Mid-year both are this year's neighbours: the other one is last year's (what happened) or next year's.
        (date(2026, 6, 15), "Jul 1", PAST, "Jul 1 is ahead (2026-07-01); to log last year's, write 2025-07-01."),
        (date(2026, 6, 15), "Jun 1", PLANNED, "Jun 1 has gone by (2026-06-01); to plan next year's, write 2027-06-01."),
    ],
)
def test_a_refused_year_less_day_names_the_year_to_write_from_today(today, typed, planned, message):
    """A tester's report: "Mar 4" on 14 December said "to log last year's, write 2026-03-04", this year's."""
    with pytest.raises(DateError) as error:
        parse_day(typed, today, planned=planned)
    assert str(error.value) == message
    written = date.fromisoformat(message.rsplit(" ", 1)[1].rstrip("."))
    assert parse_day(written.isoformat(), today, planned=planned) == written  # what it says to write is taken


def _year_said(message: str, today: date) -> None:
    """The year word of a refusal ("this year's", "last year's", "next year's") is the written day's, from today."""
    said = re.search(r"(this|last|next|\d{4}) year's|(\d{4})'s", message)
    if said is None:
        return
    written = [date.fromisoformat(day) for day in re.findall(r"\d{4}-\d{2}-\d{2}", message)][-1]
    word = said.group(1) or said.group(2)
    expected = {"this": today.year, "last": today.year - 1, "next": today.year + 1}.get(word) or int(word)
    assert written.year == expected, message

MONTH_DAY_FORMS = ("{m} {d}", "{d} {m}", "{m} {d}th", "{m}. {d}")


@given(
    today=st.dates(min_value=date(1971, 1, 1), max_value=date(2090, 12, 31)),
    month=st.integers(1, 12),
    day=st.integers(1, 31),
    form=st.sampled_from(MONTH_DAY_FORMS),
    planned=st.booleans(),
    gone_by_ok=st.booleans(),
    ahead=st.sampled_from([14, 60, 366]),
)
@example(today=date(2027, 6, 1), month=2, day=29, form="{m} {d}", planned=True, gone_by_ok=False, ahead=366)
@example(today=date(2026, 12, 2), month=12, day=17, form="{m} {d}", planned=True, gone_by_ok=True, ahead=14)
def test_a_year_less_date_never_lands_more_than_six_months_away(today, month, day, form, planned, gone_by_ok, ahead):
    """No year typed, no year guessed: the day read is within six months of today, on the field's side and
    within its reach, or it is refused naming a day (an ISO date) or the calendar's own reason."""
    text = form.format(m=calendar.month_abbr[month], d=day)
    try:
        found = parse_day(text, today, planned=planned, gone_by_ok=gone_by_ok, max_future_days=ahead)
    except DateError as error:
        message = str(error)
        assert re.search(r"\d{4}-\d{2}-\d{2}", message) or "is not a date" in message, message
        _year_said(message, today)
        return
    assert abs((found - today).days) <= 184
    assert (found.month, found.day) == (month, day)
    if not planned:
        assert found <= today
    else:
        assert found <= today + timedelta(days=ahead)
        assert gone_by_ok or found >= today


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("yesterday 18:00", datetime(2026, 11, 26, 18, 0)),
        ("2026-11-02 09:30", datetime(2026, 11, 2, 9, 30)),
        ("7:05", datetime(2026, 11, 27, 7, 5)),
        ("monday", datetime(2026, 11, 23, 23, 59, 59)),
        ("3 days ago  23:59", datetime(2026, 11, 24, 23, 59)),
    ],
)
def test_a_moment_is_a_day_then_an_optional_time(typed: str, moment: datetime) -> None:
    assert parse_moment(typed, date(2026, 11, 27)) == moment


@pytest.mark.parametrize("typed", ["24:00", "yesterday 18:60", "tomorrow 10:00", "", "18:00 yesterday"])
def test_a_moment_that_cant_be_read_is_refused(typed: str) -> None:
    with pytest.raises(DateError):
        parse_moment(typed, date(2026, 11, 27))


@pytest.mark.parametrize("typed", ["today 25:00", "2026-12-07 9:5", "24:00"])
def test_a_time_that_is_not_one_of_a_day_is_said_as_a_time(typed: str) -> None:
    """"today 25:00" was "not a date I can read", listing only the forms of a day (a tester looked for the time's)."""
    with pytest.raises(DateError, match=r"is not a time of day; give it as HH:MM from 00:00 to 23:59"):
        parse_moment(typed, date(2026, 11, 27))


def test_two_numbers_either_way_round_are_read_in_the_order_the_caller_knows():
    """The app refuses "3/4" (a person can say which); a spreadsheet column that shows its order says it."""
    from tui.domain.dates import AmbiguousDate

    with pytest.raises(AmbiguousDate, match='"3/4" could be March 4 or April 3'):
        parse_day("3/4", TODAY)
    today = date(2026, 6, 15)
    assert parse_day("3/4", today, day_first=False) == date(2026, 3, 4)
    assert parse_day("3/4", today, day_first=True) == date(2026, 4, 3)
    assert parse_day("20/11", TODAY, day_first=False) == date(2026, 11, 20)  # only one reading is a day
    with pytest.raises(DateError, match=r"3/4 is ahead \(2027-04-03\); to log this year's, write 2026-04-03"):
        parse_day("3/4", date(2026, 12, 14), day_first=True)


def test_an_ambiguous_date_is_refused_with_its_two_readings_written_to_be_typed():
    """Tester (try7 L2): "3/11" was refused with 'write it like 2026-11-02 or "Nov 2"', neither reading of what
    was typed: each reading is written out, with the day the field would take (its year typed, else the one on
    the field's side of today)."""
    from tui.domain.dates import AmbiguousDate

    def refusal(typed: str, **field) -> str:
        with pytest.raises(AmbiguousDate) as refused:
            parse_day(typed, TODAY, **field)
        return str(refused.value)

    said = refusal("3/11")
    assert said == '"3/11" could be March 11 or November 3; write 2026-03-11 or "Nov 3" (2026-11-03) to say which.'
    assert parse_day("2026-03-11", TODAY) == date(2026, 3, 11) and parse_day("Nov 3", TODAY) == date(2026, 11, 3)
    assert refusal("11/3") == said.replace('"3/11"', '"11/3"')
    assert refusal("3/4", planned=True).endswith('write "Mar 4" (2027-03-04) or "Apr 3" (2027-04-03) to say which.')
    assert parse_day("Mar 4", TODAY, planned=True) == date(2027, 3, 4)
    assert refusal("3/4/2025").endswith("write 2025-03-04 or 2025-04-03 to say which.")


@pytest.mark.parametrize(
    "typed, day",
    [("12.1.2026", date(2026, 1, 12)), ("3.4.2026", date(2026, 4, 3)), ("1.11.", date(2026, 11, 1)),
     ("3.7.", date(2026, 7, 3)), ("30.10.", date(2026, 10, 30)), ("1. 11. 2026", date(2026, 11, 1)), ("1.11", date(2026, 11, 1))],
)
def test_a_dotted_date_is_day_first(typed, day):
    """A tester's "1.12.2026" was refused as "could be January 12": every country writing dates with dots
    writes the day first."""
    assert parse_day(typed, TODAY) == day
    assert parse_day(typed, TODAY, day_first=False) == day  # the dots say so, whatever the caller guessed
    with pytest.raises(DateError, match="could be March 4 or April 3"):  # slashes still don't say which
        parse_day("3/4", TODAY)


@pytest.mark.parametrize(
    "typed, expected",
    [("2026-11-30", date(2026, 11, 30)), ("Nov 30", date(2026, 11, 30)), ("next friday", date(2026, 12, 4)),
     ("friday", TODAY), ("monday", date(2026, 11, 23)), ("Nov 2", date(2026, 11, 2)), ("yesterday", date(2026, 11, 26))],
)
def test_a_periods_end_may_be_after_today_and_a_report_on_it_stops_at_today(typed, expected):
    from tui.domain.dates import parse_period_end, reported_until

    assert parse_period_end(typed, TODAY) == expected
    assert reported_until(expected, TODAY) == min(expected, TODAY)


def test_a_periods_end_that_is_no_date_says_what_a_day_may_be():
    from tui.domain.dates import parse_period_end

    with pytest.raises(DateError, match='"soon" is not a date I can read; use a date like 2026-11-02'):
        parse_period_end("soon", TODAY)
    with pytest.raises(DateError, match="too long ago"):
        parse_period_end("1900-01-01", TODAY)


@pytest.mark.parametrize(
    "typed, quoted",
    [
        ("FEB 30", '"FEB 30" is not a date: February has at most 29 days.'),
        ("Blah Blah", '"Blah Blah" is not a date I can read;'),
        ("  Call   Bo ", '"Call Bo" is not a date I can read;'),
        ("NOV 2026", '"NOV 2026" names no day;'),
        ("Nov 2 26", '"Nov 2 26" needs its year in full'),
    ],
)
def test_a_refusal_quotes_the_date_as_it_was_typed(typed, quoted):
    """Tester (try5 #8): "FEB 30" was quoted back as "feb 30", "Blah Blah" as "blah blah"."""
    with pytest.raises(DateError) as refused:
        parse_day(typed, TODAY)
    assert str(refused.value).startswith(quoted)


@pytest.mark.parametrize(
    "offset, said",
    [(0, "today"), (1, "tomorrow"), (-1, "yesterday"), (3, "on Mon"), (10, "on Mon 7 Dec"), (-4, "on Mon 23 Nov")],
)
def test_a_day_after_a_verb_says_on_before_a_weekday_or_date_only(offset, said):
    """Issue try6 #8c: "The interview at Initech is Mon" read wrong; "is on Mon", but "is tomorrow"."""
    from tui.domain.dates import on_day_name

    today = date(2026, 11, 27)
    assert on_day_name(today + timedelta(days=offset), today) == said


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
@example(date(2026, 12, 12))  # issue try6 #8d: "Dec 10" shown on Dec 12
@example(date(2026, 12, 25))  # ten days on is in the next year
def test_the_examples_a_day_question_shows_are_each_a_day_ahead(today):
    from tui.domain.dates import planned_day_examples

    for typed in planned_day_examples(today).rstrip("…").split(", "):
        assert parse_day(typed, today, planned=True, gone_by_ok=True) > today, typed
