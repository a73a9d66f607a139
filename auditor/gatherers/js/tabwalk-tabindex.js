// The Tab walk's positive tabindex fact: elements with tabindex > 0 and the stop each became (read after
// the walk).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { role, accName } = T;

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
})()
