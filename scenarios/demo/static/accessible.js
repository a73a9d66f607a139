// The accessible version's only script: links styled as buttons (role="button") answer Space as buttons do,
// focus moves to the error summary when a page shows errors, and its links put focus in the field (and scroll
// its question into view), as GOV.UK services do.
(function () {
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== " " || !target || target.getAttribute("role") !== "button" || target.tagName !== "A") return;
    event.preventDefault();
    target.click();
  });
})();
(function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
    var label = legend || document.querySelector("label[for='" + input.id + "']");
    (label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
