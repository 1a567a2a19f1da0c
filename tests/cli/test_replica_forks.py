"""Two machines writing while apart (a fork), then `onward pull` and the import it prints: the real Litestream,
a file:// replica, two devices. Found by a tester: both machines gave the next id to their own step (or win, or
note), and the import kept the other machine's, calling this one's an edit of it; and a draft typed for an
application on the machine behind showed on the other machine's application under that id.

Both machines write here within the same second: each record written while apart is stamped a little apart
(as two machines write) before the pull, as `created_at` would be."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.store.test_replica import pytestmark  # noqa: F401  (skips as that file does)
from tui.store.repository import Journal


def apart(laptop: Device, desktop: Device, url: str, tmp_path: Path) -> None:
    """The desktop restores the laptop's journal; the laptop then loses the replica (a disk unplugged) while
    both write."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    (tmp_path / "usb").rename(tmp_path / "usb-unplugged")


def plugged_back(tmp_path: Path) -> None:
    (tmp_path / "usb-unplugged").rename(tmp_path / "usb")


def stamped_earlier(device: Device, tables: tuple[str, ...], after: dict[str, int]) -> None:
    journal = Journal.open(device.journal, create=False)
    try:
        with journal.transaction():
            for table in tables:
                journal.db.conn.execute(
                    f"UPDATE {table} SET created_at = '2026-11-27T08:00:00Z' WHERE id > ?", [after[table]]
                )
    finally:
        journal.close()


def largest_ids(device: Device) -> dict[str, int]:
    journal = Journal.open(device.journal, create=False)
    try:
        return journal.records.largest_ids()
    finally:
        journal.close()


def test_a_step_a_win_and_a_note_each_machine_wrote_apart_are_all_kept(
    laptop: Device, desktop: Device, url: str, tmp_path: Path
) -> None:
    apart(laptop, desktop, url, tmp_path)
    before = largest_ids(laptop)
    for device in (laptop, desktop):
        if device is desktop:
            plugged_back(tmp_path)
        ok(device.onward("act", "interview_prep", "--note", f"{device.name}: STAR stories"))
        ok(device.onward("win", f"{device.name}: a win", "--kind", "other"))
        ok(device.onward("log", "1", "note", "--note", f"{device.name}: note"))
        if device is laptop:
            stamped_earlier(laptop, ("actions", "wins", "events"), before)
    ok(desktop.onward("replicate", "--once"))

    out = ok(laptop.onward("pull", "--yes"))
    command = out.strip().splitlines()[-1]
    assert command.startswith("To bring that in") and "import json" in command, out
    said = ok(laptop.onward("import", "json", command.split()[-1], "--yes"))
    assert "kept; the file says" not in said, said
    journal = Journal.open(laptop.journal, create=False)
    try:
        notes = {s.note for s in journal.steps.every()}
        assert {"laptop: STAR stories", "desktop: STAR stories"} <= notes
        assert {"laptop: a win", "desktop: a win"} <= {w.title for w in journal.wins.every()}
        assert [e.note for e in journal.applications.get(1).events] == ["desktop: note", "laptop: note"]
    finally:
        journal.close()


def test_a_draft_typed_while_behind_never_shows_on_another_application(
    laptop: Device, desktop: Device, url: str, tmp_path: Path
) -> None:
    """The tester's steps: Xerox on X (the laptop), Yahoo on Y, both application 2; X keeps a draft for Xerox."""
    apart(laptop, desktop, url, tmp_path)
    ok(laptop.onward("add", "Xerox", "Designer"))
    ok(laptop.onward("log", "2", "rejected", "--stage", "interview"))
    plugged_back(tmp_path)
    ok(desktop.onward("add", "Yahoo", "Writer"))
    ok(desktop.onward("log", "2", "rejected", "--stage", "screening"))
    ok(desktop.onward("replicate", "--once"))
    journal = Journal.open(laptop.journal, create=False)
    try:
        with journal.transaction():
            journal.reflections.put_draft("application:2", {"stage": "interview", "went_well": "the Xerox portfolio"})
    finally:
        journal.close()

    out = ok(laptop.onward("pull", "--yes"))
    assert "Set aside 1 draft typed for a record this journal now holds another one under the same id (Xerox — Designer)" in out
    journal = Journal.open(laptop.journal, create=False)
    try:
        assert journal.applications.get(2).company == "Yahoo"
        assert journal.reflections.draft_text("application:2") is None
    finally:
        journal.close()
    ok(laptop.onward("import", "json", out.strip().splitlines()[-1].split()[-1], "--yes"))
    journal = Journal.open(laptop.journal, create=False)
    try:
        xerox = next(a for a in journal.applications.every() if a.company == "Xerox")
        assert json.loads(journal.reflections.draft_text(f"application:{xerox.id}") or "{}")["went_well"] == "the Xerox portfolio"
    finally:
        journal.close()
