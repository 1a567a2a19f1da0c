"""Provides the Inbox's detail pane content: the selected application, its story and what it asks of you."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual.content import Content

from tui.domain.dates import day_name
from tui.domain.inbox import DRAFT_WAITS
from tui.domain.attention import follow_up_due_since, follow_up_planned, settled_sentence, suggests_ghosted
from tui.domain.models import Application, Settings, Status
from tui.domain.story import Happened, story_of
from tui.domain.text import printable
from tui.domain.timeline import DAY_UNKNOWN


def application_detail(
    app: Application, settings: Settings, feedback_asked: Mapping[int, date], today: date, *, reflected: bool = False,
    drafted: bool = False, reflected_on: date | None = None,
) -> Content:
    """The company, role, status and link; each outcome on the day it counts on; a follow-up due, a draft kept,
    a rejection's kind word and feedback asked for; the notes. User text is shown literally. `reflected`: a
    reflection is saved on it (a settled rejection reflected on reads as closed, like any other); `drafted`: a
    draft of a new reflection on it waits (said in its row's words, DRAFT_WAITS); `reflected_on`: the day of the
    reflection saved on a rejection, which e opens (nothing else in the panel said it was reflected on)."""
    lines: list[Content] = [
        Content.styled(printable(app.company), "bold"),
        Content(printable(app.role)),
        Content.styled(printable(" · ".join(p for p in (app.status.label, app.field, app.source) if p)), "$text-accent"),
    ]
    if app.url:
        lines.append(Content.styled(printable(app.url), "dim"))
    lines.append(Content(""))
    lines.append(Content.assemble(("Applied  ", "dim"), app.applied_on.isoformat()))
    # Its story, each outcome on the day it counts on (held: the day it took place; planned or cancelled: the
    # day it was booked, its own day said in words), saying what became of a screening or interview.
    for told in sorted(story_of(app, today).events, key=lambda told: told.counts_on):
        event = told.outcome
        if event is None:
            continue
        label = told.what
        if event.day_unknown:
            label += DAY_UNKNOWN
        elif told.has_a_day:
            label += {
                Happened.PLANNED: f" · planned for {day_name(told.on, today)}",
                Happened.UNKNOWN: f" · was {day_name(told.on, today)}, no word yet: h says how it went",
                Happened.HELD: " · held",
                Happened.CANCELLED: " · called off: the application closed" if told.called_off else " · cancelled",
            }[told.happened]
        lines.append(Content.assemble((f"{told.counts_on.isoformat()}  ", "dim"), label))
        if event.note:
            lines.append(Content.assemble("            ", Content.styled(printable(event.note), "italic")))
    # What it asks of you, by the rule the Inbox's sections follow (tui.domain.attention).
    due = follow_up_due_since(app, settings, today)
    if due is not None:
        lines.append(Content(""))
        lines.append(Content.styled(f"Follow-up due since {due.isoformat()} — u when done.", "$text-warning"))
    elif suggests_ghosted(app, settings, today):
        lines.append(Content(""))
        quiet = (today - app.last_heard_on).days
        lines.append(Content.styled(f"No word for {quiet} days — g if ghosted.", "$text-warning"))
    elif planned := follow_up_planned(app, settings, today):
        lines.append(Content(""))
        lines.append(Content.styled(f"{planned[0].upper()}{planned[1:]} — U changes it.", "$text-muted"))
    elif settled := settled_sentence(app, reflected):
        lines.append(Content(""))
        lines.append(Content.styled(settled, "$text-muted"))
    if drafted:  # the words typed and kept: nothing else in the panel says they wait, nor which key opens them
        lines.append(Content(""))
        lines.append(Content.styled(f"{DRAFT_WAITS[0].upper()}{DRAFT_WAITS[1:]}.", "$text-warning"))
    if app.status is Status.REJECTED:
        lines.append(Content(""))
        if reflected_on is not None:
            lines.append(Content.styled(f"Reflected on {day_name(reflected_on, today)} — e opens it.", "$text-muted"))
        lines.append(Content.styled("Every rejection is one step closer.", "italic $text-success"))
        asked = feedback_asked.get(app.id)
        if asked is not None:
            lines.append(Content.styled(f"Asked for feedback {day_name(asked, today)} — F adds their reply.", "$text-muted"))
    if app.notes:
        lines.append(Content(""))
        lines.append(Content.styled("Notes", "dim"))
        lines.append(Content(printable(app.notes)))
    return Content("\n").join(lines)
