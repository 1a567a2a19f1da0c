"""Provides the `onward` entry point: answers `onward streak --short` (a shell prompt asks it at every
prompt) straight from the journal, and hands everything else to the full command line, tui.cli. Also how the
app ends when its terminal goes away (`ending_on_hang_up`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

TYPE_CHECKING = False  # typing's own (3 ms to import) for the type checker, which reads this name alike
if TYPE_CHECKING:
    import threading

# asyncio (with ssl, logging and concurrent.futures: ~20 ms of CPU), threading and signal (~4 ms: its enums)
# load only when the app sets up its hang-up handling (ending_on_hang_up): never for the shell prompt's
# `onward streak --short`, nor for `onward add` or `onward list` (tests/cli/test_imports.py).


def _prompt_request(argv: Sequence[str]) -> tuple[str | None] | None:
    """(the --db value or None) when argv asks only for `streak --short`, else None."""
    db: str | None = None
    rest: list[str] = []
    items = list(argv)
    while items:
        item = items.pop(0)
        if item == "--db" and items:
            db = items.pop(0)
        elif item.startswith("--db="):
            db = item[len("--db="):]
        else:
            rest.append(item)
    return (db,) if rest == ["streak", "--short"] else None


def quick_streak(argv: Sequence[str]) -> int | None:
    """Print the prompt's streak and return 0, or None when the full command should answer instead."""
    request = _prompt_request(argv)
    if request is None:
        return None
    from datetime import date

    from tui.domain.runs import DEFAULT_REST_WEEKDAYS, current_streak
    from tui.domain.text import number
    from tui.store.quick import steps_and_rest

    from tui.paths import journal_path

    path = journal_path(request[0])
    from tui.paths import today_from_environment

    try:
        today = today_from_environment()
    except ValueError:
        return None  # the full command explains what ONWARD_TODAY should look like
    read = steps_and_rest(path)
    if read is None:
        return None
    steps, weekdays, rest_days = read
    rest_weekdays = DEFAULT_REST_WEEKDAYS if weekdays is None else weekdays

    def is_rest(day: date) -> bool:
        return day.weekday() in rest_weekdays or day in rest_days

    print(f"🔥{number(current_streak(steps, is_rest, today))}")
    return 0


def freeze_what_lasts() -> None:
    """Move everything alive now out of the garbage collector's walks, once, just before the real app runs.

    What the imports made (modules, classes, Textual's tables) lives as long as the process: frozen, the full
    collections that start-up's and each key's allocations set off no longer walk it all (~20 ms in the middle
    of the first paint's reads on a ten-year journal). Only the launcher calls this (tui/cli.py _open_app, and
    `main` as a command's process ends), never the app itself: a frozen object is never freed, so an app that
    froze itself stayed alive, and a process that runs many apps (the tests) grew with each one."""
    import gc

    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `onward` with `argv` (default: the process's arguments); returns the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    answered = quick_streak(arguments)
    if answered is not None:
        return answered
    if argv is not None:  # a test's call: its process goes on, with the collector as it was
        from tui.cli import main as full_command

        return full_command(arguments)
    # The `onward` process. The command line's imports make ~8,000 objects that live as long as it and
    # free next to none: with the collector paused meanwhile, and what they made frozen after, no collection
    # walks them (~3 ms of `onward add`).
    import gc

    gc.disable()
    try:
        from tui.cli import main as full_command
    finally:
        freeze_what_lasts()
        gc.enable()
    status = full_command(arguments)
    # The process ends next: frozen, what the command made is not walked by the collector once more as the
    # interpreter shuts down (~10 ms of `onward list`, a sixth of it). The memory goes back with the process.
    freeze_what_lasts()
    return status


HANG_UP_GRACE_SECONDS = 1.5
"""How long a hang-up leaves the app to save and shut down before the process ends anyway (issue 29: ended
within 2 s, whatever the moment)."""

EXIT_HUNG_UP = 128 + 1  # 128 + signal.SIGHUP (1 on every POSIX system; tests/cli/test_imports.py checks it)
"""The status of a process ended by its hang-up deadline, as a shell reports one ended by SIGHUP."""


@contextmanager
def ending_on_hang_up(
    then: Callable[[], None],
    *,
    at_once: Callable[[], None] = lambda: None,
    grace: float = HANG_UP_GRACE_SECONDS,
    end: Callable[[int], object] = os._exit,
    outputs: Sequence[object] | None = None,
) -> Iterator[threading.Event]:
    """While inside, a hang-up (SIGHUP: the terminal or the SSH connection closed) ends the process within
    `grace` seconds, whatever the app is doing. At the signal: `at_once()` (quick, safe in a signal handler),
    the terminal's outputs are pointed at /dev/null (nothing is said to a terminal that is not there, and no
    write to it can fail), SIGCONT stops resuming anything, and `then()` is called on the running event loop
    (the app saves what its editors hold and quits). If the process is still there `grace` seconds later (a
    shutdown waiting on something that will never come), `end(EXIT_HUNG_UP)` ends it: what was committed is in
    the journal (WAL), an unfinished transaction is rolled back by the next open. Yields the event set on a
    hang-up. `outputs`: the streams silenced then (default: standard output and error, those that are
    terminals)."""
    import asyncio
    import signal
    import threading

    hung_up = threading.Event()
    if outputs is None:
        outputs = [stream for stream in (sys.__stdout__, sys.__stderr__) if _is_terminal(stream)]
    terminals = list(outputs)

    seen: list[int] = []  # a plain list, not the Event: a second SIGHUP can interrupt this handler, and
    # an Event's lock taken twice by one thread would never be given back

    def on_hang_up(signum: int, frame: object) -> None:
        if seen:
            return
        seen.append(signum)
        deadline = threading.Timer(grace, end, (EXIT_HUNG_UP,))
        deadline.daemon = True
        deadline.name = "onward-hang-up-deadline"
        deadline.start()  # first: whatever follows, the process ends
        at_once()
        _silence(terminals)
        signal.signal(signal.SIGCONT, signal.SIG_DFL)  # a hang-up's SIGCONT: nothing to resume
        hung_up.set()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not started yet, or already finished: the deadline ends whatever is left
        loop.call_soon_threadsafe(then)

    previous = signal.signal(signal.SIGHUP, on_hang_up)
    try:
        yield hung_up
    finally:
        if not seen:
            signal.signal(signal.SIGHUP, previous)


def _is_terminal(stream: object) -> bool:
    try:
        return stream is not None and os.isatty(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _silence(streams: list) -> None:
    """Point these (terminal) streams' file descriptors at /dev/null."""
    if not streams:
        return
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        for stream in streams:
            try:
                os.dup2(nowhere, stream.fileno())
            except (OSError, ValueError):
                pass
    finally:
        os.close(nowhere)
