"""A scene made of buttons (or cards) the visitor moves between with Tab/arrows and picks with Enter.

Subclasses give ``choices`` and a pure ``choice_rects(size)`` layout; clicks are hit-tested against the
same layout that ``draw`` uses, so the mouse and the keyboard always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pygame

from kiosk import input as intents
from kiosk.scene import Scene


@dataclass
class Choice:
    label: str
    action: Callable[[], None]
    primary: bool = False
    spoken: str = ""  # what a screen reader says for it (default: "LABEL, button")

    def phrase(self) -> str:
        return self.spoken or f"{self.label}, button"


class ChoiceScene(Scene):
    title = ""

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        self.choices: list[Choice] = []
        self.focus = 0

    def choice_rects(self, size: tuple[int, int]) -> list[pygame.Rect]:
        raise NotImplementedError

    def button_row(self, size: tuple[int, int], widths: list[int]) -> list[pygame.Rect]:
        """Buttons of these widths (px) in a row along the bottom of the screen, from the left margin."""
        theme = self.kiosk.theme
        y = size[1] - theme.scale(56) - theme.scale(112)
        rects, x = [], theme.margin
        for width in widths:
            rects.append(pygame.Rect(x, y, width, theme.scale(72)))
            x += width + theme.scale(28)
        return rects

    def on_back(self) -> None:
        """Escape: by default nothing (the attract screen has nowhere to go back to)."""

    def enter(self) -> None:
        self.focus = min(self.focus, max(0, len(self.choices) - 1))
        self.kiosk.say(self.spoken())

    def resume(self) -> None:
        self.kiosk.say(self.spoken())

    def spoken(self) -> str:
        focused = f" {self.choices[self.focus].phrase()}" if self.choices else ""
        return f"{self.title}.{focused}"

    def move(self, step: int) -> None:
        if self.choices:
            self.focus = (self.focus + step) % len(self.choices)
            self.kiosk.say(self.choices[self.focus].phrase())

    def handle(self, intent) -> None:
        if intent.kind == intents.NEXT:
            self.move(1)
        elif intent.kind == intents.PREVIOUS:
            self.move(-1)
        elif intent.kind == intents.ACTIVATE and self.choices:
            self.choices[self.focus].action()
        elif intent.kind == intents.BACK:
            self.on_back()
        elif intent.kind == intents.CLICK and intent.pos is not None:
            for index, rect in enumerate(self.choice_rects(self.kiosk.size)):
                if rect.collidepoint(intent.pos):
                    self.focus = index
                    self.choices[index].action()
                    break
