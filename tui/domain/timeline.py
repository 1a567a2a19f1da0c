"""Provides an application's timeline: its whole story oldest first (applied, outcomes, steps, reflections,
wins), each entry saying what it is and which record it is, so any of them can be fixed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tui.domain.changes import Record
from tui.domain.dates import on_day_name
from tui.domain.story import Happened, StoryEvent, step_words, story_of
from tui.domain.models import (
    ActionKind,
    Application,
    OutcomeEvent,
    OutcomeKind,
    ProactiveAction,
    Reflection,
    Win,
)


class EntryKind(StrEnum):
    """What a line of the timeline is, in the user's words (the order entries of one day are listed in)."""

    APPLIED = "applied"
    OUTCOME = "outcome"
    STEP = "step"
    REFLECTION = "reflection"
    WIN = "win"


_ORDER = {kind: index for index, kind in enumerate(EntryKind)}


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the story: its day, what it is, the record it names and what it says (stored text as stored)."""

    kind: EntryKind
    record: Record
    id: int
    on: date
    text: str
    """What happened, e.g. "rejected after interview" or a win's title."""
    detail: str = ""
    """The note, the reflection's first line: shown under the entry."""
    automatic: bool = False
    """Logged by Onward itself (a step that follows its outcome, a win it posted)."""
    subject: OutcomeEvent | ProactiveAction | Reflection | Win | Application | None = None
    """The record itself, as read."""

    @property
    def sort_key(self) -> tuple[date, int, int]:
        return self.on, _ORDER[self.kind], self.id


DAY_UNKNOWN = " · day unknown"
"""What follows an imported status wherever its story is told (the timeline, the Inbox's panel, `onward show`):
it is dated on the applied day, standing in for a day the spreadsheet never gave."""


def outcome_text(told: StoryEvent, today: date) -> str:
    """An outcome as the timeline says it: "rejected after interview", "screening · on Mon (2026-11-30) · planned
    · logged 2026-11-20" (the story says whether it happened; the logged day is named when it is another)."""
    event = told.outcome
    assert event is not None
    text = told.what
    if event.day_unknown:
        return text + DAY_UNKNOWN
    if not told.has_a_day:
        return text
    when = told.on.isoformat()
    if told.happened is Happened.PLANNED:
        text += f" · {on_day_name(told.on, today)} ({when}) · planned"
    elif told.happened is Happened.UNKNOWN:
        text += f" · {on_day_name(told.on, today)} ({when}) · planned · h in the Inbox says how it went"
    elif told.called_off:
        text += f" · was to be on {when} · called off: the application closed"
    elif told.happened is Happened.CANCELLED:
        text += f" · was on {when} · cancelled"
    else:
        text += f" · on {when} · held"
    if told.moved_from is not None:
        text += f" · moved from {told.moved_from.isoformat()}"
    return text + (f" · logged {told.logged_on.isoformat()}" if told.logged_on != told.on else "")


def build_timeline(
    app: Application,
    steps: Iterable[ProactiveAction],
    reflections: Iterable[Reflection],
    wins: Iterable[Win],
    today: date,
) -> list[TimelineEntry]:
    """Everything tied to `app`, oldest first, each outcome on the day it takes place (its story's day). The step
    Onward logs for applying is the "applied" line itself."""
    details = " · ".join(part for part in (app.field, app.source) if part)
    entries = [TimelineEntry(EntryKind.APPLIED, Record.APPLICATION, app.id, app.applied_on, app.title, details, subject=app)]
    entries += [
        TimelineEntry(
            EntryKind.OUTCOME, Record.EVENT, told.id, told.on, outcome_text(told, today), told.outcome.note,
            subject=told.outcome,
        )
        for told in story_of(app, today).events
        if told.outcome is not None
    ]
    outcomes = {event.id: event.kind for event in app.events}
    for step in steps:
        if step.automatic and step.kind is ActionKind.APPLIED:
            continue
        text = step_words(step, outcomes) + (" · automatic" if step.automatic else "")
        entries.append(TimelineEntry(EntryKind.STEP, Record.ACTION, step.id, step.on, text, step.note, step.automatic, step))
    for reflection in reflections:
        feelings = f" · {', '.join(reflection.feelings)}" if reflection.feelings else ""
        entries.append(TimelineEntry(
            EntryKind.REFLECTION, Record.REFLECTION, reflection.id, reflection.on,
            f"mood {reflection.mood} of 5{feelings}", reflection.first_line, subject=reflection,
        ))
    for win in wins:
        text = f"★ {win.title} · {win.kind.label}" + (" · automatic" if win.automatic else "")
        entries.append(TimelineEntry(EntryKind.WIN, Record.WIN, win.id, win.on, text, win.note, win.automatic, win))
    return sorted(entries, key=lambda entry: entry.sort_key)
