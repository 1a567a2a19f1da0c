"""Provides AreaScreen: the base of the four areas (1–4), redrawn from the journal each time one is shown."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

from tui import textual_compat
from tui.domain.changes import Undo
from tui.widgets.lazy_list import LazyList
from tui.widgets.onward_access import OnwardAccess

if TYPE_CHECKING:
    from tui.store.repository import Journal


class RedrawnOnWrites:
    """A dialog the app redraws, as it does an area, when it is in front and another window or the command line
    writes to the journal (the timeline: what it lists may have been edited or removed there)."""

    def refresh_view(self) -> None:
        raise NotImplementedError


class AreaScreen(OnwardAccess, Screen[None]):
    """Calls `refresh_view()` when the area comes to the front and the journal changed since it last drew
    (any write of this app, another window's or the command line's, or a new day)."""

    def __init__(self) -> None:
        super().__init__()
        # A new area is styled with the app's CSS as it mounts; marked so, Textual does not restyle every node
        # of every screen on its first showing (~25 ms a first visit), as it does for a screen left behind by
        # a theme change (one built before it stays behind, and is restyled as before).
        textual_compat.mark_styled(self)
        self._showing = False
        self._drawn: tuple | None = None
        self.redraw_next_showing = False
        """Set by an area whose look changes by being seen (the wall's ★ new marks)."""

    DRAWN_AHEAD = False
    """Whether the app draws this area from the journal once it has built it ahead (`draw_ahead`)."""

    def draw_ahead(self) -> None:
        """Draw from the journal off screen, laid out and with the lines in view drawn (the app calls it while
        idle, once it built the area ahead): the first showing then finds its list sized, its scroll bar made
        and styled, and redraws only what changed since, as any later showing does."""
        if self._drawn is not None or self.app.screen is self:
            return  # shown (or being shown) already
        stamp = self._stamp()
        self.refresh_view()
        self._drawn = stamp
        textual_compat.lay_out_ahead(self.app, self)  # sizes the lists, making the scroll bars ten years need
        # Styled now, the scroll bars do not lay the area out a second time on its first showing (~5 ms).
        self.update_node_styles(animate=False)
        textual_compat.lay_out_ahead(self.app, self)
        for listing in self.query(LazyList):
            listing.draw_ahead()

    def settle_ahead(self) -> None:
        """Once the app is idle again after `draw_ahead`: draw each part's lines as its first showing would.
        Textual keeps them until a part changes, so the first showing draws only what changed since (a wall of
        cards took ~3 ms). A part's scroll bar too: Textual draws it again on each layout, and finds it kept
        (tui/widgets/scroll_bars.py) where it drew it through Rich each time (~0.7 ms on ten years). (Laying it
        out once more too, for the layouts its first layout asked for, would save the first showing ~2 ms more on
        ten years, but Textual has no public way to: DESIGN rule 11.)"""
        if self.app.screen is self or self._drawn is None:
            return
        for part in self.walk_children(Widget):
            if part.display and part.region:
                part.render_lines(Region(0, 0, *part.region.size))
                if part.show_vertical_scrollbar and part.vertical_scrollbar.region:
                    part.vertical_scrollbar.render_lines(Region(0, 0, *part.vertical_scrollbar.region.size))

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        """Read what this area's first showing reads, so the journal remembers it (until its tables change):
        the app calls it while idle after the first paint, and a first visit finds the whole-history reads
        done. Each area names its own reads here, next to the code that uses them."""

    def refresh_view(self) -> None:
        """Redraw from the journal; each area defines what that means."""

    def refresh_after_undo(self, change: Undo) -> None:
        """Redraw after z undid `change`; an area that keeps what it read can read again only what changed."""
        self.refresh_view()

    def on_shown(self) -> None:
        """Called after the redraw when the area comes to the front (e.g. to focus its list)."""

    def on_screen_resume(self) -> None:
        # Textual can send two resumes when a mode's screen first appears; redraw once per showing.
        if not self._showing:
            self._showing = True
            # data_version too: another window's commit shows at once, not at the journal watch's next tick.
            stamp = self._stamp()
            if stamp != self._drawn or self.redraw_next_showing:
                self.redraw_next_showing = False
                self.refresh_view()
            self._drawn = stamp
            self.on_shown()

    def _stamp(self) -> tuple:
        """What the area was drawn for: the app's generation, today and the journal's version."""
        return (self.onward.generation, self.onward.today, self.onward.journal_version())

    def drawn_after_own_change(self) -> None:
        """Say the area has just redrawn what this app wrote (say, after a dialog's answer): when the dialog
        closes, its showing again does not redraw it all a second time. Another window's commit since it
        last drew still shows (the journal's data version is part of what is compared)."""
        if self._drawn is not None and self._drawn[1:] == (self.onward.today, self.onward.journal_version()):
            self._drawn = (self.onward.generation, *self._drawn[1:])

    def on_screen_suspend(self) -> None:
        self._showing = False
