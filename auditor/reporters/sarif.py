"""report.sarif: the findings as a SARIF 2.1.0 log (one run), for code-scanning dashboards and SARIF viewers.

- ``runs[0].tool.driver.rules``: one reporting descriptor per rule that has findings (id, name,
  shortDescription, fullDescription, help, helpUri; ``properties.tags``: "accessibility", the WCAG criteria as
  ``wcag1.4.3`` and the personas it hurts as ``persona:claudia``).
- ``runs[0].results``: one result per finding: ``ruleId`` + ``ruleIndex``, ``level`` error (fail) or note
  (needs review), the persona-side message, the page URL as ``artifactLocation.uri`` with the HTML snippet as
  the region's snippet, the CSS selector as a logical location, ``partialFingerprints`` with the finding's
  stable id, and impact, personas, WCAG and what a screen reader says in ``properties``. Ignored findings
  carry an external ``suppressions`` entry with the config's reason.
- Pages that could not be loaded are ``toolExecutionNotifications`` of the run's invocation.
"""

from __future__ import annotations

import json
from typing import Any

from auditor.reporters.rules import rule_info, sc_key

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
LEVEL = {"fail": "error", "review": "note"}
FINGERPRINT = "empathyLabFindingId/v1"


def _camel(rule: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule.replace("_", "-").split("-") if part)


def _rules(report: dict[str, Any]) -> list[dict[str, Any]]:
    by_rule: dict[str, list[dict]] = {}
    for page in report["pages"]:
        for f in page.get("findings") or []:
            by_rule.setdefault(f["rule"], []).append(f)
    rules = []
    for rule, findings in by_rule.items():
        info = rule_info(rule, findings, report.get("rules") or {})
        wcag = sorted({c for f in findings for c in f.get("wcag") or []}, key=sc_key)
        personas = sorted({p for f in findings for p in f.get("personas") or []})
        fix = next((f["fix"] for f in findings if f.get("fix")), "")
        why = " ".join(f"{pid}: {text}" for pid, text in info.why.items())
        full = info.description + (f". Why it matters: {why}" if why else "")
        rules.append({
            "id": rule,
            "name": _camel(rule),
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": full},
            "help": {"text": fix or info.description},
            "helpUri": info.help_url,
            "defaultConfiguration": {"level": "error"},
            "properties": {
                "tags": ["accessibility", *[f"wcag{c}" for c in wcag], *[f"persona:{p}" for p in personas]],
                "source": info.source,
            },
        })
    return rules


def _result(f: dict[str, Any], index: dict[str, int], page_url: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": f.get("url") or page_url}},
    }
    if f.get("snippet"):
        location["physicalLocation"]["region"] = {"snippet": {"text": f["snippet"]}}
    if f.get("selector"):
        location["logicalLocations"] = [{"fullyQualifiedName": f["selector"], "kind": "element"}]
    result: dict[str, Any] = {
        "ruleId": f["rule"],
        "ruleIndex": index[f["rule"]],
        "level": LEVEL.get(f["outcome"], "note"),
        "message": {"text": f.get("message") or f["rule"]},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: f["id"]},
        "properties": {"impact": f["impact"], "outcome": f["outcome"], "personas": list(f.get("personas") or []),
                       "wcag": list(f.get("wcag") or []), "findingId": f["id"]},
    }
    if f.get("heard"):
        result["properties"]["heard"] = f["heard"]
    if f.get("ignored"):
        ignored = f["ignored"]
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": f"{ignored.get('reason', '')} (until {ignored.get('expires', '')})"}]
    return result


def build_sarif(report: dict[str, Any]) -> dict[str, Any]:
    rules = _rules(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(f, index, page["url"]) for page in report["pages"] for f in page.get("findings") or []]
    notes = [{"level": "error", "message": {"text": f"{page['url']}: could not be audited: {page.get('error') or 'unknown error'}"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": page["url"]}}}]}
             for page in report["pages"] if page.get("status") != "ok"]
    tool = report.get("tool") or {}
    ok = any(page.get("status") == "ok" for page in report["pages"]) or not report["pages"]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "Empathy Lab", "semanticVersion": str(tool.get("version", "")),
                            "version": str(tool.get("version", "")),
                            "rules": rules}},
        "invocations": [{"executionSuccessful": ok, "toolExecutionNotifications": notes}],
        "results": results,
        "properties": {"label": report.get("label", ""), "created": report.get("created", ""),
                       "summary": report.get("summary", {})},
    }
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def render_sarif(report: dict[str, Any]) -> str:
    return json.dumps(build_sarif(report), ensure_ascii=False, indent=1)
