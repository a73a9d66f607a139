"""Probe ``keyboard_trap``: once focus is in something, the keyboard can take it out again (WCAG 2.1.2).

Reads the ``tabwalk`` artifact: when the walk came back to an earlier stop without reaching the end of the page
(``end == "trap"``), the gatherer tried the ways out from inside, each judged where focus settles after the
page's own reactions (auditor/gatherers/tab/trap.py; ACT rule 80af7b's keyboard trap: standard keyboard
navigation in either direction, or the method the page advises). Reports:
- only Shift+Tab gets out: review. 2.1.2 allows Shift+Tab as a way out, but Tab alone never reaches what
  comes after, so a person must judge whether that content can be reached another way (2.1.1). But where a
  Shift+Tab walk from the end of the page is held as well (``backward.through`` false), neither direction
  gets a person through the page: fail;
- Escape getting out is the modal dialog pattern (focus kept inside until it is closed): nothing to report;
- neither gets out: the keys the page's text advises ("Ctrl+M", "press Escape"), found by the gatherer (after
  activating a control in the trap that offers help, where the text advises nothing) and pressed from inside.
  The advised method gets out: nothing to report (2.1.2: "the user is advised of the method"); it does not:
  fail where the advice is with the trap (inside the element holding it), a review where it is elsewhere on
  the page (it may be about something else: "Use Ctrl+F to find text"). Where nothing was pressed (the advice names no key, or an artifact from before the gatherer tried),
  advice in the page's text, or a control in the trap whose name offers help or the way out ("Help", "How to
  leave", "Exit", "Skip"), makes it a ``review``; otherwise fail: Christopher is stuck.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.model.keys import HELP_CONTROL, advice_in
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="keyboard_trap",
    summary="focus gets stuck and Tab cannot leave",
    title="Focus can always be moved away with the keyboard",
    failure_title="Keyboard focus gets stuck",
    wcag=("2.1.2",),
    personas=("christopher", "ashleigh"),
    impact="critical",
    fix="Let Tab and Shift+Tab move focus out of the component at its ends; a dialog that keeps focus inside "
        "must close with Escape and return focus to what opened it.",
    artifacts=("tabwalk",),          # and, where gathered, axtree or dom for the page's text (advised keys)
    why={
        "christopher": "He uses the keyboard only: if focus cannot leave a widget, the rest of the page is gone.",
        "ashleigh": "Her screen reader moves with keyboard focus; a trap ends her task.",
    },
)


def names(stops: list[dict], limit: int = 4) -> str:
    """"'A'", "'A' and 'B'", "'A', 'B' and 2 more"."""
    labels = [f"'{s.get('name') or s.get('tag') or 'an unnamed control'}'" for s in stops]
    if len(labels) > limit:
        labels = labels[:limit - 1] + [f"{len(labels) - limit + 1} more"]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def advised_keys(artifacts: dict) -> str | None:
    """The first text on the page that tells the user which key to press, or None."""
    tree, dom = artifacts.get("axtree"), artifacts.get("dom")
    lines = list(tree.get("transcript") or []) if isinstance(tree, dict) else []
    if isinstance(dom, dict):
        lines += [b.get("text") for b in dom.get("text_blocks") or [] if isinstance(b, dict)]
    return advice_in(lines)


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    walk = artifacts.get("tabwalk")
    if not isinstance(walk, dict) or walk.get("end") != "trap" or not isinstance(walk.get("trap"), dict):
        return []
    trap = walk["trap"]
    stops = walk.get("stops") or []
    inside = [stops[i] for i in trap.get("stops", []) if isinstance(i, int) and 0 <= i < len(stops)]
    if not inside or trap.get("escape_key_escapes") or trap.get("tab_escapes"):
        return []
    first = inside[0]
    if len(inside) == 1:
        where = f"focus jumps back to {names(inside)} on every Tab"
    else:
        where = f"Tab keeps going round {names(inside)}"
    base = dict(selector=first.get("selector", ""), snippet=first.get("snippet", ""),
                role=first.get("role", ""), name=first.get("name", ""),
                evidence={"trap_selectors": trap.get("selectors", [])})
    backward = trap.get("backward") if isinstance(trap.get("backward"), dict) else None
    if trap.get("shift_tab_escapes") and backward and backward.get("through") is False:
        held = backward.get("held") if isinstance(backward.get("held"), dict) else {}
        there = f"'{held.get('name') or held.get('tag') or 'a control'}'"
        return [META.finding("fail", f"{{who}} cannot get through the page either way: {where}, and going back "
                                     f"with Shift+Tab from the end of the page, focus is held at {there}",
                             **{**base, "evidence": {**base["evidence"], "backward_held": held}})]
    if trap.get("shift_tab_escapes"):
        return [META.finding("review", impact="serious", wcag=["2.1.1", "2.1.2"],
                             message=f"{{who}} is held in place: {where}. Only Shift+Tab leads back out, so "
                                     "nothing after them can be reached with Tab", **base)]
    tried = trap.get("advice") if isinstance(trap.get("advice"), dict) else None
    if tried and tried.get("escapes"):
        return []       # the method the page advises gets out (2.1.2: "the user is advised of the method")
    if tried and tried.get("near", True):
        keys = " or ".join(str(k) for k in tried.get("keys") or [])
        return [META.finding("fail", f"{{who}} is stuck: {where}. The page says '{tried.get('text')}', but "
                                     f"{keys} does not get out either, nor do Shift+Tab and Escape",
                             **{**base, "evidence": {**base["evidence"], "advice": tried}})]
    if tried:   # advice elsewhere on the page, which may be about something else: a person checks
        return [META.finding("review", impact="serious",
                             message=f"Check: {{who}} is held in place: {where}, and neither Shift+Tab nor Escape "
                                     f"gets out. The page says '{tried.get('text')}' (not beside them), and that "
                                     "does not get out either: check whether the page says how to leave",
                             **{**base, "evidence": {**base["evidence"], "advice": tried}})]
    advice = advised_keys(artifacts)
    helper = next((s.get("name") for s in inside if HELP_CONTROL.search(str(s.get("name") or ""))), None)
    if helper and not advice:
        return [META.finding("review", impact="serious",
                             message=f"Check: {{who}} is held in place: {where}, and neither Shift+Tab nor Escape "
                                     f"gets out. '{helper}' is among them: check that it tells the way out",
                             **{**base, "evidence": {**base["evidence"], "helper": helper}})]
    if advice:
        return [META.finding("review", impact="serious",
                             message=f"Check: {{who}} is held in place: {where}, and neither Shift+Tab nor Escape "
                                     f"gets out. The page says '{advice}': check that it leads out",
                             **{**base, "evidence": {**base["evidence"], "advice": advice}})]
    return [META.finding("fail", f"{{who}} is stuck: {where}, and neither Shift+Tab nor Escape gets out, so "
                                 "the rest of the page cannot be reached", **base)]
