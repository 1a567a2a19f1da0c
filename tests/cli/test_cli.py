import json
import os
import subprocess
import sys

import pytest

from tests.conftest import TODAY
from tui.cli import main
from tests.journal_steps import reflect


def export(onward):
    """The journal's Onward JSON, without when each record was first written (the wall clock's moment)."""
    status, out, _ = onward("export", "json")
    assert status == 0
    return json.loads(out, object_hook=lambda record: {key: value for key, value in record.items() if key != "created_at"})


def test_add_prints_the_new_id(onward):
    assert onward("add", "Acme", "Data Analyst", "--field", "data", "--source", "LinkedIn", "--date", "Nov 20")[:2] == (0, "1\n")
    assert onward("add", "Beta", "Designer")[:2] == (0, "2\n")
    apps = export(onward)["applications"]
    assert (apps[0]["company"], apps[0]["applied_on"], apps[0]["field"], apps[0]["status"]) == ("Acme", "2026-11-20", "data", "applied")


def test_log_reject_with_stage_and_kind_note(onward):
    onward("add", "Acme", "Analyst", "--date", "5 days ago")
    status, out, _ = onward("log", "1", "rejected", "--stage", "interview", "--date", "yesterday", "--note", "Wanted Tableau")
    assert status == 0
    assert "rejection (interview)" in out and len(out.strip().splitlines()) == 2
    app = export(onward)["applications"][0]
    assert app["status"] == "rejected"
    assert app["events"] == [{"id": 1, "on": "2026-11-26", "kind": "rejected", "stage": "interview", "note": "Wanted Tableau"}]


def test_act_and_win(onward):
    onward("add", "Acme", "Analyst")
    assert onward("act", "networking", "--note", "Coffee with Sam")[0] == 0
    assert onward("win", "Great resume feedback", "--kind", "resume_feedback", "--app", "1")[0] == 0
    data = export(onward)
    assert data["actions"][-1] == {
        "id": 2, "on": "2026-11-27", "kind": "networking", "note": "Coffee with Sam", "application_id": None,
        "event_id": None, "reflection_id": None, "automatic": False,
    }
    [manual] = [w for w in data["wins"] if not w["automatic"]]
    assert manual["application_id"] == 1 and manual["title"] == "Great resume feedback"
    assert [w["title"] for w in data["wins"] if w["automatic"]] == ["Your first application — the hardest one!"]


def test_export_to_a_file(onward, started, tmp_path):
    target = tmp_path / "out.json"
    assert onward("export", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["format"] == "onward"
    assert onward("export", "json", "-o", str(tmp_path))[0] == 2


def test_export_streams_the_same_text_to_the_screen_and_to_a_file(onward, started, tmp_path):
    """Both write the export piece by piece as it is read; nothing may be lost between pieces."""
    for n in range(30):
        onward("act", "networking", "--note", f"Coffee {n} ✓ «Zürich»")
    target = tmp_path / "out.json"
    status, shown, _ = onward("export", "json")
    assert status == 0 and onward("export", "json", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == shown
    assert [a["note"] for a in json.loads(shown)["actions"]][-1] == "Coffee 29 ✓ «Zürich»"


@pytest.mark.parametrize(
    "argv, message",
    [
        (("add", "", "Analyst"), "Company can't be empty"),
        (("add", "Acme", "  "), "Role can't be empty"),
        (("add", "Acme", "Analyst", "--date", "tomorrow"), "in the future"),
        (("add", "Acme", "Analyst", "--date", "someday"), "not a date I can read"),
        (("add", "A" * 300, "Analyst"), "at most 200"),
        (("log", "7", "offer"), "no application with id 7"),
        (("log", "abc", "offer"), "not an application id"),
        (("log", "1", "hired"), "not an outcome; use one of: screening"),
        (("log", "1", "rejected", "--stage", "lunch"), "not a stage; use one of: application"),
        (("log", "1", "offer", "--stage", "interview"), "--stage goes only with the outcome rejected"),
        (("log", "1", "offer", "--date", "2026-01-01"), "before you applied"),
        (("act", "napping"), "not a kind of action; use one of"),
        (("act", "learning", "--date", "next week"), "not a date"),
        (("win", "Yay", "--kind", "lottery"), "not a kind of win"),
        (("win", "Yay", "--app", "42"), "no application with id 42"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message_and_writes_nothing(onward, argv, message):
    onward("add", "Acme", "Analyst", "--date", "2026-11-20")
    before = export(onward)
    status, out, err = onward(*argv)
    assert status == 2
    assert message in err
    assert export(onward) == before


def test_bad_onward_today(onward, monkeypatch):
    monkeypatch.setenv("ONWARD_TODAY", "27/11/2026")
    status, _, err = onward("add", "Acme", "Analyst")
    assert status == 2 and "ONWARD_TODAY" in err


@pytest.mark.parametrize("content", [b"", b"\x00garbage" * 100])
def test_not_a_journal_exits_1_and_leaves_the_file(onward, tmp_path, content):
    path = tmp_path / "photo.db"
    path.write_bytes(content)
    status, _, err = onward("--db", str(path), "add", "Acme", "Analyst")
    assert status == 1
    assert err.count("\n") == 1 and "not an Onward journal" in err
    assert path.read_bytes() == content


def test_db_flag_wins_over_environment(onward, tmp_path, journal_path):
    other = tmp_path / "other.db"
    onward("--db", str(other), "add", "Acme", "Analyst")
    assert other.exists()
    assert not journal_path.exists()


def test_default_journal_lives_in_the_user_data_folder_and_is_made_on_first_use(tmp_path, monkeypatch, capsys):
    import tui.paths

    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    path = tui.paths.default_journal_path()
    assert not path.parent.exists()  # nothing is created by asking
    assert main(["add", "Acme", "Analyst"]) == 0
    assert path.exists() and str(path).startswith(str(tmp_path))


def test_help_lists_every_command():
    result = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, check=True)
    # Each command is listed on a line of its own with what it does, and each option by its flag.
    listed = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("    ") and line.split()}
    for command in ("add", "log", "act", "win", "streak", "settings", "rest", "export"):
        assert command in listed and len(listed[command].split()) > 2, command
    options = {word.rstrip(",") for line in result.stdout.splitlines() for word in line.split() if word.startswith("--")}
    assert {"--demo", "--db", "--version", "--help"} <= options


def test_version_and_no_textual_for_subcommands(journal_path):
    env = {**os.environ, "ONWARD_DB": str(journal_path)}
    code = (
        "import sys; from tui.cli import main; main(['add', 'Acme', 'Analyst']); "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
    version = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("onward ")


def test_export_markdown(onward, journal_path):
    from tui.domain.reflections import check_reflection
    from tui.store.repository import Journal

    onward("add", "Acme", "Analyst", "--date", "3 days ago")
    onward("log", "1", "rejected", "--stage", "screening")
    journal = Journal.open(journal_path)
    reflect(journal, check_reflection(mood=2, today=TODAY, gaps="sql", body="Keep going."), TODAY, application_id=1)
    journal.close()
    status, out, _ = onward("export", "md")
    assert status == 0
    assert out.startswith("# Onward reflections\n\n## 2026-11-27 · Acme — Analyst")
    assert "- **Mood:** 2/5 (low)" in out and "Keep going." in out


def test_messages_keep_the_case_of_what_was_typed(onward):
    onward("add", "ACME Labs", "Analyst", "--date", "2 days ago")
    assert onward("log", "1", "screening")[1].startswith("Logged screening at ACME Labs.")
    assert onward("win", "Met the CTO of ACME", "--app", "1")[1] == "Added win “Met the CTO of ACME”. Celebrate it!\n"



def test_settle_settles_old_history_after_asking(onward, monkeypatch):
    onward("add", "Old Co", "Analyst", "--date", "2026-08-03")
    onward("add", "New Co", "Analyst", "--date", "yesterday")
    status, out, err = onward("settle")
    assert status == 2 and "settle asks first; add --yes" in err  # nobody at the terminal to answer
    # What it would settle is still said, as the question would say it (tester try7 L2: only the refusal was).
    assert out.startswith("Settle 1 application older than the follow-up window as history (Old Co — Analyst)? 1 open one (")
    status, out, _ = onward("settle", "--yes")
    assert status == 0 and out.startswith("Settled 1 application as history")
    status, _, err = onward("settle", "--yes")
    assert status == 2 and "Nothing to settle" in err


def test_show_marks_an_outcome_whose_day_an_import_did_not_give(onward, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Role,Applied,Status\nAcme,Analyst,2026-03-02,rejected\n", encoding="utf-8")
    assert onward("import", "csv", str(sheet), "--yes")[0] == 0
    status, out, _ = onward("show", "1")
    assert status == 0 and "rejected" in out and "day unknown" in out


def test_an_imported_status_without_a_day_earns_no_step_and_the_report_names_no_day_for_it(onward, tmp_path):
    """"Interviewing" or "Phone screen" in a sheet says it happened, not when: no attended step on the applied
    day, and a proof-of-activity report doesn't list it as an interview on that day."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Company,Role,Applied,Status\nShopify,Analyst,2026-11-10,Interviewing\nBirch,Analyst,2026-11-12,Phone screen\n",
        encoding="utf-8",
    )
    assert onward("import", "csv", str(sheet), "--yes")[0] == 0
    exported = json.loads(onward("export", "json")[1])
    assert [a["kind"] for a in exported["actions"]] == ["applied", "applied"]
    status, out, _ = onward("report", "--since", "Oct 1")
    assert status == 0 and "Interviews (0)" in out and "| interview | Shopify" not in out
    assert "Applications sent (2)" in out


def test_pull_says_there_is_no_replica_before_asking_for_yes(onward, started):
    """Nobody at the terminal: what --yes would then refuse is said, not "add --yes"."""
    for yes in ([], ["--yes"]):
        status, _, err = onward("pull", *yes)
        assert status == 2 and err.startswith("onward: This journal has no replica to pull from yet")


def test_a_missing_kind_lists_the_kinds_as_a_wrong_one_does(onward):
    """Tester (try7 L2): `onward act` said "the following arguments are required: KIND" without the kinds, while a
    wrong kind lists them."""
    from tui.domain.models import OutcomeKind

    status, _, err = onward("act")
    wrong = onward("act", "bogus")[2]
    kinds = wrong.split("use one of: ")[1].rstrip(".\n")
    assert status == 2 and err.endswith(f"onward: the following arguments are required: KIND; KIND is one of: {kinds}\n"), err
    status, _, err = onward("log", "1")
    assert status == 2 and err.endswith(f"OUTCOME is one of: {', '.join(kind.value for kind in OutcomeKind)}\n"), err
