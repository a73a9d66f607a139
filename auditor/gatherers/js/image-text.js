// Page side of the images-of-text gatherer (auditor/gatherers/image_text.py).
// One function expression, called with {op, ...}:
//   op "find": the images a person sees that are big enough to hold readable text ({minWidth, minHeight,
//              minArea}): <img>, <input type=image>, and elements drawn with a CSS background image (url(),
//              not a gradient) that hold no text of their own. For each: selector, snippet, role, name (its
//              text alternative: aria-labelledby, aria-label, alt, title), kind, box (document px), hidden
//              (alt="" or out of the accessibility tree), and where it is: homeLink (it is, or is the only
//              content of, a link to the site's home page), banner (inside header/role=banner, not in a
//              sectioning element), largest first, at most {max}.
//   op "hide": makes the page's text transparent through a constructed style sheet (no element changes), so
//              a screenshot of an image shows the image and not text laid over it; scrolls to {x, y} first
//              when given. Resolves after two frames: the scroll position and the viewport's size.
//   op "show": takes the sheet away; scrolls to {x, y} when given (no wait: the next capture draws a frame).
//   op "scroll": scrolls to {x, y} and resolves after two frames: the scroll position and the viewport's size.
(arg) => {
  const E = window.__elab;
  const state = window.__elabImageText || (window.__elabImageText = { sheet: null });
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));

  const view = () => ({ x: window.scrollX, y: window.scrollY, width: window.innerWidth, height: window.innerHeight });
  if (arg.op === "hide") {
    if (typeof arg.x === "number") window.scrollTo(arg.x, arg.y);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("*, *::before, *::after { color: transparent !important;"
      + " -webkit-text-fill-color: transparent !important; text-shadow: none !important;"
      + " text-decoration-color: transparent !important; caret-color: transparent !important;"
      + " transition: none !important; animation-play-state: paused !important; }");
    state.sheet = sheet;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return frames().then(view);
  }
  if (arg.op === "show") {
    const sheet = state.sheet;
    state.sheet = null;
    if (sheet) {
      // The colours come back with transitions still off (a style read applies them at once), then the sheet
      // goes: text with a colour transition of its own does not fade in from transparent under later shots.
      sheet.replaceSync("*, *::before, *::after { transition: none !important; }");
      getComputedStyle(document.documentElement).color;
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    if (typeof arg.x === "number") window.scrollTo(arg.x, arg.y);
    return true;
  }
  if (arg.op === "scroll") {
    window.scrollTo(arg.x, arg.y);
    return frames().then(view);
  }
  if (arg.op !== "find") return null;

  const byIds = (el, attr) => (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean);
  const { norm } = E;
  function nameOf(el) {
    const labelled = byIds(el, "aria-labelledby").map((n) => norm(n.textContent)).join(" ").trim();
    if (labelled) return labelled;
    const label = norm(el.getAttribute("aria-label"));
    if (label) return label;
    if (el.hasAttribute("alt")) return norm(el.getAttribute("alt"));
    return norm(el.getAttribute("title"));
  }
  function outOfTree(el) {
    if (el.localName === "img" && el.getAttribute("alt") === "" && !el.hasAttribute("aria-label")
        && !el.hasAttribute("aria-labelledby")) return true;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (n.getAttribute("aria-hidden") === "true") return true;
    }
    const role = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    return role === "presentation" || role === "none";
  }
  function homeLink(el) {
    const link = el.closest("a[href]");
    if (!link) return false;
    let url;
    try { url = new URL(link.href, document.baseURI); } catch (e) { return false; }
    if (url.origin !== location.origin || !/^\/?(index\.[a-z]+)?$/i.test(url.pathname) || url.search) return false;
    return !norm(link.textContent);   // the picture is what the link shows
  }
  function banner(el) {
    for (let n = el.parentElement; n; n = n.parentElement) {
      const role = n.getAttribute("role");
      if (role === "banner") return true;
      if (n.localName === "header") {
        let inside = false;
        for (let m = n.parentElement; m; m = m.parentElement) {
          if (/^(article|aside|main|nav|section)$/.test(m.localName)) inside = true;
        }
        return !inside;
      }
    }
    return false;
  }
  function hasOwnText(el) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) if (t.textContent.trim()) return true;
    return false;
  }
  const big = (r) => r.width >= arg.minWidth && r.height >= arg.minHeight && r.width * r.height >= arg.minArea;
  const found = [];
  const seen = new Set();
  const add = (el, kind) => {
    if (seen.has(el)) return;
    seen.add(el);
    const r = el.getBoundingClientRect();
    if (!big(r) || !E.visible(el)) return;
    found.push({ el, kind, area: r.width * r.height });
  };
  for (const el of document.querySelectorAll("img, input[type=image i]")) {
    if (el.localName === "img" && !(el.complete && el.naturalWidth > 0)) continue;   // a broken image shows no picture
    add(el, el.localName === "img" ? "img" : "input");
  }
  const all = document.body ? document.body.getElementsByTagName("*") : [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (seen.has(el) || el.localName === "img" || el.localName === "input") continue;
    const bg = getComputedStyle(el).backgroundImage;
    if (!bg || bg === "none" || !/url\(/.test(bg)) continue;
    const r = el.getBoundingClientRect();
    if (!big(r) || hasOwnText(el)) continue;
    add(el, "background");
  }
  found.sort((a, b) => b.area - a.area);
  return { total: found.length, images: found.slice(0, arg.max).map(({ el, kind }) => ({
    selector: E.selector(el), snippet: E.snippet(el), kind,
    role: el.getAttribute("role") || (kind === "input" ? "button" : kind === "img" ? "img" : ""),
    name: nameOf(el), hidden: outOfTree(el), homeLink: homeLink(el), banner: banner(el), box: E.box(el),
  })) };
}
