"""Provides the actions on the user's rhythm: log a proactive step, finish a next step, rest days, settings."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tui.actions.automatic_wins import refresh_automatic_wins
from tui.actions.results import Done, Refused, found
from tui.actions.undo import record_undo
from tui.domain.changes import (
    Delete,
    Record,
    RecordScope,
    Restore,
    RestDayScope,
    SetRestDay,
    SetSetting,
    SettingScope,
    Step,
)
from tui.domain.entries import ActionEntry
from tui.domain.models import HAND_LOGGED_KINDS, ActionKind
from tui.domain.story import step_noun
from tui.domain.text import excerpt
from tui.store.repository import WEEKDAY_NAMES, Journal

def logged_by_themselves(kind: ActionKind, journal_path: Path) -> str | None:
    """Why a step of `kind` is not logged by hand, and where to log it instead (a command suggested acts on
    the journal at `journal_path`); None for a kind that is."""
    if kind is ActionKind.APPLIED:
        from tui.paths import onward_command

        return f"An application is logged with its own details: n in the Inbox, or `{onward_command(journal_path, 'add', 'COMPANY', 'ROLE')}`."
    if kind is ActionKind.REFLECTION:
        return "A reflection records its step when you save it: e on a rejection, or 2 for reflections."
    return None


USER_ACTION_KINDS = HAND_LOGGED_KINDS
"""The kinds of proactive step a person logs by hand, in the app and on the command line."""


def log_action(journal: Journal, entry: ActionEntry, *, application_id: int | None = None) -> Done:
    """Store a proactive step the user took. A follow-up with an application (`application_id`: the one selected)
    is that application's follow-up, logged as `u` logs it: its due follow-up is answered and it is named
    wherever the follow-up is listed; without one it is a general follow-up."""
    elsewhere = logged_by_themselves(entry.kind, journal.path)
    if elsewhere:
        raise Refused(elsewhere)
    if entry.kind is ActionKind.FOLLOWED_UP and application_id is not None:
        from tui.actions.applications import log_outcome
        from tui.domain.models import OutcomeKind

        return log_outcome(journal, application_id, OutcomeKind.FOLLOWED_UP, entry.on, note=entry.note)
    with journal.transaction():
        action_id = journal.steps.insert_action(entry.on, entry.kind, note=entry.note)
        assert action_id is not None  # only reflection steps can be ignored as repeats
        wins = refresh_automatic_wins(journal, streak=True)
        change = record_undo(
            journal, f"logged {step_noun(entry.kind)}", [Delete(Record.ACTION, action_id), *wins],
            [RecordScope(Record.ACTION, action_id)],
        )
    what = GENERAL_FOLLOW_UP if entry.kind is ActionKind.FOLLOWED_UP else step_noun(entry.kind)
    return Done(f"Logged {what} on {entry.on.isoformat()}. Every step counts.", change, action_id)


GENERAL_FOLLOW_UP = "a general follow-up (on no application)"
"""A follow-up logged with no application chosen, as its message names it (the report says so too)."""


def finish_next_step(journal: Journal, reflection_id: int, today: date) -> Done:
    """Mark a reflection's next step done today; it counts as a proactive step."""
    with journal.transaction():
        reflection = found(journal.reflections.get, reflection_id)
        if not reflection.next_step:
            raise Refused("That reflection has no next step to finish.")
        if reflection.next_step_done_on is not None:
            raise Refused(f"“{excerpt(reflection.next_step)}” is already done ({reflection.next_step_done_on.isoformat()}).")
        journal.reflections.set_next_step_done(reflection_id, today)
        action_id = journal.steps.insert_action(
            today, ActionKind.OTHER, note=reflection.next_step, reflection_id=reflection_id, automatic=True
        )
        steps: list[Step] = [Restore(Record.REFLECTION, reflection_id, (("next_step_done_on", None),))]
        if action_id is not None:
            steps.append(Delete(Record.ACTION, action_id))
        steps += refresh_automatic_wins(journal, streak=True)
        change = record_undo(
            journal, f"marked “{excerpt(reflection.next_step)}” done", steps, [RecordScope(Record.REFLECTION, reflection_id)]
        )
    return Done(f"Done: {excerpt(reflection.next_step)}. That's a step forward.", change, reflection_id)


def mark_rest_day(journal: Journal, day: date, rest: bool, today: date) -> Done:
    """Mark (or unmark) one day as a rest day: any past day, today, or up to 14 days ahead."""
    from tui.domain.streak import PLAN_AHEAD_DAYS  # the streak's rules load only here: not for `onward add`

    if day > today + timedelta(days=PLAN_AHEAD_DAYS):
        raise Refused(f"{day.isoformat()} is too far ahead; plan rest days up to {PLAN_AHEAD_DAYS} days ahead.")
    with journal.transaction():
        was = journal.is_rest_day(day)
        if was == rest:
            state = "already a rest day" if rest else "not a rest day"
            raise Refused(f"{day.isoformat()} is {state}; nothing changed.")
        journal.put_rest_day(day, rest)
        wins = refresh_automatic_wins(journal, streak=True)
        verb = "marked" if rest else "unmarked"
        change = record_undo(
            journal, f"{verb} {day.isoformat()} as a rest day", [SetRestDay(day, was), *wins], [RestDayScope(day)]
        )
    return Done(f"{verb.capitalize()} {day.isoformat()} as a rest day.", change)


REMINDER_DAYS = range(1, 366)
"""Follow-up and ghosted thresholds people may choose, in days."""


MAX_FOLLOW_UPS = 10


def change_settings(
    journal: Journal,
    *,
    weekly_target: int | None = None,
    rest_weekdays: frozenset[int] | None = None,
    follow_up_after_days: int | None = None,
    ghosted_after_days: int | None = None,
    follow_ups: int | None = None,
) -> Done:
    """Change the weekly target (1–7 days), the rest weekdays (0 = Monday), the reminder thresholds and how
    many follow-ups an application gets (1–10)."""
    values: dict[str, object] = {}
    if follow_ups is not None:
        if not 1 <= follow_ups <= MAX_FOLLOW_UPS:
            raise Refused(f"{follow_ups} is not a number of follow-ups; use 1 to {MAX_FOLLOW_UPS}.")
        values["follow_ups"] = follow_ups
    for key, days, what in (
        ("follow_up_after_days", follow_up_after_days, "follow-up reminder"),
        ("ghosted_after_days", ghosted_after_days, "ghosted suggestion"),
    ):
        if days is not None:
            if days not in REMINDER_DAYS:
                raise Refused(f"{days} days is not a {what} setting; use 1 to 365 days.")
            values[key] = days
    if weekly_target is not None:
        if not 1 <= weekly_target <= 7:
            raise Refused(f"{weekly_target} is not a weekly target; use 1 to 7 days a week.")
        values["weekly_target"] = weekly_target
    if rest_weekdays is not None:
        if not rest_weekdays <= set(range(7)):
            raise Refused("Rest weekdays are Monday (0) to Sunday (6).")
        if len(rest_weekdays) == 7:
            raise Refused("Every day can't be a rest day; keep at least one day for steps.")
        values["rest_weekdays"] = [WEEKDAY_NAMES[d] for d in sorted(rest_weekdays)]
    if not values:
        raise Refused("Nothing to change: give a weekly target, rest weekdays, follow-up days or a number of follow-ups.")
    with journal.transaction():
        old = {key: journal.setting_text(key) for key in values}
        for key, value in values.items():
            journal.put_setting(key, json.dumps(value))
        wins = refresh_automatic_wins(journal, streak=True) if "rest_weekdays" in values else []
        change = record_undo(
            journal, "changed settings", [*(SetSetting(key, text) for key, text in old.items()), *wins],
            [SettingScope(key) for key in values],
        )
    return Done("Settings saved.", change)


MAX_THEME_NAME = 60


def remember_theme(journal: Journal, name: str) -> None:
    """Keep the colour theme chosen in the app for its next start (not undone with z: choosing another is
    how it is changed back)."""
    if not name or len(name) > MAX_THEME_NAME or not name.isprintable():
        raise Refused("That is not a theme name.")
    if journal.settings().theme != name:
        journal.put_setting("theme", json.dumps(name))
