"""Properties of the action layer: every action is undone exactly by its undo, in any order of actions.

A rule-based state machine runs random sequences of actions and undos against a small model of what the
journal should hold (statuses, counts), and after each undo compares the whole journal with how it was.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.conftest import TODAY
from tui.actions import NeedsReopen, Refused
from tui.actions.applications import add_application, edit_application, log_outcome
from tui.actions.reflections import save_reflection
from tui.actions.steps import USER_ACTION_KINDS, change_settings, finish_next_step, log_action, mark_rest_day
from tui.actions.undo import undo
from tui.actions.wins import add_win, edit_win, remove_win
from tui.domain.entries import check_action, check_application, check_win
from tui.domain.models import OPEN_STATUSES, OutcomeKind, Stage, Status
from tui.domain.reflections import check_reflection
from tui.store.repository import Journal

EXAMPLES = int(os.environ.get("ONWARD_PROPERTY_EXAMPLES", "25"))
TABLES = ("applications", "events", "actions", "wins", "win_tombstones", "reflections", "rest_days", "settings")
COMPANIES = st.sampled_from(["Acme", "Globex", "Initech", "[b]Umbrella[/b]", "Ünïcode"])
DAYS_AGO = st.integers(min_value=0, max_value=20)


# When a row was written, and whether the wall has shown a win, are bookkeeping: an automatic win that an
# undo posts again is the same win, written a second later.
BOOKKEEPING = {"created_at", "seen"}


def whole_journal(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read by a separate connection: what an undo must restore exactly."""
    connection = sqlite3.connect(path)
    try:
        held = {}
        for table in TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})") if row[1] not in BOOKKEEPING]
            quoted = ", ".join(f'"{column}"' for column in columns)
            held[table] = connection.execute(f"SELECT {quoted} FROM {table} ORDER BY 1").fetchall()
        return held
    finally:
        connection.close()


class ActionsAndUndos(RuleBasedStateMachine):
    """Random actions and undos; the model knows each application's status and what z should bring back."""

    @initialize()
    def open_journal(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "journal.db"
        self.journal = Journal.open(self.path)
        self.statuses: dict[int, Status] = {}
        self.done: list[tuple[object, dict, dict[int, Status]]] = []  # (undo, journal before, statuses before)

    def teardown(self) -> None:
        if hasattr(self, "journal"):
            self.journal.close()
            self.folder.cleanup()

    def _apply(self, action, *args, **kwargs):
        before, statuses = whole_journal(self.path), dict(self.statuses)
        try:
            done = action(self.journal, *args, **kwargs)
        except Refused:
            assert whole_journal(self.path) == before, "a refused action wrote something"
            return None
        self.done.append((done.undo, before, statuses))
        return done

    @rule(company=COMPANIES, days_ago=DAYS_AGO)
    def add(self, company: str, days_ago: int) -> None:
        entry = check_application(company=company, role="Analyst", today=TODAY, applied=f"{days_ago} days ago")
        done = self._apply(add_application, entry, again=True)  # a repeat of a name is this model's way of adding many
        assert done is not None
        self.statuses[done.id] = Status.APPLIED

    @precondition(lambda self: self.statuses)
    @rule(data=st.data(), kind=st.sampled_from(list(OutcomeKind)), reopen=st.booleans())
    def log(self, data, kind: OutcomeKind, reopen: bool) -> None:
        app_id = data.draw(st.sampled_from(sorted(self.statuses)))
        status = self.statuses[app_id]
        note = data.draw(st.sampled_from(["", "a note"]))
        try:
            done = self._apply(log_outcome, app_id, kind, TODAY, note=note, reopen=reopen)
        except NeedsReopen:
            assert not reopen and status not in OPEN_STATUSES
            return
        target = kind.status
        if target is not None and target is status:
            assert done is None, "the same status again must be refused"
        elif kind is OutcomeKind.NOTE and not note:
            assert done is None, "an empty note must be refused"
        if done is not None and target is not None:
            self.statuses[app_id] = target
        if done is not None and target is not None and status not in OPEN_STATUSES:
            assert reopen or target not in OPEN_STATUSES | {Status.OFFER}

    @precondition(lambda self: self.statuses)
    @rule(data=st.data(), days_ago=DAYS_AGO)
    def edit(self, data, days_ago: int) -> None:
        app_id = data.draw(st.sampled_from(sorted(self.statuses)))
        entry = check_application(company="Edited", role="Lead", today=TODAY, applied=f"{days_ago + 21} days ago")
        self._apply(edit_application, app_id, entry)

    @rule(kind=st.sampled_from([k.value for k in USER_ACTION_KINDS]), days_ago=DAYS_AGO)
    def act(self, kind: str, days_ago: int) -> None:
        assert self._apply(log_action, check_action(kind=kind, today=TODAY, on=f"{days_ago} days ago")) is not None

    @rule(title=st.sampled_from(["Good chat", "[/]", "Feedback"]))
    def win(self, title: str) -> None:
        self._apply(add_win, check_win(title=title, kind="networking", today=TODAY))

    @precondition(lambda self: self.journal.wins.every())
    @rule(data=st.data(), edit=st.booleans())
    def change_a_win(self, data, edit: bool) -> None:
        win = data.draw(st.sampled_from(self.journal.wins.every()))
        if edit:
            self._apply(edit_win, win.id, check_win(title="Renamed", kind="other", today=TODAY))
        else:
            self._apply(remove_win, win.id)

    @rule(mood=st.integers(min_value=1, max_value=5), data=st.data())
    def reflect(self, mood: int, data) -> None:
        reflections = self.journal.reflections.every()
        entry = check_reflection(today=TODAY, mood=mood, next_step=data.draw(st.sampled_from(["", "call Sam"])))
        if reflections and data.draw(st.booleans()):
            self._apply(save_reflection, entry, TODAY, reflection_id=data.draw(st.sampled_from(reflections)).id)
        else:
            rejected = [i for i, s in self.statuses.items() if s is Status.REJECTED]
            tied = data.draw(st.sampled_from([None, *rejected]))
            self._apply(save_reflection, entry, TODAY, application_id=tied)

    @precondition(lambda self: any(r.next_step for r in self.journal.reflections.every()))
    @rule(data=st.data())
    def finish(self, data) -> None:
        reflection = data.draw(st.sampled_from([r for r in self.journal.reflections.every() if r.next_step]))
        self._apply(finish_next_step, reflection.id, TODAY)

    @rule(days=st.integers(min_value=-5, max_value=20), rest=st.booleans())
    def rest_day(self, days: int, rest: bool) -> None:
        self._apply(mark_rest_day, TODAY + timedelta(days=days), rest, TODAY)

    @rule(days_a_week=st.integers(min_value=0, max_value=8), weekdays=st.sets(st.integers(0, 6), max_size=7))
    def rhythm(self, days_a_week: int, weekdays: set[int]) -> None:
        self._apply(change_settings, weekly_target=days_a_week, rest_weekdays=frozenset(weekdays))

    @precondition(lambda self: self.done)
    @rule()
    def undo_the_latest(self) -> None:
        change, before, statuses = self.done.pop()
        undo(self.journal, change)
        assert whole_journal(self.path) == before
        self.statuses = statuses

    @invariant()
    def statuses_follow_the_model(self) -> None:
        if hasattr(self, "journal"):
            held = {app.id: app.status for app in self.journal.applications.every()}
            assert held == self.statuses
            # The status stored for the Inbox's narrow read is the one the timeline gives.
            connection = sqlite3.connect(self.path)
            stored = dict(connection.execute("SELECT id, status FROM applications").fetchall())
            connection.close()
            assert stored == {app_id: status.value for app_id, status in held.items()}


ActionsAndUndos.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_actions_and_undos = ActionsAndUndos.TestCase


def test_rejections_in_any_stage_keep_the_stage_they_were_given(journal):
    app = add_application(journal, check_application(company="Acme", role="Analyst", today=TODAY)).id
    log_outcome(journal, app, OutcomeKind.REJECTED, TODAY, stage=Stage.SCREENING)
    assert journal.applications.get(app).rejection.stage is Stage.SCREENING
