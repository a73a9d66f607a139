// Text zoom for Claudia's journey (auditor/journey/zoom.py): every element's computed font size, and line height
// unless normal, multiplied by `factor` with inline !important styles once the page has loaded.
(factor) => {
  const apply = () => {
    const root = document.documentElement;
    if (!root || root.hasAttribute("data-elab-text-zoom") || !document.body) return;
    root.setAttribute("data-elab-text-zoom", String(factor));
    const els = [root, document.body, ...document.body.querySelectorAll("*")].filter((e) => e instanceof HTMLElement);
    const before = els.map((e) => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), s.lineHeight]; });
    els.forEach((e, i) => {
      e.style.setProperty("font-size", before[i][0] * factor + "px", "important");
      if (before[i][1] !== "normal") e.style.setProperty("line-height", parseFloat(before[i][1]) * factor + "px", "important");
    });
  };
  if (document.readyState === "complete") apply(); else window.addEventListener("load", apply);
}
