"""Probe ``reflow`` (WCAG 1.4.10): content must fit 320 CSS px without scrolling sideways.

Reads ``layout.widths`` (see auditor/gatherers/layout.py): at each width the persona audits (their viewport
widths, and the page-zoom equivalent of their zoom levels, 400% of 1280 = 320 px), every *offender*, the box
that carries text or controls past the right edge, is one failure. Content in tables, pre/code, images, maps
and horizontally scrolling regions that fit is allowed to scroll and was left out by the gatherer. An offender
reported at several widths is reported once, at the narrowest (a failure at a wider width still counts where
the narrower one was only a review).

The gatherer measures a width once the page has answered the new size by script (resize and media query listeners,
ResizeObserver callbacks and the short timers and frames they start, e.g. a header moving its navigation into a
"More" menu). A page still answering at the gatherer's limit (``settle.settled`` false: it kept changing) is
measured then, and again some frames later: what passes the edge at the same place both times stayed put while
the page changed (``steady``) and is a failure as on any page; the rest is a review, not a failure, since a
person who waits may not meet it.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, whole

META = ProbeMeta(
    id="reflow",
    summary="the page scrolls sideways when narrow or zoomed to 400%",
    title="Content reflows to 320 CSS px",
    failure_title="Content needs sideways scrolling at 320 CSS px",
    wcag=("1.4.10",),
    personas=("claudia", "ron"),
    impact="serious",
    fix="Let the box shrink with the window: use max-width instead of width, relative units, flex-wrap or grid "
        "that stacks, and break long words (overflow-wrap: anywhere). Only tables, maps, diagrams and code may "
        "scroll sideways.",
    artifacts=("layout",),
    why={
        "claudia": "At 400% zoom the page is 320 px wide for Claudia; scrolling sideways on every line means "
                   "losing her place in the text.",
        "ron": "Ron zooms in to read; two-way scrolling with a shaky hand is slow and tiring.",
    },
)


def _audited(width: dict, params: AuditParams) -> bool:
    return width.get("width") in params.viewport_widths or any(z in params.zoom_levels for z in width.get("zooms", ()))


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    layout = whole(artifacts, "layout")
    if layout is None:
        return []
    findings: list[Finding] = []
    seen: set[str] = set()       # reported as a failure
    reviewed: set[str] = set()   # reported as a review (a failure at a wider width is still reported)
    for width in sorted(layout.get("widths", []), key=lambda w: w.get("width", 0)):
        if not _audited(width, params):
            continue
        px = width["width"]
        settle = width.get("settle") or {}
        restless = settle.get("settled") is False
        for off in width.get("offenders", []):
            # Still changing at the limit: what stayed at the same place when measured again some frames later
            # (steady) fails as on a settled page; the rest may be gone once the page settles.
            unsure = restless and not off.get("steady")
            if off["selector"] in seen or (unsure and off["selector"] in reviewed):
                continue
            (reviewed if unsure else seen).add(off["selector"])
            past = off["right"] - width.get("client_width", px)
            what = f"'{off['sample']}'" if off.get("sample") else "some of the content"
            if off.get("cut_off"):
                message = (f"{{who}} cannot read all of this page at {px} CSS px: {what} is cut off at the right edge, "
                           f"{past} px past it, and the page cannot scroll to it")
            else:
                message = (f"{{who}} has to scroll sideways to read this page at {px} CSS px: {what} runs {past} px "
                           f"past the right edge, in a box {off['width']} px wide")
            if unsure:
                message += (f"; the page was still changing {settle.get('ms', 0)} ms after the window was resized, "
                            "so check it by hand once it has settled")
            findings.append(META.finding(
                outcome="review" if unsure else "fail", message=message,
                selector=off["selector"], snippet=off.get("snippet", ""), role=off.get("role", ""),
                name=off.get("name", ""),
                evidence={"width": px, "scroll_width": width.get("scroll_width"), "right": off["right"],
                          "box_width": off["width"], "content": off.get("content", 0),
                          "cut_off": bool(off.get("cut_off")),
                          **({"settled": False, "steady": bool(off.get("steady"))} if restless else {})},
            ))
    return findings
