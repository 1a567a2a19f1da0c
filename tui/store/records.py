"""Provides RecordRows: whole records as plain values, for exports, imports and removals."""

from __future__ import annotations

import json
import re
from datetime import date
from operator import itemgetter
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tui.domain.models import Record
from tui.domain.text import haystack, matching_key
from tui.store.remembered import writes, writes_per_call
from tui.store.rows import TABLES, Rows, outcomes_of

if TYPE_CHECKING:
    from tui.domain.models import Application, Reflection
    from tui.domain.onward_json import ApplicationRecord, CheckedRecord, EventRecord, ReflectionRecord

CASCADES = {
    # What a removed row takes with it (ON DELETE in the schema; tests/store/test_remembered.py checks this
    # against the journal's foreign keys), and the automatic wins `Undoing.revert` removes itself.
    "applications": {"events", "actions", "reflections", "wins"},
    "events": {"actions", "wins"},
    "reflections": {"actions", "wins"},
    "actions": {"wins"},  # a learning step's "skill learned" win
    "wins": set(),
    "people": {"actions"},  # ON DELETE SET NULL: the steps stay, no longer naming who they reached
}

_json = json.JSONEncoder(ensure_ascii=False).encode

_IMPORTED_TABLES = frozenset(
    {"applications", "events", "actions", "reflections", "wins", "win_tombstones", "drafts", "rest_days", "settings", "people"}
)


_STAMPED = {
    "applications": "created_at", "events": "created_at", "actions": "created_at", "wins": "created_at",
    "people": "created_at", "reflections": "updated_at", "drafts": "updated_at",
}
"""The column each imported table keeps the moment a row was written in, by default `_NOW` (the schema's)."""
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")

FILLED_IN = {
    "events": ("stage", "note", "takes_place_on", "held", "moved_from"),
    "reflections": (
        "mood", "feelings", "stage", "went_well", "do_differently", "gaps", "stumbles", "next_step", "next_step_on", "talk_to",
        "body", "feedback",
    ),
    "actions": ("note",),
    "wins": ("title", "note"),
}
"""The fields of an outcome, a reflection, a step or a win held that an import compares with the file's (and
fills in when the journal left them empty)."""
_LISTS = frozenset({"feelings", "gaps"})
"""Of those, the lists the journal keeps as JSON text."""

_LOADED_WITH_IDS = ("applications", "events", "actions", "reflections", "wins", "people")


class RecordsAsApplications:
    """The applications an import's records are once written (an import into an empty journal settles ten
    years from them, not read back): their status, last day heard from and search text, stored as they are
    written; and the applications of some ids as `ApplicationRows.by_id` would read them back, made a batch
    at a time (ten years of them made at once would hold ~12 MiB)."""

    def __init__(
        self, applications: Sequence[ApplicationRecord], events: Sequence[EventRecord], reflections: Sequence[ReflectionRecord] = ()
    ) -> None:
        from tui.domain.onward_json import column_of, ids_of

        self.reflection_records = reflections
        self.event_records = events
        # Read by position without a call of Python per record (a record reads a column by name in Python).
        self.records = dict(zip(ids_of(applications), applications))
        self.timelines: defaultdict[int, list[EventRecord]] = defaultdict(list)
        """Each application's outcomes, oldest first (by day, then id)."""
        # The outcomes' places sorted by id, then by day (a stable sort: by id within a day), each a list of
        # whole numbers: no tuple made per outcome to sort by (ten years: ~19,000 held at once).
        order = sorted(range(len(events)), key=ids_of(events).__getitem__)
        order.sort(key=column_of(events, "on").__getitem__)
        application_ids = column_of(events, "application_id")
        for at in order:
            self.timelines[application_ids[at]].append(events[at])

    def summaries(self, applications: Sequence[ApplicationRecord]) -> dict[str, list[str]]:
        """For each of these records, in order: the status, last day heard from and search text
        `ApplicationRows.put_application_summaries` would store for it, by column."""
        from tui.domain.models import last_heard, status_after
        from tui.store.rows import _OUTCOME_KINDS as OUTCOME_KINDS

        no_outcome = status_after([]).value

        statuses, days, search = [], [], []
        timelines = self.timelines
        for app_id, company, role, field, *_, applied_on, _, _, _ in applications:
            timeline = timelines.get(app_id)
            if timeline is None:
                statuses.append(no_outcome)
                days.append(applied_on)
            else:
                # Each outcome's values in EventRecord.COLUMNS' order (unpacked: a record reads one by name in Python).
                kinds, held, heard = [], [], []
                for _, _, on, kind, _, _, _, was_held, _, _, _ in timeline:
                    kinds.append(OUTCOME_KINDS[kind])
                    held.append(was_held)
                    heard.append(on)
                statuses.append(status_after(kinds, held).value)
                days.append(last_heard(applied_on, heard))
            search.append(haystack(company, role, field))
        return {"status": statuses, "last_heard_on": days, "search": search}

    def with_outcomes(self, kinds: Iterable[str]) -> set[int]:
        """The applications with an outcome of one of these kinds."""
        from tui.domain.onward_json import column_of

        wanted = frozenset(kinds)
        events = self.event_records
        return {app_id for app_id, kind in zip(column_of(events, "application_id"), column_of(events, "kind")) if kind in wanted}

    def reflections_by_application(self) -> dict[int, list[Reflection]]:
        """The reflections tied to an application, by application, by id (as `ReflectionRows.every` reads them)."""
        from tui.domain.models import Reflection
        from tui.store.rows import _STAGES

        day = date.fromisoformat
        tied: dict[int, list[Reflection]] = {}
        for (
            reflection_id, application_id, on, mood, feelings, stage, went_well, do_differently, gaps, stumbles, next_step,
            next_step_on, talk_to, body, done_on, feedback,
        ) in sorted(self.reflection_records):  # by id (ids are unique: no two are compared further)
            if application_id is not None:
                tied.setdefault(application_id, []).append(Reflection(
                    reflection_id, day(on), mood, application_id, tuple(feelings), _STAGES[stage] if stage else None,
                    went_well, do_differently, tuple(gaps), stumbles, next_step, day(next_step_on) if next_step_on else None,
                    talk_to, body, day(done_on) if done_on else None, feedback,
                ))
        return tied

    def by_id(self, ids: Iterable[int]) -> list[Application]:
        from tui.domain.models import Application

        day = date.fromisoformat
        made = []
        for app_id in sorted(set(ids)):
            record = self.records.get(app_id)
            if record is None:
                continue
            _, company, role, field, source, url, notes, applied_on, follow_up_on, merged_away, settled_through = record
            made.append(Application(
                app_id, company, role, day(applied_on), field, source, url, notes, day(follow_up_on) if follow_up_on else None,
                # An outcome's record holds OUTCOME_COLUMNS in their order (tests/actions/test_import_bulk.py checks it).
                tuple(outcomes_of(self.timelines.get(app_id, ()))),
                tuple((c, r, day(on)) for c, r, on in merged_away) if merged_away else (),
                day(settled_through) if settled_through else None,
            ))
        return made


def removed_tables(record: Record) -> set[str]:
    """The tables removing one record changes."""
    table = TABLES[record]
    return {table, *CASCADES[table]}


class RecordRows(Rows):
    """Whole records as plain values, for exports, imports and removals."""

    def application_records(self) -> Iterator[dict[str, Any]]:
        """Every application as plain values for an export, oldest applied first, each with its timeline;
        read row by row without building the domain's objects (ten years export in well under a second)."""
        events: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
        for (
            event_id, application_id, on, kind, stage, note, takes_place_on, held, moved_from, day_unknown, said_on, created_at,
        ) in self.db.conn.execute(
            'SELECT id, application_id, "on", kind, stage, note, takes_place_on, held, moved_from, day_unknown, said_on, '
            'created_at FROM events ORDER BY "on", id'
        ):
            event = {"id": event_id, "on": on, "kind": kind, "stage": stage, "note": note}
            if held is not None:  # only outcomes given a day carry these (the file stays as it was for the rest)
                event |= {"takes_place_on": takes_place_on, "held": held}
            if moved_from is not None:
                event["moved_from"] = moved_from
            if said_on is not None:
                event["said_on"] = said_on
            if day_unknown:  # likewise only an imported status
                event["day_unknown"] = True
            # When it was first written, the same in every copy of the journal: an import tells a record two
            # copies share from two each wrote after they parted under the same id (tui.actions.imports).
            event["created_at"] = created_at
            events[application_id].append(event)
        columns = "id, company, role, field, source, url, applied_on, follow_up_on, status, notes"
        names = [name.strip() for name in columns.split(",")]
        for row in self.db.conn.execute(
            f"SELECT {columns}, merged_away, settled_through, created_at FROM applications ORDER BY applied_on, id"
        ):
            record = dict(zip(names, row[:-3]))
            # Only where there is something: the file of a journal without merges or imports stays as it was.
            if row[-3] != "[]":
                record["merged_away"] = json.loads(row[-3])
            if row[-2] is not None:
                record["settled_through"] = row[-2]
            record["created_at"] = row[-1]
            record["events"] = events.pop(record["id"], [])
            yield record

    def action_records(self) -> Iterator[dict[str, Any]]:
        """Every proactive action as plain values for an export, oldest first, read row by row, with what it
        belongs to (an application, the outcome or reflection that logged it) and whether Onward logged it;
        the person a support step reached and the gaps a learning step works on only where there are some."""
        for action_id, on, kind, note, application_id, event_id, reflection_id, automatic, person_id, gaps, created_at in self.db.conn.execute(
            'SELECT id, "on", kind, note, application_id, event_id, reflection_id, automatic, person_id, gaps, created_at '
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
            record["created_at"] = created_at
            yield record

    def people_records(self) -> list[dict[str, Any]]:
        """Everyone in the support circle as plain values for an export, by id (the day each was last
        contacted is not stored: it is read from the steps that reached them)."""
        return [
            {"id": person_id, "name": name, "relation": relation, "note": note, "created_at": created_at}
            for person_id, name, relation, note, created_at in self.db.conn.execute(
                "SELECT id, name, relation, note, created_at FROM people ORDER BY id"
            )
        ]

    def win_records(self) -> Iterator[dict[str, Any]]:
        """Every win as plain values for an export, newest first, with an automatic win's cause (what posted
        it, so a reload never posts it twice) and whether it was seen on the wall."""
        for win_id, on, title, kind, note, application_id, automatic, cause, seen, created_at in self.db.conn.execute(
            'SELECT id, "on", title, kind, note, application_id, automatic, cause, seen, created_at FROM wins ORDER BY "on" DESC, id DESC'
        ):
            yield {
                "id": win_id, "on": on, "title": title, "kind": kind, "application_id": application_id,
                "automatic": bool(automatic), "note": note, "cause": cause, "seen": bool(seen), "created_at": created_at,
            }

    def removed_win_causes(self) -> list[str]:
        """The causes of automatic wins the user removed (never posted again), sorted."""
        return [row[0] for row in self.db.conn.execute("SELECT cause FROM win_tombstones ORDER BY cause")]

    def draft_records(self) -> dict[str, Any]:
        """Every draft an editor keeps (text that could not be saved yet), by its key."""
        return {key: json.loads(value) for key, value in self.db.conn.execute("SELECT key, value FROM drafts ORDER BY key")}

    def made_at(self, table: str, ids: Sequence[int]) -> dict[int, str]:
        """When each of these applications, outcomes, steps, wins or people the journal holds was first written
        (`created_at`), by id: the same in every copy of the journal, edits or not."""
        if table not in _STAMPED or _STAMPED[table] != "created_at":
            raise ValueError(f"{table} keeps no moment its records were first written")
        return {
            row[0]: row[1]
            for start in range(0, len(ids), 500)
            for row in self.db.conn.execute(
                f"SELECT id, created_at FROM {table} WHERE id IN ({', '.join('?' * len(ids[start:start + 500]))})",
                list(ids[start:start + 500]),
            )
        }

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

    def application_fields(self) -> dict[int, tuple[Any, ...]]:
        """Each application's own fields, by id, as an import compares them with a file's: company, role, field,
        source, url, notes, follow-up day and applied day (days as ISO text)."""
        return {
            row[0]: row[1:]
            for row in self.db.conn.execute(
                "SELECT id, company, role, field, source, url, notes, follow_up_on, applied_on FROM applications"
            )
        }

    def fields_by_id(self, table: str, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """These outcomes', reflections', steps' or wins' fields an import compares with a file's, by id, for those
        the journal holds (`FILLED_IN`'s columns of each, after what says which it is: what it is tied to, its
        day, and its kind; a win's cause)."""
        first = {
            "events": ("application_id", '"on"', "kind"), "reflections": ("application_id", '"on"'),
            "actions": ("application_id", "event_id", "reflection_id", '"on"', "kind"), "wins": ("application_id", '"on"', "kind", "cause"),
        }[table]
        columns = ", ".join((*first, *(f'"{column}"' for column in FILLED_IN[table])))
        lists = [len(first) + at for at, column in enumerate(FILLED_IN[table]) if column in _LISTS]
        held = {}
        rows = (
            row for start in range(0, len(ids), 500)
            for row in self.db.conn.execute(
                f"SELECT id, {columns} FROM {table} WHERE id IN ({', '.join('?' * len(ids[start:start + 500]))})",
                list(ids[start:start + 500]),
            )
        )
        for row in rows:
            values = list(row[1:])
            for at in lists:
                values[at] = json.loads(values[at])
            held[row[0]] = tuple(values)
        return held

    @writes_per_call(lambda table, record_id, values: {table})
    def fill_in(self, table: str, record_id: int, values: Mapping[str, Any]) -> None:
        """Set these of an outcome's, a reflection's, a step's or a win's fields (an import filling in what the
        journal left empty)."""
        if not values or not set(values) <= set(FILLED_IN[table]):
            raise ValueError(f"not fields an import fills in on {table}: {sorted(values)}")
        marks = ", ".join(f'"{column}" = ?' for column in values)
        stored = [_json(value) if column in _LISTS else value for column, value in values.items()]
        self.db.execute(f"UPDATE {table} SET {marks} WHERE id = ?", [*stored, record_id])

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

    def held_by_key(self) -> dict[str, Any]:
        """Every record an import may find already held, by how it is compared, tied or not to an application:
        applications by (company, role, applied day), company and role case-folded -> id; outcomes by
        (application, day, kind, stage, note) -> id; reflections by (application, day, mood, went well, text)
        -> id; steps by (application, outcome, reflection, day, kind, note, the name of whom it reached as
        compared, gaps); wins by (application, day, title, kind); and the causes of automatic wins removed."""
        query = self.db.conn.execute
        return {
            "applications": {
                (matching_key(company), matching_key(role), applied_on): app_id
                for app_id, company, role, applied_on in query("SELECT id, company, role, applied_on FROM applications ORDER BY id DESC")
            },
            "events": {
                row[1:]: row[0]
                for row in query('SELECT id, application_id, "on", kind, stage, note FROM events ORDER BY id DESC')
            },
            "reflections": {
                row[1:]: row[0]
                for row in query('SELECT id, application_id, "on", mood, went_well, body FROM reflections ORDER BY id DESC')
            },
            "actions": {
                (application_id, event_id, reflection_id, on, kind, note, matching_key(name or ""), tuple(json.loads(gaps)))
                for application_id, event_id, reflection_id, on, kind, note, name, gaps in query(
                    'SELECT application_id, event_id, reflection_id, actions."on", kind, actions.note, people.name, gaps '
                    "FROM actions LEFT JOIN people ON people.id = actions.person_id"
                )
            },
            "wins": set(query('SELECT application_id, "on", title, kind FROM wins')),
            "removed_causes": {row[0] for row in query("SELECT cause FROM win_tombstones")},
        }

    @writes
    def put_records(
        self, table: str, records: Sequence[Mapping[str, Any] | CheckedRecord], also: Mapping[str, Sequence[Any]] | None = None
    ) -> None:
        """Insert whole records as they are (an import: ids and links already decided, no rules applied), the rows
        made with less Python per value: lists and objects (feelings, gaps, a draft) as JSON text, an empty list
        without the encoder (ten years of steps: 0.3 s less); `also` gives more columns, a value per record."""
        if table not in _IMPORTED_TABLES:
            raise ValueError(f"not an imported table: {table}")
        if not records:
            return
        from tui.domain.onward_json import CheckedRecord  # here: onward add and list never load the JSON reader

        first = records[0]
        # A file's checked record is a tuple of its columns' values already (tui.domain.onward_json.CheckedRecord).
        checked = isinstance(first, CheckedRecord)
        columns = list(first.COLUMNS if isinstance(first, CheckedRecord) else first)
        names = ", ".join(f'"{column}"' for column in columns)
        verb = "INSERT OR IGNORE" if table in ("rest_days", "win_tombstones", "drafts", "settings") else "INSERT"
        # The records of a table have one shape (tui.domain.onward_json reads each column as one type): the
        # columns holding a list or an object in the first hold one in every record.
        encoded = [index for index, column in enumerate(columns) if isinstance(first[column], (list, dict))]
        values = itemgetter(*columns) if len(columns) > 1 else lambda record: (record[columns[0]],)
        extra: list[Sequence[Any]] = []
        for column, column_values in (also or {}).items():
            if len(column_values) != len(records):
                raise ValueError(f"{len(column_values)} values of {column} for {len(records)} records")
            if column == _STAMPED.get(table) and None in column_values:  # a record the file does not say it of: now
                now = self.db.conn.execute(f"SELECT {_NOW}").fetchone()[0]
                column_values = [now if value is None else value for value in column_values]
            extra.append(column_values)
        rows: list[Any]
        if encoded:  # column by column: a list made of each row was ~25 ms of ten years of steps
            by_column: list[Any] = list(zip(*(records if checked else map(values, records))))
            for index in encoded:
                by_column[index] = ["[]" if value == [] else _json(value) for value in by_column[index]]
            rows = list(zip(*by_column, *extra))
        else:
            base: Sequence[Any] = records if checked else [values(record) for record in records]
            join: Callable[[Any, tuple[Any, ...]], tuple[Any, ...]] = tuple.__add__
            # Each row and its values of `also`, joined without a call of Python per row.
            rows = list(map(join, base, zip(*extra))) if extra else [tuple(record) for record in base] if checked else list(base)
        columns += list(also or {})
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join("?" * len(columns))
        stamp = _STAMPED.get(table)
        if stamp is not None and stamp not in columns:
            # The moment its default would give each row, worked out once: SQLite works `now` out again per row.
            now = self.db.conn.execute(f"SELECT {_NOW}").fetchone()[0]
            if _STAMP.fullmatch(now):
                names, marks = f'{names}, "{stamp}"', f"{marks}, '{now}'"
        self.db.conn.executemany(f"{verb} INTO {table} ({names}) VALUES ({marks})", rows)

    @writes
    def drop_indexes_for_load(self) -> list[str]:
        """Before records are loaded into empty tables (an import into an empty journal): drop the indexes of the
        tables with ids (not one that keeps values unique, which refuses a row as it is written) and the trigger
        counting steps per day, and give the SQL that makes them again (`make_indexes_again`): each index is then
        built once, sorted, not row by row (ten years of steps: ~0.2 s less). Only inside the load's transaction,
        which holds the schema too: a refusal, a failure or a crash before it commits leaves them as they were."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("indexes are dropped for a load only inside its transaction")
        dropped = self.db.conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE (type = 'index' AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN (" + ", ".join(f"'{t}'" for t in _LOADED_WITH_IDS) + ")) "
            "OR (type = 'trigger' AND name = 'step_days_added') ORDER BY type, name"
        ).fetchall()
        for kind, name, _ in dropped:
            self.db.conn.execute(f'DROP {kind.upper()} "{name}"')
        return [sql for _, _, sql in dropped]

    @writes
    def make_indexes_again(self, made: Sequence[str]) -> None:
        """After a load (`drop_indexes_for_load`): the steps per day counted from the steps at once (as migration
        11 first counted them), then the indexes and the trigger made again as they were."""
        self.db.conn.execute("DELETE FROM step_days")
        self.db.conn.execute('INSERT INTO step_days ("on", steps) SELECT "on", count(*) FROM actions GROUP BY "on"')
        for sql in made:
            self.db.conn.execute(sql)

    def tied_to(self, record: Record, record_id: int) -> dict[Record, list[int]]:
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

    @writes_per_call(lambda record, record_id: removed_tables(record))
    def delete_record(self, record: Record, record_id: int) -> None:
        """Remove one record and what the schema removes with it (an application's outcomes, steps and
        reflections; an outcome's or a reflection's steps); its wins are the caller's to remove first."""
        self.db.execute(f"DELETE FROM {TABLES[record]} WHERE id = ?", [record_id])
