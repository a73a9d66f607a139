"""Landmarks: whether each Tab stop is in the main content (read at each stop), where the main content's first
stop is, and whether the page has a main landmark and headings (js/tabwalk-landmarks.js)."""

from __future__ import annotations

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-landmarks")
EXPRESSION = "window.__elabTab.landmarks()"


def main_start(stops: list[dict]) -> int | None:
    """The index of the first stop in the main content (main, else after the h1), or None."""
    for stop in stops:
        if stop.get("in_main"):
            return stop["index"]
    return None
