"""The Inbox's data (issue 25): what `InboxReader` keeps up to date per write equals what it reads afresh.

The Inbox screen reads once, then after each write reads again only the applications the write touched
(as the screen does: an application's own write names it, a step, win, reflection or setting names none,
an undo names the applications in its guard). After every kind of write, and after undoing it, the data
kept that way must equal a fresh reader's, in every view: no filter, closed ones shown, a filter typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tests.conftest import TODAY, make_empty_journal
from tui.actions import Done
from tui.actions import editing, interviews, support
from tui.actions.applications import add_application, edit_application, log_outcome
from tui.actions.follow_ups import set_follow_up_day
from tui.actions.inbox_view import InboxData, InboxReader
from tui.actions.reflections import drop_draft, save_reflection
from tui.actions.steps import change_settings, finish_next_step, log_action
from tui.actions.undo import undo
from tui.actions.wins import add_win
from tui.domain.changes import ApplicationScope
from tui.domain.entries import check_action, check_application, check_win
from tui.domain.inbox import DRAFT_WAITS, Section
from tui.domain.models import OutcomeKind, Stage
from tui.domain.reflections import check_reflection
from tui.domain.support import PersonEntry
from tui.store.repository import Journal

ACME, BIRCH, CEDAR, DELTA, EAGLE, FINCH, GROVE, IVY = range(1, 9)


def seeded(journal: Journal) -> None:
    """Something in every section: a follow-up due, rejections to reflect on (three in one field: a broaden
    nudge), one waiting, a planned interview, a closed one, a reflection with a next step due today."""
    def applied(company: str, days_ago: int, field: str = "Data") -> int:
        entry = check_application(company=company, role="Analyst", field=field, today=TODAY, applied=f"{days_ago} days ago")
        done = add_application(journal, entry)
        assert done.id is not None
        return done.id

    assert applied("Acme", 10, "Design") == ACME  # a follow-up due
    for company, days in (("Birch", 20), ("Cedar", 18), ("Delta", 16)):
        log_outcome(journal, applied(company, days), OutcomeKind.REJECTED, TODAY - timedelta(days=days - 5), stage=Stage.SCREENING)
    assert applied("Eagle", 2, "Ops") == EAGLE  # waiting
    log_outcome(journal, applied("Finch", 5, "Ops"), OutcomeKind.SCREENING, TODAY - timedelta(days=1), takes_place_on=TODAY + timedelta(days=3))
    log_outcome(journal, applied("Grove", 40, "Ops"), OutcomeKind.WITHDRAWN, TODAY - timedelta(days=30))
    # An interview yesterday, not said how it went: Today asks.
    log_outcome(journal, applied("Ivy", 9, "Ops"), OutcomeKind.INTERVIEW, TODAY - timedelta(days=4), takes_place_on=TODAY - timedelta(days=1))
    reflection = check_reflection(mood=3, today=TODAY, next_step="Rewrite the CV", next_step_on="today", talk_to="Sam")
    save_reflection(journal, reflection, TODAY - timedelta(days=1), application_id=BIRCH)


def planned_event(journal: Journal, application_id: int) -> int:
    return interviews.planned_for(journal, application_id, TODAY).id


def next_step_id(journal: Journal) -> int:
    reflection = journal.reflections.latest_of_application(BIRCH)
    assert reflection is not None
    return reflection.id


# Each kind of write a user makes from the Inbox (or another area), and the applications the screen reads
# again after it.
WRITES: dict[str, tuple[Callable[[Journal], Done], tuple[int, ...]]] = {
    "add an application": (lambda j: add_application(j, check_application(company="Hazel", role="Dev", today=TODAY)), (IVY + 1,)),
    "edit an application": (lambda j: edit_application(j, EAGLE, check_application(company="Eagle Two", role="Lead", today=TODAY, applied="2 days ago")), (EAGLE,)),
    "log a rejection": (lambda j: log_outcome(j, EAGLE, OutcomeKind.REJECTED, TODAY, stage=Stage.INTERVIEW), (EAGLE,)),
    "log a screening ahead": (lambda j: log_outcome(j, ACME, OutcomeKind.SCREENING, TODAY, takes_place_on=TODAY + timedelta(days=2)), (ACME,)),
    "follow up": (lambda j: log_outcome(j, ACME, OutcomeKind.FOLLOWED_UP, TODAY), (ACME,)),
    "mark ghosted": (lambda j: log_outcome(j, EAGLE, OutcomeKind.GHOSTED, TODAY), (EAGLE,)),
    "log an offer": (lambda j: log_outcome(j, FINCH, OutcomeKind.OFFER, TODAY), (FINCH,)),
    "set a follow-up day": (lambda j: set_follow_up_day(j, ACME, TODAY + timedelta(days=4), TODAY), (ACME,)),
    "interview held": (lambda j: interviews.attended(j, planned_event(j, IVY), TODAY), (IVY,)),
    "interview cancelled": (lambda j: interviews.cancelled(j, planned_event(j, IVY)), (IVY,)),
    "interview moved": (lambda j: interviews.moved(j, planned_event(j, FINCH), TODAY + timedelta(days=1), TODAY), (FINCH,)),
    "ask for feedback": (lambda j: support.ask_for_feedback(j, CEDAR, TODAY), (CEDAR,)),
    "remove an application": (lambda j: editing.remove_application(j, CEDAR), (CEDAR,)),
    "save a reflection": (lambda j: save_reflection(j, check_reflection(mood=4, today=TODAY), TODAY, application_id=CEDAR), ()),
    "finish a next step": (lambda j: finish_next_step(j, next_step_id(j), TODAY), ()),
    "log a step": (lambda j: log_action(j, check_action(kind="networking", today=TODAY, note="Coffee")), ()),
    "reach out": (lambda j: support.reach_out(j, "Sam", TODAY, note="call", new_person=PersonEntry("Sam")), ()),
    "add a win": (lambda j: add_win(j, check_win(title="Nice call", kind="other", today=TODAY, application_id=EAGLE)), ()),
    "hide the nudge": (lambda j: support.hide_nudge(j, "Data", TODAY), ()),
    "change the follow-up rhythm": (lambda j: change_settings(j, follow_up_after_days=3), ()),
    "change the ghosted threshold": (lambda j: change_settings(j, ghosted_after_days=7), ()),
}

VIEWS = {"no filter": ("", False), "closed shown": ("", True), "filtered": ("analyst", False)}


def fresh(journal: Journal, query: str, show_closed: bool) -> InboxData:
    return InboxReader().read(journal, TODAY, query=query, show_closed=show_closed)


@pytest.fixture
def journal(journal_path) -> Journal:
    opened = Journal.open(make_empty_journal(journal_path))
    seeded(opened)
    yield opened
    opened.close()


def test_the_seeded_journal_fills_every_section(journal):
    data = fresh(journal, "", True)
    for section in Section:
        assert data.inbox.section(section), section
    assert data.nudge is not None and data.nudge.field == "Data"


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("write", WRITES)
def test_what_the_reader_keeps_after_a_write_and_its_undo_equals_a_fresh_read(journal, write, view):
    query, show_closed = VIEWS[view]
    reader = InboxReader()
    reader.read(journal, TODAY)
    before = reader.read(journal, TODAY, query=query, show_closed=show_closed, reload=False)  # as the filter does
    assert before == fresh(journal, query, show_closed)
    change, touched = WRITES[write]
    done = change(journal)
    kept = reader.read(journal, TODAY, query=query, show_closed=show_closed, touched=touched)
    assert kept != before, "the write shows"
    assert kept == fresh(journal, query, show_closed)
    assert done.undo is not None
    undo(journal, done.undo)
    touched_by_undo = [scope.id for scope, _ in done.undo.guard if isinstance(scope, ApplicationScope)]
    kept = reader.read(journal, TODAY, query=query, show_closed=show_closed, touched=touched_by_undo)
    assert kept == fresh(journal, query, show_closed)
    if write == "save a reflection":
        # Undone, its words wait as a draft (README) and Cedar's row points at it; dropped, the row is as before.
        (cedar,) = [row for row in kept.inbox.section(Section.TO_REFLECT_ON) if row.application and row.application.id == CEDAR]
        assert cedar.hint.startswith(DRAFT_WAITS) and kept != before
        drop_draft(journal, f"application:{CEDAR}")
        kept = reader.read(journal, TODAY, query=query, show_closed=show_closed, touched=())
    assert kept == fresh(journal, query, show_closed) == before


def test_the_applications_held_stay_current_after_this_app_s_own_writes_but_not_another_s(journal, journal_path):
    """Coming back to the Inbox reads every application again only when someone else changed them."""
    reader = InboxReader()
    reader.read(journal, TODAY)
    assert reader.holds_current(journal)
    log_outcome(journal, ACME, OutcomeKind.FOLLOWED_UP, TODAY)
    reader.read(journal, TODAY, touched=[ACME])
    assert reader.holds_current(journal)
    other = Journal.open(journal_path)
    log_outcome(other, EAGLE, OutcomeKind.GHOSTED, TODAY)
    other.close()
    assert not reader.holds_current(journal)
    assert reader.read(journal, TODAY) == fresh(journal, "", False)


def test_a_new_day_moves_what_is_due(journal):
    reader = InboxReader()
    today = reader.read(journal, TODAY)
    tomorrow: date = TODAY + timedelta(days=1)
    later = reader.read(journal, tomorrow, touched=())
    assert later == InboxReader().read(journal, tomorrow)
    assert later.inbox.greeting != today.inbox.greeting


def many_closed(journal: Journal) -> dict[str, int]:
    """Seven closed ones (six withdrawn, a rejection reflected on) and four rejections waiting for a
    reflection, all analysts: more than the caps the test sets list."""
    ids = {}
    for n in range(6):
        done = add_application(journal, check_application(company=f"Oak {n}", role="Analyst", today=TODAY, applied=f"{40 - n} days ago"))
        assert done.id is not None
        ids[f"Oak {n}"] = done.id
        log_outcome(journal, done.id, OutcomeKind.WITHDRAWN, TODAY - timedelta(days=30 - n))
    for n in range(4):
        done = add_application(journal, check_application(company=f"Ash {n}", role="Analyst", today=TODAY, applied=f"{30 - n} days ago"))
        assert done.id is not None
        log_outcome(journal, done.id, OutcomeKind.REJECTED, TODAY - timedelta(days=20 - n), stage=Stage.APPLICATION)
    done = add_application(journal, check_application(company="Elm", role="Analyst", today=TODAY, applied="50 days ago"))
    assert done.id is not None
    log_outcome(journal, done.id, OutcomeKind.REJECTED, TODAY - timedelta(days=45), stage=Stage.SCREENING)
    save_reflection(journal, check_reflection(mood=3, today=TODAY), TODAY - timedelta(days=44), application_id=done.id)
    return ids


# Typed into the filter one key at a time (or the closed toggle): letters that narrow, a backspace that
# widens, a new word, no match, the closed ones without a filter then a filter on them.
TYPED = [
    ("a", False), ("an", False), ("oak", False), ("oak 2", False), ("oak 2 analyst", False), ("oak 2 analyst x", False),
    ("oak 2 analyst", False), ("oak 2", False), ("oak", False), ("ash", False), ("ash 1", False), ("ash 1 an", False),
    ("as", False), ("", True), ("ash", True), ("elm", True), ("", False), ("ash", False), ("ash 3", False),
]


@pytest.mark.parametrize("closed_shown", [3, 8, 20])
def test_each_key_typed_in_the_filter_shows_what_a_fresh_read_does(journal_path, monkeypatch, closed_shown):
    """The filter reads as few closed ones as it can per key (a narrower query's matches among those of the
    last, those read before not read again): still every match of every word, the newest CLOSED_SHOWN
    listed and the rest counted, rejections waiting found beyond those listed."""
    monkeypatch.setattr("tui.actions.inbox_view.CLOSED_SHOWN", closed_shown)
    monkeypatch.setattr("tui.actions.inbox_view.TO_REFLECT_SHOWN", 2)
    journal = Journal.open(journal_path)
    try:
        many_closed(journal)
        reader = InboxReader()
        reader.read(journal, TODAY)
        for query, show_closed in TYPED:
            kept = reader.read(journal, TODAY, query=query, show_closed=show_closed, reload=False)
            assert kept == fresh(journal, query, show_closed), (query, show_closed)
    finally:
        journal.close()


def test_the_closed_count_takes_in_every_match_beyond_those_listed(journal_path, monkeypatch):
    monkeypatch.setattr("tui.actions.inbox_view.CLOSED_SHOWN", 3)
    monkeypatch.setattr("tui.actions.inbox_view.TO_REFLECT_SHOWN", 2)
    journal = Journal.open(journal_path)
    try:
        many_closed(journal)
        reader = InboxReader()
        reader.read(journal, TODAY)
        data = reader.read(journal, TODAY, query="analyst", reload=False)
        assert [row.application.company for row in data.inbox.section(Section.CLOSED) if row.application] == ["Oak 5", "Oak 4", "Oak 3"]
        assert data.closed_total == 7  # six withdrawn and the rejection reflected on; not the four waiting
        # Beyond the two listed without a filter, the newest (up to CLOSED_SHOWN) waiting that match.
        assert {row.application.company for row in data.inbox.section(Section.TO_REFLECT_ON) if row.application} == {"Ash 1", "Ash 2", "Ash 3"}
        data = reader.read(journal, TODAY, query="oak 2", reload=False)
        assert data.closed_total == 1
        data = reader.read(journal, TODAY, query="analyst", show_closed=True, reload=False)
        assert data.closed_total == 7
    finally:
        journal.close()


def test_a_key_typed_after_another_program_wrote_finds_what_it_wrote(journal_path):
    """Closed ones read for one query are reused for the next only until the journal changes."""
    journal = Journal.open(journal_path)
    try:
        ids = many_closed(journal)
        reader = InboxReader()
        reader.read(journal, TODAY)
        assert len(reader.read(journal, TODAY, query="oak", reload=False).inbox.section(Section.CLOSED)) == 6
        other = Journal.open(journal_path)
        edit_application(other, ids["Oak 4"], check_application(company="Oak 22", role="Analyst", today=TODAY, applied="36 days ago"))
        other.close()
        kept = reader.read(journal, TODAY, query="oak 22", reload=False)
        assert [row.text for row in kept.inbox.section(Section.CLOSED)] == ["Oak 22 — Analyst"]
        assert kept == fresh(journal, "oak 22", False)
    finally:
        journal.close()


def test_the_next_letter_reads_no_closed_one_again(journal_path, monkeypatch):
    """A letter that narrows a query whose every match is listed asks the journal nothing; one that narrows
    a longer list matches again in SQL but reads none of the applications the last key read."""
    monkeypatch.setattr("tui.actions.inbox_view.CLOSED_SHOWN", 3)
    journal = Journal.open(journal_path)
    try:
        many_closed(journal)
        reader = InboxReader()
        reader.read(journal, TODAY)
        asked: list[str] = []
        read: list[int] = []
        matching, reading = journal.applications.closed, journal.applications.listed_by_id
        monkeypatch.setattr(journal.applications, "closed", lambda **given: asked.append(given["matching"]) or matching(**given))
        monkeypatch.setattr(journal.applications, "listed_by_id", lambda ids: read.extend(ids) or reading(ids))
        reader.read(journal, TODAY, query="a", reload=False)  # more than three closed match: listed in part
        assert asked == ["a"] and len(read) == 3  # the newest three closed (the rejections waiting are held)
        reader.read(journal, TODAY, query="an", reload=False)
        assert asked == ["a", "an"] and len(read) == 3  # the same three: none read again
        reader.read(journal, TODAY, query="oak 2", reload=False)  # one match: listed whole
        reader.read(journal, TODAY, query="oak 2 an", reload=False)
        assert asked == ["a", "an", "oak 2"]
    finally:
        journal.close()
