"""Pictures of the page as pixels: a screenshot of part of it, decoded to a 24-bit pygame surface, and how many
pixels differ between two such pictures. The Tab walk's focus measure (auditor/gatherers/tab/focus.py), the
rendered contrast gatherer and the image text gatherer share them.

pygame is imported when first needed, for its C PNG decoder and surface arithmetic only: it reads no events and
opens no window.
"""

from __future__ import annotations

import base64
import io
import os
from typing import Any

CHANGE_DELTA = 8           # a channel difference above this counts as a changed pixel
STRONG_DELTA = 64          # ... above this as a clearly changed pixel


def shot(cdp: Any, clip: dict[str, float], scale: float = 1) -> bytes:
    """A PNG of ``clip`` (document px) at ``scale`` device px a CSS px. optimizeForSpeed only lowers PNG
    compression: the pixels are the same, and the encoding and our decoding are both quicker."""
    options: dict[str, Any] = {"format": "png", "clip": {**clip, "scale": scale}, "optimizeForSpeed": True}
    return base64.b64decode(cdp.send("Page.captureScreenshot", options)["data"])


def pygame_module():
    """pygame, with its image and mask modules loaded (and its greeting kept quiet)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import pygame.image
    import pygame.mask

    return pygame


def rgb(png: bytes):
    """A 24-bit surface of a PNG (screenshots are opaque)."""
    pygame = pygame_module()
    image = pygame.image.load(io.BytesIO(png))
    surface = pygame.Surface(image.get_size(), 0, 24)
    surface.blit(image, (0, 0))
    return surface


def png(surface: Any) -> bytes:
    """A surface as PNG bytes."""
    out = io.BytesIO()
    pygame_module().image.save(surface, out, "crop.png")
    return out.getvalue()


def pixel_change(before: Any, after: Any) -> tuple[int, int, int]:
    """(changed, strongly changed, total) pixels between two 24-bit surfaces (see ``rgb``)."""
    pygame = pygame_module()
    w, h = after.get_size()
    total = w * h
    if before.get_size() != after.get_size():
        return total, total, total
    up = before.copy()
    up.blit(after, (0, 0), special_flags=pygame.BLEND_RGB_SUB)    # max(a - b, 0)
    down = after.copy()
    down.blit(before, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(b - a, 0)
    up.blit(down, (0, 0), special_flags=pygame.BLEND_RGB_ADD)      # |a - b| per channel

    def above(delta: int) -> int:
        same = pygame.mask.from_threshold(up, (0, 0, 0, 255), (delta + 1, delta + 1, delta + 1, 255))
        return total - same.count()

    return above(CHANGE_DELTA), above(STRONG_DELTA), total
