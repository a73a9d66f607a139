"""The live page: a real page in headless Chromium, streamed into the kiosk with CDP's screencast.

Pages come from :class:`auditor.browser.Browser` (the only module that imports Playwright). Frames arrive as
JPEG through ``Page.screencastFrame``; with Playwright's sync API, CDP events are only delivered while a
Playwright call is running, so the kiosk calls :meth:`LivePage.pump`, which runs Playwright's event loop
in this process (``auditor.browser.EventPump``: no round trip to the driver or the page) until a new frame
arrives or the time asked for is up, plus, for tunnel vision, a small evaluate of the focused element's box ten times a
second.

The persona's browser-side simulation is applied here: page zoom (device metrics: a smaller CSS viewport
at a higher device scale factor), text zoom (``Page.setFontSizes``) and colour vision
(``Emulation.setEmulatedVisionDeficiency``). Pixel effects (blur, contrast, tunnel vision, curtain) are in
kiosk/effects.py. Navigation is held to the scenario's hosts: other requests are aborted, and a link or form to
another host leaves the visitor on the page they were on (never on a browser error page).
"""

from __future__ import annotations

import base64
import contextlib
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from auditor.browser import ContextOptions

DEFAULT_FONT = 16
DEFAULT_FIXED_FONT = 13
PUMP_MS = 2  # how long each pump lets Playwright deliver events
FOCUS_EVERY_S = 0.1
STALL_S = 10.0  # a call to the page not answered within this: the page is stuck (LivePage._guarded)
MOTION_GAP_S = 0.1  # a frame that scrolled, or came less than this after the one before: the page is moving
SETTLE_S = 0.2  # no frame and no input for this long after the page moved: the screencast is restarted for one
# fresh frame
_PUMP_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2, r.width, r.height];
}"""
_FACTS = """() => {
  const root = document.scrollingElement || document.documentElement;
  const e = document.activeElement;
  const focused = (!e || e === document.body) ? "" :
    (e.localName + (e.id ? "#" + e.id : "") + " " + (e.innerText || e.value || e.placeholder || "")).trim().slice(0, 60);
  return {url: location.href, title: document.title, page_width: root.scrollWidth, view_width: innerWidth,
          focused};
}"""
_HAS_TEXT = """(wanted) => {
  const norm = s => (s || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  return norm(document.body ? document.body.innerText : '').includes(norm(wanted));
}"""


class PageGone(Exception):
    """Chromium (or the page) died; the kiosk goes back to the attract screen."""


@dataclass
class Frame:
    data: bytes
    seq: int
    captured: float  # wall-clock seconds when Chromium captured it
    css_size: tuple[int, int]


def host_allowed(url: str, allowed: set[str]) -> bool:
    """http(s) to an allowed host (``host``, ``host:port`` or ``*.domain``); data: and blob: are in-page."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    with_port = f"{host}:{parts.port}" if parts.port else host
    for entry in allowed:
        entry = entry.lower()
        if entry in (host, with_port):
            return True
        if entry.startswith("*.") and (host == entry[2:] or host.endswith(entry[1:])):
            return True
    return False


def allowed_hosts_for(start_url: str, scenario_hosts: tuple[str, ...]) -> set[str]:
    host = urlsplit(start_url).hostname or ""
    return {h for h in (*scenario_hosts, host) if h}


class LivePage:
    """One visitor's page: open it, pump it, send it input, check whether the task is done, close it."""

    def __init__(self, browser: Any, url: str, allowed: set[str], viewport: tuple[int, int], simulation: Any,
                 simulation_on: bool = True, quality: int = 80) -> None:
        self.browser = browser
        self.url = url
        self.allowed = allowed
        self.viewport = viewport
        self.simulation = simulation
        self.simulation_on = simulation_on
        self.quality = quality
        self.context = None
        self.page = None
        self.cdp = None
        self.events = None  # auditor.browser.EventPump
        self.frame: Frame | None = None
        self._seq = 0
        self.visited: list[str] = []
        self.blocked: list[str] = []
        self.last_event = 0.0  # time.monotonic() of the last frame, navigation or request seen
        self.focus: tuple[float, float, float, float] | None = None
        self.track_focus = False
        self._focus_at = 0.0
        self._frame_at = 0.0  # time.monotonic() when the last frame came
        self._input_at = 0.0  # ... and when the last input was sent
        self._scroll: tuple[float, float] | None = None  # the page's scroll offset in the last frame
        self._settle = False  # the last frame was of a moving page: fetch a fresh one once it is still
        self._refreshing = False  # the screencast was restarted: its next frame is the fresh one

    # -- lifecycle -------------------------------------------------------------------------------
    def open(self) -> None:
        try:
            self.context = self.browser.new_context(ContextOptions(width=self.viewport[0], height=self.viewport[1]))
            self.context.route("**/*", self._route)
            self.page = self.context.new_page()
            self.page.on("framenavigated", self._on_navigated)
            self.cdp = self.browser.cdp(self.page)
            self.events = self.browser.pump(self.page)
            self.cdp.on("Page.screencastFrame", self._on_frame)
            self.apply_simulation(self.simulation_on)
            self.page.goto(self.url, wait_until="domcontentloaded")
            self._start_screencast()
        except PageGone:
            raise
        except Exception as exc:
            self.close()
            raise PageGone(_first_line(exc)) from None

    def _start_screencast(self) -> None:
        w, h = self.css_size
        self.cdp.send("Page.startScreencast", {"format": "jpeg", "quality": self.quality,
                                               "maxWidth": w, "maxHeight": h, "everyNthFrame": 1})

    def _refresh_when_still(self) -> None:
        """Chromium skips screencast frames while earlier ones are unacknowledged, and the kiosk acknowledges
        them only when it pumps: on a busy machine the last frames of a smooth scroll can be dropped, leaving
        the view on a half-scrolled page until something else changes. So once a moving page has sent no
        frame for SETTLE_S, the screencast is restarted, and Chromium sends one frame of the page as it is. Not
        within SETTLE_S of input: the frame it causes is on its way, and a restart would only hold it up."""
        if not self._settle or time.monotonic() - max(self._frame_at, self._input_at) < SETTLE_S:
            return
        self._settle, self._refreshing = False, True
        self._send("Page.stopScreencast", {})
        try:
            self._start_screencast()
        except Exception as exc:
            raise PageGone(_first_line(exc)) from None

    def close(self) -> None:
        """Close the context: cookies, storage and history go with it (the next visitor sees nothing)."""
        if self.context is not None:
            with contextlib.suppress(Exception):
                self.context.close()
        self.context = self.page = self.cdp = self.events = None

    # -- simulation ------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return (self.simulation.page_zoom / 100) if self.simulation_on else 1.0

    @property
    def css_size(self) -> tuple[int, int]:
        """The page's CSS viewport: the view's size divided by the page zoom."""
        z = self.zoom
        return max(1, round(self.viewport[0] / z)), max(1, round(self.viewport[1] / z))

    def apply_simulation(self, on: bool) -> None:
        self.simulation_on = on
        s = self.simulation
        w, h = self.css_size
        self._send("Emulation.setDeviceMetricsOverride",
                   {"width": w, "height": h, "deviceScaleFactor": self.zoom, "mobile": False})
        text = s.text_zoom / 100 if on else 1.0
        self._send("Page.setFontSizes", {"fontSizes": {"standard": round(DEFAULT_FONT * text),
                                                       "fixed": round(DEFAULT_FIXED_FONT * text)}})
        vision = s.colour_vision if on and s.colour_vision != "none" else "none"
        self._send("Emulation.setEmulatedVisionDeficiency", {"type": vision})
        if self.frame is not None:  # restart the screencast at the new size
            self._send("Page.stopScreencast", {})
            self._start_screencast()

    def _send(self, method: str, params: dict) -> Any:
        try:
            return self.cdp.send(method, params)
        except Exception as exc:
            raise PageGone(_first_line(exc)) from None

    # -- events from Chromium --------------------------------------------------------------------
    def _on_frame(self, params: dict) -> None:
        self.last_event = self._frame_at = time.monotonic()
        meta = params.get("metadata", {})
        captured = float(meta.get("timestamp", time.time()))
        scroll = (float(meta.get("scrollOffsetX", 0)), float(meta.get("scrollOffsetY", 0)))
        moved = self.frame is not None and (scroll != self._scroll or captured - self.frame.captured < MOTION_GAP_S)
        self._settle, self._refreshing = moved and not self._refreshing, False
        self._scroll = scroll
        self._seq += 1
        self.frame = Frame(base64.b64decode(params["data"]), self._seq, captured,
                           (int(meta.get("deviceWidth", 0)), int(meta.get("deviceHeight", 0))))
        if self.events is not None:
            self.events.wake()
        with contextlib.suppress(Exception):
            self.cdp.send("Page.screencastFrameAck", {"sessionId": params["sessionId"]})

    def _on_navigated(self, frame: Any) -> None:
        self.last_event = time.monotonic()
        if self.page is not None and frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _route(self, route: Any) -> None:
        self.last_event = time.monotonic()  # a page loading: its requests wait for a pump (see LiveScene.lively)
        url = route.request.url
        if host_allowed(url, self.allowed):
            route.continue_()
            return
        self.blocked.append(url)
        if route.request.is_navigation_request():
            # Aborting a navigation would show Chromium's error page ("This page has been blocked") in its
            # place; an empty 204 answer makes Chromium stay on the page the visitor was on.
            route.fulfill(status=204, body="")
        else:
            route.abort("blockedbyclient")

    # -- calls from the kiosk loop ---------------------------------------------------------------
    def pump(self, wait_s: float = 0.0) -> None:
        """Let Playwright deliver pending CDP events (frames, navigations), waiting up to ``wait_s`` for a new
        frame (it returns as soon as one has come); note where the focus is."""
        if self.page is None:
            raise PageGone("the page is closed")
        now = time.monotonic()
        try:
            if self.track_focus and now - self._focus_at >= FOCUS_EVERY_S:
                self._focus_at = now
                result = self._guarded(self.page.evaluate, _PUMP_FOCUS)
                self.focus = tuple(result) if result else None
            else:
                self.events.run(max(wait_s, PUMP_MS / 1000))
            self._refresh_when_still()
        except PageGone:
            raise
        except Exception as exc:
            if not self.browser.alive or self.page.is_closed():
                raise PageGone(_first_line(exc)) from None
            # mid-navigation: the execution context went away; try again next frame
            return
        if not self.browser.alive or self.page.is_closed():  # a local pump raises nothing when Chromium dies
            raise PageGone("Chromium closed the page")

    def press(self, key: str) -> None:
        self._call(self.page.keyboard.press, key)

    def type(self, text: str) -> None:
        self._call(self.page.keyboard.type, text)

    def click(self, x: float, y: float) -> None:
        self._call(self.page.mouse.click, x, y)

    def move(self, x: float, y: float) -> None:
        self._call(self.page.mouse.move, x, y)

    def wheel(self, dy: float) -> None:
        self._call(self.page.mouse.wheel, 0, dy)

    def _call(self, fn: Any, *args: Any) -> None:
        self._input_at = time.monotonic()
        try:
            self._guarded(fn, *args)
        except PageGone:
            raise
        except Exception as exc:
            if not self.browser.alive or self.page is None or self.page.is_closed():
                raise PageGone(_first_line(exc)) from None

    def _guarded(self, fn: Any, *args: Any) -> Any:
        """Call the page, but never wait on it for ever: a page that has not taken a key, click or script
        within STALL_S (a script in an endless loop, a renderer that stopped answering) has its renderer
        killed, then Chromium, so the call fails and the kiosk goes back to the attract screen (found by
        the kiosk soak: a key sent to a stuck page froze the kiosk for good)."""
        guard = self.browser.watchdog(STALL_S)
        with guard:
            try:
                result = fn(*args)
            except Exception:
                if guard.fired:
                    raise PageGone(f"the page stopped answering for {STALL_S:g} s") from None
                raise
        if guard.fired:
            raise PageGone(f"the page stopped answering for {STALL_S:g} s")
        return result

    def facts(self) -> dict[str, Any]:
        """Where the visitor is: ``url``, ``title``, ``focused`` ("input#pc Postcode"; "" for none),
        ``page_width`` and ``view_width`` (CSS px) and
        ``scrolls_sideways`` (the page is wider than the view: reading it means scrolling left and right).
        {} when the page cannot be asked."""
        if self.page is None:
            return {}
        try:
            facts = dict(self._guarded(self.page.evaluate, _FACTS))
        except Exception:
            return {}
        facts["scrolls_sideways"] = facts["page_width"] > facts["view_width"] + 1
        return facts

    @property
    def current_url(self) -> str:
        return self.page.url if self.page is not None else ""

    def is_done(self, done: dict | None, fallback_text: str = "") -> bool:
        """The scenario's done condition: ``{"url": ...}`` (a path or URL reached) or ``{"text": ...}``."""
        if self.page is None:
            return False
        want_url = (done or {}).get("url")
        want_text = (done or {}).get("text") or ("" if done else fallback_text)
        if want_url and not url_matches(self.page.url, want_url):
            return False
        if want_text:
            try:
                return bool(self._guarded(self.page.evaluate, _HAS_TEXT, want_text))
            except PageGone:
                raise
            except Exception:
                return False
        return bool(want_url)


def url_matches(current: str, wanted: str) -> bool:
    """A done URL matches the current one exactly, or as a path (``/confirmation`` matches
    ``http://host/accessible/confirmation``); query strings and fragments are ignored."""
    cur = urlsplit(current)
    if re.match(r"^[a-z]+://", wanted):
        w = urlsplit(wanted)
        return (cur.hostname, cur.port, cur.path.rstrip("/")) == (w.hostname, w.port, w.path.rstrip("/"))
    path = urlsplit(wanted).path.rstrip("/")
    return bool(path) and (cur.path.rstrip("/") == path or cur.path.rstrip("/").endswith(path if path.startswith("/")
                                                                                        else "/" + path))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
