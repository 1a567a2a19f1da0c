"""Backup, restore and check: what a person does with the journal file as a whole, as actions like any other.
The app, its dialogs and the command line call these; the store (tui.store.backups) does the work. Each
takes the day it needs from its caller."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from tui.store import backups as store
from tui.store.backups import Health, Restore


def write_backup(journal_path: Path, target: Path | None = None, *, today: date, force: bool = False) -> Path:
    """Back the journal up now: to `target`, or a new name in the backups folder beside it. Returns where."""
    return store.write_backup(journal_path, target, today=today, force=force)


def automatic_backup(journal_path: Path, today: date) -> Path | None:
    """Today's automatic backup, unless there is one already (None); the newest few are kept."""
    return store.automatic_backup(journal_path, today)


def prepared_restore(source: Path, journal_path: Path) -> AbstractContextManager[Restore]:
    """The backup at `source` checked, with what it and the journal hold, changing nothing (a context)."""
    return store.prepared_restore(source, journal_path)


def restore(plan: Restore, today: date) -> Path | None:
    """Replace the journal with the checked backup, keeping the one replaced (its path; None when there was none)."""
    return store.restore(plan, today)


def check_journal(journal_path: Path) -> Health:
    """How the journal reads: sound or what is wrong, and the newest sound backup."""
    return store.check_journal(journal_path)


def backup_folder(journal_path: Path) -> Path:
    """The folder beside the journal where its backups are kept."""
    return store.backup_folder(journal_path)


def backups_of(journal_path: Path) -> list[store.Backup]:
    """The journal's backups in the folder beside it, oldest first."""
    return store.backups_of(journal_path)
