"""A page that stops answering (a key handler in an endless loop) must not freeze the kiosk: the call to it
fails within LivePage's stall limit and the kiosk is told the page is gone (found by the kiosk soak, where a
key sent to a page that never answered froze the whole kiosk)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from auditor.browser import Browser
from kiosk import live_page
from kiosk.live_page import LivePage, PageGone

pytestmark = pytest.mark.kiosk

STUCK = ("data:text/html,<title>Stuck</title><input id=i autofocus>"
         "<script>document.addEventListener('keydown', e => { if (e.key === 'x') for (;;) {} });</script>")


@pytest.fixture
def browser():
    with Browser(shell=False) as running:   # (the kiosk's own browser: the full Chromium)
        yield running


def open_page(browser) -> LivePage:
    sim = SimpleNamespace(page_zoom=100, text_zoom=100, colour_vision="none")
    page = LivePage(browser, STUCK, {"127.0.0.1"}, (800, 600), sim)
    page.open()
    return page


@pytest.mark.parametrize("call", ["press", "is_done"])
def test_a_stuck_page_fails_the_call_within_the_limit_instead_of_freezing(browser, monkeypatch, call):
    monkeypatch.setattr(live_page, "STALL_S", 3.0)
    live = open_page(browser)
    try:
        live.press("a")                       # an answering page takes keys as before
        assert live.is_done({"text": "nothing like this"}) is False
        started = time.monotonic()
        with pytest.raises(PageGone, match="stopped answering for 3 s"):
            if call == "press":
                live.press("x")               # its key handler loops for ever
            else:
                live.page.evaluate("setTimeout(() => { for (;;) {} }, 100)")
                time.sleep(0.5)
                live.is_done({"text": "Stuck"})
        took = time.monotonic() - started
        assert took < 3.0 + 5.0 + 3.0, took   # the limit, the watchdog's grace, and some slack for a busy machine
    finally:
        live.close()


def test_the_next_page_opens_after_a_stuck_one(browser, monkeypatch):
    monkeypatch.setattr(live_page, "STALL_S", 3.0)
    live = open_page(browser)
    try:
        with pytest.raises(PageGone):
            live.press("x")
    finally:
        live.close()
    again = LivePage(browser, "data:text/html,<title>Fine</title><p>ok", {"127.0.0.1"}, (800, 600),
                     SimpleNamespace(page_zoom=100, text_zoom=100, colour_vision="none"))
    again.open()                              # a new context (and a new Chromium if the old one was killed)
    try:
        assert again.is_done({"text": "ok"}) is True
    finally:
        again.close()
