"""The lab report (auditor/reporters/lab.py, `audit lab-report`): kiosk observations beside the audit's task runs.
Hand-built observations and report.json task runs; no browser."""

from __future__ import annotations

import json
import re

import pytest

from auditor.cli import main as audit
from auditor.model import observations as obs
from auditor.reporters.lab import MIN_GROUP, build_lab_reports, render_lab_html, render_lab_markdown
from kiosk.observations import ObservationStore


def row(persona="christopher", version="inaccessible", seconds=100.0, finished=False, last_page="", **over):
    out = {"id": over.pop("id", None), "timestamp": over.pop("timestamp", "2026-12-01T10:00:00+00:00"),
           "station": over.pop("station", "lobby-1"), "persona": persona, "scenario": "missed-bin-quick",
           "version": version, "seconds": seconds, "finished": finished,
           "ended": "done" if finished else "stopped", "simulation": True, "rating": None, "comment": "",
           "last_page": last_page}
    out.update(over)
    return out


def task(persona, version, outcome, steps=()):
    return {"scenario": "missed-bin-quick", "persona": persona, "name": persona.capitalize(), "version": version,
            "outcome": outcome, "summary": f"{persona} {outcome}", "steps": list(steps)}


def step(text, outcome, url, line=5):
    return {"step": text, "line": line, "outcome": outcome, "reason": "no Tab stop", "url": url}


REPORT = {"schema": "empathy-lab/report/1", "personas": [{"id": "christopher", "name": "Christopher"},
                                                         {"id": "claudia", "name": "Claudia"}],
          "pages": [{"url": "http://127.0.0.1:8000/inaccessible/start", "tasks": [
              task("christopher", "inaccessible", "blocked",
                   [step('press "Start now"', "ok", "http://127.0.0.1:8000/inaccessible/start", 3),
                    step('press "Continue"', "blocked", "http://127.0.0.1:8000/inaccessible/postcode?x=1")]),
              task("claudia", "inaccessible", "struggled",
                   [step('press "Continue"', "struggled", "http://127.0.0.1:8000/inaccessible/postcode")])]},
              {"url": "http://127.0.0.1:8000/accessible/start", "tasks": [
                  task("christopher", "accessible", "completed"), task("claudia", "accessible", "completed")]}]}


def lab_rows():
    rows = []
    # Christopher, inaccessible: 9 tries, 2 finished, 7 stopped on the postcode page
    rows += [row(seconds=200 + i, last_page="/inaccessible/postcode") for i in range(7)]
    rows += [row(seconds=150, finished=True, last_page="/inaccessible/missed", comment="Continue did nothing")] * 2
    # Christopher, accessible: 6 tries, all finished
    rows += [row(version="accessible", seconds=60 + i, finished=True, last_page="/accessible/missed")
             for i in range(6)]
    # Claudia: 3 tries on each version (a small group), with a comment that must not show
    rows += [row("claudia", seconds=s, finished=True, comment="I am Jo from floor 3") for s in (90, 95, 99)]
    rows += [row("claudia", "accessible", seconds=s, finished=True) for s in (50, 55, 60)]
    # left out: simulation off, and a crash
    rows += [row(simulation=False, finished=True), row(ended="crashed")]
    return rows


def cells(lab):
    return {(c["persona"], c["version"]): c for c in lab["cells"]}


def test_each_persona_and_version_beside_the_audit_with_a_plain_sentence():
    [lab] = build_lab_reports(lab_rows(), [REPORT], created="2026-12-06T05:00:00+00:00")
    assert lab["schema"] == "empathy-lab/lab-report/1" and lab["scenario"] == "missed-bin-quick"
    assert lab["versions"] == ["inaccessible", "accessible"]
    assert lab["tries"] == 21 and lab["left_out"] == {"crashed": 1, "simulation_off": 1}
    c = cells(lab)
    bad = c[("christopher", "inaccessible")]
    assert (bad["tries"], bad["finished"], bad["finished_pct"], bad["protected"]) == (9, 2, 22.2, False)
    assert bad["median_seconds"] == 202.0
    assert bad["stopped"] == [{"page": "/inaccessible/postcode", "count": 7}]
    assert bad["audit"]["outcome"] == "blocked" and bad["audit"]["page"] == "/inaccessible/postcode"
    assert bad["agreement"] == "agree"
    assert bad["sentence"] == ("Audit predicted Christopher blocked at 'Continue'; 7 of 9 visitors as Christopher "
                               "stopped on that page (/inaccessible/postcode).")
    good = c[("christopher", "accessible")]
    assert good["median_seconds"] == 62.5 and bad["vs_accessible"] == round(202 / 62.5, 1)
    assert good["agreement"] == "agree" and good["sentence"] == \
        "Audit predicted Christopher would finish; 6 of 6 visitors as Christopher finished."
    assert bad["comments"] == ["Continue did nothing", "Continue did nothing"]


def test_a_group_of_fewer_than_five_tries_shows_counts_but_no_times_or_comments():
    [lab] = build_lab_reports(lab_rows(), [REPORT])
    small = cells(lab)[("claudia", "inaccessible")]
    assert MIN_GROUP == 5 and small["tries"] == 3 and small["protected"] is True
    assert (small["finished"], small["median_seconds"], small["vs_accessible"], small["comments"]) == (3, None, None, [])
    assert small["agreement"] == "agree" and "3 of 3 visitors as Claudia finished" in small["sentence"]
    text = render_lab_markdown(lab) + render_lab_html(lab) + json.dumps(lab)
    assert "floor 3" not in text
    assert "fewer than 5 tries" in render_lab_markdown(lab)
    assert "could tell who it was" in render_lab_html(lab)


def test_disagreements_are_said_plainly():
    rows = [row(finished=True, seconds=80, last_page="/inaccessible/missed")] * 6 + \
        [row("claudia", finished=False, last_page="/inaccessible/address")] * 5
    [lab] = build_lab_reports(rows, [REPORT])
    c = cells(lab)
    assert c[("christopher", "inaccessible")]["agreement"] == "disagree"
    assert "but 6 of 6 visitors as Christopher finished" in c[("christopher", "inaccessible")]["sentence"]
    assert c[("claudia", "inaccessible")]["agreement"] == "partly"
    assert c[("christopher", "accessible")]["agreement"] == "no visitors"


def test_a_teams_own_service_has_one_version_and_no_audit_is_no_prediction():
    rows = [row("ron", version="", finished=i < 3, last_page="/apply/details", scenario="renew-permit")
            for i in range(5)]
    [lab] = build_lab_reports(rows, [], names={"ron": "Ron"})
    assert lab["versions"] == [""] and lab["audited"] is False
    [cell] = lab["cells"]
    assert cell["agreement"] == "no prediction"
    assert cell["sentence"] == "No audit of this task as Ron on this service; 3 of 5 visitors finished."
    assert "this service" in render_lab_markdown(lab)


def test_several_stations_merge_and_a_row_given_twice_counts_once(tmp_path):
    paths = []
    for name in ("lobby-1", "library"):
        store = ObservationStore(tmp_path / f"{name}.sqlite", station=name)
        for i in range(3):
            store.add(persona="christopher", scenario="missed-bin-quick", version="inaccessible", seconds=100 + i,
                      finished=i == 0, ended="done" if i == 0 else "stopped", simulation=True,
                      last_page="http://h/inaccessible/postcode", timestamp=f"2026-12-0{i + 1}T10:00:00+00:00")
        store.close()
        paths.append(tmp_path / f"{name}.sqlite")
    (tmp_path / "library.csv").write_text(obs.to_csv(obs.load(paths[1])), encoding="utf-8")
    (tmp_path / "library.json").write_text(obs.to_json(obs.load(paths[1])), encoding="utf-8")
    rows = obs.merge(*(obs.read_export(p) for p in [*paths, tmp_path / "library.csv", tmp_path / "library.json"]))
    assert len(rows) == 6
    assert {(r["station"], r["finished"], r["last_page"]) for r in rows} >= {("library", True, "/inaccessible/postcode")}


def test_the_command_writes_one_report_per_scenario_in_three_formats(tmp_path, capsys):
    store = ObservationStore(tmp_path / "o.sqlite", station="lobby-1")
    for r in lab_rows():
        store.add(**{k: r[k] for k in ("persona", "scenario", "version", "seconds", "finished", "ended",
                                        "simulation", "comment", "last_page")})
    store.close()
    (tmp_path / "report.json").write_text(json.dumps(REPORT), encoding="utf-8")
    assert audit(["lab-report", "--observations", str(tmp_path / "o.sqlite"), "--report", str(tmp_path),
                  "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "7 of 9 visitors as Christopher stopped on that page" in out
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["lab-missed-bin-quick.html", "lab-missed-bin-quick.json", "lab-missed-bin-quick.md"]
    html = (tmp_path / "out" / "lab-missed-bin-quick.html").read_text("utf-8")
    assert "<script" not in html and html.count('role="img"') == 2 and html.count("<desc") == 2
    assert re.search(r"Christopher: inaccessible 22.2% \(2 of 9\), accessible 100% \(6 of 6\)", html)


def test_bad_input_lists_every_problem_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"schema": "something/else"}', encoding="utf-8")
    code = audit(["lab-report", "--observations", str(tmp_path / "notes.txt"), str(tmp_path / "missing.sqlite"),
                  "--report", str(tmp_path / "bad.json"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"--observations: {tmp_path / 'notes.txt'}: not a kiosk export" in err
    assert f"--observations: {tmp_path / 'missing.sqlite'}: no such file" in err
    assert f"--report: {tmp_path / 'bad.json'}: not an Empathy Lab report" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_a_bad_row_in_an_export_says_where_and_what(tmp_path):
    (tmp_path / "a.csv").write_text("persona,scenario,seconds,finished\nchristopher,missed-bin,abc,1\n", "utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"schema": "empathy-lab/observations/2", "observations": [
        {"persona": "c", "scenario": "s", "seconds": 3, "finished": "maybe"}]}), "utf-8")
    with pytest.raises(ValueError, match=r"^line 2: seconds: expected a number, not 'abc'$"):
        obs.read_export(tmp_path / "a.csv")
    with pytest.raises(ValueError, match=r"^observations\[0\]: finished: expected true or false, not 'maybe'$"):
        obs.read_export(tmp_path / "b.json")
