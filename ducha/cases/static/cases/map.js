// The case map: division polygons coloured by case count, and points where latitude/longitude are known.
// Data comes from the page (json_script); drawn as SVG, no tiles, nothing from the internet.
(function () {
  "use strict";
  var holder = document.getElementById("case-map");
  var source = document.getElementById("case-map-data");
  if (!holder || !source) return;
  var data = JSON.parse(source.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  data.areas.forEach(function (area) {
    area.polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        ring.forEach(function (p) {
          minLon = Math.min(minLon, p[0]); maxLon = Math.max(maxLon, p[0]);
          minLat = Math.min(minLat, p[1]); maxLat = Math.max(maxLat, p[1]);
        });
      });
    });
  });
  if (!isFinite(minLon)) return;
  var scale = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  var width = 1000, k = width / ((maxLon - minLon) * scale || 1);
  var height = (maxLat - minLat) * k || 1;
  function x(lon) { return ((lon - minLon) * scale * k).toFixed(1); }
  function y(lat) { return ((maxLat - lat) * k).toFixed(1); }
  var svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 " + width + " " + height.toFixed(0));
  var most = Math.max.apply(null, data.areas.map(function (a) { return a.count; }).concat([1]));
  data.areas.forEach(function (area) {
    var d = "";
    area.polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        d += "M" + ring.map(function (p) { return x(p[0]) + "," + y(p[1]); }).join("L") + "Z";
      });
    });
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", d);
    var share = area.count / most;
    path.setAttribute("fill", "rgba(25,135,84," + (0.12 + 0.8 * share).toFixed(2) + ")");
    var title = document.createElementNS(NS, "title");
    title.textContent = area.name + "：" + area.count + " 件";
    path.appendChild(title);
    svg.appendChild(path);
  });
  data.areas.forEach(function (area) {
    if (!area.polygons.length || !area.polygons[0].length) return;
    var ring = area.polygons[0][0], sx = 0, sy = 0;
    ring.forEach(function (p) { sx += p[0]; sy += p[1]; });
    var label = document.createElementNS(NS, "text");
    label.setAttribute("x", x(sx / ring.length)); label.setAttribute("y", y(sy / ring.length));
    label.setAttribute("text-anchor", "middle"); label.setAttribute("font-size", "18");
    label.textContent = area.name + " " + area.count;
    svg.appendChild(label);
  });
  data.points.forEach(function (point) {
    var dot = document.createElementNS(NS, "circle");
    dot.setAttribute("cx", x(point.lon)); dot.setAttribute("cy", y(point.lat)); dot.setAttribute("r", "5");
    var title = document.createElementNS(NS, "title");
    title.textContent = point.n || "";
    dot.appendChild(title);
    svg.appendChild(dot);
  });
  holder.appendChild(svg);
})();
