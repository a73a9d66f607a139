"""The layout and vision gatherers on the fixture pages in tests/fixtures/layout, and the probes over what
they gather."""

from __future__ import annotations

import base64
import contextlib
import struct
from pathlib import Path

import pytest

from auditor.gatherers import layout, vision
from auditor.gatherers.base import GatherParams, GatherSession, settle
from auditor.probes import orientation, readability, reflow, text_resize, text_spacing
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "layout"
PAGES = ("clean", "fixed-width", "fluid", "clipped", "spacing", "readability", "turned", "widening")
STATE_JS = """() => ({ html: document.documentElement.outerHTML, width: innerWidth,
                       helper: typeof window.__elabLayout })"""


@pytest.fixture(scope="module")
def gathered(browser) -> dict[str, dict]:
    """Each fixture page's layout artifact, plus the page state before and after gathering."""
    out = {}
    for name in PAGES:
        url = (FIXTURES / f"{name}.html").as_uri()
        with browser.page() as page:
            page.goto(url)
            settle(page)
            before = page.evaluate(STATE_JS)
            session = GatherSession(browser=browser, url=url, page=page, params=GatherParams())
            artifact = layout.gather(session)
            left_at = page.viewport_size
            session.set_viewport(session.base_viewport())   # as the engine does before the next gatherer
            out[name] = {"artifact": artifact, "before": before, "after": page.evaluate(STATE_JS),
                         "viewport": page.viewport_size, "left_at": left_at}
    return out


def probe_all(artifact: dict) -> dict[str, list]:
    artifacts = {"layout": artifact}
    return {m.META.id: m.check(artifacts, AuditParams()) for m in (reflow, text_resize, text_spacing, readability)}


def containers(changed: dict) -> set[str]:
    return {group["container"]["selector"] for group in changed["clipped"]}


def pairs(changed: dict) -> set[tuple[str, str]]:
    return {(p["a"]["selector"], p["b"]["selector"]) for p in changed["overlaps"]}


@pytest.mark.parametrize("name", PAGES)
def test_gathering_leaves_the_page_as_it_found_it(gathered, name):
    page = gathered[name]
    assert page["after"]["html"] == page["before"]["html"]
    # The narrowest width is left for the engine to undo (one relayout fewer); once it has, nothing is left.
    assert page["left_at"] == {"width": 320, "height": 800}
    assert page["after"]["width"] == 1280 and page["viewport"] == {"width": 1280, "height": 800}
    assert page["after"]["helper"] == "undefined"


def test_a_clean_page_gives_no_layout_findings(gathered):
    artifact = gathered["clean"]["artifact"]
    assert artifact["blocks"] > 10
    assert [w["width"] for w in artifact["widths"]] == [320]
    assert artifact["widths"][0]["scrolls"] is False
    assert probe_all(artifact) == {"reflow": [], "text_resize": [], "text_spacing": [], "readability": []}


def test_a_fixed_width_page_needs_sideways_scrolling_at_320(gathered):
    artifact = gathered["fixed-width"]["artifact"]
    at320 = artifact["widths"][0]
    assert at320["scrolls"] is True and at320["scroll_width"] >= 960
    # the wide column, and the prose in a sideways-scrolling box; not the scrolling strip of zone links
    assert [o["selector"] for o in at320["offenders"]] == ["#wrapper", "#wide-note"]
    assert at320["offenders"][0]["width"] == 960 and at320["offenders"][0]["content"] >= 3
    findings = probe_all(artifact)["reflow"]
    assert [f.selector for f in findings] == ["#wrapper", "#wide-note"]
    assert "scroll sideways" in findings[0].message


def test_tables_code_scroll_regions_and_decoration_do_not_count_as_reflow_failures(gathered):
    at320 = gathered["fluid"]["artifact"]["widths"][0]
    assert at320["scrolls"] is True          # the decorative strip sticks out, but no content does
    assert at320["offenders"] == []
    assert probe_all(gathered["fluid"]["artifact"])["reflow"] == []


def test_text_clipped_by_fixed_boxes_at_200_percent_text(gathered):
    at200 = gathered["clipped"]["artifact"]["text_resize"][0]
    assert at200["zoom"] == 200
    # not '#teaser' (one line cut short with an ellipsis), '#oneline' (a box one line high as loaded) nor
    # '#frame' (its text scrolls in a box in full view): ACT 59br37's exceptions
    assert containers(at200) == {"#card", "#tab"}
    assert pairs(at200) == {("#tile", "#after-tile")}
    assert at200["lost"] == []
    kinds = sorted(f.evidence["kind"] for f in probe_all(gathered["clipped"]["artifact"])["text_resize"])
    assert kinds == ["clipped", "clipped", "overlap"]


def test_text_spacing_breaks_fixed_size_buttons_and_boxes(gathered):
    artifact = gathered["spacing"]["artifact"]
    assert containers(artifact["text_spacing"]) == {"#start", "#summary"}
    assert pairs(artifact["text_spacing"]) == {("#box", "#after-box")}
    findings = probe_all(artifact)["text_spacing"]
    assert sorted(f.selector for f in findings) == ["#box", "#start", "#summary"]
    # the clipped fixture survives text spacing: its boxes only break when the text itself grows
    assert probe_all(gathered["clipped"]["artifact"])["text_spacing"] == []


def test_each_pass_measures_its_own_layout(gathered):
    """Lines that fit as loaded and pass the right edge only once text grows (200%) or spreads (text spacing):
    each pass reads the page as that pass laid it out (a pass that took the blocks' boxes of another would
    miss them, or find them where they are not)."""
    artifact = gathered["widening"]["artifact"]
    offenders = lambda changed: sorted(o["selector"] for o in changed["offenders"])  # noqa: E731
    assert offenders(artifact["text_resize"][0]) == ["#grows", "#spreads"]
    assert offenders(artifact["text_spacing"]) == ["#spreads"]
    assert artifact["text_resize"][0]["scrolls"] and artifact["text_spacing"]["scrolls"]
    # laid out at 320 px both do
    assert offenders(artifact["widths"][0]) == ["#grows", "#spreads"]


def test_readability_finds_each_hard_to_read_style_once(gathered):
    r = gathered["readability"]["artifact"]["readability"]
    assert [(e["selector"], e["blocks"]) for e in r["justified"]] == [("#justified", 2)]
    assert [(e["selector"], e["max_words"]) for e in r["caps"]] == [("#shout", 16)]
    assert [e["selector"] for e in r["italic"]] == ["#aside"]
    assert [e["font_size"] for e in r["tiny"] if e["selector"] == "#legal"] == [10]
    # the tightly set paragraph, not the display heading set solid
    assert [(e["selector"], e["line_height"]) for e in r["tight"]] == [("#dense", 0.9)]
    findings = probe_all(gathered["readability"]["artifact"])["readability"]
    assert sorted((f.evidence["kind"], f.selector, f.outcome) for f in findings) == [
        ("caps", "#shout", "review"), ("italic", "#aside", "review"), ("justified", "#justified", "fail"),
        ("long_lines", "html > body > main", "review"), ("tight", "#dense", "fail"), ("tiny", "#legal", "review")]


def test_timings_are_reported(gathered):
    timing = gathered["clean"]["artifact"]["timing_ms"]
    assert set(timing) >= {"baseline", "text_resize", "text_spacing", "widths", "total"}
    assert timing["total"] >= timing["widths"]


# -- vision --------------------------------------------------------------------------------------------------
def jpeg_size(data: str) -> tuple[int, int]:
    raw = base64.b64decode(data)
    assert raw[:2] == b"\xff\xd8", "not a JPEG"
    i = 2
    while i < len(raw):
        marker, length = raw[i + 1], struct.unpack(">H", raw[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", raw[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no frame header")


COLOURFUL = ("<body style='margin:0;font:24px sans-serif'><h1>Pay your council tax</h1>"
             "<div style='display:flex;height:300px'><div style='flex:1;background:#d4351c'>Overdue</div>"
             "<div style='flex:1;background:#00703c;color:#fff'>Paid</div></div></body>")


@pytest.fixture(scope="module")
def shots(browser) -> dict:
    with browser.page() as page:
        page.set_content(COLOURFUL)
        session = GatherSession(browser=browser, url="about:blank", page=page,
                                params=GatherParams(vision=("blurredVision", "achromatopsia", "sepia")))
        artifact = vision.gather(session)
        left_at = page.viewport_size
        session.set_viewport(session.base_viewport())   # as the engine does before the next gatherer
        cdp = session.cdp()
        again = cdp.send("Page.captureScreenshot", {"format": "jpeg", "quality": vision.QUALITY, "clip": {
            "x": 0, "y": 0, "width": 1280, "height": 800, "scale": 0.5}, "optimizeForSpeed": True})["data"]
        session.close()
        return {"artifact": artifact, "again": again, "viewport": page.viewport_size, "left_at": left_at}


def test_vision_takes_small_screenshots_under_each_deficiency_and_at_200_percent(shots):
    artifact = shots["artifact"]
    assert [(s["kind"], s["name"]) for s in artifact["shots"]] == [
        ("normal", "none"), ("vision", "blurredVision"), ("vision", "achromatopsia"), ("zoom", "200%")]
    assert all(jpeg_size(s["data"]) == (640, 400) for s in artifact["shots"])
    normal, blurred, grey, _ = (s["data"] for s in artifact["shots"])
    assert len({normal, blurred, grey}) == 3


def test_vision_names_unknown_deficiencies_and_puts_the_page_back(shots):
    assert shots["artifact"]["errors"] == [
        "vision: unknown deficiency 'sepia' (known: achromatopsia, blurredVision, deuteranopia, protanopia, "
        "reducedContrast, tritanopia)"]
    assert shots["left_at"] == {"width": 640, "height": 400}   # the engine puts the size back, not the gatherer
    assert shots["viewport"] == {"width": 1280, "height": 800}
    assert shots["again"] == shots["artifact"]["shots"][0]["data"]   # emulation reset


def test_each_gatherer_starts_at_the_page_size_whatever_the_last_one_left(browser):
    """Layout (which runs before vision) leaves the page 320 px wide; vision's first shot is still of the
    1280x800 page, because the engine restores the size between gatherers."""
    from auditor.engine import RunOptions, gather_page
    from auditor.model.persona import load_personas

    claudia = load_personas()["claudia"]
    gathered = gather_page(browser, (FIXTURES / "fluid.html").as_uri(), [claudia], RunOptions())
    assert gathered["status"] == "ok", gathered["error"]
    assert gathered["artifacts"]["layout"]["widths"][0]["width"] == 320
    shots = gathered["artifacts"]["vision"]["shots"]
    assert [s["kind"] for s in shots][0] == "normal" and shots[-1]["kind"] == "zoom"
    assert all(jpeg_size(s["data"]) == (640, 400) for s in shots)


@pytest.mark.parametrize("reused", [True, False], ids=["reused page", "page of its own"])
def test_the_zoom_shot_is_the_page_laid_out_at_half_the_width(browser, reused):
    """The 200% shot is taken without waiting for a frame first (on a reused page, asked for in the resize's own
    round trip): it must still show the page as laid out at 640 px, after a media query and the page's resize
    handlers (one that waits for a 0 ms timer too)."""
    import io

    import pygame

    page_html = ("<style>body{margin:0} div{height:200px;background:#d4351c}"
                 " @media (max-width:700px){#m{background:#1d70b8}}</style>"
                 "<div id=m></div><div id=t></div><script>addEventListener('resize', () => setTimeout(() => {"
                 " t.style.background = innerWidth < 700 ? '#1d70b8' : '#d4351c' }, 0))</script>")
    with contextlib.ExitStack() as stack:
        pages = stack.enter_context(browser.reused_page()) if reused else None
        page = pages.get() if reused else stack.enter_context(browser.page())
        page.set_content(page_html)
        session = GatherSession(browser=browser, url="about:blank", page=page, sizer=pages,
                                params=GatherParams(vision=("blurredVision",)))
        shots = {s["kind"]: s["data"] for s in vision.gather(session)["shots"]}
        assert session.viewport() == {"width": 640, "height": 400}
        session.close()
    for kind, y, colour in (("normal", 100, "red"), ("normal", 300, "red"), ("zoom", 100, "blue"),
                            ("zoom", 300, "blue")):
        picture = pygame.image.load(io.BytesIO(base64.b64decode(shots[kind])), "shot.jpg")
        r, _, b, *_ = picture.get_at((320, y * 640 // (1280 if kind == "normal" else 640)))
        assert (r > 150 and b < 100) if colour == "red" else (b > 150 and r < 100), (kind, y, colour)


def test_vision_is_skipped_unless_asked_for(browser):
    with browser.page() as page:
        page.set_content("<p>Hello</p>")
        for params in (GatherParams(vision=()), GatherParams(vision=("blurredVision",), screenshots=False)):
            artifact = vision.gather(GatherSession(browser=browser, url="about:blank", page=page, params=params))
            assert artifact["shots"] == [] and "skipped" in artifact


def test_a_page_turned_a_quarter_in_portrait_fails_orientation(gathered):
    """ACT b33eff / F97: the body is turned 90 degrees under (orientation: portrait); a whole turn and a slight
    tilt in one orientation only are no lock."""
    artifact = gathered["turned"]["artifact"]
    angles = {e["selector"]: e["angle"] for e in artifact["rotation"]}
    portrait = {e["selector"]: e["angle"] for e in artifact["widths"][0]["rotation"]}
    assert angles["html > body"] == 0 and portrait["html > body"] == 90
    found = orientation.check({"layout": artifact}, AuditParams())
    assert [(f.selector, f.outcome, f.wcag) for f in found] == [("html > body", "fail", ["1.3.4"])]
    assert orientation.check({"layout": gathered["clean"]["artifact"]}, AuditParams()) == []
    assert orientation.applies({"layout": gathered["clean"]["artifact"]}, AuditParams())


def _colour_at(data: str, x: int, y: int) -> str:
    import io

    import pygame

    r, g, b, *_ = pygame.image.load(io.BytesIO(base64.b64decode(data)), "shot.jpg").get_at((x, y))
    return "red" if r > 150 and g < 100 and b < 100 else "blue" if b > 150 and r < 100 else \
        "green" if g > 80 and r < 60 and b < 100 else f"rgb({r},{g},{b})"


def test_the_page_as_shown_is_taken_as_it_settled_and_at_the_top(browser):
    """The normal shot is taken as the page has settled (vision.prepare, while axe runs), before the Tab walk
    focuses anything: the fixture turns blue for good on its first focus, so the normal shot is red and the
    zoomed one (taken after the walk) blue. Loaded at a fragment (scrolled), the shot is taken later instead,
    scrolled to the top: the green header shows, and the page is blue by then."""
    from auditor.engine import RunOptions, gather_page
    from auditor.model.persona import load_personas

    claudia = load_personas()["claudia"]
    url = (FIXTURES / "shown_first.html").as_uri()
    shots = {}
    for name, address in (("top", url), ("fragment", url + "#far")):
        gathered = gather_page(browser, address, [claudia], RunOptions())
        assert gathered["status"] == "ok", gathered["error"]
        assert gathered["artifacts"]["tabwalk"]["stops"], "the walk focused nothing: the test proves nothing"
        shots[name] = {s["kind"]: s["data"] for s in gathered["artifacts"]["vision"]["shots"]}
    assert _colour_at(shots["top"]["normal"], 320, 30) == "green"
    assert _colour_at(shots["top"]["normal"], 320, 300) == "red"
    assert _colour_at(shots["top"]["zoom"], 320, 300) == "blue"
    assert _colour_at(shots["fragment"]["normal"], 320, 30) == "green"
    assert _colour_at(shots["fragment"]["normal"], 320, 300) == "blue"


def test_commands_sent_soon_are_answered_while_other_calls_run(browser):
    """Browser.send_soon: the commands go out with the next Playwright call and their answers are kept in order
    (a failed one as its exception); cancel drops what is not wanted."""
    with browser.page() as page:
        page.set_content("<p>Hello</p>")
        cdp = browser.cdp(page)
        sent = browser.send_soon(cdp, [("Runtime.evaluate", {"expression": "6 * 7", "returnByValue": True}),
                                       ("DOM.resolveNode", {"backendNodeId": 987654}),
                                       ("Page.getLayoutMetrics", {})])
        assert page.evaluate("1 + 1") == 2          # another call meanwhile
        value, failed, metrics = sent.answers()
        assert value["result"]["value"] == 42 and isinstance(failed, Exception)
        assert metrics["cssLayoutViewport"]["clientWidth"] == 1280
        assert sent.answers()[0] is value            # asked again: the same answers
        dropped = browser.send_soon(cdp, [("Page.captureScreenshot", {"format": "png"})])
        dropped.cancel()
        assert dropped.answers() == [] and page.evaluate("2 + 2") == 4
        cdp.detach()


def test_a_page_that_moved_on_by_itself_is_shot_as_it_is_now(browser):
    """The shot taken as the page settled is of one document: this page (a green header over red) goes to another
    (blue) as the Tab walk first focuses something, so the normal shot is taken again, of the page the later
    gatherers saw, as the 200% one is; not of the first document as it settled."""
    from auditor.engine import RunOptions, gather_page
    from auditor.model.persona import load_personas

    gathered = gather_page(browser, (FIXTURES / "moves_on.html").as_uri(), [load_personas()["claudia"]], RunOptions())
    assert gathered["status"] == "ok", gathered["error"]
    shots = {s["kind"]: s["data"] for s in gathered["artifacts"]["vision"]["shots"]}
    assert _colour_at(shots["zoom"], 320, 300) == "blue", "the page did not move on: the test proves nothing"
    assert _colour_at(shots["normal"], 320, 30) == "blue" and _colour_at(shots["normal"], 320, 300) == "blue"
