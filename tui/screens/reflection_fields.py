"""Provides the reflection editor's questions: each a prompt and its widget side by side in the editor's one
scroll (no container per question), built in two parts so the top of the editor is drawn first.

Profiled on a ten-year journal (tests/benchmarks, `--only editor`): opening the editor was ~120 ms of CPU against
~30 for a bare screen, nearly all Textual's: styling each node (a container and a label per question: 24 of its
48 nodes), laying out and drawing them, and the stage picker (a Select is 6 nodes with its hidden list).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.content import Content
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from tui.domain.models import STAGE_ORDER
from tui.domain.reflections import PROMPTS
from tui.widgets.mood import MoodPicker
from tui.widgets.shown import show

TEXT_AREAS = ("went_well", "do_differently", "stumbles", "feedback", "body")
INPUTS = ("feelings", "gaps", "next_step", "next_step_on", "talk_to")
FIRST = ("mood", "feelings")
"""The questions composed with the editor, drawn in its first frame; the others are mounted right after it."""
REST = ("stage", "went_well", "do_differently", "gaps", "stumbles", "feedback", "next_step", "next_step_on", "talk_to", "body")
FIELDS = (*FIRST, *REST)
"""Every field the editor can open on (its widget's id), top to bottom."""


class EditorField:
    """One question of the editor: its prompt (a Label with the id `field-NAME`), its widget, and a line for what
    is wrong with it, mounted under the widget with its first problem. Not a widget itself: a container per
    question made the editor a quarter slower to open. `field_name`, `has_class` and `show_error` are
    FormField's, for `clear_fixed_problems`."""

    def __init__(self, name: str, widget: Widget, prompt: str | None = None) -> None:
        self.field_name = name
        self.widget = widget
        self.label = Label(prompt or PROMPTS[name], id=f"field-{name}", classes="form-field--label")
        self._problem: Static | None = None

    def parts(self) -> Iterator[Widget]:
        yield self.label
        yield self.widget

    @property
    def display(self) -> bool:
        return self.label.display

    @display.setter
    def display(self, shown: bool) -> None:
        self.label.display = self.widget.display = shown
        if self._problem is not None:
            self._problem.display = shown and self.has_class("-invalid")

    def has_class(self, *class_names: str) -> bool:
        return self.label.has_class(*class_names)

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field, or clear it with None."""
        self.label.set_class(bool(message), "-invalid")
        # Not `-invalid` on the widget: an Input sets and clears that class itself as it validates.
        self.widget.set_class(bool(message), "-problem")
        if self._problem is None:
            if not message:
                return
            self._problem = Static(Content(message), classes="form-field--error", markup=False)
            parent = self.widget.parent
            assert isinstance(parent, Widget)
            parent.mount(self._problem, after=self.widget)
        show(self._problem, Content(message or ""))
        self._problem.display = bool(message) and self.display


def build_fields(names: tuple[str, ...], values: dict[str, Any], suggesters: dict[str, Suggester]) -> dict[str, EditorField]:
    """The questions `names`, filled with `values` (as `ReflectionEditor.values()` reads them)."""
    return {name: EditorField(name, _widget(name, values, suggesters), _PROMPTS.get(name)) for name in names}


_PROMPTS = {"next_step_on": "…on which day? (optional: Nov 30, tomorrow…)"}
_PLACEHOLDERS = {"next_step": "e.g. ask Sam for a mock interview"}


def _widget(name: str, values: dict[str, Any], suggesters: dict[str, Suggester]) -> Widget:
    if name == "mood":
        return MoodPicker(values["mood"], id="mood")
    if name in INPUTS:
        # Tabbing back into words already written puts the cursor after them: selected whole (Textual's way),
        # the next key typed replaced them, and the autosave kept that.
        return Input(
            values[name], id=name, compact=True, suggester=suggesters.get(name), placeholder=_PLACEHOLDERS.get(name, ""),
            select_on_focus=False,
        )
    if name == "stage":
        stages = [(s.label.capitalize(), s.value) for s in STAGE_ORDER]
        return Select(stages, value=values["stage"] or Select.NULL, id="stage", compact=True, prompt="not tied to a stage")
    if name == "body":
        body = Answer(values["body"], id="body", soft_wrap=True, show_line_numbers=False)
        body.language = "markdown" if "markdown" in body.available_languages else None
        return body
    return Answer(values[name], id=name, soft_wrap=True, compact=True)


class Answer(TextArea):
    """A written answer: shown from its start, and once it is given focus after being filled, its cursor goes after
    the words (what is typed went before them: "typed before killPortfolio was strong")."""

    def __init__(self, text: str = "", **options: Any) -> None:
        super().__init__(text, **options)
        self.filled = True

    def fill(self, text: str) -> None:
        self.text = text
        self.filled = True

    def on_focus(self) -> None:
        if self.filled:
            self.filled = False
            self.move_cursor(self.document.end)


def read_field(field: EditorField) -> Any:
    """What `field` holds, as `ReflectionEditor.values()` reads it."""
    widget = field.widget
    if isinstance(widget, MoodPicker):
        return widget.value
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, Input):
        return widget.value
    assert isinstance(widget, TextArea)
    return widget.text


def fill_field(field: EditorField, value: Any) -> None:
    """Put `value` (as `read_field` gives it, or as a draft holds it) into `field`."""
    widget = field.widget
    if isinstance(widget, MoodPicker):
        widget.value = int(value) if value else None
    elif isinstance(widget, Select):
        widget.value = value if value else Select.NULL
    elif isinstance(widget, Input):
        widget.value = value or ""
        widget.cursor_position = len(widget.value)  # after the words, as a new field has it (the editor is reused)
    elif isinstance(widget, Answer):
        widget.fill(value or "")

