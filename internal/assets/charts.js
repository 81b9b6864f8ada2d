// Initialises every chart of the page from the echarts option held in its
// data-option attribute (built by go-echarts on the server), and formats
// numbers the way the page's language writes them. Kept out of the HTML so
// that the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var locales = { nl: "nl-BE", fr: "fr-BE", en: "en-GB" };
  var lang = document.documentElement.lang;
  var locale = locales[lang] || "en-GB";

  function formatter(unit) {
    var digits = unit === "count" ? 0 : unit === "per_1000" ? 2 : 1;
    var nf = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    return function (v) {
      if (v === null || v === undefined || v === "-" || isNaN(v)) { return "–"; }
      return nf.format(v) + (unit === "percent" ? "\u00a0%" : "");
    };
  }

  function init(el) {
    var option;
    try {
      option = JSON.parse(el.getAttribute("data-option"));
    } catch (e) {
      return;
    }
    var format = formatter(el.getAttribute("data-unit"));
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = format;
    // Long administration names would eat a phone-width chart: cut them
    // (the table beside the chart gives them whole).
    var labelWidth = el.clientWidth < 600 ? 100 : 240;
    // A report asks for SVG: it prints sharp at any size. On paper no
    // tooltip shows a cut name: labels wrap instead (with room between
    // their lines, which echarts leaves out of the SVG), and every category
    // under the bars keeps its label.
    var renderer = el.getAttribute("data-renderer") || "canvas";
    var printed = renderer === "svg";
    var xAxes = [].concat(option.xAxis || []);
    xAxes.concat(option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      axis.axisLabel.hideOverlap = true;
      if (axis.type === "value") {
        axis.axisLabel.formatter = format;
      } else if (axis.inverse) {
        axis.axisLabel.width = labelWidth;
        axis.axisLabel.overflow = printed ? "break" : "truncate";
        if (printed) { axis.axisLabel.lineHeight = 15; }
      } else if (printed && xAxes.indexOf(axis) >= 0 && axis.data && axis.data.length) {
        axis.axisLabel.interval = 0;
        axis.axisLabel.hideOverlap = false;
        axis.axisLabel.width = Math.floor(el.clientWidth * 0.9 / axis.data.length) - 8;
        axis.axisLabel.overflow = "break";
        axis.axisLabel.lineHeight = 15;
      }
    });
    var chart = echarts.init(el, null, { renderer: renderer });
    chart.setOption(option);
    el.setAttribute("data-ready", "true");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll(".chart[data-option]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
