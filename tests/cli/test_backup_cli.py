"""`onward backup`, `restore` and `check` as a person types them: where files go, what is refused and with
which exit status, the question restore asks, and what check says on a healthy and a damaged journal."""

from __future__ import annotations

import io
import re
import shlex
import shutil
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.store.test_backups import corrupt, fingerprint
from tui.store import backups


def companies(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT company FROM applications ORDER BY id")]
    finally:
        conn.close()


class Terminal(io.StringIO):
    """What someone types at a terminal."""

    def isatty(self) -> bool:
        return True


class Piped(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.fixture
def acme(onward, journal_path):
    assert onward("add", "Acme", "Analyst")[0] == 0
    return journal_path


def test_backup_goes_to_the_backups_folder_beside_the_journal(onward, acme):
    status, out, err = onward("backup")
    assert status == 0 and err == ""
    written = Path(re.fullmatch(r"Backed up to (.+)\.\n", out).group(1))
    assert written.parent == acme.parent / "backups"
    assert re.fullmatch(r"journal-2026-11-27-\d{4}\.db", written.name)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert companies(written) == ["Acme"]


def test_backup_to_a_file_named(onward, acme, tmp_path):
    target = tmp_path / "usb" / "onward.db"
    target.parent.mkdir()
    assert onward("backup", "-o", str(target)) == (0, f"Backed up to {target}.\n", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    status, _, err = onward("backup", "-o", str(target))
    assert status == 2 and "Onward never writes over a journal" in err


def test_backup_refuses_an_existing_file_without_force(onward, acme, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    status, out, err = onward("backup", "-o", str(existing))
    assert status == 2 and out == ""
    assert err == f"onward: {existing} already exists; choose another name, or add --force to replace it.\n"
    assert existing.read_text() == "keep me"
    assert onward("backup", "-o", str(existing), "--force")[0] == 0
    assert companies(existing) == ["Acme"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_backup_refuses_the_journal_and_its_companions(onward, acme, suffix):
    before = fingerprint(acme.parent)
    status, _, err = onward("backup", "-o", f"{acme}{suffix}", "--force")
    assert status == 2 and "is your journal" in err
    assert fingerprint(acme.parent) == before


def test_backup_and_check_of_a_missing_journal_create_nothing(onward, tmp_path):
    missing = tmp_path / "typo" / "journal.db"
    for command in ("backup", "check"):
        status, out, err = onward("--db", str(missing), command)
        assert status == 1 and out == ""
        assert err == f"onward: no journal at {missing}; check the path. Nothing was created.\n"
    assert not missing.parent.exists()


def test_restore_asks_and_y_restores(onward, acme, tmp_path, monkeypatch):
    backup = tmp_path / "monday.db"
    onward("backup", "-o", str(backup))
    onward("add", "Globex", "Analyst")
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    status, out, err = onward("restore", str(backup))
    assert status == 0, err
    assert f"Backup   {backup}: 1 application, 1 step, 0 reflections, 1 win; last entry 2026-11-27." in out
    assert f"Journal  {acme}: 2 applications, 2 steps, 0 reflections, 1 win; last entry 2026-11-27." in out
    assert "Replace the journal with this backup? The one replaced is kept as a backup. [y/N]" in out
    assert "different journal" not in out  # a backup of this journal is said as one
    kept = Path(re.search(r"The journal it replaced is kept at (.+)\.\n", out).group(1))
    assert companies(acme) == ["Acme"] and companies(kept) == ["Acme", "Globex"]
    assert kept.parent == acme.parent / "backups" and kept.name.endswith("-before-restore.db")


@pytest.mark.parametrize("answer", ["\n", "n\n", "", "yes please\n"])
def test_restore_changes_nothing_unless_the_answer_is_yes(onward, acme, tmp_path, monkeypatch, answer):
    backup = tmp_path / "monday.db"
    onward("backup", "-o", str(backup))
    onward("add", "Globex", "Analyst")
    before = fingerprint(acme.parent)
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    status, out, _ = onward("restore", str(backup))
    assert status == 0 and out.endswith("Nothing was changed.\n")
    assert fingerprint(acme.parent) == before


def test_restoring_another_journal_says_so_plainly_and_asks(onward, acme, tmp_path, monkeypatch):
    """A tester restored another journal's file (its last entry older) and was shown only counts."""
    other = tmp_path / "other.db"
    assert onward("--db", str(other), "add", "Zed Labs", "Designer", "--date", "2026-10-01")[0] == 0
    said = "This backup is of a different journal, not a copy of yours: restoring it replaces everything in yours with what it holds.\n"
    before = fingerprint(acme.parent)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, _ = onward("restore", str(other))
    assert status == 0 and said in out
    assert "Replace your journal with this different journal's backup? The one replaced is kept as a backup. [y/N]" in out
    assert out.endswith("Nothing was changed.\n") and fingerprint(acme.parent) == before
    monkeypatch.setattr("sys.stdin", Piped(""))
    status, out, _ = onward("restore", str(other), "--yes")  # not asked, but still said
    assert status == 0 and said in out and f"Restored {acme} from {other}." in out
    assert companies(acme) == ["Zed Labs"]


def test_restore_without_a_terminal_needs_yes(onward, acme, tmp_path, monkeypatch):
    backup = tmp_path / "monday.db"
    onward("backup", "-o", str(backup))
    onward("add", "Globex", "Analyst")
    before = fingerprint(acme.parent)
    monkeypatch.setattr("sys.stdin", Piped("y\n"))
    status, _, err = onward("restore", str(backup))
    assert status == 2
    assert err == "onward: restore replaces your journal, so it asks first; add --yes to restore without asking.\n"
    assert fingerprint(acme.parent) == before
    monkeypatch.setattr("sys.stdin", Piped(""))
    status, out, _ = onward("restore", str(backup), "--yes")
    assert status == 0 and f"Restored {acme} from {backup}." in out
    assert companies(acme) == ["Acme"]


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(onward, acme, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a journal\n" * 50)
    before = fingerprint(acme.parent)
    status, out, err = onward("restore", str(notes), "--yes")
    assert status == 1 and out == ""
    assert err == f"onward: {notes} is not an Onward journal (it is not a SQLite database); nothing was changed.\n"
    assert fingerprint(acme.parent) == before


def test_restore_refuses_a_damaged_backup_and_changes_nothing(onward, acme, tmp_path, demo_path):
    corrupt(demo_path, page=3)
    before = fingerprint(acme.parent)
    status, _, err = onward("restore", str(demo_path), "--yes")
    assert status == 1 and f"onward: {demo_path} is damaged (" in err and "Nothing was changed." in err
    assert fingerprint(acme.parent) == before


def test_a_deleted_journal_comes_back_from_the_automatic_backup(onward, acme):
    backups.automatic_backup(acme, TODAY - timedelta(days=1))
    for path in (acme, Path(f"{acme}-wal"), Path(f"{acme}-shm")):
        path.unlink(missing_ok=True)
    automatic = backups.automatic_backups(acme)[-1].path
    status, out, _ = onward("restore", str(automatic), "--yes")
    assert status == 0 and f"Journal  {acme}: no journal there." in out
    assert companies(acme) == ["Acme"]
    assert onward("check")[0] == 0


def test_restoring_where_there_is_no_journal_asks_nothing(onward, acme, monkeypatch):
    """A new device has nothing to lose: no question, no --yes needed, even without a terminal."""
    backups.automatic_backup(acme, TODAY - timedelta(days=1))
    automatic = backups.automatic_backups(acme)[-1].path
    for path in (acme, Path(f"{acme}-wal"), Path(f"{acme}-shm")):
        path.unlink(missing_ok=True)
    monkeypatch.setattr("sys.stdin", Piped(""))
    status, out, err = onward("restore", str(automatic))
    assert (status, err) == (0, "") and f"Restored {acme} from {automatic}." in out
    assert companies(acme) == ["Acme"]


def test_check_on_a_healthy_journal(onward, acme):
    assert onward("check") == (0, "Journal is healthy: 1 application, 1 step, 0 reflections, 1 win; last entry 2026-11-27.\n", "")


def test_check_on_a_damaged_journal_names_the_backup_and_the_command(onward, tmp_path, demo_path):
    journal = tmp_path / "my journal" / "journal.db"
    journal.parent.mkdir()
    shutil.copyfile(demo_path, journal)
    sound = backups.automatic_backup(journal, TODAY)
    corrupt(journal, page=6)
    status, out, err = onward("--db", str(journal), "check")
    assert status == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Journal is damaged: ")
    assert lines[1:] == [
        f"Newest sound backup: {shlex.quote(str(sound))}",  # pasted back as it is shown
        f"To go back to it: onward --db {shlex.quote(str(journal))} restore {shlex.quote(str(sound))}",
    ]
    restored = onward("--db", str(journal), "restore", str(sound), "--yes")
    assert restored[0] == 0
    assert onward("--db", str(journal), "check")[0] == 0


def test_check_on_a_damaged_journal_without_backups(onward, journal_path, demo_path):
    shutil.copyfile(demo_path, journal_path)
    corrupt(journal_path, page=6)
    status, out, _ = onward("check")
    assert status == 1
    assert out.splitlines()[1] == f"No sound backup was found in {journal_path.parent / 'backups'}."


def test_the_commands_on_the_demo_copy(onward):
    status, out, _ = onward("--demo", "check")
    assert status == 0 and out.startswith("Journal is healthy: ")


def _zero_the_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(bytes(100))


def _cut_in_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


@pytest.mark.parametrize("damage", [_zero_the_header, _cut_in_half, corrupt], ids=["zeroed", "truncated", "garbled"])
def test_the_restore_check_suggests_works_as_printed(onward, tmp_path, demo_path, monkeypatch, damage):
    """Issue 24 N13: what `check` prints for a damaged journal, typed as printed, restores it."""
    journal = tmp_path / "journal.db"
    shutil.copyfile(demo_path, journal)
    sound = backups.automatic_backup(journal, TODAY)
    expected = companies(journal)
    damage(journal)
    damaged_bytes = journal.read_bytes()
    status, out, _ = onward("--db", str(journal), "check")
    assert status == 1
    command = out.splitlines()[-1].removeprefix("To go back to it: ")
    argv = shlex.split(command)
    assert argv[0] == "onward" and argv[-2:] == ["restore", str(sound)]
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    status, out, err = onward(*argv[1:])
    assert status == 0, err
    kept = Path(re.search(r"The journal it replaced is kept at (.+)\.\n", out).group(1))
    if damage is corrupt:  # still readable: kept as a copy through SQLite, the garbled page as it was
        assert kept.read_bytes()[4096:] == damaged_bytes[4096:]
    else:  # no longer readable: kept byte for byte
        assert kept.read_bytes() == damaged_bytes
    assert onward("--db", str(journal), "check")[0] == 0
    assert companies(journal) == expected


def test_demo_backup_names_no_file_that_is_deleted_at_exit(onward, tmp_path):
    """Issue 24: `--demo backup` printed a path inside the throw-away copy's folder, gone once it returned."""
    status, out, err = onward("--demo", "backup")
    assert status == 2 and out == ""
    assert "throw-away" in err and "--output" in err and err.count("\n") == 1
    kept = tmp_path / "demo-backup.db"
    status, out, _ = onward("--demo", "backup", "--output", str(kept))
    assert status == 0 and out == f"Backed up to {kept}.\n" and kept.exists()


def test_demo_restore_names_no_file_that_is_deleted_at_exit(onward, tmp_path):
    backup = tmp_path / "demo-backup.db"
    assert onward("--demo", "backup", "--output", str(backup))[0] == 0
    status, out, err = onward("--demo", "restore", str(backup), "--yes")
    assert status == 0, err
    for path in re.findall(r"(/\S+)", out + err):
        assert Path(path.rstrip(".:;")).exists(), f"{path} is named but gone"


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        (lambda path: path.write_bytes(b""), "is an empty file, not a backup Onward can restore; choose another backup."),
        (_cut_in_half, "is damaged (cut short or overwritten); choose another backup."),
    ],
    ids=["empty", "cut-in-half"],
)
def test_a_backup_that_cant_be_restored_is_said_as_a_backup(onward, tmp_path, demo_path, spoil, said):
    """Found by a tester: restoring a damaged backup said "…damaged or not an Onward journal; restore a backup"
    (the file was the backup being restored) and an empty one "point Onward at a journal or a new path"."""
    journal = tmp_path / "journal.db"
    shutil.copyfile(demo_path, journal)
    before = journal.read_bytes()
    backup = tmp_path / "backup.db"
    shutil.copyfile(demo_path, backup)
    spoil(backup)
    status, out, err = onward("--db", str(journal), "restore", str(backup), "--yes")
    assert status == 1 and out == ""
    assert err == f"onward: {backup} {said} Nothing was changed.\n"
    assert "restore a backup" not in err and "point Onward" not in err
    assert journal.read_bytes() == before


def test_a_restore_onto_no_journal_says_no_more_than_that(onward, tmp_path, demo_path):
    """Restoring onto a path with no journal said "An Onward window open on it shows the restored journal
    within a second": there was no journal for a window to be open on."""
    backup = tmp_path / "backup.db"
    shutil.copyfile(demo_path, backup)
    journal = tmp_path / "new" / "journal.db"
    journal.parent.mkdir()
    status, out, err = onward("--db", str(journal), "restore", str(backup), "--yes")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == f"Restored {journal} from {backup}."
    assert "window" not in out and "kept at" not in out


def test_restore_without_a_backup_names_the_newest_with_the_command_for_each(onward, acme):
    """A tester typed `onward restore` and was told only that a backup was wanted, not which there are."""
    status, _, err = onward("restore")
    assert status == 2 and "holds none yet (`onward --db " in err and " backup` makes one)" in err
    written = [Path(re.fullmatch(r"Backed up to (.+)\.\n", onward("backup")[1]).group(1))]
    written.append(Path(re.fullmatch(r"Backed up to (.+)\.\n", onward("backup")[1]).group(1)))
    status, out, err = onward("restore")
    assert status == 2 and err == "onward: give the backup to restore (one of those above), or --from URL for a replica.\n"
    commands = [line.strip() for line in out.splitlines()[1:]]
    assert out.splitlines()[0].endswith("(of 2), and the command that restores each:")
    assert [shlex.split(command)[-1] for command in commands] == [str(written[1]), str(written[0])]  # newest first
    assert all(shlex.split(command)[:4] == ["onward", "--db", str(acme), "restore"] for command in commands)
    assert companies(acme) == ["Acme"]  # nothing restored
