"""Screenings and interviews with a day (issue 13): planned, held on the day (the step counts then), moved,
cancelled, each undoable, the same from the app and the command line."""

from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from tui.actions import Refused, interviews
from tui.actions.applications import add_application, log_outcome
from tui.actions.undo import undo
from tui.domain.entries import check_application
from tui.domain.models import ActionKind, Held, OutcomeKind, Status

THURSDAY = TODAY + timedelta(days=6)  # TODAY is Friday 27 Nov 2026


@pytest.fixture
def acme(journal):
    return add_application(journal, check_application(company="Acme", role="Analyst", today=TODAY, applied="5 days ago")).id


def interview_steps(journal):
    return [a for a in journal.steps.every() if a.kind is ActionKind.INTERVIEW_ATTENDED]


def test_an_interview_with_a_day_ahead_is_planned_and_earns_its_step_only_when_held(journal, acme):
    done = log_outcome(journal, acme, OutcomeKind.INTERVIEW, TODAY, takes_place_on=THURSDAY)
    assert done.message == "Logged interview at Acme for Thu."
    [event] = journal.applications.planned_interviews()
    assert (event.takes_place_on, event.held, event.on) == (THURSDAY, Held.PLANNED, TODAY)
    assert journal.applications.get(acme).status is Status.INTERVIEW
    assert any(w.kind.value == "interview_invite" for w in journal.wins.every()), "the invitation posts its win at once"
    assert interview_steps(journal) == []
    with pytest.raises(Refused, match="is on Thu; say how it went on the day or after"):
        interviews.attended(journal, event.id, TODAY)
    held = interviews.attended(journal, event.id, THURSDAY)
    [step] = interview_steps(journal)
    assert step.on == THURSDAY and step.automatic and step.application_id == acme
    assert journal.steps.step_counts()[THURSDAY] >= 1
    assert journal.applications.planned_interviews() == []
    undo(journal, held.undo)
    assert interview_steps(journal) == [] and journal.applications.planned_interviews()[0].held is Held.PLANNED


def test_confirmed_later_the_step_counts_on_the_day_it_took_place(journal, acme):
    event_id = log_outcome(journal, acme, OutcomeKind.SCREENING, TODAY, takes_place_on=TODAY + timedelta(days=1)).id
    held = interviews.attended(journal, event_id, TODAY + timedelta(days=3))
    [step] = interview_steps(journal)
    assert step.on == TODAY + timedelta(days=1)
    # The day it was said held is kept (Today lists it then: "logged today: screening held …"), and undone with it.
    [event] = journal.applications.get(acme).events
    assert event.said_on == TODAY + timedelta(days=3)
    undo(journal, held.undo)
    assert journal.applications.get(acme).events[0].said_on is None
    interviews.attended(journal, event_id, TODAY + timedelta(days=3))


def test_moved_and_cancelled(journal, acme):
    event_id = log_outcome(journal, acme, OutcomeKind.FINAL_ROUND, TODAY, takes_place_on=THURSDAY).id
    later = THURSDAY + timedelta(days=7)
    moved = interviews.moved(journal, event_id, later, TODAY)
    assert [(e.takes_place_on, e.moved_from) for e in journal.applications.planned_interviews()] == [(later, THURSDAY)]
    with pytest.raises(Refused, match="has gone by"):
        interviews.moved(journal, event_id, TODAY - timedelta(days=1), TODAY)
    undo(journal, moved.undo)
    assert [(e.takes_place_on, e.moved_from) for e in journal.applications.planned_interviews()] == [(THURSDAY, None)]
    called_off = interviews.cancelled(journal, event_id)
    assert journal.applications.planned_interviews() == [] and interview_steps(journal) == []
    with pytest.raises(Refused, match="already marked cancelled"):
        interviews.attended(journal, event_id, THURSDAY)
    undo(journal, called_off.undo)
    assert journal.applications.planned_interviews()[0].held is Held.PLANNED


def test_without_a_day_it_is_logged_as_before_and_a_day_gone_by_means_it_happened(journal, acme):
    log_outcome(journal, acme, OutcomeKind.INTERVIEW, TODAY)
    assert [s.on for s in interview_steps(journal)] == [TODAY] and journal.applications.planned_interviews() == []
    beta = add_application(journal, check_application(company="Beta", role="Analyst", today=TODAY, applied="9 days ago")).id
    log_outcome(journal, beta, OutcomeKind.SCREENING, TODAY, takes_place_on=TODAY - timedelta(days=2))
    assert sorted(s.on for s in interview_steps(journal)) == [TODAY - timedelta(days=2), TODAY]


def test_a_day_goes_only_with_a_screening_or_interview(journal, acme):
    with pytest.raises(Refused, match="goes only with a screening"):
        log_outcome(journal, acme, OutcomeKind.FOLLOWED_UP, TODAY, takes_place_on=THURSDAY)


def test_an_outcome_without_a_day_has_nothing_to_settle(journal, acme):
    event_id = log_outcome(journal, acme, OutcomeKind.INTERVIEW, TODAY).id
    with pytest.raises(Refused, match="has no day to settle"):
        interviews.attended(journal, event_id, TODAY)


def test_planned_interviews_survive_export_and_import(journal, acme, tmp_path):
    from tui.actions.imports import import_onward
    from tui.domain.onward_json import read_onward
    from tui.store.repository import Journal
    from tui.store.transfer import export_journal, json_chunks

    log_outcome(journal, acme, OutcomeKind.INTERVIEW, TODAY, takes_place_on=THURSDAY)
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(export_journal(journal)))
    assert [(e.takes_place_on, e.held) for e in fresh.applications.planned_interviews()] == [(THURSDAY, Held.PLANNED)]
    assert "".join(json_chunks(fresh)) == "".join(json_chunks(journal))
    fresh.close()


def test_an_interview_can_not_take_place_before_the_application_was_sent(journal, acme):
    """Like a rejection, an interview held (or planned) before the applied day is refused, and so is moving the
    applied day after an interview held before it was logged."""
    from tui.actions.applications import edit_application
    from tui.actions.editing import edit_event

    applied = TODAY - timedelta(days=5)
    for kind in (OutcomeKind.INTERVIEW, OutcomeKind.SCREENING):
        with pytest.raises(Refused, match=f"^{(applied - timedelta(days=2)).isoformat()} is before you applied to Acme \\({applied.isoformat()}\\)\\.$"):
            log_outcome(journal, acme, kind, TODAY, takes_place_on=applied - timedelta(days=2))
    assert journal.applications.get(acme).events == ()
    held = log_outcome(journal, acme, OutcomeKind.INTERVIEW, TODAY, takes_place_on=applied + timedelta(days=1)).id
    with pytest.raises(Refused, match="Applied can't be after the first outcome"):
        edit_application(journal, acme, check_application(company="Acme", role="Analyst", today=TODAY, applied="2 days ago"))
    assert edit_event(journal, held, note="went well", today=TODAY).id == held


def test_moving_to_a_day_gone_by_says_what_works_for_one_still_ahead_and_for_one_whose_day_has_come(journal, acme):
    """Still ahead, it can't be marked held, so the refusal doesn't send anyone there; on or after its day, it can."""
    tomorrow = log_outcome(journal, acme, OutcomeKind.SCREENING, TODAY, takes_place_on=TODAY + timedelta(days=1)).id
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    with pytest.raises(Refused) as ahead:
        interviews.moved(journal, tomorrow, TODAY - timedelta(days=1), TODAY)
    assert str(ahead.value) == f"{yesterday} has gone by; a planned screening can move only to today or a later day."
    with pytest.raises(Refused) as come:
        interviews.moved(journal, tomorrow, TODAY - timedelta(days=1), TODAY + timedelta(days=1))
    assert "mark it held instead" in str(come.value)
    interviews.attended(journal, tomorrow, TODAY + timedelta(days=1))  # which works then


def test_a_follow_up_is_said_as_people_say_it(journal, acme):
    done = log_outcome(journal, acme, OutcomeKind.FOLLOWED_UP, TODAY)
    assert done.message == "Logged a follow-up at Acme."
    assert undo(journal, done.undo).message == "Undone: logged a follow-up at Acme."


@pytest.mark.parametrize("kind", [OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND])
def test_a_screening_interview_or_final_round_that_happened_counts_as_a_step_alike(journal, acme, kind):
    """A screening logged as it happened is a step like an interview logged so, and like a planned screening
    later said to be held: Today says "screening held" and the report lists it under Interviews, so the streak,
    `show` and the timeline count it too (one rule: tui.domain.story.step_earned). Undoing it takes the step."""
    done = log_outcome(journal, acme, kind, TODAY)
    [step] = interview_steps(journal)
    assert (step.on, step.automatic, step.application_id) == (TODAY, True, acme)
    assert journal.steps.of_event(done.id) == [step]
    assert journal.steps.step_counts()[TODAY] >= 1
    undo(journal, done.undo)
    assert interview_steps(journal) == []


def test_a_rejection_or_a_note_is_never_a_step(journal, acme):
    log_outcome(journal, acme, OutcomeKind.NOTE, TODAY, note="Called the recruiter")
    log_outcome(journal, acme, OutcomeKind.REJECTED, TODAY)
    assert [a.kind for a in journal.steps.of_application(acme)] == [ActionKind.APPLIED]
