"""Provides Heatmap: 53 weeks of persistent days, one cell per day, walked with the arrow keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.domain.streak import PLAN_AHEAD_DAYS, Cell, HeatmapDay

# Cells differ by glyph as well as by colour, so the map reads without colour (NO_COLOR) too.
STEP_GLYPHS = ("·", "░", "▒", "▓", "█")
CELL_GLYPHS = {Cell.REST: "−", Cell.FREEZE: "*", Cell.FUTURE: " ", Cell.BEFORE: "·"}
STEP_STYLES = ("$text-muted", "$success 40%", "$success 65%", "$success 85%", "bold $success")
CELL_STYLES = {Cell.REST: "$primary", Cell.FREEZE: "bold $accent", Cell.FUTURE: "", Cell.BEFORE: "$text-disabled"}
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4


def cell_glyph(day: HeatmapDay) -> tuple[str, str]:
    """The glyph and style of one day: steps by intensity (0, 1, 2, 3, 4+), else rest, freeze or blank."""
    if day.steps or day.cell is Cell.PLAIN:
        level = min(day.steps, 4)
        return STEP_GLYPHS[level], STEP_STYLES[level]
    return CELL_GLYPHS[day.cell], CELL_STYLES[day.cell]


def month_labels(days: Sequence[HeatmapDay]) -> str:
    """The row above the weeks: each month's name above its first Monday, one column per week.

    A label needs a free column before it, so it never runs into the one before; the last month's label
    runs past the last week (the widget is that much wider) rather than being left out."""
    row: list[str] = []
    for week in range(len(days) // 7):
        monday = days[week * 7].day
        if monday.day <= 7:
            label = monday.strftime("%b")
            if all(c == " " for c in row[max(0, week - 1):]):
                row[len(row):] = " " * (week - len(row))
                row[week:] = list(label)
    return "".join(row).ljust(len(days) // 7)


class Heatmap(Widget, can_focus=True):
    """Columns are weeks (oldest left), rows are Monday to Sunday; today is marked, the cursor shows a day."""

    DEFAULT_CSS = """
    Heatmap {
        height: 8;
        width: auto;
        padding: 0 1;
        &:focus { background: $boost; }
    }
    """
    BINDINGS = [
        Binding("left", "move(-7)", "Week before", show=False, id="heatmap.left"),
        Binding("right", "move(7)", "Week after", show=False, id="heatmap.right"),
        Binding("up", "move(-1)", "Day before", show=False, id="heatmap.up"),
        Binding("down", "move(1)", "Day after", show=False, id="heatmap.down"),
        Binding("home", "today", "Today", show=False, id="heatmap.today"),
    ]

    cursor: reactive[date | None] = reactive(None)

    class DayChosen(Message):
        """The cursor moved to `day`."""

        def __init__(self, heatmap: Heatmap, day: date) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.day = day

        @property
        def control(self) -> Heatmap:
            return self.heatmap

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: list[HeatmapDay] = []
        self.today: date | None = None

    def show(self, days: Sequence[HeatmapDay], today: date) -> None:
        """Draw these days (whole weeks, Monday first); the cursor stays where it was, else on today."""
        self.days = list(days)
        self.today = today
        if self.cursor is None or not self._in_range(self.cursor):
            self.cursor = today
        self.refresh(layout=True)

    def _in_range(self, day: date) -> bool:
        if self.today is None or not self.days:
            return False
        return self.days[0].day <= day <= self.today + timedelta(days=PLAN_AHEAD_DAYS)

    def get_content_width(self, container, viewport) -> int:
        return LABEL_WIDTH + len(month_labels(self.days))

    def render(self) -> Content:
        if not self.days:
            return Content("")
        weeks = len(self.days) // 7
        lines = [Content.assemble(" " * LABEL_WIDTH, (month_labels(self.days), "$text-muted"))]
        for weekday in range(7):
            parts: list = [(f"{ROW_LABELS[weekday]:<{LABEL_WIDTH}}", "$text-muted")]
            for week in range(weeks):
                day = self.days[week * 7 + weekday]
                glyph, style = cell_glyph(day)
                if day.day == self.cursor and self.has_focus:
                    style = f"{style} reverse".strip()
                    glyph = glyph if glyph.strip() else "□"
                elif day.day == self.today:
                    style = f"{style} underline".strip()
                    glyph = "◆" if glyph == STEP_GLYPHS[0] else glyph
                parts.append((glyph, style))
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def watch_cursor(self, day: date | None) -> None:
        self.refresh()
        if day is not None:
            self.post_message(self.DayChosen(self, day))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, days: int) -> None:
        if self.cursor is None:
            return
        target = self.cursor + timedelta(days=days)
        if self._in_range(target):
            self.cursor = target

    def action_today(self) -> None:
        self.cursor = self.today
