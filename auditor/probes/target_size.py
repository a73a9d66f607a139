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
from auditor.probes.base import AuditParams, ProbeMeta

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


def crowded(index: int, boxes: list[dict], size: float = MINIMUM) -> int:
    """The index of the first target that the ``size`` px circle around target ``index`` runs into, or -1."""
    box = boxes[index]
    centre = _centre(box)
    radius = size / 2
    for other_index, other in enumerate(boxes):
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
    walk = artifacts.get("tabwalk")
    if not isinstance(walk, dict) or not isinstance(walk.get("targets"), list):
        return []
    targets = [t for t in walk["targets"] if isinstance(t, dict) and isinstance(t.get("box"), dict)
               and t["box"].get("width", 0) >= 1 and t["box"].get("height", 0) >= 1]
    boxes = [t["box"] for t in targets]
    wanted = max(int(params.min_target_size or MINIMUM), MINIMUM)
    findings: list[Finding] = []
    below: list[tuple[str, str, dict]] = []
    for index, target in enumerate(targets):
        box = target["box"]
        if target.get("inline") or target.get("ua_control") or not small(box, wanted):
            continue
        name = target.get("name") or ""
        label = f"'{name}'" if name else f"an unnamed {target.get('role') or target.get('tag') or 'target'}"
        size = f"{round(box['width'])}×{round(box['height'])} px"
        base = dict(rule=META.id, selector=target.get("selector", ""), snippet=target.get("snippet", ""),
                    role=target.get("role", ""), name=name, key=target.get("selector", ""))
        near = crowded(index, boxes) if small(box) else -1
        if near >= 0:
            other = targets[near]
            other_label = f"'{other.get('name')}'" if other.get("name") else "another target"
            if len(findings) >= MAX_FINDINGS:
                findings[-1].more += 1
                continue
            findings.append(Finding(outcome="fail", impact=META.impact, wcag=["2.5.8"],
                                    evidence={"box": box, "crowded_by": other.get("selector", "")},
                                    message=f"{label} is only {size} and close to {other_label}: {{who}} can easily "
                                            "hit the wrong one", **base))
        elif wanted > MINIMUM:
            below.append((label, size, target, index))
    if any(tiny(boxes[index]) or crowded(index, boxes, wanted) >= 0 for _, _, _, index in below):
        # One review for the page (2.5.5 is AAA advice, not a failure): which targets, and how small.
        label, size, first, _ = below[0]
        more = f" and {len(below) - 1} more" if len(below) > 1 else ""
        findings.append(Finding(
            outcome="review", impact="minor", wcag=["2.5.5"],
            evidence={"targets": [{"selector": t.get("selector", ""), "box": t["box"]} for _, _, t, _ in below]},
            message=f"{label} ({size}){more} are smaller than the {wanted} px {{who}} needs to hit them reliably"
            if more else f"{label} is {size}, smaller than the {wanted} px {{who}} needs to hit it reliably",
            rule=META.id, selector=first.get("selector", ""), snippet=first.get("snippet", ""),
            role="", name="", key=f"below-{wanted}"))
    return findings
