"""Test shorthand for writing to a journal the way the app does, through the action layer.

Each returns what a test usually needs next: the stored record and/or the undo record.
"""

from __future__ import annotations

from datetime import date

from tui.actions import applications, reflections, steps, wins
from tui.actions.undo import undo as undo_change
from tui.domain.changes import Undo
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import Application, OutcomeKind, Reflection
from tui.domain.reflections import ReflectionEntry
from tui.store.repository import Journal


def add_app(journal: Journal, entry: ApplicationEntry) -> tuple[Application, Undo]:
    done = applications.add_application(journal, entry)
    assert done.id is not None and done.undo is not None
    return journal.applications.get(done.id), done.undo


def edit_app(journal: Journal, application_id: int, entry: ApplicationEntry) -> tuple[Application, Undo]:
    done = applications.edit_application(journal, application_id, entry)
    assert done.undo is not None
    return journal.applications.get(application_id), done.undo


def log(journal: Journal, application_id: int, kind: OutcomeKind, on: date, **options) -> Undo:
    done = applications.log_outcome(journal, application_id, kind, on, **options)
    assert done.undo is not None
    return done.undo


def act(journal: Journal, entry: ActionEntry) -> Undo:
    done = steps.log_action(journal, entry)
    assert done.undo is not None
    return done.undo


def add_win(journal: Journal, entry: WinEntry) -> Undo:
    done = wins.add_win(journal, entry)
    assert done.undo is not None
    return done.undo


def edit_win(journal: Journal, win_id: int, entry: WinEntry) -> Undo:
    done = wins.edit_win(journal, win_id, entry)
    assert done.undo is not None
    return done.undo


def remove_win(journal: Journal, win_id: int) -> Undo:
    done = wins.remove_win(journal, win_id)
    assert done.undo is not None
    return done.undo


def reflect(journal: Journal, entry: ReflectionEntry, today: date, **options) -> Reflection:
    done = reflections.save_reflection(journal, entry, today, **options)
    assert done.id is not None
    return journal.reflections.get(done.id)


def finish_next_step(journal: Journal, reflection_id: int, today: date) -> Undo:
    done = steps.finish_next_step(journal, reflection_id, today)
    assert done.undo is not None
    return done.undo


def change_settings(journal: Journal, **settings) -> Undo:
    done = steps.change_settings(journal, **settings)
    assert done.undo is not None
    return done.undo


def rest_day(journal: Journal, day: date, rest: bool, today: date) -> Undo:
    done = steps.mark_rest_day(journal, day, rest, today)
    assert done.undo is not None
    return done.undo


def undo(journal: Journal, change: Undo) -> None:
    undo_change(journal, change)
