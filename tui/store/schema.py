"""Provides the facts about the stored format that even the quickest reader needs, without loading the
rest of the store: the schema version this Onward writes and how weekdays are named in settings."""

SCHEMA_VERSION = 12
"""The number of migrations in tui/store/migrations.py (a test keeps the two in step)."""

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Rest weekdays as stored in the settings, Monday first."""

APPLICATION_ID = 0x4F4E5744
"""ONWD: marks the file as an Onward journal in the SQLite header (offset 68)."""

SQLITE_MAGIC = b"SQLite format 3\x00"
"""How every SQLite file begins."""
