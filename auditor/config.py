"""``audit.yaml``: a delivery team's audit settings, validated like personas (every error, file:line: key).

Example (docs/cli.md explains every key)::

    urls: [https://www.example.gov.uk/bins/start]
    sitemaps: [https://www.example.gov.uk/sitemap.xml]
    personas: [christopher, claudia, ashleigh]
    fail_on: serious
    thresholds:
      personas: {ron: moderate}
      rules: {region: none}
    headers: {Authorization: "Bearer ..."}
    storage_state: signed-in.json
    wait_for:
      - url: https://www.example.gov.uk/bins/
        selector: "main h1"
    ignore:
      - rule: color-contrast
        url: https://www.example.gov.uk/legacy/
        reason: Legacy page being replaced in March
        expires: 2027-03-31
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import UsageError
from auditor.model import yamlsrc
from auditor.model.schema import Field, check_document, nearest
from auditor.model.yamlsrc import Problem, Source

IMPACT_CHOICES = ("critical", "serious", "moderate", "minor", "none")
URL = Field("text", pattern=r"https?://\S+", pattern_doc="a URL starting http:// or https://")

CONFIG_SCHEMA: dict[str, Field] = {
    "urls": Field("list", "Pages to audit.", default=list, items=URL),
    "sitemaps": Field("list", "sitemap.xml files whose pages are audited too.", default=list, items=URL),
    "scenarios": Field("list", "Scenario ids or paths to run.", default=list, items=Field("text")),
    "personas": Field("list", "Persona ids (default: all).", default=list, items=Field("text")),
    "fail_on": Field("choice", "Exit 1 on failures of this impact or worse.", default="serious",
                     choices=IMPACT_CHOICES),
    "fail_on_review": Field("bool", "Let needs-review findings fail the build.", default=False),
    "thresholds": Field("map", "Per-persona and per-rule fail_on overrides.", default=dict, fields={
        "personas": Field("map", "persona id: impact", default=dict, fields=None),
        "rules": Field("map", "rule id: impact", default=dict, fields=None),
    }),
    "headers": Field("map", "HTTP headers sent with every request.", default=dict, fields=None),
    "cookies": Field("list", "Cookies set before each page.", default=list, items=Field("map", fields={
        "name": Field("text", required=True), "value": Field("text", required=True),
        "domain": Field("text", required=True), "path": Field("text", default="/"),
    })),
    "storage_state": Field("text", "A Playwright storage-state file for signed-in pages (relative to this file)."),
    "wait_for": Field("list", "Wait for a selector on pages whose URL starts with a prefix.", default=list,
                      items=Field("map", fields={"url": Field("text", required=True),
                                                 "selector": Field("text", required=True)})),
    "timeout": Field("number", "Seconds allowed for each page, loading and checking together.", default=60,
                     min=1, max=600),
    "concurrency": Field("int", "Pages audited at once.", default=None, min=1, max=32),
    "out": Field("text", "Where reports go (inside this file's folder).", default=None),
    "ignore": Field("list", "Findings to ignore, each with a reason and an expiry date.", default=list,
                    items=Field("map", fields={
                        "rule": Field("text", required=True),
                        "url": Field("text"),
                        "selector": Field("text"),
                        "reason": Field("text", required=True, max_length=500),
                        "expires": Field("date", required=True),
                    })),
}


@dataclass
class AuditConfig:
    path: str
    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)
    fail_on: str = "serious"
    fail_on_review: bool = False
    persona_thresholds: dict[str, str] = field(default_factory=dict)
    rule_thresholds: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[dict] = field(default_factory=list)
    storage_state: str | None = None
    wait_for: dict[str, str] = field(default_factory=dict)
    timeout: float = 60
    concurrency: int | None = None
    out: str | None = None
    ignore: list[dict] = field(default_factory=list)


def _check_impact_map(src: Source, data: dict, key: str, known: list[str] | None, what: str) -> dict[str, str]:
    out = {}
    for name, value in (data or {}).items():
        path = ("thresholds", key, name)
        if known is not None and name not in known:
            guess = nearest(name, known)
            src.problem(path, f"no {what} '{name}' ({'did you mean ' + repr(guess) + '?' if guess else 'expected one of: ' + ', '.join(known)})")
            continue
        if value not in IMPACT_CHOICES:
            src.problem(path, f"{value!r} is not allowed (expected one of: {', '.join(IMPACT_CHOICES)})")
            continue
        out[name] = value
    return out


def check_config(src: Source, persona_ids: list[str] | None, scenario_ids: list[str] | None) -> AuditConfig | None:
    before = len(src.problems)
    data = check_document(src, CONFIG_SCHEMA)
    if data is None:
        return None
    base = Path(src.file).resolve().parent
    for i, pid in enumerate(data["personas"] or []):
        if pid and pid != "all" and persona_ids is not None and pid not in persona_ids:
            guess = nearest(pid, persona_ids)
            src.problem(("personas", i), f"no persona '{pid}' ({'did you mean ' + repr(guess) + '?' if guess else 'expected one of: ' + ', '.join(persona_ids)})")
    for i, sid in enumerate(data["scenarios"] or []):
        if sid and not sid.endswith((".yaml", ".yml")) and scenario_ids is not None and sid not in scenario_ids:
            guess = nearest(sid, scenario_ids)
            src.problem(("scenarios", i), f"no scenario '{sid}' ({'did you mean ' + repr(guess) + '?' if guess else 'expected a path to a .yaml file or one of: ' + ', '.join(scenario_ids)})")
    thresholds = data.get("thresholds") or {}
    persona_thresholds = _check_impact_map(src, thresholds.get("personas"), "personas", persona_ids, "persona")
    rule_thresholds = _check_impact_map(src, thresholds.get("rules"), "rules", None, "rule")
    headers = {}
    for name, value in (data.get("headers") or {}).items():
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            src.problem(("headers", name), f"{value!r} is not text (expected the header's value as text)")
        else:
            headers[str(name)] = str(value)
    storage = data.get("storage_state")
    if storage:
        spath = (base / storage).resolve()
        if not spath.is_file():
            src.problem(("storage_state",), f"'{storage}' does not exist (expected a Playwright storage-state JSON file)")
        storage = str(spath)
    out = data.get("out")
    if out:
        opath = (base / out).resolve()
        if base != opath and base not in opath.parents:
            src.problem(("out",), f"'{out}' is outside this file's folder (expected a folder inside {base})")
        out = str(opath)
    if len(src.problems) > before:
        return None
    return AuditConfig(
        path=src.file, urls=data["urls"] or [], sitemaps=data["sitemaps"] or [], scenarios=data["scenarios"] or [],
        personas=[p for p in data["personas"] or [] if p], fail_on=data["fail_on"],
        fail_on_review=data["fail_on_review"], persona_thresholds=persona_thresholds,
        rule_thresholds=rule_thresholds, headers=headers, cookies=data["cookies"] or [], storage_state=storage,
        wait_for={w["url"]: w["selector"] for w in data["wait_for"] or []}, timeout=data["timeout"],
        concurrency=data["concurrency"], out=out, ignore=data["ignore"] or [],
    )


def validate_configs(paths: list[Path], personas: dict | None = None, scenarios: dict | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for path in paths:
        src = yamlsrc.load(path, expected="an audit config (urls, personas, fail_on, ...)")
        check_config(src, list(personas) if personas else None, list(scenarios) if scenarios else None)
        problems.extend(src.problems)
    return problems


def load_config(path: str | Path, persona_ids: list[str], scenario_ids: list[str] | None = None) -> AuditConfig:
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"--config: {path}: no such file")
    src = yamlsrc.load(path, expected="an audit config (urls, personas, fail_on, ...)")
    config = check_config(src, persona_ids, scenario_ids)
    if src.problems or config is None:
        raise UsageError("\n".join(str(p) for p in src.problems))
    return config


def active_ignores(config: AuditConfig, today: _dt.date | None = None) -> list[dict]:
    """Ignore rules that have not expired (an expired one stops hiding its findings)."""
    today = today or _dt.date.today()
    return [rule for rule in config.ignore if rule["expires"] >= today]


def is_ignored(finding: dict, page_url: str, ignores: list[dict]) -> dict | None:
    for rule in ignores:
        if rule["rule"] != finding.get("rule"):
            continue
        if rule.get("url") and not page_url.startswith(rule["url"]):
            continue
        if rule.get("selector") and rule["selector"] != finding.get("selector"):
            continue
        return rule
    return None
