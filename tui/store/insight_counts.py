"""Provides InsightRows: what Insights counts, said in SQL and kept up to date per write."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from tui.domain.insights import (
    ANSWER_KINDS, LEVEL_OF_KIND, LEVEL_OF_STAGE, WEEKS_SHOWN, DaysTally, FieldTally, Insights, InsightTotals, RateTally, Tallies,
)
from tui.domain.models import Held, OutcomeKind, Stage, Status
from tui.store.remembered import READS
from tui.store.rows import OPEN_STATUSES, Rows


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in sorted(values))


def _sql_case(column: str, levels: Mapping[Any, int]) -> str:
    whens = " ".join(f"WHEN '{key.value}' THEN {level}" for key, level in levels.items())
    return f"CASE {column} {whens} ELSE 0 END"


_STATUS_KINDS = _sql_list(kind.value for kind in OutcomeKind if kind.status is not None)
_ANSWER_KINDS = _sql_list(kind.value for kind in ANSWER_KINDS)
_OPEN = f"coalesce(substr({{latest}}, 23, instr(substr({{latest}}, 23), ':') - 1), '{Status.APPLIED.value}') IN ({OPEN_STATUSES})"
"""Whether the latest outcome that sets the status (`latest`, as text: see below) leaves the application open."""
_NEVER_HELD = (
    f"held = '{Held.CANCELLED.value}' OR (held = '{Held.PLANNED.value}' AND closed_on < coalesce(takes_place_on, \"on\"))"
)
"""tui.domain.models.OutcomeEvent.never_held in SQL: cancelled, or called off by its application closing
(`closed_on`, the day of its closing outcome) before its day while planned."""
_INSIGHT_FACTS = f"""
WITH latest AS MATERIALIZED (
    SELECT application_id AS app_id,
        max(CASE WHEN kind IN ({_STATUS_KINDS}) THEN "on" || printf('%012d', id) || kind || ':' || coalesce(stage, '') END) AS latest
    FROM events WHERE {{events}} GROUP BY application_id
), closing AS MATERIALIZED (
    SELECT app_id, latest,
        CASE WHEN {_OPEN.format(latest="latest")} THEN NULL ELSE substr(latest, 1, 10) END AS closed_on
    FROM latest
), timelines AS MATERIALIZED (
    SELECT application_id,
        max(max(CASE WHEN {_NEVER_HELD} THEN 1 ELSE {_sql_case("kind", LEVEL_OF_KIND)} END,
            CASE WHEN kind = '{OutcomeKind.REJECTED.value}' THEN {_sql_case("stage", LEVEL_OF_STAGE)} ELSE 0 END)) AS level,
        max(kind IN ({_ANSWER_KINDS})) AS answered,
        min(CASE WHEN kind IN ({_ANSWER_KINDS}) THEN "on" || printf('%012d', id) || day_unknown END) AS first_answer,
        max(latest) AS latest
    FROM events JOIN closing ON app_id = application_id WHERE {{events}} GROUP BY application_id
), facts AS (
    SELECT a.id, a.field, a.source, a.applied_on, a.applied_on || ' ' || printf('%012d', a.id) AS first,
        coalesce(t.level, 0) AS level, coalesce(t.answered, 0) AS answered,
        CASE WHEN substr(t.first_answer, 23) = '0'
            THEN CAST(julianday(substr(t.first_answer, 1, 10)) - julianday(a.applied_on) AS INTEGER) END AS days,
        {_OPEN.format(latest="t.latest")} AS open,
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
        self.applied_days: Counter[str] = Counter()
        """Applications per applied day (as stored: an ISO date)."""
        self.totals: InsightTotals | None = None
        """The figures as running totals (made from the counts on first use), changed per fact from then on."""

    def update(self, rows: Iterable[sqlite3.Row], changed: Iterable[int]) -> None:
        """Count `rows` (each application's facts now) instead of what `changed` and they counted before
        (an application in `changed` but not in `rows` is gone)."""
        recount: set[tuple[str, str]] = set()
        for app_id in changed:
            old = self.facts.pop(app_id, None)
            if old is not None:
                self._count(old, -1)
                # Only when it was the first of its field or source can the first one have gone (walking every
                # application of ten years for each write's field cost ~1 ms a rejection).
                if self.first_field.get(old[0]) == old[2]:
                    recount.add(("field", old[0]))
                if self.first_source.get(old[1]) == old[2]:
                    recount.add(("source", old[1]))
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
        self.applied_days[first[:10]] += sign  # `first` is the applied day, then the id
        if self.totals is not None:
            _total(self.totals, field, level, answered, is_open, stage, days, source, weekday, sign)
        if sign > 0:
            self.first_field[field] = min(self.first_field.get(field, first), first)
            self.first_source[source] = min(self.first_source.get(source, first), first)

    def tallies(self, applied_recently: Mapping[date, int]) -> Tallies:
        # Sorted, so the same journal gives the same tallies however its counts were brought up to date.
        return Tallies(
            fields=tuple(
                FieldTally(field, self.first_field[field], level, bool(answered), bool(is_open),
                           Stage(stage) if stage else None, stage is not None, count)
                for (field, level, answered, is_open, stage), count in sorted(self.fields.items(), key=_tally_order) if count
            ),
            days=tuple(DaysTally(field, days, count) for (field, days), count in sorted(self.days.items()) if count),
            rates=tuple(
                RateTally(source, self.first_source[source], weekday, bool(answered), count)
                for (source, weekday, answered), count in sorted(self.rates.items()) if count
            ),
            applied_recently=applied_recently,
        )


    def insights(self, applied_recently: Mapping[date, int], steps: Mapping[date, int], weekly_target: int, today: date) -> Insights:
        """The figures: from running totals changed per fact, so after a write they cost what its
        applications' facts do, not what the journal's tallies do."""
        if self.totals is None:
            self.totals = InsightTotals()
            for (field, level, answered, is_open, stage), count in self.fields.items():
                _total(self.totals, field, level, answered, is_open, stage, None, None, None, count)
            for (field, days), count in self.days.items():
                if count:
                    self.totals.add_days(field, days, count)
            for (source, weekday, answered), count in self.rates.items():
                if count:
                    self.totals.add_rate(source, weekday, bool(answered), count)
        return self.totals.insights(self.first_field, self.first_source, applied_recently, steps, weekly_target, today)


def _total(
    totals: InsightTotals, field: str, level: int, answered: int, is_open: int, stage: str | None, days: int | None,
    source: str | None, weekday: int | None, count: int,
) -> None:
    """Add `count` applications with these facts (as `_INSIGHT_FACT_ROWS` gives them) to `totals`: only what
    is given (the counts give the field's facts, the days and the sources apart)."""
    if count:
        totals.add_field(field, level, bool(answered), bool(is_open), Stage(stage) if stage else None, stage is not None, count)
        if days is not None:
            totals.add_days(field, days, count)
        if source is not None and weekday is not None:
            totals.add_rate(source, weekday, bool(answered), count)


def _tally_order(item: tuple[tuple, int]) -> tuple:
    (field, level, answered, is_open, stage), _ = item
    return (field, level, answered, is_open, stage or "")




def _applied_recently(counts: _InsightCounts, today: date) -> Mapping[date, int]:
    """Applications per applied day over the weeks the chart shows, from the counts (no query of its own)."""
    return {day: count for day, stored in _chart_days(today) if (count := counts.applied_days.get(stored, 0))}


@lru_cache(maxsize=2)
def _chart_days(today: date) -> tuple[tuple[date, str], ...]:
    """The days the chart of the last weeks shows up to `today`, each with its date as stored."""
    since = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
    days = (since + timedelta(days=n) for n in range((today - since).days + 1))
    return tuple((day, day.isoformat()) for day in days)


class InsightRows(Rows):
    """What Insights counts, said in SQL and kept up to date per write."""

    def __init__(self, journal: Any) -> None:
        super().__init__(journal)
        self._counts: tuple[tuple, _InsightCounts] | None = None
        """Insights' counts and the stamp of `applications` and `events` they were brought up to date at."""
        self._watch: bool | None = None

    def tallies(self, today: date) -> Tallies:
        """What Insights counts: each application's facts said in SQL (one pass over the outcomes), counted
        per field and stage, per field and days to a first answer, per source and weekday: small rows however
        long the journal. After this connection's own writes only the applications they changed are read
        again (`_WATCH_INSIGHTS`); after another connection's commit or a rollback, all. The SQL says the
        domain's rules (tui.domain.insights: answers, funnel levels, open statuses) from its own tables;
        tests/store/test_insight_tallies.py ties it to `tallies` on random journals, after writes too."""
        counts = self._counted()
        return counts.tallies(_applied_recently(counts, today))

    def insights(self, today: date, steps: Mapping[date, int], weekly_target: int) -> Insights:
        """Insights' figures, as `insights_from(self.tallies(today), …)` gives them, from running totals that
        each write changes by what it changed (tui.domain.insights.InsightTotals): after logging a rejection
        ten years cost what ten applications do (the tallies are as many as the journal has fields, sources
        and days to an answer). tests/store/test_insight_tallies.py checks both give the same after writes."""
        counts = self._counted()
        return counts.insights(_applied_recently(counts, today), steps, weekly_target, today)

    def _counted(self) -> _InsightCounts:
        """The counts brought up to date: only the applications this connection's writes changed are read
        again (`_WATCH_INSIGHTS`); after another connection's commit or a rollback, all."""
        stamp = self.remembered.stamp(READS["insight_counts"])
        held = self._counts
        if held is None or held[0] != stamp:
            counts = held[1] if held is not None and held[0][:2] == stamp[:2] and self._watching() else None
            if counts is None:
                counts = _InsightCounts()
                self._watching()
                self._forget_changes()
                counts.update(self._query(_INSIGHT_EVERY + _INSIGHT_FACT_ROWS), ())
            else:
                changed = [row[0] for row in self.db.conn.execute("SELECT id FROM temp.insight_changed")]
                if changed:
                    counts.update(self._query(_INSIGHT_CHANGED + _INSIGHT_FACT_ROWS), changed)
                    self._forget_changes()
            held = self._counts = (stamp, counts)
        return held[1]

    def _watching(self) -> bool:
        """Whether this connection's writes note the applications they change (set up on first use)."""
        if self._watch is None:
            try:
                for statement in _WATCH_INSIGHTS:
                    self.db.conn.execute(statement)
                self._watch = True
            except sqlite3.Error:
                self._watch = False  # counted whole after each write instead
        return self._watch

    def _forget_changes(self) -> None:
        """Empty the note of changed applications (a temporary table of this connection: not a journal write)."""
        if self._watch:
            self.db.execute(_FORGET_INSIGHT_CHANGES)
