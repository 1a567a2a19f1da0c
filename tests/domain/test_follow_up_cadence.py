"""The follow-up cadence (issue 13): due the interval after applying, then again after each follow-up, up
to settings.follow_ups; a day the user sets wins; across a month and a year boundary."""

from datetime import date, timedelta

import pytest

from tui.domain.attention import follow_up_due_on, is_follow_up_due
from tui.domain.inbox import Section, application_row
from tui.domain.models import Application, OutcomeEvent, OutcomeKind, Settings


def app(applied, *followed_up, follow_up_on=None, replied=None):
    events = [OutcomeEvent(i + 1, 1, day, OutcomeKind.FOLLOWED_UP) for i, day in enumerate(followed_up)]
    if replied:
        events.append(OutcomeEvent(99, 1, replied, OutcomeKind.SCREENING))
    return Application(1, "Acme", "Analyst", applied, follow_up_on=follow_up_on, events=tuple(events))


SETTINGS = Settings(follow_up_after_days=7, follow_ups=2, ghosted_after_days=30)


@pytest.mark.parametrize("applied, followed, due", [
    (date(2026, 11, 27), (), date(2026, 12, 4)),  # across a month
    (date(2026, 12, 28), (), date(2027, 1, 4)),  # across a year
    (date(2026, 12, 20), (date(2026, 12, 29),), date(2027, 1, 5)),  # again after the follow-up
])
def test_next_follow_up_day(applied, followed, due):
    assert follow_up_due_on(app(applied, *followed), SETTINGS) == due
    assert not is_follow_up_due(app(applied, *followed), SETTINGS, due - timedelta(days=1))
    assert is_follow_up_due(app(applied, *followed), SETTINGS, due)


def test_after_the_last_follow_up_it_is_never_due_again_and_ghosted_is_suggested_later():
    twice = app(date(2026, 10, 1), date(2026, 10, 8), date(2026, 10, 15))
    assert not is_follow_up_due(twice, SETTINGS, date(2026, 10, 30))
    assert is_follow_up_due(twice, Settings(follow_up_after_days=7, follow_ups=3), date(2026, 10, 22))
    row = application_row(twice, False, SETTINGS, date(2026, 11, 20))
    assert row.section is Section.WAITING and row.suggests_ghosted  # 36 days after the last word


def test_a_reply_ends_the_reminders():
    assert not is_follow_up_due(app(date(2026, 10, 1), replied=date(2026, 10, 3)), SETTINGS, date(2026, 12, 1))


def test_a_day_set_by_the_user_wins_until_the_next_follow_up():
    moved = app(date(2026, 11, 1), follow_up_on=date(2026, 11, 20))
    assert follow_up_due_on(moved, SETTINGS) == date(2026, 11, 20)
    assert not is_follow_up_due(moved, SETTINGS, date(2026, 11, 19))
    done = app(date(2026, 11, 1), date(2026, 11, 21), follow_up_on=date(2026, 11, 20))
    assert follow_up_due_on(done, SETTINGS) == date(2026, 11, 28), "once followed up, the cadence goes on from there"
