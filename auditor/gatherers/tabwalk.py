"""The Tab walk gatherer: what Christopher meets when he moves through a page with the keyboard alone.

It presses Tab from the top of the document and records every stop (element, role, accessible name, box,
whether focus can be seen and whether something covers it) and how the walk ended (wrapped, trapped, capped).
The walk is one pass of Tab presses, the expensive part; every fact it produces has its own module under
auditor/gatherers/tab/ and its own page script (js/tabwalk-*.js), with this module as the driver:

- at each stop: focus seen and not obscured (``tab.focus``), in the main content (``tab.landmarks``);
- after the walk: role and name from the accessibility tree (``tab.names``), a trap's ways out
  (``tab.trap``), the clickable things Tab never reaches (``tab.listeners``, ``tab.clickables``), how each
  stop is worked (``tab.activation``), positive tabindex (``tab.tabindex``), the skip link and what
  activating it does (``tab.skiplink``), the boxes of every interactive element (``tab.targets``) and the
  page's landmarks.

All page-side code runs in a CDP isolated world (``tab.world``), so pages that override built-ins
(Array.prototype.push, HTMLElement.prototype.blur...) cannot break it. The artifact's shape is in
``gather``'s docstring.
"""

from __future__ import annotations

import json
import time
from typing import Any

from auditor.gatherers.base import GatherSession, common_js
from auditor.gatherers.pagejs import page_script
from auditor.gatherers.tab import activation, clickables, landmarks, listeners, names, skiplink, tabindex, targets, trap
from auditor.gatherers.tab.focus import SCRIPTS as FOCUS_SCRIPTS
from auditor.gatherers.tab.focus import FocusMeasure
from auditor.gatherers.tab.world import World, soon

NAME = "tabwalk"
ORDER = 60

TIME_BUDGET_S = 60.0       # the whole walk stops after this long ("timeout")
FRAME_REPEATS = 50         # consecutive Tab presses spent inside one iframe before giving up on it
INNER_STOPS = 12           # Tab stops a browser draws inside one element (Chromium's video player: 6, a date: 4)
TAKEN_BACK = 2             # times a walk goes on after the page took focus back from outside the document
BATCH_MIN, BATCH_MAX = 4, 32   # Tabs pressed before the stops are read, in a run of stops that look alike
# One Tab press as CDP key events, as Playwright's keyboard.press("Tab") sends them (no text: a raw key down).
TAB_DOWN = {"type": "rawKeyDown", "modifiers": 0, "windowsVirtualKeyCode": 9, "code": "Tab", "key": "Tab",
            "location": 0, "isKeypad": False, "autoRepeat": False}
TAB_UP = {"type": "keyUp", "modifiers": 0, "windowsVirtualKeyCode": 9, "code": "Tab", "key": "Tab", "location": 0}

# The walk, then the facts it produces (each file installs its part of window.__elabTab).
_PAGE_JS = "\n;".join((page_script("tabwalk"), *FOCUS_SCRIPTS, landmarks.SCRIPT, clickables.SCRIPT,
                        tabindex.SCRIPT, activation.SCRIPT, targets.SCRIPT, skiplink.SCRIPT))


def _script() -> str:
    return common_js() + "\n;" + _PAGE_JS


def prepare(session: GatherSession) -> None:
    """The walk's isolated world made and its scripts loaded while the first gatherers run (three round
    trips and the scripts' ~3 ms, off the walk's own time). Nothing in the page changes: the scripts only
    define the walk's functions in the world; the walk itself starts (T.start) when ``gather`` runs."""
    session.prepared[NAME] = soon(session.browser, session.cdp(), _script())


def _next_batch(size: int, result: dict, measuring: bool) -> int:
    """How many Tabs the next batch presses: the run of look-alike stops the page script sees ahead (T.ahead)
    and one more (the stop after the run, which may need a closer look), at least double the last batch when
    that one went through without a stop held (the look-ahead can only be too cautious), at most BATCH_MAX;
    all BATCH_MAX once no more focus is measured (nothing is held for a look)."""
    if not measuring:
        return BATCH_MAX
    ahead = int(result.get("ahead") or 0) + 1
    if not result.get("held"):
        ahead = max(ahead, size * 2)
    return max(1, min(ahead, BATCH_MAX))



class _Walk:
    def __init__(self, session: GatherSession):
        self.session = session
        self.marked = False     # listeners handed to the page script (listeners.mark)
        self.objects: list | None = None   # the document and the window, for listeners.mark (see _begin)
        self.page = session.page
        self.cdp = session.cdp()
        self.script = _script()     # (the trap check loads it on a fresh page too)
        self.world = World.prepared(self.cdp, self.script, session.prepared.pop(NAME, None))
        size = session.viewport()
        self.viewport = (int(size["width"]), int(size["height"]))
        self.deadline = time.monotonic() + TIME_BUDGET_S
        self.cost: dict[str, float] = {"walk": 0.0, "tab_keys": 0.0, "stop_reads": 0.0,
                                       "focus_pixels": 0.0, "ax": 0.0, "clickables": 0.0,
                                       "skip_link": 0.0}   # (targets and landmarks: read with one of those)
        self.stops: list[dict] = []
        self.ids: list[int] = []
        self.start_held = False   # the page put focus back on an element of its own as the walk began
        self.focus = FocusMeasure(self.cdp, self.world, self.viewport, bool(session.params.screenshots), self.cost)
        self.batching = True
        self.armed = False
        self.batch_size = BATCH_MIN
        self.batches = 0

    # -- the walk ----------------------------------------------------------------------------------
    def walk(self) -> tuple[str, dict | None]:
        end: tuple[str, dict | None] = ("timeout", None)
        try:
            end = self._walk()
            if end[0] != "navigated":
                self.stop_batching()
        finally:
            self.focus.settle(None, navigated=end[0] == "navigated")
        return end

    def _walk(self) -> tuple[str, dict | None]:
        # The walk starts from the top of the page. A page that pulls focus straight back to an element of its
        # own (a focusin or keydown handler) is walked from there: where Tab goes next shows whether the
        # keyboard user is held in place (a trap), not a failure of the walk.
        # (The first batch is armed by the same call: one round trip.)
        started, armed = self._begin(
            f"[window.__elabTab.start(), window.__elabTab.batchStart([], {json.dumps(self._measuring())})]")
        self.start_held = not started
        self.armed = bool(armed)
        self.url = self.page.url.split("#")[0]
        limit = max(int(self.session.params.max_tab_stops), 1)
        self.frame_repeats = self.leading_body = self.inner_repeats = self.taken_back = 0
        presses = 0
        while len(self.stops) < limit and presses < 2 * limit + 2:  # presses inside a cross-origin frame add up
            if time.monotonic() > self.deadline:
                return "timeout", None
            if self._can_batch():
                self._send_settled()
                count = min(self.batch_size, limit - len(self.stops), 2 * limit + 2 - presses)
                stops = self._batch(count)
                if stops is None:
                    return "navigated", None
                presses += len(stops)   # (the Tabs held back after a stop that needed a closer look do not count)
            else:
                presses += 1
                t0 = time.perf_counter()
                self.press()
                if self.page.url.split("#")[0] != self.url:
                    return "navigated", None
                t1 = time.perf_counter()
                stops = [self.world.value("window.__elabTab.stop()")]
                t2 = time.perf_counter()
                self.cost["walk"] += t2 - t0
                self.cost["tab_keys"] += t1 - t0
                self.cost["stop_reads"] += t2 - t1
            if len(stops) > 1:
                self.focus.settle(stops[-1])     # a pending stop is compared with the screen as it is now
            for n, stop in enumerate(stops):
                if n < len(stops) - 1:
                    stop["passed"] = True    # focus has moved on since: nothing on screen to measure
                end = self._take(stop)
                if end is not None and end[0] == "wrapped" and self._taken_back(stop):
                    break                    # the page took focus back: walk on from where it is now
                if end is not None:
                    return end
                if len(self.stops) >= limit:
                    break
        return "capped", None

    def _begin(self, expression: str) -> Any:
        """The walk's first expression, with the document and the window as remote objects for the listener
        reads (``listeners.mark``: read where the walk ends, one round trip less there); on a world made in
        advance that CDP no longer knows (the page went to another document since), a fresh world is made
        and all sent again."""
        while True:
            answers = self.session.browser.send_many(
                self.cdp, [self.world.command(expression), *listeners.objects_commands(self.world)],
                return_exceptions=True)
            # (A world made in advance is known by its context id alone, which CDP may give again to another
            # context after the page moved to another process: a script that finds none of the walk's functions
            # there says so in exceptionDetails, not as a CDP error. Either way a fresh world is made.)
            if self.world.ahead and (isinstance(answers[0], Exception) or "exceptionDetails" in answers[0]):
                self.world.make()
                continue
            self.objects = answers[1:]
            return self.world.value_of(answers[0])

    def _take(self, stop: dict) -> tuple[str, dict | None] | None:
        """One Tab's stop: recorded, skipped (a frame's or a player's inner stops), or the end of the walk."""
        self.focus.settle(stop)
        if stop["kind"] == "body":
            if self.stops:
                return "wrapped", None
            self.leading_body += 1
            if self.leading_body >= 2:
                return "empty", None
            return None
        if stop["kind"] == "frame" and self.ids and self.ids[-1] == stop["id"]:
            self.frame_repeats += 1
            if self.frame_repeats >= FRAME_REPEATS:
                return "frame", None
            return None
        self.frame_repeats = 0
        if stop.get("inner") and self.ids and self.ids[-1] == stop["id"]:
            # Tab moved among the element's own controls (play, seek, volume...; a date's day, month, year):
            # one stop in the walk. More presses than a browser's controls have is focus held there.
            self.inner_repeats += 1
            if self.inner_repeats <= INNER_STOPS:
                return None
        else:
            self.inner_repeats = 0
        if stop["repeat"] and stop["id"] in self.ids:  # back to an earlier stop without passing the body
            first = self.ids.index(stop["id"])
            if first == 0 and not self.world.value("window.__elabTab.unvisited()"):
                return "wrapped", None
            self.stop_batching()
            return "trap", trap.read(self, first)
        self._record(stop)
        return None

    def _taken_back(self, stop: dict) -> bool:
        """The walk came round (Tab left the document, or came back to the first stop): did the page's own
        script then take focus back onto another stop the walk passed (a blur handler that focuses a field
        again after a timer, ACT 80af7b, whose timer may fire after the walk's last Tab)? Read where focus
        settles (T.settledId), only where a blur or focusout listener could do it, at most TAKEN_BACK times a
        walk; the walk then goes on one Tab at a time from there, so that the next stop shows the trap."""
        if self.taken_back >= TAKEN_BACK:
            return False
        pending: list = []
        if not self.marked:   # who listens for what: read here, where the walk would end, not after it
            _, pending = listeners.mark(self.world, self.cdp, self.session.browser.send_many, objects=self.objects)
            self.marked = True
        if not self.world.value_of(self.session.browser.send_many(
                self.cdp, pending + [self.world.command("window.__elabTab.mayRefocus()")],
                return_exceptions=True)[-1]):
            return False
        where = int(self.world.value("window.__elabTab.settledId()"))
        landed = stop.get("id") if stop.get("kind") != "body" else None
        if where < 0 or where not in self.ids or where == landed:
            return False
        self.taken_back += 1
        self.marked = False   # (read again when the walk ends: the page may add listeners meanwhile)
        self.stop_batching()
        return True

    def _can_batch(self) -> bool:
        """Tabs go in batches unless the page showed that batches cannot be trusted there (see ``_batch``)."""
        return self.batching

    def _batch(self, count: int) -> list[dict] | None:
        """Press Tab ``count`` times and read the stops once (see T.batchStart in the page script); None when the
        page navigated. Grows the batch while runs go on; stops batching on a page where it cannot be
        trusted (frames, key events stopped before they reach the walk, focus moved by the page itself)."""
        t1 = time.perf_counter()
        if not self.armed:                  # (armed as the walk started, unless there are frames)
            self.batching = False           # frames on the page: one stop at a time from here
            return self._one_stop()
        self.world.flush()
        self.session.browser.send_many(self.cdp, [("Input.dispatchKeyEvent", TAB_DOWN),
                                                  ("Input.dispatchKeyEvent", TAB_UP)] * count)
        navigated = self.page.url.split("#")[0] != self.url
        t2 = time.perf_counter()
        keys = self.focus.newly_settled()
        result = None if navigated else self.world.value(
            f"window.__elabTab.batchEnd(true, {json.dumps(keys)}, {json.dumps(self._measuring())})")
        t3 = time.perf_counter()
        self.cost["walk"] += t3 - t1
        self.cost["tab_keys"] += t2 - t1
        self.cost["stop_reads"] += t3 - t2
        self.batches += 1
        if result is None:
            return None
        stops = result["stops"]
        if result["broken"] or (not result["held"] and len(stops) < count):
            self.stop_batching()
        self.batch_size = _next_batch(self.batch_size, result, self._measuring())
        if not stops:   # no key reached the walk's listener: read where focus is, one stop at a time from here
            self.stop_batching()
            return self._one_stop()
        return stops

    def _send_settled(self) -> None:
        """Tell the page script the style keys settled since the last read, before the next batch's Tabs. A stop
        held for a look is measured (and may settle its key) only after the read that armed the next batch; told
        then, the next stop of that key would be held for a look of its own, a lone Tab and a frame's wait, only
        to share the measure. One round trip, only when keys were settled; the next batch is sized to the run of
        look-alike stops now ahead (T.ahead)."""
        if not self.armed:
            return
        keys = self.focus.newly_settled()
        if not keys:
            return
        t0 = time.perf_counter()
        ahead = int(self.world.value(f"window.__elabTab.settle({json.dumps(keys)})") or 0)
        self.cost["walk"] += time.perf_counter() - t0
        self.cost["stop_reads"] += time.perf_counter() - t0
        self.batch_size = max(self.batch_size, min(ahead + 1, BATCH_MAX))

    def press(self, down: dict = TAB_DOWN, up: dict = TAB_UP) -> None:
        """One key press (Tab unless told), its two key events in one round trip: Chromium handles them in
        order, and answers each once the page has handled it. (What was deferred to the page script goes
        first: key events are not ordered with a script.)"""
        self.world.flush()
        self.session.browser.send_many(self.cdp, [("Input.dispatchKeyEvent", down), ("Input.dispatchKeyEvent", up)])

    def _measuring(self) -> bool:
        return self.focus.measuring()

    def _one_stop(self) -> list[dict]:
        return [self.world.value("window.__elabTab.stop()")]

    def stop_batching(self) -> None:
        """One Tab at a time from here (and before anything else presses keys: the trap check, the skip link).
        The page script is told with whatever is sent to it next (``World.defer``; ``press`` flushes it)."""
        self.batching = False
        if self.armed:
            self.armed = False
            self.world.defer("window.__elabTab.batchOff()")

    def _record(self, stop: dict) -> None:
        stop["index"] = len(self.stops)
        stop["focus"] = self.focus.measure(stop)
        self.ids.append(stop.pop("id"))
        stop.pop("repeat", None)
        stop.pop("kind", None)
        self.stops.append(stop)

    def sampling_note(self, end: str) -> dict:
        """What the walk looked at and what it sampled, for the report to say."""
        note: dict[str, Any] = {"stops": len(self.stops), "capped_at": None, "focusable": len(self.stops),
                                "focus_measured": self.focus.counts["measured"],
                                "focus_styled": self.focus.counts["styled"], "focus_shared": self.focus.counts["shared"],
                                "focus_unmeasured": self.focus.counts["unmeasured"], "batches": self.batches}
        if end in ("capped", "timeout"):
            note["capped_at"] = len(self.stops) if end == "capped" else None
            try:
                note["focusable"] = len(self.stops) + int(self.world.value("window.__elabTab.unvisited()") or 0)
            except Exception:
                pass
        return note

def gather(session: GatherSession) -> dict:
    """Walk the page with Tab. Returns::

        {"viewport": {"width", "height"}, "end": "wrapped|trap|capped|empty|navigated|timeout|frame",
         "start_held": the page took focus back when the walk began at the top (the walk went on from there),
         "stops": [{"index", "selector", "tag", "role", "name", "name_source", "box" (document px),
                    "view" (viewport px), "near" (viewport px: its labels, and for an element that cannot
                    itself be seen its place and neighbours, where its focus may be drawn) | None,
                    "visible", "in_viewport", "tabindex", "href", "in_frame",
                    "dom_backwards", "in_main", "snippet", "scroll",
                    "obscured": {"sampled", "covered", "by", "by_pinned"} | None,
                    "focus": {"changed_px", "strong_px", "area_px", "perimeter_px", "clip", "evidence",
                              "shared_with" (absent when measured: the index of the stop whose measure, scaled to
                              this stop's perimeter, stands for this one: same style key),
                              "styled": "outline" | "ring" (the browser's own: outline-style auto) | "background"
                              (absent when measured: the change is certain from computed styles, and changed_px /
                              strong_px are what it draws for certain)} | None}],
         "trap": {"stops", "selectors", "shift_tab_escapes", "escape_key_escapes"} | None,
         "main_start": index of the first stop in the main content (main, else after the h1) | None,
         "landmarks": {"main": bool, "headings": int},
         "clickables": [{"selector", "tag", "role", "name", "reasons", "script_focused" (the page's script had
                         focused it, or something inside it, before the walk), "tabindex", "focusable", "box",
                         "snippet"}],
         "positive_tabindex": [{"selector", "tag", "role", "name", "tabindex", "visible", "stop", "snippet"}],
         "skip_link": {"stop", "selector", "name", "href", "target_exists", "target_selector", "target_visible",
                       "target_is_main", "moved_focus", "scrolled", "next_stop",
                       "frames" (0: where Enter landed read at once; 2: two frames later; None: not activated)} | None,
         "targets": [{"selector", "tag", "role", "name", "box", "inline", "ua_control", "snippet"}],
         "activation": [{"index" (of the stop), "selector", "tag", "role", "explicit_role", "native", "name",
                         "href" (links) | None, "fragment": {"id", "exists"} | None (href="#id"),
                         "click": "self" | "ancestor" | "page" | "", "key": same, "scrollable", "tabindex",
                         "has_control" (a native control inside),
                         "snippet"}],   # stops that are not native controls, have an explicit role, or are
                                        # links to "", "#..." or "javascript:"; who listens for clicks / keys
         "sampling": {"stops": stops walked, "capped_at": the cap when the walk stopped there | None,
                      "focusable": stops walked + focusable elements the walk did not reach,
                      "focus_measured" (in pixels), "focus_styled" (certain from computed styles),
                      "focus_shared", "focus_unmeasured" (past MAX_FOCUS_CAPTURES),
                      "batches": reads that took several Tabs' stops at once},
         "cost_ms": {...}}
    """
    started = time.perf_counter()
    walk = _Walk(session)
    send_many = session.browser.send_many
    closed = released = False
    try:
        end, cycle = walk.walk()
        # After the stops, as few round trips as the reads allow (each step's commands sent together, in order:
        # nothing in one step changes what another of it reads): the stops' paths with the document and the
        # window whose listeners are read next; the listening nodes handed over, then one expression for
        # clickables, activation, tabindex and the skip link, and (when the skip link is not activated, which
        # needs keys pressed in between) targets, landmarks and the page script's clearing up, in the order
        # they were read one by one before.
        paths = None
        pending: list = []
        if not walk.marked:
            (paths,), pending = listeners.mark(walk.world, walk.cdp, send_many, objects=walk.objects,
                                               also=[walk.world.command(names.paths_expression(walk))])
        names.read(walk, paths)
        sampling = walk.sampling_note(end)
        t0 = time.perf_counter()
        closing = f"[{targets.EXPRESSION}, {landmarks.EXPRESSION}, window.__elabTab.finish()]"
        skip_start = skiplink.expression(walk.ids) if end != "trap" else "null"
        reads = (f"(() => {{ const facts = [{clickables.EXPRESSION}, {activation.expression(walk.ids)}, "
                 f"{tabindex.EXPRESSION}]; const skip = {skip_start};"
                 f" return [facts, skip, skip && skip[1].target_exists ? null : {closing}]; }})()")
        answers = send_many(walk.cdp, pending + [walk.world.command(reads), walk.world.release_command()],
                            return_exceptions=True)
        released = True
        (clicks, works, positive), found, ended = walk.world.value_of(answers[-2])
        walk.cost["clickables"] = time.perf_counter() - t0
        positive = tabindex.with_stops(positive, walk.ids)
        t0 = time.perf_counter()
        skip, later = skiplink.read(walk, found, closing)
        ended = ended or later
        walk.cost["skip_link"] = time.perf_counter() - t0
        if ended is None:   # (the skip link's target was not there to activate after all)
            ended = walk.world.value(closing)
        boxes, marks, closed = ended
    finally:
        try:   # the page script's clearing up, and the objects it lent released, if not done with the reads
            commands = [] if closed else [walk.world.command("window.__elabTab && window.__elabTab.finish()")]
            commands += [] if released else [walk.world.release_command()]
            if commands:
                send_many(walk.cdp, commands)
        except Exception:
            pass
    cost = {key: round(value * 1000) for key, value in walk.cost.items()}
    cost["total"] = round((time.perf_counter() - started) * 1000)
    cost["per_stop"] = round(cost["walk"] / max(len(walk.stops), 1))
    return {
        "viewport": {"width": walk.viewport[0], "height": walk.viewport[1]},
        "end": end,
        "start_held": walk.start_held,
        "stops": walk.stops,
        "trap": cycle,
        "main_start": landmarks.main_start(walk.stops),
        "landmarks": marks,
        "clickables": clicks,
        "positive_tabindex": positive,
        "skip_link": skip,
        "targets": boxes,
        "activation": works,
        "sampling": sampling,
        "cost_ms": cost,
    }
