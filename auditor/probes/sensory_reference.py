"""Probe ``sensory_reference`` (WCAG 1.3.3): instructions do not rely on where something is or how it looks.

Reads ``dom.text_blocks`` (the page's visible text by block). Text that points at content by its place on
the screen ("the artist on the right", "the menu in the top left corner") or its shape ("press the round
button") says nothing to a screen reader user, and is wrong for someone zoomed in, where the page reflows
into one column (WCAG failure F14). Words like these also describe the real world ("the tip is on the left
after the roundabout"), so each is a ``review``: one finding per page, naming the first phrase and how many
blocks use such words. "Above" and "below" are left alone: they also follow the reading order.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="sensory_reference",
    summary="instructions that point at things by position or shape (\"the button on the right\")",
    title="Instructions do not rely on position or shape",
    failure_title="Instructions point at things by where they are or how they look",
    wcag=("1.3.3",),
    personas=("ashleigh", "claudia"),
    impact="moderate",
    fix="Name the thing as well as where it is (\"the 'Search' button, on the right\"), or only name it.",
    artifacts=("dom",),
    why={
        "ashleigh": "Her screen reader reads in order; 'on the right' has no meaning in a stream of words.",
        "claudia": "Zoomed in, the page is one column: what was on the right is now somewhere below.",
    },
)

# Position and shape phrases. Generic English.
PHRASES = re.compile(
    r"\b(?:on|to|at|in) the (?:far )?(?:left|right)(?:[- ]hand side| side| column| corner)?\b|"
    r"\b(?:left|right)[- ]hand (?:side|column|menu|panel|box)\b|"
    r"\b(?:top|bottom)[- ](?:left|right)(?: corner)?\b|"
    r"\b(?:round|square|circular|triangular|star[- ]shaped|diamond[- ]shaped) (?:button|icon|symbol|shape|link)s?\b",
    re.IGNORECASE)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = artifacts.get("dom")
    blocks = dom.get("text_blocks") if isinstance(dom, dict) else None
    if not isinstance(blocks, list):
        return []
    hits = []
    for block in blocks:
        text = block.get("text") if isinstance(block, dict) else None
        if isinstance(text, str):
            match = PHRASES.search(text)
            if match:
                hits.append((block, match, " ".join(text.split())))
    if not hits:
        return []
    block, match, text = hits[0]
    others = len(hits) - 1
    more = "" if not others else f" ({others} more passage{'s' if others > 1 else ''} point{'' if others > 1 else 's'} " \
                                 "at places or shapes too)"
    start = max(0, match.start() - 40)
    quote = ("…" if start else "") + text[start:match.end() + 40].strip() + ("…" if match.end() + 40 < len(text) else "")
    return [META.finding(
        outcome="review", selector=block.get("selector", ""), snippet="",
        role="", name=match.group(0).lower(),
        message=f"{{who}} is told '{quote}': '{match.group(0)}' points at something by where it is or how it "
                f"looks, which a screen reader cannot show and zoom moves{more}",
        evidence={"phrase": match.group(0), "blocks": len(hits)})]
