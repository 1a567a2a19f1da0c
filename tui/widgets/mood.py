"""Provides MoodPicker: a focusable row of moods 1–5, set with the number keys or ← →."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from tui.domain.reflections import MOOD_WORDS


class MoodPicker(Widget, can_focus=True):
    """Five moods in a row; `value` is 1–5, or None until one is picked."""

    DEFAULT_CSS = """
    MoodPicker {
        height: 1;
        width: auto;
        padding: 0 1;
        background: $boost;
        &:focus { background: $primary 30%; }
    }
    """
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", MOOD_WORDS[n], show=False, id=f"mood.{n}") for n in MOOD_WORDS),
        Binding("left", "step(-1)", "Lower", show=False, id="mood.lower"),
        Binding("right", "step(1)", "Higher", show=False, id="mood.higher"),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The mood changed."""

        def __init__(self, picker: MoodPicker, value: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(MoodPicker.value, value)

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for number, word in MOOD_WORDS.items():
            label = f" {number} {word} "
            parts.append((label, "bold reverse $accent") if number == self.value else (label, "$text-muted"))
            parts.append(" ")
        return Content.assemble(*parts)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Every printable character is the row's, as in a text field: the app's `q` and `?` are not keys here
        (Ctrl+Q and F1 are, and the key bar shows them), since a letter typed on the row begins the feelings."""
        return character is not None and character.isprintable()

    def on_key(self, event: events.Key) -> None:
        """A character typed on the row that is none of its keys (1–5) begins the next field: "3" then "relieved"
        picks okay and writes relieved, instead of losing the word; "quite upset" too (the app's `q` quit at
        once there, a trap in a sentence: `check_consume_key`)."""
        if not event.is_printable or event.character is None or event.key in self.screen.active_bindings:
            return
        event.stop()
        event.prevent_default()
        # The rest of a burst typed before the focus moved comes here too: it follows the first character.
        field = self.screen.focus_next() if self.has_focus else self.screen.focused
        if isinstance(field, Input):
            # After the field's own focus handling (which selects what it holds): added at its end, in order.
            field.call_later(_add_to, field, event.character)

    def action_pick(self, number: int) -> None:
        self.value = number

    def action_step(self, delta: int) -> None:
        self.value = 3 if self.value is None else min(5, max(1, self.value + delta))


def _add_to(field: Input, text: str) -> None:
    field.cursor_position = len(field.value)
    field.insert_text_at_cursor(text)
