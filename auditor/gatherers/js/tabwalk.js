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
  // A focus indicator no one can miss, told from computed styles alone, so that no pixels need measuring:
  // focused, the element draws a solid outline of 2 px or more outside its box, or fills its box with a solid
  // background, where it drew none unfocused, in a colour far from what was there (CERTAIN_DELTA in a
  // channel, well above the pixel measure's STRONG_DELTA); on a solid backdrop, with nothing on the way up
  // that blends or filters it, and (an outline) with nothing but the element and its ancestors under the ring.
  // Returns the strongly changed pixels it makes for certain (the outline's band; half the filled box: text on
  // it may not change) and how, or null: then its pixels are measured as before.
  const CERTAIN_DELTA = 96;
  function rgbaOf(text) {
    const m = /rgba?\(([^)]*)\)/.exec(text || "");
    if (!m) return null;
    const v = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return v.length >= 3 ? [v[0], v[1], v[2], v.length > 3 ? v[3] : 1] : null;
  }
  const apart = (a, b) => !!(a && b && a[3] === 1 && b[3] === 1 &&
    Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])) > CERTAIN_DELTA);
  function certain(el, r) {
    const rest = T.rest.get(el);
    if (rest === undefined || r.width < 8 || r.height < 8 || el.getClientRects().length !== 1) return null;
    let back = null;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (parseFloat(s.opacity) < 1 || s.filter !== "none" || s.mixBlendMode !== "normal" ||
          (s.backdropFilter && s.backdropFilter !== "none")) return null;
      if (n === el || back) continue;
      if (s.backgroundImage !== "none") return null;
      const c = rgbaOf(s.backgroundColor);
      if (c && c[3] > 0) {
        if (c[3] < 1) return null;
        back = c;
      }
    }
    if (!back) {   // the canvas: white, unless the page asks for a dark scheme
      if (/dark/.test(getComputedStyle(document.documentElement).colorScheme || "")) return null;
      back = [255, 255, 255, 1];
    }
    const s = getComputedStyle(el);
    const was = rest.split("|");   // look(): the tag, then FOCUS_PROPS in order
    const before = (p) => was[1 + FOCUS_PROPS.indexOf(p)] || "";
    const ow = parseFloat(s.outlineWidth) || 0, off = parseFloat(s.outlineOffset) || 0;
    const noneBefore = before("outline-style") === "none" || !(parseFloat(before("outline-width")) > 0) ||
                       (rgbaOf(before("outline-color")) || [0, 0, 0, 0])[3] === 0;
    if (s.outlineStyle === "solid" && ow >= 2 && off >= 0 && noneBefore && apart(rgbaOf(s.outlineColor), back) &&
        ringFree(el, r, true)) {
      const band = Math.round(ow * (2 * (r.width + r.height) + 8 * off + 4 * ow));
      return { strong: band, how: "outline" };
    }
    const bg = rgbaOf(s.backgroundColor), bgWas = rgbaOf(before("background-color"));
    if (s.backgroundImage === "none" && before("background-image") === "none" && bg && bg[3] === 1 && bgWas) {
      const under = bgWas[3] === 1 ? bgWas : bgWas[3] === 0 ? back : null;
      if (apart(bg, under)) return { strong: Math.round(r.width * r.height / 2), how: "background" };
    }
    return null;
  }
  // Whether an outline drawn round ``el`` is painted over ``hit`` (in the same stacking context, outlines come
  // after every in-flow background and text): nothing from ``hit`` up to what it shares with ``el`` is
  // positioned or makes a layer of its own.
  function below(hit, el) {
    for (let n = hit; n && n.nodeType === 1 && !containsDeep(n, el); n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.position !== "static" || s.transform !== "none" || parseFloat(s.opacity) < 1 || s.filter !== "none" ||
          s.zIndex !== "auto" || s.isolation === "isolate" || s.mixBlendMode !== "normal" || s.float !== "none") return false;
    }
    return true;
  }
  function ringFree(el, r, strict) {
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
      if (!hit || containsDeep(hit, el)) continue;
      if (strict ? !below(hit, el) : known.every((k) => !containsDeep(k, hit)) && paints(hit)) return false;
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
    // No transitions, and no smooth scrolling: a Tab to an element below the fold is seen where the scroll ends
    // (a frame later), not half-way through an animated scroll that would leave it "off screen".
    style.textContent = "*,*::before,*::after{transition-duration:0s!important;transition-delay:0s!important;" +
                        "caret-color:transparent!important;scroll-behavior:auto!important}";
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
    const whole = r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
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
      certain: key && !T.batch.settled.has(key) && whole ? certain(el, r) : null,
      whole,
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
