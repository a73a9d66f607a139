"""Christopher: keyboard only. No mouse events at all.

He sees the page, so he knows which control a step means (the sighted matching order). To reach it he
presses Tab (Shift+Tab when it lies above the focus), reading where focus went after each press, until the
focus is on it (for radios: on any radio of its group). Then:

- press: Enter;  fill: Ctrl+A when the field has text, then typing;  check/uncheck: Space when needed;
- choose: arrow keys within the radio group (each arrow moves and checks), Space when focus is already on it;
- select: arrow keys on the closed drop-down list until the option is chosen.

Key presses counted: Tab, Shift+Tab, arrows, Enter, Space, Ctrl+A (typed characters are not: everyone types
those). Blocked when focus goes all the way round the page (through ``body``) without reaching the control
(not focusable: the ``div`` dressed as a button), when it keeps going round a small set of things that never
passes ``body`` (a keyboard trap), or after ``MAX_PRESSES``. Struggled when reaching it took far more presses
than the page in reading order would need, or focus jumped back up the page on the way (positive tabindex):
see ``verdict.keyboard_effort``.
"""

from __future__ import annotations

from auditor.journey.base import Actor, Target
from auditor.journey.verdict import StepResult, keyboard_effort, worse
from auditor.model.scenario import Step

MAX_PRESSES = 60


class KeyboardActor(Actor):
    mode = "keyboard"

    def operate(self, step: Step, target: Target, res: StepResult) -> None:
        if self.reach(target, res):
            key_operate(self, step, target, res)

    def reach(self, target: Target, res: StepResult) -> bool:
        jp, label = self.jp, target.name or step_label(target)
        plan = jp.js("tabPlan", mark=target.mark)
        key = "Shift+Tab" if plan["backwards"] else "Tab"
        now = jp.js("focusStep", mark=target.mark)
        if now["reached"]:
            return True
        visits: list[str] = [now["key"]]
        labels: list[str] = [now["label"]]
        last_body = 0 if now["body"] else -1
        presses = jumps = 0
        while presses < MAX_PRESSES:
            jp.page.keyboard.press(key)
            presses += 1
            res.cost.keys += 1
            now = jp.js("focusStep", mark=target.mark)
            if now["reached"]:
                effort = keyboard_effort(self.name, label, presses, plan["natural"], jumps)
                if effort.outcome != "ok":
                    res.outcome = worse(res.outcome, effort.outcome)
                    res.reason = res.reason or effort.reason
                return True
            if now["body"]:
                last_body = len(visits)
            elif now["backwards"] == (key == "Tab"):
                jumps += 1
            if not now["body"] and now["key"] in visits:
                first = visits.index(now["key"])
                res.outcome = "blocked"
                if last_body > first:
                    res.reason = (f"{self.name} pressed {key} {presses} times, all the way round the page, and "
                                  f"never reached '{label}': it cannot be reached with the keyboard")
                else:
                    loop = visits[first:]
                    res.reason = (f"{self.name} pressed {key} {presses} times and got stuck: focus went round the "
                                  f"same {len(loop)} things (from '{labels[first]}') and would not leave, so "
                                  f"{self.name} never reached '{label}'")
                return False
            visits.append(now["key"])
            labels.append(now["label"])
        res.outcome = "blocked"
        res.reason = f"{self.name} pressed {key} {MAX_PRESSES} times and never reached '{label}'"
        return False


def step_label(target: Target) -> str:
    return target.facts.get("text") or target.facts.get("placeholder") or target.facts.get("selector", "")


def key_operate(actor: Actor, step: Step, target: Target, res: StepResult) -> None:
    """Do the step with keys once focus is on the target (shared with the screen reader user)."""
    jp, keyboard = actor.jp, actor.jp.page.keyboard

    def press(key: str, times: int = 1) -> None:
        for _ in range(times):
            keyboard.press(key)
            res.cost.keys += 1

    verb = step.verb
    if verb == "press":
        token = jp.token()
        press("Space" if target.role in ("checkbox", "switch") else "Enter")
        jp.settle(token, expect_navigation=True)
    elif verb == "fill":
        if jp.js("value", mark=target.mark)["value"]:
            press("ControlOrMeta+a")
        keyboard.type(step.value)
    elif verb == "choose":
        plan = jp.js("radioPlan", mark=target.mark)
        if plan["at"] >= 0 and plan["at"] != plan["target"]:
            diff = plan["target"] - plan["at"]
            press("ArrowDown" if diff > 0 else "ArrowUp", abs(diff))
        elif not plan["checked"]:
            press("Space")
    elif verb in ("check", "uncheck"):
        if jp.js("value", mark=target.mark)["checked"] != (verb == "check"):
            press("Space")
    elif verb == "select":
        current = jp.js("value", mark=target.mark)["selectedIndex"]
        diff = actor.option_index(target, step.value) - (current if current is not None and current >= 0 else 0)
        if diff:
            press("ArrowDown" if diff > 0 else "ArrowUp", abs(diff))
