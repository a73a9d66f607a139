"""Probe ``page_title``: each page of a service has a title of its own (WCAG 2.4.2).

A run-level check: it compares the titles of every page audited together, so ``check`` (one page) finds
nothing and the engine calls ``check_run`` once the run's pages are in. Two or more different pages (other
paths) with exactly the same title fail: a screen reader announces the title first, browser tabs and history
show it, and the same title everywhere tells Ashleigh nothing about where she is. Missing or empty titles are
axe's ``document-title``.
"""

from __future__ import annotations

from auditor.findings import Finding, page_key
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="page_title",
    summary="different pages of a service with the same title (compares the pages audited together)",
    title="Each page has its own title",
    failure_title="Different pages share one title",
    wcag=("2.4.2",),
    personas=("ashleigh", "pawel", "simone"),
    impact="serious",
    fix="Give every page a title that says what is on it, then the service's name: "
        "'What is your postcode? - Report a missed bin - Eastbrook Council'.",
    artifacts=(),
    why={"ashleigh": "The title is the first thing her screen reader says on every new page.",
         "pawel": "He checks the tab title to be sure the page really changed.",
         "simone": "She finds her place again among open tabs by their titles."},
)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    return []


def check_run(pages: list[dict]) -> dict[str, list[Finding]]:
    """url -> findings, for pages whose title is also the title of another page in the run."""
    by_title: dict[str, set[str]] = {}
    for page in pages:
        title = " ".join((page.get("title") or "").split())
        if page.get("status") == "ok" and title:
            by_title.setdefault(title.casefold(), set()).add(page_key(page.get("url_final") or page["url"]))
    out: dict[str, list[Finding]] = {}
    for page in pages:
        title = " ".join((page.get("title") or "").split())
        if page.get("status") != "ok" or not title:
            continue
        others = by_title.get(title.casefold(), set()) - {page_key(page.get("url_final") or page["url"])}
        if not others:
            continue
        out[page["url"]] = [Finding(
            rule=META.id, outcome="fail", impact=META.impact, role="document", name=title,
            selector="title", snippet=f"<title>{title}</title>",
            message=f"{{who}} hears the same title, '{title}', on {len(others) + 1} different pages and cannot "
                    "tell from it where they are", heard=title,
            evidence={"same_title_as": sorted(others)[:20]})]
    return out
