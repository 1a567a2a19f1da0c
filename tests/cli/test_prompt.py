"""`onward streak --short`, answered by the light fast path (tui/launch.py): the same figure as the full
command, the same messages when something is off, and none of the heavy imports."""

import subprocess
import sys
from datetime import timedelta

import pytest

from tests.conftest import TODAY, make_demo_journal
from tests.journal_steps import act, change_settings, rest_day
from tui.domain.entries import check_action
from tui.launch import main as launch
from tui.cli import main as full_command
from tui.store.repository import Journal


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())

    def both(*argv):
        statuses, outputs = [], []
        for command in (launch, full_command):
            try:
                statuses.append(command(list(argv)))
            except SystemExit as exit:
                statuses.append(exit.code)
            captured = capsys.readouterr()
            outputs.append((captured.out, captured.err))
        return statuses, outputs

    return both


def test_the_demo_gives_the_same_streak_both_ways(tmp_path, run):
    path = make_demo_journal(tmp_path / "demo.db")
    statuses, outputs = run("--db", str(path), "streak", "--short")
    assert statuses == [0, 0]
    assert outputs[0] == outputs[1]
    assert outputs[0][0].startswith("🔥")


@pytest.mark.parametrize("days", [0, 1, 3, 9, 16])
def test_rest_days_freezes_and_weekdays_read_the_same(tmp_path, run, days):
    path = tmp_path / "journal.db"
    journal = Journal.open(path)
    for back in range(days):
        if back % 4 != 3:  # every fourth day missed: freezes and rest days decide
            act(journal, check_action(kind="learning", today=TODAY, on=(TODAY - timedelta(days=back)).isoformat()))
    change_settings(journal, rest_weekdays=frozenset({2}))
    rest_day(journal, TODAY - timedelta(days=3), True, TODAY)
    journal.close()
    statuses, outputs = run("streak", "--short", "--db", str(path))
    assert statuses == [0, 0] and outputs[0] == outputs[1]


@pytest.mark.parametrize("setup", ["missing", "not a journal"])
def test_anything_unusual_is_left_to_the_full_command(tmp_path, run, setup):
    path = tmp_path / "journal.db"
    if setup == "not a journal":
        path.write_text("hello")
    statuses, outputs = run("--db", str(path), "streak", "--short")
    assert statuses == [1, 1] and outputs[0] == outputs[1]
    assert setup != "missing" or not path.exists()


def test_before_the_default_journal_is_started_the_prompt_shows_nothing(run):
    """Tester (try7): someone who set up the prompt before logging anything saw "onward: no journal at …; check
    the path." at every prompt. A path given and not there is still said (tests/cli/test_cli_safety.py: it may be
    mistyped), and so is the default one by the long form."""
    from tui.paths import default_journal_path

    statuses, outputs = run("streak", "--short")
    assert statuses == [0, 0] and outputs == [("", ""), ("", "")]
    statuses, outputs = run("streak")
    assert statuses[1] == 1 and "no journal at" in outputs[1][1]
    assert not default_journal_path().exists()


def test_the_fast_path_loads_neither_sqlite_utils_nor_the_repository(tmp_path):
    path = make_demo_journal(tmp_path / "demo.db")
    code = (
        "import sys; from tui.launch import main; main(['--db', sys.argv[1], 'streak', '--short']); "
        "print(sorted(m for m in sys.modules if m.startswith(('sqlite_utils', 'tui.store.repository', 'dateutil', 'textual', 'tui.actions'))))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                            env={"ONWARD_TODAY": TODAY.isoformat(), "PATH": ""})
    assert result.stdout.splitlines()[-1] == "[]"
