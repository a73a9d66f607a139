"""Probe ``keyboard_trap``: once focus is in something, the keyboard can take it out again (WCAG 2.1.2).

Reads the ``tabwalk`` artifact: when the walk came back to an earlier stop without reaching the end of the page
(``end == "trap"``), the gatherer tried Shift+Tab and Escape from inside. Reports:
- neither gets out: fail, Christopher is stuck;
- only Shift+Tab gets out: review. 2.1.2 allows Shift+Tab as a way out, but Tab alone never reaches what
  comes after, so a person must judge whether that content can be reached another way (2.1.1).
Escape getting out is the modal dialog pattern (focus kept inside until it is closed): nothing to report.

2.1.2 also allows a way out by other keys when "the user is advised of the method". Where neither Tab,
Shift+Tab nor Escape gets out but the page's text names a key to press (a modifier combination such as
"Ctrl+M", or "press" with a key name: Escape, F6, Enter...), the trap is a ``review``: a person must try the
advised keys (the walk cannot know what a sentence tells it to press). So is a trap that holds a control
whose name offers help or the way out ("Help", "How to leave", "Exit", "Skip"): what it shows when pressed is
for a person to read.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
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


# A key combination ("Ctrl+M", "Alt + F4", "Shift-Tab"), or "press/hit/use ... <key name>".
KEY_ADVICE = re.compile(
    r"\b(?:ctrl|control|alt|option|shift|cmd|command|meta)\s*[+-]\s*[\w]+"
    r"|\b(?:press|hit|use|type)\b[^.]{0,40}?\b(?:esc|escape|enter|return|f\d{1,2}|space|spacebar|tab|"
    r"arrow keys?|key)\b", re.IGNORECASE)


# A control inside the trap whose name offers the way out or instructions ("Help", "How to leave this
# widget", "Exit", "Skip"): the method may be a press away (2.1.2: "the user is advised of the method").
HELP_CONTROL = re.compile(r"\b(?:help|how to|instructions?|exit|leave|escape|skip)\b", re.IGNORECASE)


def advised_keys(artifacts: dict) -> str | None:
    """The first text on the page that tells the user which key to press, or None."""
    tree, dom = artifacts.get("axtree"), artifacts.get("dom")
    lines = list(tree.get("transcript") or []) if isinstance(tree, dict) else []
    if isinstance(dom, dict):
        lines += [b.get("text") for b in dom.get("text_blocks") or [] if isinstance(b, dict)]
    for line in lines:
        if isinstance(line, str) and (m := KEY_ADVICE.search(line)):
            return line[:120] if len(line) <= 120 else m.group(0)
    return None


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    walk = artifacts.get("tabwalk")
    if not isinstance(walk, dict) or walk.get("end") != "trap" or not isinstance(walk.get("trap"), dict):
        return []
    trap = walk["trap"]
    stops = walk.get("stops") or []
    inside = [stops[i] for i in trap.get("stops", []) if isinstance(i, int) and 0 <= i < len(stops)]
    if not inside or trap.get("escape_key_escapes"):
        return []
    first = inside[0]
    if len(inside) == 1:
        where = f"focus jumps back to {names(inside)} on every Tab"
    else:
        where = f"Tab keeps going round {names(inside)}"
    base = dict(selector=first.get("selector", ""), snippet=first.get("snippet", ""),
                role=first.get("role", ""), name=first.get("name", ""),
                evidence={"trap_selectors": trap.get("selectors", [])})
    if trap.get("shift_tab_escapes"):
        return [META.finding("review", impact="serious", wcag=["2.1.1", "2.1.2"],
                             message=f"{{who}} is held in place: {where}. Only Shift+Tab leads back out, so "
                                     "nothing after them can be reached with Tab", **base)]
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
