"""The attract screen: what passers-by see while nobody is using the kiosk."""

from __future__ import annotations

import pygame

from kiosk import input as intents
from kiosk import theme as t
from kiosk.scene import Scene


class AttractScene(Scene):
    name = "attract"

    def enter(self) -> None:
        self.kiosk.end_visit()
        self.kiosk.say(self.spoken())

    def spoken(self) -> str:
        return "Empathy Lab. Try a council web task as someone else. Press Enter to start."

    def handle(self, intent) -> None:
        if intent.kind in (intents.ACTIVATE, intents.CLICK, intents.NEXT):
            self.kiosk.go("choose")

    def cta_rect(self, size: tuple[int, int]) -> pygame.Rect:
        theme = self.kiosk.theme
        w, h = size
        return pygame.Rect(theme.margin, h - theme.scale(200), theme.scale(520), theme.scale(96))

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        w, h = surface.get_size()
        surface.fill(t.DARK_BLUE)
        top = t.draw_header(surface, theme)
        m = theme.margin
        text_w = min(w - 2 * m, theme.scale(1000))
        y = top + theme.scale(64)
        y = t.draw_text(surface, theme.font(72, True), "Walk in someone else's shoes", (m, y), t.PAPER, text_w,
                        line_gap=1.1)
        y += theme.scale(20)
        personas = self.kiosk.station_personas()
        names = [p.name for p in personas]
        who = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else (names[0] if names else "someone")
        y = t.draw_text(surface, theme.font(34), f"Try a council web task the way {who} meets it. "
                        "It takes about five minutes.", (m, y), t.PAPER, text_w)
        y += theme.scale(36)
        x = m
        r = theme.scale(34)
        for persona in personas:
            colour = t.hex_colour(persona.colour)
            pygame.draw.circle(surface, t.PAPER, (x + r, y + r), r + theme.scale(3))
            pygame.draw.circle(surface, colour, (x + r, y + r), r)
            initial = theme.font(34, True).render(persona.name[:1], True, t.PAPER)
            surface.blit(initial, initial.get_rect(center=(x + r, y + r)))
            label = theme.font(28, True).render(persona.name, True, t.PAPER)
            surface.blit(label, (x + 2 * r + theme.scale(14), y + r - label.get_height() // 2))
            x += 2 * r + theme.scale(40) + label.get_width()
        cta = self.cta_rect((w, h))
        pygame.draw.rect(surface, t.INK, cta.move(0, theme.scale(6)))
        pygame.draw.rect(surface, t.FOCUS, cta)
        label = theme.font(40, True).render("Press Enter to start", True, t.INK)
        surface.blit(label, label.get_rect(center=cta.center))
        note = theme.small().render("No names or personal details are asked for or kept.", True, t.PAPER)
        surface.blit(note, (m, h - theme.scale(64)))
