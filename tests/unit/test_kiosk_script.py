"""Rehearsal scripts: a good one loads; bad ones list every problem as file:line: key: message."""

import textwrap

import pytest

from auditor.errors import UsageError
from kiosk.script import load_script


def write(tmp_path, text):
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_a_good_script(tmp_path):
    path = write(tmp_path, """
        persona: christopher
        scenario: missed-bin
        version: inaccessible
        expect_finished: true
        events:
          - key: Tab
          - key: shift+Tab
          - type: "E8 1DY"
          - click: [640, 400]
          - wait: 0.5
          - screenshot: after-tab
    """)
    script = load_script(path)
    assert (script.persona, script.scenario, script.version, script.size, script.expect_finished) == \
        ("christopher", "missed-bin", "inaccessible", (1280, 800), True)
    assert [(e.kind, e.value, e.line) for e in script.events] == [
        ("key", "Tab", 6), ("key", "shift+Tab", 7), ("type", "E8 1DY", 8), ("click", (640, 400), 9),
        ("wait", 0.5, 10), ("screenshot", "after-tab", 11)]


def test_every_problem_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, """
        scenario: missed-bin
        version: old
        colour: red
        events:
          - key: Tabb
          - click: [1, -2]
          - wait: 100
          - screenshot: ../x
          - screenshot: a
          - screenshot: a
          - hover: [1, 2]
          - Tab
    """)
    with pytest.raises(UsageError) as err:
        load_script(path)
    assert str(err.value).splitlines() == [
        f"{path}:1: scenario: a script that starts at the live task needs a persona too",
        f"{path}:2: version: 'old' is not allowed (expected one of: accessible, inaccessible)",
        f"{path}:3: colour: unknown key (expected one of: persona, scenario, version, size, expect_finished, events)",
        f"{path}:5: events[0].key: unknown key 'Tabb' (use a name such as Tab, Enter, Escape, ArrowDown, F10, Control or "
        "one character)",
        f"{path}:6: events[1].click: expected [x, y] in window pixels, e.g. [640, 400]",
        f"{path}:7: events[2].wait: expected a number of seconds from 0 to 60",
        f"{path}:8: events[3].screenshot: expected a file name of letters, digits, '-', '_' or '.' (no folders)",
        f"{path}:10: events[5].screenshot: screenshot name 'a' is used twice",
        f"{path}:11: events[6].hover: unknown event (use key, type, click, wait, wait_for, screenshot)",
        f"{path}:12: events[7]: expected one of key: ..., type: ..., click: ..., wait: ..., wait_for: ..., screenshot: ...",
    ]


def test_not_yaml_and_missing_events(tmp_path):
    with pytest.raises(UsageError, match=r"s.yaml:2: \(document\): could not read the YAML: found character '\\t'"):
        load_script(write(tmp_path, "persona: christopher\n\tevents: []\n"))
    with pytest.raises(UsageError, match=r"s.yaml:1: events: is missing \(expected a list"):
        load_script(write(tmp_path, "persona: christopher\n"))
    with pytest.raises(UsageError, match=r"nope.yaml: \(document\): cannot be read"):
        load_script(tmp_path / "nope.yaml")


def test_wait_for_takes_text(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text('persona: ashleigh\nscenario: s\nevents:\n  - wait_for: "Find your address"\n  - wait_for: ""\n',
                    encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_script(path)
    assert str(err.value) == f'{path}:5: events[1].wait_for: expected text in quotes, e.g. "Find your address"'
    path.write_text('persona: ashleigh\nscenario: s\nevents:\n  - wait_for: "Find your address"\n', encoding="utf-8")
    assert [(e.kind, e.value) for e in load_script(path).events] == [("wait_for", "Find your address")]


def test_a_script_may_name_a_scenario_file_as_well_as_an_id(tmp_path):
    """How a facilitator rehearses a team's own service (docs/lab.md): ``scenario: lab/renew-permit.yaml``."""
    for spec in ("lab/renew-permit.yaml", "renew-permit.yml", "/abs/path/task.yaml", "missed-bin-quick"):
        path = write(tmp_path, f"persona: christopher\nscenario: {spec}\nevents:\n  - key: Tab\n")
        assert load_script(path).scenario == spec
    path = write(tmp_path, "persona: christopher\nscenario: Not An Id\nevents:\n  - key: Tab\n")
    with pytest.raises(UsageError, match="a scenario id, or the path to a scenario file"):
        load_script(path)
