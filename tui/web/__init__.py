"""Provides `onward serve`: the same app in a browser, through textual-serve, on this machine only by default,
to whoever opens the address it prints (it holds a key made for the run: tui/web/guard.py, tui/web/server.py).

The page is Onward's own (`app_index.html` beside this file): it loads textual-serve's terminal script and the
Roboto Mono font from the server itself, so opening it sends no request anywhere but to this machine (the
template textual-serve ships fetches its font from a web font service)."""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

BROWSER_KEYS = {"reflection.share": "f2", "reflections.share": "t,f2"}
"""Bindings (by id) given another key in the browser, which keeps Ctrl+T (a new tab), Ctrl+W and Ctrl+N for
itself; applied with Textual's `App.set_keymap` when the app runs in a browser."""
BROWSER_KEYS_NOTE = "In the browser, F2 asks for advice (the browser keeps Ctrl+T, Ctrl+W and Ctrl+N for itself)."


class ServeError(Exception):
    """`onward serve` cannot start: the reason, in one line."""


def app_command(journal: Path) -> str:
    """The shell command each browser session runs: this Python, Onward, the journal. `exec`: the shell
    textual-serve starts it through becomes the app, so the app's input is the server's pipe alone and its
    end (the server gone, even killed) reaches the app (tui/web/driver.py)."""
    return "exec " + shlex.join([sys.executable, "-m", "tui", "--db", str(journal)])


def check_port(host: str, port: int) -> None:
    """Refuse, in one line, a port that is taken (before textual-serve prints its banner and fails)."""
    if not 0 < port < 65536:
        raise ServeError(f"{port} is not a port: use a number from 1 to 65535.")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if sys.platform != "win32":  # as the server binds (aiohttp): a port a stopped run left in TIME_WAIT is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ServeError(f"Can't listen on {host}:{port}: {error.strerror or error} (try --port with another number).") from None


def serve(journal: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the app on `journal` until Ctrl+C; each browser tab runs its own app on the same journal."""
    try:
        import textual_serve.server  # noqa: F401  (first: tui.web.server needs it)
    except ImportError:
        raise ServeError("onward serve needs textual-serve: pip install 'onward[web]'.") from None
    import textual_serve

    from tui.web.guard import new_token
    from tui.web.server import GuardedServer

    check_port(host, port)
    statics = Path(textual_serve.__file__).resolve().parent / "static"
    server = GuardedServer(app_command(journal), host=host, port=port, token=new_token(), statics_path=statics, templates_path=HERE)
    server.serve()
