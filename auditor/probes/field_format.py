"""Probe ``field_format``: a field that only accepts one format says which (WCAG 3.3.2, 3.3.3).

Reads ``dom.markup.pattern_fields``: visible inputs with a ``pattern`` attribute, with their label, title,
placeholder and aria-describedby hint. The browser rejects anything that does not match the pattern and says
only "Please match the requested format", adding the title if there is one. When nothing tells people the
format (no title, no hint, no placeholder, and a label with no example: no digit and none of the words in
:data:`FORMAT_WORDS`), this is a ``fail``: the rule exists but is told to no one. A field outside any form, or
in a form with ``novalidate`` (``enforced`` false), is never rejected by the browser: its pattern is a hint to
the browser (``pattern="[0-9]*"`` brings up a number keypad), not a rule, and it is left alone.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="field_format",
    summary="fields that demand a format they never describe",
    title="Fields say what format they need",
    failure_title="Fields need a format they do not describe",
    wcag=("3.3.2", "3.3.3"),
    personas=("ashleigh", "simone", "ron"),
    impact="moderate",
    fix="Say the format in the label or a hint tied to the field with aria-describedby (\"For example, "
        "07700 900 982\"), and give the pattern a title describing it.",
    artifacts=("dom",),
    why={
        "ashleigh": "She hears the field's name and any hint; a hidden format rule means guessing until it passes.",
        "simone": "Guessing a format, failing and guessing again is where forms are given up.",
        "ron": "Each failed try is more typing with a shaking hand.",
    },
)

# Words that show a label or hint describes a format. Generic English.
FORMAT_WORDS = re.compile(
    r"\b(format|for example|e\.?g\.?|such as|like|digits?|characters?|letters?|starts? with|"
    r"begins? with|dd|mm|yy|yyyy|hh|at least|no more than|up to|only)\b", re.IGNORECASE)


def _described(field: dict) -> bool:
    if field.get("title") or field.get("hint") or field.get("placeholder"):
        return True
    label = field.get("label") or ""
    return bool(re.search(r"\d", label) or FORMAT_WORDS.search(label))


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings = []
    for field in records(artifacts, "dom", "markup", "pattern_fields") or []:
        if _described(field) or field.get("enforced") is False:
            continue
        label = " ".join((field.get("label") or "").split())
        named = f"'{label}'" if label else "this field"
        findings.append(META.finding(
            outcome="fail", role="textbox", name=label,
            message=f"{{who}} must type {named} in a set format, but nothing says what it is: a wrong guess "
                    "only brings 'Please match the requested format'",
            selector=field.get("selector", ""), snippet=field.get("snippet", ""),
            evidence={"pattern": field.get("pattern")}))
    return findings
