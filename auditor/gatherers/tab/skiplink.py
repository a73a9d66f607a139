"""The skip link: is one of the first three Tab stops an in-page link, and does activating it move focus past
the rest? (js/tabwalk-skiplink.js reads where it points and where focus and the scroll are after it.)"""

from __future__ import annotations

import json
from typing import Any

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-skiplink")


def read(walk: Any) -> dict | None:
    """The first in-page link among the first three stops of ``walk``, activated with Enter, or None."""
    for index in range(min(3, len(walk.ids))):
        info = walk.world.value(f"window.__elabTab.inPageLink({walk.ids[index]})")
        if not info:
            continue
        stop = walk.stops[index]
        result = {"stop": index, "selector": stop["selector"], "name": stop["name"], **info,
                  "moved_focus": False, "scrolled": False, "next_stop": ""}
        if info["target_exists"]:
            before_url = walk.page.url
            walk.world.value(f"window.scrollTo(0, 0), window.__elabTab.focusId({walk.ids[index]})")
            walk.page.keyboard.press("Enter")
            landed = walk.world.value("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
                                      f".then(() => window.__elabTab.skipState({walk.ids[index]}))")
            walk.page.keyboard.press("Tab")
            nxt = walk.world.value(f"window.__elabTab.skipState({walk.ids[index]})")
            result["scrolled"] = bool(landed["scroll_y"] > 0 or landed["target_in_view"])
            result["moved_focus"] = bool(landed["after_target"] or nxt["after_target"])
            result["next_stop"] = nxt["active"]
            if walk.page.url != before_url and walk.page.url.split("#")[0] == before_url.split("#")[0]:
                walk.world.value(f"history.replaceState(history.state, '', {json.dumps(before_url)})")
        return result
    return None
