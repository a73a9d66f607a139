"""Positive tabindex: elements with tabindex > 0, and the stop each became (js/tabwalk-tabindex.js)."""

from __future__ import annotations

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-tabindex")
EXPRESSION = "window.__elabTab.positiveTabindex()"


def with_stops(items: list[dict], ids: list[int]) -> list[dict]:
    """Each item's ``stop_id`` (the page's element id) turned into ``stop``: its index in the walk, or None."""
    for item in items:
        stop_id = item.pop("stop_id")
        item["stop"] = ids.index(stop_id) if stop_id is not None and stop_id in ids else None
    return items
