"""Probe ``focus_visibility``: wherever focus goes, it can be seen (WCAG 2.4.7) and is not hidden (2.4.11).

Reads the ``tabwalk`` artifact's stops. For each stop the gatherer compared a crop of the element with focus
against the same crop without it (``focus``: changed and strongly changed pixels) and sampled whether other
content covers the focused element (``obscured``). Reports:
- focus lands on something that cannot be seen at all (hidden, or off screen after scrolling) and nothing where
  its focus could be drawn changes: fail 2.4.7. What a person perceives decides, not which element has the style:
  a native checkbox made transparent over a styled box, whose focus ring is drawn on its label's
  pseudo-element, shows focus; the gatherer measures the pixels of its labels, its place and its neighbouring
  elements (``near``) with and without focus;
- no pixel changes when focused: fail 2.4.7 (review for text fields, where the browser's caret, which the
  measurement hides, may be the only sign);
- only a faint change (a few strongly changed pixels): review 2.4.7;
- the focused element entirely covered by fixed or sticky content: fail 2.4.11 (review when what covers it is
  not pinned: it may be a transient overlay); partly covered by pinned content: review 2.4.12.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="focus_visibility",
    summary="you cannot see where the keyboard focus is",
    title="Keyboard focus can always be seen",
    failure_title="Keyboard focus cannot be seen",
    wcag=("2.4.7", "2.4.11"),
    personas=("christopher", "ron", "claudia"),
    impact="serious",
    fix="Give every focusable element a clear :focus-visible style (a solid outline of at least 2 px in a colour "
        "that contrasts with the background), never outline: none without a replacement; keep sticky headers "
        "from covering focused elements (scroll-padding-top).",
    artifacts=("tabwalk",),
    why={
        "christopher": "Using the keyboard only, the focus indicator is his mouse pointer.",
        "ron": "With mild sight loss he needs a strong, obvious indicator to see where he is.",
        "claudia": "With tunnel vision and blur she finds her place by the focus indicator.",
    },
)

FAINT_SHARE = 0.25          # strongly changed pixels below this share of the element's perimeter: faint
TEXT_FIELDS = {"textbox", "searchbox", "combobox", "spinbutton"}


def _label(stop: dict) -> str:
    if stop.get("name"):
        return f"'{stop['name']}'"
    return f"an unnamed {stop.get('role') or stop.get('tag') or 'control'}"


def _visibility(stop: dict) -> Finding | None:
    base = dict(element=stop, wcag=["2.4.7"])
    label = _label(stop)
    focus = stop.get("focus")
    shown = bool(stop.get("visible") and stop.get("in_viewport"))
    if not shown and not isinstance(focus, dict):
        return META.finding(outcome="fail",
                       message=f"{{who}} presses Tab and focus disappears: it lands on {label}, which is not on "
                               "screen", fix="Take hidden things out of the Tab order (display: none, hidden or "
                                             "inert), or show them when they receive focus.", **base)
    if not isinstance(focus, dict) or _hidden_under(stop):
        return None
    evidence = {"focused_png": focus["evidence"]} if focus.get("evidence") else None
    changed, strong = focus.get("changed_px", 0), focus.get("strong_px", 0)
    perimeter = max(focus.get("perimeter_px", 0), 1)
    if changed == 0 and not shown:
        # The element itself cannot be seen, and nothing where its focus could be drawn (its labels, its
        # place, its neighbours) changes either.
        return META.finding(outcome="fail", evidence=evidence,
                       message=f"{{who}} presses Tab and focus disappears: it lands on {label}, which cannot be "
                               "seen, and nothing near it changes",
                       fix="Take hidden things out of the Tab order (display: none, hidden or inert), or show them "
                           "(or the label or box that stands for them) clearly when they receive focus.", **base)
    if changed == 0:
        if stop.get("role") in TEXT_FIELDS and stop.get("tag") in ("input", "textarea"):
            return META.finding(outcome="review", impact="moderate", evidence=evidence,
                           message=f"{{who}} tabs to {label} and nothing but the blinking text cursor shows "
                                   "where focus is", **base)
        return META.finding(outcome="fail", evidence=evidence,
                       message=f"{{who}} presses Tab to {label} and nothing on screen changes: there is no sign "
                               "of where focus is", **base)
    if strong < FAINT_SHARE * perimeter:
        return META.finding(outcome="review", impact="moderate", evidence=evidence,
                       message=f"{{who}} tabs to {label} and sees only a faint change: the focus indicator may be "
                               "too weak to notice", **base)
    return None


def _hidden_under(stop: dict) -> bool:
    """Wholly covered by other content (then the covering, not the indicator, is what to report)."""
    cover = stop.get("obscured")
    return isinstance(cover, dict) and bool(cover.get("sampled")) and cover.get("covered", 0) >= cover["sampled"]


def _obscured(stop: dict) -> Finding | None:
    cover = stop.get("obscured")
    if not isinstance(cover, dict) or not cover.get("sampled") or not cover.get("covered"):
        return None
    base = dict(element=stop, key="obscured", evidence={"covered_by": cover.get("by", "")})
    label = _label(stop)
    fix = ("Leave room for sticky headers and footers when scrolling to focus (scroll-padding-top / "
           "scroll-margin), or make them static.")
    pinned = bool(cover.get("by_pinned"))
    what = "content that stays fixed on screen" if pinned else "other content"
    if cover.get("by"):
        what += f" ({cover['by']})"
    if _hidden_under(stop):
        return META.finding(outcome="fail" if pinned else "review", wcag=["2.4.11"], fix=fix,
                       message=f"{{who}} tabs to {label} but cannot see it: it is hidden under {what}", **base)
    if pinned:
        return META.finding(outcome="review", impact="moderate", wcag=["2.4.12"], fix=fix,
                       message=f"{{who}} tabs to {label} but part of it is hidden under {what}", **base)
    return None


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    stops = records(artifacts, "tabwalk", "stops") or []
    found = [f(stop) for stop in stops if not stop.get("in_frame") for f in (_visibility, _obscured)]
    return [finding for finding in found if finding is not None]
