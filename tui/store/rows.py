"""Provides what every reader of the journal's rows shares: `Rows` (the base of the store's readers, one per
thing the journal keeps), rows turned into the domain's objects, and the SQL that says the domain's statuses."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from tui.domain.models import (
    ActionKind,
    Application,
    Held,
    OutcomeEvent,
    OutcomeKind,
    Person,
    ProactiveAction,
    Record,
    Reflection,
    Relation,
    Stage,
    Status,
    Win,
    WinKind,
)
from tui.store.database import Database, JournalError
from tui.store.remembered import Remembered, Remembering

if TYPE_CHECKING:
    from tui.store.repository import Journal


class NotFound(LookupError):
    """No row with that id; the message names what was looked for."""


class RecordTaken(LookupError):
    """An undo would put a record back under an id (or a unique value) another record holds now."""


OPEN_STATUSES = ", ".join(f"'{status.value}'" for status in Status if status.is_open)
CLOSED_STATUSES = ", ".join(f"'{status.value}'" for status in Status if not status.is_open)
"""The domain's open and closed statuses as SQL lists (the stored status column is what the Inbox filters on)."""
TO_REFLECT = (
    f"status = '{Status.REJECTED.value}' AND id NOT IN "
    "(SELECT application_id FROM reflections WHERE application_id IS NOT NULL) "
    "AND NOT coalesce(last_heard_on <= settled_through, 0)"
)
"""Rejections still waiting for their reflection, settled history aside (SQL of tui.domain.inbox.waits_for_reflection;
tests/store/test_same_rules_in_sql.py ties the two)."""

TABLES = {
    Record.APPLICATION: "applications",
    Record.EVENT: "events",
    Record.ACTION: "actions",
    Record.WIN: "wins",
    Record.REFLECTION: "reflections",
    Record.PERSON: "people",
}
"""The table each kind of record is kept in."""


def query(db: Database, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
    """Rows read by name, built in C (sqlite-utils' dict per row costs seconds on a ten-year journal)."""
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()


class Rows(Remembering):
    """A reader (and plain writer) of some of the journal's tables, sharing its connection and its cache."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.db: Database = journal.db
        self.remembered: Remembered = journal.remembered

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return query(self.db, sql, params)

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        with self.journal.guarded():
            yield


def stored(value: Any) -> Any:
    """A plain value as its column holds it: lists and objects (feelings, gaps, a draft, a setting) as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def new_id(cursor: sqlite3.Cursor) -> int:
    """The id SQLite gave the row just inserted."""
    if cursor.lastrowid is None:
        raise JournalError("The journal did not return the new record's id; nothing was saved.")
    return cursor.lastrowid


def day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


_OUTCOME_KINDS = {kind.value: kind for kind in OutcomeKind}
_STAGES = {stage.value: stage for stage in Stage}
_HELD = {held.value: held for held in Held}
"""Each stored value's member, looked up once per row instead of through the enum's call (ten years of outcomes
are read ~19,000 rows at a time: an import's settling, Insights)."""


def _listed(text: str) -> tuple[Any, ...]:
    """A list column (feelings, gaps, merged_away) as a tuple; most hold none, read without the JSON decoder."""
    return () if text == "[]" else tuple(json.loads(text))


def step_of(row: sqlite3.Row) -> ProactiveAction:
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
        event_id=row["event_id"],
    )


def person_of(row: sqlite3.Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        relation=Relation.named(row["relation"]) or Relation.OTHER,
        note=row["note"],
        last_contacted=day_or_none(row["last_contacted"]),
    )


def win_of(row: sqlite3.Row) -> Win:
    return Win(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        title=row["title"],
        kind=WinKind(row["kind"]),
        application_id=row["application_id"],
        automatic=bool(row["automatic"]),
        note=row["note"],
    )


def reflection_of(row: sqlite3.Row) -> Reflection:
    return Reflection(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        mood=row["mood"],
        application_id=row["application_id"],
        feelings=_listed(row["feelings"]),
        stage=_STAGES[row["stage"]] if row["stage"] else None,
        went_well=row["went_well"],
        do_differently=row["do_differently"],
        gaps=_listed(row["gaps"]),
        stumbles=row["stumbles"],
        next_step=row["next_step"],
        next_step_on=day_or_none(row["next_step_on"]),
        talk_to=row["talk_to"],
        body=row["body"],
        next_step_done_on=day_or_none(row["next_step_done_on"]),
        feedback=row["feedback"],
    )


OUTCOME_COLUMNS = 'id, application_id, "on", kind, stage, note, takes_place_on, held, moved_from, day_unknown, said_on'
"""The columns `outcomes_of` reads, in OutcomeEvent's order."""
OUTCOME_COLUMNS_FOR_STEPS = OUTCOME_COLUMNS.replace("said_on", "NULL")
"""OUTCOME_COLUMNS as the migration that adds the steps outcomes earn (m017) reads them, before the day someone
said one was held was kept (m019): the step an outcome earns never asks it."""


def outcome_of(row: sqlite3.Row) -> OutcomeEvent:
    return OutcomeEvent(
        id=row["id"],
        application_id=row["application_id"],
        on=date.fromisoformat(row["on"]),
        kind=_OUTCOME_KINDS[row["kind"]],
        stage=_STAGES[row["stage"]] if row["stage"] else None,
        note=row["note"],
        takes_place_on=date.fromisoformat(row["takes_place_on"]) if row["takes_place_on"] else None,
        held=_HELD[row["held"]] if row["held"] else None,
        moved_from=date.fromisoformat(row["moved_from"]) if row["moved_from"] else None,
        day_unknown=bool(row["day_unknown"]),
        said_on=date.fromisoformat(row["said_on"]) if row["said_on"] else None,
    )


def outcomes_of(rows: Iterable[tuple[Any, ...]]) -> Iterator[OutcomeEvent]:
    """`outcome_of` for rows read as plain tuples of OUTCOME_COLUMNS (the timelines of hundreds of applications
    at once: a third less time than by name)."""
    day, kinds, stages, held_values = date.fromisoformat, _OUTCOME_KINDS, _STAGES, _HELD
    for event_id, application_id, on, kind, stage, note, takes_place_on, held, moved_from, day_unknown, said_on in rows:
        yield OutcomeEvent(
            event_id, application_id, day(on), kinds[kind], stages[stage] if stage else None, note,
            day(takes_place_on) if takes_place_on else None, held_values[held] if held else None,
            day(moved_from) if moved_from else None, bool(day_unknown), day(said_on) if said_on else None,
        )


def application_of(row: sqlite3.Row, events: list[OutcomeEvent]) -> Application:
    return Application(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        applied_on=date.fromisoformat(row["applied_on"]),
        field=row["field"],
        source=row["source"],
        url=row["url"],
        notes=row["notes"],
        follow_up_on=day_or_none(row["follow_up_on"]),
        events=tuple(events),
        merged_away=tuple((company, role, date.fromisoformat(on)) for company, role, on in _listed(row["merged_away"])),
        settled_through=day_or_none(row["settled_through"]),
    )
