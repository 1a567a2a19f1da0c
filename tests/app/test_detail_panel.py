"""The Inbox's detail panel draws only the lines in view: a cursor move onto an application with long notes (a
pasted job description) costs what one with no notes costs; every line can still be scrolled to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.content import Content
from textual.geometry import Offset
from textual.selection import Selection
from textual.visual import Visual

from tests.benchmarks.bench_panel import HOSTILE, prose
from tests.conftest import SIZE, TODAY, run_app
from tui.actions import applications
from tui.app import OnwardApp
from tui.domain.entries import ApplicationEntry
from tui.store.repository import Journal
from tui.widgets.detail_panel import DetailPanel, Wrapped


def seed_long_notes(path, count: int = 3, length: int = 10_000) -> None:
    journal = Journal.open(path)
    for n in range(count):
        notes = f"Start of posting {n}. " + prose(length, n) + f" End of posting {n}."
        applications.add_application(journal, ApplicationEntry(f"Company {n}", "Analyst", TODAY - timedelta(days=n + 1), notes=notes))
    journal.close()


def rendered(app, widget) -> str:
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips[region.y:region.bottom])


def test_a_cursor_move_onto_long_notes_draws_no_more_lines_than_the_screen_holds(journal_path, monkeypatch):
    seed_long_notes(journal_path)
    drawn: list[int] = []
    to_strips = Visual.to_strips.__func__  # type: ignore[attr-defined]

    def counting(cls, widget, visual, width, height, style, **options):
        strips = to_strips(cls, widget, visual, width, height, style, **options)
        drawn.append(len(strips))
        return strips

    async def steps(pilot):
        panel = pilot.app.screen.query_one(DetailPanel)
        for _ in range(2):  # onto each application with notes not shown before
            await pilot.pause()
            drawn.clear()
            monkeypatch.setattr(Visual, "to_strips", classmethod(counting))
            await pilot.press("down")
            await pilot.pause()
            monkeypatch.undo()
            # The whole screen (list, panel, key bar) is 32 lines; the notes alone wrap to ~300.
            assert sum(drawn) <= 2 * SIZE[1], f"a cursor move drew {sum(drawn)} lines"
            app = pilot.app.screen.selected_application
            assert f"Start of posting {app.company[-1]}" in rendered(pilot.app, panel)
            assert len(panel.lines) > 200  # and all of it is there to scroll to

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_panel_scrolls_to_the_end_of_long_notes_with_the_keys_and_back_to_the_top_on_another_application(journal_path):
    seed_long_notes(journal_path)

    async def steps(pilot):
        screen = pilot.app.screen
        panel = screen.query_one(DetailPanel)
        await pilot.press("down")
        await pilot.pause()
        company = screen.selected_application.company
        panel.focus()
        await pilot.pause()
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()  # End scrolls smoothly: the test looks once it has arrived
        shown = rendered(pilot.app, panel)
        assert f"End of posting {company[-1]}." in shown and company not in shown
        await pilot.press("home")
        await pilot.wait_for_scheduled_animations()
        assert company in rendered(pilot.app, panel)
        await pilot.press("end")
        screen.query_one("#inbox-list").focus()
        await pilot.press("down")
        await pilot.pause()
        other = screen.selected_application.company
        assert other != company and other in rendered(pilot.app, panel), "another application is shown from its top"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_each_character_drawn_carries_its_place_in_the_notes_so_a_mouse_selection_copies_the_notes_text(journal_path):
    seed_long_notes(journal_path)

    async def steps(pilot):
        screen = pilot.app.screen
        panel = screen.query_one(DetailPanel)
        await pilot.press("down")
        await pilot.pause()
        notes = screen.selected_application.notes
        first = next(i for i in range(len(panel.lines)) if panel.lines[i].content.plain.startswith("Start of posting"))
        third = panel.lines[first + 2]
        # Where a mouse selection starts and ends: the 2nd character of the notes' first line and the 9th of their
        # third (the panel has a border and a space on its left), as places in the text.
        x, y = panel.region.x + 2, panel.region.y
        start = screen.get_widget_and_offset_at(x + 1, y + first)
        end = screen.get_widget_and_offset_at(x + 8, y + first + 2)
        at = notes.index(third.content.plain)  # where the third line starts in the notes (well before they repeat)
        assert start == (panel, Offset(1, third.y)) and end == (panel, Offset(at + 8, third.y))
        assert panel.get_selection(Selection(start[1], end[1])) == (notes[1:at + 8], "\n")

    run_app(OnwardApp(journal_path, today=TODAY), steps)


@pytest.mark.parametrize("width", [1, 2, 3, 10, 37, 38, 61])
def test_the_panel_breaks_lines_where_content_wrap_does(width):
    """The panel works out where lines break without building them: it must break where a Static would."""
    texts = [
        Content(prose(3000, 1)),
        Content("a  b   c " * 50 + "\n\n" + "x" * 95 + "\n" + "日本語のテキスト" * 20 + "\n  leading spaces and trailing   "),
        Content.assemble(("Bold ", "bold"), ("italic text that wraps around " * 5, "italic"), "\n", HOSTILE[:500], ("\ttab", "dim")),
    ]
    for content in texts:
        expected, got = content.wrap(width), Wrapped(content, width)
        assert len(got) == len(expected)
        for index, line in enumerate(expected):
            assert (got[index].content.plain, list(got[index].content.spans)) == (line.plain, list(line.spans)), index
