"""Settling old history in bulk (issue 23, item 4): what the Inbox asks about from before the follow-up window
is settled in one undoable change; records stay, recent ones are left alone, news brings one back."""

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tests.journal_steps import add_app, log
from tui.actions import Refused, applications
from tui.actions.undo import undo
from tui.domain.entries import check_application
from tui.domain.attention import is_follow_up_due, is_settled
from tui.domain.models import OutcomeKind


def _add(journal, company, days_ago):
    app, _ = add_app(journal, check_application(company=company, role="Analyst", today=TODAY, applied=f"{days_ago} days ago"))
    return app.id


def test_old_history_is_settled_in_one_change_and_undone_in_one(journal):
    old = _add(journal, "Old Co", 90)
    rejected = _add(journal, "Gone Co", 80)
    log(journal, rejected, OutcomeKind.REJECTED, TODAY - timedelta(days=70))
    recent = _add(journal, "New Co", 2)
    settings = journal.settings()
    assert is_follow_up_due(journal.applications.get(old), settings, TODAY) and journal.applications.to_reflect_count() == 1

    done = applications.settle_history(journal, TODAY)

    assert "Settled 2 applications as history" in done.message
    assert is_settled(journal.applications.get(old)) and is_settled(journal.applications.get(rejected))
    assert not is_settled(journal.applications.get(recent))
    assert not is_follow_up_due(journal.applications.get(old), settings, TODAY) and journal.applications.to_reflect_count() == 0
    assert len(journal.applications.every()) == 3  # every record stays
    undo(journal, done.undo)
    assert not is_settled(journal.applications.get(old)) and journal.applications.to_reflect_count() == 1


def test_news_after_settling_brings_an_application_back(journal):
    old = _add(journal, "Old Co", 90)
    applications.settle_history(journal, TODAY)
    log(journal, old, OutcomeKind.SCREENING, TODAY)
    assert not is_settled(journal.applications.get(old))


def test_nothing_old_is_refused_saying_why(journal):
    _add(journal, "New Co", 2)
    with pytest.raises(Refused, match="Nothing to settle: nothing the Inbox asks about is older than the follow-up window"):
        applications.settle_history(journal, TODAY)
