"""What every way of acting shares: the target a step names, finding it as a sighted person does, and
clicking it with a mouse.

An actor performs the control steps (press, fill, choose, check, uncheck, select) of a scenario on a
``JourneyPage``; the runner does the rest (go to, expect, wait, pauses). ``find`` fills the step result with a
blocked outcome (or a scenario error, for the baseline) when it finds nothing; ``operate`` does the step and
records its cost and outcome.

Visual association (the text beside or above a control, match.py's tiers 2 and 3) is used only by actors whose
persona sees the page (``Persona.sees_page``; the baseline always does). How a control was found, when not by
its label, is kept as the step's ``found`` evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from auditor.browser import ContextOptions
from auditor.journey.match import Match, evidence, fits, not_found, other_roles_hint, pick
from auditor.journey.page import JourneyPage
from auditor.journey.verdict import StepResult, worse
from auditor.model.scenario import Step, names_match, normalise_name


@dataclass
class Target:
    mark: str
    facts: dict
    role: str = ""
    name: str = ""
    name_from: str = ""
    backend_id: int | None = None
    via: dict | None = None       # how a sighted person found it (tiers 2 and 3 of match.py), None: by its name

    @property
    def element(self) -> dict[str, str]:
        return {"selector": self.facts.get("selector", ""), "role": self.role or self.facts.get("tag", ""),
                "name": self.name, "snippet": start_tag(self.facts.get("snippet", ""))}


def start_tag(snippet: str) -> str:
    """The element's start tag as the page has it (without the run's own mark), to tie it to findings."""
    tag = snippet[: snippet.find(">") + 1] if ">" in snippet else snippet
    return re.sub(r' data-elab-j="[^"]*"', "", tag)


class Actor:
    """A way of working through a scenario. Subclasses set ``mode`` and override what differs."""

    mode = "baseline"

    def __init__(self, jp: JourneyPage, name: str, persona: Any = None, validate: bool = False):
        self.jp = jp
        self.name = name
        self.persona = persona
        self.validate = validate      # the baseline: a name that matches nothing is a scenario error

    @property
    def sees_page(self) -> bool:
        """May this actor find controls by visual association? The baseline (no persona) sees the page."""
        return self.persona is None or bool(getattr(self.persona, "sees_page", True))

    @staticmethod
    def context_options(persona: Any = None) -> ContextOptions:
        return ContextOptions()

    @staticmethod
    def prepare(page: Any, persona: Any = None) -> None:
        """Set the page up before the first navigation (init scripts)."""

    # -- finding -----------------------------------------------------------------------------------------
    def find(self, step: Step, res: StepResult) -> Target | None:
        match = self.find_sighted(step, visual=self.sees_page)
        return self.accept(step, res, match)

    def find_sighted(self, step: Step, visual: bool = True) -> Match:
        """The matching order of auditor/journey/match.py: the accessible name, then (``visual``) what a
        sighted person sees."""
        view = self.jp.ax()
        tier_a = []
        for node in view.root.walk():
            if node.backend_id is None or not fits(step.verb, node.role) or not names_match(step.target, node.name):
                continue
            facts = self.jp.adopt(node.backend_id)
            if facts and facts["visible"] and fits(step.verb, node.role, facts["tag"]):
                tier_a.append({**facts, "role": node.role, "name": node.name, "name_from": node.name_from,
                               "backend_id": node.backend_id})
        seen = []
        if visual and not tier_a:
            for facts in self.jp.js("seen", verb=step.verb, wanted=normalise_name(step.target)):
                backend = self.jp.backend_of(facts["mark"])
                node = view.by_backend.get(backend) if backend is not None else None
                seen.append({**facts, "role": node.role if node else "", "name": node.name if node else "",
                             "name_from": node.name_from if node else "", "backend_id": backend})
        tiers = [tier_a] + [[c for c in seen if c["via"]["tier"] == tier] for tier in (2, 3)]
        match = pick(step.verb, step.target, tiers)
        if match.found is None and not match.ambiguous:
            nodes = [(n.role, n.name) for n in view.root.walk()]
            if self.validate:     # the scenario error: what the page has that is nearest
                texts = self.jp.js("texts") if visual else []
                match.error = not_found(step.verb, step.target, texts, [name for _, name in nodes if name])
            match.error += other_roles_hint(step.verb, step.target, nodes)
        return match

    def accept(self, step: Step, res: StepResult, match: Match) -> Target | None:
        if match.found is None:
            res.outcome = "blocked"
            if self.validate:
                res.scenario_error = match.error
                res.reason = f"the mouse user found {match.error}"
            else:
                res.reason = f"{self.name} found {match.error}"
            return None
        f = match.found
        shown = (f.get("via") or {}).get("text", "")
        target = Target(f["mark"], f, f.get("role", ""), f.get("name") or shown or f.get("text", ""),
                        f.get("name_from", ""), f.get("backend_id"), f.get("via"))
        res.element, res.mark = target.element, target.mark
        res.found = evidence(step.verb, target.via, f.get("name", ""), target.name_from)
        if step.verb == "select" and self.option_index(target, step.value) < 0:
            res.outcome = "blocked"
            options = ", ".join(f"'{o}'" for o in (f.get("options") or [])[:8])
            error = f"no option '{step.value}' in '{step.target}' (options: {options})"
            if self.validate:
                res.scenario_error = error
            res.reason = f"{'the mouse user' if self.validate else self.name} found {error}"
            return None
        return target

    @staticmethod
    def option_index(target: Target, option: str) -> int:
        for i, text in enumerate(target.facts.get("options") or []):
            if names_match(option, text):
                return i
        return -1

    # -- doing -------------------------------------------------------------------------------------------
    def do(self, step: Step, res: StepResult) -> None:
        target = self.find(step, res)
        if target is not None:
            self.operate(step, target, res)
            self.check_effect(step, target, res)

    def operate(self, step: Step, target: Target, res: StepResult) -> None:
        self.mouse_operate(step, target, res, sideways=True)

    def check_effect(self, step: Step, target: Target, res: StepResult) -> None:
        """After a step on a field: did it take? (A step that did nothing blocks.)"""
        if res.outcome == "blocked" or step.verb == "press":
            return
        state = self.jp.js("value", mark=target.mark)
        if state is None:
            return
        ok = {"fill": lambda: normalise_name(state["value"]) == normalise_name(step.value),
              "choose": lambda: state["checked"], "check": lambda: state["checked"],
              "uncheck": lambda: not state["checked"],
              "select": lambda: state["selectedIndex"] == self.option_index(target, step.value)}[step.verb]()
        if not ok:
            res.outcome = "blocked"
            res.reason = res.reason or f"{self.name} tried to {step.verb} '{step.target}' but it did not take"

    # -- the mouse ---------------------------------------------------------------------------------------
    def click(self, target: Target, res: StepResult, sideways: bool, press: bool = True) -> bool:
        """Click the target's centre, after scrolling it into view. Something covering it is moved out of
        the way once (a click on a blank spot, as people close a pop-up): a retry. False when still covered.
        ``press`` False: only aim (a drop-down list is then opened and chosen from by ``select_option``)."""
        spot = self.jp.js("reveal", mark=target.mark, sideways=sideways)
        if spot is None:
            res.outcome, res.reason = "blocked", f"'{target.name}' went away before {self.name} could click it"
            return False
        if not spot["ok"]:
            blank = self.jp.js("blankPoint", mark=target.mark)
            if blank:
                self.jp.page.mouse.click(blank["x"], blank["y"])
                res.cost.clicks += 1
            res.cost.retries += 1
            spot = self.jp.js("reveal", mark=target.mark, sideways=sideways)
            if spot is None or not spot["ok"]:
                covered = spot["covered_by"] if spot else "something"
                res.outcome = "blocked"
                res.reason = f"'{target.name}' is hidden under {covered}, so {self.name} cannot click it"
                return False
            res.outcome = worse(res.outcome, "struggled")
            res.reason = res.reason or (f"something covered '{target.name}'; {self.name} had to click elsewhere "
                                        "to get it out of the way")
        if press:
            self.jp.page.mouse.click(spot["x"], spot["y"])
            res.cost.clicks += 1
        return True

    def mouse_operate(self, step: Step, target: Target, res: StepResult, sideways: bool) -> None:
        verb = step.verb
        if verb in ("choose", "check", "uncheck"):
            state = self.jp.js("value", mark=target.mark)
            wanted = verb != "uncheck"
            if state and state["checked"] == wanted:
                return
        token = self.jp.token()
        if not self.click(target, res, sideways, press=verb != "select"):
            return
        if verb == "press":
            self.jp.settle(token, expect_navigation=True)
        elif verb == "fill":
            if self.jp.js("value", mark=target.mark)["value"]:
                self.jp.page.keyboard.press("ControlOrMeta+a")
            self.jp.page.keyboard.type(step.value)
        elif verb == "select":
            label = target.facts["options"][self.option_index(target, step.value)]
            self.jp.locator(target.mark).select_option(label=label, timeout=5000)
            res.cost.clicks += 2      # open the list, click the option
            self.jp.settle(token, expect_navigation=False)
        else:
            self.jp.settle(token, expect_navigation=False)
