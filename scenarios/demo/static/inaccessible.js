// The inaccessible version's script, in the style of an old council CMS: a session timer with no warning,
// and a home-made date picker that grabs the Tab key and never lets go. Both are deliberate barriers.
(function () {
  // Session timer: after N seconds, go to "session expired" and lose every answer. No warning, no way to extend.
  var seconds = parseFloat(document.body.getAttribute("data-session-timeout") || "0");
  if (seconds > 0) {
    setTimeout(function () { window.location.href = "/inaccessible/session-expired"; }, seconds * 1000);
  }

  var picker = document.getElementById("datepicker");
  if (!picker) return;
  var fields = [document.getElementById("dd"), document.getElementById("mm"), document.getElementById("yyyy")];
  var monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                    "October", "November", "December"];
  var shown = new Date();

  function draw() {
    var head = picker.querySelector(".dp-head");
    var days = picker.querySelector(".dp-days");
    head.textContent = monthNames[shown.getMonth()] + " " + shown.getFullYear();
    days.innerHTML = "";
    var count = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
    for (var d = 1; d <= count; d++) {
      var cell = document.createElement("span");
      cell.textContent = d;
      cell.setAttribute("tabindex", "0");
      days.appendChild(cell);
    }
  }
  function open() { picker.hidden = false; }
  function cells() { return Array.prototype.slice.call(picker.querySelectorAll(".dp-days span")); }

  draw();
  fields.forEach(function (field) {
    field.addEventListener("focus", open);
    field.addEventListener("keydown", function (e) {
      if (e.key === "Tab") { e.preventDefault(); open(); cells()[0].focus(); }   // Tab is swallowed into the picker
    });
  });
  picker.addEventListener("keydown", function (e) {
    if (e.key !== "Tab") return;                                               // Escape does nothing either
    e.preventDefault();
    var list = cells();
    var at = list.indexOf(document.activeElement);
    var next = (at + (e.shiftKey ? -1 : 1) + list.length) % list.length;
    list[next].focus();                                                        // Tab goes round and round
  });
  picker.addEventListener("click", function (e) {
    if (e.target.parentNode && e.target.parentNode.className === "dp-days") {
      fields[0].value = e.target.textContent;
      fields[1].value = String(shown.getMonth() + 1);
      fields[2].value = String(shown.getFullYear());
      picker.hidden = true;
    }
  });
  document.addEventListener("mousedown", function (e) {
    if (!picker.contains(e.target) && fields.indexOf(e.target) < 0) picker.hidden = true;
  });
})();
