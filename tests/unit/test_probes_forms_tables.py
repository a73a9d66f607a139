"""The error_message, input_purpose, data_table, sensory_reference and frame_title probes, and the checks added
to image_text_alternative (ASCII art) and link_purpose (picture files, neighbouring links), on hand-built
artifacts (no browser)."""

from __future__ import annotations

from auditor.probes import (data_table, error_message, frame_title, image_text_alternative, input_purpose,
                            link_purpose, sensory_reference)
from auditor.probes.base import AuditParams

P = AuditParams()


def dom(**markup_parts):
    return {"dom": {"lang": {"html": "en", "elements": []}, "text_blocks": [], "markup": dict(markup_parts)}}


def keyed(findings):
    return [(f.selector, f.key, f.outcome) for f in findings]


# --- error_message ------------------------------------------------------------------------------------------
def red(selector, text, **kw):
    return {"selector": selector, "snippet": f"<span id='{selector[1:]}'>", "text": text, "colour": "rgb(255, 0, 0)",
            "tied": False, "live": False, "labels_fields": False, **kw}


def test_red_error_text_that_no_field_points_to_is_reviewed():
    found = error_message.check(dom(errors={"red_texts": [
        red("#err-name", "Enter your full name"),
        red("#err-email", "Email address is not valid", tied=True),        # aria-describedby holds it
        red("#summary", "There is a problem", live=True),                   # announced by a live region
        red("#key", "* marks a required field"),                            # a hint about asterisks
    ]}), P)
    assert keyed(found) == [("#err-name", "not-tied", "review")]
    [f] = found
    assert f.wcag == ["3.3.1", "1.3.1"] and "'Enter your full name'" in f.message
    assert f.evidence["colour"] == "rgb(255, 0, 0)"


def test_a_question_that_only_turns_red_is_reviewed_on_a_page_with_errors():
    reds = [red("#top", "Please correct the fields marked in red."),
            red("#question", "Which bin was not collected? *", labels_fields=True),
            red("#note", "Collections resume on Monday")]                    # red, but labels no field
    found = error_message.check(dom(errors={"red_texts": reds}), P)
    assert keyed(found) == [("#top", "not-tied", "review"), ("#question", "colour-only", "review")]
    assert found[1].wcag == ["1.4.1", "3.3.1"]
    # the same red question with no error anywhere on the page is a design choice, not an error
    assert error_message.check(dom(errors={"red_texts": reds[1:]}), P) == []


def test_error_message_is_quiet_on_missing_or_bad_artifacts():
    for artifacts in ({}, {"dom": {"error": "x"}}, dom(), dom(errors={"red_texts": "x"}),
                      dom(errors={"red_texts": [None, {"text": 3}, {"selector": "#a"}]})):
        assert error_message.check(artifacts, P) == []


# --- input_purpose ------------------------------------------------------------------------------------------
def field(selector, **kw):
    return {"selector": selector, "snippet": "<input>", "type": "text", "name": None, "id": None, "label": "",
            "placeholder": None, "autocomplete": None, **kw}


def test_personal_detail_fields_without_autocomplete_are_reviewed():
    fields = [field("#name", name="name", placeholder="Full name"),
              field("#mail", label="Email address", autocomplete="off"),
              field("#phone", type="tel", name="phone"),
              field("#pc", label="Postcode", autocomplete="postal-code"),          # has its token
              field("#ref", label="Reference number"),                             # no personal purpose
              field("#when", label="Date of missed collection"),                   # a date, not a birthday
              field("#surname", name="lastName"),
              field("#bin", label="Which bin", autocomplete="on")]
    found = input_purpose.check(dom(purpose_fields=fields), P)
    assert [(f.selector, f.evidence["purpose"], f.outcome) for f in found] == [
        ("#name", "name", "review"), ("#mail", "email", "review"), ("#phone", "tel", "review"),
        ("#surname", "family-name", "review")]
    assert "autocomplete=\"off\"" in found[1].message and found[0].fix == "Add autocomplete=\"name\" if the " \
        "field asks for the user's own details."


def test_purpose_reads_type_then_words():
    assert input_purpose.purpose(field("#p", type="password")) == "current-password"
    assert input_purpose.purpose(field("#c", label="Company name")) == "organization"
    assert input_purpose.purpose(field("#s", label="Street name")) == "street-address"
    assert input_purpose.purpose(field("#u", label="Username")) == "username"
    assert input_purpose.purpose(field("#x", label="Name of your pet's vet")) is None


def test_input_purpose_is_quiet_on_missing_or_bad_artifacts():
    for artifacts in ({}, dom(), dom(purpose_fields={"a": 1}), dom(purpose_fields=[None, {"autocomplete": 5}])):
        assert input_purpose.check(artifacts, P) == []


# --- data_table ---------------------------------------------------------------------------------------------
def table(selector, **kw):
    base = {"selector": selector, "snippet": "<table>", "role": None, "rows": 4, "cols": 3, "cells": 12,
            "headers": 0, "filled": 12, "avg_chars": 12, "named": False, "column_headers": False,
            "row_headers": False, "scoped": False, "controls": 0, "blocks": 0, "nested_tables": 0,
            "inside_data_table": False, "text": "Address 1 High Street"}
    return {**base, **kw}


def test_a_grid_of_values_with_no_header_cells_is_reviewed_but_layout_tables_are_not():
    tables = [table("#answers"),
              table("#form", controls=3),                          # lays out a form
              table("#page", blocks=4, avg_chars=300),             # holds the page's structure
              table("#sparse", filled=3),                          # mostly empty cells
              table("#shim", role="presentation"),
              table("#one", rows=1, cells=3, filled=3)]
    assert keyed(data_table.check(dom(tables=tables), P)) == [("#answers", "no-headers", "review")]


def test_data_tables_nested_two_way_without_scope_or_without_caption():
    tables = [table("#outer", headers=2, column_headers=True, nested_tables=1),   # its inner table is the problem
              table("#inner", headers=2, column_headers=True, inside_data_table=True),
              table("#times", headers=5, column_headers=True, row_headers=True, named=True),
              table("#ages", headers=5, column_headers=True, row_headers=True, scoped=True),
              table("#good", headers=3, column_headers=True, scoped=True, named=True)]
    found = data_table.check(dom(tables=tables), P)
    assert keyed(found) == [("#inner", "nested", "review"), ("#times", "two-way", "review"),
                            ("#ages", "no-caption", "review")]
    assert "4 rows by 3 columns" in found[1].message


def test_a_header_cell_no_cell_is_assigned_to_fails():
    nodes = [{"role": "table", "selector": "#rates", "dom": {"unassigned_headers": [
                 {"selector": "#rates th:nth-of-type(2)", "text": "Value", "role": "columnheader"}]}},
             {"role": "table", "selector": "#fine", "dom": {}}, {"role": "grid", "dom": {"unassigned_headers": "x"}}]
    found = data_table.check({"axtree": {"nodes": nodes}}, P)
    assert [(f.selector, f.key, f.outcome, f.wcag, f.role) for f in found] == [
        ("#rates th:nth-of-type(2)", "unassigned", "fail", ["1.3.1"], "columnheader")]
    assert "'Value'" in found[0].message


def test_data_table_is_quiet_on_missing_or_bad_artifacts():
    for artifacts in ({}, dom(), dom(tables="x"), dom(tables=[None, {"rows": "many"}, {"role": 3}])):
        assert data_table.check(artifacts, P) == []


# --- sensory_reference --------------------------------------------------------------------------------------
def blocks(*texts):
    return {"dom": {"text_blocks": [{"selector": f"p:nth-of-type({i + 1})", "lang": "en", "text": t,
                                     "words": len(t.split())} for i, t in enumerate(texts)]}}


def test_text_pointing_at_position_or_shape_is_one_review_per_page():
    found = sensory_reference.check(blocks(
        "Bins are collected every other week from the kerb outside your home.",
        "The artist on the right won the album of the year.",
        "Press the round button in the top right corner to start."), P)
    [f] = found
    assert (f.outcome, f.selector, f.name, f.wcag) == ("review", "p:nth-of-type(2)", "on the right", [])
    assert f.evidence == {"phrase": "on the right", "blocks": 2}
    assert "'The artist on the right won the album of the year.'" in f.message and "1 more passage" in f.message


def test_reading_order_words_and_plain_text_say_nothing():
    assert sensory_reference.check(blocks("Fill in the form below and read the notes above it.",
                                          "Your rights and the bright lights of the town centre."), P) == []
    for artifacts in ({}, {"dom": {"text_blocks": "x"}}, {"dom": {"text_blocks": [None, {"text": 4}]}}):
        assert sensory_reference.check(artifacts, P) == []


# --- image_text_alternative: ASCII art ----------------------------------------------------------------------
ART = "Welcome\n\n  /\\  (`/`|| _ +\n /--\\,)\\,||  (||`|\n\n      to the depot\n"
CODE = "def total(bins):\n    return sum(b.weight for b in bins)\n\nprint(total(collected))\n"


def pre(text, **kw):
    return {"selector": "main > pre", "snippet": "<pre>", "text": text, "code": False, "alternative": False, **kw}


def test_a_picture_drawn_in_characters_without_a_text_alternative_is_reviewed():
    found = image_text_alternative.check({"dom": {"markup": {"preformatted": [pre(ART)]}}}, P)
    assert [(f.key, f.outcome, f.selector) for f in found] == [("ascii-art", "review", "main > pre")]
    assert "symbol by symbol" in found[0].message


def test_code_captioned_art_and_short_symbols_are_not_ascii_art():
    for block in (pre(CODE), pre(ART, code=True), pre(ART, alternative=True), pre("-- :) --"),
                  pre("|".join("abcdefghijklmnopqrstuvwxyz")), pre(None), {"text": 5}):
        assert not image_text_alternative.ascii_art(block), block
    assert image_text_alternative.check({"dom": {"markup": {"preformatted": "x"}}}, P) == []


# --- frame_title --------------------------------------------------------------------------------------------
def frame(selector, title, **kw):
    return {"selector": selector, "snippet": "<iframe>", "title": title, "label": None, "readable": True,
            "doc_title": "Bin collection calendar", "doc_heading": "Your bin days", "doc_text": "Green bin: Monday",
            **kw}


def test_a_frame_title_that_shares_no_word_with_its_content_is_reviewed():
    frames = [frame("#social", "Facebook"),
              frame("#cal", "Bin collections calendar"),                     # 'collection', 'calendar' agree
              frame("#labelled", "Facebook", label="Your bin days"),         # the aria-label wins, and agrees
              frame("#far", "Facebook", readable=False, doc_title=None),     # cross-origin: cannot tell
              frame("#empty", None),                                         # no title: axe's frame-title
              frame("#blank", "Map", doc_title="", doc_heading=None, doc_text="")]   # nothing to compare
    found = frame_title.check({"dom": {"markup": {"frames": frames}}}, P)
    assert [(f.selector, f.outcome, f.name) for f in found] == [("#social", "review", "Facebook")]
    assert "'Bin collection calendar'" in found[0].message and found[0].heard == "Facebook, frame"


def test_frame_title_is_quiet_on_missing_or_bad_artifacts():
    for artifacts in ({}, {"dom": {"markup": {"frames": 7}}}, {"dom": {"markup": {"frames": [None, {"readable": 1}]}}}):
        assert frame_title.check(artifacts, P) == []


# --- link_purpose: links to picture files, neighbouring links to one place ----------------------------------
def test_a_link_to_a_bare_picture_file_is_reviewed():
    links = [{"selector": "#bat", "name": "bat", "heard": "bat, link", "url": "https://example.org/img/bat.JPG"},
             {"selector": "#page", "name": "Bats", "heard": "Bats, link", "url": "https://example.org/bats.html"},
             {"selector": "#dir", "name": "Photos", "heard": "Photos, link", "url": "https://example.org/png/"}]
    found = link_purpose.check({"axtree": {"links": links}}, P)
    assert [(f.key, f.selector, f.outcome, f.wcag) for f in found] == [("image-file", "#bat", "review", ["1.1.1"])]


def test_two_links_side_by_side_to_one_place_are_reviewed():
    pair = {"selector": "main > a:nth-of-type(1)", "snippet": "<a>", "other": "main > a:nth-of-type(2)",
            "href": "https://example.org/red-panda", "names": ["Red Panda", "Red Panda"]}
    found = link_purpose.check({"axtree": {"links": []}, "dom": {"markup": {"adjacent_links": [pair, None]}}}, P)
    assert [(f.key, f.outcome, f.name) for f in found] == [("adjacent", "review", "Red Panda")]
    assert "('Red Panda' and 'Red Panda')" in found[0].message
    assert link_purpose.check({"axtree": {"links": []}, "dom": {"markup": {"adjacent_links": "x"}}}, P) == []
