"""Targets: the box of every visible link, button, field and widget, whether it sits in a sentence and whether
it is a browser-drawn checkbox or radio (js/tabwalk-targets.js, read after the walk, for target size)."""

from __future__ import annotations

from auditor.gatherers.pagejs import page_script

SCRIPT = page_script("tabwalk-targets")
EXPRESSION = "window.__elabTab.targets()"
