"""Provides the persistence rules: streak with rest days and freezes, resilience score, bounce-back time, heatmap days.

Everything here is a pure function of (steps per day, rest days, settings, today), per PRODUCT.md's Rules.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tui.domain.runs import DEFAULT_REST_WEEKDAYS, walk
from tui.domain.text import number, plural
from tui.domain.wins import STREAK_MILESTONES, StreakRun

DAILY_TARGET = 7
HEATMAP_WEEKS = 53
PLAN_AHEAD_DAYS = 14


class TodayState(StrEnum):
    """How today stands for the streak."""

    DONE = "done"
    REST = "rest day"
    KEEP_ALIVE = "keep it alive today"
    START = "start a new streak today"


@dataclass(frozen=True)
class Rhythm:
    """Which days are rest days: rest weekdays (0 = Monday) plus single marked days."""

    rest_weekdays: frozenset[int] = DEFAULT_REST_WEEKDAYS
    rest_days: frozenset[date] = frozenset()

    def is_rest(self, day: date) -> bool:
        return day.weekday() in self.rest_weekdays or day in self.rest_days


@dataclass(frozen=True)
class StreakSummary:
    """Where the streak stands today."""

    current: int
    longest: int
    freezes: int
    today: TodayState
    run_start: date | None = None
    freezes_used: tuple[date, ...] = ()
    """Missed days of the current run that a freeze covered."""
    last_run: int = 0
    """Persistent days of the run before this one (0: none)."""
    last_run_ended: date | None = None
    """The missed day that ended it."""
    week_days: int = 0
    """Persistent days this week so far, Monday to today (what the weekly target is measured against)."""


def streak_summary(steps: Mapping[date, int], rhythm: Rhythm, today: date) -> StreakSummary:
    """Current and longest streak, freezes held and today's state."""
    runs, live = walk(steps, rhythm.is_rest, today, open_day=today)  # days after today are not walked
    current = live.length if live else 0
    ended = [run for run in runs if run is not live]
    longest = max((run.length for run in runs), default=0)
    if steps.get(today, 0) > 0:
        state = TodayState.DONE
    elif rhythm.is_rest(today):
        state = TodayState.REST
    else:
        state = TodayState.KEEP_ALIVE if current else TodayState.START
    return StreakSummary(
        current=current,
        longest=longest,
        freezes=live.freezes if live else 0,
        today=state,
        run_start=live.start if live else None,
        freezes_used=tuple(live.used) if live else (),
        last_run=ended[-1].length if ended else 0,
        last_run_ended=ended[-1].ended if ended else None,
        week_days=days_this_week(steps, today),
    )


def days_this_week(steps: Mapping[date, int], today: date) -> int:
    """Persistent days from this week's Monday to today (days ahead never count)."""
    monday = today - timedelta(days=today.weekday())
    return sum(1 for n in range(today.weekday() + 1) if steps.get(monday + timedelta(days=n), 0) > 0)


def week_phrase(week_days: int, target: int) -> str:
    """This week against the weekly target, as the greeting, the Streak meter and Insights all say it: "3 of 5
    days this week.", and once it is met "6 days this week — target of 5 met, well done." (never "6 of 5")."""
    if week_days >= target:
        return f"{plural(week_days, 'day')} this week — target of {number(target)} met, well done."
    return f"{number(week_days)} of {plural(target, 'day')} this week."


def week_squares(week_days: int, target: int) -> str:
    """This week as squares, the same on every screen: one filled per persistent day, one empty per day still
    to go to the target ("■■■□□"; 6 days against 5 shows 6 filled)."""
    return "■" * week_days + "□" * max(0, target - week_days)


def streak_runs(steps: Mapping[date, int], rhythm: Rhythm) -> list[StreakRun]:
    """Every run with the milestones it reached, for streak-milestone wins."""
    steps = {day: count for day, count in steps.items() if count > 0}
    if not steps:
        return []
    runs, _ = walk(steps, rhythm.is_rest, max(steps), open_day=None, milestones=STREAK_MILESTONES)
    return [StreakRun(run.start, tuple(run.reached)) for run in runs if run.reached]


def freeze_days(steps: Mapping[date, int], rhythm: Rhythm, today: date) -> set[date]:
    """Every missed day that a freeze covered, in all history."""
    steps = {day: count for day, count in steps.items() if day <= today and count > 0}
    runs, _ = walk(steps, rhythm.is_rest, today, open_day=today)
    return {day for run in runs for day in run.used}


# Resilience score: Loop Habit Tracker's habit strength (uhabits Score.kt / ScoreList.kt).


def score_multiplier(frequency: float) -> float:
    """m = 0.5^(√f / 13): how much of yesterday's score carries over."""
    return 0.5 ** (math.sqrt(frequency) / 13.0)


def resilience_scores(steps: Mapping[date, int], rhythm: Rhythm, target: int, first_day: date, today: date) -> list[float]:
    """The score (0–1) for every day from `first_day` to `today`, starting from 0.

    A daily target uses v = 1 on a persistent day, else 0. A target under 7 uses Loop's non-daily rule:
    a rolling count of persistent days over 14 days, v = min(1, count / (2·target)). Rest days freeze the
    score (Loop's skip: no update), even with a step on them; such a step still counts in the rolling window
    for the days after. A missed day never raises the score: Loop's rolling share would lift it on a day
    without a step, and then marking that day as rest (skipping the lift) would lower it. Held to at most
    yesterday's score, a missed day is never better than a rest day, so resting never lowers the score.
    """
    if not 1 <= target <= DAILY_TARGET:
        raise ValueError(f"target must be 1–7 days a week, not {target}")
    if today < first_day:
        return []
    frequency = target / DAILY_TARGET
    multiplier = score_multiplier(frequency)
    daily = target == DAILY_TARGET
    needed, window = (1, 1) if daily else (2 * target, 2 * DAILY_TARGET)
    days = (today - first_day).days + 1
    done = [steps.get(first_day + timedelta(days=n), 0) > 0 for n in range(days)]
    scores: list[float] = []
    score = 0.0
    rolling = 0
    for n in range(days):
        rolling += done[n]
        if n >= window:
            rolling -= done[n - window]
        day = first_day + timedelta(days=n)
        if not rhythm.is_rest(day):
            value = min(1.0, rolling / needed)
            if not done[n]:
                value = min(value, score)  # a missed day: the score may fall or hold, never rise
            score = score * multiplier + value * (1 - multiplier)
        scores.append(score)
    return scores


# Bounce-back


def bounce_back_days(rejections: Iterable[date | None], steps: Mapping[date, int], today: date) -> list[tuple[date, int | None]]:
    """For each rejection whose day is known (oldest first): days until the next persistent day, 0 the same
    day, None if not yet. A rejection whose day nobody knows (None: an import's status, dated on the applied
    day only to stand in) has no bounce-back: counted from the stand-in, it would be made up."""
    persistent = sorted(day for day, count in steps.items() if count > 0 and day <= today)
    results = []
    for rejected_on in sorted(day for day in rejections if day is not None):
        index = bisect_left(persistent, rejected_on)
        results.append((rejected_on, (persistent[index] - rejected_on).days if index < len(persistent) else None))
    return results


@dataclass(frozen=True)
class BounceBack:
    """The latest bounce-back and the median of all, in days; None where there is none yet."""

    latest: int | None
    median: float | None
    latest_pending: bool = False
    resolved: int = 0
    """How many rejections have been answered by a persistent day."""
    undated: int = 0
    """How many rejections were left out because nobody knows their day (see `bounce_back_days`)."""

    @property
    def usual(self) -> float | None:
        """The median, once there are at least two bounce-backs to compare."""
        return self.median if self.resolved >= 2 else None

    @property
    def beats_median(self) -> bool:
        return self.latest is not None and self.usual is not None and self.latest < self.usual


UNDATED_BOUNCE_BACK = "none yet — imported rejections have no day of their own"
"""What the meter and `onward streak` say when every rejection is one nobody knows the day of."""


def bounce_back(rejections: Iterable[date | None], steps: Mapping[date, int], today: date) -> BounceBack:
    """The bounce-back of `rejections` (each one's day; None where nobody knows it, left out)."""
    rejections = list(rejections)
    results = bounce_back_days(rejections, steps, today)
    undated = len(rejections) - len(results)
    resolved = [days for _, days in results if days is not None]
    if not results:
        return BounceBack(None, None, undated=undated)
    from statistics import median  # here, not at the top: statistics loads fractions, decimal and random (~4 ms)

    latest = results[-1][1]
    return BounceBack(
        latest, median(resolved) if resolved else None, latest_pending=latest is None, resolved=len(resolved), undated=undated,
    )


# Heatmap


class Cell(StrEnum):
    """What one heatmap day shows besides its number of steps."""

    PLAIN = "plain"
    REST = "rest"
    FREEZE = "freeze"
    FUTURE = "future"
    BEFORE = "before"


@dataclass(frozen=True)
class HeatmapDay:
    day: date
    steps: int
    cell: Cell


def heatmap_start(today: date, weeks: int = HEATMAP_WEEKS) -> date:
    """The Monday that starts the map, so the last column is the week of `today`."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=weeks - 1)


def heatmap_days(steps: Mapping[date, int], rhythm: Rhythm, today: date, weeks: int = HEATMAP_WEEKS) -> list[HeatmapDay]:
    """Every day of the map, Monday of the first week to Sunday of this week."""
    start = heatmap_start(today, weeks)
    first = min((d for d, c in steps.items() if c > 0), default=today)
    frozen = freeze_days(steps, rhythm, today)
    days = []
    for n in range(weeks * 7):
        day = start + timedelta(days=n)
        count = steps.get(day, 0)
        if day > today:
            cell = Cell.REST if rhythm.is_rest(day) and day in rhythm.rest_days else Cell.FUTURE
        elif count:
            cell = Cell.PLAIN
        elif day < first:
            cell = Cell.BEFORE
        elif day in frozen:
            cell = Cell.FREEZE
        elif rhythm.is_rest(day):
            cell = Cell.REST
        else:
            cell = Cell.PLAIN
        days.append(HeatmapDay(day, count, cell))
    return days


@dataclass(frozen=True)
class Meter:
    """Everything the streak meter, the badge and `onward streak` show, as of one day."""

    summary: StreakSummary
    score: float
    score_trend: tuple[float, ...]
    """The score on each of the last 30 days, oldest first."""
    bounce: BounceBack

    @property
    def score_change(self) -> float:
        """Score today minus the score 30 days ago."""
        return self.score - self.score_trend[0] if self.score_trend else 0.0


def build_meter(
    steps: Mapping[date, int], rhythm: Rhythm, target: int, rejections: Iterable[date | None], today: date
) -> Meter:
    """The meter for `today` from the journal's steps, rest days, weekly target and rejections (each one's day,
    None where nobody knows it)."""
    past_steps = {day: count for day, count in steps.items() if count > 0 and day <= today}
    first_day = min(past_steps, default=today)
    scores = resilience_scores(past_steps, rhythm, target, first_day, today)
    trend = [0.0] * max(0, 30 - len(scores)) + scores[-30:]
    return Meter(
        summary=streak_summary(past_steps, rhythm, today),
        score=scores[-1] if scores else 0.0,
        score_trend=tuple(trend),
        bounce=bounce_back(rejections, past_steps, today),
    )


FLAME = "🔥"
"""The streak's mark in the greeting and the badge; a browser (which may have no emoji font) shows words."""


def without_flame(text: str) -> str:
    """`text` without the streak's 🔥 (for a browser, where it may draw as an empty box)."""
    return text.replace(f"{FLAME} ", "").replace(FLAME, "")


def streak_phrase(summary: StreakSummary, today: date | None = None) -> str:
    """A short, kind sentence about the streak for the Inbox greeting; given `today`, it also says when a
    freeze just covered a missed day, or when a run ended in the last few days, and how to start again."""
    days = f"{number(summary.current)}-day streak"
    if today is not None and summary.freezes_used and (today - summary.freezes_used[-1]).days <= RECENT_DAYS:
        missed = _day_name(summary.freezes_used[-1], today)
        left = f"{summary.freezes} freeze{'s' if summary.freezes != 1 else ''} left"
        lead = f"A freeze covered {missed}, so your {days} lives on ({left})."
        if summary.today is TodayState.DONE:
            return f"🔥 {lead} Today done."
        if summary.today is TodayState.REST:
            return f"🔥 {lead} Today is a rest day."
        return f"🔥 {lead} One step today keeps it going."
    if (
        today is not None and summary.current == 0 and summary.last_run_ended is not None
        and (today - summary.last_run_ended).days <= RECENT_DAYS and summary.last_run >= 2
    ):
        ended = _day_name(summary.last_run_ended, today)
        return (
            f"Your {number(summary.last_run)}-day run stopped {ended}, a day with no step — it still counts, and so does "
            "every step in it. "
            "One small step today starts a new one."
        )
    if summary.today is TodayState.DONE:
        return f"🔥 {days}, today done."
    if summary.today is TodayState.REST:
        return f"🔥 {days}; today is a rest day." if summary.current else "Today is a rest day."
    if summary.today is TodayState.KEEP_ALIVE:
        return f"🔥 {days}: one step keeps it alive today."
    return "One small step today starts a streak."


RECENT_DAYS = 3
"""How long the greeting mentions a freeze used or a run that ended."""


def _day_name(day: date, today: date) -> str:
    gap = (today - day).days
    if gap == 0:
        return "today"
    if gap == 1:
        return "yesterday"
    return f"on {day.strftime('%A')}"


def points(change: float) -> str:
    """A score change in percentage points: "+1 point", "-12 points"."""
    rounded = round(change * 100)
    return f"{rounded:+d} point{'' if abs(rounded) == 1 else 's'}"
