/* The page's own behaviour: legend, search, tooltips and the details panel.
 *
 * Every text from the graph reaches the page through textContent or a DOM
 * element, never innerHTML, and links are drawn only for http(s) URLs.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var TYPES = {};
  DATA.types.forEach(function (t) { TYPES[t.type] = t; });
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295"];
  var CLASS = { paper: "Paper", method: "Method", dataset: "Dataset", task: "Task",
    metric: "Metric", hardware: "Hardware", code: "Code repository" };
  var RELATION = {
    usesDataset: "uses dataset", introducesDataset: "introduces dataset",
    usesMethod: "uses method", proposesMethod: "proposes method",
    usesHardware: "uses hardware", reportsMetric: "reports metric",
    addressesTask: "addresses task", hasCode: "has code"
  };
  var big = DATA.nodes.length > 800;
  var info = new Map();
  var labelIndex = [];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function safeUrl(value) {
    if (!value) { return null; }
    try {
      var url = new URL(String(value));
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(value, text) {
    var href = safeUrl(value);
    if (!href) { return el("span", text || value || ""); }
    var a = el("a", text || href);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function key(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(/[\W_]+/g, "");
  }

  function typeColour(type) { return (TYPES[type] || {}).color || "#999"; }
  function communityColour(n) { return PALETTE[(n.community || 0) % PALETTE.length]; }

  function tooltip(n) {
    var box = el("div");
    box.appendChild(el("div", n.title, "kg-tip-title"));
    if (n.type === "paper") {
      var bits = [];
      if (n.date) { bits.push(n.date); }
      if (n.upvotes !== null && n.upvotes !== undefined) { bits.push(n.upvotes + " upvotes"); }
      if (n.authors) { bits.push(n.authors + " authors"); }
      if (bits.length) { box.appendChild(el("div", bits.join(" · "), "kg-tip-line")); }
      if (safeUrl(n.url)) { box.appendChild(el("div", safeUrl(n.url), "kg-tip-line")); }
    } else {
      box.appendChild(el("div", (CLASS[n.type] || n.type) + " · " + n.papers +
        (n.papers === 1 ? " paper" : " papers"), "kg-tip-line"));
      if (n.aliases && n.aliases.length) {
        box.appendChild(el("div", "also: " + n.aliases.join(", "), "kg-tip-line"));
      }
    }
    box.appendChild(el("div", "Click for details", "kg-tip-line"));
    return box;
  }

  function style(n, by) {
    var fill = by === "community" ? communityColour(n) : typeColour(n.type);
    return {
      background: fill, border: n.id === DATA.focus ? "#111" : "rgba(0,0,0,0.35)",
      highlight: { background: fill, border: "#111" },
      hover: { background: fill, border: "#111" }
    };
  }

  var visNodes = DATA.nodes.map(function (n) {
    info.set(n.id, n);
    labelIndex.push({ id: n.id, key: key(n.title), aliases: (n.aliases || []).map(key), n: n });
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size,
      shape: n.type === "paper" ? "square" : "dot",
      color: style(n, "type"), borderWidth: n.id === DATA.focus ? 4 : 1,
      font: { size: n.size > 22 ? Math.max(n.font, 16) : n.font, color: "#1f2933", strokeWidth: 3, strokeColor: "#fff" },
      title: tooltip(n), kgType: n.type
    };
  });
  var edgeInfo = new Map();
  var visEdges = DATA.edges.map(function (e) {
    edgeInfo.set(e.id, e);
    var tip = el("div");
    tip.appendChild(el("div", e.relations.map(function (r) { return RELATION[r] || r; }).join(", "),
      "kg-tip-title"));
    tip.appendChild(el("div", e.evidence.length ? "Click for the evidence sentence" :
      "No evidence sentence recorded", "kg-tip-line"));
    return { id: e.id, from: e.from, to: e.to, title: tip, width: e.evidence.length ? 1.5 : 1,
      color: { color: "rgba(90,100,120,0.35)", highlight: "#3b6ea5", hover: "#3b6ea5" } };
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var physics = DATA.nodes.length <= 1500;
  var network = new vis.Network(document.getElementById("kg-graph"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    nodes: { borderWidth: 1, scaling: { min: 6, max: 40 } },
    edges: { smooth: big ? false : { type: "continuous" }, selectionWidth: 2 },
    interaction: { hover: !big, tooltipDelay: 120, hideEdgesOnDrag: big, navigationButtons: false,
      keyboard: false, multiselect: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -40, springLength: 70, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: big ? 60 : 250, updateInterval: 50, fit: true },
      minVelocity: 1.5
    } : { enabled: false }
  });

  function ready() {
    network.setOptions({ physics: { enabled: false } });
    if (DATA.focus && info.has(DATA.focus)) { network.selectNodes([DATA.focus]); showNode(DATA.focus); }
    document.body.setAttribute("data-ready", "true");
    window.kgReady = true;
  }
  if (physics) {
    // Stop the physics once stabilised: the picture stays put and the CPU idle.
    network.once("stabilizationIterationsDone", function () { network.fit(); ready(); });
  } else {
    network.fit();
    ready();
  }

  // --- legend ------------------------------------------------------------------
  var legend = document.getElementById("kg-legend");
  var hidden = {};
  DATA.types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { toggleType(t.type, box.checked); });
    var swatch = el("span", null, "kg-swatch" + (t.type === "paper" ? " kg-square" : ""));
    swatch.style.background = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", t.label));
    var count = t.shown.toLocaleString();
    if (t.total > t.shown) { count += " of " + t.total.toLocaleString(); }
    label.appendChild(el("span", count, "kg-count"));
    li.appendChild(label);
    legend.appendChild(li);
  });

  function toggleType(type, visible) {
    hidden[type] = !visible;
    nodes.update(visNodes.filter(function (n) { return n.kgType === type; })
      .map(function (n) { return { id: n.id, hidden: !visible }; }));
  }

  document.getElementById("kg-colour-by").addEventListener("change", function (event) {
    var by = event.target.value;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, color: style(n, by) }; }));
  });

  // --- notes -------------------------------------------------------------------
  var notes = document.getElementById("kg-notes");
  var summary = DATA.nodes.length.toLocaleString() + " nodes, " +
    DATA.edges.length.toLocaleString() + " links shown.";
  notes.appendChild(el("li", summary));
  DATA.notes.forEach(function (text) { notes.appendChild(el("li", text, "kg-note")); });

  // --- details -----------------------------------------------------------------
  var details = document.getElementById("kg-details-body");

  function chip(type) {
    var span = el("span", CLASS[type] || type, "kg-type");
    span.style.background = typeColour(type);
    return span;
  }

  function row(dl, name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }

  function nodeButton(id) {
    var n = info.get(id);
    var b = el("button", n ? n.title : id, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function showNode(id) {
    var n = info.get(id);
    if (!n) { return; }
    details.replaceChildren();
    details.setAttribute("data-node", id);
    details.removeAttribute("data-edge");
    details.appendChild(chip(n.type));
    details.appendChild(el("h3", n.title));
    var dl = el("dl");
    if (n.type === "paper") {
      row(dl, "Date", n.date);
      row(dl, "Upvotes", n.upvotes);
      row(dl, "Authors", n.authors);
      row(dl, "Ids", (n.identifiers || []).join(", "));
      if (safeUrl(n.url)) { row(dl, "Link", link(n.url)); }
    } else {
      row(dl, "Class", CLASS[n.type] || n.type);
      row(dl, "Aliases", (n.aliases || []).join(", "));
      row(dl, "Papers", n.papers);
      row(dl, "Broader", (n.broader || []).join(", "));
      if (n.type === "code" && safeUrl(n.iri)) { row(dl, "Link", link(n.iri)); }
    }
    row(dl, "Community", n.community + 1);
    row(dl, "IRI", n.iri);
    details.appendChild(dl);
    var near = network.getConnectedNodes(id);
    if (near.length) {
      details.appendChild(el("h2", "Linked (" + near.length + ")"));
      var ul = el("ul", null, "kg-linked");
      near.slice(0, 60).forEach(function (other) {
        var li = el("li");
        li.appendChild(nodeButton(other));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
  }

  function showEdge(id) {
    var e = edgeInfo.get(id);
    if (!e) { return; }
    details.replaceChildren();
    details.setAttribute("data-edge", id);
    details.removeAttribute("data-node");
    details.appendChild(el("h3", e.relations.map(function (r) { return RELATION[r] || r; }).join(", ")));
    var dl = el("dl");
    row(dl, "Paper", nodeButton(e.from));
    row(dl, "Entity", nodeButton(e.to));
    details.appendChild(dl);
    details.appendChild(el("h2", "Evidence"));
    if (!e.evidence.length) {
      details.appendChild(el("p", "No evidence sentence was recorded for this link.", "kg-hint"));
    }
    e.evidence.forEach(function (item) {
      details.appendChild(el("blockquote", item.sentence, "kg-evidence"));
      var source = [RELATION[item.relation] || item.relation, item.component ? "found by " + item.component : ""]
        .filter(Boolean).join(" · ");
      if (source) { details.appendChild(el("p", source, "kg-hint")); }
    });
  }

  function focusNode(id) {
    var n = info.get(id);
    if (!n) { return false; }
    if (hidden[n.type]) {
      var box = legend.querySelector('input[data-type="' + n.type + '"]');
      if (box) { box.checked = true; }
      toggleType(n.type, true);
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); } else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // --- search ------------------------------------------------------------------
  var datalist = document.getElementById("kg-labels");
  DATA.nodes.slice(0, 2500).forEach(function (n) {
    var option = el("option");
    option.value = n.title;
    datalist.appendChild(option);
  });

  function find(text) {
    var wanted = key(text);
    if (!wanted) { return null; }
    var best = null;
    var rank = 9;
    labelIndex.forEach(function (entry) {
      var r = entry.key === wanted ? 0 : entry.aliases.indexOf(wanted) >= 0 ? 1 :
        entry.key.indexOf(wanted) === 0 ? 2 : entry.key.indexOf(wanted) > 0 ? 3 : 9;
      if (r < rank || (r === rank && best && entry.n.size > best.n.size)) { rank = r; best = entry; }
    });
    return rank < 9 ? best.id : null;
  }

  function search(text) {
    var status = document.getElementById("kg-search-status");
    var id = find(text);
    if (id === null) { status.textContent = "No match for \u201c" + text + "\u201d"; return null; }
    status.textContent = "";
    focusNode(id);
    return id;
  }

  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("kg-search-input").value);
  });

  // Handles for tests and for people poking at the page from the console.
  window.kg = { network: network, nodes: nodes, edges: edges, search: search, showEdge: showEdge,
    showNode: showNode, data: DATA };
})();
