"""A journal behind its replica writes nothing, in the app as on the command line (one answer, `may_write`,
asked at the app's start and after another program changed the journal), what is typed in an editor is kept
as a draft, and the streak line and the app say when the replica is more than a day behind. The real
Litestream, file:// replicas, two devices (two folders, two config folders)."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.store.test_replica import WAIT_SECONDS, pytestmark  # noqa: F401  (skips as that file does)
from tui.domain.replica import Position, Replica, ReplicaError, lag_line
from tui.paths import onward_command
from tui.store.repository import Journal

TODAY = datetime(2026, 11, 27).date()


def behind(laptop: Device, desktop: Device, url: str) -> None:
    """The laptop's journal ends up behind the replica: the desktop restored it, wrote and copied."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))


def run_app(device: Device, steps: Callable[..., Awaitable[None]]) -> list[str]:
    """Open the app on the device's journal, wait for its replica check, run `steps`; the notices said (each
    time: the same words said again while they show replace their toast, tui/widgets/toasts.py)."""
    from tui.app import OnwardApp

    device._monkeypatch.setenv("XDG_CONFIG_HOME", str(device.config))
    app = OnwardApp(device.journal, today=TODAY)
    notices: list[str] = []
    notify = app.notify

    def noted(message: str, **how: object) -> None:
        notices.append(message)
        notify(message, **how)  # type: ignore[arg-type]

    app.notify = noted  # type: ignore[method-assign]

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            give_up = time.monotonic() + WAIT_SECONDS
            while not app.replica.answered:  # the replica's first answer (asked once the Inbox is up)
                assert time.monotonic() < give_up
                await pilot.pause(0.05)
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())
    return notices


def key_at(app, key: str, at: float) -> None:  # type: ignore[no-untyped-def]
    """Post `key` as read from the terminal at `at` (its `time`: how tui/typed_ahead.py tells the keys of one
    burst from keys pressed apart, `PAUSE_SECONDS`)."""
    from textual import events

    event = events.Key(key, key)
    event.time = at
    app.post_message(event)


def rejected(device: Device) -> bool:
    journal = Journal.open(device.journal, create=False)
    try:
        return any(app.rejection is not None for app in journal.applications.every())
    finally:
        journal.close()


def test_the_app_behind_its_replica_refuses_a_write_in_the_cli_s_words(laptop: Device, desktop: Device, url: str) -> None:
    behind(laptop, desktop, url)

    async def reject_then_import(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = pilot.app.screen
        at = time.monotonic()
        key_at(pilot.app, "r", at)  # reject Acme: refused before the stage is asked (no picker opens)
        await pilot.pause()
        key_at(pilot.app, "u", at + 2)  # Acme followed up (pressed apart): refused as it is written
        await pilot.pause()
        assert pilot.app.screen is screen
        pilot.app.action_import_data()  # it writes past act, through its own connection: refused before it asks
        await pilot.pause()
        assert pilot.app.screen is screen

    notices = run_app(laptop, reject_then_import)
    assert not rejected(laptop)  # nothing was written
    journal = Journal.open(laptop.journal, create=False)
    try:
        assert [event.kind.value for app in journal.applications.every() for event in app.events] == []
    finally:
        journal.close()
    assert sum(n.startswith("This journal is behind") for n in notices) == 4  # at start, r, u, the import
    refusal = [n for n in notices if n.startswith("This journal is behind the copy written on desktop at ")]
    assert refusal and refusal[0].endswith(f": `{onward_command(laptop.journal, 'pull')}` first.")
    status, _, err = laptop.onward("add", "Delta", "Dev")  # the command line says the same line
    assert status == 2 and refusal[0] in err


def test_the_app_writes_again_once_a_pull_brings_it_up_to_date(laptop: Device, desktop: Device, url: str) -> None:
    behind(laptop, desktop, url)

    async def pull_then_reject(pilot) -> None:  # type: ignore[no-untyped-def]
        assert pilot.app.replica.refusal
        ok(laptop.onward("pull", "--yes"))  # from another terminal while the app is open
        pilot.app.watch_journal()
        give_up = time.monotonic() + WAIT_SECONDS
        while pilot.app.replica.refusal:
            assert time.monotonic() < give_up
            await pilot.pause(0.05)
        await pilot.press("r", "a")
        await pilot.pause()

    run_app(laptop, pull_then_reject)
    assert rejected(laptop)


def test_what_is_typed_in_the_editor_while_behind_is_kept_as_a_draft_on_quit(laptop: Device, desktop: Device, url: str) -> None:
    behind(laptop, desktop, url)

    async def type_and_quit(pilot) -> None:  # type: ignore[no-untyped-def]
        from tui.screens.reflection import ReflectionEditor

        await pilot.app.push_screen(ReflectionEditor())
        await pilot.pause()
        await pilot.press("4")  # a mood: all a reflection needs to be saved as one
        pilot.app.screen.query_one("#do_differently").focus()
        await pilot.press(*"ask sooner")
        await pilot.app.action_quit()
        await pilot.pause()

    run_app(laptop, type_and_quit)
    journal = Journal.open(laptop.journal, create=False)
    try:
        assert journal.reflections.every() == []  # not saved as a reflection in a journal behind its replica
        assert "ask sooner" in (journal.reflections.draft_text("reflection:new") or "")
    finally:
        journal.close()
    out = ok(laptop.onward("pull", "--yes"))  # the draft is not lost by the pull either
    assert "Kept 1 draft typed while this journal was behind" in out
    journal = Journal.open(laptop.journal, create=False)
    try:
        assert "ask sooner" in (journal.reflections.draft_text("reflection:new") or "")  # in the pulled journal
        assert sorted(app.company for app in journal.applications.every()) == ["Acme", "Gamma"]
    finally:
        journal.close()


def test_a_form_asked_for_while_behind_does_not_open_and_the_refusal_is_said_at_once(
    laptop: Device, desktop: Device, url: str
) -> None:
    """The forms opened while the app knew the journal was behind: a whole application typed, refused at Save.
    Now no form that writes opens (n, a, the stage after r, the day after s), nor do keys typed right after
    one (meant for its fields) act in the Inbox; the reflection editor still opens (kept as a draft)."""
    behind(laptop, desktop, url)
    fronts: list[object] = []

    async def ask_for_forms(pilot) -> None:  # type: ignore[no-untyped-def]
        from tests.app.test_typed_ahead import typed
        from tui.screens.reflection import ReflectionEditor, open_reflection_editor

        app = pilot.app
        inbox = app.screen
        app.screen_change_signal.subscribe(inbox, fronts.append, immediate=True)
        at = time.monotonic()
        for key in ("n", "a", "r", "s"):  # pressed apart, each after the refusal of the one before was read
            at += 2
            key_at(app, key, at)
            await pilot.pause()
            assert app.screen is inbox, key
        at += 2
        for n, key in enumerate("ntAcme"):  # t alone opens the timeline: typed for the form, it is dropped
            key_at(app, key, at + n * 0.01)
        await typed(pilot)
        assert app.screen is inbox
        open_reflection_editor(app)
        await pilot.pause()
        assert isinstance(app.screen, ReflectionEditor)
        showing.extend(str(n.message) for n in app._notifications)

    showing: list[str] = []
    notices = run_app(laptop, ask_for_forms)
    assert [type(front).__name__ for front in fronts] == ["ReflectionEditor"]  # no form came to the front, even for a moment
    words = "This journal is behind the copy written on desktop at "
    assert len([n for n in notices if n.startswith(words)]) == 6  # at start, then n, a, r, s and the n of the burst, each at once
    assert len([n for n in showing if n.startswith(words)]) == 1  # the same words, one toast (not six stacked)
    assert laptop.companies() == ["Acme"]


def test_keys_still_coming_in_the_burst_of_a_refused_form_are_dropped_until_a_pause(
    laptop: Device, desktop: Device, url: str
) -> None:
    """`tmux send-keys -l "nSquare 4"` behind the replica: the keys after n that had not yet arrived when its
    form was refused were taken as Inbox keys (4 switched to the Streak, the q of "Square" quit the app). Keys
    arriving in later turns, each within a burst's gap of the one before, are dropped too; a key pressed after
    a pause works."""
    from tui.typed_ahead import PAUSE_SECONDS

    behind(laptop, desktop, url)
    seen: list[object] = []

    async def type_fast(pilot) -> None:  # type: ignore[no-untyped-def]
        from tests.app.test_typed_ahead import typed

        app = pilot.app
        inbox = app.screen
        at = time.monotonic()
        key_at(app, "n", at)
        await pilot.pause()
        for key in ("q", "4"):  # each in a turn of its own, after the refusal
            at += PAUSE_SECONDS / 2
            key_at(app, key, at)
            await pilot.pause()
        await typed(pilot)
        seen.append((app.is_running, app.screen is inbox, app.current_mode))
        key_at(app, "2", at + PAUSE_SECONDS * 2)  # pressed once the refusal was read
        await typed(pilot)
        seen.append(app.current_mode)

    run_app(laptop, type_fast)
    assert seen == [(True, True, "inbox"), "reflections"]


def test_a_form_opened_and_closed_unsaved_leaves_the_replica_s_writer_as_it_was(laptop: Device, desktop: Device, url: str) -> None:
    """Asking whether a form may open records nothing: the desktop, up to date but not the replica's writer,
    opening the New application form and leaving it did not make itself the writer (a write, copied to the
    replica: the laptop would then have read as behind for nothing)."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))

    def writer() -> tuple[str, str, str, int, str] | None:
        journal = Journal.open(desktop.journal, create=False)
        try:
            return journal.replica_writer()
        finally:
            journal.close()

    before = writer()
    assert before is not None and before[1] == "laptop"

    async def open_and_leave(pilot) -> None:  # type: ignore[no-untyped-def]
        from tui.screens.application_form import ApplicationForm

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ApplicationForm)  # up to date: the form opens
        await pilot.press("escape")
        await pilot.pause()

    run_app(desktop, open_and_leave)
    assert writer() == before


def test_a_replica_more_than_a_day_behind_is_named_by_streak_and_the_app(laptop: Device, url: str) -> None:
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    assert "behind" not in ok(laptop.onward("streak"))
    later = time.time() + 3 * 86400 + 600  # the journal written three days after the copy last caught up
    for file in (laptop.journal, Path(f"{laptop.journal}-wal")):
        if file.exists():
            os.utime(file, (later, later))
    line = f"Your copy at {url} is 3 days behind."
    assert line in ok(laptop.onward("streak")).splitlines()
    assert "behind" not in ok(laptop.onward("streak", "--short"))

    async def nothing(pilot) -> None:  # type: ignore[no-untyped-def]
        pass

    assert line in run_app(laptop, nothing)


def test_the_lag_line_counts_whole_days_past_one() -> None:
    caught_up = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    at = Position(5, caught_up)
    assert lag_line("file:///u", at, caught_up + timedelta(hours=24)) == ""
    assert lag_line("file:///u", at, caught_up + timedelta(hours=25)) == "Your copy at file:///u is 1 day behind."
    assert lag_line("file:///u", at, caught_up + timedelta(days=4, hours=2)) == "Your copy at file:///u is 4 days behind."
    assert lag_line("file:///u", Position(), caught_up) == ""
    assert lag_line("file:///u", at, None) == ""


def wait_for(condition: Callable[[], bool], what: str) -> None:
    give_up = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def copied_level_0(url: str) -> int:
    """The newest transaction a replica holds in its own file (level 0), not only in a snapshot or a
    compacted file (which Litestream can write ahead of it: see test_a_fork_hidden_behind_…)."""
    folder = Path(Replica(url).folder or "") / "ltx" / "0"
    names = [path.name.split("-")[-1].removesuffix(".ltx") for path in folder.glob("*.ltx")]
    return max((int(name, 16) for name in names), default=0)


async def wait_in_app(pilot, condition: Callable[[], bool], what: str) -> None:  # type: ignore[no-untyped-def]
    give_up = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting for {what}")
        await pilot.pause(0.05)


def test_an_app_left_open_is_refused_once_another_device_writes_through_the_replica(
    laptop: Device, desktop: Device, url: str
) -> None:
    from tests.store.test_replica import copied_where
    from tui.store import replica as store

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("add", "Beta", "Engineer"))
    ok(laptop.onward("replicate", url, "--once"))

    def copied_rejection() -> bool:
        return copied_where(Replica(url), lambda journal: any(app.rejection is not None for app in journal.applications.every()))

    async def write_then_desktop_writes_then_write(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        assert not app.replica.refusal and app.replica.child is not None  # copying, writing
        await pilot.press("r", "a")  # the laptop's own write, copied by its Litestream while the app is open
        await wait_in_app(pilot, copied_rejection, "the laptop's write to reach the replica")
        await wait_in_app(
            pilot, lambda: copied_level_0(url) == store.local_position(laptop.journal),
            "the laptop's Litestream to have copied all it made",
        )
        # The laptop's Litestream is held still meanwhile (as on a laptop whose lid closed): running, it
        # would react to the other device's copy on its own clock, and the test is of what the app does.
        os.kill(app.replica.child.process.pid, signal.SIGSTOP)
        ok(desktop.onward("restore", "--from", url, "--yes"))  # the other device, while this app stays open
        ok(desktop.onward("add", "Gamma", "Lead"))
        ok(desktop.onward("replicate", "--once"))
        await pilot.press("down", "r", "a")  # Beta: the replica is read at the write, not at the next start
        await pilot.pause()
        assert app.replica.child is None  # Litestream halted: nothing of this journal copied over the newer one
        assert app.replica.refusal.startswith("This journal is behind the copy written on ")

    notices = run_app(laptop, write_then_desktop_writes_then_write)
    assert rejections(laptop) == 1  # the second was refused
    assert any(n.startswith("This journal is behind the copy written on ") and n.endswith(f"`{onward_command(laptop.journal, 'pull')}` first.") for n in notices)


def companies_in(path: Path) -> list[str]:
    journal = Journal.open(path, create=False)
    try:
        return sorted(app.company for app in journal.applications.every())
    finally:
        journal.close()


def rejections(device: Device) -> int:
    journal = Journal.open(device.journal, create=False)
    try:
        return sum(app.rejection is not None for app in journal.applications.every())
    finally:
        journal.close()


def test_a_write_before_the_apps_first_check_has_answered_is_refused_too(
    laptop: Device, desktop: Device, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    behind(laptop, desktop, url)
    from tui.actions import replica

    def start_copying_never_answers(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("not asked in this test")

    monkeypatch.setattr(replica, "start_copying", start_copying_never_answers)
    from tui.app import OnwardApp

    monkeypatch.setenv("XDG_CONFIG_HOME", str(laptop.config))
    app = OnwardApp(laptop.journal, today=TODAY)
    app.replica.checking = True  # the check at start still under way (it starts nothing more meanwhile)

    async def main() -> None:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("r", "a")
            await pilot.pause()
            assert any(str(n.message).startswith("This journal is behind") for n in app._notifications)

    asyncio.run(main())
    assert not rejected(laptop)


def test_two_devices_writing_at_the_same_moment_are_caught_not_forked_silently(
    laptop: Device, desktop: Device, url: str
) -> None:
    """Both journals up to date, both copying (Litestream running on each), both write before either copy
    lands: each device's Litestream writes the same transaction numbers, and the replica keeps one of each.
    Whichever device's write the replica's newest copy does not hold is refused its next write, and its pull
    keeps that write and offers it for import: no record is lost without a word."""
    from tui.actions import replica as replicas
    from tui.store import replica as store

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))
    replica = Replica(url)
    children = [store.start_child(laptop.journal, replica), store.start_child(desktop.journal, replica)]
    written = {"laptop": "Beta", "desktop": "Gamma"}

    def refusal(device: Device) -> str:
        device._monkeypatch.setenv("XDG_CONFIG_HOME", str(device.config))
        journal = Journal.open(device.journal, create=False)
        try:
            return replicas.may_write(journal).refusal
        finally:
            journal.close()

    def settled(device: Device) -> bool:
        """Refused, or all its Litestream made is in the replica."""
        return bool(refusal(device)) or store.local_position(device.journal) <= store.replica_position(replica).txid

    try:
        ok(laptop.onward("add", "Beta", "Engineer"))  # both checks pass: neither copy has landed yet
        ok(desktop.onward("add", "Gamma", "Lead"))
        wait_for(lambda: store.local_position(laptop.journal) > 1 and store.local_position(desktop.journal) > 1, "both to copy")
        wait_for(lambda: settled(laptop) and settled(desktop), "both copies to land (or be refused)")
    finally:
        for child in children:
            child.halt()
    assert refusal(laptop) or refusal(desktop)  # the fork is caught (by at least the device that lost out)
    try:
        with store.restored_copy(replica) as copy:
            journal = Journal.open(copy, create=False)
            try:
                in_replica = {app.company for app in journal.applications.every()}
            finally:
                journal.close()
    except ReplicaError:
        # Two Litestreams writing one replica at once can leave files Litestream itself can't read back
        # (one writer at a time is what is promised): then each journal keeps its own write, and a pull
        # says it can't and changes nothing.
        assert "Beta" in laptop.companies() and "Gamma" in desktop.companies()
        status, _, err = (laptop if refusal(laptop) else desktop).onward("pull", "--yes")
        assert status == 2 and "Nothing was changed" in err
        return
    lost = [device for device in (laptop, desktop) if written[device.name] not in in_replica]
    assert lost, "one of the two writes can't be in the replica's newest copy: they were made on one base"
    for device in lost:
        status, _, err = device.onward("add", "Delta", "Dev")
        assert status == 2 and "This journal is behind the copy written on" in err and " pull` first" in err
        out = ok(device.onward("pull", "--yes"))
        if "held what the replica did not" not in out:
            # Litestream interleaved the two machines' transactions: this one's write reached the replica, and the
            # other's next transaction, made on its own base, took it out again, which reads as the other
            # machine having removed it (not offered: what is promised is one writer at a time, README). Never
            # lost: the journal pull replaced is kept whole, the write in it.
            kept = Path(out.strip().split("kept at ")[-1].rstrip("."))
            assert written[device.name] in companies_in(kept)
            continue
        assert "held what the replica did not (1 application" in out  # its own write kept, offered for import
        ok(device.onward("import", "json", out.strip().split()[-1], "--yes"))
        assert written[device.name] in device.companies() and "Acme" in device.companies()


def test_a_fork_hidden_behind_this_device_s_own_snapshot_is_still_refused(laptop: Device, desktop: Device, url: str) -> None:
    """Litestream snapshots a journal as it starts (level 9) from what it has read, which can be copied ahead of
    the transaction's own file: a laptop whose lid closed between the two leaves a replica whose newest
    transaction the desktop's Litestream writes again as its own (it goes by level 0). The laptop's next write
    is refused all the same, naming the desktop: the desktop's copy is read without the laptop's snapshot
    (restored with it, it read as the laptop's own copy and the write went on: a flaky CI run)."""
    import subprocess

    from tui.store import replica as store

    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(laptop.onward("log", "1", "rejected", "--stage", "application"))  # the laptop's write
    # Litestream as the app runs it, until its snapshot holds the write. It snapshots once it has read the
    # journal, as it starts (then once a day): a snapshot taken before it read the write is put away and
    # Litestream started again.
    config = laptop.journal.with_name(laptop.journal.name + ".litestream.yml")
    ltx = Path(Replica(url).folder or "") / "ltx"

    def snapshots() -> list[int]:
        return [int(path.stem.split("-")[-1], 16) for path in (ltx / "9").glob("*.ltx")]

    give_up = time.monotonic() + WAIT_SECONDS
    while True:
        litestream = subprocess.Popen([store.litestream_binary(), "replicate", "-no-expand-env", "-config", str(config)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not ((written := store.local_position(laptop.journal)) > 1 and copied_level_0(url) == written and snapshots()):
                assert time.monotonic() < give_up, "Litestream's snapshot of the laptop's write"
                time.sleep(0.05)
        finally:
            litestream.terminate()
            litestream.wait()
        if written in snapshots():
            break
        for path in (ltx / "9").glob("*.ltx"):
            path.unlink()
    # The lid closed after the snapshot was copied and before the transaction's own file was.
    for path in ltx.glob(f"[0-8]/*-{written:016x}.ltx"):
        path.unlink()
    assert copied_level_0(url) == written - 1

    ok(desktop.onward("restore", "--from", url, "--yes"))  # from the snapshot: the laptop's write is there
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))  # Litestream writes the desktop's state as that same transaction
    assert store.file_replica_state(laptop.journal, Replica(url)).forked_at == written

    status, _, err = laptop.onward("add", "Delta", "Designer")
    assert status != 0
    assert "This journal is behind the copy written on desktop at " in err
    assert laptop.companies() == ["Acme"]
    # Pulled, the laptop holds what the refusal named: the desktop's copy (and its own write in it).
    ok(laptop.onward("pull", "--yes"))
    assert laptop.companies() == ["Acme", "Gamma"] and rejected(laptop)
    ok(laptop.onward("add", "Delta", "Designer"))
