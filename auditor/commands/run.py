"""``audit [URL...]``: audit pages as each persona meets them, write the reports, exit by the threshold.

With no URL it audits both versions of the bundled demo service and compares them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from auditor.commands import SUBCOMMANDS
from auditor.commands.args import check_url
from auditor.commands.demo_run import run_demo
from auditor.commands.progress import progress_printer
from auditor.commands.scenario_run import run_scenarios
from auditor.config import load_config
from auditor.engine import RunOptions, audit_urls
from auditor.errors import UsageError
from auditor.gating import FAIL_ON, Gate, finish
from auditor.model.persona import load_personas, select
from auditor.model.scenario import load_scenario
from auditor.paths import reports_dir
from auditor.probes import rules_block
from auditor.reporters import FORMATS, parse_formats
from auditor.reporters.json_report import build_report, read_report
from auditor.sitemap import urls_from_sitemaps


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="audit",
        description="Check web pages as each Empathy Lab persona meets them. With no URL, audits both versions "
                    "of the bundled demo council service. Subcommands: " + ", ".join(SUBCOMMANDS) + ".",
        epilog="Exit codes: 0 nothing at or above --fail-on; 1 accessibility failures; 2 usage or configuration "
               "error; 3 the audit could not run.")
    p.add_argument("urls", nargs="*", metavar="URL",
                   help="pages to audit (http:// or https://); with --scenario, the site to run it on")
    p.add_argument("--scenario", action="append", metavar="ID|PATH",
                   help="run a task (a shipped scenario's id or a scenario file) as each persona; may be repeated")
    p.add_argument("--persona", default="all", metavar="ID|all",
                   help="which personas: all (default), one id, or ids separated by commas")
    p.add_argument("--out", metavar="DIR", help="where to write reports (default: reports/latest, or reports/demo)")
    p.add_argument("--format", default="html,json,md", metavar="LIST",
                   help=f"comma-separated formats: {', '.join(FORMATS)} (default html,json,md)")
    p.add_argument("--fail-on", default=None, choices=FAIL_ON, metavar="IMPACT",
                   help="exit 1 when a failure of this impact or worse is found: critical, serious (default), "
                        "moderate, minor, none")
    p.add_argument("--fail-on-review", action="store_true",
                   help="let needs-review findings fail the build too (they do not by default)")
    p.add_argument("--baseline", metavar="REPORT",
                   help="a previous report.json: fail only on findings that are new against it")
    p.add_argument("--browser", metavar="PATH", help="the Chromium to use (default: found automatically)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="time limit for each page, loading and checking together (default 60)")
    p.add_argument("--save-artifacts", metavar="DIR", help="keep the gathered artifacts (for audit replay)")
    p.add_argument("--no-screenshots", action="store_true", help="skip evidence screenshots (faster)")
    p.add_argument("--fresh-contexts", action="store_true",
                   help="open every page in a brand-new browser context (slower; by default each worker reuses "
                        "one page and clears cookies, storage and history between pages)")
    p.add_argument("--personas-dir", metavar="DIR", help="read personas from this folder (default: ./personas when there is one, else "
                        "the personas shipped with Empathy Lab)")
    p.add_argument("--config", metavar="FILE", help="an audit.yaml with URLs, sitemaps, personas, thresholds...")
    p.add_argument("--concurrency", type=int, metavar="N",
                   help="pages audited at once, each in its own browser (default: the number of cores, at most 4)")
    p.add_argument("--shard", metavar="I/N", help="audit only shard I of N (1-based) of the pages, for a CI matrix")
    return p


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard: '{text}' is not I/N (expected for example 1/4)") from None
    if n < 1 or not 1 <= i <= n:
        raise UsageError(f"--shard: '{text}' is out of range (expected I/N with 1 <= I <= N)")
    return i, n


def shard_of(urls: list[str], shard: tuple[int, int] | None) -> list[str]:
    """A deterministic split: the same URL always lands in the same shard, whatever else is in the list."""
    if not shard:
        return urls
    i, n = shard
    return [u for u in urls if int(hashlib.sha1(u.encode()).hexdigest(), 16) % n == i - 1]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    formats = parse_formats(args.format)
    urls = [check_url(u) for u in args.urls]
    all_personas = load_personas(args.personas_dir)
    config = None
    if not args.config and Path("audit.yaml").is_file():  # a team's settings in the working folder (audit init)
        args.config = "audit.yaml"
        print("audit: using ./audit.yaml (--config FILE for another)", file=sys.stderr)
    if args.config:
        config = load_config(args.config, list(all_personas))
        urls = urls or list(config.urls)
        if config.sitemaps:
            urls += [u for u in urls_from_sitemaps(config.sitemaps, timeout_s=config.timeout) if u not in urls]
        if args.persona == "all" and config.personas:
            args.persona = ",".join(config.personas)
        args.fail_on = args.fail_on or config.fail_on
        args.fail_on_review = args.fail_on_review or config.fail_on_review
    gate = Gate(args.fail_on or "serious", args.fail_on_review)
    personas = select(all_personas, args.persona)
    baseline = read_report(args.baseline) if args.baseline else None
    options = RunOptions(browser=args.browser, timeout_s=args.timeout or (config.timeout if config else 60.0),
                         screenshots=not args.no_screenshots and "html" in formats,
                         save_artifacts=args.save_artifacts,
                         headers=config.headers if config else None,
                         storage_state=config.storage_state if config else None,
                         wait_for=config.wait_for if config else {},
                         cookies=config.cookies if config else [],
                         fresh_contexts=args.fresh_contexts)
    concurrency = args.concurrency or (config.concurrency if config else None) or min(4, os.cpu_count() or 1)
    if concurrency < 1:
        raise UsageError(f"--concurrency: {concurrency} (expected 1 or more)")
    shard = parse_shard(args.shard)
    scenario_specs = list(args.scenario or []) + (list(config.scenarios) if config else [])
    if scenario_specs:
        scenarios = [load_scenario(spec) for spec in scenario_specs]
        out = Path(args.out) if args.out else Path(config.out) if config and config.out else reports_dir() / "latest"
        pages, errors = run_scenarios(scenarios, urls, personas, options, progress=progress_printer(),
                                      concurrency=concurrency)
        report = build_report(pages, personas, extra={"scenario_errors": errors}, rules=rules_block(personas))
        code = finish(report, out, formats, gate, baseline, config)
        if errors:
            for e in errors:
                print(f"{e['file']}:{e.get('line') or '?'}: steps: {e['message']}", file=sys.stderr)
            print(f"{len(errors)} scenario error{'s' if len(errors) != 1 else ''}: the steps do not fit the site "
                  "(exit 2)", file=sys.stderr)
            return 2
        return code
    if not urls:
        if config:
            raise UsageError(f"{config.path}: no urls or sitemaps (expected at least one page to audit)")
        return run_demo(personas, options, formats, gate, baseline, out=Path(args.out) if args.out else None,
                        concurrency=concurrency)
    urls = shard_of(list(dict.fromkeys(urls)), shard)
    out = Path(args.out) if args.out else Path(config.out) if config and config.out else reports_dir() / "latest"
    pages = audit_urls(urls, personas, options, progress=progress_printer(), concurrency=concurrency)
    report = build_report(pages, personas, extra={"shard": args.shard} if shard else None,
                          rules=rules_block(personas))
    return finish(report, out, formats, gate, baseline, config)

