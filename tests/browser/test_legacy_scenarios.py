"""Scenario runs on legacy-style council forms (tests/fixtures/legacy): layout tables, the words in the cell
beside a field or above it with radio buttons between, text in <font> and <b>, radio and check box text in the
next cell, fields named only by a title or a placeholder, image buttons. A mouse user finds every control by
what is written on screen (visual association); Ashleigh, who does not see the page, cannot."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.journey import run_scenario
from auditor.journey.base import Actor
from auditor.journey.page import JourneyPage
from auditor.model.persona import load_personas, select
from auditor.model.scenario import load_scenario, parse_step

pytestmark = pytest.mark.browser

LEGACY = Path(__file__).resolve().parent.parent / "fixtures" / "legacy"


@pytest.fixture(scope="module")
def legacy_site(serve_directory) -> Iterator[str]:
    """The legacy fixture pages on a local port (the forms send with GET to a static 'done' page)."""
    with serve_directory(LEGACY) as url:
        yield url


@pytest.fixture(scope="module")
def personas():
    return load_personas()


def by_persona(result: dict) -> dict[str, dict]:
    return {t["persona"]: t for t in result["tasks"]}


def check_no_persona_is_left_incomplete(tasks: dict[str, dict]) -> None:
    for persona, task in tasks.items():
        assert task["outcome"] in ("completed", "struggled", "blocked"), (persona, task["summary"])
        if task["outcome"] == "blocked":
            stop = next(s for s in task["steps"] if s["outcome"] == "blocked")
            assert stop["reason"] and "on this page" not in stop["reason"], (persona, stop["reason"])
    # personas who see the page and work as a sighted mouse or keyboard user get through
    for persona in {"christopher", "saleem", "simone", "pawel"} & set(tasks):
        assert tasks[persona]["outcome"] == "completed", tasks[persona]["summary"]
    assert tasks["ashleigh"]["outcome"] == "blocked"


@pytest.mark.parametrize("name", ["permit", "pothole"])
def test_the_mouse_user_completes_legacy_forms_and_no_persona_is_left_incomplete(browser, legacy_site, personas,
                                                                                   name):
    scenario = load_scenario(str(LEGACY / f"{name}.yaml"))
    # each way of working once (Saleem, Simone and Pawel work as the mouse user does, at their own pace: the
    # command-line test below runs Pawel)
    who = select(personas, "ashleigh,christopher,claudia,ron")
    result = run_scenario(browser, scenario, who, origin=legacy_site, screenshots=False)
    assert result["errors"] == []
    assert result["baseline"]["outcome"] == "completed"
    assert len(result["baseline"]["steps"]) == len(scenario.steps)
    tasks = by_persona(result)
    check_no_persona_is_left_incomplete(tasks)
    stop = next(s for s in tasks["ashleigh"]["steps"] if s["outcome"] == "blocked")
    assert stop["reason"] == {"permit": "Ashleigh tabbed to an edit field with no name and could not tell it was "
                                        "'Name'",
                              "pothole": "Ashleigh tabbed to a radio button with no name and could not tell it was "
                                         "'Ms'"}[name]


def test_the_evidence_says_how_each_field_was_found(browser, legacy_site, personas):
    result = run_scenario(browser, load_scenario(str(LEGACY / "permit.yaml")), [], origin=legacy_site,
                          screenshots=False)
    found = {s["step"]: s.get("found", "") for s in result["baseline"]["steps"]}
    assert found['fill "Name" with "Jo Bloggs"'] == "found 'Name: *' as the text beside the field, not as its label"
    assert found['fill "Vehicle make" with "Ford"'] == "found 'Vehicle make' as the text above the field, not as " \
                                                       "its label"
    assert found['choose "Yes, I own it"'] == "found 'Yes, I own it' as the text beside the radio button, not as " \
                                              "its label"
    assert found['select "Resident" in "Permit type"'] == "found 'Permit type:' as the text beside the drop-down " \
                                                          "list, not as its label"
    assert found['choose "No"'] == "found 'No' as the text beside the radio button, not as its label"
    assert found['press "Apply now"'] == ""          # an image button's alt text is its accessible name
    elements = {s["step"]: s["element"] for s in result["baseline"]["steps"] if s["element"]}
    assert 'value="N"' in elements['choose "No"']["snippet"]          # "Yes ( ) No ( )": the text before it
    assert 'value="Y"' in elements['choose "Yes, I own it"']["snippet"]
    selectors = {s["step"]: s["element"]["selector"] for s in result["baseline"]["steps"] if s["element"]}
    # the column layout: each field goes with the words above it, not with the nearest words before it
    assert selectors['fill "Vehicle make" with "Ford"'].endswith("tr:nth-of-type(2) > td:nth-of-type(1) > input")
    assert selectors['fill "Registration number" with "EM12 XYZ"'].endswith("tr:nth-of-type(2) > td:nth-of-type(2)"
                                                                            " > input")


def test_visual_association_skips_the_radio_buttons_between_a_label_and_its_field(browser, legacy_site):
    page = browser.new_page()
    try:
        page.goto(legacy_site + "pothole.html")
        actor = Actor(JourneyPage(browser, page), "A mouse user")
        name = actor.find_sighted(parse_step('fill "Your name" with "x"')).found
        ms = actor.find_sighted(parse_step('choose "Ms"')).found
        where = actor.find_sighted(parse_step('fill "Describe where it is" with "x"')).found
        unseen = actor.find_sighted(parse_step('fill "Your name" with "x"'), visual=False)
    finally:
        page.context.close()
    assert name["tag"] == "input" and name["type"] == "text" and name["via"]["how"] == "above"
    assert ms["type"] == "radio" and ms["via"] == {"tier": 2, "how": "after", "text": "Ms"}
    assert where["tag"] == "textarea" and where["via"]["text"].startswith("Describe where it is")
    assert unseen.found is None            # by accessible name alone (Ashleigh), the field is not there


def test_the_table_form_on_the_command_line_with_a_step_no_one_could_do(personas, legacy_site, tmp_path, capsys):
    """Ashleigh's stop on the table form links to the audit's finding on the same field, Pawel (slow, sighted)
    completes it; a second scenario on the same page with a step whose text is nowhere exits 2, nearest names
    listed."""
    typo = tmp_path / "typo.yaml"
    typo.write_text("id: typo\ntitle: t\nbrief: b\nstart: http://127.0.0.1:8000/permit.html\nsteps:\n"
                    '  - fill "Postcode" with "EM1 2AB"\n  - fill "Nmae" with "Jo Bloggs"\n', "utf-8")
    out = tmp_path / "out"
    code = main([legacy_site, "--scenario", str(LEGACY / "permit.yaml"), "--scenario", str(typo), "--out", str(out),
                 "--format", "json", "--fail-on", "none", "--concurrency", "1", "--no-screenshots",
                 "--persona", "ashleigh,pawel"])
    err = capsys.readouterr().err
    assert code == 2
    assert "typo.yaml:7: steps: no text field called 'Nmae' on this page (nearest on the page: 'Name: *'" in err
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert [(e["scenario"], e["line"]) for e in report["scenario_errors"]] == [("typo", 7)]
    page = next(p for p in report["pages"] if p.get("tasks"))
    assert page["baselines"][0]["outcome"] == "completed"
    tasks = by_persona({"tasks": [t for t in page["tasks"] if t["scenario"] == "permit"]})
    assert set(tasks) == {"ashleigh", "pawel"}
    check_no_persona_is_left_incomplete(tasks)
    stop = next(s for s in tasks["ashleigh"]["steps"] if s["outcome"] == "blocked")
    assert stop["reason"] == "Ashleigh tabbed to an edit field with no name and could not tell it was 'Name'"
    assert stop["finding"]["rule"] in ("label", "control_name")
    linked = [f for f in page["findings"] if f["id"] == stop["finding"]["id"]]
    assert len(linked) == 1 and 'name="txtName"' in linked[0]["snippet"]
