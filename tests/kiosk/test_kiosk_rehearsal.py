"""Headless rehearsals of the kiosk on the bundled demo service (`kiosk --headless --script ... --record ...`).

Each run is a separate process, as a facilitator would start it; the scenario is written here so that the test
does not depend on the shipped scenario files."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pygame
import pytest

from kiosk.observations import load

pytestmark = pytest.mark.kiosk

START_NOW = [276, 735]  # where the accessible start page's "Start now" button is drawn in a 1280x1000 window


@pytest.fixture
def scenario(tmp_path) -> Path:
    path = tmp_path / "start-report.yaml"
    path.write_text(textwrap.dedent("""
        id: start-report
        title: Start a missed bin report
        brief: Start the report. You are done when the council asks for your postcode.
        start: demo:accessible/start
        steps:
          - press "Start now"
        done:
          text: "Find your address"
    """), encoding="utf-8")
    return path


def rehearse(tmp_path, scenario, persona, events, expect=None, version="accessible", size=(1280, 800)):
    script = {"persona": persona, "scenario": str(scenario), "version": version, "events": events,
              "size": list(size)}
    if expect is not None:
        script["expect_finished"] = expect
    path = tmp_path / f"{persona}.yaml"
    path.write_text(json.dumps(script), encoding="utf-8")  # JSON is YAML
    out = tmp_path / f"rec-{persona}"
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli", "--headless", "--script", str(path), "--record",
                           str(out)], capture_output=True, text=True, timeout=180)
    return proc, out


def test_christopher_starts_the_report_with_the_keyboard(tmp_path, scenario):
    proc, out = rehearse(tmp_path, scenario, "christopher", [
        {"key": "Tab"}, {"screenshot": "skip-link"}, {"key": "Enter"}, {"key": "Tab"},
        {"screenshot": "start-focused"}, {"key": "Enter"}, {"wait": 1.0}, {"screenshot": "debrief"}], expect=True)
    assert proc.returncode == 0, proc.stderr
    for name in ("skip-link", "start-focused", "debrief"):
        image = pygame.image.load(str(out / f"{name}.png"))
        assert image.get_size() == (1280, 800)
    timings = json.loads((out / "timings.json").read_text())
    assert timings["startup_s"] > 0
    assert len(timings["key_to_frame_ms"]) == 4
    assert all(v is None or v > 0 for v in timings["key_to_frame_ms"])
    assert "fps" in timings and timings["outcome"]["finished"] is True and timings["outcome"]["ended"] == "done"
    assert timings["scenes"] == ["live", "debrief"]
    speech = (out / "speech.log").read_text().splitlines()
    assert speech[-1].split("\t")[1] == "Well done, you finished the task."
    rows = load(out / "observations.sqlite")
    assert [(r["persona"], r["scenario"], r["version"], r["finished"], r["simulation"]) for r in rows] == \
        [("christopher", "start-report", "accessible", True, True)]


def test_christophers_mouse_is_blocked_but_a_mouse_user_gets_through(tmp_path, scenario):
    events = [{"click": START_NOW}, {"wait": 1.5}, {"screenshot": "after-click"}]
    proc, out = rehearse(tmp_path, scenario, "christopher", events, expect=False, size=(1280, 1000))
    assert proc.returncode == 0, proc.stderr
    speech = [line.split("\t")[1] for line in (out / "speech.log").read_text().splitlines()]
    assert "Christopher can't use a mouse — try Tab" in speech
    assert json.loads((out / "timings.json").read_text())["outcome"]["ended"] == "stopped"
    proc, out = rehearse(tmp_path, scenario, "pawel", events, expect=True, size=(1280, 1000))
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "timings.json").read_text())["outcome"]["ended"] == "done"


def test_a_script_with_unknown_ids_is_refused_before_anything_starts(tmp_path, scenario):
    proc, out = rehearse(tmp_path, scenario, "bob", [{"key": "Tab"}])
    assert proc.returncode == 2
    assert f"{tmp_path / 'bob.yaml'}:1: persona: no persona 'bob'" in proc.stderr
    assert "Traceback" not in proc.stderr
