"""A new journal appears whole or not at all on a full disk, and a failed start leaves nothing behind
(issue 24, N1). Run on a real small tmpfs where the tests may mount one (as root), and with the disk
filling simulated everywhere else."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tui import cli
from tui.store import database
from tui.store.database import JournalError, open_journal
from tui.store.repository import Journal


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def small_disk(tmp_path):
    """A mount point for a tmpfs of the size asked for, unmounted after the test."""
    mounted: list[Path] = []

    def make(size: str) -> Path:
        point = tmp_path / f"disk-{size}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("a tmpfs can't be mounted here")
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)


@pytest.mark.skipif(not _can_mount(), reason="mounting a tmpfs needs root")
@pytest.mark.parametrize("size", ["64k", "160k", "300k", "450k"])
def test_a_new_journal_on_a_nearly_full_disk_is_whole_or_absent(small_disk, monkeypatch, capsys, size):
    disk = small_disk(size)
    journal = disk / "j.db"
    monkeypatch.setenv("ONWARD_TODAY", "2026-11-27")
    monkeypatch.setenv("HOME", str(disk))
    status = cli.main(["--db", str(journal), "add", "Acme", "Analyst"])
    capsys.readouterr()
    if status == 0:
        opened = Journal.open(journal, create=False)
        try:
            assert [a.company for a in opened.applications.every()] == ["Acme"]
        finally:
            opened.close()
    else:
        assert not journal.exists() or _sound(journal), f"a damaged journal was left on a {size} disk"
        assert [p.name for p in disk.iterdir() if not p.name.startswith("j.db")] == []  # no temporary left
    assert cli.main(["--db", str(journal), "check"]) in (0, 1)
    assert "damaged" not in capsys.readouterr().out


def _sound(path: Path) -> bool:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_failed_start_leaves_no_folder_behind(tmp_path, monkeypatch):
    def full(db) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "_migrate", full)
    with pytest.raises(JournalError, match="full"):
        open_journal(tmp_path / "new" / "deeper" / "journal.db")
    assert list(tmp_path.iterdir()) == []
