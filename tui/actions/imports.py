"""Provides importing Onward JSON into a journal: a preview of what would be added and what is already there,
then all of it in one transaction or nothing.

Records are written as they are, not replayed through the other actions: their ids, links, automatic flags,
removed automatic wins and drafts come back exactly (export → import into an empty journal → export gives
the same file). Into a journal that already holds records, ids are renumbered after its own (links follow);
an application already there (same company, role and applied day) is that application: what the file ties
to it and the journal does not hold (an outcome of another day, kind or note, a step, a reflection, a win)
is added to it, the rest skipped, so importing one's own export from another device drops nothing.
Applications the duplicate rule calls one already held or merged away (tui.domain.duplicates) are skipped
with everything tied to them, unless asked to import them again; free-standing steps, wins and reflections
identical to one held are skipped too. A person whose name is already in
the support circle is that person: the steps that reached them join the one held.

Between copies of one journal (the same `journal` id: a backup, a pull's …-diverged.db and its replica), a
record held under the file's id is that record edited on one side (its fields said otherwise are named, the
journal's kept) — unless both say when they were first written (`created_at`, kept by every copy and never
changed by an edit) and the moments differ: then each copy wrote its own record after they parted (a fork:
both gave the next id to a different step, win, outcome or application), and the file's comes in as a
record of its own, with a new id and its links (wins and steps naming it) following. A record that existed
before they parted has one moment in both. Two records written apart within the same second, a reflection
(which keeps no such moment), and a file written before Onward exported the moment are taken as one record,
as before; so is a record of a journal made by importing an older file into an empty one, stamped when
imported.
"""

from __future__ import annotations

import codecs
import gc
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.actions.automatic_wins import bulk, refresh_automatic_wins
from tui.actions.results import Refused
from tui.domain.duplicates import DUPLICATE_WINDOW_DAYS, Postings
from tui.domain.models import ActionKind, ApplicationChoice, OutcomeKind, Stage, Status, status_after
from tui.domain.onward_json import (
    AnyRecord,
    CheckedRecord,
    EventRecord,
    OnwardData,
    OnwardJsonError,
    by_id,
    column_of,
    ids_of,
    read_onward,
    read_onward_pieces,
)
from tui.domain.reflections import TYPED_OVER, ReflectionEntry, both_versions, draft_key, editor_values, usable_draft
from tui.domain.text import clean_line, excerpt, matching_key, number, plural, shown_path
from tui.store import backups
from tui.store.records import FILLED_IN, RecordsAsApplications
from tui.store.repository import Journal

if TYPE_CHECKING:  # a spreadsheet's reader and the actions adding its rows load only for a csv or LinkedIn import
    from tui.domain import spreadsheets
    from tui.domain.spreadsheets import ImportRow

PREVIEW_ROWS = 5


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while ten years of records are read or written: they hold no
    cycles, and as they grew it walked every one made so far again and again (~0.1 s of reading ten years,
    ~40 ms of settling them). Collected as usual once it ends."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@dataclass(frozen=True)
class Hints:
    """How a front end lets the person change what an import does, named in its preview."""

    again: str
    """How to import the duplicates anyway."""
    keep_open: str
    """How to leave old history asking (not settled: follow-ups due, rejections to reflect on); settled or not,
    an application stays open."""
    statuses: str
    """How to say what a status word means."""
    map_columns: str
    """How to say which column holds a field, with {example} ("Employer=company") in it."""
    spreadsheet: str
    """How to import a spreadsheet instead, when a file given as Onward JSON looks like one ({command}: the
    command that does, for this journal and file)."""
    map_one: str = "{example}"
    """How to read one column as a field, with {example} ("Current Status=status", as the front end writes it)."""
    shell: bool = False
    """Whether {example} in map_one is a word of a shell command (quoted so a shell reads it back)."""

    def columns(self, example: str) -> str:
        return self.map_columns.format(example=example)

    def one_column(self, column: str, name: str) -> str:
        """How to read `column` as the field `name`: --map "Current Status=status", or under Columns."""
        from tui.domain.text import shell_word

        pair = f"{clean_line(column)}={name}"
        return self.map_one.format(example=shell_word(pair) if self.shell else pair)


CLI_HINTS = Hints(
    "add --again to import them anyway", "--keep-open leaves them asking (unsettled)", 'map one with --status "Hired=offer"',
    'Name each with --map, e.g. --map "{example}".', "use `{command}`", "--map {example}", shell=True,
)
APP_HINTS = Hints(
    'tick "Import duplicates too" to add them anyway', 'untick "Settle old history" to leave them asking (unsettled)',
    "map one under Statuses, like Hired=offer", "Name each under Columns, e.g. {example}.",
    'choose "A spreadsheet saved as CSV" under What is it?', "{example} under Columns",
)


@dataclass(frozen=True)
class Duplicate:
    """An application of the file the duplicate rule calls one already known: held, merged away, or a row above."""

    company: str
    role: str
    applied_on: date
    like: str
    """What it looks like, in words: "Acme — Analyst, applied 2026-11-01 (id 4)"."""

    def line(self) -> str:
        return f"  {self.applied_on}  {excerpt(self.company)} — {excerpt(self.role)}: like {self.like}"


class KnownPostings:
    """What the journal holds and has merged away, asked through the one duplicate rule (tui.domain.duplicates)."""

    def __init__(self, journal: Journal) -> None:
        held, merged = journal.applications.postings()
        self.held, self.merged, self.file = Postings(held), Postings(merged), Postings()

    def duplicate(self, company: str, role: str, applied_on: date) -> str | None:
        """What this application looks like, or None when it looks new."""
        def named(choice: ApplicationChoice) -> str:
            return f"{excerpt(choice.company)} — {excerpt(choice.role)}, applied {choice.applied_on}"

        match = self.held.closest(company, role, applied_on)
        if match is not None:
            return f"{named(match)} (id {match.id})"
        match = self.merged.closest(company, role, applied_on)
        if match is not None:
            return f"{named(match)}, merged into id {match.id}"
        match = self.file.closest(company, role, applied_on)
        if match is not None:
            return f"{named(match)} (line {match.id} of the file)"
        return None


def _duplicates_lines(duplicates: Sequence[Duplicate], again: bool, hints: Hints) -> list[str]:
    if not duplicates:
        return []
    rule = f"same company and role within {DUPLICATE_WINDOW_DAYS} days"
    if again:
        head = f"Adds {plural(len(duplicates), 'application')} that look{'s' if len(duplicates) == 1 else ''} like one already known ({rule}), as asked:"
    else:
        head = f"Skips {plural(len(duplicates), 'application')} that look{'s' if len(duplicates) == 1 else ''} like one already known ({rule}); {hints.again}:"
    lines = [head, *(d.line() for d in duplicates[:PROBLEMS_SHOWN])]
    if len(duplicates) > PROBLEMS_SHOWN:
        lines.append(f"  … and {number(len(duplicates) - PROBLEMS_SHOWN)} more")
    return lines


EDITABLE = ("company", "role", "field", "source", "url", "notes", "follow_up_on")
"""An application's own fields an import compares with the one held (its applied day is part of which it is)."""


@dataclass(frozen=True)
class NotTaken:
    """A field of a record held (an application, an outcome, a reflection) that the file says otherwise: the
    journal's value is kept."""

    where: str
    """Which record: "Acme — Analyst (id 4)", "the interview of 2026-11-02 of Acme — Analyst (id 9)"."""
    field: str
    ours: Any
    theirs: Any

    def line(self) -> str:
        def said(value: Any) -> str:
            if isinstance(value, list):  # feelings, gaps
                value = ", ".join(value)
            return f'"{excerpt(value)}"' if isinstance(value, str) and value else str(value) if value else "nothing"

        return f"  {self.where}: {self.field.replace('_', ' ')} {said(self.ours)} kept; the file says {said(self.theirs)}"


@dataclass
class OnwardImport:
    """What an import would write, decided against the journal as it is."""

    records: dict[str, list[Any]] = field(default_factory=dict)
    """Rows per table, ids and links already renumbered, in the order they are written: the file's records
    (CheckedRecord), and dicts for the tables without ids (drafts, settings…)."""
    skipped_applications: int = 0
    """Applications of the file already in the journal (same company, role and applied day)."""
    added_to_held: int = 0
    """Outcomes, steps, reflections and wins of the file added to an application the journal already held."""
    held_applications: list[int] = field(default_factory=list)
    """The journal's applications given an outcome or a reflection, or a field (their status and wins are
    settled again)."""
    filled: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Fields of applications held that the journal leaves empty and the file fills in, by the journal's id."""
    filled_records: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    """(table, the journal's id, fields) of outcomes, reflections, steps and wins held that the file fills in."""
    not_taken: list[NotTaken] = field(default_factory=list)
    """Fields of applications, outcomes and reflections held that the file says otherwise and the journal keeps
    (neither copy can tell which was changed last), said in the preview and after the import."""
    edited: int = 0
    """Applications held under the file's id, applied the same day, with their company or role changed
    on one side (a journal kept as …-diverged shares its replica's ids)."""
    skipped_other: int = 0
    people_known: int = 0
    """People of the file already in the support circle (same name): their steps name the one held."""
    settings_kept: bool = False
    journal: str | None = None
    """The file's journal id this journal takes (an import into an empty journal: it becomes a copy of it)."""
    """The journal had records of its own, so its settings stay as they are."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Applications of the file like one held or merged away (skipped with everything tied to them unless `again`)."""
    again: bool = False
    made_apart: dict[str, int] = field(default_factory=dict)
    """Records of the file added although the journal holds a record under the same id (by table): each copy
    wrote its own after they parted (first written at another moment), so they are two."""
    stamps: dict[str, list[str | None]] = field(default_factory=dict)
    """When each record of `records` (by table, in order) was first written, as the file says (None where it
    does not): kept by the import, so a copy made by importing into an empty journal keeps them too."""
    into_empty: bool = False
    """The journal holds no applications, outcomes, steps, reflections, wins or people: the file's records keep
    their ids, and the tables' indexes are built once after they are written."""
    reflection_drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Drafts of reflections held (by draft key) holding, beside their own words, those of another version of
    them in the file: a rejection keeps one reflection (`_one_reflection_each`)."""
    joined_reflections: list[str] = field(default_factory=list)
    """Which reflections held those drafts are of, in words ("the reflection on Hooli — Analyst (id 3)")."""
    earned_steps: int = 0
    """Steps the file's outcomes earn that it does not hold (an older export: a screening logged as it happened
    had none), added as the import writes (`add_missing_outcome_steps`) and said after it."""

    def count(self, table: str) -> int:
        return len(self.records.get(table, ()))

    @property
    def adds_anything(self) -> bool:
        """Whether the file holds anything the journal doesn't: records, details to fill in, or details it says
        otherwise (kept, not written: a pull keeps such a journal as …-diverged)."""
        return bool(self.not_taken) or self.writes_anything

    @property
    def writes_anything(self) -> bool:
        """Whether importing it writes anything (details said otherwise only are named, never written)."""
        return bool(self.filled or self.filled_records or self.reflection_drafts) or any(
            self.records.get(t) for t in ("applications", "events", "actions", "reflections", "wins", "rest_days", "people")
        )

    def summary(self) -> str:
        """One sentence of what it adds ("12 applications (30 outcomes), 40 steps, …")."""
        parts = [plural(self.count("applications"), "application")]
        added = set(ids_of(self.records.get("applications", [])))
        theirs = sum(map(added.__contains__, column_of(self.records.get("events", []), "application_id")))
        if theirs:
            parts[0] += f" ({plural(theirs, 'outcome')})"
        if self.count("events") > theirs:
            parts.append(f"{plural(self.count('events') - theirs, 'outcome')} for applications already there")
        earned = f" (and {plural(self.earned_steps, 'step')} its outcomes earn)" if self.earned_steps else ""
        parts += [
            plural(self.count("actions"), "step") + earned,
            plural(self.count("reflections"), "reflection"),
            plural(self.count("wins"), "win"),
        ]
        if self.count("rest_days"):
            parts.append(plural(self.count("rest_days"), "rest day"))
        if self.count("people"):
            parts.append(f"{plural(self.count('people'), 'person', 'people')} for your support circle")
        if self.filled:
            parts.append(f"details filled in on {plural(len(self.filled), 'application')} already there")
        if self.filled_records:
            parts.append(f"details filled in on {plural(len(self.filled_records), 'other record')} already there")
        if self.reflection_drafts:
            many = len(self.reflection_drafts) > 1
            parts.append(
                f"the words of {plural(len(self.reflection_drafts), 'reflection')} already there in another version, "
                f"as {'drafts of them' if many else 'a draft of it'}"
            )
        return ", ".join(parts)

    def joined_lines(self) -> list[str]:
        """Which reflections held wait with the words of the file's other version of them as a draft."""
        if not self.joined_reflections:
            return []
        one = len(self.joined_reflections) == 1
        lines = [
            f"A rejection keeps one reflection, so the file's reflection on {'a rejection' if one else 'rejections'} "
            f"reflected on here joins {'the one' if one else 'the ones'} here, never a second beside it: its words wait "
            "after yours in a draft (marked \"draft kept\" in the Reflections area; opening it saves them):",
            *(f"  {where}" for where in self.joined_reflections[:PROBLEMS_SHOWN]),
        ]
        if len(self.joined_reflections) > PROBLEMS_SHOWN:
            lines.append(f"  … and {number(len(self.joined_reflections) - PROBLEMS_SHOWN)} more")
        return lines

    def not_taken_lines(self) -> list[str]:
        """What of the applications, outcomes and reflections held the file says otherwise, kept as the journal
        has it."""
        if not self.not_taken:
            return []
        lines = [
            f"Keeps the journal's {plural(len(self.not_taken), 'detail')} of records already there that the file "
            "says otherwise (change them by hand to take the file's):",
            *(n.line() for n in self.not_taken[:PROBLEMS_SHOWN]),
        ]
        if len(self.not_taken) > PROBLEMS_SHOWN:
            lines.append(f"  … and {number(len(self.not_taken) - PROBLEMS_SHOWN)} more")
        return lines

    def preview(self, hints: Hints = CLI_HINTS) -> list[str]:
        """Lines that say what would happen, before anything is written."""
        lines = [f"Adds {self.summary()}."]
        applications = self.records.get("applications", [])
        shown = {record["id"] for record in applications[:PREVIEW_ROWS]}
        events = self.records.get("events", [])
        statuses = _statuses([e for e, tied in zip(events, column_of(events, "application_id")) if tied in shown])
        for record in applications[:PREVIEW_ROWS]:
            status = statuses.get(record["id"], Status.APPLIED).label
            lines.append(f"  {record['applied_on']}  {excerpt(record['company'])} — {excerpt(record['role'])} ({status})")
        if len(applications) > PREVIEW_ROWS:
            lines.append(f"  … and {number(len(applications) - PREVIEW_ROWS)} more")
        if self.skipped_applications:
            more = (
                f"; adds to them the {plural(self.added_to_held, 'outcome, step, reflection or win', 'outcomes, steps, reflections and wins')} "
                "of theirs (counted above) the journal does not hold" if self.added_to_held else ", and all that is tied to them"
            )
            edited = f", {number(self.edited)} of them edited on one side (same id and applied day)" if self.edited else ""
            lines.append(
                f"Skips {plural(self.skipped_applications, 'application')} already in the journal "
                f"(same company, role and applied day{edited}){more}."
            )
        if any(self.made_apart.values()):
            names = {"applications": "application", "events": "outcome", "actions": "step", "wins": "win"}
            apart = [plural(count, names[table]) for table, count in self.made_apart.items() if count]
            said = " and ".join([", ".join(apart[:-1]), apart[-1]] if len(apart) > 1 else apart)
            lines.append(
                f"Of those, {said} came after the two copies parted and share an id with another record here "
                "(each first written at its own moment): both are kept, the file's under a new id."
            )
        lines += self.joined_lines()
        lines += self.not_taken_lines()
        lines += _duplicates_lines(self.duplicates, self.again, hints)
        if self.skipped_other:
            lines.append(f"Skips {plural(self.skipped_other, 'step, win or reflection', 'steps, wins or reflections')} already in the journal.")
        if self.people_known:
            lines.append(
                f"Finds {plural(self.people_known, 'person', 'people')} already in your support circle (same name); "
                "the times you reached out to them join theirs."
            )
        if self.settings_kept:
            lines.append("Keeps your settings (the file's are used only by an empty journal).")
        return lines


def _statuses(events: Sequence[EventRecord]) -> dict[int, Status]:
    """The status each application's outcomes leave it at (`status_after`, the one rule)."""
    timelines: dict[int, list[EventRecord]] = {}
    for event in sorted(events, key=lambda e: (e["on"], e["id"])):
        timelines.setdefault(event["application_id"], []).append(event)
    return {
        app: status_after([OutcomeKind(e["kind"]) for e in timeline], [e["held"] for e in timeline])
        for app, timeline in timelines.items()
    }


_ID_CAUSE = re.compile(r"^(event|reflection|learned):(\d+)$")
_ID_DRAFT = re.compile(r"^(reflection|application):(\d+)$")


def plan_import(journal: Journal, data: OnwardData, *, again: bool = False) -> OnwardImport:
    """Decide what importing `data` would write (reads only); applications the duplicate rule calls one
    already known are left out with everything tied to them, unless `again`. An application already in the
    journal (same company, role and applied day) is that application: what the file ties to it that the
    journal does not hold (an outcome, a step, a reflection, a win) is added to it, nothing is dropped."""
    largest = journal.records.largest_ids()
    empty = not any(largest.values())
    held = journal.records.held_records()
    same: dict[str, Any] = {} if empty else journal.records.held_by_key()
    plan = OnwardImport(settings_kept=not empty and bool(data.settings), again=again, into_empty=empty)
    # A record held under the file's id, edited on one side, is one only between copies of one journal (a file
    # from before Onward kept a journal's id can't say: taken as a copy, as then): ids of two unrelated
    # journals collide all the time.
    copies = data.journal is None or data.journal == journal.journal_id()
    if empty and data.journal is not None:
        plan.journal = data.journal

    def apart(table: str, ids: Sequence[int]) -> set[int]:
        """Of these ids, held under the file's id, those of two records: each copy wrote its own after they
        parted (both say when first written, at two moments). A record both held before is one moment in both."""
        theirs = data.created[table]
        if not theirs:
            return set()
        ours = journal.records.made_at(table, [i for i in ids if i in theirs])
        return {i for i, moment in ours.items() if moment != theirs[i]}

    def renumber(table: str, ids: list[int]) -> dict[int, int]:
        base = largest[table]
        if not base:  # an empty table: each keeps its id
            return dict(zip(ids, ids))
        return {old: base + rank for rank, old in enumerate(sorted(ids), start=1)}

    # A name already in the circle is that person (the reader refuses a name twice in one file).
    circle = dict(held["people"])
    people = [p for p in data.people if matching_key(p["name"]) not in circle]
    plan.people_known = len(data.people) - len(people)
    person_ids = renumber("people", [p["id"] for p in people])
    person_ids |= {p["id"]: circle[matching_key(p["name"])] for p in data.people if matching_key(p["name"]) in circle}
    person_names = {p["id"]: matching_key(p["name"]) for p in data.people}

    # The file's applications already held, by the file's id: the journal's id.
    # An empty journal holds none and has merged none away: nothing there to be like.
    known_apps = same.get("applications", {})
    held_apps = {
        a["id"]: app_id for a in data.applications
        if (app_id := known_apps.get((matching_key(a["company"]), matching_key(a["role"]), a["applied_on"]))) is not None
    } if known_apps else {}
    fields = {} if empty else journal.records.application_fields()
    if fields:
        if copies:
            # The same application edited on one side (between copies of one journal): held under the file's id,
            # applied the same day, at the same company (a journal kept as …-diverged shares its replica's ids). The
            # company must match too: "Data Analyst" applied for the same day at two companies is two applications
            # (a company's name edited on one side comes in as a second one, for `onward merge`).
            taken = set(held_apps.values())
            two_apps = apart("applications", [a["id"] for a in data.applications if a["id"] in fields and a["id"] not in held_apps])
            for a in data.applications:
                mine = fields.get(a["id"])
                if a["id"] in two_apps:
                    plan.made_apart["applications"] = plan.made_apart.get("applications", 0) + 1
                elif (
                    a["id"] not in held_apps and mine is not None and a["id"] not in taken and mine[-1] == a["applied_on"]
                    and matching_key(mine[0]) == matching_key(a["company"])
                ):
                    held_apps[a["id"]] = a["id"]
                    taken.add(a["id"])
                    plan.edited += 1
        _compare_held(plan, data, held_apps, fields)
    apps = [a for a in data.applications if a["id"] not in held_apps] if held_apps else list(data.applications)
    plan.skipped_applications = len(held_apps)
    known = KnownPostings(journal) if not empty else None
    if known is not None:
        for app in apps:
            like = known.duplicate(app["company"], app["role"], date.fromisoformat(app["applied_on"]))
            if like is not None:
                plan.duplicates.append(Duplicate(app["company"], app["role"], date.fromisoformat(app["applied_on"]), like))
    if plan.duplicates and not again:
        looks_known = {(d.company, d.role, d.applied_on.isoformat()) for d in plan.duplicates}
        apps = [a for a in apps if (a["company"], a["role"], a["applied_on"]) not in looks_known]
    app_ids = renumber("applications", ids_of(apps))
    app_to = app_ids | held_apps
    """Where each of the file's applications is in the journal after the import: added, or the one held."""

    def linked_to(ids: dict[int, int], value: int | None) -> int | None:
        return ids.get(value) if value is not None else None

    # An outcome of an application held is held when that application has one of the same day, kind, stage
    # and note; otherwise it is added to it.
    held_events: dict[int, int] = {}
    for e in data.events if held_apps else ():
        if e["application_id"] in held_apps:
            match = same["events"].get((held_apps[e["application_id"]], e["on"], e["kind"], e["stage"], e["note"]))
            if match is not None:
                held_events[e["id"]] = match
    if held_apps and copies:
        # The same outcome edited on one side: held under the file's id by the same application, of the same
        # day and kind (its stage or note changed).
        unmatched = [e for e in data.events if e["application_id"] in held_apps and e["id"] not in held_events]
        taken, mine_events = set(held_events.values()), journal.records.fields_by_id("events", ids_of(unmatched))
        two_events = apart("events", list(mine_events))
        plan.made_apart["events"] = len(two_events)
        for e in unmatched:
            mine = mine_events.get(e["id"])
            if (
                mine is not None and e["id"] not in taken and e["id"] not in two_events
                and mine[:3] == (held_apps[e["application_id"]], e["on"], e["kind"])
            ):
                held_events[e["id"]] = e["id"]
                taken.add(e["id"])
                title = fields[mine[0]][0] + " — " + fields[mine[0]][1]
                where = f"the {e['kind'].replace('_', ' ')} of {e['on']} of {excerpt(title)} (id {e['id']})"
                _compare_fields(plan, "events", e["id"], where, mine[3:], e)
    # Into an empty journal (nothing held, every application kept): every record tied to one is kept, without
    # asking each of ten years of records (the file's links all name a record of the file: the reader checked).
    every_app = empty and len(apps) == len(data.applications)
    events = list(data.events) if every_app else [e for e in data.events if e["application_id"] in app_to and e["id"] not in held_events]
    event_ids = renumber("events", ids_of(events))
    event_to = event_ids | held_events

    def tied_ok(record: CheckedRecord) -> bool:
        return record.get("application_id") is None or record["application_id"] in app_to

    held_reflections: dict[int, int] = {}
    for r in data.reflections:
        if same and tied_ok(r):
            compared = (linked_to(app_to, r["application_id"]), r["on"], r["mood"], r["went_well"], r["body"])
            if (match := same["reflections"].get(compared)) is not None:
                held_reflections[r["id"]] = match
    if same and copies:
        # The same reflection edited on one side: held under the file's id, of the same application and day.
        unmatched_reflections = [r for r in data.reflections if r["id"] not in held_reflections and tied_ok(r)]
        taken = set(held_reflections.values())
        mine_reflections = journal.records.fields_by_id("reflections", ids_of(unmatched_reflections))
        for r in unmatched_reflections:
            mine = mine_reflections.get(r["id"])
            if (
                mine is not None and r["id"] not in taken
                and mine[:2] == (linked_to(app_to, r["application_id"]), r["on"])
            ):
                held_reflections[r["id"]] = r["id"]
                taken.add(r["id"])
                _compare_fields(plan, "reflections", r["id"], f"the reflection of {r['on']} (id {r['id']})", mine[2:], r)
    if held_apps:
        _one_reflection_each(journal, data, plan, held_apps, held_reflections)
    reflections = list(data.reflections) if every_app else [r for r in data.reflections if tied_ok(r) and r["id"] not in held_reflections]
    reflection_ids = renumber("reflections", ids_of(reflections))
    reflection_to = reflection_ids | held_reflections

    def action_key(a: CheckedRecord) -> tuple[Any, ...]:
        person = a["person_id"]
        return (
            linked_to(app_to, a["application_id"]), linked_to(event_to, a["event_id"]), linked_to(reflection_to, a["reflection_id"]),
            a["on"], a["kind"], a["note"], person_names[person] if person is not None else "", tuple(a["gaps"]),
        )

    actions = list(data.actions) if every_app else [
        a for a in data.actions
        if tied_ok(a)
        and (a["event_id"] is None or a["event_id"] in event_to)
        and (a["reflection_id"] is None or a["reflection_id"] in reflection_to)
        and not (same and action_key(a) in same["actions"])
    ]
    if same and actions and copies:
        # The same step edited on one side: held under the file's id, of the same day and kind, tied to the same.
        mine_actions, kept_steps = journal.records.fields_by_id("actions", ids_of(actions)), []
        two_steps = apart("actions", list(mine_actions))
        plan.made_apart["actions"] = len(two_steps)
        for step in actions:
            mine = mine_actions.get(step["id"])
            tied = (
                linked_to(app_to, step["application_id"]), linked_to(event_to, step["event_id"]),
                linked_to(reflection_to, step["reflection_id"]),
            )
            if mine is not None and step["id"] not in two_steps and mine[:5] == (*tied, step["on"], step["kind"]):
                where = f"the {step['kind'].replace('_', ' ')} step of {step['on']} (id {step['id']})"
                _compare_fields(plan, "actions", step["id"], where, mine[5:], step)
            else:
                kept_steps.append(step)
        actions = kept_steps
    action_ids = renumber("actions", ids_of(actions))

    def cause_of(cause: str | None) -> str | None:
        """The cause with its event, reflection or step renumbered (or the one held); None when that record is
        not in the journal after the import."""
        match = _ID_CAUSE.match(cause or "")
        if not match:
            return cause
        ids = {"event": event_to, "reflection": reflection_to, "learned": action_ids}[match[1]]
        number = ids.get(int(match[2]))
        return f"{match[1]}:{number}" if number is not None else None

    # Into an empty journal with every application kept, every win is kept as it is: its cause names a record
    # of the file (the reader checked), which keeps its id, and the journal holds no cause yet.
    wins = list(data.wins) if every_app else []
    # A win of one's own (no cause) edited on one side: held under the file's id, of the same day, kind and
    # application.
    mine_wins = journal.records.fields_by_id("wins", [w["id"] for w in data.wins if w["cause"] is None]) if same and copies else {}
    two_wins = apart("wins", list(mine_wins)) if mine_wins else set()
    for win in data.wins if not every_app else ():
        cause = cause_of(win["cause"])
        if not tied_ok(win) or (win["cause"] is not None and (cause is None or cause in held["causes"])):
            continue
        if same and cause is not None and cause in same["removed_causes"]:
            continue  # removed from the journal: never posted again
        if same and (linked_to(app_to, win["application_id"]), win["on"], win["title"], win["kind"]) in same["wins"]:
            continue
        mine = mine_wins.get(win["id"])
        if mine is not None and win["id"] not in two_wins and win["cause"] is None and mine[:4] == (linked_to(app_to, win["application_id"]), win["on"], win["kind"], None):
            _compare_fields(plan, "wins", win["id"], f"the win of {win['on']} (id {win['id']})", mine[4:], win)
            continue
        wins.append(win if cause == win["cause"] else win.replace(cause=cause))
    win_ids = renumber("wins", ids_of(wins))
    plan.made_apart["wins"] = sum(win["id"] in two_wins for win in wins) if two_wins else 0
    # Left out as already held, counted apart from those tied to an application held or left out (said with it).
    plan.skipped_other = 0 if every_app else sum(
        (record["application_id"] is None or record["application_id"] in app_ids) and record["id"] not in ids
        for records, ids in ((data.reflections, reflection_ids), (data.actions, action_ids), (data.wins, win_ids))
        for record in records
    )
    plan.added_to_held = 0 if not held_apps else (
        sum(e["application_id"] in held_apps for e in events) + sum(r["application_id"] in held_apps for r in reflections)
        + sum(a["application_id"] in held_apps or a["reflection_id"] in held_reflections for a in actions)
        + sum(w["application_id"] in held_apps for w in wins)
    )
    plan.held_applications = [] if not held_apps else sorted(
        {held_apps[r["application_id"]] for r in [*events, *reflections] if r["application_id"] in held_apps} | set(plan.filled)
    )

    def linked(ids: dict[int, int], value: int | None) -> int | None:
        return ids[value] if value is not None else None

    def renumbered(table: str, records: list[AnyRecord], change: Callable[[AnyRecord], AnyRecord]) -> list[AnyRecord]:
        """The records by id, ids and links renumbered (an empty journal keeps the file's: its records as they
        are); when each was first written, as the file says, kept in `plan.stamps`."""
        ordered = by_id(records)
        if made := data.created.get(table):
            plan.stamps[table] = list(map(made.get, ids_of(ordered)))
        return ordered if empty else [change(record) for record in ordered]

    plan.records["applications"] = renumbered("applications", apps, lambda a: _changed(a, id=app_ids[a["id"]]))
    plan.records["events"] = renumbered(
        "events", events, lambda e: _changed(e, id=event_ids[e["id"]], application_id=app_to[e["application_id"]])
    )
    plan.records["people"] = renumbered("people", people, lambda p: _changed(p, id=person_ids[p["id"]]))
    plan.records["reflections"] = renumbered(
        "reflections", reflections, lambda r: _changed(r, id=reflection_ids[r["id"]], application_id=linked(app_to, r["application_id"]))
    )
    plan.records["actions"] = renumbered("actions", actions, lambda a: _changed(
        a, id=action_ids[a["id"]], application_id=linked(app_to, a["application_id"]),
        event_id=linked(event_to, a["event_id"]), reflection_id=linked(reflection_to, a["reflection_id"]),
        person_id=linked(person_ids, a["person_id"]),
    ))
    plan.records["wins"] = renumbered(
        "wins", wins, lambda w: _changed(w, id=win_ids[w["id"]], application_id=linked(app_to, w["application_id"]))
    )
    plan.records["win_tombstones"] = [
        {"cause": cause} for cause in (cause_of(c) for c in data.removed_wins) if cause is not None
    ]
    drafts = []
    for key, value in data.drafts.items():
        match = _ID_DRAFT.match(key)
        if match:
            # A draft follows its record: added under a new id, or the one held (a draft the journal holds for it stays).
            number = (reflection_to if match[1] == "reflection" else app_to).get(int(match[2]))
            if number is None:
                continue
            key = f"{match[1]}:{number}"
        drafts.append({"key": key, "value": value})
    plan.records["drafts"] = drafts
    plan.records["rest_days"] = [{"on": day} for day in data.rest_days if day not in held["rest_days"]]
    plan.records["settings"] = (
        [] if plan.settings_kept else [{"key": key, "value": json.dumps(value)} for key, value in data.settings.items()]
    )
    return plan


def _compare_held(plan: OnwardImport, data: OnwardData, held_apps: dict[int, int], fields: dict[int, tuple[Any, ...]]) -> None:
    """An application's own fields the file gives otherwise than the journal holds: one the journal leaves empty
    is filled in (`plan.filled`); one it holds otherwise is kept, and said (`plan.not_taken`): the two copies
    can't tell which side changed it last, so nothing is overwritten, dropped unsaid or added twice."""
    for a in data.applications:
        journal_id = held_apps.get(a["id"])
        if journal_id is None:
            continue
        mine = dict(zip(EDITABLE, fields[journal_id]))
        title = f"{excerpt(mine['company'])} — {excerpt(mine['role'])} (id {journal_id})"
        for name in EDITABLE:
            ours, theirs = mine[name] or "", a[name] or ""
            same = matching_key(ours) == matching_key(theirs) if name in ("company", "role") else ours == theirs
            if same:
                continue
            if not ours:
                plan.filled.setdefault(journal_id, {})[name] = theirs
            else:
                plan.not_taken.append(NotTaken(title, name, ours, theirs))


def _one_reflection_each(
    journal: Journal, data: OnwardData, plan: OnwardImport, held_apps: dict[int, int], held_reflections: dict[int, int]
) -> None:
    """A rejection keeps one reflection: the one `e` opens on it (`ReflectionRows.latest_of_application`). A
    reflection of the file not held (`held_reflections`, filled in here) tied to an application held that holds
    one is another version of that one (two copies of a journal each wrote theirs, or one removed it and wrote
    it again): it joins it, never a second reflection beside it (nor a second win for it). Its words the
    journal's lacks wait after the journal's in a draft of that reflection, saved when the person opens it
    (`both_versions`: nothing lost, nothing written over); a mood, a stage or a day said otherwise is the
    journal's, and said."""
    for r in data.reflections:
        journal_app = held_apps.get(r["application_id"]) if r["application_id"] is not None else None
        if journal_app is None or r["id"] in held_reflections:
            continue
        ours = journal.reflections.latest_of_application(journal_app)
        if ours is None:
            continue
        held_reflections[r["id"]] = ours.id
        app = journal.applications.get(journal_app)
        stage = app.rejection.stage if app.rejection is not None else None
        key = draft_key(ours.id, None)
        waiting = plan.reflection_drafts.get(key) or journal.reflections.draft(key)
        start = usable_draft(waiting) if waiting else {}
        over = start.pop(TYPED_OVER, None) or editor_values(ours, stage)  # what a draft's typing started from
        before = {**editor_values(ours, stage), **start}
        their_draft = usable_draft(data.drafts.get(draft_key(r["id"], None)))
        their_draft.pop(TYPED_OVER, None)
        theirs = {**editor_values(_reflection_entry(r), stage), **their_draft}
        values, differ = both_versions(before, theirs)
        where = f"the reflection on {excerpt(app.company)} — {excerpt(app.role)} (id {ours.id})"
        plan.not_taken += [NotTaken(where, name, values[name], theirs[name]) for name in differ]
        if values != before:
            plan.reflection_drafts[key] = {**values, TYPED_OVER: over}
            if where not in plan.joined_reflections:
                plan.joined_reflections.append(where)


def _reflection_entry(record: CheckedRecord) -> ReflectionEntry:
    """A reflection of the file as the editor would hold it."""
    day = record["next_step_on"]
    return ReflectionEntry(
        record["mood"], tuple(record["feelings"]), Stage(record["stage"]) if record["stage"] else None,
        record["went_well"], record["do_differently"], tuple(record["gaps"]), record["stumbles"], record["next_step"],
        date.fromisoformat(day) if day else None, record["talk_to"], record["body"], record["feedback"],
    )


def _compare_fields(plan: OnwardImport, table: str, journal_id: int, where: str, ours: Sequence[Any], record: CheckedRecord) -> None:
    """`_compare_held` for an outcome, a reflection, a step or a win held: its `FILLED_IN` fields."""
    filled = {}
    for name, mine in zip(FILLED_IN[table], ours):
        theirs = record[name]
        if mine == theirs or (not mine and not theirs):
            continue
        if not mine:
            filled[name] = theirs
        else:
            plan.not_taken.append(NotTaken(where, name, mine, theirs))
    if filled:
        plan.filled_records.append((table, journal_id, filled))


def _changed(record: AnyRecord, **values: Any) -> AnyRecord:
    """The record with these values (ids renumbered, links following); the record itself when it holds them
    all already (an import into an empty journal keeps every id: ten years are not copied). Flags stay
    true/false: SQLite stores them as 1/0."""
    for key, value in values.items():
        if record[key] != value:
            return record.replace(**values)
    return record


TABLE_ORDER = ("applications", "events", "reflections", "people", "actions", "wins", "win_tombstones", "drafts", "rest_days", "settings")


PLANNED_FROM = ("applications", "events", "actions", "reflections", "wins", "people", "rest_days", "settings", "drafts", "win_tombstones")
"""What `plan_import` decides by: a plan made while none of them changed still holds."""


@dataclass(frozen=True)
class Planned:
    """A plan made ahead (for the preview) and the journal's version it was made at."""

    journal: Journal
    version: tuple
    again: bool
    plan: OnwardImport

    @classmethod
    def make(cls, journal: Journal, data: OnwardData, again: bool) -> Planned:
        return cls(journal, journal.version_of(PLANNED_FROM), again, plan_import(journal, data, again=again))

    def holds_for(self, journal: Journal, again: bool) -> bool:
        """Whether it is still the plan: the same journal, nothing changed in it since (by this window or any
        other), the same choice of duplicates."""
        return self.journal is journal and self.again == again and journal.version_of(PLANNED_FROM) == self.version


def import_onward(
    journal: Journal, data: OnwardData, *, again: bool = False, progress: Callable[[int, int], None] | None = None,
    planned: Planned | None = None,
) -> OnwardImport:
    """Write `data` into the journal in one transaction (all of it or nothing), decided afresh inside it so a
    change made since the preview is respected (the preview's plan, `planned`, is used when nothing changed);
    automatic wins are then settled once, as after any change.
    Not undoable with z: the whole import is what one would take back (a backup is made before it)."""
    with collector_paused(), journal.transaction():
        if planned is not None and planned.holds_for(journal, again):
            plan = planned.plan
        else:
            plan = plan_import(journal, data, again=again)
        total = sum(plan.count(table) for table in TABLE_ORDER)
        done = 0
        # Into an empty journal, each index is built once after the rows, not kept up row by row; the
        # applications are settled from the plan's records, not read back, and written with their status.
        dropped = journal.records.drop_indexes_for_load() if plan.into_empty else None
        loaded = RecordsAsApplications(
            plan.records["applications"], plan.records["events"], plan.records["reflections"]
        ) if plan.into_empty else None
        for table in TABLE_ORDER:
            records = plan.records.get(table, [])
            for start in range(0, len(records), 2000):
                chunk = records[start:start + 2000]
                also: dict[str, Sequence[Any]] | None = (
                    dict(loaded.summaries(chunk)) if loaded is not None and table == "applications" else None
                )
                if (stamps := plan.stamps.get(table)) is not None:  # when each was first written, as the file says
                    also = {**(also or {}), "created_at": stamps[start:start + 2000]}
                journal.records.put_records(table, chunk, also)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        if dropped is not None:
            journal.records.make_indexes_again(dropped)
        _fill_in(journal, plan.filled)
        if plan.journal is not None:
            journal.adopt_journal_id(plan.journal)
        for table, record_id, values in plan.filled_records:
            journal.records.fill_in(table, record_id, values)
        for key, draft in plan.reflection_drafts.items():  # after the file's drafts: one of these holds both
            journal.reflections.put_draft(key, draft)
        # An older export's outcomes earn the steps they earn now (a screening logged as it happened had none),
        # as opening an older journal gives them: one repair for both.
        plan.earned_steps = journal.steps.add_missing_outcome_steps()
        # A learning step naming gaps earns its "skill learned" win (one the file holds, or removed, stays).
        steps = plan.records["actions"]
        learning = ActionKind.LEARNING.value
        naming = [at for at, gaps in enumerate(column_of(steps, "gaps")) if gaps]  # the few steps that name gaps
        learned = [step[0] for step in map(steps.__getitem__, naming) if step["kind"] == learning]
        # Settled once, at the end.
        refresh_automatic_wins(
            journal, applications=ids_of(plan.records["applications"]) + plan.held_applications, counts=True, streak=True,
            learning=learned, loaded=loaded,
        )
    return plan


def _fill_in(journal: Journal, filled: dict[int, dict[str, Any]]) -> None:
    """Write the fields an import fills in on applications held (their search text follows; their status and
    wins are settled with the rest)."""
    from tui.domain.entries import ApplicationEntry

    for application_id, values in filled.items():
        app = journal.applications.get(application_id)
        if set(values) - {"follow_up_on"}:
            journal.applications.update_application_row(application_id, ApplicationEntry(
                values.get("company", app.company), values.get("role", app.role), app.applied_on,
                values.get("field", app.field), values.get("source", app.source), values.get("url", app.url),
                values.get("notes", app.notes),
            ))
        if "follow_up_on" in values:
            journal.applications.set_follow_up_on(application_id, date.fromisoformat(values["follow_up_on"]))


# Other tools' exports (LinkedIn, any spreadsheet): rows read by tui.domain.spreadsheets, added through the
# same actions as typing them in (each application's 'applied' step on its day, its outcome, its wins).


@dataclass
class RowsImport:
    """Which checked rows an import adds, and how many it leaves out as already there or looking like it."""

    rows: list[ImportRow]
    already: int = 0
    """Applications already in the journal (same company, role and applied day)."""
    repeated: int = 0
    """Rows that repeat an earlier row of the same file."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Rows the duplicate rule calls one held, merged away or a row above (added only when `again`)."""
    again: bool = False
    settled: set[tuple[str, int]] = field(default_factory=set)
    """(file, line) of the rows added as settled history (`tui.domain.attention.settles`)."""

    def preview(self, hints: Hints = CLI_HINTS) -> list[str]:
        outcomes = sum(row.outcome is not None for row in self.rows)
        lines = [f"Adds {plural(len(self.rows), 'application')}" + (f" ({plural(outcomes, 'outcome')})." if outcomes else ".")]
        for row in self.rows[:PREVIEW_ROWS]:
            lines.append(f"  {row.applied_on}  {excerpt(row.company)} — {excerpt(row.role)} ({row.status.label})")
        if len(self.rows) > PREVIEW_ROWS:
            lines.append(f"  … and {number(len(self.rows) - PREVIEW_ROWS)} more")
        if self.already:
            lines.append(f"Skips {plural(self.already, 'application')} already in the journal (same company, role and applied day).")
        if self.repeated:
            lines.append(f"Skips {plural(self.repeated, 'row')} repeating an earlier row of the file.")
        lines += _duplicates_lines(self.duplicates, self.again, hints)
        unknown = [row for row in self.rows if row.unknown_status]
        if unknown:
            one = len(unknown) == 1
            lines.append(
                f"Keeps {plural(len(unknown), 'row')} with a status Onward does not know as "
                f"{'an open application, the word in its notes' if one else 'open applications, the word in their notes'}; "
                f"{hints.statuses}:"
            )
            words: dict[str, list[ImportRow]] = {}
            for row in unknown:
                words.setdefault(row.unknown_status, []).append(row)
            from tui.domain import spreadsheets

            for word, rows in list(words.items())[:PROBLEMS_SHOWN]:
                if any(row.file for row in rows):  # several files: each place says which
                    places = [spreadsheets.ImportProblem(row.line, "", row.file).where for row in rows[:5]]
                else:
                    places = [f"line{'s' if len(rows) > 1 else ''} {rows[0].line}", *(str(row.line) for row in rows[1:5])]
                more = f" and {number(len(rows) - 5)} more" if len(rows) > 5 else ""
                lines.append(f'  "{excerpt(word)}": {", ".join(places)}{more}')
        if self.settled:
            from tui.domain.attention import in_play_left_open, settles_what

            statuses = [row.status for row in self.rows if (row.file, row.line) in self.settled]
            left_open = in_play_left_open([row.status for row in self.rows], [(row.file, row.line) in self.settled for row in self.rows])
            lines.append(
                f"Settles {plural(len(self.settled), 'application')} older than the follow-up window as history, "
                f"every record kept: {settles_what(statuses)}; {f'{left_open}; ' if left_open else ''}{hints.keep_open}."
            )
        return lines


def plan_rows(
    journal: Journal, rows: Sequence[ImportRow], *, today: date, again: bool = False, settle: bool = True
) -> RowsImport:
    """Decide which rows an import adds (reads only): not one already there, not one the duplicate rule calls
    one held, merged away or a row above (unless `again`); with `settle`, which are old enough to be history."""
    from tui.domain.attention import settles

    known = journal.records.application_keys()
    postings = KnownPostings(journal)
    settings = journal.settings()
    seen: set[tuple[str, str, str]] = set()
    plan = RowsImport([], again=again)
    for row in rows:
        key = (matching_key(row.company), matching_key(row.role), row.applied_on.isoformat())
        if key in known:
            plan.already += 1
            continue
        if key in seen:
            plan.repeated += 1
            continue
        seen.add(key)
        like = postings.duplicate(row.company, row.role, row.applied_on)
        if like is not None:
            plan.duplicates.append(Duplicate(row.company, row.role, row.applied_on, like))
            if not again:
                continue
        postings.file.add(ApplicationChoice(row.line, row.company, row.role, row.applied_on))
        plan.rows.append(row)
        # Its outcome has no day of its own: the applied day is the last heard from it.
        if settle and settles(row.status, row.applied_on, settings, today):
            plan.settled.add((row.file, row.line))
    return plan


def import_rows(
    journal: Journal, rows: Sequence[ImportRow], *, today: date, again: bool = False, settle: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> RowsImport:
    """Add the rows `plan_rows` chooses, each as `n` and its outcome key would (the outcome dated on the applied
    day and marked as having no day of its own, as a spreadsheet's status has none), old history settled, in
    one transaction: all or nothing."""
    from tui.actions import applications

    with bulk(journal):
        plan = plan_rows(journal, rows, today=today, again=again, settle=settle)
        for done, row in enumerate(plan.rows, start=1):
            application_id = applications.add_application(journal, row.entry, again=True).id
            if row.outcome is not None and application_id is not None:
                applications.log_outcome(
                    journal, application_id, row.outcome, row.applied_on, stage=row.stage, reopen=True, day_unknown=True
                )
            if application_id is not None and (row.file, row.line) in plan.settled:
                journal.applications.settle(application_id, row.applied_on)
            if progress is not None and (done % 200 == 0 or done == len(plan.rows)):
                progress(done, len(plan.rows))
    return plan


# Reading a file to import: one set of rules for the app and the command line.


class ImportRefused(Refused):
    """A file or what was said about it can't be used; `field` is what the app's form shows it under."""

    def __init__(self, message: str, field: str = "path") -> None:
        super().__init__(message)
        self.field = field

FORMATS = {"json": "Onward JSON", "linkedin": "LinkedIn's export", "csv": "a spreadsheet (CSV)"}
MAX_IMPORT_BYTES = 200 * 1024 * 1024
"""Larger than ten years of any export (Onward's JSON of ten years is ~9 MiB): refused before reading."""
PROBLEMS_SHOWN = 20


@dataclass
class ImportFile:
    """A file read and checked whole, ready to preview against a journal and import into it."""

    path: Path
    data: OnwardData | None = None
    sheet: spreadsheets.ImportPlan | None = None
    again: bool = False
    """Add what the duplicate rule calls an application already held or merged away, too."""
    settle: bool = True
    """Settle what is older than the follow-up window as history (spreadsheets and LinkedIn)."""
    planned: Planned | None = None
    """What the last preview planned (written as it is when the journal has not changed since)."""

    def preview(self, journal: Journal, today: date, *, hints: Hints = CLI_HINTS) -> tuple[list[str], bool]:
        """What importing would do, in lines (naming how to change it the front end's way, `hints`); and
        whether it would add anything."""
        again, settle = self.again, self.settle
        if self.data is not None:
            with collector_paused():
                self.planned = Planned.make(journal, self.data, again)
            return self.planned.plan.preview(hints), self.planned.plan.writes_anything
        sheet = self.sheet
        assert sheet is not None
        files = f" ({', '.join(sheet.files)})" if sheet.files else ""
        lines = [f"Read {plural(sheet.read, 'row')} from {shown_path(self.path.name)}{files}."]
        lines.append("Columns: " + ", ".join(f"{name} ← {column}" for name, column in sheet.columns.items()))
        if sheet.unused_columns:
            lines.append("Not read: " + ", ".join(_unread_column(sheet, column, hints) for column in sheet.unused_columns))
        lines += sheet.remarks
        if sheet.empty_count:
            lines.append(sheet.empty_rows_said())
        rows = plan_rows(journal, sheet.rows, today=today, again=again, settle=settle)
        lines += rows.preview(hints)
        if sheet.problems:
            lines.append(f"Leaves out {plural(sheet.refused, 'row')} it can't use:")
            lines += [f"  {problem.where}: {problem.message}" for problem in sheet.problems[:PROBLEMS_SHOWN]]
            if len(sheet.problems) > PROBLEMS_SHOWN:
                lines.append(f"  … and {number(len(sheet.problems) - PROBLEMS_SHOWN)} more")
        return lines, bool(rows.rows)

    def write(self, journal: Journal, today: date, *, progress: Callable[[int, int], None] | None = None) -> Imported:
        """Import it as previewed (a journal that already holds records is backed up first); says what was added
        and how to take it back."""
        again, settle = self.again, self.settle
        backup = backups.backup_before_import(journal.path, today) if any(journal.records.largest_ids().values()) else None
        take_back = not_undone_by_z(journal.path, backup)
        if self.sheet is not None:
            done = import_rows(journal, self.sheet.rows, today=today, again=again, settle=settle, progress=progress)
            settled = f" ({number(len(done.settled))} settled as history)" if done.settled else ""
            return Imported(f"Imported {plural(len(done.rows), 'application')}{settled}. {take_back}", take_back)
        assert self.data is not None
        imported = import_onward(journal, self.data, again=again, progress=progress, planned=self.planned)
        self.planned = None
        not_taken = ""
        if imported.not_taken:  # said again, shortly (the preview named each)
            lines = imported.not_taken_lines()
            more = len(imported.not_taken) - 3
            not_taken = "\n".join(["", *lines[:4], *([f"  … and {number(more)} more, named in the preview"] if more > 0 else [])])
        return Imported(f"Imported {imported.summary()}. {take_back}{not_taken}", take_back)


@dataclass(frozen=True)
class Imported:
    """What an import wrote, in words (`message`), and what z says after it (`take_back`: it does not undo it)."""

    message: str
    take_back: str

    def __str__(self) -> str:
        return self.message


def not_undone_by_z(journal_path: Path, backup: Path | None) -> str:
    """How to take back an import, which z does not undo: restore the backup made before it (`backup`), or,
    into a journal that held nothing (no backup), remove the journal file. One wording for the app and the CLI."""
    from tui.paths import onward_command

    if backup is None:
        return (
            "z does not undo an import; the journal held nothing before it (so no backup was made): to take it back, "
            f"delete {shown_path(journal_path)}, which holds only what was imported."
        )
    command = onward_command(Path(journal_path), "restore", str(backup))
    return f"z does not undo an import; to take it back, run `{command}` (the journal as it was before it, backed up)."


def read_import(
    kind: str,
    path: Path,
    *,
    journal_path: Path,
    today: date,
    mapping: dict[str, str] | None = None,
    day_first: bool | None = None,
    source: str = "",
    encoding: str | None = None,
    statuses: Sequence[str] = (),
    again: bool = False,
    settle: bool = True,
    hints: Hints = CLI_HINTS,
) -> ImportFile:
    """Read and check a whole file to import (`kind` one of FORMATS); `statuses` are "WORD=STATUS" pairs
    ("Hired=offer"), `again` and `settle` as ImportFile has them; raises Refused saying what is wrong with it
    (how to name a column the front end's way, `hints`). Nothing is written."""
    if kind not in FORMATS:
        raise Refused(f'"{kind}" is not something Onward imports; use one of: {", ".join(FORMATS)}.')
    if kind != "csv" and (mapping or day_first is not None or source or statuses):
        raise Refused("Column names, status words, date order and a default source go with a spreadsheet (csv) import.")
    status_words = status_pairs(statuses)
    if kind == "json" and encoding is not None:
        raise Refused("Onward JSON is always UTF-8; --encoding goes with a csv or linkedin import.")
    try:
        if not path.is_file():
            raise Refused(f"{shown_path(path)} is not a file." if path.exists() else f"There is no file at {shown_path(path)}.")
        _refuse_a_journal(path, journal_path)
        size = path.stat().st_size
    except OSError as error:  # a name too long, a folder that can't be read…
        raise Refused(f"{shown_path(path)} can't be read: {error.strerror or error}.") from None
    if size > MAX_IMPORT_BYTES:
        raise Refused(f"{shown_path(path)} is {number(size // 2**20)} MiB; Onward imports files up to {MAX_IMPORT_BYTES // 2**20} MiB.")
    if kind == "json":
        with collector_paused():
            streamed = _read_onward_file(path, today)
        if streamed is not None:
            return ImportFile(path, data=streamed, again=again, settle=settle)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise Refused(f"{shown_path(path)} can't be read: {error.strerror or error}.") from None
    if kind == "json":
        try:
            with collector_paused():
                return ImportFile(path, data=read_onward(json.loads(raw.decode("utf-8-sig")), today), again=again, settle=settle)
        except UnicodeDecodeError:
            _refuse_other_files(path, raw, hints, journal_path)
            raise Refused(f"{shown_path(path)} is not text (UTF-8); is it an Onward JSON export?") from None
        except json.JSONDecodeError as error:
            _refuse_other_files(path, raw, hints, journal_path)
            raise Refused(f"{shown_path(path)} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}.") from None
        except (OnwardJsonError, RecursionError) as error:
            raise Refused(f"{shown_path(path)}: {error if isinstance(error, OnwardJsonError) else 'nested too deeply to be Onward JSON.'}") from None
        except ValueError:  # json refuses a number of thousands of digits this way
            raise Refused(f"{shown_path(path)} is not Onward JSON: it holds a number thousands of digits long.") from None
    from tui.domain import spreadsheets

    try:
        if kind == "linkedin":
            return ImportFile(path, sheet=spreadsheets.read_linkedin(raw, today=today, encoding=encoding), again=again, settle=settle)
        return ImportFile(
            path,
            sheet=spreadsheets.read_spreadsheet(
                raw, mapping or {}, today=today, day_first=day_first, source=source, statuses=status_words, encoding=encoding
            ),
            again=again, settle=settle,
        )
    except spreadsheets.MissingColumns as error:
        raise ImportRefused(f"{shown_path(path)}: {error} {hints.columns(error.example)}", "columns") from None
    except spreadsheets.ColumnError as error:
        raise ImportRefused(f"{shown_path(path)}: {error}", "columns") from None
    except spreadsheets.EncodingNotSaid as error:
        from tui.paths import onward_command

        # The app has no encoding to choose: the command line is how to name it, for this journal and file.
        command = onward_command(journal_path, "import", kind, str(path), "--encoding", error.encoding)
        raise Refused(f"{shown_path(path)}: {error.what}: say how it was saved (`{command}`){error.more}.") from None
    except spreadsheets.SpreadsheetError as error:
        raise Refused(f"{shown_path(path)}: {error}") from None


def _refuse_a_journal(path: Path, journal_path: Path) -> None:
    """Refuse (Refused) importing the journal itself, a file SQLite keeps beside it, or another Onward journal
    (a backup): asked of the guard exports have (tui.store.files), saying what to do instead."""
    from tui.paths import onward_command
    from tui.store import files

    if files.is_journal_or_companion(path, [journal_path]):
        raise Refused(f"{shown_path(path)} is your journal (or a file SQLite keeps beside it), not a file to import; nothing was imported.")
    if files.is_onward_journal(path):
        restore = onward_command(journal_path, "restore", str(path))
        export = onward_command(path, "export", "json", "-o", "FILE.json")
        raise Refused(
            f"{shown_path(path)} is an Onward journal (a backup?), not an export: `{restore}` puts it back in place of this one; "
            f"to add what it holds, `{export}`, then import FILE.json."
        )


def _refuse_other_files(path: Path, raw: bytes, hints: Hints, journal_path: Path) -> None:
    """Refuse (Refused) a file given as Onward JSON that is binary (not a spreadsheet either, whatever its name
    says) or looks like a spreadsheet, saying which."""
    from tui.domain.spreadsheets import binary_kind

    kind = binary_kind(raw)
    if kind is not None:
        raise Refused(f"{shown_path(path)} is {kind}, not Onward JSON (an export made by onward export json).") from None
    if looks_like_csv(path, raw):
        from tui.paths import onward_command

        instead = hints.spreadsheet.format(command=onward_command(journal_path, "import", "csv", str(path)))
        raise Refused(f"{shown_path(path)} looks like a spreadsheet (CSV), not Onward JSON: {instead}.") from None


def looks_like_csv(path: Path, raw: bytes) -> bool:
    """Whether a file that is not JSON looks like a spreadsheet: named .csv, or its first line has commas."""
    first_line = raw[:4096].split(b"\n", 1)[0]
    return path.suffix.lower() == ".csv" or (b"," in first_line and not first_line.lstrip().startswith((b"{", b"[")))


PIECE = 256 * 1024
"""How much of an Onward JSON file is read at a time."""


def _read_onward_file(path: Path, today: date) -> OnwardData | None:
    """The file's Onward JSON read a piece at a time (tui.domain.onward_json.read_onward_pieces: ten years
    never held parsed whole); None when it must be read whole instead, which says what is wrong, if anything."""

    def pieces() -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        with path.open("rb") as file:
            while chunk := file.read(PIECE):
                yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    try:
        return read_onward_pieces(pieces(), today)
    except OSError:
        return None


def status_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """"Hired=offer" pairs as {"Hired": "offer"}, each checked; raises Refused for one that is not a word and a
    status Onward knows."""
    if not pairs:
        return {}
    from tui.domain import spreadsheets

    words: dict[str, str] = {}
    for pair in pairs:
        word, equals, status = pair.rpartition("=")
        if not equals or not word.strip() or spreadsheets.read_status(status) is None or not status.strip():
            raise ImportRefused(
                f'"{excerpt(pair)}" does not say what a status word means; write WORD=STATUS, like "Hired=offer", '
                f"with one of: {spreadsheets.KNOWN_STATUSES}.",
                "statuses",
            )
        words[word.strip()] = status.strip()
    try:
        spreadsheets.status_mapping(words)
    except spreadsheets.SpreadsheetError as error:
        raise ImportRefused(str(error), "statuses") from None
    return words


def _unread_column(sheet: spreadsheets.ImportPlan, column: str, hints: Hints) -> str:
    """An unread header, with the map that reads it when a word in it names a field no column gave:
    'Current Status (status? --map "Current Status=status")'; a header naming two is not guessed, and says so."""
    fields = sheet.column_guesses.get(column, ())
    if not fields:
        return column
    return f"{column} ({' or '.join(fields)}? {hints.one_column(column, fields[-1])})"


def column_pairs(text: str) -> dict[str, str]:
    """"Employer=company, Sent=applied" as {"Employer": "company", "Sent": "applied"} (the fields are checked
    against the file's columns when it is read); raises Refused for a piece that is not COLUMN=FIELD."""
    pairs: dict[str, str] = {}
    for piece in text.split(","):
        if not piece.strip():
            continue
        column, equals, name = piece.rpartition("=")
        if not equals or not column.strip():
            raise ImportRefused(f'"{excerpt(piece.strip())}" needs COLUMN=FIELD, like Employer=company.', "columns")
        pairs[column.strip()] = name.strip().lower()
    return pairs
