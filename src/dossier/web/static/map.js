/* Map page: draws the offline Natural Earth basemap (world-atlas TopoJSON, d3-geo) and
   places the server's markers (a.place with data-lat/data-lon) on it. The projection fits
   the markers (with a margin) so a regional story fills the frame. Labels that would
   overlap another label or marker are hidden (the marker keeps its name as a tooltip and
   an accessible label). */
(function () {
  "use strict";
  var svg = document.getElementById("map");
  if (!svg || !window.d3 || !window.topojson) { return; }
  var W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;
  var marks = Array.prototype.slice.call(svg.querySelectorAll("a.place"));
  var pts = marks.map(function (a) {
    return [parseFloat(a.getAttribute("data-lon")), parseFloat(a.getAttribute("data-lat"))];
  });
  var projection = d3.geoNaturalEarth1();
  function fit() {
    if (pts.length < 2) { projection.fitExtent([[10, 10], [W - 10, H - 10]], { type: "Sphere" }); }
    else {
      var lons = pts.map(function (p) { return p[0]; }), lats = pts.map(function (p) { return p[1]; });
      var pad = 8;
      var box = { type: "MultiPoint", coordinates: [
        [Math.max(-180, d3.min(lons) - pad), Math.max(-85, d3.min(lats) - pad)],
        [Math.min(180, d3.max(lons) + pad), Math.min(85, d3.max(lats) + pad)]] };
      projection.fitExtent([[40, 30], [W - 40, H - 30]], box);
    }
    if (pts.length === 1) { projection.scale(projection.scale() * 3).center(pts[0]).translate([W / 2, H / 2]); }
  }
  fit();
  var path = d3.geoPath(projection);
  var maxN = d3.max(marks, function (a) { return +a.getAttribute("data-n"); }) || 1;
  var boxes = [];
  marks.forEach(function (a, i) {
    var xy = projection(pts[i]);
    var n = +a.getAttribute("data-n");
    var r = 5 + 9 * Math.sqrt(n / maxN);
    var c = a.querySelector("circle"), l = a.querySelector("text.place-label");
    var t = svg.querySelector('g.counts text[data-for="' + CSS.escape(a.getAttribute("data-place")) + '"]');
    c.setAttribute("cx", xy[0].toFixed(1)); c.setAttribute("cy", xy[1].toFixed(1)); c.setAttribute("r", r.toFixed(1));
    if (t) { t.setAttribute("x", xy[0].toFixed(1)); t.setAttribute("y", (xy[1] + 3.5).toFixed(1)); }
    l.setAttribute("x", (xy[0] + r + 3).toFixed(1)); l.setAttribute("y", (xy[1] + 4).toFixed(1));
    boxes.push({ x0: xy[0] - r, y0: xy[1] - r, x1: xy[0] + r, y1: xy[1] + r });
  });
  // labels, busiest place first (the server's order): skip one that would overlap
  function hit(b) {
    return boxes.some(function (o) { return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1; });
  }
  marks.forEach(function (a) {
    var l = a.querySelector("text.place-label");
    var bb = l.getBBox();
    var b = { x0: bb.x, y0: bb.y, x1: bb.x + bb.width, y1: bb.y + bb.height };
    if (hit(b)) {   // try the left side of the marker
      var c = a.querySelector("circle"), r = +c.getAttribute("r");
      l.setAttribute("text-anchor", "end");
      l.setAttribute("x", (+c.getAttribute("cx") - r - 3).toFixed(1));
      bb = l.getBBox();
      b = { x0: bb.x, y0: bb.y, x1: bb.x + bb.width, y1: bb.y + bb.height };
      if (hit(b)) { l.setAttribute("class", "place-label hidden"); return; }
    }
    boxes.push(b);
  });
  fetch(svg.getAttribute("data-basemap")).then(function (r) { return r.json(); }).then(function (world) {
    var land = svg.querySelector("g.land");
    var countries = topojson.feature(world, world.objects.countries).features;
    var frag = document.createDocumentFragment();
    countries.forEach(function (f) {
      var p = document.createElementNS("http://www.w3.org/2000/svg", "path");
      p.setAttribute("d", path(f) || "");
      p.setAttribute("class", "country");
      frag.appendChild(p);
    });
    var g = document.createElementNS("http://www.w3.org/2000/svg", "path");
    g.setAttribute("d", path(d3.geoGraticule10()));
    g.setAttribute("class", "graticule");
    land.appendChild(g);
    land.appendChild(frag);
    svg.setAttribute("data-drawn", String(countries.length));
  });
  marks.forEach(function (a) {
    a.addEventListener("click", function () {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (target) { setTimeout(function () { target.focus(); }, 0); }
    });
  });
}());
