"""Provides the action layer: one function per thing a user can do, with its rules, its write and its undo.

Screens, the command line and the JSON loader call these; nothing else writes to the journal.

Each area is its own module, imported by whoever uses it (`from tui.actions import applications`): importing
the package loads none of them, so `onward list` never loads the broaden nudge, the learning plan or the
support circle (tests/cli/test_imports.py).
"""

from tui.actions.results import Done, LooksLikeDuplicate, NeedsReopen, Refused

__all__ = ["Done", "LooksLikeDuplicate", "NeedsReopen", "Refused"]
