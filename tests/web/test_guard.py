"""Who `onward serve` answers (tui/web/guard.py, tui/web/server.py): the Host it serves, the run's token, the
page's own Origin for the app's socket; and the page's addresses follow the address the browser used. The
server runs in this process on a free port (no app is started: no socket is opened past the checks)."""

from __future__ import annotations

import importlib.util
import asyncio
import socket
from pathlib import Path

import pytest

from tui.web import HERE, guard

# aiohttp (textual-serve's) is imported by the tests that use it: imported here, every worker of the suite
# collecting this file held it (~12 MB each).
pytestmark = pytest.mark.skipif(importlib.util.find_spec("aiohttp") is None, reason="aiohttp (onward[web]) is not installed")
TOKEN = "k" * 43


@pytest.mark.parametrize(("header", "expected"), [
    ("127.0.0.1:8000", ("127.0.0.1", 8000)),
    ("[::1]:8000", ("::1", 8000)),
    ("LocalHost.:80", ("localhost", 80)),
    ("example.org", ("example.org", None)),
    ("::1:8000", None),  # IPv6 without brackets
    ("[::1]x", None),
    ("host:http", None),
    ("", None),
])
def test_a_host_header_is_split_into_name_and_port(header, expected):
    assert guard.split_host(header) == expected


def test_a_loopback_server_answers_only_its_own_names_on_its_port():
    names = guard.allowed_names("127.0.0.1", "127.0.0.1", frozenset({"mybox"}))
    assert guard.host_allowed("127.0.0.1:8000", 8000, names)
    assert guard.host_allowed("localhost:8000", 8000, names) and guard.host_allowed("[::1]:8000", 8000, names)
    assert not guard.host_allowed("evil.example:8000", 8000, names)  # DNS rebinding
    assert not guard.host_allowed("127.0.0.1:8001", 8000, names) and not guard.host_allowed("127.0.0.1", 8000, names)
    assert not guard.host_allowed("mybox:8000", 8000, names)  # this machine only: not its network name
    assert not guard.host_allowed(None, 8000, names)


def test_a_server_on_every_address_answers_the_address_it_was_reached_at_and_the_machines_name():
    from_network = guard.allowed_names("0.0.0.0", "192.168.1.20", frozenset({"mybox", "mybox.local"}))
    assert guard.host_allowed("192.168.1.20:8000", 8000, from_network)
    assert guard.host_allowed("mybox:8000", 8000, from_network) and guard.host_allowed("MyBox.local:8000", 8000, from_network)
    assert not guard.host_allowed("localhost:8000", 8000, from_network)  # not reached at this machine only
    assert not guard.host_allowed("evil.example:8000", 8000, from_network)
    assert not guard.host_allowed("0.0.0.0:8000", 8000, from_network)
    from_here = guard.allowed_names("0.0.0.0", "::ffff:127.0.0.1", frozenset({"mybox"}))
    assert guard.host_allowed("localhost:8000", 8000, from_here) and guard.host_allowed("127.0.0.1:8000", 8000, from_here)


def test_the_token_is_long_fresh_and_compared_whole():
    first, second = guard.new_token(), guard.new_token()
    assert first != second and len(first) >= 43
    assert guard.token_matches(first, first)
    assert not guard.token_matches(first[:-1], first) and not guard.token_matches(None, first)
    assert not guard.token_matches("é" + first[1:], first)  # any text, compared without raising


def test_the_socket_opens_only_from_the_pages_own_origin():
    assert guard.origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not guard.origin_allowed("http://127.0.0.1:18778", "127.0.0.1:8000")
    assert not guard.origin_allowed("http://evil.example", "127.0.0.1:8000")
    assert not guard.origin_allowed("null", "127.0.0.1:8000") and not guard.origin_allowed(None, "127.0.0.1:8000")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def ask(bound: str, requests: list[tuple[str, dict[str, str]]]) -> list[tuple[int, dict[str, str], str]]:
    """Run the guarded server (as `onward serve --host BOUND` would) on 127.0.0.1 and make these requests."""
    import aiohttp
    import textual_serve
    from aiohttp import web

    from tui.web.server import GuardedServer

    port = free_port()
    statics = Path(textual_serve.__file__).resolve().parent / "static"
    server = GuardedServer("true", host=bound, port=port, token=TOKEN, statics_path=statics, templates_path=HERE)
    runner = web.AppRunner(await server.make_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    answers = []
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
            for path, headers in requests:
                headers = {key: value.replace("PORT", str(port)) for key, value in headers.items()}
                async with session.get(f"http://127.0.0.1:{port}{path}", headers=headers, allow_redirects=False) as response:
                    answers.append((response.status, dict(response.headers), await response.text()))
    finally:
        await runner.cleanup()
    return answers


def test_the_server_wants_the_token_under_its_own_host():
    cookie = {"Cookie": f"onward_token_PORT={TOKEN}"}
    (bare, wrong, first, page, rebound, other_port, statics, no_token_statics) = asyncio.run(ask("127.0.0.1", [
        ("/", {}),
        ("/?token=guess", {}),
        (f"/?token={TOKEN}&fontsize=14", {}),
        ("/", cookie),
        ("/", {**cookie, "Host": "evil.example:PORT"}),
        ("/", {**cookie, "Host": "127.0.0.1:1"}),
        ("/static/js/textual.js", cookie),
        ("/static/js/textual.js", {}),
    ]))
    assert bare[0] == 403 and "Open the address <code>onward serve</code> printed" in bare[2]
    assert wrong[0] == 403
    assert first[0] == 303 and first[1]["Location"] == "/?fontsize=14"  # the token out of the address bar
    set_cookie = first[1]["Set-Cookie"]
    assert f"onward_token_" in set_cookie and TOKEN in set_cookie and "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    assert page[0] == 200 and "data-session-websocket-url" in page[2]
    assert rebound[0] == 421 and other_port[0] == 421
    assert statics[0] == 200 and no_token_statics[0] == 403


def test_the_socket_wants_the_token_and_the_pages_origin():
    cookie = {"Cookie": f"onward_token_PORT={TOKEN}"}
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    other_origin, no_origin, no_token = asyncio.run(ask("127.0.0.1", [
        ("/ws", {**upgrade, **cookie, "Origin": "http://127.0.0.1:18778"}),
        ("/ws", {**upgrade, **cookie}),
        ("/ws", {**upgrade, "Origin": "http://127.0.0.1:PORT"}),
    ]))
    assert other_origin[0] == 403 and no_origin[0] == 403 and no_token[0] == 403


def test_on_every_address_the_page_names_the_address_the_browser_used():
    """Issue: served on 0.0.0.0, the page told a browser on another machine to fetch http://0.0.0.0:8000/…"""
    hostname = socket.gethostname()
    (page,) = asyncio.run(ask("0.0.0.0", [("/", {"Cookie": f"onward_token_PORT={TOKEN}", "Host": f"{hostname}:PORT"})]))
    assert page[0] == 200
    assert "0.0.0.0" not in page[2]
    assert f'data-session-websocket-url="ws://{hostname.lower()}:' in page[2].lower()
    assert 'href="/static/css/xterm.css"' in page[2]
