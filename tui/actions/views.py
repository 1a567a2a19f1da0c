"""Provides the views Onward derives from the journal's rows: the streak meter and summary, the runs that reached
a milestone, the broaden nudges, the learning plan and the talk reminders. Rows come from the store, every
decision from the domain; each view is remembered by the journal's read cache (tui/store/remembered.py says
what each depends on) so a key that changed none of it works none of it out again."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tui.domain.broaden import NUDGE_REJECTIONS, BroadenNudge, broaden_nudges as nudges_due, field_key, nudge_window_start
from tui.domain.learning import Gap, gaps_worked_on, learning_plan as plan_of
from tui.domain.streak import Meter, Rhythm, StreakSummary, build_meter, streak_runs as runs_of, streak_summary as summary_of
from tui.domain.support import REMIND_DAYS, TalkReminder, talk_reminders as reminders_of
from tui.domain.wins import StreakRun

if TYPE_CHECKING:
    from tui.store.repository import Journal

RATES_OVER_DAYS = 365
"""The broaden nudge compares fields, and names the gaps, over this many days of applications and reflections."""


def rhythm(journal: Journal) -> Rhythm:
    """Rest weekdays from the settings and the single rest days marked."""
    return Rhythm(journal.settings().rest_weekdays, frozenset(journal.rest_days()))


def meter(journal: Journal, today: date) -> Meter:
    """The streak meter as of `today`."""
    # Every figure on it depends on which days have a step, not on how many (~25 ms on ten years, and
    # a follow-up or a screening before visiting the meter no longer sets it off).
    return journal.remembered.remember("meter", lambda: build_meter(
        journal.steps.held_step_counts(), rhythm(journal), journal.settings().weekly_target,
        journal.applications.rejection_dates(), today,
    ), arg=today)


def streak_summary(journal: Journal, today: date) -> StreakSummary:
    """Where the streak stands today (without the score and bounce-back the meter adds)."""
    return journal.remembered.remember(
        "streak_summary", lambda: summary_of(journal.steps.held_step_counts(), rhythm(journal), today), arg=today
    )


def streak_runs(journal: Journal) -> list[StreakRun]:
    """Runs of persistent days that reached a milestone, for streak-milestone wins."""
    return journal.remembered.remember("streak_runs", lambda: runs_of(journal.steps.held_step_counts(), rhythm(journal)))


def learning_plan(journal: Journal) -> list[Gap]:
    """Every gap tag the reflections named, with how often and its latest learning step."""
    return list(journal.remembered.remember(
        "learning_plan", lambda: plan_of(journal.reflections.gap_mentions(), journal.steps.learning_steps())
    ))


def talk_reminders(journal: Journal, today: date) -> list[TalkReminder]:
    """Reflections of the last weeks that said whom to talk to, with no contact logged since."""
    since = today - timedelta(days=REMIND_DAYS)
    return list(journal.remembered.remember(
        "talk_reminders",
        lambda: reminders_of(journal.reflections.naming_someone_since(since), journal.steps.people(), today),
        arg=today,
    ))


def broaden_nudges(journal: Journal, today: date) -> list[BroadenNudge]:
    """The broaden nudges due today (fields with repeated rejections lately, not hidden)."""

    def work_out() -> list[BroadenNudge]:
        recent = journal.applications.rejections_since(nudge_window_start(today))
        counts = Counter(key for key in (field_key(field) for field, _ in recent) if key)
        if not counts or max(counts.values()) < NUDGE_REJECTIONS:
            return []  # the usual morning: no need to read every field's answers
        # How each field has gone over the last year (what the user does now, not ten years ago): ~1,000
        # applications on a long journal. Each part is remembered on its own: a screening logged or undone
        # reads the rates again, not the gaps.
        year_ago = today - timedelta(days=RATES_OVER_DAYS)
        rates = journal.applications.field_rates(year_ago)
        gaps, last_named = journal.reflections.gaps_by_field(year_ago)
        # A gap a learning step has worked on since it was last named is in hand: the nudge names the others.
        worked_on = gaps_worked_on(last_named, journal.steps.learning_steps())
        return nudges_due(recent, rates, gaps, dict(journal.settings().hidden_nudges), today, worked_on)

    # Remembered across follow-ups, notes, interview days and steps other than learning (most keys): on ten
    # years reading it again took ~2 ms of every key.
    return list(journal.remembered.remember("broaden_nudges", work_out, arg=today))
