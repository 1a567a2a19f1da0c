"""Provides reading of the dates people type ("yesterday", "monday", "Nov 2", "in 3 days", "2026-11-02").

One reader serves the app, the command line and imports. What a day names depends on whether it is for
something that happened (an applied day, an outcome, a step: the default) or something planned (a next step,
a follow-up: `planned=True`; rest days and interview days may be either: `gone_by_ok=True`):

- a month and day without a year ("Dec 20", "Nov 30") is its *nearest* occurrence, never more than six months
  away (Dec 30 typed on Jan 2 is three days ago; Dec 10 typed on Dec 4 is six days ahead). When that lands on
  the wrong side for the field (ahead for something that happened, gone by for a plan) or outside the field's
  window, it is refused with a message naming the day read and how to write the other one: no field ever
  stores a year the person did not type. A 29 February more than six months away either way needs its year;
- a bare weekday ("friday") is the most recent one for what happened and the next one for a plan: typed on
  a Friday it is today for what happened and a week ahead for a plan ("today" or "this friday" plan today);
- "last friday" is the Friday before today and "next friday" the first Friday after today (on a Thursday,
  tomorrow; on a Friday, a week ahead); "this friday" is the Friday of this week (Monday to Sunday);
- "3 days ago", "a week ago", "2 months ago" count back; "tomorrow", "in 3 days", "in 2 weeks" count ahead
  (months and years with `dateutil.relativedelta`: a month on from 31 January is its last day);
- all-number dates: 2026-11-02 (year first), or day and month either way round when only one reading is a
  date ("25/12", "12/25"); "02/11" could be either and is refused rather than guessed, unless the caller
  knows the order (`day_first`: a spreadsheet column whose other dates show it). Dotted dates ("1.12.2026",
  "1.12.", "30.12.") are day first: every country that writes dates with dots puts the day first.

Things that happened can't be in the future. A plan may name a day gone by when its year or its distance is
typed ("2026-11-02", "yesterday": an old reflection keeps its date), but no further ahead than the caller
allows. A day number that is not in its month is refused ("32 Nov": November has 30 days), never read as a
year. Only four-digit years are read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from tui.domain.text import compiled


ACCEPTED_DATES = 'a date like 2026-11-02 or "Nov 2", "today", "yesterday", "monday" (the last one) or "3 days ago"'
"""What a day of something that happened may be typed as; shown in messages and hints."""

ACCEPTED_PLANNED_DATES = 'a date like 2026-11-30 or "Nov 30", "tomorrow", "friday" (the next one) or "in 3 days"'
"""What a planned day may be typed as; shown in messages and hints."""

EARLIEST_YEAR = 1970

NEAREST_REACH_DAYS = 184
"""How far from today a year-less month and day may land: its nearest occurrence is never further (six months)."""

MAX_TYPED_LENGTH = 100
"""Longer text is refused before it is read (a pasted 4,000-digit number is no date)."""

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS.update({name[:3].lower(): number for number, name in enumerate(_WEEKDAY_NAMES)})
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_COUNT = rf"([0-9]{{1,4}}|{'|'.join(_COUNT_WORDS)})"
_UNIT = r"(day|week|month|year)s?"
# The words' patterns, compiled when first asked for: "today", every --date's default, needs none of them.
_AGO = rf"^{_COUNT} {_UNIT} ago$"
_AHEAD = rf"^in {_COUNT} {_UNIT}$"
_WEEKDAY = rf"^(?:(last|next|this) )?({'|'.join(_WEEKDAYS)})\.?$"
_SEPARATORS = re.compile(r"[\s,/.\-]+")
_NUMBER = re.compile(r"^([0-9]+)(st|nd|rd|th)?$")
_FILLER = frozenset({"the", "of", "on"})
_DOTTED = re.compile(r"\d{1,2}\. ?\d{1,2}(?:\.|\. ?\d{4})?")
"""Day and month written with dots ("1.12.", "1.12.2026", "1. 12. 2026"): day first wherever dots are written."""


class DateError(ValueError):
    """A date that cannot be read, or one that is not allowed where it was typed."""


class UnreadableDate(DateError):
    """Text that is no form of date at all (a reader of other forms, like a spreadsheet's, may name its own)."""


class AmbiguousDate(DateError):
    """Two numbers that could be a day and month either way round ("3/4"): `day_first` says which was meant."""


def accepted_dates(*, planned: bool = False) -> str:
    """What may be typed for a day of something that happened, or (planned) of a plan."""
    return ACCEPTED_PLANNED_DATES if planned else ACCEPTED_DATES


def parse_day(
    text: str, today: date, *, planned: bool = False, max_future_days: int = 366, gone_by_ok: bool = False,
    day_first: bool | None = None,
) -> date:
    """The calendar day `text` names, relative to `today`; raises DateError saying what was wrong and what is
    accepted. By default it is the day of something that happened: never in the future. With `planned` it is
    the day of a plan, up to `max_future_days` ahead; a year-less month and day that has gone by is refused
    unless `gone_by_ok` (rest days and interview days may be either side of today). Two numbers that could be
    either way round ("3/4") are refused (AmbiguousDate) unless `day_first` says which is meant: a person
    typing can say, a spreadsheet's column may show it."""
    if len(text) > MAX_TYPED_LENGTH:
        raise _unreadable(" ".join(text[:MAX_TYPED_LENGTH].split()), planned)
    typed = " ".join(text.split())  # as typed, spacing aside: what a refusal quotes ("FEB 30", never "feb 30")
    cleaned = typed.lower()
    if not cleaned:
        raise DateError(f"No date given: use {accepted_dates(planned=planned)}.")
    day = _parse_words(cleaned, today, planned=planned)
    if day is None:
        if _DOTTED.fullmatch(cleaned):
            day_first = True
        day, other = _parse_calendar(cleaned, typed, today, planned=planned, day_first=day_first)
        if other is not None:
            _check_side(" ".join(text.split()), day, other, today, planned=planned, ahead=max_future_days, gone_by_ok=gone_by_ok)
    if day > today and not planned:
        raise DateError(f'{day.isoformat()} is in the future; use today or an earlier day, like "yesterday" or "3 days ago".')
    if day > today + timedelta(days=max_future_days):
        raise DateError(f"{day.isoformat()} is too far ahead; use a day within {_reach(max_future_days)}.")
    if day.year < EARLIEST_YEAR:
        raise DateError(f"{day.isoformat()} is too long ago; use a day from {EARLIEST_YEAR} on.")
    return day


def parse_period_end(text: str, today: date) -> date:
    """The last day of a period asked about (a report's --until): read as a day that happened, so "friday" is
    the last one, but a day after today is taken too ("2026-12-31", "Dec 31": a month's end typed early in it,
    "this month" for a benefits office). What covers the period stops at today (`reported_until`)."""
    try:
        return parse_day(text, today)
    except DateError as refused:
        try:
            ahead = parse_day(text, today, planned=True, gone_by_ok=True)
        except DateError:
            raise refused from None
        if ahead <= today:
            raise
        return ahead


def reported_until(until: date, today: date) -> date:
    """The last day a report on a period ending `until` covers: no later than today, since nothing after it
    has happened yet."""
    return min(until, today)


def _reach(days: int) -> str:
    return "a year" if days >= 365 else f"{days} days"


def _check_side(
    typed: str, day: date, other: date, today: date, *, planned: bool, ahead: int, gone_by_ok: bool
) -> None:
    """Refuse a year-less reading that lands where the field cannot take it, naming the day read and the
    year to write for the other occurrence (`other`, a year before or after)."""
    which = _whose_year(other, today)
    if not planned and day > today:
        raise DateError(f"{typed} is ahead ({day.isoformat()}); to log {which}, write {other.isoformat()}.")
    if planned and day > today + timedelta(days=ahead):
        raise DateError(
            f"{typed} is too far ahead ({day.isoformat()}); use a day within {_reach(ahead)}"
            + (f", or write {other.isoformat()} for {which}." if gone_by_ok and other < today else ".")
        )
    if planned and day < today and not gone_by_ok:
        raise DateError(f"{typed} has gone by ({day.isoformat()}); to plan {which}, write {other.isoformat()}.")


def _whose_year(other: date, today: date) -> str:
    """Which year's `other` is, said from today ("this year's", "last year's", "next year's"), never from the
    occurrence refused: Mar 4 typed on 14 December is read as next March, and the other one is this year's."""
    offset = other.year - today.year
    return {0: "this year's", -1: "last year's", 1: "next year's"}.get(offset, f"{other.year}'s")


def _unreadable(typed: str, planned: bool) -> DateError:
    shown = typed if len(typed) <= 40 else typed[:39] + "…"
    return UnreadableDate(f'"{shown}" is not a date I can read; use {accepted_dates(planned=planned)}.')


def _parse_words(cleaned: str, today: date, *, planned: bool) -> date | None:
    if cleaned in ("today", "now", "tonight"):
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    for pattern, sign in ((_AGO, -1), (_AHEAD, 1)):
        match = compiled(pattern).match(cleaned)
        if match:
            count = _COUNT_WORDS.get(match.group(1)) or int(match.group(1))
            return _shift(today, sign * count, match.group(2))
    match = compiled(_WEEKDAY).match(cleaned)
    if match:
        return _weekday(today, _WEEKDAYS[match.group(2)], match.group(1), planned=planned)
    return None


def _shift(today: date, count: int, unit: str) -> date:
    """`today` moved by `count` days, weeks, months or years; a month on from 31 January is its last day."""
    from dateutil.relativedelta import relativedelta  # ~2 ms to import: only when a day is typed so

    step = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1), "year": relativedelta(years=1)}
    try:
        return today + step[unit] * count
    except (ValueError, OverflowError):
        if count < 0:
            raise DateError(f"That is too long ago; use a day from {EARLIEST_YEAR} on.") from None
        raise DateError("That is too far ahead; use a nearer day.") from None


def _weekday(today: date, weekday: int, which: str | None, *, planned: bool) -> date:
    if which == "last":  # the one before today: 1 to 7 days back
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    if which == "next":  # the first one after today: 1 to 7 days ahead
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if which == "this":  # the one in this Monday-to-Sunday week
        return today + timedelta(days=weekday - today.weekday())
    if planned:  # the next one: 1 to 7 days ahead, so a plan for "monday" made on a Monday is next week's
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _parse_calendar(
    cleaned: str, typed: str, today: date, *, planned: bool, day_first: bool | None = None
) -> tuple[date, date | None]:
    """The day a calendar date names (`cleaned`: lower-cased; `typed`: as typed, what a refusal quotes), and for
    a year-less one the occurrence on the other side of today (None when the year was typed)."""
    tokens = [token for token in _SEPARATORS.split(cleaned) if token and token not in _FILLER]
    weekday = _WEEKDAYS.get(tokens[0]) if tokens else None
    if weekday is not None:  # "Mon 2 Nov": the weekday only confirms the date
        tokens = tokens[1:]
    shape = ""  # "m" for a month name, "n" for a number, in the order typed
    values: list[int] = []
    is_year: list[bool] = []
    for token in tokens:
        number = _NUMBER.match(token)
        if token in _MONTHS:
            shape, values, is_year = shape + "m", [*values, _MONTHS[token]], [*is_year, False]
        elif number:
            four_digits = len(number.group(1)) == 4 and not number.group(2)
            shape, values, is_year = shape + "n", [*values, int(number.group(1))], [*is_year, four_digits]
        else:
            raise _unreadable(typed, planned)
    year: int | None = None
    if shape == "m" or (shape in ("mn", "nm") and is_year[shape.index("n")]):
        raise DateError(f'"{typed}" names no day; add one, like "Nov 2" or "2 Nov 2026".')
    if shape == "mn":
        month, day = values
    elif shape == "nm":
        day, month = values
    elif shape == "nmn" and is_year[0] and not is_year[2]:  # 2026-Nov-02
        year, month, day = values
    elif shape in ("mnn", "nmn"):
        if not is_year[2]:
            raise DateError(f'"{typed}" needs its year in full, like 2026.')
        (month, day) = (values[0], values[1]) if shape == "mnn" else (values[1], values[0])
        year = values[2]
    elif shape == "nnn" and is_year[0]:  # 2026-11-02
        year, month, day = values
    elif shape in ("nn", "nnn"):
        if shape == "nnn":
            if not is_year[2]:
                raise DateError(f'"{typed}" needs its year in full, like 2026 (or write it as 2026-11-02).')
            year = values[2]
        month, day = _month_and_day(values[0], values[1], typed, planned, day_first, year=year, today=today)
    else:
        raise _unreadable(typed, planned)
    _check_day(day, month, year, typed)
    other: date | None = None
    if year is None:
        found, other = _nearest(month, day, today, planned=planned)
    elif year < EARLIEST_YEAR:
        raise DateError(f"{year:04d}-{month:02d}-{day:02d} is too long ago; use a day from {EARLIEST_YEAR} on.")
    else:
        found = date(year, month, day)
    if weekday is not None and found.weekday() != weekday:
        raise DateError(f"{found.isoformat()} is a {_WEEKDAY_NAMES[found.weekday()]}, not a {_WEEKDAY_NAMES[weekday]}.")
    return found, other


def _month_and_day(
    first: int, second: int, typed: str, planned: bool, day_first: bool | None, *, year: int | None, today: date
) -> tuple[int, int]:
    """(month, day) of two numbers typed either way round; refused when both readings are dates, unless
    `day_first` says which order they are in. The refusal writes each reading as it could be typed instead."""
    readings = {(m, d) for m, d in ((first, second), (second, first)) if 1 <= m <= 12 and 1 <= d <= 31}
    if not readings:
        raise _unreadable(typed, planned)
    if len(readings) > 1 and day_first is not None:
        return (second, first) if day_first else (first, second)
    if len(readings) > 1:
        (m1, d1), (m2, d2) = sorted(readings)
        ways = " or ".join(_written(month, day, year, today, planned) for month, day in ((m1, d1), (m2, d2)))
        raise AmbiguousDate(
            f'"{typed}" could be {_MONTH_NAMES[m1 - 1]} {d1} or {_MONTH_NAMES[m2 - 1]} {d2}; write {ways} to say which.'
        )
    return readings.pop()


def _days_in(year: int, month: int) -> int:
    """How many days `month` of `year` has (as calendar.monthrange says, without loading calendar and locale
    for every command: ~1 ms of `onward add`)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_day(day: int, month: int, year: int | None, typed: str) -> None:
    problem = why_not_a_day(typed, day, month, year)
    if problem:
        raise DateError(problem)


def why_not_a_day(typed: str, day: int, month: int, year: int | None = None) -> str | None:
    """Why `day`/`month` (of `year`, or of any year when None) is no day of the calendar, in the one wording
    the app, the command line and imports use ('"2026-02-30" is not a date: February 2026 has 28 days.');
    None when it is one."""
    if not 1 <= month <= 12:
        return f'"{typed}" is not a date: months go from 1 to 12.'
    name = _MONTH_NAMES[month - 1]
    if day < 1:
        return f'"{typed}" is not a date: days of the month start at 1.'
    if year is not None and year >= 1:
        longest = _days_in(year, month)
        if day > longest:
            leap = f" ({year} is not a leap year)" if month == 2 and day == 29 else ""
            return f'"{typed}" is not a date: {name} {year} has {longest} days{leap}.'
    longest = 29 if month == 2 else _days_in(2001, month)
    if day > longest:
        has = "at most 29 days" if month == 2 else f"{longest} days"
        return f'"{typed}" is not a date: {name} has {has}.'
    return None


def _written(month: int, day: int, year: int | None, today: date, planned: bool) -> str:
    """One reading of an ambiguous date, written so that it is read as meant: its year typed, in full; else
    '"Nov 3" (2026-11-03)' when the month's name alone names the day the field would take (the nearest
    occurrence, on the field's side of today), or that day in full ("2026-03-11": typed on 27 November for
    something that happened, "Mar 11" would be next March's)."""
    if year is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    short = f"{_MONTH_NAMES[month - 1][:3]} {day}"
    try:
        found, other = _nearest(month, day, today, planned=planned)
    except DateError:  # a 29 February far from any: it needs its year
        return f'"{short}" with its year'
    if found == today or (found > today) == planned:
        return f'"{short}" ({found.isoformat()})'
    return other.isoformat()


def _nearest(month: int, day: int, today: date, *, planned: bool) -> tuple[date, date]:
    """The occurrence of `month`/`day` nearest to today (a tie goes to the field's side: gone by for what
    happened, ahead for a plan), and the nearest one on the other side of today."""
    candidates = []
    for year in range(today.year - 8, today.year + 9):  # a 29 February comes at least every 8 years
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    found = min(candidates, key=lambda c: (abs((c - today).days), (c < today) if planned else (c > today)))
    if abs((found - today).days) > NEAREST_REACH_DAYS:
        before = max((c for c in candidates if c <= today), default=None)
        after = min((c for c in candidates if c >= today), default=None)
        examples = " or ".join(c.isoformat() for c in (before, after) if c is not None)
        raise DateError(
            f"{_MONTH_NAMES[month - 1]} {day} is more than six months away either way; write its year, like {examples}."
        )
    if found == today:
        other = found
    elif found < today:
        other = min(c for c in candidates if c > today)
    else:
        other = max(c for c in candidates if c < today)
    return found, other


def day_name(day: date, today: date) -> str:
    """A day as people say it when planning: "today", "tomorrow", "Thu" within the week ahead, "Thu 10 Dec"
    further on (with its year when not this one), "yesterday", and "Mon 30 Nov" for days gone by."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    weekday = _WEEKDAY_NAMES[day.weekday()][:3].capitalize()
    if 1 < days < 7:
        return weekday
    named = f"{weekday} {day.day} {_MONTH_NAMES[day.month - 1][:3]}"
    return named if day.year == today.year else f"{named} {day.year}"


def planned_day_examples(today: date) -> str:
    """The examples a question asking for a day ahead shows (a placeholder): each a day after `today` as
    `parse_day(planned=True)` reads it, the date written as it may be typed ten days on, so that none shown
    is a day gone by that would be refused ("Dec 10" on Dec 12)."""
    ahead = today + timedelta(days=10)
    return f"thursday, {_MONTH_NAMES[ahead.month - 1][:3]} {ahead.day}, tomorrow, in 3 days…"


def on_day_name(day: date, today: date) -> str:
    """`day_name` as it follows a verb ("is on Mon", "is tomorrow"): "on" before a weekday or a date, never
    before today, tomorrow or yesterday."""
    name = day_name(day, today)
    return name if abs((day - today).days) <= 1 else f"on {name}"


_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
_CLOCK_LIKE = re.compile(r"^[0-9]{1,3}:[0-9]{1,3}$")


def parse_moment(text: str, today: date) -> datetime:
    """The moment `text` names: a day of something that happened as `parse_day` reads it, then an optional
    HH:MM ("yesterday 18:00", "2026-11-02 09:30", "18:00" for today); the end of the day when no time is
    given. Naive: the caller reads it as local time. Raises DateError."""
    words = " ".join(text.strip().split()) if len(text) <= MAX_TYPED_LENGTH else text
    parts = words.rsplit(" ", 1) if " " in words else [words]
    clock = _CLOCK.match(parts[-1]) if parts else None
    if clock is None and parts and _CLOCK_LIKE.match(parts[-1]):  # "25:00", "9:5": a time, but not one of a day
        raise DateError(f'"{parts[-1]}" is not a time of day; give it as HH:MM from 00:00 to 23:59, e.g. "yesterday 18:00".')
    if clock is None:
        return datetime.combine(parse_day(words, today), time(23, 59, 59))
    day = parse_day(parts[0], today) if len(parts) == 2 else today
    return datetime.combine(day, time(int(clock.group(1)), int(clock.group(2))))
