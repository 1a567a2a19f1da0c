"""Provides the journal's schema as sqlite-utils migrations, one function each, applied atomically."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Iterator
from datetime import date

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from tui.store.schema import JOURNAL_SETTING, STREAK_WINS_DUE


class _Registry:
    """The ordered migrations; each one also stamps PRAGMA user_version inside its transaction."""

    def __init__(self) -> None:
        self.migrations = Migrations("onward")
        self._names: list[str] = []

    def add(self, function: Callable[[Database], None]) -> Callable[[Database], None]:
        version = len(self._names) + 1

        def migrate(db: Database) -> None:
            function(db)
            db.execute(f"PRAGMA user_version = {version}")

        self.migrations(name=function.__name__)(migrate)
        self._names.append(function.__name__)
        return function

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return ((name, index + 1) for index, name in enumerate(self._names))

    def __len__(self) -> int:
        return len(self._names)


MIGRATIONS = _Registry()


@MIGRATIONS.add
def m001_journal(db: Database) -> None:
    """Applications with their outcome timeline, proactive actions, wins, reflections, rest days, settings."""
    statements = [
        """CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL CHECK (length(company) > 0),
            role TEXT NOT NULL CHECK (length(role) > 0),
            field TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            applied_on TEXT NOT NULL,
            follow_up_on TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
            "on" TEXT NOT NULL,
            kind TEXT NOT NULL,
            stage TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        'CREATE INDEX events_by_application ON events (application_id, "on")',
        """CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            "on" TEXT NOT NULL,
            kind TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,
            event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
            automatic INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        'CREATE INDEX actions_by_day ON actions ("on")',
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,
            "on" TEXT NOT NULL,
            mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
            feelings TEXT NOT NULL DEFAULT '[]',
            stage TEXT,
            went_well TEXT NOT NULL DEFAULT '',
            do_differently TEXT NOT NULL DEFAULT '',
            gaps TEXT NOT NULL DEFAULT '[]',
            stumbles TEXT NOT NULL DEFAULT '',
            next_step TEXT NOT NULL DEFAULT '',
            next_step_on TEXT,
            talk_to TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        """CREATE TABLE wins (
            id INTEGER PRIMARY KEY,
            "on" TEXT NOT NULL,
            title TEXT NOT NULL CHECK (length(title) > 0),
            kind TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            application_id INTEGER REFERENCES applications(id) ON DELETE SET NULL,
            automatic INTEGER NOT NULL DEFAULT 0,
            cause TEXT UNIQUE,
            seen INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        """CREATE TABLE rest_days ("on" TEXT PRIMARY KEY)""",
        """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    ]
    for statement in statements:
        db.execute(statement)


@MIGRATIONS.add
def m002_reflection_steps(db: Database) -> None:
    """Tie actions to the reflection that earned them (once per reflection, day and kind); track next steps done."""
    db.execute("ALTER TABLE reflections ADD COLUMN next_step_done_on TEXT")
    db.execute("ALTER TABLE actions ADD COLUMN reflection_id INTEGER REFERENCES reflections(id) ON DELETE CASCADE")
    db.execute(
        'CREATE UNIQUE INDEX actions_once_per_reflection_day ON actions (reflection_id, "on", kind) '
        "WHERE reflection_id IS NOT NULL"
    )
    db.execute("CREATE INDEX reflections_by_application ON reflections (application_id)")
    # What an editor holds but cannot save yet (no mood picked, a date that doesn't parse): never lost.
    db.execute(
        "CREATE TABLE drafts (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
        "updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )


@MIGRATIONS.add
def m003_win_tombstones(db: Database) -> None:
    """Causes whose automatic win the user deleted, so the journal never posts it again."""
    db.execute("CREATE TABLE win_tombstones (cause TEXT PRIMARY KEY)")
    db.execute("CREATE INDEX wins_by_day ON wins (\"on\")")


@MIGRATIONS.add
def m004_application_summary(db: Database) -> None:
    """Keep each application's status and last-heard day beside it, so the Inbox reads only open ones."""
    from tui.domain.models import Application, OutcomeEvent, OutcomeKind, Stage

    db.execute("ALTER TABLE applications ADD COLUMN status TEXT NOT NULL DEFAULT 'applied'")
    db.execute("ALTER TABLE applications ADD COLUMN last_heard_on TEXT")
    db.execute("CREATE INDEX applications_by_status ON applications (status)")
    db.execute('CREATE INDEX events_by_day ON events ("on")')
    db.execute("CREATE INDEX reflections_by_next_step ON reflections (next_step_on) WHERE next_step_on IS NOT NULL")
    events: dict[int, list[OutcomeEvent]] = {}
    for row in db.execute('SELECT id, application_id, "on", kind, stage FROM events ORDER BY "on", id').fetchall():
        event = OutcomeEvent(row[0], row[1], date.fromisoformat(row[2]), OutcomeKind(row[3]), Stage(row[4]) if row[4] else None)
        events.setdefault(row[1], []).append(event)
    for app_id, company, role, applied_on in db.execute("SELECT id, company, role, applied_on FROM applications").fetchall():
        app = Application(app_id, company, role, date.fromisoformat(applied_on), events=tuple(events.get(app_id, ())))
        db.execute(
            "UPDATE applications SET status = ?, last_heard_on = ? WHERE id = ?",
            [app.status.value, app.last_heard_on.isoformat(), app_id],
        )


@MIGRATIONS.add
def m005_link_indexes(db: Database) -> None:
    """Index the links from steps and wins to their application and outcome: an undo's check of an application,
    and removing an outcome (its steps go with it), read only that application's rows instead of scanning
    every step and win of ten years (tests/store/test_query_plans.py checks every link has one)."""
    db.execute("CREATE INDEX actions_by_application ON actions (application_id)")
    db.execute("CREATE INDEX actions_by_event ON actions (event_id)")
    db.execute("CREATE INDEX wins_by_application ON wins (application_id)")


@MIGRATIONS.add
def m006_application_search_text(db: Database) -> None:
    """Keep the text a filter searches (the domain's `haystack` of company, role and field) beside each
    application: SQLite matches it in C, where calling back into Python for 10,000 rows took ~30 ms a key;
    and index the last-heard day the filter lists by."""
    from tui.domain.text import haystack

    db.execute("ALTER TABLE applications ADD COLUMN search TEXT NOT NULL DEFAULT ''")
    # Closed ones are listed newest heard from first, at most a few hundred: walked in this order, a filter
    # stops at the last one listed instead of sorting thousands.
    db.execute("CREATE INDEX applications_by_last_heard ON applications (last_heard_on, id)")
    rows = db.execute("SELECT id, company, role, field FROM applications").fetchall()
    for application_id, company, role, field in rows:
        db.execute("UPDATE applications SET search = ? WHERE id = ?", [haystack(company, role, field), application_id])


@MIGRATIONS.add
def m007_interview_days(db: Database) -> None:
    """Give a screening or interview the day it takes place and whether it was held: planned (on its way),
    attended (the step it earns is logged on its day) or cancelled. Outcomes logged before keep no day and
    count as attended, as they did."""
    db.execute("ALTER TABLE events ADD COLUMN takes_place_on TEXT")
    db.execute("ALTER TABLE events ADD COLUMN held TEXT")
    # The Inbox reads the planned ones on every redraw: a few among tens of thousands of outcomes.
    db.execute("CREATE INDEX events_planned ON events (takes_place_on) WHERE held = 'planned'")


@MIGRATIONS.add
def m008_support_and_learning(db: Database) -> None:
    """The support circle (people, and which step reached out to whom), the gap tags a learning step works
    on, and the employer's feedback on a rejection kept with its reflection."""
    db.execute(
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) > 0),
            relation TEXT NOT NULL DEFAULT 'other',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )"""
    )
    # Removing a person keeps the steps (they still made those days persistent), just no longer named.
    db.execute("ALTER TABLE actions ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL")
    db.execute("ALTER TABLE actions ADD COLUMN gaps TEXT NOT NULL DEFAULT '[]'")
    # Each person's last contact is read for the whole circle on every Inbox redraw: a few rows, not 43k.
    db.execute('CREATE INDEX actions_by_person ON actions (person_id, "on") WHERE person_id IS NOT NULL')
    # The last support step, the learning steps and the feedback asked for are read by kind, a few among 43k.
    db.execute('CREATE INDEX actions_by_kind ON actions (kind, "on")')
    # Learning steps that name gaps, read whenever the nudge or the plan is: a few among thousands of learning steps.
    db.execute("CREATE INDEX actions_learning_gaps ON actions (\"on\", id) WHERE kind = 'learning' AND gaps != '[]'")
    db.execute("ALTER TABLE reflections ADD COLUMN feedback TEXT NOT NULL DEFAULT ''")
    # The broaden nudge compares fields over the last year's applications, not ten years of them.
    db.execute("CREATE INDEX applications_by_applied_on ON applications (applied_on)")
    # The Inbox reminds of the last weeks' "who will you talk to": read by day, not all ten years.
    db.execute('CREATE INDEX reflections_by_day ON reflections ("on")')



@MIGRATIONS.add
def m009_indexes_for_start_up(db: Database) -> None:
    """Indexes for the reads the first paint and the streak meter make on ten years."""
    # The Inbox lists the rejections still to reflect on heard from last: walked newest first within their
    # status, it stops at the few it shows instead of sorting all ~7,000 rejections (3.5 → 0.4 ms).
    db.execute("DROP INDEX applications_by_status")
    db.execute("CREATE INDEX applications_by_status ON applications (status, last_heard_on, id)")
    # The meter reads every rejection's day (bounce-back): ~7,000 of ~22,000 outcomes (5.7 → 1.8 ms).
    db.execute('CREATE INDEX events_by_kind ON events (kind, "on")')



@MIGRATIONS.add
def m010_outcomes_that_got_further(db: Database) -> None:
    """Index the outcomes that show an application got somewhere (a screening or further, or a rejection after
    one): the broaden nudge asks it of each of a year's ~1,000 applications after every such outcome or its
    undo, and looked through all their outcomes to answer (0.8 → 0.4 ms). Its condition is the repository's
    `GOT_FURTHER`, word for word (SQLite uses a partial index only for a query that says the same)."""
    db.execute(
        "CREATE INDEX events_got_further ON events (application_id) WHERE "
        "kind IN ('screening', 'interview', 'final_round', 'offer') "
        "OR (kind = 'rejected' AND stage IN ('screening', 'interview', 'final_round'))"
    )



@MIGRATIONS.add
def m011_steps_per_day(db: Database) -> None:
    """Keep how many steps each day has beside the steps, kept by SQLite itself as steps are added, removed
    (their outcome's or application's removal included) or moved to another day, by whoever writes: every
    streak figure starts from it, and counting ~44,000 steps of ten years took ~4 ms of the first paint
    (one row a day now: ~3,700)."""
    db.execute('CREATE TABLE step_days ("on" TEXT PRIMARY KEY, steps INTEGER NOT NULL) WITHOUT ROWID')
    db.execute('INSERT INTO step_days ("on", steps) SELECT "on", count(*) FROM actions GROUP BY "on"')
    one_more = 'INSERT INTO step_days ("on", steps) VALUES (NEW."on", 1) ON CONFLICT ("on") DO UPDATE SET steps = steps + 1;'
    one_less = (
        'UPDATE step_days SET steps = steps - 1 WHERE "on" = OLD."on"; '
        'DELETE FROM step_days WHERE "on" = OLD."on" AND steps <= 0;'
    )
    db.execute(f"CREATE TRIGGER step_days_added AFTER INSERT ON actions BEGIN {one_more} END")
    db.execute(f"CREATE TRIGGER step_days_removed AFTER DELETE ON actions BEGIN {one_less} END")
    db.execute(
        f'CREATE TRIGGER step_days_moved AFTER UPDATE OF "on" ON actions WHEN OLD."on" IS NOT NEW."on" '
        f"BEGIN {one_less} {one_more} END"
    )



@MIGRATIONS.add
def m012_moved_interviews(db: Database) -> None:
    """Remember the day a planned screening or interview was on before it last moved, so its story can say it
    moved (the timeline, `onward show`, the report); none before this, as none was kept."""
    db.execute("ALTER TABLE events ADD COLUMN moved_from TEXT")


@MIGRATIONS.add
def m013_import_history(db: Database) -> None:
    """Remember what imports and merges need: the postings merged away into an application (so importing the
    same export again does not bring them back), the last day heard from when an imported history was settled
    (news after it makes the application live again), and outcomes whose day an import did not give."""
    db.execute("ALTER TABLE applications ADD COLUMN merged_away TEXT NOT NULL DEFAULT '[]'")
    db.execute("ALTER TABLE applications ADD COLUMN settled_through TEXT")
    db.execute("ALTER TABLE events ADD COLUMN day_unknown INTEGER NOT NULL DEFAULT 0")


@MIGRATIONS.add
def m014_replica_writer(db: Database) -> None:
    """Which device last wrote to the journal's replica (Litestream) and up to which of its transactions this
    journal is known to hold: a device whose journal is behind the replica is told to pull before it writes."""
    db.execute(
        """CREATE TABLE replica_writer (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            device_id TEXT NOT NULL,
            device_name TEXT NOT NULL,
            url TEXT NOT NULL,
            txid INTEGER NOT NULL,
            at TEXT NOT NULL
        )"""
    )


@MIGRATIONS.add
def m015_unseen_wins(db: Database) -> None:
    """Index the wins not seen on the wall yet (the few it highlights once): each visit of the wall asks for
    them, which read every win of ten years (~0.7 ms of a first visit), and marking them seen did too."""
    db.execute("CREATE INDEX wins_unseen ON wins (id) WHERE seen = 0")


@MIGRATIONS.add
def m016_journal_lineage(db: Database) -> None:
    """Give the journal its own id (`JOURNAL_SETTING`). A journal written before has it made from its first
    record's id and the moment it was written (kept in every copy, never edited): two copies of one journal
    made before this get the same id, as they would have had. A new journal gets a random one."""
    first = None
    for table in ("applications", "actions", "wins"):
        first = db.execute(f"SELECT id, created_at FROM {table} ORDER BY id LIMIT 1").fetchone()
        if first is not None:
            first = (table, *first)
            break
    lineage = hashlib.sha256(repr(first).encode()).hexdigest()[:32] if first is not None else secrets.token_hex(16)
    db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [JOURNAL_SETTING, json.dumps(lineage)])


@MIGRATIONS.add
def m017_steps_of_outcomes(db: Database) -> None:
    """Give every outcome that earns a step and has none its automatic step (`add_missing_outcome_steps`, which
    asks story.step_earned): a screening logged as it happened earned none before, so `onward show`, the streak
    and the meter left out a day Today and the report counted. Steps per day follow through their trigger."""
    from tui.store.steps import add_missing_outcome_steps

    if add_missing_outcome_steps(db.conn):
        # Longer runs reach other streak milestones: their wins are settled by the actions layer as the journal
        # is next opened to be written (tui.actions.journals.open_journal), which a migration cannot do.
        db.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, 'true')", [STREAK_WINS_DUE])


@MIGRATIONS.add
def m018_planned_stages_take_nothing_back(db: Database) -> None:
    """Store again the status of each application with a screening, interview or final round still planned or
    cancelled: one after a later stage that took place no longer takes the status back (models.status_after;
    two postings merged into one showed interview in `onward show` and screening in the Inbox and `onward list`)."""
    _store_statuses_again_where_a_stage_did_not_take_place(db)


@MIGRATIONS.add
def m019_cancelled_stages_move_nothing(db: Database) -> None:
    """Store again the status of each application with a stage not taken place: a cancelled screening, interview
    or final round no longer sets an open application's status (models.status_after; `onward list` said
    "interview" of one whose only interview was called off, where Insights counted no interview reached)."""
    _store_statuses_again_where_a_stage_did_not_take_place(db)


def _store_statuses_again_where_a_stage_did_not_take_place(db: Database) -> None:
    """Work out again, by `models.status_after`, the status of each application with a screening, interview or
    final round still planned or cancelled (the only ones its rules for stages not taken place change)."""
    from tui.domain.models import Held, OutcomeKind, status_after

    timelines: dict[int, list[tuple[OutcomeKind, str | None]]] = {}
    for app_id, kind, held in db.execute(
        "SELECT application_id, kind, held FROM events WHERE application_id IN (SELECT application_id FROM events "
        f"WHERE held IN ('{Held.PLANNED.value}', '{Held.CANCELLED.value}')) ORDER BY application_id, \"on\", id"
    ).fetchall():
        timelines.setdefault(app_id, []).append((OutcomeKind(kind), held))
    for app_id, timeline in timelines.items():
        status = status_after([kind for kind, _ in timeline], [held for _, held in timeline])
        db.execute("UPDATE applications SET status = ? WHERE id = ?", [status.value, app_id])


@MIGRATIONS.add
def m020_said_how_it_went(db: Database) -> None:
    """Remember the day someone said how a planned screening or interview went (held or cancelled), so Today
    lists one said held today for a day gone by ("logged today: screening held Thu 10 Dec") as it lists one
    logged today as held then; none before this, as none was kept."""
    db.execute("ALTER TABLE events ADD COLUMN said_on TEXT")
    # The Inbox reads the applications of what was said today (a closed one too): a handful of rows, ever.
    db.execute("CREATE INDEX events_said_on ON events (said_on) WHERE said_on IS NOT NULL")


SCHEMA_VERSION = len(MIGRATIONS)
