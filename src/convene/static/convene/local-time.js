// Show each session's time in the viewer's own time zone when it differs from the session's.
(function () {
  "use strict";
  function fill(root) {
    var viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var lang = document.documentElement.lang || "en";
    // English as Europe writes it (6 December, 14:00), never the American 12-hour clock.
    var locale = lang === "en" ? "en-GB" : lang;
    root.querySelectorAll(".viewer-time[hidden]").forEach(function (el) {
      if (!viewerZone || viewerZone === el.dataset.zone) return;
      var start = new Date(el.dataset.start), end = new Date(el.dataset.end);
      var day = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      var hour = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      el.textContent = " · " + el.dataset.label + ": " + day.format(start) + "–" + hour.format(end) + " (" + viewerZone + ")";
      el.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { fill(document); });
  document.addEventListener("htmx:afterSwap", function (event) { fill(event.target); });
})();
