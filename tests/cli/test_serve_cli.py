"""`onward serve`: this machine only unless asked, one-line refusals, and each browser tab runs the app on the
journal given (the browser itself is driven in tests/web)."""

import socket
import sys

import pytest

from tui import web


@pytest.fixture
def served_with(monkeypatch):
    """Run `onward serve` without listening: returns what its server (textual-serve's, guarded) was given."""
    from tui.web.server import GuardedServer

    given: dict = {}

    def serve(self):
        given.update(
            host=self.host, port=self.port, command=self.command, token=self.token, templates_path=self.templates_path,
            urls=self.urls(), served=True,
        )

    monkeypatch.setattr(GuardedServer, "serve", serve)
    return given


def test_serve_listens_on_this_machine_only_by_default_with_onwards_own_page(onward, journal_path, served_with):
    status, _, err = onward("serve", "--port", "8123")
    assert status == 0 and "trust" not in err
    assert served_with["host"] == "127.0.0.1" and served_with["port"] == 8123 and served_with["served"]
    assert served_with["templates_path"] == web.HERE and (web.HERE / "app_index.html").exists()
    # exec: the app is the server's child itself (no shell in between), so the server's end reaches it
    assert served_with["command"].split()[:4] == ["exec", sys.executable, "-m", "tui"] and str(journal_path) in served_with["command"]
    assert served_with["urls"] == [f"http://127.0.0.1:8123/?token={served_with['token']}"] and len(served_with["token"]) >= 43


def test_the_page_fetches_nothing_from_outside():
    page = (web.HERE / "app_index.html").read_text(encoding="utf-8")
    assert "googleapis" not in page and "https://" not in page and "http://" not in page
    assert "{{ config.static.url }}fonts/RobotoMono" in page


def test_another_host_is_served_only_when_asked_and_warns_the_address_is_the_key(onward, served_with):
    status, _, err = onward("serve", "--host", "0.0.0.0", "--port", "8124")
    assert status == 0 and served_with["host"] == "0.0.0.0"
    assert "the address printed below is the key" in err and "Plain http" in err and "network you trust" in err
    token = served_with["token"]
    urls = served_with["urls"]
    assert urls[:2] == [f"http://127.0.0.1:8124/?token={token}", f"http://{socket.gethostname()}:8124/?token={token}"]
    assert all(url.endswith(f":8124/?token={token}") and "0.0.0.0" not in url for url in urls)


def test_a_port_in_use_is_refused_in_one_line(onward, journal_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, out, err = onward("serve", "--port", str(port))
    assert status == 2 and out == ""
    assert err.startswith(f"onward: Can't listen on 127.0.0.1:{port}") and "--port" in err and err.count("\n") == 1


def test_a_port_out_of_range_is_refused(onward):
    status, _, err = onward("serve", "--port", "70000")
    assert status == 2 and "70000 is not a port" in err


def test_without_the_web_extra_it_says_how_to_install_it(onward, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # an import of it fails as if not installed
    status, _, err = onward("serve", "--port", "8125")
    assert status == 2 and "pip install 'onward[web]'" in err


def test_the_badge_and_greeting_lose_the_flame_in_a_browser():
    from tui.domain.streak import StreakSummary, TodayState, without_flame
    from tui.widgets.streak_badge import badge_text

    summary = StreakSummary(current=4, longest=4, freezes=0, today=TodayState.DONE)
    assert badge_text(summary).plain == "🔥 4 ✓" and badge_text(summary, emoji=False).plain == "streak 4 ✓"
    assert without_flame("🔥 4-day streak, today done.") == "4-day streak, today done."
