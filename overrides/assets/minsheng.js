// Sorting and filtering for the overview table. The table is complete in the
// HTML; this only reorders or hides rows, so nothing waits for a script.
(function () {
  "use strict";

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value") || cell.textContent.trim();
    return kind === "number" ? parseFloat(raw) : raw;
  }

  function setupSort(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      var button = th.querySelector("button");
      if (!kind || !button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
          if (order === 0) order = cellValue(a, 0, "number") - cellValue(b, 0, "number");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setupFilter(group, table) {
    var links = group.querySelectorAll("a[data-filter]");
    Array.prototype.forEach.call(links, function (link) {
      link.setAttribute("role", "button");
      link.setAttribute("aria-pressed", link.getAttribute("data-filter") === "" ? "true" : "false");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        // Material's instant navigation listens on <body> and ignores preventDefault:
        // without this it would still load the category page the link points to.
        event.stopPropagation();
        var wanted = link.getAttribute("data-filter");
        Array.prototype.forEach.call(links, function (l) {
          l.setAttribute("aria-pressed", l === link ? "true" : "false");
        });
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          row.hidden = wanted !== "" && row.getAttribute("data-category") !== wanted;
        });
      });
    });
  }

  function setup() {
    var table = document.querySelector("table[data-sortable]");
    if (!table || table.getAttribute("data-ready")) return;
    table.setAttribute("data-ready", "1");
    setupSort(table);
    var group = document.querySelector(".ms-filter");
    if (group) setupFilter(group, table);
  }

  // Material's instant navigation swaps pages without a reload: follow it.
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
