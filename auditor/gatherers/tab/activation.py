"""Activation: how each Tab stop that is not a plain native control can be worked: who listens for clicks and
keys (itself, an ancestor, the page), and for links, what the href does (js/tabwalk-activation.js)."""

from __future__ import annotations

import json

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-activation")


def expression(ids: list[int]) -> str:
    """The page expression for the stops ``ids`` (the walk's element ids, in stop order)."""
    return f"window.__elabTab.activation({json.dumps(ids)})"
