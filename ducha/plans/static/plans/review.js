/* Plan review: link the extracted items with their highlights in the text.
   Click an item: scroll to and flash its highlight. Click a highlight: select
   the innermost item it belongs to. */
(function () {
  "use strict";
  var text = document.getElementById("plan-text");
  if (!text) { return; }

  function highlights(id) {
    return text.querySelectorAll('[data-items~="' + id + '"]');
  }

  function flash(id) {
    text.querySelectorAll(".hl-active").forEach(function (m) { m.classList.remove("hl-active", "hl-flash"); });
    var marks = highlights(id);
    if (!marks.length) { return; }
    marks.forEach(function (m) {
      m.classList.add("hl-active");
      void m.offsetWidth; // restart the animation when flashing the same item again
      m.classList.add("hl-flash");
    });
    marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
  }

  function select(id, scrollList) {
    document.querySelectorAll(".review-item.selected").forEach(function (el) { el.classList.remove("selected"); });
    var item = document.getElementById("item-" + id);
    if (!item) { return; }
    item.classList.add("selected");
    if (scrollList) { item.scrollIntoView({ behavior: "smooth", block: "nearest" }); }
  }

  document.querySelectorAll(".review-item").forEach(function (item) {
    function activate(event) {
      if (event.target.closest("a, button, form, input, select, textarea")) { return; }
      select(item.dataset.item, false);
      flash(item.dataset.item);
    }
    item.addEventListener("click", activate);
    item.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(event); }
    });
  });

  text.addEventListener("click", function (event) {
    var mark = event.target.closest("[data-item]");
    if (!mark) { return; }
    select(mark.dataset.item, true);
    flash(mark.dataset.item);
  });

  // Coming back from a decision (#item-12): select that item again.
  var match = /^#item-(\d+)$/.exec(window.location.hash);
  if (match) { select(match[1], true); }
})();
