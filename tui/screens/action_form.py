"""Provides the form for logging a proactive action: kind, note, day."""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.domain.entries import ActionEntry, check_action
from tui.domain.models import ActionKind, Application
from tui.domain.text import excerpt
from tui.actions.steps import USER_ACTION_KINDS

from tui.widgets.forms import Dialog, FormField

# Applying and reflecting are recorded by their own actions, so the action layer leaves them out.
OFFERED_KINDS = list(USER_ACTION_KINDS)


# A follow-up belongs to an application (u logs one on the selected one): the list opens on the first kind that
# needs none, so Ctrl+S at once never logs a follow-up the person did not pick.
OPENS_ON = next(index for index, kind in enumerate(OFFERED_KINDS) if kind is not ActionKind.FOLLOWED_UP)


class ActionForm(Dialog[ActionEntry]):
    """Asks for a proactive action; dismisses with a checked ActionEntry, or None on cancel. `application`: the
    one selected, whose follow-up a "Followed up" logs (as u does; the form says so while it is highlighted)."""

    CSS_PATH = "action_form.tcss"

    def __init__(self, today: date, application: Application | None = None) -> None:
        super().__init__()
        self.today = today
        self.application = application

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Log a proactive step", classes="dialog--title")
            yield Label("Every step counts — networking, learning, a follow-up, asking for support.", classes="dialog--hint")
            kinds = OptionList(*(Option(kind.label.capitalize(), id=kind.value) for kind in OFFERED_KINDS), id="kind")
            yield FormField("What did you do?", kinds, name="kind")
            yield Label(self._follow_up_words(), id="follow-up-on", markup=False)
            yield FormField("Note", Input(id="note", compact=True, placeholder="coffee with Sam…"), name="note")
            yield FormField("Day", Input("today", id="on", compact=True), name="on")
            yield self.buttons()

    def on_mount(self) -> None:
        kinds = self.query_one("#kind", OptionList)
        kinds.highlighted = OPENS_ON
        kinds.focus(scroll_visible=False)  # the form opens at its title

    def _follow_up_words(self) -> str:
        if self.application is None:
            return "A follow-up on no application: u on one under Follow-ups due logs it there."
        return f"Logged as the follow-up on {excerpt(self.application.title)}, as u does."

    @on(OptionList.OptionHighlighted, "#kind")
    def kind_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#follow-up-on", Label).display = event.option_id == ActionKind.FOLLOWED_UP.value

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
