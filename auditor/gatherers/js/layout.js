(arg) => {
  if (!window.__elabLayout) {
    const E = window.__elab;
    const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "OPTION", "TITLE"]);
    // Content allowed to scroll in two dimensions. A <table> counts unless it is a layout table (marked
    // presentational, or without headers and holding page structure: headings, forms, lists, blocks, other
    // tables): page layout must reflow like any other.
    const TWO_D = "pre, code, img, picture, svg, canvas, video, audio, iframe, object, embed, map, math, " +
                  "[role=img], [role=application], [role=grid], [role=table], [role=treegrid]";
    const dataTable = (t) => {
      if (["presentation", "none"].includes((t.getAttribute("role") || "").trim())) return false;
      if (t.querySelector("th, caption, thead, [scope]")) return true;
      return !t.querySelector("td h1, td h2, td h3, td h4, td h5, td h6, td table, td form, td input, " +
                              "td select, td textarea, td ul, td ol, td nav, td p, td div");
    };
    const inTwoD = (el) => { if (el.closest(TWO_D)) return true;
                             for (let t = el.closest("table"); t; t = t.parentElement && t.parentElement.closest("table"))
                               if (dataTable(t)) return true;
                             return false; };
    const CONTROLS = "input:not([type=hidden]), select, textarea, button";
    const MAX_BLOCKS = 3000, MAX_LIST = 20, MAX_OFFENDERS = 10;
    const PROSE_WORDS = 10;       // text this long in a sideways-scrolling box is prose to read
    const STEADY_FRAMES = 6;      // a page still changing at the wait's limit: measured again this many frames on
    const CLIPPED = 0.1;          // share of one line's glyph box cut off that counts as clipped
    const ROLES = { A: "link", BUTTON: "button", P: "paragraph", LI: "listitem", UL: "list", OL: "list",
      NAV: "navigation", MAIN: "main", HEADER: "banner", FOOTER: "contentinfo", ASIDE: "complementary",
      FORM: "form", TABLE: "table", IMG: "img", SECTION: "region", ARTICLE: "article", BLOCKQUOTE: "blockquote",
      SELECT: "combobox", TEXTAREA: "textbox", LABEL: "label", DT: "term", DD: "definition", FIGURE: "figure",
      H1: "heading", H2: "heading", H3: "heading", H4: "heading", H5: "heading", H6: "heading" };

    let styles = new Map(), clips = new Map(), lossClips = new Map();
    const st = (el) => { let s = styles.get(el); if (!s) { s = getComputedStyle(el); styles.set(el, s); } return s; };
    const fresh = () => { styles = new Map(); clips = new Map(); lossClips = new Map(); };
    const frame = () => new Promise((resolve) => {   // the next frame (or 50 ms, where none comes)
      let done = false; const fin = () => { if (!done) { done = true; resolve(); } };
      requestAnimationFrame(fin); setTimeout(fin, 50);
    });
    const calmed = () => {   // a sheet that turns transitions off (a transition under way jumps to its end)
      const calm = document.createElementNS("http://www.w3.org/1999/xhtml", "style");
      calm.textContent = "*, *::before, *::after { transition: none !important; }";
      (document.head || document.documentElement).appendChild(calm);
      return calm;
    };
    const shown = (el) => el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
                                             : E.visible(el);
    const role = (el) => {
      const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
      if (explicit) return explicit;
      if (el.tagName === "A" && !el.hasAttribute("href")) return "generic";
      if (el.tagName === "INPUT") return ({ checkbox: "checkbox", radio: "radio", submit: "button", button: "button",
                                            range: "slider" })[el.type] || "textbox";
      return ROLES[el.tagName] || "generic";
    };
    const nameOf = (el) => (el.getAttribute("aria-label") || E.text(el, 80) || el.getAttribute("placeholder") || "").trim();
    const describe = (el) => ({ selector: E.selector(el), snippet: E.snippet(el, 200), role: role(el), name: nameOf(el),
      text: E.text(el, 120) });
    const words = (s) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

    // -- text blocks: elements with their own visible text, in document order ------------------------------
    function collect() {
      const map = new Map(), nodes = [];
      const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT,
        { acceptNode: (n) => (/\S/.test(n.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
      const skipParent = new Map();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const p = n.parentElement;
        if (!p) continue;
        let skip = skipParent.get(p);
        if (skip === undefined) {
          skip = SKIP.has(p.tagName) || !(p instanceof HTMLElement) || !shown(p);
          skipParent.set(p, skip);
        }
        if (skip) continue;
        let list = map.get(p);
        if (!list) { if (map.size >= MAX_BLOCKS) break; list = []; map.set(p, list); }
        list.push(n); nodes.push(n);
      }
      return { blocks: [...map].map(([el, list]) => ({ el, nodes: list })), nodes };
    }

    const range = document.createRange();
    function rectsOf(nodes) {
      const out = [];
      for (const n of nodes) {
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push(r);
      }
      return out;
    }

    // -- clipping: the box that overflow:hidden/clip ancestors leave visible (viewport coordinates) --------
    function chainParent(el) {
      const pos = st(el).position;
      if (pos === "fixed") return null;
      let n = el.parentElement;
      if (pos === "absolute") {
        while (n && n !== document.body && st(n).position === "static" && st(n).transform === "none") n = n.parentElement;
      }
      return n && n !== document.body && n !== document.documentElement ? n : null;
    }
    // ACT 59br37's exceptions: a box that cuts its one line short with a mark (white-space: nowrap and a
    // text-overflow that is not clip, such as an ellipsis) does not clip sideways; a box exactly one line high as
    // the page was loaded (a one-line summary) does not clip downwards. Judged once, on the page as loaded.
    const oneLine = new WeakMap();
    const lineHeight = (s) => s.lineHeight === "normal" ? 1.2 * parseFloat(s.fontSize) : parseFloat(s.lineHeight);
    function ownClip(el, loss) {
      const s = st(el);
      const marked = loss && (s.whiteSpace === "nowrap" || s.textWrapMode === "nowrap") && s.textOverflow !== "clip";
      const cx = (s.overflowX === "hidden" || s.overflowX === "clip") && !marked;
      let cy = s.overflowY === "hidden" || s.overflowY === "clip";
      if (cy && loss) {
        if (!oneLine.has(el)) oneLine.set(el, Math.abs(el.clientHeight - lineHeight(s)) <= 1);
        cy = !oneLine.get(el);
      }
      if (!cx && !cy) return null;
      const r = el.getBoundingClientRect();
      const l = r.left + el.clientLeft, t = r.top + el.clientTop;
      return { l: cx ? l : -Infinity, r: cx ? l + el.clientWidth : Infinity,
               t: cy ? t : -Infinity, b: cy ? t + el.clientHeight : Infinity };
    }
    const meet = (a, b) => (!a ? b : !b ? a : { l: Math.max(a.l, b.l), r: Math.min(a.r, b.r),
                                               t: Math.max(a.t, b.t), b: Math.min(a.b, b.b) });
    // loss: the box that leaves text unreadable (ACT's exceptions above; a box that scrolls, and is itself in
    // full view along that axis, shows all its text by scrolling); otherwise the box that leaves it unseen here
    function clipFor(el, loss) {
      const memo = loss ? lossClips : clips;
      if (memo.has(el)) return memo.get(el);
      const parent = chainParent(el);
      let outer = parent ? clipFor(parent, loss) : null;
      const s = st(el);
      const sx = s.overflowX === "auto" || s.overflowX === "scroll", sy = s.overflowY === "auto" || s.overflowY === "scroll";
      if (loss && outer && (sx || sy)) {
        const r = el.getBoundingClientRect();
        outer = { l: sx && r.left >= outer.l - 1 ? -Infinity : outer.l, r: sx && r.right <= outer.r + 1 ? Infinity : outer.r,
                  t: sy && r.top >= outer.t - 1 ? -Infinity : outer.t, b: sy && r.bottom <= outer.b + 1 ? Infinity : outer.b };
      }
      const box = meet(ownClip(el, loss), outer);
      memo.set(el, box);
      return box;
    }
    // glyph boxes include the font's internal leading: judge the middle 80% of each line box
    const core = (r) => ({ l: r.left + 1, r: r.right - 1, t: r.top + r.height * 0.1, b: r.bottom - r.height * 0.1 });
    const area = (b) => Math.max(0, b.r - b.l) * Math.max(0, b.b - b.t);
    function measure(block) {
      const raw = rectsOf(block.nodes).map(core).filter((b) => area(b) > 0);
      const clip = clipFor(block.el, false), lossClip = clipFor(block.el, true);
      let worst = 0;
      const visible = [];
      for (const b of raw) {
        const v = clip ? meet(b, clip) : b;
        const a = area(v);
        worst = Math.max(worst, 1 - area(lossClip ? meet(b, lossClip) : b) / area(b));
        if (a > 0) visible.push({ l: v.l + scrollX, r: v.r + scrollX, t: v.t + scrollY, b: v.b + scrollY });
      }
      return { shown: raw.length > 0 && shown(block.el), hidden: worst, visible };
    }
    function clipper(block) {
      const raw = rectsOf(block.nodes).map(core);
      for (let n = block.el; n; n = chainParent(n)) {
        const c = ownClip(n, true);
        if (!c) continue;
        if (raw.some((b) => area(b) > 0 && 1 - area(meet(b, c)) / area(b) >= CLIPPED)) return n;
      }
      return block.el;
    }
    function overlapPairs(snaps) {
      const bands = new Map(), pairs = new Map(), BAND = 64;
      snaps.forEach((s, i) => {
        if (!s.shown) return;
        for (const b of s.visible) {
          for (let k = Math.floor(b.t / BAND); k <= Math.floor(b.b / BAND); k++) {
            let list = bands.get(k); if (!list) bands.set(k, list = []);
            for (const [j, o] of list) {
              if (j === i) continue;
              const w = Math.min(b.r, o.r) - Math.max(b.l, o.l), h = Math.min(b.b, o.b) - Math.max(b.t, o.t);
              if (w > 2 && h > 2) {
                const key = j < i ? j + ":" + i : i + ":" + j;
                pairs.set(key, (pairs.get(key) || 0) + w * h);
              }
            }
            list.push([i, b]);
          }
        }
      });
      return pairs;
    }

    // -- horizontal scrolling ----------------------------------------------------------------------------
    // snaps: the blocks' measures already taken in this layout (nothing changed since), else measured here
    function horizontal(state, hiddenBeyond, snaps) {
      const root = document.documentElement;
      const cw = root.clientWidth, sw = Math.max(root.scrollWidth, (document.body || root).scrollWidth);
      const edge = cw + 1;
      const inRegion = new Map();
      const scrollRegion = (el) => {           // inside a horizontally scrolling box that itself fits: a
                                               // strip of chips may scroll there, prose may not
        if (inRegion.has(el)) return inRegion.get(el);
        let hit = false;
        for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
          const o = st(n).overflowX;
          if ((o === "auto" || o === "scroll") && n.getBoundingClientRect().right <= edge) { hit = true; break; }
        }
        inRegion.set(el, hit);
        return hit;
      };
      const scrolls = sw > edge && st(root).overflowX !== "hidden" && st(document.body || root).overflowX !== "hidden";
      const groups = new Map();
      const beyond = new Set();                // cut off here: hidden by design if it is so at full width
      const consider = (el, right, sample) => {
        if (right <= edge || inTwoD(el)) return;
        const region = scrollRegion(el);
        if (!scrolls && !region) beyond.add(el);
        if ((hiddenBeyond && hiddenBeyond.has(el)) || (region && words(sample).length < PROSE_WORDS)) return;
        let top = el;
        while (top.parentElement && top.parentElement !== document.documentElement &&
               top.parentElement.getBoundingClientRect().right > edge) top = top.parentElement;
        let g = groups.get(top);
        if (!g) groups.set(top, g = { content: 0, sample: "", region: false });
        g.content += 1;
        g.region = g.region || region;
        if (!g.sample) g.sample = sample.slice(0, 80);
      };
      state.blocks.forEach((block, i) => {
        const m = snaps ? snaps[i] : measure(block);
        if (!m.shown || !m.visible.length) return;
        consider(block.el, Math.max(...m.visible.map((b) => b.r)) - scrollX,
                 block.nodes.map((n) => n.data).join(" ").replace(/\s+/g, " ").trim());
      });
      for (const el of document.querySelectorAll(CONTROLS)) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) consider(el, r.right, nameOf(el));
      }
      const offenders = [...groups].sort((a, b) => b[1].content - a[1].content).slice(0, MAX_OFFENDERS)
        .map(([el, g]) => {
          const r = el.getBoundingClientRect();
          return Object.assign(describe(el), { right: Math.round(r.right + scrollX), width: Math.round(r.width),
                                               content: g.content, sample: g.sample,
                                               cut_off: !scrolls && !g.region });
        });
      return { result: { scroll_width: sw, client_width: cw, scrolls, offenders }, beyond };
    }

    // -- what changed against the baseline -------------------------------------------------------------
    function changed(L) {
      fresh();
      scrollTo(0, 0);
      const snaps = L.blocks.map(measure);
      const byContainer = new Map(), lost = [];
      snaps.forEach((s, i) => {
        const base = L.base[i];
        if (!base.shown || base.visible.length === 0) return;
        if (!s.shown || (s.visible.length === 0 && s.hidden === 0)) { if (lost.length < MAX_LIST) lost.push(describe(L.blocks[i].el)); return; }
        if (s.hidden - base.hidden < CLIPPED) return;
        const container = clipper(L.blocks[i]);
        let g = byContainer.get(container);
        if (!g) byContainer.set(container, g = { container: describe(container), hidden: 0, texts: [] });
        const hidden = Math.round(s.hidden * 100) / 100;
        g.hidden = Math.max(g.hidden, hidden);
        if (g.texts.length < 5) g.texts.push({ selector: E.selector(L.blocks[i].el), text: E.text(L.blocks[i].el, 80), hidden });
      });
      const overlaps = [];
      for (const [key, a] of overlapPairs(snaps)) {
        if (L.pairs.has(key) || overlaps.length >= MAX_LIST) continue;
        const [i, j] = key.split(":").map(Number);
        overlaps.push({ a: describe(L.blocks[i].el), b: describe(L.blocks[j].el), area: Math.round(a) });
      }
      const h = horizontal(L, L.beyond, snaps).result;
      return Object.assign(h, { clipped: [...byContainer.values()].slice(0, MAX_LIST), overlaps, lost });
    }

    // -- readability of the baseline text --------------------------------------------------------------
    function blockOf(el, memo) {
      if (memo.has(el)) return memo.get(el);
      let n = el;
      while (n !== document.body && n.parentElement) {
        const d = st(n).display;
        if (d !== "inline" && d !== "contents") break;
        n = n.parentElement;
      }
      memo.set(el, n);
      return n;
    }
    function source(el, same) {               // outermost ancestor that shares the style: where it is set
      let n = el;
      while (n.parentElement && n.parentElement !== document.documentElement && same(n.parentElement, n)) n = n.parentElement;
      return n;
    }
    const caseWord = (w) => { const letters = w.replace(/[^\p{L}]/gu, ""); return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(); };
    function readability(state) {
      const memo = new Map(), paras = new Map();
      for (const n of state.nodes) {
        const p = blockOf(n.parentElement, memo);
        let list = paras.get(p); if (!list) paras.set(p, list = []);
        list.push(n);
      }
      const groups = { justified: new Map(), caps: new Map(), italic: new Map(), long_lines: new Map(), tiny: new Map(), tight: new Map() };
      const add = (kind, el, update) => { let g = groups[kind].get(el); if (!g) groups[kind].set(el, g = { el, blocks: 0 }); update(g); };
      for (const [p, nodes] of paras) {
        const text = nodes.map((n) => n.data).join(" ").replace(/\s+/g, " ").trim();
        const ws = words(text);
        if (!ws.length) continue;
        // lines: glyph boxes merged by vertical position
        const rects = rectsOf(nodes).sort((a, b) => a.top - b.top);
        const lines = [];
        for (const r of rects) {
          const last = lines[lines.length - 1];
          if (last && r.top + r.height / 2 < last.b) { last.l = Math.min(last.l, r.left); last.r = Math.max(last.r, r.right); last.b = Math.max(last.b, r.bottom); }
          else lines.push({ l: r.left, r: r.right, b: r.bottom });
        }
        const ps = st(p);
        if (lines.length >= 2 && ps.textAlign.startsWith("justify")) {
          add("justified", source(p, (a) => st(a).textAlign.startsWith("justify")), (g) => { g.blocks += 1; g.words = (g.words || 0) + ws.length; });
        }
        if (lines.length >= 2) {
          const lh = parseFloat(ps.lineHeight), fs = parseFloat(ps.fontSize);    // "normal" gives NaN: skipped
          const heading = p.closest("h1,h2,h3,h4,h5,h6,[role=heading]");    // display type may be set solid
          if (lh > 0 && fs > 0 && lh / fs < 1.15 && !heading && ws.length >= 15) {
            const ratio = Math.round((lh / fs) * 100) / 100;
            add("tight", source(p, (a) => st(a).lineHeight === ps.lineHeight),
                (g) => { g.blocks += 1; g.line_height = Math.min(g.line_height || 99, ratio); });
          }
        }
        if (lines.length >= 2) {
          const widths = lines.map((l) => l.r - l.l), sum = widths.reduce((a, b) => a + b, 0);
          const chars = Math.round(Math.max(...widths) / (sum / text.length));
          if (chars >= 60) add("long_lines", p.parentElement && p !== document.body ? p.parentElement : p,
                               (g) => { g.blocks += 1; g.max_chars = Math.max(g.max_chars || 0, chars); });
        }
        // runs of capitals and of italics, across the inline elements of the paragraph
        let caps = 0, capsStart = null, italic = 0, italicStart = null;
        for (const n of nodes) {
          const s = st(n.parentElement);
          const cssCaps = s.textTransform === "uppercase", it = s.fontStyle !== "normal";
          for (const w of words(n.data)) {
            const isCaps = (cssCaps && /\p{L}/u.test(w)) || caseWord(w);
            if (isCaps) { if (!caps) capsStart = { el: n.parentElement, css: cssCaps }; caps += 1; }
            else if (/\p{L}/u.test(w)) caps = 0;
            if (caps >= 3) {
              const src = capsStart.css ? source(capsStart.el, (a) => st(a).textTransform === "uppercase") : p;
              const run = caps;
              add("caps", src, (g) => { if (g.last !== p) { g.blocks += 1; g.last = p; } g.max_words = Math.max(g.max_words || 0, run); g.authored = !capsStart.css; });
            }
            if (it) { if (!italic) italicStart = n.parentElement; italic += 1; } else italic = 0;
            if (italic >= 10) {
              const src = source(italicStart, (a) => st(a).fontStyle !== "normal");
              const run = italic;
              add("italic", src, (g) => { if (g.last !== p) { g.blocks += 1; g.last = p; } g.max_words = Math.max(g.max_words || 0, run); });
            }
          }
        }
      }
      for (const block of state.blocks) {
        const size = parseFloat(st(block.el).fontSize);
        const letters = block.nodes.map((n) => n.data).join("").replace(/[^\p{L}]/gu, "").length;
        if (size >= 16 || letters < 3) continue;
        const r = block.el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue;        // visually hidden text is for screen readers
        add("tiny", source(block.el, (a) => st(a).fontSize === st(block.el).fontSize),
            (g) => { g.blocks += 1; g.font_size = Math.round(size * 10) / 10; });
      }
      const out = {};
      for (const [kind, map] of Object.entries(groups)) {
        out[kind] = [...map.values()].slice(0, MAX_LIST).map((g) => {
          const { el, last, blocks, ...rest } = g;
          return Object.assign(describe(el), kind === "tiny" ? { elements: blocks } : { blocks }, rest);
        });
      }
      return out;
    }

    function textResize(L, factor) {
      const els = [document.documentElement, ...(document.body ? [document.body] : []), ...(document.body || document.documentElement).querySelectorAll("*")]
        .filter((e) => e instanceof HTMLElement);
      fresh();
      const before = els.map((e) => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), s.lineHeight]; });
      const saved = els.map((e) => e.getAttribute("style"));
      try {
        els.forEach((e, i) => {
          e.style.setProperty("font-size", before[i][0] * factor + "px", "important");
          if (before[i][1] !== "normal") e.style.setProperty("line-height", parseFloat(before[i][1]) * factor + "px", "important");
        });
        return changed(L);
      } finally {
        // read the attribute first: Blink writes inline style changes to it lazily, and would otherwise
        // leave style="" behind on elements that had none
        els.forEach((e, i) => {
          e.getAttribute("style");
          if (saved[i] === null) e.removeAttribute("style"); else e.setAttribute("style", saved[i]);
        });
      }
    }
    function textSpacing(L, css) {
      const sheet = document.createElementNS("http://www.w3.org/1999/xhtml", "style");  // an SVG document too
      sheet.textContent = css;
      (document.head || document.documentElement).appendChild(sheet);
      try { return changed(L); } finally { sheet.remove(); }
    }

    // -- rotation: how far html, body and the boxes of the top levels are turned (transform and rotate) ----
    function angleOf(el) {
      const s = st(el);
      let deg = 0;
      const m = /^matrix(3d)?\(([^)]*)\)/.exec(s.transform || "");
      if (m) {
        const v = m[2].split(",").map(Number);
        deg += Math.atan2(v[1], v[0]) * 180 / Math.PI;      // a, b of matrix(); m11, m12 of matrix3d()
      }
      const r = (s.rotate || "none").trim();
      if (r !== "none") {
        const parts = r.split(/\s+/), a = parts[parts.length - 1];
        const axisZ = parts.length === 1 || parts[0] === "z" || (parts.length === 4 && Number(parts[0]) === 0 &&
                                                                 Number(parts[1]) === 0);
        const n = parseFloat(a);
        if (axisZ && !isNaN(n)) deg += /turn$/.test(a) ? n * 360 : /rad$/.test(a) ? n * 180 / Math.PI : /grad$/.test(a) ? n * 0.9 : n;
      }
      return ((deg % 360) + 360) % 360;
    }
    function rotation() {
      fresh();
      const out = [];
      const add = (el, depth) => {
        if (out.length >= 200 || !(el instanceof Element)) return;
        out.push({ selector: E.selector(el), angle: Math.round(angleOf(el) * 10) / 10,
                   text: E.text(el, 80) });
        if (depth < 3) for (const c of el.children) if (!SKIP.has(c.tagName)) add(c, depth + 1);
      };
      add(document.documentElement, 0);
      return out;
    }

    window.__elabLayout = {
      // the page as loaded, then text resize and text spacing: style changes only, laid out synchronously
      still({ zooms, css, keep }) {
        const t0 = performance.now();
        fresh();
        scrollTo(0, 0);
        const L = collect();
        L.base = L.blocks.map(measure);
        L.pairs = new Set(overlapPairs(L.base).keys());
        L.beyond = horizontal(L, null, L.base).beyond;
        const out = { blocks: L.blocks.length, readability: readability(L), rotation: rotation(), timing: {} };
        out.timing.baseline = Math.round(performance.now() - t0);
        const calm = calmed();     // no transitions: measure the end state at once
        try {
          let t = performance.now();
          out.text_resize = zooms.map((zoom) => Object.assign({ zoom }, textResize(L, zoom / 100)));
          out.timing.text_resize = Math.round(performance.now() - t);
          t = performance.now();
          out.text_spacing = textSpacing(L, css);
          out.timing.text_spacing = Math.round(performance.now() - t);
        } finally { calm.remove(); }
        if (keep) window.__elabLayout.state = L; else delete window.__elabLayout;
        return out;
      },
      // after the viewport was resized: the page's answer to the new size (E.settle), then the horizontal check
      async width({ last, turned, size, cap, framed }) {
        const L = window.__elabLayout.state;
        const settled = await E.settle(size, cap, true, framed);
        const calm = calmed();   // no transitions: a box the page's answer moved is measured where it ends
        const measured = () => { fresh(); scrollTo(0, 0); return horizontal(collect(), L.beyond).result; };
        try {
          let result = measured();
          if (!settled.settled && result.offenders.length) {
            // Still answering at the limit: measured again STEADY_FRAMES frames later. What passes the edge at the
            // same place both times (its selector and right edge) stayed put while the page changed: steady, a
            // failure like any other; the rest may be gone once the page settles (reflow makes it a review).
            const before = new Map(result.offenders.map((o) => [o.selector, o.right]));
            for (let i = 0; i < STEADY_FRAMES; i++) await frame();
            result = measured();
            for (const o of result.offenders) if (before.get(o.selector) === o.right) o.steady = true;
          }
          result.settle = settled;
          if (turned) result.rotation = rotation();
          if (last) delete window.__elabLayout;
          return result;
        } finally { calm.remove(); }
      },
    };
  }
  return window.__elabLayout[arg.op](arg);
}
