"""Provides the questions around a screening or interview: which day it takes place (Enter skips: it happened
today), and afterwards how it went (held, moved, cancelled) with one key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.actions import Done, interviews
from tui.actions.follow_ups import set_follow_up_day
from tui.domain.dates import ACCEPTED_PLANNED_DATES, DateError, day_name, parse_day, planned_day_examples
from tui.domain.entries import EntryError, Problems
from tui.domain.attention import follow_up_due_on
from tui.domain.models import Application, OutcomeEvent, Settings
from tui.domain.text import excerpt
from tui.widgets.forms import Dialog, FormField
from tui.widgets.shown import show

if TYPE_CHECKING:
    from tui.app import OnwardApp


@dataclass(frozen=True)
class DayAnswer:
    """The day given, or None when Enter was pressed on an empty field (it happened today)."""

    day: date | None


class DayQuestion(Dialog[DayAnswer]):
    """Asks the day something takes place; an empty answer is allowed only when `optional`."""

    DEFAULT_CSS = """
    DayQuestion .dialog { width: 64; max-width: 100%; }
    """
    SAVE_KEY = "enter"
    REFUSAL_FIELD = "day"

    def __init__(self, title: str, hint: str, today: date, *, optional: bool, placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.hint, self.today, self.optional = title, hint, today, optional
        self.given_placeholder = placeholder
        self.placeholder = placeholder or planned_day_examples(today)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label(self.title_text, classes="dialog--title", markup=False)
            yield Label(self.hint, classes="dialog--hint", markup=False)
            yield FormField("Day", Input(id="day", compact=True, placeholder=self.placeholder), name="day")
            yield self.buttons()

    def on_mount(self) -> None:
        # Built ahead right after the first paint (`OnwardApp.day_question`): an app quit at that moment takes
        # the field away before this runs (Textual closing its installed screens), so it is looked for.
        for day in self.query("#day").results(Input):
            day.focus(scroll_visible=False)

    def ask(self, title: str, hint: str, today: date, *, optional: bool) -> None:
        """Ask again, about something else, from an empty field (the app keeps one built: see
        `OnwardApp.day_question`)."""
        self.title_text, self.hint, self.today, self.optional = title, hint, today, optional
        show(self.query_one(".dialog--title", Label), Content(title))
        show(self.query_one(".dialog--hint", Label), Content(hint))
        day = self.query_one("#day", Input)
        day.value = ""
        day.placeholder = self.given_placeholder or planned_day_examples(today)  # today may have moved on
        for field in self.query(FormField):
            field.show_error(None)
        self.query_one(VerticalScroll).scroll_home(animate=False)
        day.focus(scroll_visible=False)

    def check(self) -> DayAnswer:
        text = self.query_one("#day", Input).value
        if not text.strip():
            if self.optional:
                return DayAnswer(None)
            problems = Problems()
            problems.add("day", f"Which day? Use {ACCEPTED_PLANNED_DATES}.")
            raise EntryError(problems)
        try:
            return DayAnswer(parse_day(text, self.today, planned=True, gone_by_ok=True))
        except DateError as error:
            problems = Problems()
            problems.add("day", str(error))
            raise EntryError(problems) from None


HOW_IT_WENT_KEYS = {"h": "attended", "y": "attended", "m": "moved", "c": "cancelled"}


class HowDidItGo(ModalScreen[str | None]):
    """One key: h it was held (a step on its day; y says yes to the same), m it moved (asks the day), c it was
    cancelled. "Held" is the word the advice elsewhere uses ("mark it held instead"), so it is the word here."""

    DEFAULT_CSS = """
    HowDidItGo { align: center middle; }
    HowDidItGo > .dialog {
        width: 56; max-width: 100%; height: auto; border: round $accent; background: $surface; padding: 1 2;
    }
    HowDidItGo .dialog > Label { width: 1fr; }
    HowDidItGo #choices { height: auto; margin: 1 0; }
    """
    WRITES_THE_JOURNAL = True
    """Its key is written at once: not asked while the journal is behind its replica (tui/widgets/write_forms.py)."""
    BINDINGS = [
        Binding("h", "pick('attended')", "Held", id="interview.attended"),
        Binding("y", "pick('attended')", "Held", id="interview.attended_yes", show=False),
        Binding("m", "pick('moved')", "It moved", id="interview.moved"),
        Binding("c", "pick('cancelled')", "Cancelled", id="interview.cancelled"),
        Binding("escape", "cancel", "Cancel", id="interview.cancel"),
    ]

    def __init__(self, what: str, when: str, *, ahead: bool) -> None:
        super().__init__()
        self.what, self.when, self.ahead = what, when, ahead

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"How did it go? {excerpt(self.what, 80)}, {self.when}", classes="dialog--title", markup=False)
            choices = [Option("m  It moved to another day", id="moved"), Option("c  It was cancelled", id="cancelled")]
            if not self.ahead:
                choices.insert(0, Option("h  Held — it happened; log the step", id="attended"))
            yield OptionList(*choices, id="choices")
            keys = "m c picks" if self.ahead else "h m c picks"
            yield Label(f"{keys} · enter confirms · esc cancels", classes="dialog--hint")

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_pick(self, choice: str) -> None:
        if choice == "attended" and self.ahead:
            self.notify("It is still ahead: say how it went on the day or after.", severity="warning", markup=False)
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


# Asking them: each question writes its answer through the action layer and hands the result to `after`
# (the screen that asked redraws what it touched). Pushed at once, in the key's own handler.


def ask_how_it_went(onward: OnwardApp, event: OutcomeEvent, app: Application, after: Callable[[Done], None]) -> None:
    """How did the planned screening or interview `event` go: held, cancelled, or moved (then which day)."""
    today = onward.today
    assert event.takes_place_on is not None

    def chosen(choice: str | None) -> None:
        if choice == "attended":
            onward.act(interviews.attended, event.id, today, after=after)
        elif choice == "cancelled":
            onward.act(interviews.cancelled, event.id, after=after)
        elif choice == "moved":
            ask_new_day(onward, event, app, after)

    when = day_name(event.takes_place_on, today)
    onward.push_screen(HowDidItGo(f"{event.kind.label.capitalize()} at {app.company}", when, ahead=event.takes_place_on > today), chosen)


def ask_new_day(onward: OnwardApp, event: OutcomeEvent, app: Application, after: Callable[[Done], None]) -> None:
    """Which day the planned screening or interview `event` moved to."""
    today = onward.today
    assert event.takes_place_on is not None

    def move(answer: DayAnswer) -> bool:
        # Written while the question is up: a day it refuses (one gone by) leaves it open with the day typed.
        assert answer.day is not None  # a day is required here
        return onward.act(interviews.moved, event.id, answer.day, today, after=after) is not None

    # Worded by the day's side of today: "It was Tue." read wrong for a day still to come.
    planned_for = day_name(event.takes_place_on, today)
    was = f"It was planned for {planned_for}." if event.takes_place_on < today else f"It is planned for {planned_for}."
    onward.push_screen(onward.day_question(
        f"Which day is the {event.kind.label} at {excerpt(app.company)} now?", was, optional=False, submit=move,
    ))


def ask_follow_up_day(onward: OnwardApp, app: Application, settings: Settings, after: Callable[[Done], None]) -> None:
    """When the next follow-up with `app` is due (no day: back to the usual rhythm)."""
    today = onward.today
    due = follow_up_due_on(app, settings)

    def set_day(answer: DayAnswer) -> bool:
        # Written while the question is up: a day it refuses (one gone by) leaves it open with the day typed.
        return onward.act(set_follow_up_day, app.id, answer.day, today, after=after) is not None

    onward.push_screen(onward.day_question(
        f"When should you follow up with {excerpt(app.company)}?",
        f"{'Due ' + day_name(due, today) if due >= today else 'Overdue since ' + day_name(due, today)}. "
        "Enter without a day goes back to the usual rhythm.", optional=True, submit=set_day,
    ))
