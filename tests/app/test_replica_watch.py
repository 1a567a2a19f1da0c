"""ReplicaWatch's answers in the order they were asked: no replica or Litestream needed (faked at the action layer)."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

import pytest

from tui.actions import replica
from tui.replica_watch import ReplicaWatch

BEHIND = "This journal is behind the copy written on desktop at 2026-11-27 09:00 UTC: `onward pull` first."


class FakeChild:
    def __init__(self) -> None:
        self.halted = False

    def halt(self) -> None:
        self.halted = True

    def stop(self) -> None:
        pass


def test_a_background_check_begun_before_a_write_found_the_journal_behind_does_not_undo_that_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen under load: the check every few seconds began, a write then found the journal behind (Litestream
    halted), and the check's older "may write" came back last, so writes and copying started again."""
    began, answer = threading.Event(), threading.Event()

    def start_copying(path, now, *, start=True, seconds=0.0):  # type: ignore[no-untyped-def]
        began.set()
        answer.wait(5)
        return None, replica.WriteCheck(refusal=""), ""  # what the replica held when this check began

    monkeypatch.setattr(replica, "configured", lambda journal: object())
    monkeypatch.setattr(replica, "start_copying", start_copying)
    monkeypatch.setattr(replica, "refusal_now", lambda journal: BEHIND)
    app = SimpleNamespace(journal=SimpleNamespace(path="journal.db", read_only=""), notify=lambda *a, **k: None, _exit=False, _running=True)
    app.run_worker = lambda *a, **k: pytest.fail("copying must not start again while the journal is behind")
    watch = ReplicaWatch(app)  # type: ignore[arg-type]
    child = watch.child = FakeChild()  # type: ignore[assignment]

    async def scenario() -> None:
        check = asyncio.create_task(watch.copy())
        while not began.is_set():
            await asyncio.sleep(0.001)
        assert watch.refusal_now() == BEHIND  # a write, meanwhile: another device wrote to the replica
        assert child.halted and watch.child is None
        answer.set()
        await check

    asyncio.run(scenario())
    assert watch.refusal == BEHIND
    assert watch.child is None


class EndedChild(FakeChild):
    """Litestream that ended (killed, crashed) after copying for `ran` seconds, or still runs."""

    def __init__(self, ran: float, running: bool = False) -> None:
        super().__init__()
        self.ran, self.still = ran, running

    def running(self) -> bool:
        return self.still

    def ran_for(self) -> float:
        return self.ran


@pytest.mark.parametrize(
    ("child", "started_again"),
    [(EndedChild(ran=30.0), True), (EndedChild(ran=0.2), False), (EndedChild(ran=30.0, running=True), False), (None, False)],
    ids=["ended after copying", "ended as it started", "running", "none"],
)
def test_litestream_that_ended_under_the_open_app_is_started_again_at_the_next_second(
    monkeypatch: pytest.MonkeyPatch, child: EndedChild | None, started_again: bool
) -> None:
    """Until it runs again, writes are only in the journal (a laptop lost meanwhile loses them): the look every
    second starts it again, not the ask every five. One that ends as soon as it starts waits for that ask."""
    monkeypatch.setattr(replica, "configured", lambda journal: object())
    workers: list[str] = []

    def run_worker(work, **kwargs):  # type: ignore[no-untyped-def]
        work.close()  # the check and start it would run in a thread
        workers.append(kwargs["group"])

    app = SimpleNamespace(journal=SimpleNamespace(path="journal.db", read_only=""), run_worker=run_worker)
    watch = ReplicaWatch(app)  # type: ignore[arg-type]
    watch.child = child  # type: ignore[assignment]
    watch.restart_if_ended()
    assert workers == (["replica"] if started_again else [])
    assert (watch.child is None) == (started_again or child is None)
