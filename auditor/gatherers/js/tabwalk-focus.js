// The Tab walk's focus facts, read at each stop (tabwalk.js calls them from snapshot()): the style key a stop
// shares its focus measure by, whether its ring is drawn in full, whether its focus is certain from computed
// styles alone, and the region round it where a focus indicator may be drawn. Python measures the pixels
// (auditor/gatherers/tab/focus.py).
(() => {
  const E = window.__elab;
  const T = window.__elabTab;
  const { deepFromPoint, containsDeep } = T;

  // What a focus indicator can change, read from computed styles: a stop whose element, pseudo-elements,
  // parent and neighbours look the same focused, whose element looked the same unfocused, on the same
  // background, as an earlier stop's, shares that stop's focus indicator (see _Walk._focus_pixels).
  const FOCUS_PROPS = ["outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
    "background-color", "background-image", "color", "border-top-style", "border-top-width", "border-top-color",
    "border-right-style", "border-right-width", "border-right-color", "border-bottom-style", "border-bottom-width",
    "border-bottom-color", "border-left-style", "border-left-width", "border-left-color", "text-decoration-line",
    "text-decoration-color", "text-decoration-style", "text-decoration-thickness", "opacity", "transform", "filter",
    "font-weight", "display", "visibility"];
  function look(el, pseudo) {
    if (!el || el.nodeType !== 1) return "";
    const s = getComputedStyle(el, pseudo || null);
    let out = pseudo ? s.content + "|" : el.localName + "|";
    for (const p of FOCUS_PROPS) out += s.getPropertyValue(p) + "|";
    return out;
  }
  function backdrop(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.backgroundImage !== "none" || !/^(transparent|rgba\([^)]*,\s*0\))$/.test(s.backgroundColor)) {
        return s.backgroundColor + s.backgroundImage;
      }
    }
    return "";
  }
  function hash(text) {   // FNV-1a, 32 bits: a short key for a long signature
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(36) + "." + text.length.toString(36);
  }
  function styleKey(el, frame) {
    const rest = T.rest.get(el);
    if (frame || rest === undefined) return null;   // never seen unfocused: no key, its focus is measured
    const type = el.localName === "input" ? (el.type || "") : "";
    const labels = el.labels ? Array.prototype.map.call(el.labels, (l) => look(l) + look(l, "::before") + look(l, "::after")) : [];
    return hash([type, rest, look(el), look(el, "::before"), look(el, "::after"), look(el.parentElement),
                 look(el.previousElementSibling), look(el.nextElementSibling), backdrop(el.parentElement),
                 labels.join("+")].join("#"));
  }
  // Whether a stop's focus indicator is drawn in full where its box is: nothing clips the ring it could draw
  // (outline, box-shadow: their reach from the focused computed style) and only the element itself or its
  // ancestors (or its labels and neighbours) lie under that ring. One measure then stands for every stop of its style key; where this cannot
  // be told from styles and boxes (a clipping ancestor, a neighbour under the ring, a ring past the edge of
  // the viewport), a second stop of the key is measured and must agree (see _Walk._settled).
  function reach(s) {
    let out = 0;
    if (s.outlineStyle !== "none") out = Math.max(out, (parseFloat(s.outlineWidth) || 0) + (parseFloat(s.outlineOffset) || 0));
    if (s.boxShadow && s.boxShadow !== "none") {
      for (const shadow of s.boxShadow.split(/,(?![^(]*\))/)) {
        const px = (shadow.replace(/rgba?\([^)]*\)/g, "").match(/-?[\d.]+px/g) || []).map(parseFloat);
        out = Math.max(out, Math.abs(px[0] || 0) + Math.abs(px[1] || 0) + (px[2] || 0) + (px[3] || 0));
      }
    }
    return Math.ceil(out) + 2;
  }
  const CLIPS = (s) => s.overflowX !== "visible" || s.overflowY !== "visible" || s.clipPath !== "none" ||
    /paint|strict|content/.test(s.contain || "");
  // Whether an element draws anything of its own that could lie over or under a neighbour's ring: a
  // background, a border, a shadow or text of its own (an empty box with a transparent background does not).
  function paints(n) {
    if (drawsBox(n)) return true;
    for (const c of n.childNodes) if (c.nodeType === 3 && c.textContent.trim()) return true;
    return false;
  }
  // ... the same but for its text: a background, a border, a shadow, an outline, or replaced content.
  function drawsBox(n) {
    const s = getComputedStyle(n);
    if (s.backgroundImage !== "none" || !/^(transparent|rgba\([^)]*,\s*0\))$/.test(s.backgroundColor)) return true;
    if (s.boxShadow !== "none" || s.outlineStyle !== "none") return true;
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      if (s["border" + side + "Style"] !== "none" && parseFloat(s["border" + side + "Width"]) > 0) return true;
    }
    return /^(img|svg|video|canvas|input|select|textarea|button|iframe|object|embed)$/.test(n.localName);
  }
  // A focus indicator no one can miss, told from computed styles alone, so that no pixels need measuring:
  // focused, the element draws a solid outline of 2 px or more outside its box, the browser's own focus ring
  // (outline-style: auto: see autoRing), or fills its box with a solid background, where it drew none
  // unfocused, in a colour far from what was there (CERTAIN_DELTA in a channel, well above the pixel measure's
  // STRONG_DELTA); on a solid backdrop, with nothing on the way up that blends or filters it, and (an outline)
  // with nothing but the element and its ancestors under the ring. Returns the strongly changed pixels it makes
  // for certain (the outline's band; half the filled box: text on it may not change) and how, or null: then
  // its pixels are measured as before.
  const CERTAIN_DELTA = 96;
  const rgbaOf = E.rgba;
  const apart = (a, b) => !!(a && b && a[3] === 1 && b[3] === 1 &&
    Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])) > CERTAIN_DELTA);
  function certain(el, r) {
    const rest = T.rest.get(el);
    if (rest === undefined || r.width < 8 || r.height < 8 || el.getClientRects().length !== 1) return null;
    let back = null, flat = true;   // flat: drawn at its own size (no transform or zoom on the way up)
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (parseFloat(s.opacity) < 1 || s.filter !== "none" || s.mixBlendMode !== "normal" ||
          (s.backdropFilter && s.backdropFilter !== "none")) return null;
      if (s.transform !== "none" || (s.zoom && parseFloat(s.zoom) !== 1)) flat = false;
      if (n === el || back) continue;
      if (s.backgroundImage !== "none") return null;
      const c = rgbaOf(s.backgroundColor);
      if (c && c[3] > 0) {
        if (c[3] < 1) return null;
        back = c;
      }
    }
    if (!back) {   // the canvas: white, unless the page asks for a dark scheme (in its styles or its meta tag)
      if (/dark/.test(getComputedStyle(document.documentElement).colorScheme || "") ||
          document.querySelector('meta[name="color-scheme" i][content*="dark" i]')) return null;
      back = [255, 255, 255, 1];
    }
    const s = getComputedStyle(el);
    const was = rest.split("|");   // look(): the tag, then FOCUS_PROPS in order
    const before = (p) => was[1 + FOCUS_PROPS.indexOf(p)] || "";
    const ow = parseFloat(s.outlineWidth) || 0, off = parseFloat(s.outlineOffset) || 0;
    const noneBefore = before("outline-style") === "none" || !(parseFloat(before("outline-width")) > 0) ||
                       (rgbaOf(before("outline-color")) || [0, 0, 0, 0])[3] === 0;
    // (flat: a transform or zoom on the way up draws the outline at another width than its computed one)
    if (s.outlineStyle === "solid" && ow >= 2 && off >= 0 && flat && noneBefore && apart(rgbaOf(s.outlineColor), back) &&
        ringFree(el, r, true)) {
      const band = Math.round(ow * (2 * (r.width + r.height) + 8 * off + 4 * ow));
      return { strong: band, how: "outline" };
    }
    // (an auto ring is drawn whatever its width says: unfocused, none unless a style other than auto drew nothing)
    const noRingBefore = before("outline-style") === "none" || (before("outline-style") !== "auto" && noneBefore);
    if (s.outlineStyle === "auto" && flat && noRingBefore && apart(rgbaOf(s.outlineColor), back)) {
      const band = autoRing(el, r, s, before);
      if (band) return { strong: band, how: "ring" };
    }
    const bg = rgbaOf(s.backgroundColor), bgWas = rgbaOf(before("background-color"));
    if (s.backgroundImage === "none" && before("background-image") === "none" && bg && bg[3] === 1 && bgWas) {
      const under = bgWas[3] === 1 ? bgWas : bgWas[3] === 0 ? back : null;
      if (apart(bg, under)) return { strong: Math.round(r.width * r.height / 2), how: "background" };
    }
    return null;
  }
  // Chromium's own focus ring (outline-style: auto), as Chromium 156 paints it (measured in pixels on light, mid
  // and dark backdrops, light and dark colour schemes: docs/architecture.md): a 2 px band in outline-color from
  // outline-offset - 1 to outline-offset + 1 px round the border box (whatever outline-width says), following
  // its rounded corners, and beyond it a 1 px band in white (#101010 in a dark colour scheme, which a meta tag
  // can set without any computed style saying so). What it makes for certain is the part of the outline-color
  // band outside the box, over the backdrop: the rest lies on the element's own face, and the outer band's
  // colour is not known for sure. Native controls draw the ring inside their box, on their own face, and the
  // ring goes round what overflows the box: those, a pseudo-element placed outside, a box-shadow (the ring
  // would lie on it), or an offset that takes the ring out of the measure's crop are left to the pixels.
  // Returns the band's pixels, or null.
  const NATIVE = /^(button|input|select|textarea|meter|progress)$/;
  function autoRing(el, r, s, before) {
    const off = parseFloat(s.outlineOffset) || 0;
    const appearance = s.appearance || s.webkitAppearance || "none";
    if (NATIVE.test(el.localName) ? !(el.localName === "input" && /^(checkbox|radio)$/.test(el.type))
      : appearance !== "none") return null;
    if (off < 0 || off > 4 || s.boxShadow !== "none" || before("box-shadow") !== "none") return null;
    for (const pseudo of ["::before", "::after"]) {
      const p = getComputedStyle(el, pseudo);
      if (p.content !== "none" && p.content !== "normal" && p.position !== "static") return null;
    }
    if (el.shadowRoot) return null;
    let seen = 0;
    for (const d of el.querySelectorAll("*")) {   // the ring goes round its content's boxes too
      if (++seen > 32) return null;
      const b = d.getBoundingClientRect();
      if (b.width > 0 && b.height > 0 && (b.left < r.left - 0.5 || b.top < r.top - 0.5 ||
          b.right > r.right + 0.5 || b.bottom > r.bottom + 0.5)) return null;
    }
    if (!ringFree(el, r, true)) return null;
    // Under the band, nothing but the element's ancestors and boxes that draw nothing but text (a neighbouring
    // line's link: the few glyph pixels within 2 px of its box cannot take the band's count below the probe's).
    const h = off + 0.5, cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    for (const [x, y] of [[cx, r.top - h], [cx, r.bottom + h], [r.left - h, cy], [r.right + h, cy],
                          [r.left - h, r.top - h], [r.right + h, r.top - h], [r.left - h, r.bottom + h],
                          [r.right + h, r.bottom + h]]) {
      for (let n = deepFromPoint(x, y); n && n.nodeType === 1 && !containsDeep(n, el); n = n.parentElement) {
        if (drawsBox(n)) return null;
      }
    }
    const a = Math.max(off - 1, 0), b = off + 1;
    const rounded = ["TopLeft", "TopRight", "BottomLeft", "BottomRight"].some((c) => parseFloat(s["border" + c + "Radius"]) > 0);
    // (its length taken as the box's perimeter, never more: rounded corners shorten it, down to a circle's)
    return Math.floor((b - a) * 2 * (r.width + r.height) * (rounded ? Math.PI / 4 : 1));
  }
  // Whether an outline drawn round ``el`` is painted over ``hit`` (in the same stacking context, outlines come
  // after every in-flow background and text): nothing from ``hit`` up to what it shares with ``el`` is
  // positioned or makes a layer of its own.
  function below(hit, el) {
    for (let n = hit; n && n.nodeType === 1 && !containsDeep(n, el); n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.position !== "static" || s.transform !== "none" || parseFloat(s.opacity) < 1 || s.filter !== "none" ||
          s.zIndex !== "auto" || s.isolation === "isolate" || s.mixBlendMode !== "normal" || s.float !== "none") return false;
    }
    return true;
  }
  function ringFree(el, r, strict) {
    const d = reach(getComputedStyle(el));
    const ring = { left: r.left - d, top: r.top - d, right: r.right + d, bottom: r.bottom + d };
    if (ring.left < 0 || ring.top < 0 || ring.right > innerWidth || ring.bottom > innerHeight) return false;
    for (let n = el.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.position === "fixed") break;
      if (!CLIPS(s)) continue;
      const b = n.getBoundingClientRect();
      if (ring.left < b.left + n.clientLeft || ring.top < b.top + n.clientTop ||
          ring.right > b.left + n.clientLeft + n.clientWidth || ring.bottom > b.top + n.clientTop + n.clientHeight) return false;
    }
    // (Its labels and neighbours are in the style key: they look the same round every stop of the key.)
    const known = [el, el.previousElementSibling, el.nextElementSibling, ...(el.labels || [])].filter(Boolean);
    const h = d / 2, cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    for (const [x, y] of [[cx, r.top - h], [cx, r.bottom + h], [r.left - h, cy], [r.right + h, cy],
                          [r.left - h, r.top - h], [r.right + h, r.bottom + h]]) {
      const hit = deepFromPoint(x, y);
      if (!hit || containsDeep(hit, el)) continue;
      if (strict ? !below(hit, el) : known.every((k) => !containsDeep(k, hit)) && paints(hit)) return false;
    }
    return true;
  }


  // Where a person looks for the sign of focus besides the element's own box (viewport px), or null: its
  // labels (a focus ring drawn on a label or a label's pseudo-element), and for an element that cannot itself be
  // seen (transparent, clipped, off screen: a native input laid over a styled box) also its own place and its
  // neighbouring elements, whose style may follow its focus (input:focus + label::before).
  function nearRegion(el, r, shown) {
    const parts = [];
    const onScreen = (b) => b.width >= 1 && b.height >= 1 && b.right > 0 && b.bottom > 0 && b.left < innerWidth && b.top < innerHeight;
    const add = (n) => {
      if (!n || n.nodeType !== 1 || !E.visible(n)) return;
      const b = n.getBoundingClientRect();
      if (onScreen(b)) parts.push(b);
    };
    if (el.labels) for (const l of el.labels) add(l);
    if (!shown) {
      if (onScreen(r)) parts.push(r);
      add(el.previousElementSibling);
      add(el.nextElementSibling);
    }
    if (!parts.length) return null;
    if (shown) parts.push(r);
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    for (const b of parts) {
      left = Math.min(left, b.left); top = Math.min(top, b.top);
      right = Math.max(right, b.right); bottom = Math.max(bottom, b.bottom);
    }
    left = Math.max(left, 0); top = Math.max(top, 0);
    right = Math.min(right, innerWidth); bottom = Math.min(bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) return null;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  Object.assign(T, { look, styleKey, ringFree, certain, nearRegion });
})()
