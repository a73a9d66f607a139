"""Plays a rehearsal script through the running kiosk and measures it.

Events are put on pygame's queue (so they go through kiosk/input.py like a visitor's keys). After each key
the script waits until the screen shows its effect (at most ``KEY_TIMEOUT_S``), which gives
``key_to_frame_ms``: from the key to the first drawn frame that shows it. On the live page that is the first
screencast frame Chromium captured after the key; elsewhere, the first redraw after the key was handled.
A key whose effect never shows (say, Tab onto an element with no visible focus) is recorded as null.
Behind a screen curtain nothing changes on the page view, so there a key's effect is what it makes the
kiosk say: the redraw of the caption bar with the new phrase. ``key_to_speech_ms`` and
``key_to_silence_ms`` come from the speaker (kiosk/voice.py times each phrase from the key that caused it).
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
STARTUP_TIMEOUT_S = 180.0  # a machine starved of CPU can take minutes to show Chromium's first frame
WAIT_FOR_TIMEOUT_S = 60.0
WAIT_FOR_POLL_S = 0.2
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
    spoken: int


def spoken_lines(speaker: Any) -> list[str]:
    """The phrases the speaker has said so far (kiosk.voice.Voice or speech_api.LogSpeaker)."""
    log = getattr(speaker, "log", None)
    if log is not None and hasattr(log, "lines"):
        return [line.split("\t", 1)[-1] for line in log.lines]
    return [text for _, text in getattr(speaker, "phrases", ())]


def spoken_count(speaker: Any) -> int:
    """How many phrases the speaker has said so far."""
    log = getattr(speaker, "log", None)
    if log is not None and hasattr(log, "lines"):
        return len(log.lines)
    return len(getattr(speaker, "phrases", ()))


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
        self._typing: list[str] = []        # characters of a ``type`` event still to post, one a frame
        self._waiting_for: tuple[str, float, int] | None = None   # (text, since, phrases spoken before)
        self._next_look = 0.0
        self.waits_timed_out: list[str] = []
        self._last_key_t = 0.0
        self.live_page_s: float | None = None   # the key that opened the live task -> its first page frame
        self._live_since: float | None = None

    # -- hooks the app calls ---------------------------------------------------------------------
    def before_input(self, app) -> None:
        now = time.monotonic()
        if self._task_crashed(app):
            return
        if self.startup_s is None:
            if now - self.process_start > STARTUP_TIMEOUT_S:
                app.note("rehearsal: the first screen never appeared")
                app.running = False
            return
        if self.pending is not None:
            if now - self.pending.t > KEY_TIMEOUT_S:
                self.key_ms.append(None)
                self.pending = None
            else:
                return
        if self._typing:  # one character a frame, each stamped when it is posted, as a typist's keys
            kinput.post_text(self._typing.pop(0))
            return
        if now < self.wait_until:
            return
        if self._waiting_for is not None and not self._arrived(app, now):
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
                                    app.frames, spoken_count(app.speaker))
            kinput.post_key(event.value)
            self._last_key_t = now
        elif event.kind == "type":
            self._typing = list(str(event.value))
        elif event.kind == "click":
            kinput.post_click(event.value)
        elif event.kind == "wait":
            self.wait_until = now + event.value
        elif event.kind == "wait_for":
            self._waiting_for = (event.value, now, spoken_count(app.speaker))
        elif event.kind == "screenshot":
            app.redraw_now()
            path = self.dir / f"{event.value}.png"
            pygame.image.save(app.screen, str(path))
            self.screenshots.append(path.name)

    def _task_crashed(self, app) -> bool:
        """A script that starts in a task ends with it when the kiosk had to give the task up (the page would
        not open, stopped answering, or Chromium died) and went back to the attract screen: the rest of the
        script was written for a page that is gone, and its waits would only hold the rehearsal up (each
        ``wait_for`` for a minute, the first frame for three). So a rehearsal ends, with the outcome
        "crashed", within the kiosk's page limits plus a moment."""
        result = app.last_result
        top = app.stack.top
        if not (self.starts_live and result is not None and result.ended == "crashed"
                and getattr(top, "name", "") == "attract"):
            return False
        if app.running:
            app.note("rehearsal: the task was given up (crashed); the rest of the script is skipped")
            app.running = False
        return True

    def _arrived(self, app, now: float) -> bool:
        """A ``wait_for`` is over: its text was spoken (a screen-reader persona), or is in the page's title
        or URL."""
        text, since, before = self._waiting_for
        wanted = text.casefold()
        top = app.stack.top
        if now - since > WAIT_FOR_TIMEOUT_S:
            self.waits_timed_out.append(text)
            app.note(f"rehearsal: waited {WAIT_FOR_TIMEOUT_S:g} s for {text!r}; going on")
        elif getattr(top, "reader", None) is not None:
            lines = spoken_lines(app.speaker)[before:]
            if not any(wanted in line.casefold() for line in lines):
                return False
        elif now >= self._next_look:
            self._next_look = now + WAIT_FOR_POLL_S
            live = getattr(top, "live", None)
            facts = live.facts() if live is not None else {}
            if wanted not in f"{facts.get('title', '')} {facts.get('url', '')}".casefold():
                return False
        else:
            return False
        self._waiting_for = None
        return True

    def after_draw(self, app) -> None:
        now = time.monotonic()
        top = app.stack.top
        name = getattr(top, "name", "")
        if not self.scenes or self.scenes[-1] != name:
            self.scenes.append(name)
        live = name == "live"
        if self.startup_s is None and app.frames > 0:
            if not self.starts_live:  # the first kiosk screen (Chromium is started after it is up)
                self.startup_s = (app.first_frame_at or now) - self.process_start
            elif live and getattr(top, "shown_seq", 0) > 0:
                self.startup_s = now - self.process_start
        if live and self._live_since is None:
            self._live_since = self._last_key_t
        if live and self.live_page_s is None and getattr(top, "shown_seq", 0) > 0 and self._live_since:
            self.live_page_s = now - self._live_since
        if not live:
            self._live_since = None
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
        elif getattr(top, "curtained", False):
            shown = spoken_count(app.speaker) > p.spoken and app.content_version > p.version
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
        voice = getattr(app.speaker, "timings", {})
        speech = [round(v, 1) for v in voice.get("key_to_speech_ms", [])]
        silence = [round(v, 1) for v in voice.get("key_to_silence_ms", [])]
        return {
            "startup_s": round(self.startup_s, 3) if self.startup_s is not None else None,
            "key_to_frame_ms": self.key_ms,
            "key_to_frame_p50_ms": percentile(measured, 50),
            "key_to_frame_p95_ms": percentile(measured, 95),
            "keys_without_visible_change": sum(1 for v in self.key_ms if v is None),
            "key_to_speech_ms": speech,
            "key_to_speech_p95_ms": percentile(speech, 95),
            "key_to_silence_ms": silence,
            "key_to_silence_p95_ms": percentile(silence, 95),
            "live_page_s": round(self.live_page_s, 3) if self.live_page_s is not None else None,
            "fps": self.page_fps(),
            "loop_fps": round(self.live_ticks / self.live_time, 1) if self.live_time > 0 else None,
            "page_frames": len(self.page_frame_times),
            "scenes": self.scenes,
            "screenshots": self.screenshots,
            "waits_timed_out": self.waits_timed_out,
            "outcome": None if result is None else {
                "finished": result.finished, "ended": result.ended, "seconds": round(result.seconds, 2),
                "persona": result.persona.id, "scenario": result.scenario.id, "version": result.version,
                "final_page": result.final_page},
        }

    def write(self, app) -> dict[str, Any]:
        data = self.timings(app)
        (self.dir / "timings.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return data
