"""Provides the Inbox's data: `InboxReader` reads what the Inbox shows and keeps it up to date per write,
handing the screen a typed `InboxData` to render (every decision is the domain's, in `tui.domain.inbox`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tui.actions import views
from tui.domain.broaden import BroadenNudge
from tui.domain.attention import Need
from tui.domain.inbox import Inbox, LiveInbox, Section, matches
from tui.domain.models import Application, OutcomeEvent, ProactiveAction, Reflection, Settings, Status, Win
from tui.domain.reflections import next_steps_due
from tui.domain.streak import StreakSummary
from tui.domain.support import TalkReminder
from tui.domain.text import query_words

if TYPE_CHECKING:
    from tui.store.repository import Journal

APPLICATION_TABLES = ("applications", "events")
"""What the Inbox's applications are read from."""

CLOSED_SHOWN = 200
"""Closed applications listed at most (newest first); a ten-year journal has thousands, the filter narrows."""
TO_REFLECT_SHOWN = 100
"""Rejections waiting for a reflection listed at most (the newest): ten years can hold thousands, and
reading them all before the first paint cost more than the rest of the Inbox."""


@dataclass(frozen=True)
class InboxData:
    """Everything the Inbox screen shows, as read for one drawing."""

    inbox: Inbox
    """The greeting and the rows of each section."""
    streak: StreakSummary
    nudge: BroadenNudge | None
    """The broaden nudge shown under the greeting (b hides it), if a field has one."""
    settings: Settings
    feedback_asked: Mapping[int, date]
    """Applications whose employer was asked for feedback, and the day."""
    more_to_reflect: int
    """Rejections waiting for a reflection beyond those listed (none while filtering: the filter finds them)."""
    closed_total: int
    """Closed applications that match the filter (or all, with the closed ones shown), listed or not."""
    query: str
    show_closed: bool
    reflected: frozenset[int] = frozenset()
    """Applications a reflection is saved on (a settled rejection reflected on reads as closed)."""
    drafted: frozenset[int] = frozenset()
    """Applications a draft of a new reflection waits on (their row and the side panel point at it)."""


@dataclass(frozen=True)
class _TodaysReads:
    """What the Inbox reads besides its applications: kept while only the filter or the closed toggle changes."""

    actions: Sequence[ProactiveAction]
    wins: Sequence[Win]
    reflected: frozenset[int]
    drafted: frozenset[int]
    """Applications a draft of a new reflection waits on (their row points at it)."""
    settings: Settings
    next_steps: Sequence[Reflection]
    streak: StreakSummary
    planned: Sequence[OutcomeEvent]
    reminders: Sequence[TalkReminder]
    nudges: Sequence[BroadenNudge]
    people: Mapping[int, str]

    @classmethod
    def read(cls, journal: Journal, today: date) -> _TodaysReads:
        return cls(
            journal.steps.every(on=today), journal.wins.every(on=today), journal.reflections.reflected_application_ids(),
            journal.reflections.drafted_application_ids(), journal.settings(), next_steps_due(journal.reflections.with_a_step_by(today), today),
            views.streak_summary(journal, today), journal.applications.planned_interviews(), views.talk_reminders(journal, today),
            views.broaden_nudges(journal, today), {person.id: person.name for person in journal.steps.people()},
        )

    def named_applications(self) -> set[int]:
        """The applications today's rows name (closed ones too)."""
        named = {r.application_id for r in self.next_steps} | {w.application_id for w in self.wins}
        named |= {a.application_id for a in self.actions} | {event.application_id for event in self.planned}
        named |= {r.reflection.application_id for r in self.reminders}
        return {i for i in named if i is not None}


class InboxReader:
    """Reads the Inbox's applications once, then after each write only those the write touched, and moves only
    their rows (a key on a ten-year journal costs what it costs on a small one)."""

    def __init__(self) -> None:
        self._applications: dict[int, Application] | None = None
        """Open applications, rejections to reflect on, today's, and those today's rows name."""
        self._applications_version: tuple | None = None
        self._closed_apps: dict[int, Application] = {}
        """Closed applications shown while filtering or with c: the newest that match, at most CLOSED_SHOWN."""
        self._closed_total = 0
        self._closed_for: tuple[str, bool] | None = None
        self._closed_version: tuple | None = None
        """The journal's version when the closed ones were last read (a write since: they are read again)."""
        self._every_match: tuple[list[str], bool, list[Application], list[Application]] | None = None
        """The last query read when it listed every match: its words, whether it looked through the rejections
        waiting, the closed ones and those rejections (a narrower query's matches are among them)."""
        self._to_reflect_hidden = 0
        """Rejections waiting for a reflection beyond those listed."""
        self._today: _TodaysReads | None = None
        self._live: LiveInbox | None = None
        """The sections as last worked out; a write moves only the rows it touched."""
        self._reflected: frozenset[int] = frozenset()
        self._drafted: frozenset[int] = frozenset()

    def holds_current(self, journal: Journal) -> bool:
        """Whether the applications read still hold (no write to applications or events since)."""
        return self._applications is not None and journal.version_of(APPLICATION_TABLES) == self._applications_version

    def position(self, application_id: int) -> tuple[Section, int] | None:
        """The section the application's row is in and its place there, as last read (None: not listed)."""
        return self._live.position(application_id) if self._live is not None else None

    def read(
        self, journal: Journal, today: date, *, query: str = "", show_closed: bool = False, reload: bool = True,
        touched: Iterable[int] | None = None,
    ) -> InboxData:
        """The Inbox as it now is. `reload=False` reuses what was last read (the filter and the closed toggle
        change only what is shown, so typing in the filter stays quick); `touched` reads again only those
        applications (a write's own) and moves only their rows."""
        changed: set[int] = set()
        if touched is not None and self._applications is not None:
            changed = self._read_around(journal, touched)
        elif reload or touched is not None or self._applications is None:
            self._read_applications(journal, today)
        assert self._applications is not None
        self._read_closed(journal, query, show_closed)
        if reload or touched is not None or self._today is None:
            self._today = _TodaysReads.read(journal, today)
        seen = self._today
        # Today's rows name their application even when it is closed: read those few too.
        missing = seen.named_applications() - self._applications.keys()
        for app in journal.applications.by_id(missing):
            self._applications[app.id] = app
            changed.add(app.id)
        asked = journal.steps.feedback_asked()
        live = self._live
        if live is None or not live.suits(seen.settings, today, query, show_closed):
            live = self._live = LiveInbox(
                seen.settings, today, query=query, show_closed=show_closed, feedback_asked=asked, drafted=seen.drafted, earlier=live,
            )
            live.place({**self._closed_apps, **self._applications}.values(), seen.reflected)
        else:
            # A reflection saved or undone moves its application in or out of To reflect on.
            changed |= (seen.reflected ^ self._reflected) & self._applications.keys()
            # A draft kept or dropped (the editor, an undone save) changes its application's row.
            changed |= (seen.drafted ^ self._drafted) & self._applications.keys()
            live.feedback_asked, live.drafted = asked, seen.drafted
            closed_before = live.count(Section.CLOSED)
            live.remove(changed - self._applications.keys())
            live.place((self._applications[i] for i in changed if i in self._applications), seen.reflected)
            # What this app's own write closed or reopened (or reflected on) joins or leaves the closed ones
            # counted, listed or not: "N older closed not shown" stays right until the next full read.
            self._closed_total += live.count(Section.CLOSED) - closed_before
        self._reflected, self._drafted = seen.reflected, seen.drafted
        hidden = 0 if query else self._to_reflect_hidden
        # The greeting counts every rejection waiting, filter or not: those a filter found beyond the ones listed
        # are placed now, and counted there, not among those not read.
        found_beyond = sum(
            1 for i in self._closed_apps if i not in self._applications and live.need(i) is Need.TO_REFLECT
        )
        interviews = [(event, self._applications[event.application_id]) for event in seen.planned if event.application_id in self._applications]
        inbox = live.inbox(
            seen.actions, seen.wins, next_steps=seen.next_steps, streak=seen.streak,
            more_to_reflect=max(0, self._to_reflect_hidden - found_beyond),
            interviews=interviews, reminders=seen.reminders, people=seen.people,
        )
        return InboxData(
            inbox, seen.streak, seen.nudges[0] if seen.nudges else None, seen.settings, asked, hidden,
            self._closed_total, query, show_closed, seen.reflected, seen.drafted,
        )

    def _read_applications(self, journal: Journal, today: date) -> None:
        """Read what the Inbox shows without a filter: open applications, rejections to reflect on and
        today's (a ten-year journal has thousands closed; those are read by `_read_closed`)."""
        self._applications_version = journal.version_of(APPLICATION_TABLES)
        self._applications = {app.id: app for app in journal.applications.inbox(today, to_reflect_limit=TO_REFLECT_SHOWN)}
        reflected = journal.reflections.reflected_application_ids()
        listed = sum(1 for app in self._applications.values() if app.status is Status.REJECTED and app.id not in reflected)
        # Rejections beyond the newest TO_REFLECT_SHOWN stay in the journal (a filter finds them); until the
        # next full read this app's own writes cannot reach them, so the count stays right.
        self._to_reflect_hidden = max(0, journal.applications.to_reflect_count() - listed)
        self._closed_for = self._closed_version = None  # the closed ones are read again too
        self._live = None

    def _read_closed(self, journal: Journal, query: str, show_closed: bool) -> None:
        """While filtering or showing closed ones: the newest CLOSED_SHOWN closed applications that match,
        matched in SQL (a filter key on ten years stays quick), and how many match in all. A letter typed that
        only narrows a query whose every match is listed filters those in memory; closed ones read for the
        last query are not read again (both until the next write)."""
        wanted = (query, show_closed)
        if not (query or show_closed):
            self._closed_apps, self._closed_total, self._closed_for = {}, 0, wanted
            return
        if self._closed_for == wanted:
            return
        version = journal.version_of(APPLICATION_TABLES)
        current = version == self._closed_version
        self._closed_version = version
        if not current:
            self._every_match = None
        # The filter looks through every rejection waiting for its reflection, not only those listed.
        to_reflect_too = bool(query) and self._to_reflect_hidden > 0
        narrowed = self._narrowed(query, to_reflect_too)
        if narrowed is not None:
            closed, waiting = narrowed
            self._closed_total = len(closed)
        else:
            found = journal.applications.closed(matching=query, limit=CLOSED_SHOWN, to_reflect_too=to_reflect_too)
            # Those the Inbox holds (the newest rejections waiting, today's) or the last key found (the next
            # letter typed finds most of them again) are not read again.
            held = {**(self._closed_apps if current else {}), **(self._applications or {})}
            missing = [i for i in (*found.closed, *found.to_reflect) if i not in held]
            held.update((app.id, app) for app in journal.applications.listed_by_id(missing))
            closed, waiting = [held[i] for i in found.closed], [held[i] for i in found.to_reflect]
            self._closed_total = found.closed_total
        every_listed = self._closed_total == len(closed) and len(waiting) < CLOSED_SHOWN
        self._every_match = (query_words(query), to_reflect_too, closed, waiting) if every_listed else None
        self._closed_apps = {app.id: app for app in (*closed, *waiting)}
        self._closed_for = wanted

    def _narrowed(self, query: str, to_reflect_too: bool) -> tuple[list[Application], list[Application]] | None:
        """The closed ones (and rejections waiting) matching `query`, when the last query read listed all of its
        matches and `query` only narrows it (each of its words is within one of `query`'s): those that match."""
        if self._every_match is None:
            return None
        words, looked_in_to_reflect, closed, waiting = self._every_match
        new_words = query_words(query)
        if looked_in_to_reflect != to_reflect_too or not all(any(old in new for new in new_words) for old in words):
            return None
        return [app for app in closed if matches(app, query)], [app for app in waiting if matches(app, query)]

    def _read_around(self, journal: Journal, application_ids: Iterable[int]) -> set[int]:
        """After a write: read again only the applications it touched; returns their ids."""
        assert self._applications is not None
        ids = set(application_ids)
        found = {app.id: app for app in journal.applications.by_id(ids)}
        for application_id in ids:
            self._closed_apps.pop(application_id, None)  # `_applications` holds the fresh copy from now on
            if application_id in found:
                self._applications[application_id] = found[application_id]
            else:
                self._applications.pop(application_id, None)
        now = journal.version_of(APPLICATION_TABLES)
        if self._applications_version is not None and now[0] == self._applications_version[0]:
            # No other connection committed since the full read: what this app
            # wrote is what it just read again, so the applications held are current.
            self._applications_version = now
        return ids
