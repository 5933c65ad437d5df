// graph.js: the co-mention graph (cytoscape.js, canvas) at the positions computed in Python, its
// filters (labels, minimum weight, date range) and the highlighting of search hits and selections.

function graphElements(D) {
  const maxW = Math.max(1, ...D.edges.map((e) => e.w));
  const nodes = D.nodes.map((n) => {
    const e = D.entities[n.ent];
    const size = n.size;
    return {group: "nodes", data: {id: "n" + n.k, ent: n.ent, name: e.name, color: colorOf(e.label), size: size,
                                   fs: Math.round(9 + size / 4)}, position: {x: n.x, y: n.y}};
  });
  const edges = D.edges.map((e) => ({group: "edges", data: {
    id: "e" + e.k, k: e.k, source: "n" + e.s, target: "n" + e.t,
    width: 0.6 + 6 * Math.log(1 + e.w) / Math.log(1 + maxW),
  }}));
  return nodes.concat(edges);
}

const GRAPH_STYLE = [
  {selector: "node", style: {
    "background-color": "data(color)", "width": "data(size)", "height": "data(size)", "label": "data(name)",
    "font-size": "data(fs)", "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 2,
    "color": "#222", "text-outline-color": "#fff", "text-outline-width": 2, "border-width": 1,
    "border-color": "#666",
  }},
  {selector: "edge", style: {
    "width": "data(width)", "line-color": "#9aa3ad", "opacity": 0.55, "curve-style": "haystack",
    "haystack-radius": 0,
  }},
  {selector: ".hidden", style: {"display": "none"}},
  {selector: ".faded", style: {"opacity": 0.12}},
  {selector: "edge.near", style: {"line-color": "#555", "opacity": 0.9}},
  {selector: "node.hit", style: {"border-width": 4, "border-color": "#d62728"}},
  {selector: "node:selected", style: {"border-width": 4, "border-color": "#111"}},
  {selector: "edge:selected", style: {"line-color": "#d62728", "opacity": 1}},
];

function makeGraph(container) {
  const D = STATE.data;
  const cy = cytoscape({
    container: container, elements: graphElements(D), layout: {name: "preset"}, style: GRAPH_STYLE,
    minZoom: 0.05, maxZoom: 6, boxSelectionEnabled: false, selectionType: "single",
    hideEdgesOnViewport: D.edges.length > 3000, textureOnViewport: false,
  });
  // many edges: lighter, so that the nodes stay readable
  if (D.edges.length > 400) cy.style().selector("edge").style("opacity", D.edges.length > 1500 ? 0.22 : 0.35).update();
  cy.on("tap", "node", (ev) => {
    focusNode(ev.target);
    showPanel("entity", ev.target.data("ent"));
  });
  cy.on("tap", "edge", (ev) => {
    focusEdge(ev.target);
    showPanel("edge", ev.target.data("k"));
  });
  cy.on("tap", (ev) => {
    if (ev.target === cy) unfocus();
  });
  return cy;
}

function unfocus() {
  const cy = STATE.cy;
  cy.batch(() => cy.elements().removeClass("faded near"));
}

function focusNode(node) {
  const cy = STATE.cy;
  const keep = node.closedNeighborhood();
  cy.batch(() => {
    cy.elements().addClass("faded").removeClass("near");
    keep.removeClass("faded");
    node.connectedEdges().addClass("near");
  });
  cy.elements().unselect();
  node.select();
}

function focusEdge(edge) {
  const cy = STATE.cy;
  cy.batch(() => {
    cy.elements().addClass("faded").removeClass("near");
    edge.union(edge.connectedNodes()).removeClass("faded");
  });
}

// Selects the entity's node (if it is in the graph), centres on it and fades the rest.
function selectEntityNode(ent) {
  const e = STATE.data.entities[ent];
  if (e.node < 0 || !STATE.cy) return false;
  const node = STATE.cy.getElementById("n" + e.node);
  if (node.hasClass("hidden")) return false;
  focusNode(node);
  STATE.cy.animate({center: {eles: node}, zoom: Math.max(STATE.cy.zoom(), 1)}, {duration: 250});
  return true;
}

function markSearchHits(entities) {
  const cy = STATE.cy;
  cy.batch(() => {
    cy.nodes().removeClass("hit");
    for (const e of entities) if (e.node >= 0) cy.getElementById("n" + e.node).addClass("hit");
  });
}

// Which entities have an article inside [from, to]; all when no date is set.
function nodeInDates(e, from, to) {
  if (!from && !to) return true;
  const arts = STATE.data.articles;
  return e.arts.some((i) => inRange(arts[i].day, from, to));
}

function edgeInDates(edge, from, to) {
  if (!from && !to) return true;
  if (!edge.first || !edge.last) return false;
  return (!from || edge.last >= from) && (!to || edge.first <= to);
}

function applyFilters() {
  const D = STATE.data;
  const f = STATE.filters;
  const cy = STATE.cy;
  const shown = new Set();
  cy.batch(() => {
    for (const n of D.nodes) {
      const e = D.entities[n.ent];
      const ok = f.labels.has(e.label) && nodeInDates(e, f.from, f.to);
      if (ok) shown.add(n.k);
      cy.getElementById("n" + n.k).toggleClass("hidden", !ok);
    }
    const linked = new Set();
    for (const e of D.edges) {
      const ok = shown.has(e.s) && shown.has(e.t) && e.w >= f.minWeight && edgeInDates(e, f.from, f.to);
      if (ok) linked.add(e.s).add(e.t);
      cy.getElementById("e" + e.k).toggleClass("hidden", !ok);
    }
    if (f.hideIsolated) {
      for (const k of shown) if (!linked.has(k)) cy.getElementById("n" + k).addClass("hidden");
    }
  });
  updateGraphStatus();
}

function visibleCounts() {
  const cy = STATE.cy;
  return {nodes: cy.nodes().not(".hidden").length, edges: cy.edges().not(".hidden").length};
}

function updateGraphStatus() {
  const D = STATE.data;
  const c = visibleCounts();
  const m = D.meta.counts;
  const status = document.getElementById("graph-status");
  clear(status);
  append(status, [
    `Showing ${fmt(c.nodes)} of ${fmt(D.nodes.length)} entities and ${fmt(c.edges)} of ${fmt(D.edges.length)} ` +
    "co-mentions.",
    m.graph_nodes > D.nodes.length ? ` The graph holds the ${fmt(D.nodes.length)} most mentioned of ` +
      `${fmt(m.graph_nodes)} entities.` : "",
    m.edges < m.edges_between ? ` Only the ${fmt(m.edges)} strongest of their ${fmt(m.edges_between)} ` +
      "co-mentions are drawn." : "",
  ]);
}
