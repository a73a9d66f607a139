"""The vision gatherer's Python-side filters (Chromium's reducedContrast and blurredVision) on made-up shots."""

from __future__ import annotations

import base64
import io
import os

import pytest

from auditor.gatherers.vision_filters import derive

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
pygame = pytest.importorskip("pygame")


def shot(draw) -> str:
    surface = pygame.Surface((64, 40), 0, 24)
    surface.fill((255, 255, 255))
    draw(surface)
    out = io.BytesIO()
    pygame.image.save(surface, out, "shot.jpg")
    return base64.b64encode(out.getvalue()).decode("ascii")


def load(data: str):
    return pygame.image.load(io.BytesIO(base64.b64decode(data)), "shot.jpg")


def close(a, b, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a[:3], b[:3]))


def test_reduced_contrast_raises_every_channel_by_half_its_range():
    data = shot(lambda s: (s.fill((0, 0, 0), (0, 0, 32, 40)), s.fill((100, 20, 60), (32, 0, 32, 40))))
    out = load(derive(data, "reducedContrast"))
    assert close(out.get_at((10, 20)), (128, 128, 128))
    assert close(out.get_at((48, 20)), (228, 148, 188))


def test_blur_softens_an_edge_over_a_few_pixels_and_keeps_flat_areas():
    data = shot(lambda s: s.fill((0, 0, 0), (32, 0, 32, 40)))
    before, after = load(data), load(derive(data, "blurredVision"))
    row = [after.get_at((x, 20))[0] for x in range(26, 39)]
    assert any(40 < v < 215 for v in row)                      # grey where the edge was sharp
    assert close(after.get_at((4, 20)), before.get_at((4, 20)))  # far from the edge: unchanged
    assert close(after.get_at((60, 20)), before.get_at((60, 20)))


def test_other_deficiencies_are_left_to_chromium():
    with pytest.raises(ValueError, match="achromatopsia"):
        derive(shot(lambda s: None), "achromatopsia")
