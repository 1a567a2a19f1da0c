"""Provides the journal's exports: Onward JSON (read back by tui.domain.onward_json, loaded by
tui.actions.imports) and Markdown."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tui.domain.onward_json import FORMAT, FORMAT_VERSION
from tui.domain.reflections import MOOD_WORDS
from tui.domain.text import markdown_body, markdown_inline, strip_controls
from tui.store.files import check_target, write_private_file
from tui.store.repository import WEEKDAY_NAMES, Journal


def export_journal(journal: Journal) -> dict[str, Any]:
    """The whole journal as Onward JSON (FORMAT_VERSION), dates ISO, as a dict (what `json_chunks` writes)."""
    return json.loads("".join(json_chunks(journal)))


def _records(journal: Journal) -> Iterator[tuple[str, Any]]:
    """Onward JSON's keys in order, each list a lazy iterator so ten years never sit in memory at once.
    Everything the journal holds is here (tui/domain/onward_json.py reads it back): ids and links, automatic
    wins with their cause, the ones removed, the support circle, drafts, rest days and every setting."""
    settings = journal.settings()
    yield "format", FORMAT
    yield "version", FORMAT_VERSION
    if (journal_id := journal.journal_id()) is not None:
        yield "journal", journal_id
    yield "applications", journal.records.application_records()
    yield "reflections", (
        {
            "id": r.id,
            "on": r.on.isoformat(),
            "application_id": r.application_id,
            "mood": r.mood,
            "feelings": list(r.feelings),
            "stage": r.stage.value if r.stage else None,
            "went_well": r.went_well,
            "do_differently": r.do_differently,
            "gaps": list(r.gaps),
            "stumbles": r.stumbles,
            "next_step": r.next_step,
            "next_step_on": r.next_step_on.isoformat() if r.next_step_on else None,
            "talk_to": r.talk_to,
            "body": r.body,
            "next_step_done_on": r.next_step_done_on.isoformat() if r.next_step_done_on else None,
            # Only once a reply came, as an action's person and gaps: a journal without any exports as before.
            **({"feedback": r.feedback} if r.feedback else {}),
        }
        for r in journal.reflections.every()
    )
    yield "wins", journal.records.win_records()
    yield "removed_automatic_wins", journal.records.removed_win_causes()
    yield "people", journal.records.people_records()
    yield "actions", journal.records.action_records()
    yield "rest_days", (d.isoformat() for d in journal.rest_days())
    yield "drafts", journal.records.draft_records()
    chosen = {
        "rest_weekdays": [WEEKDAY_NAMES[d] for d in sorted(settings.rest_weekdays)],
        "weekly_target": settings.weekly_target,
        "follow_up_after_days": settings.follow_up_after_days,
        "ghosted_after_days": settings.ghosted_after_days,
        "follow_ups": settings.follow_ups,
    }
    if settings.theme:
        chosen["theme"] = settings.theme
    if settings.hidden_nudges:
        chosen["hidden_nudges"] = {key: day.isoformat() for key, day in settings.hidden_nudges}
    yield "settings", chosen


# json.dumps escapes U+0000-001F but, with ensure_ascii=False, passes DEL, C1 controls, bidi overrides and
# line separators through; they can only occur inside strings, where \uXXXX means the same.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _chunks(pairs: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """Onward JSON as text, piece by piece: one record a line (readable, and quick: indent would force the
    pure-Python encoder, 3 s on ten years), non-ASCII kept, nothing a terminal would act on."""
    yield "{"
    for index, (key, value) in enumerate(pairs):
        yield f"{',' if index else ''}\n  {json.dumps(key)}: "
        if isinstance(value, (dict, str, int)) or value is None:
            yield _safe(json.dumps(value, ensure_ascii=False))
            continue
        records = iter(value)
        first = next(records, _NOTHING)
        if first is _NOTHING:
            yield "[]"
            continue
        yield "[\n    " + _safe(_encode(first))
        for record in records:
            yield ",\n    " + _safe(_encode(record))
        yield "\n  ]"
    yield "\n}\n"


_NOTHING = object()


def json_chunks(journal: Journal) -> Iterator[str]:
    """The whole journal as Onward JSON text, in pieces to write as they come (`onward export json`)."""
    return _chunks(_records(journal))


def dumps(data: dict[str, Any]) -> str:
    """Onward JSON text of `data` (a dict of records), as the export writes it."""
    return "".join(_chunks(data.items()))


# What makes a line a heading, list, quote, rule or setext underline when it starts the line.
_MD_LINE_START = re.compile(r"^([=+\-])")
_MD_ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])")


def markdown_line(text: str) -> str:
    """User text as one line of Markdown that shows literally, even where it starts a line or a list item."""
    escaped = markdown_inline(text)  # also drops the indent that would make a code block
    return _MD_ORDERED_LIST.sub(r"\1\\\2", _MD_LINE_START.sub(r"\\\1", escaped))


def markdown_paragraphs(text: str) -> str:
    """User text as Markdown that shows literally: each line its own plain paragraph, starting nothing."""
    return "\n\n".join(escaped for escaped in map(markdown_line, strip_controls(text).splitlines()) if escaped)


def export_markdown(journal: Journal) -> str:
    """Every reflection as readable Markdown, one section each, newest first; then the support circle."""
    applications = {app.id: app for app in journal.applications.every()}
    reflections = journal.reflections.every()
    lines = ["# Onward reflections", ""]
    if not reflections:
        lines += ["No reflections yet.", ""]
    for reflection in reflections:
        app = applications.get(reflection.application_id) if reflection.application_id else None
        heading = f"{markdown_inline(app.company)} — {markdown_inline(app.role)}" if app else "Reflection"
        lines += [f"## {reflection.on.isoformat()} · {heading}", ""]
        facts = [f"**Mood:** {reflection.mood}/5 ({MOOD_WORDS[reflection.mood]})"]
        if reflection.feelings:
            facts.append(f"**Feelings:** {markdown_inline(', '.join(reflection.feelings))}")
        if reflection.stage:
            facts.append(f"**Stage reached:** {reflection.stage.label}")
        if reflection.gaps:
            facts.append(f"**Gaps:** {markdown_inline(', '.join(reflection.gaps))}")
        lines += [f"- {fact}" for fact in facts] + [""]
        for title, text in (
            ("What went well", reflection.went_well),
            ("What I'd do differently", reflection.do_differently),
            ("Interview stumbles", reflection.stumbles),
            ("Their feedback", reflection.feedback),
            ("Who I'll talk to", reflection.talk_to),
        ):
            paragraphs = markdown_paragraphs(text)
            if paragraphs:
                lines += [f"### {title}", "", paragraphs, ""]
        if reflection.next_step:
            when = f" (by {reflection.next_step_on.isoformat()})" if reflection.next_step_on else ""
            done = " ✓ done" if reflection.next_step_done_on else ""
            lines += ["### Next step", "", f"{markdown_paragraphs(reflection.next_step)}{when}{done}", ""]
        notes = markdown_body(reflection.body, under_level=3)  # the body is Markdown to its writer; the rest is not
        if notes:
            lines += ["### Notes", "", notes, ""]
    people = journal.steps.people()
    if people:
        lines += ["## Support circle", ""]
        for person in people:
            contacted = person.last_contacted.isoformat() if person.last_contacted else "not yet"
            note = f": {markdown_inline(person.note)}" if person.note.strip() else ""
            lines.append(f"- {markdown_line(person.name)} ({person.relation.label}), last contacted {contacted}{note}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


EXPORT_FORMATS = {
    "json": "Onward JSON (everything)", "md": "Markdown (reflections)", "csv": "CSV (applications, for a spreadsheet)",
    "ics": "Calendar (.ics: interviews, follow-ups, next steps)",
}
EXPORT_SUFFIXES = {"json": ".json", "md": ".md", "csv": ".csv", "ics": ".ics"}
CRLF_EXPORTS = ("csv", "ics")
"""Exports whose lines end in CRLF, as their standards say (RFC 4180, RFC 5545): on standard output too."""


def export_text(journal: Journal, kind: str, today: date, now: datetime) -> str | Iterator[str]:
    """What `onward export KIND` and the app's export write: Onward JSON in pieces as it is read, the
    reflections as Markdown, the applications as spreadsheet-safe CSV, or the calendar feed (stamped `now`)."""
    if kind == "json":
        return json_chunks(journal)
    if kind == "csv":
        from tui.domain.tables import applications_csv

        return applications_csv(journal.applications.every(), today)
    if kind == "md":
        return export_markdown(journal)
    if kind == "ics":
        return calendar_feed(journal, today, now)
    raise ValueError(f"not an export format: {kind}")


def calendar_feed(journal: Journal, today: date, now: datetime) -> str:
    """The calendar of what is coming (tui.domain.calendar_feed), read through the Inbox's own queries, stamped
    `now` (the moment in UTC, read by the caller as it reads today)."""
    from tui.domain.calendar_feed import calendar_items, ics_text

    planned = journal.applications.planned_interviews()
    with_apps = {app.id: app for app in journal.applications.by_id(e.application_id for e in planned)}
    next_steps = [r for r in journal.reflections.with_a_step_by(today + timedelta(days=366)) if not r.next_step_done_on]
    companies = journal.applications.companies_of(r.application_id for r in next_steps if r.application_id)
    items = calendar_items(
        [(event, with_apps[event.application_id]) for event in planned if event.application_id in with_apps],
        journal.applications.inbox(today), next_steps, journal.settings(), today, companies,
    )
    return ics_text(items, now)


def export_to_file(journal: Journal, kind: str, target: Path, today: date, now: datetime, *, force: bool = False) -> Path:
    """Write the export to a new private file (0600, all at once), never over the journal or its companions,
    nor over an existing file unless `force`; raises FileRefused saying why."""
    check_target(target, journals=[journal.path], force=force)
    return write_private_file(target, export_text(journal, kind, today, now), journals=[journal.path], force=force)
