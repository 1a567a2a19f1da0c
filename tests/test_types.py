"""The type checker runs over tui/ as part of the suite: typed access to the app means a screen that calls a
journal method that does not exist, or passes the wrong thing to an action, fails here."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mypy(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *arguments], cwd=cwd, capture_output=True, text=True
    )


def test_tui_type_checks():
    result = mypy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_catches_a_screen_calling_a_missing_journal_method_and_a_wrong_store_write(tmp_path):
    """Two plants in one copy (one cold mypy run): a screen's misspelt journal read, and an action passing a
    store write the wrong thing (`@writes` keeps each write's signature, issue 25: it returned Any)."""
    shutil.copytree(ROOT / "tui", tmp_path / "tui")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    inbox = tmp_path / "tui" / "screens" / "inbox.py"
    planted = inbox.read_text().replace(
        "self.onward.journal.applications.choices(", "self.onward.journal.aplication_choices(", 1
    )
    assert planted != inbox.read_text()
    inbox.write_text(planted)
    wins = tmp_path / "tui" / "actions" / "wins.py"
    wrong_write = wins.read_text().replace("win_id = journal.wins.insert_win(entry)", "win_id = journal.wins.insert_win(42)", 1)
    assert wrong_write != wins.read_text()
    wins.write_text(wrong_write)
    result = mypy("--cache-dir", str(tmp_path / "cache"), cwd=tmp_path)
    assert result.returncode != 0 and "aplication_choices" in result.stdout
    assert "wins.py" in result.stdout and '"insert_win"' in result.stdout, result.stdout
