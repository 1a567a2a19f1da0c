"""Provides screen 3, the wins wall: every win as a card, newest first, grouped by month; cards side by side
from 100 columns (2, or 3 from 150), one per row below; tiles with a count per kind on top (they filter) and
the nearest milestone in the title line."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.actions import views, wins
from tui.actions.results import in_app_words
from tui.domain.entries import WinEntry
from tui.domain.models import Win, WinKind, WinMark
from tui.domain.text import excerpt, number, plural, printable
from tui.domain.wins import KIND_GLYPHS, kind_counts, kinds_present, month_groups, next_milestone, wall_counts
from tui.screens.area import AreaScreen
from tui.screens.confirm import ConfirmDialog
from tui.screens.kind_picker import ALL_KINDS, KindPicker
from tui.screens.win_form import WinForm
from tui.widgets.lazy_list import LazyList, cut_at_a_word
from tui.widgets.streak_badge import StreakBadge

CARD_HEIGHT = 3
"""Lines of a win at one per row (under 100 columns): title, details, note."""
BOXED_HEIGHT = 5
"""Lines of a bordered card, side by side from 100 columns."""
CARDS_FROM = 100
"""The wall's width from which wins are cards side by side: 2 per row, and 3 from `THREE_FROM`."""
THREE_FROM = 150
CARD_GAP = 1


def cards_per_row(width: int) -> int:
    """How many cards the wall puts side by side at `width` columns."""
    return 1 if width < CARDS_FROM else 2 if width < THREE_FROM else 3


if TYPE_CHECKING:
    from tui.store.repository import Journal


class WinsScreen(AreaScreen):
    """The wall. Wins new since it was last opened are highlighted once."""

    CSS_PATH = "wins.tcss"
    AUTO_FOCUS = "#wall"
    DRAWN_AHEAD = True
    HELP_TITLE = "Wins"
    HELP_EXTRA = (("↑ ↓ ← →", "move between wins (← → between cards side by side)"),)
    BINDINGS = [
        Binding("n", "new_win", "New", id="wins.new", tooltip="add a win"),
        Binding("e", "edit_win", "Edit", id="wins.edit", tooltip="edit the selected win"),
        Binding("delete", "delete_win", "Remove", id="wins.delete", tooltip="remove the selected win (asks first)"),
        Binding("k", "filter_kind", "Kind", id="wins.kind", tooltip="show one kind of win"),
        Binding("z", "app.undo", "Undo", id="wins.undo", tooltip="undo the last change"),
        Binding("home", "edge(-1)", "First", id="wins.first", show=False, priority=True, tooltip="the newest win"),
        Binding("end", "edge(1)", "Last", id="wins.last", show=False, priority=True, tooltip="the oldest win"),
        Binding("left", "column(-1)", "Left", id="wins.left", show=False, tooltip="the card to the left"),
        Binding("right", "column(1)", "Right", id="wins.right", show=False, tooltip="the card to the right"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[WinMark] | None] = []
        """One entry per line group of the wall: a row of wins' marks (their cards are read when shown), or
        None for a month's heading or the empty wall's words."""
        self.column = 0
        """Which card of the selected row is selected (0 when one card a row)."""
        self.per_row = 1
        self.kind: WinKind | None = None
        self.new_ids: set[int] = set()
        self._groups: dict[int, tuple[str, str]] = {}
        self._cards: dict[int, tuple[Win, str | None]] = {}
        self._layout: tuple[int, WinKind | None, list[WinMark], list[int], list[bool]] | None = None
        """The last layout: cards a row, the kind shown, the wins laid out, each entry's height and whether it
        is a row of cards."""
        self._boxed: dict[tuple, list[Content]] = {}
        """Bordered cards drawn so far, by what they show (a redraw after a write elsewhere draws none again)."""
        self._rows_drawn: dict[tuple, list[Content]] = {}
        """Rows of bordered cards side by side, by their cards' keys in `_boxed`."""
        self._kinds: tuple[list[WinMark], list[tuple[WinKind, int]]] | None = None
        """The wins last counted by kind, and their counts."""
        self._header: tuple | None = None
        """What the title and the tiles last showed (they are not updated again to show the same)."""
        self._tiles: tuple[Content | None, list[Content]] = (None, [])
        """The "Next up" line and the tiles last shown (laid out again when the width changes)."""
        self._tiles_shown: tuple = ()
        """What the tiles' line shows: its text and styles."""
        """Wins read so far for their cards, with their application's company; forgotten on each redraw."""

    def compose(self) -> ComposeResult:
        yield ScreenTabs("wins")
        with Horizontal(classes="title-row"):
            yield Static(id="wall-title")
        yield Static(id="wall-tiles")
        yield LazyList(id="wall", paints_cursor=False)
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # Each opening of the wall highlights the wins that are new since the last one, once.
        if not self._showing:
            journal = self.onward.journal
            shown_new = bool(self.new_ids)
            self.new_ids = journal.wins.unseen_ids()
            # Highlighted once: a wall that showed ★ new marks (or has new ones now) is drawn again.
            self.redraw_next_showing = shown_new or bool(self.new_ids)
            # Marked seen only when the journal may write: looking at the wall while it is behind its replica
            # is reading, not refused (the ★ new marks show again on the next visit).
            if self.new_ids and not self.onward.current_refusal(writing=False):
                self.onward.attempt(wins.mark_wins_seen)
        super().on_screen_resume()

    def on_shown(self) -> None:
        wall = self.query_one("#wall", LazyList)
        if self.focused is not wall:  # focused already (as built): focusing again would draw the wall again
            wall.focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        journal.wins.marks()  # ~13 ms on ten years (9,500 wins)

    def refresh_view(self) -> None:
        self.refresh_wall()

    def refresh_wall(self, select_win: int | None = None) -> None:
        """Reload the wins and redraw, keeping the selected card where possible."""
        journal = self.onward.journal
        # The wall lays out every win by day and kind only; a card's title, note and company are read for
        # the cards on screen (a ten-year wall has ~10,000 wins, read whole in ~60 ms, laid out in ~10).
        wins = journal.wins.marks()  # newest first
        shown = wins if self.kind is None else [w for w in wins if w.kind is self.kind]
        self._show_header(wins, len(shown))
        self.query_one(StreakBadge).refresh_streak()
        current = self._selected_mark()
        keep = select_win if select_win is not None else (current.id if current else None)
        per_row = self.per_row = cards_per_row(self.size.width)
        self._cards = {}
        heights, selectable = self._lay_out(shown, per_row)
        wall = self.query_one("#wall", LazyList)
        cursor, self.column = next(
            ((i, row.index(m)) for i, row in enumerate(self.rows) if row is not None for m in row if m.id == keep), (None, 0)
        ) if keep is not None else (None, 0)  # nothing to look for through ten years of cards
        wall.paints_cursor = self.per_row == 1  # cards side by side draw the selected one themselves
        wall.set_entries(heights, selectable, self._entry, cursor=cursor, keep_drawn=True)

    def _lay_out(self, shown: list[WinMark], per_row: int) -> tuple[list[int], list[bool]]:
        """Lay the wall out in rows (`self.rows`, `self._groups`): each entry's height and whether it is a row of
        cards. The same wins as last time (most writes elsewhere leave them be) keep the same layout."""
        if self._layout is not None and self._layout[:2] == (per_row, self.kind) and self._layout[2] == shown:
            return self._layout[3], self._layout[4]
        self.rows = []
        self._groups = {}
        heights: list[int] = []
        card_height = CARD_HEIGHT if per_row == 1 else BOXED_HEIGHT
        # ~120 months of ~80 wins on ten years: each month's rows made at once, not win by win.
        for heading, group in month_groups(shown, newest_first=True):
            count = f"  {plural(len(group), 'win')}"
            self._groups[len(self.rows)] = (heading, count)
            heights.append(1 if not self.rows else 2)  # a blank line before every month but the first
            self.rows.append(None)
            self.rows.extend(group[start : start + per_row] for start in range(0, len(group), per_row))
            heights.extend([card_height] * -(-len(group) // per_row))
        if not shown:
            self.rows.append(None)
            heights.append(1 if self.kind is not None else 3)  # the lines _entry gives an empty wall
        selectable = [row is not None for row in self.rows]
        self._layout = (per_row, self.kind, shown, heights, selectable)
        return heights, selectable

    def _show_header(self, wins: list[WinMark], shown: int) -> None:
        """The title line (counts this week, this month and in all, none of them zero; the nearest milestone)
        and the tiles: a count per kind that show that kind when clicked (as `k` does)."""
        counts = wall_counts(wins, self.onward.today, newest_first=True)
        if self._kinds is None or self._kinds[0] != wins:  # the same wins as last time: counted already
            self._kinds = (wins, kind_counts(wins))
        streak = views.streak_summary(self.onward.journal, self.onward.today).current
        upcoming = next_milestone(streak, self.onward.journal.applications.count())
        header = (counts, shown, self.kind, upcoming, self._kinds[1], self.size.width)
        if header == self._header:
            return  # as shown: neither the title nor the tiles are laid out again
        self._header = header
        figures = [f"{number(n)} {label}" for n, label in ((counts.total, "in all"), (counts.month, "this month"), (counts.week, "this week")) if n]
        title: list = [("Wins wall", "bold")]
        if figures:
            title.append(("   " + " · ".join(figures), "$text-muted"))
        if self.kind is not None:
            title.append((f"   showing {self.kind.label} ({number(shown)}) · k to change", "$text-accent"))
        self.query_one("#wall-title", Static).update(Content.assemble(*title))
        tiles = [Content.styled(f"Next up: {upcoming}", "$text-success")] if upcoming is not None else []
        for kind, count in self._kinds[1]:
            style = "reverse $text-accent" if kind is self.kind else "$text"
            # Onward's own words only (kinds, glyphs, numbers): no stored text goes through this markup.
            label = f" {KIND_GLYPHS[kind]} {kind.label} {number(count)} "
            tiles.append(Content.from_markup(f"[{style} @click=screen.show_kind('{kind.value}')]{label}[/]"))
        if self.kind is not None:
            tiles.append(Content.from_markup("[$text-muted @click=screen.show_kind('')] all [/]"))
        self._tiles = (tiles[0] if upcoming is not None else None, tiles[1:] if upcoming is not None else tiles)
        self._show_tiles()

    def _show_tiles(self) -> None:
        """The tiles, each kept whole on one line (a tile's words never split across two)."""
        upcoming, tiles = self._tiles
        tiles_line = self.query_one("#wall-tiles", Static)
        tiles_line.display = bool(tiles) or upcoming is not None
        width = max(1, (tiles_line.content_size.width or self.size.width - 2))
        lines = [] if upcoming is None else [upcoming]
        line: list[Content] = []
        for tile in tiles:
            if line and sum(t.cell_length + 1 for t in line) + tile.cell_length > width:
                lines.append(Content(" ").join(line))
                line = []
            line.append(tile)
        if line:
            lines.append(Content(" ").join(line))
        shown = Content("\n").join(lines)
        looks = (shown.plain, tuple(shown.spans))
        if looks != self._tiles_shown:  # as shown (a resize to the same width): not drawn again
            self._tiles_shown = looks
            tiles_line.update(shown)

    def action_show_kind(self, kind: str) -> None:
        """Show one kind of win (a tile was clicked), or all of them again."""
        self.kind = WinKind(kind) if kind else None
        self.refresh_wall()

    def on_resize(self) -> None:
        if self.rows and cards_per_row(self.size.width) != self.per_row:
            self.refresh_wall()
        elif self._tiles[1]:
            self._show_tiles()

    def _entry(self, index: int) -> list[Content]:
        """The lines of entry `index`: a month heading, a row of win cards, or the empty wall's words."""
        row = self.rows[index]
        if row is not None:
            if self.per_row == 1:
                card = self._read_card(index, 0)
                if card is None:
                    return [Content.styled(" (removed in another window)", "$text-muted italic"), Content(""), Content("")]
                return self._card(*card, selected=False)  # the list paints the cursor's whole entry
            return self._boxed_row(index, row)
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

    @property
    def _cursor(self) -> int | None:
        return self.query_one("#wall", LazyList).cursor

    def _boxed_row(self, index: int, row: list[WinMark]) -> list[Content]:
        """A row of bordered cards side by side, the selected one in the accent colour."""
        width = self.query_one("#wall", LazyList).scrollable_content_region.width
        card_width = max(12, (width - CARD_GAP * (self.per_row - 1)) // self.per_row)
        if len(self._boxed) > 500:
            self._boxed.clear()
            self._rows_drawn.clear()
        keys = []
        for column in range(len(row)):
            card = self._read_card(index, column)
            selected = index == self._cursor and column == self.column
            key = (card, card is not None and card[0].id in self.new_ids, selected, card_width)
            if key not in self._boxed:
                self._boxed[key] = self._boxed_card(card, selected, card_width)
            keys.append(key)
        drawn = self._rows_drawn.get(tuple(keys))
        if drawn is None:  # a row of the same cards (a visit after a write elsewhere) is not joined again
            gap = Content(" " * CARD_GAP)
            columns = [self._boxed[key] for key in keys]
            drawn = self._rows_drawn[tuple(keys)] = [gap.join(card[line] for card in columns) for line in range(BOXED_HEIGHT)]
        return drawn

    def _boxed_card(self, card: tuple[Win, str | None] | None, selected: bool, card_width: int) -> list[Content]:
        """A card in its border, `card_width` wide; None: a card removed in another window."""
        inner = card_width - 4
        if card is None:
            lines = [Content.styled("(removed in another window)", "$text-muted italic"), Content(""), Content("")]
            is_new = False
        else:
            lines = self._card(*card, selected=False, boxed=True)
            is_new = card[0].id in self.new_ids
        border = "bold $accent" if selected else "$text-warning" if is_new else "$text-muted"
        fill = "on $block-cursor-background" if selected else ""
        boxed = [Content.styled("╭" + "─" * (card_width - 2) + "╮", border)]
        for line in lines:
            text = cut_at_a_word(line, inner)
            text = text.pad_right(max(0, inner - text.cell_length))
            if fill:
                text = text.stylize(fill)
            boxed.append(Content.assemble(Content.styled("│ ", border), text, Content.styled(" │", border)))
        boxed.append(Content.styled("╰" + "─" * (card_width - 2) + "╯", border))
        return boxed

    def _card(self, win: Win, company: str | None, *, selected: bool, boxed: bool = False) -> list[Content]:
        """A win's three lines: glyph and title (★ new once), its day, kind, company and who posted it, its note."""
        is_new = win.id in self.new_ids
        title_style = "bold $text-warning" if is_new else "bold"
        details = [win.on.isoformat(), win.kind.label, "posted by Onward" if win.automatic else "added by you"]
        if company is not None:
            details.insert(2, printable(company))
        lead = "" if boxed else " "
        title: list = [(f"{lead}{KIND_GLYPHS[win.kind]} ", "$text-accent"), Content.styled(printable(win.title), title_style)]
        if is_new:
            title.append(("  ★ new", "bold $text-warning"))
        note = printable(win.note).splitlines()[0] if win.note.strip() else ""
        if boxed:  # narrower: the day without its year (the month's heading has it); the note before who posted it
            who = Content.styled("by Onward" if win.automatic else "by you", "$text-muted")
            about = Content.styled(printable(company), "$text-accent") if company is not None else who
            lines = [
                Content.assemble(*title),
                Content.assemble("  ", Content.styled(f"{win.on.day} {win.on:%b} · {win.kind.label} · ", "$text-muted"), about),
                Content.assemble("  ", Content.styled(note, "italic") if note else who if company is not None else ""),
            ]
        else:
            lines = [
                Content.assemble(*title),
                Content.assemble("   ", Content.styled(" · ".join(details), "$text-muted")),
                Content.assemble("   ", Content.styled(note, "italic")),
            ]
        if selected:
            lines = [line.stylize("on $block-cursor-background") for line in lines]
        return lines

    def _read_card(self, index: int, column: int) -> tuple[Win, str | None] | None:
        """The win at entry `index`, card `column`, with its company, reading a screenful around it at once;
        None when it was removed elsewhere since the wall was laid out (the journal watch redraws it within a
        second)."""
        row = self.rows[index]
        assert row is not None
        mark = row[column]
        if mark.id not in self._cards:
            # About two screens of rows from just above it (a screen holds 5 to 9 rows, and month headings).
            near = [m.id for entry in self.rows[max(0, index - 4) : index + 14] if entry is not None for m in entry]
            found = self.onward.journal.wins.by_id(near)
            companies = self.onward.journal.applications.companies_of(w.application_id for w in found.values() if w.application_id is not None)
            for win in found.values():
                self._cards[win.id] = (win, companies.get(win.application_id) if win.application_id is not None else None)
        return self._cards.get(mark.id)

    def win_at(self, index: int, column: int = 0) -> Win | None:
        """The win shown at entry `index`, card `column`, if there is one."""
        if not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        if row is None or not 0 <= column < len(row):
            return None
        card = self._read_card(index, column)
        return card[0] if card is not None else None

    def shown_wins(self) -> list[Win | None]:
        """Every card on the wall in reading order (None for one removed elsewhere since)."""
        return [self.win_at(i, c) for i, row in enumerate(self.rows) if row is not None for c in range(len(row))]

    def _selected_mark(self) -> WinMark | None:
        """The selected card's mark (its card is not read)."""
        if not self.is_mounted or not self.rows:
            return None
        index = self.query_one("#wall", LazyList).cursor
        row = self.rows[index] if index is not None and index < len(self.rows) else None
        return row[min(self.column, len(row) - 1)] if row else None

    @property
    def selected_win(self) -> Win | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#wall", LazyList).cursor
        if index is None:
            return None
        row = self.rows[index] if index < len(self.rows) else None
        return self.win_at(index, min(self.column, len(row) - 1) if row else 0)

    def action_column(self, step: int) -> None:
        """Move to the card beside the selected one (cards side by side from 100 columns)."""
        wall = self.query_one("#wall", LazyList)
        row = self.rows[wall.cursor] if wall.cursor is not None else None
        if not row:
            return
        column = min(self.column, len(row) - 1) + step
        if 0 <= column < len(row):
            self.column = column
            wall.redraw_entry(wall.cursor)

    def action_edge(self, direction: int) -> None:
        """Home: the newest win (the first card); End: the oldest (the last card of the last row)."""
        wall = self.query_one("#wall", LazyList)
        wall.action_edge(direction)
        row = self.rows[wall.cursor] if wall.cursor is not None else None
        if row:
            self.column = 0 if direction < 0 else len(row) - 1
            wall.redraw_entry(wall.cursor)

    @on(LazyList.Highlighted, "#wall")
    def _row_changed(self, event: LazyList.Highlighted) -> None:
        row = self.rows[event.index] if event.index is not None and event.index < len(self.rows) else None
        if row:
            self.column = min(self.column, len(row) - 1)

    def on_click(self, event: events.Click) -> None:
        # A click on a card selects that card (the list has moved its cursor to the row by now).
        wall = self.query_one("#wall", LazyList)
        if event.widget is not wall or self.per_row == 1 or wall.cursor is None:
            return
        row = self.rows[wall.cursor]
        offset = event.get_content_offset(wall)
        if offset is None:
            return
        card_width = max(12, (wall.scrollable_content_region.width - CARD_GAP * (self.per_row - 1)) // self.per_row)
        column = offset.x // (card_width + CARD_GAP)
        if row and column < len(row) and column != self.column:
            self.column = column
            wall.redraw_entry(wall.cursor)

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

        form = WinForm(self.onward.today, self.onward.journal.applications.choices(self.onward.today))
        form.submit = add
        self.app.push_screen(form)

    @on(LazyList.Selected, "#wall")
    def action_edit_win(self) -> None:
        shown = self._require_win()
        if shown is None:
            return

        from tui.actions import Refused
        from tui.actions.undo import open_for_editing
        from tui.domain.changes import Record

        try:  # as it is now: the wall may predate a change made elsewhere
            opened, win = open_for_editing(self.onward.journal, Record.WIN, shown.id, self.onward.journal.wins.get)
        except Refused as gone:
            self.notify(in_app_words(gone), severity="warning", markup=False)
            return

        def edit(entry: WinEntry) -> bool:
            done = self.onward.act(wins.edit_win, win.id, entry, opened=opened)
            if done is None:
                return False
            self.refresh_wall(select_win=win.id)
            self.notify(done.message, markup=False)
            return True

        tied = [win.application_id] if win.application_id is not None else []
        form = WinForm(self.onward.today, self.onward.journal.applications.choices(self.onward.today, including=tied), win=win)
        form.submit = edit
        self.app.push_screen(form)

    @work(exclusive=True, group="question")
    async def action_delete_win(self) -> None:
        # A dialog is a question awaited here (Textual's screens guide), not a callback repeating the guards.
        win = self._require_win()
        if win is None:
            return
        detail = "Onward won't post it again. z undoes." if win.automatic else "z undoes."
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove “{excerpt(win.title)}”?", detail, writes=True)):
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

        self.app.push_screen(KindPicker(kinds_present(self.onward.journal.wins.marks()), self.kind), chosen)
