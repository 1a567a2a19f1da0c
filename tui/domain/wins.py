"""Provides automatic wins: which wins the journal posts by itself, each keyed by the cause that earned it."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple, TypeVar

from tui.domain.models import Application, OutcomeKind, Reflection, Status, Win, WinKind, WinMark

APPLICATION_MILESTONES = (1, 10, 25, 50, 100)
STREAK_MILESTONES = (3, 7, 14, 21, 30, 50, 100, 200, 365)

# Narrow, text-presentation glyphs: emoji would take two cells in some terminals and one in others.
KIND_GLYPHS = {
    WinKind.INFORMATIONAL_INTERVIEW: "◎",
    WinKind.RESUME_FEEDBACK: "✎",
    WinKind.INTERVIEW_INVITE: "✉",
    WinKind.FINAL_ROUND: "◆",
    WinKind.OFFER: "★",
    WinKind.NETWORKING: "⚭",
    WinKind.SKILL_LEARNED: "✚",
    WinKind.MILESTONE: "⚑",
    WinKind.OTHER: "✓",
}

_OUTCOME_WINS = {
    OutcomeKind.SCREENING: (WinKind.INTERVIEW_INVITE, "Screening call with {company}"),
    OutcomeKind.INTERVIEW: (WinKind.INTERVIEW_INVITE, "Interview invite from {company}"),
    OutcomeKind.FINAL_ROUND: (WinKind.FINAL_ROUND, "Final round at {company}"),
    OutcomeKind.OFFER: (WinKind.OFFER, "Offer from {company}!"),
}
OUTCOME_WIN_KINDS = frozenset(_OUTCOME_WINS)
"""The outcomes that earn a win (`outcome_wins`): an application with none of them earns one only by a reflection."""


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 10th, 21st…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class AutomaticWin:
    """A win the journal posts by itself; `cause` names what earned it, so each cause posts at most one."""

    cause: str
    on: date
    title: str
    kind: WinKind
    application_id: int | None = None
    note: str = ""
    """Posted with it (the user may change it later)."""


DAY_UNKNOWN_NOTE = "Day unknown: dated on the applied day"
"""The note on a win for an imported status (`OutcomeEvent.day_unknown`): the import gave no day, so the
applied day only stands in (short: a card on the wall shows a line of it)."""


@dataclass(frozen=True)
class StreakRun:
    """An unbroken run of persistent days: where it started and the days on which it reached each length."""

    start: date
    reached: tuple[tuple[int, date], ...]


def outcome_wins(applications: Iterable[Application]) -> list[AutomaticWin]:
    """A screening or interview invite, a final round, an offer: one win per such outcome, on its day (an
    imported status has none of its own: its win stands on the applied day as the outcome does, and says so)."""
    wins = []
    for app in applications:
        for event in app.events:
            if event.kind in _OUTCOME_WINS:
                kind, title = _OUTCOME_WINS[event.kind]
                note = DAY_UNKNOWN_NOTE if event.day_unknown else ""
                wins.append(AutomaticWin(f"event:{event.id}", event.on, title.format(company=app.company), kind, app.id, note))
    return wins


class Sent(NamedTuple):
    """An application as the count milestones see it: which one, and the day it was sent."""

    id: int
    applied_on: date


def application_count_wins(applications: Sequence[Sent]) -> list[AutomaticWin]:
    """The 1st, 10th, 25th, 50th and 100th application, in the order they were sent."""
    ordered = sorted(applications, key=lambda a: (a.applied_on, a.id))
    wins = []
    for n in APPLICATION_MILESTONES:
        if len(ordered) >= n:
            app = ordered[n - 1]
            title = "Your first application — the hardest one!" if n == 1 else f"Your {ordinal(n)} application — that's persistence"
            wins.append(AutomaticWin(f"applications:{n}", app.applied_on, title, WinKind.MILESTONE, app.id))
    return wins


def reflection_wins(reflections: Iterable[Reflection], applications: dict[int, Application]) -> list[AutomaticWin]:
    """A reflection saved on a rejection: learning from it is a win."""
    wins = []
    for reflection in reflections:
        app = applications.get(reflection.application_id) if reflection.application_id else None
        if app is not None and app.status is Status.REJECTED:
            title = f"Turned the {app.company} rejection into lessons"
            wins.append(AutomaticWin(f"reflection:{reflection.id}", reflection.on, title, WinKind.OTHER, app.id))
    return wins


def streak_wins(runs: Iterable[StreakRun]) -> list[AutomaticWin]:
    """Streak milestones, once per run that reaches them."""
    wins = []
    for run in runs:
        for length, on in run.reached:
            if length in STREAK_MILESTONES:
                title = f"{length}-day streak of persistent days"
                wins.append(AutomaticWin(f"streak:{run.start.isoformat()}:{length}", on, title, WinKind.MILESTONE))
    return wins


def automatic_wins(
    applications: Sequence[Application], reflections: Sequence[Reflection], runs: Iterable[StreakRun] = ()
) -> list[AutomaticWin]:
    """Every win the journal should hold by itself right now, per PRODUCT.md."""
    by_id = {app.id: app for app in applications}
    return [
        *outcome_wins(applications),
        *application_count_wins([Sent(app.id, app.applied_on) for app in applications]),
        *reflection_wins(reflections, by_id),
        *streak_wins(runs),
    ]


@dataclass(frozen=True)
class WallCounts:
    """How many wins this week (Monday on), this month and in all."""

    week: int
    month: int
    total: int


def wall_counts(wins: Sequence[Win | WinMark], today: date, *, newest_first: bool = False) -> WallCounts:
    """The wall's counts; `newest_first`: `wins` are in the wall's order (newest day first), so only those of
    this month and week are looked at (not ten years of them)."""
    monday = today - timedelta(days=today.weekday())
    recent = wins
    if newest_first:
        since = min(monday, today.replace(day=1)).toordinal()
        recent = wins[: bisect_right(wins, -since, key=lambda w: -w.on.toordinal())]
    return WallCounts(
        week=sum(1 for w in recent if monday <= w.on <= today),
        month=sum(1 for w in recent if (w.on.year, w.on.month) == (today.year, today.month) and w.on <= today),
        total=len(wins),
    )


W = TypeVar("W", Win, WinMark)


def month_groups(wins: Sequence[W], *, newest_first: bool = False) -> list[tuple[str, list[W]]]:
    """Wins newest first, grouped under "November 2026"-style headings; `newest_first`: they are in that order
    already (the wall's marks), and are not sorted again."""
    ordered = list(wins) if newest_first else sorted(wins, key=attrgetter("on", "id"), reverse=True)
    groups: list[tuple[str, list[W]]] = []
    start = 0
    while start < len(ordered):
        # A month's wins end at the first win before its first day, found by halving (a ten-year wall has
        # ~120 months of ~80 wins: looking at each win took most of a first visit's ~8 ms of laying out).
        first_day = ordered[start].on.replace(day=1)
        end = bisect_right(ordered, -first_day.toordinal(), lo=start, key=lambda w: -w.on.toordinal())
        groups.append((first_day.strftime("%B %Y"), ordered[start:end]))
        start = end
    return groups


def kinds_present(wins: Iterable[Win | WinMark]) -> list[WinKind]:
    """Kinds that have at least one win, most common first."""
    counts = Counter(w.kind for w in wins)
    return [kind for kind, _ in counts.most_common()]


def kind_counts(wins: Iterable[Win | WinMark]) -> list[tuple[WinKind, int]]:
    """Each kind that has wins with how many, most common first (a kind with none is not named)."""
    return Counter(w.kind for w in wins).most_common()


def next_milestone(streak_days: int, applications: int) -> str | None:
    """The nearest milestone still to reach, in the wall's words: "21-day streak: 4 to go" or "50th
    application: 7 to go" (the one with fewer to go; the streak's on a tie); None when all are reached."""
    ahead = []
    streak_next = next((m for m in STREAK_MILESTONES if m > streak_days), None)
    if streak_next is not None:
        ahead.append((streak_next - streak_days, 0, f"{streak_next}-day streak"))
    applied_next = next((m for m in APPLICATION_MILESTONES if m > applications), None)
    if applied_next is not None:
        ahead.append((applied_next - applications, 1, f"{ordinal(applied_next)} application"))
    if not ahead:
        return None
    to_go, _, name = min(ahead)
    return f"{name}: {to_go} to go"
