"""Provides the action layer: one function per thing a user can do, with its rules, its write and its undo.

Screens, the command line and the JSON loader call these; nothing else writes to the journal.

Each area is imported where it is used (`from tui.actions import applications`), not here: a command that
lists applications then loads no action module, and `onward add` loads only the ones adding needs.
"""

from tui.actions.results import Done, LooksLikeDuplicate, NeedsReopen, Refused

__all__ = ["Done", "LooksLikeDuplicate", "NeedsReopen", "Refused"]
