"""Fixing the past in the action layer: edit an outcome or a step, remove anything (an application with
everything tied to it), duplicates and merging; each undone exactly, same ids, same wins, same streak."""

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tui.actions import LooksLikeDuplicate, Refused, views
from tui.actions.applications import add_application, find_duplicate, log_outcome
from tui.actions.editing import (
    edit_action,
    edit_event,
    merge_applications,
    remove,
    remove_action,
    remove_application,
    remove_event,
    remove_reflection,
    what_goes_with,
)
from tui.actions.interviews import attended
from tui.actions.reflections import keep_draft, save_reflection
from tui.actions import support
from tui.actions.steps import log_action
from tui.actions.undo import undo
from tui.actions.wins import add_win, remove_win
from tui.domain.changes import Record
from tui.domain.entries import check_action, check_application, check_win
from tui.domain.models import ActionKind, OutcomeKind, Stage, Status
from tui.domain.reflections import check_reflection

TABLES = ("applications", "events", "actions", "reflections", "wins", "win_tombstones", "drafts", "rest_days", "settings")
DAY = timedelta(days=1)


def every_row(path: Path) -> dict[str, list[tuple]]:
    """Every column of every row (ids, created_at and seen too), read by another connection."""
    connection = sqlite3.connect(path)
    try:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}
    finally:
        connection.close()


def added(journal, company="Acme", role="Analyst", applied="10 days ago", **kwargs):
    entry = check_application(company=company, role=role, today=TODAY, applied=applied)
    return add_application(journal, entry, **kwargs).id


def counts(journal_path: Path) -> dict[str, int]:
    return {table: len(rows) for table, rows in every_row(journal_path).items() if table not in ("settings", "rest_days")}


def busy_application(journal, **kwargs):
    """Acme with 3 outcomes, a reflection (its step and win), a manual win, a draft: everything that can hang off one."""
    app = added(journal, **kwargs)
    log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY - 8 * DAY)
    log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - 6 * DAY)
    log_outcome(journal, app, OutcomeKind.REJECTED, TODAY - 2 * DAY)
    reflection = save_reflection(journal, check_reflection(today=TODAY, mood=3), TODAY - DAY, application_id=app).id
    add_win(journal, check_win(title="Great talk with their lead", kind="networking", today=TODAY, on="3 days ago", application_id=app))
    keep_draft(journal, f"reflection:{reflection}", {"body": "half a thought"})
    return app, reflection


# Editing outcomes and steps


def test_moving_an_outcome_moves_its_step_and_win_and_undo_puts_them_back(journal, journal_path):
    app = added(journal)
    interview = log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - 5 * DAY).id
    before = every_row(journal_path)
    done = edit_event(journal, interview, on=TODAY - 3 * DAY, note="panel of three", today=TODAY)
    event = journal.applications.event(interview)
    assert (event.on, event.note) == (TODAY - 3 * DAY, "panel of three")
    assert [a.on for a in journal.steps.of_event(interview)] == [TODAY - 3 * DAY]
    assert [w.on for w in journal.wins.every() if w.title == "Interview invite from Acme"] == [TODAY - 3 * DAY]
    assert "interview at Acme" in done.message
    undo(journal, done.undo)
    assert every_row(journal_path) == before


def test_the_day_of_a_held_interview_is_the_day_it_was_held_and_its_logged_day_stays(journal, journal_path):
    """Invited (logged) Fri 20 Nov, held Mon 23: the day edited is the day it happened; its step moves with it,
    the invitation's win stays on the day it came, and the outcome stays logged that day."""
    app = added(journal)
    interview = log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - 7 * DAY, takes_place_on=TODAY - 7 * DAY).id
    attended(journal, interview, TODAY)  # planned for the day it was logged, then said to be held
    edit_event(journal, interview, on=TODAY - 7 * DAY, note="fixed", today=TODAY)  # the day as it reads: no move
    held_on = TODAY - 4 * DAY
    before = every_row(journal_path)
    done = edit_event(journal, interview, on=held_on, today=TODAY)
    event = journal.applications.event(interview)
    assert (event.on, event.takes_place_on) == (TODAY - 7 * DAY, held_on)
    assert [a.on for a in journal.steps.of_event(interview)] == [held_on]
    assert [w.on for w in journal.wins.every() if w.title == "Interview invite from Acme"] == [TODAY - 7 * DAY]
    assert done.message == f"Saved the interview at Acme ({held_on.isoformat()})."
    with pytest.raises(Refused, match="still to come"):
        edit_event(journal, interview, on=TODAY + DAY, today=TODAY)
    undo(journal, done.undo)
    assert every_row(journal_path) == before


def test_an_interview_that_has_not_happened_has_no_day_to_fix_and_says_what_changes_it(journal):
    app = added(journal)
    ahead = log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - DAY, takes_place_on=TODAY + 3 * DAY).id
    with pytest.raises(Refused) as refused:
        edit_event(journal, ahead, on=TODAY - 2 * DAY, today=TODAY)
    assert str(refused.value).startswith("The interview at Acme is planned for Mon; if its day changed, say it moved (h then m")
    edit_event(journal, ahead, note="with the team", today=TODAY)  # its note can still be fixed
    other = added(journal, company="Globex")
    gone_by = log_outcome(journal, other, OutcomeKind.SCREENING, TODAY - 6 * DAY, takes_place_on=TODAY - 2 * DAY).id
    with pytest.raises(Refused, match="with no word of it since: say it was held first"):
        edit_event(journal, gone_by, on=TODAY - 3 * DAY, today=TODAY)
    attended(journal, gone_by, TODAY)
    edit_event(journal, gone_by, on=TODAY - 3 * DAY, today=TODAY)  # held: now its day can be fixed
    assert journal.applications.event(gone_by).takes_place_on == TODAY - 3 * DAY


def test_the_status_follows_an_outcome_moved_before_another(journal):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.SCREENING, TODAY - 4 * DAY)
    rejected = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY - 2 * DAY).id
    edit_event(journal, rejected, on=TODAY - 6 * DAY, today=TODAY)
    assert journal.applications.get(app).status is Status.SCREENING
    assert journal.applications.listed(closed_too=False)[0].id == app  # the stored summary follows too


def test_a_rejections_stage_can_be_changed_but_no_other_outcome_has_one(journal):
    app = added(journal)
    screening = log_outcome(journal, app, OutcomeKind.SCREENING, TODAY - 4 * DAY).id
    rejected = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY - 2 * DAY).id
    edit_event(journal, rejected, stage=Stage.INTERVIEW, today=TODAY)
    assert journal.applications.event(rejected).stage is Stage.INTERVIEW
    with pytest.raises(Refused, match="only with a rejection"):
        edit_event(journal, screening, stage=Stage.INTERVIEW, today=TODAY)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"on": TODAY - 20 * DAY}, "before you applied"),
        ({"on": TODAY + DAY}, "still to come"),
        ({"note": ""}, "already reads so"),
    ],
)
def test_an_outcome_edit_that_breaks_a_rule_or_changes_nothing_is_refused(journal, journal_path, change, message):
    app = added(journal)
    event = log_outcome(journal, app, OutcomeKind.SCREENING, TODAY - 4 * DAY).id
    before = every_row(journal_path)
    with pytest.raises(Refused, match=message):
        edit_event(journal, event, today=TODAY, **change)
    assert every_row(journal_path) == before


def test_a_step_logged_by_hand_can_be_edited_and_undone(journal, journal_path):
    step = log_action(journal, check_action(kind="networking", today=TODAY, on="2 days ago", note="coffee")).id
    before = every_row(journal_path)
    done = edit_action(journal, step, kind=ActionKind.LEARNING, on=TODAY - DAY, note="SQL course", today=TODAY)
    action = journal.steps.get(step)
    assert (action.kind, action.on, action.note) == (ActionKind.LEARNING, TODAY - DAY, "SQL course")
    undo(journal, done.undo)
    assert every_row(journal_path) == before


def test_steps_onward_logged_are_edited_through_what_made_them(journal):
    app = added(journal)
    follow_up = log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY - DAY).id
    (step,) = journal.steps.of_event(follow_up)
    with pytest.raises(Refused, match=f"follow-up at Acme; edit that outcome \\(id {follow_up}\\)"):
        edit_action(journal, step.id, note="hello", today=TODAY)
    (applied,) = [a for a in journal.steps.every() if a.kind is ActionKind.APPLIED]
    with pytest.raises(Refused, match="when you added Acme"):
        remove_action(journal, applied.id)
    with pytest.raises(Refused, match="logged by hand|An application is logged"):
        edit_action(journal, applied.id, kind=ActionKind.APPLIED, today=TODAY)


# Removing


def test_what_goes_with_an_application_names_everything_tied_to_it(journal):
    app, reflection = busy_application(journal)
    assert what_goes_with(journal, Record.APPLICATION, app) == (
        "Acme — Analyst (applied 2026-11-17) and its 3 outcomes, 4 steps, 1 reflection and 4 wins"
    )
    rejection = journal.applications.get(app).rejection
    assert what_goes_with(journal, Record.EVENT, rejection.id) == (
        f"the rejection (interview) at Acme on {(TODAY - 2 * DAY).isoformat()} and the win “Turned the Acme rejection into lessons”"
    )
    assert what_goes_with(journal, Record.REFLECTION, reflection).endswith("on Acme and its 1 step and 1 win")
    with pytest.raises(Refused, match="no application with id 99"):
        what_goes_with(journal, Record.APPLICATION, 99)


def test_removing_a_rejection_names_the_win_its_reflection_earned_which_goes_with_it(journal):
    app, _ = busy_application(journal)
    rejection = journal.applications.get(app).rejection
    asked = what_goes_with(journal, Record.EVENT, rejection.id)
    titles = {win.title for win in journal.wins.every()}
    remove_event(journal, rejection.id)
    (gone,) = titles - {win.title for win in journal.wins.every()}
    assert gone == "Turned the Acme rejection into lessons" and f"the win “{gone}”" in asked
    # An outcome whose removal leaves the rejection standing names no win of the reflection's: it stays.
    app, _ = busy_application(journal, company="Globex")
    (follow_up,) = [e for e in journal.applications.get(app).events if e.kind is OutcomeKind.FOLLOWED_UP]
    assert what_goes_with(journal, Record.EVENT, follow_up.id).endswith("and its 1 step")
    kept = {win.title for win in journal.wins.every()}
    remove_event(journal, follow_up.id)
    assert {win.title for win in journal.wins.every()} == kept


def test_the_removal_question_names_every_win_the_removal_takes_a_streak_milestone_too(journal):
    """Applied Mon 23 Nov, followed up Tue 24, networking Wed 25: a 3-day streak that any of the three removals
    breaks; each question names the milestone (and the application's the 1st application, tied to it)."""
    app = added(journal, applied="2026-11-23")
    follow_up = log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY - 3 * DAY).id
    step = log_action(journal, check_action(kind="networking", today=TODAY, on="2026-11-25")).id
    assert "3-day streak of persistent days" in {win.title for win in journal.wins.every()}
    for kind, record_id in ((Record.ACTION, step), (Record.EVENT, follow_up), (Record.APPLICATION, app)):
        asked = what_goes_with(journal, kind, record_id)
        before = {win.id: win.title for win in journal.wins.every()}
        tied = set(journal.records.tied_to(kind, record_id).get(Record.WIN, []))
        done = remove(journal, kind, record_id)
        after = {win.title for win in journal.wins.every()}
        taken = {title for win_id, title in before.items() if win_id not in tied and title not in after}
        assert taken == {"3-day streak of persistent days"}, kind
        assert asked.endswith(" and the win “3-day streak of persistent days”"), asked
        undo(journal, done.undo)
    # A removal that leaves a run still reaching the milestone names none: steps on Thu 26 and today too, then
    # the follow-up of Tue 24 removed (Wed to Fri is a run of 3 days: the milestone is posted again, not taken).
    for day in ("2026-11-26", "2026-11-27"):
        log_action(journal, check_action(kind="learning", today=TODAY, on=day))
    assert what_goes_with(journal, Record.EVENT, follow_up).endswith("and its 1 step")
    remove(journal, Record.EVENT, follow_up)
    assert "3-day streak of persistent days" in {win.title for win in journal.wins.every()}


def test_the_removal_question_names_an_application_count_it_takes_and_a_learning_steps_win(journal):
    apps = [added(journal, company=f"Company {n}", applied="2026-11-02") for n in range(10)]
    tenth = "Your 10th application — that's persistence"
    assert what_goes_with(journal, Record.APPLICATION, apps[3]).endswith(f"and the win “{tenth}”")
    eleventh = added(journal, company="Company 10", applied="2026-11-02")  # with 11, removing one keeps a 10th
    assert tenth not in what_goes_with(journal, Record.APPLICATION, apps[3])
    remove(journal, Record.APPLICATION, eleventh)
    # A learning step for a gap posts its "skill learned" win: removing the step takes it, and says so.
    step = support.log_learning(journal, ["sql"], TODAY - 20 * DAY, note="SQLBolt").id
    assert what_goes_with(journal, Record.ACTION, step).endswith("and the win “Skill learned: sql”")


def test_removing_an_application_takes_everything_and_undo_brings_back_identical_records(journal, journal_path):
    app, reflection = busy_application(journal)
    other = added(journal, company="Globex", applied="5 days ago")
    before = every_row(journal_path)
    streak = views.streak_summary(journal, TODAY)
    done = remove_application(journal, app)
    assert counts(journal_path) == {
        "applications": 1, "events": 0, "actions": 1, "reflections": 0,
        "wins": 1,  # Globex is now the first application: its milestone was posted
        "win_tombstones": 0, "drafts": 0,
    }
    (milestone,) = journal.wins.every()
    assert milestone.application_id == other and "first application" in milestone.title
    assert views.streak_summary(journal, TODAY) != streak
    undo(journal, done.undo)
    assert every_row(journal_path) == before
    assert views.streak_summary(journal, TODAY) == streak


def test_removing_an_outcome_takes_its_step_and_win_and_the_status_follows(journal, journal_path):
    app = added(journal)
    log_outcome(journal, app, OutcomeKind.SCREENING, TODAY - 4 * DAY)
    interview = log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - 2 * DAY).id
    before = every_row(journal_path)
    done = remove_event(journal, interview)
    assert journal.applications.get(app).status is Status.SCREENING
    assert [a.id for a in journal.applications.listed(closed_too=False, status="screening")] == [app]  # stored too
    assert journal.steps.of_event(interview) == []
    assert not any("Interview invite" in w.title for w in journal.wins.every())
    undo(journal, done.undo)
    assert every_row(journal_path) == before


def test_an_outcome_removed_lets_its_id_earn_a_win_again(journal):
    app = added(journal)
    screening = log_outcome(journal, app, OutcomeKind.SCREENING, TODAY - 2 * DAY).id
    (win,) = [w for w in journal.wins.every() if "Screening" in w.title]
    remove_win(journal, win.id)  # the user did not want it: never posted again for this outcome…
    remove_event(journal, screening)
    again = log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - DAY).id
    assert again == screening  # …but SQLite gives the id to the next outcome, which earns its own win
    assert any("Interview invite" in w.title for w in journal.wins.every())


def test_removing_a_reflection_takes_its_step_win_and_draft(journal, journal_path):
    app, reflection = busy_application(journal)
    before = every_row(journal_path)
    done = remove_reflection(journal, reflection)
    assert journal.reflections.every() == [] and journal.reflections.draft(f"reflection:{reflection}") is None
    assert not any("lessons" in w.title for w in journal.wins.every())
    assert journal.applications.to_reflect_count() == 1  # the rejection waits for its reflection again
    undo(journal, done.undo)
    assert every_row(journal_path) == before


def test_removing_a_step_or_a_win_through_one_entry(journal, journal_path):
    step = log_action(journal, check_action(kind="networking", today=TODAY)).id
    win = add_win(journal, check_win(title="Portfolio done", kind="other", today=TODAY)).id
    before = every_row(journal_path)
    undos = [remove(journal, Record.ACTION, step).undo, remove(journal, Record.WIN, win).undo]
    assert journal.steps.every() == [] and journal.wins.every() == []
    for change in reversed(undos):
        undo(journal, change)
    assert every_row(journal_path) == before


# Duplicates and merging


def test_the_same_company_and_role_within_60_days_is_a_duplicate(journal):
    app = added(journal, company="Acme", role="Data Analyst", applied="2026-10-01")
    assert find_duplicate(journal, "  acme ", "DATA  analyst", TODAY).id == app  # 57 days later
    assert find_duplicate(journal, "Acme", "Data Analyst", TODAY + 4 * DAY) is None  # 61 days
    assert find_duplicate(journal, "Acme", "Engineer", TODAY) is None
    with pytest.raises(LooksLikeDuplicate) as refused:
        added(journal, company="ACME", role="data analyst", applied="today")
    assert refused.value.existing.id == app and "--again" in str(refused.value) and "Add it again?" in refused.value.question
    assert len(journal.applications.every()) == 1
    assert added(journal, company="ACME", role="data analyst", applied="today", again=True) == app + 1


def test_merging_moves_everything_onto_the_one_kept_and_undo_splits_them_again(journal, journal_path):
    keep = added(journal, applied="4 days ago")
    other, reflection = busy_application(journal, again=True)  # Acme again, applied earlier, with a whole timeline
    journal_rows = every_row(journal_path)
    done = merge_applications(journal, keep, other)
    assert [a.id for a in journal.applications.every()] == [keep]
    merged = journal.applications.get(keep)
    assert merged.applied_on == TODAY - 10 * DAY and merged.status is Status.REJECTED and len(merged.events) == 3
    assert journal.reflections.get(reflection).application_id == keep
    assert {w.application_id for w in journal.wins.every()} == {keep}
    assert counts(journal_path)["wins"] == len(journal_rows["wins"])  # none lost, none posted twice
    undo(journal, done.undo)
    assert every_row(journal_path) == journal_rows


def test_an_application_is_not_merged_with_itself(journal):
    app = added(journal)
    with pytest.raises(Refused, match="one application"):
        merge_applications(journal, app, app)


# A form open while another window or the command line changes the same record


def test_a_form_saved_over_a_record_changed_since_it_opened_is_refused_and_changes_nothing(journal, journal_path):
    from tui.actions.applications import edit_application
    from tui.actions.support import add_person, edit_person
    from tui.actions.undo import as_opened
    from tui.actions.wins import edit_win
    from tui.domain.support import check_person
    from tui.store.repository import Journal

    app = added(journal, company="Umbrella", role="Designer")
    event = log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - 5 * DAY).id
    step = log_action(journal, check_action(kind="networking", today=TODAY, on="2 days ago")).id
    win = add_win(journal, check_win(title="Good call", kind="networking", today=TODAY)).id
    person = add_person(journal, check_person(name="Sam")).id
    forms = {
        Record.APPLICATION: (app, lambda opened: edit_application(
            journal, app, check_application(company="Umbrella", role="Designer", field="UX", today=TODAY, applied="10 days ago"),
            opened=opened), "Umbrella — Designer"),
        Record.EVENT: (event, lambda opened: edit_event(journal, event, note="went well", today=TODAY, opened=opened),
                       "The interview at Umbrella"),
        Record.ACTION: (step, lambda opened: edit_action(journal, step, note="coffee", today=TODAY, opened=opened),
                        f"The step of {(TODAY - 2 * DAY).isoformat()} (networking)"),
        Record.WIN: (win, lambda opened: edit_win(
            journal, win, check_win(title="Great call", kind="networking", today=TODAY), opened=opened), "The win “Good call!”"),
        Record.PERSON: (person, lambda opened: edit_person(journal, person, check_person(name="Sam Lee"), opened=opened), "Sam"),
    }
    elsewhere = Journal.open(journal_path)  # another window, or the command line
    try:
        changes = {
            Record.APPLICATION: lambda: edit_application(elsewhere, app, check_application(
                company="Umbrella", role="Designer", notes="CLI NOTE", url="https://x.example", today=TODAY, applied="10 days ago")),
            Record.EVENT: lambda: edit_event(elsewhere, event, note="from the CLI", today=TODAY),
            Record.ACTION: lambda: edit_action(elsewhere, step, note="from the CLI", today=TODAY),
            Record.WIN: lambda: edit_win(elsewhere, win, check_win(title="Good call!", kind="networking", today=TODAY)),
            Record.PERSON: lambda: edit_person(elsewhere, person, check_person(name="Sam", note="from the CLI")),
        }
        for record, (record_id, save, name) in forms.items():
            opened = as_opened(journal, record, record_id)
            changes[record]()
            before = every_row(journal_path)
            with pytest.raises(Refused) as refusal:
                save(opened)
            assert str(refusal.value) == (
                f"{name} changed since you opened it (in another window or the command line); nothing was saved: "
                "Esc and open it again to see the change."
            )
            assert every_row(journal_path) == before  # the CLI's notes and URL are still there
            # Opened again, it shows the change, and saving it works.
            assert save(as_opened(journal, record, record_id)).undo is not None
    finally:
        elsewhere.close()


def test_a_rejections_stage_and_its_reflections_stage_reached_tell_one_story(journal, journal_path):
    """Tester (try5 #5): after `onward edit event 1 --stage final_round` the Inbox and Lessons said "rejected after
    final round" while the Reflections list still said "application". The stage reached is the rejection's:
    editing it carries its reflections along (and z takes both back), and the editor's stage field sets it."""
    from tui.domain.support import share_text

    app = added(journal, company="Hooli")
    rejected = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY - 2 * DAY, stage=Stage.APPLICATION).id
    entry = check_reflection(today=TODAY, mood=2, stage=Stage.APPLICATION.value)
    reflection = save_reflection(journal, entry, TODAY, application_id=app).id
    before = every_row(journal_path)
    done = edit_event(journal, rejected, stage=Stage.FINAL_ROUND, today=TODAY)
    assert journal.reflections.get(reflection).stage is Stage.FINAL_ROUND
    assert "rejected at the final round stage" in share_text(journal.reflections.get(reflection), None, ["stage"])
    undo(journal, done.undo)
    assert every_row(journal_path) == before
    # The editor's field is the same fact: choosing a stage there moves the rejection's.
    again = check_reflection(today=TODAY, mood=2, stage=Stage.INTERVIEW.value)
    saved = save_reflection(journal, again, TODAY, reflection_id=reflection, opened=None)
    assert journal.applications.event(rejected).stage is Stage.INTERVIEW
    undo(journal, saved.undo)
    assert journal.applications.event(rejected).stage is Stage.APPLICATION


def test_a_reflection_written_before_its_rejection_takes_the_stage_the_rejection_says(journal, journal_path):
    app = added(journal, company="Hooli")
    log_outcome(journal, app, OutcomeKind.INTERVIEW, TODAY - 4 * DAY)
    reflection = save_reflection(journal, check_reflection(today=TODAY, mood=3, stage=Stage.INTERVIEW.value), TODAY, application_id=app).id
    before = every_row(journal_path)
    done = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY - DAY, stage=Stage.FINAL_ROUND)
    assert journal.reflections.get(reflection).stage is Stage.FINAL_ROUND
    undo(journal, done.undo)
    assert every_row(journal_path) == before
