"""Provides carrying over, after `onward pull`, the drafts the journal it replaced held: what was typed in an
editor while the journal was behind its replica (kept as a draft then, since nothing could be saved).

A draft is kept under its record's id ("application:2": a new reflection on application 2; "reflection:5": an
edit of reflection 5). Ids mean a record only within one copy: when both machines wrote while apart, each
gave the next id to its own record (on one, application 2 is Xerox; on the other, Yahoo). So a draft goes
back only onto the same record: an application at the same company first written at the same moment
(`created_at`, the same in every copy of the journal, edits or not; a file without it: the same applied day),
a reflection of the same day on that same application. Any other is set aside and said: it stays in the journal the pull
replaced (a …-diverged.db's import brings it back with its application, under the id it gets there), and is
never shown on another application.

Each draft is said once: a draft carried keeps being carried by later pulls (until it is saved or thrown
away), silently when an earlier pull said it already (the journal remembers which, `DRAFTS_SAID_SETTING`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.domain.onward_json import OnwardData
from tui.domain.text import excerpt, matching_key, number, plural
from tui.store.repository import Journal, NotFound

DRAFTS_SAID_SETTING = "drafts_said"
"""The settings key holding the drafts a pull carried over and said (by key, the draft's JSON text): a later
pull carries the same draft again without saying it twice."""


@dataclass(frozen=True)
class CarriedDrafts:
    """What a pull did with the drafts of the journal it replaced."""

    carried: int = 0
    """Put back in the pulled journal."""
    new: int = 0
    """Of those, the ones no earlier pull said."""
    set_aside: tuple[str, ...] = ()
    """What each draft set aside was for ("Xerox — Designer"): the pulled journal holds another record under its id."""

    def lines(self) -> list[str]:
        """What the pull says about them (nothing when there is nothing new to say)."""
        lines = []
        if self.new:
            lines.append(
                f"Kept {plural(self.new, 'draft')} typed while this journal was behind: "
                f"the editor opens with {'them' if self.new != 1 else 'it'}."
            )
        if self.set_aside:
            shown = "; ".join(self.set_aside[:3]) + (f"; and {number(len(self.set_aside) - 3)} more" if len(self.set_aside) > 3 else "")
            lines.append(
                f"Set aside {plural(len(self.set_aside), 'draft')} typed for a record this journal now holds another one "
                f"under the same id ({shown}): not shown there, {'they stay' if len(self.set_aside) != 1 else 'it stays'} "
                "in the journal it replaced, kept below."
            )
        return lines


def drafts_said(journal: Journal) -> dict[str, str]:
    """The drafts earlier pulls carried over into this journal and said (key: the draft's JSON text)."""
    try:
        said = json.loads(journal.setting_text(DRAFTS_SAID_SETTING) or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in said.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(said, dict) else {}


def carry_drafts(old_export: str, journal: Journal, today: date, said: dict[str, str] | None = None) -> CarriedDrafts:
    """Put back in `journal` (just pulled) the drafts the journal it replaced held (its Onward JSON,
    `old_export`) and it does not: a draft for a new reflection, or for an application or a reflection the
    pulled journal holds as the same record; never over a draft it holds. `said`: `drafts_said` of the
    journal replaced, read before the pull."""
    from tui.actions.replica import own_export  # (read without a today: another device's day may be later)

    old = own_export(old_export)
    said = said or {}
    carried: dict[str, dict[str, Any]] = {}
    set_aside: list[str] = []
    for key, value in old.drafts.items():
        kind, _, record_id = key.partition(":")
        if journal.reflections.draft_text(key) is not None or not isinstance(value, dict):
            continue
        if kind == "application" and record_id.isdigit():
            other = _another_application(old, journal, int(record_id))
        elif kind == "reflection" and record_id.isdigit():
            other = _another_reflection(old, journal, int(record_id))
        elif key == "reflection:new":
            other = None
        else:
            continue
        if other is not None:
            set_aside.append(other)
        else:
            carried[key] = value
    text = {key: json.dumps(value, sort_keys=True, ensure_ascii=False) for key, value in carried.items()}
    new = sum(said.get(key) != shown for key, shown in text.items())
    if carried:
        with journal.transaction():
            for key, value in carried.items():
                journal.reflections.put_draft(key, value)
            journal.put_setting(DRAFTS_SAID_SETTING, json.dumps(text, sort_keys=True, ensure_ascii=False))
    return CarriedDrafts(len(carried), new, tuple(set_aside))


def _application_title(data: OnwardData, application_id: int) -> str | None:
    app = next((a for a in data.applications if a["id"] == application_id), None)
    return None if app is None else f"{excerpt(app['company'])} — {excerpt(app['role'])}"


def _another_application(old: OnwardData, journal: Journal, application_id: int) -> str | None:
    """None when the pulled journal's application `application_id` is the old journal's (the same record);
    otherwise what the old one was, to say (a draft for it is set aside)."""
    mine = next((a for a in old.applications if a["id"] == application_id), None)
    if mine is None:
        return f"application {application_id}"
    title = f"{excerpt(mine['company'])} — {excerpt(mine['role'])}"
    try:
        held = journal.applications.get(application_id)
    except NotFound:
        return title
    moment = old.created["applications"].get(application_id)
    same = matching_key(held.company) == matching_key(mine["company"]) and (
        journal.records.made_at("applications", [application_id]).get(application_id) == moment if moment is not None
        else held.applied_on.isoformat() == mine["applied_on"]
    )
    return None if same else title


def _another_reflection(old: OnwardData, journal: Journal, reflection_id: int) -> str | None:
    """`_another_application` for a draft editing a reflection: the same day, on the same application."""
    mine = next((r for r in old.reflections if r["id"] == reflection_id), None)
    title = f"the reflection {reflection_id}" if mine is None else f"the reflection of {mine['on']}"
    if mine is None:
        return title
    try:
        held = journal.reflections.get(reflection_id)
    except NotFound:
        return title
    if held.on.isoformat() != mine["on"] or held.application_id != mine["application_id"]:
        return title
    if mine["application_id"] is not None and _another_application(old, journal, mine["application_id"]) is not None:
        return f"{title} on {_application_title(old, mine['application_id'])}"
    return None
