"""Browser tests for the ``tabwalk`` gatherer on the keyboard fixture pages (tests/fixtures/keyboard), and for
the keyboard probes on what it gathers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.gatherers import tabwalk
from auditor.gatherers.base import GatherParams, GatherSession, common_js, settle
from auditor.gatherers.tab import focus as tab_focus
from auditor.gatherers.tab.world import World
from auditor.probes import focus_visibility, keyboard_trap, positive_tabindex, skip_link, target_size, \
    unreachable_control
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "keyboard"


def walk_page(browser, name: str, params: GatherParams | None = None, after=None) -> dict:
    name, _, query = name.partition("?")     # (a query string is the fixture's own setting)
    url = (FIXTURES / f"{name}.html").as_uri() + (f"?{query}" if query else "")
    page = browser.new_page()
    try:
        page.goto(url)
        settle(page)
        artifact = tabwalk.gather(GatherSession(browser=browser, url=url, page=page,
                                                params=params or GatherParams()))
        if after:
            after(page, url)
        return artifact
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def walked(browser):
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            cache[name] = walk_page(browser, name)
        return cache[name]
    return get


def selectors(artifact: dict) -> list[str]:
    return [s["selector"] for s in artifact["stops"]]


def test_clean_page(walked):
    art = walked("clean")
    assert art["end"] == "wrapped" and art["trap"] is None
    assert [s["name"] for s in art["stops"]] == ["Skip to main content", "Home", "Bins", "Council tax", "Parking",
                                                "guidance on permits", "Postcode", "Continue"]
    postcode = art["stops"][6]
    assert (postcode["role"], postcode["name_source"], postcode["selector"]) == ("textbox", "label", "#postcode")
    assert all(s["visible"] and s["in_viewport"] for s in art["stops"])
    assert all(s["focus"]["strong_px"] >= s["focus"]["perimeter_px"] for s in art["stops"])
    assert all(s["focus"]["evidence"] is None for s in art["stops"])
    assert art["main_start"] == 5 and art["landmarks"]["main"]
    assert art["clickables"] == [] and art["positive_tabindex"] == []
    assert art["skip_link"]["moved_focus"] and art["skip_link"]["target_selector"] == "#main"
    guidance = next(t for t in art["targets"] if t["name"] == "guidance on permits")
    assert guidance["inline"] is True
    assert all(t["box"]["x"] >= 0 for t in art["targets"])  # the off-screen skip link is not a target
    json.dumps(art)
    for probe in (keyboard_trap, focus_visibility, unreachable_control, positive_tabindex, skip_link, target_size):
        assert probe.check({"tabwalk": art}, AuditParams()) == [], probe.META.id


def test_date_picker_trap(walked):
    art = walked("trap")
    assert art["end"] == "trap"
    assert art["trap"]["selectors"] == ["#prev", "#day", "#next"]
    assert not art["trap"]["shift_tab_escapes"] and not art["trap"]["escape_key_escapes"]
    [finding] = keyboard_trap.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == "fail" and finding.selector == "#prev"


def test_modal_closed_by_escape_is_not_a_trap(walked):
    art = walked("modal")
    assert art["end"] == "trap" and art["trap"]["escape_key_escapes"]
    assert keyboard_trap.check({"tabwalk": art}, AuditParams()) == []


def test_hidden_focus_ring_and_sticky_header(walked):
    art = walked("hidden_focus")
    by = {s["selector"]: s for s in art["stops"]}
    assert by["#noring"]["focus"]["changed_px"] == 0 and by["#noring"]["focus"]["evidence"]
    assert by["#ring"]["focus"]["strong_px"] > by["#ring"]["focus"]["perimeter_px"]
    last = by["#last"]["obscured"]
    assert last["covered"] == last["sampled"] > 0 and last["by_pinned"] and last["by"].endswith("header")
    findings = {(f.selector, tuple(f.wcag), f.outcome) for f in focus_visibility.check({"tabwalk": art}, AuditParams())}
    assert findings == {("#noring", ("2.4.7",), "fail"), ("#last", ("2.4.11",), "fail")}


def test_positive_tabindex_order(walked):
    art = walked("chaotic_tabindex")
    assert selectors(art) == ["#town", "html > body > main > button", "#street", "#notes"]
    assert sorted(p["tabindex"] for p in art["positive_tabindex"]) == [1, 2, 3]
    assert {p["name"]: p["stop"] for p in art["positive_tabindex"]} == {"Town": 0, "Send report": 1, "Street": 2}
    moderate = [f.name for f in positive_tabindex.check({"tabwalk": art}, AuditParams()) if f.impact == "moderate"]
    assert sorted(moderate) == ["Send report", "Town"]


def test_div_buttons_outside_the_tab_order(walked):
    art = walked("div_button")
    found = {c["selector"]: set(c["reasons"]) for c in art["clickables"]}
    assert set(found) == {"#continue", "#listener", "#rolebtn"}
    assert "listener" in found["#listener"] and "onclick" in found["#continue"] and "role" in found["#rolebtn"]
    findings = unreachable_control.check({"tabwalk": art}, AuditParams())
    assert {f.name for f in findings if f.outcome == "fail"} == {"Continue", "Save for later", "Cancel"}


def test_working_skip_link(walked):
    art = walked("skip_link")
    skip = art["skip_link"]
    assert skip["stop"] == 0 and skip["target_exists"] and skip["target_is_main"]
    assert skip["moved_focus"] and skip["next_stop"] == "#content > a"
    assert skip_link.check({"tabwalk": art}, AuditParams()) == []


def test_broken_skip_link(walked):
    art = walked("broken_skip_link")
    assert art["skip_link"]["target_exists"] and not art["skip_link"]["moved_focus"]
    [finding] = skip_link.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == "fail" and finding.selector == "#skip"


def test_no_skip_link(walked):
    art = walked("no_skip_link")
    assert art["skip_link"] is None and art["main_start"] == 5
    [finding] = skip_link.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == "review"


def test_tiny_targets(walked):
    art = walked("tiny_targets")
    by = {t["name"]: t for t in art["targets"]}
    assert by["1"]["box"]["width"] == 16 and not by["1"]["inline"]
    assert by["how we rank results"]["inline"] and by["Agree"]["ua_control"]
    fails = [f.name for f in target_size.check({"tabwalk": art}, AuditParams()) if f.outcome == "fail"]
    assert fails == ["1", "2", "3"]
    [review] = [f for f in target_size.check({"tabwalk": art}, AuditParams(min_target_size=44))
                if f.outcome == "review"]
    below = {t["selector"] for t in review.evidence["targets"]}
    assert by["x"]["selector"] in below and by["Next page"]["selector"] not in below


def test_hostile_page_focus_jumping_back(walked):
    art = walked("hostile")
    assert art["end"] == "trap"
    assert art["trap"]["selectors"] == ["#sticky"]
    assert [t["name"] for t in art["targets"]] == ["First", "Sticky", "Never reached"]
    assert keyboard_trap.check({"tabwalk": art}, AuditParams())[0].outcome == "fail"


HOSTILE_PAGES = Path(__file__).resolve().parent.parent / "hostile" / "pages"


@pytest.mark.parametrize("where, held, outcome", [
    # a keydown handler takes every Tab (and Shift+Tab): stuck
    (HOSTILE_PAGES / "focus-jump.html", "First", "fail"),
    # a focusin handler sends focus back, no key handler: Shift+Tab leaves the page (to the browser), Tab
    # only ever comes back to the box; held in place, for a person to judge
    (FIXTURES / "focus_held.html", "Search", "review"),
])
def test_a_page_that_pulls_focus_back_as_the_walk_begins_is_a_trap(browser, where, held, outcome):
    url = where.as_uri()
    page = browser.new_page()
    try:
        page.goto(url)
        settle(page)
        art = tabwalk.gather(GatherSession(browser=browser, url=url, page=page, params=GatherParams()))
    finally:
        page.context.close()
    assert art["start_held"] is True
    assert art["end"] == "trap" and [s["name"] for s in art["stops"]] == [held]
    assert art["trap"]["shift_tab_escapes"] is (outcome == "review") and not art["trap"]["escape_key_escapes"]
    [finding] = keyboard_trap.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == outcome and finding.name == held
    assert f"focus jumps back to {held!r} on every Tab" in finding.message


def test_a_page_that_does_not_pull_focus_is_not_held(walked):
    art = walked("clean")
    assert art["start_held"] is False and art["end"] == "wrapped"


def test_nothing_to_focus(walked):
    art = walked("empty")
    assert art["end"] == "empty" and art["stops"] == [] and art["skip_link"] is None


def test_walk_stops_at_the_cap(browser):
    art = walk_page(browser, "clean", GatherParams(max_tab_stops=3))
    assert art["end"] == "capped" and len(art["stops"]) == 3


def test_page_is_left_as_found(browser):
    state = {}

    def after(page, url):
        state["url"] = page.url
        state["left"] = page.evaluate("""() => [document.activeElement === document.body,
            !!document.getElementById('__elab_tab_style'), window.scrollY]""")
        state["original"] = url

    walk_page(browser, "skip_link", after=after)
    assert state["url"] == state["original"]
    assert state["left"] == [True, False, 0]


def test_frames(walked):
    art = walked("frames")
    assert art["end"] == "wrapped"
    names = [s["name"] for s in art["stops"]]
    # same-origin frame: each control inside is a stop; opaque (cross-origin) frame: one stop for the frame
    assert names[:4] == ["Before the map", "Map link A", "Map link B", "Zoom"] and names[-1] == "After the map"
    assert len(names) == 6 and art["stops"][4]["in_frame"] and art["stops"][4]["tag"] == "iframe"
    inner = art["stops"][1]
    assert inner["in_frame"] and inner["focus"] is None and inner["obscured"] is None
    frame = art["stops"][4]["box"]  # the second frame sits beside the first, on the same line
    assert abs(inner["box"]["y"] - frame["y"]) < 20  # page coordinates (frame coordinates would be about 8)


def test_filled_focus_styles_are_compared_with_the_stop_unfocused(walked):
    """A focus style that fills the control defeats the cached baseline, so each such stop is compared with
    itself after the next Tab has taken focus away (or, once the page scrolled, scrolled back to): the filled
    ones show a strong change, the ones with no focus style none at all, whichever way the pictures were taken."""
    art = walked("filled_focus")
    focus = {s["name"]: s["focus"] for s in art["stops"]}
    assert list(focus) == ["First filled", "Second filled", "No focus style", "Third filled", "Far down, no style",
                           "Further down, filled", "Last, filled"]
    for name, measured in focus.items():
        assert measured is not None, name
        if name in ("No focus style", "Far down, no style"):
            assert measured["changed_px"] == 0, (name, measured)
        else:
            assert measured["strong_px"] >= measured["perimeter_px"], (name, measured)


def test_the_last_stop_before_the_cap_is_still_compared(browser):
    art = walk_page(browser, "filled_focus", GatherParams(max_tab_stops=3))
    assert art["end"] == "capped"
    assert [s["focus"]["changed_px"] == 0 for s in art["stops"]] == [False, False, True]


def test_native_players_and_date_fields_are_one_stop_each_not_a_trap(walked):
    """Chromium's own audio and video controls (play, seek, volume, menu) and a date field's segments are Tab
    stops inside one element; the walk passes through them to the rest of the page."""
    art = walked("media_controls")
    assert art["end"] == "wrapped" and art["trap"] is None
    assert [s["tag"] for s in art["stops"]] == ["a", "audio", "video", "input", "a"]
    findings = keyboard_trap.check({"tabwalk": art}, AuditParams())
    assert not [f for f in findings if f.outcome == "fail"]


def test_a_long_run_of_look_alike_links_is_walked_in_batches_and_sampled(walked):
    """Issue 23: 62 stops, two styles of link. Every stop is walked and named from the accessibility tree, but
    focus is measured in pixels on a few stops of each style only; the rest take the measure of a stop with the
    same style key, and the report says so. The links with no focus style fail, the others do not."""
    art = walked("many_links")
    stops = art["stops"]
    assert art["end"] == "wrapped" and len(stops) == 62
    assert stops[0]["name"] == "Help with this page"          # aria-label, from the accessibility tree
    assert [s["name"] for s in stops[1:41]] == [f"Service {i}" for i in range(40)]
    assert [s["name"] for s in stops[41:61]] == [f"Plain link {i}" for i in range(20)]
    assert stops[-1]["role"] == "button" and stops[-1]["name"] == "Done"
    sampling = art["sampling"]
    assert sampling["batches"] > 0
    assert sampling["focus_measured"] + sampling["focus_styled"] + sampling["focus_shared"] == 62
    assert sampling["focus_unmeasured"] == 0 and sampling["focus_styled"] >= 1     # the outlined links
    assert sampling["focus_shared"] >= 40, sampling
    for stop in stops[1:41]:
        assert stop["focus"]["strong_px"] >= stop["focus"]["perimeter_px"], stop
    for stop in stops[41:61]:
        assert stop["focus"]["changed_px"] == 0, stop
    shared = [s for s in stops if "shared_with" in s["focus"]]
    assert all(stops[s["focus"]["shared_with"]]["selector"] != s["selector"] for s in shared)
    failed = {f.name for f in focus_visibility.check({"tabwalk": art}, AuditParams()) if f.outcome == "fail"}
    assert failed == {f"Plain link {i}" for i in range(20)}
    from auditor.judging import sampling_note
    checked = sampling["focus_measured"] + sampling["focus_styled"]
    note = sampling_note(art)
    assert note.startswith(f"Focus checked on {checked} of 62 Tab stops ({sampling['focus_styled']} from their "
                           "computed styles alone"), note
    assert f"; {sampling['focus_shared']} more share their styles" in note


def test_a_capped_walk_says_how_much_of_the_page_it_did_not_reach(browser):
    art = walk_page(browser, "many_links", GatherParams(max_tab_stops=10))
    assert art["end"] == "capped" and len(art["stops"]) == 10
    assert art["sampling"]["capped_at"] == 10 and art["sampling"]["focusable"] == 62
    from auditor.judging import sampling_note
    assert "stopped at its limit of 10 stops; 52 of the page's 62 focusable elements were not reached" \
        in sampling_note(art)


def test_a_focus_change_certain_from_computed_styles_needs_no_pixels(walked):
    """Issue 23: a solid outline of 2 px or more, or a solid fill, in a colour far from what was under it, on a
    solid backdrop, is certain from computed styles; a pale or 1 px outline, one under a half-transparent
    ancestor, one scaled down by an ancestor's transform (drawn thinner than its computed width), and no indicator
    at all are measured in pixels as before, and the missing one still fails."""
    art = walked("focus_from_styles")
    by = {s["name"]: s["focus"] for s in art["stops"]}
    assert by["Ring one"].get("styled") == "outline" and by["Fill one"].get("styled") == "background"
    assert "styled" in by["Ring two"] or by["Ring two"].get("shared_with") == 0
    for name in ("Pale ring", "Thin ring", "Faded ring", "Shrunk ring", "No ring one"):
        assert "styled" not in by[name] and "shared_with" not in by[name], (name, by[name])
    assert art["sampling"]["focus_styled"] >= 2 and art["sampling"]["focus_measured"] >= 4
    failed = {f.name for f in focus_visibility.check({"tabwalk": art}, AuditParams()) if f.outcome == "fail"}
    assert failed == {"No ring one", "No ring two"}


def test_a_focus_drawn_by_a_pseudo_element_is_told_apart_from_one_that_draws_nothing(walked):
    """A bar drawn under the focused link by its ::after (content "") is that stop's own style key, measured, and
    passes; the same styles on an ::after with no content draw nothing, and that stop fails with the plain links.
    (The key reads a stop's ::before and ::after even where they are not generated: a focus that takes away an
    icon drawn unfocused would otherwise look like a plain link's.)"""
    art = walked("focus_pseudo")
    focus = {s["name"]: s["focus"] for s in art["stops"]}
    bar = focus["Bar when focused"]
    assert "shared_with" not in bar and bar["strong_px"] >= bar["perimeter_px"], bar
    assert {name for name, outcome in _focus_verdicts(art).items() if outcome == "fail"} == {
        "Plain one", "Plain two", "Bar styles, no content", "Plain three"}


RING_CERTAIN = ("Plain one", "Plain two", "Plain box", "Tick me", "On grey")
RING_MEASURED = ("On dark", "Native button", "Native field", "Native list", "Ghost ring", "Clipped ring", "Covered box",
                 "a link that wraps over two lines", "On a pattern", "Scaled down", "Beside a box")


def _focus_verdicts(art: dict) -> dict[str, str]:
    return {f.name: f.outcome for f in focus_visibility.check({"tabwalk": art}, AuditParams())}


def test_the_browsers_own_focus_ring_is_told_from_computed_styles(walked, browser, monkeypatch):
    """Issue 23: Chromium's own ring (outline-style: auto) round a link, a box or a checkbox on a plain backdrop,
    in a colour far from it, is certain from computed styles and needs no capture. Native controls (the ring is
    drawn on their own face), a ring on a dark backdrop close to its colour (only its 1 px outer band shows), an
    author outline-color equal to the background, a clipped, covered, wrapped or scaled ring, one over a
    neighbour's box and a patterned backdrop are measured in pixels. Walked again with the rule switched off, every stop gets the same verdict, and
    the rule's count is never more than the pixels show."""
    art = walked("auto_ring")
    by = {s["name"]: s["focus"] for s in art["stops"]}
    assert set(by) == set(RING_CERTAIN + RING_MEASURED), sorted(by)
    for name in RING_CERTAIN:
        assert by[name].get("styled") == "ring", (name, by[name])
        assert by[name]["strong_px"] >= tab_focus.EVIDENCE_BELOW * by[name]["perimeter_px"], (name, by[name])
    for name in RING_MEASURED:
        assert "styled" not in by[name] and "shared_with" not in by[name], (name, by[name])
    assert art["sampling"]["focus_styled"] == len(RING_CERTAIN)
    verdicts = _focus_verdicts(art)
    assert verdicts == {"Ghost ring": "review", "Clipped ring": "review"}, verdicts
    # The default ring's colour (#101010) is close to the dark panel's (#0b0c0c): what is seen there is its outer band.
    assert by["On dark"]["strong_px"] >= focus_visibility.FAINT_SHARE * by["On dark"]["perimeter_px"]

    measure = tab_focus.FocusMeasure.measure

    def in_pixels(self, stop):
        stop["certain"] = None
        return measure(self, stop)
    monkeypatch.setattr(tab_focus.FocusMeasure, "measure", in_pixels)
    pixels = walk_page(browser, "auto_ring")
    assert pixels["sampling"]["focus_styled"] == 0
    assert _focus_verdicts(pixels) == verdicts
    measured = {s["name"]: s["focus"] for s in pixels["stops"]}
    for name in RING_CERTAIN:
        if "shared_with" not in measured[name]:
            assert measured[name]["strong_px"] >= by[name]["strong_px"], (name, measured[name], by[name])


def test_a_box_scrolled_into_view_at_a_fraction_of_a_pixel_is_whole(walked):
    """Issue 23: Chromium scrolls to whole pixels, so a box laid out at a fraction of one that a Tab scrolls into
    view can end less than a pixel past the viewport's edge. It is wholly in view: its fill, certain from computed
    styles, needs no capture (it was measured as a box partly off screen)."""
    art = walked("fraction_below")
    [stop] = art["stops"]
    bottom, height = stop["view"]["y"] + stop["view"]["height"], art["viewport"]["height"]
    assert height < bottom < height + 1, (bottom, height)
    assert stop["focus"].get("styled") == "background", stop["focus"]
    assert art["sampling"]["focus_measured"] == 0


def test_a_field_that_takes_focus_back_after_a_timer_is_a_trap(walked):
    """ACT 80af7b: focus put back by a 10 ms timer after blur holds the keyboard as surely as at once; each key of
    the trap check is read where focus settles, so the answer does not depend on timing."""
    art = walked("timer_trap")
    assert art["end"] == "trap" and art["trap"]["selectors"] == ["#ref"]
    assert not art["trap"]["tab_escapes"] and not art["trap"]["escape_key_escapes"]
    assert not art["trap"]["shift_tab_escapes"]
    [finding] = keyboard_trap.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == "fail"



def test_focus_taken_back_after_the_walks_last_tab_is_still_a_trap(walked):
    """The same trap with a 40 ms timer: the walk's Tabs (batched, the stops certain from computed styles) can
    leave the document before the page takes focus back; where a blur listener could do that, the walk reads
    where focus settles before it calls the page walked round."""
    art = walked("timer_trap?delay=40")
    assert art["end"] == "trap" and art["trap"]["selectors"] == ["#ref"], (art["end"], art["trap"])

def test_the_key_a_trap_advises_is_pressed(walked):
    """2.1.2's 'advised of the method': the trap check presses the keys the page names (Ctrl+M) from inside."""
    art = walked("advised_trap")
    assert art["end"] == "trap" and set(art["trap"]["selectors"]) == {"#zoom-in", "#zoom-out"}
    assert art["trap"]["advice"]["keys"] == ["Control+m"] and art["trap"]["advice"]["escapes"] == "Control+m"
    assert keyboard_trap.check({"tabwalk": art}, AuditParams()) == []


def test_shift_tab_from_the_end_goes_through_many_links_after_a_trap(walked):
    """The backward walk (from the end of a fresh load) is given as many presses as the page has stops, not as
    many as the forward walk saw before the trap: 40 links after a widget that keeps Tab are walked through,
    and Shift+Tab gets out, so the trap is a review (only Shift+Tab), not a fail."""
    art = walked("trap_then_links")
    assert art["end"] == "trap" and art["trap"]["shift_tab_escapes"]
    assert art["trap"]["backward"] == {"through": True, "held": None}
    [finding] = keyboard_trap.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == "review"


def test_a_stop_held_for_a_look_is_read_a_frame_later_unless_the_page_is_still(walked, browser):
    """Issue 23: a stop held for a closer look is read again a frame later, after the page's own reactions to the
    focus (here an onfocus attribute that takes the ring away in a frame: no script element on the page); only a
    still page (no script of its own, nothing animated, no style read after a scroll) is read at the key-up."""
    art = walked("frame_reactions")
    by = {s["name"]: s["focus"] for s in art["stops"]}
    assert "styled" not in by["Ring taken away"] and by["Ring taken away"]["changed_px"] == 0
    assert _focus_verdicts(art) == {"Ring taken away": "fail"}
    script = common_js() + "\n;" + tabwalk._PAGE_JS
    page = browser.new_page()
    try:
        still = {}
        for name in ("clean", "focus_from_styles", "frame_reactions", "hidden_focus"):
            page.goto((FIXTURES / f"{name}.html").as_uri())
            page.evaluate(script)
            still[name] = page.evaluate("window.__elabTab.start(), window.__elabTab.still")
        for name, style in (("content-visibility", ".x{content-visibility:auto}"),
                            ("anchored", ".tip{position:absolute;position-anchor:--a}")):
            page.set_content(f"<style>{style}</style><a href='/a'>A</a>")
            page.evaluate(script)
            still[name] = page.evaluate("window.__elabTab.start(), window.__elabTab.still")
        # A still page whose :focus style starts a CSS animation: the stop is read a frame later.
        page.set_content("<style>@keyframes glow{to{outline-color:#fd0}} a:focus{outline:3px solid #000;"
                         "animation:glow 1s infinite}</style><a href='/a'>A</a> <b>B</b>")
        page.evaluate(script)
        changes = page.evaluate("window.__elabTab.start(), [window.__elabTab.frameChanges(),"
                                " (document.querySelector('a').focus(), window.__elabTab.frameChanges())]")
    finally:
        page.context.close()
    assert still == {"clean": True, "focus_from_styles": True, "frame_reactions": False, "hidden_focus": False,
                     "content-visibility": False, "anchored": False}
    assert changes == [False, True]


def test_a_scripted_page_is_read_at_the_key_up_only_while_its_scripts_have_nothing_due(walked, browser):
    """A page with scripts is read at a held stop's key-up, as a still page is, while the browser layer's record
    (js/quiet.js) says nothing of its scripts can run before the next frame or at its start: the stops before the
    link whose focus handler takes its ring away in an animation frame. That link's own stop is read a frame later
    and fails, as on a page whose reaction comes from an attribute. The walk asks from its isolated world."""
    art = walked("frame_reactions_scripted")
    by = {s["name"]: s["focus"] for s in art["stops"]}
    assert "styled" not in by["Ring taken away"] and by["Ring taken away"]["changed_px"] == 0
    assert _focus_verdicts(art) == {"Ring taken away": "fail"}
    page = browser.new_page()
    try:
        page.goto((FIXTURES / "frame_reactions_scripted.html").as_uri())
        settle(page)
        world = World(page.context.new_cdp_session(page), common_js() + "\n;" + tabwalk._PAGE_JS)
        before = world.value("__elabTab.start(), [__elabTab.still, __elabTab.scripted, __elabTab.frameChanges()]")
        # (the focus from the walk's world runs the page's handler, which asks for a frame, in the same task)
        after = world.value("document.querySelector('.taken').focus(), __elabTab.frameChanges()")
        page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        later = world.value("__elabTab.frameChanges()")
        # (what the page's script adds after the walk began is looked at again: an element listening for scrolls)
        added = world.value("document.querySelector('p').setAttribute('onscroll', ''), __elabTab.frameChanges()")
    finally:
        page.context.close()
    assert (before, after, later, added) == ([False, True, False], True, False, True)


# Each in a fresh document with the browser layer's record, then asked at once in the same task.
SOON = {
    "nothing": ("", True),
    "an animation frame": ("requestAnimationFrame(() => {})", False),
    "an animation frame cancelled": ("cancelAnimationFrame(requestAnimationFrame(() => {}))", True),
    "a timer due in 30 ms": ("setTimeout(() => {}, 30)", False),
    "a timer of a string due in 30 ms": ("setTimeout('void 0', 30)", False),
    "a timer due in 5 s": ("setTimeout(() => {}, 5000)", True),
    "a timer of 3e9 ms (past 2^31 - 1: due at once)": ("setTimeout(() => {}, 3e9)", False),
    "a timer due in 30 ms cleared": ("clearTimeout(setTimeout(() => {}, 30))", True),
    "an interval of 20 ms": ("setInterval(() => {}, 20)", False),
    "an interval of 5 s": ("setInterval(() => {}, 5000)", True),
    "an interval of 20 ms cleared": ("clearInterval(setInterval(() => {}, 20))", True),
    "an idle callback": ("requestIdleCallback(() => {})", False),
    "a message on a channel": ("new MessageChannel().port1.postMessage('x')", False),
    "a broadcast": ("new BroadcastChannel('elab').postMessage('x')", False),
    "a scheduled task": ("scheduler.postTask(() => {})", False),
    "an animation frame by its prefixed name": ("webkitRequestAnimationFrame(() => {})", False),
    "an interval of string": ("setInterval('void 0', 5000)", False),
    "an interval of 100 ms with its first run overdue": (
        "setInterval(() => {}, 100); for (const t = performance.now(); performance.now() - t < 110;) {}", False),
    "an idle callback cancelled": ("cancelIdleCallback(requestIdleCallback(() => {}))", True),
    "a task in 30 ms": ("scheduler.postTask(() => {}, { delay: 30 })", False),
    "a signal timing out in 30 ms": ("AbortSignal.timeout(30)", False),
    "a signal timing out in 5 s": ("AbortSignal.timeout(5000)", True),
    "an intersection observer": ("new IntersectionObserver(() => {})", False),
    "a shadow root": ("document.querySelector('main').attachShadow({ mode: 'closed' })", False),
    "a scroll listener": ("document.addEventListener('scroll', () => {})", False),
    "a scroll-end listener on the visual viewport": ("visualViewport.addEventListener('scrollend', () => {})", False),
    "a click listener": ("document.addEventListener('click', () => {})", True),
    "the document's onscrollend": ("document.onscrollend = () => {}", False),
    "the window's onscroll": ("window.onscroll = () => {}", False),
    "the body's onscroll": ("document.body.onscroll = () => {}", False),
    "a window message delivered": (
        "await new Promise((done) => { addEventListener('message', done, { once: true }); postMessage('x', '*'); })",
        False),
}


def test_the_record_says_what_the_page_has_due_before_the_next_frame(ask_record):
    """js/quiet.js's answer to the walk's "__elab-soon" question, each way a page can have work run before the next
    frame or at its start. A page opened without the record (a team's own page, run through empathy_lab.check)
    leaves the question unanswered: not calm, so the walk waits for the frame."""
    calm, unrecorded = ask_record("__elab-soon", {label: statement for label, (statement, _) in SOON.items()})
    assert calm == {label: expected for label, (_, expected) in SOON.items()}
    assert unrecorded is False


def _without_costs(art: dict) -> dict:
    return {k: v for k, v in art.items() if k != "cost_ms"}


@pytest.mark.parametrize("name", ["skip_link", "div_button", "trap", "timer_trap?delay=40"])
def test_the_walk_is_the_same_with_its_world_made_while_other_gatherers_run(browser, walked, name):
    """``tabwalk.prepare`` makes the walk's world and loads its scripts before the other gatherers (the engine
    calls it): the same artifact as a walk that makes them itself (a skip link activated, listeners handed
    over, a trap found after focus is taken back). Where the page went to another document in between, the
    world made for the old one is gone: the walk makes a fresh one and walks the page it is on."""
    file, _, query = name.partition("?")
    url = (FIXTURES / f"{file}.html").as_uri() + (f"?{query}" if query else "")
    page = browser.new_page()
    try:
        page.goto(url)
        settle(page)
        session = GatherSession(browser=browser, url=url, page=page, params=GatherParams())
        tabwalk.prepare(session)
        assert page.evaluate("typeof window.__elabTab") == "undefined"   # (in its own world only)
        art = tabwalk.gather(session)
        session.close()
        if query:   # (a trap found after the page took focus back, 40 ms after the walk's last Tab: which
            # stops the walk recorded on its way round depends on that timer)
            assert (art["end"], art["trap"]["selectors"]) == ("trap", ["#ref"]), (art["end"], art["trap"])
        else:
            assert _without_costs(art) == _without_costs(walked(name))
        other = (FIXTURES / "clean.html").as_uri()
        session = GatherSession(browser=browser, url=other, page=page, params=GatherParams())
        tabwalk.prepare(session)
        session.prepared["tabwalk"].answers()
        page.goto(other)
        settle(page)
        moved = tabwalk.gather(session)
        session.close()
        assert _without_costs(moved) == _without_costs(walked("clean"))
    finally:
        page.context.close()


def test_a_world_made_ahead_whose_id_now_names_another_context_is_made_again(browser, walked):
    """A world made in advance is known by its context id alone, which CDP may give to another context once the
    page has moved to another process (a redirect to another site while the first gatherers ran): there a script
    finds none of the walk's functions and fails in the page, not in CDP. The walk makes a fresh world and walks
    the page it is on (stood in for here by a world of another name, made without the walk's scripts)."""
    url = (FIXTURES / "clean.html").as_uri()
    page = browser.new_page()
    try:
        page.goto(url)
        settle(page)
        session = GatherSession(browser=browser, url=url, page=page, params=GatherParams())
        cdp = session.cdp()
        frame = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        other = cdp.send("Page.createIsolatedWorld", {"frameId": frame, "worldName": "someone-else"})

        class Made:   # what ``world.soon`` would have answered, naming the other context
            def answers(self):
                return [{"result": {"type": "number", "value": other["executionContextId"]}}]

            def cancel(self):
                pass

        session.prepared["tabwalk"] = Made()
        art = tabwalk.gather(session)
        session.close()
        assert _without_costs(art) == _without_costs(walked("clean"))
    finally:
        page.context.close()


def test_skip_link_read_at_once_where_nothing_could_answer(walked):
    """Where Enter on a skip link landed is read at once on a still page and on a scripted one whose script did
    its work in the click itself (the broken link's handler): nothing could make it read differently later."""
    assert walked("skip_link")["skip_link"]["frames"] == 0
    broken = walked("broken_skip_link")["skip_link"]
    assert broken["frames"] == 0 and not broken["moved_focus"]


@pytest.mark.parametrize("how", ["listener", "property", "timer", "resize", "details"])
@pytest.mark.parametrize("focusable", [False, True])
def test_skip_link_waits_where_the_page_could_answer(browser, how, focusable):
    """A page whose script answers the fragment navigation later than the key (a hashchange listener or handler
    property, a ResizeObserver on the target that a :target style grows, the toggle of the <details> the target
    is in) is read two frames after Enter, as before: the script put focus back at the navigation, so the link
    does not work for a keyboard user, whether or not the browser focused the target first. Where the click
    started a 0 ms timer that does it, the timer has either run by the read (read at once) or is due (not calm:
    the frames are waited for): the same answer."""
    art = walk_page(browser, f"routed_skip_link?how={how}" + ("&focusable=1" if focusable else ""))
    skip = art["skip_link"]
    assert skip["target_exists"] and skip["frames"] in (0, 2)
    if how != "timer":
        assert skip["frames"] == 2
    assert not skip["moved_focus"] and skip["next_stop"] != "#content > a", skip
    [finding] = skip_link.check({"tabwalk": art}, AuditParams())
    assert finding.outcome == "fail"


# Statements a page may run, and whether the record then says nothing of the page's could answer a navigation to a
# fragment of itself in a task of its own (the skip link check's "__elab-unrouted" question).
UNROUTED = {
    "nothing": ("null", True),
    "a click listener": ("document.body.addEventListener('click', () => {})", True),
    "a hashchange listener": ("window.addEventListener('hashchange', () => {})", False),
    "a popstate listener": ("window.addEventListener('popstate', () => {})", False),
    "a hashchange listener on the document": ("document.addEventListener('hashchange', () => {}, true)", False),
    "a type given as an object": ("window.addEventListener({ toString: () => 'hashchange' }, () => {})", False),
    "a navigate listener": ("navigation.addEventListener('navigate', () => {})", False),
    "a navigatesuccess listener": ("navigation.addEventListener('navigatesuccess', () => {})", False),
    "a currententrychange listener": ("navigation.addEventListener('currententrychange', () => {})", False),
    "the window's onhashchange": ("window.onhashchange = () => {}", False),
    "the window's onpopstate": ("window.onpopstate = () => {}", False),
    "a body onhashchange attribute": ("document.body.setAttribute('onhashchange', 'void 0')", False),
    "the navigation's onnavigate": ("navigation.onnavigate = () => {}", False),
    "onnavigate, then a `var navigation`": ("navigation.onnavigate = () => {}; window.navigation = null", False),
    "a ResizeObserver": ("new ResizeObserver(() => {})", False),
}


def test_the_record_says_whether_the_page_could_answer_a_fragment_navigation(ask_record):
    """js/quiet.js's answer to the skip link check's "__elab-unrouted" question, each way a page can answer a
    fragment navigation later than the key; a page opened without the record leaves it unanswered (waited for)."""
    unrouted, unrecorded = ask_record("__elab-unrouted", {label: statement for label, (statement, _) in UNROUTED.items()})
    assert unrouted == {label: expected for label, (_, expected) in UNROUTED.items()}
    assert unrecorded is False
