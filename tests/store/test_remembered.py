"""The journal remembers whole-history reads (steps per day, settings, the meter) between changes: each test
makes a change the remembered value must not hide."""

from __future__ import annotations

from datetime import date

import pytest

from tests.journal_steps import act, undo
from tui.actions import steps
from tui.domain.entries import ActionEntry
from tui.domain.models import ActionKind
from tui.store.repository import Journal

DAY = date(2026, 11, 20)


@pytest.fixture
def journal(tmp_path):
    journal = Journal.open(tmp_path / "journal.db")
    yield journal
    journal.close()


def test_a_write_of_another_connection_is_seen(journal):
    assert journal.step_counts() == {}
    assert journal.streak_summary(DAY).current == 0
    other = Journal.open(journal.path)
    try:
        act(other, ActionEntry(ActionKind.NETWORKING, DAY))
        steps.change_settings(other, weekly_target=2)
    finally:
        other.close()
    assert journal.step_counts() == {DAY: 1}
    assert journal.streak_summary(DAY).current == 1
    assert journal.settings().weekly_target == 2


def test_its_own_writes_and_their_undo_are_seen(journal):
    assert journal.meter(DAY).summary.current == 0
    change = act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    assert journal.step_counts() == {DAY: 1}
    assert journal.meter(DAY).summary.current == 1
    undo(journal, change)
    assert journal.step_counts() == {}
    assert journal.meter(DAY).summary.current == 0


def test_reads_inside_a_change_see_its_writes_and_a_rollback_forgets_them(journal):
    with pytest.raises(RuntimeError):
        with journal.transaction():
            assert journal.step_counts() == {}  # as an action reads before writing
            journal.insert_action(DAY, ActionKind.NETWORKING)
            assert journal.step_counts() == {DAY: 1}
            raise RuntimeError("the action fails after its write")
    assert journal.step_counts() == {}


def test_a_caller_changing_what_it_got_changes_nothing_remembered(journal):
    act(journal, ActionEntry(ActionKind.NETWORKING, DAY))
    journal.step_counts()[DAY] = 99
    journal.rest_days().append(DAY)
    assert journal.step_counts() == {DAY: 1}
    assert journal.rest_days() == []
