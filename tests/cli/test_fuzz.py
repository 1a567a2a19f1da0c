"""Every command and option fed random, huge, non-UTF-8 and control-laden values (issue 24): whatever is
typed, `onward` answers with exit status 0, 1 or 2 and never lets a traceback reach the person at the terminal.

The commands and options are read from the parser itself, so a new one is fuzzed without touching this file.
Bounded to a few hundred runs (well under 20 s on one core)."""

from __future__ import annotations

import argparse
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import cli, launch

PATH_OPTIONS = {"--db", "-o", "--output", "path", "backup"}
"""Options and positionals naming a file: kept inside the test's folder (no "/" or "~"), so a run never
writes outside it."""


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command path (("people", "add"), ("streak",) …) with the parser that reads its arguments."""
    found = [(prefix, parser)]
    for name, sub in _subcommands(parser).items():
        found += _commands(sub, (*prefix, name))
    return found


PARSER = cli.build_parser()
COMMANDS = _commands(PARSER)

huge_digits = st.integers(min_value=20, max_value=6000).map(lambda n: "1" * n)
not_utf8 = st.binary(min_size=1, max_size=30).map(lambda raw: os.fsdecode(raw + b"\xff"))
controls = st.text(alphabet=st.sampled_from("\x00\x1b[]0;\x07\x08\r\n\t\u202e\u200b\x9b\x7fa1-,/ "), max_size=40)
dates_ish = st.sampled_from(["today", "yesterday", "9999-12-31", "0001-01-01", "2026-02-30", "in 9999 years", "32 Nov", "friday", "-1", "0", "1"])
numbers = st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(str), st.sampled_from(["1", "2", "0", "²", "1e9", "NaN", " 3 "]))
plausible = st.sampled_from(["1", "2", "today", "yesterday", "tomorrow", "Acme", "Analyst", "interview", "rejected", "other",
                             "screening", "friend", "data", "2026-11-02", "Ada", "held", "none", "sat,sun", "5"])
"""Values a command takes, so a run gets past the first check and the hostile value beside it reaches the
journal, the files and the terminal."""
hostile = st.one_of(st.text(max_size=60), huge_digits, not_utf8, controls, dates_ish, numbers, st.text(min_size=5000, max_size=20000).map(lambda t: t * 2))
values = st.one_of(plausible, hostile)


def _safe_path(value: str) -> str:
    return "f-" + value.replace("/", "_").replace("~", "_").replace("\x00", "")[:200]


@st.composite
def command_lines(draw) -> list[str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv: list[str] = list(path)
    for action in parser._actions:
        if isinstance(action, (argparse._SubParsersAction, argparse._HelpAction, argparse._VersionAction)):
            continue
        name = action.option_strings[0] if action.option_strings else action.dest
        if action.option_strings and not draw(st.booleans()):
            continue
        if action.nargs == 0:
            argv.append(name)
            continue
        choices = [str(choice) for choice in action.choices] if action.choices else []
        value = draw(st.sampled_from(choices)) if choices and draw(st.booleans()) else draw(values)
        if name in PATH_OPTIONS or action.dest in PATH_OPTIONS:
            value = _safe_path(value)
        argv += [name, value] if action.option_strings else [value]
    if draw(st.integers(0, 9)) == 0:  # now and then: shuffled, or with an extra argument
        argv = draw(st.permutations(argv)) if draw(st.booleans()) else [*argv, draw(values)]
    return argv


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONWARD_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    monkeypatch.setattr(cli, "_open_app", lambda *args: 0)  # no command opens the app: here it returns at once
    from tui import web

    monkeypatch.setattr(web, "serve", lambda *args, **options: None)  # nor listens until Ctrl+C
    from tui.store import replica

    monkeypatch.setattr(replica, "replicate", lambda *args, **options: 0)  # nor copies until Ctrl+C
    assert launch.main(["add", "Acme", "Analyst", "--field", "data"]) == 0
    assert launch.main(["log", "1", "interview", "--on", "tomorrow"]) == 0
    return tmp_path


HOSTILE = {
    "not UTF-8": os.fsdecode(b"Caf\xe9 \xff\xfe"),
    "4,301 digits": "1" * 4301,
    "escape codes": "\x1b]0;PWNED\x07\x1b[2J\x00\u202e\u200b\r\nx",
    "20,000 characters": "a," * 10_000,
}


def _plausible(action: argparse.Action) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    return {"id": "1", "keep": "1", "other": "1", "app": "1", "outcome": "interview", "kind": "other", "date": "today",
            "on": "tomorrow", "since": "2026-11-01", "until": "today", "stage": "interview", "relation": "friend",
            "title": "Offer", "company": "Acme", "role": "Analyst", "name": "Ada", "person": "Ada", "target": "3",
            "rest_weekdays": "sat,sun", "follow_up_days": "7", "follow_ups": "2", "ghosted_days": "30",
            "include": "went_well", "map": "Company=company", "hide_nudge": "data"}.get(action.dest, "x")


def _arguments(path: tuple[str, ...], parser: argparse.ArgumentParser) -> list[tuple[argparse.Action, str]]:
    """The command's positionals and value options, each with a value the command takes."""
    return [
        (action, _plausible(action)) for action in parser._actions
        if not isinstance(action, (argparse._SubParsersAction, argparse._HelpAction, argparse._VersionAction)) and action.nargs != 0
    ]


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=lambda path: " ".join(path) or "(none)")
def test_every_argument_of_every_command_takes_each_hostile_value_without_a_traceback(folder, capfd, path):
    parser = dict(COMMANDS)[path]
    arguments = _arguments(path, parser)
    for index in range(len(arguments)):
        for kind, hostile_value in HOSTILE.items():
            argv = list(path)
            for number, (action, value) in enumerate(arguments):
                value = hostile_value if number == index else value
                if action.dest in PATH_OPTIONS or action.option_strings and action.option_strings[0] in PATH_OPTIONS:
                    value = _safe_path(value)
                argv += [action.option_strings[0], value] if action.option_strings else [value]
            argv.append("--yes") if any("--yes" in a.option_strings for a in parser._actions) else None
            try:
                status = launch.main(argv)
            except SystemExit as exit:
                status = exit.code
            out, err = capfd.readouterr()
            assert status in (0, 1, 2), (kind, argv[:8], err[-2000:])
            assert "Traceback" not in err + out, (kind, argv[:8], err[-2000:])
            if status == 2:  # refused: the reason is one line, even when the value echoed held line breaks
                assert err.rstrip("\n").splitlines()[-1].startswith("onward: "), (kind, argv[:8], err[-500:])


def test_the_commands_read_from_the_parser_cover_every_subcommand():
    names = {path[0] for path, _ in COMMANDS if path}
    assert {"add", "log", "import", "export", "restore", "people", "edit", "settings"} <= names
    assert ("people", "add") in {path for path, _ in COMMANDS}


@settings(max_examples=80, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(argv=command_lines())
def test_no_command_line_ends_in_a_traceback(folder, capfd, argv):
    try:
        status = launch.main(argv)
    except SystemExit as exit:  # argparse: --help, --version and its own refusals
        status = exit.code
    out, err = capfd.readouterr()
    assert status in (0, 1, 2), (argv, err[-2000:])
    assert "Traceback" not in err and "Traceback" not in out, (argv, err[-2000:])
    if status == 2 and err:
        assert err.rstrip("\n").splitlines()[-1].startswith(("onward: ", "usage: ", "onward ")), (argv, err[-500:])
