"""``audit compare A B``: what changed between two runs (new, fixed and unchanged findings, verdict changes).

A and B are report.json files or folders holding one; ``audit compare DEMO`` with one demo report compares its
two versions. Prints a short summary, writes compare.json (and compare.md) into ``--out``, and exits 1 when B
has new failures (so that it can gate a build), 0 otherwise, 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from auditor.errors import UsageError
from auditor.reporters import parse_formats, write_atomic
from auditor.reporters.compare import compare, render_compare_markdown, split_versions
from auditor.reporters.json_report import read_report

FORMATS = {"json": "compare.json", "md": "compare.md"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="audit compare",
        description="Compare two runs: A (before, or the baseline) and B (after). Findings are matched by their "
                    "stable id, or by page path when the runs cover different services. With one demo report, "
                    "compares its inaccessible version (A) with its accessible version (B).",
        epilog="Exit codes: 0 no new failures in B; 1 B has new failures; 2 bad input.")
    p.add_argument("reports", nargs="+", metavar="REPORT", help="report.json files, or folders holding one")
    p.add_argument("--out", metavar="DIR", help="write compare.json / compare.md here (default: print only)")
    p.add_argument("--format", default="json,md", metavar="LIST", help="comma-separated: json, md (default both)")
    p.add_argument("--match", default="auto", choices=("auto", "id", "path"),
                   help="how findings are matched: id (same service), path (two services built alike), "
                        "auto (default: id when the runs share a page)")
    return p


def summary_lines(result: dict, name_a: str, name_b: str, limit: int = 10) -> list[str]:
    c = result["counts"]
    lines = [f"A: {name_a}: {result['a']['fail']} failures, {result['a']['review']} to review, {result['a']['pages']} pages",
             f"B: {name_b}: {result['b']['fail']} failures, {result['b']['review']} to review, {result['b']['pages']} pages",
             f"matched by {result['match']}: {c['new']} new ({c['new_fail']} failures, {c['new_review']} to review), "
             f"{c['fixed']} fixed ({c['fixed_fail']} failures), {c['unchanged']} unchanged"]
    for v in result["verdicts"][:limit]:
        lines.append(f"  {v['page']}: {v['persona']} {v['before']} -> {v['after']}")
    if len(result["verdicts"]) > limit:
        lines.append(f"  ... and {len(result['verdicts']) - limit} more verdict changes")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    formats = parse_formats(args.format, FORMATS)
    if len(args.reports) == 1:
        report = read_report(args.reports[0])
        pair = split_versions(report)
        if pair is None:
            raise UsageError(f"{args.reports[0]}: one report given, and it is not a demo report with two versions "
                             "(expected: audit compare A B)")
        a, b = sorted(pair, key=lambda r: -r["summary"]["fail"])   # before (A) = the version with more failures
        name_a, name_b = (f"{args.reports[0]} ({r['label']})" for r in (a, b))
    elif len(args.reports) == 2:
        a, b = read_report(args.reports[0]), read_report(args.reports[1])
        name_a, name_b = args.reports
    else:
        raise UsageError(f"compare: {len(args.reports)} reports given (expected two: A B)")
    result = compare(a, b, args.match)
    for line in summary_lines(result, name_a, name_b):
        print(line)
    if args.out:
        out = Path(args.out)
        for fmt in formats:
            text = (json.dumps(result, ensure_ascii=False, indent=1) if fmt == "json"
                    else render_compare_markdown(result, name_a, name_b))
            print(f"compare: {write_atomic(out / FORMATS[fmt], text)}")
    if result["counts"]["new_fail"]:
        print(f"{result['counts']['new_fail']} new failure{'s' if result['counts']['new_fail'] != 1 else ''} in B: exit 1")
        return 1
    return 0
