"""The pytest plugin in a team's own Playwright suite (pytester): docs/pytest.md's example runs as written,
with pytest-playwright's `page` fixture on this machine's Chromium; each check lands in one report in every
format; a failure fails its test with the personas' sentences; the plugin does nothing in a run that does not
call it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
pytest_plugins = ["pytester"]

DOC = Path(__file__).resolve().parents[2] / "docs" / "pytest.md"


def python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", DOC.read_text("utf-8"), re.M | re.S)


BAD = """
import empathy_lab


def test_stops_at_the_failure(page, empathy_lab_demo_url):
    page.goto(empathy_lab_demo_url + "inaccessible/start")
    empathy_lab.check(page, personas="christopher")
    raise AssertionError("not reached")


def test_a_threshold_of_none_never_fails(page, empathy_lab_demo_url):
    page.goto(empathy_lab_demo_url + "inaccessible/start")
    empathy_lab.check(page, personas="christopher", fail_on="none", label="relaxed")
    raise AssertionError("reached")
"""


def test_the_docs_example_runs_and_failures_fail_their_tests(pytester):
    """One session (one browser start): docs/pytest.md's two files as written, and a file of failing tests."""
    test, conftest = python_blocks()
    pytester.makepyfile(test_missed_bin=test, test_bad=BAD)
    pytester.makeconftest(conftest)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--empathy-lab-report", "journeys",
                                           timeout=600)
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.re_match_lines([r"Empathy Lab: 5 checks, \d+ failures in all; report: journeys"])
    text = result.stdout.str()
    stopped = text[text.index("test_stops_at_the_failure"):]
    assert "AccessibilityFailure: Empathy Lab:" in stopped and "at or above 'serious'" in stopped
    assert re.search(r"  - Christopher .+ \[[\w-]+, (critical|serious), WCAG [\d.]+", stopped)
    assert "not reached" not in text and "AssertionError: reached" in text

    out = pytester.path / "journeys"
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.json", "summary.md", "junit.xml",
                                               "report.sarif"}
    report = json.loads((out / "report.json").read_text())
    checks = [p["check"] for p in report["pages"]]
    assert checks == ["test_bad.py::test_stops_at_the_failure[chromium]", "relaxed",
                      "test_missed_bin.py::test_find_your_address[chromium]",
                      "test_missed_bin.py::test_find_your_address[chromium]",
                      "test_missed_bin.py::test_the_inaccessible_version_fails_for_christopher[chromium]"]
    _, _, filled, found, bad = report["pages"]
    assert "/accessible/" in filled["url"] and "/inaccessible/" in bad["url"]
    assert found["verdicts"]["christopher"]["verdict"] == "can use"
    assert any(f["outcome"] == "fail" for f in bad["findings"])
    assert {p["id"] for p in report["personas"]} == {"christopher", "claudia"}


def test_the_plugin_is_off_unless_used(pytester):
    pytester.makepyfile(test_plain="def test_nothing():\n    assert True\n")
    # no browser, no demo service, no report folder: nothing was checked
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--empathy-lab-report", "out")
    result.assert_outcomes(passed=1)
    assert "Empathy Lab" not in result.stdout.str() and not (pytester.path / "out").exists()
