"""The support circle's rules, the broaden nudge and the learning plan, against small hand-made journals."""

from datetime import date, timedelta

import pytest

from tui.domain.broaden import BroadenNudge, FieldRate, broaden_nudges, hidden_fields
from tui.domain.entries import EntryError
from tui.domain.learning import Gap, gap_line, learning_plan, learning_wins
from tui.domain.models import ActionKind, ApplicationLabel, Person, ProactiveAction, Reflection, Relation, Stage, WinKind
from tui.domain.support import (
    after_rejection,
    can_ask_for_feedback,
    check_contact_day,
    check_person,
    check_reach_out,
    check_share_fields,
    choose_between,
    find_person,
    people_called,
    people_named,
    share_fields,
    share_text,
    suggest_someone,
    talk_reminders,
)

TODAY = date(2026, 11, 27)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# The broaden nudge


def rejections(field: str, *days: int) -> list[tuple[str, date]]:
    return [(field, ago(d)) for d in days]


def test_three_rejections_in_one_field_within_30_days_raise_the_nudge():
    nudges = broaden_nudges(rejections("Design", 1, 10, 29), [], {}, {}, TODAY)
    assert [(n.field, n.rejections) for n in nudges] == [("Design", 3)]


@pytest.mark.parametrize("days", [(1, 10), (1, 10, 30), (1, 40, 50)])
def test_two_or_an_old_third_raise_nothing(days):
    assert broaden_nudges(rejections("Design", *days), [], {}, {}, TODAY) == []


def test_fields_differing_in_case_and_spaces_are_one_field_and_no_field_is_none():
    recent = rejections("Design", 1) + rejections(" design ", 2) + rejections("DESIGN", 3) + rejections("", 1, 2, 3)
    nudges = broaden_nudges(recent, [], {}, {}, TODAY)
    assert [(n.field, n.rejections) for n in nudges] == [("Design", 3)]


def test_the_nudge_names_fields_answering_more_often_best_first_and_the_gaps_most_named():
    rates = [
        FieldRate("Design", 10, 1), FieldRate("Research", 4, 3), FieldRate("data", 5, 2),
        FieldRate("Sales", 1, 1),  # one application says nothing about a field
        FieldRate("Ops", 6, 0),  # answers less often
    ]
    gaps = {"design": ["figma", "portfolio", "figma", "sql", "portfolio", "figma", "a11y"]}
    nudge = broaden_nudges(rejections("Design", 1, 2, 3), rates, gaps, {}, TODAY)[0]
    assert [r.name for r in nudge.better] == ["Research", "data"]
    assert nudge.gaps == ("figma", "portfolio", "a11y")
    assert nudge.line == (
        "3 rejections in Design in the last 30 days — that's tough, and it happens. Research (3 of 4) and "
        "data (2 of 5) get to a screening more often — worth a look? Gaps you named for Design: figma, portfolio, a11y."
    )
    assert nudge.short == (
        "3 rejections in Design lately — tough. Research gets further (3 of 4 got a screening); gaps named: figma, portfolio."
    )


def test_without_better_fields_or_gaps_it_still_reads_kindly():
    nudge = broaden_nudges(rejections("Design", 1, 2, 3), [FieldRate("Design", 3, 3)], {}, {}, TODAY)[0]
    assert nudge.better == () and nudge.gaps == ()
    assert nudge.line.endswith("A related field could be worth a look.")


def test_hiding_keeps_the_field_quiet_for_30_days_then_it_may_return():
    recent = rejections("Design", 1, 2, 3)
    assert broaden_nudges(recent, [], {}, {"design": ago(29)}, TODAY) == []
    assert len(broaden_nudges(recent, [], {}, {"design": ago(30)}, TODAY)) == 1
    assert hidden_fields({"design": ago(29), "data": ago(30)}, TODAY) == {"design"}


def test_hiding_one_field_leaves_the_others():
    recent = rejections("Design", 1, 2, 3) + rejections("Data", 1, 2, 3, 4)
    assert [n.field for n in broaden_nudges(recent, [], {}, {"design": TODAY}, TODAY)] == ["Data"]


# The learning plan


def reflection(id: int, days: int, *gaps: str, **more) -> Reflection:
    return Reflection(id, ago(days), 3, gaps=gaps, **more)


def learning(id: int, days: int, *gaps: str) -> ProactiveAction:
    return ProactiveAction(id, ago(days), ActionKind.LEARNING, gaps=gaps)


def test_each_gap_counts_the_reflections_naming_it_and_open_ones_come_first():
    plan = learning_plan(
        [reflection(1, 30, "sql", "figma"), reflection(2, 20, "sql"), reflection(3, 5, "sql", "a11y")],
        [learning(1, 10, "figma"), learning(2, 1, "not a gap")],
    )
    assert plan == [
        Gap("sql", 3, ago(5)), Gap("a11y", 1, ago(5)), Gap("figma", 1, ago(30), ago(10)),
    ]
    assert [gap.worked_on for gap in plan] == [False, False, True]


def test_a_gap_named_again_after_learning_is_open_again():
    gap = learning_plan([reflection(1, 30, "sql"), reflection(2, 2, "sql")], [learning(1, 10, "sql")])[0]
    assert not gap.worked_on
    assert gap_line(gap) == f"sql · named 2 times, last {ago(2).isoformat()} · named again since learning ({ago(10).isoformat()})"
    learned = learning_plan([reflection(1, 30, "sql")], [learning(1, 30, "sql")])[0]
    assert learned.worked_on  # the same day counts
    assert gap_line(learned).endswith(f"✓ learning logged {ago(30).isoformat()}")


def test_a_learning_step_naming_gaps_posts_one_skill_learned_win():
    wins = learning_wins([learning(7, 0, "sql", "figma"), learning(8, 0), ProactiveAction(9, TODAY, ActionKind.NETWORKING)])
    assert [(w.cause, w.title, w.kind, w.on) for w in wins] == [("learned:7", "Skill learned: sql, figma", WinKind.SKILL_LEARNED, TODAY)]


# The support circle


def person(id: int, name: str, relation: Relation = Relation.FRIEND, last: int | None = None) -> Person:
    return Person(id, name, relation, last_contacted=None if last is None else ago(last))


def test_a_person_needs_a_name_and_a_real_relation():
    assert check_person(name="  Sam \x1b[31m ", relation="Mentor") .relation is Relation.MENTOR
    with pytest.raises(EntryError) as error:
        check_person(name="  ", relation="boss")
    assert error.value.problems.by_field == {
        "name": "Name can't be empty.",
        "relation": '"boss" is not a relation; use one of: friend, family, mentor, peer, recruiter, other.',
    }


def test_reaching_out_is_dated_on_a_day_gone_by():
    assert check_contact_day("yesterday", TODAY) == ago(1)
    with pytest.raises(EntryError, match="is in the future"):
        check_contact_day("tomorrow", TODAY)


def test_someone_new_joins_the_circle_with_their_relation_someone_known_does_not():
    circle = [person(1, "Sam Lee")]
    assert check_reach_out(name="sam lee", on="today", today=TODAY, people=circle).new_person is None
    new = check_reach_out(name="Ana", on="today", today=TODAY, people=circle, relation="peer").new_person
    assert new is not None and (new.name, new.relation) == ("Ana", Relation.PEER)
    with pytest.raises(EntryError) as error:
        check_reach_out(name="", on="next year", today=TODAY, people=circle)
    assert set(error.value.problems.by_field) == {"name", "on"}


def test_names_match_ignoring_case_accents_composed_or_not_and_spaces():
    circle = [person(1, "Zoë  Park")]
    assert find_person(circle, "zoe\u0308 park") == circle[0]
    assert find_person(circle, "Zoe Park") is None


def test_a_reflection_names_people_by_full_name_else_by_a_first_name_only_one_has():
    circle = [person(1, "Sam Lee"), person(2, "Sam Ortiz"), person(3, "Ana Ruiz"), person(4, "Mum")]
    assert people_named(circle, "Sam Lee and mum") == [circle[0], circle[3]]
    assert people_named(circle, "Ana") == [circle[2]]
    assert people_named(circle, "Sam") == []  # two Sams: no guessing
    assert people_named(circle, "Samantha") == []


def test_a_talk_reminder_stays_until_contact_with_them_is_logged_on_or_after_the_reflection():
    sam = person(1, "Sam", last=5)
    reflections = [
        Reflection(1, ago(10), 2, talk_to="Sam"),  # contacted 5 days ago: done
        Reflection(2, ago(3), 2, talk_to="Sam"),  # not since: reminded
        Reflection(3, ago(2), 2, talk_to="my sister"),  # not in the circle: reminded, by what was typed
        Reflection(4, ago(31), 2, talk_to="Sam"),  # too old to nag about
        Reflection(5, ago(1), 2),  # nobody named
    ]
    reminders = talk_reminders(reflections, [sam], TODAY)
    assert [(r.reflection.id, r.name, r.person) for r in reminders] == [(2, "Sam", sam), (3, "my sister", None)]
    assert talk_reminders([Reflection(2, ago(3), 2, talk_to="Sam")], [person(1, "Sam", last=3)], TODAY) == []


def test_after_14_quiet_days_a_rejection_suggests_a_mentor_first_then_whoever_was_heard_from_least():
    circle = [person(1, "Rae", Relation.RECRUITER), person(2, "Ana", Relation.FRIEND, last=20), person(3, "Bo", Relation.FRIEND, last=40)]
    assert suggest_someone(circle, ago(13), TODAY) is None
    assert suggest_someone(circle, ago(14), TODAY) == circle[2]
    assert suggest_someone(circle, None, TODAY) == circle[2]
    assert suggest_someone([*circle, person(4, "Mo", Relation.MENTOR, last=1)], ago(30), TODAY).name == "Mo"
    assert suggest_someone([], None, TODAY) is None


@pytest.mark.parametrize(("stage", "worth"), [(None, False), (Stage.APPLICATION, False), (Stage.SCREENING, True), (Stage.FINAL_ROUND, True)])
def test_feedback_is_offered_after_a_screening_or_later(stage, worth):
    assert can_ask_for_feedback(stage) is worth


def test_the_words_after_a_rejection_never_say_a_phrase_twice():
    """Tester (try7 L2): "…you can reflect when you're ready. When you're ready, asking them for feedback…": the
    gentle note and what follows it are one set, whichever note a rejection gets."""
    import re

    from tui.domain.encouragement import REJECTION_NOTES

    for seed in range(len(REJECTION_NOTES)):
        for someone, stage in ((None, Stage.FINAL_ROUND), (person(1, "Sam"), Stage.INTERVIEW), (None, Stage.APPLICATION)):
            said = after_rejection(seed, someone, stage)
            words = re.findall(r"[a-z']+", said.lower())
            phrases = [" ".join(words[at:at + 3]) for at in range(len(words) - 2)]
            assert len(phrases) == len(set(phrases)), said
    assert "feedback" in after_rejection(0, None, Stage.FINAL_ROUND) and "Sam" in after_rejection(0, person(1, "Sam"), Stage.FINAL_ROUND)


# A shareable summary


def test_a_shared_summary_holds_the_facts_and_lessons_and_no_private_field_unless_chosen():
    shared = Reflection(
        1, TODAY, 2, feelings=("gutted",), stage=Stage.INTERVIEW, went_well="Rapport", do_differently="Prepare numbers",
        gaps=("sql", "figma"), stumbles="Froze on SQL", next_step="Practice", body="Private diary", feedback="Needed SQL",
    )
    label = ApplicationLabel("Acme", "Analyst", "data")
    text = share_text(shared, label, ["application", "stage", "went_well", "do_differently", "gaps", "next_step"], to="Sam")
    assert text == (
        "Hi Sam,\n\nI'd value your advice on a job application that didn't work out.\n\n"
        "Which application: Acme — Analyst\nHow far it got: rejected at the interview stage\nWhat went well: Rapport\n"
        "What I'd do differently: Prepare numbers\nSkills to build: sql, figma\nMy next step: Practice\n\nWhat would you suggest?"
    )
    for private in ("gutted", "Froze", "Private diary", "Needed SQL", "2 of 5"):
        assert private not in text
    chosen = share_text(shared, label, ["feedback", "mood"])
    assert "Their feedback: Needed SQL" in chosen and "How I feel: 2 of 5 (low)" in chosen and "Acme" not in chosen
    assert share_fields(shared, None) == ["stage", "went_well", "do_differently", "gaps", "next_step", "mood", "feelings", "stumbles", "feedback", "body"]


def test_share_fields_are_checked_by_name():
    assert check_share_fields(["gaps", " stage ", "gaps"]) == ("gaps", "stage")
    with pytest.raises(EntryError, match='"diary" is not a part of a reflection'):
        check_share_fields(["diary"])


def test_a_name_needs_something_visible():
    with pytest.raises(EntryError, match="needs a letter or two you can see."):
        check_person(name="\u200b\u200d")
    with pytest.raises(EntryError, match="needs a letter or two you can see."):
        check_reach_out(name="\u2060", on="today", today=TODAY, people=[])
    assert check_person(name="🙂").name == "🙂"


def test_share_parts_are_read_in_any_case_and_a_long_to_is_cut():
    assert check_share_fields(["MOOD", "Gaps"]) == ("mood", "gaps")
    text = share_text(Reflection(1, TODAY, 3), None, [], to="x" * 5000)
    assert text.splitlines()[0] == f"Hi {'x' * 59}…,"


def test_a_typed_name_means_the_full_name_else_a_first_name_else_the_start_of_a_name():
    circle = [person(1, "Sam Lee"), person(2, "Sam Ortiz"), person(3, "Samantha Ruiz"), person(4, "Mum"), person(5, "Ana Ruiz")]
    assert people_called(circle, "sam lee") == [circle[0]]
    assert people_called(circle, "Sam") == [circle[0], circle[1]]  # first names before starts of names
    assert people_called(circle, "Saman") == [circle[2]]
    assert people_called(circle, "sam o") == [circle[1]]
    assert people_called(circle, "an") == [circle[4]]
    assert people_called(circle, "Ruiz") == [] and people_called(circle, "  ") == []
    assert choose_between("Sam", people_called(circle, "Sam")) == '"Sam" could be Sam Lee or Sam Ortiz; write more of the name.'
    assert check_reach_out(name="saman", on="today", today=TODAY, people=circle).new_person is None
    with pytest.raises(EntryError) as error:
        check_reach_out(name="Sam", on="today", today=TODAY, people=circle)
    assert error.value.problems.by_field == {"name": '"Sam" could be Sam Lee or Sam Ortiz; write more of the name.'}
