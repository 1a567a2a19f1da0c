"""Provides Lessons: gap tags with where they came from, rejections by stage, and mood over time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.widgets.keybar import KeyBar
from tui.widgets.onward_access import OnwardAccess
from tui.domain.lessons import Lessons, build_lessons
from tui.domain.text import excerpt, number, plural, printable
from tui.widgets.streak_badge import StreakBadge

BAR_WIDTH = 30


class LessonsScreen(OnwardAccess, Screen[None]):
    """What the journal has taught so far; Escape goes back."""

    CSS_PATH = "lessons.tcss"
    HELP_TITLE = "Lessons"
    BINDINGS = [Binding("escape", "back", "Back", id="lessons.back", tooltip="back to the reflections")]

    def compose(self) -> ComposeResult:
        journal = self.onward.journal
        lessons = build_lessons(journal.applications.every(), journal.reflections.every())
        with Horizontal(classes="title-row"):
            yield Static(Content.styled("Lessons — what your rejections add up to", "bold"), id="lessons-title")
            yield StreakBadge()
        with VerticalScroll(id="lessons-body"):
            yield Static(self._stages(lessons), id="lessons-stages")
            yield Static(self._gaps(lessons), id="lessons-gaps")
            yield Static(self._moods(lessons), id="lessons-moods")
        yield KeyBar()

    @staticmethod
    def _stages(lessons: Lessons) -> Content:
        total = sum(count for _, count in lessons.rejections_by_stage)
        lines = [Content.styled("Where rejections came", "bold $text-accent")]
        if not total:
            lines.append(Content.styled("No rejections yet.", "$text-muted"))
            return Content("\n").join(lines)
        most = max(count for _, count in lessons.rejections_by_stage)
        for stage, count in lessons.rejections_by_stage:
            bar = "█" * round(count / most * BAR_WIDTH) if count else ""
            lines.append(Content.assemble(f"{stage.label.capitalize():<13}", (bar, "$text-accent"), f" {number(count)}"))
        if lessons.pattern:
            lines.append(Content(""))
            lines.append(Content.styled(printable(lessons.pattern), "italic"))
        return Content("\n").join(lines)

    @staticmethod
    def _gaps(lessons: Lessons) -> Content:
        lines = [Content.styled("Gaps to build", "bold $text-accent")]
        if not lessons.gaps:
            lines.append(Content.styled("No gap tags yet. Add them when you reflect on a rejection.", "$text-muted"))
        for gap in lessons.gaps:
            lines.append(Content.assemble(
                Content.styled(excerpt(gap.tag), "bold"), f" ×{number(gap.count)}  ", Content.styled(gap.sources_line(), "$text-muted")
            ))
        return Content("\n").join(lines)

    @staticmethod
    def _moods(lessons: Lessons) -> Content:
        lines = [Content.styled("Mood over time", "bold $text-accent")]
        if not lessons.moods:
            lines.append(Content.styled("Your mood shows here once you reflect.", "$text-muted"))
        else:
            lines.append(Content.assemble((lessons.mood_sparkline, "$text-accent"), f"  {plural(len(lessons.moods), 'reflection')}, oldest first"))
            lines.append(Content.styled("Low days pass. You kept going through every one of them.", "italic $text-muted"))
        return Content("\n").join(lines)

    def action_back(self) -> None:
        self.dismiss(None)
