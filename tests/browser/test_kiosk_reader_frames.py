"""The kiosk's screen reader reads what a frame shows (CdpPage puts each frame's document under its Iframe
node), on Debian's Chromium: the content is read inline between the frame's entry and exit."""

from __future__ import annotations

import pytest

from auditor.browser import Browser
from auditor.model import phrasing
from kiosk.screenreader import CdpPage

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><title>Frames</title><body><h1>Top</h1>
<iframe title="Map" srcdoc="<h2>Inside the frame</h2><p>Ward boundaries</p>"></iframe><p>After</p></body></html>"""


def test_the_kiosk_reads_a_frames_content_inline():
    with Browser(shell=False) as browser, browser.page() as page:   # (the kiosk's browser)
        page.set_content(PAGE, wait_until="load")
        said = phrasing.transcript(CdpPage(page, browser.cdp(page)).tree())
    start = said.index("Map, frame")
    assert said[start:start + 4] == ["Map, frame", "Inside the frame, heading level 2", "Ward boundaries", "out of frame"]
    assert said[-1] == "After"
