"""Every barrier planted in the inaccessible demo (scenarios/demo/barriers.yaml) is found by the audit, and the
accessible version gives no failure and at most one finding to review per page.

A barrier counts as found on a page when a finding there shares a WCAG criterion with it (or is one of the axe
rules the barrier list names) and, for a barrier on one element, points at that element, one inside it, or one
around it.
"""

from __future__ import annotations

import urllib.parse

import pytest
import yaml

from auditor.commands.demo_run import _session
from auditor.engine import RunOptions, audit_urls
from auditor.model.persona import load_personas
from auditor.paths import demo_dir

pytestmark = pytest.mark.browser


def planted() -> list[dict]:
    """(page, state, barrier) for every place a barrier is planted."""
    data = yaml.safe_load((demo_dir() / "barriers.yaml").read_text("utf-8"))
    places = []
    for barrier in data["barriers"]:
        for page in [barrier["page"], *(barrier.get("also_on") or [])]:
            places.append({**barrier, "page": page, "state": barrier.get("state")})
    return places


@pytest.fixture(scope="module")
def audits(demo_server):
    return audit_demo(demo_server.url), demo_server.url


def audit_demo(base: str) -> dict[str, dict]:
    """Audit every inaccessible page (and error state) that has a barrier, and every accessible page."""
    host = urllib.parse.urlsplit(base).hostname
    wanted = sorted({(p["page"], p["state"]) for p in planted()}, key=lambda x: (x[0], x[1] or ""))
    urls, cookies = [], {}
    for path, state in wanted:
        url = base.rstrip("/") + path + ("?state=error" if state == "error" else "")
        version, name = path.strip("/").split("/")
        if name == "confirmation":
            cookies[url] = _session(base, version, submit=True)
        elif name not in ("start", "session-expired"):
            cookies[url] = _session(base, version, submit=False, upto=name, error=state == "error")
        urls.append(url)
    accessible = [f"{base}accessible/{n}" for n in ("start", "postcode", "address", "missed", "date", "contact",
                                                     "check", "confirmation")]
    for url in accessible:
        name = url.rsplit("/", 1)[-1]
        if name != "start":
            cookies[url] = _session(base, "accessible", submit=name == "confirmation",
                                    upto=None if name in ("check", "confirmation") else name)

    def cookies_for(url: str) -> list[dict]:
        return [{"name": "demo_session", "value": cookies[url], "domain": host, "path": "/"}] if url in cookies else []

    personas = list(load_personas().values())
    pages = audit_urls(urls + accessible, personas, RunOptions(screenshots=False, cookies_for=cookies_for),
                       concurrency=2)
    return {p["url"]: p for p in pages}


def related(browser, url_cookie, page_url, barrier_selector, selectors):
    """Which finding selectors point at the barrier's element, inside it or around it."""
    with browser.page() as page:
        if url_cookie:
            page.context.add_cookies(url_cookie)
        page.goto(page_url)
        return page.evaluate("""([target, sels]) => {
            const t = document.querySelector(target);
            if (!t) return [];
            return sels.filter(s => { try { const e = document.querySelector(s);
                return e && (e === t || e.contains(t) || t.contains(e)); } catch (err) { return false; } });
        }""", [barrier_selector, selectors])


def missing_barriers(pages: dict[str, dict], base: str, browser) -> list[str]:
    host = urllib.parse.urlsplit(base).hostname
    missing = []
    for place in planted():
        url = base.rstrip("/") + place["page"] + ("?state=error" if place["state"] == "error" else "")
        page = pages[url]
        assert page["status"] == "ok", (url, page["error"])
        candidates = [f for f in page["findings"] if set(place["wcag"]) & set(f.get("wcag") or [])
                      or f["rule"] in (place.get("axe") or [])]
        if place["selector"] in ("", "html", "body"):
            found = bool(candidates)
        else:
            sels = [f["selector"] for f in candidates if f.get("selector")]
            version, name = place["page"].strip("/").split("/")
            cookie = None
            if name not in ("start", "session-expired"):
                value = _session(base, version, submit=name == "confirmation",
                                 upto=None if name in ("check", "confirmation") else name,
                                 error=place["state"] == "error")
                cookie = [{"name": "demo_session", "value": value, "domain": host, "path": "/"}]
            found = bool(sels) and bool(related(browser, cookie, base.rstrip("/") + place["page"],
                                                place["selector"], sels))
        if not found:
            missing.append(f"{place['id']} on {place['page']}{' (' + place['state'] + ')' if place['state'] else ''}")
    return missing


# Barriers the audit does not find yet (issue 4 stays open on them). The list may only shrink: a barrier
# missing that is not named here fails the test.
KNOWN_GAPS: set[str] = set()


def test_every_planted_barrier_is_found(audits, browser):
    pages, base = audits
    missing = {m.split(" on ")[0] for m in missing_barriers(pages, base, browser)}
    assert missing <= KNOWN_GAPS, sorted(missing - KNOWN_GAPS)


def test_the_accessible_version_has_no_failures_and_little_to_review(audits):
    pages, base = audits
    accessible = {u: p for u, p in pages.items() if "/accessible/" in u}
    assert len(accessible) == 8
    for url, page in accessible.items():
        assert page["status"] == "ok", (url, page["error"])
        fails = [(f["rule"], f["message"]) for f in page["findings"] if f["outcome"] == "fail"]
        # Ron's 44 px target advice (WCAG 2.5.5, AAA) is one review on every page of the GOV.UK-style service,
        # whose links meet the AA 24 px; apart from it, at most one thing to review per page.
        reviews = [(f["rule"], f["message"]) for f in page["findings"] if f["outcome"] == "review"
                   and not (f["rule"] == "target_size" and f["wcag"] == ["2.5.5"])]
        assert fails == [], url
        assert len(reviews) <= 1, (url, reviews)
        assert all(v["verdict"] == "can use" for v in page["verdicts"].values()), url
