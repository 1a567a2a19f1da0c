"""Textual's private names are used nowhere in tui/ but tui/textual_compat.py (DESIGN rule 11), where each use
says why and is run on a stock App (tests/app/test_textual_compat.py). Read with `ast` from every module of
tui/; each kind of use is also planted by hand below, to prove the check bites.

What counts as Textual's private name:
- an import of a private module or name (`textual._x`, `from textual.widgets._text_area import …`,
  `from textual.app import _x`), or such a module named in a string (`sys.modules["textual.widgets._x"]`);
- in a class built on a Textual class, a `self._x`, `def _x` or class-level `_x` where `_x` is a name one of
  its Textual bases has (reading it, overriding it or replacing it: a screen's `self._closed` once replaced
  Textual's own flag, and the app never shut down);
- `anything._x` on another object (`self.app._x`, `screen._x`, `super()._x`, `getattr(app, "_x")`) where
  `_x` is a private name Textual defines and Onward does not;
- `event.is_forwarded`: telling a key Textual handed on from one coming back relies on the order Textual
  hands keys on, which it does not document.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import textual

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
COMPAT = "textual_compat.py"
PRIVATE_MODULE = re.compile(r"^textual(\.\w+)*\._\w+")
DISPATCH_ORDER = frozenset({"is_forwarded"})


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def defined_names(tree: ast.AST) -> set[str]:
    """Private names a tree defines: methods and class-level names of its classes, attributes it assigns."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.add(item.name)
                elif isinstance(item, ast.Assign):
                    names.update(target.id for target in item.targets if isinstance(target, ast.Name))
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    names.add(item.target.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return {name for name in names if is_private(name)}


@functools.cache
def textual_private_names() -> frozenset[str]:
    """Every private name Textual's own classes define (8.2.8: ~1,100)."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        names |= defined_names(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


def _is_textuals(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "textual"


@functools.cache
def _names_of_textual_class(cls: type) -> frozenset[str]:
    names = {name for name in vars(cls) if is_private(name)}
    try:
        names |= defined_names(ast.parse(inspect.getsource(cls)))
    except (OSError, TypeError):
        pass
    return frozenset(names)


def textual_names_of(cls: Any) -> frozenset[str]:
    """The private names `cls` has from its Textual bases (none when it has no Textual base)."""
    if not isinstance(cls, type):
        return frozenset()
    names: frozenset[str] = frozenset()
    for base in cls.__mro__:
        if _is_textuals(base):
            names |= _names_of_textual_class(base)
    return names


def _resolve(namespace: dict[str, Any], qualname: list[str]) -> Any:
    found: Any = namespace.get(qualname[0])
    for part in qualname[1:]:
        found = getattr(found, part, None)
    return found


def _module_names(tree: ast.AST) -> set[str]:
    """Names a module binds to modules other than Textual's (`import os`: `os._exit` is not Textual's)."""
    return {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree) if isinstance(node, ast.Import)
        for alias in node.names if alias.name.split(".")[0] != "textual"
    }


def private_uses(source: str, namespace: dict[str, Any], own: frozenset[str] = frozenset()) -> list[str]:
    """Textual's private names `source` uses (see the module's docstring); `namespace` is what running it
    made (its classes are looked up there), `own` the private names Onward defines for itself."""
    tree = ast.parse(source)
    textuals = textual_private_names()
    modules = _module_names(tree)
    found: list[str] = []

    def say(node: ast.AST, what: str) -> None:
        found.append(f"line {getattr(node, 'lineno', '?')}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if PRIVATE_MODULE.match(alias.name):
                    say(node, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textual":
            if PRIVATE_MODULE.match(node.module) or any(is_private(alias.name) for alias in node.names):
                say(node, f"from {node.module} import {', '.join(alias.name for alias in node.names)}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and PRIVATE_MODULE.match(node.value):
            say(node, repr(node.value))
        elif isinstance(node, ast.Attribute) and node.attr in DISPATCH_ORDER:
            say(node, f".{node.attr} (the order Textual hands keys on)")
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
            and node.args[1].value in textuals and node.args[1].value not in own
        ):
            say(node, f"{node.func.id}(…, {node.args[1].value!r}) (Textual's)")

    def visit(body: list[ast.stmt], qualname: list[str], theirs: frozenset[str]) -> None:
        for statement in body:
            if isinstance(statement, ast.ClassDef):
                inner = qualname + [statement.name]
                visit(statement.body, inner, textual_names_of(_resolve(namespace, inner)))
                continue
            if theirs:
                if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name in theirs:
                    say(statement, f"def {statement.name} (Textual's, in {'.'.join(qualname)})")
                targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in theirs:
                        say(statement, f"{target.id} = (Textual's, in {'.'.join(qualname)})")
            for node in ast.walk(statement):
                if not isinstance(node, ast.Attribute) or not is_private(node.attr):
                    continue
                on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
                if on_self and theirs:
                    if node.attr in theirs:
                        say(node, f"self.{node.attr} (Textual's, in {'.'.join(qualname)})")
                elif on_self or (isinstance(node.value, ast.Name) and node.value.id in modules):
                    continue  # Onward's own object, or a module's name (`os._exit`)
                elif node.attr in textuals and node.attr not in own:
                    say(node, f"{ast.unparse(node.value)}.{node.attr} (Textual's)")

    visit(tree.body, [], frozenset())
    return found


def onward_modules() -> list[tuple[str, str]]:
    """(module name, source) of every module of tui/ but textual_compat and the `python -m tui` entry."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if path.name in (COMPAT, "__main__.py"):
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        found.append((name, path.read_text(encoding="utf-8")))
    return found


@functools.cache
def onwards_own_names() -> frozenset[str]:
    """Private names Onward defines for its own objects (not Textual's under a class built on Textual's)."""
    names: set[str] = set()
    for _, source in onward_modules():
        tree = ast.parse(source)
        names |= defined_names(tree)
        names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    return frozenset(names)


def test_tui_uses_no_private_name_of_textual_outside_textual_compat():
    uses = {}
    for name, source in onward_modules():
        namespace = vars(importlib.import_module(name))
        theirs = private_uses(source, namespace, own=onwards_own_names())
        if theirs:
            uses[name] = theirs
    assert not uses, f"Textual's private names outside tui/textual_compat.py (DESIGN rule 11): {uses}"


STOCK = "from textual.app import App\nfrom textual.screen import Screen\nfrom textual.widgets import Static\n"


@pytest.mark.parametrize(
    "planted",
    [
        "from textual.widgets._text_area import TextArea\n",
        "import textual._compositor\n",
        "from textual.app import _get_screen\n",
        "import sys\nsys.modules.get('textual.widgets._text_area')\n",
        STOCK + "class Area(Screen):\n    def __init__(self):\n        super().__init__()\n"
        "        self._css_update_count = self.app._css_update_count\n",
        STOCK + "class Area(Screen):\n    def _on_mount(self, event):\n        pass\n",
        STOCK + "class Area(Screen):\n    def on_show(self):\n        self._refresh_layout(self.app.size)\n",
        STOCK + "class Onward(App):\n    _closed = False\n",
        STOCK + "def build(app, screen):\n    return app._get_screen(screen)\n",
        STOCK + "def stacks(app):\n    return getattr(app, '_screen_stacks', {})\n",
        STOCK + "class Area(Screen):\n    def go(self):\n        super()._on_mount(None)\n",
        STOCK + "class Onward(App):\n    async def on_event(self, event):\n        if event.is_forwarded:\n            return\n",
    ],
)
def test_each_kind_of_private_use_is_caught(planted):
    namespace: dict[str, Any] = {}
    if "class " in planted:  # its classes are looked up in what it made (an import alone is read, not run)
        exec(compile(planted, "<planted>", "exec"), namespace)
    assert private_uses(planted, namespace, own=onwards_own_names()), f"missed: {planted!r}"


def test_onwards_own_private_names_pass():
    clean = (
        STOCK + "import os\n"
        "class Area(Screen):\n    _drawn = None\n    def _redraw(self):\n        self._showing = True\n"
        "class Cache:\n    def __init__(self):\n        self._rows = {}\n"  # Textual has a `_rows` too: not on this class
        "def leave():\n    os._exit(0)\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(clean, "<clean>", "exec"), namespace)
    assert private_uses(clean, namespace, own=onwards_own_names()) == []
