"""Pilot tests: asking someone for advice about a reflection — the share dialog's defaults (nothing private
unless ticked), its live preview, copying exactly the summary, user text shown literally, 80×24, and the way
in from the reflections list (t) and the editor (Ctrl+T)."""

from datetime import timedelta

import pytest
from textual.widgets import Input, Label, SelectionList, Static

from tests.app.test_dialogs import SMALL, assert_no_text_cut_at_the_side, inside
from tests.app.test_inbox import notifications, seed, type_text
from tests.conftest import TODAY, run_app
from tests.journal_steps import reflect
from tui.actions import applications
from tui.actions.support import add_person
from tui.app import OnwardApp
from tui.domain.entries import ApplicationEntry
from tui.domain.models import ApplicationLabel
from tui.domain.reflections import ReflectionEntry, check_reflection
from tui.domain.support import PRIVATE_FIELDS, SHARE_LABELS, SHARED_BY_DEFAULT, PersonEntry, check_person, share_text
from tui.screens.reflection import NOTHING_TO_SHARE, ReflectionEditor
from tui.screens.share_dialog import COPIED, ShareDialog
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

LABEL = ApplicationLabel("Acme", "Analyst", "data")

EVERYTHING = dict(
    mood=2, stage="interview", feelings="gutted, tired", went_well="The SQL task", do_differently="Ask about the team",
    gaps="tableau", stumbles="Froze on a conflict question", next_step="Mock interview with Sam",
    talk_to="Sam", body="Private thoughts", feedback="Strong SQL; wanted more dashboards",
)


def journal_with_a_reflection(path, company="Acme", people=("Sam Lee",), **fields):
    """One application (`company`) with a reflection holding every part, or `fields`; returns the reflection."""
    seed(path, company)
    journal = Journal.open(path)
    for name in people:
        add_person(journal, check_person(name=name, relation="mentor"))
    reflection = reflect(journal, check_reflection(today=TODAY, **(fields or EVERYTHING)), TODAY - timedelta(days=1), application_id=1)
    journal.close()
    return reflection


async def open_share_from_the_list(pilot) -> ShareDialog:
    await pilot.press("2")
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ShareDialog)
    return dialog


def preview(dialog: ShareDialog) -> str:
    return str(dialog.query_one("#share-preview", Static).render())


async def tick(pilot, dialog: ShareDialog, part: str) -> None:
    """Move the tick list to `part` and press space."""
    parts = dialog.query_one("#share-parts", SelectionList)
    parts.focus()
    parts.highlighted = dialog.parts.index(part)
    await pilot.press("space")
    await pilot.pause()


def test_the_facts_and_lessons_are_ticked_and_nothing_private(journal_path):
    reflection = journal_with_a_reflection(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        dialog = await open_share_from_the_list(pilot)
        assert dialog.parts == [*SHARED_BY_DEFAULT, *PRIVATE_FIELDS]  # every part holds something
        assert dialog.query_one("#share-parts", SelectionList).selected == list(SHARED_BY_DEFAULT)
        # The talk_to names Sam; Sam Lee is the circle's Sam, so the summary greets him.
        assert dialog.query_one("#share-to", Input).value == "Sam Lee"
        shown = preview(dialog)
        assert shown == share_text(reflection, LABEL, SHARED_BY_DEFAULT, to="Sam Lee")
        assert "The SQL task" in shown and "Acme — Analyst" in shown
        for private in ("gutted", "Froze", "Private thoughts", "dashboards", "2 of 5"):
            assert private not in shown

    run_app(app, steps)


def test_ticking_a_private_part_adds_it_to_the_preview_and_unticking_takes_it_out(journal_path):
    journal_with_a_reflection(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        dialog = await open_share_from_the_list(pilot)
        await tick(pilot, dialog, "feedback")
        assert "Their feedback: Strong SQL; wanted more dashboards" in preview(dialog)
        assert "Froze" not in preview(dialog)  # only what was ticked
        await tick(pilot, dialog, "went_well")  # a default part can be taken out too
        assert "The SQL task" not in preview(dialog)
        await tick(pilot, dialog, "feedback")
        assert "dashboards" not in preview(dialog)

    run_app(app, steps)


def test_copy_puts_exactly_the_summary_on_the_clipboard(journal_path, monkeypatch):
    reflection = journal_with_a_reflection(journal_path, people=("Sam Lee", "Priya"))
    app = OnwardApp(journal_path, today=TODAY)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)

    async def steps(pilot):
        dialog = await open_share_from_the_list(pilot)
        await tick(pilot, dialog, "stumbles")
        to = dialog.query_one("#share-to", Input)
        to.value = ""
        to.focus()
        await type_text(pilot, "pr")
        await pilot.pause()
        assert to._suggestion == "Priya"  # the circle's names, whatever the case typed
        await pilot.press("right")
        await pilot.press("ctrl+s")
        await pilot.pause()
        include = [*SHARED_BY_DEFAULT, "stumbles"]
        assert copied == [share_text(reflection, LABEL, include, to="Priya")]
        assert copied[0] == preview(dialog)  # what is seen is what is copied
        assert f"Copied {COPIED}" in notifications(pilot.app)
        assert pilot.app.screen is dialog  # stays open, so the preview can still be selected by hand
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ShareDialog)

    run_app(app, steps)


def test_markup_and_escape_codes_show_literally(journal_path, monkeypatch):
    # Written without the forms' cleaning, as an older journal or an import could hold them.
    journal = Journal.open(journal_path)
    company = "[b]Acme[/]\x1b]0;PWNED\x07"
    applications.add_application(journal, ApplicationEntry(company=company, role="Analyst", applied_on=TODAY, field="data"))
    add_person(journal, PersonEntry(name="[i]Sam[/]\x07"))
    entry = ReflectionEntry(mood=3, went_well="[bold]x[/] and [link=https://x.org]y[/link]", feedback="\x1b[31mred\x1b[0m [/]")
    reflection = reflect(journal, entry, TODAY, application_id=1)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)

    async def steps(pilot):
        dialog = await open_share_from_the_list(pilot)
        assert "About [b]Acme[/] — Analyst" in str(dialog.query_one(".dialog--hint", Label).render())
        await tick(pilot, dialog, "feedback")
        to = dialog.query_one("#share-to", Input)
        to.focus()
        await type_text(pilot, "[i")
        await pilot.pause()
        assert to._suggestion == "[i]Sam[/]"  # brackets and all, less its control character
        await pilot.press("right")
        to.value += "\x1b"  # as a paste could bring it
        await pilot.pause()
        shown = preview(dialog)
        assert "Hi [i]Sam[/]," in shown
        assert "Which application: [b]Acme[/] — Analyst" in shown
        assert "What went well: [bold]x[/] and [link=https://x.org]y[/link]" in shown
        assert "Their feedback: red [/]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        label = ApplicationLabel(company, "Analyst", "data")
        assert copied == [share_text(reflection, label, ["application", "went_well", "feedback"], to="[i]Sam[/]")]
        assert copied == [shown]
        assert "\x1b" not in copied[0]

    run_app(app, steps)


def test_the_dialog_fits_80x24_with_every_part(journal_path):
    journal_with_a_reflection(journal_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        dialog = await open_share_from_the_list(pilot)
        frame = dialog.query_one(".dialog")
        assert inside(frame, dialog.region)
        assert_no_text_cut_at_the_side(dialog, frame)
        parts = dialog.query_one("#share-parts", SelectionList)
        assert parts.option_count == len(SHARE_LABELS)
        # Every tick in sight: none cut off at the bottom of the dialog's body.
        assert parts.region.height == len(SHARE_LABELS) and inside(parts, dialog.query_one("#share-body").region)
        for widget in ("#share-preview-box", "#share-to", "#copy", "#close", ".dialog--hint"):
            assert inside(dialog.query_one(widget), frame.region), f"{widget} is out of sight"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ShareDialog)

    run_app(app, steps, size=SMALL)


def test_the_editor_shares_the_reflection_as_saved_and_says_so_kindly_before(journal_path):
    seed(journal_path, "Acme")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("2", "n")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        await pilot.press("ctrl+t")  # nothing typed, no mood: nothing saved to share
        await pilot.pause()
        assert pilot.app.screen is editor
        assert f" {NOTHING_TO_SHARE}" in notifications(pilot.app)
        await pilot.press("4")
        editor.query_one("#went_well").focus()
        await type_text(pilot, "Good questions")
        await pilot.press("ctrl+t")  # straight away: what is typed is saved first, then shared
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ShareDialog)
        assert "What went well: Good questions" in preview(dialog)
        assert "Which application" not in preview(dialog)  # free-standing: no application to name
        assert pilot.app.journal.reflections.every()[0].went_well == "Good questions"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is editor

    run_app(app, steps, size=SMALL)
