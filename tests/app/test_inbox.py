"""Pilot tests: every Inbox key, as a person would press it."""

import sqlite3
from datetime import date, timedelta

import pytest
from textual import events
from textual.widgets import Input, Label, OptionList

from tui.widgets.inbox_list import InboxList
from tui.widgets.lazy_list import LazyList

from tests.conftest import TODAY, run_app, settle
from tui.app import OnwardApp
from tui.actions.reflections import save_reflection
from tui.domain.entries import check_application
from tui.domain.reflections import check_reflection
from tui.domain.models import OutcomeKind, Stage, Status
from tui.screens.confirm import ConfirmDialog
from tui.screens.help import HelpScreen
from tui.screens.inbox import InboxScreen
from tui.screens.stage_picker import StagePicker
from tui.store.applications import ApplicationRows
from tui.store.repository import Journal
from tests.journal_steps import add_app, log
from tui.domain.inbox import Section
from tui.widgets.detail_panel import DetailPanel

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def seed(path, *companies, days_ago=3):
    journal = Journal.open(path)
    for company in companies:
        add_app(journal, check_application(company=company, role="Analyst", field="data", today=TODAY, applied=f"{days_ago} days ago"))
    journal.close()


def reopen(path):
    return Journal.open(path)


async def select(pilot, company):
    screen = pilot.app.screen
    for _ in range(60):
        app = screen.selected_application
        if app is not None and app.company == company:
            return
        await pilot.press("down")
    raise AssertionError(f"{company} is not in the Inbox")


async def type_text(pilot, text):
    await pilot.press(*[c if c != " " else "space" for c in text])


def notifications(app):
    return [f"{n.title} {n.message}" for n in app._notifications]


def test_new_application_form_tab_order_and_save(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        order = []
        for _ in range(7):
            order.append(pilot.app.focused.id)
            await pilot.press("tab")
        assert order == ["company", "role", "field", "source", "url", "applied", "notes"]
        await pilot.press("shift+tab")
        await pilot.press(*["shift+tab"] * 6)
        assert pilot.app.focused.id == "company"
        await type_text(pilot, "Zed Labs")
        await pilot.press("tab")
        await type_text(pilot, "Data Analyst")
        await pilot.press("tab")
        await type_text(pilot, "data")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.selected_application.company == "Zed Labs"

    run_app(app, steps)
    journal = reopen(journal_path)
    [saved] = journal.applications.every()
    assert (saved.company, saved.role, saved.field, saved.applied_on) == ("Zed Labs", "Data Analyst", "data", TODAY)
    journal.close()


def test_a_dotted_applied_day_is_read_day_first(journal_path):
    """A tester's "1.12.2026" was refused as "could be January 12": dots are written day first."""
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Acme")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        await pilot.press(*["tab"] * 4)
        assert pilot.app.focused.id == "applied"
        pilot.app.focused.value = "1.11.2026"
        await pilot.press("ctrl+s")
        await pilot.pause()

    run_app(app, steps)
    journal = reopen(journal_path)
    [saved] = journal.applications.every()
    assert saved.applied_on == date(2026, 11, 1)
    journal.close()


def test_new_application_form_shows_problems_and_saves_nothing(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Acme")
        await pilot.press(*["tab"] * 5)
        pilot.app.focused.value = "tomorrow"
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = pilot.app.screen
        assert form.query_one("#field-role").has_class("-invalid")
        assert form.query_one("#field-applied").has_class("-invalid")
        assert pilot.app.focused.id == "role"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.id != form.id or not pilot.app.screen.query("#company")

    run_app(app, steps)
    journal = reopen(journal_path)
    assert journal.applications.every() == []
    journal.close()


def test_reject_asks_the_stage_with_furthest_preselected(journal_path):
    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    log(journal, 1, OutcomeKind.INTERVIEW, TODAY - timedelta(days=1))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("r")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, StagePicker)
        assert picker.query_one("#stages", OptionList).highlighted == 2  # interview
        await pilot.press("enter")
        await pilot.pause()
        assert any("one step closer" in n or "disappointed" in n or "gentle" in n or "detour" in n for n in notifications(pilot.app))

    run_app(app, steps)
    journal = reopen(journal_path)
    assert journal.applications.get(1).rejection.stage is Stage.INTERVIEW
    journal.close()


@pytest.mark.parametrize("key, stage", [("a", Stage.APPLICATION), ("s", Stage.SCREENING), ("i", Stage.INTERVIEW), ("f", Stage.FINAL_ROUND)])
def test_reject_stage_with_one_key(journal_path, key, stage):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("r", key)
        await pilot.pause()

    run_app(app, steps)
    journal = reopen(journal_path)
    assert journal.applications.get(1).rejection.stage is stage
    journal.close()


def test_reject_escape_changes_nothing(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("r", "escape")
        await pilot.pause()

    run_app(app, steps)
    journal = reopen(journal_path)
    assert journal.applications.get(1).events == ()
    journal.close()


@pytest.mark.parametrize("closing, closed", [(("o", "y"), "offer"), (("x",), "withdrawn")])
@pytest.mark.parametrize("answer", ["y", "n"])
def test_reject_on_a_closed_application_asks_as_s_and_x_do(journal_path, closing, closed, answer):
    """r on an offer (or a withdrawn one) refused with command-line advice ("Use --reopen…") where s and x ask
    yes or no: it asks the same question, and on yes goes on to the stage."""
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press(*closing)
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).status.value == closed
        await pilot.press("r")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog), notifications(pilot.app)
        assert question.question == f"Acme is closed ({closed}). Log the rejection anyway?"
        assert not any("--reopen" in n for n in notifications(pilot.app))
        await pilot.press(answer)
        await pilot.pause()
        if answer == "y":
            assert isinstance(pilot.app.screen, StagePicker)
            await pilot.press("a")
            await pilot.pause()

    run_app(app, steps)
    journal = reopen(journal_path)
    after = journal.applications.get(1)
    assert after.status is (Status.REJECTED if answer == "y" else Status(closed))
    journal.close()


@pytest.mark.parametrize(
    "key, status",
    [("s", Status.SCREENING), ("i", Status.INTERVIEW), ("f", Status.FINAL_ROUND), ("o", Status.OFFER),
     ("g", Status.GHOSTED), ("x", Status.WITHDRAWN)],
)
def test_outcome_keys(journal_path, key, status):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press(key)
        await pilot.pause()
        if key in "sif":  # asks the day it takes place; Enter: it happened today
            await pilot.press("enter")
            await pilot.pause()
        if key == "o":  # an offer asks first, so a stray o logs nothing
            assert isinstance(pilot.app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()

    run_app(app, steps)
    journal = reopen(journal_path)
    assert journal.applications.get(1).status is status
    journal.close()


@pytest.mark.parametrize(
    "key, kind",
    [("s", "screening"), ("i", "interview"), ("f", "final_round"), ("o", "offer"), ("g", "ghosted"), ("x", "withdrawn"),
     ("r", "rejected"), ("u", "followed_up")],
)
def test_an_outcome_key_on_one_already_there_refuses_at_once(journal_path, key, kind):
    """Every outcome key checks the one rule first (`check_outcome`): on an application already at that status (or
    followed up today) it says so at once and asks nothing: o asked "Log an offer?" and refused only after y."""
    from tui.actions import applications
    from tui.domain.models import OutcomeKind

    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    applications.log_outcome(journal, 1, OutcomeKind(kind), TODAY)
    events = len(journal.applications.get(1).events)
    journal.close()

    async def steps(pilot):
        await select(pilot, "Acme")
        inbox = pilot.app.screen
        await pilot.press(key)
        await pilot.pause()
        assert pilot.app.screen is inbox, f"{key} asked something: {type(pilot.app.screen).__name__}"
        said = " ".join(notifications(pilot.app))
        assert "Acme is already" in said or "You already followed up with Acme" in said, said

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    journal = reopen(journal_path)
    assert len(journal.applications.get(1).events) == events
    journal.close()


def test_o_on_a_closed_application_asks_once(journal_path):
    """o on a rejected application asks the closed question; its yes logs the offer without asking again."""
    from tui.actions import applications
    from tui.domain.models import OutcomeKind

    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    applications.log_outcome(journal, 1, OutcomeKind.REJECTED, TODAY)
    journal.close()

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("o")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog) and question.question == "Acme is closed (rejected). Log the offer anyway?"
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmDialog)

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    journal = reopen(journal_path)
    assert journal.applications.get(1).status is Status.OFFER
    journal.close()


@pytest.mark.parametrize("key", ["e", "enter", "delete", "s"])
def test_a_today_row_of_no_application_says_what_it_is_and_where_it_is_kept(journal_path, key):
    """A win of no application, the step saving a reflection counted, the step a finished next step counted: e, Enter,
    Delete (and an outcome key) say what the row is and where it can be opened or changed, not "Select an application
    first (↑ ↓)" while one of them is selected, and nothing opens."""
    from tui.actions.reflections import save_reflection
    from tui.actions.steps import finish_next_step
    from tui.actions.wins import add_win
    from tui.domain.entries import check_win
    from tui.domain.reflections import check_reflection

    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    add_win(journal, check_win(title="Finished the SQL course", kind="skill_learned", today=TODAY))
    saved = save_reflection(journal, check_reflection(today=TODAY, mood=3, next_step="Ask Bo about dbt"), TODAY)
    finish_next_step(journal, saved.id, TODAY)
    journal.close()
    said_for = {
        "Finished the SQL course": "That is a win, not an application: it is on your wins wall (press 3), where e edits it",
        "Reflection saved": "That is the step saving a reflection counted, not an application: press 2 for your reflections",
        "Ask Bo about dbt": "That is the step finishing a reflection's next step counted, not an application: press 2",
    }

    async def steps(pilot):
        inbox = pilot.app.screen
        for text, said in said_for.items():
            for way in ("down", "up"):
                for _ in range(20):
                    if inbox.selected_row is not None and inbox.selected_row.text == text:
                        break
                    await pilot.press(way)
            assert inbox.selected_row.text == text and inbox.selected_application is None
            pilot.app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert pilot.app.screen is inbox, f"{key} on {text} opened {type(pilot.app.screen).__name__}"
            shown = notifications(pilot.app)
            assert any(said in n for n in shown), shown
            assert not any("Select an application first" in n for n in shown)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_followed_up_key_clears_the_follow_up(journal_path):
    seed(journal_path, "Acme", days_ago=10)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        assert "1 follow-up due" in str(pilot.app.screen.inbox.greeting)
        await pilot.press("u")
        await pilot.pause()
        assert "follow-up" not in pilot.app.screen.inbox.greeting

    run_app(app, steps)
    journal = reopen(journal_path)
    assert journal.applications.get(1).has_followed_up
    journal.close()


def test_offer_is_celebrated(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("o", "n")  # a stray o: asked, and no logs nothing
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).status is Status.APPLIED
        await pilot.press("o", "y")
        await pilot.pause()
        assert any("offer" in n.lower() and "well done" in n.lower() for n in notifications(pilot.app))

    run_app(app, steps)


def test_undo_goes_back_step_by_step(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("s", "enter")
        await pilot.press("i", "enter")
        await pilot.press("r", "i")
        await pilot.pause()
        journal = pilot.app.journal
        assert journal.applications.get(1).status is Status.REJECTED
        await pilot.press("z")
        assert journal.applications.get(1).status is Status.INTERVIEW
        await pilot.press("z")
        assert journal.applications.get(1).status is Status.SCREENING
        await pilot.press("z")
        assert journal.applications.get(1).status is Status.APPLIED
        await pilot.press("z")  # nothing of this run is left to undo
        await pilot.pause()
        assert journal.applications.get(1).status is Status.APPLIED
        assert any("Nothing to undo" in n for n in notifications(pilot.app))

    run_app(app, steps)


def test_undo_a_new_application(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await type_text(pilot, "Acme")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(pilot.app.journal.applications.every()) == 1
        await pilot.press("z")
        await pilot.pause()
        assert pilot.app.journal.applications.every() == [] and pilot.app.journal.steps.every() == []

    run_app(app, steps)


def test_log_a_proactive_action(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # the third kind (the list opens on the second, Networking)
        assert pilot.app.focused.id == "note"
        await type_text(pilot, "Tableau module 4")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.inbox.greeting.startswith("🔥 1-day streak, today done.")

    run_app(app, steps)
    journal = reopen(journal_path)
    [action] = journal.steps.every()
    assert (action.kind.value, action.note, action.on) == ("career_fair", "Tableau module 4", TODAY)
    journal.close()


def test_add_a_win_linked_to_the_selected_application(journal_path):
    seed(journal_path, "Acme", "Beta")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Beta")
        await pilot.press("w")
        await pilot.pause()
        await type_text(pilot, "Recruiter loved my portfolio")
        await pilot.press("enter")
        await pilot.pause()

    run_app(app, steps)
    journal = reopen(journal_path)
    [win] = [w for w in journal.wins.every() if not w.automatic]
    assert (win.title, win.application_id, win.on, win.automatic) == ("Recruiter loved my portfolio", 2, TODAY, False)
    journal.close()


def test_filter_and_closed_toggle(journal_path):
    seed(journal_path, "Acme", "Beta Corp", "Gamma")
    journal = reopen(journal_path)
    log(journal, 3, OutcomeKind.WITHDRAWN, TODAY)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    def companies(screen):
        return {row.application.company for row in screen.rows if row and row.application}

    async def steps(pilot):
        screen = pilot.app.screen
        assert "Gamma" not in {r.application.company for r in screen.rows if r and r.application and r.section.value != "Today"}
        await pilot.press("slash")
        await type_text(pilot, "beta")
        await pilot.pause()
        assert companies(screen) == {"Beta Corp"}
        await pilot.press("enter")
        assert isinstance(pilot.app.focused, LazyList)
        await pilot.press("escape")
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == ""
        await pilot.press("C")
        await pilot.pause()
        assert Section.CLOSED in [r.section for r in screen.rows if r]
        await pilot.press("slash")
        await type_text(pilot, "gamma")
        await pilot.pause()
        assert companies(screen) == {"Gamma"}  # closed ones stay reachable

    run_app(app, steps)


def test_help_lists_every_key(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        lines = {
            str(row.query_one(".help--key").render()): str(row.query_one(".help--text").render())
            for row in help_screen.query(".help--keys")
        }
        for key in "n r s i f o g x u a w z c / ? q ^p".split():
            assert key in lines, f"{key} is not on the help screen"
        assert "log a rejection (asks the stage)" in lines["r"]
        assert "undo the last change" in lines["z"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HelpScreen)

    run_app(app, steps)


def test_command_palette_offers_area_verb_commands(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        titles = [command.title for command in pilot.app.get_system_commands(pilot.app.screen)]
        for expected in ("inbox: add a new application", "inbox: log a rejection (asks the stage)", "inbox: undo the last change"):
            assert expected in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "inbox: log a screening")
        await settle(pilot)  # the palette's search is a worker
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # no day: it happened today
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).status is Status.SCREENING

    run_app(app, steps)


def test_user_text_is_shown_literally(journal_path):
    seed(journal_path, "Acme")
    # Stored as an older version or an import might have left it: raw escape codes and markup.
    raw = sqlite3.connect(journal_path)
    raw.execute("UPDATE applications SET company = ? WHERE id = 1", ["[b]Acme[/b] \x1b[31mRed\x1b]0;PWNED\x07"])
    raw.commit()
    raw.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        listing = pilot.app.screen.query_one("#inbox-list", LazyList)
        drawn = "\n".join(listing.render_line(y).text for y in range(listing.size.height))
        detail = pilot.app.screen.query_one(DetailPanel).content.plain
        for text in (drawn, detail):
            assert "[b]Acme[/b]" in text  # markup shown as typed, not as bold
            assert "[b]Acme[/b] Red" in text and "PWNED" not in text  # escape sequences gone whole
            assert "\x1b" not in text and "\x07" not in text  # never an escape code to the terminal

    run_app(app, steps)


def test_quit_key_closes_and_everything_is_still_there(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("s", "enter")
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running

    run_app(app, steps)
    assert app.return_code == 0
    journal = reopen(journal_path)
    assert journal.applications.get(1).status is Status.SCREENING
    journal.close()


def test_keys_typed_right_after_q_open_nothing_while_the_app_closes(journal_path):
    seed(journal_path, "Acme")
    for keys in ("qn", "qc", "qa"):
        app = OnwardApp(journal_path, today=TODAY)

        async def steps(pilot, keys=keys):
            for key in keys:  # in one go, as typed: the second arrives while q is still settling
                pilot.app.post_message(events.Key(key, key))
            await pilot.pause()
            assert not pilot.app.is_running

        run_app(app, steps)  # a form opened while Textual closed the screens raised NoMatches here
        assert app.return_code == 0, keys


def test_the_hidden_filter_never_takes_keys_meant_for_the_list(journal_path):
    """Keys typed before the first paint went into the filter field (hidden, first in the screen): the list
    is what the Inbox focuses, and the field takes the focus only while / shows it."""
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        screen = pilot.app.screen
        box, listing = screen.query_one("#filter"), screen.query_one("#inbox-list")
        assert screen.query_one(screen.AUTO_FOCUS) is listing and pilot.app.focused is listing
        assert not box.focusable
        await pilot.press("tab", "tab", "tab")
        assert pilot.app.focused is not box
        await pilot.press("slash")
        assert pilot.app.focused is box and box.focusable
        await pilot.press("escape")
        assert pilot.app.focused is listing and not box.focusable

    run_app(app, steps)


def test_keys_typed_in_one_burst_after_slash_never_run_as_commands(journal_path):
    """"/gxa" typed in one go: the g and x reached the list before / had moved the focus, and x marked the
    selected application withdrawn; later they were dropped. Now each waits for the key before it
    (tui/typed_ahead.py): they go into the filter, as typed slowly."""
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        from tests.app.test_typed_ahead import typed

        for key, character in (("slash", "/"), ("g", "g"), ("x", "x"), ("a", "a")):
            pilot.app.post_message(events.Key(key, character))
        await typed(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)  # no form opened by the a
        assert pilot.app.focused is pilot.app.screen.query_one("#filter")
        assert pilot.app.focused.value == "gxa"
        assert pilot.app.journal.applications.get(1).status is Status.APPLIED

    run_app(app, steps)


def test_keys_without_a_selection_explain_themselves(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("r")
        await pilot.pause()
        assert any("Select an application first" in n for n in notifications(pilot.app))

    run_app(app, steps)


def test_notifications_show_user_text_literally(journal_path):
    seed(journal_path, "[b]Acme[/b]")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("s", "enter")
        await pilot.pause()
        # A toast reads its message as markup unless told not to, which would eat the brackets.
        [toast] = [n for n in pilot.app._notifications if "Acme" in n.message + n.title]
        assert "Logged screening at [b]Acme[/b]." in toast.message + toast.title
        assert not toast.markup

    run_app(app, steps)


def test_a_journal_locked_mid_session_is_reported_and_the_app_carries_on(journal_path):
    import sqlite3

    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.journal.db.conn.execute("PRAGMA busy_timeout = 50")  # fail fast instead of waiting 5 s
        holder = sqlite3.connect(journal_path)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await pilot.press("s", "enter")
            await pilot.pause()
            from tests.app.test_interviews_app import said_under_the_day
            from tui.screens.interview_dialogs import DayQuestion
            assert isinstance(pilot.app.screen, DayQuestion), "the question stays up, so nothing typed is lost"
            assert "locked" in said_under_the_day(pilot.app.screen), "said in the question, where the person looks"
            assert not any("locked" in n for n in notifications(pilot.app))
            assert pilot.app.journal.applications.get(1).status is Status.APPLIED
            assert pilot.app.undo_stack == []
        finally:
            holder.rollback()
            holder.close()
        await pilot.press("enter")  # the app is still alive and the same answer now goes through
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).status is Status.SCREENING

    run_app(app, steps)


def test_closed_list_is_capped_and_the_filter_finds_any_closed_one(journal_path, monkeypatch):
    """A ten-year journal has thousands closed: c lists the newest few and says how many more; the filter
    matches in the whole journal, so the oldest closed one is still found."""
    monkeypatch.setattr("tui.actions.inbox_view.CLOSED_SHOWN", 3)
    journal = Journal.open(journal_path)
    for n in range(6):
        add_app(journal, check_application(company=f"Old {n}", role="Analyst", today=TODAY, applied=f"{40 - n} days ago"))
        log(journal, n + 1, OutcomeKind.WITHDRAWN, TODAY - timedelta(days=30 - n))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    def closed(screen):
        return [r.application.company for r in screen.rows if r and r.application and r.section is Section.CLOSED]

    async def steps(pilot):
        screen = pilot.app.screen
        await pilot.press("C")
        await pilot.pause()
        assert closed(screen) == ["Old 5", "Old 4", "Old 3"]  # newest heard from first
        listing = screen.query_one("#inbox-list", LazyList)
        last = listing._entry_lines(listing.entry_count - 1)[0].plain.strip()
        assert last.startswith("3 older closed not shown")
        await pilot.press("slash")
        await type_text(pilot, "old 0")
        await pilot.pause()
        assert closed(screen) == ["Old 0"]

    run_app(app, steps)


def test_rejections_to_reflect_on_are_capped_counted_and_found_by_the_filter(journal_path, monkeypatch):
    """Ten years hold thousands of rejections without a reflection: the Inbox reads and lists the newest
    few, counts them all in its heading line and greeting, and the filter still finds the oldest."""
    monkeypatch.setattr("tui.actions.inbox_view.TO_REFLECT_SHOWN", 2)
    journal = Journal.open(journal_path)
    for n in range(5):
        add_app(journal, check_application(company=f"Turned {n}", role="Analyst", today=TODAY, applied=f"{40 - n} days ago"))
        log(journal, n + 1, OutcomeKind.REJECTED, TODAY - timedelta(days=30 - n))
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    def to_reflect(screen):
        return [r.application.company for r in screen.rows if r and r.application and r.section.value == "To reflect on"]

    async def steps(pilot):
        screen = pilot.app.screen
        assert to_reflect(screen) == ["Turned 3", "Turned 4"]  # the newest two, longest quiet first
        assert "5 rejections to reflect on" in screen.inbox.greeting
        listing = screen.query_one("#inbox-list", LazyList)
        lines = [listing._entry_lines(i)[0].plain.strip() for i in range(listing.entry_count)]
        assert "3 older not shown · type in / to find one" in lines
        await pilot.press("slash")
        await type_text(pilot, "turned 0")
        await pilot.pause()
        assert to_reflect(screen) == ["Turned 0"]
        # The filter narrows the list, not the greeting: the one it found beyond those listed is counted once.
        assert "5 rejections to reflect on" in screen.inbox.greeting
        await pilot.press("escape")
        await pilot.pause()
        # A reflection saved on a listed one (as the editor does): it leaves the list and the count follows.
        save_reflection(pilot.app.journal, check_reflection(mood=3, today=TODAY), TODAY, application_id=5)
        screen.refresh_view()
        await pilot.pause()
        assert to_reflect(screen) == ["Turned 2", "Turned 3"]  # read again: the next newest moves up
        assert "4 rejections to reflect on" in screen.inbox.greeting

    run_app(app, steps)


def test_coming_back_reads_the_applications_again_only_when_they_changed(journal_path, monkeypatch):
    """Opening the wall marks wins seen (a write): coming back must not read every application again; a
    change by another window while away must still show."""
    seed(journal_path, "Acme", "Beta Corp")
    reads = []
    real = ApplicationRows.inbox
    monkeypatch.setattr(ApplicationRows, "inbox", lambda self, today, **kw: reads.append(today) or real(self, today, **kw))
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        screen = pilot.app.screen
        await pilot.pause()
        await select(pilot, "Acme")
        await pilot.press("s", "enter")  # this app's own write: the Inbox reads only Acme again
        await pilot.pause()
        first = len(reads)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert len(reads) == first
        await pilot.press("3")
        await pilot.pause()
        other = Journal.open(journal_path)
        add_app(other, check_application(company="Gamma", role="Analyst", today=TODAY, applied="today"))
        other.close()
        await pilot.press("1")
        await pilot.pause()
        assert len(reads) == first + 1
        assert "Gamma" in {r.application.company for r in screen.rows if r and r.application}

    run_app(app, steps)


@pytest.mark.parametrize("show_closed", [False, True])
def test_a_redraw_finds_each_application_s_first_row(demo_path, show_closed):
    """The Inbox keeps the selection by finding the application's row from its place in its section (not by
    walking every row): for every application shown, that is its first row, Today's and Closed included."""
    journal = Journal.open(demo_path)
    for company in ("Withdrawn One", "Withdrawn Two"):  # closed today: shown under Today (and Closed)
        done, _ = add_app(journal, check_application(company=company, role="Analyst", today=TODAY, applied="9 days ago"))
        log(journal, done.id, OutcomeKind.WITHDRAWN, TODAY)
    journal.close()
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = pilot.app.screen
        if show_closed:
            await pilot.press("C")
            await pilot.pause()
        # A planned interview's row under Coming up names its application too; the application's own row is
        # the one a redraw keeps the selection on.
        shown = [row for row in screen.rows if row is not None and row.application is not None and row.interview is None]
        sections = {row.section for row in shown}
        assert len(sections) >= (5 if show_closed else 4), sections
        for row in shown:
            first = next(
                i for i, r in enumerate(screen.rows)
                if r is not None and r.application and r.interview is None and r.application.id == row.application.id
            )
            assert screen.query_one(InboxList).index_of(row.application.id) == first, row
        assert screen.query_one(InboxList).index_of(10_000) == next(i for i, r in enumerate(screen.rows) if r is not None)

    run_app(app, steps)


def test_working_down_follow_ups_with_u_moves_to_the_next_one(journal_path):
    """After an outcome key the selection stays in the section being worked through (issue 11): pressing u
    three times follows up three different applications, never the same one twice."""
    seed(journal_path, "Acme", "Birch", "Cedar", "Delta", days_ago=10)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        from tui.domain.inbox import Section
        screen = pilot.app.screen
        assert screen.selected_row.section is Section.FOLLOW_UPS_DUE
        first = screen.selected_application.company
        for _ in range(3):
            await pilot.press("u")
            await pilot.pause()
            assert screen.selected_row.section is Section.FOLLOW_UPS_DUE
        assert screen.selected_application.company != first
        assert len(screen.inbox.section(Section.FOLLOW_UPS_DUE)) == 1

    run_app(app, steps)
    journal = reopen(journal_path)
    assert sum(a.has_followed_up for a in journal.applications.every()) == 3
    journal.close()


def test_a_screening_planned_from_follow_ups_due_keeps_the_selection_there(journal_path):
    """Found in a walk: a screening planned for tomorrow adds a row to Coming up, above the section being
    worked through; the selection then followed the application out of Follow-ups due."""
    seed(journal_path, "Acme", "Birch", "Cedar", days_ago=10)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        from tui.domain.inbox import Section
        screen = pilot.app.screen
        await pilot.press("down")
        assert screen.selected_row.section is Section.FOLLOW_UPS_DUE
        planned = screen.selected_application.company
        await pilot.press("s")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert [row.application.company for row in screen.inbox.section(Section.COMING_UP)] == [planned]
        row = screen.selected_row
        assert row.section is Section.FOLLOW_UPS_DUE and row.application.company != planned

    run_app(app, steps)


def test_the_last_follow_up_done_leaves_the_selection_on_the_row_above(journal_path):
    seed(journal_path, "Acme", "Birch", days_ago=10)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        from tui.domain.inbox import Section
        screen = pilot.app.screen
        await pilot.press("down")
        second = screen.selected_application.company
        await pilot.press("u")
        await pilot.pause()
        row = screen.selected_row
        assert row.section is Section.FOLLOW_UPS_DUE and row.application.company != second

    run_app(app, steps)


def test_after_a_rejection_the_selection_follows_it_so_e_reflects_on_it(journal_path):
    """Found by a new-user walk: after r the selection stayed in Waiting and e edited another application."""
    seed(journal_path, "Acme", "Birch", "Cedar")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        from tui.domain.inbox import Section
        from tui.screens.reflection import ReflectionEditor
        await select(pilot, "Birch")
        await pilot.press("r", "a")
        await pilot.pause()
        row = pilot.app.screen.selected_row
        assert row.section is Section.TO_REFLECT_ON and row.application.company == "Birch"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionEditor) and pilot.app.screen.application.company == "Birch"

    run_app(app, steps)


def test_a_filter_matching_nothing_says_so_instead_of_welcoming_a_new_journal(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("slash")
        await type_text(pilot, "zzz")
        await pilot.pause()
        from textual.widgets import Static
        shown = pilot.app.screen.query_one(DetailPanel).content.plain
        assert "Nothing matches the filter" in shown and "Your journal is ready" not in shown

    run_app(app, steps)


def test_an_inbox_of_settled_history_does_not_welcome_a_new_journal(journal_path):
    """A tester imported old history: every row settled or closed, and the Inbox said "Your journal is ready"."""
    seed(journal_path, "Acme", "Birch", days_ago=40)
    journal = Journal.open(journal_path)
    acme, birch = journal.applications.every()
    log(journal, acme.id, OutcomeKind.OFFER, acme.applied_on)
    journal.applications.settle(birch.id, birch.applied_on)  # as an import settles old history
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.pause()
        from textual.widgets import Static
        shown = pilot.app.screen.query_one(DetailPanel).content.plain
        assert "Your journal is ready" not in shown and "settled history" in shown and "C  shows them" in shown
        await pilot.press("C")  # the key it names shows them
        await pilot.pause()
        assert {row.application.company for row in pilot.app.screen.inbox.section(Section.CLOSED)} == {"Acme", "Birch"}

    run_app(app, steps)


def test_closing_the_day_question_redraws_the_inbox_once_and_still_shows_another_window_s_change(journal_path, monkeypatch):
    """The answer is written and drawn while the question closes; showing the Inbox again drew it all a
    second time (~4 ms on ten years). A change another window made meanwhile must still show."""
    seed(journal_path, "Acme")
    drawn: list[object] = []
    real = InboxScreen.refresh_inbox
    monkeypatch.setattr(InboxScreen, "refresh_inbox", lambda self, *a, **k: drawn.append(k) or real(self, *a, **k))

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        await select(pilot, "Acme")
        drawn.clear()
        await pilot.press("s", "enter")
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).status is Status.SCREENING
        assert len(drawn) == 1, drawn
        await pilot.press("i")
        await pilot.pause()
        other = Journal.open(journal_path)  # another window, while the question is up
        add_app(other, check_application(company="Birch", role="Analyst", today=TODAY, applied="3 days ago"))
        other.close()
        await pilot.press("enter")
        await pilot.pause()
        assert [r.application.company for r in pilot.app.screen.rows if r is not None and r.application].count("Birch") >= 1

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_text_tab_and_more_text_in_one_burst_fill_the_fields_in_order(journal_path):
    """Issue 24 (N15): "Comp1 Tab Role1" pasted or typed fast put "Comp1Role1" in Company: Textual hands each
    key of a burst to the field focused when it arrives, before the Tab has moved the focus. Tab out of a
    one-line field now moves the focus at once; the same in the timeline's editor of an outcome."""
    from textual import events

    def burst(pilot, text: str) -> None:
        for part in text.split("\t"):
            for character in part:
                pilot.app.post_message(events.Key(character if character.isalnum() else "space", character))
            pilot.app.post_message(events.Key("tab", "\t"))

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        burst(pilot, "Comp1\tRole1\tdata")
        await pilot.pause()
        form = pilot.app.screen
        assert [form.query_one(f"#{name}", Input).value for name in ("company", "role", "field")] == ["Comp1", "Role1", "data"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reopen(journal_path).applications.get(1).role == "Role1"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_ctrl_s_right_after_fast_typing_saves_every_letter(journal_path):
    """Ctrl+S acts as it arrives: "Analyst" typed fast (or through a browser) then Ctrl+S saved "An"."""
    from textual import events

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        for character in "Acme":
            pilot.app.post_message(events.Key(character, character))
        pilot.app.post_message(events.Key("tab", "\t"))
        for character in "Analyst":
            pilot.app.post_message(events.Key(character, character))
        pilot.app.post_message(events.Key("ctrl+s", None))
        await pilot.pause()
        await pilot.pause()
        assert reopen(journal_path).applications.get(1).role == "Analyst"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_palette_settles_old_history_after_asking_and_z_brings_it_back(journal_path):
    seed(journal_path, "Old Co", days_ago=90)
    seed(journal_path, "New Co", days_ago=2)

    async def steps(pilot):
        # (Never followed up: its follow-ups come before any "gone quiet", however long it has been.)
        assert "1 follow-up due" in pilot.app.screen.inbox.greeting
        pilot.app.action_settle_history()
        await pilot.pause()
        assert "Settle 1 application older than the follow-up window as history (Old Co" in str(pilot.app.screen.query_one(".dialog").query(Label).first().render())
        await pilot.press("y")
        await pilot.pause()
        assert "follow-up" not in pilot.app.screen.inbox.greeting
        await pilot.press("z")
        await pilot.pause()
        assert "1 follow-up due" in pilot.app.screen.inbox.greeting

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_settle_typed_in_the_palette_finds_the_settle_command_first(journal_path):
    """Tester (try7 L2): "settle" in the palette put "inbox: show or hide closed and settled applications" first,
    and Enter toggled the closed rows instead of settling."""
    from tests.app.test_way_around import palette
    from tui.screens.confirm import ConfirmDialog

    seed(journal_path, "Old Co", days_ago=90)

    async def steps(pilot):
        inbox = pilot.app.screen
        await palette(pilot, "settle")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog) and question.question.startswith("Settle 1 application"), question
        assert inbox.show_closed is False

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_an_edit_form_saved_after_the_command_line_changed_the_application_keeps_their_change(journal_path):
    from tui.actions.applications import edit_application
    from tui.screens.application_form import ApplicationForm

    seed(journal_path, "Umbrella")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Umbrella")
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        elsewhere = reopen(journal_path)  # the command line, while the form is open
        application = elsewhere.applications.get(1)
        edit_application(elsewhere, 1, check_application(
            company="Umbrella", role="Analyst", field="data", notes="CLI NOTE", url="https://x.example",
            today=TODAY, applied=application.applied_on.isoformat(),
        ))
        elsewhere.close()
        form.query_one("#field", Input).value = "design"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form  # still open, with what was typed
        assert any(
            "Umbrella — Analyst changed since you opened it (in another window or the command line); nothing was saved" in n
            for n in notifications(pilot.app)
        )

    run_app(app, steps)
    kept = reopen(journal_path)
    assert (kept.applications.get(1).notes, kept.applications.get(1).url, kept.applications.get(1).field) == (
        "CLI NOTE", "https://x.example", "data",
    )
    kept.close()


def test_the_edit_form_opens_on_the_application_as_it_is_now_not_as_the_inbox_last_drew_it(journal_path):
    from textual.widgets import TextArea

    from tui.actions.applications import edit_application

    seed(journal_path, "Umbrella")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Umbrella")
        elsewhere = reopen(journal_path)  # the command line, a moment before e (the Inbox has not redrawn yet)
        edit_application(elsewhere, 1, check_application(
            company="Umbrella", role="Analyst", field="data", notes="CLI NOTE",
            today=TODAY, applied=elsewhere.applications.get(1).applied_on.isoformat(),
        ))
        elsewhere.close()
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen.query_one("#notes", TextArea).text == "CLI NOTE"

    run_app(app, steps)


def test_waiting_to_hear_says_where_the_applications_are_when_all_have_a_follow_up_due(journal_path):
    seed(journal_path, "Duesoon", days_ago=10)  # follow-up due after 7 days: nothing else waits to hear

    async def steps(pilot):
        listed = pilot.app.screen.query_one(InboxList)
        text = [listed.render_line(y).text.strip() for y in range(listed.size.height)]
        at = text.index("Waiting to hear")
        assert text[at + 1] == "None besides those under Follow-ups due."
        assert not any("Nothing pending" in line for line in text)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_waiting_to_hear_on_an_empty_journal_says_n_adds_one(journal_path):
    async def steps(pilot):
        listed = pilot.app.screen.query_one(InboxList)
        text = [listed.render_line(y).text.strip() for y in range(listed.size.height)]
        assert text[text.index("Waiting to hear") + 1] == "Nothing pending: n adds an application."

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_section_heading_sets_thousands_apart(journal_path):
    from tui.actions.automatic_wins import bulk

    journal = Journal.open(journal_path)
    with bulk(journal):  # one load, as an import writes
        for n in range(1000):
            add_app(journal, check_application(company=f"Co{n}", role="Analyst", today=TODAY, applied="3 days ago"))
    journal.close()

    async def steps(pilot):
        listed = pilot.app.screen.query_one(InboxList)
        text = [listed.render_line(y).text.strip() for y in range(listed.size.height)]
        assert "Waiting to hear  1,000" in text

    run_app(OnwardApp(journal_path, today=TODAY), steps)
