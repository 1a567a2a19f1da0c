"""The support circle, asking for feedback, learning for gaps and sharing a reflection on the command line:
`onward people` (add, contacted, edit, remove), `onward feedback`, `onward act learning --gaps`, `onward
share` and `onward insights --hide-nudge`. The rules and messages are the action layer's; every refusal is
one line on stderr, exit 2, and leaves the journal as it was."""

import sqlite3

import pytest

from tests.cli.test_edit_cli import Terminal, read
from tests.conftest import TODAY
from tui.actions.reflections import save_reflection
from tui.domain.models import ActionKind, Relation, WinKind
from tui.domain.reflections import check_reflection
from tui.store.repository import Journal


def everything(journal_path) -> list[str]:
    """Every row of every table, to see that a refusal wrote nothing."""
    connection = sqlite3.connect(journal_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def refused(onward, journal_path, *argv):
    """Run a command that must be refused: exit 2, nothing printed on stdout, nothing written. Returns stderr."""
    before = everything(journal_path)
    status, out, err = onward(*argv)
    assert (status, out) == (2, ""), err
    assert len(err.strip().splitlines()) == 1 and err.startswith("onward: ")
    assert everything(journal_path) == before
    return err.strip().removeprefix("onward: ")


@pytest.fixture
def circle(onward):
    """Sam Lee (mentor, a note) and Mum (family) in the circle; Sam reached out to yesterday."""
    assert onward("people", "add", "Sam Lee", "--relation", "mentor", "--note", "met at PyCon")[0] == 0
    assert onward("people", "add", "Mum", "--relation", "family")[0] == 0
    assert onward("people", "contacted", "sam lee", "--date", "yesterday", "--note", "coffee")[0] == 0
    return onward


@pytest.fixture
def rejected(onward):
    """Acme (id 1): interviewed, then rejected at the interview 2 days ago; Beta (id 2) rejected at the
    application stage; Cove (id 3) still waiting."""
    assert onward("add", "Acme", "Analyst", "--date", "10 days ago", "--field", "data")[0] == 0
    assert onward("log", "1", "interview", "--date", "5 days ago")[0] == 0
    assert onward("log", "1", "rejected", "--date", "2 days ago")[0] == 0
    assert onward("add", "Beta", "Analyst", "--date", "9 days ago")[0] == 0
    assert onward("log", "2", "rejected", "--stage", "application", "--date", "3 days ago")[0] == 0
    assert onward("add", "Cove", "Designer")[0] == 0
    return onward


def reflect(journal_path, application_id=None, **fields) -> int:
    journal = Journal.open(journal_path)
    try:
        entry = check_reflection(today=TODAY, **{"mood": 2, **fields})
        done = save_reflection(journal, entry, TODAY, application_id=application_id)
        assert done.id is not None
        return done.id
    finally:
        journal.close()


# onward people


def test_people_lists_the_circle_with_relation_last_contact_and_note(circle):
    status, out, err = circle("people")
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "name     relation   last contacted         note",
        "Mum      family     not contacted yet",
        "Sam Lee  mentor     last talked yesterday  met at PyCon",
    ]


def test_an_empty_circle_says_kindly_how_to_add_someone(onward, started, journal_path):
    assert onward("people") == (
        0, f"Nobody in your support circle yet; `onward --db {journal_path} people add NAME --relation friend` adds someone you lean on.\n", "",
    )


@pytest.mark.parametrize("argv", [["people"], ["share", "1"], ["insights"]])
def test_reading_the_circle_a_reflection_or_insights_never_starts_a_journal(onward, journal_path, argv):
    status, out, err = onward(*argv)
    assert status == 1 and out == "" and "no journal at" in err
    assert not journal_path.exists()


def test_people_add_puts_someone_in_the_circle(onward, journal_path):
    status, out, err = onward("people", "add", "  Sam   Lee ", "--relation", "Mentor", "--note", "met at PyCon")
    assert status == 0 and out == "Added Sam Lee (mentor) to your support circle.\n"
    assert onward("people", "add", "Jo")[1] == "Added Jo (other) to your support circle.\n"
    people = read(journal_path, lambda j: j.steps.people())
    assert [(p.name, p.relation, p.note, p.last_contacted) for p in people] == [
        ("Jo", Relation.OTHER, "", None), ("Sam Lee", Relation.MENTOR, "met at PyCon", None),
    ]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["people", "add", "Ana", "--relation", "boss"], '"boss" is not a relation; use one of: friend, family, mentor, peer, recruiter, other.'),
        (["people", "add", "   "], "Name can't be empty."),
        (["people", "add", "sam  LEE"], "Sam Lee is already in your support circle."),
        (["people", "add", "Ana", "--note", "x" * 20_001], "Note is 20,001 characters; at most 20,000 fit."),
    ],
)
def test_people_add_refusals_say_why_and_write_nothing(circle, journal_path, argv, message):
    assert refused(circle, journal_path, *argv) == message


def test_contacted_logs_a_support_step_that_counts_for_the_streak(circle, journal_path):
    status, out, _ = circle("people", "contacted", "MUM", "--note", "told her about Acme")
    assert status == 0 and out == "Logged reaching out to Mum on 2026-11-27. Leaning on people is a strength.\n"
    steps = read(journal_path, lambda j: [(a.kind, a.on, a.note, a.person_id) for a in j.steps.every()])
    mum = read(journal_path, lambda j: j.steps.people()[0])
    assert (ActionKind.SUPPORT, TODAY, "told her about Acme", mum.id) in steps
    assert mum.last_contacted == TODAY
    assert circle("streak", "--short")[1] == "🔥2\n"  # yesterday's talk with Sam and today's with Mum


def test_contacted_without_add_refuses_someone_not_in_the_circle_with_the_actions_words(circle, journal_path):
    assert refused(circle, journal_path, "people", "contacted", "Jo") == (
        "Jo isn't in your support circle yet; add them first (or say who they are to you, and they are added as you log it)."
    )


@pytest.mark.parametrize(
    "options, relation",
    [(["--add"], Relation.OTHER), (["--relation", "peer"], Relation.PEER), (["--add", "--relation", "friend"], Relation.FRIEND)],
)
def test_contacted_with_add_or_a_relation_adds_them_as_it_logs(circle, journal_path, options, relation):
    status, out, _ = circle("people", "contacted", "Jo", "--date", "monday", *options)
    assert status == 0
    assert out == "Logged reaching out to Jo on 2026-11-23. Leaning on people is a strength. Jo is in your support circle now.\n"
    jo = read(journal_path, lambda j: j.steps.people()[0])
    assert (jo.name, jo.relation, jo.last_contacted.isoformat()) == ("Jo", relation, "2026-11-23")
    # Someone already there is just reached out to: --add adds nobody twice.
    assert circle("people", "contacted", "jo", "--add")[0] == 0
    assert len(read(journal_path, lambda j: j.steps.people())) == 3


@pytest.mark.parametrize(
    "argv, message",
    [
        (["people", "contacted", "Sam Lee", "--date", "yesterday"], "You already logged reaching out to Sam Lee on 2026-11-26 — once a day is plenty."),
        (["people", "contacted", "Mum", "--date", "tomorrow"], "2026-11-28 is in the future"),
        (["people", "contacted", "Mum", "--date", "someday"], '"someday" is not a date'),
        (["people", "contacted", "Jo", "--relation", "boss"], '"boss" is not a relation'),
        (["people", "contacted", "", "--add"], "Name can't be empty."),
        (["people", "contacted", "Mum", "--note", "x" * 20_001], "Note is 20,001 characters; at most 20,000 fit."),
    ],
)
def test_contacted_refusals_say_why_and_write_nothing(circle, journal_path, argv, message):
    assert message in refused(circle, journal_path, *argv)


def test_people_edit_changes_a_name_relation_or_note(circle, journal_path):
    status, out, _ = circle("people", "edit", "sam lee", "--name", "Samira Lee", "--relation", "peer")
    assert status == 0 and out == "Saved Samira Lee.\n"
    assert circle("people", "edit", "Mum", "--note", "calls on Sundays")[0] == 0
    people = read(journal_path, lambda j: [(p.name, p.relation, p.note) for p in j.steps.people()])
    assert people == [("Mum", Relation.FAMILY, "calls on Sundays"), ("Samira Lee", Relation.PEER, "met at PyCon")]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["people", "edit", "Jo", "--note", "hi"], '"Jo" isn\'t in your support circle; `onward --db '),
        (["people", "edit", "Mum"], "Nothing to change: give --name, --relation or --note."),
        (["people", "edit", "Mum", "--relation", "family"], "Mum already reads so; nothing changed."),
        (["people", "edit", "Mum", "--name", "sam lee"], "Sam Lee is already in your support circle."),
        (["people", "edit", "Mum", "--relation", "aunt"], '"aunt" is not a relation'),
        (["people", "edit", "Mum", "--name", " "], "Name can't be empty."),
    ],
)
def test_people_edit_refusals_say_why_and_write_nothing(circle, journal_path, argv, message):
    assert message in refused(circle, journal_path, *argv)


def test_people_remove_asks_first_and_needs_yes_without_a_terminal(circle, journal_path):
    assert refused(circle, journal_path, "people", "remove", "Sam Lee") == "remove asks first; add --yes to go ahead without asking."
    assert refused(circle, journal_path, "people", "remove", "Jo", "--yes") == f'"Jo" isn\'t in your support circle; `onward --db {journal_path} people` lists who is.'
    # Someone not in the circle is said so first, not "add --yes" (which would then say it).
    assert refused(circle, journal_path, "people", "remove", "Jo") == f'"Jo" isn\'t in your support circle; `onward --db {journal_path} people` lists who is.'


def test_people_remove_at_a_terminal_names_them_and_asks(circle, journal_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    before = everything(journal_path)
    status, out, _ = circle("people", "remove", "sam lee")
    assert status == 0
    assert out == "Remove Sam Lee from your support circle? The command line can't undo it. [y/N] Nothing was removed.\n"
    assert everything(journal_path) == before
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert circle("people", "remove", "sam lee")[1].endswith(
        "[y/N] Removed Sam Lee from your support circle. The time you reached out to them still counts.\n"
    )
    assert [p.name for p in read(journal_path, lambda j: j.steps.people())] == ["Mum"]
    assert [a.kind for a in read(journal_path, lambda j: j.steps.every())] == [ActionKind.SUPPORT]  # it still counts


def test_people_remove_with_yes(circle, journal_path):
    assert circle("people", "remove", "Mum", "--yes") == (0, "Removed Mum from your support circle.\n", "")
    assert [p.name for p in read(journal_path, lambda j: j.steps.people())] == ["Sam Lee"]


def test_names_with_escape_codes_and_markup_print_literally_and_safely(onward, journal_path):
    name = "\x1b]0;owned\x07[bold]Sam[/]\x1b[2J"
    status, out, _ = onward("people", "add", name, "--note", "\x1b[31mred\x1b[0m")
    assert status == 0 and out == "Added [bold]Sam[/] (other) to your support circle.\n"
    # The name as typed finds the person stored without its control characters.
    contacted = onward("people", "contacted", name)
    edited = onward("people", "edit", name, "--relation", "friend")
    listing = onward("people")
    shown = onward("insights")
    assert contacted[1] == "Logged reaching out to [bold]Sam[/] on 2026-11-27. Leaning on people is a strength.\n"
    assert edited[1] == "Saved [bold]Sam[/].\n"
    assert listing[1].splitlines()[1].split("  ")[0] == "[bold]Sam[/]"
    assert "  [bold]Sam[/] · friend · last talked today\n" in shown[1]
    for _, out, err in (contacted, edited, listing, shown):
        assert "\x1b" not in out + err and "\x07" not in out + err
    assert len(read(journal_path, lambda j: j.steps.people())) == 1


# onward feedback


def test_feedback_logs_asking_after_a_rejection_with_its_note(rejected, journal_path):
    status, out, _ = rejected("feedback", "1", "--date", "yesterday")
    assert status == 0
    assert out == (
        "Logged asking Acme for feedback. Brave — whatever they say, it's information.\n"
        "When they reply, add it to your reflection on this rejection.\n"
    )
    steps = read(journal_path, lambda j: [(a.kind, a.on.isoformat(), a.application_id) for a in j.steps.every()])
    assert (ActionKind.ASKED_FEEDBACK, "2026-11-26", 1) in steps
    asked = read(journal_path, lambda j: [a.id for a in j.steps.every() if a.kind is ActionKind.ASKED_FEEDBACK])[0]
    shown = rejected("show", "1")[1]
    assert "asked for feedback" in shown and f"step {asked}" in shown, "onward show lists it, so it can be removed"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["feedback", "3"], "Cove hasn't said no; feedback is asked for after a rejection."),
        (["feedback", "2"], "Beta said no at the application stage, which rarely comes with feedback"),
        (["feedback", "1", "--date", "3 days ago"], "2026-11-24 is before Acme said no (2026-11-25)."),
        (["feedback", "1", "--date", "tomorrow"], "2026-11-28 is in the future"),
        (["feedback", "9"], "There is no application with id 9."),
        (["feedback", "x"], '"x" is not an application id'),
    ],
)
def test_feedback_refusals_say_why_and_write_nothing(rejected, journal_path, argv, message):
    assert message in refused(rejected, journal_path, *argv)


def test_feedback_is_asked_once(rejected, journal_path):
    assert rejected("feedback", "1")[0] == 0
    assert refused(rejected, journal_path, "feedback", "1") == (
        "You asked Acme for feedback on 2026-11-27; add their reply to the reflection when it comes."
    )


# onward act learning --gaps


def test_act_learning_with_gaps_logs_learning_for_them_and_posts_a_win(onward, journal_path):
    status, out, _ = onward("act", "learning", "--gaps", "Figma, SQL", "--date", "yesterday", "--note", "course")
    assert status == 0
    assert out == "Logged learning for figma, sql on 2026-11-26. A skill learned is a win — it's on your wall.\n"
    step = read(journal_path, lambda j: j.steps.learning_steps())[0]
    assert (step.kind, step.gaps, step.note, step.on.isoformat()) == (ActionKind.LEARNING, ("figma", "sql"), "course", "2026-11-26")
    assert [(w.kind, w.title) for w in read(journal_path, lambda j: j.wins.every())] == [(WinKind.SKILL_LEARNED, "Skill learned: figma, sql")]


def test_act_learning_without_gaps_is_a_plain_step_as_before(onward, started):
    assert onward("act", "learning", "--note", "read a book") == (0, "Logged learning on 2026-11-27. Every step counts.\n", "")
    assert read(started, lambda j: ([(a.kind, a.gaps) for a in j.steps.every()], j.wins.every())) == ([(ActionKind.LEARNING, ())], [])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["act", "networking", "--gaps", "sql"], "--gaps goes only with learning (the gaps a learning step works on)."),
        (["act", "learning", "--gaps", " , "], "Name at least one gap to learn for (tags, separated by commas)."),
        (["act", "learning", "--gaps", "sql", "--date", "tomorrow"], "2026-11-28 is in the future"),
        (["act", "lunch", "--gaps", "sql"], '"lunch" is not'),
    ],
)
def test_act_gaps_refusals_say_why_and_write_nothing(onward, started, argv, message):
    assert message in refused(onward, started, *argv)


# onward share


def test_share_prints_the_facts_and_lessons_and_keeps_private_parts_out_by_default(rejected, journal_path):
    reflection_id = reflect(
        journal_path, 1, feelings="gutted", stage="interview", went_well="Rapport with the panel", do_differently="Practise SQL",
        gaps="sql", next_step="Book a mock interview", stumbles="Froze on joins", body="Cried a bit.\nThen a walk.",
        talk_to="Sam",
    )
    status, out, err = rejected("share", str(reflection_id))
    assert status == 0 and err == ""
    assert out == (
        "Hi,\n\nI'd value your advice on a job application that didn't work out.\n\n"
        "Which application: Acme — Analyst\n"
        "How far it got: rejected at the interview stage\n"
        "What went well: Rapport with the panel\n"
        "What I'd do differently: Practise SQL\n"
        "Skills to build: sql\n"
        "My next step: Book a mock interview\n\n"
        "What would you suggest?\n"
    )
    for private in ("gutted", "Froze", "Cried", "2 of 5"):
        assert private not in out


def test_share_include_chooses_the_parts_and_to_says_hello(rejected, journal_path):
    reflection_id = reflect(journal_path, 1, feelings="gutted", gaps="sql", body="Cried a bit.\nThen a walk.")
    status, out, _ = rejected("share", str(reflection_id), "--include", "application, mood,body,feelings", "--to", "Sam\x1b[2J")
    assert status == 0
    assert out == (
        "Hi Sam,\n\nI'd value your advice on a job application that didn't work out.\n\n"
        "Which application: Acme — Analyst\n"
        "How I feel: 2 of 5 (low)\n"
        "Feelings: gutted\n"
        "My notes:\n  Cried a bit.\n  Then a walk.\n\n"
        "What would you suggest?\n"
    )
    assert "sql" not in out


def test_share_a_reflection_on_no_application(onward, started):
    reflection_id = reflect(started, went_well="Kept going")
    out = onward("share", str(reflection_id))[1]
    assert "Which application" not in out and "What went well: Kept going\n" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["share", "1", "--include", "application,secrets"], '"secrets" is not a part of a reflection; use: application, stage, went_well'),
        (["share", "1", "--include", " , "], "--include needs at least one part, e.g. --include application,stage."),
        (["share", "9"], "There is no reflection with id 9."),
        (["share", "one"], '"one" is not a reflection id'),
    ],
)
def test_share_refusals_say_why(onward, started, argv, message):
    reflect(started)
    assert message in refused(onward, started, *argv)


# onward insights: the nudge, the learning plan and the circle


def test_insights_shows_the_nudge_the_learning_plan_and_the_circle_above_the_figures(rejected, journal_path):
    for company in ("Dune", "Echo"):
        assert rejected("add", company, "Analyst", "--field", "Data", "--date", "6 days ago")[0] == 0
    rejected("log", "4", "rejected", "--date", "yesterday")
    rejected("log", "5", "rejected", "--date", "yesterday")
    reflect(journal_path, 1, gaps="sql, tableau")
    reflect(journal_path, 4, gaps="sql")
    rejected("act", "learning", "--gaps", "tableau")
    rejected("people", "add", "Sam", "--relation", "mentor")
    status, out, _ = rejected("insights")
    assert status == 0
    blocks = out.split("\n\n")
    assert blocks[0].startswith("Worth a look\n  3 rejections in data in the last 30 days — that's tough, and it happens.")
    assert "Gaps you named for data: sql." in " ".join(blocks[0].split())
    assert blocks[1] == (
        "Learning plan\n"
        "  sql · named 2 times, last 2026-11-27 · no learning step yet\n"
        "  tableau · named once, last 2026-11-27 · ✓ learning logged 2026-11-27"
    )
    assert blocks[2] == "Support circle\n  Sam · mentor · not contacted yet"
    assert blocks[3].startswith("This week\n")


def test_insights_hide_nudge_hides_it_for_that_field(rejected, journal_path):
    for company in ("Dune", "Echo"):
        rejected("add", company, "Analyst", "--field", "data", "--date", "6 days ago")
    rejected("log", "4", "rejected", "--date", "yesterday")
    rejected("log", "5", "rejected", "--date", "yesterday")
    assert rejected("insights")[1].startswith("Worth a look\n")
    assert rejected("insights", "--hide-nudge", "Data") == (0, "Hidden for 30 days: the nudge about data.\n", "")
    assert rejected("insights")[1].startswith("Learning plan\n")
    assert refused(rejected, journal_path, "insights", "--hide-nudge", "  ") == "Name the field whose nudge to hide."


def test_people_are_found_by_a_unique_first_name_or_the_start_of_one(circle, journal_path):
    """README's `onward people contacted Sam` finds Sam Lee (issue 23); so do edit and remove."""
    status, out, _ = circle("people", "contacted", "Sam", "--note", "walk")
    assert status == 0 and out.startswith("Logged reaching out to Sam Lee on 2026-11-27.")
    assert circle("people", "edit", "sa", "--relation", "peer")[0] == 0
    assert read(journal_path, lambda j: [(p.name, p.relation) for p in j.steps.people()]) == [("Mum", Relation.FAMILY), ("Sam Lee", Relation.PEER)]


@pytest.mark.parametrize("argv", [["contacted", "Sam"], ["contacted", "Sam", "--add"], ["edit", "Sam", "--note", "x"], ["remove", "Sam", "--yes"]])
def test_two_sams_are_a_choice_to_make_and_nothing_is_written(circle, journal_path, argv):
    assert circle("people", "add", "Sam Park", "--relation", "friend")[0] == 0
    assert refused(circle, journal_path, "people", *argv) == '"Sam" could be Sam Lee or Sam Park; write more of the name.'
