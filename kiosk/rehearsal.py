"""Plays a rehearsal script through the running kiosk and measures it.

Events are put on pygame's queue (so they go through kiosk/input.py like a visitor's keys). After each key
the script waits until the screen shows its effect (at most ``KEY_TIMEOUT_S``), which gives
``key_to_frame_ms``: from the key to the first drawn frame that shows it. On the live page that is the first
screencast frame Chromium captured after the key; elsewhere, the first redraw after the key was handled.
A key whose effect never shows (say, Tab onto an element with no visible focus) is recorded as null.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from kiosk import input as kinput
from kiosk.script import Script

KEY_TIMEOUT_S = 1.0
BURST_GAP_S = 0.2
SETTLE_S = 0.3


@dataclass
class _Pending:
    t: float
    wall: float
    scene: Any
    seq: int
    version: int
    frames: int


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Rehearsal:
    def __init__(self, script: Script, record_dir: Path, process_start: float, starts_live: bool) -> None:
        self.script = script
        self.dir = record_dir
        self.process_start = process_start  # time.monotonic() value of the process's start
        self.starts_live = starts_live
        self.index = 0
        self.wait_until = 0.0
        self.pending: _Pending | None = None
        self.key_ms: list[float | None] = []
        self.startup_s: float | None = None
        self.page_frame_times: list[float] = []
        self.scenes: list[str] = []
        self.live_ticks = 0
        self.live_time = 0.0
        self._last_seq = 0
        self._last_tick: float | None = None
        self._done_at: float | None = None
        self.screenshots: list[str] = []

    # -- hooks the app calls ---------------------------------------------------------------------
    def before_input(self, app) -> None:
        now = time.monotonic()
        if self.startup_s is None:
            if now - self.process_start > 60:
                app.note("rehearsal: the first screen never appeared")
                app.running = False
            return
        if self.pending is not None:
            if now - self.pending.t > KEY_TIMEOUT_S:
                self.key_ms.append(None)
                self.pending = None
            else:
                return
        if now < self.wait_until:
            return
        if self.index >= len(self.script.events):
            if self._done_at is None:
                self._done_at = now
            elif now - self._done_at > SETTLE_S:
                app.running = False
            return
        event = self.script.events[self.index]
        self.index += 1
        if event.kind == "key":
            top = app.stack.top
            self.pending = _Pending(now, time.time(), top, getattr(top, "shown_seq", 0), app.content_version,
                                    app.frames)
            kinput.post_key(event.value)
        elif event.kind == "type":
            kinput.post_text(str(event.value))
        elif event.kind == "click":
            kinput.post_click(event.value)
        elif event.kind == "wait":
            self.wait_until = now + event.value
        elif event.kind == "screenshot":
            app.redraw_now()
            path = self.dir / f"{event.value}.png"
            pygame.image.save(app.screen, str(path))
            self.screenshots.append(path.name)

    def after_draw(self, app) -> None:
        now = time.monotonic()
        top = app.stack.top
        name = getattr(top, "name", "")
        if not self.scenes or self.scenes[-1] != name:
            self.scenes.append(name)
        live = name == "live"
        if self.startup_s is None and app.frames > 0:
            if not self.starts_live or (live and getattr(top, "shown_seq", 0) > 0):
                self.startup_s = now - self.process_start
        if live:
            if self._last_tick is not None:
                self.live_time += now - self._last_tick
            self.live_ticks += 1
            self._last_tick = now
            if top.shown_seq != self._last_seq:
                self._last_seq = top.shown_seq
                self.page_frame_times.append(now)
        else:
            self._last_tick = None
        p = self.pending
        if p is None or app.frames <= p.frames:
            return
        if top is not p.scene:
            shown = True
        elif getattr(top, "forwards_input", False):
            shown = top.shown_seq > p.seq and top.shown_captured >= p.wall - 0.002
        else:
            shown = app.content_version > p.version
        if shown:
            self.key_ms.append(round((now - p.t) * 1000, 1))
            self.pending = None

    # -- results ---------------------------------------------------------------------------------
    def page_fps(self) -> float | None:
        """Frames shown per second while the page was changing (bursts of frames < 0.2 s apart)."""
        times = self.page_frame_times
        frames, seconds, start, count = 0, 0.0, None, 0
        for i, t in enumerate(times):
            if start is None:
                start, count = t, 1
            elif t - times[i - 1] <= BURST_GAP_S:
                count += 1
            else:
                if count >= 4:
                    frames, seconds = frames + count - 1, seconds + times[i - 1] - start
                start, count = t, 1
        if start is not None and count >= 4:
            frames, seconds = frames + count - 1, seconds + times[-1] - start
        return round(frames / seconds, 1) if seconds > 0 else None

    def timings(self, app) -> dict[str, Any]:
        measured = [v for v in self.key_ms if v is not None]
        result = app.last_result
        return {
            "startup_s": round(self.startup_s, 3) if self.startup_s is not None else None,
            "key_to_frame_ms": self.key_ms,
            "key_to_frame_p50_ms": percentile(measured, 50),
            "key_to_frame_p95_ms": percentile(measured, 95),
            "keys_without_visible_change": sum(1 for v in self.key_ms if v is None),
            "fps": self.page_fps(),
            "loop_fps": round(self.live_ticks / self.live_time, 1) if self.live_time > 0 else None,
            "page_frames": len(self.page_frame_times),
            "scenes": self.scenes,
            "screenshots": self.screenshots,
            "outcome": None if result is None else {
                "finished": result.finished, "ended": result.ended, "seconds": round(result.seconds, 2),
                "persona": result.persona.id, "scenario": result.scenario.id, "version": result.version},
        }

    def write(self, app) -> dict[str, Any]:
        data = self.timings(app)
        (self.dir / "timings.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return data
