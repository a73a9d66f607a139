"""The audit's findings for the pages a visitor saw, for the debrief ("what got in the way").

Reads a report.json written by ``audit`` (the kiosk config's ``findings_report``, else the newest
``reports/*/report.json``). Only plain JSON is read: the kiosk never runs an audit itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from auditor.findings import IMPACT_RANK, page_key
from auditor.paths import reports_dir


def newest_report(explicit: Path | None = None) -> Path | None:
    if explicit is not None:
        return explicit if explicit.is_file() else None
    root = reports_dir()
    candidates = [p for p in [root / "report.json", *root.glob("*/report.json")] if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def _findings(data: Any, url: str = "") -> Iterable[tuple[dict, str]]:
    """Every finding dict in a report, with the URL of the page it sits under."""
    if isinstance(data, dict):
        page_url = data.get("url", url) if isinstance(data.get("url"), str) else url
        for item in data.get("findings", []) if isinstance(data.get("findings"), list) else []:
            if isinstance(item, dict) and "message" in item:
                yield item, page_url
        for key, value in data.items():
            if key != "findings" and isinstance(value, (dict, list)):
                yield from _findings(value, page_url)
    elif isinstance(data, list):
        for value in data:
            yield from _findings(value, url)


def findings_for(report: Path | None, urls: Iterable[str], persona_id: str, persona_name: str,
                 limit: int = 4) -> list[dict[str, str]]:
    """Up to ``limit`` failures on these pages that hurt this persona, worst first:
    ``[{"message": ..., "fix": ...}]`` with ``{who}`` filled in. [] when there is no report."""
    if report is None:
        return []
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    pages = {page_key(u) for u in urls if u}
    seen: set[str] = set()
    picked: list[tuple[int, dict[str, str]]] = []
    for item, page_url in _findings(data):
        where = item.get("url") or page_url
        if page_key(where) not in pages or persona_id not in (item.get("personas") or []):
            continue
        if item.get("outcome", "fail") != "fail":
            continue
        message = str(item.get("message", "")).replace("{who}", persona_name)
        if not message or message in seen:
            continue
        seen.add(message)
        rank = IMPACT_RANK.get(item.get("impact", "minor"), 0)
        picked.append((rank, {"message": message, "fix": str(item.get("fix", "")).replace("{who}", persona_name)}))
    picked.sort(key=lambda pair: -pair[0])
    return [entry for _, entry in picked[:limit]]
