"""Provides StreakBadge: the compact streak shown in the corner of every screen."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.actions import views
from tui.widgets.onward_access import OnwardAccess
from tui.widgets.shown import show
from tui.domain.streak import FLAME, StreakSummary, TodayState
from tui.domain.text import number


def badge_text(summary: StreakSummary, *, emoji: bool = True, looking_only: bool = False, damaged: bool = False) -> Content:
    """"🔥 12 ✓" when today is done, "🔥 12 ·" while it is still open, "rest" on a rest day; without `emoji`
    (in a browser, which may have no emoji font and would draw an empty box) "streak 12 ✓". `looking_only`:
    the journal can't be written, and every screen's corner says so ("read-only 🔥 12 ✓"); `damaged`: some of
    it can't be read ("damaged 🔥 12 ✓", tui/journal_health.py)."""
    mark = {TodayState.DONE: ("✓", "$text-success"), TodayState.REST: ("rest", "$text-muted")}.get(
        summary.today, ("·", "$text-warning")
    )
    badge = Content.assemble((f"{FLAME} " if emoji else "streak ", ""), (number(summary.current), "bold"), " ", mark)
    if damaged:
        return Content.assemble(("damaged", "bold $text-error"), " ", badge)
    return Content.assemble(("read-only", "bold $text-warning"), " ", badge) if looking_only else badge


class StreakBadge(OnwardAccess, Static):
    """Shows the current streak; call `update_from(app)` after anything that may change it."""

    DEFAULT_CSS = """
    StreakBadge {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    """

    def on_mount(self) -> None:
        self.refresh_streak()

    def refresh_streak(self, summary: StreakSummary | None = None) -> None:
        """Show `summary`, or recompute it from the app's journal as of the app's today."""
        journal = self.onward.journal
        summary = summary or views.streak_summary(journal, self.onward.today)
        looking_only, damaged = bool(journal.read_only), bool(self.onward.health.damage)
        show(self, badge_text(summary, emoji=not self.app.is_web, looking_only=looking_only, damaged=damaged))
