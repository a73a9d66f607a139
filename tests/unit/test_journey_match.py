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


def test_evidence_says_how_a_sighted_person_found_the_control():
    from auditor.journey.match import evidence

    assert evidence("fill", {"how": "beside", "text": "Name:"}) == \
        "found 'Name:' as the text beside the field, not as its label"
    assert evidence("choose", {"how": "after", "text": "Yes"}) == \
        "found 'Yes' as the text beside the radio button, not as its label"
    assert evidence("select", {"how": "above", "text": "Permit  type"}) == \
        "found 'Permit type' as the text above the drop-down list, not as its label"
    assert evidence("press", {"how": "text", "text": "Continue"}) == \
        "found 'Continue' as text that looks clickable, not as a button or link"
    assert evidence("fill", None, "Postcode", "placeholder") == \
        "found 'Postcode' as the field's placeholder, not as its label"
    assert evidence("fill", None, "Phone", "title") == "found 'Phone' as the field's title (a tooltip), not as its label"
    assert evidence("fill", None, "Postcode", "label") == ""       # found by its label: nothing to say


def test_nearest_names_rank_by_likeness_and_leave_out_the_name_itself():
    from auditor.journey.match import nearest

    names = ["Surname", "Name: *", "Email address", "name", "Postcode", "Your name", "Nmae"]
    assert nearest("Nmae", names) == ["Name: *", "Surname", "Your name"]    # 'name' is the same as 'Name: *'
    assert nearest("x", []) == []


def test_a_step_no_one_could_do_lists_the_nearest_or_says_the_text_goes_with_nothing():
    from auditor.journey.match import not_found

    assert not_found("fill", "Nmae", ["Name:", "Address:"], ["Apply now", "Postcode"]) == \
        "no text field called 'Nmae' on this page (nearest on the page: 'Name:', 'Address:', 'Postcode')"
    assert not_found("fill", "Address", ["Address:"], []) == "'Address' is on this page, but no text field goes with it"
    assert not_found("press", "Go", [], []) == "no button or link called 'Go' on this page"


def test_who_may_use_visual_association_follows_from_the_persona_settings():
    from dataclasses import replace

    from auditor.journey.base import Actor
    from auditor.model.persona import load_personas

    personas = load_personas()
    assert not personas["ashleigh"].sees_page                                  # screen curtain
    assert all(p.sees_page for k, p in personas.items() if not p.simulation.screen_curtain)
    low_vision_reader = replace(personas["ashleigh"], simulation=replace(personas["ashleigh"].simulation,
                                                                         screen_curtain=False))
    assert low_vision_reader.sees_page
    assert Actor(None, "A mouse user").sees_page                               # the baseline
    assert not Actor(None, "Ashleigh", personas["ashleigh"]).sees_page
    assert Actor(None, "Christopher", personas["christopher"]).sees_page
