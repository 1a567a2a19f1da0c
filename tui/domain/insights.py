"""Provides Insights: how the search is going, per field and overall — the funnel from applied to offer,
rejections by stage, response rate by source and by weekday applied, days to a first answer, the share with no
answer yet, the last 12 weeks, and this week's persistent days against the weekly target.

Pure functions of (applications, steps per day, weekly target, today); one pass over the applications, so a
ten-year journal costs milliseconds. `insight_sections` lays the figures out as labelled plain-text lines
with block-character bars (numbers always shown), shared by the Insights screen and `onward insights`;
`support_sections` adds what to do about them: the broaden nudges, the learning plan and the support circle.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from tui.domain.broaden import BroadenNudge
from tui.domain.learning import Gap, gap_line
from tui.domain.models import STAGE_ORDER, Application, OutcomeEvent, OutcomeKind, Person, Stage
from tui.domain.streak import days_this_week, week_phrase, week_squares
from tui.domain.support import last_contacted_phrase
from tui.domain.text import excerpt, matching_key, number, plural

WEEKS_SHOWN = 12
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NO_FIELD = "no field"
NO_SOURCE = "no source"

ANSWER_KINDS = frozenset({
    OutcomeKind.SCREENING, OutcomeKind.INTERVIEW, OutcomeKind.FINAL_ROUND, OutcomeKind.OFFER, OutcomeKind.REJECTED,
})
"""Outcomes that are the employer's answer. Ghosted is the lack of one; withdrawn is the user's own choice."""

# How far an application got, as a funnel level: 1 responded, 2 interview, 3 final round, 4 offer.
LEVEL_OF_KIND = {
    OutcomeKind.SCREENING: 1, OutcomeKind.REJECTED: 1, OutcomeKind.INTERVIEW: 2,
    OutcomeKind.FINAL_ROUND: 3, OutcomeKind.OFFER: 4,
}
LEVEL_OF_STAGE = {Stage.APPLICATION: 1, Stage.SCREENING: 1, Stage.INTERVIEW: 2, Stage.FINAL_ROUND: 3}
FUNNEL_LABELS = ("applied", "responded", "interview", "final round", "offer")


@dataclass
class Figures:
    """The figures for one group of applications (one field, or all of them)."""

    name: str
    funnel: list[int] = field(default_factory=lambda: [0] * len(FUNNEL_LABELS))
    """Applications that reached each funnel step: applied, responded, interview, final round, offer. A
    screening counts as responded; an interview or a final round as interview (one that never took place only
    as responded); a rejection at a stage proves that stage was reached."""
    rejected_at: dict[Stage | None, int] = field(default_factory=dict)
    """Rejections by the stage reached (None: no stage given)."""
    unanswered: int = 0
    """Still open with no answer yet from the employer (no screening, interview, final round, offer or rejection):
    "No answer yet" on screen. Not the Inbox's *Waiting to hear*, which lists the open applications with nothing
    due (those in screening or interview too; not those with a follow-up due, nor ones settled as history)."""
    answer_days: Counter[int] = field(default_factory=Counter)
    """Days from applying to the first answer -> how many applications answered after that many (ten years
    answer ~9,000 times in a few hundred distinct days: counted, not listed)."""

    @property
    def applied(self) -> int:
        return self.funnel[0]

    @property
    def responded(self) -> int:
        return self.funnel[1]

    @property
    def rejections(self) -> int:
        return sum(self.rejected_at.values())

    @property
    def days_to_answer(self) -> list[int]:
        """Days from applying to the first answer, one per application answered, fewest first."""
        return [days for days in sorted(self.answer_days) for _ in range(self.answer_days[days])]

    @property
    def answered(self) -> int:
        """How many applications have a day of first answer."""
        return sum(self.answer_days.values())

    @property
    def median_days_to_answer(self) -> float | None:
        """The median of `days_to_answer` (the middle one, or the mean of the middle two), from the counts."""
        total = self.answered
        if not total:
            return None
        days = sorted(self.answer_days)
        reached = list(accumulate(map(self.answer_days.__getitem__, days)))  # answered after at most days[n]
        low, high = days[bisect_right(reached, (total - 1) // 2)], days[bisect_right(reached, total // 2)]
        return low if low == high else (low + high) / 2

    def rate(self, count: int) -> float | None:
        """`count` as a share of the applications (None when there are none)."""
        return count / self.applied if self.applied else None

    def stages(self) -> list[tuple[Stage | None, int]]:
        """Rejections by stage in the order a process runs, stages with none left out."""
        order: list[Stage | None] = [*STAGE_ORDER, None]
        return [(stage, self.rejected_at[stage]) for stage in order if self.rejected_at.get(stage)]

    def add(self, level: int, rejection_stage: Stage | None, rejected: bool, unanswered: bool, days: int | None, count: int = 1) -> None:
        """`count` applications that got to `level` (and were rejected at `rejection_stage`, have no answer yet)."""
        for step in range(level + 1):
            self.funnel[step] += count
        if rejected:
            self.rejected_at[rejection_stage] = self.rejected_at.get(rejection_stage, 0) + count
            if not self.rejected_at[rejection_stage]:  # counts taken away (InsightTotals): as if never there
                del self.rejected_at[rejection_stage]
        self.unanswered += unanswered * count
        if days is not None:
            self.add_days(days, count)

    def add_days(self, days: int, count: int = 1) -> None:
        """`count` applications first answered `days` after applying (taken away when `count` < 0)."""
        self.answer_days[days] += count
        if not self.answer_days[days]:
            del self.answer_days[days]

    def copy(self, name: str) -> Figures:
        """These figures under `name`, apart from the running totals they were read from."""
        return Figures(name, list(self.funnel), dict(self.rejected_at), self.unanswered, Counter(self.answer_days))


@dataclass(frozen=True)
class Rate:
    """Applications and how many were answered, for one source or one weekday."""

    label: str
    applied: int
    responded: int

    @property
    def rate(self) -> float:
        return self.responded / self.applied if self.applied else 0.0


@dataclass(frozen=True)
class Week:
    """One ISO week (starting Monday) of the recent chart."""

    monday: date
    applications: int
    steps: int


@dataclass(frozen=True)
class WeekProgress:
    """Persistent days so far this ISO week against the weekly target."""

    days: int
    target: int

    @property
    def met(self) -> bool:
        return self.days >= self.target

    @property
    def phrase(self) -> str:
        """"3 of 5 days this week.", "6 days this week — target of 5 met." (`tui.domain.streak.week_phrase`)."""
        return week_phrase(self.days, self.target)


@dataclass(frozen=True)
class Insights:
    """Every figure of the Insights screen and `onward insights`."""

    overall: Figures
    fields: tuple[Figures, ...]
    """One per field, the most applications first."""
    sources: tuple[Rate, ...]
    """Response rate per source, the most applications first."""
    weekdays: tuple[Rate, ...]
    """Response rate per weekday applied, Monday first."""
    weeks: tuple[Week, ...]
    """The last 12 ISO weeks, oldest first; the last is this week."""
    week_progress: WeekProgress


def funnel_level(application: Application) -> tuple[int, bool]:
    """(how far it got: 0 applied … 4 offer, whether the employer answered at all). An interview that never
    took place (cancelled, or called off by a rejection before its day: `OutcomeEvent.never_held`) was an
    answer, not a stage reached."""
    level = 0
    answered = False
    for event in application.events:
        if event.kind in ANSWER_KINDS:
            answered = True
            level = max(level, 1 if event.never_held(application.closed_on) else LEVEL_OF_KIND[event.kind])
            if event.kind is OutcomeKind.REJECTED and event.stage is not None:
                level = max(level, LEVEL_OF_STAGE[event.stage])
    return level, answered


def days_to_first_answer(application: Application) -> int | None:
    """Days from applying to the first answer (0 the same day), None while there is none or its day is not
    known (an import gave only a status)."""
    first = _first_answer(application)
    if first is None or first.day_unknown:
        return None
    return max(0, (first.on - application.applied_on).days)


def _first_answer(application: Application) -> OutcomeEvent | None:
    return next((event for event in application.events if event.kind in ANSWER_KINDS), None)


def week_progress(steps: Mapping[date, int], target: int, today: date) -> WeekProgress:
    """Persistent days from this week's Monday to today (days ahead never count) against the target."""
    return WeekProgress(days_this_week(steps, today), target)


def recent_weeks(applied: Mapping[date, int], steps: Mapping[date, int], today: date, weeks: int = WEEKS_SHOWN) -> tuple[Week, ...]:
    """Applications (`applied`: how many per applied day) and steps per ISO week for the last `weeks` weeks
    (this one last, up to today)."""
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    applications = [0] * weeks
    step_totals = [0] * weeks
    for day, count in applied.items():
        if first_monday <= day <= today:
            applications[(day - first_monday).days // 7] += count
    for n in range((today - first_monday).days + 1):
        step_totals[n // 7] += steps.get(first_monday + timedelta(days=n), 0)
    return tuple(
        Week(first_monday + timedelta(weeks=n), applications[n], step_totals[n]) for n in range(weeks)
    )


@dataclass(frozen=True)
class FieldTally:
    """How many applications of one field (as stored, not yet trimmed) share how far they got: the store
    counts these in SQL (Journal.insight_tallies), `tallies` counts them from applications."""

    field: str
    first: str
    """The sort key (applied day, id) of its first application: which spelling of a field names it."""
    level: int
    answered: bool
    open: bool
    rejection_stage: Stage | None
    rejected: bool
    count: int


@dataclass(frozen=True)
class DaysTally:
    """How many applications of one field had their first answer (its day known) `days` after applying (as
    counted, before `days_to_first_answer` clamps it at 0)."""

    field: str
    days: int
    count: int


@dataclass(frozen=True)
class RateTally:
    """How many applications from one source (as stored), sent on one weekday (0 Monday), were answered or not."""

    source: str
    first: str
    weekday: int
    answered: bool
    count: int


@dataclass(frozen=True)
class Tallies:
    """Every count Insights is made of: small rows, however long the journal."""

    fields: tuple[FieldTally, ...]
    days: tuple[DaysTally, ...]
    rates: tuple[RateTally, ...]
    applied_recently: Mapping[date, int]
    """Applications per applied day over the last WEEKS_SHOWN weeks up to today (others may be left out)."""


def first_key(application: Application) -> str:
    """The order applications are read in (applied day, then id) as text, the store's too."""
    return f"{application.applied_on.isoformat()} {application.id:012d}"


def tallies(applications: Sequence[Application]) -> Tallies:
    """The counts of `applications`, as the store counts them in SQL: one application at a time."""
    fields: dict[tuple[str, int, bool, bool, Stage | None, bool], list] = {}
    days: dict[tuple[str, int], int] = {}
    rates: dict[tuple[str, int, bool], list] = {}
    for application in applications:
        key = first_key(application)
        level, answered = funnel_level(application)
        rejection = application.rejection
        facts = (application.field, level, answered, application.status.is_open,
                 rejection.stage if rejection is not None else None, rejection is not None)
        held = fields.setdefault(facts, [key, 0])
        held[0], held[1] = min(held[0], key), held[1] + 1
        first = _first_answer(application) if answered else None
        if first is not None and not first.day_unknown:
            where = (application.field, (first.on - application.applied_on).days)
            days[where] = days.get(where, 0) + 1
        rate = rates.setdefault((application.source, application.applied_on.weekday(), answered), [key, 0])
        rate[0], rate[1] = min(rate[0], key), rate[1] + 1
    recent: dict[date, int] = {}
    for application in applications:
        recent[application.applied_on] = recent.get(application.applied_on, 0) + 1
    return Tallies(
        fields=tuple(FieldTally(f, first, level, answered, is_open, stage, rejected, count)
                     for (f, level, answered, is_open, stage, rejected), (first, count) in fields.items()),
        days=tuple(DaysTally(f, n, count) for (f, n), count in days.items()),
        rates=tuple(RateTally(source, first, weekday, answered, count)
                    for (source, weekday, answered), (first, count) in rates.items()),
        applied_recently=recent,
    )


def build_insights(
    applications: Sequence[Application], steps: Mapping[date, int], weekly_target: int, today: date
) -> Insights:
    """All the figures from the journal's applications and steps per day, as of `today`."""
    return insights_from(tallies(applications), steps, weekly_target, today)


def insights_from(counts: Tallies, steps: Mapping[date, int], weekly_target: int, today: date) -> Insights:
    """All the figures from the journal's counts and steps per day, as of `today`: every rule of what counts
    (a response, no answer yet, a field's name, days to a first answer) is applied by `InsightTotals`, once."""
    totals = InsightTotals()
    field_firsts: dict[str, str] = {}
    source_firsts: dict[str, str] = {}
    for tally in counts.fields:
        totals.add_field(tally.field, tally.level, tally.answered, tally.open, tally.rejection_stage, tally.rejected, tally.count)
        field_firsts[tally.field] = min(field_firsts.get(tally.field, tally.first), tally.first)
    for spread in counts.days:
        totals.add_days(spread.field, spread.days, spread.count)
    for rate in counts.rates:
        totals.add_rate(rate.source, rate.weekday, rate.answered, rate.count)
        source_firsts[rate.source] = min(source_firsts.get(rate.source, rate.first), rate.first)
    return totals.insights(field_firsts, source_firsts, counts.applied_recently, steps, weekly_target, today)


class InsightTotals:
    """Insights' figures as running totals: tallies added one at a time, or taken away (a negative count), so
    that a write changing one application changes the figures by that application's counts instead of
    counting ten years again (the store keeps one per journal: tui/store/insight_counts.py). The rules of
    what counts are applied here: `insights_from` adds every tally of a journal through it."""

    def __init__(self) -> None:
        self.overall = Figures("all fields")
        self._fields: dict[str, Figures] = {}
        """Per field as matched (case, spacing and Unicode form ignored: "Data" and "data " are one field, as
        the broaden nudge counts them); named when shown."""
        self._field_spellings: dict[str, Counter[str]] = {}
        """Per field as matched: each spelling as stored -> its applications (the first one names the field)."""
        self._sources: dict[str, list[int]] = {}
        """Per source as matched (as fields are: "Referral" and "referral" are one source): [applications, answered]."""
        self._source_spellings: dict[str, Counter[str]] = {}
        """Per source as matched: each spelling as stored -> its applications (the first one names the source)."""
        self._weekdays = [[0, 0] for _ in WEEKDAY_LABELS]

    def _field(self, field_as_stored: str) -> tuple[str, Figures]:
        key = grouping_key(field_as_stored, NO_FIELD)
        group = self._fields.get(key)
        if group is None:
            group = self._fields[key] = Figures("")
        return key, group

    def add_field(
        self, field_as_stored: str, level: int, answered: bool, is_open: bool, rejection_stage: Stage | None,
        rejected: bool, count: int,
    ) -> None:
        """`count` applications of a field that got to `level` (answered or not, open or closed, rejected at
        `rejection_stage`); taken away when `count` < 0."""
        key, group = self._field(field_as_stored)
        unanswered = not answered and is_open  # still open with no answer yet
        for figures in (self.overall, group):
            figures.add(level, rejection_stage, rejected, unanswered, None, count)
        _add_spelling(self._field_spellings, key, field_as_stored, count)

    def add_days(self, field_as_stored: str, days: int, count: int) -> None:
        """`count` applications of a field first answered `days` after applying (an answer dated before the
        application counts as the same day)."""
        _, group = self._field(field_as_stored)
        for figures in (self.overall, group):
            figures.add_days(max(0, days), count)

    def add_rate(self, source_as_stored: str, weekday: int, answered: bool, count: int) -> None:
        """`count` applications from a source, sent on `weekday` (0 Monday), answered or not."""
        key = grouping_key(source_as_stored, NO_SOURCE)
        source = self._sources.setdefault(key, [0, 0])
        day = self._weekdays[weekday]
        for totals in (source, day):
            totals[0] += count
            totals[1] += count * answered
        _add_spelling(self._source_spellings, key, source_as_stored, count)
        if key not in self._source_spellings:
            del self._sources[key]

    def insights(
        self, field_firsts: Mapping[str, str], source_firsts: Mapping[str, str], applied_recently: Mapping[date, int],
        steps: Mapping[date, int], weekly_target: int, today: date,
    ) -> Insights:
        """The figures now (copies: later counts leave them as they are). `field_firsts` and `source_firsts`:
        each spelling as stored -> the sort key (`first_key`) of its first application: a field is named as
        its first application spells it, and of two sources as many applications the first one comes first."""
        named = []
        for key, spellings in self._field_spellings.items():
            first, name = _first_spelling(spellings, field_firsts, NO_FIELD)
            named.append((first, self._fields[key].copy(name)))
        sources = []
        for key, (applied, answered) in self._sources.items():
            first, name = _first_spelling(self._source_spellings[key], source_firsts, NO_SOURCE)
            sources.append((first, Rate(name, applied, answered)))
        sources.sort(key=lambda s: s[0])
        return Insights(
            overall=self.overall.copy(self.overall.name),
            fields=tuple(sorted((figures for _, figures in sorted(named, key=lambda n: n[0])), key=lambda f: (-f.applied, f.name.casefold()))),
            sources=tuple(sorted((rate for _, rate in sources), key=lambda r: (-r.applied, r.label.casefold()))),
            weekdays=tuple(Rate(label, applied, answered) for label, (applied, answered) in zip(WEEKDAY_LABELS, self._weekdays)),
            weeks=recent_weeks(applied_recently, steps, today),
            week_progress=week_progress(steps, weekly_target, today),
        )


def grouping_key(as_stored: str, nothing: str) -> str:
    """How Insights tells fields apart, and sources: case, spacing and Unicode form ignored ("Referral" and
    "referral " are one source, as "Data" and "data" are one field for the broaden nudge); `nothing` stands for
    an empty one."""
    return matching_key(as_stored.strip() or nothing)


def _first_spelling(spellings: Iterable[str], firsts: Mapping[str, str], nothing: str) -> tuple[str, str]:
    """The sort key of a field's or source's first application and the name it is shown by: as that first
    application spells it (spaces trimmed; `nothing` for an empty one)."""
    first, spelling = min((firsts[spelling], spelling) for spelling in spellings)
    return first, spelling.strip() or nothing


def _add_spelling(spellings: dict[str, Counter[str]], key: str, spelling: str, count: int) -> None:
    held = spellings.setdefault(key, Counter())
    held[spelling] += count
    if not held[spelling]:
        del held[spelling]
        if not held:
            del spellings[key]


# Text: the same labelled lines on the screen and on the command line.

BAR_WIDTH = 20
_EIGHTHS = " ▏▎▍▌▋▊▉"
LABEL_WIDTH = 14


def bar(value: float, most: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters `width` long at `most`, in eighths; any value above 0 shows at least ▏."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


@dataclass(frozen=True)
class Section:
    """A heading and its lines, as plain text (user text already made printable and cut to fit)."""

    title: str
    lines: tuple[str, ...]


def _label(text: str) -> str:
    return f"{excerpt(text, LABEL_WIDTH):<{LABEL_WIDTH}}"


def _days(value: float) -> str:
    return f"{value:g} day{'' if value == 1 else 's'}"


def figures_lines(figures: Figures) -> list[str]:
    """The funnel with rates, rejections by stage, those with no answer yet and days to a first answer."""
    if not figures.applied:
        return ["No applications yet: the funnel fills in as you apply."]
    count_width = len(number(figures.applied))
    lines = [f"{'reached':<12} {'':>{count_width}}  {'':<{BAR_WIDTH}}  of all"]
    for label, count in zip(FUNNEL_LABELS, figures.funnel):
        lines.append(f"{label:<12} {number(count):>{count_width}}  {bar(count, figures.applied):<{BAR_WIDTH}}  {percent(figures.rate(count)):>6}")
    stages = figures.stages()
    if stages:
        parts = [f"{stage.label if stage else 'stage not given'} {number(count)}" for stage, count in stages]
        lines.append(f"Rejected at: {' · '.join(parts)}")
    else:
        lines.append("Rejected at: none yet")
    lines.append(f"No answer yet: {number(figures.unanswered)} of {number(figures.applied)} ({percent(figures.rate(figures.unanswered))})")
    typical = figures.median_days_to_answer
    answered = figures.answered
    if typical is None:
        lines.append("First answer: none yet")
    else:
        # "median of 1" read as a riddle: one answer is that answer's day.
        of = "the one answer so far" if answered == 1 else f"typical of {number(answered)} answers"
        lines.append(f"First answer: after {_days(typical)} ({of})")
    return lines


def rate_lines(rates: Sequence[Rate]) -> list[str]:
    """One line per source or weekday: answered of applied, a bar of the rate, the rate."""
    shown = list(rates)
    if not any(rate.applied for rate in shown):
        return ["No applications yet."]
    width = max(len(f"{number(rate.responded)} of {number(rate.applied)}") for rate in shown)
    return [
        f"{_label(rate.label)} {f'{number(rate.responded)} of {number(rate.applied)}':>{width}}  {bar(rate.rate, 1.0):<{BAR_WIDTH}}  "
        f"{percent(rate.rate if rate.applied else None):>4}"
        for rate in shown
    ]


def weeks_lines(weeks: Sequence[Week]) -> list[str]:
    """One line per week: applications and steps, each with a bar scaled to its busiest week."""
    most_applied = max((week.applications for week in weeks), default=0)
    most_steps = max((week.steps for week in weeks), default=0)
    applied_width = max(2, len(number(most_applied)))
    steps_width = max(2, len(number(most_steps)))
    lines = [f"{'week of':<8} {'applied':<{applied_width + 9}}   steps"]
    for week in weeks:
        lines.append(
            f"{week.monday.strftime('%b %d'):<8} {number(week.applications):>{applied_width}} {bar(week.applications, most_applied, 8):<8}"
            f"   {number(week.steps):>{steps_width}} {bar(week.steps, most_steps, 16)}".rstrip()
        )
    return lines


def progress_line(progress: WeekProgress) -> str:
    """"■■■□□  3 of 5 days this week." — persistent days against the weekly target, as the Streak meter shows it."""
    return f"{week_squares(progress.days, progress.target)}  {progress.phrase}"


def insight_sections(insights: Insights) -> list[Section]:
    """Every figure as labelled sections: this week, overall, last 12 weeks, by source, by weekday, per field."""
    overall = insights.overall
    sections = [
        Section("This week", (progress_line(insights.week_progress),)),
        Section(f"All fields · {plural(overall.applied, 'application')}", tuple(figures_lines(overall))),
    ]
    if overall.applied:
        sections += [
            Section("Last 12 weeks", tuple(weeks_lines(insights.weeks))),
            Section("Answered, by source", tuple(rate_lines(insights.sources))),
            Section("Answered, by weekday applied", tuple(rate_lines(insights.weekdays))),
        ]
        for figures in insights.fields:
            sections.append(Section(f"Field: {excerpt(figures.name, 40)} · {plural(figures.applied, 'application')}", tuple(figures_lines(figures))))
    return sections


# Broaden your horizons and seek support: what to do about the figures (shown above them).

LINE_WIDTH = 76
"""Lines of text sections fit 80 columns with their indent."""
NO_GAPS = "No gaps named yet: gaps your reflections name become a learning plan here."
NO_PEOPLE = "Nobody in your circle yet: add the friends, family and mentors you lean on."


def _wrapped(text: str) -> list[str]:
    """One long line as lines that fit LINE_WIDTH, the ones after the first indented under it."""
    from textwrap import wrap  # here: textwrap compiles its patterns on import, and the store imports this module

    return wrap(text, LINE_WIDTH, subsequent_indent="  ", break_on_hyphens=False) or [""]


def person_line(person: Person, today: date) -> str:
    """"Sam Lee · mentor · last talked Mon" (the name made printable and cut to fit)."""
    return f"{excerpt(person.name, 30)} · {person.relation.label} · {last_contacted_phrase(person, today)}"


def support_sections(nudges: Sequence[BroadenNudge], plan: Sequence[Gap], people: Sequence[Person], today: date) -> list[Section]:
    """The broaden nudges (when there are any), the learning plan (gaps not worked on first) and the support circle."""
    sections = []
    if nudges:
        sections.append(Section("Worth a look", tuple(line for nudge in nudges for line in _wrapped(nudge.line))))
    ordered = sorted(plan, key=lambda gap: gap.worked_on)  # stable: within each, the plan's own order
    sections.append(Section("Learning plan", tuple(line for gap in ordered for line in _wrapped(gap_line(gap))) or (NO_GAPS,)))
    circle = tuple(line for person in people for line in _wrapped(person_line(person, today)))
    sections.append(Section("Support circle", circle or (NO_PEOPLE,)))
    return sections


def insights_text(insights: Insights, before: Sequence[Section] = ()) -> str:
    """The sections as plain text for the command line, after `before` (support_sections: the Insights screen
    shows the nudge, the learning plan and the circle above the figures too)."""
    blocks = [
        f"{section.title}\n" + "\n".join(f"  {line}" for line in section.lines)
        for section in (*before, *insight_sections(insights))
    ]
    return "\n\n".join(blocks)

