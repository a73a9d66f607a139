"""Probe ``image_text_alternative``: what axe misses about images' text alternatives.

Reads the ``axtree`` artifact's ``images`` (images a screen reader meets: alt, title, file name, size,
caption and the text just before and after). A missing alt is axe's job (``image-alt``); alt="" is a
decorative image and is left alone. Reports:
- alt that is a file name ("IMG_0423.jpg", "banner.png", the image's own file name) (fail);
- alt that is a placeholder word ("image", "photo", "spacer", "picture"...) (fail);
- alt and title that say different things (review: one of them is wrong for somebody);
- very long alt, over :data:`LONG_ALT` characters (review: long descriptions belong in the text);
- alt that repeats the caption or the text right beside the image (review: heard twice). Images inside
  links and buttons are left to axe's ``image-redundant-alt``;
- a likely image of text (review, WCAG 1.4.5): only when two signs agree - a file name with a text-like
  word (quote, poster, flyer, banner-text...), a long narrow strip shape, an alt that reads like a phrase of
  several words. Logos are exempt from 1.4.5 and never reported;
- an image marked as decoration (alt="" or role="none"/"presentation") that has a title (fail, from
  ``dom.markup.titled_decoration``): the title shows mouse users what it means, so it is not decoration, but
  a screen reader skips it;
- a picture drawn in characters (ASCII art: a ``<pre>`` of 3+ lines that is not code and is mostly symbols,
  from ``dom.markup.preformatted``) with no text alternative (review): a screen reader reads it out symbol by
  symbol. WCAG counts ASCII art as non-text content.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="image_text_alternative",
    summary="image descriptions that are file names, filler or wrong",
    title="Images have text alternatives that say what the image is for",
    failure_title="Images have text alternatives that say nothing useful",
    wcag=("1.1.1",),
    personas=("ashleigh",),
    impact="serious",
    fix="Write alt text that says what the image shows or does in this place; use alt=\"\" for decoration.",
    artifacts=("axtree", "dom"),
    why={"ashleigh": "She hears the alt text instead of seeing the picture; a file name or the word 'image' "
                     "tells her nothing."},
)

LONG_ALT = 150
IMAGE_EXTENSIONS = r"jpe?g|png|gif|svg|webp|bmp|tiff?|avif|heic|ico"
FILE_NAME = re.compile(rf"^\S+\.({IMAGE_EXTENSIONS})$", re.IGNORECASE)
CAMERA_NAME = re.compile(r"^(img|dsc|dscn|dscf|dcim|pxl|mvimg|screenshot|screen shot|scan)[\s_-]*\d", re.IGNORECASE)
# Words people leave in alt when they did not write one. Generic English, not taken from any site.
PLACEHOLDER_ALTS = {
    "image", "img", "images", "photo", "photograph", "picture", "pic", "graphic", "icon", "spacer", "blank",
    "placeholder", "alt", "alt text", "alternative text", "untitled", "null", "undefined", "none", "empty",
    "thumbnail", "thumb", "banner", "logo image", "an image", "a picture", "a photo", "image of", "photo of",
    "picture of", "default", "dummy", "test",
}
TEXT_FILE_WORDS = {"text", "quote", "quotes", "heading", "headline", "title", "poster", "flyer", "leaflet",
                   "notice", "infographic", "slogan", "cta", "button", "btn", "sign", "caption", "wordart"}


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w£$€%]+", " ", (text or "").casefold()).replace("_", " ").split())


def _stem(file_name: str) -> str:
    return file_name.rsplit(".", 1)[0] if "." in file_name else file_name


def _is_file_name(alt: str, file_name: str) -> bool:
    alt = alt.strip()
    if FILE_NAME.match(alt) or CAMERA_NAME.match(alt):
        return True
    stem = _stem(file_name)
    # the image's own file name without extension, when it looks like one (has a separator or a digit)
    return bool(stem) and alt.casefold() == stem.casefold() and bool(re.search(r"[-_.\d]", stem))


def _text_signs(image: dict, alt: str) -> list[str]:
    """Signs that the image is a picture of text; each a short reason."""
    signs = []
    file_words = set(re.split(r"[^a-z]+", _stem(image.get("file") or "").casefold()))
    hits = sorted(file_words & TEXT_FILE_WORDS)
    if hits:
        signs.append(f"its file name has '{hits[0]}'")
    width, height = image.get("width") or 0, image.get("height") or 0
    if height >= 16 and width >= 3 * height and width >= 150:
        signs.append(f"it is a {width}x{height} strip")
    if len(alt.split()) >= 4:
        signs.append("its alt reads like a phrase")
    return signs


def _titled_decoration(artifacts: dict) -> list[Finding]:
    dom = artifacts.get("dom")
    markup = dom.get("markup") if isinstance(dom, dict) else None
    if not isinstance(markup, dict):
        return []
    return [META.finding(
        outcome="fail", impact="serious", role="image", name=image.get("title", ""),
        key="titled-decoration", selector=image.get("selector", ""), snippet=image.get("snippet", ""),
        message=f"A mouse user's tooltip says '{image.get('title', '')}', but {{who}} hears nothing: the image is "
                "marked as decoration (empty alt or role none)",
        fix="If the image means something, put those words in its alt; if it is decoration, drop the title.",
        personas=["ashleigh"])
        for image in markup.get("titled_decoration") or []]


ART_SYMBOLS = 0.5   # share of the visible characters that are neither letters nor digits
ART_MIN_SYMBOLS = 15


def ascii_art(block: dict) -> bool:
    """A <pre> that draws a picture: 3+ lines, not code, mostly symbols, and no text alternative."""
    text = block.get("text")
    if not isinstance(text, str) or block.get("code") or block.get("alternative"):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    chars = [c for c in text if not c.isspace()]
    symbols = sum(1 for c in chars if not c.isalnum())
    return len(lines) >= 3 and symbols >= ART_MIN_SYMBOLS and symbols >= ART_SYMBOLS * len(chars)


def _ascii_art(artifacts: dict) -> list[Finding]:
    dom = artifacts.get("dom")
    markup = dom.get("markup") if isinstance(dom, dict) else None
    blocks = markup.get("preformatted") if isinstance(markup, dict) else None
    if not isinstance(blocks, list):
        return []
    return [META.finding(
        outcome="review", impact="serious", role="", name="", key="ascii-art",
        selector=block.get("selector", ""), snippet=block.get("snippet", ""),
        message="{who} hears a picture drawn in characters read out symbol by symbol ('slash, backslash, "
                "bar...'): it has no text alternative",
        fix="Give the drawing a text alternative: wrap it in role=\"img\" with an aria-label, or in a <figure> "
            "with a <figcaption>, and hide the characters from screen readers (aria-hidden=\"true\").",
        personas=["ashleigh"])
        for block in blocks if isinstance(block, dict) and ascii_art(block)]


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings: list[Finding] = _ascii_art(artifacts)
    tree = artifacts.get("axtree")
    if not isinstance(tree, dict) or "images" not in tree:
        return findings
    findings += _titled_decoration(artifacts)
    for image in tree["images"]:
        alt = image.get("alt")
        if alt is None or not alt.strip():
            continue  # missing alt: axe's image-alt; empty alt: decoration
        alt = " ".join(alt.split())
        heard = image.get("heard") or f"{alt}, graphic"
        base = dict(selector=image.get("selector", ""), snippet=image.get("snippet", ""),
                    role=image.get("role") or "image", name=image.get("name") or alt, heard=heard)

        def add(kind: str, outcome: str, impact: str, message: str, fix: str, wcag: tuple[str, ...] = ("1.1.1",),
                personas: tuple[str, ...] = ("ashleigh",)) -> None:
            findings.append(META.finding(outcome=outcome, impact=impact, message=message, fix=fix, wcag=list(wcag),
                                    personas=list(personas), key=kind, **base))

        if _is_file_name(alt, image.get("file") or ""):
            add("file-name", "fail", "serious",
                f"{{who}} hears '{heard}': the alt text is a file name, not what the picture shows",
                "Replace the file name with words saying what the image shows or does here, or alt=\"\" if it "
                "is decoration.")
            continue
        if _norm(alt) in PLACEHOLDER_ALTS:
            add("placeholder", "fail", "serious",
                f"{{who}} hears '{heard}': the alt text is a placeholder word that says nothing about the picture",
                "Say what the image shows or does here, or use alt=\"\" if it is decoration (a spacer must be "
                "alt=\"\").")
            continue
        title = " ".join((image.get("title") or "").split())
        if title and _norm(title) not in _norm(alt) and _norm(alt) not in _norm(title):
            add("title-differs", "review", "minor",
                f"The alt text says '{alt}' but the tooltip says '{title}': {{who}} and a mouse user are told "
                "different things",
                "Make the alt and the title agree, or drop the title.")
        if len(alt) > LONG_ALT:
            add("long", "review", "minor",
                f"{{who}} has to listen to {len(alt.split())} words of alt text before moving on, and cannot skim it",
                "Keep alt to what the image is for here; put a long description in the page text or a caption.")
        if not image.get("in_control"):
            said = _norm(alt)
            for place in ("caption", "before", "after"):
                nearby = _norm(image.get(place))
                if len(said) >= 3 and nearby == said:
                    where = "the caption" if place == "caption" else "the text beside it"
                    add("repeats-text", "review", "minor",
                        f"{{who}} hears '{alt}' twice: the alt text repeats {where}",
                        "Use alt=\"\" when the text beside the image already says it, or say something the "
                        "text does not.")
                    break
        names = f"{alt} {image.get('file') or ''}".casefold()
        signs = _text_signs(image, alt)
        if len(signs) >= 2 and "logo" not in names:
            add("image-of-text", "review", "moderate",
                f"This image may be a picture of text ({' and '.join(signs)}): people who zoom, re-space or "
                "recolour text cannot do it to these words",
                "Use real text styled with CSS instead of an image of text (logos are fine).",
                wcag=("1.4.5",), personas=("claudia", "simone", "ashleigh"))
    return findings
