from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.conftest import make_demo_journal
from tui.actions import views
from tui.domain.models import OutcomeKind, Stage
from tui.store.repository import Journal
from tests.journal_steps import change_settings, log, rest_day, undo

TODAY = date(2026, 11, 27)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=32), st.integers(min_value=0, max_value=30), st.sampled_from(list(Stage)))
def test_a_rejection_never_changes_the_streak(tmp_path_factory, application_id, days_ago, stage):
    path = make_demo_journal(tmp_path_factory.mktemp("j") / "demo.db")
    journal = Journal.open(path)
    try:
        before = views.meter(journal, TODAY)
        application = journal.applications.get(application_id)
        assume(application.status.value != "rejected")  # a second rejection is refused
        on = max(application.applied_on, TODAY - timedelta(days=days_ago))
        log(journal, application_id, OutcomeKind.REJECTED, on, stage=stage, reopen=True)
        after = views.meter(journal, TODAY)
        assert after.summary == before.summary
        assert after.score == before.score
    finally:
        journal.close()


def test_settings_and_rest_days_undo(journal):
    change = change_settings(journal, weekly_target=3, rest_weekdays=frozenset({0}))
    assert (journal.settings().weekly_target, journal.settings().rest_weekdays) == (3, frozenset({0}))
    undo(journal, change)
    assert (journal.settings().weekly_target, journal.settings().rest_weekdays) == (5, frozenset({5, 6}))
    rest = rest_day(journal, TODAY, True, TODAY)
    assert views.rhythm(journal).is_rest(TODAY)
    undo(journal, rest)
    assert not views.rhythm(journal).is_rest(TODAY)
