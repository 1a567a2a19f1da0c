import os
import random
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.store import database
from tui.store.database import APPLICATION_ID, JournalError, open_journal
from tui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tui.store.repository import Journal
from tests.journal_steps import add_app


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_journal_is_private_even_under_umask_022(tmp_path):
    path = tmp_path / "sub" / "journal.db"
    old = os.umask(0o022)
    try:
        db = open_journal(path)
        db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        db.conn.commit()
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert candidate.exists(), candidate
            assert _mode(candidate) == 0o600, candidate
        assert _mode(path.parent) == 0o700
        db.close()
    finally:
        os.umask(old)


def test_every_connection_gets_the_safety_pragmas(journal_path):
    db = open_journal(journal_path)
    pragma = lambda name: db.execute(f"PRAGMA {name}").fetchone()[0]
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 5000
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == SCHEMA_VERSION
    db.close()


def test_reopening_keeps_data_and_migrates_nothing_twice(journal_path):
    Journal.open(journal_path).close()
    db = open_journal(journal_path)
    names = [name for (name,) in db.execute("SELECT name FROM _sqlite_migrations")]
    assert names == [name for name, _ in MIGRATIONS]
    db.close()


def test_opening_a_current_journal_never_loads_sqlite_utils(journal_path):
    """sqlite-utils (~40 ms with its plugins) is for starting and migrating; the app and the command line
    open a current journal without it."""
    Journal.open(journal_path).close()
    code = (
        "import sys\nfrom tui.store.repository import Journal\n"
        f"Journal.open({str(journal_path)!r}).close()\nprint('sqlite_utils' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_a_journal_with_a_migration_this_onward_lacks_is_refused(journal_path):
    Journal.open(journal_path).close()
    conn = sqlite3.connect(journal_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('onward', 'm999_future', '')")
    conn.commit()
    conn.close()
    with pytest.raises(JournalError, match="newer Onward"):
        open_journal(journal_path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (random.Random(4096).randbytes(4096), "not a SQLite database"),  # seeded: every worker collects the same test
        (b"hello, this is a text file\n" * 10, "not a SQLite database"),
    ],
    ids=["empty file", "random bytes", "text file"],
)
def test_files_that_are_not_journals_are_left_unchanged(tmp_path, content, message):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(JournalError, match=message):
        open_journal(path)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_another_programs_sqlite_is_left_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="another program"):
        open_journal(path)
    assert path.read_bytes() == before


def test_journal_from_a_newer_onward_is_refused_unchanged(journal_path):
    Journal.open(journal_path).close()
    conn = sqlite3.connect(journal_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = journal_path.read_bytes()
    with pytest.raises(JournalError, match="newer Onward"):
        open_journal(journal_path)
    assert journal_path.read_bytes() == before


def test_symlinked_journal_is_refused(tmp_path):
    real = tmp_path / "real.db"
    Journal.open(real).close()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    with pytest.raises(JournalError, match="symbolic link"):
        open_journal(link)


def test_folder_is_refused(tmp_path):
    with pytest.raises(JournalError, match="not a file"):
        open_journal(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_journal_is_refused(journal_path):
    Journal.open(journal_path).close()
    journal_path.chmod(0o400)
    with pytest.raises(JournalError, match="read-only"):
        open_journal(journal_path)


def test_sqlite_errors_become_one_line_messages(journal_path):
    describe = database.describe_sqlite_error
    assert "read-only" in describe(journal_path, sqlite3.OperationalError("attempt to write a readonly database"))
    assert "locked" in describe(journal_path, sqlite3.OperationalError("database is locked"))
    assert "full" in describe(journal_path, sqlite3.OperationalError("database or disk is full"))


def test_locked_journal_gives_a_clear_error_and_writes_nothing(journal_path, monkeypatch, today):
    from tui.domain.entries import check_application

    journal = Journal.open(journal_path)
    journal.db.conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(journal_path)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(JournalError, match="locked"):
            add_app(journal, check_application(company="Acme", role="Analyst", today=today))
    finally:
        holder.rollback()
        holder.close()
    assert journal.applications.every() == []
    journal.close()


def _broken(db):
    db.execute("CREATE TABLE half_done (id INTEGER)")
    raise RuntimeError("boom")


def test_a_failing_migration_changes_nothing(journal_path, monkeypatch):
    from sqlite_utils import Database

    from tui.store import migrations

    first = migrations._Registry()
    first.add(migrations.m001_journal)
    conn = sqlite3.connect(journal_path)  # a journal from the version that knew only the first migration
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    first.migrations.apply(Database(conn))
    conn.close()
    registry = migrations._Registry()
    registry.add(migrations.m001_journal)
    registry.add(_broken)
    monkeypatch.setattr("tui.store.migrations.MIGRATIONS", registry)  # what database._migrate applies
    monkeypatch.setattr(database, "SCHEMA_VERSION", len(registry))
    with pytest.raises(RuntimeError):
        open_journal(journal_path)
    conn = sqlite3.connect(journal_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables and "applications" in tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # the first migration stayed
    conn.close()


def test_a_new_journal_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    from tui.store import migrations

    registry = migrations._Registry()
    registry.add(migrations.m001_journal)
    registry.add(_broken)
    monkeypatch.setattr("tui.store.migrations.MIGRATIONS", registry)  # what database._migrate applies
    with pytest.raises(RuntimeError):
        open_journal(tmp_path / "journal.db")
    assert list(tmp_path.iterdir()) == []  # neither the journal nor the temporary it was built in


def test_a_new_journal_is_on_the_disk_whole_before_it_is_linked_into_place(tmp_path, monkeypatch):
    """Its migrations are not synced one by one (nothing can open it meanwhile), so it is synced once, whole,
    before it appears under its name: a power cut after the link never leaves a journal whose pages were lost."""
    happened: list[str] = []
    fsync, link = os.fsync, os.link
    monkeypatch.setattr(os, "fsync", lambda descriptor: (happened.append("sync"), fsync(descriptor))[1])
    monkeypatch.setattr(os, "link", lambda source, target: (happened.append("link"), link(source, target))[1])
    Journal.open(tmp_path / "journal.db").close()
    assert happened[-2:] == ["sync", "link"]


def test_read_only_journal_is_refused_before_any_write(journal_path, monkeypatch):
    Journal.open(journal_path).close()
    before = journal_path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(database.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(JournalError, match="read-only"):
        open_journal(journal_path)
    assert journal_path.read_bytes() == before


def test_the_expected_tables_are_exactly_what_the_migrations_make(tmp_path):
    from sqlite_utils import Database

    db = Database(memory=True)
    MIGRATIONS.migrations.apply(db)
    made = {name for name in db.table_names() if not name.startswith("_sqlite")}
    assert made == database.JOURNAL_TABLES
    assert {name: frozenset(db[name].columns_dict) for name in made} == database.JOURNAL_COLUMNS


@pytest.mark.parametrize("table, column", [("applications", "notes"), ("wins", "seen"), ("reflections", "body")])
def test_a_journal_missing_a_column_is_refused_on_open_unchanged(journal_path, table, column):
    Journal.open(journal_path).close()
    conn = sqlite3.connect(journal_path)
    conn.execute("DROP INDEX wins_unseen")  # SQLite drops no column an index is on (wins.seen's)
    conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.commit()
    conn.close()
    before = journal_path.read_bytes()
    with pytest.raises(JournalError, match=rf"is damaged \(missing column {table}\.{column}\); restore a backup"):
        open_journal(journal_path)
    assert journal_path.read_bytes() == before


def test_a_read_only_open_of_a_missing_journal_creates_nothing(tmp_path):
    path = tmp_path / "typo" / "journal.db"
    with pytest.raises(database.JournalMissing, match=f"no journal at {path}"):
        open_journal(path, create=False)
    with pytest.raises(database.JournalMissing):
        Journal.open(path, create=False)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_open_of_an_existing_journal_works(journal_path):
    Journal.open(journal_path).close()
    Journal.open(journal_path, create=False).close()


@pytest.mark.parametrize("table", sorted(database.JOURNAL_TABLES))
def test_a_journal_missing_a_table_is_refused_on_open_unchanged(journal_path, table):
    Journal.open(journal_path).close()
    conn = sqlite3.connect(journal_path)
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    before = journal_path.read_bytes()
    with pytest.raises(JournalError, match=rf"is damaged \(missing table {table}\); restore a backup\. Nothing was changed\."):
        open_journal(journal_path)
    assert journal_path.read_bytes() == before


def test_missing_tables_and_columns_found_later_read_as_damage(journal_path):
    describe = database.describe_sqlite_error
    assert "is damaged (missing table wins)" in describe(journal_path, sqlite3.OperationalError("no such table: wins"))
    assert "is damaged (missing column seen)" in describe(journal_path, sqlite3.OperationalError("no such column: seen"))


def test_the_quick_readers_schema_version_follows_the_migrations():
    from tui.store.schema import SCHEMA_VERSION as QUICK_VERSION

    assert QUICK_VERSION == SCHEMA_VERSION == len(MIGRATIONS)


def test_the_known_migration_names_follow_the_migrations():
    from tui.store.schema import MIGRATION_NAMES

    assert list(MIGRATION_NAMES) == [name for name, _ in MIGRATIONS]


def test_a_single_write_is_committed_at_once_and_a_failed_one_leaves_no_transaction(journal_path):
    """The store's connection keeps sqlite-utils' rule (which it no longer imports to open a journal): a
    statement outside a transaction is committed as it runs, so another window sees it and nothing is lost."""
    db = open_journal(journal_path)
    db.execute("INSERT INTO settings (key, value) VALUES ('weekly_target', '3')")
    assert not db.conn.in_transaction
    other = sqlite3.connect(journal_path)
    assert other.execute("SELECT value FROM settings WHERE key = 'weekly_target'").fetchone() == ("3",)
    other.close()
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO settings (key, value) VALUES ('weekly_target', '4')")
    assert not db.conn.in_transaction
    db.close()


def test_a_journal_from_before_the_steps_per_day_gets_them_counted(tmp_path):
    """Migration 11 counts the steps a journal already holds into its one-row-a-day table."""
    from sqlite_utils import Database

    from tui.store import migrations
    from tui.store.repository import Journal

    old = tmp_path / "old.db"
    earlier = migrations._Registry()
    for name in migrations.MIGRATIONS._names[:10]:
        earlier.add(getattr(migrations, name))
    conn = sqlite3.connect(old)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    earlier.migrations.apply(Database(conn))
    conn.executemany(
        'INSERT INTO actions ("on", kind) VALUES (?, ?)',
        [("2026-11-02", "networking"), ("2026-11-02", "learning"), ("2026-11-05", "networking")],
    )
    conn.commit()
    conn.close()
    journal = Journal.open(old)
    try:
        assert journal.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert dict(journal.db.execute('SELECT "on", steps FROM step_days').fetchall()) == {"2026-11-02": 2, "2026-11-05": 1}
        assert sum(journal.steps.step_counts().values()) == 3
    finally:
        journal.close()


def test_a_journal_made_read_only_while_open_is_said_so_not_as_a_disk_error(tmp_path, monkeypatch):
    """A journal made read-only (or immutable: chattr +i, which root can't write either) while the app is open
    fails its next write with SQLite's "disk I/O error": said as the read-only file it is, as the command
    line says it (a tester saw "disk I/O error" in the app). A real I/O error on a writable file stays one."""
    import sqlite3

    from tui.store import database

    path = tmp_path / "journal.db"
    path.write_bytes(b"")
    error = sqlite3.OperationalError("disk I/O error")
    assert database.describe_sqlite_error(path, error) == f"{path}: disk I/O error"
    monkeypatch.setattr(database.os, "access", lambda file, mode: Path(file) != path)
    assert database.describe_sqlite_error(path, error) == f"{path} is read-only; Onward needs to write to it. Check its permissions."


def test_none_and_truth_values_are_bound_by_a_registered_adapter_as_null_1_and_0(tmp_path):
    """Python 3.11's sqlite3 offers None, True and False to an adapter before binding them; with none
    registered it looked for one by failing an attribute lookup, wording an AttributeError each time (~320,000
    in an import of ten years). Registered with the store, each is answered at once and stored as before."""
    assert database.sqlite3 is sqlite3
    for kind in (type(None), bool):
        assert (kind, sqlite3.PrepareProtocol) in sqlite3.adapters
    conn = sqlite3.connect(tmp_path / "values.db")
    conn.execute("CREATE TABLE t (a, b, c)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", [(None, True, False)])
    assert conn.execute("SELECT a, typeof(a), b, typeof(b), c, typeof(c) FROM t").fetchall() == [
        (None, "null", 1, "integer", 0, "integer"),
    ]
    conn.close()
