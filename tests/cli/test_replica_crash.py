"""The journal's continuous copy when things die: the real `onward` app in a real terminal (tmux, on a socket
of its own), copying with the real Litestream to a file:// replica, killed with SIGKILL (the app with its
Litestream, as a laptop lost mid-morning; or Litestream alone under the open app) while the command line
writes in a loop; then "another device" (another folder, another config folder) restores and takes its turn,
and the first device, app and command line, is refused until it pulls."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.test_hangup import TMUX, Terminal, running
from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.conftest import TODAY
from tests.store.test_replica import WAIT_SECONDS, copied_where, export_of, pytestmark  # noqa: F401  (skips as that file does)
from tui.cli import main
from tui.domain.replica import Replica
from tui.store import replica as store
from tui.store.repository import Journal

needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed: these tests run the app in a real terminal")

PROMISED_SECONDS = 2.0
"""What a crash may lose: writes acknowledged in the last this-many seconds before it (Litestream syncs every second)."""


def asked_how_far(terminal: Terminal) -> bool:
    """Press `r` in the Inbox: whether the app asks how far the application got (it takes the write); if not
    (still refused as behind), the next try comes after a moment."""
    terminal.press("r")
    give_up = time.monotonic() + 1
    while time.monotonic() < give_up:
        if "How far did it get?" in terminal.screen():
            return True
        time.sleep(0.05)
    return False


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll `condition` with a deadline (Litestream and the app work on their own clocks)."""
    give_up = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def app_command(device: Device) -> str:
    """The app on the device's journal, replacing the shell so the pane's pid is Onward's."""
    return (
        f"exec env XDG_CONFIG_HOME={device.config} ONWARD_TODAY={TODAY.isoformat()} "
        f"{sys.executable} -m tui --db {device.journal}"
    )


def litestream_under(pid: int) -> int | None:
    """The Litestream the app at `pid` runs as its child, or None."""
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            try:
                if Path(f"/proc/{child}/comm").read_text().strip() == "litestream" and running(child):
                    return child
            except OSError:
                continue
    return None


def started_litestream(pid: int, other_than: int | None = None) -> int:
    found: list[int] = []

    def there() -> bool:
        child = litestream_under(pid)
        if child is not None and child != other_than:
            found.append(child)
        return bool(found)

    wait_until(there, "the app to run Litestream")
    return found[0]


class Writer(threading.Thread):
    """The command line writing in a loop (`onward add`, through the same check as any write), noting when
    each write was acknowledged and the journal's Onward JSON right after it."""

    def __init__(self, device: Device) -> None:
        super().__init__(daemon=True)
        self.device = device
        self.acknowledged: list[tuple[str, float]] = []
        self.exports: dict[str, str] = {}
        self.stop = threading.Event()
        self.failed: list[int] = []

    def run(self) -> None:
        number = 0
        while not self.stop.is_set():
            company = f"Company {number:03d}"
            try:
                status = main(["--db", str(self.device.journal), "add", company, "Role"])
            except SystemExit as exit:
                status = int(exit.code or 0)
            if status != 0:
                self.failed.append(status)
                return
            self.acknowledged.append((company, time.monotonic()))
            self.exports[company] = export_of(self.device.journal)
            number += 1

    def written_for(self, seconds: float) -> None:
        """Write for `seconds` (counted from the first acknowledged write) and stop."""
        self.start()
        wait_until(lambda: bool(self.acknowledged) or bool(self.failed), "the first write")
        give_up = self.acknowledged[0][1] + seconds if self.acknowledged else 0
        wait_until(lambda: time.monotonic() >= give_up or bool(self.failed), "the writes")
        self.finish()

    def finish(self) -> None:
        self.stop.set()
        self.join(timeout=WAIT_SECONDS)
        assert not self.failed, f"a write was refused (exit status {self.failed})"


def companies(path: Path) -> list[str]:
    journal = Journal.open(path, create=False)
    try:
        return sorted(app.company for app in journal.applications.every())
    finally:
        journal.close()


def rejections(path: Path) -> int:
    journal = Journal.open(path, create=False)
    try:
        return sum(app.rejection is not None for app in journal.applications.every())
    finally:
        journal.close()


def holds(company: str) -> Callable[[Journal], bool]:
    return lambda journal: any(app.company == company for app in journal.applications.every())


def copied_all(device: Device, replica: Replica) -> bool:
    """Whether the replica's newest one-transaction file is the newest this device's Litestream made (a
    snapshot reaches the replica's top level before its own file: the next device to copy starts from the
    newest such file, so a test holding Litestream still waits for it)."""
    folder = store.file_replica_folder(replica)
    assert folder is not None

    def newest(files: list[store.LtxFile]) -> int:
        return max((file.max_txid for file in files if file.level == 0), default=0)

    mine = newest(store._ltx_files(device.journal.parent / f".{device.journal.name}-litestream" / "ltx"))
    return mine > 0 and newest(store._ltx_files(folder)) == mine


def end(pid: int | None) -> None:
    if pid is not None and running(pid):
        os.kill(pid, signal.SIGKILL)


@needs_tmux
def test_a_kill_9_of_the_app_and_its_litestream_loses_nothing_older_than_2_seconds(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(laptop.config))
    terminal = Terminal("replica-kill")
    app = litestream = None
    writer = Writer(laptop)
    try:
        app = terminal.start(app_command(laptop))
        terminal.wait_for("Acme", app)
        litestream = started_litestream(app)
        writer.start()
        wait_until(lambda: len(writer.acknowledged) >= 1, "the first write")
        first = writer.acknowledged[0][1]
        wait_until(lambda: time.monotonic() - first >= 3.5, "3.5 s of writes")
        # The laptop dies mid-write: the app and its Litestream at once, the command line still writing.
        os.kill(litestream, signal.SIGKILL)
        os.kill(app, signal.SIGKILL)
        killed = time.monotonic()
        count = len(writer.acknowledged)
        wait_until(lambda: len(writer.acknowledged) >= count + 2, "two more writes after the kill")
        writer.finish()
    finally:
        writer.stop.set()
        end(litestream)
        end(app)
        terminal.close()

    ok(desktop.onward("restore", "--from", url, "--yes"))  # another device, another folder, another config
    held = [company for company in companies(desktop.journal) if company.startswith("Company ")]
    promised = [company for company, at in writer.acknowledged if at < killed - PROMISED_SECONDS]
    assert len(promised) >= 3
    assert [company for company in promised if company not in held] == []
    written = [company for company, _ in writer.acknowledged]
    assert held == written[: len(held)]  # what came back is the writes in order, none skipped
    # ... and the journal exactly as it was on the laptop right after the newest write it holds.
    assert export_of(desktop.journal) == writer.exports[held[-1]]


@needs_tmux
def test_litestream_killed_under_the_open_app_is_started_again_and_two_devices_take_turns(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(laptop.config))
    replica = Replica(url)
    terminal = Terminal("replica-turns")
    app = litestream = again = None
    try:
        app = terminal.start(app_command(laptop))
        terminal.wait_for("Acme", app)
        litestream = started_litestream(app)
        writer = Writer(laptop)
        writer.start()
        wait_until(lambda: len(writer.acknowledged) >= 3, "three writes")
        os.kill(litestream, signal.SIGKILL)  # Litestream alone dies, mid-writes; the app stays open
        count = len(writer.acknowledged)
        wait_until(lambda: len(writer.acknowledged) >= count + 3, "three more writes")
        writer.finish()
        again = started_litestream(app, other_than=litestream)  # the app started it again
        last = writer.acknowledged[-1][0]
        wait_until(lambda: copied_where(replica, holds(last)), "the last write to reach the replica")
        wait_until(lambda: copied_all(laptop, replica), "the laptop's Litestream to have copied all it made")
        # Then the laptop's Litestream is held still (a closed lid): the test is of what the app and the
        # command line do, not of what a running Litestream does on its own clock when another device copies.
        os.kill(again, signal.SIGSTOP)

        ok(desktop.onward("restore", "--from", url, "--yes"))  # the desktop takes its turn
        assert export_of(desktop.journal) == export_of(laptop.journal)
        ok(desktop.onward("add", "Desktop Co", "Lead"))
        ok(desktop.onward("replicate", "--once"))

        status, _, err = laptop.onward("add", "Laptop Co", "Dev")
        assert status == 2
        assert "This journal is behind the copy written on desktop at " in err and " pull` first" in err
        terminal.press("r")  # the app, open all along, refuses a write too
        terminal.press("a")
        terminal.wait_for("behind", app)
        assert rejections(laptop.journal) == 0 and "Laptop Co" not in companies(laptop.journal)

        ok(laptop.onward("pull", "--yes"))
        assert "Desktop Co" in companies(laptop.journal)
        wait_until(lambda: litestream_under(app) not in (None, again), "the app to copy again after the pull")
        # The app finds the journal caught up on its own next look (its Litestream restarted is not that
        # moment): under load an `r` pressed at once was still refused and its `a` opened the step form.
        wait_until(lambda: asked_how_far(terminal), "the app to take a write again after the pull")
        terminal.press("a")
        wait_until(lambda: rejections(laptop.journal) == 1, "the app's write after the pull")
        ok(laptop.onward("add", "Laptop Co", "Dev"))
    finally:
        for pid in (again, litestream, litestream_under(app) if app else None, app):
            if pid is not None and running(pid):
                os.kill(pid, signal.SIGCONT)
                os.kill(pid, signal.SIGKILL)
        terminal.close()
