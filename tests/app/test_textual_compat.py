"""tui/textual_compat.py on a stock Textual `App` and driver: when an upgrade moves the private names it relies
on, or changes what they do, these fail (DESIGN rule 11)."""

from __future__ import annotations

import asyncio
import io
import signal
import sys
import threading
import time

import pytest
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from tests.app.test_hangup import TMUX, Terminal, running, seconds_to_end, GONE_WITHIN_SECONDS
from tui import textual_compat
from tui.textual_compat import hang_up_safe, terminal_gone


@pytest.fixture
def stock_driver():
    """Textual's Linux driver of a stock App, as the app would have it, with its signal handlers put back."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}

    async def make():  # a driver is made inside the app's event loop
        return hang_up_safe(App().driver_class)(App())

    driver = asyncio.run(make())
    yield driver
    for number, handler in handlers.items():
        signal.signal(number, handler)
    textual_compat._GONE.clear()  # the process goes on (a real hang-up ends it)


class Broken(io.StringIO):
    """A terminal that has gone away: every write fails as a hung-up tty's does."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")


def start_writer(driver, file) -> None:
    """Start the driver's output thread on `file`, as `start_application_mode` does (textual 8.2.8)."""
    from textual.drivers._writer_thread import WriterThread

    driver._writer_thread = WriterThread(file)
    driver._writer_thread.start()


def in_thread(work) -> bool:
    """Run `work` in a thread; whether it finished within a second (it must never wait for good)."""
    done = threading.Event()
    threading.Thread(target=lambda: (work(), done.set()), daemon=True).start()
    return done.wait(1.0)


def test_only_the_linux_driver_is_changed():
    assert issubclass(hang_up_safe(LinuxDriver), LinuxDriver)
    assert hang_up_safe(HeadlessDriver) is HeadlessDriver


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # Textual's writer on EIO
def test_writes_after_the_output_thread_died_never_wait(stock_driver, monkeypatch):
    hang_ups = []
    monkeypatch.setattr(signal, "getsignal", lambda number: hang_ups.append)  # a hang-up handler is in place
    monkeypatch.setattr("os.kill", lambda pid, number: hang_ups.append(number))
    start_writer(stock_driver, Broken())
    stock_driver.write("\x1b[?1049h")
    stock_driver._writer_thread.join(1.0)  # its first write failed: the thread is gone, its queue undrained

    def write_a_lot_and_close():
        for _ in range(100):  # far more than the 30 its queue holds
            stock_driver.write("\x1b[?25l")
        stock_driver.close()

    assert in_thread(write_a_lot_and_close), "a write or close waited for good on a dead output thread"
    assert hang_ups == [signal.SIGHUP], "a writer dead on EIO is a hang-up: the process is told once"


def test_nothing_is_written_and_nothing_waited_for_once_the_terminal_is_gone(stock_driver):
    written = io.StringIO()
    start_writer(stock_driver, written)
    stock_driver.write("before")
    stock_driver.close()
    assert written.getvalue() == "before"  # a live terminal gets every write, then the writer stops

    start_writer(stock_driver, written)
    terminal_gone()

    def write_a_lot_and_close():
        for _ in range(100):
            stock_driver.write("after")
        stock_driver.close()

    assert in_thread(write_a_lot_and_close)
    assert written.getvalue() == "before"


def test_a_hang_ups_sigcont_does_not_take_the_terminal_again(stock_driver):
    terminal_gone()
    stock_driver.start_application_mode()  # what Textual's SIGCONT handler calls
    assert stock_driver._writer_thread is None


STOCK_APP = """
import sys
from textual.app import App
from textual.widgets import Static
from tui.launch import ending_on_hang_up
from tui.textual_compat import hang_up_safe, terminal_gone

class Busy(App):
    ticks = 0

    def compose(self):
        yield Static("ready")

    def on_mount(self):
        self.set_interval(0.01, self.tick)  # frames keep coming, as the hang-up's SIGCONT starts a new writer

    def tick(self):
        self.ticks += 1
        self.query_one(Static).update(f"ready {self.ticks} " * 300)

app = Busy()
app.driver_class = hang_up_safe(app.driver_class)
with ending_on_hang_up(app.exit, at_once=terminal_gone):
    app.run()
"""


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed: this test closes a real terminal under the app")
@pytest.mark.parametrize("after", [0.05, 0.3, 0.7])
def test_a_stock_app_always_ends_when_its_terminal_closes(tmp_path, after):
    script = tmp_path / "busy.py"
    script.write_text(STOCK_APP)
    terminal = Terminal(f"stock{after}")
    try:
        pid = terminal.start(f"exec {sys.executable} {script}")
        terminal.wait_for("ready", pid)
        time.sleep(after)
        terminal.close()
        took = seconds_to_end(pid)
        left = running(pid)
        if left:
            import os

            os.kill(pid, 9)
        assert not left and took <= GONE_WITHIN_SECONDS, f"still running {took:.2f} s after its terminal closed"
    finally:
        terminal.close()


def test_screens_built_ahead_on_a_stock_app_are_composed_laid_out_and_then_shown_as_built():
    """tui.textual_compat's build-ahead functions on a stock App: an upgrade that moves `_get_screen`,
    `_screen_stacks`, `_refresh_layout`, `_exit` or `_running` fails here, not in a person's first visit."""
    from textual.screen import Screen
    from textual.widgets import Static

    class Area(Screen):
        def compose(self):
            yield Static("area", id="body")

    class Question(Screen):
        def compose(self):
            yield Static("question", id="ask")

    area = Area()

    class Stock(App):
        MODES = {"first": Screen, "area": lambda: area}

        def on_mount(self):
            self.switch_mode("first")

    async def run():
        app = Stock()
        async with app.run_test(size=(60, 20)) as pilot:
            assert not textual_compat.is_closing(app)
            assert not textual_compat.has_mode_screen(app, "area")
            await textual_compat.build_mode_ahead(app, "area", area)
            assert textual_compat.has_mode_screen(app, "area")
            assert area.is_mounted and area.query_one("#body").size.width == 60  # composed and laid out
            question = Question()
            app.install_screen(question, "question")
            await textual_compat.build_screen_ahead(app, question)
            assert question.is_mounted and question.query_one("#ask").size.width == 60
            await app.switch_mode("area")
            await pilot.pause()
            assert app.screen is area  # the screen built ahead is the one shown
            app.exit()
            assert textual_compat.is_closing(app)

    asyncio.run(run())


def test_a_text_field_is_told_without_importing_textuals_text_area():
    from textual.widgets import Input, Static, TextArea

    from tui.typed_ahead import is_text_field

    assert is_text_field(Input()) and is_text_field(TextArea()) and not is_text_field(Static())


@pytest.mark.parametrize("in_turn", [False, True])
def test_keys_of_a_burst_go_to_the_widget_focused_as_they_arrive_unless_handed_on_in_turn(in_turn):
    """tui.textual_compat.arriving on a stock App: Textual hands every key of a burst to the widget focused as it
    arrives, before the keys ahead of it are acted on (so x, typed after the s that moves the focus into a
    field, never reaches the field), and a key that widget does not use comes back to the app marked. If an
    upgrade hands keys on only once the keys before them are acted on, the first case fails: tui/typed_ahead.py
    can then go. The second runs tui.typed_ahead on the same stock App: x lands in the field."""
    from textual import events
    from textual.widgets import Input, Static

    from tui.typed_ahead import TypedAhead

    class Listing(Static, can_focus=True):
        BINDINGS = [("s", "ask", "Ask")]

        def action_ask(self):  # as Onward's s puts up the day question: the focus moves into a text field
            field = self.screen.query_one(Input)
            field.display = True
            self.screen.set_focus(field)

    handed, back = [], []

    class Stock(App):
        def __init__(self):
            super().__init__()
            self.typed_ahead = TypedAhead(self, super().on_event)

        def compose(self):
            yield Listing("applications")
            yield Input(id="field")

        def on_mount(self):
            self.query_one(Input).display = False
            self.set_focus(self.query_one(Listing))
            self.typed_ahead.started()

        async def on_event(self, event):
            if isinstance(event, events.Key):
                if textual_compat.arriving(event):
                    handed.append((event.key, type(self.focused).__name__))
                    if in_turn:
                        await self.typed_ahead.arrived(event)
                        return
                else:
                    back.append(event.key)
            await super().on_event(event)

    async def run():
        app = Stock()
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            for key, character in (("s", "s"), ("x", "x"), ("enter", "\r")):  # in one go, as typed fast
                app.post_message(events.Key(key, character))
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.focused, Input)
            return app.focused.value

    typed = asyncio.run(run())
    assert handed == [("s", "Listing"), ("x", "Listing"), ("enter", "Listing")], "keys no longer go where the focus was"
    if in_turn:
        assert typed == "x" and back == ["s", "enter"]  # s came back to run its binding; Enter, unused by the field
    else:
        assert typed == "" and back == ["s", "x", "enter"], "keys of a burst now wait for the ones before them"


def test_a_screen_marked_styled_is_not_restyled_on_its_first_showing_and_is_styled_all_the_same():
    """tui.textual_compat.mark_styled on a stock App: Textual restyles everything when a mode's new screen is
    first shown (so the mark still has work to do), not for a marked one, which is styled as the app's CSS
    says all the same; after a theme change a screen marked before it is restyled when shown again. An upgrade
    that moves `_css_update_count` or changes when Textual restyles fails here."""
    from textual.screen import Screen
    from textual.widgets import Static

    class Plain(Screen):
        def compose(self):
            yield Static("plain", classes="body")

    class Marked(Plain):
        def __init__(self):
            super().__init__()
            textual_compat.mark_styled(self)

    restyled = []

    class Stock(App):
        CSS = ".body { width: 17; }"
        MODES = {"start": Screen, "plain": Plain, "marked": Marked}

        def on_mount(self):
            self.switch_mode("start")

        def refresh_css(self, animate=True):
            restyled.append(self.current_mode)
            super().refresh_css(animate)

    async def run():
        app = Stock()
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            restyled.clear()
            await app.switch_mode("plain")
            await pilot.pause()
            assert restyled, "Textual no longer restyles everything for a new screen: mark_styled can go"
            restyled.clear()
            await app.switch_mode("marked")
            await pilot.pause()
            assert restyled == [], "a marked screen was restyled on its first showing"
            assert app.screen.query_one(".body").size.width == 17  # styled by the app's CSS all the same
            app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
            await app.switch_mode("start")
            await pilot.pause()
            restyled.clear()
            await app.switch_mode("marked")  # built before the new theme: restyled as Textual would
            await pilot.pause()
            assert restyled, "a screen left behind by a theme change was not restyled"

    asyncio.run(run())
