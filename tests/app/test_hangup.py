"""Closing the terminal always ends Onward (issue 29): the app runs in a real terminal (tmux, on a socket of
its own), the terminal is closed at seeded random moments after the first paint, and every process must be
gone within 2 s, the journal sound and holding what was saved, what the editor held included.

`ONWARD_HANGUP_TRIALS=N` runs N seeded moments instead of 8 (`ONWARD_HANGUP_SEED` changes the seed)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.app.test_inbox import seed
from tests.app.test_reflection import reject
from tests.conftest import TODAY, make_demo_journal
from tui.launch import EXIT_HUNG_UP, ending_on_hang_up

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed: these tests close a real terminal under the app")

GONE_WITHIN_SECONDS = 2.0
"""The promise: a closed terminal ends every Onward process within this long."""
FIRST_PAINT_SECONDS = 30.0
"""How long the app may take to paint (a loaded CI machine); only a bound on a wait, never the thing judged."""
WITHIN_SECONDS = 2.0
"""The moments are spread over this long after the first paint (start-up's warm-up, the first backup, the
journal's watch and the areas built ahead all happen in it)."""
MOMENTS = int(os.environ.get("ONWARD_HANGUP_TRIALS", "8"))
SEED = int(os.environ.get("ONWARD_HANGUP_SEED", "29"))


class Terminal:
    """One tmux server on a socket of its own, in a folder of its own (never anyone else's sessions, and
    nothing left behind), 80×24, running one command."""

    def __init__(self, name: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=f"onward-{name}-"))
        self.socket = self.folder / "tmux"

    def tmux(self, *args: str) -> str:
        done = subprocess.run([TMUX or "tmux", "-S", str(self.socket), *args], capture_output=True, text=True, timeout=20)
        return done.stdout

    def start(self, command: str) -> int:
        """Start `command` in the terminal; the pid of the process running in it."""
        self.tmux("new-session", "-d", "-s", "onward", "-x", "80", "-y", "24", command)
        return int(self.tmux("display-message", "-p", "-t", "onward", "#{pane_pid}").strip())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "onward")

    def wait_for(self, text: str, pid: int, *, shown: bool = True) -> None:
        """Poll the screen until `text` shows (the app has drawn it), or with shown=False until it is gone;
        fails if the app ended first."""
        give_up = time.monotonic() + FIRST_PAINT_SECONDS
        while (text in self.screen()) != shown:
            assert running(pid), f"the app ended before showing {text!r}"
            assert time.monotonic() < give_up, f"{text!r} never showed; the screen:\n{self.screen()}"
            time.sleep(0.02)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "onward", "-l", text)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "onward", *keys)

    def close(self) -> None:
        """Close the terminal, as closing its window does: the pty goes away under the app (SIGHUP, EIO)."""
        if self.socket.exists():
            self.tmux("kill-server")
        shutil.rmtree(self.folder, ignore_errors=True)


def running(pid: int) -> bool:
    """Whether `pid` is still a live process (a zombie waiting for its parent to collect it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc here: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def seconds_to_end(pid: int) -> float:
    """Poll until `pid` has ended; how long that took (at most a little over the promise, then gives up)."""
    start = time.monotonic()
    while running(pid):
        if time.monotonic() - start > GONE_WITHIN_SECONDS + 1:
            break
        time.sleep(0.01)
    return time.monotonic() - start


def onward(path: Path) -> str:
    """The command the terminal runs: the app on `path`, replacing the shell so the pane's pid is Onward's."""
    return f"exec env ONWARD_TODAY={TODAY.isoformat()} {sys.executable} -m tui --db {path}"


def close_and_check(terminal: Terminal, pid: int, path: Path, what: str) -> None:
    """Close the terminal now; Onward must be gone within the promise and its journal sound."""
    terminal.close()
    took = seconds_to_end(pid)
    left = running(pid)
    if left:  # not ours to leave behind: end it before failing
        os.kill(pid, 9)
    assert not left and took <= GONE_WITHIN_SECONDS, f"{what}: Onward was still running {took:.2f} s after its terminal closed"
    assert integrity(path) == "ok", what


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def companies(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute("SELECT company FROM applications ORDER BY id")]
    finally:
        db.close()


def kept_text(path: Path) -> list[str]:
    """Every text the journal keeps for reflections: saved reflections' fields and drafts' values."""
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        texts = [str(value) for row in db.execute("SELECT * FROM reflections") for value in tuple(row) if isinstance(value, str)]
        for (value,) in db.execute("SELECT value FROM drafts"):
            texts += [str(field) for field in json.loads(value).values()]
        return texts
    finally:
        db.close()


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory) -> Path:
    """The demo journal, written once for every moment (each copies it)."""
    return make_demo_journal(tmp_path_factory.mktemp("demo") / "demo.db")


@needs_tmux
@pytest.mark.parametrize("moment", range(MOMENTS))
def test_closing_the_terminal_at_any_moment_ends_onward_within_two_seconds(journal_path, demo_journal, moment):
    shutil.copyfile(demo_journal, journal_path)  # a full screen to draw, dialogs and areas to warm up
    before = companies(journal_path)
    slot = WITHIN_SECONDS / MOMENTS  # one seeded moment in each slice of the first two seconds
    delay = random.Random(SEED * 1000 + moment).uniform(moment * slot, (moment + 1) * slot)
    terminal = Terminal(f"moment{moment}")
    try:
        pid = terminal.start(onward(journal_path))
        terminal.wait_for("Inbox", pid)  # the first paint
        time.sleep(delay)  # the seeded moment: start-up's warm-up, the first backup, the journal's watch
        # Going through the areas as the window closes: screens still to draw when the hang-up comes (what
        # filled Textual's output queue and left the process behind: a frame after the hang-up's SIGCONT).
        terminal.press(*"23451" * 3)
        close_and_check(terminal, pid, journal_path, f"closed {delay:.3f} s after the first paint")
    finally:
        terminal.close()
    assert companies(journal_path) == before


@needs_tmux
def test_closing_the_terminal_with_a_form_open_ends_onward(journal_path):
    seed(journal_path, "Acme")
    terminal = Terminal("modal")
    try:
        pid = terminal.start(onward(journal_path))
        terminal.wait_for("Acme", pid)
        terminal.press("n")
        terminal.wait_for("Company", pid)  # the new-application form is up
        terminal.type("Initech")
        close_and_check(terminal, pid, journal_path, "closed with the new-application form open")
    finally:
        terminal.close()
    assert companies(journal_path) == ["Acme"]  # a form not submitted adds nothing


@needs_tmux
def test_closing_the_terminal_mid_typing_keeps_what_the_editor_held(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    shown, more = "typed just before", " the window closed"
    terminal = Terminal("typing")
    try:
        pid = terminal.start(onward(journal_path))
        terminal.wait_for("Acme", pid)
        terminal.press("e")
        terminal.wait_for("Reflecting on", pid)
        terminal.press("Tab")  # to the feelings, a line of text
        terminal.wait_for("F1 Help", pid)  # in a text field, ? and q are letters: the key bar shows F1 and ^q
        terminal.type(shown)
        terminal.wait_for(shown, pid)  # in the editor (not yet autosaved: that waits for a second's pause)
        terminal.type(more)  # and the terminal closes while these keys are still on their way
        close_and_check(terminal, pid, journal_path, "closed mid-typing in the reflection editor")
    finally:
        terminal.close()
    kept = [text for text in kept_text(journal_path) if text.startswith(shown)]
    assert kept, "what the editor held was lost"
    assert all((shown + more).startswith(text) for text in kept), kept


@pytest.fixture
def hang_up_here():
    """Send this process a hang-up (only inside `ending_on_hang_up`, whose handler takes it); the SIGHUP and
    SIGCONT handlers are put back afterwards (after a hang-up, the process keeps ignoring both)."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGHUP, signal.SIGCONT)}
    yield lambda: os.kill(os.getpid(), signal.SIGHUP)
    for number, handler in handlers.items():
        signal.signal(number, handler)


def test_a_hang_up_quits_the_app_on_its_loop_saving_the_editor(journal_path, hang_up_here):
    from textual.widgets import TextArea

    from tests.app.test_app_safety import open_editor_on_rejection
    from tests.conftest import run_app
    from tui.app import OnwardApp
    from tui.store.repository import Journal

    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)
    ended = []

    async def steps(pilot):
        editor = await open_editor_on_rejection(pilot)
        await pilot.press("2")  # a mood: the reflection can be saved, not only kept as a draft
        editor.query_one("#body", TextArea).text = "typed just before the window closed"
        hang_up_here()
        for _ in range(50):
            if not pilot.app.is_running:
                break
            await pilot.pause()
        assert not pilot.app.is_running

    with ending_on_hang_up(app.quit_on_signal, end=ended.append, outputs=()) as hung_up:
        run_app(app, steps)
    assert hung_up.is_set()
    journal = Journal.open(journal_path)
    [reflection] = journal.reflections.every()
    assert reflection.body == "typed just before the window closed"
    journal.close()


def test_a_shutdown_that_never_finishes_is_ended_after_the_grace(hang_up_here):
    ended, told = [], []
    finished = threading.Event()

    def end(status):
        ended.append(status)
        finished.set()

    with ending_on_hang_up(lambda: None, at_once=lambda: told.append("at once"), grace=0.05, end=end, outputs=()):
        hang_up_here()  # no event loop runs here: nothing will ever quit
        hang_up_here()  # a second hang-up changes nothing
        assert finished.wait(10)
    assert ended == [EXIT_HUNG_UP] and told == ["at once"]


def test_the_hang_up_handler_is_put_back_when_no_hang_up_came():
    before = signal.getsignal(signal.SIGHUP)
    with ending_on_hang_up(lambda: None, outputs=()):
        assert signal.getsignal(signal.SIGHUP) is not before
    assert signal.getsignal(signal.SIGHUP) == before


def test_keys_still_on_their_way_at_a_hang_up_are_dropped(journal_path):
    from textual.app import App

    from tests.conftest import run_app
    from tui.app import OnwardApp

    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        inbox = pilot.app.screen
        pilot.app.exit = lambda *args, **kwargs: None  # the exit held back, to see what the keys do meanwhile
        pilot.app.quit_on_signal()
        await pilot.press("2", "n")  # would go to the reflections, then open a form: a backlog delays the exit
        assert pilot.app.screen is inbox
        App.exit(pilot.app)

    run_app(app, steps)
