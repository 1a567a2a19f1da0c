"""Opening a journal, for the front ends: they name a file, the store opens it (and says why it cannot)."""

from __future__ import annotations

from pathlib import Path

from tui.domain.text import shown_path
from tui.store.database import ForeignWal, JournalError, StorageError, describe_sqlite_error
from tui.store.repository import Journal
from tui.store.schema import REPLICA_SETTING, STREAK_WINS_DUE


def open_journal(path: Path, *, create: bool = True, reading: bool = False) -> Journal:
    """The journal at `path`, made first when `create` (raises JournalError saying why it cannot be opened);
    `reading`: only read, so one that can't be written opens read-only."""
    journal = Journal.open(path, create=create, reading=reading)
    if not journal.read_only and journal.setting_text(STREAK_WINS_DUE) is not None:
        _settle_streak_wins(journal)
    return journal


def set_aside(error: JournalError) -> str:
    """What opening moved aside, when `error` says it found another database's -wal beside the journal (the
    journal itself untouched, so a command that only reads may go on); '' for any other refusal."""
    return error.moved if isinstance(error, ForeignWal) else ""


def _settle_streak_wins(journal: Journal) -> None:
    """The streak milestones' wins after a migration added steps (longer runs reach others): settled once, in
    one transaction with forgetting that they were due."""
    from tui.actions.automatic_wins import refresh_automatic_wins

    with journal.transaction():
        refresh_automatic_wins(journal, streak=True)
        journal.put_setting(STREAK_WINS_DUE, None)


def damage_found(path: Path) -> str:
    """What to say of the journal at `path` when some of it can't be read ('' when it reads soundly): a journal
    damaged where the first screen does not look opens as if nothing were wrong, and a change may then be
    refused ("damaged or not an Onward journal") after it was typed. Takes a while on a long history: not
    on the screen's thread."""
    from tui.paths import onward_command
    from tui.store.backups import reads_soundly  # (only the app looks: `onward add` doesn't load it)

    if reads_soundly(path):
        return ""
    check = onward_command(path, "check")
    return (
        f"{shown_path(path)} is damaged: some of it can't be read. `{check}` says what, and names the newest "
        "sound backup to restore; until then a change may not be saved."
    )


def check_opens(path: Path, *, reading: bool = False) -> None:
    """Open the journal at `path` and close it again: a bad file is reported (JournalError) before anything starts.
    `reading`: one that can't be written will do (it opens to be looked at only)."""
    Journal.open(path, reading=reading).close()


def looking_only(journal: Journal) -> str:
    """Why nothing can be written to this journal, and what to do ('' when it can be written): the one refusal
    every write gets when the journal was opened read-only (a backup disk, a copy in a shared folder)."""
    if not journal.read_only:
        return ""
    from tui.paths import onward_command

    copy = onward_command(journal.path, "backup", "-o", "COPY.db")
    return (
        f"Looking only: {shown_path(journal.path)} can't be written ({journal.read_only}). To change anything, copy it "
        f"where you can write ({copy}) and open the copy, or make it writable."
    )


def describe_error(path: Path, error: StorageError) -> str:
    """The one line that says why the journal at `path` could not be used (an SQLite error, in words)."""
    return describe_sqlite_error(path, error)


def has_replica(journal: Journal) -> bool:
    """Whether a replica was ever chosen for the journal. When not (most journals), no other device can have
    written there and a write need not ask tui.actions.replica.may_write, whose Litestream modules then stay
    unloaded (~3 ms of `onward add`); when so, may_write has the answer."""
    return bool(journal.setting_text(REPLICA_SETTING))
