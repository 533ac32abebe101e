// Tables a reader would want to reorder or narrow: a table with class
// "sortable" gets header buttons that sort by that column (dates and
// numbers as such, text in Chinese collation); "filterable" gets a box
// that hides rows not containing the text typed. Without scripts the
// tables read as printed.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function cellValue(row, i) {
    var c = row.cells[i];
    return c ? c.textContent.trim() : "";
  }

  function asNumber(s) {
    var t = s.replace(/[,\s元分人]/g, "");
    return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  }

  function compare(a, b) {
    var x = asNumber(a), y = asNumber(b);
    if (x !== null && y !== null) { return x - y; }
    return collator.compare(a, b);
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) { return; }
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, i) {
      var label = th.innerHTML;
      th.textContent = "";
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      b.innerHTML = label;
      b.title = "按此列排序";
      th.appendChild(b);
      // Printed, a table's heading row repeats on every page, and a
      // button in it prints blank there: the heading is printed as text.
      var printed = document.createElement("span");
      printed.className = "print-label";
      printed.setAttribute("aria-hidden", "true");
      printed.innerHTML = label;
      th.appendChild(printed);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) { return dir * compare(cellValue(r1, i), cellValue(r2, i)); });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  document.querySelectorAll("table.filterable").forEach(function (table, n) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var wrap = document.createElement("div");
    wrap.className = "table-filter noprint";
    var id = "table-filter-" + n;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = table.getAttribute("data-filter-label") || "筛选";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    wrap.appendChild(label);
    wrap.appendChild(input);
    table.parentNode.insertBefore(wrap, table);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(body.rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });

  // A link to a part of a page that is folded (details.fold) opens it.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    var d = el.matches("details") ? el : el.querySelector(":scope > details.fold") || el.closest("details.fold");
    if (d && !d.open) { d.open = true; el.scrollIntoView(); }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // Folded parts of a page (details.fold) print open, and fold again after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.fold:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
