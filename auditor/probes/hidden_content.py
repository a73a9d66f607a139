"""Probe ``hidden_content``: words meant for screen readers are not hidden from them too (WCAG 2.4.4, 1.3.1).

Reads ``dom.markup.hidden_in_controls``: links and buttons holding text that CSS hides from everyone
(``display: none`` or ``visibility: hidden``). When what they do show is a generic phrase ("Read more", "Click
here": :data:`auditor.probes.link_purpose.AMBIGUOUS`) and there is no aria-label, the hidden words are
plainly the rest of the name, meant for screen readers, but hidden that way a screen reader never reads them:
``fail``. (Text for screen readers only needs a visually-hidden class, which clips it but keeps it.)
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records
from auditor.probes.link_purpose import AMBIGUOUS

META = ProbeMeta(
    id="hidden_content",
    summary="link words meant for screen readers but hidden from them too",
    title="Text meant for screen readers reaches them",
    failure_title="Text meant for screen readers is hidden from them",
    wcag=("2.4.4", "1.3.1"),
    personas=("ashleigh",),
    impact="serious",
    fix="Hide extra link or button words visually only (a visually-hidden class that clips the text), not with "
        "display: none or visibility: hidden, which hide them from screen readers too.",
    artifacts=("dom",),
    why={"ashleigh": "She hears only what is left: five links all called 'Read more'."},
)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold()).split())


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings = []
    for item in records(artifacts, "dom", "markup", "hidden_in_controls") or []:
        shown = " ".join((item.get("text") or "").split())
        if item.get("label") or _norm(shown) not in AMBIGUOUS:
            continue
        hidden = " ".join((item.get("hidden") or "").split())
        findings.append(META.finding(
            outcome="fail", role="link", name=shown,
            message=f"{{who}} hears only '{shown}': the words '{hidden}' inside it are hidden with CSS that hides "
                    "them from screen readers as well",
            selector=item.get("selector", ""), snippet=item.get("snippet", ""), heard=f"{shown}, link",
            evidence={"hidden": hidden}))
    return findings
