"""Clickables: visible things that react to a click (an onclick, a listener, a widget role, a pointer cursor)
that Tab never reaches and nothing around them serves (js/tabwalk-clickables.js, read after the walk)."""

from __future__ import annotations

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-clickables")
EXPRESSION = "window.__elabTab.clickables()"
