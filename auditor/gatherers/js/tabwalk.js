(() => {
  const E = window.__elab;
  const { accName, deepActive } = E;
  const T = window.__elabTab = { seen: [], ids: new Map(), clicks: [], keys: [], blurs: [],
                                 page: { clicks: false, keys: false, blurs: false }, lastStop: null, rest: new Map() };
  const IMPLICIT = { button: "button", select: "combobox", textarea: "textbox", summary: "button",
                     details: "group", nav: "navigation", main: "main", img: "img", iframe: "iframe" };
  const INPUT_ROLES = { checkbox: "checkbox", radio: "radio", range: "slider", button: "button", submit: "button",
                        reset: "button", image: "button", search: "searchbox", number: "spinbutton" };

  function role(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.localName;
    if (tag === "a" || tag === "area") return el.hasAttribute("href") ? "link" : "";
    if (tag === "input") return INPUT_ROLES[(el.type || "text").toLowerCase()] || "textbox";
    if (/^h[1-6]$/.test(tag)) return "heading";
    return IMPLICIT[tag] || "";
  }

  function idOf(el) {
    const known = T.ids.get(el);
    if (known !== undefined) return known;
    T.seen.push(el);
    T.ids.set(el, T.seen.length - 1);
    return T.seen.length - 1;
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
    const level = stillness();
    T.still = level === STILL;
    T.scripted = level === SCRIPTED;
    T.rest = new Map();
    T.order = [];
    T.orderAt = new Map();
    T.shapeKeys = new Map();
    let n = 0;
    for (const el of document.querySelectorAll(FOCUSABLE)) {   // how each element looks unfocused
      if (n++ >= MAX_REST) break;
      if (el.tabIndex < 0) continue;
      T.rest.set(el, T.look(el));
      T.orderAt.set(el, T.order.length);
      T.order.push(el);
    }
    const a = deepActive().el;
    T.rest.delete(a);    // (focused already: not its unfocused look)
    return !a || a === document.body || a === document.documentElement;
  };

  // Whether the page's own script could take focus back once Tab has left the document: a blur or focusout
  // listener on a stop the walk passed, on one of its ancestors, on the document or the window (ACT 80af7b: a
  // blur handler that focuses the field again after a timer, which may fire after the walk's last Tab). The
  // listeners are the ones listeners.mark handed over (inline on... attributes among them: the walk's isolated
  // world cannot see a page's handler through el.onblur).
  T.mayRefocus = () => T.page.blurs || T.seen.some((el) => el &&
    T.blurs.some((b) => b === el || (b.contains && b.contains(el))));

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

  // Whether the page is still: it runs no script of its own (no script element, no on... attribute, no shadow
  // root or frame a script could come from), animates nothing without one (marquee, SVG animation elements),
  // and no style of it is read in a frame's rendering steps after a scroll (content-visibility, scroll
  // snapping, scroll-driven animations, anchor positioning; a style sheet that cannot be read counts as such). On such a page
  // nothing can change between a key's key-up and the next frame but a CSS animation (see frameChanges).
  const MOVING = new Set(["script", "iframe", "frame", "object", "embed", "fencedframe", "portal", "marquee", "animate",
                          "animateMotion", "animateTransform", "animateColor", "set", "discard"]);
  // (anchor positioning: an anchored box follows its anchor's scroll at the next frame)
  const FRAME_STYLES = new RegExp("content-visibility|scroll-snap|animation-timeline|scroll-timeline|view-timeline|" +
                                  "anchor-name|position-anchor|position-area|position-try|anchor\\(", "i");
  function sheetsStill(sheets, depth) {
    for (const sheet of sheets) {
      let rules;
      try { rules = sheet.cssRules; } catch (e) { return false; }
      if (!rules) return false;
      for (const rule of rules) {
        if (rule.styleSheet && (depth > 4 || !sheetsStill([rule.styleSheet], depth + 1))) return false;  // @import
        if (FRAME_STYLES.test(rule.cssText)) return false;
      }
    }
    return true;
  }
  // STILL, or SCRIPTED where the page would be still but for its scripts (script elements, on... attributes other
  // than a scroll listener's), or neither (0).
  const STILL = 2, SCRIPTED = 1;
  function stillness() {
    let scripted = false;
    for (const el of document.getElementsByTagName("*")) {
      if (el.shadowRoot) return 0;
      if (MOVING.has(el.localName)) {
        if (el.localName !== "script") return 0;
        scripted = true;
      }
      for (const name of el.getAttributeNames()) {
        if (name === "style" && FRAME_STYLES.test(el.getAttribute("style"))) return 0;
        if (/^on/i.test(name)) {
          if (/^onscroll/i.test(name)) return 0;
          scripted = true;
        }
      }
    }
    const adopted = document.adoptedStyleSheets || [];
    return !sheetsStill(document.styleSheets, 0) || !sheetsStill(adopted, 0) ? 0 : scripted ? SCRIPTED : STILL;
  }
  // Whether the page's scripts have nothing that could run before the next frame or at its start (the browser
  // layer's record, js/quiet.js: no animation frame, video frame or idle callback pending, no timer or task due and
  // no message posted within 60 ms, no scroll listener, IntersectionObserver or shadow root made by script). Asked through a cancelable event the record cancels when calm; unanswered
  // (a page without the record) or failing, it is not calm.
  const calm = () => E.recordSays("__elab-soon");
  // Whether a stop read at a key's key-up may read differently a frame later: unless the page is still (no
  // script of its own could react to the key, the focus or a scroll in a timer, a frame or an observer's
  // callback), or its scripts have nothing due before that frame or at its start (calm: whatever they do later,
  // a frame's wait would not have seen either), and no CSS animation runs (one a :focus style starts shows in
  // the next frame).
  // (A scripted page is looked at again each time: its scripts may have added what makes a page move since the walk
  // began, an element with an onscroll attribute, a style read in a frame's rendering.)
  const frameChanges = T.frameChanges = () => document.getAnimations().length > 0 ||
    !(T.still || (T.scripted && calm() && stillness() !== 0));

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
    const near = frame ? null : T.nearRegion(el, r, vis && inView);
    const sameDoc = prev && prev !== el && prev.isConnected && prev.ownerDocument === el.ownerDocument;
    const key = vis && inView ? T.styleKey(el, frame) : null;
    // Wholly in the viewport, to the pixel: Chromium scrolls to whole pixels, so a box laid out at a fraction of
    // one that it scrolled into view can end less than a pixel past the edge.
    const whole = r.left > -1 && r.top > -1 && r.right < innerWidth + 1 && r.bottom < innerHeight + 1;
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
      in_main: T.inMain(frame || el), obscured: vis && inView && !frame ? T.obscured(el, r) : null, snippet: E.snippet(el),
      scroll: [window.scrollX, window.scrollY], style_key: key,
      // (only where the stop's focus may be measured: a stop whose style key is settled takes a measure's
      // result, and ring_free says only whether a measure can be shared)
      ring_free: key && !frame && !T.batch.settled.has(key) ? T.ringFree(el, r) : false,
      certain: key && !T.batch.settled.has(key) && whole ? T.certain(el, r) : null,
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
      // page's own focus handlers), as if the key-up record had not been taken; on a still page, where
      // nothing can change in that frame, at once.
      if (!last.repeat && T.seen.length - 1 === last.id) { T.ids.delete(T.seen.pop()); }
      T.lastStop = T.before;
      if (frameChanges()) await nextFrame();
      out.stops[out.stops.length - 1] = snapshot();
    } else if (out.held && last && last.kind === "body") {
      if (frameChanges()) await nextFrame();
      out.stops[out.stops.length - 1] = snapshot();
    }
    if (rearm && !out.broken) {
      T.batchStart(keys, measure);
      out.ahead = T.ahead();
    }
    return out;
  };
  // Style keys Python settled after the read that armed this batch (see _Walk._send_settled); how many
  // look-alike stops are now ahead.
  T.settle = (keys) => {
    for (const k of keys) T.batch.settled.add(k);
    return T.ahead();
  };
  T.batchOff = () => { T.batch.on = false; T.batch.hold = false; T.batch.buffer = []; listen(false); return true; };

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

  // The trap check (auditor/gatherers/tab/trap.py). Where focus is once the page's own reactions to a key
  // have run (blur handlers that move focus after a timer): read after a 50 ms timer and a frame, then again
  // until two reads agree (at most 4 times).
  T.settledId = async () => {
    let last = T.activeId();
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await nextFrame();
      const now = T.activeId();
      if (now === last) return now;
      last = now;
    }
    return last;
  };
  // Whether a key moved focus out of the document, to the browser's own UI (focus went nowhere in it):
  // a script cannot take keyboard focus back from there (ACT 80af7b), even if it focuses an element again a
  // moment later. Watched only during the trap check.
  // (A focusout with no related target is also what a blur handler that focuses another element gives: then
  // that element is already the active one.)
  const onFocusOut = (e) => {
    if (e.relatedTarget !== null || !T.pressing) return;
    const a = deepActive().el;
    if (!a || a === document.body || a === document.documentElement) T.left = true;
  };
  T.watchLeaving = (on) => {
    (on ? document.addEventListener : document.removeEventListener).call(document, "focusout", onFocusOut, true);
    T.left = false;
    T.pressing = on;
    return true;
  };
  T.beforeKey = () => { T.left = false; return true; };
  // [left the document, where focus settled]
  T.afterKey = async () => {
    const left = T.left || T.activeId() === -1;
    const id = await T.settledId();
    return [left || id === -1, id];
  };
  // Whether a text (the page's advice on keys) is inside the smallest element holding all of the trap's stops:
  // advice given with the trap, not a page-wide tip ("Use Ctrl+F to find text").
  T.near = (ids, text) => {
    const els = ids.map((id) => T.seen[id]).filter(Boolean);
    if (!els.length || !text) return false;
    let common = els[0].parentElement;
    while (common && !els.every((el) => common.contains(el))) common = common.parentElement;
    if (!common) return false;
    const probe = text.trim().slice(0, 40);
    const walker = document.createTreeWalker(common, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.children.length === 0 || n.localName === "p") {
        if ((n.innerText || n.textContent || "").includes(probe)) return true;
      }
    }
    return (common.innerText || "").includes(probe);
  };
  T.describe = (id) => {
    const el = T.seen[id];
    return el ? { selector: E.selector(el), name: accName(el)[0], tag: el.localName } : null;
  };
  T.pageText = () => (document.body ? document.body.innerText || "" : "").slice(0, 20000);
  // Pressing Enter on it stays on the page: a link to a place in it (or none), a button that submits nothing.
  T.pressable = (id) => {
    const el = T.seen[id];
    if (!el) return false;
    if (el.localName === "a") return /^(#|javascript:|$)/i.test((el.getAttribute("href") || "").trim());
    if (el.localName === "button") return el.type === "button" || !el.form;
    return !/^(input|select|textarea|a|area)$/.test(el.localName) && role(el) === "button";
  };

  function focusableInOrder(el) {
    return el.tabIndex >= 0 && !el.disabled && !el.closest("[inert]");
  }

  // For the fact scripts (tabwalk-*.js), which the walk loads after this one.
  Object.assign(T, { role, accName, deepActive, focusableInOrder, deepFromPoint, containsDeep });
})()
