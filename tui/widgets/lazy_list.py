"""Provides LazyList: a keyboard list of fixed-height entries that builds only the entries on screen.

Entries are described by their heights and whether they can be selected; their text comes from a
callback asked only for visible entries, so a list of thousands opens as fast as a list of ten.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from tui.domain.text import printable, word_end

EntryRenderer = Callable[[int], Sequence[Content]]

LONGEST_LINE = 2000
"""Characters of an entry's line kept for drawing: more than any terminal shows, far fewer than a stored
10,000-character name, which would otherwise be measured again for every line drawn."""


def without_control_characters(content: Content) -> Content:
    """`content` with control characters and bidi overrides taken out (tabs as spaces), its styles kept."""
    text = content.plain
    if text.isprintable():
        return content
    cuts = sorted({cut for index, char in enumerate(text) if printable(char) != char for cut in (index, index + 1)})
    pieces = content.divide(cuts)
    return Content("").join(piece if printable(piece.plain) == piece.plain else printable(piece.plain) for piece in pieces)


def cut_at_a_word(content: Content, width: int) -> Content:
    """`content` in `width` cells: a line too long ends with "…" after its last whole part (" · " separated)
    or word that fits, not in the middle of one ("applied 3 weeks ago · due sinc…" read as a typo)."""
    if content.cell_length <= width:
        return content
    if width < 2:
        return content.truncate(width)
    cut = content.truncate(width - 1)
    return Content.assemble(cut[: word_end(cut.plain.rstrip(), width)].rstrip(), "…")


def _looks(lines: Sequence[Content]) -> tuple:
    """What lines show: their text and styles (Content compares by its text alone)."""
    return tuple((line.plain, tuple(line.spans)) for line in lines)


class LazyList(ScrollView, can_focus=True):
    """Fixed-height entries drawn on demand; the cursor moves between selectable ones."""

    DEFAULT_CSS = """
    LazyList {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        & > .lazy-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .lazy-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES = {"lazy-list--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, id="list.up"),
        Binding("down", "move(1)", "Down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("home", "edge(-1)", "First", show=False, id="list.first"),
        Binding("end", "edge(1)", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Select", show=False, id="list.select"),
    ]

    cursor: reactive[int | None] = reactive(None, always_update=True)
    """Index of the highlighted entry, or None when nothing can be selected."""

    class _Entry(Message):
        def __init__(self, lazy_list: LazyList, index: int | None) -> None:
            super().__init__()
            self.lazy_list = lazy_list
            self.index = index

        @property
        def control(self) -> LazyList:
            return self.lazy_list

    class Highlighted(_Entry):
        """The cursor moved to another entry (index None: nothing to select)."""

    class Selected(_Entry):
        """Enter was pressed on an entry."""

    def __init__(self, *, id: str | None = None, paints_cursor: bool = True) -> None:
        super().__init__(id=id)
        self.paints_cursor = paints_cursor
        """Whether the cursor's entry is drawn in the cursor's colours; when not, the entries draw the cursor
        themselves (a row of cards highlights one card) and are asked again when it moves."""
        self._heights: list[int] = []
        self._starts: list[int] = [0]
        self._selectable: list[bool] = []
        self._render_entry: EntryRenderer = lambda index: ()
        self._entries: LRUCache[int, tuple[Content, ...]] = LRUCache(256)
        self._entries_width = -1
        """The width the entries held were asked at (a resize to another width asks them again)."""
        self._lines: LRUCache[tuple, Strip] = LRUCache(1024)
        """Drawn lines by what they show (text, styles, width, the list's style and the theme), not by where:
        a line that looks the same after new entries, a move of the cursor, a restyle (the focus coming back
        to the list on each visit of its area) or a scroll is not drawn again."""

    def set_entries(
        self, heights: Sequence[int], selectable: Sequence[bool], render_entry: EntryRenderer, cursor: int | None = None,
        *, keep_drawn: bool = False,
    ) -> None:
        """Replace every entry; `render_entry(i)` gives entry i's lines when it comes into view. With `keep_drawn`,
        entries laid out as before (the same heights, the same ones selectable, the cursor where it was) are
        asked again only for those in view, and only those that now read otherwise are drawn again: a visit
        that finds its list as it was drawn ahead draws none of it."""
        if (
            keep_drawn and self.is_mounted and list(heights) == self._heights and list(selectable) == self._selectable
            and self.cursor is not None and cursor in (None, self.cursor) and self._selectable[self.cursor]
        ):
            self._render_entry = render_entry
            self._ask_again_in_view()
            return
        self._heights = list(heights)
        self._starts = [0, *accumulate(self._heights)]
        self._selectable = list(selectable)
        self._render_entry = render_entry
        self._entries.clear()
        self.virtual_size = Size(self.size.width, self._starts[-1])
        if cursor is None or not (0 <= cursor < len(self._selectable) and self._selectable[cursor]):
            cursor = self._next_selectable(-1, 1)
        self.cursor = cursor
        self.refresh()

    def _ask_again_in_view(self) -> None:
        """Ask the entries in view for their lines again, drawing those that changed; forget the rest."""
        top = self.scroll_offset.y
        first = max(0, bisect_right(self._starts, top) - 1)
        last = bisect_right(self._starts, top + max(1, self.size.height) - 1)  # entries starting on a line in view
        in_view = range(first, min(last, len(self._heights)))
        for index in list(self._entries.keys()):
            if index not in in_view:
                self._entries.discard(index)
        for index in in_view:
            held = self._entries.get(index)
            if held is None:
                self._refresh_entry(index)
                continue
            self._entries.discard(index)
            if _looks(self._entry_lines(index)) != _looks(held):
                self._refresh_entry(index)

    @property
    def entry_count(self) -> int:
        return len(self._heights)

    # Drawing

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._entries_width:
            self._entries.clear()  # entries may be laid out for the width (a row of cards)
        self.virtual_size = Size(self.size.width, self._starts[-1])

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if line >= self._starts[-1] or width <= 0:
            return Strip.blank(width, self.rich_style)
        index = bisect_right(self._starts, line) - 1
        row = line - self._starts[index]
        lines = self._entry_lines(index)
        content = lines[row] if row < len(lines) else Content("")
        painted = self.paints_cursor and index == self.cursor
        style = self.get_visual_style("lazy-list--cursor") if painted else self.visual_style
        # Content compares by its text alone: its spans are part of the key.
        key = (content.plain, tuple(content.spans), width, style, self.app.theme)
        strip = self._lines.get(key)
        if strip is None:
            strips = Visual.to_strips(self, cut_at_a_word(content, width), width, 1, style)
            strip = strips[0] if strips else Strip.blank(width)
            strip = strip.extend_cell_length(width, style.rich_style)
            self._lines[key] = strip
        return strip

    def draw_ahead(self) -> None:
        """Draw the lines in view now, off screen: showing them later finds them drawn."""
        for y in range(self.scrollable_content_region.height):
            self.render_line(y)

    def _entry_lines(self, index: int) -> tuple[Content, ...]:
        """Entry `index`'s lines, asked for once while they stay the same (moving the cursor redraws an entry)."""
        lines = self._entries.get(index)
        if lines is None:
            # Callers should show stored text through printable(); this keeps escapes from the terminal if one doesn't.
            lines = tuple(
                without_control_characters(line if len(line.plain) <= LONGEST_LINE else line[:LONGEST_LINE])
                for line in self._render_entry(index)
            )
            self._entries_width = self.scrollable_content_region.width
            self._entries[index] = lines
        return lines

    def redraw_entry(self, index: int | None) -> None:
        """Ask for entry `index`'s lines again and draw them (what it shows changed, not its height)."""
        if index is not None:
            self._entries.discard(index)
        self._refresh_entry(index)

    def _refresh_entry(self, index: int | None) -> None:
        if index is None or index >= len(self._heights):
            return
        if not self.paints_cursor:
            self._entries.discard(index)
        start, height = self._starts[index], self._heights[index]
        self.refresh(Region(0, start - self.scroll_offset.y, self.size.width, height))

    # The cursor

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        self._refresh_entry(old)
        self._refresh_entry(new)
        # After layout, so the first scroll knows the list's height.
        self.call_after_refresh(self._scroll_to_cursor)
        self.post_message(self.Highlighted(self, new))

    def _scroll_to_cursor(self) -> None:
        """Bring the cursor's entry into view, with the headings just above it."""
        index = self.cursor
        if index is None or index >= len(self._heights):
            return
        first = index
        while first > 0 and not self._selectable[first - 1]:
            first -= 1
        top = self._starts[first]
        bottom = self._starts[index + 1]
        if bottom - top > self.size.height:
            top = self._starts[index]
        self.scroll_to_region(Region(0, top, max(1, self.size.width), bottom - top), animate=False, force=True)

    def _next_selectable(self, start: int, step: int) -> int | None:
        index = start + step
        while 0 <= index < len(self._selectable):
            if self._selectable[index]:
                return index
            index += step
        return None

    def action_move(self, step: int) -> None:
        if self.cursor is None:
            return
        found = self._next_selectable(self.cursor, step)
        if found is not None:
            self.cursor = found

    def action_page(self, direction: int) -> None:
        if self.cursor is None:
            return
        target_line = self._starts[self.cursor] + direction * max(1, self.size.height - 1)
        target_line = min(max(target_line, 0), max(0, self._starts[-1] - 1))
        index = bisect_right(self._starts, target_line) - 1
        found = index if self._selectable[index] else (
            self._next_selectable(index, direction) or self._next_selectable(index, -direction)
        )
        if found is not None:
            self.cursor = found

    def action_edge(self, direction: int) -> None:
        start = -1 if direction < 0 else len(self._selectable)
        found = self._next_selectable(start, -direction)
        if found is not None:
            self.cursor = found

    def action_select(self) -> None:
        if self.cursor is not None:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < self._starts[-1]:
            index = bisect_right(self._starts, line) - 1
            if self._selectable[index]:
                if index == self.cursor and event.chain == 2:
                    self.action_select()
                self.cursor = index
