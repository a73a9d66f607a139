"""Probe ``page_title``: each page of a service has a title of its own (WCAG 2.4.2).

A run-level check: it compares the titles of every page audited together, read from the ``run`` artifact
(auditor/judging.py: each page's address, title and status; judged once the run's pages are in, before that
the page alone). Two or more different pages (other paths) with exactly the same title fail: a screen reader announces the title first, browser tabs and history
show it, and the same title everywhere tells Ashleigh nothing about where she is. Missing or empty titles are
axe's ``document-title``.
"""

from __future__ import annotations

from auditor.findings import Finding
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
    artifacts=("run",),
    why={"ashleigh": "The title is the first thing her screen reader says on every new page.",
         "pawel": "He checks the tab title to be sure the page really changed.",
         "simone": "She finds her place again among open tabs by their titles."},
)


def _title(text: str) -> str:
    return " ".join((text or "").split())


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    """This page fails when its title is also the title of another page (another address) in the run."""
    run = artifacts.get("run")
    title = _title(run["page"]["title"]) if run else ""
    if not title or run["page"]["status"] != "ok":
        return []
    others = {p["url"] for p in run["pages"] if p["status"] == "ok" and _title(p["title"]).casefold() == title.casefold()}
    others.discard(run["page"]["url"])
    if not others:
        return []
    return [META.finding(
        outcome="fail", role="document", name=title,
        selector="title", snippet=f"<title>{title}</title>",
        message=f"{{who}} hears the same title, '{title}', on {len(others) + 1} different pages and cannot "
                "tell from it where they are", heard=title,
        evidence={"same_title_as": sorted(others)[:20]})]
