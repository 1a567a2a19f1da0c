"""Provides Journal, the repository: typed reads and writes of one journal file, one transaction per user action."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from tui.domain.changes import (
    Delete,
    Record,
    RecordScope,
    Reinsert,
    Restore,
    RestDayScope,
    Scope,
    SetRestDay,
    SetSetting,
    SettingScope,
    Step,
    Unbury,
)
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.reflections import ReflectionEntry
from tui.domain.streak import PLAN_AHEAD_DAYS, Meter, Rhythm, build_meter, streak_runs
from tui.domain.wins import AutomaticWin, StreakRun, automatic_wins
from tui.domain.models import (
    ActionKind,
    Application,
    Change,
    OutcomeEvent,
    OutcomeKind,
    ProactiveAction,
    Reflection,
    Settings,
    Stage,
    Win,
    WinKind,
)
from tui.domain.text import MAX_NOTE_LENGTH, check_length, clean_block
from tui.store.database import JournalError, describe_sqlite_error, open_journal

# Outcomes that mean the user showed up, so they count as a proactive action too.
OUTCOME_ACTIONS = {
    OutcomeKind.FOLLOWED_UP: ActionKind.FOLLOWED_UP,
    OutcomeKind.INTERVIEW: ActionKind.INTERVIEW_ATTENDED,
    OutcomeKind.FINAL_ROUND: ActionKind.INTERVIEW_ATTENDED,
}

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


F = TypeVar("F", bound=Callable[..., Any])


def writes(method: F) -> F:
    """Marks a method that changes the journal: only the action layer calls it (tests/test_layering.py checks)."""
    method.journal_write = True  # type: ignore[attr-defined]
    return method


class NotFound(LookupError):
    """No row with that id; the message names what was looked for."""


class OutcomeError(ValueError):
    """An outcome that cannot be logged as given; the message says why."""


class SettingsError(ValueError):
    """A setting or rest day that cannot be used; the message says what is accepted."""


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class Journal:
    """One open journal file. Every write is one transaction and returns a Change that undo() reverses."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path

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

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        """One user action: its writes and the automatic wins they earn or lose, committed together."""
        try:
            with self.db.atomic():
                yield self.db
                self.sync_automatic_wins()
        except sqlite3.Error as error:
            raise JournalError(describe_sqlite_error(self.path, error)) from error

    def sync_automatic_wins(self) -> None:
        """Post the automatic wins whose cause exists, remove those whose cause is gone."""
        wanted = {win.cause: win for win in automatic_wins(self.applications(), self.reflections(), self.streak_runs())}
        held = {row["cause"]: row["id"] for row in self.db.query("SELECT id, cause FROM wins WHERE automatic = 1")}
        buried = {row["cause"] for row in self.db.query("SELECT cause FROM win_tombstones")}
        for cause, win_id in held.items():
            if cause not in wanted:
                self.db.execute("DELETE FROM wins WHERE id = ?", [win_id])
        for cause, win in wanted.items():
            if cause not in held and cause not in buried:
                self.db.execute(
                    'INSERT INTO wins ("on", title, kind, application_id, automatic, cause, seen) VALUES (?, ?, ?, ?, 1, ?, 0)',
                    [win.on.isoformat(), win.title, win.kind.value, win.application_id, cause],
                )

    def streak_runs(self) -> list[StreakRun]:
        """Runs of persistent days that reached a milestone, for streak-milestone wins."""
        return streak_runs(self.step_counts(), self.rhythm())

    # Persistence: steps per day, rest days, settings

    def step_counts(self) -> dict[date, int]:
        """How many proactive actions each day has (days without any are absent)."""
        rows = self.db.query('SELECT "on", count(*) AS steps FROM actions GROUP BY "on"')
        return {date.fromisoformat(row["on"]): row["steps"] for row in rows}

    def rhythm(self) -> Rhythm:
        """Rest weekdays from the settings and the single rest days marked."""
        return Rhythm(self.settings().rest_weekdays, frozenset(self.rest_days()))

    def meter(self, today: date) -> Meter:
        """The streak meter as of `today`."""
        return build_meter(self.step_counts(), self.rhythm(), self.settings().weekly_target, self.rejection_dates(), today)

    def rejection_dates(self) -> list[date]:
        """The day of every rejection logged, oldest first."""
        rows = self.db.query('SELECT "on" FROM events WHERE kind = ? ORDER BY "on"', [OutcomeKind.REJECTED.value])
        return [date.fromisoformat(row["on"]) for row in rows]

    def update_settings(self, *, weekly_target: int | None = None, rest_weekdays: frozenset[int] | None = None) -> Change:
        """Change the weekly target (1–7) and/or the rest weekdays (0 = Monday)."""
        values: dict[str, object] = {}
        if weekly_target is not None:
            if not 1 <= weekly_target <= 7:
                raise SettingsError(f"{weekly_target} is not a weekly target; use 1 to 7 days a week.")
            values["weekly_target"] = weekly_target
        if rest_weekdays is not None:
            if not rest_weekdays <= set(range(7)):
                raise SettingsError("Rest weekdays are Monday (0) to Sunday (6).")
            if len(rest_weekdays) == 7:
                raise SettingsError("Every day can't be a rest day; keep at least one day for steps.")
            values["rest_weekdays"] = [WEEKDAY_NAMES[d] for d in sorted(rest_weekdays)]
        old = {row["key"]: row["value"] for row in self.db.query("SELECT key, value FROM settings")}
        with self._transaction() as db:
            for key, value in values.items():
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, json.dumps(value)],
                )
        steps = tuple(("setting", "settings", key, old.get(key)) for key in values)
        return Change("changed settings", steps)

    def set_rest_day(self, day: date, rest: bool, today: date) -> Change:
        """Mark (or unmark) one day as a rest day: any past day, today, or up to 14 days ahead."""
        if day > today + timedelta(days=PLAN_AHEAD_DAYS):
            raise SettingsError(f"{day.isoformat()} is too far ahead; plan rest days up to {PLAN_AHEAD_DAYS} days ahead.")
        was = day in set(self.rest_days())
        with self._transaction() as db:
            if rest:
                db.execute('INSERT OR IGNORE INTO rest_days ("on") VALUES (?)', [day.isoformat()])
            else:
                db.execute('DELETE FROM rest_days WHERE "on" = ?', [day.isoformat()])
        verb = "marked" if rest else "unmarked"
        return Change(f"{verb} {day.isoformat()} as a rest day", (("rest_day", "rest_days", day.isoformat(), was),))

    # Reads

    def applications(self) -> list[Application]:
        """Every application with its timeline, oldest applied first."""
        events: dict[int, list[OutcomeEvent]] = defaultdict(list)
        for row in self.db.query('SELECT * FROM events ORDER BY "on", id'):
            events[row["application_id"]].append(_event(row))
        return [
            _application(row, events[row["id"]])
            for row in self.db.query("SELECT * FROM applications ORDER BY applied_on, id")
        ]

    def company_names(self) -> dict[int, str]:
        """Each application's company, by id (without loading timelines)."""
        return {row["id"]: row["company"] for row in self.db.query("SELECT id, company FROM applications")}

    def application(self, application_id: int) -> Application:
        """One application with its timeline; raises NotFound."""
        rows = list(self.db.query("SELECT * FROM applications WHERE id = ?", [application_id]))
        if not rows:
            raise NotFound(f"There is no application with id {application_id}.")
        events = [_event(r) for r in self.db.query('SELECT * FROM events WHERE application_id = ? ORDER BY "on", id', [application_id])]
        return _application(rows[0], events)

    def actions(self, on: date | None = None) -> list[ProactiveAction]:
        """Every proactive action (or those of one day), oldest first."""
        where, params = ('WHERE "on" = ?', [on.isoformat()]) if on else ("", [])
        return [
            ProactiveAction(
                id=row["id"],
                on=date.fromisoformat(row["on"]),
                kind=ActionKind(row["kind"]),
                note=row["note"],
                application_id=row["application_id"],
                automatic=bool(row["automatic"]),
                reflection_id=row["reflection_id"],
            )
            for row in self.db.query(f'SELECT * FROM actions {where} ORDER BY "on", id', params)
        ]

    def wins(self, on: date | None = None) -> list[Win]:
        """Every win (or those of one day), newest first."""
        where, params = ('WHERE "on" = ?', [on.isoformat()]) if on else ("", [])
        return [_win(row) for row in self.db.query(f'SELECT * FROM wins {where} ORDER BY "on" DESC, id DESC', params)]

    def win(self, win_id: int) -> Win:
        """One win; raises NotFound."""
        rows = list(self.db.query("SELECT * FROM wins WHERE id = ?", [win_id]))
        if not rows:
            raise NotFound(f"There is no win with id {win_id}.")
        return _win(rows[0])

    def unseen_win_ids(self) -> set[int]:
        """Automatic wins posted since the wall was last opened."""
        return {row["id"] for row in self.db.query("SELECT id FROM wins WHERE seen = 0")}

    def mark_wins_seen(self) -> None:
        """The wall has shown every win: highlight none of them next time; raises JournalError."""
        with self._guarded():
            with self.db.atomic():
                self.db.execute("UPDATE wins SET seen = 1 WHERE seen = 0")

    def reflections(self) -> list[Reflection]:
        """Every reflection, newest first."""
        return [_reflection(row) for row in self.db.query('SELECT * FROM reflections ORDER BY "on" DESC, id DESC')]

    def reflected_application_ids(self) -> set[int]:
        """Applications that have at least one reflection."""
        rows = self.db.query("SELECT DISTINCT application_id FROM reflections WHERE application_id IS NOT NULL")
        return {row["application_id"] for row in rows}

    def rest_days(self) -> list[date]:
        return [date.fromisoformat(row["on"]) for row in self.db.query('SELECT "on" FROM rest_days ORDER BY "on"')]

    def settings(self) -> Settings:
        """The user's settings, with defaults for anything never set."""
        stored = {row["key"]: json.loads(row["value"]) for row in self.db.query("SELECT key, value FROM settings")}
        defaults = Settings()
        rest = stored.get("rest_weekdays")
        return Settings(
            rest_weekdays=frozenset(WEEKDAY_NAMES.index(d) for d in rest) if rest is not None else defaults.rest_weekdays,
            weekly_target=stored.get("weekly_target", defaults.weekly_target),
            follow_up_after_days=stored.get("follow_up_after_days", defaults.follow_up_after_days),
            ghosted_after_days=stored.get("ghosted_after_days", defaults.ghosted_after_days),
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
                self.db.conn.rollback()
                raise
            self.db.conn.commit()

    @writes
    def insert_application(self, entry: ApplicationEntry) -> int:
        cursor = self.db.execute(
            "INSERT INTO applications (company, role, field, source, url, notes, applied_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes, entry.applied_on.isoformat()],
        )
        return _new_id(cursor)

    @writes
    def update_application_row(self, application_id: int, entry: ApplicationEntry) -> None:
        self.db.execute(
            "UPDATE applications SET company = ?, role = ?, field = ?, source = ?, url = ?, notes = ?, applied_on = ? "
            "WHERE id = ?",
            [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes,
             entry.applied_on.isoformat(), application_id],
        )

    @writes
    def move_applied_action(self, application_id: int, day: date) -> None:
        """Keep the automatic 'applied' step on the application's applied day."""
        self.db.execute(
            'UPDATE actions SET "on" = ? WHERE application_id = ? AND kind = ? AND automatic = 1 AND event_id IS NULL',
            [day.isoformat(), application_id, ActionKind.APPLIED.value],
        )

    @writes
    def insert_event(self, application_id: int, on: date, kind: OutcomeKind, stage: Stage | None, note: str) -> int:
        cursor = self.db.execute(
            'INSERT INTO events (application_id, "on", kind, stage, note) VALUES (?, ?, ?, ?, ?)',
            [application_id, on.isoformat(), kind.value, stage.value if stage else None, note],
        )
        return _new_id(cursor)

    @writes
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
    ) -> int | None:
        """Store one step; None when the reflection already has that step on that day."""
        cursor = self.db.execute(
            'INSERT OR IGNORE INTO actions ("on", kind, note, application_id, event_id, reflection_id, automatic) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [on.isoformat(), kind.value, note, application_id, event_id, reflection_id, int(automatic)],
        )
        return _new_id(cursor) if cursor.rowcount else None

    def follow_ups_on(self, application_id: int, day: date) -> int:
        """How many follow-ups the application has on `day`."""
        row = self.db.execute(
            'SELECT count(*) FROM events WHERE application_id = ? AND "on" = ? AND kind = ?',
            [application_id, day.isoformat(), OutcomeKind.FOLLOWED_UP.value],
        ).fetchone()
        return int(row[0])

    @writes
    def insert_win(self, entry: WinEntry) -> int:
        cursor = self.db.execute(
            'INSERT INTO wins ("on", title, kind, note, application_id, automatic, seen) VALUES (?, ?, ?, ?, ?, 0, 1)',
            [entry.on.isoformat(), entry.title, entry.kind.value, entry.note, entry.application_id],
        )
        return _new_id(cursor)

    @writes
    def update_win_row(self, win_id: int, entry: WinEntry) -> None:
        self.db.execute(
            'UPDATE wins SET title = ?, kind = ?, "on" = ?, application_id = ?, note = ? WHERE id = ?',
            [entry.title, entry.kind.value, entry.on.isoformat(), entry.application_id, entry.note, win_id],
        )

    @writes
    def delete_win_row(self, win_id: int) -> None:
        self.db.execute("DELETE FROM wins WHERE id = ?", [win_id])

    @writes
    def bury(self, cause: str) -> None:
        """Never post the automatic win with this cause again (the user removed it)."""
        self.db.execute("INSERT OR IGNORE INTO win_tombstones (cause) VALUES (?)", [cause])

    def automatic_causes_held(self, causes: Iterable[str]) -> set[str]:
        """Which of these causes already have their win stored."""
        wanted = list(causes)
        if not wanted:
            return set()
        marks = ", ".join("?" * len(wanted))
        return {row["cause"] for row in self.db.query(f"SELECT cause FROM wins WHERE cause IN ({marks})", wanted)}

    def buried(self, causes: Iterable[str]) -> set[str]:
        wanted = list(causes)
        if not wanted:
            return set()
        marks = ", ".join("?" * len(wanted))
        return {row["cause"] for row in self.db.query(f"SELECT cause FROM win_tombstones WHERE cause IN ({marks})", wanted)}

    def automatic_wins_held(self, *, application_id: int | None = None, prefix: str | None = None) -> dict[str, int]:
        """The automatic wins stored for one application, or whose cause starts with `prefix`: cause -> id."""
        if application_id is not None:
            rows = self.db.query("SELECT id, cause FROM wins WHERE application_id = ? AND automatic = 1", [application_id])
        else:
            rows = self.db.query(
                "SELECT id, cause FROM wins WHERE automatic = 1 AND cause >= ? AND cause < ?", [prefix, f"{prefix}\uffff"]
            )
        return {row["cause"]: row["id"] for row in rows}

    @writes
    def post_automatic_win(self, win: AutomaticWin) -> None:
        self.db.execute(
            'INSERT INTO wins ("on", title, kind, application_id, automatic, cause, seen) VALUES (?, ?, ?, ?, 1, ?, 0)',
            [win.on.isoformat(), win.title, win.kind.value, win.application_id, win.cause],
        )

    def first_applications(self, count: int) -> list[Application]:
        """The first `count` applications sent (without timelines), for the application-count milestones."""
        rows = self.db.query("SELECT * FROM applications ORDER BY applied_on, id LIMIT ?", [count])
        return [_application(row, []) for row in rows]

    def reflections_for_application(self, application_id: int) -> list[Reflection]:
        rows = self.db.query("SELECT * FROM reflections WHERE application_id = ? ORDER BY id", [application_id])
        return [_reflection(row) for row in rows]

    def action(self, action_id: int) -> ProactiveAction:
        """One proactive action; raises NotFound."""
        rows = list(self.db.query("SELECT * FROM actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound(f"There is no action with id {action_id}.")
        return _action(rows[0])

    def actions_of_application(self, application_id: int) -> list[ProactiveAction]:
        rows = self.db.query('SELECT * FROM actions WHERE application_id = ? ORDER BY "on", id', [application_id])
        return [_action(row) for row in rows]

    def setting_text(self, key: str) -> str | None:
        """A setting as stored (JSON text), or None when never set."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @writes
    def put_setting(self, key: str, value: str | None) -> None:
        """Store a setting's JSON text, or forget it (None) so its default applies."""
        if value is None:
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def is_rest_day(self, day: date) -> bool:
        return self.db.execute('SELECT 1 FROM rest_days WHERE "on" = ?', [day.isoformat()]).fetchone() is not None

    @writes
    def put_rest_day(self, day: date, rest: bool) -> None:
        if rest:
            self.db.execute('INSERT OR IGNORE INTO rest_days ("on") VALUES (?)', [day.isoformat()])
        else:
            self.db.execute('DELETE FROM rest_days WHERE "on" = ?', [day.isoformat()])

    @writes
    def insert_reflection(self, entry: ReflectionEntry, on: date, application_id: int | None) -> int:
        values = _reflection_values(entry)
        columns = ", ".join(values)
        cursor = self.db.execute(
            f'INSERT INTO reflections (application_id, "on", {columns}) VALUES (?, ?, {", ".join("?" * len(values))})',
            [application_id, on.isoformat(), *values.values()],
        )
        return _new_id(cursor)

    @writes
    def update_reflection_row(self, reflection_id: int, entry: ReflectionEntry) -> None:
        values = _reflection_values(entry)
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(
            f"UPDATE reflections SET {assignments}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
            [*values.values(), reflection_id],
        )

    @writes
    def set_next_step_done(self, reflection_id: int, day: date | None) -> None:
        self.db.execute(
            "UPDATE reflections SET next_step_done_on = ? WHERE id = ?", [day.isoformat() if day else None, reflection_id]
        )

    @writes
    def put_draft(self, key: str, values: dict[str, object]) -> None:
        self.db.execute(
            "INSERT INTO drafts (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [key, json.dumps(values, ensure_ascii=False)],
        )

    @writes
    def delete_draft(self, key: str) -> None:
        self.db.execute("DELETE FROM drafts WHERE key = ?", [key])

    @writes
    def set_wins_seen(self) -> None:
        self.db.execute("UPDATE wins SET seen = 1 WHERE seen = 0")

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
            return tuple(parts)
        return (
            self._rows("SELECT * FROM applications WHERE id = ?", scope.id),
            self._rows("SELECT * FROM events WHERE application_id = ? ORDER BY id", scope.id),
            self._rows("SELECT * FROM actions WHERE application_id = ? ORDER BY id", scope.id),
            self._rows("SELECT * FROM reflections WHERE application_id = ? ORDER BY id", scope.id),
            self._rows("SELECT * FROM wins WHERE application_id = ? ORDER BY id", scope.id),
        )

    def _rows(self, sql: str, record_id: int) -> tuple:
        cursor = self.db.execute(sql, [record_id])
        # Whether the wall has shown a win yet is not a change to it.
        skip = {i for i, d in enumerate(cursor.description) if d[0] == "seen"}
        return tuple(tuple(v for i, v in enumerate(row) if i not in skip) for row in cursor.fetchall())

    @writes
    def revert(self, steps: Sequence[Step]) -> None:
        """Apply undo steps, newest first; a removed record takes what hangs off it (and its automatic wins)."""
        for step in reversed(steps):
            if isinstance(step, Delete):
                table = _TABLES[step.record]
                if step.record is Record.APPLICATION:
                    self.db.execute("DELETE FROM wins WHERE application_id = ? AND automatic = 1", [step.id])
                elif step.record in (Record.EVENT, Record.REFLECTION):
                    self.db.execute("DELETE FROM wins WHERE cause = ?", [f"{step.record.value}:{step.id}"])
                self.db.execute(f"DELETE FROM {table} WHERE id = ?", [step.id])
            elif isinstance(step, Restore):
                assignments = ", ".join(f'"{column}" = ?' for column, _ in step.values)
                self.db.execute(
                    f"UPDATE {_TABLES[step.record]} SET {assignments} WHERE id = ?",
                    [value for _, value in step.values] + [step.id],
                )
            elif isinstance(step, Reinsert):
                columns = ", ".join(f'"{column}"' for column, _ in step.values)
                self.db.execute(
                    f"INSERT INTO {_TABLES[step.record]} ({columns}) VALUES ({', '.join('?' * len(step.values))})",
                    [value for _, value in step.values],
                )
            elif isinstance(step, SetSetting):
                self.put_setting(step.key, step.value)
            elif isinstance(step, SetRestDay):
                self.put_rest_day(step.day, step.rest)
            elif isinstance(step, Unbury):
                self.db.execute("DELETE FROM win_tombstones WHERE cause = ?", [step.cause])
            else:
                raise TypeError(f"Not an undo step: {step!r}")

    # Writes

    def add_application(self, entry: ApplicationEntry) -> tuple[Application, Change]:
        """Store a new application and the 'applied' action it earns."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO applications (company, role, field, source, url, notes, applied_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes, entry.applied_on.isoformat()],
            )
            application_id = cursor.lastrowid
            db.execute(
                'INSERT INTO actions ("on", kind, application_id, automatic) VALUES (?, ?, ?, 1)',
                [entry.applied_on.isoformat(), ActionKind.APPLIED.value, application_id],
            )
        application = self.application(application_id)
        return application, Change(f"added {application.title}", (("delete", "applications", application_id),))

    def log_outcome(
        self, application_id: int, kind: OutcomeKind, on: date, *, stage: Stage | None = None, note: str = ""
    ) -> Change:
        """Add an outcome to an application's timeline (and the action it earns); raises NotFound or OutcomeError."""
        application = self.application(application_id)
        note = clean_block(note)
        problem = check_length("Note", note, MAX_NOTE_LENGTH)
        if problem:
            raise OutcomeError(problem)
        if on < application.applied_on:
            raise OutcomeError(
                f"{on.isoformat()} is before you applied to {application.company} ({application.applied_on.isoformat()})."
            )
        if kind is OutcomeKind.REJECTED:
            stage = stage or application.furthest_stage
        elif stage is not None:
            raise OutcomeError("A stage goes only with a rejection.")
        with self._transaction() as db:
            cursor = db.execute(
                'INSERT INTO events (application_id, "on", kind, stage, note) VALUES (?, ?, ?, ?, ?)',
                [application_id, on.isoformat(), kind.value, stage.value if stage else None, note],
            )
            event_id = cursor.lastrowid
            if kind in OUTCOME_ACTIONS:
                db.execute(
                    'INSERT INTO actions ("on", kind, application_id, event_id, automatic) VALUES (?, ?, ?, ?, 1)',
                    [on.isoformat(), OUTCOME_ACTIONS[kind].value, application_id, event_id],
                )
        label = f"rejection ({stage.label})" if stage else kind.label
        return Change(f"logged {label} at {application.company}", (("delete", "events", event_id),))

    def log_action(self, entry: ActionEntry) -> Change:
        """Store a proactive action the user took."""
        with self._transaction() as db:
            cursor = db.execute(
                'INSERT INTO actions ("on", kind, note) VALUES (?, ?, ?)',
                [entry.on.isoformat(), entry.kind.value, entry.note],
            )
        return Change(f"logged {entry.kind.label}", (("delete", "actions", cursor.lastrowid),))

    def add_win(self, entry: WinEntry) -> Change:
        """Store a manual win; raises NotFound if it names an application that does not exist."""
        if entry.application_id is not None:
            self.application(entry.application_id)
        with self._transaction() as db:
            cursor = db.execute(
                'INSERT INTO wins ("on", title, kind, note, application_id, automatic, seen) VALUES (?, ?, ?, ?, ?, 0, 1)',
                [entry.on.isoformat(), entry.title, entry.kind.value, entry.note, entry.application_id],
            )
        return Change(f"added win “{entry.title}”", (("delete", "wins", cursor.lastrowid),))

    def update_application(self, application_id: int, entry: ApplicationEntry) -> tuple[Application, Change]:
        """Change an application's details; its timeline stays as it is. Raises NotFound or OutcomeError."""
        before = self.application(application_id)
        first_event = min((e.on for e in before.events), default=None)
        if first_event is not None and entry.applied_on > first_event:
            raise OutcomeError(f"Applied can't be after the first outcome ({first_event.isoformat()}).")
        old = self._row("applications", application_id, _APPLICATION_COLUMNS)
        with self._transaction() as db:
            db.execute(
                "UPDATE applications SET company = ?, role = ?, field = ?, source = ?, url = ?, notes = ?, applied_on = ? "
                "WHERE id = ?",
                [entry.company, entry.role, entry.field, entry.source, entry.url, entry.notes,
                 entry.applied_on.isoformat(), application_id],
            )
            db.execute(
                'UPDATE actions SET "on" = ? WHERE application_id = ? AND kind = ? AND automatic = 1 AND event_id IS NULL',
                [entry.applied_on.isoformat(), application_id, ActionKind.APPLIED.value],
            )
        after = self.application(application_id)
        applied_action = ("set_applied_action", "actions", application_id, before.applied_on.isoformat())
        return after, Change(f"edited {after.title}", (("restore", "applications", application_id, old), applied_action))

    # Reflections

    def reflection(self, reflection_id: int) -> Reflection:
        """One reflection; raises NotFound."""
        rows = list(self.db.query("SELECT * FROM reflections WHERE id = ?", [reflection_id]))
        if not rows:
            raise NotFound(f"There is no reflection with id {reflection_id}.")
        return _reflection(rows[0])

    def reflection_for_application(self, application_id: int) -> Reflection | None:
        """The latest reflection tied to an application, if any."""
        rows = list(self.db.query(
            'SELECT * FROM reflections WHERE application_id = ? ORDER BY "on" DESC, id DESC LIMIT 1', [application_id]
        ))
        return _reflection(rows[0]) if rows else None

    def save_reflection(
        self, entry: ReflectionEntry, today: date, *, reflection_id: int | None = None, application_id: int | None = None
    ) -> Reflection:
        """Create or update a reflection, and record today's 'reflection' step once for it."""
        if application_id is not None:
            self.application(application_id)
        values = {
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
        }
        with self._transaction() as db:
            if reflection_id is None:
                columns = ", ".join(values)
                cursor = db.execute(
                    f'INSERT INTO reflections (application_id, "on", {columns}) VALUES (?, ?, {", ".join("?" * len(values))})',
                    [application_id, today.isoformat(), *values.values()],
                )
                reflection_id = cursor.lastrowid
            else:
                assignments = ", ".join(f"{column} = ?" for column in values)
                cursor = db.execute(
                    f"UPDATE reflections SET {assignments}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                    [*values.values(), reflection_id],
                )
                if cursor.rowcount == 0:
                    raise NotFound(f"There is no reflection with id {reflection_id}.")
            db.execute(
                'INSERT OR IGNORE INTO actions ("on", kind, reflection_id, automatic) VALUES (?, ?, ?, 1)',
                [today.isoformat(), ActionKind.REFLECTION.value, reflection_id],
            )
        return self.reflection(reflection_id)

    def mark_next_step_done(self, reflection_id: int, today: date) -> Change:
        """Mark a reflection's next step done today; it counts as a proactive step."""
        reflection = self.reflection(reflection_id)
        with self._transaction() as db:
            db.execute("UPDATE reflections SET next_step_done_on = ? WHERE id = ?", [today.isoformat(), reflection_id])
            cursor = db.execute(
                'INSERT OR IGNORE INTO actions ("on", kind, note, reflection_id, automatic) VALUES (?, ?, ?, ?, 1)',
                [today.isoformat(), ActionKind.OTHER.value, reflection.next_step, reflection_id],
            )
        steps = [("restore", "reflections", reflection_id, {"next_step_done_on": None})]
        if cursor.rowcount:
            steps.append(("delete", "actions", cursor.lastrowid))
        return Change(f"marked “{reflection.next_step}” done", tuple(steps))

    # Drafts: exactly what an editor held when it could not save yet

    def draft(self, key: str) -> dict[str, str] | None:
        rows = list(self.db.query("SELECT value FROM drafts WHERE key = ?", [key]))
        return json.loads(rows[0]["value"]) if rows else None

    def keep_draft(self, key: str, values: dict[str, str]) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO drafts (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                [key, json.dumps(values, ensure_ascii=False)],
            )

    def drop_draft(self, key: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", [key])

    # Undo

    def update_win(self, win_id: int, entry: WinEntry) -> Change:
        """Change a win's title, kind, day, application or note."""
        before = self.win(win_id)
        if entry.application_id is not None:
            self.application(entry.application_id)
        old = self._row("wins", win_id, _WIN_COLUMNS)
        with self._transaction() as db:
            db.execute(
                'UPDATE wins SET title = ?, kind = ?, "on" = ?, application_id = ?, note = ? WHERE id = ?',
                [entry.title, entry.kind.value, entry.on.isoformat(), entry.application_id, entry.note, win_id],
            )
        return Change(f"edited win “{before.title}”", (("restore", "wins", win_id, old),))

    def delete_win(self, win_id: int) -> Change:
        """Remove a win; an automatic one stays removed (its cause will not post it again)."""
        before = self.win(win_id)
        row = self._row("wins", win_id, ("id", *_WIN_COLUMNS, "automatic", "cause", "seen", "created_at"))
        with self._transaction() as db:
            db.execute("DELETE FROM wins WHERE id = ?", [win_id])
            if row["cause"]:
                db.execute("INSERT OR IGNORE INTO win_tombstones (cause) VALUES (?)", [row["cause"]])
        steps: list[tuple] = [("reinsert", "wins", win_id, row)]
        if row["cause"]:
            steps.insert(0, ("unbury", "win_tombstones", row["cause"]))
        return Change(f"removed win “{before.title}”", tuple(steps))

    def undo(self, change: Change) -> None:
        """Reverse one Change, newest step first; whatever a removed row caused (actions, wins) goes with it."""
        with self._transaction() as db:
            for step in reversed(change.token):
                operation, table = step[0], step[1]
                if table not in _UNDOABLE_TABLES:
                    raise ValueError(f"Unknown change: {step!r}")
                if operation == "delete":
                    db.execute(f"DELETE FROM {table} WHERE id = ?", [step[2]])
                elif operation == "restore":
                    old = step[3]
                    assignments = ", ".join(f'"{column}" = ?' for column in old)
                    db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*old.values(), step[2]])
                elif operation == "reinsert":
                    row = step[3]
                    columns = ", ".join(f'"{column}"' for column in row)
                    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
                elif operation == "unbury":
                    db.execute("DELETE FROM win_tombstones WHERE cause = ?", [step[2]])
                elif operation == "setting":
                    key, old = step[2], step[3]
                    if old is None:
                        db.execute("DELETE FROM settings WHERE key = ?", [key])
                    else:
                        db.execute("UPDATE settings SET value = ? WHERE key = ?", [old, key])
                elif operation == "rest_day":
                    day, was = step[2], step[3]
                    if was:
                        db.execute('INSERT OR IGNORE INTO rest_days ("on") VALUES (?)', [day])
                    else:
                        db.execute('DELETE FROM rest_days WHERE "on" = ?', [day])
                elif operation == "set_applied_action":
                    db.execute(
                        'UPDATE actions SET "on" = ? WHERE application_id = ? AND kind = ? AND automatic = 1 AND event_id IS NULL',
                        [step[3], step[2], ActionKind.APPLIED.value],
                    )
                else:
                    raise ValueError(f"Unknown change: {step!r}")

    def _row(self, table: str, row_id: int, columns: tuple[str, ...]) -> dict:
        quoted = ", ".join(f'"{column}"' for column in columns)
        row = next(self.db.query(f"SELECT {quoted} FROM {table} WHERE id = ?", [row_id]))
        return dict(row)


_UNDOABLE_TABLES = frozenset(
    {"applications", "events", "actions", "wins", "reflections", "win_tombstones", "settings", "rest_days"}
)
_WIN_COLUMNS = ("title", "kind", "on", "application_id", "note")


_TABLES = {
    Record.APPLICATION: "applications",
    Record.EVENT: "events",
    Record.ACTION: "actions",
    Record.WIN: "wins",
    Record.REFLECTION: "reflections",
}


def _new_id(cursor: sqlite3.Cursor) -> int:
    if cursor.lastrowid is None:
        raise JournalError("The journal did not return the new record's id; nothing was saved.")
    return cursor.lastrowid


def _action(row: dict) -> ProactiveAction:
    return ProactiveAction(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        kind=ActionKind(row["kind"]),
        note=row["note"],
        application_id=row["application_id"],
        automatic=bool(row["automatic"]),
        reflection_id=row["reflection_id"],
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
    }


def _win(row: dict) -> Win:
    return Win(
        id=row["id"],
        on=date.fromisoformat(row["on"]),
        title=row["title"],
        kind=WinKind(row["kind"]),
        application_id=row["application_id"],
        automatic=bool(row["automatic"]),
        note=row["note"],
    )
_APPLICATION_COLUMNS = ("company", "role", "field", "source", "url", "notes", "applied_on")


def _reflection(row: dict) -> Reflection:
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
    )


def _event(row: dict) -> OutcomeEvent:
    return OutcomeEvent(
        id=row["id"],
        application_id=row["application_id"],
        on=date.fromisoformat(row["on"]),
        kind=OutcomeKind(row["kind"]),
        stage=Stage(row["stage"]) if row["stage"] else None,
        note=row["note"],
    )


def _application(row: dict, events: list[OutcomeEvent]) -> Application:
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
    )
