"""kiosk/input.py turns pygame events into named intents; rehearsal keys go through the same path."""

import os

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk import input as ki  # noqa: E402


def key(k, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize("event, kind, name", [
    (key(pygame.K_TAB), ki.NEXT, "Tab"),
    (key(pygame.K_TAB, pygame.KMOD_LSHIFT), ki.PREVIOUS, "Shift+Tab"),
    (key(pygame.K_DOWN), ki.NEXT, "ArrowDown"),
    (key(pygame.K_UP), ki.PREVIOUS, "ArrowUp"),
    (key(pygame.K_RETURN), ki.ACTIVATE, "Enter"),
    (key(pygame.K_SPACE), ki.ACTIVATE, "Space"),
    (key(pygame.K_ESCAPE), ki.BACK, "Escape"),
    (key(pygame.K_BACKSPACE), ki.KEY, "Backspace"),
    (key(pygame.K_a), ki.KEY, "a"),
    (key(pygame.K_h, pygame.KMOD_LSHIFT), ki.KEY, "Shift+h"),
    (key(pygame.K_a, pygame.KMOD_LCTRL), ki.KEY, "Control+a"),
    (key(pygame.K_F10), ki.STOP_TASK, "F10"),
    (key(pygame.K_f, pygame.KMOD_LCTRL | pygame.KMOD_LALT), ki.FACILITATOR, "Control+Alt+f"),
    (key(pygame.K_s, pygame.KMOD_LCTRL | pygame.KMOD_LALT), ki.TOGGLE_SIMULATION, "Control+Alt+s"),
    (key(pygame.K_F4, pygame.KMOD_LALT), ki.QUIT_REQUEST, "Alt+F4"),
])
def test_keys_become_named_intents_with_playwright_key_names(event, kind, name):
    intent = ki.intent_for(event)
    assert (intent.kind, intent.key) == (kind, name)


def test_other_events():
    assert ki.intent_for(pygame.event.Event(pygame.QUIT)).kind == ki.QUIT_REQUEST
    assert ki.intent_for(pygame.event.Event(pygame.TEXTINPUT, text="E")) == ki.Intent(ki.TEXT, text="E")
    click = ki.intent_for(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=1))
    assert (click.kind, click.pos, click.button) == (ki.CLICK, (10, 20), 1)
    assert ki.intent_for(pygame.event.Event(pygame.MOUSEMOTION, pos=(3, 4), rel=(1, 1), buttons=(0, 0, 0))).kind == ki.MOVE
    assert ki.intent_for(key(pygame.K_LSHIFT)) is None
    assert ki.intent_for(pygame.event.Event(pygame.KEYUP, key=pygame.K_TAB, mod=0)) is None


def test_the_pointer_reported_where_it_already_is_is_not_a_move():
    # SDL sends this when the fullscreen window appears under the pointer or grabs it (seen under Xvfb):
    # Christopher's "can't use a mouse" notice must wait for a visitor who really moves the mouse.
    still = pygame.event.Event(pygame.MOUSEMOTION, pos=(640, 400), rel=(0, 0), buttons=(0, 0, 0))
    assert ki.intent_for(still) is None
    moved = ki.intent_for(pygame.event.Event(pygame.MOUSEMOTION, pos=(641, 400), rel=(1, 0), buttons=(0, 0, 0)))
    assert (moved.kind, moved.pos) == (ki.MOVE, (641, 400))


def test_printable_keys_are_left_to_their_text():
    assert ki.is_printable("a") and ki.is_printable("Shift+h") and ki.is_printable("Space")
    assert not ki.is_printable("Tab") and not ki.is_printable("Control+a") and not ki.is_printable("Shift+Tab")


@pytest.mark.parametrize("name, expected", [
    ("Tab", (pygame.K_TAB, 0)), ("shift+Tab", (pygame.K_TAB, pygame.KMOD_LSHIFT)),
    ("Enter", (pygame.K_RETURN, 0)), ("ctrl+a", (pygame.K_a, pygame.KMOD_LCTRL)), ("A", (pygame.K_a, 0)),
    ("F10", (pygame.K_F10, 0)), ("ArrowDown", (pygame.K_DOWN, 0)), ("1", (pygame.K_1, 0)),
])
def test_parse_key(name, expected):
    assert ki.parse_key(name) == expected


def test_parse_key_says_what_is_wrong():
    with pytest.raises(ValueError, match="unknown key 'Tabb'"):
        ki.parse_key("Tabb")
    with pytest.raises(ValueError, match="unknown modifier 'hyper'"):
        ki.parse_key("hyper+Tab")


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    pygame.event.clear()
    yield
    pygame.display.quit()


def test_posted_keys_come_back_through_the_adapter(display):
    adapter = ki.InputAdapter()
    ki.post_key("shift+Tab")
    ki.post_key("e")
    ki.post_text("8 1")
    ki.post_click((5, 6))
    got = [(i.kind, i.key or i.text or i.pos) for i in adapter.poll()]
    assert got == [(ki.PREVIOUS, "Shift+Tab"), (ki.KEY, "e"), (ki.TEXT, "e"), (ki.TEXT, "8"), (ki.TEXT, " "),
                   (ki.TEXT, "1"), (ki.CLICK, (5, 6))]


def test_a_lone_control_key_is_a_key_intent_and_chords_are_not():
    """Control alone stops a screen reader's speech; Ctrl+Alt+C lifts the screen curtain."""
    intent = ki.intent_for(key(pygame.K_LCTRL, pygame.KMOD_LCTRL))
    assert (intent.kind, intent.key) == (ki.KEY, "Control")
    assert ki.intent_for(key(pygame.K_RCTRL, pygame.KMOD_RCTRL)).key == "Control"
    assert ki.intent_for(key(pygame.K_LCTRL, pygame.KMOD_LCTRL | pygame.KMOD_LALT)) is None
    assert ki.intent_for(key(pygame.K_c, pygame.KMOD_LCTRL | pygame.KMOD_LALT)).kind == ki.TOGGLE_CURTAIN
    assert ki.parse_key("Control") == (pygame.K_LCTRL, pygame.KMOD_LCTRL)


def test_posted_keys_carry_the_time_they_were_posted():
    pygame.display.init()
    try:
        pygame.event.clear()
        ki.post_key("Control")
        ki.post_text("E8")
        intents = ki.InputAdapter().poll()
    finally:
        pygame.display.quit()
    assert [(i.kind, i.key or i.text) for i in intents] == [(ki.KEY, "Control"), (ki.TEXT, "E"), (ki.TEXT, "8")]
    assert all(i.at > 0 for i in intents) and intents[1].at >= intents[0].at
