"""Provides form pieces: a labelled field that shows its own error, a tick list whose state reads without
colour, and a dialog base with save and cancel keys that fits 80×24."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar, Generic, Protocol, TypeVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual import on
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import OptionDoesNotExist

from tui.domain.entries import EntryError
from tui.widgets.onward_access import onward_of
from tui.widgets.shown import show

ResultType = TypeVar("ResultType")
SelectionType = TypeVar("SelectionType")


class FormField(Vertical):
    """A label, one input widget and a line for what is wrong with it."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin-bottom: 0;
        /* A long prompt wraps at narrow widths instead of being cut mid-word. */
        & > .form-field--label { color: $text-muted; padding: 0 1; width: 1fr; }
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
        # The line for a problem is added with the first problem: most fields never have one, and a dozen
        # hidden lines made every form (the reflection editor above all) slower to open.

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field, or clear it with None."""
        self.set_class(bool(message), "-invalid")
        lines = self.query_children(".form-field--error")
        if lines:
            show(lines.first(Static), Content(message or ""))
        elif message:
            self.mount(Static(Content(message), classes="form-field--error", markup=False))


class ShowsProblems(Protocol):
    """A field that shows what is wrong with it: a FormField, or a question of the reflection editor."""

    field_name: str

    def has_class(self, *class_names: str) -> bool: ...

    def show_error(self, message: str | None) -> None: ...


def clear_fixed_problems(fields: Iterable[ShowsProblems], check: Callable[[], object]) -> None:
    """Clear the message of each field showing one once `check()` no longer names it. Fields not complained
    about stay quiet until the next save, so nobody is told off while still typing."""
    shown = [field for field in fields if field.has_class("-invalid")]
    if not shown:
        return
    try:
        check()
        problems: dict[str, str] = {}
    except EntryError as error:
        problems = error.problems.by_field
    for field in shown:
        field.show_error(problems.get(field.field_name))


class TickList(SelectionList[SelectionType]):
    """A SelectionList whose boxes hold ✓ when ticked and stay empty when not (Textual draws X in both, told apart
    only by shade, so without colour every day looked ticked)."""

    TICKED = "✓"

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        # SelectionList draws each box as three segments (left edge, inside, right edge) before the prompt,
        # the inside being the toggle buttons' (and so Checkbox's) BUTTON_INNER.
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return line
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        inside = self.TICKED if selection.value in self.selected else " "
        segments[1] = Segment(inside, segments[1].style)
        return Strip(segments, line.cell_length)


class Dialog(ModalScreen[ResultType], Generic[ResultType]):
    """A modal form: Escape cancels, Ctrl+S saves what `check()` returns.

    Its body is a `VerticalScroll(classes="dialog", can_focus=False)` ending in `buttons()`: at 80×24 the
    fields scroll while Save and Cancel stay docked in sight.
    """

    DEFAULT_CSS = """
    Dialog {
        & .dialog--buttons { dock: bottom; }
        /* Hints and titles wrap inside the dialog instead of running past its edge. */
        & .dialog--title, & .dialog--hint { width: 1fr; }
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save", priority=True),
    ]

    AUTO_FOCUS = ""
    """Off: each form focuses its first field itself, without scrolling: Textual's own pick centres it before the
    first layout and the form opened scrolled past its title."""

    SAVE_KEY = "ctrl+s"
    """The key shown on the Save button."""

    WRITES_THE_JOURNAL: ClassVar[bool] = True
    """What it saves is written to the journal: it does not open while the journal is behind its replica
    (tui/widgets/write_forms.py). False for a form that only reads it (the export)."""

    _typed_at_start: dict[int, object] | None = None
    _keys_at_start = 0

    submit: Callable[[ResultType], bool] | None = None
    """Set by the screen that opens the form: writes the result and says whether it was saved. The form
    closes only then; when the journal can't be written it stays open with everything typed."""

    REFUSAL_FIELD: ClassVar[str | None] = None
    """The field under which a refusal of what `submit` writes is said (`tui.widgets.refusals.say_refusal`), as a
    day it can't read is: a question built ahead (the day question) showed no toast over itself. None: a toast."""

    submitting = False
    """True while `submit` writes what the form holds: a refusal said meanwhile is about this form."""

    def finish(self, result: ResultType) -> None:
        """Save `result` through `submit` (if set) and close; stay open when it could not be saved."""
        if self.submit is not None:
            self.submitting = True
            try:
                saved = self.submit(result)
            finally:
                self.submitting = False
            if not saved:
                return
        self.dismiss(result)

    def say_refused(self, message: str) -> bool:
        """Say `message`, a refusal of what is being saved, under the form's `REFUSAL_FIELD`, keeping what was
        typed; False when the form says refusals with a toast (no such field)."""
        if self.REFUSAL_FIELD is None or not self.submitting:
            return False
        self.show_problems({self.REFUSAL_FIELD: message})
        return True

    def on_mount(self) -> None:
        # Textual calls this after a form's own on_mount (each class's handler is called, the subclass's first).
        # What the form starts with (new or being edited): taken now, and again after the first refresh for
        # fields a widget fills as it mounts, unless a key arrived meanwhile: typed into the form before its
        # first refresh, it was taken as the start, and Esc or quitting then let it go without asking.
        self._typed_at_start = self._field_values()
        self._keys_at_start = onward_of(self).keys_typed
        self.call_after_refresh(self._remember_start)

    def _remember_start(self) -> None:
        if onward_of(self).keys_typed == self._keys_at_start:
            self._typed_at_start = self._field_values()

    def _field_values(self) -> dict[int, object]:
        values: dict[int, object] = {}
        for widget in self.query("Input, TextArea, Select, Checkbox, SelectionList"):
            if isinstance(widget, Input | Checkbox | Select):
                values[id(widget)] = widget.value
            elif isinstance(widget, TextArea):
                values[id(widget)] = widget.text
            elif isinstance(widget, SelectionList):
                values[id(widget)] = frozenset(widget.selected)
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

        self.app.push_screen(ConfirmDialog("Discard what you typed?", "n / esc goes back to the form.", enter_says_no=True), answered)

    def check(self) -> ResultType:
        """What the form holds, checked; raises EntryError naming each field that is wrong. Each form defines it."""
        raise NotImplementedError

    def save(self) -> None:
        """Save when every field is right; otherwise show what is wrong by each field."""
        try:
            result = self.check()
        except EntryError as error:
            self.show_problems(error.problems.by_field)
            return
        self.finish(result)

    async def action_save(self) -> None:
        # Ctrl+S acts as it arrives (a priority key), before the field has taken the letters typed just before
        # it: "Analyst" typed fast (or through a browser) then Ctrl+S saved "An". Let them land first.
        await onward_of(self).settle_input()
        self.save()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.save()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(OptionList.OptionHighlighted)
    def _recheck(self) -> None:
        clear_fixed_problems(self.query(FormField), self.check)

    def buttons(self) -> Horizontal:
        """The Save and Cancel buttons, for the end of a form's compose()."""
        return Horizontal(
            Button(f"Save  {self.SAVE_KEY}", variant="primary", id="save", compact=True),
            Button("Cancel  esc", id="cancel", compact=True),
            classes="dialog--buttons",
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.save()

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
