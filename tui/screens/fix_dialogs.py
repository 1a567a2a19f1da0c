"""Provides the dialogs for fixing the past: an outcome's day, stage and note; a hand-logged step's kind, day and
note; and the choice of which application to merge into the one being looked at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, TextArea
from textual.widgets.option_list import Option

from tui.actions.steps import USER_ACTION_KINDS
from tui.domain.dates import DateError, day_name, parse_day
from tui.domain.duplicates import posting_key
from tui.domain.entries import ActionEntry, EntryError, Problems, check_action
from tui.domain.models import STAGE_ORDER, ActionKind, ApplicationChoice, Held, OutcomeEvent, OutcomeKind, ProactiveAction, Stage
from tui.domain.story import has_a_day_it_happened, step_noun, takes_place_on
from tui.domain.text import MAX_NOTE_LENGTH, check_length, clean_block, excerpt, printable
from tui.widgets.forms import Dialog, FormField


@dataclass(frozen=True)
class OutcomeChange:
    """What the outcome form holds, checked: the day it happened, its stage (rejections only) and its note."""

    on: date
    stage: Stage | None
    note: str


def _note_area(note: str) -> TextArea:
    # A note may hold several lines (the command line and imports keep them), which a one-line Input would lose.
    return TextArea(printable(note), id="note", soft_wrap=True, compact=True)


class OutcomeForm(Dialog[OutcomeChange]):
    """Edits one outcome: Day (the day it happened), Stage for a rejection, Note."""

    DEFAULT_CSS = """
    OutcomeForm .dialog { width: 64; max-width: 100%; }
    OutcomeForm #note { height: 4; margin: 0 1; }
    """

    def __init__(self, event: OutcomeEvent, company: str, what: str, today: date) -> None:
        super().__init__()
        self.event, self.company, self.what, self.today = event, company, what, today

    def compose(self) -> ComposeResult:
        event = self.event
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label(f"Edit the {self.what} at {excerpt(self.company)}", classes="dialog--title", markup=False)
            yield Label(self._day_hint(), classes="dialog--hint", markup=False)
            # The day it happened (a held interview's own day), as `onward edit event --date` changes it; one that
            # has not happened shows its day, changed by saying how it went or that it moved.
            fixable = has_a_day_it_happened(event)
            # A day to correct: the cursor goes after it, so a key typed adds to it rather than replacing it.
            day = Input(takes_place_on(event).isoformat(), id="on", compact=True, disabled=not fixable, select_on_focus=False)
            yield FormField("Day", day, name="on")
            if event.kind is OutcomeKind.REJECTED:
                stages = [(stage.label.capitalize(), stage.value) for stage in STAGE_ORDER]
                stage = event.stage.value if event.stage else Select.NULL
                yield FormField(
                    "How far did it get?", Select(stages, value=stage, id="stage", compact=True, prompt="not said"), name="stage"
                )
            yield FormField("Note", _note_area(event.note), name="note")
            yield self.buttons()

    def _day_hint(self) -> str:
        event, today = self.event, self.today
        if not has_a_day_it_happened(event):
            day = day_name(takes_place_on(event), today)
            if event.held is Held.CANCELLED:
                return f"It was cancelled ({day}): no day it happened to fix."
            return f"Planned for {day}: h in the Inbox says how it went, or that it moved."
        if event.takes_place_on is not None:
            return (
                f"The day it was held (2026-11-02, Nov 2, monday…); its step moves with it. Logged {day_name(event.on, today)}."
            )
        return "The day it happened (2026-11-02, Nov 2, monday, 3 days ago…); its step and win move with it."

    def on_mount(self) -> None:
        # The form opens at its title, in the first field it can change.
        first = self.query_one("#on", Input) if has_a_day_it_happened(self.event) else self.query_one("#note", TextArea)
        first.focus(scroll_visible=False)

    def check(self) -> OutcomeChange:
        problems = Problems()
        day = takes_place_on(self.event)
        try:
            if has_a_day_it_happened(self.event):
                day = parse_day(self.query_one("#on", Input).value, self.today)
        except DateError as error:
            problems.add("on", str(error))
        note = clean_block(self.query_one("#note", TextArea).text)
        problems.add("note", check_length("Note", note, MAX_NOTE_LENGTH))
        stage = self.event.stage
        for picked in self.query("#stage").results(Select):
            stage = Stage(str(picked.value)) if isinstance(picked.value, str) else None
        if problems:
            raise EntryError(problems)
        return OutcomeChange(day, stage, note)


class StepForm(Dialog[ActionEntry]):
    """Edits one step logged by hand: what it was, its day and its note."""

    DEFAULT_CSS = """
    StepForm .dialog { width: 64; max-width: 100%; }
    StepForm #note { height: 4; margin: 0 1; }
    """

    def __init__(self, action: ProactiveAction, today: date) -> None:
        super().__init__()
        self.action, self.today = action, today

    def compose(self) -> ComposeResult:
        action = self.action
        kinds: list[ActionKind] = list(USER_ACTION_KINDS)
        if action.kind not in kinds:
            kinds.append(action.kind)  # shown as it is; the action layer says kindly if it can't stay
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Label(f"Edit this step: {step_noun(action.kind)}", classes="dialog--title", markup=False)
            yield Label("Every step counts; fix what it was, its day or its note.", classes="dialog--hint", markup=False)
            choices = [(kind.label.capitalize(), kind.value) for kind in kinds]
            yield FormField(
                "What did you do?", Select(choices, value=action.kind.value, allow_blank=False, id="kind", compact=True), name="kind"
            )
            yield FormField("Day", Input(action.on.isoformat(), id="on", compact=True, select_on_focus=False), name="on")
            yield FormField("Note", _note_area(action.note), name="note")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus(scroll_visible=False)  # the form opens at its title

    def check(self) -> ActionEntry:
        return check_action(
            kind=str(self.query_one("#kind", Select).value), today=self.today,
            on=self.query_one("#on", Input).value, note=self.query_one("#note", TextArea).text,
        )


class MergePicker(ModalScreen[int | None]):
    """Asks which application to merge into `keep`: those with the same company and role first, then those at the
    same company (another title for the same job), then the newest applied. Dismisses with its id, or None."""

    DEFAULT_CSS = """
    MergePicker .dialog { width: 76; max-width: 100%; }
    MergePicker .dialog > Label { width: 1fr; }
    MergePicker #others { height: auto; max-height: 40vh; margin-bottom: 1; }
    """
    WRITES_THE_JOURNAL = True
    """Its pick is merged: not asked while the journal is behind its replica (tui/widgets/write_forms.py)."""
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="merge.cancel")]

    def __init__(self, keep: ApplicationChoice, others: Sequence[ApplicationChoice]) -> None:
        super().__init__()
        self.keep = keep
        company, role = posting_key(keep.company, keep.role)

        def nearness(c: ApplicationChoice) -> tuple:
            theirs = posting_key(c.company, c.role)
            return (theirs != (company, role), theirs[0] != company, -c.applied_on.toordinal(), -c.id)

        self.others = sorted(others, key=nearness)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Merge which application into this one?", classes="dialog--title")
            yield Label(excerpt(self.keep.title, 120), classes="dialog--subtitle", markup=False)
            yield Label(
                "Its outcomes, steps, reflections and wins move here; it is asked first and z undoes it.",
                classes="dialog--hint",
            )
            yield OptionList(
                *(Option(Content(f"{excerpt(c.title, 120)} · applied {c.applied_on.isoformat()}"), id=str(c.id)) for c in self.others),
                id="others",
            )
            yield Label("enter picks · esc cancels", classes="dialog--hint")

    def on_mount(self) -> None:
        others = self.query_one("#others", OptionList)
        others.highlighted = 0
        others.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
