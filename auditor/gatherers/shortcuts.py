"""The character key shortcuts gatherer (WCAG 2.1.4; failure technique F99; ACT rule ffbc54): which printable
keys, pressed with nothing focused (focus on the page's body, not in a field), make the page change.

Christopher and Ron press keys they did not mean to (arthritis, a tremor); speech input types the words a
person says as keys. A shortcut on a single printable key fires for all of them.

Only where something can hear such a key: a key pressed on the body goes to the body, the root element, the
document and the window, so the check runs only when one of those has a keydown, keyup or keypress listener
(DOMDebugger.getEventListeners; inline ``onkeydown`` attributes count). Then, in an isolated world
(js/shortcuts.js):

1. focus is put on the body, a modifier alone (Shift) is pressed and the page watched for QUIET_MS: what the
   page does for any key at all (marking that the keyboard is in use) and what changes with no key pressed (a
   clock, a carousel) is set aside;
2. the printable keys of a US keyboard (KEYS: a-z, 0-9 and the 32 punctuation and symbol characters),
   without modifiers, are pressed in one pipelined batch (CDP key events, as the Tab walk sends Tab), each
   key's changes recorded from the window's capture phase: nodes added or removed, text or attributes (not
   data-*) changed, focus moved off the body, the page scrolled (ACT's "changes in content"). A key that moves
   focus holds the keys after it back (they would be typed into what has focus); they are pressed again in
   the next batch once focus is back on the body;
3. each key that seemed to change something (and the key before it, in case a change came late) is pressed
   alone after a quiet wait, twice (CONFIRMATIONS), to confirm it; a Shift press alone is the control (a page
   that changes for any key is reported as such, not as shortcuts);
4. for each confirmed key (at most MAX_FOUND), the page's toggles whose name (or group's legend) speaks of
   shortcuts or keys (check boxes, switches, pressed buttons; shown or not, at most MAX_TOGGLES) are tried one
   at a time: toggled, the key pressed again, toggled back (its state set back directly if a second click did
   not). A toggle after which the key changes nothing is a way to turn the shortcut off or
   remap it (sufficient technique G217).

It runs last (ORDER 90), after every gatherer that reads the page: the keys change it. It sets its own viewport
(``OWN_VIEWPORT``): the listeners are read at whatever size the last gatherer left (layout's and vision's narrow
ones: listeners do not depend on it), and only where keys are pressed is the page's own size put back first (and
the page's answer to it waited for, as layout waits: ``session.settle``), so a
page that nothing hears keys on costs no relayout after vision (the clearing at about:blank puts the size back).
The artifact::

    {"listening": ["window" | "document" | "html" | "body", ...] (who hears a key pressed on the body),
     "tested": keys were pressed, "focus_held": the page kept focus on an element (nothing could be tested),
     "any_key": a modifier alone changed the page too (the changes are not the keys'),
     "navigated": [keys of the batch during which the page went to another address] | None,
     "shortcuts": [{"key", "changes": [{"kind", "selector", ...}], "focus": {"selector", "tag", "snippet"} | None,
                    "scroll": [x, y] | None, "off_by": {"selector", "name", "visible", "snippet"} | None}],
     "toggles": [{"selector", "name", "visible", "snippet"}] (tried), "controls": [{"selector", "name"}]
     (visible controls, when a shortcut was found), "keys_pressed", "cost_ms"}
"""

from __future__ import annotations

import string
import time
from typing import Any

from auditor.gatherers.base import GatherSession, common_js
from auditor.gatherers.pagejs import page_script
from auditor.gatherers.tab import listeners
from auditor.gatherers.tab.world import World

NAME = "shortcuts"
ORDER = 90
OWN_VIEWPORT = True     # the page's own size is put back only where keys are pressed (see above)

LISTENING = ("window", "document", "html", "body")   # who hears a key pressed on the body
QUIET_MS = 100          # watched with no key pressed: the page's own changes
AFTER_MS = 100          # after a key or batch: for what its handlers do a moment later
MAX_BATCHES = 6         # batches of held-back keys
MAX_CONFIRM = 12        # keys confirmed one at a time
CONFIRMATIONS = 2       # presses alone that must each change the page
MAX_FOUND = 3           # shortcuts whose ways off are looked for
MAX_TOGGLES = 8         # toggles tried a shortcut
MAX_CONTROLS = 200      # visible controls' names handed to the probe
TIME_BUDGET_S = 8.0

# US keyboard: printable characters and the physical key (code, Windows key code) that types each.
_PUNCTUATION = {"-": ("Minus", 189), "=": ("Equal", 187), "[": ("BracketLeft", 219), "]": ("BracketRight", 221),
                "\\": ("Backslash", 220), ";": ("Semicolon", 186), "'": ("Quote", 222), ",": ("Comma", 188),
                ".": ("Period", 190), "/": ("Slash", 191), "`": ("Backquote", 192), "~": ("Backquote", 192),
                "_": ("Minus", 189), "+": ("Equal", 187), "{": ("BracketLeft", 219), "}": ("BracketRight", 221),
                "|": ("Backslash", 220), ":": ("Semicolon", 186), '"': ("Quote", 222), "<": ("Comma", 188),
                ">": ("Period", 190), "?": ("Slash", 191)}
_SHIFTED_DIGITS = dict(zip(")!@#$%^&*(", range(10)))


def _physical(char: str) -> tuple[str, int]:
    if char in string.ascii_letters:
        return f"Key{char.upper()}", ord(char.upper())
    if char in string.digits:
        return f"Digit{char}", ord(char)
    if char in _SHIFTED_DIGITS:
        digit = _SHIFTED_DIGITS[char]
        return f"Digit{digit}", 48 + digit
    return _PUNCTUATION[char]


# Lower-case letters, digits, punctuation and symbols. (An upper-case letter is typed with Shift held, a
# modifier: ACT's applicability leaves such events out, and a page listening for "A" is rare enough not to
# pay 26 more keys on every page that listens.)
KEYS = tuple(string.ascii_lowercase + string.digits + string.punctuation)


def key_events(char: str) -> list[tuple[str, dict]]:
    """One press of the key typing ``char``, with no modifier, as CDP key events (the key's text makes Chromium
    send keypress too)."""
    code, vk = _physical(char)
    base = {"key": char, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk, "modifiers": 0}
    return [("Input.dispatchKeyEvent", {"type": "keyDown", "text": char, "unmodifiedText": char, **base}),
            ("Input.dispatchKeyEvent", {"type": "keyUp", **base})]


SHIFT = [("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Shift", "code": "ShiftLeft",
                                     "windowsVirtualKeyCode": 16, "modifiers": 8}),
         ("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Shift", "code": "ShiftLeft",
                                     "windowsVirtualKeyCode": 16, "modifiers": 0})]


def changed(entry: dict) -> bool:
    """A key's record shows a change of the page."""
    return bool(entry.get("changes") or entry.get("focus") or entry.get("scroll"))


_EXPRESSIONS = dict(zip(LISTENING, ("window", "document", "document.documentElement", "document.body")))


def listening(cdp: Any, send_many: Any) -> list[str]:
    """Which of the window, the document, the root element and the body have key listeners (``tab.listeners.heard``:
    the page's own world, two pipelined round trips)."""
    return _keyed(listeners.heard(cdp, send_many, _EXPRESSIONS))


def _keyed(heard: dict[str, set[str]]) -> list[str]:
    return [label for label in LISTENING if heard.get(label, set()) & set(listeners.KEY_EVENTS)]


PREPARED_GROUP = "elab-shortcuts-prepared"
# Whether the objects ``prepare`` took are still the window, the document, its root element and its body (or
# the body is still missing): a page that replaced its body or root since (or went to another document) is
# asked afresh.
_SAME = ("function (w, h, b) { return window === w && this === document && document.documentElement === h"
         " && document.body === b; }")


def prepare(session: GatherSession) -> None:
    """The objects whose listeners ``gather`` reads (the window, the document, its root element and body, in the
    page's own world), taken while the first gatherers run: ``gather`` then reads their listeners, as they are
    then, in one round trip instead of two (it checks first that they are still the page's)."""
    session.prepared[NAME] = session.browser.send_soon(session.cdp(), [
        ("Runtime.evaluate", {"expression": expression, "objectGroup": PREPARED_GROUP})
        for expression in _EXPRESSIONS.values()])


def _prepared_listening(session: GatherSession, cdp: Any) -> list[str] | None:
    """``listening`` through the objects ``prepare`` took (one round trip: the check that they are still the page's,
    their listeners, their release); None when there are none or they are not the page's any more."""
    sent = session.prepared.pop(NAME, None)
    if sent is None:
        return None
    answers = sent.answers()
    objects = {label: ((a.get("result") or {}).get("objectId") if isinstance(a, dict) else None)
               for label, a in zip(LISTENING, answers)}
    release = ("Runtime.releaseObjectGroup", {"objectGroup": PREPARED_GROUP})
    if len(answers) != len(LISTENING) or not objects["window"] or not objects["document"] or not objects["html"]:
        session.browser.send_many(cdp, [release], return_exceptions=True)
        return None
    present = [label for label in LISTENING if objects[label]]
    arguments = [{"objectId": objects[label]} if objects[label] else {"value": None}
                 for label in ("window", "html", "body")]
    replies = session.browser.send_many(cdp, [
        ("Runtime.callFunctionOn", {"objectId": objects["document"], "functionDeclaration": _SAME,
                                    "arguments": arguments, "returnByValue": True}),
        *(("DOMDebugger.getEventListeners", {"objectId": objects[label]}) for label in present),
        release], return_exceptions=True)
    same = replies[0]
    if not (isinstance(same, dict) and (same.get("result") or {}).get("value") is True):
        return None
    lists = replies[1:1 + len(present)]
    if not all(isinstance(answer, dict) for answer in lists):
        return None
    return _keyed({label: {item.get("type") for item in answer.get("listeners", [])}
                   for label, answer in zip(present, lists)})


class _Keys:
    def __init__(self, session: GatherSession, world: World, cdp: Any):
        self.session, self.world, self.cdp = session, world, cdp
        self.url = self._address()
        self.navigated = False
        self.deadline = time.monotonic() + TIME_BUDGET_S

    def _address(self) -> str:
        return self.session.page.url.split("#")[0]

    def press(self, events: list[tuple[str, dict]]) -> bool:
        """Send the key events; False when the page went to another address meanwhile."""
        self.session.browser.send_many(self.cdp, events)
        if self._address() != self.url:
            self.navigated = True
        return not self.navigated

    def js(self, expression: str) -> Any:
        return self.world.value(f"window.__elabKeys.{expression}")

    def alone(self, events: list[tuple[str, dict]]) -> list[dict] | None:
        """Focus on the body, a quiet wait, the key(s), and what they changed (None: the page navigated or
        kept focus on an element)."""
        if not self.js("start()"):
            return None
        self.js(f"quiet({QUIET_MS})")
        if not self.press(events):
            return None
        return self.js(f"read({AFTER_MS})")["log"]

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline


def _screen(keys: _Keys, out: dict) -> list[str]:
    """Every key in batches (focus on the body, the page watched for QUIET_MS first); the keys whose records
    show a change, and the key before each (a change may come a moment late)."""
    pending, candidates, pressed = list(KEYS), [], []
    for batch in range(MAX_BATCHES):
        if not pending or keys.out_of_time() or (batch and not keys.js("start()")):
            break
        keys.js(f"quiet({QUIET_MS})")
        events = [event for char in pending for event in key_events(char)]
        if not keys.press(events):
            out["navigated"] = pending
            break
        result = keys.js(f"read({AFTER_MS})")
        log = [e for e in result["log"] if e.get("printable")]
        for n, entry in enumerate(log):
            pressed.append(entry["key"])
            if changed(entry):
                for key in ([log[n - 1]["key"]] if n else []) + [entry["key"]]:
                    if key not in candidates:
                        candidates.append(key)
        blocked = set(result.get("blocked") or [])
        pending = [k for k in pending if k in blocked]
    out["keys_pressed"] = len(pressed)
    return candidates


def gather(session: GatherSession) -> dict:
    started = time.perf_counter()
    out: dict[str, Any] = {"listening": [], "tested": False, "focus_held": False, "any_key": False,
                           "navigated": None, "shortcuts": [], "toggles": [], "controls": [], "keys_pressed": 0}
    cdp = session.cdp()
    heard = _prepared_listening(session, cdp)
    out["listening"] = heard if heard is not None else listening(cdp, session.browser.send_many)
    if not out["listening"]:
        out["cost_ms"] = round((time.perf_counter() - started) * 1000)
        return out
    # Keys are pressed on the page at its own size, once it has answered that size (a header that rebuilds its
    # navigation after a resize would otherwise change under the first keys, as if they had changed it).
    session.back_to_own_size()
    world = World(cdp, common_js() + "\n;" + page_script("shortcuts"), name="elab-shortcuts")
    try:
        keys = _Keys(session, world, cdp)
        if not keys.js("start()"):
            out["focus_held"] = True
            return out
        out["tested"] = True
        # A modifier alone first: what the page does on any key (marking keyboard use) happens now, not on the
        # first printable key.
        keys.press(SHIFT)
        candidates = _screen(keys, out) if not keys.navigated else []
        if candidates and not keys.navigated:
            control = keys.alone(SHIFT)
            out["any_key"] = bool(control and any(changed(e) for e in control))
        if out["any_key"]:
            return out
        for char in candidates[:MAX_CONFIRM]:
            if keys.navigated or keys.out_of_time():
                break
            entry = _confirmed(keys, char)
            if entry:
                out["shortcuts"].append({"key": char, "changes": entry.get("changes") or [],
                                         "focus": entry.get("focus"), "scroll": entry.get("scroll"), "off_by": None})
        if out["shortcuts"] and not keys.navigated:
            out["toggles"] = keys.js(f"toggles({MAX_TOGGLES})") or []
            out["controls"] = keys.js(f"controls({MAX_CONTROLS})") or []
            for shortcut in out["shortcuts"][:MAX_FOUND]:
                shortcut["off_by"] = _way_off(keys, shortcut["key"], out["toggles"])
        if keys.navigated and out["navigated"] is None:
            out["navigated"] = []
    finally:
        try:
            world.value("window.__elabKeys && window.__elabKeys.stop()")
            world.release()
        except Exception:
            pass
        out["cost_ms"] = round((time.perf_counter() - started) * 1000)
    return out


def _confirmed(keys: _Keys, char: str) -> dict | None:
    """The key's record when pressed alone it changes the page, twice over (a change of the page's own, a clock
    or a carousel that ticks less often than the quiet wait sees, would have to fall in both reads), else None."""
    entry = None
    for _ in range(CONFIRMATIONS):
        log = keys.alone(key_events(char))
        entry = next((e for e in log or [] if e.get("key") == char), None)
        if not (entry and changed(entry)):
            return None
    return entry


def _way_off(keys: _Keys, char: str, toggles: list[dict]) -> dict | None:
    """The first toggle after which ``char`` changes nothing (it was toggled back after)."""
    for i, toggle in enumerate(toggles):
        if keys.navigated or keys.out_of_time():
            return None
        if not keys.js(f"toggle({i})"):
            continue
        if keys._address() != keys.url:       # the toggle itself left the page (a form sent on change)
            keys.navigated = True
            return None
        log = keys.alone(key_events(char))
        if keys.navigated:
            return None
        keys.js(f"untoggle({i})")
        entry = next((e for e in log or [] if e.get("key") == char), None)
        if log is not None and not (entry and changed(entry)):
            return toggle
    return None

