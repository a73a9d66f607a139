"""The skip link: is one of the first three Tab stops an in-page link, and does activating it move focus past
the rest? (js/tabwalk-skiplink.js reads where it points and where focus and the scroll are after it.)

Five round trips in all (finding and focusing the link, Enter, where it landed, Tab, where focus went and the
address put back); the keys go as CDP key events, as Playwright's ``keyboard.press`` sends them."""

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


def read(walk: Any) -> dict | None:
    """The first in-page link among the first three stops of ``walk``, activated with Enter, or None."""
    found = walk.world.value(f"window.__elabTab.skipStart({json.dumps(walk.ids[:3])})")
    if not found:
        return None
    index, info = found
    link = walk.ids[index]
    before_url = info.pop("url", None)
    stop = walk.stops[index]
    result = {"stop": index, "selector": stop["selector"], "name": stop["name"], **info,
              "moved_focus": False, "scrolled": False, "next_stop": ""}
    if info["target_exists"]:
        walk.press(ENTER_DOWN, ENTER_UP)
        landed = walk.world.value("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
                                  f".then(() => window.__elabTab.skipState({link}))")
        walk.press()
        nxt = walk.world.value(f"window.__elabTab.skipState({link}, {json.dumps(before_url)})")
        result["scrolled"] = bool(landed["scroll_y"] > 0 or landed["target_in_view"])
        result["moved_focus"] = bool(landed["after_target"] or nxt["after_target"])
        result["next_stop"] = nxt["active"]
    return result
