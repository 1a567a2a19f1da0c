"""How the app served to a browser tab ends: as on a closed terminal (tui/launch.py `ending_on_hang_up`: what
the editors hold is saved, then the app quits, within a bounded time).

textual-serve runs one app process per tab and talks to it through its standard input and output. Two ends
reach the app there:
- the tab closed: textual-serve sends a "quit" packet, which Textual's web driver turns into an immediate exit
  (`ExitApp`), past the editors: text typed and shown in an editor in the last second was lost;
- the server gone (killed, even with kill -9): the app's input ends (it is the server's pipe alone: the
  command is `exec`ed, tui/web/__init__.py `app_command`), which Textual's web driver ignored, leaving the app
  running for good with the journal open.
Both now hang up: once the keys that reached the app have reached their widgets (`settle_input`), the process
sends itself SIGHUP, which the launcher's hang-up handler turns into saving and quitting. A write to a server
that is gone ends the same way instead of raising. Public API only: the web driver's `on_meta`,
`run_input_thread`, `write`, `write_meta`, `write_binary_encoded` and `exit_event`."""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.driver import Driver

    from tui.app import OnwardApp

SETTLE_SECONDS = 1.0
"""How long the keys that reached the app get to reach their widgets before the hang-up is sent anyway (an app
too busy to settle them still ends; the hang-up then bounds its shutdown)."""


def hang_up() -> None:
    """Send this process the signal of a closed terminal (its handler saves and quits)."""
    os.kill(os.getpid(), signal.SIGHUP)


def ending_with_its_tab(driver_class: type[Driver], app: OnwardApp, *, then: Any = hang_up) -> type[Driver]:
    """`driver_class` made to hang up when its tab closes or its server goes away, when it is Textual's web
    driver (the app runs under `onward serve`); any other driver is returned as it is. `then`: what hanging up
    does (a test's stand-in)."""
    web_driver = sys.modules.get("textual.drivers.web_driver")
    if web_driver is None or not issubclass(driver_class, web_driver.WebDriver):
        return driver_class
    base: Any = driver_class
    gone: list[bool] = []  # a plain list: read and set from the input thread and the app's loop
    broken: list[bool] = []

    def tab_gone() -> None:
        if gone:
            return
        gone.append(True)
        backstop = threading.Timer(SETTLE_SECONDS, then)
        backstop.daemon = True
        backstop.name = "onward-tab-gone"
        backstop.start()

        async def after_the_keys() -> None:
            await app.settle_input()
            backstop.cancel()
            then()

        app.call_later(after_the_keys)  # after the keys already posted to the app (the backstop if it is closing)

    class TabDriver(base):
        """Textual's web driver, hanging up when its tab or its server goes away (see tui.web.driver)."""

        def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
            if packet_type == "quit":  # the tab closed
                tab_gone()
                return
            super().on_meta(packet_type, payload)

        def run_input_thread(self) -> None:
            try:
                super().run_input_thread()
            finally:
                if not self.exit_event.is_set():  # the input ended, not the app: the server is gone
                    tab_gone()

        def write(self, data: str) -> None:
            self._guarded(super().write, data)

        def write_meta(self, data: dict[str, object]) -> None:
            self._guarded(super().write_meta, data)

        def write_binary_encoded(self, data: tuple[str | bytes, ...]) -> None:
            self._guarded(super().write_binary_encoded, data)

        def _guarded(self, write: Any, data: Any) -> None:
            if broken:
                return  # nobody reads what this app draws any more
            try:
                write(data)
            except OSError:  # the server is gone (a broken pipe)
                broken.append(True)
                tab_gone()

    return TabDriver
