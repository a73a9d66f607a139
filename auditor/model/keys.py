"""Keys a page's text tells a person to press (WCAG 2.1.2's "the user is advised of the method"), shared by the
Tab walk's trap check, which presses them, and the ``keyboard_trap`` probe, which reports them. Pure text."""

from __future__ import annotations

import re

# A key combination ("Ctrl+M", "Alt + F4", "Shift-Tab"), or "press/hit/use ... <key name>".
KEY_ADVICE = re.compile(
    r"\b(?:ctrl|control|alt|option|shift|cmd|command|meta)\s*[+-]\s*[\w]+"
    r"|\b(?:press|hit|use|type)\b[^.]{0,40}?\b(?:esc|escape|enter|return|f\d{1,2}|space|spacebar|tab|"
    r"arrow keys?|key)\b", re.IGNORECASE)

# A control whose name offers the way out or instructions ("Help", "How to leave this widget", "Exit", "Skip"):
# the method may be a press away (a person reads it: the probe's review).
HELP_CONTROL = re.compile(r"\b(?:help|how to|instructions?|exit|leave|escape|skip)\b", re.IGNORECASE)
# The ones the trap check presses itself to read what they show: help and instructions only ("Exit" or "Leave"
# could end a session).
INSTRUCTIONS = re.compile(r"\b(?:help|how to|instructions?)\b", re.IGNORECASE)

_MODIFIERS = {"ctrl": "Control", "control": "Control", "alt": "Alt", "option": "Alt", "shift": "Shift",
              "cmd": "Meta", "command": "Meta", "meta": "Meta"}
_NAMED = {"esc": "Escape", "escape": "Escape", "enter": "Enter", "return": "Enter", "space": "Space",
          "spacebar": "Space", "tab": "Tab"}
_COMBO = re.compile(r"\b(ctrl|control|alt|option|shift|cmd|command|meta)\s*[+-]\s*([a-z0-9]+)\b", re.IGNORECASE)
# A key named after "press" or "hit" (not "use" or "type": "use a screen reader" names no key).
_PRESS = re.compile(r"\b(?:press|hit)\s+(?:the\s+)?[\"'“]?([a-z0-9]+)[\"'”]?(?:[- ]key)?\b", re.IGNORECASE)


def _key(word: str) -> str | None:
    """A key name as Playwright's keyboard takes it ("m", "Escape", "F6"), or None."""
    low = word.lower()
    if len(low) == 1 and low.isalnum():
        return low
    if re.fullmatch(r"f\d{1,2}", low):
        return low.upper()
    return _NAMED.get(low)


def advised_presses(text: str, limit: int = 3) -> list[str]:
    """The key presses a text advises, as Playwright key strings ("Control+m", "Escape", "F6"), at most
    ``limit``: combinations with a modifier, and a named or single key after "press"."""
    presses: list[str] = []
    for m in _COMBO.finditer(text or ""):
        key = _key(m.group(2))
        if key:
            presses.append(f"{_MODIFIERS[m.group(1).lower()]}+{key}")
    for m in _PRESS.finditer(text or ""):
        key = _key(m.group(1))
        if key:
            presses.append(key)
    unique: list[str] = []
    for press in presses:
        if press not in unique:
            unique.append(press)
    return unique[:limit]


def advice_lines(lines: list, limit: int = 3) -> list[str]:
    """The texts of ``lines`` that tell the user which key to press (each cut to 120 characters), at most
    ``limit``."""
    found: list[str] = []
    for line in lines:
        if isinstance(line, str) and (m := KEY_ADVICE.search(line)):
            found.append(line[:120] if len(line) <= 120 else m.group(0))
            if len(found) >= limit:
                break
    return found


def advice_in(lines: list) -> str | None:
    """The first text of ``lines`` that tells the user which key to press (cut to 120 characters), or None."""
    return next(iter(advice_lines(lines, 1)), None)
