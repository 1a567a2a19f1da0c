"""Finding one's way: every area names all of them with their keys (current one marked, clickable), the
palette goes everywhere, and the theme chosen is there again at the next start."""

import json
import sqlite3

import pytest
from textual.geometry import Region

from tests.conftest import TODAY, run_app
from tests.signals import workers_done
from tui.app import OnwardApp
from tui.store.repository import Journal
from tui.widgets.screen_tabs import AREAS, TabLine

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")


def tab_line(screen) -> str:
    tabs = screen.query_one(TabLine)
    return tabs.render_lines(Region(0, 0, tabs.size.width, 1))[0].text


def test_every_area_names_all_of_them_with_their_keys_and_marks_where_you_are(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        for area in AREAS:
            await pilot.press(area.key)
            await pilot.pause()
            line = tab_line(pilot.app.screen)
            for other in AREAS:
                assert f"{other.key} {other.label}" in line
            assert f"▸{area.key} {area.label}" in line  # marked without colour too
            assert line.count("▸") == 1

    run_app(app, steps, size=(80, 24))


def test_the_tabs_keys_are_the_app_s_keys():
    bound = {b.key: b.action for b in OnwardApp.BINDINGS}
    for area in AREAS:
        assert bound[area.key] == f"switch_mode('{area.mode}')"
        assert area.mode in OnwardApp.MODES


def test_clicking_a_tab_goes_there(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        line = tab_line(pilot.app.screen)
        await pilot.click(TabLine, offset=(line.index("3 Wins") + 2, 0))
        await pilot.pause()
        assert pilot.app.current_mode == "wins"
        line = tab_line(pilot.app.screen)
        await pilot.click(TabLine, offset=(line.index("4 Streak") + 1, 0))
        await pilot.pause()
        assert pilot.app.current_mode == "streak"

    run_app(app, steps, size=(80, 24))


@pytest.mark.parametrize("query, mode", [("go: wins wall", "wins"), ("go: streak meter", "streak"), ("go: reflections", "reflections")])
def test_the_palette_goes_to_every_area(demo_path, query, mode):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert query in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*[c if c != " " else "space" for c in query])
        await workers_done(pilot, pilot.app.screen)  # the palette's search is a worker
        await pilot.press("enter")
        assert pilot.app.current_mode == mode
        assert "go: inbox" in [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]

    run_app(app, steps, size=(80, 24))


def test_the_theme_chosen_is_there_at_the_next_start(journal_path):
    first = OnwardApp(journal_path, today=TODAY)

    async def choose(pilot):
        assert pilot.app.theme != "textual-light"
        pilot.app.theme = "textual-light"
        await pilot.pause()

    run_app(first, choose)
    journal = Journal.open(journal_path)
    assert journal.settings().theme == "textual-light"
    journal.close()
    second = OnwardApp(journal_path, today=TODAY)

    async def check(pilot):
        assert pilot.app.theme == "textual-light"

    run_app(second, check)


def test_a_theme_this_onward_does_not_know_is_ignored(journal_path):
    Journal.open(journal_path).close()
    raw = sqlite3.connect(journal_path)
    raw.execute("INSERT INTO settings (key, value) VALUES ('theme', ?)", [json.dumps("no-such-theme")])
    raw.commit()
    raw.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def check(pilot):
        assert pilot.app.theme == "textual-dark"

    run_app(app, check)


def test_keys_typed_in_one_burst_each_reach_their_area(demo_path):
    """A fast typist's 2 3 4 5 1: each area comes to the front focused on its list, never on a hidden search
    field that swallowed the keys typed after it (Reflections kept the rest of the burst)."""
    from textual import events

    from tests.app.test_typed_ahead import typed

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        for burst, ends_on in (("23", "wins"), ("2345", "insights"), ("23451", "inbox"), ("24", "streak")):
            for key in burst:
                pilot.app.post_message(events.Key(key, key))
            await typed(pilot)  # each key waits for the one before it to settle (tui/typed_ahead.py)
            assert pilot.app.current_mode == ends_on, burst
            assert pilot.app.screen.query_one(pilot.app.screen.AUTO_FOCUS) is pilot.app.focused, burst

    run_app(app, steps, size=(80, 24))


def test_every_area_s_help_names_each_key_on_one_line_beside_what_it_does(demo_path):
    from tui.screens.help import HelpScreen

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        for area in AREAS:
            await pilot.press(area.key)
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            names = [row.query_one(".help--key") for row in pilot.app.screen.query(".help--keys")]
            assert names, area.label
            for name in names:
                assert name.size.height == 1, f"{name.render()} wraps on the {area.label} help"
            await pilot.press("escape")
            await pilot.pause()

    run_app(app, steps, size=(80, 24))


async def palette(pilot, query):
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*[c if c != " " else "space" for c in query])
    await workers_done(pilot, pilot.app.screen)  # the palette's search is a worker
    await pilot.press("enter")


def test_go_from_a_form_with_typed_text_asks_first_and_never_leaves_the_form_behind(journal_path):
    """Issue 23: with the new-application form open and text typed, Ctrl+P → "go: wins wall" left the form on the
    Inbox's stack, and q then quit at once, the typed text lost."""
    from tui.screens.application_form import ApplicationForm
    from tui.screens.confirm import ConfirmDialog

    Journal.open(journal_path).close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Acme")
        await pilot.pause()
        await palette(pilot, "go: wins wall")
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog) and question.question == "Discard what you typed and go to the wins wall?"
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.current_mode == "inbox" and isinstance(pilot.app.screen, ApplicationForm), "no: back to the form"
        await palette(pilot, "go: wins wall")
        await pilot.press("y")
        assert pilot.app.current_mode == "wins"
        assert len(pilot.app.get_screen_stack("inbox")) == 1, "the form is not left behind on the Inbox"

    run_app(app, steps)


def test_go_from_an_empty_form_closes_it_and_goes(journal_path):
    Journal.open(journal_path).close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await palette(pilot, "go: streak meter")
        assert pilot.app.current_mode == "streak"
        assert len(pilot.app.get_screen_stack("inbox")) == 1

    run_app(app, steps)


def test_quitting_asks_about_a_typed_form_on_any_areas_stack(journal_path):
    """However a form came to sit on another area's stack, q asks before its text is lost."""
    from tui.screens.application_form import ApplicationForm
    from tui.screens.confirm import ConfirmDialog

    Journal.open(journal_path).close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Acme")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        pilot.app.switch_mode("wins")  # straight past go_to, as nothing in Onward does any more
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        question = pilot.app.screen
        assert pilot.app.is_running
        assert isinstance(question, ConfirmDialog) and question.question == "Quit and discard what you typed in a form on the Inbox?"
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.is_running

    run_app(app, steps)


def test_go_over_the_timeline_closes_it_on_the_way(journal_path):
    from tests.app.test_inbox import seed
    from tui.screens.timeline import TimelineScreen

    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TimelineScreen)
        await palette(pilot, "go: wins wall")
        assert pilot.app.current_mode == "wins"
        assert len(pilot.app.get_screen_stack("inbox")) == 1
        await pilot.press("1")
        await pilot.pause()
        assert pilot.app.current_mode == "inbox" and not isinstance(pilot.app.screen, TimelineScreen)

    run_app(app, steps)
