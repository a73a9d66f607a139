"""The axe and dom gatherers on the fixture pages in tests/fixtures/content (served over HTTP, so that
frames are same-origin and GIF files can be read), and the content probes over what they gather."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.gatherers import axe as axe_gatherer
from auditor.gatherers import dom as dom_gatherer
from auditor.gatherers.base import GatherSession, settle
from auditor.probes import axe, language, media_alternative, motion, timing
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"


@pytest.fixture(scope="module")
def site(serve_directory) -> Iterator[str]:
    with serve_directory(FIXTURES) as url:
        yield url


@pytest.fixture(scope="module")
def gather(browser, site):
    """gather(page_name, *gatherers) -> {name: artifact}, each page gathered once per module."""
    cache: dict[tuple[str, tuple[str, ...]], dict] = {}

    def run(name: str, *gatherers) -> dict:
        key = (name, tuple(g.NAME for g in gatherers))
        if key not in cache:
            url = site + name + ".html"
            with browser.page() as page:
                page.goto(url)
                settle(page)
                session = GatherSession(browser=browser, url=url, page=page)
                before = page.evaluate("() => document.documentElement.outerHTML")
                artifacts = {g.NAME: g.gather(session) for g in gatherers}
                artifacts["_unchanged"] = before == page.evaluate("() => document.documentElement.outerHTML")
            cache[key] = artifacts
        return cache[key]

    return run


def by_id(rules: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rules}


def test_axe_artifact_is_small_plain_json_and_covers_same_origin_frames(gather):
    art = gather("axe_basics", axe_gatherer)["axe"]
    assert json.loads(json.dumps(art)) == art
    assert len(json.dumps(art)) < 30000
    assert art["engine"].startswith("axe-core 4.")
    assert art["frames"] == {"tested": [art["frames"]["tested"][0]], "untested": []}
    assert art["frames"]["tested"][0].endswith("/frame.html")
    violations = by_id(art["violations"])
    targets = [n["target"] for n in violations["image-alt"]["nodes"]]
    assert ["iframe", "img"] in targets and ['img[src$="band-chart.png"]'] in targets
    assert [n["target"] for n in violations["label"]["nodes"]] == [["#account"]]
    assert all(t.startswith(("wcag", "cat.", "best-practice", "review-item", "experimental"))
               for r in art["violations"] for t in r["tags"])
    assert "frame-tested" not in by_id(art["incomplete"])
    hero = [n for n in by_id(art["incomplete"])["color-contrast"]["nodes"] if n["target"] == [".hero"]]
    assert {c.get("key") for c in hero[0]["any"]} == {"bgImage"}


def test_axe_probe_over_a_real_run(gather):
    findings = axe.check(gather("axe_basics", axe_gatherer), AuditParams())
    got = {(f.rule, f.outcome, f.selector) for f in findings}
    # .hero (#999 text over a #777 background image) is one axe cannot tell; measured in the rendered pixels
    # (auditor/gatherers/rendered_contrast.py) it is about 1.6:1, so it fails, with the ratio it measured
    assert {("image-alt", "fail", "iframe >>> img"), ("label", "fail", "#account"),
            ("color-contrast", "fail", ".faint"), ("color-contrast", "fail", ".hero")} <= got
    hero = next(f for f in findings if f.selector == ".hero")
    assert "1.6" in hero.message or "1.5" in hero.message, hero.message
    assert not any(f.selector == "#postcode" for f in findings)


def test_dom_reads_language_facts_and_text_blocks(gather):
    art = gather("language", dom_gatherer)
    facts = art["dom"]
    assert art["_unchanged"]
    assert facts["title"] == "Bin collections"
    assert (facts["lang"]["html"], facts["lang"]["xml_lang"]) == ("en", None)
    assert [e["lang"] for e in facts["lang"]["elements"]] == ["fr", "cy", "english"]
    blocks = {b["selector"].rsplit(" > ", 1)[-1]: b for b in facts["text_blocks"]}
    assert blocks["p:nth-of-type(2)"]["lang"] == "en" and blocks["p:nth-of-type(2)"]["text"].startswith("Mae eich")
    assert blocks["p:nth-of-type(3)"]["lang"] == "fr"
    assert not any("caché" in b["text"] for b in facts["text_blocks"])  # hidden text is not sampled


def test_language_probe_finds_the_unmarked_welsh_passage(gather):
    artifacts = gather("language", dom_gatherer, axe_gatherer)
    findings = language.check(artifacts, AuditParams())
    assert [(f.outcome, f.selector.rsplit(" > ", 1)[-1]) for f in findings] == [("review", "p:nth-of-type(2)")]
    # lang="english" is axe's valid-lang violation, so the language probe leaves it to axe
    assert "valid-lang" in by_id(artifacts["axe"]["violations"])


def test_dom_reads_media_players_tracks_and_transcript_links(gather):
    media = {m["selector"]: m for m in gather("media", dom_gatherer)["dom"]["media"]}
    assert set(media) == {"#meeting-video", "#recycle-video", "#podcast-audio", "#jingle-audio", "#parks-video"}
    assert media["#meeting-video"]["tracks"] == [] and not media["#meeting-video"]["controls"]
    assert media["#recycle-video"]["tracks"] == [{"kind": "captions", "srclang": "en", "label": "English"}]
    assert [t["text"] for t in media["#podcast-audio"]["transcript"]] == ["Read the transcript"]
    assert media["#jingle-audio"]["autoplay"] and media["#jingle-audio"]["transcript"] == []
    parks = media["#parks-video"]
    assert (parks["kind"], parks["host"], parks["autoplay"], parks["muted"]) == ("video", "youtube", True, False)


def test_media_probe_over_the_media_page(gather):
    findings = media_alternative.check(gather("media", dom_gatherer), AuditParams())
    got = {(f.selector, f.key, f.outcome) for f in findings}
    assert got == {
        ("#meeting-video", "captions", "review"), ("#meeting-video", "description", "review"),
        ("#meeting-video", "controls", "review"), ("#recycle-video", "description", "review"),
        ("#jingle-audio", "transcript", "review"), ("#jingle-audio", "autoplay", "fail"),
        ("#parks-video", "captions", "review"), ("#parks-video", "autoplay", "review"),
    }


def test_dom_reads_motion(gather):
    m = gather("motion", dom_gatherer)["dom"]["motion"]
    assert [e["text"] for e in m["marquee"]] == ["Half-term activities at every library this week"]
    assert [e["text"] for e in m["blink"]] == ["New"]
    assert [(a["name"], a["iterations"], a["active_ms"]) for a in m["animations"]] == [("pulse", None, None)]
    gifs = {g["selector"]: g for g in m["gifs"]}
    assert (gifs["#spinner"]["frames"], gifs["#spinner"]["loops"], gifs["#spinner"]["cycle_ms"]) == (6, 0, 1200)
    assert gifs["#still"]["frames"] == 1
    assert m["reduced_motion_css"] is False
    assert gather("calm", dom_gatherer)["dom"]["motion"]["reduced_motion_css"] is True


def test_motion_probe_over_the_motion_pages(gather):
    findings = motion.check(gather("motion", dom_gatherer), AuditParams())
    assert sorted((f.key, f.outcome, f.selector.rsplit(" > ", 1)[-1]) for f in findings) == [
        ("animation", "review", "div"), ("blink", "fail", "blink"), ("gif", "review", "#spinner"),
        ("marquee", "fail", "marquee")]
    assert motion.check(gather("calm", dom_gatherer), AuditParams()) == []


def test_dom_reads_refresh_and_timer_scripts(gather):
    facts = gather("timing", dom_gatherer)["dom"]
    assert facts["meta"]["refresh"] == ["600; url=timed-out.html"]
    [found] = facts["timing"]["scripts"]
    assert "signed-out.html" in found["text"]
    findings = timing.check({"dom": facts}, AuditParams())
    assert sorted((f.key, f.outcome) for f in findings) == [("refresh", "fail"), ("timer1", "review")]


def test_language_probe_fails_a_lang_the_text_clearly_is_not_in(gather):
    """CLD2 reads the page as Danish (declared Dutch: 3.1.1, H57) and the passage as English (declared French:
    3.1.2, H58); both languages are ones it detects, and both texts are long enough to judge."""
    findings = language.check(gather("language-wrong", dom_gatherer), AuditParams())
    assert sorted((f.key, f.outcome, f.wcag[0], f.evidence["guessed"]) for f in findings) == [
        ("page", "fail", "3.1.1", "da"), ("passage", "fail", "3.1.2", "en")]


def test_language_of_accessible_names_and_short_texts(gather):
    """Names given by alt and aria-labelledby (even from a hidden element with its own lang) are read in the
    language of the element they name (ACT off6ek); short texts are gathered too and fail only when no word of
    them is of the declared language: "Bonne année" marked Dutch fails, "Paul put dire comment on tape" marked
    French (English and French alike) does not."""
    facts = gather("language-names", dom_gatherer)["dom"]
    names = {n["selector"].rsplit(" > ", 1)[-1]: n for n in facts["lang"]["names"]}
    assert {k: (n["source"], n["lang"], n["root"], n["text"]) for k, n in names.items()} == {
        "#alt": ("alt", "fr", False, "Fireworks over Paris"),
        "#named": ("aria-labelledby", "fr", False, "Fireworks over Paris")}
    short = {s["selector"].rsplit(" > ", 1)[-1]: s for s in facts["lang"]["short"]}
    assert (short["#wish"]["lang"], short["#wish"]["root"], short["#wish"]["words"]) == ("nl", False, 2)
    assert not any("Fireworks" in s["text"] for s in facts["lang"]["short"])   # the hidden caption: no text node
    assert all(b["root"] for b in facts["text_blocks"] if b["lang"] == "en")
    findings = language.check({"dom": facts}, AuditParams())
    assert sorted((f.selector.rsplit(" > ", 1)[-1], f.outcome, f.wcag[0], f.evidence["guessed"]) for f in findings) == [
        ("#alt", "fail", "3.1.2", "en"), ("#named", "fail", "3.1.2", "en"), ("#wish", "fail", "3.1.2", "fr")]
