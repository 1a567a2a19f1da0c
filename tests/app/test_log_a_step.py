"""`a` (log a step) in the Inbox: the kind list opens on a step that needs no application, and a follow-up
logged through it with an application selected is that application's follow-up, as `u` logs it (a tester saw
`a`, Ctrl+S log a follow-up on nothing while the selected one's stayed due, and the report list it with no company)."""

import pytest
from textual.widgets import Label, OptionList

from tests.app.test_inbox import notifications, seed, select
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.domain.models import ActionKind
from tui.screens.action_form import ActionForm
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def test_a_opens_on_networking_and_a_follow_up_picked_goes_on_the_selected_application(journal_path):
    seed(journal_path, "Acme", "Fabrikam", days_ago=12)

    async def steps(pilot):
        await select(pilot, "Fabrikam")
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionForm)
        kinds = form.query_one("#kind", OptionList)
        assert kinds.get_option_at_index(kinds.highlighted).id == ActionKind.NETWORKING.value
        hint = form.query_one("#follow-up-on", Label)
        assert not hint.display
        await pilot.press("up")
        await pilot.pause()
        assert kinds.get_option_at_index(kinds.highlighted).id == ActionKind.FOLLOWED_UP.value
        assert hint.display and "Fabrikam — Analyst" in str(hint.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ActionForm)
        assert any("Fabrikam" in n for n in notifications(pilot.app))

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    journal = Journal.open(journal_path)
    by_company = {app.company: app for app in journal.applications.every()}
    assert by_company["Fabrikam"].has_followed_up and not by_company["Acme"].has_followed_up
    assert [step.application_id for step in journal.steps.every() if step.kind is ActionKind.FOLLOWED_UP] == [by_company["Fabrikam"].id]
    journal.close()
