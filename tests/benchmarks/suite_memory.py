"""Runs the README's test command and prints what it took: its wall seconds and its peak memory, the most it held
at one moment, read from /proc every 0.2 s (Linux). Two peaks, each a sum of resident memory (RSS):

- the suite: pytest and its pytest-xdist workers. The budget (issue 25): under 500 MB, and under 4 minutes on
  two cores;
- everything: with the processes they start as well (mypy, `onward` runs, Litestream, `onward serve` and the
  browser). Chromium's processes share much of their memory, which a sum of RSS counts once per process.

Nothing is judged here (a busy machine must not fail CI). On a machine other programs keep busy, the wall time
grows with the time the workers waited for a CPU, which is printed too (from /proc/<pid>/schedstat).

    python -m tests.benchmarks.suite_memory                 # the README's command: python -m pytest
    python -m tests.benchmarks.suite_memory -- tests/app    # arguments after -- go to pytest
    python -m tests.benchmarks.suite_memory --timeline t.csv   # also every sample, in MB per kind of process
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INTERVAL = 0.2
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024
SUITE = ("pytest", "worker")
"""The kinds of process the suite's own peak adds up."""


def _children() -> dict[int, list[int]]:
    """Each process's children, from the parent field of /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, IndexError):
        return 0


def _kind(pid: int, parent_is_pytest: bool) -> str:
    """worker (a child of pytest started by pytest-xdist, through execnet), mypy, browser (Chromium and
    Playwright's driver) or other, from the command line."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            line = cmdline.read().replace(b"\0", b" ")
    except OSError:
        return "other"
    if parent_is_pytest and b"exec(eval(sys.stdin.readline()))" in line:
        return "worker"
    if b"mypy" in line:
        return "mypy"
    if b"chrom" in line or b"playwright" in line:
        return "browser"
    return "other"


def _schedstat(pid: int) -> tuple[float, float] | None:
    """Seconds the process's main thread has run on a CPU, and waited for one while ready to run."""
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as schedstat:
            ran, waited = schedstat.read().split()[:2]
    except (OSError, ValueError):
        return None
    return int(ran) / 1e9, int(waited) / 1e9


def sample(root: int, workers: dict[int, tuple[float, float]] | None = None) -> dict[str, int]:
    """The RSS (bytes) of `root` and every process under it, now, added up by kind: pytest (`root` itself),
    worker (pytest-xdist's workers), then mypy, browser or other for the processes started under them.
    `workers`, if given, gets each worker's `_schedstat` so far."""
    children = _children()
    kinds: dict[str, int] = {"pytest": _rss(root)}
    stack = [(pid, True) for pid in children.get(root, [])]
    while stack:
        pid, parent_is_pytest = stack.pop()
        kind = _kind(pid, parent_is_pytest)
        kinds[kind] = kinds.get(kind, 0) + _rss(pid)
        if kind == "worker" and workers is not None:
            workers[pid] = _schedstat(pid) or workers.get(pid, (0.0, 0.0))
        stack.extend((child, False) for child in children.get(pid, []))
    return kinds


@dataclass
class Measured:
    wall: float
    suite_peak: int
    """Bytes: pytest and its workers."""
    peak: int
    """Bytes: with every process they started."""
    kinds: dict[str, int]
    """Each kind's own peak, bytes."""
    workers: dict[int, tuple[float, float]]
    """Each worker's seconds on a CPU and waiting for one (another program had it)."""
    status: int

    @property
    def wall_without_waits(self) -> float:
        """The wall time less what the worker that waited least spent waiting for a CPU: roughly the run's time
        on the same cores left to the suite alone."""
        return self.wall - min((waited for _, waited in self.workers.values()), default=0.0)


def measure(command: Sequence[str], timeline: Path | None = None) -> Measured:
    """Run `command` from the repository's top folder and sample it until it ends."""
    began = time.perf_counter()
    run = subprocess.Popen(list(command), cwd=ROOT)
    suite_peak, peak, kinds, rows = 0, 0, {}, []
    workers: dict[int, tuple[float, float]] = {}
    while run.poll() is None:
        now = sample(run.pid, workers)
        suite_peak = max(suite_peak, sum(now.get(kind, 0) for kind in SUITE))
        peak = max(peak, sum(now.values()))
        for kind, rss in now.items():
            kinds[kind] = max(kinds.get(kind, 0), rss)
        if timeline is not None:
            rows.append((time.perf_counter() - began, now))
        time.sleep(INTERVAL)
    wall = time.perf_counter() - began
    if timeline is not None:
        names = sorted({kind for _, now in rows for kind in now})
        lines = ["seconds,suite_mb,total_mb," + ",".join(f"{name}_mb" for name in names)]
        for at, now in rows:
            suite = sum(now.get(kind, 0) for kind in SUITE)
            lines.append(f"{at:.1f},{suite / MB:.0f},{sum(now.values()) / MB:.0f},"
                         + ",".join(f"{now.get(name, 0) / MB:.0f}" for name in names))
        timeline.write_text("\n".join(lines) + "\n")
    return Measured(wall, suite_peak, peak, kinds, workers, run.returncode)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeline", type=Path, help="write every sample (MB per kind of process) to this CSV file")
    parser.add_argument("pytest_arguments", nargs="*", help="passed on to pytest (after --)")
    arguments = parser.parse_args(argv)
    run = measure([sys.executable, "-m", "pytest", *arguments.pytest_arguments], arguments.timeline)
    print(f"\nthe suite: {run.wall:.0f} s, peak {run.suite_peak / MB:.0f} MB (pytest and its workers; budget: 240 s"
          " on two cores, 500 MB)")
    print(f"everything: peak {run.peak / MB:.0f} MB (with the processes they started); each kind's own peak: "
          + ", ".join(f"{kind} {rss / MB:.0f} MB" for kind, rss in sorted(run.kinds.items())))
    print("workers: " + ", ".join(f"{ran:.0f} s on a CPU and {waited:.0f} s waiting for one" for ran, waited in run.workers.values())
          + f"; without that wait ~{run.wall_without_waits:.0f} s")
    print(f"pytest exited {run.status}")
    return run.status


if __name__ == "__main__":
    raise SystemExit(main())
