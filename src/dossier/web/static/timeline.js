/* Timeline page: keyboard navigation between events (j/k, arrows, Home/End), zoom and pan
   keys (+ - and left/right follow the zoom links), and drag across the volume strip to
   zoom into a range. Plain DOM; the page works without it. */
(function () {
  "use strict";
  var DAY = 86400000;
  var links = Array.prototype.slice.call(document.querySelectorAll("#board a.card-link"));
  // time order: rows are in document order, cells left to right within a row
  function focusAt(i) {
    if (!links.length) { return; }
    i = Math.max(0, Math.min(links.length - 1, i));
    links[i].focus();
    links[i].scrollIntoView({ block: "nearest" });
  }
  function current() { return links.indexOf(document.activeElement); }
  document.addEventListener("keydown", function (evt) {
    var tag = (evt.target && evt.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || evt.altKey ||
        evt.ctrlKey || evt.metaKey) { return; }
    var i = current();
    if (evt.key === "j" || evt.key === "ArrowDown") { focusAt(i + 1); evt.preventDefault(); return; }
    if (evt.key === "k" || evt.key === "ArrowUp") { focusAt(i < 0 ? 0 : i - 1); evt.preventDefault(); return; }
    if (evt.key === "Home" && i >= 0) { focusAt(0); evt.preventDefault(); return; }
    if (evt.key === "End" && i >= 0) { focusAt(links.length - 1); evt.preventDefault(); return; }
    var ids = { "+": "zoom-in", "=": "zoom-in", "-": "zoom-out", "ArrowLeft": "pan-left",
                "ArrowRight": "pan-right", "0": "zoom-all" };
    var link = ids[evt.key] && document.getElementById(ids[evt.key]);
    if (link) { window.location.href = link.getAttribute("href"); }
  });

  var svg = document.getElementById("volume");
  var brush = document.getElementById("brush");
  if (!svg || !brush) { return; }
  var from = Date.parse(svg.getAttribute("data-from") + "T00:00:00Z");
  var days = parseInt(svg.getAttribute("data-days"), 10) || 1;
  var W = svg.viewBox.baseVal.width;
  var start = null;
  function svgX(evt) {
    var box = svg.getBoundingClientRect();
    return Math.max(0, Math.min(W, (evt.clientX - box.left) * W / box.width));
  }
  function dateAt(x) {
    return new Date(from + Math.floor(x / W * days) * DAY).toISOString().slice(0, 10);
  }
  svg.addEventListener("mousedown", function (evt) {
    start = svgX(evt);
    brush.setAttribute("x", start); brush.setAttribute("width", 0);
    evt.preventDefault();
  });
  svg.addEventListener("mousemove", function (evt) {
    if (start === null) { return; }
    var x = svgX(evt);
    brush.setAttribute("x", Math.min(start, x));
    brush.setAttribute("width", Math.abs(x - start));
  });
  svg.addEventListener("click", function (evt) {
    if (svg.getAttribute("data-dragged")) { evt.preventDefault(); svg.removeAttribute("data-dragged"); }
  });
  window.addEventListener("mouseup", function (evt) {
    if (start === null) { return; }
    var x = svgX(evt), a = Math.min(start, x), b = Math.max(start, x);
    start = null;
    brush.setAttribute("width", 0);
    if (b - a < 6) { return; }
    svg.setAttribute("data-dragged", "1");
    var params = new URLSearchParams(window.location.search);
    params.set("from", dateAt(a)); params.set("to", dateAt(b));
    window.location.search = params.toString();
  });
}());
