"""Provides `say_refusal`, `say_not_saved` and `said_in_form`: a write refused (by the action layer, by a journal that can't be
written) is said where the person is looking, under the field of the form being saved when that form says so
(`Dialog.REFUSAL_FIELD`: the day question, built ahead, showed no toast over itself), else as a toast."""

from __future__ import annotations

from textual.app import App

from tui.actions.results import in_app_words
from tui.widgets.forms import Dialog


def said_in_form(app: App, message: str) -> bool:
    """Say `message` (why what a form is saving was not written) under that form's field, its typed text kept;
    False when no form is being saved or it has no field for it (the caller says it with a toast)."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, Dialog) and screen.submitting:
            return screen.say_refused(message)
    return False


def say_refusal(app: App, refusal: str | Exception) -> None:
    """Say `refusal` (nothing was written), in the form being saved (`said_in_form`) or as a warning toast; a
    record no longer there is said without its id, which the app never shows."""
    message = refusal if isinstance(refusal, str) else in_app_words(refusal)
    if not said_in_form(app, message):
        app.notify(message, severity="warning", markup=False)


def say_not_saved(app: App, message: str) -> None:
    """Say `message`, why the journal could not be written (locked, full), in the form being saved or as an error toast."""
    if not said_in_form(app, message):
        app.notify(message, title="Not saved", severity="error", timeout=12, markup=False)
