"""Seeking support and broadening the search in the app (issue 14), as a person would: c in the Inbox logs
reaching out (today's streak follows), a reflection's "who will you talk to" waits in Today until then, F asks
an employer for feedback and later opens the reflection at their reply, the broaden nudge under the greeting
(b hides it); on Insights, enter turns a gap into a learning step and the circle is kept with n, e, delete."""

from datetime import timedelta

import pytest
from textual.widgets import Input, OptionList, Select, Static

from tests.app.test_inbox import reopen, select, type_text
from tests.conftest import TODAY, run_app
from tui.actions import support, views
from tui.actions.applications import add_application, log_outcome
from tui.actions.reflections import save_reflection
from tui.app import OnwardApp
from tui.domain.entries import check_application
from tui.domain.inbox import Section
from tui.domain.models import ActionKind, OutcomeKind, Relation, Stage, WinKind
from tui.domain.reflections import check_reflection
from tui.domain.streak import TodayState
from tui.domain.support import check_person
from tui.screens.confirm import ConfirmDialog
from tui.screens.insights import InsightsScreen
from tui.screens.person_form import PersonForm
from tui.screens.reach_out import ReachOutForm
from tui.screens.reflection import ReflectionEditor
from tui.widgets.detail_panel import DetailPanel

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def journal_with(path, *, people=(), rejected=(), field="Design", stage=Stage.APPLICATION, talk_to="", gaps=""):
    journal = reopen(path)
    for name, relation in people:
        support.add_person(journal, check_person(name=name, relation=relation))
    ids = []
    for company in rejected:
        app_id = add_application(journal, check_application(company=company, role="Designer", field=field, today=TODAY, applied="20 days ago")).id
        log_outcome(journal, app_id, OutcomeKind.REJECTED, TODAY - timedelta(days=2), stage=stage)
        ids.append(app_id)
    if talk_to or gaps:
        save_reflection(journal, check_reflection(mood=2, today=TODAY, talk_to=talk_to, gaps=gaps), TODAY - timedelta(days=1), application_id=ids[0])
    journal.close()
    return ids


async def select_row(pilot, wanted):
    screen = pilot.app.screen
    for _ in range(80):
        row = screen.selected_row
        if row is not None and wanted(row):
            return row
        await pilot.press("down")
    raise AssertionError("no such row in the Inbox")


def test_c_logs_reaching_out_and_it_keeps_todays_streak(journal_path):
    journal_with(journal_path, people=[("Sam Lee", "mentor")])

    async def steps(pilot):
        assert views.streak_summary(pilot.app.journal, TODAY).today is not TodayState.DONE
        await pilot.press("c")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ReachOutForm)
        await type_text(pilot, "sam lee")
        await pilot.pause()
        assert "Sam Lee · mentor · not contacted yet" in str(form.query_one("#who-is", Static).render())
        assert not form.query_one("#field-relation").display, "someone known is not asked who they are"
        await pilot.press("tab")  # to the note: the relation is not asked
        await type_text(pilot, "coffee")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReachOutForm)
        assert views.streak_summary(pilot.app.journal, TODAY).today is TodayState.DONE
        screen = pilot.app.screen
        assert "Reached out to Sam Lee: coffee" in [row.text for row in screen.inbox.section(Section.TODAY)]
        await pilot.press("z")
        await pilot.pause()
        assert pilot.app.journal.steps.every() == []

    run_app(OnwardApp(journal_path, today=TODAY), steps, size=(80, 24))


def test_someone_new_joins_the_circle_with_who_they_are_as_the_talk_is_logged(journal_path):
    async def steps(pilot):
        await pilot.press("c")
        await pilot.pause()
        form = pilot.app.screen
        await type_text(pilot, "Ana")
        await pilot.pause()
        assert form.query_one("#field-relation").display, "someone new: who are they to you?"
        form.query_one("#relation", Select).value = Relation.PEER.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        [ana] = pilot.app.journal.steps.people()
        assert (ana.name, ana.relation, ana.last_contacted) == ("Ana", Relation.PEER, TODAY)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_who_to_talk_to_waits_in_today_until_c_logs_the_talk(journal_path):
    journal_with(journal_path, people=[("Sam Lee", "mentor")], rejected=["Acme"], talk_to="Sam")

    async def steps(pilot):
        screen = pilot.app.screen
        [reminder] = [row for row in screen.inbox.section(Section.TODAY) if row.reminder is not None]
        assert reminder.text == "Talk to Sam Lee about Acme"
        assert reminder.hint == "c once you've talked · from your reflection, yesterday"
        await select_row(pilot, lambda row: row.reminder is not None)
        await pilot.press("c")
        await pilot.pause()
        assert pilot.app.screen.query_one("#name", Input).value == "Sam Lee", "the name comes from the reminder"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not [row for row in screen.inbox.section(Section.TODAY) if row.reminder is not None]

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_F_asks_for_feedback_after_an_interview_rejection_and_then_opens_the_reflection_at_their_reply(journal_path):
    [acme] = journal_with(journal_path, rejected=["Acme"], stage=Stage.INTERVIEW)

    async def steps(pilot):
        screen = pilot.app.screen
        [row] = screen.inbox.section(Section.TO_REFLECT_ON)
        assert row.hint == "F ask for feedback · rejected after interview · Design"
        await select(pilot, "Acme")
        await pilot.press("F")
        await pilot.pause()
        [asked] = [a for a in pilot.app.journal.steps.every() if a.kind is ActionKind.ASKED_FEEDBACK]
        assert (asked.application_id, asked.on) == (acme, TODAY)
        assert views.streak_summary(pilot.app.journal, TODAY).today is TodayState.DONE, "asking is a proactive step"
        assert "Asked for feedback today — F adds their reply." in screen.query_one(DetailPanel).content.plain
        assert "today: asked for feedback" in [row.hint for row in screen.inbox.section(Section.TODAY)]
        [row] = screen.inbox.section(Section.TO_REFLECT_ON)
        assert row.hint == "F adds their reply · rejected after interview · Design"
        await pilot.press("F")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert editor.focused is not None and editor.focused.id == "feedback"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_an_application_stage_no_is_not_offered_feedback_and_F_says_why(journal_path):
    journal_with(journal_path, rejected=["Acme"], stage=Stage.APPLICATION)

    async def steps(pilot):
        screen = pilot.app.screen
        [row] = screen.inbox.section(Section.TO_REFLECT_ON)
        assert "feedback" not in row.hint
        await select(pilot, "Acme")
        await pilot.press("F")
        await pilot.pause()
        assert any("rarely comes with feedback" in n.message for n in pilot.app._notifications)
        assert pilot.app.journal.steps.every(on=TODAY) == []

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_three_rejections_in_a_field_raise_the_nudge_under_the_greeting_and_b_hides_it(journal_path):
    journal_with(journal_path, rejected=["A", "B", "C"], gaps="figma, portfolio")

    async def steps(pilot):
        screen = pilot.app.screen
        nudge = screen.query_one("#nudge", Static)
        assert nudge.display
        text = str(nudge.render())
        assert text.startswith("↗ 3 rejections in Design lately — tough.")
        assert "gaps named: figma, portfolio." in text and text.endswith("5 for more · b hide")
        await pilot.press("b")
        await pilot.pause()
        assert not nudge.display
        await pilot.press("z")
        await pilot.pause()
        assert nudge.display

    run_app(OnwardApp(journal_path, today=TODAY), steps, size=(80, 24))


def test_on_insights_enter_on_a_gap_logs_learning_and_the_wall_celebrates_it(journal_path):
    journal_with(journal_path, rejected=["A", "B", "C"], gaps="sql, figma")

    async def steps(pilot):
        await pilot.press("5")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, InsightsScreen)
        assert "3 rejections in Design in the last 30 days" in str(screen.query_one("#nudges", Static).render())
        gaps = screen.query_one("#gaps", OptionList)
        assert [str(gaps.get_option_at_index(i).prompt).split(" · ")[0] for i in range(gaps.option_count)] == ["figma", "sql"]
        await pilot.press("tab")
        assert screen.focused is gaps
        await pilot.press("down", "enter")
        await pilot.pause()
        [step] = pilot.app.journal.steps.every(on=TODAY)
        assert (step.kind, step.gaps) == (ActionKind.LEARNING, ("sql",))
        assert [w.title for w in pilot.app.journal.wins.every() if w.kind is WinKind.SKILL_LEARNED] == ["Skill learned: sql"]
        assert "✓ learning logged" in str(gaps.get_option_at_index(1).prompt)

    run_app(OnwardApp(journal_path, today=TODAY), steps, size=(80, 24))


def test_the_circle_on_insights_adds_edits_reaches_out_to_and_removes_people(journal_path):
    async def steps(pilot):
        await pilot.press("5")
        await pilot.pause()
        screen = pilot.app.screen
        people = screen.query_one("#people", OptionList)
        assert "Nobody here yet" in str(people.get_option_at_index(0).prompt)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PersonForm)
        await type_text(pilot, "[bold]Mum[/]")
        pilot.app.screen.query_one("#relation", Select).value = Relation.FAMILY.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(people.get_option_at_index(0).prompt) == "[bold]Mum[/] · family · not contacted yet", "shown literally"
        people.focus()
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#name", Input).value = "Mum"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [p.name for p in pilot.app.journal.steps.people()] == ["Mum"]
        await pilot.press("c")
        await pilot.pause()
        assert pilot.app.screen.query_one("#name", Input).value == "Mum"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "last talked today" in str(people.get_option_at_index(0).prompt)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.journal.steps.people() == []
        assert pilot.app.journal.steps.step_counts() == {TODAY: 1}, "the talk still counts"

    run_app(OnwardApp(journal_path, today=TODAY), steps, size=(80, 24))


def test_insights_offers_enter_only_on_the_learning_plan_and_edit_remove_on_the_circle(journal_path):
    journal_with(journal_path, people=[("Sam Lee", "mentor")], rejected=["A"], gaps="sql")
    from tui.widgets.keybar import KeyBar

    async def steps(pilot):
        await pilot.press("5")
        await pilot.pause()
        screen = pilot.app.screen
        bar = screen.query_one(KeyBar)

        def described():
            return [key.description for key in bar.keys()[0]]

        assert "Log learning" not in described(), "Enter on the figures does nothing: not offered"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused.id == "gaps" and described()[0] == "Log learning"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused.id == "people" and {"Edit", "Remove"} <= set(described()) and "Log learning" not in described()

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_talk_logged_in_the_inbox_shows_on_insights_badge_and_circle(journal_path):
    journal_with(journal_path, people=[("Sam Lee", "mentor")])
    from tui.widgets.streak_badge import StreakBadge

    async def steps(pilot):
        await pilot.press("5")
        await pilot.pause()
        insights = pilot.app.screen
        assert str(insights.query_one(StreakBadge).render()).endswith("·")
        await pilot.press("1", "c")
        await pilot.pause()
        await type_text(pilot, "Sam Lee")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        assert str(insights.query_one(StreakBadge).render()).endswith("✓"), "today has its step on every screen"
        assert "last talked today" in str(insights.query_one("#people", OptionList).get_option_at_index(0).prompt)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_reach_out_dialog_finds_someone_by_the_start_of_their_name_and_asks_which_of_two(journal_path):
    """The one lookup by name (issue 23): "zo" is Zoe, as on the command line; two Sams are a choice, not a
    guess and not a new person."""
    journal_with(journal_path, people=[("Zoe", "friend"), ("Sam Lee", "peer"), ("Sam Park", "mentor")])

    async def steps(pilot):
        await pilot.press("c")
        await pilot.pause()
        form = pilot.app.screen
        await type_text(pilot, "zo")
        await pilot.pause()
        assert str(form.query_one("#who-is", Static).render()) == "Zoe · friend · not contacted yet"
        assert not form.query_one("#field-relation").display, "zo is Zoe, not someone new"
        for _ in range(2):
            await pilot.press("backspace")
        await type_text(pilot, "Sam")
        await pilot.pause()
        assert str(form.query_one("#who-is", Static).render()) == '"Sam" could be Sam Lee or Sam Park; write more of the name.'
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form, "nothing saved while it could be either"
        assert pilot.app.journal.steps.every() == [] and len(pilot.app.journal.steps.people()) == 3
        await type_text(pilot, " P")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [action] = pilot.app.journal.steps.every()
        assert action.person_id == next(p.id for p in pilot.app.journal.steps.people() if p.name == "Sam Park")

    run_app(OnwardApp(journal_path, today=TODAY), steps)
