"""The soak's own parts, without a browser: the random visitor covers what the issue names, its events go
through kiosk/input.py as a visitor's would, and its checks catch what they are there to catch."""

import os
from types import SimpleNamespace

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk import input as ki  # noqa: E402
from benchmarks import soak  # noqa: E402


@pytest.fixture
def queue():
    pygame.display.init()
    pygame.display.set_mode((320, 200))
    pygame.event.clear()
    yield ki.InputAdapter()
    pygame.display.quit()


def test_the_opening_covers_every_modifier_combination_and_every_named_chord():
    visitor = soak.RandomVisitor(seed=1, size=(1280, 800))
    opening = [visitor.next("live") for _ in range(len(visitor._opening))]
    labels = {a.label for a in opening}
    assert {label for label, _, _ in soak.named_chords()} <= labels
    assert {"Alt+F4", "Ctrl+W", "Ctrl+L", "F11", "Super", "Ctrl+Alt+F", "window close"} <= labels
    mods = {a.mod for a in opening if a.label.endswith("key")}
    assert {m for _, m in soak.modifier_combos()} <= mods and len(soak.modifier_combos()) == 16


def test_the_stream_is_mixed_and_repeatable():
    a = soak.RandomVisitor(seed=7, size=(1280, 800))
    b = soak.RandomVisitor(seed=7, size=(1280, 800))
    first = [a.next("live") for _ in range(2000)]
    assert first == [b.next("live") for _ in range(2000)]
    kinds = {x.kind for x in first}
    assert kinds == {"key", "text", "click", "move", "wheel", "quit"}
    assert all(0 <= x.pos[0] < 1280 and 0 <= x.pos[1] < 800 for x in first if x.kind in ("click", "move"))
    # the facilitator PIN is eight digits; the visitor's texts never hold it
    assert all(soak.SOAK_PIN not in t for t in soak.TEXTS)


def test_on_kiosk_screens_the_visitor_mostly_goes_on():
    v = soak.RandomVisitor(seed=3, size=(1280, 800))
    v._opening.clear()
    enters = sum(1 for _ in range(1000) if v.next("choose").key == pygame.K_RETURN)
    assert enters > 450


@pytest.mark.parametrize("action, kind, key", [
    (soak.Action("key", pygame.K_F4, pygame.KMOD_LALT), ki.QUIT_REQUEST, "Alt+F4"),
    (soak.Action("key", pygame.K_w, pygame.KMOD_LCTRL), ki.KEY, "Control+w"),
    (soak.Action("key", pygame.K_l, pygame.KMOD_LCTRL), ki.KEY, "Control+l"),
    (soak.Action("key", pygame.K_F11), ki.KEY, "F11"),
    (soak.Action("key", pygame.K_l, pygame.KMOD_LGUI), ki.KEY, "Meta+l"),
    (soak.Action("key", pygame.K_f, pygame.KMOD_LCTRL | pygame.KMOD_LALT), ki.FACILITATOR, "Control+Alt+f"),
    (soak.Action("quit"), ki.QUIT_REQUEST, ""),
])
def test_actions_go_through_the_input_adapter(queue, action, kind, key):
    soak.post(action)
    intents = queue.poll()
    assert intents[0].kind == kind and intents[0].key == key
    assert all(i.kind != ki.TEXT for i in intents)   # no typed character with Ctrl, Alt or Super


def test_a_lone_super_key_is_nothing_and_a_plain_letter_is_typed(queue):
    soak.post(soak.Action("key", pygame.K_LGUI, pygame.KMOD_LGUI))
    assert queue.poll() == []
    soak.post(soak.Action("key", pygame.K_q, pygame.KMOD_LSHIFT))
    assert [(i.kind, i.key or i.text) for i in queue.poll()] == [(ki.KEY, "Shift+q"), (ki.TEXT, "Q")]


@pytest.mark.parametrize("url, problem", [
    ("http://127.0.0.1:8000/accessible/start", ""),
    ("about:blank", ""),
    ("chrome-error://chromewebdata/", "a browser error page was shown (chrome-error://chromewebdata/)"),
    ("https://www.example.com/", "navigated outside the allowed hosts: https://www.example.com/"),
    ("file:///etc/passwd", "navigated outside the allowed hosts: file:///etc/passwd"),
])
def test_page_problems(url, problem):
    assert soak.page_problem(url, {"127.0.0.1"}) == problem


def fake_app(scene="attract", **kw):
    top = SimpleNamespace(name=scene, live=kw.pop("live", None), shown_seq=0)
    return SimpleNamespace(running=True, exit_allowed=False, stack=SimpleNamespace(top=top), log=[], **kw)


def make_soak():
    return soak.Soak(soak.SimClock(), minutes=1, seed=1, size=(1280, 800))


def test_the_checks_catch_an_exit_without_the_pin_and_an_unlock():
    s, app = make_soak(), fake_app()
    s.after_draw(app)
    assert s.problems == []
    app.exit_allowed = True
    app.running = False
    s.after_draw(app)
    assert s.problems == ["the kiosk stopped without the facilitator PIN",
                          "facilitator mode was unlocked without the PIN"]


def test_the_checks_catch_an_error_page_and_a_foreign_host_on_the_live_page():
    live = SimpleNamespace(page=SimpleNamespace(url="chrome-error://chromewebdata/"), allowed={"127.0.0.1"},
                           visited=["http://127.0.0.1:1/a", "https://evil.example/"])
    s, app = make_soak(), fake_app("live", live=live)
    s.after_draw(app)
    assert s.problems == ["navigated outside the allowed hosts: https://evil.example/",
                          "a browser error page was shown (chrome-error://chromewebdata/)"]
    assert s.tasks_shown == 1


def test_the_simulated_clock_moves_on_and_the_soak_ends_itself():
    s, app = make_soak(), fake_app()
    s.clock.advance(61)
    s.before_input(app)
    assert s.finished and app.running is False
    s.after_draw(app)
    assert s.problems == []


def test_memory_flat():
    assert soak.memory_flat({"growth": 10.0, "first_half_mean": 400.0})
    assert not soak.memory_flat({"growth": 60.0, "first_half_mean": 400.0})
    assert not soak.memory_flat({"growth": None})
