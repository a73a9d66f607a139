"""Probe ``generated_content``: words are in the page, not inserted by CSS (WCAG 1.3.1, failure F87).

Reads ``dom.markup.generated``: visible elements whose ``::before`` or ``::after`` content holds words (two
letters or more; icon glyphs, quotes, arrows and counters are left alone). Text put in by CSS is not part of
the document: it is lost with the page's styles (reader modes, user style sheets, high-contrast modes),
cannot be selected or translated with the page, and screen readers differ in whether they read it. F87
names this a failure of 1.3.1 when the content is not decoration; words are not decoration, so this is a
``fail``. One finding per element.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="generated_content",
    summary="words that only CSS puts on the page",
    title="No words are added by CSS",
    failure_title="Words are added by CSS",
    wcag=("1.3.1",),
    personas=("ashleigh", "simone"),
    impact="moderate",
    fix="Put the words in the HTML; use CSS ::before and ::after only for decoration (and give icon fonts "
        "a text alternative).",
    artifacts=("dom",),
    why={
        "ashleigh": "Some screen readers and browsers do not read text that CSS inserts.",
        "simone": "She reads with her own colours and fonts or a reader mode; CSS-inserted words vanish there.",
    },
)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings = []
    for item in records(artifacts, "dom", "markup", "generated") or []:
        words = " ".join((item.get("content") or "").split())
        if not words:
            continue
        findings.append(META.finding(
            outcome="fail", role="text", name=words[:80],
            key=item.get("pseudo", ""),
            message=f"'{words}' is added by CSS ({item.get('pseudo', '::after')}): {{who}} loses it when the "
                    "page's styles are changed or not read",
            selector=item.get("selector", ""), snippet=item.get("snippet", ""),
            evidence={"pseudo": item.get("pseudo"), "element_text": item.get("text", "")}))
    return findings
