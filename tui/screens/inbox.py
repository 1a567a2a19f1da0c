"""Provides the Inbox: the morning view of what needs attention, with one key per outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.widgets.shown import show
from tui.actions import applications, Done, Refused, steps, support, views, wins
from tui.actions.results import in_app_words
from tui.actions.inbox_view import InboxData, InboxReader
from tui.actions.undo import open_for_editing
from tui.domain.entries import ApplicationEntry
from tui.domain.inbox import Inbox, InboxRow, Section, what_the_row_is
from tui.domain.streak import without_flame
from tui.domain.changes import ApplicationScope, Record, Undo
from tui.domain.models import SCHEDULED_KINDS, Application, OutcomeEvent, OutcomeKind, ProactiveAction, Stage, Status
from tui.domain.text import excerpt
from tui.store.database import JournalError
from tui.screens.closed_question import check_then_ask, confirm_offer
from tui.screens.confirm import ConfirmDialog
from tui.screens.area import AreaScreen
from tui.widgets.application_detail import application_detail
from tui.widgets.detail_panel import DetailPanel
from tui.widgets.inbox_list import InboxList
from tui.widgets.lazy_list import LazyList
from tui.widgets.nudge_line import NudgeLine
from tui.widgets.streak_badge import StreakBadge

if TYPE_CHECKING:
    from tui.screens.interview_dialogs import DayAnswer
    from tui.store.repository import Journal
    from tui.widgets.forms import Dialog

Entry = TypeVar("Entry")

# The dialogs the Inbox opens (forms, the reflection editor, the stage picker) are imported where they open:
# with the Textual widgets they use (Select, TextArea, checkboxes) they cost ~20 ms before the first paint.

OUTCOME_DAY_HINT = "A day ahead puts it under Coming up; h afterwards says how it went. Enter without a day: it happened today."
"""What the question after s, i and f says under its title."""


def outcome_day_title(outcome: OutcomeKind, company: str) -> str:
    """The question after s, i and f: "When is the interview at Acme?"."""
    return f"When is the {outcome.label} at {excerpt(company)}?"


FIRST_RUN_TEXT = (
    "Your journal is ready.\n\n"
    "n  add an application you sent\n"
    "a  log a step: networking, learning, a career fair…\n"
    "w  note a small win\n\n"
    "Each morning, log what happened with one key. "
    "Rejections never break your momentum: every one is a step closer.\n\n"
    "?  every key"
)

HISTORY_ONLY_TEXT = (
    "Nothing here needs you now: every application is closed or settled history (an import settles what it "
    "would only nag about), each record kept.\n\n"
    "C  shows them\n"
    "n  add an application you sent\n"
    "a  log a step: networking, learning, a career fair…\n\n"
    "?  every key"
)


def empty_inbox_text(journal: Journal) -> Content:
    """What the detail pane says when the Inbox lists nothing: the welcome for a new journal; for one that
    holds applications (all closed or settled, as after importing old history) not "Your journal is ready"."""
    return Content.styled(HISTORY_ONLY_TEXT if journal.applications.count() else FIRST_RUN_TEXT, "$text-muted")


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
        Binding("C", "toggle_closed", Section.CLOSED.value, id="inbox.closed", tooltip="show or hide closed and settled applications", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="inbox.clear_filter", tooltip="clear the filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = False
        self.query_text = ""
        self.reader = InboxReader()
        """Reads what the Inbox shows, then after a write only what it touched."""
        self.data: InboxData | None = None
        """What the Inbox shows, as last read."""

    def compose(self) -> ComposeResult:
        yield ScreenTabs("inbox")
        with Horizontal(id="greeting-row"):
            yield Static(id="greeting", markup=False)
        yield NudgeLine(id="nudge")
        box = Input(id="filter", placeholder="Filter by company, role or field · enter keeps it · esc clears")
        box.can_focus = False  # hidden until / shows it
        yield box
        with Horizontal(id="inbox-body"):
            yield InboxList(id="inbox-list")
            yield DetailPanel(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(InboxList).focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        # The runs that reached a milestone, which the first key that logs or undoes a step checks (a walk over
        # every day since the first step: ~1.5 ms on ten years, then remembered while no day gains or loses one).
        views.streak_runs(journal)

    # Drawing

    @property
    def inbox(self) -> Inbox | None:
        return self.data.inbox if self.data is not None else None

    @property
    def rows(self) -> list[InboxRow | None]:
        """What each entry of the list is about (None: a heading or a note)."""
        return self.query_one(InboxList).rows

    def refresh_view(self) -> None:
        # Shown again after other screens wrote only steps, wins, reflections or settings (opening the wall
        # marks wins seen): the applications already read still hold, so only today's view is read again.
        if self.reader.holds_current(self.onward.journal):
            self.refresh_inbox(touched=())
        else:
            self.refresh_inbox()

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
        (the filter and the closed toggle change only what is shown); `touched` reads again only those
        applications (a write's own); `working_through` (a section and the place in it the cursor was on):
        stay in that section when the application moved out of it."""
        current = self.selected_application
        keep = select_application if select_application is not None else (current.id if current else None)
        touched = list(touched) if touched is not None else None
        data = self.data = self.reader.read(
            self.onward.journal, self.onward.today, query=self.query_text, show_closed=self.show_closed,
            reload=reload, touched=touched,
        )
        self.query_one(StreakBadge).refresh_streak(data.streak)
        greeting = without_flame(data.inbox.greeting) if self.app.is_web else data.inbox.greeting
        show(self.query_one("#greeting", Static), Content(greeting))
        self.query_one(NudgeLine).show_nudge(data.nudge)
        self.query_one(InboxList).show_inbox(data, self.reader.position, keep, working_through)
        self._show_detail()
        if touched:
            self.drawn_after_own_change()

    @property
    def selected_row(self) -> InboxRow | None:
        return self.query_one(InboxList).selected_row if self.is_mounted else None

    @property
    def selected_application(self) -> Application | None:
        row = self.selected_row
        return row.application if row else None

    @on(LazyList.Highlighted, "#inbox-list")
    def _show_detail(self) -> None:
        detail = self.query_one(DetailPanel)
        app = self.selected_application
        if app is not None and self.data is not None:
            reflected = app.id in self.data.reflected
            # The day of a rejection's reflection (e opens it): one read, for a reflected rejection selected.
            try:
                reflection = self.onward.journal.reflections.latest_of_application(app.id) if reflected and app.status is Status.REJECTED else None
            except JournalError:
                reflection = None  # unreadable just now: the panel says the rest, a key that writes says why
            detail.show(application_detail(
                app, self.data.settings, self.data.feedback_asked, self.onward.today, reflected=reflected,
                drafted=app.id in self.data.drafted, reflected_on=reflection.on if reflection is not None else None,
            ), app.id)
        elif self.query_text:
            detail.show(Content.styled("Nothing matches the filter. Esc clears it.", "$text-muted"))
        elif self.inbox is not None and not self.inbox.rows:
            detail.show(empty_inbox_text(self.onward.journal))
        else:
            detail.show(Content.styled("Select an application to see its timeline.", "$text-muted"))

    # Keys

    def _require_application(self) -> Application | None:
        row = self.selected_row
        app = row.application if row is not None else None
        if app is None:
            # A row of no application (a win, a step) says what it is and what can be done with it.
            self.notify(what_the_row_is(row) if row is not None else "Select an application first (↑ ↓).", severity="warning", markup=False)
        return app

    def _open_form(
        self, form: Dialog[Entry], write: Callable[[Entry], Done | None], *, application_id: int | None = None,
        said: Callable[[Entry], tuple[str, str]] | None = None,
    ) -> None:
        """Open `form`; each entry submitted is written by `write`: refused (None), the form stays open with
        what was typed; written, the Inbox redraws what it touched and says so (`said`: a message and title)."""
        def submit(entry: Entry) -> bool:
            done = write(entry)
            if done is None:
                return False
            self.refresh_inbox(select_application=application_id, touched=[application_id] if application_id else ())
            message, title = said(entry) if said is not None else (done.message, "")
            self.notify(message, title=title, markup=False)
            return True

        form.submit = submit
        self.app.push_screen(form)

    def _redraw_after(self, application_id: int, *, with_note: bool = False) -> Callable[[Done], None]:
        """What to do once a write about this application is done: redraw it, selected, and say so."""
        def done_with(done: Done) -> None:
            self.refresh_inbox(select_application=application_id, touched=[application_id])
            if with_note:
                self.notify(done.note, title=done.message, timeout=8, markup=False)
            else:
                self.notify(done.message, markup=False)

        return done_with

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
            self.onward.act(applications.add_application, entry, today=self.onward.today, after=added)
            return False

        form.submit = add
        self.app.push_screen(form)

    def action_log_rejection(self) -> None:
        app = self._require_application()
        if app is None:
            return

        def ask_stage(reopen: bool) -> None:
            def picked(stage: Stage | None) -> None:
                if stage is not None:
                    self._log(app, OutcomeKind.REJECTED, stage, reopen=reopen)

            from tui.screens.stage_picker import StagePicker
            self.app.push_screen(StagePicker(app.company, app.stage_reached_if_closed_on(self.onward.today)), picked)

        check_then_ask(self.onward, app.id, OutcomeKind.REJECTED, ask_stage)

    # The questions below are pushed at once, in the key's own handler (not awaited from a worker, which runs
    # later): keys typed in the same burst ("s tomorrow Enter") then go into the question, where they went to
    # the Inbox (t opened the timeline) and the outcome was logged for today.

    def action_log(self, kind: str) -> None:
        app = self._require_application()
        if app is None:
            return
        outcome = OutcomeKind(kind)
        if outcome is OutcomeKind.OFFER:
            # Checked first, as every outcome key is: one already at offer is refused at once, not after a yes.
            def ask_offer(reopen: bool) -> None:
                confirm_offer(self.onward, app.company, reopen, lambda: self._log(app, outcome, reopen=reopen))

            check_then_ask(self.onward, app.id, outcome, ask_offer)
            return
        if outcome not in SCHEDULED_KINDS:
            self._log(app, outcome)
            return
        check_then_ask(self.onward, app.id, outcome, lambda reopen: self._ask_outcome_day(app, outcome, reopen=reopen))

    def _ask_outcome_day(self, app: Application, outcome: OutcomeKind, *, reopen: bool) -> None:
        """Ask the day a screening, interview or final round takes place, then log it."""
        def log(answer: DayAnswer) -> bool:
            # Written while the question is up: a day it refuses (one before applying) leaves it open with the day typed.
            return self._log(app, outcome, takes_place_on=answer.day, reopen=reopen) is not None

        question = self.onward.day_question(outcome_day_title(outcome, app.company), OUTCOME_DAY_HINT, optional=True, submit=log)
        self.app.push_screen(question)

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
        if found is not None:
            from tui.screens.interview_dialogs import ask_how_it_went
            ask_how_it_went(self.onward, *found, after=self._redraw_after(found[1].id))

    def action_interview_moved(self) -> None:
        found = self._planned_interview()
        if found is not None:
            from tui.screens.interview_dialogs import ask_new_day
            ask_new_day(self.onward, *found, after=self._redraw_after(found[1].id))

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
        try:
            opened, action = open_for_editing(self.onward.journal, Record.ACTION, action.id, self.onward.journal.steps.get)
        except Refused as gone:
            self.notify(in_app_words(gone), severity="warning", markup=False)
            return
        self._open_form(StepForm(action, today), lambda entry: self.onward.act(
            editing.edit_action, action.id, kind=entry.kind, on=entry.on, note=entry.note, today=today, opened=opened,
        ))

    @work(exclusive=True, group="question")
    async def action_remove_application(self) -> None:
        """Remove today's step selected, or the application selected and everything tied to it (asked first)."""
        from tui.actions import editing
        from tui.actions.as_asked import as_asked
        from tui.screens.timeline import AGAIN_TO_REMOVE
        from tui.domain.changes import Record

        row = self.selected_row
        if row is not None and row.action is not None:
            record, record_id, touched = Record.ACTION, row.action.id, []
        else:
            app = self._require_application()
            if app is None:
                return
            record, record_id, touched = Record.APPLICATION, app.id, [app.id]
        try:
            what = editing.what_goes_with(self.onward.journal, record, record_id)
            asked = as_asked(self.onward.journal, record, record_id, AGAIN_TO_REMOVE)
        except (Refused, JournalError) as error:
            self.notify(in_app_words(error), severity="warning", markup=False)
            return
        if not await self.app.push_screen_wait(ConfirmDialog(f"Remove {what}?", "z undoes it while the app is open.", writes=True)):
            return

        def removed(done: Done) -> None:
            self.refresh_inbox(touched=touched)
            self.notify(done.message, markup=False)

        self.onward.act(editing.remove, record, record_id, asked=asked, after=removed)

    def action_follow_up_day(self) -> None:
        app = self._require_application()
        if app is not None and self.data is not None:
            from tui.screens.interview_dialogs import ask_follow_up_day
            ask_follow_up_day(self.onward, app, self.data.settings, after=self._redraw_after(app.id))

    def _log(
        self, app: Application, kind: OutcomeKind, stage: Stage | None = None, *, takes_place_on: date | None = None,
        reopen: bool = False,
    ) -> Done | None:
        # Its place within its section: a write can add rows above the section (say, to Coming up).
        working_through = self.query_one(InboxList).place_in_section()

        def logged(done: Done) -> None:
            if kind is OutcomeKind.REJECTED:
                # Reflecting is the next step after a rejection (and a second one is refused, so nothing is
                # logged twice): the selection follows it to "To reflect on", where e opens its reflection.
                self.refresh_inbox(select_application=app.id, touched=[app.id])
            else:
                # Keep the selection in the section being worked through, not on the item that moved away
                # (chosen before drawing, so the timeline is drawn once: each draw lays out the screen again).
                self.refresh_inbox(select_application=app.id, touched=[app.id], working_through=working_through)
            if kind is OutcomeKind.REJECTED:
                self.notify(done.note, title=done.message, timeout=10, markup=False)
            elif done.note:
                self.notify(f"{done.note}\n★ Posted to your wins wall: press 3 to see it.", title=done.message, timeout=8, markup=False)
            else:
                self.notify(done.message, markup=False)

        return self.onward.act(
            applications.log_outcome, app.id, kind, self.onward.today, stage=stage, takes_place_on=takes_place_on,
            after=logged, **({"reopen": True} if reopen else {}),  # asked already; else act() asks when needed
        )

    def action_open(self) -> None:
        row = self.selected_row
        if row is not None and row.action is not None:
            self._edit_step(row.action)
            return
        from tui.screens.reflection import open_reflection_editor

        if row is not None and (row.next_step is not None or row.reminder is not None):
            reflection = row.next_step if row.next_step is not None else row.reminder.reflection if row.reminder else None
            open_reflection_editor(self.app, reflection=reflection, application=row.application)
            return
        app = self._require_application()
        if app is None:
            return
        if app.status is Status.REJECTED:
            open_reflection_editor(self.app, reflection=self.onward.journal.reflections.latest_of_application(app.id), application=app)
            return
        from tui.screens.application_form import ApplicationForm

        try:
            opened, now = open_for_editing(self.onward.journal, Record.APPLICATION, app.id, self.onward.journal.applications.get)
        except Refused as gone:
            self.notify(in_app_words(gone), severity="warning", markup=False)
            return
        self._open_form(
            ApplicationForm(self.onward.today, now),
            lambda entry: self.onward.act(applications.edit_application, now.id, entry, opened=opened),
            application_id=now.id,
        )

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
        from tui.screens.action_form import ActionForm
        app = self.selected_application  # a follow-up logged here is its follow-up, as u logs it
        chosen = app.id if app is not None else None
        self._open_form(
            ActionForm(self.onward.today, app), lambda entry: self.onward.act(steps.log_action, entry, application_id=chosen),
            application_id=chosen,
        )

    def action_add_win(self) -> None:
        selected = self.selected_application
        choices = self.onward.journal.applications.choices(self.onward.today, including=[selected.id] if selected else [])
        from tui.screens.win_form import WinForm
        self._open_form(
            WinForm(self.onward.today, choices, application=selected), lambda entry: self.onward.act(wins.add_win, entry),
            said=lambda entry: (f"★ {excerpt(entry.title)}", "Win added — celebrate it!"),
        )

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
        box.remove_class("-shown")
        box.can_focus = False
        self.query_one(InboxList).focus()

    def action_reach_out(self) -> None:
        row = self.selected_row
        name = row.reminder.name if row is not None and row.reminder is not None else ""

        from tui.screens.reach_out import ReachOutForm
        self._open_form(
            ReachOutForm(self.onward.today, self.onward.journal.steps.people(), name=name),
            lambda entry: self.onward.act(support.reach_out, entry.name, entry.on, note=entry.note, new_person=entry.new_person),
        )

    def action_feedback(self) -> None:
        app = self._require_application()
        if app is None:
            return
        if self.data is not None and app.id in self.data.feedback_asked:
            # Asked already: the reply goes into the reflection on this rejection.
            from tui.screens.reflection import open_reflection_editor
            reflection = self.onward.journal.reflections.latest_of_application(app.id)
            open_reflection_editor(self.app, reflection=reflection, application=app, focus="feedback")
            return
        self.onward.act(support.ask_for_feedback, app.id, self.onward.today, after=self._redraw_after(app.id, with_note=True))

    def action_hide_nudge(self) -> None:
        nudge = self.data.nudge if self.data is not None else None
        if nudge is None:
            self.notify("There is no nudge to hide right now.")
            return
        done = self.onward.act(support.hide_nudge, nudge.field, self.onward.today)
        if done is not None:
            self.refresh_inbox(touched=())
            self.notify(done.message, markup=False)

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.refresh_inbox(reload=False)
        self.notify(f"{'Showing' if self.show_closed else 'Hiding'} {Section.CLOSED.value.lower()} applications.")

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refresh_inbox(reload=False)

    @on(Input.Submitted, "#filter")
    def _filter_kept(self) -> None:
        if not self.query_text:
            self.action_clear_filter()  # nothing kept: the field goes
        self.query_one(InboxList).focus()
