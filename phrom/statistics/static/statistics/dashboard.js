/* Draws the dashboard's charts and the province map with ECharts from the JSON the page carries in
   data-charts attribute of #stats-charts (no inline script: the CSP forbids it). The
   same numbers are in the table beside each chart. */
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  var FONT = "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif";

  function bar(el, spec) {
    var chart = echarts.init(el);
    var horizontal = !spec.line && spec.labels.length > 6;
    var category = { type: "category", data: spec.labels, axisLabel: { fontFamily: FONT, width: 140, overflow: "truncate" } };
    var value = { type: "value", axisLabel: { formatter: "{value}" + spec.unit } };
    chart.setOption({
      textStyle: { fontFamily: FONT },
      grid: { left: horizontal ? 150 : 50, right: 30, top: 20, bottom: 40 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + spec.unit; } },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      series: [{ type: spec.line ? "line" : "bar", data: spec.values, itemStyle: { color: "#12467a" },
                 label: { show: spec.labels.length <= 12, position: horizontal ? "right" : "top",
                          formatter: function (p) { return p.value + spec.unit; } } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function map(el, data) {
    fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (geo) {
      geo.features.forEach(function (f) { f.properties.name = f.properties.code; });
      echarts.registerMap("thailand", geo);
      var chart = echarts.init(el);
      var rows = Object.keys(data).map(function (code) { return { name: code, value: data[code].value }; });
      chart.setOption({
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: "item", formatter: function (p) {
          var d = data[p.name];
          return d ? d.name + "<br>" + d.with_plan.toLocaleString() + " / " + d.total.toLocaleString() + " (" + d.value + "%)" : "";
        } },
        visualMap: { min: 0, max: 100, left: 10, bottom: 10, text: ["100%", "0%"], calculable: true,
                     inRange: { color: ["#f3e6d0", "#b7791f", "#12467a"] } },
        series: [{ type: "map", map: "thailand", roam: false, data: rows, nameProperty: "name",
                   emphasis: { label: { show: false } }, selectedMode: false }]
      });
      chart.on("click", function (p) { if (data[p.name]) window.location.href = el.dataset.link + p.name; });
      window.addEventListener("resize", function () { chart.resize(); });
      el.dataset.ready = "true";
    });
  }

  ready(function () {
    var source = document.getElementById("stats-charts");
    if (!source || typeof echarts === "undefined") return;
    var charts = JSON.parse(source.dataset.charts);
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = charts[el.dataset.chart];
      if (spec && spec.labels.length) bar(el, spec);
    });
    var mapEl = document.getElementById("chart-map");
    if (mapEl) map(mapEl, charts.map);
  });
})();
