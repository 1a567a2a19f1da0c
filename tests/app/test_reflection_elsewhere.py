"""Pilot tests: the reflection editor never writes over another window's words, and never traps what is typed.

The other window is a second Journal on the same file, saving and removing through the same actions."""

import pytest
from textual.widgets import Input, TextArea

from tests.app.test_inbox import notifications, seed, select, type_text
from tests.app.test_reflection import reject
from tests.conftest import TODAY, run_app
from tui.actions import reflections
from tui.actions.editing import remove_reflection
from tui.actions.undo import as_opened
from tui.app import OnwardApp
from tui.domain.changes import Record
from tui.domain.reflections import check_reflection
from tui.screens.confirm import ConfirmDialog
from tui.screens.reflection import ReflectionEditor
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def other_window_saves(path, reflection_id=1, **fields):
    """Another window's editor, opened on the reflection as it is now, saves `fields` (mood 4 unless given)."""
    other = Journal.open(path)
    opened = as_opened(other, Record.REFLECTION, reflection_id)
    entry = check_reflection(today=TODAY, **{"mood": 4, **fields})
    reflections.save_reflection(other, entry, TODAY, reflection_id=reflection_id, opened=opened)
    other.close()


def stored(path):
    journal = Journal.open(path)
    try:
        return journal.reflections.every(), {key: journal.reflections.draft(key) for key in ("reflection:1", "application:1")}
    finally:
        journal.close()


def state(editor):
    return str(editor.query_one("#save-state").render())


async def open_and_save_a_mood(pilot, editor_clock):
    """Window A: `e` on the rejected application, mood 2, feelings, autosaved as reflection 1."""
    await pilot.press("e", "2", "tab")
    await type_text(pilot, "from window A")
    await editor_clock.advance(pilot, 1.1)
    editor = pilot.app.screen
    assert isinstance(editor, ReflectionEditor) and state(editor) == "✓ saved"
    return editor


def test_another_windows_change_to_other_fields_is_kept_beside_this_ones(journal_path, editor_clock):
    # The tester's steps: B changed the mood and the feelings after A saved; A then typed what went well.
    seed(journal_path, "Delta")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_and_save_a_mood(pilot, editor_clock)
        other_window_saves(journal_path, feelings="from window A and window B")
        await pilot.press("tab", "tab")  # stage, what went well
        await type_text(pilot, "A went well")
        await editor_clock.advance(pilot, 1.1)
        [reflection], drafts = stored(journal_path)
        assert (reflection.mood, reflection.feelings, reflection.went_well) == (4, ("from window a and window b",), "A went well")
        assert drafts == {"reflection:1": None, "application:1": None}
        # B's words are shown here too, and the editor says what happened.
        assert editor.query_one("#mood").value == 4
        assert editor.query_one("#feelings", Input).value == "from window a and window b"
        assert state(editor) == "✓ saved"
        assert any("changed the mood and the feelings of this reflection meanwhile: both changes are kept" in n for n in notifications(pilot.app))
        # A's next save starts from the merged reflection: nothing more to merge.
        await type_text(pilot, ", twice")
        await editor_clock.advance(pilot, 1.1)
        [reflection], _ = stored(journal_path)
        assert (reflection.mood, reflection.went_well) == (4, "A went well, twice")

    run_app(app, steps)


async def clash(pilot, editor_clock, journal_path):
    """A and B both change what went well; A's autosave comes second."""
    editor = await open_and_save_a_mood(pilot, editor_clock)
    other_window_saves(journal_path, feelings="from window a", went_well="B's words")
    await pilot.press("tab", "tab")
    await type_text(pilot, "A's words")
    await editor_clock.advance(pilot, 1.1)
    return editor


def test_both_windows_changing_one_field_saves_neither_over_the_other_until_asked(journal_path, editor_clock):
    seed(journal_path, "Delta")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await clash(pilot, editor_clock, journal_path)
        [reflection], drafts = stored(journal_path)
        assert (reflection.mood, reflection.went_well) == (4, "B's words")  # B's words stay
        assert drafts["reflection:1"]["went_well"] == "A's words"  # A's are kept too
        assert state(editor) == "● changed in another window — not saved"
        assert any(
            "changed what went well of this reflection too, differently; nothing was written over it" in n
            and "Ctrl+R takes theirs for what went well; Ctrl+S keeps yours" in n
            for n in notifications(pilot.app)
        )
        assert editor.query_one("#mood").value == 4  # the field only B changed is B's already
        # More typing is kept as the draft, still not written over B's.
        await type_text(pilot, "!")
        await editor_clock.advance(pilot, 1.1)
        [reflection], drafts = stored(journal_path)
        assert reflection.went_well == "B's words" and drafts["reflection:1"]["went_well"] == "A's words!"
        # Keep mine: asked first, then saved.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert pilot.app.screen.question == "Keep this window's version of what went well, over the other window's?"
        await pilot.press("y")
        await pilot.pause()
        [reflection], drafts = stored(journal_path)
        assert (reflection.mood, reflection.went_well) == (4, "A's words!")
        assert drafts["reflection:1"] is None
        assert state(editor) == "✓ saved"

    run_app(app, steps)


def test_taking_the_other_windows_words_where_both_changed_them(journal_path, editor_clock):
    seed(journal_path, "Delta")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await clash(pilot, editor_clock, journal_path)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert pilot.app.screen.question == "Take the other window's version of what went well?"
        await pilot.press("n")  # no: both still as they were
        await pilot.pause()
        assert editor.query_one("#went_well", TextArea).text == "A's words"
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        assert editor.query_one("#went_well", TextArea).text == "B's words"
        [reflection], drafts = stored(journal_path)
        assert (reflection.mood, reflection.went_well) == (4, "B's words")
        assert drafts["reflection:1"] is None
        assert state(editor) == "✓ saved"

    run_app(app, steps)


def test_a_reflection_removed_elsewhere_keeps_what_is_typed_and_saves_it_as_new_on_ctrl_s(journal_path, editor_clock):
    seed(journal_path, "Delta")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        editor = await open_and_save_a_mood(pilot, editor_clock)
        other = Journal.open(journal_path)
        remove_reflection(other, 1)  # onward remove reflection 1 --yes
        other.close()
        await type_text(pilot, ", still here")
        await editor_clock.advance(pilot, 1.1)
        assert state(editor) == "● removed in another window — ctrl+s: save as new"
        said = notifications(pilot.app)
        assert any("This reflection was removed in another window" in n and "e on the application opens it again" in n for n in said)
        assert not any("There is no reflection" in n or "Not saved" in n for n in said)
        saved, drafts = stored(journal_path)
        assert saved == [] and drafts["application:1"]["feelings"] == "from window A, still here"
        # Leaving asks nothing and loses nothing: `e` brings the words back.
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, (ReflectionEditor, ConfirmDialog))
        await select(pilot, "Delta")
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert editor.query_one("#feelings", Input).value == "from window A, still here"
        # Removed once more while open; this time Ctrl+S saves it as a new reflection.
        await pilot.press("ctrl+s")
        await pilot.pause()
        [first], _ = stored(journal_path)
        other = Journal.open(journal_path)
        remove_reflection(other, first.id)
        other.close()
        editor.query_one("#feelings", Input).focus()
        await pilot.press("end", "!")
        await editor_clock.advance(pilot, 1.1)
        assert state(editor) == "● removed in another window — ctrl+s: save as new"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [reflection], drafts = stored(journal_path)
        assert (reflection.application_id, reflection.mood, reflection.feelings) == (1, 2, ("from window a", "still here!"))
        assert drafts["application:1"] is None
        assert state(editor) == "✓ saved"

    run_app(app, steps)


def test_words_kept_while_both_windows_clashed_come_back_held_not_written_over_theirs(journal_path, editor_clock):
    seed(journal_path, "Delta")
    reject(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await clash(pilot, editor_clock, journal_path)
        await pilot.press("ctrl+q")  # quit while held: A's words stay a draft

    run_app(app, steps)
    [reflection], drafts = stored(journal_path)
    assert reflection.went_well == "B's words" and drafts["reflection:1"]["went_well"] == "A's words"
    again = OnwardApp(journal_path, today=TODAY)

    async def reopen(pilot):
        await select(pilot, "Delta")
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor) and editor.reflection.id == 1
        assert editor.query_one("#went_well", TextArea).text == "A's words"
        assert state(editor) == "● changed in another window — not saved"
        await pilot.press("escape")  # leaving asks: keep mine over theirs?
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is editor
        [reflection], _ = stored(journal_path)
        assert reflection.went_well == "B's words"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert editor.query_one("#went_well", TextArea).text == "B's words"
        assert state(editor) == "✓ saved"
        assert stored(journal_path)[1]["reflection:1"] is None

    run_app(again, reopen)
