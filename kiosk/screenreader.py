"""Navigation like a real screen reader (NVDA's browse and forms modes) over the kiosk's live page.

:class:`ScreenReader` holds the page's plain accessibility tree (``auditor.model.axnode``), a reading cursor
over the phrasing module's stops (``auditor.model.phrasing.stops``) and a speaker (``kiosk.voice.Voice`` or
any object with ``speak(text, interrupt=True)`` and ``stop()``). It reads no pygame events: the kiosk offers
it each key (``handle_key``) and typed text (``handle_text``) first, sends what it does not consume to the
page, then calls ``after_input()``; and it calls ``update()`` once a frame.

Browse mode (the default), NVDA's keys:

==================  ===========================================================================
Tab, Shift+Tab      not consumed: the page moves focus, then the focused thing is spoken
Down, Up            the reading cursor through everything: text, headings, controls, landmarks
H D F K B G L T 1-6 next heading, landmark, form field, link, button, graphic, list, table,
                    heading at level N (with Shift: previous)
Enter, Space        activate the item under the cursor (DOM focus, then Enter or Space)
Escape, Control     stop speech (and reading everything)
R, Insert+Down      read everything from the cursor on
Control+Home/End    top / bottom of the page
F1                  spoken help
==================  ===========================================================================

Every other key is kept from the page, as NVDA does. Forms mode starts when focus lands in an edit field,
combo box or list box: keys and text go to the page (typed characters are echoed), and Escape goes back
to browse mode.

The page is reached through a :class:`ReaderPage` (``tree``, ``press``, ``focus``, ``scroll_to``,
``document_key``, ``navigating``); :class:`CdpPage` implements it over the Playwright page and CDP session the
kiosk hands over (this module never imports Playwright). Tests give a fake page and a plain tree.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable, Collection, Protocol

from auditor.model import phrasing
from auditor.model.axnode import AXNode, from_cdp
from auditor.model.phrasing import Stop

_logger = logging.getLogger(__name__)

HELP_TEXT = (
    "Screen reader keys. Tab and Shift Tab move between links and controls. "
    "Down and Up arrows read the page line by line. "
    "H jumps to the next heading, D to the next landmark, F to the next form field, K to the next link; "
    "add Shift to go back. Enter or Space activates. R reads everything from here. "
    "Escape stops speech. In a text box, type as normal, and press Escape to leave it. "
    "F1 repeats this help."
)

# Said on the briefing screen before a screen-reader task (kiosk/scenes/briefing.py shows the same keys).
BRIEF_KEYS = (
    ("Tab", "next link or control"), ("Down arrow", "read the next line"), ("H", "next heading"),
    ("F", "next form field"), ("Enter", "activate, or start typing in a box"), ("Escape", "leave a box"),
    ("Control", "stop speech"), ("F1", "all the keys"),
)
BRIEF_HELP = ("The screen goes dark and you will only hear the page. " +
              ". ".join(f"{key}: {what}" for key, what in BRIEF_KEYS) + ".")

# Roles that switch NVDA to forms (focus) mode when they get focus.
FORMS_ROLES = phrasing.EDIT_ROLES | {"listbox", "slider"}
# Roles whose value the page changes with arrow keys in forms mode: the new value is spoken.
VALUE_ROLES = {"combobox", "listbox", "slider", "spinbutton"}
TOGGLE_ROLES = {"checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio"}
WATCH_S = 3.0        # after input reached the page, watch this long for a new page or a focus change
LOAD_WATCH_S = 30.0  # ... and while a new page is still on its way (slow server, loaded machine), up to this long
POLL_S = 0.2         # how often while watching (each look fetches the whole tree)
SPOKEN_CHARS = {" ": "space", "\t": "tab"}


class ReaderPage(Protocol):
    """What the reader needs from the live page."""

    def tree(self) -> AXNode: ...                       # the whole accessibility tree, fresh

    def press(self, key: str) -> None: ...              # a Playwright key name: "Enter", "Space"

    def focus(self, backend_id: int) -> bool: ...       # DOM focus; False when the node cannot take it

    def scroll_to(self, backend_id: int) -> None: ...   # bring a node into view (for onlookers)

    def document_key(self) -> str: ...                  # changes with every new document; "" while loading

    def navigating(self) -> bool: ...                   # a link or form asked for a new document, not yet there


class CdpPage:
    """:class:`ReaderPage` over a Playwright page and a CDP session for it (objects the kiosk gives).

    A navigation is pending from the main frame's navigation request until the new document is committed
    (``framenavigated``) or the request ends without one (failed, or answered with no document: the kiosk's
    204 for a host outside the task); after that, ``document_key`` is "" until the new document has parsed."""

    def __init__(self, page: Any, cdp: Any):
        self.page = page
        self.cdp = cdp
        self._pending = False
        on = getattr(page, "on", None)
        if on is not None:
            on("request", self._on_request)
            on("framenavigated", self._on_committed)
            on("requestfinished", self._on_request_ended)
            on("requestfailed", self._on_request_ended)

    def _main_navigation(self, request: Any) -> bool:
        try:
            return bool(request.is_navigation_request()) and request.frame == self.page.main_frame
        except Exception:   # a request with no frame (a service worker's)
            return False

    def _on_request(self, request: Any) -> None:
        if self._main_navigation(request):
            self._pending = True

    def _on_request_ended(self, request: Any) -> None:
        if self._main_navigation(request):
            self._pending = False

    def _on_committed(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self._pending = False

    def navigating(self) -> bool:
        return self._pending

    def tree(self) -> AXNode:
        root = from_cdp(self.cdp.send("Accessibility.getFullAXTree")["nodes"])
        self._frames(root, depth=0)
        return root

    def _frames(self, tree: AXNode, depth: int) -> None:
        """Each frame's document under its ``Iframe`` node, as a screen reader reads it inline (CDP's tree is
        one frame's): the frame owner's content frame, its tree's children (a frame the page's session cannot
        reach, another process's, stays a frame with nothing in it)."""
        if depth > 3:
            return
        for node in [n for n in tree.walk() if n.role == "Iframe" and n.backend_id is not None and not n.children]:
            try:
                owner = self.cdp.send("DOM.describeNode", {"backendNodeId": node.backend_id})["node"]
                nodes = self.cdp.send("Accessibility.getFullAXTree", {"frameId": owner["frameId"]})["nodes"]
                document = from_cdp(nodes)
            except Exception:   # gone, no frame, or out of this session's reach
                continue
            node.children = list(document.children)
            self._frames(node, depth + 1)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def focus(self, backend_id: int) -> bool:
        try:
            self.cdp.send("DOM.focus", {"backendNodeId": backend_id})
        except Exception:   # not focusable, or gone
            return False
        return True

    def scroll_to(self, backend_id: int) -> None:
        try:
            self.cdp.send("DOM.scrollIntoViewIfNeeded", {"backendNodeId": backend_id})
        except Exception:   # text nodes without a box, nodes gone: nothing to show
            pass

    def document_key(self) -> str:
        try:
            result = self.cdp.send("Runtime.evaluate", {
                "expression": "document.readyState === 'loading' ? '' : location.href + ' ' + performance.timeOrigin",
                "returnByValue": True,
            })
        except Exception:   # the old document is gone and the new one not there yet
            return ""
        return str(result.get("result", {}).get("value") or "")


def focused_node(tree: AXNode) -> AXNode | None:
    """The node that has focus (None when it is the document itself)."""
    for node in tree.walk():
        if node.states.get("focused") and node.role not in ("RootWebArea", "WebArea"):
            return node
    return None


def parse_key(key: str, mods: Collection[str] = ()) -> tuple[str, frozenset[str]]:
    """("h", {"shift"}) for "Shift+h", "H" or ("h", mods={"shift"}); named keys keep their case."""
    parts = key.split("+") if key != "+" else ["+"]
    base = parts[-1]
    names = {m.lower() for m in parts[:-1]} | {m.lower() for m in mods}
    names = {"control" if m == "ctrl" else m for m in names}
    if len(base) == 1:
        if base.isalpha() and base.isupper():
            names.add("shift")
        base = base.lower()
    return base, frozenset(names)


class ScreenReader:
    """The reading cursor, quick keys, forms mode and focus speech for one live page."""

    def __init__(self, page: ReaderPage, speaker: Any, read_on_load: bool = True,
                 clock: Callable[[], float] = time.perf_counter):
        self.page = page
        self.speaker = speaker
        self.read_on_load = read_on_load
        self.forms_mode = False
        self._clock = clock
        self._tree: AXNode | None = None
        self._stops: list[Stop] = []
        self.cursor = -1                    # index into stops; -1 is the top of the page
        self._focus_id: int | None = None   # backend id of the focused node last spoken
        self._document = ""                 # document_key of the page the tree is from
        self._loading = False               # the last document_key was "": a new page is on its way
        self._on_way = False                # at the last look, a new page was loading or its request pending
        self._doc_root: int | None = None   # backend id of the announced document's root node
        self._echoed = ""                   # the character a key just echoed (its text is not said again)
        self._reading_all = False
        self._key_at: float | None = None   # when the key being handled arrived (for key_to_speech_ms)
        self._last_key = ""
        self._watch_until = clock() + WATCH_S   # the first update() announces the page
        self._watch_limit = clock() + LOAD_WATCH_S
        self._next_poll = 0.0

    # -- what the kiosk calls ----------------------------------------------------------------------
    def handle_key(self, key: str, mods: Collection[str] = (), at: float | None = None) -> bool:
        """Offer a key (a Playwright key name, modifiers in the name or in ``mods``). True when the reader
        consumed it; False when the kiosk should send it to the page (and then call ``after_input``).
        ``at`` is when the key arrived (the reader's clock, ``time.perf_counter``); default: now."""
        self._key_at = self._clock() if at is None else at
        base, names = parse_key(key, mods)
        self._last_key = base
        self._silence()     # any key cuts speech off, as in NVDA
        if base == "Control" and not names:
            self._reading_all = False
            consumed = True
        elif self.forms_mode:
            consumed = self._forms_key(base, names)
        else:
            consumed = self._browse_key(base, names)
        if consumed:
            self._key_at = None     # its speech (if any) has been timed; later speech is not its doing
        return consumed

    def handle_text(self, text: str, at: float | None = None) -> bool:
        """Offer typed text: consumed (dropped) in browse mode, where letters are navigation keys; in forms
        mode it goes to the page and is echoed, unless its key was echoed already."""
        if not self.forms_mode:
            return True
        spoken = " ".join(SPOKEN_CHARS.get(ch, ch) for ch in text)
        if spoken != self._echoed:
            self._key_at = self._clock() if at is None else at
            self._say(spoken)
        self._echoed = ""
        return False

    def after_input(self) -> None:
        """A key or text reached the page: speak a new page, a new focus, or a changed value."""
        self._watch()
        if self._last_key in ("Enter", "Space") and (self._check_document() or self._loading):
            return      # (other keys do not load pages; a script that does is caught by update())
        before = self._focus_id
        node = self._check_focus()
        if node is not None and node.backend_id == before and self.forms_mode and node.role in VALUE_ROLES \
                and self._last_key in ("ArrowDown", "ArrowUp", "Home", "End", "PageUp", "PageDown"):
            self._say(node.value or phrasing.phrase(node))

    def update(self, now: float | None = None) -> None:
        """Once a frame: carry on reading everything, and notice a page that changed on its own (a form
        sent, a new page loaded, focus moved by a script) while watching after input."""
        now = self._clock() if now is None else now
        if self._reading_all and not self._speaking():
            self._read_next()
        if now >= self._next_poll and self._watching(now):
            self._next_poll = now + POLL_S
            announced = self._check_document()
            self._on_way = self._loading or self.page.navigating()
            if not announced and not self._on_way:
                self._check_focus()     # (no focus news from a page half gone)

    def help(self) -> None:
        """Say the help text (for the briefing screen and F1)."""
        self._say(HELP_TEXT)

    def close(self) -> None:
        self._reading_all = False
        self.speaker.stop()

    @property
    def current(self) -> Stop | None:
        """The stop under the reading cursor."""
        return self._stops[self.cursor] if 0 <= self.cursor < len(self._stops) else None

    # -- browse mode -------------------------------------------------------------------------------
    def _browse_key(self, base: str, names: frozenset[str]) -> bool:
        shift = "shift" in names
        plain = names <= {"shift"}
        self._reading_all = False
        if base == "Tab" and plain:
            self._watch()
            return False
        if base == "ArrowDown" and names == {"insert"} or base == "r" and plain:
            self._read_all()
        elif base == "ArrowDown" and not names:
            self._move_line(+1)
        elif base == "ArrowUp" and not names:
            self._move_line(-1)
        elif base in phrasing.QUICK_KEYS and plain:
            self._quick(phrasing.QUICK_KEYS[base], backwards=shift)
        elif base in ("Enter", "Space") and not names:
            self._activate()
        elif base in ("Home", "End") and names == {"control"}:
            self._ensure_tree()
            self._go(-1 if base == "Home" else len(self._stops))
            self._move_line(+1 if base == "Home" else -1)
        elif base == "F1":
            self.help()
        return True

    def _move_line(self, step: int) -> None:
        self._ensure_tree()
        index = self.cursor + step
        exits: list[str] = []
        while 0 <= index < len(self._stops) and self._stops[index].exit:
            if step > 0:
                exits.append(self._stops[index].phrase)
            index += step
        if not 0 <= index < len(self._stops):
            self._say("bottom" if step > 0 else "top")
            return
        self._go(index)
        self._say(", ".join(exits + [self._stops[index].phrase]))

    def _quick(self, kind: str, backwards: bool) -> None:
        self._ensure_tree()
        start = self.cursor if self.cursor >= 0 or not backwards else len(self._stops)
        index = phrasing.next_of(self._stops, start, kind, backwards)
        if index is None:
            self._say(phrasing.none_left_phrase(kind, backwards))
            return
        self._go(index)
        self._say(self._stops[index].phrase)

    def _read_all(self) -> None:
        self._ensure_tree()
        self._reading_all = True
        self._read_next()

    def _read_next(self) -> None:
        index = self.cursor + 1
        while index < len(self._stops) and self._stops[index].exit:
            index += 1
        if index >= len(self._stops):
            self._reading_all = False
            return
        self._go(index)
        self._say(self._stops[index].phrase, interrupt=False)

    def _activate(self) -> None:
        self._ensure_tree()
        stop = self.current
        target = self._focusable_for(stop.node) if stop else None
        if target is None or target.backend_id is None or not self.page.focus(target.backend_id):
            self._say("nothing to activate here" if stop is None else stop.phrase)
            return
        self._watch()
        if target.role in FORMS_ROLES:
            self._refresh()
            self._enter_forms_mode(target)
            return
        self.page.press("Space" if target.role in TOGGLE_ROLES else "Enter")
        if self._check_document() or self._loading:
            return
        self._refresh()
        fresh = self._by_backend(target.backend_id)
        self._focus_id = target.backend_id
        if fresh is not None and target.role in TOGGLE_ROLES:
            self._say(", ".join(phrasing.state_words(fresh)) or phrasing.phrase(fresh))

    def _focusable_for(self, node: AXNode) -> AXNode | None:
        """The node to focus for an item: itself, or the nearest focusable node that holds it."""
        assert self._tree is not None
        path = _path_to(self._tree, node.backend_id) if node.backend_id is not None else []
        for candidate in reversed(path):
            if candidate.focusable and candidate.role not in ("RootWebArea", "WebArea"):
                return candidate
        return None

    # -- forms mode --------------------------------------------------------------------------------
    def _forms_key(self, base: str, names: frozenset[str]) -> bool:
        if base == "Escape" and not names:
            self.forms_mode = False
            self._say("browse mode")
            return True
        if base == "Tab":
            self._watch()
        elif len(base) == 1 and names <= {"shift"}:
            self._echoed = SPOKEN_CHARS.get(base, base.upper() if "shift" in names else base)
            self._say(self._echoed)
        elif base == "Space" and not names:
            self._echoed = "space"
            self._say("space")
        return False

    def _enter_forms_mode(self, node: AXNode) -> None:
        self.forms_mode = True
        self._focus_id = node.backend_id
        fresh = self._by_backend(node.backend_id) or node
        self._go(self._index_of(fresh))
        self._say(phrasing.phrase(fresh))

    # -- page changes ------------------------------------------------------------------------------
    def _watch(self) -> None:
        now = self._clock()
        self._watch_until = now + WATCH_S
        self._watch_limit = now + LOAD_WATCH_S
        self._next_poll = now + POLL_S

    def _watching(self, now: float) -> bool:
        """WATCH_S after input; longer, up to LOAD_WATCH_S, while a new page is on its way or still loading
        (a page that takes longer than WATCH_S is still announced when it comes)."""
        if now < self._watch_until:
            return True
        return now < self._watch_limit and (self._on_way or self._loading or self.page.navigating())

    def _check_document(self) -> bool:
        """Announce a new document (title, then its focused control or everything from the top)."""
        key = self.page.document_key()
        self._loading = not key
        if not key or key == self._document:
            return False
        self._document = key
        self._reading_all = False
        self.forms_mode = False
        self._refresh(relocate=False)
        self.cursor = -1
        assert self._tree is not None
        self._doc_root = self._tree.backend_id
        title = " ".join(self._tree.name.split()) or "untitled page"
        self._say(title)
        node = focused_node(self._tree)
        self._focus_id = node.backend_id if node else None
        if node is not None:
            self._go(self._index_of(node))
            self._say(phrasing.phrase(node), interrupt=False)
            self.forms_mode = node.role in FORMS_ROLES
        elif self.read_on_load:
            self._reading_all = True
            self._read_next()
        return True

    def _check_focus(self) -> AXNode | None:
        """Refresh the tree; speak the focused node when focus has moved. Returns the focused node."""
        self._refresh()
        assert self._tree is not None
        if self._doc_root is not None and self._tree.backend_id not in (None, self._doc_root):
            return None     # a new page, not yet announced: _check_document says it (title first)
        node = focused_node(self._tree)
        new_id = node.backend_id if node else None
        if new_id == self._focus_id:
            return node
        self._focus_id = new_id
        self._reading_all = False
        if node is None:
            self.forms_mode = False
            self._say(" ".join(self._tree.name.split()) or "document")
            return None
        self._go(self._index_of(node))
        self.forms_mode = node.role in FORMS_ROLES
        self._say(phrasing.phrase(node))
        return node

    # -- the tree and the cursor -------------------------------------------------------------------
    def _ensure_tree(self) -> None:
        if self._tree is None:
            self._refresh()

    def _refresh(self, relocate: bool = True) -> None:
        """Fetch the tree again; the cursor stays on the same node when it is still there."""
        keep = self.current.node.backend_id if relocate and self.current else None
        try:
            tree = self.page.tree()
        except Exception as exc:    # the page is between documents, or the browser went away
            _logger.info("screen reader: accessibility tree unavailable: %s", exc)
            if self._tree is None:
                self._tree, self._stops = AXNode(role="RootWebArea"), []
            return
        self._tree = tree
        self._stops = phrasing.stops(self._tree)
        if keep is not None:
            for index, stop in enumerate(self._stops):
                if not stop.exit and stop.node.backend_id == keep:
                    self.cursor = index
                    return
        self.cursor = min(self.cursor, len(self._stops) - 1)

    def _by_backend(self, backend_id: int | None) -> AXNode | None:
        if self._tree is None or backend_id is None:
            return None
        return next((n for n in self._tree.walk() if n.backend_id == backend_id), None)

    def _index_of(self, node: AXNode) -> int:
        """Where the cursor goes for a node: on its own stop, or just before the first stop inside it (so
        that Down reads it); else the cursor stays."""
        inside = {n.backend_id for n in node.walk() if n.backend_id is not None}
        for index, stop in enumerate(self._stops):
            if not stop.exit and stop.node.backend_id in inside:
                return index if stop.node.backend_id == node.backend_id else index - 1
        return self.cursor

    def _go(self, index: int) -> None:
        self.cursor = index
        stop = self.current
        if stop is not None and stop.node.backend_id is not None:
            self.page.scroll_to(stop.node.backend_id)

    # -- speech ------------------------------------------------------------------------------------
    def _say(self, text: str, interrupt: bool = True) -> None:
        """Speak; the first phrase after a key carries the key's time (for key_to_speech_ms)."""
        at, self._key_at = self._key_at, None
        if at is not None and self._clock() - at > WATCH_S:
            at = None   # long after the key: not its speech
        if at is not None and hasattr(self.speaker, "timings"):
            self.speaker.speak(text, interrupt, at=at)
        else:
            self.speaker.speak(text, interrupt)

    def _speaking(self) -> bool:
        return bool(getattr(self.speaker, "speaking", False))

    def _silence(self) -> None:
        """Stop speech now (timed from the key when the speaker keeps timings)."""
        if self._key_at is not None and hasattr(self.speaker, "timings"):
            self.speaker.stop(at=self._key_at)
        else:
            self.speaker.stop()


def _path_to(tree: AXNode, backend_id: int) -> list[AXNode]:
    """The nodes from the root down to the node with backend_id ([] when it is not there)."""
    path: list[AXNode] = []

    def visit(node: AXNode) -> bool:
        path.append(node)
        if node.backend_id == backend_id:
            return True
        if any(visit(child) for child in node.children):
            return True
        path.pop()
        return False

    return path if visit(tree) else []


def make_reader(page: Any, cdp: Any, speaker: Any, persona: Any = None) -> ScreenReader:
    """The reader for a screen-reader persona's live page (``kiosk.speech_api.make_reader``'s hook).
    The speaker takes the persona's voice and rate when it can."""
    if persona is not None and hasattr(speaker, "use_persona"):
        speaker.use_persona(persona)
    return ScreenReader(CdpPage(page, cdp), speaker)
