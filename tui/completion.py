"""Provides `onward completion SHELL`: bash, zsh and fish completion scripts made from the command line's own
parser at run time, so a command or option added to tui/cli.py is offered without anyone writing it twice."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass

SHELLS = ("bash", "zsh", "fish")

PATH_METAVAR = "PATH"
"""Arguments whose metavar is PATH name a file: the shells offer file names for them."""

_WORD = re.compile(r"[A-Za-z0-9_.+-]+")
"""What may go into a script unquoted (every command, option and choice Onward has)."""


@dataclass(frozen=True)
class Option:
    names: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...]
    is_path: bool


@dataclass(frozen=True)
class Positional:
    choices: tuple[str, ...]
    is_path: bool


@dataclass(frozen=True)
class Command:
    """One parser of the tree: "" is `onward` itself, "people add" a subcommand's subcommand."""

    path: str
    subcommands: tuple[tuple[str, str], ...]
    """(name, help) of the subcommands it takes before any argument."""
    options: tuple[Option, ...]
    positionals: tuple[Positional, ...]


def _help(action: argparse.Action) -> str:
    return " ".join(str(action.help or "").replace("%%", "%").split())


def _choices(action: argparse.Action) -> tuple[str, ...]:
    return tuple(str(choice) for choice in action.choices or () if _WORD.fullmatch(str(choice)))


def commands(parser: argparse.ArgumentParser, path: str = "") -> Iterator[Command]:
    """Every parser of the tree, `parser` first. argparse offers no public walk of its parsers; reading
    `_actions` is what every completion generator does (argcomplete, shtab)."""
    subcommands: list[tuple[str, str]] = []
    children: list[tuple[str, argparse.ArgumentParser]] = []
    options: list[Option] = []
    positionals: list[Positional] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: _help(choice) for choice in action._choices_actions}
            for name, child in action.choices.items():
                if _WORD.fullmatch(name):
                    subcommands.append((name, helps.get(name, "")))
                    children.append((name, child))
        elif action.option_strings:
            if action.help == argparse.SUPPRESS:
                continue
            names = tuple(name for name in action.option_strings if _WORD.fullmatch(name))
            options.append(Option(names, _help(action), action.nargs != 0, _choices(action), action.metavar == PATH_METAVAR))
        else:
            positionals.append(Positional(_choices(action), action.metavar == PATH_METAVAR))
    yield Command(path, tuple(subcommands), tuple(options), tuple(positionals))
    for name, child in children:
        yield from commands(child, _joined(path, name))


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for `shell` (one of SHELLS) of the program `parser` parses."""
    tree = list(commands(parser))
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](parser.prog, tree)


def _arms(pairs: dict[str, list[str]], indent: str) -> str:
    """Case arms: each body once, after every pattern that leads to it."""
    by_body: dict[str, list[str]] = {}
    for pattern, body in pairs.items():
        by_body.setdefault("; ".join(body), []).append(f'"{pattern}"')
    return "".join(f"{indent}{'|'.join(patterns)}) {body} ;;\n" for body, patterns in by_body.items())


def _joined(path: str, name: str) -> str:
    return f"{path} {name}" if path else name


def _walk(tree: list[Command], word: str, first: str, last: str) -> str:
    """Shell code (bash and zsh alike) that sets onward_command to the subcommands typed before the cursor
    and onward_positionals to the arguments typed after them, skipping options and their values."""
    valued = {f"{c.path}:{name}": ["skip=1"] for c in tree for o in c.options if o.takes_value for name in o.names}
    steps = {f"{c.path}:{name}": [f'onward_command="{_joined(c.path, name)}"'] for c in tree for name, _ in c.subcommands}
    return f"""    onward_command="" onward_positionals=0
    local i word skip=""
    for ((i = {first}; i < {last}; i++)); do
        word="{word}"
        if [[ $word == "=" ]]; then skip=1; continue; fi  # bash splits --db=PATH at the "="
        if [[ -n $skip ]]; then skip=""; continue; fi
        case "$word" in
            --*=*) continue ;;
            -*)
                case "$onward_command:$word" in
{_arms(valued, " " * 20)}                esac
                continue ;;
        esac
        if ((onward_positionals == 0)); then
            case "$onward_command:$word" in
{_arms(steps, " " * 16)}                *) onward_positionals=1 ;;
            esac
        else
            onward_positionals=$((onward_positionals + 1))
        fi
    done
"""


def _values(tree: list[Command], files: str, choices: str) -> dict[str, list[str]]:
    """Case arms on "command:previous word" for the value an option waits for (nothing for free text)."""
    arms: dict[str, list[str]] = {}
    for command in tree:
        for option in command.options:
            if option.takes_value:
                action = files if option.is_path else choices.format(words=" ".join(option.choices)) if option.choices else ""
                arms.update({f"{command.path}:{name}": [action, "return"] if action else ["return"] for name in option.names})
    return arms


def _arguments(tree: list[Command], files: str, choices: str) -> dict[str, list[str]]:
    """Case arms on "command:arguments so far" for an argument with choices or a file name."""
    arms: dict[str, list[str]] = {}
    for command in tree:
        for index, positional in enumerate(command.positionals):
            if positional.is_path:
                arms[f"{command.path}:{index}"] = [files]
            elif positional.choices:
                arms[f"{command.path}:{index}"] = [choices.format(words=" ".join(positional.choices))]
    return arms


def _bash(prog: str, tree: list[Command]) -> str:
    words = 'COMPREPLY=($(compgen -W "{words}" -- "$cur"))'
    files = '_onward_files "$cur"'
    options = {c.path: [words.format(words=" ".join(name for o in c.options for name in o.names))] for c in tree}
    subcommands = {f"{c.path}:0": [words.format(words=" ".join(name for name, _ in c.subcommands))] for c in tree if c.subcommands}
    return f"""# bash completion for {prog}: made by `{prog} completion bash` from its own command line.
# Load it with: source <({prog} completion bash)

_onward_files() {{
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$1"))
}}

_onward() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local onward_command onward_positionals
{_walk(tree, "${COMP_WORDS[i]}", "1", "COMP_CWORD")}    COMPREPLY=()
    if [[ $cur == "=" ]]; then cur=""; fi
    if [[ $prev == "=" ]] && ((COMP_CWORD >= 2)); then prev="${{COMP_WORDS[COMP_CWORD-2]}}"; fi
    case "$onward_command:$prev" in
{_arms(_values(tree, files, words), " " * 8)}    esac
    if [[ $cur == -* ]]; then
        case "$onward_command" in
{_arms(options, " " * 12)}        esac
        return
    fi
    case "$onward_command:$onward_positionals" in
{_arms({**subcommands, **_arguments(tree, files, words)}, " " * 8)}    esac
}}

complete -F _onward {prog}
"""


def _zsh_quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh(prog: str, tree: list[Command]) -> str:
    choices = "compadd -- {words}"

    def described(kind: str, items: list[tuple[str, str]]) -> list[str]:
        entries = " ".join(_zsh_quoted(f"{name}:{text}" if text else name) for name, text in items)
        return [f"described=({entries})", f"_describe -t {kind}s {kind} described"]

    options = {c.path: described("option", [(name, o.help) for o in c.options for name in o.names]) for c in tree}
    subcommands = {f"{c.path}:0": described("command", list(c.subcommands)) for c in tree if c.subcommands}
    return f"""#compdef {prog}
# zsh completion for {prog}: made by `{prog} completion zsh` from its own command line.
# Save it as _{prog} in a folder on your $fpath, or load it with: source <({prog} completion zsh)

_onward() {{
    local cur="${{words[CURRENT]}}" prev="${{words[CURRENT-1]}}"
    local onward_command onward_positionals
    local -a described
{_walk(tree, "${words[i]}", "2", "CURRENT")}    case "$onward_command:$prev" in
{_arms(_values(tree, "_files", choices), " " * 8)}    esac
    if [[ $cur == -* ]]; then
        case "$onward_command" in
{_arms(options, " " * 12)}        esac
        return
    fi
    case "$onward_command:$onward_positionals" in
{_arms({**subcommands, **_arguments(tree, "_files", choices)}, " " * 8)}    esac
}}

if [[ "${{funcstack[1]}}" == "_onward" ]]; then
    _onward "$@"
else
    compdef _onward {prog}
fi
"""


def _fish_quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_condition(function: str, argument: str) -> str:
    return f"-n '{function} \"{argument}\"'"  # commands, options and choices are plain words (_WORD)


def _fish(prog: str, tree: list[Command]) -> str:
    valued = " ".join(f"'{c.path}:{name}'" for c in tree for o in c.options if o.takes_value for name in o.names)
    steps = "\n".join(
        f"                case '{c.path}:{name}'\n"
        f"                    set command '{_joined(c.path, name)}'\n                    continue"
        for c in tree for name, _ in c.subcommands
    )
    lines = []
    for command in tree:
        where = _fish_condition("__onward_in", command.path)
        for name, text in command.subcommands:
            lines.append(f"complete -c {prog} {_fish_condition('__onward_at', command.path + ':0')} -a {name} -d {_fish_quoted(text)}")
        for option in command.options:
            flags = " ".join(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}" for name in option.names)
            value = ""
            if option.takes_value:
                value = " -r -F" if option.is_path else f" -x -a '{' '.join(option.choices)}'" if option.choices else " -x"
            lines.append(f"complete -c {prog} {where} {flags}{value} -d {_fish_quoted(option.help)}")
        for index, positional in enumerate(command.positionals):
            at = _fish_condition("__onward_at", f"{command.path}:{index}")
            if positional.is_path:
                lines.append(f"complete -c {prog} {at} -F")
            elif positional.choices:
                lines.append(f"complete -c {prog} {at} -a '{' '.join(positional.choices)}'")
    completions = "\n".join(lines)
    return f"""# fish completion for {prog}: made by `{prog} completion fish` from its own command line.
# Save it as ~/.config/fish/completions/{prog}.fish, or load it with: {prog} completion fish | source

function __onward_command --description 'the subcommands typed so far and the count of arguments after them'
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l command ''
    set -l positionals 0
    set -l skip 0
    for word in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '--*=*' $word
            continue
        end
        if contains -- "$command:$word" {valued}
            set skip 1
            continue
        end
        if string match -q -- '-*' $word
            continue
        end
        if test $positionals = 0
            switch "$command:$word"
{steps}
            end
        end
        set positionals (math $positionals + 1)
    end
    echo "$command:$positionals"
end

function __onward_at
    test (__onward_command) = "$argv[1]"
end

function __onward_in
    string match -q -- "$argv[1]:*" (__onward_command)
end

complete -c {prog} -f
{completions}
"""
