"""Benchmark: one cursor move in the Inbox, with short and long text in the selected application's detail panel.
Prints CPU-time medians per key (ms); asserts nothing.

Run: .venv/bin/python -m tests.benchmarks.bench_panel [rounds]

Each journal holds 30 applications whose notes are: none; 40 short lines (~800 characters, more than the
panel shows: the least any long notes cost, a panel full of text and a scrollbar); 6,000 or 10,000 characters
of prose (a pasted job description); or the hostile-text sweep's "10000-characters" payload (one
10,000-character word) in every text field (company, role, url, notes, an outcome's note). The cursor moves
down over each application once, so every key lands on one not shown before. The journals are run in turn,
round after round, and each key's CPU time (time.process_time: the machine is shared) counts.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tests.benchmarks.journals import TODAY
from tui.actions import applications
from tui.domain.entries import ApplicationEntry
from tui.domain.models import OutcomeKind
from tui.store.repository import Journal

COUNT = 30
PROSE = (
    "We are looking for a data analyst to join our growing team. You will work with product, design and "
    "engineering to turn questions into answers, build dashboards and explain what they mean. "
)
HOSTILE = "0123456789" * 1000


def prose(length: int, n: int) -> str:
    text = f"Posting {n}. " + PROSE * (length // len(PROSE) + 1)
    return "\n\n".join(text[i:i + 600] for i in range(0, length, 600))[:length]


KINDS = {
    "no notes": lambda n: ApplicationEntry(f"Company {n}", "Analyst", TODAY - timedelta(days=n)),
    "a panelful": lambda n: ApplicationEntry(
        f"Company {n}", "Analyst", TODAY - timedelta(days=n), notes="\n".join(f"Line {i} of notes {n}" for i in range(40)),
    ),
    "6,000 chars": lambda n: ApplicationEntry(f"Company {n}", "Analyst", TODAY - timedelta(days=n), notes=prose(6000, n)),
    "10,000 chars": lambda n: ApplicationEntry(f"Company {n}", "Analyst", TODAY - timedelta(days=n), notes=prose(10000, n)),
    "hostile 10,000": lambda n: ApplicationEntry(
        f"Co{n}{HOSTILE}", f"Ro{n}{HOSTILE}", TODAY - timedelta(days=n), url=f"Ur{HOSTILE}", notes=f"No{n}{HOSTILE}",
    ),
}


def build(path: Path, kind: str) -> Path:
    journal = Journal.open(path)
    for n in range(1, COUNT + 1):
        entry = KINDS[kind](n)
        app_id = applications.add_application(journal, entry).id
        assert app_id is not None
        if kind.startswith("hostile"):
            applications.log_outcome(journal, app_id, OutcomeKind.SCREENING, entry.applied_on + timedelta(days=1), note=f"Ev{HOSTILE}")
    journal.close()
    return path


async def keys(path: Path) -> list[float]:
    """CPU milliseconds of each down key over the applications."""
    from tui.app import OnwardApp

    app = OnwardApp(path, today=TODAY)
    spent: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for _ in range(COUNT - 2):
            began = time.process_time()
            await pilot.press("down")
            await pilot.pause()
            spent.append((time.process_time() - began) * 1000)
    return spent


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    folder = Path(tempfile.mkdtemp())
    journals = {kind: build(folder / f"{n}.db", kind) for n, kind in enumerate(KINDS)}
    spent: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(rounds):
        for kind, path in journals.items():
            spent[kind] += asyncio.run(keys(path))
    for kind, figures in spent.items():
        print(f"{kind:>15}: median {statistics.median(figures):6.1f} ms CPU a key ({len(figures)} keys)")


if __name__ == "__main__":
    main()
