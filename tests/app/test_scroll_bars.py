"""Scroll bars kept by their look (tui/widgets/scroll_bars.py) draw exactly what Textual's own bar draws, at every
position, size and colour: keeping them changes nothing seen."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widgets import Static

from tests.conftest import run_app
from tui.widgets.scroll_bars import KeptScrollBar, keep_scroll_bars


class Tall(App):
    CSS = "VerticalScroll { height: 1fr; } #wide { width: 300; }"

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("\n".join(f"line {n}" for n in range(self.lines)), id="wide")


def _bars(app: App, renderer: type[ScrollBarRender]) -> list[list[tuple]]:
    """Each scroll bar's lines as (text, style) segments, drawn by `renderer`."""
    ScrollBar.renderer = renderer
    scroller = app.query_one(VerticalScroll)
    drawn = []
    for bar in (scroller.vertical_scrollbar, scroller.horizontal_scrollbar):
        bar.refresh()
        drawn.append([[(s.text, s.style) for s in strip] for strip in bar.render_lines(Region(0, 0, *bar.size))])
    return drawn


@pytest.mark.parametrize("lines", [30, 500, 3_000])
def test_a_kept_bar_draws_what_textuals_own_bar_draws_at_every_position(lines):
    app = Tall(lines)

    async def steps(pilot):
        scroller = app.query_one(VerticalScroll)
        for where in (0.0, 0.37, 1.0):
            scroller.scroll_to(x=where * scroller.max_scroll_x, y=where * scroller.max_scroll_y, animate=False)
            await pilot.pause()
            theirs = _bars(app, ScrollBarRender)
            ours = _bars(app, KeptScrollBar)
            assert ours == theirs
            assert _bars(app, KeptScrollBar) == theirs  # and again, from what was kept
        # Kept bars are told apart by where the thumb is: the top and the end read otherwise.
        scroller.scroll_home(animate=False)
        await pilot.pause()
        top = _bars(app, KeptScrollBar)
        scroller.scroll_end(animate=False)
        await pilot.pause()
        assert _bars(app, KeptScrollBar) != top

    try:
        run_app(app, steps, size=(60, 20))
    finally:
        ScrollBar.renderer = ScrollBarRender


def test_the_app_keeps_its_scroll_bars(journal_path):
    from tui.app import OnwardApp

    try:
        ScrollBar.renderer = ScrollBarRender
        OnwardApp(journal_path)
        assert ScrollBar.renderer is KeptScrollBar
    finally:
        ScrollBar.renderer = ScrollBarRender
    keep_scroll_bars()
    assert ScrollBar.renderer is KeptScrollBar
    ScrollBar.renderer = ScrollBarRender


def test_a_kept_bar_still_scrolls_when_clicked_below_its_thumb_and_dragged():
    app = Tall(500)
    keep_scroll_bars()

    async def steps(pilot):
        scroller = app.query_one(VerticalScroll)
        bar = scroller.vertical_scrollbar
        assert scroller.scroll_y == 0
        await pilot.click(bar, offset=(0, bar.size.height - 2))  # below the thumb: a page down
        await pilot.pause()
        assert scroller.scroll_y > 0
        paged = scroller.scroll_y
        await pilot.mouse_down(bar, offset=(0, 0))  # onto the thumb (it is at the top) and down
        await pilot.hover(bar, offset=(0, bar.size.height - 1))
        await pilot.mouse_up(bar, offset=(0, bar.size.height - 1))
        await pilot.pause()
        assert scroller.scroll_y != paged

    try:
        run_app(app, steps, size=(60, 20))
    finally:
        ScrollBar.renderer = ScrollBarRender
