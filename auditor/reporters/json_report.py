"""report.json: the run's result, the one input of every other reporter. Schema: docs/report-schema.md."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.errors import UsageError

SCHEMA = "empathy-lab/report/1"


def build_report(pages: list[dict[str, Any]], personas: list, *, label: str = "", extra: dict | None = None,
                 rules: dict[str, dict] | None = None) -> dict:
    """report.json's dict. ``rules``: the texts of the rules that ran (``auditor.probes.rules_block``), so that
    the other reporters need nothing but this report."""
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "empathy-lab", "version": __version__},
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "label": label,
        "personas": [{"id": p.id, "name": p.name, "summary": p.summary, "colour": p.colour,
                      "vision": list(p.audit.vision), "task_mode": p.audit.task_mode,
                      "screen_reader": p.simulation.screen_reader, "voice": p.simulation.voice,
                      "speech_rate": p.simulation.speech_rate} for p in personas],
        "rules": rules or {},
        "pages": pages,
    }
    report["summary"] = summarise(report)
    if extra:
        report.update(extra)
    return report


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    pages = report["pages"]
    findings = [f for p in pages for f in p.get("findings", [])]
    by_persona: dict[str, dict[str, int]] = {}
    for p in pages:
        for pid, v in (p.get("verdicts") or {}).items():
            slot = by_persona.setdefault(pid, {"can use": 0, "struggles": 0, "blocked": 0})
            slot[v["verdict"]] += 1
    return {
        "pages": len(pages),
        "pages_failed_to_load": sum(1 for p in pages if p.get("status") != "ok"),
        "fail": sum(1 for f in findings if f["outcome"] == "fail"),
        "review": sum(1 for f in findings if f["outcome"] == "review"),
        "by_impact": {i: sum(1 for f in findings if f["outcome"] == "fail" and f["impact"] == i)
                      for i in ("critical", "serious", "moderate", "minor")},
        "verdicts": by_persona,
    }


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1)


def read_report(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file (expected a report.json written by audit --format json)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not readable as JSON ({exc})") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("empathy-lab/report/"):
        raise UsageError(f"{path}: not an Empathy Lab report (expected \"schema\": \"{SCHEMA}\")")
    if data["schema"] != SCHEMA:
        raise UsageError(f"{path}: report schema {data['schema']} is not supported (expected {SCHEMA})")
    return data
