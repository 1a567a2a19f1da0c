"""Provides the actions on wins: add, edit and remove one, and mark the wall seen."""

from __future__ import annotations

from datetime import date

from tui.actions.results import Done, Refused, found
from tui.actions.undo import AsOpened, record_undo, refuse_if_changed_since
from tui.domain.changes import Delete, Record, RecordScope, Reinsert, Restore, Step, Unbury
from tui.domain.entries import WinEntry
from tui.domain.models import Win
from tui.domain.story import before_applying
from tui.domain.text import excerpt
from tui.store.repository import Journal


def _check_application(journal: Journal, entry: WinEntry, before: Win | None = None) -> None:
    """The application a win is tied to exists, and the win's day is not before it was applied to (asked when
    the day or the application is new, so a win left as it was can still have its title fixed)."""
    if entry.application_id is None:
        return
    app = found(journal.applications.get, entry.application_id)
    if before is None or (entry.on, entry.application_id) != (before.on, before.application_id):
        early = before_applying(app, entry.on)
        if early:
            raise Refused(early)


def add_win(journal: Journal, entry: WinEntry) -> Done:
    """Store a manual win."""
    with journal.transaction():
        _check_application(journal, entry)
        win_id = journal.wins.insert_win(entry)
        change = record_undo(
            journal, f"added win “{excerpt(entry.title)}”", [Delete(Record.WIN, win_id)], [RecordScope(Record.WIN, win_id)]
        )
    return Done(f"Added win “{excerpt(entry.title)}”. Celebrate it!", change, win_id)


def edit_win(journal: Journal, win_id: int, entry: WinEntry, *, opened: AsOpened | None = None) -> Done:
    """Change a win's title, kind, day, application or note. `opened`: the win as the form showed it (refused
    when it changed since)."""
    with journal.transaction():
        before = found(journal.wins.get, win_id)
        refuse_if_changed_since(journal, opened, f"The win “{excerpt(before.title)}”")
        _check_application(journal, entry, before)
        columns = ("title", "kind", "on", "application_id", "note")
        old = tuple(pair for pair in journal.undo.record_values(Record.WIN, win_id) if pair[0] in columns)
        journal.wins.update_win_row(win_id, entry)
        change = record_undo(
            journal, f"edited win “{excerpt(before.title)}”", [Restore(Record.WIN, win_id, old)], [RecordScope(Record.WIN, win_id)]
        )
    return Done(f"Saved win “{excerpt(entry.title)}”.", change, win_id)


def remove_win(journal: Journal, win_id: int) -> Done:
    """Remove a win; an automatic one stays removed (its cause will not post it again)."""
    with journal.transaction():
        before = found(journal.wins.get, win_id)
        row = journal.undo.record_values(Record.WIN, win_id)
        cause = dict(row).get("cause")
        journal.wins.delete_win_row(win_id)
        steps: list[Step] = [Reinsert(Record.WIN, row)]
        if cause:
            journal.wins.bury(str(cause))
            steps.insert(0, Unbury(str(cause)))
        change = record_undo(journal, f"removed win “{excerpt(before.title)}”", steps, [RecordScope(Record.WIN, win_id)])
    return Done(f"Removed win “{excerpt(before.title)}”.", change, win_id)


def mark_wins_seen(journal: Journal, *, before: date | None = None) -> None:
    """The wall has shown every win (or those dated before `before`): highlight none of them next time."""
    with journal.transaction():
        journal.wins.set_wins_seen(before)
