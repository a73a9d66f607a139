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
    """The pixel effects for one persona and one view size (masks are made once per size and kept).

    Blur, reduced contrast and the tunnel's soft mask all survive scaling, so with blur they are done at
    the blurred (small) size and the result is scaled up to the view once: one smoothscale up instead of
    an upscale, a downscale and another upscale, and the grey layer and the mask blend a tenth of the
    pixels. Frames may come at any size (a zoomed page sends CSS-sized frames); ``apply`` returns a
    view-sized surface and never changes the frame it is given.
    """

    def __init__(self, simulation: Any, view_size: tuple[int, int]) -> None:
        self.simulation = simulation
        self.view_size = view_size
        self._masks: dict[tuple[int, int], pygame.Surface] = {}
        self._greys: dict[tuple[int, int], pygame.Surface] = {}

    @property
    def curtain(self) -> bool:
        return bool(self.simulation.screen_curtain)

    @property
    def needs_focus(self) -> bool:
        return self.simulation.field_of_view < 100

    @property
    def changes_pixels(self) -> bool:
        """False when ``apply`` hands a view-sized frame back untouched (no blur, contrast or tunnel)."""
        s = self.simulation
        return self.work_size() != self.view_size or s.contrast < 1 or s.field_of_view < 100

    def work_size(self) -> tuple[int, int]:
        """The size the effects are worked at: the blurred size, or the view's own size without blur."""
        w, h = self.view_size
        px = self.simulation.blur * w / 1280
        if px <= 0.2:
            return self.view_size
        factor = 1.0 + px
        return max(1, int(w / factor)), max(1, int(h / factor))

    def apply(self, frame: pygame.Surface, look_at: tuple[int, int] | None,
              curtain: bool | None = None, smooth: bool = True) -> pygame.Surface:
        """The frame as the persona sees it, at the view's size. ``look_at`` is in view coordinates;
        ``curtain`` overrides the persona's screen curtain (False: a facilitator lifted it for onlookers);
        ``smooth`` scales a frame of another size smoothly (a zoomed page) rather than by nearest pixel."""
        s = self.simulation
        if s.screen_curtain if curtain is None else curtain:
            black = pygame.Surface(self.view_size)
            black.fill((0, 0, 0))
            return black
        work = self.work_size()
        if frame.get_size() == work:
            out = frame
        elif smooth or work != self.view_size:
            out = pygame.transform.smoothscale(frame, work)
        else:
            out = pygame.transform.scale(frame, work)
        if s.contrast < 1:
            out = out.copy() if out is frame else out
            grey = self._greys.get(work)
            if grey is None:
                grey = self._greys[work] = pygame.Surface(work)
                grey.fill(GREY)
            grey.set_alpha(int(255 * (1 - max(0.1, s.contrast))))
            out.blit(grey, (0, 0))
        if s.field_of_view < 100:
            out = out.copy() if out is frame else out
            mask = self._masks.get(work)
            if mask is None:
                mask = self._masks[work] = tunnel_mask(work, tunnel_radius(work, s.field_of_view))
            w, h = work
            vw, vh = self.view_size
            cx, cy = look_at if look_at is not None else (vw // 2, vh // 3)
            out.blit(mask, (round(cx * w / vw) - w, round(cy * h / vh) - h))
        if out.get_size() != self.view_size:
            out = pygame.transform.smoothscale(out, self.view_size)
        return out
