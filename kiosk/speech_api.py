"""The speech hook the kiosk's scenes call: a tiny ``Speaker`` protocol and a log-only implementation.

Scenes never talk to a speech engine directly. They call ``speaker.speak(text, interrupt=True)`` and
``speaker.stop()``, and the caption bar shows ``speaker.caption``. :class:`LogSpeaker` writes every phrase to
``speech.log`` (one phrase a line, with its time in seconds since the kiosk started) so that the kiosk runs,
and rehearsals can be checked, without any voice. ``kiosk/voice.py`` (pyttsx3/espeak-ng) plugs in through
:func:`make_speaker`, and ``kiosk/screenreader.py`` through :func:`make_reader`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable, Protocol


class Speaker(Protocol):
    """What scenes may call. ``caption`` is the phrase being spoken (or last spoken), for the caption bar."""

    caption: str

    def speak(self, text: str, interrupt: bool = True) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


class PageReader(Protocol):
    """The screen-reader hook for the live page (kiosk/screenreader.py implements it).

    ``handle_key(key)`` is offered every key meant for the page first (Playwright key names such as
    ``"Tab"``, ``"Shift+Tab"``, ``"ArrowDown"``, ``"h"``, ``"Shift+h"``); it returns True when it consumed
    the key. Typed characters are offered to ``handle_text(text)`` (optional; True drops them, as browse
    mode does). ``after_input()`` is called after a key or text reached the page (to speak what now has
    focus); ``update()`` (optional) once a frame; ``close()`` when the live task ends.
    """

    def handle_key(self, key: str) -> bool: ...

    def after_input(self) -> None: ...

    def close(self) -> None: ...


class LogSpeaker:
    """Writes each phrase to a log file (if given) and keeps it as the caption; makes no sound."""

    def __init__(self, log_path: str | Path | None = None, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._t0 = clock()
        self.caption = ""
        self.phrases: list[tuple[float, str]] = []
        self._log = None
        if log_path is not None:
            Path(log_path).parent.mkdir(parents=True, exist_ok=True)
            self._log = open(log_path, "a", encoding="utf-8")

    def speak(self, text: str, interrupt: bool = True) -> None:
        text = " ".join(str(text).split())
        if not text:
            return
        t = self._clock() - self._t0
        self.caption = text
        self.phrases.append((t, text))
        if self._log is not None:
            self._log.write(f"{t:.3f}\t{text}\n")
            self._log.flush()

    def stop(self) -> None:
        self.caption = ""

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


def make_speaker(log_path: str | Path | None, voice: bool, persona: Any = None, engine: str = "auto") -> Speaker:
    """A speaker for the kiosk: kiosk.voice's (espeak-ng into the mixer, also writing the log) when ``voice``
    is asked for and it loads, else a LogSpeaker. A screen-reader ``persona`` sets its voice and rate."""
    if voice:
        try:
            from kiosk import voice as voice_module

            wanted = persona if persona is not None and persona.simulation.screen_reader else None
            return voice_module.make_speaker(log_path, persona=wanted, engine=engine)
        except Exception as exc:  # no espeak-ng and no mixer: the kiosk runs on captions and the log
            import logging

            logging.getLogger(__name__).warning("speech: voice unavailable (%s); captions and log only", exc)
    return LogSpeaker(log_path)


def make_reader(page: Any, cdp: Any, speaker: Speaker, persona: Any) -> PageReader | None:
    """kiosk.screenreader's reader for a screen-reader persona's live page, or None when it is not there.

    kiosk/screenreader.py is expected to offer ``make_reader(page, cdp, speaker, persona) -> PageReader``.
    """
    try:
        from kiosk import screenreader  # written alongside; optional
    except Exception:
        return None
    factory = getattr(screenreader, "make_reader", None)
    if factory is None:
        return None
    return factory(page, cdp, speaker, persona)
