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
        app = self.application
        # Editing, each field holds what is there to correct: focus puts the cursor after it, so the first key
        # typed adds to it (selected whole, Textual's way, that key replaced it). A new one's fields are empty,
        # but for Applied's "today", which a day typed replaces.
        editing = app is not None

        def field(name: str, value: str = "", placeholder: str = "") -> Input:
            return Input(value, id=name, compact=True, placeholder=placeholder, select_on_focus=not editing)

        def held(name: str) -> str:
            return printable(getattr(app, name)) if app is not None else ""

        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("New application" if app is None else "Edit application", classes="dialog--title")
            yield FormField("Company", field("company", held("company")), name="company")
            yield FormField("Role", field("role", held("role")), name="role")
            yield FormField("Field (e.g. data, design)", field("field", held("field")), name="field")
            yield FormField("Source (where you found it)", field("source", held("source")), name="source")
            yield FormField("URL", field("url", held("url")), name="url")
            applied = app.applied_on.isoformat() if app is not None else "today"
            yield FormField("Applied", field("applied", applied, placeholder="today, yesterday, Nov 2…"), name="applied")
            yield FormField("Notes", TextArea(held("notes"), id="notes", soft_wrap=True), name="notes")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#company", Input).focus(scroll_visible=False)  # the form opens at its title

    def check(self) -> ApplicationEntry:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("company", "role", "field", "source", "url", "applied")}
        return check_application(
            company=values["company"], role=values["role"], today=self.today, applied=values["applied"],
            field=values["field"], source=values["source"], url=values["url"],
            notes=self.query_one("#notes", TextArea).text,
        )
