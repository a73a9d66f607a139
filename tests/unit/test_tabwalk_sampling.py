"""Issue 23: the Tab walk's sampling, in pure parts: a shared focus measure scaled to the stop, the element
found by its path in CDP's copy of the document, and the report's sentence on what was sampled."""

from __future__ import annotations

from auditor.judging import pictures_note, sampling_note
from auditor.gatherers.tab.focus import _settled, _shared
from auditor.gatherers.tab.names import _backend_id
from auditor.gatherers.tabwalk import BATCH_MAX, _next_batch


def _record(width: float, height: float) -> dict:
    return {"changed_px": 0, "strong_px": 0, "area_px": 0, "perimeter_px": round(2 * (width + height)),
            "clip": {"x": 0.0, "y": 0.0, "width": width + 12, "height": height + 12}, "evidence": None}


def test_a_shared_measure_keeps_its_share_of_the_perimeter():
    measured = {**_record(100, 20), "changed_px": 900, "strong_px": 480}
    record = _shared(_record(200, 20), (3, measured))
    assert record["shared_with"] == 3
    assert record["strong_px"] / record["perimeter_px"] == measured["strong_px"] / measured["perimeter_px"]
    assert record["changed_px"] == 1650 and record["area_px"] == 212 * 32


def test_no_change_stays_no_change_and_a_faint_one_stays_above_zero():
    assert _shared(_record(300, 40), (0, _record(10, 10)))["changed_px"] == 0
    faint = {**_record(1000, 40), "changed_px": 1, "strong_px": 1}
    assert _shared(_record(10, 10), (0, faint))["strong_px"] == 1


DOCUMENT = {"nodeType": 9, "children": [
    {"nodeType": 10},
    {"nodeType": 1, "localName": "html", "backendNodeId": 1, "children": [
        {"nodeType": 1, "localName": "head", "backendNodeId": 2},
        {"nodeType": 1, "localName": "body", "backendNodeId": 3, "children": [
            {"nodeType": 3, "backendNodeId": 4},
            {"nodeType": 1, "localName": "a", "backendNodeId": 5, "attributes": ["href", "/a"]},
            {"nodeType": 1, "localName": "my-widget", "backendNodeId": 6, "attributes": ["id", "w"], "shadowRoots": [
                {"nodeType": 11, "shadowRootType": "open", "children": [
                    {"nodeType": 1, "localName": "button", "backendNodeId": 7}]}]},
        ]}]}]}


def test_an_element_is_found_by_its_path_and_checked_by_tag_and_id():
    assert _backend_id(DOCUMENT, {"path": [1, 0], "tag": "a", "id": None}) == 5
    assert _backend_id(DOCUMENT, {"path": [1, 1], "tag": "my-widget", "id": "w"}) == 6
    assert _backend_id(DOCUMENT, {"path": [1, 1, -1, 0], "tag": "button", "id": None}) == 7


def test_an_out_of_date_copy_finds_nothing():
    assert _backend_id(DOCUMENT, {"path": [1, 0], "tag": "button", "id": None}) is None      # another element
    assert _backend_id(DOCUMENT, {"path": [1, 1], "tag": "my-widget", "id": "x"}) is None    # another id
    assert _backend_id(DOCUMENT, {"path": [1, 5], "tag": "a", "id": None}) is None           # not there
    assert _backend_id(DOCUMENT, {"path": [1, 0, -1, 0], "tag": "a", "id": None}) is None    # no shadow root


def test_the_report_says_what_was_sampled():
    walk = {"sampling": {"stops": 200, "capped_at": 200, "focusable": 2001, "focus_measured": 23,
                         "focus_shared": 177, "focus_unmeasured": 0}}
    assert sampling_note(walk) == (
        "Focus checked on 23 of 200 Tab stops; 177 more share their styles with a checked stop and take its "
        "result. The Tab walk stopped at its limit of 200 stops; 1,801 of the page's 2,001 focusable elements "
        "were not reached.")
    walk["sampling"].update(focus_shared=100, focus_unmeasured=77, capped_at=None, focusable=200)
    assert sampling_note(walk) == ("Focus checked on 23 of 200 Tab stops; 100 more share their styles with a "
                                   "checked stop and take its result; 77 not checked (at most 23 checks a page).")
    walk["sampling"].update(focus_measured=4, focus_styled=11, focus_shared=185, focus_unmeasured=0)
    assert sampling_note(walk) == ("Focus checked on 15 of 200 Tab stops (11 from their computed styles alone: an "
                                   "outline or fill that cannot be missed; 4 in pixels); 185 more share their "
                                   "styles with a checked stop and take its result.")


def test_nothing_is_said_when_everything_was_walked_and_measured():
    assert sampling_note({"sampling": {"stops": 12, "capped_at": None, "focusable": 12, "focus_measured": 12,
                                       "focus_shared": 0, "focus_unmeasured": 0}}) == ""
    assert sampling_note({"error": "boom"}) == "" and sampling_note(None) == ""


def test_one_clear_measure_on_a_free_ring_settles_a_style_key_anything_less_needs_two_that_agree():
    one = {"samples": [(0, {})], "kinds": {"clear"}, "free": True}
    assert _settled(one)
    assert not _settled({**one, "free": False})                      # clipped or something under the ring
    assert not _settled({**one, "kinds": {"none"}})                  # a failure stands on two measures
    assert not _settled({**one, "kinds": {"weak"}})
    assert _settled({"samples": [(0, {}), (4, {})], "kinds": {"weak"}, "free": False})
    assert not _settled({"samples": [(0, {}), (4, {})], "kinds": {"weak", "clear"}, "free": True})


def test_the_next_batch_is_the_run_of_look_alike_stops_ahead_and_one_more():
    assert _next_batch(4, {"held": True, "ahead": 0}, True) == 1       # the next stop may need a closer look
    assert _next_batch(4, {"held": True, "ahead": 9}, True) == 10
    assert _next_batch(4, {"held": False, "ahead": 0}, True) == 8      # went through: the look-ahead was cautious
    assert _next_batch(16, {"held": True, "ahead": 500}, True) == BATCH_MAX
    assert _next_batch(1, {"held": True, "ahead": 0}, False) == BATCH_MAX   # nothing more is measured


def test_pictures_note_says_what_the_images_of_text_check_did_not_read():
    assert pictures_note({"total": 20, "sampled": 8, "images": []}) == (
        "Pictures read for text: the largest 8 of 20; the other 12 were not read.")
    assert pictures_note({"total": 3, "sampled": 3, "images": []}) == ""
    assert pictures_note({"error": "tesseract is not installed"}) == "" and pictures_note(None) == ""
