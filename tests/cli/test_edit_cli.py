"""onward show, edit, remove and merge, and add --again: fixing the past from the command line, with the
same rules as the app (the action layer's), one-line errors and exit 2 for what can't be done."""

import io

import pytest

from tui.store.repository import Journal


class Terminal(io.StringIO):
    """Standard input at a terminal, where someone answers."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def acme(onward):
    """Acme (id 1) applied 10 days ago, followed up (outcome 1), interviewed (outcome 2), rejected (outcome 3)."""
    assert onward("add", "Acme", "Analyst", "--date", "10 days ago", "--field", "data")[0] == 0
    assert onward("log", "1", "followed_up", "--date", "8 days ago")[0] == 0
    assert onward("log", "1", "interview", "--date", "5 days ago")[0] == 0
    assert onward("log", "1", "rejected", "--date", "2 days ago")[0] == 0
    return onward


def read(journal_path, what):
    journal = Journal.open(journal_path)
    try:
        return what(journal)
    finally:
        journal.close()


def test_show_prints_the_timeline_with_the_ids_edit_needs(acme):
    status, out, _ = acme("show", "1")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Acme — Analyst (id 1) · rejected · data"
    assert "2026-11-17  applied" in lines[1] and lines[1].endswith("step 1")
    assert any("2026-11-22  interview" in line and line.endswith("outcome 2, step 3") for line in lines)
    assert any("rejected (interview)" in line and line.endswith("outcome 3") for line in lines)
    assert any("win: Interview invite from Acme" in line for line in lines)


def test_show_refuses_an_application_that_is_not_there(acme):
    status, _, err = acme("show", "9")
    assert status == 2 and err.strip() == "onward: There is no application with id 9."


def test_edit_event_moves_an_outcome_and_changes_a_rejections_stage(acme, journal_path):
    status, out, _ = acme("edit", "event", "2", "--date", "4 days ago", "--note", "panel of three")
    assert status == 0 and out.strip() == "Saved the interview at Acme (2026-11-23)."
    assert acme("edit", "event", "3", "--stage", "screening")[0] == 0
    event, steps = read(journal_path, lambda j: (j.applications.event(2), j.steps.of_event(2)))
    assert (event.on.isoformat(), event.note) == ("2026-11-23", "panel of three")
    assert [s.on.isoformat() for s in steps] == ["2026-11-23"]
    assert read(journal_path, lambda j: j.applications.event(3).stage.value) == "screening"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["edit", "event", "2", "--date", "20 days ago"], "is before you applied to Acme"),
        (["edit", "event", "2", "--stage", "screening"], "A stage goes only with a rejection."),
        (["edit", "event", "2", "--stage", "lunch"], '"lunch" is not a stage'),
        (["edit", "event", "2"], "Nothing to change: give --date, --stage or --note."),
        (["edit", "event", "x"], '"x" is not an outcome id'),
        (["edit", "event", "99", "--note", "hi"], "There is no outcome with id 99."),
        (["edit", "action", "1", "--note", "hi"], "Onward logged this step when you added Acme"),
        (["edit", "action", "3", "--note", "hi"], "edit that outcome (id 2) instead"),
        (["edit", "action", "1", "--kind", "applied"], '"applied" is not a kind of step'),
        (["edit", "win", "1"], "Nothing to change: give --title, --kind or --date."),
        # A win tied to an application is refused a day before it was applied to, as its outcomes are.
        (["edit", "win", "1", "--date", "20 days ago"], "2026-11-07 is before you applied to Acme (2026-11-17)."),
        (["win", "Met the team", "--app", "1", "--date", "2026-11-16"], "2026-11-16 is before you applied to Acme (2026-11-17)."),
    ],
)
def test_edits_that_cannot_be_made_are_one_line_and_exit_2(acme, journal_path, argv, message):
    before = read(journal_path, lambda j: (j.applications.every(), j.steps.every(), j.wins.every()))
    status, out, err = acme(*argv)
    assert status == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert read(journal_path, lambda j: (j.applications.every(), j.steps.every(), j.wins.every())) == before


def test_a_win_tied_to_an_application_may_move_to_its_applied_day_or_later(acme, journal_path):
    assert acme("edit", "win", "1", "--date", "2026-11-17")[0] == 0
    assert acme("edit", "win", "1", "--date", "2026-11-20", "--title", "Sent it")[0] == 0
    assert read(journal_path, lambda j: (j.wins.get(1).on.isoformat(), j.wins.get(1).title)) == ("2026-11-20", "Sent it")


def test_edit_action_and_edit_win(onward, journal_path):
    onward("act", "networking", "--note", "coffee", "--date", "yesterday")
    onward("win", "Portfolio done")
    assert onward("edit", "action", "1", "--kind", "learning", "--date", "2 days ago")[1].strip() == "Saved learning on 2026-11-25."
    assert onward("edit", "win", "1", "--title", "Portfolio live", "--kind", "skill_learned", "--date", "monday")[0] == 0
    action, win = read(journal_path, lambda j: (j.steps.get(1), j.wins.get(1)))
    assert (action.kind.value, action.on.isoformat(), action.note) == ("learning", "2026-11-25", "coffee")
    assert (win.title, win.kind.value, win.on.isoformat()) == ("Portfolio live", "skill_learned", "2026-11-23")


def test_show_never_starts_a_journal(onward, journal_path):
    status, _, err = onward("show", "1")
    assert status == 1 and not journal_path.exists()


def test_remove_without_a_terminal_asks_for_yes_and_removes_nothing(acme, journal_path):
    status, _, err = acme("remove", "application", "1")
    assert status == 2 and "add --yes" in err
    assert len(read(journal_path, lambda j: j.applications.every())) == 1


@pytest.mark.parametrize("argv, said", [
    (["remove", "event", "999"], "There is no outcome with id 999."),
    (["remove", "win", "999"], "There is no win with id 999."),
    (["merge", "1", "1"], "That is one application; pick two to merge."),
    (["merge", "1", "999"], "There is no application with id 999."),
    (["merge", "999", "1"], "There is no application with id 999."),
    (["settle"], "Nothing to settle: nothing the Inbox asks about is older than the follow-up window (7 days)."),
])
def test_a_question_nobody_can_answer_says_first_what_yes_would_refuse(acme, argv, said):
    """Without a terminal, what --yes would then refuse is said, never "add --yes" for a command that fails."""
    assert acme(*argv)[1:] == ("", f"onward: {said}\n")
    assert acme(*argv, "--yes")[1:] == ("", f"onward: {said}\n")


def test_remove_at_a_terminal_names_what_goes_and_asks(acme, journal_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, _ = acme("remove", "application", "1")
    assert status == 0
    assert "Remove Acme — Analyst (applied 2026-11-17) and its 3 outcomes, 3 steps and 2 wins? The command line can't undo it. [y/N]" in out
    assert out.strip().endswith("Nothing was removed.")
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert acme("remove", "application", "1")[1].strip().endswith("Removed Acme — Analyst.")
    assert read(journal_path, lambda j: (j.applications.every(), j.steps.every(), j.wins.every())) == ([], [], [])


def test_remove_names_the_streak_milestone_a_step_held_up(onward, journal_path, monkeypatch):
    """Applied Mon 23 Nov, networking Tue 24 and Wed 25: removing Tuesday's step takes the 3-day streak's win,
    and the question says so before anything goes."""
    assert onward("add", "Acme", "Analyst", "--date", "2026-11-23")[0] == 0
    for day in ("2026-11-24", "2026-11-25"):
        assert onward("act", "networking", "--date", day)[0] == 0
    step = read(journal_path, lambda j: [a.id for a in j.steps.every() if a.on.isoformat() == "2026-11-24"])[0]
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, _ = onward("remove", "action", str(step))
    assert status == 0
    assert "Remove the networking step on 2026-11-24 and the win “3-day streak of persistent days”? " in out
    assert "3-day streak of persistent days" in read(journal_path, lambda j: {w.title for w in j.wins.every()})


def test_edit_event_date_moves_the_day_an_interview_was_held_as_the_app_does(onward, journal_path):
    """Logged Fri 20 Nov for Mon 23, held: --date is the day it was held (show lists it on that day, still logged
    the 20th, the step with it); one still planned says how its day changes instead."""
    assert onward("add", "Acme", "Analyst", "--date", "2026-11-16")[0] == 0
    assert onward("log", "1", "interview", "--date", "2026-11-20", "--on", "2026-11-23")[0] == 0
    assert onward("interview", "1", "held")[0] == 0
    status, out, _ = onward("edit", "event", "1", "--date", "2026-11-24")
    assert (status, out) == (0, "Saved the interview at Acme (2026-11-24).\n")
    shown = onward("show", "1")[1]
    assert "2026-11-24  interview held · logged 2026-11-20" in shown
    assert read(journal_path, lambda j: [a.on.isoformat() for a in j.steps.of_event(1)]) == ["2026-11-24"]
    assert onward("log", "1", "final_round", "--date", "2026-11-26", "--on", "2026-12-01")[0] == 0
    status, _, err = onward("edit", "event", "2", "--date", "2026-11-25")
    assert status == 2 and "is planned for Tue; if its day changed, say it moved" in err
    assert "interview 1 moved --on DAY" in err


@pytest.mark.parametrize("kind, record_id, left", [("event", "3", "interview"), ("win", "2", "rejected")])
def test_remove_one_record_with_yes(acme, journal_path, kind, record_id, left):
    status, out, _ = acme("remove", kind, record_id, "--yes")
    assert status == 0 and out.startswith("Removed ")
    assert read(journal_path, lambda j: j.applications.get(1).status.value) == left


def test_add_refuses_a_duplicate_unless_again(acme, journal_path):
    status, _, err = acme("add", " acme ", "ANALYST")
    assert status == 2
    assert err.strip() == (
        "onward: Acme — Analyst is already in your journal (id 1, applied 2026-11-17); use --again if this is a new application."
    )
    assert acme("add", "acme", "analyst", "--again") == (0, "2\n", "")


def test_merge_moves_everything_onto_the_one_kept(acme, journal_path):
    acme("add", "Acme", "Analyst", "--again", "--source", "LinkedIn")
    status, out, _ = acme("merge", "2", "1", "--yes")
    assert status == 0 and out.strip() == "Merged Acme — Analyst (id 1) into Acme — Analyst (id 2)."
    app = read(journal_path, lambda j: j.applications.get(2))
    assert [a.id for a in read(journal_path, lambda j: j.applications.every())] == [2]
    assert (app.applied_on.isoformat(), app.field, app.source, app.status.value) == ("2026-11-17", "data", "LinkedIn", "rejected")
    assert acme("merge", "2", "2", "--yes")[2].strip() == "onward: That is one application; pick two to merge."
    assert acme("merge", "2", "1")[2].strip() == "onward: There is no application with id 1."  # merged away: not "add --yes"


def test_merge_at_a_terminal_asks_first(acme, journal_path, monkeypatch):
    acme("add", "Acme", "Analyst", "--again")
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, _ = acme("merge", "2", "1")
    assert status == 0
    assert out.startswith(
        "Merge Acme — Analyst (applied 2026-11-17) and its 3 outcomes, 3 steps and 2 wins (id 1) into Acme — Analyst (applied 2026-11-27) (id 2)?"
    )
    assert out.strip().endswith("Nothing was merged.")
    assert "(id 2)? It will ask to be reflected on. The command line can't undo it." in out  # what the merged one asks (id 1 is rejected)
    assert len(read(journal_path, lambda j: j.applications.every())) == 2


def test_edit_application_changes_what_the_apps_form_changes_and_keeps_the_rest(acme, journal_path):
    """`onward edit application ID` (issue 23): the app's edit form on the command line, through the same action."""
    status, out, _ = acme(
        "edit", "application", "1", "--company", "Acme Corp", "--source", "LinkedIn", "--url", "https://acme.example/jobs/7",
        "--date", "11 days ago", "--notes", "referred by Sam",
    )
    assert (status, out) == (0, "Saved Acme Corp — Analyst.\n")
    app, steps = read(journal_path, lambda j: (j.applications.get(1), j.steps.of_application(1)))
    assert (app.company, app.role, app.field, app.source, app.url, app.notes) == (
        "Acme Corp", "Analyst", "data", "LinkedIn", "https://acme.example/jobs/7", "referred by Sam"
    )
    assert app.applied_on.isoformat() == "2026-11-16" and "2026-11-16" in [s.on.isoformat() for s in steps]
    assert acme("edit", "application", "1", "--role", "Senior Analyst", "--field", "")[0] == 0
    assert read(journal_path, lambda j: (j.applications.get(1).role, j.applications.get(1).field)) == ("Senior Analyst", "")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["1"], "Nothing to change: give --company, --role, --field, --source, --url, --date or --notes."),
        (["9", "--role", "x"], "There is no application with id 9."),
        (["1", "--company", " "], "Company can't be empty."),
        (["1", "--date", "3 days ago"], "Applied can't be after the first outcome (2026-11-19)."),
    ],
)
def test_edit_application_refusals_say_why_and_change_nothing(acme, journal_path, argv, message):
    from tests.cli.test_support_cli import everything

    before = everything(journal_path)
    status, out, err = acme("edit", "application", *argv)
    assert (status, out) == (2, "") and err.strip() == f"onward: {message}"
    assert everything(journal_path) == before


def test_the_applied_step_points_to_the_real_command(acme):
    status, _, err = acme("edit", "action", "1", "--date", "yesterday")
    assert status == 2 and "`onward --db " in err and " edit application 1 --date DAY`" in err
    status, _, err = acme("remove", "action", "1", "--yes")
    assert status == 2 and " remove application 1`" in err


def test_confirmations_name_outcomes_and_steps_as_nouns(onward):
    """Tester (try5 #7): "Saved the followed up at Litware", "Saved the ghosted at…", "Logged withdrawn at
    Wingtip." and a step form titled "Edit the reached out for support step"."""
    from tui.domain.models import ActionKind
    from tui.domain.story import step_noun

    assert onward("add", "Wingtip", "Dev", "--date", "10 days ago")[0] == 0
    assert onward("log", "1", "withdrawn")[1].startswith("Logged withdrawal at Wingtip.")
    assert onward("edit", "event", "1", "--note", "x")[1].startswith("Saved the withdrawal at Wingtip (")
    assert onward("add", "Litware", "QA", "--date", "10 days ago")[0] == 0
    assert onward("log", "2", "followed_up", "--date", "2 days ago")[0] == 0
    assert onward("edit", "event", "2", "--note", "x")[1].startswith("Saved the follow-up at Litware (")
    assert onward("log", "2", "ghosted")[1].startswith("Logged ghosting at Litware.")
    assert onward("act", "support")[1].startswith("Logged reaching out for support on ")
    assert step_noun(ActionKind.SUPPORT) == "reaching out for support"  # the step form's title asks it too


def test_settle_at_a_terminal_asks_what_the_app_asks(onward, monkeypatch):
    """Tester (try6 #8b): `onward settle` asked "Settle 3 applications as history (…)? Their records stay." while
    the app said what settling does to open ones and rejections: one wording (attention.settle_question). Said as
    what they will do once settled (try7 L2: "(no follow-ups due, not gone quiet)" read as what they are now)."""
    onward("add", "Old Co", "Analyst", "--date", "2026-08-03")
    onward("add", "Gone Co", "Analyst", "--date", "2026-08-04")
    onward("log", "2", "rejected", "--date", "2026-08-20")
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    status, out, _ = onward("settle")
    assert status == 0 and out.startswith(
        "Settle 2 applications older than the follow-up window as history (Old Co — Analyst, Gone Co — Analyst)? "
        "1 open one (it will ask nothing: no follow-ups, no gone quiet) and 1 rejection (it will not ask to be reflected on); "
        "every record stays, and news brings one back."
    )
    assert out.strip().endswith("Nothing was settled.")
