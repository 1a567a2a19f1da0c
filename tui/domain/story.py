"""Provides each application's story: what happened when, worked out once from the store's rows and read by
every screen, command and file (Today, Coming up, the timeline, `onward show`, the activity report, Insights,
the calendar feed, the exports).

Every event knows the day it was logged, the day it takes place and whether it happened. An outcome without a
day of its own (a rejection, a follow-up, a screening logged as it happened) took place the day it was logged.
A screening or interview given a day is planned until it is said to be held or cancelled (one that moved is
planned on its new day and remembers the day it moved from); once its day has gone by without a word it is
"no word yet" — never counted as attended. One still to come when its application closed (a rejection, a
withdrawal, ghosted, an offer) is called off with it, on every day after: it is not coming up, and saying it was
held changes a closed application (asked first, --reopen). A step counts on the day it happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tui.domain.models import (
    SCHEDULED_KINDS,
    ActionKind,
    Application,
    Held,
    OutcomeEvent,
    OutcomeKind,
    ProactiveAction,
    Stage,
)
from tui.domain.text import excerpt


class Happened(StrEnum):
    """Whether an event of the story took place."""

    HELD = "held"
    """It happened (for an outcome without a day of its own: when it was logged)."""
    PLANNED = "planned"
    """Its day is today or ahead, and nobody has said how it went."""
    UNKNOWN = "unknown"
    """Its day has gone by and nobody has said whether it was held (h in the Inbox)."""
    CANCELLED = "cancelled"
    """It was called off: it never happened."""

    @property
    def label(self) -> str:
        return "no word yet" if self is Happened.UNKNOWN else self.value


def happened(event: OutcomeEvent, today: date, *, closed_on: date | None) -> Happened:
    """Whether `event` took place, as of `today`; `closed_on`: the day its application closed (its
    `Application.closed_on`; None while open). The one answer every reader asks (show, the timeline, the Inbox,
    the report, the calendar, Insights, saying it was held)."""
    # An application closed before the day (rejected, withdrawn, ghosted, an offer) called off what was still
    # to come, on every day after too; were it reopened, its interview would be planned again (never_held).
    if event.never_held(closed_on):
        return Happened.CANCELLED
    if event.held is Held.PLANNED:
        day = takes_place_on(event)
        # Closed on the day or after, it may have been held first: once its day has come, h says so.
        if day < today or closed_on is not None:
            return Happened.UNKNOWN
        return Happened.PLANNED
    return Happened.HELD  # held, or an outcome without a day of its own: it happened when logged


def takes_place_on(event: OutcomeEvent) -> date:
    """The day the event takes place: its own day when it was given one, else the day it was logged."""
    return event.takes_place_on if event.takes_place_on is not None else event.on


def has_a_day_it_happened(event: OutcomeEvent) -> bool:
    """Whether the outcome has a day it happened, to fix (`takes_place_on` gives it): one without a day of its
    own, or a screening or interview held; not one still planned, with no word yet, or cancelled (saying how it
    went, or that it moved, changes its day). The one rule the edit form and `onward edit event --date` ask."""
    return event.takes_place_on is None or event.held not in (Held.PLANNED, Held.CANCELLED)


def first_day(event: OutcomeEvent) -> date:
    """The earliest day an outcome names: the day it was logged, or the day it took place when that was before."""
    return min(event.on, takes_place_on(event))


def before_applying(application: Application, *days: date | None) -> str | None:
    """Why an outcome of `application` (the day it is logged, the day it takes place) or a win tied to it
    can't name these days: one is before the day it was applied to; None when none is."""
    for day in days:
        if day is not None and day < application.applied_on:
            company, applied = excerpt(application.company), application.applied_on.isoformat()
            return f"{day.isoformat()} is before you applied to {company} ({applied})."
    return None


def step_day(event: OutcomeEvent) -> date | None:
    """The day the step an outcome earns counts on (the day it happened), or None while it has not happened or
    nobody knows which day it was (an import's status: its applied day only stands in, so it proves nothing).
    Needs no "today": a held or undated outcome happened on its day, whatever day it is now."""
    if event.held in (Held.PLANNED, Held.CANCELLED) or event.day_unknown:
        return None
    return takes_place_on(event)


STEP_OF_KIND = {OutcomeKind.FOLLOWED_UP: ActionKind.FOLLOWED_UP} | {kind: ActionKind.INTERVIEW_ATTENDED for kind in SCHEDULED_KINDS}
"""The outcomes that may earn a step, and its kind: following up, and attending a screening, an interview or a
final round. Only these are ever looked at for a step (a repair reads no rejection)."""


def step_words(step: ProactiveAction, outcomes: Mapping[int, OutcomeKind]) -> str:
    """What a step is, in the words a person reads (the timeline, the streak's day, `onward show`, the report):
    its kind's, but attending names what was attended, "screening attended", "final round attended", from the
    outcome it is tied to (`outcomes`: the kinds of the outcomes at hand, by id). The stored kind stays
    `interview_attended` for all three (exports and replicas read it)."""
    attended = outcomes.get(step.event_id) if step.event_id is not None else None
    if step.kind is ActionKind.INTERVIEW_ATTENDED and attended is not None and attended in SCHEDULED_KINDS:
        return f"{attended.label} attended"
    return step.kind.label


_OUTCOME_NOUNS = {
    OutcomeKind.REJECTED: "rejection", OutcomeKind.GHOSTED: "ghosting", OutcomeKind.WITHDRAWN: "withdrawal",
    OutcomeKind.FOLLOWED_UP: "follow-up",
}
_STEP_NOUNS = {
    ActionKind.APPLIED: "application", ActionKind.FOLLOWED_UP: "follow-up", ActionKind.FREELANCE: "freelance work",
    ActionKind.SUPPORT: "reaching out for support", ActionKind.ASKED_FEEDBACK: "asking for feedback",
    ActionKind.OTHER: "something else",
}


def outcome_noun(kind: OutcomeKind, stage: Stage | None = None) -> str:
    """What an outcome is called where a sentence needs a noun ("Saved the withdrawal at Wingtip", "Edit the
    ghosting at Northwind", "Logged rejection (interview) at Acme"), never its status word ("the ghosted")."""
    if kind is OutcomeKind.REJECTED and stage is not None:
        return f"rejection ({stage.label})"
    return _OUTCOME_NOUNS.get(kind, kind.label)


def step_noun(kind: ActionKind) -> str:
    """What a step is called where a sentence needs a noun ("Logged reaching out for support on …", "Edit this
    step: networking"), never its past-tense label ("the reached out for support step")."""
    return _STEP_NOUNS.get(kind, kind.label)


def step_earned(event: OutcomeEvent) -> tuple[date, ActionKind] | None:
    """The proactive step an outcome earns and the day it counts on, or None: the one rule every place that
    logs an outcome's step asks (logging it, saying it was held). Following up is a step; so is a screening, an
    interview or a final round that happened, alike (attending is the step: PRODUCT.md "Interviews have a
    day"), whether logged as it happened or planned and later said to be held. Nothing else is (a rejection or
    being ghosted is never an action), nor anything that has not happened or whose day nobody knows
    (`step_day`)."""
    kind = STEP_OF_KIND.get(event.kind)
    day = step_day(event) if kind is not None else None
    return None if day is None or kind is None else (day, kind)


def held_when_logged(on: date, takes_place_on: date | None) -> Held | None:
    """What a screening or interview logged on `on` is: planned (its day is `on` or ahead), already held (a day
    gone by), or None without a day of its own (it happened when logged)."""
    if takes_place_on is None:
        return None
    return Held.ATTENDED if takes_place_on < on else Held.PLANNED


def outcome_words(event: OutcomeEvent) -> str:
    """What an outcome is, in words: "screening", "rejected after interview"."""
    if event.kind is OutcomeKind.REJECTED:
        return f"rejected after {event.stage.label}" if event.stage else "rejected"
    return event.kind.label


@dataclass(frozen=True)
class StoryEvent:
    """One event of an application's story: applying (no outcome) or an outcome."""

    logged_on: date
    """The day it was written down."""
    on: date
    """The day it takes place (or took place)."""
    happened: Happened
    what: str
    """"applied", "screening", "rejected after interview", …"""
    outcome: OutcomeEvent | None = None
    """The outcome it is; None for applying."""

    @property
    def counts_on(self) -> date:
        """The day it counts on: the day it happened, or for one that has not (yet), the day it was logged."""
        return self.on if self.happened is Happened.HELD else self.logged_on

    @property
    def words(self) -> str:
        """What it is and whether it happened, briefly: "applied", "rejected (screening)", "interview held"
        (planned and held, or logged as it happened), "interview planned", "interview cancelled", "interview called off" (its application closed first),
        "interview, no word yet"."""
        outcome = self.outcome
        if outcome is not None and outcome.kind is OutcomeKind.REJECTED and outcome.stage is not None:
            return f"rejected ({outcome.stage.label})"
        if not self.has_a_day:
            # One logged without a day of its own took place when logged: held like one planned and later held
            # (an import's status, whose day nobody knows, proves nothing was attended).
            attended = self.is_interview and outcome is not None and not outcome.day_unknown
            return f"{self.what} {Happened.HELD.label}" if attended else self.what
        if self.happened is Happened.UNKNOWN:
            return f"{self.what}, {self.happened.label}"
        if self.called_off:
            return f"{self.what} called off"
        return f"{self.what} {self.happened.label}"

    @property
    def said_held_on(self) -> date | None:
        """The day someone said it was held, when that was said after it was logged (None otherwise)."""
        if self.outcome is None or self.happened is not Happened.HELD:
            return None
        return self.outcome.said_on

    @property
    def day_known(self) -> bool:
        """Whether `on` is the day it happened, not a stand-in (an import's status with no day of its own is
        dated on the applied day): only a known day is listed as the day it happened."""
        return self.outcome is None or not self.outcome.day_unknown

    @property
    def called_off(self) -> bool:
        """Cancelled by its application closing while it was still to come (nobody cancelled it as such)."""
        return self.happened is Happened.CANCELLED and self.outcome is not None and self.outcome.held is Held.PLANNED

    @property
    def moved_from(self) -> date | None:
        """The day it was on before it last moved (None: it never moved)."""
        return self.outcome.moved_from if self.outcome is not None else None

    @property
    def has_a_day(self) -> bool:
        """A screening or interview given a day of its own (so it can be planned, held or cancelled)."""
        return self.outcome is not None and self.outcome.held is not None

    @property
    def is_interview(self) -> bool:
        """A screening, interview or final round."""
        return self.outcome is not None and self.outcome.kind in SCHEDULED_KINDS

    @property
    def kind(self) -> OutcomeKind | None:
        return self.outcome.kind if self.outcome is not None else None

    @property
    def id(self) -> int:
        """The outcome's id (0 for applying)."""
        return self.outcome.id if self.outcome is not None else 0


@dataclass(frozen=True)
class Story:
    """An application's story: every event, in the order they take place."""

    application: Application
    events: tuple[StoryEvent, ...]

    def on_day(self, day: date) -> list[StoryEvent]:
        """What this application had on `day`: events that happened that day, those logged that day, and those
        said that day to have been held (a screening planned for an earlier day: h the day after)."""
        return [
            e for e in self.events
            if (e.on == day and e.happened is Happened.HELD) or e.logged_on == day or e.said_held_on == day
        ]

    def latest(self, today: date) -> StoryEvent:
        """The latest event by `today`, by the day it counts (applying at least): one that happened on the day it
        took place, a planned or cancelled one on the day it was logged (what happened then was the invitation)."""
        known = [e for e in self.events if e.counts_on <= today]
        return max(known, key=lambda e: (e.counts_on, e.logged_on, e.id)) if known else self.events[0]

    def interviews(self) -> list[StoryEvent]:
        """Its screenings, interviews and final rounds, in the order they take place."""
        return [e for e in self.events if e.is_interview]


def story_event(event: OutcomeEvent, application: Application, today: date) -> StoryEvent:
    """One outcome of `application` as the story tells it."""
    state = happened(event, today, closed_on=application.closed_on)
    return StoryEvent(event.on, takes_place_on(event), state, outcome_words(event), event)


def story_of(application: Application, today: date) -> Story:
    """The application's story as of `today`: applying first, then each outcome by the day it takes place
    (the day it was logged next, then the order it was logged in)."""
    applied = StoryEvent(application.applied_on, application.applied_on, Happened.HELD, "applied")
    outcomes = sorted((story_event(e, application, today) for e in application.events), key=lambda e: (e.on, e.logged_on, e.id))
    return Story(application, (applied, *outcomes))


def touched_on(application: Application, day: date) -> bool:
    """True when the application had something on `day` (applied, an outcome logged, one that took place, or one
    said that day to have been held): a quick test, with no story built, for the Inbox's Today (`Story.on_day`
    says what)."""
    if application.applied_on == day:
        return True
    # An outcome without a day of its own takes place the day it was logged: only one with a day asks step_day
    # (a filter key places hundreds of closed applications, each asked this).
    return any(
        event.on == day or (event.takes_place_on == day and step_day(event) == day)
        or (event.said_on == day and step_day(event) is not None)
        for event in application.events
    )
