"""Probe ``keyboard_trap``: once focus is in something, the keyboard can take it out again (WCAG 2.1.2).

Reads the ``tabwalk`` artifact: when the walk came back to an earlier stop without reaching the end of the page
(``end == "trap"``), the gatherer tried Shift+Tab and Escape from inside. Reports:
- neither gets out: fail, Christopher is stuck;
- only Shift+Tab gets out: review. 2.1.2 allows Shift+Tab as a way out, but Tab alone never reaches what
  comes after, so a person must judge whether that content can be reached another way (2.1.1).
Escape getting out is the modal dialog pattern (focus kept inside until it is closed): nothing to report.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="keyboard_trap",
    summary="focus gets stuck and Tab cannot leave",
    title="Focus can always be moved away with the keyboard",
    failure_title="Keyboard focus gets stuck",
    wcag=("2.1.2",),
    personas=("christopher", "ashleigh"),
    impact="critical",
    fix="Let Tab and Shift+Tab move focus out of the component at its ends; a dialog that keeps focus inside "
        "must close with Escape and return focus to what opened it.",
    artifacts=("tabwalk",),
    why={
        "christopher": "He uses the keyboard only: if focus cannot leave a widget, the rest of the page is gone.",
        "ashleigh": "Her screen reader moves with keyboard focus; a trap ends her task.",
    },
)


def names(stops: list[dict], limit: int = 4) -> str:
    """"'A'", "'A' and 'B'", "'A', 'B' and 2 more"."""
    labels = [f"'{s.get('name') or s.get('tag') or 'an unnamed control'}'" for s in stops]
    if len(labels) > limit:
        labels = labels[:limit - 1] + [f"{len(labels) - limit + 1} more"]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    walk = artifacts.get("tabwalk")
    if not isinstance(walk, dict) or walk.get("end") != "trap" or not isinstance(walk.get("trap"), dict):
        return []
    trap = walk["trap"]
    stops = walk.get("stops") or []
    inside = [stops[i] for i in trap.get("stops", []) if isinstance(i, int) and 0 <= i < len(stops)]
    if not inside or trap.get("escape_key_escapes"):
        return []
    first = inside[0]
    if len(inside) == 1:
        where = f"focus jumps back to {names(inside)} on every Tab"
    else:
        where = f"Tab keeps going round {names(inside)}"
    base = dict(rule=META.id, selector=first.get("selector", ""), snippet=first.get("snippet", ""),
                role=first.get("role", ""), name=first.get("name", ""),
                evidence={"trap_selectors": trap.get("selectors", [])})
    if trap.get("shift_tab_escapes"):
        return [Finding(outcome="review", impact="serious", wcag=["2.1.1", "2.1.2"],
                        message=f"{{who}} is held in place: {where}. Only Shift+Tab leads back out, so nothing "
                                "after them can be reached with Tab", **base)]
    return [Finding(outcome="fail", impact=META.impact,
                    message=f"{{who}} is stuck: {where}, and neither Shift+Tab nor Escape gets out, so the rest "
                            "of the page cannot be reached", **base)]
