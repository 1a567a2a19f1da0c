"""Removing an application from the Inbox, and adding one that looks like a duplicate (issue 13)."""

import pytest

from tests.app.test_inbox import reopen, seed, select, type_text
from tests.conftest import TODAY, run_app
from tui.actions.editing import what_goes_with
from tui.actions.steps import log_action
from tui.domain.entries import check_action
from tui.app import OnwardApp
from tui.domain.changes import Record
from tui.screens.application_form import ApplicationForm
from tui.screens.confirm import ConfirmDialog
from tui.screens.inbox import InboxScreen

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def test_delete_removes_an_application_after_saying_what_goes_and_z_brings_it_back(journal_path):
    seed(journal_path, "Acme", "Birch")

    async def steps(pilot):
        await select(pilot, "Birch")
        await pilot.press("delete")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question.startswith("Remove Birch — Analyst (applied 2026-11-24) and its 1 step")
        await pilot.press("y")
        await pilot.pause()
        assert [a.company for a in pilot.app.journal.applications.every()] == ["Acme"]
        assert all(row.application is None or row.application.company != "Birch" for row in pilot.app.screen.rows if row)
        await pilot.press("z")
        await pilot.pause()
        assert sorted(a.company for a in pilot.app.journal.applications.every()) == ["Acme", "Birch"]
        assert pilot.app.screen.selected_application.company == "Birch"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_removal_question_names_the_streak_milestone_the_application_held_up(journal_path):
    """Applied Mon 23 Nov (its step), networking Tue 24 and Wed 25: removing the application takes the 3-day
    streak's win, and the question names it as the command line's does (one function)."""
    seed(journal_path, "Acme", days_ago=4)
    journal = reopen(journal_path)
    for day in ("2026-11-24", "2026-11-25"):
        log_action(journal, check_action(kind="networking", today=TODAY, on=day))
    journal.close()

    async def steps(pilot):
        await select(pilot, "Acme")
        await pilot.press("delete")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question.endswith(", and the win “3-day streak of persistent days”?")
        await pilot.press("y")
        await pilot.pause()
        assert "3-day streak of persistent days" not in {win.title for win in pilot.app.journal.wins.every()}

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_n_stops_a_removal(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("delete", "n")
        await pilot.pause()

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    journal = reopen(journal_path)
    assert len(journal.applications.every()) == 1
    journal.close()


def test_adding_a_duplicate_asks_and_yes_saves_and_closes_the_form(journal_path):
    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("n")
        await type_text(pilot, "acme")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog) and "already" in pilot.app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InboxScreen), "the form closed once saved"
        assert len(pilot.app.journal.applications.every()) == 2

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_new_application_saves_and_closes_as_before(journal_path):
    async def steps(pilot):
        await pilot.press("n")
        await type_text(pilot, "Zed")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InboxScreen)
        assert not any(isinstance(s, ApplicationForm) for s in pilot.app.screen_stack)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_adding_one_applied_another_day_says_the_day_its_step_counts_on(journal_path):
    from textual.widgets import Input

    async def steps(pilot):
        await pilot.press("n")
        await type_text(pilot, "Zeta")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        pilot.app.screen.query_one("#applied", Input).value = "Nov 25"
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
        assert "Added Zeta — Analyst. Nice — counted as a step on Wed 25 Nov." in said

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def _journal_with_a_reflection_on_a_rejection(path) -> None:
    from datetime import timedelta

    from tests.journal_steps import log, reflect
    from tui.domain.models import OutcomeKind
    from tui.domain.reflections import check_reflection
    from tui.store.repository import Journal

    seed(path, "Acme", "Birch")
    journal = Journal.open(path)
    log(journal, 1, OutcomeKind.REJECTED, TODAY - timedelta(days=1))
    reflect(journal, check_reflection(today=TODAY, mood=2, went_well="The SQL task"), TODAY, application_id=1)
    reflect(journal, check_reflection(today=TODAY, mood=4, went_well="A free-standing one"), TODAY - timedelta(days=2))
    journal.close()


def test_delete_in_the_reflections_list_asks_naming_its_step_and_win_then_removes_and_z_brings_it_back(journal_path):
    """The Reflections area removes as the Timeline does: the same question, the same action, z undoes it."""
    _journal_with_a_reflection_on_a_rejection(journal_path)

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        area = pilot.app.screen
        assert [r.went_well for r in area.shown] == ["The SQL task", "A free-standing one"]
        reflection = area.shown[0]
        tied = pilot.app.journal.records.tied_to(Record.REFLECTION, reflection.id)
        assert tied[Record.ACTION] and tied[Record.WIN]  # it has a step and a win to name
        await pilot.press("delete")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question == f"Remove {what_goes_with(pilot.app.journal, Record.REFLECTION, reflection.id)}?"
        assert question.question == f"Remove the reflection of {TODAY.isoformat()} on Acme and its 1 step and 1 win?"
        await pilot.press("n")  # changes nothing
        await pilot.pause()
        assert pilot.app.screen is area
        assert len(pilot.app.journal.reflections.every()) == 2
        assert [r.went_well for r in area.shown] == ["The SQL task", "A free-standing one"]
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [r.went_well for r in pilot.app.journal.reflections.every()] == ["A free-standing one"]
        assert [r.went_well for r in area.shown] == ["A free-standing one"]
        assert pilot.app.journal.records.tied_to(Record.REFLECTION, reflection.id)[Record.WIN] == []
        await pilot.press("z")
        await pilot.pause()
        assert [r.went_well for r in area.shown] == ["The SQL task", "A free-standing one"]
        assert pilot.app.journal.records.tied_to(Record.REFLECTION, reflection.id) == tied

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_reflections_remove_key_is_in_the_key_bar_the_help_and_the_palette(journal_path):
    from tui.palette import key_groups, onward_commands
    from tui.widgets.keybar import KeyBar

    _journal_with_a_reflection_on_a_rejection(journal_path)

    async def steps(pilot):
        await pilot.press("2")
        await pilot.pause()
        screen = pilot.app.screen
        screen_keys, _ = screen.query_one(KeyBar).keys()
        assert ("del", "Remove") in [(key.display, key.description) for key in screen_keys]
        [(title, keys), _] = key_groups(pilot.app, screen)
        assert ("del", "remove the selected reflection and what goes with it (asks first; z undoes)") in keys
        commands = {command.title: command.help for command in onward_commands(pilot.app, screen)}
        assert commands["reflections: remove the selected reflection and what goes with it (asks first; z undoes)"] == "Key: del"

    run_app(OnwardApp(journal_path, today=TODAY), steps, size=(200, 24))
