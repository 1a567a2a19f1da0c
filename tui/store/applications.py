"""Provides ApplicationRows: applications and their outcomes (the timeline), read and written."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.domain.models import Application, ApplicationChoice, ApplicationLabel, Held, OutcomeEvent, OutcomeKind, Stage, Status
from tui.domain.text import haystack, query_words
from tui.store.remembered import FIELDS, PROGRESS, REJECTIONS, writes
from tui.store.rows import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    OUTCOME_COLUMNS,
    TO_REFLECT,
    NotFound,
    Rows,
    application_of,
    new_id,
    outcome_of,
    outcomes_of,
)


class ClosedMatches(NamedTuple):
    """What `ApplicationRows.closed` found: ids newest heard from first."""

    closed: list[int]
    closed_total: int
    """Closed ones matching, listed or not."""
    to_reflect: list[int]


if TYPE_CHECKING:
    from tui.domain.broaden import FieldRate
    from tui.domain.entries import ApplicationEntry
    from tui.domain.wins import Sent

PROGRESS_KINDS = frozenset({
    OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND, OutcomeKind.OFFER, OutcomeKind.REJECTED
})
"""The outcomes that say how far an application got (the part PROGRESS of `events`)."""
APPLICATION_COLUMNS = "id, company, role, applied_on, field, source, url, notes, follow_up_on, merged_away, settled_through"
"""The columns `_by_ids_in_order` reads, in Application's order (its timeline aside)."""
_STATUSES = {status.value: status for status in Status}
_APPLIED_THEN_ID = itemgetter(3, 0)
"""Oldest applied first, of rows of APPLICATION_COLUMNS."""
GOT_FURTHER = (
    "kind IN ('screening', 'interview', 'final_round', 'offer') "
    "OR (kind = 'rejected' AND stage IN ('screening', 'interview', 'final_round'))"
)
"""An outcome that shows its application got somewhere (a screening or further, or a rejection after one), in
SQL on `events`: as migration 10's partial index says it, so a query saying the same reads just that index."""


def parts_an_outcome_spares(kind: str) -> set[str]:
    """The parts of `events` that writing or removing an outcome of this kind leaves as they were."""
    spared = set()
    if kind not in PROGRESS_KINDS:
        spared.add(PROGRESS)
    if kind != OutcomeKind.REJECTED:
        spared.add(REJECTIONS)
    return spared


class ApplicationRows(Rows):
    """Applications and their outcomes (the timeline), read and written."""

    def every(self) -> list[Application]:
        """Every application with its timeline, oldest applied first."""
        events: dict[int, list[OutcomeEvent]] = defaultdict(list)
        for row in self._query('SELECT * FROM events ORDER BY "on", id'):
            events[row["application_id"]].append(outcome_of(row))
        return [
            application_of(row, events[row["id"]])
            for row in self._query("SELECT * FROM applications ORDER BY applied_on, id")
        ]

    def get(self, application_id: int) -> Application:
        """One application with its timeline; raises NotFound."""
        rows = list(self._query("SELECT * FROM applications WHERE id = ?", [application_id]))
        if not rows:
            raise NotFound(f"There is no application with id {application_id}.")
        events = [outcome_of(r) for r in self._query('SELECT * FROM events WHERE application_id = ? ORDER BY "on", id', [application_id])]
        return application_of(rows[0], events)

    def inbox(self, today: date, *, to_reflect_limit: int | None = None) -> list[Application]:
        """What the Inbox shows without a filter: open applications, rejections not yet reflected on (the
        `to_reflect_limit` last heard from, when given) and anything applied to or heard from today (closed
        ones are read only when asked for)."""
        to_reflect = f"SELECT id FROM applications WHERE {TO_REFLECT}"
        if to_reflect_limit is not None:
            to_reflect = f"SELECT id FROM ({to_reflect} ORDER BY last_heard_on DESC, id DESC LIMIT {int(to_reflect_limit)})"
        where = (
            f"SELECT id FROM applications WHERE status IN ({OPEN_STATUSES}) "
            f"UNION {to_reflect} "
            "UNION SELECT id FROM applications WHERE applied_on = ? "
            'UNION SELECT application_id FROM events WHERE "on" = ? '
            "UNION SELECT application_id FROM events WHERE said_on = ?"
        )
        params = [today.isoformat(), today.isoformat(), today.isoformat()]
        # Which ones, worked out once (~3 ms on ten years: the rejections to reflect on are a sorted subquery),
        # then their rows and timelines by id, as one JSON list (no limit on how many ids a statement takes).
        ids = json.dumps([row[0] for row in self.db.conn.execute(where, params)])
        return self._by_ids_in_order(ids)

    def _by_ids_in_order(self, ids: str) -> list[Application]:
        """These applications (ids as a JSON list) with their timelines, oldest applied first: read as plain
        tuples and built by position (an imported history's Inbox reads ~1,600 at its first paint: half the
        time of rows read by name)."""
        chosen = "SELECT value FROM json_each(?)"
        events: dict[int, list[OutcomeEvent]] = defaultdict(list)
        timelines = self.db.conn.execute(
            f'SELECT {OUTCOME_COLUMNS} FROM events WHERE application_id IN ({chosen}) ORDER BY "on", id', [ids]
        )
        for event in outcomes_of(timelines):
            events[event.application_id].append(event)
        rows = self.db.conn.execute(
            f"SELECT {APPLICATION_COLUMNS}, status, last_heard_on FROM applications WHERE id IN ({chosen})", [ids]
        ).fetchall()
        rows.sort(key=_APPLIED_THEN_ID)  # by its ISO day and id: a third of what SQLite's sort of whole rows costs
        day, none, statuses = date.fromisoformat, (), _STATUSES
        found = []
        for (
            application_id, company, role, applied_on, field, source, url, notes, follow_up_on, merged_away, settled_through,
            status, last_heard_on,
        ) in rows:
            app = Application(
                application_id, company, role, day(applied_on), field, source, url, notes,
                day(follow_up_on) if follow_up_on else None, tuple(events.get(application_id, none)),
                none if merged_away == "[]" else tuple((c, r, day(on)) for c, r, on in json.loads(merged_away)),
                day(settled_through) if settled_through else None,
            )
            if last_heard_on is not None:
                # The status and last-heard day its timeline gives, as `put_application_summary` stored them
                # (what picked it for the Inbox): known without walking the timeline again
                # (tests/store/test_same_rules_in_sql.py checks they are the timeline's).
                known = app.__dict__
                known["status"], known["last_heard_on"] = statuses[status], day(last_heard_on)
            found.append(app)
        return found

    def listed(self, *, closed_too: bool, field: str = "", status: str = "") -> list[Application]:
        """What `onward list` shows: open applications (with `closed_too`, all), of one field and one status
        (both matched case-insensitively) when given, by id."""
        where = ["1"] if closed_too else [f"status IN ({OPEN_STATUSES})"]
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

    def active_between(self, since: date, until: date) -> list[Application]:
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

    def count(self) -> int:
        """How many applications the journal holds."""
        return int(self.db.execute("SELECT count(*) FROM applications").fetchone()[0])

    def to_reflect_count(self) -> int:
        """How many rejections have no reflection yet."""
        # `+status` keeps SQLite off the status index: whether one is settled history is in the row itself, and
        # one pass over the table costs less than a lookup per rejection (5,500 of an imported history: 1.4 ms
        # against 0.6; ten years' 3,900: 2.0 against 1.6).
        where = TO_REFLECT.replace("status", "+status", 1)
        return int(self.db.execute(f"SELECT count(*) FROM applications WHERE {where}").fetchone()[0])

    def closed(self, *, matching: str = "", limit: int, to_reflect_too: bool = False) -> ClosedMatches:
        """Closed applications (not open, and not a rejection still waiting for its reflection) whose company,
        role or field holds every word of `matching`: the ids of the `limit` last heard from, newest first, and
        how many match in all; with `to_reflect_too`, also the ids of the `limit` newest such rejections still
        waiting for their reflection (not counted). Matched in SQL so a filter key never reads ten years: one
        walk newest first for both, stopped once both are full, and a count only when it stopped early."""
        words = query_words(matching)
        # `search` holds haystack(company, role, field).
        where = f"+status IN ({CLOSED_STATUSES})" + "".join(" AND instr(search, ?) > 0" for _ in words)
        # `+status` keeps SQLite off the status index, so it walks applications_by_last_heard newest first (sorting
        # every closed one of ten years cost ~15 ms a key) and its count reads the table once (2 ms, not 3.5).
        walk = self.db.conn.execute(
            f"SELECT id, {TO_REFLECT} FROM applications WHERE {where} ORDER BY last_heard_on DESC, id DESC", words
        )
        closed: list[int] = []
        waiting: list[int] = []
        wanted = limit if to_reflect_too else 0
        ended = False
        try:
            while len(closed) < limit or len(waiting) < wanted:
                rows = walk.fetchmany(limit)
                if not rows:
                    ended = True
                    break
                for application_id, waits in rows:
                    (waiting if waits else closed).append(application_id)
        finally:
            walk.close()
        if ended:
            total = len(closed)
        else:
            counted = f"SELECT count(*) FROM applications WHERE {where} AND NOT ({TO_REFLECT})"
            total = int(self.db.conn.execute(counted, words).fetchone()[0])
        return ClosedMatches(closed[:limit], total, waiting[:wanted])

    def listed_by_id(self, ids: Sequence[int]) -> list[Application]:
        """These applications with their timelines, as the Inbox lists them (the status and last-heard day as
        stored), read as plain tuples: a filter key reads hundreds of closed ones."""
        return self._by_ids_in_order(json.dumps(list(ids))) if ids else []

    def by_id(self, ids: Iterable[int]) -> list[Application]:
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
        return [outcome_of(row) for row in rows]

    @writes("applications", spares=[FIELDS])
    def put_application_summary(self, application_id: int) -> None:
        """Store the status and last-heard day the application's timeline gives, and the text a filter
        searches (what the Inbox reads and filters on)."""
        for app in self.by_id([application_id]):
            self.db.execute(
                "UPDATE applications SET status = ?, last_heard_on = ?, search = ? WHERE id = ?",
                [app.status.value, app.last_heard_on.isoformat(), haystack(app.company, app.role, app.field), application_id],
            )

    def choices(self, today: date, *, including: Iterable[int] = (), days: int = 180, limit: int = 300) -> list[ApplicationChoice]:
        """What a form offers to tie a win to: open applications and those applied to or heard from in the
        last `days`, newest applied first, at most `limit`; and `including` (one already tied) whatever its
        age. Ten years hold 10,000 applications, which no picker can show usefully (or quickly)."""
        since = (today - timedelta(days=days)).isoformat()
        rows = self.db.conn.execute(
            f"SELECT id, company, role, applied_on FROM applications WHERE status IN ({OPEN_STATUSES}) "
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

    def kinds_of(self, event_ids: Iterable[int | None]) -> dict[int, OutcomeKind]:
        """The kind of each of these outcomes, by id (None, a step tied to no outcome, is left out)."""
        wanted = sorted({i for i in event_ids if i is not None})
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return {row["id"]: OutcomeKind(row["kind"]) for row in self._query(f"SELECT id, kind FROM events WHERE id IN ({marks})", wanted)}

    def companies_of(self, application_ids: Iterable[int]) -> dict[int, str]:
        """The company of each of these applications, by id."""
        wanted = sorted(set(application_ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return {row["id"]: row["company"] for row in self._query(f"SELECT id, company FROM applications WHERE id IN ({marks})", wanted)}

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
    def settle(self, application_id: int, through: date | None) -> None:
        """Mark an imported application as history, as of the last day heard from it (tui.domain.inbox.is_settled),
        or, with None, not settled."""
        self.db.execute(
            "UPDATE applications SET settled_through = ? WHERE id = ?", [through.isoformat() if through else None, application_id]
        )

    @writes("applications", spares=[FIELDS])
    def set_follow_up_on(self, application_id: int, day: date | None) -> None:
        """Set (or clear, with None) the day the application's next follow-up is due."""
        self.db.execute("UPDATE applications SET follow_up_on = ? WHERE id = ?", [day.isoformat() if day else None, application_id])

    @writes("events", spares=[PROGRESS, REJECTIONS])
    def set_event_held(self, event_id: int, held: Held, takes_place_on: date, said_on: date | None) -> None:
        """Record what became of a screening or interview given a day, and the day that was said."""
        self.db.execute(
            "UPDATE events SET held = ?, takes_place_on = ?, said_on = ? WHERE id = ?",
            [held.value, takes_place_on.isoformat(), said_on.isoformat() if said_on else None, event_id],
        )

    @writes("events", spares=[PROGRESS, REJECTIONS])
    def move_event(self, event_id: int, takes_place_on: date, moved_from: date) -> None:
        """Record the day a planned screening or interview moved to, and the day it was on before."""
        self.db.execute(
            "UPDATE events SET takes_place_on = ?, moved_from = ? WHERE id = ?",
            [takes_place_on.isoformat(), moved_from.isoformat(), event_id],
        )

    @writes("applications")
    def insert_application(self, entry: ApplicationEntry) -> int:
        cursor = self.db.execute(
            "INSERT INTO applications (company, role, field, source, url, notes, applied_on, search) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes, entry.applied_on.isoformat(),
             haystack(entry.company, entry.role, entry.field)],
        )
        return new_id(cursor)

    @writes("applications")
    def update_application_row(self, application_id: int, entry: ApplicationEntry) -> None:
        self.db.execute(
            "UPDATE applications SET company = ?, role = ?, field = ?, source = ?, url = ?, notes = ?, applied_on = ?, "
            "search = ? WHERE id = ?",
            [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes,
             entry.applied_on.isoformat(), haystack(entry.company, entry.role, entry.field), application_id],
        )

    @writes("events", spares=lambda rows, application_id, on, kind, *rest, **named: parts_an_outcome_spares(kind))
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
        return new_id(cursor)

    def follow_ups_on(self, application_id: int, day: date) -> int:
        """How many follow-ups the application has on `day`."""
        row = self.db.execute(
            'SELECT count(*) FROM events WHERE application_id = ? AND "on" = ? AND kind = ?',
            [application_id, day.isoformat(), OutcomeKind.FOLLOWED_UP.value],
        ).fetchone()
        return int(row[0])

    def event(self, event_id: int) -> OutcomeEvent:
        """One outcome; raises NotFound."""
        rows = self._query("SELECT * FROM events WHERE id = ?", [event_id])
        if not rows:
            raise NotFound(f"There is no outcome with id {event_id}.")
        return outcome_of(rows[0])

    def applied_between(self, since: date, until: date) -> list[ApplicationChoice]:
        """Applications applied to from `since` to `until` (both included), without timelines: where a
        duplicate of a new one would be."""
        rows = self.db.execute(
            "SELECT id, company, role, applied_on FROM applications WHERE applied_on BETWEEN ? AND ? ORDER BY applied_on, id",
            [since.isoformat(), until.isoformat()],
        ).fetchall()
        return [ApplicationChoice(row[0], row[1], row[2], date.fromisoformat(row[3])) for row in rows]

    @writes("events")
    def update_event_row(
        self, event_id: int, on: date, stage: Stage | None, note: str, *, takes_place_on: date | None = None,
    ) -> None:
        """Set an outcome's logged day, stage and note, and the day it takes place when one is given."""
        self.db.execute(
            'UPDATE events SET "on" = ?, stage = ?, note = ?, takes_place_on = coalesce(?, takes_place_on) WHERE id = ?',
            [on.isoformat(), stage.value if stage else None, note, takes_place_on.isoformat() if takes_place_on else None, event_id],
        )

    def rejection_dates(self) -> list[date | None]:
        """The day of every rejection logged, oldest first; None for one an import gave no day of its own (its
        stored day only stands in: the bounce-back leaves it out)."""
        def read() -> list[date | None]:
            rows = self._query('SELECT "on", day_unknown FROM events WHERE kind = ? ORDER BY "on"', [OutcomeKind.REJECTED.value])
            return [None if row["day_unknown"] else date.fromisoformat(row["on"]) for row in rows]

        return list(self.remembered.remember("rejection_dates", read))

    def first_applications(self, count: int) -> list[Sent]:
        """The first `count` applications sent, for the application-count milestones (remembered: every
        outcome's undo asks, and only an application added, removed or sent on another day changes them)."""

        from tui.domain.wins import Sent  # the wins' rules load only for a write that posts them, never for `onward list`

        def read() -> list[Sent]:
            rows = self.db.execute("SELECT id, applied_on FROM applications ORDER BY applied_on, id LIMIT ?", [count])
            return [Sent(row[0], date.fromisoformat(row[1])) for row in rows.fetchall()]

        return list(self.remembered.remember("first_applications", read, arg=count))

    @writes("events", "actions", "reflections", "wins")
    def move_to_application(self, from_id: int, to_id: int) -> None:
        """Tie every outcome, step, reflection and win of one application to another (a merge)."""
        for table in ("events", "actions", "reflections", "wins"):
            self.db.execute(f"UPDATE {table} SET application_id = ? WHERE application_id = ?", [to_id, from_id])

    def _with_events(self, rows: list[sqlite3.Row], where: str, params: Sequence[Any]) -> list[Application]:
        events: dict[int, list[OutcomeEvent]] = defaultdict(list)
        timelines = self.db.conn.execute(
            f'SELECT {OUTCOME_COLUMNS} FROM events WHERE application_id IN ({where}) ORDER BY "on", id', params
        )
        for event in outcomes_of(timelines):
            events[event.application_id].append(event)
        return [application_of(row, events[row["id"]]) for row in rows]

    def field_rates(self, since: date) -> list[FieldRate]:
        """Each field's applications since `since` and how many got a screening or further (remembered until
        an outcome that says how far one got, or a field or applied day, changes)."""

        from tui.domain.broaden import FieldRate  # the broaden nudge's rules load only when it is worked out

        def read() -> list[FieldRate]:
            return [
                FieldRate(field, applied, got_further)
                for field, applied, got_further in self.db.execute(
                    "SELECT field, count(*), sum(EXISTS (SELECT 1 FROM events WHERE events.application_id = applications.id "
                    f"AND ({GOT_FURTHER}))) FROM applications WHERE applied_on >= ? GROUP BY field",
                    [since.isoformat()],
                ).fetchall()
            ]

        with self._guarded():
            return list(self.remembered.remember("field_rates", read, arg=since))

    def rejections_since(self, since: date) -> list[tuple[str, date]]:
        """(field, day) of every rejection logged since `since`."""
        with self._guarded():
            return [
                (field, date.fromisoformat(on))
                for field, on in self.db.execute(
                    'SELECT applications.field, events."on" FROM events JOIN applications ON applications.id = events.application_id '
                    'WHERE events."on" >= ? AND events.kind = ?',
                    [since.isoformat(), OutcomeKind.REJECTED.value],
                ).fetchall()
            ]

    @writes("applications", spares=[FIELDS])
    def put_application_summaries(self, applications: Sequence[Application]) -> None:
        """`put_application_summary` for each of these applications, read with their timelines already:
        the status and last-heard day the timeline gives, and the text a filter searches."""
        self.db.conn.executemany(
            "UPDATE applications SET status = ?, last_heard_on = ?, search = ? WHERE id = ?",
            [
                (app.status.value, app.last_heard_on.isoformat(), haystack(app.company, app.role, app.field), app.id)
                for app in applications
            ],
        )
