"""Probe ``link_purpose``: each link says where it goes and what happens when it is followed.

Reads the ``axtree`` artifact's ``links`` (name, url, target, context, the heading before it). Ashleigh
often lists a page's links (NVDA+F7) or tabs through them, hearing each name alone. Reports:
- ambiguous link text ("click here", "read more", "more"...; :data:`AMBIGUOUS`; a file format alone, "HTML",
  "Plain text", :data:`FORMAT_ONLY`): one finding per distinct text, naming how many links use it. ``fail``
  (serious, 2.4.4) when no link with it has any context a screen reader can give (no enclosing sentence, list item or cell text, no description, no heading before
  it); otherwise a ``fail`` of 2.4.9 (AAA, link purpose from the link text alone; WCAG's documented
  failure F84), impact minor, and a ``review`` of 2.4.4, which accepts purpose from such context (a links
  list loses it); a demonstrative and one word ("this product", :data:`DEMONSTRATIVE`) only a ``review``
  (2.4.4, 2.4.9): no failure technique lists it, and "This week" is plain in most navigation;
- the same text going to different places (URLs that the gatherer read and found to end at one page, or to
  hold the same text, are one place: ``axtree.destinations``): ``fail`` when two of them also share the same context (the same
  sentence or list item text and the same heading before them, or none), so nothing a screen reader offers
  tells them apart (2.4.4); ``review`` when their contexts differ, which may be enough;
- a link that opens a new window or tab without saying so (review, WCAG 3.2.5 advisory: the Back button
  stops working and a screen reader may not announce the new window);
- a link to a file (PDF, Word, Excel...) whose name does not give the file type and size (review);
- a link straight to a picture file (.jpg, .png...): the browser shows the picture alone, with no text
  alternative (review, 1.1.1);
- two links side by side (only white space between, from ``dom.markup.adjacent_links``) that go to the same
  place, such as an image link and a text link: two Tab stops and the same link heard twice (review,
  technique H2: make them one link).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit as _urlsplit
from urllib.parse import urlunsplit

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="link_purpose",
    summary="links like \"click here\", or new windows and files without warning",
    title="Links say where they go",
    failure_title="Links do not say where they go",
    wcag=("2.4.4", "2.4.9"),
    personas=("ashleigh", "pawel", "ron", "saleem"),
    impact="serious",
    fix="Make each link's text say where it goes (\"Read more about garden waste\"); say when a link opens a "
        "new tab or downloads a file, with its type and size.",
    artifacts=("axtree", "dom"),
    why={
        "ashleigh": "She lists the links on a page and hears each one alone: five 'Read more' links sound the same.",
        "pawel": "Links that open new windows or surprise downloads break what he expects to happen.",
        "ron": "A new tab or a large download is easy to miss and hard to get back from.",
        "saleem": "Plain link text that says where it goes is quicker to follow in a second language.",
    },
)

# Link texts that say nothing out of context. Generic English phrases.
AMBIGUOUS = {
    "click here", "click", "here", "click this link", "this link", "link", "this", "go", "go here",
    "read more", "more", "learn more", "find out more", "more info", "more information", "info", "details",
    "more details", "see more", "view more", "show more", "see details", "view details", "continue reading",
    "read on", "this page", "page", "website", "download", "view", "open", "see", "further information",
    "full details", "full story", "follow this link", "visit", "visit site",
}
# A link text that is only a file format ("HTML", "EPUB", "Plain text", "PDF version") says what form the
# destination takes, not what it is: as unspecific out of context as "Download" (F84 at AAA; F63 where nothing
# around it says either). A demonstrative and one word ("this product", "these forms") points at something
# outside the link text, which a list of links does not give; but no failure technique lists it and everyday
# navigation says "This week", "These cookies" meaning something plain: a review only (2.4.4 and 2.4.9). Several
# such links going to different places are the same-text check's (a fail where nothing tells them apart).
FORMAT_ONLY = re.compile(
    r"(?:download )?(?:(?:pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|odp|opendocument|epub|mobi|html|plain text|txt|xml|"
    r"json)(?: (?:version|format|file|document))?|"
    # names that are also everyday words ("Zip", "Word", "Text", "Excel") only with a word saying they are files
    r"(?:word|excel|powerpoint|zip|text|kindle) (?:version|format|file|document))")
DEMONSTRATIVE = re.compile(r"(?:this|that|these|those) [^\W\d_]+")
FILE_TYPES = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "OpenDocument", "rtf": "RTF", "xls": "Excel",
    "xlsx": "Excel", "ods": "OpenDocument", "csv": "CSV", "ppt": "PowerPoint", "pptx": "PowerPoint",
    "odp": "OpenDocument", "zip": "ZIP", "epub": "EPUB",
}
IMAGE_FILES = {"jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "tif", "tiff", "svg"}
SIZE = re.compile(r"\b\d+(\.\d+)?\s*(kb|mb|gb|kib|mib|bytes?|pages?)\b", re.IGNORECASE)
NEW_WINDOW_WORDS = re.compile(r"new (window|tab)|opens in|external (site|link|website)", re.IGNORECASE)


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold()).replace("_", " ").split())


# A page of 2,000 links asks for the same URLs' parts many times over (each check, each persona): parsed once.
urlsplit = functools.lru_cache(maxsize=8192)(_urlsplit)


def _destination(link: dict) -> str:
    return _destination_of(link.get("url") or link.get("href") or "")


@functools.lru_cache(maxsize=8192)
def _destination_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path.rstrip("/") or "/", parts.query, parts.fragment))


def _has_context(link: dict) -> bool:
    name = _norm(link.get("name"))
    context = _norm(link.get("context")).replace(name, " ").strip()
    return bool(context or _norm(link.get("description")) or _norm(link.get("heading")))


def _base(link: dict) -> dict:
    return dict(selector=link.get("selector", ""), snippet=link.get("snippet", ""), role="link",
                name=" ".join((link.get("name") or "").split()), heard=link.get("heard") or "")


def _ambiguous(links: list[dict]) -> list[Finding]:
    groups: dict[str, list[dict]] = {}
    for link in links:
        text = _norm(link.get("name"))
        if text in AMBIGUOUS or FORMAT_ONLY.fullmatch(text) or DEMONSTRATIVE.fullmatch(text):
            groups.setdefault(text, []).append(link)
    findings = []
    for text, group in groups.items():
        first = group[0]
        count = len(group)
        places = len({_destination(link) for link in group})
        with_context = any(_has_context(link) for link in group)
        times = "" if count == 1 else f" {count} times"
        where = "" if count == 1 else (f", going to {places} different places" if places > 1 else "")
        fix = ("Put the destination in the link text (\"Read more about garden waste\"), or add visually hidden "
               "words inside the link.")
        evidence = {"count": count, "destinations": sorted({_destination(link) for link in group}),
                    "selectors": [link.get("selector", "") for link in group]}
        heard = f"{{who}} hears '{first.get('heard')}'{times}{where}: in a list of links it does not say where it goes"
        if DEMONSTRATIVE.fullmatch(text) and not (text in AMBIGUOUS or FORMAT_ONLY.fullmatch(text)):
            findings.append(META.finding(
                "review", f"Check: {{who}} hears '{first.get('heard')}'{times}{where}: it points at something the "
                "link text does not name; check that the text or what is around it says what", impact="minor",
                wcag=["2.4.4", "2.4.9"], fix=fix, evidence=evidence, key="demonstrative", **_base(first)))
            continue
        if not with_context:
            findings.append(META.finding("fail", heard + ", and nothing around it says either", impact="serious",
                                         wcag=["2.4.4", "2.4.9"], fix=fix, evidence=evidence, **_base(first)))
            continue
        findings.append(META.finding("fail", heard + " (the link text alone must say it at AAA)", impact="minor",
                                     wcag=["2.4.9"], fix=fix, evidence=evidence, **_base(first)))
        findings.append(META.finding("review", heard + "; check that the sentence, list item or heading around it "
                                     "does", impact="minor", wcag=["2.4.4"], fix=fix, evidence=evidence,
                                     key="in-context", **_base(first)))
    return findings


def placeholder(link: dict) -> bool:
    """A link whose address is a stand-in ('#', empty, 'javascript:'): it has no destination to compare."""
    href = (link.get("href") or "").strip()
    if link.get("href") is None:
        return False
    return href in ("", "#") or href.lower().startswith("javascript:")


def _places(group: list[dict], read: dict) -> list[str]:
    """The place each link of a group leads to. Two URLs are one place when the gatherer read both
    (``axtree.destinations``) and they end at the same URL (after HTTP redirects and a quick meta refresh) or
    hold the same text under the same query string: ACT's "equivalent purpose" (a copy of a page, a redirect
    to it). URLs it could not
    read (another site, an error) count by their URL, as before."""
    def resolved(url: str) -> tuple[str, str | None]:
        info = read.get(url.split("#")[0]) or {}
        if info.get("error") or not info.get("final"):
            return _destination({"url": url}), None
        final = info.get("refresh") or info["final"]
        landed = info if not info.get("refresh") else (read.get(final.split("#")[0]) or {})
        digest = landed.get("digest") if (landed.get("status") or 0) < 400 else None
        return _destination({"url": final}), digest

    by_digest: dict[tuple[str, str], str] = {}
    out = []
    for link in group:
        url, digest = resolved(link.get("url") or link.get("href") or "")
        if digest:
            # The same text proves the same page only for the same query: a page's script may show other
            # content for ?page=1 and ?page=2 from one file.
            url = by_digest.setdefault((digest, urlsplit(url).query), url)
        out.append(url)
    return out


ALIKE = 0.6   # share of words two destination pages have in common (of all their words) to be "much the same"
HELD = 0.5    # or share of the shorter page's words that the other page holds (a short page saying part of a
              # longer one: a "Call us" box and the contact page, both with the number)


def _alike(places: list[str], read: dict) -> bool:
    """Every destination was read and each pair shares at least :data:`ALIKE` of its words, or the shorter
    one's words are at least :data:`HELD` in the other: two versions of one page (a contact page under two
    sections), or a short page that says part of a longer one, that only a person can tell apart or call
    equivalent."""
    paths = [urlsplit(place)._replace(query="", fragment="") for place in places]
    if len(set(paths)) < len(paths):   # one file under two queries: what it shows is up to its script
        return False
    words = []
    for place in places:
        info = read.get(place.split("#")[0]) or next(
            (v for v in read.values() if isinstance(v, dict) and _destination({"url": v.get("final") or ""}) == place), {})
        if not info.get("words"):
            return False
        words.append(set(info["words"]))
    return all(len(a & b) >= ALIKE * len(a | b) or len(a & b) >= HELD * min(len(a), len(b))
               for i, a in enumerate(words) for b in words[i + 1:])


def _same_text_elsewhere(links: list[dict], read: dict) -> list[Finding]:
    groups: dict[str, list[dict]] = {}
    for link in links:
        text = _norm(link.get("name"))
        if text and text not in AMBIGUOUS and _destination(link) and not placeholder(link):
            groups.setdefault(text, []).append(link)
    findings = []
    for group in groups.values():
        place_of = _places(group, read)
        places = sorted(set(place_of))
        if len(places) < 2:
            continue
        seen: dict[tuple[str, str, str], str] = {}
        indistinct = False
        for link, place in zip(group, place_of):
            context = (_norm(link.get("context")).replace(_norm(link.get("name")), " ").strip(),
                       _norm(link.get("heading")), _norm(link.get("description")))
            if context in seen and seen[context] != place:
                indistinct = True
            seen.setdefault(context, place)
        alike = _alike(places, read)
        if alike:
            indistinct = False
        findings.append(META.finding(
            "fail" if indistinct else "review", impact="moderate" if indistinct else "minor",
            message=f"{{who}} hears '{group[0].get('heard')}' {len(group)} times on this page, and they go to "
                    f"{len(places)} different places"
                    + (" with nothing around them to tell them apart" if indistinct else "")
                    + ("; the pages say much the same: check that they serve the same purpose" if alike else ""),
            fix="Give links to different places different text, or the same text only where the destination is "
                "the same.",
            wcag=["2.4.4", "2.4.9"], evidence={"destinations": places,
                                              "selectors": [link.get("selector", "") for link in group]},
            key="same-text", **_base(group[0])))
    return findings


def _new_window(link: dict) -> Finding | None:
    target = (link.get("target") or "").strip().lower()
    if target in ("", "_self", "_parent", "_top"):
        return None
    said = f"{link.get('name') or ''} {link.get('description') or ''}"
    if NEW_WINDOW_WORDS.search(said):
        return None
    return META.finding(
        "review", impact="moderate",
        message=f"{{who}} follows '{link.get('heard')}' and lands in a new window without warning: Back does "
                "nothing there",
        fix="Open links in the same tab; where a new tab is needed, say so in the link text (\"(opens in new tab)\").",
        wcag=["3.2.5"], personas=["ashleigh", "pawel", "ron"], key="new-window", **_base(link))


def _file(link: dict) -> Finding | None:
    path = urlsplit(link.get("url") or link.get("href") or "").path.casefold()
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    if ext not in FILE_TYPES:
        return None
    said = f"{link.get('name') or ''} {link.get('description') or ''}"
    kind = FILE_TYPES[ext]
    missing = []
    if not re.search(rf"\b({re.escape(kind)}|{re.escape(ext)})\b", said, re.IGNORECASE):
        missing.append("type")
    if not SIZE.search(said):
        missing.append("size")
    if not missing:
        return None
    if missing == ["type", "size"]:
        untold = f"is not told it downloads a {kind} file, or how big it is"
    elif missing == ["type"]:
        untold = f"is not told it downloads a {kind} file"
    else:
        untold = f"is not told how big the {kind} file is"
    return META.finding(
        "review", impact="minor",
        message=f"{{who}} hears '{link.get('heard')}' and {untold}",
        fix=f"Add the file type and size to the link text: \"{link.get('name') or 'Report'} ({kind}, 2.1 MB)\".",
        wcag=["2.4.4"], personas=["ashleigh", "ron"], key="file", **_base(link))


def _image_file(link: dict) -> Finding | None:
    path = urlsplit(link.get("url") or link.get("href") or "").path.casefold()
    last = path.rsplit("/", 1)[-1]
    if "." not in last or last.rsplit(".", 1)[-1] not in IMAGE_FILES:
        return None
    return META.finding(
        "review", impact="moderate",
        message=f"{{who}} follows '{link.get('heard')}' to a bare picture file: the browser shows the picture "
                "alone, with no text alternative",
        fix="Link to a page that shows the picture with a text alternative, or describe the picture in the text "
            "beside the link.",
        wcag=["1.1.1"], personas=["ashleigh"], key="image-file", **_base(link))


def _adjacent(artifacts: dict) -> list[Finding]:
    findings = []
    for pair in records(artifacts, "dom", "markup", "adjacent_links") or []:
        names = [" ".join(str(n or "").split()) for n in (pair.get("names") or [])][:2]
        said = " and ".join(f"'{n}'" for n in names if n) or "two links"
        findings.append(META.finding(
            "review", f"{{who}} meets two links side by side that go to the same place ({said}): two Tab stops, "
                      "and a screen reader says the link twice",
            impact="minor", selector=pair.get("selector", ""), snippet=pair.get("snippet", ""), role="link",
            name=names[0] if names else "",
            fix="Put the image and the text in one link, and give the image alt=\"\" inside it.",
            wcag=["2.4.4", "1.1.1"], personas=["ashleigh", "christopher"], key="adjacent",
            evidence={"other": pair.get("other"), "href": pair.get("href")}))
    return findings


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    tree = artifacts.get("axtree")
    if not isinstance(tree, dict) or "links" not in tree:
        return []
    links = [link for link in tree["links"] if isinstance(link, dict)]
    read = tree.get("destinations") if isinstance(tree.get("destinations"), dict) else {}
    findings = _ambiguous(links) + _same_text_elsewhere(links, read) + _adjacent(artifacts)
    for link in links:
        for finding in (_new_window(link), _file(link), _image_file(link)):
            if finding is not None:
                findings.append(finding)
    return findings
