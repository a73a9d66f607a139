"""Probe ``markup``: the HTML parses into the page the author meant (WCAG 2.0/2.1 4.1.1 Parsing).

Reads ``dom.markup``: ids used more than once, and (from the page source) end tags that close no open element
and attributes given twice on one tag. Each kind is ONE page-level finding listing what was found, not one
per element. All are ``fail`` against 4.1.1 as WCAG 2.0 and 2.1 state it ("IDs are unique", "complete start
and end tags", no duplicate attributes); WCAG 2.2 made 4.1.1 obsolete, so the impact is ``minor``, except for
a duplicated id that a label, ARIA attribute or in-page link points at: then the browser picks the first
element and a label, description or skip link lands on the wrong thing (``serious``). Ids repeated only
inside inline SVG and pointed at by nothing are left alone.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, part

META = ProbeMeta(
    id="markup",
    summary="repeated ids, stray end tags and repeated attributes in the HTML",
    title="The HTML is well formed",
    failure_title="The HTML has parsing errors",
    wcag=("4.1.1",),
    personas=("ashleigh",),
    impact="minor",
    fix="Make every id unique, close every element you open (and no others), and give each attribute once; "
        "check with the W3C HTML validator.",
    artifacts=("dom",),
    why={"ashleigh": "Assistive technology builds its picture of the page from the parsed HTML: repeated ids "
                     "send labels and descriptions to the wrong element."},
)


def _ids(markup: dict) -> list[Finding]:
    dupes = [d for d in markup.get("duplicate_ids") or [] if d.get("referenced") or not d.get("in_svg")]
    if not dupes:
        return []
    referenced = [d for d in dupes if d.get("referenced")]
    names = ", ".join(f"'{d['id']}' ({d['count']} times)" for d in dupes[:8])
    if referenced:
        message = (f"{{who}} may be given the wrong label, description or place: the id '{referenced[0]['id']}' is "
                   f"used {referenced[0]['count']} times and something points at it (ids repeated: {names})")
    else:
        message = f"Ids are repeated on this page ({names}): anything that later points at them will land on the first"
    first = referenced[0] if referenced else dupes[0]
    return [META.finding(outcome="fail", impact="serious" if referenced else "minor", message=message,
                    role="page", name="duplicate-id", key="duplicate-id", selector=first.get("selector", ""),
                    snippet=first.get("snippet", ""), evidence={"duplicate_ids": dupes})]


def _tags(markup: dict) -> list[Finding]:
    findings = []
    stray = markup.get("stray_end_tags") or []
    if stray:
        listed = ", ".join(f"</{s['tag']}> on line {s['line']}" for s in stray[:8])
        findings.append(META.finding(
            outcome="fail", impact="minor", role="page", name="stray-end-tag", key="stray-end-tag",
            message=f"The page's HTML closes elements it never opened ({listed}): browsers repair it by guessing, "
                    "and {who}'s screen reader reads the guess",
            snippet=listed, evidence={"stray_end_tags": stray}))
    dupes = markup.get("duplicate_attributes") or []
    if dupes:
        listed = ", ".join(f"{'/'.join(d['attributes'])} on <{d['tag']}> (line {d['line']})" for d in dupes[:8])
        findings.append(META.finding(
            outcome="fail", impact="minor", role="page", name="duplicate-attribute",
            key="duplicate-attribute",
            message=f"Attributes are given twice on one element ({listed}): browsers keep only the first, so "
                    "{who} may miss what the second one says",
            snippet=dupes[0].get("text", ""), evidence={"duplicate_attributes": dupes}))
    return findings


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    markup = part(artifacts, "dom", "markup")
    if markup is None:
        return []
    return _ids(markup) + _tags(markup)
