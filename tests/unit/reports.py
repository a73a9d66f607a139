"""Hand-built report.json dicts for reporter, compare and merge tests (not collected: no test_ prefix)."""

from __future__ import annotations

from auditor.reporters.json_report import summarise


def hand_report(pages: list[dict], personas: list[dict], created: str, **extra) -> dict:
    """A version-1 report of ``pages`` with its summary computed; ``extra`` keys are added as given."""
    r = {"schema": "empathy-lab/report/1", "tool": {"name": "empathy-lab", "version": "0.1.0"},
         "created": created, "label": "", "personas": personas, "pages": pages}
    r["summary"] = summarise(r)
    r.update(extra)
    return r
