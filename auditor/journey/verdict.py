"""Step and task verdicts for scenario runs: pure rules over plain numbers and boxes (no browser).

A step is ``ok``, ``struggled`` (done, at a cost) or ``blocked`` (the persona cannot go on); a task is
``completed`` (every step ok and the done condition met), ``struggled`` (completed with struggled steps) or
``blocked``. When the baseline found a scenario error the persona runs stop before the bad step and the task
is ``incomplete`` (no verdict: the scenario must be fixed first).

The rules that decide struggled/blocked from measurements live here so that they can be tested with numbers:
``keyboard_effort`` (Christopher's Tab presses), ``target_reach`` (Ron's tremor), ``zoom_view`` (Claudia at
400%).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

STEP_OUTCOMES = ("ok", "struggled", "blocked")
TASK_OUTCOMES = ("completed", "struggled", "blocked", "incomplete")

# Christopher: more presses than this many times the natural Tab distance (and at least SLACK more) is a struggle.
PRESS_FACTOR = 3
PRESS_SLACK = 3


@dataclass
class Cost:
    keys: int = 0          # Tab, Shift+Tab, arrows, Enter, Space, Ctrl+A (typed characters are not counted)
    clicks: int = 0
    scrolls: int = 0       # sideways scrolls (Claudia)
    retries: int = 0       # a missed or wrong hit tried again (Ron), a covered control uncovered (baseline)
    seconds: float = 0.0   # page time: the persona's pause before the step plus the time the step took

    def add(self, other: "Cost") -> None:
        self.keys += other.keys
        self.clicks += other.clicks
        self.scrolls += other.scrolls
        self.retries += other.retries
        self.seconds += other.seconds

    def to_json(self) -> dict[str, Any]:
        return {"keys": self.keys, "clicks": self.clicks, "scrolls": self.scrolls, "retries": self.retries,
                "seconds": round(self.seconds, 2)}


@dataclass
class StepResult:
    step: str
    line: int
    verb: str
    outcome: str = "ok"
    reason: str = ""
    element: dict[str, str] | None = None     # {selector, role, name}
    cost: Cost = field(default_factory=Cost)
    screenshot: str | None = None
    transcript: list[str] | None = None
    scenario_error: str = ""                  # baseline only: the step itself is wrong
    mark: str = ""                            # the page's mark of the element (for the screenshot; not reported)
    url: str = ""                             # the page the step was tried on (the lab report matches it)
    found: str = ""                           # how a sighted person found the element, when not by its label
    finding: dict | None = None               # {id, rule, message}: the audit's finding on the same element

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.step, "line": self.line, "outcome": self.outcome, "reason": self.reason,
                               "element": self.element, "cost": self.cost.to_json()}
        if self.url:
            out["url"] = self.url
        if self.screenshot:
            out["screenshot"] = self.screenshot
        if self.transcript is not None:
            out["transcript"] = self.transcript
        out.update({key: getattr(self, key) for key in ("found", "finding") if getattr(self, key)})
        return out


def worse(a: str, b: str) -> str:
    """The worse of two step outcomes."""
    return a if STEP_OUTCOMES.index(a) >= STEP_OUTCOMES.index(b) else b


def task_outcome(steps: list[StepResult], done_met: bool | None, stopped_by_scenario_error: bool = False) -> str:
    """completed / struggled / blocked (or incomplete when a scenario error stopped the run first).

    ``done_met`` is None when the run never got to the end (a step blocked or the scenario stopped it).
    """
    if any(s.outcome == "blocked" for s in steps):
        return "blocked"
    if stopped_by_scenario_error:
        return "incomplete"
    if done_met is False:
        return "blocked"
    return "struggled" if any(s.outcome == "struggled" for s in steps) else "completed"


def total_cost(steps: list[StepResult]) -> Cost:
    total = Cost()
    for s in steps:
        total.add(s.cost)
    return total


def plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    if word.endswith(("s", "sh", "ch")):
        return f"{n} {word}es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}s"


def effort_words(mode: str, cost: Cost, phrases: int = 0) -> str:
    """How much work a run took, in the words of its way of working."""
    if mode == "keyboard":
        return plural(cost.keys, "key press")
    if mode == "screen_reader":
        return f"{plural(phrases, 'phrase')} heard and {plural(cost.keys, 'key press')}"
    parts = [plural(cost.clicks, "click")]
    if cost.scrolls:
        parts.append(plural(cost.scrolls, "sideways scroll"))
    if cost.retries:
        parts.append(plural(cost.retries, "retry"))
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def summary(name: str, mode: str, outcome: str, steps: list[StepResult], baseline_clicks: int | None,
            phrases: int = 0) -> str:
    """One sentence comparing the run with the mouse user's: "Christopher needed 38 key presses where a mouse
    user needed 6 clicks"; a blocked run says where and why."""
    cost = total_cost(steps)
    if outcome == "blocked":
        where = next((s for s in steps if s.outcome == "blocked"), None)
        if where is not None:
            return f"{name} was stopped at '{where.step}' (line {where.line}): {where.reason}"
        return f"{name} did every step but the task was not done"
    if outcome == "incomplete":
        return f"{name}'s run stopped at a scenario error after {plural(len(steps), 'step')}"
    effort = effort_words(mode, cost, phrases)
    tail = f" where a mouse user needed {plural(baseline_clicks, 'click')}" if baseline_clicks is not None else ""
    lead = f"{name} needed {effort}{tail}"
    struggled = [s for s in steps if s.outcome == "struggled"]
    if struggled:
        lead += f"; struggled at {plural(len(struggled), 'step')}, first at '{struggled[0].step}': {struggled[0].reason}"
    return lead


# -- Christopher: Tab presses -------------------------------------------------------------------------------
@dataclass
class KeyboardEffort:
    outcome: str
    reason: str


def keyboard_effort(name: str, label: str, presses: int, natural: int | None, jumps: int) -> KeyboardEffort:
    """Was reaching a control by Tab reasonable? ``natural`` is the Tab distance in document order (what a
    well-ordered page costs); ``jumps`` counts presses where focus went back up the page without wrapping
    (positive tabindex and other scrambled orders)."""
    if jumps:
        return KeyboardEffort("struggled", f"focus jumped around the page: {name} pressed Tab {presses} "
                                           f"{'time' if presses == 1 else 'times'} to reach '{label}' and it "
                                           f"went back up the page {plural(jumps, 'time')}")
    if natural is not None and presses > PRESS_FACTOR * max(natural, 1) and presses - natural >= PRESS_SLACK:
        return KeyboardEffort("struggled", f"{name} pressed Tab {presses} times to reach '{label}', "
                                           f"{natural} {'is' if natural == 1 else 'are'} enough on a page in reading order")
    return KeyboardEffort("ok", "")


# -- Ron: target size ---------------------------------------------------------------------------------------
def _circle_hits(cx: float, cy: float, r: float, box: dict) -> bool:
    nx = min(max(cx, box["x"]), box["x"] + box["width"])
    ny = min(max(cy, box["y"]), box["y"] + box["height"])
    return math.hypot(cx - nx, cy - ny) < r - 0.01


@dataclass
class Reach:
    outcome: str
    reason: str
    neighbour: int = -1      # index into others of the target a slip would hit


def target_reach(name: str, label: str, box: dict, others: list[dict], min_size: int) -> Reach:
    """A tremor and a small target. WCAG 2.5.8's spacing idea at the persona's size: a target smaller than
    ``min_size`` in either dimension is a struggle when a circle of that diameter centred on it runs into
    another target (a slip lands on the wrong thing and has to be undone: one retry). A small target with
    nothing else within reach is ok: a slip lands on nothing and the next try hits. ``others`` are the boxes
    of every other visible target (links, buttons, fields, other controls' labels)."""
    if box["width"] >= min_size and box["height"] >= min_size:
        return Reach("ok", "")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for i, other in enumerate(others):
        if other.get("width", 0) < 1 or other.get("height", 0) < 1:
            continue
        if _circle_hits(cx, cy, min_size / 2, other):
            size = f"{round(box['width'])} by {round(box['height'])} px"
            return Reach("struggled", f"'{label}' is only {size}, with another control right next to it: "
                                      f"{name}'s hand shook, hit the wrong one and had to try again", i)
    return Reach("ok", "")


# -- Claudia: what is on screen at 400% ---------------------------------------------------------------------
@dataclass
class View:
    outcome: str
    reason: str
    scroll_sideways: bool = False


def zoom_view(name: str, label: str, rect: dict, viewport_width: float, page_width: float,
              shown_fraction: float, covered_by: str | None, zoom: int = 400) -> View:
    """Can the persona see and hit the control at high zoom? ``rect`` is the control's box in the viewport
    after scrolling it into view vertically only (sideways the page stays where it starts), ``shown_fraction``
    how much of its area is not cut off by ``overflow: hidden`` boxes, ``covered_by`` a description of what
    sits on top of its centre (None: the control itself is there).

    A control that reaches past the right edge of the screen although it would fit blocks: at high zoom a
    reader does not know it is there without scrolling sideways along every line (the fixed-width layout failure,
    WCAG 1.4.10). A control wider than the screen is a struggle (it has to be scrolled sideways to use).
    Cut off completely or covered: blocked. Partly cut off: a struggle."""
    if shown_fraction <= 0.01:
        return View("blocked", f"'{label}' is cut off: it is inside a box too small for its text at {zoom}% zoom, "
                               f"so {name} cannot see it at all")
    right = rect["x"] + rect["width"]
    if right > viewport_width + 1:
        if rect["width"] <= viewport_width:
            shown = max(0, round(viewport_width - rect["x"]))
            where = "is entirely off" if rect["x"] >= viewport_width else \
                f"shows only {shown} of its {round(rect['width'])} px on"
            return View("blocked", f"{name} has to scroll sideways to find '{label}': the page is "
                                   f"{round(page_width)} px wide at {zoom}% zoom and '{label}' {where} the "
                                   f"{round(viewport_width)} px wide screen", True)
        reason = f"'{label}' is wider than {name}'s screen at {zoom}% zoom: {name} scrolls sideways to use it"
        return View("struggled", reason, True)
    if covered_by:
        return View("blocked", f"'{label}' is hidden under {covered_by}, so {name} cannot click it")
    if shown_fraction < 0.9:
        return View("struggled", f"'{label}' is partly cut off at {zoom}% zoom; {name} has to guess what it says")
    return View("ok", "")
