"""``make bench-act``: the audit scored against the W3C ACT Rules' test cases, the way ACT implementation
reports are.

Serves ../shared/corpus/act-rules (or --corpus DIR) on 127.0.0.1 at the path its pages expect
(``/WAI/content-assets/wcag-act-rules/``), audits every test case of the rules that name WCAG success criteria
once, with every persona (workers reuse their browser from page to page), and saves each page's artifacts so
that ``--replay`` can judge them again in seconds after a probe changes.

A test case's outcome for its rule, from the audit's findings on the page: ``failed`` when a ``fail`` finding
names one of the rule's (primary) WCAG criteria, ``cantTell`` when only a ``review`` finding does, ``passed`` or ``inapplicable``
as the page's ``criteria`` say otherwise (ACT counts them alike: neither is a failure); ``untested`` when the
page could not be audited or no check that ran names the criteria. Bare axe-core is judged from axe-core's own results on the same page load, by its rules' WCAG tags
(``wcag111`` -> 1.1.1): violations are ``failed``, axe's "needs review" is ``cantTell``.

Per rule, as ACT implementation reports do:
- **consistent**: every failed example is ``failed`` and no passed or inapplicable example is;
- **partially consistent**: no passed or inapplicable example is ``failed``, and some but not all failed
  examples are caught (``failed`` or ``cantTell``);
- **inconsistent**: a passed or inapplicable example is ``failed`` (a false failure), or no failed example is
  caught at all.

The cross-page title check compares the pages of one run; test cases reuse titles ("Passed Example 1") across
rules, so the run's checks are made over groups of pages in which no two share a title: the check then judges
the page, not the batching.

Skipped, with the reason: test cases whose video or audio file is not in the corpus (SOURCE.md lists the files
that could not be copied).

Nothing here knows a test case's wording, id or file name: rules, criteria and expectations come from
testcases.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from auditor.engine import RunOptions, audit_urls
from auditor.judging import add_run_findings, page_result
from auditor.model.persona import load_personas
from auditor.paths import project_root, reports_dir
from auditor.probes.axe import wcag_criteria

PREFIX = "/WAI/content-assets/wcag-act-rules/"
MEDIA = re.compile(r"\.(mp4|webm|ogv|ogg|mp3|wav|m4a)$", re.I)
REF = re.compile(r"""(?:src|href|data|poster)\s*=\s*["']([^"'#?]+)""", re.I)
CRITERION = re.compile(r"^wcag2\d:(\d+\.\d+\.\d+)$")

# report.json's outcome words -> ACT's (EARL's)
ACT_WORDS = {"fail": "failed", "review": "cantTell", "pass": "passed", "inapplicable": "inapplicable"}


# -- the corpus ----------------------------------------------------------------------------------

def criteria(case: dict) -> list[str]:
    """The WCAG success criteria the rule maps to: its primary ones, or, for a rule that has only secondary
    ones (the ARIA rules), those.

    A secondary requirement is one the rule says it does not map to exactly: "more strict" (a passed example
    may still fail it: 1.4.6 for minimum contrast, 2.4.9 for links in context) or "less strict" (a failed
    example may still satisfy it). Judging a case on it would call a right answer wrong."""
    reqs = case.get("ruleAccessibilityRequirements") or {}
    found = {m.group(1): not (isinstance(v, dict) and v.get("secondary")) for key, v in reqs.items()
             if (m := CRITERION.match(key))}
    primary = sorted(sc for sc, is_primary in found.items() if is_primary)
    return primary or sorted(found)


def missing_media(corpus: Path, case: dict) -> str | None:
    """The first video or audio file the page refers to that is not in the corpus, or None."""
    path = corpus / case["relativePath"]
    text = path.read_text("utf-8", errors="replace")
    for ref in REF.findall(text):
        if not MEDIA.search(ref) or re.match(r"^[a-z]+:", ref, re.I) or ref.startswith("//"):
            continue
        target = corpus / ref[len(PREFIX):] if ref.startswith(PREFIX) else path.parent / ref
        if not ref.startswith("/") or ref.startswith(PREFIX):
            if not target.exists():
                return os.path.relpath(target, corpus)
    return None


def load_cases(corpus: Path, only: set[str] | None) -> tuple[list[dict], list[dict]]:
    """(cases to audit, skipped cases with ``reason``) for the rules that name WCAG criteria."""
    data = json.loads((corpus / "testcases.json").read_text("utf-8"))
    cases, skipped = [], []
    for case in data["testcases"]:
        crit = criteria(case)
        if not crit or (only and case["ruleId"] not in only):
            continue
        case = {**case, "criteria": crit}
        missing = missing_media(corpus, case)
        if missing:
            skipped.append({**case, "reason": f"{missing} is not in the corpus"})
        else:
            cases.append(case)
    return cases, skipped


class _Handler(http.server.SimpleHTTPRequestHandler):
    # UTF-8 as the W3C serves these pages (several have no <meta charset>)
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".xml": "application/xml", ".vtt": "text/vtt",
                      ".mp4": "video/mp4", ".mp3": "audio/mpeg"}

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX):]
        return super().translate_path(path)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # the browser hangs up on media files it stops reading: not worth a traceback in the run's output
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(corpus: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(corpus)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"


# -- judging -------------------------------------------------------------------------------------

def title_groups(pages: list[dict]) -> list[list[dict]]:
    """The pages in groups in which no two share a title (first group with room, in page order)."""
    groups: list[tuple[set[str], list[dict]]] = []
    for page in pages:
        title = " ".join((page.get("title") or "").split()).casefold()
        for titles, members in groups:
            if not title or title not in titles:
                break
        else:
            titles, members = set(), []
            groups.append((titles, members))
        if title:
            titles.add(title)
        members.append(page)
    return [members for _, members in groups]


def ours_outcome(page: dict, crit: list[str]) -> tuple[str, list[str]]:
    """(outcome, the rules that gave it) for one page against a rule's criteria."""
    if page.get("status") != "ok":
        return "untested", []
    fails, reviews = set(), set()
    for f in page.get("findings", []):
        if set(f.get("wcag") or []) & set(crit):
            (fails if f["outcome"] == "fail" else reviews).add(f["rule"])
    if fails:
        return "failed", sorted(fails)
    if reviews:
        return "cantTell", sorted(reviews)
    said = {(page.get("criteria") or {}).get(sc) for sc in crit}
    for word in ("pass", "inapplicable"):
        if word in said:
            return ACT_WORDS[word], []
    return "untested", []


def axe_criteria(rule: dict) -> set[str]:
    return set(wcag_criteria(rule.get("tags") or []))


def axe_outcome(axe: dict | None, crit: list[str]) -> tuple[str, list[str]]:
    if not isinstance(axe, dict) or "violations" not in axe:
        return "untested", []
    fails = sorted({r["id"] for r in axe["violations"] if axe_criteria(r) & set(crit)})
    if fails:
        return "failed", fails
    reviews = sorted({r["id"] for r in axe.get("incomplete") or [] if axe_criteria(r) & set(crit)})
    if reviews:
        return "cantTell", reviews
    if any(axe_criteria(r) & set(crit) for r in axe.get("passes") or []):
        return "passed", []
    return "inapplicable", []


def consistency(results: list[tuple[str, str]]) -> str:
    """results: (expected, outcome) for one rule's cases -> consistent | partial | inconsistent."""
    false_failure = any(exp != "failed" and out == "failed" for exp, out in results)
    failed = [out for exp, out in results if exp == "failed"]
    caught = [out for out in failed if out in ("failed", "cantTell")]
    if false_failure or (failed and not caught):
        return "inconsistent"
    if all(out == "failed" for out in failed):
        return "consistent"
    return "partial"


def score(cases: list[dict], outcome_of) -> dict:
    """Per-case outcomes, per-rule consistency and the totals, for one tool."""
    per_rule: dict[str, list] = defaultdict(list)
    cases_out = []
    for case in cases:
        out, by = outcome_of(case)
        per_rule[case["ruleId"]].append((case["expected"], out))
        cases_out.append({"rule": case["ruleId"], "case": case["testcaseId"], "expected": case["expected"],
                          "outcome": out, "by": by})
    rules = {rid: consistency(res) for rid, res in per_rule.items()}
    n = Counter(c["expected"] for c in cases_out)
    got = Counter((c["expected"], c["outcome"]) for c in cases_out)
    totals = {
        "cases": len(cases_out), "failed_examples": n["failed"], "passed_examples": n["passed"],
        "inapplicable_examples": n["inapplicable"],
        "detected": got[("failed", "failed")], "cant_tell_on_failed": got[("failed", "cantTell")],
        "false_failures_passed": got[("passed", "failed")],
        "false_failures_inapplicable": got[("inapplicable", "failed")],
        "untested": sum(v for (e, o), v in got.items() if o == "untested"),
        "rules": len(rules), "consistent": sum(v == "consistent" for v in rules.values()),
        "partial": sum(v == "partial" for v in rules.values()),
        "inconsistent": sum(v == "inconsistent" for v in rules.values()),
    }
    return {"totals": totals, "rules": rules, "cases": cases_out}


# -- the run -------------------------------------------------------------------------------------

def saved_urls(artifacts: Path) -> set[str]:
    """The URLs whose artifacts are already saved under ``artifacts`` (for --resume)."""
    out = set()
    for path in artifacts.rglob("page-*.json"):
        try:
            out.add(urlsplit(json.loads(path.read_text("utf-8"))["url"]).path)
        except (OSError, ValueError, KeyError):
            continue
    return out


def gather(urls: list[str], artifacts: Path, browser: str | None, concurrency: int, timeout: float,
           resume: bool = False) -> tuple[float, int]:
    """Audit the pages (those not saved yet with ``resume``); (seconds, pages audited)."""
    if resume and artifacts.exists():
        done = saved_urls(artifacts)
        urls = [u for u in urls if urlsplit(u).path not in done]
        artifacts = artifacts / f"part-{len(list(artifacts.glob('part-*'))) + 1}"
        print(f"resuming: {len(done)} pages saved before, {len(urls)} to audit", file=sys.stderr)
    elif artifacts.exists():
        shutil.rmtree(artifacts)
    personas = list(load_personas().values())
    started = time.perf_counter()

    def progress(done: int, total: int, url: str, result: dict) -> None:
        if done % 50 == 0 or done == total:
            print(f"  audited {done}/{total} pages ({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    audit_urls(urls, personas, RunOptions(browser=browser, screenshots=False, timeout_s=timeout,
                                          save_artifacts=str(artifacts)),
               progress=progress, concurrency=concurrency, run_findings=False)
    return time.perf_counter() - started, len(urls)


def judge(artifacts: Path) -> tuple[dict[str, dict], dict[str, dict | None]]:
    """Judge every saved page (one at a time, to keep memory small): url path -> page result, axe artifact."""
    personas = list(load_personas().values())
    pages, axe = [], {}
    for path in sorted(artifacts.rglob("page-*.json")):
        gathered = json.loads(path.read_text("utf-8"))
        result = page_result(gathered, personas)
        result.pop("evidence", None)
        pages.append(result)
        axe[urlsplit(gathered["url"]).path] = (gathered.get("artifacts") or {}).get("axe")
    for group in title_groups(pages):
        add_run_findings(group, personas)
    return {urlsplit(p["url"]).path: p for p in pages}, axe


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:.1f}%" if n else "-"


def print_totals(tools: dict[str, dict]) -> None:
    rows = [
        ("failed examples detected", lambda t: f"{t['detected']}/{t['failed_examples']} ({pct(t['detected'], t['failed_examples'])})"),
        ("  + cantTell on failed", lambda t: f"{t['cant_tell_on_failed']}"),
        ("false failures on passed", lambda t: f"{t['false_failures_passed']}/{t['passed_examples']} "
                                               f"({pct(t['false_failures_passed'], t['passed_examples'])})"),
        ("false failures on inapplicable", lambda t: f"{t['false_failures_inapplicable']}/{t['inapplicable_examples']} "
                                                     f"({pct(t['false_failures_inapplicable'], t['inapplicable_examples'])})"),
        ("rules consistent", lambda t: f"{t['consistent']}/{t['rules']}"),
        ("rules partially consistent", lambda t: f"{t['partial']}/{t['rules']}"),
        ("rules inconsistent", lambda t: f"{t['inconsistent']}/{t['rules']}"),
        ("cases untested", lambda t: f"{t['untested']}"),
    ]
    names = list(tools)
    print(f"{'':<32}" + "".join(f"{n:>22}" for n in names))
    for label, fmt in rows:
        print(f"{label:<32}" + "".join(f"{fmt(tools[n]['totals']):>22}" for n in names))


def table(cases: list[dict], tools: dict[str, dict]) -> str:
    """The per-rule Markdown table for docs/act.md: cases, then per tool failed examples caught, false
    failures (passed + inapplicable) and consistency, and what gave the full audit's false failures."""
    names = {c["ruleId"]: c["ruleName"] for c in cases}
    crit = {c["ruleId"]: ", ".join(c["criteria"]) for c in cases}
    per: dict[str, dict[str, list]] = {tool: defaultdict(list) for tool in tools}
    for tool, data in tools.items():
        for c in data["cases"]:
            per[tool][c["rule"]].append(c)
    short = {"consistent": "**yes**", "partial": "partly", "inconsistent": "no"}
    lines = ["| rule | criteria | f/p/i | ours: caught | ours: false | ours | axe: caught | axe: false | axe | "
             "our false failures from | our missed failed examples were |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for rid in sorted(names, key=lambda r: names[r].lower()):
        row = [f"`{rid}` {names[rid]}", crit[rid]]
        ours = per["full audit"][rid]
        n = Counter(c["expected"] for c in ours)
        row.append(f"{n['failed']}/{n['passed']}/{n['inapplicable']}")
        for tool in tools:
            mine = per[tool][rid]
            caught = sum(c["expected"] == "failed" and c["outcome"] == "failed" for c in mine)
            false = sum(c["expected"] != "failed" and c["outcome"] == "failed" for c in mine)
            row += [f"{caught}/{n['failed']}", str(false), short[tools[tool]["rules"][rid]]]
        blame = Counter(r for c in ours if c["expected"] != "failed" and c["outcome"] == "failed" for r in c["by"])
        row.append(", ".join(f"`{r}` ({k})" if k > 1 else f"`{r}`" for r, k in blame.most_common()))
        missed = Counter(c["outcome"] for c in ours if c["expected"] == "failed" and c["outcome"] != "failed")
        row.append(", ".join(f"{k} {word}" for word, k in sorted(missed.items())))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(project_root().parent / "shared" / "corpus" / "act-rules"))
    p.add_argument("--rules", metavar="ID,ID", help="only these rules (ACT rule ids)")
    p.add_argument("--browser")
    p.add_argument("--concurrency", type=int, default=2)
    p.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per page")
    p.add_argument("--artifacts", default=str(reports_dir() / "bench" / "act-artifacts"),
                   help="where each page's artifacts are saved (and read back by --replay)")
    p.add_argument("--replay", action="store_true", help="judge the saved artifacts again, without a browser")
    p.add_argument("--resume", action="store_true",
                   help="audit only the pages whose artifacts are not saved yet (after a run was stopped)")
    p.add_argument("--out", default=str(reports_dir() / "bench" / "act.json"),
                   help="the details (JSON); the per-rule table goes beside it as act-table.md")
    args = p.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "testcases.json").is_file():
        print(f"bench-act: {corpus}: no testcases.json (expected the ACT rules corpus; give --corpus DIR)",
              file=sys.stderr)
        return 2
    only = {r.strip() for r in args.rules.split(",") if r.strip()} if args.rules else None
    cases, skipped = load_cases(corpus, only)
    if not cases:
        print(f"bench-act: no test cases for rules {args.rules!r} in {corpus / 'testcases.json'}", file=sys.stderr)
        return 2
    artifacts = Path(args.artifacts)
    paths = list(dict.fromkeys(c["relativePath"] for c in cases))
    seconds = None
    if args.replay:
        if not any(artifacts.rglob("page-*.json")):
            print(f"bench-act: {artifacts}: no saved artifacts to replay (run without --replay first)", file=sys.stderr)
            return 2
    else:
        httpd, base = serve(corpus)
        try:
            print(f"auditing {len(paths)} pages ({len(cases)} test cases of {len({c['ruleId'] for c in cases})} "
                  f"rules, {len(skipped)} skipped) with {args.concurrency} workers", file=sys.stderr)
            seconds, audited = gather([base + path for path in paths], artifacts, args.browser, args.concurrency,
                             args.timeout, resume=args.resume)
        finally:
            httpd.shutdown()
    pages, axe = judge(artifacts)

    def page_of(case: dict) -> tuple[dict | None, str]:
        key = PREFIX + case["relativePath"]
        return pages.get(key), key

    def ours(case: dict) -> tuple[str, list[str]]:
        page, _ = page_of(case)
        return ours_outcome(page, case["criteria"]) if page else ("untested", [])

    def bare(case: dict) -> tuple[str, list[str]]:
        return axe_outcome(axe.get(PREFIX + case["relativePath"]), case["criteria"])

    tools = {"full audit": score(cases, ours), "bare axe-core": score(cases, bare)}
    print(f"{len(cases)} test cases of {len({c['ruleId'] for c in cases})} rules ({len(paths)} pages); "
          f"{len(skipped)} skipped (their video or audio file is not in the corpus)")
    print_totals(tools)
    if seconds is not None:
        print(f"time: {seconds:.0f} s for {audited} pages ({seconds / max(1, audited):.2f} s/page, "
              f"{args.concurrency} workers), load average {os.getloadavg()[0]:.1f}")
    names = {c["ruleId"]: c["ruleName"] for c in cases}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "rules": {rid: {"name": names[rid], "criteria": next(c["criteria"] for c in cases if c["ruleId"] == rid),
                        **{tool: data["rules"][rid] for tool, data in tools.items()}} for rid in sorted(names)},
        "tools": tools, "skipped": [{"rule": c["ruleId"], "case": c["testcaseId"], "reason": c["reason"]}
                                    for c in skipped],
        "seconds": seconds}, indent=1), "utf-8")
    out.with_name("act-table.md").write_text(table(cases, tools), "utf-8")
    print(f"details: {out} and {out.with_name('act-table.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
