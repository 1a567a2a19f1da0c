"""Provides show_toasts_in_front_only, toast_raised, hold_earlier_toasts_ahead and ToastsShowing: notifications show on the screen in front,
not also behind a dialog, a dialog that opens is not covered by the notifications shown before it, and a
notification said again while it still shows is not stacked under itself."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import App
from textual.notifications import SeverityLevel
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

EARLIER_TOASTS_HELD = "-earlier-toasts-held"
"""The class of a dialog just opened that does not show the toasts shown before it (app.tcss hides them)."""


def show_toasts_in_front_only(app: App) -> None:
    """From now on, only the screen in front shows notifications, and a dialog that opens does not show those
    shown before it.

    Over a dialog they sit at the top (app.tcss), clear of its buttons; the screen behind would go on showing
    the same toasts at its foot, through the dialog's backdrop beside it. Textual shows a screen's toasts
    again (those still within their time) when it comes back to the front: so the toasts up when a dialog
    opens stay on the screen they were said over, shown again there when the dialog closes (if still within
    their time), and are not shown over the dialog, where at 80x24 they covered the right half of a form's
    first fields until they timed out. Those raised while it is open are about it (a save refused) and
    show over it (`toast_raised`). A dialog that says it keeps them (`KEEPS_EARLIER_TOASTS`: a yes/no
    question, in the middle rows with no fields) shows them all; the command palette is left as it is."""
    stack_before: list[Screen] = []

    def changed(front: Screen) -> None:
        stack = app.screen_stack
        for screen in stack:
            if screen is not front:
                for rack in screen.query_children("ToastRack"):
                    if rack.display:
                        rack.display = False
        # Opened: pushed since the last change (also just after the palette or a question closed), not come back
        # to once a question over it closed.
        opened = front not in stack_before
        stack_before[:] = stack
        if opened and holds_earlier_toasts(front):
            front.add_class(EARLIER_TOASTS_HELD)

    app.screen_change_signal.subscribe(app, changed, immediate=True)


def hold_earlier_toasts_ahead(screen: Screen) -> None:
    """For a dialog built ahead of its first opening (the day question): give it now the class its opening
    would, when it holds back earlier toasts. Added as it opens, the class restyled each of its widgets in the
    first s, i or f of the session (~5 ms of it), and no later one (the class stays once added)."""
    if holds_earlier_toasts(screen):
        screen.add_class(EARLIER_TOASTS_HELD)


def holds_earlier_toasts(screen: Screen) -> bool:
    """Whether `screen`, opened over another, leaves the toasts shown before it to the screen they were said over."""
    return (
        (isinstance(screen, ModalScreen) or getattr(screen, "HOLDS_EARLIER_TOASTS", False))
        and not isinstance(screen, CommandPalette) and not getattr(screen, "KEEPS_EARLIER_TOASTS", False)
    )


def toast_raised(app: App) -> None:
    """Before a notification is shown: a dialog holding back the toasts shown before it keeps each of those
    hidden and shows the new one (and those after it) again. Run in the app's turn, ahead of Textual's own
    handling of the notification, so every toast of the dialog's is in place and the new one is not yet."""
    for screen in app.screen_stack:
        if screen.has_class(EARLIER_TOASTS_HELD):
            for holder in screen.query("ToastRack > ToastHolder"):
                holder.display = False
            screen.remove_class(EARLIER_TOASTS_HELD)


@dataclass(frozen=True)
class Shown:
    """A notification as `App.notify` was asked for it: on which screen, and until when (`time.monotonic`)."""

    message: str
    markup: bool
    screen: int
    """`id` of the dialog in front that held back earlier toasts when it was said, or 0: said where toasts
    follow from screen to screen (`_where`)."""
    until: float


class ToastsShowing:
    """The notifications still within their time, as the app said them: one said again while it still shows
    on the screen in front (the refusal of five keys pressed behind the replica) is not said again, instead
    of stacking five identical toasts over half the screen (whatever its title: the app's start says the
    replica's refusal under "Replica", a key refused says it alone). Toasts follow the person from area to
    area, so one said on the Inbox shows on the wall too; said over a dialog that holds back the toasts
    before it (`holds_earlier_toasts`: a form, the reflection editor), it is shown there, where the one
    behind can't be seen."""

    def __init__(self) -> None:
        self._showing: list[Shown] = []

    def say(self, app: App, show: Callable[..., None], message: str, *, title: str, severity: SeverityLevel,
            timeout: float | None, markup: bool) -> None:
        """Show the notification through `show` (Textual's own `App.notify`), unless it shows already."""
        now = time.monotonic()
        timeout = app.NOTIFICATION_TIMEOUT if timeout is None else timeout
        said = Shown(message, markup, _where(app), now + timeout)
        self._showing = [shown for shown in self._showing if shown.until > now]
        # A toast said over a dialog shows in front once the dialog has closed, as those said elsewhere do.
        open_screens = {id(screen) for screen in app.screen_stack}
        if any(
            (shown.message, shown.markup) == (message, markup)
            and (shown.screen == said.screen or (said.screen == 0 and shown.screen not in open_screens))
            for shown in self._showing
        ):
            return
        self._showing.append(said)
        show(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def forget(self) -> None:
        """Every notification has been cleared."""
        self._showing = []


def _where(app: App) -> int:
    """Where a notification said now shows: over the dialog in front if it holds back the toasts shown before it
    (its `id`), else wherever the person goes next (0): Textual shows the app's toasts on each screen that
    comes to the front."""
    front = app.screen
    return id(front) if holds_earlier_toasts(front) else 0
