"""Pilot tests: every dialog at 80×24 — in sight, hints wrapped, Save and Cancel reachable; tick boxes; help over toasts."""

import asyncio

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import Input, Label, OptionList, Static

from tests.app.test_inbox import select, type_text
from tests.conftest import TODAY, run_app
from tui.app import OnwardApp
from tui.domain.models import Stage, Status
from tui.screens.action_form import ActionForm
from tui.screens.application_form import ApplicationForm
from tui.screens.confirm import ConfirmDialog
from tui.screens.help import HelpScreen
from tui.screens.reflection import ReflectionEditor
from tui.screens.rhythm import RhythmDialog
from tui.screens.stage_picker import StagePicker
from tui.screens.win_form import WinForm
from tui.widgets.forms import TickList

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

SMALL = (80, 24)

# The question the reflection editor asks when the journal can't be written: the longest one a dialog asks.
LONG_QUESTION = "Not saved: the journal can't be written just now. Leave and lose what is typed?"


async def open_confirm(pilot):
    pilot.app.push_screen(ConfirmDialog(LONG_QUESTION, "n / esc stays here; Ctrl+S tries again.", enter_says_no=True))


async def open_stage_picker_for_a_long_name(pilot):
    pilot.app.push_screen(StagePicker("Northwind Health and Social Care Partnership — Senior Data Analyst (Reporting)", Stage.INTERVIEW))


async def open_rejected_reflection(pilot):
    for _ in range(60):
        application = pilot.app.screen.selected_application
        if application is not None and application.status is Status.REJECTED:
            break
        await pilot.press("down")
    await pilot.press("e")


DIALOGS = {
    "new application": (("n",), ApplicationForm),
    "edit application": (("enter",), ApplicationForm),
    "action": (("a",), ActionForm),
    "win": (("w",), WinForm),
    "rhythm": (("4", "w"), RhythmDialog),
    "stage picker": (("r",), StagePicker),
    "stage picker, long name": (open_stage_picker_for_a_long_name, StagePicker),
    "help": (("question_mark",), HelpScreen),
    "confirm": (open_confirm, ConfirmDialog),
}


async def open_dialog(pilot, how):
    if callable(how):
        await how(pilot)
    else:
        await pilot.press(*how)
    await pilot.pause()
    return pilot.app.screen


def inside(widget, area: Region) -> bool:
    return area.contains_region(widget.region)


def assert_no_text_cut_at_the_side(screen, frame) -> None:
    """Every line of text in `frame` fits its width: a hint or question wraps instead of running past the edge."""
    for text in frame.query(Static):  # labels too
        if text.display:
            assert fits_its_container(text), f"{text.render()!s:.40} runs past the dialog's edge"


def fits_its_container(widget) -> bool:
    """True when `widget` is no wider than the room its container gives it (so none of it is cut at the side)."""
    room = widget.parent.scrollable_content_region
    return room.x <= widget.region.x and widget.region.right <= room.right


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_80x24_and_its_text_wraps(demo_path, name):
    how, kind = DIALOGS[name]
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, how)
        assert isinstance(screen, kind)
        frame = screen.query_one(".dialog")
        assert inside(frame, screen.region)
        assert_no_text_cut_at_the_side(screen, frame)
        hints = list(frame.query(".dialog--hint"))
        for hint in hints:
            assert inside(hint, frame.region), "the hint (how to answer or close) is out of sight"

    run_app(app, steps, size=SMALL)


FORMS = ["new application", "edit application", "action", "win", "rhythm"]


@pytest.mark.parametrize("name", FORMS)
def test_form_buttons_are_in_sight_at_80x24_and_tab_reaches_them(demo_path, name):
    how, kind = DIALOGS[name]
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, how)
        assert isinstance(screen, kind)
        frame = screen.query_one(".dialog")
        save, cancel = screen.query_one("#save"), screen.query_one("#cancel")
        # In sight as the form opens, and the form opens at its title.
        assert inside(save, frame.region) and inside(cancel, frame.region)
        assert inside(screen.query_one(".dialog--title"), frame.region)
        first = pilot.app.focused
        await pilot.press("shift+tab")
        assert pilot.app.focused is not frame, "the scrolling body is not a focus stop"
        first.focus()
        await pilot.pause()
        # Tab visits only what can be seen once it is focused, and reaches Save then Cancel.
        visited = []
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            focused = pilot.app.focused
            visited.append(focused.id)
            assert focused is not frame, "the scrolling body is not a focus stop"
            if focused.id == "save":
                break
        assert visited[-1] == "save", visited
        assert inside(save, frame.region) and inside(save, screen.region)
        await pilot.press("tab")
        assert pilot.app.focused is cancel and inside(cancel, frame.region)

    run_app(app, steps, size=SMALL)


def test_notes_of_the_new_application_scroll_into_sight_at_80x24(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, ("n",))
        notes = screen.query_one("#notes")
        notes.focus()
        await pilot.wait_for_scheduled_animations()  # the scroll is animated
        body = screen.query_one(".dialog")
        assert inside(notes, body.region)
        assert inside(screen.query_one("#save"), body.region)

    run_app(app, steps, size=SMALL)


def test_action_hint_is_whole(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, ("a",))
        hint = screen.query_one(".dialog--hint")
        assert hint.region.height >= 2  # wrapped onto a second line, not cut after "a follow-up,"
        lines = [strip.text for strip in hint.render_lines(Region(0, 0, hint.size.width, hint.size.height))]
        assert "asking for support." in " ".join(line.strip() for line in lines)

    run_app(app, steps, size=SMALL)


def test_win_form_lists_open_framed_and_on_screen_at_80x24(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, ("w",))
        for select_id in ("kind", "application"):
            picker = screen.query_one(f"#{select_id}")
            picker.focus()
            await pilot.press("enter")
            await pilot.pause()
            overlay = picker.query_one("SelectOverlay", OptionList)
            assert picker.expanded and overlay.has_focus
            assert inside(overlay, screen.region)
            assert overlay.styles.border_top[0] == "round"  # framed, so it reads as a list without colour too
            await pilot.press("down", "enter")
            await pilot.pause()
            assert not picker.expanded

    run_app(app, steps, size=SMALL)


def _box(tick_list, row: int) -> str:
    return "".join(segment.text for segment in tick_list.render_line(row))[:3]


def test_rest_weekdays_show_a_tick_only_when_ticked(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, ("4", "w"))
        days = screen.query_one("#weekdays", TickList)
        assert pilot.app.focused is days
        boxes = [_box(days, row) for row in range(7)]
        assert boxes == ["▐ ▌"] * 5 + ["▐✓▌"] * 2  # Saturday and Sunday rest by default
        await pilot.press("space")  # Monday
        await pilot.pause()
        assert _box(days, 0) == "▐✓▌"
        await pilot.press("space")
        await pilot.pause()
        assert _box(days, 0) == "▐ ▌"

    run_app(app, steps, size=SMALL)


def test_help_opens_clear_of_notifications(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def main():
        # run_app leaves toasts out, as most tests don't look at them; this one does.
        async with app.run_test(size=SMALL, notifications=True) as pilot:
            pilot.app.notify("Logged: networking. One step closer.", timeout=30)
            await pilot.pause()
            await pilot.pause()  # the toast is mounted a moment after the notification
            assert list(pilot.app.screen.query("Toast"))
            await pilot.press("question_mark")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            assert not list(pilot.app.screen.query("Toast"))
            assert not list(pilot.app._notifications)

    asyncio.run(main())


def test_a_form_error_clears_once_the_field_is_right(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        screen = await open_dialog(pilot, ("n",))
        await pilot.press("ctrl+s")  # nothing typed: the company is needed
        await pilot.pause()
        company = screen.query_one("#field-company")
        applied = screen.query_one("#field-applied")
        assert company.has_class("-invalid")
        screen.query_one("#applied", Input).value = "someday"  # wrong, but not complained about yet
        await pilot.pause()
        assert not applied.has_class("-invalid")
        await type_text(pilot, "Zed")
        await pilot.pause()
        assert not company.has_class("-invalid")  # cleared as typed, before saving again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert applied.has_class("-invalid")
        screen.query_one("#applied", Input).value = "yesterday"
        await pilot.pause()
        assert not applied.has_class("-invalid")

    run_app(app, steps, size=SMALL)


@pytest.mark.parametrize("free_standing", [True, False])
def test_reflection_editor_at_80x24_visits_only_what_it_shows(demo_path, free_standing):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        if free_standing:
            await pilot.press("2", "n")
        else:
            await open_rejected_reflection(pilot)
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert (editor.application is None) is free_standing
        chain = [widget.id for widget in editor.focus_chain]
        fields = ["mood", "feelings", "stage", "went_well", "do_differently", "gaps", "stumbles", "feedback", "next_step",
                  "next_step_on", "talk_to", "body"]
        if free_standing:
            fields.remove("stage")  # "How far did it get?" is asked only about an application
            fields.remove("feedback")  # and so is what the employer replied
            assert not editor.query_one("#field-stage").display
        assert chain == fields
        assert pilot.app.focused.id == "mood"
        await pilot.press("shift+tab")
        assert pilot.app.focused.id == "body"
        for _ in fields:
            await pilot.press("tab")
            await pilot.wait_for_scheduled_animations()  # the scroll is animated
            focused = pilot.app.focused
            assert focused.display and editor.query_one("#reflection-fields").region.contains_region(focused.region)
        for label in editor.query_one("#reflection-fields").query(Label):
            assert fits_its_container(label) or not label.display, f"{label.render()!s:.40} is cut"

    run_app(app, steps, size=SMALL)


def test_reflection_errors_clear_once_the_field_is_right(demo_path):
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2", "n")
        await pilot.pause()
        editor = pilot.app.screen
        editor.query_one("#next_step_on", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        mood, day = editor.query_one("#field-mood"), editor.query_one("#field-next_step_on")
        assert mood.has_class("-invalid") and day.has_class("-invalid")
        editor.query_one("#mood").focus()
        await pilot.press("3")
        await pilot.pause()
        assert not mood.has_class("-invalid")  # cleared on the change, not a second later by the autosave
        assert day.has_class("-invalid")  # still wrong
        editor.query_one("#next_step_on", Input).value = "tomorrow"
        await pilot.pause()
        assert not day.has_class("-invalid")

    run_app(app, steps, size=SMALL)


def test_text_typed_before_a_form_s_first_refresh_is_not_taken_for_where_it_started(demo_path):
    """Found by helper-20: a form takes what it starts with after its first refresh; text typed before that
    was taken as the start, and Esc (or quitting) closed it without asking and the text was lost."""
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        await type_text(pilot, "Acme")
        form._remember_start()  # as if the first refresh came only now, after the typing
        assert form.has_typed_text()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog), "typed text: asks before it goes"

    run_app(app, steps)


def _rows(path) -> tuple[int, int]:
    """Applications and steps in the journal, read apart from the app."""
    import sqlite3

    with sqlite3.connect(path) as db:
        counts = db.execute("SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM actions)").fetchone()
    db.close()
    return counts


@pytest.mark.parametrize(("keys", "field", "message"), [
    (("n",), "company", "Company is 250 characters; at most 200 fit."),
    (("n",), "url", "URL is 3,020 characters; at most 2,000 fit."),
    (("a", "enter"), "note", "Note is 20,001 characters; at most 20,000 fit."),
])
def test_text_pasted_past_a_fields_limit_is_refused_with_its_length_not_cut_silently(demo_path, keys, field, message):
    """A tester pasted 250 characters into Company: 200 were saved, and nothing said so (the command line says)."""
    app = OnwardApp(demo_path, today=TODAY)
    pasted = {"company": "C" * 250, "url": "https://example.com/" + "x" * 3000, "note": "n" * 20_001}[field]

    async def steps(pilot):
        before = _rows(demo_path)
        screen = await open_dialog(pilot, keys)
        box = screen.query_one(f"#{field}", Input)
        box.focus()
        await pilot.pause()
        box.post_message(events.Paste(pasted))
        await pilot.pause()
        assert box.value.endswith(pasted)  # kept whole in the field, to shorten
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen  # not saved
        assert screen.query_one(f"#field-{field}").has_class("-invalid")
        shown = " ".join(str(label.render()) for label in screen.query(Static))
        assert message in shown
        assert _rows(demo_path) == before  # nothing written

    run_app(app, steps, size=SMALL)


def test_enter_on_the_already_in_your_journal_question_adds_nothing_and_y_adds_it(journal_path):
    """A tester's Enter pressed twice on the form added an application already in the journal."""
    from tests.app.test_inbox import seed

    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        form = await open_dialog(pilot, ("n",))
        await type_text(pilot, "Acme")
        form.query_one("#role", Input).value = "Analyst"
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog) and "already in your journal" in question.question
        assert "y: yes · n / esc / enter: no" in " ".join(str(label.render()) for label in question.query(Label))
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is form and _rows(journal_path)[0] == 1  # nothing added, the form as it was
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert _rows(journal_path)[0] == 2

    run_app(app, steps, size=SMALL)


def test_enter_still_says_yes_to_a_question_whose_yes_is_meant(demo_path):
    app = OnwardApp(demo_path, today=TODAY)
    answers = []

    async def steps(pilot):
        pilot.app.push_screen(ConfirmDialog("Remove this win?"), answers.append)
        await pilot.pause()
        assert "y / enter: yes · n / esc: no" in " ".join(str(label.render()) for label in pilot.app.screen.query(Label))
        await pilot.press("enter")
        await pilot.pause()

    run_app(app, steps, size=SMALL)
    assert answers == [True]


def test_an_edit_form_puts_the_cursor_after_what_is_there_so_a_key_typed_adds_to_it(demo_path):
    """Textual's Input selects its whole text on focus: in a form of values already there, the first key typed
    replaced the value a person meant to correct. Edit forms put the cursor after it; a new application's
    Applied ("today") is still selected whole, so a day typed replaces it."""
    from tui.screens.fix_dialogs import OutcomeForm, StepForm
    from tui.screens.person_form import PersonForm

    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        journal = pilot.app.journal
        application = journal.applications.every()[0]
        event = next(e for a in journal.applications.every() for e in a.events if e.takes_place_on is None)
        step = next(a for a in journal.steps.every() if not a.automatic)
        win = journal.wins.every()[0]
        person = journal.steps.people()[0]
        forms = [
            (ApplicationForm(TODAY, application), "#company", application.company),
            (ApplicationForm(TODAY, application), "#applied", application.applied_on.isoformat()),
            (OutcomeForm(event, "Acme", "follow-up", TODAY), "#on", event.on.isoformat()),
            (StepForm(step, TODAY), "#on", step.on.isoformat()),
            (WinForm(TODAY, journal.applications.every(), win=win), "#title", win.title),
            (PersonForm(person), "#name", person.name),
        ]
        for form, field, value in forms:
            pilot.app.push_screen(form)
            await pilot.pause()
            form.query_one(field, Input).focus()
            await pilot.pause()
            await pilot.press("x")
            assert form.query_one(field, Input).value == f"{value}x", f"{type(form).__name__} {field}"
            pilot.app.pop_screen()
            await pilot.pause()
        new = ApplicationForm(TODAY)
        pilot.app.push_screen(new)
        await pilot.pause()
        new.query_one("#applied", Input).focus()
        await pilot.pause()
        await pilot.press("y")
        assert new.query_one("#applied", Input).value == "y"

    run_app(app, steps)
