"""Probe ``link_appearance``: links in running text can be told from the text (WCAG 1.4.1).

Reads ``dom.markup.plain_links``: links inside a paragraph, list item, cell or quote with words around them
whose computed style is the same as their parent's in every respect that shows (colour, weight, style, font,
size, underline, background, border, shadow), with nothing styled differently inside. Such a link cannot be
seen as a link at all until hovered: ``fail``. (Links told apart by colour alone are axe's
``link-in-text-block``.)
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="link_appearance",
    summary="links that look exactly like the text around them",
    title="Links look like links",
    failure_title="Links look like the text around them",
    wcag=("1.4.1",),
    personas=("claudia", "ron", "simone"),
    impact="serious",
    fix="Underline links in running text (or mark them in another way besides colour that does not depend on "
        "hovering).",
    artifacts=("dom",),
    why={
        "claudia": "She cannot see small colour differences; an underline she can.",
        "ron": "He looks for underlined words to click.",
        "simone": "She reads slowly and misses links that look like the words around them.",
    },
)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    return [META.finding(
        outcome="fail", role="link", name=link.get("text", ""),
        message=f"{{who}} cannot see that '{link.get('text', '')}' is a link: it looks exactly like the text "
                "around it",
        selector=link.get("selector", ""), snippet=link.get("snippet", ""),
        evidence={"context": link.get("context", "")})
        for link in records(artifacts, "dom", "markup", "plain_links") or []]
