"""Provides the action layer: one function per thing a user can do, with its rules, its write and its undo.

Screens, the command line and the JSON loader call these; nothing else writes to the journal.
"""

from tui.actions import applications, editing, reflections, steps, support, undo, wins
from tui.actions.results import Done, LooksLikeDuplicate, NeedsReopen, Refused

__all__ = [
    "Done", "LooksLikeDuplicate", "NeedsReopen", "Refused", "applications", "editing", "reflections", "steps", "support", "undo", "wins",
]
