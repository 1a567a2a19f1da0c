"""A yes/no question that exists to write (remove, log an offer, reopen a closed application, settle old
history, merge) is not asked while the journal is behind its replica, as the forms are not opened
(tui/widgets/write_forms.py): the refusal is said at once, instead of after the question was read and answered
yes, and the keys typed in the same burst are dropped. A question whose no matters too (discard what was
typed?) is still asked. The real Litestream, file:// replicas, two devices, as tests/cli/test_replica_writes.py."""

from __future__ import annotations

import os
import signal
import time

from tests.cli.test_replica_writes import TODAY, copied_level_0, key_at, run_app, wait_in_app
from tests.cli.test_replicate_cli import Device, desktop, laptop, ok, url  # noqa: F401  (fixtures)
from tests.store.test_replica import pytestmark  # noqa: F401  (skips as that file does)
from tui.store.repository import Journal

WORDS = "This journal is behind the copy written on desktop at "


def up_to_date(laptop: Device, desktop: Device, url: str) -> None:
    """The laptop's journal: Acme (open, first in the Inbox), Old Co (applied in March: old history to
    settle), Done Co (withdrawn: closed), a win and Mum in the support circle, copied to the replica and
    restored on the desktop."""
    ok(laptop.onward("add", "Acme", "Analyst"))
    ok(laptop.onward("add", "Old Co", "Clerk", "--date", "2026-03-02"))
    status, out, _ = laptop.onward("add", "Done Co", "Dev", "--date", "2026-11-02")
    assert status == 0
    ok(laptop.onward("log", out.strip(), "withdrawn"))
    ok(laptop.onward("win", "Finished the SQL course"))
    ok(laptop.onward("people", "add", "Mum"))
    ok(laptop.onward("replicate", url, "--once"))
    ok(desktop.onward("restore", "--from", url, "--yes"))


def desktop_writes(desktop: Device) -> None:
    """The desktop writes and copies: the laptop is behind from now on."""
    ok(desktop.onward("add", "Gamma", "Lead"))
    ok(desktop.onward("replicate", "--once"))


def behind(laptop: Device, desktop: Device, url: str) -> None:
    up_to_date(laptop, desktop, url)
    desktop_writes(desktop)


async def desktop_writes_now(pilot, laptop: Device, desktop: Device, url: str) -> None:  # type: ignore[no-untyped-def]
    """The desktop writes while the laptop's app is open (up to date, its Litestream copying): once the
    laptop's copy has caught up, its Litestream is held still, as in test_replica_writes.py (running, it
    would react to the other device's copy on its own clock, and the test is of what the app does)."""
    from tui.store import replica as store

    app = pilot.app
    assert not app.replica.refusal and app.replica.child is not None
    await wait_in_app(pilot, lambda: copied_level_0(url) == store.local_position(laptop.journal), "the laptop's copy to catch up")
    os.kill(app.replica.child.process.pid, signal.SIGSTOP)
    desktop_writes(desktop)


def state(device: Device) -> tuple[object, ...]:
    """Each application (its company, its outcomes, whether it is settled as history), the wins, the circle."""
    journal = Journal.open(device.journal, create=False)
    try:
        return (
            sorted(
                (app.company, [event.kind.value for event in app.events], app.settled_through is not None)
                for app in journal.applications.every()
            ),
            sorted(win.title for win in journal.wins.every()),
            [person.name for person in journal.steps.people()],
        )
    finally:
        journal.close()


def asked_while_behind(laptop: Device, ask) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Open the app on the behind laptop, call `ask(pilot)`: the screens that came to the front meanwhile,
    the notices said, and the toasts showing at the end."""
    fronts: list[str] = []
    showing: list[str] = []

    async def steps(pilot) -> None:  # type: ignore[no-untyped-def]
        inbox = pilot.app.screen
        pilot.app.screen_change_signal.subscribe(inbox, lambda screen: fronts.append(type(screen).__name__), immediate=True)
        await ask(pilot)
        showing.extend(str(n.message) for n in pilot.app._notifications)

    notices = run_app(laptop, steps)
    return fronts, notices, showing


def refusals(notices: list[str]) -> int:
    return sum(n.startswith(WORDS) for n in notices)


def test_remove_is_not_asked_while_behind_and_the_keys_of_its_burst_are_dropped(laptop: Device, desktop: Device, url: str) -> None:
    """Delete on Acme asked "Remove Acme …?" and only its yes was refused. Now nothing is asked, the refusal
    is said at once (one toast), and 4 typed in the same burst (meant for the question) does not switch to
    the Streak; 2 pressed after a pause works."""
    from tests.app.test_hostile_text import select_row
    from tests.app.test_typed_ahead import typed
    from tui.typed_ahead import PAUSE_SECONDS

    behind(laptop, desktop, url)
    before = state(laptop)
    seen: list[object] = []

    async def remove(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        inbox = app.screen
        await select_row(pilot, "Acme")
        at = time.monotonic()
        key_at(app, "delete", at)
        key_at(app, "4", at + 0.01)
        await typed(pilot)
        seen.append((app.screen is inbox, app.current_mode))
        key_at(app, "2", at + PAUSE_SECONDS * 4)  # pressed once the refusal was read
        await typed(pilot)
        seen.append(app.current_mode)

    fronts, notices, showing = asked_while_behind(laptop, remove)
    assert [front for front in fronts if front == "ConfirmDialog"] == []  # no question, even for a moment
    assert seen == [(True, "inbox"), "reflections"]
    assert refusals(notices) == 2  # at start, then at once at Delete
    assert refusals(showing) == 1  # one toast
    assert state(laptop) == before


def test_removing_a_win_or_a_person_is_not_asked_while_behind(laptop: Device, desktop: Device, url: str) -> None:
    """Delete on the Wins wall ("Remove …?") and in the support circle on Insights ("Take Mum out of your
    support circle?"): neither is asked while behind."""
    from textual.widgets import OptionList

    behind(laptop, desktop, url)
    before = state(laptop)
    areas: list[str] = []

    async def remove(pilot) -> None:  # type: ignore[no-untyped-def]
        from tests.app.test_typed_ahead import typed

        app = pilot.app
        at = time.monotonic()
        for key in ("3", "delete", "5", "delete"):  # pressed apart, each after what the one before did was read
            at += 2
            if key == "delete" and app.current_mode == "insights":
                app.screen.query_one("#people", OptionList).focus()
            elif key == "delete":
                assert app.screen.selected_win is not None
            key_at(app, key, at)
            await typed(pilot)
            if key == "delete":
                areas.append(type(app.screen).__name__)

    fronts, notices, _ = asked_while_behind(laptop, remove)
    assert "ConfirmDialog" not in fronts
    assert areas == ["WinsScreen", "InsightsScreen"]
    assert refusals(notices) == 3  # at start, then at each Delete (looking at the wall is not refused)
    assert state(laptop) == before


def test_an_offer_is_not_asked_while_behind(laptop: Device, desktop: Device, url: str) -> None:
    """o asks first ("Log an offer from Acme?"): not asked while behind."""
    from tests.app.test_hostile_text import select_row

    behind(laptop, desktop, url)
    before = state(laptop)

    async def offer(pilot) -> None:  # type: ignore[no-untyped-def]
        await select_row(pilot, "Acme")
        await pilot.press("o")
        await pilot.pause()

    fronts, notices, _ = asked_while_behind(laptop, offer)
    assert fronts == []
    assert refusals(notices) == 2
    assert state(laptop) == before


def test_reopening_a_closed_application_is_not_asked_while_behind(laptop: Device, desktop: Device, url: str) -> None:
    """s on a withdrawn application asks first whether to reopen it (then the day): not asked while behind."""
    from tests.app.test_hostile_text import select_row

    behind(laptop, desktop, url)
    before = state(laptop)

    async def reopen(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("C")  # closed applications too (showing them writes nothing)
        await pilot.pause()
        await select_row(pilot, "Done Co")
        await pilot.press("s")
        await pilot.pause()

    fronts, notices, _ = asked_while_behind(laptop, reopen)
    assert fronts == []
    assert refusals(notices) == 2
    assert state(laptop) == before


def test_settling_old_history_is_not_asked_while_behind(laptop: Device, desktop: Device, url: str) -> None:
    """The palette's "inbox: settle old history…" asks first: not asked while behind."""
    from tui.actions import applications

    behind(laptop, desktop, url)
    before = state(laptop)

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        assert applications.old_history(pilot.app.journal, TODAY)  # there is history it would ask about
        pilot.app.action_settle_history()
        await pilot.pause()

    fronts, notices, _ = asked_while_behind(laptop, settle)
    assert fronts == []
    assert refusals(notices) == 2
    assert state(laptop) == before


def test_a_merge_is_not_asked_once_the_journal_got_behind_after_its_pick(laptop: Device, desktop: Device, url: str) -> None:
    """The merge's picker does not open while behind (a form that writes); when another device wrote while
    it was up, the question after the pick ("Merge … into Acme?") is not asked either."""
    from tui.screens.fix_dialogs import MergePicker
    from tui.screens.timeline import TimelineScreen

    up_to_date(laptop, desktop, url)
    before = state(laptop)
    fronts: list[str] = []

    async def merge(pilot) -> None:  # type: ignore[no-untyped-def]
        from tests.app.test_hostile_text import select_row

        app = pilot.app
        await select_row(pilot, "Acme")
        await pilot.press("t")
        await pilot.pause()
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen)
        app.screen_change_signal.subscribe(timeline, lambda s: fronts.append(type(s).__name__), immediate=True)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MergePicker)  # up to date: asked which one
        await desktop_writes_now(pilot, laptop, desktop, url)  # while the picker is up
        await pilot.press("enter")  # the first one offered
        # Refused at the pick: back to the timeline (a busy machine takes more than a pause or two to get there).
        await wait_in_app(pilot, lambda: app.screen is timeline, "the pick refused, back to the timeline")

    notices = run_app(laptop, merge)
    assert "ConfirmDialog" not in fronts
    assert refusals(notices) == 1  # at the pick
    assert state(laptop) == before


def test_the_import_s_preview_is_not_shown_once_the_journal_got_behind(laptop: Device, desktop: Device, url: str) -> None:
    """The import's dialog does not open while behind; its preview (whose Enter writes) is not shown either
    when the journal got behind after the file was read."""
    from tui.actions.imports import APP_HINTS, read_import
    from tui.screens.data_dialogs import ImportPreview

    behind(laptop, desktop, url)
    exported = laptop.journal.parent / "desktop.json"
    ok(desktop.onward("export", "json", "-o", str(exported)))
    before = state(laptop)

    async def preview(pilot) -> None:  # type: ignore[no-untyped-def]
        read = read_import("json", exported, journal_path=laptop.journal, today=TODAY, hints=APP_HINTS)
        await pilot.app.push_screen(ImportPreview(read, pilot.app.journal, TODAY))
        await pilot.pause()

    fronts, notices, _ = asked_while_behind(laptop, preview)
    assert fronts == []
    assert refusals(notices) == 2
    assert state(laptop) == before


def test_discarding_a_typed_form_is_still_asked_once_the_journal_got_behind(laptop: Device, desktop: Device, url: str) -> None:
    """A question whose no matters too is asked whatever the journal's state: a form opened while up to date,
    typed in, then another device wrote; Esc still asks "Discard what you typed?" (no goes back to the form,
    whose text can be copied elsewhere), and so does quitting."""
    from tui.screens.application_form import ApplicationForm
    from tui.screens.confirm import ConfirmDialog

    up_to_date(laptop, desktop, url)
    asked: list[str] = []

    async def type_then_leave(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ApplicationForm)
        await pilot.press(*"Zeta")
        await desktop_writes_now(pilot, laptop, desktop, url)
        assert app.current_refusal(writing=False).startswith(WORDS)  # behind now
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        asked.append(app.screen.question)
        await pilot.press("n")  # back to the form
        await pilot.pause()
        assert app.screen is form
        await app.action_quit()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        asked.append(app.screen.question)
        await pilot.press("n")
        await pilot.pause()

    run_app(laptop, type_then_leave)
    assert asked == ["Discard what you typed?", "Quit and discard what you typed in this form?"]
