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
