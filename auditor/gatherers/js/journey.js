if (!window.__elabJ) {
  const E = window.__elab;
  const PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \u2019\u2018\u201c\u201d\u2026*";
  const norm = (t) => {
    const s = String(t || "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
    let a = 0, b = s.length;
    while (a < b && PUNCT.includes(s[a])) a++;
    while (b > a && PUNCT.includes(s[b - 1])) b--;
    return s.slice(a, b);
  };
  let counter = 0;
  const keys = new WeakMap();
  let keyCounter = 0;
  const byMark = (m) => document.querySelector("[data-elab-j=\"" + m + "\"]");
  const mark = (el) => { if (!el.hasAttribute("data-elab-j")) el.setAttribute("data-elab-j", String(++counter)); return el.getAttribute("data-elab-j"); };
  const rectOf = (el) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, width: r.width, height: r.height }; };
  const labelsOf = (el) => (el.labels ? E.slice(el.labels) : []);
  const tabbable = (el) => el.tabIndex >= 0 && !el.disabled && E.visible(el) && !el.closest("[inert]");
  const INTERACTIVE = "a[href],button,input:not([type=hidden]),select,textarea,summary,[onclick],[role=button],[role=link],[role=checkbox],[role=radio],[role=tab],[role=menuitem],[tabindex]";
  const clickable = (el) => el.matches(INTERACTIVE) || el.localName === "label" || getComputedStyle(el).cursor === "pointer";
  const FIELD = {
    fill: "input:not([type]),input[type=text],input[type=email],input[type=tel],input[type=search],input[type=url],input[type=number],input[type=password],textarea,[contenteditable=true]",
    select: "select", choose: "input[type=radio]", check: "input[type=checkbox]", uncheck: "input[type=checkbox]",
  };
  const ownText = (el) => norm(el.innerText);
  const innermost = (el, wanted) => !E.slice(el.children).some((c) => ownText(c) === wanted);
  const following = (el, sel) => E.slice(document.querySelectorAll(sel))
      .find((c) => (el.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) && E.visible(c));

  // -- visual association: the text a sighted person reads as a control's label (auditor/journey/match.py) --
  const SKIP_TAGS = new Set(["script", "style", "noscript", "template", "head", "title", "option", "optgroup", "datalist"]);
  const CONTROL = "input:not([type=hidden]),select,textarea,button";
  const TEXTISH = "input:not([type]),input[type=text],input[type=email],input[type=tel],input[type=search],input[type=url],input[type=number],input[type=password],input[type=date],textarea,select";
  const SCOPE = "li,fieldset,form";
  const overlapX = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const overlapY = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  // The page in reading order: text runs, controls, links and breaks (a block edge or <br>).
  function sequence() {
    const seq = [];
    const walk = (node) => {
      for (const ch of node.childNodes) {
        if (ch.nodeType === 3) { seq.push({ kind: ch.nodeValue.trim() ? "text" : "space", node: ch }); continue; }
        if (ch.nodeType !== 1 || SKIP_TAGS.has(ch.localName)) continue;
        if (ch.localName === "br") { seq.push({ kind: "break" }); continue; }
        if (ch.matches(CONTROL) || (ch.localName === "a" && ch.hasAttribute("href")) || ch.localName === "img") {
          if (E.visible(ch)) seq.push({ kind: ch.matches(CONTROL) ? "control" : "other", el: ch });
          continue;
        }
        const s = getComputedStyle(ch);
        if (s.display === "none") continue;
        const block = !s.display.startsWith("inline") && s.display !== "contents";
        if (block) seq.push({ kind: "break" });
        walk(ch);
        if (block) seq.push({ kind: "break" });
      }
    };
    if (document.body) walk(document.body);
    // consecutive text nodes (no break or control between) make one run of text
    const items = [];
    let run = null;
    for (const it of seq) {
      if (it.kind === "space") { if (run) run.nodes.push(it.node); continue; }
      if (it.kind !== "text") { run = null; if (it.kind !== "break" || (items.length && items[items.length - 1].kind !== "break")) items.push(it); continue; }
      const parent = it.node.parentElement;
      if (!parent || !E.visible(parent)) continue;
      if (!run) { run = { kind: "text", nodes: [] }; items.push(run); }
      run.nodes.push(it.node);
    }
    for (const it of items) {
      if (it.kind !== "text") continue;
      let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
      for (const n of it.nodes) {
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const q of range.getClientRects()) {
          if (q.width < 1 || q.height < 1) continue;
          if (!it.firstLine) it.firstLine = { left: q.left, top: q.top, right: q.right, bottom: q.bottom };
          l = Math.min(l, q.left); t = Math.min(t, q.top); r = Math.max(r, q.right); b = Math.max(b, q.bottom);
        }
      }
      it.rect = r > l ? { left: l, top: t, right: r, bottom: b } : null;
      it.text = it.nodes.map((n) => n.nodeValue).join("").replace(/\s+/g, " ").trim();
      it.first = it.nodes[0].nodeValue.replace(/\s+/g, " ").trim();      // "Name:" of "<b>Name:</b> (as on your bill)"
      const lab = it.nodes[0].parentElement.closest("label");
      it.labelOf = lab ? (lab.control || true) : null;                       // text of a <label>: a name already
      it.first_el = it.nodes[0].parentElement;
    }
    return items.filter((it) => it.kind !== "text" || (it.rect && norm(it.text)));
  }
  // Every visible form control's visual label: {el, text: run, how: "beside"|"above"|"after"}.
  // 1. a radio button or check box takes the run of text right after it (the next thing in reading order:
  //    "( ) Yes" in the same flow of text, or "Yes" in the next cell, on its line to its right), unless its line
  //    reads text first ("Yes ( ) No ( )"); 2. every other control (and a radio or
  //    check box with nothing after it) the nearest unclaimed run before it in reading order that is to its
  //    left on the same line or above it (overlapping it sideways, with no other text field between), inside
  //    the same list item, fieldset or form. A run labels one control: the nearest that chose it.
  function visualLabels() {
    const items = sequence();
    const claimed = new Map();       // run -> {el, how, dist}
    const result = new Map();        // el -> {text, how}
    const controls = [];
    items.forEach((it, i) => { if (it.kind === "control" && !it.el.matches("button,input[type=submit],input[type=reset],input[type=button],input[type=image]")) controls.push(i); });
    const rectOf2 = (el) => el.getBoundingClientRect();
    const BOX = "input[type=radio],input[type=checkbox]";
    // a line that starts with text and ends with a radio button or check box reads "Yes ( ) No ( )": text first
    const textFirst = (i) => {
      let a = i, b = i;
      while (a > 0 && items[a - 1].kind !== "break") a--;
      while (b < items.length - 1 && items[b + 1].kind !== "break") b++;
      return items[a].kind === "text" && items[b].kind === "control" && items[b].el.matches(BOX);
    };
    for (const i of controls) {
      const el = items[i].el;
      if (!el.matches(BOX) || textFirst(i)) continue;
      let j = i + 1;
      while (j < items.length && items[j].kind === "break") j++;
      const run = items[j];
      if (!run || run.kind !== "text" || run.labelOf) continue;
      const c = rectOf2(el), line = run.firstLine;
      // straight after it in the same flow of text (wrapped or not), or in the next cell to its right
      if (j === i + 1 || (line.left >= c.right - 2 && overlapY(line, c) > 0)) {
        claimed.set(run, { el, how: "after", dist: run.rect.left - c.right });
        result.set(el, { run, how: "after" });
      }
    }
    const fields = controls.filter((i) => !result.has(items[i].el));
    const wanted = new Map();        // el -> {run, how, dist}
    const textFields = fields.map((i) => items[i].el).filter((el) => el.matches(TEXTISH)).map((el) => ({ el, r: rectOf2(el) }));
    for (const i of fields) {
      const el = items[i].el;
      const c = rectOf2(el);
      const scope = el.closest(SCOPE) || document.body;
      let best = null;
      for (let j = i - 1; j >= 0; j--) {
        const run = items[j];
        if (run.kind !== "text" || run.labelOf || claimed.has(run) || !scope.contains(run.nodes[0])) continue;
        const r = run.rect;
        let how = null, dist = Infinity;
        if (r.right <= c.left + 2 && overlapY(r, c) > Math.min(4, (c.bottom - c.top) / 2)) { how = "beside"; dist = c.left - r.right; }
        else if (r.bottom <= c.top + 2 && overlapX(r, c) > 0) {
          const between = textFields.some((o) => o.el !== el && o.r.top >= r.bottom - 2 && o.r.bottom <= c.top + 2 && overlapX(o.r, c) > 0);
          if (!between) { how = "above"; dist = c.top - r.bottom; }
        }
        if (how && (!best || dist < best.dist)) best = { run, how, dist };
      }
      if (best) wanted.set(el, best);
    }
    const owner = new Map();         // run -> el (the nearest control that chose it)
    for (const [el, w] of wanted) {
      const o = owner.get(w.run);
      if (!o || wanted.get(o).dist > w.dist) owner.set(w.run, el);
    }
    for (const [run, el] of owner) result.set(el, { run, how: wanted.get(el).how });
    return result;
  }
  const runTexts = (run) => [norm(run.text), norm(run.first)];

  function facts(el) {
    return {
      mark: mark(el), tag: el.localName, type: String(el.getAttribute("type") || el.type || "").toLowerCase(),
      selector: E.selector(el), snippet: E.snippet(el, 200), text: E.text(el, 120), rect: rectOf(el),
      visible: E.visible(el), tabbable: tabbable(el), focusable: el.tabIndex >= 0 || el.isContentEditable,
      placeholder: el.getAttribute("placeholder") || "", labels: labelsOf(el).map((l) => E.text(l, 80)),
      checked: !!el.checked, value: "value" in el ? String(el.value) : "",
      options: el.localName === "select" ? E.slice(el.options).map((o) => o.text) : null,
      selectedIndex: el.localName === "select" ? el.selectedIndex : null,
    };
  }

  // is `hit` (what is at a point) the element, inside it, or one of its labels?
  function hits(el, hit) {
    if (!hit) return false;
    if (hit === el || el.contains(hit)) return true;
    return labelsOf(el).some((l) => l === hit || l.contains(hit));
  }
  function describeHit(hit) {
    if (!hit) return "nothing";
    const text = E.text(hit, 40);
    return (text ? "'" + text + "'" : "a " + hit.localName) + " (" + E.selector(hit) + ")";
  }
  // how much of the element's box is not cut off by overflow-clipping ancestors
  function shownFraction(el) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return 0;
    let l = r.left, t = r.top, rr = r.right, b = r.bottom;
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const ar = a.getBoundingClientRect();
      if (s.overflowX !== "visible") { l = Math.max(l, ar.left); rr = Math.min(rr, ar.right); }
      if (s.overflowY !== "visible") { t = Math.max(t, ar.top); b = Math.min(b, ar.bottom); }
    }
    return Math.max(0, rr - l) * Math.max(0, b - t) / (r.width * r.height);
  }
  function pointCheck(el) {
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), vh - 1);
    const hit = document.elementFromPoint(x, y);
    return { x, y, ok: hits(el, hit), covered_by: hits(el, hit) ? null : describeHit(hit), rect: rectOf(el),
             viewport: { width: vw, height: vh }, page_width: document.documentElement.scrollWidth };
  }

  window.__elabJ = {
    adopt(el) { return facts(el); },
    facts({ mark }) { const el = byMark(mark); return el ? facts(el) : null; },
    // tiers 2 and 3 of the matching order (auditor/journey/match.py): what a sighted person sees
    seen({ verb, wanted }) {
      const out = new Map();           // element -> how it was found {tier, how, text}
      const add = (el, via) => { if (!out.has(el)) out.set(el, via); };
      const shown = E.slice(document.body.querySelectorAll("*")).filter((e) => E.visible(e) && e.localName !== "script");
      if (verb === "press") {
        for (const el of shown) {
          if (ownText(el) !== wanted || !innermost(el, wanted)) continue;
          let c = el;
          for (let i = 0; c && i < 4 && !clickable(c); i++) c = c.parentElement;
          add(c && clickable(c) ? c : el, { tier: 2, how: "text", text: E.text(el, 80) });
        }
      } else {
        const sel = FIELD[verb];
        for (const c of document.querySelectorAll(sel))
          if (E.visible(c) && norm(c.getAttribute("placeholder")) === wanted) add(c, { tier: 2, how: "placeholder", text: c.getAttribute("placeholder") });
        for (const el of shown) {
          if (el.matches(sel) || ownText(el) !== wanted || !innermost(el, wanted)) continue;
          const lab = el.closest("label");
          if (lab && lab.control && lab.control.matches(sel)) add(lab.control, { tier: 2, how: "label", text: E.text(el, 80) });
        }
        for (const [el, v] of visualLabels())
          if (el.matches(sel) && runTexts(v.run).includes(wanted))
            add(el, { tier: 2, how: v.how, text: norm(v.run.text) === wanted ? v.run.text : v.run.first });
        if (!out.size) {
          // tier 3: text that labels nothing by the rules above; the next field of the kind after it
          for (const el of shown) {
            if (el.matches(sel) || ownText(el) !== wanted || !innermost(el, wanted)) continue;
            const c = following(el, sel);
            if (c) add(c, { tier: 3, how: "next", text: E.text(el, 80) });
          }
        }
      }
      return Array.from(out).map(([el, via]) => Object.assign(facts(el), { via }));
    },
    // the page's visible runs of text (for "nearest on the page" in a scenario error)
    texts() {
      const out = new Set();
      for (const it of sequence()) if (it.kind === "text" && it.text.length <= 80) out.add(it.text);
      return Array.from(out);
    },
    // scroll the element into the middle of the screen; sideways only when allowed
    reveal({ mark, sideways }) {
      const el = byMark(mark);
      if (!el) return null;
      if (sideways) el.scrollIntoView({ block: "center", inline: "center" });
      else {
        const r = el.getBoundingClientRect();
        window.scrollTo(0, window.scrollY + r.top - (window.innerHeight - r.height) / 2);
      }
      return Object.assign(pointCheck(el), { shown: shownFraction(el) });
    },
    // a point on the page where a click lands on nothing interactive (to close a pop-up)
    blankPoint({ mark }) {
      const el = byMark(mark);
      const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
      for (let y = vh - 8; y > 0; y -= 24) for (let x = vw - 8; x > 0; x -= 24) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || (el && hits(el, hit)) || hit.closest(INTERACTIVE) || hit.closest("label")) continue;
        if (getComputedStyle(hit).cursor === "pointer") continue;
        return { x, y };
      }
      return null;
    },
    // boxes of the other targets near an element (for the tremor rule)
    neighbours({ mark, radius }) {
      const el = byMark(mark);
      if (!el) return [];
      const r = el.getBoundingClientRect();
      const own = new Set([el, ...labelsOf(el)]);
      const out = [];
      const all = E.slice(document.querySelectorAll(INTERACTIVE + ",label"));
      for (const o of all) {
        if (own.has(o) || o.contains(el) || el.contains(o) || !E.visible(o)) continue;
        if (o.localName === "label" && (!o.control || own.has(o.control))) continue;
        const b = o.getBoundingClientRect();
        if (b.right < r.left - radius || b.left > r.right + radius || b.bottom < r.top - radius || b.top > r.bottom + radius) continue;
        out.push({ x: b.left, y: b.top, width: b.width, height: b.height, selector: E.selector(o) });
      }
      return out;
    },
    // keyboard: where is focus now, and is it the target (or a radio of the target's group)?
    focusStep({ mark }) {
      const t = byMark(mark);
      const a = document.activeElement;
      const body = !a || a === document.body || a === document.documentElement;
      let key = "body";
      if (!body) { if (!keys.has(a)) keys.set(a, ++keyCounter); key = "k" + keys.get(a); }
      let backwards = false;
      if (!body && this.prev && this.prev.isConnected && this.prev !== a)
        backwards = !!(a.compareDocumentPosition(this.prev) & Node.DOCUMENT_POSITION_FOLLOWING);
      this.prev = body ? null : a;
      const reached = !!t && !body && (a === t || t.contains(a) ||
        (t.type === "radio" && a.type === "radio" && !!a.name && a.name === t.name && a.form === t.form));
      return { key, body, backwards, reached, label: body ? "" : (E.text(a, 40) || a.getAttribute("placeholder") || a.localName),
               selector: body ? "body" : E.selector(a) };
    },
    // keyboard: the Tab distance in document order, and which way the target lies
    tabPlan({ mark }) {
      const t = byMark(mark);
      this.prev = null;
      if (!t) return { natural: null, backwards: false };
      const list = E.slice(document.body.querySelectorAll("*")).filter(tabbable);
      let target = t;
      if (t.type === "radio" && t.name) {
        const group = list.filter((r) => r.type === "radio" && r.name === t.name && r.form === t.form);
        target = group.find((r) => r.checked) || group[0] || t;
      }
      const ti = list.indexOf(target), a = document.activeElement;
      const ai = a && a !== document.body ? list.indexOf(a) : -1;
      const backwards = !!(a && a !== document.body && (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING));
      if (ti < 0) return { natural: null, backwards };
      return { natural: ai < 0 ? ti + 1 : Math.abs(ti - ai), backwards };
    },
    // keyboard: the radios of the target's group, where focus and the target are in it
    radioPlan({ mark }) {
      const t = byMark(mark);
      const group = E.slice(document.querySelectorAll("input[type=radio]"))
        .filter((r) => r.name === t.name && r.form === t.form && !r.disabled);
      return { at: group.indexOf(document.activeElement), target: group.indexOf(t), checked: t.checked, size: group.length };
    },
    value({ mark }) { const el = byMark(mark); return el ? { value: "value" in el ? String(el.value) : "", checked: !!el.checked, selectedIndex: el.selectedIndex ?? null } : null; },
    activeIs({ mark }) { const t = byMark(mark); return !!t && document.activeElement === t; },
    jsClick({ mark }) { const el = byMark(mark); if (el) el.click(); return !!el; },
    text() { return (document.body ? document.body.innerText : "") || ""; },
    heading() { const h = document.querySelector("h1") || document.querySelector("h2"); return h ? E.text(h, 80) : document.title; },
  };
}
