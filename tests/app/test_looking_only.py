"""A journal that can't be written (a backup disk, a copy in a shared folder, a file made read-only) opens in the
app to be looked at: every area shows it, one notice says so at the start and the corner says "read-only",
every write is refused with the same reason, and nothing is written, made or warned about on the way.

Tests run as root, for whom every file is writable: the one function that decides (`why_unwritable`) is told
the journal can't be written, and the journal is then opened as it would be (SQLite's own read-only opening)."""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from tests import signals
from tests.app.test_inbox import seed
from tests.conftest import TODAY, make_demo_journal, run_app, settle
from tui.actions import journals
from tui.app import OnwardApp
from tui.screens.area import AreaScreen
from tui.screens.inbox import InboxScreen
from tui.screens.reflection import ReflectionEditor
from tui.store import database
from tui.store.database import READ_ONLY_FILE, JournalError
from tui.store.repository import Journal
from tui.widgets.streak_badge import StreakBadge

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

_APART = itertools.count(2)


async def press_apart(pilot, *keys: str) -> None:
    """Press each key as if seconds after the one before: a key refused opening a form drops the rest of its
    burst (tui/typed_ahead.py), and these are meant as keys of their own."""
    for name in keys:
        event = signals.key_event(name)
        event.time = time.monotonic() + 2 * next(_APART)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
        await signals.settled(pilot)


def cannot_be_written(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """As for a user who may not write `path` (the file chmod 444)."""
    decide = database.why_unwritable
    monkeypatch.setattr(database, "why_unwritable", lambda p: READ_ONLY_FILE if Path(p) == path else decide(p))


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """The journal's bytes, its modification time and every file in its folder."""
    return path.read_bytes(), os.stat(path).st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def said(app: OnwardApp) -> list[tuple[str, str, str]]:
    return [(n.severity, n.title, n.message) for n in app._notifications]


def badge(app: OnwardApp) -> str:
    return str(app.screen.query_one(StreakBadge).content)


def test_a_journal_that_cant_be_written_opens_on_today_with_one_notice_and_stays_silent_in_every_area(
    journal_path, monkeypatch
):
    seed(journal_path, "Acme", "Globex")
    cannot_be_written(monkeypatch, journal_path)
    before = fingerprint(journal_path)
    seen: list = []

    async def steps(pilot):
        app = pilot.app
        await settle(pilot)  # start-up's work done ahead too: the day's backup, the areas read and built ahead
        inbox = app.screen
        assert isinstance(inbox, InboxScreen)
        seen.append(sorted(row.application.company for row in inbox.rows if row is not None and row.application))
        seen.append(badge(app))
        for area in ("2", "3", "4", "5", "1"):
            await press_apart(pilot, area)
            await settle(pilot)
            assert isinstance(app.screen, AreaScreen)
            assert badge(app).startswith("read-only")
        seen.append(said(app))

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    companies, shown_badge, notices = seen
    assert companies == ["Acme", "Globex"]
    assert shown_badge.startswith("read-only ")
    reason = f"Looking only: {journal_path} can't be written (read-only file)."
    assert len(notices) == 1  # the notice at the start, and nothing else: no backup warning, no "Not saved"
    severity, _title, message = notices[0]
    assert severity == "warning" and message.startswith(reason)
    assert f"onward --db {journal_path} backup -o COPY.db" in message and "or make it writable" in message  # onward_command's
    assert fingerprint(journal_path) == before  # no byte, no mtime, no -wal, -shm or backups folder


def test_every_write_is_refused_with_the_reason_and_changes_nothing(journal_path, monkeypatch):
    make_demo_journal(journal_path)  # reflections, wins not yet seen, people, rest days
    cannot_be_written(monkeypatch, journal_path)
    before = fingerprint(journal_path)
    reason = f"Looking only: {journal_path} can't be written (read-only file)."
    refused: list = []

    async def steps(pilot):
        app = pilot.app
        await settle(pilot)
        for area, key in (("1", "n"), ("1", "w"), ("1", "a"), ("1", "r"), ("1", "u"), ("2", "n"), ("3", "n"), ("4", "r"), ("5", "n")):
            await press_apart(pilot, area)
            app.clear_notifications()
            front = app.screen
            await press_apart(pilot, key)
            await settle(pilot)
            refused.append((area, key, app.screen is front, [m[:len(reason)] for _, _, m in said(app)]))
        await press_apart(pilot, "1")
        app.clear_notifications()
        app.action_import_data()  # the palette's "data: import…", past `act`
        await settle(pilot)
        refused.append(("palette", "import", isinstance(app.screen, InboxScreen), [m[:len(reason)] for _, _, m in said(app)]))

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    for area, key, stayed, notices in refused:
        assert stayed and notices == [reason], (area, key)
    assert fingerprint(journal_path) == before


def test_a_reflection_already_written_opens_to_be_read_and_what_is_typed_is_not_kept(journal_path, monkeypatch):
    make_demo_journal(journal_path)
    cannot_be_written(monkeypatch, journal_path)
    before = fingerprint(journal_path)
    seen: list = []

    async def steps(pilot):
        app = pilot.app
        await settle(pilot)
        await press_apart(pilot, "2", "enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionEditor) and editor.reflection is not None
        app.clear_notifications()
        field = editor.query(Input).first()
        field.focus()
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        seen.append(str(editor.query_one("#save-state").content))
        seen.append([m for _, _, m in said(app)])
        await press_apart(pilot, "escape")  # leaving asks first: what is typed can't be kept
        await settle(pilot)
        seen.append(type(app.screen).__name__)

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    state, notices, front = seen
    assert state == "● not saved — looking only"
    assert len(notices) == 1 and notices[0].startswith(f"Looking only: {journal_path} can't be written")
    assert front == "ConfirmDialog"
    assert fingerprint(journal_path) == before  # not even a draft


def test_a_journal_opened_read_only_refuses_writes_and_leaves_nothing_beside_it(journal_path, monkeypatch):
    seed(journal_path, "Acme")
    cannot_be_written(monkeypatch, journal_path)
    before = fingerprint(journal_path)
    journal = Journal.open(journal_path, reading=True)
    try:
        assert journal.read_only == READ_ONLY_FILE
        assert journals.looking_only(journal).startswith(f"Looking only: {journal_path} can't be written")
        assert [a.company for a in journal.applications.every()] == ["Acme"]
        with pytest.raises(JournalError), journal.transaction():
            journal.put_setting("theme", '"nord"')
    finally:
        journal.close()
    assert fingerprint(journal_path) == before
    with pytest.raises(JournalError, match="read-only; Onward needs to write to it"):
        Journal.open(journal_path)  # a command that writes is still refused, saying why
    writable = Journal.open(journal_path.with_name("other.db"))
    try:
        assert writable.read_only == "" and journals.looking_only(writable) == ""
    finally:
        writable.close()


def test_why_a_journal_cant_be_written(journal_path, monkeypatch):
    seed(journal_path, "Acme")
    assert database.why_unwritable(journal_path) == ""
    real_access = os.access
    denied: set[str] = set()
    monkeypatch.setattr(database.os, "access", lambda target, mode: str(target) not in denied and real_access(target, mode))
    denied.add(str(journal_path.parent))
    assert database.why_unwritable(journal_path) == database.READ_ONLY_FOLDER
    denied.add(str(journal_path))
    assert database.why_unwritable(journal_path) == database.READ_ONLY_FILE


def test_undo_of_a_change_made_before_the_journal_became_read_only_is_refused(journal_path, monkeypatch):
    """z (an undo kept from earlier in the session, say before the disk was remounted read-only) is refused
    with the same reason, and the change stays."""
    from tests.journal_steps import add_app
    from tui.domain.entries import check_application

    journal = Journal.open(journal_path)
    _application, change = add_app(journal, check_application(company="Acme", role="Analyst", today=TODAY))
    journal.close()
    cannot_be_written(monkeypatch, journal_path)
    before = fingerprint(journal_path)
    seen: list = []

    async def steps(pilot):
        app = pilot.app
        await settle(pilot)
        app.undo_stack.append(change)
        app.clear_notifications()
        await press_apart(pilot, "z")
        seen.append([m for _, _, m in said(app)])
        seen.append(len(app.undo_stack))

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    notices, kept = seen
    assert len(notices) == 1 and notices[0].startswith(f"Looking only: {journal_path} can't be written")
    assert kept == 1  # kept, for when the journal can be written again
    assert fingerprint(journal_path) == before
    journal = Journal.open(journal_path, reading=True)
    try:
        assert [a.company for a in journal.applications.every()] == ["Acme"]
    finally:
        journal.close()
