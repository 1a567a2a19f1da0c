"""The journal remembers whole-history reads (steps per day, settings, the meter) between changes: each test
makes a change the remembered value must not hide."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import make_empty_journal
from tests.journal_steps import act, add_app, change_settings, edit_app, log, reflect, rest_day, undo
from tui.actions import steps, views
from tui.domain.changes import Delete, Record
from tui.domain.entries import ActionEntry, ApplicationEntry
from tui.domain.models import ActionKind, OutcomeKind, Stage
from tui.domain.reflections import ReflectionEntry
from tui.store.repository import Journal

DAY = date(2026, 11, 20)


@pytest.fixture
def journal(tmp_path):
    journal = Journal.open(make_empty_journal(tmp_path / "journal.db"))
    yield journal
    journal.close()


def test_a_write_of_another_connection_is_seen(journal):
    assert journal.steps.step_counts() == {}
    assert views.streak_summary(journal, DAY).current == 0
    other = Journal.open(journal.path)
    try:
        act(other, ActionEntry(ActionKind.NETWORKING, DAY))
        steps.change_settings(other, weekly_target=2)
    finally:
        other.close()
    assert journal.steps.step_counts() == {DAY: 1}
    assert views.streak_summary(journal, DAY).current == 1
    assert journal.settings().weekly_target == 2


def test_its_own_writes_and_their_undo_are_seen(journal):
    assert views.meter(journal, DAY).summary.current == 0
    change = act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    assert journal.steps.step_counts() == {DAY: 1}
    assert views.meter(journal, DAY).summary.current == 1
    undo(journal, change)
    assert journal.steps.step_counts() == {}
    assert views.meter(journal, DAY).summary.current == 0


def test_reads_inside_a_change_see_its_writes_and_a_rollback_forgets_them(journal):
    with pytest.raises(RuntimeError):
        with journal.transaction():
            assert journal.steps.step_counts() == {}  # as an action reads before writing
            journal.steps.insert_action(DAY, ActionKind.NETWORKING)
            assert journal.steps.step_counts() == {DAY: 1}
            raise RuntimeError("the action fails after its write")
    assert journal.steps.step_counts() == {}


def test_a_caller_changing_what_it_got_changes_nothing_remembered(journal):
    act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    journal.steps.step_counts()[DAY] = 99
    journal.rest_days().append(DAY)
    assert journal.steps.step_counts() == {DAY: 1}
    assert journal.rest_days() == []


def test_steps_counted_in_as_they_are_written_match_a_fresh_read(journal):
    assert journal.steps.step_counts() == {}
    with journal.transaction():
        journal.steps.insert_action(DAY, ActionKind.NETWORKING)
        journal.steps.insert_action(DAY, ActionKind.LEARNING)
        journal.steps.insert_action(date(2026, 11, 21), ActionKind.LEARNING)
    act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    counted = journal.steps.step_counts()
    journal.remembered.forget_all()
    assert counted == journal.steps.step_counts() == {DAY: 3, date(2026, 11, 21): 1}


def test_its_own_setting_and_rest_day_changes_are_seen(journal):
    assert journal.settings().weekly_target != 2
    assert journal.rest_days() == []
    steps.change_settings(journal, weekly_target=2)
    steps.mark_rest_day(journal, DAY, True, DAY)
    assert journal.settings().weekly_target == 2
    assert journal.rest_days() == [DAY]
    assert views.streak_summary(journal, DAY).today.name == "REST"


def test_a_write_to_another_table_keeps_the_steps_remembered(journal, monkeypatch):
    with journal.transaction():
        application_id = journal.applications.insert_application(ApplicationEntry("Acme", "Analyst", DAY))
    act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    journal.steps.step_counts()
    reads = []
    real = journal.steps._query
    monkeypatch.setattr(journal.steps, "_query", lambda sql, params=(): reads.append(sql) or real(sql, params))
    with journal.transaction():
        journal.applications.insert_event(application_id, DAY, OutcomeKind.NOTE, None, "a note")  # no action: steps per day unchanged
        journal.steps.insert_action(DAY, ActionKind.LEARNING)  # counted in
    assert journal.steps.step_counts() == {DAY: 2}
    assert not [sql for sql in reads if "step_days" in sql]


def test_reflections_and_wins_written_or_edited_here_are_seen(journal):
    from tests.journal_steps import add_win, reflect
    from tui.actions import reflections, wins
    from tui.domain.entries import check_win
    from tui.domain.reflections import ReflectionEntry

    assert journal.reflections.every() == [] and journal.wins.marks() == []
    saved = reflect(journal, ReflectionEntry(mood=3, body="first"), DAY)
    add_win(journal, check_win(title="A good chat", kind="networking", today=DAY))
    assert [r.body for r in journal.reflections.every()] == ["first"]
    assert [m.kind.value for m in journal.wins.marks()] == ["networking"]
    reflections.save_reflection(journal, ReflectionEntry(mood=3, body="second"), DAY, reflection_id=saved.id)
    wins.remove_win(journal, journal.wins.marks()[0].id)
    assert [r.body for r in journal.reflections.every()] == ["second"]
    assert journal.wins.marks() == []


def test_which_applications_have_a_reflection_follows_each_reflection_saved(journal):
    from tests.journal_steps import add_app, reflect
    from tui.domain.entries import check_application
    from tui.domain.reflections import check_reflection

    first = add_app(journal, check_application(company="Acme", role="Analyst", today=DAY))[0].id
    second = add_app(journal, check_application(company="Beta", role="Analyst", today=DAY))[0].id
    assert journal.reflections.reflected_application_ids() == set()
    reflect(journal, check_reflection(mood=2, today=DAY, body="Keep going."), DAY, application_id=first)
    assert journal.reflections.reflected_application_ids() == {first}
    other = Journal.open(journal.path)
    try:
        reflect(other, check_reflection(mood=3, today=DAY, body="Onward."), DAY, application_id=second)
    finally:
        other.close()
    assert journal.reflections.reflected_application_ids() == {first, second}


def test_an_undo_forgets_what_its_steps_and_their_cascades_change_and_keeps_the_rest(journal):
    from tests.journal_steps import add_app, add_win
    from tui.domain.entries import check_application, check_win

    act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    _, added = add_app(journal, check_application(company="Acme", role="Analyst", today=DAY))
    assert journal.steps.step_counts() == {DAY: 2}  # the application's own "applied" step
    undo(journal, added)  # removes the application, and its step goes with it (a cascade)
    assert journal.steps.step_counts() == {DAY: 1}
    win = add_win(journal, check_win(title="Kind words", kind="other", today=DAY))
    journal.steps.step_counts()
    reads: list[str] = []
    journal.db.conn.set_trace_callback(reads.append)
    undo(journal, win)  # wins only: the steps per day are still what was read
    assert journal.steps.step_counts() == {DAY: 1}
    journal.db.conn.set_trace_callback(None)
    assert not [sql for sql in reads if "FROM actions" in sql], reads


def test_the_cascades_an_undo_expects_are_the_schema_s_own(journal):
    from tui.store.records import CASCADES as _CASCADES

    children: dict[str, set[str]] = {table: set() for table in _CASCADES}
    tables = [name for (name,) in journal.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in journal.db.execute(f"SELECT \"table\", on_delete FROM pragma_foreign_key_list('{table}')"):
            if row[1] in ("CASCADE", "SET NULL") and row[0] in children:
                children[row[0]].add(table)

    def closure(table: str) -> set[str]:
        found = set(children[table])
        for child in children[table]:
            found |= closure(child)
        return found

    for table in _CASCADES:
        assert closure(table) <= _CASCADES[table], table


def test_an_undo_counts_the_steps_it_removes_or_puts_back_out_of_the_remembered_ones(journal):
    """`z` on ten years must not count every step again: the undo subtracts (or adds back) the steps its
    removals take with them, cascades included, and the result is what a fresh read gives."""
    from datetime import timedelta

    from tests.journal_steps import add_app, edit_app, log
    from tui.domain.entries import check_application

    yesterday = DAY - timedelta(days=1)
    act(journal, ActionEntry(ActionKind.NETWORKING, yesterday))
    app, _ = add_app(journal, check_application(company="Acme", role="Analyst", today=DAY, applied="yesterday"))
    changes = [
        log(journal, app.id, OutcomeKind.SCREENING, DAY),
        act(journal, ActionEntry(ActionKind.LEARNING, yesterday)),
        edit_app(journal, app.id, check_application(company="Acme", role="Analyst", today=DAY, applied="today"))[1],
    ]
    for change in reversed(changes):
        journal.steps.step_counts()
        reads: list[str] = []
        journal.db.conn.set_trace_callback(reads.append)
        undo(journal, change)
        counted = journal.steps.step_counts()
        journal.db.conn.set_trace_callback(None)
        if change is not changes[2]:  # moving the applied day moves its step: read again, not counted
            assert not [sql for sql in reads if 'GROUP BY "on"' in sql], change.description
        journal.remembered.forget_all()
        assert counted == journal.steps.step_counts(), change.description
    assert journal.steps.step_counts() == {yesterday: 2}  # the networking step and Acme's "applied"
    # Removing an application takes its own steps and those of its outcomes (a cascade).
    log(journal, app.id, OutcomeKind.INTERVIEW, DAY)
    assert journal.steps.step_counts() == {yesterday: 2, DAY: 1}
    journal.undo.revert([Delete(Record.APPLICATION, app.id)])
    counted = journal.steps.step_counts()
    journal.remembered.forget_all()
    assert counted == journal.steps.step_counts() == {yesterday: 1}


def test_streak_figures_are_worked_out_again_only_when_a_day_gains_its_first_step_or_loses_its_last(journal, monkeypatch):
    """Every streak figure depends only on which days have a step: a second step on a day must not walk ten
    years again, while a first step (or undoing a day's last) must be seen at once."""
    from datetime import timedelta

    walks: list[str] = []
    for name, domain_name in (("summary_of", "streak_summary"), ("runs_of", "streak_runs")):
        real = getattr(views, name)
        monkeypatch.setattr(views, name, lambda *a, _real=real, _name=domain_name: walks.append(_name) or _real(*a))
    yesterday = DAY - timedelta(days=1)
    first = act(journal, ActionEntry(ActionKind.NETWORKING, yesterday))
    assert views.streak_summary(journal, DAY).current == 1
    walks.clear()
    second = act(journal, ActionEntry(ActionKind.LEARNING, yesterday))  # yesterday already counts
    assert views.streak_summary(journal, DAY).current == 1
    assert walks == []
    act(journal, ActionEntry(ActionKind.LEARNING, DAY))  # today's first step
    assert views.streak_summary(journal, DAY).current == 2 and walks
    walks.clear()
    undo(journal, second)
    assert views.streak_summary(journal, DAY).current == 2 and walks == []  # yesterday still has its first
    undo(journal, first)  # yesterday's last step goes: the streak is today's alone
    assert views.streak_summary(journal, DAY).current == 1



def test_the_wall_s_marks_follow_each_write_and_undo_without_reading_every_win_again(journal):
    """On ten years the wall lays out ~10,000 wins: a win added, edited, removed, posted by an outcome,
    moved with it or taken back by z is brought into the remembered marks, and they are what a fresh read
    gives, in the wall's order."""
    from datetime import timedelta

    from tests.journal_steps import add_app, add_win, edit_app, edit_win, log, remove_win
    from tui.actions import wins
    from tui.domain.entries import check_application, check_win

    yesterday = DAY - timedelta(days=1)
    app, _ = add_app(journal, check_application(company="Acme", role="Analyst", today=DAY, applied="yesterday"))
    add_win(journal, check_win(title="Older", kind="networking", today=DAY, on=(DAY - timedelta(days=9)).isoformat()))

    def follows(what: str, write):
        journal.wins.marks()  # remembered as it stands
        reads: list[str] = []
        journal.db.conn.set_trace_callback(reads.append)
        result = write()
        held = journal.wins.marks()
        journal.db.conn.set_trace_callback(None)
        assert not [sql for sql in reads if 'FROM wins ORDER BY "on" DESC' in sql], what
        journal.remembered.forget_all()
        assert held == journal.wins.marks(), what
        return result

    changes = [follows("a win added", lambda: add_win(journal, check_win(title="A chat", kind="networking", today=DAY)))]
    chat = journal.wins.marks()[0].id
    changes.append(follows("a win edited to another day and kind", lambda: edit_win(
        journal, chat, check_win(title="A chat", kind="skill_learned", today=DAY, on=yesterday.isoformat()))))
    changes.append(follows("an outcome posting its win", lambda: log(journal, app.id, OutcomeKind.SCREENING, DAY)))
    changes.append(follows("an edit moving an automatic win", lambda: edit_app(
        journal, app.id, check_application(company="Acme", role="Analyst", today=DAY, applied="today"))[1]))
    follows("the wall seen", lambda: wins.mark_wins_seen(journal))
    followed = follows("a follow-up (it posts no win)", lambda: log(journal, app.id, OutcomeKind.FOLLOWED_UP, DAY))
    follows("its undo (the outcome's wins, none, go with it)", lambda: undo(journal, followed))
    changes.append(follows("a win removed", lambda: remove_win(journal, chat)))
    assert len(journal.wins.marks()) == 3  # Older, the first application's milestone, the screening's (chat gone)
    for change in reversed(changes):
        follows(f"undo of {change.description}", lambda: undo(journal, change))
    assert sorted(m.kind.value for m in journal.wins.marks()) == ["milestone", "networking"]
    # A removal takes the automatic wins hanging off what it removes, whoever posted them.
    event_id = next(s.id for s in log(journal, app.id, OutcomeKind.SCREENING, DAY).steps if isinstance(s, Delete) and s.record is Record.EVENT)
    follows("an outcome removed", lambda: journal.undo.revert([Delete(Record.EVENT, event_id)]))
    log(journal, app.id, OutcomeKind.SCREENING, DAY)
    log(journal, app.id, OutcomeKind.INTERVIEW, DAY)
    assert len(journal.wins.marks()) == 4  # Older, the milestone, the screening's and the interview's
    follows("an application removed, three wins with it", lambda: journal.undo.revert([Delete(Record.APPLICATION, app.id)]))
    assert [m.kind.value for m in journal.wins.marks()] == ["networking"]


def test_the_broaden_nudge_is_read_again_only_after_a_change_it_depends_on(journal, monkeypatch):
    """Follow-ups, notes and steps (most keys) leave the nudge remembered; an outcome that says how far an
    application got, a field edited, a learning step, and the undo of each are seen at once."""
    from tui.actions import support

    worked_out: list[str] = []
    gaps_read: list[str] = []
    real = journal.db.execute
    nudge_read = "JOIN applications ON applications.id = events.application_id"  # its first query

    def execute(sql, *args):
        if nudge_read in sql:
            worked_out.append(sql)
        if "json_each(reflections.gaps)" in sql:
            gaps_read.append(sql)
        return real(sql, *args)

    monkeypatch.setattr(journal.db, "execute", execute)
    design = [add_app(journal, ApplicationEntry(f"Studio {n}", "Designer", DAY, field="Design"))[0] for n in range(4)]
    data = [add_app(journal, ApplicationEntry(f"Lab {n}", "Analyst", DAY, field="Data"))[0] for n in range(2)]
    for app in design[:3]:
        log(journal, app.id, OutcomeKind.REJECTED, DAY, stage=Stage.APPLICATION)
    log(journal, data[0].id, OutcomeKind.SCREENING, DAY)

    def read_again(expected: bool) -> None:
        other = Journal.open(journal.path)  # remembers nothing: what a fresh read gives
        try:
            fresh = views.broaden_nudges(other, DAY)
        finally:
            other.close()
        worked_out.clear()
        assert views.broaden_nudges(journal, DAY) == fresh
        assert bool(worked_out) is expected

    read_again(True)
    nudge, = views.broaden_nudges(journal, DAY)
    assert nudge.field == "Design" and [rate.name for rate in nudge.better] == ["Data"]
    followed = log(journal, data[1].id, OutcomeKind.FOLLOWED_UP, DAY)
    read_again(False)
    undo(journal, followed)
    read_again(False)
    log(journal, data[1].id, OutcomeKind.NOTE, DAY, note="called back")
    act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    read_again(False)
    screening = log(journal, design[3].id, OutcomeKind.SCREENING, DAY)  # Design's rate moves
    gaps_read.clear()
    read_again(True)
    assert not gaps_read  # the gaps named stay remembered
    undo(journal, screening)
    read_again(True)
    _, moved = edit_app(journal, design[0].id, ApplicationEntry("Studio 0", "Designer", DAY, field="Data"))
    read_again(True)
    assert views.broaden_nudges(journal, DAY) == []  # two rejections left in Design
    undo(journal, moved)
    read_again(True)
    reflect(journal, ReflectionEntry(mood=2, gaps=("figma",)), DAY, application_id=design[0].id)
    read_again(True)
    assert views.broaden_nudges(journal, DAY)[0].gaps == ("figma",)
    learned = support.log_learning(journal, ["figma"], DAY).undo
    read_again(True)
    assert views.broaden_nudges(journal, DAY)[0].gaps == ()  # worked on since it was named
    assert learned is not None
    undo(journal, learned)
    read_again(True)
    assert views.broaden_nudges(journal, DAY)[0].gaps == ("figma",)


def test_the_meter_is_worked_out_again_only_when_a_day_gains_or_loses_its_first_step_or_a_rejection_moves(journal, monkeypatch):
    """The meter walks every day of ten years: a follow-up, a screening or a second step on a day leave it
    remembered; a rejection, a day's first step, a rest day, the weekly target and the undo of each are
    seen at once."""
    from datetime import timedelta

    built: list[bool] = []
    real = views.build_meter
    monkeypatch.setattr(views, "build_meter", lambda *a: built.append(True) or real(*a))
    app, _ = add_app(journal, ApplicationEntry("Acme", "Analyst", DAY - timedelta(days=3)))
    other_app, _ = add_app(journal, ApplicationEntry("Birch", "Analyst", DAY - timedelta(days=3)))

    def read_again(expected: bool) -> None:
        other = Journal.open(journal.path)
        try:
            fresh = views.meter(other, DAY)
        finally:
            other.close()
        built.clear()
        assert views.meter(journal, DAY) == fresh
        assert bool(built) is expected

    read_again(True)
    followed = log(journal, app.id, OutcomeKind.FOLLOWED_UP, DAY - timedelta(days=3))  # that day had its step
    read_again(False)
    undo(journal, followed)
    read_again(False)
    screening = log(journal, app.id, OutcomeKind.SCREENING, DAY - timedelta(days=3))  # a step on a day with one
    read_again(False)
    undo(journal, screening)
    read_again(False)
    rejected = log(journal, other_app.id, OutcomeKind.REJECTED, DAY - timedelta(days=2), stage=Stage.APPLICATION)
    read_again(True)
    assert views.meter(journal, DAY).bounce.latest is None  # no step since
    first = act(journal, ActionEntry(ActionKind.NETWORKING, DAY))  # today's first step
    read_again(True)
    assert views.meter(journal, DAY).bounce.latest == 2
    second = act(journal, ActionEntry(ActionKind.LEARNING, DAY))
    read_again(False)
    undo(journal, second)
    read_again(False)
    undo(journal, first)
    read_again(True)
    undo(journal, rejected)
    read_again(True)
    assert views.meter(journal, DAY).bounce.latest is None and views.meter(journal, DAY).bounce.resolved == 0
    target = change_settings(journal, weekly_target=3)
    read_again(True)
    undo(journal, target)
    read_again(True)
    rest = rest_day(journal, DAY - timedelta(days=1), True, DAY)
    read_again(True)
    undo(journal, rest)
    read_again(True)


def test_the_steps_per_day_sqlite_keeps_match_the_steps_after_every_kind_of_change(journal):
    """Migration 11's triggers keep one row a day: steps added, removed by hand or with their outcome or
    application (the schema's cascades), moved to another day, and every undo, match a count of the steps."""
    from datetime import timedelta

    from tui.actions import editing, support
    from tui.domain.support import PersonEntry

    def counted() -> dict[str, int]:
        return dict(journal.db.execute('SELECT "on", count(*) FROM actions GROUP BY "on"').fetchall())

    def kept() -> dict[str, int]:
        return dict(journal.db.execute('SELECT "on", steps FROM step_days').fetchall())

    changes = []

    def check(what: str) -> None:
        assert kept() == counted(), what

    app, added = add_app(journal, ApplicationEntry("Acme", "Analyst", DAY - timedelta(days=5)))
    changes.append(added)
    check("an application and its applied step")
    changes.append(log(journal, app.id, OutcomeKind.FOLLOWED_UP, DAY))
    changes.append(act(journal, ActionEntry(ActionKind.NETWORKING, DAY)))
    changes.append(act(journal, ActionEntry(ActionKind.LEARNING, DAY - timedelta(days=1))))
    check("steps on two days")
    step = next(a for a in journal.steps.every() if a.kind is ActionKind.NETWORKING)
    changes.append(editing.edit_action(journal, step.id, on=DAY - timedelta(days=2), today=DAY).undo)
    check("a step moved to another day")
    _, moved = edit_app(journal, app.id, ApplicationEntry("Acme", "Analyst", DAY - timedelta(days=9)))
    changes.append(moved)
    check("the applied step moved with its application")
    changes.append(support.reach_out(journal, "Sam", DAY, new_person=PersonEntry("Sam")).undo)
    check("reaching out")
    sam = journal.steps.people()[0]
    changes.append(support.remove_person(journal, sam.id).undo)
    check("a person removed (their steps stay, unnamed)")
    followed_up = next(e for e in journal.applications.get(app.id).events if e.kind is OutcomeKind.FOLLOWED_UP)
    changes.append(editing.remove_event(journal, followed_up.id).undo)
    check("an outcome removed, its step with it")
    for change in reversed(changes):
        undo(journal, change)
        check(f"undo of {change.description}")
    assert kept() == {}
    app, _ = add_app(journal, ApplicationEntry("Birch", "Analyst", DAY))
    log(journal, app.id, OutcomeKind.FOLLOWED_UP, DAY + timedelta(days=1))
    editing.remove_application(journal, app.id)
    check("an application removed, its steps with it")
    assert kept() == {}
