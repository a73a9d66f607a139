"""The accessibility tree as a screen reader meets it: plain nodes in reading order, and the transcript.

Reads CDP ``Accessibility.getFullAXTree`` (main frame) into :class:`auditor.model.axnode.AXNode`, then maps
the nodes that matter (controls, headings, images, landmarks, lists, tables, groups) back to their elements
in one batch: ``DOM.getDocument(depth=-1)`` gives each backendDOMNodeId's path of element indexes from
<html>, and one page-side call walks those paths and returns selector, snippet and a few DOM facts (one
``DOM.resolveNode`` per node would cost a round trip, ~3 ms, per node). The same page-side call lists text
styled as a heading without heading markup. Frames' contents are not included (main frame only).

Artifact (plain JSON)::

    {
      "nodes": [ {role, name, name_from, value, description, level, states, posinset, setsize, focusable,
                  backend_id, url, selector, snippet, landmark, dom: {...}, depth, index, parent}, ... ],
                  # every node of the tree, pre-order (document order); ``dom`` (resolved nodes only):
                  # tag, text (visible text, innerText), labels (text of <label>s), visible; on tables and
                  # grids unassigned_headers: [{selector, text, role}] (header cells no cell is assigned to)
      "transcript": ["main landmark", "Council tax, heading level 1", ...],   # phrasing.transcript
      "images": [ {selector, snippet, name, role, heard, alt (null when the attribute is absent), title,
                   src, file (file name of src), width, height, natural_width, natural_height,
                   caption (figcaption text), before, after (text just before / after the image),
                   in_control (inside a link or button), visible}, ... ],
      "links": [ {selector, snippet, name, heard, href, url, target, download, text, context (text of the
                  enclosing p/li/td/dd, or of the block whose sentence runs on from the link, without the
                  link), heading (the heading before it), description, visible}, ... ],
      "destinations": {url: {"status", "final", "refresh", "digest", "words"} | {"error"}},   # same-origin URLs of
                  # links that share a name with a link elsewhere, read without cookies (equivalent purpose)
      "headings": [ {selector, snippet, level, name, heard, tag, visible}, ... ],
      "styled_text": [ {selector, snippet, text, tag, font_size, font_weight, base_font_size, in_banner}, ...],
                  # short standalone text (up to 80 characters, a block of its own) in bold (weight >= 600) or
                  # large type (>= 1.2 x the page's most used size), outside headings, controls, clickable
                  # things, data tables and <dt>, and not another element's description (aria-describedby:
                  # a field's error message, a link's status); at most 50
      "counts": {"nodes": N, "resolved": M},   # M: nodes mapped to an element (selector, snippet, dom)
      "warnings": [...],                       # e.g. the mapping to elements failed (nodes kept, no selectors)
      "ms": {"tree": t (getFullAXTree and DOM.getDocument, one round trip, and the tree built), "paths": t
             (the element paths worked out), "page": t (the page-side call), "total": t}
    }
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from auditor.gatherers.base import GatherSession, preloaded
from auditor.gatherers.pagejs import page_script
from auditor.model.axnode import LANDMARK_ROLES, AXNode, flatten, from_cdp
from auditor.model.phrasing import LEAF_ROLES, phrase, transcript

NAME = "axtree"
ORDER = 30

# Roles whose element the artifact maps back to the DOM (besides landmarks).
_RESOLVED_ROLES = LEAF_ROLES | LANDMARK_ROLES | {"list", "table", "grid", "group", "radiogroup", "dialog",
                                                 "alertdialog", "figure"}

_FACTS_JS = page_script("axtree-facts")

_STYLED_TEXT_JS = page_script("axtree-styled-text")


def _file_name(src: str) -> str:
    path = urlsplit(src or "").path
    return unquote(path.rsplit("/", 1)[-1]) if path else ""


def _element_paths(document: dict, wanted: set[int]) -> dict[int, list[int]]:
    """Backend node id -> path of element-child indexes from <html> (-1 steps into an open shadow root),
    for the wanted ids, from one ``DOM.getDocument(depth=-1)``."""
    paths: dict[int, list[int]] = {}
    stack: list[tuple[dict, list[int]]] = []
    for child in document.get("children", []):
        if child.get("nodeType") == 1:
            stack.append((child, []))
    while stack:
        node, path = stack.pop()
        if node.get("backendNodeId") in wanted:
            paths[node["backendNodeId"]] = path
        elements = [c for c in node.get("children", []) if c.get("nodeType") == 1]
        stack.extend((c, path + [i]) for i, c in enumerate(elements))
        for root in node.get("shadowRoots", []):
            if root.get("shadowRootType") == "open":
                kids = [c for c in root.get("children", []) if c.get("nodeType") == 1]
                stack.extend((c, path + [-1, i]) for i, c in enumerate(kids))
    return paths


def _apply_aria(node: AXNode, facts: dict[str, Any]) -> None:
    """Move the ARIA states CDP leaves out (aria-current, aria-posinset/setsize) from DOM facts to the node."""
    current = (facts.pop("current", None) or "").strip().lower()
    if current and current != "false":
        node.states["current"] = True if current == "true" else current
    for key in ("posinset", "setsize"):
        raw = facts.pop(key, None)
        if raw is not None and str(raw).strip().isdigit():
            setattr(node, key, int(raw))


def _paths(document: dict, nodes: list[AXNode]) -> list[tuple[AXNode, list[int]]]:
    """The nodes that map to an element, each with its element path in ``document`` (``DOM.getDocument``'s
    root)."""
    paths = _element_paths(document, {n.backend_id for n in nodes if n.backend_id})
    return [(n, paths[n.backend_id]) for n in nodes if n.backend_id in paths]


def _apply_facts(targets: list[tuple[AXNode, list[int]]], facts_list: list) -> int:
    """Fill selector, snippet and dom facts of the nodes; returns how many were resolved."""
    count = 0
    for (node, _), facts in zip(targets, facts_list or []):
        if not facts:
            continue
        node.selector = facts.pop("selector", "")
        node.snippet = facts.pop("snippet", "")
        _apply_aria(node, facts)
        node.dom = facts
        count += 1
    return count


# One page-side call for both: the facts of the mapped elements and the text styled like headings.
_PAGE_JS = preloaded(
    f"(paths) => ({{ facts: paths.length ? ({_FACTS_JS})(paths) : [], styled: ({_STYLED_TEXT_JS})() }})")


def _images(tree: AXNode) -> list[dict[str, Any]]:
    out = []
    for node in tree.walk():
        if node.role not in ("image", "img"):
            continue
        d = node.dom
        out.append({
            "selector": node.selector, "snippet": node.snippet, "name": node.name, "role": node.role,
            "heard": phrase(node), "alt": d.get("alt"), "title": d.get("title"), "src": d.get("src", node.url),
            "file": _file_name(d.get("src") or node.url), "width": d.get("width"), "height": d.get("height"),
            "natural_width": d.get("natural_width"), "natural_height": d.get("natural_height"),
            "caption": d.get("caption", ""), "before": d.get("before", ""), "after": d.get("after", ""),
            "in_control": bool(d.get("in_control")), "visible": d.get("visible", True), "tag": d.get("tag", ""),
        })
    return out


def _links_and_headings(tree: AXNode) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    links: list[dict[str, Any]] = []
    headings: list[dict[str, Any]] = []
    last_heading = ""
    for node in tree.walk():
        if node.role == "heading":
            last_heading = node.name
            headings.append({"selector": node.selector, "snippet": node.snippet, "level": node.level,
                             "name": node.name, "heard": phrase(node), "tag": node.dom.get("tag", ""),
                             "visible": node.dom.get("visible", True)})
        elif node.role == "link":
            d = node.dom
            links.append({"selector": node.selector, "snippet": node.snippet, "name": node.name,
                          "heard": phrase(node), "href": d.get("href"), "url": node.url,
                          "target": d.get("target", ""), "download": bool(d.get("download")),
                          "text": d.get("text", ""), "context": d.get("context", ""), "heading": last_heading,
                          "description": node.description, "visible": d.get("visible", True)})
    return links, headings


MAX_DESTINATIONS = 8     # URLs read per page
DESTINATION_MS = 2000    # time allowed for all of them together


def same_name_destinations(links: list[dict[str, Any]], page_url: str) -> list[str]:
    """Same-origin http(s) URLs of links that share their accessible name with a link to another URL: the
    one place where two link URLs must be told apart by what they lead to (ACT: "equivalent purpose")."""
    page = urlsplit(page_url)
    by_name: dict[str, set[str]] = {}
    for link in links:
        name = " ".join((link.get("name") or "").split()).casefold()
        url = urlsplit(link.get("url") or "")
        if name and url.scheme in ("http", "https") and (url.scheme, url.netloc) == (page.scheme, page.netloc):
            by_name.setdefault(name, set()).add(urlunsplit(url._replace(fragment="")))
    urls = [u for group in by_name.values() if len(group) > 1 for u in sorted(group)]
    return list(dict.fromkeys(urls))[:MAX_DESTINATIONS]


# Read each destination as following the link would (GET), but without the user's cookies (credentials
# "omit": a link to "sign out" read here signs nobody out), and say where it ends: the URL after HTTP
# redirects, a <meta http-equiv="refresh"> target, and a digest of the text it holds.
_DESTINATIONS_JS = preloaded(page_script("axtree-destinations"))


def gather(session: GatherSession) -> dict:
    started = time.perf_counter()
    warnings: list[str] = []
    page = session.page
    # Both reads in one round trip (Chromium answers in order), taken as the raw answers: the sync API's own
    # send walks every value of a large answer once more in Python (~60 ms for 1200 AX nodes).
    raw, document = session.browser.send_many(session.cdp(), [
        ("Accessibility.getFullAXTree", {}), ("DOM.getDocument", {"depth": -1, "pierce": False})],
        return_exceptions=True)
    if isinstance(raw, BaseException):
        raise raw
    session.remember("ax_nodes", raw.get("nodes", []))
    tree = from_cdp(raw.get("nodes", []))
    t_tree = time.perf_counter()
    wanted = [n for n in tree.walk() if n.backend_id and (n.role in _RESOLVED_ROLES or n.landmark)]
    try:
        if isinstance(document, BaseException):
            raise document
        document = document.get("root", {})
        session.remember("dom_document", document)   # for the Tab walk's names
        targets = _paths(document, wanted)
    except Exception as exc:  # the DOM agent failed: keep the tree without selectors
        targets = []
        warnings.append(f"nodes could not be mapped to elements: {type(exc).__name__}: {str(exc)[:200]}")
    t_paths = time.perf_counter()
    found = session.run_js(page, _PAGE_JS, [path for _, path in targets])
    resolved = _apply_facts(targets, found.get("facts"))
    styled = found.get("styled") or []
    done = time.perf_counter()
    links, headings = _links_and_headings(tree)
    wanted_urls = same_name_destinations(links, page.url)
    places: dict[str, Any] = {}
    if wanted_urls:
        try:
            places = session.run_js(page, _DESTINATIONS_JS, {"urls": wanted_urls, "ms": DESTINATION_MS}) or {}
        except Exception as exc:  # the links are still judged, as before, on their URLs alone
            warnings.append(f"link destinations could not be read: {type(exc).__name__}: {str(exc)[:200]}")
    nodes = flatten(tree)
    return {
        "nodes": nodes,
        "transcript": transcript(tree),
        "images": _images(tree),
        "links": links,
        "destinations": places,
        "headings": headings,
        "styled_text": styled,
        "counts": {"nodes": len(nodes), "resolved": resolved},
        "warnings": warnings,
        "ms": {"tree": round((t_tree - started) * 1000, 1), "paths": round((t_paths - t_tree) * 1000, 1),
               "page": round((done - t_paths) * 1000, 1), "total": round((done - started) * 1000, 1)},
    }
