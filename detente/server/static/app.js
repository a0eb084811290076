// detente dashboard: the only script. Brings the highlighted sentence into view and flashes the
// evidence of an event picked in the side list. Pages work without it.
(function () {
  "use strict";
  function marksOf(eventId) {
    return Array.prototype.filter.call(document.querySelectorAll("mark.evidence"), function (m) {
      return (m.getAttribute("data-events") || "").split(" ").indexOf(eventId) >= 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var selected = document.querySelector("mark.evidence.selected");
    if (selected && !window.location.hash) {
      selected.scrollIntoView({block: "center"});
    }
    document.querySelectorAll("a[data-event]").forEach(function (link) {
      link.addEventListener("click", function () {
        var marks = marksOf(link.getAttribute("data-event"));
        marks.forEach(function (m) { m.classList.add("flash"); });
        window.setTimeout(function () {
          marks.forEach(function (m) { m.classList.remove("flash"); });
        }, 1200);
      });
    });
  });
})();
// The API page's "Try it" forms: path parameters ({dyad}) go into the path, the rest into the
// query. Without this script the form still sends its query parameters.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("form.try[data-path]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var path = form.getAttribute("data-path");
      var query = [];
      form.querySelectorAll("input[name]").forEach(function (input) {
        if (!input.value) { return; }
        if (input.getAttribute("data-in") === "path") {
          path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
        } else {
          query.push(encodeURIComponent(input.name) + "=" + encodeURIComponent(input.value));
        }
      });
      window.location.href = path + (query.length ? "?" + query.join("&") : "");
    });
  });
});
// Tables of a page's own rows (class "sortable": the pair list, documents, a timeline) sort by a
// click on a column header, numbers as numbers; the event list sorts in the database instead.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  function key(row, column) {
    var cell = row.children[column];
    var text = cell ? (cell.getAttribute("data-sort") || cell.textContent).trim() : "";
    var number = parseFloat(text.replace(/^\+/, ""));
    return /^[+-]?\d+(\.\d+)?$/.test(text.split(/\s/)[0].replace(/^\+/, "")) ? number : text.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a, column), y = key(b, column);
          if (x === y) { return 0; }
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  });
});
