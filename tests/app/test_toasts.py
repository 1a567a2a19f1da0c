"""Pilot tests at 80×24: notifications never hide a dialog's question or its buttons."""

import asyncio

import pytest
from textual.widgets import Button, Label

from tests.conftest import TODAY
from tui.app import OnwardApp
from tui.screens.action_form import ActionForm
from tui.screens.application_form import ApplicationForm
from tui.screens.confirm import ConfirmDialog

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

SMALL = (80, 24)
LONG = (
    "That one stings. It says nothing about your worth — one step closer. Later, asking them "
    "for feedback can turn this no into a lesson."
)


def run_with_toasts(app, steps) -> None:
    """Like tests.conftest.run_app at 80×24, with notifications shown as toasts (run_test hides them)."""

    async def main() -> None:
        async with app.run_test(size=SMALL, notifications=True) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())


def hidden_parts(screen, widgets) -> list[str]:
    """Which of `widgets` a toast (or anything else) covers at the middle of their first line."""
    covered = []
    for widget in widgets:
        region = widget.region
        x, y = region.x + region.width // 2, region.y
        if screen.get_widget_at(x, y)[0] is not widget:
            covered.append(str(widget.render()))
    return covered


def shown_toasts(screen) -> list:
    return [toast for toast in screen.query("Toast") if toast.display and toast.region.area]


def test_a_dialog_opened_after_a_notification_shows_its_question_and_keys(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        pilot.app.notify(LONG, title="Logged rejection (screening) at Elm Street Co-op.", timeout=30)
        await pilot.pause()
        inbox = pilot.app.screen
        assert shown_toasts(inbox)
        pilot.app.push_screen(ConfirmDialog("Log an offer from Elm Street Co-op?", "y logs it and celebrates."))
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert shown_toasts(question)  # nothing said is lost: the note stays in sight, above the question
        assert hidden_parts(question, question.query(Label)) == []
        # The Inbox behind no longer shows it too, at its foot, through the dialog's backdrop.
        assert not any(rack.display for rack in inbox.query_children("ToastRack"))
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is inbox and shown_toasts(inbox)

    run_with_toasts(app, walk)


def test_a_toast_raised_while_a_form_is_open_leaves_its_buttons_in_sight_and_clickable(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        pilot.app.notify(LONG, title="Not saved", severity="error", timeout=30)
        await pilot.pause()
        assert shown_toasts(form)
        assert hidden_parts(form, form.query(Button)) == []
        await pilot.click("#cancel")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ApplicationForm)

    run_with_toasts(app, walk)


def covered_on_first_line(screen, widgets) -> list[str]:
    """Which of `widgets` something else (a toast) covers anywhere along their first line, by id."""
    covered = []
    for widget in widgets:
        region = widget.region
        if any(screen.get_widget_at(x, region.y)[0] is not widget for x in range(region.x, region.right)):
            covered.append(widget.id or str(widget.render()))
    return covered


def test_a_form_opened_while_a_toast_is_up_shows_its_first_fields_whole_and_the_toast_comes_back_after(journal_path):
    """At 80×24 a toast up when a form opened covered the right half of its first fields until it timed out."""
    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        pilot.app.notify(LONG, title="Logged rejection (screening) at Elm Street Co-op.", timeout=30)
        await pilot.pause()
        inbox = pilot.app.screen
        assert len(shown_toasts(inbox)) == 1
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        assert shown_toasts(form) == []
        first_fields = [form.query_one(f"#{name}") for name in ("company", "role")]
        assert all(field.region.area for field in first_fields)
        assert covered_on_first_line(form, first_fields) == []
        # One raised while the form is open is about it (a save refused): it shows, and only it, clear of the buttons.
        pilot.app.notify("Not saved: the journal is locked.", title="Not saved", severity="error", timeout=30)
        await pilot.pause()
        assert ["Not saved" in str(toast.render()) for toast in shown_toasts(form)] == [True]
        assert hidden_parts(form, form.query(Button)) == []
        await pilot.press("escape")
        await pilot.pause()
        # Back on the Inbox, what was said before the form is shown again (still within its time), with the new one.
        assert pilot.app.screen is inbox and len(shown_toasts(inbox)) == 2
        # A form opened just after another dialog closed (the palette, a question) is clear of them too.
        pilot.app.push_screen(ConfirmDialog("Log an offer from Elm Street Co-op?"))
        await pilot.pause()
        await pilot.press("n")  # no
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionForm) and shown_toasts(form) == []

    run_with_toasts(app, walk)


def test_the_same_words_said_again_while_they_show_are_one_toast_not_a_stack(journal_path):
    """Five keys refused in a row (behind the replica: n a w r s) stacked five identical toasts over half the
    screen. The same words said again while they still show on the screen in front are said once; others stay."""
    app = OnwardApp(journal_path, today=TODAY)
    refusal = "This journal is behind the copy written on desktop: `onward pull` first."

    async def steps(pilot):
        app.notify("Saved.", markup=False)
        for _ in range(5):
            app.notify(refusal, severity="warning", markup=False)
            await pilot.pause()
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert toasts == ["Saved.", refusal]

    run_with_toasts(app, steps)


def test_the_reflection_editor_opened_while_a_toast_is_up_is_not_covered_by_it(journal_path):
    """At 80×24 the kind words after a rejection (`r s`, then `e` at once) covered the right half of the
    editor's questions as one typed; they stay on the Inbox, shown there again when it is back in front."""
    from tui.screens.reflection import ReflectionEditor

    app = OnwardApp(journal_path, today=TODAY)

    async def walk(pilot):
        pilot.app.notify(LONG, title="Logged rejection (screening) at Elm Street Co-op.", timeout=30)
        await pilot.pause()
        inbox = pilot.app.screen
        await pilot.press("2", "n")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert shown_toasts(editor) == []
        pilot.app.notify("Not saved: the journal is locked.", title="Not saved", severity="error", timeout=30)
        await pilot.pause()
        assert ["Not saved" in str(toast.render()) for toast in shown_toasts(editor)] == [True]
        await pilot.press("escape", "1")
        await pilot.pause()
        assert pilot.app.screen is inbox and len(shown_toasts(inbox)) >= 1

    run_with_toasts(app, walk)


def test_words_said_on_one_area_and_again_on_the_next_are_one_toast(journal_path):
    """The start's "Replica" refusal said on the Inbox, then the same refusal of a key pressed on the wall:
    Textual shows the app's toasts on whichever area is in front, so the second one stacked a twin under it."""
    app = OnwardApp(journal_path, today=TODAY)
    refusal = "This journal is behind the copy written on desktop: `onward pull` first."

    async def steps(pilot):
        app.notify(refusal, title="Replica", severity="error", markup=False)
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        app.notify(refusal, severity="warning", markup=False)
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert toasts.count(refusal) + sum(refusal in t and t != refusal for t in toasts) == 1, toasts
        # Over a form (which holds back the toasts before it) the same words are said again: it can't see them.
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.notify(refusal, severity="warning", markup=False)
        await pilot.pause()
        shown = [t for t in app.screen.query("Toast") if refusal in str(t.render()) and t.parent.display]
        assert len(shown) == 1, "not said over the form"

    run_with_toasts(app, steps)
