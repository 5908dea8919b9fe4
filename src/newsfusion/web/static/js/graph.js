// The actor graph page: fetches /api/graph and draws it with Cytoscape.js (vendored).
// Labels are drawn on a canvas as plain text, so names from articles cannot inject markup.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  var form = document.getElementById("graph-controls");
  if (!box) return;
  if (typeof window.cytoscape !== "function") {
    status.textContent = "The interactive graph could not start; the table below lists the actors.";
    return;
  }
  var cy = null;

  function checked(name) {
    return Array.prototype.filter.call(form.elements[name], function (el) { return el.checked; })
      .map(function (el) { return el.value; });
  }

  function style() {
    return [
      { selector: "node", style: {
        "label": "data(label)", "width": "data(size)", "height": "data(size)", "font-size": 13, "min-zoomed-font-size": 9,
        "text-valign": "bottom", "text-margin-y": 3, "color": "#1d232b", "text-wrap": "wrap", "text-max-width": "110px",
        "text-outline-color": "#fff", "text-outline-width": 2, "border-width": 1, "border-color": "#fff" } },
      { selector: "node[type = 'PERSON']", style: { "background-color": "#ea7a3c" } },
      { selector: "node[type = 'ORG']", style: { "background-color": "#3b6fd8", "shape": "round-rectangle" } },
      { selector: "node[type = 'LOCATION']", style: { "background-color": "#2f9a72", "shape": "diamond" } },
      { selector: "edge", style: {
        "curve-style": "bezier", "width": "data(width)", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
        "label": "data(label)", "font-size": 10, "min-zoomed-font-size": 9, "color": "#555", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "edge[kind = 'relation']", style: { "line-color": "#7c3aed", "target-arrow-color": "#7c3aed" } },
      { selector: "edge[kind = 'event']", style: { "line-color": "#b91c1c", "target-arrow-color": "#b91c1c" } },
      { selector: "edge[kind = 'claim']", style: { "line-color": "#94a3b8", "target-arrow-color": "#94a3b8", "line-style": "dashed", "label": "" } },
      { selector: ":selected", style: { "border-color": "#111", "border-width": 3 } },
      { selector: ".faded", style: { "opacity": 0.12, "label": "" } },
      { selector: ".focus", style: { "border-color": "#111", "border-width": 4, "font-weight": "bold" } },
      { selector: ".kbd", style: { "border-color": "#e0a800", "border-width": 5, "font-weight": "bold", "z-index": 10,
        "underlay-color": "#e0a800", "underlay-opacity": 0.35, "underlay-padding": 6, "min-zoomed-font-size": 0 } }
    ];
  }

  function elements(g) {
    // node size by mentions relative to the most mentioned drawn (16-60 px): absolute sizes grow without
    // bound on a big corpus, and the fitted zoom then shrinks every label out of sight
    var most = g.nodes.reduce(function (m, n) { return Math.max(m, n.mentions || 0); }, 1);
    var nodes = g.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.name, type: n.type, size: Math.round(16 + 44 * Math.sqrt((n.mentions || 0) / most)) } };
    });
    var edges = g.edges.map(function (e) {
      return { group: "edges", data: { id: e.id, source: e.source, target: e.target, kind: e.kind,
        label: e.kind === "claim" ? "" : e.label, refs: e.refs, width: Math.min(1 + e.count, 7) } };
    });
    return nodes.concat(edges);
  }

  function edgeHref(edge) {
    var ref = (edge.data("refs") || [])[0];
    if (!ref) return null;
    var kind = edge.data("kind");
    if (kind === "event") return ref.indexOf(":") < 0 ? "/events/" + encodeURIComponent(ref) : "/documents/" + encodeURIComponent(ref.split(":")[0]);
    var doc = ref.split(":")[0];
    return "/documents/" + encodeURIComponent(doc) + (kind === "claim" ? "#claim-" + encodeURIComponent(ref.split(":")[1]) : "");
  }

  // level of detail for big graphs: the force layout's cost grows with the square of the nodes, so it runs
  // fewer, coarser rounds as the graph grows (about 100,000 node pairs x rounds in all); edge labels go
  // beyond 300 edges, and while panning or zooming a big graph is moved as a picture, its edges hidden
  var BIG = 80;

  function layout(n) {
    var opts = { name: form.elements.layout.value, animate: false, padding: 30, nodeDimensionsIncludeLabels: n <= BIG,
      componentSpacing: 50, idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 12000; } };
    if (opts.name === "cose" && n > BIG) {
      opts.numIter = Math.max(60, Math.round(3e7 / (n * n) / 2));
      opts.coolingFactor = 0.9;
      opts.initialTemp = 400;
    }
    return opts;
  }

  function draw(g) {
    if (cy) cy.destroy();
    var big = g.nodes.length > BIG;
    if (g.edges.length > 300) g.edges.forEach(function (e) { e.label = ""; });
    cy = window.cytoscape({
      container: box, elements: elements(g), style: style(), minZoom: 0.2, maxZoom: 3,
      textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto",
      layout: layout(g.nodes.length)
    });
    window.newsfusionGraph = cy;
    cy.on("tap", "node", function (evt) { window.location.href = "/entities/" + encodeURIComponent(evt.target.id()); });
    cy.on("tap", "edge", function (evt) { var h = edgeHref(evt.target); if (h) window.location.href = h; });
    var msg = g.nodes.length ? g.nodes.length + " entities, " + g.edges.length + " links" : "No people or organisations in the knowledge base yet.";
    if (g.truncated) msg += " (the most mentioned only)";
    status.textContent = msg;
    names(g);
    current = null;
    box.setAttribute("data-ready", "1");
    box.setAttribute("data-drawn-ms", String(Math.round(window.performance ? performance.now() : 0)));
    if (focusInput.value.trim()) focus(focusInput.value);
  }

  // focus: an entity and its neighbours stand out, the rest fades; its name can be typed (the list offers the drawn ones)
  var focusInput = document.getElementById("graph-focus");
  var nameList = document.getElementById("graph-names");

  function names(g) {
    while (nameList.firstChild) nameList.removeChild(nameList.firstChild);
    g.nodes.slice(0, 300).forEach(function (n) {
      var o = document.createElement("option");
      o.value = n.name;  // an attribute set from script: text, never markup
      nameList.appendChild(o);
    });
  }

  function focus(text) {
    if (!cy) return;
    var want = String(text || "").trim().toLowerCase();
    cy.elements().removeClass("faded focus");
    if (!want) { box.removeAttribute("data-focus"); return; }
    var hit = cy.nodes().filter(function (n) { return String(n.data("label")).toLowerCase() === want; });
    if (!hit.length) hit = cy.nodes().filter(function (n) { return String(n.data("label")).toLowerCase().indexOf(want) >= 0; });
    if (!hit.length) { status.textContent = "No drawn entity is called “" + text + "”: raise the node limit or lower the minimum."; return; }
    var node = hit[0];
    var hood = node.closedNeighborhood();
    cy.elements().not(hood).addClass("faded");
    node.addClass("focus");
    cy.animate({ fit: { eles: hood, padding: 40 } }, { duration: 0 });
    box.setAttribute("data-focus", node.id());
    status.textContent = node.data("label") + " and its " + (hood.nodes().length - 1) + " neighbours";
  }

  // keyboard: the graph is one tab stop; the arrow keys move a highlighted node to the nearest one that way,
  // Page Down / Page Up to the next / previous one by mentions (so every node is reached), Home to the most
  // mentioned; Enter opens its entity, Escape drops the highlight. The status line says
  // which node is highlighted (role="status": screen readers read it).
  var current = null;

  function mark(node) {
    if (!cy) return;
    cy.nodes(".kbd").removeClass("kbd");
    current = node || null;
    if (!current) { box.removeAttribute("data-current"); return; }
    current.addClass("kbd");
    box.setAttribute("data-current", current.id());
    var ext = cy.extent(), p = current.position();
    if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.center(current);
    status.textContent = current.data("label") + " (" + String(current.data("type") || "").toLowerCase() + ", " +
      current.degree(false) + " links): Enter opens it, the arrow keys move to the next one";
  }

  function nearest(dx, dy) {
    var from = current.position(), best = null, bestScore = Infinity;
    cy.nodes().forEach(function (n) {
      if (n.id() === current.id() || n.hasClass("faded")) return;
      var p = n.position(), vx = p.x - from.x, vy = p.y - from.y;
      var along = vx * dx + vy * dy, across = Math.abs(vx * dy - vy * dx);
      if (along <= 0) return;
      var score = along + 2 * across;  // straight ahead first
      if (score < bestScore) { bestScore = score; best = n; }
    });
    return best;
  }

  box.setAttribute("tabindex", "0");
  box.setAttribute("role", "application");
  box.setAttribute("aria-roledescription", "graph");
  box.setAttribute("aria-describedby", "graph-keys");
  box.addEventListener("focus", function () { if (cy && !current && cy.nodes().length) mark(cy.nodes()[0]); });
  box.addEventListener("keydown", function (ev) {
    if (!cy || !cy.nodes().length) return;
    var dirs = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    if (dirs[ev.key]) {
      ev.preventDefault();
      if (!current) { mark(cy.nodes()[0]); return; }
      var next = nearest(dirs[ev.key][0], dirs[ev.key][1]);
      if (next) mark(next);
    } else if (ev.key === "PageDown" || ev.key === "PageUp") {  // every node in turn, most mentioned first
      ev.preventDefault();
      var all = cy.nodes(), i = -1;
      for (var k = 0; current && k < all.length; k++) { if (all[k].id() === current.id()) { i = k; break; } }
      var step = ev.key === "PageDown" ? 1 : -1;
      mark(all[((i < 0 ? (step > 0 ? -1 : 0) : i) + step + all.length) % all.length]);
    } else if (ev.key === "Home") {
      ev.preventDefault();
      mark(cy.nodes()[0]);
    } else if (ev.key === "Enter" && current) {
      ev.preventDefault();
      window.location.href = "/entities/" + encodeURIComponent(current.id());
    } else if (ev.key === "Escape") {
      mark(null);
    }
  });

  focusInput.addEventListener("change", function () { focus(focusInput.value); });
  focusInput.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); focus(focusInput.value); } });
  document.getElementById("graph-unfocus").addEventListener("click", function () { focusInput.value = ""; focus(""); if (cy) cy.fit(undefined, 30); });

  // the page carries the graph it was rendered with (default controls): the first drawing needs no request
  var embedded = document.getElementById("graph-data");

  function fromPage(q) {
    if (!embedded) return null;
    var limit = embedded.getAttribute("data-limit");
    var el = embedded;
    embedded = null;  // only for the first drawing
    if (q.get("types") !== "PERSON,ORG" || q.get("kinds") !== "relation,event,claim" || q.get("limit") !== limit || q.get("min_mentions") !== "1") return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function load() {
    var min = Math.max(1, parseInt(form.elements.min_mentions.value, 10) || 1);
    var q = new URLSearchParams({ types: checked("type").join(",") || "PERSON,ORG", limit: form.elements.limit.value || "50", min_mentions: String(min) });
    var kinds = checked("kind");
    status.textContent = "loading the graph…";
    if (!kinds.length) { draw({ nodes: [], edges: [] }); return; }
    q.set("kinds", kinds.join(","));
    var given = fromPage(q);
    if (given) { draw(given); return; }
    fetch(box.getAttribute("data-api") + "?" + q.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (!res.ok) throw new Error("the server answered " + res.status);
        return res.json();
      })
      .then(draw)
      .catch(function (err) { status.textContent = "Could not load the graph: " + err.message; });
  }

  form.addEventListener("change", function (ev) { if (ev.target !== focusInput) load(); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  load();
})();
