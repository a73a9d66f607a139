"""The content probes (axe, language, media_alternative, motion, timing) on hand-built artifacts."""

from __future__ import annotations

import pytest

from auditor.gatherers.dom import classify_media, media_kind
from auditor.probes import axe, language, media_alternative, motion, timing
from auditor.probes.base import AuditParams

P = AuditParams()
AXE_CLEAN = {"engine": "axe-core 4.12.1", "tags": [], "violations": [], "incomplete": [],
             "frames": {"tested": [], "untested": []}, "ms": 180}


def axe_rule(rule_id, tags, nodes, impact="serious", help_text="Some help"):
    return {"id": rule_id, "impact": impact, "tags": tags, "help": help_text, "description": "",
            "helpUrl": f"https://example.test/{rule_id}", "nodes": nodes, "nodes_total": len(nodes)}


def axe_node(target, html, summary="Fix any of the following:\n  thing", keys=(), impact="serious"):
    return {"target": target, "html": html, "impact": impact, "failureSummary": summary,
            "any": [{"id": "c", "message": "m", "key": k} for k in keys], "all": [], "none": []}


def with_axe(violations=(), incomplete=()):
    return {**AXE_CLEAN, "violations": list(violations), "incomplete": list(incomplete)}


def dom(**parts):
    base = {"title": "t", "lang": {"html": "en", "xml_lang": None, "elements": []},
            "meta": {"refresh": [], "viewport": None}, "text_blocks": [], "media": [],
            "motion": {"marquee": [], "blink": [], "animations": [], "animations_total": 0, "gifs": [],
                       "reduced_motion_css": False, "reduced_motion_script": False, "stylesheets_unreadable": 0},
            "timing": {"scripts": []}, "ms": 10}
    for key, value in parts.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


# --- axe ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("tags, expected", [
    (["wcag2a", "wcag111", "cat.text-alternatives"], ["1.1.1"]),
    (["wcag21aa", "wcag1410"], ["1.4.10"]),
    (["wcag22aa", "wcag258", "wcag258"], ["2.5.8"]),
    (["best-practice", "cat.semantics"], []),
])
def test_wcag_criteria_from_axe_tags(tags, expected):
    assert axe.wcag_criteria(tags) == expected


def test_violation_node_becomes_a_fail_told_from_the_persona_side():
    rule = axe_rule("label", ["cat.forms", "wcag2a", "wcag412"],
                    [axe_node(["#account"], '<input type="text" id="account" name="account">', impact="critical")],
                    impact="critical")
    [f] = axe.check({"axe": with_axe([rule])}, P)
    assert (f.rule, f.outcome, f.impact) == ("label", "fail", "critical")
    assert f.message == "{who} hears 'edit text' and cannot tell what to type: this field has no label"
    assert f.heard == "edit text"
    assert f.wcag == ["4.1.2"] and f.personas == ["ashleigh"]
    assert f.selector == "#account" and f.role == "input text" and f.name == "account"
    assert "label" in f.fix.lower()


def test_personas_come_from_rule_table_then_category():
    assert axe.personas_for("target-size", ["cat.sensory-and-visual-cues"]) == ["ron", "christopher"]
    assert axe.personas_for("bypass", ["cat.keyboard", "wcag241"]) == ["christopher", "ashleigh"]
    assert axe.personas_for("unknown-rule", ["cat.time-and-media"]) == ["saleem", "pawel"]
    assert axe.personas_for("unknown-rule", []) == ["ashleigh"]


def test_unknown_rule_falls_back_to_axe_help_and_failure_summary():
    rule = axe_rule("aria-braille-equivalent", ["cat.aria", "wcag2a", "wcag412"],
                    [axe_node(["#b"], '<div id="b" aria-braillelabel="x">', summary="Fix all:\n  Add aria-label")],
                    help_text="aria-braille attributes must have a non-braille equivalent")
    [f] = axe.check({"axe": with_axe([rule])}, P)
    assert f.message == "{who} meets a barrier here: aria-braille attributes must have a non-braille equivalent"
    assert "Add aria-label" in f.fix
    assert f.personas == ["ashleigh"]


@pytest.mark.parametrize("html, kept", [
    ('<div style="letter-spacing: 0.1em !important;"></div>', False),                       # no text at all
    ('<div style="word-spacing: 0.1em !important"> <p style="word-spacing: 0.2em !important;"> The toy </p>'
     ' </div>', False),                                                                     # a child decides
    ('<div style="word-spacing: 0.1em !important"> <p> The toy </p> </div>', True),         # the text inherits it
    ('<p style="line-height: 1 !important">One<br>two</p>', True),
    ('<div style="letter-spacing: 0.1em !important"> <p style="letter-spacing: 0.2em !important;"> The to',
     True),                                                                                 # cut short: kept
])
def test_inline_spacing_that_reaches_no_text_is_dropped(html, kept):
    rule = axe_rule("avoid-inline-spacing", ["cat.structure", "wcag21aa", "wcag1412"], [axe_node(["#s"], html)])
    assert bool(axe.check({"axe": with_axe([rule])}, P)) == kept


def test_incomplete_contrast_kept_over_images_and_dropped_when_informational():
    rule = axe_rule("color-contrast", ["cat.color", "wcag2aa", "wcag143"], [
        axe_node([".hero"], '<p class="hero">Bills</p>', keys=("bgImage",)),
        axe_node([".icon"], '<span class="icon">→</span>', keys=("nonBmp",)),
        axe_node([".tiny"], '<span class="tiny">x</span>', keys=("shortTextContent",)),
    ])
    findings = axe.check({"axe": with_axe(incomplete=[rule])}, P)
    assert [(f.outcome, f.selector) for f in findings] == [("review", ".hero")]
    assert findings[0].message.startswith("Check by eye:")


def test_frame_tested_and_audio_caption_are_not_reported():
    incomplete = [axe_rule("frame-tested", ["cat.structure", "best-practice"], [axe_node(["iframe"], "<iframe>")]),
                  axe_rule("audio-caption", ["cat.time-and-media", "wcag2a", "wcag121"],
                           [axe_node(["audio"], "<audio>")])]
    assert axe.check({"axe": with_axe(incomplete=incomplete)}, P) == []


def test_region_becomes_one_review_for_the_page():
    nodes = [axe_node([f"div:nth-child({i})"], f"<div>{i}</div>", impact="moderate") for i in range(1, 5)]
    [f] = axe.check({"axe": with_axe([axe_rule("region", ["cat.keyboard", "best-practice"], nodes, "moderate")])}, P)
    assert (f.rule, f.outcome, f.impact, f.wcag) == ("region", "review", "moderate", [])
    assert "4 parts" in f.message
    assert len(f.evidence["targets"]) == 4


def test_frame_targets_are_joined_and_same_named_nodes_get_distinct_fingerprints():
    nodes = [axe_node(["img"], '<img src="a/logo.png">'), axe_node(["iframe", "img"], '<img src="b/logo.png">')]
    findings = axe.check({"axe": with_axe([axe_rule("image-alt", ["cat.text-alternatives", "wcag111"], nodes)])}, P)
    assert [f.selector for f in findings] == ["img", "iframe >>> img"]
    for f in findings:
        f.url = "https://council.test/pay"
    assert len({f.compute_id() for f in findings}) == 2


def test_no_axe_artifact_or_failed_axe_gives_nothing():
    assert axe.check({}, P) == []
    assert axe.check({"axe": {"error": "boom"}}, P) == []
    assert not axe.axe_ran({"axe": {"error": "boom"}}) and axe.axe_ran({"axe": AXE_CLEAN})


# --- language -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code, outcome", [
    ("en", None), ("en-GB", None), ("CY", None), ("zh-Hant-TW", None), ("en-US-GB", None),
    ("", "fail"), ("english", "fail"), ("en_GB", "fail"), ("xx", "fail"), ("eng", "fail"), ("cym", "fail"),
    ("sco", "review"),
])
def test_lang_codes(code, outcome):
    problem = language.lang_problem(code)
    assert (problem[0] if problem else None) == outcome


def test_an_element_lang_is_judged_only_where_it_governs_rendered_text():
    """ACT de46e4's applicability: a lang that no rendered, non-blank text takes its language from (hidden
    text, whitespace only, a nearer lang on all of it) is spoken by nobody; an empty lang is no tag at all."""
    def lang_findings(elements):
        art = {"dom": {"lang": {"html": "en", "elements": elements}, "text_blocks": []}}
        return [f for f in language.check(art, P) if f.rule == "language"]

    bad = {"selector": "p", "lang": "invalid", "text": "Text"}
    assert lang_findings([{**bad, "governs": True}])
    assert lang_findings([bad])                              # artifacts from before ``governs``: judged
    assert lang_findings([{**bad, "governs": False}]) == []
    assert lang_findings([{**bad, "lang": "", "governs": True}]) == []


@pytest.mark.parametrize("code, text", [
    ("en", "Your green bin is collected every two weeks on the same day as your black bin."),
    ("cy", "Mae eich bin gwyrdd yn cael ei gasglu bob pythefnos ar yr un diwrnod â'ch bin du."),
    ("fr", "Votre poubelle verte est collectée toutes les deux semaines, le même jour que la poubelle noire."),
    ("de", "Ihre grüne Tonne wird alle zwei Wochen am selben Tag wie die schwarze Tonne geleert."),
    ("es", "Su contenedor verde se recoge cada dos semanas el mismo día que el contenedor negro."),
    ("it", "Il bidone verde viene svuotato ogni due settimane nello stesso giorno del bidone nero."),
    ("pt", "O seu contentor verde é recolhido de duas em duas semanas no mesmo dia que o contentor preto."),
    ("pl", "Twój zielony pojemnik jest opróżniany co dwa tygodnie w tym samym dniu co czarny pojemnik."),
])
def test_guess_language(code, text):
    assert language.guess_language(text) == code


def test_guess_language_declines_short_or_unclear_text():
    assert language.guess_language("Pay council tax") is None
    assert language.guess_language("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod") is None


def test_missing_lang_reported_only_when_axe_did_not_run():
    artifacts = {"dom": dom(lang={"html": None})}
    [f] = language.check(artifacts, P)
    assert (f.outcome, f.selector) == ("fail", "html")
    assert language.check({**artifacts, "axe": AXE_CLEAN}, P) == []


def test_invalid_code_left_to_axe_when_axe_flagged_it():
    flagged = axe_rule("html-lang-valid", ["cat.language", "wcag311"], [axe_node(["html"], '<html lang="eng">')])
    artifacts = {"dom": dom(lang={"html": "eng"})}
    assert [f.outcome for f in language.check({**artifacts, "axe": AXE_CLEAN}, P)] == ["fail"]
    assert language.check({**artifacts, "axe": with_axe([flagged])}, P) == []


def test_three_letter_code_on_a_passage_is_a_review():
    artifacts = {"dom": dom(lang={"elements": [{"selector": "#s", "lang": "sco", "text": "Haud yer wheesht"}]}),
                 "axe": AXE_CLEAN}
    [f] = language.check(artifacts, P)
    assert (f.outcome, f.selector, f.wcag) == ("review", "#s", ["3.1.2"])


WELSH = "Mae eich bin gwyrdd yn cael ei gasglu bob pythefnos ar yr un diwrnod â'ch bin du, a gallwch wirio'r diwrnod."
ENGLISH = "Your green bin is collected every two weeks on the same day as your black bin, and you can check online."


def block(text, lang="en", selector="p"):
    return {"selector": selector, "lang": lang, "text": text, "words": len(text.split())}


def test_unmarked_passage_in_another_language_is_a_review():
    artifacts = {"dom": dom(text_blocks=[block(ENGLISH, selector="#en"), block(WELSH, selector="#cy")]),
                 "axe": AXE_CLEAN}
    [f] = language.check(artifacts, P)
    assert (f.outcome, f.selector) == ("review", "#cy")
    assert "Welsh passage" in f.message and 'lang="cy"' in f.fix


def test_marked_passage_is_fine():
    artifacts = {"dom": dom(text_blocks=[block(ENGLISH), block(WELSH, lang="cy")]), "axe": AXE_CLEAN}
    assert language.check(artifacts, P) == []


def test_whole_page_in_another_language_is_one_fail_not_one_per_passage():
    artifacts = {"dom": dom(text_blocks=[block(WELSH, selector=f"#p{i}") for i in range(5)]), "axe": AXE_CLEAN}
    [f] = language.check(artifacts, P)
    assert (f.outcome, f.selector, f.wcag) == ("fail", "html", ["3.1.1"])
    assert "reads as Welsh" in f.message


DANISH = "Din grønne affaldsspand bliver tømt hver anden uge på samme dag som din sorte spand, og du kan se datoen."


def test_page_language_decided_by_cld2_beyond_the_stop_word_languages():
    """A Danish page declared Dutch: CLD2 reads it reliably, and knows Dutch, so the lang is wrong (3.1.1)."""
    [f] = language.check({"dom": dom(lang={"html": "nl"}, text_blocks=[block(DANISH, lang="nl")]), "axe": AXE_CLEAN},
                         P)
    assert (f.outcome, f.key, f.evidence["guessed"]) == ("fail", "page", "da")
    # the title takes its language from <html> too: a short page is judged with it
    short = block("Your bin is collected every two weeks.", lang="nl")
    [f] = language.check({"dom": dom(lang={"html": "nl"}, title="Bin collection days for your street",
                                     text_blocks=[short]), "axe": AXE_CLEAN}, P)
    assert (f.outcome, f.evidence["guessed"]) == ("fail", "en")


def test_page_with_some_text_in_its_declared_language_is_only_a_review():
    """A Welsh example on a page declared English whose title is English: CLD2 weighs the page as Welsh, but part
    of it is in the declared language, so the lang may be right and the Welsh unmarked (a review, not a fail)."""
    welsh = block("Pryd gafodd eich pasbort ei gyhoeddi? Er enghraifft, 27 3 2007 Dydd Mis Blwyddyn")
    artifacts = {"dom": dom(title="Date input: with translations - example", text_blocks=[welsh]), "axe": AXE_CLEAN}
    assert keys(language.check(artifacts, P)) == [("page", "review")]
    assert keys(language.check({**artifacts, "dom": dom(title="", text_blocks=[welsh])}, P)) == [("page", "fail")]


def test_passage_with_a_wrong_lang_fails_3_1_2_and_unsure_readings_are_reviews():
    wrong = block(ENGLISH, lang="fr", selector="#q")
    [f] = language.check({"dom": dom(text_blocks=[block(ENGLISH), wrong]), "axe": AXE_CLEAN}, P)
    assert (f.outcome, f.selector, f.wcag) == ("fail", "#q", ["3.1.2"])
    # fewer than MIN_WORDS words and every word as much French as English: not judged (both languages)
    few = block("Paul put dire comment on tape", lang="fr", selector="#q")
    assert language.check({"dom": dom(text_blocks=[block(ENGLISH), few]), "axe": AXE_CLEAN}, P) == []
    # a declared language CLD2 cannot detect is only a review; placeholder Latin is left alone
    cornish = block(ENGLISH, lang="kw", selector="#q")
    assert keys(language.check({"dom": dom(text_blocks=[block(ENGLISH), cornish]), "axe": AXE_CLEAN}, P)) == [
        ("passage", "review")]
    lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore."
    assert language.check({"dom": dom(text_blocks=[block(lorem)]), "axe": AXE_CLEAN}, P) == []


# --- media_alternative --------------------------------------------------------------------------------------
def media(**kw):
    item = {"element": "video", "kind": "video", "host": None, "selector": "#v", "snippet": "<video>", "src": "v.mp4",
            "name": "", "visible": True, "autoplay": False, "muted": False, "controls": True, "loop": False,
            "duration": None, "tracks": [], "captions_param": False, "nearby": [], "transcript": []}
    item.update(kw)
    return item


def keys(findings):
    return sorted((f.key, f.outcome) for f in findings)


def test_video_without_captions_track_is_a_review_unless_axe_ran():
    captioned = media(tracks=[{"kind": "captions", "srclang": "en", "label": "English"},
                              {"kind": "descriptions", "srclang": "en", "label": "AD"}])
    assert keys(media_alternative.check({"dom": dom(media=[media()])}, P)) == [
        ("captions", "review"), ("description", "review")]
    assert keys(media_alternative.check({"dom": dom(media=[media()]), "axe": AXE_CLEAN}, P)) == [
        ("description", "review")]
    assert [f.wcag for f in media_alternative.check({"dom": dom(media=[media()]), "axe": AXE_CLEAN}, P)] == [
        ["1.2.3", "1.2.5", "1.2.8"]]
    # captions and audio description, but no transcript: 1.2.8 (AAA, a full text alternative, G69) is a review
    found = media_alternative.check({"dom": dom(media=[captioned])}, P)
    assert keys(found) == [("transcript", "review")] and found[0].wcag == ["1.2.8"]
    transcript = [{"text": "Read the transcript", "href": "t"}]
    assert media_alternative.check({"dom": dom(media=[{**captioned, "transcript": transcript}])}, P) == []


def test_audio_needs_a_transcript_nearby():
    audio = media(element="audio", kind="audio", selector="#a")
    with_link = media(element="audio", kind="audio", transcript=[{"text": "Read the transcript", "href": "t"}])
    assert keys(media_alternative.check({"dom": dom(media=[audio])}, P)) == [("transcript", "review")]
    assert media_alternative.check({"dom": dom(media=[with_link])}, P) == []


def test_autoplaying_sound():
    transcript = [{"text": "Transcript", "href": "t"}]
    loud = media(element="audio", kind="audio", autoplay=True, controls=False, transcript=transcript)
    quiet = media(element="audio", kind="audio", autoplay=True, muted=True, controls=False, transcript=transcript)
    pausable = media(element="audio", kind="audio", autoplay=True, controls=True, transcript=transcript)
    assert keys(media_alternative.check({"dom": dom(media=[loud])}, P)) == [("autoplay", "fail")]
    assert media_alternative.check({"dom": dom(media=[loud]), "axe": AXE_CLEAN}, P) == []
    assert media_alternative.check({"dom": dom(media=[quiet])}, P) == []
    assert keys(media_alternative.check({"dom": dom(media=[pausable])}, P)) == [("autoplay", "review")]


def test_embedded_player_captions_and_autoplay_are_reviews():
    player = media(element="iframe", host="youtube", autoplay=True, controls=True, name="Our parks")
    found = media_alternative.check({"dom": dom(media=[player]), "axe": AXE_CLEAN}, P)
    assert keys(found) == [("autoplay", "review"), ("captions", "review")]
    assert "YouTube" in [f for f in found if f.key == "captions"][0].message
    captioned = media(element="iframe", host="youtube", captions_param=True)
    assert media_alternative.check({"dom": dom(media=[captioned])}, P) == []


def test_visible_media_without_controls_is_a_review():
    silent = media(controls=False, tracks=[{"kind": "captions"}, {"kind": "descriptions"}],
                   transcript=[{"text": "Transcript", "href": "t"}])
    assert keys(media_alternative.check({"dom": dom(media=[silent]), "axe": AXE_CLEAN}, P)) == [
        ("controls", "review")]
    assert media_alternative.check({"dom": dom(media=[{**silent, "visible": False}]), "axe": AXE_CLEAN}, P) == []


@pytest.mark.parametrize("element, src, mime, expected", [
    ("video", "", "", ("video", None)),
    ("iframe", "https://www.youtube-nocookie.com/embed/x", "", ("video", "youtube")),
    ("iframe", "https://player.vimeo.com/video/1", "", ("video", "vimeo")),
    ("iframe", "https://w.soundcloud.com/player/?url=x", "", ("audio", "soundcloud")),
    ("iframe", "https://maps.example.test/embed", "", (None, None)),
    ("object", "https://council.test/a/film.mp4", "", ("video", None)),
    ("embed", "https://council.test/a/talk", "audio/mpeg", ("audio", None)),
])
def test_media_kind(element, src, mime, expected):
    assert media_kind(element, src, mime) == expected


def test_classify_media_reads_player_parameters_and_transcript_links():
    raw = [{"element": "iframe", "src": "https://www.youtube.com/embed/x?autoplay=1&mute=1&cc_load_policy=1",
            "type": "", "selector": "#y", "nearby": [{"text": "Read the transcript", "href": "#t"},
                                                     {"text": "Contact us", "href": "/c"}]},
           {"element": "iframe", "src": "https://maps.example.test/", "type": "", "selector": "#m", "nearby": []}]
    [item] = classify_media(raw)
    assert (item["kind"], item["host"], item["autoplay"], item["muted"], item["captions_param"]) == (
        "video", "youtube", True, True, True)
    assert item["transcript"] == [{"text": "Read the transcript", "href": "#t"}]
    assert "type" not in item


# --- motion -------------------------------------------------------------------------------------------------
def anim(**kw):
    a = {"selector": ".banner", "snippet": "<div>", "type": "CSSAnimation", "name": "pulse", "iterations": None,
         "duration_ms": 1000, "active_ms": None, "state": "running", "visible": True, "area": 12000}
    a.update(kw)
    return a


def test_marquee_and_blink_fail_unless_axe_ran():
    moving = {"marquee": [{"selector": "marquee", "snippet": "<marquee>", "text": "News"}],
              "blink": [{"selector": "blink", "snippet": "<blink>", "text": "New"}]}
    assert keys(motion.check({"dom": dom(motion=moving)}, P)) == [("blink", "fail"), ("marquee", "fail")]
    assert motion.check({"dom": dom(motion=moving), "axe": AXE_CLEAN}, P) == []


def test_endless_animation_without_reduced_motion_is_a_review():
    assert keys(motion.check({"dom": dom(motion={"animations": [anim(), anim()]})}, P)) == [("animation", "review")]
    assert motion.check({"dom": dom(motion={"animations": [anim()], "reduced_motion_css": True})}, P) == []
    assert motion.check({"dom": dom(motion={"animations": [anim(visible=False)]})}, P) == []
    assert motion.check({"dom": dom(motion={"animations": [anim(active_ms=3000, iterations=3)]})}, P) == []
    [f] = motion.check({"dom": dom(motion={"animations": [anim(active_ms=8000, iterations=8)]})}, P)
    assert "for 8 seconds" in f.message


def gif(**kw):
    g = {"selector": "#g", "snippet": "<img>", "src": "https://x.test/a.gif", "alt": "Tree", "visible": True,
         "width": 64, "height": 64, "frames": 6, "loops": 0, "cycle_ms": 1200}
    g.update(kw)
    return g


def test_gifs_reviewed_unless_proven_still_or_short():
    assert keys(motion.check({"dom": dom(motion={"gifs": [gif()]})}, P)) == [("gif", "review")]
    assert keys(motion.check({"dom": dom(motion={"gifs": [gif(frames=None, loops=None, cycle_ms=None)]})}, P)) == [
        ("gif", "review")]
    assert motion.check({"dom": dom(motion={"gifs": [gif(frames=1, loops=None)]})}, P) == []
    assert motion.check({"dom": dom(motion={"gifs": [gif(loops=2, cycle_ms=1000)]})}, P) == []  # 3 s in all
    assert motion.check({"dom": dom(motion={"gifs": [gif(visible=False)]})}, P) == []


def test_autoplaying_video_without_controls_is_a_review():
    video = media(autoplay=True, muted=True, controls=False)
    assert keys(motion.check({"dom": dom(media=[video])}, P)) == [("video", "review")]
    assert motion.check({"dom": dom(media=[{**video, "controls": True}])}, P) == []


# --- timing -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content, expected", [
    ("5; url=/next", (5.0, "/next")), ("30", (30.0, "")), ("0;URL='https://x.test/'", (0.0, "https://x.test/")),
    ("2, next.html", (2.0, "next.html")), ("soon", None),
    # as browsers read it (HTML's shared declarative refresh steps): a sign, a colon or a leading ';' is no refresh
    ("+5", None), ("-1 next", None), ("5: next.html", None), ("; 5", None), ("", None), (".5", (0.0, "")),
    ("3.9 ; URL = \"a b.html\"", (3.0, "a b.html")),
])
def test_parse_refresh(content, expected):
    assert timing.parse_refresh(content) == expected


@pytest.mark.parametrize("content, with_axe_artifact, expected", [
    ("600; url=timed-out.html", False, [("refresh", "fail")]),
    ("600; url=timed-out.html", True, []),
    ("0; url=/new-home", False, []),
    ("0", True, [("refresh", "review")]),
    ("72000", False, [("refresh", "fail")]),
    ("soon", True, []),
])
def test_meta_refresh(content, with_axe_artifact, expected):
    artifacts = {"dom": dom(meta={"refresh": [content]})}
    if with_axe_artifact:
        artifacts["axe"] = AXE_CLEAN
    assert keys(timing.check(artifacts, P)) == expected


def test_meta_refresh_criteria_follow_f41():
    """F41: 2.2.1, 2.2.4 and 3.2.5; 20 hours or more is past 2.2.1's exception but still fails the AAA two."""
    def criteria(*contents, by_axe=False):
        artifacts = {"dom": dom(meta={"refresh": list(contents)}), **({"axe": AXE_CLEAN} if by_axe else {})}
        return [f.wcag for f in timing.check(artifacts, P)]
    assert criteria("600") == [["2.2.1", "2.2.4", "3.2.5"]]
    assert criteria("72001; url=/next", by_axe=True) == [["2.2.4", "3.2.5"]]
    # only the first refresh a browser can read acts: an instant redirect first, a timed one after it
    assert criteria("0; url=/next", "30; url=/later") == []
    assert criteria("0: url=/next", "30; url=/later") == [["2.2.1", "2.2.4", "3.2.5"]]
    meta_refresh = {"id": "meta-refresh", "tags": ["cat.time-and-media", "wcag2a", "wcag221"],
                    "nodes": [{"html": '<meta http-equiv="refresh" content="30">', "target": ["meta"]}]}
    [f] = axe.check({"axe": {**AXE_CLEAN, "violations": [meta_refresh]}}, P)
    assert f.wcag == ["2.2.1", "2.2.4", "3.2.5"]


def script(text):
    return {"dom": dom(timing={"scripts": [{"selector": "script", "text": text}]}), "axe": AXE_CLEAN}


def test_scripted_redirect_after_a_delay_is_a_review():
    [f] = timing.check(script('setTimeout(function () { window.location.href = "out.html"; }, 15 * 60 * 1000);'), P)
    assert (f.outcome, f.evidence["delay_ms"]) == ("review", 900000)
    assert "15 minutes" in f.message


def test_named_timer_callback_and_reload_interval_are_reviews():
    named = "function signOut() { location.replace('/signed-out'); }\nsetTimeout(signOut, 600000);"
    assert keys(timing.check(script(named), P)) == [("timer1", "review")]
    assert keys(timing.check(script("setInterval(() => location.reload(), 60000)"), P)) == [("timer1", "review")]


def test_timers_that_do_not_navigate_or_redirect_at_once_are_fine():
    assert timing.check(script("setTimeout(function () { console.log('x'); }, 5000); var location = 1;"), P) == []
    assert timing.check(script("setTimeout(function () { location.href = '/go'; }, 500);"), P) == []


# -- timers the page started (recorded by the browser layer's init script) --------------------------------
def _timers_artifacts(*timers):
    return {"dom": {"meta": {"refresh": []}, "timing": {"scripts": []}}, "axe": {"violations": []},
            "timers": {"timers": list(timers)}}


def test_a_lone_redirect_timer_is_a_time_limit_without_warning():
    from auditor.probes import timing

    found = timing.check(_timers_artifacts(
        {"kind": "setTimeout", "delay": 120000, "source": 'function () { window.location.href = "/expired"; }'}),
        AuditParams())
    assert [(f.outcome, f.wcag) for f in found] == [("fail", ["2.2.1"])]
    assert found[0].message == ("{who} loses everything typed so far: after 2 minutes the page moves on by itself, "
                                "with no warning and no way to ask for more time")


def test_a_redirect_timer_beside_another_long_timer_is_review_and_harmless_timers_are_ignored():
    from auditor.probes import timing

    redirect = {"kind": "setTimeout", "delay": 120000, "source": "() => location.replace('/expired')"}
    warning = {"kind": "setTimeout", "delay": 100000, "source": "() => showWarning()"}
    assert [f.outcome for f in timing.check(_timers_artifacts(redirect, warning), AuditParams())] == ["review"]
    assert timing.check(_timers_artifacts(warning), AuditParams()) == []
    quick = {"kind": "setTimeout", "delay": 1000, "source": "() => location.assign('/next')"}
    assert timing.check(_timers_artifacts(quick), AuditParams()) == []


def test_short_texts_fail_only_when_no_word_of_them_is_of_the_declared_language():
    """Under 8 words CLD2's reading is not proof ("Paul put dire comment on tape" is English and French): a short
    text fails when CLD2 is sure, one of its words is commoner in that language and none in the declared one."""
    assert language.judge_short("Bonne année !", "nl") == "fr"
    assert language.judge_short("Hij ging met de kippen op stok", "fr") == "nl"
    assert language.judge_short("Fireworks over Paris", "fr") == "en"
    assert language.judge_short("Paul put dire comment on tape", "fr") is None     # "dire" is French
    assert language.judge_short("Paul put dire comment on tape", "en") is None     # it reads as English
    assert language.judge_short("Bonne année !", "fr") is None
    assert language.judge_short("Bonjour", "en") is None                           # one word: a name, a loanword
    assert language.judge_short("Croeso i Gymru", "en") is None                    # no word list for Welsh
    assert language.judge_short("GOV.UK logo", "de") is None                       # an acronym names something
    assert language.judge_short("Microsoft Teams", "fr") is None                   # a proper name (3.1.2 excepts)
    assert language.judge_short("Rejoignez-nous sur Microsoft Teams", "fr") is None
    assert language.judge_short("Join us on Microsoft Teams", "fr") == "en"       # its other words are English
    # 8 words CLD2 reads as French whose words are English ("example") and names: the words decide
    assert language.judge_language("Tag: turquoise - lbh-frontend 4.1.1 example Tag example Turquoise", "en") is None
    assert language.judge_short("The quick brown fox jumps over the lazy dog", "fr") is None   # long: CLD2 alone
    assert language.word_votes("Paul put dire comment on tape", "fr", "en") == (1, 1)  # "put" and "dire"
    assert language.word_votes("Croeso i Gymru", "cy", "en") is None


def names_dom(html, names=(), short=(), title="t", blocks=()):
    return dom(lang={"html": html, "names": list(names), "short": list(short)}, title=title, text_blocks=list(blocks))


def test_accessible_names_and_short_texts_are_in_the_language_of_their_element():
    """ACT: an accessible name (alt, aria-label, aria-labelledby's text) inherits the language of the element it
    names. An English alt in a French part fails 3.1.2; a French phrase marked Dutch too; a right one is fine."""
    alt = {"selector": "img", "lang": "fr", "root": False, "source": "alt", "text": "Fireworks over Paris", "words": 3}
    wrong = {"selector": "p", "lang": "nl", "root": False, "text": "Bonne année !", "words": 2}
    found = language.check({"dom": names_dom("fr", [alt], [wrong], title="Feu d'artifice du nouvel an"),
                            "axe": AXE_CLEAN}, P)
    assert sorted((f.outcome, f.key, f.selector, f.wcag[0], f.evidence["guessed"]) for f in found) == [
        ("fail", "short:fr", "img", "3.1.2", "en"), ("fail", "short:nl", "p", "3.1.2", "fr")]
    assert "text alternative" in [f for f in found if f.selector == "img"][0].message
    right = {**wrong, "lang": "fr"}
    english = {**alt, "lang": "en"}
    assert language.check({"dom": names_dom("fr", [english], [right], title="Feu d'artifice du nouvel an"),
                           "axe": AXE_CLEAN}, P) == []


def test_a_short_text_repeated_is_one_finding_keyed_by_its_words_and_language():
    """The fingerprint is (probe, page, role, name): the same words under the same lang are one finding whatever
    their markup (count and selectors in evidence); two different texts are two findings."""
    same = [{"selector": f"#p{i}", "lang": "nl", "root": False, "text": "Bonne  année !", "words": 2} for i in (1, 2)]
    other = {"selector": "#p3", "lang": "nl", "root": False, "text": "Joyeux Noël à tous", "words": 4}
    found = language.check({"dom": names_dom("nl", [], same + [other], title="Gelukkig nieuwjaar"),
                            "axe": AXE_CLEAN}, P)
    assert [(f.name, f.key, f.evidence["count"], f.evidence["selectors"]) for f in found] == [
        ("Bonne année !", "short:nl", 2, ["#p1", "#p2"]), ("Joyeux Noël à tous", "short:nl", 1, ["#p3"])]
    assert len({f.compute_id() for f in found}) == 2
    moved = [{**item, "selector": f"div > span.x{i}"} for i, item in enumerate(same)]
    again = language.check({"dom": names_dom("nl", [], moved + [other], title="Gelukkig nieuwjaar"),
                            "axe": AXE_CLEAN}, P)
    assert [f.compute_id() for f in again] == [f.id for f in found]


def test_page_language_counts_its_title_and_names_not_passages_marked_otherwise():
    """ucwvc8: the text inheriting <html lang> is its title, its unmarked text and the names of its unmarked
    elements; a passage with a lang of its own (even the same one) is not part of it."""
    alt = {"selector": "img", "lang": "nl", "root": True, "source": "alt", "text": "Fireworks over Paris", "words": 3}
    marked = {"selector": "p", "lang": "nl", "root": False, "text": "Gelukkig nieuwjaar!", "words": 2}
    [f] = language.check({"dom": names_dom("nl", [alt], [marked], title="Fireworks over Paris"), "axe": AXE_CLEAN}, P)
    assert (f.outcome, f.key, f.wcag, f.evidence["guessed"]) == ("fail", "page", ["3.1.1"], "en")
    assert language.check({"dom": names_dom("en", [{**alt, "lang": "en"}], [marked], title="Fireworks over Paris"),
                           "axe": AXE_CLEAN}, P) == []
    # a Dutch title and quotation on a page declared English, its English explanation marked lang="en"
    quote = {**block("Hij ging met de kippen op stok", lang="en"), "root": True}
    explained = {**block(ENGLISH, lang="en"), "root": False}
    [f] = language.check({"dom": dom(title="Met de kippen op stok", text_blocks=[quote, explained]),
                          "axe": AXE_CLEAN}, P)
    assert (f.outcome, f.key, f.evidence["guessed"]) == ("fail", "page", "nl")
    # the same words both English and French, on a French page: no default language to contradict
    both = {**block("Paul put dire comment on tape", lang="fr"), "root": True}
    assert language.check({"dom": dom(lang={"html": "fr"}, title="Paul put dire comment on tape",
                                      text_blocks=[both]), "axe": AXE_CLEAN}, P) == []
