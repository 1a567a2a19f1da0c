"""Provides show_toasts_in_front_only: notifications show on the screen in front, not also behind a dialog."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen


def show_toasts_in_front_only(app: App) -> None:
    """From now on, only the screen in front shows notifications.

    Over a dialog they sit at the top (app.tcss), clear of its buttons; the screen behind would go on showing
    the same toasts at its foot, through the dialog's backdrop beside it. Textual shows a screen's toasts
    again (those still within their time) when it comes back to the front."""

    def hide_behind(front: Screen) -> None:
        for screen in app.screen_stack:
            if screen is not front:
                for rack in screen.query_children("ToastRack"):
                    if rack.display:
                        rack.display = False

    app.screen_change_signal.subscribe(app, hide_behind, immediate=True)
