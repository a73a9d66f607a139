"""summary.md: a short Markdown summary for a CI job page (persona x page verdicts, failures grouped by what
happens, worst first; ignored findings are left out)."""

from __future__ import annotations

from typing import Any

from auditor.findings import IMPACT_RANK

ICON = {"can use": "✅ can use", "struggles": "⚠️ struggles", "blocked": "⛔ blocked"}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(report: dict[str, Any], max_findings: int = 30) -> str:
    personas = report.get("personas", [])
    s = report["summary"]
    lines = ["# Empathy Lab accessibility audit", ""]
    lines.append(f"{s['pages']} page(s), {s['fail']} failure(s), {s['review']} finding(s) to review"
                 + (f", {s['pages_failed_to_load']} page(s) could not be loaded" if s["pages_failed_to_load"] else "")
                 + ".")
    lines += ["", "| Page | " + " | ".join(_cell(p["name"]) for p in personas) + " |",
              "|---|" + "---|" * len(personas)]
    for page in report["pages"]:
        label = _cell(page.get("title") or page["url"])
        if page["status"] != "ok":
            lines.append(f"| {label} | " + " | ".join("could not load" for _ in personas) + " |")
            continue
        cells = [ICON.get(page["verdicts"].get(p["id"], {}).get("verdict", ""), "") for p in personas]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    fails = [(page, f) for page in report["pages"] for f in page.get("findings", [])
             if f["outcome"] == "fail" and not f.get("ignored")]
    if fails:
        groups: dict[tuple[str, str], list] = {}
        for page, f in fails:
            groups.setdefault((f["rule"], f["message"]), []).append((page, f))
        ranked = sorted(groups.values(), key=lambda g: (-max(IMPACT_RANK.get(f["impact"], 0) for _, f in g), -len(g)))
        lines += ["", "## Failures", "", "| Impact | What happens | Rule (WCAG) | Where |", "|---|---|---|---|"]
        for group in ranked[:max_findings]:
            page, f = group[0]
            wcag = ", ".join(f.get("wcag") or [])
            pages = list(dict.fromkeys(p["url"] for p, _ in group))
            where = _cell(pages[0]) + (f" and {len(pages) - 1} more page(s)" if len(pages) > 1 else "")
            count = f" ({len(group)} elements)" if len(group) > 1 else ""
            rules = " + ".join(f.get("rules") or [f["rule"]])   # every rule id that saw the barrier
            lines.append(f"| {_cell(f['impact'])} | {_cell(f['message'])}{count} | {_cell(rules)}"
                         f"{' (' + wcag + ')' if wcag else ''} | {where} |")
        if len(ranked) > max_findings:
            lines.append(f"\n… and {len(ranked) - max_findings} more kinds of failure in report.json")
    sampled = [p for p in report["pages"] if p.get("sampled")]
    if sampled:
        lines += ["", "## Sampled rather than checked in full", ""]
        lines += [f"- {_cell(p.get('title') or p['url'])}: {_cell(p['sampled'])}" for p in sampled]
    errors = [p for p in report["pages"] if p["status"] != "ok"]
    if errors:
        lines += ["", "## Pages that could not be audited", ""]
        lines += [f"- {_cell(p['url'])}: {_cell(p.get('error') or 'unknown error')}" for p in errors]
    return "\n".join(lines) + "\n"
