"""Provides the morning Inbox: which applications need attention, in which section, and the greeting."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tui.domain.attention import Need, follow_up_due_since, follow_up_planned, is_settled, need_of, reads_settled, settles, waits_for_reflection
from tui.domain.streak import StreakSummary, streak_phrase, week_phrase
from tui.domain.dates import day_name
from tui.domain.story import Happened, StoryEvent, happened, story_of, touched_on
from tui.domain.models import ActionKind, Application, OutcomeEvent, ProactiveAction, Reflection, Settings, Status, Win
from tui.domain.support import TalkReminder, can_ask_for_feedback, reminder_hint, reminder_text
from tui.domain.text import haystack, number, plural, printable, query_words


class Section(StrEnum):
    """The Inbox's sections, in the order they are shown (Coming up only when something is)."""

    COMING_UP = "Coming up"
    FOLLOW_UPS_DUE = "Follow-ups due"
    TO_REFLECT_ON = "To reflect on"
    WAITING = "Waiting to hear"
    TODAY = "Today"
    CLOSED = "Closed and settled"
    """Closed applications (rejected, ghosted, withdrawn, an offer) and settled history (`is_settled`: asking
    nothing, open or a rejection; its row says "settled history"), shown with C or a filter: the heading names both."""


@dataclass(frozen=True, slots=True, eq=False)
class InboxRow:
    """One line of the Inbox: an application, or something done today (with slots: an imported history's
    first paint makes ~1,600, a third quicker so). An application's hint is worked out when first read
    (`hint`): a list draws only the rows in view, and the rest of thousands are never worded."""

    section: Section
    text: str
    said: str | Callable[[], str] = ""
    """The hint, or what words it when first asked (`hint`)."""
    application: Application | None = None
    suggests_ghosted: bool = False
    next_step: Reflection | None = None
    interview: OutcomeEvent | None = None
    """A planned screening or interview this row is about (h says how it went)."""
    action: ProactiveAction | None = None
    """A step logged by hand today that this row is (e edits it, delete removes it)."""
    reminder: TalkReminder | None = None
    """A reflection said whom to talk to, and no contact is logged since (c logs it)."""
    win: Win | None = None
    """A win posted or added today that this row is (it lives on the wins wall)."""
    logged_by_onward: ProactiveAction | None = None
    """A step Onward logged itself today that this row is (saving a reflection, finishing a next step)."""

    @property
    def hint(self) -> str:
        """The words after the row's text (what it asks, how long ago...), worded once."""
        said = self.said
        if isinstance(said, str):
            return said
        words = said()
        object.__setattr__(self, "said", words)  # worded once: the row stays what it is
        return words

    def _compared(self) -> tuple:
        return (
            self.section, self.text, self.hint, self.application, self.suggests_ghosted, self.next_step, self.interview,
            self.action, self.reminder, self.win, self.logged_by_onward,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InboxRow) and self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # equal by what it says, which a lazy hint words late


def what_the_row_is(row: InboxRow) -> str:
    """For a key that wants an application, on a row of none (a win, a step): what the row is and what can be done
    with it, and where (a win is edited on the wall); said instead of "select an application"."""
    step = row.logged_by_onward
    if row.win is not None:
        return "That is a win, not an application: it is on your wins wall (press 3), where e edits it and delete removes it."
    if step is not None and step.kind is ActionKind.REFLECTION:
        return "That is the step saving a reflection counted, not an application: press 2 for your reflections, where enter opens it."
    if step is not None and step.reflection_id is not None:
        return (
            "That is the step finishing a reflection's next step counted, not an application: press 2 for your reflections, "
            "where enter opens that reflection."
        )
    if row.action is not None:
        return "That is a step you logged, not an application: e edits it and delete removes it."
    if row.next_step is not None:
        return "That is a reflection's next step, not an application: d marks it done and e opens its reflection."
    if row.reminder is not None:
        return "That is a reminder to talk to someone, not an application: c logs reaching out and e opens its reflection."
    if step is not None:
        return "That is a step Onward logged for you, not an application: it goes when what logged it is undone or removed."
    return "Select an application first (↑ ↓)."


@dataclass(frozen=True)
class Inbox:
    """Everything the Inbox shows, worked out from the journal."""

    greeting: str
    rows: tuple[InboxRow, ...]
    by_section: dict[Section, list[InboxRow]] | None = field(default=None, compare=False, repr=False)
    """The rows of each section, when the builder has them at hand (saves a pass over thousands per key)."""

    def section(self, section: Section) -> list[InboxRow]:
        if self.by_section is not None:
            return list(self.by_section.get(section, ()))
        return [row for row in self.rows if row.section is section]


def history_to_settle(apps: Iterable[Application], settings: Settings, today: date) -> list[Application]:
    """Of what the Inbox shows (open applications, rejections not yet reflected on), those not settled yet that
    `tui.domain.attention.settles` calls history: what the Inbox's bulk "settle old history" would settle."""
    return [app for app in apps if not is_settled(app) and settles(app.status, app.last_heard_on, settings, today)]


def matches(app: Application, query: str) -> bool:
    """True when every word of `query` is in the company, role or field (case-insensitive)."""
    text = haystack(app.company, app.role, app.field)
    return all(word in text for word in query_words(query))


def _ago(days: int) -> str:
    """How long ago `days` days is, as people say it: "3 days ago", "5 weeks ago", "2 months ago", "1 year ago"."""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{min(days // 30, 11)} months ago"
    years = days // 365
    return f"{years} year{'s' if years != 1 else ''} ago"


SETTLED = "settled history"
"""What a settled application's row says it is (tui.domain.attention.is_settled; `settled_sentence` says what
that means for it)."""


def _describe(app: Application, today: date, *, with_status: bool = True) -> str:
    parts = [app.status.label] if with_status else []
    if app.field:
        parts.append(app.field)
    parts.append(f"applied {_ago((today - app.applied_on).days)}")
    return " · ".join(parts)


DRAFT_WAITS = "draft kept · e opens it"
"""What a rejection's row says first while a draft of its reflection waits (typed, say, before a mood was
chosen, then the app quit): nothing else on reopening tells the person their words are kept."""


def draft_kept_sentence(apps: Sequence[Application], reflected: Container[int] = frozenset()) -> str:
    """Where the drafts of new reflections on these applications are opened, for what lists no row of them
    (the Reflections area's empty state, `onward show`): e on the row in the Inbox, whose row says DRAFT_WAITS;
    C shows it when the row is with the closed and settled ones. "" for none."""
    if not apps:
        return ""
    names = ", ".join(printable(app.company) for app in apps[:3]) + (" and more" if len(apps) > 3 else "")
    hidden = any(not waits_for_reflection(app, app.id in reflected) for app in apps)
    shows = " (C shows it with the closed and settled ones)" if hidden else ""
    return f"Your words for a reflection on {names} are kept in a draft: e on its row in the app's Inbox opens it{shows}."


def application_row(
    app: Application, reflected: bool, settings: Settings, today: date, *, query: str = "", show_closed: bool = False,
    feedback_asked: bool = False, draft_waits: bool = False,
) -> InboxRow | None:
    """The row `app` gets in the Inbox (in which section, with which hint), or None when it is not shown."""
    if query and not matches(app, query):
        return None
    need = need_of(app, reflected, settings, today)
    return _row(
        app, need, settings, today, query=query, show_closed=show_closed, feedback_asked=feedback_asked, draft_waits=draft_waits,
        reflected=reflected,
    )


def _row(
    app: Application, need: Need | None, settings: Settings, today: date, *, query: str, show_closed: bool,
    feedback_asked: bool, draft_waits: bool = False, reflected: bool = False,
) -> InboxRow | None:
    """`application_row` given what it asks (`need_of`, worked out once per application placed). The section is
    decided now; the hint is worded when the row is drawn (`InboxRow.hint`)."""
    if need is Need.FOLLOW_UP:
        return InboxRow(Section.FOLLOW_UPS_DUE, app.title, lambda: _follow_up_hint(app, settings, today), app)
    if reads_settled(app, reflected):
        # History: listed with the closed ones, asking nothing, and said to be settled (one still open may yet
        # hear news, which brings it back).
        if not (show_closed or query):
            return None
        return InboxRow(Section.CLOSED, app.title, lambda: _settled_hint(app, today, draft_waits), app)
    status = app.status
    if need is Need.TO_REFLECT:
        return InboxRow(Section.TO_REFLECT_ON, app.title, lambda: _to_reflect_hint(app, feedback_asked, draft_waits), app)
    if status.is_open:
        if need is Need.GONE_QUIET:
            hint = f"{status.label} · no word for {(today - app.last_heard_on).days} days · g if ghosted"
            return InboxRow(Section.WAITING, app.title, hint, app, suggests_ghosted=True)
        return InboxRow(Section.WAITING, app.title, lambda: _waiting_hint(app, settings, today), app)
    if show_closed or query:
        return InboxRow(Section.CLOSED, app.title, lambda: _closed_hint(app, today, draft_waits), app)
    return None


def _follow_up_hint(app: Application, settings: Settings, today: date) -> str:
    due = follow_up_due_since(app, settings, today)
    assert due is not None
    overdue = (today - due).days
    hint = "due today" if overdue == 0 else f"due since {_ago(overdue)}"
    return f"{_describe(app, today, with_status=False)} · {hint}"


def _settled_hint(app: Application, today: date, draft_waits: bool) -> str:
    hint = f"{app.status.label} · {SETTLED} · {_describe(app, today, with_status=False)}"
    return f"{DRAFT_WAITS} · {hint}" if draft_waits else hint


def _to_reflect_hint(app: Application, feedback_asked: bool, draft_waits: bool) -> str:
    rejection = app.rejection
    stage = rejection.stage if rejection is not None else None
    hint = f"rejected after {stage.label}" if stage else "rejected"
    if can_ask_for_feedback(stage):
        # The key first: a narrow list (80 columns) cuts the end of a hint.
        hint = f"{'F adds their reply' if feedback_asked else 'F ask for feedback'} · {hint}"
    hint = f"{hint} · {app.field}".rstrip(" ·")
    if draft_waits:  # first: a narrow list cuts the end of a hint, and e is what opens the kept words
        hint = f"{DRAFT_WAITS} · {hint}"
    return hint


def _waiting_hint(app: Application, settings: Settings, today: date) -> str:
    planned = follow_up_planned(app, settings, today)  # first: a narrow list (80 columns) cuts the end
    return f"{planned} · {_describe(app, today)}" if planned else _describe(app, today)


def _closed_hint(app: Application, today: date, draft_waits: bool) -> str:
    hint = _describe(app, today)
    return f"{DRAFT_WAITS} · {hint}" if draft_waits else hint


def _order(row: InboxRow) -> tuple:
    """Where a row sits in its section: longest quiet first (so gone-quiet ones lead Waiting); Closed newest first."""
    app = row.application
    assert app is not None
    if row.section is Section.CLOSED:
        return (-app.last_heard_on.toordinal(), -app.id)
    return (app.last_heard_on, app.id)


class LiveInbox:
    """The application sections of the Inbox, kept up to date per write: `place` works out again only the
    applications a change touched, so a key on a ten-year journal costs what it costs on a small one.
    A change of settings, day, filter or the closed toggle needs a new LiveInbox (every row may move)."""

    SECTIONS = (Section.FOLLOW_UPS_DUE, Section.TO_REFLECT_ON, Section.WAITING, Section.CLOSED)

    def __init__(
        self, settings: Settings, today: date, *, query: str = "", show_closed: bool = False,
        feedback_asked: Container[int] = frozenset(), drafted: Container[int] = frozenset(), earlier: LiveInbox | None = None,
    ) -> None:
        self.settings, self.today, self.query, self.show_closed = settings, today, query, show_closed
        self.feedback_asked = feedback_asked
        """Applications whose employer was asked for feedback (their hint offers adding the reply); the Inbox
        gives it the journal's current set before placing the applications a write touched."""
        self.drafted = drafted
        """Applications a draft of a new reflection waits on (their row says so, DRAFT_WAITS); given as
        `feedback_asked` is."""
        self.applications: dict[int, Application] = {}
        self._placed: dict[int, tuple[tuple, InboxRow]] = {}
        self._sections: dict[Section, list[tuple[tuple, int]]] = {section: [] for section in self.SECTIONS}
        self._rows: dict[Section, list[InboxRow]] = {}
        """Each section's rows as last listed, until a row of it moves (a key moves one or two of thousands)."""
        self._heard_today: dict[int, None] = {}
        """Applications with something today (or heard from later), in the order `applications` holds them."""
        self._needs: dict[int, Need] = {}
        """What each application placed asks of you, filter or not: the greeting tells the whole journal."""
        self._need_counts: dict[Need, int] = dict.fromkeys(Need, 0)
        self._asked: dict[int, tuple[Application, bool, Need | None]] = {}
        """Each application placed (the object), whether it was reflected on, and what it asks."""
        self._earlier_asked = earlier._asked if earlier is not None and (earlier.settings, earlier.today) == (settings, today) else {}
        """The Inbox this one replaces (another filter key): what it worked out of the same applications is not
        worked out again at the first `place` (a key on an imported history places ~1,600)."""

    def suits(self, settings: Settings, today: date, query: str, show_closed: bool) -> bool:
        return (settings, today, query, show_closed) == (self.settings, self.today, self.query, self.show_closed)

    def place(self, applications: Iterable[Application], reflected: Container[int]) -> None:
        """Put these applications (new or changed) where they now belong."""
        # The keys of the rows placed, by section, put in their sections' order at the end: one sort for the
        # thousands an imported history places at the first paint, a bisect each for a write's one or two.
        added: dict[Section, list[tuple[tuple, int]]] = {}
        settings, today, query, show_closed, asked = self.settings, self.today, self.query, self.show_closed, self.feedback_asked
        drafted = self.drafted
        placed, heard_today = self._placed, self._heard_today
        for app in applications:
            application_id = app.id
            if application_id in self.applications:  # placed before (what `remove` takes out is only ever placed here)
                self._insert(added)
                self.remove([application_id])
            self.applications[application_id] = app
            # (Applied today is heard from today: only one with a timeline asks `touched_on` more.)
            if app.last_heard_on >= today or (app.events and touched_on(app, today)):
                heard_today[application_id] = None
            is_reflected = application_id in reflected
            was = self._earlier_asked.get(application_id)
            if was is not None and was[0] is app and was[1] is is_reflected:
                need = was[2]
            else:
                need = need_of(app, is_reflected, settings, today)  # asked once: imports place thousands
            self._asked[application_id] = (app, is_reflected, need)
            if need is not None:
                self._needs[application_id] = need
                self._need_counts[need] += 1
            if query and not matches(app, query):
                continue
            row = _row(
                app, need, settings, today, query=query, show_closed=show_closed, feedback_asked=application_id in asked,
                draft_waits=application_id in drafted, reflected=is_reflected,
            )
            if row is not None:
                key = (_order(row), application_id)
                placed[application_id] = (key, row)
                added.setdefault(row.section, []).append(key)
        self._insert(added)
        self._earlier_asked = {}  # what was placed since is new

    def _insert(self, added: dict[Section, list[tuple[tuple, int]]]) -> None:
        """Put the keys of rows just placed in their sections, in order (and empty `added`)."""
        for section, keys in added.items():
            held = self._sections[section]
            if len(keys) > 8:
                held += keys
                held.sort()
            else:
                for key in keys:
                    insort(held, key)
            self._rows.pop(section, None)
        added.clear()

    def remove(self, application_ids: Iterable[int]) -> None:
        """Take these applications out (removed from the journal, or about to be placed again)."""
        for application_id in application_ids:
            self.applications.pop(application_id, None)
            self._heard_today.pop(application_id, None)
            self._asked.pop(application_id, None)
            need = self._needs.pop(application_id, None)
            if need is not None:
                self._need_counts[need] -= 1
            held = self._placed.pop(application_id, None)
            if held is not None:
                key, row = held
                keys = self._sections[row.section]
                del keys[bisect_left(keys, key)]
                self._rows.pop(row.section, None)

    def rows(self, section: Section) -> list[InboxRow]:
        """The section's rows in order (callers get a list they must not change)."""
        if section not in self._rows:
            placed = self._placed
            self._rows[section] = [placed[application_id][1] for _, application_id in self._sections[section]]
        return self._rows[section]

    def need(self, application_id: int) -> Need | None:
        """What the application placed asks of you (filter or not), or None."""
        return self._needs.get(application_id)

    def count(self, section: Section) -> int:
        """How many rows the section has."""
        return len(self._sections[section])

    def position(self, application_id: int) -> tuple[Section, int] | None:
        """The section the application's row is in and its place there, or None when it is not listed."""
        held = self._placed.get(application_id)
        if held is None:
            return None
        key, row = held
        return row.section, bisect_left(self._sections[row.section], key)

    def inbox(
        self,
        actions: Sequence[ProactiveAction],
        wins: Sequence[Win],
        *,
        next_steps: Sequence[Reflection] = (),
        streak: StreakSummary | None = None,
        more_to_reflect: int = 0,
        interviews: Sequence[tuple[OutcomeEvent, Application]] = (),
        reminders: Sequence[TalkReminder] = (),
        people: Mapping[int, str] | None = None,
    ) -> Inbox:
        """The whole Inbox: these sections, then today's rows from today's steps, wins and next steps;
        `more_to_reflect` counts rejections waiting for a reflection that were not placed (not read);
        `interviews` are the planned screenings and interviews with their applications (Coming up, or
        Today on their day and until said how they went)."""
        follow_ups, to_reflect, waiting, closed = (self.rows(section) for section in self.SECTIONS)
        by_id = self.applications
        # In the order things happened today (the newest outcome last), whatever order they were placed in.
        def newest_today(app: Application) -> tuple[int, int]:
            told = story_of(app, self.today).events
            return max((e.id for e in told if e.on >= self.today or e.logged_on >= self.today), default=0), app.id

        touched_today = sorted((by_id[application_id] for application_id in self._heard_today), key=newest_today)
        coming, due = interview_rows(interviews, self.today, self.query)
        today_rows = due + _next_step_rows(next_steps, by_id, self.today, self.query)
        today_rows += _reminder_rows(reminders, by_id, self.today, self.query) + _today_rows(
            touched_today, actions, wins, by_id, self.today, self.query, people or {}
        )
        steps_today = sum(1 for action in actions if action.on == self.today)
        # The whole journal's truth, whatever the filter shows (it narrows the lists only).
        counts = self._need_counts
        greeting = compose_greeting(
            counts[Need.FOLLOW_UP], counts[Need.TO_REFLECT] + more_to_reflect, counts[Need.GONE_QUIET], steps_today, streak,
            self.today, coming=interview_phrase(interviews, self.today), weekly_target=self.settings.weekly_target,
        )
        sections = dict(zip(self.SECTIONS, (follow_ups, to_reflect, waiting, closed)))
        sections[Section.TODAY] = today_rows
        sections[Section.COMING_UP] = coming
        return Inbox(greeting, (*coming, *follow_ups, *to_reflect, *waiting, *today_rows, *closed), sections)


def build_inbox(
    applications: Sequence[Application],
    actions: Sequence[ProactiveAction],
    wins: Sequence[Win],
    reflected_application_ids: Container[int],
    settings: Settings,
    today: date,
    *,
    next_steps: Sequence[Reflection] = (),
    streak: StreakSummary | None = None,
    query: str = "",
    show_closed: bool = False,
) -> Inbox:
    """The Inbox for `today`, optionally filtered by `query` and including closed applications."""
    live = LiveInbox(settings, today, query=query, show_closed=show_closed)
    live.place(applications, reflected_application_ids)
    return live.inbox(actions, wins, next_steps=next_steps, streak=streak)


GOOD_LUCK = "good luck · h afterwards to log it"


def interview_rows(
    interviews: Sequence[tuple[OutcomeEvent, Application]], today: date, query: str = ""
) -> tuple[list[InboxRow], list[InboxRow]]:
    """Rows for planned screenings and interviews, soonest first: those still ahead (Coming up), and those
    of today or gone by without a word on how they went (Today)."""
    coming: list[InboxRow] = []
    due: list[InboxRow] = []
    for event, app in sorted(interviews, key=lambda pair: (pair[0].takes_place_on or today, pair[0].id)):
        day = event.takes_place_on
        state = happened(event, today, closed_on=app.closed_on)
        if day is None or state not in (Happened.PLANNED, Happened.UNKNOWN) or (query and not matches(app, query)):
            continue
        text = f"{event.kind.label.capitalize()} at {app.company} — {app.role}"
        if state is Happened.UNKNOWN:
            due.append(InboxRow(Section.TODAY, text, f"was {day_name(day, today)} · h: how did it go?", app, interview=event))
        elif day == today:
            due.append(InboxRow(Section.TODAY, text, f"today · {GOOD_LUCK}", app, interview=event))
        else:
            away = (day - today).days
            moved = f" · moved from {day_name(event.moved_from, today)}" if event.moved_from is not None else ""
            hint = f"{day_name(day, today)}" + (f" · in {away} days" if away > 1 else "") + moved + " · m if it moves"
            coming.append(InboxRow(Section.COMING_UP, text, hint, app, interview=event))
    return coming, due


def interview_phrase(interviews: Sequence[tuple[OutcomeEvent, Application]], today: date) -> str:
    """The greeting's word on the nearest planned one in the week ahead: "Interview at Acme on Thu." ("today")."""
    ahead = sorted(
        ((event, app) for event, app in interviews
         if event.takes_place_on is not None and happened(event, today, closed_on=app.closed_on) is Happened.PLANNED
         and (event.takes_place_on - today).days < 7),
        key=lambda pair: (pair[0].takes_place_on, pair[0].id),
    )
    if not ahead:
        return ""
    event, app = ahead[0]
    assert event.takes_place_on is not None
    when = day_name(event.takes_place_on, today)
    more = f" (and {number(len(ahead) - 1)} more in the week ahead)" if len(ahead) > 1 else ""
    if when == "today":
        return f"{event.kind.label.capitalize()} at {app.company} today — you've got this{more}."
    return f"{event.kind.label.capitalize()} at {app.company} {'on ' if when != 'tomorrow' else ''}{when}{more}."


def _next_step_rows(next_steps: Sequence[Reflection], by_id, today: date, query: str) -> list[InboxRow]:
    rows = []
    for reflection in next_steps:
        app = by_id.get(reflection.application_id) if reflection.application_id else None
        if query and not (app and matches(app, query)):
            continue
        due = reflection.next_step_on or today
        when = "today" if due == today else f"since {_ago((today - due).days)}"
        source = f" · from {app.company}" if app else ""
        rows.append(InboxRow(Section.TODAY, reflection.next_step, f"→ next step {when}{source} · d when done", app, next_step=reflection))
    return rows


def _reminder_rows(reminders: Sequence[TalkReminder], by_id, today: date, query: str) -> list[InboxRow]:
    rows = []
    for reminder in reminders:
        application_id = reminder.reflection.application_id
        app = by_id.get(application_id) if application_id is not None else None
        if query and not (app and matches(app, query)):
            continue
        text = reminder_text(reminder, app.company if app else None)
        rows.append(InboxRow(Section.TODAY, text, reminder_hint(reminder, today), app, reminder=reminder))
    return rows


def _today_rows(applications, actions, wins, by_id, today: date, query: str, people: Mapping[int, str]) -> list[InboxRow]:
    """One row per application touched today (what happened to it), then each other step and win."""
    said: dict[int, tuple[list[str], list[str]]] = {}
    """Per application, what happened today and what was logged today as taking place on an earlier day (a step
    counts on the day it happened, PRODUCT)."""
    for app in applications:
        # Its story's day: applying, what was logged today and what took place today (a screening held today
        # that was booked last week). Automatic steps are these events' own and are not listed again.
        for event in story_of(app, today).on_day(today):
            said.setdefault(app.id, ([], []))[held_earlier(event, today)].append(today_words(event, today))
    for action in actions:
        if action.on == today and action.kind is ActionKind.ASKED_FEEDBACK and action.application_id is not None:
            said.setdefault(action.application_id, ([], []))[0].append(action.kind.label)
    rows = [
        InboxRow(Section.TODAY, by_id[app_id].title, _today_hint(*labels), by_id[app_id])
        for app_id, labels in said.items()
        if app_id in by_id
    ]
    for action in actions:
        # Steps tied to an application are already in that application's row.
        if action.on != today or action.application_id is not None:
            continue
        if action.kind is ActionKind.REFLECTION:
            text, label = "Reflection saved", "reflection"
        elif action.reflection_id is not None:
            text, label = action.note or "Next step", "next step done"
        elif action.kind is ActionKind.LEARNING and action.gaps:
            text = f"Learning: {', '.join(action.gaps)}" + (f" — {action.note.splitlines()[0]}" if action.note else "")
            label = action.kind.label
        elif action.person_id is not None and action.person_id in people:
            text = f"Reached out to {people[action.person_id]}" + (f": {action.note.splitlines()[0]}" if action.note else "")
            label = action.kind.label
        else:
            text = action.note.splitlines()[0] if action.note else action.kind.label.capitalize()
            label = action.kind.label
        rows.append(InboxRow(
            Section.TODAY, text, f"✓ {label}", action=None if action.automatic else action,
            logged_by_onward=action if action.automatic else None,
        ))
    for win in wins:
        if win.on == today:
            rows.append(InboxRow(Section.TODAY, win.title, f"★ win · {win.kind.label}", by_id.get(win.application_id), win=win))
    if query:
        rows = [row for row in rows if row.application is not None and matches(row.application, query)]
    return rows


def _today_hint(happened: list[str], logged: list[str]) -> str:
    """A Today row's hint: "today: applied", and what was logged today for an earlier day set apart ("logged
    today: interview held Wed 25 Nov"), as it counts on its own day."""
    parts = [f"today: {' · '.join(happened)}"] if happened else []
    parts += [f"logged today: {' · '.join(logged)}"] if logged else []
    return " · ".join(parts)


def held_earlier(event: StoryEvent, today: date) -> bool:
    """A screening or interview logged today as held on an earlier day (`today_words` names that day)."""
    return event.happened is Happened.HELD and event.is_interview and event.on != today


def today_words(event: StoryEvent, today: date) -> str:
    """What Today says happened today to an event of the day: "screening booked for Thu" (booked today for a
    day of its own, today or ahead), "screening held" (it took place today, with or without a day of its own),
    "screening held Mon 30 Nov" (logged today as held then), "screening cancelled", "rejected after interview"."""
    if event.happened is Happened.PLANNED:
        return f"{event.what} booked for {day_name(event.on, today)}"
    if event.happened is Happened.HELD and not event.is_interview:
        return event.what
    if event.happened is Happened.HELD and event.on != today:
        return f"{event.words} {day_name(event.on, today)}"
    return event.words


def compose_greeting(
    follow_ups: int, to_reflect: int, quiet: int, steps_today: int, streak: StreakSummary | None = None,
    today: date | None = None, *, coming: str = "", weekly_target: int = 0,
) -> str:
    """One warm line: the streak (or today's steps), what is coming up this week, and what needs attention."""
    needs = []
    if follow_ups:
        needs.append(f"{plural(follow_ups, 'follow-up')} due")
    if to_reflect:
        needs.append(f"{plural(to_reflect, 'rejection')} to reflect on")
    if quiet:
        needs.append(f"{number(quiet)} gone quiet")
    attention = f"{', '.join(needs)}." if needs else "Nothing is waiting on you."
    if coming:
        attention = f"{coming} {attention}" if needs else coming
    if streak is not None:
        # "3 of 5 days this week" once the week has a step (a Monday morning's "0 of 5" helps nobody).
        week = f" {week_phrase(streak.week_days, weekly_target)}" if weekly_target and streak.week_days else ""
        return f"{streak_phrase(streak, today)}{week} {attention[0].upper()}{attention[1:]}"
    if steps_today:
        today_part = f"{plural(steps_today, 'step')} taken today — well done."
    else:
        today_part = "No step yet today."
    return f"Welcome back — {attention[0].lower()}{attention[1:]} {today_part}"
