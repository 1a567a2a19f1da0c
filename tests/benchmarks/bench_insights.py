"""Benchmark: the insights of ten thousand applications over ten years (budget: 250 ms), and what Insights reads
from a ten-year journal file: every count at a first visit, and the counts brought up to date after logging a
rejection (issue 26: at most 1.5× what a ten-application journal costs). Prints figures; asserts nothing (a
wall-clock limit in a test failed on a busy machine).

Run: .venv/bin/python tests/benchmarks/bench_insights.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_streak import timed  # noqa: E402
from tests.benchmarks.journals import TODAY, make_journal  # noqa: E402
from tests.domain.test_insights import ten_thousand_applications  # noqa: E402
from tui.domain.insights import build_insights, insight_sections  # noqa: E402

BUDGET_MS = 250


def journal_figures(path: Path, runs: int = 7) -> tuple[float, float]:
    """CPU ms (medians) of Insights' figures from the journal at `path`: at a first visit, and after a
    rejection is logged."""
    from tui.actions import applications
    from tui.domain.entries import ApplicationEntry
    from tui.domain.models import OutcomeKind
    from tui.store.repository import Journal

    first, after = [], []
    for n in range(runs):
        journal = Journal.open(path, create=False)
        try:
            began = time.process_time()
            insight_sections(journal.insights.insights(TODAY, journal.steps.step_counts(), 5))
            first.append(time.process_time() - began)
            entry = ApplicationEntry(company=f"Bench {n}", role="Analyst", applied_on=TODAY - timedelta(days=3), field="Data")
            done = applications.add_application(journal, entry)
            assert done.id is not None
            applications.log_outcome(journal, done.id, OutcomeKind.REJECTED, TODAY)
            began = time.process_time()
            insight_sections(journal.insights.insights(TODAY, journal.steps.step_counts(), 5))
            after.append(time.process_time() - began)
        finally:
            journal.close()
    return sorted(first)[runs // 2] * 1000, sorted(after)[runs // 2] * 1000


def main() -> None:
    applications, steps = ten_thousand_applications()
    median, worst = timed(lambda: insight_sections(build_insights(applications, steps, 5, date(2026, 11, 27))), repeat=7)
    verdict = "OK" if median < BUDGET_MS else "OVER"
    print(f"insights of {len(applications):,} applications: median {median:6.1f} ms   worst {worst:6.1f} ms"
          f"   (budget {BUDGET_MS} ms) {verdict}")
    with tempfile.TemporaryDirectory() as folder:
        small, ten = make_journal(Path(folder) / "small.db", 0.01), make_journal(Path(folder) / "ten.db", 10)
        (small_first, small_after), (ten_first, ten_after) = journal_figures(small), journal_figures(ten)
    print(f"Insights from a journal file, CPU: first visit {ten_first:6.1f} ms on ten years ({small_first:.1f} ms on ten applications); "
          f"after logging a rejection {ten_after:6.1f} ms ({small_after:.1f} ms)")


if __name__ == "__main__":
    main()
