"""`onward serve` in a real browser: Debian's Chromium driven by Playwright (no browser download), with every
request that does not go to the server itself blocked and counted. What the app draws is read from the
terminal stream the page receives (xterm.js draws it on a canvas)."""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Playwright is imported by the fixture that starts the browser: imported here, every worker of the suite
# collecting this file held it (~9 MB each).
if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MISSING = "Chromium (apt-get install chromium) and Playwright (the test extra) are needed" if (
    importlib.util.find_spec("playwright") is None or not Path(CHROMIUM).exists()
) else None
if MISSING and os.environ.get("CI"):
    raise RuntimeError(f"{MISSING}: .ci/run installs both, so CI must have them")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

TODAY = "2026-11-27"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
# Keeps what the server sends the terminal (it draws on a canvas, so the page's text is not in the DOM).
RECORD_STREAM = """
window.__onward = [];
const Real = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new Real(url, protocols);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") window.__onward.push(new TextDecoder().decode(event.data));
  });
  return socket;
};
window.WebSocket.prototype = Real.prototype;
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _onward(*argv: str, journal: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ONWARD_TODAY=TODAY)
    return subprocess.run([sys.executable, "-m", "tui", "--db", str(journal), *argv], capture_output=True, text=True, env=env, timeout=60)


class Served:
    def __init__(self, journal: Path, port: int, browser: Browser, printed: str) -> None:
        self.journal, self.port, self.browser = journal, port, browser
        self.printed = printed  # the address `onward serve` printed, with its token
        self.outside: list[str] = []
        self.local: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def new_context(self):
        return self.browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 800})

    def open(self) -> Page:
        """A new tab on the app (a new app process on the same journal), its first screen drawn."""
        context = self.new_context()

        def only_this_machine(route) -> None:
            url = route.request.url
            if url.startswith(self.url):
                self.local.append(url)
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        context.route("**/*", only_this_machine)
        context.add_init_script(RECORD_STREAM)
        page = context.new_page()
        page.goto(self.printed)
        wait_for_text(page, "Waiting to hear")
        page.click("#terminal")
        return page


def stream(page: Page) -> str:
    """What the app has drawn so far, escape sequences taken out."""
    return re.sub(r"\x1b\[[0-9;?<>=]*[a-zA-Z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b.", "", page.evaluate("window.__onward.join('')"))


def wait_for_text(page: Page, text: str, timeout_ms: int = 20_000) -> None:
    page.wait_for_function("(text) => window.__onward.join('').includes(text)", arg=text, timeout=timeout_ms)


EVIL = "evil.example"


def _printed_address(server: subprocess.Popen) -> str:
    """The address with the token `onward serve` prints once it listens."""
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line)
        if found:
            # what it logs after (a line a request) is read on, so the pipe never fills and stops the server
            threading.Thread(target=server.stdout.read, daemon=True).start()
            return found.group(0)
    raise AssertionError(f"onward serve printed no address: {server.stderr.read() if server.stderr else ''}")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    journal = tmp_path_factory.mktemp("served") / "journal.db"
    assert _onward("add", "Birch", "Designer", "--date", "yesterday", journal=journal).returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(journal), "serve", "--port", str(port)],
        env=dict(os.environ, ONWARD_TODAY=TODAY), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        printed = _printed_address(server)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            # evil.example leads to this machine, as a DNS-rebinding attacker's name would
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {EVIL} 127.0.0.1"])
            try:
                yield Served(journal, port, browser, printed)
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_inbox_opens_with_nothing_fetched_from_outside_and_a_text_badge(served):
    page = served.open()
    assert "Birch" in stream(page)
    assert re.search(r"streak \d", stream(page)) and "🔥" not in stream(page)  # words: a browser may have no emoji font
    page.wait_for_load_state("networkidle")
    assert served.outside == []
    assert any("/static/fonts/RobotoMono" in url for url in served.local)  # the font comes from the server
    page.context.close()


def test_keys_reach_the_app_3_shows_the_wall_and_help_names_the_browser_keys(served):
    page = served.open()
    page.keyboard.press("3")
    wait_for_text(page, "Wins wall")
    page.keyboard.press("2")
    wait_for_text(page, "Reflections")
    page.keyboard.press("?")
    wait_for_text(page, "In the browser, F2 asks for advice")
    page.context.close()


def add_application(page: Page, company: str, role: str) -> None:
    """n, the company, Tab, the role, Ctrl+S: typed in the browser as a person would."""
    page.keyboard.press("n")
    wait_for_text(page, "New application")
    page.keyboard.type(company)
    page.keyboard.press("Tab")
    page.keyboard.type(role)
    page.keyboard.press("Control+s")
    wait_for_text(page, company)


def test_a_new_application_typed_in_the_browser_is_in_the_journal(served):
    page = served.open()
    add_application(page, "Acme Browser", "Analyst")
    for _ in range(50):
        listed = _onward("list", journal=served.journal).stdout
        if "Acme Browser" in listed:
            break
        page.wait_for_timeout(100)
    assert "Acme Browser — Analyst" in listed
    page.context.close()


def test_escape_asks_before_discarding_what_was_typed(served):
    page = served.open()
    page.keyboard.press("n")
    wait_for_text(page, "New application")
    page.keyboard.type("Cedar Half-typed")
    page.keyboard.press("Escape")
    wait_for_text(page, "Discard what you typed?")
    page.keyboard.press("y")
    page.wait_for_timeout(300)
    assert "Cedar Half-typed" not in _onward("list", journal=served.journal).stdout
    page.context.close()


def test_an_export_arrives_as_a_download_not_a_file_on_the_server(served, tmp_path, monkeypatch):
    page = served.open()
    downloads: list = []
    page.context.on("page", lambda popup: popup.on("download", lambda download: downloads.append(download)))
    page.on("download", lambda download: downloads.append(download))
    page.keyboard.press("Control+p")
    wait_for_text(page, "Search for commands")
    page.keyboard.type("data: export")
    page.wait_for_timeout(500)
    page.keyboard.press("Enter")
    wait_for_text(page, "Download")
    page.keyboard.press("Control+s")
    for _ in range(100):
        if downloads:
            break
        page.wait_for_timeout(100)
    assert downloads, "no download reached the browser"
    download = downloads[0]
    assert download.suggested_filename == f"onward-{TODAY}.json"
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert any(a["company"] == "Birch" for a in exported["applications"])
    assert not list(Path.home().glob("onward-*.json"))  # nothing written on the server's side
    page.context.close()


def _app_processes(journal: Path) -> list[int]:
    """The app processes serving tabs on `journal` (not the server itself), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if str(journal).encode() in command and b" serve " not in command + b" " and b"tui" in command:
            found.append(int(entry.name))  # the app, or a shell textual-serve started it through
    return found


def test_closing_the_tab_ends_its_app_and_keeps_what_was_saved(served):
    """Issue 29 in browser mode: a closed tab leaves no process behind (one per visit would pile up). It ends
    within a second or two; the wait here is longer so a busy machine can't fail it (DESIGN rule 14)."""
    page = served.open()
    assert _app_processes(served.journal), "the tab's app is running"
    add_application(page, "Closed Tab Co", "Analyst")
    for _ in range(100):  # saved (what the page shows includes the company as soon as it is typed)
        if "Closed Tab Co" in _onward("list", journal=served.journal).stdout:
            break
        page.wait_for_timeout(100)
    page.context.close()
    for _ in range(300):  # at most 15 s
        if not _app_processes(served.journal):
            break
        time.sleep(0.05)
    assert _app_processes(served.journal) == []
    assert "Closed Tab Co" in _onward("list", journal=served.journal).stdout


def test_only_the_printed_address_opens_the_app_and_no_other_page_can_drive_it(served):
    """Issue: any page could open the app's socket and type into it (cross-site WebSocket hijacking), any name
    could lead to it (DNS rebinding), and anyone on this machine could open it. Now each needs the token."""
    context = served.new_context()
    page = context.new_page()
    refused = page.goto(served.url)  # no token
    assert refused is not None and refused.status == 403
    assert "Open the address onward serve printed" in page.inner_text("body")
    token = served.printed.split("token=", 1)[1]
    rebound = page.goto(f"http://{EVIL}:{served.port}/?token={token}")  # a name that leads here, even with the token
    assert rebound is not None and rebound.status == 421
    opened = page.goto(served.printed)  # the address printed: its cookie kept, the token out of the address bar
    assert opened is not None and opened.status == 200 and page.url == served.url
    # A page from elsewhere on this machine (another port: the same site, so the browser sends the cookie)
    # tries the app's socket, as the tester's page did.
    evil_page = f"""<script>
      window.result = "pending";
      const socket = new WebSocket("ws://127.0.0.1:{served.port}/ws");
      socket.onopen = () => {{ window.result = "opened"; socket.send(JSON.stringify(["stdin", "n"])); }};
      socket.onclose = () => {{ if (window.result === "pending") window.result = "refused"; }};
    </script>"""
    with _page_server(evil_page) as other:  # a real server: Chromium lets only a page on this machine reach it
        evil = context.new_page()
        evil.goto(other)
        evil.wait_for_function("() => window.result !== 'pending'", timeout=20_000)
        assert evil.evaluate("window.result") == "refused"
    context.close()


@contextmanager
def _page_server(html: str) -> Iterator[str]:
    """Serve `html` from another port of this machine; yields its address."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_closing_the_tab_keeps_what_the_reflection_editor_showed(served):
    """Issue: text typed in a reflection and shown on screen was lost when the tab closed within a second (the
    tab's end skipped the editors' save). Closed at once after the last word shows, it is kept."""
    assert _onward("log", "1", "rejected", journal=served.journal).returncode == 0
    page = served.open()
    page.keyboard.press("e")
    wait_for_text(page, "Reflecting on")
    page.keyboard.press("Tab")  # to the feelings, a line of text
    typed = "QQQ jumps over LAST"
    page.keyboard.type(typed)
    wait_for_text(page, typed)  # on screen: the app has it (the editor saves after a second's pause: not yet)
    page.context.close()
    for _ in range(300):  # at most 15 s
        if not _app_processes(served.journal):
            break
        time.sleep(0.05)
    assert _app_processes(served.journal) == []
    assert any(typed in text for text in _kept_text(served.journal)), "what the editor showed was lost"


def _kept_text(path: Path) -> list[str]:
    """Every text the journal keeps for reflections: saved reflections' fields and drafts' values."""
    from tests.app.test_hangup import kept_text

    return kept_text(path)
