// Shared helpers for every gatherer's page-side script. Installed once per document as window.__elab.
// Keep it free of globals other than __elab and robust to pages that override built-ins.
(() => {
  if (window.__elab) return;
  const AP = Array.prototype;
  const slice = (list) => AP.slice.call(list);
  const cssEscape = (s) => (window.CSS && CSS.escape) ? CSS.escape(s) : String(s).replace(/[^a-zA-Z0-9_-]/g, (c) => "\\" + c);

  function selector(el) {
    if (!el || el.nodeType !== 1) return "";
    if (el.id && document.querySelectorAll("#" + cssEscape(el.id)).length === 1) return "#" + cssEscape(el.id);
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      let part = node.localName;
      if (node.id && document.querySelectorAll("#" + cssEscape(node.id)).length === 1) {
        parts.unshift("#" + cssEscape(node.id));
        break;
      }
      const parent = node.parentElement;
      if (parent) {    // its place among the siblings of its type, counted without copying the child list
        let before = 0, after = 0;
        for (let c = node.previousElementSibling; c; c = c.previousElementSibling) if (c.localName === node.localName) before++;
        for (let c = node.nextElementSibling; c && !after; c = c.nextElementSibling) if (c.localName === node.localName) after++;
        if (before || after) part += ":nth-of-type(" + (before + 1) + ")";
      }
      parts.unshift(part);
      node = parent;
    }
    if (!parts.length || !parts[0].startsWith("#")) parts.unshift("html");
    return parts.join(" > ");
  }

  function box(el) {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left + window.scrollX), y: Math.round(r.top + window.scrollY),
             width: Math.round(r.width), height: Math.round(r.height) };
  }

  // visible(el), for a run of reads over a page that does not change meanwhile (no await, focus, click or
  // write in between): each element is judged once, and each ancestor's styles are read once for all the
  // elements under it (visible() walks every element's ancestors again).
  function visibility() {
    const judged = new Map();
    const hides = new Map();    // element -> it or an ancestor hides (display, visibility) or clips it away
    const hidden = (el) => {
      const chain = [];
      let n = el, known = false;
      for (; n && n.nodeType === 1; n = n.parentElement) {
        if (hides.has(n)) { known = hides.get(n); break; }
        chain.push(n);
      }
      for (let i = chain.length - 1; i >= 0; i--) {
        if (!known) {
          const ns = getComputedStyle(chain[i]);
          known = ns.display === "none" || ns.visibility === "hidden" ||
                  ns.clip === "rect(0px, 0px, 0px, 0px)" || ns.clipPath === "inset(50%)";
        }
        hides.set(chain[i], known);
      }
      return known;
    };
    const judge = (el) => {
      const s = getComputedStyle(el);
      if (s.visibility === "hidden" || s.display === "none" || Number(s.opacity) === 0) return false;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) {
        // a zero-size inline wrapper may still show visible children
        return slice(el.children).some((c) => seen(c));
      }
      return !hidden(el);
    };
    const seen = (el) => {
      if (!el || !el.isConnected) return false;
      let v = judged.get(el);
      if (v === undefined) { v = judge(el); judged.set(el, v); }
      return v;
    };
    return seen;
  }

  // Whether el is shown: not hidden, transparent or clipped away by itself or an ancestor, and not of zero size
  // (unless it holds a visible child). The page as it is now (see visibility() for many reads at once).
  function visible(el) {
    return visibility()(el);
  }

  function snippet(el, max = 300) {
    if (!el || el.nodeType !== 1) return "";
    const html = el.outerHTML || "";
    if (html.length <= max) return html;
    const open = html.slice(0, html.indexOf(">") + 1);
    return (open.length <= max ? open : open.slice(0, max)) + "…";
  }

  // A text with its runs of white space made one space, trimmed ("" for none).
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();

  function text(el, max = 200) {
    return norm(el && (el.innerText || el.textContent)).slice(0, max);
  }

  // A computed CSS colour ("rgb(r, g, b)", "rgba(r, g, b, a)", "rgb(r g b / a)") as [r, g, b, alpha]; null for
  // anything else (a keyword, color(), oklch()...).
  function rgba(colour) {
    const m = /rgba?\(([^)]*)\)/.exec(colour || "");
    if (!m) return null;
    const v = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return v.length >= 3 ? [v[0], v[1], v[2], v.length > 3 ? v[3] : 1] : null;
  }

  // A cheap accessible name and where it came from, in the accessible-name computation's order (accname 1.2
  // step 2B aria-labelledby, 2C aria-label, 2D the host language's label: label, alt, value; 2F contents;
  // 2I title; then placeholder). For the page's controls where the accessibility tree is not asked.
  function accName(el) {
    const by = (el.getAttribute("aria-labelledby") || "").trim();
    if (by) {
      const s = by.split(/\s+/).map((id) => text(document.getElementById(id))).join(" ").trim();
      if (s) return [s, "aria-labelledby"];
    }
    const label = (el.getAttribute("aria-label") || "").trim();
    if (label) return [label, "aria-label"];
    if (el.labels && el.labels.length) {
      const s = slice(el.labels).map((l) => text(l)).join(" ").trim();
      if (s) return [s, "label"];
    }
    if (el.localName === "img" || el.localName === "area" || (el.localName === "input" && el.type === "image")) {
      const alt = (el.getAttribute("alt") || "").trim();
      if (alt) return [alt, "alt"];
    }
    if (el.localName !== "input" && el.localName !== "select" && el.localName !== "textarea") {
      const t = text(el);
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

  // The element that has focus, through open shadow roots and same-origin frames ({el, frame}: frame, the
  // outermost frame element focus is in, or null).
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

  // After the viewport was set to `size` ({width, height}; `moved`: it was another size before): wait until the
  // page has answered the change, as the browser layer's record of that answer says (window.__elabSize,
  // js/quiet.js): the browser's resize event at that size dispatched, no timer or animation frame of the answer
  // pending, and a whole frame (its resize event, animation frames, layout and ResizeObserver callbacks) gone by
  // in which none of the answer's callbacks ran. A page that has no way to answer by script (the record's
  // "__elab-no-answer": no resize or media query listener, no ResizeObserver, no frame of its own, nothing due) is
  // not waited for at all once the new size is laid out (frames 0: its CSS's answer is laid out as it is read); one
  // that could answer but did not waits one frame. At most `cap` ms: {ms, frames, settled, answered} (settled
  // false: still answering at the cap; answered: some of its script answered the change). Without the record (a
  // page opened without the browser layer) it waits one frame; from an isolated world the record answers the
  // question but its bookkeeping cannot be read: one frame too where the page may answer.
  // The browser layer's record's answer to a cancelable question (js/quiet.js's "__elab-soon", "__elab-no-answer",
  // "__elab-unrouted"), asked from an isolated world, where the record itself cannot be seen but the page's
  // dispatchEvent cannot stand in for the browser's: true when the record cancelled it (yes); false when it did
  // not, when nothing answered (a page without the record), or when asking failed.
  const recordSays = (question) => {
    try { return !window.dispatchEvent(new Event(question, { cancelable: true })); } catch (e) { return false; }
  };
  // (the record's own function in the page's world, whose dispatchEvent the page may have replaced; from another
  // world, its answer to the question)
  const unanswerable = (S) => {
    try {
      if (S) return typeof S.deaf === "function" && S.deaf() === true;
      return recordSays("__elab-no-answer");
    } catch (e) { return false; }
  };
  async function settle(size, cap, moved, framed) {
    const S = window.__elabSize;
    // the browser's own clock and timer, as the init script kept them (a page may have replaced its own since)
    const clock = S && typeof S.now === "function" ? S.now : () => performance.now();
    const later = S && typeof S.later === "function" ? S.later : (f, ms) => setTimeout(f, ms);
    const t0 = clock();
    const wanted = size.width + "x" + size.height;
    const state = { ms: 0, frames: 0, settled: true, answered: false };
    let sized = 0;   // frames that began at the new size
    const live = () => {   // when the answer's first timer is due (one long overdue has gone with its document)
      const now = clock();
      let next = Infinity;
      for (const [id, due] of S.timers) {
        if (due < now - 1000) S.timers.delete(id); else next = Math.min(next, due);
      }
      return next;
    };
    // The resize event at the new size has been dispatched (the record says so, or a second frame began at that
    // size: Chromium sends it in the frame after the first layout at a new size; a document.open() erases the
    // record's listener with the page's own), and nothing of the answer is pending or ran since `runs`.
    const quiet = (runs) => (!moved || S.resized === wanted || sized >= 2) && !S.frames.size &&
                            live() === Infinity && S.runs === runs;
    // A frame (true; false: none came in 50 ms). Where a ResizeObserver may answer, up to the task after it:
    // observers are told after the frame's animation frames (ours among them); else up to our animation frame,
    // which comes after the frame's resize and media query events.
    const frame = (runs) => new Promise((resolve) => {
      let done = false;
      const fin = (drawn) => { if (!done) { done = true; resolve(drawn); } };
      requestAnimationFrame(() => {
        if (innerWidth + "x" + innerHeight === wanted) sized++;
        if (!S || (!S.observers && quiet(runs))) fin(true); else later(() => fin(true), 0);
      });
      later(() => fin(false), 50);
    });
    // Nothing of the page's can answer the change (js/quiet.js's record; asked, as the walk asks, from any world)
    // and the new size is the one laid out: measured at once.
    // (`framed`: the caller knows of frames inside the page, which may answer their own size, such as those in
    // shadow trees that the window's frame count leaves out)
    if (!framed && innerWidth + "x" + innerHeight === wanted && unanswerable(S)) return state;
    const first = S ? S.runs : 0;
    if (S && (S.frames.size || live() < Infinity)) state.answered = true;
    for (;;) {
      const runs = S ? S.runs : 0;
      if (await frame(runs)) state.frames++;
      const now = clock();
      state.ms = Math.round(now - t0);
      if (!S) {
        if (state.frames || now - t0 >= cap) break;
        continue;
      }
      if (S.runs !== first) state.answered = true;
      if (state.frames && quiet(runs)) break;
      if (now - t0 >= cap) { state.settled = false; break; }
      const next = live();
      if (!S.frames.size && next < Infinity && S.runs === runs) {   // only timers to come: sleep till the first
        await new Promise((resolve) => later(resolve, Math.max(0, Math.min(next, t0 + cap) - now)));
      }
    }
    return state;
  }

  window.__elab = { selector, box, visible, visibility, snippet, text, norm, slice, rgba, accName, deepActive,
                    settle, recordSays };
})();
