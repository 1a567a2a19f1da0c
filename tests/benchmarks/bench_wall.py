"""Benchmark: opening the wins wall and the Inbox on a large journal. Prints figures; asserts nothing.

Run: .venv/bin/python tests/benchmarks/bench_wall.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.app import OnwardApp  # noqa: E402
from tui.domain.entries import check_application, check_win  # noqa: E402
from tui.domain.models import OutcomeKind  # noqa: E402
from tui.store.repository import Journal  # noqa: E402
from tests.journal_steps import add_app, add_win

TODAY = date(2026, 11, 27)


def build(path: Path, applications: int, manual_wins: int) -> None:
    journal = Journal.open(path)
    with journal.db.atomic():
        for n in range(applications):
            applied = TODAY - timedelta(days=applications - n)
            journal.db.execute(
                "INSERT INTO applications (company, role, applied_on) VALUES (?, ?, ?)",
                [f"Company {n}", "Analyst", applied.isoformat()],
            )
            journal.db.execute(
                "INSERT INTO events (application_id, \"on\", kind) VALUES (?, ?, ?)",
                [n + 1, (applied + timedelta(days=3)).isoformat(), OutcomeKind.SCREENING.value],
            )
        for n in range(manual_wins):
            on = TODAY - timedelta(days=n % 3000)
            journal.db.execute(
                "INSERT INTO wins (\"on\", title, kind, seen) VALUES (?, ?, 'other', 1)", [on.isoformat(), f"Win {n}"]
            )
        journal.sync_automatic_wins()
    journal.close()


async def open_screen(path: Path, key: str | None) -> float:
    """Seconds from the key press (or from start-up, with no key) until the screen has drawn."""
    start = time.perf_counter()
    app = OnwardApp(path, today=TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        if key:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
        return time.perf_counter() - start


def main() -> None:
    for applications, wins in ((100, 100), (1000, 1000), (3000, 3000)):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "big.db"
            start = time.perf_counter()
            build(path, applications, wins)
            built = time.perf_counter() - start
            journal = Journal.open(path)
            start = time.perf_counter()
            add_app(journal, check_application(company="One more", role="Analyst", today=TODAY))
            write = time.perf_counter() - start
            start = time.perf_counter()
            add_win(journal, check_win(title="x", kind="other", today=TODAY))
            write_win = time.perf_counter() - start
            total_wins = len(journal.wins.every())
            journal.close()
            wall = asyncio.run(open_screen(path, "3"))
            inbox = asyncio.run(open_screen(path, None))
            print(
                f"{applications:>5} applications, {total_wins:>5} wins: built {built:.2f}s; "
                f"add application {write * 1000:.0f} ms, add win {write_win * 1000:.0f} ms; "
                f"open wall {wall * 1000:.0f} ms; start-up to Inbox {inbox * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
