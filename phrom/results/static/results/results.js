// The after-action chart: planned RTO against the recovery reached, per process (data from json_script).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-chart]").forEach((el) => {
    if (!window.echarts) return;
    const data = JSON.parse(document.getElementById(el.dataset.chart).textContent);
    el.style.height = Math.max(220, 70 + data.names.length * 46) + "px";
    const chart = echarts.init(el);
    const late = data.recovered.map((h, i) => h !== null && data.rto[i] !== null && h > data.rto[i]);
    const font = getComputedStyle(document.body).fontFamily;  // the page's Thai font, not the canvas default
    chart.setOption({
      textStyle: { fontFamily: font },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { data: [data.labels.rto, data.labels.recovered], top: 0, textStyle: { fontFamily: font } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: "ชม." },
      yAxis: { type: "category", inverse: true, data: data.names,
               axisLabel: { fontFamily: font, width: el.clientWidth < 500 ? 110 : 220, overflow: "truncate" } },
      series: [
        { name: data.labels.rto, type: "bar", data: data.rto, itemStyle: { color: "#9aa5b1" } },
        { name: data.labels.recovered, type: "bar", itemStyle: { color: "#1a7f37" },
          data: data.recovered.map((h, i) => ({ value: h, itemStyle: { color: late[i] ? "#b42318" : "#1a7f37" } })),
          label: { show: true, position: "right", formatter: (p) => data.still_down[p.dataIndex] ? data.labels.still_down : "" } },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  });
});
