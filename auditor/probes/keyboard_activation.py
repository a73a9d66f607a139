"""Probe ``keyboard_activation``: what Tab reaches works from the keyboard as its role promises (WCAG 2.1.1, 4.1.2).

Reads the ``tabwalk`` artifact's ``activation`` entries: Tab stops that are not native controls or that carry
an explicit role, with who listens for clicks and for keys (the element, an ancestor, the page: the
document or window, which covers delegated handlers). Reports:
- a native link given ``role="button"`` with no key listener anywhere: ``fail`` (4.1.2), moderate. It is
  announced as a button, but Space, the key that presses buttons, does nothing: browsers only follow links on
  Enter. The role promises what the element does not do; Enter still works, hence moderate, not critical.
  GOV.UK's start-button pattern is such a link and adds a Space handler in script, which this check sees;
- a non-native element with a widget role (button, checkbox, tab, link, menu item...) that listens for clicks
  but with no key listener anywhere: ``fail`` (2.1.1). Tab reaches it, but neither Enter nor Space works;
- a non-native element with no role (a <p>, <div> or <span> with tabindex="0") that listens for nothing, is not
  a scroll area and holds no control: ``fail`` (best practice, as axe's ``focus-order-semantics``). A Tab
  stop that does nothing costs Christopher a key press and tells Ashleigh nothing about what it is.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="keyboard_activation",
    summary="controls that Enter or Space do not work, and Tab stops that do nothing",
    title="Controls work from the keyboard as their role promises",
    failure_title="Controls do not work from the keyboard as their role promises",
    wcag=("2.1.1", "4.1.2"),
    personas=("christopher", "ashleigh"),
    impact="serious",
    fix="Use real <button> and <a href> elements: they work with Enter and Space for free. A custom control "
        "needs keydown handling for Enter and Space; remove tabindex from things that do nothing.",
    artifacts=("tabwalk",),
    why={
        "christopher": "He presses Space on a button and Enter on a link: a control that ignores them is dead.",
        "ashleigh": "Her screen reader tells her it is a button, so she presses Space.",
    },
)

WIDGET_ROLES = {"button", "checkbox", "switch", "tab", "link", "menuitem", "menuitemcheckbox", "menuitemradio",
                "option", "radio", "treeitem", "slider", "spinbutton", "combobox"}
NO_ROLE = {"", "none", "presentation", "generic", "paragraph", "text"}


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings: list[Finding] = []
    for item in records(artifacts, "tabwalk", "activation") or []:
        name = " ".join((item.get("name") or "").split())
        explicit = item.get("explicit_role") or ""
        label = f"'{name}'" if name else f"an unnamed {explicit or item.get('tag') or 'element'}"
        base = dict(element=item, role=explicit or item.get("role") or "", name=name)
        if item.get("key"):
            continue
        if item.get("native") and item.get("tag") == "a" and explicit == "button":
            findings.append(META.finding(
                outcome="fail", impact="moderate", wcag=["4.1.2"], key="link-as-button",
                heard=f"{name}, button", message=f"{{who}} hears '{name}, button' and may press Space, which does "
                                                   "nothing here: it is a link dressed as a button, and links only answer "
                                                   "Enter (Enter works)",
                fix="Use a <button> (or, if it goes to another page, drop role=\"button\" and let it be a link).",
                **base))
        elif not item.get("native") and explicit in WIDGET_ROLES and item.get("click"):
            findings.append(META.finding(
                outcome="fail", impact="critical", wcag=["2.1.1"], key="no-keys",
                heard=f"{name}, {explicit}",
                message=f"{{who}} reaches {label} with Tab, but neither Enter nor Space does anything: it only "
                        "answers a mouse click", **base))
        elif not item.get("native") and explicit in NO_ROLE and not item.get("click") and not item.get("scrollable") \
                and str(item.get("tabindex") or "").strip() not in ("", "-1") and not item.get("has_control"):
            findings.append(META.finding(
                outcome="fail", impact="minor", wcag=["4.1.2"], key="inert-stop",
                message=f"{{who}} presses Tab and lands on {label}, which does nothing and is not a control: "
                        "tabindex=\"0\" put it in the Tab order",
                fix="Remove tabindex from elements that do nothing (use tabindex=\"-1\" for a target that scripts "
                    "move focus to).", **base))
    return findings
