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

Which language a text is in comes from CLD2 (:func:`identify`; pycld2, Chromium's Compact Language Detector 2,
its tables compiled in: about 160 languages, no model to download), judged only on at least :data:`MIN_WORDS`
words. A text whose declared language CLD2 can detect, and which CLD2 calls reliably and almost wholly
(:data:`SURE_PERCENT`) another language, fails: the page's text (its title and the text that takes its
language from <html>, each text once) against <html lang> (3.1.1, ACT ucwvc8, H57), unless its title or one of
its blocks on its own reads as the declared language (then the declaration may be right and the rest unmarked:
a review); a passage's text against the lang on it (3.1.2, ACT off6ek, H58). ACT's "text inheriting its
programmatic language" from an element includes the accessible names of the elements under it (``dom.lang.names``:
an ``alt``, an ``aria-label``, the text of ``aria-labelledby`` even from a hidden element with a lang of its own),
read in the language of the element they name; the page's text is what takes its language from <html> itself
(``root``), not passages with a lang of their own. Texts under :data:`MIN_WORDS` words (titles, names, "Bonne
année !") are judged by :func:`judge_short`: CLD2 must be sure and word frequencies (wordfreq) must agree, since
a short text may be two languages at once. A text with a fifth or more in its declared language is not judged as a
whole (its passages are). Anything less sure is a review: a language CLD2 cannot detect, most but not nearly
all of the text in another language, and a passage that inherits the page's language but reads as another (it
may be a quotation or a name; H58 asks for a lang on it). Text read as Latin is left alone: placeholder
"lorem ipsum" reads as Latin, and a page really written in Latin is rare. Where CLD2 cannot tell, the small stop-word detector
(:func:`guess_language`: English, Welsh, French, German, Spanish, Italian, Portuguese, Polish) may still raise
a review.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pycld2

from auditor.findings import Finding
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta, whole

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
SURE_PERCENT = 90        # CLD2 must find this share of a text in one language to fail a declared one
MIN_SHARE = 20           # a text holding this share of its declared language is not judged as a whole
PLACEHOLDER = "la"       # "lorem ipsum" filler reads as Latin; a page really written in Latin is rare: not judged
MIN_SHORT_WORDS = 2      # a text of one word is not judged (a name, a loanword, a brand)
WORD_MARGIN = 1.0        # a word belongs to a language when it is this much commoner there on wordfreq's Zipf
                         # scale (1.0: ten times as common)
MAX_NAMES = 10           # findings on short texts and accessible names per page

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
    dom = whole(artifacts, "dom")
    if dom is None:
        return []
    by_axe = axe_ran(artifacts)
    flagged = _axe_flagged_codes(artifacts) if by_axe else set()
    lang = dom.get("lang") or {}
    html_lang = lang.get("html")
    findings: list[Finding] = []

    if not (html_lang or "").strip():
        if not by_axe:
            findings.append(META.finding(
                outcome="fail", impact="serious", role="document", name="lang", key="missing",
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
    all_blocks = dom.get("text_blocks") or []
    blocks = [b for b in all_blocks if b.get("words", 0) >= MIN_WORDS]
    # short texts and accessible names (alt, aria-label, aria-labelledby), each in the language of the element
    # it belongs to (older artifacts have neither)
    extra = [t for t in [*(lang.get("names") or []), *(lang.get("short") or [])] if isinstance(t, dict)]
    page_guess = None
    if page_primary and _judgeable(html_lang or ""):
        # ACT's text inheriting its language from <html>: its title, its text nodes and its accessible names
        # where no other lang comes between (each text once: a title repeated as the heading is no more
        # evidence of a language). Artifacts without ``root`` group by the declared language instead.
        own = [b.get("text", "") for b in [*all_blocks, *extra] if _from_html(b, page_primary)]
        units = [u for u in dict.fromkeys([dom.get("title") or "", *own]) if u.strip()]
        verdict = judge_language(" ".join(units), page_primary)
        short = None if verdict else judge_short("\n".join(units), page_primary)   # each unit starts a line
        if short:
            verdict = ("fail", short)
        if verdict:
            outcome, page_guess = verdict
            if outcome == "fail" and any(_reads_as(unit, page_primary) for unit in units):
                outcome = "review"         # part of it is in the declared language: maybe the rest is unmarked
            declared, read_as = language_name(page_primary), language_name(page_guess)
            findings.append(META.finding(
                outcome=outcome, impact="serious", role="document", name="text", key="page",
                message=("Check: " if outcome == "review" else "")
                + f"{{who}} {'may hear' if outcome == 'review' else 'hears'} this page read as {declared}, "
                  f"but its text reads as {read_as}",
                fix=f"If the page is in {read_as}, set lang=\"{page_guess}\" on <html>.",
                wcag=["3.1.1"], selector="html", snippet=f"<html lang=\"{html_lang}\">",
                evidence={"declared": html_lang, "guessed": page_guess}))

    findings.extend(_directions(dom.get("markup") or {}))
    passages = 0
    for block in blocks:
        declared = primary_subtag(block.get("lang") or "")
        if not declared or passages >= MAX_PASSAGES or not _judgeable(block.get("lang") or ""):
            continue
        verdict = judge_language(block.get("text", ""), declared)
        if not verdict:
            continue
        outcome, guess = verdict
        inherited = declared == page_primary
        if inherited and guess == page_guess:
            continue                       # the page as a whole already reads as this language
        passages += 1
        text = block.get("text", "")
        if inherited:                      # no lang of its own: a quotation, a name... or a passage left unmarked
            outcome = "review"
            message = (f"Check: {{who}} may hear this {language_name(guess)} passage read with "
                       f"{language_name(declared)} pronunciation: it is not marked with its language")
        else:
            message = (("Check: " if outcome == "review" else "")
                       + f"{{who}} {'may hear' if outcome == 'review' else 'hears'} this passage read as "
                         f"{language_name(declared)} (lang=\"{block.get('lang')}\"), but it reads as "
                         f"{language_name(guess)}")
        findings.append(META.finding(
            outcome=outcome, impact="moderate", role="text", name=text[:80], key="passage",
            message=message, fix=f"Set lang=\"{guess}\" on the element holding this passage.",
            wcag=["3.1.2"], selector=block.get("selector", ""), snippet=text[:300],
            evidence={"declared": block.get("lang"), "guessed": guess}))
    findings.extend(_short_passages(extra + [b for b in all_blocks if b.get("words", 0) < MIN_WORDS]))
    return findings


def _from_html(text: dict, page_primary: str) -> bool:
    if "root" in text:
        return bool(text["root"])
    return primary_subtag(text.get("lang") or "") == page_primary


def _short_passages(texts: list[dict]) -> list[Finding]:
    """Short texts and accessible names under a lang of their own (not <html>'s) that are surely another
    language (:func:`judge_short`): 3.1.2 (H58), ACT off6ek, whose "text inheriting its language" includes the
    accessible name of an element (an image's alt is read in the language of the image's lang). One finding per
    text and declared language (a fingerprint survives markup changes), how many times and where in evidence."""
    groups: dict[tuple[str, str, str], list[tuple[dict, str]]] = {}
    for item in texts:
        declared = primary_subtag(item.get("lang") or "")
        if item.get("root", True) or not declared or not _judgeable(item.get("lang") or ""):
            continue
        text = " ".join((item.get("text") or "").split())
        role = "img" if item.get("source") == "alt" else "text"
        group = (role, text.casefold(), declared)
        if group in groups:
            groups[group].append((item, groups[group][0][1]))
            continue
        if len(groups) >= MAX_NAMES:
            continue
        guess = judge_short(text, declared)
        if guess:
            groups[group] = [(item, guess)]
    findings: list[Finding] = []
    for (role, _, declared), members in groups.items():
        item, guess = members[0]
        text = " ".join((item.get("text") or "").split())
        source = item.get("source")
        what = {"alt": "this image's text alternative", "aria-label": "this element's name (aria-label)",
                "aria-labelledby": "this element's name (aria-labelledby)"}.get(source, "this text")
        times = f" ({len(members)} times on this page)" if len(members) > 1 else ""
        findings.append(META.finding(
            outcome="fail", impact="moderate", role=role, name=text[:80], key=f"short:{declared}",
            message=f"{{who}} hears {what}, \"{text[:60]}\", read as {language_name(declared)} "
                    f"(lang=\"{item.get('lang')}\"), but it is {language_name(guess)}{times}",
            fix=f"Set lang=\"{guess}\" on the element it belongs to"
                + (" (the name is read in the language of the element it names)." if source else "."),
            wcag=["3.1.2"], selector=item.get("selector", ""), snippet=text[:300],
            evidence={"declared": item.get("lang"), "guessed": guess, "source": source or "text",
                      "count": len(members), "selectors": [m.get("selector", "") for m, _ in members]}))
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
        findings.append(META.finding(
            outcome="fail", impact="moderate", role="text", name=f"dir:{lang}", key="direction",
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


# CLD2's codes for languages that BCP 47 writes otherwise, and languages a detector cannot tell apart
_CLD2_CODES = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi"}
_SAME = [frozenset({"no", "nb", "nn"}), frozenset({"hr", "bs", "sr", "sh"}), frozenset({"ms", "id"})]
_NAMES = {_CLD2_CODES.get(code, code): name.title() for name, code in pycld2.LANGUAGES}
DETECTABLE = frozenset(_CLD2_CODES.get(code.split("-")[0], code.split("-")[0]) for name, code in pycld2.LANGUAGES
                       if name in set(pycld2.DETECTED_LANGUAGES))


def _judgeable(code: str) -> bool:
    """A lang that is a language tag (a code that is not one is reported as such, not compared with text)."""
    problem = lang_problem(code)
    return problem is None or problem[0] != "fail"


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code) or _NAMES.get(code) or f"\"{code}\""


def same_language(a: str, b: str) -> bool:
    a, b = {"iw": "he", "in": "id", "ji": "yi"}.get(a, a), {"iw": "he", "in": "id", "ji": "yi"}.get(b, b)
    return a == b or any(a in group and b in group for group in _SAME)


@functools.lru_cache(maxsize=2048)   # a page's blocks are read for the page and again as passages
def identify(text: str) -> tuple[tuple[str, int], ...] | None:
    """The languages CLD2 reliably reads in a text, most first, as (primary subtag, percent of the text);
    None when it cannot tell."""
    try:
        reliable, _, details = pycld2.detect(text, isPlainText=True)
    except pycld2.error:               # e.g. text that is not valid UTF-8 (a lone surrogate)
        return None
    found = tuple((_CLD2_CODES.get(code.split("-")[0], code.split("-")[0]), int(percent))
                  for name, code, percent, _ in details if code not in ("un", "xxx") and percent > 0)
    return found if reliable and found else None


def _reads_as(text: str, language: str) -> bool:
    """CLD2 reliably reads this one text (a title, a block) as mostly the given language."""
    found = identify(text)
    return bool(found) and same_language(found[0][0], language)


def judge_language(text: str, declared: str) -> tuple[str, str] | None:
    """("fail" or "review", the language the text reads as) when a text does not read as its declared
    language; None when it does, or is too short or unclear to say. Where wordfreq knows both languages, the
    words must agree with CLD2 (:func:`word_votes`): more words of the declared language than of the one read
    is no finding ("Tag: turquoise - lbh-frontend example Turquoise" reads to CLD2 as French), as many of each
    only a review."""
    if len(_TOKEN.findall(text)) < MIN_WORDS:
        return None
    found = identify(text)
    if found:
        if any(same_language(code, declared) and percent >= MIN_SHARE for code, percent in found):
            return None                    # much of it is in the declared language; passages are judged apart
        guess, percent = found[0]
        if guess == PLACEHOLDER:
            return None
        sure = percent >= SURE_PERCENT and declared in DETECTABLE
        votes = word_votes(text, declared, guess)
        if votes and votes[1] > votes[0]:
            return None                    # its words are the declared language's: CLD2 misread names or jargon
        if votes and votes[1] == votes[0]:
            sure = False
        return ("fail" if sure else "review"), guess
    guess = guess_language(text) if declared in STOP_WORDS else None
    return ("review", guess) if guess and guess != declared else None


@functools.cache
def _wordfreq() -> tuple[Any, dict[str, str]]:
    """wordfreq and its lists by CLD2's codes (where they differ); Chinese and Japanese need a word segmenter:
    not used. Imported on first use: loading it takes 0.2-0.3 s, which every run would pay at start-up."""
    import wordfreq

    codes = {code: code for code in wordfreq.available_languages() if code not in ("zh", "ja")}
    codes.update({"hr": "sh", "bs": "sh", "sr": "sh", "no": "nb", "tl": "fil"})
    return wordfreq, codes


# What comes before a word that starts a text or a sentence (a line, as the page's texts are joined, is one)
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n])[\s\"'“”«»„(¡¿]*$")


def word_votes(text: str, declared: str, other: str, names: bool = False) -> tuple[int, int] | None:
    """(words of the other language, words of the declared one) in a text, by word frequency (wordfreq's small
    lists, Zipf scale): a word belongs to the language where it is at least :data:`WORD_MARGIN` commoner
    (ten times as common); a word about as common in both ("on", "Paris") is neither, and an acronym is no
    evidence (WCAG 3.1.2 excepts proper names). With ``names`` (short texts), a word capitalised other than at
    the start of a sentence or line ("Microsoft Teams", "Fireworks over Paris") is a proper-name candidate: no
    evidence either. None when wordfreq has no list for one of the two."""
    wordfreq, codes = _wordfreq()
    a, b = codes.get(declared), codes.get(other)
    if not a or not b:
        return None
    theirs = ours = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if len(token) > 1 and token.isupper():
            continue                   # an acronym ("GOV.UK", "NHS") names something: 3.1.2 excepts proper names
        if names and token[0].isupper() and not _SENTENCE_START.search(text[:match.start()]):
            continue                   # so may a capitalised word within a sentence ("Teams" in "Microsoft Teams")
        word = token.lower().replace("’", "'")
        gap = wordfreq.zipf_frequency(word, b, wordlist="small") - wordfreq.zipf_frequency(word, a, wordlist="small")
        theirs += gap >= WORD_MARGIN
        ours += gap <= -WORD_MARGIN
    return theirs, ours


def judge_short(text: str, declared: str) -> str | None:
    """The language a short text surely is in, when it is not its declared language; None when it may be.

    Under :data:`MIN_WORDS` words a detector's reading alone is no proof: "Paul put dire comment on tape" is
    English and French (an ACT example), and CLD2 reads it as English. So a short text (at least
    :data:`MIN_SHORT_WORDS` words) is another language only when CLD2 reliably reads nearly all of it
    (:data:`SURE_PERCENT`) as that language, at least one of its words belongs to that language, and none
    belongs to the declared one (:func:`word_votes`): "Bonne année" is not Dutch, but every word of "Paul put
    dire comment on tape" is French, and "dire" far more French than English. Words capitalised after the first
    are proper-name candidates and count for neither (3.1.2 excepts proper names): "Microsoft Teams" in a French
    passage is a product's name, not English. Languages CLD2 cannot detect or
    wordfreq has no list for are not judged."""
    if not MIN_SHORT_WORDS <= len(_TOKEN.findall(text)) < MIN_WORDS or declared not in DETECTABLE:
        return None
    found = identify(text)
    if not found:
        return None
    guess, percent = found[0]
    if percent < SURE_PERCENT or guess == PLACEHOLDER or same_language(guess, declared):
        return None
    votes = word_votes(text, declared, guess, names=True)
    if votes is None or votes[0] < 1 or votes[1] > 0:
        return None
    return guess


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
    return [META.finding(
        outcome=outcome, impact="serious" if on_html else "moderate",
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
