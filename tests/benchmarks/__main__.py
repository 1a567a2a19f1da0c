"""Prints one table: every performance budget of issue 10, its figure, the baseline measured in the same run,
and OK or OVER. Figures are medians of interleaved runs; nothing here asserts (a noisy machine never fails CI).

    python -m tests.benchmarks            # 10 applications vs 10 years, 7 runs each
    python -m tests.benchmarks --years 1 --runs 3   # smaller and quicker (CI runs --smoke)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.journals import TODAY, make_journal

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Row:
    budget: str
    figure: str
    baseline: str
    ok: bool


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def _key_times(path: Path, keys: list[tuple[str, ...]], runs: int) -> dict[str, list[float]]:
    """Time each key sequence from the press to the screen showing the result (Pilot's own cost included)."""
    from tui.app import OnwardApp

    times: dict[str, list[float]] = {" ".join(k): [] for k in keys}
    for _ in range(runs):
        copy = Path(tempfile.mkdtemp()) / "journal.db"
        shutil.copy(path, copy)
        app = OnwardApp(copy, today=TODAY)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("down")
            await pilot.pause()
            for sequence in keys:
                began = time.perf_counter()
                await pilot.press(*sequence)
                await pilot.pause()
                times[" ".join(sequence)].append(time.perf_counter() - began)
        shutil.rmtree(copy.parent)
    return times


KEYS: list[tuple[str, ...]] = [("s",), ("z",), ("u",), ("z",), ("3",), ("1",), ("2",), ("1",), ("4",), ("1",), ("slash", "a")]


def keystrokes(small: Path, large: Path, runs: int) -> list[Row]:
    rows = []
    small_times: dict[str, list[float]] = {" ".join(k): [] for k in KEYS}
    large_times: dict[str, list[float]] = {" ".join(k): [] for k in KEYS}
    for _ in range(runs):  # interleaved, so drift on the machine hits both alike
        for path, into in ((small, small_times), (large, large_times)):
            for key, samples in asyncio.run(_key_times(path, KEYS, 1)).items():
                into[key].extend(samples)
    for key in small_times:
        s, l = median_ms(small_times[key]), median_ms(large_times[key])
        is_screen = key in ("3", "2", "4", "1", "slash a")
        if is_screen:
            rows.append(Row(f"key `{key}` on the large journal under 50 ms (Pilot included)", f"{l:.0f} ms", f"{s:.0f} ms small", l < 50))
        else:
            rows.append(Row(f"key `{key}` at most 1.2× the small journal", f"{l:.0f} ms", f"{s:.0f} ms small", l <= 1.2 * s))
    return rows


def _child(code: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one fresh Python running `code`."""
    script = (
        "import resource, time, sys\n"
        "began = time.perf_counter()\n"
        f"{code}\n"
        "print(time.perf_counter() - began, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    seconds, rss = result.stdout.split()[-2:]
    return float(seconds), int(rss)


FIRST_PAINT = """
import asyncio
from textual.app import App
from textual.widgets import Footer, Header, Static
{setup}
async def main():
    app = {make}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""

BARE = FIRST_PAINT.format(
    setup="class Bare(App):\n    def compose(self):\n        yield Header()\n        yield Static('hello')\n        yield Footer()",
    make="Bare()",
)


def cold_start(small: Path, large: Path, runs: int) -> list[Row]:
    onward = FIRST_PAINT.format(
        setup="from datetime import date\nfrom tui.app import OnwardApp", make="OnwardApp(PATH, today=date(2026, 11, 27))"
    )
    bare, empty, big, bare_rss, big_rss = [], [], [], [], []
    for _ in range(runs):
        t, rss = _child(BARE)
        bare.append(t)
        bare_rss.append(rss)
        empty.append(_child(onward.replace("PATH", repr(str(small))))[0])
        t, rss = _child(onward.replace("PATH", repr(str(large))))
        big.append(t)
        big_rss.append(rss)
    b, e, g = median_ms(bare), median_ms(empty), median_ms(big)
    rb, rg = statistics.median(bare_rss) / 1024, statistics.median(big_rss) / 1024
    return [
        Row("first paint, large journal, at most 1.5× bare Textual", f"{g:.0f} ms ({g / b:.2f}×)", f"{b:.0f} ms bare", g <= 1.5 * b),
        Row("first paint, large vs small journal at most 1.1×", f"{g:.0f} ms ({g / e:.2f}×)", f"{e:.0f} ms small", g <= 1.1 * e),
        Row("peak memory at most 1.5× bare Textual", f"{rg:.0f} MiB ({rg / rb:.2f}×)", f"{rb:.0f} MiB bare", rg <= 1.5 * rb),
    ]


def shell_prompt(large: Path, runs: int) -> list[Row]:
    env = {**os.environ, "ONWARD_TODAY": TODAY.isoformat()}
    onward = [str(Path(sys.executable).parent / "onward"), "--db", str(large), "streak", "--short"]
    plain = [sys.executable, "-c", "import sqlite3"]
    ours, base = [], []
    for _ in range(runs):
        for command, into in ((plain, base), (onward, ours)):
            began = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env, check=True)
            into.append(time.perf_counter() - began)
    o, b = median_ms(ours), median_ms(base)
    return [Row("`onward streak --short` at most 3× `python -c 'import sqlite3'`", f"{o:.0f} ms ({o / b:.1f}×)", f"{b:.0f} ms", o <= 3 * b)]


def export(large: Path, runs: int) -> list[Row]:
    code = (
        "import io, contextlib\nfrom tui.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['--db', {str(large)!r}, 'export', 'json'])"
    )
    samples = [_child(code) for _ in range(runs)]
    t = median_ms([s for s, _ in samples])
    rss = statistics.median(r for _, r in samples) / 1024
    return [
        Row("`onward export json` on the large journal under 1 s", f"{t:.0f} ms", "1000 ms", t < 1000),
        Row("`onward export json` under 100 MiB", f"{rss:.0f} MiB", "100 MiB", rss < 100),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks")
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run: checks the benchmark still runs")
    args = parser.parse_args(argv)
    years, runs = (0.05, 1) if args.smoke else (args.years, args.runs)
    folder = Path(tempfile.mkdtemp(prefix="onward-bench-"))
    small = make_journal(folder / "small.db", 0.01)  # 10 applications
    large = make_journal(folder / "large.db", years)
    rows: list[Row] = []
    for measure in (
        lambda: keystrokes(small, large, runs),
        lambda: cold_start(small, large, runs),
        lambda: shell_prompt(large, runs),
        lambda: export(large, runs),
    ):
        rows += measure()
    width = max(len(r.budget) for r in rows)
    print(f"Journals: 10 applications vs {years:g} years; medians of {runs} interleaved runs.")
    print(f"{'budget':<{width}}  {'figure':>18}  {'baseline':>14}  verdict")
    for r in rows:
        print(f"{r.budget:<{width}}  {r.figure:>18}  {r.baseline:>14}  {'OK' if r.ok else 'OVER'}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
