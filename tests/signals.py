"""Waiting for an Onward app on its own signals rather than on Pilot's idle polls.

Pilot's `press` and `pause()` wait until the process has used under 1 ms of CPU in a 20 ms sleep, three such
waits a key (≥60 ms, more on a busy machine): most of an app test's time. `settled` waits for what the app itself
says: its refresh, the look TypedAhead takes at whether a key has settled, and the end of Textual's 50 ms hold on
drawing after a mode switch. It waits for no worker (a thread's read, the palette's search): a test that needs one
done waits for it (tests.conftest.settle). Modules opt in with `pytestmark = pytest.mark.usefixtures(
"pilot_waits_on_signals")`, which makes Pilot's press and pause() these; `pause(seconds)` is left as it is.
"""

from __future__ import annotations

import asyncio
import unicodedata
import weakref
from collections.abc import Callable

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState


async def settled(pilot) -> None:
    """Until the app has acted on all it was sent and the screen in front shows it, told by the app's own signals
    rather than by Pilot's idle polls (each at least 20 ms of sleep, three a key).

    A look: the app and the screen in front each work through the messages they have, then the screen lays
    itself out and draws (`call_after_refresh`). Looks go on until one finds the same screen and focus after it
    as before, no message waiting in the app or any widget of the screen, no key held back by the app until the
    key before it has settled (TypedAhead: the app's own answer to "has this key settled?"), and no animation;
    then one more look, in which nothing may change either."""
    app = pilot.app
    quiet = 0
    while quiet < 2 and app.is_running:
        await updates_resumed(app)
        screen, focused = app.screen, app.focused
        await looked_at(app, screen)
        await app.animator.wait_until_complete()
        typed_ahead = getattr(app, "typed_ahead", None)  # a stock Textual app has none
        if app.is_running and typed_ahead is not None and typed_ahead.busy:  # asking starts its look, if none runs
            await keys_settled(app)  # its looks, not ours: a look of ours would be a message waiting for it
            quiet = 0
            continue
        still = (app.screen, app.focused) == (screen, focused) and not waiting(app)
        quiet = quiet + 1 if still else 0


async def keys_settled(app) -> None:
    """Until the app's look at whether the key handed on last has settled is done (TypedAhead's worker)."""
    for worker in list(app.workers):
        if worker.group == "typed-ahead" and worker.state == WorkerState.RUNNING:
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed):
                pass  # the app closing cancels it; a failure is the app's to report


async def looked_at(app, screen) -> None:
    """The app and then `screen` have worked through the messages they had, and `screen` has refreshed."""
    await called_back(app.call_later)
    while screen is app.screen and app.is_running:
        try:
            await called_back(screen.call_after_refresh, LOOK_SECONDS)
            return
        except TimeoutError:
            pass  # closing at that moment, the screen never calls back: once it is gone, the caller looks again


LOOK_SECONDS = 0.1


async def called_back(call: Callable[[Callable[[], None]], bool], seconds: float = 30) -> None:
    """Until what `call` was given is called (if `call` took it), or `seconds` have passed (TimeoutError)."""
    done = asyncio.Event()
    if call(done.set):
        await asyncio.wait_for(done.wait(), seconds)


_RESUMED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Per app: set whenever Textual's hold on drawing ends (`follow_updates`)."""


def follow_updates(app) -> None:
    """Have `app` say when Textual's hold on drawing ends. A mode switch (1–5) and the command palette hold every
    refresh for 50 ms (`App.delay_update`, a timer): meanwhile a screen calls back after a refresh it did not
    make, so a look then tells nothing (Pilot's idle polls, ≥60 ms a key, outlasted the hold by chance)."""
    resumed = _RESUMED[app] = asyncio.Event()
    end_batch = app._end_batch

    def ended() -> None:
        end_batch()
        if not app._batch_count:
            resumed.set()

    app._end_batch = ended


async def updates_resumed(app) -> None:
    """Until Textual draws again, if a hold on drawing is on (`follow_updates`)."""
    if app not in _RESUMED:
        follow_updates(app)
    while app._batch_count and app.is_running:
        resumed = _RESUMED[app]
        resumed.clear()
        await asyncio.wait_for(resumed.wait(), 30)  # the hold's own timer ends it; 30 s only if the app hangs


def waiting(app) -> int:
    """Messages the app and the widgets of the screen in front have still to handle."""
    return sum(pump.message_queue_size for pump in (app, *app.screen.walk_children(with_self=True)))


def key_event(name: str) -> events.Key:
    """The event a terminal's key sends, as Pilot.press makes it."""
    if len(name) == 1 and not name.isalnum():
        name = _character_to_key(name)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(name, name)))
    except KeyError:
        character = name if len(name) == 1 else None
    return events.Key(name, character)


async def press(pilot, *keys: str) -> None:
    """Press `keys` one at a time, each once what the one before it did has settled (`settled`)."""
    for name in keys:
        event = key_event(name)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)  # as the terminal's driver does, at once rather than on the loop's next turn
        await settled(pilot)


async def pause(pilot, delay: float | None = None, *, timed: Callable | None = None) -> None:
    """Pilot.pause(): `settled`; a pause of so many seconds is left to Pilot's own (`timed`)."""
    if delay is None:
        await settled(pilot)
    else:
        assert timed is not None
        await timed(pilot, delay)


async def workers_done(pilot, node) -> None:
    """Until the workers `node` started are done (the command palette's search), then `settled`."""
    app = pilot.app
    while mine := [worker for worker in app.workers if worker.node is node and not worker.is_finished]:
        if any(worker.state == WorkerState.PENDING for worker in mine):
            await settled(pilot)  # a worker starts in the app's next turn
            continue
        await app.workers.wait_for_complete(mine)
    await settled(pilot)
