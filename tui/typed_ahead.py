"""Provides TypedAhead: keys typed faster than the app acts on them (a fast typist, a paste into the terminal,
`tmux send-keys`) handed on one at a time, each once what the key before it did has settled, so that every key
lands where it would have landed typed slowly: in the first field of the form the key before it opened, in the
next field after a Tab, in the Inbox once the app has started.

Textual hands each key to the widget focused as the key arrives, before the keys ahead of it have been acted on
(tests/app/test_textual_compat.py shows it on a stock App): "n BurstCo" gave BurstCo to the Inbox's list, and
the New application form opened empty. Here a printable key typed into a text field (it moves no focus) is
handed on at once, and Tab out of a one-line field moves the focus at once (an Input binds no Tab of its own);
any other key (n, Enter, Esc, Tab out of a picker or a multi-line field, Ctrl+S…) holds the keys typed after it
until the app and the screen in front have nothing left to do for it (`TypedAhead._settle`). A key that comes
alone (none typed after it yet) is handed on and left be: whether it has settled is looked at only once a key
comes after it, so a person typing at a person's pace pays one look per key at most, and a key alone none.

A yes/no question (`ConfirmDialog`) is never answered by keys typed before it appeared: those are set aside when
it appears (with a bell and a note); its yes hands them on to whatever comes next ("s tomorrow Enter" on a
rejected application: yes, and the day question gets "tomorrow" and the Enter), any other end drops them and
says which they were.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen

from tui import textual_compat
from tui.screens.confirm import ConfirmDialog

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import Worker

HOLD_AT_MOST_SECONDS = 2.0
LOOKS_AT_MOST = 20
"""Keys wait for the key before them to settle at most this long and this many answered looks (`_look`): past
both (a screen that never stops working) they are handed on anyway, late rather than never. A slow machine or
a first paint that takes long answers few looks, so its keys still wait for it."""
ROUND_SECONDS = 0.1
"""How long one look at whether the app has settled waits for its answer before looking again."""

PAUSE_SECONDS = 0.5
"""A key that comes within this long of the key before it (by when the terminal read each: `Message.time`) is
typed in the same burst as it: faster than a person presses a key after reading what the one before it did.
After a form refused its opening (`drop_burst`), the rest of the burst that asked for it is dropped."""

FOCUS_KEYS = frozenset({"tab", "shift+tab"})
"""Keys that move the focus between a form's fields (Textual's own bindings: focus_next, focus_previous)."""


def is_text_field(widget: object) -> bool:
    """Whether `widget` takes typed text (an Input, or a TextArea: told by its class's name, so the first paint
    does not import Textual's TextArea, ~tree-sitter)."""
    from textual.widgets import Input

    return isinstance(widget, Input) or any(
        cls.__name__ == "TextArea" and cls.__module__.startswith("textual.") for cls in type(widget).__mro__
    )


def is_line_field(widget: object) -> bool:
    """Whether `widget` is a one-line text field (an Input: it binds no Tab of its own)."""
    from textual.widgets import Input

    return isinstance(widget, Input)


def takes_text_now(event: events.Key | events.Paste, focused: object) -> bool:
    """Whether `event` is text going into the text field in front: it moves no focus, so what comes after it
    need not wait for it."""
    if not is_text_field(focused) or getattr(focused, "read_only", False):
        return False
    return isinstance(event, events.Paste) or event.is_printable


def keys_said(keys: list[events.Key]) -> str:
    """Keys as a person reads them back: 'tomorrow' enter."""
    words: list[str] = []
    text = ""
    for key in keys:
        if key.is_printable and key.character:
            text += key.character
            continue
        if text:
            words.append(repr(text))
            text = ""
        words.append(key.key)
    if text:
        words.append(repr(text))
    return " ".join(words)


class TypedAhead:
    """The keys of one app waiting for the key before them (see the module's docstring). `hand_on` gives a key
    to Textual, as its `App.on_event` does on arrival."""

    def __init__(self, app: App, hand_on: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self._hand_on = hand_on
        self._held: deque[events.Key | events.Paste] = deque()
        self._holding = True
        """True while a key handed on has not settled; at first, until the app's first screen is up
        (`started`): keys typed while it starts wait for it."""
        self._held_at: tuple[Screen | None, object] = (None, None)
        """The screen in front and the widget focused when the current hold began."""
        self._aside: list[events.Key | events.Paste] = []
        """Keys typed before the question `_aside_for` appeared: handed on after its yes, dropped otherwise."""
        self._aside_for: ConfirmDialog | None = None
        self._settling: Worker[None] | None = None
        """The wait for the key handed on last to settle (`_settle`), while one runs."""
        self._started = False
        self._last_came = 0.0
        """When the newest key (or paste) was read from the terminal (its `time`)."""
        self._dropping = False
        """True after `drop_burst` until a pause: the keys still coming in that burst are dropped as they come."""
        self._front_when_held: Screen | None = None
        """The screen in front when the first of the keys held came: a question in front then was not answered
        by keys typed before it (they came after it), however long ago the key before them was handed on."""

    def started(self) -> None:
        """The app has shown its first screen: the keys typed meanwhile go to it once it has settled."""
        self._started = True
        self._hold()
        self._settle_now()

    async def arrived(self, event: events.Key | events.Paste) -> None:
        """A key (or a paste) has just come from the terminal: handed on now, or after those ahead of it (or
        dropped: the rest of a burst whose form was refused, `drop_burst`)."""
        came, before = event.time, self._last_came
        self._last_came = max(came, before)
        if self._dropping:
            self._dropping = came - before < PAUSE_SECONDS
            if self._dropping:
                return
        if self._holding or self._held:
            if not self._held:
                self._front_when_held = self._screen()
            self._held.append(event)
            self._settle_now()  # a key handed on alone is looked at now that one comes after it
            return
        await self._hand_on_in_turn(event)

    @property
    def busy(self) -> bool:
        """Whether keys are still waiting, or the last handed on has not settled (asking looks at a key handed
        on alone, which nothing has looked at yet)."""
        self._settle_now()
        return self._holding or bool(self._held)

    def drop_waiting(self) -> None:
        """Forget the keys still waiting (the app is quitting)."""
        self._held.clear()
        self._aside, self._aside_for = [], None

    def drop_burst(self) -> None:
        """Forget the keys still waiting, and those still to come in the same burst (until a pause): the key
        ahead of them asked for a form that did not open, so they were typed for its fields, not as keys."""
        self.drop_waiting()
        self._dropping = True

    async def _hand_on_in_turn(self, event: events.Key | events.Paste) -> None:
        app = self.app
        focused = app.focused
        if isinstance(event, events.Key) and event.key in FOCUS_KEYS and is_line_field(focused):
            # Tab out of a one-line field moves the focus now: the keys before it are already in the field's
            # queue, and the ones after it go to the next field.
            app.screen.focus_next() if event.key == "tab" else app.screen.focus_previous()
            return
        if not takes_text_now(event, focused):
            self._hold()
        await self._hand_on(event)

    def _hold(self) -> None:
        """Hold the keys typed after the key about to be handed on until it has settled: looked at at once when
        keys are waiting already (a burst), else once one comes (`arrived`): a key alone costs no look."""
        self._holding = True
        self._held_at = (self._screen(), self.app.focused)
        if self._held:
            self._settle_now()

    def _settle_now(self) -> None:
        """Start the wait for the key handed on last to settle, unless it runs already (or the app is still
        starting: `started` starts it)."""
        if self._holding and self._settling is None and self._started:
            # The coroutine function, not a coroutine: a worker the closing app never starts leaves none unawaited.
            self._settling = self.app.run_worker(self._settle, group="typed-ahead", exit_on_error=False)

    def _screen(self) -> Screen | None:
        try:
            return self.app.screen
        except Exception:  # no screen yet (starting) or any more (closing)
            return None

    async def _settle(self) -> None:
        """Wait until what the key handed on did has settled: a look at the app and the screen in front (each
        works through the messages it has) that finds the same screen and focus after it as before, and no
        message waiting in the app or any widget of the screen. Once the screen or the focus has moved since
        the key, each look also waits for the screen's refresh, after which a form may focus its field
        (`call_after_refresh`); a key that moved neither (the cursor down a list) does not wait for a frame.
        Then the next keys are handed on, in the app's own turn."""
        app = self.app
        give_up = time.monotonic() + HOLD_AT_MOST_SECONDS
        looks = 0
        try:
            while (looks < LOOKS_AT_MOST or time.monotonic() < give_up) and not textual_compat.is_closing(app):
                screen = self._screen()
                before = (screen, app.focused)
                if not await self._look(screen, refreshed=before != self._held_at):
                    continue  # the app is busy: no answer yet, and no look spent
                looks += 1
                if (self._screen(), app.focused) == before and not self._waiting(screen):
                    break
        finally:
            app.call_later(self._release)

    async def _look(self, screen: Screen | None, refreshed: bool) -> bool:
        """Whether the app and `screen` have each worked through what they had (and, when `refreshed`, `screen`
        has refreshed, with the callbacks asked for after it), within a round."""
        done = asyncio.Event()
        left = 0

        def looked() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                done.set()

        left += self.app.call_later(looked)
        if screen is not None:
            left += screen.call_after_refresh(looked) if refreshed else screen.call_later(looked)
        if not left:
            await asyncio.sleep(ROUND_SECONDS)
            return False
        try:
            await asyncio.wait_for(done.wait(), ROUND_SECONDS)
        except TimeoutError:
            return False
        return True

    def _waiting(self, screen: Screen | None) -> int:
        pumps = [self.app, *(screen.walk_children(with_self=True) if screen is not None else ())]
        return sum(pump.message_queue_size for pump in pumps)

    async def _release(self) -> None:
        """Hand on the keys held, one at a time, until one of them holds the rest again."""
        self._holding = False
        self._settling = None
        if textual_compat.is_closing(self.app):
            self.drop_waiting()
            return
        self._after_question()
        screen = self._screen()
        if (self._held and isinstance(screen, ConfirmDialog) and screen not in (self._held_at[0], self._front_when_held)
                and self._aside_for is None):
            self._set_aside(screen)
        while self._held and not self._holding:
            await self._hand_on_in_turn(self._held.popleft())

    def _set_aside(self, question: ConfirmDialog) -> None:
        """`question` has just appeared with keys typed before it still to come: they are not its answer."""
        self._aside, self._aside_for = list(self._held), question
        self._held.clear()
        self.app.bell()
        self.app.notify(
            f"Typed before this question appeared, so not taken as its answer: {keys_said(self._typed(self._aside))}. "
            "After y it goes on; n drops it.",
            severity="warning", markup=False,
        )

    def _after_question(self) -> None:
        """Once the question keys were set aside for has gone: yes hands them on, in front of any typed since."""
        question = self._aside_for
        if question is None or question in self.app.screen_stack:
            return
        kept, self._aside, self._aside_for = self._aside, [], None
        if question.answer:
            self._held.extendleft(reversed(kept))
        else:
            self.app.notify(f"Dropped (typed before the question): {keys_said(self._typed(kept))}.", markup=False)

    @staticmethod
    def _typed(events_: list[events.Key | events.Paste]) -> list[events.Key]:
        keys: list[events.Key] = []
        for event in events_:
            if isinstance(event, events.Paste):
                keys.extend(events.Key(character, character) for character in event.text if character.isprintable())
            else:
                keys.append(event)
        return keys
