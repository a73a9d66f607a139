"""Saving a page's artifacts (``--save-artifacts DIR``) and reading them back (``audit replay DIR``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.errors import UsageError


def save_artifacts(directory: str | Path, index: int, gathered: dict[str, Any]) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"page-{index:04d}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"schema": "empathy-lab/artifacts/1", **gathered}, ensure_ascii=False), "utf-8")
    tmp.replace(path)
    return path


def load_artifacts(directory: str | Path) -> list[dict[str, Any]]:
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"replay: {directory}: no such folder (expected a folder written by --save-artifacts)")
    files = sorted(directory.glob("page-*.json"))
    if not files:
        raise UsageError(f"replay: {directory}: no page-*.json files (expected a folder written by --save-artifacts)")
    pages = []
    for path in files:
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"replay: {path}: not readable as JSON ({exc})") from None
        if not isinstance(data, dict) or data.get("schema") != "empathy-lab/artifacts/1" or "url" not in data:
            raise UsageError(f"replay: {path}: not an Empathy Lab artifacts file (expected schema empathy-lab/artifacts/1)")
        pages.append(data)
    return pages
