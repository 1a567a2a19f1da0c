"""Provides the reflection editor: guided fields above a Markdown body, saved as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from time import monotonic

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList, Suggester
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TextArea

from tui.widgets.keybar import KeyBar
from tui.actions import Refused, reflections
from tui.actions.results import ChangedSince
from tui.actions.undo import as_opened
from tui.domain.entries import EntryError
from tui.domain.models import Application, ApplicationLabel, Reflection, Stage
from tui.domain.text import clean_line, excerpt, printable
from tui.domain.changes import Record
from tui.domain.reflections import TYPED_OVER, check_reflection, draft_key, editor_values, tag_suggestions, usable_draft
from tui.store.database import JournalError
from tui.store.repository import NotFound
from tui.screens.confirm import ConfirmDialog
from tui.screens.share_dialog import ShareDialog
from tui.widgets.onward_access import OnwardAccess
from tui.widgets.shown import show
from tui.screens.reflection_fields import FIELDS, FIRST, REST, EditorField, build_fields, fill_field, read_field
from tui.screens.reflection_elsewhere import MERGES_IN_A_ROW, AsLastSeen, choice_question, removed_message, said_about
from tui.widgets.forms import clear_fixed_problems
from tui.widgets.mood import MoodPicker
from tui.widgets.tags import TagSuggester
from tui.widgets.streak_badge import StreakBadge

AUTOSAVE_SECONDS = 1.0
MAX_UNSAVED_SECONDS = 3.0

NOTHING_TO_SHARE = "Nothing to share yet: pick a mood and the reflection saves — then you can ask someone about it."


class ReflectionEditor(OnwardAccess, Screen[None]):
    """Edits one reflection (new when `reflection` is None), tied to `application` when given.

    It opens even while the journal is behind its replica, when the forms do not (tui/widgets/write_forms.py):
    what is typed then is kept as a draft in this journal (`save`), and `onward pull` carries the draft over."""

    HOLDS_EARLIER_TOASTS = True
    """The toasts up when it opens (the kind words after a rejection, `e` pressed at once) stay on the Inbox, shown
    again there when it is back: over the editor they covered the right half of its questions as one typed
    (`tui.widgets.toasts`). Those said while it is open (a save refused) show over it."""

    CSS_PATH = "reflection.tcss"
    HELP_TITLE = "Reflection"
    HELP_EXTRA = (
        ("1–5", "set the mood (on the mood row; ← → too)"),
        ("tab", "next field"),
        ("→", "accept the suggested tag"),
    )
    AUTO_FOCUS = "#mood"
    BINDINGS = [
        Binding("ctrl+s", "save_now", "Save", id="reflection.save", priority=True, tooltip="save now"),
        Binding("escape", "back", "Back", id="reflection.back", tooltip="save and go back"),
        Binding(
            "ctrl+t", "share", "Ask advice", id="reflection.share",
            tooltip="ask someone for advice: copy a short summary of this reflection",
        ),
        Binding(
            "ctrl+r", "take_theirs", "Take theirs", id="reflection.take_theirs",
            tooltip="take the other window's words where both changed this reflection",
        ),
    ]

    def __init__(
        self, *, reflection: Reflection | None = None, application: Application | None = None, focus: str = "mood"
    ) -> None:
        """`focus` names the field to open on: "feedback" once the employer has replied."""
        if focus not in FIELDS:
            raise ValueError(f"{focus!r} is not a field of the reflection editor")
        super().__init__()
        self.reflection = reflection
        self.application = application
        self.first_focus = focus
        self.dirty = False
        self._loading = True
        self._timer: Timer | None = None
        self._dirty_since = 0.0
        self._written: dict | None = None
        """What the journal holds for this editor (saved or as a draft); None until loaded."""
        self._fields: dict[str, EditorField] = {}
        """The questions built so far, by name: FIRST with the editor, REST right after its first frame."""
        self._unbuilt: dict = {}
        """What the questions not built yet hold, as `values()` reads them."""
        self._suggest: dict[str, Suggester] = {}
        self._seen = AsLastSeen()
        """The reflection as this editor last loaded or saved it, and what another window did to it since."""

    @property
    def WRITES_THE_JOURNAL(self) -> bool:  # noqa: N802 (the name tui/widgets/write_forms.py asks every screen)
        """A new reflection on a journal looked at only is refused as a form is (nothing typed there could be
        kept, not even as a draft); one already written opens, to be read."""
        return self.reflection is None and bool(self.onward.journal.read_only)

    @property
    def draft_key(self) -> str:
        """Where unsaveable text is kept: one draft per reflection, per application, or for a new one."""
        return draft_key(self.reflection.id if self.reflection else None, self.application.id if self.application else None)

    def _stored(self) -> dict:
        """What the editor opens with, as `values()` reads it: the reflection as saved, its stage (or the stage
        the application was rejected at) and empty fields for a new one."""
        return editor_values(self.reflection, self._rejected_at())

    def _rejected_at(self) -> Stage | None:
        rejection = self.application.rejection if self.application is not None else None
        return rejection.stage if rejection is not None else None

    def _read_stored(self) -> dict:
        """The reflection as the journal holds it now (the row a list shows may predate another window's change),
        remembered as what this editor's saves start from; `_stored()` then."""
        self._seen = AsLastSeen()
        if self.reflection is not None:
            journal = self.onward.journal
            self._seen.opened = as_opened(journal, Record.REFLECTION, self.reflection.id)
            try:
                self.reflection = journal.reflections.get(self.reflection.id)
            except NotFound:
                pass  # removed just now: its first save says so, and keeps what is typed
        self._seen.base = self._stored()
        return dict(self._seen.base)  # a copy: what the editor fills in must not change what it started from

    def _suggesters(self) -> dict[str, Suggester]:
        """Feelings and gaps named before, and the people in the circle, as the fields suggest them."""
        journal = self.onward.journal
        past = journal.reflections.every()
        return {
            "feelings": TagSuggester(tag_suggestions(r.feelings for r in past)),
            "gaps": TagSuggester(tag_suggestions(r.gaps for r in past)),
            "talk_to": SuggestFromList([clean_line(person.name) for person in journal.steps.people()], case_sensitive=False),
        }

    def _asks_stage(self) -> bool:
        # A free-standing reflection has no application that got anywhere, so it is not asked.
        return self.application is not None

    def _asks_feedback(self) -> bool:
        # An employer's reply belongs to an application; a free-standing reflection asks only when it holds one.
        return self.application is not None or bool(self.reflection and self.reflection.feedback) or self.first_focus == "feedback"

    def compose(self) -> ComposeResult:
        # Only the top of the editor (the mood and the feelings) is composed with it, so its first frame costs
        # what a plain screen's does; the other questions are mounted right after that frame (`_build_rest`),
        # and keys typed meanwhile wait for them (tui/typed_ahead.py waits for the screen to settle).
        self._unbuilt = self._read_stored()
        self._suggest = self._suggesters()
        self._fields = build_fields(FIRST, self._unbuilt, self._suggest)
        with Horizontal(id="reflection-header"):
            yield Static(self._title(), id="reflection-title")
            yield Static("", id="save-state")
            yield StreakBadge()
        # Not a focus stop of its own: Tab and Shift+Tab visit only the fields, each scrolled into view.
        with VerticalScroll(id="reflection-fields", can_focus=False):
            for field in self._fields.values():
                yield from field.parts()
        yield KeyBar()

    async def _build_rest(self) -> None:
        """Mount the questions below the first ones, filled with what the editor holds for them."""
        # Filling them is not typing: built in here, they post no Changed message as they mount (which would
        # reach the editor after it has loaded and mark it unsaved).
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            rest = build_fields(REST, self._unbuilt, self._suggest)
        self._fields.update(rest)
        self._unbuilt = {}
        rest["stage"].display = self._asks_stage()
        rest["feedback"].display = self._asks_feedback()
        await self.query_one("#reflection-fields", VerticalScroll).mount_all([part for field in rest.values() for part in field.parts()])

    def _title(self) -> Content:
        if self.application is None:
            return Content.styled("A reflection", "bold")
        app = self.application
        stage = app.rejection.stage.label if app.rejection and app.rejection.stage else None
        suffix = f" · rejected after {stage}" if stage else ""
        return Content.assemble(("Reflecting on ", "bold"), (excerpt(app.title), "bold $text-accent"), suffix)

    def on_mount(self) -> None:
        self._opened()

    def reopen(self, *, reflection: Reflection | None = None, application: Application | None = None, focus: str = "mood") -> None:
        """Make this closed editor what `ReflectionEditor(reflection=…, application=…, focus=…)` would be: its
        widgets are filled in place instead of composed again (composing them made opening the editor 4× a
        plain screen). Call before pushing it."""
        if focus not in FIELDS:
            raise ValueError(f"{focus!r} is not a field of the reflection editor")
        self._stop_timer()
        self.reflection = reflection
        self.application = application
        self.first_focus = focus
        self.dirty = False
        self._loading = True
        self._dirty_since = 0.0
        self._written = None
        self._suggest = self._suggesters()
        for name, suggester in self._suggest.items():
            if name in self._fields:
                widget = self._fields[name].widget
                assert isinstance(widget, Input)
                widget.suggester = suggester
        show(self.query_one("#reflection-title", Static), self._title())
        if "stage" in self._fields:
            self._fields["stage"].display = self._asks_stage()
            self._fields["feedback"].display = self._asks_feedback()
        # Filling the fields is not typing: no Changed message may mark the editor unsaved.
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed, MoodPicker.Changed):
            self._apply(self._read_stored())
        self._show_problems({})
        self.query_one(StreakBadge).refresh_streak()
        self.query_one("#reflection-fields", VerticalScroll).scroll_home(animate=False)
        self.set_focus(None)  # pushing it focuses the mood row, as on a new editor
        self._opened()

    @property
    def is_open(self) -> bool:
        """Whether the editor is on a screen stack of any mode (shown, or under a dialog of its own)."""
        app = self.app
        for mode in {app.current_mode, *app.MODES}:
            try:
                if self in app.get_screen_stack(mode):
                    return True
            except KeyError:  # a mode not visited yet has no stack
                continue
        return False

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _opened(self) -> None:
        self.onward.open_editors.add(self)
        # What is stored may not be what this editor wrote (an import, an older Onward): a field of the wrong
        # type is left out rather than crashing the editor, and escape codes never reach the screen.
        kept = self.onward.journal.reflections.draft(self.draft_key)
        draft = usable_draft(kept)
        if draft:
            self._apply(draft)
            self.dirty = True
            self._draft_opened(kept)
        self._show_state()
        self.call_after_refresh(self._loaded)

    async def _loaded(self) -> None:
        if not self._all_built():
            await self._build_rest()
            self.call_after_refresh(self._loaded)  # laid out first, so the field opened on scrolls into view
            return
        self._loading = False
        field = self._fields[self.first_focus]
        if self.first_focus != "mood" and field.display:
            # After the first layout, so the field is scrolled into view with its prompt above it.
            field.widget.focus(scroll_visible=False)
            shown = field.label.virtual_region.union(field.widget.virtual_region_with_margin)
            self.query_one("#reflection-fields", VerticalScroll).scroll_to_region(shown, animate=False)
        if not self.dirty:
            self._written = self.values()

    def _all_built(self) -> bool:
        return len(self._fields) == len(FIELDS)

    def _apply(self, values: dict, names: tuple[str, ...] = FIELDS) -> None:
        for name in names:
            if name in self._fields:
                fill_field(self._fields[name], values.get(name))
            else:  # not built yet (only ever questions of REST: a stage or text)
                value = values.get(name)
                self._unbuilt[name] = (value or None) if name == "stage" else (value or "")

    def values(self) -> dict:
        """Everything in the editor, exactly as typed."""
        return {name: read_field(self._fields[name]) if name in self._fields else self._unbuilt[name] for name in FIELDS}

    # Saving

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(MoodPicker.Changed)
    def _changed(self) -> None:
        if self._loading:
            return
        clear_fixed_problems(self._fields.values(), lambda: check_reflection(today=self.onward.today, **self.values()))
        now = monotonic()
        if not self.dirty:
            self._dirty_since = now
        self.dirty = True
        self._show_state()
        # Saved a second after a pause, and at the latest every few seconds while typing goes on, so a
        # closed terminal or a crash mid-paragraph loses seconds of text, not the paragraph.
        if self._timer is not None and now - self._dirty_since < MAX_UNSAVED_SECONDS:
            self._timer.stop()
            self._timer = None
        if self._timer is None:
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self.save)

    def save(self, merges_left: int = MERGES_IN_A_ROW) -> bool:
        """Save what is typed; when it can't be saved yet, keep it as a draft. True once saved."""
        self._stop_timer()
        if not self.dirty or not self.is_mounted:
            return True
        values = self.values()
        journal = self.onward.journal
        try:
            refusal = self.onward.current_refusal()
            if refusal and journal.read_only:  # looked at only: not even a draft can be kept; leaving asks first
                self._show_state("looking")
                self.notify(refusal, severity="warning", markup=False)
                return False
            if refusal:
                # Behind its replica: what is typed is kept as a draft in this journal (never lost), not saved as
                # a reflection; Litestream does not copy a journal that is behind, so the replica is untouched,
                # and `onward pull` keeps the journal it replaces (…-diverged.db) when it held more.
                self._keep_draft(values)
                self._written = values
                self._show_state("draft")
                self.notify(refusal, title="Kept as a draft", severity="warning", markup=False)
                return False
            if self._seen.held:  # changed or removed elsewhere: nothing is written until the person chooses
                self._keep_draft(values)
                self._written = values
                self._show_state()
                return False
            try:
                entry = check_reflection(today=self.onward.today, **values)
            except EntryError as error:
                self._keep_draft(values)
                self._written = values
                self._show_problems(error.problems.by_field)
                self._show_state("draft")
                return False
            try:
                done = reflections.save_reflection(
                    journal, entry, self.onward.today,
                    reflection_id=self.reflection.id if self.reflection else None,
                    application_id=self.application.id if self.application and not self.reflection else None,
                    opened=self._seen.opened if self.reflection else None,
                )
            except ChangedSince as change:
                if change.removed:
                    return self._removed_elsewhere(values)
                return self._changed_elsewhere(editor_values(entry, self._rejected_at()), merges_left)
            reflections.drop_draft(journal, self.draft_key)
        except (JournalError, Refused) as error:
            # Still dirty: the next pause, Ctrl+S or leaving tries again; the text stays on screen meanwhile.
            self._show_state("failed")
            self.notify(str(error), title="Not saved", severity="error", timeout=12, markup=False)
            return False
        if done.undo is not None:
            self.onward.remember(done.undo)
        self.query_one(StreakBadge).refresh_streak()
        assert done.id is not None
        self.reflection = journal.reflections.get(done.id)
        self._seen = AsLastSeen(done.as_saved, editor_values(entry, self._rejected_at()))
        self._written = values
        self.dirty = False
        self._show_problems({})
        self._show_state()
        return True

    # Another window's change

    def _changed_elsewhere(self, mine: dict, merges_left: int) -> bool:
        """Another window (or the command line) changed the reflection since this editor loaded or saved it:
        its changes to fields this window left alone are taken, and the save tried again; where both changed a
        field, nothing is written and this window's words are kept as a draft until the person chooses."""
        base = self._seen.base
        if self._other_version(mine, self._read_stored(), base):
            return self.save()
        if merges_left == 0:  # another window writing all the time: tried again on the next pause
            self._show_state("failed")
            return False
        return self.save(merges_left - 1)

    def _draft_opened(self, kept: Any) -> None:
        """A draft of a saved reflection opened (typed before a quit, say, while another window changed it too):
        the other window's changes since are merged in, or held where both changed a field."""
        over = usable_draft(kept.get(TYPED_OVER)) if isinstance(kept, dict) else {}
        if self.reflection is None or not over:
            return
        try:
            mine = editor_values(check_reflection(today=self.onward.today, **self.values()), self._rejected_at())
        except EntryError:
            mine = self.values()
        self._other_version(mine, self._seen.base, {**self._seen.base, **over})

    def _other_version(self, mine: dict, theirs: dict, base: dict) -> bool:
        """Show `theirs` where only they changed the reflection since `base`, say so, and hold where both did;
        True when held."""
        taken = self._seen.met(mine, theirs, base)
        self._take(theirs, taken)
        self.refresh_bindings()
        if self._seen.clashes or taken:
            message, title, severity, timeout = said_about(taken, self._seen.clashes)
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)
        return bool(self._seen.clashes)

    def _removed_elsewhere(self, values: dict) -> bool:
        """Another window (or the command line) removed the reflection: what is typed becomes a new reflection's
        draft (for its application, while that is there), saved as one only on Ctrl+S."""
        self.reflection = None
        if self.application is not None:
            try:
                self.onward.journal.applications.get(self.application.id)
            except NotFound:
                self.application = None
        self._seen = AsLastSeen(removed=True)
        self.notify(removed_message(self.application is not None), title="Removed elsewhere", severity="warning", timeout=20, markup=False)
        return self.save()

    def _keep_draft(self, values: dict) -> None:
        """Keep what is typed as a draft; for a saved reflection, with the reflection as this editor last had it,
        so an editor opening the draft after another window changed the reflection merges, not writes over it."""
        kept = {**values, TYPED_OVER: self._seen.base} if self.reflection is not None else values
        reflections.keep_draft(self.onward.journal, self.draft_key, kept)
        self.onward.generation += 1  # a change of this app's: the Inbox, shown again, points at the draft

    def _take(self, theirs: dict, names: tuple[str, ...]) -> None:
        """Show the other window's words in the fields `names` (filling them, not typing: no autosave of its own)."""
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed, MoodPicker.Changed):
            self._apply(theirs, names)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self._seen.clashes) if action == "take_theirs" else True

    def action_take_theirs(self, keep_mine: bool = False, then_leave: bool = False) -> None:
        """Where both windows changed the reflection, take the other window's words, or (`keep_mine`) save this
        window's over them; asked first."""
        clashes = self._seen.clashes
        if not clashes:
            return

        def answered(yes: bool | None) -> None:
            if yes and self._seen.clashes == clashes:
                if not keep_mine:
                    self._take(self._seen.theirs, clashes)
                self._seen.clashes, self._seen.theirs = (), {}
                self.refresh_bindings()
                self.dirty = True
                if self.save() and then_leave:
                    self.dismiss(None)

        self.app.push_screen(ConfirmDialog(*choice_question(clashes, keep_mine, then_leave), enter_says_no=True), answered)

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field in self._fields.values():
            field.show_error(problems.get(field.field_name))

    def _show_state(self, problem: str | None = None) -> None:
        """Show "kept as a draft" or "not saved" for a problem, else unsaved, saved or new."""
        state = self.query_one("#save-state", Static)
        # `show`: a state that reads as before is not drawn (and laid out) again, as on most reopenings.
        if self._seen.removed:
            show(state, Content.styled("● removed in another window — ctrl+s: save as new", "$text-warning"))
        elif self._seen.clashes:
            show(state, Content.styled("● changed in another window — not saved", "$text-warning"))
        elif problem == "failed":
            show(state, Content.styled("● not saved — will retry", "$text-error"))
        elif problem == "looking":
            show(state, Content.styled("● not saved — looking only", "$text-warning"))
        elif problem == "draft":
            show(state, Content.styled("● kept as a draft", "$text-warning"))
        elif self.dirty:
            show(state, Content.styled("● unsaved", "$text-warning"))
        else:
            show(state, Content.styled("✓ saved" if self.reflection else "new", "$text-success"))

    def flush(self) -> bool:
        """Save (or keep as a draft) anything not yet written; False when the journal could not take it.
        Called before the editor closes and before the app quits.

        Compares what is on screen with what was written rather than trusting `dirty`: a key typed just
        before Ctrl+Q has changed the field while its Changed message is still on its way.
        """
        if not self.is_mounted or self._loading:
            return True
        if self.dirty or self.values() != self._written:
            self.dirty = True
            self.save()
        return self.values() == self._written

    async def action_save_now(self) -> None:
        await self.onward.settle_input()
        self.dirty = self.dirty or self.values() != self._written
        if self._seen.clashes:
            self.action_take_theirs(keep_mine=True)
            return
        if self._seen.removed:  # saved as a new reflection, as its status line says
            self._seen.removed = False
            self.dirty = True
        if self.save():
            self.notify("Reflection saved. Well done for taking the time.", markup=False)

    def action_back(self) -> None:
        if self._seen.clashes and self.flush():
            self.action_take_theirs(keep_mine=True, then_leave=True)
            return
        if self.flush():
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        question = "Not saved: the journal can't be written just now. Leave and lose what is typed?"
        self.app.push_screen(ConfirmDialog(question, "n / esc stays here; Ctrl+S tries again.", enter_says_no=True), answered)

    async def action_share(self) -> None:
        """Ask someone for advice about this reflection as saved (what is typed is saved first, when it can be)."""
        await self.onward.settle_input()
        self.flush()
        if self.reflection is None:
            self.notify(NOTHING_TO_SHARE, markup=False)
            return
        app, journal = self.application, self.onward.journal
        if app is not None:
            label: ApplicationLabel | None = ApplicationLabel(app.company, app.role, app.field)
        else:
            tied = self.reflection.application_id
            label = journal.applications.labels_of([tied]).get(tied) if tied is not None else None
        self.app.push_screen(ShareDialog(self.reflection, label, journal.steps.people()))

    def on_screen_suspend(self) -> None:
        self.flush()
        if not self.is_open:  # closed, not under a dialog: a reused editor keeps nothing running meanwhile
            self._stop_timer()
            self.onward.open_editors.discard(self)

    def on_unmount(self) -> None:
        self.onward.open_editors.discard(self)


EDITOR_SCREEN = "reflection-editor"
"""The name the app's reused reflection editor is installed under."""


def open_reflection_editor(
    app: App, *, reflection: Reflection | None = None, application: Application | None = None, focus: str = "mood",
    callback: Callable[[None], None] | None = None,
) -> None:
    """Show the reflection editor on `reflection` (a new one when None): the app's one editor, built at its first
    use and refilled after, or a new editor while that one is open (from another area)."""
    if app.is_screen_installed(EDITOR_SCREEN):
        editor = app.get_screen(EDITOR_SCREEN)
        if isinstance(editor, ReflectionEditor) and editor.is_mounted and not editor.is_open:
            editor.reopen(reflection=reflection, application=application, focus=focus)
            app.push_screen(editor, callback)
            return
        app.push_screen(ReflectionEditor(reflection=reflection, application=application, focus=focus), callback)
        return
    editor = ReflectionEditor(reflection=reflection, application=application, focus=focus)
    app.install_screen(editor, EDITOR_SCREEN)
    app.push_screen(editor, callback)
