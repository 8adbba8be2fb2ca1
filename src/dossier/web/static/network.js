/* Actor network: d3-force (vendored d3) lays out the server's nodes and edges; each node
   repels the others as far as its label needs (forceCollide), then labels are placed on
   the first free side of their node (right, left, below, above). A label that finds no
   free side is hidden (its node keeps the name as tooltip and accessible label). The
   simulation runs a fixed number of ticks: same graph, same picture. The viewBox is fit
   to the result. */
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg || !window.d3) { return; }
  var nodes = [], byId = {}, links = [];
  Array.prototype.forEach.call(svg.querySelectorAll("a.node"), function (el) {
    var c = el.querySelector("circle"), t = el.querySelector("text");
    var n = { id: el.getAttribute("data-id"), el: el, c: c, t: t,
              x: parseFloat(c.getAttribute("cx")), y: parseFloat(c.getAttribute("cy")),
              r: parseFloat(c.getAttribute("r")) };
    var bb = t.getBBox();
    n.w = bb.width; n.h = bb.height || 12;
    nodes.push(n); byId[n.id] = n;
  });
  Array.prototype.forEach.call(svg.querySelectorAll("line.edge"), function (el) {
    var a = byId[el.getAttribute("data-source")], b = byId[el.getAttribute("data-target")];
    if (a && b) { links.push({ source: a, target: b, el: el, w: parseFloat(el.getAttribute("data-weight")) || 1 }); }
  });
  if (nodes.length < 1) { return; }
  var sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).distance(function (l) { return 70 + (l.source.w + l.target.w) / 4; }).strength(0.4))
    .force("charge", d3.forceManyBody().strength(-260))
    .force("collide", d3.forceCollide(function (n) { return Math.max(n.r + 4, n.w / 2 + 6); }).iterations(3))
    .force("x", d3.forceX(450).strength(0.05))
    .force("y", d3.forceY(320).strength(0.08))
    .stop();
  for (var i = 0; i < 400; i++) { sim.tick(); }

  var boxes = nodes.map(function (n) { return { x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r }; });
  function overlaps(b) {
    return boxes.some(function (o) { return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1; });
  }
  function candidates(n) {
    var gap = 3, hw = n.w, hh = n.h;
    return [
      { x: n.x + n.r + gap, y: n.y + hh / 3, anchor: "start", b: { x0: n.x + n.r + gap, y0: n.y - hh / 2, x1: n.x + n.r + gap + hw, y1: n.y + hh / 2 } },
      { x: n.x - n.r - gap, y: n.y + hh / 3, anchor: "end", b: { x0: n.x - n.r - gap - hw, y0: n.y - hh / 2, x1: n.x - n.r - gap, y1: n.y + hh / 2 } },
      { x: n.x, y: n.y + n.r + hh, anchor: "middle", b: { x0: n.x - hw / 2, y0: n.y + n.r + 1, x1: n.x + hw / 2, y1: n.y + n.r + 1 + hh } },
      { x: n.x, y: n.y - n.r - 4, anchor: "middle", b: { x0: n.x - hw / 2, y0: n.y - n.r - 3 - hh, x1: n.x + hw / 2, y1: n.y - n.r - 3 } }
    ];
  }
  // busiest actors (the server's order) get their label placed first
  nodes.forEach(function (n) {
    n.c.setAttribute("cx", n.x.toFixed(1)); n.c.setAttribute("cy", n.y.toFixed(1));
    var spot = candidates(n).find(function (s) { return !overlaps(s.b); });
    if (!spot) { n.t.setAttribute("class", "node-label hidden"); return; }
    boxes.push(spot.b);
    n.t.setAttribute("x", spot.x.toFixed(1)); n.t.setAttribute("y", spot.y.toFixed(1));
    n.t.setAttribute("text-anchor", spot.anchor);
  });
  links.forEach(function (l) {
    l.el.setAttribute("x1", l.source.x.toFixed(1)); l.el.setAttribute("y1", l.source.y.toFixed(1));
    l.el.setAttribute("x2", l.target.x.toFixed(1)); l.el.setAttribute("y2", l.target.y.toFixed(1));
  });
  var x0 = d3.min(boxes, function (b) { return b.x0; }) - 12, y0 = d3.min(boxes, function (b) { return b.y0; }) - 12;
  var x1 = d3.max(boxes, function (b) { return b.x1; }) + 12, y1 = d3.max(boxes, function (b) { return b.y1; }) + 12;
  svg.setAttribute("viewBox", [x0, y0, x1 - x0, y1 - y0].map(function (v) { return v.toFixed(1); }).join(" "));
  svg.setAttribute("data-layout", "force");

  // hovering or focusing an actor highlights its links
  nodes.forEach(function (n) {
    function mark(on) {
      links.forEach(function (l) {
        if (l.source === n || l.target === n) { l.el.classList.toggle("hot", on); }
      });
    }
    n.el.addEventListener("mouseenter", function () { mark(true); });
    n.el.addEventListener("mouseleave", function () { mark(false); });
    n.el.addEventListener("focus", function () { mark(true); });
    n.el.addEventListener("blur", function () { mark(false); });
  });
}());
