"""Provides DetailPanel: a scrolling panel of text that draws only the lines in view.

The Inbox's detail pane was a Static in a VerticalScroll: each cursor move wrapped the whole text twice (once to
lay the screen out, once to draw), built a Content and drew a line for every wrapped line, seen or not, and laid
the whole screen out again; a pasted job description in the notes made every arrow key slower (10,000
characters: twice the CPU of no notes; a 10,000-character word in every field: ten times). Here the text is
wrapped once per (text, width) by Textual's own `Content.wrap` (~2 ms for 10,000 characters; Rich's private
`divide_line` would find the breaks alone in half that: DESIGN rule 11 keeps the public call) and remembered for
the last few texts; only the lines in view are drawn; the panel's size never changes, so a new text lays out
nothing else. Text selection with the mouse works as in a Static (each character carries its place in the text).
"""

from __future__ import annotations

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



class Line(NamedTuple):
    """One wrapped line: its text, the line of the text it is part of, and where in that line it starts."""

    content: Content
    y: int
    x: int


class Wrapped:
    """A Content wrapped to a width as a Static wraps it (Textual's own `Content.wrap`, line by line of the text),
    with where each wrapped line starts in its line of the text (for mouse selection)."""

    def __init__(self, content: Content, width: int) -> None:
        self.width = width
        self.lines: list[Line] = []
        for y, paragraph in enumerate(content.split("\n", allow_blank=True)):
            plain, at = paragraph.plain, 0
            for wrapped in paragraph.expand_tabs(8).wrap(width) if "\t" in plain else paragraph.wrap(width):
                text = wrapped.plain
                if not plain.startswith(text, at):  # the spaces a break dropped lie between two lines
                    found = plain.find(text.lstrip(" ") or text, at)
                    at = found - (len(text) - len(text.lstrip(" "))) if found >= 0 else at
                self.lines.append(Line(wrapped, y, max(at, 0)))
                at = max(at, 0) + len(text)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index: int) -> Line:
        return self.lines[index]


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
