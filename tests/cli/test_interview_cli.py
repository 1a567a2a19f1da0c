"""onward log … --on DAY and onward interview ID held|moved|cancelled (issue 13)."""

import json


def planned(onward):
    status, out, _ = onward("export", "json")
    return [e for a in json.loads(out)["applications"] for e in a["events"] if e.get("held")]


def test_plan_an_interview_then_move_and_hold_it(onward, monkeypatch):
    onward("add", "Acme", "Analyst", "--date", "3 days ago")
    status, out, _ = onward("log", "1", "interview", "--on", "thursday")  # today is Friday 27 Nov
    assert status == 0 and out.startswith("Logged interview at Acme for Thu.")
    assert [(e["takes_place_on"], e["held"]) for e in planned(onward)] == [("2026-12-03", "planned")]
    status, _, err = onward("interview", "1", "held")
    assert status == 2 and "is on Thu; say how it went on the day or after" in err
    assert onward("interview", "1", "moved", "--on", "Dec 8")[0] == 0
    assert planned(onward)[0]["takes_place_on"] == "2026-12-08"
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-08")
    status, out, _ = onward("interview", "1", "held")
    assert status == 0 and "counts as a step" in out
    assert planned(onward)[0]["held"] == "attended"
    assert onward("interview", "1", "cancelled")[2].startswith("onward: The interview at Acme was already held, on 2026-12-08")


def _suggested(err):
    """The command a refusal suggests (between backticks), as words to run, its DAY made a day."""
    import shlex

    words = shlex.split(err.split("`")[1])
    assert words[0] == "onward"
    return [("Dec 20" if word == "DAY" else word) for word in words[1:]]


def test_a_screening_already_held_says_so_and_when_and_names_a_command_that_plans_the_next(onward, journal_path):
    """Issue try5 #12: it said "has no screening or interview planned; log one with --on DAY" (an option of
    `onward log`, not of `onward interview`), never that it was held."""
    onward("add", "Initech", "Analyst", "--date", "2026-11-20")
    status, _, err = onward("interview", "1", "held")
    assert status == 2 and "Initech has no screening or interview planned, nor one held" in err
    assert _suggested(err) == ["--db", str(journal_path), "log", "1", "screening", "--on", "Dec 20"]
    assert onward("log", "1", "screening", "--on", "2026-11-25")[0] == 0  # a day gone by: held then
    before = onward("export", "json")[1]
    for what in (["held"], ["cancelled"], ["moved", "--on", "Dec 20"]):
        status, out, err = onward("interview", "1", *what)
        assert status == 2 and out == "" and len(err.strip().splitlines()) == 1, err
        assert "The screening at Initech was already held, on 2026-11-25, and nothing else is planned there" in err
        assert "--on DAY`" in err and "log 1 interview --on DAY" in err and str(journal_path) in err
    assert onward("export", "json")[1] == before  # nothing changed
    status, out, err = onward(*_suggested(err))
    assert status == 0 and "Logged interview at Initech for Sun 20 Dec." in out, err
    assert onward("interview", "1", "cancelled")[0] == 0
    status, _, err = onward("interview", "1", "held")
    assert status == 2 and "The interview at Initech on 2026-12-20 was called off" in err
    # Called off, it left the application at the screening held (not at interview, where `onward log 1 interview`
    # was refused, issue try6 #1): planning another interview is suggested, and works as printed.
    assert "log 1 interview --on DAY` plans it again" in err
    assert onward("log", "1", "interview", "--on", "Dec 22")[0] == 0


def test_the_day_goes_only_with_what_takes_place(onward):
    onward("add", "Acme", "Analyst", "--date", "3 days ago")
    status, _, err = onward("log", "1", "followed_up", "--on", "tomorrow")
    assert status == 2 and "goes only with a screening" in err
    status, _, err = onward("log", "1", "interview", "--on", "32 Nov")
    assert status == 2 and "November has 30 days" in err
    status, _, err = onward("interview", "1", "moved")
    assert status == 2 and "moved needs it" in err


def test_follow_up_cadence_settings_and_a_day_of_ones_own(onward):
    onward("add", "Acme", "Analyst", "--date", "2026-11-10")
    status, out, _ = onward("settings", "--follow-ups", "3", "--follow-up-days", "5")
    assert status == 0 and "Follow-ups: up to 3, due 5 days after applying and after each." in out
    assert onward("settings", "--follow-ups", "11")[0] == 2
    status, out, _ = onward("follow-up", "1", "--on", "Dec 2")
    assert status == 0 and out.startswith("Follow-up with Acme set: due Wed.")
    status, out, _ = onward("follow-up", "1", "--clear")
    assert status == 0 and "back to the usual rhythm: due since 2026-11-15" in out
    status, _, err = onward("follow-up", "1", "--on", "yesterday")
    assert status == 2 and "has gone by" in err
    assert onward("follow-up", "1")[0] == 2  # --on or --clear


def test_export_ics_is_a_calendar_of_what_is_coming(onward, tmp_path):
    from icalendar import Calendar

    onward("add", "Acme", "Analyst", "--date", "3 days ago")
    onward("log", "1", "interview", "--on", "thursday")
    status, out, _ = onward("export", "ics", "-o", str(tmp_path / "plan.ics"))
    assert status == 0
    events = {str(e["UID"]): e for e in Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")}
    assert events["interview-1@onward.local"]["DTSTART"].dt.isoformat() == "2026-12-03"
    assert (tmp_path / "plan.ics").stat().st_mode & 0o777 == 0o600


def test_a_follow_up_day_on_a_closed_application_needs_reopen(onward):
    """The rule every outcome follows (issue 23): a rejected application gets a follow-up day only with --reopen."""
    onward("add", "Acme", "Analyst", "--date", "3 days ago")
    assert onward("log", "1", "rejected")[0] == 0
    status, _, err = onward("follow-up", "1", "--on", "monday")
    assert status == 2 and "Acme is closed (rejected)" in err and "--reopen" in err
    assert json.loads(onward("export", "json")[1])["applications"][0].get("follow_up_on") is None
    status, out, _ = onward("follow-up", "1", "--on", "monday", "--reopen")
    assert status == 0 and out.startswith("Follow-up with Acme set")
    assert onward("follow-up", "1", "--clear")[0] == 0  # clearing one never needs it


def test_a_rejection_calls_off_the_interview_still_to_come(onward):
    onward("add", "Umbrella", "Designer", "--date", "3 days ago")
    onward("log", "1", "interview", "--on", "Dec 2")
    assert "SUMMARY:Interview: Umbrella" in onward("export", "ics")[1]
    assert onward("log", "1", "rejected", "--stage", "interview")[0] == 0
    assert "Interview: Umbrella" not in onward("export", "ics")[1]
    status, out, _ = onward("show", "1")
    assert status == 0 and "interview called off" in out and "planned" not in out


def test_an_interview_called_off_by_a_closing_stays_called_off_and_holding_it_needs_reopen(onward, monkeypatch):
    """Withdrawn (or rejected) before its day: after the day it is still called off (show, report), and saying
    it was held changes a closed application, so it needs --reopen (the app asks first)."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-01")
    onward("add", "B", "R")
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-02")
    onward("log", "1", "interview", "--on", "Dec 10")
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-03")
    assert onward("log", "1", "withdrawn")[0] == 0
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    status, out, _ = onward("show", "1")
    assert status == 0 and "interview called off" in out and "no word yet" not in out
    report = onward("report", "--since", "2026-12-01")[1]
    assert "| cancelled |" in report and "no word yet" not in report
    status, _, err = onward("interview", "1", "held")
    assert status == 2 and "B is closed (withdrawn)" in err and "--reopen" in err
    assert planned(onward)[0]["held"] == "planned"
    status, out, _ = onward("interview", "1", "held", "--reopen")
    assert status == 0 and "counts as a step" in out
    assert planned(onward)[0]["held"] == "attended"


def _run_what_it_suggests(onward, err):
    """Run the command a refusal suggests, if any, as printed; it must not be refused."""
    if "`" not in err:
        return None
    status, out, err = onward(*_suggested(err))
    assert status == 0 and out.startswith("Logged "), err
    return out


def test_a_suggested_command_to_plan_a_round_works_when_run_or_none_is_suggested(onward, journal_path, monkeypatch):
    """Issue try6 #1: the suggestion was built without asking the check `onward log` runs, so it was refused
    ("already at interview", "already at final round", "closed (rejected)… Use --reopen")."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    # A cancelled interview while the application is at interview: logging another interview is refused.
    onward("add", "Initech", "Dev", "--date", "Dec 1")
    onward("log", "1", "screening", "--on", "today")
    assert onward("interview", "1", "held")[0] == 0
    onward("log", "1", "interview", "--on", "Dec 14")
    assert onward("interview", "1", "cancelled")[0] == 0
    status, _, err = onward("interview", "1", "cancelled")
    assert status == 2 and "The interview at Initech on 2026-12-14 was called off, and nothing else is planned there" in err
    _run_what_it_suggests(onward, err)
    # A final round held while at final round.
    onward("add", "Globex", "Dev", "--date", "Dec 1")
    onward("log", "2", "final_round", "--on", "today")
    assert onward("interview", "2", "held")[0] == 0
    status, _, err = onward("interview", "2", "held")
    assert status == 2 and "The final round at Globex was already held" in err
    _run_what_it_suggests(onward, err)
    # Rejected after an interview: the next round only with --reopen, and it says it reopens.
    onward("add", "Hooli", "Dev", "--date", "Nov 20")
    onward("log", "3", "interview", "--on", "Nov 25")
    onward("log", "3", "rejected", "--stage", "interview")
    status, _, err = onward("interview", "3", "held")
    assert status == 2 and "The interview at Hooli was already held" in err
    assert "--reopen`" in err and "reopens Hooli" in err
    assert "Logged final round at Hooli" in _run_what_it_suggests(onward, err)
