"""A keyboard trap: focus came back to an earlier stop without reaching the end of the page. Can the keyboard
get out, as ACT rule 80af7b defines it (standard keyboard navigation in either direction, or the method the
page advises)?

The cycle is first walked again with Tab, each press read where focus *settles* (``tab_escapes`` when Tab
then gets out after all). Each key is judged where focus settles (``T.settledId``: after the page's own
reactions, such as a blur handler that focuses something again after a 10 ms timer), except that focus moving
out of the document, to the browser's own UI, is a way out at once: a script cannot take keyboard focus back
from there (ACT 80af7b's failed example 1), even when it focuses an element again a moment later
(``T.afterKey``).

1. Escape (a dialog's way out), then Tab, from the stop focus came back to (the one the page holds on to: a
   stop the walk passed through on its way round, before a timer took focus back, may itself lead out).
2. Shift+Tab from there: does focus settle outside the cycle, or leave the document?
3. If it does and Escape did not, the other direction too: a Shift+Tab walk from the end of the page, on a
   fresh load of it, must reach its start (``backward``: ACT asks for navigation in one direction, not a
   particular one; a page held going forwards and going backwards lets a person through in neither).
4. Where none of these gets out: the keys the page's text advises (auditor.model.keys), pressed from inside
   the trap (from each line that advises keys, at most 3 presses); if it advises nothing, a control in the
   trap that offers help or instructions (INSTRUCTIONS; not "Exit", which could end a session) is activated
   first (only one that stays on the page) and its text read again. ``near``: the advice is inside the
   element that holds the trap.
"""

from __future__ import annotations

import json
from typing import Any

from auditor.browser import ContextOptions
from auditor.gatherers.tab.world import World
from auditor.model.keys import INSTRUCTIONS, advice_lines, advised_presses

BACKWARD_EXTRA = 5      # Shift+Tab presses past the number of elements in the page's Tab order
BACKWARD_MAX = 400      # at most (a fail needs focus back on a stop already seen; running out is not known)


def _press(walk: Any, key: str, page: Any = None, world: Any = None) -> tuple[bool, int]:
    """Press ``key``: (focus left the document, the stop id where focus settled; -1 for none)."""
    page, world = page or walk.page, world or walk.world
    world.value("window.__elabTab.beforeKey()")
    page.keyboard.press(key)
    left, where = world.value("window.__elabTab.afterKey()")
    return bool(left), int(where)


def _out(walk: Any, key: str, members: set[int]) -> bool:
    left, where = _press(walk, key)
    return left or where not in members


def _settled_cycle(walk: Any, limit: int) -> list[int] | None:
    """The cycle Tab goes round once each press is read where focus settles (the walk records each stop as its key
    comes up, before a timer takes focus back, so its cycle may hold a stop the page does not keep): the stop ids
    from where focus settles to where it comes back; None when Tab gets out (to the browser's UI); [] when no
    stop comes back within ``limit`` presses."""
    where = int(walk.world.value("window.__elabTab.settledId()"))
    if where == -1:
        return None
    seen = [where]
    for _ in range(limit):
        left, where = _press(walk, "Tab")
        if left:
            return None
        if where in seen:
            return seen[seen.index(where):]
        seen.append(where)
    return []


def _backward(walk: Any) -> dict:
    """A Shift+Tab walk from the end of the page, as a person coming back from the browser's UI makes it: does
    it reach the start (``through``)? False only when focus comes back to a stop it has seen (then ``held``
    names that element); None when the presses run out first.

    On a fresh load of the page (``session.open``): on the walked one, the trap's own handlers would take focus
    back from wherever the walk put it to start."""
    page = walk.session.open(ContextOptions())
    world = World(walk.session.cdp(page), walk.script)
    world.value("window.__elabTab.watchLeaving(true)")
    seen: list[int] = []
    tabbable = int(world.value("window.__elabTab.unvisited()") or 0)   # the whole page's, none seen yet
    for _ in range(min(tabbable + BACKWARD_EXTRA, BACKWARD_MAX)):
        left, where = _press(walk, "Shift+Tab", page, world)
        if left:
            return {"through": True, "held": None}
        if where in seen:
            return {"through": False, "held": world.value(f"window.__elabTab.describe({where})")}
        seen.append(where)
    return {"through": None, "held": None}     # ran out of presses before either: not known


def _advice(walk: Any, cycle_ids: list[int], members: set[int], first: int) -> dict | None:
    """The keys the page advises (from each line that advises keys, at most 3), pressed from inside the trap;
    None when it advises nothing that can be pressed. ``near``: the advice is inside the element that holds
    the trap (said of this trap, not a page-wide tip)."""
    text = str(walk.world.value("window.__elabTab.pageText()") or "")
    lines = advice_lines(text.splitlines())
    helper = None
    if not lines:
        for stop, stop_id in zip(walk.stops[first:], walk.ids[first:]):
            if INSTRUCTIONS.search(str(stop.get("name") or "")) and walk.world.value(
                    f"window.__elabTab.pressable({stop_id})"):
                helper = stop.get("name")
                walk.world.value(f"window.__elabTab.focusId({stop_id})")
                _press(walk, "Enter")
                text = str(walk.world.value("window.__elabTab.pageText()") or "")
                lines = advice_lines(text.splitlines())
                break
    # (Not Enter, Space or Tab: the first two would work the control that has focus, which may leave the page;
    # Tab was tried.)
    presses: list[str] = []
    for line in lines:
        presses += [p for p in advised_presses(line) if p not in ("Enter", "Space", "Tab") and p not in presses]
    presses = presses[:3]
    if not presses:
        return None
    near = any(walk.world.value(f"window.__elabTab.near({json.dumps(cycle_ids)}, {json.dumps(line)})")
               for line in lines)
    result = {"text": lines[0], "keys": presses, "helper": helper, "near": bool(near or helper), "escapes": False}
    address = walk.page.url.split("#")[0]
    for key in presses:
        walk.world.value(f"window.__elabTab.focusId({cycle_ids[0]})")
        walk.world.value("window.__elabTab.settledId()")
        if _out(walk, key, members):
            result["escapes"] = key
            break
        if walk.page.url.split("#")[0] != address:
            break
    return result


def read(walk: Any, first: int) -> dict:
    """The cycle from stop ``first`` to the last stop of ``walk``, and whether each way out works."""
    cycle_ids = walk.ids[first:] or [walk.ids[-1]]
    trap: dict[str, Any] = {"stops": list(range(first, len(walk.ids))),
                            "selectors": [walk.stops[i]["selector"] for i in range(first, len(walk.ids))],
                            "tab_escapes": False, "shift_tab_escapes": False, "escape_key_escapes": False,
                            "backward": None, "advice": None}
    walk.world.value("window.__elabTab.watchLeaving(true)")
    try:
        settled = _settled_cycle(walk, 2 * len(cycle_ids) + 4)
        if settled is None:
            trap["tab_escapes"] = True      # read where focus settles, Tab does get out: no trap
            return trap
        if settled:
            cycle_ids = settled
            known = [walk.ids.index(i) for i in settled if i in walk.ids]
            if known:
                trap["stops"] = known
                trap["selectors"] = [walk.stops[i]["selector"] for i in known]
        members = set(cycle_ids)
        # Escape first: after a Shift+Tab out to the browser's UI, the page would be left without focus.
        walk.world.value(f"window.__elabTab.focusId({cycle_ids[0]})")
        walk.world.value("window.__elabTab.settledId()")
        trap["escape_key_escapes"] = _out(walk, "Escape", members) or _out(walk, "Tab", members)
        walk.world.value(f"window.__elabTab.focusId({cycle_ids[0]})")
        walk.world.value("window.__elabTab.settledId()")
        for _ in range(len(cycle_ids) + 2):
            if _out(walk, "Shift+Tab", members):
                trap["shift_tab_escapes"] = True
                break
        if trap["shift_tab_escapes"] and not trap["escape_key_escapes"]:
            trap["backward"] = _backward(walk)
        elif not trap["shift_tab_escapes"] and not trap["escape_key_escapes"]:
            trap["advice"] = _advice(walk, cycle_ids, members, first)
    finally:
        walk.world.value("window.__elabTab.watchLeaving(false)")
    return trap
