"""Every count a person reads is set thousands apart, through the one function (text.number / plural): shown a
journal with thousands of everything, the screens and the commands write no bare run of four or more digits.

The journal's own text has no digits (companies, roles, notes, win titles are words), so a run of four digits
on a screen is a count, a date, a year or part of a path: dates (2026-11-27), the journal's years and paths are
left out, and nothing else is. A new screen line or command that writes a count bare fails here once a journal has thousands of it."""

from __future__ import annotations

import re
import shutil
import string
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import TODAY, run_app
from tui.actions import applications, reflections, steps, wins
from tui.actions.automatic_wins import bulk
from tui.app import OnwardApp
from tui.cli import main as onward
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import ActionKind, OutcomeKind, Stage, WinKind
from tui.domain.reflections import ReflectionEntry
from tui.screens.timeline import TimelineScreen
from tui.store.repository import Journal

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

DAYS = 1_100
"""Days of history, a step on each: a streak of 1,100 days."""
MANY = 1_050
"""How many there are of each kind of thing counted (rejections reflected on and not, follow-ups due, gone
quiet, wins on one application)."""
YEARS = {str(year) for year in range((TODAY - timedelta(days=DAYS + 60)).year, TODAY.year + 2)}
"""Years a screen names (a month heading, a day): four digits that are not a count."""
BUSY = "Busy"
"""The application with a win for each of MANY days: its timeline has thousands of entries."""


def name(n: int) -> str:
    """A company named in letters only ("Co baa"): no digits of its own to look like a count."""
    letters = ""
    for _ in range(3):
        n, rest = divmod(n, 26)
        letters = string.ascii_lowercase[rest] + letters
    return f"Co {letters}"


def make_thousands(path: Path) -> int:
    """Write the journal of thousands at `path`; the id of the application BUSY."""
    journal = Journal.open(path)
    try:
        with bulk(journal):  # one load, as an import writes
            for back in range(DAYS):
                steps.log_action(journal, ActionEntry(ActionKind.LEARNING, TODAY - timedelta(days=back), "a course"))
            made = 0

            def add(days_ago: int, company: str = "") -> int:
                nonlocal made
                made += 1
                entry = ApplicationEntry(
                    company=company or name(made), role="Analyst", applied_on=TODAY - timedelta(days=days_ago),
                    field="data", source="LinkedIn",
                )
                added = applications.add_application(journal, entry).id
                assert added is not None
                return added

            for n in range(2 * MANY):  # rejected at applying, half of them reflected on (a gap named each time)
                applied = 20 + n % (DAYS - 40)
                app_id = add(applied)
                on = TODAY - timedelta(days=applied - 5)
                applications.log_outcome(journal, app_id, OutcomeKind.REJECTED, on, stage=Stage.APPLICATION)
                if n % 2:
                    entry = ReflectionEntry(mood=1 + n % 5, gaps=("sql",), went_well="Rapport.", do_differently="Examples.")
                    reflections.save_reflection(journal, entry, on, application_id=app_id)
            for n in range(MANY):  # no answer: a follow-up due
                add(8 + n % 20)
            for n in range(MANY):  # followed up twice long ago, no answer since: gone quiet
                applied = 90 + n % (DAYS - 120)
                app_id = add(applied)
                for later in (8, 16):
                    applications.log_outcome(journal, app_id, OutcomeKind.FOLLOWED_UP, TODAY - timedelta(days=applied - later))
            busy = add(DAYS - 1, BUSY)
            for back in range(MANY):
                wins.add_win(journal, WinEntry("Kept going", WinKind.OTHER, TODAY - timedelta(days=back), busy))
        wins.mark_wins_seen(journal)
    finally:
        journal.close()
    return busy


@pytest.fixture(scope="module")
def thousands_made(tmp_path_factory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("thousands") / "thousands.db"
    return path, make_thousands(path)


@pytest.fixture
def thousands(thousands_made, tmp_path) -> Path:
    """A copy of the journal of thousands for this test (the app writes a backup beside it)."""
    path = tmp_path / "journal.db"
    shutil.copyfile(thousands_made[0], path)
    return path


_COUNT = re.compile(r"\d[\d,]*")
_DATE_AROUND = re.compile(r"\d-$|^-\d")


def bare_counts(text: str) -> list[str]:
    """Each run of four or more digits in `text` not set apart, with what is around it; dates, years and paths
    (a backup's folder, /tmp/pytest-1234) aside."""
    text = re.sub(r"\S*/\S*", " ", text)
    found = []
    for match in _COUNT.finditer(text):
        digits = match.group().rstrip(",")
        if len(digits) < 4 or "," in digits or digits in YEARS:
            continue
        before, after = text[max(0, match.start() - 2) : match.start()], text[match.end() : match.end() + 2]
        if _DATE_AROUND.search(before) or _DATE_AROUND.search(after):
            continue  # 2026-11-27
        found.append(text[max(0, match.start() - 30) : match.end() + 10].replace("\n", " "))
    return found


def test_a_bare_count_is_found_and_a_date_or_year_is_not():
    assert bare_counts("1,100 days · 2026-11-27 · 2026-W48 · November 2026 · 12 of 345 · /tmp/pytest-1234/x.db") == []
    assert bare_counts("3917 rejections") and bare_counts("applied 10000 ") and bare_counts("×1050") and bare_counts("1234,")


@pytest.mark.parametrize(
    "command",
    [
        ["streak"], ["streak", "--short"], ["insights"], ["check"],
        ["report", "--since", (TODAY - timedelta(days=DAYS + 30)).isoformat()],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_commands_set_counts_apart(thousands, command, capsys, monkeypatch):
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    assert onward([*command, "--db", str(thousands)]) in (0, None)
    out = capsys.readouterr().out
    assert bare_counts(out) == []
    assert re.search(r"\d,\d{3}", out), out[:500]  # it had thousands to show


_SVG_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>')


def drawn(svg: str) -> str:
    """The screenshot's text, a line for each row; pieces apart on a row (a gap not drawn) stay apart."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for x, y, length, text in _SVG_TEXT.findall(svg):
        rows.setdefault(float(y), []).append((float(x), float(length), unescape(text)))
    lines = []
    for _, pieces in sorted(rows.items()):
        line, end = "", 0.0
        for x, length, text in sorted(pieces):
            line += (" " if x > end + 0.5 else "") + text
            end = x + length
        lines.append(line)
    return "\n".join(lines)


def shown(app) -> str:
    """What the screen shows: each Static's whole content (what is scrolled out of sight too) and every row
    drawn (the Inbox's lists, the header, the badge)."""
    statics = [str(static.render()) for static in app.screen.query(Static)]
    return "\n".join([*statics, drawn(app.export_screenshot())]).replace("\u00a0", " ")


def test_every_area_sets_counts_apart(thousands, thousands_made):
    texts: dict[str, str] = {}

    async def steps(pilot):
        texts["inbox"] = shown(pilot.app)
        for key, area in (("2", "reflections"), ("l", "lessons"), ("escape", ""), ("3", "wins"), ("4", "streak"), ("5", "insights")):
            await pilot.press(key)
            await pilot.pause()
            if area:
                texts[area] = shown(pilot.app)
        await pilot.app.push_screen(TimelineScreen(thousands_made[1]))
        await pilot.pause()
        texts["timeline"] = shown(pilot.app)

    run_app(OnwardApp(thousands, today=TODAY), steps, size=(120, 40))
    assert set(texts) == {"inbox", "reflections", "lessons", "wins", "streak", "insights", "timeline"}
    assert {area: bare_counts(text) for area, text in texts.items()} == {area: [] for area in texts}
    assert [area for area, text in texts.items() if not re.search(r"\d,\d{3}", text)] == []  # each had thousands to show
