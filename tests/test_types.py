"""The type checker runs over tui/ as part of the suite: typed access to the app means a screen that calls a
journal method that does not exist, or passes the wrong thing to an action, fails here."""

import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: the two checks may then overlap
    fcntl = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
LOCK = Path(tempfile.gettempdir()) / f"onward-mypy-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}.lock"


def mypy(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *arguments], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def checked_tree() -> Iterator[subprocess.CompletedProcess]:
    """mypy over tui/ with its cache in the repository (.mypy_cache), one run at a time in the whole suite
    (pytest-xdist's workers are separate processes): a run without a cache holds ~290 MB for ~10 s, and two at
    once were a third of the suite's peak memory (issue 25); with the cache a run takes ~40 MB and a second."""
    with open(LOCK, "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file closes
        yield mypy()


def test_tui_type_checks(checked_tree):
    assert checked_tree.returncode == 0, checked_tree.stdout + checked_tree.stderr


def test_the_check_catches_a_screen_calling_a_missing_journal_method_and_a_wrong_store_write(checked_tree, tmp_path):
    """Two plants in one copy, checked from a copy of the tree's own cache (mypy checks again only what the
    plants changed and what depends on it): a screen's misspelt journal read, and an action passing a store
    write the wrong thing (`@writes` keeps each write's signature, issue 25: it returned Any)."""
    shutil.copytree(ROOT / ".mypy_cache", tmp_path / "cache")
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
