"""Probe ``abbreviation``: abbreviations marked up with <abbr> say what they stand for (WCAG 3.1.4).

Reads ``dom.markup.abbreviations``. The gatherer says, for each visible <abbr> (or <acronym>), whether it has a
title or whether the page's text spells it out somewhere (words whose initials make it: "Government Digital
Service (GDS)"). An <abbr> with neither is a ``fail``: the author marked it as an abbreviation, yet nothing on
the page gives its expanded form, which is what 3.1.4 asks for. One finding per distinct abbreviation.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="abbreviation",
    summary="abbreviations that nothing on the page spells out",
    title="Abbreviations are spelled out",
    failure_title="Abbreviations are not spelled out",
    wcag=("3.1.4",),
    personas=("simone", "ashleigh"),
    impact="minor",
    fix="Spell the abbreviation out where it is first used (\"Government Digital Service (GDS)\"), or give the "
        "<abbr> a title with the full words.",
    artifacts=("dom",),
    why={
        "simone": "An unexplained string of capitals is one more thing to decode; she may not know it.",
        "ashleigh": "Her screen reader reads it as letters or as a word, and she cannot hover to see a tooltip.",
    },
)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for abbr in records(artifacts, "dom", "markup", "abbreviations") or []:
        text = " ".join((abbr.get("text") or "").split())
        if not text or abbr.get("expanded") or not abbr.get("visible", True) or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        findings.append(META.finding(
            outcome="fail", role="abbr", name=text,
            message=f"{{who}} meets '{text}' marked as an abbreviation, but nothing on the page says what it "
                    "stands for",
            selector=abbr.get("selector", ""), snippet=abbr.get("snippet", "")))
    return findings
