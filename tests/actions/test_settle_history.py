"""Settling old history in bulk (issue 23, item 4): what the Inbox asks about from before the follow-up window
is settled in one undoable change; records stay, recent ones are left alone, news brings one back."""

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tests.journal_steps import add_app, log
from tui.actions import Refused, applications
from tui.actions.undo import undo
from tui.domain.entries import check_application
from tui.actions.editing import merge_applications
from tui.actions.imports import import_onward
from tui.domain.attention import follow_up_due_since, is_follow_up_due, is_settled, need_of
from tui.domain.models import OutcomeKind, Status
from tui.domain.onward_json import read_onward
from tui.store.repository import Journal
from tui.store.transfer import export_journal


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


def test_two_settled_histories_merged_stay_settled_at_the_stage_held(journal, tmp_path):
    """Found by a tester: `onward settle`, then `onward merge 12 1`: the merged application asked again ("gone
    quiet?") and fell from interview to screening, as the other one's screening, still planned, was logged
    after the interview held."""
    day = lambda n: TODAY - timedelta(days=n)  # noqa: E731
    planned = _add(journal, "Contoso", 60)
    log(journal, planned, OutcomeKind.SCREENING, day(40), takes_place_on=day(35))  # planned; no word since
    held = _add(journal, "Contoso Ltd", 58)
    log(journal, held, OutcomeKind.SCREENING, day(55), takes_place_on=day(56))  # a day gone by: held
    log(journal, held, OutcomeKind.INTERVIEW, day(50), takes_place_on=day(51))
    applications.settle_history(journal, TODAY)
    assert is_settled(journal.applications.get(held)) and is_settled(journal.applications.get(planned))

    done = merge_applications(journal, held, planned)

    merged = journal.applications.get(held)
    assert [e.kind for e in merged.events][-1] is OutcomeKind.SCREENING and merged.events[-1].is_planned
    assert merged.status is Status.INTERVIEW  # the planned screening takes nothing back
    stored = journal.db.conn.execute("SELECT status FROM applications WHERE id = ?", [held]).fetchone()[0]
    assert stored == Status.INTERVIEW.value  # what the Inbox and onward list read
    assert is_settled(merged) and need_of(merged, False, journal.settings(), TODAY) is None
    # A journal made from its export (an import into an empty one stores statuses from the file's records).
    copy = Journal.open(tmp_path / "copy.db")
    import_onward(copy, read_onward(export_journal(journal)))
    assert copy.db.conn.execute("SELECT status FROM applications WHERE id = ?", [held]).fetchone()[0] == Status.INTERVIEW.value
    assert is_settled(copy.applications.get(held))
    copy.close()
    undo(journal, done.undo)
    assert journal.applications.get(held).settled_through == day(50)  # the last day heard from each
    assert journal.applications.get(planned).settled_through == day(40)


@pytest.mark.parametrize("keep_settled", [True, False])
def test_a_merge_never_hides_what_a_live_application_asks_whichever_is_kept(journal, keep_settled):
    """Tester (try6 #5): merging a fresh application into a settled one left it settled, its follow-up due gone;
    the other way round its follow-up read 46 days overdue (counted from the earlier applied day)."""
    from tui.actions.editing import what_merging_asks

    old = _add(journal, "Initech", 90)
    applications.settle_history(journal, TODAY)
    fresh, _ = add_app(journal, check_application(company="Initech", role="Analyst", today=TODAY, applied="10 days ago"))
    keep, other = (old, fresh.id) if keep_settled else (fresh.id, old)
    assert what_merging_asks(journal, keep, other, TODAY) == "It will ask a follow-up, due since Tue 24 Nov."

    done = merge_applications(journal, keep, other)

    merged = journal.applications.get(keep)
    assert not is_settled(merged) and merged.applied_on == TODAY - timedelta(days=90)  # the earlier applied day
    assert need_of(merged, False, journal.settings(), TODAY) is not None
    assert is_follow_up_due(merged, journal.settings(), TODAY)
    assert follow_up_due_since(merged, journal.settings(), TODAY) == TODAY - timedelta(days=3)  # what the fresh one asked
    undo(journal, done.undo)
    assert is_settled(journal.applications.get(old)) and journal.applications.get(keep).follow_up_on is None
