"""Optional feedback: a 1-5 rating and a short comment typed on the keyboard. No personal details."""

from __future__ import annotations

import pygame

from kiosk import input as intents
from kiosk import theme as t
from kiosk.observations import MAX_COMMENT
from kiosk.scenes.choices import Choice, ChoiceScene

RATINGS = {1: "Very hard", 2: "Hard", 3: "OK", 4: "Easy", 5: "Very easy"}
THANKS_S = 4.0


class FeedbackScene(ChoiceScene):
    name = "feedback"

    def __init__(self, kiosk, result) -> None:
        super().__init__(kiosk)
        self.result = result
        self.title = f"How easy was that as {result.persona.name}?"
        self.rating: int | None = None
        self.comment = ""
        self.thanked_at: float | None = None
        self.choices = [Choice(str(n), (lambda n=n: self.rate(n)), spoken=f"{n}, {RATINGS[n]}") for n in RATINGS]
        self.field_index = len(self.choices)
        self.choices.append(Choice("Comment", self.focus_next, spoken="Anything to add? Optional. Edit text."))
        self.choices.append(Choice("Send", self.send, primary=True))
        self.choices.append(Choice("Skip", self.skip))

    def rate(self, n: int) -> None:
        self.rating = n
        self.kiosk.say(f"{n}, {RATINGS[n]}, selected")

    def focus_next(self) -> None:
        self.move(1)

    def send(self) -> None:
        if self.result.observation_id is not None:
            self.kiosk.store.set_feedback(self.result.observation_id, self.rating, self.comment)
        self.thanked_at = self.kiosk.clock()
        self.kiosk.say("Thank you. Your answer helps the council build better services.")

    def skip(self) -> None:
        self.kiosk.go_attract()

    def handle(self, intent) -> None:
        if self.thanked_at is not None:
            if intent.kind in (intents.ACTIVATE, intents.CLICK, intents.BACK):
                self.kiosk.go_attract()
            return
        in_field = self.focus == self.field_index
        if in_field and intent.kind == intents.TEXT:
            if len(self.comment) < MAX_COMMENT:
                self.comment += intent.text
            return
        if in_field and intent.key == "Backspace":
            self.comment = self.comment[:-1]
            return
        if in_field and intent.key == "Space":
            return  # typed as text
        if not in_field and intent.kind == intents.TEXT and intent.text in ("1", "2", "3", "4", "5"):
            self.focus = int(intent.text) - 1
            self.rate(int(intent.text))
            return
        if intent.kind == intents.BACK:
            self.skip()
            return
        super().handle(intent)

    def update(self, dt: float) -> None:
        if self.thanked_at is not None and self.kiosk.clock() - self.thanked_at > THANKS_S:
            self.kiosk.go_attract()

    def choice_rects(self, size: tuple[int, int]) -> list[pygame.Rect]:
        theme = self.kiosk.theme
        w, h = size
        m = theme.margin
        top = theme.scale(84) + theme.scale(170)
        side = theme.scale(150)
        gap = theme.scale(24)
        rects = [pygame.Rect(m + i * (side + gap), top, side, theme.scale(96)) for i in range(5)]
        field_top = top + theme.scale(96) + theme.scale(110)
        rects.append(pygame.Rect(m, field_top, min(w - 2 * m, theme.scale(1000)), theme.scale(80)))
        by = h - theme.scale(56) - theme.scale(112)
        rects.append(pygame.Rect(m, by, theme.scale(220), theme.scale(72)))
        rects.append(pygame.Rect(m + theme.scale(248), by, theme.scale(220), theme.scale(72)))
        return rects

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.kiosk.theme
        surface.fill(t.PAPER)
        top = t.draw_header(surface, theme, "Feedback (optional)")
        m = theme.margin
        if self.thanked_at is not None:
            y = t.draw_text(surface, theme.title(), "Thank you", (m, top + theme.scale(80)))
            t.draw_text(surface, theme.font(34), "Your answer helps the council build services that work for "
                        "everyone. The kiosk will be ready for the next person in a moment.",
                        (m, y + theme.scale(20)), t.INK, surface.get_width() - 2 * m)
            return
        t.draw_text(surface, theme.title(), self.title, (m, top + theme.scale(40)))
        rects = self.choice_rects(surface.get_size())
        for n in range(1, 6):
            rect = rects[n - 1]
            chosen = self.rating == n
            focused = self.focus == n - 1
            bg = t.FOCUS if focused else (t.BLUE if chosen else t.LIGHT)
            fg = t.PAPER if chosen and not focused else t.INK
            pygame.draw.rect(surface, bg, rect)
            pygame.draw.rect(surface, t.INK if focused or chosen else t.GREY_BORDER, rect, width=theme.scale(3))
            num = theme.font(40, True).render(str(n), True, fg)
            surface.blit(num, num.get_rect(center=(rect.centerx, rect.centery - theme.scale(12))))
            word = theme.font(20, True).render(RATINGS[n], True, fg)
            surface.blit(word, word.get_rect(center=(rect.centerx, rect.bottom - theme.scale(20))))
            if focused:
                pygame.draw.rect(surface, t.INK, (rect.x, rect.bottom, rect.w, theme.scale(6)))
        field = rects[self.field_index]
        t.draw_text(surface, theme.font(30, True), "Anything to add? (optional, please no names)",
                    (field.x, field.y - theme.scale(52)), t.INK)
        pygame.draw.rect(surface, t.PAPER, field)
        pygame.draw.rect(surface, t.INK, field, width=theme.scale(3))
        shown = self.comment
        font = theme.body()
        while shown and font.size(shown + "|")[0] > field.w - theme.scale(32):
            shown = shown[1:]
        caret = "|" if self.focus == self.field_index else ""
        text = font.render(shown + caret, True, t.INK)
        surface.blit(text, (field.x + theme.scale(16), field.centery - text.get_height() // 2))
        if self.focus == self.field_index:
            t.draw_focus_ring(surface, theme, field)
        for index in (self.field_index + 1, self.field_index + 2):
            choice = self.choices[index]
            t.draw_button(surface, theme, rects[index], choice.label, self.focus == index, choice.primary)
        t.draw_hint(surface, theme, "Tab: move    Enter: choose    1 to 5: rate    Type your comment in the box")
