() => {
  const toString = Function.prototype.toString;
  const native = (f) => typeof f === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(toString.call(f));
  // requestAnimationFrame: the browser's own, or the browser layer's wrapper of it (js/quiet.js)
  const raf = window.requestAnimationFrame;
  const ours = !!window.__elabSize && raf === window.__elabSize.requestAnimationFrame;
  const AP = Array.prototype, SP = String.prototype, EP = Element.prototype, DP = Document.prototype;
  const fns = [toString, Function.prototype.call, Function.prototype.apply, Function.prototype.bind,
    AP.push, AP.pop, AP.map, AP.forEach, AP.filter, AP.indexOf, AP.includes, AP.slice, AP.some, AP.every, AP.find,
    AP.findIndex, AP.join, AP.concat, AP.reduce, AP.flatMap, AP.sort, AP.splice, Array.from, Array.isArray,
    JSON.stringify, JSON.parse, window.Promise, Promise.prototype.then, Promise.resolve, Promise.all,
    Object.keys, Object.assign, Object.entries, Object.values, Object.defineProperty, Object.getPrototypeOf,
    SP.trim, SP.replace, SP.slice, SP.split, SP.toLowerCase, SP.includes, SP.startsWith, SP.match,
    RegExp.prototype.test, RegExp.prototype.exec, window.Map, window.Set, Math.round, Math.max, Math.min,
    window.getComputedStyle,   // (setTimeout is wrapped by the browser layer)
    DP.querySelectorAll, DP.querySelector, DP.getElementById, document.querySelectorAll, document.querySelector,
    document.getElementById, EP.querySelectorAll, EP.querySelector, EP.getAttribute, EP.hasAttribute,
    EP.getBoundingClientRect, EP.closest, EP.matches, Node.prototype.contains,
    Node.prototype.compareDocumentPosition];
  return fns.every(native) && (ours || native(raf)) && typeof Symbol === 'function' && native(Symbol);
}
