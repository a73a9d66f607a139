// The Tab walk's skip link facts: whether a stop is an in-page link and where it points, and where focus and
// the scroll are after it is activated (auditor/gatherers/tab/skiplink.py presses the keys).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { deepActive } = T;

  function fragmentTarget(a) {
    const href = a.getAttribute("href") || "";
    let hash = "";
    if (href.startsWith("#")) hash = href.slice(1);
    else {
      try {
        const u = new URL(a.href, location.href);
        const here = u.origin === location.origin && u.pathname === location.pathname && u.search === location.search;
        if (u.hash && here) hash = u.hash.slice(1);
      } catch (e) { hash = ""; }
    }
    if (!hash || hash === "top") return null;
    let id = hash;
    try { id = decodeURIComponent(hash); } catch (e) { id = hash; }
    return { hash, el: document.getElementById(id) || document.getElementsByName(id)[0] || null };
  }

  // The element stop `id`'s in-page link points at, or null.
  const targetOf = (id) => {
    const a = T.seen[id];
    const t = a ? fragmentTarget(a) : null;
    return (t && t.el) || null;
  };

  // Is stop `id` an in-page link, and where does it point?
  T.inPageLink = (id) => {
    const a = T.seen[id];
    if (!a || a.localName !== "a") return null;
    const t = fragmentTarget(a);
    if (!t) return null;
    const main = document.querySelector("main, [role=main]");
    const target = t.el;
    return {
      href: a.getAttribute("href"), target_exists: !!target, target_selector: target ? E.selector(target) : "",
      target_visible: target ? E.visible(target) : false,
      target_is_main: !!(target && main && (target === main || main.contains(target) || target.contains(main) ||
        !!(target.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING) &&
        target.parentElement === main.parentElement)),
    };
  };

  // The first in-page link among stops `ids` (the first three), as [its index in ids, what inPageLink says]; when
  // its target exists, it is focused, at the top of the page, ready for Enter (one round trip for the lot).
  T.skipStart = (ids) => {
    for (let i = 0; i < ids.length; i++) {
      const info = T.inPageLink(ids[i]);
      if (!info) continue;
      if (info.target_exists) {
        info.url = location.href;
        window.scrollTo(0, 0);
        T.focusId(ids[i]);
      }
      return [i, info];
    }
    return null;
  };

  // Where Enter on the link landed (T.skipState), with `frames`: read at once (0) where nothing could make it read
  // differently a frame or two later, else after two frames (2) for the page's scripts to answer. Nothing could
  // when a Tab's stop read at its key-up would not change a frame later either (T.frameChanges: a still page, or
  // a scripted one whose scripts have nothing due and no scroll listener, and no animation running; whatever the
  // link's click handlers did at once is done by the key's answer), the page's scripts cannot answer the
  // fragment navigation later (no "hashchange", "popstate" or Navigation API listener, no ResizeObserver: the
  // browser layer's record, js/quiet.js, asked with a cancelable "__elab-unrouted" event; a page without the
  // record leaves it uncancelled), and the target is in no <details>, which the navigation opens, queueing its
  // "toggle" event (a still page has no script that could listen, nor a toggle attribute handler: on... attributes
  // make a page scripted).
  const routed = () => !T.still && !E.recordSays("__elab-unrouted");
  T.skipLanded = (id) => {
    const target = targetOf(id);
    if (!T.frameChanges() && !(target && target.closest("details")) && !routed()) {
      return Object.assign(T.skipState(id), { frames: 0 });
    }
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      .then(() => Object.assign(T.skipState(id), { frames: 2 }));
  };

  // Where focus and the scroll are after the link was activated; with `url` (where the page was before), the
  // page's address is put back to it if activating the link changed only its fragment.
  T.skipState = (id, url) => {
    const target = targetOf(id);
    const active = deepActive().el;
    let after = false, inView = false;
    if (target) {
      const r = target.getBoundingClientRect();
      inView = r.bottom > 0 && r.top < innerHeight;
    }
    if (target && active && active !== document.body) {
      after = target === active || target.contains(active) ||
              !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
    }
    const state = { scroll_y: window.scrollY, hash: location.hash, active: active && active !== document.body ? E.selector(active) : "",
                    after_target: after, target_in_view: inView };
    if (url && location.href !== url && location.href.split("#")[0] === url.split("#")[0]) {
      history.replaceState(history.state, "", url);
    }
    return state;
  };
})()
