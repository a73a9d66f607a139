"""Pixel effects on the live page's frames: blur, reduced contrast, tunnel vision and the screen curtain.

Blur is a smoothscale down and up again (cheap at any size); reduced contrast blends the frame with grey;
tunnel vision lays a dark mask with a soft clear circle over the point the visitor is looking at (the
focused element, or the pointer after it moved). The persona's numbers mean: ``blur`` px at 1280 px wide,
``contrast`` 0.1-1 (1 unchanged), ``field_of_view`` percent of the screen's area still seen.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

GREY = (128, 128, 128)
MASK_ALPHA = 248


def blur(frame: pygame.Surface, px: float) -> pygame.Surface:
    if px <= 0.2:
        return frame
    w, h = frame.get_size()
    factor = 1.0 + px
    small = pygame.transform.smoothscale(frame, (max(1, int(w / factor)), max(1, int(h / factor))))
    return pygame.transform.smoothscale(small, (w, h))


def tunnel_radius(size: tuple[int, int], field_of_view: int) -> int:
    """The clear circle's radius: its area is ``field_of_view`` percent of the view's area."""
    w, h = size
    return int(math.sqrt(max(1, min(100, field_of_view)) / 100 * w * h / math.pi))


def tunnel_mask(size: tuple[int, int], radius: int) -> pygame.Surface:
    """A mask twice the view's size, dark everywhere except a soft-edged clear circle in its middle."""
    w, h = size
    mask = pygame.Surface((w * 2, h * 2), pygame.SRCALPHA)
    mask.fill((0, 0, 0, MASK_ALPHA))
    edge = max(4, radius // 6)
    steps = 12
    for i in range(steps + 1):  # from the outside in: the circle gets clearer toward its middle
        r = radius - edge + int(edge * (steps - i) / steps)
        alpha = int(MASK_ALPHA * (steps - i) / steps)
        pygame.draw.circle(mask, (0, 0, 0, alpha), (w, h), max(1, r))
    return mask


class Effects:
    """The pixel effects for one persona and one view size (masks are made once and kept)."""

    def __init__(self, simulation: Any, view_size: tuple[int, int]) -> None:
        self.simulation = simulation
        self.view_size = view_size
        self._mask: pygame.Surface | None = None
        self._grey: pygame.Surface | None = None

    @property
    def curtain(self) -> bool:
        return bool(self.simulation.screen_curtain)

    @property
    def needs_focus(self) -> bool:
        return self.simulation.field_of_view < 100

    def apply(self, frame: pygame.Surface, look_at: tuple[int, int] | None) -> pygame.Surface:
        """The frame (view-sized) as the persona sees it. ``look_at`` is in view coordinates."""
        s = self.simulation
        if s.screen_curtain:
            black = pygame.Surface(frame.get_size())
            black.fill((0, 0, 0))
            return black
        out = blur(frame, s.blur * self.view_size[0] / 1280)
        if s.contrast < 1:
            if out is frame:
                out = frame.copy()
            if self._grey is None or self._grey.get_size() != out.get_size():
                self._grey = pygame.Surface(out.get_size())
                self._grey.fill(GREY)
            self._grey.set_alpha(int(255 * (1 - max(0.1, s.contrast))))
            out.blit(self._grey, (0, 0))
        if s.field_of_view < 100:
            if out is frame:
                out = frame.copy()
            if self._mask is None:
                self._mask = tunnel_mask(self.view_size, tunnel_radius(self.view_size, s.field_of_view))
            w, h = self.view_size
            cx, cy = look_at if look_at is not None else (w // 2, h // 3)
            out.blit(self._mask, (cx - w, cy - h))
        return out
