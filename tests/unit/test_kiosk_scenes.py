"""The kiosk's own screens, driven by posted keys through the real app loop (no browser, no window):
attract -> choose -> briefing, feedback, facilitator PIN, idle timeout; and every screen draws at both
target sizes."""

import gc
import os
import textwrap
import weakref

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from auditor.model.persona import load_personas  # noqa: E402
from auditor.model.scenario import load_scenario  # noqa: E402
from kiosk import input as ki  # noqa: E402
from kiosk.app import KioskApp  # noqa: E402
from kiosk.config import KioskConfig  # noqa: E402
from kiosk.observations import ObservationStore, load  # noqa: E402
from kiosk.scenes.debrief import DebriefScene  # noqa: E402
from kiosk.scenes.feedback import FeedbackScene  # noqa: E402
from kiosk.scenes.live import TaskResult  # noqa: E402
from kiosk.speech_api import LogSpeaker  # noqa: E402
from tests.unit.fakes import Clock  # noqa: E402


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "bin-task.yaml"
    path.write_text(textwrap.dedent("""
        id: bin-task
        title: Report a missed bin
        brief: Tell the council your bin was not emptied.
        start: demo:inaccessible/start
        steps:
          - press "Start now"
          - expect text "What is your postcode?"
    """), encoding="utf-8")
    return load_scenario(str(path))


@pytest.fixture
def make_app(tmp_path, scenario):
    apps = []

    def make(size=(1280, 800), **config):
        pygame.display.init()
        pygame.font.init()
        screen = pygame.display.set_mode(size)
        pygame.event.clear()
        clock = Clock()
        app = KioskApp(KioskConfig(pin="2468", idle_timeout_s=60, **config), load_personas(),
                       {scenario.id: scenario}, LogSpeaker(tmp_path / "speech.log", clock=clock),
                       ObservationStore(tmp_path / "o.sqlite"), screen, clock=clock)
        app.go_attract()
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.shutdown()
    pygame.display.quit()


def press(app, *keys):
    for name in keys:
        ki.post_key(name)
        app.tick(0.016)


def test_a_visitor_reaches_the_briefing_with_keys_alone(make_app):
    app = make_app()
    assert app.stack.names == ["attract"]
    press(app, "Enter")
    assert app.stack.names == ["choose"]
    assert [p.id for p in app.station_personas()] == ["christopher", "claudia", "ashleigh"]
    press(app, "Tab", "Tab", "shift+Tab")
    assert app.stack.top.focus == 1
    press(app, "Enter")
    top = app.stack.top
    assert top.name == "briefing" and top.persona.id == "claudia" and top.version == "inaccessible"
    assert any("blurred" in line for line in top.differences)
    press(app, "Enter")
    assert (top.page, top.title, [c.label for c in top.choices]) == (1, "Your task", ["Start the task", "Back"])
    press(app, "Escape")
    assert top.page == 0
    press(app, "Tab", "Enter")  # "Choose someone else"
    assert app.stack.names == ["choose"]
    press(app, "Escape")
    assert app.stack.names == ["attract"]


def test_screens_are_spoken_only_for_a_screen_reader_persona(make_app):
    app = make_app()
    press(app, "Enter", "Tab", "Tab")   # choose: focus on Ashleigh
    assert app.speaker.phrases == []
    press(app, "Enter")
    spoken = [text for _, text in app.speaker.phrases]
    assert spoken and spoken[0].startswith("You are Ashleigh. ")
    assert spoken[0].endswith("Next: your task, button")
    press(app, "Enter")
    assert app.speaker.phrases[-1][1].startswith("Your task. Report a missed bin. Tell the council")


def test_mouse_clicks_on_the_kiosk_screens_pick_what_is_under_them(make_app):
    app = make_app()
    press(app, "Enter")
    rect = app.stack.top.choice_rects(app.size)[2]
    ki.post_click(rect.center)
    app.tick(0.016)
    assert app.stack.top.name == "briefing" and app.stack.top.persona.id == "ashleigh"


def result(app, **over):
    fields = dict(persona=app.personas["christopher"], scenario=app.station_scenario(), version="inaccessible",
                  seconds=83.2, finished=True, ended="done", simulation=True, visited=[])
    fields.update(over)
    r = TaskResult(**fields)
    r.observation_id = app.record(r)
    return r


def test_debrief_offers_the_accessible_version_and_feedback_is_stored(make_app, tmp_path):
    app = make_app()
    app.stack.reset(DebriefScene(app, result(app)))
    debrief = app.stack.top
    assert debrief.title == "You finished in 1 minute 23 seconds"
    assert [c.label for c in debrief.choices] == ["Try the accessible version", "Give feedback", "Finish"]
    press(app, "Tab", "Enter")
    assert app.stack.top.name == "feedback"
    press(app, "2", "Tab", "Tab", "Tab", "Tab")  # rating 2, then to the comment box
    assert app.stack.top.focus == app.stack.top.field_index
    ki.post_text("No focus outline")
    app.tick(0.016)
    press(app, "Backspace", "Tab", "Enter")
    assert app.stack.top.thanked_at is not None
    rows = load(tmp_path / "o.sqlite")
    assert (rows[0]["rating"], rows[0]["comment"], rows[0]["finished"]) == (2, "No focus outlin", True)
    app.clock.now += 5
    app.tick(0.016)
    assert app.stack.names == ["attract"]


def test_facilitator_mode_needs_the_pin_and_visitors_cannot_quit(make_app):
    app = make_app()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    press(app, "alt+F4")
    assert app.running and app.stack.names == ["attract"]
    press(app, "ctrl+alt+f")
    assert app.stack.names == ["attract", "facilitator"]
    ki.post_text("1111")
    press(app, "Enter")
    assert not app.stack.top.unlocked and app.stack.top.message.startswith("That PIN is not right")
    ki.post_text("2468")
    press(app, "Enter")
    fac = app.stack.top
    assert fac.unlocked and app.exit_allowed
    labels = [c.label for c in fac.choices]
    assert labels[:3] == ["Back to the kiosk", "Reload personas and scenarios", "[x] Ashleigh"]
    assert "[ ] Ron" in labels and labels[-1] == "Exit the kiosk"
    fac.focus = labels.index("[ ] Ron")
    press(app, "Enter")
    assert app.config.personas == ("christopher", "claudia", "ashleigh", "ron")
    fac.focus = len(fac.choices) - 1
    press(app, "Enter")
    assert not app.running


def test_an_unlocked_facilitator_menu_left_alone_is_locked_again(make_app):
    app = make_app()                     # idle_timeout_s 60
    press(app, "ctrl+alt+f")
    ki.post_text("2468")
    press(app, "Enter")
    assert app.stack.top.unlocked and app.exit_allowed
    app.clock.now += 45
    app.tick(0.016)
    assert app.idle_warning is not None and app.stack.names == ["attract", "facilitator"]
    app.clock.now += 16
    app.tick(0.016)
    assert app.stack.names == ["attract"] and not app.exit_allowed
    press(app, "alt+F4")
    assert app.running


def test_three_wrong_pins_close_the_prompt(make_app):
    app = make_app()
    press(app, "ctrl+alt+f")
    for _ in range(3):
        ki.post_text("0000")
        press(app, "Enter")
    assert app.stack.names == ["attract"] and not app.exit_allowed


def test_idle_timeout_returns_to_attract(make_app):
    app = make_app()
    press(app, "Enter", "Enter")
    assert app.stack.top.name == "briefing"
    app.clock.now += 59
    app.tick(0.016)
    assert app.stack.top.name == "briefing"
    app.clock.now += 2
    app.tick(0.016)
    assert app.stack.names == ["attract"] and app.visit_persona is None


def test_a_warning_comes_before_the_idle_timeout_and_any_key_carries_on(make_app):
    app = make_app()                     # idle_timeout_s 60, the default warning: 20 s before it
    press(app, "Enter")
    assert app.stack.names == ["choose"] and app.stack.top.focus == 0
    app.clock.now += 39.5
    app.tick(0.016)
    assert app.idle_warning is None
    app.clock.now += 1.0                 # 40.5 s idle: 19.5 s left
    app.tick(0.016)
    assert app.idle_warning == 20 and app.stack.names == ["choose"]
    app.clock.now += 5.0
    app.tick(0.016)
    assert app.idle_warning == 15
    w, h = app.size
    assert app.screen.get_at((w // 2, h // 2))[:3] == (11, 12, 12), "the black panel in the middle"
    press(app, "Tab")                    # carries on: the key is used up by the warning
    assert app.idle_warning is None and app.stack.top.focus == 0
    app.clock.now += 39.5                # the idle timer started again at the key
    app.tick(0.016)
    assert app.idle_warning is None and app.stack.names == ["choose"]
    press(app, "Tab")
    assert app.stack.top.focus == 1
    app.clock.now += 45
    app.tick(0.016)
    assert app.idle_warning == 15
    app.clock.now += 15.5                # nobody came back: attract, and the warning is gone
    app.tick(0.016)
    assert app.stack.names == ["attract"] and app.idle_warning is None
    assert not any("still there" in text for _, text in app.speaker.phrases), "spoken only for a screen reader"


def test_the_idle_warning_is_spoken_for_a_screen_reader_persona(make_app):
    app = make_app()
    press(app, "Enter", "Tab", "Tab", "Enter")   # Ashleigh's briefing
    assert app.stack.top.name == "briefing" and app.speaking
    app.clock.now += 45
    app.tick(0.016)
    assert app.speaker.phrases[-1][1] == ("Are you still there? Press any key to carry on. In 15 seconds the kiosk "
                                          "starts again for the next visitor, and this visit is cleared.")
    press(app, "Enter")                  # carries on, and does not choose "Next"
    assert app.speaker.phrases[-1][1] == "Carrying on." and app.stack.top.name == "briefing"
    assert app.stack.top.page == 0


def test_no_idle_warning_when_it_is_set_to_0(make_app):
    app = make_app(idle_warning_s=0)
    press(app, "Enter")
    app.clock.now += 59.5
    app.tick(0.016)
    assert app.idle_warning is None and app.stack.names == ["choose"]
    app.clock.now += 1
    app.tick(0.016)
    assert app.stack.names == ["attract"]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_screen_draws_at_both_sizes_with_text_that_scales(make_app, size):
    app = make_app(size)
    press(app, "Enter")
    screens = ["choose"]
    press(app, "Enter")
    screens.append("briefing")
    for scene in (DebriefScene(app, result(app, finished=False, ended="stopped")),
                  FeedbackScene(app, result(app))):
        app.stack.reset(scene)
        screens.append(scene.name)
        app.redraw_now()
        assert app.screen.get_at((size[0] // 2, 5))[:3] == (11, 12, 12), "the black header bar"
    assert screens == ["choose", "briefing", "debrief", "feedback"]
    assert app.theme.body().get_height() >= (26 if size == (1280, 800) else 34)


def test_a_screen_reader_visit_speaks_in_the_personas_voice_with_a_short_help(make_app):
    from kiosk.screenreader import BRIEF_HELP

    app = make_app()
    voices = []
    app.speaker.use_persona = lambda persona: voices.append(persona.id)
    app.speaker.use_default = lambda: voices.append("default")
    press(app, "Enter", "Tab", "Tab", "Enter")   # Ashleigh's briefing
    assert voices == ["ashleigh"]
    press(app, "Enter")
    said = app.speaker.phrases[-1][1]
    assert BRIEF_HELP in said and "Control: stop speech" in said
    press(app, "Escape", "Tab", "Enter", "Escape")   # back, "Choose someone else", back to attract
    assert app.stack.names == ["attract"] and voices[-1] == "default"
    press(app, "Enter", "Enter")                 # Christopher: no screen reader, the kiosk's own voice
    assert voices[-1] == "default"


def test_going_back_to_attract_frees_what_the_visit_left_in_cycles(make_app):
    class Leftover:   # stands for a visit's Playwright objects, which refer to each other
        pass

    app = make_app()
    press(app, "Enter", "Enter")
    leftover = Leftover()
    leftover.self = leftover
    gone = weakref.ref(leftover)
    gc.collect()      # it survives into the oldest generation, as a visit's objects do over a visit's minutes
    del leftover
    press(app, "Tab")
    assert gone() is not None   # only a full collection frees an old cycle
    app.clock.now += 61         # the visitor walks away: the idle timeout returns to attract
    app.tick(0.016)
    assert app.stack.names == ["attract"] and gone() is None


def test_the_debrief_shows_the_lab_so_far_for_this_persona_and_task(make_app):
    app = make_app()
    for finished in (True, False, False):
        result(app, finished=finished, ended="done" if finished else "stopped")
    result(app, version="accessible")
    result(app, persona=app.personas["claudia"])          # someone else's try does not count here
    result(app, finished=False, ended="crashed")           # nor does a crash
    app.stack.reset(DebriefScene(app, result(app, finished=False, ended="stopped")))
    debrief = app.stack.top
    assert debrief.lab_line == ("1 of 4 visitors as Christopher finished the inaccessible version; "
                                "the accessible one: 1 of 1.")
    assert "In the lab so far: 1 of 4 visitors as Christopher" in debrief.spoken()
    app.redraw_now()   # it fits on the screen with the rest (drawing raises nothing)


class _NoBrowser:
    alive = True

    def new_context(self, options):
        raise RuntimeError("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/start")


def test_a_rehearsed_task_whose_page_will_not_open_ends_the_rehearsal_as_crashed(make_app, tmp_path):
    from kiosk.rehearsal import Rehearsal
    from kiosk.scenes.live import LiveScene
    from kiosk.script import Script, ScriptEvent

    app = make_app()
    app.browser = lambda: _NoBrowser()
    app.start_url = lambda scenario, version: "http://127.0.0.1:9/start"
    script = Script(path=tmp_path / "r.yaml", persona="christopher", scenario="bin-task", version="inaccessible",
                    size=(1280, 800), expect_finished=None,
                    events=(ScriptEvent("wait_for", "Start", 5), ScriptEvent("key", "Tab", 6)), lines={})
    driver = Rehearsal(script, tmp_path, process_start=0.0, starts_live=True)
    app.begin_visit(app.personas["christopher"])
    app.stack.reset(LiveScene(app, app.personas["christopher"], app.station_scenario(), "inaccessible"))
    assert app.stack.names == ["attract"], "the kiosk went back to the attract screen for the next visitor"
    assert app.last_result.ended == "crashed" and app.last_result.finished is False
    driver.before_input(app)
    assert app.running is False, "the rest of the script (a minute's wait_for) is skipped"
    assert driver.timings(app)["outcome"]["ended"] == "crashed"
    assert [r["ended"] for r in load(tmp_path / "o.sqlite")] == ["crashed"]
