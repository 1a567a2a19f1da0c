"""Provides InboxList: the Inbox's sections as one lazily drawn list (a ten-year journal lists thousands)."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from tui.actions.inbox_view import InboxData
from tui.domain.inbox import InboxRow, Section
from tui.domain.text import number, printable
from tui.widgets.lazy_list import LazyList

EMPTY_SECTION_TEXT = {
    Section.FOLLOW_UPS_DUE: "No follow-ups due.",
    Section.TO_REFLECT_ON: "Nothing to reflect on.",
    Section.WAITING: "Nothing pending: n adds an application.",
    Section.TODAY: "Nothing yet today: a logs a step.",
}
WAITING_BESIDES_FOLLOW_UPS = "None besides those under Follow-ups due."
"""Waiting to hear, empty while every application waiting is under Follow-ups due (so not "nothing pending")."""


def empty_section_text(section: Section, follow_ups_due: int) -> str:
    """The line an empty section shows (unfiltered): Waiting points to Follow-ups due when those hold the rest."""
    if section is Section.WAITING and follow_ups_due:
        return WAITING_BESIDES_FOLLOW_UPS
    return EMPTY_SECTION_TEXT.get(section, "")

Position = Callable[[int], "tuple[Section, int] | None"]
"""Where an application's row is: its section and its place there (None: not listed)."""


def row_content(row: InboxRow) -> tuple[Content, Content]:
    """A row's two lines: its text, and its hint (in the warning colour when it may have gone quiet)."""
    hint_style = "$text-warning" if row.suggests_ghosted else "$text-muted"
    return (
        Content.assemble("  ", Content(printable(row.text))),
        Content.assemble("    ", Content.styled(printable(row.hint), hint_style)),
    )


class InboxList(LazyList):
    """Each section's heading, its rows (or a line saying it is empty) and how many more are not listed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[InboxRow | None] = []
        """What each entry is about (None: a heading or a note)."""
        self.section_starts: dict[Section, int] = {}
        """Where each section's first row is."""
        self._data: InboxData | None = None
        self._position: Position = lambda application_id: None

    @property
    def selected_row(self) -> InboxRow | None:
        index = self.cursor
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def show_inbox(
        self, data: InboxData, position: Position, keep: int | None, working_through: tuple[Section, int] | None = None,
    ) -> None:
        """List `data`, the cursor on application `keep`'s row; `working_through` (a section and the place in it
        the cursor was on): stay in that section when the application moved out of it."""
        self._data, self._position = data, position
        inbox, filtering = data.inbox, bool(data.query)
        # Built with list-wide operations: the sections hold thousands of rows on a ten-year journal.
        entries: list[tuple[Content, ...] | InboxRow] = []
        heights: list[int] = []
        self.rows = []
        self.section_starts = {}
        sections = [Section.FOLLOW_UPS_DUE, Section.TO_REFLECT_ON, Section.WAITING, Section.TODAY]
        if inbox.section(Section.COMING_UP):
            sections.insert(0, Section.COMING_UP)
        if data.show_closed or filtering:
            sections.append(Section.CLOSED)
        for section in sections:
            rows = inbox.section(section)
            heading = Content.assemble((section.value, "bold $text-accent"), (f"  {number(len(rows))}" if rows else "", "$text-muted"))
            notes: list[tuple[Content, ...]] = [(heading,)]
            if not rows:
                due = len(inbox.section(Section.FOLLOW_UPS_DUE))
                empty = "No matches." if filtering else empty_section_text(section, due)
                notes.append((Content.styled(f"  {empty}", "$text-muted italic"),))
            entries += notes
            heights += [1] * len(notes)
            self.rows += [None] * len(notes)
            self.section_starts[section] = len(entries)
            entries += rows
            heights += [2] * len(rows)
            self.rows += rows
            more = ""
            if section is Section.CLOSED and data.closed_total > len(rows):
                more = f"  {number(data.closed_total - len(rows))} older closed not shown · type in / to narrow"
            elif section is Section.TO_REFLECT_ON and data.more_to_reflect:
                more = f"  {number(data.more_to_reflect)} older not shown · type in / to find one"
            if more:
                entries.append((Content.styled(more, "$text-muted italic"),))
                heights.append(1)
                self.rows.append(None)

        def lines(index: int) -> tuple[Content, ...]:
            entry = entries[index]
            return row_content(entry) if isinstance(entry, InboxRow) else entry

        cursor = self.index_of(keep)
        if working_through is not None:
            cursor = self._kept_in(*working_through, cursor)
        self.set_entries(heights, [row is not None for row in self.rows], lines, cursor=cursor)

    def place_in_section(self) -> tuple[Section, int] | None:
        """The selected row's section and its place within it (a write can add rows above the section)."""
        row, cursor = self.selected_row, self.cursor
        if row is None or cursor is None or row.section not in self.section_starts:
            return None
        return row.section, cursor - self.section_starts[row.section]

    def _kept_in(self, section: Section, place: int, cursor: int | None) -> int | None:
        """Where the cursor goes after a write while working through `section`: the moved application's row
        if it is still there, else the row now at `place` in the section (or just above it)."""
        row = self.rows[cursor] if cursor is not None and cursor < len(self.rows) else None
        if row is not None and row.section is section:
            return cursor
        start = self.section_starts.get(section)
        if start is None:
            return cursor
        for candidate in (start + place, start + place - 1):
            if 0 <= candidate < len(self.rows):
                near = self.rows[candidate]
                if near is not None and near.section is section:
                    return candidate
        return cursor

    def index_of(self, application_id: int | None) -> int | None:
        """Where the application's first row is (else the first row there is): found by its place in its
        section rather than by walking thousands of rows."""
        starts = self.section_starts
        if application_id is not None:
            placed = self._position(application_id)
            if placed is not None and placed[0] is not Section.CLOSED and placed[0] in starts:
                return starts[placed[0]] + placed[1]
            start = starts.get(Section.TODAY)
            if start is not None:
                for offset, row in enumerate(self._data.inbox.section(Section.TODAY) if self._data else ()):
                    if row.application is not None and row.application.id == application_id:
                        return start + offset
            if placed is not None and placed[0] in starts:
                return starts[placed[0]] + placed[1]
        return next((index for index, row in enumerate(self.rows) if row is not None), None)
