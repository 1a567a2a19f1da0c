"""Provides Remembered, the journal's read cache, and `writes`, the mark that tells it what a write changes.

Whole-history reads (steps per day, the meter, the wall's marks, the broaden nudge) are kept between writes and
read again only when something they depend on may have changed: a write of this connection to one of their
tables (or the part of a table they read), a rollback, or a commit by any other connection (PRAGMA
data_version). What each read depends on is declared once, in `READS`; tests/store/test_remembered_property.py
compares every one with a fresh read after random actions and undos."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

EVERY_TABLE = "*"
"""Stands for every table: a bare `@writes`, a rollback."""

PROGRESS = "events:progress"
"""The outcomes that say how far an application got (a screening and on, a rejection and its stage, their days):
a part of `events` a remembered read can name instead of the table, so that follow-ups, notes and interview
days, written on most keys, leave it be."""
REJECTIONS = "events:rejections"
"""The rejections and their days (what the meter's bounce-back reads): a screening leaves them be."""
FIELDS = "applications:fields"
"""Each application's field and applied day (not its status, follow-up day or search text)."""
LEARNING = "actions:learning"
"""The learning steps (not the other steps)."""
STEP_DAYS = "actions:days"
"""Which days have at least one step (what every streak figure depends on): a second step on a day that has
one already leaves it be. Counted by the steps' own read (`Remembered.note_step_days`), not by writes."""

PARTS = {"events": (PROGRESS, REJECTIONS), "applications": (FIELDS,), "actions": (LEARNING,)}
"""A table's parts that reads may depend on alone: every write of the table changes them, unless the write
says it spares them (`@writes(..., spares=...)`)."""

READS: dict[str, tuple[str, ...]] = {
    # tui/store: rows
    "step_counts": ("actions",),
    "rejection_dates": (REJECTIONS,),
    "first_applications": (FIELDS,),
    "insight_counts": ("applications", "events"),
    "win_marks": ("wins",),
    "reflections": ("reflections",),
    "reflected_application_ids": ("reflections",),
    "draft_keys": ("drafts",),
    "rest_days": ("rest_days",),
    "settings": ("settings",),
    "people": ("people", "actions"),
    "learning_steps": (LEARNING,),
    "feedback_asked": ("actions",),
    "field_rates": (PROGRESS, FIELDS),
    "gaps_by_field": ("reflections", FIELDS),
    # tui/actions/views.py: what the domain works out of those rows
    "talk_reminders": ("reflections", "people", "actions"),
    "learning_plan": ("reflections", LEARNING),
    "broaden_nudges": (PROGRESS, FIELDS, "reflections", "settings", LEARNING),
    "streak_runs": (STEP_DAYS, "rest_days", "settings"),
    "streak_summary": (STEP_DAYS, "rest_days", "settings"),
    "meter": (STEP_DAYS, "rest_days", "settings", REJECTIONS),
}
"""Every remembered read and the tables (or parts of tables) it depends on: the one place that says it."""


class Remembered:
    """Values of the reads in `READS`, each with the stamp of what it depends on when it was read."""

    def __init__(self, data_version: Callable[[], int], read_step_counts: Callable[[], object]) -> None:
        self._data_version = data_version
        self._read_step_counts = read_step_counts
        self._changed: defaultdict[str, int] = defaultdict(int)
        """Counts this connection's own writes per table (and part), and rollbacks under EVERY_TABLE, which
        PRAGMA data_version does not see."""
        self._held: dict[object, tuple[tuple, Any]] = {}

    def touch(self, tables: Iterable[str], spared: frozenset[str] = frozenset()) -> None:
        """Note a write of `tables` (all their parts but `spared`): the reads depending on them are read again."""
        for table in tables:
            self._changed[table] += 1
            for part in PARTS.get(table, ()):
                if part not in spared:
                    self._changed[part] += 1

    def forget_all(self) -> None:
        """After a rollback: whatever was read or counted in since the change began is no longer true."""
        self.touch([EVERY_TABLE])

    def note_step_days(self) -> None:
        """The days with a step may have changed (read again, or a day gained its first step or lost its last)."""
        self._changed[STEP_DAYS] += 1

    def stamp(self, tables: tuple[str, ...], *, written: str | None = None, shift: int = 0) -> tuple:
        """What a value read from `tables` is valid for; with `written`, that table's count moved by `shift`
        (inside its write: -1 is as it was just before, +1 as it will be once the write returns)."""
        counts = tuple(self._changed[t] + shift * (t == written) for t in tables)
        return (self._data_version(), self._changed[EVERY_TABLE], counts)

    def version_of(self, tables: tuple[str, ...]) -> tuple:
        """Changes whenever `tables` may have changed: a screen compares it to skip reading again what it shows."""
        return self.stamp(tables)

    def remember(self, name: str, compute: Callable[[], T], *, arg: object = None) -> T:
        """`compute()`, the read `name` of `READS` (for `arg`: a day, a count), reused until what it depends on
        changes. Callers get a value they must not change."""
        tables = READS[name]
        if STEP_DAYS in tables:
            self._read_step_counts()  # brings the count of STEP_DAYS up to date
        key = (name, arg)
        stamp = self.stamp(tables)
        held = self._held.get(key)
        if held is not None and held[0] == stamp:
            return held[1]
        value = compute()
        self._held[key] = (stamp, value)
        return value

    def count_in(self, name: str, written: str, update: Callable[[Any], Any], *, arg: object = None) -> None:
        """Inside a @writes(written) method, after its write: bring the remembered `name` up to date with
        `update` if it was current just before, instead of reading it all again."""
        key, tables = (name, arg), READS[name]
        held = self._held.get(key)
        if held is not None and held[0] == self.stamp(tables, written=written, shift=-1):
            self._held[key] = (self.stamp(tables, written=written, shift=+1), update(held[1]))


class Remembering:
    """What a class holding `@writes` methods has: the cache its writes tell."""

    remembered: Remembered


@overload
def writes(method: F, /) -> F: ...
@overload
def writes(*tables: str, spares: Callable[..., Iterable[str]] | Iterable[str] = ()) -> Callable[[F], F]: ...
def writes(*tables: Any, spares: Callable[..., Iterable[str]] | Iterable[str] = ()) -> Any:
    """Marks a method that changes the journal: only the action layer calls it (tests/test_layering.py checks).
    Typed: the method keeps its signature, so mypy checks every call from the actions.
    `@writes("wins")` names the tables it changes (the test checks them against its SQL); bare `@writes`
    may change any. Each call forgets the remembered reads of those tables.
    `spares`: the parts of those tables (`PARTS`) it leaves as they were, or a function of the call's
    arguments (the object first) giving them."""
    if len(tables) == 1 and callable(tables[0]):
        return _writes(tables[0], frozenset({EVERY_TABLE}))
    spared = spares if callable(spares) else (lambda *args, _parts=frozenset(spares), **kwargs: _parts)
    return lambda method: _writes(method, frozenset(tables), spared=spared)


def _writes(
    method: F,
    tables: frozenset[str],
    touched: Callable[..., Iterable[str]] | None = None,
    spared: Callable[..., Iterable[str]] | None = None,
) -> F:
    @functools.wraps(method)
    def write(self: Remembering, *args: Any, **kwargs: Any) -> Any:
        changed = tables if touched is None else frozenset(touched(*args, **kwargs))
        # Worked out before the write: a part spared may depend on the rows it is about to remove.
        left = frozenset(spared(self, *args, **kwargs)) if spared is not None else frozenset()
        self.remembered.touch(changed, left)
        try:
            return method(self, *args, **kwargs)
        finally:
            self.remembered.touch(changed, left)  # reads made inside the method remembered a half-done state

    write.journal_write = True  # type: ignore[attr-defined]
    write.journal_tables = tables  # type: ignore[attr-defined]
    return write  # type: ignore[return-value]


def part_of_writes(*tables: str) -> Callable[[F], F]:
    """Marks a helper holding part of a write, called only inside @writes methods that name its `tables`
    (tests/test_layering.py checks both): it does not count a change itself, the write calling it does, so
    a remembered read brought up to date inside it (`Remembered.count_in`) stays good once that write returns."""

    def mark(method: F) -> F:
        method.journal_write = True  # type: ignore[attr-defined]
        method.journal_tables = frozenset(tables)  # type: ignore[attr-defined]
        method.journal_part = True  # type: ignore[attr-defined]
        return method

    return mark


def writes_per_call(
    touched: Callable[..., Iterable[str]], spares: Callable[..., Iterable[str]] | None = None
) -> Callable[[F], F]:
    """Like bare `@writes` (the layering test treats it as changing any table), but each call forgets only
    the remembered reads of the tables `touched(*args)` names: an undo of one step keeps the rest.
    `spares(rows, *args)`: the parts of those tables the call leaves as they were."""
    return lambda method: _writes(method, frozenset({EVERY_TABLE}), touched, spares)
