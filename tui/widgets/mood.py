"""Provides MoodPicker: a focusable row of moods 1–5, set with the number keys or ← →."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

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

    def action_pick(self, number: int) -> None:
        self.value = number

    def action_step(self, delta: int) -> None:
        self.value = 3 if self.value is None else min(5, max(1, self.value + delta))
