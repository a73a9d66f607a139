"""Pure helpers for the ``dom`` gatherer's ``markup`` facts: the page source's tag errors, abbreviation expansions.

Not a gatherer (no NAME): ``dom.gather`` calls :func:`finish_markup` on what its page-side script returned,
so the raw page source and page text never reach the artifact, only what the probes need.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements with no end tag, and those whose end tag HTML lets authors leave out (never "stray" when unmatched).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen", "command", "basefont", "bgsound", "frame", "image"}
OPTIONAL_END = {"html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
                "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp"}
MAX_ERRORS = 20
# Small words an expansion may hold that its abbreviation leaves out ("Department for Work and Pensions").
LINK_WORDS = {"of", "and", "for", "the", "in", "on", "to", "&", "a", "an", "at", "by", "y", "a'r", "ac"}


class _TagChecker(HTMLParser):
    """End tags that close no open element, and attributes given twice on one start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.stray: list[dict] = []
        self.duplicate_attributes: list[dict] = []

    def _where(self) -> int:
        return self.getpos()[0]

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start tag that names an attribute twice."""
        names = [name for name, _ in attrs]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated and len(self.duplicate_attributes) < MAX_ERRORS:
            self.duplicate_attributes.append({"tag": tag, "attributes": repeated, "line": self._where(),
                                              "text": (self.get_starttag_text() or "")[:200]})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in self.stack:
            while self.stack:
                if self.stack.pop() == tag:
                    break
        elif tag not in OPTIONAL_END and len(self.stray) < MAX_ERRORS:
            self.stray.append({"tag": tag, "line": self._where()})


def tag_errors(source: str) -> dict:
    """``{"stray_end_tags": [{"tag", "line"}], "duplicate_attributes": [{"tag", "attributes", "line", "text"}]}``."""
    checker = _TagChecker()
    try:
        checker.feed(source)
        checker.close()
    except Exception:  # html.parser gives up on some broken markup: report what was read
        pass
    return {"stray_end_tags": checker.stray, "duplicate_attributes": checker.duplicate_attributes}


def expanded_in(abbreviation: str, text: str) -> bool:
    """Does ``text`` spell out ``abbreviation`` in words whose initials make it ("Government Digital Service")?"""
    letters = re.sub(r"[^A-Za-z]", "", abbreviation).upper()
    if len(letters) < 2:
        return True  # nothing to expand
    words = re.findall(r"[^\W\d_][\w'’&-]*|&", text)
    for start in range(len(words)):
        i, n = start, 0
        while i < len(words) and n < len(letters):
            word = words[i]
            if word[0].upper() == letters[n]:
                n += 1
            elif word.casefold() not in LINK_WORDS or n == 0:
                break
            i += 1
        if n == len(letters):
            return True
    return False


def finish_markup(markup: dict) -> dict:
    """Turn the page script's raw ``markup`` (with ``source`` and ``body_text``) into the artifact's facts."""
    out = dict(markup)
    source = out.pop("source", None)
    body_text = out.pop("body_text", "") or ""
    out["source_read"] = isinstance(source, str)
    out.update(tag_errors(source) if isinstance(source, str) else {"stray_end_tags": [], "duplicate_attributes": []})
    for abbr in out.get("abbreviations") or []:
        title = (abbr.get("title") or "").strip()
        abbr["expanded"] = bool(title) or expanded_in(abbr.get("text") or "", body_text)
    return out
