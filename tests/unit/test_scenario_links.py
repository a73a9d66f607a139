"""A persona's step that is not ok links to the audit's name finding on the same element
(auditor.commands.scenario_run.link_findings). No browser."""

from __future__ import annotations

from auditor.commands.scenario_run import link_findings
from auditor.journey.base import start_tag

PAGE = "http://127.0.0.1:8123/permit.html"


def finding(rule: str, selector: str, snippet: str, fid: str = "f1") -> dict:
    return {"rule": rule, "selector": selector, "snippet": snippet, "id": fid, "message": "Ashleigh hears 'edit text'"}


def task(element: dict, outcome: str = "blocked", page: str = PAGE + "?x=1") -> dict:
    return {"steps": [{"step": 'fill "Name" with "Jo"', "line": 7, "outcome": outcome, "element": element,
                       "url": page}]}


def test_the_start_tag_drops_the_runs_own_mark():
    assert start_tag('<input type="text" data-elab-j="4" name="txtName">…') == '<input type="text" name="txtName">'


def test_links_by_selector_then_by_the_same_start_tag():
    pages = [{"url": "http://127.0.0.1:9999/permit.html",
              "findings": [finding("label", "input[name=txtName]", '<input type="text" name="txtName" size="30">'),
                           finding("color-contrast", "td", "<td>", "f2")]}]
    t = task({"selector": "html > body > input", "role": "textbox", "name": "",
              "snippet": '<input type="text" name="txtName" size="30">'})
    link_findings(t, pages)
    assert t["steps"][0]["finding"] == {"id": "f1", "rule": "label", "message": "Ashleigh hears 'edit text'"}


def test_no_link_for_ok_steps_other_rules_other_pages_or_two_candidates():
    pages = [{"url": PAGE, "findings": [finding("label", "#a", "<input>"), finding("label", "#b", "<input>", "f2"),
                                        finding("image-alt", "#c", "<img>", "f3")]}]
    for t in (task({"selector": "#a"}, outcome="ok"), task({"selector": "#c"}),
              task({"selector": "#a"}, page="http://127.0.0.1/other.html"), task({"selector": "#z", "snippet": "<input>"})):
        link_findings(t, pages)
        assert "finding" not in t["steps"][0]
