"""Probe ``key_shortcuts``: a single printable key does nothing unless it can be turned off or remapped
(WCAG 2.1.4 Character Key Shortcuts; failure technique F99; ACT rule ffbc54).

Reads the ``shortcuts`` artifact (auditor/gatherers/shortcuts.py): the printable keys (letters, digits,
punctuation, symbols; no modifier) that, pressed with focus on the page's body, changed the page (content
added, removed or changed, focus moved, the page scrolled), each confirmed by a press of its own, and for each
the toggle on the page, if any, after which the key changed nothing.

2.1.4 is met for such a key when a mechanism turns it off or remaps it to include a modifier (G217), or when
it works only while its component has focus (a key pressed on the body is pressed on no component, so a
shortcut found this way is not one of those). ACT's expectation asks for the mechanism in a *clearly labeled
location*: one a person can find from controls whose text identifies it.

- a toggle a person can see turns the key off (or makes it need a modifier): nothing to report;
- a toggle turns it off but cannot be seen (a closed panel or dialog): a ``review`` when a visible control's
  name points to where such settings are (SETTINGS_WORDS: shortcuts, keys, keyboard, settings or preferences
  but not a cookie banner's), else ``fail``: nothing tells a person where the way off is;
- no toggle turns it off: a ``review`` when a visible control's name points to settings (the mechanism may be
  there or on another page), else ``fail`` (F99).

A key that took the page to another address during the batch (which key is not known) is a ``review``. A page
that changes for a modifier alone (any key at all) is not judged: the change is not the key's.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, part

META = ProbeMeta(
    id="key_shortcuts",
    summary="a single letter, digit or symbol key pressed by mistake sets something off",
    title="Single-key shortcuts can be turned off or changed",
    failure_title="A single key pressed by mistake changes the page",
    wcag=("2.1.4",),
    personas=("christopher", "ron"),
    impact="serious",
    fix="Make single-character shortcuts work only while their component has focus, or give a setting, easy to "
        "find, that turns them off or changes them to need Ctrl or Alt as well.",
    artifacts=("shortcuts",),
    why={
        "christopher": "On a bad day his swollen fingers catch keys he did not mean to press; a one-key shortcut "
                       "acts on every slip.",
        "ron": "His tremor makes him press keys twice or press the key next to the one he wanted; a one-key "
               "shortcut turns each slip into something the page does.",
    },
)

# Words in a control's name that identify where shortcuts are set (ACT "clearly labeled location": a control
# whose text lets a person identify the way to the mechanism). Settings and preferences count, but not a
# cookie banner's; "Help" and "Accessibility statement" are in nearly every public-sector footer and say
# nothing about shortcuts.
SETTINGS_WORDS = re.compile(
    r"\b(?:short ?cuts?|hot ?keys?|keyboard|keys|access ?keys?)\b|(?<!cookie )\b(?:settings?|preferences?)\b",
    re.IGNORECASE)

MAX_KEYS_NAMED = 6


def applies(artifacts: dict, params: AuditParams) -> bool:
    """Something on the page listens for keys pressed outside a control, and the keys were pressed."""
    found = part(artifacts, "shortcuts")
    return bool(found and found.get("tested") and not found.get("any_key"))


def _what(shortcut: dict) -> str:
    """What the key did, in words."""
    focus = shortcut.get("focus")
    if isinstance(focus, dict):
        return f"moved focus to {focus.get('tag') or 'an element'} {focus.get('selector') or ''}".strip()
    changes = [c for c in shortcut.get("changes") or [] if isinstance(c, dict)]
    if changes:
        first = changes[0]
        verb = {"added": "added content to", "removed": "removed content from", "text": "changed the text of",
                "attribute": f"changed '{first.get('attribute')}' on"}.get(first.get("kind"), "changed")
        return f"{verb} {first.get('selector') or 'the page'}"
    if shortcut.get("scroll"):
        return "scrolled the page"
    return "changed the page"


def _keys(shortcuts: list[dict]) -> str:
    named = [f"'{s.get('key')}'" for s in shortcuts[:MAX_KEYS_NAMED]]
    more = len(shortcuts) - len(named)
    text = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return text + (f" and {more} more" if more > 0 else "")


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    found = part(artifacts, "shortcuts")
    if not found or not found.get("tested") or found.get("any_key"):
        return []
    shortcuts = [s for s in found.get("shortcuts") or [] if isinstance(s, dict) and s.get("key")]
    pointer = next((c.get("name") for c in found.get("controls") or []
                    if isinstance(c, dict) and SETTINGS_WORDS.search(str(c.get("name") or ""))), None)
    if not shortcuts:
        navigated = found.get("navigated")
        if navigated is None:
            return []
        return [META.finding("review", "Check: {who} pressed a single key with nothing focused and the page went "
                             "to another address; which key did it was not found", impact="serious",
                             evidence={"keys": navigated[:40]})]
    hidden = [s for s in shortcuts if isinstance(s.get("off_by"), dict) and not s["off_by"].get("visible")]
    unmet = [s for s in shortcuts if not isinstance(s.get("off_by"), dict)]
    if not hidden and not unmet:
        return []       # a visible toggle turns each one off or makes it need a modifier (G217)
    judged = unmet or hidden
    first = judged[0]
    keys = _keys(judged)
    what = _what(first)
    evidence = {"keys": [s.get("key") for s in judged], "shortcuts": judged[:MAX_KEYS_NAMED],
                "toggles_tried": len(found.get("toggles") or []), "settings_control": pointer}
    element = first.get("focus") if isinstance(first.get("focus"), dict) else None
    if unmet:
        plight = f"nothing on the page that was tried turns {'it' if len(judged) == 1 else 'them'} off"
    else:
        off = first["off_by"]
        plight = f"'{off.get('name') or off.get('selector')}' turns it off, but it is hidden"
    if pointer:
        return [META.finding("review", f"Check: {{who}} pressed {keys} with nothing focused and the page changed "
                                       f"({what}). {plight[0].upper() + plight[1:]}: check that '{pointer}' leads to "
                                       "a way to turn it off or add Ctrl or Alt", element, evidence=evidence)]
    return [META.finding("fail", f"{{who}} pressed {keys} with nothing focused and the page changed ({what}); "
                                 f"{plight}, and no control on the page points to where shortcuts are set",
                         element, evidence=evidence)]
