"""A team's own service through the whole lab (docs/lab.md), against a second local service that is not the demo:
a scenario for its URL, ``audit validate``, ``audit --scenario``, the task offered at the kiosk through the
station's settings and tried by a rehearsed visitor from the attract screen, ``audit lab-report``, and the lab
report's own audit."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from permit_service import PermitService  # tests/kiosk/permit_service.py

pytestmark = pytest.mark.kiosk


def run(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout)


AUDIT = ("-m", "auditor.cli")
KIOSK = ("-m", "kiosk.cli")


def test_a_teams_own_service_from_scenario_to_lab_report(tmp_path):
    lab = tmp_path / "lab"
    lab.mkdir()
    with PermitService() as service:
        (lab / "renew-permit.yaml").write_text(textwrap.dedent(f"""\
            id: renew-permit
            title: Renew a parking permit
            brief: Your parking permit runs out next week. Renew it. Your permit number is NP 40213.
            start: {service.url}
            allowed_hosts: [127.0.0.1]
            steps:
              - press "Start now"
              - fill "Permit number" with "NP 40213"
              - press "Continue"
              - expect text "Permit renewed"
            done:
              text: "Permit renewed"
            """), encoding="utf-8")
        checked = run(*AUDIT, "validate", str(lab / "renew-permit.yaml"))
        assert checked.returncode == 0, checked.stdout + checked.stderr

        audited = run(*AUDIT, "--scenario", str(lab / "renew-permit.yaml"), "--persona", "christopher",
                      "--out", str(tmp_path / "audit"), "--format", "json", "--no-screenshots")
        assert audited.returncode == 0, audited.stdout + audited.stderr[-3000:]
        report = json.loads((tmp_path / "audit" / "report.json").read_text("utf-8"))
        [task] = [t for p in report["pages"] for t in p.get("tasks", [])]
        assert (task["persona"], task["outcome"], task["scenario_title"]) == \
            ("christopher", "completed", "Renew a parking permit")
        assert task["steps"][-1]["url"].endswith("/permits/done?number=NP+40213")

        # offered at the kiosk by the station's settings (a path beside them), tried from the attract screen
        (lab / "station.yaml").write_text("station: team-room\npersonas: [christopher]\nscenario: renew-permit.yaml\n",
                                          encoding="utf-8")
        (lab / "visitor.yaml").write_text(textwrap.dedent("""\
            expect_finished: true
            events:
              - key: Enter        # attract -> who will you be?
              - key: Enter        # Christopher -> briefing
              - key: Enter        # Next: your task
              - key: Enter        # Start the task
              - wait_for: "Renew a parking permit"
              - key: Tab          # Start now
              - key: Enter
              - wait_for: "Your permit number"
              - key: Tab          # Permit number
              - type: "NP 40213"
              - key: Tab          # Continue
              - key: Enter
              - wait: 1.0
            """), encoding="utf-8")
        played = run(*KIOSK, "--headless", "--config", str(lab / "station.yaml"), "--script",
                     str(lab / "visitor.yaml"), "--record", str(tmp_path / "visit"))
        assert played.returncode == 0, played.stderr[-3000:]

    timings = json.loads((tmp_path / "visit" / "timings.json").read_text("utf-8"))
    assert timings["scenes"][:4] == ["attract", "choose", "briefing", "live"] and timings["scenes"][-1] == "debrief"
    exported = run(*KIOSK, "export", "--data", str(tmp_path / "visit" / "observations.sqlite"), "--format", "csv",
                   "--out", str(tmp_path / "team-room.csv"))
    assert exported.returncode == 0, exported.stderr

    made = run(*AUDIT, "lab-report", "--observations", str(tmp_path / "team-room.csv"),
               "--report", str(tmp_path / "audit"), "--out", str(tmp_path / "report"))
    assert made.returncode == 0, made.stderr
    assert "Audit predicted Christopher would finish; 1 of 1 visitor as Christopher finished." in made.stdout
    result = json.loads((tmp_path / "report" / "lab-renew-permit.json").read_text("utf-8"))
    assert (result["title"], result["versions"], result["stations"]) == \
        ("Renew a parking permit", [""], ["team-room"])
    [cell] = result["cells"]
    assert (cell["tries"], cell["finished"], cell["protected"], cell["median_seconds"]) == (1, 1, True, None)
    assert (cell["audit"]["outcome"], cell["agreement"]) == ("completed", "agree")

    # the lab report passes its own audit, as every persona
    from auditor.engine import RunOptions, audit_urls
    from auditor.model.persona import load_personas

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "report"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        [page] = audit_urls([f"http://127.0.0.1:{server.server_port}/lab-renew-permit.html"],
                            list(load_personas().values()), RunOptions(timeout_s=300))
    finally:
        server.shutdown()
        server.server_close()
    assert page["status"] == "ok", page["error"]
    fails = [f"{f['rule']}: {f['message']} at {f['selector']}" for f in page["findings"] if f["outcome"] == "fail"]
    assert fails == []
    assert all(v["verdict"] == "can use" for v in page["verdicts"].values())
