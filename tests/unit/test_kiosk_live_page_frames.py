"""LivePage's screencast frames without a browser: after the page moved, one fresh frame once it is still
(Chromium may have skipped the last frames of a scroll, leaving the view half-scrolled)."""

import base64
from types import SimpleNamespace

import pytest

from kiosk import live_page
from kiosk.live_page import SETTLE_S, LivePage
from tests.unit.fakes import Clock, FakeKeyboard


class FakeCdp:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, method: str, params: dict | None = None) -> dict:
        self.sent.append(method)
        return {}

    def restarts(self) -> int:
        return self.sent.count("Page.startScreencast")


class FakePump:
    def run(self, seconds: float) -> None:
        pass

    def wake(self) -> None:
        pass


class FakePlaywrightPage:
    def is_closed(self) -> bool:
        return False


class FakeBrowser:
    alive = True


@pytest.fixture
def page(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(live_page.time, "monotonic", clock)
    live = LivePage(FakeBrowser(), "http://127.0.0.1/", {"127.0.0.1"}, (1280, 676),
                    SimpleNamespace(page_zoom=100))
    live.page, live.cdp, live.events = FakePlaywrightPage(), FakeCdp(), FakePump()
    return live, clock


def frame(live: LivePage, clock: Clock, after_s: float, scroll_y: float = 0.0) -> None:
    """Chromium sends a frame ``after_s`` after the last one, captured as it arrives."""
    clock.now += after_s
    live._on_frame({"sessionId": 1, "data": base64.b64encode(b"jpeg").decode(),
                    "metadata": {"timestamp": clock.now, "scrollOffsetY": scroll_y,
                                 "deviceWidth": 1280, "deviceHeight": 676}})


def still_for(live: LivePage, clock: Clock, seconds: float) -> None:
    """The kiosk's loop pumping while no frame comes."""
    end = clock.now + seconds
    while clock.now < end:
        clock.now += 0.02
        live.pump()


def test_a_scroll_that_stops_is_followed_by_one_fresh_frame(page):
    live, clock = page
    frame(live, clock, 0)
    frame(live, clock, 0.5, scroll_y=90)            # the first frame of a smooth scroll; the rest were skipped
    still_for(live, clock, SETTLE_S - 0.05)
    assert live.cdp.restarts() == 0, "not while it may still be moving"
    still_for(live, clock, 0.1)
    assert live.cdp.sent == ["Page.screencastFrameAck", "Page.screencastFrameAck",
                             "Page.stopScreencast", "Page.startScreencast"]
    frame(live, clock, 0.02, scroll_y=453)          # the fresh frame: the page as it is
    still_for(live, clock, 1)
    assert live.cdp.restarts() == 1, "the fresh frame is not followed by another"


def test_frames_close_together_count_as_moving(page):
    live, clock = page
    frame(live, clock, 0)
    for _ in range(3):                              # an animation that does not scroll
        frame(live, clock, 0.04)
    still_for(live, clock, 1)
    assert live.cdp.restarts() == 1


def test_a_single_change_is_not_fetched_again(page):
    """A Tab's one frame: nothing can have been skipped after it, and nothing is asked for."""
    live, clock = page
    frame(live, clock, 0)
    frame(live, clock, 0.8)
    still_for(live, clock, 1)
    frame(live, clock, 0.5)
    still_for(live, clock, 1)
    assert live.cdp.restarts() == 0


class FakeWatchdog:
    fired = False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


def test_no_restart_right_after_input(page):
    """A key sent just before the page would count as still: its own frame is on its way, so the restart waits
    until SETTLE_S after the key too."""
    live, clock = page
    live.page.keyboard = FakeKeyboard()
    live.browser.watchdog = lambda seconds: FakeWatchdog()
    frame(live, clock, 0)
    frame(live, clock, 0.5, scroll_y=90)
    clock.now += SETTLE_S - 0.05
    live.press("Tab")
    still_for(live, clock, SETTLE_S - 0.05)
    assert live.cdp.restarts() == 0
    still_for(live, clock, 0.1)
    assert live.cdp.restarts() == 1
