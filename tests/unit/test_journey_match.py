"""Which control a step means (auditor.journey.match): roles per verb, tiers, ambiguity. No browser."""

from __future__ import annotations

from auditor.journey.match import dedupe, fits, other_roles_hint, pick
from auditor.model.scenario import names_match


def cand(mark: str, role: str = "button", name: str = "Continue", selector: str = "") -> dict:
    return {"mark": mark, "role": role, "name": name, "selector": selector or f"#c{mark}"}


def test_the_first_tier_with_a_match_decides():
    found = pick("press", "Continue", [[cand("1")], [cand("2", role="")]])
    assert found.found["mark"] == "1" and not found.error


def test_the_sighted_tier_is_used_when_the_accessible_name_finds_nothing():
    found = pick("press", "Continue", [[], [cand("2", role="generic")]])
    assert found.found["mark"] == "2"


def test_several_distinct_elements_are_ambiguous():
    m = pick("press", "Continue", [[cand("1"), cand("2", role="link")]])
    assert m.found is None and len(m.ambiguous) == 2
    assert m.error == "'Continue' is ambiguous: 2 button or links match (button 'Continue' at #c1, link 'Continue' " \
                      "at #c2); name it so that only one matches"


def test_the_same_element_found_twice_is_not_ambiguous():
    assert pick("fill", "Postcode", [[cand("1", "textbox", "Postcode"), cand("1", "textbox", "Postcode")]]).found
    assert [c["mark"] for c in dedupe([cand("1"), cand("2"), cand("1")])] == ["1", "2"]


def test_nothing_found():
    assert pick("fill", "Postcode", [[], []]).error == "no text field called 'Postcode' on this page"


def test_roles_fit_verbs():
    assert fits("press", "link") and fits("press", "button") and not fits("press", "textbox")
    assert fits("fill", "textbox") and fits("fill", "combobox", "input")
    assert not fits("fill", "combobox", "select")           # a native drop-down is not filled
    assert fits("select", "combobox", "select") and not fits("select", "combobox", "input")
    assert fits("choose", "radio") and not fits("choose", "checkbox")
    assert fits("check", "checkbox") and fits("uncheck", "switch")


def test_hint_names_the_role_the_name_belongs_to():
    nodes = [("link", "Continue"), ("StaticText", "Continue"), ("heading", "Other")]
    assert other_roles_hint("choose", "continue:", nodes) == \
        " (there is a link called 'continue:': is the step's verb right?)"
    assert other_roles_hint("press", "Continue", [("button", "Continue")]) == ""


def test_names_match_as_a_person_says_them():
    assert names_match("Name", "Name:") and names_match("full NAME", "  Full   name * ")
    assert not names_match("Name", "Full name") and not names_match("Name", "")
