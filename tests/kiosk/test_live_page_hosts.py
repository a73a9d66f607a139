"""The live page keeps the visitor on the scenario's hosts without ever showing Chromium's error page: a link,
a form or a script that goes to another host leaves the visitor where they were (found by the kiosk soak:
an aborted navigation showed "This page has been blocked" in the kiosk)."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from types import SimpleNamespace

import pytest

from auditor.browser import Browser
from kiosk.live_page import LivePage, allowed_hosts_for

pytestmark = pytest.mark.kiosk

PAGE = b"""<!doctype html><html lang="en"><head><title>Start</title></head><body>
<a id="out" href="http://elsewhere.example/">Elsewhere</a>
<a id="in" href="/next.html">Next</a>
<form action="http://elsewhere.example/send"><button id="send">Send</button></form>
<iframe id="frame" title="outside" src="about:blank"></iframe>
</body></html>"""
NEXT = b"<!doctype html><title>Next</title><p>Next page</p>"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = NEXT if self.path.startswith("/next") else PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def live():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/start.html"
    sim = SimpleNamespace(page_zoom=100, text_zoom=100, colour_vision="none")
    with Browser(shell=False) as browser:   # (the kiosk's own browser: the full Chromium)
        page = LivePage(browser, url, allowed_hosts_for(url, ()), (800, 600), sim)
        page.open()
        try:
            yield page
        finally:
            page.close()
            server.shutdown()


def settle(live: LivePage, until, timeout_s: float = 15.0) -> None:
    """Pump until ``until()`` holds (at most ``timeout_s``), then a little longer for what follows from it."""
    deadline = time.monotonic() + timeout_s
    while not until() and time.monotonic() < deadline:
        live.pump()
        live.page.wait_for_timeout(20)
    for _ in range(10):
        live.pump()
        live.page.wait_for_timeout(20)
    live.page.wait_for_load_state("load")


@pytest.mark.parametrize("how", ["link", "form", "script", "frame"])
def test_going_to_another_host_stays_on_the_page_without_an_error_page(live, how):
    start = live.page.url
    if how == "link":
        live.page.click("#out")
    elif how == "form":
        live.page.click("#send")
    elif how == "script":
        live.page.evaluate("location.href = 'http://elsewhere.example/js'")
    else:
        live.page.evaluate("document.getElementById('frame').src = 'http://elsewhere.example/framed'")
    settle(live, lambda: any("elsewhere.example" in u for u in live.blocked))
    assert live.page.url == start
    assert [u for u in live.visited if u.startswith("chrome-error:")] == []
    assert all(not f.url.startswith("chrome-error:") for f in live.page.frames)
    assert any("elsewhere.example" in u for u in live.blocked)
    assert live.page.title() == "Start"


def test_links_on_the_allowed_host_still_work(live):
    live.page.click("#in")
    settle(live, lambda: live.page.url.endswith("/next.html"))
    assert live.page.url.endswith("/next.html") and live.page.title() == "Next" and live.blocked == []
