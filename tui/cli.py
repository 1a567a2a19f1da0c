"""Provides the `onward` command: open the app, or read and write the journal without a UI."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeAlias, cast

# What parsing and every command need, and nothing more: each command imports the rest inside its run_*
# function, so `onward add` or `onward list` never loads the importers, the spreadsheet reader, exports,
# backups, Insights, the completion scripts or Textual, nor the action areas and domain rules it does not use
# (the streak, the support circle, the broaden nudge: ~15 ms of every command). tests/cli/test_imports.py runs
# both and reads sys.modules, and runs every subcommand the parser has. Add a new command's imports inside its
# function too.
from tui import __version__
from tui.actions.results import Refused, found
from tui.domain.models import HAND_LOGGED_KINDS, Application, OutcomeKind, Relation, Settings, Stage, Status, WinKind
from tui.domain.text import excerpt, number, plural, shown_path, strip_controls
from tui.paths import journal_path, onward_command, today_from_environment, utc_now
from tui.actions.journals import check_opens, describe_error, has_replica, open_journal, set_aside
from tui.store.database import JournalError, StorageError
from tui.store.files import FileRefused
from tui.store.schema import WEEKDAY_NAMES

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from tui.domain.changes import Record
    from tui.domain.models import Person
    from tui.domain.replica import Position, Replica
    from tui.store.repository import Journal
    from tui.domain.tables import ReportFormat

EXIT_BAD_INPUT = 2
EXIT_JOURNAL = 1
EXIT_INTERRUPTED = 130

# SQLite stores integers in 64 bits; a larger id can name no application.
LARGEST_ID = 2**63 - 1

USER_ACTION_KINDS = [k.value for k in HAND_LOGGED_KINDS]
"""The steps a person logs themselves (tui.actions.steps.USER_ACTION_KINDS; a test keeps them the same, and
parsing does not import the steps' actions)."""
MANUAL_WIN_KINDS = [k.value for k in WinKind if k is not WinKind.MILESTONE]
SPREADSHEET_FIELDS = ("company", "role", "field", "source", "url", "applied", "status", "notes")
"""What `import csv --map` can name (tui.domain.spreadsheets.FIELDS; a test keeps them the same, and this
module does not import the reader until an import runs)."""
SHELLS = ("bash", "zsh", "fish")
"""What `onward completion` writes scripts for (tui.completion.SHELLS; a test keeps them the same, and this
module does not import the script writer until `onward completion` runs)."""


class BadInput(Exception):
    """What was typed on the command line can't be used; nothing was written."""


def say(text: str, stream: TextIO | None = None) -> None:
    """Print `text` with every control character but newline and tab removed, so echoed user text can't
    drive the terminal (retitle it, clear it, hide what was written)."""
    print(strip_controls(text), file=stream if stream is not None else sys.stdout)


def _print_pieces(pieces: Iterable[str] | Iterable[bytes]) -> int:
    """Print text as it is produced (controls removed as `say` does; bytes, made safe by their maker, written
    as they are); a reader that went away ends it quietly."""
    try:
        for piece in pieces:
            if isinstance(piece, bytes):
                sys.stdout.flush()
                buffer = getattr(sys.stdout, "buffer", None)
                if buffer is None:  # a stream of text only (a test's StringIO)
                    sys.stdout.write(piece.decode("utf-8"))
                else:
                    buffer.write(piece)
                    buffer.flush()
            else:
                sys.stdout.write(strip_controls(piece))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; stop quietly instead of printing a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_JOURNAL
    return 0


def complain(message: str) -> None:
    """One line on stderr, as every error is reported (a line break in echoed text is folded to a space)."""
    say("onward: " + " ".join(message.splitlines()), sys.stderr)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() works it out (COLUMNS, else the terminal on standard
    output, else 80), without importing shutil (with bz2, lzma and fnmatch: ~2 ms of every command)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout; argparse makes one for every option added, each importing shutil for the width."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        self.listed: dict[str, list[str]] = {}
        """The words each positional argument takes, by its name, when its help lists them ("one of: …")."""
        super().__init__(*args, **kwargs)
        self.commands: dict[str, argparse.ArgumentParser] = {}
        """The subcommands' parsers by name (build_parser fills it): what an unknown option is said against."""

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        """As argparse's, but arguments a subcommand does not know are refused with that subcommand's usage and
        the option meant, when one is close ("--rest-days": did you mean --rest-weekdays?), not the whole
        parser's usage (argparse gathers them up to the top parser)."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self.commands.get(getattr(parsed, "command", None) or "")
            (command or self).error(_unrecognized(extras, command or self))
        return parsed

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        words = kwargs.get("help") or ""
        if not action.option_strings and words.startswith("one of: "):
            self.listed[str(action.metavar or action.dest)] = words.removeprefix("one of: ").split()
        return action

    def error(self, message: str) -> NoReturn:  # one line and exit 2, like every other bad input
        self.print_usage(sys.stderr)
        missing = message.removeprefix("the following arguments are required: ")
        for name in missing.split(", ") if missing != message else ():
            if name in self.listed:  # as a wrong word there says: the words it takes
                message += f"; {name} is one of: {', '.join(self.listed[name])}"
        complain(message)  # argparse echoes unknown arguments as typed
        self.exit(EXIT_BAD_INPUT)


def _unrecognized(extras: list[str], parser: argparse.ArgumentParser) -> str:
    """argparse's "unrecognized arguments: …", with the option of `parser` each unknown option is closest to."""
    message = f"unrecognized arguments: {' '.join(extras)}"
    unknown = [extra.split("=", 1)[0] for extra in extras if extra.startswith("--")]
    if not unknown:
        return message
    import difflib  # only for a mistyped option

    # argparse keeps no public list of a parser's options; its table of them has been there since 2.7.
    known = [option for option in parser._option_string_actions if option.startswith("--")]
    meant = [close[0] for option in unknown if (close := difflib.get_close_matches(option, known, n=1))]
    return f"{message}; did you mean {' or '.join(dict.fromkeys(meant))}?" if meant else message


def _add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """The options that go before or after the subcommand. After it they default to SUPPRESS, so one given
    before the subcommand is not reset by the subcommand's parser."""
    unset: dict = {"default": argparse.SUPPRESS} if after_command else {}
    group = parser.add_argument_group("journal options (before or after the command)") if after_command else parser
    group.add_argument(
        "--version", action="version", version=f"onward {__version__}",
        help=argparse.SUPPRESS if after_command else "show the version and stop",
    )
    group.add_argument(
        "--db", metavar="PATH", **unset, help="journal file to use (default: your user-data folder, or ONWARD_DB)"
    )
    demo_help = "run the command on a throw-away copy of the demo journal" if after_command else (
        "open a throw-away copy of the demo journal (with a command: run it there)"
    )
    group.add_argument("--demo", action="store_true", **unset, help=demo_help)


class _Unused:
    """Takes the arguments of a subcommand that is not being parsed (build_parser's `only`) and keeps none."""

    def __getattr__(self, name: str) -> Callable[..., _Unused]:
        return lambda *args, **kwargs: self


def named_command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names (past --db PATH and --demo), or None when there is none or something before
    it (--help, --version, an abbreviated option) is for the whole parser to read."""
    items = iter(argv)
    for item in items:
        if item == "--db":
            next(items, None)
        elif not (item.startswith("--db=") or item == "--demo"):
            return None if item.startswith("-") else item
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every option and subcommand, as `onward --help` shows them. With `only` (a subcommand's name, from
    named_command): that subcommand with every option, and no other (a third of the work of building them all,
    ~6 ms of `onward add`); a name that is no subcommand gets them all, for the usual message."""
    epilog = None
    if only is None:  # shown by `onward --help` alone, which builds them all: the dates' rules load only for it
        from tui.domain.dates import ACCEPTED_DATES, ACCEPTED_PLANNED_DATES

        epilog = (
            f"Days of what happened (--date) accept {ACCEPTED_DATES}. "
            f"Days planned (onward rest) accept {ACCEPTED_PLANNED_DATES}. "
            "--db and --demo go before or after the command. "
            "ONWARD_DB sets the journal file; ONWARD_TODAY=YYYY-MM-DD fixes today."
        )
    parser = _Parser(
        prog="onward",
        # argparse would write "COMMAND ..." as if one were required; without one, onward opens the app.
        usage="%(prog)s [COMMAND] [--db PATH] [--demo] [-h] [--version]",
        description="Onward keeps your job search going: log outcomes, reflect, celebrate wins, keep a streak. "
        "With no command, the app opens.",
        epilog=epilog,
    )
    _add_global_options(parser, after_command=False)
    global_options = _Parser(add_help=False)
    _add_global_options(global_options, after_command=True)
    # prog given: argparse would otherwise build the subcommands' usage from the custom usage line above.
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="onward", help="no command opens the app"
    )

    def wanted(name: str) -> bool:
        return only is None or name == only

    def add_command(name: str, help: str) -> argparse.ArgumentParser:
        if not wanted(name):
            return cast(argparse.ArgumentParser, _Unused())
        parser.commands[name] = commands.add_parser(name, help=help, parents=[global_options])
        return parser.commands[name]

    happened = 'the day it happened (default today; "monday" is the most recent one, "Nov 2" the nearest)'
    add = add_command("add", help="add an application; prints its id")
    add.add_argument("company")
    add.add_argument("role")
    add.add_argument("--field", default="", help="the field or industry, e.g. 'data'")
    add.add_argument("--source", default="", help="where you found it, e.g. 'LinkedIn'")
    add.add_argument("--url", default="")
    add.add_argument("--date", default="today", help='the day you applied (default today; "monday" is the most recent one, "Nov 2" the nearest)')
    add.add_argument("--notes", default="")
    add.add_argument("--again", action="store_true", help="add it even though the same company and role was added within 60 days")

    log = add_command("log", help="log an outcome on an application")
    log.add_argument("id", help="the application's id (as `onward add` printed)")
    log.add_argument("outcome", metavar="OUTCOME", help=f"one of: {' '.join(k.value for k in OutcomeKind)}")
    log.add_argument("--stage", help=f"for rejected: {' '.join(s.value for s in Stage)} (default: furthest reached)")
    log.add_argument("--date", default="today", help=happened)
    log.add_argument("--note", default="")
    log.add_argument("--reopen", action="store_true", help="log it even though the application is closed, reopening it")
    log.add_argument(
        "--on", metavar="DAY", help='screening, interview, final_round: the day it takes place ("thursday", "Dec 10"); '
        "a day ahead plans it (onward interview ID held|moved|cancelled afterwards)",
    )

    interview = add_command("interview", help="say how a planned screening or interview went: held, moved or cancelled")
    interview.add_argument("id", help="the application's id (its soonest planned screening or interview)")
    interview.add_argument("what", metavar="WHAT", choices=["held", "moved", "cancelled"], help="held, moved or cancelled")
    interview.add_argument("--on", metavar="DAY", help="moved: the new day")
    interview.add_argument(
        "--reopen", action="store_true", help="held: say so even though its application closed before its day (it was called off)"
    )

    act = add_command("act", help="log a proactive action")
    act.add_argument("kind", metavar="KIND", help=f"one of: {' '.join(USER_ACTION_KINDS)}")
    act.add_argument("--date", default="today", help=happened)
    act.add_argument("--note", default="")
    act.add_argument(
        "--gaps", metavar="TAGS", help='learning: the gaps it works on, comma-separated ("figma, sql"); '
        "it counts on your learning plan and posts a skill-learned win",
    )

    win = add_command("win", help="add a win worth celebrating")
    win.add_argument("title")
    win.add_argument("--kind", default="other", help=f"one of: {' '.join(MANUAL_WIN_KINDS)}")
    win.add_argument("--date", default="today", help=happened)
    win.add_argument("--app", metavar="ID", help="the application it belongs to")

    streak = add_command("streak", help="print your streak, score and bounce-back time")
    shape = streak.add_mutually_exclusive_group()
    shape.add_argument("--short", action="store_true", help="one short line for a shell prompt, e.g. 🔥12")
    shape.add_argument("--json", action="store_true", help="machine-readable figures")

    insights = add_command(
        "insights", help="print how your search is going: the funnel per field, answers by source and weekday, the last 12 weeks, "
        "where to broaden, your learning plan and support circle",
    )
    insights.add_argument("--hide-nudge", metavar="FIELD", help="hide the nudge about repeated rejections in FIELD for 30 days")

    relations = " ".join(relation.value for relation in Relation)
    people = add_command("people", help="your support circle with when you last talked; add, contacted, edit or remove someone")
    people_what = people.add_subparsers(dest="what", metavar="WHAT", parser_class=_Parser, help="without one: list the circle")
    people_add = people_what.add_parser("add", help="add someone you lean on to your support circle", parents=[global_options])
    people_add.add_argument("name")
    people_add.add_argument("--relation", default="other", help=f"who they are to you: {relations} (default other)")
    people_add.add_argument("--note", default="")
    contacted = people_what.add_parser(
        "contacted", help="log reaching out to someone for support (a step for your streak)", parents=[global_options]
    )
    contacted.add_argument("name", help="someone in your circle (onward people lists them)")
    contacted.add_argument("--date", default="today", help=happened)
    contacted.add_argument("--note", default="", help="what you talked about")
    contacted.add_argument("--add", action="store_true", help="add them to your circle as you log it, if they are not in it yet")
    contacted.add_argument("--relation", help=f"who they are to you, when adding them (implies --add): {relations}")
    people_edit = people_what.add_parser("edit", help="change someone's name, relation or note", parents=[global_options])
    people_edit.add_argument("person", metavar="NAME", help="their name as onward people lists it")
    people_edit.add_argument("--name", help="their new name")
    people_edit.add_argument("--relation", help=f"one of: {relations}")
    people_edit.add_argument("--note")
    people_remove = people_what.add_parser(
        "remove", help="take someone out of your circle (asks first; the times you reached out still count)", parents=[global_options]
    )
    people_remove.add_argument("name")
    people_remove.add_argument("--yes", action="store_true", help="don't ask (needed when not run from a terminal)")

    feedback = add_command("feedback", help="log asking an employer for feedback after a rejection at screening or later")
    feedback.add_argument("id", help="the rejected application's id (onward list --all shows them)")
    feedback.add_argument("--date", default="today", help=happened)

    # The help of share, rest and remove names what only their modules know: built when they are asked for.
    if wanted("share"):
        from tui.domain.support import PRIVATE_FIELDS, SHARED_BY_DEFAULT

        share = add_command("share", help="print a short summary of a reflection to ask someone for advice (nothing private unless included)")
        share.add_argument("id", help="the reflection's id (onward show ID lists an application's reflections)")
        share.add_argument(
            "--include", metavar="PARTS",
            help=f"the parts to share, comma-separated (default: {','.join(SHARED_BY_DEFAULT)}; private ones: {','.join(PRIVATE_FIELDS)})",
        )
        share.add_argument("--to", default="", metavar="NAME", help='who it is for: it starts "Hi NAME,"')

    settings = add_command("settings", help="show or change the weekly target and rest weekdays")
    settings.add_argument("--target", type=str, metavar="N", help="days a week you aim to take a step (1-7)")
    settings.add_argument("--rest-weekdays", metavar="DAYS", help="e.g. sat,sun or mon,sat — or none")
    settings.add_argument("--follow-up-days", metavar="N", help="days after applying (and after each follow-up) a follow-up is due (1-365)")
    settings.add_argument("--follow-ups", metavar="N", help="how many follow-ups before the Inbox suggests it went quiet (1-10)")
    settings.add_argument("--ghosted-days", metavar="N", help="days without a word before the Inbox suggests ghosted (1-365)")

    follow_up = add_command("follow-up", help="set the day an application's next follow-up is due, or --clear it")
    follow_up.add_argument("id", help="the application's id (onward list shows them)")
    when = follow_up.add_mutually_exclusive_group(required=True)
    when.add_argument("--on", metavar="DAY", help='the day ("monday", "Dec 10", "in 2 weeks")')
    when.add_argument("--clear", action="store_true", help="back to the usual rhythm (settings --follow-up-days)")
    follow_up.add_argument("--reopen", action="store_true", help="plan it even though the application is closed")

    if wanted("rest"):
        from tui.domain.streak import PLAN_AHEAD_DAYS

        rest = add_command("rest", help=f"mark a day as a rest day (past, today or up to {PLAN_AHEAD_DAYS} days ahead)")
        rest.add_argument(
            "date", help='the day to mark: "saturday" or "Dec 24" is the next one, "tomorrow", "in 3 days"; '
            '"yesterday" or 2026-11-20 for one gone by',
        )
        rest.add_argument("--undo", action="store_true", help="unmark it instead")

    export = add_command("export", help="export the whole journal")
    export.add_argument(
        "format", choices=["json", "md", "csv", "ics"],
        help="json: Onward JSON (everything; `onward import json` reads it back); md: all reflections as Markdown; "
        "csv: one row per application, safe to open in a spreadsheet; "
        "ics: a calendar of planned interviews, follow-ups due and next steps",
    )
    export.add_argument("-o", "--output", metavar="PATH", help="file to write, readable only by you (default: print it)")
    export.add_argument("--force", action="store_true", help="replace the output file if it already exists")

    importing = add_command("import", help="bring history in: Onward JSON, LinkedIn's export, or any spreadsheet as CSV")
    importing.add_argument(
        "format", choices=["json", "linkedin", "csv"],
        help="json: an Onward export; linkedin: LinkedIn's Job Applications.csv or its whole export .zip; "
        "csv: any spreadsheet saved as CSV",
    )
    importing.add_argument("path", metavar="PATH", help="the file to read")
    importing.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD",
        help=f"csv: read COLUMN as FIELD ({', '.join(SPREADSHEET_FIELDS)}; empty to leave it out), e.g. --map 'Employer name=company'",
    )
    importing.add_argument("--dates", choices=["day-first", "month-first"], help="csv: how to read dates like 03/04/2024 (default: worked out from the file)")
    importing.add_argument("--source", default="", help="csv: the source for rows that name none, e.g. 'Indeed'")
    importing.add_argument(
        "--encoding", metavar="NAME", help="csv, linkedin: how the file was saved when it is not UTF-8, e.g. cp1251 (Cyrillic), cp1250, latin-1",
    )
    importing.add_argument(
        "--status", action="append", default=[], metavar="WORD=STATUS",
        help="csv: what a status word Onward does not know means, e.g. --status 'Hired=offer' (rows with a word "
        "not known are kept open, the word in their notes)",
    )
    importing.add_argument(
        "--again", action="store_true",
        help="also import applications that look like one already held or merged away (same company and role within 60 days)",
    )
    importing.add_argument(
        "--keep-open", action="store_true",
        help="csv, linkedin: leave applications older than the follow-up window asking (by default they are settled "
        "as history, every record kept: an open one will ask no follow-up and not read as gone quiet, a rejection will "
        "not ask to be reflected on; one in screening, interview or final round only once it has gone quiet)",
    )
    importing.add_argument("--yes", action="store_true", help="don't ask before writing (needed when not run from a terminal)")

    report = add_command("report", help="proof of job-search activity for a period: applications, follow-ups, interviews, steps, weekly totals")
    report.add_argument("--since", required=True, help='the first day, e.g. 2026-11-01 or "4 weeks ago"')
    report.add_argument("--until", default="today", help="the last day (default today; a later day, like the month's end, reports up to today)")
    report.add_argument(
        "--format", choices=["md", "text", "csv"],
        help="md: Markdown (the default for a file or a pipe); text: plain text (the default on a terminal); csv: for a spreadsheet",
    )
    report.add_argument("-o", "--output", metavar="PATH", help="file to write, readable only by you (default: print it)")
    report.add_argument("--force", action="store_true", help="replace the output file if it already exists")

    show = add_command("show", help="an application's timeline with the ids of its outcomes, steps, reflections and wins")
    show.add_argument("id", help="the application's id (see onward list)")

    edit = add_command("edit", help="fix an application, an outcome, a step or a win (ids from onward list and onward show)")
    edit_what = edit.add_subparsers(dest="what", metavar="WHAT", parser_class=_Parser, required=True)
    past_day = 'the day it happened ("monday" or "Nov 2" is the most recent one)'
    edit_application = edit_what.add_parser(
        "application", help="an application's company, role, field, source, url, applied day or notes", parents=[global_options]
    )
    edit_application.add_argument("id", help="the application's id (see onward list)")
    for option in ("company", "role", "field", "source", "url"):
        edit_application.add_argument(f"--{option}")
    edit_application.add_argument("--date", help='the day you applied ("monday" is the most recent one); its step moves with it')
    edit_application.add_argument("--notes")
    edit_event = edit_what.add_parser("event", help="an outcome: its day, stage (rejections) or note", parents=[global_options])
    edit_event.add_argument("id", help="the outcome's id (see onward show)")
    edit_event.add_argument("--date", help=past_day)
    edit_event.add_argument("--stage", help=f"for a rejection: {' '.join(s.value for s in Stage)}")
    edit_event.add_argument("--note")
    edit_action = edit_what.add_parser("action", help="a step you logged: its kind, day or note", parents=[global_options])
    edit_action.add_argument("id", help="the step's id")
    edit_action.add_argument("--kind", help=f"one of: {' '.join(USER_ACTION_KINDS)}")
    edit_action.add_argument("--date", help=past_day)
    edit_action.add_argument("--note")
    edit_win = edit_what.add_parser("win", help="a win: its title, kind or day", parents=[global_options])
    edit_win.add_argument("id", help="the win's id (see onward show)")
    edit_win.add_argument("--title")
    edit_win.add_argument("--kind", help=f"one of: {' '.join(MANUAL_WIN_KINDS)}")
    edit_win.add_argument("--date", help=past_day)

    if wanted("remove"):
        removing = add_command("remove", help="remove a record and what goes with it (asks first, naming it all)")
        removing.add_argument("kind", choices=[record.value for record in _removable()], help="what to remove")
        removing.add_argument("id", help="its id (see onward list and onward show)")
        removing.add_argument("--yes", action="store_true", help="don't ask (needed when not run from a terminal)")

    merge = add_command("merge", help="make two applications one: everything of OTHER_ID moves to KEEP_ID (asks first)")
    merge.add_argument("keep", metavar="KEEP_ID", help="the application to keep")
    merge.add_argument("other", metavar="OTHER_ID", help="the duplicate, removed once its records have moved")
    merge.add_argument("--yes", action="store_true", help="don't ask (needed when not run from a terminal)")

    settle = add_command("settle", help="settle old history: what the Inbox asks about from before the follow-up window; asks first")
    settle.add_argument("--yes", action="store_true", help="don't ask (needed when not run from a terminal)")
    listing = add_command("list", help="applications with their ids, status and last step (open ones unless --all)")
    listing.add_argument("--all", action="store_true", help="closed applications too")
    listing.add_argument("--field", default="", help="only this field, e.g. data")
    listing.add_argument("--status", help=f"only this status: {' '.join(s.value for s in Status)}")
    listing.add_argument("--json", action="store_true", help="machine-readable, one object per application")

    backup = add_command("backup", help="write a copy of the journal (default: the backups folder beside it)")
    backup.add_argument("-o", "--output", metavar="PATH", help="file to write, readable only by you")
    backup.add_argument("--force", action="store_true", help="replace the output file if it already exists")
    restore = add_command("restore", help="replace the journal with a backup or its replica; asks first, keeps the one replaced")
    restore.add_argument("backup", metavar="PATH", nargs="?", help="the backup to restore (see the backups folder beside the journal)")
    restore.add_argument("--from", dest="from_url", metavar="URL", help="restore from a replica instead (file://, sftp://, s3://; see onward replicate)")
    restore.add_argument("--at", metavar="WHEN", help='with --from: the journal as it was then ("yesterday 18:00", "2026-11-02 09:30")')
    restore.add_argument("--endpoint", metavar="URL", help="with an s3:// replica: the address of an S3-compatible store")
    restore.add_argument("--key", metavar="PATH", help="with an sftp:// replica: the SSH private key file to log in with")
    restore.add_argument("--yes", action="store_true", help="don't ask (needed when not run from a terminal)")
    replicate = add_command(
        "replicate", help="copy the journal continuously to another disk, a NAS (SFTP) or a bucket (S3) with Litestream, until Ctrl+C",
    )
    replicate.add_argument("url", metavar="URL", nargs="?", help="where to copy it: file:///media/usb/backup, sftp://me@nas/backup, s3://bucket/backup (default: the one chosen before)")
    replicate.add_argument("--endpoint", metavar="URL", help="with an s3:// replica: the address of an S3-compatible store")
    replicate.add_argument("--key", metavar="PATH", help="with an sftp:// replica: the SSH private key file to log in with")
    replicate.add_argument("--once", action="store_true", help="copy what is new, then stop (for a scheduled job)")
    replicate.add_argument("--status", action="store_true", help="say where the journal is copied and when the copy last caught up")
    replicate.add_argument(
        "--device", metavar="NAME", help='what to call this machine to the others ("written on NAME"; default user@host); remembered. Alone, it only renames',
    )
    replicate.add_argument(
        "--service", nargs="?", const="systemd", choices=["systemd", "launchd"],
        help="print a systemd user unit (or a launchd agent) that keeps it copying; installs nothing",
    )
    pull = add_command("pull", help="bring the journal up to date from its replica (another device wrote there); keeps the one replaced")
    pull.add_argument("--yes", action="store_true", help="don't ask (needed when not run from a terminal)")
    add_command("check", help="check the journal for damage; points to a backup if it finds any")
    serve = add_command("serve", help="open the app in a browser (this machine only unless --host says otherwise)")
    serve.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1: this machine only); 0.0.0.0 for your network")
    serve.add_argument("--port", type=int, default=None, help="port to listen on (default 8000)")
    completion = commands.add_parser("completion", help="print a shell completion script (bash, zsh or fish)")
    completion.add_argument(
        "shell", choices=SHELLS, help="the shell to complete for; save what it prints where that shell looks (see the README)",
    )
    if only is not None and only not in commands.choices:
        return build_parser()
    return parser


# Each command checks what was typed before the journal is opened, so a typo never starts a journal,
# then returns the step that reads or writes it.
JournalStep: TypeAlias = "Callable[[Journal], str | Iterator[str] | Iterator[bytes] | None]"
"""A command's work on the open journal: a message to print, or text in pieces printed while the journal is
still open (an export of ten years streams instead of sitting whole in memory)."""


MAX_NUMBER_DIGITS = 20
"""The longest number read from what was typed: every id, count and day fits, and int() of a much longer
one is slow or refused by Python (4,300 digits), so it is refused here in one line first."""


def _as_number(text: str) -> int:
    """`text` as a whole number; ValueError for anything else, a huge one included."""
    text = text.strip()
    if len(text) > MAX_NUMBER_DIGITS or not (text.isascii() and text.lstrip("+-").isdigit()):
        raise ValueError(text)
    return int(text)


def _application_id(text: str) -> int:
    try:
        value = _as_number(text)
    except ValueError:
        raise BadInput(f'"{excerpt(text, 40)}" is not an application id; use the number `onward add` printed.') from None
    if value < 1:
        raise BadInput(f'"{text}" is not an application id; ids are whole numbers from 1.')
    if value > LARGEST_ID:
        raise BadInput(f"There is no application with id {value}.")
    return value


def _file_path(text: str, what: str) -> Path:
    if not text.strip():
        raise BadInput(f"{what} needs the path of a file.")
    if "\x00" in text:  # no file system accepts it; Python would raise ValueError
        raise BadInput(f"{what} can't contain a NUL character.")
    return expanded(text, what)


def expanded(text: str, what: str) -> Path:
    """`text` as a path with ~ expanded; BadInput for ~someone who has no home here."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        raise BadInput(f'{what}: "{text.split("/")[0]}" names no home folder on this machine.') from None


def _choice(text: str, accepted: Sequence[str], what: str) -> str:
    if text not in accepted:
        raise BadInput(f'"{text}" is not {what}; use one of: {", ".join(accepted)}.')
    return text


def _record_id(text: str, noun: str, path: Path) -> int:
    """The id of a record named on the command line (onward show prints them); `path`: the journal's, for the
    commands that list them."""
    try:
        value = _as_number(text)
    except ValueError:
        listed = f"`{onward_command(path, 'list')}` and `{onward_command(path, 'show', 'ID')}`"
        raise BadInput(f'"{excerpt(text, 40)}" is not {noun} id; ids are whole numbers (see {listed}).') from None
    if not 1 <= value <= LARGEST_ID:
        raise BadInput(f'"{excerpt(text, 40)}" is not {noun} id; ids are whole numbers from 1.')
    return value


def _nouns() -> dict[Record, str]:
    """What the command line calls each record it can remove or edit, in that order."""
    from tui.domain.changes import Record

    return {
        Record.APPLICATION: "an application", Record.EVENT: "an outcome", Record.ACTION: "a step",
        Record.WIN: "a win", Record.REFLECTION: "a reflection",
    }


def _removable() -> list[Record]:
    """The records `onward remove` takes."""
    return list(_nouns())


def _asked_first(yes: bool, what: str) -> None:
    """Refuse when nobody is at the terminal to answer; asked once what can be checked was (the record is
    there, there is something to do), so the --yes it suggests does not then fail."""
    if not yes and not sys.stdin.isatty():
        raise BadInput(f"{what} asks first; add --yes to go ahead without asking.")


def run_edit(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import editing, wins
    from tui.domain.changes import Record
    from tui.domain.dates import parse_day
    from tui.domain.entries import check_win
    from tui.domain.models import ActionKind

    if args.what == "application":
        return _edit_application(args, today, path)
    kind = {"event": Record.EVENT, "action": Record.ACTION, "win": Record.WIN}[args.what]
    record_id = _record_id(args.id, _nouns()[kind], path)
    on = parse_day(args.date, today) if args.date is not None else None
    if kind is Record.EVENT:
        if (args.date, args.stage, args.note) == (None, None, None):
            raise BadInput("Nothing to change: give --date, --stage or --note.")
        stage = Stage(_choice(args.stage, [s.value for s in Stage], "a stage")) if args.stage is not None else None
        return lambda journal: editing.edit_event(journal, record_id, on=on, stage=stage, note=args.note, today=today).message
    if kind is Record.ACTION:
        if (args.date, args.kind, args.note) == (None, None, None):
            raise BadInput("Nothing to change: give --kind, --date or --note.")
        step_kind = ActionKind(_choice(args.kind, USER_ACTION_KINDS, "a kind of step")) if args.kind is not None else None
        return lambda journal: editing.edit_action(journal, record_id, kind=step_kind, on=on, note=args.note, today=today).message
    if (args.title, args.kind, args.date) == (None, None, None):
        raise BadInput("Nothing to change: give --title, --kind or --date.")

    def edit_win(journal: Journal) -> str:
        win = found(journal.wins.get, record_id)
        entry = check_win(
            title=win.title if args.title is None else args.title, kind=args.kind or win.kind.value, today=today,
            on=(on or win.on).isoformat(), application_id=win.application_id, note=win.note,
            allow_milestone=win.kind is WinKind.MILESTONE,
        )
        return wins.edit_win(journal, record_id, entry).message

    return edit_win


def _edit_application(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    """The app's edit form on the command line: what is not given stays as it is; the same check and action."""
    from tui.actions import applications
    from tui.domain.changes import Record
    from tui.domain.entries import check_application

    application_id = _record_id(args.id, _nouns()[Record.APPLICATION], path)
    given = {name: getattr(args, name) for name in ("company", "role", "field", "source", "url", "date", "notes")}
    if all(value is None for value in given.values()):
        raise BadInput("Nothing to change: give --company, --role, --field, --source, --url, --date or --notes.")

    def edit(journal: Journal) -> str:
        app = found(journal.applications.get, application_id)
        now = {
            "company": app.company, "role": app.role, "field": app.field, "source": app.source, "url": app.url,
            "date": app.applied_on.isoformat(), "notes": app.notes,
        }
        values = {name: now[name] if value is None else value for name, value in given.items()}
        entry = check_application(
            company=values["company"], role=values["role"], today=today, applied=values["date"],
            field=values["field"], source=values["source"], url=values["url"], notes=values["notes"],
        )
        return applications.edit_application(journal, application_id, entry).message

    return edit


def run_remove(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import editing
    from tui.actions.as_asked import as_asked
    from tui.domain.changes import Record

    kind = Record(args.kind)
    record_id = _record_id(args.id, _nouns()[kind], path)

    def remove(journal: Journal) -> str:
        what = editing.what_goes_with(journal, kind, record_id)  # refuses a record that isn't there
        asked = as_asked(journal, kind, record_id, "run the command again to see what goes")
        _asked_first(args.yes, "remove")
        if not _ask(f"Remove {what}? The command line can't undo it.", args.yes):
            return "Nothing was removed."
        return editing.remove(journal, kind, record_id, asked=asked).message

    return remove


def run_settle(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import applications
    from tui.domain.attention import settle_question

    def settle(journal: Journal) -> str:
        going = applications.old_history(journal, today)
        if going:
            question, detail = settle_question(going)  # the app asks the same
            if not args.yes and not sys.stdin.isatty():
                say(f"{question} {detail}")  # what it would settle is still said (a script sees it), as import does
            _asked_first(args.yes, "settle")
            if not _ask(f"{question} {detail}", args.yes):
                return "Nothing was settled."
        return applications.settle_history(journal, today).message

    return settle


def run_merge(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import editing
    from tui.actions.as_asked import as_asked
    from tui.domain.changes import Record

    keep, other = _application_id(args.keep), _application_id(args.other)
    if keep == other:
        raise BadInput("That is one application; pick two to merge.")

    def merge(journal: Journal) -> str:
        kept = found(journal.applications.get, keep)
        moving = editing.what_goes_with(journal, Record.APPLICATION, other)
        _asked_first(args.yes, "merge")
        asks = editing.what_merging_asks(journal, keep, other, today)
        asked = tuple(as_asked(journal, Record.APPLICATION, i, "run the command again to see what moves") for i in (keep, other))
        question = f"Merge {moving} (id {other}) into {editing.applied_title(kept)} (id {keep})? {asks} The command line can't undo it."
        if not _ask(question, args.yes):
            return "Nothing was merged."
        return editing.merge_applications(journal, keep, other, asked=asked).message

    return merge


def run_show(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    application_id = _application_id(args.id)

    def show(journal: Journal) -> str:
        from tui.domain.changes import Record
        from tui.domain.models import ActionKind
        from tui.domain.story import step_words, story_of
        from tui.domain.inbox import draft_kept_sentence
        from tui.domain.timeline import DAY_UNKNOWN

        app = found(journal.applications.get, application_id)
        steps = journal.steps.of_application(application_id)
        rows: list[tuple[date, int, str, str]] = []
        # Its story, each event on the day it takes place; applying once, however many applications were merged
        # into it (their steps for applying are named on that line, so each can be fixed).
        for told in story_of(app, today).events:
            event = told.outcome
            if event is None:
                # One merged in that was applied on another day says its day (it counts on that day).
                applied = [
                    f"step {a.id}" + (f" ({a.on.isoformat()})" if a.on != told.on else "")
                    for a in steps if a.kind is ActionKind.APPLIED
                ]
                rows.append((told.on, 0, "applied", ", ".join(applied) or f"application {app.id}"))
                continue
            said = f": {excerpt(event.note, 30)}" if event.note else ""
            logged = f" · moved from {told.moved_from.isoformat()}" if told.moved_from is not None else ""
            logged += f" · logged {told.logged_on.isoformat()}" if told.logged_on != told.on else ""
            logged += DAY_UNKNOWN if event.day_unknown else ""
            ids = [f"outcome {event.id}", *(f"step {a.id}" for a in journal.steps.of_event(event.id) if a.automatic)]
            rows.append((told.on, 1, f"{told.words}{logged}{said}", ", ".join(ids)))
        outcomes = {event.id: event.kind for event in app.events}
        for action in steps:
            if not action.automatic and action.kind is not ActionKind.APPLIED:  # a step of the user's own about it
                rows.append((action.on, 2, step_words(action, outcomes), f"step {action.id}"))
        for reflection in journal.reflections.of_application(application_id):
            ids = [f"reflection {reflection.id}"]
            for step in (journal.steps.get(i) for i in journal.records.tied_to(Record.REFLECTION, reflection.id)[Record.ACTION]):
                if step.on == reflection.on:
                    ids.append(f"step {step.id}")
                    continue
                # A step counts on the day it happened (its next step done days later, saving it again): its own line.
                done = step_words(step, outcomes) if step.kind is ActionKind.REFLECTION else f"next step done: {excerpt(step.note, 22)}"
                rows.append((step.on, 2, done, f"step {step.id}"))
            rows.append((reflection.on, 2, f"reflection (mood {reflection.mood})", ", ".join(ids)))
        tied_wins = journal.wins.by_id(journal.records.tied_to(Record.APPLICATION, application_id)[Record.WIN])
        for win in tied_wins.values():
            rows.append((win.on, 3, f"win: {excerpt(win.title, 32)}", f"win {win.id}"))
        details = " · ".join(part for part in (app.field, app.source) if part)
        lines = [f"{excerpt(app.title)} (id {app.id}) · {app.status.label}" + (f" · {details}" if details else "")]
        lines += [f"  {day.isoformat()}  {what:<38}  {ids}" for day, _, what, ids in sorted(rows, key=lambda r: r[:2])]
        reflected = bool(journal.reflections.of_application(application_id))
        asks = _asks(app, reflected, journal.settings(), today, journal.path)
        if application_id in journal.reflections.drafted_application_ids():  # the words kept are pointed at
            asks = f"{asks}\n{draft_kept_sentence([app], {application_id} if reflected else ())}".strip()
        return "\n".join([*lines, asks] if asks else lines)

    return show


def _asks(app: Application, reflected: bool, settings: Settings, today: date, path: Path) -> str:
    """`onward show`'s last line: what the application asks of you, by the Inbox's rule ("" for nothing); a
    command it suggests acts on the journal at `path`."""
    from tui.domain.attention import Need, follow_up_due_since, follow_up_planned, need_of, settled_sentence

    need = need_of(app, reflected, settings, today)
    if need is Need.FOLLOW_UP:
        due = follow_up_due_since(app, settings, today)
        assert due is not None
        return f"Follow-up due since {due.isoformat()}: `{onward_command(path, 'log', str(app.id), 'followed_up')}` when done."
    if need is Need.GONE_QUIET:
        return f"No word for {(today - app.last_heard_on).days} days: gone quiet? `{onward_command(path, 'log', str(app.id), 'ghosted')}` if so."
    if need is Need.TO_REFLECT:
        return "A rejection to reflect on (e in the app's Inbox)."
    planned = follow_up_planned(app, settings, today)
    return f"{planned[0].upper()}{planned[1:]}." if planned else settled_sentence(app, reflected)


def run_add(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import applications
    from tui.domain.entries import check_application

    entry = check_application(
        company=args.company, role=args.role, today=today, applied=args.date,
        field=args.field, source=args.source, url=args.url, notes=args.notes,
    )

    def add(journal: Journal) -> str:
        return str(applications.add_application(journal, entry, again=args.again).id)

    return add


def run_log(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import applications
    from tui.domain.dates import parse_day

    application_id = _application_id(args.id)
    kind = OutcomeKind(_choice(args.outcome, [k.value for k in OutcomeKind], "an outcome"))
    stage = None
    if args.stage is not None:
        if kind is not OutcomeKind.REJECTED:
            raise BadInput("--stage goes only with the outcome rejected.")
        stage = Stage(_choice(args.stage, [s.value for s in Stage], "a stage"))
    on = parse_day(args.date, today)
    takes_place_on = parse_day(args.on, today, planned=True, gone_by_ok=True) if args.on is not None else None

    def log(journal: Journal) -> str:
        done = applications.log_outcome(
            journal, application_id, kind, on, stage=stage, note=args.note, reopen=args.reopen, takes_place_on=takes_place_on
        )
        return f"{done.message}\n{done.note}" if done.note else done.message

    return log


def run_interview(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import interviews
    from tui.domain.dates import parse_day

    application_id = _application_id(args.id)
    if (args.what == "moved") != (args.on is not None):
        raise BadInput("--on DAY goes with moved (the new day), and moved needs it.")
    day = parse_day(args.on, today, planned=True, gone_by_ok=True) if args.on is not None else None

    def settle(journal: Journal) -> str:
        event = interviews.planned_for(journal, application_id, today)
        if args.what == "held":
            return interviews.attended(journal, event.id, today, reopen=args.reopen).message
        if args.what == "cancelled":
            return interviews.cancelled(journal, event.id).message
        assert day is not None
        return interviews.moved(journal, event.id, day, today).message

    return settle


def run_act(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import steps, support
    from tui.domain.entries import check_action
    from tui.domain.models import ActionKind

    entry = check_action(kind=args.kind, today=today, on=args.date, note=args.note)
    if args.gaps is not None:
        if entry.kind is not ActionKind.LEARNING:
            raise BadInput("--gaps goes only with learning (the gaps a learning step works on).")
        from tui.domain.learning import learning_gaps

        gaps = learning_gaps(args.gaps)
        return lambda journal: support.log_learning(journal, gaps, entry.on, note=entry.note).message

    def act(journal: Journal) -> str:
        said = steps.log_action(journal, entry).message
        if entry.kind is ActionKind.FOLLOWED_UP:  # a general one: say how to log one on an application
            said += f" A follow-up on an application: `{onward_command(path, 'log', 'ID', 'followed_up')}`."
        return said

    return act


def run_win(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import wins
    from tui.domain.entries import check_win

    application_id = _application_id(args.app) if args.app is not None else None
    entry = check_win(title=args.title, kind=args.kind, today=today, on=args.date, application_id=application_id)

    def win(journal: Journal) -> str:
        return wins.add_win(journal, entry).message

    return win


def run_export(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import exports

    target = _file_path(args.output, "--output") if args.output is not None else None
    if target is not None:
        exports.check_new_file(target, path, force=args.force)  # refused before the journal is even read

    def export(journal: Journal) -> str | Iterator[str] | Iterator[bytes]:
        if target is None:
            text = exports.export_text(journal, args.format, today, utc_now())
            if args.format in exports.CRLF_EXPORTS:
                return _crlf_bytes(text)
            return text.rstrip("\n") if isinstance(text, str) else text
        return f"Exported to {shown_path(exports.export_to_file(journal, args.format, target, today, utc_now(), force=args.force))}."

    return export


def _crlf_bytes(text: str | Iterator[str]) -> Iterator[bytes]:
    """An export whose lines end in CRLF as the bytes `-o` writes (UTF-8, CRLF kept), with every other control
    character removed as `say` does, so that what reaches a terminal can't drive it."""
    for piece in [text] if isinstance(text, str) else text:
        yield "\r\n".join(strip_controls(line) for line in piece.split("\r\n")).encode("utf-8")


def _mapping(pairs: Sequence[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, equals, name = pair.rpartition("=")
        if not equals or not column.strip():
            raise BadInput(f'--map "{pair}" needs COLUMN=FIELD, e.g. --map "Employer name=company".')
        name = name.strip().lower()
        if name and name not in SPREADSHEET_FIELDS:
            raise BadInput(f'--map "{pair}": "{name}" is not a field; use one of: {", ".join(SPREADSHEET_FIELDS)} (or nothing to leave the column out).')
        mapping[column.strip()] = name
    return mapping


def _ask(question: str, yes: bool) -> bool:
    """True when --yes was given or the person at the terminal answers y (run_import refuses earlier when
    nobody is there to answer)."""
    if yes:
        return True
    sys.stdout.write(f"{question} [y/N] ")
    sys.stdout.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _progress(done: int, total: int) -> None:
    """A progress line on a terminal's stderr for long imports (nothing when stderr is a file or pipe)."""
    if total >= 500 and sys.stderr.isatty():
        sys.stderr.write(f"\rImporting… {number(done)} of {number(total)} ({done * 100 // total}%)" + ("\n" if done == total else ""))
        sys.stderr.flush()


def run_import(args: argparse.Namespace, today: date, path: Path) -> JournalStep | str:
    """Read and check the whole file first (nothing is written for a file that can't be used), then on the
    journal: show what would be added and skipped, ask, and import it (tui.actions.imports has the rules)."""
    from tui.actions import imports

    source = _file_path(args.path, "import")
    day_first = None if args.dates is None else args.dates == "day-first"
    mapping = _mapping(args.map)
    read = imports.read_import(
        args.format, source, journal_path=path, today=today, mapping=mapping, day_first=day_first, source=args.source,
        encoding=args.encoding,
        statuses=args.status, again=args.again, settle=not args.keep_open,
    )
    # Nobody at the terminal to answer: what it would add and skip is still said (a script sees it), then refused.
    nobody_to_ask = not args.yes and not sys.stdin.isatty()
    refused = "nothing was imported: an import asks before writing and nobody is at the terminal; add --yes to import it."

    if not os.path.lexists(path):
        # No journal there yet: what it would add is worked out on an empty one and asked first, so that nothing
        # to import, or a no, starts none (no file, no -wal or -shm, no backups folder).
        import tempfile

        with tempfile.TemporaryDirectory(prefix="onward-import-") as folder:
            empty = open_journal(Path(folder) / "empty.db")
            try:
                lines, adds = read.preview(empty, today)
            finally:
                empty.close()
        say("\n".join(lines))
        if not adds:
            return "Nothing to import."
        if nobody_to_ask:
            raise BadInput(refused)
        if not _ask("Import it?", args.yes):
            again = onward_command(path, "import", *_import_words(args))
            return f"Nothing was imported, and no journal was started at {shown_path(path)}; to import it after all: `{again}`."

        def start(journal: Journal) -> str:
            read.preview(journal, today)  # planned again on the journal it writes to (said above already)
            return read.write(journal, today, progress=_progress).message

        return start

    def run(journal: Journal) -> str:
        lines, adds = read.preview(journal, today)
        say("\n".join(lines))
        if not adds:
            return "Nothing to import."
        if nobody_to_ask:
            raise BadInput(refused)
        if not _ask("Import it?", args.yes):
            return "Nothing was imported."
        return read.write(journal, today, progress=_progress).message

    return run


def _import_words(args: argparse.Namespace) -> list[str]:
    """The words of the import command given, after `onward` (--yes aside): to suggest it again as typed."""
    words = [args.format, args.path]
    for pair in args.map:
        words += ["--map", pair]
    for pair in args.status:
        words += ["--status", pair]
    for option, value in (("--dates", args.dates), ("--source", args.source), ("--encoding", args.encoding)):
        if value:
            words += [option, value]
    return words + ["--again"] * args.again + ["--keep-open"] * args.keep_open


def run_report(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import exports
    from tui.domain.dates import parse_day, parse_period_end, reported_until

    since, asked_until = parse_day(args.since, today), parse_period_end(args.until, today)
    if since > asked_until:
        raise BadInput(f"--since {since} is after --until {asked_until}; give the earlier day first.")
    until = reported_until(asked_until, today)
    target = _file_path(args.output, "--output") if args.output is not None else None
    if target is not None:
        exports.check_new_file(target, path, force=args.force)

    # Markdown's escapes (https\://…) are for a file; read on a terminal, the same report is plain text.
    shown: ReportFormat = args.format or ("text" if target is None and sys.stdout.isatty() else "md")

    def report(journal: Journal) -> str | Iterator[bytes]:
        from tui.domain.tables import activity_report

        text = activity_report(
            journal.applications.active_between(since, until), journal.steps.between(since, until), since, asked_until,
            shown, today=today,
        )
        if target is None:
            return _crlf_bytes(text) if shown == "csv" else text.rstrip("\n")  # CSV's CRLF, as -o writes it
        exports.write_file(target, text, path, force=args.force)
        up_to_today = f" (up to today: {asked_until} has not come yet)" if asked_until > until else ""
        return f"Report for {since} to {until}{up_to_today} written to {shown_path(target)}."

    return report


def run_list(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    status = _choice(args.status, [s.value for s in Status], "a status") if args.status is not None else ""
    if status and not args.all and not Status(status).is_open:
        args.all = True  # asking for a closed status is asking for closed ones

    def listing(journal: Journal) -> str | Iterator[str]:
        from tui.domain.attention import follow_up_planned, follow_up_planned_on, standing_words
        from tui.domain.tables import last_step

        apps = journal.applications.listed(closed_too=args.all, field=args.field.strip(), status=status)
        settings, reflected = journal.settings(), journal.reflections.reflected_application_ids()

        def asks(app: Application) -> str:
            """What it asks of you (follow-up due, to reflect on, gone quiet) or "settled" (history): the Inbox's rule."""
            return standing_words(app, app.id in reflected, settings, today)

        if args.json:
            records = []
            for app in apps:
                step, step_on = last_step(app, today)
                records.append({
                    "id": app.id, "company": app.company, "role": app.role, "field": app.field, "source": app.source,
                    "status": app.status.value, "applied_on": app.applied_on.isoformat(), "last_step": step,
                    "last_step_on": step_on.isoformat(), "asks": asks(app),
                    "follow_up_planned_on": planned.isoformat() if (planned := follow_up_planned_on(app, settings, today)) else None,
                })
            return json.dumps(records, ensure_ascii=False)
        if not apps:
            return "No applications match." if (args.field or status) else (
                "No open applications; --all lists closed ones too." if not args.all else f"No applications yet; `{onward_command(path, 'add', 'COMPANY', 'ROLE')}` adds one."
            )
        width = max(2, len(str(apps[-1].id)))

        def lines() -> Iterator[str]:
            yield f"{'id':>{width}}  {'status':<11}  {'last step':<28}  application\n"
            for app in apps:
                step, step_on = last_step(app, today)
                field = f" · {app.field}" if app.field else ""
                said = asks(app) or follow_up_planned(app, settings, today)
                said = f"  ({said})" if said else ""
                yield f"{app.id:>{width}}  {app.status.label:<11}  {step_on} {excerpt(step, 17):<17}  {app.title}{field}{said}\n"

        return lines()

    return listing


# backup, restore and check open the journal themselves (a copy through SQLite's backup API, never a
# migration), so they return what to print, or the exit status once they have printed it.
def run_backup(args: argparse.Namespace, today: date, path: Path) -> str:
    from tui.actions import backups, exports

    target = _file_path(args.output, "--output") if args.output is not None else None
    if args.demo and target is None:  # the backups folder beside the throw-away copy goes with it
        raise BadInput("--demo runs on a throw-away copy deleted on exit, and its backups folder with it; add --output FILE to keep a backup of it.")
    if target is not None:
        exports.check_new_file(target, path, force=args.force)
    return f"Backed up to {shown_path(backups.write_backup(path, target, today=today, force=args.force))}."


def _replace_journal(
    source: Path, shown: str, path: Path, today: date, yes: bool, what: str, journal_name: str | None = None,
    *, ask: bool = False,
) -> tuple[bool, Path | None]:
    """Check `source` (a backup, or a replica restored into a scratch file), say what it and the journal hold,
    ask (also with no journal there, when `ask`), and put it in place keeping the journal replaced: (whether
    it was restored, the kept copy)."""
    from tui.actions import backups

    with backups.prepared_restore(source, path) as plan:  # checked before anything is touched
        current = plan.current.describe() if plan.current else plan.current_problem or "no journal there"
        say(f"{shown}: {plan.incoming.describe()}.\nJournal  {journal_name or shown_path(path)}: {current}.")
        # Counts alone don't say that a file is another journal's (another person's, an old experiment):
        # said plainly, with --yes too, and the question names it.
        if plan.another_journal:
            say(
                f"This {what} is of a different journal, not a copy of yours: restoring it replaces everything in "
                "yours with what it holds."
            )
        replaced = f"your journal with this different journal's {what}" if plan.another_journal else f"the journal with this {what}"
        # A new device (no journal, no -wal of one) has nothing to lose: the question would only be in the way.
        if not yes and (ask or not _nothing_to_replace(path, plan.current, plan.current_problem)):
            if not sys.stdin.isatty():
                raise BadInput("restore replaces your journal, so it asks first; add --yes to restore without asking.")
            sys.stdout.write(f"Replace {replaced}? The one replaced is kept as a backup. [y/N] ")
            sys.stdout.flush()
            if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                return False, None
        return True, backups.restore(plan, today)


def _nothing_to_replace(path: Path, current: object, problem: str) -> bool:
    return current is None and not problem and not any(
        os.path.lexists(f"{path}{suffix}") for suffix in ("", "-wal", "-journal")
    )


def _restored_message(path: Path, source: str, kept: Path | None) -> str:
    if kept is None:  # there was no journal: no window can be open on it
        return f"Restored {shown_path(path)} from {shown_path(source)}."
    return f"Restored {shown_path(path)} from {shown_path(source)}.\nThe journal it replaced is kept at {shown_path(kept)}.\nAn Onward window open on it shows the restored journal within a second."


BACKUPS_NAMED = 5
"""Backups `onward restore` names when it is not told which: the newest few."""


def _which_backup(path: Path) -> str:
    """What `onward restore` without a backup says: the newest backups beside the journal are printed, each with
    the command that restores it; the refusal itself is one line (a backup disk or a replica: --from URL)."""
    from tui.actions import backups

    kept = backups.backups_of(path)
    folder = backups.backup_folder(path)
    if not kept:
        return f"give the backup to restore: {shown_path(folder)} holds none yet (`{onward_command(path, 'backup')}` makes one), or --from URL for a replica."
    lines = [f"The newest backups in {shown_path(folder)} (of {number(len(kept))}), and the command that restores each:"]
    for backup in reversed(kept[-BACKUPS_NAMED:]):
        what = f"  ({backup.kind})" if backup.kind else ""
        lines.append(f"  {onward_command(path, 'restore', str(backup.path))}{what}")
    say("\n".join(lines))
    return "give the backup to restore (one of those above), or --from URL for a replica."


def run_restore(args: argparse.Namespace, today: date, path: Path) -> str:
    if args.from_url is not None:
        return _restore_from_replica(args, today, path)
    if args.backup is None:
        raise BadInput(_which_backup(path))
    if args.at is not None or args.endpoint is not None or args.key is not None:
        raise BadInput("--at, --endpoint and --key go with --from URL (a replica).")
    from tui.actions.replica import after_backup_restore, refuse_while_copying
    from tui.paths import utc_now

    source = _file_path(args.backup, "restore")
    refuse_while_copying(path, "restore again")
    # The throw-away demo copy and what is kept beside it are deleted on exit: named, they would be paths to nothing.
    journal_name = "the throw-away demo copy" if args.demo else None
    done, kept = _replace_journal(source, f"Backup   {shown_path(source)}", path, today, args.yes, "backup", journal_name)
    if not done:
        return "Nothing was changed."
    after_backup_restore(path, kept, utc_now())
    if args.demo:
        return f"Restored the throw-away demo copy from {shown_path(source)}; nothing of it is kept."
    return _restored_message(path, str(source), kept)


def _restore_from_replica(args: argparse.Namespace, today: date, path: Path) -> str:
    """`onward restore --from URL [--at WHEN]`: the replica restored by Litestream into a scratch file, then
    the same checks and kept copy as a backup's restore."""
    from tui.actions import replica as replicas
    from tui.domain.dates import parse_moment
    from tui.paths import utc_now

    if args.backup is not None:
        raise BadInput("give a backup or --from URL, not both.")
    replica = replicas.check_address(args.from_url, args.endpoint, args.key)
    at = parse_moment(args.at, today).astimezone() if args.at is not None else None
    if at is not None and at >= utc_now() + timedelta(seconds=1):  # the clock reads whole seconds
        raise BadInput(f"--at {at.strftime('%Y-%m-%d %H:%M')} is still to come; without --at, restore gives the newest copy.")
    asks_first = "restore replaces your journal, so it asks first; add --yes to restore without asking."
    # A new device (no journal, no -wal of one) has nothing to lose; otherwise asked once the replica was read
    # (a replica holding no journal is said first, not "add --yes"), as is an older moment (--at) that may
    # supersede what the replica holds since.
    replicas.refuse_while_copying(path, "restore again")
    replicas.require_litestream()  # said before anything is fetched
    newer: replicas.KeptNewest | None = None
    with replicas.replica_copy(replica, at) as (copy, position):
        moment = at.strftime("%Y-%m-%d %H:%M") if at is not None else ""
        when = f" as of {moment}" if at is not None else ""
        # An older moment restored over what was written since (here or on another device) supersedes it
        # everywhere once copied: said, asked, and the replica's newest copy kept first.
        later = replicas.later_writes(replica, position, at, moment, path) if at is not None else ""
        if not args.yes and not sys.stdin.isatty() and (later or not _nothing_to_replace(path, None, "")):
            raise BadInput(f"{later}; add --yes to restore it anyway (the replica's newest copy is kept in the backups folder first)." if later else asks_first)
        if later:
            say(f"{later}; the replica's newest copy is kept in the backups folder first.")
            newer = replicas.keep_newest(replica, position, path, today)
        done, kept = _replace_journal(copy, f"Replica  {replica.shown}{when}", path, today, args.yes, "copy", ask=bool(later))
    if not done:
        if newer is not None:
            newer.forget()  # and the folders made for it: a no leaves nothing behind
        return "Nothing was changed."
    replicas.after_restore(path, replica, position, utc_now(), superseding=bool(later), replaced=kept)
    message = _restored_message(path, replica.url + when, kept)
    if newer is not None:
        message += f"\nThe replica's newest copy, with what was written after {moment}, is kept at {shown_path(newer.path)}: `{onward_command(path, 'restore', str(newer.path))}` brings it back."
    return message


def run_pull(args: argparse.Namespace, today: date, path: Path) -> str:
    """Bring the journal up to date from its replica; a journal that held records the replica did not is
    kept whole (…-diverged.db) with an export of it to import."""
    from tui.actions import exports

    from tui.actions import replica as replicas

    replicas.refuse_while_copying(path, "pull again")
    journal = open_journal(path, create=False)
    try:
        replica = replicas.configured(journal)
        if replica is None:
            raise BadInput(
                f"This journal has no replica to pull from yet: {onward_command(path, 'restore', '--from', 'URL')} takes the"
                f" journal a replica holds here (this one is kept as a backup); {onward_command(path, 'replicate', 'URL')}"
                " chooses a replica for this one."
            )
        replicas.require_litestream()
        if not replicas.newer_in_replica(journal, replica):
            return f"This journal already holds everything in {replica.shown}."
        if not args.yes and not sys.stdin.isatty():  # asked once there is something to pull
            raise BadInput("pull replaces your journal with the replica's copy, so it asks first; add --yes to pull without asking.")
        known = replicas.known_position(journal, replica)
        before = exports.everything_as_json(journal)
        said = replicas.drafts_said(journal)
    finally:
        journal.close()
    with replicas.replica_copy(replica, pulling=path) as (copy, position):
        done, kept = _replace_journal(copy, f"Replica  {replica.shown}", path, today, args.yes, "copy")
    if not done:
        return "Nothing was changed."
    return _after_pull(path, replica, position, before, known, kept, today, said)


def _after_pull(
    path: Path, replica: Replica, position: Position, before: str, known: int, kept: Path | None, today: date,
    said: dict[str, str],
) -> str:
    """What a pull says once the journal was replaced: every step after it (the drafts carried over, the
    comparison with what this journal held) is said, and one that fails is said too, never a traceback after
    the journal was replaced. Writes held only here are reported (kept whole, …-diverged.db) unless the
    comparison found none: a comparison that failed keeps them whole too."""
    from tui.actions import replica as replicas

    message = f"Pulled {shown_path(path)} up to date from {replica.shown}."
    extra, failed = "", ""
    try:
        replicas.after_restore(path, replica, position, utc_now(), replaced=kept)
        journal = open_journal(path)
        try:
            drafts = replicas.carry_drafts(before, journal, today, said)
            message += "".join(f"\n{line}" for line in drafts.lines())
            extra = replicas.only_here(before, journal, today)
        finally:
            journal.close()
        # Only what was written here since the copy this journal was last up to is a fork: what the replica no
        # longer holds because another device removed or changed it is not.
        if extra and not replicas.wrote_since(before, replica, known, today):
            extra = ""
    except (JournalError, StorageError, OSError, ValueError) as error:
        failed = str(error).rstrip(".") or type(error).__name__
    if kept is None:
        return message + (f"\nOnward could not finish it: {failed}." if failed else "")
    if not extra and not failed:
        return f"{message}\nThe journal it replaced is kept at {shown_path(kept)}."
    diverged, export = replicas.keep_diverged(kept, path, before, today)
    held = (
        f"Onward could not compare it with the journal pulled ({failed}), so it is kept whole at {shown_path(diverged)}"
        if failed else f"This journal held what the replica did not ({extra}): it is kept whole at {shown_path(diverged)}"
    )
    command = onward_command(path, "import", "json", str(export))
    ahead = replicas.latest_happened(before, today)
    # The import takes nothing dated after today: said, not left to fail as printed.
    when = f"From {ahead.isoformat()} on (it holds steps dated up to then, written where that day had come)" if ahead else "To bring that in"
    return f"{message}\n{held}.\n{when} (what both hold is skipped): {command}"


def run_replicate(args: argparse.Namespace, today: date, path: Path) -> str | int:
    """Choose the replica (once) and copy the journal there continuously until Ctrl+C or SIGTERM."""
    from tui.actions import replica as replicas
    from tui.domain.replica import check_device_name, launchd_plist, systemd_unit
    from tui.paths import utc_now

    if args.service is not None:
        if args.device is not None:
            named = onward_command(path, "replicate", "--device", "NAME")
            raise BadInput(f"--device goes with `{named}`, not --service: the name is remembered, and the service uses it.")
        beside = Path(sys.executable).parent / "onward"
        command = [str(beside)] if beside.is_file() else [sys.executable, "-m", "tui"]
        command += ["--db", str(path.resolve()), "replicate"]
        return (systemd_unit(command) if args.service == "systemd" else launchd_plist(command)).rstrip("\n")
    if args.status:
        if args.url is not None or args.device is not None:
            raise BadInput("--status takes no URL or --device; it tells about the replica chosen before.")
        journal = open_journal(path, create=False)
        try:
            return replicas.status_text(journal)
        finally:
            journal.close()
    chosen = replicas.check_address(args.url, args.endpoint, args.key) if args.url is not None else None
    name = check_device_name(args.device) if args.device is not None else None
    if chosen is None and (args.endpoint is not None or args.key is not None):
        example = onward_command(path, "replicate", "s3://bucket/onward", "--endpoint", "URL")
        raise BadInput(f"--endpoint and --key go with the replica's URL: `{example}`.")
    if name is not None and chosen is None and not args.once:
        # Naming this machine is all that was asked: nothing is started (a tester's rename never returned).
        if not path.exists():  # a new machine: the name goes in a journal, which a restore brings
            raise BadInput(
                f"There is no journal at {shown_path(path)} yet to keep this machine's name in: `{onward_command(path, 'restore', '--from', 'URL')}` "
                f"brings the journal from its replica, then `{onward_command(path, 'replicate', '--device', 'NAME')}` names this "
                "machine. Nothing was changed."
            )
        journal = open_journal(path, create=False)
        try:
            replicas.name_device(journal, name)
        finally:
            journal.close()
        return f"This machine is called {name} to the others from now on (\"written on {name}\")."
    replicas.require_litestream()  # a missing binary is said before anything is written
    journal = open_journal(path)
    try:
        previous = replicas.configured(journal)
        if chosen is None and previous is None:
            example = onward_command(path, "replicate", "file:///media/usb/onward")
            raise BadInput(f"give the replica to copy to: `{example}` (or sftp://, s3://).")
        replica = replicas.ready_to_replicate(journal, utc_now(), chosen=chosen, name=name)  # remembered once it passed
    finally:
        journal.close()
    def copying() -> None:  # said once Litestream runs: not before a refusal (the app open on this journal)
        if not args.once:
            say(f"Copying {shown_path(path)} to {replica.shown} as it changes; Ctrl+C stops.", sys.stderr)

    status = replicas.copy_continuously(path, replica, once=args.once, started=copying)
    if status != 0:
        kept = ""
        if replica != previous:  # a new address Litestream could not copy to is not the replica after all
            journal = open_journal(path)
            try:
                replicas.take_back_choice(journal, previous)
            finally:
                journal.close()
            kept = f" {previous.shown} is still the replica." if previous is not None else " No replica was chosen."
        raise BadInput(f"Litestream stopped (exit status {status}); its messages above say why.{kept}")
    return f"Copied {shown_path(path)} to {replica.shown}." if args.once else 0


def run_check(args: argparse.Namespace, today: date, path: Path) -> int:
    from tui.actions import backups

    health = backups.check_journal(path)
    lines = [*health.notes, health.describe()]
    if not health.healthy and not health.newer:  # a newer Onward's journal is sound for all we know: no restore
        folder = backups.backup_folder(path)
        if health.newest_backup is None:
            lines.append(f"No sound backup was found in {shown_path(folder)}.")
        else:
            command = onward_command(path, "restore", str(health.newest_backup))
            lines += [f"Newest sound backup: {shown_path(health.newest_backup)}", f"To go back to it: {command}"]
    say("\n".join(lines))
    return 0 if health.healthy else EXIT_JOURNAL


def run_serve(args: argparse.Namespace, today: date, path: Path) -> int:
    """Serve the app to a browser until Ctrl+C; the journal is checked (or started) first, as the app does."""
    from tui import web

    host = args.host or web.DEFAULT_HOST
    if host not in web.LOCAL_HOSTS:
        say(
            f"Serving on {host}: the address printed below is the key; anyone who has it can open your journal. "
            "Plain http, readable on the way: use it only on a network you trust.", sys.stderr,
        )
    check_opens(path)  # a bad file is reported here, before anything listens
    try:
        web.serve(path, host=host, port=args.port if args.port is not None else web.DEFAULT_PORT)
    except web.ServeError as error:
        raise BadInput(str(error)) from None
    return 0


FILE_COMMANDS: dict[str, Callable[[argparse.Namespace, date, Path], "str | int"]] = {
    "backup": run_backup, "restore": run_restore, "check": run_check, "serve": run_serve,
    "replicate": run_replicate, "pull": run_pull,
}


def _replica_lag(journal: Journal) -> list[str]:
    """The line saying the journal's replica is more than a day behind (asks Litestream: not for --short)."""
    from tui.actions.replica import configured, replica_lag

    return [line] if configured(journal) is not None and (line := replica_lag(journal)) else []


def run_streak(args: argparse.Namespace, today: date, path: Path) -> JournalStep | str:
    if args.short and args.db is None and "ONWARD_DB" not in os.environ and not os.path.lexists(path):
        # A shell prompt asks at every prompt, from before the first thing is logged: the default journal not
        # started yet is no streak to show, not an error line each time (`onward streak` says there is none).
        # A path given (--db, ONWARD_DB) and not there is still said: it may be mistyped.
        return ""
    return lambda journal: _streak_text(journal, args, today)


def _streak_text(journal: Journal, args: argparse.Namespace, today: date) -> str:
    from tui.actions import views
    from tui.domain.streak import UNDATED_BOUNCE_BACK, TodayState, points

    meter = views.meter(journal, today)
    summary = meter.summary
    if args.short:
        return f"🔥{number(summary.current)}"
    if args.json:
        return json.dumps({
            "current": summary.current,
            "longest": summary.longest,
            "freezes": summary.freezes,
            "score": meter.score,
            "today_done": summary.today is TodayState.DONE,
            "bounce_back_latest": meter.bounce.latest,
            "bounce_back_median": meter.bounce.median,
        })
    lines = [
        f"Streak: {plural(summary.current, 'persistent day')} ({summary.today.value}).",
        f"Longest: {number(summary.longest)}. Freezes held: {summary.freezes}.",
        f"Resilience: {meter.score * 100:.0f}% ({points(meter.score_change)} in 30 days).",
    ]
    bounce = meter.bounce
    if bounce.latest is not None:
        median = f", usually {bounce.usual:g}" if bounce.usual is not None else ""
        lines.append(f"Bounce-back: {plural(bounce.latest, 'day')} after the latest rejection{median}.")
        if bounce.beats_median:
            lines.append("You bounced back faster than usual — that's resilience.")
    elif bounce.latest_pending:
        lines.append("Bounce-back: one small step today answers the latest rejection.")
    elif bounce.undated:
        lines.append(f"Bounce-back: {UNDATED_BOUNCE_BACK}.")
    return "\n".join([*lines, *_replica_lag(journal)])


def _weekdays(text: str) -> frozenset[int]:
    cleaned = text.strip().lower()
    if cleaned == "none":
        return frozenset()
    days = set()
    for part in cleaned.split(","):
        name = part.strip()[:3]
        if name not in WEEKDAY_NAMES:
            raise BadInput(f'"{part.strip()}" is not a weekday; use names like mon,sat (or none).')
        days.add(WEEKDAY_NAMES.index(name))
    return frozenset(days)


def _changes_settings(args: argparse.Namespace) -> bool:
    return any(
        value is not None
        for value in (args.target, args.rest_weekdays, args.follow_up_days, args.follow_ups, args.ghosted_days)
    )


def _whole(text: str | None, what: str, low: int, high: int) -> int | None:
    if text is None:
        return None
    try:
        value = _as_number(text)
    except ValueError:
        value = low - 1
    if not (text.strip().isdigit() and low <= value <= high):
        raise BadInput(f'"{excerpt(text, 40)}" is not {what}; use a whole number from {low} to {high}.')
    return value


def run_settings(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    target = _whole(args.target, "a weekly target", 1, 7)
    rest = _weekdays(args.rest_weekdays) if args.rest_weekdays is not None else None
    follow_up_days = _whole(args.follow_up_days, "a number of days", 1, 365)
    follow_ups = _whole(args.follow_ups, "a number of follow-ups", 1, 10)
    ghosted_days = _whole(args.ghosted_days, "a number of days", 1, 365)

    def settings(journal: Journal) -> str:
        if _changes_settings(args):
            from tui.actions import steps

            steps.change_settings(
                journal, weekly_target=target, rest_weekdays=rest, follow_up_after_days=follow_up_days,
                follow_ups=follow_ups, ghosted_after_days=ghosted_days,
            )
        settings = journal.settings()
        rest_names = ",".join(WEEKDAY_NAMES[d] for d in sorted(settings.rest_weekdays)) or "none"
        return (
            f"Weekly target: {plural(settings.weekly_target, 'day')}. Rest weekdays: {rest_names}.\n"
            f"Follow-ups: up to {settings.follow_ups}, due {plural(settings.follow_up_after_days, 'day')} after applying and after each. "
            f"Ghosted suggested after {plural(settings.ghosted_after_days, 'day')} without a word."
        )

    return settings


def run_follow_up(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions.follow_ups import set_follow_up_day
    from tui.domain.dates import parse_day

    application_id = _application_id(args.id)
    day = None if args.clear else parse_day(args.on, today, planned=True)
    return lambda journal: set_follow_up_day(journal, application_id, day, today, reopen=args.reopen).message


def run_insights(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import support, views
    from tui.domain.insights import insights_from, insights_text, support_sections

    if args.hide_nudge is not None:
        return lambda journal: support.hide_nudge(journal, args.hide_nudge, today).message

    def text(journal: Journal) -> str:
        insights = insights_from(journal.insights.tallies(today), journal.steps.step_counts(), journal.settings().weekly_target, today)
        above = support_sections(views.broaden_nudges(journal, today), views.learning_plan(journal), journal.steps.people(), today)
        return insights_text(insights, above)

    return text


def _person_named(journal: Journal, name: str) -> Person:
    from tui.actions import support

    person = support.person_called(journal.steps.people(), name)
    if person is None:
        raise BadInput(f'"{excerpt(name, 40)}" isn\'t in your support circle; `{onward_command(journal.path, "people")}` lists who is.')
    return person


def _people_text(people: Sequence[Person], today: date, path: Path) -> str:
    from tui.domain.support import last_contacted_phrase

    if not people:
        add = onward_command(path, "people", "add", "NAME", "--relation", "friend")
        return f"Nobody in your support circle yet; `{add}` adds someone you lean on."
    names = [excerpt(person.name, 30) for person in people]
    contacts = [last_contacted_phrase(person, today) for person in people]
    name_width, contact_width = max(4, *map(len, names)), max(14, *map(len, contacts))
    lines = [f"{'name':<{name_width}}  {'relation':<9}  {'last contacted':<{contact_width}}  note".rstrip()]
    for person, name, contact in zip(people, names, contacts):
        lines.append(f"{name:<{name_width}}  {person.relation.label:<9}  {contact:<{contact_width}}  {excerpt(person.note, 40)}".rstrip())
    return "\n".join(lines)


def run_people(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import support
    from tui.domain.support import check_contact_day, check_person
    from tui.domain.text import clean_line

    if args.what is None:
        return lambda journal: _people_text(journal.steps.people(), today, journal.path)
    if args.what == "add":
        entry = check_person(name=args.name, relation=args.relation, note=args.note)
        return lambda journal: support.add_person(journal, entry).message
    if args.what == "contacted":
        day = check_contact_day(args.date, today)
        adding = args.add or args.relation is not None
        new_person = check_person(name=args.name, relation=args.relation or "other") if adding else None
        # Looked up as it would be stored, so a name typed with stray control characters finds its person.
        name = clean_line(args.name)
        return lambda journal: support.reach_out(journal, name, day, note=args.note, new_person=new_person).message
    if args.what == "edit":
        if (args.name, args.relation, args.note) == (None, None, None):
            raise BadInput("Nothing to change: give --name, --relation or --note.")

        def edit(journal: Journal) -> str:
            person = _person_named(journal, clean_line(args.person))
            entry = check_person(
                name=person.name if args.name is None else args.name,
                relation=person.relation.value if args.relation is None else args.relation,
                note=person.note if args.note is None else args.note,
            )
            return support.edit_person(journal, person.id, entry).message

        return edit

    def remove(journal: Journal) -> str:
        person = _person_named(journal, clean_line(args.name))
        _asked_first(args.yes, "remove")
        if not _ask(f"Remove {excerpt(person.name)} from your support circle? The command line can't undo it.", args.yes):
            return "Nothing was removed."
        return support.remove_person(journal, person.id).message

    return remove


def run_feedback(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import support
    from tui.domain.dates import parse_day

    application_id = _application_id(args.id)
    on = parse_day(args.date, today)

    def feedback(journal: Journal) -> str:
        done = support.ask_for_feedback(journal, application_id, on)
        return f"{done.message}\n{done.note}" if done.note else done.message

    return feedback


def run_share(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.domain.support import SHARED_BY_DEFAULT, check_share_fields, share_text
    from tui.domain.text import clean_line

    reflection_id = _record_id(args.id, "a reflection", path)
    include = SHARED_BY_DEFAULT if args.include is None else check_share_fields(args.include.split(","))
    if not include:
        raise BadInput(f"--include needs at least one part, e.g. --include {','.join(SHARED_BY_DEFAULT[:2])}.")
    to = clean_line(args.to)

    def share(journal: Journal) -> str:
        reflection = found(journal.reflections.get, reflection_id)
        tied = reflection.application_id
        application = journal.applications.labels_of([tied]).get(tied) if tied is not None else None
        return share_text(reflection, application, include, to)

    return share


def run_rest(args: argparse.Namespace, today: date, path: Path) -> JournalStep:
    from tui.actions import steps
    from tui.domain.dates import parse_day
    from tui.domain.streak import PLAN_AHEAD_DAYS

    day = parse_day(args.date, today, planned=True, max_future_days=PLAN_AHEAD_DAYS, gone_by_ok=True)
    return lambda journal: steps.mark_rest_day(journal, day, not args.undo, today).message


COMMANDS: dict[str, Callable[[argparse.Namespace, date, Path], JournalStep | str]] = {
    "add": run_add, "log": run_log, "act": run_act, "win": run_win, "export": run_export,
    "streak": run_streak, "insights": run_insights, "settings": run_settings, "rest": run_rest, "import": run_import, "report": run_report,
    "list": run_list, "settle": run_settle, "interview": run_interview, "follow-up": run_follow_up,
    "show": run_show, "edit": run_edit, "remove": run_remove, "merge": run_merge,
    "people": run_people, "feedback": run_feedback, "share": run_share,
}

# Commands that only read never create a journal: a mistyped path is reported, not started afresh.
READ_ONLY_COMMANDS = frozenset({"streak", "insights", "export", "backup", "check", "report", "list", "show", "share"})


def writes(args: argparse.Namespace) -> bool:
    """Whether the command given may write to the journal (and so may start one)."""
    if args.command == "settings":
        return _changes_settings(args)
    if args.command == "people":
        return args.what is not None  # plain `onward people` lists the circle
    if args.command == "insights":
        return args.hide_nudge is not None
    return args.command not in READ_ONLY_COMMANDS


NAMES_RECORDS = frozenset({"edit", "feedback", "follow-up", "interview", "log", "merge", "remove", "settle"})
"""Commands that act on records already in the journal: on a journal that isn't there they say so, as a reading
command does, instead of starting an empty one only to find nothing in it."""


def starts_journal(args: argparse.Namespace) -> bool:
    """Whether the command may start a journal where there is none: it writes, and what it writes is new (an
    application, a step, a setting, an import), not a change to a record that would have to be there already."""
    if args.command == "people":
        return args.what in ("add", "contacted")
    return writes(args) and args.command not in NAMES_RECORDS


def _open_app(path: Path, today: date | None) -> int:
    from tui.app import OnwardApp  # Textual loads only when the app opens, keeping subcommands quick.
    from tui.idle_collect import leave_full_collections_to_idle
    from tui.launch import ending_on_hang_up, freeze_what_lasts
    from tui.textual_compat import hang_up_safe, terminal_gone
    from tui.web.driver import ending_with_its_tab

    freeze_what_lasts()  # the imports, out of the collector's walks for the process's life (never in a test)
    leave_full_collections_to_idle()  # full collections in the app's idle moments, not in keys (never in a test)
    app = OnwardApp(path, today=today, backup_as_it_ends=True)
    app.after_warm_up = freeze_what_lasts  # and what start-up read and built ahead, once it has
    app.driver_class = hang_up_safe(app.driver_class)  # a closed terminal can't leave the process waiting
    app.driver_class = ending_with_its_tab(app.driver_class, app)  # under `onward serve`: a closed tab hangs up
    with ending_on_hang_up(app.quit_on_signal, at_once=terminal_gone):
        app.run()
    return 0


def _on_demo_copy(args: argparse.Namespace, today: date) -> int | str | None:
    """Open the app, or run the command, on a throw-away copy of the demo journal."""
    import tempfile

    from tui.actions.load import load_demo
    from tui.paths import demo_journal_text

    with tempfile.TemporaryDirectory(prefix="onward-demo-") as folder:
        path = Path(folder) / "demo.db"
        journal = open_journal(path)
        try:
            load_demo(journal, json.loads(demo_journal_text()), today)
        finally:
            journal.close()
        if args.command is None:
            return _open_app(path, today)
        if writes(args):
            say("On a throw-away copy of the demo journal: nothing will be kept.", sys.stderr)
        return _run_command(args, today, path)


def _collector_for(args: argparse.Namespace) -> AbstractContextManager[None]:
    """`onward import json` runs with Python's cyclic collector paused from the file's first record to the end
    of the command, when what it read is let go: ten years of records (acyclic tuples) were walked whole as
    reading, then writing, each ended (~35 ms of its ~1 s). Every other command runs with it as it is."""
    if args.command == "import" and args.format == "json":
        from tui.actions.imports import collector_paused

        return collector_paused()
    from contextlib import nullcontext

    return nullcontext()


def _run_command(args: argparse.Namespace, today: date, path: Path) -> int | str | None:
    """Run the subcommand on the journal at `path`: its message to print, or its exit status once it has
    printed its output itself (a stream, while the journal is open)."""
    if args.command in FILE_COMMANDS:
        if args.command != "backup":  # (check reports a foreign -wal itself; the others write)
            return FILE_COMMANDS[args.command](args, today, path)
        try:
            return run_backup(args, today, path)
        except JournalError as error:  # found before anything is written: the backup goes on, as a reading command does
            if not set_aside(error):
                raise
            complain(f"{set_aside(error)} The journal was not changed.")
            return run_backup(args, today, path)
    step = COMMANDS[args.command](args, today, path)
    if isinstance(step, str):
        return step  # said without the journal (an import that adds nothing where there is none yet)
    is_new = not os.path.lexists(path)
    try:
        journal = open_journal(path, create=starts_journal(args), reading=not writes(args))
    except JournalError as error:
        if writes(args) or not set_aside(error):
            raise  # a write stops there, said so: it is run again by the person, who has read what was moved
        # A command that only reads goes on with the journal as it is, once it has said what was moved where.
        complain(f"{set_aside(error)} The journal was not changed.")
        journal = open_journal(path, create=False, reading=True)
    if is_new:
        say(f"Started a new journal at {shown_path(path)}.", sys.stderr)
    try:
        if writes(args):
            _check_replica_first(journal)
        output = step(journal)
        if output is not None and not isinstance(output, str):
            return _print_pieces(output)
        return output
    finally:
        journal.close()


def _check_replica_first(journal: Journal) -> None:
    """A journal with a replica writes only when it is not behind it (another device wrote there since);
    a replica out of reach lets the write through, saying so."""
    if not has_replica(journal):
        return
    from tui.actions.replica import claim_writes, may_write
    from tui.paths import utc_now

    check = may_write(journal)  # the one answer the app asks too
    if check.refusal:
        raise Refused(check.refusal)
    if check.warning:
        complain(f"the replica can't be reached ({check.warning.rstrip('.')}); this write is kept here until it can be copied.")
    claim_writes(journal, utc_now(), check)  # this device writes the journal now: its copy names it


def _not_text(argv: Sequence[str]) -> str | None:
    """Why an argument can't be used, when one holds bytes that are not UTF-8 text (Python passes them on as
    lone surrogates, which no file, journal or terminal can take), else None."""
    for number, argument in enumerate(argv, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:
                shown = argument.encode("utf-8", "backslashreplace").decode("utf-8")
            return (
                f'argument {number} ("{excerpt(shown, 40)}") holds bytes that are not UTF-8 text; '
                "type it again as text (nothing was changed)."
            )
    return None


def _litestream_said(error: Exception) -> None:
    """Litestream's own words behind a replica's error, on a line of their own after Onward's line (when Onward
    put them in its own words: no credentials, access denied, no such bucket, the store out of reach)."""
    said = getattr(error, "said", "")
    if isinstance(said, str) and said:
        say("Litestream said: " + " ".join(said.splitlines()), sys.stderr)


def _refusal_lines(error: ValueError) -> list[str] | None:
    """What to say, a line each, when the domain refused what was typed (a day, an entry's fields, a replica's
    address); None for any other ValueError. The domain's errors are looked up here, once one was raised:
    `onward list` never loads the modules that define them (the entries', the dates' and the replica's rules:
    ~3 ms)."""
    from tui.domain.dates import DateError
    from tui.domain.entries import EntryError
    from tui.domain.replica import ReplicaError

    if isinstance(error, EntryError):
        return list(error.problems.by_field.values())
    if isinstance(error, (DateError, ReplicaError)):
        return [str(error)]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run `onward` with `argv`; returns the exit status (0 ok, 1 journal problem, 2 bad input)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    problem = _not_text(arguments)
    if problem is not None:  # before anything is parsed, opened or started
        complain(problem)
        return EXIT_BAD_INPUT
    parser = build_parser(only=named_command(arguments))
    args = parser.parse_args(arguments)
    if args.command == "completion":  # about the command line itself: no journal, no today
        from tui.completion import script as completion_script

        return _print_pieces([completion_script(args.shell, build_parser())])  # every command, to complete them all
    try:
        today = today_from_environment()
    except ValueError as error:
        complain(str(error))
        return EXIT_BAD_INPUT
    fixed_today = today if os.environ.get("ONWARD_TODAY") else None
    try:
        if args.db is not None:
            _file_path(args.db, "--db")
        path = journal_path(args.db)  # ONWARD_DB can't hold a NUL: the environment refuses one
    except BadInput as error:
        complain(str(error))
        return EXIT_BAD_INPUT
    except RuntimeError:  # ONWARD_DB=~someone/… with no such home
        complain("ONWARD_DB names a home folder that does not exist on this machine.")
        return EXIT_BAD_INPUT
    try:
        if args.demo:
            output = _on_demo_copy(args, today)
        elif args.command is None:
            check_opens(path, reading=True)  # a bad file is reported here, before the screen is taken over (one
            # that can't be written opens to be looked at: OnwardApp refuses every write, saying why)
            return _open_app(path, fixed_today)
        else:
            with _collector_for(args):
                output = _run_command(args, today, path)
    except JournalError as error:
        complain(str(error))
        return EXIT_JOURNAL
    except (BadInput, Refused, FileRefused) as error:
        complain(str(error))
        _litestream_said(error)
        return EXIT_BAD_INPUT
    except ValueError as error:  # what was typed, refused by the domain's rules (else a bug: its traceback)
        refusal = _refusal_lines(error)
        if refusal is None:
            raise
        for line in refusal:
            complain(line)
        _litestream_said(error)
        return EXIT_BAD_INPUT
    # The safety net: whatever a damaged journal or an extreme value still causes is one line, never a traceback.
    except StorageError as error:
        complain(describe_error(path, error))
        return EXIT_JOURNAL
    except OverflowError:
        complain("a date or number is out of the range Onward can handle; use a nearer day or a smaller number.")
        return EXIT_BAD_INPUT
    except OSError as error:  # a file name too long, a folder that can't be read: one line, never a traceback
        where = f"{shown_path(error.filename)}: " if error.filename else ""
        complain(f"{where}{error.strerror or error}.")
        return EXIT_JOURNAL
    except KeyboardInterrupt:
        complain("interrupted.")
        return EXIT_INTERRUPTED
    if isinstance(output, int):  # already printed as it streamed (or the app ran)
        return output
    return _print_pieces([output + "\n"]) if output else 0
