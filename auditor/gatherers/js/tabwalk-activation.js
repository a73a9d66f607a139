// The Tab walk's activation facts: how each stop can be worked (who listens for clicks and keys: itself, an
// ancestor, the page) and, for links, what the href does (read after the walk).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { role, accName } = T;

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
})()
