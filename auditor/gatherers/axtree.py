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
                  # tag, text (visible text, innerText), labels (text of <label>s), visible
      "transcript": ["main landmark", "Council tax, heading level 1", ...],   # phrasing.transcript
      "images": [ {selector, snippet, name, role, heard, alt (null when the attribute is absent), title,
                   src, file (file name of src), width, height, natural_width, natural_height,
                   caption (figcaption text), before, after (text just before / after the image),
                   in_control (inside a link or button), visible}, ... ],
      "links": [ {selector, snippet, name, heard, href, url, target, download, text, context (text of the
                  enclosing p/li/td/dd without the link), heading (the heading before it),
                  description, visible}, ... ],
      "destinations": {url: {"status", "final", "refresh", "digest", "words"} | {"error"}},   # same-origin URLs of
                  # links that share a name with a link elsewhere, read without cookies (equivalent purpose)
      "headings": [ {selector, snippet, level, name, heard, tag, visible}, ... ],
      "styled_text": [ {selector, snippet, text, tag, font_size, font_weight, base_font_size, in_banner}, ...],
                  # short standalone text (up to 80 characters, a block of its own) in bold (weight >= 600) or
                  # large type (>= 1.2 x the page's most used size), outside headings, controls, clickable
                  # things, data tables and <dt>; at most 50
      "counts": {"nodes": N, "resolved": M},   # M: nodes mapped to an element (selector, snippet, dom)
      "warnings": [...],                       # e.g. the mapping to elements failed (nodes kept, no selectors)
      "ms": {"tree": t, "paths": t (DOM.getDocument), "page": t (the page-side call), "total": t}
    }
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from auditor.gatherers.base import GatherSession
from auditor.model.axnode import LANDMARK_ROLES, AXNode, flatten, from_cdp
from auditor.model.phrasing import LEAF_ROLES, phrase, transcript

NAME = "axtree"
ORDER = 30

# Roles whose element the artifact maps back to the DOM (besides landmarks).
_RESOLVED_ROLES = LEAF_ROLES | LANDMARK_ROLES | {"list", "table", "grid", "group", "radiogroup", "dialog",
                                                 "alertdialog", "figure"}

_FACTS_JS = r"""
(paths) => {
  const E = window.__elab;
  const find = (path) => {
    let el = document.documentElement;
    for (const step of path) {
      if (!el) return null;
      el = step === -1 ? el.shadowRoot : el.children[step];
    }
    return el;
  };
  const els = paths.map(find);
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  // the text of the first node beside el that is not blank text or a comment ("" when it is an element
  // without text, such as another image)
  const near = (start, step) => {
    for (let n = start; n; n = n[step]) {
      if (n.nodeType === 8 || (n.nodeType === 3 && !n.textContent.trim())) continue;
      return (n.nodeType === 3 || n.nodeType === 1) ? norm(n.textContent).slice(0, 200) : "";
    }
    return "";
  };
  // The first font family asked for, when none of the named families is there and the browser draws the text
  // in a generic fallback (the web font did not load, or is not installed): what the author meant to show (an
  // icon font's ligature) cannot be told. Measured on a canvas, which uses the document's fonts: a family that
  // is there changes the width of a sample.
  const GENERIC = /^(serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-[a-z-]+|math|emoji|fangsong|inherit|initial)$/i;
  const fonts = new Map();
  let ctx = null;
  const available = (family) => {
    if (!fonts.has(family)) {
      ctx = ctx || document.createElement("canvas").getContext("2d");
      const sample = "mmmwwwiiilll0123";
      let there = false;
      for (const base of ["monospace", "serif"]) {
        ctx.font = `40px ${base}`; const plain = ctx.measureText(sample).width;
        ctx.font = `40px "${family}", ${base}`;
        if (ctx.measureText(sample).width !== plain) { there = true; break; }
      }
      fonts.set(family, there);
    }
    return fonts.get(family);
  };
  const missingFont = (p) => {
    const named = getComputedStyle(p).fontFamily.split(",").map((f) => f.trim().replace(/^["']|["']$/g, ""))
      .filter((f) => f && !GENERIC.test(f));
    return named.length && !named.some(available) ? named[0] : "";
  };
  return els.map((el) => {
    if (!el || el.nodeType !== 1) return null;
    const tag = el.localName;
    const facts = { tag, selector: E.selector(el), snippet: E.snippet(el), text: E.text(el, 300),
                    visible: E.visible(el) };
    // ARIA that CDP's AX tree leaves out: aria-current, aria-posinset, aria-setsize
    for (const [attr, key] of [["aria-current", "current"], ["aria-posinset", "posinset"], ["aria-setsize", "setsize"]]) {
      if (el.hasAttribute(attr)) facts[key] = el.getAttribute(attr);
    }
    if (el.labels && el.labels.length) facts.labels = E.slice(el.labels).map((l) => E.text(l)).join(" ");
    // Where a name is set over the content (aria-label, aria-labelledby, title), the text a sighted user
    // sees of it: text nodes that are rendered, larger than the 1-pixel clip of "visually hidden" text and
    // not moved off the page (ACT's "visible", for label in name)
    if (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") || el.hasAttribute("title")) {
      const parts = [];
      const tw = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = tw.nextNode(), i = 0; n && i < 200; n = tw.nextNode(), i++) {
        const p = n.parentElement;
        if (!p || !/\S/.test(n.nodeValue)) continue;
        const range = document.createRange(); range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        let clipped = false;   // a box of 1 pixel or less on the way up clips its text (the usual hiding)
        for (let a = p; a && a !== el.parentElement; a = a.parentElement) {
          const b = a.getBoundingClientRect();
          if ((b.width <= 1 || b.height <= 1) && getComputedStyle(a).display !== "contents") { clipped = true; break; }
        }
        const shown = !clipped && (!p.checkVisibility || p.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          && r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.bottom + scrollY > 0;
        // inline boxes run together ("A" "C" "T" in three inline divs reads "ACT"); blocks are apart
        if (shown) parts.push((getComputedStyle(p).display.startsWith("inline") ? "" : " ") + n.nodeValue);
        if (shown && !facts.font_missing) { const f = missingFont(p); if (f) facts.font_missing = f; }
      }
      facts.shown_text = norm(parts.join("")).slice(0, 300);
    }
    if (tag === "img" || tag === "svg" || (tag === "input" && el.type === "image") || el.getAttribute("role") === "img") {
      facts.alt = el.hasAttribute("alt") ? el.getAttribute("alt") : null;
      facts.title = el.getAttribute("title");
      facts.src = el.currentSrc || el.src || el.getAttribute("src") || "";
      const r = el.getBoundingClientRect();
      facts.width = Math.round(r.width); facts.height = Math.round(r.height);
      facts.natural_width = el.naturalWidth || 0; facts.natural_height = el.naturalHeight || 0;
      const fig = el.closest("figure");
      const cap = fig && fig.querySelector("figcaption");
      facts.caption = cap ? E.text(cap) : "";
      facts.before = near(el.previousSibling, "previousSibling");
      facts.after = near(el.nextSibling, "nextSibling");
      facts.in_control = !!el.closest("a[href], button, [role=button], [role=link], label");
    }
    if (tag === "a" || tag === "area") {
      facts.href = el.getAttribute("href");
      facts.target = el.getAttribute("target") || "";
      facts.download = el.hasAttribute("download");
      const block = el.closest("p, li, td, th, dd");
      facts.context = block ? norm((block.innerText || block.textContent || "").replace(el.innerText || "", " ")).slice(0, 300) : "";
      if (block && (block.tagName === "TD" || block.tagName === "TH")) {
        // In a table, the cell's row and column headers are part of a link's context (WCAG's "programmatically
        // determined link context"): the first cell of its row, and the cell above it in the first row.
        const row = block.closest("tr"), table = block.closest("table");
        const cells = row ? Array.prototype.slice.call(row.cells) : [];
        const index = cells.indexOf(block);
        const rowHead = cells[0] && cells[0] !== block ? norm(cells[0].innerText || cells[0].textContent || "") : "";
        const first = table && table.rows && table.rows[0];
        const colCell = first && first !== row && index >= 0 ? first.cells[index] : null;
        const colHead = colCell ? norm(colCell.innerText || colCell.textContent || "") : "";
        facts.context = norm([facts.context, rowHead, colHead].filter(Boolean).join(" ")).slice(0, 300);
      }
    }
    return facts;
  });
}
"""

_STYLED_TEXT_JS = r"""
() => {
  const E = window.__elab;
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const SKIP = "h1,h2,h3,h4,h5,h6,[role=heading],a,button,label,legend,summary,th,caption,figcaption,dt," +
               "select,option,textarea,[role=button],[role=link],[role=tab],[role=menuitem],[onclick],[aria-hidden=true]";
  // a data table (one with header cells or a caption) is not a layout table: its bold cells are data
  const inDataTable = (el) => { const t = el.closest("table"); return !!t && !!t.querySelector("th, caption"); };
  // the page's masthead, where large bold text is the site's name: by markup, or by the usual class/id words
  const BANNER = "header, [role=banner], [id*=banner i], [class*=banner i], [id*=masthead i], " +
                 "[class*=masthead i], [id*=header i], [class*=header i], [class*=brand i], [class*=logo i]";
  const BLOCK = /^(block|flex|grid|list-item|table-cell|flow-root)$/;
  const own = (el) => E.slice(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  const sizes = new Map();
  const all = E.slice(document.body ? document.body.querySelectorAll("*") : []);
  for (const el of all) {
    if (!own(el)) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize) || 0;
    sizes.set(size, (sizes.get(size) || 0) + norm(el.textContent).length);
  }
  let base = 16, most = -1;
  for (const [size, weight] of sizes) if (weight > most) { most = weight; base = size; }
  const out = [];
  const taken = new Set();
  for (const el of all) {
    if (out.length >= 50) break;
    if (!own(el) || el.closest(SKIP) || inDataTable(el)) continue;
    const s = getComputedStyle(el);
    if (s.cursor === "pointer") continue;  // something to click, styled bold: a fake button, not a heading
    const size = parseFloat(s.fontSize) || 0;
    const weight = parseInt(s.fontWeight, 10) || 400;
    if (weight < 600 && size < base * 1.2) continue;
    let block = el;
    while (block.parentElement && !BLOCK.test(getComputedStyle(block).display)) block = block.parentElement;
    if (taken.has(block) || block === document.body) continue;
    const text = norm(block.innerText || block.textContent);
    if (!text || text.length > 80 || text !== norm(el.innerText || el.textContent)) continue;
    if (!E.visible(el)) continue;
    taken.add(block);
    out.push({ selector: E.selector(block), snippet: E.snippet(block), text, tag: block.localName,
               font_size: size, font_weight: weight, base_font_size: base,
               in_banner: !!block.closest(BANNER) });
  }
  return out;
}
"""


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


def _paths(cdp, nodes: list[AXNode], session: GatherSession | None = None) -> list[tuple[AXNode, list[int]]]:
    """The nodes that map to an element, each with its element path, from one ``DOM.getDocument`` (kept in the
    session for the Tab walk's names)."""
    document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": False}).get("root", {})
    if session is not None:
        session.remember("dom_document", document)
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
_PAGE_JS = f"(paths) => ({{ facts: paths.length ? ({_FACTS_JS})(paths) : [], styled: ({_STYLED_TEXT_JS})() }})"


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
_DESTINATIONS_JS = r"""async (urls) => {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), %d);
  const digest = (text) => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0; return String(h); };
  const out = {};
  await Promise.all(urls.map(async (url) => {
    try {
      const r = await fetch(url, { credentials: "omit", redirect: "follow", signal: ctl.signal });
      const type = (r.headers.get("content-type") || "").toLowerCase();
      const body = type.includes("html") || type.includes("text") ? (await r.text()).slice(0, 200000) : "";
      const m = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*(\d+)\s*[;,]\s*(?:url\s*=\s*)?['"]?([^'">]+)/i.exec(body);
      const refresh = m && Number(m[1]) <= 5 ? new URL(m[2].trim(), r.url).href : null;
      const text = new DOMParser().parseFromString(body, "text/html").body;
      const said = text ? (text.textContent || "").replace(/\s+/g, " ").trim() : "";
      const words = [...new Set((said.slice(0, 20000).toLowerCase().match(/[\p{L}\p{N}]+/gu) || []))].slice(0, 400);
      out[url] = { status: r.status, final: r.url, refresh, digest: r.ok && text ? digest(said) : null,
                   words: r.ok ? words : [] };
    } catch (e) { out[url] = { error: String(e && e.name || e) }; }
  }));
  clearTimeout(timer);
  return out;
}""" % DESTINATION_MS


def gather(session: GatherSession) -> dict:
    started = time.perf_counter()
    warnings: list[str] = []
    page = session.page
    cdp = session.cdp()
    raw = cdp.send("Accessibility.getFullAXTree")
    session.remember("ax_nodes", raw.get("nodes", []))
    tree = from_cdp(raw.get("nodes", []))
    t_tree = time.perf_counter()
    wanted = [n for n in tree.walk() if n.backend_id and (n.role in _RESOLVED_ROLES or n.landmark)]
    try:
        targets = _paths(cdp, wanted, session)
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
            places = session.run_js(page, _DESTINATIONS_JS, wanted_urls) or {}
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
