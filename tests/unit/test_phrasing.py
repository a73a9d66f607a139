"""Screen-reader phrasing: phrases, golden transcripts, quick navigation, and the CDP/JSON conversions."""

from __future__ import annotations

import sys

import pytest

from auditor.model.axnode import AXNode, flatten, from_cdp, unflatten
from auditor.model.phrasing import (
    QUICK_KEYS, Stop, next_of, none_left_phrase, phrase, reading_order, stops, transcript,
)


def N(role: str, name: str = "", *children: AXNode, **kw) -> AXNode:
    return AXNode(role=role, name=name, children=list(children), **kw)


def T(text: str) -> AXNode:
    return AXNode(role="StaticText", name=text)


# -- single phrases ------------------------------------------------------------------------------------
@pytest.mark.parametrize("node, heard", [
    (N("textbox", "Postcode", states={"required": True}), "Postcode, edit text, required"),
    (N("heading", "Council tax", level=1), "Council tax, heading level 1"),
    (N("radio", "Garden waste", states={"checked": False}, posinset=2, setsize=4),
     "Garden waste, radio button, not checked, 2 of 4"),
    (N("button"), "button"),
    (N("textbox"), "edit text"),
    (N("image"), "unlabelled graphic"),
    (N("image", "Map of the ward"), "Map of the ward, graphic"),
    (N("link", "Find out more"), "Find out more, link"),
    (N("textbox", "Email", states={"invalid": True, "required": True}, description="Enter an email address"),
     "Email, edit text, required, invalid entry, Enter an email address"),
    (N("textbox", "Postcode", value="E8 1DY"), "Postcode, edit text, E8 1DY"),
    (N("textbox", "E8 1DY", value="E8 1DY"), "E8 1DY, edit text"),
    (N("checkbox", "Agree", states={"checked": "mixed"}), "Agree, check box, half checked"),
    (N("checkbox", "Agree", states={"checked": True, "disabled": True}), "Agree, check box, checked, unavailable"),
    (N("switch", "Alerts", states={"checked": True}), "Alerts, switch, on"),
    (N("button", "Bold", states={"pressed": False}), "Bold, toggle button, not pressed"),
    (N("button", "Menu", states={"expanded": False, "haspopup": "menu"}), "Menu, button, collapsed, has pop-up"),
    (N("combobox", "Day", value="Tuesday", states={"expanded": False}), "Day, combo box, Tuesday, collapsed"),
    (N("option", "Two", states={"selected": True}, posinset=2, setsize=3), "Two, option, selected, 2 of 3"),
    (N("textbox", "Notes", states={"multiline": True, "readonly": True}), "Notes, edit text, multi line, read only"),
    (N("link", "Step 2", states={"current": "step"}), "Step 2, link, current step"),
    (N("navigation", "Main"), "Main, navigation landmark"),
    (N("main"), "main landmark"),
    (N("region"), ""),                         # an unnamed region is no landmark and says nothing
    (N("listitem", "", posinset=1, setsize=3), ""),
    (T("  Pay your   council tax  "), "Pay your council tax"),
    # Chromium's role for <video>: Orca says "video" too (docs/screen-reader.md)
    (N("Video", "Unable to play media.", states={"disabled": True}), "Unable to play media., video, unavailable"),
])
def test_phrase(node, heard):
    assert phrase(node) == heard


def test_position_is_only_spoken_for_set_members():
    assert phrase(N("button", "Next", posinset=1, setsize=2)) == "Next, button"


# -- golden transcripts --------------------------------------------------------------------------------
def council_page() -> AXNode:
    return N("RootWebArea", "Council tax",
             N("banner", "",
               N("navigation", "Main",
                 N("list", "",
                   N("listitem", "", N("link", "Home", T("Home"))),
                   N("listitem", "", N("link", "Bins", T("Bins"))),
                   N("listitem", "", N("link", "Council tax", T("Council tax"), states={"current": "page"}))))),
             N("main", "",
               N("heading", "Council tax", T("Council tax"), level=1),
               N("paragraph", "", T("Pay your "), N("strong", "", T("council")), T(" tax here.")),
               N("image", ""),
               N("generic", "", N("LabelText", "", T("Postcode")),
                 N("textbox", "Postcode", states={"required": True})),
               N("group", "Garden waste",
                 N("radio", "Yes", states={"checked": False}),
                 N("radio", "No", states={"checked": True})),
               N("button", "Continue", T("Continue"))),
             N("contentinfo", "", N("paragraph", "", T("© Council"))))


def test_golden_transcript_council_page():
    tree = council_page()
    from auditor.model.axnode import _fill_positions
    _fill_positions(tree)
    assert transcript(tree) == [
        "banner landmark",
        "Main, navigation landmark",
        "list, 3 items",
        "Home, link",
        "Bins, link",
        "Council tax, link, current page",
        "out of list",
        "out of navigation landmark",
        "out of banner landmark",
        "main landmark",
        "Council tax, heading level 1",
        "Pay your council tax here.",
        "unlabelled graphic",
        "Postcode",
        "Postcode, edit text, required",
        "Garden waste, grouping",
        "Yes, radio button, not checked, 1 of 2",
        "No, radio button, checked, 2 of 2",
        "out of grouping",
        "Continue, button",
        "out of main landmark",
        "content info landmark",
        "© Council",
        "out of content info landmark",
    ]


def test_golden_transcript_table_dialog_and_link_in_heading():
    tree = N("RootWebArea", "",
             N("heading", "Latest news", N("link", "Latest news", T("Latest news")), level=2),
             N("table", "Bin days",
               N("row", "", N("columnheader", "Street", T("Street")), N("columnheader", "Day", T("Day"))),
               N("row", "", N("cell", "", T("High St")), N("cell", "", T("Monday")))),
             N("dialog", "Cookies", N("paragraph", "", T("We use cookies.")), N("button", "Accept", T("Accept"))),
             N("generic", "", T("One")),
             N("generic", "", T("Two")))
    assert transcript(tree) == [
        "Latest news, heading level 2",
        "Latest news, link",
        "Bin days, table, 2 rows, 2 columns",
        "Street", "Day", "High St", "Monday",
        "out of table",
        "Cookies, dialog",
        "We use cookies.",
        "Accept, button",
        "out of dialog",
        "One",
        "Two",
    ]


def test_reading_order_skips_wrappers_and_exits_but_keeps_text():
    tree = council_page()
    roles = [n.role for n in reading_order(tree)]
    assert "generic" not in roles and "paragraph" not in roles and "listitem" not in roles
    assert roles.count("StaticText") == 3     # the merged paragraph, the label, the footer
    assert len(reading_order(tree)) == len([s for s in stops(tree) if not s.exit])
    assert "Pay your council tax here." in [n.name for n in reading_order(tree)]


# -- quick navigation ----------------------------------------------------------------------------------
def test_next_of_headings_landmarks_fields_links_and_backwards():
    order = stops(council_page())
    phrases = [s.phrase for s in order]
    h = next_of(order, -1, "heading")
    assert phrases[h] == "Council tax, heading level 1"
    assert next_of(order, h, "heading") is None
    d = next_of(order, -1, "landmark")
    assert phrases[d] == "banner landmark"
    d = next_of(order, d, "landmark")
    assert phrases[d] == "Main, navigation landmark"
    f = next_of(order, h, "field")
    assert phrases[f] == "Postcode, edit text, required"
    assert phrases[next_of(order, f, "field")] == "Yes, radio button, not checked"
    k = next_of(order, len(order), "link", backwards=True)
    assert phrases[k] == "Council tax, link, current page"
    assert next_of(order, -1, "heading2") is None
    # landmark exits are never landed on
    last_landmark = next_of(order, len(order), "landmark", backwards=True)
    assert phrases[last_landmark] == "content info landmark"


def test_next_of_works_on_reading_order_and_focusable():
    nodes = reading_order(N("RootWebArea", "", N("link", "A", focusable=True), T("x"),
                            N("button", "B", focusable=True, states={"disabled": True}),
                            N("button", "C", focusable=True)))
    assert next_of(nodes, 0, "focusable") == 3


def test_next_of_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown kind 'paragraph'"):
        next_of([], 0, "paragraph")


def test_quick_keys_and_none_left_phrase():
    assert QUICK_KEYS["h"] == "heading" and QUICK_KEYS["f"] == "field" and QUICK_KEYS["d"] == "landmark"
    assert none_left_phrase("heading") == "no next heading"
    assert none_left_phrase("field", backwards=True) == "no previous form field"
    assert isinstance(stops(council_page())[0], Stop)


# -- conversions ---------------------------------------------------------------------------------------
def cdp(node_id, role, name="", children=(), parent=None, props=None, ignored=False, backend=None, **extra):
    raw = {"nodeId": str(node_id), "ignored": ignored, "role": {"type": "role", "value": role},
           "childIds": [str(c) for c in children], "backendDOMNodeId": backend or node_id,
           "properties": [{"name": k, "value": {"type": "x", "value": v}} for k, v in (props or {}).items()]}
    if name is not None:
        raw["name"] = {"type": "computedString", "value": name, "sources": extra.pop("sources", [])}
    if parent is not None:
        raw["parentId"] = str(parent)
    raw.update(extra)
    return raw


def test_from_cdp_drops_ignored_and_text_boxes_and_reads_states():
    raw = [
        cdp(1, "RootWebArea", "Page", [2]),
        cdp(2, "none", None, [3, 4, 7], parent=1, ignored=True),
        cdp(3, "textbox", "Search", [], parent=2,
            props={"required": True, "invalid": "false", "focusable": True, "readonly": False},
            sources=[{"type": "attribute", "attribute": "aria-label"},
                     {"type": "placeholder", "attribute": "placeholder",
                      "value": {"type": "computedString", "value": "Search"}}]),
        cdp(4, "radiogroup", "Size", [5, 6], parent=2),
        cdp(5, "radio", "Small", [], parent=4, props={"checked": "true", "focusable": True}),
        cdp(6, "radio", "Large", [], parent=4, props={"checked": "false"}),
        cdp(7, "heading", "Done", [8], parent=2, props={"level": 2}),
        cdp(8, "StaticText", "Done", [9], parent=7),
        cdp(9, "InlineTextBox", "Done", [], parent=8),
    ]
    tree = from_cdp(raw)
    assert [c.role for c in tree.children] == ["textbox", "radiogroup", "heading"]
    box = tree.children[0]
    assert box.name_from == "placeholder" and box.focusable
    assert box.states == {"required": True, "readonly": False}
    small, large = tree.children[1].children
    assert (small.states["checked"], small.posinset, small.setsize) == (True, 1, 2)
    assert (large.states["checked"], large.posinset) == (False, 2)
    heading = tree.children[2]
    assert heading.level == 2 and [c.role for c in heading.children] == ["StaticText"]
    assert transcript(tree) == ["Search, edit text, required", "Size, grouping",
                                "Small, radio button, checked, 1 of 2", "Large, radio button, not checked, 2 of 2",
                                "out of grouping", "Done, heading level 2"]


def test_from_cdp_bad_input_says_what():
    with pytest.raises(ValueError, match="no nodes"):
        from_cdp([])
    with pytest.raises(ValueError, match="no root"):
        from_cdp([cdp(1, "button", "x", parent=7)])


def test_flatten_unflatten_round_trip_keeps_the_transcript():
    tree = council_page()
    flat = flatten(tree)
    assert flat[0]["depth"] == 0 and flat[0]["parent"] == -1
    assert all(flat[d["parent"]]["depth"] == d["depth"] - 1 for d in flat[1:])
    assert flat[1]["landmark"] == "banner"
    assert transcript(unflatten(flat)) == transcript(tree)


def test_unflatten_bad_input_says_where():
    with pytest.raises(ValueError, match="node 1: 'depth'"):
        unflatten([{"role": "RootWebArea", "depth": 0}, {"role": "button", "depth": "x"}])
    with pytest.raises(ValueError, match="expected an object with a 'role'"):
        unflatten([{"name": "x", "depth": 0}])


@pytest.mark.parametrize("module", ["auditor.model.phrasing", "auditor.model.axnode"])
def test_shared_modules_import_only_the_standard_library(module):
    import ast
    import importlib

    source = open(importlib.import_module(module).__file__, encoding="utf-8").read()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__", "auditor"}, imported


def test_image_link_says_its_image_when_reading_and_not_on_focus():
    from auditor.model.phrasing import next_of, reading_phrase
    panda = N("link", "Red Panda", N("image", "Red Panda"))
    tree = N("RootWebArea", "", N("paragraph", "", panda),
             N("link", "Logo Home", N("image", "Logo"), T("Home")),
             N("link", "", N("generic", "", N("image", ""))))
    assert phrase(panda) == "Red Panda, link"                      # Tab: focus says the link
    assert reading_phrase(panda) == "Red Panda, graphic, link"      # reading: the image inside it too
    assert transcript(tree) == [
        "Red Panda, graphic, link",          # one stop: the image is not said again
        "Logo Home, link", "Logo, graphic",  # text beside the image: the link's text, its image a stop
        "unlabelled graphic, link",
    ]
    found = stops(tree)
    assert [found[i].node.role for i in (next_of(found, -1, "graphic"), next_of(found, 0, "graphic"))] == [
        "link", "image"]


def test_video_with_controls_is_said_then_its_controls():
    video = N("Video", "Unable to play media.", N("button", "play", states={"disabled": True}),
              states={"disabled": True})
    assert transcript(N("RootWebArea", "", video)) == [
        "Unable to play media., video, unavailable", "play, button, unavailable", "out of video"]
    assert transcript(N("RootWebArea", "", N("Video", "Film"))) == ["Film, video"]
