"""The command line imports only what a command needs (issue 26: `onward add` and `onward list` on ten years
at most 4× `python -c "import sqlite3"`), and that never costs a command its handler.

Each command imports its own modules inside its run_* function in tui/cli.py, and `onward COMMAND` builds
only that command's parser. What keeps that from breaking a command added later: every subcommand the parser
has (read from the parser itself, as test_fuzz.py does) has a handler and answers --help with the same text
as the full parser; the type checker (tests/test_types.py) reports a name a handler uses but never imports;
test_fuzz.py runs every command."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import signal
import subprocess
import sys

import pytest

from tui import cli, completion, launch
from tui.actions import steps


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every subcommand path: ("add",), ("people",), ("people", "add") …"""
    found = []
    for name, sub in _subcommands(parser).items():
        found += [(*prefix, name), *_command_paths(sub, (*prefix, name))]
    return found


PATHS = _command_paths(cli.build_parser())


def _help_of(argv: list[str]) -> str:
    """What `onward ARGV --help` prints, through main (as the `onward` command runs it)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit:
        cli.main([*argv, "--help"])
    assert exit.value.code == 0, argv
    return out.getvalue()


def test_the_walk_finds_every_command():
    top = {path[0] for path in PATHS}
    assert {"add", "list", "people", "edit", "import", "export", "completion", "serve"} <= top
    assert ("people", "add") in PATHS and ("edit", "win") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_subcommand_has_a_handler_and_its_help(path):
    """Its --help through main (which builds only that command's parser) is the full parser's, word for word."""
    name = path[0]
    assert name in cli.COMMANDS or name in cli.FILE_COMMANDS or name == "completion", f"onward {name} has no handler"
    printed = _help_of(list(path))
    full = cli.build_parser()
    parser = full
    for part in path:
        parser = _subcommands(parser)[part]
    assert printed == parser.format_help()
    assert printed.startswith("usage: onward " + " ".join(path))


def test_a_subcommand_is_built_alone_only_when_named():
    assert cli.named_command(["add", "Acme", "Analyst"]) == "add"
    assert cli.named_command(["--db", "j.db", "--demo", "list"]) == "list"
    assert cli.named_command(["--db=j.db", "list", "--all"]) == "list"
    for argv in ([], ["--demo"], ["--help", "add"], ["--version"], ["--dem", "list"], ["--db", "j.db"]):
        assert cli.named_command(argv) is None, argv
    assert set(_subcommands(cli.build_parser(only="list"))) == {"list", "completion"}
    # A name that is no command gets the full parser: the usual "invalid choice" naming every command.
    assert set(_subcommands(cli.build_parser(only="lsit"))) == {path[0] for path in PATHS}


def test_a_mistyped_command_is_answered_by_the_full_parser(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["lsit"])
    assert exit.value.code == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "invalid choice: 'lsit'" in err and "'list'" in err and "'add'" in err


NEVER_FOR_ADD_OR_LIST = (
    "textual", "rich", "asyncio", "signal", "subprocess", "tempfile", "shlex", "secrets", "statistics", "dateutil",
    "shutil", "textwrap", "csv",
    "tui.app", "tui.completion", "tui.domain.spreadsheets", "tui.domain.onward_json",
    "tui.actions.imports", "tui.actions.load", "tui.actions.exports", "tui.actions.backups", "tui.store.transfer",
    "tui.store.backups", "tui.domain.insights", "tui.store.insight_counts",
    "calendar", "threading", "tui.actions.views", "tui.actions.support", "tui.actions.replica", "tui.store.replica",
    "tui.domain.streak", "tui.domain.support", "tui.domain.broaden", "tui.domain.learning", "tui.domain.inbox",
    "tui.domain.reflections",
)
"""Modules `onward add` and `onward list` must not load: the app, the importers, exports and backups, Insights,
and what only some commands need (Litestream's processes, temporary folders, medians, month arithmetic,
shutil for argparse's width, textwrap for Insights' lines), nor the action areas and domain rules they do not
use: the streak (walked only when an add gives a day its first step), the support circle, the broaden nudge,
the learning plan, the Inbox's rules, the replica (asked only when one was chosen)."""

NEVER_FOR_LIST = ("tui.domain.changes", "tui.store.undo", "tui.domain.wins", "tui.actions.automatic_wins")
"""What `onward list` does not load besides: the undo steps and the automatic wins (it writes nothing)."""

def _modules_after(argv: list[str], journal_path, monkeypatch) -> set[str]:
    """The modules loaded by `onward ARGV` in a fresh Python, run as the `onward` entry point runs it."""
    code = (
        "import io, contextlib, json, sys\n"
        "from tui.launch import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({argv!r})\n"
        "assert status == 0, status\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {"ONWARD_DB": str(journal_path), "ONWARD_TODAY": "2026-11-27"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.fixture
def loaded(started, monkeypatch) -> dict[str, set[str]]:
    """On a journal that exists, as every run but the first finds it, with a step today already, as most adds
    find their day (the day's first step walks the streak for its milestones: that add loads it)."""
    journal_path = started
    first_of_the_day = _modules_after(["add", "Beta", "Analyst"], journal_path, monkeypatch)
    assert "tui.domain.streak" in first_of_the_day
    return {
        "add": _modules_after(["add", "Acme", "Analyst", "--field", "data"], journal_path, monkeypatch),
        "list": _modules_after(["list", "--all"], journal_path, monkeypatch),
    }


def test_add_and_list_load_only_what_they_use(loaded):
    for command, modules in loaded.items():
        assert "tui.store.repository" in modules  # it did run against the journal
        assert not set(NEVER_FOR_ADD_OR_LIST) & modules, (command, sorted(set(NEVER_FOR_ADD_OR_LIST) & modules))
    assert not set(NEVER_FOR_LIST) & loaded["list"], sorted(set(NEVER_FOR_LIST) & loaded["list"])


def test_what_the_command_line_writes_down_instead_of_importing():
    """Constants cli.py and launch.py spell out so as not to import their modules, kept the same."""
    assert cli.SHELLS == completion.SHELLS
    assert cli.USER_ACTION_KINDS == [kind.value for kind in steps.USER_ACTION_KINDS]
    assert launch.EXIT_HUNG_UP == 128 + signal.SIGHUP


@pytest.mark.parametrize("columns", [None, "40", "132", "0", "wide"])
def test_help_is_laid_out_as_wide_as_argparse_would(columns, monkeypatch):
    """The command line's help formatter works out the width itself (argparse's imports shutil for it):
    COLUMNS, else the terminal, else 80, as shutil.get_terminal_size does."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours = cli.build_parser(only="add")
    stock = cli.build_parser(only="add")
    for parser in (stock, *_subcommands(stock).values()):
        parser.formatter_class = argparse.HelpFormatter
    assert ours.format_help() == stock.format_help()
    assert _subcommands(ours)["add"].format_help() == _subcommands(stock)["add"].format_help()
    assert cli._columns() == __import__("shutil").get_terminal_size().columns
