"""Shared fixtures: a fixed today, a temp-file journal per test, the demo journal, and an app runner."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest

from tui.paths import demo_journal_text
from tui.store.repository import Journal
from tui.actions.load import load_demo

TODAY = date(2026, 11, 27)  # a Friday
SIZE = (100, 32)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real journal or depend on the real date."""
    monkeypatch.delenv("ONWARD_DB", raising=False)
    monkeypatch.delenv("ONWARD_TODAY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path: Path):
    opened = Journal.open(journal_path)
    yield opened
    opened.close()


def make_demo_journal(path: Path, today: date = TODAY) -> Path:
    """Write the demo journal, dated to end on `today`, at `path`."""
    opened = Journal.open(path)
    try:
        load_demo(opened, json.loads(demo_journal_text()), today)
    finally:
        opened.close()
    return path


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return make_demo_journal(tmp_path / "demo.db")


def run_app(app, steps: Callable[[object], Awaitable[None]], size: tuple[int, int] = SIZE) -> None:
    """Run `app` headless at a fixed size and drive it with `steps(pilot)`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())
