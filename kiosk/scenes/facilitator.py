"""Facilitator mode (Ctrl+Alt+F, then the PIN): reload personas and scenarios, pick the station's personas,
switch the simulation or the starting version, and exit the kiosk. Visitors cannot get past the PIN."""

from __future__ import annotations

import pygame

from kiosk import input as intents
from kiosk import theme as t
from kiosk.scenes.choices import Choice, ChoiceScene

MAX_TRIES = 3


class FacilitatorScene(ChoiceScene):
    name = "facilitator"

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        self.title = "Facilitator PIN"
        self.pin = ""
        self.unlocked = False
        self.tries = 0
        self.message = ""

    def spoken(self) -> str:
        if not self.unlocked:
            return "Facilitator mode. Type the PIN and press Enter, or press Escape."
        return super().spoken()

    # -- PIN -------------------------------------------------------------------------------------
    def handle(self, intent) -> None:
        if self.unlocked:
            super().handle(intent)
            return
        if intent.kind == intents.TEXT and intent.text.isdigit():
            self.pin = (self.pin + intent.text)[:8]
        elif intent.key == "Backspace":
            self.pin = self.pin[:-1]
        elif intent.kind == intents.ACTIVATE and intent.key == "Enter":
            self.check_pin()
        elif intent.kind == intents.BACK:
            self.kiosk.stack.pop()

    def check_pin(self) -> None:
        if self.pin == self.kiosk.config.pin:
            self.unlocked = True
            self.kiosk.exit_allowed = True
            self.title = "Facilitator mode"
            self.build_menu()
            self.kiosk.say(self.spoken())
            return
        self.tries += 1
        self.pin = ""
        if self.tries >= MAX_TRIES:
            self.kiosk.stack.pop()
            return
        self.message = "That PIN is not right. Try again."
        self.kiosk.say(self.message)

    # -- menu ------------------------------------------------------------------------------------
    def build_menu(self) -> None:
        k = self.kiosk
        chosen = set(k.config.personas)
        self.choices = [Choice("Back to the kiosk", self.leave, primary=True),
                        Choice("Reload personas and scenarios", self.reload)]
        for pid, persona in k.personas.items():
            mark = "[x]" if pid in chosen else "[ ]"
            self.choices.append(Choice(f"{mark} {persona.name}", (lambda pid=pid: self.toggle_persona(pid)),
                                       spoken=f"{persona.name}, check box, {'checked' if pid in chosen else 'not checked'}"))
        self.choices.append(Choice(f"Simulation: {'on' if k.simulation_on else 'off'}", self.toggle_simulation))
        self.choices.append(Choice(f"Start with the {k.station_version() or 'usual'} version", self.toggle_version))
        self.choices.append(Choice("Exit the kiosk", k.request_exit))

    def _rebuild(self) -> None:
        focus = self.focus
        self.build_menu()
        self.focus = min(focus, len(self.choices) - 1)

    def leave(self) -> None:
        self.kiosk.exit_allowed = False
        self.kiosk.stack.pop()

    def reload(self) -> None:
        self.message = self.kiosk.reload()
        self.kiosk.say(self.message)
        self._rebuild()

    def toggle_persona(self, pid: str) -> None:
        ids = list(self.kiosk.config.personas)
        if pid in ids:
            if len(ids) == 1:
                self.message = "The station needs at least one persona."
                return
            ids.remove(pid)
        else:
            ids.append(pid)
        self.kiosk.set_station_personas(tuple(ids))
        self._rebuild()

    def toggle_simulation(self) -> None:
        self.kiosk.simulation_on = not self.kiosk.simulation_on
        self._rebuild()

    def toggle_version(self) -> None:
        self.kiosk.toggle_version()
        self._rebuild()

    def on_back(self) -> None:
        self.leave()

    def choice_rects(self, size: tuple[int, int]) -> list[pygame.Rect]:
        theme = self.kiosk.theme
        w, h = size
        top = theme.scale(84) + theme.scale(130)
        row = theme.scale(58)
        col_w = (w - 2 * theme.margin - theme.scale(32)) // 2
        per_col = max(1, (h - top - theme.scale(80)) // (row + theme.scale(12)))
        return [pygame.Rect(theme.margin + (i // per_col) * (col_w + theme.scale(32)),
                            top + (i % per_col) * (row + theme.scale(12)), col_w, row)
                for i in range(len(self.choices))]

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        surface.fill(t.PAPER)
        top = t.draw_header(surface, theme, f"Station: {self.kiosk.config.station}")
        m = theme.margin
        y = t.draw_text(surface, theme.title(), self.title, (m, top + theme.scale(36)))
        if not self.unlocked:
            box = pygame.Rect(m, y + theme.scale(40), theme.scale(360), theme.scale(90))
            pygame.draw.rect(surface, t.INK, box, width=theme.scale(4))
            t.draw_focus_ring(surface, theme, box)
            dots = theme.font(48, True).render("•" * len(self.pin) or " ", True, t.INK)
            surface.blit(dots, (box.x + theme.scale(20), box.centery - dots.get_height() // 2))
            if self.message:
                t.draw_text(surface, theme.body_bold(), self.message, (m, box.bottom + theme.scale(40)), t.RED)
            t.draw_hint(surface, theme, "Type the PIN, then Enter    Esc: back")
            return
        for index, (choice, rect) in enumerate(zip(self.choices, self.choice_rects(surface.get_size()))):
            focused = index == self.focus
            pygame.draw.rect(surface, t.FOCUS if focused else t.LIGHT, rect)
            if focused:
                pygame.draw.rect(surface, t.INK, (rect.x, rect.bottom - theme.scale(5), rect.w, theme.scale(5)))
            label = theme.font(26, True).render(choice.label, True, t.INK)
            surface.blit(label, (rect.x + theme.scale(18), rect.centery - label.get_height() // 2))
        if self.message:
            t.draw_text(surface, theme.small(), self.message, (m, surface.get_height() - theme.scale(100)), t.INK,
                        surface.get_width() - 2 * m, max_lines=1)
        t.draw_hint(surface, theme, "Tab or arrows: move    Enter: choose    Esc: back to the kiosk")
