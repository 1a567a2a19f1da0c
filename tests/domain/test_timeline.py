"""The timeline's story (issue 13): oldest first, each entry saying what it is, Onward's own steps marked."""

from datetime import date

from tui.domain.changes import Record
from tui.domain.models import ActionKind, Application, Held, OutcomeEvent, OutcomeKind, ProactiveAction, Reflection, Stage, Win, WinKind
from tui.domain.story import story_event
from tui.domain.timeline import build_timeline, outcome_text

TODAY = date(2026, 11, 27)
OPEN = Application(1, "Acme", "Analyst", date(2026, 11, 1))


def said(event, today):
    """The timeline's words for one outcome of an open application."""
    return outcome_text(story_event(event, OPEN, today), today)


def test_the_story_is_oldest_first_and_same_day_entries_keep_a_fixed_order():
    app = Application(
        1, "Acme", "Analyst", date(2026, 11, 1), field="data",
        events=(OutcomeEvent(3, 1, date(2026, 11, 20), OutcomeKind.REJECTED, Stage.INTERVIEW, note="Kind words"),
                OutcomeEvent(2, 1, date(2026, 11, 5), OutcomeKind.FOLLOWED_UP)),
    )
    steps = [
        ProactiveAction(10, date(2026, 11, 1), ActionKind.APPLIED, application_id=1, automatic=True),
        ProactiveAction(11, date(2026, 11, 5), ActionKind.FOLLOWED_UP, application_id=1, automatic=True),
    ]
    reflections = [Reflection(7, date(2026, 11, 20), 2, application_id=1, feelings=("sad",), body="Learned a lot\nmore")]
    wins = [Win(5, date(2026, 11, 20), "Turned it into lessons", WinKind.OTHER, 1, automatic=True)]
    story = build_timeline(app, steps, reflections, wins, TODAY)
    assert [(e.on.day, e.kind.value, e.record, e.id) for e in story] == [
        (1, "applied", Record.APPLICATION, 1),
        (5, "outcome", Record.EVENT, 2),
        (5, "step", Record.ACTION, 11),
        (20, "outcome", Record.EVENT, 3),
        (20, "reflection", Record.REFLECTION, 7),
        (20, "win", Record.WIN, 5),
    ]
    assert [e.text for e in story][1:] == [
        "followed up", "followed up · automatic", "rejected after interview", "mood 2 of 5 · sad",
        "★ Turned it into lessons · other · automatic",
    ]
    assert story[3].detail == "Kind words" and story[4].detail == "Learned a lot"


def test_a_screening_or_interview_with_a_day_says_whether_it_was_held():
    def event(held, day):
        return OutcomeEvent(1, 1, date(2026, 11, 20), OutcomeKind.INTERVIEW, takes_place_on=day, held=held)

    logged = " · logged 2026-11-20"
    assert said(event(Held.PLANNED, date(2026, 11, 30)), TODAY) == "interview · on Mon (2026-11-30) · planned" + logged
    assert said(event(Held.PLANNED, date(2026, 11, 25)), TODAY).endswith("planned · h in the Inbox says how it went" + logged)
    # Today, tomorrow and yesterday read as people say them: never "on tomorrow" (dates.on_day_name).
    assert said(event(Held.PLANNED, date(2026, 11, 28)), TODAY) == "interview · tomorrow (2026-11-28) · planned" + logged
    assert said(event(Held.PLANNED, date(2026, 11, 27)), TODAY) == "interview · today (2026-11-27) · planned" + logged
    assert said(event(Held.PLANNED, date(2026, 11, 26)), TODAY) == (
        "interview · yesterday (2026-11-26) · planned · h in the Inbox says how it went" + logged
    )
    assert said(event(Held.ATTENDED, date(2026, 11, 25)), TODAY) == "interview · on 2026-11-25 · held" + logged
    assert said(event(Held.CANCELLED, date(2026, 11, 25)), TODAY) == "interview · was on 2026-11-25 · cancelled" + logged
    assert said(event(Held.ATTENDED, date(2026, 11, 20)), TODAY) == "interview · on 2026-11-20 · held"
    assert said(event(None, None), TODAY) == "interview"


def test_an_outcome_whose_day_an_import_did_not_give_says_so():
    """Issue 23: a spreadsheet's status is dated on the applied day; the timeline marks it day unknown."""
    rejected = OutcomeEvent(1, 1, date(2026, 3, 2), OutcomeKind.REJECTED, Stage.APPLICATION, day_unknown=True)
    assert said(rejected, TODAY).endswith(" · day unknown")
    known = OutcomeEvent(2, 1, date(2026, 3, 2), OutcomeKind.REJECTED, Stage.APPLICATION)
    assert "day unknown" not in said(known, TODAY)


def test_an_interview_still_to_come_when_the_application_closed_says_it_was_called_off():
    from dataclasses import replace

    interview = OutcomeEvent(1, 1, date(2026, 11, 20), OutcomeKind.INTERVIEW, takes_place_on=date(2026, 11, 30), held=Held.PLANNED)
    rejected = OutcomeEvent(2, 1, date(2026, 11, 21), OutcomeKind.REJECTED, Stage.INTERVIEW)
    closed = replace(OPEN, events=(interview, rejected))
    assert outcome_text(story_event(interview, closed, TODAY), TODAY) == (
        "interview · was to be on 2026-11-30 · called off: the application closed · logged 2026-11-20"
    )


def test_the_inbox_panel_says_an_imported_status_has_no_day_as_the_timeline_does():
    """One story per application: the panel left "day unknown" out of an imported interview the timeline and
    `onward show` mark (a tester, 7 Dec)."""
    from tui.domain.models import Settings
    from tui.widgets.application_detail import application_detail

    imported = OutcomeEvent(1, 1, date(2026, 3, 4), OutcomeKind.INTERVIEW, day_unknown=True)
    app = Application(1, "Northwind", "Analyst", date(2026, 3, 4), events=(imported,))
    panel = application_detail(app, Settings(), {}, TODAY).plain
    assert "2026-03-04  interview · day unknown" in panel
    assert said(imported, TODAY).endswith(" · day unknown")


def test_an_attended_step_names_the_screening_or_final_round_it_was_for():
    app = Application(
        1, "Acme", "Analyst", date(2026, 11, 1),
        events=(OutcomeEvent(2, 1, date(2026, 11, 5), OutcomeKind.SCREENING),
                OutcomeEvent(3, 1, date(2026, 11, 12), OutcomeKind.FINAL_ROUND)),
    )
    steps = [
        ProactiveAction(11, date(2026, 11, 5), ActionKind.INTERVIEW_ATTENDED, application_id=1, automatic=True, event_id=2),
        ProactiveAction(12, date(2026, 11, 12), ActionKind.INTERVIEW_ATTENDED, application_id=1, automatic=True, event_id=3),
    ]
    story = build_timeline(app, steps, [], [], TODAY)
    assert [e.text for e in story if e.record is Record.ACTION] == [
        "screening attended · automatic", "final round attended · automatic",
    ]
