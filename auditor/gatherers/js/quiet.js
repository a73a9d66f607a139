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

  for (const kind of ["setTimeout", "setInterval"]) {
    const original = window[kind];
    if (typeof original !== "function") continue;
    const wrapped = function (callback, delay, ...rest) {
      const ms = Number(delay) || 0;
      try {
        if (ms >= 2000 && timers.length < 50) {
          const source = typeof callback === "function" ? Function.prototype.toString.call(callback)
                                                        : String(callback);
          timers.push({ kind, delay: ms, source: source.slice(0, 400) });
        }
      } catch (e) { /* left as it is */ }
      if (typeof callback === "function" && ms <= SHORT && answering()) {
        if (kind === "setInterval") {   // its runs count in `runs` (the page is still answering), but it is never
                                        // pending: it does not end
          return apply(original, this, [function (...args) { return within(callback, this, args); }, delay, ...rest]);
        }
        let id = 0;
        id = apply(original, this, [function (...args) { forget(size.timers, id); return within(callback, this, args); },
                                    delay, ...rest]);
        note(size.timers, id, clock() + ms);
        return id;
      }
      return apply(original, this, [callback, delay, ...rest]);
    };
    define(window, kind, wrapped, true);
  }
  for (const kind of ["clearTimeout", "clearInterval"]) {
    const original = window[kind];
    if (typeof original !== "function") continue;
    // (the browser takes an id as a number: clearTimeout("12") clears timer 12)
    define(window, kind, function (id) {
      forget(size.timers, id);
      return apply(original, this, [id]);
    }, true);
  }

  const raf = window.requestAnimationFrame, caf = window.cancelAnimationFrame;
  if (typeof raf === "function" && typeof caf === "function") {
    const request = function (callback) {
      if (typeof callback !== "function" || !answering()) return apply(raf, this, [callback]);
      let id = 0;
      id = apply(raf, this, [function (...args) { forget(size.frames, id); return within(callback, this, args); }]);
      note(size.frames, id);
      return id;
    };
    define(window, "requestAnimationFrame", request, true);
    define(window, "cancelAnimationFrame", function (id) {
      forget(size.frames, id);
      return apply(caf, this, [id]);
    }, true);
    define(size, "requestAnimationFrame", request, false);   // (js/pristine.js: ours, not the page's)
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
