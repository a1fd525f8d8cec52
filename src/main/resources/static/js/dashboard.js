// Draws the dashboard's charts from the JSON block the page carries; a click on a slice or a bar
// opens the ledger view behind it.
document.addEventListener("DOMContentLoaded", function () {
  var block = document.getElementById("dashboard-data");
  if (!block || typeof echarts === "undefined") {
    return;
  }
  var d = JSON.parse(block.textContent);
  var dark = document.body.classList.contains("screen");
  var theme = dark ? "dark" : null;
  var text = dark ? "#e6edf3" : "#263238";
  var size = dark ? 18 : 12; // read from across the room on the wall

  function chart(id, option, hrefs) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var c = echarts.init(el, theme, { renderer: "canvas" });
    option.backgroundColor = "transparent";
    option.animation = !dark;
    c.setOption(option);
    if (hrefs) {
      c.on("click", function (p) {
        if (hrefs[p.dataIndex]) {
          window.location.href = hrefs[p.dataIndex];
        }
      });
    }
    window.addEventListener("resize", function () { c.resize(); });
  }

  function pie(id, counts) {
    chart(id, {
      tooltip: { trigger: "item" },
      legend: { bottom: 0, textStyle: { color: text, fontSize: size } },
      series: [{
        type: "pie", radius: ["40%", "68%"], center: ["50%", "45%"],
        label: { color: text, fontSize: size, formatter: "{b} {c}" },
        data: counts.map(function (c) { return { name: c.label, value: c.count }; })
      }]
    }, counts.map(function (c) { return c.href; }));
  }

  pie("chart-status", d.byStatus);
  pie("chart-kind", d.byKind);
  chart("chart-months", {
    tooltip: { trigger: "axis" },
    legend: { data: ["办结", "报送"], textStyle: { color: text, fontSize: size } },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: d.months.map(function (m) { return m.month; }), axisLabel: { color: text, fontSize: size } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: text, fontSize: size } },
    series: [
      { name: "办结", type: "bar", data: d.months.map(function (m) { return m.closed; }), itemStyle: { color: "#2e7d32" } },
      { name: "报送", type: "line", data: d.months.map(function (m) { return m.reports; }), itemStyle: { color: "#1565c0" } }
    ]
  });
});
