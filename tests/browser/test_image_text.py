"""Images of text (WCAG 1.4.5/1.4.9) on a real page: Chromium renders, Tesseract reads, the probe judges.

The pictures are SVG files (Chromium draws an <img> of SVG as a picture, like a PNG): a button drawn as the
words "Apply for a permit", and a photo-like picture (overlapping shapes in many colours) with a small sign in
one corner and a heading laid over it in HTML, and a notice drawn as words far down the page. The first and
the last are images of text.
"""

from __future__ import annotations

import pytest

from auditor.gatherers import image_text as gatherer
from auditor.gatherers.base import GatherSession, Later, settle
from auditor.gatherers.pagejs import page_script
from auditor.probes import image_text
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

WORDS = """<svg xmlns="http://www.w3.org/2000/svg" width="360" height="60">
<rect width="360" height="60" fill="#1d70b8"/>
<text x="20" y="40" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#ffffff">Apply for a permit</text></svg>"""

SHAPES = "".join(
    f'<circle cx="{(i * 37) % 400}" cy="{(i * 53) % 260}" r="{18 + (i * 7) % 40}" '
    f'fill="rgb({(i * 70) % 256},{(i * 110) % 256},{(i * 150) % 256})" fill-opacity="0.8"/>' for i in range(60))
PHOTO = f"""<svg xmlns="http://www.w3.org/2000/svg" width="400" height="260">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fb2e5"/>
<stop offset="1" stop-color="#2b5d34"/></linearGradient></defs>
<rect width="400" height="260" fill="url(#sky)"/>{SHAPES}
<rect x="330" y="225" width="60" height="22" fill="#ffffff"/>
<text x="336" y="241" font-family="DejaVu Sans, sans-serif" font-size="13" fill="#000000">EXIT</text></svg>"""

NOTICE = """<svg xmlns="http://www.w3.org/2000/svg" width="520" height="120">
<rect width="520" height="120" fill="#ffffff"/>
<text x="16" y="40" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#0b0c0c">Bins are collected on Tuesdays.</text>
<text x="16" y="80" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#0b0c0c">Put them out by 7am.</text></svg>"""

PAGE = """<!doctype html><html lang="en"><head><title>Permits</title></head><body>
<h1>Parking permits</h1>
<p><a href="apply"><img id="words" src="words.svg" alt="Apply for a permit"></a></p>
<div style="position: relative; width: 400px">
  <img id="photo" src="photo.svg" alt="The market square on a busy Saturday">
  <h2 style="position: absolute; top: 90px; left: 20px; margin: 0; font-size: 30px; color: #fff">
    Visit the Saturday market in the town square</h2>
</div>
<div style="height: 1600px"></div>
<img id="below" src="notice.svg" alt="">
</body></html>"""


def test_a_picture_of_words_fails_and_a_photo_with_a_sign_and_a_heading_over_it_does_not(
        browser, serve_directory, tmp_path):
    if gatherer.tesseract() is None:
        pytest.fail("tesseract is not installed: make system installs tesseract-ocr and tesseract-ocr-eng")
    (tmp_path / "words.svg").write_text(WORDS, "utf-8")
    (tmp_path / "photo.svg").write_text(PHOTO, "utf-8")
    (tmp_path / "notice.svg").write_text(NOTICE, "utf-8")
    (tmp_path / "page.html").write_text(PAGE, "utf-8")
    with serve_directory(tmp_path) as root, browser.page() as page:
        url = root + "page.html"
        page.goto(url)
        settle(page)
        session = GatherSession(browser=browser, url=url, page=page)
        try:
            pending = gatherer.gather(session)
        finally:
            session.close()
        assert isinstance(pending, Later)   # Tesseract reads on while the engine goes on with the page
        artifact = pending.result()
        # the page's own text is back after the captures
        assert page.evaluate("getComputedStyle(document.querySelector('h2')).color") == "rgb(255, 255, 255)"
    assert artifact["total"] == 3 and artifact["sampled"] == 3
    by_id = {i["selector"]: i for i in artifact["images"]}
    assert "permit" in " ".join(w["text"] for w in by_id["#words"]["words"]).lower()
    photo_words = " ".join(w["text"] for w in by_id["#photo"]["words"]).lower()
    assert "market" not in photo_words and "saturday" not in photo_words   # the heading over it is not read
    found = image_text.check({"image_text": artifact}, AuditParams())
    # a notice drawn as a picture far below the window (alt="": the words are only in the picture) fails too
    assert sorted((f.outcome, f.selector) for f in found) == [("fail", "#below"), ("fail", "#words")]


def test_one_tesseract_process_for_a_pages_pictures_reads_what_a_process_each_reads(browser):
    """The gatherer reads all of a page's captures with one Tesseract process (a list file): the words,
    confidences and boxes must be those of one process a picture (tesseract's LSTM engine learns nothing from
    one picture for the next)."""
    if gatherer.tesseract() is None:
        pytest.fail("tesseract is not installed: make system installs tesseract-ocr and tesseract-ocr-eng")
    with browser.page() as page:
        shots = []
        for svg in (WORDS, NOTICE, PHOTO):
            page.set_content(f"<body style='margin:0'>{svg}</body>")
            png = page.screenshot(clip={"x": 0, "y": 0, "width": 360, "height": 120})
            shots.append((png, 360, 120))
    reading = gatherer.Reading(shots)
    assert reading.proc is not None
    together = reading.result()
    assert together == gatherer.ocr_all(shots)
    assert "collected" in " ".join(w["text"] for w in together[1][0]).lower()   # the notice: words were read


def test_text_with_a_colour_transition_of_its_own_is_shown_at_once_after_the_captures(browser):
    """image_text hides the page's text (a sheet that makes it transparent, transitions off) and shows it again:
    text whose page gives its colour a 3 s transition has its own colour back at once, not fading in from
    transparent under the gatherers after it (vision's shots, layout)."""
    script = page_script("image-text")
    page = browser.new_page()
    try:
        page.set_content("<style>a { color: rgb(29, 112, 184); transition: color 3s linear; }</style>"
                         "<p><a id=a href=#>Apply for a permit</a></p>")
        session = GatherSession(browser=browser, url="about:blank", page=page)
        session.run_js(page, script, {"op": "hide", "x": 0, "y": 0})
        session.run_js(page, script, {"op": "show", "x": 0, "y": 0})
        page.wait_for_timeout(100)
        colour = page.evaluate("() => getComputedStyle(document.getElementById('a')).color")
        session.close()
    finally:
        page.context.close()
    assert colour == "rgb(29, 112, 184)", colour
