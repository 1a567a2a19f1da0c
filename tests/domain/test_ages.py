"""How long ago things were, as the Inbox says it: days, then weeks, months and years — never "57 weeks ago"."""

from datetime import date, timedelta

import pytest

from tui.domain.inbox import _ago, application_row
from tui.domain.models import Application, OutcomeEvent, OutcomeKind, Settings, Stage

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "days, said",
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (20, "2 weeks ago"),
        (21, "3 weeks ago"),
        (55, "7 weeks ago"),
        (56, "8 weeks ago"),
        (59, "8 weeks ago"),
        (60, "2 months ago"),
        (89, "2 months ago"),
        (90, "3 months ago"),
        (183, "6 months ago"),
        (330, "11 months ago"),
        (364, "11 months ago"),
        (365, "1 year ago"),
        (399, "1 year ago"),  # 57 weeks
        (729, "1 year ago"),
        (730, "2 years ago"),
        (3652, "10 years ago"),
    ],
)
def test_ages_read_as_people_say_them(days, said):
    assert _ago(days) == said


def test_an_old_application_says_when_it_was_applied_in_years():
    old = Application(
        id=1, company="Acme", role="Analyst", field="data", applied_on=TODAY - timedelta(days=400),
        events=(OutcomeEvent(1, 1, TODAY - timedelta(days=390), OutcomeKind.REJECTED, Stage.APPLICATION),),
    )
    row = application_row(old, True, Settings(), TODAY, show_closed=True)
    assert row is not None and row.hint == "rejected · data · applied 1 year ago"
