"""Provides the learning plan (strategy 5, broaden your horizons): the gap tags reflections named, how often,
and whether a learning step has worked on each since it last came up; and the "skill learned" win a
learning step that names gaps posts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from tui.domain.models import ProactiveAction, Reflection, WinKind
from tui.domain.reflections import split_tags
from tui.domain.text import excerpt, number
from tui.domain.wins import AutomaticWin


class GapMention(NamedTuple):
    """What the plan needs of a reflection: its day and the gaps it named (a Reflection will do too)."""

    on: date
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    """A skill or qualification named as a gap in one or more reflections."""

    tag: str
    times: int
    """How many reflections named it."""
    last_named: date
    learned_on: date | None = None
    """The latest learning step that named it, if any."""

    @property
    def worked_on(self) -> bool:
        """A learning step named it on or after the last reflection that did."""
        return worked_on_since(self.learned_on, self.last_named)


def worked_on_since(learned_on: date | None, last_named: date) -> bool:
    """The rule for a gap in hand: its latest learning step is on or after the last reflection that named it."""
    return learned_on is not None and learned_on >= last_named


def gaps_worked_on(last_named: Mapping[str, date], learning_steps: Iterable[ProactiveAction]) -> set[str]:
    """Which of these gaps (tag -> the day last named) are in hand (`worked_on_since`)."""
    learned: dict[str, date] = {}
    for step in learning_steps:
        for tag in step.gaps:
            if tag in last_named and step.on > learned.get(tag, date.min):
                learned[tag] = step.on
    return {tag for tag, day in learned.items() if worked_on_since(day, last_named[tag])}


def learning_plan(reflections: Iterable[Reflection | GapMention], learning_steps: Iterable[ProactiveAction]) -> list[Gap]:
    """Every gap tag with how often it came up and its latest learning step: the ones not worked on since
    first (most named first), then those worked on."""
    times: dict[str, int] = {}
    last: dict[str, date] = {}
    for reflection in reflections:
        for tag in reflection.gaps:
            times[tag] = times.get(tag, 0) + 1
            if tag not in last or reflection.on > last[tag]:
                last[tag] = reflection.on
    learned: dict[str, date] = {}
    for step in learning_steps:
        for tag in step.gaps:
            if tag in times and (tag not in learned or step.on > learned[tag]):
                learned[tag] = step.on
    gaps = [Gap(tag, count, last[tag], learned.get(tag)) for tag, count in times.items()]
    return sorted(gaps, key=lambda gap: (gap.worked_on, -gap.times, -gap.last_named.toordinal(), gap.tag))


def learning_gaps(text: str) -> tuple[str, ...]:
    """The gap tags a learning step names, typed comma-separated as in a reflection (same spelling rules)."""
    return split_tags(text)


def gap_line(gap: Gap) -> str:
    """"sql · named 3 times · last Nov 30 · learning logged Dec 2" (plain text, no colour needed)."""
    named = "named once" if gap.times == 1 else f"named {number(gap.times)} times"
    if gap.worked_on and gap.learned_on is not None:
        state = f"✓ learning logged {gap.learned_on.isoformat()}"
    elif gap.learned_on is not None:
        state = f"named again since learning ({gap.learned_on.isoformat()})"
    else:
        state = "no learning step yet"
    return f"{excerpt(gap.tag, 30)} · {named}, last {gap.last_named.isoformat()} · {state}"


def learning_wins(steps: Iterable[ProactiveAction]) -> list[AutomaticWin]:
    """A learning step that names gaps is a skill worked on: one "skill learned" win per such step."""
    wins = []
    for step in steps:
        if step.gaps:
            title = f"Skill learned: {excerpt(', '.join(step.gaps), 80)}"
            wins.append(AutomaticWin(f"learned:{step.id}", step.on, title, WinKind.SKILL_LEARNED))
    return wins
