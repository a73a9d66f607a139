"""Scenario runs on both versions of the bundled demo service, in headless Chromium (auditor.journey)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.journey import run_scenario
from auditor.journey.base import Actor
from auditor.journey.keyboard import KeyboardActor
from auditor.journey.page import JourneyPage
from auditor.journey.verdict import StepResult
from auditor.model.persona import load_personas, select
from auditor.model.scenario import load_scenario, parse_step

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def personas():
    return load_personas()


def by_persona(result: dict) -> dict[str, dict]:
    return {t["persona"]: t for t in result["tasks"]}


def first_not_ok(task: dict) -> dict:
    return next(s for s in task["steps"] if s["outcome"] != "ok")


def test_every_persona_completes_the_short_task_on_the_accessible_version(browser, demo_server, personas):
    result = run_scenario(browser, load_scenario("missed-bin-quick"), list(personas.values()),
                          demo_base=demo_server.url, version="accessible")
    assert result["errors"] == [] and result["baseline"]["outcome"] == "completed"
    assert result["baseline"]["clicks"] == 6
    tasks = by_persona(result)
    assert set(tasks) == set(personas)
    assert {p: t["outcome"] for p, t in tasks.items()} == {p: "completed" for p in tasks}
    christopher = tasks["christopher"]["summary"]
    assert christopher.startswith("Christopher needed ") and christopher.endswith(" key presses where a mouse user "
                                                                                  "needed 6 clicks")
    heard = [p for s in tasks["ashleigh"]["steps"] for p in (s.get("transcript") or [])]
    assert "Postcode, edit text, For example, E8 1DY" in heard
    assert all(s["element"]["name"] == "Continue" for s in tasks["ashleigh"]["steps"] if s["step"] == 'press "Continue"')


def test_keyboard_and_screen_reader_complete_the_full_journey_on_the_accessible_version(browser, demo_server, personas):
    result = run_scenario(browser, load_scenario("missed-bin"), select(personas, "christopher,ashleigh"),
                          demo_base=demo_server.url, version="accessible", screenshots=False)
    assert result["errors"] == []
    tasks = by_persona(result)
    assert tasks["christopher"]["outcome"] == "completed", tasks["christopher"]["summary"]
    assert tasks["ashleigh"]["outcome"] == "completed", tasks["ashleigh"]["summary"]
    assert len(tasks["christopher"]["steps"]) == len(load_scenario("missed-bin").steps)
    assert tasks["christopher"]["cost"]["keys"] > result["baseline"]["clicks"]


def test_inaccessible_version_stops_each_persona_for_their_own_reason(browser, demo_server, personas):
    result = run_scenario(browser, load_scenario("missed-bin-quick"), select(personas, "christopher,ashleigh,claudia"),
                          demo_base=demo_server.url, version="inaccessible")
    assert result["errors"] == [] and result["baseline"]["outcome"] == "completed"   # a mouse user gets through
    tasks = by_persona(result)
    assert all(t["outcome"] == "blocked" for t in tasks.values())

    stop = first_not_ok(tasks["christopher"])
    assert stop["step"] == 'press "Continue"' and stop["outcome"] == "blocked"
    assert "all the way round the page, and never reached 'Continue'" in stop["reason"]
    assert stop["element"]["selector"] == "#continue" and stop["screenshot"]

    placeholder, fake = [s for s in tasks["ashleigh"]["steps"] if s["outcome"] != "ok"]
    assert placeholder["outcome"] == "struggled"
    assert placeholder["reason"].startswith("Ashleigh hears 'Postcode, edit text' only from its placeholder")
    assert fake["outcome"] == "blocked"
    assert fake["reason"] == "Ashleigh hears 'Continue' as plain text, not as a button or link, and cannot press it"
    assert "Continue" in fake["transcript"]

    stop = first_not_ok(tasks["claudia"])
    assert stop["step"] == 'press "Start now"' and stop["outcome"] == "blocked"
    assert stop["reason"].startswith("Claudia has to scroll sideways to find 'Start now': the page is 960 px wide")


def test_slow_reader_loses_the_session_only_on_the_inaccessible_version(browser, demo_server, personas):
    pawel = select(personas, "pawel")
    bad = by_persona(run_scenario(browser, load_scenario("missed-bin"), pawel, demo_base=demo_server.url,
                                  version="inaccessible", screenshots=False))["pawel"]
    assert bad["outcome"] == "blocked"
    stop = first_not_ok(bad)
    assert stop["reason"].startswith("Pawel's session ran out after 12")
    assert "everything entered was lost" in stop["reason"]
    assert stop["cost"]["seconds"] >= 30
    quick = load_scenario("missed-bin-quick")
    good = by_persona(run_scenario(browser, quick, pawel, demo_base=demo_server.url, version="accessible",
                                   screenshots=False))["pawel"]
    assert good["outcome"] == "completed", good["summary"]
    assert good["cost"]["seconds"] >= 30 * len(quick.steps)


def test_date_picker_traps_the_keyboard(browser, demo_server):
    page = browser.new_page()
    try:
        page.goto(demo_server.url + "inaccessible/postcode")
        page.fill("#pc", "E8 1DY")
        page.click("#continue")
        page.wait_for_url("**/address")
        page.select_option("#addr", index=1)
        page.click("input[type=submit]")
        page.wait_for_url("**/missed")
        page.check("input[value=garden]")
        page.click("input[type=submit]")
        page.wait_for_url("**/date")
        christopher = KeyboardActor(JourneyPage(browser, page), "Christopher")
        day, month = StepResult('fill "Day" with "3"', 1, "fill"), StepResult('fill "Month" with "3"', 2, "fill")
        christopher.do(parse_step('fill "Day" with "3"'), day)
        christopher.do(parse_step('fill "Month" with "3"'), month)
    finally:
        page.context.close()
    assert day.outcome == "ok"
    assert month.outcome == "blocked"
    assert re.search(r"^Christopher pressed Tab \d+ times and got stuck: focus went round the same \d+ things",
                     month.reason)
    assert month.reason.endswith("never reached 'Month'")
    assert month.cost.keys <= 40


def test_a_name_that_matches_nothing_is_a_scenario_error(browser, demo_server, personas, tmp_path: Path):
    path = tmp_path / "bad-name.yaml"
    path.write_text('id: bad-name\ntitle: t\nbrief: b\nstart: demo:accessible/start\nsteps:\n'
                    '  - press "Start now"\n  - press "Begin"\n  - fill "Postcode" with "E8 1DY"\n', "utf-8")
    result = run_scenario(browser, load_scenario(str(path)), select(personas, "saleem"), demo_base=demo_server.url,
                          screenshots=False)
    assert [(e["line"], e["step"]) for e in result["errors"]] == [(7, 'press "Begin"')]
    message = result["errors"][0]["message"]
    assert message.startswith("no button or link called 'Begin' on this page (nearest on the page: '")
    assert message.count("', '") == 2           # the three nearest names or texts
    task = result["tasks"][0]
    assert task["outcome"] == "incomplete" and [s["step"] for s in task["steps"]] == ['press "Start now"']


def test_sighted_matching_finds_the_fake_button_but_the_tree_does_not(browser, demo_server):
    page = browser.new_page()
    try:
        page.goto(demo_server.url + "inaccessible/postcode")
        actor = Actor(JourneyPage(browser, page), "A mouse user")
        match = actor.find_sighted(parse_step('press "Continue"'))
        field = actor.find_sighted(parse_step('fill "Postcode" with "x"'))
    finally:
        page.context.close()
    assert match.found["selector"] == "#continue" and match.found["role"] in ("", "generic")
    assert field.found["selector"] == "#pc" and field.found["name_from"] == "placeholder"
