"""The skip link: is one of the first three Tab stops an in-page link, and does activating it move focus past
the rest? (js/tabwalk-skiplink.js reads where it points and where focus and the scroll are after it.)

Where Enter landed is read at once on a page whose scripts could not answer the key or the fragment navigation
later (T.skipLanded: nothing due, no scroll or navigation listener, no ResizeObserver, no animation running, the
target in no <details>), else two frames later, as it always was before; ``frames`` in the artifact says which
(0 or 2; None where the link was not activated).

Four round trips of its own (Enter, where it landed, Tab, where focus went and the address put back; finding
and focusing the link goes with the walk's reads after the stops: ``expression``); the keys go as CDP key events, as Playwright's ``keyboard.press`` sends them."""

from __future__ import annotations

import json
from typing import Any

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-skiplink")

# Enter as Playwright's keyboard.press("Enter") sends it: a key down with its text, then the key up.
ENTER_DOWN = {"type": "keyDown", "modifiers": 0, "windowsVirtualKeyCode": 13, "code": "Enter", "key": "Enter",
              "text": "\r", "unmodifiedText": "\r", "location": 0, "isKeypad": False, "autoRepeat": False}
ENTER_UP = {"type": "keyUp", "modifiers": 0, "windowsVirtualKeyCode": 13, "code": "Enter", "key": "Enter",
            "location": 0, "isKeypad": False}


def expression(ids: list[int]) -> str:
    """The page expression that finds the first in-page link among the first three stops ``ids`` and, where
    its target exists, focuses it at the top of the page, ready for Enter (T.skipStart); ``read`` takes its
    value."""
    return f"window.__elabTab.skipStart({json.dumps(ids[:3])})"


def read(walk: Any, found: Any, after: str | None = None) -> tuple[dict | None, Any]:
    """The skip link from ``found`` (the value of ``expression``), activated with Enter where its target
    exists; None when there is none. ``after``: an expression evaluated with the last read, after it (its
    value comes second; None when the link was not activated and nothing was read)."""
    if not found:
        return None, None
    index, info = found
    link = walk.ids[index]
    before_url = info.pop("url", None)
    stop = walk.stops[index]
    result = {"stop": index, "selector": stop["selector"], "name": stop["name"], **info,
              "moved_focus": False, "scrolled": False, "next_stop": "", "frames": None}
    later = None
    if info["target_exists"]:
        walk.press(ENTER_DOWN, ENTER_UP)
        landed = walk.world.value(f"window.__elabTab.skipLanded({link})")
        walk.press()
        nxt, later = walk.world.value(f"[window.__elabTab.skipState({link}, {json.dumps(before_url)}), "
                                      f"{after or 'null'}]")
        result["scrolled"] = bool(landed["scroll_y"] > 0 or landed["target_in_view"])
        result["moved_focus"] = bool(landed["after_target"] or nxt["after_target"])
        result["next_stop"] = nxt["active"]
        result["frames"] = landed["frames"]
    return result, later
