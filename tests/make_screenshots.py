"""Writes the README's screenshots (screenshots/*.svg) from the demo journal: python tests/make_screenshots.py"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import SIZE, TODAY, make_demo_journal  # noqa: E402
from tui.app import OnwardApp  # noqa: E402

SHOTS = {
    "inbox": [],
    "reflection": ["2", "enter"],
    "lessons": ["2", "l"],
    "wins": ["3"],
    "streak": ["4"],
    "insights": ["5"],
}


SIZES = {"wins": (120, 40)}
"""Screens shown larger than the usual size (the wall's cards side by side)."""


async def shoot(name: str, keys: list[str], folder: Path) -> None:
    app = OnwardApp(make_demo_journal(folder / f"{name}.db"), today=TODAY)
    async with app.run_test(size=SIZES.get(name, SIZE)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(str(ROOT / "screenshots" / f"{name}.svg"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, keys in SHOTS.items():
            asyncio.run(shoot(name, keys, Path(folder)))
            print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    main()
