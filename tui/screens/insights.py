"""Provides screen 5, Insights: how the search is going per field and overall — the funnel from applied to
offer, rejections by stage, answers by source and weekday, days to a first answer, the last 12 weeks, and
this week's persistent days against the target. Read-only: every figure comes from tui.domain.insights."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.domain.insights import Section, build_insights, insight_sections
from tui.screens.area import AreaScreen
from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs

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
        journal = self.onward.journal
        insights = build_insights(journal.applications(), journal.step_counts(), journal.settings().weekly_target, self.onward.today)
        body = self.query_one("#insights", VerticalScroll)
        with self.app.batch_update():
            body.remove_children()
            body.mount_all(Static(self._section(section), classes="section") for section in insight_sections(insights))

    @staticmethod
    def _section(section: Section) -> Content:
        # Field and source names are the user's own text: shown literally (Content, never markup).
        lines = Content("\n").join(Content(line).highlight_regex(BARS, style="$accent") for line in section.lines)
        return Content.assemble(Content.styled(section.title, "bold $text-accent"), "\n", lines)
