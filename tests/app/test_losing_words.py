"""A question whose yes loses words typed takes Enter as no (as the duplicate question does): a reflexive Enter,
pressed as the question appears, keeps the words (tester try7 L2: "Quit and lose the reflection typed?" took
Enter as yes)."""

import pytest

from tests.app.test_way_around import palette
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.screens.application_form import ApplicationForm
from tui.screens.confirm import ConfirmDialog
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")


async def typed_form(pilot) -> ApplicationForm:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*"Acme")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ApplicationForm) and form.has_typed_text()
    return form


async def enter_on_the_question(pilot, asked: str) -> None:
    question = pilot.app.screen
    assert isinstance(question, ConfirmDialog) and question.question.startswith(asked), question
    await pilot.press("enter")
    await pilot.pause()
    assert question.answer is False


def test_enter_on_discard_questions_keeps_what_was_typed(journal_path):
    Journal.open(journal_path).close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        form = await typed_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await enter_on_the_question(pilot, "Discard what you typed?")
        await palette(pilot, "go: wins wall")
        await enter_on_the_question(pilot, "Discard what you typed and go to the wins wall?")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await enter_on_the_question(pilot, "Quit and discard what you typed in this form?")
        assert pilot.app.is_running and pilot.app.current_mode == "inbox" and pilot.app.screen is form
        assert form.has_typed_text()

    run_app(app, steps, size=(80, 24))


def test_enter_on_quit_with_a_reflection_not_saved_stays(journal_path):
    """The journal locked by another program: the editor can't save, and Ctrl+Q asks; Enter is no."""
    Journal.open(journal_path).close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.flush_editors = lambda: False  # what an editor says when the journal can't take its words
        await pilot.press("ctrl+q")
        await pilot.pause()
        await enter_on_the_question(pilot, "Not saved: the journal can't be written just now. Quit and lose the reflection typed?")
        assert pilot.app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not pilot.app.is_running

    run_app(app, steps, size=(80, 24))
