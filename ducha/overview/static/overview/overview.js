// Charts of the overview page, from the JSON the view embeds.
(function () {
  "use strict";
  var node = document.getElementById("chart-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var font = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.family = font;
  Chart.defaults.color = "#3c4753";
  // Each state in the colour of its badge (core/ducha.css .badge-state-*), shown in the legend below the chart.
  function stateColour(key) {
    var badge = document.querySelector(".badge-state-" + key);
    return badge ? getComputedStyle(badge).backgroundColor : "#6c757d";
  }
  var base = document.getElementById("chart-state").getAttribute("data-list-url");

  new Chart(document.getElementById("chart-state"), {
    type: "doughnut",
    data: { labels: data.state.labels, datasets: [{ data: data.state.data,
      backgroundColor: data.state.keys.map(stateColour) }] },
    options: { maintainAspectRatio: false, cutout: "60%", plugins: { legend: { display: false } },
      onClick: function (_e, items) { if (items.length) { location.href = base + "?state=" + data.state.keys[items[0].index]; } } }
  });
  function bar(id, series, colour) {
    var horizontal = series.labels.length > 6 || window.innerWidth < 768;
    new Chart(document.getElementById(id), {
      type: "bar",
      data: { labels: series.labels, datasets: [{ data: series.data, backgroundColor: colour, borderRadius: 4, maxBarThickness: 28 }] },
      options: { maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0, autoSkip: false } } } }
    });
  }
  bar("chart-division", data.division, "#3d7cc9");
  bar("chart-unit", data.unit, "#5a9e8f");
})();
