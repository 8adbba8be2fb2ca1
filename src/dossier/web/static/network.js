/* Actor network: a small force-directed layout (Fruchterman-Reingold with cooling) over the
   server's circular layout. Reads nodes and edges from the SVG, runs a fixed number of
   iterations (deterministic: same graph, same picture), then lets the reader drag nodes.
   No dependencies. */
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) { return; }
  var W = svg.viewBox.baseVal.width || 900, H = svg.viewBox.baseVal.height || 640;
  var MX = 150, MY = 24;  // margins: room for labels
  var nodes = [], byId = {}, edges = [];
  Array.prototype.forEach.call(svg.querySelectorAll("a.node"), function (el) {
    var c = el.querySelector("circle");
    var n = { id: el.getAttribute("data-id"), el: el, c: c, t: el.querySelector("text"),
              x: parseFloat(c.getAttribute("cx")), y: parseFloat(c.getAttribute("cy")),
              r: parseFloat(c.getAttribute("r")), dx: 0, dy: 0, deg: 0 };
    nodes.push(n); byId[n.id] = n;
  });
  Array.prototype.forEach.call(svg.querySelectorAll("line.edge"), function (el) {
    var a = byId[el.getAttribute("data-source")], b = byId[el.getAttribute("data-target")];
    if (a && b) {
      edges.push({ a: a, b: b, w: parseFloat(el.getAttribute("data-weight")) || 1, el: el });
      a.deg += 1; b.deg += 1;
    }
  });
  if (nodes.length < 2) { return; }
  var cx = W / 2, cy = H / 2;
  var k = 0.75 * Math.sqrt((W - 2 * MX) * (H - 2 * MY) / nodes.length);

  function step(temp) {
    var i, j, a, b, dx, dy, d, f;
    nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
    for (i = 0; i < nodes.length; i++) {
      a = nodes[i];
      for (j = i + 1; j < nodes.length; j++) {
        b = nodes[j]; dx = a.x - b.x; dy = a.y - b.y;
        d = Math.sqrt(dx * dx + dy * dy) || 0.1; f = k * k / d;
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
    }
    edges.forEach(function (e) {
      dx = e.a.x - e.b.x; dy = e.a.y - e.b.y; d = Math.sqrt(dx * dx + dy * dy) || 0.1;
      f = d * d / k * Math.min(2, 0.6 + 0.4 * e.w);
      e.a.dx -= dx / d * f; e.a.dy -= dy / d * f; e.b.dx += dx / d * f; e.b.dy += dy / d * f;
    });
    nodes.forEach(function (n) {
      if (n.fixed) { return; }
      // gravity keeps unconnected actors from drifting to the border
      n.dx += (cx - n.x) * (n.deg ? 0.6 : 1.2); n.dy += (cy - n.y) * (n.deg ? 0.6 : 1.2);
      d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 0.1;
      n.x += n.dx / d * Math.min(d, temp); n.y += n.dy / d * Math.min(d, temp);
      n.x = Math.max(MX, Math.min(W - MX, n.x));
      n.y = Math.max(MY, Math.min(H - MY, n.y));
    });
  }
  function draw() {
    nodes.forEach(function (n) {
      n.c.setAttribute("cx", n.x.toFixed(1)); n.c.setAttribute("cy", n.y.toFixed(1));
      var right = n.x >= cx;
      n.t.setAttribute("x", (n.x + (right ? 1 : -1) * (n.r + 3)).toFixed(1));
      n.t.setAttribute("y", (n.y + 4).toFixed(1));
      n.t.setAttribute("text-anchor", right ? "start" : "end");
    });
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.a.x.toFixed(1)); e.el.setAttribute("y1", e.a.y.toFixed(1));
      e.el.setAttribute("x2", e.b.x.toFixed(1)); e.el.setAttribute("y2", e.b.y.toFixed(1));
    });
  }
  var ITER = 400, t0 = W / 10;
  for (var it = 0; it < ITER; it++) { step(t0 * (1 - it / ITER) + 0.5); }
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
    var p = point(evt);
    drag.x = Math.max(MX, Math.min(W - MX, p.x)); drag.y = Math.max(MY, Math.min(H - MY, p.y));
    drag.fixed = true; moved = true;
    for (var i = 0; i < 3; i++) { step(4); }
    draw();
  });
  window.addEventListener("mouseup", function () { drag = null; });
}());
