"""Unit tests for the ``key_shortcuts`` probe (WCAG 2.1.4, F99, ACT ffbc54) on hand-built ``shortcuts`` artifacts,
and for the key events the gatherer sends."""

from __future__ import annotations

import pytest

from auditor.gatherers.shortcuts import KEYS, changed, key_events
from auditor.probes import key_shortcuts
from auditor.probes.base import AuditParams

PARAMS = AuditParams()


def artifact(shortcuts=(), controls=(), **extra) -> dict:
    data = {"listening": ["document"], "tested": True, "focus_held": False, "any_key": False, "navigated": None,
            "shortcuts": list(shortcuts), "toggles": [], "controls": [{"selector": f"#c{i}", "name": n}
                                                                      for i, n in enumerate(controls)],
            "keys_pressed": len(KEYS), "cost_ms": 400}
    data.update(extra)
    return {"shortcuts": data}


def shortcut(key: str, off_by=None, **extra) -> dict:
    data = {"key": key, "changes": [{"kind": "added", "selector": "#list", "text": "milk"}], "focus": None,
            "scroll": None, "off_by": off_by}
    data.update(extra)
    return data


def toggle(visible: bool, name="Turn single-key shortcuts off") -> dict:
    return {"selector": "#off", "name": name, "visible": visible, "snippet": "<input type=checkbox id=off>"}


def test_a_key_that_changes_the_page_with_nothing_to_turn_it_off_fails():
    [finding] = key_shortcuts.check(artifact([shortcut("+")], controls=["Add to list"]), PARAMS)
    assert (finding.rule, finding.outcome) == ("key_shortcuts", "fail")
    assert "'+'" in finding.message and "added content to #list" in finding.message
    assert finding.evidence["keys"] == ["+"]


def test_a_visible_toggle_that_turns_the_key_off_passes():
    assert key_shortcuts.check(artifact([shortcut("+", off_by=toggle(True))]), PARAMS) == []
    assert key_shortcuts.applies(artifact([shortcut("+", off_by=toggle(True))]), PARAMS)


def test_a_hidden_way_off_fails_unless_a_control_says_where_settings_are():
    hidden = [shortcut("+", off_by=toggle(False))]
    [fail] = key_shortcuts.check(artifact(hidden, controls=["Open modal", "Add to list"]), PARAMS)
    assert fail.outcome == "fail" and "hidden" in fail.message
    [review] = key_shortcuts.check(artifact(hidden, controls=["Control shortcuts"]), PARAMS)
    assert review.outcome == "review" and "'Control shortcuts'" in review.message


@pytest.mark.parametrize("name, outcome", [
    ("Keyboard shortcuts", "review"), ("Settings", "review"), ("Site preferences", "review"),
    ("Access keys", "review"), ("Accessibility statement", "fail"), ("Help", "fail"), ("Cookie settings", "fail"),
])
def test_a_control_pointing_to_settings_makes_an_unmet_key_a_review(name, outcome):
    """Footers' "Help", "Accessibility statement" and "Cookie settings" say nothing about where shortcuts are set."""
    [finding] = key_shortcuts.check(artifact([shortcut("j")], controls=["Home", name]), PARAMS)
    assert finding.outcome == outcome


def test_focus_moved_by_a_key_is_named_and_is_the_element():
    moved = shortcut("/", changes=[], focus={"selector": "#search", "tag": "input", "snippet": "<input id=search>"})
    [finding] = key_shortcuts.check(artifact([moved]), PARAMS)
    assert "moved focus to input #search" in finding.message and finding.selector == "#search"


def test_several_keys_are_one_finding_naming_them():
    keys = [shortcut(k) for k in "jkgn?/x"]
    [finding] = key_shortcuts.check(artifact(keys), PARAMS)
    assert "'j', 'k', 'g', 'n', '?' and '/' and 1 more" in finding.message
    assert finding.evidence["keys"] == list("jkgn?/x")


def test_nothing_to_judge():
    assert key_shortcuts.check(artifact([]), PARAMS) == []
    assert key_shortcuts.applies(artifact([]), PARAMS)        # listened, pressed, nothing changed
    untested = artifact([], listening=[], tested=False)
    assert key_shortcuts.check(untested, PARAMS) == [] and not key_shortcuts.applies(untested, PARAMS)
    assert key_shortcuts.check({}, PARAMS) == [] and not key_shortcuts.applies({}, PARAMS)
    assert key_shortcuts.check({"shortcuts": {"error": "boom"}}, PARAMS) == []


def test_a_page_that_changes_for_a_modifier_alone_is_not_judged():
    any_key = artifact([shortcut("a")], any_key=True)
    assert key_shortcuts.check(any_key, PARAMS) == [] and not key_shortcuts.applies(any_key, PARAMS)


def test_a_key_that_navigated_is_a_review():
    [finding] = key_shortcuts.check(artifact([], navigated=["a", "b"]), PARAMS)
    assert finding.outcome == "review" and finding.evidence["keys"] == ["a", "b"]


def test_key_events_are_printable_keys_without_modifiers():
    assert len(KEYS) == len(set(KEYS)) == 26 + 10 + 32
    down, up = key_events("+")
    assert down[1]["type"] == "keyDown" and down[1]["text"] == "+" and down[1]["modifiers"] == 0
    assert (down[1]["code"], down[1]["windowsVirtualKeyCode"]) == ("Equal", 187)
    assert up[1]["type"] == "keyUp" and "text" not in up[1]
    assert key_events("m")[0][1]["windowsVirtualKeyCode"] == 77 and key_events("(")[0][1]["code"] == "Digit9"
    assert all(key_events(k) for k in KEYS)
    assert changed({"changes": [], "focus": None, "scroll": [0, 40]}) and not changed({"changes": []})
