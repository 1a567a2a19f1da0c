"""Provides the `onward` entry point: answers `onward streak --short` (a shell prompt asks it at every
prompt) straight from the journal, and hands everything else to the full command line, tui.cli."""

from __future__ import annotations

import sys
from collections.abc import Sequence


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

    print(f"🔥{current_streak(steps, is_rest, today)}")
    return 0


def freeze_what_lasts() -> None:
    """Move everything alive now out of the garbage collector's walks, once, just before the real app runs.

    What the imports made (modules, classes, Textual's tables) lives as long as the process: frozen, the full
    collections that start-up's and each key's allocations set off no longer walk it all (~20 ms in the middle
    of the first paint's reads on a ten-year journal). Only the launcher calls this (tui/cli.py _open_app),
    never the app itself: a frozen object is never freed, so an app that froze itself stayed alive, and a
    process that runs many apps (the tests) grew with each one."""
    import gc

    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `onward` with `argv` (default: the process's arguments); returns the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    answered = quick_streak(arguments)
    if answered is not None:
        return answered
    from tui.cli import main as full_command

    return full_command(arguments)
