"""--db and --demo work before or after the subcommand, for every subcommand."""

import json

import pytest

from tui.cli import build_parser

WRITES = [
    ("add", "Acme", "Analyst"),
    ("act", "networking"),
    ("win", "Kind feedback"),
    ("rest", "saturday"),
    ("settings", "--target", "3"),
]
READS = [("streak", "--json"), ("streak", "--short"), ("export", "json"), ("settings",)]


def placed(argv, option, where):
    """`argv` with `option` (a list) before the subcommand or after everything else."""
    return (*option, *argv) if where == "before" else (*argv, *option)


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("argv", WRITES, ids=lambda argv: argv[0])
def test_db_names_the_journal_a_command_writes_to(onward, tmp_path, journal_path, argv, where):
    other = tmp_path / "other.db"
    status, _, err = onward(*placed(argv, ["--db", str(other)], where))
    assert status == 0, err
    assert f"Started a new journal at {other}" in err
    assert other.exists() and not journal_path.exists()


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("argv", READS, ids=" ".join)
def test_db_names_the_journal_a_command_reads(onward, tmp_path, journal_path, argv, where):
    other = tmp_path / "other.db"
    assert onward("--db", str(other), "act", "learning")[0] == 0
    status, out, err = onward(*placed(argv, ["--db", str(other)], where))
    assert status == 0 and err == ""
    if argv == ("streak", "--json"):
        assert json.loads(out)["current"] == 1
    if argv == ("export", "json"):
        assert [action["kind"] for action in json.loads(out)["actions"]] == ["learning"]
    assert not journal_path.exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_log_on_another_journal(onward, tmp_path, journal_path, where):
    other = tmp_path / "other.db"
    onward("--db", str(other), "add", "Acme", "Analyst", "--date", "monday")
    status, out, err = onward(*placed(("log", "1", "screening"), ["--db", str(other)], where))
    assert status == 0, err
    assert not journal_path.exists()
    exported = json.loads(onward("export", "json", "--db", str(other))[1])
    assert [a["status"] for a in exported["applications"]] == ["screening"]


def test_db_with_equals_after_the_command_and_a_missing_journal(onward, tmp_path):
    missing = tmp_path / "missing.db"
    status, _, err = onward("streak", f"--db={missing}")
    assert status == 1 and f"no journal at {missing}" in err and not missing.exists()


def test_db_after_the_command_wins_over_one_before(onward, tmp_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert onward("--db", str(first), "act", "learning", "--db", str(second))[0] == 0
    assert second.exists() and not first.exists()


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("argv", [("streak", "--json"), ("export", "json")], ids=" ".join)
def test_demo_runs_a_reading_command_on_the_demo_journal(onward, journal_path, argv, where):
    status, out, err = onward(*placed(argv, ["--demo"], where))
    assert status == 0 and err == ""
    figures = json.loads(out)
    assert figures["current"] > 0 if argv[0] == "streak" else len(figures["applications"]) > 10
    assert not journal_path.exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_demo_keeps_nothing_a_command_writes(onward, journal_path, where):
    status, out, err = onward(*placed(("act", "networking"), ["--demo"], where))
    assert status == 0 and out == "Logged networking on 2026-11-27. Every step counts.\n"
    assert "throw-away copy of the demo journal: nothing will be kept" in err
    assert not journal_path.exists()


@pytest.mark.parametrize("argv", [("--version",), ("streak", "--version"), ("add", "A", "B", "--version")])
def test_version_before_or_after_the_command(onward, journal_path, argv):
    status, out, _ = onward(*argv)
    assert status == 0 and out.startswith("onward ")
    assert not journal_path.exists()


def test_help_reads_well():
    parser = build_parser()
    top = parser.format_help()
    assert top.count("--db PATH") == 2  # in the usage line and once among the options
    assert "--db and --demo go before or after the command" in top
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, command in commands.items():
        if name == "completion":  # about the command line itself, not a journal
            continue
        text = command.format_help()
        assert "journal options (before or after the command):" in text, name
        assert "--db PATH" in text and "--demo" in text and "--version" not in text, name


def test_usage_shows_the_command_as_optional_and_says_what_none_does():
    parser = build_parser()
    assert parser.format_usage().startswith("usage: onward [COMMAND] ")
    assert "no command opens the app" in parser.format_help()
    assert build_parser().parse_args([]).command is None  # and indeed none is needed
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert commands["add"].format_usage().startswith("usage: onward add ")  # not the top usage repeated


@pytest.mark.parametrize(
    "argv, said",
    [
        (("settings", "--rest-days", "mon"), "unrecognized arguments: --rest-days mon; did you mean --rest-weekdays?"),
        (("log", "1", "interview", "--bogus"), "unrecognized arguments: --bogus"),
        (("list", "--stauts=open"), "unrecognized arguments: --stauts=open; did you mean --status?"),
    ],
)
def test_an_unknown_option_shows_the_commands_usage_and_the_option_meant(onward, journal_path, argv, said):
    """Tester (try7 L2): `onward settings --rest-days mon` printed the top-level usage ("usage: onward [COMMAND]…"),
    not the command's, and no word of --rest-weekdays."""
    status, out, err = onward(*argv)
    assert status == 2 and out == ""
    assert err.startswith(f"usage: onward {argv[0]} ") and err.endswith(f"\nonward: {said}\n"), err
    assert not journal_path.exists()
