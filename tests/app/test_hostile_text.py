"""Pilot sweep: hostile text in every kind of record is shown literally, on every screen and in every dialog (issue 8).

Each payload goes into every text field of every kind of record. The records are written through the action
layer without the forms' input cleaning (as an older journal or an import could hold them), so the display path
is tested on its own. Every check looks at what the terminal would get: the lines the screen renders.

One app run per payload walks every screen and dialog (see SWEPT for which payloads and sizes CI runs, and
ONWARD_HOSTILE_TEXT=all for every one). Markup and control characters are handled the same at any width; wide
text is swept at 80×24. Each area of a run gives its own verdict as its own test, so a problem in a file owned
elsewhere can be marked xfail on its own.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets._toast import Toast

from tests.conftest import SIZE, TODAY
from tests.signals import press, settled
from tui.actions import applications, reflections, steps, support, wins
from tui.app import OnwardApp
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import ActionKind, OutcomeKind, Relation, Stage, WinKind
from tui.domain.reflections import ReflectionEntry
from tui.domain.support import PersonEntry
from tui.domain.text import excerpt, printable, without_escapes
from tui.screens.action_form import ActionForm
from tui.screens.application_form import ApplicationForm
from tui.screens.confirm import ConfirmDialog
from tui.screens.help import HelpScreen
from tui.screens.inbox import InboxScreen
from tui.screens.insights import InsightsScreen
from tui.screens.kind_picker import KindPicker
from tui.screens.lessons import LessonsScreen
from tui.screens.person_form import PersonForm
from tui.screens.reach_out import ReachOutForm
from tui.screens.reflection import ReflectionEditor
from tui.screens.reflections import ReflectionsScreen
from tui.screens.rhythm import RhythmDialog
from tui.screens.stage_picker import StagePicker
from tui.screens.streak import StreakScreen
from tui.screens.win_form import WinForm
from tui.screens.wins import WinsScreen
from tui.store.repository import Journal
from tui.widgets.lazy_list import LazyList, without_control_characters
from tui.widgets.detail_panel import DetailPanel

SMALL = (80, 24)
# Category Cc (U+0000–001F, U+007F–009F) but newline, and the bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unsafe_characters(text: str) -> set[str]:
    """Characters that must never reach the terminal: control characters (but newline) and bidi overrides."""
    return set(UNSAFE.findall(text))


@dataclass(frozen=True)
class Payload:
    """One hostile text, and how it must look."""

    raw: str
    """What is stored."""
    probe: str
    """What must be seen where a field holding `raw` starts: the text itself, less only its control characters."""
    width_matters: bool = False
    """Its look depends on the terminal's width, so a full sweep checks it at 80×24 too."""

    @property
    def typed(self) -> str:
        """What a person can type of it: a keyboard sends no control characters (nor, so, escape sequences)."""
        return UNSAFE.sub("", without_escapes(self.raw))

    @property
    def searched(self) -> str:
        """What a search or filter can match of it: stored text is matched as stored, so up to a control character."""
        return UNSAFE.split(self.raw, maxsplit=1)[0]


PAYLOADS = {
    "close-tag": Payload("[/]", "[/]"),
    "bold-markup": Payload("[b]x[/b]", "[b]x[/b]"),
    "click-action": Payload("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    "link-markup": Payload("[link=http://x]x[/link]", "[link=http://x]x"),
    "ansi-escape": Payload("re\x1b[31md\x1b[0m!", "red!"),  # an escape sequence goes whole, not only its ESC
    "osc-escape": Payload("a\x1b]0;PWNED\x07b\x1b]8;;http://x\x1b\\yz\x1b]8;;\x1b\\", "abyz"),
    "nul": Payload("nu\x00ll", "null"),
    "right-to-left-override": Payload("ab\u202ecd", "abcd"),
    "combining-marks": Payload("e\u0301\u0302o\u0308Z\u0336", "e\u0301\u0302o\u0308Z\u0336", width_matters=True),
    # Two emoji only: Textual blanks a wide character cut by the edge of an overlay (a notification, a menu).
    "200-emoji": Payload("🎉" * 200, "🎉" * 2, width_matters=True),
    "10000-characters": Payload("0123456789" * 1000, "0123456789", width_matters=True),
}

# A sweep costs 5–15 s (Textual draws every screen and dialog, ~4 s of CPU), so CI sweeps one payload of each kind
# of harm: markup that crashes a parser, escapes that reach the terminal, and wide text at the narrow size.
# ONWARD_HOSTILE_TEXT=all sweeps every payload at 100×32, and those whose look depends on width at 80×24 too
# (about two minutes).
if os.environ.get("ONWARD_HOSTILE_TEXT") == "all":
    SWEPT = {name: (SIZE, SMALL) if payload.width_matters else (SIZE,) for name, payload in PAYLOADS.items()}
else:
    SWEPT = {"close-tag": (SIZE,), "osc-escape": (SIZE,), "200-emoji": (SMALL,)}


def hostile_journal(path: Path, p: str) -> Path:
    """Every kind of record, every text field holding `p` after a two-letter tag that names the field.

    Applications: A has a follow-up due, B waits after a screening, C was rejected (to reflect on), D was
    rejected and reflected on (its next step is due today), E was sent today. Actions today and yesterday,
    two wins, and a free-standing reflection whose next step was done yesterday.
    """
    journal = Journal.open(path)

    def application(letter: str, days_ago: int) -> int:
        entry = ApplicationEntry(
            company=f"Co{letter}{p}", role=f"Ro{letter}{p}", applied_on=TODAY - timedelta(days=days_ago),
            field=f"Fi{p}", source=f"So{p}", url=f"Ur{p}", notes=f"No{p}\nNl{p}",
        )
        added = applications.add_application(journal, entry).id
        assert added is not None
        return added

    application("A", 20)
    b = application("B", 14)
    applications.log_outcome(journal, b, OutcomeKind.SCREENING, TODAY - timedelta(days=3))
    c = application("C", 10)
    applications.log_outcome(journal, c, OutcomeKind.REJECTED, TODAY - timedelta(days=2), stage=Stage.SCREENING)
    d = application("D", 12)
    applications.log_outcome(journal, d, OutcomeKind.REJECTED, TODAY - timedelta(days=5), stage=Stage.INTERVIEW)
    application("E", 0)
    # log_outcome cleans its note, so the raw note goes in as an older journal or an import would hold it.
    journal.db.execute("UPDATE events SET note = ?", [f"Ev{p}"])
    steps.log_action(journal, ActionEntry(ActionKind.NETWORKING, TODAY, note=f"Ac{p}\nAl{p}"))
    steps.log_action(journal, ActionEntry(ActionKind.LEARNING, TODAY - timedelta(days=1), note=f"Ay{p}"))
    wins.add_win(journal, WinEntry(f"Wi{p}", WinKind.RESUME_FEEDBACK, TODAY, b, note=f"Wn{p}\nWl{p}"))
    wins.add_win(journal, WinEntry(f"Wo{p}", WinKind.OTHER, TODAY - timedelta(days=40), None, note=f"Wp{p}"))
    reflection = ReflectionEntry(
        mood=2, feelings=(f"fe{p}", "sad"), stage=Stage.INTERVIEW, went_well=f"Ww{p}", do_differently=f"Dd{p}",
        gaps=(f"ga{p}", "sql"), stumbles=f"St{p}", next_step=f"Ns{p}", next_step_on=TODAY, talk_to=f"Tt{p}",
        body=f"Bo{p}\n# He{p}", feedback=f"Fb{p}",
    )
    reflections.save_reflection(journal, reflection, TODAY - timedelta(days=4), application_id=d)
    # A third rejection in the field raises the broaden nudge, naming it and the gaps; the circle holds one person.
    f = application("F", 25)
    applications.log_outcome(journal, f, OutcomeKind.REJECTED, TODAY - timedelta(days=1), stage=Stage.APPLICATION)
    journal.db.execute("UPDATE events SET note = ?", [f"Ev{p}"])
    support.add_person(journal, PersonEntry(f"Pe{p}", Relation.MENTOR, f"Pn{p}"))
    free = ReflectionEntry(mood=4, feelings=(f"ff{p}",), next_step=f"Nd{p}", body=f"Fr{p}")
    free_id = reflections.save_reflection(journal, free, TODAY - timedelta(days=1)).id
    assert free_id is not None
    steps.finish_next_step(journal, free_id, TODAY - timedelta(days=1))
    journal.close()
    return path


# What the terminal gets


def rendered_lines(app, widget: Widget | None = None) -> list[str]:
    """The lines the top screen sends to the terminal, or only `widget`'s part (a dialog's screen shows what is
    behind it too, so dialogs are checked by their `.dialog` box)."""
    strips = app.screen._compositor.render_strips()
    if widget is None:
        return [strip.text for strip in strips]
    region = widget.region
    return [strip.crop(region.x, region.right).text for strip in strips[region.y:region.bottom]]


def shown(app, *probes: str, widget: Widget | None = None) -> None:
    """Each probe is on screen literally (in `widget`, when given) and no control character reaches the terminal
    from there. The screen must have settled (every step below ends with a pause)."""
    where = f"{widget!r} on {app.screen!r}" if widget is not None else repr(app.screen)
    text = "\n".join(rendered_lines(app, widget))
    assert not unsafe_characters(text), f"control characters {unsafe_characters(text)!r} reach the terminal from {where}"
    for probe in probes:
        assert probe in text, f"{probe!r} is not shown literally in {where}:\n{text}"


def notified(app, probe: str) -> None:
    """A notification shows `probe` literally, and none sends control characters; then they are cleared."""
    toasts = list(app.screen.query(Toast))
    assert toasts, "no notification is shown"
    text = "\n".join(line for toast in toasts for line in rendered_lines(app, toast))
    assert not unsafe_characters(text), f"control characters reach the terminal from a notification: {text!r}"
    # Spaces aside: where a notification covers the edge of a widget, Textual blanks the wide characters cut there.
    assert probe.replace(" ", "") in text.replace(" ", ""), f"{probe!r} is not shown literally in the notifications:\n{text}"
    app.clear_notifications()


# Moving about as a person would; each step ends once the screen has settled


async def key(pilot, *keys: str) -> None:
    """Press `keys`, each once the one before it has settled, and wait until the screen shows what the last one
    did, so what is checked next is what is drawn."""
    await press(pilot, *keys)


async def open_dialog(pilot, keys: str, kind: type):
    await key(pilot, *keys.split())
    assert isinstance(pilot.app.screen, kind), f"{keys} opened {pilot.app.screen!r}, not {kind.__name__}"
    return pilot.app.screen


async def close(pilot, kind: type, keys: str = "escape") -> None:
    await key(pilot, *keys.split())
    assert not isinstance(pilot.app.screen, kind), f"{keys} did not close {kind.__name__}"


async def reveal(pilot, widget: Widget) -> Widget:
    """Scroll `widget` into view if it is not (a long form or meter is taller than the terminal)."""
    container = next((node for node in widget.ancestors if isinstance(node, ScrollableContainer)), None)
    if container is not None and not container.region.contains_region(widget.region):
        widget.scroll_visible(animate=False, immediate=True)
        await settled(pilot)
    return widget


def selectable(listing: LazyList) -> list[int]:
    return [index for index in range(listing.entry_count) if listing._selectable[index]]


async def move_to(pilot, listing: LazyList, index: int) -> None:
    listing.cursor = index
    await settled(pilot)


async def select_row(pilot, start: str) -> None:
    """Move the Inbox cursor to the first row whose text starts with `start` (which brings it into view)."""
    screen = pilot.app.screen
    assert isinstance(screen, InboxScreen), f"expected the Inbox, not {screen!r}"
    listing = screen.query_one("#inbox-list", LazyList)
    for index in selectable(listing):
        if screen.rows[index].text.startswith(start):
            await move_to(pilot, listing, index)
            return
    raise AssertionError(f"no row starting {start!r} in the Inbox")


async def show_start(pilot, *boxes: Input) -> None:
    """Move each Input's cursor home, so the start of a long value is in view."""
    for box in boxes:
        box.cursor_position = 0
    await settled(pilot)


# The sweep


class Stopped(Exception):
    """The app stopped (crashed or quit) during an area; the rest of the sweep cannot run."""


@dataclass
class Sweep:
    """What one run found, area by area: the first problem in each, and which areas it reached."""

    payload: Payload
    app: OnwardApp | None
    size: tuple[int, int] = SIZE
    reached: set[str] = field(default_factory=set)
    problems: dict[str, str] = field(default_factory=dict)
    last: str = ""

    @asynccontextmanager
    async def area(self, pilot, name: str) -> AsyncIterator[None]:
        """Check one area: an AssertionError inside is its problem, and whatever it left open is closed;
        the sweep goes on unless the app stopped."""
        app = self.app
        assert app is not None
        if not app.is_running:
            raise Stopped
        self.reached.add(name)
        self.last = name
        depth = len(app.screen_stack)
        try:
            yield
        except AssertionError as error:
            if not app.is_running:
                raise Stopped from error
            self.problems.setdefault(name, f"at {self.size[0]}×{self.size[1]}: {error}")
            while len(app.screen_stack) > depth:
                app.pop_screen()
                await settled(pilot)
            app.clear_notifications()
        if not app.is_running:
            raise Stopped


async def inbox(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe, pilot.app
    screen = app.screen
    assert isinstance(screen, InboxScreen), f"expected the Inbox, not {screen!r}"
    listing = screen.query_one("#inbox-list", LazyList)
    detail = screen.query_one("#detail", DetailPanel)
    async with sweep.area(pilot, "inbox list"):
        shown(app, f"CoA{p}", f"CoB{p}", f"CoC{p}", f"Fi{p}", widget=listing)
        await select_row(pilot, "Wi")  # in Today, at the end
        shown(app, f"Wi{p}", widget=listing)
    if not full:
        return
    companies = set()
    for index in selectable(listing):  # every application's details (a next step shows its application's)
        row = screen.rows[index]
        if row.application is None or row.application.company[2] in companies:
            continue
        await move_to(pilot, listing, index)
        async with sweep.area(pilot, "inbox list"):
            shown(app, widget=listing)
        letter = row.application.company[2]
        companies.add(letter)
        async with sweep.area(pilot, "inbox detail panel"):
            shown(app, f"Co{letter}{p}", widget=detail)
            if not sweep.payload.width_matters:  # else the company alone fills the panel
                shown(app, f"Ro{letter}{p}", f"Ur{p}", f"No{p}", widget=detail)
                if row.application.events:
                    shown(app, f"Ev{p}", widget=detail)
    async with sweep.area(pilot, "inbox detail panel"):
        assert companies == set("ABCDEF"), f"the walk saw only {companies}"
    async with sweep.area(pilot, "inbox list"):
        for start in ("Ns", "Ac", "Wi"):
            await select_row(pilot, start)
            shown(app, f"{start}{p}", widget=listing)
        await pilot.click(LazyList, offset=(6, 4))  # markup such as [@click=app.quit] must not act when clicked
        await key(pilot, "C", "end")  # closed applications too, at the end
        shown(app, f"CoD{p}", widget=listing)
        await key(pilot, "C", "slash")
        box = screen.query_one("#filter", Input)
        try:
            box.value = f"CoB{sweep.payload.searched}"
            await show_start(pilot, box)
            shown(app, f"CoB{sweep.payload.searched[:len(p)]}", widget=box)
            shown(app, f"CoB{p}", widget=listing)
        finally:
            box.value = ""
            await key(pilot, "escape")


async def inbox_notifications(pilot, sweep: Sweep, full: bool) -> None:
    if not full:
        return
    p, app = sweep.payload.probe[:12], pilot.app
    async with sweep.area(pilot, "inbox notifications"):
        await select_row(pilot, "CoA")
        await key(pilot, "s", "enter")  # Enter: no day, it happened today
        notified(app, f"CoA{p}")
        await select_row(pilot, "Ns")
        await key(pilot, "d")
        notified(app, f"Ns{p}")
    async with sweep.area(pilot, "undo notification"):
        await key(pilot, "z")
        notified(app, f"Ns{p}")
    async with sweep.area(pilot, "refusal notification"):
        await select_row(pilot, "CoB")
        await key(pilot, "s")  # B is at screening already
        notified(app, f"CoB{p}")
    async with sweep.area(pilot, "reopen question"):
        await key(pilot, "C")  # closed applications too
        try:
            await select_row(pilot, "CoD")
            question = await open_dialog(pilot, "s", ConfirmDialog)  # D was rejected: reopen it?
            shown(app, f"CoD{p}", widget=question.query_one(".dialog"))
            await close(pilot, ConfirmDialog, "n")
        finally:
            await key(pilot, "C")


async def win_form(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe, pilot.app
    async with sweep.area(pilot, "win form"):
        await select_row(pilot, "CoB")
        form = await open_dialog(pilot, "w", WinForm)
        picker = form.query_one("#application", Select)
        shown(app, f"CoB{p}", widget=picker)
        picker.focus()
        await key(pilot, "enter")  # the list of applications
        shown(app, f"CoA{p}", f"CoB{p}", f"CoE{p}", widget=picker.query_one(OptionList))
        await key(pilot, "escape")
        if not full:
            await close(pilot, WinForm)
            return
        form.query_one("#title", Input).value = f"Ti{sweep.payload.typed[:150]}"
        await close(pilot, WinForm, "ctrl+s")
        notified(app, f"Ti{p[:12]}")


async def application_dialogs(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe, pilot.app
    async with sweep.area(pilot, "edit application form"):
        await select_row(pilot, "CoA")
        form = await open_dialog(pilot, "enter", ApplicationForm)
        boxes = {"company": "CoA", "role": "RoA", "field": "Fi", "source": "So", "url": "Ur"}
        await show_start(pilot, *(form.query_one(f"#{name}", Input) for name in boxes))
        for name, tag in boxes.items():
            shown(app, f"{tag}{p}", widget=form.query_one(f"#{name}", Input))
        shown(app, f"No{p[:12]}", widget=form.query_one("#notes", TextArea))
        await close(pilot, ApplicationForm)
    async with sweep.area(pilot, "stage picker"):
        picker = await open_dialog(pilot, "r", StagePicker)
        shown(app, f"CoA{p}", widget=picker.query_one(".dialog--subtitle"))
        await close(pilot, StagePicker)
    if not full:
        return
    typed = sweep.payload.typed
    async with sweep.area(pilot, "new application form"):
        form = await open_dialog(pilot, "n", ApplicationForm)
        for name in ("company", "role", "field", "source"):
            form.query_one(f"#{name}", Input).value = f"{name[:2]}{typed[:150]}"
        form.query_one("#notes", TextArea).text = f"nn{typed}"
        await settled(pilot)
        shown(app, widget=form.query_one(".dialog"))
        await close(pilot, ApplicationForm, "ctrl+s")
        notified(app, f"co{p[:12]}")
    async with sweep.area(pilot, "action form"):
        form = await open_dialog(pilot, "a", ActionForm)
        form.query_one("#note", Input).value = f"Aa{typed}"
        await settled(pilot)
        shown(app, widget=form.query_one(".dialog"))
        await close(pilot, ActionForm, "ctrl+s")
        await select_row(pilot, "Aa")
        shown(app, f"Aa{p[:12]}", widget=app.screen.query_one("#inbox-list", LazyList))


async def reflection_editor_on_a_rejection(pilot, sweep: Sweep, full: bool) -> None:
    p = sweep.payload.probe
    async with sweep.area(pilot, "reflection editor on a rejection"):
        await select_row(pilot, "CoC")
        editor = await open_dialog(pilot, "e", ReflectionEditor)
        shown(pilot.app, f"CoC{p}", widget=editor.query_one("#reflection-title"))
    if full:
        async with sweep.area(pilot, "tag suggestions"):
            if not isinstance(pilot.app.screen, ReflectionEditor):  # a problem with the title closed it
                editor = await open_dialog(pilot, "e", ReflectionEditor)
            feelings = editor.query_one("#feelings", Input)
            feelings.focus()
            await key(pilot, "f")  # past feelings start with "fe" and "ff": one is suggested
            shown(pilot.app, p[:12], widget=feelings)
            feelings.value = ""
    if isinstance(pilot.app.screen, ReflectionEditor):
        await close(pilot, ReflectionEditor)


async def help_and_palette(pilot, sweep: Sweep, full: bool) -> None:
    app = pilot.app
    async with sweep.area(pilot, "help"):
        help_screen = await open_dialog(pilot, "question_mark", HelpScreen)
        shown(app, "add a new application", widget=help_screen.query_one(".dialog"))  # only the keys' own words
        await close(pilot, HelpScreen)
    async with sweep.area(pilot, "command palette"):
        palette = await open_dialog(pilot, "ctrl+p", CommandPalette)
        palette.query_one(CommandInput).value = sweep.payload.typed[:60]
        await settled(pilot)
        shown(app, sweep.payload.probe[:12], widget=palette.query_one(CommandInput))
        await close(pilot, CommandPalette)


async def reflections_and_lessons(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe, pilot.app
    await key(pilot, "2")
    screen = app.screen
    assert isinstance(screen, ReflectionsScreen), f"2 opened {screen!r}"
    listing = screen.query_one("#reflection-list", LazyList)
    async with sweep.area(pilot, "reflections list"):
        shown(app, f"CoD{p}", f"Bo{p}", f"Fr{p}", widget=listing)
        if full:
            await key(pilot, "slash")
            box = screen.query_one("#search", Input)
            try:
                box.value = f"Bo{sweep.payload.searched}"
                await show_start(pilot, box)
                shown(app, f"Bo{sweep.payload.searched[:len(p)]}", widget=box)
                shown(app, f"CoD{p}", widget=listing)
            finally:
                await key(pilot, "escape")
    async with sweep.area(pilot, "reflection editor title"):
        await move_to(pilot, listing, next(i for i, r in enumerate(screen.shown) if r.application_id is not None))
        editor = await open_dialog(pilot, "enter", ReflectionEditor)
        shown(app, f"CoD{p}", widget=editor.query_one("#reflection-title"))
    async with sweep.area(pilot, "reflection editor fields"):
        if not isinstance(app.screen, ReflectionEditor):  # a problem with the title closed it
            editor = await open_dialog(pilot, "enter", ReflectionEditor)
        inputs = {"feelings": "fe", "gaps": "ga", "next_step": "Ns", "talk_to": "Tt"}
        await show_start(pilot, *(editor.query_one(f"#{name}", Input) for name in inputs))
        areas = {"went_well": "Ww", "do_differently": "Dd", "stumbles": "St", "feedback": "Fb", "body": "Bo"}
        for name, tag in [*inputs.items(), *areas.items()]:
            widget = await reveal(pilot, editor.query_one(f"#{name}"))
            shown(app, f"{tag}{p[:12]}", widget=widget)
    if isinstance(app.screen, ReflectionEditor):
        await close(pilot, ReflectionEditor)
    async with sweep.area(pilot, "lessons"):
        lessons = await open_dialog(pilot, "l", LessonsScreen)
        shown(app, f"ga{p}", f"CoD{p}", widget=lessons.query_one("#lessons-gaps"))
        await close(pilot, LessonsScreen)


async def wins_wall(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe, pilot.app
    await key(pilot, "3")
    wall = app.screen
    assert isinstance(wall, WinsScreen), f"3 opened {wall!r}"
    listing = wall.query_one("#wall", LazyList)
    async with sweep.area(pilot, "wins wall"):
        shown(app, f"Wi{p}", f"CoB{p}", f"Wn{p}", f"Screening call with CoB{p}"[:40], widget=listing)
        index, column = next(
            (i, c) for i in selectable(listing) for c in range(len(wall.rows[i])) if wall.win_at(i, c).title.startswith("Wi")
        )
        await move_to(pilot, listing, index)
        wall.column = column  # the card beside, as → selects it
        shown(app, f"Wi{p}", widget=listing)
    async with sweep.area(pilot, "win edit form"):
        form = await open_dialog(pilot, "enter", WinForm)
        title = form.query_one("#title", Input)
        await show_start(pilot, title)
        shown(app, f"Wi{p}", widget=title)
        shown(app, f"CoB{p}", widget=form.query_one("#application", Select))
        await close(pilot, WinForm)
    async with sweep.area(pilot, "confirm dialog"):
        confirm = await open_dialog(pilot, "delete", ConfirmDialog)
        shown(app, f"Wi{p[:12]}", widget=confirm.query_one(".dialog"))
        if full:
            await close(pilot, ConfirmDialog, "y")
            try:
                notified(app, f"Wi{p[:12]}")
            finally:
                await key(pilot, "z")  # the win comes back for what follows
                app.clear_notifications()  # undo's own notification is checked in the Inbox
        else:
            await close(pilot, ConfirmDialog, "n")
    async with sweep.area(pilot, "kind picker"):
        picker = await open_dialog(pilot, "k", KindPicker)
        shown(app, "All kinds", widget=picker.query_one(".dialog"))  # kinds only: no user text of its own
        await close(pilot, KindPicker)
        shown(app, f"Wi{p}", widget=listing)


async def streak_meter(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe[:12], pilot.app
    await key(pilot, "4")
    meter = app.screen
    assert isinstance(meter, StreakScreen), f"4 opened {meter!r}"
    day = meter.query_one("#day", Static)
    async with sweep.area(pilot, "heatmap day line"):
        await key(pilot, "home")  # today
        shown(app, f"Ac{p}", widget=await reveal(pilot, day))
        await key(pilot, "up")  # yesterday: a learning step, a reflection, a next step done
        shown(app, f"Ay{p}", f"Nd{p}", widget=await reveal(pilot, day))
    async with sweep.area(pilot, "rhythm dialog"):
        dialog = await open_dialog(pilot, "t", RhythmDialog)
        shown(app, "Your rhythm", widget=dialog.query_one(".dialog"))  # settings only: no user text of its own
        await close(pilot, RhythmDialog)


async def support_and_insights(pilot, sweep: Sweep, full: bool) -> None:
    p, app = sweep.payload.probe[:12], pilot.app
    async with sweep.area(pilot, "inbox nudge and talk reminder"):
        inbox_screen = app.screen
        assert isinstance(inbox_screen, InboxScreen)
        shown(app, f"Fi{p}", widget=inbox_screen.query_one("#nudge", Static))
        await select_row(pilot, "Talk to Tt")
        shown(app, f"Tt{p}", widget=inbox_screen.query_one("#inbox-list", LazyList))
    async with sweep.area(pilot, "reach out dialog"):
        dialog = await open_dialog(pilot, "c", ReachOutForm)
        shown(app, f"Tt{p}", widget=dialog.query_one(".dialog"))
        await close(pilot, ReachOutForm)
    await key(pilot, "5")
    insights_screen = app.screen
    assert isinstance(insights_screen, InsightsScreen), f"5 opened {insights_screen!r}"
    async with sweep.area(pilot, "insights nudge, plan and circle"):
        shown(app, f"Fi{p}", widget=await reveal(pilot, insights_screen.query_one("#nudges", Static)))
        shown(app, f"ga{p}", widget=await reveal(pilot, insights_screen.query_one("#gaps", OptionList)))
        shown(app, f"Pe{p}", widget=await reveal(pilot, insights_screen.query_one("#people", OptionList)))
    async with sweep.area(pilot, "person form"):
        insights_screen.query_one("#people", OptionList).focus()
        form = await open_dialog(pilot, "e", PersonForm)
        await show_start(pilot, *form.query(Input).results(Input))
        shown(app, f"Pe{p}", widget=form.query_one(".dialog"))
        await close(pilot, PersonForm)


AREAS: list[Callable[[object, Sweep, bool], Awaitable[None]]] = [
    inbox, inbox_notifications, win_form, application_dialogs, reflection_editor_on_a_rejection, help_and_palette,
    reflections_and_lessons, wins_wall, streak_meter, support_and_insights,
]
VERDICTS = [
    "inbox list", "inbox detail panel", "inbox notifications", "undo notification", "refusal notification",
    "reopen question", "win form",
    "edit application form", "stage picker", "new application form", "action form",
    "reflection editor on a rejection", "tag suggestions", "help", "command palette", "reflections list", "reflection editor title",
    "reflection editor fields", "lessons", "wins wall", "win edit form", "confirm dialog", "kind picker", "heatmap day line", "rhythm dialog",
    "inbox nudge and talk reminder", "reach out dialog", "insights nudge, plan and circle", "person form",
]


async def back_to_the_inbox(pilot) -> None:
    """Close whatever an area left open and go back to the Inbox."""
    app = pilot.app
    app.clear_notifications()
    if isinstance(app.screen, InboxScreen):
        return
    while len(app.screen_stack) > 1:
        app.pop_screen()
        await settled(pilot)
    await key(pilot, "1")


def run_sweep(path: Path, payload: Payload, sizes: tuple[tuple[int, int], ...]) -> Sweep:
    """Open every screen and dialog on the journal at `path`, fully at the first size and again at the others;
    run_test re-raises whatever crashed the app."""
    app = OnwardApp(path, today=TODAY)
    sweep = Sweep(payload, app, sizes[0])

    async def main() -> None:
        # run_test leaves notifications and tooltips out unless asked; they show user text too.
        async with app.run_test(size=sizes[0], notifications=True, tooltips=True) as pilot:
            await settled(pilot)
            try:
                for size in sizes:
                    if size != sweep.size:
                        sweep.size = size
                        await pilot.resize_terminal(*size)
                    for area in AREAS:
                        await area(pilot, sweep, size == sizes[0])
                        await back_to_the_inbox(pilot)
            except Stopped:
                sweep.problems[sweep.last] = "the app quit"

    try:
        asyncio.run(main())
    except Exception as error:  # run_test re-raises what crashed the app: the area it was in gets the blame
        sweep.problems[sweep.last] = f"the sweep stopped here: {type(error).__name__}: {error}"
    sweep.app = None
    return sweep


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory, request) -> Callable[[str], Sweep]:
    """The sweep of each payload, run once at its first verdict (pytest would rerun a parametrized fixture), and
    once in the whole run: the suite's workers steal tests from each other (pyproject: --dist worksteal), so a
    payload's verdicts can land on two or three workers, and each swept again (~10 s of CPU each time). Under
    pytest-xdist the first worker to ask sweeps and writes what it found to the run's shared temporary folder;
    one asking meanwhile waits for it on a lock (no timer) and reads it."""
    done: dict[str, Sweep] = {}
    # A worker's base temporary folder sits in one made for this run, shared by the workers.
    shared = tmp_path_factory.getbasetemp().parent if hasattr(request.config, "workerinput") else None

    def swept(name: str) -> Sweep:
        path = hostile_journal(tmp_path_factory.mktemp("hostile") / "journal.db", PAYLOADS[name].raw)
        return run_sweep(path, PAYLOADS[name], SWEPT[name])

    def sweep_of(name: str) -> Sweep:
        if name in done:
            return done[name]
        if shared is None:
            done[name] = swept(name)
            return done[name]
        found = shared / f"hostile-text-{name}.json"
        with open(shared / f"hostile-text-{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when closed, or when the worker dies
            if found.exists():
                kept = json.loads(found.read_text(encoding="utf-8"))
                done[name] = Sweep(PAYLOADS[name], None, SWEPT[name][-1], set(kept["reached"]), kept["problems"], kept["last"])
            else:
                sweep = done[name] = swept(name)
                written = found.with_suffix(".partial")
                written.write_text(json.dumps({"reached": sorted(sweep.reached), "problems": sweep.problems, "last": sweep.last}), encoding="utf-8")
                written.replace(found)
        return done[name]

    return sweep_of


# Problems known and not yet fixed, each named where it is (strict: a fix shows as XPASS). None left.
KNOWN: dict[str, tuple[set[str], str]] = {}


def cases():
    for name in SWEPT:
        for verdict in VERDICTS:
            marks = []
            for known_verdict, (names, reason) in KNOWN.items():
                if known_verdict == verdict and name in names:
                    marks.append(pytest.mark.xfail(strict=True, reason=reason))
            yield pytest.param(name, verdict, id=f"{name}-{verdict.replace(' ', '-')}", marks=marks)


@pytest.mark.parametrize(("payload", "verdict"), list(cases()))
def test_hostile_text_is_shown_literally(sweeps, payload: str, verdict: str):
    sweep = sweeps(payload)
    assert verdict not in sweep.problems, sweep.problems[verdict]
    assert verdict in sweep.reached, f"{verdict} was never reached; {sweep.last} stopped the app: {sweep.problems.get(sweep.last)}"


# The helpers the screens rely on


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_printable_removes_exactly_what_must_not_reach_the_terminal(payload: Payload):
    shown = printable(payload.raw)
    assert not unsafe_characters(shown)
    assert shown.startswith(payload.probe)
    assert printable("line one\n\tline two") == "line one\n    line two"


def test_a_list_never_sends_control_characters_whatever_it_is_given():
    from textual.app import App, ComposeResult
    from textual.content import Content

    class OneList(App[None]):
        def compose(self) -> ComposeResult:
            yield LazyList()

    async def main() -> None:
        app = OneList()
        async with app.run_test(size=(40, 3)) as pilot:
            line = Content.assemble(("Co\x1b]0;PWNED\x07", "bold"), "[/]\x00\u202e!")
            app.query_one(LazyList).set_entries([1], [True], lambda index: [line])
            await pilot.pause()
            shown(app, "Co]0;PWNED[/]!")

    asyncio.run(main())


def test_a_list_takes_control_characters_out_and_keeps_the_styles():
    from textual.content import Content

    line = Content.assemble(("Co\x1b[31m", "bold"), "red\x00\u202e!")
    shown = without_control_characters(line)
    assert shown.plain == "Co[31mred!"
    assert [(span.start, span.end, str(span.style)) for span in shown.spans] == [(0, 2, "bold"), (2, 6, "bold")]


def test_an_excerpt_is_one_printable_line_cut_with_an_ellipsis():
    assert excerpt("Acme\x1b[31m\nsecond line") == "Acme"
    assert excerpt("0123456789" * 1000, 12) == "01234567890…"
    assert excerpt("[b]x[/b]") == "[b]x[/b]"
