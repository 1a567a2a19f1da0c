"""What a tester found keeping one journal on two machines: a pull where the other machine's day is ahead
(another time zone), switching replicas while behind, the process a refusal tells to stop, and every command a
message suggests made for this journal (with its --db). The real Litestream, file:// replicas."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.store.test_replica import WAIT_SECONDS, pytestmark  # noqa: F401  (skips as that file does)
from tui.actions import replica as replicas
from tui.domain.replica import Replica
from tui.paths import onward_command
from tui.store import replica as store
from tui.store.repository import Journal


def test_a_pull_of_a_journal_holding_a_day_ahead_of_this_machine_completes_and_says_every_step(
    laptop: Device, desktop: Device, url: str
) -> None:
    """The tester's crash: the desktop's journal (pulled from the laptop, a time zone ahead) held an action
    dated the laptop's today, the desktop's tomorrow; its next pull replaced the journal, then crashed reading
    the one it replaced, skipping the line naming it and the drafts."""
    laptop.today = "2026-11-28"  # a time zone ahead: already tomorrow there
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("act", "learning", "--note", "ahead"))  # dated 2026-11-28
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(laptop.onward("act", "other", "--note", "again"))
    ok(laptop.onward("replicate", "--once"))

    status, out, err = desktop.onward("pull", "--yes")
    assert status == 0, err
    assert "Pulled" in out and "The journal it replaced is kept at " in out and "before-restore" in out
    assert "diverged" not in out  # it held nothing the replica does not
    status, out, err = desktop.onward("replicate", "--status")
    assert status == 0 and "behind" not in out


def test_a_step_after_the_replace_that_fails_is_said_and_the_journal_replaced_kept_whole(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing after the journal is replaced ends in a traceback: a comparison that fails is said, and the
    journal replaced is kept whole (…-diverged.db) with the command bringing its records in."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))

    def broken(*args: object) -> str:
        raise ValueError("actions[2].on: 2026-12-08 is in the future")

    monkeypatch.setattr(replicas, "only_here", broken)
    status, out, err = laptop.onward("pull", "--yes")
    assert status == 0, err
    assert laptop.companies() == ["Acme", "Gamma"]
    assert "Onward could not compare it with the journal pulled (actions[2].on: 2026-12-08 is in the future)" in out
    kept = next(laptop.journal.parent.glob("backups/*-diverged.db"))
    assert f"kept whole at {kept}" in out
    assert onward_command(laptop.journal, "import", "json", str(kept.with_suffix(".json"))) in out


def behind(laptop: Device, desktop: Device, url: str) -> None:
    """The laptop's journal ends up behind `url`: the desktop restored it, wrote and copied."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))


def test_choosing_another_replica_while_behind_is_refused_naming_the_pull_first(
    laptop: Device, desktop: Device, url: str, tmp_path: Path
) -> None:
    """The tester's loop: choosing replica2 while behind got the laptop out of "behind" without a word, and
    back on the first replica `onward pull` read replica2 ("already holds everything")."""
    behind(laptop, desktop, url)
    other = (tmp_path / "usb" / "other").as_uri()
    status, _, err = laptop.onward("replicate", other, "--once")
    assert status == 2
    assert "This journal is behind the copy written on desktop at " in err
    assert f"`{onward_command(laptop.journal, 'pull')}` first, then `{onward_command(laptop.journal, 'replicate', other)}`" in err
    assert f"Replica: {url}" in ok(laptop.onward("replicate", "--status"))  # still the replica
    assert not (tmp_path / "usb" / "other").exists()  # nothing copied there
    status, _, err = laptop.onward("add", "Delta", "Dev")
    assert status == 2 and "behind" in err

    ok(laptop.onward("pull", "--yes"))
    ok(laptop.onward("replicate", other, "--once"))  # up to date: it may move
    assert f"Replica: {other}" in ok(laptop.onward("replicate", "--status"))


def test_coming_back_to_a_replica_that_is_ahead_names_it_and_the_command_taking_its_journal(
    laptop: Device, desktop: Device, url: str, tmp_path: Path
) -> None:
    """A journal that moved to another replica while behind (an Onward before this one let it): going back to
    the one ahead names it, and the command that reads it (`onward pull` reads the journal's own replica)."""
    behind(laptop, desktop, url)
    other = Replica((tmp_path / "usb" / "other").as_uri())
    journal = Journal.open(laptop.journal)
    try:
        replicas.choose_replica(journal, other)
    finally:
        journal.close()
    status, _, err = laptop.onward("replicate", url, "--once")
    assert status == 2
    restore = onward_command(laptop.journal, "restore", "--from", url)
    assert "written on desktop at " in err and f" in {url}: `{restore}` takes it here" in err
    assert "`onward pull`" not in err


def test_status_of_a_replica_moved_away_says_it_can_t_be_reached_as_replicate_does(
    laptop: Device, url: str, tmp_path: Path
) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    (tmp_path / "usb" / "onward").rename(tmp_path / "usb" / "away")  # a disk not mounted, a folder moved
    out = ok(laptop.onward("replicate", "--status"))
    assert "holds nothing yet" not in out
    assert f"Can't reach it: {url} is empty or missing (a disk not mounted?)" in out
    status, _, err = laptop.onward("replicate", "--once")
    assert status == 2 and "empty or missing (a disk not mounted?)" in err


def test_status_of_a_new_replica_suggests_replicate_for_this_journal(laptop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    journal = Journal.open(laptop.journal)
    try:
        replicas.choose_replica(journal, Replica(url))
    finally:
        journal.close()
    out = ok(laptop.onward("replicate", "--status"))
    assert f"It holds nothing yet: {onward_command(laptop.journal, 'replicate')} copies the journal there." in out


def test_the_behind_line_and_pull_suggest_commands_for_this_journal_as_printed(laptop: Device, desktop: Device, url: str) -> None:
    behind(laptop, desktop, url)
    status, _, err = laptop.onward("add", "Delta", "Dev")
    assert status == 2 and f"`{onward_command(laptop.journal, 'pull')}` first." in err
    assert f"`{onward_command(laptop.journal, 'pull')}` first." in ok(laptop.onward("replicate", "--status"))


def test_onward_command_leaves_out_db_only_for_the_default_journal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tui import paths

    monkeypatch.setattr(paths, "default_journal_path", lambda: tmp_path / "journal.db")
    assert onward_command(tmp_path / "journal.db", "pull") == "onward pull"
    assert onward_command(tmp_path / "my journal.db", "pull") == f"onward --db '{tmp_path / 'my journal.db'}' pull"


# Who a refusal tells to stop


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(done.stdout)


def _holding(journal: Path, content: str) -> None:
    descriptor = os.open(store.lock_path(journal), os.O_RDWR)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, content.encode(), 0)
    finally:
        os.close(descriptor)


def test_litestream_left_running_by_a_killed_onward_replicate_is_the_process_named(tmp_path: Path) -> None:
    """kill -9 of `onward replicate` left its Litestream holding the lock; the refusal said `kill` of the dead parent."""
    journal = tmp_path / "journal.db"
    journal.touch()
    dead = _dead_pid()
    with store.replicating(journal):
        _holding(journal, f"{dead} {os.getpid()} replicate")  # this process stands in for the Litestream left running
        with pytest.raises(Exception) as refused:
            store.refuse_while_replicating(journal, "pull again")
        assert f"Litestream (process {os.getpid()}) is still copying this journal" in str(refused.value)
        assert f"`kill {os.getpid()}`" in str(refused.value) and str(dead) not in str(refused.value)
        assert store.replicating_now(journal) == os.getpid()


def test_while_the_app_copies_the_refusal_says_to_quit_the_app_not_to_kill_its_litestream(tmp_path: Path) -> None:
    """Its Litestream killed, the app starts another: `kill` of it never let a restore through."""
    journal = tmp_path / "journal.db"
    journal.touch()
    with store.replicating(journal):
        _holding(journal, f"{os.getpid()} {_dead_pid()} app")  # this process stands in for the app
        with pytest.raises(Exception) as refused:
            store.refuse_while_replicating(journal, "restore again")
        text = str(refused.value)
        assert f"The Onward app (process {os.getpid()}) is open on this journal" in text and "quit that app first (q)" in text
        assert "kill" not in text


def test_the_litestream_of_onward_replicate_killed_outright_ends_with_it(tmp_path: Path, url: str) -> None:
    """Linux: Litestream is told to stop when the `onward replicate` that started it dies (PR_SET_PDEATHSIG),
    and lets the journal's lock go; elsewhere, the refusal names it (the test above)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    journal = tmp_path / "journal.db"
    Journal.open(journal).close()
    code = (
        "import sys; from tui.store import replica as store; from tui.domain.replica import Replica; "
        "from pathlib import Path; store.replicate(Path(sys.argv[1]), Replica(sys.argv[2]))"
    )
    parent = subprocess.Popen([sys.executable, "-c", code, str(journal), url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        give_up = time.monotonic() + WAIT_SECONDS
        while (holder := store.lock_holder(journal)) is None or not holder.litestream:
            assert time.monotonic() < give_up and parent.poll() is None
            time.sleep(0.05)
        assert holder.owner == parent.pid and store.replicating_now(journal) == parent.pid
    finally:
        parent.kill()
        parent.wait()
    litestream = holder.litestream
    give_up = time.monotonic() + WAIT_SECONDS
    while store.lock_holder(journal) is not None:
        if time.monotonic() > give_up:
            os.kill(litestream, 9)
            pytest.fail("Litestream outlived the onward replicate that started it")
        time.sleep(0.05)


# Two machines that copied at the same moment


@pytest.fixture
def short_url() -> Iterator[str]:
    """A replica at a short path, as a person's is (/media/usb/onward): its files' paths are shorter than the
    smallest file of transactions Litestream reads (100 bytes). A pytest folder's are longer, which hid that
    Litestream took the size of a symbolic link to one (the length of its path) for the file's."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="o", dir="/tmp"))
    try:
        yield (folder / "onward").as_uri()
    finally:
        shutil.rmtree(folder)


def test_two_machines_that_wrote_and_copied_at_the_same_moment_pull_and_report_what_only_one_held(
    laptop: Device, desktop: Device, short_url: str
) -> None:
    """The tester's race: both apps open, both wrote at once. The laptop, behind, could not pull ("the replica
    file:///tmp/onward-replica-view-… holds no copy of a journal": a scratch folder deleted since, and false)."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", short_url, "--once"))
    ok(desktop.onward("restore", "--from", short_url, "--yes"))
    ok(laptop.onward("add", "Delta", "Dev"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    # Both Litestreams copy their write as the replica's next transaction, under the same number; the
    # desktop's file is the one that stays.
    ok(desktop.onward("replicate", "--once"))
    folder = Path(Replica(short_url).folder or "") / "ltx" / "0"
    newest = max(folder.glob("*.ltx"))
    aside = newest.rename(newest.with_name("desktop.aside"))
    ok(laptop.onward("replicate", "--once"))
    aside.replace(newest)

    status, _, err = laptop.onward("add", "Epsilon", "Designer")
    assert status == 2 and "This journal is behind the copy written on desktop at " in err
    status, out, err = laptop.onward("pull", "--yes")
    assert status == 0, err
    assert laptop.companies() == ["Acme", "Gamma"]
    diverged = next(laptop.journal.parent.glob("backups/*-diverged.db"))
    assert "This journal held what the replica did not (1 application" in out and str(diverged) in out
    assert onward_command(laptop.journal, "import", "json", str(diverged.with_suffix(".json"))) in out
    ok(laptop.onward("add", "Epsilon", "Designer"))  # up to date: it writes again
    ok(desktop.onward("add", "Zeta", "Lead"))  # the desktop was never behind: its copy is the replica's


@pytest.mark.parametrize("same_disk", [True, False])
def test_the_other_side_of_a_fork_is_restored_from_a_replica_at_a_short_path(
    laptop: Device, short_url: str, same_disk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other device's copy is read without this device's files of the same transactions (a view of the
    replica's other files): at a short path that view, of symbolic links, read as holding no journal. On
    another disk than the scratch folder's (a USB disk), the view holds copies."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", short_url, "--once"))
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", "--once"))
    replica = Replica(short_url)
    newest = store.replica_position(replica).txid
    left_out = (Path(replica.folder or "") / "ltx" / "0" / "not-there.ltx",)
    if not same_disk:
        def across(source: object, target: object) -> None:
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(os, "link", across)
    with store.restored_copy(replica, txid=newest, leaving_out=left_out) as copy:
        journal = Journal.open(copy, create=False)
        try:
            assert sorted(app.company for app in journal.applications.every()) == ["Acme", "Beta"]
        finally:
            journal.close()


def test_a_diverged_journal_holding_a_day_ahead_says_from_when_its_import_takes_it(
    laptop: Device, desktop: Device, url: str, tmp_path: Path
) -> None:
    """The import command a pull prints takes nothing dated after today: the day it works from is said, and
    on that day it works as printed."""
    desktop.today = "2026-11-28"  # a time zone ahead
    ok(desktop.onward("add", "Acme", "Analyst"))
    ok(desktop.onward("act", "learning", "--note", "ahead"))
    ok(desktop.onward("replicate", url, "--once"))
    ok(laptop.onward("restore", "--from", url, "--yes"))  # holds a step dated the laptop's tomorrow
    folder = tmp_path / "usb" / "onward"
    folder.rename(tmp_path / "usb" / "aside")  # the disk unplugged: the laptop's write stays here
    status, _, err = laptop.onward("add", "Delta", "Dev")
    assert status == 0 and "can't be reached" in err
    (tmp_path / "usb" / "aside").rename(folder)
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))

    out = ok(laptop.onward("pull", "--yes"))
    diverged = next(laptop.journal.parent.glob("backups/*-diverged.db"))
    command = onward_command(laptop.journal, "import", "json", str(diverged.with_suffix(".json")))
    assert f"From 2026-11-28 on (it holds steps dated up to then, written where that day had come) (what both hold is skipped): {command}" in out
    laptop.today = "2026-11-28"
    ok(laptop.onward("import", "json", str(diverged.with_suffix(".json")), "--yes"))
    assert laptop.companies() == ["Acme", "Delta", "Gamma"]
