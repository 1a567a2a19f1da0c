"""Pilot tests: 5 opens Insights on the demo journal, with the funnel overall and a section per field."""

from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.conftest import TODAY, run_app, settle
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


def test_a_long_history_is_read_off_the_screens_thread_and_only_when_it_changed(demo_path, monkeypatch):
    """Issue 10: Insights read every application on the screen's thread (~0.4 s on ten years) at each visit."""
    import threading

    from tui.screens import insights
    from tui.store.repository import Journal

    monkeypatch.setattr(insights, "READ_IN_BACKGROUND_ABOVE", 10)  # the demo's 32 count as a long history
    threads = []
    real = Journal.applications

    def applications(self):
        threads.append(threading.current_thread())
        return real(self)

    monkeypatch.setattr(Journal, "applications", applications)
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("5")
        screen = pilot.app.screen
        await settle(pilot)  # the whole history is read in a thread (a worker)
        assert "All fields · 32 applications" in shown_text(screen)
        assert threads and all(thread is not threading.main_thread() for thread in threads)
        read = len(threads)
        await pilot.press("1", "5")
        await pilot.pause()
        assert len(threads) == read, "nothing changed: not read again (AreaScreen redraws only after a change)"

    run_app(app, steps)
