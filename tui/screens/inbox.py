"""Provides the Inbox: the morning view of what needs attention, with one key per outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.widgets.shown import show
from tui.actions import Done, NeedsReopen, Refused, applications, interviews, steps, support, views, wins
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.broaden import BroadenNudge
from tui.domain.inbox import Inbox, InboxRow, LiveInbox, Section, follow_up_due_on, is_follow_up_due
from tui.domain.streak import without_flame
from tui.domain.changes import ApplicationScope, Undo
from tui.domain.dates import day_name
from tui.domain.models import SCHEDULED_KINDS, Application, OutcomeEvent, OutcomeKind, ProactiveAction, Stage, Status
from tui.domain.reflections import next_steps_due
from tui.domain.story import Happened, story_of
from tui.domain.support import ReachOutEntry
from tui.domain.text import excerpt, printable
from tui.store.database import JournalError
from tui.screens.confirm import ConfirmDialog
from tui.screens.area import AreaScreen
from tui.widgets.lazy_list import LazyList
from tui.widgets.streak_badge import StreakBadge

if TYPE_CHECKING:
    from tui.screens.interview_dialogs import DayAnswer
    from tui.store.repository import Journal

# The dialogs the Inbox opens (forms, the reflection editor, the stage picker) are imported where they open:
# with the Textual widgets they use (Select, TextArea, checkboxes) they cost ~20 ms before the first paint.

OUTCOME_DAY_HINT = "A day ahead puts it under Coming up; h afterwards says how it went. Enter without a day: it happened today."
"""What the question after s, i and f says under its title."""


def outcome_day_title(outcome: OutcomeKind, company: str) -> str:
    """The question after s, i and f: "When is the interview at Acme?"."""
    return f"When is the {outcome.label} at {excerpt(company)}?"


APPLICATION_TABLES = ("applications", "events")
"""What the Inbox's applications are read from."""

CLOSED_SHOWN = 200
"""Closed applications listed at most (newest first); a ten-year journal has thousands, the filter narrows."""
TO_REFLECT_SHOWN = 100
"""Rejections waiting for a reflection listed at most (the newest): ten years can hold thousands, and
reading them all before the first paint cost more than the rest of the Inbox."""

EMPTY_SECTION_TEXT = {
    Section.FOLLOW_UPS_DUE: "No follow-ups due.",
    Section.TO_REFLECT_ON: "Nothing to reflect on.",
    Section.WAITING: "Nothing pending: n adds an application.",
    Section.TODAY: "Nothing yet today: a logs a step.",
}

FIRST_RUN_TEXT = (
    "Your journal is ready.\n\n"
    "n  add an application you sent\n"
    "a  log a step: networking, learning, a career fair…\n"
    "w  note a small win\n\n"
    "Each morning, log what happened with one key. "
    "Rejections never break your momentum: every one is a step closer.\n\n"
    "?  every key"
)


class InboxScreen(AreaScreen):
    """Sections of applications; the highlighted one takes the outcome keys."""

    CSS_PATH = "inbox.tcss"
    # The list, never the hidden filter field: keys typed before the first paint went into it, unseen.
    AUTO_FOCUS = "#inbox-list"
    HELP_TITLE = "Inbox"
    HELP_EXTRA = (("↑ ↓", "move between applications"),)
    BINDINGS = [
        Binding("n", "new_application", "New", id="inbox.new", tooltip="add a new application"),
        Binding("r", "log_rejection", "Rejected", id="inbox.rejected", tooltip="log a rejection (asks the stage)"),
        Binding("s", "log('screening')", "Screening", id="inbox.screening", tooltip="log a screening", show=False),
        Binding("i", "log('interview')", "Interview", id="inbox.interview", tooltip="log an interview", show=False),
        Binding("f", "log('final_round')", "Final round", id="inbox.final_round", tooltip="log a final round", show=False),
        Binding("o", "log('offer')", "Offer", id="inbox.offer", tooltip="log an offer", show=False),
        Binding("g", "log('ghosted')", "Ghosted", id="inbox.ghosted", tooltip="mark as ghosted", show=False),
        Binding("x", "log('withdrawn')", "Withdrawn", id="inbox.withdrawn", tooltip="mark as withdrawn", show=False),
        Binding("u", "log('followed_up')", "Followed up", id="inbox.followed_up", tooltip="log that you followed up", show=False),
        Binding("e,enter", "open", "Reflect/Open", id="inbox.open", tooltip="reflect on a rejection, edit the application, or edit today's step"),
        Binding("d", "next_step_done", "Done", id="inbox.done", show=False, tooltip="mark the selected next step done"),
        Binding("h", "how_it_went", "How it went", id="inbox.how_it_went", show=False, tooltip="say how a planned screening or interview went"),
        Binding("m", "interview_moved", "Moved", id="inbox.moved", show=False, tooltip="move a planned screening or interview to another day"),
        Binding("t", "timeline", "Timeline", id="inbox.timeline", show=False, tooltip="the selected application's whole story: edit or remove any of it, merge a duplicate"),
        Binding("delete", "remove_application", "Remove", id="inbox.remove", show=False, tooltip="remove the selected application and everything tied to it, or today's step (asks first; z undoes)"),
        Binding("U", "follow_up_day", "Follow-up day", id="inbox.follow_up_day", show=False, tooltip="set or clear the day the next follow-up is due"),
        Binding("a", "log_action", "Action", id="inbox.action", tooltip="log a proactive action"),
        Binding("w", "add_win", "Win", id="inbox.win", tooltip="add a win"),
        Binding("z", "app.undo", "Undo", id="inbox.undo", tooltip="undo the last change"),
        Binding("slash", "filter", "Filter", id="inbox.filter", tooltip="filter by company, role or field"),
        Binding("c", "reach_out", "Reach out", id="inbox.reach_out", tooltip="log reaching out to someone for support (counts as a step)"),
        Binding("F", "feedback", "Feedback", id="inbox.feedback", show=False, tooltip="ask the employer for feedback on a rejection, or add their reply to the reflection"),
        Binding("b", "hide_nudge", "Hide nudge", id="inbox.hide_nudge", show=False, tooltip="hide the broaden nudge for that field for 30 days"),
        Binding("C", "toggle_closed", "Closed", id="inbox.closed", tooltip="show or hide closed applications", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="inbox.clear_filter", tooltip="clear the filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[InboxRow | None] = []
        self.show_closed = False
        self.query_text = ""
        self.inbox: Inbox | None = None
        self._journal_view: tuple | None = None
        self._applications: dict[int, Application] | None = None
        self._applications_version: tuple | None = None
        self._closed_apps: dict[int, Application] = {}
        """Closed applications shown while filtering or with c: the newest that match, at most CLOSED_SHOWN."""
        self._closed_total = 0
        self._to_reflect_hidden = 0
        """Rejections waiting for a reflection beyond those listed."""
        self._closed_for: tuple[str, bool] | None = None
        self._live: LiveInbox | None = None
        """The sections as last worked out; a write moves only the rows it touched."""
        self._starts: dict[Section, int] = {}
        """Where each section's first row is in the list."""
        self._reflected: frozenset[int] = frozenset()
        self.nudge: BroadenNudge | None = None
        """The broaden nudge shown under the greeting (b hides it)."""

    def compose(self) -> ComposeResult:
        yield ScreenTabs("inbox")
        with Horizontal(id="greeting-row"):
            yield Static(id="greeting", markup=False)
        yield Static(id="nudge", markup=False)
        box = Input(id="filter", placeholder="Filter by company, role or field · enter keeps it · esc clears")
        box.can_focus = False  # hidden until / shows it
        yield box
        with Horizontal(id="inbox-body"):
            yield LazyList(id="inbox-list")
            with VerticalScroll(id="detail"):
                yield Static(id="detail-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#inbox-list", LazyList).focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        # The runs that reached a milestone, which the first key that logs or undoes a step checks (a walk over
        # every day since the first step: ~1.5 ms on ten years, then remembered while no day gains or loses one).
        views.streak_runs(journal)

    # Building the view

    def refresh_view(self) -> None:
        # Shown again after other screens wrote only steps, wins, reflections or settings (opening the wall
        # marks wins seen): the applications already read still hold, so only today's view is read again.
        if self._applications is not None and self.onward.journal.version_of(APPLICATION_TABLES) == self._applications_version:
            self.refresh_inbox(touched=())
        else:
            self.refresh_inbox()

    def _read_applications(self) -> None:
        """Read what the Inbox shows without a filter: open applications, rejections to reflect on and
        today's (a ten-year journal has thousands closed; those are read by `_read_closed`)."""
        journal, today = self.onward.journal, self.onward.today
        self._applications_version = journal.version_of(APPLICATION_TABLES)
        self._applications = {app.id: app for app in journal.applications.inbox(today, to_reflect_limit=TO_REFLECT_SHOWN)}
        reflected = journal.reflections.reflected_application_ids()
        listed = sum(1 for app in self._applications.values() if app.status is Status.REJECTED and app.id not in reflected)
        # Rejections beyond the newest TO_REFLECT_SHOWN stay in the journal (a filter finds them); until the
        # next full read this app's own writes cannot reach them, so the count stays right.
        self._to_reflect_hidden = max(0, journal.applications.to_reflect_count() - listed)
        self._closed_for = None
        self._live = None

    def _read_closed(self) -> None:
        """While filtering or showing closed ones: the newest CLOSED_SHOWN closed applications that match,
        matched in SQL (a filter key on ten years stays quick), and how many match in all."""
        wanted = (self.query_text, self.show_closed)
        if not (self.query_text or self.show_closed):
            self._closed_apps, self._closed_total, self._closed_for = {}, 0, wanted
        elif self._closed_for != wanted:
            journal = self.onward.journal
            listed, self._closed_total = journal.applications.closed(matching=self.query_text, limit=CLOSED_SHOWN)
            if self.query_text and self._to_reflect_hidden:
                # The filter looks through every rejection waiting for its reflection, not only those listed.
                listed += journal.applications.closed(matching=self.query_text, limit=CLOSED_SHOWN, to_reflect=True)[0]
            self._closed_apps = {app.id: app for app in listed}
            self._closed_for = wanted

    def _read_around(self, application_ids: Iterable[int]) -> set[int]:
        """After a write: read again only the applications it touched; returns their ids."""
        assert self._applications is not None
        ids = set(application_ids)
        found = {app.id: app for app in self.onward.journal.applications.by_id(ids)}
        for application_id in ids:
            self._closed_apps.pop(application_id, None)  # `_applications` holds the fresh copy from now on
            if application_id in found:
                self._applications[application_id] = found[application_id]
            else:
                self._applications.pop(application_id, None)
        now = self.onward.journal.version_of(APPLICATION_TABLES)
        if self._applications_version is not None and now[0] == self._applications_version[0]:
            # No other connection committed since the full read: what this app
            # wrote is what it just read again, so the applications held are current.
            self._applications_version = now
        return ids

    def refresh_after_undo(self, change: Undo) -> None:
        """Redraw what the undo touched, selecting the application it was about (one it brought back shows)."""
        touched = [scope.id for scope, _ in change.guard if isinstance(scope, ApplicationScope)]
        self.refresh_inbox(select_application=touched[0] if len(touched) == 1 else None, touched=touched)

    def refresh_inbox(
        self,
        select_application: int | None = None,
        *,
        reload: bool = True,
        touched: Iterable[int] | None = None,
        working_through: tuple[Section, int] | None = None,
    ) -> None:
        """Redraw, keeping (or moving to) the selected application. `reload=False` reuses what was last read
        (the filter and the closed toggle change only what is shown, so typing in the filter stays quick);
        `touched` reads again only those applications (a write's own) and moves only their rows;
        `working_through` (a section and the place in it the cursor was on): stay in that section when the
        application moved out of it."""
        journal = self.onward.journal
        today = self.onward.today
        current = self.selected_application
        keep = select_application if select_application is not None else (current.id if current else None)
        changed: set[int] = set()
        if touched is not None and self._applications is not None:
            changed = self._read_around(touched)
        elif reload or touched is not None or self._applications is None:
            self._read_applications()
        self._read_closed()
        if reload or touched is not None or self._journal_view is None:
            self._journal_view = (
                journal.steps.every(on=today), journal.wins.every(on=today), journal.reflections.reflected_application_ids(),
                journal.settings(), next_steps_due(journal.reflections.with_a_step_by(today), today),
                views.streak_summary(journal, today), journal.applications.planned_interviews(), views.talk_reminders(journal, today),
                views.broaden_nudges(journal, today), {person.id: person.name for person in journal.steps.people()},
            )
        assert self._applications is not None
        actions, wins, reflected, settings, next_steps, streak, planned, reminders, nudges, people = self._journal_view
        # Today's rows name their application even when it is closed: read those few too.
        named = {r.application_id for r in next_steps} | {w.application_id for w in wins} | {a.application_id for a in actions}
        named |= {event.application_id for event in planned} | {r.reflection.application_id for r in reminders}
        missing = {i for i in named if i is not None and i not in self._applications}
        for app in journal.applications.by_id(missing):
            self._applications[app.id] = app
            changed.add(app.id)
        live = self._live
        asked = journal.steps.feedback_asked()
        if live is None or not live.suits(settings, today, self.query_text, self.show_closed):
            live = self._live = LiveInbox(settings, today, query=self.query_text, show_closed=self.show_closed, feedback_asked=asked)
            live.place({**self._closed_apps, **self._applications}.values(), reflected)
        else:
            # A reflection saved or undone moves its application in or out of To reflect on.
            changed |= (reflected ^ self._reflected) & self._applications.keys()
            live.feedback_asked = asked
            live.remove(changed - self._applications.keys())
            live.place((self._applications[i] for i in changed if i in self._applications), reflected)
        self._reflected = reflected
        hidden = 0 if self.query_text else self._to_reflect_hidden
        interviews = [(event, self._applications[event.application_id]) for event in planned if event.application_id in self._applications]
        self.inbox = live.inbox(
            actions, wins, next_steps=next_steps, streak=streak, more_to_reflect=hidden, interviews=interviews,
            reminders=reminders, people=people,
        )
        self.query_one(StreakBadge).refresh_streak(streak)
        greeting = without_flame(self.inbox.greeting) if self.app.is_web else self.inbox.greeting
        show(self.query_one("#greeting", Static), Content(greeting))
        self._show_nudge(nudges[0] if nudges else None)
        # Built with list-wide operations: the sections hold thousands of rows on a ten-year journal.
        entries: list[tuple[Content, ...] | InboxRow] = []
        heights: list[int] = []
        self.rows = []
        self._starts = {}
        sections = [Section.FOLLOW_UPS_DUE, Section.TO_REFLECT_ON, Section.WAITING, Section.TODAY]
        if self.inbox.section(Section.COMING_UP):
            sections.insert(0, Section.COMING_UP)
        if self.show_closed or self.query_text:
            sections.append(Section.CLOSED)
        for section in sections:
            rows = self.inbox.section(section)
            heading = Content.assemble((section.value, "bold $text-accent"), (f"  {len(rows)}" if rows else "", "$text-muted"))
            notes: list[tuple[Content, ...]] = [(heading,)]
            if not rows:
                empty = "No matches." if self.query_text else EMPTY_SECTION_TEXT.get(section, "")
                notes.append((Content.styled(f"  {empty}", "$text-muted italic"),))
            entries += notes
            heights += [1] * len(notes)
            self.rows += [None] * len(notes)
            self._starts[section] = len(entries)
            entries += rows
            heights += [2] * len(rows)
            self.rows += rows
            more = ""
            if section is Section.CLOSED and self._closed_total > len(rows):
                more = f"  {self._closed_total - len(rows):,} older closed not shown · type in / to narrow"
            elif section is Section.TO_REFLECT_ON and hidden:
                more = f"  {hidden:,} older not shown · type in / to find one"
            if more:
                entries.append((Content.styled(more, "$text-muted italic"),))
                heights.append(1)
                self.rows.append(None)

        def lines(index: int) -> tuple[Content, ...]:
            entry = entries[index]
            return self._row_content(entry) if isinstance(entry, InboxRow) else entry

        cursor = self._index_of(keep)
        if working_through is not None:
            cursor = self._kept_in(*working_through, cursor)
        listing = self.query_one("#inbox-list", LazyList)
        listing.set_entries(heights, [row is not None for row in self.rows], lines, cursor=cursor)
        self._show_detail()
        if touched:
            self.drawn_after_own_change()

    def _kept_in(self, section: Section, place: int, cursor: int | None) -> int | None:
        """Where the cursor goes after a write while working through `section`: the moved application's row
        if it is still there, else the row now at `place` in the section (or just above it)."""
        row = self.rows[cursor] if cursor is not None and cursor < len(self.rows) else None
        if row is not None and row.section is section:
            return cursor
        start = self._starts.get(section)
        if start is None:
            return cursor
        for candidate in (start + place, start + place - 1):
            if 0 <= candidate < len(self.rows):
                near = self.rows[candidate]
                if near is not None and near.section is section:
                    return candidate
        return cursor

    def _show_nudge(self, nudge: BroadenNudge | None) -> None:
        """One kind line under the greeting while a field has had repeated rejections lately."""
        if nudge == self.nudge and self.query_one("#nudge", Static).display == (nudge is not None):
            return  # unchanged: redrawing a line of auto height lays out the whole screen again (~5 ms)
        self.nudge = nudge
        line = self.query_one("#nudge", Static)
        line.display = nudge is not None
        if nudge is not None:
            # The field and gap names are the user's own words: plain Content, never markup.
            line.update(Content.assemble(
                ("↗ ", "$text-accent"), Content(printable(nudge.short)), (" 5 for more · b hide", "$text-muted")
            ))

    @staticmethod
    def _row_content(row: InboxRow) -> tuple[Content, Content]:
        hint_style = "$text-warning" if row.suggests_ghosted else "$text-muted"
        return (
            Content.assemble("  ", Content(printable(row.text))),
            Content.assemble("    ", Content.styled(printable(row.hint), hint_style)),
        )

    def _index_of(self, application_id: int | None) -> int | None:
        """Where the application's first row is (else the first row there is): found by its place in its
        section rather than by walking thousands of rows."""
        if application_id is not None:
            placed = self._live.position(application_id) if self._live is not None else None
            if placed is not None and placed[0] is not Section.CLOSED and placed[0] in self._starts:
                return self._starts[placed[0]] + placed[1]
            start = self._starts.get(Section.TODAY)
            if start is not None:
                for offset, row in enumerate(self.inbox.section(Section.TODAY) if self.inbox else ()):
                    if row.application is not None and row.application.id == application_id:
                        return start + offset
            if placed is not None and placed[0] in self._starts:
                return self._starts[placed[0]] + placed[1]
        return next((index for index, row in enumerate(self.rows) if row is not None), None)

    @property
    def selected_row(self) -> InboxRow | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#inbox-list", LazyList).cursor
        return self.rows[index] if index is not None and index < len(self.rows) else None

    @property
    def selected_application(self) -> Application | None:
        row = self.selected_row
        return row.application if row else None

    @on(LazyList.Highlighted, "#inbox-list")
    def _show_detail(self) -> None:
        detail = self.query_one("#detail-text", Static)
        app = self.selected_application
        if app is None:
            if self.query_text:
                show(detail, Content.styled("Nothing matches the filter. Esc clears it.", "$text-muted"))
            elif self.inbox is not None and not self.inbox.rows:
                show(detail, Content.styled(FIRST_RUN_TEXT, "$text-muted"))
            else:
                show(detail, Content.styled("Select an application to see its timeline.", "$text-muted"))
            return
        show(detail, self._detail_content(app))

    def _detail_content(self, app: Application) -> Content:
        settings = self.onward.journal.settings()
        lines: list[Content] = [
            Content.styled(printable(app.company), "bold"),
            Content(printable(app.role)),
            Content.styled(printable(" · ".join(p for p in (app.status.label, app.field, app.source) if p)), "$text-accent"),
        ]
        if app.url:
            lines.append(Content.styled(printable(app.url), "dim"))
        lines.append(Content(""))
        lines.append(Content.assemble(("Applied  ", "dim"), app.applied_on.isoformat()))
        today = self.onward.today
        # Its story, each outcome on the day it counts on (held: the day it took place; planned or cancelled: the
        # day it was booked, its own day said in words), saying what became of a screening or interview.
        for told in sorted(story_of(app, today).events, key=lambda told: told.counts_on):
            event = told.outcome
            if event is None:
                continue
            label = told.what
            if told.has_a_day:
                label += {
                    Happened.PLANNED: f" · planned for {day_name(told.on, today)}",
                    Happened.UNKNOWN: f" · was {day_name(told.on, today)}, no word yet: h says how it went",
                    Happened.HELD: " · held",
                    Happened.CANCELLED: " · cancelled",
                }[told.happened]
            lines.append(Content.assemble((f"{told.counts_on.isoformat()}  ", "dim"), label))
            if event.note:
                lines.append(Content.assemble("            ", Content.styled(printable(event.note), "italic")))
        if is_follow_up_due(app, settings, self.onward.today):
            lines.append(Content(""))
            lines.append(Content.styled(f"Follow-up due since {follow_up_due_on(app, settings).isoformat()} — u when done.", "$text-warning"))
        if app.status is Status.REJECTED:
            lines.append(Content(""))
            lines.append(Content.styled("Every rejection is one step closer.", "italic $text-success"))
            asked = self.onward.journal.steps.feedback_asked().get(app.id)
            if asked is not None:
                lines.append(Content.styled(f"Asked for feedback {day_name(asked, self.onward.today)} — F adds their reply.", "$text-muted"))
        if app.notes:
            lines.append(Content(""))
            lines.append(Content.styled("Notes", "dim"))
            lines.append(Content(printable(app.notes)))
        return Content("\n").join(lines)

    # Keys

    def _require_application(self) -> Application | None:
        app = self.selected_application
        if app is None:
            self.notify("Select an application first (↑ ↓).", severity="warning")
        return app

    def action_new_application(self) -> None:
        from tui.screens.application_form import ApplicationForm
        form = ApplicationForm(self.onward.today)

        def added(done: Done) -> None:
            if done.id is not None:
                self.refresh_inbox(select_application=done.id, touched=[done.id])
            self.notify(done.message, title="Applied", markup=False)
            if form.is_attached and form is self.app.screen:
                form.dismiss(None)  # the form closes once it is saved (also after "add it again?" got a yes)

        def add(entry: ApplicationEntry) -> bool:
            # `added` closes the form once saved; refused or waiting on "add it again?", it stays open.
            self.onward.act(applications.add_application, entry, after=added)
            return False

        form.submit = add
        self.app.push_screen(form)

    def action_log_rejection(self) -> None:
        app = self._require_application()
        if app is None:
            return
        try:
            applications.check_outcome(self.onward.journal, app.id, OutcomeKind.REJECTED, self.onward.today)
        except Refused as refusal:  # asked before the stage, so nobody picks a stage for nothing
            self.notify(str(refusal), severity="warning", markup=False)
            return
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return

        def picked(stage: Stage | None) -> None:
            if stage is not None:
                self._log(app, OutcomeKind.REJECTED, stage)

        from tui.screens.stage_picker import StagePicker
        self.app.push_screen(StagePicker(app.company, app.furthest_stage), picked)

    # The questions below are pushed at once, in the key's own handler (not awaited from a worker, which runs
    # later): keys typed in the same burst ("s tomorrow Enter") then go into the question, where they went to
    # the Inbox (t opened the timeline) and the outcome was logged for today.

    def action_log(self, kind: str) -> None:
        app = self._require_application()
        if app is None:
            return
        outcome = OutcomeKind(kind)
        if outcome is OutcomeKind.OFFER:
            # An offer is the big one, celebrated and posted to the wall: a stray o should not do that.
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._log(app, outcome)

            self.app.push_screen(ConfirmDialog(f"Log an offer from {excerpt(app.company)}?", "y logs it and celebrates."), confirmed)
            return
        if outcome not in SCHEDULED_KINDS:
            self._log(app, outcome)
            return
        try:  # asked before the day, so nobody gives a day for nothing
            applications.check_outcome(self.onward.journal, app.id, outcome, self.onward.today)
        except NeedsReopen as closed:
            def reopen(yes: bool | None) -> None:
                if yes:
                    self._ask_outcome_day(app, outcome, reopen=True)

            self.app.push_screen(ConfirmDialog(closed.question, closed.hint), reopen)
            return
        except Refused as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self._ask_outcome_day(app, outcome, reopen=False)

    def _ask_outcome_day(self, app: Application, outcome: OutcomeKind, *, reopen: bool) -> None:
        """Ask the day a screening, interview or final round takes place, then log it."""
        def answered(answer: DayAnswer | None) -> None:
            if answer is not None:
                self._log(app, outcome, takes_place_on=answer.day, reopen=reopen)

        question = self.onward.day_question(outcome_day_title(outcome, app.company), OUTCOME_DAY_HINT, optional=True)
        self.app.push_screen(question, answered)

    def _planned_interview(self) -> tuple[OutcomeEvent, Application] | None:
        """The planned screening or interview selected (its row), or the selected application's soonest."""
        row = self.selected_row
        app = self.selected_application
        if row is not None and row.interview is not None and app is not None:
            return row.interview, app
        if app is not None:
            planned = sorted((e for e in app.events if e.is_planned), key=lambda e: (e.takes_place_on, e.id))
            if planned:
                return planned[0], app
        self.notify("Select a planned screening or interview (under Coming up, or Today on its day).", severity="warning", markup=False)
        return None

    def action_how_it_went(self) -> None:
        found = self._planned_interview()
        if found is None:
            return
        event, app = found
        from tui.screens.interview_dialogs import HowDidItGo

        today = self.onward.today
        assert event.takes_place_on is not None

        def chosen(choice: str | None) -> None:
            if choice == "attended":
                self.onward.act(interviews.attended, event.id, today, after=self._interview_settled(app.id))
            elif choice == "cancelled":
                self.onward.act(interviews.cancelled, event.id, after=self._interview_settled(app.id))
            elif choice == "moved":
                self._move_interview(event, app)

        when = day_name(event.takes_place_on, today)
        self.app.push_screen(
            HowDidItGo(f"{event.kind.label.capitalize()} at {app.company}", when, ahead=event.takes_place_on > today), chosen
        )

    def action_interview_moved(self) -> None:
        found = self._planned_interview()
        if found is not None:
            self._move_interview(*found)

    def _move_interview(self, event: OutcomeEvent, app: Application) -> None:
        today = self.onward.today
        assert event.takes_place_on is not None

        def move(answer: DayAnswer) -> bool:
            # Written while the question is up: a day it refuses (one gone by) leaves it open with the day typed.
            assert answer.day is not None  # a day is required here
            return self.onward.act(interviews.moved, event.id, answer.day, today, after=self._interview_settled(app.id)) is not None

        self.app.push_screen(self.onward.day_question(
            f"Which day is the {event.kind.label} at {excerpt(app.company)} now?",
            f"It was {day_name(event.takes_place_on, today)}.", optional=False, submit=move,
        ))

    def action_timeline(self) -> None:
        app = self._require_application()
        if app is None:
            return
        from tui.screens.timeline import TimelineScreen

        def changed(touched: Iterable[int]) -> None:
            # Each change made in the timeline redraws only the applications it touched, so coming back is quick.
            self.refresh_inbox(touched=list(touched))

        self.app.push_screen(TimelineScreen(app.id, changed=changed))

    def _edit_step(self, action: ProactiveAction) -> None:
        from tui.actions import editing
        from tui.screens.fix_dialogs import StepForm

        today = self.onward.today

        def edit(entry: ActionEntry) -> bool:
            done = self.onward.act(editing.edit_action, action.id, kind=entry.kind, on=entry.on, note=entry.note, today=today)
            if done is None:
                return False
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)
            return True

        form = StepForm(action, today)
        form.submit = edit
        self.app.push_screen(form)

    async def _remove_step(self, action: ProactiveAction) -> None:
        from tui.actions import editing
        from tui.domain.changes import Record

        try:
            what = editing.what_goes_with(self.onward.journal, Record.ACTION, action.id)
        except (Refused, JournalError) as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove {what}?", "z undoes it while the app is open.")):
            return
        done = self.onward.act(editing.remove_action, action.id)
        if done is not None:
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)

    @work(exclusive=True, group="question")
    async def action_remove_application(self) -> None:
        row = self.selected_row
        if row is not None and row.action is not None:
            await self._remove_step(row.action)
            return
        app = self._require_application()
        if app is None:
            return
        from tui.actions import editing
        from tui.domain.changes import Record

        try:
            what = editing.what_goes_with(self.onward.journal, Record.APPLICATION, app.id)
        except (Refused, JournalError) as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove {what}?", "z undoes it while the app is open.")):
            return

        def removed(done: Done) -> None:
            self.refresh_inbox(touched=[app.id])
            self.notify(done.message, markup=False)

        self.onward.act(editing.remove_application, app.id, after=removed)

    def action_follow_up_day(self) -> None:
        app = self._require_application()
        if app is None:
            return
        from tui.actions.follow_ups import set_follow_up_day

        today = self.onward.today
        due = follow_up_due_on(app, self.onward.journal.settings())

        def set_day(answer: DayAnswer) -> bool:
            # Written while the question is up: a day it refuses (one gone by) leaves it open with the day typed.
            return self.onward.act(set_follow_up_day, app.id, answer.day, today, after=self._interview_settled(app.id)) is not None

        self.app.push_screen(self.onward.day_question(
            f"When should you follow up with {excerpt(app.company)}?",
            f"{'Due ' + day_name(due, today) if due >= today else 'Overdue since ' + day_name(due, today)}. "
            "Enter without a day goes back to the usual rhythm.", optional=True, submit=set_day,
        ))

    def _interview_settled(self, application_id: int) -> Callable[[Done], None]:
        def settled(done: Done) -> None:
            self.refresh_inbox(select_application=application_id, touched=[application_id])
            self.notify(done.message, markup=False)

        return settled

    def _log(
        self, app: Application, kind: OutcomeKind, stage: Stage | None = None, *, takes_place_on: date | None = None,
        reopen: bool = False,
    ) -> None:
        working_through = self.selected_row.section if self.selected_row else None
        cursor = self.query_one("#inbox-list", LazyList).cursor
        # Its place within its section: a write can add rows above the section (say, to Coming up).
        index = cursor - self._starts[working_through] if cursor is not None and working_through in self._starts else None

        def logged(done: Done) -> None:
            if kind is OutcomeKind.REJECTED:
                # Reflecting is the next step after a rejection (and a second one is refused, so nothing is
                # logged twice): the selection follows it to "To reflect on", where e opens its reflection.
                self.refresh_inbox(select_application=app.id, touched=[app.id])
            else:
                self._refresh_after_outcome(app.id, working_through, index)
            if kind is OutcomeKind.REJECTED:
                self.notify(done.note, title=done.message, timeout=10, markup=False)
            elif done.note:
                self.notify(f"{done.note}\n★ Posted to your wins wall (3).", title=done.message, timeout=8, markup=False)
            else:
                self.notify(done.message, markup=False)

        self.onward.act(
            applications.log_outcome, app.id, kind, self.onward.today, stage=stage, takes_place_on=takes_place_on,
            after=logged, **({"reopen": True} if reopen else {}),  # asked already; else act() asks when needed
        )

    def _refresh_after_outcome(self, application_id: int, section: Section | None, index: int | None) -> None:
        """Redraw; keep the selection in the section being worked through, not on the item that moved away
        (chosen before drawing, so the timeline is drawn once: each draw lays out the screen again)."""
        working_through = (section, index) if section is not None and index is not None else None
        self.refresh_inbox(select_application=application_id, touched=[application_id], working_through=working_through)

    def action_open(self) -> None:
        row = self.selected_row
        if row is not None and row.action is not None:
            self._edit_step(row.action)
            return
        if row is not None and (row.next_step is not None or row.reminder is not None):
            reflection = row.next_step if row.next_step is not None else row.reminder.reflection if row.reminder else None
            from tui.screens.reflection import open_reflection_editor
            open_reflection_editor(self.app, reflection=reflection, application=row.application)
            return
        app = self._require_application()
        if app is None:
            return
        if app.status is Status.REJECTED:
            reflection = self.onward.journal.reflections.latest_of_application(app.id)
            from tui.screens.reflection import open_reflection_editor
            open_reflection_editor(self.app, reflection=reflection, application=app)
            return

        def edit(entry: ApplicationEntry) -> bool:
            done = self.onward.act(applications.edit_application, app.id, entry)
            if done is None:
                return False
            self.refresh_inbox(select_application=app.id, touched=[app.id])
            self.notify(done.message, markup=False)
            return True

        from tui.screens.application_form import ApplicationForm
        form = ApplicationForm(self.onward.today, app)
        form.submit = edit
        self.app.push_screen(form)

    @on(LazyList.Selected, "#inbox-list")
    def _enter_pressed(self) -> None:
        # The list takes Enter itself (as "select"), so it arrives here rather than as a binding.
        self.action_open()

    def action_next_step_done(self) -> None:
        row = self.selected_row
        if row is None or row.next_step is None:
            self.notify("Select a next step in Today first (↑ ↓).", severity="warning")
            return
        done = self.onward.act(steps.finish_next_step, row.next_step.id, self.onward.today)
        if done is not None:
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)

    def action_log_action(self) -> None:
        def log(entry: ActionEntry) -> bool:
            done = self.onward.act(steps.log_action, entry)
            if done is None:
                return False
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)
            return True

        from tui.screens.action_form import ActionForm
        form = ActionForm(self.onward.today)
        form.submit = log
        self.app.push_screen(form)

    def action_add_win(self) -> None:
        def add(entry: WinEntry) -> bool:
            done = self.onward.act(wins.add_win, entry)
            if done is None:
                return False
            self.refresh_inbox(touched=())
            self.notify(f"★ {excerpt(entry.title)}", title="Win added — celebrate it!", markup=False)
            return True

        selected = self.selected_application
        choices = self.onward.journal.applications.choices(self.onward.today, including=[selected.id] if selected else [])
        from tui.screens.win_form import WinForm
        form = WinForm(self.onward.today, choices, application=selected)
        form.submit = add
        self.app.push_screen(form)

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-shown")
        box.can_focus = True
        # At once, not after the keys already typed (Widget.focus waits its turn): "/gx" in one go put g and
        # x into the list, where x marked an application withdrawn.
        self.set_focus(box)

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.has_class("-shown"):
            return
        box.value = ""
        self._hide_filter(box)

    def action_reach_out(self) -> None:
        row = self.selected_row
        name = row.reminder.name if row is not None and row.reminder is not None else ""

        def log(entry: ReachOutEntry) -> bool:
            done = self.onward.act(support.reach_out, entry.name, entry.on, note=entry.note, new_person=entry.new_person)
            if done is None:
                return False
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)
            return True

        from tui.screens.reach_out import ReachOutForm
        form = ReachOutForm(self.onward.today, self.onward.journal.steps.people(), name=name)
        form.submit = log
        self.app.push_screen(form)

    def action_feedback(self) -> None:
        app = self._require_application()
        if app is None:
            return
        if app.id in self.onward.journal.steps.feedback_asked():
            # Asked already: the reply goes into the reflection on this rejection.
            from tui.screens.reflection import open_reflection_editor
            reflection = self.onward.journal.reflections.latest_of_application(app.id)
            open_reflection_editor(self.app, reflection=reflection, application=app, focus="feedback")
            return
        self.onward.act(support.ask_for_feedback, app.id, self.onward.today, after=self._feedback_asked(app.id))

    def _feedback_asked(self, application_id: int) -> Callable[[Done], None]:
        def asked(done: Done) -> None:
            self.refresh_inbox(select_application=application_id, touched=[application_id])
            self.notify(done.note, title=done.message, timeout=8, markup=False)

        return asked

    def action_hide_nudge(self) -> None:
        if self.nudge is None:
            self.notify("There is no nudge to hide right now.")
            return
        done = self.onward.act(support.hide_nudge, self.nudge.field, self.onward.today)
        if done is not None:
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.refresh_inbox(reload=False)
        self.notify("Showing closed applications." if self.show_closed else "Hiding closed applications.")

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refresh_inbox(reload=False)

    @on(Input.Submitted, "#filter")
    def _filter_kept(self) -> None:
        if not self.query_text:
            self._hide_filter(self.query_one("#filter", Input))
        self.query_one("#inbox-list", LazyList).focus()

    def _hide_filter(self, box: Input) -> None:
        box.remove_class("-shown")
        box.can_focus = False
        self.query_one("#inbox-list", LazyList).focus()
