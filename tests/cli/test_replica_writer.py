"""Only a write makes a device the replica's writer: opening the app, copying, pulling and coming back to a
replica chosen before do not make the other device (or this one) read as behind, and a restore of an older
moment from a replica that moved on since says so, asks, and keeps what it supersedes. The real Litestream,
file:// replicas, two devices (two folders, two config folders)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_replica_writes import run_app, wait_in_app
from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.store.test_replica import pytestmark  # noqa: F401  (skips as that file does)
from tui.domain.replica import Replica
from tui.paths import onward_command
from tui.store import replica as store

BEHIND = "This journal is behind"


async def nothing(pilot) -> None:  # type: ignore[no-untyped-def]
    pass


def test_opening_the_app_on_two_devices_makes_neither_behind(laptop: Device, desktop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    restored_at = store.replica_position(Replica(url)).txid

    async def copying(pilot) -> None:  # type: ignore[no-untyped-def]
        # Litestream, started on the journal just restored, copies it as a new transaction (Litestream 0.5 does
        # so however little changed): the replica moves on without anybody writing.
        await wait_in_app(
            pilot, lambda: store.replica_position(Replica(url)).txid > restored_at, "the desktop's Litestream to copy"
        )

    notices = [*run_app(laptop, nothing), *run_app(desktop, copying), *run_app(laptop, nothing), *run_app(desktop, nothing)]
    assert not [n for n in notices if n.startswith(BEHIND)]
    assert "behind it" not in ok(laptop.onward("replicate", "--status"))
    assert "behind it" not in ok(desktop.onward("replicate", "--status"))
    assert "already holds everything" in ok(laptop.onward("pull", "--yes"))

    # A write does make its device the writer: the other device is then behind, and told who wrote.
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", "--once"))
    status, _, err = desktop.onward("add", "Gamma", "Lead")
    assert status == 2 and f"{BEHIND} the copy written on laptop at " in err


def test_a_device_that_only_pulled_and_opened_the_app_is_not_named_as_the_writer(
    laptop: Device, desktop: Device, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tablet = Device(tmp_path, "tablet", monkeypatch, laptop._capsys)
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(tablet.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", "--once"))
    ok(desktop.onward("pull", "--yes"))
    pulled_at = store.replica_position(Replica(url)).txid

    async def copying(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_in_app(pilot, lambda: store.replica_position(Replica(url)).txid > pulled_at, "the desktop's Litestream to copy")

    run_app(desktop, copying)  # the desktop pulled and opened the app: it wrote nothing
    status, _, err = tablet.onward("add", "Gamma", "Lead")
    assert status == 2 and f"{BEHIND} the copy written on laptop at " in err


def test_the_writer_opening_the_app_again_leaves_the_device_that_pulled_not_behind(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))  # holds all the laptop wrote; the copy names the laptop
    ok(laptop.onward("list"))  # the journal read and closed: SQLite puts its -wal away
    copied_at = store.replica_position(Replica(url)).txid

    async def copying(pilot) -> None:  # type: ignore[no-untyped-def]
        # The -wal went away since Litestream last ran: it copies the journal as a new transaction.
        await wait_in_app(pilot, lambda: store.replica_position(Replica(url)).txid > copied_at, "the laptop's Litestream to copy")

    assert not [n for n in run_app(laptop, copying) if n.startswith(BEHIND)]
    ok(desktop.onward("add", "Beta", "Engineer"))  # the same records, the same writer: not behind

    # That took restoring the replica's newest copy once; the desktop, now its writer, recorded how far it
    # holds the replica, so its next write reads the replica's folder only.
    from tui.actions import replica

    def no_restore(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the replica was restored again")

    monkeypatch.setattr(replica, "_copies", {})
    monkeypatch.setattr(store, "restored_copy", no_restore)
    ok(desktop.onward("add", "Gamma", "Lead"))


def test_two_first_copies_at_once_are_no_fork_of_anything_written(
    laptop: Device, desktop: Device, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.actions import replica

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(laptop.onward("list"))  # the -wal put away: the laptop's Litestream copies it again when it starts
    # Both Litestreams start at once (both apps opened within a second): each copies its journal as the
    # replica's next transaction, under the same number; the desktop's file is the one that stays.
    ok(desktop.onward("replicate", "--once"))
    (folder,) = list((tmp_path / "usb" / "onward" / "ltx" / "0").glob("*-0000000000000002.ltx"))
    aside = folder.rename(tmp_path / "desktop-2.ltx")
    ok(laptop.onward("replicate", "--once"))
    aside.replace(folder)
    state = store.file_replica_state(laptop.journal, Replica(url))
    assert state is not None and state.forked_at == 2  # two copies of transaction 2
    assert "behind it" not in ok(laptop.onward("replicate", "--status"))  # of the same records

    ok(laptop.onward("add", "Beta", "Engineer"))
    monkeypatch.setattr(replica, "_copies", {})  # as in another process: what was found is recorded
    monkeypatch.setattr(replica, "_found", {})
    ok(laptop.onward("replicate", "--once"))
    status, _, err = desktop.onward("add", "Gamma", "Lead")
    assert status == 2 and f"{BEHIND} the copy written on laptop at " in err
    ok(desktop.onward("pull", "--yes"))
    assert desktop.companies() == ["Acme", "Beta"]


def test_coming_back_to_a_replica_chosen_before_compares_with_what_it_holds(laptop: Device, desktop: Device, tmp_path: Path) -> None:
    (tmp_path / "usb").mkdir(exist_ok=True)  # the disks, plugged in
    (tmp_path / "nas").mkdir()
    usb, nas = (tmp_path / "usb" / "onward").as_uri(), (tmp_path / "nas" / "onward").as_uri()
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", usb, "--once"))
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", nas, "--once"))
    ok(laptop.onward("add", "Gamma", "Lead"))
    ok(laptop.onward("replicate", usb, "--once"))  # back: the usb holds an older copy of this journal, no newer one
    assert "behind it" not in ok(laptop.onward("replicate", "--status"))
    ok(laptop.onward("add", "Delta", "Dev"))
    ok(laptop.onward("replicate", "--once"))
    ok(desktop.onward("restore", "--from", usb, "--yes"))
    assert desktop.companies() == ["Acme", "Beta", "Delta", "Gamma"]


def test_coming_back_to_a_replica_another_device_wrote_to_meanwhile_is_refused(laptop: Device, desktop: Device, tmp_path: Path) -> None:
    (tmp_path / "usb").mkdir(exist_ok=True)  # the disks, plugged in
    (tmp_path / "nas").mkdir()
    usb, nas = (tmp_path / "usb" / "onward").as_uri(), (tmp_path / "nas" / "onward").as_uri()
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", usb, "--once"))
    ok(laptop.onward("replicate", nas, "--once"))
    ok(desktop.onward("restore", "--from", usb, "--yes"))
    ok(desktop.onward("add", "Zeta", "Writer"))
    ok(desktop.onward("replicate", "--once"))
    status, _, err = laptop.onward("replicate", usb, "--once")
    assert status == 2 and f"{BEHIND} the copy written on desktop at " in err


def test_a_write_in_the_app_makes_its_device_the_writer(laptop: Device, desktop: Device, url: str) -> None:
    from tests.cli.test_replica_writes import rejected
    from tests.store.test_replica import copied_where

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))  # the copy names the laptop as its last writer

    async def reject_and_copy(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r", "a")  # the desktop's first write, copied by the app's Litestream
        await wait_in_app(
            pilot,
            lambda: copied_where(Replica(url), lambda journal: any(a.rejection is not None for a in journal.applications.every())),
            "the desktop's write to reach the replica",
        )

    run_app(desktop, reject_and_copy)
    assert rejected(desktop)
    status, _, err = laptop.onward("add", "Beta", "Engineer")
    assert status == 2 and f"{BEHIND} the copy written on desktop at " in err


def test_restoring_an_older_moment_over_later_writes_says_so_asks_and_keeps_them(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from tui.domain import dates

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Beta", "Engineer"))
    ok(desktop.onward("replicate", "--once"))  # the copy of that moment names the desktop as its last writer
    then = store.file_replica_state(desktop.journal, Replica(url))
    assert then is not None and then.position.at is not None
    # "--at" reads a minute; the moment just after that copy (to the millisecond) stands in for it.
    moment = (then.position.at + timedelta(milliseconds=1)).astimezone().replace(tzinfo=None)
    monkeypatch.setattr(dates, "parse_moment", lambda text, today: moment)
    ok(laptop.onward("pull", "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))  # written after that moment
    ok(desktop.onward("replicate", "--once"))
    newest = store.replica_position(Replica(url)).txid

    status, _, err = laptop.onward("restore", "--from", url, "--at", "yesterday 18:00")  # no terminal, no --yes
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert "The replica holds writes made after " in err and "written on desktop" in err and "add --yes to restore it anyway" in err
    assert laptop.companies() == ["Acme", "Beta"] and not list(laptop.journal.parent.glob("backups/*-superseded.db"))

    out = ok(laptop.onward("restore", "--from", url, "--at", "yesterday 18:00", "--yes"))
    assert "The replica holds writes made after " in out and "the replica's newest copy is kept in the backups folder first." in out
    kept = next(laptop.journal.parent.glob("backups/*-superseded.db"))
    assert f"is kept at {kept}: `{onward_command(laptop.journal, 'restore', str(kept))}` brings it back." in out
    assert laptop.companies() == ["Acme", "Beta"]
    assert companies_in(kept) == ["Acme", "Beta", "Gamma"]

    # What Litestream 0.5 does with it: the older journal, copied, is the replica's next transaction; the
    # replica's newest copy is then the older journal, and the transactions before it still restore.
    ok(laptop.onward("replicate", "--once"))
    assert store.replica_position(Replica(url)).txid > newest
    with store.restored_copy(Replica(url)) as copy:
        assert companies_in(copy) == ["Acme", "Beta"]
    with store.restored_copy(Replica(url), txid=newest) as copy:
        assert companies_in(copy) == ["Acme", "Beta", "Gamma"]
    status, _, err = desktop.onward("add", "Delta", "Dev")  # the other device is told, not silently forked
    assert status == 2 and f"{BEHIND} the copy written on laptop at " in err
    ok(desktop.onward("pull", "--yes"))
    assert desktop.companies() == ["Acme", "Beta"]

    ok(laptop.onward("restore", str(kept), "--yes"))  # and the kept copy brings the later writes back
    assert laptop.companies() == ["Acme", "Beta", "Gamma"]


def companies_in(path: Path) -> list[str]:
    from tui.store.repository import Journal

    journal = Journal.open(path, create=False)
    try:
        return sorted(app.company for app in journal.applications.every())
    finally:
        journal.close()


def test_a_new_device_that_says_no_to_an_older_moment_keeps_nothing(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring an older moment onto a device with no journal keeps the replica's newest copy first and asks;
    a no leaves nothing behind: no journal, no kept copy, no backups folder."""
    import io
    from datetime import timedelta

    from tui.domain import dates

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    then = store.file_replica_state(laptop.journal, Replica(url))
    assert then is not None and then.position.at is not None
    moment = (then.position.at + timedelta(milliseconds=1)).astimezone().replace(tzinfo=None)
    monkeypatch.setattr(dates, "parse_moment", lambda text, today: moment)
    ok(laptop.onward("add", "Beta", "Engineer"))  # written after that moment
    ok(laptop.onward("replicate", "--once"))

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, err = desktop.onward("restore", "--from", url, "--at", "yesterday 18:00")
    assert status == 0 and "Replace the journal with this copy? " in out and out.rstrip().endswith("Nothing was changed."), err
    assert not desktop.journal.parent.exists() or not any(desktop.journal.parent.iterdir())
