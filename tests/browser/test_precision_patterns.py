"""No false failures on what design systems build (issue: precision). One minimal page per false-alarm pattern,
audited end to end by the engine (tests/fixtures/precision), each with a real barrier beside it that must still
fail:

- a native checkbox or radio made transparent over a drawn box, focus shown on the label's pseudo-element:
  focus is visible; the same control with no focus style, and a link off screen, still fail;
- a message the page's script focuses on load (an error summary with a delegating click listener), and a
  listener around disabled controls: not unreachable controls; a clickable div Tab never reaches still fails;
- a placeholder link (href="#"): a review, not a link-purpose failure, and two in a row are not "two links to
  the same place"; a javascript: link still fails;
- one small link: one finding naming axe-core's and the probe's rule ids, charged only to pointer users;
- a right-to-left name alone in a left-to-right list (a language switcher): not a reading-order failure; a
  right-to-left sentence laid out left to right (ending in punctuation, or of several words) still fails;
- text over a drawn box or band (a pseudo-element), where axe-core cannot tell the contrast: measured in the
  page's pixels, dark text on its light band is no review; faint text all over a dark band fails; text half
  over a band stays a review; faint text axe can judge itself still fails;
- a field's bold error message (its aria-describedby description) does not "look like a heading"; a bold line
  that titles what follows still does;
- links below the fold on a page that scrolls smoothly (scroll-behavior: smooth): focus is seen where the
  scroll ends, not "off screen" mid-animation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import RunOptions, audit_urls
from auditor.model.persona import load_personas

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "precision"
PAGES = ["custom_checkboxes", "custom_checkboxes_no_focus", "error_summary", "placeholder_links", "small_link", "rtl_names",
         "text_over_drawn_boxes", "field_error", "smooth_scroll"]


@pytest.fixture(scope="module")
def audited(serve_directory) -> dict[str, dict]:
    with serve_directory(FIXTURES) as base:
        personas = load_personas()
        chosen = [personas[p] for p in ("christopher", "ron", "ashleigh", "claudia")]
        pages = audit_urls([f"{base}{name}.html" for name in PAGES], chosen, RunOptions(screenshots=False),
                           concurrency=1)
    out = {}
    for name, page in zip(PAGES, pages):
        assert page["status"] == "ok", page.get("error")
        out[name] = page
    return out


def fails(page: dict, rule: str) -> list[dict]:
    return [f for f in page["findings"] if f["outcome"] == "fail" and rule in (f.get("rules") or [f["rule"]])]


def test_focus_drawn_on_the_label_of_a_transparent_checkbox_is_visible(audited):
    assert fails(audited["custom_checkboxes"], "focus_visibility") == []


def test_invisible_focus_still_fails_on_a_transparent_checkbox_and_off_screen(audited):
    found = fails(audited["custom_checkboxes_no_focus"], "focus_visibility")
    assert sorted(f["selector"] for f in found) == ["#food", "html > body > main > a"]
    assert all("focus disappears" in f["message"] for f in found)


def test_a_message_focused_by_script_and_a_listener_around_disabled_controls_are_not_unreachable_controls(audited):
    found = fails(audited["error_summary"], "unreachable_control")
    assert [f["selector"] for f in found] == ["#more"]


def test_placeholder_links_are_reviewed_not_failed(audited):
    page = audited["placeholder_links"]
    assert fails(page, "link_destination") == [f for f in fails(page, "link_destination")
                                               if "javascript" in f["snippet"]]
    assert len(fails(page, "link_destination")) == 1
    assert fails(page, "link_purpose") == []
    reviews = [f for f in page["findings"] if f["outcome"] == "review" and f["rule"] == "link_destination"]
    assert [(f["name"], f["more"]) for f in reviews] == [("Council tax bands", 1)]
    assert reviews[0]["message"].endswith("(and 1 more like it)")
    # two placeholder links in a row go nowhere, not "to the same place" (technique H2 is about one destination)
    assert [f for f in page["findings"] if "link_purpose" in (f.get("rules") or [f["rule"]])] == []


def test_a_small_link_is_one_finding_charged_to_pointer_users_only(audited):
    page = audited["small_link"]
    on_first = [f for f in page["findings"] if f["outcome"] == "fail" and f["wcag"] and "2.5.8" in f["wcag"]
                and f["name"] in ("1", "?page=1")]
    assert len(on_first) == 1, on_first
    assert {"target-size", "target_size"} <= set(on_first[0]["rules"])
    assert "christopher" not in on_first[0]["personas"] and "ron" in on_first[0]["personas"]
    assert page["verdicts"]["christopher"]["verdict"] == "can use"


def test_a_right_to_left_word_alone_needs_no_dir_but_a_sentence_does(audited):
    direction = [f for f in fails(audited["rtl_names"], "language") if f["wcag"] == ["1.3.2"]]
    assert [f["selector"].split(" > ")[-1] for f in direction] == ["p:nth-of-type(2)", "p:nth-of-type(3)"], direction


def test_text_over_a_drawn_band_is_judged_from_its_pixels(audited):
    page = audited["text_over_drawn_boxes"]
    contrast = {(f["outcome"], f["selector"]) for f in page["findings"] if "color-contrast" in (f.get("rules") or [f["rule"]])}
    assert contrast == {("fail", "#post"), ("fail", "#whole"), ("review", "#band")}, contrast
    measured = [f for f in page["findings"] if f["selector"] == "#whole"][0]
    assert "1.41:1 behind most of it, 4.5:1 needed" in measured["message"]


def test_a_fields_bold_error_message_is_not_a_fake_heading(audited):
    looks = [f["name"] for f in audited["field_error"]["findings"]
             if f["rule"] == "heading_outline" and f["id"] and "looks like a heading" in f["message"]]
    assert looks == ["Contact details"], looks


def test_focus_below_the_fold_on_a_smoothly_scrolling_page_is_seen(audited):
    assert fails(audited["smooth_scroll"], "focus_visibility") == []
