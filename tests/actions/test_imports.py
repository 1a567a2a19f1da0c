"""Importing Onward JSON (issue 12): lossless round trips, renumbering, skipping what is there, all or nothing."""

import json
from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from tui.actions import applications, editing, reflections, steps, undo, views, wins
from tui.actions.imports import import_onward, plan_import, read_import
from tui.actions.results import Refused
from tui.domain.attention import standing_words
from tui.domain.entries import ActionEntry, ApplicationEntry
from tui.domain.inbox import Section, build_inbox
from tui.domain.insights import build_insights
from tui.domain.models import ActionKind, OutcomeKind, Status
from tui.domain.spreadsheets import ACCEPTED_DATE_FORMS
from tui.domain.onward_json import OnwardJsonError, read_onward
from tui.store.database import JournalError
from tui.store.records import RecordRows
from tui.store.repository import Journal
from tui.store.transfer import export_journal, json_chunks


def text_of(journal: Journal) -> str:
    return "".join(json_chunks(journal))


@pytest.fixture
def lived_in(demo_path):
    """The demo journal after a few days of use: a removed automatic win, a draft, a rest day, a theme, a
    linked step, and a win never seen."""
    journal = Journal.open(demo_path)
    automatic = next(w for w in journal.wins.every() if w.automatic)
    wins.remove_win(journal, automatic.id)
    reflections.keep_draft(journal, "application:3", {"went_well": "half a thought"})
    reflections.keep_draft(journal, "reflection:new", {"body": "free"})
    steps.mark_rest_day(journal, TODAY - timedelta(days=2), True, TODAY)
    steps.remember_theme(journal, "textual-light")
    steps.log_action(journal, ActionEntry(ActionKind.NETWORKING, TODAY, "coffee with Sam"))
    yield journal, automatic
    journal.close()


def test_export_import_export_gives_the_same_file(lived_in, tmp_path):
    journal, _ = lived_in
    first = text_of(journal)
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(json.loads(first)))
    assert text_of(fresh) == first
    fresh.close()


def test_a_removed_automatic_win_stays_removed_and_steps_are_not_multiplied(lived_in, tmp_path):
    journal, removed = lived_in
    steps_before = len(journal.steps.every())
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(export_journal(journal)))
    assert len(fresh.steps.every()) == steps_before
    assert removed.title not in {w.title for w in fresh.wins.every() if w.on == removed.on}
    assert len(fresh.wins.every()) == len(journal.wins.every())
    assert views.streak_summary(fresh, TODAY) == views.streak_summary(journal, TODAY)
    assert fresh.reflections.draft("application:3") == {"went_well": "half a thought"}
    assert fresh.settings() == journal.settings()
    fresh.close()


def test_into_a_journal_with_records_ids_are_renumbered_and_links_follow(lived_in, tmp_path):
    journal, _ = lived_in
    data = read_onward(export_journal(journal))
    other = Journal.open(tmp_path / "other.db")
    steps.log_action(other, ActionEntry(ActionKind.LEARNING, TODAY, "SQL course"))
    from tests.journal_steps import add_app
    from tui.domain.entries import check_application
    add_app(other, check_application(company="Zed Labs", role="Analyst", today=TODAY))
    plan = import_onward(other, data)
    assert plan.count("applications") == len(data.applications)
    assert plan.settings_kept
    moved = {a.company: a for a in other.applications.every()}
    assert moved["Zed Labs"].id == 1
    original = {a.company: a for a in journal.applications.every()}
    for company, app in original.items():
        assert moved[company].id == app.id + 1
        assert [(e.on, e.kind, e.stage) for e in moved[company].events] == [(e.on, e.kind, e.stage) for e in app.events]
    # A step logged by an outcome still points at that outcome's application.
    for action in other.steps.every():
        if action.application_id is not None and action.application_id != 1:
            assert action.application_id - 1 in {a.id for a in original.values()}
    reflected = {r.application_id for r in other.reflections.every() if r.application_id}
    assert reflected == {i + 1 for i in {r.application_id for r in journal.reflections.every() if r.application_id}}
    assert other.reflections.draft("application:4") == {"went_well": "half a thought"}
    assert other.settings().theme == ""  # kept its own
    other.close()


def test_importing_the_same_file_twice_adds_nothing_the_second_time(lived_in, tmp_path):
    journal, _ = lived_in
    data = read_onward(export_journal(journal))
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, data)
    once = text_of(fresh)
    plan = plan_import(fresh, data)
    assert not plan.adds_anything
    assert plan.skipped_applications == len(data.applications)
    assert "Skips 32 applications already in the journal" in "\n".join(plan.preview())
    import_onward(fresh, data)
    assert text_of(fresh) == once
    fresh.close()


def test_an_import_is_all_or_nothing(lived_in, tmp_path, monkeypatch):
    journal, _ = lived_in
    data = read_onward(export_journal(journal))
    fresh = Journal.open(tmp_path / "fresh.db")
    before = text_of(fresh)
    real = RecordRows.put_records

    def fail_on_wins(journal, table, records, *also):
        if table == "wins":
            raise JournalError("disk full")
        return real(journal, table, records, *also)

    monkeypatch.setattr(RecordRows, "put_records", fail_on_wins)
    with pytest.raises(JournalError):
        import_onward(fresh, data)
    monkeypatch.undo()
    assert text_of(fresh) == before and not fresh.applications.every()
    fresh.close()


def test_the_preview_names_counts_rows_and_what_is_kept(lived_in, tmp_path):
    journal, _ = lived_in
    data = read_onward(export_journal(journal))
    fresh = Journal.open(tmp_path / "fresh.db")
    lines = plan_import(fresh, data).preview()
    assert lines[0].startswith("Adds 32 applications (32 outcomes), ")
    assert lines[0].endswith(", 5 people for your support circle.")
    assert "Brightwave Analytics — Data Analyst (rejected)" in lines[1]
    assert lines[-1].startswith("  … and 27 more")
    assert not fresh.applications.every(), "a preview writes nothing"
    fresh.close()


def test_a_version_1_file_loads_and_its_automatic_wins_are_posted_once(lived_in, tmp_path):
    journal, _ = lived_in
    data = export_journal(journal)
    data["version"] = 1
    for app in data["applications"]:
        for event in app["events"]:
            del event["id"]
    for action in data["actions"]:
        for key in ("application_id", "event_id", "reflection_id", "automatic"):
            del action[key]
    for win in data["wins"]:
        del win["cause"]
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(data))
    causes = [w.title for w in fresh.wins.every() if w.automatic]
    assert len(causes) == len(set((w.title, w.on) for w in fresh.wins.every() if w.automatic))
    assert {w.title for w in fresh.wins.every() if not w.automatic} == {w.title for w in journal.wins.every() if not w.automatic}
    assert len(fresh.applications.every()) == len(journal.applications.every())
    fresh.close()


def good():
    return {
        "format": "onward", "version": 2,
        "applications": [{"id": 1, "company": "Acme", "role": "Analyst", "applied_on": "2026-11-02", "events": [
            {"id": 1, "on": "2026-11-05", "kind": "rejected", "stage": "application", "note": ""}]}],
        "actions": [{"id": 1, "on": "2026-11-02", "kind": "applied", "note": "", "application_id": 1, "event_id": None,
                     "reflection_id": None, "automatic": True}],
    }


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="other"), 'This is not Onward JSON'),
    (lambda d: d.update(version=4), "written by a newer Onward (format version 4)"),
    (lambda d: d.update(version="2"), 'Unknown Onward JSON version "2"'),
    (lambda d: d["applications"][0].update(applied_on="2026-13-01"), 'applications[0].applied_on: "2026-13-01" is not a day in the calendar.'),
    (lambda d: d["applications"][0].update(applied_on="Nov 2"), 'applications[0].applied_on: "Nov 2" is not a day written YYYY-MM-DD.'),
    (lambda d: d["applications"][0].update(company="  "), "applications[0].company: can't be empty."),
    (lambda d: d["applications"][0].pop("role"), "applications[0].role: missing."),
    (lambda d: d["applications"][0]["events"][0].update(kind="hired"), "applications[0].events[0].kind: \"hired\" is not one of: "),
    (lambda d: d["actions"][0].update(application_id=7), "actions[0].application_id: there is no application with id 7 in the file."),
    (lambda d: d["actions"][0].update(automatic="yes"), 'actions[0].automatic: expected true or false, found "yes".'),
    (lambda d: d["applications"].append(dict(d["applications"][0], events=[])), "applications[1].id: 1 is used twice."),
    (lambda d: d.update(settings={"weekly_target": 9}), "settings.weekly_target: 9 is not a whole number from 1 to 7."),
    (lambda d: d.update(applications={}), "applications: expected a list, found an object."),
    (lambda d: d["applications"].append("Acme"), "applications[1]: expected an object, found text."),
    (lambda d: d["applications"][0].update(company="x" * 201), "applications[0].company: 201 characters; at most 200 fit"),
    (lambda d: d["applications"][0].update(applied_on="2099-01-01"), "applications[0].applied_on: 2099-01-01 is in the future"),
    (lambda d: d["applications"][0]["events"][0].update(on="2026-11-01"), "is before the application was sent (2026-11-02)"),
    (lambda d: d["actions"][0].update(on="1900-01-01"), "actions[0].on: 1900-01-01 is too long ago"),
    (lambda d: d.pop("version"), 'has no "version"'),
    (lambda d: d.update(wins=[{"id": 1, "on": "2026-11-05", "title": "x", "kind": "other", "automatic": True, "cause": "event:9"}]),
     'wins[0].cause: "event:9" names no event in the file.'),
])
def test_bad_files_are_refused_with_where_and_why(change, message):
    data = good()
    read_onward(data, TODAY)  # the good one reads
    change(data)
    with pytest.raises(OnwardJsonError) as refused:
        read_onward(data, TODAY)
    assert message in str(refused.value)


def test_text_is_kept_as_typed_but_control_characters_go():
    data = good()
    data["applications"][0]["company"] = "Acme [/] \x1b[31mred"
    assert read_onward(data).applications[0]["company"] == "Acme [/] red"


def test_the_same_company_in_another_unicode_form_is_already_there(journal, tmp_path):
    """Found by an attack: "Café" as one character and as e + accent came in twice."""
    from tui.actions.imports import import_rows
    from tui.domain.spreadsheets import ImportRow

    composed = ImportRow(2, "Caf\u00e9 Nord", "Analyst", TODAY)
    decomposed = ImportRow(2, "Cafe\u0301 Nord", "ANALYST", TODAY)
    assert len(import_rows(journal, [composed], today=TODAY).rows) == 1
    again = import_rows(journal, [decomposed], today=TODAY)
    assert again.rows == [] and again.already == 1


# The support circle, learning steps and the employer's feedback (issue 14) travel in Onward JSON too.


@pytest.fixture
def circle(tmp_path):
    """A small journal using every part issue 14 added: people, a support step naming one, a learning step
    with gaps (and its 'skill learned' win), feedback asked for and the reply on the reflection, a hidden nudge."""
    from tests.journal_steps import add_app, log, reflect
    from tui.actions import support
    from tui.domain.entries import check_application
    from tui.domain.models import OutcomeKind, Stage
    from tui.domain.reflections import check_reflection
    from tui.domain.support import check_person

    journal = Journal.open(tmp_path / "circle.db")
    day = TODAY - timedelta(days=20)
    acme, _ = add_app(journal, check_application(company="Acme", role="Analyst", field="data", today=day, applied="today"))
    log(journal, acme.id, OutcomeKind.INTERVIEW, day + timedelta(days=3))
    log(journal, acme.id, OutcomeKind.REJECTED, day + timedelta(days=6), stage=Stage.INTERVIEW)
    support.ask_for_feedback(journal, acme.id, day + timedelta(days=7))
    reflect(
        journal,
        check_reflection(mood=2, today=TODAY, gaps="sql, tableau", talk_to="Ada Byron",
                         feedback="Strong case study; the SQL round was the gap."),
        day + timedelta(days=8), application_id=acme.id,
    )
    support.add_person(journal, check_person(name="Ada Byron", relation="mentor", note="Thursdays are good"))
    support.add_person(journal, check_person(name="Ben Cole", relation="friend"))
    support.reach_out(journal, "Ada Byron", day + timedelta(days=9), note="talked through the SQL round")
    support.log_learning(journal, ("sql",), day + timedelta(days=10), note="window functions")
    # A nudge hidden yesterday (hiding needs one up; the setting is what travels).
    journal.put_setting("hidden_nudges", json.dumps({"data": (TODAY - timedelta(days=1)).isoformat()}))
    yield journal
    journal.close()


def test_the_support_circle_learning_and_feedback_survive_a_round_trip(circle, tmp_path):
    first = text_of(circle)
    data = json.loads(first)
    assert [(p["name"], p["relation"], p["note"]) for p in data["people"]] == [
        ("Ada Byron", "mentor", "Thursdays are good"), ("Ben Cole", "friend", "")
    ]
    ada = data["people"][0]["id"]
    assert [a["note"] for a in data["actions"] if a.get("person_id") == ada] == ["talked through the SQL round"]
    learning = next(a for a in data["actions"] if a["kind"] == "learning")
    assert learning["gaps"] == ["sql"]
    assert any(w["cause"] == f"learned:{learning['id']}" for w in data["wins"])
    assert [a["kind"] for a in data["actions"] if a["kind"] == "asked_feedback"] == ["asked_feedback"]
    assert data["reflections"][0]["feedback"] == "Strong case study; the SQL round was the gap."
    assert data["settings"]["hidden_nudges"] == {"data": (TODAY - timedelta(days=1)).isoformat()}

    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(json.loads(first), TODAY))
    assert text_of(fresh) == first
    assert [(p.name, p.last_contacted) for p in fresh.steps.people()] == [(p.name, p.last_contacted) for p in circle.steps.people()]
    assert views.learning_plan(fresh) == views.learning_plan(circle)
    assert fresh.steps.feedback_asked() == circle.steps.feedback_asked()
    assert fresh.settings().hidden_nudges == circle.settings().hidden_nudges
    fresh.close()


def test_a_file_from_before_the_support_circle_imports_with_defaults(circle, tmp_path):
    data = export_journal(circle)
    del data["people"]
    for action in data["actions"]:
        action.pop("person_id", None)
        action.pop("gaps", None)
    for reflection in data["reflections"]:
        del reflection["feedback"]
    data["wins"] = [w for w in data["wins"] if not w["cause"] or not w["cause"].startswith("learned:")]
    del data["settings"]["hidden_nudges"]
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(data, TODAY))
    assert fresh.steps.people() == []
    assert all(a.person_id is None and a.gaps == () for a in fresh.steps.every())
    assert [r.feedback for r in fresh.reflections.every()] == [""]
    assert fresh.settings().hidden_nudges == ()
    assert not [w for w in fresh.wins.every() if w.kind.value == "skill_learned"]
    assert len(fresh.steps.every()) == len(circle.steps.every())
    fresh.close()


def test_into_a_journal_with_a_circle_the_same_name_is_the_same_person(circle, tmp_path):
    from tui.actions import support
    from tui.domain.support import check_person

    data = read_onward(export_journal(circle), TODAY)
    other = Journal.open(tmp_path / "other.db")
    support.add_person(other, check_person(name="Zoe Park", relation="peer"))
    support.add_person(other, check_person(name="ADA byron", relation="mentor"))  # Ada, written otherwise
    support.reach_out(other, "Zoe Park", TODAY - timedelta(days=2))
    support.log_learning(other, ("portfolio",), TODAY - timedelta(days=2))
    plan = plan_import(other, data)
    assert plan.count("people") == 1 and plan.people_known == 1
    assert "Finds 1 person already in your support circle (same name)" in "\n".join(plan.preview())
    assert "1 person for your support circle" in plan.summary()
    import_onward(other, data)
    people = {p.name: p for p in other.steps.people()}
    assert set(people) == {"Zoe Park", "ADA byron", "Ben Cole"}
    assert people["Ben Cole"].id == 3, "renumbered after the journal's own"
    ada = people["ADA byron"]
    assert [a.note for a in other.steps.of_person(ada.id)] == ["talked through the SQL round"]
    assert ada.last_contacted == TODAY - timedelta(days=11)
    # The learning step's win follows the step's new id, and both learning steps are on the plan.
    learned = [w["cause"] for w in export_journal(other)["wins"] if w["kind"] == "skill_learned"]
    assert sorted(learned) == sorted(f"learned:{a.id}" for a in other.steps.learning_steps()) and len(learned) == 2
    assert {g.tag: g.worked_on for g in views.learning_plan(other)} == {"sql": True, "tableau": False}
    assert other.settings().hidden_nudges == (), "a journal with records keeps its own settings"
    assert [r.feedback for r in other.reflections.every()] == ["Strong case study; the SQL round was the gap."]
    # Again: nothing more, not even the support step (same day, person and note as one held).
    again = plan_import(other, data)
    assert not again.adds_anything and again.people_known == 2
    other.close()


def test_a_learning_step_in_a_file_without_its_win_posts_it_once(circle, tmp_path):
    """The demo journal holds its learning step, not the win: loading posts it, as logging the step would."""
    data = export_journal(circle)
    data["wins"] = [w for w in data["wins"] if not (w["cause"] or "").startswith("learned:")]
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(data, TODAY))
    learned = [w for w in fresh.wins.every() if w.kind.value == "skill_learned"]
    assert [(w.title, w.on) for w in learned] == [("Skill learned: sql", TODAY - timedelta(days=10))]
    fresh.close()
    # One the user removed stays removed.
    step = next(a for a in data["actions"] if a["kind"] == "learning")
    data["removed_automatic_wins"] = [f"learned:{step['id']}"]
    removed = Journal.open(tmp_path / "removed.db")
    import_onward(removed, read_onward(data, TODAY))
    assert not [w for w in removed.wins.every() if w.kind.value == "skill_learned"]
    removed.close()


def test_two_support_steps_of_one_day_to_two_people_are_both_kept(tmp_path):
    """Free-standing steps already held are skipped by day, kind and note: whom they reached tells two apart."""
    from tui.actions import support
    from tui.domain.support import check_person

    source = Journal.open(tmp_path / "source.db")
    for name in ("Ada Byron", "Ben Cole"):
        support.add_person(source, check_person(name=name, relation="friend"))
        support.reach_out(source, name, TODAY)
    data = read_onward(export_journal(source), TODAY)
    source.close()
    target = Journal.open(tmp_path / "target.db")
    support.add_person(target, check_person(name="Ada Byron", relation="friend"))
    support.reach_out(target, "Ada Byron", TODAY)
    plan = import_onward(target, data)
    assert plan.count("actions") == 1 and plan.count("people") == 1
    assert {p.name: p.last_contacted for p in target.steps.people()} == {"Ada Byron": TODAY, "Ben Cole": TODAY}
    target.close()


def test_a_bad_person_in_a_file_is_named_and_nothing_is_written(circle, tmp_path):
    from tui.actions.imports import read_import
    from tui.actions.results import Refused

    data = export_journal(circle)
    data["people"][1]["relation"] = "boss"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    target = Journal.open(tmp_path / "target.db")
    before = text_of(target)
    with pytest.raises(Refused) as refused:
        read_import("json", path, journal_path=target.path, today=TODAY).write(target, TODAY)
    assert 'people[1].relation: "boss" is not one of: friend, family, mentor, peer, recruiter, other.' in str(refused.value)
    assert text_of(target) == before and target.steps.people() == []
    target.close()


# Issue 23: imports follow the rules of typing — the duplicate rule (merges remembered), status words never
# dropped, year-less dates read as typed, and history settled.



def _typed(journal, company, role, day):
    return applications.add_application(journal, ApplicationEntry(company, role, day)).id


def _sheet(tmp_path, text, name="jobs.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _read(kind, path, journal, **options):
    return read_import(kind, path, journal_path=journal.path, today=TODAY, **options)


def _companies(journal):
    return sorted(app.company for app in journal.applications.every())


def test_a_row_like_an_application_held_is_shown_and_skipped_unless_asked_again(journal, tmp_path):
    _typed(journal, "Northwind Traders", "Data Analyst", TODAY - timedelta(days=4))
    linkedin = _sheet(tmp_path, (
        "Application Date,Company Name,Job Title\n"
        "11/25/26 9:00 AM,northwind traders,Data  Analyst\n"  # two days later, spelt a little differently
        "11/25/26 9:00 AM,Initech,Analyst\n"
    ), "Job Applications.csv")
    read = _read("linkedin", linkedin, journal)
    lines, adds = read.preview(journal, TODAY)
    shown = "\n".join(lines)
    assert "Adds 1 application." in shown
    assert "Skips 1 application that looks like one already known" in shown and "add --again" in shown
    assert "2026-11-25  northwind traders — Data Analyst: like Northwind Traders — Data Analyst, applied 2026-11-23 (id 1)" in shown
    read.write(journal, TODAY)
    assert _companies(journal) == ["Initech", "Northwind Traders"]
    again = _read("linkedin", linkedin, journal, again=True)
    assert "as asked" in "\n".join(again.preview(journal, TODAY)[0])
    again.write(journal, TODAY)
    assert _companies(journal) == ["Initech", "Northwind Traders", "northwind traders"]


def test_an_onward_json_application_like_one_held_is_skipped_with_its_records_unless_asked_again(journal, demo_path):
    demo = Journal.open(demo_path)
    data = read_onward(export_journal(demo))
    demo.close()
    first = data.applications[0]
    # Typed here a week after the file's own: the same posting, so the file's one (and its outcomes) stay out.
    _typed(journal, first["company"].upper(), first["role"], date.fromisoformat(first["applied_on"]) + timedelta(days=7))
    plan = plan_import(journal, data)
    assert plan.count("applications") == len(data.applications) - 1
    assert not any(e["application_id"] == first["id"] for e in data.events if e in plan.records["events"])
    assert f"like {first['company'].upper()}" in "\n".join(plan.preview())
    assert plan_import(journal, data, again=True).count("applications") == len(data.applications)


def test_a_merged_away_application_is_not_brought_back_by_importing_again(journal, tmp_path):
    """Issue 23: after `merge`, importing the same LinkedIn export again brought the merged-away one back."""
    kept = _typed(journal, "Northwind Traders", "Data Analyst", TODAY - timedelta(days=4))
    linkedin = _sheet(tmp_path, "Application Date,Company Name,Job Title\n11/20/26,Northwind Traders Ltd,Data Analyst\n")
    _read("linkedin", linkedin, journal).write(journal, TODAY)  # another name: not the same by the rule
    other = next(app.id for app in journal.applications.every() if app.company == "Northwind Traders Ltd")
    merged = editing.merge_applications(journal, kept, other)
    read = _read("linkedin", linkedin, journal)
    lines, adds = read.preview(journal, TODAY)
    assert not adds
    assert f"Northwind Traders Ltd — Data Analyst, applied 2026-11-20, merged into id {kept}" in "\n".join(lines)
    read.write(journal, TODAY)
    assert _companies(journal) == ["Northwind Traders"]
    # Undoing the merge forgets it (the other is back, held).
    assert merged.undo is not None
    undo.undo(journal, merged.undo)
    assert journal.applications.get(kept).merged_away == ()


def test_a_status_word_onward_does_not_know_keeps_the_row_open_with_the_word_in_its_notes(journal, tmp_path):
    sheet = _sheet(tmp_path, (
        "Company,Role,Date,Status,Notes\n"
        "Acme,Analyst,2026-11-20,Hired,\n"
        "Birch,Designer,2026-11-21,Awaiting response,met at a fair\n"
        "Cedar,Developer,2026-11-22,Applied - waiting,\n"
        "Dune,Tester,2026-11-23,rejected,\n"
    ))
    read = _read("csv", sheet, journal, settle=False)
    shown = "\n".join(read.preview(journal, TODAY)[0])
    assert "Adds 4 applications (1 outcome)." in shown
    assert 'Keeps 3 rows with a status Onward does not know as open applications' in shown
    assert '"Hired": line 2' in shown and '"Awaiting response": line 3' in shown and '"Applied - waiting": line 4' in shown
    assert 'map one with --status "Hired=offer"' in shown
    read.write(journal, TODAY)
    by_company = {app.company: app for app in journal.applications.every()}
    assert by_company["Acme"].status is Status.APPLIED and by_company["Acme"].notes == "Status: Hired"
    assert by_company["Birch"].notes == "met at a fair\n\nStatus: Awaiting response"
    assert by_company["Dune"].status is Status.REJECTED


def test_one_row_with_a_status_onward_does_not_know_is_kept_as_an_open_application(journal, tmp_path):
    sheet = _sheet(tmp_path, "Company,Role,Date,Status\nAcme,Analyst,2026-11-20,Hired\n")
    shown = "\n".join(_read("csv", sheet, journal).preview(journal, TODAY)[0])
    assert "Keeps 1 row with a status Onward does not know as an open application, the word in its notes;" in shown


REAL_SHEET = (
    "\ufeffCompany Name , Job Title,Date Applied,Current Status,Where found,Link,My notes\r\n"
    "Northwind,Analytics Engineer,Nov 3,Rejected,LinkedIn,,first\r\n"
    "Litware,Data Engineer,2026-10-01,No response,,,\r\n"
)


def test_a_header_holding_a_field_s_name_is_read_so_a_rejection_imports_as_one(journal, tmp_path):
    read = _read("csv", _sheet(tmp_path, REAL_SHEET), journal)
    lines = read.preview(journal, TODAY)[0]
    assert "Columns: company ← Company Name, role ← Job Title, source ← Where found, url ← Link, applied ← Date Applied, " \
        "status ← Current Status, notes ← My notes" in lines
    assert not any(line.startswith("Not read") for line in lines)
    read.write(journal, TODAY)
    by_company = {app.company: app for app in journal.applications.every()}
    assert by_company["Northwind"].status is Status.REJECTED and by_company["Litware"].status is Status.GHOSTED
    assert (by_company["Northwind"].source, by_company["Northwind"].notes) == ("LinkedIn", "first")


def test_an_unread_header_naming_a_field_suggests_the_map_and_one_naming_two_is_not_guessed(journal, tmp_path):
    sheet = _sheet(tmp_path, "Company,Role,Date,Status notes,Current Status,Previous status,Mood\nAcme,Dev,2026-11-01,meh,Hired,Rejected,ok\n")
    lines = _read("csv", sheet, journal).preview(journal, TODAY)[0]
    assert (
        "Not read: Status notes (status or notes? --map 'Status notes=notes'), Current Status (status? --map "
        "'Current Status=status'), Previous status (status? --map 'Previous status=status'), Mood"
    ) in lines
    from tui.actions.imports import APP_HINTS

    app_lines = _read("csv", sheet, journal, hints=APP_HINTS).preview(journal, TODAY, hints=APP_HINTS)[0]
    assert any("Current Status (status? Current Status=status under Columns)" in line for line in app_lines)


def test_a_status_word_can_be_mapped_and_a_bad_mapping_is_refused(journal, tmp_path):
    sheet = _sheet(tmp_path, "Company,Role,Date,Status\nAcme,Analyst,2026-11-20,Hired\n")
    _read("csv", sheet, journal, statuses=["Hired=offer"]).write(journal, TODAY)
    assert journal.applications.every()[0].status is Status.OFFER
    for bad in ("Hired", "Hired=promoted", "=offer"):
        with pytest.raises(Refused, match='like "Hired=offer"'):
            _read("csv", sheet, journal, statuses=[bad])


def test_year_less_dates_and_every_form_the_message_lists_are_read(journal, tmp_path):
    """Issue 23: "Nov 3" was refused while the message listed "Nov 20, 2024" as accepted."""
    listed = ["2024-11-20", "11/20/2024", "20/11/2024", "20 Nov 2024", '"Nov 20, 2024"', '"Nov 20"', "45616"]
    for form in listed[:-1]:
        assert form in ACCEPTED_DATE_FORMS
    assert "a spreadsheet date number" in ACCEPTED_DATE_FORMS
    rows = "".join(f"Co {n},Analyst,{form}\n" for n, form in enumerate(listed))
    sheet = _sheet(tmp_path, "Company,Role,Date\n" + rows + "Nov3 Ltd,Analyst,Nov 3\nFri Ltd,Analyst,\"Fri, 20 Nov\"\n")
    read = _read("csv", sheet, journal)
    assert read.sheet is not None and not read.sheet.problems
    days = {row.company: row.applied_on for row in read.sheet.rows}
    year_less = date(2026, 11, 20)  # as parse_day reads "Nov 20" on TODAY
    assert days == {
        **{f"Co {n}": date(2024, 11, 20) for n in range(len(listed)) if n != 5}, "Co 5": year_less,
        "Nov3 Ltd": date(2026, 11, 3), "Fri Ltd": year_less,
    }


def test_a_year_less_date_the_app_would_refuse_is_refused_with_its_reason(journal, tmp_path):
    from tui.domain.dates import DateError, parse_day

    sheet = _sheet(tmp_path, "Company,Role,Date\nAcme,Analyst,Feb 30\n")
    read = _read("csv", sheet, journal)
    assert read.sheet is not None and not read.sheet.rows
    with pytest.raises(DateError) as refused:
        parse_day("Feb 30", TODAY)
    assert read.sheet.problems[0].message == str(refused.value)  # the app's words; the preview adds the line


def _year_of_history():
    rows = ["Company,Role,Date,Status"]
    for n in range(12):
        day = date(2025, 12, 1) + timedelta(days=28 * n)
        rows.append(f"Old {n},Analyst,{day.isoformat()},{'rejected' if n % 3 == 0 else 'applied'}")
    rows.append(f"Fresh,Analyst,{(TODAY - timedelta(days=2)).isoformat()},applied")
    rows.append(f"Answered,Analyst,{(TODAY - timedelta(days=31)).isoformat()},interviewing")  # older than the ghosted window
    return "\n".join(rows) + "\n"


def _morning(journal):
    inbox = build_inbox(
        journal.applications.every(), journal.steps.every(), journal.wins.every(), journal.reflections.reflected_application_ids(), journal.settings(), TODAY
    )
    return {section: [row.application.company for row in inbox.section(section)] for section in Section}, inbox.greeting


def test_importing_a_year_of_history_leaves_a_calm_morning_and_keeps_every_record(journal, tmp_path):
    """Issue 23: after importing a year of rows the Inbox said "12 follow-ups due, 5 rejections to reflect on"."""
    sheet = _sheet(tmp_path, _year_of_history())
    read = _read("csv", sheet, journal)
    assert "Settles 13 applications older than the follow-up window as history" in "\n".join(read.preview(journal, TODAY)[0])
    assert "(13 settled as history)" in read.write(journal, TODAY).message
    assert len(journal.applications.every()) == 14
    sections, greeting = _morning(journal)
    assert sections[Section.FOLLOW_UPS_DUE] == [] and sections[Section.TO_REFLECT_ON] == []
    assert sections[Section.WAITING] == ["Fresh"]  # the one inside the window still waits, without a nudge
    assert "due" not in greeting and "reflect" not in greeting and "quiet" not in greeting
    assert journal.applications.to_reflect_count() == 0  # the store's count says the same
    # An answer whose day the file did not give is not "after 0 days".
    insights = build_insights(journal.applications.every(), journal.steps.step_counts(), 5, TODAY)
    assert insights.overall.days_to_answer == []
    # News after the import makes one live again.
    old = next(app for app in journal.applications.every() if app.company == "Old 1")
    applications.log_outcome(journal, old.id, OutcomeKind.REJECTED, TODAY)
    assert _morning(journal)[0][Section.TO_REFLECT_ON] == ["Old 1"]


def test_an_application_still_in_play_stays_live_until_it_has_gone_quiet(journal, tmp_path):
    """A tester's sheet: "Interviewing" from a week ago was settled with the old history, and the Inbox showed
    nothing of it. Screening, interview and final round ask for no follow-up: settled only once gone quiet."""
    week, ghosted = journal.settings().follow_up_after_days, journal.settings().ghosted_after_days
    sheet = _sheet(tmp_path, (
        "Company,Role,Date,Status\n"
        f"Globex,BI Dev,{TODAY - timedelta(days=week)},Interviewing\n"
        f"Umbrella,Analyst,{TODAY - timedelta(days=ghosted - 1)},final round\n"
        f"Acme,Analyst,{TODAY - timedelta(days=week)},screening\n"
        f"Hooli,PM,{TODAY - timedelta(days=week + 1)},applied\n"
        f"Initech,QA,{TODAY - timedelta(days=week + 1)},rejected\n"
        f"Oldco,Dev,{TODAY - timedelta(days=ghosted + 1)},interviewing\n"
    ))
    read = _read("csv", sheet, journal)
    # Said of the rows still in play it leaves open (Oldco, gone quiet, is settled), only when there are some.
    assert "; 3 still in screening, interview or final round aren't settled until they have gone quiet;" in "\n".join(read.preview(journal, TODAY)[0])
    assert "(3 settled as history)" in read.write(journal, TODAY).message
    sections, greeting = _morning(journal)
    assert sorted(sections[Section.WAITING]) == ["Acme", "Globex", "Umbrella"]
    assert sections[Section.FOLLOW_UPS_DUE] == [] and sections[Section.TO_REFLECT_ON] == []
    assert "due" not in greeting and "reflect" not in greeting and "quiet" not in greeting
    # The Inbox's bulk "settle old history" reads the same rule: nothing live is history yet.
    assert applications.old_history(journal, TODAY) == []


def test_an_import_settles_only_what_is_older_than_the_window_as_the_app_asks_on_its_last_day(journal, tmp_path):
    """A tester imported rows applied 6, 7 and 8 days ago: the one of exactly 7 days ago (the follow-up window)
    was settled, while the same application typed showed "follow-up due"; a rejection of exactly 7 days ago
    never asked to be reflected on. The window's last day asks, as everywhere in the app
    (tui.domain.attention.window_ends); only older rows are history. The same for one in play and the ghosted
    window, and for the Inbox's bulk "settle old history"."""
    week, ghosted = journal.settings().follow_up_after_days, journal.settings().ghosted_after_days
    typed = _typed(journal, "Typed", "R", TODAY - timedelta(days=week))
    sheet = _sheet(tmp_path, (
        "Company,Role,Date applied,Status\n"
        f"Six,R,{TODAY - timedelta(days=week - 1)},applied\n"
        f"Seven,R,{TODAY - timedelta(days=week)},applied\n"
        f"Eight,R,{TODAY - timedelta(days=week + 1)},applied\n"
        f"Rejected seven,R,{TODAY - timedelta(days=week)},rejected\n"
        f"Rejected eight,R,{TODAY - timedelta(days=week + 1)},rejected\n"
        f"Quiet,R,{TODAY - timedelta(days=ghosted)},interviewing\n"
        f"Quieter,R,{TODAY - timedelta(days=ghosted + 1)},interviewing\n"
    ))
    assert "(3 settled as history)" in _read("csv", sheet, journal).write(journal, TODAY).message
    settled = sorted(app.company for app in journal.applications.every() if app.settled_through is not None)
    assert settled == ["Eight", "Quieter", "Rejected eight"]
    settings, reflected = journal.settings(), journal.reflections.reflected_application_ids()
    words = {app.company: standing_words(app, app.id in reflected, settings, TODAY) for app in journal.applications.every()}
    assert words["Seven"] == words["Typed"] == "follow-up due" and journal.applications.get(typed).settled_through is None
    assert (words["Six"], words["Eight"]) == ("", "settled")
    sections, _ = _morning(journal)
    assert sections[Section.TO_REFLECT_ON] == ["Rejected seven"]
    assert sorted(sections[Section.FOLLOW_UPS_DUE]) == ["Seven", "Typed"]
    assert applications.old_history(journal, TODAY) == []  # the bulk settle: nothing left older than its window


def test_a_win_for_an_imported_status_says_its_day_is_unknown(journal, tmp_path):
    """A tester saw "Offer from Stark Industries!" on the day they applied, as if the offer came that day: the
    sheet gave no day. The win stands on the applied day as its outcome does, and its note says so."""
    applied = TODAY - timedelta(days=40)
    sheet = _sheet(tmp_path, f"Company,Role,Date,Status\nStark Industries,Analyst,{applied},Offer\n")
    _read("csv", sheet, journal).write(journal, TODAY)
    stark = journal.applications.every()[0]
    applications.log_outcome(journal, stark.id, OutcomeKind.INTERVIEW, TODAY - timedelta(days=1), reopen=True)  # typed: its day known
    posted = {win.title: (win.on, win.note) for win in journal.wins.every() if win.automatic and win.application_id == stark.id}
    assert posted["Offer from Stark Industries!"] == (applied, "Day unknown: dated on the applied day")
    assert posted["Interview invite from Stark Industries"] == (TODAY - timedelta(days=1), "")


def test_settling_old_history_leaves_one_in_play_until_it_has_gone_quiet(journal):
    """`onward settle` settled an interview logged a week ago, which the Inbox asked nothing about."""
    ghosted = journal.settings().ghosted_after_days
    for company, heard in (("Globex", TODAY - timedelta(days=8)), ("Oldco", TODAY - timedelta(days=ghosted + 1))):
        app_id = _typed(journal, company, "Analyst", heard - timedelta(days=3))
        applications.log_outcome(journal, app_id, OutcomeKind.INTERVIEW, heard)
    assert [app.company for app in applications.old_history(journal, TODAY)] == ["Oldco"]


def test_history_can_be_left_open(journal, tmp_path):
    sheet = _sheet(tmp_path, _year_of_history())
    _read("csv", sheet, journal, settle=False).write(journal, TODAY)
    sections, greeting = _morning(journal)
    assert len(sections[Section.TO_REFLECT_ON]) == 4
    assert "gone quiet" in greeting


def test_what_merges_and_imports_remember_goes_through_onward_json(journal, tmp_path, journal_path):
    """Merged-away postings, settled history and outcomes without a day of their own survive export → import."""
    kept = _typed(journal, "Northwind Traders", "Data Analyst", TODAY - timedelta(days=4))
    other = _typed(journal, "Northwind Traders Ltd", "Data Analyst", TODAY - timedelta(days=90))
    editing.merge_applications(journal, kept, other)
    _read("csv", _sheet(tmp_path, "Company,Role,Date,Status\nOld Co,Analyst,2026-03-02,rejected\n"), journal).write(journal, TODAY)
    first = text_of(journal)
    assert '"merged_away"' in first and '"settled_through"' in first and '"day_unknown"' in first
    fresh = Journal.open(tmp_path / "fresh.db")
    import_onward(fresh, read_onward(json.loads(first), TODAY))
    assert text_of(fresh) == first
    old = next(app for app in fresh.applications.every() if app.company == "Old Co")
    assert old.settled_through == date(2026, 3, 2) and old.events[0].day_unknown
    assert fresh.applications.get(kept).merged_away == (("Northwind Traders Ltd", "Data Analyst", TODAY - timedelta(days=90)),)
    fresh.close()


def test_a_held_free_standing_reflection_is_skipped_with_the_step_that_logged_it(journal, tmp_path):
    """No application in the file, so none skipped: a reflection identical to one held is still skipped, and
    so is the step that logged it (nothing the import adds names a record it leaves out)."""
    from tui.domain.reflections import ReflectionEntry

    reflections.save_reflection(journal, ReflectionEntry(mood=3, went_well="Asked good questions."), TODAY)
    steps.log_action(journal, ActionEntry(ActionKind.NETWORKING, TODAY, "coffee with Sam"))
    data = read_onward(export_journal(journal), TODAY)
    other = Journal.open(tmp_path / "other.db")
    reflections.save_reflection(other, ReflectionEntry(mood=3, went_well="Asked good questions."), TODAY)
    plan = plan_import(other, data)
    assert plan.count("reflections") == 0 and plan.count("actions") == 1  # the coffee only
    assert plan.records["actions"][0]["note"] == "coffee with Sam"
    import_onward(other, data)
    assert sorted(a.note for a in other.steps.every()) == ["", "coffee with Sam"]


def test_what_another_device_added_to_an_application_held_is_added_to_it_and_nothing_twice(tmp_path):
    """Found by a tester: one's own export from another device (or a journal kept as …-diverged) lost the
    outcome, the step and the win it added to an application both journals hold (same company, role and
    applied day): they were skipped "with everything tied to" the application."""
    from tests.journal_steps import add_app, add_win, act, log
    from tui.domain.entries import WinEntry, check_application
    from tui.domain.models import Stage, WinKind

    here = Journal.open(tmp_path / "here.db")
    day = TODAY - timedelta(days=10)
    acme, _ = add_app(here, check_application(company="Acme", role="Analyst", today=day, applied="today"))
    log(here, acme.id, OutcomeKind.INTERVIEW, day + timedelta(days=2))
    other = Journal.open(tmp_path / "other.db")
    import_onward(other, read_onward(export_journal(here)))
    # Each device then writes on its own: this one another application, the other more on Acme.
    add_app(here, check_application(company="Globex", role="Designer", today=day, applied="today"))
    log(other, acme.id, OutcomeKind.REJECTED, day + timedelta(days=5), stage=Stage.INTERVIEW, note="other device: no")
    add_win(other, WinEntry("Good interview practice", WinKind.OTHER, day + timedelta(days=3), application_id=acme.id))
    act(other, ActionEntry(ActionKind.NETWORKING, day + timedelta(days=4), "asked Acme's recruiter for feedback"))
    theirs = read_onward(export_journal(other))

    plan = plan_import(here, theirs)
    assert plan.adds_anything
    assert plan.count("events") == 1 and plan.count("wins") >= 1 and plan.count("actions") == 1
    assert plan.count("applications") == 0
    assert "Skips 1 application already in the journal" in "\n".join(plan.preview())
    assert "1 outcome for applications already there" in plan.summary()
    import_onward(here, theirs)
    held = {a.company: a for a in here.applications.every()}
    assert set(held) == {"Acme", "Globex"}
    acme_here = held["Acme"]
    assert [(e.kind, e.note) for e in acme_here.events] == [(OutcomeKind.INTERVIEW, ""), (OutcomeKind.REJECTED, "other device: no")]
    assert acme_here.status is Status.REJECTED  # its status follows its timeline
    assert [w.title for w in here.wins.every() if w.title == "Good interview practice"] == ["Good interview practice"]
    assert {w.application_id for w in here.wins.every() if w.title == "Good interview practice"} == {acme_here.id}
    assert len([s for s in here.steps.every() if s.note == "asked Acme's recruiter for feedback"]) == 1
    # What both hold (Acme, its applied step, its interview and that win) is there once.
    assert len([e for e in acme_here.events if e.kind is OutcomeKind.INTERVIEW]) == 1
    assert len([s for s in here.steps.every() if s.application_id == acme_here.id and s.kind is ActionKind.APPLIED]) == 1
    once = text_of(here)
    again = plan_import(here, theirs)
    assert not again.adds_anything
    import_onward(here, theirs)
    assert text_of(here) == once
    here.close()
    other.close()


def test_another_journal_s_application_with_the_same_id_day_and_role_is_added_not_merged(tmp_path):
    """Ids of two unrelated journals collide: the same id, day and role at another company is another application."""
    from tests.journal_steps import add_app
    from tui.domain.entries import check_application

    day = TODAY - timedelta(days=10)
    here = Journal.open(tmp_path / "here.db")
    add_app(here, check_application(company="Acme", role="Data Analyst", today=day, applied="today"))
    other = Journal.open(tmp_path / "other.db")
    add_app(other, check_application(company="Globex", role="Data Analyst", today=day, applied="today"))
    plan = plan_import(here, read_onward(export_journal(other)))
    assert plan.edited == 0 and not plan.not_taken
    import_onward(here, read_onward(export_journal(other)))
    assert sorted(a.company for a in here.applications.every()) == ["Acme", "Globex"]
    here.close()
    other.close()


def test_an_application_edited_on_one_device_is_merged_not_added_twice(tmp_path):
    """Issue 28: a device that wrote offline keeps its journal as …-diverged (its replica's ids). An application
    both hold that one of them edited — its role changed, its notes written, a link added — is that application,
    not a second one: what the journal leaves empty is filled in, what it holds otherwise is kept and said in
    the preview and after the import (nothing dropped unsaid, nothing added twice), and the outcome the other
    device logged joins it."""
    from dataclasses import replace

    from tests.journal_steps import add_app, edit_app, log
    from tui.actions.imports import ImportFile
    from tui.domain.entries import check_application

    here = Journal.open(tmp_path / "here.db")
    day = TODAY - timedelta(days=10)
    acme, _ = add_app(here, check_application(company="Acme", role="Analyst", today=day, applied="today", notes="met Ana"))
    globex, _ = add_app(here, check_application(company="Globex", role="Designer", today=day, applied="today"))
    other = Journal.open(tmp_path / "other-diverged.db")
    import_onward(other, read_onward(export_journal(here)))  # the replica's copy: the same ids
    entry = ApplicationEntry(company="Acme", role="Senior Analyst", applied_on=acme.applied_on, notes="met Ana; asked about remote",
                             url="https://acme.example/jobs/1")
    edit_app(other, acme.id, entry)
    edit_app(other, globex.id, replace(ApplicationEntry(company="Globex", role="Designer", applied_on=globex.applied_on), notes="portfolio sent"))
    log(other, acme.id, OutcomeKind.SCREENING, day + timedelta(days=3))
    path = tmp_path / "other-diverged.json"
    path.write_text(json.dumps(export_journal(other)), encoding="utf-8")

    chosen = read_import("json", path, journal_path=here.path, today=TODAY)
    lines, adds = chosen.preview(here, TODAY)
    text = "\n".join(lines)
    assert adds and "Adds 0 applications" in text
    assert "1 of them edited on one side" in text
    assert f'Acme — Analyst (id {acme.id}): role "Analyst" kept; the file says "Senior Analyst"' in text
    assert f'Acme — Analyst (id {acme.id}): notes "met Ana" kept; the file says "met Ana; asked about remote"' in text
    said = chosen.write(here, TODAY).message
    assert 'role "Analyst" kept; the file says "Senior Analyst"' in said and "details filled in on 2 applications" in said
    held = {a.company: a for a in here.applications.every()}
    assert len(here.applications.every()) == 2
    assert (held["Acme"].role, held["Acme"].notes, held["Acme"].url) == ("Analyst", "met Ana", "https://acme.example/jobs/1")
    assert held["Globex"].notes == "portfolio sent"
    assert [e.kind for e in held["Acme"].events] == [OutcomeKind.SCREENING] and held["Acme"].status is Status.SCREENING
    assert here.applications.closed(matching="portfolio", limit=10).closed_total >= 0  # search text follows (no error)
    # Importing it again adds and fills in nothing, and still says what it keeps.
    again = plan_import(here, read_onward(export_journal(other)))
    assert not again.filled and again.count("events") == 0 and len(again.not_taken) == 2
    # …so there is nothing to import (no backup made for nothing), the details kept still named.
    lines, adds = read_import("json", path, journal_path=here.path, today=TODAY).preview(here, TODAY)
    assert not adds and any("kept; the file says" in line for line in lines)
    here.close()
    other.close()


def test_an_outcome_or_reflection_edited_on_one_device_is_merged_not_added_twice(tmp_path):
    """Issue 28, the records tied to an application: an outcome whose note was written and a reflection whose
    text was changed on the device that wrote offline are those held (same id, application and day), not second
    ones: an empty note or field is filled in, a text the journal holds otherwise is kept and said."""
    from tests.journal_steps import add_app, log, reflect
    from tui.actions.editing import edit_event
    from tui.actions.reflections import save_reflection
    from tui.domain.entries import check_application
    from tui.domain.models import Stage
    from tui.domain.reflections import ReflectionEntry

    here = Journal.open(tmp_path / "here.db")
    day = TODAY - timedelta(days=10)
    acme, _ = add_app(here, check_application(company="Acme", role="Analyst", today=day, applied="today"))
    log(here, acme.id, OutcomeKind.REJECTED, day + timedelta(days=2), stage=Stage.SCREENING)
    rejection = here.applications.get(acme.id).events[-1]
    mine = reflect(here, ReflectionEntry(mood=2, body="first thoughts"), day + timedelta(days=3), application_id=acme.id)
    other = Journal.open(tmp_path / "other-diverged.db")
    import_onward(other, read_onward(export_journal(here)))
    edit_event(other, rejection.id, note="they hired internally", today=TODAY)
    save_reflection(other, ReflectionEntry(mood=2, body="first thoughts, then a walk", gaps=("sql",)), TODAY, reflection_id=mine.id)
    theirs = read_onward(export_journal(other))

    plan = plan_import(here, theirs)
    text = "\n".join(plan.preview())
    assert plan.count("events") == 0 and plan.count("reflections") == 0
    assert f'the reflection of {mine.on} (id {mine.id}): body "first thoughts" kept; the file says "first thoughts, then a walk"' in text
    import_onward(here, theirs)
    acme_here = here.applications.get(acme.id)
    assert [(e.kind, e.note) for e in acme_here.events] == [(OutcomeKind.REJECTED, "they hired internally")]
    [reflection] = here.reflections.every()
    assert (reflection.body, reflection.gaps) == ("first thoughts", ("sql",))
    assert len(here.applications.every()) == 1
    assert not plan_import(here, theirs).filled_records
    here.close()
    other.close()


def test_a_step_or_win_edited_on_one_device_is_merged_not_added_twice(tmp_path):
    """Issue 28, steps and one's own wins: a step whose note and a win whose title were changed on the device
    that wrote offline are those held (same id, day, kind and what they are tied to), not second ones; a note
    the journal left empty is filled in, a text it holds otherwise is kept and said."""
    from tests.journal_steps import act, add_win, edit_win
    from tui.actions.editing import edit_action
    from tui.domain.entries import WinEntry
    from tui.domain.models import WinKind

    here = Journal.open(tmp_path / "here.db")
    day = TODAY - timedelta(days=5)
    act(here, ActionEntry(ActionKind.NETWORKING, day, "coffee"))
    [step] = here.steps.every()
    add_win(here, WinEntry("Good talk", WinKind.NETWORKING, day))
    [win] = here.wins.every()
    other = Journal.open(tmp_path / "other-diverged.db")
    import_onward(other, read_onward(export_journal(here)))
    edit_action(other, step.id, note="coffee with Sam", today=TODAY)
    edit_win(other, win.id, WinEntry("Great talk", WinKind.NETWORKING, day, note="Sam will intro me"))
    theirs = read_onward(export_journal(other))

    plan = plan_import(here, theirs)
    text = "\n".join(plan.preview())
    assert plan.count("actions") == 0 and plan.count("wins") == 0
    assert f'the networking step of {day} (id {step.id}): note "coffee" kept; the file says "coffee with Sam"' in text
    assert f'the win of {day} (id {win.id}): title "Good talk" kept; the file says "Great talk"' in text
    import_onward(here, theirs)
    assert [(s.note) for s in here.steps.every()] == ["coffee"]
    assert [(w.title, w.note) for w in here.wins.every()] == [("Good talk", "Sam will intro me")]
    here.close()
    other.close()


def test_an_unrelated_journal_s_records_under_the_same_ids_are_added_not_taken_as_edits(tmp_path):
    """Two journals started apart (on two machines before replicating, say) number their records alike: a
    step and a win of one's own of the same day and kind under the same id are two, not one edited on one
    side, since the file names another journal (`journal`, its id). A file written before Onward kept a
    journal's id can't tell, and is taken as a copy, as then."""
    from tests.journal_steps import act, add_win
    from tui.domain.entries import WinEntry
    from tui.domain.models import WinKind

    day = TODAY - timedelta(days=5)
    here, there = Journal.open(tmp_path / "here.db"), Journal.open(tmp_path / "there.db")
    for journal, note, title in ((here, "coffee", "Good talk"), (there, "career fair at the library", "Met three recruiters")):
        act(journal, ActionEntry(ActionKind.NETWORKING, day, note))
        add_win(journal, WinEntry(title, WinKind.NETWORKING, day))
    assert here.journal_id() and there.journal_id() and here.journal_id() != there.journal_id()
    theirs = export_journal(there)
    assert theirs["journal"] == there.journal_id()

    undated = dict(theirs)
    del undated["journal"]
    older = plan_import(here, read_onward(undated))
    assert older.count("actions") == 0 and older.count("wins") == 0 and len(older.not_taken) == 2

    plan = plan_import(here, read_onward(theirs))
    assert plan.count("actions") == 1 and plan.count("wins") == 1 and not plan.not_taken
    import_onward(here, read_onward(theirs))
    assert sorted(step.note for step in here.steps.every()) == ["career fair at the library", "coffee"]
    assert sorted(win.title for win in here.wins.every()) == ["Good talk", "Met three recruiters"]
    assert here.journal_id() != there.journal_id()  # an import into a journal that holds records keeps its id
    here.close()
    there.close()


@pytest.mark.parametrize("value", ["", "a" * 65, "id with spaces", "<b>x</b>", 7, ["x"], None, True])
def test_a_file_naming_its_journal_otherwise_than_by_an_id_is_refused(value):
    with pytest.raises(OnwardJsonError, match=r"^journal: .* is not a journal's id"):
        read_onward({"format": "onward", "version": 3, "journal": value})


def test_a_value_refused_is_said_as_the_file_writes_it():
    """JSON's own words (true, ["x"]) and an escape code shown, not left out: "red" was said for ESC[31mred, an
    id that reads as a good one."""
    said = []
    for value in ("\x1b[31mred", True, ["x"]):
        with pytest.raises(OnwardJsonError) as refused:
            read_onward({"format": "onward", "version": 3, "journal": value})
        said.append(str(refused.value))
    assert said == [
        'journal: "\\u001b[31mred" is not a journal\'s id (up to 64 letters and digits).',
        "journal: true is not a journal's id (up to 64 letters and digits).",
        'journal: ["x"] is not a journal\'s id (up to 64 letters and digits).',
    ]


def test_the_rows_left_out_are_counted_as_listed_one_line_per_row_with_its_reasons(journal, tmp_path):
    """Issue try5 #13: a row that is just "Acme6" lacks a role and a day; it was listed twice under a count of one."""
    sheet = _sheet(tmp_path, (
        "Company,Role,Date applied\n"
        "Acme1,Analyst,2026-11-20\n"
        ",Analyst,2026-11-20\n"
        "Acme6\n"
        "Acme7,Analyst,2026-11-21\n"
    ))
    lines, _ = _read("csv", sheet, journal).preview(journal, TODAY)
    start = next(i for i, line in enumerate(lines) if line.startswith("Leaves out"))
    listed = [line for line in lines[start + 1:] if line.startswith("  line ")]
    assert lines[start] == "Leaves out 2 rows it can't use:"
    assert listed == ["  line 3: Company can't be empty.", "  line 4: No applied date. Role can't be empty."]
