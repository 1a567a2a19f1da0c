"""Provides loading the demo journal: Onward JSON moved to today, through the import every export loads by."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tui.actions import wins
from tui.actions.imports import import_onward
from tui.domain.onward_json import read_onward, shifted
from tui.store.repository import Journal


def load_demo(journal: Journal, data: dict[str, Any], today: date) -> None:
    """Fill an empty journal from Onward JSON whose days are shifted so its `anchor` day becomes `today`,
    through the same import as `onward import json` (one transaction: all of it or nothing); then only the
    last two days' wins stay new, so the demo wall shows the celebration once."""
    anchor = date.fromisoformat(data.get("anchor", today.isoformat()))
    import_onward(journal, shifted(read_onward(data), today - anchor))
    wins.mark_wins_seen(journal, before=today - timedelta(days=1))
