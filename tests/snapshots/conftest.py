"""Snapshots are taken with steady cursors: a blinking one (every 0.5 s) was drawn or not depending on how long
the machine took between focusing a field and the screenshot, so a busy machine failed exact snapshots."""

import pytest
from textual.reactive import reactive
from textual.widgets import Input, TextArea


@pytest.fixture(autouse=True)
def _steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text field starts with `cursor_blink` off (Textual's public setting): its cursor is always drawn."""
    for field in (Input, TextArea):
        steady = reactive(False, init=False)
        steady.__set_name__(field, "cursor_blink")
        monkeypatch.setattr(field, "cursor_blink", steady)


@pytest.fixture(autouse=True)
def _forget_matched_svgs(snapshot):
    """Once a screenshot matched its snapshot, drop both SVGs syrupy keeps for its end-of-run report (which
    needs only their names): ~100 screens of ~50,000 characters each, held as 4-byte text for the emoji, kept
    each worker ~40 MB fuller until the run ended. A failed or updated one keeps them (the diff, the write)."""
    yield
    session = snapshot.session
    if session.update_snapshots:
        return
    for assertion in getattr(session, "_assertions", ()):  # syrupy's own list (4.x); gone, nothing is dropped
        for result in assertion.executions.values():
            if result.success and not (result.created or result.updated):
                result.asserted_data = result.recalled_data = None
