"""Removing an application from the Inbox, and adding one that looks like a duplicate (issue 13)."""

import pytest

from tests.app.test_inbox import reopen, seed, select, type_text
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
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
