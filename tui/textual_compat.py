"""Where Onward leans on Textual's private names or undocumented behaviour (DESIGN rule 11): each use says why,
and which upstream change would retire it. tests/app/test_textual_compat.py runs each on a stock
`textual.app.App`, so a Textual upgrade that moves them fails CI, never a user.

A terminal that goes away (textual 8.2.8, drivers/linux_driver.py and drivers/_writer_thread.py)
-------------------------------------------------------------------------------------------------
Closing the window (or losing the SSH connection) under a Textual app could leave the process running for good,
asleep, its terminal gone (issue 29: 2 to 4 runs in 10 when the window closed within a second of the first
paint). What happens:

1. The hang-up sends SIGHUP and, to a session leader, SIGCONT. Textual's SIGCONT handler
   (`LinuxDriver._sigcont_application`) "resumes" the app: `start_application_mode` starts a second
   `WriterThread` (and a second input thread) without stopping the first.
2. The new writer's first write to the hung-up terminal raises EIO and ends that thread; nothing drains its
   queue any more, which holds at most 30 writes (`MAX_QUEUED_WRITES`).
3. Every frame drawn meanwhile is one more `Queue.put`; the shutdown's own writes, then `WriterThread.stop`'s
   `put(None)`, wait on the full queue forever (the old writer waits, as forever, on its own empty queue).

tui.launch's hang-up handler (a Python-level SIGHUP handler, so it runs before Textual's SIGCONT handler
when both arrive together) stops SIGCONT from resuming and points the terminal's outputs at /dev/null: enough
when it wins the race with the output thread. `hang_up_safe(driver_class)` covers the rest: a `LinuxDriver`
that, once `terminal_gone()` was called or its writer thread has died, drops what it would write (a terminal
that is not there is told nothing), never waits on the queue of a writer that cannot drain it, and does not
start application mode again after a hang-up. A writer that dies on its own (EIO with no SIGHUP: the signal
ignored, or not sent to this process group) is treated as the hang-up it is: the driver sends the process
SIGHUP, so whatever handles a hang-up runs. The rest of the hang-up (saving, a bounded wait, the exit) is
public API and lives in tui/launch.py.

Private names used: `LinuxDriver._writer_thread`, `WriterThread._queue` (a `queue.Queue`), and
`textual.drivers._writer_thread.WriterThread` for the type. Retired by an upstream fix that makes
`WriterThread.write`/`stop` give up once the thread has died (or catches OSError in `WriterThread.run` and
keeps draining), and makes SIGCONT resume only an app that was suspended (`_sigcont_application` checks a
"suspended" flag rather than `_auto_restart`).

To report upstream (not filed yet: this machine has no network; file it at
https://github.com/Textualize/textual/issues and link it here):

    Title: An app that exits on SIGHUP never ends when its terminal closes while it draws
    (WriterThread.stop blocks on a full queue)

    Textual 8.2.8, Python 3.11, Linux. An app that handles SIGHUP by exiting (so it can save its work when
    the terminal closes) never ends if its terminal closes while it is drawing: the process stays, asleep.
    Repro (tmux; 3 runs in 6 leave the process behind here):

        # hang.py
        import asyncio, signal
        from textual.app import App
        from textual.widgets import Static
        class Busy(App):
            ticks = 0
            def compose(self):
                yield Static("ready")
            def on_mount(self):
                asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.exit)
                self.set_interval(0.01, self.tick)
            def tick(self):
                self.ticks += 1
                self.query_one(Static).update(f"ready {self.ticks} " * 300)
        Busy().run()

        tmux -L repro new -d -s r -x 80 -y 24 'exec python hang.py'
        sleep 1.3; tmux -L repro kill-server; sleep 3; pgrep -af hang.py   # often still there

    Stack of a stuck process (faulthandler; py-spy shows the same):
        MainThread:     Queue.put <- WriterThread.stop (drivers/_writer_thread.py:67) <- LinuxDriver.close
                        <- App._shutdown <- App.run
        textual-output: Queue.get <- WriterThread.run

    Cause: the pty hang-up sends SIGHUP and SIGCONT; `LinuxDriver._sigcont_application` calls
    `resume_application_mode` (as `_auto_restart` is True by default, though the app was never suspended),
    which starts a second WriterThread and input thread without stopping the first ones. The second writer's
    first write raises OSError(EIO) and its thread ends; its queue (maxsize 30) then fills with frames and
    nothing drains it, so the next write, or `stop()`'s `put(None)`, blocks forever.

    Suggested fix: in `WriterThread.run`, catch OSError from write/flush and keep draining the queue (or make
    `write`/`stop` give up when the thread is no longer alive); resume on SIGCONT only after a SIGTSTP
    suspended the app.
"""

from __future__ import annotations

import os
import queue
import signal

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.screen import Screen
from textual.drivers._writer_thread import WriterThread

_GONE: list[bool] = []
"""Not empty once the terminal has gone away (see `terminal_gone`); the process ends soon after. A plain list,
not a `threading.Event`: it is set in a signal handler, which must never wait for a lock."""

PUT_WAIT_SECONDS = 0.1
"""How long a write waits on a full output queue before looking again whether its writer is still there: a
slow terminal (a slow SSH link) still gets every write, in order; a gone one is no longer waited on."""


def terminal_gone() -> None:
    """Say the terminal has gone away: from now on the driver writes nothing and never waits for its writer.
    Safe in a signal handler (it takes no lock)."""
    if not _GONE:
        _GONE.append(True)


def hang_up_safe(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class` made safe to lose its terminal (see the module's docstring), when it is Textual's Linux
    driver or a subclass of it; any other driver (headless, web, Windows) is returned as it is."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # not on this platform
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class
    base: type[LinuxDriver] = driver_class

    class HangUpSafeDriver(base):  # type: ignore[valid-type,misc]
        """Textual's Linux driver, told nothing once its terminal is gone (see tui.textual_compat)."""

        def start_application_mode(self) -> None:
            if _GONE:
                return  # the SIGCONT of a hang-up: no terminal to take over again
            super().start_application_mode()

        def write(self, data: str) -> None:
            writer = _writer_of(self)
            if writer is None or _GONE:
                return
            _put(writer, data)

        def close(self) -> None:
            writer = _writer_of(self)
            if writer is None or _GONE:
                return  # nothing to flush to: the writer thread is a daemon and dies with the process
            if _put(writer, None):
                while writer.is_alive() and not _GONE:
                    writer.join(PUT_WAIT_SECONDS)

    HangUpSafeDriver.__name__ = HangUpSafeDriver.__qualname__ = f"HangUpSafe{base.__name__}"
    return HangUpSafeDriver


def _writer_of(driver: Driver) -> WriterThread | None:
    """The driver's output thread (textual 8.2.8: `LinuxDriver._writer_thread`, None outside application mode)."""
    writer: WriterThread | None = driver._writer_thread  # type: ignore[attr-defined]
    return writer


def _put(writer: WriterThread, data: str | None) -> bool:
    """Queue `data` for `writer` (textual 8.2.8: `WriterThread._queue`, at most 30 entries), waiting while the
    terminal is slow but not once it is gone. False when it was dropped."""
    pending: queue.Queue[str | None] = writer._queue
    while not _GONE:
        if not writer.is_alive() and writer.ident is not None:
            _writer_died()
            return False
        try:
            pending.put(data, timeout=PUT_WAIT_SECONDS)
            return True
        except queue.Full:
            continue
    return False


def _writer_died() -> None:
    """The output thread ended by itself: its write failed (EIO, the terminal is gone). That is a hang-up,
    whether or not one was signalled: say so, then let the process's SIGHUP handling run."""
    if _GONE:
        return
    terminal_gone()
    handler = signal.getsignal(signal.SIGHUP)
    if handler not in (signal.SIG_DFL, signal.SIG_IGN, None):
        os.kill(os.getpid(), signal.SIGHUP)


# Screens built ahead (textual 8.2.8, app.py `_init_mode`, `_get_screen`; screen.py `_refresh_layout`)
# -------------------------------------------------------------------------------------------------------
# The app builds the areas behind 2–5 and the day question while the person reads the Inbox, so a first visit
# costs what a second one does (~80 ms over three first visits, ~70 ms on the first `s`, measured in issue 25).
# Textual has no public "compose and mount this screen now, but do not show it": `install_screen` only
# registers it, and its first `switch_mode`/`push_screen` composes it then. Retired by an upstream
# `App.prepare_screen(screen)` / `App.prepare_mode(mode)` (compose, mount and lay out off screen) — until then
# each of these returns at once when Textual is closing, and tests/app/test_textual_compat.py runs them on a
# stock App.


def is_closing(app: App) -> bool:
    """Whether the app is quitting or not (yet, or any more) running: nothing may be built ahead then, as
    Textual is closing the screens it has (`App._exit`, `App._running`)."""
    return bool(app._exit) or not app._running


def has_mode_screen(app: App, mode: str) -> bool:
    """Whether `mode` has its screen already (shown, or built ahead): `App._screen_stacks`."""
    return mode in app._screen_stacks or mode == app.current_mode


async def build_mode_ahead(app: App, mode: str, screen: Screen) -> None:
    """Compose and mount `screen` as `mode`'s, without showing it, as Textual's first `switch_mode` to it would
    (`App._init_mode`) minus the resume it sends; then lay it out at the terminal's size."""
    if has_mode_screen(app, mode) or is_closing(app):
        return
    built, mounted = app._get_screen(screen)
    app._screen_stacks[mode] = [built]
    await mounted
    lay_out_ahead(app, built)


async def build_screen_ahead(app: App, screen: Screen) -> None:
    """Compose, mount and lay out an installed `screen` without showing it (`App._get_screen`)."""
    if is_closing(app):
        return
    _, mounted = app._get_screen(screen)
    await mounted
    lay_out_ahead(app, screen)


def lay_out_ahead(app: App, screen: Screen) -> None:
    """Lay out a screen built off screen at the terminal's size (`Screen._refresh_layout` paints only the
    current screen): its first showing then moves no widget, where it laid everything out twice (~15 ms)."""
    if screen is not app.screen:
        screen._refresh_layout(app.size)


# A screen styled as it mounts (textual 8.2.8, app.py `switch_mode`/`_init_mode`, `refresh_css`)
# -------------------------------------------------------------------------------------------
# Textual restyles every node of the app (`refresh_css`: re-read every stylesheet, then `stylesheet.update`
# of the whole DOM) when a mode's screen is shown whose `_css_update_count` is behind the app's: a screen that
# might have been left behind by a theme change. A new screen starts at -1, so the first showing of each area
# paid for that although it was styled with the app's current CSS as it mounted: measured in issue 25 with a
# stock stylesheet, the first visits of 2, 3 and 4 took ~167 ms of CPU together without the mark, ~121 ms with
# it. Retired by an upstream change that starts a screen's count at the app's when it is mounted (it is styled
# then), or a public `Screen.css_is_current`.


def mark_styled(screen: Screen) -> None:
    """Tell Textual that `screen`, built now, needs no restyling of every screen on its first showing: it is
    styled with the app's CSS as it mounts. A screen built before a theme change stays behind, and is
    restyled when it is shown again, as Textual would. Call it from the screen's `__init__`."""
    screen._css_update_count = screen.app._css_update_count


# Keys of a burst (textual 8.2.8, `App.on_event` and `Event.is_forwarded`)
# ------------------------------------------------------------------------
# Textual hands each key, as it arrives at the app, to the widget focused at that moment (`App.on_event`:
# `forward_target._forward_event(event)`, which marks it `is_forwarded`), before the keys ahead of it have been
# acted on; a key that widget does not use bubbles back up to the app, still marked. tui/typed_ahead.py takes
# each key as it arrives (not yet marked) and hands it on only once the key before it has settled. Neither the
# order nor what `is_forwarded` means is documented. Retired by an upstream change that hands a key on only once
# the keys before it have been acted on (or a public "key arrived" event); tests/app/test_textual_compat.py
# checks the order on a stock App.


def arriving(event: events.Event) -> bool:
    """Whether `event` (a key, a paste or a click) is arriving (Textual is about to hand it on), not coming back."""
    return not event.is_forwarded
