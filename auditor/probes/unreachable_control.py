"""Probe ``unreachable_control``: everything that works with a click also works from the keyboard (WCAG 2.1.1).

Reads the ``tabwalk`` artifact's ``clickables``: visible elements that react to the mouse (an onclick
attribute, a click listener found through the DevTools protocol, a widget role, or a pointer cursor) and that
Tab never reaches (nor any element around or inside them). Reports:
- a click handler or widget role with no tabindex: fail, Christopher cannot reach it;
- only a pointer cursor, or tabindex="-1" set on purpose: review (the cursor may be decoration; the control
  may be reached by arrow keys inside a widget).
Content that the page's own script focused (``script_focused``: an error summary or a message focused on load)
and that has no widget role and no onclick of its own is a message, not a control: its click listener serves
the links inside it (event delegation), and script, not Tab, is how focus gets there. It is left alone.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="unreachable_control",
    summary="something you can click cannot be reached with Tab",
    title="Every control can be reached with the keyboard",
    failure_title="Some controls can only be used with a mouse",
    wcag=("2.1.1",),
    personas=("christopher", "ashleigh"),
    impact="critical",
    fix="Use a real <button> (or <a href> for navigation) instead of a clickable <div> or <span>; a custom "
        "control needs tabindex=\"0\", a role, and Enter/Space handling.",
    artifacts=("tabwalk",),
    why={
        "christopher": "He cannot use a mouse: a control Tab never reaches does not exist for him.",
        "ashleigh": "Her screen reader works through the keyboard; a mouse-only control is out of reach.",
    },
)

STRONG_REASONS = {"onclick", "listener", "role"}


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings: list[Finding] = []
    for item in records(artifacts, "tabwalk", "clickables") or []:
        reasons = set(item.get("reasons") or [])
        name = item.get("name") or ""
        label = f"'{name}'" if name else f"a clickable {item.get('tag') or 'element'}"
        base = dict(element=item, evidence={"signals": sorted(reasons)})
        removed = item.get("tabindex") is not None and str(item.get("tabindex")).strip().startswith("-")
        if item.get("script_focused") and not reasons & {"onclick", "role"}:
            continue
        if reasons & STRONG_REASONS and not removed:
            findings.append(META.finding(outcome="fail",
                                    message=f"{{who}} cannot reach {label} with the keyboard: it works with a "
                                            "click, but Tab never stops on it", **base))
        elif removed:
            findings.append(META.finding(outcome="review", impact="serious",
                                    message=f"{{who}} cannot reach {label} with Tab: it has tabindex=\"-1\"; "
                                            "check that another key (such as the arrow keys) reaches it", **base))
        else:
            findings.append(META.finding(outcome="review", impact="serious",
                                    message=f"{label[0].upper() + label[1:]} looks clickable (pointer cursor), but "
                                            "{who} cannot reach it with Tab; check whether it does anything",
                                    **base))
    return findings
