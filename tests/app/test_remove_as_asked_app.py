"""The app's remove question answered y takes what it named, not what another window or the command line added
while it was up (try7 P); tests/cli/test_remove_as_asked_cli.py asks the command line's."""

from datetime import timedelta

import pytest

from tests.app.test_inbox import seed, select
from tests.cli.test_edit_cli import read
from tests.conftest import TODAY, run_app
from tui.actions.applications import log_outcome
from tui.app import OnwardApp
from tui.domain.models import OutcomeKind
from tui.screens.confirm import ConfirmDialog
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def added_elsewhere(path, application_id: int) -> None:
    other = Journal.open(path)
    try:
        log_outcome(other, application_id, OutcomeKind.NOTE, TODAY, note="important note added elsewhere")
        log_outcome(other, application_id, OutcomeKind.INTERVIEW, TODAY, takes_place_on=TODAY + timedelta(days=7))
    finally:
        other.close()


def test_yes_removes_nothing_when_another_window_added_to_it_while_the_question_was_up(journal_path):
    seed(journal_path, "Acme", "Zeta")

    async def steps(pilot):
        await select(pilot, "Zeta")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert pilot.app.screen.question.startswith("Remove Zeta — Analyst (applied 2026-11-24) and its 1 step")
        added_elsewhere(journal_path, 2)
        await pilot.press("y")
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
        assert (
            "Zeta changed since you were asked (a note and an interview were added) — not removed; "
            "press Delete again to see what goes."
        ) in said
        assert sorted(a.company for a in pilot.app.journal.applications.every()) == ["Acme", "Zeta"]

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    assert len(read(journal_path, lambda j: j.applications.get(2).events)) == 2
