"""Scheduling an interview in the Inbox and saying how it went (issue 13), as a person would."""

from datetime import timedelta

import pytest

from tests.app.test_inbox import reopen, seed, select, type_text
from tests.conftest import TODAY, run_app
from tui.actions import views
from tui.app import OnwardApp
from tui.domain.inbox import Section
from tui.domain.models import ActionKind, Held
from tui.domain.streak import TodayState
from tui.screens.interview_dialogs import DayQuestion, HowDidItGo
from tui.widgets.inbox_list import InboxList
from tui.widgets.detail_panel import DetailPanel

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

THURSDAY = TODAY + timedelta(days=6)


def said_under_the_day(question):
    """What the day question says under its field (a day it can't read, a day the action refuses)."""
    from textual.widgets import Static

    assert isinstance(question, DayQuestion)
    lines = question.query("#field-day .form-field--error")
    return str(lines.first(Static).render()) if lines else ""


def test_schedule_an_interview_see_it_coming_then_confirm_it_on_the_day(journal_path):
    seed(journal_path, "Acme", "Birch")

    async def schedule(pilot):
        await select(pilot, "Acme")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayQuestion)
        await type_text(pilot, "thursday")
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        [row] = screen.inbox.section(Section.COMING_UP)
        assert row.text == "Interview at Acme — Analyst" and row.hint.startswith("Thu · in 6 days")
        assert "Interview at Acme on Thu." in screen.inbox.greeting
        assert screen.rows[screen.query_one(InboxList).section_starts[Section.COMING_UP]] is row, "Coming up is shown first"
        assert "interview · planned for Thu" in screen.query_one(DetailPanel).content.plain

    run_app(OnwardApp(journal_path, today=TODAY), schedule)
    journal = reopen(journal_path)
    [event] = journal.applications.planned_interviews()
    assert event.takes_place_on == THURSDAY
    journal.close()

    async def on_the_day(pilot):
        screen = pilot.app.screen
        assert not screen.inbox.section(Section.COMING_UP)
        [row] = [r for r in screen.inbox.section(Section.TODAY) if r.interview is not None]
        assert row.hint.startswith("today · good luck")
        assert "Interview at Acme today — you've got this." in screen.inbox.greeting
        assert views.streak_summary(pilot.app.journal, THURSDAY).today is not TodayState.DONE
        await select(pilot, "Acme")
        while screen.selected_row.interview is None:
            await pilot.press("down")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HowDidItGo)
        await pilot.press("y")
        await pilot.pause()
        assert views.streak_summary(pilot.app.journal, THURSDAY).today is TodayState.DONE, "attending counts as today's step"
        assert not [r for r in screen.inbox.section(Section.TODAY) if r.interview is not None]
        # Held today, booked last week: Today says so (the greeting's "today done" has something to show).
        assert ("Acme — Analyst", "today: interview held") in [(r.text, r.hint) for r in screen.inbox.section(Section.TODAY)]
        assert f"{THURSDAY.isoformat()}  interview · held" in screen.query_one(DetailPanel).content.plain
        await pilot.press("z")  # and back
        await pilot.pause()
        assert pilot.app.journal.applications.planned_interviews()[0].held is Held.PLANNED
        await pilot.press("h", "y")
        await pilot.pause()

    run_app(OnwardApp(journal_path, today=THURSDAY), on_the_day)
    journal = reopen(journal_path)
    assert [a.on for a in journal.steps.every() if a.kind is ActionKind.INTERVIEW_ATTENDED] == [THURSDAY]
    assert journal.applications.planned_interviews() == []
    journal.close()


def test_enter_without_a_day_logs_it_as_before_and_esc_logs_nothing(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("i", "escape")
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).events == ()
        await pilot.press("i", "enter")
        await pilot.pause()
        [event] = pilot.app.journal.applications.get(1).events
        assert event.held is None and event.takes_place_on is None

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_day_that_is_not_a_day_is_explained_in_the_question(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("s")
        await type_text(pilot, "32 nov")
        await pilot.press("enter")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, DayQuestion)
        from textual.widgets import Static
        assert "November has 30 days" in str(question.query_one("#field-day .form-field--error", Static).render())

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_m_moves_a_planned_one(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("i")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "in 10 days")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.journal.applications.planned_interviews()[0].takes_place_on == TODAY + timedelta(days=10)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


@pytest.mark.parametrize("planned, later, hint", [
    (2, 0, "It is planned for Sun."), (2, 2, "It is planned for today."), (2, 3, "It was planned for yesterday."),
    (1, 5, "It was planned for Sat 28 Nov."),
])
def test_the_move_question_says_the_planned_day_by_its_side_of_today(journal_path, planned, later, hint):
    """The move question's hint says "It is planned for …" for a day still ahead (or today), "It was planned for …"
    for one gone by: "It was Tue." read as if a day still to come had passed."""
    from textual.widgets import Label

    from tui.actions import applications
    from tui.domain.models import OutcomeKind

    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    applications.log_outcome(journal, 1, OutcomeKind.INTERVIEW, TODAY, takes_place_on=TODAY + timedelta(days=planned))
    journal.close()

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayQuestion)
        assert str(pilot.app.screen.query_one(".dialog--hint", Label).render()) == hint

    run_app(OnwardApp(journal_path, today=TODAY + timedelta(days=later)), steps)


def test_shift_u_sets_the_follow_up_day_and_enter_clears_it(journal_path):
    seed(journal_path, "Acme", days_ago=10)

    async def steps(pilot):
        assert pilot.app.screen.inbox.section(Section.FOLLOW_UPS_DUE)
        await pilot.press("U")
        await pilot.pause()
        await type_text(pilot, "in 3 days")
        await pilot.press("enter")
        await pilot.pause()
        assert not pilot.app.screen.inbox.section(Section.FOLLOW_UPS_DUE)
        assert pilot.app.journal.applications.get(1).follow_up_on == TODAY + timedelta(days=3)
        await pilot.press("down", "up")
        await select(pilot, "Acme")
        await pilot.press("U", "enter")
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).follow_up_on is None
        assert pilot.app.screen.inbox.section(Section.FOLLOW_UPS_DUE)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_day_question_is_asked_afresh_each_time(journal_path):
    """One dialog serves every day question (built once): each asks about its own application, from an empty
    field with no old error, and `optional` is its own."""
    seed(journal_path, "Acme", "Birch")

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("s")
        await type_text(pilot, "32 nov")
        await pilot.press("enter")
        await pilot.pause()
        first = pilot.app.screen
        assert isinstance(first, DayQuestion)
        from textual.widgets import Input, Label, Static
        assert "November has 30 days" in str(first.query_one("#field-day .form-field--error", Static).render())
        await pilot.press("escape")  # typed text: asks first
        await pilot.pause()
        from tui.screens.confirm import ConfirmDialog
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DayQuestion)
        await select(pilot, "Birch")
        await pilot.press("i")
        await pilot.pause()
        question = pilot.app.screen
        assert question is first, "the same dialog, asked again"
        assert str(question.query_one(".dialog--title", Label).render()) == "When is the interview at Birch?"
        assert question.query_one("#day", Input).value == "" and question.query_one("#day", Input).has_focus
        assert str(question.query_one("#field-day .form-field--error", Static).render()) == ""
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DayQuestion)
        assert pilot.app.journal.applications.get(2).events == ()
        await pilot.press("i")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.journal.applications.planned_interviews()[0].takes_place_on == TODAY + timedelta(days=1)
        await select(pilot, "Birch")
        await pilot.press("m")  # moving needs a day: Enter alone is refused
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is first
        assert "Which day?" in str(first.query_one("#field-day .form-field--error", Static).render())
        await pilot.press("escape")  # nothing typed: closes, its error left behind
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert str(first.query_one("#field-day .form-field--error", Static).render()) == ""
        await type_text(pilot, "in 3 days")
        await pilot.press("escape")  # typed again: asks again
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.journal.applications.planned_interviews()[0].takes_place_on == TODAY + timedelta(days=3)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_keys_typed_in_one_burst_with_s_go_into_the_day_question(journal_path):
    """"s tomorrow Enter" sent in one go: the letters reached the Inbox before the question was up (t opened
    the timeline) and the Enter saved the question empty: the screening was logged for today. Later what was
    typed before the question was there was dropped (it waited, empty). Now each key waits for the one before
    it (tui/typed_ahead.py): "tomorrow" goes into the question and the Enter saves it, as typed slowly."""
    from tests.app.test_inbox import InboxScreen
    from tests.app.test_typed_ahead import burst, typed
    from tui.domain.models import OutcomeKind
    from tui.widgets.lazy_list import LazyList

    seed(journal_path, "Acme", "Birch")

    def select_first(pilot, company: str) -> None:
        screen = pilot.app.screen
        index = next(i for i, row in enumerate(screen.rows) if row is not None and row.application.company == company)
        screen.query_one(LazyList).cursor = index

    async def steps(pilot):
        select_first(pilot, "Acme")
        burst(pilot.app, "s", "tomorrow", "enter")
        await typed(pilot)
        assert isinstance(pilot.app.screen, InboxScreen), "no timeline, no question left open"
        [planned] = pilot.app.journal.applications.planned_interviews()
        assert (planned.kind, planned.takes_place_on) == (OutcomeKind.SCREENING, TODAY + timedelta(days=1))
        select_first(pilot, "Birch")
        burst(pilot.app, "i", "enter")  # Enter on the empty day: it happened today
        await typed(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        [interview] = pilot.app.journal.applications.get(2).events
        assert (interview.kind, interview.on, interview.takes_place_on) == (OutcomeKind.INTERVIEW, TODAY, None)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_day_the_action_refuses_keeps_the_question_open_with_the_day_typed(journal_path):
    """U or m with a day gone by: the action says why and the question stays up, the day still typed
    (it closed, and the day had to be typed again)."""
    from textual.widgets import Input

    from tests.app.test_inbox import notifications

    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("U")
        await pilot.pause()
        from textual.widgets import Label
        assert str(pilot.app.screen.query_one(".dialog--hint", Label).render()).startswith("Due Tue. ")
        await type_text(pilot, "yesterday")
        await pilot.press("enter")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, DayQuestion)
        assert question.query_one("#day", Input).value == "yesterday"
        assert "has gone by" in said_under_the_day(question), "said in the question, where the person looks"
        assert not any("has gone by" in n for n in notifications(pilot.app)), "not a toast the question hides"
        await pilot.press(*["backspace"] * 9)
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DayQuestion)
        assert pilot.app.journal.applications.get(1).follow_up_on == TODAY + timedelta(days=1)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_day_gone_by_for_moved_says_mark_it_held_and_h_offers_held(journal_path):
    """The refusal's advice ("mark it held instead: h then h") is what the keys do (issue 23)."""
    from tui.actions import applications
    from tui.domain.models import OutcomeKind

    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    applications.log_outcome(journal, 1, OutcomeKind.INTERVIEW, TODAY, takes_place_on=TODAY + timedelta(days=1))
    journal.close()
    later = TODAY + timedelta(days=3)

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, (TODAY + timedelta(days=2)).isoformat())
        await pilot.press("enter")
        await pilot.pause()
        assert "mark it held instead (h then h in the Inbox" in said_under_the_day(pilot.app.screen)
        await pilot.press("escape", "y")  # and yes, let the typed day go
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, HowDidItGo)
        assert "h  Held" in str(dialog.query_one("#choices").get_option_at_index(0).prompt)
        await pilot.press("h")
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).events[0].held is Held.ATTENDED
        # Said held today for a day gone by: Today lists it where it counts (try7 B), and z takes it away.
        today = [(r.text, r.hint) for r in pilot.app.screen.inbox.section(Section.TODAY)]
        day_held = (TODAY + timedelta(days=1)).strftime("%a %-d %b")
        assert ("Acme — Analyst", f"logged today: interview held {day_held}") in today
        await pilot.press("z")
        await pilot.pause()
        assert not [r for r in pilot.app.screen.inbox.section(Section.TODAY) if r.text == "Acme — Analyst"]

    run_app(OnwardApp(journal_path, today=later), steps)


def test_a_follow_up_day_on_a_closed_application_asks_first(journal_path):
    from tui.actions import applications
    from tui.domain.models import OutcomeKind
    from tui.screens.confirm import ConfirmDialog

    seed(journal_path, "Acme")
    journal = reopen(journal_path)
    applications.log_outcome(journal, 1, OutcomeKind.REJECTED, TODAY)
    journal.close()

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("U")
        await pilot.pause()
        await type_text(pilot, "monday")
        await pilot.press("enter")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog) and "Acme is closed (rejected)" in question.question
        assert pilot.app.journal.applications.get(1).follow_up_on is None, "nothing written before yes"
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.journal.applications.get(1).follow_up_on == TODAY + timedelta(days=3)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_an_interview_day_before_applying_is_refused_and_the_question_stays_with_the_day_typed(journal_path):
    from textual.widgets import Input

    from tests.app.test_inbox import notifications

    seed(journal_path, "Zed")  # applied 3 days ago

    async def steps(pilot):
        await select(pilot, "Zed")
        await pilot.press("i")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, DayQuestion)
        await type_text(pilot, "Nov 20")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is question and question.query_one("#day", Input).value == "Nov 20"
        applied = (TODAY - timedelta(days=3)).isoformat()
        assert f"2026-11-20 is before you applied to Zed ({applied})." in said_under_the_day(question)
        assert not any("before you applied" in n for n in notifications(pilot.app))
        assert pilot.app.journal.applications.get(1).events == ()
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "thursday")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, DayQuestion)
        [row] = pilot.app.screen.inbox.section(Section.COMING_UP)
        assert row.text == "Interview at Zed — Analyst"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_an_interview_called_off_by_a_rejection_stays_off_today_and_holding_it_asks_first(journal_path):
    """Rejected before its day: after the day it is not back in Today as "how did it go?", and saying it was held
    is changing a closed application, so the app asks first (the command line wants --reopen)."""
    from tests.journal_steps import log
    from tui.domain.models import OutcomeKind
    from tui.screens.confirm import ConfirmDialog

    seed(journal_path, "Acme", days_ago=10)
    journal = reopen(journal_path)
    log(journal, 1, OutcomeKind.INTERVIEW, TODAY - timedelta(days=8), takes_place_on=TODAY - timedelta(days=2))
    log(journal, 1, OutcomeKind.REJECTED, TODAY - timedelta(days=5))
    journal.close()

    async def steps(pilot):
        screen = pilot.app.screen
        assert not [r for r in screen.inbox.section(Section.TODAY) if r.interview is not None]
        assert not screen.inbox.section(Section.COMING_UP)
        await select(pilot, "Acme")
        assert "called off: the application closed" in screen.query_one(DetailPanel).content.plain
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HowDidItGo)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog), "holding a called-off interview asks first"
        assert pilot.app.journal.applications.planned_interviews()[0].held is Held.PLANNED
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.journal.applications.planned_interviews() == []
        assert "interview · held" in screen.query_one(DetailPanel).content.plain

    run_app(OnwardApp(journal_path, today=TODAY), steps)


@pytest.mark.parametrize("keys, refused", [
    (("s",), "before you applied to Zed"),
    (("i",), "before you applied to Zed"),
    (("f",), "before you applied to Zed"),
    (("U",), "has gone by"),
    (("m",), "has gone by"),
    (("h", "m"), "has gone by"),
])
def test_every_day_question_says_a_refusal_under_its_field_and_keeps_the_day(journal_path, keys, refused):
    """Every way the day question is asked (s i f, U, m, h then m): a day the action layer refuses is said under
    the field, like a day it can't read, not as a toast the question (built ahead) may hide; the day typed stays."""
    from textual.widgets import Input

    from tests.app.test_inbox import notifications
    from tui.actions import applications
    from tui.domain.models import OutcomeKind

    seed(journal_path, "Zed")  # applied 3 days ago
    if "m" in keys:
        journal = reopen(journal_path)
        applications.log_outcome(journal, 1, OutcomeKind.INTERVIEW, TODAY, takes_place_on=THURSDAY)
        journal.close()
    typed = (TODAY - timedelta(days=5 if keys[0] in "sif" else 1)).isoformat()

    async def steps(pilot):
        await select(pilot, "Zed")
        await pilot.press(*keys)
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, DayQuestion)
        await type_text(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is question and question.query_one("#day", Input).value == typed
        assert refused in said_under_the_day(question)
        assert not any(refused in n for n in notifications(pilot.app))
        await pilot.press("backspace")  # changing the day clears what was said about it
        await pilot.pause()
        assert said_under_the_day(question) == ""

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_day_question_shows_only_examples_it_would_take(journal_path):
    """Issue try6 #8d: on Dec 12 the move question showed "thursday, Dec 10, …", a day that would be refused."""
    from datetime import date

    from textual.widgets import Input

    seed(journal_path, "Acme")
    today = date(2026, 12, 12)

    async def steps(pilot):
        for _ in range(2):  # built ahead, then asked again (DayQuestion.ask)
            await pilot.press("i")
            await pilot.pause()
            question = pilot.app.screen
            assert isinstance(question, DayQuestion)
            placeholder = str(question.query_one("#day", Input).placeholder)
            assert "Dec 22" in placeholder and "Dec 10" not in placeholder, placeholder
            await pilot.press("escape")
            await pilot.pause()

    run_app(OnwardApp(journal_path, today=today), steps)
