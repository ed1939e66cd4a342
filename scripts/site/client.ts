// The one script every page of the reader's edition loads (as assets/site.js). Kept as a string
// so the browser gets exactly this ES5 code, not a transpiled copy.
//
// 1. Draws every chart: the figure JSON sits in <script type="application/json" class="cp-chart-data">
//    next to its <div class="cp-chart">; plotly.js (assets/plotly.min.js) draws it sized to the
//    column (a fixed layout.width is dropped, config.responsive is on). When all charts are drawn
//    <html> gets data-charts="drawn" (the browser test waits for it; "failed" if one threw).
// 2. Aligns HTML tables from notebook outputs: a column whose body cells are all numbers (with
//    stars, parentheses, %, ✓/✗ allowed) gets class cp-num (right-aligned, tabular figures);
//    cells with an inline text-align or the lib renderers' cplib-l/-r/-c classes keep theirs.
//    In regression tables the stars go in a fixed-width box so decimal points line up.
export const CLIENT_JS = String.raw`(function () {
  "use strict";
  var NUMBER = /^[-+\u2212]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][-+]?\d+)?\s*%?\s*\**$/;
  var PAREN = /^[(\[][-+\u2212]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][-+]?\d+)?[)\]]\**$/;
  function numeric(text) {
    var t = text.replace(/\u00a0/g, " ").trim();
    if (t === "" || t === "\u2013" || t === "\u2014" || t === "-" || t === "NaN") return null;
    var parts = t.split(/\s+/);
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (!(NUMBER.test(p) || PAREN.test(p) || p === "\u2713" || p === "\u2717")) return false;
    }
    return true;
  }
  function alignTables(root) {
    var tables = root.querySelectorAll(".cp-output-html table, .cp-output-markdown table, .cp-markdown table");
    for (var t = 0; t < tables.length; t++) {
      var table = tables[t];
      var frame = table.classList.contains("cp-frame");
      var rows = table.querySelectorAll("tbody tr");
      if (rows.length === 0) rows = table.querySelectorAll("tr");
      var verdict = [];
      for (var r = 0; r < rows.length; r++) {
        var col = 0;
        var cells = rows[r].children;
        for (var c = 0; c < cells.length; c++) {
          var span = cells[c].colSpan || 1;
          if (span === 1 && cells[c].tagName === "TD") {
            var v = numeric(cells[c].textContent || "");
            if (v !== null) verdict[col] = verdict[col] === false ? false : v;
          }
          col += span;
        }
      }
      var all = table.querySelectorAll("tr");
      for (var a = 0; a < all.length; a++) {
        var k = 0;
        var cs = all[a].children;
        for (var b = 0; b < cs.length; b++) {
          var s = cs[b].colSpan || 1;
          // Short cells holding numbers ("0.790*** (t = 17.25)", "[8.1e-33, 8.5e-33]") never break.
          var txt = cs[b].textContent || "";
          if (cs[b].tagName === "TD" && txt.length <= 28 && /\d/.test(txt)) cs[b].classList.add("cp-nowrap");
          var own = cs[b].style.textAlign || /\bcplib-[lrc]\b/.test(cs[b].className);
          if (s === 1 && verdict[k] === true && !own) cs[b].classList.add("cp-num");
          // A text column of a data frame reads better flush left, whatever the cells say.
          if (s === 1 && verdict[k] === false && frame && cs[b].tagName === "TD") cs[b].style.textAlign = "left";
          k += s;
        }
      }
    }
  }
  // Regression tables: stars in a fixed-width box after the number, so decimal points line up
  // down each column whether a coefficient has three stars or none (what dcolumn does in LaTeX).
  function alignStars(root) {
    var cells = root.querySelectorAll("table.cplib-regression tbody td");
    for (var i = 0; i < cells.length; i++) {
      var cell = cells[i];
      if (cell.children.length > 0) continue;
      var m = /^(.*?)(\**)$/.exec(cell.textContent || "");
      if (!m || m[1] === "") continue;
      cell.textContent = m[1];
      var box = document.createElement("span");
      box.className = "cp-stars";
      box.textContent = m[2];
      cell.appendChild(box);
    }
  }
  function drawCharts() {
    var nodes = document.querySelectorAll("script.cp-chart-data");
    var root = document.documentElement;
    if (nodes.length === 0) { root.setAttribute("data-charts", "drawn"); return; }
    if (!window.Plotly) {
      root.setAttribute("data-charts", "failed");
      for (var n = 0; n < nodes.length; n++) {
        var target = document.getElementById(nodes[n].getAttribute("data-for"));
        if (target) target.textContent = "The chart could not be drawn: assets/plotly.min.js did not load.";
      }
      throw new Error("plotly.js did not load (assets/plotly.min.js)");
    }
    var jobs = [];
    for (var i = 0; i < nodes.length; i++) {
      var div = document.getElementById(nodes[i].getAttribute("data-for"));
      var fig = JSON.parse(nodes[i].textContent);
      var layout = {};
      for (var key in fig.layout) if (Object.prototype.hasOwnProperty.call(fig.layout, key)) layout[key] = fig.layout[key];
      delete layout.width;
      // plotly.js 3+ ignores a title given as a bare string; accept it as { text }.
      if (typeof layout.title === "string") layout.title = { text: layout.title };
      for (var ak in layout) {
        if (/^[xy]axis\d*$/.test(ak) && layout[ak] && typeof layout[ak].title === "string") {
          var axisCopy = {};
          for (var ap in layout[ak]) if (Object.prototype.hasOwnProperty.call(layout[ak], ap)) axisCopy[ap] = layout[ak][ap];
          axisCopy.title = { text: layout[ak].title };
          layout[ak] = axisCopy;
        }
      }
      layout.autosize = true;
      var width = div.clientWidth || 640;
      if (!layout.height) layout.height = Math.round(Math.max(300, Math.min(460, width * 0.62)));
      var config = { displaylogo: false };
      for (var ck in fig.config) if (Object.prototype.hasOwnProperty.call(fig.config, ck)) config[ck] = fig.config[ck];
      config.responsive = true;
      jobs.push(window.Plotly.newPlot(div, fig.data, layout, config));
    }
    Promise.all(jobs).then(
      function () { root.setAttribute("data-charts", "drawn"); },
      function (err) { root.setAttribute("data-charts", "failed"); throw err; }
    );
  }
  function start() {
    alignTables(document);
    alignStars(document);
    drawCharts();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
`;
