"""No god objects (issue 25): no class in tui/ holds more than 40 methods or runs over 500 lines; a class that
grows past them is split by what it keeps, as Journal and InboxScreen were."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "tui"
MOST_METHODS = 40
MOST_LINES = 500


def oversized(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            methods = sum(isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) for item in node.body)
            lines = node.end_lineno - node.lineno + 1 if node.end_lineno else 0
            if methods > MOST_METHODS or lines > MOST_LINES:
                found.append(f"{node.name}: {methods} methods, {lines} lines")
    return found


def test_no_class_in_tui_is_a_god_object():
    found = {str(path.relative_to(TUI)): oversized(path.read_text()) for path in sorted(TUI.rglob("*.py"))}
    assert not {path: classes for path, classes in found.items() if classes}


def test_the_check_bites_on_a_planted_class():
    planted = "class Everything:\n" + "".join(f"    def m{n}(self):\n        pass\n" for n in range(41))
    assert oversized(planted) == ["Everything: 41 methods, 83 lines"]
    long = "class Long:\n    def one(self):\n" + "        x = 1\n" * 500
    assert oversized(long) == ["Long: 1 methods, 502 lines"]
