"""Provides checking of what the user enters, shared by the app's forms and the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tui.domain.dates import DateError, parse_day
from tui.domain.models import HAND_LOGGED_KINDS, ActionKind, WinKind
from tui.domain.text import (
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_URL_LENGTH,
    check_length,
    check_required,
    clean_block,
    clean_line,
)


@dataclass(frozen=True)
class ApplicationEntry:
    """A checked new application, ready to store."""

    company: str
    role: str
    applied_on: date
    field: str = ""
    source: str = ""
    url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class WinEntry:
    """A checked manual win, ready to store."""

    title: str
    kind: WinKind
    on: date
    application_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class ActionEntry:
    """A checked proactive action, ready to store."""

    kind: ActionKind
    on: date
    note: str = ""


@dataclass
class Problems:
    """Messages about what the user entered, by the name of the field they belong to."""

    by_field: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str | None) -> None:
        if message and name not in self.by_field:
            self.by_field[name] = message

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def first(self) -> str:
        return next(iter(self.by_field.values()))


class EntryError(ValueError):
    """What the user entered cannot be stored; `problems` says why, field by field."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.first())
        self.problems = problems


def day_field(problems: Problems, name: str, text: str, today: date) -> date:
    """The day something happened (so a bare weekday or month-and-day is the most recent one)."""
    try:
        return parse_day(text, today)
    except DateError as error:
        problems.add(name, str(error))
        return today


def kind_field(problems: Problems, text: str, allowed: list, noun: str, *, offered: Sequence | None = None):
    """The member of `allowed` whose value is `text`, else None with a problem naming what is offered."""
    for kind in allowed:
        if kind.value == text:
            return kind
    accepted = ", ".join(kind.value for kind in (allowed if offered is None else offered))
    problems.add("kind", f'"{text}" is not a kind of {noun}; use one of: {accepted}.')
    return None


def check_application(
    *,
    company: str,
    role: str,
    today: date,
    applied: str = "today",
    field: str = "",
    source: str = "",
    url: str = "",
    notes: str = "",
) -> ApplicationEntry:
    """A clean ApplicationEntry, or EntryError naming every field that is wrong."""
    problems = Problems()
    company, role = clean_line(company), clean_line(role)
    field, source, url = clean_line(field), clean_line(source), clean_line(url)
    notes = clean_block(notes)
    problems.add("company", check_required("Company", company))
    problems.add("role", check_required("Role", role))
    problems.add("field", check_length("Field", field, MAX_NAME_LENGTH))
    problems.add("source", check_length("Source", source, MAX_NAME_LENGTH))
    problems.add("url", check_length("URL", url, MAX_URL_LENGTH))
    if url and " " in url:
        problems.add("url", "URL can't contain spaces.")
    problems.add("notes", check_length("Notes", notes, MAX_NOTE_LENGTH))
    applied_on = day_field(problems, "applied", applied, today)
    if problems:
        raise EntryError(problems)
    return ApplicationEntry(company, role, applied_on, field, source, url, notes)


def check_win(
    *,
    title: str,
    kind: str,
    today: date,
    on: str = "today",
    application_id: int | None = None,
    note: str = "",
    allow_milestone: bool = False,
) -> WinEntry:
    """A clean WinEntry, or EntryError naming every field that is wrong; milestones only when editing one."""
    problems = Problems()
    title, note = clean_line(title), clean_block(note)
    problems.add("title", check_required("Title", title))
    problems.add("note", check_length("Note", note, MAX_NOTE_LENGTH))
    allowed = [k for k in WinKind if allow_milestone or k is not WinKind.MILESTONE]
    win_kind = kind_field(problems, kind, allowed, "win") or WinKind.OTHER
    day = day_field(problems, "on", on, today)
    if problems:
        raise EntryError(problems)
    return WinEntry(title, win_kind, day, application_id, note)


def check_action(*, kind: str, today: date, on: str = "today", note: str = "") -> ActionEntry:
    """A clean ActionEntry, or EntryError naming every field that is wrong."""
    problems = Problems()
    note = clean_block(note)
    problems.add("note", check_length("Note", note, MAX_NOTE_LENGTH))
    # Every kind is read (the action layer says kindly where applying and reflecting are logged),
    # but only the kinds logged by hand are offered.
    action_kind = kind_field(problems, kind, list(ActionKind), "action", offered=HAND_LOGGED_KINDS) or ActionKind.OTHER
    day = day_field(problems, "on", on, today)
    if problems:
        raise EntryError(problems)
    return ActionEntry(action_kind, day, note)
