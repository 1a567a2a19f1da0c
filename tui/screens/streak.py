"""Provides screen 4, the streak meter: streak, freezes, resilience score, bounce-back and a year's heatmap."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.domain.runs import FREEZE_EVERY, MAX_FREEZES
from tui.widgets.keybar import KeyBar
from tui.widgets.screen_tabs import ScreenTabs
from tui.actions import steps, views
from tui.domain.models import Settings
from tui.domain.story import step_words
from tui.domain.streak import UNDATED_BOUNCE_BACK, Cell, Meter, TodayState, heatmap_days, points, week_phrase, week_squares
from tui.domain.text import excerpt, plural
from tui.domain.wins import STREAK_MILESTONES
from tui.screens.area import AreaScreen
from tui.screens.rhythm import RhythmDialog, RhythmEntry
from tui.store.repository import WEEKDAY_NAMES
from tui.widgets.heatmap import CELL_GLYPHS, STEP_GLYPHS, Heatmap
from tui.widgets.streak_badge import StreakBadge

TREND_LEVELS = "▁▂▃▄▅▆▇█"


def trend_sparkline(scores: tuple[float, ...]) -> str:
    return "".join(TREND_LEVELS[min(len(TREND_LEVELS) - 1, int(score * len(TREND_LEVELS)))] for score in scores)


if TYPE_CHECKING:
    from tui.store.repository import Journal


class StreakScreen(AreaScreen):
    """The meter. Arrow keys walk the heatmap; t and w change your rhythm; r marks a rest day."""

    CSS_PATH = "streak.tcss"
    AUTO_FOCUS = "#heatmap"
    HELP_TITLE = "Streak"
    HELP_EXTRA = (("← →", "move a week on the heatmap"), ("↑ ↓", "move a day (up to 14 days ahead)"))
    BINDINGS = [
        Binding("r", "toggle_rest", "Rest day", id="streak.rest", tooltip="mark or unmark the selected day as a rest day"),
        Binding("t", "rhythm('target')", "Target", id="streak.target", tooltip="set your target days per week (1–7)"),
        Binding("w", "rhythm('weekdays')", "Rest weekdays", id="streak.weekdays", tooltip="choose your rest weekdays"),
        Binding("z", "app.undo", "Undo", id="streak.undo", tooltip="undo the last change"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.meter: Meter | None = None

    def compose(self) -> ComposeResult:
        yield ScreenTabs("streak")
        with Horizontal(classes="title-row"):
            yield Static(Content.styled("Streak meter", "bold"), classes="title")
        with VerticalScroll(id="meter"):
            yield Static(id="figures")
            yield Heatmap(id="heatmap")
            yield Static(id="legend")
            yield Static(id="day")
            yield Static(id="milestones")
            yield Static(id="rhythm")
        yield KeyBar()

    def on_shown(self) -> None:
        self.query_one(Heatmap).focus()

    @staticmethod
    def read_ahead(journal: Journal, today: date) -> None:
        views.meter(journal, today)  # ~23 ms on ten years (every day's steps, every rejection)

    def refresh_view(self) -> None:
        self.refresh_meter()

    def refresh_meter(self) -> None:
        """Recompute everything from the journal and redraw."""
        journal, today = self.onward.journal, self.onward.today
        self.meter = meter = views.meter(journal, today)
        settings = journal.settings()
        self.query_one("#figures", Static).update(self._figures(meter, self.onward.journal.settings().weekly_target))
        self.query_one(Heatmap).show(heatmap_days(journal.steps.step_counts(), views.rhythm(journal), today), today)
        self.query_one("#legend", Static).update(self._legend())
        self.query_one("#milestones", Static).update(self._milestones(meter.summary.current))
        self.query_one("#rhythm", Static).update(self._rhythm(settings))
        self.query_one(StreakBadge).refresh_streak(meter.summary)
        self._show_day(self.query_one(Heatmap).cursor or today)

    @staticmethod
    def _figures(meter: Meter, target: int) -> Content:
        summary, bounce = meter.summary, meter.bounce
        state_style = "$text-success" if summary.today is TodayState.DONE else "$text-warning"
        freezes = f"{summary.freezes} of {MAX_FREEZES}"
        used = ", ".join(day.strftime("%b %-d") for day in summary.freezes_used)
        lines = [
            Content.assemble(("Current streak  ", "$text-muted"), (plural(summary.current, "day"), "bold"),
                             "   ", (summary.today.value, state_style)),
            Content.assemble(("Longest streak  ", "$text-muted"), plural(summary.longest, "day")),
            Content.assemble(
                ("This week       ", "$text-muted"),
                (week_squares(summary.week_days, target), "$accent"), "  ",
                week_phrase(summary.week_days, target),
            ),
            Content.assemble(("Freezes held    ", "$text-muted"), (freezes, "bold $accent"),
                             (f" · used on {used}" if used else "", "$text-muted")),
            Content.styled(f"                each covers one missed day; one earned per {FREEZE_EVERY} persistent days", "$text-muted"),
            Content.assemble(("Resilience      ", "$text-muted"), (f"{meter.score * 100:.0f}%", "bold"), "  ",
                             (trend_sparkline(meter.score_trend), "$success"),
                             (f"  {points(meter.score_change)} over 30 days", "$text-muted")),
        ]
        if bounce.latest is not None:
            median = f" · usually {bounce.usual:g}" if bounce.usual is not None else ""
            line = Content.assemble(("Bounce-back     ", "$text-muted"),
                                    f"{plural(bounce.latest, 'day')} after the latest rejection{median}")
            lines.append(line)
            if bounce.beats_median:
                lines.append(Content.styled("                You bounced back faster than usual — that's resilience.", "italic $text-success"))
        elif bounce.latest_pending:
            lines.append(Content.assemble(("Bounce-back     ", "$text-muted"),
                                          "one small step today answers the latest rejection"))
        else:
            none = UNDATED_BOUNCE_BACK if bounce.undated else "no rejections yet"
            lines.append(Content.assemble(("Bounce-back     ", "$text-muted"), (none, "$text-muted")))
        return Content("\n").join(lines)

    @staticmethod
    def _legend() -> Content:
        parts: list = [("    ", "")]
        for count, glyph in enumerate(STEP_GLYPHS):
            label = f"{count}+" if count == len(STEP_GLYPHS) - 1 else str(count)
            parts += [(glyph, ""), (f" {label}  ", "$text-muted")]
        parts += [
            (CELL_GLYPHS[Cell.REST], ""), (" rest  ", "$text-muted"),
            (CELL_GLYPHS[Cell.FREEZE], ""), (" freeze  ", "$text-muted"),
            ("today", "underline"), ("   ", "$text-muted"),
            ("← → ↑ ↓ move", "$text-muted"),
        ]
        return Content.assemble(*parts)

    @staticmethod
    def _milestones(current: int) -> Content:
        parts: list = [("Milestones  ", "$text-muted")]
        upcoming = next((m for m in STREAK_MILESTONES if m > current), None)
        for milestone in STREAK_MILESTONES:
            if milestone <= current:
                parts.append((f"{milestone}✓ ", "bold $success"))
            elif milestone == upcoming:
                parts.append((f"{milestone} ({milestone - current} to go) ", "bold"))
            else:
                parts.append((f"{milestone} ", "$text-muted"))
        return Content.assemble(*parts)

    @staticmethod
    def _rhythm(settings: Settings) -> Content:
        rest = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in sorted(settings.rest_weekdays)) or "none"
        return Content.assemble(
            ("Your rhythm  ", "$text-muted"), f"target {settings.weekly_target} days a week", ("  t", "bold $accent"),
            " · rest weekdays ", rest, ("  w", "bold $accent"), " · rest on the selected day", ("  r", "bold $accent"),
        )

    @on(Heatmap.DayChosen)
    def _day_chosen(self, event: Heatmap.DayChosen) -> None:
        self._show_day(event.day)

    def _show_day(self, day: date) -> None:
        journal, today = self.onward.journal, self.onward.today
        actions = journal.steps.every(on=day)
        applications = journal.applications.companies_of(a.application_id for a in actions if a.application_id is not None)
        outcomes = journal.applications.kinds_of(a.event_id for a in actions)  # what was attended: a screening…
        heading = day.strftime("%a %-d %b %Y")
        if day == today:
            heading += " (today)"
        notes = []
        if views.rhythm(journal).is_rest(day):
            notes.append("rest day")
        if self.meter and day in self.meter.summary.freezes_used:
            notes.append("a freeze kept the streak")
        if day > today:
            notes.append("ahead: r plans a rest day")
        lines = [Content.assemble((heading, "bold"), (f"  {' · '.join(notes)}" if notes else "", "$text-muted"))]
        if actions:
            described = []
            for action in actions:
                text = step_words(action, outcomes)
                if action.application_id in applications:
                    text += f" ({excerpt(applications[action.application_id])})"
                elif action.note.strip():
                    text += f" — {excerpt(action.note)}"
                described.append(text)
            lines.append(Content.assemble(f"{plural(len(actions), 'step')}: ", Content("; ".join(described))))
        elif day <= today:
            lines.append(Content.styled("No steps this day.", "$text-muted"))
        self.query_one("#day", Static).update(Content("\n").join(lines))

    # Keys

    def action_toggle_rest(self) -> None:
        day = self.query_one(Heatmap).cursor or self.onward.today
        journal = self.onward.journal
        rest = day not in set(journal.rest_days())
        done = self.onward.act(steps.mark_rest_day, day, rest, self.onward.today)
        if done is None:
            return
        self.refresh_meter()
        self.notify(done.message, markup=False)

    def action_rhythm(self, focus: str) -> None:
        def chosen(entry: RhythmEntry | None) -> None:
            if entry is None:
                return
            done = self.onward.act(steps.change_settings, weekly_target=entry.target, rest_weekdays=entry.rest_weekdays)
            if done is None:
                return
            self.refresh_meter()
            self.notify("Your rhythm is saved.")

        self.app.push_screen(RhythmDialog(self.onward.journal.settings(), focus=focus), chosen)
