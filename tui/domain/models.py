"""Provides Onward's domain objects: applications, outcomes, actions, wins, reflections, settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar, overload
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tui.domain.runs import DEFAULT_REST_WEEKDAYS

_Value = TypeVar("_Value")


class cached_property(Generic[_Value]):  # noqa: N801 (named as the functools one it stands for)
    """`functools.cached_property` without the lock Python 3.11 takes on every first read (3.12 dropped it:
    python/cpython#87634): worked out on the first read, then kept in the instance's `__dict__`, where
    later reads find it without calling this. The Inbox reads five of these on each of the thousands of
    applications an imported history places at the first paint (the lock was ~1 µs of each)."""

    def __init__(self, compute: Callable[[Any], _Value]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[_Value]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _Value: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class Status(StrEnum):
    """Where an application stands; it follows the application's latest outcome."""

    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEW = "interview"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    REJECTED = "rejected"
    GHOSTED = "ghosted"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def is_open(self) -> bool:
        """True while the user is still waiting to hear."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset({Status.APPLIED, Status.SCREENING, Status.INTERVIEW, Status.FINAL_ROUND})


class OutcomeKind(StrEnum):
    """A dated entry on an application's timeline."""

    SCREENING = "screening"
    INTERVIEW = "interview"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    REJECTED = "rejected"
    GHOSTED = "ghosted"
    WITHDRAWN = "withdrawn"
    FOLLOWED_UP = "followed_up"
    NOTE = "note"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @cached_property
    def status(self) -> Status | None:
        """The status this outcome moves its application to, or None for follow-ups and notes."""
        return None if self in (OutcomeKind.FOLLOWED_UP, OutcomeKind.NOTE) else Status(self.value)



class Stage(StrEnum):
    """How far an application got before a rejection."""

    APPLICATION = "application"
    SCREENING = "screening"
    INTERVIEW = "interview"
    FINAL_ROUND = "final_round"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


# Outcomes that prove a stage was reached, in the order a process runs.
STAGE_OF_OUTCOME = {
    OutcomeKind.SCREENING: Stage.SCREENING,
    OutcomeKind.INTERVIEW: Stage.INTERVIEW,
    OutcomeKind.FINAL_ROUND: Stage.FINAL_ROUND,
}
STAGE_ORDER = (Stage.APPLICATION, Stage.SCREENING, Stage.INTERVIEW, Stage.FINAL_ROUND)


class ActionKind(StrEnum):
    """A proactive step; any one of them makes a day persistent."""

    APPLIED = "applied"
    FOLLOWED_UP = "followed_up"
    NETWORKING = "networking"
    CAREER_FAIR = "career_fair"
    VOLUNTEERING = "volunteering"
    FREELANCE = "freelance"
    LEARNING = "learning"
    INTERVIEW_PREP = "interview_prep"
    INTERVIEW_ATTENDED = "interview_attended"
    SUPPORT = "support"
    REFLECTION = "reflection"
    ASKED_FEEDBACK = "asked_feedback"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ACTION_LABELS.get(self, self.value.replace("_", " "))


_ACTION_LABELS = {ActionKind.SUPPORT: "reached out for support", ActionKind.ASKED_FEEDBACK: "asked for feedback"}

HAND_LOGGED_KINDS = tuple(
    kind for kind in ActionKind if kind not in (ActionKind.APPLIED, ActionKind.REFLECTION, ActionKind.ASKED_FEEDBACK)
)
"""The kinds of step a person logs by hand; applying, reflecting and asking an employer for feedback are
logged on what they belong to."""


class Relation(StrEnum):
    """Who a person in the support circle is to the user."""

    FRIEND = "friend"
    FAMILY = "family"
    MENTOR = "mentor"
    PEER = "peer"
    RECRUITER = "recruiter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value

    @classmethod
    def named(cls, text: str) -> Relation | None:
        """The relation spelled `text` (any case, spaces aside), or None."""
        return _RELATIONS.get(text.strip().lower())


_RELATIONS = {relation.value: relation for relation in Relation}


class WinKind(StrEnum):
    """What sort of small win a win is."""

    INFORMATIONAL_INTERVIEW = "informational_interview"
    RESUME_FEEDBACK = "resume_feedback"
    INTERVIEW_INVITE = "interview_invite"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    NETWORKING = "networking"
    SKILL_LEARNED = "skill_learned"
    MILESTONE = "milestone"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Held(StrEnum):
    """What became of a screening or interview given a day."""

    PLANNED = "planned"
    ATTENDED = "attended"
    CANCELLED = "cancelled"


class Record(StrEnum):
    """A kind of stored record an undo can delete, restore or put back (tui.domain.changes), and the store
    reads by kind: here, so that a read loads no undo steps."""

    APPLICATION = "application"
    EVENT = "event"
    ACTION = "action"
    WIN = "win"
    REFLECTION = "reflection"
    PERSON = "person"


SCHEDULED_KINDS = (OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND)
"""Outcomes that take place on a day of their own (the invitation is logged first)."""


@dataclass(frozen=True)
class OutcomeEvent:
    """One dated entry on an application's timeline."""

    id: int
    application_id: int
    on: date
    kind: OutcomeKind
    stage: Stage | None = None
    note: str = ""
    takes_place_on: date | None = None
    """The day a screening, interview or final round takes place, when one was given."""
    held: Held | None = None
    """Whether it was held: None for one logged without a day (counted as attended when logged)."""
    moved_from: date | None = None
    """The day it was on before it last moved to `takes_place_on` (None: never moved)."""
    day_unknown: bool = False
    """An import gave no day of its own (a spreadsheet's status): `on` is the applied day, standing in."""
    said_on: date | None = None
    """The day someone said a screening or interview given a day was held (h in the Inbox, `onward interview …
    held`); None while nobody has (cancelled, still planned), and for one said before Onward remembered it."""

    @property
    def is_planned(self) -> bool:
        return self.held is Held.PLANNED

    def never_held(self, closed_on: date | None) -> bool:
        """Whether this screening or interview never took place, whatever day it is: cancelled, or called off by
        its application closing (`closed_on`: its `Application.closed_on`) before its day while still planned.
        The one rule tui.domain.story.happened, the stage reached and Insights' funnel ask."""
        if self.held is Held.CANCELLED:
            return True
        day = self.takes_place_on if self.takes_place_on is not None else self.on
        return self.held is Held.PLANNED and closed_on is not None and closed_on < day


def status_after(kinds: Sequence[OutcomeKind], held: Sequence[str | None] | None = None) -> Status:
    """The status an application's outcomes (oldest first) leave it at: the latest that changes status sets it.
    Save two (`held`, beside `kinds`): a screening, interview or final round still planned never takes an open
    application back to a stage before one that took place (held, or logged without a day of its own): an
    invitation is not news that undoes an interview held (two postings merged into one, say); and one cancelled
    never moves an open application at all: it stays at the stage that took place, as Insights counts it
    (a called-off interview is not an interview reached). Open or closed, neither changes which."""
    status = Status.APPLIED
    reached = -1
    """How far the outcomes that took place got (STAGE_ORDER's index)."""
    for at, kind in enumerate(kinds):
        if kind.status is None:
            continue
        stage = STAGE_OF_OUTCOME.get(kind)
        if stage is not None:
            level = STAGE_ORDER.index(stage)
            if held is not None and held[at] in (Held.PLANNED, Held.CANCELLED):
                if status.is_open and (held[at] == Held.CANCELLED or level < reached):
                    continue
            else:
                reached = max(reached, level)
        status = kind.status
    return status


Day = TypeVar("Day", date, str)


def last_heard(applied_on: Day, days: Sequence[Day]) -> Day:
    """The last day heard from an application: the latest of the day it was sent and its outcomes' days (as
    dates, or as ISO text, which sorts the same)."""
    latest = applied_on
    for day in days:
        if day > latest:
            latest = day
    return latest


@dataclass(frozen=True)
class Application:
    """A job applied for, with its timeline of outcomes (oldest first)."""

    id: int
    company: str
    role: str
    applied_on: date
    field: str = ""
    source: str = ""
    url: str = ""
    notes: str = ""
    follow_up_on: date | None = None
    events: tuple[OutcomeEvent, ...] = ()
    merged_away: tuple[tuple[str, str, date], ...] = ()
    """(company, role, applied day) of the applications merged into this one: an import still knows them."""
    settled_through: date | None = None
    """An imported history settled as of this last day heard from (tui.domain.inbox.is_settled)."""

    @cached_property
    def status(self) -> Status:
        """The status set by the latest outcome that changes status."""
        return status_after([event.kind for event in self.events], [event.held for event in self.events])

    @cached_property
    def furthest_stage(self) -> Stage:
        """The furthest stage the timeline proves was reached (a cancelled or called-off interview proves none)."""
        return self.stage_reached_if_closed_on(self.closed_on)

    def stage_reached_if_closed_on(self, closed_on: date | None) -> Stage:
        """The furthest stage reached were it closed on `closed_on` (a rejection logged that day: what it is
        rejected after, unless the person says otherwise): interviews it would call off were never reached."""
        reached = [
            STAGE_OF_OUTCOME[e.kind] for e in self.events if e.kind in STAGE_OF_OUTCOME and not e.never_held(closed_on)
        ]
        return max(reached, key=STAGE_ORDER.index, default=Stage.APPLICATION)

    @cached_property
    def rejection(self) -> OutcomeEvent | None:
        """The rejection that closed this application, if its status is rejected."""
        if self.status is not Status.REJECTED:
            return None
        return next(e for e in reversed(self.events) if e.kind is OutcomeKind.REJECTED)

    @cached_property
    def closed_on(self) -> date | None:
        """The day it closed (the day its closing outcome was logged: a rejection, ghosted, withdrawn, an offer),
        or None while it is open (reopened since included)."""
        if self.status.is_open:
            return None
        return next(e.on for e in reversed(self.events) if e.kind.status is not None)

    @cached_property
    def last_heard_on(self) -> date:
        """The day of the latest entry on the timeline, or the applied date."""
        if not self.events:  # most open applications: an imported history places thousands at the first paint
            return self.applied_on
        return last_heard(self.applied_on, [e.on for e in self.events])

    @cached_property
    def has_response(self) -> bool:
        """True once the employer has answered in any way."""
        return bool(self.events) and any(e.kind not in (OutcomeKind.FOLLOWED_UP, OutcomeKind.NOTE) for e in self.events)

    @cached_property
    def has_followed_up(self) -> bool:
        return any(e.kind is OutcomeKind.FOLLOWED_UP for e in self.events)

    @cached_property
    def title(self) -> str:
        """Company and role, as a person would say it."""
        return application_title(self.company, self.role)


@dataclass(frozen=True)
class ProactiveAction:
    """A proactive step taken on a day; automatic ones come from applications and outcomes."""

    id: int
    on: date
    kind: ActionKind
    note: str = ""
    application_id: int | None = None
    automatic: bool = False
    reflection_id: int | None = None
    person_id: int | None = None
    """Who a "reached out for support" step reached."""
    gaps: tuple[str, ...] = ()
    """The gap tags a learning step works on."""
    event_id: int | None = None
    """The outcome whose step it is (Onward's own step for following up or for attending), if any."""


@dataclass(frozen=True)
class Person:
    """Someone in the support circle, with the last day the user logged reaching out to them."""

    id: int
    name: str
    relation: Relation = Relation.OTHER
    note: str = ""
    last_contacted: date | None = None


@dataclass(frozen=True)
class Win:
    """A small win worth celebrating."""

    id: int
    on: date
    title: str
    kind: WinKind
    application_id: int | None = None
    automatic: bool = False
    note: str = ""


class ApplicationLabel(NamedTuple):
    """What names an application in lists of other things (reflections): no timeline."""

    company: str
    role: str
    field: str


def application_title(company: str, role: str) -> str:
    """How an application is named everywhere: company and role, as a person would say it."""
    return f"{company} — {role}"


class ApplicationChoice(NamedTuple):
    """An application offered in a form's picker: enough to name and order it, no timeline."""

    id: int
    company: str
    role: str
    applied_on: date

    @property
    def title(self) -> str:
        return application_title(self.company, self.role)


class WinMark(NamedTuple):
    """What the wall needs of every win to lay itself out (day, kind); the card reads the rest when shown."""

    id: int
    on: date
    kind: WinKind


@dataclass(frozen=True)
class Reflection:
    """What the user felt and learned, optionally tied to a rejected application."""

    id: int
    on: date
    mood: int
    application_id: int | None = None
    feelings: tuple[str, ...] = ()
    stage: Stage | None = None
    went_well: str = ""
    do_differently: str = ""
    gaps: tuple[str, ...] = ()
    stumbles: str = ""
    next_step: str = ""
    next_step_on: date | None = None
    talk_to: str = ""
    body: str = ""
    next_step_done_on: date | None = None
    feedback: str = ""
    """What the employer said when asked for feedback, added when their reply comes."""

    @property
    def first_line(self) -> str:
        """The first thing written, for lists: the body's first line, else the first field filled in, in the
        order the editor asks them (what went well before what I'd do differently: tui/screens/reflection_fields.py
        REST, which tests/domain/test_reflections.py ties to `FIRST_LINE_FIELDS`)."""
        for text in (self.body, *(getattr(self, name) for name in FIRST_LINE_FIELDS)):
            for line in text.splitlines():
                if line.strip():
                    return line.strip().lstrip("#").strip()
        return ""


FIRST_LINE_FIELDS = ("went_well", "do_differently", "stumbles", "next_step")
"""The fields a reflection's list line is taken from when its body is empty, in the editor's order."""


@dataclass(frozen=True)
class Settings:
    """The user's own rhythm: rest weekdays (0 = Monday), weekly target and reminder thresholds."""

    rest_weekdays: frozenset[int] = DEFAULT_REST_WEEKDAYS
    weekly_target: int = 5
    follow_up_after_days: int = 7
    ghosted_after_days: int = 30
    follow_ups: int = 2
    """How many follow-ups an application gets before the Inbox suggests it has gone quiet."""
    theme: str = ""
    """The colour theme chosen in the app ("" until one is chosen: the app's default)."""
    hidden_nudges: tuple[tuple[str, date], ...] = ()
    """Fields (their key) whose broaden nudge the user hid, and the day they did."""
