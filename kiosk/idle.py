"""The idle timeout and the warning before it.

A visitor who walks away mid-task leaves their answers on the screen. After ``idle_timeout_s`` without input
the kiosk goes back to the attract screen and closes the browser context; ``idle_warning_s`` before that it
shows (and, for a screen-reader persona, says) "Are you still there?" with a countdown. Any key, click or
pointer move carries on: the key is used up by the warning (it does not reach the page) and the idle timer
starts again.

:class:`IdleWatch` is the rule alone (no pygame, no clock of its own: the app passes how long the kiosk has
been idle); :func:`draw_warning` paints the notice over whatever scene is up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from kiosk import theme as t

ACTIVE, WARN, RESET = "active", "warn", "reset"


@dataclass(frozen=True)
class IdleWatch:
    timeout_s: float
    warning_s: float

    def state(self, idle_s: float) -> str:
        """``reset`` once the timeout has passed, ``warn`` in the last ``warning_s`` before it, else ``active``."""
        if idle_s > self.timeout_s:
            return RESET
        if self.warning_s > 0 and idle_s >= self.timeout_s - self.warning_s:
            return WARN
        return ACTIVE

    def seconds_left(self, idle_s: float) -> int:
        """Whole seconds until the reset, rounded up (what the countdown shows)."""
        return max(0, math.ceil(self.timeout_s - idle_s))


def warning_text(seconds: int) -> str:
    """What a screen reader says when the warning appears."""
    return (f"Are you still there? Press any key to carry on. In {seconds} seconds the kiosk starts again for the "
            "next visitor, and this visit is cleared.")


def draw_warning(surface: pygame.Surface, theme: t.Theme, seconds: int, total: float) -> pygame.Rect:
    """The warning over the current screen: the screen dimmed, a black panel with a yellow border, large white
    text and a yellow countdown bar. Returns the panel's rectangle."""
    w, h = surface.get_size()
    shade = pygame.Surface((w, h))
    shade.fill(t.INK)
    shade.set_alpha(200)
    surface.blit(shade, (0, 0))
    pw = min(w - 2 * theme.margin, theme.scale(900))
    pad = theme.scale(48)
    inner = pw - 2 * pad
    heading, body, count = theme.font(64, True), theme.font(36), theme.font(40, True)
    lines = [(heading, "Are you still there?", t.PAPER, 1.15),
             (body, "Press any key to carry on.", t.PAPER, 1.3),
             (count, f"Starting again in {seconds} second{'s' if seconds != 1 else ''}", t.FOCUS, 1.3)]
    bar_h = theme.scale(16)
    ph = (2 * pad + sum(t.text_height(font, text, inner, gap) for font, text, _, gap in lines)
          + theme.scale(28) * (len(lines) - 1) + theme.scale(24) + bar_h)
    panel = pygame.Rect(0, 0, pw, ph)
    panel.center = (w // 2, h // 2)
    border = theme.scale(8)
    pygame.draw.rect(surface, t.FOCUS, panel.inflate(2 * border, 2 * border))
    pygame.draw.rect(surface, t.INK, panel)
    y = panel.y + pad
    for font, text, colour, gap in lines:
        y = t.draw_text(surface, font, text, (panel.x + pad, y), colour, inner, line_gap=gap) + theme.scale(28)
    y += theme.scale(24) - theme.scale(28)
    track = pygame.Rect(panel.x + pad, y, inner, bar_h)
    pygame.draw.rect(surface, t.MID, track)
    share = max(0.0, min(1.0, seconds / total)) if total > 0 else 0.0
    pygame.draw.rect(surface, t.FOCUS, (track.x, track.y, round(track.w * share), track.h))
    return panel
