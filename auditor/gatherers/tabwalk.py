"""The Tab walk gatherer: what Christopher meets when he moves through a page with the keyboard alone.

It presses Tab from the top of the document and records every stop (element, role, accessible name, box,
whether focus can be seen and whether something covers it), how the walk ended (wrapped, trapped, capped),
the clickable things that Tab never reaches, elements with a positive tabindex, the skip link and what
activating it does, and the boxes of every interactive element (for target size).

All page-side code runs in a CDP isolated world, so pages that override built-ins (Array.prototype.push,
HTMLElement.prototype.blur...) cannot break it. The artifact's shape is in ``gather``'s docstring.
"""

from __future__ import annotations

import base64
import io
import json
import os
import time
from typing import Any

from auditor.gatherers.base import GatherSession, common_js

NAME = "tabwalk"
ORDER = 60

CROP_MARGIN = 6            # px around the focused element's box for the focus/no-focus comparison
CHANGE_DELTA = 8           # a channel difference above this counts as a changed pixel
STRONG_DELTA = 64          # ... above this as a clearly changed pixel
EVIDENCE_BELOW = 0.5       # keep an evidence crop when strong changes cover less than this share of the perimeter
BASELINE_TRUST = 0.6       # a cached baseline showing more change than this share of the crop is re-checked
MAX_CROP = 600             # crops are clipped to this many px each way
UNION_MAX_PX = 1280 * 400  # largest capture that shows one stop unfocused and the next focused at once
MAX_LISTENER_NODES = 300   # click-listener nodes looked at
TIME_BUDGET_S = 60.0       # the whole walk stops after this long ("timeout")
FRAME_REPEATS = 50         # consecutive Tab presses spent inside one iframe before giving up on it
INNER_STOPS = 12           # Tab stops a browser draws inside one element (Chromium's video player: 6, a date: 4)
STYLE_SAMPLES = 2          # stops measured per style key before the rest with that key share their measure (one
                           # where the first shows a clear change and its ring is free: see _Walk._settled)
MAX_FOCUS_CAPTURES = 80    # stops whose focus is measured in pixels on one page; the rest are counted, not measured
BATCH_MIN, BATCH_MAX = 4, 32   # Tabs pressed before the stops are read, in a run of stops that look alike
# One Tab press as CDP key events, as Playwright's keyboard.press("Tab") sends them (no text: a raw key down).
TAB_DOWN = {"type": "rawKeyDown", "modifiers": 0, "windowsVirtualKeyCode": 9, "code": "Tab", "key": "Tab",
            "location": 0, "isKeypad": False, "autoRepeat": False}
TAB_UP = {"type": "keyUp", "modifiers": 0, "windowsVirtualKeyCode": 9, "code": "Tab", "key": "Tab", "location": 0}

_PAGE_JS = r"""
(() => {
  const E = window.__elab;
  const T = window.__elabTab = { seen: [], ids: new Map(), clicks: [], keys: [], page: { clicks: false, keys: false },
                                 lastStop: null, rest: new Map() };
  const IMPLICIT = { button: "button", select: "combobox", textarea: "textbox", summary: "button",
                     details: "group", nav: "navigation", main: "main", img: "img", iframe: "iframe" };
  const INPUT_ROLES = { checkbox: "checkbox", radio: "radio", range: "slider", button: "button", submit: "button",
                        reset: "button", image: "button", search: "searchbox", number: "spinbutton" };
  const COMPOSITE_ITEMS = /^(tab|option|menuitem|menuitemcheckbox|menuitemradio|treeitem|gridcell|row|radio|cell)$/;
  const WIDGET_ROLES = new RegExp("^(button|link|checkbox|radio|switch|tab|menuitem|menuitemcheckbox|menuitemradio|" +
                                  "option|treeitem|slider|spinbutton|combobox|textbox|searchbox)$");
  const TARGETS = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, [onclick], ' +
    '[tabindex]:not([tabindex="-1"]), [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], ' +
    '[role=tab], [role=menuitem], [role=option], [role=slider]';

  function role(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.localName;
    if (tag === "a" || tag === "area") return el.hasAttribute("href") ? "link" : "";
    if (tag === "input") return INPUT_ROLES[(el.type || "text").toLowerCase()] || "textbox";
    if (/^h[1-6]$/.test(tag)) return "heading";
    return IMPLICIT[tag] || "";
  }

  function textOf(id) {
    const n = document.getElementById(id);
    return n ? E.text(n) : "";
  }

  // A cheap accessible name and where it came from (the accessibility tree is used for Tab stops).
  function accName(el) {
    const by = (el.getAttribute("aria-labelledby") || "").trim();
    if (by) {
      const s = by.split(/\s+/).map(textOf).join(" ").trim();
      if (s) return [s, "aria-labelledby"];
    }
    const label = (el.getAttribute("aria-label") || "").trim();
    if (label) return [label, "aria-label"];
    if (el.labels && el.labels.length) {
      const s = Array.prototype.map.call(el.labels, (l) => E.text(l)).join(" ").trim();
      if (s) return [s, "label"];
    }
    if (el.localName === "img" || el.localName === "area" || (el.localName === "input" && el.type === "image")) {
      const alt = (el.getAttribute("alt") || "").trim();
      if (alt) return [alt, "alt"];
    }
    if (el.localName !== "input" && el.localName !== "select" && el.localName !== "textarea") {
      const t = E.text(el);
      if (t) return [t, "contents"];
      const img = el.querySelector("img[alt]");
      if (img && img.getAttribute("alt").trim()) return [img.getAttribute("alt").trim(), "alt"];
    } else if (el.localName === "input" && /^(submit|button|reset)$/.test(el.type) && el.value) {
      return [el.value, "value"];
    }
    const title = (el.getAttribute("title") || "").trim();
    if (title) return [title, "title"];
    const ph = (el.getAttribute("placeholder") || "").trim();
    if (ph) return [ph, "placeholder"];
    return ["", ""];
  }

  function deepActive() {
    let el = document.activeElement, frame = null;
    for (let i = 0; el && i < 20; i++) {
      if (el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; continue; }
      if (el.localName === "iframe" || el.localName === "frame") {
        let doc = null;
        try { doc = el.contentDocument; } catch (e) { doc = null; }
        if (doc && doc.activeElement && doc.activeElement !== doc.body) { frame = frame || el; el = doc.activeElement; continue; }
        frame = frame || el;
      }
      break;
    }
    return { el, frame };
  }

  function idOf(el) {
    const known = T.ids.get(el);
    if (known !== undefined) return known;
    T.seen.push(el);
    T.ids.set(el, T.seen.length - 1);
    return T.seen.length - 1;
  }

  // What a focus indicator can change, read from computed styles: a stop whose element, pseudo-elements,
  // parent and neighbours look the same focused, whose element looked the same unfocused, on the same
  // background, as an earlier stop's, shares that stop's focus indicator (see _Walk._focus_pixels).
  const FOCUS_PROPS = ["outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
    "background-color", "background-image", "color", "border-top-style", "border-top-width", "border-top-color",
    "border-right-style", "border-right-width", "border-right-color", "border-bottom-style", "border-bottom-width",
    "border-bottom-color", "border-left-style", "border-left-width", "border-left-color", "text-decoration-line",
    "text-decoration-color", "text-decoration-style", "text-decoration-thickness", "opacity", "transform", "filter",
    "font-weight", "display", "visibility"];
  function look(el, pseudo) {
    if (!el || el.nodeType !== 1) return "";
    const s = getComputedStyle(el, pseudo || null);
    let out = pseudo ? s.content + "|" : el.localName + "|";
    for (const p of FOCUS_PROPS) out += s.getPropertyValue(p) + "|";
    return out;
  }
  function backdrop(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.backgroundImage !== "none" || !/^(transparent|rgba\([^)]*,\s*0\))$/.test(s.backgroundColor)) {
        return s.backgroundColor + s.backgroundImage;
      }
    }
    return "";
  }
  function hash(text) {   // FNV-1a, 32 bits: a short key for a long signature
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(36) + "." + text.length.toString(36);
  }
  function styleKey(el, frame) {
    const rest = T.rest.get(el);
    if (frame || rest === undefined) return null;   // never seen unfocused: no key, its focus is measured
    const type = el.localName === "input" ? (el.type || "") : "";
    const labels = el.labels ? Array.prototype.map.call(el.labels, (l) => look(l) + look(l, "::before") + look(l, "::after")) : [];
    return hash([type, rest, look(el), look(el, "::before"), look(el, "::after"), look(el.parentElement),
                 look(el.previousElementSibling), look(el.nextElementSibling), backdrop(el.parentElement),
                 labels.join("+")].join("#"));
  }
  // Whether a stop's focus indicator is drawn in full where its box is: nothing clips the ring it could draw
  // (outline, box-shadow: their reach from the focused computed style) and only the element itself or its
  // ancestors (or its labels and neighbours) lie under that ring. One measure then stands for every stop of its style key; where this cannot
  // be told from styles and boxes (a clipping ancestor, a neighbour under the ring, a ring past the edge of
  // the viewport), a second stop of the key is measured and must agree (see _Walk._settled).
  function reach(s) {
    let out = 0;
    if (s.outlineStyle !== "none") out = Math.max(out, (parseFloat(s.outlineWidth) || 0) + (parseFloat(s.outlineOffset) || 0));
    if (s.boxShadow && s.boxShadow !== "none") {
      for (const shadow of s.boxShadow.split(/,(?![^(]*\))/)) {
        const px = (shadow.replace(/rgba?\([^)]*\)/g, "").match(/-?[\d.]+px/g) || []).map(parseFloat);
        out = Math.max(out, Math.abs(px[0] || 0) + Math.abs(px[1] || 0) + (px[2] || 0) + (px[3] || 0));
      }
    }
    return Math.ceil(out) + 2;
  }
  const CLIPS = (s) => s.overflowX !== "visible" || s.overflowY !== "visible" || s.clipPath !== "none" ||
    /paint|strict|content/.test(s.contain || "");
  // Whether an element draws anything of its own that could lie over or under a neighbour's ring: a
  // background, a border, a shadow or text of its own (an empty box with a transparent background does not).
  function paints(n) {
    const s = getComputedStyle(n);
    if (s.backgroundImage !== "none" || !/^(transparent|rgba\([^)]*,\s*0\))$/.test(s.backgroundColor)) return true;
    if (s.boxShadow !== "none" || s.outlineStyle !== "none") return true;
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      if (s["border" + side + "Style"] !== "none" && parseFloat(s["border" + side + "Width"]) > 0) return true;
    }
    for (const c of n.childNodes) if (c.nodeType === 3 && c.textContent.trim()) return true;
    return /^(img|svg|video|canvas|input|select|textarea|button|iframe|object|embed)$/.test(n.localName);
  }
  function ringFree(el, r) {
    const d = reach(getComputedStyle(el));
    const ring = { left: r.left - d, top: r.top - d, right: r.right + d, bottom: r.bottom + d };
    if (ring.left < 0 || ring.top < 0 || ring.right > innerWidth || ring.bottom > innerHeight) return false;
    for (let n = el.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.position === "fixed") break;
      if (!CLIPS(s)) continue;
      const b = n.getBoundingClientRect();
      if (ring.left < b.left + n.clientLeft || ring.top < b.top + n.clientTop ||
          ring.right > b.left + n.clientLeft + n.clientWidth || ring.bottom > b.top + n.clientTop + n.clientHeight) return false;
    }
    // (Its labels and neighbours are in the style key: they look the same round every stop of the key.)
    const known = [el, el.previousElementSibling, el.nextElementSibling, ...(el.labels || [])].filter(Boolean);
    const h = d / 2, cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    for (const [x, y] of [[cx, r.top - h], [cx, r.bottom + h], [r.left - h, cy], [r.right + h, cy],
                          [r.left - h, r.top - h], [r.right + h, r.bottom + h]]) {
      const hit = deepFromPoint(x, y);
      if (hit && !containsDeep(hit, el) && !known.some((k) => containsDeep(k, hit)) && paints(hit)) return false;
    }
    return true;
  }

  const FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
  const MAX_REST = 5000;

  function deepFromPoint(x, y) {
    let hit = document.elementFromPoint(x, y);
    for (let i = 0; hit && hit.shadowRoot && i < 10; i++) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit;
  }

  function containsDeep(outer, inner) {
    for (let n = inner; n; n = n.parentNode || n.host) if (n === outer) return true;
    return false;
  }

  function pinned(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if (p === "fixed" || p === "sticky") return true;
    }
    return false;
  }

  // Sample points of the element's box in the viewport; how many are covered by something else.
  function obscured(el, r) {
    const xs = [0.5, 0.15, 0.85], ys = [0.5, 0.2, 0.8];
    let sampled = 0, covered = 0, by = null, byPinned = false;
    for (const fx of xs) for (const fy of ys) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      sampled++;
      const hit = deepFromPoint(x, y);
      if (!hit || containsDeep(el, hit) || containsDeep(hit, el)) continue;
      covered++;
      if (!by) { by = hit; byPinned = pinned(hit); }
    }
    return { sampled, covered, by: by ? E.selector(by) : "", by_pinned: byPinned };
  }

  function inMain(el) {
    const main = document.querySelector("main, [role=main]");
    if (main) return main.contains(el) || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const h1 = document.querySelector("h1");
    if (h1) return h1.contains(el) || !!(h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    return null;
  }

  T.start = () => {
    // What the page's own script had focused before the walk (an error summary or a message focused on
    // load): content a script moves focus to, reachable that way though not by Tab.
    const held = deepActive().el;
    T.scriptFocused = held && held !== document.body && held !== document.documentElement ? held : null;
    const style = document.createElementNS("http://www.w3.org/1999/xhtml", "style");  // an SVG document too
    style.id = "__elab_tab_style";
    style.textContent = "*,*::before,*::after{transition-duration:0s!important;transition-delay:0s!important;" +
                        "caret-color:transparent!important}";
    (document.head || document.documentElement).appendChild(style);
    // Focus a throwaway element at the very end, then remove it: the next Tab starts at the beginning of the
    // sequential order (positive tabindex first), as on a freshly loaded page, whatever had focus before.
    const s = document.createElementNS("http://www.w3.org/1999/xhtml", "span");
    s.tabIndex = -1;
    document.documentElement.appendChild(s);
    window.scrollTo(0, 0);
    s.focus({ preventScroll: true });
    s.remove();
    T.style = style;
    T.rest = new Map();
    T.order = [];
    T.orderAt = new Map();
    T.shapeKeys = new Map();
    let n = 0;
    for (const el of document.querySelectorAll(FOCUSABLE)) {   // how each element looks unfocused
      if (n++ >= MAX_REST) break;
      if (el.tabIndex < 0) continue;
      T.rest.set(el, look(el));
      T.orderAt.set(el, T.order.length);
      T.order.push(el);
    }
    const a = deepActive().el;
    T.rest.delete(a);    // (focused already: not its unfocused look)
    return !a || a === document.body || a === document.documentElement;
  };

  // Visible elements in the sequential order that the walk never reached.
  T.unvisited = () => {
    const seen = new Set(T.seen);
    let n = 0;
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (!seen.has(el) && focusableInOrder(el) && E.visible(el)) n++;
    }
    return n;
  };

  T.finish = () => {
    T.batchOff();
    if (T.style) T.style.remove();
    const a = deepActive().el;
    if (a && a.blur) a.blur();
    window.scrollTo(0, 0);
    return true;
  };

  // Where focus is now, as a Tab stop record.
  const nextFrame = () => new Promise((resolve) => {
    requestAnimationFrame(() => resolve(true));
    setTimeout(() => resolve(false), 60);
  });

  T.stop = async () => {
    await nextFrame();
    return snapshot();
  };

  // How many of the focusable elements after the current one, in document order, look like stops whose focus
  // is already settled: an element's shape (tag, type, parent, neighbours) maps to the style keys that stops of
  // that shape have had. Only the size of the next batch depends on it (each stop is still recorded and
  // checked as it comes): a batch sized to the run of look-alike stops ahead wastes few Tabs after a stop held
  // for a closer look, and needs few reads in a long run.
  function shape(el) {
    const p = el.parentElement;
    return [el.localName, el.type || "", el.className, el.getAttribute("role") || "", p ? p.localName + "." + p.className : "",
            !!el.previousElementSibling, !!el.nextElementSibling].join("|");
  }
  T.ahead = () => {
    const at = T.orderAt ? T.orderAt.get(T.current) : undefined;
    if (at === undefined) return 0;
    let count = 0;
    for (let i = at + 1; i < T.order.length && count < 64; i++) {
      const el = T.order[i];
      if (!el.isConnected || el.disabled || !E.visible(el)) continue;
      const keys = T.shapeKeys.get(shape(el));
      if (!keys) break;
      let settled = true;
      for (const k of keys) if (!T.batch.settled.has(k)) { settled = false; break; }
      if (!settled) break;
      count++;
    }
    return count;
  };

  function snapshot() {
    const { el, frame } = deepActive();
    if (!el || el === document.body || el === document.documentElement) return { kind: "body" };
    const prev = T.lastStop;
    const known = T.ids.has(el);
    const id = idOf(el);
    T.before = prev; T.lastStop = el; T.current = el;
    const inner = el.getBoundingClientRect();
    const outer = frame && frame !== el ? frame.getBoundingClientRect() : { left: 0, top: 0 };
    const r = { left: outer.left + inner.left, top: outer.top + inner.top, width: inner.width, height: inner.height,
                right: outer.left + inner.right, bottom: outer.top + inner.bottom };
    const [name, source] = accName(el);
    const vis = E.visible(el) && (!frame || E.visible(frame));
    const inView = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    const ti = el.getAttribute("tabindex");
    const near = frame ? null : nearRegion(el, r, vis && inView);
    const sameDoc = prev && prev !== el && prev.isConnected && prev.ownerDocument === el.ownerDocument;
    const key = vis && inView ? styleKey(el, frame) : null;
    if (key) {
      const sh = shape(el);
      if (!T.shapeKeys.has(sh)) T.shapeKeys.set(sh, new Set());
      T.shapeKeys.get(sh).add(key);
    }
    return {
      kind: frame ? "frame" : "element", id, repeat: known, inner: innerStops(el),
      selector: E.selector(frame || el), in_frame: !!frame, tag: el.localName, role: role(el), name, name_source: source,
      box: { x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY), width: Math.round(r.width), height: Math.round(r.height) },
      view: { x: r.left, y: r.top, width: r.width, height: r.height }, near,
      visible: vis, in_viewport: inView, tabindex: ti === null ? null : ti,
      href: el.localName === "a" ? (el.getAttribute("href") || "") : "",
      dom_backwards: !!(sameDoc && (prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)),
      in_main: inMain(frame || el), obscured: vis && inView && !frame ? obscured(el, r) : null, snippet: E.snippet(el),
      scroll: [window.scrollX, window.scrollY], style_key: key,
      ring_free: vis && inView && !frame ? ringFree(el, r) : false,
      whole: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
    };
  }

  // Batched stops (see _Walk._batch): while the walk runs through stops whose focus needs no measure (their
  // style key is settled), Python presses Tab several times and reads the stops once. Each Tab's stop is
  // recorded as the key comes up; a stop that needs more than a record (a measure, a repeat, the end of the
  // page, a frame, a player's inner controls) holds focus there: the Tabs pressed after it are kept from
  // moving focus, and Python takes it from there one stop at a time.
  T.batch = { on: false, hold: false, buffer: [], settled: new Set(), measure: true, blocked: 0 };
  const plain = (rec) => rec.kind === "element" && !rec.repeat && !rec.inner;
  const wantsLook = (rec) => !rec.in_frame && (rec.near || (rec.visible && rec.in_viewport)) && T.batch.measure &&
    !(rec.whole && rec.style_key && !(rec.obscured && rec.obscured.covered) && T.batch.settled.has(rec.style_key));
  // (Listening only while batches run: the page's own key listeners are looked up after the walk, and a
  // listener of ours on the window would count as the page listening for keys.)
  const onKeyDown = (e) => {
    if (e.key !== "Tab" || !T.batch.on || !T.batch.hold) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    T.batch.blocked++;
  };
  const onKeyUp = (e) => {
    if (e.key !== "Tab" || !T.batch.on) return;
    if (T.batch.hold) {
      const a = deepActive().el;
      if (a === T.current) return;          // held: nothing moved
      T.batch.broken = true;                // the page moved focus itself: Python stops batching
    }
    const rec = snapshot();
    T.batch.buffer.push(rec);
    if (!plain(rec) || wantsLook(rec)) T.batch.hold = true;
  };
  const listen = (on) => {
    if (on === !!T.batch.listening) return;
    T.batch.listening = on;
    (on ? addEventListener : removeEventListener)("keydown", onKeyDown, true);
    (on ? addEventListener : removeEventListener)("keyup", onKeyUp, true);
  };
  T.batchStart = (keys, measure) => {
    for (const k of keys) T.batch.settled.add(k);
    const frames = !!document.querySelector("iframe, frame, object, embed");   // keys would go into frames
    Object.assign(T.batch, { on: !frames, hold: false, buffer: [], measure, blocked: 0, broken: false });
    listen(!frames);
    return !frames;
  };
  // Reads the batch's stops and arms the next batch at once (keys: style keys newly settled; rearm false:
  // the walk goes on one Tab at a time or ends). Key events sent with a script are not ordered with it, so
  // a batch is armed by the read before it, never by a call sent alongside its keys.
  T.batchEnd = async (rearm, keys, measure) => {
    const out = { stops: T.batch.buffer, blocked: T.batch.blocked, held: T.batch.hold, broken: !!T.batch.broken };
    Object.assign(T.batch, { on: false, hold: false, buffer: [] });
    const last = out.stops[out.stops.length - 1];
    if (out.held && !out.broken && last && last.kind !== "body") {
      // The stop held for a closer look is read again as a single Tab's stop is, a frame later (after the
      // page's own focus handlers), as if the key-up record had not been taken.
      if (!last.repeat && T.seen.length - 1 === last.id) { T.ids.delete(T.seen.pop()); }
      T.lastStop = T.before;
      await nextFrame();
      out.stops[out.stops.length - 1] = snapshot();
    } else if (out.held && last && last.kind === "body") {
      await nextFrame();
      out.stops[out.stops.length - 1] = snapshot();
    }
    if (rearm && !out.broken) {
      T.batchStart(keys, measure);
      out.ahead = T.ahead();
    }
    return out;
  };
  T.batchOff = () => { T.batch.on = false; T.batch.hold = false; T.batch.buffer = []; listen(false); return true; };

  // Where a person looks for the sign of focus besides the element's own box (viewport px), or null: its
  // labels (a focus ring drawn on a label or a label's pseudo-element), and for an element that cannot itself be
  // seen (transparent, clipped, off screen: a native input laid over a styled box) also its own place and its
  // neighbouring elements, whose style may follow its focus (input:focus + label::before).
  function nearRegion(el, r, shown) {
    const parts = [];
    const onScreen = (b) => b.width >= 1 && b.height >= 1 && b.right > 0 && b.bottom > 0 && b.left < innerWidth && b.top < innerHeight;
    const add = (n) => {
      if (!n || n.nodeType !== 1 || !E.visible(n)) return;
      const b = n.getBoundingClientRect();
      if (onScreen(b)) parts.push(b);
    };
    if (el.labels) for (const l of el.labels) add(l);
    if (!shown) {
      if (onScreen(r)) parts.push(r);
      add(el.previousElementSibling);
      add(el.nextElementSibling);
    }
    if (!parts.length) return null;
    if (shown) parts.push(r);
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    for (const b of parts) {
      left = Math.min(left, b.left); top = Math.min(top, b.top);
      right = Math.max(right, b.right); bottom = Math.max(bottom, b.bottom);
    }
    left = Math.max(left, 0); top = Math.max(top, 0);
    right = Math.min(right, innerWidth); bottom = Math.min(bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) return null;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  // Each stop's element as a path of element-child indexes from <html> (-1: into its open shadow root), with
  // what the DOM agent's copy must show for it (to map it to its accessibility node in one batch); null for
  // an element in a frame or gone from the document.
  T.paths = (ids) => ids.map((id) => {
    const el = T.seen[id];
    if (!el || !el.isConnected || el.ownerDocument !== document) return null;
    const path = [];
    for (let n = el; n !== document.documentElement;) {
      const parent = n.parentElement || (n.parentNode && n.parentNode.host) || null;
      if (!parent) return null;
      if (n.parentElement) path.unshift(Array.prototype.indexOf.call(parent.children, n));
      else {
        if (parent.shadowRoot !== n.parentNode) return null;     // a closed shadow root
        path.unshift(-1, Array.prototype.indexOf.call(n.parentNode.children, n));
      }
      n = parent;
    }
    return { path, tag: el.localName, id: el.getAttribute("id") };
  });

  // Elements whose browser-drawn controls take several Tab stops inside them while the element itself stays
  // document.activeElement: a media player's play, seek, volume and menu buttons; a date field's segments.
  function innerStops(el) {
    const tag = el.localName;
    if ((tag === "video" || tag === "audio") && el.controls) return true;
    return tag === "input" && /^(date|time|datetime-local|month|week)$/.test((el.type || "").toLowerCase());
  }

  T.blurCurrent = () => { const el = T.current; if (el && el.blur) el.blur(); return document.activeElement !== el; };
  T.refocus = () => { const el = T.current; if (el && el.focus) el.focus({ preventScroll: true }); return deepActive().el === el; };
  T.focusId = (id) => { const el = T.seen[id]; if (el && el.focus) el.focus(); T.current = el; return deepActive().el === el; };
  T.activeId = () => {
    const el = deepActive().el;
    if (!el || el === document.body || el === document.documentElement) return -1;
    return idOf(el);
  };
  T.currentObject = () => T.current;

  function focusableInOrder(el) {
    return el.tabIndex >= 0 && !el.disabled && !el.closest("[inert]");
  }

  function reachable(el, seen) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (seen.has(n) || (n !== el && focusableInOrder(n) && n !== document.body)) return true;
      if (n.localName === "label") return true;
    }
    // A listener around native controls serves them (event delegation), also when they are disabled: then
    // they are switched off for everyone, mouse users too, and the container is no control of its own.
    for (const d of el.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")) {
      if (seen.has(d) || focusableInOrder(d) || d.disabled) return true;
    }
    return false;
  }

  // Things that react to a click but that Tab never reaches.
  T.clickables = () => {
    const seen = new Set(T.seen);
    const reasons = new Map();
    const add = (el, why) => {
      if (!el || el.nodeType !== 1 || el === document.body || el === document.documentElement) return;
      if (!reasons.has(el)) reasons.set(el, []);
      const list = reasons.get(el);
      if (!list.includes(why)) list.push(why);
    };
    for (const el of document.querySelectorAll("[onclick], [onmousedown], [onmouseup]")) add(el, "onclick");
    for (const el of T.clicks) add(el, "listener");
    for (const el of document.querySelectorAll("[role]")) if (WIDGET_ROLES.test(role(el))) add(el, "role");
    for (const el of document.querySelectorAll("body *")) {
      if (getComputedStyle(el).cursor !== "pointer") continue;
      const parent = el.parentElement;
      if (parent && getComputedStyle(parent).cursor === "pointer") continue;
      add(el, "cursor");
    }
    const out = [];
    for (const [el, why] of reasons) {
      if (out.length >= 200) break;
      if (seen.has(el) || focusableInOrder(el)) continue;
      if (!E.visible(el) || el.disabled || el.getAttribute("aria-disabled") === "true") continue;
      if (el.closest("[aria-hidden=true], [inert]")) continue;
      if (reachable(el, seen)) continue;
      const r = role(el), ti = el.getAttribute("tabindex");
      if (ti !== null && Number(ti) < 0 && COMPOSITE_ITEMS.test(r)) continue;  // roving tabindex: arrow keys reach it
      const [name, source] = accName(el);
      const scriptFocused = !!(T.scriptFocused && (el === T.scriptFocused || el.contains(T.scriptFocused)));
      out.push({ selector: E.selector(el), tag: el.localName, role: r, name, name_source: source,
                 reasons: why, script_focused: scriptFocused, tabindex: ti, focusable: el.tabIndex >= 0, box: E.box(el), snippet: E.snippet(el) });
    }
    return out;
  };

  T.positiveTabindex = () => {
    const ids = new Map();
    for (let i = 0; i < T.seen.length; i++) ids.set(T.seen[i], i);
    const out = [];
    for (const el of document.querySelectorAll("[tabindex]")) {
      const v = parseInt(el.getAttribute("tabindex"), 10);
      if (!(v > 0)) continue;
      const [name] = accName(el);
      out.push({ selector: E.selector(el), tag: el.localName, role: role(el), name, tabindex: v, visible: E.visible(el),
                 stop_id: ids.has(el) ? ids.get(el) : null, snippet: E.snippet(el) });
      if (out.length >= 200) break;
    }
    return out;
  };

  const WORDY = /[\p{L}\p{N}]{2}/u;

  // In a sentence: a word of non-target text right before or after it on its line.
  function inSentence(el) {
    if (!getComputedStyle(el).display.startsWith("inline")) return false;
    let outer = el;
    while (outer.parentElement && getComputedStyle(outer.parentElement).display === "inline") outer = outer.parentElement;
    for (const step of ["previousSibling", "nextSibling"]) {
      let n = outer[step];
      while (n && n.nodeType === 3 && !n.textContent.trim()) n = n[step];
      if (!n) continue;
      if (n.nodeType === 3 && WORDY.test(n.textContent)) return true;
      if (n.nodeType === 1 && n.localName !== "label" && getComputedStyle(n).display === "inline" && !n.matches(TARGETS) &&
          !n.querySelector(TARGETS) && WORDY.test(E.text(n))) return true;
    }
    return false;
  }

  T.landmarks = () => ({ main: !!document.querySelector("main, [role=main]"),
                          headings: document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]").length });

  T.targets = () => {
    const out = [];
    for (const el of document.querySelectorAll(TARGETS)) {
      if (out.length >= 500) break;
      if (el.disabled || !E.visible(el) || el.closest("[aria-hidden=true], [inert]")) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || r.right + scrollX <= 0 || r.bottom + scrollY <= 0) continue;
      const [name] = accName(el);
      const s = getComputedStyle(el);
      const ua = el.localName === "input" && /^(checkbox|radio)$/.test(el.type) && s.appearance !== "none";
      out.push({ selector: E.selector(el), tag: el.localName, role: role(el), name, box: E.box(el),
                 inline: inSentence(el), ua_control: ua, snippet: E.snippet(el, 200) });
    }
    return out;
  };

  function fragmentTarget(a) {
    const href = a.getAttribute("href") || "";
    let hash = "";
    if (href.startsWith("#")) hash = href.slice(1);
    else {
      try {
        const u = new URL(a.href, location.href);
        const here = u.origin === location.origin && u.pathname === location.pathname && u.search === location.search;
        if (u.hash && here) hash = u.hash.slice(1);
      } catch (e) { hash = ""; }
    }
    if (!hash || hash === "top") return null;
    let id = hash;
    try { id = decodeURIComponent(hash); } catch (e) { id = hash; }
    return { hash, el: document.getElementById(id) || document.getElementsByName(id)[0] || null };
  }

  // Is stop `id` an in-page link, and where does it point?
  T.inPageLink = (id) => {
    const a = T.seen[id];
    if (!a || a.localName !== "a") return null;
    const t = fragmentTarget(a);
    if (!t) return null;
    const main = document.querySelector("main, [role=main]");
    const target = t.el;
    return {
      href: a.getAttribute("href"), target_exists: !!target, target_selector: target ? E.selector(target) : "",
      target_visible: target ? E.visible(target) : false,
      target_is_main: !!(target && main && (target === main || main.contains(target) || target.contains(main) ||
        !!(target.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING) &&
        target.parentElement === main.parentElement)),
    };
  };

  // How each of the given stops can be worked: who listens for clicks and keys (itself, an ancestor, the
  // page), and for links, what the href does.
  const NATIVE = "a[href], area[href], button, input, select, textarea, summary, iframe, audio[controls], " +
                 "video[controls], [contenteditable]:not([contenteditable=false]), embed, object";
  const heard = (el, list, attrs) => {
    if (list.includes(el) || attrs.some((a) => el.hasAttribute(a))) return "self";
    for (let n = el.parentElement; n; n = n.parentElement) {
      if (list.includes(n) || attrs.some((a) => n.hasAttribute(a))) return "ancestor";
    }
    return "";
  };
  T.activation = (ids) => {
    const out = [];
    ids.forEach((id, index) => {
      const el = T.seen[id];
      if (!el || el.nodeType !== 1 || !el.isConnected) return;
      const tag = el.localName;
      const href = tag === "a" ? (el.getAttribute("href") || "").trim() : null;
      const native = el.matches(NATIVE);
      const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0].toLowerCase();
      const special = href !== null && (href === "" || href.startsWith("#") || /^javascript:/i.test(href));
      if (native && !explicit && !special) return;
      let click = heard(el, T.clicks, ["onclick", "onmousedown", "onmouseup"]);
      if (!click && (T.page.clicks || document.body.hasAttribute("onclick"))) click = "page";
      let key = heard(el, T.keys, ["onkeydown", "onkeyup", "onkeypress"]);
      if (!key && T.page.keys) key = "page";
      const s = getComputedStyle(el);
      const scrollable = (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
                         (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1);
      let fragment = null;
      if (href !== null && href.startsWith("#") && href.length > 1) {
        let frag = href.slice(1);
        try { frag = decodeURIComponent(frag); } catch (e) { /* keep it raw */ }
        fragment = { id: frag, exists: !!(document.getElementById(frag) || document.getElementsByName(frag)[0]) };
      }
      const [name] = accName(el);
      out.push({ index, selector: E.selector(el), tag, role: role(el), explicit_role: explicit, native, name,
                 href, fragment, click, key, scrollable, tabindex: el.getAttribute("tabindex"),
                 has_control: !!el.querySelector(NATIVE),
                 snippet: E.snippet(el, 200) });
    });
    return out;
  };

  T.skipState = (id) => {
    const a = T.seen[id];
    const t = a ? fragmentTarget(a) : null;
    const target = t && t.el;
    const active = deepActive().el;
    let after = false, inView = false;
    if (target) {
      const r = target.getBoundingClientRect();
      inView = r.bottom > 0 && r.top < innerHeight;
    }
    if (target && active && active !== document.body) {
      after = target === active || target.contains(active) ||
              !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
    }
    return { scroll_y: window.scrollY, hash: location.hash, active: active && active !== document.body ? E.selector(active) : "",
             after_target: after, target_in_view: inView };
  };
})()
"""


# Hands one listening node to the page script: elements to a list, the document to a page-wide flag.
_PUSH_NODE = ("function (kind) { const T = window.__elabTab; if (this.nodeType === 1) { if (!T[kind].includes(this)) "
              "T[kind].push(this); } else if (this.nodeType === 9) T.page[kind] = true; }")
CLICK_EVENTS = ("click", "mousedown", "mouseup", "pointerdown", "pointerup")
KEY_EVENTS = ("keydown", "keyup", "keypress")


OBJECT_GROUP = "elab-tabwalk"


class _World:
    """An isolated JS world on the page's main frame: same DOM, pristine built-ins."""

    def __init__(self, cdp: Any):
        self.cdp = cdp
        frame_id = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = cdp.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": "elab-tabwalk"})
        self.context = world["executionContextId"]
        self.value(common_js() + "\n;" + _PAGE_JS)   # one round trip for both

    def value(self, expression: str) -> Any:
        result = self.cdp.send("Runtime.evaluate", {"expression": expression, "contextId": self.context,
                                                    "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text", "error")
            raise RuntimeError(f"tabwalk page script: {text.splitlines()[0]}")
        return result["result"].get("value")

    def object_id(self, expression: str) -> str | None:
        """A remote object in OBJECT_GROUP (released all at once by ``release``)."""
        result = self.cdp.send("Runtime.evaluate", {"expression": expression, "contextId": self.context,
                                                    "objectGroup": OBJECT_GROUP})
        return result.get("result", {}).get("objectId")

    def release(self) -> None:
        self.cdp.send("Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP})


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


def _shot(cdp: Any, clip: dict[str, float]) -> bytes:
    """A PNG of ``clip`` (document px). optimizeForSpeed only lowers PNG compression: the pixels are the same,
    and the encoding and our decoding are both quicker."""
    options: dict[str, Any] = {"format": "png", "clip": {**clip, "scale": 1}, "optimizeForSpeed": True}
    return base64.b64decode(cdp.send("Page.captureScreenshot", options)["data"])


def _pygame():
    """pygame, for its C PNG decoder and surface arithmetic only: it reads no events and opens no window."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import pygame.image
    import pygame.mask

    return pygame


def rgb(png: bytes):
    """A 24-bit surface of a PNG (screenshots are opaque)."""
    pygame = _pygame()
    image = pygame.image.load(io.BytesIO(png))
    surface = pygame.Surface(image.get_size(), 0, 24)
    surface.blit(image, (0, 0))
    return surface


def pixel_change(before: Any, after: Any) -> tuple[int, int, int]:
    """(changed, strongly changed, total) pixels between two 24-bit surfaces (see ``rgb``)."""
    pygame = _pygame()
    w, h = after.get_size()
    total = w * h
    if before.get_size() != after.get_size():
        return total, total, total
    up = before.copy()
    up.blit(after, (0, 0), special_flags=pygame.BLEND_RGB_SUB)    # max(a - b, 0)
    down = after.copy()
    down.blit(before, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(b - a, 0)
    up.blit(down, (0, 0), special_flags=pygame.BLEND_RGB_ADD)      # |a - b| per channel

    def above(delta: int) -> int:
        same = pygame.mask.from_threshold(up, (0, 0, 0, 255), (delta + 1, delta + 1, delta + 1, 255))
        return total - same.count()

    return above(CHANGE_DELTA), above(STRONG_DELTA), total


def measurable(stop: dict) -> bool:
    """Can a picture show whether this stop's focus is seen: the element on screen, or (``near``) the labels
    and neighbours where its focus may be drawn."""
    return not stop.get("in_frame") and (bool(stop.get("near")) or bool(stop.get("visible") and stop.get("in_viewport")))


def _perimeter(stop: dict) -> int:
    """The perimeter a focus indicator is measured against: the element's own, or where the element is too
    small to draw one (a clipped or 1 px control), the region where its focus is drawn."""
    view = stop["view"]
    if (view["width"] < 8 or view["height"] < 8) and stop.get("near"):
        view = stop["near"]
    return round(2 * (view["width"] + view["height"]))


def _next_batch(size: int, result: dict, measuring: bool) -> int:
    """How many Tabs the next batch presses: the run of look-alike stops the page script sees ahead (T.ahead)
    and one more (the stop after the run, which may need a closer look), at least double the last batch when
    that one went through without a stop held (the look-ahead can only be too cautious), at most BATCH_MAX;
    all BATCH_MAX once no more focus is measured (nothing is held for a look)."""
    if not measuring:
        return BATCH_MAX
    ahead = int(result.get("ahead") or 0) + 1
    if not result.get("held"):
        ahead = max(ahead, size * 2)
    return max(1, min(ahead, BATCH_MAX))


def _settled(group: dict) -> bool:
    """Whether the stops of a style key can take a measured stop's result instead of a measure of their own:
    ``STYLE_SAMPLES`` measures agree, or one measure shows a clear change (strong changes round at least
    ``EVIDENCE_BELOW`` of the perimeter) on a stop whose ring is free (nothing clips it or lies under it: see
    ringFree in the page script), the two things a second measure of the same computed styles could still
    find different. A faint or absent change is always confirmed on a second stop before it is shared: a
    failure stands on two measures."""
    if len(group["kinds"]) != 1:
        return False
    return len(group["samples"]) >= STYLE_SAMPLES or (group["kinds"] == {"clear"} and group.get("free", False))


def _shared(record: dict, sample: tuple[int, dict]) -> dict:
    """A stop's focus record from the measure of a stop with the same style key (``shared_with``: its index),
    scaled by the two elements' perimeters: the same indicator drawn round a longer or shorter box."""
    index, measured = sample
    scale = record["perimeter_px"] / max(measured["perimeter_px"], 1)

    def scaled(value: int, by: float) -> int:
        return max(1, round(value * by)) if value else 0

    area = int(record["clip"]["width"] * record["clip"]["height"])
    record.update(changed_px=scaled(measured["changed_px"], scale), strong_px=scaled(measured["strong_px"], scale),
                  area_px=area, shared_with=index)
    return record


def _clip_for(stop: dict, viewport: tuple[int, int]) -> dict[str, float] | None:
    """The crop (document coordinates) around a stop and where its focus may be drawn (``near``: its labels;
    for an element that cannot itself be seen, its place and neighbours), limited to the viewport."""
    view = stop.get("near") or stop["view"]
    sx, sy = stop["scroll"]
    left = max(view["x"] - CROP_MARGIN, 0)
    top = max(view["y"] - CROP_MARGIN, 0)
    right = min(view["x"] + view["width"] + CROP_MARGIN, viewport[0], left + MAX_CROP)
    bottom = min(view["y"] + view["height"] + CROP_MARGIN, viewport[1], top + MAX_CROP)
    if right - left < 1 or bottom - top < 1:
        return None
    return {"x": float(int(left + sx)), "y": float(int(top + sy)),
            "width": float(int(right - left + 0.999)), "height": float(int(bottom - top + 0.999))}


class _Walk:
    def __init__(self, session: GatherSession):
        self.session = session
        self.page = session.page
        self.cdp = session.cdp()
        self.world = _World(self.cdp)
        size = self.page.viewport_size or {"width": 1280, "height": 800}
        self.viewport = (int(size["width"]), int(size["height"]))
        self.deadline = time.monotonic() + TIME_BUDGET_S
        self.cost: dict[str, float] = {"walk": 0.0, "tab_keys": 0.0, "stop_reads": 0.0,
                                       "focus_pixels": 0.0, "ax": 0.0, "clickables": 0.0,
                                       "skip_link": 0.0, "targets": 0.0}
        self.stops: list[dict] = []
        self.ids: list[int] = []
        self.baselines: dict[tuple[int, int], Any] = {}
        self.last_scroll: tuple[int, int] | None = None
        self.start_held = False   # the page put focus back on an element of its own as the walk began
        # A stop whose unfocused picture is taken after the next Tab (see _focus_pixels), and the next stop's
        # focused crop when it came from the same capture: {"id", "clip", "surface"}.
        self.pending: dict | None = None
        self.prepared: dict | None = None
        # Stops that look alike (same style key: see styleKey in the page script) share a focus measure once
        # STYLE_SAMPLES of them were measured and agreed: key -> {"samples": [(index, record)], "kinds": set}.
        self.styles: dict[str, dict] = {}
        self.sent_keys: set[str] = set()
        self.batching = True
        self.armed = False
        self.batch_size = BATCH_MIN
        self.sampling = {"measured": 0, "shared": 0, "unmeasured": 0, "batches": 0}

    # -- the walk ----------------------------------------------------------------------------------
    def walk(self) -> tuple[str, dict | None]:
        end: tuple[str, dict | None] = ("timeout", None)
        try:
            end = self._walk()
            if end[0] != "navigated":
                self.stop_batching()
        finally:
            self._settle(None, navigated=end[0] == "navigated")
        return end

    def _walk(self) -> tuple[str, dict | None]:
        # The walk starts from the top of the page. A page that pulls focus straight back to an element of its
        # own (a focusin or keydown handler) is walked from there: where Tab goes next shows whether the
        # keyboard user is held in place (a trap), not a failure of the walk.
        self.start_held = not self.world.value("window.__elabTab.start()")
        self.url = self.page.url.split("#")[0]
        limit = max(int(self.session.params.max_tab_stops), 1)
        self.frame_repeats = self.leading_body = self.inner_repeats = 0
        presses = 0
        while len(self.stops) < limit and presses < 2 * limit + 2:  # presses inside a cross-origin frame add up
            if time.monotonic() > self.deadline:
                return "timeout", None
            if self._can_batch():
                count = min(self.batch_size, limit - len(self.stops), 2 * limit + 2 - presses)
                stops = self._batch(count)
                if stops is None:
                    return "navigated", None
                presses += len(stops)   # (the Tabs held back after a stop that needed a closer look do not count)
            else:
                presses += 1
                t0 = time.perf_counter()
                self.page.keyboard.press("Tab")
                if self.page.url.split("#")[0] != self.url:
                    return "navigated", None
                t1 = time.perf_counter()
                stops = [self.world.value("window.__elabTab.stop()")]
                t2 = time.perf_counter()
                self.cost["walk"] += t2 - t0
                self.cost["tab_keys"] += t1 - t0
                self.cost["stop_reads"] += t2 - t1
            if len(stops) > 1:
                self._settle(stops[-1])     # a pending stop is compared with the screen as it is now
            for n, stop in enumerate(stops):
                if n < len(stops) - 1:
                    stop["passed"] = True    # focus has moved on since: nothing on screen to measure
                end = self._take(stop)
                if end is not None:
                    return end
                if len(self.stops) >= limit:
                    break
        return "capped", None

    def _take(self, stop: dict) -> tuple[str, dict | None] | None:
        """One Tab's stop: recorded, skipped (a frame's or a player's inner stops), or the end of the walk."""
        self._settle(stop)
        if stop["kind"] == "body":
            if self.stops:
                return "wrapped", None
            self.leading_body += 1
            if self.leading_body >= 2:
                return "empty", None
            return None
        if stop["kind"] == "frame" and self.ids and self.ids[-1] == stop["id"]:
            self.frame_repeats += 1
            if self.frame_repeats >= FRAME_REPEATS:
                return "frame", None
            return None
        self.frame_repeats = 0
        if stop.get("inner") and self.ids and self.ids[-1] == stop["id"]:
            # Tab moved among the element's own controls (play, seek, volume...; a date's day, month, year):
            # one stop in the walk. More presses than a browser's controls have is focus held there.
            self.inner_repeats += 1
            if self.inner_repeats <= INNER_STOPS:
                return None
        else:
            self.inner_repeats = 0
        if stop["repeat"] and stop["id"] in self.ids:  # back to an earlier stop without passing the body
            first = self.ids.index(stop["id"])
            if first == 0 and not self.world.value("window.__elabTab.unvisited()"):
                return "wrapped", None
            self.stop_batching()
            return "trap", self._trap(first)
        self._record(stop)
        return None

    def _can_batch(self) -> bool:
        """Tabs go in batches unless the page showed that batches cannot be trusted there (see ``_batch``)."""
        return self.batching

    def _batch(self, count: int) -> list[dict] | None:
        """Press Tab ``count`` times and read the stops once (see T.batchStart in the page script); None when the
        page navigated. Grows the batch while runs go on; stops batching on a page where it cannot be
        trusted (frames, key events stopped before they reach the walk, focus moved by the page itself)."""
        t1 = time.perf_counter()
        if not self.armed:
            self.armed = bool(self.world.value(f"window.__elabTab.batchStart([], {json.dumps(self._measuring())})"))
            if not self.armed:
                self.batching = False       # frames on the page: one stop at a time from here
                return self._one_stop()
        self.session.browser.send_many(self.cdp, [("Input.dispatchKeyEvent", TAB_DOWN),
                                                  ("Input.dispatchKeyEvent", TAB_UP)] * count)
        navigated = self.page.url.split("#")[0] != self.url
        t2 = time.perf_counter()
        keys = [k for k, g in self.styles.items() if _settled(g) and k not in self.sent_keys]
        self.sent_keys.update(keys)
        result = None if navigated else self.world.value(
            f"window.__elabTab.batchEnd(true, {json.dumps(keys)}, {json.dumps(self._measuring())})")
        t3 = time.perf_counter()
        self.cost["walk"] += t3 - t1
        self.cost["tab_keys"] += t2 - t1
        self.cost["stop_reads"] += t3 - t2
        self.sampling["batches"] += 1
        if result is None:
            return None
        stops = result["stops"]
        if result["broken"] or (not result["held"] and len(stops) < count):
            self.stop_batching()
        self.batch_size = _next_batch(self.batch_size, result, self._measuring())
        if not stops:   # no key reached the walk's listener: read where focus is, one stop at a time from here
            self.stop_batching()
            return self._one_stop()
        return stops

    def _measuring(self) -> bool:
        return self.sampling["measured"] < MAX_FOCUS_CAPTURES

    def _one_stop(self) -> list[dict]:
        return [self.world.value("window.__elabTab.stop()")]

    def stop_batching(self) -> None:
        """One Tab at a time from here (and before anything else presses keys: the trap check, the skip link)."""
        self.batching = False
        if self.armed:
            self.armed = False
            self.world.value("window.__elabTab.batchOff()")

    def _record(self, stop: dict) -> None:
        stop["index"] = len(self.stops)
        stop["focus"] = self._focus_pixels(stop)
        self.ids.append(stop.pop("id"))
        stop.pop("repeat", None)
        stop.pop("kind", None)
        self.stops.append(stop)

    def names(self) -> None:
        """Role, name and name source of every stop from Chromium's accessibility tree, in one batch.

        Each stop's element is found in the DOM agent's copy of the document by its path of child indexes (the
        copy the axtree gatherer read, when it ran and the element is there, else a fresh one), and its node in
        the accessibility tree by its backend node id. A stop that cannot be mapped (in a frame, gone, or
        added since) asks for its own node, as every stop once did (a round trip of ~10 ms each)."""
        t0 = time.perf_counter()
        try:
            paths = self.world.value(f"window.__elabTab.paths({json.dumps(self.ids)})") or []
        except Exception:
            paths = [None] * len(self.ids)
        found: dict[int, dict] = {}
        wanted = {i: p for i, p in enumerate(paths) if p}
        for fresh in (False, True):
            todo = {i: p for i, p in wanted.items() if i not in found}
            if not todo:
                break
            try:
                document = (None if fresh else self.session.recall("dom_document")) \
                    or self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": False}).get("root", {})
                nodes = (None if fresh else self.session.recall("ax_nodes")) \
                    or self.cdp.send("Accessibility.getFullAXTree").get("nodes", [])
            except Exception:
                break
            by_backend = {n.get("backendDOMNodeId"): n for n in nodes if n.get("backendDOMNodeId")}
            for i, info in todo.items():
                backend = _backend_id(document, info)
                if backend in by_backend:
                    found[i] = by_backend[backend]
        for i, stop in enumerate(self.stops):
            ax = _ax_values(found[i]) if i in found else self._ax_one(self.ids[i])
            if ax and (ax[0] or ax[1]):
                stop["role"], stop["name"] = ax[0] or stop["role"], ax[1]
                stop["name_source"] = ax[2] if ax[1] else ""
        self.cost["ax"] += time.perf_counter() - t0

    def _ax_one(self, stop_id: int) -> tuple[str, str, str] | None:
        object_id = self.world.object_id(f"window.__elabTab.seen[{int(stop_id)}]")
        if not object_id:
            return None
        try:
            nodes = self.cdp.send("Accessibility.getPartialAXTree", {"objectId": object_id,
                                                                     "fetchRelatives": False})["nodes"]
        except Exception:
            return None
        return _ax_values(nodes[0]) if nodes else None

    def sampling_note(self, end: str) -> dict:
        """What the walk looked at and what it sampled, for the report to say."""
        note: dict[str, Any] = {"stops": len(self.stops), "capped_at": None, "focusable": len(self.stops),
                                "focus_measured": self.sampling["measured"], "focus_shared": self.sampling["shared"],
                                "focus_unmeasured": self.sampling["unmeasured"], "batches": self.sampling["batches"]}
        if end in ("capped", "timeout"):
            note["capped_at"] = len(self.stops) if end == "capped" else None
            try:
                note["focusable"] = len(self.stops) + int(self.world.value("window.__elabTab.unvisited()") or 0)
            except Exception:
                pass
        return note

    def _focus_pixels(self, stop: dict) -> dict | None:
        """Compare the stop's crop with focus against the same crop without it.

        The unfocused picture comes from a whole-viewport baseline per scroll position (taken once, when a
        second stop shows at that position or at the top), or else from a crop taken after blurring. A
        baseline is only trusted when it shows a small change: a big one is checked with a fresh crop, in
        case something else on the page changed since the baseline was taken.
        """
        ring_free = bool(stop.pop("ring_free", False))
        if not measurable(stop):
            return None
        clip = _clip_for(stop, self.viewport)
        key = stop.pop("style_key", None)
        whole_in_view = stop.pop("whole", True)
        passed = stop.pop("passed", False)
        if clip is None:
            return None
        record: dict = {"changed_px": 0, "strong_px": 0, "area_px": 0,
                        "perimeter_px": _perimeter(stop), "clip": clip, "evidence": None}
        view, cover = stop["view"], stop.get("obscured") or {}
        whole = whole_in_view and view["x"] >= 0 and view["y"] >= 0 and view["x"] + view["width"] <= self.viewport[0] \
            and view["y"] + view["height"] <= self.viewport[1] and not cover.get("covered")
        group = self.styles.get(key) if key and whole else None
        if group and _settled(group):
            self.sampling["shared"] += 1
            return _shared(record, group["samples"][0])
        if self.sampling["measured"] >= MAX_FOCUS_CAPTURES or passed:
            self.sampling["unmeasured"] += 1
            return None
        self.sampling["measured"] += 1
        sample = (key, stop["index"], ring_free) if key and whole else None
        t0 = time.perf_counter()
        try:
            prepared, self.prepared = self.prepared, None
            if prepared and prepared["id"] == stop["id"] and prepared["clip"] == clip:
                focused_png, focused = None, prepared["surface"]   # cut from the capture that settled the last stop
            else:
                focused_png = _shot(self.cdp, clip)
                focused = rgb(focused_png)
            scroll = (int(stop["scroll"][0]), int(stop["scroll"][1]))
            if scroll not in self.baselines and (scroll == (0, 0) or scroll == self.last_scroll):
                self.baselines[scroll] = self._unfocused({"x": float(scroll[0]), "y": float(scroll[1]),
                                                          "width": float(self.viewport[0]),
                                                          "height": float(self.viewport[1])})
            self.last_scroll = scroll
            baseline = self.baselines.get(scroll)
            result = None
            if baseline is not None:
                rect = (int(clip["x"]) - scroll[0], int(clip["y"]) - scroll[1], int(clip["width"]), int(clip["height"]))
                if rect[0] >= 0 and rect[1] >= 0 and rect[0] + rect[2] <= baseline.get_width() \
                        and rect[1] + rect[3] <= baseline.get_height():
                    result = pixel_change(baseline.subsurface(rect), focused)
                    if result[0] > BASELINE_TRUST * result[2]:
                        result = None
            if result is None:
                # Settled after the next Tab, when this stop has lost focus by itself: one capture then shows
                # this stop unfocused and the next one focused, instead of a blur, a capture and a refocus now.
                self.pending = {"id": stop["id"], "clip": clip, "scroll": scroll, "focused": focused,
                                "png": focused_png, "record": record, "stop": stop, "sample": sample}
                return record
        finally:
            self.cost["focus_pixels"] += time.perf_counter() - t0
        self._fill(record, result, focused, focused_png, sample)
        return record

    def _fill(self, record: dict, result: tuple[int, int, int], focused: Any, focused_png: bytes | None,
              sample: tuple[str, int, bool] | None = None) -> None:
        changed, strong, total = result
        record.update(changed_px=changed, strong_px=strong, area_px=total)
        if sample is not None:
            group = self.styles.setdefault(sample[0], {"samples": [], "kinds": set(), "free": True})
            group["samples"].append((sample[1], record))
            group["free"] = group["free"] and sample[2]
            group["kinds"].add("none" if changed == 0 else "weak" if strong < record["perimeter_px"] * EVIDENCE_BELOW
                               else "clear")
        if self.session.params.screenshots and strong < record["perimeter_px"] * EVIDENCE_BELOW:
            if focused_png is None:
                out = io.BytesIO()
                _pygame().image.save(focused, out, "crop.png")
                focused_png = out.getvalue()
            record["evidence"] = base64.b64encode(focused_png).decode("ascii")

    def _settle(self, nxt: dict | None, navigated: bool = False) -> None:
        """Finish the pending stop's comparison now that focus has moved on (``nxt``: the new stop record, or
        None when the walk has ended). Where the pending stop is still focused (a trap, the cap), it is blurred
        and refocused as before; where the page scrolled, it is captured at its own scroll position."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        t0 = time.perf_counter()
        result = None
        try:
            if navigated:   # the page is gone: nothing to compare with
                pending["stop"]["focus"] = None
                return
            unfocused = self._pending_unfocused(pending, nxt)
            result = pixel_change(unfocused, pending["focused"])
        except Exception:
            result = None
        finally:
            self.cost["focus_pixels"] += time.perf_counter() - t0
        if result is None:  # the page went away or would not be captured: not measured, like a stop in a frame
            pending["stop"]["focus"] = None
            return
        self._fill(pending["record"], result, pending["focused"], pending["png"], pending["sample"])

    def _pending_unfocused(self, pending: dict, nxt: dict | None):
        clip = pending["clip"]
        active = nxt.get("id") if nxt and nxt.get("kind") != "body" else None
        if nxt is None:
            active = self.world.value("window.__elabTab.activeId()")
        if active == pending["id"]:     # still focused: blur it, as the walk did before
            self.world.value(f"window.__elabTab.focusId({pending['id']})")
            return self._unfocused(clip)
        scroll = tuple(int(v) for v in (nxt["scroll"] if nxt and "scroll" in nxt
                                         else self.world.value("[window.scrollX, window.scrollY]")))
        if scroll == pending["scroll"]:
            nclip = None
            if nxt and nxt.get("kind") == "element" and measurable(nxt) \
                    and not nxt.get("in_frame"):
                nclip = _clip_for(nxt, self.viewport)
            if nclip is not None:
                left, top = min(clip["x"], nclip["x"]), min(clip["y"], nclip["y"])
                right = max(clip["x"] + clip["width"], nclip["x"] + nclip["width"])
                bottom = max(clip["y"] + clip["height"], nclip["y"] + nclip["height"])
                if (right - left) * (bottom - top) <= UNION_MAX_PX:
                    both = rgb(_shot(self.cdp, {"x": left, "y": top, "width": right - left, "height": bottom - top}))

                    def cut(c: dict) -> Any:
                        return both.subsurface((int(c["x"] - left), int(c["y"] - top),
                                                int(c["width"]), int(c["height"]))).copy()

                    self.prepared = {"id": nxt["id"], "clip": nclip, "surface": cut(nclip)}
                    return cut(clip)
            return rgb(_shot(self.cdp, clip))
        view = {"x": float(scroll[0]), "y": float(scroll[1]), "width": float(self.viewport[0]),
                "height": float(self.viewport[1])}
        if clip["x"] >= view["x"] and clip["y"] >= view["y"] and clip["x"] + clip["width"] <= view["x"] + view["width"] \
                and clip["y"] + clip["height"] <= view["y"] + view["height"]:
            return rgb(_shot(self.cdp, clip))   # still in view after the scroll
        # Scrolled out of view: look back at it, then return to where the page had scrolled to.
        self.world.value(f"window.scrollTo({pending['scroll'][0]}, {pending['scroll'][1]})")
        try:
            return rgb(_shot(self.cdp, clip))
        finally:
            self.world.value(f"window.scrollTo({scroll[0]}, {scroll[1]})")

    def _unfocused(self, clip: dict[str, float]):
        """A picture of ``clip`` with the current stop blurred; focus is put back afterwards."""
        self.world.value("window.__elabTab.blurCurrent()")
        try:
            return rgb(_shot(self.cdp, clip))
        finally:
            self.world.value("window.__elabTab.refocus()")

    def _trap(self, first: int) -> dict:
        """Focus came back to an earlier stop without reaching the end: can Shift+Tab or Escape get out?"""
        cycle_ids = self.ids[first:] or [self.ids[-1]]
        members = set(cycle_ids)
        trap: dict[str, Any] = {"stops": list(range(first, len(self.ids))),
                                "selectors": [self.stops[i]["selector"] for i in range(first, len(self.ids))],
                                "shift_tab_escapes": False, "escape_key_escapes": False}
        for _ in range(len(cycle_ids) + 2):
            self.page.keyboard.press("Shift+Tab")
            if self.world.value("window.__elabTab.activeId()") not in members:
                trap["shift_tab_escapes"] = True
                break
        self.world.value(f"window.__elabTab.focusId({cycle_ids[-1]})")
        self.page.keyboard.press("Escape")
        if self.world.value("window.__elabTab.activeId()") not in members:
            trap["escape_key_escapes"] = True
        else:
            self.page.keyboard.press("Tab")
            trap["escape_key_escapes"] = self.world.value("window.__elabTab.activeId()") not in members
        return trap

    # -- the rest of the page -----------------------------------------------------------------------
    def mark_listeners(self) -> None:
        """Hand the nodes with click-like and key listeners (addEventListener ones included) to the page script;
        listeners on the document or the window set page-wide flags."""
        try:
            doc = self.world.object_id("document")
            listeners = self.cdp.send("DOMDebugger.getEventListeners",
                                      {"objectId": doc, "depth": -1, "pierce": True}).get("listeners", [])
            win = self.world.object_id("window")
            on_window = self.cdp.send("DOMDebugger.getEventListeners", {"objectId": win}).get("listeners", [])
        except Exception:  # best effort: onclick attributes, roles and cursors still count
            return
        kinds = {"clicks": CLICK_EVENTS, "keys": KEY_EVENTS}
        for kind, events in kinds.items():
            if any(item.get("type") in events for item in on_window):
                self.world.value(f"window.__elabTab.page.{kind} = true")
        nodes: dict[int, set[str]] = {}
        for listener in listeners:
            node = listener.get("backendNodeId")
            for kind, events in kinds.items():
                if listener.get("type") in events and node:
                    nodes.setdefault(node, set()).add(kind)
        for node, node_kinds in list(nodes.items())[:MAX_LISTENER_NODES]:
            try:
                obj = self.cdp.send("DOM.resolveNode", {"backendNodeId": node,
                                                        "executionContextId": self.world.context})
                object_id = obj["object"]["objectId"]
                for kind in sorted(node_kinds):
                    self.cdp.send("Runtime.callFunctionOn", {"objectId": object_id, "functionDeclaration": _PUSH_NODE,
                                                             "arguments": [{"value": kind}]})
                self.cdp.send("Runtime.releaseObject", {"objectId": object_id})
            except Exception:
                continue

    def skip_link(self) -> dict | None:
        """Is one of the first three stops an in-page link, and does activating it move focus past the rest?"""
        for index in range(min(3, len(self.ids))):
            info = self.world.value(f"window.__elabTab.inPageLink({self.ids[index]})")
            if not info:
                continue
            stop = self.stops[index]
            result = {"stop": index, "selector": stop["selector"], "name": stop["name"], **info,
                      "moved_focus": False, "scrolled": False, "next_stop": ""}
            if info["target_exists"]:
                self.world.value("window.scrollTo(0, 0)")
                before_url = self.page.url
                self.world.value(f"window.__elabTab.focusId({self.ids[index]})")
                self.page.keyboard.press("Enter")
                self.world.value("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
                landed = self.world.value(f"window.__elabTab.skipState({self.ids[index]})")
                self.page.keyboard.press("Tab")
                nxt = self.world.value(f"window.__elabTab.skipState({self.ids[index]})")
                result["scrolled"] = bool(landed["scroll_y"] > 0 or landed["target_in_view"])
                result["moved_focus"] = bool(landed["after_target"] or nxt["after_target"])
                result["next_stop"] = nxt["active"]
                if self.page.url != before_url and self.page.url.split("#")[0] == before_url.split("#")[0]:
                    self.world.value(f"history.replaceState(history.state, '', {json.dumps(before_url)})")
            return result
        return None

    def main_start(self) -> int | None:
        for stop in self.stops:
            if stop.get("in_main"):
                return stop["index"]
        return None


def gather(session: GatherSession) -> dict:
    """Walk the page with Tab. Returns::

        {"viewport": {"width", "height"}, "end": "wrapped|trap|capped|empty|navigated|timeout|frame",
         "start_held": the page took focus back when the walk began at the top (the walk went on from there),
         "stops": [{"index", "selector", "tag", "role", "name", "name_source", "box" (document px),
                    "view" (viewport px), "near" (viewport px: its labels, and for an element that cannot
                    itself be seen its place and neighbours, where its focus may be drawn) | None,
                    "visible", "in_viewport", "tabindex", "href", "in_frame",
                    "dom_backwards", "in_main", "snippet", "scroll",
                    "obscured": {"sampled", "covered", "by", "by_pinned"} | None,
                    "focus": {"changed_px", "strong_px", "area_px", "perimeter_px", "clip", "evidence",
                              "shared_with" (absent when measured: the index of the stop whose measure, scaled to
                              this stop's perimeter, stands for this one: same style key)} | None}],
         "trap": {"stops", "selectors", "shift_tab_escapes", "escape_key_escapes"} | None,
         "main_start": index of the first stop in the main content (main, else after the h1) | None,
         "landmarks": {"main": bool, "headings": int},
         "clickables": [{"selector", "tag", "role", "name", "reasons", "script_focused" (the page's script had
                         focused it, or something inside it, before the walk), "tabindex", "focusable", "box",
                         "snippet"}],
         "positive_tabindex": [{"selector", "tag", "role", "name", "tabindex", "visible", "stop", "snippet"}],
         "skip_link": {"stop", "selector", "name", "href", "target_exists", "target_selector", "target_visible",
                       "target_is_main", "moved_focus", "scrolled", "next_stop"} | None,
         "targets": [{"selector", "tag", "role", "name", "box", "inline", "ua_control", "snippet"}],
         "activation": [{"index" (of the stop), "selector", "tag", "role", "explicit_role", "native", "name",
                         "href" (links) | None, "fragment": {"id", "exists"} | None (href="#id"),
                         "click": "self" | "ancestor" | "page" | "", "key": same, "scrollable", "tabindex",
                         "has_control" (a native control inside),
                         "snippet"}],   # stops that are not native controls, have an explicit role, or are
                                        # links to "", "#..." or "javascript:"; who listens for clicks / keys
         "sampling": {"stops": stops walked, "capped_at": the cap when the walk stopped there | None,
                      "focusable": stops walked + focusable elements the walk did not reach,
                      "focus_measured", "focus_shared", "focus_unmeasured" (past MAX_FOCUS_CAPTURES),
                      "batches": reads that took several Tabs' stops at once},
         "cost_ms": {...}}
    """
    started = time.perf_counter()
    walk = _Walk(session)
    try:
        end, trap = walk.walk()
        walk.names()
        sampling = walk.sampling_note(end)
        t0 = time.perf_counter()
        walk.mark_listeners()
        clickables, activation, positive = walk.world.value(   # one round trip for the three
            f"[window.__elabTab.clickables(), window.__elabTab.activation({json.dumps(walk.ids)}), "
            "window.__elabTab.positiveTabindex()]")
        walk.cost["clickables"] = time.perf_counter() - t0
        for item in positive:
            stop_id = item.pop("stop_id")
            item["stop"] = walk.ids.index(stop_id) if stop_id is not None and stop_id in walk.ids else None
        t0 = time.perf_counter()
        skip = walk.skip_link() if end != "trap" else None
        walk.cost["skip_link"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        targets, landmarks = walk.world.value("[window.__elabTab.targets(), window.__elabTab.landmarks()]")
        walk.cost["targets"] = time.perf_counter() - t0
    finally:
        try:
            walk.world.value("window.__elabTab && window.__elabTab.finish()")
            walk.world.release()
        except Exception:
            pass
    cost = {key: round(value * 1000) for key, value in walk.cost.items()}
    cost["total"] = round((time.perf_counter() - started) * 1000)
    cost["per_stop"] = round(cost["walk"] / max(len(walk.stops), 1))
    return {
        "viewport": {"width": walk.viewport[0], "height": walk.viewport[1]},
        "end": end,
        "start_held": walk.start_held,
        "stops": walk.stops,
        "trap": trap,
        "main_start": walk.main_start(),
        "landmarks": landmarks,
        "clickables": clickables,
        "positive_tabindex": positive,
        "skip_link": skip,
        "targets": targets,
        "activation": activation,
        "sampling": sampling,
        "cost_ms": cost,
    }
