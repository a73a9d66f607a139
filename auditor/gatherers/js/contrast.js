// Page side of the rendered-contrast measure (auditor/gatherers/rendered_contrast.py).
// One function expression, called with {op, targets?}:
//   op "read":  for each target selector, the element's own text boxes (document px), its colour, the opacity
//               of it and its ancestors, its font size and weight; null where the selector finds nothing.
//   op "hide":  makes the targets' text transparent (and stops transitions), through a constructed style
//               sheet: no attribute of the page's elements changes. Resolves after two frames.
//   op "show":  puts the text back; transitions are held off until the colours are back, so nothing fades in.
//   op "scroll": scrolls to {x, y} and resolves after two frames; returns the scroll position reached.
(arg) => {
  const state = window.__elabContrast || (window.__elabContrast = { sheet: null, hold: null });
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
  const adopt = (sheet) => { document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; };
  const drop = (sheet) => { document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet); };
  const rule = (targets, body) => targets.map((t) => `${t}, ${t} * { ${body} }`).join("\n");   // one rule each: a bad selector drops only its own

  if (arg.op === "read") {
    return arg.targets.map((target) => {
      let el = null;
      try { el = document.querySelector(target); } catch (e) { el = null; }
      if (!el) return null;
      const rects = [];
      for (const child of el.childNodes) {
        if (child.nodeType !== 3 || !child.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(child);
        for (const r of range.getClientRects()) {
          if (r.width < 1 || r.height < 1) continue;
          rects.push({ x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height });
        }
      }
      const style = getComputedStyle(el);
      let opacity = 1;
      for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
      return { rects, color: style.color, opacity, fontSize: parseFloat(style.fontSize) || 0,
               fontWeight: Number(style.fontWeight) || 400 };
    });
  }
  if (arg.op === "hide") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rule(arg.targets, "color: transparent !important; -webkit-text-fill-color: transparent !important;"
      + " text-decoration-color: transparent !important; caret-color: transparent !important;"
      + " transition: none !important; animation-play-state: paused !important;"));
    state.sheet = sheet;
    state.targets = arg.targets;
    adopt(sheet);
    return frames();
  }
  if (arg.op === "show") {
    if (!state.sheet) return true;
    const hold = new CSSStyleSheet();
    hold.replaceSync(rule(state.targets, "transition: none !important;"));
    adopt(hold);
    drop(state.sheet);
    state.sheet = null;
    for (const t of state.targets) {   // the colours are back while transitions are off ...
      try { for (const el of document.querySelectorAll(t)) getComputedStyle(el).color; } catch (e) { /* skip */ }
    }
    document.body && document.body.offsetWidth;
    return frames().then(() => { drop(hold); return true; });   // ... so nothing fades in afterwards
  }
  if (arg.op === "scroll") {
    window.scrollTo(arg.x, arg.y);
    return frames().then(() => ({ x: window.scrollX, y: window.scrollY, height: window.innerHeight,
                                  width: window.innerWidth }));
  }
  return null;
}
