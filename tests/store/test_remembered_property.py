"""DESIGN rule 13: after every action and every undo, in any order, each remembered read equals a fresh read
(another connection, which remembers nothing): random sequences of what a user does, their undos, settings
and rest days, and another window's writes in between."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from tui.actions import applications, editing, interviews, reflections, steps, support, views, wins
from tui.actions.results import Refused
from tui.actions.undo import undo
from tui.domain.changes import Record
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.support import PersonEntry
from tui.domain.models import ActionKind, OutcomeKind, Relation, Stage, WinKind
from tui.domain.reflections import ReflectionEntry
from tui.store.remembered import READS
from tui.store.repository import Journal

TODAY = date(2026, 11, 27)
FIELDS = ("Design", "Data", "design ")

REMEMBERED: dict[str, Callable[[Journal], Any]] = {
    "step_counts": lambda j: j.steps.step_counts(),
    "rejection_dates": lambda j: j.applications.rejection_dates(),
    "first_applications": lambda j: j.applications.first_applications(25),
    "insight_counts": lambda j: (j.insights.tallies(TODAY), j.insights.insights(TODAY, j.steps.step_counts(), 5)),
    "win_marks": lambda j: j.wins.marks(),
    "reflections": lambda j: j.reflections.every(),
    "reflected_application_ids": lambda j: j.reflections.reflected_application_ids(),
    "draft_keys": lambda j: (j.reflections.draft_keys(), j.reflections.drafted_application_ids()),
    "rest_days": lambda j: j.rest_days(),
    "settings": lambda j: j.settings(),
    "people": lambda j: j.steps.people(),
    "learning_steps": lambda j: j.steps.learning_steps(),
    "feedback_asked": lambda j: j.steps.feedback_asked(),
    "talk_reminders": lambda j: views.talk_reminders(j, TODAY),
    "learning_plan": lambda j: views.learning_plan(j),
    "broaden_nudges": lambda j: views.broaden_nudges(j, TODAY),
    "field_rates": lambda j: views.broaden_nudges(j, TODAY),
    "gaps_by_field": lambda j: views.broaden_nudges(j, TODAY),
    "streak_runs": lambda j: views.streak_runs(j),
    "streak_summary": lambda j: views.streak_summary(j, TODAY),
    "meter": lambda j: views.meter(j, TODAY),
}
"""Every read the cache declares (tui/store/remembered.py READS), as a caller asks for it."""

day = st.integers(min_value=0, max_value=40).map(lambda n: TODAY - timedelta(days=n))
kinds = st.sampled_from([
    OutcomeKind.FOLLOWED_UP, OutcomeKind.NOTE, OutcomeKind.SCREENING, OutcomeKind.INTERVIEW,
    OutcomeKind.REJECTED, OutcomeKind.OFFER, OutcomeKind.GHOSTED,
])
moves = st.one_of(
    st.tuples(st.just("apply"), st.sampled_from(FIELDS), day),
    st.tuples(st.just("outcome"), st.integers(0, 9), kinds, day),
    st.tuples(st.just("three rejections"), st.sampled_from(FIELDS), day),
    st.tuples(st.just("interview day"), st.integers(0, 9), st.integers(-3, 5)),
    st.tuples(st.just("held"), st.integers(0, 9), st.sampled_from(["attended", "cancelled", "moved"])),
    st.tuples(st.just("step"), st.sampled_from([ActionKind.NETWORKING, ActionKind.LEARNING, ActionKind.VOLUNTEERING]), day),
    st.tuples(st.just("reflect"), st.integers(0, 9), st.sampled_from([(), ("figma",), ("sql", "figma")]), st.booleans()),
    st.tuples(st.just("learn"), st.sampled_from([("figma",), ("sql",)]), day),
    st.tuples(st.just("draft"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("win"), day),
    st.tuples(st.just("remove win"), st.integers(0, 9)),
    st.tuples(st.just("rest day"), day, st.booleans()),
    st.tuples(st.just("settings"), st.integers(1, 7), st.sampled_from([frozenset(), frozenset({5, 6})])),
    st.tuples(st.just("hide nudge"), st.sampled_from(FIELDS)),
    st.tuples(st.just("reach out"), st.sampled_from(["Ana", "Bo"]), day),
    st.tuples(st.just("reach out"), st.just("Ana"), day),
    st.tuples(st.just("ask feedback"), st.integers(0, 9), day),
    st.tuples(st.just("edit field"), st.integers(0, 9), st.sampled_from(FIELDS), day),
    st.tuples(st.just("remove"), st.sampled_from([Record.APPLICATION, Record.EVENT, Record.ACTION, Record.REFLECTION]), st.integers(0, 9)),
    st.tuples(st.just("undo"), st.integers(0, 9)),
    st.tuples(st.just("another window"), st.integers(0, 9), day),
)


STARTS = [
    ("apply", "Design", TODAY - timedelta(days=9)), ("apply", "Data", TODAY - timedelta(days=5)), ("interview day", 0, 0),
    ("three rejections", "Design", TODAY), ("reach out", "Ana", TODAY - timedelta(days=40)),
]
"""Every sequence starts from applications, an interview planned for today and a broaden nudge, so most moves
have something to act on."""


def _pick(ids: list[int], index: int) -> int | None:
    return ids[index % len(ids)] if ids else None


def _apply(journal: Journal, move: tuple, undos: list) -> None:
    """Do one move through the action layer (as the app and the command line do); a refusal changes nothing."""
    name = move[0]
    app_ids = sorted(a.id for a in journal.applications.listed(closed_too=True))
    app_id = _pick(app_ids, move[1]) if len(move) > 1 and isinstance(move[1], int) else None
    done = None
    if name == "apply":
        done = applications.add_application(journal, ApplicationEntry(f"Studio {len(app_ids)}", "Designer", move[2], field=move[1]))
    elif name == "three rejections":  # enough for a broaden nudge in that field
        for number in range(3):
            added = applications.add_application(journal, ApplicationEntry(f"Lab {len(app_ids)}-{number}", "Analyst", move[2], field=move[1]))
            assert added.id is not None
            done = applications.log_outcome(journal, added.id, OutcomeKind.REJECTED, move[2], stage=Stage.APPLICATION)
    elif name == "outcome" and app_id is not None:
        stage = Stage.APPLICATION if move[2] is OutcomeKind.REJECTED else None
        done = applications.log_outcome(journal, app_id, move[2], move[3], stage=stage)
    elif name == "interview day" and app_id is not None:
        done = applications.log_outcome(journal, app_id, OutcomeKind.INTERVIEW, TODAY, takes_place_on=TODAY + timedelta(days=move[2]))
    elif name == "held":
        planned = journal.applications.planned_interviews()
        if planned:
            event = planned[0]
            if move[2] == "attended":
                done = interviews.attended(journal, event.id, TODAY)
            elif move[2] == "cancelled":
                done = interviews.cancelled(journal, event.id)
            else:
                done = interviews.moved(journal, event.id, TODAY + timedelta(days=2), TODAY)
    elif name == "step":
        done = steps.log_action(journal, ActionEntry(move[1], move[2]))
    elif name == "reflect" and app_id is not None:
        entry = ReflectionEntry(mood=3, gaps=move[2], talk_to="Ana" if move[3] else "", next_step="call" if move[3] else "",
                                next_step_on=TODAY if move[3] else None)
        done = reflections.save_reflection(journal, entry, TODAY, application_id=app_id)
    elif name == "draft" and app_id is not None:  # kept by an editor that could not save, or dropped
        if move[2]:
            reflections.keep_draft(journal, f"application:{app_id}", {"body": "half a thought"})
        else:
            reflections.drop_draft(journal, f"application:{app_id}")
    elif name == "learn":
        done = support.log_learning(journal, list(move[1]), move[2])
    elif name == "win":
        done = wins.add_win(journal, WinEntry("Finished a portfolio", WinKind.SKILL_LEARNED, move[1]))
    elif name == "remove win":
        win_ids = sorted(mark.id for mark in journal.wins.marks())
        if win_ids:
            done = wins.remove_win(journal, _pick(win_ids, move[1]))
    elif name == "rest day":
        done = steps.mark_rest_day(journal, move[1], move[2], TODAY)
    elif name == "settings":
        done = steps.change_settings(journal, weekly_target=move[1], rest_weekdays=move[2])
    elif name == "hide nudge":
        done = support.hide_nudge(journal, move[1], TODAY)
    elif name == "reach out":
        known = support.person_called(journal.steps.people(), move[1])
        done = support.reach_out(journal, move[1], move[2], new_person=None if known else PersonEntry(move[1], Relation.FRIEND))
    elif name == "ask feedback" and app_id is not None:
        done = support.ask_for_feedback(journal, app_id, move[2])
    elif name == "edit field" and app_id is not None:
        app = journal.applications.get(app_id)
        done = applications.edit_application(journal, app_id, ApplicationEntry(app.company, app.role, move[3], field=move[2]))
    elif name == "remove":
        record, index = move[1], move[2]
        ids = {
            Record.APPLICATION: app_ids,
            Record.EVENT: sorted(e.id for a in journal.applications.listed(closed_too=True) for e in a.events),
            Record.ACTION: sorted(a.id for a in journal.steps.every()),
            Record.REFLECTION: sorted(r.id for r in journal.reflections.every()),
        }[record]
        if ids:
            done = editing.remove(journal, record, _pick(ids, index))
    elif name == "undo" and undos:
        change = undos.pop(move[1] % len(undos))
        undo(journal, change)
    elif name == "another window":
        other = Journal.open(journal.path)
        try:
            steps.log_action(other, ActionEntry(ActionKind.NETWORKING, move[2]))
            if app_ids:
                applications.log_outcome(other, _pick(app_ids, move[1]), OutcomeKind.REJECTED, move[2], stage=Stage.SCREENING)
        finally:
            other.close()
    if done is not None and done.undo is not None:
        undos.append(done.undo)


def test_the_table_names_every_read_the_cache_remembers():
    assert set(REMEMBERED) == set(READS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(moves, min_size=1, max_size=30).map(lambda sequence: [*STARTS, *sequence]))
def test_every_remembered_read_equals_a_fresh_read_after_every_action_and_undo(tmp_path_factory, sequence):
    path = tmp_path_factory.mktemp("remembered") / "journal.db"
    journal = Journal.open(path)
    undos: list = []
    try:
        for read in REMEMBERED.values():
            read(journal)  # everything remembered from the start, so every later move must keep it right
        for move in sequence:
            try:
                _apply(journal, move, undos)
            except Refused:
                pass
            fresh = Journal.open(path)
            try:
                for name, read in REMEMBERED.items():
                    assert read(journal) == read(fresh), f"{name} is stale after {move!r}"
            finally:
                fresh.close()
    finally:
        journal.close()
