"""Provides `say_refusal`: a write refused by the action layer is said where the person is looking, under the
field of the form being saved when that form says so (`Dialog.REFUSAL_FIELD`), else as a toast."""

from __future__ import annotations

from textual.app import App

from tui.widgets.forms import Dialog


def say_refusal(app: App, message: str) -> None:
    """Say `message` (why a write was refused; nothing was written) in the form whose save asked for the write,
    its typed text kept, or as a warning toast when no form is being saved or it has no field for it."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, Dialog) and screen.submitting:
            if screen.say_refused(message):
                return
            break
    app.notify(message, severity="warning", markup=False)
