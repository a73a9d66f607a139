"""Probe ``error_identification``: when a form has errors, the page says which field (WCAG 3.3.1).

Reads ``dom.markup.errors``: the visible fields, how many are marked as in error (aria-invalid="true") or
carry a description (aria-describedby / aria-errormessage), and the page's visible alerts and live regions
with their text, how many in-page links in them lead to a field, and whether their text names a field's
label. An announcement that says there are errors (:data:`ERROR_WORDS`) on a page with fields, when it names
no field, links to none, and no field is marked or described, is a ``fail``: the error is announced but the
item in error is identified nowhere.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="error_identification",
    summary="error messages that do not say which field is wrong",
    title="Errors say which field is wrong",
    failure_title="Errors do not say which field is wrong",
    wcag=("3.3.1",),
    personas=("ashleigh", "simone", "claudia"),
    impact="serious",
    fix="List each error in the summary as a link to its field (\"Enter your date of birth\"), show the message "
        "next to the field, tie it to the field with aria-describedby and set aria-invalid=\"true\".",
    artifacts=("dom",),
    why={
        "ashleigh": "She hears 'there are errors' and then must tab through every field guessing which.",
        "simone": "Hunting for an unmarked mistake in a form is where she gives up.",
        "claudia": "Zoomed in, she cannot scan the form for a red border; she needs to be told where.",
    },
)

# Words that say something went wrong. Generic English.
ERROR_WORDS = re.compile(r"\b(errors?|problems?|invalid|incorrect|not valid|fix|correct the|missing|required)\b",
                         re.IGNORECASE)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = artifacts.get("dom")
    markup = dom.get("markup") if isinstance(dom, dict) else None
    errors = markup.get("errors") if isinstance(markup, dict) else None
    if not isinstance(errors, dict) or not errors.get("fields") or errors.get("fields_marked"):
        return []
    findings = []
    for note in errors.get("announcements") or []:
        text = " ".join((note.get("text") or "").split())
        if not ERROR_WORDS.search(text) or note.get("links_to_fields") or note.get("names_field"):
            continue
        findings.append(META.finding(
            outcome="fail", role="alert", name=text[:80],
            message=f"{{who}} is told '{text[:120]}' but not which field is wrong: the message names and links to "
                    "no field, and no field is marked as in error",
            heard=text[:200], selector=note.get("selector", ""), snippet=note.get("snippet", "")))
    return findings
