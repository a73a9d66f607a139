"""The layout probes (reflow, text_resize, text_spacing, readability) on hand-built layout artifacts."""

from __future__ import annotations

from auditor.gatherers.layout import plan_widths
from auditor.probes import orientation, readability, reflow, text_resize, text_spacing
from auditor.probes.base import AuditParams

PARAMS = AuditParams()


def element(selector: str, text: str, role: str = "generic") -> dict:
    return {"selector": selector, "snippet": f"<div>{text}</div>", "role": role, "name": text[:80], "text": text}


def offender(selector: str = "#wrapper", cut_off: bool = False) -> dict:
    return {**element(selector, "Apply for a parking permit"), "right": 960, "width": 960, "content": 3,
            "sample": "Apply for a parking permit", "cut_off": cut_off}


def width_entry(width: int = 320, zooms: list[int] | None = None, offenders: list[dict] | None = None) -> dict:
    offenders = offenders or []
    return {"width": width, "height": 800, "zooms": zooms if zooms is not None else [400],
            "scroll_width": 960 if offenders else width, "client_width": width,
            "scrolls": bool(offenders), "offenders": offenders}


def changed(**parts) -> dict:
    base = {"scroll_width": 1280, "client_width": 1280, "scrolls": False, "offenders": [], "clipped": [],
            "overlaps": [], "lost": []}
    return {**base, **parts}


def clipped_group() -> dict:
    return {"container": element("#card", "Road closures this weekend"), "hidden": 0.48,
            "texts": [{"selector": "#card > p", "text": "Road closures this weekend", "hidden": 0.48}]}


def layout(**parts) -> dict:
    base = {"viewport": {"width": 1280, "height": 800}, "blocks": 10, "widths": [width_entry()],
            "text_resize": [{"zoom": 200, **changed()}], "text_spacing": changed(),
            "readability": {"justified": [], "caps": [], "italic": [], "long_lines": [], "tiny": []}}
    return {"layout": {**base, **parts}}


# -- reflow --------------------------------------------------------------------------------------------------
def test_reflow_fails_on_an_offender_with_its_selector_and_width():
    findings = reflow.check(layout(widths=[width_entry(offenders=[offender()])]), PARAMS)
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.outcome, f.impact, f.selector) == ("reflow", "fail", "serious", "#wrapper")
    assert "{who} has to scroll sideways" in f.message and "320 CSS px" in f.message
    assert "640 px past the right edge" in f.message
    assert f.evidence["width"] == 320 and f.evidence["cut_off"] is False


def test_reflow_says_when_content_is_cut_off_rather_than_scrollable():
    findings = reflow.check(layout(widths=[width_entry(offenders=[offender(cut_off=True)])]), PARAMS)
    assert "cut off at the right edge" in findings[0].message


def test_reflow_is_silent_when_the_page_fits():
    assert reflow.check(layout(), PARAMS) == []


def test_reflow_reports_an_offender_once_at_its_narrowest_width():
    widths = [width_entry(640, [200], [offender()]), width_entry(320, [400], [offender()])]
    findings = reflow.check(layout(widths=widths), PARAMS)
    assert [f.evidence["width"] for f in findings] == [320]


def test_reflow_skips_widths_the_persona_does_not_audit():
    widths = [width_entry(320, [400], [offender()])]
    assert reflow.check(layout(widths=widths), AuditParams(viewport_widths=(), zoom_levels=(200,))) == []
    assert len(reflow.check(layout(widths=widths), AuditParams(viewport_widths=(320,), zoom_levels=()))) == 1


def test_reflow_is_a_review_where_the_page_was_still_answering_the_resize_at_the_limit():
    """A width measured while the page was still changing at the gatherer's limit (settle.settled false): what
    passes the edge then may be gone once the page settles. A settled width (or an artifact from before the
    wait was recorded) fails as before."""
    restless = {**width_entry(offenders=[offender()]), "settle": {"ms": 1004, "frames": 60, "settled": False,
                                                                 "answered": True}}
    [f] = reflow.check(layout(widths=[restless]), PARAMS)
    assert f.outcome == "review" and f.evidence["settled"] is False
    assert "still changing 1004 ms after the window was resized" in f.message
    settled = {**restless, "settle": {"ms": 130, "frames": 3, "settled": True, "answered": True}}
    [f] = reflow.check(layout(widths=[settled]), PARAMS)
    assert f.outcome == "fail" and "settled" not in f.evidence and "still changing" not in f.message


def test_reflow_fails_what_stayed_put_on_a_page_still_answering_and_a_review_hides_no_wider_failure():
    """On a width measured at the limit, an offender found at the same place when measured again some frames later
    (steady) fails as on a settled page; one that moved is a review. An offender that was only a review at the
    narrowest width still fails at a wider width that settled."""
    still = {"ms": 1004, "frames": 60, "settled": False, "answered": True}
    narrow = {**width_entry(offenders=[{**offender("#a"), "steady": True}, offender("#b")]), "settle": still}
    wider = {**width_entry(width=400, zooms=[], offenders=[offender("#b"), offender("#a")]),
             "settle": {"ms": 40, "frames": 2, "settled": True, "answered": True}}
    params = AuditParams(viewport_widths=(320, 400), zoom_levels=())
    found = [(f.selector, f.outcome, f.evidence["width"]) for f in reflow.check(layout(widths=[wider, narrow]), params)]
    assert found == [("#a", "fail", 320), ("#b", "review", 320), ("#b", "fail", 400)], found
    [steady, moved] = reflow.check(layout(widths=[narrow]), params)
    assert steady.evidence["steady"] is True and "still changing" not in steady.message
    assert moved.evidence["steady"] is False and "still changing" in moved.message


def test_reflow_ignores_a_failed_or_missing_gatherer():
    assert reflow.check({"layout": {"error": "boom"}}, PARAMS) == []
    assert reflow.check({}, PARAMS) == []


# -- text_resize ---------------------------------------------------------------------------------------------
def test_text_resize_fails_on_clipped_overlapping_and_lost_text():
    entry = {"zoom": 200, **changed(
        clipped=[clipped_group()],
        overlaps=[{"a": element("#tile", "The library reopens"), "b": element("#after", "Parking charges change"),
                   "area": 5906}],
        lost=[element("#note", "Closed on Sunday")])}
    findings = text_resize.check(layout(text_resize=[entry]), PARAMS)
    assert [f.evidence["kind"] for f in findings] == ["clipped", "overlap", "lost"]
    assert all(f.outcome == "fail" and f.rule == "text_resize" for f in findings)
    assert findings[0].selector == "#card" and "cut off by its box" in findings[0].message
    assert "48%" in findings[0].message and "200% text size" in findings[0].message
    assert "'The library reopens' overlaps 'Parking charges change'" in findings[1].message
    assert len({f.key for f in findings}) == 3


def test_text_resize_fails_when_text_is_pushed_off_an_unscrollable_edge_but_not_when_it_scrolls():
    cut = {"zoom": 200, **changed(offenders=[offender(cut_off=True)])}
    scrolls = {"zoom": 200, **changed(offenders=[offender(cut_off=False)])}
    assert [f.evidence["kind"] for f in text_resize.check(layout(text_resize=[cut]), PARAMS)] == ["cut_off"]
    assert text_resize.check(layout(text_resize=[scrolls]), PARAMS) == []


def test_text_resize_is_silent_on_a_clean_page_and_for_zoom_levels_not_audited():
    assert text_resize.check(layout(), PARAMS) == []
    entry = {"zoom": 200, **changed(clipped=[clipped_group()])}
    assert text_resize.check(layout(text_resize=[entry]), AuditParams(zoom_levels=(400,))) == []


# -- text_spacing --------------------------------------------------------------------------------------------
def test_text_spacing_fails_on_clipped_text():
    findings = text_spacing.check(layout(text_spacing=changed(clipped=[clipped_group()])), PARAMS)
    assert len(findings) == 1
    assert findings[0].rule == "text_spacing" and findings[0].outcome == "fail"
    assert "with wider text spacing" in findings[0].message


def test_text_spacing_is_silent_on_a_clean_page():
    assert text_spacing.check(layout(), PARAMS) == []
    assert text_spacing.check({"layout": {"error": "x"}}, PARAMS) == []


# -- readability ---------------------------------------------------------------------------------------------
def readable(**kinds) -> dict:
    base = {"justified": [], "caps": [], "italic": [], "long_lines": [], "tiny": []}
    return layout(readability={**base, **kinds})


def test_readability_reports_each_problem_once_failing_only_justified_and_tight_text():
    r = readable(
        justified=[{**element("#justified", "When text is justified"), "blocks": 2, "words": 60}],
        caps=[{**element("#shout", "PLEASE READ ALL OF THESE NOTES"), "blocks": 1, "max_words": 16,
               "authored": False}],
        italic=[{**element("#aside", "Applications received after"), "blocks": 1, "max_words": 44}],
        long_lines=[{**element("main", "Applications must include"), "blocks": 1, "max_chars": 177}],
        tiny=[{**element("#legal", "Information you give us"), "elements": 1, "font_size": 10}],
    )
    findings = readability.check(r, PARAMS)
    assert [f.evidence["kind"] for f in findings] == ["justified", "caps", "italic", "long_lines", "tiny"]
    assert [f.outcome for f in findings] == ["fail", "review", "review", "review", "review"]
    assert findings[0].impact == "minor"
    assert "(2 paragraphs)" in findings[0].message
    assert "16 words in a row are in capitals" in findings[1].message
    assert "about 177 characters" in findings[3].message
    assert "10 px, under 12 px" in findings[4].message


def test_readability_thresholds_keep_ordinary_text_quiet():
    r = readable(
        caps=[{**element("#tag", "NEW FOR YOU"), "blocks": 1, "max_words": 3, "authored": True}],
        italic=[{**element("em", "note that this is short"), "blocks": 1, "max_words": 12}],
        long_lines=[{**element("main", "Pay your council tax"), "blocks": 2, "max_chars": 76}],
        tiny=[{**element("#hint", "For example 12345678"), "elements": 1, "font_size": 14}],
    )
    assert readability.check(r, PARAMS) == []


def test_readability_fails_lines_set_tighter_than_the_text_size():
    r = readable(tight=[{**element("#dense", "Many people have trouble tracking lines"), "blocks": 1,
                         "line_height": 0.9},
                        {**element("#snug", "A snug but ordinary paragraph"), "blocks": 3, "line_height": 1.1}])
    [f] = readability.check(r, PARAMS)
    assert (f.outcome, f.selector, f.evidence) == ("fail", "#dense", {"kind": "tight", "line_height": 0.9})
    assert "0.9 times the text size apart" in f.message
    # an artifact from before the gatherer measured line height, or a bad value, says nothing
    assert readability.check(readable(tight=[{**element("#x", "y"), "line_height": "tight"}]), PARAMS) == []
    assert readability.check(readable(), PARAMS) == []


def test_readability_uses_the_personas_limits():
    r = readable(long_lines=[{**element("main", "Pay"), "blocks": 2, "max_chars": 76}],
                 tiny=[{**element("#hint", "For example"), "elements": 3, "font_size": 14}])
    findings = readability.check(r, AuditParams(max_line_length=70, min_text_size=16))
    assert [f.evidence["kind"] for f in findings] == ["long_lines", "tiny"]
    assert "and 2 more pieces of text" in findings[1].message


# -- width planning ------------------------------------------------------------------------------------------
def test_plan_widths_merges_viewport_widths_with_page_zoom_equivalents():
    assert plan_widths((320,), (200, 400), 1280) == [{"width": 320, "zooms": [400]}]
    assert plan_widths((320, 768), (300, 400), 1280) == [
        {"width": 320, "zooms": [400]}, {"width": 427, "zooms": [300]}, {"width": 768, "zooms": []}]
    assert plan_widths((), (200,), 1280) == []


def _turned(landscape: float, portrait: float, selector: str = "html > body") -> dict:
    return {"layout": {"rotation": [{"selector": "html", "angle": 0}, {"selector": selector, "angle": landscape}],
                       "widths": [{"width": 320, "rotation": [{"selector": "html", "angle": 0},
                                                              {"selector": selector, "angle": portrait}]}]}}


def test_orientation_fails_a_quarter_turn_between_portrait_and_landscape():
    for landscape, portrait in ((0, 90), (0, 270), (2.5, 92.5), (359, 89.5), (90, 0)):
        found = orientation.check(_turned(landscape, portrait), PARAMS)
        assert [(f.selector, f.wcag) for f in found] == [("html > body", ["1.3.4"])], (landscape, portrait)


def test_orientation_passes_no_turn_a_whole_turn_or_a_tilt():
    for landscape, portrait in ((0, 0), (0, 360), (0, 180), (0, 45), (0, 80), (30, 30)):
        assert orientation.check(_turned(landscape, portrait), PARAMS) == [], (landscape, portrait)
    assert orientation.applies(_turned(0, 0), PARAMS)


def test_orientation_needs_both_orientations():
    art = _turned(0, 90)
    del art["layout"]["widths"][0]["rotation"]
    assert not orientation.applies(art, PARAMS) and orientation.check(art, PARAMS) == []
    assert orientation.check({"layout": {"error": "boom"}}, PARAMS) == []


def test_text_resize_fails_a_viewport_that_stops_zooming_as_browsers_read_it():
    """ACT b4f0c3: user-scalable off (no, 0.5, a word that is not yes) or maximum-scale under 2 (yes is 1, a word
    is 0); a negative maximum-scale is ignored; width alone says nothing about zoom."""
    blocked = ["user-scalable=no", "user-scalable=0.5", "user-scalable=invalid",
               "user-scalable=yes, initial-scale=0.8, maximum-scale=1.5", "maximum-scale=1.0", "maximum-scale=yes",
               "maximum-scale=invalid", "width=device-width; maximum-scale=1"]
    allowed = ["user-scalable=yes", "maximum-scale=2.0", "maximum-scale=-1", "width=device-width, initial-scale=1",
               "", "user-scalable=device-width", "maximum-scale=5"]
    for content in blocked + allowed:
        found = text_resize.check({"dom": {"meta": {"viewport": content}}}, PARAMS)
        assert [(f.key, f.wcag) for f in found] == ([("viewport", ["1.4.4"])] if content in blocked else []), content
    assert text_resize.check({"dom": {"meta": {"viewport": None}}}, PARAMS) == []
