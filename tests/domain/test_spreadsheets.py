"""Reading LinkedIn's export and any spreadsheet CSV into checked rows: realistic files, odd headers, status
words, every date form, and the problems reported with their line numbers."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.dates import DateError, parse_day
from tui.domain.entries import EntryError, check_application
from tui.domain.models import OutcomeKind, Stage, Status
from tui.domain.spreadsheets import (
    ImportPlan,
    SpreadsheetError,
    checked_application,
    fields_named_within,
    read_date,
    read_linkedin,
    read_spreadsheet,
    read_status,
)

TODAY = date(2026, 11, 27)

LINKEDIN_HEADER = (
    "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers"
)
# As LinkedIn writes it: a BOM, CRLF, quoted dates (they hold a comma), a company with a comma, answers over
# several lines, a blank line, missing values (no URL, no résumé), and one row with no company at all.
LINKEDIN_CSV = (
    "\ufeff" + LINKEDIN_HEADER + "\r\n"
    '"11/20/24, 8:15 AM",me@example.com,+1 555 0100,"Acme, Inc.",Data Analyst,https://www.linkedin.com/jobs/view/4012,'
    'CV 2024.pdf,"How many years of SQL?: 5\r\nWilling to relocate?: Yes, within the EU"\r\n'
    "\r\n"
    '"12/02/24, 11:40 PM",me@example.com,,Globex,"Analyst, Data & BI",,,\r\n'
    '"01/06/25, 9:03 AM",,,,Product Analyst,https://www.linkedin.com/jobs/view/4099,,\r\n'
    '"01/07/25, 10:00 AM",me@example.com,,Société Générale,Analyste données,https://www.linkedin.com/jobs/view/5,,\r\n'
).encode("utf-8")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def summary(plan: ImportPlan) -> list[tuple]:
    return [(r.line, r.company, r.role, r.applied_on.isoformat(), r.status.value) for r in plan.rows]


def problems(plan: ImportPlan) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in plan.problems]


# ---------------------------------------------------------------- LinkedIn


def test_linkedin_csv_with_bom_quoted_commas_line_breaks_blank_lines_and_missing_values():
    plan = read_linkedin(LINKEDIN_CSV, today=TODAY)
    assert summary(plan) == [
        (2, "Acme, Inc.", "Data Analyst", "2024-11-20", "applied"),
        (5, "Globex", "Analyst, Data & BI", "2024-12-02", "applied"),
        (7, "Société Générale", "Analyste données", "2025-01-07", "applied"),
    ]
    acme = plan.rows[0]
    assert (acme.source, acme.url) == ("LinkedIn", "https://www.linkedin.com/jobs/view/4012")
    assert acme.notes == "Resume: CV 2024.pdf\n\nQuestions and answers:\nHow many years of SQL?: 5\nWilling to relocate?: Yes, within the EU"
    assert plan.rows[1].url == "" and plan.rows[1].notes == ""
    # The row with no company is left out, with its line (the blank line and the two-line answer counted).
    assert problems(plan) == [(6, "Company can't be empty.")]
    assert (plan.read, plan.ready, plan.refused) == (4, 3, 1)
    assert plan.columns == {"company": "Company Name", "role": "Job Title", "url": "Job Url", "applied": "Application Date", "notes": "Resume Name, Question And Answers"}
    assert plan.unused_columns == ("Contact Email", "Contact Phone Number")


def test_linkedin_rows_become_applications_with_their_day():
    row = read_linkedin(LINKEDIN_CSV, today=TODAY).rows[0]
    entry = row.entry
    assert (entry.company, entry.role, entry.applied_on, entry.source) == ("Acme, Inc.", "Data Analyst", date(2024, 11, 20), "LinkedIn")
    assert row.outcome is None and row.stage is None and row.status is Status.APPLIED


def test_linkedin_dates_are_month_first_even_when_they_could_be_either():
    text = LINKEDIN_HEADER + '\n"03/04/25, 8:15 AM",,,Acme,Analyst,,,\n'
    assert read_linkedin(text.encode(), today=TODAY).rows[0].applied_on == date(2025, 3, 4)


def test_linkedin_export_zip_finds_the_csv_in_jobs_folder_and_reads_every_part(tmp_path):
    second = (LINKEDIN_HEADER + '\n"02/10/25, 8:15 AM",,,Initech,BI Developer,,,\n').encode()
    archive = zipped(
        {
            "Basic_LinkedInDataExport_11-27-2026/Profile.csv": b"First Name\nAda\n",
            "Basic_LinkedInDataExport_11-27-2026/Jobs/Saved Jobs.csv": b"Saved Date,Job Url\n",
            "Basic_LinkedInDataExport_11-27-2026/Jobs/Job Applications_1.csv": second,
            "Basic_LinkedInDataExport_11-27-2026/Jobs/Job Applications.csv": LINKEDIN_CSV,
        }
    )
    path = tmp_path / "export.zip"
    path.write_bytes(archive)
    plan = read_linkedin(path, today=TODAY)
    assert [r.company for r in plan.rows] == ["Acme, Inc.", "Globex", "Société Générale", "Initech"]
    assert plan.files == (
        "Basic_LinkedInDataExport_11-27-2026/Jobs/Job Applications.csv",
        "Basic_LinkedInDataExport_11-27-2026/Jobs/Job Applications_1.csv",
    )
    # With several files, a problem says which one.
    assert [p.where for p in plan.problems] == ["Job Applications.csv, line 6"]
    assert plan.rows[-1].line == 2 and plan.rows[-1].file.endswith("Job Applications_1.csv")


def test_linkedin_member_name_is_matched_case_insensitively_and_from_a_path_string(tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(zipped({"jobs/JOB APPLICATIONS.CSV": LINKEDIN_CSV}))
    assert read_linkedin(str(path), today=TODAY).ready == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zipped({"Jobs/Saved Jobs.csv": b"x\n"}), "no Job Applications.csv"),
        (b"Company,Title,Date\nAcme,Analyst,2024-01-01\n", "doesn't look like LinkedIn"),
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"PK\x03\x04 not really a zip", "can't be opened"),
    ],
    # Named, not shown: the zip carries the time it was made, and parallel workers must collect the same tests.
    ids=["zip without applications", "another csv", "empty", "blank lines", "broken zip"],
)
def test_linkedin_files_that_cannot_be_read_say_why(data, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_linkedin(data, today=TODAY)


# ---------------------------------------------------------------- any spreadsheet


ODD_SHEET = (
    "Employer ; Job_Title ;Industry;Date Applied;Stage;Comments;Posting Link;Found Through;Recruiter\n"
    "Acme;Data Analyst;Retail;2024-11-20;Rejected;Nice people;https://acme.example/jobs/1;Indeed;Sam\n"
    "Globex;Analyst;Energy;2024-11-21;phone screen;;;;\n"
)


def test_odd_headers_are_matched_by_name_ignoring_case_spaces_and_punctuation():
    plan = read_spreadsheet(ODD_SHEET.encode(), today=TODAY)
    assert plan.columns == {
        "company": "Employer", "role": "Job_Title", "field": "Industry", "source": "Found Through",
        "url": "Posting Link", "applied": "Date Applied", "status": "Stage", "notes": "Comments",
    }
    assert plan.unused_columns == ("Recruiter",)
    acme, globex = plan.rows
    assert (acme.company, acme.field, acme.source, acme.url, acme.notes) == ("Acme", "Retail", "Indeed", "https://acme.example/jobs/1", "Nice people")
    assert (acme.outcome, globex.outcome) == (OutcomeKind.REJECTED, OutcomeKind.SCREENING)


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        ("Current Status", ("status",)), ("My notes", ("notes",)), ("Where found", ("source",)), ("Found via", ("source",)),
        ("Lead source", ("source",)), ("Applied via", ("source",)), ("CurrentStatus", ("status",)),
        ("Application link", ("url",)), ("Date Applied (approx)", ("applied",)), ("Status notes", ("status", "notes")),
        ("Company Website", ("company", "url")), ("Interview date", ()), ("Recruiter title", ()), ("Posting date", ()),
    ],
)
def test_a_header_names_a_field_by_a_word_in_it(header, fields):
    assert fields_named_within(header) == fields


def test_a_header_naming_a_field_is_read_only_when_it_alone_names_it_and_nothing_else():
    sheet = (
        "Company,Role,Date,Current Status,Status notes,Interview date,Company website\n"
        "Acme,Analyst,2024-11-20,Rejected,kind words,2024-11-25,https://acme.example\n"
    )
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    assert plan.columns == {"company": "Company", "role": "Role", "applied": "Date", "status": "Current Status"}
    assert plan.rows[0].outcome is OutcomeKind.REJECTED
    # "Company website" names a company too, but company is read: it is suggested as the url only.
    assert plan.column_guesses == {"Status notes": ("notes",), "Company website": ("url",)}
    two = read_spreadsheet(b"Company,Role,Date,Current Status,Last status\nAcme,Analyst,2024-11-20,Rejected,Hired\n", today=TODAY)
    assert "status" not in two.columns and two.column_guesses == {"Current Status": ("status",), "Last status": ("status",)}
    exact = read_spreadsheet(b"Company,Role,Date,Status,Current Status\nAcme,Analyst,2024-11-20,Rejected,Hired\n", today=TODAY)
    assert exact.columns["status"] == "Status" and exact.column_guesses == {}


def test_mapping_names_the_columns_the_names_do_not_find():
    sheet = "Firma,Stelle,Wann,Wo,Zustand,Date\nAcme,Analyst,20.11.2024,StepStone,Absage,\n"
    mapping = {"firma": "company", "Stelle": "role", "Wann": "applied", "Wo": "source", "Zustand": "", "Date": "ignore"}
    plan = read_spreadsheet(sheet.encode(), mapping, today=TODAY)
    assert plan.columns == {"company": "Firma", "role": "Stelle", "source": "Wo", "applied": "Wann"}
    assert summary(plan) == [(2, "Acme", "Analyst", "2024-11-20", "applied")]
    assert plan.unused_columns == ("Zustand", "Date")


def test_a_mapping_wins_over_a_header_name():
    sheet = "Company,Title,Date,Applied On\nAcme,Analyst,2020-01-01,2024-11-20\n"
    plan = read_spreadsheet(sheet.encode(), {"Applied On": "applied"}, today=TODAY)
    assert plan.rows[0].applied_on == date(2024, 11, 20) and plan.columns["applied"] == "Applied On"


@pytest.mark.parametrize(
    ("sheet", "mapping", "message"),
    [
        ("Employer,Date\nAcme,2024-01-01\n", None, 'No column for role: the headers are "Employer", "Date"'),
        ("Who,What\nAcme,Analyst\n", None, "No column for company or role or applied"),
        ("Company,Role,Date\n", {"Company": "employer"}, '"employer" is not something a column can hold'),
        ("Company,Role,Date\n", {"Firm": "company"}, 'There is no column "Firm"'),
        ("Company,Role,Date,When\n", {"When": "applied", "Date": "applied"}, "Two columns are mapped to applied"),
    ],
)
def test_whole_file_problems_raise_with_a_plain_message(sheet, mapping, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_spreadsheet(sheet.encode(), mapping, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "company"),
    [
        ("Company,Role,Date\nCafé Müller,Barista,2024-11-20\n".encode("utf-8"), "Café Müller"),
        ("\ufeffCompany,Role,Date\nCafé Müller,Barista,2024-11-20\n".encode("utf-8"), "Café Müller"),
        ("Company;Role;Date\r\nCafé Müller;Barista;20/11/2024\r\n".encode("cp1252"), "Café Müller"),
        ("Company\tRole\tDate\nCafé Müller\tBarista\t2024-11-20\n".encode("utf-16"), "Café Müller"),
        ("sep=;\nCompany;Role;Date\nCafé, Müller;Barista;2024-11-20\n".encode("utf-8"), "Café, Müller"),
        ('Company,Role,Date\n"Acme; Tab\tCo",Barista,2024-11-20\n'.encode("utf-8"), "Acme; Tab Co"),
    ],
    ids=["utf8", "utf8-bom", "cp1252-semicolon", "utf16-tab", "excel-sep-line", "quoted-delimiters"],
)
def test_encodings_and_delimiters(raw, company):
    plan = read_spreadsheet(raw, today=TODAY)
    assert [(r.company, r.role, r.applied_on) for r in plan.rows] == [(company, "Barista", date(2024, 11, 20))]


# ---------------------------------------------------------------- status words


@pytest.mark.parametrize(
    ("word", "outcome", "stage"),
    [
        ("", None, None),
        ("Applied", None, None),
        ("submitted", None, None),
        ("Rejected", OutcomeKind.REJECTED, None),
        ("declined", OutcomeKind.REJECTED, None),
        ("Turned down", OutcomeKind.REJECTED, None),
        ("Rejected after interview", OutcomeKind.REJECTED, Stage.INTERVIEW),
        ("rejected - final round", OutcomeKind.REJECTED, Stage.FINAL_ROUND),
        ("Rejected at the screening stage", OutcomeKind.REJECTED, Stage.SCREENING),
        ("Interviewing", OutcomeKind.INTERVIEW, None),
        ("interview", OutcomeKind.INTERVIEW, None),
        ("Phone screen", OutcomeKind.SCREENING, None),
        ("screening", OutcomeKind.SCREENING, None),
        ("Final round", OutcomeKind.FINAL_ROUND, None),
        ("final_round", OutcomeKind.FINAL_ROUND, None),
        ("onsite", OutcomeKind.FINAL_ROUND, None),
        ("Offer!", OutcomeKind.OFFER, None),
        ("accepted", OutcomeKind.OFFER, None),
        ("No response", OutcomeKind.GHOSTED, None),
        ("ghosted", OutcomeKind.GHOSTED, None),
        ("Withdrawn", OutcomeKind.WITHDRAWN, None),
        ("  WITHDRAWN  ", OutcomeKind.WITHDRAWN, None),
    ],
)
def test_status_words(word, outcome, stage):
    assert read_status(word) == (outcome, stage)


@pytest.mark.parametrize("word", ["maybe", "on hold", "rejected after lunch", "offer?? no", "✓"])
def test_unknown_status_words_are_not_guessed(word):
    assert read_status(word) is None


def test_unknown_status_words_are_listed_with_their_lines():
    sheet = (
        "Company,Role,Date,Status\n"
        "A,Analyst,2024-11-01,Rejected\n"
        "B,Analyst,2024-11-02,on hold\n"
        "C,Analyst,2024-11-03,Interviewing\n"
        "D,Analyst,2024-11-04,on hold\n"
        "E,Analyst,2024-11-05,Maybe\n"
    )
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    # Kept, open, the word in the notes (issue 23: "Hired", "Awaiting response" rows were dropped).
    assert [r.company for r in plan.rows] == ["A", "B", "C", "D", "E"]
    assert plan.unknown_statuses == {"on hold": (3, 5), "Maybe": (6,)}
    assert not plan.problems
    assert [(r.unknown_status, r.notes, r.outcome) for r in plan.rows if r.unknown_status] == [
        ("on hold", "Status: on hold", None), ("on hold", "Status: on hold", None), ("Maybe", "Status: Maybe", None),
    ]
    assert plan.status_counts() == {Status.APPLIED: 3, Status.REJECTED: 1, Status.INTERVIEW: 1}


def test_a_status_word_can_be_mapped():
    sheet = "Company,Role,Date,Status\nA,Analyst,2024-11-01,Hired\nB,Analyst,2024-11-02,hired!\n"
    plan = read_spreadsheet(sheet.encode(), today=TODAY, statuses={"Hired": "offer"})
    assert [(r.outcome, r.unknown_status, r.notes) for r in plan.rows] == [(OutcomeKind.OFFER, "", "")] * 2


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-11-20", date(2024, 11, 20)),
        ("2024/11/20", date(2024, 11, 20)),
        ("20241120", date(2024, 11, 20)),
        ("11/20/2024", date(2024, 11, 20)),
        ("20/11/2024", date(2024, 11, 20)),
        ("20.11.2024", date(2024, 11, 20)),
        ("20-11-2024", date(2024, 11, 20)),
        ("11/20/24", date(2024, 11, 20)),
        ("20 Nov 2024", date(2024, 11, 20)),
        ("20 November 2024", date(2024, 11, 20)),
        ("20-Nov-24", date(2024, 11, 20)),
        ("Nov 20 2024", date(2024, 11, 20)),
        ("Nov 20, 2024", date(2024, 11, 20)),
        ("November 20th, 2024", date(2024, 11, 20)),
        ("Wed, 20 Nov 2024", date(2024, 11, 20)),
        ("Sept 3, 2024", date(2024, 9, 3)),
        ("2024 Nov 20", date(2024, 11, 20)),
        ("45616", date(2024, 11, 20)),
        ("45616.34375", date(2024, 11, 20)),
        ("2024-11-20T08:15:00Z", date(2024, 11, 20)),
        ("2024-11-20T08:15:00.000+01:00", date(2024, 11, 20)),
        ("2024-11-20 14:03", date(2024, 11, 20)),
        ("11/20/24, 8:15 AM", date(2024, 11, 20)),
        ("20/11/2024 14:03:59", date(2024, 11, 20)),
        ("Nov 20, 2024 at 9:15 pm", date(2024, 11, 20)),
        ("5/5/2024", date(2024, 5, 5)),
    ],
)
def test_date_forms(text, day):
    reading = read_date(text)
    assert not reading.problem and not reading.ambiguous
    assert (reading.month_first or reading.day_first) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No applied date"),
        ("soon", "not a date I can read"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("31/31/2024", "months go from 1 to 12"),
        ("32 Nov 2024", "November 2024 has 30 days"),
        ("12345", "not a date I can read"),
        ("Nov 2024", "not a date I can read"),
    ],
)
def test_dates_that_cannot_be_read(text, message):
    assert message in read_date(text).problem


@pytest.mark.parametrize("cell", ["2026-02-30", "31/02/2026", "02/31/2026", "2026-13-01", "2026-02-00", "29.02.2025"])
def test_an_impossible_date_in_a_sheet_is_refused_in_the_words_typing_it_gets(cell):
    with pytest.raises(DateError) as typed:
        parse_day(cell, TODAY)
    assert read_date(cell, TODAY).problem == str(typed.value)


def test_a_date_that_could_be_either_way_is_settled_by_the_rest_of_the_column():
    sheet = "Company,Role,Date\nA,Analyst,03/04/2024\nB,Analyst,20/11/2024\nC,Analyst,05/06/2024\n"
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    assert [r.applied_on for r in plan.rows] == [date(2024, 4, 3), date(2024, 11, 20), date(2024, 6, 5)]
    assert plan.remarks == ("Dates like 03/04/2024 were read day first, as 20/11/2024 (line 3) in the same column shows.",)
    month_first = sheet.replace("20/11/2024", "11/20/2024")
    assert [r.applied_on.month for r in read_spreadsheet(month_first.encode(), today=TODAY).rows] == [3, 11, 5]


def test_a_column_that_does_not_settle_the_order_reports_each_ambiguous_date():
    sheet = "Company,Role,Date\nA,Analyst,03/04/2024\nB,Analyst,2024-11-20\nC,Analyst,07/07/2024\n"
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    assert [r.company for r in plan.rows] == ["B", "C"]  # 07/07 reads the same either way
    assert problems(plan) == [
        (2, '"03/04/2024" could be 4 March 2024 (month first) or 3 April 2024 (day first), and the other dates '
            "don't settle which; write it as 2024-03-04 or choose the order."),
    ]
    assert read_spreadsheet(sheet.encode(), today=TODAY, day_first=True).rows[0].applied_on == date(2024, 4, 3)
    assert read_spreadsheet(sheet.encode(), today=TODAY, day_first=False).rows[0].applied_on == date(2024, 3, 4)


def test_a_column_written_both_ways_is_reported():
    sheet = "Company,Role,Date\nA,Analyst,03/04/2024\nB,Analyst,20/11/2024\nC,Analyst,11/21/2024\n"
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    assert [r.company for r in plan.rows] == ["B", "C"]
    assert [line for line, _ in problems(plan)] == [2]
    assert "both day first (20/11/2024 (line 3)) and month first (11/21/2024 (line 4))" in plan.remarks[0]


# ---------------------------------------------------------------- one reading of a typed date (issue 15)
# A tester: "3/4" in a sheet was "not a date I can read" where the app says it could be March 4 or April 3,
# and "yesterday" was refused while the app takes it. A cell in none of a spreadsheet's own forms is read by
# the app's reader, as of the import's today, and refused in the app's words.

AS_TYPED = ["yesterday", "3 days ago", "a week ago", "friday", "last monday", "Nov 3", "3 Nov", "Mar 4", "Dec 20",
            "Jan 10", "20/11", "11/20", "25/12", "3/4", "4/3", "in 3 days", "tomorrow", "Feb 30", "Nov 2024", "Fri, 20 Nov"]
AROUND_THE_YEAR = [TODAY, date(2026, 12, 14), date(2027, 1, 4), date(2026, 6, 15)]


def _the_apps_reading(typed: str, today: date) -> date | str:
    from tui.domain.dates import DateError, parse_day

    try:
        return parse_day(typed, today)
    except DateError as error:
        return str(error)


@pytest.mark.parametrize("today", AROUND_THE_YEAR, ids=str)
@pytest.mark.parametrize("typed", AS_TYPED)
def test_a_cell_is_read_as_the_same_words_typed_in_the_app(typed, today):
    """Alone in its column (nothing settles an order), a cell is the day the app reads, or the app's refusal."""
    plan = read_spreadsheet(f'Company,Role,Date\nAcme,Analyst,"{typed}"\n'.encode(), today=today)
    expected = _the_apps_reading(typed, today)
    if isinstance(expected, date):
        assert [row.applied_on for row in plan.rows] == [expected] and not plan.problems
    else:
        assert len(problems(plan)) == 1 and not plan.rows
        line, message = problems(plan)[0]
        assert line == 2 and message in (expected, f'"{typed}": {expected}'), message


def test_two_numbers_either_way_round_get_the_apps_words_and_the_line():
    plan = read_spreadsheet(b"Company,Role,Date\nAcme,Analyst,2026-05-02\nBirch,Analyst,3/4\n", today=date(2026, 6, 15))
    assert problems(plan) == [(3, '"3/4" could be March 4 or April 3; write "Mar 4" (2026-03-04) or "Apr 3" (2026-04-03) to say which.')]


@pytest.mark.parametrize(
    "shown, order, day",
    [("20.11.2025", "day first", date(2026, 4, 3)), ("11/20/2025", "month first", date(2026, 3, 4)),
     ("13/5", "day first", date(2026, 4, 3)), ("5/13", "month first", date(2026, 3, 4))],
)
def test_two_numbers_either_way_round_are_settled_by_the_column(shown, order, day):
    """A column's other dates say the order, year or not: 20.11.2025 or 13/5 shows day first."""
    today = date(2026, 6, 15)
    sheet = f"Company,Role,Date\nAcme,Analyst,3/4\nBirch,Analyst,{shown}\n"
    plan = read_spreadsheet(sheet.encode(), today=today)
    assert plan.rows[0].applied_on == day and not plan.problems
    assert plan.remarks == (f"Dates like 3/4 were read {order}, as {shown} (line 3) in the same column shows.",)
    assert read_spreadsheet(sheet.encode(), today=today, day_first=order == "month first").rows[0].applied_on != day


def test_a_settled_order_is_still_refused_where_the_app_would_refuse_it():
    """On 14 December, 3/4 read day first is next April: ahead, so refused in the app's words."""
    sheet = b"Company,Role,Date\nAcme,Analyst,3/4\nBirch,Analyst,20.11.2026\n"
    plan = read_spreadsheet(sheet, today=date(2026, 12, 14))
    assert problems(plan) == [(2, "3/4 is ahead (2027-04-03); to log this year's, write 2026-04-03.")]


@pytest.mark.parametrize("cell", ["2026-11-28", "11/28/2026", "28 Nov 2026", "46354", "11/28/26 9:00 AM", "20261128"])
def test_an_applied_day_ahead_is_refused_by_the_apps_rule_in_every_form(cell):
    """Whatever form the day is in, the rule and the words are the app's (parse_day's): never the import's own."""
    plan = read_spreadsheet(f'Company,Role,Date\nAcme,Analyst,"{cell}"\n'.encode(), today=TODAY)
    assert problems(plan) == [(2, _the_apps_reading("2026-11-28", TODAY))]
    today = date(2026, 11, 28)
    assert [row.applied_on for row in read_spreadsheet(f'Company,Role,Date\nAcme,Analyst,"{cell}"\n'.encode(), today=today).rows] == [today]


# ---------------------------------------------------------------- row problems and cleaning


def test_row_problems_are_listed_with_their_lines_and_the_rows_left_out():
    sheet = (
        "Company,Role,Date,URL,Notes\n"
        ",Analyst,2024-11-01,,\n"                          # 2: no company
        "Acme,,2024-11-02,,\n"                             # 3: no role
        "Acme,Analyst,2026-11-28,,\n"                      # 4: tomorrow
        "Acme,Analyst,someday,,\n"                         # 5: bad date
        "Acme,Analyst,1969-12-31,,\n"                      # 6: before 1970
        f"{'A' * 201},Analyst,2024-11-03,,\n"              # 7: too long
        "Acme,Analyst,2024-11-04,https://a.example/x y,\n"  # 8: URL with a space
        "Acme,Analyst,2024-11-05,,fine\n"                  # 9: fine
        "ACME, analyst ,2024-11-05,,again\n"               # 10: same as line 9
    )
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    assert summary(plan) == [(9, "Acme", "Analyst", "2024-11-05", "applied")]
    assert problems(plan) == [
        (2, "Company can't be empty."),
        (3, "Role can't be empty."),
        (4, '2026-11-28 is in the future; use today or an earlier day, like "yesterday" or "3 days ago".'),  # the app's words
        (5, '"someday" is not a date I can read; use a form like 2024-11-20, 11/20/2024, 20/11/2024, 20 Nov 2024, "Nov 20, 2024", "Nov 20" or a spreadsheet date number.'),
        (6, "1969-12-31 is too long ago; use a day from 1970 on."),
        (7, "Company is 201 characters; at most 200 fit."),
        (8, "URL can't contain spaces."),
        (10, "Same company, role and applied day as line 9."),
    ]
    assert (plan.read, plan.ready, plan.refused) == (9, 1, 8)


def test_control_characters_and_bidi_overrides_are_stripped_and_space_folded():
    sheet = 'Company,Role,Date,Notes\n" Acme\x1b[31m\u202e  Corp ","Data\tAnalyst\x07",2024-11-20,"line one\r\n\x00line two\n\n"\n'
    row = read_spreadsheet(sheet.encode(), today=TODAY).rows[0]
    assert (row.company, row.role, row.notes) == ("Acme Corp", "Data Analyst", "line one\nline two")


def test_rows_shorter_or_longer_than_the_header_are_read():
    sheet = "Company,Role,Date,Notes\nAcme,Analyst,2024-11-20\nGlobex,Analyst,2024-11-21,n,extra,cells\n"
    assert [(r.company, r.notes) for r in read_spreadsheet(sheet.encode(), today=TODAY).rows] == [("Acme", ""), ("Globex", "n")]


def test_a_default_source_fills_rows_that_name_none():
    sheet = "Company,Role,Date,Source\nAcme,Analyst,2024-11-20,\nGlobex,Analyst,2024-11-21,Referral\n"
    plan = read_spreadsheet(sheet.encode(), today=TODAY, source="Old tracker")
    assert [r.source for r in plan.rows] == ["Old tracker", "Referral"]


def test_a_zip_is_not_a_spreadsheet():
    with pytest.raises(SpreadsheetError, match="zip archive"):
        read_spreadsheet(zipped({"a.csv": b"x"}), today=TODAY)


_TEXT = st.text(st.sampled_from("ab A\t\n\r\x00\x1b\u202e\xa0é-="), max_size=8)


@settings(max_examples=400, deadline=None)
@given(company=_TEXT, role=_TEXT, field=_TEXT, url=_TEXT, notes=_TEXT, year=st.sampled_from([1969, 2024, 2027]))
def test_the_quick_check_agrees_with_check_application(company, role, field, url, notes, year):
    applied_on = date(year, 1, 2)

    def outcome(check, **extra):
        try:
            return check(company=company, role=role, today=TODAY, field=field, url=url, notes=notes, **extra)
        except EntryError as error:
            return error.problems.by_field

    assert outcome(checked_application, applied_on=applied_on) == outcome(check_application, applied=applied_on.isoformat())


def test_a_zip_that_lies_about_its_size_is_refused_without_unpacking_it_all():
    """Found by an attack: a 1.5 MB zip declaring 1,000 bytes unpacked 1.5 GB in one read."""
    import io
    import tracemalloc
    import zipfile
    from datetime import date

    from tui.domain.spreadsheets import SpreadsheetError, read_linkedin

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Jobs/Job Applications.csv", b"a" * (64 * 1024 * 1024))
    raw = bytearray(buffer.getvalue())
    directory = raw.rfind(b"PK\x01\x02")
    raw[directory + 24:directory + 28] = (1000).to_bytes(4, "little")  # the size it declares
    tracemalloc.start()
    try:
        with pytest.raises(SpreadsheetError):
            read_linkedin(bytes(raw), today=date(2026, 12, 4))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"unpacked {peak:,} bytes"


def test_a_row_of_empty_cells_is_counted_and_named_as_skipped():
    """A tester's sheet said "Read 13 rows" of its 14: a row of commas alone was dropped without a word."""
    sheet = "Company,Role,Applied,Status\nAcme,Analyst,2026-11-02,applied\n,,,\n\nBirch,Dev,2026-11-03,applied\n , ,,\n"
    plan = read_spreadsheet(sheet.encode(), today=TODAY)
    # Rows of empty cells are rows (counted, named by line); a line with nothing on it is no row.
    assert (plan.read, plan.ready, plan.refused, plan.empty_count) == (4, 2, 0, 2)
    assert plan.read == plan.ready + plan.refused + plan.empty_count
    assert plan.empty_rows_said() == "2 empty rows skipped: lines 3, 6."
    one = read_spreadsheet(b"Company,Role,Applied\nAcme,Analyst,2026-11-02\n,,\n", today=TODAY)
    assert one.empty_rows_said() == "1 empty row skipped: line 3."
    assert read_spreadsheet(b"Company,Role,Applied\nAcme,Analyst,2026-11-02\n", today=TODAY).empty_rows_said() == ""


def test_empty_rows_are_named_by_file_in_a_zip_and_only_the_first_few_by_line():
    member = (LINKEDIN_HEADER + "\r\n" + ",,,,,,,\r\n" * 25).encode() + LINKEDIN_CSV.split(b"\r\n", 1)[1]
    plan = read_linkedin(zipped({"Jobs/Job Applications.csv": LINKEDIN_CSV, "Jobs/Job Applications_1.csv": member}), today=TODAY)
    assert plan.empty_count == 25 and plan.read == plan.ready + plan.refused + plan.empty_count == 3 + 5 + 25
    said = plan.empty_rows_said()
    assert said.startswith("25 empty rows skipped: Job Applications_1.csv, line 2; Job Applications_1.csv, line 3;")
    assert said.endswith(" and 5 more.")


def test_a_dotted_date_in_a_sheet_is_day_first_even_with_nothing_else_to_settle_it():
    """A tester's "1.12.2026" was left out: "could be 12 January 2026 (month first) or 1 December 2026"."""
    plan = read_spreadsheet(b"Company,Role,Applied\nAcme,Analyst,1.11.2026\nBirch,Dev,3.4.26\nCedar,Dev,2.11.\n", today=TODAY)
    assert not plan.problems and not plan.remarks
    assert [r.applied_on for r in plan.rows] == [date(2026, 11, 1), date(2026, 4, 3), date(2026, 11, 2)]
    # Slashes beside them are still read by the column's own evidence, as before.
    mixed = read_spreadsheet(b"Company,Role,Applied\nAcme,Analyst,1.11.2026\nBirch,Dev,3/4/2026\n", today=TODAY)
    assert [p.line for p in mixed.problems] == [3] and [r.applied_on for r in mixed.rows] == [date(2026, 11, 1)]


@pytest.mark.parametrize(
    "raw, kind",
    [
        (b"SQLite format 3\x00" + bytes(200), "an SQLite database"),
        (b"\x7fELF\x02\x01\x01\x00rest", "a program"),
        (b"Company\x00,Role\nAcme,Analyst\n", "binary data"),
        (bytes(range(1, 9)) * 40, "binary data"),
        (b"Company,Role,Date\nAcme,Analyst,2024-11-20\n", None),
        ("Company,Role\nЯндекс,Программист\n".encode("cp1251"), None),
        ("Company,Role\nAcme,Analyst\n".encode("utf-16-le"), None),  # saved without a BOM: text, said as such
        (b'Company,Role,Notes\nAcme,Analyst,"a\x00b"\n', None),  # a stray NUL in a cell is stripped, not refused
    ],
)
def test_what_a_file_that_is_not_text_looks_like(raw, kind):
    from tui.domain.spreadsheets import binary_kind

    assert binary_kind(raw) == kind


def test_a_binary_file_is_refused_as_not_a_spreadsheet_without_encoding_advice():
    for raw in (b"SQLite format 3\x00" + bytes(200), b"\x00\x01\x02" * 100):
        with pytest.raises(SpreadsheetError, match="not a spreadsheet") as refused:
            read_spreadsheet(raw, today=TODAY)
        assert "encoding" not in str(refused.value)
    with pytest.raises(SpreadsheetError, match="--encoding utf-16-le"):
        read_spreadsheet("Company,Role,Date\nAcme,Analyst,2024-11-20\n".encode("utf-16-le"), today=TODAY)
