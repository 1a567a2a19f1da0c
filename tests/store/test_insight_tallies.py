"""Insights' counts said in SQL (journal.insights.tallies) against the domain's own rules counted from the
applications as objects (tui.domain.insights.build_insights): the same figures on random journals, so the SQL
cannot drift from what counts as a response, a first answer, waiting, or a field's name."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from tui.domain.entries import ApplicationEntry
from tui.domain.insights import build_insights, insight_sections, insights_from
from tui.domain.models import SCHEDULED_KINDS, Held, OutcomeKind, Stage
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
        app_id = journal.applications.insert_application(entry)
        for _ in range(rng.choice((0, 0, 1, 2, 3, 5))):
            kind = rng.choice(kinds)
            day_unknown = rng.random() < 0.15
            on = applied if day_unknown else applied + timedelta(days=rng.randint(-3, 40))
            stage = rng.choice([*Stage, None]) if kind is OutcomeKind.REJECTED else None
            journal.applications.insert_event(app_id, min(on, TODAY), kind, stage, "", day_unknown=day_unknown, **a_day(rng, kind, on))


def a_day(rng: random.Random, kind: OutcomeKind, on: date) -> dict:
    """Half the screenings and interviews get a day of their own, planned, held or cancelled: planned ones a
    rejection or another closing before their day calls off (never a stage reached)."""
    if kind not in SCHEDULED_KINDS or rng.random() < 0.5:
        return {}
    held = rng.choice((Held.PLANNED, Held.PLANNED, Held.ATTENDED, Held.CANCELLED))
    return {"takes_place_on": on + timedelta(days=rng.randint(-5, 60)), "held": held}


@pytest.mark.parametrize("seed", range(6))
def test_the_sql_counts_give_the_figures_the_domain_gives_from_every_application(journal, seed):
    rng = random.Random(seed)
    random_journal(journal, rng, rng.choice((300, 450, 600)))
    today = TODAY - timedelta(days=rng.choice((0, 3, 40)))
    steps = journal.steps.step_counts()
    from_objects = build_insights(journal.applications.every(), steps, 5, today)
    from_sql = insights_from(journal.insights.tallies(today), steps, 5, today)
    assert from_sql == from_objects
    assert insight_sections(from_sql) == insight_sections(from_objects)
    # The journal held every case the rules decide on.
    assert from_objects.overall.rejections and from_objects.overall.funnel[2] and from_objects.overall.unanswered
    assert any(event.day_unknown for a in journal.applications.every() for event in a.events)
    assert any(event.never_held(a.closed_on) and event.held is Held.PLANNED for a in journal.applications.every() for event in a.events)


def same_figures(journal: Journal, today=TODAY) -> None:
    """The counts kept up to date, and the running totals kept up to date (what the Insights screen shows),
    give the figures of a fresh build from every application."""
    steps = journal.steps.step_counts()
    fresh = build_insights(journal.applications.every(), steps, 5, today)
    assert insights_from(journal.insights.tallies(today), steps, 5, today) == fresh
    assert journal.insights.insights(today, steps, 5) == fresh
    assert insight_sections(journal.insights.insights(today, steps, 5)) == insight_sections(fresh)


@pytest.mark.parametrize("seed", range(3))
def test_after_each_kind_of_write_the_counts_kept_up_to_date_equal_a_fresh_count(journal, seed):
    """After this connection's writes Insights counts again only the applications they changed: after
    every kind of write to applications and outcomes (added, edited, moved to another field or day, merged,
    removed; an outcome added, edited, removed), in any order, the figures are those of a fresh build."""
    from tui.domain.changes import Record

    rng = random.Random(seed)
    random_journal(journal, rng, 200)
    same_figures(journal)
    for _ in range(60):
        ids = [a.id for a in journal.applications.every()]
        events = [e for a in journal.applications.every() for e in a.events]
        app_id = rng.choice(ids)
        write = rng.randrange(7)
        if write == 0:
            random_journal(journal, rng, 1)
        elif write == 1:
            kind = rng.choice(list(OutcomeKind))
            on = TODAY - timedelta(days=rng.randrange(30))
            journal.applications.insert_event(app_id, on, kind, rng.choice([*Stage, None]) if kind is OutcomeKind.REJECTED else None,
                                              "", day_unknown=rng.random() < 0.2, **a_day(rng, kind, on))
        elif write == 2 and events:
            event = rng.choice(events)
            journal.applications.update_event_row(event.id, event.on - timedelta(days=rng.randrange(-5, 5)), rng.choice([*Stage, None]), "")
        elif write == 3 and events:
            journal.records.delete_record(Record.EVENT, rng.choice(events).id)
        elif write == 4:
            journal.applications.update_application_row(app_id, ApplicationEntry(
                company="Moved", role="Analyst", applied_on=TODAY - timedelta(days=rng.randrange(700)),
                field=rng.choice(FIELDS), source=rng.choice(SOURCES)))
        elif write == 5:
            journal.records.delete_record(Record.APPLICATION, app_id)
        elif write == 6 and len(ids) > 1:
            journal.applications.move_to_application(app_id, rng.choice([i for i in ids if i != app_id]))
        same_figures(journal)


def test_another_connections_commit_is_counted_too(journal, journal_path):
    random_journal(journal, random.Random(2), 40)
    same_figures(journal)
    other = Journal.open(journal_path, create=False)
    try:
        random_journal(other, random.Random(3), 5)
    finally:
        other.close()
    same_figures(journal)


def test_a_field_and_a_source_are_named_as_their_first_application_still_there_spells_them(journal):
    from tui.domain.changes import Record

    first = journal.applications.insert_application(ApplicationEntry(company="A", role="r", applied_on=TODAY - timedelta(days=9), field="data ", source="web"))
    journal.applications.insert_application(ApplicationEntry(company="B", role="r", applied_on=TODAY - timedelta(days=5), field="Data", source="Web"))
    journal.applications.insert_application(ApplicationEntry(company="C", role="r", applied_on=TODAY - timedelta(days=2), field="data ", source="web"))
    insights = insights_from(journal.insights.tallies(TODAY), {}, 5, TODAY)
    assert [f.name for f in insights.fields] == ["data"] and [(r.label, r.applied) for r in insights.sources] == [("web", 3)]
    journal.records.delete_record(Record.APPLICATION, first)
    insights = insights_from(journal.insights.tallies(TODAY), {}, 5, TODAY)
    # One source in two spellings is one row, as a field is (try7 D).
    assert [f.name for f in insights.fields] == ["Data"] and [(r.label, r.applied) for r in insights.sources] == [("Web", 2)]
    same_figures(journal)
