"""The audit engine: gather once per page, judge once per persona, merge, give verdicts.

``gather_page`` drives the browser (through auditor.browser and the gatherers) and returns plain artifacts;
``judge_page`` is pure: artifacts + personas -> findings and verdicts. ``audit_urls`` runs both over many pages.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from auditor.barriers import cap_per_rule, meets, merge_barriers, more_like_it
from auditor.findings import IMPACT_RANK, Finding, fill_who
from auditor.model.persona import Persona
from auditor.outcomes import combine, page_outcomes
from auditor.probes import registry
from auditor.probes.base import AuditParams

VERDICTS = ("can use", "struggles", "blocked")


@dataclass
class RunOptions:
    browser: str | None = None
    timeout_s: float = 60.0          # the whole page: loading and every gatherer
    screenshots: bool = True
    save_artifacts: str | None = None
    headers: dict[str, str] | None = None
    storage_state: str | None = None
    wait_for: dict[str, str] = field(default_factory=dict)   # url prefix -> selector to wait for
    cookies: list[dict] = field(default_factory=list)
    cookies_for: Callable[[str], list[dict]] | None = None   # per-page cookies (signed-in journeys)
    fresh_contexts: bool = False     # a brand-new context for every page instead of one reused and cleared


def params_for(persona: Persona) -> AuditParams:
    a = persona.audit
    return AuditParams(viewport_widths=tuple(a.viewport_widths), zoom_levels=tuple(a.zoom_levels),
                       min_target_size=a.min_target_size)


def probes_for(personas: Iterable[Persona]) -> list[str]:
    """The probe ids any of the personas asks for, in registry order (those that exist)."""
    wanted = {p for persona in personas for p in persona.audit.probes}
    return [pid for pid in registry() if pid in wanted]


def artifacts_needed(personas: Iterable[Persona]) -> set[str]:
    reg = registry()
    return {name for pid in probes_for(personas) for name in reg[pid].META.artifacts}


# -- judging (pure) ------------------------------------------------------------------------------

def judge_page(url: str, artifacts: dict[str, Any], personas: list[Persona]) -> tuple[list[Finding], dict]:
    """Run every persona's probes over one page's artifacts; return merged findings and verdicts."""
    reg = registry()
    merged: dict[str, Finding] = {}
    order: list[str] = []
    for persona in personas:
        params = params_for(persona)
        for pid in persona.audit.probes:
            module = reg.get(pid)
            if module is None:
                continue
            if any(isinstance(artifacts.get(a), dict) and "error" in artifacts[a] and len(artifacts[a]) == 1
                   for a in module.META.artifacts):
                continue
            try:
                found = module.check(artifacts, params) or []
            except Exception as exc:  # a probe bug must not lose the page
                found = [Finding(rule=pid, outcome="review", impact="minor",
                                 message=f"The {pid} check could not finish on this page: {type(exc).__name__}: {exc}",
                                 fix="This is a fault in Empathy Lab: please report it with the page.",
                                 key=traceback.format_exc(limit=1)[-200:])]
            for f in found:
                if f.personas and persona.id not in f.personas:
                    continue
                meta = module.META
                f.url = f.url or url
                f.wcag = list(f.wcag or meta.wcag)
                if not meets(persona, f):   # charged only to those whose own settings meet the barrier
                    continue
                f.fix = f.fix or meta.fix
                f.compute_id()
                existing = merged.get(f.id)
                if existing is None:
                    f.personas = [persona.id]
                    merged[f.id] = f
                    order.append(f.id)
                elif persona.id not in existing.personas:
                    existing.personas.append(persona.id)
    names = {p.id: p.name for p in personas}
    findings = cap_per_rule(merge_barriers([merged[i] for i in order]))
    _dedupe_ids(findings)
    for f in findings:
        f.message = fill_who(f.message, [names[p] for p in f.personas]) + more_like_it(f.more)
    findings.sort(key=lambda f: (f.outcome != "fail", -IMPACT_RANK[f.impact], f.rule))
    return findings, verdicts(findings, personas)


def _dedupe_ids(findings: list[Finding]) -> None:
    """Two findings with one fingerprint (same rule, role and name on a page) get #2, #3... in page order."""
    seen: dict[str, int] = {}
    for f in findings:
        n = seen.get(f.id, 0) + 1
        seen[f.id] = n
        if n > 1:
            f.id = f"{f.id}-{n}"


def verdicts(findings: list[Finding], personas: list[Persona]) -> dict[str, dict]:
    """blocked: a critical failure stops them; struggles: other failures; can use: no failures.

    Needs-review findings are listed but do not change a verdict (nobody has confirmed them yet).
    """
    out = {}
    for persona in personas:
        mine = [f for f in findings if persona.id in f.personas]
        fails = [f for f in mine if f.outcome == "fail"]
        if any(f.impact == "critical" for f in fails):
            verdict = "blocked"
        elif fails:
            verdict = "struggles"
        else:
            verdict = "can use"
        out[persona.id] = {
            "verdict": verdict,
            "fail": [f.id for f in fails],
            "review": [f.id for f in mine if f.outcome == "review"],
        }
    return out


# -- gathering (browser) -------------------------------------------------------------------------

def context_options(options: RunOptions):
    """How every page of the run is opened (headers, signed-in state)."""
    from auditor.browser import ContextOptions

    return ContextOptions(extra_http_headers=options.headers, storage_state=options.storage_state)


def gather_params(personas: list[Persona], options: RunOptions):
    """What the gatherers need to know: the union of the personas' settings."""
    from auditor.gatherers.base import GatherParams

    return GatherParams(
        viewport_widths=tuple(sorted({w for p in personas for w in p.audit.viewport_widths})) or (320,),
        zoom_levels=tuple(sorted({z for p in personas for z in p.audit.zoom_levels})) or (200,),
        vision=tuple(dict.fromkeys(v for p in personas for v in p.audit.vision)),
        screenshots=options.screenshots,
    )


def gather_page(browser, url: str, personas: list[Persona], options: RunOptions, pages=None) -> dict[str, Any]:
    """Load the page once and run every needed gatherer; returns {"status", "error", "title", "artifacts",
    "timings"}.

    ``pages`` (a :class:`auditor.browser.ReusedPage`) lends the worker's reused page; without it the page
    gets a context of its own.
    """
    needed = artifacts_needed(personas)
    params = gather_params(personas, options)
    base = context_options(options)
    result: dict[str, Any] = {"url": url, "status": "ok", "error": None, "title": "", "artifacts": {}, "timings": {}}
    started = time.perf_counter()
    watchdog = browser.watchdog(options.timeout_s)
    with watchdog:
        _gather_into(result, browser, url, needed, params, base, options, stopped=lambda: watchdog.fired,
                     pages=pages)
    if watchdog.fired:
        result.update(status="error", error=f"the page did not finish within {options.timeout_s:g} s "
                                             "(its work was stopped; a script may loop or the page may be too big)")
    result["timings"]["total"] = round(time.perf_counter() - started, 4)
    return result


def gather_current_page(page, personas: list[Persona], options: RunOptions | None = None) -> dict[str, Any]:
    """Check a page that someone else opened and brought to where it is (a team's own Playwright test, mid-
    journey: signed in, a form filled in) without loading it again: the gatherers of :func:`gather_page` run
    on the page as it stands. Its viewport size is put back afterwards; focus and scroll may have moved."""
    from auditor.browser import BrowserError, ContextOptions, LentBrowser
    from auditor.gatherers.base import GatherSession, settle

    options = options or RunOptions()
    size = dict(page.viewport_size or {"width": 1280, "height": 800})
    result: dict[str, Any] = {"url": page.url, "status": "ok", "error": None, "title": "", "artifacts": {},
                              "timings": {}}
    navigations = [0]

    def count_navigation(frame) -> None:
        if frame == page.main_frame:
            navigations[0] += 1

    started = time.perf_counter()
    try:
        settle(page)
        result["url_final"] = page.url
        result["title"] = page.title()
        page.on("framenavigated", count_navigation)
        session = GatherSession(browser=LentBrowser(page), url=page.url, page=page,
                                params=gather_params(personas, options),
                                base_options=ContextOptions(width=size["width"], height=size["height"]))
        run_gatherers(result, session, artifacts_needed(personas), navigations)
    except BrowserError as exc:
        result.update(status="error", error=_short_error(exc))
    finally:
        try:
            page.remove_listener("framenavigated", count_navigation)
            if not page.is_closed() and page.viewport_size != size:
                page.set_viewport_size(size)
        except BrowserError:
            pass
    result["timings"]["total"] = round(time.perf_counter() - started, 4)
    return result


# What a browser shows as a page the gatherers can check (an SVG document too: Chromium renders it, with its
# own title, text and links); anything else (a PDF, a raster image, plain text) is reported as "not a web
# page" before Chromium spends the time limit rendering it.
WEB_PAGE_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml")


def _gather_into(result, browser, url, needed, params, base, options,
                 stopped: Callable[[], bool] = lambda: False, pages=None) -> None:
    from auditor.browser import BrowserError, BrowserTimeout
    from auditor.gatherers.base import GatherSession, settle

    page = None
    navigations = [0]

    def count_navigation(frame) -> None:  # a page that reloads or moves on by itself during the checks
        if page is not None and frame == page.main_frame:
            navigations[0] += 1

    try:
        page = pages.get() if pages is not None else browser.new_page(base)
        cookies = list(options.cookies) + (options.cookies_for(url) if options.cookies_for else [])
        if cookies:
            page.context.add_cookies(cookies)
        started = time.perf_counter()
        load_ms = min(30.0, options.timeout_s) * 1000
        try:
            response = page.goto(url, wait_until="commit", timeout=load_ms)
        except BrowserTimeout:
            result.update(status="error", error=f"the page did not finish loading within {load_ms / 1000:g} s")
            return
        except BrowserError as exc:
            result.update(status="error", error=_short_error(exc))
            return
        if response is not None and response.status >= 400:
            result.update(status="error", error=f"HTTP {response.status} {response.status_text}".strip())
            return
        ctype = ((response.headers.get("content-type") if response is not None else "") or "")
        ctype = ctype.split(";")[0].strip().lower()
        if ctype and ctype not in WEB_PAGE_TYPES:
            result.update(status="error", error=f"not a web page ({ctype})")
            return
        try:
            page.wait_for_load_state("load", timeout=max(1.0, load_ms - (time.perf_counter() - started) * 1000))
        except BrowserTimeout:
            result.update(status="error", error=f"the page did not finish loading within {load_ms / 1000:g} s")
            return
        except BrowserError as exc:
            result.update(status="error", error=_short_error(exc))
            return

        page.on("framenavigated", count_navigation)
        for prefix, selector in options.wait_for.items():
            if url.startswith(prefix):
                page.wait_for_selector(selector)
        settle(page)
        result["url_final"] = page.url
        try:
            result["title"] = page.title()
        except BrowserError:
            pass
        session = GatherSession(browser=browser, url=page.url, page=page, params=params, base_options=base)
        run_gatherers(result, session, needed, navigations, stopped)
    except BrowserError as exc:
        result.update(status="error", error=_short_error(exc))
    finally:
        if page is not None and pages is not None:
            try:
                page.remove_listener("framenavigated", count_navigation)
            except Exception:
                pass
            # A page that went wrong takes its context with it; a good one is cleared for the next URL.
            pages.release(reusable=result["status"] == "ok" and not stopped())
        elif page is not None:
            try:
                page.context.close()
            except Exception:
                pass


def run_gatherers(result: dict[str, Any], session, needed: set[str], navigations: list[int],
                  stopped: Callable[[], bool] = lambda: False) -> None:
    """Run every needed gatherer on the session's page, in ORDER, into result["artifacts"] and ["timings"];
    a page whose every check failed becomes an error. ``navigations`` counts the page's own navigations."""
    from auditor.gatherers import gatherers
    from auditor.gatherers.base import settle

    page, params = session.page, session.params
    try:
        for module in gatherers():
            if module.NAME not in needed and not (module.NAME == "vision" and params.vision):
                continue
            if stopped():  # past the time limit: the page is gone, the rest would only fail slowly
                break
            t0 = time.perf_counter()
            before = navigations[0]
            try:
                session.set_viewport(session.base_viewport())  # the last gatherer may have left another size
                result["artifacts"][module.NAME] = module.gather(session)
            except Exception as exc:
                result["artifacts"][module.NAME] = {"error": _short_error(exc)}
                # The page moved on by itself in the middle of this check (a redirect after load, a
                # reload): check again, once, where it landed. (A short wait first lets the navigation
                # event that may have caused the failure arrive.)
                try:
                    page.wait_for_timeout(50)
                except Exception:
                    pass
                if navigations[0] != before and not stopped() and not page.is_closed():
                    settle(page)
                    try:
                        session.set_viewport(session.base_viewport())
                        result["artifacts"][module.NAME] = module.gather(session)
                    except Exception as again:
                        result["artifacts"][module.NAME] = {"error": _short_error(again)}
            result["timings"][module.NAME] = round(time.perf_counter() - t0, 4)
    finally:
        session.close()
    failed = [v["error"] for v in result["artifacts"].values() if isinstance(v, dict) and set(v) == {"error"}]
    if result["artifacts"] and len(failed) == len(result["artifacts"]):
        why = (f"the page navigated or reloaded itself {navigations[0]} time{'s' if navigations[0] != 1 else ''} "
               "while it was checked" if navigations[0] else failed[0])
        result.update(status="error", error=f"no check could run on this page: {why}")


def _short_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    if "Target crashed" in first:
        return "the browser's page process crashed (the page may use too much memory)"
    return first.replace("Page.goto: ", "").replace("Page.wait_for_load_state: ", "")[:300]


def sampling_note(tabwalk: Any) -> str:
    """What the Tab walk sampled rather than walked or measured in full, in words for the report ("" when it
    looked at everything): stops past the walk's cap, and stops whose focus was not measured in pixels
    because they share their styles with a stop that was (or because of the cap on measures)."""
    sampling = tabwalk.get("sampling") if isinstance(tabwalk, dict) else None
    if not isinstance(sampling, dict):
        return ""
    parts = []
    stops, measured = int(sampling.get("stops") or 0), int(sampling.get("focus_measured") or 0)
    shared, unmeasured = int(sampling.get("focus_shared") or 0), int(sampling.get("focus_unmeasured") or 0)
    if shared or unmeasured:
        text = f"Focus checked on {measured:,} of {stops:,} Tab stops"
        if shared:
            text += f"; {shared:,} more share their styles with a checked stop and take its result"
        if unmeasured:
            text += f"; {unmeasured:,} not checked (at most {measured:,} checks a page)"
        parts.append(text + ".")
    focusable = int(sampling.get("focusable") or 0)
    if sampling.get("capped_at") and focusable > stops:
        parts.append(f"The Tab walk stopped at its limit of {stops:,} stops; {focusable - stops:,} of the page's "
                     f"{focusable:,} focusable elements were not reached.")
    return " ".join(parts)


def page_result(gathered: dict[str, Any], personas: list[Persona]) -> dict[str, Any]:
    """The report.json entry for one page."""
    out = {"url": gathered["url"], "status": gathered["status"], "error": gathered.get("error"),
           "title": gathered.get("title", ""), "verdicts": {}, "findings": []}
    if gathered["status"] == "ok":
        findings, verdict_map = judge_page(gathered.get("url_final") or gathered["url"], gathered["artifacts"], personas)
        out["verdicts"] = verdict_map
        out["findings"] = [f.to_json() for f in findings]
        out["outcomes"], out["criteria"] = page_outcomes(gathered["artifacts"], personas, out["findings"])
        out["artifacts_failed"] = sorted(k for k, v in gathered["artifacts"].items()
                                         if isinstance(v, dict) and set(v) == {"error"})
        note = sampling_note(gathered["artifacts"].get("tabwalk"))
        if note:
            out["sampled"] = note
        extras = {}
        axtree = gathered["artifacts"].get("axtree") or {}
        if isinstance(axtree, dict) and axtree.get("transcript"):
            extras["transcript"] = axtree["transcript"]
        vision = gathered["artifacts"].get("vision") or {}
        if isinstance(vision, dict) and vision.get("shots"):
            extras["vision"] = vision["shots"]
        if extras:
            out["evidence"] = extras
    out["timings"] = gathered.get("timings", {})
    return out


def audit_urls(urls: list[str], personas: list[Persona], options: RunOptions,
               progress: Callable[[int, int, str, dict], None] | None = None, concurrency: int = 1,
               run_findings: bool = True) -> list[dict[str, Any]]:
    """Audit each URL; a page that fails is reported as that page's error and the rest go on.

    With concurrency > 1, that many workers each drive their own browser (Playwright's sync API is
    bound to one thread); results come back in the order of ``urls``. ``run_findings=False`` leaves out the
    checks that compare the run's pages (the caller runs :func:`add_run_findings` on the groups it means).
    """
    import queue
    import threading

    from auditor.browser import Browser
    from auditor.reporters.artifacts import save_artifacts

    results: list[dict[str, Any] | None] = [None] * len(urls)
    todo: "queue.Queue[int]" = queue.Queue()
    for i in range(len(urls)):
        todo.put(i)
    lock = threading.Lock()
    done = [0]
    failures: list[BaseException] = []

    def work() -> None:
        try:
            with Browser(options.browser, timeout_s=options.timeout_s) as browser, \
                    browser.reused_page(context_options(options),
                                        max_uses=1 if options.fresh_contexts else 50) as pages:
                while True:
                    try:
                        i = todo.get_nowait()
                    except queue.Empty:
                        return
                    gathered = gather_page(browser, urls[i], personas, options, pages)
                    if options.save_artifacts:
                        save_artifacts(options.save_artifacts, i + 1, gathered)
                    results[i] = page_result(gathered, personas)
                    with lock:
                        done[0] += 1
                        if progress:
                            progress(done[0], len(urls), urls[i], results[i])
        except BaseException as exc:  # browser missing or would not start: stop every worker
            failures.append(exc)
            while not todo.empty():
                try:
                    todo.get_nowait()
                except queue.Empty:
                    break

    # Always in worker threads, even for one: Playwright's sync API allows one running instance per thread,
    # so the caller's thread stays free for its own browser (the kiosk's, a test's).
    workers = max(1, min(concurrency, len(urls)))
    threads = [threading.Thread(target=work, daemon=True, name=f"audit-worker-{i}") for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures and any(r is None for r in results):
        raise failures[0]
    pages = [r for r in results if r is not None]
    if run_findings:
        add_run_findings(pages, personas)
    return pages


def add_run_findings(pages: list[dict[str, Any]], personas: list[Persona]) -> None:
    """Checks that compare the pages of a run (probes with a ``check_run``), added to each page they concern;
    verdicts are worked out again for those pages."""
    reg = registry()
    names = {p.id: p.name for p in personas}
    for pid, module in reg.items():
        check_run = getattr(module, "check_run", None)
        who_has = [p.id for p in personas if pid in p.audit.probes]
        if check_run is None or not who_has:
            continue
        for url, found in check_run(pages).items():
            page = next(p for p in pages if p["url"] == url)
            for f in found:
                f.url = f.url or page.get("url_final") or url
                f.wcag = list(f.wcag or module.META.wcag)
                f.fix = f.fix or module.META.fix
                f.personas = [p.id for p in personas if p.id in who_has and meets(p, f)]
                if not f.personas:
                    continue
                f.rules = f.rules or [f.rule]
                f.compute_id()
                f.message = fill_who(f.message, [names[p] for p in f.personas])
                page["findings"].append(f.to_json())
            objects = [Finding.from_json(d) for d in page["findings"]]
            page["verdicts"] = verdicts(objects, personas)
            if "outcomes" in page:
                page["outcomes"], page["criteria"] = combine(page["outcomes"], page["findings"])


def in_own_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a thread of its own (with its own Playwright) and return its result or raise its error."""
    import threading

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="browser-worker")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")
