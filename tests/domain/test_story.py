"""An application's story (issue 23): every event knows the day it was logged, the day it takes place and
whether it happened; a step counts on the day it happened."""

from dataclasses import replace
from datetime import date

from tui.domain.models import Application, Held, OutcomeEvent, OutcomeKind, Stage, Status
from tui.domain.story import Happened, happened, step_day, story_of, touched_on

TODAY = date(2026, 11, 27)  # a Friday
D = date.fromisoformat


def dated(id: int, kind: OutcomeKind, logged: str, day: str, held: Held) -> OutcomeEvent:
    return OutcomeEvent(id, 1, D(logged), kind, takes_place_on=D(day), held=held)


HELD = dated(1, OutcomeKind.SCREENING, "2026-11-23", "2026-11-27", Held.ATTENDED)
CANCELLED = dated(2, OutcomeKind.INTERVIEW, "2026-11-23", "2026-11-26", Held.CANCELLED)
MOVED = replace(dated(3, OutcomeKind.INTERVIEW, "2026-11-23", "2026-11-30", Held.PLANNED), moved_from=D("2026-11-26"))
PLANNED = dated(4, OutcomeKind.FINAL_ROUND, "2026-11-24", "2026-12-02", Held.PLANNED)
NO_WORD = dated(5, OutcomeKind.INTERVIEW, "2026-11-20", "2026-11-25", Held.PLANNED)
REJECTED = OutcomeEvent(6, 1, D("2026-11-21"), OutcomeKind.REJECTED, Stage.SCREENING)

APP = Application(1, "Acme", "Analyst", D("2026-11-16"), events=(NO_WORD, REJECTED, HELD, CANCELLED, MOVED, PLANNED))


def test_each_event_says_whether_it_happened():
    assert happened(HELD, TODAY, closed_on=None) is Happened.HELD
    assert happened(CANCELLED, TODAY, closed_on=None) is Happened.CANCELLED
    assert happened(MOVED, TODAY, closed_on=None) is Happened.PLANNED
    assert happened(PLANNED, TODAY, closed_on=None) is Happened.PLANNED
    assert happened(NO_WORD, TODAY, closed_on=None) is Happened.UNKNOWN  # its day has gone by: never taken as attended
    assert happened(REJECTED, TODAY, closed_on=None) is Happened.HELD  # no day of its own: it happened when logged
    # A planned one on its own day is still planned until someone says how it went.
    assert happened(dated(7, OutcomeKind.SCREENING, "2026-11-20", "2026-11-27", Held.PLANNED), TODAY, closed_on=None) is Happened.PLANNED


def test_a_step_counts_on_the_day_it_happened_and_never_for_one_that_did_not():
    assert step_day(HELD) == D("2026-11-27")  # held on Friday, logged on Monday
    assert step_day(REJECTED) == D("2026-11-21")
    assert [step_day(e) for e in (CANCELLED, MOVED, PLANNED, NO_WORD)] == [None] * 4


def test_the_story_is_in_the_order_things_take_place_with_the_day_each_was_logged():
    story = story_of(APP, TODAY)
    assert [(e.on.isoformat(), e.logged_on.isoformat(), e.words) for e in story.events] == [
        ("2026-11-16", "2026-11-16", "applied"),
        ("2026-11-21", "2026-11-21", "rejected (screening)"),
        ("2026-11-25", "2026-11-20", "interview, no word yet"),
        ("2026-11-26", "2026-11-23", "interview cancelled"),
        ("2026-11-27", "2026-11-23", "screening held"),
        ("2026-11-30", "2026-11-23", "interview planned"),
        ("2026-12-02", "2026-11-24", "final round planned"),
    ]


def test_a_day_holds_what_happened_on_it_and_what_was_logged_on_it():
    story = story_of(APP, TODAY)
    assert [e.words for e in story.on_day(TODAY)] == ["screening held"]
    # Monday: three invitations were logged; the cancelled one is told as cancelled, not as held.
    assert [e.words for e in story.on_day(D("2026-11-23"))] == ["interview cancelled", "screening held", "interview planned"]
    # The cancelled interview's day holds nothing: it did not take place.
    assert story.on_day(D("2026-11-26")) == []
    assert touched_on(APP, TODAY) and touched_on(APP, D("2026-11-16")) and not touched_on(APP, D("2026-11-26"))


def test_the_latest_event_is_what_happened_last_by_today():
    story = story_of(APP, TODAY)
    assert story.latest(TODAY).words == "screening held"
    assert story.latest(D("2026-11-26")).words == "final round planned"  # logged the 24th: the invitation
    assert story.latest(D("2026-11-17")).words == "applied"


def test_a_moved_one_is_planned_on_its_new_day_and_remembers_the_old_one():
    [moved] = [e for e in story_of(APP, TODAY).events if e.id == MOVED.id]
    assert (moved.on, moved.happened, moved.moved_from) == (D("2026-11-30"), Happened.PLANNED, D("2026-11-26"))
    assert all(e.moved_from is None for e in story_of(APP, TODAY).events if e.id != MOVED.id)


def test_a_planned_interview_of_an_application_closed_since_is_called_off_everywhere():
    """Rejected (or withdrawn, or an offer) after an interview was planned: it is not coming up — not in the
    Inbox, the greeting or the calendar — and the story says it never happened; reopened, it is planned again."""
    from tui.domain.calendar_feed import calendar_items
    from tui.domain.inbox import interview_phrase, interview_rows
    from tui.domain.models import Settings

    ahead = dated(1, OutcomeKind.INTERVIEW, "2026-11-25", "2026-11-30", Held.PLANNED)
    gone_by = dated(2, OutcomeKind.SCREENING, "2026-11-20", "2026-11-24", Held.PLANNED)
    rejected = OutcomeEvent(3, 1, D("2026-11-26"), OutcomeKind.REJECTED, Stage.INTERVIEW)
    closed = Application(1, "Umbrella", "Designer", D("2026-11-16"), events=(gone_by, ahead, rejected))
    assert closed.closed_on == D("2026-11-26")
    assert happened(ahead, TODAY, closed_on=closed.closed_on) is Happened.CANCELLED
    assert happened(gone_by, TODAY, closed_on=closed.closed_on) is Happened.UNKNOWN  # it may have been held: h still asks
    told = {e.id: e for e in story_of(closed, TODAY).events}
    assert (told[1].happened, told[1].words) == (Happened.CANCELLED, "interview called off")
    assert step_day(ahead) is None
    pairs = [(ahead, closed), (gone_by, closed)]
    coming, due = interview_rows(pairs, TODAY)
    assert coming == [] and [row.interview.id for row in due] == [2]
    assert interview_phrase(pairs, TODAY) == ""
    assert calendar_items(pairs, [closed], [], Settings(), TODAY) == []
    reopened = replace(closed, events=(gone_by, ahead))
    assert happened(ahead, TODAY, closed_on=None) is Happened.PLANNED
    assert [row.interview.id for row in interview_rows([(ahead, reopened)], TODAY)[0]] == [1]
    assert interview_phrase([(ahead, reopened)], TODAY) == "Interview at Umbrella on Mon."


def test_an_interview_called_off_by_its_application_closing_stays_called_off_after_its_day():
    """Closed before its day, it never comes back as "no word yet" once the day has gone by: not in the story
    (show, the report, Insights), Today, Coming up or the calendar. Closed on its day or after, it may have
    been held first: h asks, on every day alike."""
    from tui.domain.calendar_feed import calendar_items
    from tui.domain.inbox import interview_rows
    from tui.domain.models import Settings

    interview = dated(1, OutcomeKind.INTERVIEW, "2026-12-02", "2026-12-10", Held.PLANNED)
    for closing in (OutcomeKind.REJECTED, OutcomeKind.WITHDRAWN, OutcomeKind.GHOSTED, OutcomeKind.OFFER):
        closed = Application(1, "B", "R", D("2026-12-01"), events=(interview, OutcomeEvent(2, 1, D("2026-12-03"), closing)))
        for today in ("2026-12-03", "2026-12-10", "2026-12-12", "2027-03-01"):
            told = {e.id: e for e in story_of(closed, D(today)).events}
            assert (told[1].happened, told[1].words) == (Happened.CANCELLED, "interview called off"), (closing, today)
            assert interview_rows([(interview, closed)], D(today)) == ([], [])
            assert calendar_items([(interview, closed)], [closed], [], Settings(), D(today)) == []
    on_the_day = Application(1, "B", "R", D("2026-12-01"), events=(interview, OutcomeEvent(2, 1, D("2026-12-10"), OutcomeKind.REJECTED)))
    for today in ("2026-12-10", "2026-12-12"):
        assert happened(interview, D(today), closed_on=on_the_day.closed_on) is Happened.UNKNOWN
        assert [row.interview.id for row in interview_rows([(interview, on_the_day)], D(today))[1]] == [1]


def test_an_outcome_whose_day_nobody_gave_earns_no_step_and_names_no_day():
    """An import's "Interviewing" is dated on the applied day only as a stand-in: it proves nothing about that day."""
    imported = OutcomeEvent(1, 1, D("2026-11-10"), OutcomeKind.INTERVIEW, day_unknown=True)
    known = replace(imported, day_unknown=False)
    assert step_day(imported) is None and step_day(known) == D("2026-11-10")
    app = Application(1, "Shopify", "Analyst", D("2026-11-10"), events=(imported,))
    told = story_of(app, TODAY).events
    assert [e.day_known for e in told] == [True, False]


def test_the_activity_report_lists_no_outcome_on_a_day_nobody_gave():
    from tui.domain.tables import activity_lines

    imported = OutcomeEvent(1, 1, D("2026-11-10"), OutcomeKind.INTERVIEW, day_unknown=True)
    screening = OutcomeEvent(2, 2, D("2026-11-12"), OutcomeKind.SCREENING)
    apps = [Application(1, "Shopify", "Analyst", D("2026-11-10"), events=(imported,)),
            Application(2, "Birch", "Analyst", D("2026-11-11"), events=(screening,))]
    lines = activity_lines(apps, [], D("2026-10-01"), TODAY, TODAY)
    assert [(line.on, line.activity, line.company) for line in lines] == [
        (D("2026-11-10"), "application", "Shopify"), (D("2026-11-11"), "application", "Birch"),
        (D("2026-11-12"), "interview", "Birch"),
    ]


def test_an_attended_step_names_what_was_attended_from_its_outcome():
    """The stored kind is interview_attended for all three; what a person reads names the one it was."""
    from tui.domain.models import ActionKind, ProactiveAction
    from tui.domain.story import step_words

    def attended(event_id):
        return ProactiveAction(1, TODAY, ActionKind.INTERVIEW_ATTENDED, automatic=True, event_id=event_id)

    outcomes = {1: OutcomeKind.SCREENING, 2: OutcomeKind.INTERVIEW, 3: OutcomeKind.FINAL_ROUND, 4: OutcomeKind.FOLLOWED_UP}
    assert step_words(attended(1), outcomes) == "screening attended"
    assert step_words(attended(2), outcomes) == "interview attended"
    assert step_words(attended(3), outcomes) == "final round attended"
    assert step_words(attended(None), outcomes) == "interview attended"  # logged by hand: tied to no outcome
    assert step_words(attended(5), outcomes) == "interview attended"  # its outcome not at hand
    followed = ProactiveAction(2, TODAY, ActionKind.FOLLOWED_UP, automatic=True, event_id=4)
    assert step_words(followed, outcomes) == "followed up"


def test_a_stage_not_taken_place_never_takes_the_status_back_before_one_that_did():
    """The one status rule (`status_after`): the latest outcome sets it, save a screening, interview or final
    round still planned or cancelled that comes after a later stage held (two postings merged into one)."""
    interview = dated(1, OutcomeKind.INTERVIEW, "2026-10-10", "2026-10-12", Held.ATTENDED)
    screening = dated(2, OutcomeKind.SCREENING, "2026-10-20", "2026-10-25", Held.PLANNED)

    def status(*events):
        return Application(1, "Acme", "Analyst", D("2026-10-01"), events=events).status

    assert status(interview, screening) is Status.INTERVIEW
    assert status(interview, replace(screening, held=Held.CANCELLED)) is Status.INTERVIEW
    # Still the latest outcome otherwise: one that took place, a later stage, or news after a closing.
    assert status(interview, replace(screening, held=Held.ATTENDED)) is Status.SCREENING
    assert status(interview, replace(screening, held=None)) is Status.SCREENING
    assert status(replace(interview, held=Held.PLANNED), screening) is Status.SCREENING
    assert status(interview, replace(screening, kind=OutcomeKind.FINAL_ROUND)) is Status.FINAL_ROUND
    rejected = OutcomeEvent(3, 1, D("2026-10-15"), OutcomeKind.REJECTED, Stage.INTERVIEW)
    assert status(interview, rejected, screening) is Status.SCREENING  # reopened


def test_a_cancelled_stage_never_moves_an_open_application():
    """A called-off screening, interview or final round leaves the status at the stage that took place (Insights
    counts no interview reached for it); one still planned moves it on, as an invitation does."""
    screening = dated(1, OutcomeKind.SCREENING, "2026-10-10", "2026-10-12", Held.ATTENDED)
    interview = dated(2, OutcomeKind.INTERVIEW, "2026-10-20", "2026-10-25", Held.CANCELLED)

    def status(*events):
        return Application(1, "Acme", "Analyst", D("2026-10-01"), events=events).status

    assert status(interview) is Status.APPLIED
    assert status(screening, interview) is Status.SCREENING
    assert status(screening, replace(interview, held=Held.PLANNED)) is Status.INTERVIEW
    ghosted = OutcomeEvent(3, 1, D("2026-10-15"), OutcomeKind.GHOSTED)
    assert status(screening, ghosted, interview) is Status.INTERVIEW  # news after a closing still reopens it
