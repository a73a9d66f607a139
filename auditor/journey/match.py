"""Finding the control a step names: which roles fit a verb, and the order in which names are matched.

Pure: candidates are plain dicts (``mark``: the page's id for the element, ``role``, ``name``, ``via``).

Matching order (the first tier that finds anything decides; several distinct elements there = ambiguous):

1. **accessible name**: nodes of the accessibility tree whose role fits the verb (``ROLES``) and whose name
   matches the step's name as a person says it (``auditor.model.scenario.names_match``: case, surrounding
   punctuation and spaces ignored). Chromium gives a field named only by its placeholder that placeholder as
   its name, so a sighted user finds it here too. This is the only tier a screen reader user has.
2. **what a sighted person sees** (baseline, keyboard, zoom and pointer users): a field whose visible
   placeholder matches; visible text that matches, for a field the label it is written in (or the next field
   after it); for ``press`` the innermost visible text that matches, taken up to the nearest thing that looks
   clickable (an ``onclick``, a pointer cursor, a role or tabindex): the ``div`` dressed as a button.

Only visible elements count for sighted users (an off-screen skip link is not something they click).
"""

from __future__ import annotations

from dataclasses import dataclass

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
