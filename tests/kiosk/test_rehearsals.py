"""The shipped rehearsals (kiosk/rehearsals/*.yaml): Christopher, Claudia and Ashleigh on both versions of
the demo service, each played by ``kiosk --headless --script`` as a facilitator would, two at a time.

Expected: on the accessible version each finishes the task; on the inaccessible version each is stopped
where the planted barriers say (Christopher and Ashleigh at the "Continue" that is a div; Claudia on a
page 960 px wide in her 640 px view), and Ashleigh's speech log shows where she is lost."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from auditor.model.observations import load

pytestmark = pytest.mark.kiosk

REHEARSALS = Path(__file__).resolve().parents[2] / "kiosk" / "rehearsals"
NAMES = [f"{who}-{version}" for who in ("christopher", "claudia", "ashleigh")
         for version in ("accessible", "inaccessible")]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Every rehearsal, two processes at a time (each runs its own Chromium and demo service)."""
    root = tmp_path_factory.mktemp("rehearsals")

    def play(name: str) -> tuple[subprocess.CompletedProcess, Path]:
        out = root / name
        proc = subprocess.run([sys.executable, "-m", "kiosk.cli", "--headless", "--script",
                               str(REHEARSALS / f"{name}.yaml"), "--record", str(out)],
                              capture_output=True, text=True, timeout=300)
        return proc, out

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(NAMES, pool.map(play, NAMES)))


def result(runs, name: str) -> tuple[dict, list[str]]:
    proc, out = runs[name]
    assert proc.returncode == 0, f"{name}: exit {proc.returncode}\n{proc.stderr[-3000:]}"
    timings = json.loads((out / "timings.json").read_text("utf-8"))
    heard = [line.split("\t", 1)[1] for line in (out / "speech.log").read_text("utf-8").splitlines()]
    return timings, heard


def test_every_shipped_rehearsal_is_tested():
    assert sorted(p.stem for p in REHEARSALS.glob("*.yaml")) == sorted(NAMES)


@pytest.mark.parametrize("who", ["christopher", "claudia", "ashleigh"])
def test_on_the_accessible_version_everyone_finishes(runs, who):
    timings, heard = result(runs, f"{who}-accessible")
    outcome = timings["outcome"]
    assert (outcome["finished"], outcome["ended"], outcome["version"]) == (True, "done", "accessible")
    assert outcome["final_page"]["url"].endswith("/accessible/missed")
    assert outcome["final_page"]["scrolls_sideways"] is False
    assert heard[-1].startswith("You finished in") or "Well done, you finished the task." in heard
    assert timings["scenes"] == ["live", "debrief"]
    assert timings["startup_s"] > 0 and timings["key_to_frame_ms"]
    rows = load(runs[f"{who}-accessible"][1] / "observations.sqlite")
    assert [(r["persona"], r["version"], r["finished"], r["ended"]) for r in rows] == \
        [(who, "accessible", True, "done")]


def test_christopher_is_stopped_by_the_continue_that_is_a_div(runs):
    timings, _ = result(runs, "christopher-inaccessible")
    outcome = timings["outcome"]
    assert (outcome["finished"], outcome["version"]) == (False, "inaccessible")
    page = outcome["final_page"]
    assert page["url"].endswith("/inaccessible/postcode"), "Enter in the postcode box went nowhere"
    assert page["focused"] == "input#pc E8 1DY", "Shift+Tab from the footer link came back to the box"


def test_claudia_meets_a_page_wider_than_her_zoomed_view(runs):
    timings, _ = result(runs, "claudia-inaccessible")
    outcome = timings["outcome"]
    assert (outcome["finished"], outcome["ended"]) == (False, "stopped")
    page = outcome["final_page"]
    assert page["url"].endswith("/inaccessible/postcode")
    assert page["scrolls_sideways"] is True and page["page_width"] >= 960 and page["view_width"] == 640


def test_ashleigh_hears_her_way_through_the_accessible_version_behind_the_curtain(runs):
    timings, heard = result(runs, "ashleigh-accessible")
    assert "Start now, button" in heard
    assert heard.index("Postcode, edit text, For example, E8 1DY") < heard.index("14 Mare Street, London, E8 1DY") \
        < heard.index("Continue, button")
    typed = heard.index("Postcode, edit text, For example, E8 1DY")
    assert heard[typed + 2: typed + 8] == ["E", "8", "space", "1", "D", "Y"], "typing is echoed"
    assert any(h.startswith("Select your address – ") for h in heard), "the new page's title is read"
    assert all(heard[i] != heard[i + 1] or not heard[i].endswith("Eastbrook Borough Council")
               for i in range(len(heard) - 1)), "a page title is not read twice in a row"
    assert len(timings["key_to_speech_ms"]) >= 10
    assert all(0 < v < 5000 for v in timings["key_to_speech_ms"])
    shot = runs["ashleigh-accessible"][1] / "start-curtain.png"
    import pygame

    image = pygame.image.load(str(shot))
    assert image.get_at((640, 200))[:3] == (0, 0, 0), "the screen curtain is black"


def test_ashleigh_is_lost_on_the_inaccessible_version(runs):
    timings, heard = result(runs, "ashleigh-inaccessible")
    assert timings["outcome"]["finished"] is False
    assert timings["outcome"]["final_page"]["url"].endswith("/inaccessible/postcode")
    assert "table, 4 rows, 2 columns" in heard, "the layout table is announced"
    lost = heard[heard.index("no next button"):]
    assert lost[:2] == ["no next button", "Continue"], "Continue is only text"
    assert lost[-1] == "Accessibility, link", "Tab goes past Continue to the footer"


def test_the_lab_report_of_the_rehearsals_beside_the_demo_audit_has_their_numbers(runs, tmp_path):
    """The issue's "done when": rehearsals of several visitors (three personas, both versions), then
    ``audit lab-report`` with the demo audit; every cell's numbers are checked against the rehearsals."""
    from urllib.parse import urlsplit

    for name in NAMES:
        result(runs, name)   # each rehearsal ran
    audited = subprocess.run([sys.executable, "-m", "auditor.cli", "--scenario", "missed-bin-quick", "--persona",
                              "christopher,claudia,ashleigh", "--out", str(tmp_path / "audit"), "--format", "json",
                              "--no-screenshots"], capture_output=True, text=True, timeout=400)
    assert audited.returncode in (0, 1), audited.stderr[-3000:]   # 1: the inaccessible version blocks people
    report = json.loads((tmp_path / "audit" / "report.json").read_text("utf-8"))
    tasks = {(t["persona"], t["version"]): t for p in report["pages"] for t in p.get("tasks", [])}
    stores = [str(runs[name][1] / "observations.sqlite") for name in NAMES]
    made = subprocess.run([sys.executable, "-m", "auditor.cli", "lab-report", "--observations", *stores,
                           "--report", str(tmp_path / "audit"), "--out", str(tmp_path / "lab")],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    lab = json.loads((tmp_path / "lab" / "lab-missed-bin-quick.json").read_text("utf-8"))
    assert lab["tries"] == len(NAMES) and lab["versions"] == ["inaccessible", "accessible"]
    cells = {(c["persona"], c["version"]): c for c in lab["cells"]}
    assert len(cells) == len(NAMES)
    for name in NAMES:
        outcome = json.loads((runs[name][1] / "timings.json").read_text("utf-8"))["outcome"]
        cell = cells[(outcome["persona"], outcome["version"])]
        assert (cell["tries"], cell["finished"]) == (1, int(outcome["finished"])), name
        assert cell["finished_pct"] == (100.0 if outcome["finished"] else 0.0), name
        # one try is a small group: counts only
        assert (cell["protected"], cell["median_seconds"], cell["vs_accessible"]) == (True, None, None), name
        stopped = [] if outcome["finished"] else [{"page": urlsplit(outcome["final_page"]["url"]).path, "count": 1}]
        assert cell["stopped"] == stopped, name
        assert cell["audit"]["outcome"] == tasks[(outcome["persona"], outcome["version"])]["outcome"], name
    blocked = cells[("christopher", "inaccessible")]
    assert (blocked["audit"]["outcome"], blocked["audit"]["page"]) == ("blocked", "/inaccessible/postcode")
    assert blocked["agreement"] == "agree"
    assert blocked["sentence"] == ("Audit predicted Christopher blocked at 'Continue'; 1 of 1 visitor as "
                                   "Christopher stopped on that page (/inaccessible/postcode).")
    md = (tmp_path / "lab" / "lab-missed-bin-quick.md").read_text("utf-8")
    assert "| Christopher | inaccessible version | 1 | 0 (0%) | fewer than 5 tries |" in md
