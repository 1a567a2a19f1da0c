"""Provides the tables Onward writes for other programs and people: the applications as a spreadsheet-safe
CSV, and an activity report (Markdown, plain text for a terminal, or CSV) proving a job search over a period.

Pure: the inputs are domain objects, the outputs text; the caller writes the file.

Spreadsheet-safe means OWASP's CSV-injection advice: a cell that starts with = + - @, a tab or a carriage
return is prefixed with ' so a spreadsheet shows it as text instead of running it as a formula; reading a
CSV back (tui/domain/spreadsheets.py) takes that one ' off again.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tui.domain.dates import reported_until
from tui.domain.models import ActionKind, Application, OutcomeKind, ProactiveAction
from tui.domain.story import Happened, step_words, story_of
from tui.domain.text import clean_line, markdown_inline, number, plural, strip_controls, word_end

BOM = "\ufeff"
"""Written first so spreadsheets read the file as UTF-8 (accents, emoji) rather than the local code page."""

APPLICATION_COLUMNS = (
    "id", "company", "role", "field", "source", "url", "applied_on", "status",
    "last_step", "last_step_on", "follow_up_on", "notes",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _starts_a_formula(text: str) -> bool:
    """A formula start, or one behind apostrophes ("'=x" gets its own ', so a reader takes back only the one added)."""
    return text.lstrip("'").startswith(_FORMULA_STARTS)


def spreadsheet_cell(text: str) -> str:
    """User text as a CSV cell a spreadsheet shows as written: terminal controls removed, a ' before a formula start."""
    cleaned = strip_controls(text)
    # Checked before and after cleaning: "\r=cmd" starts with CR, and "\x00=cmd" becomes "=cmd".
    if text.startswith(_FORMULA_STARTS) or _starts_a_formula(cleaned):
        return "'" + cleaned
    return cleaned


def text_of_spreadsheet_cell(cell: str) -> str:
    """A CSV cell read back as the text `spreadsheet_cell` kept safe: the one ' it adds before a formula start
    taken off (Onward's own export imported again kept "'-Dash Co"); any other cell as it is."""
    return cell[1:] if cell.startswith("'") and _starts_a_formula(cell[1:]) else cell


class _CsvLines:
    """Formats one row at a time as an RFC 4180 line (quoted as needed, ending in CRLF)."""

    def __init__(self) -> None:
        import csv  # here: `onward list` reads last_step from this module and writes no CSV

        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def line(self, cells: Iterable[str | int]) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()


def last_step(app: Application, today: date) -> tuple[str, date]:
    """The latest thing on an application by `today` (its words, and the day it counts on), as its story tells it."""
    latest = story_of(app, today).latest(today)
    return latest.words, latest.counts_on


def applications_csv(applications: Iterable[Application], today: date) -> Iterator[str]:
    """The applications as spreadsheet-safe CSV, one line at a time: a UTF-8 BOM and the header first."""
    lines = _CsvLines()
    yield BOM + lines.line(APPLICATION_COLUMNS)
    for app in applications:
        step, step_on = last_step(app, today)
        yield lines.line(
            (
                app.id,
                spreadsheet_cell(app.company),
                spreadsheet_cell(app.role),
                spreadsheet_cell(app.field),
                spreadsheet_cell(app.source),
                spreadsheet_cell(app.url),
                app.applied_on.isoformat(),
                app.status.label,
                step,
                step_on.isoformat(),
                app.follow_up_on.isoformat() if app.follow_up_on else "",
                spreadsheet_cell(app.notes),
            )
        )


# ---------------------------------------------------------------- the activity report

ReportFormat = Literal["md", "text", "csv"]

@dataclass(frozen=True)
class ReportLine:
    """One thing done in the period, as the report lists it."""

    on: date
    activity: str
    """"application", "follow-up", "interview" or "action": the weekly total it counts in."""
    kind: str = ""
    company: str = ""
    role: str = ""
    source: str = ""
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class WeekTotals:
    """What was done in one ISO week (Monday to Sunday), counting only the days inside the period."""

    label: str
    """The ISO week, like 2024-W47."""
    first: date
    last: date
    applications: int = 0
    follow_ups: int = 0
    interviews: int = 0
    other_actions: int = 0

    @property
    def total(self) -> int:
        return self.applications + self.follow_ups + self.interviews + self.other_actions


ACTIVITIES = ("application", "follow-up", "interview", "action")


GENERAL_FOLLOW_UP = "general follow-up (no application named)"
"""What the report says of a follow-up logged on no application, where the others name their company."""


def activity_lines(
    applications: Iterable[Application], actions: Iterable[ProactiveAction], since: date, until: date,
    today: date | None = None,
) -> list[ReportLine]:
    """Everything done from `since` to `until` (both included), each on the day it happened: applications,
    follow-ups, interviews held (never one planned or cancelled: see `arranged_lines`; nor one whose day nobody
    gave), other actions."""
    lines: list[ReportLine] = []
    outcomes: dict[int, OutcomeKind] = {}
    by_id: dict[int, Application] = {}
    for app in applications:
        by_id[app.id] = app
        outcomes.update((event.id, event.kind) for event in app.events)
        for told in story_of(app, today or until).events:
            if told.happened is not Happened.HELD or not told.day_known or not since <= told.on <= until:
                continue  # (an import's status with no day of its own happened on no day a report can name)
            if told.outcome is None:
                lines.append(ReportLine(told.on, "application", "applied", app.company, app.role, app.source, app.url))
            elif told.kind is OutcomeKind.FOLLOWED_UP:
                lines.append(ReportLine(told.on, "follow-up", "followed up", app.company, app.role, note=told.outcome.note))
            elif told.is_interview:
                lines.append(ReportLine(told.on, "interview", told.what, app.company, app.role, note=told.outcome.note))
    for action in actions:
        # Steps recorded automatically for an application (applied, followed up, interview attended) repeat
        # what its story already lists above.
        if not since <= action.on <= until or (action.automatic and action.application_id is not None):
            continue
        activity = {ActionKind.FOLLOWED_UP: "follow-up", ActionKind.INTERVIEW_ATTENDED: "interview"}.get(action.kind, "action")
        if action.kind is ActionKind.APPLIED:
            activity = "application"
        if activity == "follow-up":
            # A follow-up names its application, or says it has none (proof for a benefit office).
            tied = by_id.get(action.application_id) if action.application_id is not None else None
            if tied is not None:
                lines.append(ReportLine(action.on, activity, "followed up", tied.company, tied.role, note=action.note))
                continue
            if action.application_id is None:
                lines.append(ReportLine(action.on, activity, GENERAL_FOLLOW_UP, note=action.note))
                continue
        lines.append(ReportLine(action.on, activity, step_words(action, outcomes), note=action.note))
    order = {name: index for index, name in enumerate(ACTIVITIES)}
    lines.sort(key=lambda line: (line.on, order[line.activity]))
    return lines


def arranged_lines(applications: Iterable[Application], since: date, until: date, today: date) -> list[ReportLine]:
    """Screenings and interviews arranged in the period (or whose day falls in it) that were not attended: still
    planned, no word yet, or cancelled. Listed apart, never counted; `note` says which, `source` the day it was
    arranged."""
    lines = [
        ReportLine(
            told.on, "arranged", told.what, app.company, app.role, told.logged_on.isoformat(),
            note=told.happened.label + (f", moved from {told.moved_from.isoformat()}" if told.moved_from is not None else ""),
        )
        for app in applications
        for told in story_of(app, today).interviews()
        if told.happened is not Happened.HELD and (since <= told.on <= until or since <= told.logged_on <= until)
    ]
    return sorted(lines, key=lambda line: (line.on, line.source))


def weekly_totals(lines: Sequence[ReportLine], since: date, until: date) -> list[WeekTotals]:
    """One WeekTotals per ISO week touching the period, quiet weeks included, oldest first."""
    weeks: list[WeekTotals] = []
    monday = since - timedelta(days=since.weekday())
    counts = {activity: [0] * ((until - monday).days // 7 + 1) for activity in ACTIVITIES}
    for line in lines:
        counts[line.activity][(line.on - monday).days // 7] += 1
    index = 0
    while monday <= until:
        year, week, _ = monday.isocalendar()
        weeks.append(
            WeekTotals(
                f"{year}-W{week:02d}", max(monday, since), min(monday + timedelta(days=6), until),
                *(counts[activity][index] for activity in ACTIVITIES),
            )
        )
        monday += timedelta(days=7)
        index += 1
    return weeks


def activity_report(
    applications: Iterable[Application],
    actions: Iterable[ProactiveAction],
    since: date,
    until: date,
    format: ReportFormat = "md",
    today: date | None = None,
) -> str:
    """Proof of job-search activity from `since` to `until`: every application, follow-up, interview held and
    proactive action in date order, with weekly totals, and apart the interviews arranged but not attended
    (as of `today`, the period's last day unless given; a period asked to end after today stops at today and
    says so under its heading), as Markdown, plain text (the same, to read on a
    terminal: no marks or escapes) or spreadsheet-safe CSV (with a BOM)."""
    if until < since:
        raise ValueError(f"The period ends ({until.isoformat()}) before it starts ({since.isoformat()}).")
    asked_until = until
    if today is not None:
        until = reported_until(until, today)
    applications = list(applications)
    lines = activity_lines(applications, actions, since, until, today)
    arranged = arranged_lines(applications, since, until, today or until)
    weeks = weekly_totals(lines, since, until)
    if format == "csv":
        return _report_csv(lines, weeks, since, until, arranged, _runs_to_today(until, asked_until))
    if format == "md":
        return _report_markdown(lines, weeks, since, until, arranged, runs_to_today=_runs_to_today(until, asked_until))
    if format == "text":
        return _report_markdown(lines, weeks, since, until, arranged, PLAIN, _runs_to_today(until, asked_until))
    raise ValueError(f'"{format}" is not a report format; use md, text or csv.')


def _totals(lines: Sequence[ReportLine]) -> dict[str, int]:
    return {activity: sum(line.activity == activity for line in lines) for activity in ACTIVITIES}


def _summary(lines: Sequence[ReportLine]) -> str:
    totals = _totals(lines)
    return " · ".join(
        (
            plural(totals["application"], "application"),
            plural(totals["follow-up"], "follow-up"),
            plural(totals["interview"], "interview"),
            plural(totals["action"], "other proactive action"),
        )
    )


def _runs_to_today(until: date, asked_until: date) -> str:
    """Said under the heading when the period asked for ends after today: the report stops at today."""
    if asked_until <= until:
        return ""
    return f"Up to today, {until.isoformat()}: the period asked for runs to {asked_until.isoformat()}, which has not come yet."


def _no_activity(since: date, until: date) -> str:
    return f"No job-search activity is recorded from {since.isoformat()} to {until.isoformat()}."


def markdown_cell(text: str) -> str:
    """User text shown literally in a Markdown table cell: one line, every mark escaped (| included)."""
    return markdown_inline(text)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: int = 0) -> list[str]:
    """A Markdown table; the last `numeric` columns right-aligned."""
    align = ["---"] * (len(header) - numeric) + ["---:"] * numeric
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return out


PLAIN_CELL_COLUMNS = 60
"""The widest a plain-text report's cell is (a 5,000-character note padded every row of its table to 5,000
columns): a longer one ends in "…" there; the Markdown and CSV reports keep it whole."""


def _plain_table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: int = 0) -> list[str]:
    """A table as lined-up columns of plain text (two spaces apart); the last `numeric` columns right-aligned;
    a cell wider than PLAIN_CELL_COLUMNS cut to it."""
    rows = [[_cut_to_columns(cell, PLAIN_CELL_COLUMNS) for cell in row] for row in rows]
    widths = [max(_columns(cell) for cell in column) for column in zip(header, *rows)]
    first_number = len(header) - numeric

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            " " * (width - _columns(cell)) + cell if index >= first_number else cell + " " * (width - _columns(cell))
            for index, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    return [line(header), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def _cut_to_columns(text: str, most: int) -> str:
    """`text` in at most `most` terminal columns: a longer one cut after its last whole word that fits (a word
    longer than that: where it reaches the edge), ending in "…"."""
    if _columns(text) <= most:
        return text
    kept, used = [], 0
    for char in text:
        width = _columns(char)
        if used + width > most - 1:
            break
        kept.append(char)
        used += width
    cut = "".join(kept).rstrip()
    return cut[: word_end(cut, most)].rstrip() + "…"


def _columns(text: str) -> int:
    """How many terminal columns `text` takes: a wide character (CJK, most emoji) two, a combining mark none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass(frozen=True)
class _Style:
    """How the report's one layout is written: Markdown (a file, a pipe) or plain text (a terminal)."""

    heading: Callable[[str, int], list[str]]
    strong: Callable[[str], str]
    cell: Callable[[str], str]
    table: Callable[..., list[str]]
    total_row: bool
    """Whether the weekly totals' sum is written under the table as a line of its own (Markdown, in bold)."""


MARKDOWN = _Style(lambda text, level: [f"{'#' * level} {text}"], lambda text: f"**{text}**", markdown_cell, _table, True)
PLAIN = _Style(
    lambda text, level: [text, ("=" if level == 1 else "-") * len(text)], lambda text: text, clean_line, _plain_table, False
)


def _report_markdown(
    lines: list[ReportLine], weeks: list[WeekTotals], since: date, until: date, arranged: Sequence[ReportLine] = (),
    style: _Style = MARKDOWN, runs_to_today: str = "",
) -> str:
    out = [*style.heading(f"Job-search activity, {since.isoformat()} to {until.isoformat()}", 1), ""]
    if runs_to_today:
        out += [runs_to_today, ""]
    if not lines:
        return "\n".join([*out, _no_activity(since, until), *_arranged_markdown(arranged, style), ""])
    out += [f"{style.strong('Total:')} {_summary(lines)}", "", *style.heading("Weekly totals", 2), ""]
    totals = _totals(lines)
    sums = [number(totals[activity]) for activity in ("application", "follow-up", "interview", "action")]
    out += style.table(
        ("Week", "Days", "Applications", "Follow-ups", "Interviews", "Other actions"),
        [
            *(
                (w.label, f"{w.first.isoformat()} to {w.last.isoformat()}", number(w.applications), number(w.follow_ups),
                 number(w.interviews), number(w.other_actions))
                for w in weeks
            ),
            *([] if style.total_row else [("Total", "", *sums)]),
        ],
        numeric=4,
    )
    if style.total_row:  # Markdown's table has no empty cell of its own ("| |"): the sum is written as it was
        out.append("| **Total** | | " + " | ".join(f"**{count}**" for count in sums) + " |")
    sections = (
        ("Applications sent", "application", ("Date", "Company", "Role", "Source", "Link"),
         lambda l: (l.company, l.role, l.source, l.url) if l.company else (l.note, "", "", "")),
        ("Follow-ups", "follow-up", ("Date", "Company", "Role", "Note"), lambda l: (l.company or l.kind, l.role, l.note)),
        ("Interviews", "interview", ("Date", "Stage", "Company", "Role", "Note"), lambda l: (l.kind, l.company, l.role, l.note)),
        ("Other proactive actions", "action", ("Date", "Kind", "Note"), lambda l: (l.kind, l.note)),
    )
    for title, activity, header, cells in sections:
        chosen = [line for line in lines if line.activity == activity]
        out += ["", *style.heading(f"{title} ({number(len(chosen))})", 2), ""]
        if not chosen:
            out.append("None in this period.")
            continue
        out += style.table(header, [(line.on.isoformat(), *(style.cell(cell) for cell in cells(line))) for line in chosen])
    out += _arranged_markdown(arranged, style)
    return "\n".join(out) + "\n"


def _arranged_markdown(arranged: Sequence[ReportLine], style: _Style = MARKDOWN) -> list[str]:
    """The interviews arranged in the period but not attended, as their own section (none: no section)."""
    if not arranged:
        return []
    out = ["", *style.heading(f"Interviews arranged, not attended ({number(len(arranged))})", 2), "", "Not counted above.", ""]
    return out + style.table(
        ("Date", "Stage", "Company", "Role", "State", "Arranged on"),
        [
            (line.on.isoformat(), *(style.cell(cell) for cell in (line.kind, line.company, line.role, line.note)), line.source)
            for line in arranged
        ],
    )


def _report_csv(
    lines: list[ReportLine], weeks: list[WeekTotals], since: date, until: date, arranged: Sequence[ReportLine] = (),
    runs_to_today: str = "",
) -> str:
    rows = _CsvLines()
    out = [BOM + rows.line(("Job-search activity", since.isoformat(), until.isoformat()))]
    if runs_to_today:
        out.append(rows.line((runs_to_today,)))
    if not lines:
        out.append(rows.line((_no_activity(since, until),)))
        return "".join(out + _arranged_csv(arranged, rows))
    out.append(rows.line(("Total", _summary(lines))))
    out.append("\r\n")
    out.append(rows.line(("date", "activity", "kind", "company", "role", "source", "url", "note")))
    for line in lines:
        out.append(
            rows.line(
                (line.on.isoformat(), line.activity, line.kind,
                 *(spreadsheet_cell(text) for text in (line.company, line.role, line.source, line.url, line.note)))
            )
        )
    out.append("\r\n")
    out.append(rows.line(("week", "from", "to", "applications", "follow-ups", "interviews", "other actions")))
    for week in weeks:
        out.append(
            rows.line(
                (week.label, week.first.isoformat(), week.last.isoformat(),
                 week.applications, week.follow_ups, week.interviews, week.other_actions)
            )
        )
    totals = _totals(lines)
    out.append(rows.line(("total", since.isoformat(), until.isoformat(), *(totals[a] for a in ACTIVITIES))))
    return "".join(out + _arranged_csv(arranged, rows))


def _arranged_csv(arranged: Sequence[ReportLine], rows: _CsvLines) -> list[str]:
    """The interviews arranged but not attended, as a block of their own after the totals (none: no block)."""
    if not arranged:
        return []
    out = ["\r\n", rows.line(("date", "arranged, not attended", "kind", "company", "role", "state", "arranged on"))]
    for line in arranged:
        out.append(rows.line((
            line.on.isoformat(), "interview", line.kind, spreadsheet_cell(line.company), spreadsheet_cell(line.role),
            line.note, line.source,
        )))
    return out
