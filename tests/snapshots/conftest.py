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
