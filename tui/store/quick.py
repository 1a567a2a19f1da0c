"""Provides the shell prompt's read: steps per day and rest days, with plain sqlite3 opened read-only.

It answers only for an ordinary, current journal; anything unusual returns None so that the full command
runs instead and reports it (no journal, not a journal, an older or newer schema, a locked file).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from tui.store.schema import APPLICATION_ID, SCHEMA_VERSION, SQLITE_MAGIC, WEEKDAY_NAMES

def steps_and_rest(path: Path) -> tuple[dict[date, int], frozenset[int] | None, frozenset[date]] | None:
    """(steps per day, rest weekdays or None for the default, rest days), or None when the full path should answer."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with path.open("rb") as handle:
            header = handle.read(100)
        if len(header) < 100 or not header.startswith(SQLITE_MAGIC) or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
            return None
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            steps = {date.fromisoformat(day): count for day, count in connection.execute('SELECT "on", count(*) FROM actions GROUP BY "on"')}
            row = connection.execute("SELECT value FROM settings WHERE key = 'rest_weekdays'").fetchone()
            weekdays = frozenset(WEEKDAY_NAMES.index(name) for name in json.loads(row[0])) if row else None
            rest_days = frozenset(date.fromisoformat(day) for (day,) in connection.execute('SELECT "on" FROM rest_days'))
        finally:
            connection.close()
    except (OSError, sqlite3.Error, ValueError, TypeError):
        return None
    return steps, weekdays, rest_days
