"""``audit --scenario ID|PATH [URL]``: run a task's steps once per persona and report where each is stopped.

A URL given replaces the origin of the scenario's start. A scenario on the bundled demo service (``start:
demo:...``) runs on both versions, accessible and inaccessible, unless a URL is given. The start page of each
run is audited as usual, and the task results join that page in report.json as ``tasks``.

A persona's step that is not ok links to the audit's finding on the same element when one says the control has
no name, or a name that differs from what is shown (``LABEL_RULES``): the step's ``finding`` is that finding's
``{id, rule, message}``. When a screen reader user was blocked at a field that the mouse user found only by
the text beside it, on a page other than the start, that page is audited too, so the link can be made.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import Any

from auditor.browser import Browser
from auditor.demo import DemoServer
from auditor.engine import RunOptions, audit_urls, in_own_thread
from auditor.findings import page_key
from auditor.journey import run_scenario
from auditor.model.persona import Persona
from auditor.model.scenario import Scenario

# Findings that say a control has no name, or not the one shown: probe control_name and axe's name rules.
LABEL_RULES = frozenset({"control_name", "label", "select-name", "aria-input-field-name", "aria-toggle-field-name",
                         "label-title-only", "input-image-alt", "input-button-name", "button-name", "link-name"})
FIELD_VERBS = ("fill", "choose", "check", "uncheck", "select")


def run_scenarios(scenarios: list[Scenario], origins: list[str], personas: list[Persona], options: RunOptions,
                  progress=None, concurrency: int = 1) -> tuple[list[dict], list[dict]]:
    """Audit each run's start page and run the scenario there; return (pages with tasks, scenario errors)."""
    runs: list[tuple[Scenario, str | None, str | None]] = []   # (scenario, origin, version)
    for scenario in scenarios:
        if origins:
            runs += [(scenario, origin, None) for origin in origins]
        elif scenario.start.startswith("demo:"):
            runs += [(scenario, None, "accessible"), (scenario, None, "inaccessible")]
        else:
            runs.append((scenario, None, None))
    with ExitStack() as stack:
        demo_base = None
        if any(s.start.startswith("demo:") and not o for s, o, _ in runs):
            demo_base = stack.enter_context(DemoServer()).url
            print(f"demo service: {demo_base}", file=sys.stderr)
        starts = [s.start_url(demo_base, o, v) for s, o, v in runs]
        pages = audit_urls(list(dict.fromkeys(starts)), personas, options, progress=progress,
                           concurrency=concurrency)
        by_url = {p["url"]: p for p in pages}
        errors: list[dict] = []
        results = in_own_thread(lambda: _run_all(runs, starts, personas, options, demo_base))
        unaudited = [url for url in dict.fromkeys(u for r in results for u in _pages_to_link(r)) if url not in by_url]
        if unaudited:
            for extra in audit_urls(unaudited, personas, options, progress=progress, concurrency=concurrency):
                pages.append(extra)
                by_url[extra["url"]] = extra
        for result in results:
            for task in result["tasks"]:
                link_findings(task, pages)
        for (scenario, origin, version), start, result in zip(runs, starts, results):
            page = by_url[start]
            for task in result["tasks"]:
                task.setdefault("version", version)
            page.setdefault("tasks", []).extend(result["tasks"])
            page.setdefault("baselines", []).append({"scenario": scenario.id, **result.get("baseline", {})})
            for error in result.get("errors", []):
                errors.append({"scenario": scenario.id, "file": scenario.path, "start": start, **error})
    return pages, errors


def _pages_to_link(result: dict) -> list[str]:
    """Pages where a screen reader user was blocked at a field the mouse user found only by what is shown."""
    found_by_sight = {s["line"] for s in result.get("baseline", {}).get("steps", []) if s.get("found")}
    return [s["url"] for t in result["tasks"] if t.get("mode") == "screen_reader" for s in t["steps"]
            if s["outcome"] == "blocked" and s.get("url") and s.get("element") and s["line"] in found_by_sight
            and s["step"].split(" ", 1)[0] in FIELD_VERBS]


def link_findings(task: dict, pages: list[dict]) -> None:
    """Give each step of the task that is not ok the audit's finding on the same element (``LABEL_RULES``),
    when its page was audited: same selector, or the same start tag when only one finding has it."""
    by_page: dict[str, list[dict]] = {}
    for page in pages:
        by_page.setdefault(page_key(page["url"]), []).extend(page.get("findings") or [])
    for step in task["steps"]:
        element = step.get("element") or {}
        if step["outcome"] == "ok" or not element or not step.get("url"):
            continue
        named = [f for f in by_page.get(page_key(step["url"]), []) if f.get("rule") in LABEL_RULES]
        same = [f for f in named if element.get("selector") and f.get("selector") == element["selector"]]
        if not same and element.get("snippet"):
            same = [f for f in named if _start_tag(f.get("snippet", "")) == element["snippet"]]
        if len(same) == 1:
            f = same[0]
            step["finding"] = {"id": f.get("id", ""), "rule": f["rule"], "message": f.get("message", "")}


def _start_tag(snippet: str) -> str:
    return snippet[: snippet.find(">") + 1] if ">" in snippet else snippet


def _run_all(runs, starts, personas, options, demo_base) -> list[dict]:
    results = []
    # (the full Chromium, not a headless shell: a task may follow a link to a PDF, which the full browser shows and
    # the shell, with no viewer, downloads; the per-page audit is where the shell's speed counts)
    with Browser(options.browser, timeout_s=options.timeout_s, shell=False) as browser:
        for (scenario, origin, version), start in zip(runs, starts):
            print(f"scenario {scenario.id}{' (' + version + ')' if version else ''}: running {len(personas)} "
                  f"persona{'s' if len(personas) != 1 else ''} and a mouse user", file=sys.stderr)
            result = run_scenario(browser, scenario, personas, demo_base=demo_base, origin=origin,
                                  version=version, screenshots=options.screenshots)
            for task in result["tasks"]:
                print(f"  {task['persona']}: {task['outcome']}"
                      + (f" - {task['summary']}" if task.get("summary") else ""), file=sys.stderr)
            results.append(result)
    return results

