"""The command line reads days through the app's one date reader: what happened looks back, plans look ahead.
Today is Friday 2026-11-27."""

import json

import pytest


@pytest.mark.parametrize(
    "typed, day",
    [
        ("friday", "2026-11-27"),
        ("monday", "2026-11-23"),
        ("last friday", "2026-11-20"),
        ("Nov 20", "2026-11-20"),
        ("May 29", "2026-05-29"),
        ("3 days ago", "2026-11-24"),
    ],
)
def test_a_step_logged_looks_back(onward, typed, day):
    status, out, _ = onward("act", "networking", "--date", typed)
    assert (status, out) == (0, f"Logged networking on {day}. Every step counts.\n")


def test_an_application_and_its_outcome_look_back(onward):
    assert onward("add", "Acme", "Analyst", "--date", "Nov 2")[0] == 0
    assert onward("log", "1", "screening", "--date", "wednesday")[0] == 0
    exported = json.loads(onward("export", "json")[1])["applications"][0]
    assert exported["applied_on"] == "2026-11-02"
    assert [event["on"] for event in exported["events"]] == ["2026-11-25"]


@pytest.mark.parametrize(
    "typed, day",
    [
        ("friday", "2026-12-04"),  # typed on a Friday: next week's, "today" rests today
        ("today", "2026-11-27"),
        ("saturday", "2026-11-28"),
        ("monday", "2026-11-30"),
        ("next friday", "2026-12-04"),
        ("tomorrow", "2026-11-28"),
        ("in 3 days", "2026-11-30"),
        ("in 2 weeks", "2026-12-11"),
        ("Dec 1", "2026-12-01"),
        ("yesterday", "2026-11-26"),
    ],
)
def test_a_rest_day_is_planned_so_it_looks_ahead(onward, typed, day):
    status, out, _ = onward("rest", typed)
    assert (status, out) == (0, f"Marked {day} as a rest day.\n")


@pytest.mark.parametrize(
    "argv, message",
    [
        (("add", "Acme", "Analyst", "--date", "32 Nov"), "November has 30 days"),
        (("act", "learning", "--date", "31 Apr"), "April has 30 days"),
        (("win", "Yay", "--date", "Feb 30"), "February has at most 29 days"),
        (("act", "learning", "--date", "0 Jan"), "days of the month start at 1"),
        (("act", "learning", "--date", "in 3 days"), "2026-11-30 is in the future; use today or an earlier day"),
        (("act", "learning", "--date", "next friday"), "is in the future"),
        (("rest", "in 3 weeks"), "too far ahead; use a day within 14 days"),
        (("rest", "Feb 29"), "write its year, like 2024-02-29 or 2028-02-29"),
        # A year-less day is its nearest occurrence; on the wrong side it is refused, never moved a year.
        (("add", "Acme", "Analyst", "--date", "Feb 29"), "February 29 is more than six months away either way"),
        (("act", "networking", "--date", "Nov 28"), "Nov 28 is ahead (2026-11-28); to log last year's, write 2025-11-28."),
        (("rest", "Dec 17"), "Dec 17 is too far ahead (2026-12-17); use a day within 14 days, or write 2025-12-17 for last year's."),
        (("follow-up", "1", "--on", "Nov 20"), "Nov 20 has gone by (2026-11-20); to plan next year's, write 2027-11-20."),
        (("rest", "whenever"), '"whenever" is not a date I can read; use a date like 2026-11-30 or "Nov 30", "tomorrow"'),
        (("act", "learning", "--date", "whenever"), 'use a date like 2026-11-02 or "Nov 2", "today", "yesterday"'),
    ],
)
def test_days_that_cant_be_are_refused_saying_why(onward, journal_path, argv, message):
    status, _, err = onward(*argv)
    assert status == 2 and message in err
    assert not journal_path.exists()


def test_around_the_new_year_the_refusal_names_this_years_day(onward, journal_path, monkeypatch):
    """A tester's report: on 14 December "Mar 4" (read as next March) said "to log last year's, write
    2026-03-04", and on 4 January a follow-up "Nov 30" said "to plan next year's, write 2027-11-30": both are
    this year's."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-14")
    status, _, err = onward("add", "X", "Y", "--date", "Mar 4")
    assert status == 2 and "Mar 4 is ahead (2027-03-04); to log this year's, write 2026-03-04." in err
    assert not journal_path.exists()
    monkeypatch.setenv("ONWARD_TODAY", "2027-01-04")
    assert onward("add", "X", "Y", "--date", "2027-01-01")[0] == 0
    status, _, err = onward("follow-up", "1", "--on", "Nov 30")
    assert status == 2 and "Nov 30 has gone by (2026-11-30); to plan this year's, write 2027-11-30." in err


def test_a_spreadsheet_reads_its_dates_as_the_command_line_does(onward, journal_path, tmp_path):
    """A tester's sheet: "3/4" was "not a date I can read" (the command line: it could be March 4 or April
    3), "yesterday" was refused, and a day ahead had words of its own. Now each is what `add --date` says."""
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Role,Applied\nA,R,3/4\nB,R,yesterday\nC,R,Dec 20\nD,R,2026-11-28\n", encoding="utf-8")
    status, out, _ = onward("import", "csv", str(sheet), "--yes")
    assert status == 0 and "2026-11-26  B — R" in out
    for line, typed in ((2, "3/4"), (4, "Dec 20"), (5, "2026-11-28")):
        refused = onward("add", "X", "Y", "--date", typed)[2].removeprefix("onward: ").strip()
        assert f"  line {line}: {refused}\n" in out, (typed, out)


def test_a_dotted_date_is_day_first_on_the_command_line_and_in_a_sheet(onward, tmp_path):
    """A tester's "1.12.2026" was refused as ambiguous; dotted dates are day first wherever they are written."""
    assert onward("add", "Acme", "Analyst", "--date", "1.11.2026")[0] == 0
    assert onward("log", "1", "screening", "--date", "3.11.")[0] == 0
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Role,Applied\nBirch,Dev,2.11.2026\n", encoding="utf-8")
    status, out, _ = onward("import", "csv", str(sheet), "--yes")
    assert status == 0 and "2026-11-02  Birch — Dev" in out
    exported = json.loads(onward("export", "json")[1])["applications"]
    assert [a["applied_on"] for a in exported] == ["2026-11-01", "2026-11-02"]
    assert [event["on"] for event in exported[0]["events"]] == ["2026-11-03"]
