"""The timers gatherer reads the long timers js/quiet.js recorded as one JSON string, and as objects on a page
whose JSON.stringify answers something else: the same timers either way, a delay that is no finite number too."""

from __future__ import annotations

import math

import pytest

from auditor.gatherers import timers
from auditor.gatherers.base import GatherSession

pytestmark = pytest.mark.browser

TIMERS = """<script>
setTimeout(function signOut() { location.href = '/signed-out'; }, 120000);
setInterval(function rotate() {}, 3000);
setTimeout(function never() {}, Infinity);
setTimeout(function soon() {}, 10);
</script>"""

BROKEN_JSON = "<script>JSON.stringify = () => 'not json';</script>"


THROWING_JSON = "<script>JSON.stringify = () => { throw new Error('no'); };</script>"


@pytest.mark.parametrize("extra, reads", [("", 1), (BROKEN_JSON, 2), (THROWING_JSON, 2)],
                         ids=["as JSON", "JSON.stringify replaced", "JSON.stringify throws"])
def test_the_long_timers_are_read_whatever_the_page_did_to_json(browser, extra, reads, monkeypatch):
    with browser.page() as page:
        page.set_content(extra + TIMERS)
        evaluate, calls = type(page).evaluate, []
        monkeypatch.setattr(type(page), "evaluate", lambda self, *a, **k: calls.append(1) or evaluate(self, *a, **k))
        artifact = timers.gather(GatherSession(browser=browser, url="about:blank", page=page))
        monkeypatch.setattr(type(page), "evaluate", evaluate)
    assert len(calls) == reads   # (one read where the page's JSON is the browser's own)
    found = {t["source"].split("(")[0].replace("function ", ""): (t["kind"], t["delay"]) for t in artifact["timers"]}
    assert found["signOut"] == ("setTimeout", 120000.0)
    assert found["rotate"] == ("setInterval", 3000.0)
    assert found["never"][0] == "setTimeout" and math.isinf(found["never"][1])
    assert "soon" not in found
