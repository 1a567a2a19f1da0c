"""The bottom line of keys: `?` and `q` at any width, the screen's keys whole and in order, clickable."""

import pytest
from textual.geometry import Region

from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.screens.help import HelpScreen
from tui.widgets.keybar import KeyBar

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def line(screen) -> str:
    """The key line as drawn (Textual's cached lines: what the terminal shows until the bar refreshes)."""
    bar = screen.query_one(KeyBar)
    return bar.render_lines(Region(0, 0, bar.size.width, 1))[0].text


@pytest.mark.parametrize("width", [60, 80, 120])
def test_help_and_quit_show_on_every_screen_at_any_width(demo_path, width):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        for key in "1234":
            await pilot.press(key)
            await pilot.pause()
            shown = line(pilot.app.screen)
            assert len(shown) == width
            assert " ? Help " in shown and " q Quit " in shown, (key, shown)
            screen_keys, _ = pilot.app.screen.query_one(KeyBar).keys()
            # The screen's own keys that fit come whole and in their order (none cut at the edge).
            pieces = [f" {k.display} {k.description} " for k in screen_keys]
            drawn = [piece for piece in pieces if piece in shown]
            assert drawn == pieces[: len(drawn)] and drawn, (key, shown)
            assert shown.startswith("".join(drawn))

    run_app(app, steps, size=(width, 24))


def test_a_wide_screen_shows_every_key(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        bar = pilot.app.screen.query_one(KeyBar)
        screen_keys, always = bar.keys()
        shown = line(pilot.app.screen)
        for key in [*screen_keys, *always]:
            assert f" {key.display} {key.description} " in shown

    run_app(app, steps, size=(200, 24))


def test_clicking_a_key_presses_it(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        shown = line(pilot.app.screen)
        await pilot.click(KeyBar, offset=(shown.index("? Help") + 1, 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)

    run_app(app, steps, size=(80, 24))


def test_the_keys_follow_the_focus(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        assert "n New" in line(pilot.app.screen)
        await pilot.press("slash")
        await pilot.pause()
        # Typing in the filter: the Inbox's letter keys type letters, so they are not offered.
        assert "n New" not in line(pilot.app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert "n New" in line(pilot.app.screen)

    run_app(app, steps, size=(100, 24))


def test_help_writes_every_key_as_the_key_bar_does(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        for area in "12345":
            await pilot.press(area)
            await pilot.pause()
            screen_keys, always = pilot.app.screen.query_one(KeyBar).keys()
            await pilot.press("question_mark")
            await pilot.pause()
            help_screen = pilot.app.screen
            assert isinstance(help_screen, HelpScreen)
            written = {
                part for row in help_screen.query(".help--key") for part in str(row.render()).split(", ")
            }
            for key in [*screen_keys, *always]:
                assert key.display in written, (area, key.display, sorted(written))
            assert "ctrl+p" not in written and "^p" in written
            assert "^p finds any command" in str(help_screen.query_one(".dialog--hint").render())
            await pilot.press("escape")
            await pilot.pause()

    run_app(app, steps, size=(200, 40))


def test_in_a_text_field_the_bar_shows_the_help_and_quit_keys_that_work_there(demo_path):
    """A tester saw `? Help  q Quit` go from the reflection editor's key bar in a text field: the field takes
    ? and q as letters. There the bar shows F1 and Ctrl+Q, which work, and README's promise holds."""
    from textual.widgets import Input, TextArea

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2", "n")
        await pilot.pause()
        editor = pilot.app.screen
        field = next(w for w in editor.query("Input, TextArea") if w.display and w.focusable)
        field.focus()
        await pilot.pause()
        assert isinstance(pilot.app.focused, (Input, TextArea))
        shown = line(editor)
        assert " F1 Help " in shown and " ^q Quit " in shown and " ^p Commands " in shown, shown
        assert " ? Help " not in shown and " q Quit " not in shown
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        written = {part for row in pilot.app.screen.query(".help--key") for part in str(row.render()).split(", ")}
        assert {"F1", "^q"} <= written  # help names them too
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is editor and pilot.app.focused is field
        await pilot.press("ctrl+q")
        await pilot.pause()

    run_app(app, steps, size=(80, 24))
    assert app.return_code == 0
