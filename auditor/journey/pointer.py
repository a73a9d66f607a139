"""Ron: the mouse with a tremor (and mild sight loss). Targets must be ``persona.audit.min_target_size``
CSS px (44 for Ron) to hit reliably.

He finds controls as any sighted person does and clicks them; before each click ``verdict.target_reach``
decides whether a slip matters: a target smaller than his size with another target within half that size of
its centre is ``struggled`` (he hits the wrong one and has to try again: one retry and one extra click are
counted; the wrong click itself is not performed, so the run can go on). A small target with nothing else
nearby is ok: a slip lands on nothing.
"""

from __future__ import annotations

from auditor.journey.base import Actor, Target
from auditor.journey.verdict import StepResult, target_reach, worse
from auditor.model.scenario import Step

DEFAULT_MIN_SIZE = 44


class PointerActor(Actor):
    mode = "pointer"

    def operate(self, step: Step, target: Target, res: StepResult) -> None:
        size = int(getattr(getattr(self.persona, "audit", None), "min_target_size", DEFAULT_MIN_SIZE))
        spot = self.jp.js("reveal", mark=target.mark, sideways=True)
        if spot is not None:
            others = self.jp.js("neighbours", mark=target.mark, radius=size)
            reach = target_reach(self.name, target.name or step.target, spot["rect"], others, size)
            if reach.outcome != "ok":
                res.outcome = worse(res.outcome, reach.outcome)
                res.reason = res.reason or reach.reason
                res.cost.retries += 1
                res.cost.clicks += 1
        self.mouse_operate(step, target, res, sideways=True)
