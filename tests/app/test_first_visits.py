"""A first visit of an area or a dialog pays only for itself: no CSS parsed twice, no re-styling of every
screen, and the whole-history reads done while the app was idle. And what that saves changes nothing seen:
a theme changed meanwhile still restyles an area shown again."""

from __future__ import annotations

import textual.css.stylesheet as textual_stylesheet
import pytest
from textual.app import App

from tests.conftest import TODAY, parse_css_per_app, run_app
from tests.journal_steps import add_app
import tui.app
from tui import textual_compat
from tui.domain.entries import check_application
from tui.app import OnwardApp
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def _count_parses(monkeypatch) -> list:
    """Every CSS source Textual parses from now on, by where it came from."""
    parse_css_per_app(monkeypatch)
    parsed: list = []
    original = textual_stylesheet.parse

    def counting(scope, css, read_from, **kwargs):
        # A widget's inherited CSS is parsed once per depth it is inherited at (Textual's tie breaker).
        parsed.append((read_from, scope, kwargs.get("tie_breaker"), kwargs.get("is_default_rules")))
        return original(scope, css, read_from, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    return parsed


def test_no_css_is_parsed_twice_however_many_areas_and_dialogs_are_opened(demo_path, monkeypatch):
    parsed = _count_parses(monkeypatch)
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        for key in ("2", "3", "4", "5", "1", "a", "escape", "question_mark", "escape", "2", "1"):
            await pilot.press(key)
            await pilot.pause()
        assert parsed, "nothing parsed: the counter is not in Textual's path"
        assert len(parsed) == len(set(parsed)), [p for p in set(parsed) if parsed.count(p) > 1]

    run_app(app, steps)


def test_a_first_visit_does_not_restyle_every_screen(demo_path):
    app = OnwardApp(demo_path, today=TODAY)
    restyled: list = []

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        original = pilot.app.stylesheet.update

        def update(root, animate=False):
            restyled.append(root)
            return original(root, animate=animate)

        pilot.app.stylesheet.update = update
        for key in ("2", "3", "4", "5", "1", "a", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert [root for root in restyled if isinstance(root, App)] == []
        pilot.app.theme = "textual-light"  # this one does restyle everything: the spy sees it
        await pilot.pause()
        assert [root for root in restyled if isinstance(root, App)] != []

    run_app(app, steps)


def test_a_theme_change_still_reaches_an_area_opened_before_it(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        dark = pilot.app.screen.background_colors[1]
        await pilot.press("1")
        await pilot.pause()
        pilot.app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        light = pilot.app.screen.background_colors[1]
        assert light != dark
        assert light.brightness > 0.5 > dark.brightness
        # And an area first opened after the change is light from the start.
        await pilot.press("4")
        await pilot.pause()
        assert pilot.app.screen.background_colors[1].brightness > 0.5

    run_app(app, steps)


def test_a_first_visit_finds_the_whole_history_reads_done(demo_path):
    app = OnwardApp(demo_path, today=TODAY)
    statements: list[str] = []

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        pilot.app.journal.db.conn.set_trace_callback(statements.append)
        for key in ("2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
        pilot.app.journal.db.conn.set_trace_callback(None)

    run_app(app, steps)
    assert statements, "no statement traced: the visits read nothing at all?"
    whole = [s for s in statements if "FROM reflections ORDER BY" in s or 'FROM wins ORDER BY "on" DESC' in s]
    assert whole == []
    assert not any("kind = " in s and "FROM events" in s for s in statements)  # the meter's rejections


def test_the_areas_are_built_while_idle_and_a_first_visit_reuses_them(demo_path, monkeypatch):
    from tui.screens.reflections import ReflectionsScreen
    from tui.screens.streak import StreakScreen
    from tui.screens.wins import WinsScreen

    composed: list[str] = []
    for area in (ReflectionsScreen, WinsScreen, StreakScreen):
        real = area.compose
        monkeypatch.setattr(area, "compose", lambda self, _real=real: composed.append(type(self).__name__) or _real(self))
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        assert sorted(composed) == ["ReflectionsScreen", "StreakScreen", "WinsScreen"]
        assert pilot.app.current_mode == "inbox"
        # Built, not shown: the wall has not marked its new wins as seen, the focus stayed in the Inbox.
        assert pilot.app.journal.wins.unseen_ids()
        assert pilot.app.focused is not None and pilot.app.focused.screen is pilot.app.screen
        composed.clear()
        for key, area in (("2", ReflectionsScreen), ("3", WinsScreen), ("4", StreakScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, area)
        assert composed == []
        assert not pilot.app.journal.wins.unseen_ids()  # the wall, once shown, marked them seen

    run_app(app, steps)


def test_an_area_built_ahead_still_shows_what_changed_before_its_first_visit(demo_path):
    from tests.journal_steps import reflect
    from tui.domain.reflections import ReflectionEntry
    from tui.store.repository import Journal

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        other = Journal.open(demo_path)  # the command line, while the app is open
        try:
            reflect(other, ReflectionEntry(mood=4, body="Built ahead, written after"), TODAY)
        finally:
            other.close()
        await pilot.press("2")
        await pilot.pause()
        listing = pilot.app.screen.query_one("#reflection-list")
        lines = "\n".join(strip.text for strip in listing.render_lines(listing.region.reset_offset))
        assert "Built ahead, written after" in lines

    run_app(app, steps)


def test_work_done_ahead_waits_while_keys_come_except_the_day_question(demo_path, monkeypatch):
    """Issue 26: a key typed in the first second never runs into start-up's work done ahead. Here the app is
    never idle long enough: the day question (the first s finds it built) is all that is done ahead; no area
    is built, no whole-history read made, no backup written while keys come."""
    import tui.app
    from tui.screens.area import AreaScreen
    from tui.store import backups

    monkeypatch.setattr(tui.app, "DAY_QUESTION_AFTER_SECONDS", 0)
    monkeypatch.setattr(tui.app, "IDLE_SECONDS", 3600)  # "idle" never comes within the test
    read: list[str] = []
    for area in AreaScreen.__subclasses__():
        monkeypatch.setattr(area, "read_ahead", lambda journal, today, _name=area.__name__: read.append(_name))
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        for key in ("down", "up", "down"):
            await pilot.press(key)
            await pilot.pause()
        assert pilot.app.is_screen_installed(tui.app.DAY_QUESTION)
        assert not any(textual_compat.has_mode_screen(pilot.app, mode) for mode in tui.app.AREAS_AHEAD)
        assert read == []
        assert backups.automatic_backups(demo_path) == []

    run_app(app, steps)


def test_once_idle_the_work_done_ahead_is_all_done(demo_path):
    """And once the app has been idle: the backup written, the areas built (their reads done, see above)."""
    from tui.store import backups

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        assert all(textual_compat.has_mode_screen(pilot.app, mode) for mode in tui.app.AREAS_AHEAD)
        assert [b.day for b in backups.automatic_backups(demo_path)] == [TODAY]

    run_app(app, steps)


def test_the_first_s_restyles_no_more_of_the_day_question_than_a_later_one(journal_path, monkeypatch):
    """Issue 26's early keys: the day question built ahead is styled as its opening leaves it (the class that
    holds back earlier toasts given then restyled each of its widgets in the first s of the session only)."""
    monkeypatch.setattr(tui.app, "DAY_QUESTION_AFTER_SECONDS", 0)
    monkeypatch.setattr(tui.app, "IDLE_SECONDS", 3600)  # nothing else done ahead meanwhile
    journal = Journal.open(journal_path)
    add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY, applied="10 days ago"))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)
    restyled: list[int] = []

    async def steps(pilot):
        while not pilot.app.is_screen_installed(tui.app.DAY_QUESTION) or not pilot.app.get_screen(tui.app.DAY_QUESTION).is_mounted:
            await pilot.pause()
        original = pilot.app.stylesheet.update_nodes

        def update_nodes(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(id(node) for node in nodes)
            return original(nodes, animate=animate)

        pilot.app.stylesheet.update_nodes = update_nodes
        counts = []
        await pilot.press("down")  # Acme, a follow-up due
        for _ in range(2):
            restyled.clear()
            await pilot.press("s")
            await pilot.pause()
            assert pilot.app.screen is pilot.app.get_screen(tui.app.DAY_QUESTION)
            counts.append(len(restyled))
            await pilot.press("escape")
            await pilot.pause()
        assert counts[0] == counts[1], counts

    run_app(app, steps)
