"""``audit`` with no URL: audit both versions of the bundled demo service, page by page, and compare them.

Each page is audited as a visitor reaches it: a session that has answered every question (so that the
address list and check-your-answers pages show real content), and one that has sent the report (for the
confirmation page).
"""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from auditor.commands.progress import progress_printer
from auditor.demo import PAGES, VERSIONS, DemoServer
from auditor.engine import RunOptions, audit_urls
from auditor.gating import Gate, finish
from auditor.paths import reports_dir
from auditor.probes import rules_block
from auditor.reporters.json_report import build_report, summarise

ANSWERS = [
    ("postcode", {"postcode": "E8 1DY"}),
    ("address", {"address": "14 Mare Street, London, E8 1DY"}),
    ("missed", {"bin": "garden", "details": "lid-closed"}),
    ("date", {"date-day": "3", "date-month": "11", "date-year": "2025"}),
    ("contact", {"name": "Sam Taylor", "email": "sam@example.com", "phone": ""}),
]


def _session(base: str, version: str, submit: bool, upto: str | None = None, error: bool = False) -> str:
    """Answer the demo's questions over HTTP; return the session cookie's value.

    ``upto``: answer only the questions before this page; ``error``: then send this page's form empty, so that
    the next visit shows its error state; ``submit``: send the whole report (for the confirmation page).
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}{version}/start", timeout=10).read()
    names = [page for page, _ in ANSWERS]
    count = names.index(upto) if upto in names else len(ANSWERS)
    for page, form in ANSWERS[:count]:
        opener.open(f"{base}{version}/{page}", data=urllib.parse.urlencode(form).encode(), timeout=10).read()
    if error and upto:
        # The errors are kept for one showing: send the empty form without following the redirect to them.
        class _Stay(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        stay = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _Stay())
        try:
            stay.open(f"{base}{version}/{upto}", data=b"", timeout=10).read()
        except urllib.error.HTTPError as exc:  # the 303 itself
            if exc.code != 303:
                raise
    if submit:
        opener.open(f"{base}{version}/check", data=b"", timeout=10).read()
    return next(c.value for c in jar)


def demo_urls(base: str) -> list[str]:
    return [f"{base}{version}/{page}" for version in VERSIONS for page in PAGES]


def run_demo(personas, options: RunOptions, formats: list[str], gate: Gate, baseline: dict | None,
             out: Path | None = None, concurrency: int = 1) -> int:
    """Audit both versions of the demo, write the comparison report to ``out`` (default reports/demo)."""
    out = out or reports_dir() / "demo"
    with DemoServer() as server:
        base = server.url
        print(f"demo service: {base} (accessible and inaccessible versions)")
        host = urllib.parse.urlsplit(base).hostname
        cookies = {}
        for version in VERSIONS:
            for submit in (False, True):
                cookies[(version, submit)] = _session(base, version, submit)

        def cookies_for(url: str) -> list[dict]:
            path = urllib.parse.urlsplit(url).path.strip("/").split("/")
            version, page = path[0], path[-1]
            value = cookies[(version, page == "confirmation")]
            return [{"name": "demo_session", "value": value, "domain": host, "path": "/"}]

        options.cookies_for = cookies_for
        urls = demo_urls(base)
        pages = audit_urls(urls, personas, options, progress=progress_printer(), concurrency=concurrency)
    comparison = {}
    for version in VERSIONS:
        mine = [p for p in pages if f"/{version}/" in p["url"]]
        comparison[version] = summarise({"pages": mine})
    report = build_report(pages, personas, label="Bundled demo service: accessible against inaccessible",
                          extra={"comparison": comparison}, rules=rules_block(personas))
    print("compare: " + "; ".join(f"{v}: {c['fail']} failures, {c['review']} to review over {c['pages']} pages"
                                  for v, c in comparison.items()))
    return finish(report, out, formats, gate, baseline)
