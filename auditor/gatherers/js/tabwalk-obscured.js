// The Tab walk's obscured fact, read at each stop: how much of the focused element something else covers
// (2.4.11), and whether what covers it is pinned (fixed or sticky).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { deepFromPoint, containsDeep } = T;

  function pinned(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if (p === "fixed" || p === "sticky") return true;
    }
    return false;
  }

  // Sample points of the element's box in the viewport; how many are covered by something else.
  function obscured(el, r) {
    const xs = [0.5, 0.15, 0.85], ys = [0.5, 0.2, 0.8];
    let sampled = 0, covered = 0, by = null, byPinned = false;
    for (const fx of xs) for (const fy of ys) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      sampled++;
      const hit = deepFromPoint(x, y);
      if (!hit || containsDeep(el, hit) || containsDeep(hit, el)) continue;
      covered++;
      if (!by) { by = hit; byPinned = pinned(hit); }
    }
    return { sampled, covered, by: by ? E.selector(by) : "", by_pinned: byPinned };
  }

  Object.assign(T, { obscured });
})()
