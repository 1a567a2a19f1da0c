"""The app's data commands (issue 12): import with a preview and a progress bar off the screen's thread, export."""

import threading

import pytest

from textual.widgets import Input, Static

from tests.conftest import TODAY, make_demo_journal, run_app, settle
from tui.actions.imports import ImportFile
from tui import textual_compat
from tui.app import OnwardApp
from tui.screens.data_dialogs import ExportDialog, ImportDialog, ImportPreview
from tui.screens.inbox import InboxScreen
from tui.store.repository import Journal
from tui.store.transfer import json_chunks


def demo_export(tmp_path):
    demo = Journal.open(make_demo_journal(tmp_path / "demo.db"))
    path = tmp_path / "demo.json"
    path.write_text("".join(json_chunks(demo)), encoding="utf-8")
    demo.close()
    return path


def notifications(app):
    return " ".join(f"{n.title} {n.message}" for n in app._notifications)


async def wait_for(pilot, condition):
    """Wait on the app's signals (its workers done, their messages handled) until `condition` holds."""
    for _ in range(5):  # what a worker leaves behind may start another
        if condition():
            return
        await settle(pilot)
    assert condition(), "the app settled without it"


def test_palette_offers_the_data_commands(journal_path):
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        titles = {command.title for command in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"data: import…", "data: export…", "data: backup now"} <= titles

    run_app(app, steps)


def test_import_shows_a_preview_then_imports_in_the_background(journal_path, tmp_path, monkeypatch):
    source = demo_export(tmp_path)
    app = OnwardApp(journal_path, today=TODAY)
    threads = []
    real_write = ImportFile.write

    def write(self, *args, **kwargs):
        threads.append(threading.current_thread())
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(ImportFile, "write", write)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ImportDialog)
        pilot.app.screen.query_one("#path", Input).value = str(source)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
        shown = str(pilot.app.screen.query_one("#preview-text", Static).render())
        assert "Adds 32 applications (32 outcomes)" in shown and "Brightwave Analytics — Data Analyst (rejected)" in shown
        assert not Journal.open(journal_path).applications.every(), "the preview writes nothing"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen))
        assert "Imported 32 applications" in notifications(pilot.app)
        await wait_for(pilot, lambda: len(pilot.app.screen.inbox.rows) > 10)  # the Inbox shows them at once

    run_app(app, steps)
    assert threads and threads[0] is not threading.main_thread(), "the screen keeps drawing while it imports"
    journal = Journal.open(journal_path)
    assert len(journal.applications.every()) == 32
    journal.close()


def test_import_explains_a_file_it_cannot_use_and_writes_nothing(journal_path, tmp_path):
    not_json = tmp_path / "notes.txt"
    not_json.write_text("hello", encoding="utf-8")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#path", Input).value = str(tmp_path / "missing.json")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "There is no file at" in str(dialog.query_one("#field-path .form-field--error", Static).render())
        dialog.query_one("#path", Input).value = str(not_json)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert "is not JSON" in str(dialog.query_one("#field-path .form-field--error", Static).render())
        dialog.query_one("#path", Input).value = str(journal_path)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is your journal" in str(dialog.query_one("#field-path .form-field--error", Static).render())
        # Issue try5 #11: the file SQLite keeps beside the open journal, and a binary file, said for what they are.
        wal = journal_path.parent / f"{journal_path.name}-wal"
        assert wal.exists()
        for path, said in ((wal, "is your journal (or a file SQLite keeps beside it)"), (binary, "is a program, not Onward JSON")):
            dialog.query_one("#path", Input).value = str(path)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            shown = str(dialog.query_one("#field-path .form-field--error", Static).render())
            assert said in shown and "encoding" not in shown, shown

    binary = tmp_path / "export.json"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    run_app(app, steps)
    journal = Journal.open(journal_path)
    assert not journal.applications.every()
    journal.close()


def test_an_import_with_nothing_new_says_so_and_offers_no_import(demo_path, tmp_path):
    source = demo_export(tmp_path)
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).value = str(source)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
        preview = pilot.app.screen
        assert not preview.query("#import")
        assert "Nothing to import" in str(preview.query_one("#preview-error", Static).render())
        await pilot.press("enter")  # does nothing
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen))

    run_app(app, steps)


def test_export_writes_a_private_file_and_never_over_one(demo_path, tmp_path):
    from tui.domain.text import shown_path

    target = tmp_path / "out 'q'.csv"
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_export_data()
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#path", Input).value.endswith(f"onward-{TODAY.isoformat()}.json")
        await pilot.press("down", "down")  # CSV: the suggested name follows the format
        assert dialog.query_one("#path", Input).value.endswith(".csv")
        dialog.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen))
        said = notifications(pilot.app)
        assert f"Exported to {shown_path(target)}." in said and said.count("Exported") == 1  # as `onward export` says it
        pilot.app.action_export_data()
        await pilot.pause()
        again = pilot.app.screen
        again.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is again
        assert "already exists" in str(again.query_one("#field-path .form-field--error", Static).render())

    run_app(app, steps)
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8-sig").startswith("id,company,role")


def test_a_long_preview_scrolls_with_its_buttons_in_sight(journal_path, tmp_path):
    """Found by an attack at 80×24: 50 problems were cut at 14 lines and could not be scrolled."""
    from textual.containers import VerticalScroll

    sheet = tmp_path / "probs.csv"
    sheet.write_text("Company,Role,Applied\n" + "".join(f"Co{i},Analyst,someday\n" for i in range(50)) + "Acme,Analyst,2026-11-02\n", encoding="utf-8")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        await pilot.press("down", "down")  # a spreadsheet
        pilot.app.screen.query_one("#path", Input).value = str(sheet)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
        preview = pilot.app.screen
        scroll = preview.query_one("#preview-scroll", VerticalScroll)
        assert scroll.has_focus and scroll.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert preview.query_one("#import").region.bottom <= 24, "the Import button stays on screen"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen))

    run_app(app, steps, size=(80, 24))
    journal = Journal.open(journal_path)
    assert [a.company for a in journal.applications.every()] == ["Acme"]
    journal.close()


@pytest.fixture
def held_import(monkeypatch):
    """The import's write waits until the test sets the event it returns."""
    release = threading.Event()
    real_write = ImportFile.write

    def slow_write(self, *args, **kwargs):
        release.wait(10)
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(ImportFile, "write", slow_write)
    return release


async def quit_while_importing(pilot, source) -> None:
    """Import `source` from the app, and press Ctrl+Q while it is being written."""
    pilot.app.action_import_data()
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = str(source)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+q")
    await pilot.pause()


def test_quitting_while_an_import_is_written_asks_first(journal_path, tmp_path, held_import):
    """Found by an attack: Ctrl+Q at 20% quit at once and the import was silently left out."""
    from tui.screens.confirm import ConfirmDialog

    source = demo_export(tmp_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await quit_while_importing(pilot, source)
        assert isinstance(pilot.app.screen, ConfirmDialog) and "still being written" in pilot.app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ImportPreview) and pilot.app.is_running
        held_import.set()
        await wait_for(pilot, lambda: "Imported 32 applications" in notifications(pilot.app))

    run_app(app, steps)


@pytest.mark.parametrize("answer", ["n", "y"])
def test_an_import_written_under_the_quit_question_closes_it_and_its_dialog_and_quitting_is_asked_again(journal_path, tmp_path, held_import, answer):
    """try7 O: the import finished under "Quit now and leave all of it out?": the question vanished, the dialog
    stayed at 100% with no button, and Ctrl+Q asked again to "leave all of it out" of an import already in."""
    from tui.screens.confirm import ConfirmDialog

    source = demo_export(tmp_path)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await quit_while_importing(pilot, source)
        assert isinstance(pilot.app.screen, ConfirmDialog) and "leave all of it out" in pilot.app.screen.question
        held_import.set()
        await wait_for(pilot, lambda: "Imported 32 applications" in notifications(pilot.app))
        await pilot.pause()
        assert not any(isinstance(screen, ImportPreview) for screen in pilot.app.screen_stack), "the dialog closed"
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question == "The import finished: all of it is in your journal. Quit now?"
        await pilot.press(answer)
        await pilot.pause()
        if answer == "y":
            await wait_for(pilot, lambda: textual_compat.is_closing(pilot.app))
            return
        assert isinstance(pilot.app.screen, InboxScreen) and pilot.app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmDialog), "nothing is asked of an import already in"

    run_app(app, steps)
    journal = Journal.open(journal_path)
    assert len(journal.applications.every()) == 32
    journal.close()


def test_the_palette_offers_the_calendar_feed(demo_path, tmp_path):
    target = tmp_path / "plan.ics"
    app = OnwardApp(demo_path, today=TODAY)

    async def steps(pilot):
        [command] = [c for c in pilot.app.get_system_commands(pilot.app.screen) if c.title == "data: calendar feed (.ics)…"]
        command.callback()
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog) and dialog.query_one("#path", Input).value.endswith(".ics")
        dialog.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: target.exists())

    run_app(app, steps)
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert "Screening: Elm Street Co-op" in target.read_text(encoding="utf-8")


def test_the_import_dialog_takes_columns_status_words_and_the_duplicate_tick(journal_path, tmp_path):
    """Issue 23: the in-app import asked to "say which column holds company" with nowhere to say it."""
    from textual.widgets import Checkbox, OptionList

    from tui.actions import applications
    from tui.domain.entries import ApplicationEntry

    journal = Journal.open(journal_path)
    applications.add_application(journal, ApplicationEntry("Acme", "Analyst", TODAY))
    journal.close()
    source = tmp_path / "sheet.csv"
    source.write_text("Who,What,When,Stage\nAcme,Analyst,2026-11-25,Hired\nBirch,Designer,Nov 20,applied\n", encoding="utf-8")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#kind", OptionList).highlighted = 2  # a spreadsheet
        dialog.query_one("#path", Input).value = str(source)
        await pilot.pause()
        assert dialog.query_one("#field-columns").display
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(dialog.query_one("#field-columns").query_one(".form-field--error", Static).render())
        assert "No column for company or role" in shown and "Name each under Columns, e.g. Who=company." in shown
        dialog.query_one("#columns", Input).value = "Who=company, What=role, When=applied"
        dialog.query_one("#statuses", Input).value = "Hired=offer"
        dialog.query_one("#again", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
        shown = str(pilot.app.screen.query_one("#preview-text", Static).render())
        assert "Adds 2 applications" in shown and "as asked" in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen))

    run_app(app, steps)
    journal = Journal.open(journal_path)
    assert sorted((a.company, a.status.value) for a in journal.applications.every()) == [
        ("Acme", "applied"), ("Acme", "offer"), ("Birch", "applied"),
    ]
    journal.close()


def test_the_import_dialog_reads_a_sheets_dates_as_the_app_reads_them(journal_path, tmp_path):
    """A tester's sheet: "yesterday" was refused and "3/4" was "not a date I can read", where the app's own
    date fields take the one and say the other could be March 4 or April 3. Read as of the app's today."""
    from datetime import date

    from textual.widgets import OptionList

    source = tmp_path / "sheet.csv"
    source.write_text("Company,Role,Applied\nA,R,3/4\nB,R,yesterday\nC,R,Mar 4\n", encoding="utf-8")
    app = OnwardApp(journal_path, today=date(2026, 12, 14))

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#kind", OptionList).highlighted = 2  # a spreadsheet
        dialog.query_one("#path", Input).value = str(source)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
        shown = " ".join(str(pilot.app.screen.query_one("#preview-text", Static).render()).split())
        assert "2026-12-13 B — R" in shown
        assert 'line 2: "3/4" could be March 4 or April 3; write 2026-03-04 or 2026-04-03 to say which.' in shown
        assert "line 4: Mar 4 is ahead (2027-03-04); to log this year's, write 2026-03-04." in shown

    run_app(app, steps)


def test_the_import_preview_names_a_row_of_empty_cells_it_skips(journal_path, tmp_path):
    """The row count and the rows added, left out and skipped add up: a row of commas is named, not dropped."""
    from textual.widgets import OptionList

    source = tmp_path / "sheet.csv"
    source.write_text("Company,Role,Applied\nA,R,2026-11-02\n,,\nB,R,2026-11-03\n", encoding="utf-8")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#kind", OptionList).highlighted = 2  # a spreadsheet
        dialog.query_one("#path", Input).value = str(source)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
        shown = " ".join(str(pilot.app.screen.query_one("#preview-text", Static).render()).split())
        assert "Read 3 rows from sheet.csv." in shown and "1 empty row skipped: line 3." in shown
        assert "Adds 2 applications." in shown

    run_app(app, steps)


async def _import_sheet(pilot, source):
    from textual.widgets import OptionList

    pilot.app.action_import_data()
    await pilot.pause()
    pilot.app.screen.query_one("#kind", OptionList).highlighted = 2  # a spreadsheet
    pilot.app.screen.query_one("#path", Input).value = str(source)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen) and "Imported" in notifications(pilot.app))


def test_z_after_an_import_into_an_empty_journal_says_why_it_does_not_undo_it(journal_path, tmp_path):
    """A tester imported into an empty journal, pressed z and read "Nothing to undo in this session.", and
    the import's message had not said it can't be undone."""
    source = tmp_path / "sheet.csv"
    source.write_text("Company,Role,Applied\nA,R,2026-11-02\n", encoding="utf-8")
    app = OnwardApp(journal_path, today=TODAY)
    take_back = (
        "z does not undo an import; the journal held nothing before it (so no backup was made): "
        f"to take it back, delete {journal_path}, which holds only what was imported."
    )

    async def steps(pilot):
        await _import_sheet(pilot, source)
        assert f"Imported 1 application (1 settled as history). {take_back}" in notifications(pilot.app)
        pilot.app.clear_notifications()
        await pilot.press("z")
        await pilot.pause()
        assert notifications(pilot.app).strip() == take_back

    run_app(app, steps)


def test_z_after_an_import_names_the_backup_and_never_undoes_a_change_from_before_it(journal_path, tmp_path):
    from tui.domain.models import Status

    source = tmp_path / "sheet.csv"
    source.write_text("Company,Role,Applied\nB,R,2026-11-02\n", encoding="utf-8")
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Acme", "tab", *"Analyst", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InboxScreen) and pilot.app.journal.applications.every())
        await _import_sheet(pilot, source)
        [kept] = (journal_path.parent / "backups").glob("*before-import*")
        take_back = f"z does not undo an import; to take it back, run `onward --db {journal_path} restore {kept}` (the journal as it was before it, backed up)."
        assert take_back in notifications(pilot.app)
        pilot.app.clear_notifications()
        await pilot.press("z")
        await pilot.pause()
        assert notifications(pilot.app).strip() == take_back
        await pilot.press("z")  # still said: z does not reach past the import to the application added before it
        await pilot.pause()
        assert sorted(a.company for a in pilot.app.journal.applications.every()) == ["Acme", "B"]
        assert pilot.app.journal.applications.every()[0].status is Status.APPLIED

    run_app(app, steps)
