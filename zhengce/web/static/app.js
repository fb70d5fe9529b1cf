/* zhengce web: fact details, legend toggles, term picking and charts.
   Text from documents is only ever set through textContent, never as HTML. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  var SKIP = { kind: 1, span: 1 };

  function showFacts(ids, facts, labels) {
    var body = document.getElementById("fact-body");
    if (!body) return;
    body.replaceChildren();
    ids.forEach(function (id) {
      var fact = facts[id];
      if (!fact) return;
      var box = el("div", null, "fact-box");
      box.appendChild(el("h3", labels[fact.kind] || fact.kind, "fact-" + fact.kind));
      var list = el("dl");
      Object.keys(fact).forEach(function (key) {
        if (SKIP[key]) return;
        var value = fact[key];
        if (value === null || value === "" || (Array.isArray(value) && !value.length)) return;
        if (typeof value === "object") value = JSON.stringify(value);
        list.appendChild(el("dt", key));
        list.appendChild(el("dd", value));
      });
      box.appendChild(list);
      body.appendChild(box);
    });
  }

  function documentPage() {
    var facts = readJson("facts-data");
    if (!facts) return;
    var labels = readJson("labels-data") || {};
    var text = document.getElementById("doc-text");
    var selected = null;
    function pick(target) {
      var span = target.closest ? target.closest(".fact") : null;
      if (!span) return;
      if (selected) selected.classList.remove("selected");
      selected = span;
      span.classList.add("selected");
      showFacts(span.getAttribute("data-facts").split(" "), facts, labels);
    }
    text.addEventListener("click", function (event) { pick(event.target); });
    text.addEventListener("keydown", function (event) {
      if (event.key === "Enter") pick(event.target);
    });
    document.querySelectorAll("input[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
      });
    });
  }

  function formulationsPage() {
    var form = document.getElementById("timeline-form");
    if (!form) return;
    form.addEventListener("submit", function () {
      var picked = [];
      form.querySelectorAll(".term-pick:checked").forEach(function (box) { picked.push(box.value); });
      document.getElementById("picked-terms").value = picked.join(",");
    });
  }

  function timelineChart(node, data) {
    var chart = window.echarts.init(node);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: data.series.map(function (s) { return s.term; }) },
      grid: { top: 40, left: 50, right: 30, bottom: data.axis.length > 36 ? 70 : 40 },
      xAxis: { type: "category", data: data.axis },
      yAxis: { type: "value" },
      dataZoom: data.axis.length > 36 ? [{ type: "slider" }] : [],
      series: data.series.map(function (s) {
        return { name: s.term, type: "line", data: s.values, showSymbol: data.axis.length < 60 };
      })
    });
  }

  function compareChart(node, data) {
    var names = readJson("theme-labels") || {};
    var chart = window.echarts.init(node);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: data.sides.map(function (s) { return s.label; }) },
      grid: { top: 40, bottom: 110 },
      xAxis: { type: "category", data: data.themes.map(function (t) { return names[t] || t; }),
               axisLabel: { rotate: 40 } },
      yAxis: { type: "value", name: "%" },
      series: data.sides.map(function (s) {
        return { name: s.label, type: "bar",
                 data: data.themes.map(function (t) {
                   return Math.round(1000 * (s.paragraph_themes[t] || 0)) / 10;
                 }) };
      })
    });
  }

  function charts() {
    var node = document.getElementById("chart");
    var data = readJson("chart-data");
    if (!node || !data || !window.echarts) return;
    if (node.getAttribute("data-chart") === "timeline") timelineChart(node, data);
    else compareChart(node, data);
    node.setAttribute("data-rendered", "1");
  }

  document.addEventListener("DOMContentLoaded", function () {
    documentPage();
    formulationsPage();
    charts();
  });
})();
