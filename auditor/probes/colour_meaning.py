"""Probe ``colour_meaning``: colour is not the only way information is given (WCAG 1.4.1).

Reads ``dom.markup.colour_only`` (lists of three or more items whose items look the same in every way but the
colour of their text: same weight, style, decoration, background, markers, icons) and ``dom.text_blocks``.
Items set apart by colour alone say something only to people who see the colours. When the page's text
also refers to colours by name (:data:`COLOUR_WORDS`: "the red ones..."), the colour plainly carries the
meaning: ``fail``. Otherwise ``review``: the colours may be decoration.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, part, records

META = ProbeMeta(
    id="colour_meaning",
    summary="information given by colour alone",
    title="Colour is not the only way information is given",
    failure_title="Information is given by colour alone",
    wcag=("1.4.1",),
    personas=("claudia", "ron", "ashleigh"),
    impact="serious",
    fix="Say it in words or a symbol as well as the colour: a heading per group, a label (\"Poisonous:\"), or an "
        "icon with a text alternative.",
    artifacts=("dom",),
    why={
        "claudia": "Glaucoma dulls colours; items that differ only in colour look the same to her.",
        "ron": "His sight is failing; he cannot rely on telling colours apart.",
        "ashleigh": "Her screen reader does not say what colour text is.",
    },
)

COLOUR_WORDS = re.compile(
    r"\b(red|green|amber|orange|yellow|blue|purple|violet|pink|brown|grey|gray|highlighted|coloured|colored)\b",
    re.IGNORECASE)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    markup = part(artifacts, "dom", "markup")
    if markup is None:
        return []
    text = " ".join(b.get("text", "") for b in records(artifacts, "dom", "text_blocks") or [])
    named = sorted({m.lower() for m in COLOUR_WORDS.findall(text)})
    findings = []
    for group in markup.get("colour_only") or []:
        sample = ", ".join(f"'{t}'" for t in (group.get("texts") or [])[:3])
        colours = group.get("colours", 2)
        if named:
            message = (f"The page refers to colours ({', '.join(named)}) and the items of this list ({sample}...) "
                       "differ only in the colour of their text: {who} cannot tell which is which")
        else:
            message = (f"Check: the items of this list ({sample}...) differ only in colour ({colours} colours): if "
                       "the colour means something, {who} cannot tell")
        findings.append(META.finding(
            outcome="fail" if named else "review", impact=META.impact if named else "moderate",
            role="list", name=sample[:80], message=message, selector=group.get("selector", ""),
            snippet=group.get("snippet", ""), evidence={"colours": colours, "colour_words": named}))
    return findings
