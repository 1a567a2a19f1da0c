"""The app never crashes on anything stored or read (issue 24): a draft of the wrong types opens with the bad
fields left out, a day stored as 9999-12-31 leaves insights and the calendar export working, a pasted date of
thousands of digits is a message, and an import is read off the screen's thread."""

import json
import sqlite3
import threading

import pytest
from textual.widgets import Input, Static, TextArea

from tests.app.test_data_dialogs import wait_for
from tests.app.test_inbox import seed
from tests.conftest import TODAY, run_app
from tui.actions import imports
from tui.app import OnwardApp
from tui.domain.models import OutcomeKind, Stage
from tui.screens import data_dialogs
from tui.screens.data_dialogs import ImportDialog, ImportPreview
from tui.screens.insights import InsightsScreen
from tui.screens.reflection import ReflectionEditor
from tui.store.repository import Journal
from tests.journal_steps import log

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py


def stored(path, sql, *parameters):
    """Write straight into the journal file, as an older Onward or a hand edit could have left it."""
    with sqlite3.connect(path) as connection:
        connection.execute(sql, parameters)
    connection.close()


def test_a_draft_of_the_wrong_types_opens_with_the_bad_fields_left_out(journal_path):
    seed(journal_path, "Acme")
    journal = Journal.open(journal_path)
    log(journal, 1, OutcomeKind.REJECTED, TODAY, stage=Stage.INTERVIEW)
    journal.close()
    draft = {"mood": "abc", "stage": "ceo", "went_well": 5, "body": ["a"], "do_differently": "Ask\x1b]0;PWNED\x07 sooner\x1b[2J"}
    stored(journal_path, "INSERT INTO drafts (key, value) VALUES (?, ?)", "application:1", json.dumps(draft))
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, ReflectionEditor)
        assert editor.query_one("#do_differently", TextArea).text == "Ask sooner"
        assert editor.query_one("#went_well", TextArea).text == ""
        assert editor.query_one("#body", TextArea).text == ""

    run_app(app, steps)
    assert app.return_code in (0, None)


def test_a_day_stored_as_the_last_day_of_the_calendar_crashes_nothing(journal_path, tmp_path):
    seed(journal_path, "Acme", "Beta", "Gamma")
    journal = Journal.open(journal_path)
    log(journal, 1, OutcomeKind.INTERVIEW, TODAY, takes_place_on=TODAY)
    for app_id in (2, 3):
        log(journal, app_id, OutcomeKind.REJECTED, TODAY, stage=Stage.INTERVIEW)
    journal.close()
    stored(journal_path, "UPDATE events SET takes_place_on = '9999-12-31' WHERE takes_place_on IS NOT NULL")
    stored(journal_path, "INSERT OR REPLACE INTO settings (key, value) VALUES ('hidden_nudges', ?)", json.dumps({"data": "9999-12-31"}))
    app = OnwardApp(journal_path, today=TODAY)
    target = tmp_path / "calendar.ics"

    async def steps(pilot):
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InsightsScreen))
        await pilot.pause()
        pilot.app.action_export_data("ics")
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_for(pilot, target.exists)

    run_app(app, steps)
    assert app.return_code in (0, None)
    assert "BEGIN:VCALENDAR" in target.read_text()


def test_an_import_is_read_off_the_screens_thread_and_a_bad_one_is_a_message(journal_path, tmp_path, monkeypatch):
    source = tmp_path / "sheet.csv"
    source.write_text("Company,Role,Applied\n")  # headers alone
    threads = []
    real = imports.read_import

    def read_import(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(data_dialogs, "read_import", read_import)
    previewed = []
    real_preview = imports.ImportFile.preview

    def preview(self, journal, *args, **kwargs):
        previewed.append(threading.current_thread())
        return real_preview(self, journal, *args, **kwargs)

    monkeypatch.setattr(imports.ImportFile, "preview", preview)
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        pilot.app.action_import_data()
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.press("down", "down")
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "header row but no rows" in str(dialog.query_one("#field-path").query_one(".form-field--error", Static).render()))
        assert pilot.app.screen is dialog
        source.write_text("Company,Role,Applied\nAcme,Analyst,2026-11-02\n")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportPreview))

    run_app(app, steps)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert previewed and all(thread is not threading.main_thread() for thread in previewed), "matching it against the journal too"


def test_a_day_of_thousands_of_digits_pasted_into_the_day_question_is_a_message(journal_path):
    from tui.screens.interview_dialogs import DayQuestion

    seed(journal_path, "Acme")

    async def steps(pilot):
        await pilot.press("i")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, DayQuestion)
        question.query_one("#day", Input).value = "1" * 4301  # a paste arrives whole
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is question
        assert "is not a date I can read" in str(question.query_one("#field-day .form-field--error", Static).render())

    run_app(OnwardApp(journal_path, today=TODAY), steps)
    journal = Journal.open(journal_path)
    assert journal.applications.planned_interviews() == []
    journal.close()
