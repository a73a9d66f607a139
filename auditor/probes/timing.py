"""Probe ``timing``: the page does not move on, reload or time out by itself.

Reads ``dom.meta.refresh`` and ``dom.timing.scripts``. Reports:
- a meta refresh with a delay (fail): the page reloads or moves on while someone is still reading or typing.
  Failure technique F41 names 2.2.1, 2.2.4 and 3.2.5 for it. Only 2.2.1 (level A) has the 20-hour exception,
  so a delay of 20 hours or more still fails 2.2.4 and 3.2.5 (AAA: interruptions the user cannot postpone, a
  change of context the user did not ask for). Delays from 1 s to 20 hours are axe's ``meta-refresh`` too,
  so they are left to axe when axe ran (axe's finding names all three criteria: see ``axe.EXTRA_CRITERIA``);
  a delay of 0 with a URL is a plain redirect (technique H76); a delay of 0 with no URL reloads the page for
  ever (review). The content is read as browsers read it (HTML's "shared declarative refresh steps"): a value
  they cannot parse does nothing, and only the first refresh they can parse acts;
- an inline script that starts a timer (setTimeout/setInterval) whose callback navigates, reloads or submits
  (review, 2.2.1): a time limit with no sign of a way to turn it off, adjust or extend it. Timers of 1 s or
  less are treated as plain redirects.

- a timer the page really started (the ``timers`` artifact: every timer of 2 s or more, from any script,
  recorded as the page sets it) whose callback navigates, reloads or submits after more than 1 s and less
  than 20 hours: ``fail`` (2.2.1) when it is the page's only long timer, since nothing could warn people
  first; ``review`` when other long timers exist (one of them may be a warning with a way to extend).
  Timers already reported from an inline script are not reported twice.
"""

from __future__ import annotations

import re

from auditor.findings import Finding
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta, whole

META = ProbeMeta(
    id="timing",
    summary="time limits and pages that refresh or move on by themselves",
    title="The page does not move on or time out by itself",
    failure_title="The page moves on or times out by itself",
    wcag=("2.2.1", "2.2.4", "3.2.5"),
    personas=("pawel", "simone", "ron", "christopher"),
    impact="serious",
    fix="Remove timed refreshes and redirects; for a real time limit, warn people and let them extend it.",
    artifacts=("dom", "axe", "timers"),
    why={
        "pawel": "A page that changes under him without warning is distressing, and he needs time to be sure.",
        "simone": "She reads more slowly and loses her work if the page moves on before she has finished.",
        "ron": "His tremor makes typing slow; a time limit can run out before he has filled in the form.",
    },
)

TWENTY_HOURS_S = 20 * 60 * 60
_TIMER = re.compile(r"\bset(Timeout|Interval)\s*\(")
_NAVIGATES = re.compile(
    r"\blocation\s*(?:\.\s*href\s*)?=(?!=)|\blocation\s*\.\s*(?:assign|replace|reload)\s*\(|\.submit\s*\(")
_DELAY = re.compile(r",\s*([\d_]+(?:\s*\*\s*[\d_]+)*)\s*\)\s*;?\s*$")


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = whole(artifacts, "dom")
    if dom is None:
        return []
    findings: list[Finding] = []
    by_axe = axe_ran(artifacts)
    for content in (dom.get("meta") or {}).get("refresh") or []:
        if parse_refresh(content) is not None:     # the first refresh a browser can read is the one that acts
            findings.extend(_refresh(content, by_axe))
            break
    for script in (dom.get("timing") or {}).get("scripts") or []:
        findings.extend(_script(script))
    findings.extend(_timers(artifacts.get("timers"), {f.evidence.get("delay_ms") for f in findings if f.evidence}))
    return findings


def _timers(artifact, already: set) -> list[Finding]:
    """Timers the page started, judged by what their callback does."""
    if not isinstance(artifact, dict) or not isinstance(artifact.get("timers"), list):
        return []
    timers = [t for t in artifact["timers"] if isinstance(t, dict)]
    out = []
    for t in timers:
        delay = float(t.get("delay") or 0)
        if not _NAVIGATES.search(t.get("source") or "") or delay <= 1000 or delay >= TWENTY_HOURS_S * 1000:
            continue
        if delay in already:
            continue
        others = [o for o in timers if o is not t and float(o.get("delay") or 0) >= 2000]
        out.append(META.finding(
            outcome="review" if others else "fail", impact="serious", wcag=["2.2.1"],
            role="script", name=t.get("kind", "setTimeout"), key=f"started-timer{len(out) + 1}",
            message=(f"Check: {{who}} may lose their work: after {_duration(delay)} a script moves the page on; "
                     "check that people are warned first and can extend the time") if others else
                    (f"{{who}} loses everything typed so far: after {_duration(delay)} the page moves on by itself, "
                     "with no warning and no way to ask for more time"),
            fix="Warn people before time runs out and let them extend it (at least ten times), or turn the time "
                "limit off.",
            snippet=(t.get("source") or "")[:300], evidence={"delay_ms": delay}))
        already.add(delay)
    return out


def parse_refresh(content: str) -> tuple[float, str] | None:
    """'5; url=/next' -> (5.0, '/next'); '30' -> (30.0, ''); None when a browser would not refresh at all.

    HTML's "shared declarative refresh steps": a whole number of seconds (digits and full stops after it are
    ignored), then nothing, or white space, ';' or ',' before the URL, which may be written ``url=...`` and
    quoted. Anything else ("soon", "+5", "-1", "5: next.html", "; 5") is not a refresh."""
    text = content or ""
    n = len(text)
    i = _skip_space(text, 0)
    start = i
    while i < n and text[i].isascii() and text[i].isdigit():
        i += 1
    digits = text[start:i]
    if not digits and (i >= n or text[i] != "."):
        return None
    while i < n and (text[i] == "." or (text[i].isascii() and text[i].isdigit())):
        i += 1
    if i < n:
        if text[i] not in ";," and text[i] not in _SPACE:
            return None
        i = _skip_space(text, i)
        if i < n and text[i] in ";,":
            i += 1
        i = _skip_space(text, i)
    url = text[i:]
    m = re.match(r"url\s*=\s*", url, re.IGNORECASE)
    if m:
        url = url[m.end():]
    if url[:1] in ("'", '"'):
        quote, url = url[0], url[1:]
        url = url.split(quote, 1)[0]
    return float(digits or 0), url.strip()


_SPACE = " \t\n\f\r"


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _refresh(content: str, by_axe: bool) -> list[Finding]:
    snippet = f'<meta http-equiv="refresh" content="{content}">'
    delay, url = parse_refresh(content)
    common = dict(role="meta", name="refresh", selector='meta[http-equiv="refresh"]', snippet=snippet,
                  key="refresh")
    if delay == 0 and url:
        return []
    if delay == 0:
        return [META.finding(outcome="review", impact="serious", wcag=["2.2.4"],
                        message="Check: {who} may never get to read this page: it asks to reload itself at once",
                        fix="Remove the meta refresh.", **common)]
    what = "moves on to another page" if url else "reloads"
    fix = ("Remove the timed meta refresh; let people choose when to move on, or warn them and let them extend "
           "the time.")
    if delay >= TWENTY_HOURS_S:
        return [META.finding(outcome="fail", impact="moderate", wcag=["2.2.4", "3.2.5"],
                        message=f"After {_duration(delay * 1000)} the page {what} by itself: {{who}} does not "
                                "choose when it happens (within WCAG's 20-hour limit for time limits, but not "
                                "for changes people did not ask for)", fix=fix, **common)]
    if by_axe:
        return []
    return [META.finding(outcome="fail", impact="serious", wcag=["2.2.1", "2.2.4", "3.2.5"],
                    message=f"{{who}} loses their place: after {_duration(delay * 1000)} the page {what} by itself",
                    fix=fix, **common)]


def _script(script: dict) -> list[Finding]:
    text = script.get("text") or ""
    out = []
    for m in _TIMER.finditer(text):
        call = _call_text(text, m.end() - 1)
        body_navigates = bool(_NAVIGATES.search(call))
        callback = call[1:].split(",", 1)[0].strip()
        named = re.fullmatch(r"[A-Za-z_$][\w$.]*", callback)
        if not body_navigates and not (named and _NAVIGATES.search(text)):
            continue
        delay_ms = _delay(call)
        if delay_ms is not None and delay_ms <= 1000:
            continue
        when = f"after {_duration(delay_ms)}" if delay_ms is not None else "after a delay"
        out.append(META.finding(
            outcome="review", impact="serious", wcag=["2.2.1"], role="script",
            name=f"set{m.group(1)}", key=f"timer{len(out) + 1}",
            message=f"Check: {{who}} may lose their work: a script moves the page on or reloads it {when}",
            fix="Warn people before time runs out and let them extend it (at least ten times), or turn the time "
                "limit off.",
            selector=script.get("selector", ""), snippet=call[:300] if call else text[:300],
            evidence={"delay_ms": delay_ms}))
    return out


def _call_text(text: str, open_paren: int) -> str:
    """The text of a call from its '(' to the matching ')' (strings and comments are not parsed: near enough)."""
    depth = 0
    for i in range(open_paren, min(len(text), open_paren + 4000)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[open_paren:i + 1]
    return text[open_paren:open_paren + 4000]


def _delay(call: str) -> int | None:
    m = _DELAY.search(call)
    if not m:
        return None
    value = 1
    for part in m.group(1).split("*"):
        value *= int(part.strip().replace("_", ""))
    return value


def _duration(ms: float) -> str:
    seconds = ms / 1000
    if seconds < 120:
        return f"{seconds:g} seconds"
    if seconds < 7200:
        return f"{round(seconds / 60)} minutes"
    return f"{round(seconds / 3600)} hours"
