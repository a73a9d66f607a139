"""Debrief: how long the task took, what got in the way, and what good design does about it."""

from __future__ import annotations

import pygame

from kiosk import plain_words
from kiosk import theme as t
from kiosk.scenes.choices import Choice, ChoiceScene


class DebriefScene(ChoiceScene):
    name = "debrief"

    def __init__(self, kiosk, result) -> None:
        super().__init__(kiosk)
        self.result = result
        p = result.persona
        took = plain_words.duration(result.seconds)
        self.title = f"You finished in {took}" if result.finished else f"You stopped after {took}"
        found = kiosk.findings_for(result.visited, p)
        if found:
            self.barriers = [f["message"] for f in found]
            self.barrier_heading = f"What got in {p.name}'s way on these pages"
        else:
            self.barriers = plain_words.differences(p)
            self.barrier_heading = f"What {p.name} was up against"
        self.good = plain_words.good_design(p)
        self.lab_line = kiosk.lab_so_far(p, result.scenario, result.version)
        self.choices = []
        if result.version == "inaccessible":
            self.choices.append(Choice("Try the accessible version", self.try_accessible, primary=True))
        self.choices.append(Choice("Give feedback", self.feedback, primary=not self.choices))
        self.choices.append(Choice("Finish", self.finish))

    def spoken(self) -> str:
        lab = f" In the lab so far: {self.lab_line}" if self.lab_line else ""
        return (f"{self.title}.{lab} {self.barrier_heading}: {' '.join(self.barriers)} What good design does: "
                f"{' '.join(self.good)} {self.choices[self.focus].phrase()}")

    def try_accessible(self) -> None:
        self.kiosk.go("briefing", self.result.persona, self.result.scenario, "accessible")

    def feedback(self) -> None:
        self.kiosk.go("feedback", self.result)

    def finish(self) -> None:
        self.kiosk.go_attract()

    def on_back(self) -> None:
        self.finish()

    def choice_rects(self, size: tuple[int, int]) -> list[pygame.Rect]:
        theme = self.kiosk.theme
        return self.button_row(size, [theme.scale(30 * 0.62 * len(c.label) + 80) for c in self.choices])

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        surface.fill(t.PAPER)
        top = t.draw_header(surface, theme, "Step 3 of 3")
        w, h = surface.get_size()
        m = theme.margin
        # With the lab line, the banner is a little tighter so that the columns keep their room
        banner = (pygame.Rect(m, top + theme.scale(24), w - 2 * m, theme.scale(100)) if self.lab_line
                  else pygame.Rect(m, top + theme.scale(36), w - 2 * m, theme.scale(120)))
        colour = t.GREEN if self.result.finished else t.DARK_BLUE
        pygame.draw.rect(surface, colour, banner)
        t.draw_text(surface, theme.font(52, True), self.title, (banner.x + theme.scale(32),
                    banner.centery - theme.font(52, True).get_linesize() // 2), t.PAPER)
        col_top = banner.bottom + theme.scale(36)
        if self.lab_line:   # one or two lines between the banner and the columns, which move down for it
            below = t.draw_text(surface, theme.font(26, True), f"In the lab so far: {self.lab_line}",
                                (m, banner.bottom + theme.scale(14)), t.INK, w - 2 * m, line_gap=1.15, max_lines=2)
            col_top = below + theme.scale(14)
        col_bottom = h - theme.scale(56) - theme.scale(136)
        gap = theme.scale(48)
        col_w = (w - 2 * m - gap) // 2
        self._column(surface, pygame.Rect(m, col_top, col_w, col_bottom - col_top), self.barrier_heading,
                     self.barriers, t.RED)
        self._column(surface, pygame.Rect(m + col_w + gap, col_top, col_w, col_bottom - col_top),
                     "What good design does", self.good, t.GREEN)
        for index, (choice, rect) in enumerate(zip(self.choices, self.choice_rects((w, h)))):
            t.draw_button(surface, theme, rect, choice.label, index == self.focus, choice.primary)
        t.draw_hint(surface, theme, "Tab: move    Enter: choose")

    def _column(self, surface, rect: pygame.Rect, heading: str, lines: list[str], accent) -> None:
        theme = self.kiosk.theme
        pygame.draw.rect(surface, accent, (rect.x, rect.y, theme.scale(8), rect.h))
        x = rect.x + theme.scale(32)
        inner = rect.right - x
        y = t.draw_text(surface, theme.font(32, True), heading, (x, rect.y), t.INK, inner, line_gap=1.15)
        y += theme.scale(10)
        body = theme.font(26)
        for line in lines:
            if y + body.get_linesize() > rect.bottom:
                break
            pygame.draw.circle(surface, t.INK, (x + theme.scale(8), y + body.get_linesize() // 2), theme.scale(5))
            y = t.draw_text(surface, body, line, (x + theme.scale(28), y), t.INK, inner - theme.scale(28),
                            max_lines=max(1, (rect.bottom - y) // body.get_linesize())) + theme.scale(8)
