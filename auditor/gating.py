"""When a run fails the build: the policy every command that writes a report shares (``audit``, ``audit replay``,
``audit merge``, a scenario run and the demo).

A finding fails the build when it is a fail (or a needs-review finding with ``include_review``) at or above the
threshold, not ignored by the config, and new against the baseline when one is given. A config's per-rule
threshold wins over its per-persona ones, which win over ``--fail-on``. A task run weighs as an impact
(blocked = critical, struggled = moderate). Exit codes: 0 nothing at or above the threshold, 1 accessibility
failures, 3 no page could be loaded.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.audio import prepare_audio
from auditor.config import active_ignores, is_ignored
from auditor.findings import IMPACT_RANK, IMPACTS
from auditor.reporters import write_format

FAIL_ON = IMPACTS + ("none",)

# How a task outcome weighs against --fail-on: a persona who cannot finish is as bad as a critical barrier.
TASK_IMPACT = {"blocked": "critical", "struggled": "moderate"}


@dataclass(frozen=True)
class Gate:
    """The build's threshold: ``fail_on`` (an impact, or none) and whether needs-review findings count."""

    fail_on: str = "serious"
    include_review: bool = False


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


def task_failures(report: dict, fail_on: str) -> list[dict]:
    """Tasks whose outcome weighs at or above --fail-on (blocked = critical, struggled = moderate)."""
    if fail_on == "none":
        return []
    return [t for p in report["pages"] for t in p.get("tasks", [])
            if t["outcome"] in TASK_IMPACT and IMPACT_RANK[TASK_IMPACT[t["outcome"]]] >= IMPACT_RANK[fail_on]]


def apply_ignores(report: dict, config) -> int:
    """Mark findings an unexpired ignore rule covers (kept in the report, with the reason; never counted)."""
    if not config:
        return 0
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
    """Write the report in each format; an HTML report's transcript audio is prepared first, beside it (and
    listed in report.json), so that the reporter only reads it."""
    if "html" in formats:
        prepare_audio(report, out)
    return [write_format(report, fmt, out) for fmt in formats]


def finish(report: dict[str, Any], out: Path, formats: list[str], gate: Gate, baseline: dict | None,
           config=None) -> int:
    """Apply the config's ignores, write the reports, say what was found, and return the exit code."""
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
    bad = failing(report, gate.fail_on, gate.include_review, baseline, config)
    tasks = task_failures(report, gate.fail_on)
    if tasks:
        print(f"{len(tasks)} task run{'s' if len(tasks) != 1 else ''} blocked or struggled at or above "
              f"'{gate.fail_on}': exit 1")
        return 1
    if bad:
        what = "new " if baseline else ""
        print(f"{len(bad)} {what}finding{'s' if len(bad) != 1 else ''} at or above '{gate.fail_on}': exit 1")
        return 1
    return 0
