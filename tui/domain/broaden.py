"""Provides the broaden nudge (strategy 5): 3 or more rejections in one field within 30 days raise one kind
line naming the user's other fields that get further more often and the gaps most named for that field; hidden
for a field, it stays away 30 days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from tui.domain.text import excerpt, matching_key, number

NUDGE_REJECTIONS = 3
"""Rejections in one field within NUDGE_DAYS that raise the nudge."""
NUDGE_DAYS = 30
HIDE_DAYS = 30
"""How long hiding the nudge for a field keeps it away."""
FIELDS_NAMED = 2
GAPS_NAMED = 3


@lru_cache(maxsize=1024)
def field_key(field: str) -> str:
    """How fields are told apart: "Design" and "design " are one field. (Remembered: a user has a handful of
    fields, and the nudge asks for the key of every rejection's and every gap's field on each outcome key.)"""
    return matching_key(field)


@dataclass(frozen=True)
class FieldRate:
    """How often one field's applications got somewhere: a screening or further (a rejection after one counts;
    a plain no does not — counted as an answer, a field full of rejections would look like the best one)."""

    name: str
    applied: int
    further: int

    @property
    def rate(self) -> float:
        return self.further / self.applied if self.applied else 0.0


@dataclass(frozen=True)
class BroadenNudge:
    """A field with repeated rejections lately, and where else to look."""

    field: str
    rejections: int
    """Rejections in the field within the last NUDGE_DAYS days."""
    rate: FieldRate | None
    better: tuple[FieldRate, ...]
    """The user's other fields that get further more often, best first."""
    gaps: tuple[str, ...]
    """The gap tags reflections on this field's rejections named most."""

    @property
    def key(self) -> str:
        return field_key(self.field)

    @property
    def short(self) -> str:
        """The same in one or two lines for the Inbox: the best other field and the two gaps most named."""
        text = f"{number(self.rejections)} rejections in {excerpt(self.field, 24)} lately — tough."
        if self.better:
            best = self.better[0]
            text += f" {excerpt(best.name, 20)} gets further ({number(best.further)} of {number(best.applied)} got a screening)"
        else:
            text += " A related field could be worth a look"
        if self.gaps:
            text += f"; gaps named: {', '.join(excerpt(gap, 18, at_a_word=True) for gap in self.gaps[:2])}"
        return text if text.endswith("…") else f"{text}."
        return text

    @property
    def line(self) -> str:
        """The kind line the Inbox and Insights show."""
        name = excerpt(self.field, 30)
        text = f"{number(self.rejections)} rejections in {name} in the last {NUDGE_DAYS} days — that's tough, and it happens."
        if self.better:
            others = " and ".join(f"{excerpt(rate.name, 24)} ({number(rate.further)} of {number(rate.applied)})" for rate in self.better)
            text += f" {others} {'gets' if len(self.better) == 1 else 'get'} to a screening more often — worth a look?"
        else:
            text += " A related field could be worth a look."
        if self.gaps:
            named = ", ".join(excerpt(gap, 30, at_a_word=True) for gap in self.gaps)
            text += f" Gaps you named for {name}: {named}" + ("" if named.endswith("…") else ".")
        return text


def hidden_fields(hidden: Mapping[str, date], today: date) -> set[str]:
    """The fields (keys) whose nudge the user hid less than HIDE_DAYS ago."""
    # Counted back from today: a day stored as 9999-12-31 plus 30 days overflowed and crashed insights.
    return {key for key, day in hidden.items() if today - timedelta(days=HIDE_DAYS) < day}


def nudge_window_start(today: date) -> date:
    """The first day whose rejections count towards today's nudge (the last NUDGE_DAYS days, today included)."""
    return today - timedelta(days=NUDGE_DAYS - 1)


def broaden_nudges(
    recent_rejections: Iterable[tuple[str, date]],
    rates: Iterable[FieldRate],
    gaps_by_field: Mapping[str, Iterable[str]],
    hidden: Mapping[str, date],
    today: date,
    worked_on: Container[str] = (),
) -> list[BroadenNudge]:
    """The nudges due today, most rejections first.

    `recent_rejections`: (field, day) of each rejection; `rates`: every field's applications and how many got further;
    `gaps_by_field`: the gap tags named on rejections, by field key; `hidden`: field key → the day hidden;
    `worked_on`: gaps a learning step has worked on since they were last named (left out: already in hand)."""
    since = nudge_window_start(today)
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for field, day in recent_rejections:
        key = field_key(field)
        if key and since <= day <= today:
            counts[key] += 1
            names.setdefault(key, field.strip())
    quiet = hidden_fields(hidden, today)
    by_key: dict[str, FieldRate] = {}
    for rate in rates:
        key = field_key(rate.name)
        if key:
            held = by_key.get(key)
            # "Design" and "design" are one field: their counts add up, under the name seen first.
            by_key[key] = rate if held is None else FieldRate(held.name, held.applied + rate.applied, held.further + rate.further)
    nudges = []
    for key, count in counts.items():
        if count < NUDGE_REJECTIONS or key in quiet:
            continue
        own = by_key.get(key)
        own_rate = own.rate if own is not None else 0.0
        better = sorted(
            (rate for other, rate in by_key.items() if other != key and rate.applied >= 2 and rate.rate > own_rate),
            key=lambda rate: (-rate.rate, -rate.applied, matching_key(rate.name)),
        )[:FIELDS_NAMED]
        named = Counter(tag for tag in gaps_by_field.get(key, ()) if tag not in worked_on)
        gaps = [tag for tag, _ in sorted(named.items(), key=lambda item: (-item[1], item[0]))]
        nudges.append(BroadenNudge(names[key], count, own, tuple(better), tuple(gaps[:GAPS_NAMED])))
    return sorted(nudges, key=lambda nudge: (-nudge.rejections, matching_key(nudge.field)))
