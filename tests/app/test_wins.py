"""Pilot tests: the wins wall — add, edit, remove, filter, celebrate once."""

from textual.widgets import Input, Select

from tests.app.test_inbox import notifications, seed, select, type_text
from tui.widgets.lazy_list import LazyList
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.domain.entries import check_win
from tui.domain.models import OutcomeKind, WinKind
from tui.screens.confirm import ConfirmDialog
from tui.screens.wins import WinsScreen
from tui.store.repository import Journal
from tests.journal_steps import add_win, log
from tui.actions import wins


def titles(screen):
    return [screen.win_at(i).title for i, row in enumerate(screen.rows) if row is not None]


def test_done_when_new_wins_are_highlighted_once_newest_first(journal_path):
    seed(journal_path, *[f"Co{n}" for n in range(1, 11)])
    journal = Journal.open(journal_path)
    wins.mark_wins_seen(journal)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Co10")
        await pilot.press("i", "enter")
        await pilot.pause()
        assert any("wins wall" in n for n in notifications(pilot.app))
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        assert isinstance(wall, WinsScreen)
        assert titles(wall)[0] == "Interview invite from Co10"
        new = [wall.win_at(i).title for i, row in enumerate(wall.rows) if row is not None and row.id in wall.new_ids]
        assert new == ["Interview invite from Co10"]
        await pilot.press("1", "3")
        await pilot.pause()
        assert wall.new_ids == set()  # highlighted once only

    run_app(app, steps)


def test_add_edit_remove_and_undo_on_the_wall(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Mock interview went well")
        form = pilot.app.screen
        form.query_one("#kind", Select).value = WinKind.INFORMATIONAL_INTERVIEW.value
        form.query_one("#application", Select).value = 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        wall = pilot.app.screen
        assert wall.selected_win.title == "Mock interview went well"
        assert wall.selected_win.application_id == 1
        await pilot.press("e")
        await pilot.pause()
        title = pilot.app.screen.query_one("#title", Input)
        assert title.value == "Mock interview went well"
        title.value = "Mock interview went really well"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert wall.selected_win.title == "Mock interview went really well"
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")  # not removed
        await pilot.pause()
        assert "Mock interview went really well" in titles(wall)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert "Mock interview went really well" not in titles(wall)
        await pilot.press("z")
        await pilot.pause()
        assert "Mock interview went really well" in titles(wall)

    run_app(app, steps)


def test_filter_by_kind(journal_path):
    seed(journal_path, "Acme")
    journal = Journal.open(journal_path)
    add_win(journal, check_win(title="Learned dbt", kind="skill_learned", today=TODAY))
    log(journal, 1, OutcomeKind.OFFER, TODAY)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        assert len(titles(wall)) == 3
        await pilot.press("k")
        await pilot.pause()
        options = pilot.app.screen.query_one("#kinds")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("offer")
        await pilot.press("enter")
        await pilot.pause()
        assert titles(wall) == ["Offer from Acme!"]
        await pilot.press("k")
        await pilot.pause()
        pilot.app.screen.query_one("#kinds").highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert len(titles(wall)) == 3

    run_app(app, steps)


def test_an_empty_wall_explains_itself(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen.query_one("#wall", LazyList)
        drawn = "\n".join(wall.render_line(y).text for y in range(wall.size.height))
        assert "Your wall is waiting" in drawn and "press n to add a small win" in drawn, drawn
        await pilot.press("e")
        await pilot.pause()
        assert any("Select a win first" in n for n in notifications(pilot.app))

    run_app(app, steps)


def test_a_long_wall_reads_each_card_as_it_comes_on_screen(journal_path, journal_watches):
    # The wall lays out by day and kind only; cards far down must still show their own win.
    from datetime import timedelta

    journal = Journal.open(journal_path)
    for n in range(300):
        add_win(journal, check_win(title=f"Win number {n}", kind="skill_learned", today=TODAY, on=(TODAY - timedelta(days=n)).isoformat()))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        assert wall.selected_win.title == "Win number 0"
        await pilot.press("end")
        await pilot.pause()
        assert wall.selected_win.title == "Win number 299"
        listing = wall.query_one("#wall", LazyList)
        assert "Win number 299" in "\n".join(strip.text for strip in listing.render_lines(listing.region.reset_offset))
        # Removed by another window after the wall was laid out: no crash, and the wall says so.
        other = Journal.open(journal_path)
        wins.remove_win(other, wall.selected_win.id)
        other.close()
        wall._cards.clear()
        assert wall.selected_win is None
        await journal_watches.next()  # the journal watch redraws the wall
        await pilot.pause()
        assert wall.selected_win is not None and wall.selected_win.title != "Win number 299"

    run_app(app, steps)
