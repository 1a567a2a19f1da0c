"""Provides form pieces: a labelled field that shows its own error, and a dialog base with save and cancel keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual import events, on
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

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

    SAVE_KEY = "ctrl+s"
    """The key shown on the Save button."""

    _typed_at_start: dict[int, object] | None = None

    submit: Callable[[ResultType], bool] | None = None
    """Set by the screen that opens the form: writes the result and says whether it was saved. The form
    closes only then; when the journal can't be written it stays open with everything typed."""

    def finish(self, result: ResultType) -> None:
        """Save `result` through `submit` (if set) and close; stay open when it could not be saved."""
        if self.submit is not None and not self.submit(result):
            return
        self.dismiss(result)

    def _on_mount(self, event: events.Mount) -> None:
        # After the first refresh every field holds what the form started with (new or being edited).
        self.call_after_refresh(self._remember_start)

    def _remember_start(self) -> None:
        self._typed_at_start = self._field_values()

    def _field_values(self) -> dict[int, object]:
        values: dict[int, object] = {}
        for widget in self.query("Input, TextArea, Select, Checkbox"):
            if isinstance(widget, Input | Checkbox | Select):
                values[id(widget)] = widget.value
            elif isinstance(widget, TextArea):
                values[id(widget)] = widget.text
        return values

    def has_typed_text(self) -> bool:
        """True when any field differs from what the form started with."""
        return self._typed_at_start is not None and self._field_values() != self._typed_at_start

    def action_cancel(self) -> None:
        """Close without saving; asks first when something was typed, so a stray Esc loses nothing."""
        if not self.has_typed_text():
            self.dismiss(None)
            return
        from tui.screens.confirm import ConfirmDialog  # screens build on widgets, so imported where needed

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard what you typed?", "n / esc goes back to the form."), answered)

    def action_save(self) -> None:
        # Each form defines save(): check the fields, then dismiss with the result or show problems.
        self.save()  # type: ignore[attr-defined]

    def buttons(self) -> Horizontal:
        """The Save and Cancel buttons, for the end of a form's compose()."""
        return Horizontal(
            Button(f"Save  {self.SAVE_KEY}", variant="primary", id="save", compact=True),
            Button("Cancel  esc", id="cancel", compact=True),
            classes="dialog--buttons",
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

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
