"""Provides form pieces: a labelled field that shows its own error, and a dialog base with save and cancel keys."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, Static

ResultType = TypeVar("ResultType")


class FormField(Vertical):
    """A label, one input widget and a line for what is wrong with it."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin-bottom: 0;
        & > .form-field--label { color: $text-muted; padding: 0 1; }
        & > .form-field--error { color: $text-error; padding: 0 1; height: auto; display: none; }
        &.-invalid > .form-field--error { display: block; }
        & > Input { margin: 0 1; background: $boost; }
        & > Input:focus { background: $primary 30%; }
        &.-invalid > Input { background: $error 30%; }
    }
    """

    def __init__(self, label: str, widget: Widget, *, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.label = label
        self.widget = widget
        self.field_name = name

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="form-field--label")
        yield self.widget
        yield Static("", classes="form-field--error", markup=False)

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field, or clear it with None."""
        self.set_class(bool(message), "-invalid")
        self.query_one(".form-field--error", Static).update(message or "")


class Dialog(ModalScreen[ResultType], Generic[ResultType]):
    """A modal form: Escape cancels, Ctrl+S saves through `save()`."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save", priority=True),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        # Each form defines save(): check the fields, then dismiss with the result or show problems.
        self.save()  # type: ignore[attr-defined]

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each message by its field, clear the others, and focus the first field that is wrong."""
        first = None
        for field in self.query(FormField):
            message = problems.get(field.field_name)
            field.show_error(message)
            if message and first is None:
                first = field
        if first is not None:
            first.widget.focus()
