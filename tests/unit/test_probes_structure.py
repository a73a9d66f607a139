"""The structure probes (abbreviation, generated_content, markup, form_group, field_format, hidden_content,
link_appearance, colour_meaning, link_destination, keyboard_activation, error_identification) and the probe extensions that read
``dom.markup`` (language direction, titled decoration, GIFs), on hand-built artifacts."""

from __future__ import annotations

from auditor.gatherers.markup import expanded_in, finish_markup, tag_errors
from auditor.probes import (abbreviation, colour_meaning, error_identification, field_format, form_group,
                            generated_content, hidden_content, image_text_alternative, keyboard_activation, language,
                            link_appearance, link_destination, markup, motion)
from auditor.probes.base import AuditParams

P = AuditParams()


def dom(text_blocks=(), **markup_parts):
    return {"dom": {"lang": {"html": "en", "elements": []}, "text_blocks": list(text_blocks),
                    "markup": dict(markup_parts)}}


def outcomes(findings):
    return [(f.rule, f.outcome) for f in findings]


# --- gatherer helpers -------------------------------------------------------------------------------------
def test_stray_end_tags_and_duplicate_attributes_are_found_in_source():
    errors = tag_errors("<html><body>\n<div>pearls</span></div>\n<p class=a class=b>x<br></br></p></body></html>")
    assert [(e["tag"], e["line"]) for e in errors["stray_end_tags"]] == [("span", 2)]
    assert errors["duplicate_attributes"][0]["attributes"] == ["class"]
    closed = tag_errors('<svg><rect width="1" width="2"/></svg>')["duplicate_attributes"]   # a self-closed tag too
    assert [(e["tag"], e["attributes"], e["text"]) for e in closed] == [("rect", ["width"], '<rect width="1" width="2"/>')]


def test_optional_end_tags_and_void_elements_are_not_stray():
    clean = ("<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head><body><ul><li>a<li>b</ul>"
             "<p>one<p>two</p><table><tr><td>1<td>2</table><img src=a.png><svg><path d='M0'/></svg>"
             "<script>if (a < b) document.write('</span>')</script></body></html>")
    assert tag_errors(clean) == {"stray_end_tags": [], "duplicate_attributes": []}


def test_expansion_found_by_initials_with_small_words_between():
    assert expanded_in("GDS", "The Government Digital Service (GDS) builds GOV.UK.")
    assert expanded_in("DWP", "Ask the Department for Work and Pensions.")
    assert not expanded_in("GDS", "GDS is part of the Cabinet Office. Our job is digital transformation.")


def test_finish_markup_drops_source_and_text_and_marks_expansions():
    raw = {"abbreviations": [{"text": "DVLA", "title": None}, {"text": "HMRC", "title": "HM Revenue and Customs"}],
           "source": "<div></span></div>", "body_text": "DVLA is where you tax a car."}
    out = finish_markup(raw)
    assert "source" not in out and "body_text" not in out and out["source_read"]
    assert [a["expanded"] for a in out["abbreviations"]] == [False, True]
    assert out["stray_end_tags"] == [{"tag": "span", "line": 1}]
    assert finish_markup({"source": None})["source_read"] is False


# --- abbreviation -----------------------------------------------------------------------------------------
def test_unexpanded_abbreviation_fails_once_expanded_ones_pass():
    abbrs = [{"selector": "abbr", "text": "GDS", "visible": True, "expanded": False},
             {"selector": "p > abbr", "text": "gds", "visible": True, "expanded": False},
             {"selector": "abbr.b", "text": "NHS", "visible": True, "expanded": True}]
    found = abbreviation.check(dom(abbreviations=abbrs), P)
    assert [(f.name, f.outcome) for f in found] == [("GDS", "fail")]
    assert abbreviation.check(dom(abbreviations=[]), P) == []
    assert abbreviation.check({"dom": {"error": "x"}}, P) == []


# --- generated_content ------------------------------------------------------------------------------------
def test_words_from_css_fail():
    [f] = generated_content.check(dom(generated=[{"selector": "#food", "pseudo": "::after", "content": "Pizza",
                                                  "text": "My favourite food is"}]), P)
    assert (f.outcome, f.name) == ("fail", "Pizza") and "CSS" in f.message
    assert generated_content.check(dom(generated=[]), P) == []


# --- markup -----------------------------------------------------------------------------------------------
def test_duplicate_ids_one_finding_serious_when_referenced():
    dupes = [{"id": "nav", "count": 2, "referenced": False, "in_svg": False, "selector": "#nav"},
             {"id": "name", "count": 2, "referenced": True, "in_svg": False, "selector": "#name"}]
    [f] = markup.check(dom(duplicate_ids=dupes), P)
    assert (f.outcome, f.impact) == ("fail", "serious") and "'name'" in f.message
    [f] = markup.check(dom(duplicate_ids=dupes[:1]), P)
    assert (f.outcome, f.impact) == ("fail", "minor")


def test_svg_only_duplicates_and_clean_pages_pass():
    svg = [{"id": "grad", "count": 3, "referenced": False, "in_svg": True}]
    assert markup.check(dom(duplicate_ids=svg, stray_end_tags=[], duplicate_attributes=[]), P) == []


def test_stray_end_tags_are_one_page_finding():
    [f] = markup.check(dom(stray_end_tags=[{"tag": "span", "line": 3}, {"tag": "div", "line": 9}]), P)
    assert f.outcome == "fail" and "</span> on line 3" in f.message and "</div> on line 9" in f.message


# --- form_group -------------------------------------------------------------------------------------------
def choices(**kw):
    group = {"type": "radio", "name": "account", "count": 2, "grouped": False, "in_group": False,
             "selector": "#yes", "labels": ["Yes", "No"]}
    group.update(kw)
    return group


def test_ungrouped_radios_fail_grouped_pass():
    [f] = form_group.check(dom(choice_groups=[choices()]), P)
    assert f.outcome == "fail" and "Yes, radio button, 1 of 2" in f.message
    assert form_group.check(dom(choice_groups=[choices(grouped=True, in_group=True)]), P) == []


def test_fieldset_without_legend_fails():
    sets = [{"selector": "fieldset", "name": "", "legend": False, "controls": 0, "visible": True},
            {"selector": "fieldset.b", "name": "Your address", "legend": True, "controls": 3, "visible": True}]
    [f] = form_group.check(dom(fieldsets=sets), P)
    assert (f.outcome, f.impact, f.selector) == ("fail", "minor", "fieldset")


# --- field_format -----------------------------------------------------------------------------------------
def field(**kw):
    f = {"selector": "#tel", "pattern": "7[0-9]{9}", "title": "", "placeholder": "", "label": "Phone number",
         "hint": ""}
    f.update(kw)
    return f


def test_pattern_without_format_fails():
    [f] = field_format.check(dom(pattern_fields=[field()]), P)
    assert f.outcome == "fail" and "'Phone number'" in f.message


def test_pattern_with_title_hint_or_example_in_label_passes():
    told = [field(title="10 digits starting with 7"), field(hint="For example, 7700900982"),
            field(label="Phone number, for example 07700 900982"), field(label="Postcode (format: AA9 9AA)")]
    assert field_format.check(dom(pattern_fields=told), P) == []


def test_pattern_the_browser_never_enforces_is_left_alone():
    # outside any form, or in a novalidate form: pattern="[0-9]*" only asks for a number keypad
    assert field_format.check(dom(pattern_fields=[field(enforced=False)]), P) == []
    assert len(field_format.check(dom(pattern_fields=[field(enforced=True)]), P)) == 1


# --- hidden_content ---------------------------------------------------------------------------------------
def test_generic_link_with_display_none_words_fails():
    item = {"selector": "a", "text": "Read more", "label": "", "hidden": "about football"}
    [f] = hidden_content.check(dom(hidden_in_controls=[item]), P)
    assert f.outcome == "fail" and "about football" in f.message


def test_specific_or_labelled_links_with_hidden_words_pass():
    items = [{"selector": "a", "text": "Football fixtures", "label": "", "hidden": "2024"},
             {"selector": "a.b", "text": "Read more", "label": "Read more about football", "hidden": "about football"}]
    assert hidden_content.check(dom(hidden_in_controls=items), P) == []


# --- link_appearance --------------------------------------------------------------------------------------
def test_link_styled_like_its_text_fails():
    [f] = link_appearance.check(dom(plain_links=[{"selector": "p > a", "text": "Doctor Who", "context": "Find out"}]), P)
    assert (f.outcome, f.name) == ("fail", "Doctor Who")
    assert link_appearance.check(dom(plain_links=[]), P) == []


# --- colour_meaning ---------------------------------------------------------------------------------------
LIST = {"selector": "ul", "items": 5, "colours": 2, "texts": ["Amanita", "Chanterelle", "Porcini"]}


def test_colour_only_list_fails_when_text_names_colours_else_review():
    said = [{"text": "The green ones are safe to eat and the red ones are not."}]
    assert outcomes(colour_meaning.check(dom(said, colour_only=[LIST]), P)) == [("colour_meaning", "fail")]
    quiet = [{"text": "Mushrooms we found in the wood this autumn."}]
    assert outcomes(colour_meaning.check(dom(quiet, colour_only=[LIST]), P)) == [("colour_meaning", "review")]
    assert colour_meaning.check(dom(said, colour_only=[]), P) == []


# --- link_destination -------------------------------------------------------------------------------------
def act(**kw):
    item = {"index": 0, "selector": "a", "tag": "a", "role": "link", "explicit_role": "", "native": True,
            "name": "Do something", "href": "#", "fragment": None, "click": "", "key": "", "scrollable": False,
            "tabindex": None, "has_control": False, "snippet": "<a>"}
    item.update(kw)
    return item


def walk(*items, skip=None):
    return {"tabwalk": {"activation": list(items), "skip_link": skip}}


def test_javascript_links_fail_and_placeholder_or_broken_in_page_links_are_review():
    found = link_destination.check(walk(
        act(), act(selector="a.js", href="javascript:alert(1)", name="Press me"),
        act(selector="a.gone", href="#missing", fragment={"id": "missing", "exists": False}, name="Details")), P)
    assert [(f.key, f.outcome) for f in found] == [("javascript", "fail"), ("missing-target", "review"),
                                                   ("hash", "review")]
    two = link_destination.check(walk(act(selector="a.one"), act(selector="a.two")), P)
    assert [(f.key, f.more, f.evidence["selectors"]) for f in two] == [("hash", 1, ["a.one", "a.two"])]


def test_scripted_hash_links_are_review_and_real_targets_pass():
    found = link_destination.check(walk(
        act(click="page"), act(name="Back to top"),
        act(href="#main", fragment={"id": "main", "exists": True}, name="Skip"),
        act(href="#gone", fragment={"id": "gone", "exists": False}, selector="#skip", name="Skip"),
        act(href="/apply", name="Apply")), P.__class__())
    assert [(f.key, f.outcome) for f in found] == [("hash-scripted", "review"), ("missing-target", "review")]
    skipped = link_destination.check(walk(act(href="#gone", fragment={"id": "gone", "exists": False},
                                              selector="#skip"), skip={"selector": "#skip"}), P)
    assert skipped == []


# --- keyboard_activation ----------------------------------------------------------------------------------
def test_link_with_button_role_and_no_key_handler_is_review():
    [f] = keyboard_activation.check(walk(act(explicit_role="button", role="button", href="next.html",
                                             name="Continue")), P)
    assert (f.key, f.outcome) == ("link-as-button", "fail") and "Space" in f.message
    assert keyboard_activation.check(walk(act(explicit_role="button", href="next.html", key="page")), P) == []


def test_clickable_div_button_without_keys_fails_with_keys_passes():
    div = dict(tag="div", native=False, explicit_role="button", role="button", href=None, tabindex="0",
               name="Close")
    [f] = keyboard_activation.check(walk(act(click="self", **div)), P)
    assert (f.key, f.outcome, f.impact) == ("no-keys", "fail", "critical")
    assert keyboard_activation.check(walk(act(click="self", key="self", **div)), P) == []


def test_focusable_paragraph_that_does_nothing_fails_but_scroll_areas_pass():
    para = dict(tag="p", native=False, role="", href=None, tabindex="0", name="My favourite car")
    [f] = keyboard_activation.check(walk(act(**para)), P)
    assert (f.key, f.outcome) == ("inert-stop", "fail")
    assert keyboard_activation.check(walk(act(scrollable=True, **para)), P) == []
    assert keyboard_activation.check(walk(act(click="ancestor", **para)), P) == []
    assert keyboard_activation.check(walk(act(**{**para, "tabindex": "-1"})), P) == []
    region = dict(para, explicit_role="region", tag="div")
    assert keyboard_activation.check(walk(act(**region)), P) == []


# --- extensions -------------------------------------------------------------------------------------------
def test_right_to_left_block_laid_out_left_to_right_fails():
    rtl = {"selector": "p", "lang": "ar", "direction": "ltr", "block": True, "dir": None, "letters": 30, "rtl": 30,
           "text": "..."}
    found = [f for f in language.check(dom(directions=[rtl]), P) if f.key == "direction"]
    assert outcomes(found) == [("language", "fail")] and found[0].wcag == ["1.3.2"]
    for still in ({**rtl, "reorders": True, "words": 1}, {**rtl, "reorders": False, "words": 4}):
        assert len(language.check(dom(directions=[still]), P)) == 1
    for fine in ({**rtl, "direction": "rtl"}, {**rtl, "block": False}, {**rtl, "rtl": 3},
                 {**rtl, "reorders": False, "words": 1}):
        assert [f for f in language.check(dom(directions=[fine]), P) if f.key == "direction"] == []


def test_decoration_with_a_title_fails():
    artifacts = {"axtree": {"images": []}, **dom(titled_decoration=[{"selector": "img", "title": "BBC"}])}
    [f] = image_text_alternative.check(artifacts, P)
    assert (f.key, f.outcome) == ("titled-decoration", "fail") and "'BBC'" in f.message


def test_large_endless_gif_fails_small_one_is_review():
    gif = {"selector": "#g", "snippet": "<img>", "src": "a.gif", "alt": "Tree", "visible": True, "width": 157,
           "height": 193, "frames": 12, "loops": 0, "cycle_ms": 1200}
    motion_dom = {"dom": {"motion": {"gifs": [gif]}, "media": []}}
    assert outcomes(motion.check(motion_dom, P)) == [("motion", "fail")]
    motion_dom["dom"]["motion"]["gifs"] = [{**gif, "width": 32, "height": 32}]
    assert outcomes(motion.check(motion_dom, P)) == [("motion", "review")]


# --- error_identification ---------------------------------------------------------------------------------
NOTE = {"selector": ".summary", "text": "You need to fix the errors on this page before continuing.",
        "links_to_fields": 0, "names_field": False}


def test_error_announced_without_saying_where_fails():
    [f] = error_identification.check(dom(errors={"fields": 3, "fields_marked": 0, "announcements": [NOTE]}), P)
    assert f.outcome == "fail" and "not which field" in f.message


def test_errors_that_link_name_or_mark_fields_pass():
    for errors in ({"fields": 3, "fields_marked": 0, "announcements": [{**NOTE, "links_to_fields": 2}]},
                   {"fields": 3, "fields_marked": 0, "announcements": [{**NOTE, "names_field": True}]},
                   {"fields": 3, "fields_marked": 1, "announcements": [NOTE]},
                   {"fields": 0, "fields_marked": 0, "announcements": [NOTE]},
                   {"fields": 3, "fields_marked": 0, "announcements": [{**NOTE, "text": "Saved"}]}):
        assert error_identification.check(dom(errors=errors), P) == []
