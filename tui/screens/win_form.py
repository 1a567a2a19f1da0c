"""Provides the form for adding or editing a win: title, kind, day, application, note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select

from tui.domain.entries import WinEntry, check_win
from tui.domain.models import Application, ApplicationChoice, Win, WinKind
from tui.domain.text import MAX_NAME_LENGTH, printable
from tui.domain.wins import KIND_GLYPHS
from tui.widgets.forms import Dialog, FormField

MANUAL_KINDS = [kind for kind in WinKind if kind is not WinKind.MILESTONE]
SHOWN_TITLE = 2 * MAX_NAME_LENGTH + 3
"""Characters of an application's title offered in the picker: all of a company and role as the forms allow."""


class WinForm(Dialog[WinEntry]):
    """Asks for a win; `application` preselects the one it belongs to, `win` fills the form to edit it.
    `applications` are the picker's choices (`Journal.application_choices`, which keeps the tied one)."""

    CSS_PATH = "win_form.tcss"

    def __init__(
        self,
        today: date,
        applications: Sequence[Application | ApplicationChoice],
        *,
        application: Application | None = None,
        win: Win | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        self.applications = sorted(applications, key=lambda a: (a.applied_on, a.id), reverse=True)
        self.application = application
        self.win = win

    def compose(self) -> ComposeResult:
        win = self.win
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Add a win" if win is None else "Edit win", classes="dialog--title")
            yield Label("Small wins count: feedback, a good conversation, something learned.", classes="dialog--hint")
            # Editing, the cursor goes after what is there to correct (a key typed adds to it, not replaces it).
            title = printable(win.title) if win else ""
            yield FormField("What went well?", Input(title, id="title", compact=True, select_on_focus=win is None), name="title")
            kinds = [(f"{KIND_GLYPHS[kind]} {kind.label.capitalize()}", kind.value) for kind in MANUAL_KINDS]
            if win is not None and win.kind is WinKind.MILESTONE:
                kinds.append((f"{KIND_GLYPHS[WinKind.MILESTONE]} Milestone", WinKind.MILESTONE.value))
            kind = win.kind.value if win else WinKind.OTHER.value
            yield FormField("Kind", Select(kinds, value=kind, allow_blank=False, id="kind", compact=True), name="kind")
            day = win.on.isoformat() if win else "today"
            yield FormField("Day", Input(day, id="on", compact=True, select_on_focus=win is None), name="on")
            linked = win.application_id if win else (self.application.id if self.application else None)
            # A str prompt would be read as markup ("Acme [/]" crashed the form); Text is literal and, unlike
            # Content, still found by the Select's type-to-search. One line shows far less than SHOWN_TITLE.
            choices = [(Text(printable(app.title[:SHOWN_TITLE])), app.id) for app in self.applications]
            yield FormField(
                "For an application (optional)",
                Select(choices, value=linked if linked is not None else Select.NULL, id="application", compact=True, prompt="none"),
                name="application",
            )
            note = printable(win.note) if win else ""
            yield FormField("Note", Input(note, id="note", compact=True, select_on_focus=win is None), name="note")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus(scroll_visible=False)  # the form opens at its title

    def check(self) -> WinEntry:
        application = self.query_one("#application", Select).value
        return check_win(
            title=self.query_one("#title", Input).value,
            kind=str(self.query_one("#kind", Select).value),
            today=self.today,
            on=self.query_one("#on", Input).value,
            application_id=application if isinstance(application, int) else None,
            note=self.query_one("#note", Input).value,
            allow_milestone=self.win is not None and self.win.kind is WinKind.MILESTONE,
        )
