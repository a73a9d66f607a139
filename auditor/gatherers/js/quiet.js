// The browser layer's init script (auditor/browser.py, QUIET_SCRIPT): run in every document of an audited
// context before the page's own scripts, in the page's world. Statements only; it defines no globals but the
// non-enumerable window.__elabTimers and window.__elabSize.
(() => {
  // Dialogs and pop-ups answered inside the page, as if dismissed at once: a page that opens them in a loop
  // would otherwise keep every call waiting on a round trip per dialog.
  // (a new property is not enumerable; one of the window's own functions keeps its enumerability)
  const define = (target, name, value, writable) => {
    try {
      Object.defineProperty(target, name, { value, writable, configurable: writable });
    } catch (e) { /* left as it is */ }
  };
  const quiet = { alert: () => undefined, confirm: () => false, prompt: () => null, print: () => undefined,
                  open: () => null };
  for (const [name, fn] of Object.entries(quiet)) define(window, name, fn, true);

  // Remember the long timers the page starts (its time limits): delay and what the callback does. The timers
  // gatherer reads them; the page's own timers work exactly as before.
  const timers = [];
  define(window, "__elabTimers", timers, false);

  // The work a page does in answer to a change of its viewport's size, so that a measurement after a resize
  // (E.settle, js/common.js) can wait until that work is done instead of a fixed time. The answer starts in a
  // "resize" event listener (the window's, the visual viewport's), a media query's "change" listener, or a
  // ResizeObserver's callback; from there it goes on in the short timers and animation frames they request, and
  // in the ones those request in turn. Such a timer (SHORT ms or less) or frame is pending from its request to
  // its run (or its clearing); each run of a callback of that chain counts in `runs`. `resized`: the size of the
  // last resize event the browser itself dispatched ("320x800"); `observers`: ResizeObservers made. What this
  // wraps: setTimeout, setInterval, requestAnimationFrame, their clearing, and ResizeObserver's callbacks (counted
  // in `runs`); a page that does not answer size changes by script pays one read of the current event a timer or
  // frame request, and one forgotten id a clearing. Work an answer goes on with after an `await` (a promise's
  // callbacks run after the wrapped callback has returned) is not followed: a page answering that way may be
  // measured before it ends, as before this record.
  const SHORT = 1000;
  const size = { timers: new Map(), frames: new Set(), runs: 0, active: 0, resized: "", observers: 0 };
  define(window, "__elabSize", size, false);
  // The browser's own clock and timer, kept for the wait (E.settle), which must end on a page that later
  // replaces performance.now or setTimeout (neither is among the built-ins js/pristine.js checks).
  let clock = () => Date.now();
  try {
    clock = performance.now.bind(performance);
    define(size, "now", clock, false);
    define(size, "later", window.setTimeout.bind(window), false);
  } catch (e) { /* left as it is: the wait uses the page's */ }
  const Query = typeof MediaQueryList === "function" ? MediaQueryList : null;
  // Kept before the page's scripts run: a page may replace them (a sloppy global `event = ...` replaces
  // window.event; a page may replace Function.prototype.call, Map.prototype.set...), and none of that may make
  // a timer or frame of the page's fail or go unrun.
  const apply = Reflect.apply;
  let eventNow = () => window.event;
  try {
    const get = (Object.getOwnPropertyDescriptor(window, "event") || {}).get;
    if (typeof get === "function") eventNow = () => apply(get, window, []);
  } catch (e) { /* left as it is */ }
  const note = (record, id, due) => {
    try { if (due === undefined) record.add(id); else record.set(id, due); } catch (e) { /* not recorded */ }
  };
  const forget = (record, id) => {
    try { record.delete(typeof id === "string" ? Number(id) : id); } catch (e) { /* left as it is */ }
  };
  const answering = () => {
    if (size.active > 0) return true;
    try {
      const e = eventNow();
      return !!e && (e.type === "resize" || (e.type === "change" && !!Query && e.target instanceof Query));
    } catch (e) { return false; }
  };
  const within = (callback, self, args) => {
    size.active++;
    size.runs++;
    try { return apply(callback, self, args); } finally { size.active--; }
  };
  try {
    window.addEventListener("resize", (e) => { if (e.isTrusted) size.resized = innerWidth + "x" + innerHeight; },
                            { capture: true, passive: true });
  } catch (e) { /* left as it is */ }

  // What the page has asked to run soon, whatever asked, for the Tab walk (js/tabwalk.js, frameChanges): a stop is
  // read again a frame after its key unless nothing of the page's can run before that frame or at its start. A frame
  // wait lets run, before the walk's own frame callback: the tasks due before the frame (timers, posted messages,
  // idle callbacks), the frame's scroll events and the animation frame callbacks asked for before the walk's. So the
  // page is calm when no animation frame or idle callback is pending (from its request to its run or cancelling),
  // no timer is due within HORIZON ms (an interval by its next run), no message was posted in the last HORIZON ms
  // (MessagePort, BroadcastChannel, Worker, scheduler.postTask and yield; a window's message as it is delivered) and no scroll listener was ever
  // added (a Tab that scrolls fires them in the next frame; on... attributes the walk reads itself). Not followed,
  // as a frame wait does not reliably catch them either: network answers, media events, observers' callbacks (run
  // after the frame callbacks). The walk asks by dispatching a cancelable "__elab-soon" event on the window (it runs
  // in an isolated world, which cannot see this one's objects); the answer is a cancelled event. A page without this
  // record (a team's own page) leaves it uncancelled, and the walk waits for the frame.
  const HORIZON = 60;
  // (dictionaries without a prototype, and numbers kept: a page that replaces Map, Set, Math or Number methods
  // cannot make a pending callback go unseen)
  const ceil = Math.ceil, toNumber = Number;
  const dict = () => Object.create(null);
  const soon = { frames: dict(), idle: dict(), timers: dict(), strings: dict(), every: dict(), posted: -Infinity,
                 scrolls: false, lost: false };
  // (an id the record cannot keep, one whose conversion to a key throws, leaves the page never calm)
  const keep = (record, id, value) => { try { record[id] = value; } catch (e) { soon.lost = true; } };
  const drop = (record, id) => { try { delete record[id]; } catch (e) { /* kept: the page stays busy */ } };
  const calm = () => {
    if (soon.scrolls || soon.lost) return false;
    for (const id in soon.frames) if (id) return false;
    for (const id in soon.idle) if (id) return false;
    const now = clock();
    if (now - soon.posted <= HORIZON) return false;
    for (const id in soon.timers) if (soon.timers[id] <= now + HORIZON) return false;
    for (const id in soon.strings) {   // (a string's run cannot be seen: long past due, it has run)
      const due = soon.strings[id];
      if (due < now - SHORT) drop(soon.strings, id);
      else if (due <= now + HORIZON) return false;
    }
    for (const id in soon.every) {
      const start = soon.every[id][0], every = soon.every[id][1];
      const runs = ceil((now - start) / every);   // (its next run: the first is one interval after its start)
      if (every <= HORIZON || start + every * (runs < 1 ? 1 : runs) <= now + HORIZON) return false;
    }
    return true;
  };
  try {
    window.addEventListener("__elab-soon", (e) => {
      try { if (calm()) e.preventDefault(); } catch (x) { /* not calm */ }
    }, { capture: true });
  } catch (e) { /* left as it is: the walk waits */ }

  for (const kind of ["setTimeout", "setInterval"]) {
    const original = window[kind];
    if (typeof original !== "function") continue;
    const wrapped = function (callback, delay, ...rest) {
      const ms = toNumber(delay) || 0;
      try {
        if (ms >= 2000 && timers.length < 50) {
          const source = typeof callback === "function" ? Function.prototype.toString.call(callback)
                                                        : String(callback);
          timers.push({ kind, delay: ms, source: source.slice(0, 400) });
        }
      } catch (e) { /* left as it is */ }
      const start = clock();
      // (the browser reads the delay as a 32-bit integer: one past 2^31 - 1 wraps round, and below 0 is 0)
      const due = start + ((toNumber(delay) | 0) > 0 ? (toNumber(delay) | 0) : 0);
      if (kind === "setInterval") {
        const answer = typeof callback === "function" && ms <= SHORT && answering();
        // (its runs count in `runs`, the page still answering, but it is never pending there: it does not end)
        const id = apply(original, this, [answer ? function (...args) { return within(callback, this, args); }
                                                 : callback, delay, ...rest]);
        keep(soon.every, id, [start, due - start > 1 ? due - start : 1]);
        return id;
      }
      if (typeof callback !== "function") {
        const id = apply(original, this, [callback, delay, ...rest]);
        keep(soon.strings, id, due);
        return id;
      }
      const answer = ms <= SHORT && answering();
      let id = 0;
      id = apply(original, this, [function (...args) {
        drop(soon.timers, id);
        if (!answer) return apply(callback, this, args);
        forget(size.timers, id);
        return within(callback, this, args);
      }, delay, ...rest]);
      keep(soon.timers, id, due);
      if (answer) note(size.timers, id, start + ms);
      return id;
    };
    define(window, kind, wrapped, true);
  }
  for (const kind of ["clearTimeout", "clearInterval"]) {
    const original = window[kind];
    if (typeof original !== "function") continue;
    // (the browser takes an id as a number: clearTimeout("12") clears timer 12)
    define(window, kind, function (id) {
      forget(size.timers, id);
      drop(soon.timers, id);
      drop(soon.strings, id);
      drop(soon.every, id);
      return apply(original, this, [id]);
    }, true);
  }

  const raf = window.requestAnimationFrame, caf = window.cancelAnimationFrame;
  if (typeof raf === "function" && typeof caf === "function") {
    const request = function (callback) {
      if (typeof callback !== "function") return apply(raf, this, [callback]);
      const answer = answering();
      let id = 0;
      id = apply(raf, this, [function (...args) {
        drop(soon.frames, id);
        if (!answer) return apply(callback, this, args);
        forget(size.frames, id);
        return within(callback, this, args);
      }]);
      keep(soon.frames, id, true);
      if (answer) note(size.frames, id);
      return id;
    };
    define(window, "requestAnimationFrame", request, true);
    define(window, "cancelAnimationFrame", function (id) {
      forget(size.frames, id);
      drop(soon.frames, id);
      return apply(caf, this, [id]);
    }, true);
    define(size, "requestAnimationFrame", request, false);   // (js/pristine.js: ours, not the page's)
  }

  const ric = window.requestIdleCallback, cic = window.cancelIdleCallback;
  if (typeof ric === "function" && typeof cic === "function") {
    define(window, "requestIdleCallback", function (callback, ...rest) {
      if (typeof callback !== "function") return apply(ric, this, [callback, ...rest]);
      let id = 0;
      id = apply(ric, this, [function (...args) { drop(soon.idle, id); return apply(callback, this, args); }, ...rest]);
      keep(soon.idle, id, true);
      return id;
    }, true);
    define(window, "cancelIdleCallback", function (id) {
      drop(soon.idle, id);
      return apply(cic, this, [id]);
    }, true);
  }
  const posting = (target, name) => {
    const original = target && target[name];
    if (typeof original !== "function") return;
    define(target, name, function (...args) {
      soon.posted = clock();
      return apply(original, this, args);
    }, true);
  };
  // (The window's own postMessage is not wrapped: the message's source and origin come from the function that
  // calls it, which would become this script's. A message posted to a window is seen as it is delivered, and a
  // page whose messages keep coming, a setImmediate made of them, stays busy: posted within HORIZON ms.)
  try {
    window.addEventListener("message", () => { soon.posted = clock(); }, { capture: true, passive: true });
  } catch (e) { /* left as it is */ }
  for (const type of ["MessagePort", "BroadcastChannel", "Worker", "Scheduler"]) {
    const proto = typeof window[type] === "function" ? window[type].prototype : null;
    posting(proto, "postMessage");
    if (type === "Scheduler") { posting(proto, "postTask"); posting(proto, "yield"); }
  }

  const Target = typeof EventTarget === "function" ? EventTarget.prototype : null;
  const listen = Target && Target.addEventListener;
  if (typeof listen === "function") {
    define(Target, "addEventListener", function (type, ...rest) {
      if (type === "scroll" || type === "scrollend") soon.scrolls = true;
      else if (typeof type !== "string") {
        try { soon.scrolls = soon.scrolls || /^scroll(end)?$/.test(`${type}`); } catch (e) { /* no string: an error */ }
      }
      return apply(listen, this, [type, ...rest]);
    }, true);
  }
  const owners = ["Window", "Document", "HTMLElement", "HTMLBodyElement", "HTMLFrameSetElement", "SVGElement",
                  "MathMLElement", "VisualViewport"].map((name) => typeof window[name] === "function" && window[name].prototype);
  for (const owner of [window, ...owners]) {
    for (const name of ["onscroll", "onscrollend"]) {
      let found;
      try { found = owner && Object.getOwnPropertyDescriptor(owner, name); } catch (e) { found = null; }
      if (!found || typeof found.set !== "function") continue;
      const set = found.set;
      try {
        Object.defineProperty(owner, name, { ...found, set(value) {
          if (typeof value === "function") soon.scrolls = true;
          apply(set, this, [value]);
        } });
      } catch (e) { /* left as it is */ }
    }
  }

  const Observer = window.ResizeObserver;
  if (typeof Observer === "function" && typeof Proxy === "function") {
    const observer = new Proxy(Observer, {
      construct(target, args, newTarget) {
        size.observers++;
        const callback = args[0];
        const answer = typeof callback !== "function" ? callback
                       : function (...a) { return within(callback, this, a); };
        return Reflect.construct(target, [answer, ...args.slice(1)], newTarget);
      },
    });
    define(window, "ResizeObserver", observer, true);
  }
})();
