"""`onward list` and `show` say what an application asks of you by the Inbox's rule (tui.domain.attention):
a follow-up due (never "gone quiet" before the follow-ups are made), gone quiet after the last one, and an
imported application settled as history (asking nothing: still open, or a rejection not asked to be reflected on;
never a closed one called open)."""

import json
from datetime import date


def test_list_and_show_say_a_follow_up_is_due_then_gone_quiet_after_the_last_one(onward, monkeypatch, journal_path):
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-21")
    assert onward("add", "Quiet", "Co", "--date", "2026-11-01")[0] == 0  # 50 days without a word
    assert onward("list")[1].splitlines()[1].endswith("Quiet — Co  (follow-up due)")
    assert json.loads(onward("list", "--json")[1])[0]["asks"] == "follow-up due"
    assert onward("show", "1")[1].splitlines()[-1] == (
        f"Follow-up due since 2026-11-08: `onward --db {journal_path} log 1 followed_up` when done."
    )
    for day in ("2026-11-10", "2026-11-18"):
        assert onward("log", "1", "followed_up", "--date", day)[0] == 0
    assert onward("list")[1].splitlines()[1].endswith("Quiet — Co  (gone quiet)")
    assert onward("show", "1")[1].splitlines()[-1] == (
        f"No word for 33 days: gone quiet? `onward --db {journal_path} log 1 ghosted` if so."
    )


def test_what_show_suggests_runs_as_printed_on_the_journal_it_shows(onward, monkeypatch, tmp_path):
    """Issue try6 #2: `onward show` built its commands by hand, without --db, so run as printed they acted on
    another journal."""
    import shlex

    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    spaced = tmp_path / "my dir" / "g.db"
    spaced.parent.mkdir()
    assert onward("add", "New Co", "Dev", "--date", "Dec 1", "--db", str(spaced))[0] == 0
    last = onward("show", "1", "--db", str(spaced))[1].splitlines()[-1]
    words = shlex.split(last.split("`")[1])
    assert words[0] == "onward" and words[-2:] == ["1", "followed_up"], last
    status, _, err = onward(*words[1:])  # ONWARD_DB names another journal: only its --db finds this one
    assert status == 0, err
    assert "2026-12-12 followed up" in onward("list", "--db", str(spaced))[1]


def test_an_imported_application_settled_as_history_is_listed_open_and_said_to_be_settled(onward, monkeypatch, tmp_path):
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-07")
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Position,Date Applied,Status\nHooli,Data Scientist,2026-11-20,Applied\nPied,Engineer,2026-12-05,Applied\n")
    assert onward("import", "csv", str(sheet), "--yes")[0] == 0
    lines = onward("list")[1].splitlines()
    assert lines[1].split()[:2] == ["1", "applied"] and lines[1].endswith("Hooli — Data Scientist  (settled)")
    assert lines[2].endswith("Pied — Engineer")
    assert onward("show", "1")[1].splitlines()[-1] == (
        "Settled history: still open, but asks nothing (no follow-up, not gone quiet); news brings it back."
    )


def test_closed_history_is_never_called_open_and_the_preview_counts_only_what_settling_changes(onward, monkeypatch, tmp_path):
    """Tester (try5 #2): a ghosted and a rejected row were "Settles 2 applications" and `show` called the ghosted
    one "Settled history: open, but it asks nothing"."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    sheet = tmp_path / "s.csv"
    sheet.write_text("Company,Role,Date applied,Status\nNorthwind,Analytics Engineer,2026-11-03,Ghosted\nContoso,Analyst,2026-11-02,Rejected\n")
    code, out = onward("import", "csv", str(sheet), "--yes")[:2]
    assert code == 0
    assert "Settles 1 application older than the follow-up window as history, every record kept: 1 rejection (it will not ask to be reflected on);" in out
    assert "screening" not in out  # (try6 #8a) no row in play: nothing said of one
    assert "(1 settled as history)" in out
    ghosted, rejected = onward("show", "1")[1], onward("show", "2")[1]
    assert "Settled" not in ghosted and "open" not in ghosted  # ghosted asks nothing anyway: nothing to settle
    assert rejected.splitlines()[-1] == "Settled history: a closed rejection, not asked to be reflected on (you still can)."
    listed = onward("list", "--all")[1].splitlines()
    assert listed[1].endswith("Northwind — Analytics Engineer") and listed[2].endswith("Contoso — Analyst  (settled)")
    assert [row["asks"] for row in json.loads(onward("list", "--all", "--json")[1])] == ["", "settled"]


def test_a_settled_rejection_reflected_on_reads_closed_in_show_and_list(onward, monkeypatch, tmp_path, journal_path):
    """Tester (try6 #4): after a reflection, `show` still said "not asked to be reflected on (you still can)" and
    `list --all` "(settled)", JSON "asks": "settled"."""
    from tui.actions.reflections import save_reflection
    from tui.domain.reflections import ReflectionEntry
    from tui.store.repository import Journal

    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    sheet = tmp_path / "k2.csv"
    sheet.write_text("Company,Role,Date applied,Status\nContoso,Analyst,2026-11-02,Rejected\n")
    assert onward("import", "csv", str(sheet), "--yes")[0] == 0
    assert onward("show", "1")[1].splitlines()[-1].startswith("Settled history: a closed rejection")
    journal = Journal.open(journal_path)
    save_reflection(journal, ReflectionEntry(mood=3), date(2026, 12, 12), application_id=1)
    journal.close()
    shown = onward("show", "1")[1]
    assert "Settled" not in shown and "reflected on" not in shown and "reflection (mood 3)" in shown
    assert onward("list", "--all")[1].splitlines()[1].endswith("Contoso — Analyst")
    assert json.loads(onward("list", "--all", "--json")[1])[0]["asks"] == ""


def test_show_points_at_the_words_kept_in_a_reflection_draft(onward, monkeypatch, tmp_path, journal_path):
    """Tester (try6 #3): `show` said only "A rejection to reflect on" though a draft of it was kept."""
    from tui.actions.reflections import keep_draft
    from tui.domain.reflections import draft_key
    from tui.store.repository import Journal

    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    sheet = tmp_path / "k2.csv"
    sheet.write_text("Company,Role,Date applied,Status\nContoso,Analyst,2026-11-02,Rejected\nFabrikam,PM,2026-12-10,Rejected\n")
    assert onward("import", "csv", str(sheet), "--yes")[0] == 0
    journal = Journal.open(journal_path)
    for application_id in (1, 2):
        keep_draft(journal, draft_key(None, application_id), {"body": "settled words"})
    journal.close()
    settled, live = onward("show", "1")[1].splitlines(), onward("show", "2")[1].splitlines()
    assert settled[-2].startswith("Settled history: a closed rejection")
    assert settled[-1] == (
        "Your words for a reflection on Contoso are kept in a draft: e on its row in the app's Inbox opens it "
        "(C shows it with the closed and settled ones)."
    )
    assert live[-2:] == [
        "A rejection to reflect on (e in the app's Inbox).",
        "Your words for a reflection on Fabrikam are kept in a draft: e on its row in the app's Inbox opens it.",
    ]


def test_a_follow_up_day_set_is_said_by_show_and_list(onward, monkeypatch):
    """Tester (try6 #7): `onward follow-up 1 --on DAY` was said by neither `show` nor `list` until due."""
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-12")
    assert onward("add", "Evil Co", "Dev", "--date", "2026-12-10")[0] == 0
    assert onward("follow-up", "1", "--on", "2026-12-20")[1].strip() == "Follow-up with Evil Co set: due Sun 20 Dec."
    assert onward("show", "1")[1].splitlines()[-1] == "Follow-up planned for Sun 20 Dec."
    assert onward("list")[1].splitlines()[1].endswith("Evil Co — Dev  (follow-up planned for Sun 20 Dec)")
    assert json.loads(onward("list", "--json")[1])[0]["follow_up_planned_on"] == "2026-12-20"
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-20")
    assert onward("show", "1")[1].splitlines()[-1].startswith("Follow-up due since 2026-12-20")


def test_show_lists_a_next_step_done_later_on_the_day_it_was_done(onward, monkeypatch, journal_path):
    """Tester (try7 H): a reflection's next step done three days after it was listed on the reflection's line;
    a step counts on the day it happened (PRODUCT), as the app's timeline shows it."""
    from tui.actions.reflections import save_reflection
    from tui.actions.steps import finish_next_step
    from tui.domain.reflections import ReflectionEntry
    from tui.store.repository import Journal

    monkeypatch.setenv("ONWARD_TODAY", "2026-12-08")
    assert onward("add", "Hooli", "Data Scientist", "--date", "2026-12-07")[0] == 0
    assert onward("log", "1", "rejected")[0] == 0
    journal = Journal.open(journal_path)
    try:
        saved = save_reflection(
            journal, ReflectionEntry(mood=2, next_step="Ask Sam for a mock interview", next_step_on=date(2026, 12, 11)),
            date(2026, 12, 8), application_id=1,
        )
        finish_next_step(journal, saved.id, date(2026, 12, 11))
        done = [s.id for s in journal.steps.every() if s.reflection_id is not None and s.on == date(2026, 12, 11)]
    finally:
        journal.close()
    monkeypatch.setenv("ONWARD_TODAY", "2026-12-15")
    lines = [line.split() for line in onward("show", "1")[1].splitlines()[1:]]
    reflected = next(line for line in lines if line[1] == "reflection")
    assert reflected[0] == "2026-12-08" and str(done[0]) not in [word.strip(",") for word in reflected[4:]]
    next_step = next(line for line in lines if "next" in line)
    assert next_step[:6] == ["2026-12-11", "next", "step", "done:", "Ask", "Sam"] and next_step[-2:] == ["step", str(done[0])]


def test_a_follow_up_logged_with_act_says_it_is_general_and_how_to_log_one_on_an_application(onward, journal_path):
    assert onward("add", "Fabrikam", "BI Developer", "--date", "2026-11-10")[0] == 0
    status, out, _ = onward("act", "followed_up")
    assert status == 0 and out.strip() == (
        "Logged a general follow-up (on no application) on 2026-11-27. Every step counts. "
        f"A follow-up on an application: `onward --db {journal_path} log ID followed_up`."
    )
    report = onward("report", "--since", "2026-11-27", "--format", "text")[1]
    assert "2026-11-27  general follow-up (no application named)" in report
