"""Probe image_text (WCAG 1.4.5/1.4.9) judged on made-up OCR readings: no browser, no Tesseract."""

from auditor.gatherers.image_text import capture_scale, parse_tsv
from auditor.probes import image_text
from auditor.probes.base import AuditParams

PARAMS = AuditParams()


def word(text: str, conf: float, x: float, y: float, w: float, h: float) -> dict:
    return {"text": text, "conf": conf, "box": [x, y, w, h]}


def picture(words: list[dict], name: str = "", other_ink: float | None = 0.5, **where) -> dict:
    return {"selector": "#pic", "snippet": "<img id=pic>", "role": "img", "name": name, "kind": "img",
            "hidden": not name, "homeLink": False, "banner": False, "box": {"x": 0, "y": 0, "width": 300,
                                                                                "height": 100},
            "words": words, **({"otherInk": other_ink} if other_ink is not None else {}), **where}


def artifacts(*images: dict) -> dict:
    return {"image_text": {"total": len(images), "sampled": len(images), "images": list(images)}}


BUTTON = [word("Apply", 94, 0.1, 0.3, 0.4, 0.4), word("now!", 96, 0.55, 0.3, 0.3, 0.4)]
PARAGRAPH = [word(w, 95, 0.02 + 0.1 * i, 0.1, 0.08, 0.04) for i, w in
             enumerate("Bin collections change over the holiday period".split())]
PHOTO_NOISE = [word("ae", 64, 0.7, 0.03, 0.03, 0.03), word("Fal", 49, 0.77, 0.15, 0.07, 0.05),
               word("Ih", 71, 0.96, 0.15, 0.03, 0.05), word("U", 68, 0.3, 0.07, 0.02, 0.03)]


def test_text_that_fills_the_picture_fails_both_criteria():
    found = image_text.check(artifacts(picture(BUTTON, other_ink=0.6)), PARAMS)
    assert [(f.outcome, f.selector) for f in found] == [("fail", "#pic")]
    assert "Apply now!" in found[0].message and found[0].rule == "image_text"
    assert image_text.META.wcag == ("1.4.5", "1.4.9")


def test_words_on_a_plain_ground_fail_however_much_ground():
    """Sure words covering little of the picture, but nothing else drawn: a picture of a paragraph."""
    assert image_text._coverage(PARAGRAPH) < image_text.MOSTLY_TEXT
    found = image_text.check(artifacts(picture(PARAGRAPH, other_ink=0.001)), PARAMS)
    assert [f.outcome for f in found] == ["fail"]
    assert "“Bin collections change over the holiday period”" in found[0].message
    assert len(found[0].evidence["words"]) == len(PARAGRAPH)
    long_notice = PARAGRAPH + [word(w, 95, 0.02 + 0.1 * i, 0.2, 0.08, 0.04) for i, w in
                               enumerate("from the 22nd of December to the 3rd of January".split())]
    message = image_text.check(artifacts(picture(long_notice, other_ink=0.0)), PARAMS)[0].message
    assert "“Bin collections change over the holiday period from the…”" in message   # a headline: cut at a word
    # the same words over a photograph are text in a picture with other content
    assert image_text.check(artifacts(picture(PARAGRAPH, other_ink=0.8)), PARAMS) == []
    # without the ink measure the words alone decide
    assert image_text.check(artifacts(picture(PARAGRAPH, other_ink=None)), PARAMS) == []


def test_an_alt_that_repeats_the_pictures_words_fails_with_less_text():
    words = [word("WCAG", 96, 0.0, 0.2, 0.3, 0.3), word("Roc", 94, 0.35, 0.2, 0.2, 0.3)]   # OCR cut "Rocks"
    assert image_text.repeats_name(words, "WCAG Rocks")
    assert [f.outcome for f in image_text.check(artifacts(picture(words, "WCAG Rocks", 0.7)), PARAMS)] == ["fail"]
    assert not image_text.repeats_name(words, "Our team at the awards evening")
    assert image_text.check(artifacts(picture(words, "Our team at the awards evening", 0.7)), PARAMS) == []


def test_photos_icons_and_single_letters_do_not_fail():
    assert image_text.check(artifacts(picture(PHOTO_NOISE, "Fireworks over the river", 0.87)), PARAMS) == []
    letter = [word("A", 95, 0.3, 0.2, 0.4, 0.6)]
    assert image_text.check(artifacts(picture(letter, "Increase text size", 0.1)), PARAMS) == []
    initials = [word("W3C", 96, 0.05, 0.1, 0.6, 0.3)]
    assert image_text.check(artifacts(picture(initials, "", 0.0)), PARAMS) == []
    assert image_text.check(artifacts(picture([], "A bus", 0.9)), PARAMS) == []


def test_unsure_lettering_and_logos_are_reviews_and_the_banner_home_link_is_the_logotype():
    fancy = [word("Welcome", 36, 0.03, 0.12, 0.94, 0.76)]
    assert [f.outcome for f in image_text.check(artifacts(picture(fancy, "", 0.0)), PARAMS)] == ["review"]
    assert [f.outcome for f in image_text.check(artifacts(picture(BUTTON, "Apply now logo", 0.6)), PARAMS)] \
        == ["review"]
    home = picture(BUTTON, "Apply now", 0.6, homeLink=True, banner=True)
    assert image_text.check(artifacts(home), PARAMS) == []
    # a link home outside the banner, or a banner picture that is not the home link, is judged as any other
    assert [f.outcome for f in image_text.check(artifacts(picture(BUTTON, "Apply now", 0.6, homeLink=True)),
                                                PARAMS)] == ["fail"]


def test_a_long_description_of_the_lettering_is_a_review():
    """The alt says how the words look: their presentation may be essential (a typeface sample)."""
    words = [word("Ivanhoe", 90, 0.1, 0.05, 0.8, 0.85)]
    name = "The word Ivanhoe written in a style that resembles old medieval letters on a yellow background"
    assert [f.outcome for f in image_text.check(artifacts(picture(words, name, 0.1)), PARAMS)] == ["review"]


def test_no_pictures_failed_ocr_and_a_missing_artifact():
    assert not image_text.applies(artifacts(), PARAMS) and image_text.check(artifacts(), PARAMS) == []
    broken = {**picture(BUTTON), "error": "tesseract failed"}
    assert image_text.applies(artifacts(broken), PARAMS) and image_text.check(artifacts(broken), PARAMS) == []
    assert image_text.check({"image_text": {"error": "boom"}}, PARAMS) == []
    assert image_text.check({}, PARAMS) == []
    odd = picture([{"text": "Apply", "conf": "x"}, "junk", word("now", 90, 0, 0, "?", 1)])
    image_text.check(artifacts(odd), PARAMS)   # bad records do not raise


def test_tesseract_tsv_becomes_words_with_shared_boxes_and_capture_scale():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t200\t100\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t20\t30\t80\t40\t91.5\tPress\n"
           "5\t1\t1\t1\t1\t2\t110\t30\t60\t40\t12.0\tzz\n"
           "5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t \n")
    assert parse_tsv(tsv, 200, 100) == [{"text": "Press", "conf": 91.5, "box": [0.1, 0.3, 0.4, 0.4]}]
    # one process reading a list of pictures: page_num says whose words they are
    two = tsv + "5\t2\t1\t1\t1\t1\t0\t0\t100\t50\t88\tNotice\n"
    assert parse_tsv(two, 200, 100, page=1) == parse_tsv(tsv, 200, 100)
    assert [w["text"] for w in parse_tsv(two, 100, 50, page=2)] == ["Notice"] and parse_tsv(two, 1, 1, page=3) == []
    assert capture_scale(80, 20) == 4.0 and capture_scale(600, 400) == 1.0 and capture_scale(84, 45) == 2.67
    assert capture_scale(4000, 4000) < 1.0
