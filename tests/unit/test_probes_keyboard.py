"""Unit tests for the keyboard probes (keyboard_trap, focus_visibility, focus_order, unreachable_control,
positive_tabindex, skip_link, target_size) on hand-built ``tabwalk`` artifacts, and for the pixel comparison
the Tab walk uses."""

from __future__ import annotations

import io

import pytest

from auditor.probes import focus_order, focus_visibility, keyboard_trap, positive_tabindex, skip_link, \
    target_size, unreachable_control
from auditor.model.keys import advised_presses
from auditor.probes.base import AuditParams

PARAMS = AuditParams()
RON = AuditParams(min_target_size=44)


def stop(index: int, name: str, x: int = 10, y: int = 10, w: int = 100, h: int = 30, **extra) -> dict:
    data = {"index": index, "selector": f"#s{index}", "tag": "button", "role": "button", "name": name,
            "name_source": "contents", "box": {"x": x, "y": y, "width": w, "height": h},
            "view": {"x": x, "y": y, "width": w, "height": h}, "visible": True, "in_viewport": True,
            "tabindex": None, "href": "", "in_frame": False, "dom_backwards": False, "in_main": True,
            "snippet": f"<button>{name}</button>", "scroll": [0, 0],
            "obscured": {"sampled": 9, "covered": 0, "by": "", "by_pinned": False},
            "focus": {"changed_px": 600, "strong_px": 600, "area_px": 4000, "perimeter_px": 260, "clip": {},
                      "evidence": None}}
    data.update(extra)
    return data


def walk(stops: list[dict], **extra) -> dict:
    data = {"viewport": {"width": 1280, "height": 800}, "end": "wrapped", "stops": stops, "trap": None,
            "main_start": 0, "landmarks": {"main": True, "headings": 1}, "clickables": [], "positive_tabindex": [],
            "skip_link": None, "targets": [], "cost_ms": {}}
    data.update(extra)
    return {"tabwalk": data}


# -- keyboard_trap --------------------------------------------------------------------------------------
def trapped(**escapes) -> dict:
    stops = [stop(0, "Date"), stop(1, "Previous month"), stop(2, "15"), stop(3, "Next month")]
    trap = {"stops": [1, 2, 3], "selectors": ["#s1", "#s2", "#s3"], "shift_tab_escapes": False,
            "escape_key_escapes": False, **escapes}
    return walk(stops, end="trap", trap=trap)


def test_trap_with_no_way_out_fails_on_its_first_stop():
    [finding] = keyboard_trap.check(trapped(), PARAMS)
    assert finding.outcome == "fail" and finding.impact == "critical"
    assert finding.selector == "#s1" and finding.name == "Previous month"
    assert "{who} is stuck" in finding.message
    assert "'Previous month', '15' and 'Next month'" in finding.message


def test_trap_left_by_escape_is_the_dialog_pattern():
    assert keyboard_trap.check(trapped(escape_key_escapes=True), PARAMS) == []


def test_trap_left_only_by_shift_tab_needs_review():
    [finding] = keyboard_trap.check(trapped(shift_tab_escapes=True), PARAMS)
    assert finding.outcome == "review"
    assert "Shift+Tab" in finding.message


@pytest.mark.parametrize("text, advised", [
    ("Press Ctrl+M to leave the calendar", True), ("Use Alt + F4", True), ("Press Escape twice to close", True),
    ("Hit F6 to move to the next pane", True), ("Press the arrow keys to choose a day", True),
    ("Choose a date for your collection", False), ("Pressing matters: control of waste", False),
])
def test_trap_whose_page_advises_keys_to_leave_needs_review(text, advised):
    """2.1.2: a non-standard way out is allowed when the user is advised of it; the walk cannot try what a
    sentence tells it to press, so a person checks (review), never a silent pass."""
    for where in ({"axtree": {"transcript": [text]}}, {"dom": {"text_blocks": [{"text": text}]}}):
        [finding] = keyboard_trap.check({**trapped(), **where}, PARAMS)
        assert finding.outcome == ("review" if advised else "fail"), (text, where)
        if advised:
            assert text[:20] in finding.message


@pytest.mark.parametrize("name, review", [("How to leave the calendar", True), ("Help", True), ("Skip", True),
                                          ("Exit calendar", True), ("Helpline numbers", False), ("16", False)])
def test_trap_holding_a_control_that_offers_the_way_out_needs_review(name, review):
    """2.1.2's 'advised of the method' may be a control inside the trap ('How to leave', 'Help'): a person
    presses it and reads what it says."""
    art = trapped()
    art["tabwalk"]["stops"][2] = stop(2, name)
    [finding] = keyboard_trap.check(art, PARAMS)
    assert finding.outcome == ("review" if review else "fail"), name
    if review:
        assert f"'{name}' is among them" in finding.message


def test_trap_held_going_backwards_too_fails():
    """ACT 80af7b: navigation in one direction is enough, so Shift+Tab out of the trap is a review; but where a
    Shift+Tab walk from the end of the page is held as well, neither direction gets a person through."""
    held = {"selector": "#s9", "name": "Button 3", "tag": "button"}
    [finding] = keyboard_trap.check(trapped(shift_tab_escapes=True, backward={"through": False, "held": held}),
                                    PARAMS)
    assert finding.outcome == "fail" and "either way" in finding.message and "'Button 3'" in finding.message
    [review] = keyboard_trap.check(trapped(shift_tab_escapes=True, backward={"through": True, "held": None}), PARAMS)
    assert review.outcome == "review"


def test_trap_whose_advised_keys_were_pressed():
    """The gatherer pressed the keys the page advises: they get out (2.1.2 met), or they do not (fail, even though
    the page's text advises keys)."""
    worked = {"text": "Press Ctrl+M to Exit", "keys": ["Control+m"], "helper": None, "escapes": "Control+m"}
    text = {"axtree": {"transcript": ["Press Ctrl+M to Exit"]}}
    assert keyboard_trap.check({**trapped(advice=worked), **text}, PARAMS) == []
    [finding] = keyboard_trap.check({**trapped(advice={**worked, "escapes": False}), **text}, PARAMS)
    assert finding.outcome == "fail" and "'Press Ctrl+M to Exit', but Control+m does not get out" in finding.message
    elsewhere = {**worked, "text": "Use Ctrl+F to find text", "keys": ["Control+f"], "near": False, "escapes": False}
    [review] = keyboard_trap.check({**trapped(advice=elsewhere), **text}, PARAMS)
    assert review.outcome == "review" and "not beside them" in review.message
    unknown = trapped(shift_tab_escapes=True, backward={"through": None, "held": None})
    assert keyboard_trap.check(unknown, PARAMS)[0].outcome == "review"


def test_trap_that_tab_leaves_once_focus_settles_is_no_trap():
    assert keyboard_trap.check(trapped(tab_escapes=True), PARAMS) == []


@pytest.mark.parametrize("text, presses", [
    ("Press Ctrl+M to Exit", ["Control+m"]), ("Use Alt + F4 or press Escape", ["Alt+F4", "Escape"]),
    ("Press the M-key to leave", ["m"]), ("Hit F6 to move on", ["F6"]), ("Choose a date", []),
    ("Press the arrow keys to choose", []), ("Shift-Tab goes back", ["Shift+Tab"]), ("Use a screen reader", []),
])
def test_advised_presses_are_read_from_the_text(text, presses):
    assert advised_presses(text) == presses


def test_focus_jumping_back_to_one_element():
    artifacts = walk([stop(0, "First"), stop(1, "Sticky")], end="trap",
                     trap={"stops": [1], "selectors": ["#s1"], "shift_tab_escapes": False, "escape_key_escapes": False})
    [finding] = keyboard_trap.check(artifacts, PARAMS)
    assert "focus jumps back to 'Sticky' on every Tab" in finding.message


@pytest.mark.parametrize("end", ["wrapped", "capped", "empty"])
def test_no_trap_when_the_walk_did_not_loop(end):
    assert keyboard_trap.check(walk([stop(0, "A")], end=end), PARAMS) == []


def test_missing_or_failed_artifact_gives_nothing():
    for artifacts in ({}, {"tabwalk": {"error": "boom"}}):
        for probe in (keyboard_trap, focus_visibility, focus_order, unreachable_control, positive_tabindex,
                      skip_link, target_size):
            assert probe.check(artifacts, PARAMS) == []


# -- focus_visibility -----------------------------------------------------------------------------------
def with_focus(changed: int, strong: int, **extra) -> dict:
    return stop(0, "Continue", focus={"changed_px": changed, "strong_px": strong, "area_px": 5000,
                                      "perimeter_px": 260, "clip": {}, "evidence": "iVBOR"}, **extra)


def test_no_pixel_change_fails_with_evidence():
    [finding] = focus_visibility.check(walk([with_focus(0, 0)]), PARAMS)
    assert finding.outcome == "fail" and finding.wcag == ["2.4.7"]
    assert "nothing on screen changes" in finding.message
    assert finding.evidence == {"focused_png": "iVBOR"}


def test_clear_indicator_passes():
    assert focus_visibility.check(walk([with_focus(700, 650)]), PARAMS) == []


def test_faint_indicator_needs_review():
    [finding] = focus_visibility.check(walk([with_focus(900, 20)]), PARAMS)
    assert finding.outcome == "review" and "faint" in finding.message


def test_text_field_with_only_the_caret_needs_review():
    field = with_focus(0, 0, role="textbox", tag="input")
    [finding] = focus_visibility.check(walk([field]), PARAMS)
    assert finding.outcome == "review" and "text cursor" in finding.message


@pytest.mark.parametrize("where", [{"visible": False}, {"in_viewport": False}])
def test_focus_on_something_not_on_screen_fails(where):
    hidden = stop(0, "Menu item", focus=None, **where)
    [finding] = focus_visibility.check(walk([hidden]), PARAMS)
    assert finding.outcome == "fail" and "focus disappears" in finding.message


def test_focus_hidden_under_a_sticky_header_fails_2_4_11_only():
    covered = with_focus(0, 0, obscured={"sampled": 9, "covered": 9, "by": "header", "by_pinned": True})
    [finding] = focus_visibility.check(walk([covered]), PARAMS)
    assert finding.outcome == "fail" and finding.wcag == ["2.4.11"]
    assert "hidden under content that stays fixed on screen (header)" in finding.message


def test_partly_covered_by_a_sticky_header_needs_review():
    partly = with_focus(700, 650, obscured={"sampled": 9, "covered": 3, "by": "header", "by_pinned": True})
    [finding] = focus_visibility.check(walk([partly]), PARAMS)
    assert finding.outcome == "review" and finding.wcag == ["2.4.12"]


def test_covered_by_something_not_pinned_is_review():
    covered = with_focus(700, 650, obscured={"sampled": 9, "covered": 9, "by": "div", "by_pinned": False})
    [finding] = focus_visibility.check(walk([covered]), PARAMS)
    assert finding.outcome == "review"


def test_stops_inside_frames_are_not_judged():
    assert focus_visibility.check(walk([with_focus(0, 0, in_frame=True)]), PARAMS) == []


# -- focus_order ----------------------------------------------------------------------------------------
def test_reading_order_gives_nothing():
    stops = [stop(0, "A", x=10, y=10), stop(1, "B", x=150, y=10), stop(2, "C", x=10, y=100)]
    assert focus_order.check(walk(stops), PARAMS) == []


def test_next_column_is_not_a_backwards_jump():
    stops = [stop(0, "Left top", x=10, y=10), stop(1, "Left bottom", x=10, y=400), stop(2, "Right top", x=600, y=10)]
    assert focus_order.check(walk(stops), PARAMS) == []


def test_jump_back_up_needs_review():
    stops = [stop(0, "Street", x=10, y=10), stop(1, "Notes", x=10, y=200), stop(2, "Town", x=10, y=100)]
    [finding] = focus_order.check(walk(stops), PARAMS)
    assert finding.outcome == "review" and finding.name == "Town"
    assert "Tab on 'Notes' and focus jumps back up to 'Town'" in finding.message


def test_jump_back_left_on_the_same_row():
    stops = [stop(0, "Back", x=300, y=10), stop(1, "Next", x=10, y=10)]
    [finding] = focus_order.check(walk(stops), PARAMS)
    assert "back to the left" in finding.message


def test_right_to_left_pages_read_the_other_way():
    stops = [stop(0, "Back", x=300, y=10), stop(1, "Next", x=10, y=10)]
    assert focus_order.check({**walk(stops), "dom": {"dir": "rtl"}}, PARAMS) == []


def test_jumps_caused_by_positive_tabindex_are_left_to_that_probe():
    stops = [stop(0, "Town", x=10, y=200, tabindex="1"), stop(1, "Street", x=10, y=10)]
    assert focus_order.check(walk(stops), PARAMS) == []


def test_invisible_stops_are_skipped_for_order():
    stops = [stop(0, "A", x=10, y=300), stop(1, "Hidden", x=10, y=0, visible=False), stop(2, "B", x=10, y=400)]
    assert focus_order.check(walk(stops), PARAMS) == []


# -- unreachable_control --------------------------------------------------------------------------------
def clickable(name: str, reasons: list[str], tabindex: str | None = None) -> dict:
    return {"selector": "#c", "tag": "div", "role": "", "name": name, "name_source": "contents",
            "reasons": reasons, "tabindex": tabindex, "focusable": False,
            "box": {"x": 0, "y": 0, "width": 90, "height": 40}, "snippet": "<div>"}


@pytest.mark.parametrize("reason", ["onclick", "listener", "role"])
def test_clickable_div_fails(reason):
    [finding] = unreachable_control.check(walk([], clickables=[clickable("Continue", [reason, "cursor"])]), PARAMS)
    assert finding.outcome == "fail" and finding.impact == "critical"
    assert finding.message.startswith("{who} cannot reach 'Continue' with the keyboard")


def test_pointer_cursor_alone_needs_review():
    [finding] = unreachable_control.check(walk([], clickables=[clickable("Photo", ["cursor"])]), PARAMS)
    assert finding.outcome == "review" and "{who}" in finding.message and finding.message.startswith("'Photo'")


def test_tabindex_minus_one_needs_review():
    [finding] = unreachable_control.check(walk([], clickables=[clickable("Two", ["listener"], "-1")]), PARAMS)
    assert finding.outcome == "review" and 'tabindex="-1"' in finding.message


def test_no_clickables_no_findings():
    assert unreachable_control.check(walk([stop(0, "A")]), PARAMS) == []


# -- positive_tabindex ----------------------------------------------------------------------------------
def chaotic() -> dict:
    stops = [stop(0, "Town", y=175, tabindex="1"), stop(1, "Send report", y=287, tabindex="2"),
             stop(2, "Street", y=106, tabindex="3"), stop(3, "Notes", y=244)]
    positive = [{"selector": "#s2", "tag": "input", "role": "textbox", "name": "Street", "tabindex": 3,
                 "visible": True, "stop": 2, "snippet": ""},
                {"selector": "#s0", "tag": "input", "role": "textbox", "name": "Town", "tabindex": 1,
                 "visible": True, "stop": 0, "snippet": ""},
                {"selector": "#s1", "tag": "button", "role": "button", "name": "Send report", "tabindex": 2,
                 "visible": True, "stop": 1, "snippet": ""}]
    return walk(stops, positive_tabindex=positive)


def test_positive_tabindex_reports_the_order_it_makes():
    findings = {f.name: f for f in positive_tabindex.check(chaotic(), PARAMS)}
    assert set(findings) == {"Street", "Town", "Send report"}
    town, send = findings["Town"], findings["Send report"]
    assert town.impact == "moderate" and town.outcome == "review"
    assert "makes 'Town' the 1st Tab stop, so {who} reaches it before 1 control that comes earlier" in town.message
    assert "the 2nd Tab stop" in send.message and "before 2 controls" in send.message
    assert "'Street', 'Notes'" in send.message
    assert findings["Street"].impact == "minor"


def test_positive_tabindex_never_reached():
    artifacts = walk([stop(0, "A")], positive_tabindex=[{"selector": "#x", "tag": "a", "role": "link", "name": "Help",
                                                         "tabindex": 5, "visible": True, "stop": None, "snippet": ""}])
    [finding] = positive_tabindex.check(artifacts, PARAMS)
    assert "did not reach it" in finding.message


def test_no_positive_tabindex_no_findings():
    assert positive_tabindex.check(walk([stop(0, "A", tabindex="0")]), PARAMS) == []


# -- skip_link ------------------------------------------------------------------------------------------
def nav_page(main_start: int = 6, skip: dict | None = None) -> dict:
    stops = [stop(i, f"Link {i}", in_main=i >= main_start) for i in range(main_start + 2)]
    return walk(stops, main_start=main_start, skip_link=skip)


def skip(**extra) -> dict:
    data = {"stop": 0, "selector": "#skip", "name": "Skip to main content", "href": "#content",
            "target_exists": True, "target_selector": "#content", "target_visible": True, "target_is_main": True,
            "moved_focus": True, "scrolled": True, "next_stop": "#content > a"}
    data.update(extra)
    return data


def test_working_skip_link_passes():
    assert skip_link.check(nav_page(skip=skip()), PARAMS) == []


def test_skip_link_that_leaves_focus_in_the_menu_fails():
    [finding] = skip_link.check(nav_page(skip=skip(moved_focus=False)), PARAMS)
    assert finding.outcome == "fail" and finding.selector == "#skip"
    assert "all 5 stops before the main content" in finding.message


def test_skip_link_to_a_missing_target_fails():
    [finding] = skip_link.check(nav_page(skip=skip(target_exists=False, moved_focus=False)), PARAMS)
    assert finding.outcome == "fail" and "nothing on the page has the id 'content'" in finding.message


def test_no_skip_link_before_a_long_menu_needs_review():
    [finding] = skip_link.check(nav_page(main_start=5), PARAMS)
    assert finding.outcome == "review" and "press Tab 5 times" in finding.message


def test_no_repeated_content_nothing_to_skip():
    assert skip_link.check(nav_page(main_start=2), PARAMS) == []
    assert skip_link.check(nav_page(main_start=2, skip=skip(moved_focus=False)), PARAMS) == []


def test_unknown_main_content_is_not_judged():
    artifacts = nav_page()
    artifacts["tabwalk"]["main_start"] = None
    assert skip_link.check(artifacts, PARAMS) == []


# -- target_size ----------------------------------------------------------------------------------------
def target(name: str, x: float, y: float, w: float, h: float, **extra) -> dict:
    data = {"selector": f"#{name}", "tag": "a", "role": "link", "name": name,
            "box": {"x": x, "y": y, "width": w, "height": h}, "inline": False, "ua_control": False, "snippet": ""}
    data.update(extra)
    return data


def test_small_crowded_targets_fail():
    targets = [target("1", 0, 0, 16, 16), target("2", 18, 0, 16, 16)]
    findings = target_size.check(walk([], targets=targets), PARAMS)
    assert [f.name for f in findings] == ["1", "2"]
    assert all(f.outcome == "fail" and f.wcag == ["2.5.8"] for f in findings)
    assert "'1' is only 16×16 px and close to '2'" in findings[0].message


def test_small_target_with_spacing_passes_2_5_8():
    targets = [target("x", 0, 0, 16, 16), target("next", 40, 0, 100, 44)]
    assert target_size.check(walk([], targets=targets), PARAMS) == []


def test_small_target_whose_circle_touches_a_big_one_fails():
    targets = [target("x", 0, 0, 16, 16), target("next", 19, 0, 100, 44)]
    [finding] = target_size.check(walk([], targets=targets), PARAMS)
    assert finding.name == "x"


@pytest.mark.parametrize("exempt", [{"inline": True}, {"ua_control": True}])
def test_inline_and_browser_controls_are_exempt(exempt):
    targets = [target("a", 0, 0, 16, 16, **exempt), target("b", 18, 0, 16, 16, **exempt)]
    assert target_size.check(walk([], targets=targets), PARAMS) == []


def test_nested_targets_do_not_crowd_each_other():
    targets = [target("card", 0, 0, 300, 20), target("inner", 10, 2, 50, 16)]
    findings = target_size.check(walk([], targets=targets), PARAMS)
    assert findings == []


def test_larger_minimum_gives_aaa_review_where_a_target_is_crowded_at_that_size():
    targets = [target("Next", 0, 0, 80, 36), target("Big", 0, 38, 80, 48)]
    assert target_size.check(walk([], targets=targets), PARAMS) == []
    [finding] = target_size.check(walk([], targets=targets), RON)
    assert finding.outcome == "review" and finding.wcag == ["2.5.5"] and "44 px" in finding.message


def test_targets_below_the_larger_minimum_with_room_around_them_are_not_reviewed():
    # 2.5.5's letter, the same on every page: a 36 px button and a 33 px header link with 44 px of room
    targets = [target("Next", 0, 0, 80, 36), target("Big", 0, 100, 80, 48), target("GOV.UK", 300, 0, 162, 33)]
    assert target_size.check(walk([], targets=targets), RON) == []
    # under 24 px both ways, it met 2.5.8 only by its spacing: still hard to hit with a tremor
    [finding] = target_size.check(walk([], targets=targets + [target("x", 600, 0, 16, 16)]), RON)
    assert finding.outcome == "review" and finding.wcag == ["2.5.5"]
    # a long link 21 px tall with room round it catches a miss along its length
    assert target_size.check(walk([], targets=targets + [target("Back", 600, 0, 341, 21)]), RON) == []


def test_many_targets_below_the_larger_minimum_make_one_review_for_the_page():
    targets = [target(f"t{i}", 0, i * 40, 80, 36) for i in range(5)]
    [finding] = target_size.check(walk([], targets=targets), RON)
    assert finding.outcome == "review"
    assert finding.message == "'t0' (80×36 px) and 4 more are smaller than the 44 px {who} needs to hit them reliably"
    assert [t["selector"] for t in finding.evidence["targets"]] == ["#t0", "#t1", "#t2", "#t3", "#t4"]


@pytest.mark.parametrize("seed", range(6))
def test_neighbour_grid_names_the_same_crowding_target_as_every_pair(seed):
    # random layouts: small and wide targets, nested ones, some far off the page, on the grid's cell edges
    import random

    rnd = random.Random(seed)
    boxes = []
    for _ in range(150):
        kind = rnd.random()
        if kind < 0.1:   # banner-wide, more cells than the grid indexes one by one
            boxes.append({"x": rnd.uniform(-50, 50), "y": rnd.uniform(0, 900), "width": rnd.uniform(400, 1400),
                          "height": rnd.uniform(20, 400)})
        elif kind < 0.2:  # on a cell edge
            boxes.append({"x": 24.0 * rnd.randint(-2, 20), "y": 44.0 * rnd.randint(0, 20),
                          "width": 24.0 * rnd.randint(1, 2), "height": 12.0})
        else:
            boxes.append({"x": rnd.uniform(-100, 600), "y": rnd.uniform(-50, 900), "width": rnd.uniform(1, 60),
                          "height": rnd.uniform(1, 50)})
    for size in (24, 44):
        grid = target_size.Neighbours(boxes, size)
        for index in range(len(boxes)):
            assert target_size.crowded(index, boxes, size, grid) == target_size.crowded(index, boxes, size)


# -- pixel comparison (the Tab walk's focus check) -------------------------------------------------------
def png(colour: tuple[int, int, int], ring: tuple[int, int, int] | None = None) -> bytes:
    import os
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    surface = pygame.Surface((40, 20), 0, 24)
    surface.fill(colour)
    if ring:
        pygame.draw.rect(surface, ring, surface.get_rect(), 2)
    out = io.BytesIO()
    pygame.image.save(surface, out, "x.png")
    return out.getvalue()


def test_pixel_change_counts_a_ring_and_ignores_identical_pictures():
    from auditor.gatherers.pixels import pixel_change, rgb

    plain = rgb(png((255, 255, 255)))
    assert pixel_change(plain, rgb(png((255, 255, 255)))) == (0, 0, 800)
    changed, strong, total = pixel_change(plain, rgb(png((255, 255, 255), ring=(0, 0, 255))))
    ring = 800 - 36 * 16
    assert (changed, strong, total) == (ring, ring, 800)
    faint = pixel_change(plain, rgb(png((250, 250, 250))))
    assert faint == (0, 0, 800)
    subtle = pixel_change(plain, rgb(png((230, 230, 230))))
    assert subtle == (800, 0, 800)
