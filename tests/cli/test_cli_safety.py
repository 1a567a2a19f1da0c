"""The command line tried as an attacker would (issue 8): exports never destroy or leak the journal, every
failure is one clean line, a mistyped path starts nothing, and exported Markdown carries no markup but a
reflection body's own, made harmless."""

import hashlib
import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tui import cli
from tui.actions import views
from tui.domain.reflections import check_reflection
from tui.store import files
from tui.store.repository import Journal
from tests.journal_steps import reflect


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_clean_line(err: str) -> None:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and err.startswith("onward: ")


@pytest.fixture(autouse=True)
def app_never_opens(monkeypatch):
    """`onward` with no command opens the app; here it must have been refused before that (and never hang)."""

    def refuse(*args):
        raise AssertionError("the app opened")

    monkeypatch.setattr(cli, "_open_app", refuse)


@pytest.fixture(params=[0o000, 0o022, 0o277], ids=["umask000", "umask022", "umask277"])
def any_umask(request):
    old = os.umask(request.param)
    yield
    os.umask(old)


# Break 3: exports never write over the journal, never over an existing file without --force, always 0600


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_never_writes_over_the_journal_or_its_companions(onward, journal_path, suffix, force):
    onward("add", "Acme", "Analyst")
    before = sha256(journal_path)
    argv = ["export", "json", "-o", f"{journal_path}{suffix}"] + (["--force"] if force else [])
    status, out, err = onward(*argv)
    assert status == 2 and "is your journal" in err and out == ""
    one_clean_line(err)
    assert sha256(journal_path) == before
    assert onward("streak", "--short")[0] == 0


def test_export_refuses_the_journal_however_it_is_spelled(onward, journal_path, tmp_path, monkeypatch):
    onward("add", "Acme", "Analyst")
    before = sha256(journal_path)
    symlink = tmp_path / "looks-new.json"
    symlink.symlink_to(journal_path)
    hard_link = tmp_path / "hard-link.json"
    os.link(journal_path, hard_link)
    monkeypatch.chdir(tmp_path)
    for spelling in (symlink, hard_link, tmp_path / "sub" / ".." / journal_path.name, Path(journal_path.name)):
        (tmp_path / "sub").mkdir(exist_ok=True)
        status, _, err = onward("export", "md", "-o", str(spelling), "--force")
        assert status == 2 and "is your journal" in err, spelling
    assert sha256(journal_path) == before


def test_export_refuses_the_live_wal_file(journal, journal_path, onward):
    # With a connection open, SQLite's -wal and -shm exist; os.path.samefile guards them too.
    journal.db.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
    wal = Path(f"{journal_path}-wal")
    assert wal.exists()
    before = sha256(wal)
    status, _, err = onward("export", "json", "-o", str(wal), "--force")
    assert status == 2 and "is your journal" in err
    assert sha256(wal) == before


def test_export_never_writes_over_another_onward_journal(onward, tmp_path):
    other = tmp_path / "other.db"
    Journal.open(other).close()
    before = sha256(other)
    onward("add", "Acme", "Analyst")
    status, _, err = onward("export", "json", "-o", str(other), "--force")
    assert status == 2 and "is an Onward journal" in err
    assert sha256(other) == before


def test_existing_file_is_kept_unless_force(onward, started, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("keep me")
    status, _, err = onward("export", "json", "-o", str(target))
    assert status == 2 and "already exists" in err and "--force" in err
    assert target.read_text() == "keep me"
    status, out, _ = onward("export", "json", "-o", str(target), "--force")
    assert status == 0 and out == f"Exported to {target}.\n"
    assert json.loads(target.read_text())["format"] == "onward"


def test_export_files_are_exactly_0600_under_any_umask(onward, started, tmp_path, any_umask):
    new = tmp_path / "new.md"
    assert onward("export", "md", "-o", str(new))[0] == 0
    assert mode(new) == 0o600
    replaced = tmp_path / "replaced.json"
    replaced.write_text("old")
    replaced.chmod(0o666)
    assert onward("export", "json", "-o", str(replaced), "--force")[0] == 0
    assert mode(replaced) == 0o600


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_export_leaves_nothing_half_written(onward, started, tmp_path, monkeypatch, force):
    target = tmp_path / "out.json"
    if force:
        target.write_text("the previous export")
    real_write = os.write

    def disk_full_after_a_few_bytes(descriptor, data):
        real_write(descriptor, bytes(data[:10]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "write", disk_full_after_a_few_bytes)
    status, _, err = onward("export", "json", "-o", str(target), *(["--force"] if force else []))
    assert status == 2 and "No space left on device" in err and "Nothing was written" in err
    one_clean_line(err)
    assert {p.name for p in tmp_path.iterdir()} == {"journal.db"} | ({"out.json"} if force else set())
    if force:
        assert target.read_text() == "the previous export"


def test_export_to_a_missing_folder_is_one_line(onward, started, tmp_path):
    status, _, err = onward("export", "json", "-o", str(tmp_path / "nowhere" / "out.json"))
    assert status == 2 and "No such file or directory" in err
    one_clean_line(err)


# Break 4: tracebacks become one line


@pytest.mark.parametrize("table", ["wins", "actions", "settings", "applications"])
@pytest.mark.parametrize("argv", [("streak",), ("add", "Beta", "Designer"), ("export", "json"), ("settings",), ()])
def test_a_journal_missing_a_table_is_reported_in_one_line_and_left_alone(onward, journal_path, table, argv):
    onward("add", "Acme", "Analyst")
    conn = sqlite3.connect(journal_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    before = sha256(journal_path)
    status, out, err = onward(*argv)  # () opens the app: the journal is checked before the screen is taken
    assert status == 1 and out == ""
    one_clean_line(err)
    assert f"is damaged (missing table {table}); restore a backup. Nothing was changed." in err
    assert sha256(journal_path) == before


def test_any_sqlite_error_becomes_one_line(onward, started, monkeypatch):
    def malformed(journal, today):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(views, "meter", malformed)
    status, _, err = onward("streak")
    assert status == 1 and "damaged" in err
    one_clean_line(err)


def test_an_overflow_anywhere_becomes_one_line(onward, started, monkeypatch):
    def overflow(journal, today):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(views, "meter", overflow)
    status, _, err = onward("streak")
    assert status == 2 and "out of the range" in err
    one_clean_line(err)


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "99999999999999999999", "screening"),
        ("log", str(2**63), "screening"),
        ("log", str(2**63 - 1), "screening"),
        ("win", "Yay", "--app", "99999999999999999999"),
    ],
)
def test_huge_application_ids_are_not_found(onward, argv):
    onward("add", "Acme", "Analyst")
    status, _, err = onward(*argv)
    assert status == 2 and "no application with id" in err
    one_clean_line(err)


@pytest.mark.parametrize(
    "argv",
    [("add", "Acme", "Analyst"), ("act", "networking"), ("win", "Yay"), ("rest", "today"), ("streak",),
     ("export", "md"), ("settings",), ()],
)
def test_today_beyond_the_calendar_is_refused_in_one_line(onward, started, monkeypatch, argv):
    monkeypatch.setenv("ONWARD_TODAY", "9999-12-31")
    before = sha256(started)
    status, _, err = onward(*argv)
    assert status == 2 and "ONWARD_TODAY=9999-12-31 is out of range" in err
    one_clean_line(err)
    assert sha256(started) == before


@pytest.mark.parametrize("today", ["9000-12-31", "1970-01-01"])
def test_every_command_works_on_the_last_and_first_day_accepted(onward, monkeypatch, today):
    monkeypatch.setenv("ONWARD_TODAY", today)
    for argv in (("add", "Acme", "Analyst"), ("log", "1", "interview"), ("act", "networking"), ("win", "Yay"),
                 ("rest", "tomorrow"), ("settings", "--target", "7"), ("streak",), ("streak", "--json"),
                 ("export", "md"), ("export", "json")):
        status, _, err = onward(*argv)
        assert status == 0, (argv, err)


# Break 5: nothing echoed can drive the terminal

NUL = "\x00"
ESCAPES = "PWN\x1b]0;title\x07ED\x1b[2J\x9b31m\x00\x7f\u202e"  # shown: PWNED (each sequence gone whole)


def assert_no_controls(text: str) -> None:
    for char in ("\x1b", "\x07", "\x9b", "\x00", "\x7f", "\u202e", "\r"):
        assert char not in text, repr(text)


@pytest.mark.parametrize(
    "argv",
    [
        ("act", ESCAPES),
        ("act", "networking", "--date", ESCAPES),
        ("log", ESCAPES, "offer"),
        ("log", "1", ESCAPES),
        ("win", "Yay", "--kind", ESCAPES),
        ("settings", "--rest-weekdays", ESCAPES),
        ("settings", "--target", ESCAPES),
        ("rest", ESCAPES),
        ("streak", ESCAPES),  # argparse echoes unknown arguments
        (ESCAPES,),
        ("--db", f"missing{ESCAPES.replace(NUL, '')}.db", "streak"),
        ("export", "json", "-o", f"/nowhere/{ESCAPES.replace(NUL, '')}"),
    ],
)
def test_error_messages_never_echo_control_characters(onward, argv):
    onward("add", "Acme", "Analyst")
    status, out, err = onward(*argv)
    assert status in (1, 2) and "Traceback" not in err
    assert_no_controls(out + err)
    # The message still names what was typed: with the sequences gone, or, in a path, shown escaped ($'…') so
    # that it can be pasted back.
    assert "pwned" in err.lower() or "pwn\\x1b]0;title\\x07ed" in err.lower() or "invalid choice" in err


@pytest.mark.parametrize("argv", [("--db", "a\x00b.db", "act", "networking"), ("export", "json", "-o", "a\x00b")])
def test_a_nul_in_a_path_is_one_line(onward, argv):
    status, _, err = onward(*argv)
    assert status == 2 and "NUL character" in err
    one_clean_line(err)


def test_normal_output_never_echoes_control_characters_from_the_journal(onward, journal_path):
    onward("add", "Acme", "Analyst")
    conn = sqlite3.connect(journal_path)  # as if written by another tool or an older version
    conn.execute("UPDATE applications SET company = ?", [f"Acme{ESCAPES}"])
    conn.commit()
    conn.close()
    status, out, err = onward("log", "1", "screening")
    assert status == 0 and "PWNED" in out
    assert_no_controls(out + err)
    status, out, _ = onward("export", "json")
    assert_no_controls(out)
    assert json.loads(out)["applications"][0]["company"] == f"Acme{ESCAPES}"  # escaped, not lost


def test_the_print_boundary_removes_exactly_what_clean_block_removes():
    from tui.domain.text import _is_unsafe, strip_controls

    removed = {c for c in map(chr, range(0x3000)) if strip_controls(c) == ""}
    unsafe = {c for c in map(chr, range(0x3000)) if _is_unsafe(c, keep_newlines=True)} - {"\t"}
    assert removed == unsafe


# Break 8: a mistyped path starts nothing; the first write says it started one

READ_ONLY = [("streak",), ("streak", "--short"), ("streak", "--json"), ("export", "json"), ("export", "md"), ("settings",)]


@pytest.mark.parametrize("argv", READ_ONLY)
def test_read_only_commands_on_a_missing_path_create_nothing(onward, tmp_path, argv):
    missing = tmp_path / "typo" / "jounral.db"
    status, out, err = onward("--db", str(missing), *argv)
    assert status == 1 and out == ""
    assert err == f"onward: no journal at {missing}; check the path. Nothing was created.\n"
    assert not missing.parent.exists()


@pytest.mark.parametrize("argv", READ_ONLY)
def test_read_only_commands_on_a_missing_onward_db_create_nothing(onward, journal_path, argv):
    status, _, err = onward(*argv)
    assert status == 1 and "no journal at" in err
    assert list(journal_path.parent.iterdir()) == []


def test_export_to_a_file_from_a_missing_journal_writes_no_file(onward, tmp_path):
    assert onward("--db", str(tmp_path / "typo.db"), "export", "json", "-o", str(tmp_path / "out.json"))[0] == 1
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize(
    "argv",
    [("add", "Acme", "Analyst"), ("act", "networking"), ("win", "Yay"), ("rest", "today"),
     ("settings", "--target", "3"), ("settings", "--rest-weekdays", "none")],
)
def test_the_first_write_starts_the_journal_and_says_so_once(onward, tmp_path, argv):
    path = tmp_path / "new" / "journal.db"
    status, _, err = onward("--db", str(path), *argv)
    assert status == 0 and err == f"Started a new journal at {path}.\n"
    assert path.exists()
    status, _, err = onward("--db", str(path), *argv[:1], *(["Beta", "Designer"] if argv[0] == "add" else argv[1:]))
    assert "Started" not in err


@pytest.mark.parametrize(
    "argv",
    [("add", "", "Analyst"), ("add", "Acme", "Analyst", "--date", "someday"), ("log", "x", "offer"),
     ("act", "napping"), ("win", "Yay", "--kind", "lottery"), ("rest", "whenever"), ("settings", "--target", "9")],
)
def test_a_mistyped_first_write_starts_nothing(onward, tmp_path, argv):
    path = tmp_path / "new.db"
    status, _, err = onward("--db", str(path), *argv)
    assert status == 2 and "Started" not in err
    assert not path.exists()


@pytest.mark.parametrize(
    "argv",
    [("remove", "event", "999", "--yes"), ("merge", "1", "2", "--yes"), ("settle", "--yes"), ("log", "1", "rejected"),
     ("follow-up", "1", "--clear"), ("edit", "application", "1", "--role", "X"), ("people", "remove", "Jo", "--yes")],
)
def test_a_change_to_a_record_on_a_journal_not_there_says_so_and_starts_nothing(onward, tmp_path, argv):
    """A typo in --db with a command that changes a record started an empty journal, then found no record in it."""
    path = tmp_path / "typo.db"
    status, _, err = onward("--db", str(path), *argv)
    assert status == 1 and err == f"onward: no journal at {path}; check the path. Nothing was created.\n", err
    assert not path.exists()


def test_db_is_accepted_before_or_after_the_subcommand(onward, tmp_path, journal_path):
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    assert onward("--db", str(before), "act", "networking")[0] == 0
    assert onward("act", "learning", "--db", str(after))[0] == 0
    assert onward("--db", str(before), "streak", "--short")[1] == "🔥1\n"  # not reset by the subcommand
    assert onward("streak", "--json", "--db", str(after))[0] == 0
    assert before.exists() and after.exists() and not journal_path.exists()


def test_an_empty_db_flag_is_refused(onward, journal_path):
    status, _, err = onward("--db", "", "act", "networking")
    assert status == 2 and "--db needs the path of a file" in err
    assert not journal_path.exists()


# Break 10: exported Markdown shows user text literally; a reflection's body keeps its Markdown, made harmless


def test_markdown_export_cannot_be_given_headings_links_or_html(onward, journal_path):
    onward("add", "# Acme <b>", "[Analyst](http://x)", "--date", "3 days ago")
    onward("log", "1", "rejected")
    journal = Journal.open(journal_path)
    reflect(journal, 
        check_reflection(mood=2, today=TODAY, body="# Own heading\n<script>x</script>\n[link](javascript:alert(1))\n"
                         "![img](http://x/i.png) [site](https://x)",
                         went_well="- fake list\n> quote\n```\ncode", next_step="1. ![img](http://x/i.png)"),
        TODAY, application_id=1,
    )
    journal.close()
    status, out, _ = onward("export", "md")
    assert status == 0
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == [
        "# Onward reflections",
        r"## 2026-11-27 · \# Acme &lt;b&gt; — \[Analyst\](http\://x)",
        "### What went well",
        "### Next step",
        "### Notes",
        "#### Own heading",  # the body's own, below its section
    ]
    assert "<script" not in out and "<b>" not in out
    assert re.findall(r"(?<![\\])\]\(", out) == ["](", "]("]  # the body's picture (as a link) and its web site
    assert "[link\\](javascript:" in out and "\\![img](http://x/i.png)" in out
    assert not re.search(r"^(-|>|```|1\.) ", out.replace("- **Mood:**", ""), flags=re.MULTILINE)


def test_a_journal_that_cannot_be_written_is_still_read_and_never_changed(onward, journal_path, monkeypatch):
    """A journal on a read-only disk or folder (a backup drive, someone else's copy): the commands that only
    read open it read-only; a write is refused with its reason; the file stays byte for byte."""
    import os as real_os

    from tui.store import database

    assert onward("add", "Acme", "Analyst")[0] == 0
    before = sha256(journal_path)
    folder = str(journal_path.parent)
    monkeypatch.setattr(
        database.os, "access",
        lambda target, mode, _real=real_os.access: False if mode == real_os.W_OK and str(target).startswith(folder) else _real(target, mode),
    )
    status, out, _ = onward("list")
    assert status == 0 and "Acme — Analyst" in out
    status, out, _ = onward("streak")
    assert status == 0 and "Streak: 1" in out
    status, _, err = onward("add", "Beta", "Designer")
    assert status == 1 and "read-only; Onward needs to write to it" in err
    assert sha256(journal_path) == before


def test_a_journal_on_a_read_only_disk_says_so_not_check_its_permissions(onward, journal_path, monkeypatch):
    """Tester (try7 L2): on a read-only mount the command line said "…is read-only; Onward needs to write to it.
    Check its permissions." (the app said "read-only disk"): one wording (database.unwritable_sentence) for a
    refused open and for SQLite's own "readonly" error."""
    import os as real_os
    import sqlite3
    from types import SimpleNamespace

    from tui.store import database

    assert onward("add", "Acme", "Analyst")[0] == 0
    folder = str(journal_path.parent)
    monkeypatch.setattr(
        database.os, "access",
        lambda target, mode, _real=real_os.access: False if mode == real_os.W_OK and str(target).startswith(folder) else _real(target, mode),
    )
    monkeypatch.setattr(database.os, "statvfs", lambda target: SimpleNamespace(f_flag=real_os.ST_RDONLY), raising=False)
    disk = f"{journal_path} is on a read-only disk; Onward needs to write to it. Copy it to a disk that can be written, or mount this one writable."
    status, _, err = onward("add", "Beta", "Designer")
    assert status == 1 and err == f"onward: {disk}\n"
    assert database.describe_sqlite_error(journal_path, sqlite3.OperationalError("attempt to write a readonly database")) == disk
    status, out, _ = onward("list")
    assert status == 0 and "Acme — Analyst" in out  # looked at only, as before
    monkeypatch.setattr(database.os, "statvfs", lambda target: SimpleNamespace(f_flag=0), raising=False)
    assert "Check its permissions" in onward("add", "Beta", "Designer")[2]  # a permission, where that is the cause


def test_a_journal_path_with_an_escape_sequence_is_shown_so_it_can_be_pasted_back(onward, tmp_path):
    """Issue try5 #14(d): "Started a new journal at /tmp/…/evil.db" named a file that is not there (its name holds
    an escape sequence, stripped from the message); every path is shown by tui.domain.text.shown_path."""
    import shlex

    evil = tmp_path / "\x1b[1mevil\x1b[0m.db"
    status, out, err = onward("--db", str(evil), "add", "Acme", "Analyst")
    assert status == 0, err
    assert_no_controls(out + err)
    assert err == f"Started a new journal at $'{tmp_path}/\\x1b[1mevil\\x1b[0m.db'.\n"
    target = tmp_path / "\x1b[31mout.csv"
    status, out, err = onward("--db", str(evil), "export", "csv", "-o", str(target))
    assert status == 0 and out == f"Exported to $'{tmp_path}/\\x1b[31mout.csv'.\n", err
    status, out, err = onward("--db", str(evil), "export", "csv", "-o", str(target))
    assert status == 2 and err.startswith(f"onward: $'{tmp_path}/\\x1b[31mout.csv' already exists"), err
    assert_no_controls(err)
    assert shlex.split(f"x {shlex.quote(str(tmp_path))}")[1] == str(tmp_path)  # tmp_path needs no quoting itself
