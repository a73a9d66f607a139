"""Probe ``error_message``: an error shown next to a field is tied to it, and is said in words, not only in red.

Reads ``dom.markup.errors.red_texts``: text shown in red (the usual colour of error messages) within a few
levels of a form field on the page, whether a field points to it (its label, legend, aria-describedby or
aria-errormessage holds it), whether it sits in a live region, and whether it labels fields (a label or legend,
or the text just before them). Both checks are heuristics (red is a convention, not a rule), so ``review``:

- red text that reads as an error (:data:`ERROR_WORDS`, or an instruction such as "Enter your full name";
  not a note with an asterisk such as "* marks a required field"),
  that no field points to and that is not in a live region: a screen reader on the field never says it
  (WCAG 3.3.1 and 1.3.1);
- on a page that shows such an error, red text that labels fields but says nothing is wrong (a question
  that only turned red): the error is told by colour alone (WCAG 1.4.1 and 3.3.1).

A form whose errors are tied to their fields (aria-describedby) and say what is wrong gives nothing.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="error_message",
    summary="error messages shown in red beside a field but not tied to it, or errors shown by colour alone",
    title="Error messages are tied to their fields and said in words",
    failure_title="Error messages are not tied to their fields, or are shown only in red",
    wcag=("3.3.1", "1.3.1", "1.4.1"),
    personas=("ashleigh", "claudia", "simone"),
    impact="serious",
    fix="Put each error message next to its field, start it with 'Error:' (visually hidden is fine), tie it to "
        "the field with aria-describedby and set aria-invalid=\"true\"; never show an error by colour alone.",
    artifacts=("dom",),
    why={
        "ashleigh": "On the field she hears its label only: the red message beside it is never read to her.",
        "claudia": "Zoomed in, she may not see the message beside the box, nor tell red from dark grey.",
        "simone": "A question that only turns red does not tell her what to do to put it right.",
    },
)

# Words that say something is wrong, and the instructions error messages usually start with. Generic English.
ERROR_WORDS = re.compile(
    r"\b(errors?|problems?|invalid|incorrect|not valid|wrong|missing|required|must|cannot|can't|too (long|short)|"
    r"correct the|fix)\b|^\s*(please )?(enter|select|choose|give|provide|fill in|tell us|check|type|answer)\b",
    re.IGNORECASE)


def _base(item: dict) -> dict:
    text = " ".join((item.get("text") or "").split())
    return dict(impact="serious", selector=item.get("selector", ""), snippet=item.get("snippet", ""),
                role="", name=text[:80], evidence={"colour": item.get("colour", ""), "text": text[:160]})


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    reds = records(artifacts, "dom", "markup", "errors", "red_texts")
    if reds is None:
        return []
    reds = [r for r in reds if isinstance(r.get("text"), str)]
    # a note with an asterisk ("* marks a required field", "Name *") is a hint, not an error
    worded = [r for r in reds if ERROR_WORDS.search(r["text"]) and "*" not in r["text"]]
    findings = []
    for item in worded:
        if item.get("tied") or item.get("live"):
            continue
        text = " ".join(item["text"].split())
        findings.append(META.finding(
            outcome="review", wcag=["3.3.1", "1.3.1"], personas=["ashleigh", "claudia"], key="not-tied",
            message=f"{{who}} may miss the error '{text[:100]}': it is shown in red near the form, but no field "
                    "points to it, so a screen reader on the field does not say it",
            **_base(item)))
    if worded:
        for item in reds:
            if item in worded or not item.get("labels_fields"):
                continue
            text = " ".join(item["text"].split())
            findings.append(META.finding(
                outcome="review", wcag=["1.4.1", "3.3.1"], personas=["ashleigh", "claudia", "simone"],
                key="colour-only",
                message=f"{{who}} is not told what is wrong with '{text[:100]}': it is shown in red on a page "
                        "with errors, but its words say nothing about an error",
                **_base(item)))
    return findings
