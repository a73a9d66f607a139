// The Tab walk's landmark facts: whether a stop is in the main content (read at each stop), and whether the
// page has a main landmark and headings (read after the walk).
(() => {
  const T = window.__elabTab;

  function inMain(el) {
    const main = document.querySelector("main, [role=main]");
    if (main) return main.contains(el) || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const h1 = document.querySelector("h1");
    if (h1) return h1.contains(el) || !!(h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    return null;
  }

  T.landmarks = () => ({ main: !!document.querySelector("main, [role=main]"),
                          headings: document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]").length });

  Object.assign(T, { inMain });
})()
