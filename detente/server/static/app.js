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
