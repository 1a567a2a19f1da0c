"""Provides the help screen: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.domain.text import clean_line


def key_label(app: App[Any], binding: Binding) -> str:
    """A binding's keys as the key bar writes them (App.get_key_display): "question_mark" → "?", "ctrl+p" → "^p";
    keys bound together ("escape,q") are listed with commas."""
    keys = [key.strip() for key in binding.key.split(",")]
    return ", ".join(app.get_key_display(replace(binding, key=key)) for key in keys)


KEY_COLUMN_MOST = 22
"""The widest the key column gets (a longer key name wraps within it)."""


class HelpScreen(ModalScreen[None]):
    """Lists (key as shown, description) pairs, grouped under headings; any of esc, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Keys", classes="dialog--title")
            # A key and what it does side by side: a long description wraps under itself, not the keys; the
            # key column fits the longest key named here ("↑ ↓ PgUp PgDn"), up to a third of the dialog.
            widest = max((len(key) for _, keys in self.groups for key, _ in keys), default=0)
            for heading, keys in self.groups:
                yield Label(heading, classes="help--heading")
                for key, text in keys:
                    with Horizontal(classes="help--keys"):
                        name = Static(key, markup=False, classes="help--key")
                        name.styles.width = min(max(widest, 10), KEY_COLUMN_MOST) + 2
                        yield name
                        yield Static(clean_line(text), markup=False, classes="help--text")
            palette = key_label(self.app, Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
            closes = key_label(self.app, Binding("escape", "close"))
            yield Label(f"{closes} closes · {palette} finds any command by name", classes="dialog--hint")

    def on_mount(self) -> None:
        # Toasts sit above every screen and would hide the keys being looked up; they have been seen by now.
        self.app.clear_notifications()

    def action_close(self) -> None:
        self.dismiss(None)
