// Show each session's time in the viewer's own time zone when it differs from the session's.
(function () {
  "use strict";
  function fill(root) {
    var viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var lang = document.documentElement.lang || "en";
    root.querySelectorAll(".viewer-time[hidden]").forEach(function (el) {
      if (!viewerZone || viewerZone === el.dataset.zone) return;
      var start = new Date(el.dataset.start), end = new Date(el.dataset.end);
      var day = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
      var hour = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
      el.textContent = " · " + el.dataset.label + ": " + day.format(start) + "–" + hour.format(end) + " (" + viewerZone + ")";
      el.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { fill(document); });
  document.addEventListener("htmx:afterSwap", function (event) { fill(event.target); });
})();
