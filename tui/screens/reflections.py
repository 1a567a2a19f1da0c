"""Provides screen 2: every reflection, newest first, searchable, with the way into Lessons and into asking
someone for advice about one."""

from __future__ import annotations

import textwrap

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from tui.actions import Refused, editing
from tui.actions.results import in_app_words
from tui.actions.as_asked import as_asked
from tui.domain.changes import Record
from tui.store.database import JournalError
from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.domain.lessons import sparkline
from tui.domain.models import ApplicationLabel, Reflection
from tui.domain.inbox import draft_kept_sentence
from tui.domain.reflections import DRAFT_OPENS, MOOD_WORDS, NEW_DRAFT_OPENS, draft_key, reflection_matches
from tui.domain.text import markdown_to_plain, number, printable
from tui.screens.area import AreaScreen
from tui.screens.confirm import ConfirmDialog
from tui.screens.lessons import LessonsScreen
from tui.screens.reflection import open_reflection_editor
from tui.screens.share_dialog import ShareDialog
from tui.screens.timeline import AGAIN_TO_REMOVE, UNDONE_HINT
from tui.widgets.lazy_list import LazyList
from tui.widgets.streak_badge import StreakBadge


if TYPE_CHECKING:
    from tui.store.repository import Journal


class ReflectionsScreen(AreaScreen):
    """All reflections; Enter opens one, n starts a free-standing one, / searches, l shows Lessons, t asks
    someone for advice about the selected one, delete removes it (asks first; z undoes)."""

    CSS_PATH = "reflections.tcss"
    AUTO_FOCUS = "#reflection-list"  # the list, never the hidden search field (keys typed on arrival went into it)
    DRAWN_AHEAD = True
    HELP_TITLE = "Reflections"
    HELP_EXTRA = (("↑ ↓", "move between reflections"),)
    BINDINGS = [
        Binding("enter", "open", "Open", id="reflections.open", tooltip="open the selected reflection"),
        Binding("n", "new", "New", id="reflections.new", tooltip="start a free-standing reflection"),
        Binding("slash", "search", "Search", id="reflections.search", tooltip="search the text of every reflection"),
        Binding("l", "lessons", "Lessons", id="reflections.lessons", tooltip="what your rejections add up to"),
        Binding(
            "t,ctrl+t", "share", "Ask advice", id="reflections.share",
            tooltip="ask someone for advice: copy a short summary of the selected reflection",
        ),
        Binding("z", "app.undo", "Undo", id="reflections.undo", tooltip="undo the last change"),
        Binding(
            "delete", "remove", "Remove", id="reflections.remove",
            tooltip="remove the selected reflection and what goes with it (asks first; z undoes)",
        ),
        Binding("escape", "clear_search", "Clear", id="reflections.clear", show=False, tooltip="clear the search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Reflection] = []
        self.labels: dict[int, ApplicationLabel | None] = {}
        """The labels read for this redraw (None: the application is gone)."""
        """The names of the applications the reflections are tied to, by id."""
        self.query_text = ""
        self._title: tuple[int, list[int], bool] | None = None
        """How many reflections the title counts, the moods its line draws and whether it points at a new
        reflection's draft, as shown."""
        self.drafts: frozenset[str] = frozenset()
        """The drafts waiting, by key, as read for this redraw (their rows point at them)."""
        self._drawn_rows: dict[tuple[Reflection, ApplicationLabel | None, bool], list[Content]] = {}
        """Rows drawn so far, by what they show: a redraw after a write elsewhere (most keys) draws none again."""

    def compose(self) -> ComposeResult:
        yield ScreenTabs("reflections")
        with Horizontal(classes="title-row"):
            yield Static(id="reflections-title")
        search = Input(id="search", placeholder="Search reflections · enter keeps it · esc clears")
        search.can_focus = False  # hidden until / shows it
        yield search
        yield LazyList(id="reflection-list")
        yield KeyBar()

    def on_shown(self) -> None:
        self.query_one("#reflection-list", LazyList).focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        journal.reflections.every()  # ~30 ms on ten years (3,000 reflections)

    def refresh_view(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        journal = self.onward.journal
        everything = journal.reflections.every()
        # Only the names of the applications reflections are tied to (not ten years of timelines): all of them
        # for a search, else those of the rows drawn, as they are drawn (~5 ms for 3,000 on ten years).
        self.labels = {}
        if self.query_text:
            self.labels.update(journal.applications.labels_of(r.application_id for r in everything if r.application_id is not None))
        self.shown = [
            r for r in everything
            if not self.query_text or reflection_matches(r, self._label(r.application_id), self.query_text)
        ]
        moods = [r.mood for r in reversed(everything[:40])]  # the newest 40, oldest first
        self.drafts = journal.reflections.draft_keys()
        new_draft = draft_key(None, None) in self.drafts  # a free-standing one typed, then the app quit: n opens it
        if (len(everything), moods, new_draft) != self._title:  # as shown: not laid out again (a write elsewhere)
            self._title = (len(everything), moods, new_draft)
            title = Content.assemble(
                ("Reflections", "bold"), (f"  {number(len(everything))}", "$text-muted"),
                ("   mood over time ", "$text-muted"), (sparkline(moods), "$text-accent"),
            ) if everything else Content.styled("Reflections", "bold")
            if new_draft:
                title = Content.assemble(title, "   ", (NEW_DRAFT_OPENS, "$text-warning"))
            self.query_one("#reflections-title", Static).update(title)
        self.query_one(StreakBadge).refresh_streak()
        listing = self.query_one("#reflection-list", LazyList)
        previous = listing.cursor
        if self.shown:
            if len(self._drawn_rows) > 1000:
                self._drawn_rows.clear()
            listing.set_entries([2] * len(self.shown), [True] * len(self.shown), self._entry, cursor=min(previous or 0, len(self.shown) - 1))
        else:
            # Lines short enough for 80 columns: a list entry is cut, never wrapped.
            empty = ["No reflection matches."] if self.query_text else [
                "No reflections yet. After a rejection, press e on it in the Inbox,",
                "or n here for a free-standing one.",
                *textwrap.wrap(draft_kept_sentence(journal.applications.by_id(journal.reflections.drafted_application_ids())), 72),
            ]
            listing.set_entries([len(empty)], [False], lambda index: [Content.styled(line, "$text-muted italic") for line in empty])

    def _entry(self, index: int) -> list[Content]:
        """The lines of the reflection listed at `index` (the names of a screenful around it read at once)."""
        reflection = self.shown[index]
        if reflection.application_id is not None and reflection.application_id not in self.labels:
            near = {r.application_id for r in self.shown[max(0, index - 8) : index + 20] if r.application_id is not None}
            found = self.onward.journal.applications.labels_of(near - self.labels.keys())
            self.labels.update({i: found.get(i) for i in near - self.labels.keys()})
        key = (reflection, self._label(reflection.application_id), draft_key(reflection.id, None) in self.drafts)
        if key not in self._drawn_rows:
            self._drawn_rows[key] = self._row(*key)
        return self._drawn_rows[key]

    @staticmethod
    def _row(reflection: Reflection, application: ApplicationLabel | None, draft_waits: bool) -> list[Content]:
        who = printable(application.company) if application else "Free-standing"
        stage = f" · {reflection.stage.label}" if reflection.stage else ""
        mood = f"mood {reflection.mood} {MOOD_WORDS[reflection.mood]}"
        # The list shows words, not Markdown marks (**Tableau** reads Tableau); a long first line is cut first.
        first = markdown_to_plain(reflection.first_line[:400]) or "(no notes yet)"
        return [
            Content.assemble(
                (reflection.on.isoformat(), "$text-muted"), "  ", Content.styled(who, "bold"), stage, "  ", (mood, "$text-accent")
            ),
            Content.assemble(
                "            ", (f"{DRAFT_OPENS} · " if draft_waits else "", "$text-warning"),
                Content.styled(printable(first[:200]), "italic"),
            ),
        ]

    def action_open(self) -> None:
        listing = self.query_one("#reflection-list", LazyList)
        if listing.cursor is None or not self.shown:
            return
        reflection = self.shown[listing.cursor]
        application = self.onward.journal.applications.get(reflection.application_id) if reflection.application_id else None
        open_reflection_editor(self.app, reflection=reflection, application=application)

    def _label(self, application_id: int | None) -> ApplicationLabel | None:
        """Company, role and field of the application a reflection is tied to (read once per redraw)."""
        if application_id is None:
            return None
        if application_id not in self.labels:
            self.labels[application_id] = self.onward.journal.applications.labels_of([application_id]).get(application_id)
        return self.labels[application_id]

    @on(LazyList.Selected, "#reflection-list")
    def _selected(self) -> None:
        self.action_open()

    def action_share(self) -> None:
        listing = self.query_one("#reflection-list", LazyList)
        if listing.cursor is None or not self.shown:
            return
        reflection = self.shown[listing.cursor]
        self.app.push_screen(ShareDialog(reflection, self._label(reflection.application_id), self.onward.journal.steps.people()))

    @work(exclusive=True, group="question")
    async def action_remove(self) -> None:
        # Asked as the Timeline asks (what_goes_with names its steps and win), removed as it removes: z undoes.
        listing = self.query_one("#reflection-list", LazyList)
        if listing.cursor is None or not self.shown:
            self.notify("No reflection to remove here.", severity="warning")
            return
        reflection = self.shown[listing.cursor]
        try:
            what = editing.what_goes_with(self.onward.journal, Record.REFLECTION, reflection.id)
            asked = as_asked(self.onward.journal, Record.REFLECTION, reflection.id, AGAIN_TO_REMOVE)
        except (Refused, JournalError) as error:
            self.notify(in_app_words(error), severity="warning", markup=False)
            return
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove {what}?", UNDONE_HINT, writes=True)):
            return
        done = self.onward.act(editing.remove, Record.REFLECTION, reflection.id, asked=asked)
        if done is not None:
            self.refresh_list()
            self.notify(done.message, markup=False)

    def action_new(self) -> None:
        open_reflection_editor(self.app)

    def action_lessons(self) -> None:
        self.app.push_screen(LessonsScreen())

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("-shown")
        box.can_focus = True
        # At once, not after the keys already typed (Widget.focus waits its turn): "/gx" in one go put g and
        # x into the list, where x marked an application withdrawn.
        self.set_focus(box)

    def action_clear_search(self) -> None:
        box = self.query_one("#search", Input)
        box.value = ""
        box.remove_class("-shown")
        box.can_focus = False
        self.query_one("#reflection-list", LazyList).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refresh_list()

    @on(Input.Submitted, "#search")
    def _search_kept(self) -> None:
        self.query_one("#reflection-list", LazyList).focus()
