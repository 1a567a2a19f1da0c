"""textual-serve's `Server`, answering only the person who has the address `onward serve` printed.

Built on textual-serve's public API: its request handlers (`handle_websocket`, `handle_download`) and
`serve`'s steps (`initialize_logging`, `request_exit`), with Onward's own aiohttp application around them,
which puts every request through `check` first (the rules: tui/web/guard.py). The page's addresses follow the
address the browser used (textual-serve's `public_url` would give a browser elsewhere http://0.0.0.0:8000)."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.web import guard

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

REFUSED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Onward: open the address onward serve printed</title></head>
<body style="font-family: sans-serif; margin: 3em; max-width: 40em">
<h1>Open the address <code>onward serve</code> printed</h1>
<p>{reason}</p>
<p>Open the address <code>onward serve</code> printed in its terminal: it ends with <code>?token=</code> and a key
that changes each time <code>onward serve</code> starts.</p>
</body></html>
"""


def refused(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=REFUSED_PAGE.format(reason=escape(reason)), content_type="text/html")


def network_address() -> str | None:
    """This machine's address on its network (the one its traffic leaves from), or None without a network.
    Connecting a UDP socket sends nothing: it only picks the route."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never a real host
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if guard.is_loopback(address) or address == "0.0.0.0" else address


class GuardedServer(Server):
    """Serves the app to whoever has the run's token, under the address being served, from its own page."""

    def __init__(self, command: str, *, host: str, port: int, token: str, statics_path: Path, templates_path: Path) -> None:
        super().__init__(command, host=host, port=port, title="Onward", statics_path=statics_path, templates_path=templates_path)
        self.token = token
        self.cookie = guard.cookie_name(port)
        hostname = socket.gethostname().lower()
        self.machine_names = frozenset({hostname, f"{hostname}.local"} if hostname else set())

    def urls(self) -> list[str]:
        """The addresses to open, with the token: this machine's, and the network's when serving beyond it."""
        if self.host.lower() in guard.EVERY_ADDRESS:
            names = [name for name in ("127.0.0.1", socket.gethostname(), network_address()) if name]
            return [guard.page_url(name, self.port, self.token) for name in dict.fromkeys(names)]
        return [guard.page_url(self.host, self.port, self.token)]

    async def check(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        sockname = request.transport.get_extra_info("sockname") if request.transport is not None else None
        arrived_at = sockname[0] if isinstance(sockname, tuple) and sockname else None
        names = guard.allowed_names(self.host, arrived_at, self.machine_names)
        if not guard.host_allowed(request.headers.get("Host"), self.port, names):
            return web.Response(status=421, text="Onward answers only under the address onward serve printed.\n")
        given = request.query.get(guard.TOKEN_PARAMETER)
        if given is not None and guard.token_matches(given, self.token) and request.path == "/":
            # The first visit: keep the token in a cookie and take it out of the address bar (and history).
            kept = {key: value for key, value in request.query.items() if key != guard.TOKEN_PARAMETER}
            response = web.Response(status=303, headers={"Location": str(request.rel_url.with_query(kept))})
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            return response
        if not (guard.token_matches(given, self.token) or guard.token_matches(request.cookies.get(self.cookie), self.token)):
            return refused(403, "This page needs the key onward serve made when it started, and this request did not carry it.")
        if request.path == "/ws" and not guard.origin_allowed(request.headers.get("Origin"), request.host):
            return refused(403, "The app's connection opens only from its own page.")
        return await handler(request)

    async def make_app(self) -> web.Application:
        """textual-serve's routes, every one behind `check`."""
        @web.middleware
        async def checked(request: web.Request, handler: Handler) -> web.StreamResponse:
            return await self.check(request, handler)

        app = web.Application(middlewares=[checked])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, its addresses under the Host the browser used (which `check` let through)."""
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to say yet: the address is printed once the server listens (`announce`)."""

    def announce(self) -> None:
        """Print the addresses to open (the server listens by now: a test, or a person, can open one at once)."""
        lines = ["Onward is served. Open:"] + [f"  {url}" for url in self.urls()] + [
            "The address holds a key made for this run: anyone who has it can open your journal. Ctrl+C stops it.",
        ]
        print("\n".join(lines), flush=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (textual-serve's `serve`, with Onward's application)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        if sys.platform != "win32":
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self.make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop, print=lambda _said: self.announce())
