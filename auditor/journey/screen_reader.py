"""Ashleigh: a screen reader, the screen blanked. She knows the page only through the accessibility tree.

She moves her reading cursor down the page in reading order (``auditor.model.phrasing.stops``), hearing each
phrase, until she reaches a control whose role fits the step and whose accessible name matches; past the end
she goes back to the top. What she heard on the way is the step's ``transcript``; one arrow press per phrase
is counted as a key. She then moves keyboard focus onto the control (as a screen reader does when it enters
forms mode; CDP ``DOM.focus``) and acts with keys like Christopher (Enter, Space, arrows, typing). A control
that is not focusable is activated with a click, as NVDA and JAWS do from browse mode.

Blocked when nothing of the right role has that name. The reason says what she meets instead, at the control
a sighted person would use (found by visual association, auditor/journey/match.py): "Ashleigh tabbed to an
edit field with no name and could not tell it was 'Name'"; "Ashleigh hears 'txtSurname, edit text' and cannot
tell it is the Name text field"; "Ashleigh hears 'Continue' as plain text, not as a button, and cannot press
it". A persona in this mode who also sees the page (no screen curtain: ``Persona.sees_page``) looks at the
screen when the tree gives nothing, and finds the control as a sighted person does.

A field named only by its placeholder: Chromium gives the placeholder as the accessible name and screen
readers announce it, so she finds the field, but the step is ``struggled``: the placeholder vanishes as soon
as she types, so re-reading the field later ("what was this box?") gives nothing, and there is no lasting
label to check her answer against (WCAG 3.3.2). Blocking her there would overstate what real screen readers
do; calling it ok would hide the barrier.
"""

from __future__ import annotations

from auditor.journey.base import Actor, Target
from auditor.journey.keyboard import key_operate
from auditor.journey.match import KIND_WORDS, ROLE_WORDS, fits
from auditor.journey.verdict import StepResult, worse
from auditor.model.phrasing import Stop, phrase, stops
from auditor.model.scenario import Step, names_match


class ScreenReaderActor(Actor):
    mode = "screen_reader"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_commits = -1
        self.last_backend: int | None = None
        self.heard = 0

    def find(self, step: Step, res: StepResult) -> Target | None:
        view = self.jp.ax()
        heard = [s for s in stops(view.root)]
        if self.jp.commits != self.page_commits:
            self.page_commits, self.last_backend = self.jp.commits, None
        cursor = next((i for i, s in enumerate(heard) if not s.exit and self.last_backend is not None
                       and s.node.backend_id == self.last_backend), -1)
        order = list(range(cursor + 1, len(heard))) + list(range(0, cursor + 1))
        for i in order:
            stop = heard[i]
            if stop.exit or stop.node.backend_id is None or not fits(step.verb, stop.node.role) \
                    or not names_match(step.target, stop.node.name):
                continue
            facts = self.jp.adopt(stop.node.backend_id)
            if not facts or not fits(step.verb, stop.node.role, facts["tag"]):
                continue
            passed = order[: order.index(i) + 1]
            self.hear(res, [heard[j] for j in passed])
            self.last_backend = stop.node.backend_id
            node = stop.node
            target = Target(facts["mark"], facts, node.role, node.name, node.name_from, node.backend_id)
            res.element, res.mark = target.element, target.mark
            if step.verb == "select" and self.option_index(target, step.value) < 0:
                res.outcome, res.reason = "blocked", f"{self.name} found no option '{step.value}' in '{step.target}'"
                return None
            if node.name_from == "placeholder":
                res.outcome = worse(res.outcome, "struggled")
                res.reason = (f"{self.name} hears '{phrase(node)}' only from its placeholder: it goes silent once "
                              f"{self.name} types, so the answer cannot be checked against its question")
            return target
        self.hear(res, heard)
        if self.sees_page:
            return super().find(step, res)
        res.outcome = "blocked"
        res.reason = self.what_she_hears(step, view, res)
        return None

    def hear(self, res: StepResult, passed: list[Stop]) -> None:
        spoken = [s.phrase for s in passed if s.phrase]
        res.transcript = spoken
        res.cost.keys += len(spoken)
        self.heard += len(spoken)

    def what_she_hears(self, step: Step, view, res: StepResult | None = None) -> str:
        """The blocked reason, from the control a sighted person would use for this step (a field of the right
        role becomes the step's element, to be shown and tied to the audit's finding on it)."""
        kind = KIND_WORDS.get(step.verb, "control")
        sighted = self.find_sighted(step).found
        if sighted is None:
            return f"{self.name} went through the whole page and heard no {kind} called '{step.target}'"
        node = view.by_backend.get(sighted.get("backend_id")) if sighted.get("backend_id") is not None else None
        if node is None or not fits(step.verb, node.role):
            text = sighted.get("text") or step.target
            return (f"{self.name} hears '{text}' as plain text, not as a {kind}, and cannot "
                    f"{'press' if step.verb == 'press' else 'use'} it")
        if res is not None:
            res.element = Target(sighted["mark"], sighted, node.role, node.name).element
            res.mark = sighted["mark"]
        if not node.name.strip():
            met = ROLE_WORDS.get(node.role, f"a {kind}")
            return f"{self.name} tabbed to {met} with no name and could not tell it was '{step.target}'"
        return f"{self.name} hears '{phrase(node)}' and cannot tell it is the {step.target} {kind}"

    def operate(self, step: Step, target: Target, res: StepResult) -> None:
        focused = target.backend_id is not None and self.jp.focus_backend(target.backend_id) \
            and self.jp.js("activeIs", mark=target.mark)
        if focused:
            key_operate(self, step, target, res)
            return
        if step.verb == "press":
            token = self.jp.token()
            self.jp.js("jsClick", mark=target.mark)
            res.cost.keys += 1
            self.jp.settle(token, expect_navigation=True)
            return
        res.outcome = "blocked"
        res.reason = f"{self.name} found '{target.name}' but the keyboard focus cannot go into it"
