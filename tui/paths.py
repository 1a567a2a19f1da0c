"""Provides where the journal lives and which day is "today" (both overridable for demos and tests)."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

JOURNAL_FILENAME = "journal.db"

# Rules look a year or more around today (heatmap, plans ahead); these bounds keep that arithmetic inside
# the calendar Python can represent, and match the earliest day the date reader accepts.
EARLIEST_TODAY = date(1970, 1, 1)
LATEST_TODAY = date(9000, 12, 31)


def default_journal_path() -> Path:
    """The journal in the platform's user-data folder; nothing is created here."""
    import platformdirs

    return Path(platformdirs.user_data_dir("onward", appauthor=False)) / JOURNAL_FILENAME


def journal_path(flag: str | None) -> Path:
    """The journal to open: --db first, then ONWARD_DB, then the default."""
    chosen = flag or os.environ.get("ONWARD_DB")
    return Path(chosen).expanduser() if chosen else default_journal_path()


def utc_now() -> datetime:
    """The moment, in UTC to the second (a calendar feed's DTSTAMP): read here with today, nowhere else."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def local_today() -> date:
    """The local calendar day: the one place Onward reads the clock (rules take today as a parameter)."""
    return date.today()


def today_from_environment() -> date:
    """ONWARD_TODAY (YYYY-MM-DD) when set, else the local calendar day; raises ValueError on a bad value."""
    fixed = os.environ.get("ONWARD_TODAY", "").strip()
    if not fixed:
        return local_today()
    try:
        day = date.fromisoformat(fixed)
    except ValueError as error:
        raise ValueError(f'ONWARD_TODAY="{fixed}" is not a date; use YYYY-MM-DD, e.g. 2026-11-02.') from error
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise ValueError(
            f"ONWARD_TODAY={day.isoformat()} is out of range; use a day from {EARLIEST_TODAY.year} to {LATEST_TODAY.year}."
        )
    return day


def demo_journal_text() -> str:
    """The demo journal's Onward JSON, from the installed package or the source tree."""
    from importlib import resources  # only the demo needs it; the shell prompt's fast path stays light

    packaged = resources.files("tui") / "data" / "demo.json"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parent.parent / "data" / "demo.json").read_text(encoding="utf-8")



def onward_command(journal: Path, *words: str) -> str:
    """The command line a message suggests for the journal at `journal` (`onward WORDS…`, quoted for a shell):
    with --db PATH unless it is the journal `onward` opens by default, so that, run as printed, it acts on this
    journal. Every suggested command that acts on a journal is made here."""
    from tui.domain.text import shell_word

    given = [] if Path(journal) == default_journal_path() else ["--db", str(journal)]
    return " ".join(shell_word(word) for word in ["onward", *given, *words])
