"""The page a persona works on during a scenario run: page-side helpers every way of acting shares.

``JourneyPage`` wraps the page object that ``auditor.browser`` hands out (no Playwright import here) and
adds: the accessibility tree (CDP ``Accessibility.getFullAXTree`` -> ``auditor.model.axnode``), marking an
element so that it can be found again (a ``data-elab-j`` attribute, set through CDP from an accessibility
node or by the page-side finder), facts about a marked element (box, visibility, what covers it), what
counts as a navigation after an action, page text for ``expect text``, and small JPEG screenshots.

Page-side code is one script (``_JS``) that installs ``window.__elabJ`` next to the shared ``window.__elab``
(auditor/gatherers/js/common.js) on first use in each document.
"""

from __future__ import annotations

import base64
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from auditor.gatherers.base import common_js
from auditor.gatherers.pagejs import page_script
from auditor.model.axnode import AXNode, from_cdp

MARK = "data-elab-j"

_INSTALL = page_script("journey")

_JS = "(arg) => {\n" + "%COMMON%" + "\n" + _INSTALL + "\nreturn window.__elabJ[arg.op](arg);\n}"


@dataclass
class NavToken:
    requests: int
    commits: int


@dataclass
class AXView:
    """The page's accessibility tree and its nodes by backend id."""

    root: AXNode
    by_backend: dict[int, AXNode] = field(default_factory=dict)


class JourneyPage:
    """One persona's page for a whole scenario run (the same page object across navigations)."""

    def __init__(self, browser: Any, page: Any):
        self.browser = browser
        self.page = page
        self.cdp = browser.cdp(page)
        self._script = _JS.replace("%COMMON%", common_js())
        self.requests = 0
        self.commits = 0
        page.on("request", self._on_request)
        page.on("framenavigated", self._on_commit)

    # -- events ---------------------------------------------------------------------------------------
    def _on_request(self, request: Any) -> None:
        try:
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self.requests += 1
        except Exception:
            pass

    def _on_commit(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.commits += 1

    def token(self) -> NavToken:
        return NavToken(self.requests, self.commits)

    def settle(self, token: NavToken, expect_navigation: bool) -> bool:
        """After an action: wait for the navigation it started, if any (up to 1.5 s for one to start when one
        is expected, a moment otherwise). Returns whether the page navigated."""
        deadline = time.perf_counter() + (1.5 if expect_navigation else 0.05)
        while self.requests == token.requests and self.commits == token.commits and time.perf_counter() < deadline:
            self.page.wait_for_timeout(15)
        if self.requests == token.requests and self.commits == token.commits:
            return False
        end = time.perf_counter() + 15
        while self.commits == token.commits and time.perf_counter() < end:
            self.page.wait_for_timeout(15)
        with contextlib.suppress(Exception):
            self.page.wait_for_load_state("load", timeout=15000)
        return True

    # -- page-side helpers ----------------------------------------------------------------------------
    def js(self, op: str, **arg: Any) -> Any:
        return self.page.evaluate(self._script, {"op": op, **arg})

    def goto(self, url: str) -> int | None:
        response = self.page.goto(url, wait_until="load")
        return response.status if response is not None else None

    def text(self) -> str:
        return self.js("text")

    def heading(self) -> str:
        return self.js("heading")

    def locator(self, mark: str) -> Any:
        return self.page.locator(f'[{MARK}="{mark}"]')

    # -- accessibility tree ---------------------------------------------------------------------------
    def ax(self) -> AXView:
        raw = self.cdp.send("Accessibility.getFullAXTree")["nodes"]
        root = from_cdp(raw)
        view = AXView(root)
        for node in root.walk():
            if node.backend_id is not None:
                view.by_backend[node.backend_id] = node
        return view

    def adopt(self, backend_id: int) -> dict | None:
        """Mark the DOM element behind an accessibility node; its facts, or None (not an element)."""
        try:
            obj = self.cdp.send("DOM.resolveNode", {"backendNodeId": backend_id})["object"]
            if obj.get("subtype") != "node" or "objectId" not in obj:
                return None
            got = self.cdp.send("Runtime.callFunctionOn", {
                "objectId": obj["objectId"], "returnByValue": True,
                "functionDeclaration": "function () { (" + self._script + ")({op: 'text'}); "
                                       "return this.nodeType === 1 ? window.__elabJ.adopt(this) : null; }"})
            self.cdp.send("Runtime.releaseObject", {"objectId": obj["objectId"]})
        except Exception:
            return None
        return (got.get("result") or {}).get("value")

    def backend_of(self, mark: str) -> int | None:
        """The backend DOM id of a marked element (to find its accessibility node)."""
        try:
            obj = self.cdp.send("Runtime.evaluate", {"expression": f'document.querySelector(\'[{MARK}="{mark}"]\')'})
            object_id = obj["result"].get("objectId")
            if not object_id:
                return None
            node = self.cdp.send("DOM.describeNode", {"objectId": object_id})["node"]
            self.cdp.send("Runtime.releaseObject", {"objectId": object_id})
            return node.get("backendNodeId")
        except Exception:
            return None

    def focus_backend(self, backend_id: int) -> bool:
        """Move keyboard focus to a node, as a screen reader does when it enters a control."""
        try:
            self.cdp.send("DOM.focus", {"backendNodeId": backend_id})
            return True
        except Exception:
            return False

    # -- evidence -------------------------------------------------------------------------------------
    def screenshot(self, rect: dict | None = None, quality: int = 45) -> str | None:
        """A small base64 JPEG of the screen around ``rect`` (viewport coordinates), at most 640x400 CSS px."""
        try:
            size = self.page.viewport_size or {"width": 1280, "height": 800}
            w, h = min(640, size["width"]), min(400, size["height"])
            if rect:
                cx, cy = rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2
            else:
                cx, cy = w / 2, h / 2
            x = min(max(0, cx - w / 2), max(0, size["width"] - w))
            y = min(max(0, cy - h / 2), max(0, size["height"] - h))
            data = self.page.screenshot(type="jpeg", quality=quality, clip={"x": x, "y": y, "width": w, "height": h},
                                        timeout=5000)
            return base64.b64encode(data).decode("ascii")
        except Exception:
            return None
