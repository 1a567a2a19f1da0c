"""Pilot tests: the wins wall — add, edit, remove, filter, celebrate once."""

import pytest
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

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def titles(screen):
    return [win.title for win in screen.shown_wins()]


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
        new = [win.title for win in wall.shown_wins() if win.id in wall.new_ids]
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


def test_a_wins_day_before_its_application_was_sent_is_refused_and_the_form_stays(journal_path):
    """A tester moved a win tied to Acme to a day before Acme was applied to; its outcomes are refused that."""
    seed(journal_path, "Acme")  # applied 2026-11-24
    journal = Journal.open(journal_path)
    add_win(journal, check_win(title="Nice chat", kind="networking", today=TODAY, application_id=1))
    (chat,) = [win for win in journal.wins.every() if win.title == "Nice chat"]
    journal.close()

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        wall.refresh_wall(select_win=chat.id)
        await pilot.pause()
        assert wall.selected_win.id == chat.id
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#on", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert any("2026-11-20 is before you applied to Acme (2026-11-24)." in n for n in notifications(pilot.app))
        assert pilot.app.journal.wins.get(chat.id).on == TODAY
        form.query_one("#on", Input).value = "2026-11-24"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is wall and pilot.app.journal.wins.get(chat.id).on.isoformat() == "2026-11-24"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


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


def _wall_text(wall) -> str:
    listing = wall.query_one("#wall", LazyList)
    return "\n".join(strip.text for strip in listing.render_lines(listing.region.reset_offset))


def test_from_100_columns_the_wins_are_cards_side_by_side(demo_path):
    """Issue 27: the wall was one left-aligned column of entries; at 120 columns two bordered cards share a
    row, ← → move between them, and at 80 columns it is one win a row again."""
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        assert wall.per_row == 2
        text = _wall_text(wall)
        assert text.count("╭") >= 6 and "╮ ╭" in text  # cards, two a row
        first, second = wall.shown_wins()[:2]
        assert wall.selected_win == first
        await pilot.press("right")
        assert wall.selected_win == second
        await pilot.press("right")  # no third card in this row
        assert wall.selected_win == second
        await pilot.press("down")
        assert wall.selected_win == wall.shown_wins()[3]  # the card below keeps its column
        await pilot.press("left", "up")
        assert wall.selected_win == first
        await pilot.press("end")
        assert wall.selected_win == wall.shown_wins()[-1]
        await pilot.press("home")
        assert wall.selected_win == first

    run_app(app, steps, size=(120, 40))
    app = OnwardApp(demo_path, today=TODAY)

    async def narrow(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        assert wall.per_row == 1 and "╭" not in _wall_text(wall)

    run_app(app, narrow, size=(80, 24))


def test_the_tiles_count_each_kind_and_filter_when_clicked_and_next_up_names_a_milestone(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        tiles = str(wall.query_one("#wall-tiles").render()).replace("\u00a0", " ")
        assert "Next up: 50-day streak: 13 to go" in tiles
        assert "interview invite 15" in tiles and "offer" not in tiles  # no offers yet: no tile says 0
        await pilot.click("#wall-tiles", offset=(5, 1))  # the first tile: interview invites
        await pilot.pause()
        assert {w.kind for w in wall.shown_wins()} == {WinKind.INTERVIEW_INVITE}
        wall.action_show_kind("final_round")
        await pilot.pause()
        assert {w.kind for w in wall.shown_wins()} == {WinKind.FINAL_ROUND}
        title = str(wall.query_one("#wall-title").render())
        assert "showing final round (2)" in title and "this week" in title
        await pilot.click("#wall", offset=(70, 3))  # the second card of the first row
        assert wall.selected_win == wall.shown_wins()[1]
        wall.action_show_kind("")
        await pilot.pause()
        assert len(wall.shown_wins()) == 36

    run_app(app, steps, size=(120, 40))


def test_the_title_shows_no_zero_counts(journal_path):
    journal = Journal.open(journal_path)
    add_win(journal, check_win(title="Old win", kind="other", today=TODAY, on="2026-10-02"))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        title = str(pilot.app.screen.query_one("#wall-title").render())
        assert "1 in all" in title and "this week" not in title and "this month" not in title

    run_app(app, steps)


def test_the_counts_set_thousands_apart_as_insights_does(journal_path):
    journal = Journal.open(journal_path)
    with journal.transaction():
        for n in range(1001):
            add_win(journal, check_win(title=f"Win {n}", kind="other", today=TODAY, on="2026-10-02"))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("3")
        await pilot.pause()
        wall = pilot.app.screen
        assert "1,001 in all" in str(wall.query_one("#wall-title").render())
        assert "other 1,001" in str(wall.query_one("#wall-tiles").render()).replace("\u00a0", " ")
        wall.action_show_kind("other")
        await pilot.pause()
        assert "showing other (1,001)" in str(wall.query_one("#wall-title").render())

    run_app(app, steps)


def test_the_wins_toast_names_the_key_to_the_wall(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("i", "enter")
        await pilot.pause()
        assert any(n.endswith("★ Posted to your wins wall: press 3 to see it.") for n in notifications(pilot.app))

    run_app(OnwardApp(journal_path, today=TODAY), steps)
