"""Provides `show`: put new content in a Static only when it differs from what it shows."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def show(widget: Static, content: Content) -> None:
    """Update `widget` unless it already shows exactly `content` (same text and styles): every update lays
    out the whole screen again (~5 ms), and after a key most lines (the greeting, the badge, the selected
    application's timeline) read as they did."""
    current = widget.content
    if isinstance(current, Content) and current.is_same(content):
        return
    widget.update(content)
