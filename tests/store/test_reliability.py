"""The storage promises that held when tried hard (issue 8), kept holding: no acknowledged write is lost to
kill -9, parallel writers lose nothing, and no command touches a file that is not an Onward journal.

Counts are small so CI stays fast; ONWARD_STRESS=N multiplies them by 10·N (ONWARD_STRESS=1: 100 kills,
2×300 parallel writes). ONWARD_STRESS_SEED replays a run's random kill moments.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui import cli
from tui.store.migrations import SCHEMA_VERSION
from tui.store.repository import Journal

STRESS = int(os.environ.get("ONWARD_STRESS", "0") or 0)
SCALE = 10 * STRESS if STRESS > 0 else 1
KILLS = 10 * SCALE
PARALLEL_WRITES = 30 * SCALE
REPO = Path(__file__).resolve().parents[2]

# A command-line writer: `onward add` through the real entry point, once per loop (for ever unless given a
# limit), and "ack NAME" only after the command has returned 0, i.e. after the user would have seen its answer.
# It starts writing when told "go" on its stdin, so writers started one after another write at the same time.
# Given a kill point K, it kills itself with SIGKILL at the K-th call or return (Python or C, sqlite3's
# included) after its first acknowledged write: the kill lands at a chosen moment of the next write, and a
# seed replays the same moments (no timer decides where).
WRITER = """
import os, signal, sys
from tui.cli import main
prefix, limit, kill_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
events = 0

def count(frame, event, arg):
    global events
    events += 1
    if events == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

n = 0
while limit == 0 or n < limit:
    name = f"{prefix}-{n}"
    if main(["add", name, "Analyst"]) != 0:
        sys.exit(3)
    print("ack", name, flush=True)
    if n == 0 and kill_at:
        sys.setprofile(count)
    n += 1
"""

CALLS_IN_A_WRITE = 50_000
"""About how many calls and returns one `onward add` makes (measured: ~50,500): kill points are drawn below it."""


def _start_writer(journal: Path, prefix: str, limit: int = 0, kill_at: int = 0) -> subprocess.Popen[str]:
    """A writer, started and waiting for "go" (see `_go`)."""
    env = {**os.environ, "ONWARD_DB": str(journal), "ONWARD_TODAY": "2026-11-27", "PYTHONPATH": str(REPO)}
    argv = [sys.executable, "-u", "-c", WRITER, prefix, str(limit), str(kill_at)]
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=REPO)
    assert process.stdout is not None and process.stdout.readline() == "ready\n", process.stderr
    return process


def _go(*writers: subprocess.Popen[str]) -> None:
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()


def _acknowledged(output: str) -> set[str]:
    return {line.split()[1] for line in output.splitlines() if line.startswith("ack ") and len(line.split()) == 2}


def _companies_and_integrity(journal: Path) -> tuple[set[str], str]:
    Journal.open(journal).close()  # recovers the WAL a killed writer left, as any next command would
    conn = sqlite3.connect(journal)
    try:
        companies = {row[0] for row in conn.execute("SELECT company FROM applications")}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    return companies, integrity


def test_no_acknowledged_write_is_lost_to_kill_9(tmp_path):
    seed = int(os.environ.get("ONWARD_STRESS_SEED", "0") or 0) or random.randrange(1, 2**31)
    chance = random.Random(seed)
    journal = tmp_path / "journal.db"
    Journal.open(journal).close()
    acknowledged: set[str] = set()
    for kill in range(KILLS):
        # Anywhere in the write after the first: opening the journal, the insert, the commit, the answer.
        writer = _start_writer(journal, f"k{kill}", kill_at=chance.randrange(1, CALLS_IN_A_WRITE))
        _go(writer)
        output, errors = writer.communicate(timeout=120)
        assert writer.returncode == -signal.SIGKILL, errors  # it was still writing when killed
        acknowledged |= _acknowledged(output)
    companies, integrity = _companies_and_integrity(journal)
    assert integrity == "ok", f"seed {seed}"
    assert acknowledged <= companies, f"seed {seed}: lost {sorted(acknowledged - companies)}"
    assert len(acknowledged) >= KILLS, f"seed {seed}: too few writes acknowledged to prove anything"


def test_two_writers_in_parallel_lose_nothing(tmp_path):
    journal = tmp_path / "journal.db"
    Journal.open(journal).close()
    writers = [_start_writer(journal, prefix, PARALLEL_WRITES) for prefix in ("left", "right")]
    _go(*writers)  # both are started and waiting: they write at the same time
    acknowledged: set[str] = set()
    for writer in writers:
        output, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
        acknowledged |= _acknowledged(output)
    companies, integrity = _companies_and_integrity(journal)
    assert integrity == "ok"
    assert len(acknowledged) == 2 * PARALLEL_WRITES
    assert companies == acknowledged


def test_two_writers_starting_a_new_journal_at_the_same_moment_both_succeed(tmp_path):
    for attempt in range(3 * SCALE):
        journal = tmp_path / f"new-{attempt}" / "journal.db"
        writers = [_start_writer(journal, prefix, 2) for prefix in ("left", "right")]
        _go(*writers)
        acknowledged: set[str] = set()
        for writer in writers:
            output, errors = writer.communicate(timeout=60)
            assert writer.returncode == 0, errors  # neither met a half-made journal
            acknowledged |= _acknowledged(output)
        companies, integrity = _companies_and_integrity(journal)
        assert integrity == "ok" and companies == acknowledged and len(companies) == 4
        assert sorted(p.name for p in journal.parent.iterdir()) == ["journal.db"]  # no temporary left


# Files that are not an Onward journal (or not one this Onward may touch): every command refuses them
# with exit 1 and leaves them, and their folder, exactly as they were.


def _real_journal(path: Path) -> None:
    journal = Journal.open(path)
    journal.db.execute("INSERT INTO settings (key, value) VALUES ('weekly_target', '4')")
    journal.db.conn.commit()
    journal.close()


def _newer_journal(path: Path) -> None:
    _real_journal(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _other_programs_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.commit()
    conn.close()


def _other_programs_wal_sqlite(path: Path) -> None:
    _other_programs_sqlite(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Jobs/Job Applications.csv", "Company Name,Job Title\nAcme,Analyst\n")


def _truncated_header(path: Path) -> None:
    _real_journal(path.with_name("source.db"))
    path.write_bytes(path.with_name("source.db").read_bytes()[:60])
    path.with_name("source.db").unlink()


def _cut_after_first_page(path: Path) -> None:
    source = path.with_name("source.db")
    journal = Journal.open(source)
    for n in range(50):
        journal.db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [f"k{n}", "x" * 200])
    journal.db.conn.commit()
    journal.close()
    path.write_bytes(source.read_bytes()[:4096])
    source.unlink()


def _sqlite_header_with_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(84)) + os.urandom(4000))


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("mine")


def _symlink(path: Path) -> None:
    _real_journal(path.with_name("real.db"))
    path.symlink_to(path.with_name("real.db"))


def _dangling_symlink(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere.db"))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


FOREIGN_FILES = {
    "empty file": lambda path: path.write_bytes(b""),
    "text": lambda path: path.write_text("Dear diary, today I applied to Acme.\n" * 20),
    "random bytes": lambda path: path.write_bytes(random.Random(8).randbytes(8192)),
    "another program's SQLite": _other_programs_sqlite,
    "another program's SQLite in WAL mode": _other_programs_wal_sqlite,
    "SQLite magic then garbage": _sqlite_header_with_garbage,
    "an Onward JSON export": lambda path: path.write_text(json.dumps({"format": "onward", "version": 1, "applications": []})),
    "a CSV": lambda path: path.write_text("Company Name,Job Title\nAcme,Analyst\n"),
    "a zip": _zip,
    "a folder": _folder,
    "a symbolic link to a journal": _symlink,
    "a dangling symbolic link": _dangling_symlink,
    "a named pipe": _fifo,
    "a journal from a newer Onward": _newer_journal,
    "a journal cut inside its header": _truncated_header,
    "a journal cut after its first page": _cut_after_first_page,
}

EVERY_COMMAND = [
    (), ("add", "Acme", "Analyst"), ("log", "1", "screening"), ("act", "networking"), ("win", "Yay"),
    ("rest", "today"), ("rest", "today", "--undo"), ("settings",), ("settings", "--target", "3"),
    ("streak",), ("streak", "--short"), ("streak", "--json"), ("export", "json"), ("export", "md"),
    ("export", "json", "-o", "out.json", "--force"),
]


def _fingerprint(folder: Path) -> dict[str, object]:
    """Every entry in the folder: kind, link target and content hash, so any change at all shows."""
    prints: dict[str, object] = {}
    for entry in sorted(folder.rglob("*")):
        name = str(entry.relative_to(folder))
        if entry.is_symlink():
            prints[name] = ("link", os.readlink(entry))
        elif entry.is_fifo():
            prints[name] = "fifo"
        elif entry.is_dir():
            prints[name] = "folder"
        else:
            prints[name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return prints


@pytest.mark.parametrize("kind", FOREIGN_FILES)
def test_every_command_refuses_a_foreign_file_and_leaves_it_unchanged(tmp_path, monkeypatch, capsys, kind):
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "journal.db"
    FOREIGN_FILES[kind](path)
    before = _fingerprint(folder)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")

    def app_must_not_open(*args: object) -> int:
        raise AssertionError("the app opened on a foreign file")

    monkeypatch.setattr(cli, "_open_app", app_must_not_open)
    for argv in EVERY_COMMAND:
        status = cli.main(["--db", str(path), *argv])
        err = capsys.readouterr().err
        assert status == 1, (argv, err)
        assert err.count("\n") == 1 and err.startswith("onward: ") and "Traceback" not in err, (argv, err)
        assert _fingerprint(folder) == before, argv


def test_checking_the_open_journal_in_process_keeps_its_locks_and_loses_nothing(tmp_path):
    """A header read (a backup's check, a second open) while this process has the journal open must not drop
    the connection's POSIX locks: if it did, another process closing the journal would checkpoint and delete
    the -wal under the open app, and writes of both would be lost (found with a CLI write while the app ran)."""
    from datetime import date

    from tui.actions import steps
    from tui.domain.entries import ActionEntry
    from tui.domain.models import ActionKind
    from tui.store.database import check_journal_file

    path = tmp_path / "journal.db"
    today = date(2026, 11, 27)
    app = Journal.open(path)
    steps.log_action(app, ActionEntry(ActionKind.NETWORKING, today, "A1"))
    check_journal_file(path)  # what a backup and a second Journal.open do first
    Journal.open(path).close()
    for note in ("C1", "C2"):
        done = subprocess.run(
            [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))",
             "act", "networking", "--note", note, "--db", str(path)],
            capture_output=True, text=True, env={**os.environ, "ONWARD_TODAY": today.isoformat()},
        )
        assert done.returncode == 0, done.stderr
        assert Path(f"{path}-wal").exists(), "the -wal was deleted while the journal was open here"
    steps.log_action(app, ActionEntry(ActionKind.NETWORKING, today, "A3"))
    assert {a.note for a in app.steps.every()} == {"A1", "C1", "C2", "A3"}
    app.close()
    again = Journal.open(path)
    assert {a.note for a in again.steps.every()} == {"A1", "C1", "C2", "A3"}
    again.close()
