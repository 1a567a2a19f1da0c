"""Benchmark: streak, resilience score and heatmap for a 10-year journal. Prints figures; asserts nothing.

Run: .venv/bin/python tests/benchmarks/bench_streak.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.domain.streak import Rhythm, build_meter, heatmap_days, streak_runs  # noqa: E402

TODAY = date(2026, 11, 27)
YEARS = 10


def ten_years() -> tuple[dict[date, int], Rhythm, list[date]]:
    """About 3,650 days: steps on ~75% of days, a few planned rest days, a rejection a week."""
    rng = random.Random(7)
    start = TODAY - timedelta(days=365 * YEARS)
    steps, rest, rejections = {}, set(), []
    for n in range(365 * YEARS + 1):
        day = start + timedelta(days=n)
        if rng.random() < 0.75:
            steps[day] = rng.randint(1, 6)
        if rng.random() < 0.02:
            rest.add(day)
        if day.weekday() == 2:
            rejections.append(day)
    return steps, Rhythm(frozenset({5, 6}), frozenset(rest)), rejections


def timed(function, repeat: int = 20) -> tuple[float, float]:
    """Median and worst time in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    steps, rhythm, rejections = ten_years()
    print(f"{len(steps)} days with steps over {YEARS} years, {len(rejections)} rejections")
    for name, function in (
        ("streak + score + bounce-back (meter)", lambda: build_meter(steps, rhythm, 5, rejections, TODAY)),
        ("heatmap (53 weeks)", lambda: heatmap_days(steps, rhythm, TODAY)),
        ("streak runs (milestone wins)", lambda: streak_runs(steps, rhythm)),
        ("everything the meter screen computes", lambda: (build_meter(steps, rhythm, 5, rejections, TODAY),
                                                          heatmap_days(steps, rhythm, TODAY))),
    ):
        median, worst = timed(function)
        print(f"{name:<40} median {median:6.1f} ms   worst {worst:6.1f} ms")


if __name__ == "__main__":
    main()
