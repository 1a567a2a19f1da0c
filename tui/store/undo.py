"""Provides Undoing: what a record looks like (fingerprints, values) and putting records back (undo steps)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from tui.domain.changes import (
    ApplicationScope,
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
from tui.domain.models import ActionKind, WinKind, WinMark
from tui.store.applications import parts_an_outcome_spares
from tui.store.records import CASCADES
from tui.store.remembered import EVERY_TABLE, FIELDS, LEARNING, PARTS, PROGRESS, REJECTIONS, writes_per_call
from tui.store.rows import TABLES, NotFound, RecordTaken, Rows

_DRAFTED = (Record.REFLECTION, Record.APPLICATION)
"""Records an editor keeps drafts for, under "reflection:ID" and "application:ID"."""

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
"""Which steps a removal takes with it (ON DELETE CASCADE in the schema: an event's or a reflection's steps, an
application's own and those of its events and reflections)."""


def _wins_going(record: Record, record_id: int) -> tuple[str, list[Any]] | None:
    """Which automatic wins removing this record takes with it (a condition on wins and its parameters)."""
    if record is Record.APPLICATION:
        return "application_id = ? AND automatic = 1", [record_id]
    if record in (Record.EVENT, Record.REFLECTION):
        return "cause = ?", [f"{record.value}:{record_id}"]
    if record is Record.ACTION:
        return "cause = ?", [f"learned:{record_id}"]
    return None


def reverted_tables(steps: Sequence[Step]) -> set[str]:
    """The tables `Undoing.revert(steps)` may change."""
    tables: set[str] = set()
    for step in steps:
        if isinstance(step, Delete):
            table = TABLES[step.record]
            tables |= {table} | CASCADES[table] | ({"drafts"} if step.record in _DRAFTED else set())
        elif isinstance(step, (Restore, Reinsert)):
            tables.add(TABLES[step.record])
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


class Undoing(Rows):
    """What a record looks like (fingerprints, values) and putting records back (undo steps)."""

    @writes_per_call(lambda steps: reverted_tables(steps), spares=lambda undoing, steps: undoing._parts_kept_by(steps))
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
                table = TABLES[step.record]
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
                    f"UPDATE {TABLES[step.record]} SET {assignments} WHERE id = ?",
                    [value for _, value in step.values] + [step.id],
                )
            elif isinstance(step, Reinsert):
                columns = ", ".join(f'"{column}"' for column, _ in step.values)
                try:
                    self.db.execute(
                        f"INSERT INTO {TABLES[step.record]} ({columns}) VALUES ({', '.join('?' * len(step.values))})",
                        [value for _, value in step.values],
                    )
                except sqlite3.IntegrityError as error:
                    # SQLite gives a removed record's id to the next one added (by another window or the
                    # command line): it is that record's now, and this one can't come back under it.
                    raise RecordTaken(f"a {step.record.value} it would put back is another record's now") from error
            elif isinstance(step, SetSetting):
                self.journal.put_setting(step.key, step.value)
            elif isinstance(step, SetRestDay):
                self.journal.put_rest_day(step.day, step.rest)
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
            self.remembered.count_in("step_counts", "actions", lambda counts: self.journal.steps.counted_in(counts, moved))
        if marks is not None:  # (none moved, still counted: the wall's marks stay good though wins were touched)
            self.journal.wins.keep_marks(gone=marks, add=[mark for mark in marks.values() if mark is not None])

    def fingerprint(self, scope: Scope) -> tuple:
        """What a scope's records look like now; equal fingerprints mean nobody changed them."""
        if isinstance(scope, SettingScope):
            return (self.journal.setting_text(scope.key),)
        if isinstance(scope, RestDayScope):
            return (self.journal.is_rest_day(scope.day),)
        if isinstance(scope, RecordScope):
            parts = [self._rows(f"SELECT * FROM {TABLES[scope.record]} WHERE id = ?", scope.id)]
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

    def same_record(self, scope: Scope, fingerprint: tuple) -> bool:
        """Whether the record `scope` names is still the one `fingerprint` was taken of: False when it is gone, or
        another record now has its id (one made after a restore from a backup took it away); True for a scope of
        no one record, or one that was not there when the fingerprint was taken."""
        if isinstance(scope, ApplicationScope):
            table = TABLES[Record.APPLICATION]
        elif isinstance(scope, RecordScope):
            table = TABLES[scope.record]
        else:
            return True
        then = fingerprint[0] if fingerprint else ()
        if not then:
            return True
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", [scope.id])
        names = [d[0] for d in cursor.description]
        now = cursor.fetchone()
        if now is None:
            return False
        if "created_at" not in names:
            return True
        kept = [name for name in names if name != "seen"]  # the columns _rows keeps, in order
        return bool(now[names.index("created_at")] == then[0][kept.index("created_at")])

    def record_values(self, record: Record, record_id: int) -> tuple[tuple[str, Any], ...]:
        """Every column of one record, for Restore and Reinsert."""
        row = self.db.execute(f"SELECT * FROM {TABLES[record]} WHERE id = ?", [record_id])
        names = [d[0] for d in row.description]
        values = row.fetchone()
        if values is None:
            raise NotFound(f"There is no {record.value} with id {record_id}.")
        return tuple(zip(names, values))

    def _parts_kept_by(self, steps: Sequence[Step]) -> set[str]:
        """The parts of tables (`PARTS`) that `revert(steps)` leaves as they were: undoing a follow-up, a
        screening or a step keeps the broaden nudge or the meter remembered. Asked before the steps are applied."""
        kept = {part for parts in PARTS.values() for part in parts}
        for step in steps:
            if isinstance(step, Delete) and step.record in (Record.EVENT, Record.ACTION):
                table = TABLES[step.record]
                row = self.db.execute(f"SELECT kind FROM {table} WHERE id = ?", [step.id]).fetchone()
                kind = row[0] if row else None
                if step.record is Record.EVENT:
                    kept -= set(PARTS["events"]) - (parts_an_outcome_spares(kind) if kind is not None else set())
                if kind == ActionKind.LEARNING or step.record is Record.EVENT and kind is None:
                    kept.discard(LEARNING)
            elif isinstance(step, Restore) and step.record is Record.APPLICATION:
                if {column for column, _ in step.values} & {"field", "applied_on"}:
                    kept.discard(FIELDS)
            elif isinstance(step, Restore) and step.record is Record.EVENT:
                if {column for column, _ in step.values} - {"held", "takes_place_on", "moved_from", "said_on"}:
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

    def _steps_moved_by(self, step: Step, moved: Counter[date]) -> Counter[date] | None:
        """`moved` with what `step` (about to be applied) does to the steps per day; None when not known."""
        if isinstance(step, Delete) and step.record in _STEPS_GOING:
            sql = _STEPS_GOING[step.record]
            params: Any = {"id": step.id} if step.record is Record.APPLICATION else [step.id]
            moved.subtract(date.fromisoformat(row[0]) for row in self.db.execute(sql, params).fetchall())
        elif isinstance(step, Reinsert) and step.record is Record.ACTION:
            moved[date.fromisoformat(dict(step.values)["on"])] += 1
        elif isinstance(step, Restore) and step.record is Record.ACTION:
            return None
        return moved

    def _rows(self, sql: str, record_id: int) -> tuple:
        cursor = self.db.execute(sql, [record_id])
        # Whether the wall has shown a win yet is not a change to it.
        skip = {i for i, d in enumerate(cursor.description) if d[0] == "seen"}
        return tuple(tuple(v for i, v in enumerate(row) if i not in skip) for row in cursor.fetchall())
