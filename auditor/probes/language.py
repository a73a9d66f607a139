"""Probe ``language``: the page says which language it is in, correctly, and marks passages in others.

Reads the ``dom`` artifact (``lang``, ``text_blocks``) and, to avoid saying what axe already says, the
``axe`` artifact. Reports:
- a missing or empty ``lang`` on <html> (fail) - only when axe did not run (axe's ``html-has-lang``);
- a ``lang`` code that is not a usable BCP 47 language (fail), or a three-letter code that screen readers
  may not know (review) - codes axe already flagged (``html-lang-valid``, ``valid-lang``) are left to axe;
- page text that reads as another language than the one declared (review);
- passages that read as another language and carry no ``lang`` of their own (review);
- a block whose letters are mostly of a right-to-left script (Hebrew, Arabic, Syriac, Thaana...) laid out left to
  right because no ``dir="rtl"`` reaches it (fail, WCAG 1.3.2, from ``dom.markup.directions``): neutral
  characters (punctuation, numbers) are placed by the wrong base direction and the text aligns to the wrong
  side. Inline passages are left alone (their paragraph's direction decides), and so is a passage that begins
  and ends with a right-to-left letter, holds no left-to-right one and is one word (a language's name in a
  language switcher): the bidirectional algorithm shows it the same under either base direction (WCAG
  technique H56 is about runs the algorithm would misplace). Several words are not left alone: the base
  direction decides which side each line starts from.

The language guess is a small stop-word detector (:func:`guess_language`) for English, Welsh, French, German,
Spanish, Italian, Portuguese and Polish: enough to say "this block is not in the page's language", and only
for blocks of at least :data:`MIN_WORDS` words. It never downloads a model.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta

META = ProbeMeta(
    id="language",
    summary="the page's language is missing, wrong or unmarked",
    title="The page and its passages say which language they are in",
    failure_title="The page's language is missing, wrong or not valid",
    wcag=("3.1.1", "3.1.2"),
    personas=("ashleigh", "simone", "saleem"),
    impact="serious",
    fix="Set lang on <html> to the page's language (\"en\", \"cy\") and lang on any passage in another language.",
    artifacts=("dom", "axe"),
    why={
        "ashleigh": "Her screen reader picks its voice and pronunciation from lang: a wrong code reads Welsh "
                    "with English sounds, or English with a French accent.",
        "simone": "She listens to pages with text-to-speech to read them; the wrong language makes it gibberish.",
    },
)

MIN_WORDS = 8            # a block shorter than this is not judged
MIN_SCORE = 0.15         # share of a block's words that must be the guessed language's stop words
MIN_MARGIN = 1.5         # the best language must score this many times the next best
MAX_PASSAGES = 10        # passage findings per page
RTL_SHARE = 0.5          # a block is right-to-left text when this share of its letters are Hebrew, Arabic...

# ISO 639-1 two-letter codes (plus the deprecated iw, in, ji that browsers still map).
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el
en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu
ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na
nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so
sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
iw in ji
""".split())
# Three-letter codes that have a two-letter code BCP 47 requires instead.
THREE_TO_TWO = {
    "eng": "en", "cym": "cy", "wel": "cy", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es",
    "ita": "it", "por": "pt", "pol": "pl", "gla": "gd", "gle": "ga", "urd": "ur", "pan": "pa", "ben": "bn",
    "ara": "ar", "zho": "zh", "chi": "zh", "hin": "hi", "guj": "gu", "som": "so", "tur": "tr", "ron": "ro",
    "rum": "ro", "bul": "bg", "lit": "lt", "lav": "lv", "rus": "ru", "ukr": "uk", "nld": "nl", "dut": "nl",
}
LANGUAGE_NAMES = {
    "en": "English", "cy": "Welsh", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "pl": "Polish",
}
STOP_WORDS: dict[str, frozenset[str]] = {code: frozenset(words.split()) for code, words in {
    "en": "the and of to is are in for you your that this with on be will it we our can by or have has not "
          "from at if as an was they their which who what when more about must should there any all been "
          "would these do how us may",
    "cy": "y yr a ac i yn o ar mae eich chi gyda ei ein bod hyn sy'n wedi gan fel neu os pan am nid oes dim "
          "ydy yw hefyd fydd bydd gallwch cael ni ond rhaid hwn hon bob dros trwy ydych fod gael",
    "fr": "le la les des du de et est une un vous votre vos pour dans que qui sur pas par avec ce cette sont au "
          "aux nous il elle ne se plus ou mais être été leur même peut si",
    "de": "der die das und ist ein eine nicht mit sie ich zu den dem von für auf des im wir es sich auch werden "
          "wird sind oder bei nach ihre ihr kann können wenn aus noch einen",
    "es": "el la los las y que de en es un una por para con del se su sus al lo como más pero está son usted "
          "este esta hay puede también sobre o cuando muy sin ser",
    "it": "il lo la i gli le di e è un una che per non con del della dei delle nel nella sono da al alla si "
          "come più ma anche questo questa essere ha hanno se o suo sua può ogni nello stesso puoi dal sul tra nei "
          "degli ai uno ci ne loro tutti molto dopo prima dove perché già solo sempre così",
    "pt": "o a os as de do da dos das e é um uma que para com não no na em por se mais ao seu sua são como mas "
          "você foi pelo pela ou também está isso este esta pode",
    "pl": "i w z na się nie do jest to że o a od za po jak są przez dla jego czy ale tak przy lub oraz może być "
          "tylko już ich ten ta które który która aby gdy co we tym samym twój możesz można ze jeśli "
          "jeżeli przed pod bez jej nas tego tej tych także bardzo więc",
}.items()}
# Elided forms that mark a language on their own: Welsh 'r/'n/'ch, French and Italian l'/d'/qu'.
SUFFIX_MARKS = {"cy": ("'r", "'n", "'ch")}
PREFIX_MARKS = {"fr": ("l'", "d'", "qu'", "n'", "s'", "c'", "j'"), "it": ("l'", "d'", "un'", "all'", "dell'")}

_WEIGHT: dict[str, float] = {}
for _words in STOP_WORDS.values():
    for _w in _words:
        _WEIGHT[_w] = _WEIGHT.get(_w, 0) + 1
_WEIGHT = {w: 1 / n for w, n in _WEIGHT.items()}  # a word shared by n languages counts 1/n for each

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = artifacts.get("dom")
    if not isinstance(dom, dict) or "error" in dom:
        return []
    by_axe = axe_ran(artifacts)
    flagged = _axe_flagged_codes(artifacts) if by_axe else set()
    lang = dom.get("lang") or {}
    html_lang = lang.get("html")
    findings: list[Finding] = []

    if not (html_lang or "").strip():
        if not by_axe:
            findings.append(Finding(
                rule="language", outcome="fail", impact="serious", role="document", name="lang", key="missing",
                message="{who} may hear the page read in the wrong accent and pronunciation: it does not say "
                        "which language it is in",
                fix="Add lang=\"en\" (or the page's language) to the <html> element.",
                selector="html", snippet=f"<html lang=\"{html_lang}\">" if html_lang is not None else "<html>"))
    else:
        findings.extend(_code_findings(html_lang, "html", "<html>", flagged))
    for el in lang.get("elements") or []:
        # An element's lang is judged where it is a language tag that some rendered text takes its language
        # from: an empty lang says "unknown language" (no tag), and a lang that governs no text (hidden,
        # whitespace only, or overridden by a nearer lang on all of it) is spoken by nobody.
        if not (el.get("lang") or "").strip() or el.get("governs") is False:
            continue
        findings.extend(_code_findings(el.get("lang") or "", el.get("selector", ""), el.get("text", ""), flagged))

    page_primary = primary_subtag(html_lang or "")
    blocks = [b for b in dom.get("text_blocks") or [] if b.get("words", 0) >= MIN_WORDS]
    page_guess = None
    if page_primary in STOP_WORDS:
        own = " ".join(b.get("text", "") for b in blocks if primary_subtag(b.get("lang") or "") == page_primary)
        page_guess = guess_language(own)
        if page_guess and page_guess != page_primary:
            findings.append(Finding(
                rule="language", outcome="review", impact="serious", role="document", name="text", key="page",
                message=f"Check: {{who}} may hear this page read as {LANGUAGE_NAMES[page_primary]}, but its "
                        f"text reads as {LANGUAGE_NAMES[page_guess]}",
                fix=f"If the page is in {LANGUAGE_NAMES[page_guess]}, set lang=\"{page_guess}\" on <html>.",
                selector="html", snippet=f"<html lang=\"{html_lang}\">",
                evidence={"declared": html_lang, "guessed": page_guess}))

    findings.extend(_directions(dom.get("markup") or {}))
    passages = 0
    for block in blocks:
        declared = primary_subtag(block.get("lang") or "")
        if declared not in STOP_WORDS or passages >= MAX_PASSAGES:
            continue
        guess = guess_language(block.get("text", ""))
        if not guess or guess == declared or (page_guess and guess == page_guess and declared == page_primary):
            continue
        passages += 1
        findings.append(Finding(
            rule="language", outcome="review", impact="moderate", role="text", name=block.get("text", "")[:80],
            key="passage",
            message=f"Check: {{who}} may hear this {LANGUAGE_NAMES[guess]} passage read with "
                    f"{LANGUAGE_NAMES[declared]} pronunciation: it is not marked with its language",
            fix=f"Add lang=\"{guess}\" to the element holding this passage.",
            wcag=["3.1.2"], selector=block.get("selector", ""), snippet=block.get("text", "")[:300],
            evidence={"declared": block.get("lang"), "guessed": guess}))
    return findings


def _directions(markup: dict) -> list[Finding]:
    """Blocks written in a right-to-left script that the page lays out left to right."""
    findings = []
    for item in markup.get("directions") or []:
        letters, rtl = item.get("letters") or 0, item.get("rtl") or 0
        if not item.get("block") or item.get("direction") != "ltr" or letters < 2 or rtl < RTL_SHARE * letters:
            continue
        if item.get("reorders") is False and item.get("words") == 1:   # one word, shown the same either way
            continue                                                   # (older artifacts lack both keys)
        lang = (item.get("lang") or "").strip()
        findings.append(Finding(
            rule="language", outcome="fail", impact="moderate", role="text", name=f"dir:{lang}", key="direction",
            message=f"This passage (lang=\"{lang}\") is written right to left, but the page sets it out left to "
                    "right: punctuation and numbers land in the wrong places and it is aligned to the wrong side, "
                    "for {who} and everyone else",
            fix="Add dir=\"rtl\" to the element that holds right-to-left text (with its lang).",
            wcag=["1.3.2"], selector=item.get("selector", ""), snippet=item.get("text", ""),
            evidence={"lang": lang, "direction": item.get("direction"), "rtl_letters": rtl, "letters": letters}))
    return findings


def primary_subtag(code: str) -> str:
    return code.strip().lower().split("-")[0] if code else ""


def lang_problem(code: str) -> tuple[str, str] | None:
    """None for a usable BCP 47 code; else (outcome, why) where outcome is "fail" or "review"."""
    value = code.strip().lower()
    if not value:
        return "fail", "is empty"
    # What picks a voice is the primary language subtag: a tag is valid when that subtag is a language
    # (ACT's "valid language tag"); what follows it ("-GB", even a malformed "-US-GB") changes no voice.
    primary = value.split("-")[0]
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return "fail", "is not a language code (a language code looks like \"en\" or \"en-GB\")"
    if len(primary) == 2:
        return None if primary in ISO_639_1 else ("fail", f"\"{primary}\" is not a language")
    if primary in THREE_TO_TWO:
        return "fail", f"\"{primary}\" should be written \"{THREE_TO_TWO[primary]}\""
    return "review", f"\"{primary}\" is a three-letter code that screen readers may not have a voice for"


def guess_language(text: str) -> str | None:
    """The language (one of STOP_WORDS) a text reads as, or None when it is too short or unclear."""
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]
    if len(tokens) < MIN_WORDS:
        return None
    scores = {code: 0.0 for code in STOP_WORDS}
    hits = {code: 0 for code in STOP_WORDS}
    for token in tokens:
        for code, words in STOP_WORDS.items():
            if token in words:
                scores[code] += _WEIGHT[token]
                hits[code] += 1
        for code, marks in SUFFIX_MARKS.items():
            if token.endswith(marks):
                scores[code] += 1
                hits[code] += 1
        for code, marks in PREFIX_MARKS.items():
            if token.startswith(marks):
                scores[code] += 0.5
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if hits[best] / len(tokens) < MIN_SCORE or top < MIN_MARGIN * second:
        return None
    return best


def _code_findings(code: str, selector: str, text: str, flagged: set[str]) -> list[Finding]:
    problem = lang_problem(code)
    if problem is None or code.strip().lower() in flagged:
        return []
    outcome, why = problem
    on_html = selector == "html"
    return [Finding(
        rule="language", outcome=outcome, impact="serious" if on_html else "moderate",
        role="document" if on_html else "text", name=f"lang={code}", key="code",
        message=("Check: " if outcome == "review" else "")
        + f"{{who}} may hear {'the page' if on_html else 'this passage'} read in the wrong voice: "
          f"its language code {why}",
        fix="Use a two-letter language code from ISO 639-1, optionally with a region: \"en\", \"en-GB\", \"cy\".",
        wcag=["3.1.1"] if on_html else ["3.1.2"],
        selector=selector, snippet=f"<html lang=\"{code}\">" if on_html else text,
    )]


_LANG_ATTR = re.compile(r"""\blang\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def _axe_flagged_codes(artifacts: dict) -> set[str]:
    """Language codes axe already reported as not valid (read from its HTML snippets)."""
    codes = set()
    for rule in artifacts["axe"].get("violations") or []:
        if rule.get("id") in ("html-lang-valid", "valid-lang"):
            for node in rule.get("nodes") or []:
                codes.update(c.strip().lower() for c in _LANG_ATTR.findall(node.get("html") or ""))
    return codes
