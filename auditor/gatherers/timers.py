"""Gatherer ``timers``: the long timers (2 s or more) the page started, as the browser layer recorded them.

Every context runs auditor.browser's init script before the page's own scripts; it wraps setTimeout and
setInterval and keeps, for each timer of 2 s or more, ``{"kind", "delay" (ms), "source"}`` (the callback's
source, at most 400 characters). This gatherer reads that list; the ``timing`` probe judges it. It covers
timers started by scripts in separate files and after load, which the ``dom`` gatherer's inline-script scan
cannot see.

Artifact: ``{"timers": [{"kind": "setTimeout", "delay": 120000, "source": "function () { ... }"}]}``
"""

from __future__ import annotations

NAME = "timers"
ORDER = 15


def gather(session) -> dict:
    found = session.page.evaluate(
        "() => { const t = window.__elabTimers; if (!t) return [];"
        " const out = []; for (let i = 0; i < t.length && i < 50; i++) out.push(t[i]); return out; }")
    timers = [t for t in (found or []) if isinstance(t, dict)]
    return {"timers": [{"kind": str(t.get("kind", "")), "delay": float(t.get("delay") or 0),
                        "source": str(t.get("source", ""))[:400]} for t in timers]}
