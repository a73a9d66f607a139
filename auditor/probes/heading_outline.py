"""Probe ``heading_outline``: headings give the page an outline a screen reader can move through.

Reads the ``axtree`` artifact's ``headings`` and ``styled_text``, and (to leave axe's rules to axe) the
``axe`` artifact. Ashleigh presses H (next heading) or 1-6 (next heading at a level) to skim a page.
Reports:
- no heading at level 1 (review: not a WCAG failure in itself, but she cannot jump to the page's title) -
  left to axe's ``page-has-heading-one`` when axe ran;
- more than one level-1 heading (review: which one is the page about?);
- a skipped level, such as h2 followed by h4 (review) - left to axe's ``heading-order`` when axe ran;
- an empty heading (fail: she hears "heading level 2" and nothing) - left to axe's ``empty-heading``
  when axe ran;
- text that looks like a heading but is not marked up as one (review, WCAG 1.3.1): short standalone text
  at least :data:`LARGE` times the page's body size, or bold, that is not a sentence (no final . ! ? , ;)
  and is not in the page banner (the site name) nor another element's description (aria-describedby: a
  field's error message is bold, but it belongs to its field and titles nothing). Each such block is its own finding; a block inside another
  such block is reported once, as the outer one.

Every finding carries the page's heading outline in ``evidence["outline"]`` ("h1 Council tax", "  h2 ...").
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="heading_outline",
    summary="missing, doubled, skipped or fake headings",
    title="Headings give the page a clear outline",
    failure_title="The page's headings do not give a clear outline",
    wcag=("1.3.1", "2.4.6"),
    personas=("ashleigh", "claudia", "pawel", "simone"),
    impact="moderate",
    fix="Mark up each section title as a heading (<h1> for the page's title, <h2> for its sections, <h3> "
        "inside those), in order, with text in each.",
    artifacts=("axtree", "axe"),
    why={
        "ashleigh": "She skims a page by jumping from heading to heading; text that only looks like a heading "
                    "is skipped.",
        "claudia": "At 400% zoom she sees a few words at a time; headings are how she finds her place.",
        "pawel": "A clear, predictable outline tells him what is on the page before he starts.",
        "simone": "Headings break long text into parts she can find again.",
    },
)

LARGE = 1.25          # times the page's most used font size
MAX_WORDS = 12


def _outline(headings: list[dict]) -> list[str]:
    return [f"{'  ' * max((h.get('level') or 1) - 1, 0)}h{h.get('level') or '?'} {h.get('name') or '(empty)'}"
            for h in headings]


def _heading_like(block: dict) -> bool:
    text = " ".join((block.get("text") or "").split())
    if not text or block.get("in_banner") or not re.search(r"[^\W\d_]", text):
        return False
    if len(text.split()) > MAX_WORDS or text[-1] in ".!?,;":
        return False
    base = block.get("base_font_size") or 16
    large = (block.get("font_size") or 0) >= LARGE * base
    bold = (block.get("font_weight") or 400) >= 600
    return large or bold


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    tree = artifacts.get("axtree")
    if not isinstance(tree, dict) or "headings" not in tree:
        return []
    headings = [h for h in tree["headings"] if isinstance(h, dict)]
    evidence = {"outline": _outline(headings)}
    axe_did = axe_ran(artifacts)
    findings: list[Finding] = []

    def add(heading: dict | None, outcome: str, impact: str, message: str, heard: str, key: str,
            fix: str = "", wcag: tuple[str, ...] = ()) -> None:
        h = heading or {}
        findings.append(META.finding(
            outcome=outcome, impact=impact, message=message, fix=fix, wcag=list(wcag),
            selector=h.get("selector", ""), snippet=h.get("snippet", ""), role="heading" if heading else "",
            name=h.get("name", "") if heading else "", heard=heard, evidence=dict(evidence), key=key))

    level_one = [h for h in headings if h.get("level") == 1]
    if not level_one and not axe_did:
        add(None, "review", "moderate",
            "{who} presses 1 to jump to the page's title and hears 'no next heading at level 1'",
            "no next heading at level 1", "no-h1",
            fix="Mark up the page's title as the one <h1>.", wcag=("1.3.1", "2.4.6"))
    if len(level_one) > 1:
        names = ", ".join(f"'{h.get('name')}'" for h in level_one)
        add(level_one[1], "review", "minor",
            f"{{who}} finds {len(level_one)} headings at level 1 ({names}) and cannot tell which is the page's title",
            level_one[1].get("heard", ""), "several-h1",
            fix="Keep one <h1> for the page's title; make the others <h2>.", wcag=("1.3.1",))
    previous = None
    for heading in headings:
        level = heading.get("level") or 0
        if not (heading.get("name") or "").strip():
            if not axe_did:
                add(heading, "fail", "moderate",
                    f"{{who}} hears '{heading.get('heard') or f'heading level {level}'}' and then nothing: the "
                    "heading is empty", heading.get("heard") or f"heading level {level}", "empty",
                    fix="Put the section's title in the heading, or remove the empty heading.")
        elif previous is not None and level > previous + 1 and not axe_did:
            add(heading, "review", "minor",
                f"{{who}} goes from a level {previous} heading straight to '{heading.get('heard')}' and may think "
                f"a level {previous + 1} section is missing",
                heading.get("heard", ""), "skipped",
                fix=f"Make this heading level {previous + 1}, or add the missing level above it.", wcag=("1.3.1",))
        if level:
            previous = level
    blocks = [b for b in tree.get("styled_text") or [] if isinstance(b, dict) and _heading_like(b)]
    outer = [b.get("selector", "") for b in blocks]
    for block in blocks:
        sel = block.get("selector", "")
        if any(o and o != sel and sel.startswith(o + " > ") for o in outer):
            continue  # inside another heading-like block: that one is reported
        text = " ".join(block["text"].split())
        findings.append(META.finding(
            outcome="review", impact="moderate",
            message=f"'{text}' looks like a heading but is not one: {{who}} hears it as plain text, and "
                    "pressing H skips it",
            fix=f"If '{text}' titles a section, mark it up as a heading (<h2>, <h3>...) and style that.",
            wcag=["1.3.1"], selector=block.get("selector", ""), snippet=block.get("snippet", ""),
            role="text", name=text, heard=text, evidence=dict(evidence), key="looks-like-heading"))
    return findings
