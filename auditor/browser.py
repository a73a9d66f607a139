"""The browser layer: the only module in Empathy Lab that imports Playwright.

Everything else (gatherers, scenario runs, the kiosk's live view) receives the objects this module hands out
and calls their methods; nobody else imports ``playwright``. A browser is found automatically:

1. an explicit path (``--browser PATH`` or the ``EMPATHY_LAB_BROWSER`` environment variable);
2. Playwright's own Chromium, when ``playwright install chromium`` has been run (Playwright runs headless
   pages in its own headless shell);
3. for headless pages (the auditor's), Chromium's headless shell where the system has one (Debian's
   ``chromium-headless-shell``): the same Blink, V8 and DevTools protocol without the desktop browser's
   layers, which makes the audit of a GDS page 21-29% faster (docs/benchmarks.md, twelfth session);
4. the system's Chromium (Debian's ``/usr/bin/chromium``, ``chromium-browser``, Google Chrome).

When none is there, :class:`~auditor.errors.AuditCannotRun` says what to install (exit code 3).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import json
import os
import shutil
import signal
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as _PlaywrightError
from playwright.sync_api import TimeoutError as _PlaywrightTimeout
from playwright.sync_api import sync_playwright

from auditor.errors import AuditCannotRun
from auditor.gatherers.pagejs import page_script

# Re-exported so that callers can catch browser failures without importing Playwright.
BrowserError = _PlaywrightError
BrowserTimeout = _PlaywrightTimeout

# No --disable-features or --enable-features here: Chromium keeps only the last of each switch, and Playwright
# passes its own lists first (beforeunload checks, paint holding, HTTPS upgrades, storage partitioning...), so
# one here would silently replace them (tests/unit/test_lent_browser.py holds this).
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--font-render-hinting=none",
]

SYSTEM_BROWSERS = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
]

# Chromium's headless shell: what Playwright launches for headless pages of its own Chromium, packaged by Debian
# as chromium-headless-shell. It has no window, no PDF viewer (a PDF is a download: the engine says "not a web
# page" all the same) and no headed mode (the kiosk's view keeps the full browser: Browser(shell=False)).
HEADLESS_SHELLS = [
    "/usr/bin/chromium-headless-shell",
    "/usr/bin/chrome-headless-shell",
]

INSTALL_HINT = (
    "no Chromium found. On Debian/Ubuntu run 'sudo apt-get install -y chromium' (or 'make demo', which does it); "
    "elsewhere run '.venv/bin/playwright install chromium', or give a browser with --browser PATH"
)


def find_browser(explicit: str | os.PathLike | None = None, playwright: Any = None, shell: bool = False) -> str | None:
    """Return the executable to launch, or None to use Playwright's own Chromium. ``shell``: the pages will be
    headless, so a headless shell the system has comes before its full Chromium.

    Raises AuditCannotRun when nothing usable is installed.
    """
    explicit = explicit or os.environ.get("EMPATHY_LAB_BROWSER")
    if explicit:
        path = Path(explicit)
        if not path.exists():
            found = shutil.which(str(explicit))
            if not found:
                raise AuditCannotRun(f"browser: {explicit}: no such file")
            path = Path(found)
        if not os.access(path, os.X_OK):
            raise AuditCannotRun(f"browser: {path}: not executable")
        return str(path)
    if playwright is not None:
        try:
            own = Path(playwright.chromium.executable_path)
        except Exception:  # pragma: no cover - Playwright without a registry entry
            own = None
        if own is not None and own.exists():
            return None
    found = (shell and _installed(HEADLESS_SHELLS, ("chromium-headless-shell", "chrome-headless-shell"))) \
        or _installed(SYSTEM_BROWSERS, ("chromium", "chromium-browser", "google-chrome"))
    if found:
        return found
    raise AuditCannotRun(INSTALL_HINT)


def _installed(paths: list[str], names: tuple[str, ...]) -> str | None:
    """The first of ``paths`` that can be run, else the first of ``names`` on PATH."""
    for candidate in paths:
        if os.access(candidate, os.X_OK):
            return candidate
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class ContextOptions:
    """How a page is opened: the persona's viewport, zoom and preferences."""

    width: int = 1280
    height: int = 800
    device_scale_factor: float = 1.0
    reduced_motion: str | None = None  # "reduce" or "no-preference"
    locale: str = "en-GB"
    extra_http_headers: dict[str, str] | None = None
    storage_state: str | None = None
    has_touch: bool = False


def _context_kwargs(o: ContextOptions) -> dict[str, Any]:
    """Playwright's new_context arguments for a page opened the audit's way."""
    kwargs: dict[str, Any] = dict(
        viewport={"width": o.width, "height": o.height},
        device_scale_factor=o.device_scale_factor,
        locale=o.locale,
        accept_downloads=False,
        has_touch=o.has_touch,
        ignore_https_errors=True,
        service_workers="block",
    )
    if o.reduced_motion:
        kwargs["reduced_motion"] = o.reduced_motion
    if o.extra_http_headers:
        kwargs["extra_http_headers"] = o.extra_http_headers
    if o.storage_state:
        kwargs["storage_state"] = o.storage_state
    return kwargs


class LentBrowser:
    """The browser behind a page that someone else opened (a team's own Playwright test, through
    ``empathy_lab.check``): Empathy Lab starts and stops nothing; CDP sessions for its pages, and other pages
    (``GatherSession.open``) in fresh contexts of the same browser."""

    def __init__(self, page) -> None:
        self.page = page

    def cdp(self, page):
        return page.context.new_cdp_session(page)

    @staticmethod
    def send_many(cdp, commands: list[tuple[str, dict]], return_exceptions: bool = False) -> list:
        return Browser.send_many(cdp, commands, return_exceptions)

    @staticmethod
    def send_soon(cdp, commands: list[tuple[str, dict]], then: tuple = ()) -> "Sent":
        return Browser.send_soon(cdp, commands, then)

    def new_page(self, options: ContextOptions | None = None):
        browser = self.page.context.browser
        if browser is None:
            raise BrowserError("this page's browser cannot open another context (a persistent context)")
        context = browser.new_context(**_context_kwargs(options or ContextOptions()))
        context.add_init_script(script=QUIET_SCRIPT)
        page = context.new_page()
        page.on("dialog", _dismiss)
        return page


class Browser:
    """One Chromium for a whole run; a fresh context for each page and persona setting (or one page reused
    and cleared in between: :meth:`reused_page`).

    Use as a context manager::

        with Browser() as browser:
            with browser.page(ContextOptions(width=320)) as page:
                page.goto(url)
    """

    def __init__(self, executable: str | None = None, headless: bool = True, timeout_s: float = 30.0,
                 shell: bool = True):
        self.requested = executable
        self.headless = headless
        self.shell = shell and headless   # a headless shell may be used (see find_browser)
        self.timeout_ms = int(timeout_s * 1000)
        self._pw_manager = None
        self._pw = None
        self._browser = None
        self._killed = False   # set by kill_browser: Playwright's sync API notices the death only on its next call
        self.executable: str | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> "Browser":
        self._pw_manager = sync_playwright()
        self._pw = self._pw_manager.start()
        try:
            self.executable = find_browser(self.requested, self._pw, shell=self.shell)
            self._launch()
        except BaseException:
            self.stop()
            raise
        return self

    def _launch(self) -> None:
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=self.executable,
                headless=self.headless,
                args=LAUNCH_ARGS,
                timeout=max(self.timeout_ms, 30000),
            )
        except _PlaywrightError as exc:
            where = self.executable or "Playwright's Chromium"
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise AuditCannotRun(f"browser: {where} would not start: {first}") from None

    def _close_browser(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(Exception):
                self._browser.close()
            self._browser = None

    def stop(self) -> None:
        self._close_browser()
        if self._pw is not None:
            with contextlib.suppress(Exception):
                self._pw.stop()
        self._pw_manager = None
        self._pw = None

    def __enter__(self) -> "Browser":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def alive(self) -> bool:
        return self._browser is not None and not self._killed and self._browser.is_connected()

    def restart(self) -> None:
        """Start a new Chromium after the old one died (or hung)."""
        self._close_browser()
        self._killed = False
        self._launch()

    # -- processes (for the per-page watchdog: plain os calls, safe from any thread) ------------------------
    def driver_pid(self) -> int | None:
        """The Playwright driver process this Browser started (Chromium runs beneath it)."""
        try:
            return self._pw_manager._client._transport._proc.pid  # private, so guarded
        except Exception:
            return None

    def _descendants(self) -> list[tuple[int, bytes]]:
        """(pid, command line) of every process beneath this browser's Playwright driver."""
        root = self.driver_pid() or os.getpid()
        children: dict[int, list[int]] = {}
        cmdlines: dict[int, bytes] = {}
        for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
                ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    cmdlines[int(entry)] = fh.read()
            except (OSError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        found, todo = [], [root]
        while todo:
            for child in children.get(todo.pop(), []):
                todo.append(child)
                found.append((child, cmdlines.get(child, b"")))
        return found

    def renderer_pids(self) -> list[int]:
        """Chromium renderer processes of this browser."""
        return [pid for pid, cmd in self._descendants() if b"--type=renderer" in cmd]

    def kill_renderers(self) -> int:
        """Stop every page of this browser at once (a hung or hostile page); the browser itself lives on."""
        return _kill(self.renderer_pids())

    def kill_browser(self) -> int:
        """The last resort: kill Chromium itself; every pending call fails and the next page restarts it."""
        self._killed = True
        return _kill([pid for pid, cmd in self._descendants() if b"chrom" in cmd and b"--type=" not in cmd])

    def watchdog(self, seconds: float) -> "Watchdog":
        return Watchdog(self, seconds)

    @property
    def version(self) -> str:
        return self._browser.version if self._browser else ""

    # -- contexts and pages ----------------------------------------------------------------------
    def new_context(self, options: ContextOptions | None = None):
        """A fresh, isolated context: dialogs dismissed, downloads refused, pop-ups closed."""
        if not self.alive:
            self.restart()
        kwargs = _context_kwargs(options or ContextOptions())
        try:
            context = self._browser.new_context(**kwargs)
        except _PlaywrightError:  # Chromium died since the last page (killed, or out of memory): start anew
            self.restart()
            context = self._browser.new_context(**kwargs)
        context.add_init_script(script=QUIET_SCRIPT)
        context.set_default_timeout(self.timeout_ms)
        context.set_default_navigation_timeout(self.timeout_ms)

        def _on_page(page):
            page.on("dialog", _dismiss)
            if len(context.pages) > 1:  # a pop-up or window.open: close it, the audit stays on its page
                with contextlib.suppress(Exception):
                    page.close()

        context.on("page", _on_page)
        return context

    def new_page(self, options: ContextOptions | None = None):
        """A page in its own fresh context; closing the page's context is the caller's job
        (or use :meth:`page`)."""
        context = self.new_context(options)
        page = context.new_page()
        page.on("dialog", _dismiss)
        return page

    def page(self, options: ContextOptions | None = None) -> "_PageScope":
        return _PageScope(self, options)

    def reused_page(self, options: ContextOptions | None = None, max_uses: int = 50,
                    preloads: dict[str, str] | None = None) -> "ReusedPage":
        """One page that a worker reuses from URL to URL, cleared in between (see :class:`ReusedPage`)."""
        return ReusedPage(self, options, max_uses, preloads)

    def cdp(self, page):
        """A Chrome DevTools Protocol session for the page (screencast, AX tree, emulation)."""
        return page.context.new_cdp_session(page)

    @staticmethod
    def send_many(cdp, commands: list[tuple[str, dict]], return_exceptions: bool = False) -> list:
        """Send (method, params) commands on one CDP session without waiting for each answer before sending
        the next (Chromium handles them in order); returns their answers (with ``return_exceptions``, a command
        that failed gives its exception in its place instead of raising it). One round trip
        from Python instead of one per command: 20 Tab presses as key events take ~80 ms this way against
        0.6-1.6 s one by one on a loaded machine. Uses the session's asynchronous side, which the sync API
        hides; where that is not there (another Playwright), the commands are sent one at a time."""
        sync = _sync_of(cdp)
        if sync is not None:
            async def all_at_once() -> list:
                return list(await _gather(cdp, commands, return_exceptions))

            return sync(all_at_once())
        answers: list = []
        for method, params in commands:
            try:
                answers.append(cdp.send(method, params))
            except Exception as exc:
                if not return_exceptions:
                    raise
                answers.append(exc)
        return answers

    @staticmethod
    def send_soon(cdp, commands: list[tuple[str, dict]], then: tuple = ()) -> "Sent":
        """Send (method, params) commands on one CDP session and return at once: they go out with the next
        Playwright call and Chromium works on them while that call and the ones after it run (a screenshot's
        frames are drawn while a script runs). :meth:`Sent.answers` waits for the answers (each an answer or
        the exception it failed with). ``then``: steps that need the answers before them (an isolated world
        needs the frame's id, a script in it the world's id): each a function of the last step's answers that
        returns the next step's commands (none: stop there), sent as soon as those answers arrive;
        ``answers`` then gives the last step's answers. Where the session's asynchronous side is not there
        (another Playwright), the commands are sent here, one at a time, and nothing overlaps."""
        return Sent(cdp, commands, then)

    @staticmethod
    def pump(page) -> "EventPump":
        """An :class:`EventPump` for the page: lets Playwright deliver its events (see there)."""
        return EventPump(page)


def _sync_of(cdp):
    """The sync API's way of running a coroutine on Playwright's loop for this CDP session, where its
    asynchronous ``send(method, params, timeout)`` is there too (the private side the sync API hides); else None."""
    send, sync = getattr(getattr(cdp, "_impl_obj", None), "send", None), getattr(cdp, "_sync", None)
    if send is None or sync is None or len(inspect.signature(send).parameters) != 3:
        return None
    return sync


def _gather(cdp, commands: list[tuple[str, dict]], return_exceptions: bool):
    """All the commands sent at once on the session's asynchronous side (see :func:`_sync_of`)."""
    send = cdp._impl_obj.send
    return asyncio.gather(*(send(method, params, None) for method, params in commands),
                          return_exceptions=return_exceptions)


def _steps(commands: list[tuple[str, dict]], then: tuple):
    """A ``send_soon``'s steps, as a generator: yields each step's commands, is sent their answers, and returns
    the last step's answers (or ``[exception]`` where a step could not be built); the same walk whether the
    commands go out on Playwright's asynchronous side or one at a time."""
    answers = yield commands
    for step in then:
        try:
            following = step(answers)
        except Exception as exc:
            return [exc]
        if not following:
            break
        answers = yield following
    return answers


class Sent:
    """Commands sent by :meth:`Browser.send_soon`, their answers still to come."""

    def __init__(self, cdp, commands: list[tuple[str, dict]], then: tuple = ()) -> None:
        self._sync, loop = _sync_of(cdp), getattr(cdp, "_loop", None)
        self._task = None
        self._answers: list | None = None
        steps = _steps(commands, then)
        if self._sync is not None and loop is not None and not loop.is_closed():
            async def all_at_once() -> list:
                sending = next(steps)
                while True:
                    answers = list(await _gather(cdp, sending, True))
                    try:
                        sending = steps.send(answers)
                    except StopIteration as done:
                        return done.value

            self._task = loop.create_task(all_at_once())
        else:
            sending = next(steps)
            while True:
                answers = Browser.send_many(cdp, sending, return_exceptions=True)
                try:
                    sending = steps.send(answers)
                except StopIteration as done:
                    self._answers = done.value
                    break

    def answers(self) -> list:
        """The commands' answers, in order (an exception in place of a command that failed)."""
        if self._answers is None and self._task is not None:
            self._answers = self._sync(self._task)
        return self._answers or []

    def cancel(self) -> None:
        """Not wanted after all: the answers are dropped (commands already in Chromium still run there)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None
        self._answers = []


class EventPump:
    """Lets Playwright deliver the events waiting for a page (CDP events such as screencast frames,
    navigations): ``run(seconds)`` returns when the time is up or as soon as an event handler called
    :meth:`wake`.

    With the sync API, events are only handled while a Playwright call runs. ``page.wait_for_timeout`` would
    do, but each call is a round trip to Playwright's driver process (Python and node both wake up for it);
    this runs Playwright's own event loop here, which handles whatever the driver has sent and costs neither
    process anything while nothing arrives. Where the sync API is not the one this was written against (it
    uses the private ``_sync``), it falls back to ``wait_for_timeout``, and ``wake`` does nothing.
    """

    def __init__(self, page) -> None:
        self.page = page
        sync = getattr(page, "_sync", None)
        try:
            self._sync = sync if sync is not None and len(inspect.signature(sync).parameters) == 1 else None
        except (TypeError, ValueError):
            self._sync = None
        self._waiter: asyncio.Future | None = None

    def run(self, seconds: float) -> None:
        if self._sync is None:
            self.page.wait_for_timeout(max(1, round(seconds * 1000)))
            return

        async def wait() -> None:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await asyncio.wait({self._waiter}, timeout=seconds)
            finally:
                self._waiter = None

        self._sync(wait())

    def wake(self) -> None:
        """Called from an event handler (Playwright's thread): end the current ``run`` now."""
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)


def _kill(pids: list[int]) -> int:
    killed = 0
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except OSError:
            pass
    return killed


class Watchdog:
    """Stops a page whose work is not done in time, so that Playwright calls fail at once instead of hanging
    (an infinite loop in page script would otherwise block an evaluate forever).

    At the limit it kills the browser's renderers (page calls then fail with "Target crashed"); if the work
    is still not over ``grace`` seconds later (a CDP call to a dead target never answers), it kills Chromium,
    which fails every pending call; the next page starts a new Chromium.
    """

    def __init__(self, browser: Browser, seconds: float, grace: float = 5.0):
        self.browser = browser
        self.fired = False
        self.killed_browser = False
        self._done = threading.Event()
        self._seconds = seconds
        self._grace = grace
        self._thread = threading.Thread(target=self._watch, daemon=True, name="page-watchdog")

    def _watch(self) -> None:
        if self._done.wait(self._seconds):
            return
        self.fired = True
        self.browser.kill_renderers()
        if self._done.wait(self._grace):
            return
        self.killed_browser = True
        self.browser.kill_browser()

    def __enter__(self) -> "Watchdog":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()


class _PageScope:
    def __init__(self, browser: Browser, options: ContextOptions | None):
        self.browser = browser
        self.options = options
        self._page = None

    def __enter__(self):
        self._page = self.browser.new_page(self.options)
        return self._page

    def __exit__(self, *exc) -> None:
        if self._page is not None:
            with contextlib.suppress(Exception):
                self._page.context.close()


class ReusedPage:
    """A worker's page, reused from URL to URL: a new page costs a new renderer process and a cold start of
    every script the audit injects (about 1 s a page on 2 cores), a reused one keeps both warm.

    Between two URLs :meth:`release` leaves nothing of the last page for the next to see: it goes to
    about:blank (the page's scripts stop), clears ``window.name`` and the history, every kind of storage of
    every origin a frame of the page showed (local and session storage, IndexedDB, caches, service workers),
    every cookie and permission, and puts the viewport back (:meth:`resize`). When a page went wrong (an error, a crash, the
    time limit) or the clearing itself fails, the context is thrown away and the next URL gets a fresh one;
    after ``max_uses`` pages it is renewed anyway, so that memory cannot creep. Contexts with a storage
    state (signed-in pages) are never reused: every page starts from the saved state.
    """

    def __init__(self, browser: Browser, options: ContextOptions | None, max_uses: int = 50,
                 preloads: dict[str, str] | None = None):
        self.browser = browser
        self.options = options or ContextOptions()
        # Init scripts every context it opens gets, by name (see :func:`preloaded`): axe-core's source
        # (:func:`axe_loader`) and whatever the caller adds (the gatherers' page scripts: the engine's worker_page)
        self.preloads = {"axe": axe_loader(), **(preloads or {})}
        self.max_uses = max(1, max_uses) if not self.options.storage_state else 1
        self.fresh_pages = 0    # contexts opened (for benchmarks and tests)
        self.clear_failures: list[str] = []   # why a clearing failed, newest last (for benchmarks and tests)
        self._page = None
        self._cdp = None
        self._context_id = ""   # the CDP id of the page's context (for Browser.resetPermissions)
        self._uses = 0
        self._origins: set[str] = set()
        self._size: dict | None = None   # the size :meth:`resize` laid the page out at (None: its own size)

    def get(self):
        """The page, clean and on about:blank (or a fresh one in a new context)."""
        if (self._page is None or self._page.is_closed() or self._uses >= self.max_uses
                or not self.browser.alive):
            self.discard()
            self._page = self.browser.new_page(self.options)
            self._page.on("framenavigated", self._remember_origin)
            # Through the page's own CDP session (its Page domain on: scripts for new documents run only then), not
            # the context's init scripts: Playwright hands those to every frame of another site too (a video or map
            # player's process would be sent the 800 KB, and parse it, for nothing); the page's session reaches its
            # own frames only, where the script's first test ends it.
            enabled, *answers = Browser.send_many(self._session(), [("Page.enable", {}), *(
                ("Page.addScriptToEvaluateOnNewDocument", {"source": source}) for source in self.preloads.values())],
                return_exceptions=True)
            _PRELOADS[self._page.context] = frozenset() if isinstance(enabled, BaseException) else frozenset(
                name for name, answer in zip(self.preloads, answers) if not isinstance(answer, BaseException))
            self.fresh_pages += 1
        self._uses += 1
        return self._page

    def size(self) -> dict:
        """The size (CSS px) the page is laid out at now."""
        return dict(self._size or {"width": self.options.width, "height": self.options.height})

    def resize(self, size: dict, then: list[tuple[str, dict]] | tuple = ()) -> list:
        """Lay the page out at ``size`` (CSS px) until :meth:`release` puts its own size back.

        The page's own CDP session sets the viewport and the screen as Playwright's ``set_viewport_size``
        sets them (``Emulation.setDeviceMetricsOverride``; the screen the size of the viewport), but without
        the ``Browser.setWindowBounds`` that goes with it, which resizes the headless window and makes the
        next frame drawn at the new size cost twice as much (measured on GDS pages: a viewport change 13-15 ms
        against 5-6, the capture after it 66-80 ms against 32-37). What the page sees is the same (its
        innerWidth/innerHeight, screen size, media queries, devicePixelRatio) but ``window.outerWidth`` and
        ``outerHeight``, which keep the window's size. The session is the page's own for its whole life: an
        override is undone when its session detaches. Playwright's ``page.viewport_size`` does not change;
        :meth:`size` says the size.

        ``then``: CDP commands for the page sent on the same session straight after the resize, in the same
        round trip (Chromium handles a session's commands in order: a screenshot asked for so is of a frame
        drawn at the new size); returns their answers."""
        if size == self.size():
            return Browser.send_many(self._session(), list(then)) if then else []
        answers = Browser.send_many(self._session(), [("Emulation.setDeviceMetricsOverride", self._metrics(size)),
                                                      *then], return_exceptions=True)
        if not isinstance(answers[0], BaseException):
            self._size = dict(size)
        failed = next((answer for answer in answers if isinstance(answer, BaseException)), None)
        if failed is not None:
            raise failed
        return answers[1:]

    def _metrics(self, size: dict) -> dict:
        """Playwright's own device metrics for a desktop page of ``size`` (its ``_updateViewport``)."""
        return {"width": size["width"], "height": size["height"], "mobile": False,
                "deviceScaleFactor": self.options.device_scale_factor or 1,
                "screenWidth": size["width"], "screenHeight": size["height"],
                "screenOrientation": {"angle": 0, "type": "landscapePrimary"}}

    def _session(self):
        """The page's own CDP session (opened once for the page's life)."""
        if self._cdp is None:
            self._cdp = self._page.context.new_cdp_session(self._page)
            self._context_id = self._cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
        return self._cdp

    def _remember_origin(self, frame) -> None:
        origin = _origin(frame.url)
        if origin:
            self._origins.add(origin)

    def release(self, reusable: bool = True) -> None:
        """Done with this URL: clear the page for the next, or throw its context away when ``reusable`` is
        false or the clearing fails."""
        if self._page is None:
            return
        if not reusable or self._uses >= self.max_uses:
            self.discard()
            return
        try:
            self._clear()
        except Exception as exc:
            self.clear_failures = [*self.clear_failures[-9:], f"{type(exc).__name__}: {exc}"[:300]]
            self.discard()

    def _clear(self) -> None:
        page = self._page
        for frame in page.frames:
            self._remember_origin(frame)
        page.goto("about:blank", wait_until="load", timeout=5000)
        if page.url != "about:blank" or len(page.context.pages) != 1:
            raise RuntimeError("the page would not leave")
        own_size = {"width": self.options.width, "height": self.options.height}
        resized = self._size not in (None, own_size)
        # One round trip for the page's clearing (window.name through CDP: Playwright's own evaluate waits
        # for its view of the new document's context, ~20-50 ms a page). Cookies and permissions go in the same
        # round trip instead of Playwright's clear_cookies and clear_permissions (two more, 7-10 ms a page):
        # Network.clearBrowserCookies on a page's session clears every cookie of the page's own context (its
        # storage partition: also other sites' and partitioned cookies) and no other context's;
        # Browser.resetPermissions names the context, as Playwright's clear_permissions does (without the id it
        # would reset the browser's default context). tests/browser/test_reused_pages.py holds both to it.
        answers = Browser.send_many(self._session(), [
            ("Runtime.evaluate", {"expression": "window.name = ''; window.name", "returnByValue": True}),
            ("Page.resetNavigationHistory", {}),
            *(("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
              for origin in sorted(self._origins)),
            ("Network.clearBrowserCookies", {}),
            ("Browser.resetPermissions", {"browserContextId": self._context_id}),
            *([("Emulation.setDeviceMetricsOverride", self._metrics(own_size))] if resized else [])])
        if answers[0].get("exceptionDetails") or (answers[0].get("result") or {}).get("value") != "":
            raise RuntimeError("window.name was not cleared")
        self._origins.clear()
        self._size = None
        if page.viewport_size != own_size:
            page.set_viewport_size(own_size)

    def discard(self) -> None:
        page, self._page, self._cdp, self._uses = self._page, None, None, 0
        self._context_id = ""
        self._size = None
        self._origins.clear()
        if page is not None:
            with contextlib.suppress(Exception):
                page.context.close()

    def __enter__(self) -> "ReusedPage":
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def _origin(url: str) -> str | None:
    from urllib.parse import urlsplit

    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


# Run in every document of an audited context before the page's own scripts (auditor/gatherers/js/quiet.js):
# dialogs and pop-ups answered inside the page, as if dismissed at once (a page that opens them in a loop would
# otherwise keep every call waiting on a round trip per dialog; the 'dialog' and 'page' handlers above stay for
# what slips past, such as a pop-up from a link with target=_blank); the long timers the page starts
# (window.__elabTimers, for the timers gatherer); the work the page does in answer to a change of its viewport's
# size (window.__elabSize, for the wait after a resize: common.js's settle).
QUIET_SCRIPT = page_script("quiet")


def _dismiss(dialog) -> None:
    try:
        if dialog.type == "beforeunload":  # leaving is always allowed: the audit (or the next URL) goes on
            dialog.accept()
        else:
            dialog.dismiss()
    except Exception:
        pass


def run_axe(page, tags: list[str] | None = None, cdp=None) -> dict:
    """Run axe-core on the page's main frame with the WCAG tags turned on explicitly.

    Returns axe's raw result (violations, incomplete, passes, inapplicable) as plain data. ``cdp``: a CDP
    session on the page to reuse (one is opened for the call otherwise). See :func:`run_axe_then`.

    axe-playwright-python's own ``Axe().run`` injects axe-core with Playwright's ``evaluate``, which sends the
    572 KB script with every page and compiles it afresh (it goes through ``eval``, whose cache lives and dies
    with the document). A worker's reused page (:class:`ReusedPage`) has it once for its whole context instead,
    in an init script (:func:`axe_loader`): each document it shows then holds axe-core's source, not yet run,
    and the run loads it there (no 572 KB on the wire a page: 18 ms a GDS page, the same findings). Any other
    page gets the script through CDP ``Runtime.evaluate``, which V8's compilation cache serves from page to
    page in a reused renderer. Either way axe then runs exactly as the library runs it; see :func:`bare_axe`
    for the library as shipped.
    """

    return run_axe_then(page, tags, cdp)[0]


# axe's run, and the caller's script on its result in the same evaluation (``run_axe_then``): the script's value
# (or null when it threw) travels in the same JSON string, next to axe's result. With ``loader`` axe-core is first
# loaded from the document's own copy of its source (``axe_loader``; null where the document has none), otherwise
# it is the axe-core injected just before.
_NO_AXE = "__elab-no-axe"   # the answer where the document holds no axe-core (no copy, or none injected)
_AXE_RUN_THEN = ("(arg) => { const axe = !arg.loader ? window.axe"
                 " : typeof window.__elabAxeLoad === 'function' ? window.__elabAxeLoad() : null;"
                 f" if (!axe) return '{_NO_AXE}';"
                 " return axe.run(document, arg.options).then((r) => { let then = null;"
                 " try { then = (%s)(r, arg.then); } catch (e) { then = null; }"
                 " return JSON.stringify({ result: r, then }); }); }")
_NO_THEN = "() => null"


_PRELOADS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # context -> names of its ReusedPage preloads


def preloaded(page, name: str) -> bool:
    """Whether ``page``'s context holds the init script ``name`` of a :class:`ReusedPage` (its ``preloads``): only
    there is what the script defines the audit's own (on any other page a property of that name is the page's)."""
    try:
        return name in _PRELOADS.get(page.context, ())
    except Exception:   # (a page without a context: a test's stand-in)
        return False


def document_preload(name: str, value: str, setup: str = "") -> str:
    """A script for new documents (a :class:`ReusedPage` preload) that, in a top-level document other than
    about:blank, runs ``setup`` and fixes ``window[name]`` to the JS expression ``value``: hidden from
    ``Object.keys``, and neither writable nor configurable, so the page's own scripts, which run after, cannot
    replace it. Frames and about:blank get nothing."""
    return ("if (window.top === window && location.href !== 'about:blank') {\n" + setup +
            f"\nObject.defineProperty(window, {json.dumps(name)}, {{configurable: false, enumerable: false,"
            " writable: false, value: " + value + "});\n}")


@functools.lru_cache(maxsize=1)
def axe_loader() -> str:
    """An init script that gives every top-level document of its context axe-core's source as a function, not yet
    run (``window.__elabAxeLoad``: hidden, and fixed before the page's own scripts run), which loads axe-core into
    the page's world when called and returns it: the 572 KB travel once for a context instead of with each page,
    and the page sees nothing of axe-core until the audit runs it (as when it is injected). Frames and about:blank
    get nothing (axe-core goes into a frame as before: see auditor/gatherers/axe.py)."""
    from axe_playwright_python.sync_playwright import Axe

    return document_preload("__elabAxeLoad", "function () {\n" + Axe().axe_script + "\n;return window.axe; }")


def run_axe_then(page, tags: list[str] | None = None, cdp=None, then: str | None = None,
                 then_arg: Any = None) -> tuple[dict, Any]:
    """:func:`run_axe`, and ``then`` (a JS function expression ``(result, then_arg) => value``, plain JSON) run on
    axe's raw result in the page's world as soon as axe is done, in the same evaluation: a read that belongs to
    the moment axe finished costs no round trip of its own. Returns (axe's raw result, the value); the value
    is None when ``then`` threw, when there is no ``then``, and when axe had to run in an isolated world
    (the page broke it in its own: ``then`` is not run there)."""
    options = _axe_options(tags)
    script = _AXE_RUN_THEN % (then or _NO_THEN)
    arg = {"options": options, "then": then_arg}
    try:
        # As a JSON string: Playwright's own serialiser walks a big result object in page script (measured
        # 125 ms against 59 ms for the same run returned as JSON, median of 15 pages)
        # (only where the audit put the copy there: on another page a property of that name is the page's own)
        text = page.evaluate(script, {**arg, "loader": True}) if preloaded(page, "axe") else _NO_AXE
        if text == _NO_AXE:   # the document has no copy of axe-core's source (axe_loader): it goes in now
            _inject_axe(page, cdp)
            text = page.evaluate(script, {**arg, "loader": False})
            if text == _NO_AXE:
                raise _PlaywrightError("axe-core did not load in the page")
        both = json.loads(text)
        if isinstance(both, dict) and "result" in both:
            return both["result"], both.get("then")
        return both, None   # (a page whose JSON.stringify answers something else: what it answered, as before)
    except _PlaywrightError as exc:
        if page.is_closed() or "crashed" in str(exc).lower():
            raise
        first = exc
    # The page broke axe in its own world (it replaced Array.prototype, JSON or querySelectorAll, say): run
    # axe again in an isolated world, which shares the page's DOM but none of its script.
    try:
        return _run_axe_isolated(page, options), None
    except Exception:
        raise first from None


def bare_axe(page, tags: list[str] | None = None) -> dict:
    """axe-core through axe-playwright-python exactly as a team would call it (the library injects axe on each
    page itself), with the same tags and result types as :func:`run_axe`: the benchmarks' yardstick."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=_axe_options(tags)).response


def _inject_axe(page, cdp=None) -> None:
    from axe_playwright_python.sync_playwright import Axe

    own = cdp is None
    session = page.context.new_cdp_session(page) if own else cdp
    try:
        answer = session.send("Runtime.evaluate", {"expression": Axe().axe_script, "returnByValue": True})
    finally:
        if own:
            with contextlib.suppress(Exception):
                session.detach()
    if "exceptionDetails" in answer:
        detail = answer["exceptionDetails"]
        raise _PlaywrightError((detail.get("exception") or {}).get("description") or detail.get("text", "axe"))


def _axe_options(tags: list[str] | None) -> dict:
    return {
        "runOnly": {"type": "tag", "values": tags or AXE_TAGS},
        "resultTypes": ["violations", "incomplete"],
        # axe waits up to 10 s for media and style sheets by default; a page's broken video must not cost that
        "preload": {"assets": ["cssom", "media"], "timeout": 1000},
        "performanceTimer": False,
    }


def _run_axe_isolated(page, options: dict) -> dict:
    """axe-core in a fresh isolated world of the main frame (same DOM, pristine built-ins, no page CSP)."""

    from axe_playwright_python.sync_playwright import Axe

    session = page.context.new_cdp_session(page)
    try:
        frame_id = session.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = session.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": "empathy-lab-axe",
                                                          "grantUniveralAccess": True})["executionContextId"]

        def evaluate(expression: str, wait: bool = False):
            answer = session.send("Runtime.evaluate", {"expression": expression, "contextId": world,
                                                       "awaitPromise": wait, "returnByValue": True})
            if "exceptionDetails" in answer:
                detail = answer["exceptionDetails"]
                raise _PlaywrightError((detail.get("exception") or {}).get("description") or detail.get("text", ""))
            return (answer.get("result") or {}).get("value")

        evaluate(Axe().axe_script)
        run = dict(options, iframes=False)
        text = evaluate(f"axe.run(document, {json.dumps(run)}).then(r => JSON.stringify(r))", wait=True)
        return json.loads(text)
    finally:
        with contextlib.suppress(Exception):
            session.detach()


AXE_TAGS = [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice",
]

