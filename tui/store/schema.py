"""Provides the facts about the stored format that even the quickest reader needs, without loading the
rest of the store: the schema version this Onward writes and how weekdays are named in settings."""

MIGRATION_NAMES = (
    "m001_journal", "m002_reflection_steps", "m003_win_tombstones", "m004_application_summary", "m005_link_indexes",
    "m006_application_search_text", "m007_interview_days", "m008_support_and_learning", "m009_indexes_for_start_up",
    "m010_outcomes_that_got_further", "m011_steps_per_day", "m012_moved_interviews", "m013_import_history", "m014_replica_writer",
    "m015_unseen_wins",
    "m016_journal_lineage", "m017_steps_of_outcomes", "m018_planned_stages_take_nothing_back",
    "m019_cancelled_stages_move_nothing", "m020_said_how_it_went",
)
"""The migrations in tui/store/migrations.py by name, in order (a test keeps the two in step): a journal that
records any other was written by a newer (or another) Onward."""

SCHEMA_VERSION = 20
"""The number of migrations in tui/store/migrations.py (a test keeps the two in step)."""

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Rest weekdays as stored in the settings, Monday first."""

STREAK_WINS_DUE = "streak_wins_due"
"""A setting a migration leaves when steps it added may change the streak milestones' wins (settled by
tui.actions.journals.open_journal as the journal is next opened to be written)."""

REPLICA_SETTING = "replica"
"""The settings key holding the replica (its URL and endpoint as JSON; never a credential): tui.store.replica
keeps it, and every write asks whether it is there."""

DEVICE_NAMES_SETTING = "replica_device_names"
"""The settings key holding the names devices were given (onward replicate --device NAME), by device id as
JSON: the journal travels to the other devices through the replica, and each finds its own name there."""

JOURNAL_SETTING = "journal_id"
"""The settings key holding the journal's own id (JSON text): the same in every copy of one journal (a backup, a
restore, a pull, an import into an empty journal), another in an unrelated one. Onward JSON carries it
(`journal`), so an import tells a record edited on one side (a copy's, under the same id) from an unrelated
journal's record that happens to have that id."""

APPLICATION_ID = 0x4F4E5744
"""ONWD: marks the file as an Onward journal in the SQLite header (offset 68)."""

SQLITE_MAGIC = b"SQLite format 3\x00"
"""How every SQLite file begins."""
