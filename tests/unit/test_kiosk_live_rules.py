"""The live task's pure parts: allowed hosts, done URLs, the last-step fallback, pixel effects, the
debrief's words and the audit findings it shows."""

import json
import os

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from auditor.model.persona import Simulation, load_personas  # noqa: E402
from auditor.model.scenario import Scenario, Step  # noqa: E402
from kiosk import plain_words  # noqa: E402
from kiosk.effects import Effects, tunnel_radius  # noqa: E402
from kiosk.findings_source import findings_for  # noqa: E402
from kiosk.live_page import allowed_hosts_for, host_allowed, url_matches  # noqa: E402
from kiosk.scenes.live import done_fallback  # noqa: E402


@pytest.mark.parametrize("url, ok", [
    ("http://127.0.0.1:8123/accessible/start", True),
    ("https://www.eastbrook.gov.uk/x", True),
    ("https://maps.eastbrook.gov.uk/x", True),
    ("https://eastbrook.gov.uk.evil.com/", False),
    ("https://www.google.com/", False),
    ("file:///etc/passwd", False),
    ("ftp://127.0.0.1/x", False),
    ("data:text/plain,hi", True),
])
def test_hosts(url, ok):
    allowed = allowed_hosts_for("http://127.0.0.1:8123/accessible/start", ("www.eastbrook.gov.uk", "*.eastbrook.gov.uk"))
    assert host_allowed(url, allowed) is ok


@pytest.mark.parametrize("current, wanted, ok", [
    ("http://127.0.0.1:9/accessible/confirmation?x=1", "/confirmation", True),
    ("http://127.0.0.1:9/accessible/confirmation", "/accessible/confirmation/", True),
    ("http://127.0.0.1:9/accessible/check", "/confirmation", False),
    ("http://127.0.0.1:9/accessible/notconfirmation", "/confirmation", False),
    ("https://a.gov.uk/done", "https://a.gov.uk/done", True),
    ("https://b.gov.uk/done", "https://a.gov.uk/done", False),
])
def test_done_urls(current, wanted, ok):
    assert url_matches(current, wanted) is ok


def test_the_last_expect_text_step_is_the_fallback_done_condition():
    steps = (Step("press", "Start now"), Step("expect text", "Postcode"), Step("press", "Continue"),
             Step("expect text", "Select your address"))
    assert done_fallback(Scenario("s", "t", "b", "demo:accessible/start", steps)) == "Select your address"
    assert done_fallback(Scenario("s", "t", "b", "demo:accessible/start", steps[:1])) == ""


def frame():
    surf = pygame.Surface((320, 200))
    surf.fill((255, 255, 255))
    for x in range(0, 320, 4):
        pygame.draw.line(surf, (0, 0, 0), (x, 0), (x, 199))
    return surf


def test_blur_and_contrast_change_the_pixels_as_asked():
    plain = frame()
    out = Effects(Simulation(blur=4, contrast=0.5), (320, 200)).apply(plain, None)
    assert plain.get_at((0, 50))[:3] == (0, 0, 0), "the frame itself is untouched"
    values = [out.get_at((x, 50))[0] for x in range(40, 80)]
    assert max(values) - min(values) < 100, "stripes are blurred and washed out toward grey"
    assert all(40 < v < 215 for v in values)
    same = Effects(Simulation(), (320, 200)).apply(plain, None)
    assert same is plain


def test_tunnel_vision_leaves_a_clear_circle_where_the_visitor_looks():
    size = (320, 200)
    assert tunnel_radius(size, 100) ** 2 * 3.14159 == pytest.approx(320 * 200, rel=0.02)
    white = pygame.Surface(size)
    white.fill((255, 255, 255))
    out = Effects(Simulation(field_of_view=20), size).apply(white, (80, 60))
    assert out.get_at((80, 60))[:3] == (255, 255, 255)
    assert max(out.get_at((300, 190))[:3]) < 20


def test_the_screen_curtain_is_black():
    out = Effects(Simulation(screen_curtain=True), (64, 64)).apply(frame(), None)
    assert {out.get_at((x, 10))[:3] for x in range(64)} == {(0, 0, 0)}


def test_plain_words_follow_the_simulation():
    personas = load_personas()
    chris = plain_words.differences(personas["christopher"])
    assert chris == ["Christopher can't use a mouse. Tab moves forward, Shift+Tab moves back, Enter chooses."]
    ash = plain_words.differences(personas["ashleigh"])
    assert ash[0].startswith("The screen goes black.")
    assert "A skip link lets Ashleigh jump past the menu to the main content." in \
        plain_words.good_design(personas["ashleigh"])
    assert plain_words.duration(92.4) == "1 minute 32 seconds"
    assert plain_words.duration(1) == "1 second"
    assert plain_words.duration(120) == "2 minutes"


def test_findings_for_the_pages_seen_and_the_persona_worst_first(tmp_path):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"pages": [
        {"url": "http://127.0.0.1:8000/inaccessible/start", "findings": [
            {"message": "{who} cannot see where the focus is", "fix": "Add a focus style", "impact": "serious",
             "outcome": "fail", "personas": ["christopher", "ron"]},
            {"message": "{who} cannot reach 'Start now' with the keyboard", "fix": "Use a link", "impact": "critical",
             "outcome": "fail", "personas": ["christopher"]},
            {"message": "Check the heading order", "impact": "minor", "outcome": "review", "personas": ["christopher"]},
            {"message": "{who} hears an unlabelled image", "impact": "serious", "outcome": "fail",
             "personas": ["ashleigh"]},
        ]},
        {"url": "http://127.0.0.1:8000/inaccessible/contact", "findings": [
            {"message": "Not visited", "impact": "critical", "outcome": "fail", "personas": ["christopher"]}]},
    ]}), encoding="utf-8")
    got = findings_for(report, ["http://127.0.0.1:51234/inaccessible/start?x=1"], "christopher", "Christopher")
    assert got == [{"message": "Christopher cannot reach 'Start now' with the keyboard", "fix": "Use a link"},
                   {"message": "Christopher cannot see where the focus is", "fix": "Add a focus style"}]
    assert findings_for(None, ["http://x/"], "christopher", "Christopher") == []
