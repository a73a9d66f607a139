"""Running an audit: the browser, the per-page watchdog and the worker pool.

``gather_page`` loads a page and runs the gatherers (auditor.browser and auditor/gatherers) into plain
artifacts; judging them is auditor/judging.py's (pure: artifacts + personas -> findings, verdicts and outcomes).
``audit_urls`` does both over many pages with a pool of workers, each with its own browser.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from auditor.browser import Browser, BrowserError, BrowserTimeout, ContextOptions, LentBrowser
from auditor.gatherers import gatherers
from auditor.gatherers.base import GatherParams, GatherSession, Later, preload_script, settle
from auditor.judging import add_run_findings, artifacts_needed, page_result
from auditor.model.persona import Persona
from auditor.reporters.artifacts import save_artifacts


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



def context_options(options: RunOptions):
    """How every page of the run is opened (headers, signed-in state)."""
    return ContextOptions(extra_http_headers=options.headers, storage_state=options.storage_state)


def worker_page(browser: Browser, options: RunOptions):
    """A worker's page, reused from URL to URL (a fresh context for each with ``fresh_contexts``), whose every
    document holds axe-core's source and the gatherers' page scripts from the start (``ReusedPage``'s preloads:
    sent once a context, not with each page)."""
    gatherers()   # (every gatherer module imported: their page scripts are marked)
    return browser.reused_page(context_options(options), max_uses=1 if options.fresh_contexts else 50,
                               preloads={"scripts": preload_script()})


def gather_params(personas: list[Persona], options: RunOptions):
    """What the gatherers need to know: the union of the personas' settings."""
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
    pending: list = []   # gatherers' work going on outside the browser (Later): finished once the page is let go
    navigations = [0]    # the page's own navigations while it was checked
    watchdog = browser.watchdog(options.timeout_s)
    try:
        with watchdog:
            _gather_into(result, browser, url, needed, params, base, options, stopped=lambda: watchdog.fired,
                         pages=pages, pending=pending, navigations=navigations)
    except BaseException:
        finish_gathering(result, pending, navigations, cancel=True)
        raise
    if watchdog.fired:
        result.update(status="error", error=f"the page did not finish within {options.timeout_s:g} s "
                                             "(its work was stopped; a script may loop or the page may be too big)")
    # Outside the watchdog: waiting for work outside the browser must not set it off (it would kill the browser,
    # and with it the reused page already lent to the next URL); that work gets what is left of the page's time.
    finish_gathering(result, pending, navigations, cancel=watchdog.fired or result["status"] != "ok",
                     timeout=max(0.0, options.timeout_s - (time.perf_counter() - started)))
    result["timings"]["total"] = round(time.perf_counter() - started, 4)
    return result


def gather_current_page(page, personas: list[Persona], options: RunOptions | None = None) -> dict[str, Any]:
    """Check a page that someone else opened and brought to where it is (a team's own Playwright test, mid-
    journey: signed in, a form filled in) without loading it again: the gatherers of :func:`gather_page` run
    on the page as it stands. Its viewport size is put back afterwards; focus and scroll may have moved."""
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
        title = settle(page)
        result["url_final"] = page.url
        result["title"] = title if title is not None else page.title()
        page.on("framenavigated", count_navigation)
        session = GatherSession(browser=LentBrowser(page), url=page.url, page=page,
                                params=gather_params(personas, options),
                                base_options=ContextOptions(width=size["width"], height=size["height"]))
        run_gatherers(result, session, artifacts_needed(personas), navigations, put_back=True)
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
DOWNLOAD_ERROR = "Download is starting"   # Playwright's words when a navigation became a download


def _gather_into(result, browser, url, needed, params, base, options, *, pending: list, navigations: list[int],
                 stopped: Callable[[], bool] = lambda: False, pages=None) -> None:
    """Load ``url`` and run the gatherers into ``result``; work they leave going on outside the browser
    (:class:`Later`) is added to ``pending`` for the caller's :func:`finish_gathering`, and the page's own
    navigations are counted in ``navigations``."""
    page = None

    def count_navigation(frame) -> None:  # a page that reloads or moves on by itself during the checks
        if page is not None and frame == page.main_frame:
            navigations[0] += 1

    try:
        page = pages.get() if pages is not None else browser.new_page(base)
        cookies = list(options.cookies) + (options.cookies_for(url) if options.cookies_for else [])
        if cookies:
            page.context.add_cookies(cookies)
        error, downloaded = _load(page, url, min(30.0, options.timeout_s) * 1000)
        if error:
            result.update(status="error", error=error)
            return

        page.on("framenavigated", count_navigation)
        for prefix, selector in options.wait_for.items():
            if url.startswith(prefix):
                page.wait_for_selector(selector)
        title = settle(page, timeout_ms=1 if downloaded else 3000)
        result["url_final"] = page.url
        try:
            result["title"] = title if title is not None else page.title()
        except BrowserError:
            pass
        session = GatherSession(browser=browser, url=page.url, page=page, params=params, base_options=base,
                                sizer=pages)
        run_gatherers(result, session, needed, navigations, stopped, later=pending)
    except BrowserError as exc:
        result.update(status="error", error=_short_error(exc))
    finally:
        if page is not None and pages is not None:
            with contextlib.suppress(Exception):
                page.remove_listener("framenavigated", count_navigation)
            # A page that went wrong takes its context with it; a good one is cleared for the next URL.
            pages.release(reusable=result["status"] == "ok" and not stopped() and not _all_failed(result, pending))
        elif page is not None:
            with contextlib.suppress(Exception):
                page.context.close()


def _load(page, url: str, load_ms: float) -> tuple[str | None, bool]:
    """Load ``url`` in ``page``, in two steps (the answer's type checked at the commit, then the load in the time
    left): (what went wrong, in words, or None; whether the page started a download while it loaded)."""
    started = time.perf_counter()
    answers: list = []     # the main document's answers as they came (a download's has no other way to us)
    downloads: list = []   # downloads the page started while it loaded (see _until_loaded)

    def answered(response) -> None:
        with contextlib.suppress(Exception):
            if response.request.is_navigation_request() and response.frame == page.main_frame:
                answers.append(response)

    def downloading(download) -> None:
        downloads.append(download)

    page.on("response", answered)
    page.on("download", downloading)
    try:
        try:
            response, error = _loading(lambda: page.goto(url, wait_until="commit", timeout=load_ms), load_ms)
        finally:
            page.remove_listener("response", answered)
        if error and error.startswith(DOWNLOAD_ERROR):
            # Chromium downloads what it does not show (a PDF in the headless shell, which has no viewer; any
            # type sent as an attachment): said as what it is, not as Playwright's "Download is starting".
            error = "not a web page: the browser downloads it"
            if answers:
                response, error = answers[-1], None
                ctype = _content_type(response)
                if response.status < 400 and (not ctype or ctype in WEB_PAGE_TYPES):
                    error = f"not a web page: the server sends it as a download ({ctype or 'no content type'})"
        if error:
            return error, False
        if response is not None and response.status >= 400:
            return f"HTTP {response.status} {response.status_text}".strip(), False
        ctype = _content_type(response)
        if ctype and ctype not in WEB_PAGE_TYPES:
            return f"not a web page ({ctype})", False
        _, error = _loading(lambda: _until_loaded(
            page, max(1.0, load_ms - (time.perf_counter() - started) * 1000), downloads), load_ms)
        return error, bool(downloads)
    finally:
        page.remove_listener("download", downloading)


def _content_type(response) -> str:
    """An answer's media type, lower case without parameters ("" for none, or no answer)."""
    return ((response.headers.get("content-type") if response is not None else "") or "").split(";")[0].strip().lower()


LOAD_STEP_MS = 250   # how often the wait for the load looks whether the page started a download meanwhile


def _until_loaded(page, timeout_ms: float, downloads: list) -> None:
    """Playwright's wait for the page's load; or, once the page has started a download (a script or a refresh that
    sends it to a PDF or an attachment, as a "your download will start" page does), until its own document is
    complete: Playwright then waits for the load of the navigation that became the download, which never comes.
    The page is then checked as the document it shows. Raises BrowserTimeout at ``timeout_ms``."""
    end = time.monotonic() + timeout_ms / 1000
    while True:
        left = (end - time.monotonic()) * 1000
        try:
            page.wait_for_load_state("load", timeout=max(1.0, min(left, LOAD_STEP_MS)))
            return
        except BrowserTimeout:
            if downloads and page.evaluate("document.readyState") == "complete":
                return
            if time.monotonic() >= end:
                raise


def _loading(step: Callable[[], Any], load_ms: float) -> tuple[Any, str | None]:
    """One step of loading a page: (what it returned, None), or (None, what went wrong, in words)."""
    try:
        return step(), None
    except BrowserTimeout:
        return None, f"the page did not finish loading within {load_ms / 1000:g} s"
    except BrowserError as exc:
        return None, _short_error(exc)


def run_gatherers(result: dict[str, Any], session, needed: set[str], navigations: list[int],
                  stopped: Callable[[], bool] = lambda: False, later: list | None = None,
                  put_back: bool = False) -> None:
    """Run every needed gatherer on the session's page, in ORDER, into result["artifacts"] and ["timings"];
    a page whose every check failed becomes an error. ``navigations`` counts the page's own navigations.

    A gatherer that returns a :class:`Later` (work going on outside the browser) is finished after the others:
    here, or, when the caller passes a ``later`` list, by the caller's :func:`finish_gathering` (after it has
    let go of the page, so the work overlaps that too). The last gatherer may leave the page at another size (a
    reused page gets its own back as it is cleared); ``put_back``: the page goes on being used (a page lent by a
    team's test), so its own size is put back here and its answer to it waited for."""
    page, params = session.page, session.params
    pending: list = [] if later is None else later
    wanted = [m for m in gatherers() if m.NAME in needed or (m.NAME == "vision" and params.vision)]
    try:
        for module in wanted:   # work that goes on in the browser while the first gatherers run
            prepare = getattr(module, "prepare", None)
            if prepare is not None and not stopped():
                with contextlib.suppress(Exception):   # (its gather then does the work itself)
                    prepare(session)
        for module in wanted:
            if stopped():  # past the time limit: the page is gone, the rest would only fail slowly
                break
            t0 = time.perf_counter()
            before = navigations[0]
            try:
                if not getattr(module, "OWN_VIEWPORT", False):   # the last gatherer may have left another size
                    session.set_viewport(session.base_viewport())
                _store(result, module.NAME, module.gather(session), pending)
            except Exception as exc:
                result["artifacts"][module.NAME] = {"error": _short_error(exc)}
                # The page moved on by itself in the middle of this check (a redirect after load, a
                # reload): check again, once, where it landed. (A short wait first lets the navigation
                # event that may have caused the failure arrive.)
                with contextlib.suppress(Exception):
                    page.wait_for_timeout(50)
                if navigations[0] != before and not stopped() and not page.is_closed():
                    settle(page)
                    try:
                        session.set_viewport(session.base_viewport())
                        _store(result, module.NAME, module.gather(session), pending)
                    except Exception as again:
                        result["artifacts"][module.NAME] = {"error": _short_error(again)}
            result["timings"][module.NAME] = round(time.perf_counter() - t0, 4)
        if put_back and not stopped():
            with contextlib.suppress(Exception):
                session.back_to_own_size()
    except BaseException:
        finish_gathering(result, pending, navigations, cancel=True)
        raise
    finally:
        session.close()
    if later is None:
        finish_gathering(result, pending, navigations, cancel=stopped())


def _store(result: dict[str, Any], name: str, artifact: Any, pending: list) -> None:
    if isinstance(artifact, Later):
        pending.append((name, artifact))
        artifact = {"error": "not finished"}   # until finish_gathering
    result["artifacts"][name] = artifact


def _all_failed(result: dict[str, Any], pending: list) -> list[str]:
    """The errors of the finished checks when every one of them failed (none: some gave an artifact)."""
    waiting = {name for name, _ in pending}
    done = [v for k, v in result["artifacts"].items() if k not in waiting]
    failed = [v["error"] for v in done if isinstance(v, dict) and set(v) == {"error"}]
    return failed if done and len(failed) == len(done) else []


def finish_gathering(result: dict[str, Any], pending: list, navigations: list[int], cancel: bool = False,
                     timeout: float | None = None) -> None:
    """Collect the gatherers' :class:`Later` artifacts (or stop them, ``cancel``), waiting ``timeout`` seconds at
    most in all (None: as long as each takes), then make a page whose every check failed an error."""
    deadline = None if timeout is None else time.perf_counter() + timeout
    while pending:
        name, later = pending.pop(0)
        t0 = time.perf_counter()
        left = None if deadline is None else deadline - t0
        if cancel or (left is not None and left <= 0):
            with contextlib.suppress(Exception):
                later.cancel()
            result["artifacts"][name] = {"error": "stopped before it finished" if cancel else
                                         "not finished within the page's time limit"}
            continue
        try:
            result["artifacts"][name] = later.result(left)
        except Exception as exc:
            result["artifacts"][name] = {"error": _short_error(exc)}
        result["timings"][name] = round(result["timings"].get(name, 0.0) + time.perf_counter() - t0, 4)
    if cancel or result["status"] != "ok":
        return
    failed = _all_failed(result, [])
    if failed:
        why = (f"the page navigated or reloaded itself {navigations[0]} time{'s' if navigations[0] != 1 else ''} "
               "while it was checked" if navigations[0] else failed[0])
        result.update(status="error", error=f"no check could run on this page: {why}")


def _short_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    if "Target crashed" in first:
        return "the browser's page process crashed (the page may use too much memory)"
    return first.replace("Page.goto: ", "").replace("Page.wait_for_load_state: ", "")[:300]



def audit_urls(urls: list[str], personas: list[Persona], options: RunOptions,
               progress: Callable[[int, int, str, dict], None] | None = None, concurrency: int = 1,
               run_findings: bool = True) -> list[dict[str, Any]]:
    """Audit each URL; a page that fails is reported as that page's error and the rest go on.

    With concurrency > 1, that many workers each drive their own browser (Playwright's sync API is
    bound to one thread); results come back in the order of ``urls``. ``run_findings=False`` leaves out the
    checks that compare the run's pages (the caller runs :func:`add_run_findings` on the groups it means).
    """
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
                    worker_page(browser, options) as pages:
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



def in_own_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a thread of its own (with its own Playwright) and return its result or raise its error."""
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
