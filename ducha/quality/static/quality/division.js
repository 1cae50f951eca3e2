// Charts of the quality-targets page, from the JSON the view embeds.
(function () {
  "use strict";
  var node = document.getElementById("quality-chart-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#3c4753";
  new Chart(document.getElementById("chart-monthly"), {
    data: { labels: data.monthly.labels, datasets: [
      { type: "bar", label: data.labels.pm25 + " (" + data.labels.unit + ")", data: data.monthly.pm25, backgroundColor: "#3d7cc9", yAxisID: "y", borderRadius: 4 },
      { type: "line", label: "优良天数比例 (%)", data: data.monthly.good, borderColor: "#198754", backgroundColor: "#198754", yAxisID: "y1" }
    ] },
    options: { maintainAspectRatio: false, scales: {
      y: { beginAtZero: true, title: { display: true, text: data.labels.unit } },
      y1: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: "%" } } } }
  });
  new Chart(document.getElementById("chart-water"), {
    type: "bar",
    data: { labels: data.water.labels, datasets: [{ data: data.water.data, borderRadius: 4,
      backgroundColor: ["#4fc3f7", "#1e88e5", "#43a047", "#fdd835", "#fb8c00", "#e53935"] }] },
    options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } }
  });
})();
