"""Provides safe opening of a journal file: checks before touching it, private permissions, pragmas, migrations."""

from __future__ import annotations

import _thread
import os
import sqlite3
import stat
import struct
import time
from contextlib import closing
from pathlib import Path

from typing import Any

from tui.domain.text import shown_path
from tui.store.schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION, SQLITE_MAGIC

BUSY_TIMEOUT_MS = 5000

# A value Python's sqlite3 binds other than an int, float or text (None, True, False) is first offered to an
# adapter; with none registered, Python 3.11 looks for one by failing an attribute lookup on its protocol,
# which words an AttributeError each time (~3,300 instructions a value: 11% of importing ten years, ~320,000
# of them). Registered, each is answered at once: None is bound as NULL and a truth value as 1 or 0, as before.
_NOTHING: dict[None, None] = {}
sqlite3.register_adapter(type(None), _NOTHING.get)  # _NOTHING.get(None) is None, bound as NULL (no Python call)
sqlite3.register_adapter(bool, int)


class Database:
    """The journal's open SQLite connection, as the store uses it (`execute`, `conn`, `close`). sqlite-utils
    (~40 ms to import, with its plugins) is loaded only when a journal is started or migrated, which keeps
    the first paint and `onward streak --short` quicker."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, read_only: str = "") -> None:
        self.conn = conn
        self._file = _held(path) if path is not None else None
        self.read_only = read_only
        """Why the journal can't be written ('' when it can): opened read-only, as `why_unwritable` said."""

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        """Run one statement as sqlite-utils' `execute` does, which the store relies on: a write outside a
        transaction is committed at once, and a failed one leaves no transaction open behind it."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and _first_word(sql) not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def close(self) -> None:
        self.conn.close()
        if self._file is not None:
            _release(self._file)
            self._file = None


# Files this process has open through SQLite, by (device, inode), with how many connections. On POSIX,
# closing *any* descriptor of a file drops every lock the process holds on it; SQLite guards its own
# descriptors against that, but a plain open() and close() of the journal — reading its header — while a
# connection is open would silently drop that connection's locks, and another process could then
# checkpoint and delete the -wal under it, losing writes. So the header is read only from files this
# process does not have open yet (tests/store/test_reliability.py keeps the two-process case).
_OPEN_FILES: dict[tuple[int, int], int] = {}
# threading.Lock is this very function: called here, every command is spared loading threading (~0.5 ms).
_OPEN_FILES_LOCK = _thread.allocate_lock()


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _held(path: Path) -> tuple[int, int] | None:
    key = _file_key(path)
    if key is not None:
        with _OPEN_FILES_LOCK:
            _OPEN_FILES[key] = _OPEN_FILES.get(key, 0) + 1
    return key


def _release(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    with _OPEN_FILES_LOCK:
        left = _OPEN_FILES.get(key, 0) - 1
        if left > 0:
            _OPEN_FILES[key] = left
        else:
            _OPEN_FILES.pop(key, None)


def is_open_here(path: Path) -> bool:
    """True while this process has the file open through SQLite (so nothing may open() and close() it)."""
    key = _file_key(path)
    with _OPEN_FILES_LOCK:
        return key is not None and key in _OPEN_FILES


_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def _first_word(sql: str) -> str:
    """The statement's first keyword, upper-cased (the store's own SQL never starts with a comment)."""
    words = sql.lstrip(" \t\r\n;\ufeff").split(None, 1)
    return words[0].upper().rstrip(";") if words else ""


def _migrate(db: Database) -> None:
    """Apply the migrations this journal lacks (each in its own transaction), through sqlite-utils."""
    from sqlite_utils import Database as Migratable

    from tui.store.migrations import MIGRATIONS

    MIGRATIONS.migrations.apply(Migratable(db.conn))


def _applied_migrations(db: Database) -> list[str]:
    """The names of the migrations recorded in the journal (sqlite-utils' table), oldest first."""
    present = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    if present is None:
        return []
    rows = db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'onward' ORDER BY rowid")
    return [name for (name,) in rows]

# Every table and column the migrations make; a test keeps this in step with migrations.py. Checked on each
# open (one query) so a damaged journal is reported before anything reads or writes it.
JOURNAL_COLUMNS = {
    "applications": frozenset(
        "id company role field source url notes applied_on follow_up_on created_at status last_heard_on search "
        "merged_away settled_through".split()
    ),
    "events": frozenset("id application_id on kind stage note created_at takes_place_on held moved_from day_unknown said_on".split()),
    "actions": frozenset(
        "id on kind note application_id event_id automatic created_at reflection_id person_id gaps".split()
    ),
    "reflections": frozenset(
        "id application_id on mood feelings stage went_well do_differently gaps stumbles next_step next_step_on "
        "talk_to body updated_at next_step_done_on feedback".split()
    ),
    "wins": frozenset("id on title kind note application_id automatic cause seen created_at".split()),
    "rest_days": frozenset({"on"}),
    "settings": frozenset({"key", "value"}),
    "drafts": frozenset({"key", "value", "updated_at"}),
    "win_tombstones": frozenset({"cause"}),
    "people": frozenset("id name relation note created_at".split()),
    "step_days": frozenset({"on", "steps"}),
    "replica_writer": frozenset("id device_id device_name url txid at".split()),
}
JOURNAL_TABLES = frozenset(JOURNAL_COLUMNS)


StorageError = sqlite3.Error
"""What SQLite raises; front ends catch it under this name as a last safety net, without importing sqlite3."""


class JournalError(Exception):
    """The journal cannot be opened or written; the message is one line for the user."""


class JournalMissing(JournalError):
    """There is no journal at the path, and the command only reads, so none was created."""


class ForeignWal(JournalError):
    """A -wal file beside the journal was another database's; it was moved aside unread (the message says where)."""

    def __init__(self, moved: str) -> None:
        # A file was moved, so "nothing was changed" would not be true: the journal was not.
        super().__init__(f"{moved} The journal was not changed; run the command again.")
        self.moved = moved
        """What was done, in one sentence (for a report that goes on to check the journal)."""


class NewerJournal(JournalError):
    """The journal was written by a newer Onward; it was read without changing anything, and is not opened."""


# A -wal file beside a journal is replayed into it by SQLite whatever database it came from: SQLite checks
# that the frames belong to the -wal file (its salts), never that the -wal belongs to the journal. One put
# there by a synced folder or a copy would overwrite the journal's pages. So before any connection opens a
# journal (or a backup), the -wal beside it is read: the page size must be the file's, and the newest
# committed page 1 in it, if any, must be an Onward journal's first page. (Checksums are not recomputed:
# reading every frame in Python would cost a second on a full -wal; a frame that fails them is one SQLite
# ignores anyway, and only a torn write of page 1 could make the two readings differ.)
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_FRAME_HEADER = 24


def _page_size(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _is_foreign_wal(path: Path) -> bool:
    """True when `path`-wal holds committed frames that SQLite would replay but that are not `path`'s."""
    try:
        with path.open("rb") as handle:
            main = handle.read(100)
        with open(f"{path}-wal", "rb") as log:
            header = log.read(_WAL_HEADER)
            if len(header) < _WAL_HEADER:
                return False  # SQLite ignores a -wal too short to have a header
            magic, _, page_size, _, salt1, salt2 = struct.unpack(">6I", header[:24])
            if magic not in _WAL_MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
                return False  # not a -wal SQLite would read
            committed = False
            page_one = seen_page_one = None
            offset = _WAL_HEADER
            while True:
                log.seek(offset)
                frame = log.read(_FRAME_HEADER)
                if len(frame) < _FRAME_HEADER:
                    break
                page, size_after_commit, frame_salt1, frame_salt2 = struct.unpack(">4I", frame[:16])
                if (frame_salt1, frame_salt2) != (salt1, salt2):
                    break  # where SQLite stops reading: the rest is left from before the -wal was reset
                if page == 1:
                    seen_page_one = offset + _FRAME_HEADER
                if size_after_commit:
                    committed, page_one = True, seen_page_one
                offset += _FRAME_HEADER + page_size
            if not committed:
                return False  # nothing SQLite would replay
            if len(main) < 100 or page_size != _page_size(main):
                return True
            if page_one is None:
                return False
            log.seek(page_one)
            first = log.read(100)
    except FileNotFoundError:
        return False
    return not (
        first.startswith(SQLITE_MAGIC)
        and int.from_bytes(first[68:72], "big") == APPLICATION_ID
        and _page_size(first) == page_size
    )


def set_aside_foreign_wal(path: Path) -> None:
    """Move a -wal beside `path` that is not its own to `…-wal.foreign-<UTC time>`, unread, and raise
    ForeignWal saying so; does nothing when there is none (or this process has `path` open)."""
    if is_open_here(path):
        return  # in use here, so checked when first opened (and reading would drop this process's locks)
    try:
        foreign = _is_foreign_wal(path)
    except OSError as error:
        raise JournalError(f"{path}-wal can't be read: {error.strerror}. Nothing was changed.") from error
    if not foreign:
        return
    wal = Path(f"{path}-wal")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = Path(f"{wal}.foreign-{stamp}")
    count = 1
    while os.path.lexists(aside):
        count += 1
        aside = Path(f"{wal}.foreign-{stamp}-{count}")
    try:
        os.rename(wal, aside)
    except OSError as error:
        raise JournalError(
            f"{shown_path(wal)} is another database's file, not {shown_path(path.name)}'s, and can't be moved away ({error.strerror}); "
            "move it yourself, then try again. Nothing was changed."
        ) from error
    raise ForeignWal(
        f"{shown_path(wal)} was another database's file, not {shown_path(path.name)}'s: moved it to {shown_path(aside.name)} unread, so nothing of it "
        "reached the journal."
    )


def newer_onward(path: Path, *, to: str = "open it") -> str:
    """Why `path` must be left alone because a newer Onward wrote it ('' when it did not), read without
    changing anything: with an un-checkpointed -wal, through a read-only connection, which never
    checkpoints or removes it (an ordinary one, closing last, would write the -wal into the file)."""
    if why_unwritable(path):  # (read as a journal that can't be written is: `read_only_connection`)
        conn = read_only_connection(Path(path))
    elif os.path.lexists(f"{path}-wal"):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("PRAGMA query_only = ON")
    with closing(conn):
        return _newer_reason(path, Database(conn), to)


def _newer_reason(path: Path, db: Database, to: str) -> str:
    version = _user_version(db)
    applied = _applied_migrations(db) if version else []
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if version <= SCHEMA_VERSION and len(applied) <= SCHEMA_VERSION and not unknown:
        return ""
    which = f"schema {version}, migration {unknown[0]}" if unknown else f"schema {version}"
    return (
        f"{shown_path(path)} was made by a newer Onward ({which}; this one knows schema {SCHEMA_VERSION}); "
        f"update Onward to {to}. Nothing was changed."
    )


def _refuse_links(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if candidate.is_symlink():
            raise JournalError(f"{shown_path(candidate)} is a symbolic link; Onward only opens a real file, to keep your data where you see it.")


def check_journal_file(path: Path) -> None:
    """Raise JournalError unless `path` is an existing Onward journal; reads the header only, never writes
    it. A -wal beside it that is another database's is moved aside unread (ForeignWal says where)."""
    _refuse_links(path)
    try:
        info = path.stat()
    except OSError as error:
        raise JournalError(f"{shown_path(path)} can't be read: {error.strerror}.") from error
    if not stat.S_ISREG(info.st_mode):
        raise JournalError(f"{shown_path(path)} is not a file; give the path of an Onward journal.")
    if is_open_here(path):
        return  # checked when it was first opened; reading it now would drop the open connection's locks
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise JournalError(f"{shown_path(path)} can't be read: {error.strerror}.") from error
    if len(header) == 0:
        raise JournalError(f"{shown_path(path)} is an empty file, not an Onward journal; point Onward at a journal or a new path.")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise JournalError(f"{shown_path(path)} is not an Onward journal (it is not a SQLite database); nothing was changed.")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise JournalError(f"{shown_path(path)} is a SQLite database of another program, not an Onward journal; nothing was changed.")
    set_aside_foreign_wal(path)


def _create_private_file(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as error:
        raise JournalError(f"Can't create {shown_path(path)}: {error.strerror}.") from error
    os.close(descriptor)
    # The mode given to os.open is reduced by the umask; make it exactly private.
    os.chmod(path, 0o600)


def _start_journal(path: Path) -> None:
    """Make a complete, migrated journal at `path`: built under a temporary name, then linked into place,
    so another Onward starting at the same moment never finds a half-made file (it uses whichever came first)."""
    folder = path.parent
    made = _folders_to_make(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        _remove_folders(made)
        raise JournalError(f"Can't create the folder {shown_path(folder)}: {error.strerror}.") from error
    if not os.access(folder, os.W_OK):
        raise JournalError(unwritable_sentence(path, READ_ONLY_DISK if _on_read_only_disk(folder) else READ_ONLY_FOLDER))
    temporary = folder / f".{path.name}.{os.urandom(6).hex()}.new"  # secrets.token_hex(6), without loading hmac and hashlib
    try:
        _create_private_file(temporary)
    except JournalError:
        _remove_folders(made)
        raise
    started = False
    try:
        db = _connect(temporary)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            # Built with the rollback journal, so every write lands in the file itself and a full disk is
            # reported where it happens: in WAL mode the last step is a checkpoint as the connection closes,
            # and SQLite does not report one that fails, so a journal could be moved into place while its
            # pages were still in the -wal about to be removed (issue 24, N1).
            db.execute("PRAGMA journal_mode = DELETE")
            # Nothing opens the file before it is whole and linked into place, so its migrations (a transaction
            # each) are not synced to the disk one by one: ~30 syncs were most of a new journal's time (~190 ms,
            # 25 ms of CPU). It is synced once, whole, before it is linked (below). A full disk is still reported
            # where it happens: every page is written as each transaction ends, only not waited for.
            db.execute("PRAGMA synchronous = OFF")
            with db.conn:  # and as one transaction: each migration's is a savepoint in it
                db.conn.execute("BEGIN")
                _migrate(db)
            db.execute("PRAGMA synchronous = FULL")
            if db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise sqlite3.OperationalError("database or disk is full")  # the header could not be written
            busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise sqlite3.OperationalError("database is locked")
        finally:
            db.close()
        if os.path.exists(f"{temporary}-wal") and os.path.getsize(f"{temporary}-wal") > 0:
            raise sqlite3.OperationalError("database or disk is full")  # not all of it reached the file
        _sync_file(temporary)
        try:
            os.link(temporary, path)  # fails, rather than replaces, if a journal appeared meanwhile
        except FileExistsError:
            pass  # another Onward started it a moment earlier: that one is used
        except OSError:
            if not os.path.lexists(path):  # a file system without hard links
                os.replace(temporary, path)
        started = True
    except sqlite3.Error as error:
        raise JournalError(describe_sqlite_error(path, error)) from error
    except OSError as error:
        raise JournalError(f"Can't create {shown_path(path)}: {error.strerror}.") from error
    finally:
        if not started:
            _remove_folders(made, leaving=(temporary,))
        for leftover in (temporary, *(Path(f"{temporary}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass


def _sync_file(path: Path) -> None:
    """Wait until what was written to the file at `path` is on the disk (OSError if it can't be)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _folders_to_make(folder: Path) -> list[Path]:
    """The folders that do not exist yet on the way to `folder`, deepest first."""
    missing = []
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_folders(made: list[Path], leaving: tuple[Path, ...] = ()) -> None:
    """Take away the folders a failed start made (only while empty, but for the files it is about to remove)."""
    for leftover in leaving:
        for candidate in (leftover, *(Path(f"{leftover}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
            try:
                candidate.unlink()
            except FileNotFoundError:
                pass
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            return


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn, path)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # A step's trigger (step_days) writes with ON CONFLICT, which keeps a statement journal: as a temporary
        # file that is a file made per step (half the time of writing ten years of steps). Set before any
        # temporary table exists (changing it later drops them).
        conn.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        db.close()
        raise
    return db


def _user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _missing_tables(db: Database) -> list[str]:
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return sorted(JOURNAL_TABLES - present)


def _missing_columns(db: Database) -> list[str]:
    rows = db.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
    ).fetchall()
    present: dict[str, set[str]] = {}
    for table, column in rows:
        present.setdefault(table, set()).add(column)
    return sorted(
        f"{table}.{column}" for table, columns in JOURNAL_COLUMNS.items() for column in columns - present.get(table, set())
    )


def open_journal(path: Path, *, create: bool = True, reading: bool = False) -> Database:
    """Open the journal at `path`, migrated to this Onward's schema; raises JournalError.

    With `create` a missing journal is started (folder included); without it, JournalMissing is raised
    and nothing at all is created. `reading`: the caller can do with reading (a command that only reads, the
    app looking only), so a journal that can't be written (a read-only file, folder or disk: a backup disk, a
    copy in a shared folder) opens read-only instead of refusing, its `read_only` saying why.
    """
    path = Path(path)
    _refuse_links(path)
    is_new = not os.path.lexists(path)
    if is_new and not create:
        raise JournalMissing(f"no journal at {shown_path(path)}; check the path. Nothing was created.")
    if is_new:
        _start_journal(path)
    check_journal_file(path)
    unwritable = why_unwritable(path)
    if unwritable and reading:
        return _open_read_only(path, unwritable)
    if unwritable:
        raise JournalError(unwritable_sentence(path, unwritable))
    db = None
    try:
        # Asked before an ordinary connection opens it: closing one would write a newer Onward's -wal into
        # the file. Migrations recorded that this Onward lacks (by name, kept in step with migrations.py by
        # a test, so asking needs no import of them) mean a newer one wrote it too.
        if os.path.lexists(f"{path}-wal"):  # (without one, closing an ordinary connection writes nothing)
            newer = newer_onward(path)
            if newer:
                raise NewerJournal(newer)
        db = _connect(path)
        version = _user_version(db)
        newer = _newer_reason(path, db, "open it")  # (a newer Onward may have written it meanwhile)
        if newer:
            raise NewerJournal(newer)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            _migrate(db)
        return _whole(path, db)
    except BaseException as error:
        _give_up(path, db, error)
        raise


READ_ONLY_FILE = "read-only file"
READ_ONLY_FOLDER = "read-only folder"
READ_ONLY_DISK = "read-only disk"


def why_unwritable(path: Path) -> str:
    """Why the journal at `path` can't be written, in a few words ('' when it can): the one place that decides.
    Its file (`chmod 444`), its folder (SQLite writes its -wal and -shm beside it) or the whole disk (a
    read-only mount) is read-only for this user."""
    path = Path(path)
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return ""
    if _on_read_only_disk(path):
        return READ_ONLY_DISK
    return READ_ONLY_FILE if not os.access(path, os.W_OK) else READ_ONLY_FOLDER


def _on_read_only_disk(path: Path) -> bool:
    """Whether `path` is on a file system mounted read-only (EROFS, where a permission would be EACCES)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False  # no statvfs here (Windows): the permissions tell


def unwritable_sentence(path: Path, why: str) -> str:
    """Why the journal at `path` can't be written and what to do, for a refused write (`why`, as `why_unwritable`
    says it): the command line's and the app's one wording. Permissions are named only where they are the cause."""
    if why == READ_ONLY_DISK:
        return (
            f"{shown_path(path)} is on a read-only disk; Onward needs to write to it. Copy it to a disk that can be "
            "written, or mount this one writable."
        )
    if why == READ_ONLY_FOLDER:
        return f"The folder {shown_path(path.parent)} is read-only; Onward needs to write beside the journal."
    return f"{shown_path(path)} is read-only; Onward needs to write to it. Check its permissions."


def _open_read_only(path: Path, why: str) -> Database:
    """The journal at `path` as it is, for reading only (it can't be written, `why`: no migration, no checkpoint)."""
    db = None
    try:
        db = Database(read_only_connection(path), path, read_only=why)
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.conn.execute("PRAGMA temp_store = MEMORY")
        newer = _newer_reason(path, db, "read it")  # (asked through this connection: it never writes a -wal in)
        if newer:
            raise NewerJournal(newer)
        if _user_version(db) < SCHEMA_VERSION:
            raise JournalError(
                f"{shown_path(path)} was last written by an older Onward and can't be written here to bring it up to date; "
                "make it writable (or copy it somewhere that is) and run Onward on it once. Nothing was changed."
            )
        return _whole(path, db)
    except BaseException as error:
        _give_up(path, db, error)
        raise


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that only reads the journal at `path`. With a -wal beside it (another Onward has it open,
    or did not close it), through that -wal. Without one, all of it is in the file, read as the unchanging file
    it is here: an ordinary read-only connection makes a -wal and a -shm beside it, as read-only as the journal,
    which stood in the way of writing it once it was made writable again; in a folder nobody may write in (a
    read-only disk) it can't make them, and could not read at all."""
    uri = path.resolve().as_uri()
    if os.path.lexists(f"{path}-wal"):
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _whole(path: Path, db: Database) -> Database:
    """`db` when it holds every table and column of this Onward's journal; else JournalError naming what is missing."""
    missing = _missing_tables(db)
    if missing:
        raise JournalError(_damaged(path, "table", missing))
    missing = _missing_columns(db)
    if missing:
        raise JournalError(_damaged(path, "column", missing))
    return db


def _give_up(path: Path, db: Database | None, error: BaseException) -> None:
    """Opening failed: close what was opened; an SQLite failure becomes a JournalError saying it in one line
    (anything else is raised again by the caller)."""
    if db is not None:
        db.close()
    if isinstance(error, sqlite3.Error):
        raise JournalError(describe_sqlite_error(path, error)) from error


def _damaged(path: Path, what: str, names: list[str]) -> str:
    listed = f"{what}s {', '.join(names)}" if len(names) > 1 else f"{what} {names[0]}"
    return f"{shown_path(path)} is damaged (missing {listed}); restore a backup. Nothing was changed."


def _writable(path: Path) -> bool:
    """Whether the journal and the files SQLite keeps beside it can be written now (False when one can't)."""
    path = Path(path)
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return all(os.access(file, os.W_OK) for file in files if file.exists())


def describe_sqlite_error(path: Path, error: sqlite3.Error) -> str:
    """One line for the user about a SQLite failure on `path`."""
    text = str(error).lower()
    for what in ("table", "column"):
        prefix = f"no such {what}: "
        if text.startswith(prefix):
            return _damaged(path, what, [str(error)[len(prefix):].strip()])
    if "locked" in text or "busy" in text:
        return f"{shown_path(path)} is locked by another program; close it (or the other Onward) and try again."
    if "readonly" in text or "read-only" in text or ("disk i/o" in text and not _writable(path)):
        # A file made read-only (or immutable) while open: SQLite says only "disk I/O error".
        return unwritable_sentence(path, why_unwritable(path) or READ_ONLY_FILE)
    if "not a database" in text or "malformed" in text:
        return f"{shown_path(path)} is damaged or not an Onward journal; restore a backup. Nothing was changed."
    if "disk" in text and "full" in text:
        return f"The disk holding {shown_path(path)} is full; free some space and try again. Nothing was lost."
    return f"{shown_path(path)}: {error}"
