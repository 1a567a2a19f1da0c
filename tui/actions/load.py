"""Provides loading Onward JSON into a journal through the actions themselves (the demo journal uses it),
so loaded data follows exactly the rules, steps and automatic wins of data typed in by hand."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tui.actions import applications, reflections, steps, wins
from tui.actions.automatic_wins import bulk
from tui.domain.entries import ActionEntry, ApplicationEntry, WinEntry
from tui.domain.models import ActionKind, OutcomeKind, Stage, WinKind
from tui.domain.reflections import ReflectionEntry
from tui.store.repository import WEEKDAY_NAMES, Journal


def load_demo(journal: Journal, data: dict[str, Any], today: date) -> None:
    """Fill an empty journal from Onward JSON whose dates are shifted so its `anchor` day becomes `today`.

    One transaction: all of it or nothing; then only the last two days' automatic wins stay new, so the
    demo wall shows the celebration once.
    """
    anchor = date.fromisoformat(data.get("anchor", today.isoformat()))
    shift = today - anchor

    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) + shift if text else None

    with bulk(journal):
        new_ids: dict[int, int] = {}
        for app in data["applications"]:
            applied_on = day(app["applied_on"])
            assert applied_on is not None
            entry = ApplicationEntry(
                company=app["company"], role=app["role"], applied_on=applied_on, field=app.get("field", ""),
                source=app.get("source", ""), url=app.get("url", ""), notes=app.get("notes", ""),
            )
            application_id = applications.add_application(journal, entry).id
            assert application_id is not None
            new_ids[app["id"]] = application_id
            for event in app.get("events", []):
                on = day(event["on"])
                assert on is not None
                stage = Stage(event["stage"]) if event.get("stage") else None
                applications.log_outcome(
                    journal, application_id, OutcomeKind(event["kind"]), on, stage=stage,
                    note=event.get("note", ""), reopen=True,
                )
        for action in data.get("actions", []):
            on = day(action["on"])
            assert on is not None
            steps.log_action(journal, ActionEntry(ActionKind(action["kind"]), on, action.get("note", "")))
        for win in data.get("wins", []):
            if win.get("automatic"):
                continue  # automatic wins are posted by their causes
            on = day(win["on"])
            assert on is not None
            linked = new_ids.get(win["application_id"]) if win.get("application_id") else None
            wins.add_win(journal, WinEntry(win["title"], WinKind(win["kind"]), on, linked, win.get("note", "")))
        for reflection in data.get("reflections", []):
            written = day(reflection["on"])
            assert written is not None
            written_entry = ReflectionEntry(
                mood=reflection["mood"], feelings=tuple(reflection.get("feelings", [])),
                stage=Stage(reflection["stage"]) if reflection.get("stage") else None,
                went_well=reflection.get("went_well", ""), do_differently=reflection.get("do_differently", ""),
                gaps=tuple(reflection.get("gaps", [])), stumbles=reflection.get("stumbles", ""),
                next_step=reflection.get("next_step", ""), next_step_on=day(reflection.get("next_step_on")),
                talk_to=reflection.get("talk_to", ""), body=reflection.get("body", ""),
            )
            linked = new_ids.get(reflection["application_id"]) if reflection.get("application_id") else None
            reflection_id = reflections.save_reflection(journal, written_entry, written, application_id=linked).id
            done_on = day(reflection.get("next_step_done_on"))
            if done_on is not None and reflection_id is not None:
                steps.finish_next_step(journal, reflection_id, done_on)
        for rest in data.get("rest_days", []):
            rest_day = day(rest)
            assert rest_day is not None
            steps.mark_rest_day(journal, rest_day, True, today)
        settings = data.get("settings", {})
        rest_weekdays = settings.get("rest_weekdays")
        chosen = {
            "weekly_target": settings.get("weekly_target"),
            "rest_weekdays": frozenset(WEEKDAY_NAMES.index(d) for d in rest_weekdays) if rest_weekdays is not None else None,
            "follow_up_after_days": settings.get("follow_up_after_days"),
            "ghosted_after_days": settings.get("ghosted_after_days"),
        }
        if any(value is not None for value in chosen.values()):
            steps.change_settings(journal, **chosen)
    wins.mark_wins_seen(journal, before=today - timedelta(days=1))
