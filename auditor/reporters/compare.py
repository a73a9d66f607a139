"""Comparing two runs (pure, no I/O): new, fixed and unchanged findings, and verdict changes per persona and page.

``compare(a, b, match="auto") -> dict`` takes two report.json dicts, A (before, or the baseline) and B (after),
and returns the ``empathy-lab/compare/1`` dict below. ``split_versions(report)`` turns one demo report (which
holds both versions of the demo service) into the two reports to compare.

Findings are matched by:
- ``"id"``: the finding's stable fingerprint (probe + page + role + name): the same service run twice;
- ``"path"``: rule + the page's path below the folder all of that run's pages share + role + name, so that two
  services built the same way (the demo's /accessible/ and /inaccessible/, or staging against live) line up;
- ``"auto"``: ``"id"`` when the runs share at least one page, else ``"path"``.

Result::

    {"schema": "empathy-lab/compare/1", "match": "id"|"path",
     "a": {"label", "created", "pages", "fail", "review"}, "b": {...},
     "new": [finding + {"page"}], "fixed": [...], "unchanged": [...],
     "counts": {"new", "new_fail", "new_review", "fixed", "fixed_fail", "unchanged"},
     "verdicts": [{"page", "persona", "before", "after", "better": bool}],   changes only
     "pages": {"added": [page], "removed": [page]}}

Ignored findings (``"ignored"``) are compared like the rest but never count as ``new_fail``.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from auditor.findings import page_key
from auditor.reporters.json_report import summarise

SCHEMA = "empathy-lab/compare/1"
RANK = {"can use": 0, "struggles": 1, "blocked": 2}


def _paths(report: dict) -> dict[int, str]:
    """id(page) -> the page's path below the folder shared by all of the run's pages."""
    paths = {id(p): urlsplit(p["url"]).path or "/" for p in report["pages"]}
    folders = [v.rsplit("/", 1)[0] + "/" for v in paths.values()]
    common = os.path.commonprefix(folders) if folders else "/"
    common = common[: common.rfind("/") + 1] or "/"
    return {k: "/" + v[len(common):].lstrip("/") for k, v in paths.items()}


def _page_keys(report: dict, match: str) -> dict[int, str]:
    if match == "path":
        return _paths(report)
    return {id(p): page_key(p["url"]) for p in report["pages"]}


def _keyed(report: dict, match: str) -> dict[str, tuple[dict, dict, str]]:
    """key -> (finding, page, page key). Repeats of one key get #2, #3 in page order."""
    pages = _page_keys(report, match)
    out: dict[str, tuple[dict, dict, str]] = {}
    for page in report["pages"]:
        for f in page.get("findings") or []:
            if match == "id":
                key = f["id"]
            else:
                key = "\x1f".join([f["rule"], pages[id(page)], (f.get("role") or "").lower(),
                                   " ".join((f.get("name") or "").split()).lower()])
            base, n = key, 1
            while key in out:
                n += 1
                key = f"{base}#{n}"
            out[key] = (f, page, pages[id(page)])
    return out


def _brief(f: dict, page_label: str) -> dict:
    keep = ("id", "rule", "outcome", "impact", "personas", "wcag", "url", "selector", "snippet", "message", "heard",
            "ignored")
    return {**{k: f.get(k) for k in keep if k in f}, "page": page_label}


def _side(report: dict) -> dict:
    s = report.get("summary") or summarise(report)
    return {"label": report.get("label", ""), "created": report.get("created", ""), "pages": s["pages"],
            "fail": s["fail"], "review": s["review"]}


def choose_match(a: dict, b: dict) -> str:
    keys_a = {page_key(p["url"]) for p in a["pages"]}
    return "id" if any(page_key(p["url"]) in keys_a for p in b["pages"]) else "path"


def compare(a: dict[str, Any], b: dict[str, Any], match: str = "auto") -> dict[str, Any]:
    if match not in ("auto", "id", "path"):
        raise ValueError(f"match must be auto, id or path, not {match!r}")
    if match == "auto":
        match = choose_match(a, b)
    before, after = _keyed(a, match), _keyed(b, match)
    new = [_brief(f, label) for key, (f, _, label) in after.items() if key not in before]
    fixed = [_brief(f, label) for key, (f, _, label) in before.items() if key not in after]
    unchanged = [_brief(f, label) for key, (f, _, label) in after.items() if key in before]

    pages_a, pages_b = _page_keys(a, match), _page_keys(b, match)
    by_key_a = {pages_a[id(p)]: p for p in a["pages"]}
    by_key_b = {pages_b[id(p)]: p for p in b["pages"]}
    verdicts = []
    for key, page in by_key_b.items():
        old = by_key_a.get(key)
        if old is None:
            continue
        for pid in dict.fromkeys([*(old.get("verdicts") or {}), *(page.get("verdicts") or {})]):
            was = ((old.get("verdicts") or {}).get(pid) or {}).get("verdict", "not checked")
            now = ((page.get("verdicts") or {}).get(pid) or {}).get("verdict", "not checked")
            if old.get("status") != "ok":
                was = "could not load"
            if page.get("status") != "ok":
                now = "could not load"
            if was != now:
                verdicts.append({"page": key, "persona": pid, "before": was, "after": now,
                                 "better": RANK.get(now, 3) < RANK.get(was, 3)})
    counted = [f for f in new if not f.get("ignored")]
    return {
        "schema": SCHEMA, "match": match, "a": _side(a), "b": _side(b),
        "new": new, "fixed": fixed, "unchanged": unchanged,
        "counts": {"new": len(new), "new_fail": sum(1 for f in counted if f["outcome"] == "fail"),
                   "new_review": sum(1 for f in counted if f["outcome"] == "review"),
                   "fixed": len(fixed), "fixed_fail": sum(1 for f in fixed if f["outcome"] == "fail"),
                   "unchanged": len(unchanged)},
        "verdicts": verdicts,
        "pages": {"added": [k for k in by_key_b if k not in by_key_a],
                  "removed": [k for k in by_key_a if k not in by_key_b]},
    }


def split_versions(report: dict[str, Any]) -> tuple[dict, dict] | None:
    """A demo report (``comparison`` with two versions) as two reports, in the comparison's order; else None."""
    keys = list(report.get("comparison") or {})
    if len(keys) != 2:
        return None
    out = []
    for key in keys:
        pages = [p for p in report["pages"] if f"/{key}/" in urlsplit(p["url"]).path + "/"]
        part = {**{k: v for k, v in report.items() if k != "comparison"}, "label": key, "pages": pages}
        part["summary"] = summarise(part)
        out.append(part)
    return out[0], out[1]


def render_compare_markdown(result: dict[str, Any], name_a: str = "A", name_b: str = "B", limit: int = 40) -> str:
    def cell(text: Any) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")

    c = result["counts"]
    lines = ["# Empathy Lab: comparison", "",
             f"**{cell(name_a)}**: {result['a']['fail']} failures, {result['a']['review']} to review over "
             f"{result['a']['pages']} pages. **{cell(name_b)}**: {result['b']['fail']} failures, "
             f"{result['b']['review']} to review over {result['b']['pages']} pages.", "",
             f"- New in {cell(name_b)}: {c['new']} ({c['new_fail']} failures, {c['new_review']} to review)",
             f"- Fixed: {c['fixed']} ({c['fixed_fail']} failures)", f"- Unchanged: {c['unchanged']}"]
    if result["verdicts"]:
        lines += ["", "## Verdict changes", "", "| Page | Person | Before | After |", "|---|---|---|---|"]
        lines += [f"| {cell(v['page'])} | {cell(v['persona'])} | {cell(v['before'])} | "
                  f"{'✅' if v['better'] else '⚠️'} {cell(v['after'])} |" for v in result["verdicts"]]
    for title, items in (("New failures", [f for f in result["new"] if f["outcome"] == "fail"]),
                         ("Fixed failures", [f for f in result["fixed"] if f["outcome"] == "fail"])):
        if items:
            lines += ["", f"## {title}", ""]
            lines += [f"- **{cell(f['impact'])}** {cell(f.get('message', ''))} ({cell(f['rule'])}) on "
                      f"{cell(f['page'])}" for f in items[:limit]]
            if len(items) > limit:
                lines.append(f"- … and {len(items) - limit} more in compare.json")
    return "\n".join(lines) + "\n"
