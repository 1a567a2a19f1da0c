"""`onward serve` killed (kill -9: no chance to tell its tabs' apps) leaves no app behind: each tab's app sees its
input end, saves what its editors hold, as on a closed terminal, and ends. Driven over the app's WebSocket
with aiohttp (textual-serve's own dependency), no browser."""

from __future__ import annotations

import importlib.util
import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.app.test_hangup import kept_text

# aiohttp (textual-serve's) is imported by the tests that use it: imported here, every worker of the suite
# collecting this file held it (~12 MB each).
pytestmark = pytest.mark.skipif(importlib.util.find_spec("aiohttp") is None, reason="aiohttp (onward[web]) is not installed")

TODAY = "2026-11-27"
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b.")


def onward(journal: Path, *argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ONWARD_TODAY=TODAY)
    return subprocess.run([sys.executable, "-m", "tui", "--db", str(journal), *argv], capture_output=True, text=True, env=env, timeout=60)


def app_processes(journal: Path) -> list[int]:
    """The processes running the app on `journal` (not `onward serve` itself), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(journal).encode() in command and b"serve" not in command:
                found.append(int(entry.name))
    return found


def start_serving(journal: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(journal), "serve", "--port", str(port)],
        env=dict(os.environ, ONWARD_TODAY=TODAY), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line)
        if found:
            threading.Thread(target=server.stdout.read, daemon=True).start()
            return server, found.group(0)
    raise AssertionError("onward serve printed no address")


async def type_then_kill_the_server(server: subprocess.Popen, printed: str, journal: Path, typed: str) -> None:
    import aiohttp

    base, token = printed.split("/?token=")
    port = base.rsplit(":", 1)[1]
    headers = {"Origin": base, "Cookie": f"onward_token_{port}={token}"}
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=120&height=40", headers=headers) as app_socket:
            screen = ""

            async def until_shown(text: str) -> None:
                nonlocal screen
                while text not in ESCAPES.sub("", screen):
                    message = await asyncio.wait_for(app_socket.receive(), 30)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        screen += message.data.decode("utf-8", "replace")
                    elif message.type != aiohttp.WSMsgType.TEXT:
                        raise AssertionError(f"the socket closed before {text!r} showed")

            await until_shown("Waiting to hear")
            await app_socket.send_json(["stdin", "e"])
            await until_shown("Reflecting on")
            await app_socket.send_json(["stdin", "\t"])  # to the feelings, a line of text
            await app_socket.send_json(["stdin", typed])
            await until_shown(typed)  # the app has it (its autosave waits for a second's pause: not yet)
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_killing_the_server_ends_each_tabs_app_saving_what_its_editor_showed(tmp_path):
    journal = tmp_path / "journal.db"
    assert onward(journal, "add", "Birch", "Designer", "--date", "yesterday").returncode == 0
    assert onward(journal, "log", "1", "rejected").returncode == 0
    server, printed = start_serving(journal)
    typed = "typed before the server died"
    try:
        asyncio.run(type_then_kill_the_server(server, printed, journal, typed))
        for _ in range(300):  # at most 15 s (it takes about one: the hang-up's grace bounds it)
            if not app_processes(journal):
                break
            time.sleep(0.05)
        left = app_processes(journal)
    finally:
        if server.poll() is None:
            server.kill()
        for pid in app_processes(journal):
            os.kill(pid, signal.SIGKILL)
    assert left == [], "the tab's app kept running after its server was killed"
    assert any(typed in text for text in kept_text(journal)), "what the editor showed was lost"


def test_only_the_web_driver_is_changed():
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.drivers.web_driver import WebDriver

    from tui.web.driver import ending_with_its_tab

    app = object()
    assert ending_with_its_tab(HeadlessDriver, app) is HeadlessDriver  # type: ignore[arg-type]
    served = ending_with_its_tab(WebDriver, app)  # type: ignore[arg-type]
    assert served is not WebDriver and issubclass(served, WebDriver)
