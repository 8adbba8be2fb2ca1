/* Actor network: a small force-directed layout over the server's circular layout.
   Reads nodes and edges from the SVG, runs a fixed number of iterations (deterministic),
   then lets the reader drag nodes. No dependencies. */
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) { return; }
  var size = svg.viewBox.baseVal.width || 640;
  var nodes = [], byId = {}, edges = [];
  Array.prototype.forEach.call(svg.querySelectorAll("a.node"), function (el) {
    var c = el.querySelector("circle");
    var n = { id: el.getAttribute("data-id"), el: el, c: c, t: el.querySelector("text"),
              x: parseFloat(c.getAttribute("cx")), y: parseFloat(c.getAttribute("cy")),
              r: parseFloat(c.getAttribute("r")), vx: 0, vy: 0 };
    nodes.push(n); byId[n.id] = n;
  });
  Array.prototype.forEach.call(svg.querySelectorAll("line.edge"), function (el) {
    var a = byId[el.getAttribute("data-source")], b = byId[el.getAttribute("data-target")];
    if (a && b) { edges.push({ a: a, b: b, w: parseFloat(el.getAttribute("data-weight")) || 1, el: el }); }
  });
  if (nodes.length < 2) { return; }
  var c = size / 2, k = Math.min(150, Math.sqrt(size * size / nodes.length) * 0.55);

  function step(alpha) {
    var i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < nodes.length; i++) {
      a = nodes[i];
      for (j = i + 1; j < nodes.length; j++) {
        b = nodes[j]; dx = a.x - b.x; dy = a.y - b.y;
        d2 = dx * dx + dy * dy || 0.01; f = k * k / d2 * alpha;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    edges.forEach(function (e) {
      dx = e.b.x - e.a.x; dy = e.b.y - e.a.y; d = Math.sqrt(dx * dx + dy * dy) || 0.1;
      f = (d - k) / d * 0.08 * Math.min(3, e.w) * alpha;
      e.a.vx += dx * f; e.a.vy += dy * f; e.b.vx -= dx * f; e.b.vy -= dy * f;
    });
    nodes.forEach(function (n) {
      if (n.fixed) { n.vx = n.vy = 0; return; }
      n.vx += (c - n.x) * 0.01 * alpha; n.vy += (c - n.y) * 0.01 * alpha;
      var v = Math.sqrt(n.vx * n.vx + n.vy * n.vy), cap = 20;
      if (v > cap) { n.vx *= cap / v; n.vy *= cap / v; }
      n.x = Math.max(100, Math.min(size - 100, n.x + n.vx));
      n.y = Math.max(24, Math.min(size - 24, n.y + n.vy));
      n.vx *= 0.5; n.vy *= 0.5;
    });
  }
  function draw() {
    nodes.forEach(function (n) {
      n.c.setAttribute("cx", n.x.toFixed(1)); n.c.setAttribute("cy", n.y.toFixed(1));
      var right = n.x >= c;
      n.t.setAttribute("x", (n.x + (right ? 1 : -1) * (n.r + 3)).toFixed(1));
      n.t.setAttribute("y", (n.y + 4).toFixed(1));
      n.t.setAttribute("text-anchor", right ? "start" : "end");
    });
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.a.x.toFixed(1)); e.el.setAttribute("y1", e.a.y.toFixed(1));
      e.el.setAttribute("x2", e.b.x.toFixed(1)); e.el.setAttribute("y2", e.b.y.toFixed(1));
    });
  }
  for (var it = 0; it < 300; it++) { step(1 - it / 300); }
  draw();
  svg.setAttribute("data-layout", "force");

  var drag = null, moved = false;
  function point(evt) {
    var pt = svg.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }
  nodes.forEach(function (n) {
    n.c.addEventListener("mousedown", function (evt) { drag = n; moved = false; evt.preventDefault(); });
    n.el.addEventListener("click", function (evt) { if (moved) { evt.preventDefault(); moved = false; } });
  });
  svg.addEventListener("mousemove", function (evt) {
    if (!drag) { return; }
    var p = point(evt); drag.x = p.x; drag.y = p.y; drag.fixed = true; moved = true;
    for (var i = 0; i < 5; i++) { step(0.2); }
    draw();
  });
  window.addEventListener("mouseup", function () { drag = null; });
}());
