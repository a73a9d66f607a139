"""The scene stack calls lifecycle hooks in order and routes input, updates and drawing to the top."""

from kiosk.scene import Scene, SceneStack


class Recorder(Scene):
    def __init__(self, name, log):
        super().__init__(kiosk=None)
        self.name = name
        self.log = log

    def enter(self):
        self.log.append(f"{self.name}.enter")

    def pause(self):
        self.log.append(f"{self.name}.pause")

    def resume(self):
        self.log.append(f"{self.name}.resume")

    def exit(self):
        self.log.append(f"{self.name}.exit")

    def handle(self, intent):
        self.log.append(f"{self.name}.handle:{intent}")

    def update(self, dt):
        self.log.append(f"{self.name}.update:{dt}")

    def draw(self, surface):
        self.log.append(f"{self.name}.draw")


def test_push_pop_replace_reset_call_the_hooks_in_order():
    log = []
    stack = SceneStack()
    a, b, c, d = (Recorder(n, log) for n in "abcd")
    stack.push(a)
    stack.push(b)
    assert stack.names == ["a", "b"] and stack.top is b
    stack.replace(c)
    assert stack.pop() is c
    stack.push(d)
    stack.reset(Recorder("e", log))
    assert log == ["a.enter", "a.pause", "b.enter", "b.exit", "c.enter", "c.exit", "a.resume",
                   "a.pause", "d.enter", "d.exit", "a.exit", "e.enter"]
    assert stack.names == ["e"]


def test_only_the_top_scene_gets_input_updates_and_drawing():
    log = []
    stack = SceneStack()
    stack.push(Recorder("under", log))
    stack.push(Recorder("top", log))
    log.clear()
    stack.handle("next")
    stack.update(0.5)
    stack.draw(None)
    assert log == ["top.handle:next", "top.update:0.5", "top.draw"]


def test_an_empty_stack_ignores_everything():
    stack = SceneStack()
    assert not stack and stack.top is None and stack.pop() is None
    stack.handle("next")
    stack.update(0.1)
    stack.draw(None)
