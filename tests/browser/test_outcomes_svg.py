"""One real ``audit`` run over an HTML page and an SVG document, written as report.json and EARL.

- An SVG document is audited as a browser renders it (its own title, text and links), with every gatherer
  working, not declined as "not a web page".
- report.json says, per check and per WCAG criterion, fail / review / pass / inapplicable; the EARL report
  has one assertion per page and criterion with that outcome.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.browser

HTML = """<!doctype html><html lang="en"><head><title>Bins</title></head><body><main>
<h1>Report a missed bin</h1><img src="bin.png"><p>Text.</p></main></body></html>"""
SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="200">
<title>Bin collection days</title><text x="10" y="40">Monday: recycling</text>
<a href="https://example.org/"><text x="10" y="80">More</text></a></svg>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_directory):
    root = tmp_path_factory.mktemp("site")
    (root / "page.html").write_text(HTML, "utf-8")
    (root / "days.svg").write_text(SVG, "utf-8")
    with serve_directory(root) as url:
        yield url


@pytest.fixture(scope="module")
def run(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run([sys.executable, "-m", "auditor.cli", site + "page.html", site + "days.svg",
                           "--persona", "ashleigh,christopher", "--format", "json,earl", "--no-screenshots",
                           "--concurrency", "1", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    earl = json.loads((out / "report.earl.jsonld").read_text("utf-8"))
    return proc.returncode, {p["url"].rsplit("/", 1)[-1]: p for p in report["pages"]}, earl


def test_an_svg_document_is_audited_like_a_page(run):
    code, pages, _ = run
    svg = pages["days.svg"]
    assert svg["status"] == "ok", svg["error"]
    assert svg["title"] == "Bin collection days"
    assert svg["artifacts_failed"] == []
    assert svg["criteria"], "no check gave the SVG document an outcome"


def test_report_json_has_all_four_outcomes(run):
    code, pages, _ = run
    assert code == 1                                   # the image without a text alternative fails
    html = pages["page.html"]
    assert html["criteria"]["1.1.1"] == "fail"
    assert html["outcomes"]["image-alt"]["outcome"] == "fail"
    assert html["outcomes"]["document-title"]["outcome"] == "pass"
    assert html["outcomes"]["video-caption"]["outcome"] == "inapplicable"
    assert html["outcomes"]["frame_title"]["outcome"] == "inapplicable"
    # version 1 readers keep what they had: findings still say fail or review, nothing else
    assert {f["outcome"] for p in pages.values() for f in p["findings"]} <= {"fail", "review"}


def test_earl_asserts_each_criterion_of_each_page(run):
    _, pages, earl = run
    subjects = {s["source"].rsplit("/", 1)[-1]: s for s in earl["@graph"] if "TestSubject" in s["@type"]}
    assert set(subjects) == {"page.html", "days.svg"}
    for name, subject in subjects.items():
        said = {a["test"]["title"].split()[0]: a["result"]["outcome"] for a in subject["assertions"]}
        words = {"fail": "earl:failed", "review": "earl:cantTell", "pass": "earl:passed",
                 "inapplicable": "earl:inapplicable"}
        assert said == {sc: words[o] for sc, o in pages[name]["criteria"].items()}
