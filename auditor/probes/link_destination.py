"""Probe ``link_destination``: every link goes somewhere (WCAG 2.4.4, 4.1.2).

Reads the ``tabwalk`` artifact's ``activation`` entries for links (<a href>) the Tab walk reached, with who
listens for clicks on them (the link, an ancestor, the page) and whether an ``href="#id"`` target exists.
Reports:
- ``href="javascript:..."``: ``fail`` (4.1.2): it is announced as a link but runs a script instead of going
  anywhere; it cannot be opened in a new tab, copied or bookmarked, and it should be a <button>;
- ``href="#"`` (or empty) with nothing on the page listening for clicks: a placeholder link, ``review``
  (2.4.4): following it jumps to the top of the page, where a screen-reader or keyboard user loses their
  place, but its text may say exactly where it will go once it has its address: a defect to look at, not a
  link whose purpose cannot be told; one review per page, counting the others ("and 11 more like it"). Links
  whose name says they go to the top ("Back to top") are left alone.
  With a click listener somewhere, it is a script-driven control: ``review`` (it should probably be a
  <button>);
- ``href="#id"`` whose target is not on the page and nothing listens for clicks: ``review`` (2.4.4), a broken
  or placeholder in-page link. Skip links are left to the ``skip_link`` probe.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, part, records

META = ProbeMeta(
    id="link_destination",
    summary="links that go nowhere: to \"#\", a missing target, or \"javascript:\"",
    title="Every link goes somewhere",
    failure_title="Some links go nowhere",
    wcag=("2.4.4", "4.1.2"),
    personas=("ashleigh", "christopher"),
    impact="serious",
    fix="Give every link a real address; for an action that stays on the page use a <button>, not a link to "
        "\"#\" or \"javascript:\".",
    artifacts=("tabwalk",),
    why={
        "ashleigh": "She hears 'link' and expects to go somewhere; a dead link drops her at the top of the page.",
        "christopher": "Each dead end costs him many key presses to get back to where he was.",
    },
)

TOP = re.compile(r"\b(top|start of (the )?page|beginning)\b", re.IGNORECASE)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    items = records(artifacts, "tabwalk", "activation")
    if items is None:
        return []
    skip = (part(artifacts, "tabwalk", "skip_link") or {}).get("selector")
    findings: list[Finding] = []
    placeholders: list[Finding] = []
    for item in items:
        if item.get("tag") != "a" or item.get("href") is None:
            continue
        href = item["href"].strip()
        name = " ".join((item.get("name") or "").split())
        label = f"'{name}'" if name else "a link with no name"
        base = dict(element=item, role=item.get("role") or "link", name=name, heard=f"{name}, link" if name else "link")
        listened = bool(item.get("click"))
        if href.lower().startswith("javascript:"):
            findings.append(META.finding(
                outcome="fail", impact="moderate", wcag=["4.1.2"], key="javascript",
                message=f"{{who}} hears {label} as a link, but it goes nowhere: it runs a script "
                        f"({href[:60]}), so it cannot be opened, copied or bookmarked like a link",
                fix="Make it a <button> if it does something on the page, or give it a real address.", **base))
        elif href in ("", "#") and not TOP.search(name):
            if listened:
                findings.append(META.finding(
                    outcome="review", impact="minor", wcag=["4.1.2"], key="hash-scripted",
                    message=f"Check: {label} is a link to '#' that a script works: {{who}} hears 'link' and may not "
                            "expect it to act like a button (Space will not press it)",
                    fix="Use a <button> for actions on the page.", **base))
            elif placeholders:   # one review for the page's placeholder links: the first, and how many more
                placeholders[0].more += 1
                placeholders[0].evidence["selectors"].append(item.get("selector", ""))
            else:
                placeholders.append(META.finding(
                    outcome="review", impact="moderate", wcag=["2.4.4"], key="hash",
                    evidence={"selectors": [item.get("selector", "")]},
                    message=f"Check: {label} is a placeholder link to '#' that nothing on the page handles: {{who}} "
                            "following it lands at the top of the page",
                    fix="Give the link its real address; for an action on the page use a <button>.", **base))
        elif (item.get("fragment") or {}).get("exists") is False and not listened and item.get("selector") != skip \
                and not TOP.search(name) and item["fragment"].get("id", "").lower() != "top":
            findings.append(META.finding(
                outcome="review", impact="moderate", wcag=["2.4.4"], key="missing-target",
                message=f"Check: {label} goes nowhere for {{who}}: its target '#{item['fragment'].get('id')}' is not "
                        "on the page (a broken or placeholder link)",
                fix="Point the link at an element that is on the page, or give it its real address.", **base))
    return findings + placeholders
