"""Gatherer ``timers``: the long timers (2 s or more) the page started, as the browser layer recorded them.

Every context runs auditor.browser's init script before the page's own scripts; it wraps setTimeout and
setInterval and keeps, for each timer of 2 s or more, ``{"kind", "delay" (ms), "source"}`` (the callback's
source, at most 400 characters). This gatherer reads that list; the ``timing`` probe judges it. It covers
timers started by scripts in separate files and after load, which the ``dom`` gatherer's inline-script scan
cannot see.

Artifact: ``{"timers": [{"kind": "setTimeout", "delay": 120000, "source": "function () { ... }"}]}``
"""

from __future__ import annotations

import json

NAME = "timers"
ORDER = 15


# The record's first 50 timers, as one JSON string (a delay that is no finite number as its name, "Infinity"):
# Playwright hands a returned array back through its own serialiser, 1.4 ms more a page even when it is empty
# (2.21 against 0.81 ms, 30 GDS pages x4). A page whose JSON.stringify answers something else is read as objects.
_FIRST_50 = ("const t = window.__elabTimers; const out = [];"
             " for (let i = 0; t && i < t.length && i < 50; i++) out.push(t[i]);")
_READ = ("() => { " + _FIRST_50 +
         " return JSON.stringify(out, (k, v) => (typeof v === 'number' && !isFinite(v) ? String(v) : v)); }")
_READ_OBJECTS = "() => { " + _FIRST_50 + " return out; }"


def gather(session) -> dict:
    page = session.page
    try:
        text = page.evaluate(_READ)
        found = json.loads(text) if isinstance(text, str) else None
    except Exception:   # (JSON.stringify replaced by one that throws, a toJSON that throws...)
        if page.is_closed():
            raise
        found = None
    if not isinstance(found, list):
        found = page.evaluate(_READ_OBJECTS)
    timers = [t for t in (found or []) if isinstance(t, dict)]
    return {"timers": [{"kind": str(t.get("kind", "")), "delay": float(t.get("delay") or 0),
                        "source": str(t.get("source", ""))[:400]} for t in timers]}
