"""summary.md: a short Markdown summary for a CI job page (persona x page verdicts, top failures)."""

from __future__ import annotations

from typing import Any

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
    fails = [(page, f) for page in report["pages"] for f in page.get("findings", []) if f["outcome"] == "fail"]
    if fails:
        lines += ["", "## Failures", ""]
        for page, f in fails[:max_findings]:
            wcag = ", ".join(f.get("wcag") or [])
            lines.append(f"- **{_cell(f['impact'])}** {_cell(f['message'])} "
                         f"({_cell(f['rule'])}{'; WCAG ' + wcag if wcag else ''}) on {_cell(page['url'])}")
        if len(fails) > max_findings:
            lines.append(f"- … and {len(fails) - max_findings} more in report.json")
    errors = [p for p in report["pages"] if p["status"] != "ok"]
    if errors:
        lines += ["", "## Pages that could not be audited", ""]
        lines += [f"- {_cell(p['url'])}: {_cell(p.get('error') or 'unknown error')}" for p in errors]
    return "\n".join(lines) + "\n"
