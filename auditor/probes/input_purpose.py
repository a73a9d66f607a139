"""Probe ``input_purpose`` (WCAG 1.3.5): fields that ask for the user's own details say so with autocomplete.

Reads ``dom.markup.purpose_fields`` (visible text, email, tel, url and password inputs with their label,
placeholder, name, id and autocomplete attribute). A field whose words or type say it asks for one of the
purposes in :data:`PURPOSES` (name, email, telephone, postcode, address, organisation, date of birth,
username, password) but has no autocomplete token (missing, empty, "on" or "off") is a ``review``: 1.3.5 only
covers details about the user, and the words may be about someone else ("your friend's email").
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="input_purpose",
    summary="fields for your name, email, phone or address that the browser cannot fill in (no autocomplete)",
    title="Fields for personal details say what they ask for",
    failure_title="Fields for personal details do not say what they ask for",
    wcag=("1.3.5",),
    personas=("ron", "christopher", "simone", "ashleigh"),
    impact="moderate",
    fix="Add the autocomplete token that names the field's purpose: autocomplete=\"name\", \"email\", \"tel\", "
        "\"postal-code\", \"street-address\", \"bday\", \"username\", \"current-password\"...",
    artifacts=("dom",),
    why={
        "ron": "Typing his name and address again with an unsteady hand is slow; the browser could fill them in.",
        "christopher": "Every key press counts for Christopher; autofill saves dozens of them.",
        "simone": "Spelling her details again is where mistakes creep in; autofill gets them right.",
    },
)

# (token, pattern over the field's label, placeholder, name and id), first match wins. Generic English words.
PURPOSES: tuple[tuple[str, re.Pattern], ...] = tuple((token, re.compile(pattern, re.IGNORECASE)) for token, pattern in (
    ("email", r"\be-?mail\b"),
    ("tel", r"\b(tele?phone|phone|mobile|tel)( number| no)?\b"),
    ("bday", r"\b(date of birth|birth ?date|birthday|dob)\b"),
    ("postal-code", r"\b(post ?code|postal code|zip( code)?)\b"),
    ("given-name", r"\b(first|given|fore) ?names?\b"),
    ("family-name", r"\b(last|family|sur) ?names?\b"),
    ("name", r"^\s*(your |full )?name\s*\*?\s*$|\b(full name|your name)\b"),
    ("organization", r"\b(organi[sz]ation|company)( name)?\b"),
    ("street-address", r"\b(street address|address line|home address|street|house (name|number))\b|^\s*(your )?address\s*\*?\s*$"),
    ("username", r"\buser ?name\b"),
))
TYPES = {"email": "email", "tel": "tel", "password": "current-password"}
NO_TOKEN = {"", "on", "off"}


def _words(field: dict) -> list[str]:
    out = []
    for key in ("label", "placeholder", "name", "id"):
        value = field.get(key)
        if isinstance(value, str) and value.strip():
            out.append(" ".join(re.sub(r"([a-z])([A-Z])", r"\1 \2", value).replace("_", " ").replace("-", " ").split()))
    return out


def purpose(field: dict) -> str | None:
    """The autocomplete token a field's type or words ask for, or None."""
    kind = field.get("type")
    if kind in TYPES:
        return TYPES[kind]
    for text in _words(field):
        for token, pattern in PURPOSES:
            if pattern.search(text):
                return token
    return None


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = artifacts.get("dom")
    markup = dom.get("markup") if isinstance(dom, dict) else None
    fields = markup.get("purpose_fields") if isinstance(markup, dict) else None
    if not isinstance(fields, list):
        return []
    findings = []
    for field in fields:
        if not isinstance(field, dict):
            continue
        token = (field.get("autocomplete") or "").strip().lower() if isinstance(field.get("autocomplete"), str) else ""
        if token not in NO_TOKEN:
            continue
        wanted = purpose(field)
        if wanted is None:
            continue
        name = " ".join(str(field.get("label") or field.get("placeholder") or field.get("name") or "").split())
        has = "autocomplete=\"off\"" if token == "off" else "no autocomplete"
        findings.append(META.finding(
            outcome="review", selector=field.get("selector", ""),
            snippet=field.get("snippet", ""), role="textbox", name=name[:80],
            message=f"{{who}} must type '{name[:60]}' by hand: the field asks for personal details but has {has}, "
                    "so the browser cannot fill it in",
            fix=f"Add autocomplete=\"{wanted}\" if the field asks for the user's own details.",
            evidence={"purpose": wanted, "autocomplete": field.get("autocomplete")}))
    return findings
