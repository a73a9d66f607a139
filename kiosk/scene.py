"""The scene stack: each kiosk screen is a Scene with lifecycle hooks, and the stack runs them.

A scene gets ``enter()`` when it is pushed, ``pause()`` when another is pushed over it, ``resume()`` when
that one is popped, and ``exit()`` when it leaves the stack. ``handle(intent)`` and ``update(dt)`` change
state; ``draw(surface)`` only paints. Scenes reach the rest of the kiosk through ``self.kiosk`` (the app's
:class:`~kiosk.app.KioskContext`), never through pygame's event queue.
"""

from __future__ import annotations

from typing import Any


class Scene:
    """Base class: every hook does nothing. ``name`` identifies the scene in logs and tests."""

    name = "scene"
    #: A scene that paces the loop itself (the live page) defines ``frame_rate() -> int``: loops a second, 0 for
    #: no cap. Other scenes get the app's pace: fast for a second after input, a few loops a second otherwise.
    #: True for scenes that pass keys to something else (the live page): the app then does not count a
    #: handled key as "the frame shows its effect".
    forwards_input = False

    def __init__(self, kiosk: Any) -> None:
        self.kiosk = kiosk

    def enter(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def exit(self) -> None: ...

    def handle(self, intent: Any) -> None: ...

    def update(self, dt: float) -> None: ...

    def draw(self, surface: Any) -> None: ...

    def spoken(self) -> str:
        """What a screen reader says when the scene appears (its title and the focused control)."""
        return ""


class SceneStack:
    """A stack of scenes. Changes asked for while a scene is handling input apply at once, in order."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    def __bool__(self) -> bool:
        return bool(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self._scenes]

    def push(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes[-1].pause()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        if self._scenes:
            self._scenes[-1].resume()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another (the usual step from one screen to the next)."""
        if self._scenes:
            self._scenes.pop().exit()
        self._scenes.append(scene)
        scene.enter()

    def reset(self, scene: Scene) -> None:
        """Exit every scene (top first) and start again from ``scene``."""
        while self._scenes:
            self._scenes.pop().exit()
        self._scenes.append(scene)
        scene.enter()

    def handle(self, intent: Any) -> None:
        if self._scenes:
            self._scenes[-1].handle(intent)

    def update(self, dt: float) -> None:
        if self._scenes:
            self._scenes[-1].update(dt)

    def draw(self, surface: Any) -> None:
        if self._scenes:
            self._scenes[-1].draw(surface)
