// The Tab walk's targets: the box of every visible link, button, field and widget, and whether it sits in a
// sentence (read after the walk, for target size).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { role, accName } = T;

  const TARGETS = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, [onclick], ' +
    '[tabindex]:not([tabindex="-1"]), [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], ' +
    '[role=tab], [role=menuitem], [role=option], [role=slider]';

  const WORDY = /[\p{L}\p{N}]{2}/u;

  // In a sentence: a word of non-target text right before or after it on its line.
  function inSentence(el) {
    if (!getComputedStyle(el).display.startsWith("inline")) return false;
    let outer = el;
    while (outer.parentElement && getComputedStyle(outer.parentElement).display === "inline") outer = outer.parentElement;
    for (const step of ["previousSibling", "nextSibling"]) {
      let n = outer[step];
      while (n && n.nodeType === 3 && !n.textContent.trim()) n = n[step];
      if (!n) continue;
      if (n.nodeType === 3 && WORDY.test(n.textContent)) return true;
      if (n.nodeType === 1 && n.localName !== "label" && getComputedStyle(n).display === "inline" && !n.matches(TARGETS) &&
          !n.querySelector(TARGETS) && WORDY.test(E.text(n))) return true;
    }
    return false;
  }

  T.targets = () => {
    const out = [];
    for (const el of document.querySelectorAll(TARGETS)) {
      if (out.length >= 500) break;
      if (el.disabled || !E.visible(el) || el.closest("[aria-hidden=true], [inert]")) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || r.right + scrollX <= 0 || r.bottom + scrollY <= 0) continue;
      const [name] = accName(el);
      const s = getComputedStyle(el);
      const ua = el.localName === "input" && /^(checkbox|radio)$/.test(el.type) && s.appearance !== "none";
      out.push({ selector: E.selector(el), tag: el.localName, role: role(el), name, box: E.box(el),
                 inline: inSentence(el), ua_control: ua, snippet: E.snippet(el, 200) });
    }
    return out;
  };
})()
