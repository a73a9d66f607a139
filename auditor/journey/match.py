"""Finding the control a step names: which roles fit a verb, and the order in which names are matched.

Pure: candidates are plain dicts (``mark``: the page's id for the element, ``role``, ``name``, ``via``).

Matching order (the first tier that finds anything decides; several distinct elements there = ambiguous):

1. **accessible name**: nodes of the accessibility tree whose role fits the verb (``ROLES``) and whose name
   matches the step's name as a person says it (``auditor.model.scenario.names_match``: case, surrounding
   punctuation and spaces ignored). Chromium gives a field named only by its placeholder that placeholder as
   its name, so a sighted user finds it here too. This is the only tier a screen reader user has.
2. **what a sighted person sees** (*visual association*; only for personas who see the page: ``Persona.sees_page``,
   false under a screen curtain): a field whose visible placeholder matches; the ``<label>`` the text is
   written in; or the text that labels a control on screen, found the way people read a form
   (``visualLabels`` in auditor/journey/page.py):
   - a radio button or check box: the run of text right after it in reading order ("( ) Yes" in the same flow
     of text, wrapped or not, or "Yes" in the next table cell, on its line to its right), unless its line
     starts with text and ends with a radio button or check box ("Yes ( ) No ( )": the text before it);
   - any other field (and a radio or check box with nothing after it): the nearest run of text before it in
     reading order that is to its left on the same line (the table cell beside it) or above it (overlapping
     it sideways, radio buttons or check boxes between allowed, another text field between not), inside the
     same list item, fieldset or form. A run of text labels one control only: the nearest that chose it.
   A run of text is the text between two controls, block edges or ``<br>``; it matches as a whole or by its
   first piece ("Name:" of "<b>Name:</b> (as on your bill)"); ``<font>``, ``<b>``, ``<span>`` do not split it.
   For ``press``: the innermost visible text that matches, taken up to the nearest thing that looks
   clickable (an ``onclick``, a pointer cursor, a role or tabindex): the ``div`` dressed as a button.
3. **the next field after the text** (sighted, for fields only, when tier 2 finds nothing): visible text that
   matches and labels nothing by the rules above; the first field of the kind after it in reading order.

Only visible elements count for sighted users (an off-screen skip link is not something they click). How a
control was found, when not by an accessible name a label gives it, is the step's evidence (``evidence``):
"found 'Name' as the text beside the field, not as its label".

When the mouse user finds nothing, the step is a scenario error whose message lists the three names or texts
on the page nearest to the step's (``nearest``), or says that the text is there but no control of the kind
goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from auditor.model.scenario import normalise_name

ROLES: dict[str, frozenset[str]] = {
    "press": frozenset({"button", "link", "menuitem", "menuitemcheckbox", "menuitemradio", "tab",
                        "DisclosureTriangle", "switch"}),
    "fill": frozenset({"textbox", "searchbox", "spinbutton", "combobox"}),
    "choose": frozenset({"radio", "menuitemradio"}),
    "check": frozenset({"checkbox", "switch", "menuitemcheckbox"}),
    "uncheck": frozenset({"checkbox", "switch", "menuitemcheckbox"}),
    "select": frozenset({"combobox", "listbox"}),
}

# What a step calls the control it looks for, for messages.
KIND_WORDS = {"press": "button or link", "fill": "text field", "choose": "radio button", "check": "check box",
              "uncheck": "check box", "select": "drop-down list"}


# What the control is called in evidence sentences, by verb.
THING_WORDS = {"press": "button", "fill": "field", "choose": "radio button", "check": "check box",
               "uncheck": "check box", "select": "drop-down list"}
# What a screen reader user meets, by role: "an edit field with no name".
ROLE_WORDS = {"textbox": "an edit field", "searchbox": "a search field", "spinbutton": "a spin button",
              "combobox": "a combo box", "listbox": "a list box", "radio": "a radio button",
              "checkbox": "a check box", "switch": "a switch", "button": "a button", "link": "a link"}


@dataclass
class Match:
    found: dict | None = None
    error: str = ""              # "" when found; otherwise the scenario error (nothing or several)
    ambiguous: list[dict] | None = None


def fits(verb: str, role: str, tag: str = "") -> bool:
    """Does a node of this role fit the verb? ``fill`` never means a drop-down list (Chromium calls a native
    select a combobox, like an editable combo box); ``select`` means a native select (options to pick)."""
    if role not in ROLES.get(verb, ()):
        return False
    if verb == "fill" and tag == "select":
        return False
    if verb == "select" and tag and tag != "select":
        return False
    return True


def dedupe(candidates: list[dict]) -> list[dict]:
    """One entry per element (by ``mark``), first occurrence kept."""
    seen: set[str] = set()
    out = []
    for c in candidates:
        key = str(c.get("mark") or id(c))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def pick(verb: str, wanted: str, tiers: list[list[dict]]) -> Match:
    """The one element the step means, from candidate tiers in matching order."""
    for tier in tiers:
        found = dedupe(tier)
        if len(found) == 1:
            return Match(found[0])
        if len(found) > 1:
            where = ", ".join(describe(c) for c in found[:4]) + (" ..." if len(found) > 4 else "")
            return Match(error=f"'{wanted}' is ambiguous: {len(found)} {KIND_WORDS.get(verb, 'controls')}s match "
                               f"({where}); name it so that only one matches", ambiguous=found)
    return Match(error=f"no {KIND_WORDS.get(verb, 'control')} called '{wanted}' on this page")


def describe(candidate: dict) -> str:
    role = candidate.get("role") or candidate.get("tag") or "element"
    name = candidate.get("name") or candidate.get("text") or ""
    sel = candidate.get("selector") or ""
    return f"{role} '{name}'" + (f" at {sel}" if sel else "")


def other_roles_hint(verb: str, wanted: str, nodes: list[tuple[str, str]]) -> str:
    """When nothing fits: 'there is a link called ...' if the name belongs to something of another role."""
    roles = sorted({role for role, name in nodes if normalise_name(name) == normalise_name(wanted)
                    and role not in ROLES.get(verb, ()) and role not in ("StaticText", "generic", "LabelText")})
    if not roles:
        return ""
    return f" (there is a {' and a '.join(roles)} called '{wanted}': is the step's verb right?)"


def evidence(verb: str, via: dict | None, name: str = "", name_from: str = "") -> str:
    """How a control was found, when it was not by a name its label gives it ("" then). ``via`` is the page's
    {how, text} for tiers 2 and 3; ``name_from`` the accessible name's source for tier 1."""
    thing = THING_WORDS.get(verb, "control")
    if via:
        how, text = via.get("how", ""), " ".join(str(via.get("text") or "").split())
        if how in ("beside", "after"):
            return f"found '{text}' as the text beside the {thing}, not as its label"
        if how == "above":
            return f"found '{text}' as the text above the {thing}, not as its label"
        if how == "next":
            return f"found '{text}' as the text before the {thing}, not as its label"
        if how == "placeholder":
            return f"found '{text}' as the {thing}'s placeholder, not as its label"
        if how == "text":
            return f"found '{text}' as text that looks clickable, not as a {KIND_WORDS.get(verb, 'control')}"
        if how == "label":
            said = f"'{name}'" if name else "nothing"
            return f"found '{text}' as the label shown for the {thing}, though its accessible name is {said}"
        return ""
    if name_from == "placeholder":
        return f"found '{name}' as the {thing}'s placeholder, not as its label"
    if name_from == "title":
        return f"found '{name}' as the {thing}'s title (a tooltip), not as its label"
    return ""


def nearest(wanted: str, names: list[str], count: int = 3) -> list[str]:
    """The ``count`` names or texts on the page closest to what the step says (for a scenario error)."""
    key = normalise_name(wanted)
    seen: dict[str, str] = {}
    for name in names:
        text = " ".join(str(name).split())
        norm = normalise_name(text)
        if norm and norm != key and norm not in seen and len(text) <= 80:
            seen[norm] = text
    ranked = sorted(seen.items(), key=lambda kv: -SequenceMatcher(None, key, kv[0]).ratio())
    return [text for _, text in ranked[:count]]


def not_found(verb: str, wanted: str, texts: list[str], names: list[str]) -> str:
    """The scenario error for a step no one could do: what is nearest on the page, or that the text is there
    but nothing of the kind goes with it."""
    kind = KIND_WORDS.get(verb, "control")
    if any(normalise_name(t) == normalise_name(wanted) for t in texts):
        return f"'{wanted}' is on this page, but no {kind} goes with it"
    close = ", ".join("'" + c + "'" for c in nearest(wanted, names + texts))
    tail = f" (nearest on the page: {close})" if close else ""
    return f"no {kind} called '{wanted}' on this page{tail}"
