() => {
  const E = window.__elab;
  const { norm } = E;
  const SKIP = "h1,h2,h3,h4,h5,h6,[role=heading],a,button,label,legend,summary,th,caption,figcaption,dt," +
               "select,option,textarea,[role=button],[role=link],[role=tab],[role=menuitem],[onclick],[aria-hidden=true]";
  // a data table (one with header cells or a caption) is not a layout table: its bold cells are data
  const inDataTable = (el) => { const t = el.closest("table"); return !!t && !!t.querySelector("th, caption"); };
  // the page's masthead, where large bold text is the site's name: by markup, or by the usual class/id words
  const BANNER = "header, [role=banner], [id*=banner i], [class*=banner i], [id*=masthead i], " +
                 "[class*=masthead i], [id*=header i], [class*=header i], [class*=brand i], [class*=logo i]";
  const BLOCK = /^(block|flex|grid|list-item|table-cell|flow-root)$/;
  const own = (el) => E.slice(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  const sizes = new Map();
  const all = E.slice(document.body ? document.body.querySelectorAll("*") : []);
  for (const el of all) {
    if (!own(el)) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize) || 0;
    sizes.set(size, (sizes.get(size) || 0) + norm(el.textContent).length);
  }
  let base = 16, most = -1;
  for (const [size, weight] of sizes) if (weight > most) { most = weight; base = size; }
  // text that an element takes as its accessible description (a field's hint or error message, a link's
  // status): it belongs to that element, it does not title a section
  const describing = new Set();
  for (const el of E.slice(document.querySelectorAll("[aria-describedby]"))) {
    for (const id of (el.getAttribute("aria-describedby") || "").split(/\s+/)) if (id) describing.add(id);
  }
  const describes = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) if (n.id && describing.has(n.id)) return true;
    return false;
  };
  const out = [];
  const taken = new Set();
  for (const el of all) {
    if (out.length >= 50) break;
    if (!own(el) || el.closest(SKIP) || inDataTable(el)) continue;
    const s = getComputedStyle(el);
    if (s.cursor === "pointer") continue;  // something to click, styled bold: a fake button, not a heading
    const size = parseFloat(s.fontSize) || 0;
    const weight = parseInt(s.fontWeight, 10) || 400;
    if (weight < 600 && size < base * 1.2) continue;
    let block = el;
    while (block.parentElement && !BLOCK.test(getComputedStyle(block).display)) block = block.parentElement;
    if (taken.has(block) || block === document.body) continue;
    const text = norm(block.innerText || block.textContent);
    if (!text || text.length > 80 || text !== norm(el.innerText || el.textContent)) continue;
    if (!E.visible(el) || describes(block)) continue;
    taken.add(block);
    out.push({ selector: E.selector(block), snippet: E.snippet(block), text, tag: block.localName,
               font_size: size, font_weight: weight, base_font_size: base,
               in_banner: !!block.closest(BANNER) });
  }
  return out;
}
