"""Benchmark: the insights of ten thousand applications over ten years (budget: 250 ms). Prints figures;
asserts nothing (a wall-clock limit in a test failed on a busy machine).

Run: .venv/bin/python tests/benchmarks/bench_insights.py
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_streak import timed  # noqa: E402
from tests.domain.test_insights import ten_thousand_applications  # noqa: E402
from tui.domain.insights import build_insights, insight_sections  # noqa: E402

BUDGET_MS = 250


def main() -> None:
    applications, steps = ten_thousand_applications()
    median, worst = timed(lambda: insight_sections(build_insights(applications, steps, 5, date(2026, 11, 27))), repeat=7)
    verdict = "OK" if median < BUDGET_MS else "OVER"
    print(f"insights of {len(applications):,} applications: median {median:6.1f} ms   worst {worst:6.1f} ms"
          f"   (budget {BUDGET_MS} ms) {verdict}")


if __name__ == "__main__":
    main()
