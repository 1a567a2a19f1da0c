"""Outcomes written before `story.step_earned` said they earn a step (a screening logged as it happened had
none) get it, once: when a journal written before is opened (migration 17) and when an older export is imported,
through one repair (tui.store.steps.add_missing_outcome_steps)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.journal_steps import add_app, log
from tui.actions import views
from tui.actions.imports import import_onward
from tui.domain.entries import check_application
from tui.domain.models import ActionKind, OutcomeKind
from tui.domain.onward_json import read_onward
from tui.paths import demo_journal_text
from tui.store.repository import Journal
from tui.store.schema import SCHEMA_VERSION
from tui.store.transfer import export_journal

TODAY = date(2026, 11, 27)  # a Friday
APPLIED = TODAY - timedelta(days=2)  # Wednesday: its 'applied' step
SCREENED = TODAY - timedelta(days=1)  # Thursday: the screening, logged as it happened, is the day's only step


def _journal(path: Path) -> dict[str, int]:
    """A journal as this Onward writes it: a screening logged as it happened (its step on Thursday), one planned,
    one whose day an import did not give, an interview held and a rejection; returns their outcome ids."""
    journal = Journal.open(path)
    try:
        app, _ = add_app(journal, check_application(company="Northwind Health", role="Analyst", today=TODAY, applied=APPLIED.isoformat()))
        other, _ = add_app(journal, check_application(company="Brightwave", role="Analyst", today=TODAY, applied=APPLIED.isoformat()))
        kept, _ = add_app(journal, check_application(company="Kestrel", role="Analyst", today=TODAY, applied=APPLIED.isoformat()))
        unknown, _ = add_app(journal, check_application(company="Lumen", role="Designer", today=TODAY, applied=APPLIED.isoformat()))
        log(journal, app.id, OutcomeKind.SCREENING, SCREENED)
        log(journal, other.id, OutcomeKind.SCREENING, APPLIED, takes_place_on=TODAY + timedelta(days=3))
        log(journal, kept.id, OutcomeKind.INTERVIEW, SCREENED)
        log(journal, unknown.id, OutcomeKind.SCREENING, APPLIED, day_unknown=True)
        log(journal, other.id, OutcomeKind.REJECTED, SCREENED, reopen=True)
        ids = {kind: event_id for kind, event_id in journal.db.execute(
            "SELECT a.company || ':' || e.kind, e.id FROM events e JOIN applications a ON a.id = e.application_id"
        ).fetchall()}
    finally:
        journal.close()
    return ids


def _written_before(path: Path) -> dict[str, int]:
    """The same journal as an Onward before the rule wrote it: the screening logged as it happened has no step,
    and the repair's migration has not run."""
    ids = _journal(path)
    journal = Journal.open(path)
    journal.db.execute("DELETE FROM actions WHERE event_id = ?", [ids["Northwind Health:screening"]])
    journal.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm017_steps_of_outcomes'")
    journal.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    journal.close()
    return ids


def _steps_of(journal: Journal, event_id: int) -> list[tuple[str, str, int, int]]:
    return journal.db.execute(
        'SELECT "on", kind, automatic, application_id FROM actions WHERE event_id = ?', [event_id]
    ).fetchall()


def test_an_older_journal_opened_gets_its_screenings_step_once(tmp_path):
    path = tmp_path / "journal.db"
    ids = _written_before(path)
    for _ in range(2):  # a second opening adds nothing
        journal = Journal.open(path)
        try:
            screening = ids["Northwind Health:screening"]
            northwind = journal.db.execute("SELECT application_id FROM events WHERE id = ?", [screening]).fetchone()[0]
            assert _steps_of(journal, screening) == [(SCREENED.isoformat(), ActionKind.INTERVIEW_ATTENDED.value, 1, northwind)]
            # Nothing else earns one: the planned screening, the one without a day, the rejection.
            for name in ("Brightwave:screening", "Lumen:screening", "Brightwave:rejected"):
                assert _steps_of(journal, ids[name]) == []
            assert len(_steps_of(journal, ids["Kestrel:interview"])) == 1  # it had its step: still one
            # The steps per day count it (their table is what every streak figure starts from).
            counted = dict(journal.db.execute('SELECT "on", steps FROM step_days').fetchall())
            assert counted == dict(journal.db.execute('SELECT "on", count(*) FROM actions GROUP BY "on"').fetchall())
            assert journal.steps.step_counts()[SCREENED] == 2  # the screening and the interview
        finally:
            journal.close()


def test_the_repair_changes_nothing_a_second_time(tmp_path):
    path = tmp_path / "journal.db"
    _written_before(path)
    journal = Journal.open(path)
    try:
        before = journal.db.execute("SELECT * FROM actions ORDER BY id").fetchall()
        with journal.transaction():
            assert journal.steps.add_missing_outcome_steps() == 0
        assert journal.db.execute("SELECT * FROM actions ORDER BY id").fetchall() == before
    finally:
        journal.close()


def test_an_older_journals_streak_and_meter_count_the_screenings_day(tmp_path):
    """Thursday had only the screening: repaired, Wednesday and Thursday are a run of two, as in a journal
    where the screening was logged now (Today and the report already counted it)."""
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    _written_before(old)
    _journal(new)
    # (Only the screening's Thursday: the interview was at another application, left out here.)
    for path in (old, new):
        journal = Journal.open(path)
        try:
            journal.db.execute("DELETE FROM applications WHERE company = 'Kestrel'")
        finally:
            journal.close()
    summaries = []
    for path in (old, new):
        journal = Journal.open(path)
        try:
            assert SCREENED in journal.steps.step_counts()
            summary = views.streak_summary(journal, TODAY)
            assert summary.current == 2 and summary.run_start == APPLIED
            summaries.append((summary, views.meter(journal, TODAY).summary))
        finally:
            journal.close()
    assert summaries[0] == summaries[1]


@pytest.mark.parametrize("holding_records", [False, True], ids=["into an empty journal", "into one holding records"])
def test_an_older_export_imported_gets_its_screenings_step(tmp_path, holding_records):
    source = tmp_path / "source.db"
    ids = _journal(source)
    journal = Journal.open(source)
    data = export_journal(journal)
    journal.close()
    # As an Onward before the rule exported it: no step tied to the screening logged as it happened.
    data["actions"] = [step for step in data["actions"] if step["event_id"] != ids["Northwind Health:screening"]]
    fresh = Journal.open(tmp_path / "fresh.db")
    try:
        if holding_records:  # its records are renumbered: the step follows its outcome
            add_app(fresh, check_application(company="Orbit", role="Analyst", today=TODAY, applied=APPLIED.isoformat()))
        imported = import_onward(fresh, read_onward(data))
        # Said after the import: the steps it wrote are more than the file held (a tester counted 81 for "72").
        assert f"{len(data['actions'])} steps (and 1 step its outcomes earn)" in imported.summary()
        screening = fresh.db.execute(
            "SELECT e.id FROM events e JOIN applications a ON a.id = e.application_id "
            "WHERE a.company = 'Northwind Health' AND e.kind = 'screening'"
        ).fetchone()[0]
        assert _steps_of(fresh, screening)[0][:3] == (SCREENED.isoformat(), ActionKind.INTERVIEW_ATTENDED.value, 1)
        assert len(_steps_of(fresh, screening)) == 1
        assert fresh.db.execute("SELECT count(*) FROM actions WHERE event_id IS NOT NULL").fetchone()[0] == 2
        assert fresh.steps.step_counts()[SCREENED] == 2  # the screening and the interview
        assert views.streak_summary(fresh, TODAY).current == 2
    finally:
        fresh.close()


def test_the_demo_journal_holds_the_steps_its_outcomes_earn(tmp_path):
    """data/demo.json is Onward JSON as this Onward writes it: loading it adds no step of its own."""
    data = json.loads(demo_journal_text())
    journal = Journal.open(tmp_path / "demo.db")
    try:
        import_onward(journal, read_onward(data))
        assert len(journal.steps.every()) == len(data["actions"])
        northwind = next(a for a in data["applications"] if a["company"] == "Northwind Health")
        screening = next(e for e in northwind["events"] if e["kind"] == "screening")
        assert [kind for _, kind, _, _ in _steps_of(journal, screening["id"])] == [ActionKind.INTERVIEW_ATTENDED.value]
    finally:
        journal.close()


def test_the_repair_reads_only_outcomes_that_may_earn_a_step(tmp_path, monkeypatch):
    """Ten years hold ~5,000 rejections without a step: read one by one, they cost an import ~60 ms for nothing."""
    from tui.domain import story
    from tui.store.steps import add_missing_outcome_steps

    ids = _journal(tmp_path / "journal.db")  # a rejection, a planned screening, ...: none with a step
    asked: list[OutcomeKind] = []
    real = story.step_earned
    monkeypatch.setattr(story, "step_earned", lambda event: asked.append(event.kind) or real(event))
    journal = Journal.open(tmp_path / "journal.db")
    try:
        journal.db.execute("DELETE FROM actions WHERE event_id = ?", [ids["Northwind Health:screening"]])
        assert add_missing_outcome_steps(journal.db.conn) == 1
    finally:
        journal.close()
    assert asked and OutcomeKind.REJECTED not in asked
    assert set(asked) <= set(story.STEP_OF_KIND)


def test_an_older_demo_opened_gets_the_streak_milestone_wins_its_longer_runs_reach(tmp_path):
    """Steps the migration adds join runs (the demo's 17 days became 37): the milestones those runs reach are
    posted, and those of the shorter runs taken away, as the journal is next opened to be written."""
    from tests.conftest import make_demo_journal
    from tui.actions.automatic_wins import refresh_automatic_wins
    from tui.actions.journals import open_journal
    from tui.store.schema import STREAK_WINS_DUE

    def streak_wins(path: Path) -> list[tuple[str, str]]:
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT \"on\", cause FROM wins WHERE cause LIKE 'streak:%' ORDER BY \"on\", cause").fetchall()
        db.close()
        return rows

    now, before = make_demo_journal(tmp_path / "now.db"), make_demo_journal(tmp_path / "before.db")
    # As an Onward before the rule wrote it: the screenings' steps missing, its wins settled for shorter runs.
    journal = Journal.open(before)
    try:
        journal.db.execute(
            "DELETE FROM actions WHERE event_id IN (SELECT id FROM events WHERE kind = 'screening')"
        )
        with journal.transaction():
            refresh_automatic_wins(journal, streak=True)
        journal.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm017_steps_of_outcomes'")
        journal.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    finally:
        journal.close()
    assert streak_wins(before) != streak_wins(now)
    reading = open_journal(before, reading=True)  # migrated; wins left for a journal that may be written
    reading.close()
    journal = open_journal(before)
    try:
        assert journal.setting_text(STREAK_WINS_DUE) is None
    finally:
        journal.close()
    assert streak_wins(before) == streak_wins(now)
