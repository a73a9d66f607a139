"""What every gatherer is, and the session it works in.

A gatherer lives in ``auditor/gatherers/<name>.py`` and defines::

    NAME = "tabwalk"        # the key of its artifact
    ORDER = 40              # gatherers run in ascending ORDER on the same page (those that move focus
                            # or change the page run late; axe and DOM facts run first)
    def gather(session: GatherSession) -> dict: ...   # plain JSON only (or a ``Later``, see below)

and may define ``prepare(session) -> None``: called once the page has settled, before the first gatherer, for
browser work that can go on while the first gatherers run (commands sent with ``session.browser.send_soon``,
kept in ``session.prepared[NAME]`` for its ``gather``; vision's first shot, shortcuts' page objects). It must not
change the page. ``OWN_VIEWPORT = True``: the
gatherer sets the viewport it needs itself (the engine otherwise puts the page's own size back before it).

Gatherers never import Playwright: they call methods on the page objects the session hands them.
A gatherer that raises is recorded as ``{"error": "..."}`` and the others go on; probes skip it.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable

from auditor.browser import Browser, ContextOptions, document_preload
from auditor.browser import preloaded as preloaded_in
from auditor.gatherers.pagejs import page_script


def common_js() -> str:
    """The shared page-side helpers (window.__elab: selector, box, visible, snippet, text)."""
    return page_script("common")


_WITH_COMMON: dict[str, str] = {}

# True when the built-ins the page scripts (and Playwright's own evaluation) lean on are still the browser's.
# A page that replaced one of them gets the scripts in an isolated world instead (GatherSession.run_js).
_PRISTINE_CHECK = page_script("pristine")

# A measurement after a resize waits at most this long for the page's own answer to the new size: its resize and
# media query listeners, ResizeObserver callbacks, and the short timers and animation frames they start, which
# the browser layer's init script records (js/quiet.js); js/common.js's settle waits for them.
SETTLE_MS = 1000
ANSWERS_RESIZE = "answers_resize"   # ``remember``ed by the layout gatherer: the page answered one by script
_ANSWERED_JS = "(arg) => window.__elab.settle(arg.size, arg.cap, arg.moved, arg.framed)"   # (preloaded below)


def with_common(script: str) -> str:
    """``script`` (a JS function expression) wrapped so that it first installs window.__elab if missing."""
    wrapped = _WITH_COMMON.get(script)
    if wrapped is None:
        wrapped = f"(arg) => {{ {common_js()}\n; return ({script})(arg); }}"
        _WITH_COMMON[script] = wrapped
    return wrapped


_AS_JSON: dict[str, str] = {}


def as_json(script: str) -> str:
    """``with_common(script)`` whose result (or promised result) comes back as one JSON string.

    Playwright's ``evaluate`` serialises a returned object in page script, node by node, which costs more than
    the checks themselves for big results (axe's: 125 ms against 59 ms as JSON); ``JSON.stringify`` is native.
    Only for pages whose built-ins are the browser's own (``GatherSession._tampered``).
    The argument comes as one JSON string too (``run_js``): Playwright's serialisation of a big argument costs
    as much (the element paths of 270 nodes: 18 ms against 2 ms as a string)."""
    wrapped = _AS_JSON.get(script)
    if wrapped is None:
        wrapped = (f"(text) => {{ const r = ({with_common(script)})(text === undefined ? undefined : JSON.parse(text));"
                   " return r && typeof r.then === 'function' ? r.then((v) => JSON.stringify(v)) : JSON.stringify(r); }")
        _AS_JSON[script] = wrapped
    return wrapped


_PRELOADED: dict[str, str] = {}   # a page script marked by ``preloaded`` -> its key in ``preload_script``

# run_js's call of a preloaded script: false where the document has no copy of it (it is then sent as before).
_RUN_PRELOADED = "(a) => typeof window.__elabRun === 'function' ? window.__elabRun(a[0], a[1]) : false"


def preloaded(script: str) -> str:
    """Mark ``script`` (a function expression for ``GatherSession.run_js``, a module constant) as one that every
    document of a worker's reused page holds from the start (``preload_script``): ``run_js`` then sends its key
    instead of its text (tens of KB sent and compiled again for each page otherwise). Returns ``script``."""
    _PRELOADED.setdefault(script, f"s{len(_PRELOADED)}")
    return script


def preload_script() -> str:
    """An init script for a worker's reused page (``ReusedPage``'s ``preloads``): in every top-level document
    (not about:blank, not frames), before the page's own scripts run, the scripts marked ``preloaded`` as
    functions not yet run, behind one hidden property the page cannot replace (``window.__elabRun(key, text)``).
    Called once the gatherer modules are imported (the engine's ``worker_page``)."""
    # (The table is a frozen object of no prototype and the lookup a function taken before the page's scripts
    # ran: a page that changes Object, Function.prototype.call or the prototypes cannot reach the table.)
    entries = ",\n".join(f"{json.dumps(key)}: {as_json(script)}" for script, key in _PRELOADED.items())
    table = ("const scripts = Object.freeze(Object.assign(Object.create(null), {\n" + entries + "\n}));\n"
             "const has = Object.hasOwn;")
    lookup = "Object.freeze((key, text) => (has(scripts, key) ? scripts[key](text) : false))"
    return document_preload("__elabRun", lookup, table)


preloaded(_ANSWERED_JS)


class Later:
    """What ``gather`` returns when the browser's part of its work is done but the rest goes on outside the
    browser (the images-of-text check's OCR runs in a process of its own): the engine runs the next gatherers
    and loads the next page's blank meanwhile, and calls ``result()`` for the artifact once the page no longer
    needs the browser (its wait is added to the gatherer's time). ``result(timeout)`` returns the plain-JSON
    artifact or raises (recorded as the gatherer's error, as ``gather`` raising is) and waits at most ``timeout``
    seconds (None: no limit but its own; the engine gives what is left of the page's time limit); ``cancel``
    stops the work when the page is given up (the time limit, an error) and must not raise."""

    def __init__(self, result: Callable[[float | None], dict], cancel: Callable[[], None] = lambda: None):
        self.result = result
        self.cancel = cancel


@dataclass
class GatherParams:
    """The union of the selected personas' audit settings: what to gather once for all of them."""

    viewport_widths: tuple[int, ...] = (320,)
    zoom_levels: tuple[int, ...] = (200, 400)
    vision: tuple[str, ...] = ()           # Chromium vision deficiencies to screenshot under
    screenshots: bool = True               # evidence crops and vision screenshots for reports
    max_tab_stops: int = 200
    gatherers: tuple[str, ...] = ()        # empty: all


@dataclass
class GatherSession:
    browser: Browser
    url: str
    page: Any                              # the main page: 1280x800, loaded and settled
    params: GatherParams = field(default_factory=GatherParams)
    base_options: ContextOptions = field(default_factory=ContextOptions)
    _opened: list = field(default_factory=list)
    prepared: dict = field(default_factory=dict)    # NAME -> what the gatherer's ``prepare`` started
    sizer: Any = None   # the worker's reused page, which lays the main page out at other sizes (ReusedPage.resize)

    _cdp: Any = None                       # the main page's shared CDP session (see ``cdp``)
    _tamper_checked: dict = field(default_factory=dict)   # (id(page), url) -> the page replaced built-ins
    _worlds: dict = field(default_factory=dict)           # (id(page), url) -> isolated world's context id
    _page_cdp: dict = field(default_factory=dict)         # id(page) -> CDP session of an opened page
    _reads: dict = field(default_factory=dict)            # (url, key) -> a read of the main page (``remember``)

    def remember(self, key: str, value: Any) -> None:
        """Keep a large read of the main page (e.g. CDP's DOM or accessibility tree) for a later gatherer on the
        same page, which must check it still matches (the page may have changed since)."""
        self._reads[(self.page.url, key)] = value

    def recall(self, key: str) -> Any:
        return self._reads.get((self.page.url, key))

    def run_js(self, page, script: str, arg: Any = None) -> Any:
        """Evaluate a page-side script (a function expression) with window.__elab available.

        One round trip: the helpers are installed by the same evaluation when the document lacks them.
        On a page that replaced built-ins our scripts rely on (Array.prototype, JSON, Promise,
        querySelectorAll...), which would make them fail or quietly return nonsense, the script runs in an
        isolated world instead: the same DOM, the browser's own built-ins, none of the page's script.
        The result is plain JSON (it travels as one JSON string: see ``as_json``).
        """
        if not self._tampered(page):
            try:
                text_arg = None if arg is None else json.dumps(arg, allow_nan=False)
                key = _PRELOADED.get(script)
                text = False
                if key is not None and preloaded_in(page, "scripts"):   # the document's own copy: no script text sent
                    text = page.evaluate(_RUN_PRELOADED, [key, text_arg])
                if text is False:
                    text = page.evaluate(as_json(script), text_arg)
                return None if text is None else json.loads(text)
            except Exception as exc:
                if page.is_closed() or "crash" in str(exc).lower() or "closed" in str(exc).lower():
                    raise
                first = exc
            try:  # broken in a way the check did not see: one more try where the page's script cannot reach
                return self._isolated(page, script, arg)
            except Exception:
                raise first from None
        return self._isolated(page, script, arg)

    def note_tampered(self, page, tampered: bool, url: str | None) -> None:
        """What a gatherer's own evaluation found when it ran the check ``run_js`` makes once per page and URL
        (js/pristine.js, at the same moment: the axe gatherer runs it in axe's evaluation), so that ``run_js``
        need not ask again. ``url``: the document's own address as the evaluation read it; kept only if the page
        still shows it (a page that moved on meanwhile is asked afresh)."""
        if url is not None and url == page.url:
            self._tamper_checked[(id(page), url)] = tampered

    def _tampered(self, page) -> bool:
        """Whether the page replaced built-ins our page scripts use (asked once per page and URL)."""
        key = (id(page), page.url)
        known = self._tamper_checked.get(key)
        if known is None:
            try:
                known = not page.evaluate(_PRISTINE_CHECK)
            except Exception as exc:
                if page.is_closed():
                    raise
                known = "crash" not in str(exc).lower()
            self._tamper_checked[key] = known
        return known

    def _isolated(self, page, script: str, arg: Any) -> Any:
        """Run the script in an isolated world of the page's main frame (CDP ``Page.createIsolatedWorld``).
        The world is kept for the page and URL, so state a script leaves in it (window.__elab...) is there
        for the next call, as in the page's own world."""
        if page is self.page:
            cdp = self.cdp()
        else:
            cdp = self._page_cdp.get(id(page))
            if cdp is None:
                cdp = self._page_cdp[id(page)] = self.browser.cdp(page)
        expression = f"({with_common(script)})({json.dumps(arg)})"
        key = (id(page), page.url)
        for attempt in (1, 2):
            world = self._worlds.get(key)
            if world is None:
                frame_id = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
                world = self._worlds[key] = cdp.send("Page.createIsolatedWorld", {
                    "frameId": frame_id, "worldName": "empathy-lab", "grantUniveralAccess": True})["executionContextId"]
            try:
                answer = cdp.send("Runtime.evaluate", {"expression": expression, "contextId": world,
                                                       "awaitPromise": True, "returnByValue": True})
            except Exception:
                self._worlds.pop(key, None)
                if attempt == 2 or page.is_closed():  # the world went with a reload: make a new one, once
                    raise
                continue
            if "exceptionDetails" in answer:
                detail = answer["exceptionDetails"]
                raise RuntimeError("page script failed in an isolated world: "
                                   + str((detail.get("exception") or {}).get("description")
                                         or detail.get("text", ""))[:300])
            return (answer.get("result") or {}).get("value")
        return None

    def open(self, options: ContextOptions, wait_until: str = "load"):
        """The same URL in a fresh context with other settings (narrow viewport, zoom...); closed with the
        session."""
        merged = ContextOptions(**{**vars(self.base_options), **{k: v for k, v in vars(options).items()
                                                                  if v != getattr(ContextOptions(), k)}})
        page = self.browser.new_page(merged)
        self._opened.append(page)
        page.goto(self.url, wait_until=wait_until)
        settle(page)
        return page

    def base_viewport(self) -> dict:
        """The main page's own size (CSS px), at which every gatherer starts."""
        return {"width": self.base_options.width, "height": self.base_options.height}

    def viewport(self) -> dict:
        """The size (CSS px) the main page is laid out at now."""
        if self.sizer is not None:
            return self.sizer.size()
        return dict(self.page.viewport_size or self.base_viewport())

    def set_viewport(self, size: dict, then: list[tuple[str, dict]] | tuple = ()) -> list:
        """Lay the main page out at ``size``. A gatherer does not put the size back when it is done: the engine
        does, before the next gatherer, so the last one's size costs no relayout (25-40 ms on a big page) and
        the page is reset at about:blank instead (``ReusedPage``). On a reused page the size is set through
        its own CDP session (``ReusedPage.resize``: no window resize); ask :meth:`viewport` for the size, not
        Playwright's ``page.viewport_size``.

        ``then``: CDP commands for the main page once it is at ``size``; returns their answers. On a reused page
        they go in the resize's own round trip (``ReusedPage.resize``), otherwise on :meth:`cdp` after it."""
        if self.sizer is not None:
            return self.sizer.resize(size, then)
        if self.page.viewport_size != size:
            self.page.set_viewport_size(size)
        return self.browser.send_many(self.cdp(), list(then)) if then else []

    def settle(self, size: dict, moved: bool) -> dict:
        """Wait until the main page has answered its viewport's change to ``size`` (``moved``: it was another size
        before), at most SETTLE_MS: {"ms", "frames", "settled", "answered"} (js/common.js's settle)."""
        return self.run_js(self.page, _ANSWERED_JS, {"size": size, "cap": SETTLE_MS, "moved": moved,
                                                     "framed": self.framed()})

    def back_to_own_size(self) -> None:
        """Lay the main page out at its own size again where the last gatherer left it at another, and wait for the
        page's answer to that (``settle``): for work that goes on with the page as a person sees it (keys pressed
        on it, a team's test that lent it)."""
        own = self.base_viewport()
        if self.viewport() != own:
            self.set_viewport(own)
            self.settle(own, True)

    def framed(self) -> bool:
        """Whether the main page holds frames (Playwright's own view, no round trip: also those in shadow trees,
        which the window's frame count leaves out): their scripts may answer a change of their own size, so the
        wait after a resize does not skip its frame (js/common.js's settle)."""
        try:
            return len(self.page.frames) > 1
        except Exception:
            return True

    def cdp(self, page=None):
        """A CDP session. For the main page (no ``page`` given) it is one session shared by every gatherer
        and closed with the GatherSession: do not detach it; put back any emulation you change."""
        if page is not None and page is not self.page:
            return self.browser.cdp(page)
        if self._cdp is None:
            self._cdp = self.browser.cdp(self.page)
        return self._cdp

    def close(self) -> None:
        for started in self.prepared.values():   # (what a gatherer that never ran left waiting)
            with contextlib.suppress(Exception):
                started.cancel()
        self.prepared.clear()
        for cdp in [self._cdp, *self._page_cdp.values()]:
            if cdp is None:
                continue
            with contextlib.suppress(Exception):
                cdp.detach()
        self._cdp = None
        self._page_cdp.clear()
        self._worlds.clear()
        self._tamper_checked.clear()
        self._reads.clear()
        for page in self._opened:
            with contextlib.suppress(Exception):
                page.context.close()
        self._opened.clear()


# Waits for the page's web fonts (at most 500 ms), then reads the document's title with the browser's own getter
# (a page's own ``document.title`` property cannot stand in for it).
_SETTLE = ("() => { const title = () => { try { const t = Object.getOwnPropertyDescriptor(Document.prototype, 'title')"
           ".get.call(document); return typeof t === 'string' ? t : null; } catch (e) { return null; } };"
           " return document.fonts ? Promise.race([document.fonts.ready, new Promise(r => setTimeout(r, 500))])"
           ".then(title) : title(); }")


def settle(page, timeout_ms: int = 3000) -> str | None:
    """Wait briefly for web fonts and late layout; never longer than timeout_ms. Returns the page's title, read
    in the same evaluation (Playwright's ``page.title()`` is a round trip of its own and the first use of its
    utility world on the document: 4-9 ms a page), or None when the evaluation failed."""
    with contextlib.suppress(Exception):
        page.wait_for_load_state("load", timeout=timeout_ms)
    try:
        title = page.evaluate(_SETTLE)
    except Exception:
        return None
    return title if isinstance(title, str) else None
