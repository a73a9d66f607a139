"""Text contrast from rendered pixels where axe-core cannot tell: the judgement (made-up shots) and the probe."""

from __future__ import annotations

from auditor.gatherers.rendered_contrast import judge, parse_colour, ratio
from auditor.probes import axe
from auditor.probes.base import AuditParams

W, H = 40, 10
TEXT = [(5, 2, 35, 8)]   # the element's own text box in the shots


def shots(text_rgb, behind, glyph=lambda x, y: x % 3 == 0, behind_at=None):
    """Two RGB shots of W x H: with the text (glyph pixels in ``text_rgb``) and without it."""
    shown, hidden = bytearray(), bytearray()
    for y in range(H):
        for x in range(W):
            bg = behind_at(x, y) if behind_at else behind
            hidden += bytes(bg)
            inside = 5 <= x < 35 and 2 <= y < 8
            shown += bytes(text_rgb if inside and glyph(x, y) else bg)
    return bytes(shown), bytes(hidden)


def test_colour_and_ratio():
    assert parse_colour("rgb(11, 12, 12)") == (11.0, 12.0, 12.0, 1.0)
    assert parse_colour("rgba(0, 0, 0, 0.5)") == (0.0, 0.0, 0.0, 0.5)
    assert parse_colour("color(display-p3 1 0 0)") is None
    assert round(ratio((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(ratio((118, 118, 118), (255, 255, 255)), 2) == 4.54


def test_dark_text_on_white_behind_a_drawn_box_passes():
    a, b = shots((11, 12, 12), (255, 255, 255))
    out = judge(a, b, (W, H), TEXT, "rgb(11, 12, 12)", 1.0, 4.5)
    assert out["outcome"] == "pass" and out["ratio"] > 19


def test_faint_text_everywhere_fails():
    a, b = shots((200, 200, 200), (255, 255, 255))
    out = judge(a, b, (W, H), TEXT, "rgb(200, 200, 200)", 1.0, 4.5)
    assert out["outcome"] == "fail" and out["median"] < 2


def test_large_text_uses_its_own_threshold():
    a, b = shots((130, 130, 130), (255, 255, 255))   # about 3.9:1
    assert judge(a, b, (W, H), TEXT, "rgb(130, 130, 130)", 1.0, 3.0)["outcome"] == "pass"
    assert judge(a, b, (W, H), TEXT, "rgb(130, 130, 130)", 1.0, 4.5)["outcome"] == "fail"


def test_background_that_changes_under_the_text_is_a_review():
    # white behind the left half, mid grey behind the right: part of the text is fine, part is not
    a, b = shots((90, 90, 90), None, behind_at=lambda x, y: (255, 255, 255) if x < 20 else (120, 120, 120))
    out = judge(a, b, (W, H), TEXT, "rgb(90, 90, 90)", 1.0, 4.5)
    assert out["outcome"] == "review" and out["ratio"] < 4.5 < out["median"] + 5


def test_text_drawn_fainter_than_its_colour_is_a_review_not_a_pass():
    # CSS says near black, but a layer over it shows it grey: the pixels do not back the colour up
    a, b = shots((170, 170, 170), (255, 255, 255))
    out = judge(a, b, (W, H), TEXT, "rgb(0, 0, 0)", 1.0, 4.5)
    assert out["outcome"] == "review"


def test_opacity_is_part_of_the_colour():
    a, b = shots((220, 220, 220), (255, 255, 255))
    assert judge(a, b, (W, H), TEXT, "rgb(0, 0, 0)", 0.15, 4.5)["outcome"] == "fail"


def test_text_not_seen_stays_a_review():
    a, b = shots((0, 0, 0), (255, 255, 255), glyph=lambda x, y: False)
    assert judge(a, b, (W, H), TEXT, "rgb(0, 0, 0)", 1.0, 4.5) == {
        "expected": 4.5, "pixels": 0, "outcome": "review", "why": "the text is not seen in the page's pixels"}


def _incomplete(rendered):
    node = {"target": ["label"], "html": "<label>Email</label>", "impact": "serious", "failureSummary": "",
            "any": [{"id": "color-contrast", "message": "m", "key": "pseudoContent"}], "all": [], "none": []}
    if rendered is not None:
        node["rendered"] = rendered
    rule = {"id": "color-contrast", "impact": "serious", "tags": ["cat.color", "wcag2aa", "wcag143"],
            "help": "Contrast", "description": "", "helpUrl": "", "nodes": [node], "nodes_total": 1}
    return {"axe": {"engine": "axe-core", "tags": [], "violations": [], "incomplete": [rule], "passes": [],
                    "inapplicable": [], "frames": {"tested": [], "untested": []}}}


def test_probe_drops_a_measured_pass_fails_a_measured_fail_keeps_the_rest():
    params = AuditParams()
    assert axe.check(_incomplete({"outcome": "pass", "expected": 4.5, "ratio": 13.0}), params) == []
    assert axe.rule_outcomes(_incomplete({"outcome": "pass"}))["color-contrast"]["outcome"] == "pass"
    failed = axe.check(_incomplete({"outcome": "fail", "expected": 4.5, "median": 1.6, "ratio": 1.6}), params)
    assert [(f.outcome, f.wcag) for f in failed] == [("fail", ["1.4.3"])]
    assert "1.6:1 behind most of it, 4.5:1 needed" in failed[0].message
    for rendered in ({"outcome": "review", "why": "the background behind the text changes"}, None):
        kept = axe.check(_incomplete(rendered), params)
        assert [f.outcome for f in kept] == ["review"]
        assert "color-contrast" not in axe.rule_outcomes(_incomplete(rendered))
