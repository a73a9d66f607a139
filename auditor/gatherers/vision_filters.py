"""Chromium's vision-deficiency filters applied to a screenshot in Python (pygame's C surface arithmetic).

Chromium emulates ``reducedContrast`` with ``<feComponentTransfer>`` gamma functions of offset 0.5 (every sRGB
channel raised by half its range, clipped) and ``blurredVision`` with ``<feGaussianBlur stdDeviation="2">``
(third_party/blink/renderer/core/css/vision_deficiency.cc). Applying them to the normal screenshot gives the
same picture without re-rendering the page: the offset exactly, the blur as a smooth down-and-up scale whose
spread matches a 2 CSS px Gaussian on the half-scale shots the vision gatherer takes.
"""

from __future__ import annotations

import base64
import io
import os

DERIVED = ("blurredVision", "reducedContrast")
SHOT_SCALE = 0.5        # the vision gatherer's shots are half the page's CSS px


def _pygame():
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import pygame.image
    import pygame.transform

    return pygame


def derive(jpeg_b64: str, name: str) -> str:
    """The base64 JPEG ``jpeg_b64`` as seen with deficiency ``name`` (one of DERIVED), base64 JPEG."""
    pygame = _pygame()
    image = pygame.image.load(io.BytesIO(base64.b64decode(jpeg_b64)), "shot.jpg")
    surface = pygame.Surface(image.get_size(), 0, 24)
    surface.blit(image, (0, 0))
    if name == "reducedContrast":
        surface.fill((128, 128, 128), special_flags=pygame.BLEND_RGB_ADD)
    elif name == "blurredVision":
        surface = blur(surface, 2 * SHOT_SCALE)
    else:
        raise ValueError(f"vision: {name!r} is not derived in Python (derived: {', '.join(DERIVED)})")
    out = io.BytesIO()
    pygame.image.save(surface, out, "shot.jpg")
    return base64.b64encode(out.getvalue()).decode("ascii")


def blur(surface, sigma: float):
    """A Gaussian-like blur of spread ``sigma`` px: scaled down by 1/(2 sigma) with averaging, then back up
    with bilinear smoothing (two passes of box and tent filters, whose spread is close to a Gaussian's)."""
    pygame = _pygame()
    w, h = surface.get_size()
    factor = max(1.0, 2 * sigma)
    small = pygame.transform.smoothscale(surface, (max(1, round(w / factor)), max(1, round(h / factor))))
    return pygame.transform.smoothscale(small, (w, h))
