"""Provides KeyBar: the bottom line of keys, one widget that redraws its text when the keys change.

It replaces Textual's Footer, which composes one widget per key again on every screen switch and focus
change (about half the cost of a switch) and cuts the line at the terminal's edge, so at 80 columns the
keys that matter most (`?` help, `q` quit) were the ones lost. Here the keys that must always show are
placed first in the budget and the screen's own keys fill what is left, in their order.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.widget import Widget

ALWAYS_SHOWN = ("app.help", "app.quit", "app.command_palette")
"""Binding ids kept on the line at any width, in this order at its right end."""
INSTEAD = {"app.help": "app.help_anywhere", "app.quit": "app.quit_anywhere"}
"""The binding shown for one of ALWAYS_SHOWN where it does not work: a text field takes `?` and `q` as letters
(Textual leaves a key the focused widget takes out of the screen's active bindings), so there the bar shows
the keys that still do (F1, Ctrl+Q) rather than dropping help and quit."""


class Key(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The keys the focused widget and its screen offer (those with `show=True`), one line, clickable."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, Key]] = []
        """Where each key drawn sits on the line (start, end), for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def keys(self) -> tuple[list[Key], list[Key]]:
        """(the screen's keys in order, the keys always shown in ALWAYS_SHOWN's order), each action once."""
        active = self.screen.active_bindings
        shown: dict[str, Key] = {}
        always: dict[str, Key] = {}
        standing_in: dict[str, Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            key = Key(binding.key, self.app.get_key_display(binding), binding.description or tooltip, enabled)
            if binding.id is not None and binding.id in INSTEAD.values():
                standing_in.setdefault(binding.id, key)
            if not binding.show:
                continue
            if binding.id in ALWAYS_SHOWN:
                always.setdefault(binding.id, key)
            else:
                shown.setdefault(binding.action, key)
        for missing, instead in INSTEAD.items():
            if missing not in always and instead in standing_in:
                always[missing] = standing_in[instead]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            always["app.command_palette"] = Key(binding.key, self.app.get_key_display(binding), "Commands", enabled)
        return list(shown.values()), [always[i] for i in ALWAYS_SHOWN if i in always]

    @staticmethod
    def _piece(key: Key) -> Content:
        key_style = "bold $footer-key-foreground" if key.enabled else "$text-disabled"
        text_style = "" if key.enabled else "$text-disabled"
        return Content.assemble(" ", (key.display, key_style), " ", (key.description, text_style), " ")

    def render(self) -> Content:
        screen_keys, always = self.keys()
        width = self.size.width
        right = [(self._piece(key), key) for key in always]
        room = width - sum(piece.cell_length for piece, _ in right)
        left: list[tuple[Content, Key]] = []
        for key in screen_keys:
            piece = self._piece(key)
            if piece.cell_length > room:
                break  # the screen's keys keep their order: the first that does not fit ends the line
            left.append((piece, key))
            room -= piece.cell_length
        gap = max(0, room)
        self._spans = []
        x = 0
        for index, (piece, key) in enumerate([*left, *right]):
            x += gap if index == len(left) else 0
            self._spans.append((x, x + piece.cell_length, key))
            x += piece.cell_length
        return Content("").join([piece for piece, _ in left] + [Content(" " * gap)] + [piece for piece, _ in right])

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
