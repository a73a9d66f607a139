"""Text contrast measured in the rendered pixels, where axe-core cannot tell (its ``color-contrast`` incomplete).

axe-core works a text's contrast out from CSS: where the background is drawn by something it cannot read
(a pseudo-element, another element laid over or under the text, a gradient, an image) it says "needs review".
A person looks at the pixels, so this does too: for each such element, one screenshot as the page shows it and
one with the element's own text made transparent (a constructed style sheet; the page's elements are not
touched). Where the two differ inside the element's own text boxes are the glyphs; the second shot gives the
pixels right behind each of them.

Judged per element (:func:`judge`, pure, tested with made-up pixels), against axe's expected ratio for the
text's size (4.5:1, or 3:1 for large text: WCAG 1.4.3):

- ``pass``: behind at least 98% of the glyph pixels the text's own colour (its CSS colour with its alpha and
  the opacity of it and its ancestors, laid over that background pixel) reaches the expected ratio, and the
  glyphs are drawn in that colour (their darkest or lightest pixel reaches 85% of the ratio the colour
  predicts there): nothing a person looks at differs from what is measured;
- ``fail``: behind most glyph pixels the colour falls short, and no glyph pixel as drawn reaches the
  expected ratio against the pixel behind it: no part of the text has the contrast it needs;
- ``review`` otherwise (a background that changes under the text, text drawn other than its colour says,
  text the shots do not show, a colour that is not plain sRGB): a person looks, as before, with the measured
  range to go on.

This is the rendered-pixel reading of the ACT rule "Text has minimum contrast" (afw4f7): the highest contrast
between the text's colour and the background behind each character.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.gatherers import pixels
from auditor.gatherers.base import preloaded
from auditor.gatherers.pagejs import page_script

MAX_ELEMENTS = 50       # axe's incomplete nodes measured per page (the axe gatherer keeps 50 per rule)
MIN_GLYPH_PX = 8        # fewer changed pixels than this: the text is not seen in the shots
GLYPH_DELTA = 4         # a pixel is part of a glyph when a channel changes by more than this (faint text too)
PASS_SHARE = 0.98       # share of glyph pixels whose background must give the expected ratio for a pass
DRAWN_SHARE = 0.85      # the glyphs as drawn must reach this part of the ratio their colour predicts
MAX_CLIP_PX = 1280 * 1600

_PAGE_JS = preloaded(page_script("contrast"))
_COLOUR = re.compile(r"rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def _script() -> str:
    return _PAGE_JS


def measure(session: Any, artifact: dict) -> None:
    """Adds ``rendered`` (see :func:`judge`) to the axe artifact's incomplete ``color-contrast`` nodes that
    can be measured: in the main document, outside shadow roots. Best effort: a node left without it stays a
    review."""
    nodes = [n for rule in artifact.get("incomplete") or [] if rule.get("id") == "color-contrast"
             for n in rule.get("nodes") or [] if len(n.get("target") or []) == 1 and " >> " not in n["target"][0]]
    nodes = nodes[:MAX_ELEMENTS]
    if not nodes:
        return
    page, script = session.page, _script()
    targets = [n["target"][0] for n in nodes]
    reads = session.run_js(page, script, {"op": "read", "targets": targets}) or []
    items = [(node, read) for node, read in zip(nodes, reads) if read and read.get("rects")]
    if not items:
        return
    cdp = session.cdp()
    start = session.run_js(page, script, {"op": "scroll", "x": 0, "y": 0}) or {}
    height = int(start.get("height") or session.base_viewport()["height"])
    width = int(start.get("width") or session.base_viewport()["width"])
    try:
        for window in _windows(items, height):
            top = window["top"]
            at = session.run_js(page, script, {"op": "scroll", "x": 0, "y": top}) or {}
            top = float(at.get("y", top))
            clip = _clip(window["items"], top, height, width)
            if clip is None:
                continue
            shown = pixels.shot(cdp, clip)
            session.run_js(page, script, {"op": "hide", "targets": [n["target"][0] for n, _ in window["items"]]})
            try:
                hidden = pixels.shot(cdp, clip)
            finally:
                session.run_js(page, script, {"op": "show"})
            a, b, size = _pixels(shown), _pixels(hidden), (clip["width"], clip["height"])
            for node, read in window["items"]:
                rects = [_relative(r, clip) for r in read["rects"]]
                node["rendered"] = judge(a, b, size, [r for r in rects if r], read.get("color") or "",
                                         float(read.get("opacity") or 1), _expected(node, read))
    finally:
        session.run_js(page, script, {"op": "scroll", "x": 0, "y": 0})


def _windows(items: list, height: int) -> list[dict]:
    """Groups of elements that fit in one viewport's height, top to bottom."""
    def top_of(read):
        return min(r["y"] for r in read["rects"])

    def bottom_of(read):
        return max(r["y"] + r["height"] for r in read["rects"])

    ordered = sorted(items, key=lambda item: top_of(item[1]))
    windows: list[dict] = []
    for node, read in ordered:
        if windows and bottom_of(read) <= windows[-1]["top"] + height:
            windows[-1]["items"].append((node, read))
        else:
            windows.append({"top": max(0, int(top_of(read)) - 8), "items": [(node, read)]})
    return windows


def _clip(items: list, top: float, height: int, width: int) -> dict | None:
    """The union of the elements' text boxes inside the viewport (document px, whole pixels)."""
    boxes = [r for _, read in items for r in read["rects"]]
    x0 = max(0, int(min(r["x"] for r in boxes)))
    y0 = max(int(top), int(min(r["y"] for r in boxes)))
    x1 = min(width, int(max(r["x"] + r["width"] for r in boxes)) + 1)
    y1 = min(int(top) + height, int(max(r["y"] + r["height"] for r in boxes)) + 1)
    if x1 - x0 < 1 or y1 - y0 < 1 or (x1 - x0) * (y1 - y0) > MAX_CLIP_PX:
        return None
    return {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}


def _relative(rect: dict, clip: dict) -> tuple[int, int, int, int] | None:
    """A text box in the clip's pixels (x0, y0, x1, y1), cut to the clip; None when outside it."""
    x0 = max(0, int(rect["x"] - clip["x"]))
    y0 = max(0, int(rect["y"] - clip["y"]))
    x1 = min(clip["width"], int(rect["x"] + rect["width"] - clip["x"] + 0.999))
    y1 = min(clip["height"], int(rect["y"] + rect["height"] - clip["y"] + 0.999))
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _pixels(png: bytes) -> bytes:
    """RGB bytes, row by row, of a PNG."""
    return pixels.pygame_module().image.tobytes(pixels.rgb(png), "RGB")


def _expected(node: dict, read: dict) -> float:
    """The ratio the text needs: axe's own figure for it, else WCAG's large-text rule (24 px, or 18.66 px bold)."""
    for part in ("any", "all", "none"):
        for check in node.get(part) or []:
            if check.get("expected"):
                return float(check["expected"])
    size, weight = float(read.get("fontSize") or 0), float(read.get("fontWeight") or 400)
    return 3.0 if size >= 24 or (size >= 18.66 and weight >= 700) else 4.5


def parse_colour(text: str) -> tuple[float, float, float, float] | None:
    """CSS rgb()/rgba() as computed styles give them -> (r, g, b, alpha); None for anything else."""
    m = _COLOUR.fullmatch((text or "").strip())
    if not m:
        return None
    alpha = m.group(4)
    a = 1.0 if alpha is None else (float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha))
    return float(m.group(1)), float(m.group(2)), float(m.group(3)), a


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def judge(shown: bytes, hidden: bytes, size: tuple[int, int], rects: list[tuple[int, int, int, int]],
          colour: str, opacity: float, expected: float) -> dict:
    """The outcome for one element from its two shots (RGB bytes of ``size``), its text boxes in them, its
    computed colour and the opacity of it and its ancestors. See the module's doc."""
    width = size[0]
    out: dict[str, Any] = {"expected": expected}
    fg = parse_colour(colour)
    if fg is None:
        return {**out, "outcome": "review", "why": f"colour {colour!r} is not plain sRGB"}
    alpha = max(0.0, min(1.0, fg[3] * opacity))
    glyphs: dict[tuple[bytes, bytes], int] = {}
    seen: set[tuple[int, int]] = set()
    for x0, y0, x1, y1 in rects:
        for y in range(y0, y1):
            row = y * width * 3
            a_row, b_row = shown[row + x0 * 3: row + x1 * 3], hidden[row + x0 * 3: row + x1 * 3]
            if a_row == b_row:
                continue
            for i in range(0, len(a_row), 3):
                pa, pb = a_row[i:i + 3], b_row[i:i + 3]
                if pa == pb or (x0 + i // 3, y) in seen:
                    continue
                if max(abs(pa[0] - pb[0]), abs(pa[1] - pb[1]), abs(pa[2] - pb[2])) > GLYPH_DELTA:
                    seen.add((x0 + i // 3, y))
                    glyphs[(pa, pb)] = glyphs.get((pa, pb), 0) + 1
    count = sum(glyphs.values())
    out["pixels"] = count
    if count < MIN_GLYPH_PX:
        return {**out, "outcome": "review", "why": "the text is not seen in the page's pixels"}
    predicted: list[tuple[float, int]] = []       # (ratio of the colour over the pixel behind, pixels)
    drawn_best, drawn_at = 0.0, 0.0               # the glyph pixel as drawn with the highest contrast
    for (pa, pb), n in glyphs.items():
        behind = (pb[0], pb[1], pb[2])
        laid = tuple(alpha * fg[i] + (1 - alpha) * behind[i] for i in range(3))
        r = ratio(laid, behind)
        predicted.append((r, n))
        d = ratio((pa[0], pa[1], pa[2]), behind)
        if d > drawn_best:
            drawn_best, drawn_at = d, r
    predicted.sort()
    low = _share_point(predicted, count, 1 - PASS_SHARE)
    mid = _share_point(predicted, count, 0.5)
    out.update(ratio=round(low, 2), median=round(mid, 2), drawn=round(drawn_best, 2))
    as_coloured = drawn_best >= DRAWN_SHARE * min(drawn_at, 21.0)
    if low >= expected and as_coloured:
        return {**out, "outcome": "pass"}
    if mid < expected and drawn_best < expected:
        return {**out, "outcome": "fail"}
    why = ("the background behind the text changes" if low < expected <= mid or mid < expected
           else "the text is not drawn in its colour (a filter, blend or layer over it)")
    return {**out, "outcome": "review", "why": why}


def _share_point(sorted_ratios: list[tuple[float, int]], total: int, share: float) -> float:
    """The ratio below which ``share`` of the glyph pixels lie."""
    limit, running = share * total, 0
    for value, n in sorted_ratios:
        running += n
        if running > limit:
            return value
    return sorted_ratios[-1][0]
