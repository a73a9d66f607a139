"""Each Tab stop's role, name and name source from Chromium's accessibility tree (the page script's own cheap
name is kept where the tree has none)."""

from __future__ import annotations

import json
import time
from typing import Any

_SOURCES = {"relatedElement": "aria-labelledby", "labelfor": "label", "labelwrapped": "label",
            "labelledby": "aria-labelledby"}


def _backend_id(document: dict, info: dict) -> int | None:
    """The backend node id of the element at ``info["path"]`` (see T.paths) in a ``DOM.getDocument`` tree, if
    the element found there has the tag and id the page reported (else the copy is out of date: None)."""
    node = next((c for c in document.get("children", []) if c.get("nodeType") == 1), None)
    steps = iter(info.get("path") or [])
    for step in steps:
        if node is None:
            return None
        parent = node
        if step == -1:
            roots = [r for r in node.get("shadowRoots", []) if r.get("shadowRootType") == "open"]
            if not roots:
                return None
            parent, step = roots[0], next(steps, None)
            if step is None:
                return None
        kids = [c for c in parent.get("children", []) if c.get("nodeType") == 1]
        node = kids[step] if 0 <= step < len(kids) else None
    if node is None or (node.get("localName") or node.get("nodeName", "").lower()) != info.get("tag"):
        return None
    attrs = node.get("attributes") or []
    own_id = next((attrs[i + 1] for i in range(0, len(attrs) - 1, 2) if attrs[i] == "id"), None)
    return node.get("backendNodeId") if own_id == info.get("id") else None


def _ax_values(node: dict) -> tuple[str, str, str]:
    """Role, name and name source of an accessibility node (CDP AXNode)."""
    role = (node.get("role") or {}).get("value", "")
    name_info = node.get("name") or {}
    source = ""
    for candidate in name_info.get("sources", []):
        if candidate.get("superseded") or not (candidate.get("value") or {}).get("value"):
            continue
        source = candidate.get("attribute") or candidate.get("nativeSource") or candidate.get("type", "")
        break
    return str(role), str(name_info.get("value", "")), _SOURCES.get(source, source)



def paths_expression(walk: Any) -> str:
    """The page expression for each stop's path (T.paths), which ``read`` needs."""
    return f"window.__elabTab.paths({json.dumps(walk.ids)})"


def read(walk: Any, paths: Any = None) -> None:
    """Role, name and name source of every stop of ``walk`` from the accessibility tree, in one batch.

    Each stop's element is found in the DOM agent's copy of the document by its path of child indexes (the
    copy the axtree gatherer read, when it ran and the element is there, else a fresh one), and its node in
    the accessibility tree by its backend node id. A stop that cannot be mapped (in a frame, gone, or
    added since) asks for its own node, as every stop once did (a round trip of ~10 ms each). ``paths``: the
    answer to ``paths_expression`` where the caller sent it along with other commands (else it is sent here)."""
    t0 = time.perf_counter()
    try:
        paths = (walk.world.value(paths_expression(walk)) if paths is None else walk.world.value_of(paths)) or []
    except Exception:
        paths = [None] * len(walk.ids)
    found: dict[int, dict] = {}
    wanted = {i: p for i, p in enumerate(paths) if p}
    for fresh in (False, True):
        todo = {i: p for i, p in wanted.items() if i not in found}
        if not todo:
            break
        try:
            document = (None if fresh else walk.session.recall("dom_document")) \
                or walk.cdp.send("DOM.getDocument", {"depth": -1, "pierce": False}).get("root", {})
            nodes = (None if fresh else walk.session.recall("ax_nodes")) \
                or walk.cdp.send("Accessibility.getFullAXTree").get("nodes", [])
        except Exception:
            break
        by_backend = {n.get("backendDOMNodeId"): n for n in nodes if n.get("backendDOMNodeId")}
        for i, info in todo.items():
            backend = _backend_id(document, info)
            if backend in by_backend:
                found[i] = by_backend[backend]
    for i, stop in enumerate(walk.stops):
        ax = _ax_values(found[i]) if i in found else _ax_one(walk, walk.ids[i])
        if ax and (ax[0] or ax[1]):
            stop["role"], stop["name"] = ax[0] or stop["role"], ax[1]
            stop["name_source"] = ax[2] if ax[1] else ""
    walk.cost["ax"] += time.perf_counter() - t0


def _ax_one(walk: Any, stop_id: int) -> tuple[str, str, str] | None:
    object_id = walk.world.object_id(f"window.__elabTab.seen[{int(stop_id)}]")
    if not object_id:
        return None
    try:
        nodes = walk.cdp.send("Accessibility.getPartialAXTree", {"objectId": object_id,
                                                                 "fetchRelatives": False})["nodes"]
    except Exception:
        return None
    return _ax_values(nodes[0]) if nodes else None
