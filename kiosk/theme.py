"""How the kiosk's own screens look: palette, fonts that scale with the window, and drawing helpers.

The look follows UK public-sector services: black text on white, a strong blue, a green primary button,
and a yellow focus indicator with a thick black bar (visible on any background). Sizes are given for a
1280x800 window and scaled by :meth:`Theme.scale` so that 1920x1080 keeps the same proportions.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pygame

INK = (11, 12, 12)
PAPER = (255, 255, 255)
LIGHT = (243, 242, 241)
MID = (80, 90, 95)
BLUE = (29, 112, 184)
DARK_BLUE = (0, 48, 120)
FOCUS = (255, 221, 0)
GREEN = (0, 112, 60)
DARK_GREEN = (0, 90, 48)
RED = (212, 53, 28)
GREY_BORDER = (177, 180, 182)

_FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2",
              "/usr/share/fonts/truetype/dejavu")
_FONT_FILES = {False: ("LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
               True: ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf")}


def _font_path(bold: bool) -> str | None:
    for name in _FONT_FILES[bold]:
        for folder in _FONT_DIRS:
            path = os.path.join(folder, name)
            if os.path.exists(path):
                return path
    return None


def hex_colour(text: str, default: tuple[int, int, int] = BLUE) -> tuple[int, int, int]:
    try:
        text = text.lstrip("#")
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    except (ValueError, IndexError, AttributeError):
        return default


@dataclass
class Theme:
    """Fonts and measures for one window size. Make a new one when the window changes size."""

    width: int
    height: int

    def __post_init__(self) -> None:
        self.unit = min(self.width / 1280, self.height / 800)
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}

    def scale(self, n: float) -> int:
        return max(1, round(n * self.unit))

    def font(self, size: float, bold: bool = False) -> pygame.font.Font:
        px = self.scale(size)
        key = (px, bold)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(_font_path(bold), px)
        return self._fonts[key]

    # named sizes (at 1280x800)
    def title(self) -> pygame.font.Font:
        return self.font(60, True)

    def heading(self) -> pygame.font.Font:
        return self.font(40, True)

    def body(self) -> pygame.font.Font:
        return self.font(28)

    def body_bold(self) -> pygame.font.Font:
        return self.font(28, True)

    def small(self) -> pygame.font.Font:
        return self.font(22)

    @property
    def margin(self) -> int:
        return self.scale(56)


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Break text into lines that fit ``width`` pixels. A blank line starts a new paragraph; single line
    breaks (as YAML's ``|`` blocks keep them) are spaces."""
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            trial = f"{line} {word}"
            if font.size(trial)[0] <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def draw_text(surface: pygame.Surface, font: pygame.font.Font, text: str, pos: tuple[int, int],
              colour=INK, width: int | None = None, line_gap: float = 1.3, max_lines: int | None = None) -> int:
    """Draw (wrapped) text with its top-left at ``pos``; returns the y below the last line."""
    x, y = pos
    lines = wrap(font, text, width) if width else text.split("\n")
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,; ") + "…"
    step = round(font.get_linesize() * line_gap)
    for line in lines:
        if line:
            surface.blit(font.render(line, True, colour), (x, y))
        y += step if line else step // 2
    return y


def text_height(font: pygame.font.Font, text: str, width: int, line_gap: float = 1.3) -> int:
    step = round(font.get_linesize() * line_gap)
    return sum(step if line else step // 2 for line in wrap(font, text, width))


def draw_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, focused: bool,
                primary: bool = False) -> None:
    """A button: green (primary) or light grey; focused buttons turn yellow with a thick black bar."""
    shadow = theme.scale(5)
    if focused:
        bg, fg, under = FOCUS, INK, INK
    elif primary:
        bg, fg, under = GREEN, PAPER, (0, 45, 24)
    else:
        bg, fg, under = LIGHT, INK, GREY_BORDER
    pygame.draw.rect(surface, under, rect.move(0, shadow))
    pygame.draw.rect(surface, bg, rect)
    if focused:
        pygame.draw.rect(surface, INK, pygame.Rect(rect.x, rect.bottom, rect.w, shadow))
    font = theme.font(30, True)
    text = font.render(label, True, fg)
    surface.blit(text, text.get_rect(center=rect.center))


def draw_focus_ring(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    """The kiosk's focus indicator around a card or field: a yellow band inside a black outline."""
    outer = theme.scale(10)
    pygame.draw.rect(surface, INK, rect.inflate(outer * 2, outer * 2), width=theme.scale(4))
    pygame.draw.rect(surface, FOCUS, rect.inflate(outer, outer), width=theme.scale(6))


def draw_header(surface: pygame.Surface, theme: Theme, right: str = "") -> int:
    """The black bar across the top with the product's name; returns its height."""
    h = theme.scale(84)
    pygame.draw.rect(surface, INK, (0, 0, surface.get_width(), h))
    pygame.draw.rect(surface, BLUE, (0, h - theme.scale(8), surface.get_width(), theme.scale(8)))
    font = theme.font(32, True)
    mark = theme.scale(34)
    x = theme.margin
    y = (h - theme.scale(8) - mark) // 2
    pygame.draw.circle(surface, PAPER, (x + mark // 2, y + mark // 2), mark // 2)
    pygame.draw.circle(surface, INK, (x + mark // 2, y + mark // 2), mark // 4)
    label = font.render("Empathy Lab", True, PAPER)
    surface.blit(label, (x + mark + theme.scale(16), (h - theme.scale(8) - label.get_height()) // 2))
    if right:
        small = theme.font(24)
        text = small.render(right, True, PAPER)
        surface.blit(text, (surface.get_width() - theme.margin - text.get_width(),
                            (h - theme.scale(8) - text.get_height()) // 2))
    return h


def draw_hint(surface: pygame.Surface, theme: Theme, text: str) -> None:
    """The key hint along the bottom edge (how to move and choose with the keyboard)."""
    font = theme.small()
    bar = theme.scale(56)
    y = surface.get_height() - bar
    pygame.draw.rect(surface, LIGHT, (0, y, surface.get_width(), bar))
    pygame.draw.line(surface, GREY_BORDER, (0, y), (surface.get_width(), y), theme.scale(2))
    label = font.render(text, True, INK)
    surface.blit(label, (theme.margin, y + (bar - label.get_height()) // 2))
