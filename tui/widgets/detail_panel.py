"""Provides DetailPanel: a scrolling panel of text that draws only the lines in view.

The Inbox's detail pane was a Static in a VerticalScroll: each cursor move wrapped the whole text twice (once to
lay the screen out, once to draw), built a Content and drew a line for every wrapped line, seen or not, and laid
the whole screen out again; a pasted job description in the notes made every arrow key slower (10,000
characters: twice the CPU of no notes; a 10,000-character word in every field: ten times). Here only where the
lines break is worked out for the whole text (for the scrollbar), once per (text, width) and remembered for the
last few texts; a line's Content is made and drawn when it comes into view; the panel's size never changes, so a
new text lays out nothing else. Text selection with the mouse works as in a Static (each character carries its
place in the text).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.css.styles import RulesMap

from tui.textual_compat import line_breaks


class Line(NamedTuple):
    """One wrapped line: its text, the line of the text it is part of, and where in that line it starts."""

    content: Content
    y: int
    x: int


class Wrapped:
    """A Content wrapped to a width as a Static wraps it (word wrap, folding what is longer than a line). Only
    where each line breaks is worked out for the whole text (a count of lines for the scrollbar); a line's own
    Content is made when it is asked for, and kept."""

    def __init__(self, content: Content, width: int) -> None:
        self.width = width
        self.paragraphs = content.split("\n", allow_blank=True)
        self.starts: list[int] = [0] * len(self.paragraphs)
        """Where each line of the text starts, in wrapped lines: [0, ...]."""
        self.breaks: list[list[int]] = []
        """For each line of the text: where each of its wrapped lines starts ([0, ...])."""
        count = 0
        for y, paragraph in enumerate(self.paragraphs):
            if "\t" in paragraph.plain:
                paragraph = self.paragraphs[y] = paragraph.expand_tabs(8)
            self.starts[y] = count
            breaks = [0, *line_breaks(paragraph.plain, width)]
            self.breaks.append(breaks)
            count += len(breaks)
        self.count = count
        self._lines: dict[int, Line] = {}

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> Line:
        line = self._lines.get(index)
        if line is None:
            y = bisect_right(self.starts, index) - 1
            paragraph, breaks, k = self.paragraphs[y], self.breaks[y], index - self.starts[y]
            last = k == len(breaks) - 1
            start, end = breaks[k], len(paragraph.plain) if last else breaks[k + 1]
            # As Content.wrap: a line but the last loses its trailing spaces; none is wider than the width.
            content = paragraph[start:end] if last else paragraph[start:end].rstrip()
            content = content.truncate(self.width).rstrip_end(self.width)
            line = self._lines[index] = Line(content, y, start)
        return line


class _LineVisual(Visual):
    """One wrapped line, drawn with each character's place in the whole text (for selection) and the selection
    shown."""

    def __init__(self, line: Line) -> None:
        self.line = line

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        content, y, x = self.line
        if options.selection is not None and options.selection_style is not None:
            span = options.selection.get_span(y)
            if span is not None:
                start, end = span
                end = x + len(content.plain) if end == -1 else end
                start, end = max(start - x, 0), min(end - x, len(content.plain))
                if start < end:
                    content = content.stylize(options.selection_style, start, end)
        segments = []
        for text, text_style in content.render(style, end="", parse_style=options.get_style):
            segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, y)))
            x += len(text)
        return [Strip(segments, content.cell_length)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.line.content.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


class DetailPanel(ScrollView):
    """Shows one Content, wrapped to the panel's width, scrolling with the mouse and the keys when it is taller
    than the panel. Only the lines in view are drawn."""

    DEFAULT_CSS = """
    DetailPanel {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content("")
        """What the panel shows."""
        self.about: object = None
        """What the content is about (an application's id): a new one is shown from its top."""
        self.lines = Wrapped(Content(""), 1)
        """The content wrapped to the panel's width."""
        self._wrapped: LRUCache[tuple[str, tuple[object, ...], int], Wrapped] = LRUCache(8)
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(256)

    def show(self, content: Content, about: object = None) -> None:
        """Show `content`, from its top when it is `about` something else than what is shown."""
        if about != self.about:
            self.about = about
            self.scroll_home(animate=False, immediate=True)
        elif content.is_same(self.content):
            return
        self.content = content
        self._lay_out()
        self.refresh()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        width, height = self.content_region.size  # less padding and border: the scrollbar is decided here
        if width <= 0:
            self.lines = Wrapped(Content(""), 1)
            self.virtual_size = Size(0, 0)
            return
        # Each line of the text takes a line at least, and as many as its width needs at least: more than the
        # panel holds wraps once, narrower by the scrollbar.
        paragraphs = self.content.plain.split("\n")
        if sum(max(1, -(-cell_len(paragraph) // width)) for paragraph in paragraphs) > height:
            width -= self.styles.scrollbar_size_vertical
        lines = self._wrap(width)
        if len(lines) > height and width == self.content_region.width:
            width -= self.styles.scrollbar_size_vertical
            lines = self._wrap(width)
        self.lines = lines
        self.virtual_size = Size(width, len(lines))

    def _wrap(self, width: int) -> Wrapped:
        key = (self.content.plain, tuple(self.content.spans), width)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = self._wrapped[key] = Wrapped(self.content, max(width, 1))
        return lines

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.visual_style
        if index >= len(self.lines) or width <= 0:
            return Strip.blank(width, style.background_style.rich_style)  # as a container draws its blank rows
        line = self.lines[index]
        selection = self.text_selection
        key = (line.y, line.x, line.content.plain, tuple(line.content.spans), width, style, self.app.theme)
        strip = self._strips.get(key) if selection is None else None
        if strip is None:
            strips = Visual.to_strips(self, _LineVisual(line), width, 1, style)
            strip = strips[0] if strips else Strip.blank(width, style.rich_style)
            if selection is None:
                self._strips[key] = strip
        return strip

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.content.plain), "\n"
