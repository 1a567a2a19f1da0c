"""The three layers import only downwards: domain knows nothing of SQL or Textual, store nothing of Textual."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tui"


def imports_of(folder: str) -> set[str]:
    found = set()
    for path in (PACKAGE / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
    return found


@pytest.mark.parametrize(
    "folder, forbidden",
    [("domain", ("textual", "sqlite", "sqlite_utils", "tui.store", "tui.screens", "tui.app")),
     ("store", ("textual", "tui.screens", "tui.widgets", "tui.app"))],
)
def test_layers_import_only_downwards(folder, forbidden):
    bad = {name for name in imports_of(folder) if name.startswith(forbidden)}
    assert not bad


def test_sql_lives_only_in_the_store():
    for path in PACKAGE.rglob("*.py"):
        if "store" in path.parts:
            continue
        text = path.read_text()
        for keyword in ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE", "sqlite3"):
            assert keyword not in text, f"{keyword!r} in {path}"


def test_headless_modules_never_load_textual():
    code = "import sys, tui.cli, tui.domain.inbox, tui.store.transfer; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
