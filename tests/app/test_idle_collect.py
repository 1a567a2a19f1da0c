"""Python's full garbage collection runs while the person is idle, not in the middle of a key (tui/idle_collect.py)."""

import asyncio
import gc

import tui.app
from tests.conftest import TODAY
from tui.app import OnwardApp
from tui.idle_collect import FULL_AFTER, HALF_DUE, collect_if_idle, leave_full_collections_to_idle


def test_a_full_collection_half_due_runs_once_idle_and_not_while_keys_come():
    gc.collect()
    for _ in range(HALF_DUE - 1):
        gc.collect(1)  # each young collection counts towards the next full one
    assert not collect_if_idle(5.0, 1.0), "not due enough yet"
    gc.collect(1)
    assert gc.get_count()[2] == HALF_DUE
    assert not collect_if_idle(0.5, 1.0), "a key came half a second ago"
    assert gc.get_count()[2] == HALF_DUE
    assert collect_if_idle(1.0, 1.0)
    assert gc.get_count()[2] == 0


def test_the_app_asks_while_it_runs_with_how_long_it_has_been_idle(journal_path, monkeypatch):
    asked: list[tuple[float, float]] = []
    came = asyncio.Event()

    def record(idle_seconds: float, idle_after: float) -> bool:
        asked.append((idle_seconds, idle_after))
        came.set()
        return False

    monkeypatch.setattr(tui.app, "collect_if_idle", record)
    monkeypatch.setattr(tui.app, "IDLE_SECONDS", 0.05)
    monkeypatch.setattr(tui.app, "LOOK_EVERY_SECONDS", 0.05)

    async def main() -> None:
        async with OnwardApp(journal_path, today=TODAY).run_test() as pilot:
            await pilot.pause()
            await asyncio.wait_for(came.wait(), timeout=10)

    asyncio.run(main())
    idle_seconds, idle_after = asked[0]
    assert idle_after == 0.05 and 0 <= idle_seconds < 10


def test_the_app_s_process_leaves_full_collections_to_its_idle_moments():
    before = gc.get_threshold()
    try:
        leave_full_collections_to_idle()
        assert gc.get_threshold() == (before[0], before[1], FULL_AFTER)
        assert HALF_DUE < FULL_AFTER  # the idle moment comes first
    finally:
        gc.set_threshold(*before)
