"""``audit merge REPORT... --out DIR``: join the report.json of shards (``audit --shard I/N``) into one report.

Pages come out sorted by URL (shards split pages by a hash, so no other order is shared), each URL once (a page
that loaded wins over the same page's error). Personas and the rules' texts are the unions, in first-seen order; the summary is
recomputed; a demo ``comparison`` is recomputed for its versions. Writes the asked formats and exits like
``audit``: 1 when failures at or above ``--fail-on`` (default serious) remain, 0 otherwise, 2 for bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from auditor.errors import UsageError
from auditor.gating import FAIL_ON, failing, write_reports
from auditor.reporters import FORMATS, parse_formats
from auditor.reporters.json_report import SCHEMA, read_report, summarise


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="audit merge",
                                description="Join the report.json files of shards into one report.",
                                epilog="Exit codes: 0 nothing at or above --fail-on; 1 accessibility failures; "
                                       "2 bad input.")
    p.add_argument("reports", nargs="+", metavar="REPORT", help="report.json files, or folders holding one")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write the merged reports")
    p.add_argument("--format", default="html,json,md", metavar="LIST",
                   help=f"comma-separated formats: {', '.join(FORMATS)} (default html,json,md)")
    p.add_argument("--fail-on", default="serious", choices=FAIL_ON, metavar="IMPACT",
                   help="exit 1 when a failure of this impact or worse is in the merged report (default serious; "
                        "none never fails)")
    p.add_argument("--fail-on-review", action="store_true", help="needs-review findings count too")
    p.add_argument("--baseline", metavar="REPORT", help="fail only on findings that are new against this report")
    p.add_argument("--label", help="the merged report's label (default: the shards' label)")
    return p


def merge_reports(reports: list[dict], label: str | None = None) -> dict:
    """One report from many (pure)."""
    if not reports:
        raise UsageError("merge: no reports given")
    personas: dict[str, dict] = {}
    rules: dict[str, dict] = {}
    pages: dict[str, dict] = {}
    for report in reports:
        for p in report.get("personas") or []:
            personas.setdefault(p["id"], p)
        for rule, entry in (report.get("rules") or {}).items():
            rules.setdefault(rule, entry)
        for page in report["pages"]:
            kept = pages.get(page["url"])
            if kept is None or (kept.get("status") != "ok" and page.get("status") == "ok"):
                pages[page["url"]] = page
    first = reports[0]
    merged = {
        "schema": SCHEMA,
        "tool": first.get("tool") or {"name": "empathy-lab"},
        "created": max(str(r.get("created", "")) for r in reports),
        "label": label if label is not None else next((r["label"] for r in reports if r.get("label")), ""),
        "personas": list(personas.values()),
        "rules": rules,
        "pages": [pages[url] for url in sorted(pages)],
        "merged_from": [r.get("shard") or r.get("label") or f"report {i + 1}" for i, r in enumerate(reports)],
    }
    merged["summary"] = summarise(merged)
    versions = list(dict.fromkeys(k for r in reports for k in (r.get("comparison") or {})))
    if versions:
        merged["comparison"] = {
            key: summarise({"pages": [p for p in merged["pages"] if f"/{key}/" in urlsplit(p["url"]).path + "/"]})
            for key in versions}
    return merged


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    formats = parse_formats(args.format)
    reports = [read_report(path) for path in args.reports]
    baseline = read_report(args.baseline) if args.baseline else None
    merged = merge_reports(reports, args.label)
    out = Path(args.out)
    s = merged["summary"]
    print(f"merged {len(reports)} report{'s' if len(reports) != 1 else ''}: {s['pages']} pages "
          f"({s['pages_failed_to_load']} could not be loaded), {s['fail']} failures, {s['review']} to review")
    for path in write_reports(merged, out, formats):     # the HTML's audio made again from the transcripts
        print(f"report: {path}")
    if merged["pages"] and all(p.get("status") != "ok" for p in merged["pages"]):
        print("audit merge: no page in these reports could be loaded", file=sys.stderr)
        return 3
    bad = failing(merged, args.fail_on, args.fail_on_review, baseline)
    if bad:
        print(f"{len(bad)} {'new ' if baseline else ''}finding{'s' if len(bad) != 1 else ''} at or above "
              f"'{args.fail_on}': exit 1")
        return 1
    return 0
