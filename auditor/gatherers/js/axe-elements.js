(targets) => targets.map((t) => {
  let el = null;
  try { el = document.querySelector(t); } catch (e) { el = null; }
  return el ? window.__elab.selector(el) : "";
})
