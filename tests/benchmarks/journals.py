"""Seeded journals of one, three and ten years of a job search, written through the action layer (in bulk,
as an import would), so the data is exactly what the app itself writes.

Ten years is about 10,000 applications, 22,000 outcomes, 3,000 reflections, 6,000 wins and 43,000 steps.
`python -m tests.benchmarks.journals 10 /tmp/ten-years.db` writes one.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tui.actions import applications, reflections, steps, wins
from tui.actions.automatic_wins import bulk
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import ActionKind, OutcomeKind, Stage, Status, WinKind
from tui.domain.reflections import ReflectionEntry
from tui.store.repository import Journal

TODAY = date(2026, 11, 27)
FIELDS = ("data", "design", "product", "engineering", "marketing", "operations")
SOURCES = ("LinkedIn", "referral", "company site", "job board", "recruiter")
HAND_KINDS = [k for k in steps.USER_ACTION_KINDS if k is not ActionKind.FOLLOWED_UP]
PER_YEAR = {"applications": 1000, "steps": 2500, "reflections": 300, "wins": 100}


def _path_of(app_id: int, applied: date, rng: random.Random) -> list[tuple[OutcomeKind, int]]:
    """Outcomes after applying, as (kind, days later): a plausible process, stopping before today."""
    roll = rng.random()
    path: list[tuple[OutcomeKind, int]] = []
    later = 0
    if rng.random() < 0.4:
        later += rng.randint(7, 10)
        path.append((OutcomeKind.FOLLOWED_UP, later))
    if roll < 0.45:
        return path + [(OutcomeKind.REJECTED, later + rng.randint(3, 20))]
    if roll < 0.7:
        return path + [(OutcomeKind.GHOSTED, later + rng.randint(30, 45))]
    for kind in (OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND):
        later += rng.randint(4, 12)
        path.append((kind, later))
        if rng.random() < 0.45:
            return path + [(OutcomeKind.REJECTED, later + rng.randint(2, 10))]
    later += rng.randint(3, 10)
    return path + [(OutcomeKind.OFFER if rng.random() < 0.6 else OutcomeKind.WITHDRAWN, later)]


def make_journal(path: Path, years: float, seed: int = 7, today: date = TODAY) -> Path:
    """Write a journal of `years` of history ending on `today` at `path` (which must not exist yet)."""
    rng = random.Random(seed)
    days = int(365 * years)
    start = today - timedelta(days=days)
    journal = Journal.open(path)
    try:
        with bulk(journal):
            rejected: list[tuple[int, date]] = []
            count = max(10, int(PER_YEAR["applications"] * years))
            applied_days = sorted(start + timedelta(days=rng.randrange(days + 1)) for _ in range(count))
            for number, applied in enumerate(applied_days, 1):
                entry = ApplicationEntry(
                    company=f"Company {number:05d}", role=rng.choice(("Analyst", "Designer", "Engineer", "Manager")),
                    applied_on=applied, field=rng.choice(FIELDS), source=rng.choice(SOURCES),
                )
                app_id = applications.add_application(journal, entry).id
                assert app_id is not None
                for kind, later in _path_of(app_id, applied, rng):
                    on = applied + timedelta(days=later)
                    if on > today:
                        break
                    stage = rng.choice(list(Stage)) if kind is OutcomeKind.REJECTED and rng.random() < 0.1 else None
                    applications.log_outcome(journal, app_id, kind, on, stage=stage)
                    if kind is OutcomeKind.REJECTED:
                        rejected.append((app_id, on))
            for _ in range(int(PER_YEAR["steps"] * years)):
                on = start + timedelta(days=rng.randrange(days + 1))
                steps.log_action(journal, ActionEntry(rng.choice(HAND_KINDS), on, rng.choice(("", "coffee chat", "course module"))))
            for app_id, on in rng.sample(rejected, min(len(rejected), int(PER_YEAR["reflections"] * years))):
                entry = ReflectionEntry(
                    mood=rng.randint(1, 5), feelings=("tired", "hopeful")[: rng.randint(0, 2)],
                    gaps=tuple(rng.sample(("sql", "tableau", "portfolio", "storytelling"), rng.randint(0, 2))),
                    went_well="Good rapport.", do_differently="Prepare examples.", body="Notes " * rng.randint(1, 40),
                )
                reflections.save_reflection(journal, entry, min(today, on + timedelta(days=rng.randint(0, 3))), application_id=app_id)
            for number in range(int(PER_YEAR["wins"] * years)):
                on = start + timedelta(days=rng.randrange(days + 1))
                kind = rng.choice([k for k in WinKind if k is not WinKind.MILESTONE])
                wins.add_win(journal, WinEntry(f"Small win {number}", kind, on))
        wins.mark_wins_seen(journal)
    finally:
        journal.close()
    return path


def make_imported_history(path: Path, open_count: int = 1500, rejected: int = 5500, seed: int = 7, today: date = TODAY) -> Path:
    """A journal holding a big history brought in at once (as an import of three years would, unsettled):
    `open_count` applications still open and `rejected` rejections never reflected on, the Inbox's worst case."""
    rng = random.Random(seed)
    days = 3 * 365
    journal = Journal.open(path)
    try:
        with bulk(journal):
            for number in range(open_count + rejected):
                applied = today - timedelta(days=rng.randrange(14, days))
                entry = ApplicationEntry(
                    company=f"Company {number:05d}", role=rng.choice(("Analyst", "Designer", "Engineer", "Manager")),
                    applied_on=applied, field=rng.choice(FIELDS), source=rng.choice(SOURCES),
                )
                app_id = applications.add_application(journal, entry).id
                assert app_id is not None
                if number >= open_count:
                    applications.log_outcome(journal, app_id, OutcomeKind.REJECTED, min(today, applied + timedelta(days=rng.randint(3, 20))))
    finally:
        journal.close()
    return path


def open_statuses(path: Path) -> int:
    journal = Journal.open(path)
    try:
        return sum(1 for app in journal.applications.every() if app.status not in (Status.REJECTED, Status.GHOSTED))
    finally:
        journal.close()


if __name__ == "__main__":
    years, target = float(sys.argv[1]), Path(sys.argv[2])
    if target.exists():
        # Writing into a journal already there adds another `years` of history: figures from a doubled journal.
        sys.exit(f"{target} exists; give a new path (or remove it first).")
    began = time.perf_counter()
    make_journal(target, years)
    print(f"{years:g} years written to {target} in {time.perf_counter() - began:.1f} s")
