"""Provides screen 3, the wins wall: every win as a card, newest first, grouped by month."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.actions import wins
from tui.domain.entries import WinEntry
from tui.domain.models import Win, WinKind, WinMark
from tui.domain.text import excerpt, printable
from tui.domain.wins import KIND_GLYPHS, kinds_present, month_groups, wall_counts
from tui.screens.area import AreaScreen
from tui.screens.confirm import ConfirmDialog
from tui.screens.kind_picker import ALL_KINDS, KindPicker
from tui.screens.win_form import WinForm
from tui.widgets.lazy_list import LazyList
from tui.widgets.streak_badge import StreakBadge

CARD_HEIGHT = 3


if TYPE_CHECKING:
    from tui.store.repository import Journal


class WinsScreen(AreaScreen):
    """The wall. Wins new since it was last opened are highlighted once."""

    CSS_PATH = "wins.tcss"
    AUTO_FOCUS = "#wall"
    HELP_TITLE = "Wins"
    HELP_EXTRA = (("↑ ↓", "move between wins"),)
    BINDINGS = [
        Binding("n", "new_win", "New", id="wins.new", tooltip="add a win"),
        Binding("e", "edit_win", "Edit", id="wins.edit", tooltip="edit the selected win"),
        Binding("delete", "delete_win", "Remove", id="wins.delete", tooltip="remove the selected win (asks first)"),
        Binding("k", "filter_kind", "Kind", id="wins.kind", tooltip="show one kind of win"),
        Binding("z", "app.undo", "Undo", id="wins.undo", tooltip="undo the last change"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[WinMark | None] = []
        """One entry per line group of the wall: a win's mark (its card is read when shown), or None."""
        self.kind: WinKind | None = None
        self.new_ids: set[int] = set()
        self._groups: dict[int, tuple[str, str]] = {}
        self._cards: dict[int, tuple[Win, str | None]] = {}
        """Wins read so far for their cards, with their application's company; forgotten on each redraw."""

    def compose(self) -> ComposeResult:
        yield ScreenTabs("wins")
        with Horizontal(classes="title-row"):
            yield Static(id="wall-title")
        yield LazyList(id="wall")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # Each opening of the wall highlights the wins that are new since the last one, once.
        if not self._showing:
            journal = self.onward.journal
            shown_new = bool(self.new_ids)
            self.new_ids = journal.unseen_win_ids()
            # Highlighted once: a wall that showed ★ new marks (or has new ones now) is drawn again.
            self.redraw_next_showing = shown_new or bool(self.new_ids)
            if self.new_ids:
                self.onward.attempt(wins.mark_wins_seen)
        super().on_screen_resume()

    def on_shown(self) -> None:
        self.query_one("#wall", LazyList).focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        journal.win_marks()  # ~13 ms on ten years (9,500 wins)

    def refresh_view(self) -> None:
        self.refresh_wall()

    def refresh_wall(self, select_win: int | None = None) -> None:
        """Reload the wins and redraw, keeping the selected card where possible."""
        journal = self.onward.journal
        # The wall lays out every win by day and kind only; a card's title, note and company are read for
        # the cards on screen (a ten-year wall has ~10,000 wins, read whole in ~60 ms, laid out in ~10).
        wins = journal.win_marks()
        counts = wall_counts(wins, self.onward.today)
        shown = [w for w in wins if self.kind is None or w.kind is self.kind]
        title = [
            ("Wins wall", "bold"),
            (f"   this week {counts.week} · this month {counts.month} · all time {counts.total}", "$text-muted"),
        ]
        if self.kind is not None:
            title.append((f"   showing {self.kind.label} ({len(shown)}) · k to change", "$text-accent"))
        self.query_one("#wall-title", Static).update(Content.assemble(*title))
        self.query_one(StreakBadge).refresh_streak()
        current = self.selected_win
        keep = select_win if select_win is not None else (current.id if current else None)
        self.rows = []
        self._groups = {}
        self._cards = {}
        heights = []
        for heading, group in month_groups(shown):
            count = f"  {len(group)} win{'s' if len(group) != 1 else ''}"
            self._groups[len(self.rows)] = (heading, count)
            self.rows.append(None)
            heights.append(1 if len(self.rows) == 1 else 2)  # a blank line before every month but the first
            for win in group:
                self.rows.append(win)
                heights.append(CARD_HEIGHT)
        if not shown:
            self.rows.append(None)
            heights.append(1 if self.kind is not None else 3)  # the lines _entry gives an empty wall
        wall = self.query_one("#wall", LazyList)
        cursor = next((i for i, row in enumerate(self.rows) if row is not None and row.id == keep), None)
        wall.set_entries(heights, [row is not None for row in self.rows], self._entry, cursor=cursor)

    def _entry(self, index: int) -> list[Content]:
        """The lines of entry `index`: a month heading, a win's card, or the empty wall's words."""
        if self.rows[index] is not None:
            card = self._read_card(index)
            if card is None:
                return [Content.styled(" (removed in another window)", "$text-muted italic"), Content(""), Content("")]
            return self._card(*card)
        if index in self._groups:
            heading, count = self._groups[index]
            line = Content.assemble((heading, "bold $text-accent"), (count, "$text-muted"))
            return [Content(""), line] if index else [line]
        if self.kind is not None:
            return [Content.styled("No wins of this kind yet.", "$text-muted italic")]
        return [
            Content.styled(line, "$text-muted italic") for line in (  # short enough for 80 columns: entries are cut, not wrapped
                "Your wall is waiting. Screenings, interviews, reflections and milestones",
                "land here by themselves; press n to add a small win of your own:",
                "feedback, a good conversation, something learned.",
            )
        ]

    def _card(self, win: Win, company: str | None) -> list[Content]:
        is_new = win.id in self.new_ids
        title_style = "bold $text-warning" if is_new else "bold"
        details = [win.on.isoformat(), win.kind.label, "posted by Onward" if win.automatic else "added by you"]
        if company is not None:
            details.insert(2, printable(company))
        title: list = [(f" {KIND_GLYPHS[win.kind]} ", "$text-accent"), Content.styled(printable(win.title), title_style)]
        if is_new:
            title.append(("  ★ new", "bold $text-warning"))
        note = printable(win.note).splitlines()[0] if win.note.strip() else ""
        return [
            Content.assemble(*title),
            Content.assemble("   ", Content.styled(" · ".join(details), "$text-muted")),
            Content.assemble("   ", Content.styled(note, "italic")),
        ]

    def _read_card(self, index: int) -> tuple[Win, str | None] | None:
        """The win at `index` with its company, reading a screenful around it at once; None when it was
        removed elsewhere since the wall was laid out (the journal watch redraws it within a second)."""
        mark = self.rows[index]
        assert mark is not None
        if mark.id not in self._cards:
            near = [row.id for row in self.rows[max(0, index - 40) : index + 40] if row is not None]
            found = self.onward.journal.wins_by_id(near)
            companies = self.onward.journal.companies_of(w.application_id for w in found.values() if w.application_id is not None)
            for win in found.values():
                self._cards[win.id] = (win, companies.get(win.application_id) if win.application_id is not None else None)
        return self._cards.get(mark.id)

    def win_at(self, index: int) -> Win | None:
        """The win shown at entry `index`, if that entry is a card."""
        if not 0 <= index < len(self.rows) or self.rows[index] is None:
            return None
        card = self._read_card(index)
        return card[0] if card is not None else None

    @property
    def selected_win(self) -> Win | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#wall", LazyList).cursor
        return self.win_at(index) if index is not None else None

    def _require_win(self) -> Win | None:
        win = self.selected_win
        if win is None:
            self.notify("Select a win first (↑ ↓).", severity="warning")
        return win

    def action_new_win(self) -> None:
        def add(entry: WinEntry) -> bool:
            done = self.onward.act(wins.add_win, entry)
            if done is None:
                return False
            self.refresh_wall(select_win=done.id)
            self.notify(f"★ {excerpt(entry.title)}", title="Win added — celebrate it!", markup=False)
            return True

        form = WinForm(self.onward.today, self.onward.journal.application_choices(self.onward.today))
        form.submit = add
        self.app.push_screen(form)

    @on(LazyList.Selected, "#wall")
    def action_edit_win(self) -> None:
        win = self._require_win()
        if win is None:
            return

        def edit(entry: WinEntry) -> bool:
            done = self.onward.act(wins.edit_win, win.id, entry)
            if done is None:
                return False
            self.refresh_wall(select_win=win.id)
            self.notify(done.message, markup=False)
            return True

        tied = [win.application_id] if win.application_id is not None else []
        form = WinForm(self.onward.today, self.onward.journal.application_choices(self.onward.today, including=tied), win=win)
        form.submit = edit
        self.app.push_screen(form)

    @work(exclusive=True, group="question")
    async def action_delete_win(self) -> None:
        # A dialog is a question awaited here (Textual's screens guide), not a callback repeating the guards.
        win = self._require_win()
        if win is None:
            return
        detail = "Onward won't post it again. z undoes." if win.automatic else "z undoes."
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove “{excerpt(win.title)}”?", detail)):
            return
        done = self.onward.act(wins.remove_win, win.id)
        if done is not None:
            self.refresh_wall()
            self.notify(done.message, markup=False)

    def action_filter_kind(self) -> None:
        def chosen(kind: str | None) -> None:
            if kind is None:
                return
            self.kind = None if kind == ALL_KINDS else WinKind(kind)
            self.refresh_wall()

        self.app.push_screen(KindPicker(kinds_present(self.onward.journal.win_marks()), self.kind), chosen)
