"""Every query behind the Inbox's keystrokes uses an index: none scans events, actions or wins whole."""

import re

from tests.conftest import TODAY
from tui.actions import views
from tui.actions.applications import log_outcome
from tui.actions.undo import undo
from tui.domain.models import OutcomeKind
from tui.store.repository import Journal

BIG_TABLES = ("events", "actions", "wins")


def statements_run_by(journal: Journal, read, kinds: tuple[str, ...] = ("SELECT",)) -> list[str]:
    seen: list[str] = []
    journal.db.conn.set_trace_callback(seen.append)
    try:
        read()
    finally:
        journal.db.conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(kinds)]


# Steps per day are counted over every day there is (the streak needs them all): read from the day index.
WHOLE_BY_DESIGN = ('GROUP BY "on"',)


def full_scans(journal: Journal, statement: str) -> list[str]:
    """Plan steps that read a big table (or all of one of its indexes) from end to end."""
    if any(marker in statement for marker in WHOLE_BY_DESIGN):
        return []
    plan = [row[3] for row in journal.db.conn.execute(f"EXPLAIN QUERY PLAN {statement}")]
    return [
        step for step in plan
        if re.match(rf"SCAN ({'|'.join(BIG_TABLES)})\b", step) and not step.endswith(PARTIAL_INDEXES)
    ]


# Partial indexes hold only the few rows they are for: walking one whole reads those, not the table.
PARTIAL_INDEXES = ("USING INDEX actions_learning_gaps", "INDEX wins_unseen")


def test_the_inbox_reads_use_indexes(demo_path):
    journal = Journal.open(demo_path)
    try:
        def inbox_reads():
            journal.applications.inbox(TODAY)
            journal.applications.by_id([1, 2, 3])
            journal.steps.every(on=TODAY)
            journal.wins.every(on=TODAY)
            journal.reflections.reflected_application_ids()
            journal.reflections.with_a_step_by(TODAY)
            views.streak_summary(journal, TODAY)
            journal.settings()
            views.talk_reminders(journal, TODAY)
            views.broaden_nudges(journal, TODAY)  # the demo has one: every query behind it runs
            journal.steps.people()
            journal.steps.feedback_asked()
            views.learning_plan(journal)

        statements = statements_run_by(journal, inbox_reads)
        assert len(statements) >= 14
        scans = {statement[:80]: full_scans(journal, statement) for statement in statements}
        assert not {s: plan for s, plan in scans.items() if plan}
    finally:
        journal.close()


def test_the_keys_reads_and_writes_use_indexes(demo_path):
    """An outcome key, a follow-up and their undo (its check of the application, the removal) touch only the
    application's own rows."""
    journal = Journal.open(demo_path)
    try:
        app = journal.applications.inbox(TODAY)[0].id

        def keys():
            done = log_outcome(journal, app, OutcomeKind.FOLLOWED_UP, TODAY)
            undo(journal, done.undo)
            done = log_outcome(journal, app, OutcomeKind.REJECTED, TODAY)
            undo(journal, done.undo)

        statements = statements_run_by(journal, keys, ("SELECT", "UPDATE", "DELETE"))
        assert any(s.startswith("DELETE FROM events") for s in statements)
        scans = {statement[:90]: full_scans(journal, statement) for statement in statements}
        assert not {s: plan for s, plan in scans.items() if plan}
    finally:
        journal.close()


def test_the_areas_whole_history_reads_use_indexes(demo_path):
    """What the wall (its unseen wins on every visit), the reflections and the streak meter read (ahead, while the app is idle, and again
    after a write): each through an index, the meter's rejections included."""
    journal = Journal.open(demo_path)
    try:
        def area_reads():
            journal.wins.marks()
            journal.wins.unseen_ids()  # on every visit of the wall
            journal.reflections.every()
            views.meter(journal, TODAY)
            journal.applications.to_reflect_count()

        statements = statements_run_by(journal, area_reads)
        assert any("FROM events WHERE kind =" in s for s in statements)
        scans = {statement[:90]: full_scans(journal, statement) for statement in statements}
        # The wall lays out every win (read once, then kept up to date by each write): whole by design.
        assert not {s: plan for s, plan in scans.items() if plan and not s.startswith('SELECT id, "on", kind FROM wins')}
    finally:
        journal.close()


def test_every_link_between_rows_has_an_index(journal):
    """Removing a row makes SQLite look up the rows that point at it (ON DELETE): without an index on the
    pointing column, removing one outcome scans every step of ten years."""
    conn = journal.db.conn
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    unindexed = []
    for table in tables:
        first_columns = {
            conn.execute(f"PRAGMA index_info('{index[1]}')").fetchone()[2]
            for index in conn.execute(f"PRAGMA index_list('{table}')")
        }
        unindexed += [f"{table}.{link[3]}" for link in conn.execute(f"PRAGMA foreign_key_list('{table}')") if link[3] not in first_columns]
    assert unindexed == []


def test_the_check_sees_a_full_scan(demo_path):
    journal = Journal.open(demo_path)
    try:
        assert full_scans(journal, "SELECT * FROM events WHERE note = 'x'")
        assert full_scans(journal, "SELECT application_id FROM events")  # all of an index is a full scan too
        assert not full_scans(journal, "SELECT * FROM events WHERE application_id = 1")
    finally:
        journal.close()


def test_the_nudge_asks_each_application_whether_it_got_further_from_the_partial_index(demo_path):
    """The broaden nudge's rates ask it of a year's applications after every screening or rejection: only the
    outcomes that answer it are read (migration 10's index), and they are the domain's own."""
    from tui.domain.models import Stage
    from tui.store.repository import GOT_FURTHER

    journal = Journal.open(demo_path)
    try:
        statements = statements_run_by(journal, lambda: journal.applications.field_rates(TODAY.replace(year=TODAY.year - 1)))
        [rates] = [s for s in statements if "GROUP BY field" in s]
        plan = [row[3] for row in journal.db.conn.execute(f"EXPLAIN QUERY PLAN {rates}")]
        assert any("USING INDEX events_got_further" in step for step in plan), plan
        further = {OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND, OutcomeKind.OFFER}
        named = set(re.findall(r"'(\w+)'", GOT_FURTHER))
        assert named == {kind.value for kind in further | {OutcomeKind.REJECTED}} | {stage.value for stage in Stage if stage is not Stage.APPLICATION}
    finally:
        journal.close()
