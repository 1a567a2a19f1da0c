"""Provides AreaScreen: the base of the four areas (1–4), redrawn from the journal each time one is shown."""

from __future__ import annotations

from textual.screen import Screen

from tui.widgets.onward_access import OnwardAccess


class AreaScreen(OnwardAccess, Screen[None]):
    """Calls `refresh_view()` once each time the area comes to the front (the first time included)."""

    def __init__(self) -> None:
        super().__init__()
        self._showing = False

    def refresh_view(self) -> None:
        """Redraw from the journal; each area defines what that means."""

    def on_shown(self) -> None:
        """Called after the redraw when the area comes to the front (e.g. to focus its list)."""

    def on_screen_resume(self) -> None:
        # Textual can send two resumes when a mode's screen first appears; redraw once per showing.
        if not self._showing:
            self._showing = True
            self.refresh_view()
            self.on_shown()

    def on_screen_suspend(self) -> None:
        self._showing = False
