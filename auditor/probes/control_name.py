"""Probe ``control_name``: every button, link and field says what it is, in words that match what is shown.

Reads the ``axtree`` artifact (its ``nodes``: role, name, name_from, states, dom.text, dom.labels) and, to
avoid saying what axe already says, the ``axe`` artifact. Reports:
- a control with no accessible name (fail): Ashleigh hears only "button" or "edit text". Left to axe when
  axe ran (``button-name``, ``link-name``, ``label``, ``select-name``, ``aria-*-name`` say it already);
- a field whose only name is its placeholder (review, see below);
- a name that does not contain the control's visible text (fail, WCAG 2.5.3 Label in Name): someone who says
  "click Send" to voice control gets nothing when the name is "Submit form". Only names set over the visible
  text (aria-label, aria-labelledby, title) are compared, on the text a sighted user sees (visually hidden
  words left out: ``dom.shown_text``), as whole words, by ACT's label-in-name algorithm (text in round brackets
  is a hint, not the label; hyphenation, and abbreviations written with a full stop, do not count); a lone letter or glyph ("X", "×") is a symbol, not a
  label (a lone digit is a number, and is compared); text drawn in a fallback because its font did not load
  (``dom.font_missing``: an icon font's ligature would show an icon) is a review. axe's ``label-content-name-mismatch`` is experimental and off in our
  axe run; when a configuration turns it on and it reports something, this check is left to it.

Placeholder-only names are ``review``, not ``fail``: Chromium (following HTML-AAM) does take a placeholder as
the accessible name, so the field is announced ("Search, edit text") and 4.1.2 can be met; but the hint
vanishes as soon as someone types, some screen reader and browser pairs do not read it, and its pale text is
hard to see. Whether that fails 3.3.2 depends on the form (a lone search box with a search button is
commonly accepted), so a person must judge.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.model.axnode import from_dict
from auditor.model.phrasing import phrase
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="control_name",
    summary="a control a screen reader announces with no name",
    title="Every control has a name that matches its visible label",
    failure_title="Controls have no name, or a name that differs from what is shown",
    wcag=("4.1.2", "1.3.1", "2.5.3"),
    personas=("ashleigh", "christopher"),
    impact="serious",
    fix="Give every button and link text, and every field a visible <label>; where an aria-label is needed, "
        "start it with the words shown on screen.",
    artifacts=("axtree", "axe"),
    why={
        "ashleigh": "Her screen reader reads the accessible name; without one she hears only \"button\" or "
                    "\"edit text\".",
        "christopher": "Typing hurts, so he may drive the computer by voice (\"click Continue\"): that works only "
                       "when the name contains the words he can see.",
    },
)

FIELD_ROLES = {"textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "switch", "slider", "spinbutton"}
ACTION_ROLES = {"button", "link", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "DisclosureTriangle"}
# What not knowing the name costs, by role.
CONSEQUENCE = {
    "textbox": "cannot tell what to type", "searchbox": "cannot tell what to type",
    "combobox": "cannot tell what to choose", "listbox": "cannot tell what to choose",
    "checkbox": "cannot tell what it is for", "radio": "cannot tell what it is for",
    "switch": "cannot tell what it turns on", "slider": "cannot tell what it sets",
    "spinbutton": "cannot tell what number to give", "link": "cannot tell where it goes",
}
# axe rules that already report an unnamed control, and axe's label-in-name rule.
AXE_NAME_RULES = {"button-name", "link-name", "label", "select-name", "input-button-name", "aria-command-name",
                  "aria-input-field-name", "aria-toggle-field-name"}
AXE_LABEL_IN_NAME = "label-content-name-mismatch"
OVERRIDING_SOURCES = {"aria-label", "aria-labelledby", "title"}


HYPHENS = "-\u2010\u2011\u00ad"   # hyphen-minus, hyphen, non-breaking hyphen, soft hyphen


def _tokens(text: str, hyphens: str) -> list[tuple[str, bool]]:
    """ACT's label-in-name algorithm: lower case; text within round brackets left out (a format hint, "Search by
    date (YYYY-MM-DD)"); every character that is not a letter, mark or digit a space; then words. Each word says
    whether a full stop follows it (an abbreviation: "Ave."). ``hyphens``: "join" reads "non-standard" as
    "nonstandard", "split" as "non standard" (spoken alike)."""
    text = re.sub(r"\([^()]*\)", " ", text.casefold())
    text = re.sub(f"[{HYPHENS}]", "" if hyphens == "join" else " ", text)
    return [(m.group(1), bool(m.group(2))) for m in re.finditer(r"([^\W_]+)(\.)?", text)]


def _in_name(shown: str, said: str) -> bool:
    """The visible words are in the name, in order and next to each other, as whole words: 'Discover It' is not
    in 'Discover Italy', nor 'justice' in 'just ice' (voice control matches words). A visible word written with
    a full stop after it may abbreviate a word of the name ('Ave.' for 'Avenue', 'Rd.' for 'Road').
    Hyphenation does not count ('nonstandard' is in 'non-standard')."""
    def same(word: tuple[str, bool], named: str) -> bool:
        if word[0] == named:
            return True
        # an abbreviation keeps the word's first letter and some of the others, in order ("Rd." for "Road")
        rest = iter(named[1:])
        return word[1] and len(word[0]) > 1 and named[:1] == word[0][:1] and all(c in rest for c in word[0][1:])

    for hyphens in ("split", "join"):
        label, name = _tokens(shown, hyphens), [w for w, _ in _tokens(said, hyphens)]
        if not label or any(all(same(w, name[i + k]) for k, w in enumerate(label))
                            for i in range(len(name) - len(label) + 1)):
            return True
    return False


def _axe_rules(artifacts: dict) -> set[str]:
    axe = artifacts.get("axe") or {}
    """Ids of the axe rules with results (violations or needs review) on this page."""
    return {r.get("id") for key in ("violations", "incomplete") for r in axe.get(key, []) if isinstance(r, dict)}


def _visible_label(node: dict) -> str:
    dom = node.get("dom") or {}
    if node["role"] in FIELD_ROLES:
        return dom.get("labels") or ""
    # the text a sighted user sees (visually hidden words left out) where the gatherer gave it
    return dom.get("shown_text") if "shown_text" in dom else (dom.get("text") or "")


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    tree = artifacts.get("axtree")
    if not isinstance(tree, dict) or "nodes" not in tree:
        return []
    axe_did = axe_ran(artifacts)
    axe_rules = _axe_rules(artifacts)
    findings: list[Finding] = []
    for data in tree["nodes"]:
        role = data.get("role")
        if role not in FIELD_ROLES and role not in ACTION_ROLES:
            continue
        node = from_dict(data)
        heard = phrase(node)
        name = node.name.strip()
        base = dict(selector=node.selector, snippet=node.snippet, role=role, name=name, heard=heard)
        if not name:
            if axe_did:
                continue
            consequence = CONSEQUENCE.get(role, "cannot tell what it does")
            findings.append(META.finding(
                "fail", f"{{who}} hears '{heard}' and {consequence}: it has no name",
                impact="critical" if role in FIELD_ROLES or role == "button" else "serious",
                wcag=["4.1.2", "1.3.1"] if role in FIELD_ROLES else ["4.1.2"], personas=["ashleigh"],
                key=node.selector, **base))
            continue
        if role in FIELD_ROLES and node.name_from == "placeholder":
            findings.append(META.finding(
                "review", f"{{who}} hears '{heard}', but that name is only the placeholder: it vanishes once "
                          "typing starts and is not read by every screen reader", impact="moderate",
                fix="Add a visible <label> that stays when the field is filled in; keep the placeholder for an "
                    "example, if at all.",
                wcag=["3.3.2", "1.3.1", "4.1.2"], personas=["ashleigh"], **base))
            continue
        if node.name_from in OVERRIDING_SOURCES and AXE_LABEL_IN_NAME not in axe_rules:
            visible = " ".join(_visible_label(data).split())
            shown = " ".join(w for w, _ in _tokens(visible, "split"))
            # a single character ("X", "+", "<") is a symbol, not words a person would say (ACT: text that
            # expresses something in human language)
            if shown and (len(shown) > 1 or shown.isdigit()) and len(shown) <= 120 and not _in_name(visible, name):
                font = (data.get("dom") or {}).get("font_missing")
                if font:
                    # drawn in a fallback font: an icon font's ligature ("search" drawn as a magnifier) shows
                    # no words at all when the font loads; a person looks (ACT assumes resources load)
                    findings.append(META.finding(
                        "review", impact="moderate",
                        message=f"Its text '{visible}' is set in the font '{font}', which did not load here: if "
                                f"the font draws an icon, the name '{name}' is fine; if it shows the words, "
                                f"{{who}} saying 'click {visible}' to voice control gets nothing",
                        fix="Check what the control shows with its font; if it shows words, start the accessible "
                            "name with them.", wcag=["2.5.3"], personas=["christopher", "ashleigh"], **base))
                    continue
                findings.append(META.finding(
                    "fail", impact="serious",
                    message=f"It shows '{visible}' but its name is '{name}': {{who}} hears '{heard}', and saying "
                            f"'click {visible}' to voice control does nothing",
                    fix=f"Start the accessible name with the visible words ('{visible}'), or drop the aria-label "
                        "so the visible text is the name.",
                    wcag=["2.5.3"], personas=["christopher", "ashleigh"], **base))
    return findings
