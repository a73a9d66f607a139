"""Probe ``target_size``: things to click or tap are big enough, or far enough apart (WCAG 2.5.8, 2.5.5).

Reads the ``tabwalk`` artifact's ``targets`` (box of every visible link, button, field and widget; whether it
sits in a sentence; whether it is an unstyled browser checkbox or radio). Follows 2.5.8's rules:
- a target narrower or shorter than 24 CSS px fails unless it is inline in text, a browser's own control, or
  spaced: a 24 px circle centred on it touches no other target and no other small target's circle;
- for a persona who needs larger targets (``params.min_target_size`` above 24, e.g. Ron's 44), a target
  below that size that 2.5.8 lets through is one ``review`` for the page against 2.5.5 (AAA), listing every
  such target in its evidence, but only where one of them is under 24 px both ways (it met 2.5.8 only by its
  spacing, and a miss goes wide of it in every direction) or is crowded at the persona's own size: the circle of that diameter around its centre runs into another
  target (2.5.8's spacing test, at the persona's size). A target of at least 24 px with that much room around
  it gives a trembling hand the same room as a target that big: a miss lands on nothing and costs a second
  try, never the wrong action. Such targets are 2.5.5's letter, not something to look at on every page (a
  design system's 40 px buttons and 33 px header link would otherwise be the same review on every page).
"Equivalent control elsewhere" and "essential" exceptions cannot be seen from boxes: a person judges those.
"""

from __future__ import annotations

import math

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="target_size",
    summary="buttons and links too small to hit",
    title="Targets are large enough to hit",
    failure_title="Targets are too small or too close together",
    wcag=("2.5.8",),
    personas=("ron", "claudia"),
    impact="serious",
    fix="Make each target at least 24 by 24 CSS px (44 by 44 is better): add padding, or space small targets so "
        "that a 24 px circle around each touches no other.",
    artifacts=("tabwalk",),
    why={"ron": "His hand trembles: on small, crowded targets he hits the wrong one or misses."},
)

MINIMUM = 24   # CSS px, WCAG 2.5.8
MAX_FINDINGS = 30


def _centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _circle_hits_box(centre: tuple[float, float], box: dict, radius: float) -> bool:
    cx, cy = centre
    nearest_x = min(max(cx, box["x"]), box["x"] + box["width"])
    nearest_y = min(max(cy, box["y"]), box["y"] + box["height"])
    return math.hypot(cx - nearest_x, cy - nearest_y) < radius - 0.01


def _nested(a: dict, b: dict) -> bool:
    def inside(p: dict, q: dict) -> bool:
        return p["x"] >= q["x"] and p["y"] >= q["y"] and p["x"] + p["width"] <= q["x"] + q["width"] \
            and p["y"] + p["height"] <= q["y"] + q["height"]
    return inside(a, b) or inside(b, a)


def small(box: dict, size: float = MINIMUM) -> bool:
    return box["width"] < size or box["height"] < size


def tiny(box: dict) -> bool:
    """Under 24 px both ways: a trembling hand's miss goes wide of it in every direction (a 341×21 px link
    still catches a miss along its length)."""
    return box["width"] < MINIMUM and box["height"] < MINIMUM


class Neighbours:
    """The targets by the grid cells their boxes cover, so that a target is compared only with those near it.

    Cells are ``reach`` px square (the circle test's largest reach: another target's centre closer than ``size``,
    or its box within ``size / 2``), so every target that could be run into covers a cell of the square of
    ``reach`` around the centre. A box covering more than ``WIDE_CELLS`` cells (a banner-wide link) is a
    candidate everywhere. Candidates come back in the targets' own order, so :func:`crowded` names the same
    first target as comparing every pair would.
    """

    WIDE_CELLS = 64

    def __init__(self, boxes: list[dict], reach: float):
        self.reach = max(float(reach), 1.0)
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.wide: list[int] = []
        for index, box in enumerate(boxes):
            x0, y0, x1, y1 = self._span(box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"])
            if (x1 - x0 + 1) * (y1 - y0 + 1) > self.WIDE_CELLS:
                self.wide.append(index)
                continue
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    self.cells.setdefault((cx, cy), []).append(index)

    def _span(self, left: float, top: float, right: float, bottom: float) -> tuple[int, int, int, int]:
        cell = self.reach
        return (math.floor(left / cell), math.floor(top / cell), math.floor(right / cell), math.floor(bottom / cell))

    def near(self, point: tuple[float, float]) -> list[int]:
        """Indexes of the targets whose box may lie within ``reach`` of ``point``, ascending."""
        px, py = point
        x0, y0, x1, y1 = self._span(px - self.reach, py - self.reach, px + self.reach, py + self.reach)
        found = set(self.wide)
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                found.update(self.cells.get((cx, cy), ()))
        return sorted(found)


def crowded(index: int, boxes: list[dict], size: float = MINIMUM, neighbours: Neighbours | None = None) -> int:
    """The index of the first target that the ``size`` px circle around target ``index`` runs into, or -1.
    ``neighbours`` (a :class:`Neighbours` of the same boxes with reach ``size``) limits the comparison to the
    targets near it; the answer is the same."""
    box = boxes[index]
    centre = _centre(box)
    radius = size / 2
    candidates = neighbours.near(centre) if neighbours is not None else range(len(boxes))
    for other_index in candidates:
        other = boxes[other_index]
        if other_index == index or _nested(box, other):
            continue
        if small(other, size):
            ox, oy = _centre(other)
            if math.hypot(centre[0] - ox, centre[1] - oy) < size - 0.01:
                return other_index
        elif _circle_hits_box(centre, other, radius):
            return other_index
    return -1


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    found = records(artifacts, "tabwalk", "targets")
    if found is None:
        return []
    targets = [t for t in found if isinstance(t.get("box"), dict)
               and t["box"].get("width", 0) >= 1 and t["box"].get("height", 0) >= 1]
    boxes = [t["box"] for t in targets]
    wanted = max(int(params.min_target_size or MINIMUM), MINIMUM)
    grids: dict[float, Neighbours] = {}

    def crowded_by(index: int, size: float = MINIMUM) -> int:
        if size not in grids:
            grids[size] = Neighbours(boxes, size)
        return crowded(index, boxes, size, grids[size])

    findings: list[Finding] = []
    below: list[tuple[str, str, dict]] = []
    for index, target in enumerate(targets):
        box = target["box"]
        if target.get("inline") or target.get("ua_control") or not small(box, wanted):
            continue
        name = target.get("name") or ""
        label = f"'{name}'" if name else f"an unnamed {target.get('role') or target.get('tag') or 'target'}"
        size = f"{round(box['width'])}×{round(box['height'])} px"
        base = dict(selector=target.get("selector", ""), snippet=target.get("snippet", ""),
                    role=target.get("role", ""), name=name, key=target.get("selector", ""))
        near = crowded_by(index) if small(box) else -1
        if near >= 0:
            other = targets[near]
            other_label = f"'{other.get('name')}'" if other.get("name") else "another target"
            if len(findings) >= MAX_FINDINGS:
                findings[-1].more += 1
                continue
            findings.append(META.finding("fail", f"{label} is only {size} and close to {other_label}: {{who}} can "
                                         "easily hit the wrong one", wcag=["2.5.8"],
                                         evidence={"box": box, "crowded_by": other.get("selector", "")}, **base))
        elif wanted > MINIMUM:
            below.append((label, size, target, index))
    if any(tiny(boxes[index]) or crowded_by(index, wanted) >= 0 for _, _, _, index in below):
        # One review for the page (2.5.5 is AAA advice, not a failure): which targets, and how small.
        label, size, first, _ = below[0]
        more = f" and {len(below) - 1} more" if len(below) > 1 else ""
        findings.append(META.finding(
            "review", impact="minor", wcag=["2.5.5"],
            evidence={"targets": [{"selector": t.get("selector", ""), "box": t["box"]} for _, _, t, _ in below]},
            message=f"{label} ({size}){more} are smaller than the {wanted} px {{who}} needs to hit them reliably"
            if more else f"{label} is {size}, smaller than the {wanted} px {{who}} needs to hit it reliably",
            selector=first.get("selector", ""), snippet=first.get("snippet", ""),
            role="", name="", key=f"below-{wanted}"))
    return findings
