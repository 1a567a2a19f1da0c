"""Provides OnwardApp: the Textual application, its modes and keys. What the command palette and help list is in
tui/palette.py; what quitting asks first, in tui/quitting.py."""

from __future__ import annotations

import asyncio
import gc
import importlib
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from tui.actions import Done, LooksLikeDuplicate, NeedsReopen, Refused, steps
from tui.actions.results import in_app_words
from tui.actions.undo import undo
from tui.domain.attention import settle_question
from tui.domain.changes import Undo
from tui.domain.models import OutcomeKind
from tui.domain.text import number, shown_path
from tui.screens.help import HelpScreen
from tui import textual_compat
from tui.palette import OnwardCommands, key_groups, onward_commands
from tui.paths import local_today, utc_now
from tui.quitting import forms_with_typed_text, handle_quit_signals, quit_or_ask
from tui.replica_watch import REPLICA_CHECK_SECONDS, ReplicaWatch
from tui.screens.area import AreaScreen, RedrawnOnWrites
from tui.screens.inbox import OUTCOME_DAY_HINT, InboxScreen, outcome_day_title
from tui.screens.confirm import ConfirmDialog
from tui.typed_ahead import TypedAhead
from tui.actions import backups
from tui.actions.journals import looking_only, open_journal
from tui.store.database import JournalError
from tui.store.files import FileRefused
from tui.widgets.screen_tabs import AREAS
from tui.widgets.scroll_bars import keep_scroll_bars
from tui.idle_collect import LOOK_EVERY_SECONDS, collect_if_idle
from tui.journal_health import JournalHealth
from tui.widgets.refusals import say_not_saved, say_refusal
from tui.widgets.toasts import ToastsShowing, hold_earlier_toasts_ahead, show_toasts_in_front_only, toast_raised
from tui.widgets.write_forms import not_opened, writes_the_journal

if TYPE_CHECKING:
    from tui.actions.imports import Imported
    from tui.screens.interview_dialogs import DayAnswer, DayQuestion

T = TypeVar("T")

HERE = Path(__file__).resolve().parent

LOCK_WAIT_MS = 250
"""How long a write waits for another writer: short, so a locked journal never freezes the screen."""

DAY_QUESTION_AFTER_SECONDS = 0.1
"""How long after the first paint (without a key) the day question is built: the first s, i or f finds it."""
IDLE_SECONDS = 1.0
"""Start-up's other work done ahead (the day's backup, loading and building the areas, the whole-history
reads) waits until the app has had no key or click for this long, and looks again before each step: a key
typed in the first second, or in a burst, never runs into it (issue 26)."""
SETTLE_SECONDS = 0.05
"""How long an area drawn ahead is left before its parts' lines are drawn ahead (`AreaScreen.settle_ahead`):
the layouts its widgets ask for after their first one arrive meanwhile, so the lines are drawn at their size."""

WARM_UP_MODULES = (
    "tui.screens.wins", "tui.screens.reflections", "tui.screens.streak", "tui.screens.insights",
    "tui.screens.reflection", "tui.screens.stage_picker", "tui.screens.interview_dialogs",
    "tui.screens.action_form", "tui.screens.application_form", "tui.screens.reach_out",
)
"""Modules kept out of the first paint (the areas behind 2–5, the forms and the editor: ~60 ms of imports)
and loaded while the user reads the Inbox, so a first visit or a first form does not pay for them."""

AREAS_AHEAD = ("reflections", "wins", "streak", "insights")
"""The areas built off screen once the first paint's background work is done (the Inbox is the first)."""
DAY_QUESTION = "day-question"
"""The name the day question is installed under (kept between questions, see `OnwardApp.day_question`)."""


WATCH_SECONDS = 1.0
"""How often the app checks whether another window or the command line changed the journal."""


def _reflections() -> Screen:
    # The areas behind 2–5 load on their first visit, not before the Inbox's first paint (~15 ms together).
    from tui.screens.reflections import ReflectionsScreen

    return ReflectionsScreen()


def _wins() -> Screen:
    from tui.screens.wins import WinsScreen

    return WinsScreen()


def _streak() -> Screen:
    from tui.screens.streak import StreakScreen

    return StreakScreen()


def _insights() -> Screen:
    from tui.screens.insights import InsightsScreen

    return InsightsScreen()


class OnwardApp(App[None]):
    """Onward on one journal file; `today` fixes the day (tests, demos), else the local date is used."""

    # Every screen's stylesheet is read with the app's (~6 ms, parsed once): a screen whose CSS arrived only on
    # its first showing made Textual re-parse and re-style every node of every screen then (~40 ms a first
    # visit or first dialog), and left the order of equal rules to the order screens were visited in.
    CSS_PATH = ["app.tcss", *sorted(path.relative_to(HERE).as_posix() for path in (HERE / "screens").glob("*.tcss"))]
    TITLE = "Onward"
    MODES = {"inbox": InboxScreen, "reflections": _reflections, "wins": _wins, "streak": _streak, "insights": _insights}
    COMMANDS = {OnwardCommands}  # Textual's system commands, a word typed whole first (tui/palette.py)
    BINDINGS = [
        Binding("1", "switch_mode('inbox')", "Inbox", id="app.inbox", show=False, tooltip="go to the Inbox"),
        Binding("2", "switch_mode('reflections')", "Reflections", id="app.reflections", show=False, tooltip="go to the reflections"),
        Binding("3", "switch_mode('wins')", "Wins", id="app.wins", show=False, tooltip="go to the wins wall"),
        Binding("4", "switch_mode('streak')", "Streak", id="app.streak", show=False, tooltip="go to the streak meter"),
        Binding("5", "switch_mode('insights')", "Insights", id="app.insights", show=False, tooltip="go to the insights"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="show every key"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="quit (everything is already saved)"),
        # A text field takes ? and q as letters: these work there too, and the key bar shows them there.
        Binding("f1", "help", "Help", id="app.help_anywhere", show=False, key_display="F1", tooltip="show every key (in a text field too)"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit_anywhere", show=False, priority=True, tooltip="quit (in a text field too)"),
    ]

    after_warm_up: Callable[[], None] | None = None
    """Called once start-up's work done ahead is finished: the launcher freezes what it made (ten years of
    remembered reads, the areas built ahead) out of the collector's walks there (tui/launch.py); never set in
    a test, where every app built in one process must be collected once it has run."""

    def __init__(self, db_path: Path, today: date | None = None, *, backup_as_it_ends: bool = False) -> None:
        # The launcher freezes what imports made out of the collector (tui/launch.py); an app never does, so
        # every app built in one process (the tests) is collected once it has run.
        super().__init__()
        keep_scroll_bars()  # drawn once per look, not through Rich on each layout
        self.journal = open_journal(Path(db_path), reading=True)  # one that can't be written is looked at only
        self.journal.wait_for_lock_at_most(LOCK_WAIT_MS)
        self._seen_version: int | None = None
        self._fixed_today = today
        self.generation = 0
        """Counts changes to the journal seen by this app (its own writes, undos, other writers'), so an
        area shown again redraws only when something changed."""
        self.undo_stack: list[Undo] = []
        """This run's changes, newest last: z undoes them one by one."""
        self.open_editors: set = set()
        """Editors holding text; each is flushed before the app quits, however it quits."""
        self._quitting = False
        """Set from q until the app is gone (or a question about quitting is up): input is dropped meanwhile."""
        self.keys_typed = 0
        """How many keys have arrived: a form tells what was typed into it from what it started with."""
        self.replica = ReplicaWatch(self)
        """Litestream copying the journal while the app is open, and whether the journal may write."""
        self.typed_ahead = TypedAhead(self, super().on_event)
        """Keys typed faster than the app acts, each handed on once the key before it has settled."""
        self._last_input = time.monotonic()
        """When the last key or click came (at first, the first paint): see `_idle`."""
        self.daily_backup_begun = not backup_as_it_ends
        """Whether the day's automatic backup was begun (`JournalHealth.daily_backup`); if not by the end, it is
        written then (the launcher's app: `backup_as_it_ends`; the tests' many short-lived apps leave it to their own test)."""
        self.health = JournalHealth(self)
        """Whether the journal reads soundly (looked at once the first paint is done) and its daily backup."""
        self.toasts = ToastsShowing()
        """The notifications showing: one said again replaces itself rather than stacking (`notify`)."""

    @property
    def today(self) -> date:
        return self._fixed_today or local_today()

    def on_mount(self) -> None:
        chosen = self.journal.settings().theme
        if chosen in self.available_themes:
            self.theme = chosen
        if self.is_web:
            from tui.web import BROWSER_KEYS

            self.set_keymap(BROWSER_KEYS)  # keys the browser keeps for itself get another
        self.switch_mode("inbox")
        self.typed_ahead.started()  # keys typed while the app started go to the Inbox once it is up
        self.call_after_refresh(self.theme_changed_signal.subscribe, self, self._theme_chosen)
        show_toasts_in_front_only(self)
        if self.journal.read_only:  # said once as it opens, and again by each write refused
            self.notify(looking_only(self.journal), title="Read-only journal", severity="warning", timeout=30, markup=False)
        handle_quit_signals(self, True)
        self._seen_version = self.journal_version()
        self.set_interval(WATCH_SECONDS, self.watch_journal)
        self.set_interval(REPLICA_CHECK_SECONDS, self.replica.ask_again)
        self.set_interval(WATCH_SECONDS, self.replica.restart_if_ended)
        self.set_interval(LOOK_EVERY_SECONDS, lambda: collect_if_idle(time.monotonic() - self._last_input, IDLE_SECONDS))
        self.call_after_refresh(self.replica.start)
        self.call_after_refresh(self.run_worker, self._warm_up(), group="warm-up", exit_on_error=False)

    async def _warm_up(self) -> None:
        """Once the Inbox is up: build the day question, then, each step only once the app has been idle
        (`_idle`), the day's backup, the modules the first paint left out (one at a time in a thread; one
        already imported costs nothing), the areas' whole-history reads and the areas themselves."""
        self._last_input = time.monotonic()  # the first paint: the person starts reading (and typing) now
        await self._idle(DAY_QUESTION_AFTER_SECONDS)
        self.health.start()  # in a thread: a damaged journal says so before anything is typed into it
        await self._build_day_question()  # ~25 ms: a key a person types at the first paint is s, i or f
        await self._idle(IDLE_SECONDS)
        await self.health.daily_backup()  # a copy of ten years is ~80 ms of CPU in a thread: not while keys come
        for name in WARM_UP_MODULES:
            if name not in sys.modules:
                await self._idle(IDLE_SECONDS)
                await asyncio.to_thread(importlib.import_module, name)
        # Then the whole-history reads behind the areas (on ten years ~140 ms together, one at a time):
        # a first visit finds them remembered. The connection is this thread's, so they run here.
        for area in AreaScreen.__subclasses__():
            await self._idle(IDLE_SECONDS)
            try:
                area.read_ahead(self.journal, self.today)
            except JournalError:
                return  # the journal is busy or unreadable: the visit itself will say so
        # And the areas themselves, built and styled off screen (each ~5–15 ms of Textual's compose and CSS,
        # one at a time): a first visit then costs what a second one does, its redraw from the journal.
        for mode in AREAS_AHEAD:
            await self._idle(IDLE_SECONDS)
            await self._build_ahead(mode)
        # The full collection all of that made due (~30 ms on ten years) runs now, while idle, rather than in
        # whichever first visit or key comes next.
        await self._idle(IDLE_SECONDS)
        gc.collect()
        if self.after_warm_up is not None:
            self.after_warm_up()

    async def _idle(self, seconds: float) -> None:
        """Until no key or click has come for `seconds` (nor since the first paint): work done ahead yields
        to input, one step at a time, so a key at any moment costs what it does once the app is warm."""
        while (wait := self._last_input + seconds - time.monotonic()) > 0:
            await asyncio.sleep(wait)

    async def _build_ahead(self, mode: str) -> None:
        """Compose and mount `mode`'s screen without showing it (through tui.textual_compat): the area draws
        itself from the journal when it is first shown (tests/app/test_first_visits.py checks it is reused)."""
        make = self.MODES[mode]
        if isinstance(make, str) or textual_compat.has_mode_screen(self, mode) or textual_compat.is_closing(self):
            return  # an installed screen's name, shown (or being shown) already, or quitting
        screen = make()
        await textual_compat.build_mode_ahead(self, mode, screen)
        if isinstance(screen, AreaScreen) and screen.DRAWN_AHEAD:
            await self._idle(IDLE_SECONDS)  # drawing it is a step of its own
            if not textual_compat.is_closing(self):
                try:
                    screen.draw_ahead()
                except JournalError:
                    return  # the journal is busy or unreadable: the visit itself draws it, and says so
                await asyncio.sleep(SETTLE_SECONDS)  # the layouts drawing it asked for arrive meanwhile
                await self._idle(IDLE_SECONDS)
                if not textual_compat.is_closing(self):
                    screen.settle_ahead()

    def day_question(
        self, title: str, hint: str, *, optional: bool, submit: Callable[[DayAnswer], bool] | None = None
    ) -> DayQuestion:
        """The question of which day something takes place, asking `title`: one dialog built once and asked
        again (composing and styling it took ~25 ms of every s, i, f, m and U), its field empty. `submit`:
        writes the answer while the question is up (see `Dialog.submit`); without it the answer is returned."""
        from tui.screens.interview_dialogs import DayQuestion

        if not self.is_screen_installed(DAY_QUESTION):
            self.install_screen(DayQuestion(title, hint, self.today, optional=optional), DAY_QUESTION)
        question = self.get_screen(DAY_QUESTION, DayQuestion)
        if question.is_mounted:
            question.ask(title, hint, self.today, optional=optional)
        else:  # built with these words when first shown
            question.title_text, question.hint, question.today, question.optional = title, hint, self.today, optional
        question.submit = submit
        return question

    async def _build_day_question(self) -> None:
        """Compose and style the day question off screen (as `_build_ahead` does an area): the first s, i or
        f of the session opens it as quickly as the later ones."""
        if self.is_screen_installed(DAY_QUESTION) or textual_compat.is_closing(self):
            return
        # Built with the words s asks most (a company's name of usual length): shown, it moves no line.
        question = self.day_question(outcome_day_title(OutcomeKind.SCREENING, "Company 00000"), OUTCOME_DAY_HINT, optional=True)
        hold_earlier_toasts_ahead(question)  # styled with the class its opening gives it
        await textual_compat.build_screen_ahead(self, question)

    def current_refusal(self, *, writing: bool = True) -> str:
        """Why a write is refused at this moment ('' when it may): the journal can't be written (`looking_only`) or
        is behind its replica. `writing=False`: asked before a form opens, not a write (`ReplicaWatch.refusal_now`)."""
        return looking_only(self.journal) or self.replica.refusal_now(writing=writing)

    def action_import_data(self) -> None:
        """Choose a file, see what it adds, import it off the screen's thread (the palette's "data: import…")."""
        if self._refused():
            return  # it writes through its own connection, past act
        from tui.screens.data_dialogs import ImportDialog, ImportPreview  # loaded when first used

        dialog = ImportDialog(self.journal.path, self.today)

        def chosen(read: object) -> None:
            if read is not None:
                preview = ImportPreview(read, self.journal, self.today, previewed=dialog.previewed)  # type: ignore[arg-type]
                self.push_screen(preview, imported)

        def imported(done: Imported | None) -> None:
            if done is not None:
                self.remember(Undo("an import", (), (), not_undone=done.take_back))
                self.notify(done.message, title="Imported", timeout=10, markup=False)
                self.watch_journal()  # written through its own connection: redraw now, not on the next tick

        self.push_screen(dialog, chosen)

    def action_settle_history(self) -> None:
        """Settle old history in bulk (the palette's "inbox: settle old history…"), after asking; z undoes it."""
        from tui.actions import applications

        going = applications.old_history(self.journal, self.today)
        if not going:
            self.attempt(applications.settle_history, self.today)  # says why there is nothing to settle
            return

        def answered(yes: bool | None) -> None:
            if yes and self.act(applications.settle_history, self.today, after=None) is not None:
                self.notify(f"Settled {number(len(going))} as history. z undoes.", markup=False)
                if isinstance(self.screen, AreaScreen):
                    self.screen.refresh_view()

        question, detail = settle_question(going)  # `onward settle` asks the same
        self.push_screen(ConfirmDialog(question, f"{detail} z undoes.", writes=True), answered)

    def action_export_data(self, kind: str = "json") -> None:
        """Write the journal, its reflections or its applications to a file (the palette's "data: export…")."""
        from tui.screens.data_dialogs import ExportDialog

        def exported(path: Path | None) -> None:
            if path is None:
                return
            if self.is_web:
                self.notify(f"{shown_path(path.name)} is on its way to your browser's downloads.", title="Exported", markup=False)
            else:
                self.notify(f"Exported to {shown_path(path)}.", markup=False)  # the command line's words; said once

        self.push_screen(ExportDialog(self.journal, self.today, kind=kind, download=self.is_web, now=utc_now), exported)

    def action_backup_now(self) -> None:
        """Write a backup to the backups folder beside the journal (the palette's "data: backup now")."""
        self.run_worker(self._backup_now(), group="backups", exit_on_error=False)

    async def _backup_now(self) -> None:
        try:
            written = await asyncio.to_thread(backups.write_backup, self.journal.path, today=self.today)
        except (JournalError, FileRefused, OSError) as error:
            self.notify(str(error), title="Not backed up", severity="error", timeout=12, markup=False)
            return
        self.notify(f"Backed up to {shown_path(written)}", title="Backup", markup=False)

    def _theme_chosen(self, theme: Theme) -> None:
        """A theme picked in the palette is kept in the journal's settings for the next start."""
        self.attempt(steps.remember_theme, theme.name)

    def quit_on_signal(self) -> None:
        """Save what the editors hold and quit, asking nothing (the terminal may be gone). Keys still on their
        way are dropped: run after a hang-up, a backlog of area switches kept the exit waiting past a second."""
        self._quitting = True
        self.typed_ahead.drop_waiting()
        self.flush_editors()
        self.exit()

    def on_unmount(self) -> None:
        self.flush_editors()  # however the app ends, what an editor holds is written first
        self.health.backup_as_it_ends()
        handle_quit_signals(self, False)
        self.journal.close()
        self.replica.stop()

    def journal_version(self) -> int | None:
        try:
            return self.journal.data_version()
        except JournalError:
            return None  # locked for the moment: look again on the next tick

    def watch_journal(self) -> None:
        """Redraw the screen in front when another window or the command line has written to the journal."""
        if not self.screen_stack or textual_compat.is_closing(self):  # a tick as the app closes: no screen to redraw
            return
        version = self.journal_version()
        if version is None or version == self._seen_version:
            return
        self._seen_version = version
        self.generation += 1
        # A dialog or editor in front is left alone but the timeline; the area under it redraws when it comes back.
        if isinstance(self.screen, (AreaScreen, RedrawnOnWrites)):
            self.screen.refresh_view()
        if self.replica.refusal:  # `onward pull` may have brought it up to date: asked again (and copying starts)
            self.replica.start()

    async def settle_input(self) -> None:
        """Let keys typed just before a priority key (Ctrl+Q, Ctrl+S) reach their widgets first."""
        for _ in range(100):
            pumps = [pump for pump in (self.screen.focused, self.screen) if pump is not None]
            if all(pump.message_queue_size == 0 for pump in pumps):
                return
            await asyncio.sleep(0)

    def flush_editors(self) -> bool:
        """Save (or keep as a draft) whatever each open editor holds; False if any could not be written."""
        return all([editor.flush() for editor in list(self.open_editors)])

    async def on_event(self, event: events.Event) -> None:
        # Keys typed after q (say "qn" in one go) would open a form while Textual closes the screens: dropped.
        if self._quitting and isinstance(event, events.InputEvent):
            return
        if isinstance(event, (events.Key, events.MouseDown)) and textual_compat.arriving(event):
            self._last_input = time.monotonic()  # work done ahead waits for the app to be idle (`_idle`)
        if isinstance(event, (events.Key, events.Paste)) and textual_compat.arriving(event):
            if isinstance(event, events.Key):
                self.keys_typed += 1
            # Handed on in turn: a key typed right after one that opens a form goes into the form's first field
            # (Textual alone hands it to whatever was focused as it arrived: the Inbox's list).
            await self.typed_ahead.arrived(event)
            return
        await super().on_event(event)

    async def action_quit(self) -> None:
        """Quit (q, Ctrl+Q, the palette), saving whatever an editor still holds and asking about unsaved forms."""
        self._quitting = True
        try:
            await quit_or_ask(self)
        finally:
            self._quitting = textual_compat.is_closing(self)  # asked instead (a question is up): keys work again

    async def action_switch_mode(self, mode: str) -> None:
        """1–5: another area, through `go_to`."""
        self.go_to(mode)

    def go_to(self, mode: str) -> None:
        """Show another area (1–5, the palette's go: commands), never leaving a form behind on the one left:
        the dialogs open in front (forms, questions, the timeline) are closed first, as Esc would, and a form
        holding typed text asks first. An import being written is left to finish. A full screen under them
        (the reflection editor, which saves as it goes; Lessons) stays, as a place in its area."""
        if mode == self.current_mode:
            return
        stack = self.screen_stack
        stay = len(stack)
        while stay > 1 and isinstance(stack[stay - 1], ModalScreen):
            stay -= 1
        under, above = stack[stay - 1], stack[stay:]
        if not above:
            self.switch_mode(mode)
            return
        if any(getattr(screen, "busy_question", None) for screen in above):
            self.notify("An import is being written; go on once it has finished.", severity="warning", markup=False)
            return
        title = next(area.title for area in AREAS if area.mode == mode)

        def leave(go: bool | None = True) -> None:
            if go and self.current_mode != mode:
                under.pop_until_active()  # each dialog closes as on Esc: its question gets no answer
                self.call_later(self.switch_mode, mode)

        if any(screen in above for screen in forms_with_typed_text(self)):
            question = ConfirmDialog(f"Discard what you typed and go to the {title}?", "n / esc goes back to the form.", enter_says_no=True)
            self.push_screen(question, leave)
            return
        leave()

    def act(self, action: Callable[..., Done], *args: Any, after: Callable[[Done], None] | None = None, **kwargs: Any) -> Done | None:
        """Run one user action from the action layer and remember its undo for z.

        A refusal is shown kindly and returns None; so is a journal that can't be written (each action is one
        transaction, so a failed one changed nothing). An outcome that would reopen a closed application asks
        first and, on yes, runs again with reopen=True and calls `after` with the result.
        """
        if self._refused():
            return None
        try:
            done = action(self.journal, *args, **kwargs)
        except NeedsReopen as question:
            def answered(reopen: bool | None) -> None:
                if reopen:
                    done = self.act(action, *args, reopen=True, **kwargs)
                    if done is not None and after is not None:
                        after(done)

            self.push_screen(ConfirmDialog(question.question, question.hint, writes=True), answered)
            return None
        except LooksLikeDuplicate as duplicate:
            def again(yes: bool | None) -> None:
                if yes:
                    done = self.act(action, *args, again=True, **kwargs)
                    if done is not None and after is not None:
                        after(done)

            self.push_screen(ConfirmDialog(duplicate.question, duplicate.hint, writes=True, enter_says_no=True), again)
            return None
        except Refused as refusal:
            say_refusal(self, refusal)  # in the form being saved when it has a line for it (the day question)
            return None
        except JournalError as error:
            say_not_saved(self, str(error))  # in the form being saved too (a journal locked by another program)
            return None
        if done.undo is not None:
            self.remember(done.undo)  # counts the change for the areas' redraw too
        if after is not None:
            after(done)
        return done

    def attempt(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run one write that is not undone with z (marking wins seen, keeping a draft); reports failures."""
        if self._refused():
            return None
        try:
            return write(self.journal, *args, **kwargs)
        except Refused as refusal:
            self.notify(in_app_words(refusal), severity="warning", markup=False)
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=12, markup=False)
        return None

    def _refused(self, *, writing: bool = True) -> bool:
        """Whether writes are refused now (the journal is behind its replica), saying so."""
        refusal = self.current_refusal(writing=writing)
        if refusal:
            say_refusal(self, refusal)
        return bool(refusal)

    def push_screen(
        self, screen: Screen[Any] | str, callback: Any = None, wait_for_dismiss: bool = False, *, mode: str | None = None
    ) -> Any:
        """Show `screen` in front. A form that writes the journal (`writes_the_journal`) does not open while the
        journal is behind its replica: the refusal is said at once, not at Save after a whole form was typed, and
        keys typed after the one that asked for it (meant for its fields) are dropped rather than taken as keys."""
        if writes_the_journal(screen) and self._refused(writing=False):
            self.typed_ahead.drop_burst()
            return not_opened(self.screen, wait_for_dismiss)
        if wait_for_dismiss:
            return super().push_screen(screen, callback, wait_for_dismiss=True, mode=mode)
        return super().push_screen(screen, callback, mode=mode)

    def remember(self, change: Undo) -> None:
        """Keep a change so z can undo it; saves of one reflection in a row are kept as one change."""
        self.generation += 1
        top = self.undo_stack[-1] if self.undo_stack else None
        if top is not None and change.coalesce_key is not None and top.coalesce_key == change.coalesce_key:
            self.undo_stack[-1] = top.then(change)
        else:
            self.undo_stack.append(change)

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification, over a dialog that held back the toasts shown before it too (`toast_raised`,
        asked in the app's turn just ahead of Textual's own: both go by message, so from a thread as well); the
        same words still showing on the screen in front are said once, not stacked (`ToastsShowing`)."""
        self.call_later(toast_raised, self)
        self.toasts.say(self, super().notify, message, title=title, severity=severity, timeout=timeout, markup=markup)

    def clear_notifications(self) -> None:
        self.toasts.forget()
        super().clear_notifications()

    def action_undo(self) -> None:
        """Undo the newest change of this run (if nobody changed its records since) and redraw."""
        if not self.undo_stack:
            self.notify("Nothing to undo in this session.")
            return
        if self._refused():
            return
        change = self.undo_stack[-1]
        if change.not_undone:
            self.notify(change.not_undone, markup=False)
            return
        try:
            done = undo(self.journal, change)
        except Refused as refusal:
            self.undo_stack.pop()  # it can never apply now; the next z tries the change before it
            self.notify(str(refusal), severity="warning", markup=False)
            return
        except JournalError as error:
            self.notify(str(error), title="Not undone", severity="error", timeout=12, markup=False)
            return  # kept, so z can try again
        self.undo_stack.pop()
        self.generation += 1
        if isinstance(self.screen, AreaScreen):
            self.screen.refresh_after_undo(change)
        self.notify(done.message, markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(key_groups(self, self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from onward_commands(self, screen)
