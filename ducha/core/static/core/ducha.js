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
  // A long select (hundreds of units) searched as typed, by its text and the other names an option carries
  // (data-also: a unit's short names): <select data-search="placeholder">. With
  // data-follow="ID" only the options under the division chosen in select#ID (by their data-path) are shown.
  // Chosen options always stay visible, so what will be submitted is never hidden.
  document.querySelectorAll("select[data-search]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.getAttribute("data-search");
    box.setAttribute("aria-label", select.getAttribute("data-search"));
    box.id = select.id + "_search";
    select.parentNode.insertBefore(box, select);
    var follow = document.getElementById(select.getAttribute("data-follow") || "");
    var narrow = function () {
      var words = box.value.trim().toLowerCase();
      var under = "";
      if (follow && follow.selectedIndex >= 0) {
        under = follow.options[follow.selectedIndex].getAttribute("data-path") || "";
      }
      Array.prototype.forEach.call(select.options, function (option) {
        var path = option.getAttribute("data-path") || "";
        var text = (option.text + " " + (option.getAttribute("data-also") || "")).toLowerCase();
        var fits = (!words || text.indexOf(words) >= 0) &&
          (!under || !option.value || path.indexOf(under) === 0);
        option.hidden = !(fits || option.selected);
      });
    };
    box.addEventListener("input", narrow);
    if (follow) { follow.addEventListener("change", narrow); }
    narrow();
  });
  // Confirm before destructive or irreversible submits.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
    });
  });
})();
