// main.js: the page's frame (header, tabs, graph controls, the detail panel with its history), the
// start-up, and window.newsentsExplorer: a small API for tests and for researchers at the console.

const TABS = [["graph", "Graph"], ["entities", "Entities"], ["claims", "Claims"], ["articles", "Articles"]];
const PANEL = {stack: [], box: null};
const API = {ready: false, readyAt: null, errors: []};
const TAB_VIEWS = {};

window.addEventListener("error", (ev) => API.errors.push(String(ev.message || ev)));

// The tables are built when their tab is first shown (the graph comes first).
const TAB_BUILDERS = {entities: entitiesView, claims: claimsView, articles: articlesView};

function tabView(name) {
  if (!TAB_VIEWS[name] && TAB_BUILDERS[name]) TAB_VIEWS[name] = TAB_BUILDERS[name](document.getElementById("view-" + name));
  return TAB_VIEWS[name];
}

function showTab(name) {
  tabView(name);
  for (const [key] of TABS) {
    document.getElementById("view-" + key).hidden = key !== name;
    document.getElementById("tab-" + key).setAttribute("aria-selected", key === name ? "true" : "false");
  }
  if (name === "graph" && STATE.cy) STATE.cy.resize();
}

function showPanel(kind, arg) {
  PANEL.stack.push([kind, arg]);
  renderPanel();
}

function renderPanel() {
  const box = clear(PANEL.box);
  const [kind, arg] = PANEL.stack[PANEL.stack.length - 1] || ["home"];
  const bar = el("div", {class: "panel-bar"},
    PANEL.stack.length ? el("button", {type: "button", id: "panel-back", text: "← Back", on: {click: () => {
      PANEL.stack.pop();
      renderPanel();
    }}}) : null);
  const views = {entity: entityCard, edge: edgeCard, article: articleView, home: homeCard};
  append(box, [bar, views[kind](arg)]);
  box.scrollTop = 0;
}

function homeCard() {
  const D = STATE.data;
  const top = D.entities.slice(0, 12);
  const speakers = D.entities.filter((e) => e.cm > 0).sort((x, y) => y.cm - x.cm).slice(0, 8);
  return el("article", {class: "card home"},
    el("h2", {text: "Explore"}),
    el("p", {text: "Click a node for its entity card, an edge for the sentences in which both appear. Search " +
      "by any name variant. Node size: mentions; colour: label; edge width: co-mentions."}),
    section("Most mentioned", el("ul", {class: "plain"}, top.map((e) =>
      el("li", null, labelChip(e.label), " ", entityButton(e.i), el("span", {class: "muted", text: " " + fmt(e.m)}))))),
    speakers.length ? section("Most quoted", el("ul", {class: "plain"}, speakers.map((e) =>
      el("li", null, entityButton(e.i), el("span", {class: "muted", text: ` ${plural(e.cm, "claim")}`}))))) : null);
}

function showClaimsBy(ent) {
  CLAIM_FILTER.speaker = STATE.data.entities[ent].name;
  showTab("claims");
  document.getElementById("claims-speaker").value = CLAIM_FILTER.speaker;
  tabView("claims").refresh();
}

function searchBox() {
  const results = el("ul", {id: "search-results", class: "plain results"});
  const box = input({type: "search", id: "search", placeholder: "Search a name, e.g. Schoigu", autocomplete: "off",
                     "aria-label": "Search entities"}, () => {
    const hits = searchEntities(box.value, 15);
    markSearchHits(hits);
    clear(results);
    append(results, hits.map((e) => el("li", null, labelChip(e.label), " ",
      linkButton(e.name, () => openEntity(e.i), e.id),
      el("span", {class: "muted", text: " " + fmt(e.m) + (e.node < 0 ? " · not in graph" : "")}))));
    if (box.value && !hits.length) results.appendChild(el("li", {class: "muted", text: "No entity found."}));
  });
  box.addEventListener("keydown", (ev) => {
    const first = results.querySelector("button");
    if (ev.key === "Enter" && first) first.click();
  });
  return el("div", {class: "control"}, box, results);
}

function openEntity(i) {
  selectEntityNode(i);
  showPanel("entity", i);
}

function labelFilter() {
  const D = STATE.data;
  const counts = new Map();
  for (const n of D.nodes) counts.set(D.entities[n.ent].label, (counts.get(D.entities[n.ent].label) || 0) + 1);
  const labels = Array.from(counts.keys()).sort();
  STATE.filters.labels = new Set(labels);
  return el("fieldset", {class: "control"}, el("legend", {text: "Labels"}), labels.map((l) =>
    el("label", {class: "check"}, input({type: "checkbox", checked: "", "data-label": l}, (ev) => {
      if (ev.target.checked) STATE.filters.labels.add(l);
      else STATE.filters.labels.delete(l);
      applyFilters();
    }), " ", labelChip(l), el("span", {class: "muted", text: " " + fmt(counts.get(l))}))));
}

function weightFilter() {
  const D = STATE.data;
  const low = D.meta.min_weight;
  const high = Math.max(low, ...D.edges.map((e) => e.w));
  const out = el("output", {text: String(low)});
  return el("div", {class: "control"}, el("label", {for: "min-weight"}, "Minimum co-mentions ", out),
    input({type: "range", id: "min-weight", min: low, max: high, value: low, step: 1}, (ev) => {
      STATE.filters.minWeight = Number(ev.target.value);
      out.textContent = ev.target.value;
      applyFilters();
    }));
}

function dateFilter() {
  const D = STATE.data;
  const attrs = {type: "date", min: D.firstDay, max: D.lastDay};
  const set = (key) => (ev) => { STATE.filters[key] = ev.target.value || null; applyFilters(); };
  return el("fieldset", {class: "control"}, el("legend", {text: "Dates"}),
    el("label", null, "from ", input(Object.assign({id: "date-from"}, attrs), set("from"))),
    el("label", null, "to ", input(Object.assign({id: "date-to"}, attrs), set("to"))),
    el("p", {class: "muted small", text: `Articles from ${D.firstDay || "?"} to ${D.lastDay || "?"}. Entities ` +
      "with an article in the range stay; co-mentions whose first–last dates overlap it."}));
}

function graphControls() {
  STATE.filters = {labels: new Set(), minWeight: STATE.data.meta.min_weight, from: null, to: null,
                   hideIsolated: false};
  return el("div", {id: "controls"}, searchBox(), labelFilter(), weightFilter(), dateFilter(),
    el("label", {class: "check control"}, input({type: "checkbox", id: "hide-isolated"}, (ev) => {
      STATE.filters.hideIsolated = ev.target.checked;
      applyFilters();
    }), " hide entities without co-mentions"),
    el("div", {class: "buttons"}, el("button", {type: "button", text: "Fit", on: {click: () => STATE.cy.fit(
      STATE.cy.elements().not(".hidden"), 30)}}), el("button", {type: "button", text: "Clear selection",
      on: {click: () => { unfocus(); STATE.cy.elements().unselect(); }}})),
    el("p", {id: "graph-status", class: "muted small"}));
}

function header() {
  const m = STATE.data.meta;
  return el("header", null, el("h1", {text: m.title}),
    el("span", {class: "summary muted", text: `${plural(m.counts.articles, "article")} · ` +
      `${plural(m.counts.entities, "entity", "entities")} · ${plural(m.counts.claims, "claim")} · ` +
      `${m.level}-level co-mentions`}),
    el("nav", {class: "tabs", role: "tablist"}, TABS.map(([key, title]) => el("button", {type: "button",
      role: "tab", id: "tab-" + key, text: title, on: {click: () => showTab(key)}}))));
}

function buildApp() {
  const app = document.getElementById("app");
  const cyBox = el("div", {id: "cy", "aria-label": "Co-mention graph"});
  const views = el("div", {id: "views"},
    el("section", {id: "view-graph", class: "view"}, graphControls(), cyBox),
    el("section", {id: "view-entities", class: "view"}), el("section", {id: "view-claims", class: "view"}),
    el("section", {id: "view-articles", class: "view"}));
  PANEL.box = el("aside", {id: "panel", "aria-live": "polite"});
  append(app, [header(), el("div", {id: "main"}, views, PANEL.box)]);
  showTab("graph");
  renderPanel();
  return cyBox;
}

function byId(list, id) {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new Error("not found: " + id);
  return i;
}

Object.assign(API, {
  nodeCount: () => STATE.cy.nodes().length,
  edgeCount: () => STATE.cy.edges().length,
  visibleNodeCount: () => visibleCounts().nodes,
  visibleEdgeCount: () => visibleCounts().edges,
  search: (q) => searchEntities(q, 50).map((e) => e.id),
  select: (id) => openEntity(byId(STATE.data.entities, id)),
  openArticle: (id) => showPanel("article", byId(STATE.data.articles, id)),
  openEdge: (a, b) => showPanel("edge", STATE.data.edgeByPair.get(pairKey(byId(STATE.data.entities, a),
    byId(STATE.data.entities, b))).k),
  // the node's position on the page (CSS pixels), for clicking it like a user would
  nodeClientPosition: (id) => {
    const e = STATE.data.entities[byId(STATE.data.entities, id)];
    const p = STATE.cy.getElementById("n" + e.node).renderedPosition();
    const r = STATE.cy.container().getBoundingClientRect();
    return {x: r.left + p.x, y: r.top + p.y};
  },
  edgeClientMidpoint: (a, b) => {
    const edge = STATE.data.edgeByPair.get(pairKey(byId(STATE.data.entities, a), byId(STATE.data.entities, b)));
    const p = STATE.cy.getElementById("e" + edge.k).renderedMidpoint();
    const r = STATE.cy.container().getBoundingClientRect();
    return {x: r.left + p.x, y: r.top + p.y};
  },
  fit: () => STATE.cy.fit(STATE.cy.elements().not(".hidden"), 30),
  data: () => STATE.data,
});
window.newsentsExplorer = API;

function mark(name) {
  API.timings[name] = Math.round(performance.now());
}

function start() {
  API.timings = {};
  mark("start");
  STATE.data = loadData();
  mark("data");
  const cyBox = buildApp();
  mark("views");
  STATE.cy = makeGraph(cyBox);
  mark("graph");
  updateGraphStatus();
  STATE.cy.ready(() => requestAnimationFrame(() => requestAnimationFrame(() => {
    API.ready = true;
    API.readyAt = performance.now();
    mark("ready");
    document.body.setAttribute("data-ready", "1");
  })));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
