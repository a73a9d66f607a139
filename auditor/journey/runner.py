"""Run a scenario once as a mouse user (the baseline) and once per persona; the CLI's entry point.

``run_scenario(browser, scenario, personas, ...)`` returns plain JSON::

    {"scenario": "missed-bin", "start": "http://127.0.0.1:8000/accessible/start",
     "baseline": {"outcome", "clicks", "seconds", "steps": [...]},
     "errors": [{"line", "step", "message"}],        # scenario errors found by the baseline
     "tasks": [{"scenario", "scenario_title", "persona", "name", "mode", "outcome", "summary", "seconds", "cost",
                "steps": [{"step", "line", "outcome", "reason", "element", "cost", "url", "screenshot"?,
                           "transcript"? (screen reader), "found"? (how a sighted person found the control,
                           when not by its label), "finding"? (added by the CLI)}]}]}

Each run gets a fresh context (``browser.new_page``) shaped by its actor (Claudia's 320 px). Before each step
a slow persona spends ``step_pause`` (times ``slow_factor``) seconds of page time (auditor/journey/clock.py);
when the page moves on by itself meanwhile (a session timeout) the step is blocked. A run stops at its first
blocked step. Scenario errors (a name that matches nothing or several things for the mouse user, who also
finds controls by the words written beside them, auditor/journey/match.py; a missing
option, a page that does not open, expected text the mouse user does not see) stop every persona's run
before that step; those tasks are ``incomplete``.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from auditor.browser import BrowserError
from auditor.journey.base import Actor
from auditor.journey.baseline import BaselineActor
from auditor.journey.clock import PageClock
from auditor.journey.keyboard import KeyboardActor
from auditor.journey.page import JourneyPage
from auditor.journey.pointer import PointerActor
from auditor.journey.screen_reader import ScreenReaderActor
from auditor.journey.verdict import StepResult, summary, task_outcome, total_cost
from auditor.journey.zoom import ZoomActor
from auditor.model.scenario import Scenario, Step

# task_mode -> the actor that works that way, by each actor's own ``mode`` (persona files name one: the persona
# model's TASK_MODES, which cannot import this browser-side package, is checked against these by a unit test)
ACTORS: dict[str, type[Actor]] = {actor.mode: actor for actor in
                                  (BaselineActor, KeyboardActor, ScreenReaderActor, ZoomActor, PointerActor)}
MOUSE_USER = "A mouse user"
EXPIRY_WORDS = ("expired", "timed out", "time out", "timeout", "session")


def run_scenario(browser: Any, scenario: Scenario, personas: list[Any], *, demo_base: str | None = None,
                 origin: str | None = None, version: str | None = None, screenshots: bool = True,
                 slow_factor: float | None = None) -> dict[str, Any]:
    """Run the scenario as a mouse user, then as each persona (see the module docstring for the result)."""
    start = scenario.start_url(demo_base, origin, version)
    base = _run(browser, scenario, start, BaselineActor, MOUSE_USER, None, validate=True,
                screenshots=screenshots, pause=0.0)
    errors = [{"line": s.line, "step": s.step, "message": s.scenario_error or s.reason}
              for s in base["results"] if s.scenario_error or (s.outcome == "blocked")]
    limit = next((i for i, s in enumerate(base["results"]) if s.scenario_error or s.outcome == "blocked"), None)
    if limit is None and base["done"] is False:
        errors.append({"line": 0, "step": "done", "message": f"the mouse user finished every step but the task "
                                                             f"was not done ({_done_words(scenario.done)})"})
    clicks = total_cost(base["results"]).clicks
    tasks = []
    for persona in personas:
        actor = ACTORS.get(persona.audit.task_mode, BaselineActor)
        factor = 1.0 if slow_factor is None else float(slow_factor)
        run = _run(browser, scenario, start, actor, persona.name, persona, validate=False, screenshots=screenshots,
                   pause=max(0.0, float(persona.audit.step_pause) * factor), limit=limit)
        outcome = task_outcome(run["results"], run["done"], stopped_by_scenario_error=limit is not None)
        tasks.append({
            "scenario": scenario.id, "scenario_title": scenario.title, "persona": persona.id, "name": persona.name,
            "mode": actor.mode,
            "outcome": outcome,
            "summary": summary(persona.name, actor.mode, outcome, run["results"], clicks, run["heard"]),
            "seconds": run["seconds"], "cost": total_cost(run["results"]).to_json(),
            "steps": [s.to_json() for s in run["results"]],
        })
    return {
        "scenario": scenario.id, "start": start,
        "baseline": {"outcome": task_outcome(base["results"], base["done"]), "clicks": clicks,
                     "seconds": base["seconds"], "steps": [s.to_json() for s in base["results"]]},
        "errors": errors, "tasks": tasks,
    }


def _done_words(done: dict | None) -> str:
    if not done:
        return "every step succeeded"
    return " and ".join(f"{k} '{v}'" for k, v in done.items())


def _run(browser: Any, scenario: Scenario, start: str, actor_cls: type[Actor], name: str, persona: Any, *,
         validate: bool, screenshots: bool, pause: float, limit: int | None = None) -> dict[str, Any]:
    """One run in a fresh context: {"results": [StepResult], "done": bool | None, "seconds", "heard"}."""
    started = time.perf_counter()
    steps = list(scenario.steps if limit is None else scenario.steps[:limit])
    page = browser.new_page(actor_cls.context_options(persona))
    results: list[StepResult] = []
    done: bool | None = None
    actor: Actor | None = None
    try:
        jp = JourneyPage(browser, page)
        actor_cls.prepare(page, persona)
        clock = PageClock(page, enabled=pause > 0 or any(s.verb == "wait" for s in steps))
        actor = actor_cls(jp, name, persona, validate)
        opened = _open(jp, start, name, validate)
        if opened is not None:
            results.append(opened)
        else:
            on_page_since, commits = 0.0, jp.commits
            for step in steps:
                if jp.commits != commits:
                    on_page_since, commits = 0.0, jp.commits
                res = _step(actor, jp, clock, step, start, pause, on_page_since, validate)
                on_page_since += res.cost.seconds
                if res.outcome != "ok" and screenshots and not res.screenshot:
                    rect = (jp.js("facts", mark=res.mark) or {}).get("rect") if res.mark else None
                    res.screenshot = jp.screenshot(rect)
                results.append(res)
                if res.outcome == "blocked":
                    break
            else:
                if limit is None:
                    done = _done(jp, scenario)
    except BrowserError as exc:
        res = StepResult(step="(the page)", line=0, verb="", outcome="blocked",
                         reason=f"the browser gave up: {_short(exc)}")
        results.append(res)
    finally:
        with contextlib.suppress(Exception):
            page.context.close()
    return {"results": results, "done": done, "seconds": round(time.perf_counter() - started, 2),
            "heard": getattr(actor, "heard", 0)}


def _open(jp: JourneyPage, url: str, name: str, validate: bool) -> StepResult | None:
    """Open the start page; a StepResult saying why when it does not open."""
    try:
        status = jp.goto(url)
    except BrowserError as exc:
        status, why = None, _short(exc)
    else:
        why = f"HTTP {status}" if status is not None and status >= 400 else ""
    if not why:
        return None
    res = StepResult(step=f"start at {url}", line=0, verb="go to", outcome="blocked",
                     reason=f"the start page did not open ({why})")
    if validate:
        res.scenario_error = res.reason
    return res


def _step(actor: Actor, jp: JourneyPage, clock: PageClock, step: Step, start: str, pause: float,
          on_page: float, validate: bool) -> StepResult:
    res = StepResult(step.text, step.line, step.verb, url=_page_url(jp))
    t0 = time.perf_counter()
    try:
        if pause > 0:
            token = jp.token()
            clock.pause(pause)
            if jp.settle(token, expect_navigation=False):
                res.outcome = "blocked"
                res.reason = _moved_on(actor.name, jp.heading(), on_page + pause)
        if res.outcome != "blocked":
            _perform(actor, jp, clock, step, start, res)
    except BrowserError as exc:
        res.outcome, res.reason = "blocked", f"the page stopped responding: {_short(exc)}"
    res.cost.seconds = pause + (time.perf_counter() - t0)
    if validate and res.outcome == "blocked" and not res.scenario_error and step.verb in ("go to", "expect text",
                                                                                          "expect url"):
        res.scenario_error = res.reason
    return res


def _page_url(jp: JourneyPage) -> str:
    """The page a step is tried on (where a blocked persona was stuck); "" when the page cannot say."""
    try:
        return jp.page.url
    except Exception:
        return ""


def _moved_on(name: str, heading: str, seconds: float) -> str:
    if any(word in heading.lower() for word in EXPIRY_WORDS):
        return (f"{name}'s session ran out after {seconds:.0f} s on the page, while {name} was still reading it: "
                f"everything entered was lost ('{heading}')")
    return f"the page moved on by itself to '{heading}' after {seconds:.0f} s, while {name} was still reading it"


def _perform(actor: Actor, jp: JourneyPage, clock: PageClock, step: Step, start: str, res: StepResult) -> None:
    who = actor.name
    if step.verb == "go to":
        status = jp.goto(urljoin(start, step.target))
        if status is not None and status >= 400:
            res.outcome, res.reason = "blocked", f"{step.target} did not open (HTTP {status})"
    elif step.verb == "expect text":
        if not _contains(jp.text(), step.target):
            res.outcome = "blocked"
            res.reason = f"{who} expected to see '{step.target}' but the page shows '{jp.heading()}'"
    elif step.verb == "expect url":
        if not _url_matches(jp.page.url, step.target):
            res.outcome = "blocked"
            res.reason = f"{who} expected to be at {step.target} but is at {urlsplit(jp.page.url).path}"
    elif step.verb == "wait":
        clock.pause(float(step.value))
    else:
        actor.do(step, res)


def _contains(text: str, wanted: str) -> bool:
    return " ".join(wanted.split()).casefold() in " ".join(text.split()).casefold()


def _url_matches(url: str, wanted: str) -> bool:
    if wanted.startswith(("http://", "https://")):
        return url.rstrip("/") == wanted.rstrip("/")
    return urlsplit(url).path.rstrip("/").endswith(wanted.rstrip("/")) if wanted.strip("/") else \
        urlsplit(url).path in ("", "/")


def _done(jp: JourneyPage, scenario: Scenario) -> bool:
    done = scenario.done or {}
    if "text" in done and not _contains(jp.text(), done["text"]):
        return False
    if "url" in done and not _url_matches(jp.page.url, done["url"]):
        return False
    return True


def _short(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
