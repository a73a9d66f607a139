"""Probe ``frame_title`` (WCAG 4.1.2, 2.4.1): a frame's title says what the framed content is.

Reads ``dom.markup.frames``: each visible frame's title (or aria-label) and, for frames the page may read
(same origin), the framed document's title, first heading and opening text. A screen reader announces a
frame by its title; a title that shares no word with anything the framed document says about itself
("Facebook" on a frame showing a council demo page) is probably wrong: ``review`` (titles may use other
words for the same thing). Frames with no title at all are axe's ``frame-title``; cross-origin frames are
left alone (their content cannot be read).
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="frame_title",
    summary="frames whose title does not say what they show",
    title="Frame titles say what the frame holds",
    failure_title="A frame's title does not say what it holds",
    wcag=("4.1.2", "2.4.1"),
    personas=("ashleigh",),
    impact="moderate",
    fix="Title the frame with what it shows (title=\"Bin collection calendar\"), in words its content would use.",
    artifacts=("dom",),
    why={"ashleigh": "She hears the frame's title to decide whether to go in; a wrong title sends her the wrong way."},
)

# Words too common to show two texts are about the same thing. Generic English.
STOP = {"the", "and", "for", "with", "this", "that", "from", "your", "you", "our", "are", "was", "page", "frame",
        "iframe", "content", "website", "site", "home", "homepage", "www", "com", "http", "https", "html", "use"}


def words(text: str | None) -> set[str]:
    """Content words (3+ letters, not :data:`STOP`), with a plural 's' dropped."""
    out = set()
    for word in re.findall(r"[^\W\d_]{3,}", (text or "").casefold()):
        if word not in STOP:
            out.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return out


def _frames(artifacts: dict) -> list | None:
    dom = artifacts.get("dom")
    markup = dom.get("markup") if isinstance(dom, dict) else None
    frames = markup.get("frames") if isinstance(markup, dict) else None
    return frames if isinstance(frames, list) else None


def applies(artifacts: dict, params: AuditParams) -> bool:
    """The page has a frame whose document it may read."""
    return any(isinstance(f, dict) and f.get("readable") for f in _frames(artifacts) or [])


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    frames = _frames(artifacts)
    if frames is None:
        return []
    findings = []
    for frame in frames:
        if not isinstance(frame, dict) or not frame.get("readable"):
            continue
        name = " ".join(str(frame.get("label") or frame.get("title") or "").split())
        said = " ".join(str(frame.get(k) or "") for k in ("doc_title", "doc_heading", "doc_text"))
        if not words(name) or not words(said) or words(name) & words(said):
            continue
        shown = " ".join(str(frame.get("doc_title") or frame.get("doc_heading") or "").split())
        findings.append(META.finding(
            outcome="review", selector=frame.get("selector", ""),
            snippet=frame.get("snippet", ""), role="Iframe", name=name[:80], heard=f"{name}, frame",
            message=f"{{who}} hears '{name}, frame', but the frame shows " + (f"'{shown[:80]}'" if shown else
                    "something else") + ": its title shares no word with what the framed page says about itself",
            evidence={"doc_title": frame.get("doc_title"), "doc_heading": frame.get("doc_heading")}))
    return findings
