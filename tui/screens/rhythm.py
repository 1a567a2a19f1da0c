"""Provides the rhythm dialog: target days per week and rest weekdays."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, SelectionList

from tui.domain.entries import EntryError, Problems
from tui.domain.models import Settings
from tui.widgets.forms import Dialog, FormField, TickList

WEEKDAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class RhythmEntry:
    """A checked target (1–7) and set of rest weekdays (0 = Monday)."""

    target: int
    rest_weekdays: frozenset[int]


class RhythmDialog(Dialog[RhythmEntry]):
    """Asks for the weekly target and rest weekdays; `focus` is "target" or "weekdays"."""

    CSS_PATH = "rhythm.tcss"
    SAVE_KEY = "enter"
    BINDINGS = [Binding("enter", "save", "Save", id="rhythm.save", show=False)]

    def __init__(self, settings: Settings, *, focus: str = "target") -> None:
        super().__init__()
        self.settings = settings
        self.first_focus = focus

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label("Your rhythm", classes="dialog--title")
            yield Label("Rest days keep your streak alive and pause your score. Work on them still counts.",
                        classes="dialog--hint")
            target = Input(str(self.settings.weekly_target), id="target", compact=True, max_length=1, restrict=r"[1-7]?")
            yield FormField("Target: days a week you aim to take a step (1–7)", target, name="target")
            days = TickList[int](
                *((label, index, index in self.settings.rest_weekdays) for index, label in enumerate(WEEKDAY_LABELS)),
                id="weekdays", compact=True,
            )
            yield FormField("Rest weekdays (space ticks a day)", days, name="weekdays")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one(f"#{self.first_focus}").focus(scroll_visible=False)  # the form opens at its title

    def check(self) -> RhythmEntry:
        text = self.query_one("#target", Input).value.strip()
        rest = frozenset(self.query_one("#weekdays", SelectionList).selected)
        problems = Problems()
        # isascii: "²" is a digit int() refuses; the length: int() of thousands of digits raises, not a message.
        if not (text.isascii() and text.isdigit() and len(text) <= 2) or not 1 <= int(text) <= 7:
            problems.add("target", "Use a number from 1 to 7.")
        if len(rest) == 7:
            problems.add("weekdays", "Keep at least one day that isn't a rest day.")
        if problems:
            raise EntryError(problems)
        return RhythmEntry(int(text), rest)
