"""Scenario files: step parsing, name matching, and exact validation messages."""

from __future__ import annotations

import pytest

from auditor.commands.validate import validate
from auditor.errors import UsageError
from auditor.model.scenario import Step, load_scenario, load_scenarios, names_match, parse_step


@pytest.mark.parametrize("line, step", [
    ("go to /start", Step("go to", "/start", "", "go to /start")),
    ('press "Start now"', Step("press", "Start now", "", 'press "Start now"')),
    ('fill "Postcode" with "E8 1DY"', Step("fill", "Postcode", "E8 1DY", 'fill "Postcode" with "E8 1DY"')),
    ('choose "Garden waste"', Step("choose", "Garden waste", "", 'choose "Garden waste"')),
    ('check "The lid was closed"', Step("check", "The lid was closed", "", 'check "The lid was closed"')),
    ('uncheck "The lid was closed"', Step("uncheck", "The lid was closed", "", 'uncheck "The lid was closed"')),
    ('select "Tuesday" in "Collection day"', Step("select", "Collection day", "Tuesday",
                                                  'select "Tuesday" in "Collection day"')),
    ('expect text "Check your answers"', Step("expect text", "Check your answers", "",
                                              'expect text "Check your answers"')),
    ("expect url /done", Step("expect url", "/done", "", "expect url /done")),
    ("wait 2", Step("wait", "", "2", "wait 2")),
    ('  Press   "Start now" ', Step("press", "Start now", "", 'Press "Start now"')),
])
def test_steps_parse(line, step):
    assert parse_step(line) == step


@pytest.mark.parametrize("line, message", [
    ('presss "Start now"', "unknown step 'presss \"Start now\"' (did you mean 'press'? expected one of: go to, "
                           "press, fill, choose, check, uncheck, select, expect text, expect url, wait)"),
    ('click "Start now"', "unknown step 'click \"Start now\"' (did you mean 'press'? expected one of: go to, press, fill, choose, check, "
                          "uncheck, select, expect text, expect url, wait)"),
    ("fill Postcode with E8 1DY", "'fill Postcode with E8 1DY': put names and values in double quotes "
                                  "(expected fill \"NAME\" with \"VALUE\")"),
    ('fill "Postcode" "E8 1DY"', "'fill \"Postcode\" \"E8 1DY\"' is not written the way this step is "
                                 "(expected fill \"NAME\" with \"VALUE\")"),
    ('press ""', "'press \"\"' has an empty name (expected press \"NAME\" (a button or link))"),
    ("wait 600", "'wait 600' waits too long (expected wait SECONDS (at most 60))"),
])
def test_bad_steps_say_what_was_meant(line, message):
    assert parse_step(line) == message


@pytest.mark.parametrize("wanted, actual, same", [
    ("Name", "Name:", True), ("postcode", "Postcode", True), ("Full  name", "Full name *", True),
    ("Continue", "Continue ›", False), ("Name", "Full name", False), ("Name", "", False),
])
def test_names_match_as_a_person_says_them(wanted, actual, same):
    assert names_match(wanted, actual) is same


def test_shipped_scenarios_are_valid_and_run_on_both_versions():
    scenarios = load_scenarios()
    assert len(scenarios) >= 2
    for s in scenarios.values():
        assert s.steps and s.brief
        a = s.start_url("http://127.0.0.1:8000/", version="accessible")
        i = s.start_url("http://127.0.0.1:8000/", version="inaccessible")
        assert a.replace("/accessible/", "/inaccessible/") == i


def test_origin_replaces_the_start_origin():
    s = load_scenarios()["missed-bin"]
    assert s.start_url("http://127.0.0.1:8000/", origin="https://bins.example.gov.uk") == \
        "https://bins.example.gov.uk/accessible/start"


def test_every_error_of_a_scenario_at_once(tmp_path, monkeypatch):
    d = tmp_path / "scenarios"
    d.mkdir()
    (d / "broken.yaml").write_text(
        'id: broken\ntitle: Broken\nbreif: Do it\nstart: ftp://x\nsteps:\n'
        '  - press "Start now"\n  - presss "Continue"\n  - fill Postcode with E8\n')
    monkeypatch.chdir(tmp_path)
    problems, _ = validate([str(d)])
    assert [str(p) for p in problems] == [
        "scenarios/broken.yaml:1: brief: is missing (expected text)",
        "scenarios/broken.yaml:3: breif: unknown key (did you mean 'brief'?)",
        "scenarios/broken.yaml:4: start: 'ftp://x' is not valid (expected a URL starting http:// or https://, "
        "or demo:accessible/PATH)",
        "scenarios/broken.yaml:7: steps[1]: unknown step 'presss \"Continue\"' (did you mean 'press'? expected "
        "one of: go to, press, fill, choose, check, uncheck, select, expect text, expect url, wait)",
        "scenarios/broken.yaml:8: steps[2]: 'fill Postcode with E8': put names and values in double quotes "
        "(expected fill \"NAME\" with \"VALUE\")",
    ]


def test_unknown_scenario_id_suggests_one():
    with pytest.raises(UsageError) as err:
        load_scenario("missed-bins")
    assert "did you mean 'missed-bin'?" in str(err.value)
