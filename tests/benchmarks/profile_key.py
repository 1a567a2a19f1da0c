"""Profiles the app's own work for one key on a journal (what the Pilot-timed figures hide):

    python -m tests.benchmarks.journals 10 /tmp/ten-years.db
    python -m tests.benchmarks.profile_key /tmp/ten-years.db --before down,s,z --key 3

prints the wall time of the key, then cProfile's cumulative table limited to Onward's own code.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from tests.benchmarks.journals import TODAY


async def profile(journal: Path, before: list[str], keys: list[str], lines: int) -> None:
    from tui.app import OnwardApp

    copy = Path(tempfile.mkdtemp()) / "journal.db"
    shutil.copy(journal, copy)
    app = OnwardApp(copy, today=TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for key in before:
            await pilot.press(key)
            await pilot.pause()
        profiler = cProfile.Profile()
        began = time.perf_counter()
        profiler.enable()
        await pilot.press(*keys)
        await pilot.pause()
        profiler.disable()
        print(f"{' '.join(keys)}: {(time.perf_counter() - began) * 1000:.0f} ms with Pilot and the profiler")
    shutil.rmtree(copy.parent)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(r"/tui/", lines)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.profile_key")
    parser.add_argument("journal", type=Path)
    parser.add_argument("--before", default="down", help="keys pressed first, comma-separated")
    parser.add_argument("--key", default="s", help="the key(s) profiled, comma-separated")
    parser.add_argument("--lines", type=int, default=25)
    args = parser.parse_args()
    before = [k for k in args.before.split(",") if k]
    asyncio.run(profile(args.journal, before, args.key.split(","), args.lines))


if __name__ == "__main__":
    main()
