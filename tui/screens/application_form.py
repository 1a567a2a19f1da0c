"""Provides the new-application form: Company, Role, Field, Source, URL, Applied, Notes."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, TextArea

from tui.domain.entries import ApplicationEntry, check_application
from tui.domain.models import Application
from tui.domain.text import printable
from tui.widgets.forms import Dialog, FormField


class ApplicationForm(Dialog[ApplicationEntry]):
    """Asks for a new application; dismisses with a checked ApplicationEntry, or None on cancel."""

    CSS_PATH = "application_form.tcss"

    def __init__(self, today: date, application: Application | None = None) -> None:
        super().__init__()
        self.today = today
        self.application = application

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("New application" if self.application is None else "Edit application", classes="dialog--title")
            yield FormField("Company", Input(id="company", compact=True), name="company")
            yield FormField("Role", Input(id="role", compact=True), name="role")
            yield FormField("Field (e.g. data, design)", Input(id="field", compact=True), name="field")
            yield FormField("Source (where you found it)", Input(id="source", compact=True), name="source")
            yield FormField("URL", Input(id="url", compact=True), name="url")
            yield FormField("Applied", Input("today", id="applied", compact=True, placeholder="today, yesterday, Nov 2…"), name="applied")
            yield FormField("Notes", TextArea(id="notes", soft_wrap=True), name="notes")
            yield self.buttons()

    def on_mount(self) -> None:
        app = self.application
        if app is not None:
            for name in ("company", "role", "field", "source", "url"):
                self.query_one(f"#{name}", Input).value = printable(getattr(app, name))
            self.query_one("#applied", Input).value = app.applied_on.isoformat()
            self.query_one("#notes", TextArea).text = printable(app.notes)
        self.query_one("#company", Input).focus(scroll_visible=False)  # the form opens at its title

    def check(self) -> ApplicationEntry:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("company", "role", "field", "source", "url", "applied")}
        return check_application(
            company=values["company"], role=values["role"], today=self.today, applied=values["applied"],
            field=values["field"], source=values["source"], url=values["url"],
            notes=self.query_one("#notes", TextArea).text,
        )
