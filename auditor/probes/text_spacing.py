"""Probe ``text_spacing`` (WCAG 1.4.12): text survives the reader's own spacing.

Reads ``layout.text_spacing`` (see auditor/gatherers/layout.py): the page with line-height 1.5, paragraph
spacing 2em, letter-spacing 0.12em and word-spacing 0.16em forced on. Each box that then cuts text off, each
new overlap of two texts, each text that disappears and each text pushed off the right edge where the page
cannot scroll is one failure.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, whole
from auditor.probes.text_resize import changes_to_findings

META = ProbeMeta(
    id="text_spacing",
    summary="text is cut off when spacing between letters, words and lines grows",
    title="Text spacing can be changed without losing content",
    failure_title="Text is clipped or overlaps when text spacing is increased",
    wcag=("1.4.12",),
    personas=("simone", "claudia"),
    impact="serious",
    fix="Let boxes grow with their text: no fixed heights or widths on text containers (use min-height and "
        "padding), no overflow: hidden or white-space: nowrap on labels and buttons.",
    artifacts=("layout",),
    why={
        "simone": "Simone uses a reading style sheet with wider letter, word and line spacing; text cut off "
                  "in a button or card is text she cannot read.",
        "claudia": "Claudia spaces text out to read it with her remaining sight.",
    },
)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    layout = whole(artifacts, "layout")
    if layout is None or not isinstance(layout.get("text_spacing"), dict):
        return []
    return changes_to_findings(META, layout["text_spacing"], "with wider text spacing", key="spacing")
