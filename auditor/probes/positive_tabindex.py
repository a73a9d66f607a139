"""Probe ``positive_tabindex``: what a positive tabindex does to the Tab order (WCAG 2.4.3).

Reads the ``tabwalk`` artifact (``positive_tabindex`` and the stops). A positive tabindex pulls an element to
the front of the Tab order, ahead of everything with tabindex 0 or none. For each such element the probe
reports the effect: where Tab visits it, and how many controls that come before it on the page (by box
position: rows top to bottom, then left to right) Tab reaches only afterwards. Box order approximates reading
order, so findings are ``review``: moderate when it jumps ahead of earlier controls, minor when the order
happens to come out right (it still breaks as soon as the page changes).
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="positive_tabindex",
    summary="tabindex values above 0 scramble the Tab order",
    title="No element changes the Tab order with a positive tabindex",
    failure_title="A positive tabindex reorders the Tab order",
    wcag=("2.4.3",),
    personas=("christopher",),
    impact="moderate",
    fix="Remove positive tabindex values (use tabindex=\"0\" or none) and put the elements in the HTML in the "
        "order they should be reached.",
    artifacts=("tabwalk",),
    why={
        "christopher": "Tab sends him to controls out of order, so he skips or repeats parts of the form.",
    },
)

ROW = 8  # px: boxes whose tops are this close read as one row


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _before(a: dict, b: dict) -> bool:
    """Box a reads before box b: an earlier row, or the same row further left."""
    if a["y"] + ROW <= b["y"]:
        return True
    return abs(a["y"] - b["y"]) < ROW and a["x"] < b["x"]


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    items = records(artifacts, "tabwalk", "positive_tabindex")
    if items is None:
        return []
    stops = records(artifacts, "tabwalk", "stops") or []
    findings: list[Finding] = []
    for item in items:
        name = item.get("name") or ""
        label = f"'{name}'" if name else f"an unnamed {item.get('role') or item.get('tag') or 'element'}"
        base = dict(element=item)
        index = item.get("stop")
        if not isinstance(index, int) or not 0 <= index < len(stops):
            if item.get("visible"):
                findings.append(META.finding(outcome="review", impact="minor", **base,
                                        message=f"tabindex=\"{item.get('tabindex')}\" on {label}, but the Tab walk "
                                                "did not reach it, so {who} may never get there"))
            continue
        stop = stops[index]
        box = stop.get("box")
        jumped = [s for s in stops[index + 1:] if isinstance(box, dict) and isinstance(s.get("box"), dict)
                  and s.get("visible") and _before(s["box"], box)]
        if jumped:
            names = ", ".join(f"'{s.get('name')}'" for s in jumped[:3] if s.get("name"))
            more = f" ({names}{' and more' if len(jumped) > 3 else ''})" if names else ""
            findings.append(META.finding(
                outcome="review", evidence={"tab_position": index + 1, "jumped": len(jumped)},
                message=f"tabindex=\"{item.get('tabindex')}\" makes {label} the {_ordinal(index + 1)} Tab stop, so "
                        f"{{who}} reaches it before {len(jumped)} control{'s' if len(jumped) != 1 else ''} that "
                        f"come{'s' if len(jumped) == 1 else ''} earlier on the page{more}", **base))
        else:
            findings.append(META.finding(
                outcome="review", impact="minor", evidence={"tab_position": index + 1, "jumped": 0},
                message=f"tabindex=\"{item.get('tabindex')}\" on {label} fixes its place in the Tab order; the "
                        "order {who} meets is right today but breaks when the page changes", **base))
    return findings
