"""Provides collect_if_idle: Python's full garbage collection run while the person is not typing, not in a key.

On a ten-year journal a full collection walks ~30,000 objects that live between keys (most of them Textual's
line caches) and takes 10–30 ms of CPU. Python starts one after its tenth young collection since the last, in
whichever key allocates last: the first filter key on ten years paid ~20 ms for it (h-filter's profile). Run
once the app has been idle a while and one is half due, it is paid while nobody waits, and keys rarely reach it.
"""

from __future__ import annotations

import gc

LOOK_EVERY_SECONDS = 1.0
"""How often the app looks whether it is idle with a full collection half due."""

HALF_DUE = 5
"""Young (generation 1) collections since the last full one at which an idle moment runs the full one: Python
runs it itself after 10 (its threshold for generation 2)."""


FULL_AFTER = 100
"""Young collections after which Python runs a full one itself, in the app's process (Python's own: 10). The app
runs it in an idle moment well before (`collect_if_idle`, at HALF_DUE), so a key pays for one only after a hundred
young collections with no second's pause: a long stretch of typing, not the first filter key (~25 of its ~70 ms
on ten years was one)."""


def leave_full_collections_to_idle() -> None:
    """In the app's own process (the launcher calls it, never a test): Python's full collections wait for the
    app's idle moments instead of falling in whichever key allocates last."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_AFTER)


def collect_if_idle(idle_seconds: float, idle_after: float) -> bool:
    """Run a full collection if no key or click came for `idle_after` seconds (it has been `idle_seconds`) and
    one is at least half due; returns whether it ran."""
    if idle_seconds < idle_after or gc.get_count()[2] < HALF_DUE:
        return False
    gc.collect()
    return True
