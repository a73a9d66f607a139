"""``audit lab-report --observations FILE... --report REPORT.json... --out DIR``: the kiosk beside the audit.

Reads the kiosk's observations (``observations.sqlite`` stores or ``kiosk export`` JSON/CSV files; several
stations merge, a row given twice counts once) and the report.json of ``audit --scenario`` runs, and writes one
report per scenario into ``--out``: ``lab-SCENARIO.html``, ``.md`` and ``.json`` (auditor/reporters/lab.py).
Every bad file is listed at once (exit 2); nothing is written then.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditor.errors import EmpathyLabError, UsageError
from auditor.model.observations import merge, read_export
from auditor.model.persona import load_personas
from auditor.model.scenario import load_scenarios
from auditor.reporters import parse_formats, write_atomic
from auditor.reporters.json_report import read_report
from auditor.reporters.lab import build_lab_reports, render_lab_html, render_lab_markdown

FORMATS = ("html", "json", "md")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="audit lab-report",
        description="Put what visitors did at the kiosk beside what the audit predicted for the same persona, "
                    "task and version: one report per scenario (HTML, Markdown, JSON).",
        epilog="Exit codes: 0 written; 2 bad input (every problem listed). Groups of fewer than 5 tries show "
               "counts only.")
    p.add_argument("--observations", nargs="+", required=True, metavar="FILE",
                   help="observations.sqlite stores or 'kiosk export' files (JSON or CSV); several stations merge")
    p.add_argument("--report", nargs="+", default=[], metavar="REPORT",
                   help="report.json files (or folders holding one) from 'audit --scenario' runs")
    p.add_argument("--out", required=True, metavar="DIR", help="where lab-SCENARIO.html/.md/.json are written")
    p.add_argument("--format", default="html,json,md", metavar="LIST",
                   help="comma-separated: html, json, md (default all three)")
    return p


def _names_and_titles() -> tuple[dict[str, str], dict[str, str]]:
    """Persona names and scenario titles from the project's files (ids stand in when they cannot be read)."""
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    try:
        names = {pid: p.name for pid, p in load_personas().items()}
    except EmpathyLabError:
        pass
    try:
        titles = {sid: s.title for sid, s in load_scenarios().items()}
    except EmpathyLabError:
        pass
    return names, titles


def safe_name(scenario: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in scenario).strip(".") or "scenario"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    formats = parse_formats(args.format, FORMATS)
    problems: list[str] = []
    groups = []
    for name in args.observations:
        path = Path(name)
        if path.is_dir():
            path = path / "observations.sqlite"
        if not path.is_file():
            problems.append(f"--observations: {path}: no such file (expected observations.sqlite or a "
                            "'kiosk export' JSON or CSV file)")
            continue
        try:
            groups.append(read_export(path))
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            problems.append(f"--observations: {path}: {exc}")
    reports = []
    for name in args.report:
        try:
            report = read_report(name)
        except UsageError as exc:
            problems.append(f"--report: {exc}")
            continue
        if not any(p.get("tasks") for p in report.get("pages") or []):
            print(f"lab-report: --report: {name}: no task runs in it (they come from 'audit --scenario'); "
                  "the lab report has nothing of the audit's to compare with", file=sys.stderr)
        reports.append(report)
    if problems:
        raise UsageError("\n".join(problems))
    rows = merge(*groups)
    names, titles = _names_and_titles()
    labs = build_lab_reports(rows, reports, names, titles,
                             sources={"observations": list(args.observations), "audit reports": list(args.report)})
    if not labs:
        raise UsageError("no observations and no task runs in the files given: nothing to report "
                         "(the kiosk writes observations; 'audit --scenario' writes task runs)")
    out = Path(args.out)
    for lab in labs:
        stem = f"lab-{safe_name(lab['scenario'])}"
        for fmt in formats:
            text = (json.dumps(lab, ensure_ascii=False, indent=1) + "\n" if fmt == "json" else
                    render_lab_markdown(lab) if fmt == "md" else render_lab_html(lab))
            print(f"lab-report: {write_atomic(out / f'{stem}.{fmt}', text)}", file=sys.stderr)
        counts = ", ".join(f"{n} {word}" for word, n in lab["agreement"].items())
        print(f"{lab['scenario']}: {lab['tries']} tries from {len(lab['stations'])} station(s); {counts}")
        for cell in lab["cells"]:
            print(f"  {cell['sentence']}")
    return 0
