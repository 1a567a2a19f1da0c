"""`onward completion bash|zsh|fish`: scripts made from the parser itself, valid for their shell, offering
every command, subcommand, option and choice the parser has."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess

import pytest

from tui.cli import build_parser
from tui.completion import script


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _bash_offers(source: str, *words: str) -> list[str]:
    """What the bash script offers when the words typed so far are `words` (the last one under the cursor)."""
    runner = (
        f'{source}\nCOMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _onward\n'
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run(["bash", "-c", runner, "bash", "onward", *words], capture_output=True, text=True, check=True)
    return result.stdout.split()


@pytest.fixture(scope="module")
def bash_script() -> str:
    return script("bash", build_parser())


def test_the_command_prints_a_script_for_each_shell(onward, journal_path):
    for shell in ("bash", "zsh", "fish"):
        status, out, _ = onward("completion", shell)
        assert status == 0 and "_onward" in out, shell
    assert not journal_path.exists()  # about the command line only: no journal is started
    status, _, err = onward("completion", "tcsh")
    assert status == 2 and "invalid choice" in err and len(err.strip().splitlines()) == 2  # usage + one line


def test_the_bash_script_is_valid_bash(bash_script):
    subprocess.run(["bash", "-n"], input=bash_script, text=True, check=True)


def test_bash_offers_every_command_and_subcommand(bash_script):
    parser = build_parser()
    commands = _subcommands(parser)
    assert set(_bash_offers(bash_script, "")) == set(commands)
    assert _bash_offers(bash_script, "--db", "x.db", "exp") == ["export"]  # an option's value is skipped
    for name, command in commands.items():
        nested = _subcommands(command)
        if nested:
            assert set(_bash_offers(bash_script, name, "")) == set(nested), name


def test_bash_offers_every_option_of_every_command(bash_script):
    def every(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()):
        yield words, parser
        for name, command in _subcommands(parser).items():
            yield from every(command, (*words, name))

    for words, command in every(build_parser()):
        flags = {flag for action in command._actions if action.help != argparse.SUPPRESS for flag in action.option_strings}
        assert set(_bash_offers(bash_script, *words, "-")) == flags, words


def test_bash_offers_choices_and_files(bash_script, tmp_path):
    assert _bash_offers(bash_script, "export", "") == ["json", "md", "csv", "ics"]
    assert _bash_offers(bash_script, "import", "") == ["json", "linkedin", "csv"]
    assert _bash_offers(bash_script, "interview", "12", "") == ["held", "moved", "cancelled"]
    assert _bash_offers(bash_script, "import", "--dates", "") == ["day-first", "month-first"]
    assert _bash_offers(bash_script, "completion", "") == ["bash", "zsh", "fish"]
    (tmp_path / "sheet.csv").touch()
    assert _bash_offers(bash_script, "import", "csv", f"{tmp_path}/sh") == [f"{tmp_path}/sheet.csv"]
    assert _bash_offers(bash_script, "export", "json", "-o", f"{tmp_path}/sh") == [f"{tmp_path}/sheet.csv"]
    assert _bash_offers(bash_script, "add", "--field", "") == []  # the person's own words: nothing to offer


def test_the_scripts_follow_the_parser_not_a_list():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    added = commands.add_parser("celebrate", help="a command added later")
    added.add_argument("--loudly", choices=["yes", "very"])
    bash = script("bash", parser)
    assert "celebrate" in _bash_offers(bash, "")
    assert _bash_offers(bash, "celebrate", "--loudly", "") == ["yes", "very"]
    assert "celebrate" in script("zsh", parser) and "-l loudly" in script("fish", parser)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed here")
def test_the_zsh_script_is_valid_zsh():
    subprocess.run(["zsh", "-n"], input=script("zsh", build_parser()), text=True, check=True)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed here")
def test_the_fish_script_is_valid_fish_and_offers_every_command(tmp_path):
    path = tmp_path / "onward.fish"
    path.write_text(script("fish", build_parser()))
    subprocess.run(["fish", "--no-execute", str(path)], check=True)
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"source {path}; complete -C 'onward '; echo ==; complete -C 'onward people '"],
        capture_output=True, text=True, check=True, env={**os.environ, "HOME": str(tmp_path)},
    )
    top, people = result.stdout.split("==\n")
    assert {line.split("\t")[0] for line in top.splitlines()} == set(_subcommands(build_parser()))
    assert {line.split("\t")[0] for line in people.splitlines()} == {"add", "contacted", "edit", "remove"}
