// The live board's chart: the share of the team that has answered over the minutes since the start.
// Its data is in <script type="application/json" id="answers-data"> inside the part htmx replaces every
// few seconds; the chart itself stays and is given the new data after each swap.
(function () {
  "use strict";
  var chart = null;

  function draw() {
    var el = document.querySelector("[data-chart]");
    var source = el && document.getElementById(el.dataset.chart);
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    if (!chart) {
      chart = echarts.init(el);
      window.addEventListener("resize", function () { chart.resize(); });
    }
    var font = getComputedStyle(document.body).fontFamily;
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font },
      grid: { left: 8, right: 16, top: 16, bottom: 28, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      xAxis: { type: "value", name: data.labels.x, nameLocation: "middle", nameGap: 26, min: 0,
               max: function (v) { return Math.max(Math.ceil(v.max), 10); } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: [{ name: data.labels.y, type: "line", step: "end", showSymbol: false, areaStyle: { opacity: 0.15 },
                 itemStyle: { color: "#1f6f43" }, data: data.points }]
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();

// A step the server refuses to tick (the activation closed meanwhile, a step no longer in the plan):
// htmx swaps nothing on a 4xx, so its message — Thai text, the response's body — is shown above the list.
(function () {
  "use strict";
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("procedures-refused");
    if (!box || !box.parentNode.contains(event.detail.elt)) return;
    box.textContent = event.detail.xhr.responseText || event.detail.xhr.statusText;
    box.hidden = false;
  });
})();
