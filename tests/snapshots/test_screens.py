"""Snapshot tests of each screen's main states, on a fixed today and a fixed 100×32 terminal."""

from tests.conftest import SIZE, TODAY, make_demo_journal
from tui.app import OnwardApp


def test_inbox_empty(snap_compare, journal_path):
    assert snap_compare(OnwardApp(journal_path, today=TODAY), terminal_size=SIZE)


def test_inbox_demo(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), terminal_size=SIZE)


def test_inbox_demo_reject_asks_stage(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    # Fifteen rows down is Sunbeam Energy, at interview: the picker preselects that stage.
    press = ["down"] * 15 + ["r"]
    assert snap_compare(OnwardApp(path, today=TODAY), press=press, terminal_size=SIZE)


def test_new_application_form_with_problems(snap_compare, journal_path):
    press = ["n", "A", "c", "m", "e", "ctrl+s"]
    assert snap_compare(OnwardApp(journal_path, today=TODAY), press=press, terminal_size=SIZE)


def test_help(snap_compare, journal_path):
    assert snap_compare(OnwardApp(journal_path, today=TODAY), press=["question_mark"], terminal_size=SIZE)


def test_reflection_editor_empty(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    # Six rows down is Alder Insurance, the first rejection waiting for a reflection.
    press = ["down"] * 6 + ["e"]
    assert snap_compare(OnwardApp(path, today=TODAY), press=press, terminal_size=SIZE)


def test_reflection_editor_filled(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["2", "enter"], terminal_size=SIZE)


def test_reflections_list_demo(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["2"], terminal_size=SIZE)


def test_lessons_demo(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["2", "l"], terminal_size=SIZE)


def test_wins_wall_empty(snap_compare, journal_path):
    assert snap_compare(OnwardApp(journal_path, today=TODAY), press=["3"], terminal_size=SIZE)


def test_wins_wall_demo(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["3"], terminal_size=SIZE)


def test_streak_meter_empty(snap_compare, journal_path):
    assert snap_compare(OnwardApp(journal_path, today=TODAY), press=["4"], terminal_size=SIZE)


def test_streak_meter_demo(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["4"], terminal_size=SIZE)


def test_streak_meter_demo_light_theme_80_columns(snap_compare, tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")

    async def light(pilot):
        pilot.app.theme = "textual-light"

    assert snap_compare(OnwardApp(path, today=TODAY), press=["4"], terminal_size=(80, 32), run_before=light)


def test_streak_meter_demo_without_colour(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # read by the app when it is made: monochrome, glyphs still differ
    path = make_demo_journal(tmp_path / "demo.db")
    assert snap_compare(OnwardApp(path, today=TODAY), press=["4"], terminal_size=SIZE)
