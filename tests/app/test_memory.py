"""Apps run one after another in one process leave memory flat: each is freed once it has run. An app that
froze itself out of the garbage collector (gc.freeze) stayed alive for good, +5 MiB or more for every app run,
and the app tests peaked near 1 GB. Only the launcher freezes, never the app (tui/launch.py freeze_what_lasts)."""

from __future__ import annotations

import gc
import shutil
import weakref

import pytest

from tests.conftest import TODAY, forget_rendering_caches, run_app
from tui.app import OnwardApp

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

RUNS = 3
"""The first run pays for the imports made on the way, the second is the baseline, the third is compared with
it: an app left behind (tens of thousands of objects, and its weak reference alive) shows after the third run
as after the fifth, and the two runs more cost ~2 s of CPU."""


async def _visit_every_area(pilot) -> None:
    await pilot.app.workers.wait_for_complete()  # start-up's work (backup, warm-up, areas built ahead) is done
    for key in "23451":
        await pilot.press(key)
        await pilot.pause()


def test_apps_in_a_row_are_all_freed_and_memory_stays_flat(demo_path, tmp_path, monkeypatch):
    import tui.app

    # Start-up's work done ahead (what each run must free too) starts at once rather than after a second
    # without keys: that second, run after run, was half of this test's time, and what is built is the same.
    monkeypatch.setattr(tui.app, "DAY_QUESTION_AFTER_SECONDS", 0)
    monkeypatch.setattr(tui.app, "IDLE_SECONDS", 0)
    apps: list[weakref.ref[OnwardApp]] = []
    alive_objects: list[int] = []
    frozen = gc.get_freeze_count()  # what the imports made (tests/conftest.py freezes it once, as the launcher)
    for run in range(RUNS):
        copy = tmp_path / f"run-{run}.db"
        shutil.copy(demo_path, copy)
        app = OnwardApp(copy, today=TODAY)
        apps.append(weakref.ref(app))
        run_app(app, _visit_every_area)
        del app
        forget_rendering_caches()
        gc.collect()
        alive_objects.append(len(gc.get_objects()))
    assert [n for n, ref in enumerate(apps) if ref() is not None] == [], "apps still alive after gc.collect()"
    assert gc.get_freeze_count() <= frozen  # no app froze itself out of the collector on the way (it only shrinks)
    # Flat: after the last run as many objects are alive as after the second (the first pays for the
    # imports made on the way); one app left behind is tens of thousands. Fewer than 34 more a run, as when
    # five runs were allowed 100 over three (a run leaves 2 today).
    assert alive_objects[-1] - alive_objects[1] < 34 * (RUNS - 2), alive_objects


def test_the_launcher_freezes_once_just_before_the_real_app_runs(journal_path, monkeypatch):
    from tui import cli, launch

    happened: list[str] = []
    monkeypatch.setattr(launch, "freeze_what_lasts", lambda: happened.append("freeze"))  # never freeze a test
    import tui.idle_collect

    monkeypatch.setattr(tui.idle_collect, "leave_full_collections_to_idle", lambda: happened.append("idle"))
    monkeypatch.setattr(OnwardApp, "run", lambda app, *a, **k: happened.append("run"))
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert launch.main(["--db", str(journal_path)]) == 0
    assert happened == ["freeze", "idle", "run"]
