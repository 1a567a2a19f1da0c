"""Provides reading of the dates people type ("yesterday", "3 days ago", "Nov 2", "2026-11-02")."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta


ACCEPTED_DATES = 'a date like 2026-11-02, "Nov 2", "today", "yesterday" or "3 days ago"'

_RELATIVE = re.compile(r"^(\d{1,4}|an?|one)\s+(day|week|month)s?\s+ago$")
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


class DateError(ValueError):
    """A date that cannot be read, or one that is not allowed where it was typed."""


def parse_day(text: str, today: date, *, allow_future: bool = False, max_future_days: int = 366) -> date:
    """The calendar day `text` names, relative to `today`; raises DateError saying what is accepted."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise DateError(f"No date given: use {ACCEPTED_DATES}.")
    day = _parse_words(cleaned, today)
    if day is None:
        day = _parse_calendar(cleaned, today, allow_future=allow_future)
    if day > today and not allow_future:
        raise DateError(f"{day.isoformat()} is in the future; use today or an earlier day.")
    if day > today + timedelta(days=max_future_days):
        limit = "a year" if max_future_days >= 365 else f"{max_future_days} days"
        raise DateError(f"{day.isoformat()} is too far ahead; use a day within {limit}.")
    if day.year < 1970:
        raise DateError(f"{day.isoformat()} is too long ago; use a day from 1970 on.")
    return day


def _parse_words(cleaned: str, today: date) -> date | None:
    if cleaned in ("today", "now"):
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    match = _RELATIVE.match(cleaned)
    if match:
        count = 1 if match.group(1) in ("a", "an", "one") else int(match.group(1))
        return today - timedelta(days=count * _UNIT_DAYS[match.group(2)])
    return None


def _parse_calendar(cleaned: str, today: date, *, allow_future: bool) -> date:
    # dateutil's parser (~8 ms to import) loads on the first typed calendar date, not at start-up.
    from dateutil import parser as dateutil_parser

    default = datetime(today.year, today.month, today.day)
    try:
        parsed = dateutil_parser.parse(cleaned, default=default).date()
        # Parsing again with another default year tells whether the text named a year.
        other = dateutil_parser.parse(cleaned, default=default.replace(year=today.year - 4)).date()
    except (ValueError, OverflowError) as error:
        raise DateError(f'"{cleaned}" is not a date I can read; use {ACCEPTED_DATES}.') from error
    year_given = parsed == other
    if not year_given and not allow_future and parsed > today:
        # "Dec 20" typed in January means the December just gone.
        try:
            parsed = parsed.replace(year=parsed.year - 1)
        except ValueError:  # 29 February
            parsed = parsed - timedelta(days=365)
    return parsed
