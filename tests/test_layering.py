"""The four layers import only downwards, SQL lives only in the store, today is decided in one place, and
front ends write only through the action layer. Each check is also run on planted violations, to prove it bites."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.store.repository import EVERY_TABLE, READERS, Journal

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
FRONT_ENDS = ("screens", "widgets", "app.py", "palette.py", "quitting.py", "replica_watch.py", "typed_ahead.py", "cli.py", "launch.py", "__main__.py")

FORBIDDEN_IMPORTS = {
    "domain": ("textual", "sqlite3", "sqlite_utils", "tui.store", "tui.actions", "tui.screens", "tui.widgets", "tui.app", "tui.cli"),
    # The entry points (tui.paths reads the clock and the environment) hand the store what it needs.
    "store": ("textual", "tui.actions", "tui.screens", "tui.widgets", "tui.app", "tui.cli", "tui.paths", "tui.launch", "tui.web"),
    "actions": ("textual", "sqlite3", "sqlite_utils", "tui.screens", "tui.widgets", "tui.app", "tui.cli"),
    "widgets": ("sqlite3", "sqlite_utils", "tui.store", "tui.app", "tui.cli"),
    "screens": ("sqlite3", "sqlite_utils", "tui.cli"),
}

# SQL statements in any case, as they appear inside string literals.
SQL = re.compile(
    r"\b(select\s.+\sfrom|insert\s+(or\s+\w+\s+)?into|update\s+\w+\s+set|delete\s+from|replace\s+into"
    r"|create\s+(unique\s+)?(table|index|view|trigger)|drop\s+(table|index)|alter\s+table|pragma\s+\w+|begin\s+immediate)\b",
    re.IGNORECASE | re.DOTALL,
)

TODAY_DECIDED_IN = "paths.py"


def sources(*parts: str) -> list[tuple[str, str]]:
    """(relative path, text) of every module under the given parts of the package (all of it when none)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not parts or relative.split("/")[0] in parts:
            found.append((relative, path.read_text(encoding="utf-8")))
    return found


def layer_violations(layer: str, source: str) -> list[str]:
    """Imports in `source` that `layer` may not make, and any relative import."""
    bad = []
    tree = ast.parse(source)
    # Imports only a type checker sees (under `if TYPE_CHECKING:`) name types, they load nothing.
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING":
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            bad.append(f"relative import from {'.' * node.level}{node.module or ''}")
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        bad += [name for name in names if name.startswith(FORBIDDEN_IMPORTS.get(layer, ()))]
    return bad


def sql_in(source: str) -> list[str]:
    """SQL statements written in string literals, in any case."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(node.value[:60])
    return found


def today_calls(source: str) -> list[str]:
    """Calls that read the clock for a day: date.today(), datetime.now(), datetime.today()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("today", "now"):
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id in ("date", "datetime"):
                found.append(f"{owner.id}.{node.func.attr}()")
    return found


def store_members(predicate=None) -> list[tuple[str, object]]:
    """Every method of the journal and of each of its readers (journal.applications, .wins, .undo…)."""
    from tui.store.insight_counts import InsightRows  # (both loaded by the journal on first use)
    from tui.store.undo import Undoing

    return [member for cls in (Journal, *READERS, InsightRows, Undoing) for member in inspect.getmembers(cls, predicate)]


def journal_writes() -> set[str]:
    """The names of the repository's write methods (marked @writes)."""
    return {name for name, member in store_members() if getattr(member, "journal_write", False)}


def writes_without_actions(source: str) -> list[str]:
    """Calls of the repository's write methods, and any reach into its connection (.db / .conn)."""
    writes = journal_writes()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
        if node.attr in writes or node.attr == "conn" or (node.attr == "db" and owner_name == "journal"):
            found.append(node.attr)
    return found


# The front ends that may take from the store only its error classes and constants (issue 25): anything
# else (Journal.open, backups, exports) goes through an action. tui/launch.py is left out: its quick first
# paint reads tui.store.quick before the action package (and all it imports) is loaded.
STORE_FREE_FRONT_ENDS = ("screens", "widgets", "app.py", "palette.py", "quitting.py", "replica_watch.py", "typed_ahead.py", "cli.py")
# What is still imported from the store, named so nothing else slips in beside it (none left: the command
# line's Litestream calls go through tui/actions/replica.py).
STORE_IMPORTS_STILL_ALLOWED: set[tuple[str, str]] = set()


def _allowed_from_the_store(name: str) -> bool:
    return name.endswith(("Error", "Refused", "NotFound")) or (name.isupper() and not name.startswith("_"))


def store_imports(source: str) -> list[str]:
    """What a front end imports from tui.store outside `if TYPE_CHECKING:` other than error classes and
    ALL_CAPS constants: whole store modules (`import tui.store.x`, `from tui.store import backups`) and
    anything else named (`from tui.store.repository import Journal`), wherever the import stands."""
    tree = ast.parse(source)
    for block in ast.walk(tree):
        test = block.test if isinstance(block, ast.If) else None
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            block.body = [ast.Pass()]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name == "tui.store" or alias.name.startswith("tui.store.")]
        elif isinstance(node, ast.ImportFrom) and node.module and (node.module == "tui.store" or node.module.startswith("tui.store.")):
            found += [
                f"{node.module}.{alias.name}" for alias in node.names
                if node.module == "tui.store" or not _allowed_from_the_store(alias.name)
            ]
        elif isinstance(node, ast.ImportFrom) and node.module == "tui":
            found += ["tui.store" for alias in node.names if alias.name == "store"]
    return found


def test_front_ends_take_only_errors_and_constants_from_the_store():
    bad = {}
    for path, text in sources(*STORE_FREE_FRONT_ENDS):
        found = [
            name for name in store_imports(text)
            if not any(path == where and name.startswith(module) for where, module in STORE_IMPORTS_STILL_ALLOWED)
        ]
        if found:
            bad[path] = found
    assert not bad, bad


def test_the_store_check_lets_errors_constants_and_type_only_imports_through():
    clean = (
        "from typing import TYPE_CHECKING\n"
        "from tui.store.database import JournalError, StorageError\n"
        "from tui.store.files import FileRefused\n"
        "from tui.store.repository import WEEKDAY_NAMES\n"
        "if TYPE_CHECKING:\n    from tui.store.repository import Journal\n"
    )
    assert store_imports(clean) == []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN_IMPORTS))
def test_layers_import_only_downwards(layer):
    bad = {path: layer_violations(layer, text) for path, text in sources(layer)}
    assert not {path: names for path, names in bad.items() if names}


def test_no_relative_imports_anywhere():
    bad = {path: layer_violations("", text) for path, text in sources()}
    assert not {path: names for path, names in bad.items() if names}


def test_sql_lives_only_in_the_store():
    bad = {path: sql_in(text) for path, text in sources() if not path.startswith("store/")}
    assert not {path: found for path, found in bad.items() if found}


def test_today_is_decided_in_one_place():
    bad = {path: today_calls(text) for path, text in sources() if path != TODAY_DECIDED_IN}
    assert not {path: found for path, found in bad.items() if found}


def test_front_ends_write_only_through_the_action_layer():
    assert {"insert_application", "insert_event", "revert", "put_setting"} <= journal_writes()
    bad = {path: writes_without_actions(text) for path, text in sources(*FRONT_ENDS)}
    assert not {path: found for path, found in bad.items() if found}


def test_every_repository_method_that_writes_is_marked():
    # A write nobody marked would slip past the check above.
    unmarked = []
    for name, member in store_members(inspect.isfunction):
        text = inspect.getsource(member)
        if re.search(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b", text) and not getattr(member, "journal_write", False):
            unmarked.append(name)
    assert not unmarked


def parts_called_outside_their_writes() -> dict[str, list[str]]:
    """Helpers marked @part_of_writes called by a method that is not a @writes naming (at least) their
    tables: their change would go uncounted, and a remembered read would outlive it."""
    parts = {
        name: member.journal_tables for name, member in store_members()
        if getattr(member, "journal_part", False)
    }
    found: dict[str, list[str]] = {}
    for name, member in store_members(inspect.isfunction):
        source = inspect.getsource(member)
        declared = getattr(member, "journal_tables", None)
        for part, tables in parts.items():
            if name != part and re.search(rf"self\.{part}\(", source):
                if getattr(member, "journal_part", False) or declared is None or not (EVERY_TABLE in declared or tables <= declared):
                    found.setdefault(part, []).append(name)
    return found


def test_a_part_of_a_write_is_called_only_inside_writes_of_its_tables():
    assert {"_insert_win"} <= {n for n, m in store_members() if getattr(m, "journal_part", False)}
    assert parts_called_outside_their_writes() == {}


def tables_written_by(source: str) -> set[str]:
    return set(re.findall(r"\b(?:INSERT(?: OR \w+)? INTO|(?<!DO )UPDATE|DELETE FROM)\s+(\w+)", source))


def undeclared_tables() -> dict[str, set[str]]:
    """Tables a write method's SQL changes that its @writes(...) does not name (the journal would keep
    remembering a read of them after the write)."""
    found = {}
    for name, member in store_members():
        declared = getattr(member, "journal_tables", None)
        if declared is None or EVERY_TABLE in declared:
            continue
        missing = tables_written_by(inspect.getsource(member)) - declared
        if missing:
            found[name] = missing
    return found


def test_every_write_names_the_tables_it_changes():
    assert "settings" in Journal.put_setting.journal_tables
    assert not undeclared_tables()
    planted = '''@writes("wins")\ndef f(self):\n    self.db.execute("UPDATE actions SET note = ?")'''
    assert tables_written_by(planted) - {"wins"} == {"actions"}


@pytest.mark.parametrize(
    "check, layer, planted",
    [
        (layer_violations, "domain", "from ..store import repository\n"),
        (layer_violations, "domain", "from .models import Application\n"),
        (layer_violations, "widgets", "from tui.store.repository import EVERY_TABLE, Journal\n"),
        (layer_violations, "actions", "import textual\n"),
        (layer_violations, "store", "def feed():\n    from tui.paths import utc_now\n    return utc_now()\n"),
        (sql_in, "", 'journal.db.execute("update wins set seen = 1")\n'),
        (sql_in, "", 'QUERY = """\n    SELECT id\n    FROM wins\n"""\n'),
        (sql_in, "", "run('Delete From actions')\n"),
        (today_calls, "", "from datetime import date\nday = date.today()\n"),
        (today_calls, "", "import datetime as dt\nfrom datetime import datetime\nnow = datetime.now()\n"),
        (writes_without_actions, "", "self.app.journal.applications.insert_event(1, day, kind, None, '')\n"),
        (writes_without_actions, "", "self.app.journal.db.execute(text)\n"),
        (writes_without_actions, "", "journal.db.conn.commit()\n"),
        (store_imports, "", "from tui.store import backups\nbackups.restore(plan, today)\n"),
        (store_imports, "", "from tui.store.transfer import export_to_file\n"),
        (store_imports, "", "def run():\n    from tui.store.repository import Journal\n    Journal.open(path)\n"),
        (store_imports, "", "import tui.store.backups\n"),
        (store_imports, "", "from tui import store\n"),
        (store_imports, "", "from tui.store.database import describe_sqlite_error\n"),
    ],
)
def test_each_check_catches_a_planted_violation(check, layer, planted):
    found = check(layer, planted) if check is layer_violations else check(planted)
    assert found, f"{check.__name__} missed: {planted!r}"


def test_clean_code_passes_the_checks():
    clean = "from tui.actions import applications\nself.app.act(applications.log_outcome, 1)\nlabel.update('saved')\n"
    assert not layer_violations("screens", clean) and not sql_in(clean) and not writes_without_actions(clean)


def test_headless_modules_never_load_textual():
    code = (
        "import sys, tui.cli, tui.domain.inbox, tui.store.transfer, tui.actions; "
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def _own_attributes(source: str) -> set[str]:
    """Names a module assigns as `self.name = …` (or annotated), its widgets' own state."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            for part in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and part.value.id == "self":
                    names.add(part.attr)
    return names


def test_screens_and_widgets_never_reuse_textuals_own_attribute_names():
    """A screen that kept its closed applications in `self._closed` replaced Textual's own flag of that
    name, and the app then never shut down. Onward's screens and widgets name their state apart."""
    from textual.screen import Screen
    from textual.widget import Widget

    textual_names = set(vars(Screen())) | set(vars(Widget())) | set(dir(Screen)) | set(dir(Widget))
    # Textual's public settings, assigned on purpose.
    allowed = {"styles", "can_focus", "border_title", "border_subtitle", "tooltip", "disabled", "loading", "virtual_size"}
    clashes = {}
    for path in sorted((PACKAGE / "screens").glob("*.py")) + sorted((PACKAGE / "widgets").glob("*.py")):
        clash = (_own_attributes(path.read_text()) & textual_names) - allowed
        if clash:
            clashes[path.name] = sorted(clash)
    assert not clashes, clashes



REPO = Path(__file__).resolve().parent.parent


def _domain_loads_outside_itself(root: Path) -> list[str]:
    """What importing every domain module under `root` loads that the domain must not: Textual, SQLite, the
    store, actions or front ends (read from sys.modules, so an importlib call is caught too)."""
    modules = sorted(f"tui.domain.{path.stem}" for path in (root / "tui" / "domain").glob("*.py") if path.stem != "__init__")
    code = f"import {', '.join(modules)}\nimport sys; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    return [
        m for m in result.stdout.split()
        if m.split(".")[0] in ("textual", "sqlite3", "sqlite_utils")
        or m.startswith(("tui.store", "tui.actions", "tui.screens", "tui.widgets", "tui.app", "tui.cli"))
    ]


def test_the_domain_loads_neither_textual_nor_the_store_nor_sqlite_however_it_imports():
    """Checked on what is loaded, not on import lines (issue 25)."""
    assert _domain_loads_outside_itself(REPO) == []


def test_the_domain_check_catches_textual_loaded_through_importlib(tmp_path):
    import shutil

    shutil.copytree(REPO / "tui", tmp_path / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    planted = tmp_path / "tui" / "domain" / "text.py"
    planted.write_text(planted.read_text() + '\nimport importlib\nimportlib.import_module("textual.app")\n')
    assert "textual.app" in _domain_loads_outside_itself(tmp_path)
