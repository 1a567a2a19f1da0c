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


def test_the_check_catches_a_screen_calling_a_missing_journal_method(tmp_path):
    shutil.copytree(ROOT / "tui", tmp_path / "tui")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    inbox = tmp_path / "tui" / "screens" / "inbox.py"
    planted = inbox.read_text().replace(
        "        settings = self.onward.journal.settings()", "        settings = self.onward.journal.settngs()", 1
    )
    assert planted != inbox.read_text()
    inbox.write_text(planted)
    result = mypy("--cache-dir", str(tmp_path / "cache"), cwd=tmp_path)
    assert result.returncode != 0 and "settngs" in result.stdout
