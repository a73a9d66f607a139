"""The layout gatherer: how the page's text behaves when it has to reflow, grow or spread out.

Everything is measured on ``session.page`` without reloading it:

1. **baseline** (the page as loaded, 1280x800): the visible text blocks (elements with their own text), how
   much of each is clipped by ``overflow: hidden`` ancestors, which text boxes overlap, and the computed text
   styles that make reading hard (``readability``).
2. **text_resize**, for each zoom level <= 200%: text-only zoom, as Firefox's "Zoom text only" does it:
   every element's computed ``font-size`` (and ``line-height`` unless ``normal``) is multiplied by the zoom
   with inline ``!important`` styles, which are put back afterwards. Boxes with fixed pixel sizes keep them,
   which is what exposes clipping (WCAG 1.4.4, failure F69). Measured alternatives: CDP ``Page.setFontSizes``
   only changes the default size, so text set in ``px`` does not grow at all; a half-size viewport with
   ``device_scale_factor=2`` is page zoom, where fixed boxes grow with their text and nothing clips.
3. **text_spacing**: the WCAG 1.4.12 styles (line-height 1.5, paragraph spacing 2em, letter-spacing 0.12em,
   word-spacing 0.16em, all ``!important``) in a temporary style sheet.
4. **widths**: the viewport is resized to each width in ``params.viewport_widths`` and to the page-zoom
   equivalent of each zoom level above 200% (400% of 1280 = 320 CSS px); the engine restores it for the next
   gatherer. Each width is measured once the page has answered the new size by script (``session.settle``: a
   header that moves its navigation into a "More" menu from a debounced resize listener has done so), at most
   ``SETTLE_MS``; ``settle`` says how long that took and whether the page was still answering at the limit. A page
   with no way to answer by script (no resize or media query listener, no ResizeObserver, no frame of its own,
   nothing due: js/quiet.js's record) is measured at once (``frames`` 0).

After a change, text counts as *clipped* when at least 10% more of one of its lines (the middle 80% of the
glyph box) is cut by an ``overflow: hidden/clip`` ancestor than at baseline (not counting, as ACT rule 59br37
does not, a box that cuts one line short with a mark, ``white-space: nowrap`` and an ellipsis, sideways; a box
exactly one line high as loaded, downwards; nor text that a box in full view scrolls to), *overlapping* when two text boxes cover each other that did
not at baseline, and *lost* when text that was visible at baseline is not. At a width, text or a form control
whose right edge passes the viewport is *beyond the edge* unless it sits in something allowed to scroll in two
dimensions (tables, pre/code, images, maps, embeds; or a horizontally scrolling box that itself fits, except
for prose of 10 words or more, which must not need sideways scrolling either) or was already cut off at
baseline where the page could not scroll to it (off-canvas panels). Such content is grouped under its *offender*: the
outermost ancestor that also passes the edge (the box that is too wide).

Artifact (plain JSON)::

    {
      "viewport": {"width": 1280, "height": 800},
      "blocks": 57,                                  # text blocks measured (at most 3000)
      "widths": [Width, ...],
      "text_resize": [{"zoom": 200, **Changed}, ...],
      "text_spacing": Changed,
      "readability": Readability,
      "rotation": [{"selector", "angle", "text"}],   # html, body and three levels below: degrees turned
                                                   # (transform and rotate), 0-360; a Width narrower than the
                                                   # window is high (portrait) has its own "rotation" too
      "timing_ms": {"still": 60, "baseline": 12, "text_resize": 9, "text_spacing": 4, "widths": 60,
                    "total": 120}   # still: the one call that does baseline + resize + spacing in the page
    }
    Element = {"selector", "snippet", "role", "name", "text"}      # name: aria-label or text, <= 80 chars
    Offender = Element + {"right": px, "width": px, "content": n, "sample": "text beyond the edge",
                          "cut_off": bool}        # cut_off: neither the page nor a box scrolls to it
    Horizontal = {"scroll_width": px, "client_width": px, "scrolls": bool, "offenders": [Offender]}
    Width = {"width": 320, "height": 800, "zooms": [400],                # zooms: page zooms it stands for
             "settle": {"ms": 16, "frames": 1, "settled": True, "answered": False}} + Horizontal
             # settle: the wait for the page's answer to the new size (answered: some script of it answered;
             # settled false: still answering at SETTLE_MS, measured then; frames 0: no way to answer, not waited)
    Changed = Horizontal + {
      "clipped": [{"container": Element, "hidden": 0.62,            # largest share of a line cut off
                   "texts": [{"selector", "text", "hidden"}]}],
      "overlaps": [{"a": Element, "b": Element, "area": px2}],
      "lost": [Element]}
    Readability = {                                                # one entry per cause, not per paragraph
      "justified":  [Element + {"blocks": n, "words": n}],          # source of text-align: justify
      "caps":       [Element + {"blocks": n, "max_words": n, "authored": bool}],   # runs of >= 3 words
      "italic":     [Element + {"blocks": n, "max_words": n}],      # runs of >= 10 words
      "long_lines": [Element + {"blocks": n, "max_chars": n}],      # container; >= 60 chars a line
      "tiny":       [Element + {"elements": n, "font_size": px}],   # source of a font-size < 16 px
      "tight":      [Element + {"blocks": n, "line_height": ratio}]}  # paragraphs (15+ words), line-height < 1.15 x font size

Lists are capped (10 offenders per width, 20 entries per other list). The floors above (3 caps words, 10
italic words, 60 characters, 16 px, line height 1.15) are what the gatherer keeps; the readability probe applies the real
thresholds.
"""

from __future__ import annotations

import time
from typing import Any

from auditor.gatherers.base import ANSWERS_RESIZE, SETTLE_MS, GatherSession, preloaded
from auditor.gatherers.pagejs import page_script

NAME = "layout"
ORDER = 70

TEXT_SPACING_CSS = (
    "*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)

_PAGE_JS = preloaded(page_script("layout"))


def _ms(start: float) -> int:
    return round((time.perf_counter() - start) * 1000)


def plan_widths(viewport_widths: tuple[int, ...], zoom_levels: tuple[int, ...], base_width: int) -> list[dict]:
    """The widths to lay the page out at: the personas' viewport widths and the page-zoom equivalent of every
    zoom level above 200% (text-only zoom covers 200%), each once, narrowest first."""
    widths: dict[int, list[int]] = {int(w): [] for w in viewport_widths if int(w) > 0}
    for zoom in zoom_levels:
        if zoom > 200:
            widths.setdefault(round(base_width * 100 / zoom), []).append(int(zoom))
    return [{"width": w, "zooms": sorted(z)} for w, z in sorted(widths.items())]


def gather(session: GatherSession) -> dict[str, Any]:
    page = session.page
    params = session.params
    viewport = session.viewport()
    plans = plan_widths(tuple(params.viewport_widths), tuple(params.zoom_levels), viewport["width"])
    zooms = sorted({int(z) for z in params.zoom_levels if 100 < z <= 200})
    start = time.perf_counter()

    still = session.run_js(page, _PAGE_JS, {"op": "still", "zooms": zooms, "css": TEXT_SPACING_CSS,
                                            "keep": bool(plans)})
    timing = {"still": _ms(start), **still["timing"]}

    t = time.perf_counter()
    widths = []
    for i, plan in enumerate(plans):  # the engine puts the page's own size back for the next gatherer
        size = {"width": plan["width"], "height": viewport["height"]}
        session.set_viewport(size)
        # the first width narrower than the window is high is portrait: how the page turns there (1.3.4)
        turned = plan["width"] < viewport["height"] and not any("rotation" in w for w in widths)
        # (through run_js, as "still": in the world that step kept its state in, an isolated one on a page that
        # replaced built-ins)
        result = session.run_js(page, _PAGE_JS, {"op": "width", "last": i == len(plans) - 1, "turned": turned,
                                                 "size": size, "cap": SETTLE_MS, "framed": session.framed()})
        widths.append({**plan, "height": viewport["height"], **result})
    if any((w.get("settle") or {}).get("answered") for w in widths):
        session.remember(ANSWERS_RESIZE, True)   # (vision waits for its zoomed size's answer too)
    timing["widths"] = _ms(t)
    timing["total"] = _ms(start)

    return {
        "viewport": dict(viewport),
        "blocks": still["blocks"],
        "widths": widths,
        "text_resize": still["text_resize"],
        "text_spacing": still["text_spacing"],
        "readability": still["readability"],
        "rotation": still["rotation"],
        "timing_ms": timing,
    }
