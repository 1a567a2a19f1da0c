"""Snapshot tests of every screen's and every dialog's main states, on a fixed today, at the usual 100×32 and
at 80×24 (a first-class size: nothing may be cut or out of reach there), and each screen in the light theme.

Review the SVGs before accepting an update (`pytest tests/snapshots --snapshot-update`, then look at
`snapshot_report.html` or the files under __snapshots__)."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SIZE, TODAY, make_demo_journal
from tui.app import OnwardApp

# Pilot waits on the app's own signals (tests/signals.py): the screenshot is taken once the app says it has
# settled, as after Pilot's idle polls, without their ≥60 ms a key (the timeline walked the Inbox key by key).
pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")

SMALL = (80, 24)


@dataclass(frozen=True)
class State:
    demo: bool  # the demo journal, else an empty one
    press: tuple[str, ...] = ()


# Down the demo Inbox: row 8 is Vantage Capital (a follow-up due: e opens its form), row 15 Cobalt Freight
# (at screening, so the stage picker preselects it).
SCREENS = {
    "inbox_empty": State(False),
    "inbox_demo": State(True),
    "inbox_filtered": State(True, ("slash", "d", "a", "t", "a", "enter")),
    "inbox_closed_shown": State(True, ("C", "end")),
    "reflections_list": State(True, ("2",)),
    "reflections_empty": State(False, ("2",)),
    "reflection_editor_empty": State(True, ("down",) * 8 + ("e",)),
    "reflection_editor_filled": State(True, ("2", "enter")),
    "lessons": State(True, ("2", "l")),
    "wins_wall_empty": State(False, ("3",)),
    "wins_wall": State(True, ("3",)),
    "streak_meter_empty": State(False, ("4",)),
    "streak_meter": State(True, ("4",)),
    "insights_empty": State(False, ("5",)),
    "insights_circle": State(True, ("5", "tab", "tab")),
}

DIALOGS = {
    "help": State(False, ("question_mark",)),
    "reject_asks_stage": State(True, ("down",) * 15 + ("r",)),
    "offer_asks_first": State(True, ("down",) * 15 + ("o",)),
    "new_application_with_problems": State(False, ("n", "A", "c", "m", "e", "ctrl+s")),
    "action_form": State(True, ("a",)),
    "win_form": State(True, ("w",)),
    "wins_kind_picker": State(True, ("3", "k")),
    "wins_remove_asks_first": State(True, ("3", "delete")),
    "streak_target": State(True, ("4", "t")),
    "streak_rest_weekdays": State(True, ("4", "w")),
    "reach_out": State(True, ("c",)),
    "reach_out_someone_new": State(True, ("c", "A", "n", "a")),
    "person_form": State(True, ("5", "n")),
    "share_dialog": State(True, ("2", "t")),
    "share_dialog_private_ticked": State(True, ("2", "t", *("down",) * 6, "space")),
}


def _app(state: State, tmp_path, journal_path) -> OnwardApp:
    path = make_demo_journal(tmp_path / "demo.db") if state.demo else journal_path
    return OnwardApp(path, today=TODAY)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x32", "80x24"])
@pytest.mark.parametrize("name", list(SCREENS) + list(DIALOGS))
def test_screen(snap_compare, tmp_path, journal_path, name, size):
    state = SCREENS.get(name) or DIALOGS[name]
    assert snap_compare(_app(state, tmp_path, journal_path), press=list(state.press), terminal_size=size)


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_in_light_theme(snap_compare, tmp_path, journal_path, name):
    state = SCREENS[name]

    async def light(pilot):
        pilot.app.theme = "textual-light"

    assert snap_compare(_app(state, tmp_path, journal_path), press=list(state.press), terminal_size=SIZE, run_before=light)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(120, 40), (200, 60)], ids=["120x40", "200x60"])
def test_wins_wall_cards(snap_compare, tmp_path, size, theme):
    """Issue 27: cards side by side (two at 120 columns, three at 200), tiles with a count per kind on top."""
    path = make_demo_journal(tmp_path / "demo.db")

    async def themed(pilot):
        pilot.app.theme = theme

    assert snap_compare(OnwardApp(path, today=TODAY), press=["3", "right"], terminal_size=size, run_before=themed)


def test_streak_meter_demo_without_colour(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # read by the app when it is made: monochrome, glyphs still differ
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["4"], terminal_size=SIZE)


DATA_DIALOGS = {
    "import_dialog": ("action_import_data", ()),
    "import_dialog_refusal": ("action_import_data", ("tab", *"/nowhere.csv", "ctrl+s")),
    # A spreadsheet: the columns, status words, source and date order `onward import csv` takes.
    "import_dialog_spreadsheet": ("action_import_data", ("down", "down")),
    "export_dialog": ("action_export_data", ("down", "down")),
}


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x32", "80x24"])
@pytest.mark.parametrize("name", list(DATA_DIALOGS))
def test_data_dialog(snap_compare, tmp_path, name, size, monkeypatch):
    monkeypatch.setenv("HOME", "/home/you")  # the export's suggested file name shows it
    action, press = DATA_DIALOGS[name]
    path = make_demo_journal(tmp_path / "demo.db")

    async def open_it(pilot):
        getattr(pilot.app, action)()
        await pilot.pause()

    assert snap_compare(OnwardApp(path, today=TODAY), press=list(press), terminal_size=size, run_before=open_it)


def test_import_preview(snap_compare, tmp_path):
    from tui.screens.data_dialogs import ImportPreview
    from tui.actions.imports import read_import

    source = tmp_path / "jobs.csv"
    source.write_text(
        "Company,Role,Applied,Status\nAcme [/],Analyst,2026-11-02,rejected\nBirch,Designer,2026-11-03,interviewing\n"
        "Cedar,Developer,someday,\n", encoding="utf-8",
    )
    path = make_demo_journal(tmp_path / "demo.db")

    async def preview(pilot):
        read = read_import("csv", source, journal_path=path, today=TODAY)
        await pilot.app.push_screen(ImportPreview(read, pilot.app.journal, TODAY))
        await pilot.pause()

    assert snap_compare(OnwardApp(path, today=TODAY), terminal_size=SMALL, run_before=preview)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x32", "80x24"])
def test_inbox_with_coming_up_and_how_did_it_go(snap_compare, tmp_path, size):
    """The demo's screening call with Elm Street Co-op is booked for Monday (on Friday it is under Coming up, in
    test_screen[inbox_demo]); on Monday it is under Today, and h asks how it went."""
    from datetime import timedelta

    from tui.widgets.lazy_list import LazyList

    path = make_demo_journal(tmp_path / "demo.db")
    monday = TODAY + timedelta(days=3)

    async def select_it(pilot):
        screen = pilot.app.screen
        index = next(i for i, row in enumerate(screen.rows) if row is not None and row.interview is not None)
        screen.query_one("#inbox-list", LazyList).cursor = index
        await pilot.pause()

    assert snap_compare(OnwardApp(path, today=monday), press=["h"], terminal_size=size, run_before=select_it)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x32", "80x24"])
def test_insights(snap_compare, tmp_path, size):
    """Insights on the demo journal: this week, the funnel for all fields, and (scrolling) the rest."""
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["5"], terminal_size=size)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x32", "80x24"])
def test_reflection_editor_on_feedback(snap_compare, tmp_path, size):
    """F on a rejection whose feedback was asked for opens its reflection at "Their feedback" (issue 14)."""
    from tui.screens.reflection import ReflectionEditor

    path = make_demo_journal(tmp_path / "demo.db")

    async def open_it(pilot):
        journal = pilot.app.journal
        reflection = next(r for r in journal.reflections.every() if r.feedback)
        application = journal.applications.get(reflection.application_id)
        await pilot.app.push_screen(ReflectionEditor(reflection=reflection, application=application, focus="feedback"))
        await pilot.pause()

    assert snap_compare(OnwardApp(path, today=TODAY), terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x32", "80x24"])
def test_timeline(snap_compare, tmp_path, size):
    """t on Meridian Civic in the demo Inbox: its whole story oldest first, every kind of entry (issue 13)."""
    path = make_demo_journal(tmp_path / "demo.db")

    async def open_it(pilot):
        for _ in range(60):
            application = pilot.app.screen.selected_application
            if application is not None and application.company == "Meridian Civic":
                break
            await pilot.press("down")
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(OnwardApp(path, today=TODAY), terminal_size=size, run_before=open_it)


def test_every_stored_snapshot_belongs_to_a_test():
    """A snapshot whose test was renamed or removed would never be compared again. Syrupy reports such a
    snapshot only when the suite runs in one process; the suite runs in parallel (pyproject addopts)."""
    here = Path(__file__)
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:cacheprovider", str(here)],
        capture_output=True, text=True, cwd=here.parents[2], check=True,
    ).stdout
    tests = {line.split("::", 1)[1] for line in listed.splitlines() if "::" in line}
    stored = {path.stem for path in (here.parent / "__snapshots__" / here.stem).glob("*.svg")}
    assert stored, "no stored snapshots found"
    assert sorted(stored - tests) == []
