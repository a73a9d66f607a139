"""The kiosk under abuse: random key and mouse input through the whole kiosk, on a simulated clock.

::

    python -m benchmarks.soak [--minutes 60] [--seed N] [--record DIR] [--kills 3]     # `make soak`: the full hour

A test and benchmark harness, not part of the kiosk package (tests/kiosk/test_soak.py runs it for 15 minutes;
benchmarks/kiosk.py shares its /proc readings).

A :class:`Soak` drives a real :class:`~kiosk.app.KioskApp` (SDL's dummy drivers, real Chromium, the bundled demo
service) the way a rehearsal does: it puts raw pygame events on the queue before each frame, so every one goes
through kiosk/input.py like a visitor's. Between events the kiosk's clock (``KioskApp.clock``) is moved on by a
visitor's think time, and now and then by a long silence, so an hour of the kiosk's time (idle resets included)
takes a few minutes of real time; Chromium, page loads and frames run at their real speed.

The input: random keys with every modifier chord (Ctrl, Alt, Shift, Super, and each combination), lone
modifiers, named chords a visitor might try to get out with (Alt+F4, Ctrl+W, Ctrl+L, F11, Super, Ctrl+Q,
Alt+Tab, Ctrl+Alt+Delete, Alt+Left...), the facilitator chord followed by wrong PINs, typed text (accents,
emoji, right-to-left), clicks of every button, moves, wheel turns and window-close requests.

What is checked, every frame:

- the kiosk never stops and never unlocks facilitator mode (its PIN is one the input cannot type);
- every page the live task shows is on the scenario's allowed hosts (or ``about:blank``), and none is a browser
  error page (``chrome-error://``);
- nothing raises out of the kiosk's loop (a traceback is a failure);
- memory: the PSS of the whole process tree (/proc/PID/smaps_rollup; Python, Playwright's driver, Chromium) is
  sampled, and the second half of the run after warm-up is compared with the first;
- ``kills`` times during the run, once the live task shows the page, Chromium's main process is killed with
  SIGKILL (by its PID, beneath this process's own Playwright driver) and the real time until the kiosk is back
  at the attract screen is measured (target: 5 s); the next visitor's task must open a new Chromium.

With ``--save-until-killed`` the soak, once done, writes ``soak.json`` and then records observations through the
kiosk's own ``KioskApp.record`` one a frame, printing each id as it is committed, until the process is killed:
a supervisor kills it with SIGKILL and checks the store (:func:`supervise`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOAK_PIN = "73915064"            # eight digits the random input never types in a row before an Enter
KILL_RECOVERY_LIMIT_S = 5.0
KILL_WAIT_S = 30.0               # a recovery slower than this is recorded as not recovered
FREEZE_S = 90.0                  # real seconds without a frame drawn: the kiosk froze
MEMORY_EVERY_S = 2.0             # real seconds between PSS samples
CHORD_RATE = 0.12                # share of keys that carry a random modifier chord
FORWARD_RATE = 0.5               # on the kiosk's own screens, the share of actions that are Enter


# -- /proc ----------------------------------------------------------------------------------------

def tree_pids(root: int) -> list[int]:
    """The process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def pss_mb(pids: list[int]) -> float:
    """Sum of Pss over the processes (MB)."""
    total_kb = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total_kb += int(line.split()[1])
                        break
        except OSError:
            continue
    return total_kb / 1024


def chromium_main_pids(root: int) -> list[int]:
    """Chromium's browser process(es) beneath ``root`` (not its zygotes, renderers or GPU process)."""
    found = []
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        exe = cmd.split(b"\0", 1)[0]
        if b"chrom" in exe.rsplit(b"/", 1)[-1] and b"--type=" not in cmd:
            found.append(pid)
    return found


# -- the random visitor ---------------------------------------------------------------------------

class SimClock:
    """The kiosk's clock: real monotonic time plus however far the soak has moved it on."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@dataclass(frozen=True)
class Action:
    """One thing the random visitor does: ``key`` (pygame key code and modifier bits), ``text``, ``click``,
    ``move``, ``wheel``, ``quit`` (a window-close request)."""

    kind: str
    key: int = 0
    mod: int = 0
    text: str = ""
    pos: tuple[int, int] = (0, 0)
    button: int = 1
    label: str = ""


def _pg():
    import pygame

    return pygame


def modifier_combos() -> list[tuple[str, int]]:
    """Every combination of Ctrl, Alt, Shift and Super (16, the empty one included)."""
    pg = _pg()
    names = (("Ctrl", pg.KMOD_LCTRL), ("Alt", pg.KMOD_LALT), ("Shift", pg.KMOD_LSHIFT), ("Super", pg.KMOD_LGUI))
    out = []
    for bits in range(16):
        label = "+".join(n for i, (n, _) in enumerate(names) if bits >> i & 1)
        mod = 0
        for i, (_, m) in enumerate(names):
            if bits >> i & 1:
                mod |= m
        out.append((label, mod))
    return out


def named_chords() -> list[tuple[str, int, int]]:
    """(label, key, mod) for the ways out a visitor (or a browser habit) might try."""
    pg = _pg()
    c, a, s, g = pg.KMOD_LCTRL, pg.KMOD_LALT, pg.KMOD_LSHIFT, pg.KMOD_LGUI
    return [
        ("Alt+F4", pg.K_F4, a), ("Ctrl+W", pg.K_w, c), ("Ctrl+L", pg.K_l, c), ("F11", pg.K_F11, 0),
        ("Super", pg.K_LGUI, g), ("Super (right)", pg.K_RGUI, g), ("Ctrl+Q", pg.K_q, c),
        ("Ctrl+Shift+Q", pg.K_q, c | s), ("Ctrl+Shift+W", pg.K_w, c | s), ("Ctrl+T", pg.K_t, c),
        ("Ctrl+N", pg.K_n, c), ("Ctrl+Shift+N", pg.K_n, c | s), ("Alt+Tab", pg.K_TAB, a), ("Super+Tab", pg.K_TAB, g),
        ("Ctrl+Alt+Delete", pg.K_DELETE, c | a), ("Ctrl+Alt+Backspace", pg.K_BACKSPACE, c | a),
        ("Ctrl+Alt+T", pg.K_t, c | a), ("Ctrl+Escape", pg.K_ESCAPE, c), ("Alt+Left", pg.K_LEFT, a),
        ("Alt+Right", pg.K_RIGHT, a), ("Alt+Home", pg.K_HOME, a), ("F5", pg.K_F5, 0), ("Ctrl+R", pg.K_r, c),
        ("Ctrl+P", pg.K_p, c), ("Ctrl+S", pg.K_s, c), ("Ctrl+O", pg.K_o, c), ("Ctrl+U", pg.K_u, c),
        ("F12", pg.K_F12, 0), ("Ctrl+Shift+I", pg.K_i, c | s), ("Ctrl+D", pg.K_d, c), ("Ctrl+H", pg.K_h, c),
        ("Ctrl+J", pg.K_j, c), ("Ctrl+Plus", pg.K_EQUALS, c | s), ("Ctrl+Minus", pg.K_MINUS, c),
        ("Super+L", pg.K_l, g), ("Super+D", pg.K_d, g), ("Alt+Space", pg.K_SPACE, a), ("Alt+F2", pg.K_F2, a),
        ("Ctrl+Alt+S", pg.K_s, c | a), ("Ctrl+Alt+C", pg.K_c, c | a), ("F10", pg.K_F10, 0),
        ("Print Screen", pg.K_PRINTSCREEN, 0), ("Menu", pg.K_MENU, 0), ("Escape", pg.K_ESCAPE, 0),
    ]


def _keys() -> tuple[list[int], list[int], list[int]]:
    """(keys a visitor presses most: moving and choosing; all other keys; lone modifier keys)."""
    pg = _pg()
    moving = [pg.K_TAB, pg.K_RETURN, pg.K_SPACE, pg.K_UP, pg.K_DOWN, pg.K_LEFT, pg.K_RIGHT, pg.K_ESCAPE]
    other = [*range(pg.K_a, pg.K_z + 1), *range(pg.K_0, pg.K_9 + 1), pg.K_BACKSPACE, pg.K_DELETE, pg.K_HOME,
             pg.K_END, pg.K_PAGEUP, pg.K_PAGEDOWN, pg.K_INSERT, pg.K_KP_ENTER, pg.K_MINUS, pg.K_EQUALS,
             pg.K_LEFTBRACKET, pg.K_RIGHTBRACKET, pg.K_BACKSLASH, pg.K_SEMICOLON, pg.K_QUOTE, pg.K_COMMA,
             pg.K_PERIOD, pg.K_SLASH, pg.K_BACKQUOTE, pg.K_PAUSE, pg.K_SCROLLLOCK, pg.K_KP0, pg.K_KP_PLUS,
             *(getattr(pg, f"K_F{n}") for n in range(1, 16))]
    lone = [pg.K_LCTRL, pg.K_RCTRL, pg.K_LALT, pg.K_RALT, pg.K_LSHIFT, pg.K_RSHIFT, pg.K_LGUI, pg.K_RGUI,
            pg.K_CAPSLOCK, pg.K_NUMLOCK, pg.K_MODE]
    return moving, other, lone


TEXTS = ["a", "E8 1DY", "é", "ß", "1", "0", "~", "<script>", "😀", "שלום", "ﷺ", "\u202e", "x" * 40, " ", "%", "'"]


class RandomVisitor:
    """A seeded stream of :class:`Action` and think times. The first actions go through every modifier
    combination and every named chord once, so a short soak covers them all; after that it is random."""

    def __init__(self, seed: int, size: tuple[int, int]) -> None:
        self.rng = random.Random(seed)
        self.size = size
        self.moving, self.other, self.lone = _keys()
        self.combos = modifier_combos()
        self.chords = named_chords()
        pg = _pg()
        self._opening = [Action("key", k, m, label=label) for label, k, m in self.chords]
        self._opening += [Action("key", self.rng.choice(self.other), m, label=f"{label}+key" if label else "key")
                          for label, m in self.combos]
        self._opening += [Action("key", pg.K_f, pg.KMOD_LCTRL | pg.KMOD_LALT, label="Ctrl+Alt+F"),
                          Action("text", text="1234"), Action("key", pg.K_RETURN, label="wrong PIN"),
                          Action("quit", label="window close")]
        self.rng.shuffle(self._opening)

    def next(self, scene: str = "") -> Action:
        """The next action. On the kiosk's own screens a visitor mostly goes on (Enter), so that most of the
        kiosk's time is spent on the live task, where the page takes the input."""
        if self._opening:
            return self._opening.pop()
        rng, pg = self.rng, _pg()
        w, h = self.size
        if scene not in ("live", "facilitator") and rng.random() < FORWARD_RATE:
            return Action("key", pg.K_RETURN, label="key")
        r = rng.random()
        if r < 0.40:
            key, mod = rng.choice(self.moving), 0
            if rng.random() < 0.15:
                mod = pg.KMOD_LSHIFT
            return Action("key", key, mod, label="key")
        if r < 0.55:
            label, mod = rng.choice(self.combos) if rng.random() < CHORD_RATE * 4 else ("", 0)
            return Action("key", rng.choice(self.other), mod, label=f"{label}+key" if label else "key")
        if r < 0.60:
            label, key, mod = rng.choice(self.chords)
            return Action("key", key, mod, label=label)
        if r < 0.62:
            key = rng.choice(self.lone)
            return Action("key", key, 0, label="lone modifier")
        if r < 0.63:
            return Action("key", pg.K_f, pg.KMOD_LCTRL | pg.KMOD_LALT, label="Ctrl+Alt+F")
        if r < 0.72:
            return Action("text", text=rng.choice(TEXTS))
        if r < 0.85:
            return Action("click", pos=(rng.randrange(w), rng.randrange(h)), button=rng.choice((1, 1, 1, 2, 3, 4, 5)))
        if r < 0.95:
            return Action("move", pos=(rng.randrange(w), rng.randrange(h)))
        if r < 0.995:
            return Action("wheel", pos=(0, rng.choice((-3, -1, 1, 3))))
        return Action("quit", label="window close")

    def think(self) -> float:
        """Seconds of the kiosk's clock before the next action: mostly quick, now and then a long silence
        (longer than the idle timeout sometimes, so idle resets happen too)."""
        if self.rng.random() < 0.006:
            return self.rng.uniform(30, 200)
        return self.rng.expovariate(1 / 0.35)


def post(action: Action) -> None:
    """Put the action's raw events on pygame's queue, as SDL would (a printable key also sends its text)."""
    pg = _pg()
    ev = pg.event
    if action.kind == "key":
        ev.post(ev.Event(pg.KEYDOWN, key=action.key, mod=action.mod, unicode="", scancode=0))
        name = pg.key.name(action.key)
        if len(name) == 1 and not action.mod & (pg.KMOD_CTRL | pg.KMOD_ALT | pg.KMOD_GUI):
            ev.post(ev.Event(pg.TEXTINPUT, text=name.upper() if action.mod & pg.KMOD_SHIFT else name))
        elif action.key == pg.K_SPACE and not action.mod & (pg.KMOD_CTRL | pg.KMOD_ALT | pg.KMOD_GUI):
            ev.post(ev.Event(pg.TEXTINPUT, text=" "))
        ev.post(ev.Event(pg.KEYUP, key=action.key, mod=action.mod, unicode="", scancode=0))
    elif action.kind == "text":
        ev.post(ev.Event(pg.TEXTINPUT, text=action.text))
    elif action.kind == "click":
        ev.post(ev.Event(pg.MOUSEBUTTONDOWN, pos=action.pos, button=action.button))
        ev.post(ev.Event(pg.MOUSEBUTTONUP, pos=action.pos, button=action.button))
    elif action.kind == "move":
        ev.post(ev.Event(pg.MOUSEMOTION, pos=action.pos, rel=(1, 1), buttons=(0, 0, 0)))  # a real move
    elif action.kind == "wheel":
        ev.post(ev.Event(pg.MOUSEWHEEL, x=action.pos[0], y=action.pos[1], flipped=False))
    elif action.kind == "quit":
        ev.post(ev.Event(pg.QUIT))


# -- the checks -----------------------------------------------------------------------------------

def page_problem(url: str, allowed: set[str]) -> str:
    """Why the visitor must not be shown this main-frame URL ("" when it is fine)."""
    from kiosk.live_page import host_allowed

    if url.startswith("chrome-error:") or url.startswith("chrome:"):
        return f"a browser error page was shown ({url})"
    if url in ("", "about:blank"):
        return ""
    if not host_allowed(url, allowed):
        return f"navigated outside the allowed hosts: {url}"
    return ""


@dataclass
class Counts:
    events: dict[str, int] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    scenes: dict[str, int] = field(default_factory=dict)

    def add(self, action: Action) -> None:
        self.events[action.kind] = self.events.get(action.kind, 0) + 1
        if action.label:
            self.labels[action.label] = self.labels.get(action.label, 0) + 1


class Soak:
    """A kiosk driver (see kiosk.app.Driver): random input before each frame, the checks after it."""

    def __init__(self, clock: SimClock, minutes: float, seed: int, size: tuple[int, int], kills: int = 0,
                 record_dir: Path | None = None, save_until_killed: bool = False) -> None:
        self.clock = clock
        self.sim_seconds = minutes * 60
        self.visitor = RandomVisitor(seed, size)
        self.counts = Counts()
        self.problems: list[str] = []
        self.record_dir = record_dir
        self.save_until_killed = save_until_killed
        self.kill_at = [self.sim_seconds * (i + 1) / (kills + 1) for i in range(kills)]
        self.kill_started: float | None = None       # real time.monotonic() of the SIGKILL being waited on
        self.kill_pids: list[int] = []
        self.recoveries: list[float | None] = []     # real seconds from SIGKILL to the attract screen
        self.reopened_after_kill: list[bool] = []    # the next task after each kill showed its page
        self._await_reopen = False
        self.memory: list[tuple[float, float, float]] = []   # (real s, kiosk s, PSS MB)
        self._next_sample = 0.0
        self._real_start = time.monotonic()
        self._sim_start = clock()
        self._last_scene = ""
        self._seen_visits: dict[int, int] = {}
        self.tasks_shown = 0
        self.finished = False          # the soak itself ended the run
        self.saving = False
        self.saved: list[int] = []
        self.first_live_at: float | None = None
        self.last_frame = time.monotonic()
        self.recent: list[tuple] = []
        self.stuck: list[dict] = []
        self._log_seen = 0
        self._stop_watch = threading.Event()

    # -- helpers ---------------------------------------------------------------------------------
    def elapsed(self) -> float:
        """Seconds of the kiosk's (simulated) clock since the soak began."""
        return self.clock() - self._sim_start

    def problem(self, text: str) -> None:
        if len(self.problems) < 200 and text not in self.problems:
            self.problems.append(text)

    # -- hooks -----------------------------------------------------------------------------------
    def before_input(self, app) -> None:
        if self.saving:
            self._save_one(app)
            return
        if self.kill_started is not None:
            return  # no input while the kiosk recovers: the time measured is the kiosk's alone
        if self.elapsed() >= self.sim_seconds:
            self._end(app)
            return
        top = app.stack.top
        if (self.kill_at and self.elapsed() >= self.kill_at[0] and getattr(top, "name", "") == "live"
                and getattr(top, "shown_seq", 0) > 0):
            self._kill_chromium(app)
            return
        action = self.visitor.next(getattr(top, "name", ""))
        self.counts.add(action)
        self.recent = [*self.recent[-9:], (action.kind, action.label or action.text or action.key, action.pos)]
        post(action)
        self.clock.advance(self.visitor.think())

    def after_draw(self, app) -> None:
        now = self.last_frame = time.monotonic()
        if not app.running and not self.finished:
            self.problem("the kiosk stopped without the facilitator PIN")
        if app.exit_allowed:
            self.problem("facilitator mode was unlocked without the PIN")
        top = app.stack.top
        name = getattr(top, "name", "")
        if name != self._last_scene:
            self.counts.scenes[name] = self.counts.scenes.get(name, 0) + 1
            self._last_scene = name
        live = getattr(top, "live", None) if name == "live" else None
        if live is not None and live.page is not None:
            self._check_live(top, live)
        if self.kill_started is not None:
            if name == "attract":
                self.recoveries.append(round(now - self.kill_started, 3))
                self.kill_started = None
                self._await_reopen = True
            elif now - self.kill_started > KILL_WAIT_S:
                self.recoveries.append(None)
                self.problem(f"the kiosk was not back at the attract screen {KILL_WAIT_S:g} s after Chromium was "
                             f"killed (it shows {name!r})")
                self.kill_started = None
        for line in app.log[self._log_seen:]:
            if "stopped answering" in line:   # what the visitor did just before a page stopped answering
                self.stuck.append({"kiosk_s": round(self.elapsed(), 1), "last_actions": self.recent[-6:]})
        self._log_seen = len(app.log)
        if self._await_reopen and name == "live" and getattr(top, "shown_seq", 0) > 0:
            self.reopened_after_kill.append(True)
            self._await_reopen = False
        if now >= self._next_sample and not self.saving:
            self._next_sample = now + MEMORY_EVERY_S
            self.memory.append((round(now - self._real_start, 1), round(self.elapsed(), 1),
                                round(pss_mb(tree_pids(os.getpid())), 1)))

    def _check_live(self, scene, live) -> None:
        key = id(live)
        if key not in self._seen_visits:
            self._seen_visits = {key: 0}
            self.tasks_shown += 1
            if self.first_live_at is None:
                self.first_live_at = time.monotonic() - self._real_start
        seen = self._seen_visits[key]
        for url in live.visited[seen:]:
            problem = page_problem(url, live.allowed)
            if problem:
                self.problem(problem)
        self._seen_visits[key] = len(live.visited)
        problem = page_problem(live.page.url, live.allowed)
        if problem:
            self.problem(problem)

    def _kill_chromium(self, app) -> None:
        self.kill_at.pop(0)
        driver = app._browser.driver_pid() if app._browser is not None else None
        pids = chromium_main_pids(driver) if driver else []
        if not pids:
            self.problem("could not find Chromium's process to kill")
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.kill_pids += pids
        self.kill_started = time.monotonic()

    def _end(self, app) -> None:
        if self._await_reopen:
            self.reopened_after_kill.append(False)
            self.problem("no task showed its page after the last Chromium kill")
            self._await_reopen = False
        if self.save_until_killed:
            self.write(app)
            self.saving = True
            return
        self.finished = True
        app.running = False

    def _save_one(self, app) -> None:
        """Record one observation through the kiosk's own path and say so once it is committed."""
        from kiosk.scenes.live import TaskResult

        persona = next(iter(app.personas.values()))
        result = TaskResult(persona, app.station_scenario(), app.station_version(), 12.5, False, "stopped", True)
        oid = app.record(result)
        if oid is not None:
            print(f"saved {oid}", flush=True)

    # -- a frozen kiosk -----------------------------------------------------------------------------
    def watch(self, app) -> threading.Thread:
        """A thread that notices when the kiosk's loop stops drawing for FREEZE_S (a call that never
        returns): it records where the loop waits, writes the summary and ends the process (exit 4)."""
        def run() -> None:
            while not self._stop_watch.wait(1.0):
                stalled = time.monotonic() - self.last_frame
                if self.saving or stalled < FREEZE_S:
                    continue
                top = app.stack.top
                live = getattr(top, "live", None)
                page = getattr(live, "page", None)
                where = f"scene {getattr(top, 'name', '')!r}, page {page.url if page is not None else '-'}"
                self.problem(f"the kiosk froze: no frame drawn for {stalled:.0f} s ({where}; last actions "
                             f"{self.recent[-5:]}); it waits in:\n{waiting_in()}")
                self.write(app)
                print(f"soak: {self.problems[-1]}", file=sys.stderr, flush=True)
                os._exit(4)

        thread = threading.Thread(target=run, name="soak-freeze-watch", daemon=True)
        thread.start()
        return thread

    def stop_watching(self) -> None:
        self._stop_watch.set()

    # -- results ---------------------------------------------------------------------------------
    def summary(self, app) -> dict[str, Any]:
        mem = [mb for _, _, mb in self.memory]
        after = self.memory[len(self.memory) // 4:] if len(self.memory) >= 8 else []
        half = len(after) // 2
        first = statistics.fmean(mb for *_, mb in after[:half]) if half else None
        second = statistics.fmean(mb for *_, mb in after[half:]) if half else None
        try:
            observations = len(app.store.all())
        except Exception:
            observations = None
        return {
            "sim_minutes": round(self.elapsed() / 60, 1),
            "real_seconds": round(time.monotonic() - self._real_start, 1),
            "events": dict(self.counts.events),
            "events_total": sum(self.counts.events.values()),
            "keys_by_label": dict(sorted(self.counts.labels.items())),
            "scenes_entered": dict(self.counts.scenes),
            "tasks_shown": self.tasks_shown,
            "observations": observations,
            "idle_resets": sum(1 for line in app.log if line.startswith("idle")),
            "recoveries": sum(1 for line in app.log if line.startswith("recovering")),
            "stuck_pages": sum(1 for line in app.log if "stopped answering" in line),
            "stuck_after": self.stuck,
            "recoveries_s": self.recoveries,
            "kills": len(self.recoveries),
            "reopened_after_kill": self.reopened_after_kill,
            "memory_mb": {"start": mem[0] if mem else None, "after_warm_up": after[0][2] if after else None,
                          "end": mem[-1] if mem else None, "max": max(mem) if mem else None,
                          "first_half_mean": round(first, 1) if first else None,
                          "second_half_mean": round(second, 1) if second else None,
                          "growth": round(second - first, 1) if half else None, "samples": len(mem)},
            "memory_samples": self.memory,
            "problems": self.problems,
        }

    def write(self, app) -> dict[str, Any]:
        data = self.summary(app)
        if self.record_dir is not None:
            path = self.record_dir / "soak.json"
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
            tmp.replace(path)
        return data


def waiting_in() -> str:
    """The Python stacks of the main thread's suspended greenlets (Playwright's sync API waits in one)."""
    import gc

    out = []
    try:
        import greenlet
    except ImportError:
        greenlet = None
    if greenlet is not None:
        for obj in gc.get_objects():
            if isinstance(obj, greenlet.greenlet) and obj.gr_frame is not None:
                out.append("".join(traceback.format_stack(obj.gr_frame)[-12:]))
    return "\n".join(out) or "(no suspended greenlet)"


def memory_flat(mem: dict) -> bool:
    """The second half's mean PSS is within 5% (at least 25 MB) of the first half's, after warm-up."""
    if mem.get("growth") is None:
        return False
    return mem["growth"] <= max(25.0, 0.05 * mem["first_half_mean"])


# -- running it -----------------------------------------------------------------------------------

def run(minutes: float, seed: int, record_dir: Path, kills: int = 0, size: tuple[int, int] = (1280, 800),
        save_until_killed: bool = False, idle_timeout_s: float = 90.0) -> dict[str, Any]:
    """Run the soak in this process and return its summary (also written to ``record_dir/soak.json``)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    import pygame

    from auditor.model.persona import load_personas
    from auditor.model.scenario import load_scenarios
    from kiosk.app import KioskApp, open_window
    from kiosk.config import KioskConfig
    from kiosk.observations import ObservationStore
    from kiosk.speech_api import make_speaker

    record_dir.mkdir(parents=True, exist_ok=True)
    config = KioskConfig(station="soak", pin=SOAK_PIN, idle_timeout_s=idle_timeout_s, data_dir=record_dir,
                         voice=False)
    clock = SimClock()
    screen = open_window(size, fullscreen=False)
    speaker = make_speaker(record_dir / "speech.log", voice=False)
    store = ObservationStore(record_dir / "observations.sqlite", station="soak")
    app = KioskApp(config, load_personas(None), load_scenarios(None), speaker, store, screen, clock=clock,
                   warm_browser=True)
    soak = Soak(clock, minutes, seed, size, kills, record_dir, save_until_killed)
    soak.watch(app)
    try:
        app.run(soak)
    except Exception:
        soak.problem("the kiosk's loop raised:\n" + traceback.format_exc())
    finally:
        soak.stop_watching()
        pygame.quit()
    if not soak.finished and not soak.problems:
        soak.problem("the kiosk stopped before the soak ended")
    return soak.write(app) if not soak.saving else soak.summary(app)


def supervise(minutes: float, seed: int, record_dir: Path, kills: int, min_saved: int = 20,
              timeout_s: float = 3600 * 3) -> dict[str, Any]:
    """Run the soak in a child process; when it is done, let it save observations and kill it with SIGKILL
    mid-stream. Returns the soak's summary plus ``kill_while_saving``: the ids the kiosk reported saved,
    the rows found after, whether the store passed ``PRAGMA integrity_check`` and took a new row."""
    import sqlite3

    from kiosk.observations import ObservationStore, load

    record_dir.mkdir(parents=True, exist_ok=True)
    for old in ("soak.json", "observations.sqlite", "observations.sqlite-wal", "observations.sqlite-shm"):
        (record_dir / old).unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "benchmarks.soak", "--child", "--minutes", str(minutes), "--seed", str(seed),
           "--kills", str(kills), "--record", str(record_dir)]
    err_path = record_dir / "stderr.log"
    with open(err_path, "w", encoding="utf-8") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True)
        saved: list[int] = []
        deadline = time.monotonic() + timeout_s
        try:
            while len(saved) < min_saved and time.monotonic() < deadline:
                line = proc.stdout.readline()
                if not line:
                    break
                if line.startswith("saved "):
                    saved.append(int(line.split()[1]))
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        saved += [int(line.split()[1]) for line in proc.stdout.read().splitlines() if line.startswith("saved ")]
    summary_path = record_dir / "soak.json"
    if not summary_path.exists():
        tail = err_path.read_text("utf-8", errors="replace")[-3000:]
        return {"problems": [f"the soak wrote no summary (exit {proc.returncode}):\n{tail}"]}
    data = json.loads(summary_path.read_text("utf-8"))
    db = record_dir / "observations.sqlite"
    rows = load(db)
    ids = {r["id"] for r in rows}
    conn = sqlite3.connect(db)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    store = ObservationStore(db)
    new_id = store.add(persona="after", scenario="kill", version="", seconds=1, finished=False, ended="crashed",
                       simulation=True)
    store.close()
    kill = {"signal": "SIGKILL", "exit_code": proc.returncode, "saved_reported": len(saved),
            "rows_after": len(ids), "soak_rows": data.get("observations"),
            "lost": sorted(set(saved) - ids), "extra": len(ids - set(saved)) - (data.get("observations") or 0),
            "integrity": integrity, "new_row_after": new_id > max(ids, default=0)}
    data["kill_while_saving"] = kill
    if kill["lost"]:
        data["problems"].append(f"observations reported saved were lost after SIGKILL: {kill['lost']}")
    if kill["extra"] > 1:
        data["problems"].append(f"{kill['extra']} rows that were never reported saved (at most 1 expected)")
    if integrity != "ok" or not kill["new_row_after"]:
        data["problems"].append(f"the store did not open cleanly after SIGKILL: {integrity}")
    if proc.returncode != -signal.SIGKILL:
        data["problems"].append(f"the soak ended with exit {proc.returncode} before it was killed")
    summary_path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return data


def report(data: dict) -> str:
    """The soak's figures as a few lines of text."""
    mem = data.get("memory_mb") or {}
    rec = [r for r in data.get("recoveries_s", []) if r is not None]
    kill = data.get("kill_while_saving") or {}
    lines = [
        f"simulated {data.get('sim_minutes')} min in {data.get('real_seconds')} s of real time",
        f"events sent: {data.get('events_total')} {data.get('events')}",
        f"scenes entered: {data.get('scenes_entered')}; tasks shown: {data.get('tasks_shown')}; "
        f"observations: {data.get('observations')}; idle resets: {data.get('idle_resets')}; "
        f"back to attract after a page failure: {data.get('recoveries')} (stuck pages: {data.get('stuck_pages')})",
        f"PSS: start {mem.get('start')} MB, after warm-up {mem.get('after_warm_up')} MB, end {mem.get('end')} MB, "
        f"max {mem.get('max')} MB, growth 2nd-1st half {mem.get('growth')} MB ({mem.get('samples')} samples)",
        f"Chromium killed {data.get('kills', 0)} times: back at attract after {data.get('recoveries_s')} s"
        + (f" (max {max(rec):.2f} s)" if rec else ""),
    ]
    if kill:
        lines.append(f"SIGKILL while saving: {kill['saved_reported']} reported saved, {kill['rows_after']} rows after, "
                     f"lost {len(kill['lost'])}, integrity {kill['integrity']}, new row after: {kill['new_row_after']}")
    lines.append("problems: none" if not data.get("problems") else "PROBLEMS:\n  " + "\n  ".join(data["problems"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.soak", description="Random visitor input through the kiosk "
                                 "on a simulated clock, with Chromium kills and a SIGKILL while saving.")
    ap.add_argument("--minutes", type=float, default=60.0, help="simulated minutes of kiosk time (default 60)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: a new one, printed)")
    ap.add_argument("--kills", type=int, default=3, help="times Chromium is killed mid-task (default 3)")
    ap.add_argument("--record", metavar="DIR", help="where soak.json, speech.log and the store go (default: temp)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.minutes <= 0 or args.kills < 0:
        ap.error("--minutes must be above 0 and --kills 0 or more")
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    if args.child:
        run(args.minutes, seed, Path(args.record), args.kills, save_until_killed=True)
        return 0
    record = Path(args.record) if args.record else Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    print(f"soak: seed {seed}, {args.minutes:g} simulated min, record {record}", file=sys.stderr, flush=True)
    data = supervise(args.minutes, seed, record, args.kills)
    data["seed"] = seed
    print(report(data))
    rec = [r for r in data.get("recoveries_s", []) if r is not None]
    ok = (not data.get("problems") and memory_flat(data.get("memory_mb") or {})
          and all(r <= KILL_RECOVERY_LIMIT_S for r in rec) and len(rec) == args.kills)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
