// Sorting, filtering and downloading of the comparison tables; the project's own code, no library.
// A table with data-sortable gets a button in each header cell (the cell keeps its header role and carries
// aria-sort); cells may carry data-sort (numbers sort as numbers). A ".zjtx-filters[data-for=ID]" block holds
// the controls for table #ID: <select data-filter=KEY> keeps rows whose data-KEY equals the choice,
// <input type=checkbox data-hide=KEY value=V> hides rows whose data-KEY is V, <input data-min=KEY> and
// <input data-max=KEY> keep rows whose numeric data-KEY lies within, and <button data-download> saves the rows
// shown as CSV. The filter state is kept in the address (?KEY=value), so a link shows the same rows.
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    var number = Number(raw);
    return raw !== "" && !isNaN(number) ? number : raw;
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), "zh");
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "zjtx-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellKey(r1, index), cellKey(r2, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function controlKey(control) {
    return control.getAttribute("data-filter") || control.getAttribute("data-hide") ||
      (control.hasAttribute("data-min") ? "min" : control.hasAttribute("data-max") ? "max" : "");
  }

  function wireFilters(box) {
    var table = document.getElementById(box.getAttribute("data-for"));
    if (!table) return;
    var controls = box.querySelectorAll("select[data-filter], input[data-hide], input[data-min], input[data-max]");
    var counter = box.querySelector(".zjtx-count");
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(controls, function (c) {
      var value = params.get(controlKey(c));
      if (value === null) return;
      if (c.type === "checkbox") c.checked = value === c.value; else c.value = value;
    });
    function keep(row) {
      return Array.prototype.every.call(controls, function (c) {
        if (c.hasAttribute("data-filter")) return !c.value || row.getAttribute("data-" + c.getAttribute("data-filter")) === c.value;
        if (c.hasAttribute("data-hide")) return !c.checked || row.getAttribute("data-" + c.getAttribute("data-hide")) !== c.value;
        var key = c.getAttribute("data-min") || c.getAttribute("data-max");
        if (c.value === "") return true;
        var cell = row.getAttribute("data-" + key);
        if (cell === null || cell === "") return false;
        return c.hasAttribute("data-min") ? Number(cell) >= Number(c.value) : Number(cell) <= Number(c.value);
      });
    }
    function apply() {
      var rows = table.tBodies[0].rows, shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        row.hidden = !keep(row);
        if (!row.hidden) shown += 1;
      });
      if (counter) counter.textContent = shown + " / " + rows.length;
      var state = new URLSearchParams(location.search);
      Array.prototype.forEach.call(controls, function (c) {
        var value = c.type === "checkbox" ? (c.checked ? c.value : "") : c.value;
        if (value) state.set(controlKey(c), value); else state.delete(controlKey(c));
      });
      var query = state.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    Array.prototype.forEach.call(controls, function (c) {
      c.addEventListener(c.tagName === "INPUT" && c.type !== "checkbox" ? "input" : "change", apply);
    });
    var download = box.querySelector("button[data-download]");
    if (download) download.addEventListener("click", function () { saveCsv(table, download.getAttribute("data-filename")); });
    apply();
  }

  function csvCell(text) {
    var value = text.replace(/\s+/g, " ").trim();
    if (/^[=+\-@]/.test(value)) value = "'" + value;  // never a formula in a spreadsheet
    return '"' + value.replace(/"/g, '""') + '"';
  }

  function saveCsv(table, filename) {
    var lines = [Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return csvCell(c.textContent); }).join(",")];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      if (row.hidden) return;
      lines.push(Array.prototype.map.call(row.cells, function (c) { return csvCell(c.textContent); }).join(","));
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename || "table.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  // A table wider than the page scrolls inside its wrapper: keyboard users must be able to reach and scroll it.
  function focusableScrolls() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        if (wrap.tagName !== "TABLE") wrap.setAttribute("role", "region");  // a table keeps its own role
        wrap.setAttribute("aria-label", document.documentElement.lang === "en" ? "Table (scrolls sideways)" : "表格(可横向滚动)");
      }
    });
  }

  function init() {
    focusableScrolls();
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
    document.querySelectorAll(".zjtx-filters[data-for]").forEach(wireFilters);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
