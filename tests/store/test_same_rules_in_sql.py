"""A rule the store says in SQL (to read a few rows of ten years) is the domain's rule: on random journals
the rows the SQL picks are the ones the domain's function picks."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from tui.actions import applications, reflections
from tui.actions.results import Refused
from tui.domain.entries import ApplicationEntry
from tui.domain.attention import waits_for_reflection
from tui.domain.models import OutcomeKind, Stage, status_after
from tui.domain.reflections import ReflectionEntry
from tui.store.repository import Journal

TODAY = date(2026, 11, 27)

one_application = st.tuples(
    st.integers(0, 90),  # applied this many days ago
    st.lists(st.tuples(st.sampled_from([OutcomeKind.REJECTED, OutcomeKind.SCREENING, OutcomeKind.FOLLOWED_UP, OutcomeKind.OFFER]),
                       st.integers(0, 90)), max_size=3),
    st.booleans(),  # reflected on
    st.sampled_from([None, 0, 30, 120]),  # settled through this many days ago (an import's history)
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(one_application, min_size=1, max_size=8))
def test_the_rejections_to_reflect_on_in_sql_are_the_domain_s(tmp_path_factory, journal_of):
    journal = Journal.open(tmp_path_factory.mktemp("rules") / "journal.db")
    try:
        for number, (applied, outcomes, reflected, settled) in enumerate(journal_of):
            applied_on = TODAY - timedelta(days=applied)
            app_id = applications.add_application(journal, ApplicationEntry(f"Studio {number}", "Designer", applied_on)).id
            assert app_id is not None
            for kind, ago in outcomes:
                try:
                    applications.log_outcome(journal, app_id, kind, max(applied_on, TODAY - timedelta(days=ago)),
                                             stage=Stage.APPLICATION if kind is OutcomeKind.REJECTED else None)
                except Refused:
                    pass
            if reflected:
                reflections.save_reflection(journal, ReflectionEntry(mood=3), TODAY, application_id=app_id)
            if settled is not None:
                with journal.transaction():
                    journal.applications.settle(app_id, TODAY - timedelta(days=settled))
        reflected_ids = journal.reflections.reflected_application_ids()
        every = journal.applications.every()
        by_the_domain = {app.id for app in every if waits_for_reflection(app, app.id in reflected_ids)}
        found = journal.applications.closed(limit=1000, to_reflect_too=True)
        assert set(found.to_reflect) == by_the_domain
        # The closed ones the Inbox lists with c (and counts, listed or not): the rest of those not open.
        closed = {app.id for app in every if not app.status.is_open} - by_the_domain
        assert set(found.closed) == closed and found.closed_total == len(closed)
        assert journal.applications.closed(limit=1).closed_total == len(closed)  # counted beyond those listed
        assert journal.applications.to_reflect_count() == len(by_the_domain)
        read_for_the_inbox = journal.applications.inbox(TODAY)
        inbox = {app.id for app in read_for_the_inbox}
        assert by_the_domain <= inbox
        # The Inbox's applications come with the status and last-heard day the store keeps (not worked out from
        # their timelines again): they are the timelines' own.
        timelines = {app.id: app for app in journal.applications.by_id(inbox)}
        for app in read_for_the_inbox:
            from_timeline = timelines[app.id]
            assert (app.status, app.last_heard_on) == (status_after([e.kind for e in from_timeline.events]), from_timeline.last_heard_on)
    finally:
        journal.close()
