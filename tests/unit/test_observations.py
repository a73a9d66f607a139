"""auditor.model.observations: the shared reader and the per persona/scenario/version summaries."""

import subprocess
import sys

from auditor.model import observations as obs
from kiosk.observations import ObservationStore


def row(persona="christopher", version="inaccessible", seconds=100.0, finished=True, ended="done",
        simulation=True, rating=None, scenario="missed-bin"):
    return {"persona": persona, "scenario": scenario, "version": version, "seconds": seconds,
            "finished": finished, "ended": ended, "simulation": simulation, "rating": rating}


def test_summary_counts_finished_share_and_medians_per_persona_scenario_and_version():
    rows = [row(seconds=400, finished=False, ended="stopped"), row(seconds=240), row(seconds=160, rating=2),
            row(version="accessible", seconds=60, rating=5), row(version="accessible", seconds=40, rating=4),
            row(persona="claudia", version="accessible", seconds=90)]
    summary = obs.summarise(rows)
    assert [(s["persona"], s["version"]) for s in summary] == [
        ("christopher", "accessible"), ("christopher", "inaccessible"), ("claudia", "accessible")]
    bad = summary[1]
    assert bad == {"persona": "christopher", "scenario": "missed-bin", "version": "inaccessible", "count": 3,
                   "finished": 2, "finished_pct": 66.7, "median_seconds": 240.0, "median_seconds_finished": 200.0,
                   "mean_rating": 2.0}
    assert summary[0]["median_seconds"] == 50.0 and summary[0]["finished_pct"] == 100.0
    assert summary[0]["mean_rating"] == 4.5


def test_tries_without_the_simulation_and_crashes_are_left_out():
    rows = [row(seconds=10, simulation=False), row(seconds=30, ended="crashed", finished=False), row(seconds=50)]
    assert obs.summarise(rows)[0]["count"] == 1
    assert obs.summarise(rows, simulation_only=False)[0]["count"] == 2
    only_off = [row(simulation=False)]
    assert obs.summarise(only_off) == []


def test_nobody_finished_gives_no_finished_median():
    summary = obs.summarise([row(finished=False, ended="idle", seconds=90)])
    assert summary[0]["median_seconds_finished"] is None and summary[0]["finished_pct"] == 0.0


def test_slowdown_sentence_compares_the_two_versions():
    rows = [row(seconds=200), row(seconds=200, finished=False, ended="stopped"), row(seconds=400),
            row(version="accessible", seconds=50), row(version="accessible", seconds=50),
            row(persona="ashleigh", version="accessible", seconds=80)]
    found = obs.slowdowns(obs.summarise(rows))
    assert len(found) == 1, "ashleigh has no inaccessible tries to compare"
    assert found[0]["ratio"] == 4.0
    assert found[0]["sentence"] == ("Visitors as christopher took 4x longer on the inaccessible version "
                                    "(finished 66.7% against 100%).")


def test_slowdown_when_the_inaccessible_version_was_quicker():
    rows = [row(seconds=20, finished=False, ended="stopped"), row(version="accessible", seconds=60)]
    assert obs.slowdowns(obs.summarise(rows))[0]["sentence"].startswith(
        "Visitors as christopher were 3x quicker on the inaccessible version")


def test_reads_what_the_kiosk_wrote_and_a_missing_store_is_empty(tmp_path):
    path = tmp_path / "observations.sqlite"
    assert obs.load(path) == []
    store = ObservationStore(path, station="lobby-1")
    store.add(persona="claudia", scenario="missed-bin", version="accessible", seconds=75.5, finished=True,
              ended="done", simulation=True)
    store.close()
    loaded = obs.load(path)
    assert [(r["persona"], r["seconds"], r["finished"], r["station"]) for r in loaded] == \
        [("claudia", 75.5, True, "lobby-1")]
    assert obs.summarise(loaded)[0]["count"] == 1


def test_the_module_imports_neither_the_kiosk_nor_pygame_nor_playwright():
    code = ("import sys, auditor.model.observations; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pygame', 'playwright', 'kiosk'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_lab_so_far_in_one_sentence_for_the_debrief():
    rows = ([row(persona="claudia", finished=i < 4, ended="done" if i < 4 else "stopped") for i in range(10)]
            + [row(persona="claudia", version="accessible", finished=i < 9) for i in range(10)]
            + [row(persona="claudia", ended="crashed", finished=False), row(persona="claudia", simulation=False),
               row(persona="christopher"), row(persona="claudia", scenario="other")])
    assert obs.lab_so_far(rows, "claudia", "Claudia", "missed-bin", "inaccessible") == \
        "4 of 10 visitors as Claudia finished the inaccessible version; the accessible one: 9 of 10."
    assert obs.lab_so_far(rows, "claudia", "Claudia", "missed-bin", "accessible") == \
        "9 of 10 visitors as Claudia finished the accessible version; the inaccessible one: 4 of 10."
    assert obs.lab_so_far(rows[:1], "claudia", "Claudia", "missed-bin", "inaccessible") == \
        "1 of 1 visitor as Claudia finished the inaccessible version; nobody has tried the accessible one yet."
    team = [row(persona="ron", version="", scenario="renew-permit", finished=f) for f in (True, False, True)]
    assert obs.lab_so_far(team, "ron", "Ron", "renew-permit", None) == "2 of 3 visitors as Ron finished this task."
    assert obs.lab_so_far(rows, "ashleigh", "Ashleigh", "missed-bin", "accessible") == ""
