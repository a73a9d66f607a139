"""empathy_lab.check runs the gatherers on a page someone else opened, through auditor.browser.LentBrowser:
it must offer every browser method the gatherers call (a new one on Browser alone left the Tab walk failing
on lent pages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import auditor.browser as browser_module

GATHERERS = Path(browser_module.__file__).with_name("gatherers")


def test_lent_browser_offers_what_the_gatherers_use():
    used = set()
    for source in GATHERERS.glob("*.py"):
        used |= set(re.findall(r"(?:session|self)\.browser\.(\w+)", source.read_text("utf-8")))
    assert {"cdp", "send_many", "new_page"} <= used
    missing = sorted(name for name in used if not callable(getattr(browser_module.LentBrowser, name, None)))
    assert missing == []


def test_send_many_gives_a_failed_command_its_exception_in_place_when_asked():
    class Session:   # a CDP session without Playwright's asynchronous side: commands go one at a time
        def send(self, method, params):
            if method == "DOM.resolveNode" and params["backendNodeId"] == 2:
                raise RuntimeError("No node with given id found")
            return {"method": method, **params}

    commands = [("DOM.resolveNode", {"backendNodeId": n}) for n in (1, 2, 3)]
    answers = browser_module.Browser.send_many(Session(), commands, return_exceptions=True)
    assert answers[0] == {"method": "DOM.resolveNode", "backendNodeId": 1}
    assert isinstance(answers[1], RuntimeError) and answers[2]["backendNodeId"] == 3
    with pytest.raises(RuntimeError, match="No node"):   # without return_exceptions a failed command raises
        browser_module.LentBrowser.send_many(Session(), commands)


def test_send_soon_without_the_asynchronous_side_sends_at_once_and_keeps_each_answer():
    sent = []

    class Session:
        def send(self, method, params):
            sent.append(method)
            if method == "Page.captureScreenshot":
                raise RuntimeError("Target closed")
            return {"ok": method}

    started = browser_module.LentBrowser.send_soon(Session(), [("Page.getLayoutMetrics", {}),
                                                              ("Page.captureScreenshot", {})])
    assert sent == ["Page.getLayoutMetrics", "Page.captureScreenshot"]   # nothing can overlap: sent here
    metrics, shot = started.answers()
    assert metrics == {"ok": "Page.getLayoutMetrics"} and isinstance(shot, RuntimeError)


def test_send_soon_steps_each_take_the_answers_before_them():
    """``then``: each step's commands are made from the last step's answers (a world from the frame's id, a
    script in the world); a step that gives none stops there; one that fails gives its exception."""
    sent = []

    class Session:
        def send(self, method, params):
            sent.append((method, params))
            return {"id": len(sent)}

    started = browser_module.Browser.send_soon(Session(), [("Page.getFrameTree", {})], then=(
        lambda answers: [("Page.createIsolatedWorld", {"frameId": answers[0]["id"]})],
        lambda answers: [("Runtime.evaluate", {"contextId": answers[0]["id"]})] * 2))
    assert [m for m, _ in sent] == ["Page.getFrameTree", "Page.createIsolatedWorld", "Runtime.evaluate",
                                    "Runtime.evaluate"]
    assert sent[1][1] == {"frameId": 1} and sent[2][1] == {"contextId": 2}
    assert started.answers() == [{"id": 3}, {"id": 4}]      # the last step's answers
    stopped = browser_module.Browser.send_soon(Session(), [("Page.getFrameTree", {})],
                                               then=(lambda answers: [], lambda answers: 1 / 0))
    assert stopped.answers() == [{"id": 5}]
    failed = browser_module.Browser.send_soon(Session(), [("Page.getFrameTree", {})], then=(lambda answers: 1 / 0,))
    assert isinstance(failed.answers()[0], ZeroDivisionError)


def test_the_browser_offers_what_the_kiosk_and_the_journeys_use():
    """The kiosk's live page and the journeys call methods on auditor.browser.Browser too (a class defined in
    the middle of Browser's body once took its ``pump`` away, and every kiosk task failed to open)."""
    root = GATHERERS.parent.parent
    used = set()
    for folder in (root / "kiosk", root / "auditor" / "journey"):
        for source in folder.rglob("*.py"):
            used |= set(re.findall(r"self\.browser\.(\w+)\(", source.read_text("utf-8")))
    assert "pump" in used
    missing = sorted(name for name in used if not callable(getattr(browser_module.Browser, name, None)))
    assert missing == []


def test_the_launch_flags_leave_playwrights_feature_lists_alone():
    # Chromium keeps the last --disable-features (and --enable-features) it is given; Playwright passes its own
    # before ours, so one of ours would silently undo all of Playwright's (measured once as a "faster" clearing).
    assert [a for a in browser_module.LAUNCH_ARGS if a.split("=")[0] in ("--disable-features", "--enable-features")] == []
