"""Pilot tests for the app's promises under pressure: a locked journal, quitting mid-autosave, forms that
ask before discarding, and redrawing when another writer changes the journal."""

import sqlite3

import pytest
from textual import events
from textual.widgets import Input, TextArea

from tests.app.test_inbox import notifications, seed, select, type_text
from tests.app.test_reflection import reject
from tests.conftest import TODAY, run_app
from tui import textual_compat
from tui.app import LOCK_WAIT_MS, OnwardApp
from tui.domain.entries import check_application
from tui.domain.models import OutcomeKind, Status
from tui.screens.confirm import ConfirmDialog
from tui.screens.reflection import ReflectionEditor
from tui.screens.wins import WinsScreen
from tui.store.repository import Journal
from tui.widgets.forms import Dialog
from tests.journal_steps import add_app, log

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def hold_write_lock(path):
    """Another program takes the journal's write lock and keeps it."""
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_opening_the_wall_on_a_locked_journal_says_so_and_carries_on(journal_path):
    seed(journal_path, "Acme")
    journal = Journal.open(journal_path)
    log(journal, 1, OutcomeKind.SCREENING, TODAY)  # an unseen automatic win for the wall to mark seen
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        holder = hold_write_lock(journal_path)
        try:
            await pilot.press("3")
            await pilot.pause()
            assert isinstance(pilot.app.screen, WinsScreen)
            assert any("locked" in n for n in notifications(pilot.app))
        finally:
            holder.rollback()
            holder.close()
        await pilot.press("1")
        await pilot.pause()
        assert pilot.app.is_running

    run_app(app, steps)


def test_the_app_waits_only_briefly_for_a_locked_journal(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        busy = pilot.app.journal.db.execute("PRAGMA busy_timeout").fetchone()[0]
        assert busy == LOCK_WAIT_MS <= 500

    run_app(app, steps)


async def open_editor_on_rejection(pilot):
    await pilot.press("e")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, ReflectionEditor)
    return editor


def test_ctrl_q_right_after_an_autosave_keeps_the_words_typed_since(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_editor_on_rejection(pilot)
        await pilot.press("3")
        editor.query_one("#feelings", Input).value = "tired"
        await pilot.pause()
        assert editor.save()  # the autosave fires…
        # …then more is typed, and Ctrl+Q comes before the fields' Changed messages are handled.
        editor.query_one("#feelings", Input).value = "tired, hopeful"
        editor.query_one("#body", TextArea).text = "Next time I will ask about the team."
        await pilot.app.action_quit()

    run_app(app, steps)
    journal = Journal.open(journal_path)
    [reflection] = journal.reflections.every()
    assert reflection.feelings == ("tired", "hopeful")
    assert reflection.body == "Next time I will ask about the team."
    journal.close()


def test_ctrl_q_waits_for_keys_already_typed(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_editor_on_rejection(pilot)
        await pilot.press("4", "tab")
        body = editor.query_one("#feelings", Input)
        assert pilot.app.focused is body
        # Typed fast: the keys and Ctrl+Q arrive together, so the priority quit key is handled
        # while the characters still wait in the field's own queue.
        for character in "calm":
            pilot.app.post_message(events.Key(character, character))
        pilot.app.post_message(events.Key("ctrl+q", None))
        for _ in range(50):
            if not pilot.app.is_running:
                break
            await pilot.pause()
        assert not pilot.app.is_running

    run_app(app, steps)
    journal = Journal.open(journal_path)
    [reflection] = journal.reflections.every()
    assert reflection.feelings == ("calm",)
    journal.close()


def test_escape_in_a_form_with_typed_text_asks_first(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, Dialog)
        await type_text(pilot, "Globex")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")  # no: back to the form, text intact
        await pilot.pause()
        assert pilot.app.screen is form
        assert form.query_one("#company", Input).value == "Globex"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, Dialog)
        assert [a.company for a in pilot.app.journal.applications.every()] == ["Acme"]

    run_app(app, steps)


def test_escape_in_an_untouched_form_just_closes(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        for key in ("n", "a", "w"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, Dialog)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(pilot.app.screen, (Dialog, ConfirmDialog)), key

    run_app(app, steps)


def test_ctrl_q_in_a_form_with_typed_text_asks_first(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "coffee with Sam")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Dialog)
        assert pilot.app.is_running
        await pilot.press("ctrl+q", "y")
        await pilot.pause()

    run_app(app, steps)
    assert app.return_code == 0


def test_the_inbox_redraws_when_the_command_line_writes_keeping_the_selection(journal_path):
    seed(journal_path, "Acme", "Globex")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await select(pilot, "Globex")
        other = Journal.open(journal_path)  # another window, or the command line
        add_app(other, check_application(company="Initech", role="Analyst", today=TODAY, applied="today"))
        log(other, 2, OutcomeKind.SCREENING, TODAY)
        other.close()
        pilot.app.watch_journal()  # what the one-second timer does
        await pilot.pause()
        screen = pilot.app.screen
        assert "Initech" in pilot.app.export_screenshot()
        assert screen.selected_application.company == "Globex"
        assert screen.selected_application.status is Status.SCREENING

    run_app(app, steps)


def test_a_watch_tick_with_no_screen_up_redraws_nothing_and_raises_nothing(journal_path):
    """The one-second timer can tick once more while Textual takes the screens down, the journal still open
    (seen as ScreenStackError at the end of a run): with no screen there is nothing to redraw."""
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)
    app.watch_journal()
    other = Journal.open(journal_path)
    add_app(other, check_application(company="Initech", role="Analyst", today=TODAY, applied="today"))
    other.close()
    assert not app.screen_stack
    app.watch_journal()  # what a late tick does: nothing
    app.journal.close()


def test_the_journal_is_watched_on_a_timer(journal_path, journal_watches):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        other = Journal.open(journal_path)
        add_app(other, check_application(company="Initech", role="Analyst", today=TODAY, applied="today"))
        other.close()
        assert "Initech" not in pilot.app.export_screenshot()
        await journal_watches.next()  # its timer fires every second, with no key pressed
        await pilot.pause()
        assert "Initech" in pilot.app.export_screenshot()

    run_app(app, steps)


def test_a_form_that_cannot_be_saved_stays_open_with_what_was_typed(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        await pilot.press("tab")
        await type_text(pilot, "important note")
        holder = hold_write_lock(journal_path)
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form  # not closed: nothing typed is lost
            assert form.query_one("#note", Input).value == "important note"
            assert any("locked" in n for n in notifications(pilot.app))
        finally:
            holder.rollback()
            holder.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, Dialog)
        assert [a.note for a in pilot.app.journal.steps.every() if not a.automatic] == ["important note"]

    run_app(app, steps)


def test_typing_without_a_pause_is_still_saved_every_few_seconds(journal_path, editor_clock):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_editor_on_rejection(pilot)
        await pilot.press("3")
        body = editor.query_one("#body", TextArea)
        for word in range(10):  # a word every 0.45 s: never the one-second pause autosave waits for
            body.text += f"w{word} "
            await pilot.pause()
            await editor_clock.advance(pilot, 0.45)
        saved = Journal.open(journal_path)
        try:
            [reflection] = saved.reflections.every()  # read by another connection, as a crash would leave it
            assert reflection.body.startswith("w0 w1 w2")
        finally:
            saved.close()

    run_app(app, steps)


def test_a_closed_terminal_saves_what_the_editor_holds(journal_path):
    import os
    import signal

    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_editor_on_rejection(pilot)
        await pilot.press("2")
        editor.query_one("#body", TextArea).text = "typed just before the window closed"
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(50):
            if not pilot.app.is_running:
                break
            await pilot.pause()
        assert not pilot.app.is_running

    run_app(app, steps)
    journal = Journal.open(journal_path)
    [reflection] = journal.reflections.every()
    assert reflection.body == "typed just before the window closed"
    journal.close()


def test_leaving_the_editor_on_a_locked_journal_asks_first(journal_path):
    seed(journal_path, "Acme")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_editor_on_rejection(pilot)
        holder = hold_write_lock(journal_path)
        try:
            await pilot.press("4")
            editor.query_one("#body", TextArea).text = "words worth keeping"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert pilot.app.screen is editor
        finally:
            holder.rollback()
            holder.close()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReflectionEditor)
        assert pilot.app.journal.reflections.every()[0].body == "words worth keeping"

    run_app(app, steps)


def test_the_launcher_s_hook_runs_once_start_up_s_work_ahead_is_done(journal_path):
    """The launcher freezes what start-up read and built ahead out of the collector's walks (a full collection
    of ten years' remembered reads landed in a filter key: 62 → 38 ms); the hook runs once, after all of it."""
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)
    called: list[bool] = []
    app.after_warm_up = lambda: called.append(textual_compat.has_mode_screen(app, "wins"))

    async def steps(pilot):
        await pilot.app.workers.wait_for_complete()
        assert called == [True]  # once, with the areas already built ahead

    run_app(app, steps)


def test_the_launcher_sets_the_hook_that_freezes_what_lasts(tmp_path, monkeypatch):
    from tui import cli

    seen: list[object] = []
    monkeypatch.setattr(OnwardApp, "run", lambda self, *a, **k: seen.append(self.after_warm_up))
    froze = []
    freeze = lambda: froze.append(True)  # noqa: E731  (freezing for real is for the launcher's process only)
    monkeypatch.setattr("tui.launch.freeze_what_lasts", freeze)
    assert cli._open_app(tmp_path / "journal.db", TODAY) == 0
    assert seen == [freeze] and froze == [True]  # the imports frozen before; what lasts, once warm
