"""Step and task verdicts of scenario runs (auditor.journey.verdict): pure rules, no browser."""

from __future__ import annotations

import pytest

from auditor.journey.verdict import (Cost, StepResult, keyboard_effort, plural, summary, target_reach, task_outcome,
                                     total_cost, zoom_view)


def step(outcome: str = "ok", reason: str = "", **cost) -> StepResult:
    return StepResult(step='press "Continue"', line=7, verb="press", outcome=outcome, reason=reason, cost=Cost(**cost))


# -- task outcome --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("outcomes, done, stopped, expected", [
    (["ok", "ok"], True, False, "completed"),
    (["ok", "struggled"], True, False, "struggled"),
    (["ok", "blocked"], None, False, "blocked"),
    (["ok", "ok"], False, False, "blocked"),           # every step done, but the task was not
    (["ok"], None, True, "incomplete"),                # a scenario error stopped the run
    (["struggled", "blocked"], None, True, "blocked"),  # blocked before the scenario error counts
])
def test_task_outcome(outcomes, done, stopped, expected):
    assert task_outcome([step(o) for o in outcomes], done, stopped) == expected


def test_total_cost_adds_every_step():
    total = total_cost([step(keys=3, seconds=1.5), step(keys=4, clicks=1, retries=1, seconds=2)])
    assert total.to_json() == {"keys": 7, "clicks": 1, "scrolls": 0, "retries": 1, "seconds": 3.5}


def test_step_json_leaves_out_empty_evidence():
    data = step("ok").to_json()
    assert set(data) == {"step", "line", "outcome", "reason", "element", "cost"}
    heard = StepResult("x", 1, "press", transcript=["Continue, button"], screenshot="abc").to_json()
    assert heard["transcript"] == ["Continue, button"] and heard["screenshot"] == "abc"


# -- summaries -----------------------------------------------------------------------------------------------
def test_summary_compares_key_presses_with_clicks():
    steps = [step(keys=30), step(keys=8)]
    assert summary("Christopher", "keyboard", "completed", steps, 6) == \
        "Christopher needed 38 key presses where a mouse user needed 6 clicks"


def test_summary_of_a_blocked_run_says_where_and_why():
    steps = [step(), step("blocked", "it cannot be reached with the keyboard")]
    assert summary("Christopher", "keyboard", "blocked", steps, 6) == \
        "Christopher was stopped at 'press \"Continue\"' (line 7): it cannot be reached with the keyboard"


def test_summary_of_a_struggle_names_the_first_one():
    steps = [step(clicks=1), step("struggled", "too small", clicks=2, retries=1)]
    assert summary("Ron", "pointer", "struggled", steps, 2) == \
        "Ron needed 3 clicks and 1 retry where a mouse user needed 2 clicks; struggled at 1 step, " \
        "first at 'press \"Continue\"': too small"


def test_summary_for_a_screen_reader_counts_phrases():
    assert summary("Ashleigh", "screen_reader", "completed", [step(keys=12)], 1, phrases=10) == \
        "Ashleigh needed 10 phrases heard and 12 key presses where a mouse user needed 1 click"


@pytest.mark.parametrize("n, word, expected", [(1, "click", "1 click"), (2, "click", "2 clicks"),
                                               (2, "retry", "2 retries"), (3, "key press", "3 key presses"),
                                               (0, "step", "0 steps")])
def test_plural(n, word, expected):
    assert plural(n, word) == expected


# -- Christopher ---------------------------------------------------------------------------------------------
def test_keyboard_effort_in_reading_order_is_ok():
    assert keyboard_effort("Christopher", "Continue", 5, 5, 0).outcome == "ok"
    assert keyboard_effort("Christopher", "Continue", 3, 1, 0).outcome == "ok"    # at most 3 times


def test_keyboard_effort_far_more_presses_than_needed_is_a_struggle():
    effort = keyboard_effort("Christopher", "Email address", 14, 1, 0)
    assert effort.outcome == "struggled"
    assert effort.reason == "Christopher pressed Tab 14 times to reach 'Email address', 1 is enough on a page " \
                            "in reading order"


def test_keyboard_effort_focus_jumping_back_is_a_struggle_even_when_short():
    effort = keyboard_effort("Christopher", "Full name", 3, 13, 1)
    assert effort.outcome == "struggled"
    assert "went back up the page 1 time" in effort.reason


# -- Ron -----------------------------------------------------------------------------------------------------
BOX = {"x": 100, "y": 100, "width": 20, "height": 20}


def test_large_target_is_ok_whatever_is_near():
    big = {"x": 100, "y": 100, "width": 48, "height": 48}
    assert target_reach("Ron", "Continue", big, [{"x": 150, "y": 100, "width": 10, "height": 10}], 44).outcome == "ok"


def test_small_target_with_nothing_near_is_ok():
    far = {"x": 300, "y": 300, "width": 50, "height": 50}
    assert target_reach("Ron", "Garden waste", BOX, [far], 44).outcome == "ok"


def test_small_crowded_target_is_a_struggle_naming_the_neighbour():
    far = {"x": 300, "y": 300, "width": 50, "height": 50}
    near = {"x": 100, "y": 128, "width": 20, "height": 20}     # 8 px below: inside the 22 px radius
    reach = target_reach("Ron", "Garden waste", BOX, [far, near], 44)
    assert (reach.outcome, reach.neighbour) == ("struggled", 1)
    assert reach.reason == "'Garden waste' is only 20 by 20 px, with another control right next to it: " \
                           "Ron's hand shook, hit the wrong one and had to try again"


def test_empty_boxes_are_not_targets():
    assert target_reach("Ron", "x", BOX, [{"x": 105, "y": 105, "width": 0, "height": 0}], 44).outcome == "ok"


# -- Claudia -------------------------------------------------------------------------------------------------
def view(rect, shown=1.0, covered=None):
    return zoom_view("Claudia", "Continue", rect, 320, 960, shown, covered)


def test_control_on_screen_is_ok():
    assert view({"x": 20, "y": 50, "width": 200, "height": 40}).outcome == "ok"


def test_control_past_the_right_edge_blocks_with_her_reason():
    v = view({"x": 235, "y": 50, "width": 177, "height": 47})
    assert (v.outcome, v.scroll_sideways) == ("blocked", True)
    assert v.reason == "Claudia has to scroll sideways to find 'Continue': the page is 960 px wide at 400% zoom " \
                       "and 'Continue' shows only 85 of its 177 px on the 320 px wide screen"
    assert "is entirely off the 320 px wide screen" in view({"x": 400, "y": 0, "width": 50, "height": 20}).reason


def test_control_wider_than_the_screen_is_a_struggle():
    v = view({"x": 32, "y": 50, "width": 437, "height": 80})
    assert (v.outcome, v.scroll_sideways) == ("struggled", True)


def test_covered_and_cut_off_controls():
    rect = {"x": 20, "y": 50, "width": 100, "height": 40}
    assert view(rect, covered="'March 2025' (#datepicker)").reason == \
        "'Continue' is hidden under 'March 2025' (#datepicker), so Claudia cannot click it"
    assert view(rect, shown=0).outcome == "blocked"
    assert view(rect, shown=0.5).outcome == "struggled"
