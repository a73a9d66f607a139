"""Probe ``readability`` (WCAG 1.4.8, AAA): text styles that make reading hard.

Reads ``layout.readability`` (see auditor/gatherers/layout.py), where the gatherer has already grouped text by
the element that sets the style (one entry for a container whose paragraphs are all justified, not one per
paragraph). One finding per entry that passes a threshold. Two are plain failures of 1.4.8's own wording
(``fail``, impact minor, so they do not fail a build at the default ``--fail-on serious``):

- justified text that wraps (any): WCAG's documented failure F88;
- paragraphs whose line height is under TIGHT times the font size (lines set tighter than solid, so ascenders
  and descenders of neighbouring lines touch): 1.4.8 asks for 1.5, and only this flagrant case is reported.

The rest are advice (``review``):

- a run of CAPS_WORDS or more words in capitals (text-transform or typed that way);
- a run of ITALIC_WORDS or more words in italics;
- lines longer than ``params.max_line_length`` characters (the gatherer keeps 60 and over);
- text smaller than ``params.min_text_size`` px (the gatherer keeps under 16 px).

A page of ordinary left-aligned 16 px text in a sensible column produces nothing.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, whole

CAPS_WORDS = 5
TIGHT = 1.0
ITALIC_WORDS = 20

META = ProbeMeta(
    id="readability",
    summary="justified text, capitals, italics, long lines, tiny text",
    title="Text is set for easy reading",
    failure_title="Text is set in a way that is hard to read",
    wcag=("1.4.8",),
    personas=("simone", "pawel"),
    impact="minor",
    fix="Align text to the left, use capitals and italics only for a few words, keep lines under about 70 "
        "characters (max-width around 35em) and body text at 16 px or more.",
    artifacts=("layout",),
    why={
        "simone": "Uneven word gaps, walls of capitals or italics and very long lines make letters swim and "
                  "lines hard to track for Simone.",
        "pawel": "Dense, shouty or tiny text raises Pawel's anxiety and makes the page harder to take in.",
    },
)


FAILS = {"justified", "tight"}


def _sample(entry: dict, limit: int = 50) -> str:
    text = " ".join((entry.get("text") or "").split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def _paragraphs(entry: dict) -> str:
    n = entry.get("blocks", 1)
    return "" if n <= 1 else f" ({n} paragraphs)"


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    layout = whole(artifacts, "layout")
    if layout is None or not isinstance(layout.get("readability"), dict):
        return []
    r = layout["readability"]
    found: list[tuple[str, dict, str, dict]] = []
    for e in r.get("justified", []):
        found.append(("justified", e, f"{{who}} finds {_sample(e)}{_paragraphs(e)} hard to read: the text is "
                                      f"justified, so the gaps between words keep changing", {}))
    for e in r.get("tight", []):
        ratio = e.get("line_height")
        if isinstance(ratio, (int, float)) and 0 < ratio < TIGHT:
            found.append(("tight", e, f"{{who}} loses track of the lines in {_sample(e)}{_paragraphs(e)}: they are "
                                      f"{ratio:g} times the text size apart, so they crowd into each other",
                          {"line_height": ratio}))
    for e in r.get("caps", []):
        if e.get("max_words", 0) >= CAPS_WORDS:
            found.append(("caps", e, f"{{who}} finds {_sample(e)} hard to read: {e['max_words']} words in a row "
                                     f"are in capitals", {"max_words": e["max_words"]}))
    for e in r.get("italic", []):
        if e.get("max_words", 0) >= ITALIC_WORDS:
            found.append(("italic", e, f"{{who}} finds {_sample(e)} hard to read: {e['max_words']} words in a "
                                       f"row are in italics", {"max_words": e["max_words"]}))
    for e in r.get("long_lines", []):
        if e.get("max_chars", 0) > params.max_line_length:
            found.append(("long_lines", e, f"{{who}} loses the line in {_sample(e)}{_paragraphs(e)}: lines run "
                                           f"to about {e['max_chars']} characters (over "
                                           f"{params.max_line_length})", {"max_chars": e["max_chars"]}))
    for e in r.get("tiny", []):
        if e.get("font_size", 99) < params.min_text_size:
            count = e.get("elements", 1)
            where = "" if count <= 1 else f" and {count - 1} more pieces of text set there"
            found.append(("tiny", e, f"{{who}} struggles to read {_sample(e)}{where}: the text is "
                                     f"{e['font_size']:g} px, under {params.min_text_size:g} px",
                          {"font_size": e["font_size"]}))
    return [
        META.finding(outcome="fail" if kind in FAILS else "review", message=message,
                element=e, evidence={"kind": kind, **extra}, key=kind)
        for kind, e, message, extra in found
    ]
