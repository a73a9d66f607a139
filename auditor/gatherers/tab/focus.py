"""Focus seen and focus not obscured, at each Tab stop.

The page scripts read, at each stop: the style key a stop shares its focus measure by, whether its ring is
drawn in full, whether its focus is certain from computed styles, the region round it where a focus indicator
may be drawn (js/tabwalk-focus.js), and how much of it something else covers (js/tabwalk-obscured.js).

``FocusMeasure`` measures what focus changes in the pixels: the stop's crop with focus against the same crop
without it; stops that look alike share one measure (``_settled``), and a stop certain from computed styles is
not captured at all.
"""

from __future__ import annotations

import base64
import time
from typing import Any

from auditor.gatherers.pagejs import page_script
from auditor.gatherers.pixels import pixel_change, png, rgb, shot

SCRIPTS = (page_script("tabwalk-focus"), page_script("tabwalk-obscured"))

CROP_MARGIN = 6            # px around the focused element's box for the focus/no-focus comparison
EVIDENCE_BELOW = 0.5       # keep an evidence crop when strong changes cover less than this share of the perimeter
BASELINE_TRUST = 0.6       # a cached baseline showing more change than this share of the crop is re-checked
MAX_CROP = 600             # crops are clipped to this many px each way
UNION_MAX_PX = 1280 * 400  # largest capture that shows one stop unfocused and the next focused at once
STYLE_SAMPLES = 2          # stops measured per style key before the rest with that key share their measure (one
                           # where the first shows a clear change and its ring is free: see _settled)
EDGE_SLACK = 1             # px: a box less than this past the viewport's edge is wholly in view (Chromium scrolls
                           # to whole pixels: one laid out at a fraction of one can end that little past it)
MAX_FOCUS_CAPTURES = 80    # stops whose focus is measured in pixels on one page; the rest are counted, not measured


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


class FocusMeasure:
    """The focus measure of one walk: ``measure`` each recorded stop, ``settle`` when focus has moved on."""

    def __init__(self, cdp: Any, world: Any, viewport: tuple[int, int], screenshots: bool, cost: dict[str, float]):
        self.cdp = cdp
        self.world = world
        self.viewport = viewport
        self.screenshots = screenshots
        self.cost = cost
        self.baselines: dict[tuple[int, int], Any] = {}
        self.last_scroll: tuple[int, int] | None = None
        # A stop whose unfocused picture is taken after the next Tab (see measure), and the next stop's
        # focused crop when it came from the same capture: {"id", "clip", "surface"}.
        self.pending: dict | None = None
        self.prepared: dict | None = None
        # Stops that look alike (same style key: see styleKey in the page script) share a focus measure once
        # STYLE_SAMPLES of them were measured and agreed: key -> {"samples": [(index, record)], "kinds": set}.
        self.styles: dict[str, dict] = {}
        self.sent_keys: set[str] = set()
        self.counts = {"measured": 0, "styled": 0, "shared": 0, "unmeasured": 0}

    def measuring(self) -> bool:
        return self.counts["measured"] < MAX_FOCUS_CAPTURES

    def newly_settled(self) -> list[str]:
        """Style keys settled since the last call (the page script holds no stop of these for a look)."""
        keys = [k for k, g in self.styles.items() if _settled(g) and k not in self.sent_keys]
        self.sent_keys.update(keys)
        return keys

    def measure(self, stop: dict) -> dict | None:
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
        whole = whole_in_view and view["x"] > -EDGE_SLACK and view["y"] > -EDGE_SLACK \
            and view["x"] + view["width"] < self.viewport[0] + EDGE_SLACK \
            and view["y"] + view["height"] < self.viewport[1] + EDGE_SLACK and not cover.get("covered")
        group = self.styles.get(key) if key and whole else None
        if group and _settled(group):
            self.counts["shared"] += 1
            return _shared(record, group["samples"][0])
        if certain and whole:
            # Certain from computed styles (see certain() in the page script): no capture; a stop of the same
            # style key may take this result as it would a measured one.
            self.counts["styled"] += 1
            record.update(changed_px=int(certain["strong"]), strong_px=int(certain["strong"]),
                          area_px=int(clip["width"] * clip["height"]), styled=certain["how"])
            self._sample((key, stop["index"], True) if key else None, record)
            return record
        if self.counts["measured"] >= MAX_FOCUS_CAPTURES or passed:
            self.counts["unmeasured"] += 1
            return None
        self.counts["measured"] += 1
        sample = (key, stop["index"], ring_free) if key and whole else None
        t0 = time.perf_counter()
        try:
            prepared, self.prepared = self.prepared, None
            if prepared and prepared["id"] == stop["id"] and prepared["clip"] == clip:
                focused_png, focused = None, prepared["surface"]   # cut from the capture that settled the last stop
            else:
                focused_png = shot(self.cdp, clip)
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
        if self.screenshots and strong < record["perimeter_px"] * EVIDENCE_BELOW:
            if focused_png is None:
                focused_png = png(focused)
            record["evidence"] = base64.b64encode(focused_png).decode("ascii")

    def settle(self, nxt: dict | None, navigated: bool = False) -> None:
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
                    both = rgb(shot(self.cdp, {"x": left, "y": top, "width": right - left, "height": bottom - top}))

                    def cut(c: dict) -> Any:
                        return both.subsurface((int(c["x"] - left), int(c["y"] - top),
                                                int(c["width"]), int(c["height"]))).copy()

                    self.prepared = {"id": nxt["id"], "clip": nclip, "surface": cut(nclip)}
                    return cut(clip)
            return rgb(shot(self.cdp, clip))
        view = {"x": float(scroll[0]), "y": float(scroll[1]), "width": float(self.viewport[0]),
                "height": float(self.viewport[1])}
        if clip["x"] >= view["x"] and clip["y"] >= view["y"] and clip["x"] + clip["width"] <= view["x"] + view["width"] \
                and clip["y"] + clip["height"] <= view["y"] + view["height"]:
            return rgb(shot(self.cdp, clip))   # still in view after the scroll
        # Scrolled out of view: look back at it, then return to where the page had scrolled to.
        self.world.value(f"window.scrollTo({pending['scroll'][0]}, {pending['scroll'][1]})")
        try:
            return rgb(shot(self.cdp, clip))
        finally:
            self.world.value(f"window.scrollTo({scroll[0]}, {scroll[1]})")

    def _unfocused(self, clip: dict[str, float]):
        """A picture of ``clip`` with the current stop blurred; focus is put back afterwards."""
        self.world.value("window.__elabTab.blurCurrent()")
        try:
            return rgb(shot(self.cdp, clip))
        finally:
            self.world.value("window.__elabTab.refocus()")
