"""Provides NudgeLine: the Inbox's one kind line under the greeting while a field has had repeated rejections lately."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.domain.broaden import BroadenNudge
from tui.domain.text import printable


class NudgeLine(Static):
    """The broaden nudge (5 tells more, b hides it), hidden while there is none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.nudge: BroadenNudge | None = None

    def show_nudge(self, nudge: BroadenNudge | None) -> None:
        if nudge == self.nudge and self.display == (nudge is not None):
            return  # unchanged: redrawing a line of auto height lays out the whole screen again (~5 ms)
        self.nudge = nudge
        self.styles.display = "block" if nudge is not None else "none"  # what `display = …` sets
        if nudge is not None:
            # The field and gap names are the user's own words: plain Content, never markup.
            self.update(Content.assemble(
                ("↗ ", "$text-accent"), Content(printable(nudge.short)), (" 5 for more · b hide", "$text-muted")
            ))
