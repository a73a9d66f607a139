"""Probe ``text_resize`` (WCAG 1.4.4): text can grow to 200% without being clipped, overlapping or lost.

Reads ``layout.text_resize`` (see auditor/gatherers/layout.py): text-only zoom, where every font size grows
and boxes with fixed pixel sizes do not (the way Firefox's "Zoom text only" works, and what failure F69
describes). Each box that cuts text off, each new overlap of two texts, each text that disappears and each
text pushed off the right edge where the page cannot scroll is one failure. Zoom levels the persona does not
use are skipped.

It also reads ``dom.meta.viewport``: a viewport ``<meta>`` that stops the page being zoomed
(``user-scalable`` off, or ``maximum-scale`` under 2) fails 1.4.4 on phones and tablets (ACT rule b4f0c3). The
values are read as browsers read them (:func:`viewport_blocks_zoom`): "yes" is 1, "no" 0, "device-width" 10,
anything else not a number 0 (so ``user-scalable=invalid`` turns zoom off), a negative ``maximum-scale`` is
ignored, and ``user-scalable`` allows zoom at 1 or more.

``changes_to_findings`` is shared with the text_spacing probe, which reads the same shape.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, part, whole

META = ProbeMeta(
    id="text_resize",
    summary="text is cut off or overlaps at 200% text size",
    title="Text can be resized to 200%",
    failure_title="Text is clipped, overlaps or disappears at 200% text size",
    wcag=("1.4.4",),
    personas=("claudia", "ron"),
    impact="serious",
    fix="Do not fix the height of boxes that hold text (use min-height, or none), size text and its boxes in "
        "rem or em, and avoid overflow: hidden and white-space: nowrap on text that can grow.",
    artifacts=("layout", "dom"),
    why={
        "claudia": "Claudia reads with text at 200% or more; text cut off by its box is text she never gets.",
        "ron": "Ron makes text bigger to read it; if it spills over other text he cannot read either.",
    },
)


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def changes_to_findings(meta: ProbeMeta, changed: dict, when: str, key: str) -> list[Finding]:
    """``when`` finishes the sentence ("at 200% text size"); ``key`` keeps findings of one element at
    different settings apart."""
    findings: list[Finding] = []

    def add(message: str, element: dict, evidence: dict, kind: str) -> None:
        findings.append(meta.finding(
            "fail", message, selector=element.get("selector", ""), snippet=element.get("snippet", ""),
            role=element.get("role", ""), name=element.get("name", ""), evidence=evidence,
            key=f"{key}:{kind}",
        ))

    for group in changed.get("clipped", []):
        texts = group.get("texts", [])
        what = _quote(texts[0]["text"]) if texts else "text"
        more = f" (and {len(texts) - 1} more)" if len(texts) > 1 else ""
        share = round(group.get("hidden", 0) * 100)
        add(f"{{who}} loses text {when}: {what}{more} is cut off by its box, up to {share}% of a line hidden",
            group["container"], {"kind": "clipped", "hidden": group.get("hidden"), "texts": texts}, "clipped")
    for pair in changed.get("overlaps", []):
        add(f"{{who}} sees text run into other text {when}: {_quote(pair['a'].get('text', ''))} overlaps "
            f"{_quote(pair['b'].get('text', ''))}",
            pair["a"], {"kind": "overlap", "other": pair["b"].get("selector"), "area": pair.get("area")},
            f"overlap:{pair['b'].get('name', '')}")
    for element in changed.get("lost", []):
        add(f"{{who}} cannot see {_quote(element.get('text', ''))} {when}: it disappears",
            element, {"kind": "lost"}, "lost")
    for off in changed.get("offenders", []):
        if off.get("cut_off"):
            add(f"{{who}} cannot read {_quote(off.get('sample', ''))} {when}: it is cut off at the right edge "
                f"of the window and the page cannot scroll to it",
                off, {"kind": "cut_off", "right": off.get("right"), "content": off.get("content")}, "cut_off")
    return findings


def _viewport_number(value: str) -> float:
    """A viewport property's value as browsers parse it (CSS Device Adaptation's translation of <meta>)."""
    word = value.strip().lower()
    named = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}
    if word in named:
        return named[word]
    match = re.match(r"[-+]?(?:\d+\.?\d*|\.\d+)", word)
    return float(match.group(0)) if match else 0.0


def viewport_blocks_zoom(content: str | None) -> str | None:
    """What in a viewport <meta>'s content stops zooming ("user-scalable=no", "maximum-scale=1.5"), or None."""
    props: dict[str, str] = {}
    for part in re.split(r"[,;]", content or ""):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            props[key.strip().lower()] = value.strip()
    if "user-scalable" in props and abs(_viewport_number(props["user-scalable"])) < 1:
        return f"user-scalable={props['user-scalable']}"
    if "maximum-scale" in props:
        scale = _viewport_number(props["maximum-scale"])
        if 0 <= scale < 2:
            return f"maximum-scale={props['maximum-scale']}"
    return None


def _viewport(artifacts: dict) -> list[Finding]:
    meta = part(artifacts, "dom", "meta")
    content = meta.get("viewport") if meta is not None else None
    blocked = viewport_blocks_zoom(content) if isinstance(content, str) else None
    if not blocked:
        return []
    return [META.finding(
        "fail", f"{{who}} cannot pinch to zoom this page on a phone or tablet: its viewport says '{blocked}'",
        wcag=["1.4.4"], role="document", name="viewport", selector='meta[name="viewport"]',
        snippet=f'<meta name="viewport" content="{content}">', key="viewport",
        fix="Remove user-scalable=no and any maximum-scale under 2 (better: none) from the viewport <meta>.",
        evidence={"viewport": content})]


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings: list[Finding] = _viewport(artifacts)
    layout = whole(artifacts, "layout")
    if layout is None:
        return findings
    for entry in layout.get("text_resize", []):
        zoom = entry.get("zoom")
        if zoom not in params.zoom_levels:
            continue
        findings += changes_to_findings(META, entry, f"at {zoom}% text size", key=f"zoom:{zoom}")
    return findings
