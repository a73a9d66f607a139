"""The screen-reader parity comparison (benchmarks/sr_compare.py): vocabulary may differ, the element, name,
role, states and value may not. Examples are Orca 43's own words on Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))

from auditor.model.axnode import AXNode  # noqa: E402
from auditor.model.phrasing import phrase  # noqa: E402
from sr_compare import compare, element_speech, same_place, say_all_reached  # noqa: E402

POSTCODE = AXNode(role="textbox", name="Postcode", description="For example, E8 1DY")
ORCA_POSTCODE = ["form", "Postcode entry.", "For example, E8 1DY.", "Focus mode"]


def test_same_field_in_other_words_agrees():
    verdict = compare(phrase(POSTCODE), POSTCODE, ORCA_POSTCODE)
    assert phrase(POSTCODE) == "Postcode, edit text, For example, E8 1DY"
    assert verdict.agree, verdict


def test_a_button_is_a_push_button():
    button = AXNode(role="button", name="Continue")
    assert compare(phrase(button), button, ["Continue push button."]).agree


def test_a_value_the_field_does_not_have_is_a_disagreement():
    verdict = compare("Postcode, edit text, E8 1DY, For example, E8 1DY", POSTCODE, ORCA_POSTCODE)
    assert not verdict.agree
    assert verdict.missing == ["E8 1DY"]


def test_a_phrase_naming_the_wrong_element_is_a_disagreement():
    wrong = AXNode(role="link", name="Back")
    verdict = compare(phrase(wrong), wrong, ["Continue push button."])
    assert not verdict.agree and verdict.differs == ["element"]
    # the right role but the name of something else (the hint instead of the label)
    verdict = compare("For example, E8 1DY, edit text", POSTCODE, ["Postcode entry."])
    assert not verdict.agree and "name" in verdict.differs


def test_a_missing_or_extra_state_is_a_disagreement():
    box = AXNode(role="checkbox", name="I agree", states={"checked": False})
    assert compare(phrase(box), box, ["I agree check box not checked."]).agree
    verdict = compare(phrase(box), box, ["I agree check box checked."])
    assert not verdict.agree and verdict.differs == ["state"]
    required = AXNode(role="textbox", name="Full name", states={"required": True})
    verdict = compare("Full name, edit text", required, ["Full name entry required."])
    assert not verdict.agree and verdict.differs == ["state"]


def test_radio_states_and_position_in_orcas_words():
    radio = AXNode(role="radio", name="3 months", states={"checked": True}, posinset=1, setsize=2)
    assert phrase(radio) == "3 months, radio button, checked, 1 of 2"
    assert compare(phrase(radio), radio, ["Permit length panel.", "3 months.", "selected radio button"]).agree


def test_context_and_mode_words_are_not_the_elements():
    assert element_speech(["Wrapping to top.", "main content", "Remove this item? dialog", "Remove push button.",
                           "leaving list.", "Browse mode"]) == ["Remove push button."]


def test_a_native_select_is_a_design_difference_reported_apart():
    select = AXNode(role="combobox", name="Parking zone", value="Zone B", states={"expanded": False})
    verdict = compare(phrase(select), select, ["Parking zone combo box.", "Zone B.", "opens menu"])
    assert verdict.agree and verdict.design


def test_say_all_is_followed_in_order_with_roles():
    stops = [("Find your address, heading level 1", AXNode(role="heading", name="Find your address", level=1)),
             ("We use your address.", AXNode(role="StaticText", name="We use your address.")),
             ("Continue, button", AXNode(role="button", name="Continue"))]
    orca = ["Find your address", "heading level 1", "We use your address.", "Continue", "push button"]
    assert [ok for ok, _ in say_all_reached(stops, orca)] == [True, True, True]
    wrong_role = ["Find your address", "heading level 1", "We use your address.", "Continue", "link"]
    assert [ok for ok, _ in say_all_reached(stops, wrong_role)] == [True, True, False]
    # text of two blocks without a space between them in the DOM comes to Orca as one word
    joined = [("Eastbrook Council", AXNode(role="StaticText", name="Eastbrook Council")),
              ("Working together", AXNode(role="StaticText", name="Working together"))]
    assert [ok for ok, _ in say_all_reached(joined, ["Eastbrook CouncilWorking together"])] == [True, True]


def test_a_landmark_is_the_same_place_when_orcas_line_starts_with_its_first_thing():
    heading = AXNode(role="heading", name="Report a missed bin collection", level=1)
    # Orca's line ends where the long heading wraps
    assert same_place(phrase(heading), heading, ["Report a missed bin heading level 1."]).agree
    link = AXNode(role="link", name="About this demo")
    assert same_place(phrase(link), link, ["About this demo link.", "The inaccessible version link."]).agree
    assert not same_place(phrase(link), link, ["Eastbrook Borough Council link."]).agree


def test_chromiums_image_description_offer_is_not_the_images_name():
    image = AXNode(role="image", name="")
    assert phrase(image) == "unlabelled graphic"
    assert compare(phrase(image), image, ["To get missing image descriptions, open the context menu.",
                                          "Unlabeled image"]).agree
    named = AXNode(role="image", name="Card payment accepted")
    assert not compare(phrase(named), named, ["To get missing image descriptions, open the context menu.",
                                              "image"]).agree


def test_orcas_guessed_label_for_a_field_with_no_name_is_a_design_difference():
    box = AXNode(role="checkbox", name="", states={"checked": False})
    verdict = compare(phrase(box), box, ["Irish check box not checked."])
    assert verdict.agree and verdict.design, verdict
    # a field that has a name: Orca's other words are a disagreement
    named = AXNode(role="checkbox", name="British", states={"checked": False})
    assert not compare(phrase(named), named, ["Irish check box not checked."]).agree
    # words after the role are not a guessed label
    assert not compare(phrase(box), box, ["check box not checked. Irish"]).agree


def test_a_name_said_twice_is_a_design_difference_other_words_are_not():
    para = AXNode(role="paragraph", name="My favourite car")
    verdict = compare("My favourite car", para, ["main content", "My favourite car My favourite car."])
    assert verdict.agree and verdict.design, verdict
    assert not compare("My favourite car", para, ["My favourite car My favourite bike."]).agree


def test_a_landmark_line_that_ends_early_or_is_said_as_a_panel_is_the_same_place():
    text = AXNode(role="StaticText", name="Phone number is not valid")
    assert same_place("Phone number is not valid", text, ["Phone number."]).agree
    assert not same_place("Phone number is not valid", text, ["Email address."]).agree
    assert not same_place("Phone number is not valid", text, ["number."]).agree
    fieldset = AXNode(role="StaticText", name="I am a fieldset without a legend")
    assert same_place("I am a fieldset without a legend", fieldset, ["I am a fieldset without a legend panel."]).agree


def test_orcas_main_content_in_mid_sentence_is_context():
    text = AXNode(role="StaticText", name="GDS is part of the Cabinet Office.")
    assert same_place(text.name, text, ["GDS.", "main content is part of the Cabinet Office."]).agree
    said = ["main content", "GDS", "main content", "is part of the Cabinet Office."]
    assert say_all_reached([(text.name, text)], said) == [(True, "")]


def test_a_name_whose_words_break_elsewhere_is_a_design_difference_other_letters_are_not():
    link = AXNode(role="link", name="Change address")
    verdict = compare("Change address, link", link, ["Changeaddress link."])
    assert verdict.agree and verdict.design, verdict
    assert not compare("Change address, link", link, ["Changeaddresses link."]).agree
    assert not compare("Change address, link", link, ["Change link."]).agree


def test_words_in_any_script_are_compared():
    text = AXNode(role="StaticText", name="الإعفاء الإلكتروني من التأشيرة")
    assert same_place(text.name, text, ["الإعفاء الإلكتروني من التأشيرة."]).agree
    assert not same_place(text.name, text, ["من التأشيرة."]).agree


def test_a_paragraph_longer_than_the_search_window_is_reached():
    long = " ".join(f"word{i}" for i in range(120))
    text = AXNode(role="StaticText", name=long)
    assert say_all_reached([(long, text)], ["Heading", long]) == [(True, "")]


def test_a_short_name_inside_other_words_is_not_the_landmarks_place():
    play = AXNode(role="button", name="play", states={"disabled": True})
    assert not same_place("play, button, unavailable", play, ["Unable to play media. video grayed."]).agree
    assert same_place("play, button, unavailable", play, ["main content", "play push button grayed."]).agree
    image = AXNode(role="image", name="", description="BBC")
    assert same_place("unlabelled graphic, BBC", image, ["Unlabeled image.", "BBC."]).agree


def test_image_link_read_with_its_image_agrees_with_orca():
    link = AXNode(role="link", name="Red Panda")
    assert compare("Red Panda, graphic, link", link, ["Red Panda image link."]).agree
    assert not compare("Red Panda, graphic, link", link, ["Red Panda link."]).agree   # the image not said
