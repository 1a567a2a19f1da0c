"""Exports (Onward JSON, Markdown, CSV, the calendar feed) and the new files they and reports are written to,
as actions like any other. Screens and the command line call these; the store (tui.store.transfer,
tui.store.files) does the work. Each takes the moment it needs (today, and now for a calendar feed's stamp)
from its caller."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from tui.store import transfer
from tui.store import files
from tui.store.repository import Journal

EXPORT_FORMATS = transfer.EXPORT_FORMATS
EXPORT_SUFFIXES = transfer.EXPORT_SUFFIXES
CRLF_EXPORTS = transfer.CRLF_EXPORTS


def check_new_file(target: Path, journal_path: Path, *, force: bool = False) -> None:
    """Refuse (FileRefused) a target that is the journal or a companion, or exists unless `force`."""
    files.check_target(target, journals=[journal_path], force=force)


def write_file(target: Path, text: str | bytes, journal_path: Path, *, force: bool = False) -> Path:
    """Write a new private file (0600, all at once), never over the journal, nor an existing file unless `force`."""
    return files.write_private_file(target, text, journals=[journal_path], force=force)


def export_text(journal: Journal, kind: str, today: date, now: datetime) -> str | Iterator[str]:
    """The export of kind `kind` (EXPORT_FORMATS) as text, or in pieces for Onward JSON."""
    return transfer.export_text(journal, kind, today, now)


def export_to_file(journal: Journal, kind: str, target: Path, today: date, now: datetime, *, force: bool = False) -> Path:
    """Write the export of kind `kind` to a new private file at `target`; raises FileRefused saying why not."""
    return transfer.export_to_file(journal, kind, target, today, now, force=force)


def everything_as_json(journal: Journal) -> str:
    """The whole journal as Onward JSON text (what a pull compares before and after)."""
    return "".join(transfer.json_chunks(journal))
