"""Provides screen 5, Insights: how the search is going per field and overall — the funnel from applied to
offer, rejections by stage, answers by source and weekday, days to a first answer, the last 12 weeks, and
this week's persistent days against the target. Read-only: every figure comes from tui.domain.insights."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.domain.insights import Insights, Section, build_insights, insight_sections
from tui.store.repository import Journal
from tui.screens.area import AreaScreen
from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs

READ_IN_BACKGROUND_ABOVE = 2000
"""Applications above which Insights reads in a worker (a small journal is drawn at once, as tests see it)."""

BARS = r"[█▏▎▍▌▋▊▉■]+"
"""Bars and boxes drawn in the accent colour; the numbers beside them say the same without colour."""


class InsightsScreen(AreaScreen):
    """Every figure as labelled text with small bar charts, a section per field (largest first); it scrolls."""

    CSS_PATH = "insights.tcss"
    HELP_TITLE = "Insights"
    HELP_EXTRA = (("↑ ↓ PgUp PgDn", "scroll"),)

    def compose(self) -> ComposeResult:
        yield ScreenTabs("insights")
        with Horizontal(classes="title-row"):
            yield Static(Content.styled("Insights — how your search is going", "bold"), classes="title")
        yield VerticalScroll(id="insights")
        yield KeyBar()

    def on_shown(self) -> None:
        self.query_one("#insights", VerticalScroll).focus()

    def refresh_view(self) -> None:
        # Called when the screen is shown and the journal changed since (AreaScreen), not on every visit.
        journal = self.onward.journal
        if journal.application_count() > READ_IN_BACKGROUND_ABOVE:
            # Years of history take a few hundred ms to read: read them off the screen's thread (on a
            # connection of their own), so switching here stays instant and the figures follow.
            body = self.query_one("#insights", VerticalScroll)
            if not body.children:
                body.mount(Static(Content.styled("Reading your journal…", "$text-muted italic"), classes="section"))
            self._read_in_background(journal.path, self.onward.today)
            return
        self._show(build_insights(journal.applications(), journal.step_counts(), journal.settings().weekly_target, self.onward.today))

    @work(thread=True, exclusive=True, group="insights")
    def _read_in_background(self, path: Path, today: date) -> None:
        journal = Journal.open(path, create=False)
        try:
            insights = build_insights(journal.applications(), journal.step_counts(), journal.settings().weekly_target, today)
        finally:
            journal.close()
        self.app.call_from_thread(self._show, insights)

    def _show(self, insights: Insights) -> None:
        body = self.query_one("#insights", VerticalScroll)
        with self.app.batch_update():
            body.remove_children()
            body.mount_all(Static(self._section(section), classes="section") for section in insight_sections(insights))

    @staticmethod
    def _section(section: Section) -> Content:
        # Field and source names are the user's own text: shown literally (Content, never markup).
        lines = Content("\n").join(Content(line).highlight_regex(BARS, style="$accent") for line in section.lines)
        return Content.assemble(Content.styled(section.title, "bold $text-accent"), "\n", lines)
