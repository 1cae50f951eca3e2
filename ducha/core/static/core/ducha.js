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
  // Confirm before destructive or irreversible submits.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
    });
  });
})();
