"""Pilot tests: 5 opens Insights on the demo journal, with the funnel overall and a section per field."""

from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.screens.insights import InsightsScreen


def shown_text(screen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(".section").results(Static))


def test_5_opens_insights_with_every_field_largest_first(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("5")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, InsightsScreen)
        text = shown_text(screen)
        assert "All fields · 32 applications" in text
        assert "4 of 5 days this week" in text
        fields = [line for line in text.splitlines() if line.startswith("Field: ")]
        assert fields[:2] == ["Field: data · 12 applications", "Field: design · 9 applications"]
        assert screen.focused is screen.query_one("#insights", VerticalScroll)  # arrows scroll at once
        await pilot.press("end")
        await pilot.pause()
        assert screen.query_one("#insights", VerticalScroll).scroll_y > 0

    run_app(app, steps, size=(80, 24))
