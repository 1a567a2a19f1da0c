"""Provides keep_toasts_off_dialogs: a dialog that opens starts clear of notifications, which never hide its
question or its buttons."""

from __future__ import annotations

from weakref import WeakSet

from textual.app import App
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen


def keep_toasts_off_dialogs(app: App) -> None:
    """From now on, a dialog (a modal screen) that opens dismisses the notifications shown before it, and only
    the screen in front shows notifications.

    At 80x24 a toast about what was just done (a rejection's note runs eight lines) covered the Save button
    of the form opened next, or the question of a yes/no dialog: opening a dialog is moving on. Toasts raised
    while a dialog is open (a form that could not save, keys set aside before a question) sit at the top of
    the screen (app.tcss), away from the buttons and keys at the dialog's foot. The screen behind would still
    show its own toasts at its foot, through the dialog's backdrop; Textual shows them again when that screen
    comes back to the front. The command palette opens at the top and leaves the toasts as they are."""
    dialogs_seen: WeakSet[Screen] = WeakSet()

    def changed(front: Screen) -> None:
        if isinstance(front, ModalScreen) and not isinstance(front, CommandPalette) and front not in dialogs_seen:
            dialogs_seen.add(front)  # a dialog seen again (a question over it closed) keeps what it shows
            app.clear_notifications()
        for screen in app.screen_stack:
            if screen is not front:
                for rack in screen.query_children("ToastRack"):
                    if rack.display:
                        rack.display = False

    app.screen_change_signal.subscribe(app, changed, immediate=True)
