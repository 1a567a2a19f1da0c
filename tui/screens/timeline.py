"""Provides the Timeline: one application's whole story, oldest first, where any entry can be edited or removed
and another application merged in. Every change goes through the action layer, so z undoes it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.actions import Done, Refused, applications, editing, wins
from tui.actions.results import found, in_app_words
from tui.actions.as_asked import as_asked
from tui.actions.undo import AsOpened, as_opened
from tui.domain.changes import ApplicationScope, Record
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import Application, ApplicationChoice, OutcomeEvent, ProactiveAction, Reflection, Win
from tui.domain.story import outcome_noun
from tui.domain.text import excerpt, plural, printable
from tui.domain.timeline import EntryKind, TimelineEntry, build_timeline
from tui.screens.area import RedrawnOnWrites
from tui.screens.confirm import ConfirmDialog
from tui.store.database import JournalError
from tui.store.repository import NotFound
from tui.widgets.lazy_list import LazyList
from tui.widgets.onward_access import OnwardAccess

KIND_STYLES = {
    EntryKind.APPLIED: "bold $text-accent",
    EntryKind.OUTCOME: "bold $text-primary",
    EntryKind.STEP: "$text-success",
    EntryKind.REFLECTION: "$text-secondary",
    EntryKind.WIN: "$text-warning",
}
INDENT = " " * 25
"""Where an entry's note starts: under its text, past the day and what it is."""

UNDONE_HINT = "z undoes it while the app is open."
AGAIN_TO_REMOVE = "press Delete again to see what goes"
"""How a remove question refused (what it named changed since it was asked) is asked again, on every screen."""


class TimelineScreen(OnwardAccess, RedrawnOnWrites, ModalScreen[None]):
    """The story of the application `application_id`; `changed(ids)` is told which applications each change
    touched, so the screen beneath redraws only those."""

    CSS_PATH = "timeline.tcss"
    HELP_TITLE = "Timeline"
    HELP_EXTRA = (("↑ ↓", "move between entries"),)
    BINDINGS = [
        Binding("e", "edit", "Edit", id="timeline.edit", tooltip="edit the selected entry"),
        Binding("delete", "remove", "Remove", id="timeline.remove", tooltip="remove the selected entry and what goes with it (asks first; z undoes)"),
        Binding("m", "merge", "Merge", id="timeline.merge", tooltip="merge another application into this one (asks first; z undoes)"),
        Binding("z", "undo", "Undo", id="timeline.undo", tooltip="undo the last change"),
        Binding("escape", "back", "Back", id="timeline.back", tooltip="back to the Inbox"),
    ]

    def __init__(self, application_id: int, *, changed: Callable[[Iterable[int]], None] | None = None) -> None:
        super().__init__()
        self.application_id = application_id
        self.changed = changed
        self.application: Application | None = None
        self.entries: list[TimelineEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="timeline-box"):
            yield Static(id="timeline-title", classes="dialog--title", markup=False)
            yield Static(id="timeline-status", classes="dialog--subtitle", markup=False)
            yield LazyList(id="timeline-list")
            yield Label("e / enter edit · del remove · m merge · z undo · esc back", classes="dialog--hint")
            yield Horizontal(
                Button("Edit  e", id="edit", compact=True),
                Button("Remove  del", id="remove", compact=True),
                Button("Merge  m", id="merge", compact=True),
                Button("Back  esc", id="back", compact=True),
                classes="dialog--buttons",
            )

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#timeline-list", LazyList).focus()

    # Reading and drawing

    def redraw(self, select: tuple[Record, int] | None = None) -> bool:
        """Read this application's story again (only its own records) and draw it, keeping the selection;
        False (and the timeline closes) when the application is no longer in the journal."""
        journal, today = self.onward.journal, self.onward.today
        current = self.selected
        keep = select or ((current.record, current.id) if current else None)
        app: Application | None = None
        try:
            app = journal.applications.get(self.application_id)
            tied = journal.records.tied_to(Record.APPLICATION, app.id)
            steps = [journal.steps.get(i) for i in tied.get(Record.ACTION, [])]
            won = journal.wins.by_id(tied.get(Record.WIN, [])).values()
            self.entries = build_timeline(app, steps, journal.reflections.of_application(app.id), won, today)
        except (Refused, JournalError, LookupError) as error:
            said = str(error)
            if app is None and isinstance(error, NotFound):
                # Removed elsewhere: named (the store's "There is no application with id 4" names an id the app never shows).
                named = excerpt(self.application.title) if self.application is not None else "That application"
                said = f"{named} was removed (in another window or the command line)."
            self.notify(said, severity="warning", markup=False)
            self.dismiss(None)
            return False
        self.application = app
        self.query_one("#timeline-title", Static).update(f"Timeline · {excerpt(app.title, 120)}")
        parts = [app.status.label, app.field, app.source, f"{plural(len(self.entries), 'entry', 'entries')}, oldest first"]
        self.query_one("#timeline-status", Static).update(printable(" · ".join(p for p in parts if p)))
        heights = [2 if entry.detail else 1 for entry in self.entries]
        cursor = next((i for i, e in enumerate(self.entries) if keep and (e.record, e.id) == keep), None)
        listing = self.query_one("#timeline-list", LazyList)
        listing.set_entries(heights, [True] * len(self.entries), self._lines, cursor=cursor)
        return True

    def refresh_view(self) -> None:
        """Another window or the command line wrote to the journal: drawn again (closed, saying so, when the
        application went with it)."""
        if self.is_attached:
            self.redraw()

    def _lines(self, index: int) -> tuple[Content, ...]:
        entry = self.entries[index]
        text = printable(entry.text).split("\n", 1)[0]
        first = Content.assemble(
            (f" {entry.on.isoformat()}  ", "$text-muted"), (f"{entry.kind.value:<12}", KIND_STYLES[entry.kind]), Content(text)
        )
        if not entry.detail:
            return (first,)
        lines = printable(entry.detail).strip().split("\n")
        more = " …" if len(lines) > 1 else ""
        return first, Content.assemble(INDENT, Content.styled(lines[0] + more, "italic $text-muted"))

    @property
    def selected(self) -> TimelineEntry | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#timeline-list", LazyList).cursor
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def _after(self, *touched: int, select: tuple[Record, int] | None = None) -> Callable[[Done], None]:
        """What follows a change: the timeline and the screen beneath redraw, and the change is named."""

        def after(done: Done) -> None:
            if self.changed is not None:
                self.changed(touched or (self.application_id,))
            if self.is_attached:
                self.redraw(select)
            self.notify(done.in_app or done.message, markup=False)

        return after

    # Keys

    @on(LazyList.Selected, "#timeline-list")
    def action_edit(self) -> None:
        entry = self.selected
        if entry is None or self.application is None:
            self.notify("Nothing to edit here.", severity="warning")
            return
        # The form opens on the entry as it is now (another window or the command line may have changed it since
        # it was drawn), its fingerprint taken first: a change landing in between refuses the save, never lost.
        opened = as_opened(self.onward.journal, entry.record, entry.id)
        if not self.redraw():
            return
        now, app = self.selected, self.application
        if now is None or app is None or (now.record, now.id) != (entry.record, entry.id):
            self.notify("That entry is gone (removed in another window or the command line).", severity="warning")
            return
        entry = now
        today = self.onward.today
        if entry.kind is EntryKind.APPLIED:
            self._edit_application(app, opened)
        elif isinstance(entry.subject, OutcomeEvent):
            self._edit_outcome(entry.subject, app, opened)
        elif isinstance(entry.subject, ProactiveAction):
            if entry.automatic:
                # Onward's own step follows what made it: the action layer says which outcome to edit instead.
                self.onward.act(editing.edit_action, entry.id, today=today)
                return
            self._edit_step(entry.subject, opened)
        elif isinstance(entry.subject, Reflection):
            from tui.screens.reflection import open_reflection_editor

            def back(_: object) -> None:
                if self.changed is not None:
                    self.changed((app.id,))
                if self.is_attached:
                    self.redraw()

            open_reflection_editor(self.app, reflection=entry.subject, application=app, callback=back)
        elif isinstance(entry.subject, Win):
            self._edit_win(entry.subject, app, opened)

    def _edit_application(self, app: Application, opened: AsOpened) -> None:
        from tui.screens.application_form import ApplicationForm


        def edit(entry: ApplicationEntry) -> bool:
            done = self.onward.act(applications.edit_application, app.id, entry, opened=opened, after=self._after(app.id))
            return done is not None

        form = ApplicationForm(self.onward.today, app)
        form.submit = edit
        self.app.push_screen(form)

    def _edit_outcome(self, event: OutcomeEvent, app: Application, opened: AsOpened) -> None:
        from tui.screens.fix_dialogs import OutcomeChange, OutcomeForm

        today = self.onward.today
        what = outcome_noun(event.kind)

        def edit(change: OutcomeChange) -> bool:
            done = self.onward.act(
                editing.edit_event, event.id, on=change.on, stage=change.stage, note=change.note, today=today, opened=opened,
                after=self._after(app.id, select=(Record.EVENT, event.id)),
            )
            return done is not None

        form = OutcomeForm(event, app.company, what, today)
        form.submit = edit
        self.app.push_screen(form)

    def _edit_step(self, action: ProactiveAction, opened: AsOpened) -> None:
        from tui.screens.fix_dialogs import StepForm

        today = self.onward.today

        def edit(entry: ActionEntry) -> bool:
            done = self.onward.act(
                editing.edit_action, action.id, kind=entry.kind, on=entry.on, note=entry.note, today=today, opened=opened,
                after=self._after(select=(Record.ACTION, action.id)),
            )
            return done is not None

        form = StepForm(action, today)
        form.submit = edit
        self.app.push_screen(form)

    def _edit_win(self, win: Win, app: Application, opened: AsOpened) -> None:
        from tui.screens.win_form import WinForm

        tied = [app.id] + ([win.application_id] if win.application_id is not None else [])

        def edit(entry: WinEntry) -> bool:
            touched = {app.id} | ({entry.application_id} if entry.application_id is not None else set())
            done = self.onward.act(wins.edit_win, win.id, entry, opened=opened, after=self._after(*touched, select=(Record.WIN, win.id)))
            return done is not None

        choices = self.onward.journal.applications.choices(self.onward.today, including=tied)
        form = WinForm(self.onward.today, choices, win=win)
        form.submit = edit
        self.app.push_screen(form)

    @work(exclusive=True, group="question")
    async def action_remove(self) -> None:
        entry = self.selected
        if entry is None:
            self.notify("Nothing to remove here.", severity="warning")
            return
        journal = self.onward.journal
        if entry.kind is EntryKind.STEP and entry.automatic:
            # Onward's own step goes with what made it: the action layer refuses and says which one.
            self.onward.act(editing.remove_action, entry.id)
            return
        try:
            what = editing.what_goes_with(journal, entry.record, entry.id)
            asked = as_asked(journal, entry.record, entry.id, AGAIN_TO_REMOVE)
        except (Refused, JournalError) as error:
            self.notify(in_app_words(error), severity="warning", markup=False)
            return
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove {what}?", UNDONE_HINT, writes=True)):
            return
        if entry.record is Record.APPLICATION:
            def gone(done: Done) -> None:
                if self.changed is not None:
                    self.changed((entry.id,))
                self.notify(done.message, markup=False)
                self.dismiss(None)

            self.onward.act(editing.remove, entry.record, entry.id, asked=asked, after=gone)
            return
        self.onward.act(editing.remove, entry.record, entry.id, asked=asked, after=self._after(self.application_id))

    @work(exclusive=True, group="question")
    async def action_merge(self) -> None:
        app = self.application
        if app is None:
            return
        from tui.screens.fix_dialogs import MergePicker

        journal, today = self.onward.journal, self.onward.today
        try:
            others = [c for c in journal.applications.choices(today) if c.id != app.id]
        except JournalError as error:
            self.notify(in_app_words(error), severity="warning", markup=False)
            return
        if not others:
            self.notify("There is no other application to merge into this one.", markup=False)
            return
        keep = ApplicationChoice(app.id, app.company, app.role, app.applied_on)
        other = await self.app.push_screen_wait(MergePicker(keep, others))
        if other is None:
            return
        try:
            moving = editing.what_goes_with(journal, Record.APPLICATION, other)
            asks = editing.what_merging_asks(journal, app.id, other, today)
            asked = tuple(as_asked(journal, Record.APPLICATION, i, "press m again to see what moves") for i in (app.id, other))
        except (Refused, JournalError) as error:
            self.notify(in_app_words(error), severity="warning", markup=False)
            return
        question = f"Merge {moving} into {editing.applied_title(app)}?"
        if not await self.app.push_screen_wait(ConfirmDialog(question, f"Everything moves here and the other one goes. {asks} {UNDONE_HINT}", writes=True)):
            return
        self.onward.act(editing.merge_applications, app.id, other, asked=asked, after=self._after(app.id, other))

    def action_undo(self) -> None:
        stack = self.onward.undo_stack
        if not stack:
            self.onward.action_undo()  # says there is nothing to undo
            return
        change, before = stack[-1], len(stack)
        self.onward.action_undo()
        if len(stack) == before:
            return  # not undone (the journal is busy): kept for another try
        touched = [scope.id for scope, _ in change.guard if isinstance(scope, ApplicationScope)]
        if self.changed is not None:
            self.changed(touched)
        self.redraw()

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _button_pressed(self, event: Button.Pressed) -> None:
        # Each button is its key, for the mouse; the worker actions can't take the message themselves.
        event.stop()
        if event.button.id == "edit":
            self.action_edit()
        elif event.button.id == "remove":
            self.action_remove()
        elif event.button.id == "merge":
            self.action_merge()
        elif event.button.id == "back":
            self.action_back()
