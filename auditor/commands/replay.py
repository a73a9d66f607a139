"""``audit replay DIR``: judge saved artifacts again without a browser (after changing probes or personas)."""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor.judging import add_run_findings, page_result
from auditor.gating import FAIL_ON, Gate, finish
from auditor.model.persona import load_personas, select
from auditor.paths import reports_dir
from auditor.probes import rules_block
from auditor.reporters import parse_formats
from auditor.reporters.artifacts import load_artifacts
from auditor.reporters.json_report import build_report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="audit replay",
                                description="Judge artifacts saved with --save-artifacts again, without a browser.")
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--persona", default="all", metavar="ID|all")
    p.add_argument("--out", metavar="DIR")
    p.add_argument("--format", default="html,json,md", metavar="LIST")
    p.add_argument("--fail-on", default="serious", choices=FAIL_ON, metavar="IMPACT")
    p.add_argument("--fail-on-review", action="store_true")
    p.add_argument("--personas-dir", metavar="DIR")
    args = p.parse_args(argv)
    formats = parse_formats(args.format)
    personas = select(load_personas(args.personas_dir), args.persona)
    pages = [page_result(gathered, personas) for gathered in load_artifacts(args.directory)]
    add_run_findings(pages, personas)
    report = build_report(pages, personas, label=f"replay of {args.directory}", rules=rules_block(personas))
    return finish(report, Path(args.out) if args.out else reports_dir() / "replay", formats,
                  Gate(args.fail_on, args.fail_on_review), None)
