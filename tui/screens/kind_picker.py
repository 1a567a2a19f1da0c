"""Provides the choice of which kind of win the wall shows."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.domain.models import WinKind
from tui.domain.wins import KIND_GLYPHS

ALL_KINDS = "all"


class KindPicker(ModalScreen[str | None]):
    """Dismisses with a WinKind value, "all", or None when cancelled."""

    CSS_PATH = "kind_picker.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="kinds.cancel")]

    def __init__(self, kinds: Sequence[WinKind], current: WinKind | None) -> None:
        super().__init__()
        self.kinds = list(kinds)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Show which wins?", classes="dialog--title")
            options = [Option("  All kinds", id=ALL_KINDS)]
            options += [Option(f"{KIND_GLYPHS[kind]} {kind.label.capitalize()}", id=kind.value) for kind in self.kinds]
            yield OptionList(*options, id="kinds")

    def on_mount(self) -> None:
        kinds = self.query_one("#kinds", OptionList)
        kinds.highlighted = self.kinds.index(self.current) + 1 if self.current in self.kinds else 0
        kinds.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
