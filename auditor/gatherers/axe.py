"""Gatherer ``axe``: axe-core's violations and needs-review results, trimmed to plain JSON.

axe-core runs through :func:`auditor.browser.run_axe` with the WCAG 2.0/2.1/2.2 A and AA tags and
``best-practice`` turned on. Before it runs, axe is also loaded into the page's same-origin frames, so that
axe's own frame messaging checks them too (their targets then have two or more entries) and the run does not
wait 500 ms per frame for an answer that will not come. Cross-origin frames (video players, maps) are the
embedder's choice but not its code: they are listed under ``frames.untested``.

Artifact shape::

    {
      "engine": "axe-core 4.12.1",
      "tags": ["wcag2a", ...],
      "violations": [rule, ...],           # axe's violations: probe ``axe`` turns each node into a fail
      "incomplete": [rule, ...],           # axe's "needs review": probe ``axe`` keeps those a person must check
      "passes": [{"id", "tags"}, ...],     # rules that applied and passed, and rules with nothing to check
      "inapplicable": [{"id", "tags"}, ...],  # (ids and WCAG tags only: the pass/inapplicable outcomes)
      "frames": {"tested": [url, ...], "untested": [url, ...]},
      "ms": 183                             # time taken, for the run's timing table
    }
    rule = {"id": "image-alt", "impact": "critical", "tags": [...], "help": "...", "description": "...",
            "helpUrl": "...", "nodes": [node, ...], "nodes_total": 3}
    node = {"target": ["#main img"], "element": "html > body > main > img" (the other gatherers' selector),
            "html": "<img src=...>", "impact": "critical",
            "failureSummary": "Fix any of the following: ...",
            "any": [check, ...], "all": [check, ...], "none": [check, ...]}
    check = {"id": "has-alt", "message": "Element does not have an alt attribute", "key": "bgImage"?,
             "expected": 4.5?}

``key`` is axe's ``data.messageKey`` when there is one (why a check is incomplete); ``expected`` the contrast
ratio a text needs (axe's ``expectedContrastRatio``). An incomplete ``color-contrast`` node that could be
measured in the page's pixels has ``rendered`` (auditor/gatherers/rendered_contrast.py)::

    rendered = {"outcome": "pass" | "fail" | "review", "expected": 4.5, "pixels": 812, "ratio": 12.6,
                "median": 12.6, "drawn": 11.9, "why"?: "..."}

``target`` has one selector per frame level (axe's own frame path); a selector into a shadow root is
joined with " >> ".
"""

from __future__ import annotations

from importlib import resources
from time import perf_counter
from typing import Any
from urllib.parse import urlsplit

from auditor.browser import AXE_TAGS, run_axe_then
from auditor.gatherers import rendered_contrast
from auditor.gatherers.base import GatherSession, preloaded, with_common
from auditor.gatherers.pagejs import page_script

NAME = "axe"
ORDER = 10

MAX_NODES = 50          # nodes kept per rule; nodes_total says how many axe found
MAX_HTML = 300          # characters of each node's HTML snippet
MAX_MESSAGE = 300
# Tags the probes read (WCAG criteria and levels, axe's categories, best-practice); the other standards'
# tags (Section 508, EN 301 549, RGAA, Trusted Tester) are dropped to keep artifacts small.
KEPT_TAG_PREFIXES = ("wcag", "cat.", "best-practice", "experimental", "review-item")

_AXE_SOURCE: str | None = None


def gather(session: GatherSession) -> dict:
    started = perf_counter()
    frames = _load_into_frames(session.page)
    raw, then = run_axe_then(session.page, cdp=session.cdp(), then=_THEN_JS, then_arg=MAX_NODES)
    artifact = trim(raw)
    artifact["frames"] = frames
    if not _named_in_run(session, artifact, then):
        _name_elements(session, artifact)
    try:
        rendered_contrast.measure(session, artifact)
    except Exception as exc:  # best effort: unmeasured text stays a review
        if session.page.is_closed() or "crash" in str(exc).lower():
            raise
    artifact["ms"] = round((perf_counter() - started) * 1000)
    return artifact


# axe's targets -> the selectors the other gatherers give the same elements (``node["element"]``), so that the
# engine can tell when axe and a probe saw one element (auditor/barriers.py). Targets inside frames or shadow
# roots are left without one.
_ELEMENTS_JS = preloaded(page_script("axe-elements"))


def _nameable(node: dict) -> bool:
    """A node whose element the other gatherers could name: one target, in the top document, not in a shadow root."""
    return len(node["target"]) == 1 and " >> " not in node["target"][0]


def _name_elements(session: GatherSession, artifact: dict) -> None:
    nodes = [n for part in ("violations", "incomplete") for rule in artifact[part] for n in rule["nodes"]
             if _nameable(n)]
    if not nodes:
        return
    try:
        names = session.run_js(session.page, _ELEMENTS_JS, [n["target"][0] for n in nodes])
    except Exception:  # best effort: without it axe's findings are only merged with others by selector
        return
    for node, name in zip(nodes, names or []):
        if name:
            node["element"] = name


# Run in axe's own evaluation as soon as its result is there (browser.run_axe_then), where the names would
# otherwise cost two more round trips (the page's built-ins checked, then the names read): whether the page's
# built-ins are still the browser's (GatherSession.run_js's check, js/pristine.js), and if they are, the
# element names of the nodes the artifact keeps (axe's order; the first MAX_NODES of each rule; "" where
# ``_nameable`` would leave a node out). On a page that replaced built-ins nothing is read here: the names
# come from ``_name_elements`` (in an isolated world), as before.
_THEN_JS = f"""(r, max) => {{
  const url = location.href;
  if (!({page_script("pristine")})()) return {{ pristine: false, url }};
  const targets = [];
  for (const part of ["violations", "incomplete"]) {{
    for (const rule of r[part] || []) {{
      for (const node of (rule.nodes || []).slice(0, max)) {{
        const t = node.target || [];
        const first = t.length === 1 ? (Array.isArray(t[0]) ? t[0].join(" >> ") : String(t[0])) : "";
        targets.push(first && !first.includes(" >> ") ? first : null);
      }}
    }}
  }}
  const asked = targets.filter((t) => t !== null);
  const names = asked.length ? ({with_common(_ELEMENTS_JS)})(asked) : [];
  let next = 0;
  return {{ pristine: true, url, names: targets.map((t) => (t === null ? "" : names[next++] || "")) }};
}}"""


def _named_in_run(session: GatherSession, artifact: dict, then: Any) -> bool:
    """Apply what ``_THEN_JS`` read in axe's run; False when it read nothing usable (``_name_elements`` then
    asks, with its own check of the page's built-ins)."""
    if not isinstance(then, dict) or not isinstance(then.get("pristine"), bool):
        return False
    if not then["pristine"]:
        session.note_tampered(session.page, True, then.get("url"))
        return False
    nodes = [n for part in ("violations", "incomplete") for rule in artifact[part] for n in rule["nodes"]]
    names = then.get("names")
    if not isinstance(names, list) or len(names) != len(nodes):
        return False
    session.note_tampered(session.page, False, then.get("url"))
    for node, name in zip(nodes, names):
        if name and isinstance(name, str) and _nameable(node):
            node["element"] = name
    return True


def trim(raw: dict) -> dict:
    """axe's raw result -> the artifact (without ``frames`` and ``ms``)."""
    engine = raw.get("testEngine") or {}
    return {
        "engine": f"{engine.get('name', 'axe-core')} {engine.get('version', '')}".strip(),
        "tags": list(AXE_TAGS),
        "violations": [_rule(r) for r in raw.get("violations") or []],
        "incomplete": [_rule(r) for r in raw.get("incomplete") or []],
        "passes": [_brief(r) for r in raw.get("passes") or []],
        "inapplicable": [_brief(r) for r in raw.get("inapplicable") or []],
    }


def _brief(rule: dict) -> dict:
    return {"id": rule.get("id", ""), "tags": [t for t in rule.get("tags") or [] if t.startswith("wcag")]}


def _rule(rule: dict) -> dict:
    nodes = rule.get("nodes") or []
    return {
        "id": rule.get("id", ""),
        "impact": rule.get("impact"),
        "tags": [t for t in rule.get("tags") or [] if t.startswith(KEPT_TAG_PREFIXES)],
        "help": rule.get("help", ""),
        "description": rule.get("description", ""),
        "helpUrl": rule.get("helpUrl", ""),
        "nodes": [_node(n) for n in nodes[:MAX_NODES]],
        "nodes_total": len(nodes),
    }


def _node(node: dict) -> dict:
    return {
        "target": [_selector(t) for t in node.get("target") or []],
        "html": _clip(node.get("html") or "", MAX_HTML),
        "impact": node.get("impact"),
        "failureSummary": node.get("failureSummary") or "",
        "any": [_check(c) for c in node.get("any") or []],
        "all": [_check(c) for c in node.get("all") or []],
        "none": [_check(c) for c in node.get("none") or []],
    }


def _check(check: dict) -> dict:
    out = {"id": check.get("id", ""), "message": _clip(check.get("message") or "", MAX_MESSAGE)}
    data = check.get("data")
    if isinstance(data, dict) and isinstance(data.get("messageKey"), str):
        out["key"] = data["messageKey"]
    if isinstance(data, dict) and isinstance(data.get("expectedContrastRatio"), str):
        try:
            out["expected"] = float(data["expectedContrastRatio"].split(":")[0])
        except ValueError:
            pass
    return out


def _selector(target: Any) -> str:
    if isinstance(target, list):  # a path into shadow roots
        return " >> ".join(str(t) for t in target)
    return str(target)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _axe_source() -> str:
    """The same axe-core build that run_axe injects (shipped with axe-playwright-python)."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
    return _AXE_SOURCE


def _load_into_frames(page) -> dict:
    """Load axe into every same-origin child frame so that the main run covers it."""
    tested: list[str] = []
    untested: list[str] = []
    main = page.main_frame
    origin = _origin(main.url)
    for frame in page.frames:
        if frame is main:
            continue
        url = frame.url or "about:blank"
        if _origin(url) not in (origin, "about:"):
            untested.append(url)
            continue
        try:
            frame.evaluate(_axe_source())
            tested.append(url)
        except Exception:  # a frame that went away or refuses scripts
            untested.append(url)
    return {"tested": tested, "untested": untested}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "about":
        return "about:"
    return f"{parts.scheme}://{parts.netloc}"
