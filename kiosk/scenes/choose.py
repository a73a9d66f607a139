"""Persona choice: one card per station persona; the visitor picks who to be."""

from __future__ import annotations

import pygame

from kiosk import theme as t
from kiosk.scenes.choices import Choice, ChoiceScene

PER_ROW = 3


class ChooseScene(ChoiceScene):
    name = "choose"
    title = "Who will you be? Choose a person"

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        self.personas = kiosk.station_personas()
        self.choices = [Choice(p.name, (lambda p=p: self.pick(p)), spoken=f"{p.name}. {p.summary}")
                        for p in self.personas]

    def pick(self, persona) -> None:
        self.kiosk.begin_visit(persona)
        self.kiosk.go("briefing", persona, self.kiosk.station_scenario(), self.kiosk.station_version())

    def on_back(self) -> None:
        self.kiosk.go("attract")

    def choice_rects(self, size: tuple[int, int]) -> list[pygame.Rect]:
        theme = self.kiosk.theme
        w, h = size
        m = theme.margin
        gap = theme.scale(32)
        n = len(self.choices)
        per_row = min(PER_ROW, max(1, n))
        rows = (n + per_row - 1) // per_row
        top = theme.scale(84) + theme.scale(150)
        bottom = h - theme.scale(56) - theme.scale(40)
        card_w = (w - 2 * m - gap * (per_row - 1)) // per_row
        card_h = min(theme.scale(440), (bottom - top - gap * (rows - 1)) // max(1, rows))
        return [pygame.Rect(m + (i % per_row) * (card_w + gap), top + (i // per_row) * (card_h + gap), card_w, card_h)
                for i in range(n)]

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        surface.fill(t.PAPER)
        top = t.draw_header(surface, theme, "Step 1 of 3")
        m = theme.margin
        t.draw_text(surface, theme.title(), "Who will you be?", (m, top + theme.scale(40)))
        for index, (persona, rect) in enumerate(zip(self.personas, self.choice_rects(surface.get_size()))):
            self._card(surface, persona, rect, index == self.focus)
        t.draw_hint(surface, theme, "Tab or arrow keys: move    Enter: choose    Esc: back")

    def _card(self, surface: pygame.Surface, persona, rect: pygame.Rect, focused: bool) -> None:
        theme = self.kiosk.theme
        colour = t.hex_colour(persona.colour)
        pygame.draw.rect(surface, t.LIGHT if not focused else t.PAPER, rect)
        pygame.draw.rect(surface, t.GREY_BORDER, rect, width=theme.scale(2))
        band = theme.scale(14)
        pygame.draw.rect(surface, colour, (rect.x, rect.y, rect.w, band))
        pad = theme.scale(28)
        r = theme.scale(36)
        cx, cy = rect.x + pad + r, rect.y + band + pad + r
        pygame.draw.circle(surface, colour, (cx, cy), r)
        initial = theme.font(40, True).render(persona.name[:1], True, t.PAPER)
        surface.blit(initial, initial.get_rect(center=(cx, cy)))
        name = theme.heading().render(persona.name, True, t.INK)
        surface.blit(name, (cx + r + theme.scale(18), cy - name.get_height() // 2))
        inner = rect.w - 2 * pad
        y = cy + r + theme.scale(22)
        y = t.draw_text(surface, theme.body(), persona.summary, (rect.x + pad, y), t.INK, inner, max_lines=5)
        uses = ", ".join(persona.assistive_technology) or ", ".join(persona.conditions)
        if uses:
            t.draw_text(surface, theme.small(), uses[:1].upper() + uses[1:], (rect.x + pad, rect.bottom - pad -
                        theme.small().get_linesize()), t.MID, inner, max_lines=1)
        if focused:
            t.draw_focus_ring(surface, theme, rect)
