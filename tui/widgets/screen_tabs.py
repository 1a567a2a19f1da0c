"""Provides ScreenTabs: the line at the top of every area naming all of them with their keys, the current one
marked, each clickable, so a new user sees where they are and where else they can go."""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget

from tui.widgets.streak_badge import StreakBadge


class Area(NamedTuple):
    mode: str
    """The app's mode (MODES) that shows it."""
    key: str
    label: str
    title: str
    """How the command palette names it ("go: wins wall")."""


AREAS = (
    Area("inbox", "1", "Inbox", "inbox"),
    Area("reflections", "2", "Reflections", "reflections"),
    Area("wins", "3", "Wins", "wins wall"),
    Area("streak", "4", "Streak", "streak meter"),
    Area("insights", "5", "Insights", "insights"),
)
"""Every area in key order (the app binds each key to its mode; a test keeps the two in step)."""


class ScreenTabs(Horizontal):
    """The top line of an area: its tabs, and the streak badge at the right end."""

    DEFAULT_CSS = """
    ScreenTabs {
        dock: top;
        height: 1;
        background: $panel;
    }
    """

    def __init__(self, current: str) -> None:
        super().__init__(TabLine(current), StreakBadge())


class TabLine(Widget, can_focus=False):
    """` 1 Inbox ` ` 2 Reflections ` …, the area it sits on marked (colour, and ▸ for no colour)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TabLine {
        width: 1fr;
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current
        self._spans: list[tuple[int, int, Area]] = []

    def render(self) -> Content:
        pieces: list[Content] = []
        self._spans = []
        x = 0
        for area in AREAS:
            if area.mode == self.current:
                piece = Content.assemble(("▸", "bold $text-accent"), (f"{area.key} {area.label}", "bold reverse $text-accent"), " ")
            else:
                piece = Content.assemble(" ", (area.key, "bold $text"), f" {area.label} ")
            self._spans.append((x, x + piece.cell_length, area))
            pieces.append(piece)
            x += piece.cell_length + 1  # the space between tabs
        return Content(" ").join(pieces)

    def on_click(self, event: events.Click) -> None:
        for start, end, area in self._spans:
            if start <= event.x < end and area.mode != self.current:
                self.app.switch_mode(area.mode)
