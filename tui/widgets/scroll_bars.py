"""Scroll bars drawn once per look: Textual's own bar (`ScrollBarRender`), made a Textual `Visual` whose lines are
kept by size, position and colours.

Textual draws a scroll bar as a Rich renderable: every refresh of a bar (each layout of a list whose length
changed, each first showing of a screen, each write that redraws the Inbox) went through Rich's console again,
~0.7 ms a bar on this machine, and a journal with a scroll bar paid it where a new one, whose lists fit the screen,
did not. Textual's public way to draw bars differently is `ScrollBar.renderer`; what it gives back here is a
`Visual`, which Textual draws as it is, and the same bar at the same place is the same lines.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.css.styles import RulesMap
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

DRAWN_BARS = 64
"""Bars kept: a few lists on a few screens, each at a few positions while scrolled."""


class KeptScrollBar(ScrollBarRender, Visual):
    """Textual's scroll bar, drawn line by line as Textual draws it, and kept: the same size, position and
    colours on the same background are the same lines (Textual's own `render_bar` makes them)."""

    _drawn: LRUCache[tuple, list[Strip]] = LRUCache(DRAWN_BARS)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        height = height or 1
        base = style.rich_style
        bar_style = self.style if isinstance(self.style, RichStyle) else RichStyle.parse(str(self.style))
        key = (self.virtual_size, self.window_size, self.position, self.vertical, width, height, bar_style, base)
        strips = self._drawn.get(key)
        if strips is None:
            strips = self._drawn[key] = self._draw(width, height, bar_style, base)
        return strips

    def _draw(self, width: int, height: int, bar_style: RichStyle, base: RichStyle) -> list[Strip]:
        """The bar's lines: Textual's segments with the widget's style under each (as its `post_render` puts
        it), cut into lines `width` wide."""
        bar = self.render_bar(
            size=height if self.vertical else width,
            window_size=self.window_size,
            virtual_size=self.virtual_size,
            position=self.position,
            vertical=self.vertical,
            thickness=width if self.vertical else height,
            back_color=bar_style.bgcolor or Color.parse("#555555"),
            bar_color=bar_style.color or Color.parse("bright_magenta"),
        )
        segments = bar.segments
        if bar.new_lines:  # a vertical bar: a segment a line
            segments = [piece for segment in segments for piece in (segment, Segment.line())]
        styled = (Segment(text, base + segment_style if base else segment_style) for text, segment_style, _ in segments)
        lines = Segment.split_and_crop_lines(styled, width, include_new_lines=False, pad=False)
        return [Strip(line) for _, line in zip(range(height), lines)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


def keep_scroll_bars() -> None:
    """Every scroll bar in this process drawn by `KeptScrollBar` (the app calls it as it starts)."""
    ScrollBar.renderer = KeptScrollBar
