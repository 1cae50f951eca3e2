// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Auto-submit the filter form when a select changes (not on phones' text fields).
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (el) {
    el.addEventListener("change", function () { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); });
  });
  // Show stage rows only for staged / long-term tasks.
  var category = document.getElementById("id_category");
  var stages = document.getElementById("stage-rows");
  if (category && stages) {
    var sync = function () {
      stages.hidden = ["staged", "long_term"].indexOf(category.value) < 0;
    };
    category.addEventListener("change", sync);
    sync();
  }
  // A row of tabs that scrolls sideways on a phone shows the chosen tab, not only the first ones.
  document.querySelectorAll(".nav.overflow-auto .nav-link.active").forEach(function (tab) {
    var row = tab.closest(".nav");
    row.scrollLeft = tab.offsetLeft - row.offsetLeft - (row.clientWidth - tab.offsetWidth) / 2;
  });
  // Confirm before destructive or irreversible submits.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
    });
  });
})();
