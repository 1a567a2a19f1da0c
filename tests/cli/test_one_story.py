"""One story, told the same everywhere (issue 23): four interviews booked on Friday 20 Nov — one held on Friday
27 Nov (today), one cancelled, one moved to Mon 30 Nov, one final round still planned for Wed 2 Dec — read by
Today, `onward show`, the activity report, the timeline, Insights, the calendar feed and the exports. Each reader
says the same: only the held one happened, on the day it was held."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from tui.store.repository import Journal

TODAY = date(2026, 11, 27)
HELD, CANCELLED, MOVED, PLANNED = 1, 2, 3, 4
"""The applications' ids (and their outcomes' ids: one outcome each)."""


@pytest.fixture
def story(onward, monkeypatch, journal_path):
    """The four applications, written through the command line on the days they happened."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-16")
    for company in ("Heldco", "Cancelco", "Moveco", "Planco"):
        assert onward("add", company, "Analyst")[0] == 0
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-20")
    assert onward("log", str(HELD), "screening", "--on", "2026-11-27")[0] == 0
    assert onward("log", str(CANCELLED), "interview", "--on", "2026-11-26")[0] == 0
    assert onward("log", str(MOVED), "interview", "--on", "2026-11-26")[0] == 0
    assert onward("log", str(PLANNED), "final_round", "--on", "2026-12-02")[0] == 0
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-25")
    assert onward("interview", str(MOVED), "moved", "--on", "2026-11-30")[0] == 0
    assert onward("interview", str(CANCELLED), "cancelled")[0] == 0
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    assert onward("interview", str(HELD), "held")[0] == 0
    return journal_path


def test_today_lists_the_screening_held_today_and_coming_up_the_moved_and_planned_ones(story):
    from tui.domain.inbox import LiveInbox, Section

    journal = Journal.open(story)
    try:
        planned = journal.applications.planned_interviews()
        live = LiveInbox(journal.settings(), TODAY)
        apps = {app.id: app for app in journal.applications.inbox(TODAY)}
        live.place(apps.values(), journal.reflections.reflected_application_ids())
        inbox = live.inbox(
            journal.steps.every(on=TODAY), journal.wins.every(on=TODAY),
            interviews=[(event, apps[event.application_id]) for event in planned],
        )
    finally:
        journal.close()
    today = [(row.text, row.hint) for row in inbox.section(Section.TODAY)]
    assert ("Heldco — Analyst", "today: screening held") in today
    assert not any(text.startswith(("Cancelco", "Moveco", "Planco")) for text, _ in today)
    coming = [(row.text, row.hint) for row in inbox.section(Section.COMING_UP)]
    assert coming == [
        ("Interview at Moveco — Analyst", "Mon · in 3 days · moved from yesterday · m if it moves"),
        ("Final round at Planco — Analyst", "Wed · in 5 days · m if it moves"),
    ]


def show_lines(onward, application_id: int) -> list[str]:
    status, out, _ = onward("show", str(application_id))
    assert status == 0
    return [line.split() for line in out.splitlines()[1:]]


def test_show_dates_each_interview_on_its_day_and_says_whether_it_happened(story, onward):
    def outcome(application_id: int) -> list[str]:
        return next(line for line in show_lines(onward, application_id) if "outcome" in line)

    assert show_lines(onward, HELD)[0][:2] == ["2026-11-16", "applied"]
    # The day it was held, not the day it was logged (that is said too), with the step it earned.
    assert outcome(HELD) == ["2026-11-27", "screening", "held", "·", "logged", "2026-11-20", "outcome", "1,", "step", "5"]
    assert outcome(CANCELLED)[:3] == ["2026-11-26", "interview", "cancelled"] and "step" not in outcome(CANCELLED)
    assert outcome(MOVED)[:7] == ["2026-11-30", "interview", "planned", "·", "moved", "from", "2026-11-26"]
    assert "step" not in outcome(MOVED)
    assert outcome(PLANNED)[:4] == ["2026-12-02", "final", "round", "planned"]


def test_show_lists_applying_once_after_a_merge(story, onward, monkeypatch):
    """`merge` moves the other application's step for applying over: the timeline shows one "applied", so does show."""
    assert onward("add", "Heldco", "Analyst", "--again")[0] == 0
    assert onward("merge", str(HELD), "5", "--yes")[0] == 0
    applied = [line for line in show_lines(onward, HELD) if line[1] == "applied"]
    # The other was applied today: its step counts on today, and says so.
    assert len(applied) == 1 and applied[0][2:] == ["step", "1,", "step", "6", "(2026-11-27)"]


def test_the_report_counts_only_the_interview_held_on_its_day_and_lists_the_others_apart(story, onward):
    status, out, _ = onward("report", "--since", "2026-11-16", "--until", "2026-11-27")
    assert status == 0
    assert "**Total:** 4 applications · 0 follow-ups · 1 interview · 0 other proactive actions" in out
    done = out.split("## Interviews (1)")[1].split("##")[0]
    assert "| 2026-11-27 | screening | Heldco | Analyst |" in done
    assert "Cancelco" not in done and "Moveco" not in done and "Planco" not in done
    # Arranged in the period, never attended: listed apart, on their day, with the day they were arranged.
    apart = out.split("## Interviews arranged, not attended (3)")[1]
    assert "| 2026-11-26 | interview | Cancelco | Analyst | cancelled | 2026-11-20 |" in apart
    assert "| 2026-11-30 | interview | Moveco | Analyst | planned, moved from 2026-11-26 | 2026-11-20 |" in apart
    assert "| 2026-12-02 | final round | Planco | Analyst | planned | 2026-11-20 |" in apart
    # The week the interviews were booked in counts none of them; the held one counts on the day it was held.
    status, out, _ = onward("report", "--since", "2026-11-20", "--until", "2026-11-26", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[1] == ["No job-search activity is recorded from 2026-11-20 to 2026-11-26."]
    assert ["2026-11-26", "interview", "interview", "Cancelco", "Analyst", "cancelled", "2026-11-20"] in rows
    status, out, _ = onward("report", "--since", "2026-11-27", "--until", "2026-11-27", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert ["2026-11-27", "interview", "screening", "Heldco", "Analyst", "", "", ""] in rows


def test_the_timeline_puts_each_interview_on_its_day_with_what_became_of_it(story):
    from tui.domain.changes import Record
    from tui.domain.timeline import EntryKind, build_timeline

    journal = Journal.open(story)
    try:
        told = {}
        for application_id in (HELD, CANCELLED, MOVED, PLANNED):
            app = journal.applications.get(application_id)
            steps = [journal.steps.get(i) for i in journal.records.tied_to(Record.APPLICATION, app.id)[Record.ACTION]]
            entries = build_timeline(app, steps, [], [], TODAY)
            told[application_id] = [(e.on.isoformat(), e.text) for e in entries if e.kind is EntryKind.OUTCOME]
            if application_id == HELD:
                step = next(e for e in entries if e.kind is EntryKind.STEP)
                assert step.on == TODAY  # the step it earned counts on the day it was held
    finally:
        journal.close()
    assert told[HELD] == [("2026-11-27", "screening · on 2026-11-27 · held · logged 2026-11-20")]
    assert told[CANCELLED] == [("2026-11-26", "interview · was on 2026-11-26 · cancelled · logged 2026-11-20")]
    assert told[MOVED] == [("2026-11-30", "interview · on Mon (2026-11-30) · planned · moved from 2026-11-26 · logged 2026-11-20")]
    assert told[PLANNED] == [("2026-12-02", "final round · on Wed (2026-12-02) · planned · logged 2026-11-20")]


def test_insights_count_the_held_step_on_its_day_and_the_answers_on_the_day_they_came(story):
    from tui.domain.insights import build_insights

    journal = Journal.open(story)
    try:
        insights = build_insights(journal.applications.every(), journal.steps.step_counts(), 5, TODAY)
    finally:
        journal.close()
    this_week, last_week = insights.weeks[-1], insights.weeks[-2]
    # The four invitations (last Friday) earned no step; the screening held today did, this week.
    assert (this_week.applications, this_week.steps) == (0, 1)
    assert (last_week.applications, last_week.steps) == (4, 4)
    assert insights.week_progress.days == 1
    # Every employer answered on Friday 20 Nov, four days after the application, whatever became of the interview.
    assert insights.overall.days_to_answer == [4, 4, 4, 4]


def test_the_calendar_feed_holds_only_what_is_still_to_come(story, onward, tmp_path, monkeypatch):
    from icalendar import Calendar

    assert onward("export", "ics", "-o", str(tmp_path / "plan.ics"))[0] == 0
    events = {
        str(e["UID"]): e["DTSTART"].dt.isoformat()
        for e in Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")
        if str(e["UID"]).startswith("interview-")
    }
    assert events == {f"interview-{MOVED}@onward.local": "2026-11-30", f"interview-{PLANNED}@onward.local": "2026-12-02"}
    # On Tuesday the moved one's day has gone by with no word on how it went: it is not something to come.
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-01")
    assert onward("export", "ics", "-o", str(tmp_path / "later.ics"))[0] == 0
    later = Calendar.from_ical((tmp_path / "later.ics").read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in later if str(e["UID"]).startswith("interview-")] == [f"interview-{PLANNED}@onward.local"]


def test_the_exports_say_the_same(story, onward, tmp_path):
    assert onward("export", "csv", "-o", str(tmp_path / "apps.csv"))[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "apps.csv").read_text(encoding="utf-8-sig"))))
    last = {row["company"]: (row["last_step"], row["last_step_on"]) for row in rows}
    assert last == {
        "Heldco": ("screening held", "2026-11-27"),
        "Cancelco": ("interview cancelled", "2026-11-20"),
        "Moveco": ("interview planned", "2026-11-20"),
        "Planco": ("final round planned", "2026-11-20"),
    }
    status, out, _ = onward("list", "--json")
    assert {(a["company"], a["last_step"], a["last_step_on"]) for a in json.loads(out)} == {
        (company, *step) for company, step in last.items()
    }
    assert onward("export", "json", "-o", str(tmp_path / "all.json"))[0] == 0
    events = {a["company"]: a["events"][0] for a in json.loads((tmp_path / "all.json").read_text())["applications"]}
    assert {company: (e["takes_place_on"], e["held"], e.get("moved_from")) for company, e in events.items()} == {
        "Heldco": ("2026-11-27", "attended", None), "Cancelco": ("2026-11-26", "cancelled", None),
        "Moveco": ("2026-11-30", "planned", "2026-11-26"), "Planco": ("2026-12-02", "planned", None),
    }
    # The JSON holds the whole story: read into another journal, it is told the same.
    other = str(tmp_path / "other.db")
    assert onward("import", "json", str(tmp_path / "all.json"), "--yes", "--db", other)[0] == 0
    assert onward("export", "json", "--db", other)[1] == (tmp_path / "all.json").read_text()
    assert onward("show", str(MOVED), "--db", other)[1] == onward("show", str(MOVED))[1]


def test_a_screening_logged_as_it_happened_reads_held_everywhere(onward, journal_path, tmp_path):
    """A screening logged with no day of its own took place today: Today, `show`, `list` and the CSV export all
    say "screening held", as they do for one planned and later held (try7 A)."""
    from tui.domain.inbox import LiveInbox, Section

    assert onward("add", "Globex", "Product Designer", "--date", "yesterday")[0] == 0
    assert onward("log", "1", "screening")[0] == 0
    journal = Journal.open(journal_path)
    try:
        live = LiveInbox(journal.settings(), TODAY)
        live.place(journal.applications.inbox(TODAY), journal.reflections.reflected_application_ids())
        inbox = live.inbox(journal.steps.every(on=TODAY), journal.wins.every(on=TODAY), interviews=[])
    finally:
        journal.close()
    assert ("Globex — Product Designer", "today: screening held") in [(r.text, r.hint) for r in inbox.section(Section.TODAY)]
    assert ["2026-11-27", "screening", "held"] in [line[:3] for line in show_lines(onward, 1)]
    assert onward("list")[1].splitlines()[1].split()[:5] == ["1", "screening", "2026-11-27", "screening", "held"]
    assert onward("export", "csv", "-o", str(tmp_path / "apps.csv"))[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "apps.csv").read_text(encoding="utf-8-sig"))))
    assert [(row["last_step"], row["last_step_on"]) for row in rows] == [("screening held", "2026-11-27")]


def today_rows(journal_path, today: date) -> list[tuple[str, str]]:
    from tui.domain.inbox import LiveInbox, Section

    journal = Journal.open(journal_path)
    try:
        live = LiveInbox(journal.settings(), today)
        live.place(journal.applications.inbox(today), journal.reflections.reflected_application_ids())
        inbox = live.inbox(journal.steps.every(on=today), journal.wins.every(on=today), interviews=[])
    finally:
        journal.close()
    return [(row.text, row.hint) for row in inbox.section(Section.TODAY)]


def test_a_screening_said_held_a_day_after_it_took_place_is_listed_today_as_logged_today(onward, journal_path, monkeypatch, tmp_path):
    """Tester (try7 B): a screening planned for Thu 10 Dec and said held (h) on Fri 11 Dec left Today: it was
    neither logged nor held that day. It reads "logged today: screening held yesterday", as one logged that
    day as held the day before does; the JSON keeps the day it was said."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-08")
    assert onward("add", "Acme Corp", "Data Analyst", "--date", "2026-12-01")[0] == 0
    assert onward("log", "1", "screening", "--on", "2026-12-10")[0] == 0
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-11")
    assert onward("interview", "1", "held")[0] == 0
    assert ("Acme Corp — Data Analyst", "logged today: screening held yesterday") in today_rows(journal_path, date(2026, 12, 11))
    assert not any(text.startswith("Acme") for text, _ in today_rows(journal_path, date(2026, 12, 12)))
    assert onward("export", "json", "-o", str(tmp_path / "all.json"))[0] == 0
    [event] = json.loads((tmp_path / "all.json").read_text())["applications"][0]["events"]
    assert (event["takes_place_on"], event["held"], event["said_on"]) == ("2026-12-10", "attended", "2026-12-11")
    other = str(tmp_path / "other.db")
    assert onward("import", "json", str(tmp_path / "all.json"), "--yes", "--db", other)[0] == 0
    assert onward("export", "json", "--db", other)[1] == (tmp_path / "all.json").read_text()
