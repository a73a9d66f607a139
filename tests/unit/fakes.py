"""Stand-ins shared by the kiosk's unit tests (not collected: no test_ prefix)."""

from __future__ import annotations


class Clock:
    """A monotonic clock that the test moves by hand (``clock.now += 0.5``)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class FakeKeyboard:
    """Playwright's ``page.keyboard``: keeps the keys pressed."""

    def __init__(self) -> None:
        self.pressed: list[str] = []

    def press(self, key: str) -> None:
        self.pressed.append(key)
