"""Provides the form for adding a win by hand: title, kind, day, application, note."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select

from tui.domain.entries import EntryError, WinEntry, check_win
from tui.domain.models import Application, WinKind
from tui.domain.text import MAX_NAME_LENGTH
from tui.widgets.forms import Dialog, FormField

MANUAL_KINDS = [kind for kind in WinKind if kind is not WinKind.MILESTONE]


class WinForm(Dialog[WinEntry]):
    """Asks for a win, linked to `application` when one is given; dismisses with a WinEntry or None."""

    CSS_PATH = "win_form.tcss"

    def __init__(self, today: date, application: Application | None = None) -> None:
        super().__init__()
        self.today = today
        self.application = application

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Add a win", classes="dialog--title")
            yield Label("Small wins count: feedback, a good conversation, something learned.", classes="dialog--hint")
            yield FormField("What went well?", Input(id="title", compact=True, max_length=MAX_NAME_LENGTH), name="title")
            kinds = Select(
                [(kind.label.capitalize(), kind.value) for kind in MANUAL_KINDS],
                value=WinKind.OTHER.value, allow_blank=False, id="kind",
            )
            yield FormField("Kind", kinds, name="kind")
            yield FormField("Day", Input("today", id="on", compact=True), name="on")
            if self.application is not None:
                # Content keeps a company name like "[b]Acme[/b]" literal.
                link = Checkbox(Content(self.application.title), value=True, id="link")
                yield FormField("For the application", link, name="application")
            yield FormField("Note", Input(id="note", compact=True, max_length=MAX_NAME_LENGTH * 5), name="note")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        linked = self.application is not None and self.query_one("#link", Checkbox).value
        try:
            entry = check_win(
                title=self.query_one("#title", Input).value,
                kind=str(self.query_one("#kind", Select).value),
                today=self.today,
                on=self.query_one("#on", Input).value,
                application_id=self.application.id if linked and self.application else None,
                note=self.query_one("#note", Input).value,
            )
        except EntryError as error:
            self.show_problems(error.problems.by_field)
            return
        self.dismiss(entry)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
