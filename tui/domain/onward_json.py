"""Provides reading Onward JSON (what `onward export json` writes) into checked records, with the place and
reason of anything wrong, before a single row is written; and shifting its days (the demo journal).

Version 2 holds everything a journal holds: every record's id and links (an action's application, outcome
and reflection; a win's application and cause), the automatic wins the user removed, reflection drafts,
rest days and every setting. Version 1 (before 2026-12) lacked the links: its actions load unlinked and its
automatic wins are posted again from their causes.

Version 3 adds the support circle (`people`), the person a support step reached (`person_id`) and the gap
tags a learning step works on (`gaps`) on an action, the employer's reply on a reflection (`feedback`), and
the broaden nudges hidden (`settings.hidden_nudges`): a new number, so an Onward that doesn't know them
refuses the file (saying to update) instead of importing it without them. Each is optional, as is an
outcome's planned day (`takes_place_on`, `held`, added within version 2), so older files read with defaults.
The day a moved screening or interview was on before (`moved_from`) was added within version 3: an Onward
that does not know it reads the file without it, the interview still on its day. So was the day someone said
one was held (`said_on`): read without it, the interview is as held, on its day.
Likewise, within version 3: what a merge remembers (`merged_away`: [company, role, applied day] of each one
merged into an application), imported history settled (`settled_through`) and an outcome whose day an
import did not give (`day_unknown`); and the id of the journal the file was exported from (`journal`): the
same in every copy of one journal, so an import merges a record edited on one side only between copies.
Also within version 3: the moment an application, an outcome, a step, a win or a person was first written
(`created_at`, UTC to the second, as the journal stamps it): every copy of a journal keeps it as it is, so
an import tells a record two copies share (the same moment) from two records each copy wrote after they
parted that got the same id (two moments). An Onward that does not know it reads the file without it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from itertools import repeat
from operator import itemgetter
from typing import Any, ClassVar, Protocol, TypeVar

from tui.domain.broaden import field_key
from tui.domain.models import ActionKind, Held, OutcomeKind, Relation, Stage, WinKind
from tui.domain.dates import EARLIEST_YEAR
from tui.domain.reflections import MAX_BODY_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, draft_problems, usable_draft
from tui.domain.text import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_URL_LENGTH, is_visible, matching_key, number, strip_controls

FORMAT = "onward"
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)


class OnwardJsonError(ValueError):
    """The data is not Onward JSON Onward can load; the message says where and why. Nothing was written."""


AnyRecord = TypeVar("AnyRecord", bound="CheckedRecord")
"""Any one table's kind of checked record."""


class CheckedRecord(tuple):
    """A checked record: its values in the order of its table's `COLUMNS` (the journal's columns, dates as ISO
    text), read by column name as a dict is (`record["on"]`, `record.get(...)`). A tuple, not a dict: ten years
    of records take half the memory (an import holds them all between its preview and its write)."""

    __slots__ = ()
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    _AT: ClassVar[dict[str, int]] = {}

    def __init_subclass__(cls) -> None:
        if cls.COLUMNS[0] != "id":
            raise TypeError("a record's id comes first: records sort by it as tuples")
        cls._AT = {column: at for at, column in enumerate(cls.COLUMNS)}

    def __getitem__(self, key: Any) -> Any:
        return tuple.__getitem__(self, self._AT[key] if key.__class__ is str else key)

    def get(self, key: str, default: Any = None) -> Any:
        at = self._AT.get(key)
        return default if at is None else tuple.__getitem__(self, at)

    def keys(self) -> tuple[str, ...]:
        return self.COLUMNS

    def replace(self: AnyRecord, **values: Any) -> AnyRecord:
        """The same record with these values."""
        return type(self)(values[column] if column in values else value for column, value in zip(self.COLUMNS, self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(zip(self.COLUMNS, self))!r})"


def ids_of(records: Sequence[CheckedRecord]) -> list[int]:
    """The records' ids (their first value), read without a call of Python per record."""
    return list(map(tuple.__getitem__, records, repeat(0)))


def by_id(records: Sequence[AnyRecord]) -> list[AnyRecord]:
    """These records (of one table, ids unique) in the order of their ids: their places sorted by id, not the
    records compared as tuples, each comparison a call into the record's class (ten years of steps, in the
    order of their days in a file: ~25 ms less)."""
    ids = ids_of(records)
    return list(map(records.__getitem__, sorted(range(len(ids)), key=ids.__getitem__)))


def column_of(records: Sequence[AnyRecord], column: str) -> list[Any]:
    """One column's value of each of these records (all of one table), read without a call of Python per record."""
    return list(map(tuple.__getitem__, records, repeat(records[0]._AT[column]))) if records else []


class ApplicationRecord(CheckedRecord):
    __slots__ = ()
    COLUMNS = (
        "id", "company", "role", "field", "source", "url", "notes", "applied_on", "follow_up_on", "merged_away", "settled_through",
    )


class EventRecord(CheckedRecord):
    __slots__ = ()
    COLUMNS = (
        "id", "application_id", "on", "kind", "stage", "note", "takes_place_on", "held", "moved_from", "day_unknown", "said_on",
    )


class ReflectionRecord(CheckedRecord):
    __slots__ = ()
    COLUMNS = (
        "id", "application_id", "on", "mood", "feelings", "stage", "went_well", "do_differently", "gaps", "stumbles",
        "next_step", "next_step_on", "talk_to", "body", "next_step_done_on", "feedback",
    )


class PersonRecord(CheckedRecord):
    __slots__ = ()
    COLUMNS = ("id", "name", "relation", "note")


class ActionRecord(CheckedRecord):
    __slots__ = ()
    COLUMNS = ("id", "on", "kind", "note", "application_id", "event_id", "reflection_id", "automatic", "person_id", "gaps")


class WinRecord(CheckedRecord):
    __slots__ = ()
    COLUMNS = ("id", "on", "title", "kind", "note", "application_id", "automatic", "cause", "seen")


STAMPED = ("applications", "events", "actions", "wins", "people")
"""The tables whose records carry the moment they were first written (`created_at`) in Onward JSON."""


@dataclass
class OnwardData:
    """Checked records (CheckedRecord: the journal's own columns, dates as ISO text), ids as in the file."""

    applications: list[ApplicationRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)
    reflections: list[ReflectionRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    wins: list[WinRecord] = field(default_factory=list)
    removed_wins: list[str] = field(default_factory=list)
    drafts: dict[str, Any] = field(default_factory=dict)
    rest_days: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    version: int = FORMAT_VERSION
    journal: str | None = None
    """The id of the journal the file was exported from (None in a file written before Onward kept one): an
    import tells a record edited on one side of two copies of a journal from an unrelated journal's by it."""
    created: dict[str, dict[int, str]] = field(default_factory=lambda: {table: {} for table in STAMPED})
    """When each record was first written (`created_at`, "2026-12-07T18:02:11Z"), by table and the file's id,
    for the records that say it (a file written before Onward exported it says none)."""


_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def _created(raw: dict[str, Any], made: dict[int, str], record_id: int, seen: dict[Any, str], where: str, *at: int) -> None:
    """Keep a record's `created_at` (optional), checked: the moment it was first written (each kept once in
    `seen`: records written together share one). `where` and `at` name the record if it is refused."""
    value = raw["created_at"]
    if value is None:
        return
    if value.__class__ is not str or not _MOMENT.fullmatch(value):
        raise OnwardJsonError(f"{where.format(*at)}.created_at: {_show(value)} is not a moment written like 2026-12-07T18:02:11Z.")
    made[record_id] = seen.setdefault(value, value)


DAYS_AHEAD = 731
"""How far past today a day in the file may be (a plan two years ahead at most): a day a person could mean.
Without a today (the demo journal), days up to LATEST_YEAR are read."""
LATEST_YEAR = 2999


def latest_day(today: date | None) -> date:
    """The last day a file read on `today` may name."""
    return today + timedelta(days=DAYS_AHEAD) if today is not None else date(LATEST_YEAR, 12, 31)


def _merged_away(r: _Reader) -> list[list[str]]:
    """An application's `merged_away`: [company, role, applied day] of each one merged into it (optional)."""
    value = r.record.get("merged_away", [])
    if not isinstance(value, list) or len(value) > 10_000:
        raise OnwardJsonError(f"{r.where}.merged_away: expected a list of [company, role, applied day].")
    merged = []
    for number, item in enumerate(value):
        if not isinstance(item, list) or len(item) != 3:
            raise OnwardJsonError(f"{r.where}.merged_away[{number}]: expected [company, role, applied day].")
        each = _Reader(f"{r.where}.merged_away[{number}]", dict(zip(("company", "role", "applied_on"), item)), r.latest, r.days)
        day = each.day("applied_on", required=True)
        assert day is not None
        merged.append([each.text("company", required=True, limit=MAX_NAME_LENGTH), each.text("role", required=True, limit=MAX_NAME_LENGTH), day])
    return merged


class _Reader:
    def __init__(self, where: str, record: Any, latest: date, days: dict[Any, str] | None = None) -> None:
        if not isinstance(record, dict):
            raise OnwardJsonError(f"{where}: expected an object, found {_kind(record)}.")
        self.where = where
        self.record = record
        self.latest = latest
        self.days = {} if days is None else days
        """Days already read good (day, `by`), kept as one string each: a file of ten years names each of
        ~3,650 days ~25 times. Short texts read good are kept once each in it too (a role, a source, a note
        like "coffee chat": ten years repeat them tens of thousands of times)."""

    def _fail(self, key: str, message: str) -> OnwardJsonError:
        return OnwardJsonError(f"{self.where}.{key}: {message}")

    def text(self, key: str, *, required: bool = False, empty: bool = True, limit: int = MAX_NOTE_LENGTH) -> str:
        value = self.record.get(key)
        if value.__class__ is str and len(value) <= limit and value.isprintable():  # the usual text: nothing to strip
            if empty or value.strip(" "):  # printable text shows something unless it is only spaces
                return self.days.setdefault(value, value) if len(value) <= _SHORT_TEXT else value
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise self._fail(key, "missing." if value is None else f"expected text, found {_kind(value)}.")
        if len(value) > limit:
            raise self._fail(key, f"{number(len(value))} characters; at most {number(limit)} fit (as when typed in).")
        value = strip_controls(value)
        if not empty and not is_visible(value):
            raise self._fail(key, "can't be empty.")
        return value

    def day(self, key: str, *, required: bool = False, by: date | None = None) -> str | None:
        """An ISO day; with `by`, one on or before it (what happened can't be in the future)."""
        value = self.record.get(key)
        if value is None and not required:
            return None
        known = _good_day(value, by, self.latest, self.days) if isinstance(value, str) else None
        if known is not None:
            return known
        if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
            raise self._fail(key, f"{_show(value)} is not a day written YYYY-MM-DD.")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise self._fail(key, f"{_show(value)} is not a day in the calendar.") from None
        if day.year < EARLIEST_YEAR:
            raise self._fail(key, f"{value} is too long ago; Onward keeps days from {EARLIEST_YEAR} on.")
        if by is not None and day > by:
            raise self._fail(key, f"{value} is in the future; what happened is dated today or before.")
        if day > self.latest:
            raise self._fail(key, f"{value} is too far ahead; Onward keeps days up to {self.latest.isoformat()}.")
        raise AssertionError(f"{value} refused for no reason")  # _good_day accepts what passes the checks above

    def id(self, key: str = "id", *, required: bool = True) -> int | None:
        value = self.record.get(key)
        if value.__class__ is int and 1 <= value < 2**62:  # not True, which is an int too
            return value
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 2**62:
            raise self._fail(key, f"{_show(value)} is not an id (a whole number from 1).")
        return value

    def unique_id(self, seen: set[int], *, default: int | None = None) -> int:
        """The record's id, not used by an earlier record of its kind (`default` when the file gives none)."""
        value = self.id(required=default is None)
        value = default if value is None else value
        assert value is not None
        if value in seen:
            raise self._fail("id", f"{value} is used twice.")
        seen.add(value)
        return value

    def choice(self, key: str, kinds: type[Enum], *, required: bool = True) -> str | None:
        """One of the values of `kinds` (the enum's own text, so ten years of outcomes share a few strings)."""
        value = self.record.get(key)
        if value is None and not required:
            return None
        accepted = _accepted(kinds)
        chosen = accepted.get(value) if isinstance(value, str) else None
        if chosen is None:
            raise self._fail(key, f"{_show(value)} is not one of: {', '.join(accepted)}.")
        return chosen

    def flag(self, key: str) -> bool:
        value = self.record.get(key, False)
        if not isinstance(value, bool):
            raise self._fail(key, f"expected true or false, found {_show(value)}.")
        return value

    def words(self, key: str) -> list[str]:
        value = self.record.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(key, "expected a list of text.")
        return [v if v.isprintable() else strip_controls(v) for v in value]

    def tags(self, key: str) -> list[str]:
        """Gap tags as typing leaves them: at most MAX_TAGS, each a little text."""
        value = self.record.get(key, [])
        if value == [] and value.__class__ is list:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            found = f"a list holding {_kind(next(v for v in value if not isinstance(v, str)))}" if isinstance(value, list) else _kind(value)
            raise self._fail(key, f"expected a list of tags (text), found {found}.")
        if len(value) > MAX_TAGS:
            raise self._fail(key, f"{number(len(value))} tags; at most {MAX_TAGS} fit (as when typed in).")
        tags = [strip_controls(v) for v in value]
        for tag in tags:
            if len(tag) > MAX_TAG_LENGTH:
                raise self._fail(key, f"{_show(tag)} is {number(len(tag))} characters; a tag holds at most {MAX_TAG_LENGTH}.")
            if not tag.strip():
                raise self._fail(key, "a tag can't be empty.")
        return tags


_USUAL_STEP = itemgetter("id", "on", "kind", "note", "application_id", "event_id", "reflection_id", "automatic")
"""The keys an export writes for every step."""
_USUAL_OUTCOME = itemgetter("id", "on", "kind", "stage", "note")
"""The keys an export writes for every outcome."""
_ABSENT: Any = ()
"""A key not in a record (`dict.get`'s default where None is a value the file may hold)."""
NONE_LISTED: list[Any] = []
"""The empty list every usual record holds where it lists nothing (a step's gaps, an application's merges): one
list, not one per record (ten years of steps: ~2.5 MiB less). Records are read, never changed in place."""
READ_IN_ONE_GO = True
"""Whether the usual application (with its outcomes) and step are read in one go: each is then exactly what the
checks one value at a time read (tests/domain/test_onward_json.py compares both on odd values of every field)."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _good_day(value: str, by: date | None, latest: date, days: dict[Any, str]) -> str | None:
    """`value` as `_Reader.day` reads it when it is a good day (kept in `days`, read once each), or None: the
    reader then says what is wrong with it."""
    known = days.get((value, by))
    if known is not None:
        return known
    if not _ISO_DAY.fullmatch(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if day.year < EARLIEST_YEAR or (by is not None and day > by) or day > latest:
        return None
    days[(value, by)] = value
    return value
_SHORT_TEXT = 60
_CHOICES: dict[type[Enum], dict[str, str]] = {}
"""Each enum's values, worked out once (not once per record: ten years of outcomes ask ~100,000 times)."""


def _accepted(kinds: type[Enum]) -> dict[str, str]:
    """Each value of `kinds` as the enum's own text, by itself (worked out once per enum)."""
    accepted = _CHOICES.get(kinds)
    if accepted is None:
        accepted = _CHOICES[kinds] = {str(kind.value): str(kind.value) for kind in kinds}
    return accepted


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(type(value), "a number")


def _show(value: Any) -> str:
    """A value of the file as JSON writes it (true, ["x"], {"a": 1}), an escape code as \u001b rather than
    left out of the text ("red" was said for ESC[31mred), cut to 40 characters."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except ValueError:  # a number too large to write, a loop
        text = repr(value)
    return strip_controls(text if len(text) <= 40 else text[:37] + "…")


class _Top(Protocol):
    """Onward JSON's outer object: a parsed dict, or `_Streamed` (its lists of records read as they are used)."""

    def get(self, key: str, default: Any = None, /) -> Any: ...


def _list(data: _Top, key: str) -> Iterable[Any]:
    value = data.get(key, [])
    if not isinstance(value, (list, _Items)):
        raise OnwardJsonError(f"{key}: expected a list, found {_kind(value)}.")
    return value


def read_onward(data: Any, today: date | None = None) -> OnwardData:
    """Check parsed Onward JSON whole (every record, every link, the limits typing has) and return its
    records; raises OnwardJsonError naming the first problem (e.g. `applications[3].applied_on: "2026-13-01"
    is not a day in the calendar.`). With `today`, nothing that happened may be dated after it (plans —
    an interview's day, a next step, a follow-up day, a rest day — may)."""
    if not isinstance(data, dict):
        raise OnwardJsonError('This is not Onward JSON (it has no "format": "onward"); export it with `onward export json`.')
    return _read(data, today)


def _read(data: _Top, today: date | None) -> OnwardData:
    if data.get("format") != FORMAT:
        raise OnwardJsonError('This is not Onward JSON (it has no "format": "onward"); export it with `onward export json`.')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, (int, type(None))):  # true == 1 in Python: not a version
        raise OnwardJsonError(f"Unknown Onward JSON version {_show(version)}; this Onward reads versions 1 to 3.")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise OnwardJsonError(f"This file was written by a newer Onward (format version {version}); update Onward to import it.")
    if version is None:
        raise OnwardJsonError('This Onward JSON has no "version"; export it again with `onward export json`.')
    if version not in READABLE_VERSIONS:
        raise OnwardJsonError(f"Unknown Onward JSON version {_show(version)}; this Onward reads versions 1 to 3.")
    out = OnwardData(version=version)
    latest = latest_day(today)

    days: dict[Any, str] = {}

    def reader(where: str, record: Any) -> _Reader:  # every reader bounded by the same last day
        return _Reader(where, record, latest, days)

    # The usual record's days and moments are looked up once read good (ten years name each of ~3,650 days ~25
    # times, and share a few moments): only a day or a moment not read yet is checked.
    past: dict[str, str] = {}
    """Days read good as what happened (on or before today)."""
    ahead: dict[str, str] = {}
    """Days read good as plans (up to the last day a file may name)."""
    moments: dict[str, str] = {}
    """Moments read good as when a record was first written."""
    made = out.created
    made_applications, made_events, made_actions, made_wins = made["applications"], made["events"], made["actions"], made["wins"]

    def past_day(value: str) -> str | None:
        good = _good_day(value, today, latest, days)
        if good is not None:
            past[value] = good
        return good

    def any_day(value: str) -> str | None:
        good = _good_day(value, None, latest, days)
        if good is not None:
            ahead[value] = good
        return good

    application_ids: set[int] = set()
    event_ids: set[int] = set()
    next_event_id = 1
    outcome_kinds, stages = _accepted(OutcomeKind), _accepted(Stage)
    quick = READ_IN_ONE_GO

    def plain(value: Any, limit: int) -> str | None:
        """Text as `_Reader.text` gives the usual text (printable, within its limit; None as ""), or None."""
        if value is None:
            return ""
        if value.__class__ is str and len(value) <= limit and value.isprintable():
            return days.setdefault(value, value) if len(value) <= _SHORT_TEXT else value
        return None

    for index, raw in enumerate(_list(data, "applications")):
        # The usual application and outcomes, read in one go as the usual step is below.
        if quick and raw.__class__ is dict and version >= 2:
            get = raw.get
            application_id, company, role, applied_on, events = get("id"), get("company"), get("role"), get("applied_on"), get("events", [])
            if (
                application_id.__class__ is int and 1 <= application_id < 2**62 and application_id not in application_ids
                and company.__class__ is str and role.__class__ is str and company.strip(" ") and role.strip(" ")
                and (company := plain(company, MAX_NAME_LENGTH)) is not None and (role := plain(role, MAX_NAME_LENGTH)) is not None
                and applied_on.__class__ is str and (applied_on := past.get(applied_on) or past_day(applied_on)) is not None
                and (field := plain(get("field"), MAX_NAME_LENGTH)) is not None
                and (source := plain(get("source"), MAX_NAME_LENGTH)) is not None
                and (url := plain(get("url"), MAX_URL_LENGTH)) is not None
                and (notes := plain(get("notes"), MAX_NOTE_LENGTH)) is not None
                and ((follow_up_on := get("follow_up_on")) is None or (
                    follow_up_on.__class__ is str and (follow_up_on := ahead.get(follow_up_on) or any_day(follow_up_on)) is not None
                ))
                and "merged_away" not in raw and get("settled_through") is None
                and events.__class__ is list
            ):
                timeline = []
                for raw_event in events:
                    if raw_event.__class__ is not dict:
                        break
                    try:  # the keys an export always writes, read at once
                        event_id, on, kind, stage, note = _USUAL_OUTCOME(raw_event)
                    except KeyError:  # some left out: read as the checks read them
                        get = raw_event.get
                        event_id, on, kind, stage, note = get("id"), get("on"), get("kind"), get("stage"), get("note")
                    day_unknown = raw_event.get("day_unknown", False)
                    if not (
                        event_id.__class__ is int and 1 <= event_id < 2**62 and event_id not in event_ids
                        and on.__class__ is str and (on := past.get(on) or past_day(on)) is not None and on >= applied_on
                        and kind.__class__ is str and (kind := outcome_kinds.get(kind)) is not None
                        and (stage is None or (stage.__class__ is str and (stage := stages.get(stage)) is not None))
                        and (note := plain(note, MAX_NOTE_LENGTH)) is not None
                        and "takes_place_on" not in raw_event and "held" not in raw_event and "moved_from" not in raw_event
                        and "said_on" not in raw_event
                        and (day_unknown is False or day_unknown is True)
                    ):
                        break
                    event_ids.add(event_id)
                    timeline.append(EventRecord((event_id, application_id, on, kind, stage, note, None, None, None, int(day_unknown), None)))
                else:
                    application_ids.add(application_id)
                    out.applications.append(ApplicationRecord((
                        application_id, company, role, field, source, url, notes, applied_on, follow_up_on, NONE_LISTED, None,
                    )))
                    out.events += timeline
                    moment = raw.get("created_at")
                    if moment.__class__ is str and (kept := moments.get(moment)) is not None:
                        made_applications[application_id] = kept
                    elif "created_at" in raw:
                        _created(raw, made_applications, application_id, moments, "applications[{}]", index)
                    for number, raw_event in enumerate(events):
                        moment = raw_event.get("created_at")
                        if moment.__class__ is str and (kept := moments.get(moment)) is not None:
                            made_events[raw_event["id"]] = kept
                        elif "created_at" in raw_event:
                            _created(raw_event, made_events, raw_event["id"], moments, "applications[{}].events[{}]", index, number)
                    continue
                event_ids.difference_update(event[0] for event in timeline)  # read again below, one by one
        r = reader(f"applications[{index}]", raw)
        application_id = r.unique_id(application_ids)
        company = r.text("company", required=True, empty=False, limit=MAX_NAME_LENGTH)
        role = r.text("role", required=True, empty=False, limit=MAX_NAME_LENGTH)
        applied_on = r.day("applied_on", required=True, by=today)
        out.applications.append(ApplicationRecord((  # in the order of its COLUMNS
            application_id, company, role,
            r.text("field", limit=MAX_NAME_LENGTH), r.text("source", limit=MAX_NAME_LENGTH),
            r.text("url", limit=MAX_URL_LENGTH), r.text("notes"), applied_on,
            r.day("follow_up_on"),
            _merged_away(r), r.day("settled_through", by=today),
        )))
        if "created_at" in raw:
            _created(raw, made_applications, application_id, moments, "applications[{}]", index)
        events = raw.get("events", [])
        if not isinstance(events, list):
            raise OnwardJsonError(f"applications[{index}].events: expected a list, found {_kind(events)}.")
        for number, raw_event in enumerate(events):
            e = reader(f"applications[{index}].events[{number}]", raw_event)
            event_id = e.unique_id(event_ids, default=None if version >= 2 else next_event_id)
            next_event_id = max(next_event_id, event_id + 1)
            on = e.day("on", required=True, by=today)
            if on is not None and applied_on is not None and on < applied_on:
                raise OnwardJsonError(f"{e.where}.on: {on} is before the application was sent ({applied_on}).")
            event = EventRecord((
                event_id, application_id, on,
                e.choice("kind", OutcomeKind), e.choice("stage", Stage, required=False), e.text("note"),
                e.day("takes_place_on"), e.choice("held", Held, required=False),
                e.day("moved_from"),
                int(e.flag("day_unknown")),
                e.day("said_on", by=today),
            ))
            if (event["held"] is None) != (event["takes_place_on"] is None):
                raise OnwardJsonError(f"{e.where}: takes_place_on and held go together.")
            if event["moved_from"] is not None and event["held"] is None:
                raise OnwardJsonError(f"{e.where}: moved_from goes only with takes_place_on and held.")
            if event["said_on"] is not None and event["held"] != Held.ATTENDED:
                raise OnwardJsonError(f"{e.where}: said_on goes only with held attended.")
            out.events.append(event)
            if "created_at" in raw_event:
                _created(raw_event, made_events, event_id, moments, e.where)
    reflection_ids: set[int] = set()
    for index, raw in enumerate(_list(data, "reflections")):
        if quick and raw.__class__ is dict:  # the usual reflection, read in one go as the usual step is below
            get = raw.get
            reflection_id, application_id, on, mood, stage = get("id"), get("application_id"), get("on"), get("mood"), get("stage")
            feelings, gaps = get("feelings", []), get("gaps", [])
            next_step_on, done_on = get("next_step_on"), get("next_step_done_on")
            if (
                reflection_id.__class__ is int and 1 <= reflection_id < 2**62 and reflection_id not in reflection_ids
                and (application_id is None or (application_id.__class__ is int and application_id in application_ids))
                and on.__class__ is str and (on := past.get(on) or past_day(on)) is not None
                and mood.__class__ is int and 1 <= mood <= 5
                and feelings.__class__ is list and all(v.__class__ is str and v.isprintable() for v in feelings)
                and (stage is None or (stage.__class__ is str and (stage := stages.get(stage)) is not None))
                and gaps.__class__ is list and len(gaps) <= MAX_TAGS
                and all(v.__class__ is str and v.isprintable() and len(v) <= MAX_TAG_LENGTH and v.strip() for v in gaps)
                and (next_step_on is None or (
                    next_step_on.__class__ is str and (next_step_on := ahead.get(next_step_on) or any_day(next_step_on)) is not None
                ))
                and (done_on is None or (done_on.__class__ is str and (done_on := past.get(done_on) or past_day(done_on)) is not None))
                and (went_well := plain(get("went_well"), MAX_NOTE_LENGTH)) is not None
                and (do_differently := plain(get("do_differently"), MAX_NOTE_LENGTH)) is not None
                and (stumbles := plain(get("stumbles"), MAX_NOTE_LENGTH)) is not None
                and (next_step := plain(get("next_step"), MAX_NOTE_LENGTH)) is not None
                and (talk_to := plain(get("talk_to"), MAX_NOTE_LENGTH)) is not None
                and (body := plain(get("body"), MAX_BODY_LENGTH)) is not None
                and (feedback := plain(get("feedback"), MAX_NOTE_LENGTH)) is not None
            ):
                reflection_ids.add(reflection_id)
                out.reflections.append(ReflectionRecord((
                    reflection_id, application_id, on, mood, list(feelings), stage, went_well, do_differently, list(gaps),
                    stumbles, next_step, next_step_on, talk_to, body, done_on, feedback,
                )))
                continue
        r = reader(f"reflections[{index}]", raw)
        reflection_id = r.unique_id(reflection_ids)
        mood = raw.get("mood")
        if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
            raise OnwardJsonError(f"reflections[{index}].mood: {_show(mood)} is not a mood from 1 to 5.")
        out.reflections.append(ReflectionRecord((
            reflection_id, _linked(r, "application_id", application_ids, "application"),
            r.day("on", required=True, by=today), mood, r.words("feelings"),
            r.choice("stage", Stage, required=False), r.text("went_well"),
            r.text("do_differently"), r.tags("gaps"), r.text("stumbles"),
            r.text("next_step"), r.day("next_step_on"), r.text("talk_to"),
            r.text("body", limit=MAX_BODY_LENGTH), r.day("next_step_done_on", by=today),
            r.text("feedback"),
        )))
    win_ids: set[int] = set()
    causes: set[str] = set()
    pending: list[tuple[int, str]] = []
    """(index, cause) of the wins naming a step, checked once the steps are read."""
    refused: OnwardJsonError | None = None
    """The first refusal among the wins, said after the people's and steps'."""
    try:
        win_kinds = _accepted(WinKind)
        for index, raw in enumerate(_list(data, "wins")):
            if quick and raw.__class__ is dict:  # the usual win, read in one go as the usual step is below
                get = raw.get
                win_id, automatic, on, title, kind, application_id = (
                    get("id"), get("automatic", False), get("on"), get("title"), get("kind"), get("application_id")
                )
                cause, seen = plain(get("cause"), MAX_NOTE_LENGTH), get("seen", True)
                if (
                    win_id.__class__ is int and 1 <= win_id < 2**62 and win_id not in win_ids
                    and (automatic is True or automatic is False)
                    and cause is not None and (cause or not automatic) and cause not in causes
                    and on.__class__ is str and (on := past.get(on) or past_day(on)) is not None
                    and title.__class__ is str and title.strip(" ") and (title := plain(title, MAX_NOTE_LENGTH)) is not None
                    and kind.__class__ is str and (kind := win_kinds.get(kind)) is not None
                    and (note := plain(get("note"), MAX_NOTE_LENGTH)) is not None
                    and (application_id is None or (application_id.__class__ is int and application_id in application_ids))
                    and (seen is True or seen is False)
                ):
                    linked = _CAUSE_LINK.match(cause) if cause else None
                    if linked is None or linked[1] == "learned" or int(linked[2]) in (
                        event_ids if linked[1] == "event" else reflection_ids
                    ):
                        win_ids.add(win_id)
                        if cause:
                            causes.add(cause)
                            if linked is not None and linked[1] == "learned":
                                pending.append((index, cause))
                        out.wins.append(WinRecord((
                            win_id, on, title, kind, note, application_id, automatic, cause or None, seen,
                        )))
                        moment = raw.get("created_at")
                        if moment.__class__ is str and (kept := moments.get(moment)) is not None:
                            made_wins[win_id] = kept
                        elif "created_at" in raw:
                            _created(raw, made_wins, win_id, moments, "wins[{}]", index)
                        continue
            r = reader(f"wins[{index}]", raw)
            win_id = r.unique_id(win_ids)
            automatic = r.flag("automatic")
            cause = r.text("cause") or None
            if cause is not None and cause in causes:
                raise OnwardJsonError(f"wins[{index}].cause: {_show(cause)} is used twice.")
            if automatic and cause is None:
                continue  # version 1 wrote automatic wins without their cause: they are posted again from it
            if cause is not None:
                causes.add(cause)
                linked = _CAUSE_LINK.match(cause)
                if linked and linked[1] == "learned":
                    pending.append((index, cause))
                elif linked and int(linked[2]) not in {"event": event_ids, "reflection": reflection_ids}[linked[1]]:
                    raise OnwardJsonError(f"wins[{index}].cause: {_show(cause)} names no {linked[1]} in the file.")
            out.wins.append(WinRecord((
                win_id, r.day("on", required=True, by=today),
                r.text("title", required=True, empty=False),
                r.choice("kind", WinKind), r.text("note"),
                _linked(r, "application_id", application_ids, "application"),
                automatic, cause, r.flag("seen") if "seen" in raw else True,
            )))
            if "created_at" in raw:
                _created(raw, made_wins, win_id, moments, "wins[{}]", index)
    except OnwardJsonError as error:
        refused = error
    person_ids: set[int] = set()
    names: dict[str, int] = {}
    for index, raw in enumerate(_list(data, "people")):
        r = reader(f"people[{index}]", raw)
        person_id = r.unique_id(person_ids)
        name = r.text("name", required=True, empty=False, limit=MAX_NAME_LENGTH)
        same = names.setdefault(matching_key(name), index)
        if same != index:
            raise OnwardJsonError(f"people[{index}].name: {_show(name)} is people[{same}] again; a name is one person in the circle.")
        out.people.append(PersonRecord((
            person_id, name, r.choice("relation", Relation, required=False) or Relation.OTHER.value,
            r.text("note"),
        )))
        if "created_at" in raw:
            _created(raw, out.created["people"], person_id, moments, "people[{}]", index)
    action_ids: set[int] = set()
    action_kinds = _accepted(ActionKind)
    for index, raw in enumerate(_list(data, "actions")):
        # The usual step, read in one go (ten years hold ~44,000): only what the checks below accept as it is,
        # each value as they give it; anything else (and each day's first mention) is read by them.
        if quick and raw.__class__ is dict:
            try:  # the keys an export always writes, read at once
                action_id, on, kind, note, application_id, event_id, reflection_id, automatic = _USUAL_STEP(raw)
            except KeyError:  # some left out (a file written by hand): read as the checks read them
                get = raw.get
                action_id, on, kind, note = get("id"), get("on"), get("kind"), get("note")
                application_id, event_id, reflection_id = get("application_id"), get("event_id"), get("reflection_id")
                automatic = get("automatic", False)
            reached, gaps = raw.get("person_id"), raw.get("gaps", _ABSENT)
            if (
                action_id.__class__ is int and 1 <= action_id < 2**62 and action_id not in action_ids
                and on.__class__ is str and (on := past.get(on) or past_day(on)) is not None
                and kind.__class__ is str and (kind := action_kinds.get(kind)) is not None
                and (note is None or (note.__class__ is str and len(note) <= MAX_NOTE_LENGTH and note.isprintable()))
                and (application_id is None or (application_id.__class__ is int and application_id in application_ids))
                and (event_id is None or (event_id.__class__ is int and event_id in event_ids))
                and (reflection_id is None or (reflection_id.__class__ is int and reflection_id in reflection_ids))
                and (reached is None or (reached.__class__ is int and reached in person_ids))
                and (automatic is True or automatic is False)
                and (gaps is _ABSENT or (gaps.__class__ is list and not gaps))
            ):
                action_ids.add(action_id)
                note = "" if note is None else days.setdefault(note, note) if len(note) <= _SHORT_TEXT else note
                out.actions.append(ActionRecord((
                    action_id, on, kind, note, application_id, event_id, reflection_id, automatic, reached, NONE_LISTED,
                )))
                moment = raw.get("created_at")
                if moment.__class__ is str and (kept := moments.get(moment)) is not None:
                    made_actions[action_id] = kept
                elif "created_at" in raw:
                    _created(raw, made_actions, action_id, moments, "actions[{}]", index)
                continue
        r = reader(f"actions[{index}]", raw)
        action_id = r.unique_id(action_ids)
        out.actions.append(ActionRecord((
            action_id, r.day("on", required=True, by=today), r.choice("kind", ActionKind), r.text("note"),
            _linked(r, "application_id", application_ids, "application"),
            _linked(r, "event_id", event_ids, "outcome"),
            _linked(r, "reflection_id", reflection_ids, "reflection"),
            r.flag("automatic"),
            _linked(r, "person_id", person_ids, "person"), r.tags("gaps"),
        )))
        if "created_at" in raw:
            _created(raw, made_actions, action_id, moments, "actions[{}]", index)
    # A step a win names ("learned:N") comes later in the file than the wins (people and steps are written after
    # them): the wins are checked as they come (not held parsed until then) and the steps they name once read;
    # a refusal among them is said after the people's and steps', as when they were checked last.
    for index, cause in pending:  # each before the refused win, if any, or that win itself (its link came first)
        if int(cause.partition(":")[2]) not in action_ids:
            raise OnwardJsonError(f"wins[{index}].cause: {_show(cause)} names no step in the file.")
    if refused is not None:
        raise refused
    removed = data.get("removed_automatic_wins", [])
    if not isinstance(removed, list) or not all(isinstance(c, str) and c and len(c) <= MAX_NAME_LENGTH for c in removed):
        raise OnwardJsonError("removed_automatic_wins: expected a list of causes (text).")
    out.removed_wins = sorted({strip_controls(cause) for cause in removed})
    out.drafts = _checked_drafts(data.get("drafts", {}))
    for index, day in enumerate(_list(data, "rest_days")):
        out.rest_days.append(reader(f"rest_days[{index}]", {"day": day}).day("day", required=True) or "")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise OnwardJsonError(f"settings: expected an object, found {_kind(settings)}.")
    out.settings = _checked_settings(settings, latest)
    journal = data.get("journal", _NOT_GIVEN)  # read last: asked for earlier, a file without it would be read whole first
    if journal is _NOT_GIVEN:
        journal = None  # a file from before Onward kept a journal's id
    elif not (isinstance(journal, str) and _JOURNAL_ID.fullmatch(journal)):
        raise OnwardJsonError(f"journal: {_show(journal)} is not a journal's id (up to 64 letters and digits).")
    out.journal = journal
    return out


_JOURNAL_ID = re.compile(r"[0-9A-Za-z]{1,64}")
_NOT_GIVEN = object()


def read_onward_pieces(pieces: Iterable[str], today: date | None = None) -> OnwardData | None:
    """`read_onward(json.loads("".join(pieces)), today)` holding one record of the file at a time instead of
    all of it parsed (ten years: ~60 MiB less): for a file as Onward writes it (its lists in the order they
    are checked in; wins, written before the steps they may name, are held until then). None when the text
    is anything else — not JSON, a key twice, a mistake anywhere: reading it whole then gives the exact
    message, as JSON's first mistake comes before the first record Onward refuses."""
    try:
        top = _Streamed(_Text(iter(pieces)))
        data = _read(top, today)
        top.finish()  # the rest must be JSON too (json.loads would refuse the whole file)
    except (_NotPlain, OnwardJsonError, ValueError, RecursionError):  # ValueError: JSON's own, and a text not UTF-8
        return None
    return data


class _NotPlain(Exception):
    """The text is not Onward JSON read a piece at a time: the caller reads it whole."""


_SPACE = re.compile(r"[ \t\n\r]*")
_LONGEST_VALUE = 8 * 2**20
"""A value read a piece at a time is given up on (the file read whole) past this many characters: a
mistake in the middle of a file is not read again with every piece after it."""
_DECODER = json.JSONDecoder()
_SHORT_OF_A_LINE = 64 * 1024
"""What is left of the text with no line's end in it, read on with the next piece (an export's lines are shorter;
text written otherwise, on one long line, is read a value at a time)."""


class _Text:
    """JSON text arriving in pieces, read value by value (json's own scanner on each)."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces
        self.text = ""
        self.at = 0

    def _more(self) -> bool:
        piece = next(self.pieces, None)
        if piece is None:
            return False
        self.text = self.text[self.at:] + piece
        self.at = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space (left unread)."""
        if self.at < len(self.text) and self.text[self.at] not in " \t\n\r":
            return self.text[self.at]
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]  # matches the empty text
            if self.at < len(self.text):
                return self.text[self.at]
            if not self._more():
                raise _NotPlain

    def take(self, expected: str) -> str:
        """The next character, which must be one of `expected`."""
        char = self.peek()
        if char not in expected:
            raise _NotPlain
        self.at += 1
        return char

    def value(self) -> Any:
        """The next JSON value, whole: when it reaches the end of the text so far, read again with more (a
        number cut in two would read as a smaller one)."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except ValueError:
                if len(self.text) - self.at < _LONGEST_VALUE and self._more():
                    continue
                raise _NotPlain from None  # a mistake (or one huge record): read whole
            if end == len(self.text):  # complete only if nothing follows (a number cut in two reads as a smaller one)
                if len(self.text) - self.at >= _LONGEST_VALUE:
                    raise _NotPlain
                if self._more():
                    continue
            self.at = end
            return value

    def values(self) -> tuple[list[Any], bool] | None:
        """The next values of the list being read, as many as the text so far holds up to the last comma that
        ends a line (an export writes a record a line), read as one (json's scanner once, not once per record),
        and whether the list ended among them. Read past that comma, or up to the list's "]". None read when
        the text so far has no such comma; None when what comes before it is not whole values and a list's
        end ("[" and "]" around text cut inside a value, or inside a string, are never JSON): nothing is read."""
        start = self.at
        cut = self.text.rfind(",\n", start)
        if cut <= start:
            return [], False
        chunk = "[" + self.text[start:cut] + "]"
        try:
            values, end = _DECODER.raw_decode(chunk)
        except ValueError:
            return None
        if not values:
            return None
        if end == len(chunk):
            self.at = cut + 1
            return values, False
        self.at = start + end - 2  # the list's own "]" closed the one put around (the text has no "[" before)
        return values, True

    def more_for_a_line(self) -> bool:
        """More text, when what is left of the text so far is short of a line (an export's record cut where a piece
        ends): then read with the lines after it, not by json's scanner failing on it first (an error it words
        with the line it is on, counted from the text's start: ~80 M instructions of ten years)."""
        return len(self.text) - self.at < _SHORT_OF_A_LINE and self._more()

    def ended(self) -> bool:
        try:
            self.peek()
        except _NotPlain:
            return True
        return False


class _Items:
    """A list of the outer object, read one item at a time as it is checked."""

    def __init__(self, text: _Text) -> None:
        self.text = text
        self.done = False
        self.several = True
        """Values are read several at a time until that fails once, or a long stretch holds no line's end (a file
        written otherwise than a record a line)."""

    def __iter__(self) -> Iterator[Any]:
        if self.done:
            raise _NotPlain  # read twice: cannot happen in a file read once
        if self.text.peek() == "]":
            self.text.take("]")
            self.done = True
            return
        while True:
            if self.several:
                self.text.peek()
                read = self.text.values()
                if read is None:
                    self.several = False
                elif read[0]:
                    yield from read[0]
                    if read[1]:
                        self.text.take("]")
                        self.done = True
                        return
                    continue
                elif self.text.more_for_a_line():
                    continue
                else:  # no line's end in a long stretch: not a record a line (written on one line, say)
                    self.several = False
            yield self.text.value()
            if self.text.take(",]") == "]":
                self.done = True
                return

    def drain(self) -> None:
        if not self.done:
            for _ in self:
                pass


_LISTS_READ_AS_THEY_COME = frozenset({"applications", "reflections", "people", "actions", "wins"})
_KEYS_READ = _LISTS_READ_AS_THEY_COME | {"format", "version", "journal", "removed_automatic_wins", "drafts", "rest_days", "settings"}


class _Streamed:
    """The outer object of JSON text read in order: a key asked for is read up to; the keys passed on the
    way are held (parsed whole) until asked for, and keys Onward does not read are checked as JSON and left."""

    def __init__(self, text: _Text) -> None:
        self.text = text
        self.held: dict[str, Any] = {}
        self.seen: set[str] = set()
        self.open: _Items | None = None
        self.closed = False
        text.take("{")
        if text.peek() == "}":
            text.take("}")
            self.closed = True

    def _next(self) -> tuple[str, Any] | None:
        """The next key and its value (a list of records as _Items, read as it is used), or None at the end."""
        if self.open is not None:
            self.open.drain()
            self.open = None
            if self.text.take(",}") == "}":
                self.closed = True
        if self.closed:
            return None
        if self.text.peek() != '"':
            raise _NotPlain
        key = self.text.value()
        if key in self.seen:
            raise _NotPlain  # json.loads keeps the last of the two: read whole
        self.seen.add(key)
        self.text.take(":")
        if self.text.peek() == "[":
            self.text.take("[")
            self.open = _Items(self.text)
            return key, self.open
        value = self.text.value()
        if self.text.take(",}") == "}":
            self.closed = True
        return key, value

    def get(self, key: str, default: Any = None, /) -> Any:
        if key in self.held:
            return self.held.pop(key)
        if key in self.seen:
            raise _NotPlain  # asked twice: the checks ask each key once
        while (pair := self._next()) is not None:
            name, value = pair
            if name == key:
                return value if name in _LISTS_READ_AS_THEY_COME or not isinstance(value, _Items) else list(value)
            if name in _KEYS_READ:
                self.held[name] = list(value) if isinstance(value, _Items) else value
        return default

    def finish(self) -> None:
        while self._next() is not None:
            pass
        if not self.text.ended():
            raise _NotPlain  # more after the outer object


def _checked_drafts(drafts: Any) -> dict[str, Any]:
    """Reflection drafts typed as the editor keeps them, their text cleaned as typed text is; the first field
    of the wrong type refuses the file, naming its draft."""
    if not isinstance(drafts, dict) or not all(isinstance(v, dict) for v in drafts.values()):
        raise OnwardJsonError("drafts: expected an object of drafts, each an object of fields.")
    checked: dict[str, Any] = {}
    for key, value in drafts.items():
        name = strip_controls(str(key))
        if len(name) > MAX_NAME_LENGTH or not name.strip():
            raise OnwardJsonError(f"drafts: {_show(key)} is not the name of a draft (like \"reflection:3\").")
        problems = draft_problems(value)
        if problems:
            field_name, problem = next(iter(problems.items()))
            raise OnwardJsonError(f"drafts[{_show(name)}].{field_name}: {problem}")
        checked[name] = usable_draft(value)
    return checked


_CAUSE_LINK = re.compile(r"^(event|reflection|learned):(\d+)$")


def _linked(r: _Reader, key: str, known: set[int], what: str) -> int | None:
    value = r.record.get(key)
    if value is None or (value.__class__ is int and value in known):  # the usual link: none, or an id of the file
        return value
    value = r.id(key, required=False)
    if value is not None and value not in known:
        raise OnwardJsonError(f"{r.where}.{key}: there is no {what} with id {value} in the file.")
    return value


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The command line's limits (onward settings; tui.actions.steps.change_settings refuses the same).
_WHOLE_SETTINGS = {
    "weekly_target": (1, 7), "follow_up_after_days": (1, 365), "ghosted_after_days": (1, 365), "follow_ups": (1, 10),
}


def _checked_settings(settings: dict[str, Any], latest: date) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for key, value in settings.items():
        if key == "rest_weekdays":
            if not isinstance(value, list) or not all(v in _WEEKDAYS for v in value):
                raise OnwardJsonError(f"settings.rest_weekdays: expected weekday names like [\"sat\", \"sun\"], found {_show(value)}.")
            if set(value) == set(_WEEKDAYS):
                raise OnwardJsonError("settings.rest_weekdays: every day can't be a rest day; keep at least one day for steps.")
            checked[key] = [d for d in _WEEKDAYS if d in value]
        elif key in _WHOLE_SETTINGS:
            low, high = _WHOLE_SETTINGS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise OnwardJsonError(f"settings.{key}: {_show(value)} is not a whole number from {low} to {high}.")
            checked[key] = value
        elif key == "theme":
            if not isinstance(value, str) or len(value) > 100:
                raise OnwardJsonError(f"settings.theme: {_show(value)} is not a theme name.")
            checked[key] = strip_controls(value)
        elif key == "hidden_nudges":
            checked[key] = _hidden_nudges(value, latest)
        # Settings a later Onward added are left out rather than refused: nothing here would read them.
    return checked


def _hidden_nudges(value: Any, latest: date) -> dict[str, str]:
    """{field key: the day its broaden nudge was hidden}, keys as the journal tells fields apart, sorted."""
    if not isinstance(value, dict):
        raise OnwardJsonError(
            f'settings.hidden_nudges: expected an object of fields and days, like {{"design": "2026-11-20"}}, found {_kind(value)}.'
        )
    hidden: dict[str, str] = {}
    for name, day in value.items():
        key = field_key(strip_controls(name))
        if not key or len(key) > MAX_NAME_LENGTH:
            raise OnwardJsonError(f"settings.hidden_nudges: {_show(name)} is not a field (a name of at most {MAX_NAME_LENGTH} characters).")
        hidden[key] = _Reader("settings.hidden_nudges", {key: day}, latest).day(key, required=True) or ""
    return dict(sorted(hidden.items()))


_CAUSE_DAY = re.compile(r"^(streak:)(\d{4}-\d{2}-\d{2})(:\d+)$")


def shifted(data: OnwardData, days: timedelta) -> OnwardData:
    """The same records with every day moved by `days` (the demo journal is written for its anchor day and
    loaded for today); a streak milestone's cause names its run's first day, so it moves too."""
    if not days:
        return data

    def move(text: str | None) -> str | None:
        return (date.fromisoformat(text) + days).isoformat() if text else text

    def moved(records: list[AnyRecord], keys: tuple[str, ...]) -> list[AnyRecord]:
        return [record.replace(**{key: move(record[key]) for key in keys}) for record in records]

    def move_cause(cause: str | None) -> str | None:
        match = _CAUSE_DAY.match(cause or "")
        return f"{match[1]}{move(match[2])}{match[3]}" if match else cause

    wins = [win.replace(cause=move_cause(win["cause"])) for win in moved(data.wins, ("on",))]
    return OnwardData(
        applications=moved(data.applications, ("applied_on", "follow_up_on", "settled_through")),
        events=moved(data.events, ("on", "takes_place_on", "moved_from", "said_on")),
        actions=moved(data.actions, ("on",)),
        reflections=moved(data.reflections, ("on", "next_step_on", "next_step_done_on")),
        people=data.people,
        wins=wins,
        removed_wins=[move_cause(cause) or cause for cause in data.removed_wins],
        drafts=data.drafts,
        rest_days=[move(day) or day for day in data.rest_days],
        settings=_moved_settings(data.settings, move),
        version=data.version,
    )


def _moved_settings(settings: dict[str, Any], move: Callable[[str | None], str | None]) -> dict[str, Any]:
    """The settings with the days the broaden nudges were hidden moved (a nudge hidden stays hidden as long)."""
    if "hidden_nudges" not in settings:
        return settings
    return {**settings, "hidden_nudges": {key: move(day) for key, day in settings["hidden_nudges"].items()}}
