(paths) => {
  const E = window.__elab;
  const find = (path) => {
    let el = document.documentElement;
    for (const step of path) {
      if (!el) return null;
      el = step === -1 ? el.shadowRoot : el.children[step];
    }
    return el;
  };
  const els = paths.map(find);
  const { norm } = E;
  const visible = E.visibility();   // nothing here changes the page
  // the text of the first node beside el that is not blank text or a comment ("" when it is an element
  // without text, such as another image)
  const near = (start, step) => {
    for (let n = start; n; n = n[step]) {
      if (n.nodeType === 8 || (n.nodeType === 3 && !n.textContent.trim())) continue;
      return (n.nodeType === 3 || n.nodeType === 1) ? norm(n.textContent).slice(0, 200) : "";
    }
    return "";
  };
  // The first font family asked for, when none of the named families is there and the browser draws the text
  // in a generic fallback (the web font did not load, or is not installed): what the author meant to show (an
  // icon font's ligature) cannot be told. Measured on a canvas, which uses the document's fonts: a family that
  // is there changes the width of a sample.
  const GENERIC = /^(serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-[a-z-]+|math|emoji|fangsong|inherit|initial)$/i;
  const fonts = new Map();
  let ctx = null;
  const available = (family) => {
    if (!fonts.has(family)) {
      ctx = ctx || document.createElement("canvas").getContext("2d");
      const sample = "mmmwwwiiilll0123";
      let there = false;
      for (const base of ["monospace", "serif"]) {
        ctx.font = `40px ${base}`; const plain = ctx.measureText(sample).width;
        ctx.font = `40px "${family}", ${base}`;
        if (ctx.measureText(sample).width !== plain) { there = true; break; }
      }
      fonts.set(family, there);
    }
    return fonts.get(family);
  };
  const missingFont = (p) => {
    const named = getComputedStyle(p).fontFamily.split(",").map((f) => f.trim().replace(/^["']|["']$/g, ""))
      .filter((f) => f && !GENERIC.test(f));
    return named.length && !named.some(available) ? named[0] : "";
  };
  // Header cells of a table that no cell is assigned to (ACT "assigned cells"; the HTML table model): a cell
  // with a headers attribute has those headers; any other cell has the header cells above it in its columns
  // (column headers) and left of it in its rows (row headers), as scope (or the ARIA role) allows. Visible
  // header cells only; null when the table has none left alone.
  const CELL_ROLES = /^(cell|gridcell|columnheader|rowheader)$/;
  // The table's cells laid on its grid (x, y, width, height in slots), each with whether it is a header cell
  // and its scope; null for a table of no rows or over 500.
  const tableGrid = (table) => {
    const aria = table.localName !== "table";
    const rows = aria ? [...table.querySelectorAll("[role=row]")].filter((r) => r.closest("table, [role=table], [role=grid], [role=treegrid]") === table)
                      : [...table.rows].filter((r) => r.closest("table") === table);
    if (!rows.length || rows.length > 500) return null;
    const cells = [], taken = [];
    rows.forEach((row, y) => {
      const own = aria ? [...row.children].filter((c) => CELL_ROLES.test(c.getAttribute("role") || ""))
                       : [...row.cells];
      let x = 0;
      for (const c of own) {
        taken[y] = taken[y] || [];
        while (taken[y][x]) x++;
        const w = aria ? 1 : Math.max(1, c.colSpan || 1), h = aria ? 1 : Math.max(1, c.rowSpan || 1);
        for (let dy = 0; dy < h && y + dy < rows.length; dy++) {
          taken[y + dy] = taken[y + dy] || [];
          for (let dx = 0; dx < w; dx++) taken[y + dy][x + dx] = true;
        }
        const role = (c.getAttribute("role") || "").trim();
        const header = role ? /header$/.test(role) : c.localName === "th";
        const scope = role === "columnheader" ? "col" : role === "rowheader" ? "row"
                    : (c.getAttribute("scope") || "").toLowerCase();
        cells.push({ el: c, x, y, w, h, header, scope });
        x += w;
      }
    });
    return { aria, cells };
  };
  // Whether header cell hd is assigned to cell c: c's headers attribute names it, or (without one) hd is above
  // c in its columns or left of it in its rows, as hd's scope allows.
  const assignedTo = (hd, c, aria) => {
    if (c === hd) return false;
    const ids = (c.el.getAttribute("headers") || "").trim();
    if (ids && !aria) return !!hd.el.id && ids.split(/\s+/).includes(hd.el.id);
    const colOk = hd.scope !== "row" && hd.scope !== "rowgroup" && hd.y < c.y && hd.x < c.x + c.w && c.x < hd.x + hd.w;
    const rowOk = hd.scope !== "col" && hd.scope !== "colgroup" && hd.x < c.x && hd.y < c.y + c.h && c.y < hd.y + hd.h;
    return colOk || rowOk;
  };
  // One grid a table, however many of its links and whether the table itself is asked about.
  const grids = new Map();
  const gridOf = (table) => {
    if (!grids.has(table)) grids.set(table, tableGrid(table));
    return grids.get(table);
  };
  // The text of the header cells assigned to a cell (a link's "programmatically determined link context").
  const cellHeaders = (cell) => {
    const table = cell.closest("table");
    const grid = table && gridOf(table);
    const own = grid && grid.cells.find((c) => c.el === cell);
    if (!own) return [];
    return grid.cells.filter((hd) => hd.header && assignedTo(hd, own, grid.aria))
      .map((hd) => norm(hd.el.innerText || hd.el.textContent || "")).filter(Boolean);
  };
  const unassignedHeaders = (table) => {
    const grid = gridOf(table);
    if (!grid) return null;
    const { aria, cells } = grid;
    if (!cells.some((c) => !c.header)) return null;    // headers only (rows still to come): nothing to judge
    const lone = [];
    for (const hd of cells) {
      if (!hd.header || !visible(hd.el) || lone.length >= 20) continue;
      const assigned = cells.some((c) => assignedTo(hd, c, aria));
      if (!assigned) lone.push({ selector: E.selector(hd.el), text: E.text(hd.el, 80),
                                 role: /^row/.test(hd.scope) ? "rowheader" : "columnheader" });
    }
    return lone.length ? lone : null;
  };
  return els.map((el) => {
    if (!el || el.nodeType !== 1) return null;
    const tag = el.localName;
    const facts = { tag, selector: E.selector(el), snippet: E.snippet(el), text: E.text(el, 300),
                    visible: visible(el) };
    // ARIA that CDP's AX tree leaves out: aria-current, aria-posinset, aria-setsize
    for (const [attr, key] of [["aria-current", "current"], ["aria-posinset", "posinset"], ["aria-setsize", "setsize"]]) {
      if (el.hasAttribute(attr)) facts[key] = el.getAttribute(attr);
    }
    if (el.labels && el.labels.length) facts.labels = E.slice(el.labels).map((l) => E.text(l)).join(" ");
    // Where a name is set over the content (aria-label, aria-labelledby, title), the text a sighted user
    // sees of it: text nodes that are rendered, larger than the 1-pixel clip of "visually hidden" text and
    // not moved off the page (ACT's "visible", for label in name)
    if (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") || el.hasAttribute("title")) {
      const parts = [];
      const tw = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = tw.nextNode(), i = 0; n && i < 200; n = tw.nextNode(), i++) {
        const p = n.parentElement;
        if (!p) continue;
        if (!/\S/.test(n.nodeValue)) {          // white space between words ("Download<span> </span>specification")
          if (parts.length && (!p.checkVisibility || p.checkVisibility())) parts.push(" ");
          continue;
        }
        const range = document.createRange(); range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        let clipped = false;   // a box of 1 pixel or less on the way up clips its text (the usual hiding)
        for (let a = p; a && a !== el.parentElement; a = a.parentElement) {
          const b = a.getBoundingClientRect();
          if ((b.width <= 1 || b.height <= 1) && getComputedStyle(a).display !== "contents") { clipped = true; break; }
        }
        const shown = !clipped && (!p.checkVisibility || p.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          && r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.bottom + scrollY > 0;
        // inline boxes run together ("A" "C" "T" in three inline divs reads "ACT"); blocks are apart
        if (shown) parts.push((getComputedStyle(p).display.startsWith("inline") ? "" : " ") + n.nodeValue);
        if (shown && !facts.font_missing) { const f = missingFont(p); if (f) facts.font_missing = f; }
      }
      facts.shown_text = norm(parts.join("")).slice(0, 300);
    }
    if (tag === "table" || /^(table|grid|treegrid)$/.test(el.getAttribute("role") || "")) {
      const lone = unassignedHeaders(el);
      if (lone) facts.unassigned_headers = lone;
    }
    if (tag === "img" || tag === "svg" || (tag === "input" && el.type === "image") || el.getAttribute("role") === "img") {
      facts.alt = el.hasAttribute("alt") ? el.getAttribute("alt") : null;
      facts.title = el.getAttribute("title");
      facts.src = el.currentSrc || el.src || el.getAttribute("src") || "";
      const r = el.getBoundingClientRect();
      facts.width = Math.round(r.width); facts.height = Math.round(r.height);
      facts.natural_width = el.naturalWidth || 0; facts.natural_height = el.naturalHeight || 0;
      const fig = el.closest("figure");
      const cap = fig && fig.querySelector("figcaption");
      facts.caption = cap ? E.text(cap) : "";
      facts.before = near(el.previousSibling, "previousSibling");
      facts.after = near(el.nextSibling, "nextSibling");
      facts.in_control = !!el.closest("a[href], button, [role=button], [role=link], label");
    }
    if (tag === "a" || tag === "area") {
      facts.href = el.getAttribute("href");
      facts.target = el.getAttribute("target") || "";
      facts.download = el.hasAttribute("download");
      let block = el.closest("p, li, td, th, dd");
      if (!block) {
        // the same sentence (WCAG's link context) outside those elements: the block the link's line is in,
        // where text runs on from the link itself ("Read more about the W3C WAI" in a div); a row of links
        // with no words between them is no sentence
        let b = el.parentElement;
        while (b && b !== document.body && /^(inline|contents)$/.test(getComputedStyle(b).display)) b = b.parentElement;
        const beside = [el.previousSibling, el.nextSibling].some((n) => n && n.nodeType === 3 && /[\p{L}\p{N}]/u.test(n.nodeValue));
        if (b && b !== document.body && beside && norm(b.innerText || "").length <= 300) block = b;
      }
      // WCAG's "programmatically determined link context" (ACT's definition): the text of the link's ancestor
      // paragraph, list items (a nested list's item is also in its parent item) and table cell, and the header
      // cells assigned to that cell by the HTML table model. A plain cell beside it is not: its words are not
      // read with the link (ACT 5effbb, technique H80).
      const own = el.innerText || "";
      const parts = [block ? (block.innerText || block.textContent || "").replace(own, " ") : ""];
      for (let li = block && block.parentElement && block.parentElement.closest("li"); li && parts.length < 4;
           li = li.parentElement && li.parentElement.closest("li")) {
        parts.push((li.innerText || li.textContent || "").replace(own, " "));
      }
      const cell = el.closest("td, th");
      if (cell) parts.push(...cellHeaders(cell));
      facts.context = norm(parts.filter(Boolean).join(" ")).slice(0, 300);
    }
    return facts;
  });
}
