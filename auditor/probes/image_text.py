"""Probe ``image_text`` (WCAG 1.4.5 Images of Text, AA; 1.4.9 Images of Text (No Exception), AAA).

WCAG's "image of text" is text rendered in a non-text form (a picture) to achieve a visual effect; not text
that is part of a picture with significant other visual content, and not a logotype. Such text cannot be
enlarged without blurring, re-spaced or re-coloured: Claudia, who enlarges and restyles text, loses it.

Reads the ``image_text`` artifact (auditor/gatherers/image_text.py: the words Tesseract reads in each picture
big enough to hold text, with their boxes as shares of the picture). Per picture (:func:`judge`, pure):

- **words** are what OCR read with at least two letters or digits; **sure words** those read with a
  confidence of ``SURE_CONF`` or more. Photos give OCR scattered, unsure fragments in small boxes; text
  gives sure words whose boxes fill much of the picture.
- ``fail`` when the picture is mostly text, with at least ``MIN_LETTERS`` letters in sure words: they cover
  ``MOSTLY_TEXT`` of it (the sum of their boxes; the gaps between letters, words and lines make that much a
  picture of little else), or all it shows besides them is its background colour (``otherInk``, at most
  ``LITTLE_ELSE`` of it: words on a plain ground, however much ground); or when its text alternative repeats what it says (most of the sure words are in
  the name and most of the name's words were read: the alt is the picture's text, not a description of a
  picture) and the text covers ``NAME_TEXT`` of it.
- ``review`` when words (sure or not) cover ``MOSTLY_TEXT`` of it but the reading is unsure (decorative
  lettering reads badly), or the name calls the picture a logo (WCAG excepts logotypes, which only a person
  can tell from a picture of a heading), or the text alternative describes a picture of text at length (the
  particular presentation may be essential: a sample of a typeface).
- nothing for a picture that is the whole content of a link to the site's home page inside the page banner:
  the site's logotype, which WCAG treats as essential.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="image_text",
    summary="text drawn as a picture, which cannot be enlarged or restyled",
    title="Text is text, not a picture of it",
    failure_title="Text is shown as a picture",
    wcag=("1.4.5", "1.4.9"),
    personas=("claudia",),
    impact="serious",
    fix="Use real text styled with CSS (web fonts, colours, backgrounds) instead of a picture of the words; "
        "keep pictures for photos and illustrations.",
    artifacts=("image_text",),
    why={
        "claudia": "She enlarges text to 400% and uses her own colours; words in a picture blur when enlarged "
                   "and keep their colours, so she cannot read them.",
    },
)

SURE_CONF = 70.0        # Tesseract's confidence (0-100) for a word taken as read
MOSTLY_TEXT = 0.2       # share of the picture that the words' boxes cover: mostly text
NAME_TEXT = 0.1         # ... enough text for a picture whose alt repeats it
LITTLE_ELSE = 0.05      # share of the picture that is neither its background nor its words: "little else"
MIN_LETTERS = 4         # fewer letters and digits: a symbol or an initial, not text to read
DESCRIPTION_WORDS = 3   # a name this many times longer than the text read describes the picture

_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _letters(text: str) -> int:
    return len(_ALNUM.findall(text))


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def _number(value) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _coverage(words: list[dict]) -> float:
    total = 0.0
    for word in words:
        box = word.get("box") or [0, 0, 0, 0]
        try:
            w, h = max(0.0, min(1.0, float(box[2]))), max(0.0, min(1.0, float(box[3])))
        except (TypeError, ValueError, IndexError):
            continue
        total += w * h
    return min(1.0, total)


def _same_word(read: str, named: str) -> bool:
    """OCR's reading of a word matches a word of the name: equal, or one starts the other with at least three
    letters in common (OCR cuts or runs on word edges: "Roc" for "Rocks")."""
    if read == named:
        return True
    short, long_ = sorted((read, named), key=len)
    return len(short) >= 3 and long_.startswith(short)


def repeats_name(words: list[dict], name: str) -> bool:
    """The text alternative says what the picture says: most of the words read are in the name, and most of
    the name's words were read."""
    named = _tokens(name)
    read = [t for w in words for t in _tokens(str(w.get("text", ""))) if len(t) >= 2 or t.isdigit()]
    if not named or not read:
        return False
    found = sum(1 for r in read if any(_same_word(r, n) for n in named))
    covered = sum(1 for n in named if any(_same_word(r, n) for r in read))
    return found >= 0.6 * len(read) and covered >= 0.5 * len(named)


def _quote(text: str, limit: int = 60) -> str:
    """The words read, cut at a word before ``limit`` characters (a finding's message is its headline)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _names_logo(name: str) -> bool:
    return any(t in ("logo", "logotype", "logos") for t in _tokens(name))


def judge(image: dict) -> tuple[str, str] | None:
    """("fail" | "review", why) for one picture of the artifact, or None when it is not an image of text."""
    if image.get("homeLink") and image.get("banner"):
        return None
    words = [w for w in image.get("words") or [] if isinstance(w, dict) and _letters(str(w.get("text", ""))) >= 2]
    sure = [w for w in words if _number(w.get("conf")) >= SURE_CONF]
    sure_letters = sum(_letters(str(w.get("text", ""))) for w in sure)
    all_letters = sum(_letters(str(w.get("text", ""))) for w in words)
    name = str(image.get("name") or "")
    said = _quote(" ".join(str(w.get("text", "")) for w in sure))
    sure_share, any_share = _coverage(sure), _coverage(words)
    ink = image.get("otherInk")
    little_else = isinstance(ink, (int, float)) and ink <= LITTLE_ELSE
    if sure_letters >= MIN_LETTERS and (sure_share >= MOSTLY_TEXT or little_else
                                        or (sure_share >= NAME_TEXT and repeats_name(sure, name))):
        if _names_logo(name):
            return "review", f"its text alternative calls it a logo, and it shows the words “{said}”"
        if len(_tokens(name)) > DESCRIPTION_WORDS * max(1, len(_tokens(said))) and not repeats_name(sure, name):
            return "review", (f"it shows the words “{said}”, and its text alternative describes how they look: "
                              "is the way they are drawn essential?")
        why = ("its text alternative repeats them" if repeats_name(sure, name)
               else "it shows little else than its background" if little_else
               else f"they cover {round(sure_share * 100)}% of it")
        return "fail", f"it is a picture of the words “{said}” ({why})"
    if all_letters >= MIN_LETTERS and any_share >= MOSTLY_TEXT:
        unsure = _quote(" ".join(str(w.get("text", "")) for w in words))
        return "review", f"it looks like lettering (OCR read “{unsure}”, unsure): is it text drawn as a picture?"
    return None


def applies(artifacts: dict, params: AuditParams) -> bool:
    """The page shows pictures big enough to hold text."""
    return bool(records(artifacts, "image_text", "images"))


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    images = records(artifacts, "image_text", "images") or []
    found = []
    for image in images:
        if image.get("error"):
            continue
        verdict = judge(image)
        if verdict is None:
            continue
        outcome, why = verdict
        found.append(META.finding(
            outcome, f"{{who}} cannot enlarge or restyle the text in this picture: {why}", image,
            evidence={"words": [w.get("text") for w in image.get("words") or []][:40], "kind": image.get("kind"),
                      "sampled": artifacts["image_text"].get("sampled"),
                      "total": artifacts["image_text"].get("total")}))
    return found
