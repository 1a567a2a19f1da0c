"""Provides Journal, the repository: typed reads and writes of one journal file, one transaction per user action."""

from __future__ import annotations

import functools
import json
import sqlite3
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar, overload

from tui.domain.changes import (
    Bury,
    Delete,
    Record,
    RecordScope,
    Reinsert,
    Restore,
    RestDayScope,
    Scope,
    SetDraft,
    SetRestDay,
    SetSetting,
    SettingScope,
    Step,
    Unbury,
)
from tui.domain.entries import ApplicationEntry, WinEntry
from tui.domain.text import matching_key
from tui.domain.inbox import haystack, query_words
from tui.domain.reflections import ReflectionEntry
from tui.domain.broaden import NUDGE_REJECTIONS, NUDGE_DAYS, BroadenNudge, FieldRate, broaden_nudges, field_key
from tui.domain.insights import ANSWER_KINDS, LEVEL_OF_KIND, LEVEL_OF_STAGE, WEEKS_SHOWN, DaysTally, FieldTally, RateTally, Tallies
from tui.domain.learning import Gap, GapMention, learning_plan
from tui.domain.support import REMIND_DAYS, TalkReminder, talk_reminders
from tui.domain.streak import Meter, Rhythm, StreakSummary, build_meter, streak_runs, streak_summary
from tui.domain.wins import AutomaticWin, Sent, StreakRun
from tui.domain.models import (
    ActionKind,
    Held,
    Application,
    ApplicationChoice,
    ApplicationLabel,
    OutcomeEvent,
    OutcomeKind,
    Person,
    ProactiveAction,
    Relation,
    Reflection,
    Settings,
    Stage,
    Status,
    Win,
    WinKind,
    WinMark,
)
from tui.store.schema import WEEKDAY_NAMES
from tui.store.database import Database, JournalError, describe_sqlite_error, open_journal




F = TypeVar("F", bound=Callable[..., Any])


EVERY_TABLE = "*"


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
_PARTS = {"events": (PROGRESS, REJECTIONS), "applications": (FIELDS,), "actions": (LEARNING,)}
"""A table's part that reads may depend on alone: every write of the table changes it, unless the write
says it spares it (`@writes(..., spares=...)`)."""
PROGRESS_KINDS = frozenset({
    OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND, OutcomeKind.OFFER, OutcomeKind.REJECTED
})


@overload
def writes(method: F, /) -> F: ...
@overload
def writes(*tables: str, spares: Callable[..., Iterable[str]] | Iterable[str] = ()) -> Callable[[F], F]: ...
def writes(*tables: Any, spares: Callable[..., Iterable[str]] | Iterable[str] = ()) -> Any:
    """Typed: the method keeps its signature, so mypy checks every call from the actions. Marks a method that changes the journal: only the action layer calls it (tests/test_layering.py checks).
    `@writes("wins")` names the tables it changes (the test checks them against its SQL); bare `@writes`
    may change any. Each call forgets the journal's remembered reads of those tables (`Journal._remembered`).
    `spares`: the parts of those tables (`_PARTS`) it leaves as they were, or a function of
    the call's arguments (the journal first) giving them."""
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
    def write(self: Journal, *args: Any, **kwargs: Any) -> Any:
        changed = tables if touched is None else frozenset(touched(*args, **kwargs))
        # Worked out before the write: a part spared may depend on the rows it is about to remove.
        left = frozenset(spared(self, *args, **kwargs)) if spared is not None else frozenset()
        self._touch(changed, left)
        try:
            return method(self, *args, **kwargs)
        finally:
            self._touch(changed, left)  # reads made inside the method remembered a half-done state

    write.journal_write = True  # type: ignore[attr-defined]
    write.journal_tables = tables  # type: ignore[attr-defined]
    return write  # type: ignore[return-value]


def part_of_writes(*tables: str) -> Callable[[F], F]:
    """Marks a helper holding part of a write, called only inside @writes methods that name its `tables`
    (tests/test_layering.py checks both): it does not count a change itself, the write calling it does, so
    a remembered read brought up to date inside it (`Journal._count_in`) stays good once that write returns."""

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
    `spares(journal, *args)`: the parts of those tables the call leaves as they were."""
    return lambda method: _writes(method, frozenset({EVERY_TABLE}), touched, spares)


T = TypeVar("T")
# The domain's open and closed statuses as SQL lists (the stored status column is what the Inbox filters on).
GOT_FURTHER = (
    "kind IN ('screening', 'interview', 'final_round', 'offer') "
    "OR (kind = 'rejected' AND stage IN ('screening', 'interview', 'final_round'))"
)
"""An outcome that shows its application got somewhere (a screening or further, or a rejection after one), in
SQL on `events`: as migration 10's partial index says it, so a query saying the same reads just that index."""
RATES_OVER_DAYS = 365
"""The broaden nudge compares fields, and names the gaps, over this many days of applications and reflections."""
_OPEN_STATUSES = ", ".join(f"'{status.value}'" for status in Status if status.is_open)
_CLOSED_STATUSES = ", ".join(f"'{status.value}'" for status in Status if not status.is_open)
_TO_REFLECT = (
    f"status = '{Status.REJECTED.value}' AND id NOT IN "
    "(SELECT application_id FROM reflections WHERE application_id IS NOT NULL) "
    "AND NOT coalesce(last_heard_on <= settled_through, 0)"
)
"""Rejections still waiting for their reflection, settled history aside (SQL; tui.domain.inbox.is_settled)."""
STEPS = ("actions",)


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in sorted(values))


def _sql_case(column: str, levels: Mapping[Any, int]) -> str:
    whens = " ".join(f"WHEN '{key.value}' THEN {level}" for key, level in levels.items())
    return f"CASE {column} {whens} ELSE 0 END"


_STATUS_KINDS = _sql_list(kind.value for kind in OutcomeKind if kind.status is not None)
_ANSWER_KINDS = _sql_list(kind.value for kind in ANSWER_KINDS)
_INSIGHT_FACTS = f"""
WITH timelines AS MATERIALIZED (
    SELECT application_id,
        max(max({_sql_case("kind", LEVEL_OF_KIND)},
            CASE WHEN kind = '{OutcomeKind.REJECTED.value}' THEN {_sql_case("stage", LEVEL_OF_STAGE)} ELSE 0 END)) AS level,
        max(kind IN ({_ANSWER_KINDS})) AS answered,
        min(CASE WHEN kind IN ({_ANSWER_KINDS}) THEN "on" || printf('%012d', id) || day_unknown END) AS first_answer,
        max(CASE WHEN kind IN ({_STATUS_KINDS}) THEN "on" || printf('%012d', id) || kind || ':' || coalesce(stage, '') END) AS latest
    FROM events WHERE {{events}} GROUP BY application_id
), facts AS (
    SELECT a.id, a.field, a.source, a.applied_on, a.applied_on || ' ' || printf('%012d', a.id) AS first,
        coalesce(t.level, 0) AS level, coalesce(t.answered, 0) AS answered,
        CASE WHEN substr(t.first_answer, 23) = '0'
            THEN CAST(julianday(substr(t.first_answer, 1, 10)) - julianday(a.applied_on) AS INTEGER) END AS days,
        coalesce(substr(t.latest, 23, instr(substr(t.latest, 23), ':') - 1), '{Status.APPLIED.value}') IN ({_OPEN_STATUSES}) AS open,
        CASE WHEN substr(t.latest, 23, {len(OutcomeKind.REJECTED.value) + 1}) = '{OutcomeKind.REJECTED.value}:'
            THEN substr(t.latest, {23 + len(OutcomeKind.REJECTED.value) + 1}) END AS stage
    FROM applications AS a LEFT JOIN timelines AS t ON t.application_id = a.id WHERE {{applications}}
)
"""
"""Each application's facts for Insights, said in SQL from the domain's tables (tui.domain.insights), in one
pass over the outcomes by application: an outcome as text ("on", then its id in 12 digits, from character 23
what is wanted of it) sorts as the timeline does, so min() is the first answer and max() the latest outcome
that sets the status (with a rejection's stage after 'rejected:')."""
_INSIGHT_EVERY = _INSIGHT_FACTS.format(events="1", applications="1")
_INSIGHT_CHANGED = _INSIGHT_FACTS.format(
    events="application_id IN (SELECT id FROM temp.insight_changed)", applications="a.id IN (SELECT id FROM temp.insight_changed)"
)
"""The facts of the applications changed since Insights last counted (noted by `_WATCH_INSIGHTS`)."""
_INSIGHT_FACT_ROWS = """
SELECT id, field, source, first, level, answered, open, stage, days,
    (CAST(strftime('%w', applied_on) AS INTEGER) + 6) % 7 AS weekday
FROM facts
"""
_WATCH_INSIGHTS = [
    "CREATE TEMP TABLE IF NOT EXISTS insight_changed (id INTEGER PRIMARY KEY)",
    *(
        f"CREATE TEMP TRIGGER IF NOT EXISTS insight_{table}_{when} AFTER {when.upper()} ON main.{table} BEGIN "
        + " ".join(f"INSERT OR IGNORE INTO insight_changed VALUES ({row}.{column});" for row in rows)
        + " END"
        for table, column in (("applications", "id"), ("events", "application_id"))
        for when, rows in (("insert", ("NEW",)), ("update", ("OLD", "NEW")), ("delete", ("OLD",)))
    ),
]
"""Temporary (this connection's, never the file's) triggers noting which applications this connection's
writes change, so Insights counts again only those after a write (another connection's commit: all)."""
_FORGET_INSIGHT_CHANGES = "DELETE FROM temp.insight_changed"
"""Empties that note once counted (a temporary table: no change to the journal, so no @writes)."""


class _InsightCounts:
    """Insights' counts of every application's facts (one row of `_INSIGHT_FACT_ROWS` each), kept up to date
    one application at a time: a write changes the counts of the applications it touched, not ten years."""

    def __init__(self) -> None:
        self.facts: dict[int, tuple] = {}
        self.fields: Counter[tuple] = Counter()
        self.days: Counter[tuple[str, int]] = Counter()
        self.rates: Counter[tuple[str, int, int]] = Counter()
        self.first_field: dict[str, str] = {}
        self.first_source: dict[str, str] = {}

    def update(self, rows: Iterable[sqlite3.Row], changed: Iterable[int]) -> None:
        """Count `rows` (each application's facts now) instead of what `changed` and they counted before
        (an application in `changed` but not in `rows` is gone)."""
        recount: set[tuple[str, str]] = set()
        for app_id in changed:
            old = self.facts.pop(app_id, None)
            if old is not None:
                self._count(old, -1)
                recount.update((("field", old[0]), ("source", old[1])))
        for row in rows:
            fact = (row["field"], row["source"], row["first"], row["level"], row["answered"], row["open"],
                    row["stage"], row["days"], row["weekday"])
            self.facts[row["id"]] = fact
            self._count(fact, +1)
        for which, name in recount:  # the first application of a field or source may have gone
            firsts = self.first_field if which == "field" else self.first_source
            place = 0 if which == "field" else 1
            first = min((fact[2] for fact in self.facts.values() if fact[place] == name), default=None)
            if first is None:
                firsts.pop(name, None)
            else:
                firsts[name] = first

    def _count(self, fact: tuple, sign: int) -> None:
        field, source, first, level, answered, is_open, stage, days, weekday = fact
        self.fields[field, level, answered, is_open, stage] += sign
        if days is not None:
            self.days[field, days] += sign
        self.rates[source, weekday, answered] += sign
        if sign > 0:
            self.first_field[field] = min(self.first_field.get(field, first), first)
            self.first_source[source] = min(self.first_source.get(source, first), first)

    def tallies(self, applied_recently: Mapping[date, int]) -> Tallies:
        return Tallies(
            fields=tuple(
                FieldTally(field, self.first_field[field], level, bool(answered), bool(is_open),
                           Stage(stage) if stage else None, stage is not None, count)
                for (field, level, answered, is_open, stage), count in self.fields.items() if count
            ),
            days=tuple(DaysTally(field, days, count) for (field, days), count in self.days.items() if count),
            rates=tuple(
                RateTally(source, self.first_source[source], weekday, bool(answered), count)
                for (source, weekday, answered), count in self.rates.items() if count
            ),
            applied_recently=applied_recently,
        )


class NotFound(LookupError):
    """No row with that id; the message names what was looked for."""


class RecordTaken(LookupError):
    """An undo would put a record back under an id (or a unique value) another record holds now."""


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _wins_going(record: Record, record_id: int) -> tuple[str, list[Any]] | None:
    """Which automatic wins removing this record takes with it (a condition on wins and its parameters)."""
    if record is Record.APPLICATION:
        return "application_id = ? AND automatic = 1", [record_id]
    if record in (Record.EVENT, Record.REFLECTION):
        return "cause = ?", [f"{record.value}:{record_id}"]
    if record is Record.ACTION:
        return "cause = ?", [f"learned:{record_id}"]
    return None


def _newest_first(mark: WinMark) -> tuple[int, int]:
    """The wall's order (newest day first, then newest id) as an ascending key, for `bisect`."""
    return (-mark.on.toordinal(), -mark.id)


class Journal:
    """One open journal file: typed reads, and the plain writes the action layer combines into user actions."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._changed: defaultdict[str, int] = defaultdict(int)
        """Counts this connection's own writes per table (and rollbacks under EVERY_TABLE), which
        PRAGMA data_version does not see."""
        self._memos: dict[object, tuple[tuple, Any]] = {}
        self._insight_counts: tuple[tuple, _InsightCounts] | None = None
        """Insights' counts and the stamp of `applications` and `events` they were brought up to date at."""
        self._insight_watch: bool | None = None
        self._persistent_days = 0
        """Changes whenever the days with at least one step may have changed (what every streak figure
        depends on; more steps on a day that has one already change nothing)."""

    def _touch(self, tables: Iterable[str], spared: frozenset[str] = frozenset()) -> None:
        for table in tables:
            self._changed[table] += 1
            for part in _PARTS.get(table, ()):
                if part not in spared:
                    self._changed[part] += 1

    def _stamp(self, tables: tuple[str, ...], *, written: str | None = None, shift: int = 0) -> tuple:
        """What a remembered read of `tables` is valid for; with `written`, that table's count moved by `shift`
        (inside its write: -1 is as it was just before, +1 as it will be once the write returns)."""
        counts = tuple(self._changed[t] + shift * (t == written) for t in tables)
        return (self.data_version(), self._changed[EVERY_TABLE], counts)

    def version_of(self, tables: tuple[str, ...]) -> tuple:
        """Changes whenever `tables` may have changed (this connection's writes, a rollback, another
        connection's commit): a screen compares it to skip reading again what it already shows."""
        return self._stamp(tables)

    def _remembered(self, key: object, tables: tuple[str, ...], compute: Callable[[], T], *, also: object = None) -> T:
        """`compute()` (a read of `tables`), reused until they change: a write of this connection to one of
        them, a rollback, or a commit by any other connection (PRAGMA data_version). Keeps whole-history
        reads (steps per day, the meter) off every keystroke and screen switch that did not change them;
        callers get a value they must not change. `also`: anything else the value depends on."""
        stamp = (*self._stamp(tables), also)
        held = self._memos.get(key)
        if held is not None and held[0] == stamp:
            return held[1]
        value = compute()
        self._memos[key] = (stamp, value)
        return value

    def _count_in(self, key: object, tables: tuple[str, ...], written: str, update: Callable[[Any], Any]) -> None:
        """Inside a @writes(written) method, after its write: bring the remembered `key` up to date with
        `update` if it was current just before, instead of reading it all again."""
        held = self._memos.get(key)
        if held is not None and held[0] == (*self._stamp(tables, written=written, shift=-1), None):
            self._memos[key] = ((*self._stamp(tables, written=written, shift=+1), None), update(held[1]))

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Journal:
        """Open the journal at `path` (starting it if missing, unless `create` is False); raises JournalError."""
        return cls(open_journal(Path(path), create=create), Path(path))

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """A number that changes whenever another connection (window, command line) commits to the file."""
        with self._guarded():
            return self.db.execute("PRAGMA data_version").fetchone()[0]

    def wait_for_lock_at_most(self, milliseconds: int) -> None:
        """How long a write waits for another writer before giving up with JournalError (the app keeps this short)."""
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Turn any SQLite failure into a JournalError with one line for the user."""
        try:
            yield
        except sqlite3.Error as error:
            raise JournalError(describe_sqlite_error(self.path, error)) from error

    def streak_runs(self) -> list[StreakRun]:
        """Runs of persistent days that reached a milestone, for streak-milestone wins."""
        return self._by_persistent_days("streak_runs", lambda: streak_runs(self._step_counts(), self.rhythm()))

    # Persistence: steps per day, rest days, settings

    def step_counts(self) -> dict[date, int]:
        """How many proactive actions each day has (days without any are absent)."""
        return dict(self._step_counts())

    def _step_counts(self) -> dict[date, int]:
        """The remembered steps per day itself (callers must not change it)."""
        def read() -> dict[date, int]:
            self._persistent_days += 1
            rows = self._query('SELECT "on", steps FROM step_days')  # kept by triggers (migration 11)
            return {date.fromisoformat(row["on"]): row["steps"] for row in rows}

        return self._remembered("step_counts", STEPS, read)

    def _counted_in(self, counts: dict[date, int], moved: Mapping[date, int]) -> dict[date, int]:
        """Steps per day after `moved`; notes when a day gains its first step or loses its last."""
        result = dict(counts)
        for day, change in moved.items():
            before = result.get(day, 0)
            now = before + change
            if now > 0:
                result[day] = now
            else:
                result.pop(day, None)
            if (before > 0) != (now > 0):
                self._persistent_days += 1
        return result

    def _by_persistent_days(self, key: str, compute: Callable[[], T], *, also: str | None = None) -> T:
        """`compute()`, a streak figure, reused while the days with a step, the rest days and the settings
        stay the same: a second step on a day changes no run, so most keys walk ten years of days no more.
        `also`: a table (or part) it reads besides."""
        self._step_counts()  # brings `_persistent_days` up to date
        tables = ("rest_days", "settings") if also is None else ("rest_days", "settings", also)
        return self._remembered(key, tables, compute, also=self._persistent_days)

    def rhythm(self) -> Rhythm:
        """Rest weekdays from the settings and the single rest days marked."""
        return Rhythm(self.settings().rest_weekdays, frozenset(self.rest_days()))

    def meter(self, today: date) -> Meter:
        """The streak meter as of `today`."""
        # Every figure on it depends on which days have a step, not on how many (~25 ms on ten years, and
        # a follow-up or a screening before visiting the meter no longer sets it off).
        return self._by_persistent_days(
            f"meter {today}",
            lambda: build_meter(self._step_counts(), self.rhythm(), self.settings().weekly_target, self.rejection_dates(), today),
            also=REJECTIONS,
        )

    def rejection_dates(self) -> list[date]:
        """The day of every rejection logged, oldest first."""
        def read() -> list[date]:
            rows = self._query('SELECT "on" FROM events WHERE kind = ? ORDER BY "on"', [OutcomeKind.REJECTED.value])
            return [date.fromisoformat(row["on"]) for row in rows]

        return list(self._remembered("rejection_dates", (REJECTIONS,), read))

    # Reads

    def applications(self) -> list[Application]:
        """Every application with its timeline, oldest applied first."""
        events: dict[int, list[OutcomeEvent]] = defaultdict(list)
        for row in self._query('SELECT * FROM events ORDER BY "on", id'):
            events[row["application_id"]].append(_event(row))
        return [
            _application(row, events[row["id"]])
            for row in self._query("SELECT * FROM applications ORDER BY applied_on, id")
        ]

    def insight_tallies(self, today: date) -> Tallies:
        """What Insights counts: each application's facts said in SQL (one pass over the outcomes), counted
        per field and stage, per field and days to a first answer, per source and weekday: small rows however
        long the journal. After this connection's own writes only the applications they changed are read
        again (`_WATCH_INSIGHTS`); after another connection's commit or a rollback, all. The SQL says the
        domain's rules (tui.domain.insights: answers, funnel levels, open statuses) from its own tables;
        tests/store/test_insight_tallies.py ties it to `tallies` on random journals, after writes too."""
        since = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
        stamp = self._stamp(("applications", "events"))
        held = self._insight_counts
        if held is None or held[0] != stamp:
            counts = held[1] if held is not None and held[0][:2] == stamp[:2] and self._watching_insights() else None
            if counts is None:
                counts = _InsightCounts()
                self._watching_insights()
                self._forget_insight_changes()
                counts.update(self._query(_INSIGHT_EVERY + _INSIGHT_FACT_ROWS), ())
            else:
                changed = [row[0] for row in self.db.conn.execute("SELECT id FROM temp.insight_changed")]
                if changed:
                    counts.update(self._query(_INSIGHT_CHANGED + _INSIGHT_FACT_ROWS), changed)
                    self._forget_insight_changes()
            held = self._insight_counts = (stamp, counts)

        def recent() -> dict[date, int]:
            rows = self._query(
                "SELECT applied_on, count(*) AS n FROM applications WHERE applied_on BETWEEN ? AND ? GROUP BY applied_on",
                [since.isoformat(), today.isoformat()],
            )
            return {date.fromisoformat(row["applied_on"]): row["n"] for row in rows}

        return held[1].tallies(self._remembered(("applied_recently", since, today), (FIELDS,), recent))

    def _watching_insights(self) -> bool:
        """Whether this connection's writes note the applications they change (set up on first use)."""
        if self._insight_watch is None:
            try:
                for statement in _WATCH_INSIGHTS:
                    self.db.conn.execute(statement)
                self._insight_watch = True
            except sqlite3.Error:
                self._insight_watch = False  # counted whole after each write instead
        return self._insight_watch

    def _forget_insight_changes(self) -> None:
        """Empty the note of changed applications (a temporary table of this connection: not a journal write)."""
        if self._insight_watch:
            self.db.execute(_FORGET_INSIGHT_CHANGES)

    def _with_events(self, rows: list[sqlite3.Row], where: str, params: Sequence[Any]) -> list[Application]:
        events: dict[int, list[OutcomeEvent]] = defaultdict(list)
        for row in self._query(f'SELECT * FROM events WHERE application_id IN ({where}) ORDER BY "on", id', params):
            events[row["application_id"]].append(_event(row))
        return [_application(row, events[row["id"]]) for row in rows]

    def inbox_applications(self, today: date, *, to_reflect_limit: int | None = None) -> list[Application]:
        """What the Inbox shows without a filter: open applications, rejections not yet reflected on (the
        `to_reflect_limit` last heard from, when given) and anything applied to or heard from today (closed
        ones are read only when asked for)."""
        to_reflect = f"SELECT id FROM applications WHERE {_TO_REFLECT}"
        if to_reflect_limit is not None:
            to_reflect = f"SELECT id FROM ({to_reflect} ORDER BY last_heard_on DESC, id DESC LIMIT {int(to_reflect_limit)})"
        where = (
            f"SELECT id FROM applications WHERE status IN ({_OPEN_STATUSES}) "
            f"UNION {to_reflect} "
            "UNION SELECT id FROM applications WHERE applied_on = ? "
            'UNION SELECT application_id FROM events WHERE "on" = ?'
        )
        params = [today.isoformat(), today.isoformat()]
        # Which ones, worked out once (~3 ms on ten years: the rejections to reflect on are a sorted subquery),
        # then their rows and timelines by id, as one JSON list (no limit on how many ids a statement takes).
        ids = json.dumps([row[0] for row in self.db.conn.execute(where, params)])
        chosen = "SELECT value FROM json_each(?)"
        rows = self._query(f"SELECT * FROM applications WHERE id IN ({chosen}) ORDER BY applied_on, id", [ids])
        return self._with_events(rows, chosen, [ids])

    def listed_applications(self, *, closed_too: bool, field: str = "", status: str = "") -> list[Application]:
        """What `onward list` shows: open applications (with `closed_too`, all), of one field and one status
        (both matched case-insensitively) when given, by id."""
        where = ["1"] if closed_too else [f"status IN ({_OPEN_STATUSES})"]
        params: list[Any] = []
        if field:
            where.append("lower(field) = lower(?)")
            params.append(field)
        if status:
            where.append("status = ?")
            params.append(status)
        condition = " AND ".join(where)
        rows = self._query(f"SELECT * FROM applications WHERE {condition} ORDER BY id", params)
        return self._with_events(rows, f"SELECT id FROM applications WHERE {condition}", params)

    def applications_active_between(self, since: date, until: date) -> list[Application]:
        """Applications applied to, heard from, or with a screening or interview taking place between `since` and
        `until` (both included), with their timelines: what an activity report covers, read through the day
        indexes rather than ten years."""
        where = (
            "SELECT id FROM applications WHERE applied_on BETWEEN ? AND ? "
            'UNION SELECT application_id FROM events WHERE "on" BETWEEN ? AND ? '
            "UNION SELECT application_id FROM events WHERE takes_place_on BETWEEN ? AND ?"
        )
        params = [since.isoformat(), until.isoformat()] * 3
        rows = self._query(f"SELECT * FROM applications WHERE id IN ({where}) ORDER BY applied_on, id", params)
        return self._with_events(rows, where, params)

    def actions_between(self, since: date, until: date) -> list[ProactiveAction]:
        """Proactive actions from `since` to `until` (both included), oldest first."""
        rows = self._query('SELECT * FROM actions WHERE "on" BETWEEN ? AND ? ORDER BY "on", id', [since.isoformat(), until.isoformat()])
        return [_action(row) for row in rows]

    def application_count(self) -> int:
        """How many applications the journal holds."""
        return int(self.db.execute("SELECT count(*) FROM applications").fetchone()[0])

    def to_reflect_count(self) -> int:
        """How many rejections have no reflection yet."""
        return int(self.db.execute(f"SELECT count(*) FROM applications WHERE {_TO_REFLECT}").fetchone()[0])

    def closed_applications(self, *, matching: str = "", limit: int, to_reflect: bool = False) -> tuple[list[Application], int]:
        """Closed applications (not open, and not a rejection still waiting for its reflection; with
        `to_reflect`, those rejections instead) whose company, role or field holds every word of `matching`:
        the `limit` last heard from, newest first, with their timelines; and how many match in all. Matched
        in SQL so a filter key never reads ten years."""
        words = query_words(matching)
        where = _TO_REFLECT if to_reflect else f"status IN ({_CLOSED_STATUSES}) AND NOT ({_TO_REFLECT})"
        where += "".join(" AND instr(search, ?) > 0" for _ in words)  # `search` holds haystack(company, role, field)
        # `+status` keeps SQLite off the status index, so it walks applications_by_last_heard newest first and
        # stops at `limit` (sorting every closed one of ten years cost ~15 ms a key).
        rows = self._query(
            f"SELECT * FROM applications WHERE {where.replace('status', '+status')} "
            "ORDER BY last_heard_on DESC, id DESC LIMIT ?",
            [*words, limit],
        )
        if not rows:
            return [], 0
        matched = len(rows)
        if matched == limit:
            matched = int(self.db.execute(f"SELECT count(*) FROM applications WHERE {where}", words).fetchone()[0])
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" * len(ids))
        return self._with_events(rows, marks, ids), matched

    def applications_by_id(self, ids: Iterable[int]) -> list[Application]:
        """These applications with their timelines (those that exist)."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        marks = ", ".join("?" * len(wanted))
        rows = self._query(f"SELECT * FROM applications WHERE id IN ({marks})", wanted)
        return self._with_events(rows, marks, wanted)

    def planned_interviews(self) -> list[OutcomeEvent]:
        """Screenings and interviews given a day and not yet said to be held or cancelled, soonest first
        (read through a partial index: a handful among ten years of outcomes)."""
        rows = self._query("SELECT * FROM events WHERE held = 'planned' ORDER BY takes_place_on, id")
        return [_event(row) for row in rows]

    def reflections_with_a_step_by(self, day: date) -> list[Reflection]:
        """Reflections whose next step has a day on or before `day` (done or not), by their index."""
        rows = self._query(
            "SELECT * FROM reflections WHERE next_step_on IS NOT NULL AND next_step_on <= ? ORDER BY next_step_on, id",
            [day.isoformat()],
        )
        return [_reflection(row) for row in rows]

    def streak_summary(self, today: date) -> StreakSummary:
        """Where the streak stands today (without the score and bounce-back the meter adds)."""
        return self._by_persistent_days(
            f"streak_summary {today}", lambda: streak_summary(self._step_counts(), self.rhythm(), today)
        )

    @writes("applications", spares=[FIELDS])
    def put_application_summary(self, application_id: int) -> None:
        """Store the status and last-heard day the application's timeline gives, and the text a filter
        searches (what the Inbox reads and filters on)."""
        for app in self.applications_by_id([application_id]):
            self.db.execute(
                "UPDATE applications SET status = ?, last_heard_on = ?, search = ? WHERE id = ?",
                [app.status.value, app.last_heard_on.isoformat(), haystack(app.company, app.role, app.field), application_id],
            )

    def application(self, application_id: int) -> Application:
        """One application with its timeline; raises NotFound."""
        rows = list(self._query("SELECT * FROM applications WHERE id = ?", [application_id]))
        if not rows:
            raise NotFound(f"There is no application with id {application_id}.")
        events = [_event(r) for r in self._query('SELECT * FROM events WHERE application_id = ? ORDER BY "on", id', [application_id])]
        return _application(rows[0], events)

    def application_records(self) -> Iterator[dict[str, Any]]:
        """Every application as plain values for an export, oldest applied first, each with its timeline;
        read row by row without building the domain's objects (ten years export in well under a second)."""
        events: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
        for event_id, application_id, on, kind, stage, note, takes_place_on, held, moved_from, day_unknown in self.db.conn.execute(
            'SELECT id, application_id, "on", kind, stage, note, takes_place_on, held, moved_from, day_unknown FROM events ORDER BY "on", id'
        ):
            event = {"id": event_id, "on": on, "kind": kind, "stage": stage, "note": note}
            if held is not None:  # only outcomes given a day carry these (the file stays as it was for the rest)
                event |= {"takes_place_on": takes_place_on, "held": held}
            if moved_from is not None:
                event["moved_from"] = moved_from
            if day_unknown:  # likewise only an imported status
                event["day_unknown"] = True
            events[application_id].append(event)
        columns = "id, company, role, field, source, url, applied_on, follow_up_on, status, notes"
        names = [name.strip() for name in columns.split(",")]
        for row in self.db.conn.execute(f"SELECT {columns}, merged_away, settled_through FROM applications ORDER BY applied_on, id"):
            record = dict(zip(names, row[:-2]))
            # Only where there is something: the file of a journal without merges or imports stays as it was.
            if row[-2] != "[]":
                record["merged_away"] = json.loads(row[-2])
            if row[-1] is not None:
                record["settled_through"] = row[-1]
            record["events"] = events.pop(record["id"], [])
            yield record

    def action_records(self) -> Iterator[dict[str, Any]]:
        """Every proactive action as plain values for an export, oldest first, read row by row, with what it
        belongs to (an application, the outcome or reflection that logged it) and whether Onward logged it;
        the person a support step reached and the gaps a learning step works on only where there are some."""
        for action_id, on, kind, note, application_id, event_id, reflection_id, automatic, person_id, gaps in self.db.conn.execute(
            'SELECT id, "on", kind, note, application_id, event_id, reflection_id, automatic, person_id, gaps '
            'FROM actions ORDER BY "on", id'
        ):
            record = {
                "id": action_id, "on": on, "kind": kind, "note": note, "application_id": application_id,
                "event_id": event_id, "reflection_id": reflection_id, "automatic": bool(automatic),
            }
            # Written only where set, so a journal that never used them exports as it did before they existed.
            if person_id is not None:
                record["person_id"] = person_id
            if gaps != "[]":
                record["gaps"] = json.loads(gaps)
            yield record

    def people_records(self) -> list[dict[str, Any]]:
        """Everyone in the support circle as plain values for an export, by id (the day each was last
        contacted is not stored: it is read from the steps that reached them)."""
        return [
            {"id": person_id, "name": name, "relation": relation, "note": note}
            for person_id, name, relation, note in self.db.conn.execute("SELECT id, name, relation, note FROM people ORDER BY id")
        ]

    def win_records(self) -> Iterator[dict[str, Any]]:
        """Every win as plain values for an export, newest first, with an automatic win's cause (what posted
        it, so a reload never posts it twice) and whether it was seen on the wall."""
        for win_id, on, title, kind, note, application_id, automatic, cause, seen in self.db.conn.execute(
            'SELECT id, "on", title, kind, note, application_id, automatic, cause, seen FROM wins ORDER BY "on" DESC, id DESC'
        ):
            yield {
                "id": win_id, "on": on, "title": title, "kind": kind, "application_id": application_id,
                "automatic": bool(automatic), "note": note, "cause": cause, "seen": bool(seen),
            }

    def removed_win_causes(self) -> list[str]:
        """The causes of automatic wins the user removed (never posted again), sorted."""
        return [row[0] for row in self.db.conn.execute("SELECT cause FROM win_tombstones ORDER BY cause")]

    def draft_records(self) -> dict[str, Any]:
        """Every draft an editor keeps (text that could not be saved yet), by its key."""
        return {key: json.loads(value) for key, value in self.db.conn.execute("SELECT key, value FROM drafts ORDER BY key")}

    def largest_ids(self) -> dict[str, int]:
        """The largest id in each table with ids (0 when empty): where an import's renumbered ids start."""
        return {
            table: self.db.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            for table in ("applications", "events", "actions", "reflections", "wins", "people")
        }

    def application_keys(self) -> set[tuple[str, str, str]]:
        """(company, role, applied day) of every application, company and role case-folded: how an import
        recognises one already in the journal."""
        return {
            (matching_key(company), matching_key(role), applied_on)
            for company, role, applied_on in self.db.conn.execute("SELECT company, role, applied_on FROM applications")
        }

    def held_records(self) -> dict[str, set[tuple]]:
        """What free-standing records (tied to no application) the journal holds, as an import compares them:
        actions by day, kind, note, the name of the person reached (compared as names are) and the gaps worked
        on; wins by day, title and kind; reflections by day, mood and text; and the causes of automatic wins
        held; the rest days marked; and the people of the circle, (name as compared, id)."""
        query = self.db.conn.execute
        return {
            "actions": {
                (on, kind, note, matching_key(name or ""), tuple(json.loads(gaps)))
                for on, kind, note, name, gaps in query(
                    'SELECT actions."on", kind, actions.note, people.name, gaps FROM actions '
                    "LEFT JOIN people ON people.id = actions.person_id WHERE application_id IS NULL AND reflection_id IS NULL"
                )
            },
            "people": {(matching_key(name), person_id) for person_id, name in query("SELECT id, name FROM people")},
            "wins": set(query('SELECT "on", title, kind FROM wins WHERE application_id IS NULL')),
            "reflections": set(query('SELECT "on", mood, went_well, body FROM reflections WHERE application_id IS NULL')),
            "causes": {row[0] for row in query("SELECT cause FROM wins WHERE cause IS NOT NULL")},
            "rest_days": {row[0] for row in query('SELECT "on" FROM rest_days')},
        }

    @writes
    def put_records(self, table: str, records: Sequence[dict[str, Any]]) -> None:
        """Insert whole records as they are (an import: ids and links already decided, no rules applied)."""
        if table not in _IMPORTED_TABLES or not records:
            if table not in _IMPORTED_TABLES:
                raise ValueError(f"not an imported table: {table}")
            return
        columns = list(records[0])
        names = ", ".join(f'"{column}"' for column in columns)
        verb = "INSERT OR IGNORE" if table in ("rest_days", "win_tombstones", "drafts", "settings") else "INSERT"
        self.db.conn.executemany(
            f"{verb} INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})",
            [[_stored(record[column]) for column in columns] for record in records],
        )

    def actions(self, on: date | None = None) -> list[ProactiveAction]:
        """Every proactive action (or those of one day), oldest first."""
        where, params = ('WHERE "on" = ?', [on.isoformat()]) if on else ("", [])
        return [_action(row) for row in self._query(f'SELECT * FROM actions {where} ORDER BY "on", id', params)]

    def wins(self, on: date | None = None) -> list[Win]:
        """Every win (or those of one day), newest first."""
        where, params = ('WHERE "on" = ?', [on.isoformat()]) if on else ("", [])
        return [_win(row) for row in self._query(f'SELECT * FROM wins {where} ORDER BY "on" DESC, id DESC', params)]

    def win_marks(self) -> list[WinMark]:
        """Every win's id, day and kind, newest first: what the wall lays itself out by (cards read the rest)."""

        def read() -> list[WinMark]:
            kinds = {kind.value: kind for kind in WinKind}
            rows = self.db.conn.execute('SELECT id, "on", kind FROM wins ORDER BY "on" DESC, id DESC').fetchall()
            return [WinMark(id, date.fromisoformat(on), kinds[kind]) for id, on, kind in rows]

        with self._guarded():
            return list(self._remembered("win_marks", ("wins",), read))

    def wins_by_id(self, ids: Iterable[int]) -> dict[int, Win]:
        """These wins (those that exist), by id."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return {row["id"]: _win(row) for row in self._query(f"SELECT * FROM wins WHERE id IN ({marks})", wanted)}

    def application_choices(self, today: date, *, including: Iterable[int] = (), days: int = 180, limit: int = 300) -> list[ApplicationChoice]:
        """What a form offers to tie a win to: open applications and those applied to or heard from in the
        last `days`, newest applied first, at most `limit`; and `including` (one already tied) whatever its
        age. Ten years hold 10,000 applications, which no picker can show usefully (or quickly)."""
        since = (today - timedelta(days=days)).isoformat()
        rows = self.db.conn.execute(
            f"SELECT id, company, role, applied_on FROM applications WHERE status IN ({_OPEN_STATUSES}) "
            "OR applied_on >= ? OR last_heard_on >= ? ORDER BY applied_on DESC, id DESC LIMIT ?",
            [since, since, limit],
        ).fetchall()
        missing = sorted(set(including) - {row[0] for row in rows})
        if missing:
            marks = ", ".join("?" * len(missing))
            rows += self.db.conn.execute(f"SELECT id, company, role, applied_on FROM applications WHERE id IN ({marks})", missing).fetchall()
        return [ApplicationChoice(row[0], row[1], row[2], date.fromisoformat(row[3])) for row in rows]

    def labels_of(self, application_ids: Iterable[int]) -> dict[int, ApplicationLabel]:
        """Company, role and field of each of these applications, by id (no timelines)."""
        wanted = sorted(set(application_ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self.db.conn.execute(f"SELECT id, company, role, field FROM applications WHERE id IN ({marks})", wanted)
        return {row[0]: ApplicationLabel(*row[1:]) for row in rows}

    def companies_of(self, application_ids: Iterable[int]) -> dict[int, str]:
        """The company of each of these applications, by id."""
        wanted = sorted(set(application_ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return {row["id"]: row["company"] for row in self._query(f"SELECT id, company FROM applications WHERE id IN ({marks})", wanted)}

    def win(self, win_id: int) -> Win:
        """One win; raises NotFound."""
        rows = list(self._query("SELECT * FROM wins WHERE id = ?", [win_id]))
        if not rows:
            raise NotFound(f"There is no win with id {win_id}.")
        return _win(rows[0])

    def unseen_win_ids(self) -> set[int]:
        """Automatic wins posted since the wall was last opened."""
        return {row["id"] for row in self._query("SELECT id FROM wins WHERE seen = 0")}

    def reflections(self) -> list[Reflection]:
        """Every reflection, newest first."""
        def read() -> list[Reflection]:
            return [_reflection(row) for row in self._query('SELECT * FROM reflections ORDER BY "on" DESC, id DESC')]

        return list(self._remembered("reflections", ("reflections",), read))

    def reflected_application_ids(self) -> frozenset[int]:
        """Applications that have at least one reflection (remembered until reflections change: the Inbox
        asks on every key, and ten years hold 3,000)."""

        def read() -> frozenset[int]:
            rows = self._query("SELECT DISTINCT application_id FROM reflections WHERE application_id IS NOT NULL")
            return frozenset(row["application_id"] for row in rows)

        return self._remembered("reflected_application_ids", ("reflections",), read)

    def rest_days(self) -> list[date]:
        def read() -> list[date]:
            return [date.fromisoformat(row["on"]) for row in self._query('SELECT "on" FROM rest_days ORDER BY "on"')]

        return list(self._remembered("rest_days", ("rest_days",), read))

    def settings(self) -> Settings:
        """The user's settings, with defaults for anything never set."""
        return self._remembered("settings", ("settings",), self._read_settings)

    def _read_settings(self) -> Settings:
        stored = {row["key"]: json.loads(row["value"]) for row in self._query("SELECT key, value FROM settings")}
        defaults = Settings()
        rest = stored.get("rest_weekdays")
        return Settings(
            rest_weekdays=frozenset(WEEKDAY_NAMES.index(d) for d in rest) if rest is not None else defaults.rest_weekdays,
            weekly_target=stored.get("weekly_target", defaults.weekly_target),
            follow_up_after_days=stored.get("follow_up_after_days", defaults.follow_up_after_days),
            ghosted_after_days=stored.get("ghosted_after_days", defaults.ghosted_after_days),
            follow_ups=stored.get("follow_ups", defaults.follow_ups),
            theme=stored.get("theme", defaults.theme) if isinstance(stored.get("theme"), str) else defaults.theme,
            hidden_nudges=_hidden_nudges(stored.get("hidden_nudges")),
        )

    # The action layer's building blocks: plain writes with no rules, inside transaction().

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action, all or nothing: takes the write lock up front; SQLite failures become JournalError."""
        if self.db.conn.in_transaction:
            yield  # part of the action already running
            return
        with self._guarded():
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._touch([EVERY_TABLE])  # what was read or counted in since BEGIN is no longer true
                self.db.conn.rollback()
                raise
            self.db.conn.commit()

    @writes("applications")
    def insert_application(self, entry: ApplicationEntry) -> int:
        cursor = self.db.execute(
            "INSERT INTO applications (company, role, field, source, url, notes, applied_on, search) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes, entry.applied_on.isoformat(),
             haystack(entry.company, entry.role, entry.field)],
        )
        return _new_id(cursor)

    @writes("applications")
    def update_application_row(self, application_id: int, entry: ApplicationEntry) -> None:
        self.db.execute(
            "UPDATE applications SET company = ?, role = ?, field = ?, source = ?, url = ?, notes = ?, applied_on = ?, "
            "search = ? WHERE id = ?",
            [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes,
             entry.applied_on.isoformat(), haystack(entry.company, entry.role, entry.field), application_id],
        )

    @writes("actions", spares=[LEARNING])
    def move_applied_action(self, application_id: int, day: date) -> None:
        """Keep the automatic 'applied' step on the application's applied day."""
        self.db.execute(
            'UPDATE actions SET "on" = ? WHERE application_id = ? AND kind = ? AND automatic = 1 AND event_id IS NULL',
            [day.isoformat(), application_id, ActionKind.APPLIED.value],
        )

    @writes("events", spares=lambda journal, application_id, on, kind, *rest, **named: _parts_an_outcome_spares(kind))
    def insert_event(
        self, application_id: int, on: date, kind: OutcomeKind, stage: Stage | None, note: str,
        *, takes_place_on: date | None = None, held: Held | None = None, day_unknown: bool = False,
    ) -> int:
        cursor = self.db.execute(
            'INSERT INTO events (application_id, "on", kind, stage, note, takes_place_on, held, day_unknown) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                application_id, on.isoformat(), kind.value, stage.value if stage else None, note,
                takes_place_on.isoformat() if takes_place_on else None, held.value if held else None, int(day_unknown),
            ],
        )
        return _new_id(cursor)

    def postings(self) -> tuple[list[ApplicationChoice], list[ApplicationChoice]]:
        """Every application held, and every one merged away (with the id of the one it was merged into):
        what an import asks the duplicate rule about."""
        held: list[ApplicationChoice] = []
        merged: list[ApplicationChoice] = []
        for application_id, company, role, applied_on, merged_away in self.db.conn.execute(
            "SELECT id, company, role, applied_on, merged_away FROM applications"
        ):
            held.append(ApplicationChoice(application_id, company, role, date.fromisoformat(applied_on)))
            for other_company, other_role, other_on in json.loads(merged_away):
                merged.append(ApplicationChoice(application_id, other_company, other_role, date.fromisoformat(other_on)))
        return held, merged

    @writes("applications", spares=[FIELDS])
    def remember_merged_away(self, application_id: int, postings: Sequence[tuple[str, str, date]]) -> None:
        """Keep (company, role, applied day) of the applications merged into this one."""
        self.db.execute(
            "UPDATE applications SET merged_away = ? WHERE id = ?",
            [json.dumps([[company, role, day.isoformat()] for company, role, day in postings]), application_id],
        )

    @writes("applications", spares=[FIELDS])
    def settle(self, application_id: int, through: date) -> None:
        """Mark an imported application as history, as of the last day heard from it (tui.domain.inbox.is_settled)."""
        self.db.execute("UPDATE applications SET settled_through = ? WHERE id = ?", [through.isoformat(), application_id])

    @writes("applications", spares=[FIELDS])
    def set_follow_up_on(self, application_id: int, day: date | None) -> None:
        """Set (or clear, with None) the day the application's next follow-up is due."""
        self.db.execute("UPDATE applications SET follow_up_on = ? WHERE id = ?", [day.isoformat() if day else None, application_id])

    @writes("events", spares=[PROGRESS, REJECTIONS])
    def set_event_held(self, event_id: int, held: Held, takes_place_on: date) -> None:
        """Record what became of a screening or interview given a day."""
        self.db.execute(
            "UPDATE events SET held = ?, takes_place_on = ? WHERE id = ?", [held.value, takes_place_on.isoformat(), event_id]
        )

    @writes("events", spares=[PROGRESS, REJECTIONS])
    def move_event(self, event_id: int, takes_place_on: date, moved_from: date) -> None:
        """Record the day a planned screening or interview moved to, and the day it was on before."""
        self.db.execute(
            "UPDATE events SET takes_place_on = ?, moved_from = ? WHERE id = ?",
            [takes_place_on.isoformat(), moved_from.isoformat(), event_id],
        )

    @writes("actions", spares=lambda journal, on, kind, *rest, **named: () if kind is ActionKind.LEARNING else [LEARNING])
    def insert_action(
        self,
        on: date,
        kind: ActionKind,
        *,
        note: str = "",
        application_id: int | None = None,
        event_id: int | None = None,
        reflection_id: int | None = None,
        automatic: bool = False,
        person_id: int | None = None,
        gaps: Sequence[str] = (),
    ) -> int | None:
        """Store one step; None when the reflection already has that step on that day."""
        cursor = self.db.execute(
            'INSERT OR IGNORE INTO actions ("on", kind, note, application_id, event_id, reflection_id, automatic, '
            "person_id, gaps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                on.isoformat(), kind.value, note, application_id, event_id, reflection_id, int(automatic),
                person_id, json.dumps(list(gaps), ensure_ascii=False),
            ],
        )
        if cursor.rowcount:
            # Most keys add one step: count it into the remembered steps per day rather than re-reading 10 years.
            self._count_in("step_counts", STEPS, "actions", lambda counts: self._counted_in(counts, {on: 1}))
        return _new_id(cursor) if cursor.rowcount else None

    def follow_ups_on(self, application_id: int, day: date) -> int:
        """How many follow-ups the application has on `day`."""
        row = self.db.execute(
            'SELECT count(*) FROM events WHERE application_id = ? AND "on" = ? AND kind = ?',
            [application_id, day.isoformat(), OutcomeKind.FOLLOWED_UP.value],
        ).fetchone()
        return int(row[0])

    @writes("wins")
    def insert_win(self, entry: WinEntry) -> int:
        """A win the user added: never highlighted as new (it is not news to them)."""
        return self._insert_win(entry.on, entry.title, entry.kind, entry.application_id, note=entry.note, seen=True)

    @part_of_writes("wins")
    def _insert_win(
        self, on: date, title: str, kind: WinKind, application_id: int | None, *, note: str = "",
        cause: str | None = None, seen: bool,
    ) -> int:
        """The write behind `insert_win` and `post_automatic_win`."""
        cursor = self.db.execute(
            'INSERT INTO wins ("on", title, kind, note, application_id, automatic, cause, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [on.isoformat(), title, kind.value, note, application_id, int(cause is not None), cause, int(seen)],
        )
        win_id = _new_id(cursor)
        self._win_marks_moved(add=[WinMark(win_id, on, kind)])
        return win_id

    def _win_marks_moved(self, *, gone: Iterable[int] = (), add: Iterable[WinMark] = (), moved: Mapping[int, date] | None = None) -> None:
        """Inside a write of wins, after it: bring the wall's remembered marks up to date (wins `gone`, marks
        added, wins `moved` to another day) rather than read every win again (~13 ms on ten years)."""
        gone, added, moved = set(gone), list(add), dict(moved or {})

        def update(marks: list[WinMark]) -> list[WinMark]:
            kept = list(marks)
            leaving = gone | moved.keys()
            found: list[int] = []
            # Newest first, and the wins a change takes are nearly always recent: stop once all are found
            # rather than look at every win of ten years (an undo of a screening took ~0.5 ms here).
            for index, mark in enumerate(kept):
                if len(found) == len(leaving):
                    break
                if mark.id in leaving:
                    found.append(index)
            shifted = [kept[index]._replace(on=moved[kept[index].id]) for index in found if kept[index].id not in gone]
            for index in reversed(found):
                del kept[index]
            for mark in added + shifted:
                insort(kept, mark, key=_newest_first)
            return kept

        self._count_in("win_marks", ("wins",), "wins", update)

    @writes("wins")
    def update_win_row(self, win_id: int, entry: WinEntry) -> None:
        cursor = self.db.execute(
            'UPDATE wins SET title = ?, kind = ?, "on" = ?, application_id = ?, note = ? WHERE id = ?',
            [entry.title, entry.kind.value, entry.on.isoformat(), entry.application_id, entry.note, win_id],
        )
        self._win_marks_moved(gone=[win_id], add=[WinMark(win_id, entry.on, entry.kind)] if cursor.rowcount else [])

    @writes("wins")
    def delete_win_row(self, win_id: int) -> None:
        self.db.execute("DELETE FROM wins WHERE id = ?", [win_id])
        self._win_marks_moved(gone=[win_id])

    @writes("win_tombstones")
    def bury(self, cause: str) -> None:
        """Never post the automatic win with this cause again (the user removed it)."""
        self.db.execute("INSERT OR IGNORE INTO win_tombstones (cause) VALUES (?)", [cause])

    def automatic_causes_held(self, causes: Iterable[str]) -> set[str]:
        """Which of these causes already have their win stored."""
        return self._causes_in("wins", causes)

    def buried(self, causes: Iterable[str]) -> set[str]:
        """Which of these causes the user removed, so their wins are never posted again."""
        return self._causes_in("win_tombstones", causes)

    def _causes_in(self, table: str, causes: Iterable[str]) -> set[str]:
        wanted = list(causes)
        if not wanted:
            return set()
        marks = ", ".join("?" * len(wanted))
        return {row["cause"] for row in self._query(f"SELECT cause FROM {table} WHERE cause IN ({marks})", wanted)}

    def automatic_wins_held(
        self, *, application_id: int | None = None, prefix: str | None = None
    ) -> dict[str, tuple[int, str, int | None]]:
        """The automatic wins stored for one application, or whose cause starts with `prefix`:
        cause -> (id, day, application id)."""
        columns = 'id, cause, "on", application_id'
        if application_id is not None:
            rows = self._query(f"SELECT {columns} FROM wins WHERE application_id = ? AND automatic = 1", [application_id])
        else:
            rows = self._query(
                f"SELECT {columns} FROM wins WHERE automatic = 1 AND cause >= ? AND cause < ?", [prefix, f"{prefix}\uffff"]
            )
        return {row["cause"]: (row["id"], row["on"], row["application_id"]) for row in rows}

    @writes("wins")
    def move_automatic_win(self, win_id: int, day: date, application_id: int | None) -> None:
        """Move a posted win to the day (and application) its cause now gives."""
        self.db.execute('UPDATE wins SET "on" = ?, application_id = ? WHERE id = ?', [day.isoformat(), application_id, win_id])
        self._win_marks_moved(moved={win_id: day})

    @writes("wins")
    def post_automatic_win(self, win: AutomaticWin) -> int:
        """A win Onward posts by itself, highlighted once on the wall."""
        return self._insert_win(win.on, win.title, win.kind, win.application_id, cause=win.cause, seen=False)

    def first_applications(self, count: int) -> list[Sent]:
        """The first `count` applications sent, for the application-count milestones (remembered: every
        outcome's undo asks, and only an application added, removed or sent on another day changes them)."""

        def read() -> list[Sent]:
            rows = self.db.execute("SELECT id, applied_on FROM applications ORDER BY applied_on, id LIMIT ?", [count])
            return [Sent(row[0], date.fromisoformat(row[1])) for row in rows.fetchall()]

        return list(self._remembered(("first applications", count), (FIELDS,), read))

    def reflections_for_application(self, application_id: int) -> list[Reflection]:
        rows = self._query("SELECT * FROM reflections WHERE application_id = ? ORDER BY id", [application_id])
        return [_reflection(row) for row in rows]

    def action(self, action_id: int) -> ProactiveAction:
        """One proactive action; raises NotFound."""
        rows = list(self._query("SELECT * FROM actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound(f"There is no action with id {action_id}.")
        return _action(rows[0])

    def actions_of_application(self, application_id: int) -> list[ProactiveAction]:
        rows = self._query('SELECT * FROM actions WHERE application_id = ? ORDER BY "on", id', [application_id])
        return [_action(row) for row in rows]

    # Editing and removing any record (the action layer decides what may change and records the undo)

    def event(self, event_id: int) -> OutcomeEvent:
        """One outcome; raises NotFound."""
        rows = self._query("SELECT * FROM events WHERE id = ?", [event_id])
        if not rows:
            raise NotFound(f"There is no outcome with id {event_id}.")
        return _event(rows[0])

    def actions_of_event(self, event_id: int) -> list[ProactiveAction]:
        """The steps an outcome earned (a follow-up, an interview attended)."""
        return [_action(row) for row in self._query('SELECT * FROM actions WHERE event_id = ? ORDER BY "on", id', [event_id])]

    def records_tied_to(self, record: Record, record_id: int) -> dict[Record, list[int]]:
        """The ids of what removing this record takes with it (its own id not included): an application's
        outcomes, reflections, steps (its own and those of its outcomes and reflections) and wins (tied to it,
        or posted for one of its outcomes or reflections); an outcome's or a reflection's steps and win."""
        queries: dict[Record, tuple[str, dict[str, Any]]]
        if record is Record.APPLICATION:
            mine: dict[str, Any] = {"id": record_id}
            events = "SELECT id FROM events WHERE application_id = :id"
            reflections = "SELECT id FROM reflections WHERE application_id = :id"
            queries = {
                Record.EVENT: (events, mine),
                Record.REFLECTION: (reflections, mine),
                Record.ACTION: (
                    f"SELECT id FROM actions WHERE application_id = :id OR event_id IN ({events}) "
                    f"OR reflection_id IN ({reflections})", mine,
                ),
                Record.WIN: (
                    f"SELECT id FROM wins WHERE application_id = :id OR cause IN (SELECT 'event:' || id FROM events "
                    "WHERE application_id = :id) OR cause IN (SELECT 'reflection:' || id FROM reflections "
                    "WHERE application_id = :id)", mine,
                ),
            }
        elif record in (Record.EVENT, Record.REFLECTION):
            column = f"{record.value}_id"
            queries = {
                Record.ACTION: (f"SELECT id FROM actions WHERE {column} = :id", {"id": record_id}),
                Record.WIN: ("SELECT id FROM wins WHERE cause = :cause", {"cause": f"{record.value}:{record_id}"}),
            }
        else:
            return {}
        return {
            tied: [row[0] for row in self.db.execute(f"{sql} ORDER BY id", params).fetchall()]
            for tied, (sql, params) in queries.items()
        }

    def applied_between(self, since: date, until: date) -> list[ApplicationChoice]:
        """Applications applied to from `since` to `until` (both included), without timelines: where a
        duplicate of a new one would be."""
        rows = self.db.execute(
            "SELECT id, company, role, applied_on FROM applications WHERE applied_on BETWEEN ? AND ? ORDER BY applied_on, id",
            [since.isoformat(), until.isoformat()],
        ).fetchall()
        return [ApplicationChoice(row[0], row[1], row[2], date.fromisoformat(row[3])) for row in rows]

    def draft_text(self, key: str) -> str | None:
        """A draft as stored (JSON text), or None when there is none."""
        row = self.db.execute("SELECT value FROM drafts WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @writes("events")
    def update_event_row(self, event_id: int, on: date, stage: Stage | None, note: str) -> None:
        self.db.execute(
            'UPDATE events SET "on" = ?, stage = ?, note = ? WHERE id = ?',
            [on.isoformat(), stage.value if stage else None, note, event_id],
        )

    @writes("actions")
    def update_action_row(self, action_id: int, on: date, kind: ActionKind, note: str) -> None:
        self.db.execute(
            'UPDATE actions SET "on" = ?, kind = ?, note = ? WHERE id = ?', [on.isoformat(), kind.value, note, action_id]
        )

    @writes_per_call(lambda record, record_id: _removed_tables(record))
    def delete_record(self, record: Record, record_id: int) -> None:
        """Remove one record and what the schema removes with it (an application's outcomes, steps and
        reflections; an outcome's or a reflection's steps); its wins are the caller's to remove first."""
        self.db.execute(f"DELETE FROM {_TABLES[record]} WHERE id = ?", [record_id])

    @writes("events", "actions", "reflections", "wins")
    def move_to_application(self, from_id: int, to_id: int) -> None:
        """Tie every outcome, step, reflection and win of one application to another (a merge)."""
        for table in ("events", "actions", "reflections", "wins"):
            self.db.execute(f"UPDATE {table} SET application_id = ? WHERE application_id = ?", [to_id, from_id])

    @writes("win_tombstones")
    def unbury(self, cause: str) -> None:
        """Let the automatic win with this cause be posted again (its cause is gone; its id may be given again)."""
        self.db.execute("DELETE FROM win_tombstones WHERE cause = ?", [cause])

    def setting_text(self, key: str) -> str | None:
        """A setting as stored (JSON text), or None when never set."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @writes("settings")
    def put_setting(self, key: str, value: str | None) -> None:
        """Store a setting's JSON text, or forget it (None) so its default applies."""
        if value is None:
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def replica_writer(self) -> tuple[str, str, str, int, str] | None:
        """(device id, device name, replica URL, transaction id, moment) of the device that last wrote to the
        replica as this journal knows it, or None."""
        row = self.db.execute("SELECT device_id, device_name, url, txid, at FROM replica_writer WHERE id = 1").fetchone()
        return (row[0], row[1], row[2], row[3], row[4]) if row else None

    @writes("replica_writer")
    def put_replica_writer(self, device_id: str, device_name: str, url: str, txid: int, at: str) -> None:
        """Record this device as the replica's writer, this journal holding the replica up to `txid`."""
        self.db.execute(
            "INSERT INTO replica_writer (id, device_id, device_name, url, txid, at) VALUES (1, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET device_id = excluded.device_id, device_name = excluded.device_name, "
            "url = excluded.url, txid = excluded.txid, at = excluded.at",
            [device_id, device_name, url, txid, at],
        )

    def is_rest_day(self, day: date) -> bool:
        return self.db.execute('SELECT 1 FROM rest_days WHERE "on" = ?', [day.isoformat()]).fetchone() is not None

    @writes("rest_days")
    def put_rest_day(self, day: date, rest: bool) -> None:
        if rest:
            self.db.execute('INSERT OR IGNORE INTO rest_days ("on") VALUES (?)', [day.isoformat()])
        else:
            self.db.execute('DELETE FROM rest_days WHERE "on" = ?', [day.isoformat()])

    @writes("reflections")
    def insert_reflection(self, entry: ReflectionEntry, on: date, application_id: int | None) -> int:
        values = _reflection_values(entry)
        columns = ", ".join(values)
        cursor = self.db.execute(
            f'INSERT INTO reflections (application_id, "on", {columns}) VALUES (?, ?, {", ".join("?" * len(values))})',
            [application_id, on.isoformat(), *values.values()],
        )
        return _new_id(cursor)

    @writes("reflections")
    def update_reflection_row(self, reflection_id: int, entry: ReflectionEntry) -> None:
        values = _reflection_values(entry)
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(
            f"UPDATE reflections SET {assignments}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
            [*values.values(), reflection_id],
        )

    @writes("reflections")
    def set_next_step_done(self, reflection_id: int, day: date | None) -> None:
        self.db.execute(
            "UPDATE reflections SET next_step_done_on = ? WHERE id = ?", [day.isoformat() if day else None, reflection_id]
        )

    @writes("drafts")
    def put_draft(self, key: str, values: dict[str, object]) -> None:
        self.db.execute(
            "INSERT INTO drafts (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [key, json.dumps(values, ensure_ascii=False)],
        )

    @writes("drafts")
    def delete_draft(self, key: str) -> None:
        self.db.execute("DELETE FROM drafts WHERE key = ?", [key])

    @writes("wins")
    def set_wins_seen(self, before: date | None = None) -> None:
        if before is None:
            self.db.execute("UPDATE wins SET seen = 1 WHERE seen = 0")
        else:
            self.db.execute('UPDATE wins SET seen = 1 WHERE seen = 0 AND "on" < ?', [before.isoformat()])
        self._win_marks_moved()  # whether a win was seen is not part of its mark: the wall's layout stays good

    # The support circle, learning steps, feedback asked for

    def people(self) -> list[Person]:
        """Everyone in the support circle with the last day a step reached out to them, by name."""

        def read() -> list[Person]:
            rows = self._query(
                'SELECT people.*, (SELECT max("on") FROM actions WHERE person_id = people.id) AS last_contacted '
                "FROM people ORDER BY name COLLATE NOCASE, id"
            )
            return [_person(row) for row in rows]

        with self._guarded():
            return list(self._remembered("people", ("people", "actions"), read))

    def person(self, person_id: int) -> Person:
        """One person of the circle; raises NotFound."""
        for person in self.people():
            if person.id == person_id:
                return person
        raise NotFound(f"There is no person with id {person_id}.")

    @writes("people")
    def insert_person(self, name: str, relation: Relation, note: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO people (name, relation, note) VALUES (?, ?, ?)", [name, relation.value, note]
        )
        return _new_id(cursor)

    @writes("people")
    def update_person_row(self, person_id: int, name: str, relation: Relation, note: str) -> None:
        self.db.execute(
            "UPDATE people SET name = ?, relation = ?, note = ? WHERE id = ?", [name, relation.value, note, person_id]
        )

    def actions_of_person(self, person_id: int) -> list[ProactiveAction]:
        """The steps that reached out to one person, oldest first."""
        return [
            _action(row)
            for row in self._query('SELECT * FROM actions WHERE person_id = ? ORDER BY "on", id', [person_id])
        ]

    def last_step_of_kind(self, kind: ActionKind) -> date | None:
        """The latest day with a step of this kind (say, the last time anyone was reached out to)."""
        row = self.db.execute(
            'SELECT max("on") FROM actions WHERE kind = ?', [kind.value]
        ).fetchone()
        return _day(row[0])

    def learning_steps(self) -> list[ProactiveAction]:
        """Every learning step that names gap tags, oldest first."""

        def read() -> list[ProactiveAction]:
            rows = self._query(
                # The partial index holds just these (the planner would walk every learning step by kind).
                "SELECT * FROM actions INDEXED BY actions_learning_gaps WHERE kind = 'learning' AND gaps != '[]' "
                "ORDER BY \"on\", id"
            )
            return [_action(row) for row in rows]

        with self._guarded():
            return list(self._remembered("learning_steps", (LEARNING,), read))

    def feedback_asked(self) -> dict[int, date]:
        """The day the user first asked each employer for feedback, by application."""

        def read() -> dict[int, date]:
            rows = self.db.execute(
                'SELECT application_id, min("on") FROM actions WHERE kind = ? AND application_id IS NOT NULL '
                "GROUP BY application_id",
                [ActionKind.ASKED_FEEDBACK.value],
            ).fetchall()
            return {application_id: date.fromisoformat(on) for application_id, on in rows}

        with self._guarded():
            return dict(self._remembered("feedback_asked", ("actions",), read))

    def talk_reminders(self, today: date) -> list[TalkReminder]:
        """Reflections of the last weeks that said whom to talk to, with no contact logged since."""
        since = (today - timedelta(days=REMIND_DAYS)).isoformat()

        def read() -> list[TalkReminder]:
            rows = self._query("SELECT * FROM reflections WHERE \"on\" >= ? AND talk_to != ''", [since])
            return talk_reminders([_reflection(row) for row in rows], self.people(), today)

        with self._guarded():
            return list(self._remembered("talk_reminders", ("reflections", "people", "actions"), read, also=today))

    def learning_plan(self) -> list[Gap]:
        """Every gap tag the reflections named, with how often and its latest learning step."""
        with self._guarded():
            return list(self._remembered("learning_plan", ("reflections", LEARNING), self._read_learning_plan))

    def _read_learning_plan(self) -> list[Gap]:
        # Only the day and the gaps of the reflections that named some: whole reflections of ten years took ~60 ms.
        rows = self.db.execute("SELECT \"on\", gaps FROM reflections WHERE gaps != '[]'").fetchall()
        named = [GapMention(date.fromisoformat(on), tuple(json.loads(gaps))) for on, gaps in rows]
        return learning_plan(named, self.learning_steps())

    def broaden_nudges(self, today: date) -> list[BroadenNudge]:
        """The broaden nudges due today (fields with repeated rejections lately, not hidden)."""

        def read() -> list[BroadenNudge]:
            since = (today - timedelta(days=NUDGE_DAYS)).isoformat()
            recent = [
                (field, date.fromisoformat(on))
                for field, on in self.db.execute(
                    'SELECT applications.field, events."on" FROM events JOIN applications ON applications.id = events.application_id '
                    'WHERE events."on" >= ? AND events.kind = ?',
                    [since, OutcomeKind.REJECTED.value],
                ).fetchall()
            ]
            counts = Counter(key for key in (field_key(field) for field, _ in recent) if key)
            if not counts or max(counts.values()) < NUDGE_REJECTIONS:
                return []  # the usual morning: no need to read every field's answers
            # How each field has gone over the last year (what the user does now, not ten years ago): ~1,000
            # applications on a long journal. Each part is remembered on its own: a screening logged or
            # undone reads the rates again, not the gaps.
            year_ago = today - timedelta(days=RATES_OVER_DAYS)
            rates = self._remembered(("field rates", year_ago), (PROGRESS, FIELDS), lambda: self._read_field_rates(year_ago))
            gaps, last_named = self._remembered(("gaps by field", year_ago), ("reflections", FIELDS), lambda: self._read_gaps_by_field(year_ago))
            # A gap a learning step has worked on since it was last named is in hand: the nudge names the others.
            worked_on = {
                tag for step in self.learning_steps() for tag in step.gaps if tag in last_named and step.on >= last_named[tag]
            }
            return broaden_nudges(recent, rates, gaps, dict(self.settings().hidden_nudges), today, worked_on)

        with self._guarded():
            # Remembered across follow-ups, notes, interview days and steps other than learning (most keys):
            # on ten years reading it again took ~2 ms of every key.
            return list(self._remembered(
                "broaden_nudges", (PROGRESS, FIELDS, "reflections", "settings", LEARNING), read, also=today
            ))

    def _read_field_rates(self, since: date) -> list[FieldRate]:
        """Each field's applications since `since` and how many got a screening or further."""
        return [
            FieldRate(field, applied, got_further)
            for field, applied, got_further in self.db.execute(
                "SELECT field, count(*), sum(EXISTS (SELECT 1 FROM events WHERE events.application_id = applications.id "
                f"AND ({GOT_FURTHER}))) FROM applications WHERE applied_on >= ? GROUP BY field",
                [since.isoformat()],
            ).fetchall()
        ]

    def _read_gaps_by_field(self, since: date) -> tuple[dict[str, list[str]], dict[str, date]]:
        """The gap tags reflections since `since` named, by field key (a tag once per mention), and the day
        each tag was last named. Counted in SQL: ~200 reflections a year on a long journal."""
        gaps: dict[str, list[str]] = {}
        last_named: dict[str, date] = {}
        for field, tag, mentions, last in self.db.execute(
            "SELECT applications.field, tag.value, count(*), max(reflections.\"on\") FROM reflections "
            "JOIN applications ON applications.id = reflections.application_id, json_each(reflections.gaps) AS tag "
            "WHERE reflections.\"on\" >= ? AND reflections.gaps != '[]' GROUP BY applications.field, tag.value",
            [since.isoformat()],
        ).fetchall():
            gaps.setdefault(field_key(field), []).extend([tag] * mentions)
            day = date.fromisoformat(last)
            if day > last_named.get(tag, date.min):
                last_named[tag] = day
        return gaps, last_named

    # Undo support: what a record looks like, and putting records back

    def record_values(self, record: Record, record_id: int) -> tuple[tuple[str, Any], ...]:
        """Every column of one record, for Restore and Reinsert."""
        row = self.db.execute(f"SELECT * FROM {_TABLES[record]} WHERE id = ?", [record_id])
        names = [d[0] for d in row.description]
        values = row.fetchone()
        if values is None:
            raise NotFound(f"There is no {record.value} with id {record_id}.")
        return tuple(zip(names, values))

    def fingerprint(self, scope: Scope) -> tuple:
        """What a scope's records look like now; equal fingerprints mean nobody changed them."""
        if isinstance(scope, SettingScope):
            return (self.setting_text(scope.key),)
        if isinstance(scope, RestDayScope):
            return (self.is_rest_day(scope.day),)
        if isinstance(scope, RecordScope):
            parts = [self._rows(f"SELECT * FROM {_TABLES[scope.record]} WHERE id = ?", scope.id)]
            if scope.record is Record.REFLECTION:
                parts.append(self._rows("SELECT * FROM actions WHERE reflection_id = ? ORDER BY id", scope.id))
            elif scope.record is Record.PERSON:
                parts.append(self._rows("SELECT * FROM actions WHERE person_id = ? ORDER BY id", scope.id))
            return tuple(parts)
        return (
            self._rows("SELECT * FROM applications WHERE id = ?", scope.id),
            self._rows("SELECT * FROM events WHERE application_id = ? ORDER BY id", scope.id),
            self._rows("SELECT * FROM actions WHERE application_id = ? ORDER BY id", scope.id),
            self._rows("SELECT * FROM reflections WHERE application_id = ? ORDER BY id", scope.id),
            self._rows("SELECT * FROM wins WHERE application_id = ? ORDER BY id", scope.id),
        )

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows read by name, built in C (sqlite-utils' dict per row costs seconds on a ten-year journal)."""
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def _rows(self, sql: str, record_id: int) -> tuple:
        cursor = self.db.execute(sql, [record_id])
        # Whether the wall has shown a win yet is not a change to it.
        skip = {i for i, d in enumerate(cursor.description) if d[0] == "seen"}
        return tuple(tuple(v for i, v in enumerate(row) if i not in skip) for row in cursor.fetchall())

    @writes_per_call(lambda steps: _reverted_tables(steps), spares=lambda journal, steps: journal._parts_kept_by(steps))
    def revert(self, steps: Sequence[Step]) -> None:
        """Apply undo steps, newest first; a removed record takes what hangs off it (and its automatic wins)."""
        # How the steps per day move, so an undo counts them in rather than re-reading ten years (None: unknown).
        moved: Counter[date] | None = Counter()
        # How the wall's marks move, likewise (None: unknown, they are read again).
        marks: dict[int, WinMark | None] | None = {}  # a win's new mark, or None for a win gone
        for step in reversed(steps):
            if moved is not None:
                moved = self._steps_moved_by(step, moved)
            if marks is not None:
                marks = self._marks_moved_by(step, marks)
            if isinstance(step, Delete):
                table = _TABLES[step.record]
                going = _wins_going(step.record, step.id)
                if going is not None:
                    self.db.execute(f"DELETE FROM wins WHERE {going[0]}", going[1])
                if step.record in _DRAFTED:
                    # Its id may be given again (to the next reflection written): a draft left under it would
                    # turn up, with another rejection's words, in that one's editor.
                    self.db.execute("DELETE FROM drafts WHERE key = ?", [f"{step.record.value}:{step.id}"])
                self.db.execute(f"DELETE FROM {table} WHERE id = ?", [step.id])
            elif isinstance(step, Restore):
                assignments = ", ".join(f'"{column}" = ?' for column, _ in step.values)
                self.db.execute(
                    f"UPDATE {_TABLES[step.record]} SET {assignments} WHERE id = ?",
                    [value for _, value in step.values] + [step.id],
                )
            elif isinstance(step, Reinsert):
                columns = ", ".join(f'"{column}"' for column, _ in step.values)
                try:
                    self.db.execute(
                        f"INSERT INTO {_TABLES[step.record]} ({columns}) VALUES ({', '.join('?' * len(step.values))})",
                        [value for _, value in step.values],
                    )
                except sqlite3.IntegrityError as error:
                    # SQLite gives a removed record's id to the next one added (by another window or the
                    # command line): it is that record's now, and this one can't come back under it.
                    raise RecordTaken(f"a {step.record.value} it would put back is another record's now") from error
            elif isinstance(step, SetSetting):
                self.put_setting(step.key, step.value)
            elif isinstance(step, SetRestDay):
                self.put_rest_day(step.day, step.rest)
            elif isinstance(step, Unbury):
                self.db.execute("DELETE FROM win_tombstones WHERE cause = ?", [step.cause])
            elif isinstance(step, Bury):
                self.db.execute("INSERT OR IGNORE INTO win_tombstones (cause) VALUES (?)", [step.cause])
            elif isinstance(step, SetDraft):
                if step.value is None:
                    self.db.execute("DELETE FROM drafts WHERE key = ?", [step.key])
                else:
                    self.db.execute(
                        "INSERT INTO drafts (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [step.key, step.value],
                    )
            else:
                raise TypeError(f"Not an undo step: {step!r}")
        if moved is not None:
            self._count_in("step_counts", STEPS, "actions", lambda counts: self._counted_in(counts, moved))
        if marks is not None:  # (none moved, still counted: the wall's marks stay good though wins were touched)
            self._win_marks_moved(gone=marks, add=[mark for mark in marks.values() if mark is not None])

    def _parts_kept_by(self, steps: Sequence[Step]) -> set[str]:
        """The parts of tables (`_PARTS`) that `revert(steps)` leaves as they were: undoing a follow-up, a
        screening or a step keeps the broaden nudge or the meter remembered. Asked before the steps are applied."""
        kept = {part for parts in _PARTS.values() for part in parts}
        for step in steps:
            if isinstance(step, Delete) and step.record in (Record.EVENT, Record.ACTION):
                table = _TABLES[step.record]
                row = self.db.execute(f"SELECT kind FROM {table} WHERE id = ?", [step.id]).fetchone()
                kind = row[0] if row else None
                if step.record is Record.EVENT:
                    kept -= set(_PARTS["events"]) - (_parts_an_outcome_spares(kind) if kind is not None else set())
                if kind == ActionKind.LEARNING or step.record is Record.EVENT and kind is None:
                    kept.discard(LEARNING)
            elif isinstance(step, Restore) and step.record is Record.APPLICATION:
                if {column for column, _ in step.values} & {"field", "applied_on"}:
                    kept.discard(FIELDS)
            elif isinstance(step, Restore) and step.record is Record.EVENT:
                if {column for column, _ in step.values} - {"held", "takes_place_on", "moved_from"}:
                    kept -= {PROGRESS, REJECTIONS}
            elif isinstance(step, (Delete, Restore, Reinsert)):
                # Anything else that may touch these tables (a removed application or reflection takes its
                # outcomes and steps, a person's steps lose their name, a record put back): all of them.
                if step.record is not Record.WIN:
                    kept.clear()
        return kept

    def _marks_moved_by(self, step: Step, marks: dict[int, WinMark | None]) -> dict[int, WinMark | None] | None:
        """`marks` (win id -> its new mark, None when gone) after `step`, worked out before it is applied;
        None when a stored value cannot be read as a mark (the wall reads every win again then)."""
        if isinstance(step, Delete) and step.record is Record.WIN:
            marks[step.id] = None
        elif isinstance(step, Delete) and (going := _wins_going(step.record, step.id)) is not None:
            for row in self.db.execute(f"SELECT id FROM wins WHERE {going[0]}", going[1]).fetchall():
                marks[row[0]] = None
        elif isinstance(step, Reinsert) and step.record is Record.WIN:
            values = dict(step.values)
            try:
                marks[int(values["id"])] = WinMark(int(values["id"]), date.fromisoformat(values["on"]), WinKind(values["kind"]))
            except (KeyError, TypeError, ValueError):
                return None
        elif isinstance(step, Restore) and step.record is Record.WIN:
            row = self.db.execute('SELECT "on", kind FROM wins WHERE id = ?', [step.id]).fetchone()
            if row is not None:  # (a win no longer there is not changed by putting its columns back)
                values = dict(step.values)
                try:
                    marks[step.id] = WinMark(step.id, date.fromisoformat(values.get("on", row[0])), WinKind(values.get("kind", row[1])))
                except (TypeError, ValueError):
                    return None
        return marks

    # Which steps a removal takes with it (ON DELETE CASCADE in the schema: an event's or a reflection's
    # steps, an application's own and those of its events and reflections).
    _STEPS_GOING = {
        Record.ACTION: 'SELECT "on" FROM actions WHERE id = ?',
        Record.EVENT: 'SELECT "on" FROM actions WHERE event_id = ?',
        Record.REFLECTION: 'SELECT "on" FROM actions WHERE reflection_id = ?',
        Record.APPLICATION: (
            'SELECT "on" FROM actions WHERE application_id = :id '
            "OR event_id IN (SELECT id FROM events WHERE application_id = :id) "
            "OR reflection_id IN (SELECT id FROM reflections WHERE application_id = :id)"
        ),
    }

    def _steps_moved_by(self, step: Step, moved: Counter[date]) -> Counter[date] | None:
        """`moved` with what `step` (about to be applied) does to the steps per day; None when not known."""
        if isinstance(step, Delete) and step.record in self._STEPS_GOING:
            sql = self._STEPS_GOING[step.record]
            params: Any = {"id": step.id} if step.record is Record.APPLICATION else [step.id]
            moved.subtract(date.fromisoformat(row[0]) for row in self.db.execute(sql, params).fetchall())
        elif isinstance(step, Reinsert) and step.record is Record.ACTION:
            moved[date.fromisoformat(dict(step.values)["on"])] += 1
        elif isinstance(step, Restore) and step.record is Record.ACTION:
            return None
        return moved

    # Reflections and drafts

    def reflection(self, reflection_id: int) -> Reflection:
        """One reflection; raises NotFound."""
        rows = list(self._query("SELECT * FROM reflections WHERE id = ?", [reflection_id]))
        if not rows:
            raise NotFound(f"There is no reflection with id {reflection_id}.")
        return _reflection(rows[0])

    def reflection_for_application(self, application_id: int) -> Reflection | None:
        """The latest reflection tied to an application, if any."""
        rows = list(self._query(
            'SELECT * FROM reflections WHERE application_id = ? ORDER BY "on" DESC, id DESC LIMIT 1', [application_id]
        ))
        return _reflection(rows[0]) if rows else None

    def draft(self, key: str) -> dict[str, str] | None:
        rows = list(self._query("SELECT value FROM drafts WHERE key = ?", [key]))
        return json.loads(rows[0]["value"]) if rows else None


_CASCADES = {
    # What a removed row takes with it (ON DELETE in the schema; tests/store/test_remembered.py checks this
    # against the journal's foreign keys), and the automatic wins `revert` removes itself.
    "applications": {"events", "actions", "reflections", "wins"},
    "events": {"actions", "wins"},
    "reflections": {"actions", "wins"},
    "actions": {"wins"},  # a learning step's "skill learned" win
    "wins": set(),
    "people": {"actions"},  # ON DELETE SET NULL: the steps stay, no longer naming who they reached
}


def _parts_an_outcome_spares(kind: str) -> set[str]:
    """The parts of `events` that writing or removing an outcome of this kind leaves as they were."""
    spared = set()
    if kind not in PROGRESS_KINDS:
        spared.add(PROGRESS)
    if kind != OutcomeKind.REJECTED:
        spared.add(REJECTIONS)
    return spared


def _reverted_tables(steps: Sequence[Step]) -> set[str]:
    """The tables `revert(steps)` may change."""
    tables: set[str] = set()
    for step in steps:
        if isinstance(step, Delete):
            table = _TABLES[step.record]
            tables |= {table} | _CASCADES[table] | ({"drafts"} if step.record in _DRAFTED else set())
        elif isinstance(step, (Restore, Reinsert)):
            tables.add(_TABLES[step.record])
        elif isinstance(step, SetSetting):
            tables.add("settings")
        elif isinstance(step, SetRestDay):
            tables.add("rest_days")
        elif isinstance(step, (Unbury, Bury)):
            tables.add("win_tombstones")
        elif isinstance(step, SetDraft):
            tables.add("drafts")
        else:
            return {EVERY_TABLE}  # a step this list does not know: forget everything
    return tables


def _removed_tables(record: Record) -> set[str]:
    """The tables removing one record changes."""
    table = _TABLES[record]
    return {table, *_CASCADES[table]}


_DRAFTED = (Record.REFLECTION, Record.APPLICATION)
"""Records an editor keeps drafts for, under "reflection:ID" and "application:ID"."""

_IMPORTED_TABLES = frozenset(
    {"applications", "events", "actions", "reflections", "wins", "win_tombstones", "drafts", "rest_days", "settings", "people"}
)

_TABLES = {
    Record.APPLICATION: "applications",
    Record.EVENT: "events",
    Record.ACTION: "actions",
    Record.WIN: "wins",
    Record.REFLECTION: "reflections",
    Record.PERSON: "people",
}


def _stored(value: Any) -> Any:
    """A plain value as its column holds it: lists and objects (feelings, gaps, a draft, a setting) as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _new_id(cursor: sqlite3.Cursor) -> int:
    if cursor.lastrowid is None:
        raise JournalError("The journal did not return the new record's id; nothing was saved.")
    return cursor.lastrowid


def _action(row: sqlite3.Row) -> ProactiveAction:
    return ProactiveAction(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        kind=ActionKind(row["kind"]),
        note=row["note"],
        application_id=row["application_id"],
        automatic=bool(row["automatic"]),
        reflection_id=row["reflection_id"],
        person_id=row["person_id"],
        gaps=tuple(json.loads(row["gaps"])),
    )


def _hidden_nudges(value: Any) -> tuple[tuple[str, date], ...]:
    """The broaden nudges hidden, by field key, as stored ({"design": "2026-12-01"}); anything else is none."""
    if not isinstance(value, dict):
        return ()
    hidden = []
    for key, day in value.items():
        try:
            hidden.append((str(key), date.fromisoformat(day)))
        except (TypeError, ValueError):
            continue
    return tuple(sorted(hidden))


def _person(row: sqlite3.Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        relation=Relation.named(row["relation"]) or Relation.OTHER,
        note=row["note"],
        last_contacted=_day(row["last_contacted"]),
    )


def _reflection_values(entry: ReflectionEntry) -> dict[str, object]:
    return {
        "mood": entry.mood,
        "feelings": json.dumps(list(entry.feelings), ensure_ascii=False),
        "stage": entry.stage.value if entry.stage else None,
        "went_well": entry.went_well,
        "do_differently": entry.do_differently,
        "gaps": json.dumps(list(entry.gaps), ensure_ascii=False),
        "stumbles": entry.stumbles,
        "next_step": entry.next_step,
        "next_step_on": entry.next_step_on.isoformat() if entry.next_step_on else None,
        "talk_to": entry.talk_to,
        "body": entry.body,
        "feedback": entry.feedback,
    }


def _win(row: sqlite3.Row) -> Win:
    return Win(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        title=row["title"],
        kind=WinKind(row["kind"]),
        application_id=row["application_id"],
        automatic=bool(row["automatic"]),
        note=row["note"],
    )


def _reflection(row: sqlite3.Row) -> Reflection:
    return Reflection(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        mood=row["mood"],
        application_id=row["application_id"],
        feelings=tuple(json.loads(row["feelings"])),
        stage=Stage(row["stage"]) if row["stage"] else None,
        went_well=row["went_well"],
        do_differently=row["do_differently"],
        gaps=tuple(json.loads(row["gaps"])),
        stumbles=row["stumbles"],
        next_step=row["next_step"],
        next_step_on=_day(row["next_step_on"]),
        talk_to=row["talk_to"],
        body=row["body"],
        next_step_done_on=_day(row["next_step_done_on"]),
        feedback=row["feedback"],
    )


def _event(row: sqlite3.Row) -> OutcomeEvent:
    return OutcomeEvent(
        id=row["id"],
        application_id=row["application_id"],
        on=date.fromisoformat(row["on"]),
        kind=OutcomeKind(row["kind"]),
        stage=Stage(row["stage"]) if row["stage"] else None,
        note=row["note"],
        takes_place_on=date.fromisoformat(row["takes_place_on"]) if row["takes_place_on"] else None,
        held=Held(row["held"]) if row["held"] else None,
        moved_from=date.fromisoformat(row["moved_from"]) if row["moved_from"] else None,
        day_unknown=bool(row["day_unknown"]),
    )


def _application(row: sqlite3.Row, events: list[OutcomeEvent]) -> Application:
    return Application(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        applied_on=date.fromisoformat(row["applied_on"]),
        field=row["field"],
        source=row["source"],
        url=row["url"],
        notes=row["notes"],
        follow_up_on=_day(row["follow_up_on"]),
        events=tuple(events),
        # Almost always none: "[]" is not decoded (~3 µs an application, thousands at an imported first paint).
        merged_away=() if row["merged_away"] == "[]" else tuple((company, role, date.fromisoformat(on)) for company, role, on in json.loads(row["merged_away"])),
        settled_through=_day(row["settled_through"]),
    )
