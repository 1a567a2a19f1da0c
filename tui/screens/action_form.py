"""Provides the form for logging a proactive action: kind, note, day."""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.domain.entries import ActionEntry, check_action
from tui.actions.steps import USER_ACTION_KINDS

from tui.widgets.forms import Dialog, FormField

# Applying and reflecting are recorded by their own actions, so the action layer leaves them out.
OFFERED_KINDS = list(USER_ACTION_KINDS)


class ActionForm(Dialog[ActionEntry]):
    """Asks for a proactive action; dismisses with a checked ActionEntry, or None on cancel."""

    CSS_PATH = "action_form.tcss"

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Log a proactive step", classes="dialog--title")
            yield Label("Every step counts — networking, learning, a follow-up, asking for support.", classes="dialog--hint")
            kinds = OptionList(*(Option(kind.label.capitalize(), id=kind.value) for kind in OFFERED_KINDS), id="kind")
            yield FormField("What did you do?", kinds, name="kind")
            yield FormField("Note", Input(id="note", compact=True, placeholder="coffee with Sam…"), name="note")
            yield FormField("Day", Input("today", id="on", compact=True), name="on")
            yield self.buttons()

    def on_mount(self) -> None:
        kinds = self.query_one("#kind", OptionList)
        kinds.highlighted = 0
        kinds.focus(scroll_visible=False)  # the form opens at its title

    @on(OptionList.OptionSelected)
    def kind_chosen(self) -> None:
        self.query_one("#note", Input).focus()

    def check(self) -> ActionEntry:
        kinds = self.query_one("#kind", OptionList)
        kind = OFFERED_KINDS[kinds.highlighted or 0].value
        return check_action(
            kind=kind, today=self.today, on=self.query_one("#on", Input).value,
            note=self.query_one("#note", Input).value,
        )
