"""Merging two copies of one journal that both wrote while apart (a fork: `onward pull` keeps this machine's
journal as …-diverged.db and prints the import that brings its writes back). Found by a tester: after a fork
both machines gave the next id to their own record, and the import took the other machine's step, win or note
for this one's, edited ("kept; the file says …"): it then lived only in the …-diverged.db.

A fork is simulated as it happens: the journal file copied (the replica's copy: the same ids, the same
moments), then both copies written; each copy's records are stamped a second apart, as two machines are."""

import json
import re
import shutil
from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from tests.journal_steps import act, add_app, add_win, edit_app, log, reflect
from tui.actions.editing import remove_reflection
from tui.actions.imports import import_onward, plan_import, read_import
from tui.domain.entries import ActionEntry, WinEntry, check_application
from tui.domain.models import ActionKind, OutcomeKind, Stage, WinKind
from tui.domain.reflections import ReflectionEntry
from tui.domain.onward_json import OnwardJsonError, read_onward
from tui.store.repository import Journal
from tui.store.transfer import export_journal

LAPTOP_MOMENT = "2026-12-07T18:02:11Z"


@pytest.fixture
def forked(tmp_path):
    """Desktop and laptop, copies of one journal (Acme — Analyst, a step), each then writing a step of one
    kind on one day, a note on Acme, a win of one kind, and an application at Acme: every one under the same
    id on both. The laptop's are stamped as written a little earlier (two machines write a second apart at
    least; a test writes both copies within one)."""
    desktop = Journal.open(tmp_path / "desktop.db")
    day = TODAY - timedelta(days=1)
    acme, _ = add_app(desktop, check_application(company="Acme", role="Analyst", today=day, applied="today"))
    act(desktop, ActionEntry(ActionKind.INTERVIEW_PREP, day, "before they parted"))
    before = desktop.records.largest_ids()
    desktop.close()
    shutil.copyfile(tmp_path / "desktop.db", tmp_path / "laptop-diverged.db")
    desktop, laptop = Journal.open(tmp_path / "desktop.db"), Journal.open(tmp_path / "laptop-diverged.db")
    for journal, who in ((desktop, "desktop"), (laptop, "laptop")):
        act(journal, ActionEntry(ActionKind.INTERVIEW_PREP, TODAY, f"{who}: step"))
        log(journal, acme.id, OutcomeKind.NOTE, TODAY, note=f"{who}: note")
        add_win(journal, WinEntry(f"{who}: win", WinKind.OTHER, TODAY))
        other, _ = add_app(journal, check_application(company="Acme", role=f"{who} role", today=TODAY, applied="today"))
        add_win(journal, WinEntry(f"{who}: win for the new application", WinKind.OTHER, TODAY, application_id=other.id))
    assert desktop.records.largest_ids() == laptop.records.largest_ids(), "both copies gave the same ids to their own"
    with laptop.transaction():
        for table in ("applications", "events", "actions", "wins"):
            laptop.db.conn.execute(f"UPDATE {table} SET created_at = ? WHERE id > ?", [LAPTOP_MOMENT, before[table]])
    yield desktop, laptop, acme
    desktop.close()
    laptop.close()


def test_records_both_copies_wrote_under_one_id_after_a_fork_are_both_kept(forked):
    desktop, laptop, acme = forked
    theirs = read_onward(export_journal(laptop))
    plan = plan_import(desktop, theirs)
    text = "\n".join(plan.preview())
    assert not plan.not_taken, text
    assert (plan.count("actions"), plan.count("events"), plan.count("wins"), plan.count("applications")) == (2, 1, 2, 1)
    assert (
        "Of those, 1 application, 1 outcome, 2 steps and 2 wins came after the two copies parted and share an id with "
        "another record here (each first written at its own moment): both are kept, the file's under a new id."
    ) in text

    import_onward(desktop, theirs)
    notes = sorted(s.note for s in desktop.steps.every() if s.kind is ActionKind.INTERVIEW_PREP)
    assert notes == ["before they parted", "desktop: step", "laptop: step"]
    assert [e.note for e in desktop.applications.get(acme.id).events] == ["desktop: note", "laptop: note"]
    by_role = {a.role: a for a in desktop.applications.every()}
    assert set(by_role) == {"Analyst", "desktop role", "laptop role"}
    wins = {w.title: w for w in desktop.wins.every()}
    assert {"desktop: win", "laptop: win"} <= set(wins)
    # The laptop's application came in under a new id, and the win naming it follows it there.
    assert by_role["laptop role"].id != by_role["desktop role"].id
    assert wins["laptop: win for the new application"].application_id == by_role["laptop role"].id
    assert wins["desktop: win for the new application"].application_id == by_role["desktop role"].id
    # …and keeps when it was first written.
    assert desktop.records.made_at("actions", [max(s.id for s in desktop.steps.every())]) == {
        max(s.id for s in desktop.steps.every()): LAPTOP_MOMENT
    }
    # Importing the same file again adds nothing.
    again = plan_import(desktop, theirs)
    assert not again.writes_anything, "\n".join(again.preview())


def test_a_record_both_held_before_the_fork_and_edited_on_one_side_is_still_one(forked):
    desktop, laptop, acme = forked
    edit_app(laptop, acme.id, check_application(company="Acme", role="Senior Analyst", today=acme.applied_on, applied="today"))
    plan = plan_import(desktop, read_onward(export_journal(laptop)))
    text = "\n".join(plan.preview())
    assert f'Acme — Analyst (id {acme.id}): role "Analyst" kept; the file says "Senior Analyst"' in text
    assert "Analyst" not in {a["role"] for a in plan.records["applications"]} and plan.count("applications") == 1


def test_without_the_moments_a_record_under_one_id_is_taken_as_edited_as_before(forked):
    """A file written before Onward exported when each record was first written can't tell: the step and the
    note of the same day and kind are taken as edits, said in the preview (as before)."""
    desktop, laptop, _ = forked
    data = export_journal(laptop)
    for record in [*data["applications"], *data["actions"], *data["wins"], *(e for a in data["applications"] for e in a["events"])]:
        record.pop("created_at")
    plan = plan_import(desktop, read_onward(data))
    assert plan.count("actions") == 0 and not plan.made_apart.get("actions")
    assert any(n.ours == "desktop: step" and n.theirs == "laptop: step" for n in plan.not_taken)


def test_the_pull_s_import_command_brings_the_other_machine_s_records_back(forked, tmp_path):
    """As `onward import json …-diverged.json` runs it: the preview says what it adds, and writing it keeps both."""
    desktop, laptop, _ = forked
    path = tmp_path / "laptop-diverged.json"
    path.write_text(json.dumps(export_journal(laptop)), encoding="utf-8")
    chosen = read_import("json", path, journal_path=desktop.path, today=TODAY)
    lines, adds = chosen.preview(desktop, TODAY)
    assert adds and "both are kept, the file's under a new id" in "\n".join(lines)
    said = chosen.write(desktop, TODAY).message
    assert "kept; the file says" not in said
    assert "laptop: step" in {s.note for s in desktop.steps.every()}


@pytest.fixture
def rewritten(tmp_path):
    """A rejection reflected on, its export (the older one), then the reflection removed and written again (the
    editor's "save as new" after a removal elsewhere): the newer journal and the older export. Found by a tester:
    importing either into the other left two reflections and two "Turned the Hooli rejection into lessons"."""
    journal = Journal.open(tmp_path / "journal.db")
    hooli, _ = add_app(journal, check_application(company="Hooli", role="Analyst", today=TODAY - timedelta(days=9), applied="today"))
    log(journal, hooli.id, OutcomeKind.REJECTED, TODAY - timedelta(days=5), stage=Stage.SCREENING)
    first = reflect(
        journal, ReflectionEntry(2, ("sad",), went_well="the first call", body="older words"), TODAY - timedelta(days=4),
        application_id=hooli.id,
    )
    older = export_journal(journal)
    remove_reflection(journal, first.id)
    reflect(journal, ReflectionEntry(3, ("tired",), went_well="the first call", body="newer words"), TODAY, application_id=hooli.id)
    yield journal, older, hooli
    journal.close()


def _lessons(journal):
    return [w.title for w in journal.wins.every() if w.title == "Turned the Hooli rejection into lessons"]


def _one_reflection_with_both(journal, hooli, ours, theirs):
    """One reflection on the rejection and one win for it; the file's words wait after the journal's in its draft."""
    (kept,) = journal.reflections.of_application(hooli.id)
    assert kept.body == ours
    assert len(_lessons(journal)) == 1
    draft = journal.reflections.draft(f"reflection:{kept.id}")
    assert draft["body"] == f"{ours}\n\n{theirs}" and draft["went_well"] == "the first call"
    assert draft["feelings"] == f"{kept.feelings[0]}, {'sad' if kept.feelings == ('tired',) else 'tired'}"
    assert draft["typed_over"]["body"] == ours  # opening it merges, not writes over, a change made since


def test_an_older_export_s_other_version_of_a_reflection_joins_the_one_held_as_a_draft(rewritten):
    journal, older, hooli = rewritten
    plan = plan_import(journal, read_onward(older))
    text = "\n".join(plan.preview())
    assert plan.count("reflections") == 0 and plan.count("wins") == 0, text
    assert "A rejection keeps one reflection, so the file's reflection on a rejection reflected on here joins the one here" in text
    assert "Hooli — Analyst" in text and "mood 3 kept; the file says 2" in text
    import_onward(journal, read_onward(older))
    _one_reflection_with_both(journal, hooli, "newer words", "older words")
    # The same file again adds nothing: the draft holds its words already.
    assert not plan_import(journal, read_onward(older)).writes_anything


def test_a_newer_export_into_a_copy_holding_the_older_reflection_joins_it_too(rewritten, tmp_path):
    """The other order: a copy of the journal as it was (made by importing the older export) takes the newer."""
    journal, older, hooli = rewritten
    copy = Journal.open(tmp_path / "copy.db")
    import_onward(copy, read_onward(older))
    import_onward(copy, read_onward(export_journal(journal)))
    _one_reflection_with_both(copy, hooli, "older words", "newer words")
    copy.close()


@pytest.mark.parametrize("value", ["yesterday", "2026-12-07 18:02:11", 7, ["2026-12-07T18:02:11Z"], True])
def test_a_moment_a_record_was_written_that_is_not_one_is_refused(value):
    data = {"format": "onward", "version": 3, "actions": [
        {"id": 1, "on": "2026-11-01", "kind": "networking", "note": "", "created_at": value},
    ]}
    with pytest.raises(OnwardJsonError, match=r"^actions\[0\]\.created_at: .* is not a moment written like 2026-12-07T18:02:11Z\.$"):
        read_onward(data)


@pytest.mark.parametrize("table, where", [
    ("applications", "applications[1]"), ("events", "applications[1].events[0]"), ("wins", "wins[1]"), ("actions", "actions[1]"),
])
def test_a_moment_is_checked_on_every_record_not_only_the_first_to_name_it(table, where):
    """Moments read good are looked up, not checked again, on the records that follow: a text read before (a
    note) or a moment of another kind of record is no reason to take one that is not a moment."""
    good, bad = "2026-12-07T18:02:11Z", "2026-12-07 18:02:11"

    def moment(n: int, kind: str) -> str:
        return bad if (n, kind) == (2, table) else good  # the second record of that kind

    data = {"format": "onward", "version": 3, "applications": [
        {"id": n, "company": "Acme", "role": "Analyst", "applied_on": "2026-11-01", "notes": bad, "created_at": moment(n, "applications"),
         "events": [{"id": n, "on": "2026-11-02", "kind": "rejected", "stage": None, "note": bad, "created_at": moment(n, "events")}]}
        for n in (1, 2)
    ], "wins": [
        {"id": n, "on": "2026-11-03", "title": "Asked", "kind": "other", "note": bad, "application_id": None, "automatic": False,
         "cause": None, "seen": True, "created_at": moment(n, "wins")}
        for n in (1, 2)
    ], "actions": [
        {"id": n, "on": "2026-11-04", "kind": "networking", "note": bad, "application_id": None, "event_id": None,
         "reflection_id": None, "automatic": False, "created_at": moment(n, "actions")}
        for n in (1, 2)
    ]}
    with pytest.raises(OnwardJsonError, match=rf"^{re.escape(where)}\.created_at: .* is not a moment written like"):
        read_onward(data, date(2026, 12, 8))
