"""Gatherer ``dom``: page facts read in one page-side script (language, title, refresh, media, motion, timing).

Everything is read from the loaded page as it stands; nothing is clicked, focused or changed. Classifying the
raw facts (which iframes are video players, which links look like transcripts) happens in Python below, so
that it can be tested without a browser.

Artifact shape::

    {
      "title": "Pay your council tax" | null,        # null: no <title> element
      "lang": {
        "html": "en" | null,                        # the lang attribute of <html>; null: no attribute
        "xml_lang": "en" | null,
        "elements": [{"selector": "p:nth-of-type(2)", "lang": "cy", "text": "first 80 characters",
                      "governs": true}],  # the nearest lang of some rendered, non-blank text
        "names": [{"selector": "img", "lang": "fr", "root": false,   # accessible names given by alt,
                   "source": "alt" | "aria-label" | "aria-labelledby",   # aria-label or aria-labelledby
                   "text": "Fireworks over Paris", "words": 3}],  # (lang: of the named element), at most 200
        "short": [{"selector", "lang", "root", "text", "words"}]   # visible texts of 1-3 words, at most 200
      },
      "meta": {"refresh": ["5; url=/next"], "viewport": "width=device-width, user-scalable=no" | null},
      "text_blocks": [                               # visible text, by block and effective language
        {"selector": "main > p", "lang": "en", "text": "up to 400 characters", "words": 42,
         "root": true}                               # its language comes from <html> (no lang between)
      ],                                             # (4 words or more; shorter ones are lang.short)
      "media": [
        {"element": "video" | "audio" | "iframe" | "object" | "embed",
         "kind": "video" | "audio",                   # what it plays
         "host": "youtube" | null,                    # a known player host for iframes
         "selector": "...", "snippet": "<video ...>", "src": "https://...", "name": "title or label",
         "visible": true, "autoplay": false, "muted": false, "controls": true, "loop": false,
         "duration": 12.5 | null,                     # seconds, when the browser knows it
         "tracks": [{"kind": "captions", "srclang": "en", "label": "English"}],
         "captions_param": false,                     # an iframe player URL that turns captions on
         "nearby": [{"text": "Read the transcript", "href": "#t"}],   # links and buttons close by
         "transcript": [{"text": ..., "href": ...}]}  # those of `nearby` that offer a text alternative
      ],
      "motion": {
        "marquee": [{"selector", "snippet", "text"}], "blink": [...same...],
        "animations": [                              # running for 5 s or more, or for ever
          {"selector", "snippet", "type": "CSSAnimation", "name": "spin", "iterations": null (for ever),
           "duration_ms": 1000, "active_ms": null (for ever), "state": "running", "visible": true,
           "area": 1600}
        ],
        "animations_total": 3,
        "gifs": [{"selector", "snippet", "src", "alt", "visible", "width", "height",
                  "frames": 12 | null, "loops": 0 (for ever) | 3 | null, "cycle_ms": 1200 | null}],
        "reduced_motion_css": false,                 # a @media (prefers-reduced-motion) rule was found
        "reduced_motion_script": false,              # an inline script asks matchMedia about it
        "stylesheets_unreadable": 0                  # cross-origin sheets whose rules could not be read
      },
      "timing": {"scripts": [{"selector": "script:nth-of-type(3)", "text": "up to 4000 characters"}]},
      "markup": {                                    # structure facts (see auditor/gatherers/markup.py)
        "abbreviations": [{"selector", "snippet", "text": "GDS", "title": null, "visible", "expanded": false}],
        "generated": [{"selector", "snippet", "pseudo": "::after", "content": "words CSS inserts", "text"}],
        "duplicate_ids": [{"id", "count", "referenced", "in_svg", "selector", "snippet"}],
        "fieldsets": [{"selector", "snippet", "name", "legend": true, "controls": 3, "visible"}],
        "choice_groups": [{"type": "radio", "name", "count", "grouped" (all in one named group), "in_group",
                           "selector", "snippet", "labels": ["Yes", "No"]}],   # 2+ visible inputs sharing a name
        "pattern_fields": [{"selector", "snippet", "pattern", "title", "placeholder", "label", "hint",
                            "enforced" (in a form that the browser validates)}],
        "hidden_in_controls": [{"selector", "snippet", "text" (shown), "label" (aria-label), "hidden": "words"}],
        "titled_decoration": [{"selector", "snippet", "title", "src"}],   # alt="" or role=none images with a title
        "plain_links": [{"selector", "snippet", "text", "context"}],  # links styled exactly like their text
        "colour_only": [{"selector", "snippet", "items", "colours", "texts"}],  # lists told apart by colour only
        "directions": [{"selector", "lang", "direction", "block", "dir", "letters", "rtl",
                        "reorders" (a left-to-right base direction would move a character of it), "words", "text"}],  # RTL
        "purpose_fields": [{"selector", "snippet", "type", "name", "id", "label", "placeholder",
                            "autocomplete"}],        # visible text, email, tel, url and password inputs
        "tables": [{"selector", "snippet", "role", "rows", "cols", "cells", "headers" (th or header roles),
                    "filled" (cells with text), "avg_chars", "named" (caption, aria-label(ledby)),
                    "column_headers" (first row), "row_headers" (first cell of most later rows),
                    "scoped" (scope or headers attributes), "controls", "blocks" (headings, lists, forms),
                    "nested_tables", "inside_data_table", "text"}],   # visible tables, at most 20
        "adjacent_links": [{"selector", "snippet", "other" (the next link's selector), "href",
                            "names": [two names]}],   # neighbouring links to one place, only space between
        "frames": [{"selector", "snippet", "title", "label", "readable" (same origin: the page can read it),
                    "doc_title", "doc_heading" (its first h1), "doc_text" (400 characters)}],   # visible frames
        "preformatted": [{"selector", "snippet", "text" (2000 characters), "code" (holds or is in code, samp,
                          kbd), "alternative" (aria-label(ledby) or a figure caption)}],   # visible <pre>
        "errors": {"fields": 3, "fields_marked": 0,   # visible fields; those with aria-invalid or a description
                   "announcements": [{"selector", "snippet", "text", "links_to_fields", "names_field"}],
                                                     # visible alerts, live regions and status messages
                   "red_texts": [{"selector", "snippet", "text", "colour",   # text in red (not links) within
                                  "tied",            # 4 levels of a field: a field's label, legend or
                                  "live",            # description holds it; it is in a live region;
                                  "labels_fields"}]},   # it is a label/legend or comes just before fields
        "source_read": true,                         # the page source could be read (from the cache)
        "stray_end_tags": [{"tag": "span", "line": 12}],
        "duplicate_attributes": [{"tag", "attributes": ["class"], "line", "text"}]
      },
      "js_ms": 2,                                    # time inside the page-side script
      "ms": 14                                       # the whole gatherer, round trips included
    }

``timing.scripts`` holds inline scripts that both start a timer (setTimeout/setInterval) and navigate,
reload or submit: the ``timing`` probe reads them. GIF ``frames``/``loops``/``cycle_ms`` come from reading
same-origin GIF files (from the cache); they are null when the file could not be read.
"""

from __future__ import annotations

import re
from time import perf_counter
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from auditor.gatherers.base import preloaded
from auditor.gatherers.markup import finish_markup
from auditor.gatherers.pagejs import page_script

if TYPE_CHECKING:  # the session type only: classifying media needs no browser
    from auditor.gatherers.base import GatherSession

NAME = "dom"
ORDER = 20

VIDEO_HOSTS = {
    "youtube.com": "youtube", "youtube-nocookie.com": "youtube", "youtu.be": "youtube",
    "vimeo.com": "vimeo", "dailymotion.com": "dailymotion", "brightcove.net": "brightcove",
    "wistia.net": "wistia", "wistia.com": "wistia", "ted.com": "ted", "vidyard.com": "vidyard",
    "jwplayer.com": "jwplayer", "kaltura.com": "kaltura", "microsoftstream.com": "stream",
    "streamable.com": "streamable", "twitch.tv": "twitch",
}
AUDIO_HOSTS = {
    "soundcloud.com": "soundcloud", "spotify.com": "spotify", "mixcloud.com": "mixcloud",
    "anchor.fm": "anchor", "podbean.com": "podbean", "audioboom.com": "audioboom",
    "buzzsprout.com": "buzzsprout", "acast.com": "acast",
}
MEDIA_EXTENSIONS = {
    "video": (".mp4", ".webm", ".ogv", ".mov", ".m4v", ".avi", ".wmv", ".flv", ".swf", ".m3u8", ".mpd"),
    "audio": (".mp3", ".wav", ".oga", ".ogg", ".m4a", ".aac", ".flac", ".wma"),
}
# Words (in the languages the language probe knows) that offer a text alternative or captions near a player.
TRANSCRIPT_WORDS = re.compile(
    r"transcript|text version|text alternative|captions?|subtitles?|audio description|described version|"
    r"\bbsl\b|sign language|trawsgrifiad|isdeitlau|transcription|sous-titres|transkript|untertitel|"
    r"transcripci|subt[ií]tulos|trascrizione|sottotitoli|transkrypcj|napisy|transcri[cç][aã]o|legendas",
    re.IGNORECASE,
)
_AUTOPLAY_PARAMS = ("autoplay", "auto_play", "autostart")
_MUTE_PARAMS = ("mute", "muted")
_CAPTION_PARAMS = ("cc_load_policy", "texttrack", "captions", "cc")

SCRIPT = preloaded(page_script("dom"))


def gather(session: GatherSession) -> dict:
    started = perf_counter()
    facts = session.run_js(session.page, SCRIPT)
    facts["media"] = classify_media(facts.get("media") or [])
    facts["markup"] = finish_markup(facts.get("markup") or {})
    facts["ms"] = round((perf_counter() - started) * 1000)
    return facts


def classify_media(raw: list[dict]) -> list[dict]:
    """Keep what plays video or audio; say which, and which nearby links offer a transcript or captions."""
    media = []
    for item in raw:
        kind, host = media_kind(item.get("element", ""), item.get("src", ""), item.get("type", ""))
        if kind is None:
            continue
        entry = {k: v for k, v in item.items() if k != "type"}
        entry["kind"] = kind
        entry["host"] = host
        if item.get("element") in ("iframe", "object", "embed"):
            params = _query(item.get("src", ""))
            entry["autoplay"] = entry.get("autoplay") or _flag(params, _AUTOPLAY_PARAMS)
            entry["muted"] = entry.get("muted") or _flag(params, _MUTE_PARAMS)
            entry["controls"] = params.get("controls", ["1"])[0] not in ("0", "false")
            entry["captions_param"] = _flag(params, _CAPTION_PARAMS)
        else:
            entry["captions_param"] = False
        entry["transcript"] = [n for n in item.get("nearby") or [] if TRANSCRIPT_WORDS.search(n.get("text") or "")]
        media.append(entry)
    return media


def media_kind(element: str, src: str, mime: str = "") -> tuple[str | None, str | None]:
    """("video" | "audio" | None, player host or None) for one media-ish element."""
    if element in ("video", "audio"):
        return element, None
    parts = urlsplit(src or "")
    host = (parts.hostname or "").lower()
    for table, kind in ((VIDEO_HOSTS, "video"), (AUDIO_HOSTS, "audio")):
        for domain, name in table.items():
            if host == domain or host.endswith("." + domain):
                return kind, name
    if host.endswith("facebook.com") and "/plugins/video" in parts.path:
        return "video", "facebook"
    mime = (mime or "").lower()
    path = parts.path.lower()
    if element in ("object", "embed"):
        if mime.startswith(("video/", "application/x-shockwave-flash")) or path.endswith(MEDIA_EXTENSIONS["video"]):
            return "video", None
        if mime.startswith("audio/") or path.endswith(MEDIA_EXTENSIONS["audio"]):
            return "audio", None
    return None, None


def _query(src: str) -> dict[str, list[str]]:
    parts = urlsplit(src or "")
    params = parse_qs(parts.query)
    params.update(parse_qs(parts.fragment))  # some players read options from the fragment
    return {k.lower(): v for k, v in params.items()}


def _flag(params: dict[str, list[str]], names: tuple[str, ...]) -> bool:
    return any(params.get(n, [""])[0].lower() in ("1", "true", "yes", "on") for n in names)
