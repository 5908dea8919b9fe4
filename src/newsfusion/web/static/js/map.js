// The map page: wheel to zoom, drag to pan, by changing the SVG's viewBox. No data leaves the page.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  if (!svg) return;
  var vb = svg.viewBox.baseVal;
  var full = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  var drag = null;

  function toSvg(evt) {
    var r = svg.getBoundingClientRect();
    return { x: vb.x + (evt.clientX - r.left) / r.width * vb.width, y: vb.y + (evt.clientY - r.top) / r.height * vb.height };
  }

  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    var k = evt.deltaY < 0 ? 0.8 : 1.25;
    var w = Math.min(Math.max(vb.width * k, full.w / 40), full.w);
    var h = w * full.h / full.w;
    vb.x = p.x - (p.x - vb.x) * w / vb.width;
    vb.y = p.y - (p.y - vb.y) * h / vb.height;
    vb.width = w;
    vb.height = h;
  }, { passive: false });

  svg.addEventListener("pointerdown", function (evt) {
    drag = { x: evt.clientX, y: evt.clientY, vx: vb.x, vy: vb.y, moved: false };
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    vb.x = drag.vx - dx / r.width * vb.width;
    vb.y = drag.vy - dy / r.height * vb.height;
  });
  window.addEventListener("pointerup", function () { setTimeout(function () { drag = null; }, 0); });
  svg.addEventListener("click", function (evt) { if (drag && drag.moved) evt.preventDefault(); }, true);
  svg.addEventListener("dblclick", function () { vb.x = full.x; vb.y = full.y; vb.width = full.w; vb.height = full.h; });
})();
