"""Seeking support and broadening the search (issue 14) through the action layer, the same for the app and
the command line: the circle, reaching out (a step for the streak), asking for feedback, learning for a
gap (a 'skill learned' win), hiding the broaden nudge — each undoable, each refusal kind and writing nothing."""

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tui.actions import Refused, support, views
from tui.actions.applications import add_application, log_outcome
from tui.actions.editing import remove_action
from tui.actions.reflections import save_reflection
from tui.actions.undo import undo
from tui.domain.entries import check_application
from tui.domain.models import ActionKind, OutcomeKind, Relation, Stage, WinKind
from tui.domain.reflections import check_reflection
from tui.domain.support import check_person


def sam(journal, relation="mentor"):
    return support.add_person(journal, check_person(name="Sam Lee", relation=relation)).id


def rejected(journal, company="Acme", field="Design", stage=Stage.INTERVIEW, days=3):
    app_id = add_application(journal, check_application(company=company, role="Designer", field=field, today=TODAY, applied="20 days ago")).id
    done = log_outcome(journal, app_id, OutcomeKind.REJECTED, TODAY - timedelta(days=days), stage=stage)
    return app_id, done


def test_people_are_added_edited_and_removed_each_undoable(journal):
    done = support.add_person(journal, check_person(name="Sam Lee", relation="mentor", note="ex-manager"))
    assert done.message == "Added Sam Lee (mentor) to your support circle."
    [person] = journal.steps.people()
    assert (person.name, person.relation, person.note, person.last_contacted) == ("Sam Lee", Relation.MENTOR, "ex-manager", None)
    with pytest.raises(Refused, match="Sam Lee is already in your support circle"):
        support.add_person(journal, check_person(name="  sam LEE "))
    edited = support.edit_person(journal, person.id, check_person(name="Sam", relation="friend"))
    assert journal.steps.person(person.id).name == "Sam"
    with pytest.raises(Refused, match="already reads so"):
        support.edit_person(journal, person.id, check_person(name="Sam", relation="friend"))
    undo(journal, edited.undo)
    assert journal.steps.person(person.id).relation is Relation.MENTOR
    undo(journal, done.undo)
    assert journal.steps.people() == []


def test_reaching_out_is_a_step_that_keeps_the_streak_and_names_the_person(journal):
    person_id = sam(journal)
    done = support.reach_out(journal, "sam lee", TODAY, note="coffee")
    assert done.message == f"Logged reaching out to Sam Lee on {TODAY.isoformat()}. Leaning on people is a strength."
    [step] = journal.steps.every(on=TODAY)
    assert (step.kind, step.person_id, step.note) == (ActionKind.SUPPORT, person_id, "coffee")
    assert journal.steps.step_counts() == {TODAY: 1}
    assert views.streak_summary(journal, TODAY).current == 1
    assert journal.steps.person(person_id).last_contacted == TODAY
    with pytest.raises(Refused, match="already logged reaching out to Sam Lee on"):
        support.reach_out(journal, "Sam Lee", TODAY)
    support.reach_out(journal, "Sam Lee", TODAY - timedelta(days=1))  # another day is another talk
    undo(journal, done.undo)
    assert journal.steps.person(person_id).last_contacted == TODAY - timedelta(days=1)


def test_someone_not_in_the_circle_is_refused_unless_they_join_as_it_is_logged(journal):
    with pytest.raises(Refused, match="Ana isn't in your support circle yet"):
        support.reach_out(journal, "Ana", TODAY)
    assert journal.steps.people() == [] and journal.steps.every() == []
    done = support.reach_out(journal, "Ana", TODAY, new_person=check_person(name="Ana", relation="peer"))
    assert done.message.endswith("Ana is in your support circle now.")
    [ana] = journal.steps.people()
    assert ana.relation is Relation.PEER and ana.last_contacted == TODAY
    undo(journal, done.undo)  # one change: the step and the person
    assert journal.steps.people() == [] and journal.steps.every() == []


def test_removing_someone_keeps_the_steps_that_reached_them_and_undo_names_them_again(journal):
    person_id = sam(journal)
    support.reach_out(journal, "Sam Lee", TODAY)
    done = support.remove_person(journal, person_id)
    assert done.message == "Removed Sam Lee from your support circle. The time you reached out to them still counts."
    [step] = journal.steps.every()
    assert step.person_id is None and journal.steps.step_counts() == {TODAY: 1}
    undo(journal, done.undo)
    assert journal.steps.every()[0].person_id == person_id and journal.steps.person(person_id).last_contacted == TODAY


def test_a_reflection_says_whom_to_talk_to_and_the_reminder_goes_once_contact_is_logged(journal):
    sam(journal)
    app_id, _ = rejected(journal)
    save_reflection(journal, check_reflection(mood=2, today=TODAY, talk_to="Sam"), TODAY - timedelta(days=1), application_id=app_id)
    [reminder] = views.talk_reminders(journal, TODAY)
    assert reminder.name == "Sam Lee"
    support.reach_out(journal, "Sam Lee", TODAY)
    assert views.talk_reminders(journal, TODAY) == []


def test_after_a_rejection_the_kind_note_offers_feedback_at_screening_or_later_and_names_nobody_when_talked_lately(journal):
    sam(journal)
    support.reach_out(journal, "Sam Lee", TODAY - timedelta(days=13))
    _, done = rejected(journal, "Acme", days=0)
    assert "Sam" not in done.note and "asking them for feedback can turn this no into a lesson" in done.note
    _, early = rejected(journal, "Beta", stage=Stage.APPLICATION, days=0)
    assert "feedback" not in early.note  # an application-stage no: nothing to offer


def test_fourteen_quiet_days_make_the_note_suggest_someone_by_name(journal):
    sam(journal)
    support.reach_out(journal, "Sam Lee", TODAY - timedelta(days=14))
    _, done = rejected(journal, days=0)
    assert "maybe tell Sam Lee how it went?" in done.note


def test_asking_for_feedback_needs_a_rejection_at_screening_or_later_and_happens_once(journal):
    acme, _ = rejected(journal, "Acme", stage=Stage.SCREENING)
    early, _ = rejected(journal, "Beta", stage=Stage.APPLICATION)
    open_id = add_application(journal, check_application(company="Open", role="X", today=TODAY)).id
    with pytest.raises(Refused, match="Open hasn't said no"):
        support.ask_for_feedback(journal, open_id, TODAY)
    with pytest.raises(Refused, match="rarely comes with feedback"):
        support.ask_for_feedback(journal, early, TODAY)
    with pytest.raises(Refused, match="is before Acme said no"):
        support.ask_for_feedback(journal, acme, TODAY - timedelta(days=5))
    done = support.ask_for_feedback(journal, acme, TODAY)
    assert done.message == "Logged asking Acme for feedback. Brave — whatever they say, it's information."
    assert journal.steps.feedback_asked() == {acme: TODAY}
    assert journal.steps.step_counts()[TODAY] >= 1
    with pytest.raises(Refused, match=f"You asked Acme for feedback on {TODAY.isoformat()}"):
        support.ask_for_feedback(journal, acme, TODAY)
    undo(journal, done.undo)
    assert journal.steps.feedback_asked() == {}


def test_their_reply_is_kept_with_the_reflection(journal):
    acme, _ = rejected(journal)
    support.ask_for_feedback(journal, acme, TODAY)
    save_reflection(journal, check_reflection(mood=3, today=TODAY, feedback="More SQL depth, please."), TODAY, application_id=acme)
    assert journal.reflections.latest_of_application(acme).feedback == "More SQL depth, please."


def test_a_learning_step_for_gaps_posts_a_skill_learned_win_that_goes_with_it(journal):
    app_id, _ = rejected(journal)
    save_reflection(journal, check_reflection(mood=2, today=TODAY, gaps="SQL, figma"), TODAY - timedelta(days=2), application_id=app_id)
    with pytest.raises(Refused, match="Name at least one gap"):
        support.log_learning(journal, [], TODAY)
    done = support.log_learning(journal, ["sql"], TODAY, note="SQLBolt lessons 1-6")
    [win] = [w for w in journal.wins.every() if w.kind is WinKind.SKILL_LEARNED]
    assert win.title == "Skill learned: sql" and win.automatic and win.on == TODAY
    assert [(g.tag, g.worked_on) for g in views.learning_plan(journal)] == [("figma", False), ("sql", True)]
    undo(journal, done.undo)
    assert [w for w in journal.wins.every() if w.kind is WinKind.SKILL_LEARNED] == []
    again = support.log_learning(journal, ["figma"], TODAY)
    remove_action(journal, again.id)  # removing the step (the timeline, onward remove) takes its win too
    assert [w for w in journal.wins.every() if w.kind is WinKind.SKILL_LEARNED] == []


def test_the_nudge_rises_on_the_third_rejection_in_a_field_and_hiding_it_is_undoable(journal):
    rejected(journal, "A", stage=Stage.APPLICATION)
    rejected(journal, "B", stage=Stage.APPLICATION)
    assert views.broaden_nudges(journal, TODAY) == []
    for company in ("R1", "R2"):
        other = add_application(journal, check_application(company=company, role="UX researcher", field="Research", today=TODAY, applied="9 days ago")).id
        log_outcome(journal, other, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    rejected(journal, "C", stage=Stage.SCREENING)  # got as far as a screening: 1 of 3 got further
    [nudge] = views.broaden_nudges(journal, TODAY)
    assert (nudge.field, nudge.rejections) == ("Design", 3)
    assert (nudge.rate.further, nudge.rate.applied) == (1, 3)
    assert [(r.name, r.further, r.applied) for r in nudge.better] == [("Research", 2, 2)]
    done = support.hide_nudge(journal, "design", TODAY)
    # Named as the nudge names it, as the journal has it, not as typed (try7 L).
    assert done.message == "Hidden for 30 days: the nudge about Design." and done.undo.description == "hid the nudge about Design"
    assert views.broaden_nudges(journal, TODAY) == []
    assert views.broaden_nudges(journal, TODAY + timedelta(days=30)) == []  # the rejections are too old by then anyway
    undo(journal, done.undo)
    assert len(views.broaden_nudges(journal, TODAY)) == 1
    with pytest.raises(Refused, match="Name the field"):
        support.hide_nudge(journal, "  ", TODAY)


def test_hiding_needs_a_nudge_that_is_up_for_that_field(journal):
    with pytest.raises(Refused, match="There is no nudge about data right now; nothing to hide."):
        support.hide_nudge(journal, "data", TODAY)
    assert journal.setting_text("hidden_nudges") is None


def test_reaching_out_to_nobody_is_refused(journal):
    with pytest.raises(Refused, match="Say who you talked to"):
        support.reach_out(journal, "  \x1b ", TODAY, new_person=None)
    assert journal.steps.every() == []


def test_learning_for_the_same_gaps_twice_in_a_day_is_refused_and_today_names_the_gaps(journal):
    from tui.domain.inbox import build_inbox

    support.log_learning(journal, ["sql", "figma"], TODAY)
    with pytest.raises(Refused, match="already logged learning for sql on"):
        support.log_learning(journal, ["sql"], TODAY)
    support.log_learning(journal, ["sql"], TODAY - timedelta(days=1))
    inbox = build_inbox([], journal.steps.every(on=TODAY), [], set(), journal.settings(), TODAY)
    assert [row.text for row in inbox.rows] == ["Learning: sql, figma"]


def test_asking_for_feedback_goes_with_the_rejection_it_asked_about(journal):
    from tui.actions.editing import remove_event

    acme, _ = rejected(journal)
    support.ask_for_feedback(journal, acme, TODAY)
    rejection = journal.applications.get(acme).rejection
    remove_event(journal, rejection.id)
    assert journal.steps.feedback_asked() == {} and journal.steps.every(on=TODAY) == []
    log_outcome(journal, acme, OutcomeKind.REJECTED, TODAY, stage=Stage.SCREENING)
    support.ask_for_feedback(journal, acme, TODAY)  # a new no can be asked about


def test_the_nudge_leaves_out_gaps_already_worked_on_since_they_were_named(journal):
    ids = [rejected(journal, company, stage=Stage.APPLICATION)[0] for company in "ABC"]
    save_reflection(journal, check_reflection(mood=2, today=TODAY, gaps="sql, figma"), TODAY - timedelta(days=2), application_id=ids[0])
    assert views.broaden_nudges(journal, TODAY)[0].gaps == ("figma", "sql")
    support.log_learning(journal, ["sql"], TODAY - timedelta(days=1))
    assert views.broaden_nudges(journal, TODAY)[0].gaps == ("figma",)
