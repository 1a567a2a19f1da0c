"""Undo never gets stuck (issue 24, N14): a change whose record's id was given to another record since (the
command line logged an outcome after the app removed one) is refused kindly, changing nothing, and the older
changes can still be undone."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY
from tui.actions import Refused
from tui.actions.applications import add_application, log_outcome
from tui.actions.editing import remove_event
from tui.actions.undo import undo
from tui.domain.entries import ApplicationEntry
from tui.domain.models import OutcomeKind
from tui.store.repository import Journal


def test_undo_of_a_removal_whose_id_was_reused_is_refused_and_older_undos_still_work(journal_path):
    app = Journal.open(journal_path)  # the app's connection
    command_line = Journal.open(journal_path)
    try:
        older = add_application(app, ApplicationEntry("Initech", "Analyst", TODAY)).undo
        acme = add_application(app, ApplicationEntry("Acme", "Analyst", TODAY)).id
        globex = add_application(app, ApplicationEntry("Globex", "Analyst", TODAY)).id
        event_id = log_outcome(app, globex, OutcomeKind.SCREENING, TODAY).id
        removal = remove_event(app, event_id).undo
        reused = log_outcome(command_line, acme, OutcomeKind.SCREENING, TODAY).id
        assert reused == event_id  # SQLite gave the freed id to the command line's outcome
        assert older is not None and removal is not None
        with pytest.raises(Refused) as refused:
            undo(app, removal)
        assert "not undone" in str(refused.value) and "UNIQUE" not in str(refused.value)
        assert [e.kind for e in app.applications.get(acme).events] == [OutcomeKind.SCREENING]
        assert app.applications.get(globex).events == ()
        undo(app, older)  # the change before it is undone as usual
        assert "Initech" not in {a.company for a in app.applications.every()}
    finally:
        app.close()
        command_line.close()
