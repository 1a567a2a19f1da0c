"""Provides the journal's reads and writes for many applications at once, for settling a bulk load (an import
of ten years): one statement per few hundred applications where the one-application methods of
tui/store/repository.py take one or two each. Beside `Journal` rather than in it while that class is being
split into modules; each function does what the `Journal` method it names does, for many."""

from __future__ import annotations

import json
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from tui.domain.inbox import haystack
from tui.domain.models import Application
from tui.store.repository import _IMPORTED_TABLES, FIELDS, Journal, writes

_json = json.JSONEncoder(ensure_ascii=False).encode


@writes
def put_rows(journal: Journal, table: str, records: Sequence[dict[str, Any]]) -> None:
    """`Journal.put_records` (whole records as they are: an import, ids and links decided), the rows made
    with less Python per value: lists and objects (feelings, gaps, a draft) as JSON text, an empty list
    without the encoder (ten years of steps: 0.3 s less)."""
    if table not in _IMPORTED_TABLES:
        raise ValueError(f"not an imported table: {table}")
    if not records:
        return
    columns = list(records[0])
    names = ", ".join(f'"{column}"' for column in columns)
    verb = "INSERT OR IGNORE" if table in ("rest_days", "win_tombstones", "drafts", "settings") else "INSERT"
    # The records of a table have one shape (tui.domain.onward_json reads each column as one type): the
    # columns holding a list or an object in the first hold one in every record.
    encoded = [index for index, column in enumerate(columns) if isinstance(records[0][column], (list, dict))]
    values = itemgetter(*columns) if len(columns) > 1 else lambda record: (record[columns[0]],)
    rows: list[Any] = [values(record) for record in records]
    if encoded:
        for number, row in enumerate(rows):
            row = rows[number] = list(row)
            for index in encoded:
                row[index] = "[]" if row[index] == [] else _json(row[index])
    journal.db.conn.executemany(f"{verb} INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)


def automatic_wins_of(journal: Journal, application_ids: Sequence[int]) -> dict[int, dict[str, tuple[int, str, int | None]]]:
    """For each of these applications (those with any), its automatic wins as
    `Journal.automatic_wins_held(application_id=...)` gives them: cause -> (id, day, application id)."""
    held: dict[int, dict[str, tuple[int, str, int | None]]] = {}
    if not application_ids:
        return held
    marks = ", ".join("?" * len(application_ids))
    rows = journal.db.conn.execute(
        f'SELECT id, cause, "on", application_id FROM wins WHERE application_id IN ({marks}) AND automatic = 1',
        list(application_ids),
    )
    for win_id, cause, on, application_id in rows:
        held.setdefault(application_id, {})[cause] = (win_id, on, application_id)
    return held


@writes("applications", spares=[FIELDS])
def put_application_summaries(journal: Journal, applications: Sequence[Application]) -> None:
    """`Journal.put_application_summary` for each of these applications, read with their timelines already:
    the status and last-heard day the timeline gives, and the text a filter searches."""
    journal.db.conn.executemany(
        "UPDATE applications SET status = ?, last_heard_on = ?, search = ? WHERE id = ?",
        [
            (app.status.value, app.last_heard_on.isoformat(), haystack(app.company, app.role, app.field), app.id)
            for app in applications
        ],
    )
