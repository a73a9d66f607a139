"""Reporters read only the run's JSON (report.json's dict) and write other formats.

``FORMATS`` maps a ``--format`` name to the file it writes in ``--out DIR`` and the dotted path of the
function that turns the report dict into that file's text (imported only when the format is asked for).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Callable

from auditor.errors import UsageError

FORMATS: dict[str, tuple[str, str]] = {
    "json": ("report.json", "auditor.reporters.json_report:render_json"),
    "md": ("summary.md", "auditor.reporters.markdown:render_markdown"),
    "html": ("report.html", "auditor.reporters.html:render_html"),
    "junit": ("junit.xml", "auditor.reporters.junit:render_junit"),
    "sarif": ("report.sarif", "auditor.reporters.sarif:render_sarif"),
    "earl": ("report.earl.jsonld", "auditor.reporters.earl:render_earl"),
}


def parse_formats(text: str, allowed=FORMATS) -> list[str]:
    """``--format`` values: format names separated by commas, each one of ``allowed`` (default: the run's
    report formats; ``audit compare`` and ``audit lab-report`` pass their own)."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    if not formats:
        raise UsageError("--format: empty (expected a comma-separated list of: " + ", ".join(allowed) + ")")
    for f in formats:
        if f not in allowed:
            raise UsageError(f"--format: '{f}' is not a format (expected a comma-separated list of: "
                             + ", ".join(allowed) + ")")
    return formats


def renderer(fmt: str) -> Callable[[dict[str, Any]], str]:
    module, _, name = FORMATS[fmt][1].partition(":")
    return getattr(importlib.import_module(module), name)


def write_format(report: dict[str, Any], fmt: str, out: Path) -> Path:
    """Render one format into ``out`` atomically (a crash never leaves half a report). The HTML report reads the
    transcript audio the run put in ``out`` (auditor/audio.py)."""
    render = renderer(fmt)
    return write_atomic(Path(out) / FORMATS[fmt][0], render(report, Path(out)) if fmt == "html" else render(report))


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file beside it, on disk before it takes the name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    return path
