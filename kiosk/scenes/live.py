"""The live task: the scenario's page in headless Chromium, shown and driven from the kiosk.

Keys and text go to the page (a screen-reader persona's reader sees keys first); clicks go too unless the
persona is keyboard only, in which case a notice is shown and spoken. The persona's simulation is applied
to each frame (kiosk/effects.py) and in the browser (kiosk/live_page.py). The task ends when the
scenario's done condition holds (``done``, else the final ``expect text`` step), when the visitor presses
F10, or when the kiosk goes idle; Chromium dying sends the kiosk back to the attract screen.
"""

from __future__ import annotations

import contextlib
import io
import random
import time
from dataclasses import dataclass, field

import pygame

from kiosk import input as intents
from kiosk import theme as t
from kiosk.effects import Effects
from kiosk.live_page import LivePage, PageGone, allowed_hosts_for
from kiosk.scene import Scene
from kiosk.speech_api import make_reader

DONE_CHECK_S = 0.4        # while the page changes: is the task done?
DONE_CHECK_STILL_S = 2.0  # while it is still (a change that shows no frame, e.g. text added off screen)
NOTICE_S = 4.0
LIVELY_S = 1.0            # after input or a new frame, the page counts as changing for this long
FRAME_WAIT_S = 1 / 60     # while it changes: each loop waits in Playwright this long at most for the next frame
STILL_PUMP_S = 0.2        # while it is still: Playwright is asked for events this often
STILL_FPS = 30            # ... and keys are looked for this often (cheap: no call to Playwright)


@dataclass
class TaskResult:
    persona: object
    scenario: object
    version: str | None
    seconds: float
    finished: bool
    ended: str
    simulation: bool
    visited: list[str] = field(default_factory=list)
    observation_id: int | None = None
    final_page: dict = field(default_factory=dict)  # LivePage.facts() when the task ended

    @property
    def last_url(self) -> str:
        """Where the visitor got to: the page they were on when the task ended (the last one visited when
        the page could not be asked)."""
        return self.final_page.get("url") or (self.visited[-1] if self.visited else "")


def done_fallback(scenario) -> str:
    """The text of the scenario's last ``expect text`` step (used when it has no ``done``)."""
    for step in reversed(scenario.steps):
        if step.verb == "expect text":
            return step.target
    return ""


class LiveScene(Scene):
    name = "live"
    forwards_input = True

    def __init__(self, kiosk, persona, scenario, version: str | None, rng: random.Random | None = None) -> None:
        super().__init__(kiosk)
        self.persona = persona
        self.scenario = scenario
        self.version = version
        self.sim = persona.simulation
        self.rng = rng or random.Random()
        self.live: LivePage | None = None
        self.effects: Effects | None = None
        self.reader = None
        self.view_surface: pygame.Surface | None = None
        self.shown_seq = 0
        self.shown_captured = 0.0
        self.started: float | None = None
        self.result: TaskResult | None = None
        self.notice = ""
        self._notice_until = 0.0
        self._since_check = 0.0
        self._pointer: tuple[int, int] | None = None
        self._pointer_at = -99.0
        self._pending_move: tuple[int, int] | None = None
        self._blocked_seen = 0
        self._fallback = done_fallback(scenario)
        self.curtain_lifted = False  # a facilitator lifted the screen curtain for onlookers (Ctrl+Alt+C)
        self._caption = ""
        self._lively_until = 0.0     # time.monotonic(): real time, as it paces real work
        self._pumped_at = -99.0
        self._checked_seq = -1
        self._checked_visits = -1
        self._parts: dict[str, tuple[tuple, pygame.Surface]] = {}   # painted bars (see _cached)

    # -- layout ----------------------------------------------------------------------------------
    def bar_height(self) -> int:
        return self.kiosk.theme.scale(64)

    def caption_height(self) -> int:
        return self.kiosk.theme.scale(60)

    def view_rect(self, size: tuple[int, int]) -> pygame.Rect:
        w, h = size
        return pygame.Rect(0, self.bar_height(), w, h - self.bar_height() - self.caption_height())

    def stop_rect(self, size: tuple[int, int]) -> pygame.Rect:
        theme = self.kiosk.theme
        bw, bh = theme.scale(220), theme.scale(44)
        return pygame.Rect(size[0] - theme.scale(24) - bw, (self.bar_height() - bh) // 2, bw, bh)

    @property
    def simulating(self) -> bool:
        return self.kiosk.simulation_on

    @property
    def curtained(self) -> bool:
        """The page view is black: the persona has a screen curtain, the simulation is on, nobody lifted it."""
        return bool(self.sim.screen_curtain and self.simulating and not self.curtain_lifted)

    # -- lifecycle -------------------------------------------------------------------------------
    def enter(self) -> None:
        self.kiosk.set_reader_persona(self.persona if self.sim.screen_reader else None)
        view = self.view_rect(self.kiosk.size)
        opening = self.kiosk.clock()
        try:
            url = self.kiosk.start_url(self.scenario, self.version)
            self.live = LivePage(self.kiosk.browser(), url, allowed_hosts_for(url, self.scenario.allowed_hosts),
                                 view.size, self.sim, self.simulating)
            self.live.open()
        except PageGone as exc:
            # The try is recorded as crashed (summaries leave crashed tries out), so that a rehearsal of a
            # service that does not answer ends with that outcome instead of none.
            self.started = opening
            self._record(False, "crashed")
            self.kiosk.recover(f"the page would not open: {exc}")
            return
        self.effects = Effects(self.sim, view.size)
        self.live.track_focus = self.effects.needs_focus
        if self.sim.screen_reader:
            self.reader = make_reader(self.live.page, self.live.cdp, self.kiosk.speaker, self.persona)
        self.started = self.kiosk.clock()
        self.kiosk.say(f"{self.scenario.title}. {self.scenario.brief}")

    def exit(self) -> None:
        if self.result is None and self.started is not None:
            self._record(False, self.kiosk.exit_reason or "stopped")
        if self.reader is not None:
            with contextlib.suppress(Exception):
                self.reader.close()
            self.reader = None
        if self.live is not None:
            self.live.close()
            self.live = None
        self.kiosk.set_reader_persona(None)

    # -- input -----------------------------------------------------------------------------------
    def handle(self, intent) -> None:
        if self.live is None or self.result is not None:
            return
        self._lively_until = time.monotonic() + LIVELY_S
        try:
            self._handle(intent)
        except PageGone as exc:
            self.kiosk.recover(f"Chromium stopped: {exc}")

    def _to_page(self, reader_takes, send) -> None:
        """A key or text: the screen reader's own keys first; anything else goes to the page, and the reader
        follows what it did."""
        if self.reader is not None and reader_takes(self.reader):
            return
        send()
        if self.reader is not None:
            self.reader.after_input()

    def _handle(self, intent) -> None:
        kind = intent.kind
        if kind == intents.STOP_TASK:
            self.finish(False, "stopped")
        elif kind == intents.TOGGLE_SIMULATION:
            self.set_simulation(not self.simulating)
        elif kind == intents.TOGGLE_CURTAIN:
            self.toggle_curtain()
        elif intent.is_key:
            if intents.is_printable(intent.key):
                if self.reader is not None:  # browse-mode quick keys (h: next heading)
                    self.reader.handle_key(intent.key, at=intent.at)
                return  # its character arrives as a text intent
            self._to_page(lambda reader: reader.handle_key(intent.key, at=intent.at),
                          lambda: self.live.press(intent.key))
        elif kind == intents.TEXT:
            self._to_page(lambda reader: reader.handle_text(intent.text, at=intent.at),
                          lambda: self.live.type(intent.text))
        elif kind == intents.CLICK:
            if self.stop_rect(self.kiosk.size).collidepoint(intent.pos):
                self.finish(False, "stopped")
                return
            target = self.to_page(intent.pos)
            if target is None:
                return
            if self.mouse_blocked():
                self.show_notice(f"{self.persona.name} can't use a mouse — try Tab", spoken=True)
                return
            self._pointer, self._pointer_at = intent.pos, self.kiosk.clock()
            self.live.click(*self.shake(target))
        elif kind == intents.MOVE:
            if self.to_page(intent.pos) is None:
                return
            if self.mouse_blocked():
                if self.kiosk.clock() > self._notice_until:
                    self.show_notice(f"{self.persona.name} can't use a mouse — try Tab", spoken=True)
                return
            self._pointer, self._pointer_at = intent.pos, self.kiosk.clock()
            self._pending_move = intent.pos
        elif kind == intents.WHEEL:
            if self.mouse_blocked():
                self.show_notice(f"{self.persona.name} can't use a mouse — try the arrow keys", spoken=True)
                return
            self.live.wheel(-intent.pos[1] * 120)

    def mouse_blocked(self) -> bool:
        return self.simulating and self.sim.keyboard_only

    def to_page(self, pos: tuple[int, int]) -> tuple[float, float] | None:
        """Window coordinates -> the page's CSS coordinates (None outside the page view)."""
        view = self.view_rect(self.kiosk.size)
        if not view.collidepoint(pos):
            return None
        css_w, css_h = self.live.css_size
        return ((pos[0] - view.x) * css_w / view.w, (pos[1] - view.y) * css_h / view.h)

    def shake(self, target: tuple[float, float]) -> tuple[float, float]:
        """Pointer tremor: the click lands up to ``pointer_tremor`` px away from where it was aimed."""
        tremor = self.sim.pointer_tremor if self.simulating else 0
        if not tremor:
            return target
        css_w, css_h = self.live.css_size
        x = target[0] + self.rng.gauss(0, tremor / 2)
        y = target[1] + self.rng.gauss(0, tremor / 2)
        return (min(max(0.0, x), css_w - 1), min(max(0.0, y), css_h - 1))

    def show_notice(self, text: str, spoken: bool = False) -> None:
        self.notice = text
        self._notice_until = self.kiosk.clock() + NOTICE_S
        self.kiosk.content_changed()
        if spoken:
            self.kiosk.say(text, always=True)

    def toggle_curtain(self) -> None:
        """Facilitators: show the page to onlookers (speech goes on), or black it out again."""
        if not self.sim.screen_curtain:
            return
        self.curtain_lifted = not self.curtain_lifted
        self.shown_seq = 0  # draw the latest frame now (frames are not decoded behind the curtain)
        self.view_surface = None
        self.show_notice("Curtain lifted: onlookers see the page; the visitor still only hears it"
                         if self.curtain_lifted else "Screen curtain back on")

    def set_simulation(self, on: bool) -> None:
        self.kiosk.simulation_on = on
        self.live.apply_simulation(on)
        self.show_notice("Simulation on" if on else "Simulation off: this is the page as most people see it")

    # -- frame loop ------------------------------------------------------------------------------
    @property
    def lively(self) -> bool:
        """Input, a frame, a navigation or a request within the last second: the page is (probably) changing.
        Requests count because each one waits for a pump to be let through (LivePage._route): a page that is
        loading is pumped continuously, not five times a second."""
        last = self.live.last_event if self.live is not None else 0.0
        return time.monotonic() < max(self._lively_until, last + LIVELY_S)

    def frame_rate(self) -> int:
        """The app's loop rate: uncapped while the page changes (each loop waits in Playwright for the next
        frame, so frames are drawn as they come), ``STILL_FPS`` while it is still (keys are looked for;
        Playwright is asked for events only every ``STILL_PUMP_S``)."""
        return 0 if self.lively and self.live is not None and self.result is None else STILL_FPS

    def update(self, dt: float) -> None:
        if self.live is None or self.result is not None:
            return
        try:
            if self._pending_move is not None:
                target = self.to_page(self._pending_move)
                self._pending_move = None
                if target is not None:
                    self.live.move(*self.shake(target))
            now = time.monotonic()
            lively = self.lively
            if lively or now - self._pumped_at >= STILL_PUMP_S:
                self._pumped_at = now
                frame = self.live.frame
                waiting = frame is not None and frame.seq != self.shown_seq  # a frame came during a call
                self.live.pump(0.0 if waiting or not lively else FRAME_WAIT_S)
            if self.reader is not None:
                self.reader.update()
            self._show_latest_frame()
            caption = self.kiosk.speaker.caption
            if caption != self._caption:  # the caption bar shows what is said: redraw now
                self._caption = caption
                self.kiosk.content_changed()
            if len(self.live.blocked) > self._blocked_seen:
                self._blocked_seen = len(self.live.blocked)
                self.show_notice("That link goes outside this task, so it is switched off here")
            self._since_check += dt
            seen = (self.live.frame.seq if self.live.frame else 0, len(self.live.visited))
            changed = seen != (self._checked_seq, self._checked_visits)
            if self._since_check >= (DONE_CHECK_S if changed else DONE_CHECK_STILL_S):
                self._since_check = 0.0
                self._checked_seq, self._checked_visits = seen
                if self.live.is_done(self.scenario.done, self._fallback):
                    self.finish(True, "done")
        except PageGone as exc:
            self.kiosk.recover(f"Chromium stopped: {exc}")
            return
        if self.notice and self.kiosk.clock() > self._notice_until:
            self.notice = ""
            self.kiosk.content_changed()

    def _show_latest_frame(self) -> None:
        frame = self.live.frame
        if frame is None or frame.seq == self.shown_seq:
            return
        if self.curtained:  # nothing to see: skip decoding and effects altogether
            self.shown_seq, self.shown_captured = frame.seq, frame.captured
            return
        try:
            surf = pygame.image.load(io.BytesIO(frame.data), "frame.jpg")
        except pygame.error:
            return
        view = self.view_rect(self.kiosk.size)
        untouched = surf.get_size() == view.size and not (self.simulating and self.effects.changes_pixels)
        if pygame.display.get_surface() is not None and not untouched:
            surf = surf.convert()  # the effects are quicker on the display's format; a frame drawn as it
            # came is not converted: blitting it once costs about what converting it would
        smooth = self.live.zoom != 1
        if self.simulating:  # scaling to the view is folded into the effects (done once, at the blurred size)
            surf = self.effects.apply(surf, self._look_at(view), curtain=False, smooth=smooth)
        elif surf.get_size() != view.size:
            surf = (pygame.transform.smoothscale if smooth else pygame.transform.scale)(surf, view.size)
        self.view_surface = surf
        self.shown_seq = frame.seq
        self.shown_captured = frame.captured
        self._lively_until = time.monotonic() + LIVELY_S
        self.kiosk.content_changed()

    def _look_at(self, view: pygame.Rect) -> tuple[int, int] | None:
        if self._pointer is not None and self.kiosk.clock() - self._pointer_at < 2.0 and not self.mouse_blocked():
            return (self._pointer[0] - view.x, self._pointer[1] - view.y)
        if self.live.focus is not None:
            css_w, _ = self.live.css_size
            k = view.w / css_w
            return (int(self.live.focus[0] * k), int(self.live.focus[1] * k))
        return None

    def finish(self, finished: bool, ended: str) -> None:
        self._record(finished, ended)
        self.kiosk.say("Well done, you finished the task." if finished else "You stopped the task.", always=True)
        self.kiosk.go("debrief", self.result)

    def _record(self, finished: bool, ended: str) -> None:
        seconds = self.kiosk.clock() - (self.started or self.kiosk.clock())
        self.result = TaskResult(self.persona, self.scenario, self.version, seconds, finished, ended,
                                 self.simulating, list(self.live.visited) if self.live else [],
                                 final_page=self.live.facts() if self.live else {})
        self.result.observation_id = self.kiosk.record(self.result)

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        w, h = surface.get_size()
        view = self.view_rect((w, h))
        curtained = self.curtained
        if curtained or self.view_surface is None or self.view_surface.get_size() != view.size:
            surface.fill((0, 0, 0) if curtained else t.LIGHT, view)
        if self.view_surface is not None and not curtained:
            surface.blit(self.view_surface, view.topleft)
        elif not curtained:
            t.draw_text(surface, theme.heading(), "Opening the page…", (theme.margin, view.y + theme.margin), t.INK)
        if curtained:
            self._draw_curtain(surface, view)
        w = surface.get_width()
        bar_key = (w, self.bar_height(), self.simulating, self.curtain_lifted)
        surface.blit(self._cached("bar", bar_key, (w, self.bar_height()), self._draw_bar), (0, 0))
        text, colour = self._caption_text()
        caption = self._cached("caption", (w, self.caption_height(), text, colour), (w, self.caption_height()),
                               lambda s: self._draw_caption(s, text, colour))
        surface.blit(caption, (0, h - self.caption_height()))

    def _cached(self, part: str, key: tuple, size: tuple[int, int], paint) -> pygame.Surface:
        """The task bar and the caption bar change far less often than the page: each is painted once per
        look (``key``) and blitted with every frame."""
        cache = self._parts
        held = cache.get(part)
        if held is None or held[0] != key:
            layer = pygame.Surface(size)
            paint(layer)
            held = cache[part] = (key, layer)
        return held[1]

    def _draw_curtain(self, surface: pygame.Surface, view: pygame.Rect) -> None:
        theme = self.kiosk.theme
        lines = [(theme.font(30, True), f"Screen curtain: like {self.persona.name}, you can only hear the page",
                  (170, 170, 170)),
                 (theme.font(24), "Tab: next control  ·  Down arrow: read on  ·  H: headings  ·  F: form fields  ·  "
                  "Enter: activate  ·  Control: stop speech", (140, 140, 140))]
        y = view.centery - sum(f.get_linesize() for f, _, _ in lines) // 2
        for font, text, colour in lines:
            label = font.render(t.wrap(font, text, view.w - 2 * theme.margin)[0], True, colour)
            surface.blit(label, label.get_rect(midtop=(view.centerx, y)))
            y += round(font.get_linesize() * 1.4)

    def _draw_bar(self, surface: pygame.Surface) -> None:
        """Paints the task bar onto a surface of its own size."""
        theme = self.kiosk.theme
        w = surface.get_width()
        bar = self.bar_height()
        pygame.draw.rect(surface, t.INK, (0, 0, w, bar))
        pygame.draw.rect(surface, t.hex_colour(self.persona.colour), (0, bar - theme.scale(6), w, theme.scale(6)))
        name = theme.font(28, True).render(self.persona.name, True, t.PAPER)
        x = theme.scale(24)
        surface.blit(name, (x, (bar - name.get_height()) // 2))
        x += name.get_width() + theme.scale(20)
        task = theme.font(24).render(self.scenario.title, True, t.PAPER)
        surface.blit(task, (x, (bar - task.get_height()) // 2))
        stop = self.stop_rect(self.kiosk.size)
        pygame.draw.rect(surface, t.PAPER, stop)
        label = theme.font(22, True).render("Stop task (F10)", True, t.INK)
        surface.blit(label, label.get_rect(center=stop.center))
        badge_text = ("Simulation off" if not self.simulating else
                      "Curtain lifted" if self.curtain_lifted and self.sim.screen_curtain else "")
        if badge_text:
            badge = theme.font(22, True).render(badge_text, True, t.INK)
            rect = badge.get_rect().inflate(theme.scale(24), theme.scale(12))
            rect.midright = (stop.x - theme.scale(20), bar // 2)
            pygame.draw.rect(surface, t.FOCUS, rect)
            surface.blit(badge, badge.get_rect(center=rect.center))

    def _caption_text(self) -> tuple[str, tuple[int, int, int]]:
        if self.notice:
            text, colour = self.notice, t.FOCUS
        elif self.kiosk.speaker.caption and self.sim.screen_reader:
            text, colour = f"Heard: {self.kiosk.speaker.caption}", t.PAPER
        elif self.sim.keyboard_only:
            text, colour = "Tab: next  ·  Shift+Tab: back  ·  Enter: choose  ·  Space: tick a box", (215, 215, 215)
        else:
            text, colour = "", t.PAPER
        return text, colour

    def _draw_caption(self, surface: pygame.Surface, text: str, colour: tuple[int, int, int]) -> None:
        """Paints the caption bar onto a surface of its own size."""
        theme = self.kiosk.theme
        w, ch = surface.get_size()
        y = 0
        pygame.draw.rect(surface, t.INK, (0, y, w, ch))
        if text:
            font = theme.font(26, True) if self.notice else theme.font(24)
            lines = t.wrap(font, text, w - 2 * theme.scale(24))
            label = font.render(lines[0] + ("…" if len(lines) > 1 else ""), True, colour)
            surface.blit(label, (theme.scale(24), y + (ch - label.get_height()) // 2))
