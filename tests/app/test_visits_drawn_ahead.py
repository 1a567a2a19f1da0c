"""Issue 26: the reflections and the wins wall are drawn while the app is idle, so a first visit costs what its
screen shows. What that saves changes nothing seen: a visit after a change made elsewhere shows the change, a
ten-thousand-win wall still starts at the newest win and reaches the oldest, and a list's lines kept by what
they show are never shown for other entries."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from textual.app import App
from textual.content import Content

from tests.conftest import TODAY, run_app
from tests.journal_steps import add_win, reflect
from tui.app import OnwardApp
from tui.domain.entries import check_win
from tui.domain.reflections import ReflectionEntry
from tui.screens.reflections import ReflectionsScreen
from tui.screens.wins import WinsScreen
from tui.store.repository import Journal
from tui.widgets.lazy_list import LazyList
from tui.widgets.scroll_bars import KeptScrollBar

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def _drawn(screen, list_id: str) -> str:
    listing = screen.query_one(list_id, LazyList)
    return "\n".join(strip.text for strip in listing.render_lines(listing.region.reset_offset))


def test_the_areas_are_drawn_while_idle_and_a_visit_after_a_change_elsewhere_shows_it(demo_path, monkeypatch):
    drawn: list[str] = []
    for area in (ReflectionsScreen, WinsScreen):
        real = area.refresh_view
        monkeypatch.setattr(area, "refresh_view", lambda self, _real=real: drawn.append(type(self).__name__) or _real(self))
    # The journal watch redraws the area in front once a second: left out, only a visit's own check shows it.
    monkeypatch.setattr(OnwardApp, "watch_journal", lambda self: None)
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        assert sorted(drawn) == ["ReflectionsScreen", "WinsScreen"]  # drawn ahead, while idle
        assert pilot.app.current_mode == "inbox"
        drawn.clear()
        await pilot.press("2")
        await pilot.pause()
        assert drawn == []  # nothing changed since: the first visit draws nothing again
        assert "mood" in _drawn(pilot.app.screen, "#reflection-list")
        await pilot.press("1")
        await pilot.pause()
        # Another window adds a reflection and a win after both areas were drawn ahead.
        other = Journal.open(demo_path)
        reflect(other, ReflectionEntry(mood=4, body="Written in another window"), TODAY)
        add_win(other, check_win(title="Won in another window", kind="skill_learned", today=TODAY, on=TODAY.isoformat()))
        other.close()
        await pilot.press("2")
        await pilot.pause()
        assert "Written in another window" in _drawn(pilot.app.screen, "#reflection-list")
        await pilot.press("3")
        await pilot.pause()
        assert pilot.app.screen.shown_wins()[0].title == "Won in another window"
        assert "Won in another window" in _drawn(pilot.app.screen, "#wall")

    run_app(app, steps)


def test_a_ten_thousand_win_wall_starts_at_the_newest_and_reaches_the_oldest(journal_path):
    Journal.open(journal_path).close()
    count = 10_000
    with sqlite3.connect(journal_path) as db:  # made at once: the wall's layout is what is tested
        db.executemany(
            'INSERT INTO wins ("on", title, kind, seen) VALUES (?, ?, ?, 1)',
            [((TODAY - timedelta(days=n // 3)).isoformat(), f"Win number {n}", "skill_learned") for n in range(count)],
        )
    db.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        # The wall's order: the newest day first, and on one day the win added last.
        placed = [(TODAY - timedelta(days=n // 3), n) for n in range(count)]
        newest, oldest = (f"Win number {max(placed)[1]}", f"Win number {min(placed)[1]}")
        assert wall.selected_win.title == newest
        assert TODAY.strftime("%B %Y") in _drawn(wall, "#wall").splitlines()[0]
        await pilot.press("end")
        await pilot.pause()
        assert wall.selected_win.title == oldest
        assert oldest in _drawn(wall, "#wall")
        await pilot.press("home")
        await pilot.pause()
        assert wall.selected_win.title == newest
        assert newest in _drawn(wall, "#wall")
        assert len([w for w in wall.shown_wins()[:30] if w is not None]) == 30

    run_app(app, steps, size=(120, 40))


def test_a_list_never_shows_a_line_it_kept_for_other_entries():
    class Lists(App):
        def compose(self):
            yield LazyList(id="list")

    async def main() -> None:
        async with Lists().run_test(size=(40, 6)) as pilot:
            listing = pilot.app.query_one(LazyList)
            listing.set_entries([1, 1], [True, True], lambda index: [Content(f"first {index}")])
            await pilot.pause()
            assert "first 0" in listing.render_line(0).text
            listing.set_entries([1, 1], [True, True], lambda index: [Content(f"second {index}")])
            await pilot.pause()
            assert "second 0" in listing.render_line(0).text and "second 1" in listing.render_line(1).text
            # The same words in another style are drawn again in that style.
            listing.set_entries([1, 1], [True, True], lambda index: [Content.styled(f"second {index}", "bold")])
            await pilot.pause()
            assert next(iter(listing.render_line(1))).style.bold

    import asyncio

    asyncio.run(main())


def test_a_list_keeping_what_it_drew_draws_again_each_entry_in_view_that_reads_otherwise():
    class Lists(App):
        def compose(self):
            yield LazyList(id="list")

    def shown(listing: LazyList) -> list[str]:  # as Textual draws it on screen, its kept lines included
        return [strip.text.strip() for strip in listing.render_lines(listing.region.reset_offset)]

    async def main() -> None:
        async with Lists().run_test(size=(40, 6)) as pilot:
            listing = pilot.app.query_one(LazyList)
            listing.set_entries([1, 1, 1], [True, True, True], lambda index: [Content(f"first {index}")], keep_drawn=True)
            await pilot.pause()
            assert shown(listing)[:3] == ["first 0", "first 1", "first 2"]
            # Laid out as before: only the entry that reads otherwise changes, in its words and in its style.
            listing.set_entries([1, 1, 1], [True, True, True], lambda index: [Content("changed" if index == 1 else f"first {index}")], keep_drawn=True)
            await pilot.pause()
            assert shown(listing)[:3] == ["first 0", "changed", "first 2"]
            listing.set_entries(
                [1, 1, 1], [True, True, True],
                lambda index: [Content.styled("changed", "bold") if index == 1 else Content(f"first {index}")], keep_drawn=True,
            )
            await pilot.pause()
            assert next(iter(listing.render_lines(listing.region.reset_offset)[1])).style.bold
            assert listing.cursor == 0

    import asyncio

    asyncio.run(main())


def test_a_list_keeping_what_it_drew_asks_nothing_of_the_entry_just_below_the_screen():
    """An entry starting on the line after the last one shown is out of view: asking it again drew an
    unseen region, one more update on every first visit of a wall longer than the screen."""

    class Lists(App):
        def compose(self):
            yield LazyList(id="list")

    asked: list[int] = []
    refreshed: list = []

    def entry(index: int) -> list[Content]:
        asked.append(index)
        return [Content(f"entry {index}"), Content(""), Content("")]

    async def main() -> None:
        async with Lists().run_test(size=(40, 6)) as pilot:
            listing = pilot.app.query_one(LazyList)
            listing.set_entries([3, 3, 3], [True, True, True], entry, keep_drawn=True)
            await pilot.pause()
            assert listing.size.height == 6 and sorted(set(asked)) == [0, 1]  # entry 2 starts on line 6
            asked.clear()
            real = listing.refresh
            listing.refresh = lambda *regions, **kw: refreshed.append(regions) or real(*regions, **kw)
            listing.set_entries([3, 3, 3], [True, True, True], entry, keep_drawn=True)
            await pilot.pause()
            assert sorted(set(asked)) == [0, 1] and refreshed == []

    import asyncio

    asyncio.run(main())


def test_a_win_renamed_elsewhere_after_the_wall_was_drawn_ahead_shows_its_new_title(demo_path, monkeypatch):
    monkeypatch.setattr(OnwardApp, "watch_journal", lambda self: None)  # only the visit's own check shows it
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        first = Journal.open(demo_path)
        newest = first.wins.marks()[0].id
        title = first.wins.get(newest).title
        first.close()
        with sqlite3.connect(demo_path) as db:  # the wall's layout stays as drawn: only a card's words change
            db.execute("UPDATE wins SET title = ? WHERE id = ?", ["Renamed in another window", newest])
        db.close()
        await pilot.press("3")
        await pilot.pause()
        drawn = _drawn(pilot.app.screen, "#wall")
        assert "Renamed in another window" in drawn and title not in drawn

    run_app(app, steps, size=(120, 40))


def test_a_long_walls_scroll_bar_is_drawn_ahead_and_its_first_visit_draws_none(journal_path, monkeypatch):
    Journal.open(journal_path).close()
    with sqlite3.connect(journal_path) as db:
        db.executemany(
            'INSERT INTO wins ("on", title, kind, seen) VALUES (?, ?, ?, 1)',
            [((TODAY - timedelta(days=n // 3)).isoformat(), f"Win number {n}", "skill_learned") for n in range(3_000)],
        )
    db.close()
    drawn: list[int] = []
    real = KeptScrollBar._draw
    monkeypatch.setattr(KeptScrollBar, "_draw", lambda self, *args: drawn.append(self.virtual_size) or real(self, *args))
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        assert drawn, "the wall's bar was drawn while idle"
        drawn.clear()
        await pilot.press("3")
        await pilot.pause()
        bar = pilot.app.screen.query_one("#wall", LazyList).vertical_scrollbar
        assert bar.window_virtual_size > 1_000 and bar.region  # a long wall, with its bar on screen
        assert drawn == []  # found drawn

    run_app(app, steps, size=(120, 40))
