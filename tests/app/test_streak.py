"""Pilot tests: the streak meter's keys, the badge, and agreement between meter, CLI and Inbox."""

import json
from datetime import date, timedelta

import pytest
from textual.widgets import Input, SelectionList

from tests.app.test_inbox import notifications
from tests.conftest import TODAY, make_demo_journal, run_app
from tui.app import OnwardApp
from tui.cli import main
from tui.domain.entries import check_action
from tui.screens.rhythm import RhythmDialog
from tui.screens.streak import StreakScreen
from tui.store.repository import Journal
from tui.widgets.heatmap import Heatmap
from tui.widgets.streak_badge import StreakBadge
from tests.journal_steps import act, change_settings

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def steps(path, *days):
    journal = Journal.open(path)
    for day in days:
        act(journal, check_action(kind="learning", today=TODAY, on=day.isoformat()))
    journal.close()


def test_done_when_meter_cli_and_greeting_agree_on_the_demo(tmp_path, monkeypatch, capsys):
    path = make_demo_journal(tmp_path / "demo.db")
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    assert main(["--db", str(path), "streak", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    app = OnwardApp(path, today=TODAY)

    async def check(pilot):
        greeting = pilot.app.screen.inbox.greeting
        assert greeting.startswith(f"🔥 {figures['current']}-day streak")
        await pilot.press("4")
        await pilot.pause()
        meter = pilot.app.screen.meter
        assert isinstance(pilot.app.screen, StreakScreen)
        assert (meter.summary.current, meter.summary.longest, meter.summary.freezes) == (
            figures["current"], figures["longest"], figures["freezes"]
        )
        assert meter.score == figures["score"]
        assert (meter.bounce.latest, meter.bounce.median) == (figures["bounce_back_latest"], figures["bounce_back_median"])
        badge = str(pilot.app.screen.query_one(StreakBadge).render())
        assert f"🔥 {figures['current']}" in badge

    run_app(app, check)


def test_r_marks_yesterday_as_rest_and_mends_the_run(journal_path):
    steps(journal_path, date(2026, 11, 24), date(2026, 11, 25))  # Tue, Wed; Thursday missed
    journal = Journal.open(journal_path)
    change_settings(journal, rest_weekdays=frozenset())
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        await pilot.press("4")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.meter.summary.current == 0
        heatmap = screen.query_one(Heatmap)
        assert heatmap.cursor == TODAY and pilot.app.focused is heatmap
        await pilot.press("up")  # Thursday
        assert heatmap.cursor == TODAY - timedelta(days=1)
        await pilot.press("r")
        await pilot.pause()
        assert screen.meter.summary.current == 2
        assert "rest day" in str(screen.query_one("#day").render())
        await pilot.press("z")
        await pilot.pause()
        assert screen.meter.summary.current == 0
        await pilot.press("left", "left")
        assert heatmap.cursor == TODAY - timedelta(days=15)

    run_app(app, walk)


def test_planned_rest_up_to_two_weeks_ahead(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        await pilot.press("4")
        await pilot.pause()
        heatmap = pilot.app.screen.query_one(Heatmap)
        await pilot.press("right", "right")
        assert heatmap.cursor == TODAY + timedelta(days=14)
        await pilot.press("right")  # no further than 14 days ahead
        assert heatmap.cursor == TODAY + timedelta(days=14)
        await pilot.press("r")
        await pilot.pause()
        assert TODAY + timedelta(days=14) in pilot.app.journal.rest_days()

    run_app(app, walk)


def test_t_and_w_change_the_rhythm(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        await pilot.press("4", "t")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, RhythmDialog)
        target = dialog.query_one("#target", Input)
        assert pilot.app.focused is target
        target.value = ""
        await pilot.press("9")  # only 1–7 can be typed
        assert target.value == ""
        await pilot.press("7", "enter")
        await pilot.pause()
        assert pilot.app.journal.settings().weekly_target == 7
        await pilot.press("w")
        await pilot.pause()
        days = pilot.app.screen.query_one("#weekdays", SelectionList)
        assert pilot.app.focused is days and set(days.selected) == {5, 6}
        days.deselect(6)
        days.select(2)
        await pilot.app.screen.action_save()
        await pilot.pause()
        assert pilot.app.journal.settings().rest_weekdays == frozenset({2, 5})
        await pilot.press("z")
        await pilot.pause()
        assert pilot.app.journal.settings().rest_weekdays == frozenset({5, 6})
        assert any("Undone" in n for n in notifications(pilot.app))

    run_app(app, walk)


def test_badge_is_on_every_screen_and_follows_a_new_step(journal_path):
    steps(journal_path, TODAY - timedelta(days=1))
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
            assert "🔥 1" in str(pilot.app.screen.query_one(StreakBadge).render()), key
        await pilot.press("1", "a")
        await pilot.pause()
        await pilot.press("enter", "enter")  # the first kind, no note
        await pilot.pause()
        assert "🔥 2 ✓" in str(pilot.app.screen.query_one(StreakBadge).render())

    run_app(app, walk)


def test_every_drawn_month_is_labelled_above_its_first_monday_whatever_today():
    from tui.domain.streak import Rhythm, heatmap_days
    from tui.widgets.heatmap import month_labels

    for offset in range(0, 371, 3):
        today = TODAY + timedelta(days=offset)
        days = heatmap_days({}, Rhythm(), today)
        row = month_labels(days)
        firsts = [(week, days[week * 7].day) for week in range(len(days) // 7) if days[week * 7].day.day <= 7]
        for week, monday in firsts:
            assert row[week:week + 3] == monday.strftime("%b"), (today, monday, row)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_current_month_is_labelled_on_the_screen(journal_path, size):
    app = OnwardApp(journal_path, today=date(2026, 12, 7))  # a Monday: December's first week is the last one drawn

    async def look(pilot):
        await pilot.press("4")
        await pilot.pause()
        heatmap = pilot.app.screen.query_one(Heatmap)
        labels = heatmap.render_line(0).text
        monday_row = heatmap.render_line(1).text
        last_week = len(monday_row.rstrip()) - 1
        assert labels[last_week:last_week + 3] == "Dec"
        assert labels.split() == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    run_app(app, look, size=size)


def test_the_day_says_which_was_attended_a_screening_or_a_final_round(journal_path):
    """A held screening's step reads "screening attended", not "interview attended" (its stored kind)."""
    from tests.app.test_inbox import seed
    from tests.journal_steps import log
    from tui.domain.models import OutcomeKind

    seed(journal_path, "Acme", "Birch")
    journal = Journal.open(journal_path)
    log(journal, 1, OutcomeKind.SCREENING, TODAY - timedelta(days=1))
    log(journal, 2, OutcomeKind.FINAL_ROUND, TODAY - timedelta(days=1))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("up")  # yesterday
        await pilot.pause()
        day = str(pilot.app.screen.query_one("#day").render())
        assert "screening attended (Acme)" in day
        assert "final round attended (Birch)" in day
        assert "interview attended" not in day

    run_app(app, walk)
