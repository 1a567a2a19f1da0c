"""Pilot tests: 5 opens Insights on the demo journal, with the funnel overall and a section per field."""

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.conftest import TODAY, run_app, settle
from tui.app import OnwardApp
from tui.screens.insights import InsightsScreen

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


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


def test_after_each_kind_of_write_insights_shows_what_a_fresh_build_shows(demo_path, monkeypatch):
    """Issue 26: Insights reads counts (SQL), never every application as objects, and is never stale: after an
    application added, edited or removed, an outcome logged (a rejection too) or removed, a step, an undo, an
    import (written through its own connection, as the app's import is) and another window's write, the screen
    shows the figures a fresh build from the applications gives."""
    from datetime import timedelta

    from tui.actions import applications, editing, imports, steps as step_actions
    from tui.domain.entries import ActionEntry, ApplicationEntry
    from tui.domain.spreadsheets import ImportRow
    from tui.domain.insights import build_insights, insight_sections
    from tui.domain.models import ActionKind, OutcomeKind, Stage
    from tui.store.applications import ApplicationRows
    from tui.store.repository import Journal

    def fresh() -> list[str]:
        journal = Journal.open(demo_path, create=False)
        try:
            insights = build_insights(real(journal.applications), journal.steps.step_counts(), journal.settings().weekly_target, TODAY)
        finally:
            journal.close()
        return [line for section in insight_sections(insights) for line in (section.title, *section.lines)]

    app = OnwardApp(demo_path, today=TODAY)

    real = ApplicationRows.every

    def elsewhere(write) -> bool:
        """`write` through another connection to the journal (another window, the command line, an import)."""
        other = Journal.open(demo_path, create=False)
        try:
            write(other)
        finally:
            other.close()
        return True

    imported = [ImportRow(1, "Imported Co", "Analyst", TODAY - timedelta(days=40), field="Imported", source="fair",
                          outcome=OutcomeKind.REJECTED, stage=Stage.INTERVIEW),
                ImportRow(2, "Second Import", "Designer", TODAY - timedelta(days=12), field="data", outcome=OutcomeKind.SCREENING)]
    elsewhere_entry = ApplicationEntry(company="Other Window", role="Analyst", applied_on=TODAY - timedelta(days=5), field="Brand new")

    async def steps(pilot):
        onward = pilot.app
        reads = []
        monkeypatch.setattr(ApplicationRows, "every", lambda self: reads.append(1) or real(self))
        entry = ApplicationEntry(company="Fresh Co", role="Analyst", applied_on=TODAY - timedelta(days=2), field="Brand new", source="podcast")
        added = []
        writes = [
            lambda: added.append(onward.act(applications.add_application, entry).id) or True,
            lambda: onward.act(applications.log_outcome, added[0], OutcomeKind.INTERVIEW, TODAY - timedelta(days=1)),
            lambda: onward.act(applications.log_outcome, added[0], OutcomeKind.REJECTED, TODAY, stage=Stage.INTERVIEW),
            lambda: onward.act(applications.edit_application, added[0], ApplicationEntry(
                company="Fresh Co", role="Analyst", applied_on=TODAY - timedelta(days=9), field="data", source="LinkedIn")),
            lambda: onward.act(step_actions.log_action, ActionEntry(ActionKind.NETWORKING, TODAY, "coffee")),
            lambda: onward.action_undo() or True,
            lambda: onward.act(editing.remove_event, onward.journal.applications.by_id([added[0]])[0].events[-1].id),
            lambda: onward.act(editing.remove_application, added[0]),
            lambda: elsewhere(lambda other: imports.import_rows(other, imported, today=TODAY)),
            lambda: elsewhere(lambda other: applications.log_outcome(
                other, applications.add_application(other, elsewhere_entry).id, OutcomeKind.REJECTED, TODAY)),
        ]
        await pilot.press("5")
        await pilot.pause()
        for number, write in enumerate(writes):
            await pilot.press("1")
            await pilot.pause()
            assert write() is not None, f"write {number} was refused"
            reads.clear()
            await pilot.press("5")
            await pilot.pause()
            assert not reads, "Insights read every application as objects"
            shown = [line for line in shown_text(pilot.app.screen).splitlines() if line]
            expected = fresh()
            assert shown[-len(expected):] == expected, f"write {number} left Insights stale"

    run_app(app, steps)


def test_a_step_logged_from_insights_itself_shows_in_its_figures_at_once(demo_path):
    """A tester pressed Enter on a learning-plan gap: "Logged learning", the badge moved, and the figures still
    said 0 of 5 days this week, even after scrolling: Insights' own writes drew only its lists again."""
    from tui.domain.insights import build_insights, insight_sections
    from tui.store.repository import Journal

    def fresh() -> list[str]:
        journal = Journal.open(demo_path, create=False)
        try:
            insights = build_insights(journal.applications.every(), journal.steps.step_counts(), journal.settings().weekly_target, TODAY)
        finally:
            journal.close()
        return [line for section in insight_sections(insights) for line in (section.title, *section.lines)]

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("5")
        await pilot.pause()
        before = [line for line in shown_text(pilot.app.screen).splitlines() if line]
        pilot.app.screen.query_one("#gaps").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown = [line for line in shown_text(pilot.app.screen).splitlines() if line]
        expected = fresh()
        assert shown[-len(expected):] == expected
        assert shown != before  # the step counts: this week's days, the day's steps

    run_app(app, steps)
