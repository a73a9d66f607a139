"""The shared page helpers (auditor/gatherers/js/common.js) in Chromium: the accessible name the Tab walk and the
shortcuts gatherer give a control (accname 1.2's order: aria-labelledby, then aria-label, then the host
language's label), and where focus is through a shadow root and a frame."""

from __future__ import annotations

import pytest

from auditor.gatherers.base import common_js
from auditor.gatherers.tab.world import World

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Names</title></head><body>
<span id="a">Keyboard</span> <span id="b">shortcuts</span>
<button id="both" aria-label="Options" aria-labelledby="a b">Settings</button>
<button id="empty-ref" aria-label="Options" aria-labelledby="nowhere">Settings</button>
<label for="field">Postcode</label><input id="field" aria-label="Code" placeholder="AB1 2CD">
<input id="plain" placeholder="Search">
<input id="send" type="submit" value="Send">
<a id="link" href="/" title="Home page">Home</a>
<div id="host"></div>
<iframe id="frame" srcdoc="<input id=inner>"></iframe>
</body></html>"""

NAMES = {"both": ["Keyboard shortcuts", "aria-labelledby"], "empty-ref": ["Options", "aria-label"],
         "field": ["Code", "aria-label"], "plain": ["Search", "placeholder"], "send": ["Send", "value"],
         "link": ["Home", "contents"]}


@pytest.fixture(scope="module")
def world(browser):
    page = browser.new_page()
    try:
        page.set_content(PAGE)
        page.frame_locator("#frame").locator("#inner").wait_for()
        yield page, World(page.context.new_cdp_session(page), common_js(), name="elab-test")
    finally:
        page.context.close()


def test_the_name_follows_the_accessible_name_order(world):
    _, w = world
    names = w.value(f"Object.fromEntries({list(NAMES)!r}.map((id) => "
                    "[id, window.__elab.accName(document.getElementById(id))]))")
    assert names == NAMES


def test_focus_is_found_through_a_shadow_root_and_a_frame(world):
    page, w = world
    page.evaluate("""() => { const root = document.getElementById('host').attachShadow({ mode: 'open' });
                             root.innerHTML = '<button id=deep>Deep</button>'; root.getElementById('deep').focus(); }""")
    assert w.value("(({ el, frame }) => [el.id, frame])(window.__elab.deepActive())") == ["deep", None]
    page.frame_locator("#frame").locator("#inner").focus()
    assert w.value("(({ el, frame }) => [el.id, frame.id])(window.__elab.deepActive())") == ["inner", "frame"]
