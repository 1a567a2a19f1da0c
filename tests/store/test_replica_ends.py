"""The app's Litestream ends with the app, however the app ends: found by a tester, kill -9 of the app left its
Litestream copying the journal, and nothing ever stopped it (the app opened again left the copying to it).
On Linux it is told to stop when the app dies (PR_SET_PDEATHSIG); one left by an older Onward is ended when
the app opens again, and only a Litestream of this journal is."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.cli.test_replica_sync import _dead_pid, _holding
from tests.store.test_replica import (  # noqa: F401  (fixtures; skips as that file does)
    WAIT_SECONDS, _one_step_and_a_replica, copied, device_a, log_step, pytestmark, replica, wait_until,
)
from tui.actions import replica as replicas
from tui.domain.replica import Replica
from tui.store import replica as store
from tui.store.repository import Journal

# As the app does: Litestream is started from a worker thread (asyncio.to_thread), which then ends (here
# only once Litestream runs: a signal asked for after that thread ended would hide one tied to it); the
# process then waits, as an open app does, until it is killed.
APP = """
import os, sys, threading, time
from pathlib import Path
from tui.domain.replica import Replica
from tui.store import replica as store

def start():
    child = store.start_child(Path(sys.argv[1]), Replica(sys.argv[2]))
    give_up = time.monotonic() + 20
    while not os.readlink(f"/proc/{child.process.pid}/exe").endswith("litestream") and time.monotonic() < give_up:
        time.sleep(0.01)

starting = threading.Thread(target=start)
starting.start()
starting.join()
threading.Event().wait()
"""


def test_the_app_s_litestream_ends_with_the_app_killed_outright(device_a: Path, replica: Replica) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's (elsewhere the next app ends it: the tests below)")
    _one_step_and_a_replica(device_a, replica)
    app = subprocess.Popen([sys.executable, "-c", APP, str(device_a), replica.url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    litestream = 0
    try:
        give_up = time.monotonic() + WAIT_SECONDS
        while (holder := store.lock_holder(device_a)) is None or not holder.litestream:
            assert time.monotonic() < give_up and app.poll() is None, "the app's Litestream never started"
            time.sleep(0.05)
        litestream = holder.litestream
        assert holder.owner == app.pid and holder.app
        # Still copying long after the thread that started it ended (a signal tied to that thread stopped it).
        journal = Journal.open(device_a)
        try:
            log_step(journal, "after the starting thread ended")
        finally:
            journal.close()
        wait_until(lambda: copied(replica, "after the starting thread ended"), "the step to reach the replica")
        assert store.replicating_now(device_a) == litestream
    finally:
        app.kill()  # kill -9
        app.wait()
    give_up = time.monotonic() + WAIT_SECONDS
    while store.lock_holder(device_a) is not None:
        if time.monotonic() > give_up:
            store.end_left_running(device_a)
            pytest.fail("the app's Litestream outlived the app killed outright")
        time.sleep(0.05)


@pytest.fixture
def left_running(device_a: Path, replica: Replica) -> Iterator[store.Child]:
    """The app's Litestream, left copying by an app killed outright (the lock names a process that ended)."""
    _one_step_and_a_replica(device_a, replica)
    child = store.start_child(device_a, replica)
    try:
        wait_until(lambda: copied(replica, "one"), "Litestream to copy the journal")  # (running, not starting)
        _holding(device_a, f"{_dead_pid()} {child.process.pid} app")
        yield child
    finally:
        child.stop()


def test_the_app_opened_again_ends_the_litestream_one_killed_outright_left_and_copies_itself(
    device_a: Path, left_running: store.Child
) -> None:
    """Where PR_SET_PDEATHSIG is not (or an older Onward left it): quitting the app opened again stopped nothing."""
    child, check, line = replicas.start_copying(device_a, datetime.now(timezone.utc))
    try:
        assert not check.refusal and line == ""
        assert left_running.process.wait(timeout=WAIT_SECONDS) is not None
        assert child is not None and store.replicating_now(device_a) == child.process.pid
    finally:
        if child is not None:
            child.stop()
    assert store.lock_holder(device_a) is None  # quitting this app stops all copying


@pytest.mark.parametrize(
    ("argv0", "config", "ended"),
    [
        ("litestream", "this journal's", True),
        ("litestream", "another journal's", False),
        ("sleeper", "this journal's", False),
    ],
)
def test_only_this_user_s_litestream_of_this_journal_is_ended(
    device_a: Path, tmp_path: Path, argv0: str, config: str, ended: bool
) -> None:
    """A process that took the number of the one that ended, or a Litestream copying another journal, is left alone."""
    if not sys.platform.startswith("linux"):
        pytest.skip("read from /proc: elsewhere none is ended, and a refusal names it")
    device_a.parent.mkdir(parents=True, exist_ok=True)
    ours = store.config_path(device_a)
    ours.touch()
    other = tmp_path / "other.db.litestream.yml"
    other.touch()
    named = ours if config == "this journal's" else other
    with store.replicating(device_a) as locked:
        assert locked is not None
        stand_in = subprocess.Popen(
            [argv0, "-c", "read line", "replicate", "-no-expand-env", "-config", str(named)],
            executable="/bin/sh", stdin=subprocess.PIPE, pass_fds=(locked,),
        )
    try:
        _holding(device_a, f"{_dead_pid()} {stand_in.pid} app")
        assert store.end_left_running(device_a) is ended
        assert (stand_in.poll() is None) is not ended
        assert (store.lock_holder(device_a) is None) is ended
    finally:
        stand_in.kill()
        stand_in.wait()


def test_a_litestream_whose_starter_still_runs_is_left_alone(device_a: Path, replica: Replica) -> None:
    """The app open in another window (or `onward replicate`) copies the journal: the app opened again leaves it."""
    _one_step_and_a_replica(device_a, replica)
    child = store.start_child(device_a, replica)
    try:
        assert store.end_left_running(device_a) is False
        assert child.running() and store.replicating_now(device_a) == child.process.pid
    finally:
        child.stop()
