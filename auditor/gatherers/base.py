"""What every gatherer is, and the session it works in.

A gatherer lives in ``auditor/gatherers/<name>.py`` and defines::

    NAME = "tabwalk"        # the key of its artifact
    ORDER = 40              # gatherers run in ascending ORDER on the same page (those that move focus
                            # or change the page run late; axe and DOM facts run first)
    def gather(session: GatherSession) -> dict: ...   # plain JSON only

Gatherers never import Playwright: they call methods on the page objects the session hands them.
A gatherer that raises is recorded as ``{"error": "..."}`` and the others go on; probes skip it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from auditor.browser import Browser, ContextOptions

_COMMON_JS: str | None = None


def common_js() -> str:
    """The shared page-side helpers (window.__elab: selector, box, visible, snippet, text)."""
    global _COMMON_JS
    if _COMMON_JS is None:
        _COMMON_JS = resources.files("auditor.gatherers").joinpath("js/common.js").read_text("utf-8")
    return _COMMON_JS


_WITH_COMMON: dict[str, str] = {}


def with_common(script: str) -> str:
    """``script`` (a JS function expression) wrapped so that it first installs window.__elab if missing."""
    wrapped = _WITH_COMMON.get(script)
    if wrapped is None:
        wrapped = f"(arg) => {{ {common_js()}\n; return ({script})(arg); }}"
        _WITH_COMMON[script] = wrapped
    return wrapped


@dataclass
class GatherParams:
    """The union of the selected personas' audit settings: what to gather once for all of them."""

    viewport_widths: tuple[int, ...] = (320,)
    zoom_levels: tuple[int, ...] = (200, 400)
    vision: tuple[str, ...] = ()           # Chromium vision deficiencies to screenshot under
    screenshots: bool = True               # evidence crops and vision screenshots for reports
    max_tab_stops: int = 200
    gatherers: tuple[str, ...] = ()        # empty: all


@dataclass
class GatherSession:
    browser: Browser
    url: str
    page: Any                              # the main page: 1280x800, loaded and settled
    params: GatherParams = field(default_factory=GatherParams)
    base_options: ContextOptions = field(default_factory=ContextOptions)
    _opened: list = field(default_factory=list)

    _cdp: Any = None                       # the main page's shared CDP session (see ``cdp``)

    def run_js(self, page, script: str, arg: Any = None) -> Any:
        """Evaluate a page-side script (a function expression) with window.__elab available.

        One round trip: the helpers are installed by the same evaluation when the document lacks them.
        """
        return page.evaluate(with_common(script), arg)

    def open(self, options: ContextOptions, wait_until: str = "load"):
        """The same URL in a fresh context with other settings (narrow viewport, zoom...); closed with the
        session."""
        merged = ContextOptions(**{**vars(self.base_options), **{k: v for k, v in vars(options).items()
                                                                  if v != getattr(ContextOptions(), k)}})
        page = self.browser.new_page(merged)
        self._opened.append(page)
        page.goto(self.url, wait_until=wait_until)
        settle(page)
        return page

    def cdp(self, page=None):
        """A CDP session. For the main page (no ``page`` given) it is one session shared by every gatherer
        and closed with the GatherSession: do not detach it; put back any emulation you change."""
        if page is not None and page is not self.page:
            return self.browser.cdp(page)
        if self._cdp is None:
            self._cdp = self.browser.cdp(self.page)
        return self._cdp

    def close(self) -> None:
        if self._cdp is not None:
            try:
                self._cdp.detach()
            except Exception:
                pass
            self._cdp = None
        for page in self._opened:
            try:
                page.context.close()
            except Exception:
                pass
        self._opened.clear()


def settle(page, timeout_ms: int = 3000) -> None:
    """Wait briefly for web fonts and late layout; never longer than timeout_ms."""
    try:
        page.wait_for_load_state("load", timeout=timeout_ms)
    except Exception:
        pass
    try:
        page.evaluate("() => document.fonts ? Promise.race([document.fonts.ready, new Promise(r => setTimeout(r, 500))]).then(() => true) : true")
    except Exception:
        pass
