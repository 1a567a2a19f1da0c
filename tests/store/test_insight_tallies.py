"""Insights' counts said in SQL (Journal.insight_tallies) against the domain's own rules counted from the
applications as objects (tui.domain.insights.build_insights): the same figures on random journals, so the SQL
cannot drift from what counts as a response, a first answer, waiting, or a field's name."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from tui.domain.entries import ApplicationEntry
from tui.domain.insights import build_insights, insight_sections, insights_from
from tui.domain.models import OutcomeKind, Stage
from tui.store.repository import Journal

FIELDS = ("Data", "data ", " DATA", "Design", "", "  ", "Ops", "Écoles")
SOURCES = ("LinkedIn", "linkedin", " referral", "", "job board", "Job Board ")


def random_journal(journal: Journal, rng: random.Random, count: int) -> None:
    """`count` applications over two years, with rejections at every stage or none, interviews, ghosting,
    withdrawals, follow-ups and notes, several outcomes on one day, outcomes before the applied day, and
    outcomes an import gave no day of their own."""
    kinds = list(OutcomeKind)
    for number in range(count):
        applied = TODAY - timedelta(days=rng.randrange(730))
        entry = ApplicationEntry(
            company=f"Co {number}", role="Analyst", applied_on=applied, field=rng.choice(FIELDS), source=rng.choice(SOURCES),
        )
        app_id = journal.insert_application(entry)
        for _ in range(rng.choice((0, 0, 1, 2, 3, 5))):
            kind = rng.choice(kinds)
            day_unknown = rng.random() < 0.15
            on = applied if day_unknown else applied + timedelta(days=rng.randint(-3, 40))
            stage = rng.choice([*Stage, None]) if kind is OutcomeKind.REJECTED else None
            journal.insert_event(app_id, min(on, TODAY), kind, stage, "", day_unknown=day_unknown)


@pytest.mark.parametrize("seed", range(6))
def test_the_sql_counts_give_the_figures_the_domain_gives_from_every_application(journal, seed):
    rng = random.Random(seed)
    random_journal(journal, rng, rng.choice((300, 450, 600)))
    today = TODAY - timedelta(days=rng.choice((0, 3, 40)))
    steps = journal.step_counts()
    from_objects = build_insights(journal.applications(), steps, 5, today)
    from_sql = insights_from(journal.insight_tallies(today), steps, 5, today)
    assert from_sql == from_objects
    assert insight_sections(from_sql) == insight_sections(from_objects)
    # The journal held every case the rules decide on.
    assert from_objects.overall.rejections and from_objects.overall.funnel[2] and from_objects.overall.waiting
    assert any(event.day_unknown for a in journal.applications() for event in a.events)


def test_the_counts_are_read_again_after_a_write_and_not_before(journal):
    random_journal(journal, random.Random(1), 50)
    first = journal.insight_tallies(TODAY)
    assert journal.insight_tallies(TODAY) is first, "nothing changed: remembered"
    app_id = journal.applications()[0].id
    journal.insert_event(app_id, TODAY, OutcomeKind.REJECTED, Stage.INTERVIEW, "")
    after = insights_from(journal.insight_tallies(TODAY), {}, 5, TODAY)
    assert after == build_insights(journal.applications(), {}, 5, TODAY)
    assert after != insights_from(first, {}, 5, TODAY)
