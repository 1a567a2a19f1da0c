"""Provides the walk over days that every streak figure is built on: runs of persistent days, freezes earned
and used. Only `datetime` is imported, so the shell prompt's fast path (`onward streak --short`) can use the
very same rule without loading the rest of Onward."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date

FREEZE_EVERY = 7
"""One freeze is earned per this many persistent days of a run."""
MAX_FREEZES = 2
DEFAULT_REST_WEEKDAYS = frozenset({5, 6})
"""Saturday and Sunday, until the user chooses (0 = Monday)."""


class Run:
    """An unbroken run of persistent days as the walk builds it."""

    __slots__ = ("start", "length", "freezes", "used", "reached", "ended")

    def __init__(self, start: date) -> None:
        self.start = start
        self.ended: date | None = None
        """The missed day that ended it (None while it lasts)."""
        self.length = 0
        self.freezes = 0
        self.used: list[date] = []
        """Missed days a freeze covered."""
        self.reached: list[tuple[int, date]] = []
        """(milestone length, the day it was reached)."""


def walk(
    steps: Mapping[date, int],
    is_rest: Callable[[date], bool],
    until: date,
    *,
    open_day: date | None,
    milestones: Collection[int] = (),
) -> tuple[list[Run], Run | None]:
    """Every run from the first step to `until`; `open_day` (today) never breaks a run. Returns (runs, live run)."""
    # Days as ordinals: the walk covers every day of ten years on each key, and int arithmetic and set
    # lookups cost a third of date objects (a date is built only for what a run records).
    stepped = {day.toordinal() for day, count in steps.items() if count > 0}
    if not stepped:
        return [], None
    runs: list[Run] = []
    live: Run | None = None
    open_ordinal = open_day.toordinal() if open_day is not None else None
    for ordinal in range(min(stepped), until.toordinal() + 1):
        if ordinal in stepped:
            if live is None:
                live = Run(date.fromordinal(ordinal))
                runs.append(live)
            live.length += 1
            if live.length in milestones:
                live.reached.append((live.length, date.fromordinal(ordinal)))
            if live.length % FREEZE_EVERY == 0 and live.freezes < MAX_FREEZES:
                live.freezes += 1
        elif live is not None and ordinal != open_ordinal and not is_rest(date.fromordinal(ordinal)):
            if live.freezes > 0:
                live.freezes -= 1
                live.used.append(date.fromordinal(ordinal))
            else:
                live.ended = date.fromordinal(ordinal)
                live = None
    return runs, live


def changes_step_days(before: int, after: int) -> bool:
    """Whether a day going from `before` steps to `after` changes which days hold a step: all that `walk`
    reads of a day, so when it does not, every run, freeze and streak milestone stays as it was."""
    return (before > 0) != (after > 0)


def current_streak(steps: Mapping[date, int], is_rest: Callable[[date], bool], today: date) -> int:
    """Persistent days in the run that ends today (or yesterday while today is still open)."""
    past = {day: count for day, count in steps.items() if day <= today and count > 0}
    _, live = walk(past, is_rest, today, open_day=today)
    return live.length if live else 0
