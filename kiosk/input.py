"""The one module that reads pygame events: it turns them into named intents for the scenes.

Scenes never call ``pygame.event``; the app calls :meth:`InputAdapter.poll` once a frame and hands each
:class:`Intent` to the top scene. Kiosk screens use the named kinds (``next``, ``previous``, ``activate``,
``back``); the live page uses the raw ones (``key`` with a Playwright key name, ``text``, ``click``,
``move``, ``wheel``). Every key-down carries both: a Tab key is ``Intent("next", key="Tab")``.

Chords are facilitator-only: Ctrl+Alt+F opens facilitator mode, Ctrl+Alt+S toggles the simulation,
Ctrl+Alt+C lifts the screen curtain for onlookers (and drops it again). A Control key pressed and released
alone is ``Intent("key", key="Control")``: a screen reader's "stop speech".
Window-close requests (Alt+F4, the window manager's close button) become ``quit_request``, which the app
ignores unless a facilitator has unlocked the kiosk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import pygame

NEXT, PREVIOUS, ACTIVATE, BACK = "next", "previous", "activate", "back"
KEY, TEXT, CLICK, MOVE, WHEEL = "key", "text", "click", "move", "wheel"
FACILITATOR, TOGGLE_SIMULATION, QUIT_REQUEST, STOP_TASK = "facilitator", "toggle_simulation", "quit_request", "stop_task"
TOGGLE_CURTAIN = "toggle_curtain"

# pygame key -> Playwright key name, for keys that are not plain characters.
_SPECIAL = {
    pygame.K_TAB: "Tab", pygame.K_RETURN: "Enter", pygame.K_KP_ENTER: "Enter", pygame.K_ESCAPE: "Escape",
    pygame.K_BACKSPACE: "Backspace", pygame.K_DELETE: "Delete", pygame.K_SPACE: "Space",
    pygame.K_UP: "ArrowUp", pygame.K_DOWN: "ArrowDown", pygame.K_LEFT: "ArrowLeft", pygame.K_RIGHT: "ArrowRight",
    pygame.K_HOME: "Home", pygame.K_END: "End", pygame.K_PAGEUP: "PageUp", pygame.K_PAGEDOWN: "PageDown",
    pygame.K_INSERT: "Insert",
    **{getattr(pygame, f"K_F{n}"): f"F{n}" for n in range(1, 13)},
}
_MODIFIER_KEYS = {pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LALT, pygame.K_RALT,
                  pygame.K_LMETA, pygame.K_RMETA, pygame.K_LSUPER, pygame.K_RSUPER, pygame.K_CAPSLOCK,
                  pygame.K_NUMLOCK, pygame.K_MODE}
_CONTROL_KEYS = {pygame.K_LCTRL, pygame.K_RCTRL}
_CHORD_MODS = pygame.KMOD_SHIFT | pygame.KMOD_ALT | pygame.KMOD_META
# (modifier flag, its word in a key name, its name in an intent's modifiers: Meta is named but never a chord)
MODIFIERS = ((pygame.KMOD_CTRL, "Control", "ctrl"), (pygame.KMOD_ALT, "Alt", "alt"), (pygame.KMOD_META, "Meta", None),
             (pygame.KMOD_SHIFT, "Shift", "shift"))
STOP_KEY = "F10"  # the visitor's own way out of a live task (shown in the task bar)


@dataclass(frozen=True)
class Intent:
    """One thing the visitor (or facilitator) did, in the kiosk's words."""

    kind: str
    key: str = ""  # Playwright key name with modifiers, e.g. "Tab", "Shift+Tab", "Control+a"
    text: str = ""
    pos: tuple[int, int] | None = None
    button: int = 0
    mods: frozenset[str] = field(default_factory=frozenset)
    at: float = 0.0  # time.perf_counter() when the event arrived (a rehearsal stamps when it posted it)

    @property
    def is_key(self) -> bool:
        return bool(self.key)


def key_name(key: int, mods: int, unicode: str = "") -> str:
    """The Playwright name for a pygame key and modifier state; "" for lone modifier keys."""
    if key in _MODIFIER_KEYS:
        return ""
    base = _SPECIAL.get(key)
    if base is None:
        name = pygame.key.name(key)
        if len(name) != 1:
            return ""
        base = name
    return "+".join([word for flag, word, _ in MODIFIERS if mods & flag] + [base])


def _mods(mods: int) -> frozenset[str]:
    return frozenset(name for flag, _, name in MODIFIERS if name and mods & flag)


def intent_for(event: "pygame.event.Event") -> Intent | None:
    """Translate one pygame event; None for events the kiosk does not care about."""
    etype = event.type
    if etype == pygame.QUIT:
        return Intent(QUIT_REQUEST)
    if etype == pygame.KEYDOWN:
        mods = getattr(event, "mod", 0)
        if event.key in _CONTROL_KEYS and not mods & ~pygame.KMOD_CTRL & _CHORD_MODS:
            return Intent(KEY, key="Control", mods=frozenset({"ctrl"}))
        name = key_name(event.key, mods)
        if not name:
            return None
        m = _mods(mods)
        if {"ctrl", "alt"} <= m:
            if event.key == pygame.K_f:
                return Intent(FACILITATOR, key=name, mods=m)
            if event.key == pygame.K_s:
                return Intent(TOGGLE_SIMULATION, key=name, mods=m)
            if event.key == pygame.K_c:
                return Intent(TOGGLE_CURTAIN, key=name, mods=m)
        if "alt" in m and event.key == pygame.K_F4:
            return Intent(QUIT_REQUEST, key=name, mods=m)
        if name == STOP_KEY:
            return Intent(STOP_TASK, key=name, mods=m)
        kind = KEY
        if name in ("Tab", "ArrowDown", "ArrowRight"):
            kind = NEXT
        elif name in ("Shift+Tab", "ArrowUp", "ArrowLeft"):
            kind = PREVIOUS
        elif name in ("Enter", "Space"):
            kind = ACTIVATE
        elif name == "Escape":
            kind = BACK
        return Intent(kind, key=name, mods=m)
    if etype == pygame.TEXTINPUT:
        return Intent(TEXT, text=event.text) if event.text else None
    if etype == pygame.MOUSEBUTTONDOWN and event.button in (1, 2, 3):
        return Intent(CLICK, pos=tuple(event.pos), button=event.button)
    if etype == pygame.MOUSEMOTION:
        # SDL reports where the pointer already is, as a motion of (0, 0), when the window appears or takes
        # the pointer: that is not a visitor reaching for the mouse (it showed Christopher's "can't use a
        # mouse" notice on the first live screen of every fullscreen start under X).
        if tuple(getattr(event, "rel", (1, 1))) == (0, 0):
            return None
        return Intent(MOVE, pos=tuple(event.pos))
    if etype == pygame.MOUSEWHEEL:
        return Intent(WHEEL, pos=(int(event.x), int(event.y)))
    return None


class InputAdapter:
    """Drains pygame's queue once a frame. ``resized`` is set when the window changed size."""

    def __init__(self) -> None:
        self.resized: tuple[int, int] | None = None

    def poll(self) -> list[Intent]:
        intents: list[Intent] = []
        self.resized = None
        now = time.perf_counter()
        for event in pygame.event.get():
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                self.resized = (event.w, event.h) if hasattr(event, "w") else event.size
                continue
            intent = intent_for(event)
            if intent is not None:
                intents.append(replace(intent, at=getattr(event, "at", None) or now))
        return intents


def post_key(name: str) -> None:
    """Put a key press (e.g. "Tab", "shift+Tab", "Enter", "a") on pygame's queue, as a rehearsal does."""
    key, mods = parse_key(name)
    at = time.perf_counter()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mods, unicode="", scancode=0, at=at))
    char = " " if key == pygame.K_SPACE else (pygame.key.name(key) if len(pygame.key.name(key)) == 1 else "")
    if char and not mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT):  # SDL sends the typed character too
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char.upper() if mods & pygame.KMOD_SHIFT else char,
                                             at=at))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mods, unicode="", scancode=0))


def is_printable(key: str) -> bool:
    """True for keys whose effect arrives as a ``text`` intent too (letters, digits, Space; with Shift)."""
    base = key[len("Shift+"):] if key.startswith("Shift+") else key
    return base == "Space" or len(base) == 1


def post_text(text: str) -> None:
    """Put typed characters on pygame's queue, stamped with the time they were posted."""
    at = time.perf_counter()
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch, at=at))


def post_click(pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


_MOD_WORDS = {"shift": pygame.KMOD_LSHIFT, "ctrl": pygame.KMOD_LCTRL, "control": pygame.KMOD_LCTRL,
              "alt": pygame.KMOD_LALT}
_LONE_KEYS = {"control": (pygame.K_LCTRL, pygame.KMOD_LCTRL), "ctrl": (pygame.K_LCTRL, pygame.KMOD_LCTRL)}
_NAME_TO_KEY = {v.lower(): k for k, v in _SPECIAL.items() if k != pygame.K_KP_ENTER}
_NAME_TO_KEY.update({"return": pygame.K_RETURN, "esc": pygame.K_ESCAPE, "up": pygame.K_UP, "down": pygame.K_DOWN,
                     "left": pygame.K_LEFT, "right": pygame.K_RIGHT, "space": pygame.K_SPACE, " ": pygame.K_SPACE})


def parse_key(name: str) -> tuple[int, int]:
    """"shift+Tab" -> (K_TAB, KMOD_LSHIFT). Raises ValueError with a plain message for unknown names."""
    parts = [p for p in name.replace("-", "+").split("+")] if name not in ("+", "-") else [name]
    *mod_words, base = [p.strip() for p in parts]
    if not mod_words and base.lower() in _LONE_KEYS:
        return _LONE_KEYS[base.lower()]
    mods = 0
    for word in mod_words:
        if word.lower() not in _MOD_WORDS:
            raise ValueError(f"unknown modifier {word!r} (use shift, ctrl or alt)")
        mods |= _MOD_WORDS[word.lower()]
    if base.lower() in _NAME_TO_KEY:
        return _NAME_TO_KEY[base.lower()], mods
    if len(base) == 1:
        key = ord(base.lower())
        return key, mods
    raise ValueError(f"unknown key {base!r} (use a name such as Tab, Enter, Escape, ArrowDown, F10, Control or one character)")
