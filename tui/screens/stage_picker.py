"""Provides the one-key question "how far did it get?" asked when logging a rejection."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.domain.models import STAGE_ORDER, Stage
from tui.domain.text import excerpt

STAGE_KEYS = {"a": Stage.APPLICATION, "s": Stage.SCREENING, "i": Stage.INTERVIEW, "f": Stage.FINAL_ROUND}


class StagePicker(ModalScreen[Stage | None]):
    """Asks the stage a rejection came at: a, s, i or f picks at once; Enter takes the highlighted one."""

    CSS_PATH = "stage_picker.tcss"
    WRITES_THE_JOURNAL = True
    """Its pick logs the rejection: not asked while the journal is behind its replica (tui/widgets/write_forms.py)."""
    BINDINGS = [
        Binding("a", "pick('application')", "Application", id="stage.application"),
        Binding("s", "pick('screening')", "Screening", id="stage.screening"),
        Binding("i", "pick('interview')", "Interview", id="stage.interview"),
        Binding("f", "pick('final_round')", "Final round", id="stage.final_round"),
        Binding("escape", "cancel", "Cancel", id="stage.cancel"),
    ]

    def __init__(self, company: str, furthest: Stage) -> None:
        super().__init__()
        self.company = company
        self.furthest = furthest

    def compose(self) -> ComposeResult:
        keys = {stage: key for key, stage in STAGE_KEYS.items()}
        with Vertical(classes="dialog"):
            yield Label("How far did it get?", classes="dialog--title")
            yield Label(excerpt(self.company, 90), classes="dialog--subtitle", markup=False)
            yield OptionList(
                *(Option(f"{keys[stage]}  {stage.label.capitalize()}", id=stage.value) for stage in STAGE_ORDER),
                id="stages",
            )
            yield Label("a s i f picks · enter confirms · esc cancels", classes="dialog--hint")

    def on_mount(self) -> None:
        stages = self.query_one("#stages", OptionList)
        stages.highlighted = STAGE_ORDER.index(self.furthest)
        stages.focus()

    @on(OptionList.OptionSelected)
    def confirm(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(Stage(event.option.id))

    def action_pick(self, stage: str) -> None:
        self.dismiss(Stage(stage))

    def action_cancel(self) -> None:
        self.dismiss(None)
