/* Timeline page: drag across the date axis to zoom into a range; keys + - and arrows
   follow the zoom and pan links. Plain DOM, no dependencies; the page works without it. */
(function () {
  "use strict";
  var svg = document.getElementById("timeline");
  if (!svg) { return; }
  var brush = document.getElementById("brush");
  var DAY = 86400000;
  var from = Date.parse(svg.getAttribute("data-from") + "T00:00:00Z");
  var to = Date.parse(svg.getAttribute("data-to") + "T00:00:00Z");
  var x0 = parseFloat(svg.getAttribute("data-x0"));
  var x1 = parseFloat(svg.getAttribute("data-x1"));
  var start = null;

  function svgX(evt) {
    var pt = svg.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  }
  function dateAt(x) {
    var t = from + (to - from) * (x - x0) / (x1 - x0);
    return new Date(Math.round(t / DAY) * DAY).toISOString().slice(0, 10);
  }
  function go(a, b) {
    var params = new URLSearchParams(window.location.search);
    params.set("from", a); params.set("to", b);
    window.location.search = params.toString();
  }
  function inBand(evt) {
    var band = svg.querySelector(".axis-band");
    var box = band.getBoundingClientRect();
    return evt.clientY >= box.top && evt.clientY <= box.bottom;
  }
  svg.addEventListener("mousedown", function (evt) {
    if (!inBand(evt)) { return; }
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
  window.addEventListener("mouseup", function (evt) {
    if (start === null) { return; }
    var x = svgX(evt), a = Math.min(start, x), b = Math.max(start, x);
    start = null;
    brush.setAttribute("width", 0);
    if (b - a < 4) { return; }
    var da = dateAt(a), db = dateAt(b);
    if (db <= da) { return; }
    go(da, db);
  });
  document.addEventListener("keydown", function (evt) {
    var tag = (evt.target && evt.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    var ids = { "+": "zoom-in", "=": "zoom-in", "-": "zoom-out", "ArrowLeft": "pan-left",
                "ArrowRight": "pan-right", "0": "zoom-all" };
    var link = ids[evt.key] && document.getElementById(ids[evt.key]);
    if (link) { window.location.href = link.getAttribute("href"); }
  });
}());
