"""Provides backups of the journal: consistent copies made with SQLite's backup API (never a copy of the
file, which can miss what sits in the -wal file or catch a write half-done), the daily automatic ones kept
in a `backups/` folder beside the journal, putting a backup back in place, and a health check."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tui.domain.text import number, plural, shown_path
from tui.store.database import (
    BUSY_TIMEOUT_MS,
    Database,
    ForeignWal,
    JournalError,
    JournalMissing,
    NewerJournal,
    _applied_migrations,
    _migrate,
    _missing_columns,
    _missing_tables,
    check_journal_file,
    describe_sqlite_error,
    newer_onward,
    read_only_connection,
    why_unwritable,
)
from tui.store.files import FileRefused, _is_same_file, journal_family, write_private_file
from tui.store.schema import APPLICATION_ID, JOURNAL_SETTING, SCHEMA_VERSION, SQLITE_MAGIC

BACKUP_FOLDER = "backups"
AUTOMATIC_KEPT = 7
"""How many automatic backups are kept: a week of days the app was opened."""

AUTOMATIC = "auto"
BEFORE_RESTORE = "before-restore"
BEFORE_IMPORT = "before-import"

# journal-2026-12-04-1530.db, journal-2026-12-04-1530-2.db (a second one in that minute),
# journal-2026-12-04-0912-auto.db, journal-2026-12-04-1530-before-restore.db
_NAME = r"-(?P<day>\d{4}-\d{2}-\d{2})-(?P<clock>\d{4})(?:-(?P<count>\d+))?(?:-(?P<kind>auto|before-restore|before-import))?\.db"

PROBLEMS_SHOWN = 2
"""A damaged journal can list a hundred problems; a person needs the first few."""


def backup_folder(journal: Path) -> Path:
    """The folder beside the journal that holds its backups."""
    return Path(journal).parent / BACKUP_FOLDER


@dataclass(frozen=True)
class Backup:
    """One backup file in the folder beside the journal, as its name describes it."""

    path: Path
    day: date
    kind: str
    """'' for one asked for, AUTOMATIC, or BEFORE_RESTORE."""


def backups_of(journal: Path) -> list[Backup]:
    """The backups of `journal` in its backups folder, oldest first (by the day and time in their names, then
    by when each was written)."""
    pattern = re.compile(re.escape(Path(journal).stem) + _NAME)
    found = []
    try:
        entries = list(backup_folder(journal).iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_file():
            continue
        try:
            day = date.fromisoformat(match.group("day"))
        except ValueError:
            continue
        try:
            written = entry.stat().st_mtime_ns
        except OSError:
            continue
        # Within one minute, the order they were written in: an automatic backup and one asked for share a
        # minute with no count between them (check named the older one "newest", losing what came after it).
        found.append((match.group("day"), match.group("clock"), written, int(match.group("count") or 0), entry, day, match.group("kind") or ""))
    found.sort(key=lambda item: item[:4])
    return [Backup(entry, day, kind) for *_, entry, day, kind in found]


def _clock() -> str:
    # The time of day only tells backups of one day apart; which day it is comes from the caller's today.
    return time.strftime("%H%M")


def default_backup_path(journal: Path, today: date, kind: str = "") -> Path:
    """A name not yet taken in the backups folder: journal-2026-12-04-1530.db (…-2.db for a second one that minute)."""
    journal = Path(journal)
    folder = backup_folder(journal)
    ending = f"-{kind}" if kind else ""
    stem = f"{journal.stem}-{today.isoformat()}-{_clock()}"
    candidate = folder / f"{stem}{ending}.db"
    count = 1
    while os.path.lexists(candidate):
        count += 1
        candidate = folder / f"{stem}-{count}{ending}.db"
    return candidate


def _make_folder(folder: Path) -> None:
    """The backups folder, private (0700): it holds the whole journal, several times over."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise FileRefused(f"Can't create the folder {shown_path(folder)}: {error.strerror}. Nothing was written.") from error
    if folder.is_symlink() or not folder.is_dir():
        raise FileRefused(f"{shown_path(folder)} is not a folder; move it away so backups can be kept there. Nothing was written.")
    try:
        os.chmod(folder, 0o700)  # mkdir's mode is reduced by the umask; an existing folder is made private too
    except OSError:
        pass  # someone else's folder: the files in it are still private


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads. Not SQLite's mode=ro, which leaves -wal and -shm files behind it: this
    one, the last to close, tidies them away as Onward's own connections do (mode=rw never creates a file).
    A journal that can't be written (a backup disk, a copy in a shared folder) is read as the app looks at it."""
    if why_unwritable(Path(path)):
        return read_only_connection(Path(path))
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _snapshot(path: Path) -> sqlite3.Connection:
    """An in-memory copy of the journal at `path` as last committed: the backup API reads it in one
    transaction, so what another connection is writing (and has not committed) is left out, and what sits
    in the -wal file is included."""
    memory = sqlite3.connect(":memory:")
    try:
        with closing(_open_read_only(path)) as source:
            source.backup(memory)
    except sqlite3.Error as error:
        memory.close()
        raise JournalError(describe_sqlite_error(path, error)) from error
    return memory


def _file_bytes(memory: sqlite3.Connection) -> bytes:
    """The copy as the bytes of a file that stands alone: no -wal file is needed or made beside it."""
    content = bytearray(memory.serialize())
    # Header bytes 18 and 19 (the file format's write and read versions) say 2 for a WAL journal and 1 for
    # the rollback journal; a copy marked WAL would make -wal and -shm files beside it when opened.
    content[18] = content[19] = 1
    return bytes(content)


def _existing_journal(journal: Path) -> None:
    if not os.path.lexists(journal):
        raise JournalMissing(f"no journal at {shown_path(journal)}; check the path. Nothing was created.")
    check_journal_file(journal)
    newer = _newer(journal, "back it up")
    if newer:
        raise NewerJournal(newer)


def _newer(path: Path, to: str) -> str:
    try:
        return newer_onward(path, to=to)
    except sqlite3.Error as error:
        raise JournalError(describe_sqlite_error(path, error)) from error


def write_backup(journal: Path, target: Path | None = None, *, today: date, force: bool = False, kind: str = "") -> Path:
    """Write a consistent copy of `journal` to `target` (default: a new name in the backups folder), 0600.

    Never over the journal or its -wal/-shm files, nor over an existing file unless `force`; raises
    JournalError for the journal, FileRefused for the target.
    """
    journal = Path(journal)
    _existing_journal(journal)
    if target is None:
        _make_folder(backup_folder(journal))
        target = default_backup_path(journal, today, kind)
    with closing(_snapshot(journal)) as memory:
        content = _file_bytes(memory)
    return write_private_file(Path(target), content, journals=[journal], force=force)


def automatic_backups(journal: Path) -> list[Backup]:
    """The automatic backups of `journal`, oldest first."""
    return [backup for backup in backups_of(journal) if backup.kind == AUTOMATIC]


def backup_before_import(journal: Path, today: date) -> Path:
    """The journal as it was before an import, kept beside the others (the newest AUTOMATIC_KEPT of them)."""
    journal = Path(journal)
    written = write_backup(journal, today=today, kind=BEFORE_IMPORT)
    for old in [backup for backup in backups_of(journal) if backup.kind == BEFORE_IMPORT][:-AUTOMATIC_KEPT]:
        try:
            old.path.unlink()
        except FileNotFoundError:
            pass
    return written


def automatic_backup(journal: Path, today: date) -> Path | None:
    """Today's automatic backup, unless there is one already (None); keeps the newest AUTOMATIC_KEPT."""
    journal = Path(journal)
    if any(backup.day == today for backup in automatic_backups(journal)):
        return None
    written = write_backup(journal, today=today, kind=AUTOMATIC)
    for old in automatic_backups(journal)[:-AUTOMATIC_KEPT]:
        try:
            old.path.unlink()
        except FileNotFoundError:
            pass
    return written


# What a journal holds, in a few figures


@dataclass(frozen=True)
class Contents:
    """What a journal holds, in the figures a person recognises it by."""

    applications: int
    reflections: int
    wins: int
    last_day: date | None
    """The latest day anything was dated (an application, a step, a reflection, a win)."""
    steps: int = 0
    """Steps of every kind (a journal that differs only in its steps was described as the same one)."""
    journal_id: str | None = field(default=None, compare=False)
    """Which journal this is (the same in every copy of it: `JOURNAL_SETTING`); None when it can't be read
    (a journal from before Onward kept one)."""

    @property
    def holds_anything(self) -> bool:
        return bool(self.applications or self.steps or self.reflections or self.wins)

    def describe(self) -> str:
        counted = ", ".join(
            plural(count, name)
            for count, name in (
                (self.applications, "application"), (self.steps, "step"), (self.reflections, "reflection"), (self.wins, "win"),
            )
        )
        last = f"last entry {self.last_day.isoformat()}" if self.last_day else "nothing dated yet"
        return f"{counted}; {last}"


def _contents(conn: sqlite3.Connection) -> Contents:
    counts = conn.execute(
        "SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM reflections), (SELECT count(*) FROM wins), "
        "(SELECT count(*) FROM actions)"
    ).fetchone()
    last = conn.execute(
        'SELECT max(day) FROM (SELECT max("on") AS day FROM actions UNION ALL SELECT max("on") FROM reflections '
        'UNION ALL SELECT max("on") FROM wins UNION ALL SELECT max(applied_on) FROM applications)'
    ).fetchone()[0]
    try:
        last_day = date.fromisoformat(last) if last else None
    except ValueError:
        last_day = None
    return Contents(counts[0], counts[1], counts[2], last_day, counts[3], _journal_id(conn))


def _journal_id(conn: sqlite3.Connection) -> str | None:
    """The journal's own id as its settings hold it (Journal.journal_id's reading, from a bare connection)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [JOURNAL_SETTING]).fetchone()
        value = json.loads(row[0]) if row and row[0] else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    return value if isinstance(value, str) else None


def _problems(conn: sqlite3.Connection) -> list[str]:
    """What integrity_check and foreign_key_check find, in words; empty when the journal is sound."""
    # One row per problem, but the first may hold several lines under a "*** in database main ***" heading.
    found = [
        line.strip() for (row,) in conn.execute("PRAGMA integrity_check") for line in str(row).splitlines()
        if line.strip() not in ("ok", "") and not line.startswith("***")
    ]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        found.append(f"{table} row {rowid} points to a missing {parent} row")
    return found


def reads_soundly(journal: Path) -> bool:
    """Whether SQLite's quick_check finds the journal's pages sound (no index checks: ~30–120 ms on ten years,
    against integrity_check's ~800 ms); its own connection, so it can run off the screen's thread."""
    try:
        with closing(_open_read_only(Path(journal))) as conn:
            return [row for (row,) in conn.execute("PRAGMA quick_check(1)")] == ["ok"]
    except sqlite3.DatabaseError as error:
        return not _unreadable(error)  # busy or locked: nothing found wrong


def _summarised(problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    shown = "; ".join(problems[:PROBLEMS_SHOWN])
    more = len(problems) - PROBLEMS_SHOWN
    return f"{number(len(problems))} problems: {shown}" + (f"; and {number(more)} more" if more > 0 else "")


# Checking the journal


@dataclass(frozen=True)
class Health:
    """What `onward check` found."""

    problems: list[str]
    contents: Contents | None = None
    """What the journal holds, when it could be read."""
    newest_backup: Path | None = None
    """The newest backup that is itself sound, looked for only when the journal is damaged."""
    newer: str = ""
    """Why the journal was left unread: a newer Onward made it ('' when not)."""
    notes: tuple[str, ...] = ()
    """What was done before checking (a foreign -wal moved aside), one line each."""

    @property
    def healthy(self) -> bool:
        return not self.problems and not self.newer

    def describe(self) -> str:
        if self.newer:
            return self.newer
        if self.healthy and self.contents is not None:
            return f"Journal is healthy: {self.contents.describe()}."
        return f"Journal is damaged: {_summarised(self.problems)}."


def check_journal(journal: Path) -> Health:
    """Run integrity_check and foreign_key_check on `journal` without changing it; raises JournalMissing."""
    journal = Path(journal)
    if not os.path.lexists(journal):
        raise JournalMissing(f"no journal at {shown_path(journal)}; check the path. Nothing was created.")
    problems: list[str] = []
    notes: list[str] = []
    contents = None
    try:
        try:
            check_journal_file(journal)
        except ForeignWal as moved:
            notes.append(moved.moved)
        except JournalError:
            if journal.is_symlink() or not journal.is_file():
                raise  # not damage: the message says what to do
            raise JournalError("its first page does not read as an Onward journal (overwritten or cut short)") from None
        newer = newer_onward(journal, to="check it")
        if newer:
            return Health([], None, newer=newer, notes=tuple(notes))
        with closing(_open_read_only(journal)) as conn:
            problems = _problems(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                missing = _missing_tables(Database(conn)) or _missing_columns(Database(conn))
                problems += [f"{name} is missing" for name in missing]
            if not problems:
                contents = _contents(conn)
    except JournalError as error:
        if journal.is_symlink() or not journal.is_file():
            raise
        problems.append(str(error))
    except sqlite3.Error as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise JournalError(describe_sqlite_error(journal, error)) from error
        problems.append(str(error))
    if not problems:
        return Health([], contents, notes=tuple(notes))
    return Health(problems, contents, newest_sound_backup(journal), notes=tuple(notes))


def newest_sound_backup(journal: Path) -> Path | None:
    """The newest backup of `journal` (not one kept before a restore) that passes the checks a restore makes."""
    for backup in reversed(backups_of(journal)):
        if backup.kind == BEFORE_RESTORE:
            continue
        for _ in range(2):  # again once a foreign -wal beside it was moved away
            try:
                with closing(_checked_copy(backup.path)):
                    return backup.path
            except ForeignWal:
                continue
            except JournalError:
                break
    return None


# Restoring a backup


def _damaged_journal(path: Path) -> bool:
    """Whether a file whose header does not read as an Onward journal is one that was damaged (zeroed or cut
    short where the header is), rather than someone's other file: empty, cut inside the header, or holding
    the schema of Onward's own tables (SQLite keeps it near the start of the file)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            start = handle.read(_SCHEMA_LOOKED_FOR_IN)
    except OSError:
        return False
    if start.startswith(SQLITE_MAGIC):
        return int.from_bytes(start[68:72], "big") == APPLICATION_ID  # another program's database is not ours to replace
    return not start or SQLITE_MAGIC.startswith(start) or all(table in start for table in _ONWARD_SCHEMA)


_SCHEMA_LOOKED_FOR_IN = 4 * 1024 * 1024
_ONWARD_SCHEMA = (b"CREATE TABLE applications (", b"CREATE TABLE win_tombstones (")


def _checked_copy(source: Path) -> sqlite3.Connection:
    """An in-memory copy of the backup at `source`, checked and brought up to this Onward's schema;
    raises JournalError (nothing anywhere was changed)."""
    if not source.is_symlink() and source.is_file() and source.stat().st_size == 0:  # (a journal's words: "point Onward at…")
        raise JournalError(f"{shown_path(source)} is an empty file, not a backup Onward can restore; choose another backup. Nothing was changed.")
    check_journal_file(source)
    try:
        newer = newer_onward(source, to="restore it")
    except sqlite3.Error as error:
        raise _not_restorable(source, error) from error
    if newer:
        raise NewerJournal(newer)
    try:
        memory = _snapshot(source)
    except JournalError as error:
        if isinstance(error.__cause__, sqlite3.Error):
            raise _not_restorable(source, error.__cause__) from error.__cause__
        raise
    try:
        db = Database(memory)
        version = memory.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION or len(_applied_migrations(db)) > SCHEMA_VERSION:
            raise JournalError(
                f"{shown_path(source)} was written by a newer Onward (schema {version}, this one knows {SCHEMA_VERSION}); "
                "update Onward to restore it. Nothing was changed."
            )
        if version == 0:
            raise JournalError(f"{shown_path(source)} is an empty Onward journal, not a backup of one. Nothing was changed.")
        problems = _problems(memory)
        if problems:
            raise JournalError(f"{shown_path(source)} is damaged ({_summarised(problems)}); choose another backup. Nothing was changed.")
        if version < SCHEMA_VERSION:
            _migrate(db)  # so an Onward window open on the journal reads it as it reads its own
        missing = _missing_tables(db) + _missing_columns(db)
        if missing:
            raise JournalError(f"{shown_path(source)} is damaged (missing {', '.join(missing)}); choose another backup. Nothing was changed.")
    except sqlite3.Error as error:
        memory.close()
        raise _not_restorable(source, error) from error
    except BaseException:
        memory.close()
        raise
    return memory


def _not_restorable(source: Path, error: sqlite3.Error) -> JournalError:
    """Why the backup at `source` can't be restored, said as a backup (a journal's own words say to restore one)."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return JournalError(f"{shown_path(source)} is damaged (cut short or overwritten); choose another backup. Nothing was changed.")
    return JournalError(describe_sqlite_error(source, error))


@dataclass
class Restore:
    """A checked backup ready to replace the journal, and what each of them holds; `close` it when done."""

    source: Path
    journal: Path
    incoming: Contents
    current: Contents | None
    """None when there is no journal (or it can't be read: `current_problem` says why)."""
    current_problem: str = ""
    _copy: sqlite3.Connection | None = field(default=None, repr=False)

    @property
    def another_journal(self) -> bool:
        """True when the file is a copy of another journal than the one it would replace (their ids differ),
        and that one holds something to lose; False when it is this journal's, or either can't say."""
        current, incoming = self.current, self.incoming
        return (
            current is not None and current.holds_anything and current.journal_id is not None
            and incoming.journal_id is not None and incoming.journal_id != current.journal_id
        )

    def close(self) -> None:
        if self._copy is not None:
            self._copy.close()
            self._copy = None


@contextmanager
def prepared_restore(source: Path, journal: Path) -> Iterator[Restore]:
    """Check the backup at `source` and read what it and `journal` hold, changing nothing; raises JournalError."""
    source, journal = Path(source), Path(journal)
    for protected in journal_family(journal):
        if _is_same_file(source, protected):
            raise JournalError(f"{shown_path(source)} is the journal itself (or a file SQLite keeps beside it); give a backup. Nothing was changed.")
    damaged = ""
    if os.path.lexists(journal):
        try:
            check_journal_file(journal)
        except ForeignWal:
            raise
        except JournalError:
            if not _damaged_journal(journal):
                raise JournalError(
                    f"{shown_path(journal)} does not read as an Onward journal, so restore won't replace it; move it away (it may "
                    "still hold your data), then restore again. Nothing was changed."
                ) from None
            damaged = "its first page does not read as an Onward journal (overwritten or cut short)"
    copy = _checked_copy(source)
    plan = Restore(source, journal, _contents(copy), None, damaged, _copy=copy)
    try:
        if os.path.lexists(journal) and not damaged:
            try:
                with closing(_open_read_only(journal)) as conn:
                    plan.current = _contents(conn)
            except sqlite3.Error as error:
                plan.current_problem = describe_sqlite_error(journal, error)
        yield plan
    finally:
        plan.close()


def restore(plan: Restore, today: date) -> Path | None:
    """Replace the journal with the checked backup, keeping the journal it replaces as a backup first
    (its path is returned; None when there was no journal).

    One exclusive step: the journal's write lock is taken before the copy to keep is read and held until the
    backup is in place, in one transaction on the journal itself, so a writer (the app, another command)
    waits or is told it is locked, and every write it was told had succeeded is in the kept copy or after
    the restore in the journal. An Onward window open on it reads the restored journal on its next look. A
    journal that no longer reads as one (zeroed, cut short: nothing can write to it) is kept byte for byte
    and the backup put in its place."""
    if plan._copy is None:
        raise ValueError("this restore was closed")
    journal = plan.journal
    if not os.path.lexists(journal):
        _new_journal_from(plan._copy, journal)
        return None
    kept = _restore_in_place(plan._copy, journal, today)
    if kept is None:
        kept = _restore_over_damage(plan._copy, journal, today)
    return kept


def _tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table's columns, in order (SQLite's own tables left out)."""
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    )]
    return {name: [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')] for name in names}


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """Every table, index and trigger as SQLite keeps its definition."""
    return conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
    ).fetchall()


def _keep(journal: Path, content: bytes, today: date) -> Path:
    """The journal as it was, written (0600) as a `…-before-restore.db` backup beside the others."""
    _make_folder(backup_folder(journal))
    return write_private_file(default_backup_path(journal, today, BEFORE_RESTORE), content, journals=[journal])


def _restore_in_place(copy: sqlite3.Connection, journal: Path, today: date) -> Path | None:
    """Restore under the journal's write lock, row by row in one transaction; the kept copy's path, or None
    when the journal can't be read or its tables differ from the backup's (then no one can write to it)."""
    try:
        lock = sqlite3.connect(str(journal), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise JournalError(describe_sqlite_error(journal, error)) from error
    with closing(lock):
        try:
            lock.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            lock.execute("PRAGMA foreign_keys = OFF")  # every row is replaced, from a backup whose links were checked
            lock.execute("BEGIN IMMEDIATE")  # the write lock: in WAL mode readers carry on, writers wait
        except sqlite3.DatabaseError as error:
            if _unreadable(error):
                return None
            raise JournalError(describe_sqlite_error(journal, error)) from error
        try:
            try:
                tables = _tables(lock)
                # Read by a second connection: what is committed is all there is while the lock is held.
                with closing(sqlite3.connect(":memory:")) as memory:
                    with closing(_open_read_only(journal)) as reader:
                        reader.backup(memory)
                    content = _file_bytes(memory)
            except sqlite3.DatabaseError as error:
                if _unreadable(error):
                    return None
                raise
            if tables != _tables(copy) or _schema(lock) != _schema(copy):
                lock.execute("ROLLBACK")
                kept = _keep(journal, content, today)
                _copy_into(copy, journal)  # a damaged journal Onward won't write to: the backup API, all at once
                return kept
            kept = _keep(journal, content, today)
            # The triggers (steps per day, migration 11) are set aside while every row is copied as the backup
            # has it, then made again, all in this transaction: no one ever sees the journal without them, and
            # copying ten years takes a third of the time.
            triggers = lock.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
            for name, _ in triggers:
                lock.execute(f'DROP TRIGGER "{name}"')
            for name in tables:
                lock.execute(f'DELETE FROM "{name}"')
                columns = ", ".join(f'"{column}"' for column in tables[name])
                marks = ", ".join("?" for _ in tables[name])
                lock.executemany(
                    f'INSERT INTO "{name}" ({columns}) VALUES ({marks})', copy.execute(f'SELECT {columns} FROM "{name}"')
                )
            for _, sql in triggers:
                lock.execute(sql)
            lock.execute(f"PRAGMA user_version = {int(copy.execute('PRAGMA user_version').fetchone()[0])}")
            lock.execute("COMMIT")
        except sqlite3.Error as error:
            if lock.in_transaction:
                lock.execute("ROLLBACK")
            raise JournalError(describe_sqlite_error(journal, error)) from error
        except BaseException:
            if lock.in_transaction:
                lock.execute("ROLLBACK")
            raise
        try:
            lock.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass  # restored and committed; the checkpoint is only tidying, and the next one does it
    return kept


def _unreadable(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _restore_over_damage(copy: sqlite3.Connection, journal: Path, today: date) -> Path:
    """The journal that no longer reads as one kept byte for byte (its -wal beside the kept copy, so opening
    that replays it), then the backup moved into its place whole."""
    try:
        content = journal.read_bytes()
    except OSError as error:
        raise JournalError(f"{shown_path(journal)} can't be read to keep it before the restore: {error.strerror}. Nothing was changed.") from error
    kept = _keep(journal, content, today)
    wal, shm = Path(f"{journal}-wal"), Path(f"{journal}-shm")
    if os.path.lexists(wal):
        os.replace(wal, Path(f"{kept}-wal"))
    if os.path.lexists(shm):
        shm.unlink()
    incoming = journal.parent / f".{journal.name}.{os.getpid()}.restore"
    write_private_file(incoming, _file_bytes(copy), force=True)
    os.replace(incoming, journal)
    return kept


def _copy_into(copy: sqlite3.Connection, journal: Path) -> None:
    try:
        with closing(sqlite3.connect(str(journal), timeout=BUSY_TIMEOUT_MS / 1000)) as target:
            target.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            wal = target.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            incoming = copy.execute("PRAGMA page_size").fetchone()[0]
            if wal and target.execute("PRAGMA page_size").fetchone()[0] != incoming:
                raise JournalError(
                    f"The backup's page size ({incoming} bytes) differs from {shown_path(journal)}'s; quit Onward everywhere, "
                    "move the journal away and restore again. Nothing was changed."
                )
            # One step: the whole copy is written in one transaction, all or nothing. In WAL mode the
            # journal stays in WAL mode and readers (an open Onward) carry on, seeing the new content next.
            copy.backup(target)
            if not wal:
                target.execute("PRAGMA journal_mode = WAL")
            target.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error as error:
        raise JournalError(describe_sqlite_error(journal, error)) from error


def _new_journal_from(copy: sqlite3.Connection, journal: Path) -> None:
    """The journal made afresh from the copy (it was deleted or never there): private, whole or not at all."""
    try:
        journal.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(journal, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as error:
        raise JournalError(f"Can't create {shown_path(journal)}: {error.strerror}. Nothing was changed.") from error
    os.close(descriptor)
    os.chmod(journal, 0o600)
    try:
        _copy_into(copy, journal)
    except BaseException:
        for leftover in journal_family(journal):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass
        raise
