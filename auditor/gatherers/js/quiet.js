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
  // read again a frame after its key unless nothing of the page's can run before that frame or at its start. A
  // frame wait lets run, before the walk's own frame callback: the tasks due before the frame (timers, posted
  // messages, idle callbacks, IntersectionObserver callbacks queued by a frame drawn since the key), the frame's
  // scroll events and the animation and video frame callbacks asked for before the walk's. So the page is calm
  // when no animation frame, video frame or idle callback is pending (from its request to its run or cancelling),
  // no timer or task is due within HORIZON ms (an interval by its next run), no message was posted or delivered in
  // the last HORIZON ms (see below), and no scroll listener, IntersectionObserver or shadow root was ever made
  // (on... attributes the walk reads itself). Not followed, as a frame wait does not reliably catch them either:
  // network answers, media events. The walk asks by dispatching a cancelable "__elab-soon" event on the window
  // (it runs in an isolated world, which cannot see this one's objects); the answer is a cancelled event. A page
  // without this record (a team's own page) leaves it uncancelled, and the walk waits for the frame.
  const HORIZON = 60;
  // (dictionaries without a prototype, and numbers kept: a page that replaces Map, Set, Number or Array methods
  // cannot make a pending callback go unseen)
  const toNumber = Number;
  // A delay as the browser reads it: a 32-bit integer (one past 2^31 - 1 wraps round), below 0 read as 0.
  const delayOf = (value) => { const ms = toNumber(value) | 0; return ms > 0 ? ms : 0; };
  const dict = () => Object.create(null);
  const soon = { frames: dict(), idle: dict(), timers: dict(), strings: dict(), every: dict(), posted: -Infinity,
                 scrolls: false, lost: false, shadows: false, observers: false };
  // (an id the record cannot keep, one whose conversion to a key throws, leaves the page never calm)
  const keep = (record, id, value) => { try { record[id] = value; } catch (e) { soon.lost = true; } };
  const drop = (record, id) => { try { delete record[id]; } catch (e) { /* kept: the page stays busy */ } };
  // A scroll handler set as a property (window.onscroll = ...) on the window, the document, its root and body, or
  // the visual viewport: read when asked. (The properties' setters are not wrapped: redefining them made
  // Chromium's renderer crash now and then on the next navigation under load. An element's own onscroll property
  // is not seen: a gap, with the addEventListener and attribute ways seen.)
  // Whether one of `targets` has a function in one of the `names` properties (index loops: the page may replace
  // the arrays' iterator).
  const hasHandler = (targets, names) => {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i];
      if (!target) continue;
      for (let j = 0; j < names.length; j++) if (typeof target[names[j]] === "function") return true;
    }
    return false;
  };
  const pageTargets = () => [window, document, document.documentElement, document.body, window.visualViewport];
  const calm = () => {
    if (soon.scrolls || soon.lost || soon.shadows || soon.observers ||
        hasHandler(pageTargets(), ["onscroll", "onscrollend"])) return false;
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
      const start = soon.every[id][0], every = soon.every[id][1], runs = soon.every[id][2];
      if (every <= HORIZON || start + every * (runs + 1) <= now + HORIZON) return false;
    }
    return true;
  };
  try {
    window.addEventListener("__elab-soon", (e) => {
      try { if (calm()) e.preventDefault(); } catch (x) { /* not calm */ }
    }, { capture: true });
  } catch (e) { /* left as it is: the walk waits */ }

  // Whether anything of the page's could answer a change of the viewport's size, for the wait after a resize
  // (E.settle, js/common.js): a page with none of the ways, no frame inside it (whose own scripts answer their own
  // size, unseen here) and calm (nothing that a frame's wait would let run: a poller by animation frame or timer, a
  // scroll listener for the scroll a resize may cause) is measured at once, with no frame's wait: what its CSS
  // makes of the new size is laid out as it is read. The ways: a listener added to anything for "resize",
  // "orientationchange" or an animation or transition event (a media query may start an animation, whose events
  // come in the frame before its animation frames); a "change" listener on anything but a node (a media query list,
  // either way of adding; the screen; its orientation); a ResizeObserver; and, read when asked, those events'
  // on... properties of the window, the document, its root and body, the visual viewport, the screen and its
  // orientation, and of the media query lists the page made. (An element's own onanimationstart property is not
  // seen, as its onscroll is not.) The wait asks with a cancelable "__elab-no-answer" event on the window, as the
  // walk asks its own (in the page's world through window.__elabSize.deaf, below); a page without this record is
  // waited for.
  let resizable = false;   // one of the ways above was added (or could not be told)
  const queries = [];      // the media query lists the page made, whose onchange is read when asked
  const QUERIES = 200;
  // (the event types that can answer, as a dictionary: no RegExp or Set of the page's is asked on each listener)
  const ANSWER_TYPES = dict();
  for (const name of ["resize", "orientationchange", "animationstart", "animationiteration", "animationend",
                      "animationcancel", "transitionrun", "transitionstart", "transitionend", "transitioncancel",
                      "webkitAnimationStart", "webkitAnimationIteration", "webkitAnimationEnd", "webkitTransitionEnd"]) {
    ANSWER_TYPES[name] = true;
  }
  const HANDLERS = ["onchange"];
  for (const name in ANSWER_TYPES) HANDLERS[HANDLERS.length] = "on" + name.toLowerCase();
  const Node_ = typeof Node === "function" ? Node : null;
  // (the window's frame count as the browser gives it: a page's `var length` replaces the property)
  let frameCount = () => window.length;
  try {
    const get = (Object.getOwnPropertyDescriptor(window, "length") || {}).get;
    if (typeof get === "function") frameCount = () => apply(get, window, []);
  } catch (e) { /* left as it is */ }
  const handled = () => {
    const targets = pageTargets();
    const screen_ = window.screen;
    targets[targets.length] = screen_;
    targets[targets.length] = screen_ && screen_.orientation;
    return hasHandler(targets, HANDLERS) || hasHandler(queries, ["onchange"]);
  };
  const deaf = () => {
    try {
      if (resizable || size.observers || frameCount() || handled()) return false;
      return calm();
    } catch (e) { return false; }
  };
  try {
    window.addEventListener("__elab-no-answer", (e) => { if (deaf()) e.preventDefault(); }, { capture: true });
  } catch (e) { /* left as it is: the wait waits */ }
  // (asked in the page's world through the browser's own dispatchEvent and Event, kept now: a page's replaced
  // dispatchEvent cannot answer for the record; a document.open() that erased the listener above with the page's
  // own, and with it the record's window message listener, leaves the question unanswered: waited for)
  const dispatchOf = typeof EventTarget === "function" ? EventTarget.prototype.dispatchEvent : null;
  const Event_ = typeof Event === "function" ? Event : null;
  define(size, "deaf", () => {
    try {
      return !!dispatchOf && !!Event_ &&
             apply(dispatchOf, window, [new Event_("__elab-no-answer", { cancelable: true })]) === false;
    } catch (e) { return false; }
  }, false);

  // Whether anything of the page's could answer a navigation to a fragment of itself (a skip link followed with
  // Enter) later than the key's own events, within the two frames the skip link check would otherwise wait: the
  // browser queues "hashchange" (and "popstate" where the history entry changes by script), the Navigation API's
  // "navigatesuccess" or "navigateerror" come after a "navigate" listener's promise, and ResizeObserver callbacks
  // run in the first frame's rendering, after its animation frames (the fragment's :target styles may change
  // sizes). The ways: a ResizeObserver made (the walk's calm rule, one frame, does not need them: they run after
  // its read), a listener added to anything for one of those events or for "navigate" or "currententrychange",
  // and, read when asked, their on... properties of the window (a body's onhashchange and onpopstate attributes
  // are the window's) and of the navigation object the window had when this record began (a page's own
  // `var navigation` replaces the property). The skip link check (js/tabwalk-skiplink.js) asks with a cancelable
  // "__elab-unrouted" event, from its isolated world; a page without this record leaves it uncancelled, and the
  // check waits its frames as before.
  let routed = false;   // one of the ways above was added (or could not be told)
  const navigation_ = window.navigation;
  const ROUTE_TYPES = dict();
  for (const name of ["hashchange", "popstate", "navigate", "navigatesuccess", "navigateerror", "currententrychange"]) {
    ROUTE_TYPES[name] = true;
  }
  const ROUTE_HANDLERS = [];
  for (const name in ROUTE_TYPES) ROUTE_HANDLERS[ROUTE_HANDLERS.length] = "on" + name;
  try {
    window.addEventListener("__elab-unrouted", (e) => {
      try {
        if (!routed && !size.observers && !hasHandler([window, navigation_], ROUTE_HANDLERS)) e.preventDefault();
      } catch (x) { /* may answer */ }
    }, { capture: true });
  } catch (e) { /* left as it is: the check waits */ }

  // The page's callback, which once run is no longer pending in `mine` (soon's) nor, where it answers a resize,
  // in `theirs` (size's); ``ref.id`` is its id, known once it is asked for.
  const ran = (callback, answer, mine, theirs, ref) => function (...args) {
    drop(mine, ref.id);
    if (!answer) return apply(callback, this, args);
    forget(theirs, ref.id);
    return within(callback, this, args);
  };
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
      const due = start + delayOf(delay);
      if (kind === "setInterval") {
        const answer = typeof callback === "function" && ms <= SHORT && answering();
        // (its runs count in `runs`, the page still answering, but it is never pending there: it does not end)
        if (typeof callback !== "function") {   // (its runs cannot be counted: the page is never calm)
          soon.lost = true;
          return apply(original, this, [callback, delay, ...rest]);
        }
        // (an interval's next run is the one after those it has had: a run due while the page was busy is late,
        // not skipped)
        const every = [start, due - start > 1 ? due - start : 1, 0];
        const id = apply(original, this, [function (...args) {
          every[2]++;
          return answer ? within(callback, this, args) : apply(callback, this, args);
        }, delay, ...rest]);
        keep(soon.every, id, every);
        return id;
      }
      if (typeof callback !== "function") {
        const id = apply(original, this, [callback, delay, ...rest]);
        keep(soon.strings, id, due);
        return id;
      }
      const answer = ms <= SHORT && answering();
      const ref = { id: 0 };
      const id = ref.id = apply(original, this, [ran(callback, answer, soon.timers, size.timers, ref), delay, ...rest]);
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
      const ref = { id: 0 };
      const id = ref.id = apply(raf, this, [ran(callback, answer, soon.frames, size.frames, ref)]);
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
    // (Chromium's prefixed names are the same functions: an old shim asks for them first)
    if (typeof window.webkitRequestAnimationFrame === "function") define(window, "webkitRequestAnimationFrame", request, true);
    if (typeof window.webkitCancelAnimationFrame === "function") {
      define(window, "webkitCancelAnimationFrame", window.cancelAnimationFrame, true);
    }
  }

  // (The new wrappers below pass `arguments` on, as the browser gets them, keep the built-in's name and length, and
  // mark what they see; the page's callback runs as it would have.)
  const named = (fn, like) => {
    try {
      Object.defineProperty(fn, "name", { value: like.name, configurable: true });
      Object.defineProperty(fn, "length", { value: like.length, configurable: true });
    } catch (e) { /* left as it is */ }
    return fn;
  };
  const copy = (list) => {   // (not spread or sliced: the page may replace the iterator or slice)
    const out = [];
    for (let i = 0; i < list.length; i++) out[i] = list[i];
    return out;
  };
  const ric = window.requestIdleCallback, cic = window.cancelIdleCallback;
  if (typeof ric === "function" && typeof cic === "function") {
    define(window, "requestIdleCallback", named(function (callback) {
      if (typeof callback !== "function") return apply(ric, this, arguments);
      const args = copy(arguments);
      let id = 0;
      args[0] = function () { drop(soon.idle, id); return apply(callback, this, arguments); };
      id = apply(ric, this, args);
      keep(soon.idle, id, true);
      return id;
    }, ric), true);
    define(window, "cancelIdleCallback", named(function (id) {
      drop(soon.idle, id);
      return apply(cic, this, arguments);
    }, cic), true);
  }
  // A video's frame callback runs in the frame's rendering, as an animation frame's does (its ids are the video's
  // own: each call gets a key of its own here).
  const Video = typeof HTMLVideoElement === "function" ? HTMLVideoElement.prototype : null;
  const rvfc = Video && Video.requestVideoFrameCallback, cvfc = Video && Video.cancelVideoFrameCallback;
  if (typeof rvfc === "function" && typeof cvfc === "function") {
    let calls = 0;
    define(Video, "requestVideoFrameCallback", named(function (callback) {
      if (typeof callback !== "function") return apply(rvfc, this, arguments);
      const key = `video ${++calls}`;
      const id = apply(rvfc, this, [function () { drop(soon.frames, key); return apply(callback, this, arguments); }]);
      keep(soon.frames, key, true);
      return id;
    }, rvfc), true);
    // (a cancelled one cannot be told from the video's id alone: it stays pending, and the page busy, until the
    // video is gone or plays)
  }
  const stamp = () => { soon.posted = clock(); };
  const posting = (target, name) => {
    const original = target && target[name];
    if (typeof original !== "function") return;
    define(target, name, named(function () {
      stamp();
      return apply(original, this, arguments);
    }, original), true);
  };
  // (The window's own postMessage is not wrapped: the message's source and origin come from the function that
  // calls it, which would become this script's. A message posted to a window is seen as it is delivered, and a
  // page whose messages keep coming, a setImmediate made of them, stays busy: posted within HORIZON ms. So are a
  // worker's or a port's messages where the page listens for them with addEventListener; one heard through an
  // onmessage property is seen only as the page posts its own.)
  try {
    window.addEventListener("message", stamp, { capture: true, passive: true });
  } catch (e) { /* left as it is */ }
  const messengers = [];
  for (const type of ["MessagePort", "BroadcastChannel", "Worker"]) {
    if (typeof window[type] !== "function") continue;
    posting(window[type].prototype, "postMessage");
    messengers.push(window[type]);
  }
  // A task scheduled with a delay is due then; without one, as soon as it is posted.
  const Scheduler = typeof window.Scheduler === "function" ? window.Scheduler.prototype : null;
  const postTask = Scheduler && Scheduler.postTask;
  if (typeof postTask === "function") {
    let tasks = 0;
    define(Scheduler, "postTask", named(function (callback, options) {
      stamp();
      if (typeof callback !== "function") return apply(postTask, this, arguments);
      const args = copy(arguments);
      const key = `task ${++tasks}`;
      let delay = 0;
      try { delay = options && options.delay > 0 ? toNumber(options.delay) : 0; } catch (e) { soon.lost = true; }
      args[0] = function () { drop(soon.timers, key); return apply(callback, this, arguments); };
      keep(soon.timers, key, clock() + delay);
      return apply(postTask, this, args);   // (a task aborted before it runs stays pending: the page stays busy)
    }, postTask), true);
  }
  posting(Scheduler, "yield");
  // An AbortSignal that times out fires its abort event then.
  const timeout = typeof AbortSignal === "function" ? AbortSignal.timeout : null;
  if (typeof timeout === "function") {
    let signals = 0;
    define(AbortSignal, "timeout", named(function (ms) {
      keep(soon.strings, `signal ${++signals}`, clock() + delayOf(ms));
      return apply(timeout, this, arguments);
    }, timeout), true);
  }

  const Target = typeof EventTarget === "function" ? EventTarget.prototype : null;
  const listen = Target && Target.addEventListener;
  const isMessenger = (target) => {
    for (let i = 0; i < messengers.length; i++) if (target instanceof messengers[i]) return true;
    return false;
  };
  if (typeof listen === "function") {
    define(Target, "addEventListener", named(function (type) {
      if (type === "scroll" || type === "scrollend") soon.scrolls = true;
      else if (type === "message" && isMessenger(this)) apply(listen, this, ["message", stamp, { passive: true }]);
      else {
        try {   // (an object whose string is the type's is read as the browser reads it)
          const objectType = typeof type !== "string";
          const name = objectType ? `${type}` : type;
          if (objectType) soon.scrolls = soon.scrolls || name === "scroll" || name === "scrollend";
          if (ANSWER_TYPES[name] === true || (name === "change" && (objectType || !(Node_ && this instanceof Node_)))) {
            resizable = true;
          }
          if (ROUTE_TYPES[name] === true) routed = true;
        } catch (e) { resizable = routed = true; }   // (cannot be told: it may answer)
      }
      return apply(listen, this, arguments);
    }, listen), true);
  }
  // (a media query list's listeners: either way; the lists themselves, for their onchange)
  const addListener = Query && Query.prototype.addListener;
  if (typeof addListener === "function") {
    define(Query.prototype, "addListener", named(function () {
      resizable = true;
      return apply(addListener, this, arguments);
    }, addListener), true);
  }
  const matchMedia = window.matchMedia;
  if (typeof matchMedia === "function") {
    define(window, "matchMedia", named(function () {
      const list = apply(matchMedia, this, arguments);
      if (queries.length < QUERIES) queries[queries.length] = list; else resizable = true;
      return list;
    }, matchMedia), true);
  }
  // What the walk cannot see from its own world, or sees only when it starts: a closed shadow root, and any
  // shadow root made later, may hold styles and animations of their own (document.getAnimations() does not list
  // a shadow tree's); a page with either is never calm.
  const shadow = typeof Element === "function" ? Element.prototype.attachShadow : null;
  if (typeof shadow === "function") {
    define(Element.prototype, "attachShadow", named(function () {
      soon.shadows = true;
      return apply(shadow, this, arguments);
    }, shadow), true);
  }
  // IntersectionObserver callbacks are queued as a task in a frame's rendering: one for a frame drawn between a
  // Tab's scroll and the walk's read runs before the next frame. A page that made one is never calm.
  const Intersection = window.IntersectionObserver;
  if (typeof Intersection === "function" && typeof Proxy === "function") {
    define(window, "IntersectionObserver", new Proxy(Intersection, {
      construct(target, args, newTarget) {
        soon.observers = true;
        return Reflect.construct(target, args, newTarget);
      },
    }), true);
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
