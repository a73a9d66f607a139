// Character key shortcuts (WCAG 2.1.4): what a printable key pressed with focus on the page's body changes.
// Installs window.__elabKeys in the shortcuts gatherer's isolated world (same DOM, not the page's script).
// auditor/gatherers/shortcuts.py presses the keys as CDP key events and reads what this records.
(() => {
  const E = window.__elab;
  const K = window.__elabKeys = { log: [], hold: false, blocked: [], restless: new Set(), observer: null };

  // What has focus (through open shadow roots), or the frame element it is in.
  const deepActive = () => { const { el, frame } = E.deepActive(); return frame || el; };
  const unfocus = () => { const a = deepActive(); if (a && a !== document.body && a.blur) a.blur(); };
  const onBody = () => {
    const a = deepActive();
    return !a || a === document.body || a === document.documentElement;
  };

  // A change the page makes that a person would notice (ACT "changes in content": what is rendered or what
  // the accessibility tree holds): nodes added or removed (not blank text), text changed, attributes other
  // than data-* changed. Changes to nodes that were already changing with no key pressed (a clock, a
  // carousel: K.restless) are the page's own and do not count.
  function meaningful(record) {
    // (the node, or its parent or grandparent: a clock's text, a carousel's slides)
    for (let n = record.target, i = 0; n && i < 3; n = n.parentNode, i++) if (K.restless.has(n)) return false;
    if (record.type === "attributes") {
      const name = record.attributeName || "";
      return !name.startsWith("data-") && record.target.getAttribute(name) !== record.oldValue;
    }
    if (record.type === "characterData") return record.target.data !== record.oldValue;
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return nodes.some((n) => n.nodeType !== 3 || n.data.trim());
  }
  function describe(record) {
    const t = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    const where = t ? E.selector(t) : "";
    if (record.type === "attributes") return { kind: "attribute", selector: where, attribute: record.attributeName };
    if (record.type === "characterData") return { kind: "text", selector: where };
    const added = [...record.addedNodes].find((n) => n.nodeType === 1 || (n.nodeType === 3 && n.data.trim()));
    return { kind: record.addedNodes.length ? "added" : "removed", selector: where,
             text: added ? (added.textContent || "").trim().slice(0, 80) : "" };
  }

  function take(records) {
    const entry = K.entry;
    for (const r of records) {
      if (!entry) { K.restless.add(r.target); continue; }      // between reads, no key down: the page's own
      if (meaningful(r) && entry.changes.length < 5) entry.changes.push(describe(r));
    }
  }

  // Keys are watched from the window's capture phase, before the page's own listeners (but those the page put
  // there earlier). Once a key has moved focus off the body, the keys after it would be typed into whatever
  // has focus now: they are held back (blocked) and Python presses them again after putting focus back.
  const onKeyDown = (e) => {
    if (K.hold) {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (!K.blocked.includes(e.key)) K.blocked.push(e.key);
      return;
    }
    take(K.observer.takeRecords());
    K.entry = { key: e.key, changes: [], focus: null, scroll: null, printable: e.key.length === 1 };
    K.log.push(K.entry);
    K.scroll = [scrollX, scrollY];
  };
  const onKeyUp = (e) => {
    const entry = K.entry;
    if (!entry || entry.key !== e.key) return;
    take(K.observer.takeRecords());
    if (!onBody()) {
      const a = deepActive();
      entry.focus = { selector: E.selector(a), tag: a.localName, snippet: E.snippet(a) };
      K.hold = true;
    }
    if (scrollX !== K.scroll[0] || scrollY !== K.scroll[1]) entry.scroll = [scrollX, scrollY];
  };

  // Put focus on the body (nothing focused, the page at the top) and start watching.
  K.start = () => {
    unfocus();
    const sel = getSelection && getSelection();
    if (sel && sel.removeAllRanges) sel.removeAllRanges();
    if (!K.observer) {   // watching: the observer and the key listeners come and go together
      K.observer = new MutationObserver(take);
      K.observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true,
                                     characterDataOldValue: true, attributeOldValue: true });
      addEventListener("keydown", onKeyDown, true);
      addEventListener("keyup", onKeyUp, true);
    }
    Object.assign(K, { hold: false, blocked: [], entry: null, log: [], restless: new Set() });
    return onBody();
  };

  // Wait ``ms`` with no key pressed: what changes meanwhile is the page's own (restless).
  K.quiet = (ms) => new Promise((resolve) => setTimeout(() => {
    const was = K.entry;
    K.entry = null;
    take(K.observer.takeRecords());
    K.entry = was;
    resolve(K.restless.size);
  }, ms));

  // The keys' records since the last read (after ``ms`` for what their handlers do a moment later).
  K.read = (ms) => new Promise((resolve) => setTimeout(() => {
    take(K.observer.takeRecords());
    const out = { log: K.log, blocked: K.blocked, on_body: onBody(), url: location.href };
    K.log = [];
    K.entry = null;
    resolve(out);
  }, ms));

  K.stop = () => {
    if (K.observer) K.observer.disconnect();
    K.observer = null;
    removeEventListener("keydown", onKeyDown, true);
    removeEventListener("keyup", onKeyUp, true);
    return true;
  };

  // Controls that could turn a shortcut off or remap it (G217): check boxes, switches and toggle buttons whose
  // name (or their group's legend) speaks of shortcuts or keys, shown or not (at most ``max``); each one's name,
  // and whether a person can see it. Only these are tried (a cookie banner's or a form's are left alone), and
  // each is put back as it was.
  const TOGGLES = "input[type=checkbox], [role=switch], [role=checkbox], [role=menuitemcheckbox], " +
                  "button[aria-pressed], [role=button][aria-pressed]";
  const ABOUT_KEYS = /short ?cuts?|hot ?keys?|keyboard|\bkeys?\b|access ?keys?/i;
  const stateOf = (el) => (el.localName === "input" ? el.checked
    : el.getAttribute(el.hasAttribute("aria-pressed") ? "aria-pressed" : "aria-checked"));
  K.toggles = (max) => {
    K.toggleEls = [...document.querySelectorAll(TOGGLES)].filter((el) => {
      if (el.disabled) return false;
      const legend = el.closest("fieldset") && el.closest("fieldset").querySelector("legend");
      return ABOUT_KEYS.test(nameOf(el) + " " + (legend ? E.text(legend) : ""));
    }).slice(0, max);
    K.toggleStates = K.toggleEls.map(stateOf);
    return K.toggleEls.map((el) => ({ selector: E.selector(el), visible: E.visible(el), name: nameOf(el),
                                      snippet: E.snippet(el) }));
  };
  K.toggle = (i) => {
    const el = K.toggleEls[i];
    if (!el || !el.isConnected) return false;
    el.click();
    unfocus();
    return true;
  };
  // Click it again; where that did not put it back as it was, set its state back directly.
  K.untoggle = (i) => {
    const el = K.toggleEls[i];
    if (!el || !el.isConnected) return false;
    el.click();
    if (stateOf(el) !== K.toggleStates[i]) {
      if (el.localName === "input") el.checked = K.toggleStates[i];
      else el.setAttribute(el.hasAttribute("aria-pressed") ? "aria-pressed" : "aria-checked", K.toggleStates[i]);
    }
    unfocus();
    return true;
  };

  const nameOf = (el) => E.accName(el)[0].slice(0, 120);

  // The names of the controls a person can see and use (links, buttons, fields' labels): where a mechanism,
  // or the way to one, would have to be found.
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], " +
                   "[role=menuitem], [role=tab], [role=switch], [role=checkbox]";
  K.controls = (max) => [...document.querySelectorAll(CONTROLS)].filter((el) => E.visible(el)).slice(0, max)
    .map((el) => ({ selector: E.selector(el), name: nameOf(el) }));
})();
