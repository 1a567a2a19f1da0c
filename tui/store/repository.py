"""Provides Journal, one open journal file: its connection, its read cache, one transaction per user action,
the settings and rest days, and the readers of what it keeps, one module each:

- `journal.applications` (tui/store/applications.py): applications and their outcomes;
- `journal.steps` (steps.py): proactive steps and the people they reach;
- `journal.wins` (wins.py), `journal.reflections` (reflections.py, with drafts);
- `journal.records` (records.py): whole records for exports, imports and removals;
- `journal.undo` (undo.py): fingerprints and putting records back;
- `journal.insights` (insight_counts.py): what Insights counts;
- `journal.remembered` (remembered.py): the read cache and what each read depends on.

SQL lives in the store alone; what the domain derives from these rows (the meter, nudges, the learning plan)
is in tui/actions/views.py."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.models import Settings
from tui.store.applications import GOT_FURTHER, ApplicationRows
from tui.store.database import Database, JournalError, describe_sqlite_error, open_journal
from tui.store.records import RecordRows
from tui.store.reflections import ReflectionRows
from tui.store.remembered import EVERY_TABLE, Remembered, Remembering, writes
from tui.store.rows import NotFound, RecordTaken, query
from tui.store.schema import JOURNAL_SETTING, WEEKDAY_NAMES
from tui.store.steps import StepRows
from tui.store.wins import WinRows

if TYPE_CHECKING:
    from tui.store.insight_counts import InsightRows
    from tui.store.undo import Undoing

READERS = (ApplicationRows, StepRows, WinRows, ReflectionRows, RecordRows)
"""The classes of the journal's readers built with it (tests/test_layering.py checks their writes as the
journal's own, with `Journal.insights`'s and `Journal.undo`'s)."""

__all__ = ["EVERY_TABLE", "GOT_FURTHER", "READERS", "WEEKDAY_NAMES", "Journal", "JournalError", "NotFound", "RecordTaken", "writes"]


class Journal(Remembering):
    """One open journal file: its connection and cache, transactions, settings and rest days, and its readers."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.remembered = Remembered(self.data_version, lambda: self.steps.held_step_counts())
        self.applications = ApplicationRows(self)
        self.steps = StepRows(self)
        self.wins = WinRows(self)
        self.reflections = ReflectionRows(self)
        self.records = RecordRows(self)

    @functools.cached_property
    def undo(self) -> Undoing:
        """Fingerprints and putting records back (imported on first use, with the domain's undo steps:
        `onward list` never undoes)."""
        from tui.store.undo import Undoing

        return Undoing(self)

    @functools.cached_property
    def insights(self) -> InsightRows:
        """What Insights counts (imported on first use: `onward add` and `onward list` never count, and the
        domain's Insights rules are the heaviest import the store has)."""
        from tui.store.insight_counts import InsightRows

        return InsightRows(self)

    @classmethod
    def open(cls, path: Path, *, create: bool = True, reading: bool = False) -> Journal:
        """Open the journal at `path` (starting it if missing, unless `create` is False; read-only when only
        `reading` and it can't be written); raises JournalError."""
        return cls(open_journal(Path(path), create=create, reading=reading), Path(path))

    def close(self) -> None:
        self.db.close()

    @property
    def read_only(self) -> str:
        """Why this journal can't be written ('' when it can): opened to be looked at only (`open`'s `reading`)."""
        return self.db.read_only

    def data_version(self) -> int:
        """A number that changes whenever another connection (window, command line) commits to the file."""
        with self.guarded():
            return self.db.execute("PRAGMA data_version").fetchone()[0]

    def wait_for_lock_at_most(self, milliseconds: int) -> None:
        """How long a write waits for another writer before giving up with JournalError (the app keeps this short)."""
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """Turn any SQLite failure into a JournalError with one line for the user."""
        try:
            yield
        except sqlite3.Error as error:
            raise JournalError(describe_sqlite_error(self.path, error)) from error

    def version_of(self, tables: tuple[str, ...]) -> tuple:
        """Changes whenever `tables` may have changed (this connection's writes, a rollback, another
        connection's commit): a screen compares it to skip reading again what it already shows."""
        return self.remembered.version_of(tables)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action, all or nothing: takes the write lock up front; SQLite failures become JournalError."""
        if self.db.conn.in_transaction:
            yield  # part of the action already running
            return
        with self.guarded():
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.remembered.forget_all()  # what was read or counted in since BEGIN is no longer true
                self.db.conn.rollback()
                raise
            self.db.conn.commit()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return query(self.db, sql, params)

    # Settings and rest days

    def settings(self) -> Settings:
        """The user's settings, with defaults for anything never set."""
        return self.remembered.remember("settings", self._read_settings)

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

    def journal_id(self) -> str | None:
        """The journal's own id (`JOURNAL_SETTING`: the same in every copy of it), None if it can't be read."""
        try:
            value = json.loads(self.setting_text(JOURNAL_SETTING) or "null")
        except ValueError:
            return None
        return value if isinstance(value, str) else None

    def adopt_journal_id(self, journal_id: str) -> None:
        """Take another copy's id (an import into an empty journal makes this journal a copy of the file's)."""
        self.put_setting(JOURNAL_SETTING, json.dumps(journal_id))

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

    def rest_days(self) -> list[date]:
        """The single rest days marked, oldest first."""
        def read() -> list[date]:
            return [date.fromisoformat(row["on"]) for row in self._query('SELECT "on" FROM rest_days ORDER BY "on"')]

        return list(self.remembered.remember("rest_days", read))

    def is_rest_day(self, day: date) -> bool:
        return self.db.execute('SELECT 1 FROM rest_days WHERE "on" = ?', [day.isoformat()]).fetchone() is not None

    @writes("rest_days")
    def put_rest_day(self, day: date, rest: bool) -> None:
        if rest:
            self.db.execute('INSERT OR IGNORE INTO rest_days ("on") VALUES (?)', [day.isoformat()])
        else:
            self.db.execute('DELETE FROM rest_days WHERE "on" = ?', [day.isoformat()])

    # Which device last wrote to the journal's replica (tui/actions/replica.py)

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
