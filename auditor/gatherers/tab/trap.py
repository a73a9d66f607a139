"""A keyboard trap: focus came back to an earlier stop without reaching the end of the page. Can Shift+Tab or
Escape get out?"""

from __future__ import annotations

from typing import Any


def read(walk: Any, first: int) -> dict:
    """The cycle from stop ``first`` to the last stop of ``walk``, and whether each way out works."""
    cycle_ids = walk.ids[first:] or [walk.ids[-1]]
    members = set(cycle_ids)
    trap: dict[str, Any] = {"stops": list(range(first, len(walk.ids))),
                            "selectors": [walk.stops[i]["selector"] for i in range(first, len(walk.ids))],
                            "shift_tab_escapes": False, "escape_key_escapes": False}
    for _ in range(len(cycle_ids) + 2):
        walk.page.keyboard.press("Shift+Tab")
        if walk.world.value("window.__elabTab.activeId()") not in members:
            trap["shift_tab_escapes"] = True
            break
    walk.world.value(f"window.__elabTab.focusId({cycle_ids[-1]})")
    walk.page.keyboard.press("Escape")
    if walk.world.value("window.__elabTab.activeId()") not in members:
        trap["escape_key_escapes"] = True
    else:
        walk.page.keyboard.press("Tab")
        trap["escape_key_escapes"] = walk.world.value("window.__elabTab.activeId()") not in members
    return trap
