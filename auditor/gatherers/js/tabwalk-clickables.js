// The Tab walk's clickables: things that react to a click but that Tab never reaches (read after the walk,
// from the stops it reached and the click listeners auditor/gatherers/tab/listeners.py handed over).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { role, accName, focusableInOrder } = T;

  const COMPOSITE_ITEMS = /^(tab|option|menuitem|menuitemcheckbox|menuitemradio|treeitem|gridcell|row|radio|cell)$/;
  const WIDGET_ROLES = new RegExp("^(button|link|checkbox|radio|switch|tab|menuitem|menuitemcheckbox|menuitemradio|" +
                                  "option|treeitem|slider|spinbutton|combobox|textbox|searchbox)$");

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
})()
