"""One finding shape for every probe and for axe-core (see docs/architecture.md).

A finding's ``id`` is a stable fingerprint made from the probe, the page, and the element's role and
accessible name, so that it survives cosmetic changes (a new class name, a moved div) and can be compared
between runs (``audit compare``, ``--baseline``).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

OUTCOMES = ("fail", "review")
IMPACTS = ("critical", "serious", "moderate", "minor")
IMPACT_RANK = {name: rank for rank, name in enumerate(reversed(IMPACTS), start=1)}  # minor=1 .. critical=4


def page_key(url: str) -> str:
    """The page part of a fingerprint: scheme, host and path; no query string, no fragment.

    The port is dropped for loopback hosts so that the bundled demo service, which starts on a free port,
    gives the same fingerprints on every run.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = host if host in ("127.0.0.1", "localhost", "::1") or not parts.port else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))


def fingerprint(rule: str, url: str, role: str, name: str, extra: str = "") -> str:
    text = "\x1f".join([rule, page_key(url), (role or "").strip().lower(), " ".join((name or "").split()).lower(), extra])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Finding:
    """What one probe found on one element (or on the page as a whole when ``selector`` is empty).

    ``message`` may contain ``{who}``: the engine fills in the names of the personas it hurts
    ("Christopher", "Christopher and Ron").
    """

    rule: str
    outcome: str
    impact: str
    message: str
    fix: str = ""
    wcag: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)
    url: str = ""
    selector: str = ""
    snippet: str = ""
    role: str = ""
    name: str = ""
    heard: str | None = None
    evidence: dict[str, Any] | None = None
    id: str = ""
    # Optional distinguisher for two findings of one rule on elements with the same role and name.
    key: str = ""
    # Every rule id that saw this barrier on this element (``rule`` first); the engine fills it in.
    rules: list[str] = field(default_factory=list)
    # How many more findings like this one were left out of the report (a capped rule); 0 when none.
    more: int = 0

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {self.outcome!r}")
        if self.impact not in IMPACTS:
            raise ValueError(f"impact must be one of {IMPACTS}, not {self.impact!r}")

    def compute_id(self) -> str:
        self.id = fingerprint(self.rule, self.url, self.role, self.name, self.key)
        return self.id

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("key", None)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Finding":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def who(names: list[str]) -> str:
    """'Christopher', 'Christopher and Ron', 'Christopher, Ron and Claudia'."""
    names = [n for n in names if n]
    if not names:
        return "Someone"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


_ADVERBS = {"always", "never", "only", "also", "still", "often", "then", "now", "first", "usually", "cannot"}
_IRREGULAR = {"is": "are", "was": "were", "has": "have", "does": "do", "goes": "go", "isn't": "aren't",
              "doesn't": "don't", "hasn't": "haven't", "wasn't": "weren't"}


def plural_verb(word: str) -> str:
    """The plural form of a third-person singular verb: 'struggles' -> 'struggle', 'hears' -> 'hear'."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return word[:-1]
    return word


def fill_who(message: str, names: list[str]) -> str:
    """Put the persona names into a message written for one person, and make its verb agree:
    '{who} struggles to read this' -> 'Claudia and Ron struggle to read this'."""
    if "{who}" not in message:
        return message
    plural = len([n for n in names if n]) > 1
    if plural:
        import re

        def fix(match: "re.Match[str]") -> str:
            words = match.group(1).split(" ")
            for i, w in enumerate(words):
                if w.lower() in _ADVERBS and w.lower() != "cannot":
                    continue
                words[i] = plural_verb(w)
                break
            return "{who} " + " ".join(words)

        message = re.sub(r"\{who\} ((?:\w+ ){0,1}[\w']+)", fix, message)
    return message.replace("{who}", who(names))
