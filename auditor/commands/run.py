"""``audit [URL...]``: audit pages as each persona meets them, write the reports, exit by the threshold.

With no URL it audits both versions of the bundled demo service and compares them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from auditor.engine import RunOptions, audit_urls
from auditor.errors import UsageError
from auditor.findings import IMPACT_RANK, IMPACTS
from auditor.model.persona import load_personas, select
from auditor.paths import reports_dir
from auditor.reporters import FORMATS, write_format
from auditor.reporters.json_report import build_report, read_report

FAIL_ON = IMPACTS + ("none",)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="audit",
        description="Check web pages as each Empathy Lab persona meets them. With no URL, audits both versions "
                    "of the bundled demo council service. Subcommands: validate, serve-demo, replay, compare.",
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
    import hashlib

    i, n = shard
    return [u for u in urls if int(hashlib.sha1(u.encode()).hexdigest(), 16) % n == i - 1]


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    if not formats:
        raise UsageError("--format: empty (expected a comma-separated list of: " + ", ".join(FORMATS) + ")")
    for f in formats:
        if f not in FORMATS:
            raise UsageError(f"--format: '{f}' is not a format (expected a comma-separated list of: "
                             + ", ".join(FORMATS) + ")")
    return formats


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"'{url}' is not a web address (expected a URL starting http:// or https://)")
    return url


def failing(report: dict, fail_on: str, include_review: bool, baseline: dict | None, config=None) -> list[dict]:
    """Findings that fail the build: at or above the threshold (a per-rule, then per-persona override from
    the config wins), not ignored, and new against the baseline if one is given."""
    known = {f["id"] for p in baseline["pages"] for f in p.get("findings", [])} if baseline else set()
    rules = config.rule_thresholds if config else {}
    people = config.persona_thresholds if config else {}
    out = []
    for page in report["pages"]:
        for f in page.get("findings", []):
            if f.get("ignored") or f["id"] in known or (f["outcome"] != "fail" and not include_review):
                continue
            rank = IMPACT_RANK.get(f["impact"], 0)
            if f["rule"] in rules:
                limits = [rules[f["rule"]]]
            else:
                limits = [people.get(pid, fail_on) for pid in f.get("personas") or []] or [fail_on]
            if any(limit != "none" and rank >= IMPACT_RANK[limit] for limit in limits):
                out.append(f)
    return out


def apply_ignores(report: dict, config) -> int:
    """Mark findings an unexpired ignore rule covers (kept in the report, with the reason; never counted)."""
    if not config:
        return 0
    from auditor.config import active_ignores, is_ignored

    rules = active_ignores(config)
    count = 0
    for page in report["pages"]:
        for f in page.get("findings", []):
            rule = is_ignored(f, page["url"], rules)
            if rule:
                f["ignored"] = {"reason": rule["reason"], "expires": str(rule["expires"])}
                count += 1
    return count


def write_reports(report: dict, out: Path, formats: list[str]) -> list[Path]:
    return [write_format(report, fmt, out) for fmt in formats]


def progress_printer(stream=sys.stderr):
    tty = stream.isatty()

    def show(index: int, total: int, url: str, result: dict) -> None:
        if result["status"] != "ok":
            state = f"error: {result['error']}"
        else:
            fails = sum(1 for f in result["findings"] if f["outcome"] == "fail")
            state = f"{fails} failure{'s' if fails != 1 else ''}"
        line = f"[{index}/{total}] {url}: {state}"
        if tty:
            width = 30
            done = int(width * index / total)
            stream.write("\r\033[K" + "#" * done + "." * (width - done) + " " + line[:100])
            if index == total:
                stream.write("\n")
        else:
            stream.write(line + "\n")
        stream.flush()

    return show


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
        from auditor.config import load_config

        config = load_config(args.config, list(all_personas))
        urls = urls or list(config.urls)
        if config.sitemaps:
            from auditor.sitemap import urls_from_sitemaps

            urls += [u for u in urls_from_sitemaps(config.sitemaps, timeout_s=config.timeout) if u not in urls]
        if args.persona == "all" and config.personas:
            args.persona = ",".join(config.personas)
        args.fail_on = args.fail_on or config.fail_on
        args.fail_on_review = args.fail_on_review or config.fail_on_review
    args.fail_on = args.fail_on or "serious"
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
        from auditor.commands.scenario_run import run_scenarios
        from auditor.model.scenario import load_scenario

        scenarios = [load_scenario(spec) for spec in scenario_specs]
        out = Path(args.out) if args.out else Path(config.out) if config and config.out else reports_dir() / "latest"
        pages, errors = run_scenarios(scenarios, urls, personas, options, progress=progress_printer(),
                                      concurrency=concurrency)
        report = build_report(pages, personas, extra={"scenario_errors": errors})
        code = finish(report, out, formats, args, baseline, config)
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
        from auditor.commands.demo_run import run_demo

        return run_demo(args, personas, options, formats, baseline, concurrency)
    urls = shard_of(list(dict.fromkeys(urls)), shard)
    out = Path(args.out) if args.out else Path(config.out) if config and config.out else reports_dir() / "latest"
    pages = audit_urls(urls, personas, options, progress=progress_printer(), concurrency=concurrency)
    report = build_report(pages, personas, extra={"shard": args.shard} if shard else None)
    return finish(report, out, formats, args, baseline, config)


def finish(report: dict, out: Path, formats: list[str], args, baseline: dict | None, config=None) -> int:
    ignored = apply_ignores(report, config)
    written = write_reports(report, out, formats)
    s = report["summary"]
    print(f"{s['pages']} page{'s' if s['pages'] != 1 else ''} audited "
          f"({s['pages_failed_to_load']} could not be loaded): {s['fail']} failures, {s['review']} to review")
    for path in written:
        print(f"report: {path}")
    if report["pages"] and all(p["status"] != "ok" for p in report["pages"]):
        print("audit: no page could be loaded", file=sys.stderr)
        return 3
    if ignored:
        print(f"{ignored} finding{'s' if ignored != 1 else ''} ignored by {config.path} (see the report for reasons)")
    bad = failing(report, args.fail_on, args.fail_on_review, baseline, config)
    from auditor.commands.scenario_run import task_failures

    tasks = task_failures(report, args.fail_on)
    if tasks:
        print(f"{len(tasks)} task run{'s' if len(tasks) != 1 else ''} blocked or struggled at or above "
              f"'{args.fail_on}': exit 1")
        return 1
    if bad:
        what = "new " if baseline else ""
        print(f"{len(bad)} {what}finding{'s' if len(bad) != 1 else ''} at or above '{args.fail_on}': exit 1")
        return 1
    return 0
