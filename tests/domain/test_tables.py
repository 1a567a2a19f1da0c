"""Writing the applications CSV and the activity report: spreadsheet-safe cells, RFC 4180 round trips, and
weekly totals checked against a journal worked out by hand."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tui.domain.models import ActionKind, Application, OutcomeEvent, OutcomeKind, ProactiveAction, Stage
from tui.domain.tables import (
    APPLICATION_COLUMNS,
    PLAIN_CELL_COLUMNS,
    BOM,
    activity_lines,
    activity_report,
    applications_csv,
    last_step,
    markdown_cell,
    spreadsheet_cell,
    text_of_spreadsheet_cell,
    weekly_totals,
)

TODAY = date(2026, 11, 27)
D = date.fromisoformat


def event(app_id: int, on: str, kind: OutcomeKind, stage: Stage | None = None, note: str = "", id: int = 0) -> OutcomeEvent:
    return OutcomeEvent(id, app_id, D(on), kind, stage, note)


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


# ---------------------------------------------------------------- spreadsheet-safe cells


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("https://evil.example","Click")', '\'=HYPERLINK("https://evil.example","Click")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("=1+2", "'=1+2"),
        ("\tTab", "'\tTab"),
        ("\r=cmd", "'=cmd"),
        ("\x00=cmd", "'=cmd"),
        ("\rfoo", "'foo"),
        ("Acme", "Acme"),
        ("A=B", "A=B"),
        ("a-b", "a-b"),
        ("", ""),
        ("Söder & Co\x1b[31m", "Söder & Co"),
        ("two\nlines", "two\nlines"),
    ],
)
def test_spreadsheet_cells(text, cell):
    assert spreadsheet_cell(text) == cell


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://evil.example","Click")', "-Dash Co", "+1", "@x", "\tTab", "'=x", "''-y", "'Quoted", "Acme", "a-b", "", "'"],
)
def test_a_spreadsheet_cell_reads_back_as_its_text(text):
    """Onward's CSV imported again kept the ' its export put before "-Dash Co"; it comes back as written."""
    assert text_of_spreadsheet_cell(spreadsheet_cell(text)) == text


@pytest.mark.parametrize(("cell", "text"), [("'=1", "=1"), ("''=1", "'=1"), ("'Acme", "'Acme"), ("=1", "=1"), ("'", "'")])
def test_only_the_apostrophe_the_export_adds_is_taken_off(cell, text):
    assert text_of_spreadsheet_cell(cell) == text


# ---------------------------------------------------------------- applications CSV


APPS = [
    Application(
        1, '=HYPERLINK("https://evil.example","Click")', "+1 Analyst", D("2024-11-20"), field="-2", source="@x",
        url="https://acme.example/jobs?id=1,2", notes='Said "great", then\nnothing.\r\n\tTabbed',
        follow_up_on=D("2024-11-27"),
        events=(event(1, "2024-11-22", OutcomeKind.SCREENING), event(1, "2024-12-01", OutcomeKind.REJECTED, Stage.SCREENING)),
    ),
    Application(2, "Société Générale", "Analyste, données", D("2024-11-21"), events=(event(2, "2026-12-01", OutcomeKind.INTERVIEW),)),
    Application(3, "Globex", "Analyst", D("2024-11-22")),
]


def test_applications_csv_round_trips_through_pythons_csv_reader():
    text = "".join(applications_csv(APPS, TODAY))
    rows = rows_of(text)
    assert rows[0] == list(APPLICATION_COLUMNS)
    assert rows[1] == [
        "1", '\'=HYPERLINK("https://evil.example","Click")', "'+1 Analyst", "'-2", "'@x", "https://acme.example/jobs?id=1,2",
        "2024-11-20", "rejected", "rejected (screening)", "2024-12-01", "2024-11-27",
        'Said "great", then\nnothing.\n\tTabbed',
    ]
    # An interview booked after today is not yet the last step; the status already says it.
    assert rows[2] == ["2", "Société Générale", "Analyste, données", "", "", "", "2024-11-21", "interview", "applied", "2024-11-21", "", ""]
    assert rows[3][7:10] == ["applied", "applied", "2024-11-22"]
    assert len(rows) == 4


def test_applications_csv_is_rfc_4180_with_a_bom_first():
    lines = list(applications_csv(APPS, TODAY))
    assert lines[0] == BOM + ",".join(APPLICATION_COLUMNS) + "\r\n"
    assert len(lines) == 1 + len(APPS) and all(line.endswith("\r\n") for line in lines)
    assert '"\'=HYPERLINK(""https://evil.example"",""Click"")"' in lines[1]  # quotes doubled inside a quoted cell
    assert "".join(lines).encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_applications_csv_of_nothing_is_the_header():
    assert list(applications_csv([], TODAY)) == [BOM + ",".join(APPLICATION_COLUMNS) + "\r\n"]


def test_last_step():
    assert last_step(APPS[0], TODAY) == ("rejected (screening)", D("2024-12-01"))
    assert last_step(APPS[0], D("2024-11-25")) == ("screening held", D("2024-11-22"))
    assert last_step(APPS[2], TODAY) == ("applied", D("2024-11-22"))


# ---------------------------------------------------------------- activity report

# A journal worked out by hand. The period is Wednesday 2024-11-06 to Monday 2024-11-18: ISO weeks
# 2024-W45 (06–10), W46 (11–17) and W47 (18 only).
JOURNAL_APPS = [
    Application(
        1, "Acme", "Data Analyst", D("2024-11-05"), source="LinkedIn",  # applied before the period
        events=(
            event(1, "2024-11-12", OutcomeKind.FOLLOWED_UP),
            event(1, "2024-11-14", OutcomeKind.SCREENING),
            event(1, "2024-11-20", OutcomeKind.REJECTED, Stage.SCREENING),  # after the period
        ),
    ),
    Application(
        2, "Globex", "Analyst", D("2024-11-06"), source="Referral", url="https://globex.example/jobs/7",
        events=(event(2, "2024-11-18", OutcomeKind.INTERVIEW), event(2, "2024-11-25", OutcomeKind.FINAL_ROUND)),
    ),
    Application(3, '=HYPERLINK("https://evil.example")', "*Bold* [role](http://x) | pipe", D("2024-11-10"), source="@home"),
    Application(
        4, "Initech", "BI Developer", D("2024-11-11"),
        events=(event(4, "2024-11-12", OutcomeKind.NOTE, note="called"), event(4, "2024-11-18", OutcomeKind.FOLLOWED_UP, note="-nudged")),
    ),
    Application(5, "Old Co", "Clerk", D("2024-10-01"), events=(event(5, "2024-11-08", OutcomeKind.GHOSTED),)),
]
JOURNAL_ACTIONS = [
    # Steps recorded for applications repeat their timelines, so they are not counted again.
    *(ProactiveAction(10 + a.id, a.applied_on, ActionKind.APPLIED, application_id=a.id, automatic=True) for a in JOURNAL_APPS),
    ProactiveAction(20, D("2024-11-12"), ActionKind.FOLLOWED_UP, application_id=1, automatic=True),
    ProactiveAction(21, D("2024-11-18"), ActionKind.INTERVIEW_ATTENDED, application_id=2, automatic=True),
    ProactiveAction(30, D("2024-11-07"), ActionKind.NETWORKING, note="Coffee with *Sam* <b>hi</b> www.sam.example"),
    ProactiveAction(31, D("2024-11-13"), ActionKind.LEARNING, note="SQL course | module 2"),
    ProactiveAction(32, D("2024-11-14"), ActionKind.REFLECTION, automatic=True, reflection_id=1),
    ProactiveAction(33, D("2024-11-15"), ActionKind.FOLLOWED_UP, note="emailed a recruiter"),
    ProactiveAction(34, D("2024-11-19"), ActionKind.CAREER_FAIR),  # after
    ProactiveAction(35, D("2024-11-05"), ActionKind.INTERVIEW_PREP),  # before
]
SINCE, UNTIL = D("2024-11-06"), D("2024-11-18")


def test_weekly_totals_match_the_hand_count():
    lines = activity_lines(JOURNAL_APPS, JOURNAL_ACTIONS, SINCE, UNTIL)
    weeks = [
        (w.label, w.first.isoformat(), w.last.isoformat(), w.applications, w.follow_ups, w.interviews, w.other_actions)
        for w in weekly_totals(lines, SINCE, UNTIL)
    ]
    assert weeks == [
        ("2024-W45", "2024-11-06", "2024-11-10", 2, 0, 0, 1),  # Globex, =HYPERLINK; networking
        ("2024-W46", "2024-11-11", "2024-11-17", 1, 2, 1, 2),  # Initech; Acme, recruiter; Acme screening; learning, reflection
        ("2024-W47", "2024-11-18", "2024-11-18", 0, 1, 1, 0),  # Initech follow-up; Globex interview
    ]


def test_activity_lines_are_in_date_order():
    lines = activity_lines(JOURNAL_APPS, JOURNAL_ACTIONS, SINCE, UNTIL)
    assert [(l.on.day, l.activity, l.kind) for l in lines] == [
        (6, "application", "applied"),
        (7, "action", "networking"),
        (10, "application", "applied"),
        (11, "application", "applied"),
        (12, "follow-up", "followed up"),
        (13, "action", "learning"),
        (14, "interview", "screening"),
        (14, "action", "reflection"),
        (15, "follow-up", "general follow-up (no application named)"),  # logged on no application: said so
        (18, "follow-up", "followed up"),
        (18, "interview", "interview"),
    ]


def test_markdown_report():
    report = activity_report(JOURNAL_APPS, JOURNAL_ACTIONS, SINCE, UNTIL, "md")
    assert report.startswith(
        "# Job-search activity, 2024-11-06 to 2024-11-18\n\n"
        "**Total:** 3 applications · 3 follow-ups · 2 interviews · 3 other proactive actions\n\n## Weekly totals\n\n"
        "| Week | Days | Applications | Follow-ups | Interviews | Other actions |\n"
        "| --- | --- | ---: | ---: | ---: | ---: |\n"
        "| 2024-W45 | 2024-11-06 to 2024-11-10 | 2 | 0 | 0 | 1 |\n"
        "| 2024-W46 | 2024-11-11 to 2024-11-17 | 1 | 2 | 1 | 2 |\n"
        "| 2024-W47 | 2024-11-18 to 2024-11-18 | 0 | 1 | 1 | 0 |\n"
        "| **Total** | | **3** | **3** | **2** | **3** |\n"
    )
    assert "## Applications sent (3)\n\n| Date | Company | Role | Source | Link |\n| --- | --- | --- | --- | --- |\n" in report
    assert "| 2024-11-06 | Globex | Analyst | Referral | https\\://globex.example/jobs/7 |" in report
    # User text shows literally: no emphasis, link, table cell break, HTML or autolink of its own.
    assert '| 2024-11-10 | =HYPERLINK("https\\://evil.example") | \\*Bold\\* \\[role\\](http\\://x) \\| pipe | \\@home |   |' in report
    assert "| 2024-11-07 | networking | Coffee with \\*Sam\\* &lt;b&gt;hi&lt;/b&gt; www\\.sam.example |" in report
    assert "| 2024-11-13 | learning | SQL course \\| module 2 |" in report
    assert "## Follow-ups (3)" in report and "| 2024-11-15 | general follow-up (no application named) |   | emailed a recruiter |" in report
    assert "## Interviews (2)\n\n| Date | Stage | Company | Role | Note |" in report
    assert "| 2024-11-18 | interview | Globex | Analyst |   |" in report
    assert "Old Co" not in report and "career fair" not in report and "interview prep" not in report
    assert report.endswith("\n") and not report.endswith("\n\n")


def test_the_plain_text_report_reads_as_text_with_the_same_facts():
    """A tester read `https\\://acme.example` on a terminal: Markdown's escapes are for a file."""
    report = activity_report(JOURNAL_APPS, JOURNAL_ACTIONS, SINCE, UNTIL, "text")
    assert report.startswith(
        "Job-search activity, 2024-11-06 to 2024-11-18\n" + "=" * 45 + "\n\n"
        "Total: 3 applications · 3 follow-ups · 2 interviews · 3 other proactive actions\n\n"
        "Weekly totals\n-------------\n\n"
        "Week      Days                      Applications  Follow-ups  Interviews  Other actions\n"
        "--------  ------------------------  ------------  ----------  ----------  -------------\n"
        "2024-W45  2024-11-06 to 2024-11-10             2           0           0              1\n"
        "2024-W46  2024-11-11 to 2024-11-17             1           2           1              2\n"
        "2024-W47  2024-11-18 to 2024-11-18             0           1           1              0\n"
        "Total                                          3           3           2              3\n"
    )
    assert "\\" not in report and "**" not in report and "#" not in report and "&lt;" not in report
    assert "2024-11-06  Globex                              Analyst                         Referral  https://globex.example/jobs/7\n" in report
    # User text is as typed (one line, terminal controls gone), never turned into anything.
    assert '2024-11-10  =HYPERLINK("https://evil.example")  *Bold* [role](http://x) | pipe  @home\n' in report
    assert "2024-11-07  networking  Coffee with *Sam* <b>hi</b> www.sam.example" in report
    assert "Follow-ups (3)\n--------------\n" in report and "Interviews (2)\n--------------\n" in report
    assert "2024-11-15  general follow-up (no application named)" in report  # never a date alone
    assert report.endswith("\n") and not report.endswith("\n\n")
    wide = activity_report([Application(1, "東京商事", "Analyst", D("2024-11-06")), Application(2, "Ac\x1b[2J\nme", "Dev", D("2024-11-07"))], [], SINCE, UNTIL, "text")
    assert "2024-11-06  東京商事  Analyst\n2024-11-07  Ac me     Dev\n" in wide  # a wide character takes two columns


def test_markdown_cells_escape_everything_a_renderer_would_act_on():
    assert markdown_cell("a|b *c* _d_ `e` [f](g) <h> &amp; # @ ~~i~~ \\ https://x www.y") == (
        "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) &lt;h&gt; &amp;amp; \\# \\@ \\~\\~i\\~\\~ \\\\ https\\://x www\\.y"
    )
    assert markdown_cell("two\nlines\x1b[2J") == "two lines"
    # A scheme-less //host is a link to GFM-style renderers too; a path's slashes are left alone.
    assert markdown_cell("(//evil.example) a/b//c https://x//y") == "(\\//evil.example) a/b//c https\\://x//y"


def test_csv_report_round_trips_and_is_spreadsheet_safe():
    rows = rows_of(activity_report(JOURNAL_APPS, JOURNAL_ACTIONS, SINCE, UNTIL, "csv"))
    assert rows[0] == ["Job-search activity", "2024-11-06", "2024-11-18"]
    assert rows[1] == ["Total", "3 applications · 3 follow-ups · 2 interviews · 3 other proactive actions"]
    assert rows[2] == []
    assert rows[3] == ["date", "activity", "kind", "company", "role", "source", "url", "note"]
    activity = rows[4:15]
    assert activity[0] == ["2024-11-06", "application", "applied", "Globex", "Analyst", "Referral", "https://globex.example/jobs/7", ""]
    assert activity[2] == ["2024-11-10", "application", "applied", '\'=HYPERLINK("https://evil.example")', "*Bold* [role](http://x) | pipe", "'@home", "", ""]
    assert activity[9] == ["2024-11-18", "follow-up", "followed up", "Initech", "BI Developer", "", "", "'-nudged"]
    assert rows[15] == []
    assert rows[16:] == [
        ["week", "from", "to", "applications", "follow-ups", "interviews", "other actions"],
        ["2024-W45", "2024-11-06", "2024-11-10", "2", "0", "0", "1"],
        ["2024-W46", "2024-11-11", "2024-11-17", "1", "2", "1", "2"],
        ["2024-W47", "2024-11-18", "2024-11-18", "0", "1", "1", "0"],
        ["total", "2024-11-06", "2024-11-18", "3", "3", "2", "3"],
    ]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("md", "# Job-search activity, 2025-03-01 to 2025-03-31\n\nNo job-search activity is recorded from 2025-03-01 to 2025-03-31.\n"),
        ("text", "Job-search activity, 2025-03-01 to 2025-03-31\n" + "=" * 45 + "\n\n"
                 "No job-search activity is recorded from 2025-03-01 to 2025-03-31.\n"),
        ("csv", BOM + "Job-search activity,2025-03-01,2025-03-31\r\nNo job-search activity is recorded from 2025-03-01 to 2025-03-31.\r\n"),
    ],
)
def test_an_empty_period_says_no_activity_was_recorded(fmt, expected):
    assert activity_report(JOURNAL_APPS, JOURNAL_ACTIONS, D("2025-03-01"), D("2025-03-31"), fmt) == expected


@pytest.mark.parametrize(
    ("since", "until", "labels"),
    [
        ("2024-12-30", "2025-01-05", ["2025-W01"]),
        ("2020-12-31", "2021-01-04", ["2020-W53", "2021-W01"]),
        ("2024-11-17", "2024-11-17", ["2024-W46"]),
    ],
)
def test_iso_weeks_across_new_year(since, until, labels):
    assert [w.label for w in weekly_totals([], D(since), D(until))] == labels


@pytest.mark.parametrize(
    ("applied", "counted"),
    [("2024-11-05", False), ("2024-11-06", True), ("2024-11-18", True), ("2024-11-19", False)],
)
def test_the_period_includes_its_first_and_last_day(applied, counted):
    app = Application(9, "Acme", "Analyst", D(applied), events=(event(9, applied, OutcomeKind.FOLLOWED_UP),))
    action = ProactiveAction(9, D(applied), ActionKind.NETWORKING)
    lines = activity_lines([app], [action], SINCE, UNTIL)
    assert [l.activity for l in lines] == (["application", "follow-up", "action"] if counted else [])


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        activity_report([], [], D("2024-11-02"), D("2024-11-01"))


def test_a_long_note_is_cut_in_the_plain_text_report_and_kept_whole_elsewhere():
    """A 5,000-character note padded every row of its table to 5,000 columns on a terminal."""
    note = "Read the whole SQL performance book and wrote notes " * 100
    actions = [ProactiveAction(1, D("2024-11-07"), ActionKind.LEARNING, note.strip())]
    text = activity_report([], actions, SINCE, UNTIL, "text")
    row = next(line for line in text.splitlines() if line.startswith("2024-11-07"))
    assert row.endswith("…") and len(row) <= len("2024-11-07  learning  ") + PLAIN_CELL_COLUMNS
    assert row.startswith("2024-11-07  learning  Read the whole SQL performance book and wrote notes")
    shown = row[len("2024-11-07  learning  ") : -1]
    assert note.startswith(shown) and note[len(shown)] == " "  # cut after a whole word
    assert max(len(line) for line in text.splitlines()) <= 100
    assert note.strip() in activity_report([], actions, SINCE, UNTIL, "csv").replace('"', "")
    assert "Read the whole SQL performance book and wrote notes Read" in activity_report([], actions, SINCE, UNTIL, "md")
    wide = activity_report([Application(1, "東" * 50, "Analyst", D("2024-11-06"))], [], SINCE, UNTIL, "text")
    assert "東" * 29 + "…  Analyst" in wide  # two columns a character: 29 and "…" fit in 60
