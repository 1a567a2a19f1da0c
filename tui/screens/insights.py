"""Provides screen 5, Insights: how the search is going per field and overall — the broaden nudge, the gaps
reflections named as a learning plan (enter logs a learning step for one), the support circle (c reach out,
n add, e edit, delete remove), then the funnel from applied to offer, rejections by stage, answers by
source and weekday, days to a first answer and the last 12 weeks. Every figure comes from tui.domain."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import Done, support, views
from tui.actions.results import in_app_words
from tui.domain.broaden import HIDE_DAYS, BroadenNudge
from tui.domain.insights import Insights, Section, insight_sections, person_line
from tui.domain.learning import Gap, gap_line
from tui.domain.models import Person
from tui.domain.support import PersonEntry, ReachOutEntry
from tui.domain.text import excerpt, printable
from tui.screens.area import AreaScreen
from tui.screens.confirm import ConfirmDialog
from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.widgets.streak_badge import StreakBadge

if TYPE_CHECKING:
    from tui.store.repository import Journal

BARS = r"[█▏▎▍▌▋▊▉■]+"
"""Bars and boxes drawn in the accent colour; the numbers beside them say the same without colour."""

EMPTY_PLAN = "No gaps named yet. When a reflection names a skill to build, it shows here; enter logs learning for it."
EMPTY_CIRCLE = "Nobody here yet. n adds a friend, a mentor or a peer — people to share how it's going with."


class GapList(OptionList):
    """The learning plan: Enter logs a learning step for the highlighted gap (shown on the key bar only here)."""

    BINDINGS = [Binding("enter", "select", "Log learning", tooltip="log a learning step for this gap")]


class PeopleList(OptionList):
    """The support circle: Enter or c reaches out to the highlighted person; e edits, delete removes."""

    BINDINGS = [
        Binding("e", "screen.edit_person", "Edit", tooltip="change this person's name, relation or note"),
        Binding("delete", "screen.remove_person", "Remove", tooltip="take this person out of the circle (asks first)"),
    ]


class InsightsScreen(AreaScreen):
    """The nudge, the learning plan and the support circle (lists that take keys), then every figure as
    labelled text with small bar charts, a section per field (largest first); it scrolls."""

    CSS_PATH = "insights.tcss"
    AUTO_FOCUS = "#insights"
    HELP_TITLE = "Insights"
    HELP_EXTRA = (("↑ ↓ PgUp PgDn", "scroll"), ("tab", "move between the learning plan, the circle and the figures"))

    BINDINGS = [
        Binding("enter", "learned", "Log learning", id="insights.learned", show=False, tooltip="log a learning step for the selected gap (it posts a 'skill learned' win)"),
        Binding("c", "reach_out", "Reach out", id="insights.reach_out", tooltip="log reaching out to the selected person (counts as a step)"),
        Binding("n", "add_person", "Add person", id="insights.add_person", tooltip="add someone to your support circle"),
        Binding("e", "edit_person", "Edit", id="insights.edit_person", show=False, tooltip="change the selected person's name, relation or note"),
        Binding("delete", "remove_person", "Remove", id="insights.remove_person", show=False, tooltip="take the selected person out of the circle (asks first; z undoes)"),
        Binding("b", "hide_nudge", "Hide nudge", id="insights.hide_nudge", show=False, tooltip="hide the broaden nudge for that field for 30 days"),
        Binding("z", "app.undo", "Undo", id="insights.undo", tooltip="undo the last change"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[Gap] = []
        self.people: list[Person] = []
        self.nudges: list[BroadenNudge] = []

    def compose(self) -> ComposeResult:
        yield ScreenTabs("insights")
        with Horizontal(classes="title-row"):
            yield Static(Content.styled("Insights — how your search is going", "bold"), classes="title")
        with VerticalScroll(id="insights"):
            yield Static(id="nudges", classes="section")
            with Vertical(classes="section"):
                yield Static(Content.styled("Learning plan · gaps your reflections named", "bold $text-accent"))
                yield GapList(id="gaps", classes="pick")
            with Vertical(classes="section"):
                yield Static(Content.styled("Support circle", "bold $text-accent"))
                yield PeopleList(id="people", classes="pick")
            yield Vertical(id="figures")
        yield KeyBar()

    def on_shown(self) -> None:
        if not any(widget.has_focus for widget in self.query("#gaps, #people, #insights")):
            self.query_one("#insights", VerticalScroll).focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        # Every application's facts, counted (~55 ms on ten years) into running totals; after that a write
        # changes the totals by what it changed.
        journal.insights.insights(today, journal.steps.step_counts(), journal.settings().weekly_target)

    def refresh_view(self) -> None:
        # Called when the screen is shown and the journal changed since (AreaScreen), not on every visit.
        self.query_one(StreakBadge).refresh_streak()
        self._show_support()
        journal, today = self.onward.journal, self.onward.today
        # Running totals of counts read in SQL, changed per write by what it changed (and recounted whole after
        # another window's write), so the figures are drawn at once: never a stale figure after a write.
        self._show(journal.insights.insights(today, journal.steps.step_counts(), journal.settings().weekly_target))

    def refresh_after_undo(self, change: object) -> None:
        self._show_support()
        super().refresh_after_undo(change)  # type: ignore[arg-type]

    def _show_support(self) -> None:
        """The nudge, the learning plan and the circle: small reads, drawn at once."""
        journal, today = self.onward.journal, self.onward.today
        self.nudges = views.broaden_nudges(journal, today)
        nudge_text = self.query_one("#nudges", Static)
        nudge_text.display = bool(self.nudges)
        if self.nudges:
            lines = [
                Content.assemble(("↗ ", "$text-accent"), Content(printable(nudge.line))) for nudge in self.nudges
            ]
            which = "this" if len(self.nudges) == 1 else "the first"
            lines.append(Content.styled(f"b hides {which} for {HIDE_DAYS} days.", "$text-muted"))
            nudge_text.update(Content("\n").join(lines))
        self.gaps = views.learning_plan(journal)
        self._fill(self.query_one("#gaps", OptionList), [Option(Content(printable(gap_line(gap)))) for gap in self.gaps], EMPTY_PLAN)
        self.people = journal.steps.people()
        self._fill(
            self.query_one("#people", OptionList),
            [Option(self._person_line(person, today)) for person in self.people],
            EMPTY_CIRCLE,
        )

    @staticmethod
    def _person_line(person: Person, today: date) -> Content:
        # Names and notes are the user's own text: shown literally (Content, never markup).
        line = Content(printable(person_line(person, today)))
        if person.note:
            line = Content.assemble(line, Content.styled(f" · {printable(excerpt(person.note, 60))}", "$text-muted"))
        return line

    @staticmethod
    def _fill(options: OptionList, items: list[Option], empty: str) -> None:
        highlighted = options.highlighted
        options.clear_options()
        if items:
            options.add_options(items)
            options.highlighted = min(highlighted or 0, len(items) - 1)
        else:
            options.add_option(Option(Content.styled(empty, "$text-muted italic"), disabled=True))

    def _show(self, insights: Insights) -> None:
        figures = self.query_one("#figures", Vertical)
        with self.app.batch_update():
            figures.remove_children()
            figures.mount_all(Static(self._section(section), classes="section") for section in insight_sections(insights))

    @staticmethod
    def _section(section: Section) -> Content:
        # Field and source names are the user's own text: shown literally (Content, never markup).
        lines = Content("\n").join(Content(line).highlight_regex(BARS, style="$accent") for line in section.lines)
        return Content.assemble(Content.styled(section.title, "bold $text-accent"), "\n", lines)

    # Keys

    def _chosen(self, list_id: str, items: list) -> object | None:
        options = self.query_one(list_id, OptionList)
        if not options.has_focus or not items or options.highlighted is None:
            return None
        return items[options.highlighted]

    def _selected_person(self) -> Person | None:
        person = self._chosen("#people", self.people)
        return person if isinstance(person, Person) else None

    def _after(self, done: Done) -> None:
        # Its own write (a gap's learning, reaching out, the circle) changes its figures too (this week's days,
        # steps per weekday): all of it drawn again, from the running totals, and not again on the next visit.
        self.refresh_view()
        self.drawn_after_own_change()
        self.notify(done.message, markup=False)

    @on(OptionList.OptionSelected, "#gaps")
    def _gap_selected(self) -> None:
        self.action_learned()

    @on(OptionList.OptionSelected, "#people")
    def _person_selected(self) -> None:
        self.action_reach_out()

    def action_learned(self) -> None:
        gap = self._chosen("#gaps", self.gaps)
        if not isinstance(gap, Gap):
            self.notify("Select a gap in the learning plan first (tab, then ↑ ↓).", severity="warning")
            return
        done = self.onward.act(support.log_learning, [gap.tag], self.onward.today)
        if done is not None:
            self._after(done)

    def action_reach_out(self) -> None:
        person = self._selected_person()

        def log(entry: ReachOutEntry) -> bool:
            done = self.onward.act(support.reach_out, entry.name, entry.on, note=entry.note, new_person=entry.new_person)
            if done is None:
                return False
            self._after(done)
            return True

        from tui.screens.reach_out import ReachOutForm
        form = ReachOutForm(self.onward.today, self.people, name=person.name if person else "")
        form.submit = log
        self.app.push_screen(form)

    def action_add_person(self) -> None:
        self._person_form(None)

    def action_edit_person(self) -> None:
        person = self._selected_person()
        if person is None:
            self.notify("Select someone in the support circle first (tab, then ↑ ↓).", severity="warning")
            return
        self._person_form(person)

    def _person_form(self, person: Person | None) -> None:
        from tui.actions import Refused
        from tui.actions.undo import AsOpened, open_for_editing
        from tui.domain.changes import Record

        opened: AsOpened | None = None
        if person is not None:
            try:  # as they are now: the circle shown may predate a change made elsewhere
                opened, person = open_for_editing(self.onward.journal, Record.PERSON, person.id, self.onward.journal.steps.person)
            except Refused as gone:
                self.notify(in_app_words(gone), severity="warning", markup=False)
                return

        def save(entry: PersonEntry) -> bool:
            done = (
                self.onward.act(support.add_person, entry) if person is None
                else self.onward.act(support.edit_person, person.id, entry, opened=opened)
            )
            if done is None:
                return False
            self._after(done)
            return True

        from tui.screens.person_form import PersonForm
        form = PersonForm(person)
        form.submit = save
        self.app.push_screen(form)

    @work(exclusive=True, group="question")
    async def action_remove_person(self) -> None:
        person = self._selected_person()
        if person is None:
            self.notify("Select someone in the support circle first (tab, then ↑ ↓).", severity="warning")
            return
        question = ConfirmDialog(
            f"Take {excerpt(person.name)} out of your support circle?",
            "The times you reached out to them still count. z undoes it while the app is open.",
            writes=True,
        )
        if await self.app.push_screen_wait(question):
            done = self.onward.act(support.remove_person, person.id)
            if done is not None:
                self._after(done)

    def action_hide_nudge(self) -> None:
        if not self.nudges:
            self.notify("There is no nudge to hide right now.")
            return
        done = self.onward.act(support.hide_nudge, self.nudges[0].field, self.onward.today)
        if done is not None:
            self._after(done)
