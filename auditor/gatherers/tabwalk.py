"""The Tab walk gatherer: what Christopher meets when he moves through a page with the keyboard alone.

It presses Tab from the top of the document and records every stop (element, role, accessible name, box,
whether focus can be seen and whether something covers it), how the walk ended (wrapped, trapped, capped),
the clickable things that Tab never reaches, elements with a positive tabindex, the skip link and what
activating it does, and the boxes of every interactive element (for target size).

All page-side code runs in a CDP isolated world, so pages that override built-ins (Array.prototype.push,
HTMLElement.prototype.blur...) cannot break it. The artifact's shape is in ``gather``'s docstring.
"""

from __future__ import annotations

import base64
import io
import json
import os
import time
from typing import Any

from auditor.gatherers.base import GatherSession, common_js
from auditor.gatherers.pagejs import page_script

NAME = "tabwalk"
ORDER = 60

CROP_MARGIN = 6            # px around the focused element's box for the focus/no-focus comparison
CHANGE_DELTA = 8           # a channel difference above this counts as a changed pixel
STRONG_DELTA = 64          # ... above this as a clearly changed pixel
EVIDENCE_BELOW = 0.5       # keep an evidence crop when strong changes cover less than this share of the perimeter
BASELINE_TRUST = 0.6       # a cached baseline showing more change than this share of the crop is re-checked
MAX_CROP = 600             # crops are clipped to this many px each way
UNION_MAX_PX = 1280 * 400  # largest capture that shows one stop unfocused and the next focused at once
MAX_LISTENER_NODES = 300   # click-listener nodes looked at
TIME_BUDGET_S = 60.0       # the whole walk stops after this long ("timeout")
FRAME_REPEATS = 50         # consecutive Tab presses spent inside one iframe before giving up on it
INNER_STOPS = 12           # Tab stops a browser draws inside one element (Chromium's video player: 6, a date: 4)
STYLE_SAMPLES = 2          # stops measured per style key before the rest with that key share their measure (one
                           # where the first shows a clear change and its ring is free: see _Walk._settled)
MAX_FOCUS_CAPTURES = 80    # stops whose focus is measured in pixels on one page; the rest are counted, not measured
BATCH_MIN, BATCH_MAX = 4, 32   # Tabs pressed before the stops are read, in a run of stops that look alike
# One Tab press as CDP key events, as Playwright's keyboard.press("Tab") sends them (no text: a raw key down).
TAB_DOWN = {"type": "rawKeyDown", "modifiers": 0, "windowsVirtualKeyCode": 9, "code": "Tab", "key": "Tab",
            "location": 0, "isKeypad": False, "autoRepeat": False}
TAB_UP = {"type": "keyUp", "modifiers": 0, "windowsVirtualKeyCode": 9, "code": "Tab", "key": "Tab", "location": 0}

_PAGE_JS = page_script("tabwalk")


# Hands one listening node to the page script: elements to a list, the document to a page-wide flag.
_PUSH_NODE = ("function (kind) { const T = window.__elabTab; if (this.nodeType === 1) { if (!T[kind].includes(this)) "
              "T[kind].push(this); } else if (this.nodeType === 9) T.page[kind] = true; }")
CLICK_EVENTS = ("click", "mousedown", "mouseup", "pointerdown", "pointerup")
KEY_EVENTS = ("keydown", "keyup", "keypress")


OBJECT_GROUP = "elab-tabwalk"


class _World:
    """An isolated JS world on the page's main frame: same DOM, pristine built-ins."""

    def __init__(self, cdp: Any):
        self.cdp = cdp
        frame_id = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = cdp.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": "elab-tabwalk"})
        self.context = world["executionContextId"]
        self.value(common_js() + "\n;" + _PAGE_JS)   # one round trip for both

    def value(self, expression: str) -> Any:
        result = self.cdp.send("Runtime.evaluate", {"expression": expression, "contextId": self.context,
                                                    "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text", "error")
            raise RuntimeError(f"tabwalk page script: {text.splitlines()[0]}")
        return result["result"].get("value")

    def object_id(self, expression: str) -> str | None:
        """A remote object in OBJECT_GROUP (released all at once by ``release``)."""
        result = self.cdp.send("Runtime.evaluate", {"expression": expression, "contextId": self.context,
                                                    "objectGroup": OBJECT_GROUP})
        return result.get("result", {}).get("objectId")

    def release(self) -> None:
        self.cdp.send("Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP})


_SOURCES = {"relatedElement": "aria-labelledby", "labelfor": "label", "labelwrapped": "label",
            "labelledby": "aria-labelledby"}


def _backend_id(document: dict, info: dict) -> int | None:
    """The backend node id of the element at ``info["path"]`` (see T.paths) in a ``DOM.getDocument`` tree, if
    the element found there has the tag and id the page reported (else the copy is out of date: None)."""
    node = next((c for c in document.get("children", []) if c.get("nodeType") == 1), None)
    steps = iter(info.get("path") or [])
    for step in steps:
        if node is None:
            return None
        parent = node
        if step == -1:
            roots = [r for r in node.get("shadowRoots", []) if r.get("shadowRootType") == "open"]
            if not roots:
                return None
            parent, step = roots[0], next(steps, None)
            if step is None:
                return None
        kids = [c for c in parent.get("children", []) if c.get("nodeType") == 1]
        node = kids[step] if 0 <= step < len(kids) else None
    if node is None or (node.get("localName") or node.get("nodeName", "").lower()) != info.get("tag"):
        return None
    attrs = node.get("attributes") or []
    own_id = next((attrs[i + 1] for i in range(0, len(attrs) - 1, 2) if attrs[i] == "id"), None)
    return node.get("backendNodeId") if own_id == info.get("id") else None


def _ax_values(node: dict) -> tuple[str, str, str]:
    """Role, name and name source of an accessibility node (CDP AXNode)."""
    role = (node.get("role") or {}).get("value", "")
    name_info = node.get("name") or {}
    source = ""
    for candidate in name_info.get("sources", []):
        if candidate.get("superseded") or not (candidate.get("value") or {}).get("value"):
            continue
        source = candidate.get("attribute") or candidate.get("nativeSource") or candidate.get("type", "")
        break
    return str(role), str(name_info.get("value", "")), _SOURCES.get(source, source)


def _shot(cdp: Any, clip: dict[str, float]) -> bytes:
    """A PNG of ``clip`` (document px). optimizeForSpeed only lowers PNG compression: the pixels are the same,
    and the encoding and our decoding are both quicker."""
    options: dict[str, Any] = {"format": "png", "clip": {**clip, "scale": 1}, "optimizeForSpeed": True}
    return base64.b64decode(cdp.send("Page.captureScreenshot", options)["data"])


def _pygame():
    """pygame, for its C PNG decoder and surface arithmetic only: it reads no events and opens no window."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import pygame.image
    import pygame.mask

    return pygame


def rgb(png: bytes):
    """A 24-bit surface of a PNG (screenshots are opaque)."""
    pygame = _pygame()
    image = pygame.image.load(io.BytesIO(png))
    surface = pygame.Surface(image.get_size(), 0, 24)
    surface.blit(image, (0, 0))
    return surface


def pixel_change(before: Any, after: Any) -> tuple[int, int, int]:
    """(changed, strongly changed, total) pixels between two 24-bit surfaces (see ``rgb``)."""
    pygame = _pygame()
    w, h = after.get_size()
    total = w * h
    if before.get_size() != after.get_size():
        return total, total, total
    up = before.copy()
    up.blit(after, (0, 0), special_flags=pygame.BLEND_RGB_SUB)    # max(a - b, 0)
    down = after.copy()
    down.blit(before, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(b - a, 0)
    up.blit(down, (0, 0), special_flags=pygame.BLEND_RGB_ADD)      # |a - b| per channel

    def above(delta: int) -> int:
        same = pygame.mask.from_threshold(up, (0, 0, 0, 255), (delta + 1, delta + 1, delta + 1, 255))
        return total - same.count()

    return above(CHANGE_DELTA), above(STRONG_DELTA), total


def measurable(stop: dict) -> bool:
    """Can a picture show whether this stop's focus is seen: the element on screen, or (``near``) the labels
    and neighbours where its focus may be drawn."""
    return not stop.get("in_frame") and (bool(stop.get("near")) or bool(stop.get("visible") and stop.get("in_viewport")))


def _perimeter(stop: dict) -> int:
    """The perimeter a focus indicator is measured against: the element's own, or where the element is too
    small to draw one (a clipped or 1 px control), the region where its focus is drawn."""
    view = stop["view"]
    if (view["width"] < 8 or view["height"] < 8) and stop.get("near"):
        view = stop["near"]
    return round(2 * (view["width"] + view["height"]))


def _next_batch(size: int, result: dict, measuring: bool) -> int:
    """How many Tabs the next batch presses: the run of look-alike stops the page script sees ahead (T.ahead)
    and one more (the stop after the run, which may need a closer look), at least double the last batch when
    that one went through without a stop held (the look-ahead can only be too cautious), at most BATCH_MAX;
    all BATCH_MAX once no more focus is measured (nothing is held for a look)."""
    if not measuring:
        return BATCH_MAX
    ahead = int(result.get("ahead") or 0) + 1
    if not result.get("held"):
        ahead = max(ahead, size * 2)
    return max(1, min(ahead, BATCH_MAX))


def _settled(group: dict) -> bool:
    """Whether the stops of a style key can take a measured stop's result instead of a measure of their own:
    ``STYLE_SAMPLES`` measures agree, or one measure shows a clear change (strong changes round at least
    ``EVIDENCE_BELOW`` of the perimeter) on a stop whose ring is free (nothing clips it or lies under it: see
    ringFree in the page script), the two things a second measure of the same computed styles could still
    find different. A faint or absent change is always confirmed on a second stop before it is shared: a
    failure stands on two measures."""
    if len(group["kinds"]) != 1:
        return False
    return len(group["samples"]) >= STYLE_SAMPLES or (group["kinds"] == {"clear"} and group.get("free", False))


def _shared(record: dict, sample: tuple[int, dict]) -> dict:
    """A stop's focus record from the measure of a stop with the same style key (``shared_with``: its index),
    scaled by the two elements' perimeters: the same indicator drawn round a longer or shorter box."""
    index, measured = sample
    scale = record["perimeter_px"] / max(measured["perimeter_px"], 1)

    def scaled(value: int, by: float) -> int:
        return max(1, round(value * by)) if value else 0

    area = int(record["clip"]["width"] * record["clip"]["height"])
    record.update(changed_px=scaled(measured["changed_px"], scale), strong_px=scaled(measured["strong_px"], scale),
                  area_px=area, shared_with=index)
    return record


def _clip_for(stop: dict, viewport: tuple[int, int]) -> dict[str, float] | None:
    """The crop (document coordinates) around a stop and where its focus may be drawn (``near``: its labels;
    for an element that cannot itself be seen, its place and neighbours), limited to the viewport."""
    view = stop.get("near") or stop["view"]
    sx, sy = stop["scroll"]
    left = max(view["x"] - CROP_MARGIN, 0)
    top = max(view["y"] - CROP_MARGIN, 0)
    right = min(view["x"] + view["width"] + CROP_MARGIN, viewport[0], left + MAX_CROP)
    bottom = min(view["y"] + view["height"] + CROP_MARGIN, viewport[1], top + MAX_CROP)
    if right - left < 1 or bottom - top < 1:
        return None
    return {"x": float(int(left + sx)), "y": float(int(top + sy)),
            "width": float(int(right - left + 0.999)), "height": float(int(bottom - top + 0.999))}


class _Walk:
    def __init__(self, session: GatherSession):
        self.session = session
        self.page = session.page
        self.cdp = session.cdp()
        self.world = _World(self.cdp)
        size = self.page.viewport_size or {"width": 1280, "height": 800}
        self.viewport = (int(size["width"]), int(size["height"]))
        self.deadline = time.monotonic() + TIME_BUDGET_S
        self.cost: dict[str, float] = {"walk": 0.0, "tab_keys": 0.0, "stop_reads": 0.0,
                                       "focus_pixels": 0.0, "ax": 0.0, "clickables": 0.0,
                                       "skip_link": 0.0, "targets": 0.0}
        self.stops: list[dict] = []
        self.ids: list[int] = []
        self.baselines: dict[tuple[int, int], Any] = {}
        self.last_scroll: tuple[int, int] | None = None
        self.start_held = False   # the page put focus back on an element of its own as the walk began
        # A stop whose unfocused picture is taken after the next Tab (see _focus_pixels), and the next stop's
        # focused crop when it came from the same capture: {"id", "clip", "surface"}.
        self.pending: dict | None = None
        self.prepared: dict | None = None
        # Stops that look alike (same style key: see styleKey in the page script) share a focus measure once
        # STYLE_SAMPLES of them were measured and agreed: key -> {"samples": [(index, record)], "kinds": set}.
        self.styles: dict[str, dict] = {}
        self.sent_keys: set[str] = set()
        self.batching = True
        self.armed = False
        self.batch_size = BATCH_MIN
        self.sampling = {"measured": 0, "styled": 0, "shared": 0, "unmeasured": 0, "batches": 0}

    # -- the walk ----------------------------------------------------------------------------------
    def walk(self) -> tuple[str, dict | None]:
        end: tuple[str, dict | None] = ("timeout", None)
        try:
            end = self._walk()
            if end[0] != "navigated":
                self.stop_batching()
        finally:
            self._settle(None, navigated=end[0] == "navigated")
        return end

    def _walk(self) -> tuple[str, dict | None]:
        # The walk starts from the top of the page. A page that pulls focus straight back to an element of its
        # own (a focusin or keydown handler) is walked from there: where Tab goes next shows whether the
        # keyboard user is held in place (a trap), not a failure of the walk.
        self.start_held = not self.world.value("window.__elabTab.start()")
        self.url = self.page.url.split("#")[0]
        limit = max(int(self.session.params.max_tab_stops), 1)
        self.frame_repeats = self.leading_body = self.inner_repeats = 0
        presses = 0
        while len(self.stops) < limit and presses < 2 * limit + 2:  # presses inside a cross-origin frame add up
            if time.monotonic() > self.deadline:
                return "timeout", None
            if self._can_batch():
                count = min(self.batch_size, limit - len(self.stops), 2 * limit + 2 - presses)
                stops = self._batch(count)
                if stops is None:
                    return "navigated", None
                presses += len(stops)   # (the Tabs held back after a stop that needed a closer look do not count)
            else:
                presses += 1
                t0 = time.perf_counter()
                self.page.keyboard.press("Tab")
                if self.page.url.split("#")[0] != self.url:
                    return "navigated", None
                t1 = time.perf_counter()
                stops = [self.world.value("window.__elabTab.stop()")]
                t2 = time.perf_counter()
                self.cost["walk"] += t2 - t0
                self.cost["tab_keys"] += t1 - t0
                self.cost["stop_reads"] += t2 - t1
            if len(stops) > 1:
                self._settle(stops[-1])     # a pending stop is compared with the screen as it is now
            for n, stop in enumerate(stops):
                if n < len(stops) - 1:
                    stop["passed"] = True    # focus has moved on since: nothing on screen to measure
                end = self._take(stop)
                if end is not None:
                    return end
                if len(self.stops) >= limit:
                    break
        return "capped", None

    def _take(self, stop: dict) -> tuple[str, dict | None] | None:
        """One Tab's stop: recorded, skipped (a frame's or a player's inner stops), or the end of the walk."""
        self._settle(stop)
        if stop["kind"] == "body":
            if self.stops:
                return "wrapped", None
            self.leading_body += 1
            if self.leading_body >= 2:
                return "empty", None
            return None
        if stop["kind"] == "frame" and self.ids and self.ids[-1] == stop["id"]:
            self.frame_repeats += 1
            if self.frame_repeats >= FRAME_REPEATS:
                return "frame", None
            return None
        self.frame_repeats = 0
        if stop.get("inner") and self.ids and self.ids[-1] == stop["id"]:
            # Tab moved among the element's own controls (play, seek, volume...; a date's day, month, year):
            # one stop in the walk. More presses than a browser's controls have is focus held there.
            self.inner_repeats += 1
            if self.inner_repeats <= INNER_STOPS:
                return None
        else:
            self.inner_repeats = 0
        if stop["repeat"] and stop["id"] in self.ids:  # back to an earlier stop without passing the body
            first = self.ids.index(stop["id"])
            if first == 0 and not self.world.value("window.__elabTab.unvisited()"):
                return "wrapped", None
            self.stop_batching()
            return "trap", self._trap(first)
        self._record(stop)
        return None

    def _can_batch(self) -> bool:
        """Tabs go in batches unless the page showed that batches cannot be trusted there (see ``_batch``)."""
        return self.batching

    def _batch(self, count: int) -> list[dict] | None:
        """Press Tab ``count`` times and read the stops once (see T.batchStart in the page script); None when the
        page navigated. Grows the batch while runs go on; stops batching on a page where it cannot be
        trusted (frames, key events stopped before they reach the walk, focus moved by the page itself)."""
        t1 = time.perf_counter()
        if not self.armed:
            self.armed = bool(self.world.value(f"window.__elabTab.batchStart([], {json.dumps(self._measuring())})"))
            if not self.armed:
                self.batching = False       # frames on the page: one stop at a time from here
                return self._one_stop()
        self.session.browser.send_many(self.cdp, [("Input.dispatchKeyEvent", TAB_DOWN),
                                                  ("Input.dispatchKeyEvent", TAB_UP)] * count)
        navigated = self.page.url.split("#")[0] != self.url
        t2 = time.perf_counter()
        keys = [k for k, g in self.styles.items() if _settled(g) and k not in self.sent_keys]
        self.sent_keys.update(keys)
        result = None if navigated else self.world.value(
            f"window.__elabTab.batchEnd(true, {json.dumps(keys)}, {json.dumps(self._measuring())})")
        t3 = time.perf_counter()
        self.cost["walk"] += t3 - t1
        self.cost["tab_keys"] += t2 - t1
        self.cost["stop_reads"] += t3 - t2
        self.sampling["batches"] += 1
        if result is None:
            return None
        stops = result["stops"]
        if result["broken"] or (not result["held"] and len(stops) < count):
            self.stop_batching()
        self.batch_size = _next_batch(self.batch_size, result, self._measuring())
        if not stops:   # no key reached the walk's listener: read where focus is, one stop at a time from here
            self.stop_batching()
            return self._one_stop()
        return stops

    def _measuring(self) -> bool:
        return self.sampling["measured"] < MAX_FOCUS_CAPTURES

    def _one_stop(self) -> list[dict]:
        return [self.world.value("window.__elabTab.stop()")]

    def stop_batching(self) -> None:
        """One Tab at a time from here (and before anything else presses keys: the trap check, the skip link)."""
        self.batching = False
        if self.armed:
            self.armed = False
            self.world.value("window.__elabTab.batchOff()")

    def _record(self, stop: dict) -> None:
        stop["index"] = len(self.stops)
        stop["focus"] = self._focus_pixels(stop)
        self.ids.append(stop.pop("id"))
        stop.pop("repeat", None)
        stop.pop("kind", None)
        self.stops.append(stop)

    def names(self) -> None:
        """Role, name and name source of every stop from Chromium's accessibility tree, in one batch.

        Each stop's element is found in the DOM agent's copy of the document by its path of child indexes (the
        copy the axtree gatherer read, when it ran and the element is there, else a fresh one), and its node in
        the accessibility tree by its backend node id. A stop that cannot be mapped (in a frame, gone, or
        added since) asks for its own node, as every stop once did (a round trip of ~10 ms each)."""
        t0 = time.perf_counter()
        try:
            paths = self.world.value(f"window.__elabTab.paths({json.dumps(self.ids)})") or []
        except Exception:
            paths = [None] * len(self.ids)
        found: dict[int, dict] = {}
        wanted = {i: p for i, p in enumerate(paths) if p}
        for fresh in (False, True):
            todo = {i: p for i, p in wanted.items() if i not in found}
            if not todo:
                break
            try:
                document = (None if fresh else self.session.recall("dom_document")) \
                    or self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": False}).get("root", {})
                nodes = (None if fresh else self.session.recall("ax_nodes")) \
                    or self.cdp.send("Accessibility.getFullAXTree").get("nodes", [])
            except Exception:
                break
            by_backend = {n.get("backendDOMNodeId"): n for n in nodes if n.get("backendDOMNodeId")}
            for i, info in todo.items():
                backend = _backend_id(document, info)
                if backend in by_backend:
                    found[i] = by_backend[backend]
        for i, stop in enumerate(self.stops):
            ax = _ax_values(found[i]) if i in found else self._ax_one(self.ids[i])
            if ax and (ax[0] or ax[1]):
                stop["role"], stop["name"] = ax[0] or stop["role"], ax[1]
                stop["name_source"] = ax[2] if ax[1] else ""
        self.cost["ax"] += time.perf_counter() - t0

    def _ax_one(self, stop_id: int) -> tuple[str, str, str] | None:
        object_id = self.world.object_id(f"window.__elabTab.seen[{int(stop_id)}]")
        if not object_id:
            return None
        try:
            nodes = self.cdp.send("Accessibility.getPartialAXTree", {"objectId": object_id,
                                                                     "fetchRelatives": False})["nodes"]
        except Exception:
            return None
        return _ax_values(nodes[0]) if nodes else None

    def sampling_note(self, end: str) -> dict:
        """What the walk looked at and what it sampled, for the report to say."""
        note: dict[str, Any] = {"stops": len(self.stops), "capped_at": None, "focusable": len(self.stops),
                                "focus_measured": self.sampling["measured"], "focus_styled": self.sampling["styled"],
                                "focus_shared": self.sampling["shared"],
                                "focus_unmeasured": self.sampling["unmeasured"], "batches": self.sampling["batches"]}
        if end in ("capped", "timeout"):
            note["capped_at"] = len(self.stops) if end == "capped" else None
            try:
                note["focusable"] = len(self.stops) + int(self.world.value("window.__elabTab.unvisited()") or 0)
            except Exception:
                pass
        return note

    def _focus_pixels(self, stop: dict) -> dict | None:
        """Compare the stop's crop with focus against the same crop without it.

        The unfocused picture comes from a whole-viewport baseline per scroll position (taken once, when a
        second stop shows at that position or at the top), or else from a crop taken after blurring. A
        baseline is only trusted when it shows a small change: a big one is checked with a fresh crop, in
        case something else on the page changed since the baseline was taken.
        """
        ring_free = bool(stop.pop("ring_free", False))
        certain = stop.pop("certain", None)
        if not measurable(stop):
            return None
        clip = _clip_for(stop, self.viewport)
        key = stop.pop("style_key", None)
        whole_in_view = stop.pop("whole", True)
        passed = stop.pop("passed", False)
        if clip is None:
            return None
        record: dict = {"changed_px": 0, "strong_px": 0, "area_px": 0,
                        "perimeter_px": _perimeter(stop), "clip": clip, "evidence": None}
        view, cover = stop["view"], stop.get("obscured") or {}
        whole = whole_in_view and view["x"] >= 0 and view["y"] >= 0 and view["x"] + view["width"] <= self.viewport[0] \
            and view["y"] + view["height"] <= self.viewport[1] and not cover.get("covered")
        group = self.styles.get(key) if key and whole else None
        if group and _settled(group):
            self.sampling["shared"] += 1
            return _shared(record, group["samples"][0])
        if certain and whole:
            # Certain from computed styles (see certain() in the page script): no capture; a stop of the same
            # style key may take this result as it would a measured one.
            self.sampling["styled"] += 1
            record.update(changed_px=int(certain["strong"]), strong_px=int(certain["strong"]),
                          area_px=int(clip["width"] * clip["height"]), styled=certain["how"])
            self._sample((key, stop["index"], True) if key else None, record)
            return record
        if self.sampling["measured"] >= MAX_FOCUS_CAPTURES or passed:
            self.sampling["unmeasured"] += 1
            return None
        self.sampling["measured"] += 1
        sample = (key, stop["index"], ring_free) if key and whole else None
        t0 = time.perf_counter()
        try:
            prepared, self.prepared = self.prepared, None
            if prepared and prepared["id"] == stop["id"] and prepared["clip"] == clip:
                focused_png, focused = None, prepared["surface"]   # cut from the capture that settled the last stop
            else:
                focused_png = _shot(self.cdp, clip)
                focused = rgb(focused_png)
            scroll = (int(stop["scroll"][0]), int(stop["scroll"][1]))
            if scroll not in self.baselines and (scroll == (0, 0) or scroll == self.last_scroll):
                self.baselines[scroll] = self._unfocused({"x": float(scroll[0]), "y": float(scroll[1]),
                                                          "width": float(self.viewport[0]),
                                                          "height": float(self.viewport[1])})
            self.last_scroll = scroll
            baseline = self.baselines.get(scroll)
            result = None
            if baseline is not None:
                rect = (int(clip["x"]) - scroll[0], int(clip["y"]) - scroll[1], int(clip["width"]), int(clip["height"]))
                if rect[0] >= 0 and rect[1] >= 0 and rect[0] + rect[2] <= baseline.get_width() \
                        and rect[1] + rect[3] <= baseline.get_height():
                    result = pixel_change(baseline.subsurface(rect), focused)
                    if result[0] > BASELINE_TRUST * result[2]:
                        result = None
            if result is None:
                # Settled after the next Tab, when this stop has lost focus by itself: one capture then shows
                # this stop unfocused and the next one focused, instead of a blur, a capture and a refocus now.
                self.pending = {"id": stop["id"], "clip": clip, "scroll": scroll, "focused": focused,
                                "png": focused_png, "record": record, "stop": stop, "sample": sample}
                return record
        finally:
            self.cost["focus_pixels"] += time.perf_counter() - t0
        self._fill(record, result, focused, focused_png, sample)
        return record

    def _sample(self, sample: tuple[str, int, bool] | None, record: dict) -> None:
        """Count a measured (or style-certain) stop towards its style key (see _settled)."""
        if sample is None:
            return
        group = self.styles.setdefault(sample[0], {"samples": [], "kinds": set(), "free": True})
        group["samples"].append((sample[1], record))
        group["free"] = group["free"] and sample[2]
        changed, strong = record["changed_px"], record["strong_px"]
        group["kinds"].add("none" if changed == 0 else "weak" if strong < record["perimeter_px"] * EVIDENCE_BELOW
                           else "clear")

    def _fill(self, record: dict, result: tuple[int, int, int], focused: Any, focused_png: bytes | None,
              sample: tuple[str, int, bool] | None = None) -> None:
        changed, strong, total = result
        record.update(changed_px=changed, strong_px=strong, area_px=total)
        self._sample(sample, record)
        if self.session.params.screenshots and strong < record["perimeter_px"] * EVIDENCE_BELOW:
            if focused_png is None:
                out = io.BytesIO()
                _pygame().image.save(focused, out, "crop.png")
                focused_png = out.getvalue()
            record["evidence"] = base64.b64encode(focused_png).decode("ascii")

    def _settle(self, nxt: dict | None, navigated: bool = False) -> None:
        """Finish the pending stop's comparison now that focus has moved on (``nxt``: the new stop record, or
        None when the walk has ended). Where the pending stop is still focused (a trap, the cap), it is blurred
        and refocused as before; where the page scrolled, it is captured at its own scroll position."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        t0 = time.perf_counter()
        result = None
        try:
            if navigated:   # the page is gone: nothing to compare with
                pending["stop"]["focus"] = None
                return
            unfocused = self._pending_unfocused(pending, nxt)
            result = pixel_change(unfocused, pending["focused"])
        except Exception:
            result = None
        finally:
            self.cost["focus_pixels"] += time.perf_counter() - t0
        if result is None:  # the page went away or would not be captured: not measured, like a stop in a frame
            pending["stop"]["focus"] = None
            return
        self._fill(pending["record"], result, pending["focused"], pending["png"], pending["sample"])

    def _pending_unfocused(self, pending: dict, nxt: dict | None):
        clip = pending["clip"]
        active = nxt.get("id") if nxt and nxt.get("kind") != "body" else None
        if nxt is None:
            active = self.world.value("window.__elabTab.activeId()")
        if active == pending["id"]:     # still focused: blur it, as the walk did before
            self.world.value(f"window.__elabTab.focusId({pending['id']})")
            return self._unfocused(clip)
        scroll = tuple(int(v) for v in (nxt["scroll"] if nxt and "scroll" in nxt
                                         else self.world.value("[window.scrollX, window.scrollY]")))
        if scroll == pending["scroll"]:
            nclip = None
            if nxt and nxt.get("kind") == "element" and measurable(nxt) \
                    and not nxt.get("in_frame"):
                nclip = _clip_for(nxt, self.viewport)
            if nclip is not None:
                left, top = min(clip["x"], nclip["x"]), min(clip["y"], nclip["y"])
                right = max(clip["x"] + clip["width"], nclip["x"] + nclip["width"])
                bottom = max(clip["y"] + clip["height"], nclip["y"] + nclip["height"])
                if (right - left) * (bottom - top) <= UNION_MAX_PX:
                    both = rgb(_shot(self.cdp, {"x": left, "y": top, "width": right - left, "height": bottom - top}))

                    def cut(c: dict) -> Any:
                        return both.subsurface((int(c["x"] - left), int(c["y"] - top),
                                                int(c["width"]), int(c["height"]))).copy()

                    self.prepared = {"id": nxt["id"], "clip": nclip, "surface": cut(nclip)}
                    return cut(clip)
            return rgb(_shot(self.cdp, clip))
        view = {"x": float(scroll[0]), "y": float(scroll[1]), "width": float(self.viewport[0]),
                "height": float(self.viewport[1])}
        if clip["x"] >= view["x"] and clip["y"] >= view["y"] and clip["x"] + clip["width"] <= view["x"] + view["width"] \
                and clip["y"] + clip["height"] <= view["y"] + view["height"]:
            return rgb(_shot(self.cdp, clip))   # still in view after the scroll
        # Scrolled out of view: look back at it, then return to where the page had scrolled to.
        self.world.value(f"window.scrollTo({pending['scroll'][0]}, {pending['scroll'][1]})")
        try:
            return rgb(_shot(self.cdp, clip))
        finally:
            self.world.value(f"window.scrollTo({scroll[0]}, {scroll[1]})")

    def _unfocused(self, clip: dict[str, float]):
        """A picture of ``clip`` with the current stop blurred; focus is put back afterwards."""
        self.world.value("window.__elabTab.blurCurrent()")
        try:
            return rgb(_shot(self.cdp, clip))
        finally:
            self.world.value("window.__elabTab.refocus()")

    def _trap(self, first: int) -> dict:
        """Focus came back to an earlier stop without reaching the end: can Shift+Tab or Escape get out?"""
        cycle_ids = self.ids[first:] or [self.ids[-1]]
        members = set(cycle_ids)
        trap: dict[str, Any] = {"stops": list(range(first, len(self.ids))),
                                "selectors": [self.stops[i]["selector"] for i in range(first, len(self.ids))],
                                "shift_tab_escapes": False, "escape_key_escapes": False}
        for _ in range(len(cycle_ids) + 2):
            self.page.keyboard.press("Shift+Tab")
            if self.world.value("window.__elabTab.activeId()") not in members:
                trap["shift_tab_escapes"] = True
                break
        self.world.value(f"window.__elabTab.focusId({cycle_ids[-1]})")
        self.page.keyboard.press("Escape")
        if self.world.value("window.__elabTab.activeId()") not in members:
            trap["escape_key_escapes"] = True
        else:
            self.page.keyboard.press("Tab")
            trap["escape_key_escapes"] = self.world.value("window.__elabTab.activeId()") not in members
        return trap

    # -- the rest of the page -----------------------------------------------------------------------
    def mark_listeners(self) -> None:
        """Hand the nodes with click-like and key listeners (addEventListener ones included) to the page script;
        listeners on the document or the window set page-wide flags."""
        try:
            doc = self.world.object_id("document")
            listeners = self.cdp.send("DOMDebugger.getEventListeners",
                                      {"objectId": doc, "depth": -1, "pierce": True}).get("listeners", [])
            win = self.world.object_id("window")
            on_window = self.cdp.send("DOMDebugger.getEventListeners", {"objectId": win}).get("listeners", [])
        except Exception:  # best effort: onclick attributes, roles and cursors still count
            return
        kinds = {"clicks": CLICK_EVENTS, "keys": KEY_EVENTS}
        for kind, events in kinds.items():
            if any(item.get("type") in events for item in on_window):
                self.world.value(f"window.__elabTab.page.{kind} = true")
        nodes: dict[int, set[str]] = {}
        for listener in listeners:
            node = listener.get("backendNodeId")
            for kind, events in kinds.items():
                if listener.get("type") in events and node:
                    nodes.setdefault(node, set()).add(kind)
        for node, node_kinds in list(nodes.items())[:MAX_LISTENER_NODES]:
            try:
                obj = self.cdp.send("DOM.resolveNode", {"backendNodeId": node,
                                                        "executionContextId": self.world.context})
                object_id = obj["object"]["objectId"]
                for kind in sorted(node_kinds):
                    self.cdp.send("Runtime.callFunctionOn", {"objectId": object_id, "functionDeclaration": _PUSH_NODE,
                                                             "arguments": [{"value": kind}]})
                self.cdp.send("Runtime.releaseObject", {"objectId": object_id})
            except Exception:
                continue

    def skip_link(self) -> dict | None:
        """Is one of the first three stops an in-page link, and does activating it move focus past the rest?"""
        for index in range(min(3, len(self.ids))):
            info = self.world.value(f"window.__elabTab.inPageLink({self.ids[index]})")
            if not info:
                continue
            stop = self.stops[index]
            result = {"stop": index, "selector": stop["selector"], "name": stop["name"], **info,
                      "moved_focus": False, "scrolled": False, "next_stop": ""}
            if info["target_exists"]:
                self.world.value("window.scrollTo(0, 0)")
                before_url = self.page.url
                self.world.value(f"window.__elabTab.focusId({self.ids[index]})")
                self.page.keyboard.press("Enter")
                self.world.value("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
                landed = self.world.value(f"window.__elabTab.skipState({self.ids[index]})")
                self.page.keyboard.press("Tab")
                nxt = self.world.value(f"window.__elabTab.skipState({self.ids[index]})")
                result["scrolled"] = bool(landed["scroll_y"] > 0 or landed["target_in_view"])
                result["moved_focus"] = bool(landed["after_target"] or nxt["after_target"])
                result["next_stop"] = nxt["active"]
                if self.page.url != before_url and self.page.url.split("#")[0] == before_url.split("#")[0]:
                    self.world.value(f"history.replaceState(history.state, '', {json.dumps(before_url)})")
            return result
        return None

    def main_start(self) -> int | None:
        for stop in self.stops:
            if stop.get("in_main"):
                return stop["index"]
        return None


def gather(session: GatherSession) -> dict:
    """Walk the page with Tab. Returns::

        {"viewport": {"width", "height"}, "end": "wrapped|trap|capped|empty|navigated|timeout|frame",
         "start_held": the page took focus back when the walk began at the top (the walk went on from there),
         "stops": [{"index", "selector", "tag", "role", "name", "name_source", "box" (document px),
                    "view" (viewport px), "near" (viewport px: its labels, and for an element that cannot
                    itself be seen its place and neighbours, where its focus may be drawn) | None,
                    "visible", "in_viewport", "tabindex", "href", "in_frame",
                    "dom_backwards", "in_main", "snippet", "scroll",
                    "obscured": {"sampled", "covered", "by", "by_pinned"} | None,
                    "focus": {"changed_px", "strong_px", "area_px", "perimeter_px", "clip", "evidence",
                              "shared_with" (absent when measured: the index of the stop whose measure, scaled to
                              this stop's perimeter, stands for this one: same style key),
                              "styled": "outline" | "background" (absent when measured: the change is certain from
                              computed styles, and changed_px / strong_px are what it draws for certain)} | None}],
         "trap": {"stops", "selectors", "shift_tab_escapes", "escape_key_escapes"} | None,
         "main_start": index of the first stop in the main content (main, else after the h1) | None,
         "landmarks": {"main": bool, "headings": int},
         "clickables": [{"selector", "tag", "role", "name", "reasons", "script_focused" (the page's script had
                         focused it, or something inside it, before the walk), "tabindex", "focusable", "box",
                         "snippet"}],
         "positive_tabindex": [{"selector", "tag", "role", "name", "tabindex", "visible", "stop", "snippet"}],
         "skip_link": {"stop", "selector", "name", "href", "target_exists", "target_selector", "target_visible",
                       "target_is_main", "moved_focus", "scrolled", "next_stop"} | None,
         "targets": [{"selector", "tag", "role", "name", "box", "inline", "ua_control", "snippet"}],
         "activation": [{"index" (of the stop), "selector", "tag", "role", "explicit_role", "native", "name",
                         "href" (links) | None, "fragment": {"id", "exists"} | None (href="#id"),
                         "click": "self" | "ancestor" | "page" | "", "key": same, "scrollable", "tabindex",
                         "has_control" (a native control inside),
                         "snippet"}],   # stops that are not native controls, have an explicit role, or are
                                        # links to "", "#..." or "javascript:"; who listens for clicks / keys
         "sampling": {"stops": stops walked, "capped_at": the cap when the walk stopped there | None,
                      "focusable": stops walked + focusable elements the walk did not reach,
                      "focus_measured" (in pixels), "focus_styled" (certain from computed styles),
                      "focus_shared", "focus_unmeasured" (past MAX_FOCUS_CAPTURES),
                      "batches": reads that took several Tabs' stops at once},
         "cost_ms": {...}}
    """
    started = time.perf_counter()
    walk = _Walk(session)
    try:
        end, trap = walk.walk()
        walk.names()
        sampling = walk.sampling_note(end)
        t0 = time.perf_counter()
        walk.mark_listeners()
        clickables, activation, positive = walk.world.value(   # one round trip for the three
            f"[window.__elabTab.clickables(), window.__elabTab.activation({json.dumps(walk.ids)}), "
            "window.__elabTab.positiveTabindex()]")
        walk.cost["clickables"] = time.perf_counter() - t0
        for item in positive:
            stop_id = item.pop("stop_id")
            item["stop"] = walk.ids.index(stop_id) if stop_id is not None and stop_id in walk.ids else None
        t0 = time.perf_counter()
        skip = walk.skip_link() if end != "trap" else None
        walk.cost["skip_link"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        targets, landmarks = walk.world.value("[window.__elabTab.targets(), window.__elabTab.landmarks()]")
        walk.cost["targets"] = time.perf_counter() - t0
    finally:
        try:
            walk.world.value("window.__elabTab && window.__elabTab.finish()")
            walk.world.release()
        except Exception:
            pass
    cost = {key: round(value * 1000) for key, value in walk.cost.items()}
    cost["total"] = round((time.perf_counter() - started) * 1000)
    cost["per_stop"] = round(cost["walk"] / max(len(walk.stops), 1))
    return {
        "viewport": {"width": walk.viewport[0], "height": walk.viewport[1]},
        "end": end,
        "start_held": walk.start_held,
        "stops": walk.stops,
        "trap": trap,
        "main_start": walk.main_start(),
        "landmarks": landmarks,
        "clickables": clickables,
        "positive_tabindex": positive,
        "skip_link": skip,
        "targets": targets,
        "activation": activation,
        "sampling": sampling,
        "cost_ms": cost,
    }
