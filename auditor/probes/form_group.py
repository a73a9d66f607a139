"""Probe ``form_group``: related choices are grouped, and every group says what it is (WCAG 1.3.1).

Reads ``dom.markup``:
- ``choice_groups``: two or more visible radio buttons (or checkboxes) sharing one name in one form. When any
  of them is outside a group with a name (<fieldset> with a <legend>, or role=group/radiogroup with
  aria-label/aria-labelledby), ``fail``: Ashleigh tabs to "Yes, radio button, 1 of 2" and never hears the
  question it answers;
- ``fieldsets``: a visible <fieldset> with no <legend> (and no aria-label/aria-labelledby), ``fail``: she hears
  an unnamed group, and whatever was meant to introduce it is not tied to it. ``moderate`` when it holds
  fields, ``minor`` when it holds none.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, part

META = ProbeMeta(
    id="form_group",
    summary="radio buttons and checkboxes not grouped under their question; fieldsets with no legend",
    title="Related choices are grouped with a name",
    failure_title="Related choices are not grouped, or groups have no name",
    wcag=("1.3.1",),
    personas=("ashleigh",),
    impact="moderate",
    fix="Wrap each set of radio buttons or checkboxes in a <fieldset> whose <legend> asks the question; give "
        "every <fieldset> a <legend>.",
    artifacts=("dom",),
    why={"ashleigh": "Tabbing into a set of radio buttons, she hears only the option, not the question, unless "
                     "the set is a named group."},
)

KIND = {"radio": "radio buttons", "checkbox": "checkboxes"}


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    markup = part(artifacts, "dom", "markup")
    if markup is None:
        return []
    findings: list[Finding] = []
    for group in markup.get("choice_groups") or []:
        if group.get("grouped"):
            continue
        kind = KIND.get(group.get("type"), "choices")
        options = [label for label in group.get("labels") or [] if label]
        first = options[0] if options else group.get("name", "")
        heard = f"{first}, {'radio button' if group.get('type') == 'radio' else 'check box'}, 1 of {group.get('count')}"
        findings.append(META.finding(
            outcome="fail", impact="moderate", role=group.get("type", ""), name=group.get("name", ""),
            key="ungrouped",
            message=f"{{who}} hears '{heard}' but not the question: these {group.get('count')} {kind} are not in a "
                    "group with a name" + (" (their group has no legend)" if group.get("in_group") else ""),
            heard=heard, selector=group.get("selector", ""), snippet=group.get("snippet", ""),
            evidence={"options": options}))
    for fieldset in markup.get("fieldsets") or []:
        if fieldset.get("name") or not fieldset.get("visible", True):
            continue
        fields = fieldset.get("controls") or 0
        findings.append(META.finding(
            outcome="fail", impact="moderate" if fields else "minor", role="group", name="",
            key=f"fieldset:{fieldset.get('selector', '')}",
            message="{who} hears 'group' with no name: this fieldset has no legend" +
                    (f", so its {fields} field{'s' if fields != 1 else ''} lose the question they answer" if fields else ""),
            heard="group", selector=fieldset.get("selector", ""), snippet=fieldset.get("snippet", "")))
    return findings
