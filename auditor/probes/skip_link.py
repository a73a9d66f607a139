"""Probe ``skip_link``: a keyboard user can jump past repeated navigation to the main content (WCAG 2.4.1).

Reads the ``tabwalk`` artifact: ``main_start`` (the first Tab stop in the main content), ``skip_link`` (an
in-page link among the first three stops, and what activating it with Enter did) and ``landmarks``. Only a page
with a block of repeated content (at least ``REPEATED`` Tab stops before the main content) is judged:
- a skip link whose target does not exist, or that leaves the next Tab in the navigation: fail;
- no skip link: review. 2.4.1 can be met by landmarks and headings, which screen reader users can jump
  between, but someone on the keyboard alone, like Christopher, cannot; a person must judge.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="skip_link",
    summary="no working link to skip past repeated navigation",
    title="A skip link leads past repeated navigation",
    failure_title="No working way to skip repeated navigation",
    wcag=("2.4.1",),
    personas=("christopher", "ashleigh"),
    impact="moderate",
    fix="Make the first focusable element a link to the main content (<a href=\"#main\">Skip to main content</a>, "
        "visible when focused) whose target exists (<main id=\"main\">) and is not cancelled by a script.",
    artifacts=("tabwalk",),
    why={"christopher": "Every extra key press hurts; without a skip link he tabs through the whole menu on every "
                        "page."},
)

REPEATED = 3   # Tab stops before the main content that make a block worth skipping


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    walk = artifacts.get("tabwalk")
    if not isinstance(walk, dict) or not isinstance(walk.get("stops"), list):
        return []
    start = walk.get("main_start")
    if not isinstance(start, int):
        return []
    skip = walk.get("skip_link") if isinstance(walk.get("skip_link"), dict) else None
    before = start - (1 if skip and isinstance(skip.get("stop"), int) and skip["stop"] < start else 0)
    if before < REPEATED:
        return []
    if skip is None:
        first = walk["stops"][0]
        landmarks = walk.get("landmarks") or {}
        way = " (landmarks and headings help screen reader users, not someone on the keyboard alone)" \
            if landmarks.get("main") or landmarks.get("headings") else ""
        return [META.finding(outcome="review", selector="", snippet="",
                        role="", name="", evidence={"stops_before_main": before, "first_stop": first.get("selector")},
                        message=f"{{who}} has to press Tab {before} times to get past the navigation to the main "
                                f"content: there is no skip link{way}")]
    base = dict(selector=skip.get("selector", ""), snippet="", role="link", name=skip.get("name", ""),
                evidence={"stops_before_main": before, "href": skip.get("href"), "next_stop": skip.get("next_stop")})
    label = f"'{skip.get('name')}'" if skip.get("name") else "the skip link"
    if not skip.get("target_exists"):
        return [META.finding(outcome="fail", **base,
                        message=f"{{who}} follows {label}, but it goes nowhere: nothing on the page has the id "
                                f"'{str(skip.get('href', '')).lstrip('#')}'")]
    if not skip.get("moved_focus"):
        return [META.finding(outcome="fail", **base,
                        message=f"{{who}} presses Enter on {label}, but the next Tab still goes to the navigation: "
                                f"all {before} stops before the main content must be tabbed through anyway")]
    return []
