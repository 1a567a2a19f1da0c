"""What quitting asks first (an editor that could not save, an import being written, a form holding typed text
on any area's stack) and the signals that quit without asking (a closed terminal, a polite kill): the parts of
quitting OnwardApp hands out (tui/app.py keeps `action_quit`, `quit_on_signal` and the editors' flush)."""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.screens.confirm import ConfirmDialog
from tui.widgets.screen_tabs import AREAS

if TYPE_CHECKING:
    from tui.app import OnwardApp


async def quit_or_ask(app: OnwardApp) -> None:
    """Quit, or ask first when quitting would lose something (see the module's docstring)."""
    await app.settle_input()
    if not app.flush_editors():
        question = ConfirmDialog(
            "Not saved: the journal can't be written just now. Quit and lose the reflection typed?",
            "n / esc goes back; Ctrl+S in the editor tries again.",
            enter_says_no=True,
        )
        app.push_screen(question, lambda quit: app.exit() if quit else None)
        return
    ask_first = getattr(app.screen, "ask_before_quitting", None)  # an import being written (all of it or nothing)
    if ask_first is not None and getattr(app.screen, "busy_question", None):
        ask_first()  # a question that follows the import (closes when it is written)
        return
    typed = forms_with_typed_text(app)
    if typed:
        # Every area's stack, not only the one in front: a form left on another area's stack loses its
        # text as surely as the one in front.
        if app.screen in typed:
            question = ConfirmDialog("Quit and discard what you typed in this form?", "n / esc goes back to the form.", enter_says_no=True)
        else:
            question = ConfirmDialog(
                f"Quit and discard what you typed in a form on the {area_label(app, typed[0])}?", "n / esc goes back.", enter_says_no=True
            )
        app.push_screen(question, lambda discard: app.exit() if discard else None)
        return
    app.exit()


def forms_with_typed_text(app: OnwardApp) -> list[Screen]:
    """Every open form, on any area's stack, holding text typed since it opened (the one in front first)."""
    if "tui.widgets.forms" not in sys.modules:
        return []  # no form was ever opened (forms load with the first one, not before the first paint)
    from tui.widgets.forms import Dialog

    stacks = [app.screen_stack] + [app.get_screen_stack(mode) for mode in app.MODES if mode != app.current_mode and _has_mode(app, mode)]
    return [screen for stack in stacks for screen in reversed(stack) if isinstance(screen, Dialog) and screen.has_typed_text()]


def _has_mode(app: OnwardApp, mode: str) -> bool:
    try:
        app.get_screen_stack(mode)
    except KeyError:
        return False
    return True


def area_label(app: OnwardApp, screen: Screen) -> str:
    """The name of the area whose stack holds `screen` (the area in front when none does)."""
    for area in AREAS:
        if _has_mode(app, area.mode) and screen in app.get_screen_stack(area.mode):
            return area.label
    return next(area.label for area in AREAS if area.mode == app.current_mode)


def handle_quit_signals(app: OnwardApp, handle: bool) -> None:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves what the editors hold, then quits. A
    hang-up handler already in place is left in charge: the `onward` command's (tui.launch
    `ending_on_hang_up`) also bounds the wait for Textual's shutdown, and calls `quit_on_signal` itself."""
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGHUP, signal.SIGTERM):
        if handle and signal_number == signal.SIGHUP and callable(signal.getsignal(signal_number)):
            continue
        try:
            if handle:
                loop.add_signal_handler(signal_number, app.quit_on_signal)
            else:
                loop.remove_signal_handler(signal_number)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or a platform without these signals
