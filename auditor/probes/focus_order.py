"""Probe ``focus_order``: Tab moves through the page in the order it reads (WCAG 2.4.3).

Reads the ``tabwalk`` artifact's stops (boxes in page coordinates). Between two consecutive visible stops, a
move is backwards when the next stop lies wholly above the previous one and not in a column to its right, or
on the same row wholly to its left (right to left pages: to its right). Moving up into the next column is the
normal way multi-column layouts read, so it is not counted. Boxes only approximate reading order, so every
finding is ``review``. Moves into or out of an element with a positive tabindex are left to the
``positive_tabindex`` probe.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="focus_order",
    summary="Tab jumps around the page out of reading order",
    title="Focus moves in reading order",
    failure_title="Focus jumps around the page",
    wcag=("2.4.3",),
    personas=("christopher", "ashleigh"),
    impact="moderate",
    fix="Put elements in the HTML in the order they are read and let CSS place them; do not reorder with CSS "
        "(flex/grid order, row-reverse, absolute positioning) or with JavaScript focus jumps.",
    artifacts=("tabwalk",),
    why={
        "christopher": "Each unexpected jump costs him more key presses and makes him lose his place.",
        "ashleigh": "She hears the page in focus order; out-of-order controls lose their meaning.",
    },
)

TOLERANCE = 8       # px of overlap ignored when deciding "above" or "left of"
MAX_FINDINGS = 10


def _positive(stop: dict) -> bool:
    try:
        return int(stop.get("tabindex")) > 0
    except (TypeError, ValueError):
        return False


def backwards(prev: dict, nxt: dict, rtl: bool = False) -> str:
    """'up', 'left' (or 'right' for rtl) when moving from box prev to box nxt goes against reading order."""
    above = nxt["y"] + nxt["height"] <= prev["y"] + TOLERANCE
    right_column = nxt["x"] >= prev["x"] + prev["width"] - TOLERANCE if not rtl \
        else nxt["x"] + nxt["width"] <= prev["x"] + TOLERANCE
    if above and not right_column:
        return "up"
    same_row = nxt["y"] < prev["y"] + prev["height"] - TOLERANCE and prev["y"] < nxt["y"] + nxt["height"] - TOLERANCE
    if same_row:
        if not rtl and nxt["x"] + nxt["width"] <= prev["x"] + TOLERANCE:
            return "left"
        if rtl and nxt["x"] >= prev["x"] + prev["width"] - TOLERANCE:
            return "right"
    return ""


def _label(stop: dict) -> str:
    return f"'{stop.get('name')}'" if stop.get("name") else f"an unnamed {stop.get('role') or stop.get('tag')}"


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    walk = artifacts.get("tabwalk")
    if not isinstance(walk, dict) or not isinstance(walk.get("stops"), list):
        return []
    rtl = str((artifacts.get("dom") or {}).get("dir", "")).lower() == "rtl"
    stops = [s for s in walk["stops"] if isinstance(s, dict) and s.get("visible") and isinstance(s.get("box"), dict)
             and s["box"].get("width", 0) >= 1 and s["box"].get("height", 0) >= 1 and not s.get("in_frame")]
    findings: list[Finding] = []
    for prev, nxt in zip(stops, stops[1:]):
        if _positive(prev) or _positive(nxt):
            continue
        direction = backwards(prev["box"], nxt["box"], rtl)
        if not direction:
            continue
        if len(findings) >= MAX_FINDINGS:
            findings[-1].more += 1
            continue
        way = {"up": "back up", "left": "back to the left", "right": "back to the right"}[direction]
        findings.append(META.finding(
            outcome="review", element=nxt,
            key=prev.get("selector", ""),
            message=f"{{who}} presses Tab on {_label(prev)} and focus jumps {way} to {_label(nxt)}, against the "
                    "order the page reads in",
            evidence={"from": prev.get("selector", ""), "from_box": prev["box"], "to_box": nxt["box"],
                      "script_jump": bool(nxt.get("dom_backwards"))}))
    return findings
