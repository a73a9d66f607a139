"""``--format earl``: the run as an EARL report in JSON-LD (``report.earl.jsonld``), the form W3C takes
accessibility implementation reports in (ACT Rules' implementation reports, WCAG-EM's report tool).

One ``TestSubject`` per page audited (``source``: its URL), holding one ``Assertion`` per WCAG success
criterion that a check which ran on the page names, with the page's outcome for it (report.json's
``criteria``): fail -> ``earl:failed``, review -> ``earl:cantTell``, pass -> ``earl:passed``,
inapplicable -> ``earl:inapplicable``. A criterion no check covers gets no assertion (it was not tested),
and a page that could not be audited gets none either (its ``TestSubject`` says why). A failed or cantTell
result points (``pointer``, CSS selectors) at the elements and names the rules behind it (``info``).

The ``@context`` is the URL that ACT implementation reports use; its terms (EARL's vocabulary with Dublin
Core, DOAP and W3C's pointers) are also shipped as ``earl-context.jsonld`` beside this module, so that a
JSON-LD processor can expand the report with no network (:func:`document_loader`).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from auditor.reporters.rules import WCAG, sc_key

CONTEXT_URL = "https://act-rules.github.io/earl-context.json"
EARL_OUTCOME = {"fail": "earl:failed", "review": "earl:cantTell", "pass": "earl:passed",
                "inapplicable": "earl:inapplicable"}
ASSERTOR = "_:empathy-lab"
MAX_POINTERS = 20


def context() -> dict[str, Any]:
    """The shipped EARL JSON-LD context (the document served for :data:`CONTEXT_URL`)."""
    return json.loads(resources.files("auditor.reporters").joinpath("earl-context.jsonld").read_text("utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the shipped context for :data:`CONTEXT_URL` and refuses the rest
    (no network)."""
    if url.rstrip("/") == CONTEXT_URL:
        return {"contextUrl": None, "documentUrl": url, "document": context()}
    raise ValueError(f"no local copy of {url} (only {CONTEXT_URL} is shipped)")


def requirement(number: str) -> dict[str, Any]:
    """The success criterion as an EARL test: WCAG 2.2's anchor for it, and its number and title."""
    slug, title = WCAG.get(number, ("", ""))
    node: dict[str, Any] = {"@type": "TestRequirement", "title": f"{number} {title}".strip()}
    if slug:
        node["@id"] = f"WCAG22:{slug}"
    return node


def assertion(page: dict[str, Any], number: str, outcome: str) -> dict[str, Any]:
    result: dict[str, Any] = {"@type": "TestResult", "outcome": EARL_OUTCOME[outcome]}
    if outcome in ("fail", "review"):
        behind = [f for f in page.get("findings") or [] if f.get("outcome") == outcome and number in (f.get("wcag") or [])]
        rules = sorted({f["rule"] for f in behind})
        result["info"] = (f"{len(behind)} finding{'s' if len(behind) != 1 else ''} "
                          f"({'needs review' if outcome == 'review' else 'fail'}): {', '.join(rules)}")
        pointers = list(dict.fromkeys(f["selector"] for f in behind if f.get("selector")))[:MAX_POINTERS]
        if pointers:
            result["pointer"] = pointers
    return {"@type": "Assertion", "assertedBy": ASSERTOR, "mode": "earl:automatic",
            "test": requirement(number), "result": result}


def build_earl(report: dict[str, Any]) -> dict[str, Any]:
    tool = report.get("tool") or {}
    graph: list[dict[str, Any]] = [{
        "@id": ASSERTOR, "@type": ["Assertor", "Software"],
        "name": tool.get("name", "empathy-lab"),
        "description": "Empathy Lab's auditor: axe-core and persona probes in headless Chromium",
        "release": {"@type": "Version", "revision": str(tool.get("version", ""))},
    }]
    for page in report.get("pages") or []:
        subject: dict[str, Any] = {"@type": ["TestSubject", "WebPage"], "source": page.get("url", "")}
        if page.get("title"):
            subject["title"] = page["title"]
        if report.get("created"):
            subject["date"] = report["created"]
        if page.get("status") != "ok":
            subject["info"] = f"not audited: {page.get('error') or 'the page could not be loaded'}"
        else:
            criteria = page.get("criteria")
            if criteria is None:  # a report.json from before outcomes: its failures and reviews only
                from auditor.outcomes import combine

                criteria = combine({}, page.get("findings") or [])[1]
            subject["assertions"] = [assertion(page, sc, criteria[sc])
                                     for sc in sorted(criteria, key=sc_key) if criteria[sc] in EARL_OUTCOME]
        graph.append(subject)
    return {"@context": CONTEXT_URL, "@graph": graph}


def render_earl(report: dict[str, Any]) -> str:
    return json.dumps(build_earl(report), ensure_ascii=False, indent=1)
