"""onward import, export csv, report and list (issue 12), run in-process as a person or a script would."""

import csv
import io
import json
import zipfile

import pytest

from tui.paths import onward_command

from tests.conftest import TODAY, make_demo_journal
from tui.actions.results import Refused
from tui.store.repository import Journal

LINKEDIN = (
    "\ufeffApplication Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers\r\n"
    '"11/20/26, 8:15 AM",,,"Acme, Inc.",Data Analyst,https://www.linkedin.com/jobs/view/1,cv.pdf,\r\n'
    "\r\n"
    '"11/21/26, 9:00 PM",a@b.c,,Birch,"Analyst\nII",,cv.pdf,"Q: why? A: because"\r\n'
    '"11/22/26, 10:00 AM",,,,Nameless Role,,,\r\n'
)


@pytest.fixture
def files(tmp_path):
    return tmp_path


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding, newline="")
    return str(path)


def test_import_json_round_trips_through_the_command_line(onward, files, tmp_path):
    demo = make_demo_journal(tmp_path / "demo.db")
    status, _, _ = onward("export", "json", "--db", str(demo), "-o", str(files / "all.json"))
    assert status == 0
    status, out, err = onward("import", "json", str(files / "all.json"), "--yes")
    assert status == 0, err
    assert out.startswith("Adds 32 applications (32 outcomes), 81 steps, 6 reflections, 36 wins, 5 people for your support circle.\n")
    assert "\nImported 32 applications (32 outcomes), 81 steps, 6 reflections, 36 wins, 5 people for your support circle. z does" in out
    _, again, _ = onward("export", "json")
    assert again == (files / "all.json").read_text(encoding="utf-8")
    # A second import adds nothing and says why; it writes no backup because it writes nothing.
    status, out, _ = onward("import", "json", str(files / "all.json"), "--yes")
    assert status == 0 and "Skips 32 applications already in the journal" in out and out.rstrip().endswith("Nothing to import.")


def test_an_import_of_onward_json_runs_with_the_cyclic_collector_paused_until_it_ends(onward, files, tmp_path, monkeypatch):
    """Its records are walked by no collection between reading and writing (ten years were walked whole as each
    step ended); once the command is over, done or refused, the collector runs again."""
    import gc

    from tui.actions import imports

    demo = make_demo_journal(tmp_path / "demo.db")
    onward("export", "json", "--db", str(demo), "-o", str(files / "all.json"))
    writing, real = [], imports.import_onward
    monkeypatch.setattr(imports, "import_onward", lambda *args, **kwargs: (writing.append(gc.isenabled()), real(*args, **kwargs))[1])
    status, _, err = onward("import", "json", str(files / "all.json"), "--yes")
    assert status == 0, err
    assert writing == [False] and gc.isenabled()
    status, _, err = onward("import", "json", write(files / "bad.json", '{"format": "onward", "version": 3, "applications": [{"id": 0}]}'))
    assert status == 2 and "applications[0].id" in err and gc.isenabled()


def test_an_import_into_a_journal_with_records_backs_it_up_first(onward, files, journal_path, tmp_path):
    demo = make_demo_journal(tmp_path / "demo.db")
    onward("export", "json", "--db", str(demo), "-o", str(files / "all.json"))
    onward("add", "Zed Labs", "Analyst")
    status, out, _ = onward("import", "json", str(files / "all.json"), "--yes")
    [kept] = (journal_path.parent / "backups").glob("*before-import*")
    assert kept.stat().st_mode & 0o777 == 0o600
    # Said once, with the command that takes it back (z, in the app, does not).
    restore = f"onward --db {journal_path} restore {kept}"
    assert status == 0 and out.count("to take it back") == 1
    assert f"z does not undo an import; to take it back, run `{restore}` (the journal as it was before it, backed up)." in out
    status, out, err = onward(*restore.split()[1:], "--yes")
    assert status == 0, err
    assert [a.company for a in Journal.open(journal_path).applications.every()] == ["Zed Labs"]


def test_an_import_into_an_empty_journal_says_there_is_no_backup_and_how_to_take_it_back(onward, files, journal_path):
    status, out, _ = onward("import", "csv", write(files / "good.csv", "Company,Role,Applied\nAcme,Analyst,Nov 20\n"), "--yes")
    assert status == 0 and out.count("to take it back") == 1
    assert (
        "z does not undo an import; the journal held nothing before it (so no backup was made): "
        f"to take it back, delete {journal_path}, which holds only what was imported." in out
    )
    assert not list(journal_path.parent.glob("backups/*before-import*"))


def test_import_without_yes_and_nobody_to_ask_writes_nothing(onward, files, journal_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status, out, err = onward("import", "linkedin", write(files / "jobs.csv", LINKEDIN))
    assert status == 2 and "add --yes" in err and "nobody is at the terminal" in err
    assert not journal_path.exists(), "not even a journal is started"
    # What it would have added is said all the same: a script can see it before running it with --yes.
    assert "Adds 2 applications." in out and "Birch — Analyst II" in out


def test_import_into_a_journal_with_nobody_to_ask_says_what_it_would_add_and_writes_nothing(onward, files, journal_path, monkeypatch):
    assert onward("add", "Acme", "Analyst")[0] == 0
    before = journal_path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status, out, err = onward("import", "csv", write(files / "more.csv", "Company,Role,Applied\nBirch,Analyst,Nov 20\n"))
    assert status == 2 and "nothing was imported" in err and "add --yes" in err
    assert "Birch" in out
    assert onward("list")[1].count("Birch") == 0


def test_an_import_that_adds_nothing_starts_no_journal(onward, files, journal_path):
    """Every row refused: the preview says so and "Nothing to import.", and no empty journal is left behind."""
    sheet = write(files / "bad.csv", "Company,Role,Applied\nAcme,,someday\n")
    status, out, err = onward("import", "csv", sheet, "--yes")
    assert status == 0 and out.rstrip().endswith("Nothing to import.") and "line 2" in out
    assert "Started" not in err and not journal_path.exists()
    status, out, err = onward("import", "csv", write(files / "good.csv", "Company,Role,Applied\nAcme,Analyst,Nov 20\n"), "--yes")
    assert status == 0 and "Imported 1 application" in out and "Started a new journal" in err and journal_path.exists()


class Terminal(io.StringIO):
    """What someone types at a terminal."""

    def isatty(self) -> bool:
        return True


def nothing_at(path) -> bool:
    """No journal, no -wal or -shm of one and no backups folder beside it."""
    return not any(path.parent.glob(path.name + "*")) and not (path.parent / "backups").exists()


@pytest.mark.parametrize("format_, text, options", [
    ("csv", "Company,Role,Applied\nAcme,Analyst,Nov 20\n", ()),
    ("csv", "Employer,Role,Applied,Stage\nAcme,Analyst,Nov 20,Hired\n", ("--map", "Employer=company", "--status", "Hired=offer", "--source", "Indeed", "--keep-open")),
    ("linkedin", LINKEDIN, ()),
])
def test_an_import_answered_no_where_there_is_no_journal_starts_none(onward, files, tmp_path, monkeypatch, format_, text, options):
    """Asked "Import it?" where no journal is yet, n leaves nothing behind and says how to import it after all;
    y starts the journal then, and only then."""
    path = tmp_path / "new" / "journal.db"
    path.parent.mkdir()
    sheet = write(files / "sheet.csv", text)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, err = onward("import", format_, sheet, *options, "--db", str(path))
    assert status == 0 and "Adds " in out and "Import it? [y/N] " in out
    assert "Started" not in err and nothing_at(path)
    from tui.paths import onward_command

    again = onward_command(path, "import", format_, sheet, *options)  # as it was typed
    assert out.rstrip().endswith(f"Nothing was imported, and no journal was started at {path}; to import it after all: `{again}`.")
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    status, out, err = onward(*again.split()[1:])
    assert status == 0 and "Imported " in out and out.count("Import it?") == 1
    assert err == f"Started a new journal at {path}.\n" and path.exists()


def test_an_import_answered_no_into_a_journal_there_changes_nothing(onward, files, journal_path, monkeypatch):
    assert onward("add", "Zed Labs", "Analyst")[0] == 0
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, err = onward("import", "csv", write(files / "good.csv", "Company,Role,Applied\nAcme,Analyst,Nov 20\n"))
    assert status == 0 and out.rstrip().endswith("Nothing was imported.") and err == ""
    assert [a.company for a in Journal.open(journal_path).applications.every()] == ["Zed Labs"]


@pytest.mark.parametrize("content, message", [
    ('{"format": "onward", "version": 9}', "written by a newer Onward (format version 9)"),
    ('{"format": "onward", "version": 2, "applications": [{"id": 1}]}', "applications[0].company: missing."),
    ("[1, 2", "is not JSON: "),
    ("\x00\xff", "is binary data, not Onward JSON"),
    ("\xe9t\xe9", "is not text (UTF-8)"),
])
def test_a_bad_json_file_is_refused_in_one_line_and_nothing_is_written(onward, files, journal_path, content, message):
    path = files / "bad.json"
    path.write_bytes(content.encode("latin-1"))
    for yes in (["--yes"], []):  # without --yes: what is wrong with the file, not "add --yes" (which would then fail)
        status, out, err = onward("import", "json", str(path), *yes)
        assert status == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not journal_path.exists()


@pytest.mark.parametrize("name, content", [
    ("garbage.csv", b"Company,Role\n\xe9cole,Analyst\n"),  # not UTF-8, named .csv
    ("sheet.txt", b"Company,Role,Applied\nAcme,Analyst,2026-11-01\n"),  # UTF-8, commas on its first line
])
def test_a_spreadsheet_given_as_onward_json_is_told_to_use_import_csv(onward, files, journal_path, name, content):
    path = files / name
    path.write_bytes(content)
    status, _, err = onward("import", "json", str(path), "--yes")
    command = onward_command(journal_path, "import", "csv", str(path))  # runs as printed: this journal, this file
    assert (status, err) == (2, f"onward: {path} looks like a spreadsheet (CSV), not Onward JSON: use `{command}`.\n")
    assert not journal_path.exists()


def test_the_import_dialog_says_to_choose_the_spreadsheet_kind(files, journal_path):
    from tui.actions.imports import APP_HINTS, read_import

    path = files / "sheet.csv"
    path.write_bytes(b"Company,Role\nAcme,Analyst\n")
    with pytest.raises(Refused, match='choose "A spreadsheet saved as CSV" under What is it\\?'):
        read_import("json", path, journal_path=journal_path, today=TODAY, hints=APP_HINTS)


def test_import_refuses_a_missing_file_and_the_journal_itself(onward, files, journal_path):
    assert "There is no file at" in onward("import", "json", str(files / "nope.json"), "--yes")[2]
    onward("add", "Acme", "Analyst")
    status, _, err = onward("import", "json", str(journal_path), "--yes")
    assert status == 2 and "is your journal" in err


def test_import_linkedin_csv_and_zip(onward, files):
    status, out, err = onward("import", "linkedin", write(files / "jobs.csv", LINKEDIN), "--yes")
    assert status == 0, err
    assert "Adds 2 applications." in out and "line 6: Company can't be empty" in out and "Imported 2 applications" in out
    apps = {a["company"]: a for a in json.loads(onward("list", "--json")[1])}
    assert set(apps) == {"Acme, Inc.", "Birch"}
    assert apps["Acme, Inc."]["applied_on"] == "2026-11-20" and apps["Acme, Inc."]["source"] == "LinkedIn"
    # The whole export as a zip: the same rows are already there.
    archive = files / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Jobs/Job Applications.csv", LINKEDIN.encode("utf-8"))
        zipped.writestr("Profile.csv", "First Name\r\nSam\r\n")
    status, out, _ = onward("import", "linkedin", str(archive), "--yes")
    assert status == 0 and "Skips 2 applications already in the journal" in out and out.rstrip().endswith("Nothing to import.")


def test_import_csv_with_a_map_and_status_words(onward, files):
    sheet = write(files / "sheet.csv", "Employer;Position;When;Where found;Stage\nAcme;Analyst;2026-11-02;Indeed;Rejected\nBirch;Designer;2026-11-03;;interviewing\nCedar;Dev;2026-11-04;;maybe later\n")
    status, out, err = onward("import", "csv", sheet, "--map", "Where found=source", "--map", "When=applied", "--source", "Spreadsheet", "--yes")
    assert status == 0, err
    assert "source ← Where found" in out and '"maybe later": line 4' in out and "Imported 3 applications" in out
    listed = {a["company"]: a for a in json.loads(onward("list", "--all", "--json")[1])}
    assert listed["Acme"]["status"] == "rejected" and listed["Acme"]["source"] == "Indeed"
    assert listed["Birch"]["status"] == "interview" and listed["Birch"]["source"] == "Spreadsheet"
    assert listed["Cedar"]["status"] == "applied"  # a word Onward does not know keeps the row, open


def test_import_csv_names_a_row_of_empty_cells_it_skips(onward, files):
    """A tester's sheet said "Read 13 rows" of its 14 data rows: a row of commas alone went unmentioned."""
    sheet = write(files / "sheet.csv", "Company,Role,Applied\nAcme,Analyst,2026-11-02\n,,\nBirch,Dev,2026-11-03\n")
    status, out, err = onward("import", "csv", sheet, "--yes")
    assert status == 0, err
    assert "Read 3 rows from sheet.csv.\n" in out and "\n1 empty row skipped: line 3.\n" in out
    assert "Adds 2 applications." in out


def test_import_asks_the_duplicate_rule_and_again_adds_anyway(onward, files):
    """Issue 23: a LinkedIn export listing an application typed two days before was added a second time."""
    onward("add", "Northwind Traders", "Data Analyst", "--date", "2026-11-23")
    sheet = write(files / "jobs.csv", "Application Date,Company Name,Job Title\n11/25/26 9:00 AM,Northwind Traders,Data Analyst\n")
    status, out, _ = onward("import", "linkedin", sheet, "--yes")
    assert status == 0 and "looks like one already known" in out and "add --again" in out
    assert out.rstrip().endswith("Nothing to import.")
    status, out, _ = onward("import", "linkedin", sheet, "--again", "--yes")
    assert status == 0 and "Imported 1 application" in out
    assert len(json.loads(onward("list", "--json")[1])) == 2


def test_import_status_words_and_keep_open(onward, files):
    sheet = write(files / "sheet.csv", "Company,Role,Date,Status\nAcme,Analyst,2026-03-02,Hired\nBirch,Designer,2026-03-03,Awaiting response\n")
    status, out, err = onward("import", "csv", sheet, "--status", "Hired=offer", "--keep-open", "--yes")
    assert status == 0, err
    assert '"Awaiting response": line 3' in out and "Settles" not in out and "settled" not in out
    listed = {a["company"]: a["status"] for a in json.loads(onward("list", "--all", "--json")[1])}
    assert listed == {"Acme": "offer", "Birch": "applied"}
    status, _, err = onward("import", "csv", sheet, "--status", "Hired", "--yes")
    assert status == 2 and 'like "Hired=offer"' in err
    status, _, err = onward("import", "linkedin", sheet, "--status", "Hired=offer", "--yes")
    assert status == 2 and "go with a spreadsheet (csv) import" in err


def test_a_csv_without_a_company_column_says_how_to_name_it(onward, files):
    sheet = write(files / "sheet.csv", "Who,What,Date\nAcme,Analyst,2026-11-02\n")
    status, _, err = onward("import", "csv", sheet, "--yes")
    assert status == 2 and 'Name each with --map, e.g. --map "Who=company".' in err
    status, out, err = onward("import", "csv", sheet, "--map", "Who=company", "--map", "What=role", "--yes")
    assert status == 0 and "Imported 1 application" in out


def test_import_csv_refuses_a_bad_map_in_one_line(onward, files):
    sheet = write(files / "sheet.csv", "Company,Role,Date\nAcme,Analyst,2026-11-02\n")
    status, _, err = onward("import", "csv", sheet, "--map", "Date=when", "--yes")
    assert status == 2 and '"when" is not a field' in err
    status, _, err = onward("import", "json", sheet, "--map", "Date=applied", "--yes")
    assert status == 2 and "go with a spreadsheet (csv) import" in err


def test_export_csv_is_spreadsheet_safe(onward, files):
    onward("add", "=HYPERLINK(\"http://evil\")", "Analyst", "--notes", "+1 and -2")
    onward("add", "Café Ünïcode", "Designer")
    status, out, _ = onward("export", "csv", "-o", str(files / "apps.csv"))
    assert status == 0
    raw = (files / "apps.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")) and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\")" and rows[1][-1] == "'+1 and -2"
    assert rows[2][1] == "Café Ünïcode"


@pytest.mark.parametrize("format_", ["csv", "ics", "md", "json"])
def test_an_export_to_standard_output_is_the_file_byte_for_byte(onward, files, monkeypatch, format_):
    """Issue try5 #10: `export ics > cal.ics` and `export csv > a.csv` wrote LF lines where -o wrote CRLF
    (RFC 5545, RFC 4180); Markdown and Onward JSON were the same already and stay so."""
    from datetime import datetime, timezone

    from tui import cli

    monkeypatch.setattr(cli, "utc_now", lambda: datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))
    onward("add", "Café Ünïcode", "Designer", "--notes", "line one\nline two")
    onward("follow-up", "1", "--on", "2026-11-30")
    status, out, err = onward("export", format_)
    assert status == 0 and err == "", err
    assert onward("export", format_, "-o", str(files / f"e.{format_}"))[0] == 0
    written = (files / f"e.{format_}").read_bytes()
    assert out.encode("utf-8") == written
    if format_ in ("csv", "ics"):
        assert written.endswith(b"\r\n") and written.count(b"\r\n") >= 2  # a line break inside a quoted cell stays \n


def test_a_csv_report_to_standard_output_is_the_file_byte_for_byte(onward, files):
    onward("add", "Acme", "Analyst", "--date", "2026-11-20")
    status, out, err = onward("report", "--since", "2026-11-01", "--format", "csv")
    assert status == 0 and err == "", err
    assert onward("report", "--since", "2026-11-01", "--format", "csv", "-o", str(files / "r.csv"))[0] == 0
    written = (files / "r.csv").read_bytes()
    assert out.encode("utf-8") == written and b"\r\n" in written


def test_onward_s_own_csv_imports_back_as_it_was_typed(onward, files, tmp_path):
    """The ' the export puts before a formula start stayed in the company on import ("'-Dash Co")."""
    onward("add", "--", "-Dash Co", "Role")
    onward("add", '=HYPERLINK("http://evil")', "Analyst", "--notes", "+1 and -2")
    onward("add", "'Quoted Co", "Designer")
    assert onward("export", "csv", "-o", str(files / "s.csv"))[0] == 0
    other = str(tmp_path / "other.db")
    status, _, err = onward("--db", other, "import", "csv", str(files / "s.csv"), "--yes")
    assert status == 0, err
    apps = sorted(Journal.open(other).applications.every(), key=lambda app: app.id)
    assert [app.company for app in apps] == ["-Dash Co", '=HYPERLINK("http://evil")', "'Quoted Co"]
    assert "+1 and -2" in apps[1].notes


def test_report_for_a_period(onward, files):
    onward("add", "Acme", "Analyst", "--date", "2026-11-20", "--source", "LinkedIn")
    onward("log", "1", "interview", "--date", "2026-11-24")
    onward("act", "networking", "--date", "2026-11-25", "--note", "Coffee with Sam")
    onward("add", "Old Co", "Analyst", "--date", "2026-10-01")
    status, out, _ = onward("report", "--since", "2026-11-16", "--until", "2026-11-27")
    assert status == 0
    assert "Acme" in out and "Old Co" not in out and "Coffee with Sam" in out
    assert "| 2026-W47 | 2026-11-16 to 2026-11-22 | 1 | 0 | 0 | 0 |" in out
    assert "| 2026-W48 | 2026-11-23 to 2026-11-27 | 0 | 0 | 1 | 1 |" in out
    status, _, err = onward("report", "--since", "2026-11-27", "--until", "2026-11-01")
    assert status == 2 and "is after --until" in err
    status, out, _ = onward("report", "--since", "2026-11-16", "--format", "csv", "-o", str(files / "r.csv"))
    assert status == 0 and (files / "r.csv").stat().st_mode & 0o777 == 0o600


def test_a_report_for_the_month_typed_early_in_it_runs_to_today_and_says_so(onward, files):
    """A tester reporting "this month" to a benefits office typed its last day and was told it is in the future."""
    onward("add", "Acme", "Analyst", "--date", "2026-11-20")
    status, out, err = onward("report", "--since", "2026-11-01", "--until", "2026-11-30")
    assert (status, err) == (0, "")
    assert out.startswith("# Job-search activity, 2026-11-01 to 2026-11-27\n")
    assert "Up to today, 2026-11-27: the period asked for runs to 2026-11-30, which has not come yet." in out
    assert "2026-11-23 to 2026-11-27 |" in out and "2026-11-30" not in out.split("has not come yet.")[1]
    status, out, _ = onward("report", "--since", "2026-11-01", "--until", "Nov 30", "--format", "csv")
    assert status == 0 and out.splitlines()[:2] == [
        "\ufeffJob-search activity,2026-11-01,2026-11-27",
        '"Up to today, 2026-11-27: the period asked for runs to 2026-11-30, which has not come yet."',
    ]
    status, out, _ = onward("report", "--since", "2026-11-01", "--until", "2026-11-30", "-o", str(files / "r.md"))
    assert (status, out) == (0, f"Report for 2026-11-01 to 2026-11-27 (up to today: 2026-11-30 has not come yet) written to {files / 'r.md'}.\n")
    # A report ending today or earlier is as it was; "friday" is still the last one; other commands still refuse.
    assert "has not come yet" not in onward("report", "--since", "2026-11-01", "--until", "2026-11-27")[1]
    assert onward("report", "--since", "2026-11-01", "--until", "monday", "--format", "csv")[1].startswith("\ufeffJob-search activity,2026-11-01,2026-11-23")
    status, _, err = onward("add", "Beta", "Analyst", "--date", "2026-11-30")
    assert status == 2 and "2026-11-30 is in the future" in err
    status, _, err = onward("report", "--since", "2026-11-30")
    assert status == 2 and "2026-11-30 is in the future" in err


def test_the_report_reads_as_text_on_a_terminal_and_stays_markdown_in_a_pipe(onward, files, monkeypatch):
    """A tester's terminal showed `https\\://acme.example`: the escapes are Markdown's, for a file."""
    onward("add", "Acme", "Analyst", "--date", "2026-11-20", "--url", "https://acme.example/jobs/1")
    status, piped, _ = onward("report", "--since", "2026-11-16")
    assert status == 0 and "https\\://acme.example/jobs/1" in piped and piped.startswith("# Job-search activity")
    with monkeypatch.context() as terminal:
        terminal.setattr("sys.stdout.isatty", lambda: True)
        status, shown, _ = onward("report", "--since", "2026-11-16")
        assert status == 0 and shown.startswith("Job-search activity, 2026-11-16 to 2026-11-27\n====")
        assert "2026-11-20  Acme     Analyst  " in shown and "https://acme.example/jobs/1" in shown and "\\" not in shown
        assert onward("report", "--since", "2026-11-16", "--format", "md")[1] == piped  # asked for: Markdown on a terminal too
        onward("report", "--since", "2026-11-16", "-o", str(files / "r.md"))  # a file is Markdown, terminal or not
        assert (files / "r.md").read_text(encoding="utf-8") == piped
    assert onward("report", "--since", "2026-11-16", "--format", "text")[1] == shown  # asked for: text in a pipe too


def test_list_shows_ids_status_and_last_step(onward):
    onward("add", "Acme", "Analyst", "--field", "data", "--date", "2026-11-20")
    onward("add", "Birch", "Designer", "--field", "design")
    onward("log", "1", "interview", "--date", "2026-11-24")
    onward("log", "2", "rejected")
    status, out, _ = onward("list")
    assert status == 0
    assert out.splitlines()[1].split() == ["1", "interview", "2026-11-24", "interview", "held", "Acme", "—", "Analyst", "·", "data"]
    assert "Birch" not in out, "closed ones only with --all"
    assert "Birch" in onward("list", "--all")[1]
    assert "Birch" in onward("list", "--status", "rejected")[1]
    assert "Acme" not in onward("list", "--field", "DESIGN", "--all")[1]
    assert onward("list", "--status", "hired")[0] == 2
    assert onward("list", "--field", "nothing")[1] == "No applications match.\n"


@pytest.mark.parametrize("argv, message", [
    (("import", "json", "HUGE", "--yes"), "holds a number thousands of digits long"),
    (("import", "json", "~nosuchuser/x.json", "--yes"), '"~nosuchuser" names no home folder'),
    (("export", "json", "-o", "a" * 300), "File name too long"),
    (("report", "--since", "2026-11-01", "-o", "a" * 300), "File name too long"),
    (("list", "--db", "a" * 300), "File name too long"),
    (("export", "json", "-o", "/dev/null", "--force"), "is not a plain file"),
])
def test_odd_paths_and_files_get_one_line_never_a_traceback(onward, files, argv, message):
    """Found by an attack on issue 12: each of these printed a traceback (or replaced /dev/null)."""
    huge = files / "huge.json"
    huge.write_text('{"format": "onward", "version": 2, "applications": [{"id": ' + "9" * 5000 + "}]}", encoding="utf-8")
    onward("add", "Acme", "Analyst")
    status, _, err = onward(*(str(huge) if part == "HUGE" else part for part in argv))
    assert status in (1, 2) and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    import os
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_the_fields_map_names_are_the_readers_own():
    """cli.py names them without importing the reader (kept off the start-up path); this keeps the two the same."""
    from tui.cli import SPREADSHEET_FIELDS
    from tui.domain.spreadsheets import FIELDS

    assert SPREADSHEET_FIELDS == FIELDS
