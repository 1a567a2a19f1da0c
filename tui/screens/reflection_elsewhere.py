"""Provides what the reflection editor knows of its reflection as the journal holds it: as the editor last loaded
or saved it, and what another window (or the command line) has done to it since — changed it or removed it.

An autosave never writes over such a change (`tui.actions.undo.refuse_if_changed_since`, as the edit forms):
edits of different fields are merged, edits of the same field are held (this window's words kept as a draft)
until the person takes the other window's or keeps their own, and a removed reflection's words are kept as a
draft, saved as a new reflection only on Ctrl+S."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tui.actions.undo import AsOpened
from tui.domain.reflections import fields_in_words, merge_edits

MERGES_IN_A_ROW = 3
"""How many times one save merges another window's change and tries again before it holds instead (a window
writing all the time would otherwise keep it trying)."""


@dataclass
class AsLastSeen:
    """The reflection as this editor last loaded or saved it, and whether another window has changed or removed it."""

    opened: AsOpened | None = None
    """Its fingerprint then (None for a reflection not saved yet): a save passes it, and is refused when it differs."""
    base: dict[str, Any] = field(default_factory=dict)
    """Its fields then (`editor_values`): what this window's and the other window's edits both started from."""
    clashes: tuple[str, ...] = ()
    """Fields the other window changed its own way while this one changed them too: nothing is written until the
    person takes theirs (Ctrl+R) or keeps their own (Ctrl+S)."""
    theirs: dict[str, Any] = field(default_factory=dict)
    """The other window's fields, while there are clashes."""
    removed: bool = False
    """Removed elsewhere: what is typed is kept as a draft until Ctrl+S saves it as a new reflection."""

    @property
    def held(self) -> bool:
        """Whether saving waits for the person to choose (nothing is written meanwhile, only the draft)."""
        return bool(self.clashes) or self.removed

    def met(self, mine: dict[str, Any], theirs: dict[str, Any], base: dict[str, Any]) -> tuple[str, ...]:
        """This window's version (`mine`) met the other window's (`theirs`, as the journal holds it now), both
        changed from `base`: the fields to take from theirs; those both changed are held (`clashes`)."""
        taken, clashes = merge_edits(base, mine, theirs)
        self.clashes, self.theirs = clashes, theirs
        # Where they clash, this window's words still start from `base`: a draft kept now says so.
        self.base = {**theirs, **{name: base[name] for name in clashes}}
        return taken


def said_about(taken: tuple[str, ...], clashes: tuple[str, ...]) -> tuple[str, str, Literal["information", "warning"], float]:
    """What the editor says when another window's change arrived: (message, title, severity, timeout)."""
    if not clashes:
        return (
            f"Another window (or the command line) changed {fields_in_words(taken)} of this reflection meanwhile: "
            "both changes are kept, theirs now shown here.", "Changed in another window", "information", 12,
        )
    words = fields_in_words(clashes)
    return (
        f"Another window (or the command line) changed {words} of this reflection too, differently; nothing was "
        f"written over it, and what you typed is kept as a draft. Ctrl+R takes theirs for {words}; Ctrl+S keeps yours.",
        "Changed in another window", "warning", 20,
    )


def choice_question(clashes: tuple[str, ...], keep_mine: bool, then_leave: bool) -> tuple[str, str]:
    """The question (and the line under it) before taking theirs or keeping mine where the windows clashed."""
    words = fields_in_words(clashes)
    if not keep_mine:
        return f"Take the other window's version of {words}?", f"What you typed in {words} here is dropped; the rest stays."
    detail = "No stays here: Ctrl+R takes theirs instead." if then_leave else "Their words there are replaced."
    return f"Keep this window's version of {words}, over the other window's?", detail


def removed_message(for_application: bool) -> str:
    where = "e on the application" if for_application else "n in Reflections"
    return (
        "This reflection was removed in another window (or the command line). What you typed is kept as a draft "
        f"({where} opens it again); Ctrl+S saves it as a new reflection."
    )
