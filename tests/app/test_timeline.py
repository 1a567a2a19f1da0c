"""Pilot tests for fixing the past in the app (issue 13): the Timeline (t on an application) edits, removes and
merges, each undone with z; and a step logged by hand today is edited or removed from the Inbox's Today row."""

from datetime import timedelta

import pytest
from textual.widgets import Input, TextArea

from tests.app.test_hostile_text import shown
from tests.app.test_inbox import notifications, select
from tests.conftest import TODAY, run_app
from tests.journal_steps import act, add_win, log
from tui.actions import applications, interviews
from tui.app import OnwardApp
from tui.domain.changes import Record
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import ActionKind, OutcomeKind, Stage, Status, WinKind
from tui.screens.confirm import ConfirmDialog
from tui.screens.fix_dialogs import MergePicker, OutcomeForm, StepForm
from tui.screens.inbox import InboxScreen
from tui.screens.timeline import TimelineScreen
from tui.store.repository import Journal
from tui.widgets.lazy_list import LazyList

pytestmark = pytest.mark.usefixtures("pilot_waits_on_signals")  # tests/signals.py

SMALL = (80, 24)


def add(journal: Journal, company: str, days_ago: int, *, role: str = "Analyst", again: bool = False) -> int:
    entry = ApplicationEntry(company=company, role=role, applied_on=TODAY - timedelta(days=days_ago), field="data")
    added = applications.add_application(journal, entry, again=again).id
    assert added is not None
    return added


async def open_timeline(pilot, company: str) -> TimelineScreen:
    await select(pilot, company)
    await pilot.press("t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


async def pick(pilot, screen: TimelineScreen, record: Record, record_id: int) -> None:
    index = next(i for i, entry in enumerate(screen.entries) if (entry.record, entry.id) == (record, record_id))
    screen.query_one("#timeline-list", LazyList).cursor = index
    await pilot.pause()


def listed(screen: TimelineScreen) -> list[tuple[str, str]]:
    return [(entry.kind.value, entry.text) for entry in screen.entries]


async def replace_text(pilot, widget, text: str) -> None:
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await pilot.pause()


def test_the_timeline_tells_the_whole_story_oldest_first_each_line_saying_what_it_is(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 20)
    log(journal, acme, OutcomeKind.FOLLOWED_UP, TODAY - timedelta(days=12), note="Sent a short note")
    log(journal, acme, OutcomeKind.INTERVIEW, TODAY - timedelta(days=5), takes_place_on=TODAY + timedelta(days=3))
    add_win(journal, WinEntry("Good call", WinKind.NETWORKING, TODAY - timedelta(days=4), acme))
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        assert listed(screen) == [
            ("applied", "Acme — Analyst"),
            ("win", "★ Your first application — the hardest one! · milestone · automatic"),
            ("outcome", "followed up"),
            ("step", "followed up · automatic"),
            # The invitation's win on the day it came; the interview itself on the day it takes place (issue 23).
            ("win", "★ Interview invite from Acme · interview invite · automatic"),
            ("win", "★ Good call · networking"),
            ("outcome", "interview · on Mon (2026-11-30) · planned · logged 2026-11-22"),
        ]
        shown(pilot.app, "applied", "Sent a short note", "planned", widget=screen.query_one("#timeline-box"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InboxScreen)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_fix_an_outcome_logged_on_the_wrong_day_and_its_step_follows(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 20)
    log(journal, acme, OutcomeKind.FOLLOWED_UP, TODAY)  # it was three days ago
    event = journal.applications.get(acme).events[0]
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.EVENT, event.id)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, OutcomeForm)
        await replace_text(pilot, form.query_one("#on", Input), "3 days ago")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen, "the form closed once saved"
        journal = pilot.app.journal
        assert journal.applications.event(event.id).on == TODAY - timedelta(days=3)
        step = journal.steps.of_event(event.id)[0]
        assert step.on == TODAY - timedelta(days=3), "the step moved with its outcome"
        assert journal.steps.every(on=TODAY) == [], "today holds no step any more"
        assert [e.on for e in screen.entries if e.kind.value in ("outcome", "step")] == [TODAY - timedelta(days=3)] * 2
        assert screen.selected is not None and screen.selected.id == event.id, "the selection stays on the outcome"
        await pilot.press("z")
        await pilot.pause()
        assert pilot.app.journal.applications.event(event.id).on == TODAY

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_edit_form_shows_and_fixes_the_day_an_interview_was_held_as_onward_edit_event_does(journal_path):
    """Logged Fri 20 Nov, held Mon 23: the form's Day is the 23rd and fixing it moves the day it was held (its
    step too), the outcome still logged the 20th; one still planned shows its day, not to be changed there."""
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 11)
    held = applications.log_outcome(journal, acme, OutcomeKind.INTERVIEW, TODAY - timedelta(days=7), takes_place_on=TODAY - timedelta(days=4)).id
    interviews.attended(journal, held, TODAY)
    planned = applications.log_outcome(journal, acme, OutcomeKind.FINAL_ROUND, TODAY, takes_place_on=TODAY + timedelta(days=4)).id
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.EVENT, held)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, OutcomeForm)
        assert form.query_one("#on", Input).value == (TODAY - timedelta(days=4)).isoformat()
        await replace_text(pilot, form.query_one("#on", Input), "2026-11-24")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen, "the form closed once saved"
        event = pilot.app.journal.applications.event(held)
        assert (event.on, event.takes_place_on) == (TODAY - timedelta(days=7), TODAY - timedelta(days=3))
        assert [a.on for a in pilot.app.journal.steps.of_event(held)] == [TODAY - timedelta(days=3)]
        await pick(pilot, screen, Record.EVENT, planned)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, OutcomeForm)
        day = form.query_one("#on", Input)
        assert day.value == (TODAY + timedelta(days=4)).isoformat() and day.disabled
        await replace_text(pilot, form.query_one("#note", TextArea), "with the CEO")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert pilot.app.journal.applications.event(planned).note == "with the CEO"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_day_that_cannot_be_or_a_day_to_come_is_refused_and_the_form_stays(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 20)
    log(journal, acme, OutcomeKind.REJECTED, TODAY - timedelta(days=1), stage=Stage.APPLICATION)
    event = journal.applications.get(acme).events[0]
    journal.close()

    async def steps(pilot):
        await pilot.press("C")  # closed ones shown (it waits to be reflected on anyway)
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.EVENT, event.id)
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, OutcomeForm)
        await replace_text(pilot, form.query_one("#on", Input), "tomorrow")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form and form.query_one("#field-on").has_class("-invalid")
        await replace_text(pilot, form.query_one("#on", Input), "30 days ago")  # before applying: the action layer says so
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert any("before you applied" in n for n in notifications(pilot.app))
        await replace_text(pilot, form.query_one("#on", Input), TODAY.isoformat())
        form.query_one("#stage").value = Stage.SCREENING.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        changed = pilot.app.journal.applications.event(event.id)
        assert (changed.on, changed.stage) == (TODAY, Stage.SCREENING)
        assert ("outcome", "rejected after screening") in listed(screen)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_remove_an_outcome_then_z_brings_it_back_and_the_inbox_follows(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 10)
    log(journal, acme, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    event = journal.applications.get(acme).events[0]
    journal.close()

    async def steps(pilot):
        inbox = pilot.app.screen
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.EVENT, event.id)
        await pilot.press("delete")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question == f"Remove the screening at Acme on {event.on.isoformat()} and its 1 step and 1 win?"
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert pilot.app.journal.applications.get(acme).status is Status.APPLIED
        assert [kind for kind, _ in listed(screen)] == ["applied", "win"], "the outcome and its win are gone"
        assert inbox.selected_application.status is Status.APPLIED, "the Inbox beneath already follows"
        await pilot.press("z")
        await pilot.pause()
        assert pilot.app.journal.applications.get(acme).status is Status.SCREENING
        assert ("outcome", "screening") in listed(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is inbox
        assert inbox.selected_application.status is Status.SCREENING

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_n_keeps_the_outcome(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 10)
    log(journal, acme, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.EVENT, pilot.app.journal.applications.get(acme).events[0].id)
        await pilot.press("delete", "n")
        await pilot.pause()
        assert pilot.app.screen is screen and len(pilot.app.journal.applications.get(acme).events) == 1

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_merge_a_duplicate_then_z_brings_it_back(journal_path):
    journal = Journal.open(journal_path)
    add(journal, "Birch", 30)
    first = add(journal, "Acme", 12)
    second = add(journal, "acme", 5, again=True)
    log(journal, second, OutcomeKind.SCREENING, TODAY - timedelta(days=1), note="Call with Sam")
    journal.close()

    async def steps(pilot):
        inbox = pilot.app.screen
        screen = await open_timeline(pilot, "Acme")
        assert screen.application_id == first
        await pilot.press("m")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, MergePicker)
        assert [c.id for c in picker.others][0] == second, "the duplicate is offered first"
        await pilot.press("enter")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        # Both named with their applied day: a tester's two "Zeta Health — Data Scientist" read the same.
        assert question.question == (
            "Merge acme — Analyst (applied 2026-11-22) and its 1 outcome, 2 steps and 1 win into Acme — Analyst (applied 2026-11-15)?"
        )
        await pilot.press("y")
        await pilot.pause()
        journal = pilot.app.journal
        assert sorted(a.id for a in journal.applications.every()) == [1, first]
        moved = journal.applications.get(first)
        assert [(e.kind, e.note) for e in moved.events] == [(OutcomeKind.SCREENING, "Call with Sam")]
        assert moved.applied_on == TODAY - timedelta(days=12)
        assert ("outcome", "screening") in listed(screen)
        # Named as the question named them, never by the ids the app does not show.
        assert "Merged acme — Analyst (applied 2026-11-22) into Acme — Analyst (applied 2026-11-15)." in notifications(pilot.app)[-1]
        await pilot.press("escape")
        await pilot.pause()
        in_inbox = [row.application.id for row in inbox.rows if row is not None and row.application is not None]
        assert second not in in_inbox and first in in_inbox
        await pilot.press("z")
        await pilot.pause()
        assert sorted(a.id for a in pilot.app.journal.applications.every()) == [1, first, second]
        assert pilot.app.journal.applications.get(first).events == ()
        in_inbox = [row.application.id for row in inbox.rows if row is not None and row.application is not None]
        assert second in in_inbox

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_an_automatic_step_says_to_fix_its_outcome_instead(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 10)
    log(journal, acme, OutcomeKind.FOLLOWED_UP, TODAY - timedelta(days=2))
    step = journal.steps.of_event(journal.applications.get(acme).events[0].id)[0]
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.ACTION, step.id)
        for key in ("e", "delete"):
            await pilot.press(key)
            await pilot.pause()
            assert pilot.app.screen is screen, "no form and no question for a step Onward logged"
            assert any("instead" in n for n in notifications(pilot.app)), notifications(pilot.app)
            assert not any("id " in n for n in notifications(pilot.app)), notifications(pilot.app)
            pilot.app.clear_notifications()
        assert pilot.app.journal.steps.get(step.id) == step

    run_app(OnwardApp(journal_path, today=TODAY), steps)


async def select_today_step(pilot, note: str) -> None:
    inbox = pilot.app.screen
    listing = inbox.query_one("#inbox-list", LazyList)
    listing.cursor = next(i for i, row in enumerate(inbox.rows) if row is not None and row.text == note)
    await pilot.pause()
    assert inbox.selected_row.action is not None


def test_edit_a_hand_logged_step_from_today_in_the_inbox_and_z_undoes_it(journal_path):
    journal = Journal.open(journal_path)
    act(journal, ActionEntry(ActionKind.NETWORKING, TODAY, note="coffee with Sam"))
    journal.close()

    async def steps(pilot):
        await select_today_step(pilot, "coffee with Sam")
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, StepForm)
        await replace_text(pilot, form.query_one("#note", TextArea), "coffee with Sam and Ada")
        form.query_one("#kind").value = ActionKind.SUPPORT.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InboxScreen)
        (step,) = pilot.app.journal.steps.every(on=TODAY)
        assert (step.kind, step.note) == (ActionKind.SUPPORT, "coffee with Sam and Ada")
        texts = [(row.text, row.hint) for row in pilot.app.screen.rows if row is not None]
        assert ("coffee with Sam and Ada", "✓ reached out for support") in texts
        await pilot.press("z")
        await pilot.pause()
        (step,) = pilot.app.journal.steps.every(on=TODAY)
        assert (step.kind, step.note) == (ActionKind.NETWORKING, "coffee with Sam")

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_delete_on_a_step_of_today_removes_it_after_asking_and_z_brings_it_back(journal_path):
    journal = Journal.open(journal_path)
    act(journal, ActionEntry(ActionKind.LEARNING, TODAY, note="SQL course"))
    journal.close()

    async def steps(pilot):
        await select_today_step(pilot, "SQL course")
        await pilot.press("delete")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question == f"Remove the learning step on {TODAY.isoformat()} (“SQL course”)?"
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.journal.steps.every(on=TODAY) == []
        assert all(row is None or row.text != "SQL course" for row in pilot.app.screen.rows)
        await pilot.press("z")
        await pilot.pause()
        assert [a.note for a in pilot.app.journal.steps.every(on=TODAY)] == ["SQL course"]

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_a_win_is_edited_with_the_win_form_from_the_timeline(journal_path):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 10)
    add_win(journal, WinEntry("Nice chat", WinKind.NETWORKING, TODAY - timedelta(days=1), acme))
    (win,) = [w for w in journal.wins.every() if w.title == "Nice chat"]
    journal.close()

    async def steps(pilot):
        from tui.screens.win_form import WinForm

        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.WIN, win.id)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, WinForm)
        await replace_text(pilot, form.query_one("#title", Input), "Great chat")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert pilot.app.journal.wins.get(win.id).title == "Great chat"
        assert ("win", "★ Great chat · networking") in listed(screen)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


HOSTILE = "[b]x[/]"


def test_hostile_text_shows_literally_in_the_timeline_and_its_forms(journal_path):
    journal = Journal.open(journal_path)
    entry = ApplicationEntry(company=f"Co{HOSTILE}", role=f"Ro{HOSTILE}", applied_on=TODAY - timedelta(days=9), field=f"Fi{HOSTILE}")
    acme = applications.add_application(journal, entry).id
    log(journal, acme, OutcomeKind.SCREENING, TODAY - timedelta(days=2), note=f"Ev{HOSTILE}")
    add_win(journal, WinEntry(f"Wi{HOSTILE}", WinKind.OTHER, TODAY - timedelta(days=1), acme, note=f"Wn{HOSTILE}"))
    event = journal.applications.get(acme).events[0]
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, f"Co{HOSTILE}")
        box = screen.query_one("#timeline-box")
        shown(pilot.app, f"Co{HOSTILE} — Ro{HOSTILE}", f"Fi{HOSTILE}", f"Ev{HOSTILE}", f"Wi{HOSTILE}", f"Wn{HOSTILE}", widget=box)
        await pick(pilot, screen, Record.EVENT, event.id)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        shown(pilot.app, f"Co{HOSTILE}", f"Ev{HOSTILE}", widget=form.query_one(".dialog"))
        await pilot.press("escape")
        await pilot.pause()
        await pick(pilot, screen, Record.EVENT, event.id)
        await pilot.press("delete")
        await pilot.pause()
        shown(pilot.app, f"Co{HOSTILE}", widget=pilot.app.screen.query_one(".dialog"))
        await pilot.press("n")
        await pilot.pause()

    run_app(OnwardApp(journal_path, today=TODAY), steps)


@pytest.mark.parametrize("what", ["timeline", "outcome", "step", "merge"])
def test_the_timeline_and_its_forms_fit_80x24_with_their_buttons_in_sight(journal_path, what):
    journal = Journal.open(journal_path)
    acme = add(journal, "Northwind Health and Social Care Partnership", 40, role="Senior Data Analyst (Reporting)")
    for days in (30, 20, 10, 5):
        log(journal, acme, OutcomeKind.NOTE, TODAY - timedelta(days=days), note="A long note about what was said " * 6)
    log(journal, acme, OutcomeKind.REJECTED, TODAY - timedelta(days=2), stage=Stage.INTERVIEW, note="Kind words")
    act(journal, ActionEntry(ActionKind.NETWORKING, TODAY, note="coffee with Sam"))
    for number in range(30):
        add(journal, f"Company {number}", number % 20)
    journal.close()

    async def steps(pilot):
        if what == "step":
            await select_today_step(pilot, "coffee with Sam")
            await pilot.press("e")
            await pilot.pause()
        else:
            await pilot.press("C")
            screen = await open_timeline(pilot, "Northwind Health and Social Care Partnership")
            if what == "outcome":
                await pick(pilot, screen, Record.EVENT, pilot.app.journal.applications.get(acme).events[-1].id)
                await pilot.press("e")
                await pilot.pause()
            elif what == "merge":
                await pilot.press("m")
                await pilot.pause()
        screen = pilot.app.screen
        frame = screen.query_one("#timeline-box" if what == "timeline" else ".dialog")
        assert screen.region.contains_region(frame.region)
        buttons = {"timeline": ("#edit", "#remove", "#merge", "#back"), "merge": ("#others", ".dialog--hint")}.get(what, ("#save", "#cancel"))
        for button in buttons:
            for widget in screen.query(button):
                assert frame.region.contains_region(widget.region), f"{button} is out of sight"
        if what == "timeline":
            listing = screen.query_one("#timeline-list", LazyList)
            assert listing.region.height >= 8, "room for several entries"
            await pilot.press("end")
            await pilot.pause()
            assert screen.selected.kind.value == "outcome" and screen.selected.text == "rejected after interview"

    run_app(OnwardApp(journal_path, today=TODAY), steps, size=SMALL)


def test_changes_in_the_timeline_redraw_only_what_they_touched_in_the_inbox(journal_path, monkeypatch):
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 10)
    log(journal, acme, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    journal.close()
    full_reads = []

    async def steps(pilot):
        inbox = pilot.app.screen
        monkeypatch.setattr(inbox.reader, "_read_applications", lambda *args: full_reads.append("read"))
        screen = await open_timeline(pilot, "Acme")
        await pick(pilot, screen, Record.EVENT, pilot.app.journal.applications.get(acme).events[0].id)
        await pilot.press("delete", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is inbox and inbox.selected_application.status is Status.APPLIED
        assert full_reads == [], "the Inbox read again only the application the change touched"

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_timeline_counts_its_entries_in_words_that_fit_the_number(journal_path):
    journal = Journal.open(journal_path)
    add(journal, "Solo", 3)
    add(journal, "Busy", 5)
    log(journal, 2, OutcomeKind.SCREENING, TODAY)
    journal.close()
    app = OnwardApp(journal_path, today=TODAY)

    async def steps(pilot):
        screen = await open_timeline(pilot, "Solo")
        shown(pilot.app, "1 entry, oldest first", widget=screen.query_one("#timeline-status"))
        await pilot.press("escape")
        screen = await open_timeline(pilot, "Busy")
        shown(pilot.app, "entries, oldest first", widget=screen.query_one("#timeline-status"))

    run_app(app, steps, size=SMALL)


def test_an_outcome_changed_elsewhere_while_the_timeline_is_open_is_edited_as_it_is_now(journal_path, monkeypatch):
    """The timeline stays drawn while the command line changes an outcome (until the journal watch's next tick,
    held off here): e opens on the outcome as it is now (the form would otherwise show the old note and saving
    would put it back); a deleted one says so."""
    from tui.actions.editing import edit_event, remove_event

    monkeypatch.setattr(OnwardApp, "watch_journal", lambda app: None)

    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 20)
    log(journal, acme, OutcomeKind.FOLLOWED_UP, TODAY - timedelta(days=3))
    log(journal, acme, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    first, second = (e.id for e in journal.applications.get(acme).events)
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        elsewhere = Journal.open(journal_path)
        edit_event(elsewhere, first, note="said by the CLI", today=TODAY)
        await pick(pilot, screen, Record.EVENT, first)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, OutcomeForm)
        assert form.query_one(TextArea).text == "said by the CLI"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        remove_event(elsewhere, second)
        elsewhere.close()
        await pick(pilot, screen, Record.EVENT, second)
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert any("That entry is gone" in n for n in notifications(pilot.app))

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_timeline_follows_the_command_line_and_closes_naming_the_application_it_removed(journal_path):
    from tui.actions.editing import remove_application

    journal = Journal.open(journal_path)
    add(journal, "Acme", 20)
    hooli = add(journal, "Hooli", 10, role="Data Scientist")
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Hooli")
        before = listed(screen)
        elsewhere = Journal.open(journal_path)
        log(elsewhere, hooli, OutcomeKind.SCREENING, TODAY)
        pilot.app.watch_journal()  # what the one-second timer does
        await pilot.pause()
        assert pilot.app.screen is screen and len(listed(screen)) > len(before)
        remove_application(elsewhere, hooli)
        elsewhere.close()
        pilot.app.watch_journal()
        await pilot.pause()
        assert isinstance(pilot.app.screen, InboxScreen)
        said = notifications(pilot.app)
        assert any("Hooli — Data Scientist was removed (in another window or the command line)." in n for n in said)
        assert not any("id " in n for n in said)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_removing_an_entry_gone_elsewhere_says_so_without_an_id(journal_path, monkeypatch):
    from tui.actions.editing import remove_event

    monkeypatch.setattr(OnwardApp, "watch_journal", lambda app: None)  # the timeline not yet redrawn
    journal = Journal.open(journal_path)
    acme = add(journal, "Acme", 20)
    log(journal, acme, OutcomeKind.SCREENING, TODAY - timedelta(days=2))
    (screening,) = (e.id for e in journal.applications.get(acme).events)
    journal.close()

    async def steps(pilot):
        screen = await open_timeline(pilot, "Acme")
        elsewhere = Journal.open(journal_path)
        remove_event(elsewhere, screening)
        elsewhere.close()
        await pick(pilot, screen, Record.EVENT, screening)
        await pilot.press("delete")
        await pilot.pause()
        said = notifications(pilot.app)
        assert any("That outcome is no longer in the journal (removed in another window or the command line)." in n for n in said)
        assert not any("with id" in n for n in said)

    run_app(OnwardApp(journal_path, today=TODAY), steps)


def test_the_merge_picker_lists_the_same_posting_then_the_same_company_then_the_newest():
    """A tester's same-company application sat about 30 rows down a list by applied day."""
    from datetime import date

    from tui.domain.models import ApplicationChoice

    keep = ApplicationChoice(1, "Kestrel Logistics", "Operations Analyst", date(2026, 11, 20))
    others = [
        ApplicationChoice(2, "Newest Co", "Analyst", date(2026, 12, 6)),
        ApplicationChoice(3, "kestrel  logistics", "Ops Analyst (contract)", date(2026, 10, 1)),
        ApplicationChoice(4, "Older Co", "Analyst", date(2026, 9, 1)),
        ApplicationChoice(5, "KESTREL LOGISTICS", "operations analyst", date(2026, 8, 1)),
        ApplicationChoice(6, "Next Co", "Analyst", date(2026, 12, 1)),
    ]
    assert [c.id for c in MergePicker(keep, others).others] == [5, 3, 2, 6, 4]
