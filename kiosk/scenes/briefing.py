"""Briefing, in two short pages: who you are (the persona's story and what will be different), then the
task in plain words. Large text, nothing cut off, Enter to go on."""

from __future__ import annotations

import pygame

from kiosk import plain_words
from kiosk import theme as t
from kiosk.scenes.choices import Choice, ChoiceScene
from kiosk.screenreader import BRIEF_HELP, BRIEF_KEYS


class BriefingScene(ChoiceScene):
    name = "briefing"

    def __init__(self, kiosk, persona, scenario, version: str | None) -> None:
        super().__init__(kiosk)
        self.persona = persona
        self.scenario = scenario
        self.version = version
        self.differences = plain_words.differences(persona)
        self.page = 0
        self._set_page(0)

    def _set_page(self, page: int) -> None:
        self.page = page
        self.focus = 0
        if page == 0:
            self.title = f"You are {self.persona.name}"
            self.choices = [Choice("Next: your task", lambda: self._turn(1), primary=True),
                            Choice("Choose someone else", self.choose_again)]
        else:
            self.title = "Your task"
            self.choices = [Choice("Start the task", self.start, primary=True),
                            Choice("Back", lambda: self._turn(0))]

    def _turn(self, page: int) -> None:
        self._set_page(page)
        self.kiosk.say(self.spoken())

    def spoken(self) -> str:
        if self.page == 0:
            body = f"{self.persona.story} What will be different: {' '.join(self.differences)}"
        else:
            body = f"{self.scenario.title}. {self.scenario.brief}"
            if self.persona.simulation.screen_reader:
                body += f" {BRIEF_HELP}"
        return f"{self.title}. {body} {self.choices[self.focus].phrase()}"

    def start(self) -> None:
        self.kiosk.go("live", self.persona, self.scenario, self.version)

    def choose_again(self) -> None:
        self.kiosk.go("choose")

    def on_back(self) -> None:
        if self.page == 1:
            self._turn(0)
        else:
            self.choose_again()

    def choice_rects(self, size: tuple[int, int]) -> list[pygame.Rect]:
        theme = self.kiosk.theme
        return self.button_row(size, [theme.scale(340), theme.scale(400)])

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        surface.fill(t.PAPER)
        top = t.draw_header(surface, theme, f"Step 2 of 3 · page {self.page + 1} of 2")
        w, h = surface.get_size()
        m = theme.margin
        colour = t.hex_colour(self.persona.colour)
        y = t.draw_text(surface, theme.title(), self.title, (m, top + theme.scale(36)), t.INK)
        area = pygame.Rect(m, y + theme.scale(8), w - 2 * m, self.choice_rects((w, h))[0].y - theme.scale(28) - y)
        if self.page == 0:
            self._draw_person(surface, area, colour)
        else:
            self._draw_task(surface, area, colour)
        for index, (choice, rect) in enumerate(zip(self.choices, self.choice_rects((w, h)))):
            t.draw_button(surface, theme, rect, choice.label, index == self.focus, choice.primary)
        t.draw_hint(surface, theme, "Tab: move    Enter: choose    Esc: back    During the task, F10 stops it")

    def _draw_person(self, surface: pygame.Surface, area: pygame.Rect, colour) -> None:
        theme = self.kiosk.theme
        gap = theme.scale(48)
        left = pygame.Rect(area.x, area.y, int(area.w * 0.46), area.h)
        right = pygame.Rect(left.right + gap, area.y, area.right - left.right - gap, area.h)
        body = theme.font(25)
        lines = max(1, left.h // round(body.get_linesize() * 1.3))
        t.draw_text(surface, body, self.persona.story, left.topleft, t.INK, left.w, max_lines=lines)
        pygame.draw.rect(surface, t.LIGHT, right)
        pygame.draw.rect(surface, colour, (right.x, right.y, theme.scale(10), right.h))
        pad = theme.scale(28)
        x = right.x + theme.scale(10) + pad
        inner = right.right - pad - x
        y = t.draw_text(surface, theme.font(28, True), "What will be different", (x, right.y + pad), t.INK)
        y += theme.scale(6)
        item = theme.font(25)
        for line in self.differences:
            if y + item.get_linesize() > right.bottom - pad:
                break
            pygame.draw.circle(surface, t.INK, (x + theme.scale(7), y + item.get_linesize() // 2), theme.scale(5))
            y = t.draw_text(surface, item, line, (x + theme.scale(26), y), t.INK, inner - theme.scale(26),
                            max_lines=max(1, (right.bottom - pad - y) // round(item.get_linesize() * 1.3))) \
                + theme.scale(8)

    def _draw_task(self, surface: pygame.Surface, area: pygame.Rect, colour) -> None:
        theme = self.kiosk.theme
        pad = theme.scale(32)
        width = min(area.w, theme.scale(1000))
        inner = width - theme.scale(10) - 2 * pad
        body = theme.font(28)
        wanted = (2 * pad + theme.scale(10) + t.text_height(theme.heading(), self.scenario.title, inner, 1.15)
                  + t.text_height(body, self.scenario.brief, inner))
        panel = pygame.Rect(area.x, area.y, width, min(area.h, wanted))
        pygame.draw.rect(surface, t.LIGHT, panel)
        pygame.draw.rect(surface, colour, (panel.x, panel.y, theme.scale(10), panel.h))
        x = panel.x + theme.scale(10) + pad
        y = t.draw_text(surface, theme.heading(), self.scenario.title, (x, panel.y + pad), t.INK, inner,
                        line_gap=1.15, max_lines=2)
        t.draw_text(surface, body, self.scenario.brief, (x, y + theme.scale(10)), t.INK, inner,
                    max_lines=max(1, (panel.bottom - pad - y) // round(body.get_linesize() * 1.3)))
        if self.persona.simulation.screen_reader:
            self._draw_keys(surface, pygame.Rect(area.x, panel.bottom + theme.scale(24), area.w,
                                                 area.bottom - panel.bottom - theme.scale(24)))

    def _draw_keys(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The screen reader's keys in two columns, in the largest type (24 down to 18) that fits them all."""
        theme = self.kiosk.theme
        head = theme.font(26, True)
        if area.h < head.get_linesize() * 2:
            return
        y = t.draw_text(surface, head, "The screen will go dark. Your keys:", area.topleft, t.INK)
        col_w = area.w // 2
        for size in (24, 22, 20, 18):
            font, bold = theme.font(size), theme.font(size, True)
            line = round(font.get_linesize() * 1.08)
            rows = max(1, (area.bottom - y) // line)
            if rows * 2 >= len(BRIEF_KEYS):
                break
        if rows * 2 >= len(BRIEF_KEYS):
            rows = (len(BRIEF_KEYS) + 1) // 2   # four and four, not six and two
        key_w = max(bold.size(key)[0] for key, _ in BRIEF_KEYS) + theme.scale(20)
        for index, (key, what) in enumerate(BRIEF_KEYS[: rows * 2]):
            x = area.x + (index // rows) * col_w
            ky = y + (index % rows) * line
            surface.blit(bold.render(key, True, t.INK), (x, ky))
            surface.blit(font.render(what, True, t.INK), (x + key_w, ky))
