"""Claudia at 400% zoom: the page at 320 CSS px wide (1280 / 4) with text at 200%, worked with the mouse.

The context is ``width`` x ``width * 800 / 1280`` CSS px (320 x 200 for 400% of a 1280 x 800 laptop): the
narrowest of ``persona.audit.viewport_widths``. Text grows by the largest of ``persona.audit.zoom_levels``
up to 200%, the way the layout gatherer resizes text (auditor/gatherers/layout.py: every element's computed
font size, and line height unless ``normal``, multiplied with inline ``!important`` styles, so boxes with fixed
pixel sizes keep them and clip), applied by an init script when each page has loaded.

For each control she scrolls down (never sideways) until it is in the middle of her screen, then
``verdict.zoom_view`` decides: reaching past the right edge (the fixed-width layout), covered, cut off ->
blocked; wider than the screen or partly cut off -> struggled (a sideways scroll counted). She clicks at the
control's centre only when the control itself is there.
"""

from __future__ import annotations

from typing import Any

from auditor.browser import ContextOptions
from auditor.gatherers.pagejs import page_script
from auditor.journey.base import Actor, Target
from auditor.journey.verdict import StepResult, worse, zoom_view
from auditor.model.scenario import Step

BASE_WIDTH, BASE_HEIGHT = 1280, 800

_TEXT_ZOOM = page_script("text-zoom")   # (factor) => {...}: run by an init script on every page


def width_for(persona: Any) -> int:
    widths = list(getattr(getattr(persona, "audit", None), "viewport_widths", ()) or ()) or [320]
    return int(min(widths))


def text_zoom_for(persona: Any) -> int:
    levels = [z for z in getattr(getattr(persona, "audit", None), "zoom_levels", ()) or () if z <= 200]
    return int(max(levels)) if levels else 200


class ZoomActor(Actor):
    mode = "zoom"

    @staticmethod
    def context_options(persona: Any = None) -> ContextOptions:
        width = width_for(persona)
        return ContextOptions(width=width, height=round(width * BASE_HEIGHT / BASE_WIDTH))

    @staticmethod
    def prepare(page: Any, persona: Any = None) -> None:
        page.add_init_script(script=f"({_TEXT_ZOOM})({text_zoom_for(persona) / 100});")

    def operate(self, step: Step, target: Target, res: StepResult) -> None:
        spot = self.jp.js("reveal", mark=target.mark, sideways=False)
        if spot is None:
            res.outcome, res.reason = "blocked", f"'{target.name}' went away before {self.name} could reach it"
            return
        zoom = round(BASE_WIDTH * 100 / width_for(self.persona))
        view = zoom_view(self.name, target.name or step.target, spot["rect"], spot["viewport"]["width"],
                         spot["page_width"], spot["shown"], spot["covered_by"], zoom)
        if view.outcome != "ok":
            res.outcome = worse(res.outcome, view.outcome)
            res.reason = res.reason or view.reason
        if view.outcome == "blocked":
            return
        if view.scroll_sideways:
            res.cost.scrolls += 1
        self.mouse_operate(step, target, res, sideways=view.scroll_sideways)
