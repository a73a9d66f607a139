"""Probe ``orientation`` (WCAG 1.3.4 Orientation): the page is not turned to stay in one orientation.

Reads ``layout.rotation`` (the page as loaded, 1280x800: landscape) and the ``rotation`` of the first
``layout.widths`` entry narrower than the window is high (portrait; see auditor/gatherers/layout.py): how far
html, body and the boxes of the three levels below are turned by CSS ``transform`` and ``rotate``. A box turned
a quarter turn further in one orientation than in the other (90 or 270 degrees, a few degrees either way) is
the page locking its orientation the way failure F97 describes and ACT rule b33eff checks: a phone held
upright shows it sideways. One finding, on the outermost box turned. A turn of a whole circle, or the same turn
in both, changes nothing.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="orientation",
    summary="the page turns itself to stay in landscape or portrait",
    title="The page works in portrait and landscape",
    failure_title="The page is turned to lock its orientation",
    wcag=("1.3.4",),
    personas=("claudia",),
    impact="serious",
    fix="Remove the rotation under the orientation media query; let the layout adapt to either orientation "
        "instead.",
    artifacts=("layout",),
    why={
        "claudia": "She turns her tablet to landscape to make text bigger; a page that turns itself back shows "
                   "her its text sideways.",
    },
)

TOLERANCE = 5.0   # degrees either side of a quarter turn


def _portrait(layout: dict) -> list | None:
    for width in layout.get("widths") or []:
        if isinstance(width, dict) and isinstance(width.get("rotation"), list):
            return width["rotation"]
    return None


def applies(artifacts: dict, params: AuditParams) -> bool:
    """The page was laid out in both orientations."""
    layout = artifacts.get("layout")
    return (isinstance(layout, dict) and isinstance(layout.get("rotation"), list)
            and _portrait(layout) is not None)


def quarter_turn(a: float, b: float) -> bool:
    """``a`` and ``b`` (degrees) differ by 90 or 270, within :data:`TOLERANCE`."""
    diff = abs(a - b) % 360
    return any(abs(diff - q) <= TOLERANCE for q in (90, 270))


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    if not applies(artifacts, params):
        return []
    layout = artifacts["layout"]
    landscape = {e.get("selector"): e for e in layout["rotation"] if isinstance(e, dict)}
    for element in _portrait(layout) or []:
        other = landscape.get(element.get("selector"))
        if not other or not quarter_turn(float(element.get("angle") or 0), float(other.get("angle") or 0)):
            continue
        return [META.finding(
            "fail", f"{{who}} sees this page sideways in one orientation: it is turned "
                    f"{other.get('angle', 0):g}° in landscape and {element.get('angle', 0):g}° in portrait",
            wcag=["1.3.4"],
            selector=element.get("selector", ""), snippet="", name=(element.get("text") or "")[:80],
            evidence={"landscape": other.get("angle"), "portrait": element.get("angle")})]
    return []
