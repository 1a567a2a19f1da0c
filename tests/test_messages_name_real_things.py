"""Every message that suggests a key or a command names one that exists (issue 23: "mark it held instead" where
h offered no held; "edit the application" where `onward edit` had no application).

The walk reads every string of the code (docstrings and comments aside; an f-string's expressions read as
"{}"), finds what names a command ("onward edit application {} --date DAY") or a key ("press n", "h then h in
the Inbox", "a s i f picks · enter confirms", "press 3", "2 for reflections"), and checks it against the real
thing: the command line's parser, and the bindings of the screen the words are shown on (a digit, an area's
key, where no one screen can be told: the app's own bindings)."""

from __future__ import annotations

import argparse
import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.binding import Binding

from tui.cli import build_parser

TUI = Path(__file__).resolve().parents[1] / "tui"


@dataclass(frozen=True)
class Words:
    """One string of the code: where it is, the screen class it is shown on (when that can be told), its text."""

    where: str
    shown_on: str | None
    text: str
    built: bool = False
    """Words made by tui.paths.onward_command (a command built for the journal it acts on)."""
    help_text: bool = False
    """The command line's own help (an option's help, a description, the epilog): it documents commands."""


def _called(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _screen_of_call(call: ast.Call) -> str | None:
    name = _called(call)
    return name if name in SCREENS else None


@functools.cache
def code_strings() -> tuple[Words, ...]:
    """Every string of tui/'s code, walked once per test process: the four tests that read them each parsed all
    of tui/ again (~1.5 s of CPU each); the source does not change during a run."""
    return tuple(_walk_code_strings())


def _walk_code_strings() -> Iterator[Words]:
    for path in sorted(TUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
                skipped.add(id(node.value))  # a docstring (of a module, class, function or attribute)
            if isinstance(node, ast.JoinedStr):
                skipped.update(id(value) for value in node.values)  # read with their f-string
        default = MODULE_SCREENS.get(path.relative_to(TUI).as_posix())

        def visit(node: ast.AST, shown_on: str | None, in_help: bool = False) -> Iterator[Words]:
            if isinstance(node, ast.keyword) and node.arg in HELP_KEYWORDS:
                in_help = True
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in HELP_KEYWORDS for t in node.targets):
                in_help = True
            if isinstance(node, ast.ClassDef) and node.name in SCREENS:
                shown_on = node.name
            if isinstance(node, ast.Call) and _screen_of_call(node):
                shown_on = _screen_of_call(node)
            if isinstance(node, ast.Call) and _called(node) == "onward_command":
                # A built command (tui.paths.onward_command(journal, *words)): its words, a value's as {}.
                words = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else "{}" for a in node.args[1:]]
                where = f"{path.relative_to(TUI.parent)}:{node.lineno}"
                yield Words(where, shown_on, "`onward " + " ".join(words) + "`", built=True)
            if id(node) not in skipped:
                where = f"{path.relative_to(TUI.parent)}:{getattr(node, 'lineno', 0)}"
                if isinstance(node, ast.JoinedStr):
                    text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
                    yield Words(where, shown_on, str(text), help_text=in_help)
                elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                    yield Words(where, shown_on, node.value, help_text=in_help)
            for child in ast.iter_child_nodes(node):
                yield from visit(child, shown_on, in_help)

        yield from visit(tree, default)


# Commands


CLAUSE = re.compile(r"\bonward ([a-z][^`)\n;,<]*)")
"""A command named in a message: from "onward " to the end of its clause (a backtick, a bracket, a comma, an HTML tag…)."""
NOT_PART_OF_IT = {
    "lists", "shows", "prints", "printed", "adds", "reads", "accept", "asks", "writes", "afterwards", "and", "or",
    "instead", "is", "to", "with", "then", "when", "in", "for",
}
"""Words that follow a command in a sentence ("onward list shows them") without being part of it."""


def placeholder(token: str) -> bool:
    """ID, DAY, NAME, {} (an f-string's value), 12, "Dec 10": a value written in, whatever it is."""
    return token.isupper() or "{}" in token or token.isdigit() or token[:1] in "\"'" or token.replace("_", "").isupper()


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def command_problem(mention: str, top: argparse.ArgumentParser) -> str | None:
    """Why `mention` ("edit application {} --date DAY") is not a command the parser knows, or None."""
    tokens = mention.split()
    commands = subcommands(top)
    if tokens[0] not in commands:
        return f"there is no `onward {tokens[0]}`"
    parser, named = commands[tokens[0]], f"onward {tokens[0]}"
    rest = tokens[1:]
    inner = subcommands(parser)
    if inner and rest and rest[0] not in NOT_PART_OF_IT and not placeholder(rest[0]):
        if rest[0] not in inner:
            return f"`{named}` has no `{rest[0]}` (it has {', '.join(inner)})"
        parser, named, rest = inner[rest[0]], f"{named} {rest[0]}", rest[1:]
    options = {option: action for action in parser._actions for option in action.option_strings}
    choices = {str(c) for action in parser._actions if not action.option_strings and action.choices for c in action.choices}
    takes_value = None
    for token in rest:
        if token in NOT_PART_OF_IT:
            break
        if token.startswith("-") and len(token) > 1:  # --output, or -o
            if token not in options:
                return f"`{named}` has no {token}"
            action = options[token]
            takes_value = action if action.nargs != 0 else None
            continue
        if takes_value is not None:
            if takes_value.choices and not placeholder(token) and token not in takes_value.choices:
                return f"{takes_value.option_strings[0]} of `{named}` takes no {token}"
            takes_value = None
            continue
        if placeholder(token) or not choices:
            continue  # a value of the person's (a name, a day) where the command takes any
        wrong = [word for word in token.split("|") if word not in choices]
        if wrong:
            return f"`{named}` takes no {'|'.join(wrong)} (it takes {', '.join(sorted(choices))})"
    return None


def commands_named() -> list[tuple[Words, str]]:
    return [(words, match.group(1).strip()) for words in code_strings() for match in CLAUSE.finditer(words.text)]


def test_the_walk_finds_the_commands_messages_name():
    mentioned = {mention for _, mention in commands_named()}
    assert "edit application {} --date DAY" in mentioned and "interview {} held" in mentioned
    assert len(mentioned) >= 15


@pytest.mark.parametrize(
    "mention, problem",
    [
        ("edit applications 3", "`onward edit` has no `applications` (it has application, event, action, win)"),
        ("interview ID attended", "`onward interview` takes no attended (it takes cancelled, held, moved)"),
        ("follow-up ID --on DAY --again", "`onward follow-up` has no --again"),
        ("report --since DAY --format pdf", "--format of `onward report` takes no pdf"),
        ("people contacted Sam", None),
    ],
)
def test_the_check_tells_a_real_command_from_one_that_is_not(mention, problem):
    assert command_problem(mention, build_parser()) == problem


def test_every_command_a_message_names_exists():
    top = build_parser()
    wrong = [f"{words.where}: onward {mention} — {command_problem(mention, top)}" for words, mention in commands_named()
             if command_problem(mention, top)]
    assert wrong == []


HELP_KEYWORDS = {"help", "description", "epilog"}
"""Where the command line's help is written (argparse's keywords, and the epilog built beside them)."""

REFERENCES = {
    r"the number `onward add` printed": "what a command printed, not one to run",
    r"an export made by onward export json": "where a file came from, not a command to run",
    r"export it (?:again )?with `onward export json`": "run on the journal the file came from, which Onward can't know",
    r"\(onward replicate\); Onward writes it again": "a comment in the Litestream config Onward writes",
    r"left running by an `onward replicate`": "a process named by what started it",
    r"for `onward replicate` or an open Onward app": "a process named by what started it",
    r"Ctrl\+C where `onward replicate` runs": "a process named by what started it",
    r"onward serve(?:</code>)? (?:printed|made)": "what a running command printed, not one to run",
    r"each time <code>onward serve</code> starts": "a running command named, not one to run",
    r"onward serve needs textual-serve": "the command named, not suggested",
}
"""Mentions of a command that suggest running nothing (each with why); every other one a message holds is a
suggestion, built by tui.paths.onward_command so that, run as printed, it acts on the journal in use."""


def hand_written_suggestions(every: Iterator[Words] | list[Words]) -> list[str]:
    """Each `onward …` a message suggests that was written by hand: "where: the words"."""
    found = []
    for words in every:
        if words.built or words.help_text:
            continue
        for match in CLAUSE.finditer(words.text):
            spans = [ref.span() for pattern in REFERENCES for ref in re.finditer(pattern, words.text)]
            if not any(start <= match.start() < end for start, end in spans):
                found.append(f"{words.where}: {words.text[max(0, match.start() - 30):match.end()]}")
    return found


def test_the_check_tells_a_hand_written_suggestion_from_a_built_one_or_a_reference():
    assert hand_written_suggestions([
        Words("a", None, "choose another folder with onward replicate file:///OTHER/FOLDER."),
        Words("b", None, "`onward replicate {}`", built=True),
        Words("c", None, "the application's id (see onward list)", help_text=True),
        Words("d", None, '"{}" is not an application id; use the number `onward add` printed.'),
    ]) == ["a: choose another folder with onward replicate file:///OTHER/FOLDER."]


def test_every_command_a_message_suggests_is_built_by_onward_command():
    """A suggestion written by hand acts on the default journal, whatever journal the message is about (--db,
    ONWARD_DB): tui.paths.onward_command adds --db and quotes what needs it."""
    assert hand_written_suggestions(code_strings()) == []


# Keys


SCREENS: dict[str, str] = {
    "InboxScreen": "tui.screens.inbox", "TimelineScreen": "tui.screens.timeline", "HowDidItGo": "tui.screens.interview_dialogs",
    "DayQuestion": "tui.screens.interview_dialogs", "ConfirmDialog": "tui.screens.confirm", "StagePicker": "tui.screens.stage_picker",
    "MergePicker": "tui.screens.fix_dialogs", "HelpScreen": "tui.screens.help", "WinsScreen": "tui.screens.wins",
    "ReflectionsScreen": "tui.screens.reflections", "ReflectionEditor": "tui.screens.reflection", "InsightsScreen": "tui.screens.insights",
    "StreakScreen": "tui.screens.streak", "KindPicker": "tui.screens.kind_picker", "ImportPreview": "tui.screens.data_dialogs",
    "ShareDialog": "tui.screens.share_dialog", "LessonsScreen": "tui.screens.lessons", "ApplicationForm": "tui.screens.application_form",
    "ActionForm": "tui.screens.action_form", "WinForm": "tui.screens.win_form", "ReachOutForm": "tui.screens.reach_out",
    "OutcomeForm": "tui.screens.fix_dialogs", "StepForm": "tui.screens.fix_dialogs", "PersonForm": "tui.screens.person_form",
    "RhythmDialog": "tui.screens.rhythm", "ImportDialog": "tui.screens.data_dialogs", "ExportDialog": "tui.screens.data_dialogs",
}
"""The screens and dialogs words are shown on, by class name (and the module that holds each)."""

MODULE_SCREENS = {"domain/inbox.py": "InboxScreen", "domain/timeline.py": "TimelineScreen", "widgets/nudge_line.py": "InboxScreen"}
"""Modules whose words are shown on one screen: the Inbox's rows and hints and its nudge, the timeline's entries."""

PLACES = {"Inbox": "InboxScreen", "timeline": "TimelineScreen"}
"""A place a message names ("in the Inbox") and the screen that is."""

OPENS = {("InboxScreen", "h"): "HowDidItGo"}
"""A key whose question takes a second key ("h then h in the Inbox")."""

KEY = r"(?:[a-zA-Z]|enter|esc|del|delete|tab|[Cc]trl\+[A-Za-z])"
IN_PLACE = re.compile(rf"(?<![\w/-])({KEY})(?: then ({KEY}))?(?: on (?:it|its applied entry))? in the (Inbox|timeline)\b")
PRESS = re.compile(rf"\bpress ({KEY})\b")
HINT = re.compile(
    rf"(?:^|· )((?:{KEY}(?: / | ))+)(?:picks|confirms|cancels|edit|remove|merge|undo|back|clears|keeps|goes|stays|lets|"
    r"closes|finds|says|logs|adds|ask|if|tries)\b"
)
"""A key hint: "a s i f picks", "e / enter edit", "g if ghosted", "n / esc goes back"."""
DIGIT_KEY = re.compile(r"\b(?:press|key) ([0-9])\b|(?<![\w.,:/+-])([0-9]) (?:for|to see|goes to|opens)\b")
"""A digit named as a key: "press 3", "key 4", "2 for reflections", "5 for more" (the areas' keys)."""
ALWAYS = {"enter", "tab"}
"""Keys the widgets themselves take everywhere (a list's or a field's Enter, Tab between fields)."""


def key_name(word: str) -> str:
    word = {"esc": "escape", "del": "delete"}.get(word, word)
    return word.lower() if word.lower().startswith("ctrl+") else word


def bound_keys(screen: str) -> set[str]:
    import importlib

    from tui.app import OnwardApp

    from textual.screen import ModalScreen

    cls = getattr(importlib.import_module(SCREENS[screen]), screen)
    keys = set(ALWAYS) | {OnwardApp.COMMAND_PALETTE_BINDING}
    # Over a modal screen only the app's priority keys still work (Textual stops at the modal screen).
    modal = issubclass(cls, ModalScreen)
    for owner, everything in [*((c, True) for c in cls.__mro__), *((c, not modal) for c in OnwardApp.__mro__)]:
        for binding in vars(owner).get("BINDINGS", ()):
            if isinstance(binding, Binding) and (everything or binding.priority):
                keys.update(key.strip() for key in binding.key.split(","))
    return keys


def app_keys() -> set[str]:
    """The keys the app itself binds (the areas' 1–5 among them), as declared on OnwardApp and its bases."""
    from tui.app import OnwardApp

    return {
        key.strip()
        for owner in OnwardApp.__mro__
        for binding in vars(owner).get("BINDINGS", ())
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }


APP = "the app"
"""Where a digit must be bound when no one screen shows the words: the app's own bindings (`app_keys`)."""


def keys_named() -> list[tuple[Words, str, str]]:
    """(the words, the key, the screen it must be bound on) for every key a message names."""
    named = []
    for words in code_strings():
        for match in DIGIT_KEY.finditer(words.text):
            named.append((words, match.group(1) or match.group(2), words.shown_on or APP))
        for match in IN_PLACE.finditer(words.text):
            place = PLACES[match.group(3)]
            named.append((words, key_name(match.group(1)), place))
            if match.group(2):
                named.append((words, key_name(match.group(2)), OPENS.get((place, key_name(match.group(1))), "nowhere")))
        if words.shown_on is None:
            continue
        for match in PRESS.finditer(words.text):
            if not IN_PLACE.match(words.text, match.start(1)):
                named.append((words, key_name(match.group(1)), words.shown_on))
        for match in HINT.finditer(words.text):
            for key in re.split(r" / | ", match.group(1).strip()):
                named.append((words, key_name(key), words.shown_on))
    return named


def test_the_walk_finds_the_keys_messages_name():
    found = {(key, screen) for _, key, screen in keys_named()}
    assert {("h", "InboxScreen"), ("h", "HowDidItGo"), ("e", "TimelineScreen"), ("n", "WinsScreen")} <= found
    assert {("a", "StagePicker"), ("escape", "ConfirmDialog"), ("g", "InboxScreen"), ("F", "InboxScreen")} <= found
    assert {("3", "InboxScreen"), ("5", "InboxScreen"), ("2", APP)} <= found  # the wins toast, the nudge, a refusal


def test_the_areas_digits_are_read_from_the_app():
    assert {"1", "2", "3", "4", "5"} <= app_keys() and "9" not in app_keys()
    assert "5" in bound_keys("InboxScreen") and "9" not in bound_keys("InboxScreen")


@pytest.mark.parametrize(
    "text, keys",
    [
        ("press 3 to see it", ["3"]), ("key 9 does it", ["9"]), ("or 2 for reflections", ["2"]), ("5 for more · b hide", ["5"]),
        ("use 1 to 7 days a week", []), ("3 to go", []), ("a 4-day streak for 2 days", []), ("version 1.2 for you", []),
    ],
)
def test_a_digit_is_read_as_a_key_only_where_it_names_one(text, keys):
    assert [match.group(1) or match.group(2) for match in DIGIT_KEY.finditer(text)] == keys


def test_every_key_a_message_names_is_bound_where_it_is_shown():
    wrong = [
        f"{words.where}: {key!r} is not bound on {screen} — {words.text!r}"
        for words, key, screen in keys_named()
        if key not in (app_keys() if screen == APP else bound_keys(screen) if screen in SCREENS else ())
    ]
    assert wrong == []
