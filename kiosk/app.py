"""The kiosk application: the window, the frame loop, and the context the scenes work through.

:class:`KioskApp` owns the scene stack, the speaker, the observation store, the (lazily started) browser
and demo service. Scenes call its methods (``say``, ``record``, ``go_attract``, ``browser`` ...) and never
reach pygame's event queue: :class:`~kiosk.input.InputAdapter` is the only reader.

The loop draws only when something changed and slows to a few frames a second when nothing happens, so the
kiosk sits idle at a low CPU cost; a scene may set its own pace (the live page waits for the browser's next
frame while the page changes, and asks the browser for news only a few times a second while it is still).
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import Any, Callable, Protocol

import pygame

from auditor.errors import EmpathyLabError, UsageError
from auditor.model.observations import lab_so_far
from kiosk import input as intents
from kiosk.config import KioskConfig
from kiosk.findings_source import findings_for, newest_report
from kiosk.flow import SCENES
from kiosk.idle import RESET, WARN, IdleWatch, draw_warning, warning_text
from kiosk.input import InputAdapter
from kiosk.observations import ObservationStore
from kiosk.scene import SceneStack
from kiosk.speech_api import Speaker
from kiosk.theme import Theme

ACTIVE_FPS = 60
IDLE_FPS = 8
ACTIVE_WINDOW_S = 1.0


class Driver(Protocol):
    """A rehearsal script (kiosk/rehearsal.py) plays through these hooks."""

    def before_input(self, app: "KioskApp") -> None: ...

    def after_draw(self, app: "KioskApp") -> None: ...


class KioskApp:
    def __init__(self, config: KioskConfig, personas: dict, scenarios: dict, speaker: Speaker,
                 store: ObservationStore, screen: pygame.Surface, clock: Callable[[], float] = time.monotonic,
                 loaders: tuple[Callable[[], dict], Callable[[], dict]] | None = None,
                 warm_browser: bool = False) -> None:
        self.config = config
        self.personas = personas
        self.scenarios = scenarios
        self.speaker = speaker
        self.store = store
        self.screen = screen
        self.clock = clock
        self.loaders = loaders
        self.stack = SceneStack()
        self.input = InputAdapter()
        self.size = screen.get_size()
        self.theme = Theme(*self.size)
        self.simulation_on = True
        self.default_simulation = True
        self.version = config.version
        self.exit_allowed = False
        self.exit_reason = ""
        self.running = True
        self.content_version = 0
        self.frames = 0
        self.first_frame_at: float | None = None  # time.monotonic() of the first frame on screen
        self.last_input = clock()
        self.last_activity = clock()
        self.visit_persona: Any = None
        self.reader_persona: Any = None
        self.log: list[str] = []
        self._browser = None
        self._demo = None
        self._dirty = True
        self._last_draw = 0.0
        self.last_result = None
        self._warmed = not warm_browser
        self.idle_warning: int | None = None  # seconds left while "Are you still there?" is up, else None

    # -- what scenes call ------------------------------------------------------------------------
    def station_personas(self) -> list:
        return [self.personas[pid] for pid in self.config.personas if pid in self.personas]

    def set_station_personas(self, ids: tuple[str, ...]) -> None:
        self.config = self.config.with_personas(ids)

    def station_scenario(self):
        if self.config.scenario:
            return self.scenarios[self.config.scenario]
        demo = [s for s in self.scenarios.values() if s.start.startswith("demo:")]
        return (demo or list(self.scenarios.values()))[0]

    def station_version(self) -> str | None:
        return self.version if self.station_scenario().start.startswith("demo:") else None

    def toggle_version(self) -> None:
        self.version = "accessible" if self.version == "inaccessible" else "inaccessible"

    def begin_visit(self, persona) -> None:
        """A visitor chose a persona: a screen-reader persona's voice and rate speak the kiosk from now on."""
        self.visit_persona = persona
        if persona.simulation.screen_reader and hasattr(self.speaker, "use_persona"):
            self.speaker.use_persona(persona)

    def end_visit(self) -> None:
        self.visit_persona = None
        self.simulation_on = self.default_simulation
        self.exit_reason = ""
        if hasattr(self.speaker, "use_default"):
            self.speaker.use_default()

    def set_reader_persona(self, persona) -> None:
        self.reader_persona = persona

    @property
    def speaking(self) -> bool:
        p = self.reader_persona or self.visit_persona
        return bool(p is not None and p.simulation.screen_reader)

    def say(self, text: str, always: bool = False) -> None:
        """Speak a kiosk phrase when a screen-reader persona is active (or ``always``, for notices)."""
        if text and (always or self.speaking):
            self.speaker.speak(text, interrupt=True)

    def content_changed(self) -> None:
        self.content_version += 1
        self._dirty = True

    def browser(self):
        if self._browser is None:
            from auditor.browser import Browser

            # (the full Chromium, not a headless shell: the kiosk shows the page to people, as their own browser
            # draws it; the audit's speed does not matter here)
            self._browser = Browser(shell=False).start()
        elif not self._browser.alive:
            self._browser.restart()
        return self._browser

    def demo_url(self) -> str:
        if self._demo is None:
            from auditor.demo import DemoServer

            self._demo = DemoServer().start()
        return self._demo.url

    def start_url(self, scenario, version: str | None) -> str:
        base = self.demo_url() if scenario.start.startswith("demo:") else None
        return scenario.start_url(base, version=version)

    def record(self, result) -> int | None:
        self.last_result = result
        try:
            return self.store.add(persona=result.persona.id, scenario=result.scenario.id, version=result.version or "",
                                  seconds=result.seconds, finished=result.finished, ended=result.ended,
                                  simulation=result.simulation, last_page=result.last_url)
        except Exception as exc:  # a full disk must not stop the kiosk
            self.note(f"observation not saved: {exc}")
            return None

    def lab_so_far(self, persona, scenario, version: str | None) -> str:
        """"4 of 10 visitors as Claudia finished the inaccessible version; the accessible one: 9 of 10." (this
        station's observations, the visitor's own try included; "" when they cannot be read)."""
        try:
            return lab_so_far(self.store.all(), persona.id, persona.name, scenario.id, version)
        except Exception as exc:  # a damaged store must not stop the debrief
            self.note(f"observations not read: {exc}")
            return ""

    def findings_for(self, urls: list[str], persona) -> list[dict[str, str]]:
        return findings_for(newest_report(self.config.findings_report), urls, persona.id, persona.name)

    def go(self, name: str, *args: Any) -> None:
        """Replace the current scene with the one called ``name`` in kiosk/flow.py, built with ``args``."""
        self.stack.replace(SCENES[name](self, *args))

    def go_attract(self) -> None:
        self.exit_allowed = False   # whatever was open (facilitator mode included) is locked again
        self.stack.reset(SCENES["attract"](self))
        self._dirty = True
        # A visit leaves reference cycles behind (Playwright's requests, routes, responses and frames, and the
        # handlers that refer back to them). Python frees those only in a full collection, which waits until
        # the garbage of many visits has piled up: over an hour of visits the kiosk's own process rose from
        # 88 to 114 MB. Collected here, between visitors, it takes 20-30 ms on a screen nobody is waiting on.
        gc.collect()

    def recover(self, reason: str) -> None:
        """Chromium died or a page would not open: back to the attract screen, browser restarted later."""
        self.note(f"recovering: {reason}")
        self.exit_reason = "crashed"
        self.go_attract()

    def reload(self) -> str:
        if self.loaders is None:
            return "Nothing to reload."
        try:
            personas, scenarios = self.loaders[0](), self.loaders[1]()
        except EmpathyLabError as exc:
            return f"Not reloaded: {str(exc).splitlines()[0]}"
        self.personas, self.scenarios = personas, scenarios
        return f"Reloaded {len(personas)} personas and {len(scenarios)} scenarios."

    def request_exit(self) -> None:
        if self.exit_allowed:
            self.running = False

    def note(self, text: str) -> None:
        self.log.append(text)
        print(f"kiosk: {text}", file=sys.stderr)

    # -- the loop --------------------------------------------------------------------------------
    def dispatch(self, intent) -> None:
        now = self.clock()
        self.last_input = self.last_activity = now
        if self.idle_warning is not None:  # the visitor is still there: this input only carries on
            self.idle_warning = None
            self.content_changed()
            self.say("Carrying on.")
            return
        if intent.kind == intents.QUIT_REQUEST:
            self.request_exit()
            return
        if intent.kind == intents.FACILITATOR:
            if self.stack.top is None or self.stack.top.name != "facilitator":
                self.stack.push(SCENES["facilitator"](self))
            self._dirty = True
            return
        if intent.kind == intents.TOGGLE_SIMULATION and (self.stack.top is None or self.stack.top.name != "live"):
            self.simulation_on = not self.simulation_on
            self._dirty = True
            return
        before = self.stack.top
        self.stack.handle(intent)
        if not getattr(before, "forwards_input", False) or self.stack.top is not before:
            self.content_changed()

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size
        self.theme = Theme(*size)
        self._dirty = True

    def tick(self, dt: float) -> None:
        """One frame: input, update, idle check, draw (when needed)."""
        for intent in self.input.poll():
            self.dispatch(intent)
        if self.input.resized:
            self.resize(self.screen.get_size())
        top = self.stack.top
        self.stack.update(dt)
        if top is not self.stack.top:
            self._dirty = True
        self.check_idle()
        if self._dirty:
            self.redraw_now()
            if not self._warmed:
                self.warm_up()

    def check_idle(self) -> None:
        """The idle timeout: warn ``warning_s`` before it (shown, and spoken for a screen-reader persona), then
        back to the attract screen, which closes the browser context."""
        watch = IdleWatch(self.config.idle_timeout_s, self.config.warning_s)
        top = self.stack.top
        idle_s = self.clock() - self.last_input
        # Facilitator mode times out too: a menu left unlocked must not wait for the next visitor.
        state = watch.state(idle_s) if top is not None and top.name != "attract" else None
        if state == RESET:
            self.note("idle: back to the attract screen")
            self.exit_reason = "idle"
            self.idle_warning = None
            self.go_attract()
        elif state == WARN:
            left = watch.seconds_left(idle_s)
            if self.idle_warning is None:
                self.note("idle: are you still there?")
                self.say(warning_text(left))
            if left != self.idle_warning:
                self.idle_warning = left
                self._dirty = True
        elif self.idle_warning is not None:
            self.idle_warning = None
            self._dirty = True

    def warm_up(self) -> None:
        """Start Chromium (and the demo service, when the station's task is on it) once the first screen is
        up, so that choosing a persona opens the page quickly."""
        self._warmed = True
        try:
            self.browser()
            if self.scenarios and self.station_scenario().start.startswith("demo:"):
                self.demo_url()
        except (EmpathyLabError, OSError) as exc:
            self.note(f"the browser is not available yet: {exc}")

    def frame_rate(self) -> int:
        """Loops a second (0: no cap, the scene paces itself)."""
        top = self.stack.top
        own = getattr(top, "frame_rate", None)
        if own is not None:
            return own()
        recent = self.clock() - self.last_activity < ACTIVE_WINDOW_S
        return ACTIVE_FPS if recent else IDLE_FPS

    def run(self, driver: Driver | None = None, first_scene=None) -> int:
        """Run until a facilitator exits (or the driver stops the app). Returns the exit code."""
        pygame_clock = pygame.time.Clock()
        if first_scene is None:
            self.go_attract()
        else:
            self.stack.reset(first_scene)
        dt = 0.0
        try:
            while self.running:
                if driver is not None:
                    driver.before_input(self)
                version = self.content_version
                self.tick(dt)
                if self.content_version != version:
                    self.last_activity = self.clock()
                if driver is not None:
                    driver.after_draw(self)
                dt = pygame_clock.tick(self.frame_rate()) / 1000.0
        finally:
            self.shutdown()
        return 0

    def redraw_now(self) -> None:
        self.stack.draw(self.screen)
        if self.idle_warning is not None:
            draw_warning(self.screen, self.theme, self.idle_warning, self.config.warning_s)
        pygame.display.flip()
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.monotonic()
        self._dirty = False
        self._last_draw = self.clock()

    def shutdown(self) -> None:
        while self.stack:
            self.stack.pop()
        if self._browser is not None:
            self._browser.stop()
            self._browser = None
        if self._demo is not None:
            self._demo.stop()
            self._demo = None
        self.speaker.close()
        self.store.close()


def open_window(size: tuple[int, int] | None, fullscreen: bool) -> pygame.Surface:
    """The kiosk's window: fullscreen with the keyboard grabbed, or a resizable development window."""
    import os

    if fullscreen:
        os.environ.setdefault("SDL_GRAB_KEYBOARD", "1")
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("Empathy Lab")
    if fullscreen:
        screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        pygame.event.set_grab(True)
    else:
        screen = pygame.display.set_mode(size or (1280, 800), pygame.RESIZABLE)
    pygame.key.set_repeat(400, 60)
    pygame.key.start_text_input()
    return screen


def check_station(config: KioskConfig, personas: dict, scenarios: dict) -> None:
    """The config's persona and scenario ids must exist: say where and what, all at once."""
    problems = []
    where = str(config.path) if config.path else "kiosk settings"
    for index, pid in enumerate(config.personas):
        if pid not in personas:
            problems.append(f"{where}:{config.line_of('personas')}: personas[{index}]: no persona '{pid}' "
                            f"(known: {', '.join(sorted(personas))})")
    if config.scenario and config.scenario not in scenarios:
        problems.append(f"{where}:{config.line_of('scenario')}: scenario: no scenario '{config.scenario}' "
                        f"(known: {', '.join(sorted(scenarios)) or 'none'})")
    if not config.scenario and not scenarios:
        problems.append(f"{where}: scenario: there are no scenarios to offer (add one under scenarios/)")
    if problems:
        raise UsageError("\n".join(problems))


def default_store_path(config: KioskConfig, record_dir: Path | None) -> Path:
    return (record_dir / "observations.sqlite") if record_dir is not None else config.observations_path
