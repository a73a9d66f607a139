"""``make bench-detect``: how many of the GDS accessibility-tool-audit barriers does the audit find?

Serves the corpus (../shared/corpus/gds-tool-audit, or --corpus DIR) on 127.0.0.1 with an added control page
(the corpus's own page wrapper with an empty <main>), audits every page with every persona, and counts a
barrier as **found** when its page has a ``fail`` rule that the control page does not have, and **flagged**
when counting ``review`` too. Bare axe-core runs on the same pages in the same run, judged the same way.
Prints found% and flagged% per category and overall, and writes reports/bench/detect.json.

Nothing here knows any page's wording, id or file name: categories come from the corpus's tests.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import sys
import threading
import time
from pathlib import Path

from auditor.browser import Browser, run_axe
from auditor.engine import RunOptions, audit_urls
from auditor.model.persona import load_personas
from auditor.paths import project_root, reports_dir

CONTROL = "__control__.html"


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def categories(corpus: Path) -> dict[str, str]:
    """test file name -> category, matched through tests.json's names."""
    data = json.loads((corpus / "tests.json").read_text("utf-8"))
    by_norm = {norm(f"{cat}-{name}"): cat for cat, tests in data.items() for name in tests}
    out = {}
    for page in sorted((corpus / "tests").glob("*.html")):
        out[page.name] = by_norm.get(norm(page.stem), "Other")
    return out


def control_page(corpus: Path) -> str:
    """The corpus's wrapper (head, h1, main) with an empty <main>."""
    sample = sorted((corpus / "tests").glob("*.html"))[0].read_text("utf-8")
    page = re.sub(r"(?s)<main>.*</main>", "<main></main>", sample, count=1)
    page = re.sub(r"(?s)<title>.*?</title>", "<title>Accessibility tools audit test - Control page</title>", page, 1)
    return re.sub(r"(?s)<h1>.*?</h1>", "<h1>Control page</h1>", page, count=1)


class _Handler(http.server.SimpleHTTPRequestHandler):
    control = ""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path.endswith("/" + CONTROL):
            body = self.control.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def serve(corpus: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("CorpusHandler", (_Handler,), {"control": control_page(corpus)})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(corpus)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def rules(page: dict, outcomes: tuple[str, ...]) -> set[str]:
    """Every rule id that saw a barrier (a finding lists all of them in ``rules`` when several did)."""
    return {r for f in page.get("findings", []) if f["outcome"] in outcomes for r in (f.get("rules") or [f["rule"]])}


def bare_axe(urls: list[str], browser_path: str | None) -> tuple[dict[str, set[str]], float]:
    found: dict[str, set[str]] = {}
    started = time.perf_counter()
    with Browser(browser_path) as browser:
        for url in urls:
            with browser.page() as page:
                try:
                    page.goto(url, wait_until="load")
                    found[url] = {v["id"] for v in run_axe(page)["violations"]}
                except Exception:
                    found[url] = set()
    return found, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(project_root().parent / "shared" / "corpus" / "gds-tool-audit"))
    p.add_argument("--browser")
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--out", default=str(reports_dir() / "bench" / "detect.json"))
    args = p.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "tests.json").is_file():
        print(f"bench-detect: {corpus}: no tests.json (expected the gds-tool-audit corpus; give --corpus DIR)",
              file=sys.stderr)
        return 2
    cats = categories(corpus)
    httpd, base = serve(corpus)
    try:
        urls = {name: f"{base}tests/{name}" for name in cats}
        control_url = f"{base}tests/{CONTROL}"
        all_urls = [control_url, *urls.values()]
        personas = list(load_personas().values())
        started = time.perf_counter()
        pages = audit_urls(all_urls, personas, RunOptions(browser=args.browser, screenshots=False),
                           concurrency=args.concurrency)
        ours_s = time.perf_counter() - started
        axe, axe_s = bare_axe(all_urls, args.browser)
    finally:
        httpd.shutdown()
    by_url = {p["url"]: p for p in pages}
    control = by_url[control_url]
    control_fail, control_any = rules(control, ("fail",)), rules(control, ("fail", "review"))
    rows: dict[str, dict[str, int]] = {}
    detail = {}
    for name, url in urls.items():
        page = by_url[url]
        found = bool(rules(page, ("fail",)) - control_fail)
        flagged = bool(rules(page, ("fail", "review")) - control_any)
        axe_found = bool(axe[url] - axe[control_url])
        row = rows.setdefault(cats[name], {"n": 0, "found": 0, "flagged": 0, "axe": 0})
        row["n"] += 1
        row["found"] += found
        row["flagged"] += flagged
        row["axe"] += axe_found
        detail[name] = {"category": cats[name], "found": found, "flagged": flagged, "axe": axe_found,
                        "status": page["status"],
                        "fail_rules": sorted(rules(page, ("fail",)) - control_fail),
                        "review_rules": sorted(rules(page, ("review",)) - control_any)}
    total = {k: sum(r[k] for r in rows.values()) for k in ("n", "found", "flagged", "axe")}

    def pct(a: int, n: int) -> str:
        return f"{100 * a / n:5.1f}%" if n else "   - "

    print(f"{'category':<22} {'pages':>5} {'found':>7} {'flagged':>8} {'bare axe':>9}")
    for cat, r in sorted(rows.items()):
        print(f"{cat:<22} {r['n']:>5} {pct(r['found'], r['n']):>7} {pct(r['flagged'], r['n']):>8} {pct(r['axe'], r['n']):>9}")
    print(f"{'overall':<22} {total['n']:>5} {pct(total['found'], total['n']):>7} "
          f"{pct(total['flagged'], total['n']):>8} {pct(total['axe'], total['n']):>9}")
    print(f"time: full {len(personas)}-persona audit {ours_s / len(all_urls):.2f} s/page, "
          f"bare axe {axe_s / len(all_urls):.2f} s/page ({len(all_urls)} pages incl. control)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"categories": rows, "overall": total, "pages": detail,
                               "control_rules": sorted(control_any),
                               "seconds": {"ours": ours_s, "axe": axe_s}}, indent=1), "utf-8")
    print(f"details: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
