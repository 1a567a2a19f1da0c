"""Shared fixtures: a fixed today, a temp-file journal per test, the demo journal, and an app runner."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest

from tui.paths import demo_journal_text
from tui.store.repository import Journal
from tui.actions.load import load_demo

TODAY = date(2026, 11, 27)  # a Friday
SIZE = (100, 32)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject addopts): one worker more than the cores, at most three. The workers spend most of
    the run waiting on what the tests start (`onward` runs, Litestream, the browser, synced journal writes), so
    a third one on two cores cuts the suite from ~260 s to ~211 s (7 Dec, a quiet 2-core machine); each worker
    holds ~90 MB once it has imported the tests and up to ~170 MB by the end, pytest itself ~70 MB: three
    peaked at 397-497 MB of the 500 MB the suite may take (issue 25). `python -m tests.benchmarks.suite_memory`
    measures both."""
    return max(1, min(3, (os.cpu_count() or 1) + 1))


def pytest_configure(config: pytest.Config) -> None:
    """Before pytest-xdist starts its workers, compile once what each of them would compile for itself: the test
    modules as pytest rewrites their asserts, and Onward's modules (each `onward` a test starts compiles those it
    imports). The workers start together on a fresh clone, so each rewrote every test module (~5 s of CPU each,
    a third of its collection) and nothing was kept where PYTHONDONTWRITEBYTECODE is set, as on CI's machine;
    now they read what was compiled here, as Python and pytest do whenever a module is unchanged."""
    global _CONFIG
    _CONFIG = config
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return  # a worker, or no workers: each module is compiled once anyway
    _on_every_core([_compile_onward, *_test_modules_rewritten_ahead(config)])
    give_back_memory()  # what compiling held goes back: pytest's own process lives as long as the run


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Once pytest's terminal reporter has counted a passing setup or teardown, it is let go: the reporter kept
    each one to the end of the run under a category it never shows (two per test, ~5,500 reports), and pytest's
    own process grew by ~10 MB over the run (the suite's peak was just over its 500 MB, issue 25). Failures,
    skips, errors and every test's own call are kept for the summary as before."""
    if report.when == "call" or not report.passed or _CONFIG is None:
        return
    reporter = _CONFIG.pluginmanager.get_plugin("terminalreporter")
    never_shown = getattr(reporter, "stats", {}).get("")
    if never_shown and never_shown[-1] is report:
        never_shown.pop()


_CONFIG: pytest.Config | None = None


def _compile_onward() -> None:
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parents[1] / "tui", quiet=1)


def _test_modules_rewritten_ahead(config: pytest.Config) -> list[Callable[[], None]]:
    """Jobs that rewrite the run's test modules and conftests into pytest's own cache files beside them, as its
    import hook would, a share of the modules each (its functions are pytest's own; if a new pytest has moved
    them, there are none and the workers rewrite as before)."""
    if config.getoption("assertmode", "rewrite") != "rewrite":
        return []  # assert rewriting is off (--assert=plain): the workers rewrite nothing
    try:
        from _pytest.assertion.rewrite import PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, assertstate_key, get_cache_dir

        state = config.stash[assertstate_key]
    except (ImportError, KeyError):
        return []
    files: set[Path] = set()
    for argument in config.args or [str(config.rootpath)]:
        where = config.invocation_params.dir / argument.split("::")[0]
        if where.is_dir():
            files.update(where.rglob("test_*.py"))
            files.update(where.rglob("conftest.py"))
        elif where.name.endswith(".py"):
            files.add(where)

    def rewrite(share: list[Path]) -> None:
        for file in share:
            cache = get_cache_dir(file)
            pyc = cache / (file.name[:-3] + PYC_TAIL)
            if _read_pyc(file, pyc) is not None:
                continue  # compiled by an earlier run, and unchanged since
            try:
                cache.mkdir(exist_ok=True)
                source_stat, code = _rewrite_test(file, config)
            except (OSError, SyntaxError):
                continue  # the worker reports it as it collects
            _write_pyc(state, code, source_stat, pyc)

    return [functools.partial(rewrite, share) for share in _shares(sorted(files))]


def _shares(files: list[Path]) -> list[list[Path]]:
    """`files` dealt out to the cores, one share each (by turns: the big app modules sit side by side)."""
    cores = max(1, min(os.cpu_count() or 1, 4))
    return [files[core::cores] for core in range(cores)]


def _on_every_core(jobs: list[Callable[[], None]]) -> None:
    """Run `jobs` side by side, one forked process a core, before pytest-xdist starts its workers (they wait for
    it): on a fresh clone, rewriting the ~140 test modules one after another took ~5 s of one core while the
    other had nothing to do. Without fork, or with one core, they run here one after another; a job whose
    process fails leaves its modules to the workers, which rewrite what they find not done."""
    cores = max(1, min(os.cpu_count() or 1, 4))
    if cores == 1 or not hasattr(os, "fork"):
        for job in jobs:
            job()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for core in range(1, cores):
        mine = jobs[core::cores]
        pid = os.fork()
        if pid == 0:  # the child: its jobs, then out at once (no pytest clean-up of the parent's run)
            try:
                for job in mine:
                    job()
            finally:
                os._exit(0)
        children.append(pid)
    for job in jobs[0::cores]:
        job()
    for pid in children:
        os.waitpid(pid, 0)


_PARSED_CSS: dict[tuple, list] = {}
"""Textual's parsed rules of each stylesheet source, by its text, place, scope and the theme's variables."""


def _share_parsed_css() -> None:
    """Parse each stylesheet source once per test process, not once per app: every app re-parsed all of Onward's
    CSS and its widgets' (~50 ms of each app test's CPU, a tenth of the suite). The running app parses it once
    anyway, in its one process; what is parsed is the same rules either way (the snapshots draw them). Textual
    keeps a parse cache per stylesheet, keyed the same way but emptied with the theme's variables, which are
    part of the key here. Test-only: it reaches Textual's `Stylesheet._parse_rules` (tests/conftest.py is
    outside tui/'s public-API rule); if a new Textual renames it, the tests parse per app as before."""
    from textual.css.stylesheet import Stylesheet

    parse = getattr(Stylesheet, "_parse_rules", None)
    if parse is None or getattr(parse, "shared", False):
        return

    def shared(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):  # type: ignore[no-untyped-def]
        variables = self._variables
        held = getattr(self, "_onward_theme_key", None)  # the theme's variables as a key, once per stylesheet
        if held is None or held[0] is not variables:
            held = self._onward_theme_key = (variables, tuple(sorted(variables.items())))
        key = (css, read_from, is_default_rules, tie_breaker, scope, held[1])
        rules = _PARSED_CSS.get(key)
        if rules is None:
            rules = _PARSED_CSS[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    shared.shared = True  # type: ignore[attr-defined]
    shared.textuals = parse  # type: ignore[attr-defined]
    Stylesheet._parse_rules = shared  # type: ignore[method-assign]


def parse_css_per_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test of how often an app parses its CSS: Textual's own parse, per stylesheet (`_share_parsed_css`
    would hide a source parsed twice by one app, and show none parsed by an app after the first)."""
    from textual.css.stylesheet import Stylesheet

    textuals = getattr(Stylesheet._parse_rules, "textuals", None)
    if textuals is not None:
        monkeypatch.setattr(Stylesheet, "_parse_rules", textuals)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected, freeze what the imports made out of the garbage collector's walks, as the
    launcher does before the real app runs (tui/launch.py): the collections that each app test's allocations
    set off then walk only that test's objects (the app tests took ~40% more CPU walking Textual's modules
    again and again). Apps are built after this, in the tests, and are freed as in any process."""
    from tui.launch import freeze_what_lasts

    _share_parsed_css()
    freeze_what_lasts()


_RENDERING_CACHES: dict[int, Callable[[], None]] = {}
_CACHES_FOUND_AMONG = -1
"""How many of Textual's and Rich's modules were loaded when their caches were last looked for."""


def forget_rendering_caches() -> None:
    """Empty Textual's and Rich's bounded function caches (functools.lru_cache, 128 to 8,192 entries each): they
    keep the cells, colours, styles and regions an app drew last, whichever app drew them, for as long as the
    process lives. A worker of the suite that ran a few hundred app tests kept ~25 MB more for them (issue 25).
    Unbounded caches (a class's CSS bases, Unicode tables) are kept: what they hold does not grow with use."""
    global _CACHES_FOUND_AMONG
    loaded = [(name, module) for name, module in list(sys.modules.items()) if name.startswith(("textual", "rich"))]
    if len(loaded) != _CACHES_FOUND_AMONG:
        _CACHES_FOUND_AMONG = len(loaded)
        for _name, module in loaded:
            for thing in list(vars(module).values()):
                members = list(vars(thing).values()) if isinstance(thing, type) else [thing]
                for member in members:
                    cached = getattr(member, "__func__", member)  # a cached staticmethod or classmethod
                    parameters = getattr(cached, "cache_parameters", None)
                    if callable(parameters) and parameters()["maxsize"] is not None:
                        _RENDERING_CACHES[id(cached)] = cached.cache_clear
    for clear in _RENDERING_CACHES.values():
        clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After each test, what its apps left in Textual's caches goes with them (forget_rendering_caches); after a
    test file's last test, the memory its tests freed goes back to the system (`give_back_memory`)."""
    try:
        return (yield)
    finally:
        forget_rendering_caches()
        if nextitem is None or nextitem.path != item.path:
            give_back_memory()


def give_back_memory() -> None:
    """Free what a test file's tests left unreachable and hand the C heap's free pages back to the system
    (glibc's malloc_trim): a worker's memory otherwise stays at the most any file it ran needed (a zip bomb's
    test, +60 MB), and the three workers' peaks added up over the suite's 500 MB (issue 25)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to hand back this way
        pass


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real journal or depend on the real date."""
    monkeypatch.delenv("ONWARD_DB", raising=False)
    monkeypatch.delenv("ONWARD_TODAY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path):
    opened = Journal.open(make_empty_journal(journal_path))
    yield opened
    opened.close()


_DEMO_TEMPLATES: dict[date, Path] = {}
"""The demo journal built once per test process for each today, copied for every test that asks for one."""
_TEMPLATE_FOLDER = tempfile.TemporaryDirectory(prefix="onward-demo-templates-")


def _build_demo_journal(path: Path, today: date) -> Path:
    opened = Journal.open(path)
    try:
        load_demo(opened, json.loads(demo_journal_text()), today)
    finally:
        opened.close()
    return path


def make_demo_journal(path: Path, today: date = TODAY) -> Path:
    """Write the demo journal, dated to end on `today`, at `path`: a copy of one built once per process (the
    copy takes ~0.3 ms, building it ~25 ms of work and ~170 ms on a busy disk), so each test has its own file."""
    if today not in _DEMO_TEMPLATES:
        _DEMO_TEMPLATES[today] = _build_demo_journal(Path(_TEMPLATE_FOLDER.name) / f"demo-{today.isoformat()}.db", today)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # as a new journal's folder is made
    shutil.copy(_DEMO_TEMPLATES[today], path)  # with its permission bits: private, as Onward makes it
    return path


_EMPTY_TEMPLATE: list[Path] = []
"""A new journal, started once per test process and copied for every test that asks for an empty one."""


def make_empty_journal(path: Path) -> Path:
    """A new, empty journal at `path`, as `Journal.open` starts one: a copy of one started once per process (a copy
    takes ~1 ms, starting one ~15 ms of CPU: its migrations). Its id is the template's, as every copy of the demo
    journal shares the demo's: a test that needs journals of their own ids starts them with `Journal.open`."""
    if not _EMPTY_TEMPLATE:
        _EMPTY_TEMPLATE.append(Path(_TEMPLATE_FOLDER.name) / "empty.db")
        Journal.open(_EMPTY_TEMPLATE[0]).close()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # as a new journal's folder is made
    shutil.copy(_EMPTY_TEMPLATE[0], path)  # with its permission bits: private, as Onward makes it
    return path


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return make_demo_journal(tmp_path / "demo.db")


async def settle(pilot) -> None:
    """Wait on the app's own signals, never a timer: until its workers are done (reads in threads, the
    command palette's search, start-up's warm-up) and the messages they left are handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


@pytest.fixture
def pilot_waits_on_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's press and pause() wait on the app's own signals (tests/signals.py) instead of idle polls: for the
    modules that opt in (`pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")`), whose apps are all
    Onward's."""
    from textual.pilot import Pilot

    from tests import signals

    timed = Pilot.pause
    monkeypatch.setattr(Pilot, "press", signals.press)
    monkeypatch.setattr(Pilot, "pause", lambda pilot, delay=None: signals.pause(pilot, delay, timed=timed))


class JournalWatches:
    """Counts the runs of the app's journal watch (a timer, every second), so a test waits for the next one
    instead of sleeping past it."""

    def __init__(self) -> None:
        self.runs = 0
        self._ran: asyncio.Event | None = None

    def ran(self) -> None:
        self.runs += 1
        if self._ran is not None:
            self._ran.set()

    async def next(self) -> None:
        """Until the watch has run once more (from now); fails after a generous 30 s, never waits a set time."""
        self._ran = asyncio.Event()
        await asyncio.wait_for(self._ran.wait(), 30)


@pytest.fixture
def journal_watches(monkeypatch: pytest.MonkeyPatch) -> JournalWatches:
    from tui.app import OnwardApp

    watches = JournalWatches()
    watch = OnwardApp.watch_journal

    def counted(app: OnwardApp) -> None:
        watch(app)
        watches.ran()

    monkeypatch.setattr(OnwardApp, "watch_journal", counted)
    return watches


class _Timer:
    def __init__(self, due: float, callback: Callable[[], object]) -> None:
        self.due, self.callback, self.stopped = due, callback, False

    def stop(self) -> None:
        self.stopped = True


class EditorClock:
    """The reflection editor's clock and timers, moved on by the test: a timer whose moment has come runs
    then, as Textual's would after that long. Autosave's rules (a second after a pause, at the latest every
    few seconds of typing) are tested without waiting for them."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.timers: list[_Timer] = []

    def monotonic(self) -> float:
        return self.now

    def set_timer(self, delay: float, callback: Callable[[], object] | None = None) -> _Timer:
        timer = _Timer(self.now + delay, callback or (lambda: None))
        self.timers.append(timer)
        return timer

    async def advance(self, pilot, seconds: float) -> None:
        """Move time on by `seconds`, run the timers due by then, and let the app handle what they did."""
        self.now += seconds
        for timer in [timer for timer in self.timers if not timer.stopped and timer.due <= self.now]:
            timer.stopped = True
            result = timer.callback()
            if inspect.isawaitable(result):
                await result
        await pilot.pause()


@pytest.fixture
def editor_clock(monkeypatch: pytest.MonkeyPatch) -> EditorClock:
    from tui.screens import reflection

    clock = EditorClock()
    monkeypatch.setattr(reflection, "monotonic", clock.monotonic)
    monkeypatch.setattr(reflection.ReflectionEditor, "set_timer", lambda _editor, delay, callback=None, **_: clock.set_timer(delay, callback))
    return clock


def run_app(app, steps: Callable[[object], Awaitable[None]], size: tuple[int, int] = SIZE) -> None:
    """Run `app` headless at a fixed size and drive it with `steps(pilot)`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())
