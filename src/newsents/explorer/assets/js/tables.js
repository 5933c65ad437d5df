// tables.js: sortable, filterable, paged tables of the claims, the entities and the articles.

const PAGE_SIZE = 100;

const empty = (v) => v === null || v === undefined || v === "";

// Ascending (dir 1) or descending (dir -1); empty values last either way.
function compare(x, y, dir) {
  if (x === y) return 0;
  if (empty(x)) return 1;
  if (empty(y)) return -1;
  if (typeof x === "number" && typeof y === "number") return dir * (x - y);
  return dir * String(x).localeCompare(String(y), "de");
}

// A table over `rows()` (already filtered): click a header to sort, pages of PAGE_SIZE rows.
function makeTable(box, columns, rows, sort) {
  const state = {sort: sort || {col: 0, dir: 1}, page: 0, data: []};
  const table = el("table", {class: "data"});
  const head = el("tr");
  const body = el("tbody");
  const pager = el("div", {class: "pager"});
  columns.forEach((col, k) => head.appendChild(el("th", {scope: "col", class: col.num ? "num" : null,
    tabindex: 0, title: "Sort", text: col.title, on: {click: () => resort(k),
      keydown: (ev) => { if (ev.key === "Enter") resort(k); }}})));
  append(table, [el("thead", null, head), body]);
  append(box, [table, pager]);
  function resort(k) {
    state.sort = {col: k, dir: state.sort.col === k ? -state.sort.dir : (columns[k].num ? -1 : 1)};
    refresh();
  }
  function refresh(keepPage) {
    const col = columns[state.sort.col];
    state.data = rows().slice().sort((x, y) => compare(col.sort(x), col.sort(y), state.sort.dir));
    if (!keepPage) state.page = 0;
    Array.from(head.children).forEach((th, k) => th.setAttribute("aria-sort", k !== state.sort.col ? "none"
      : state.sort.dir > 0 ? "ascending" : "descending"));
    render();
  }
  function render() {
    clear(body);
    const start = state.page * PAGE_SIZE;
    for (const row of state.data.slice(start, start + PAGE_SIZE)) {
      body.appendChild(el("tr", null, columns.map((c) => el("td", {class: c.num ? "num" : c.cls},
        c.render ? c.render(row) : String(c.sort(row) ?? "")))));
    }
    clear(pager);
    const n = state.data.length;
    append(pager, [n ? `Rows ${fmt(start + 1)}–${fmt(Math.min(n, start + PAGE_SIZE))} of ${fmt(n)} ` : "No rows ",
      el("button", {type: "button", text: "‹ Previous", disabled: state.page === 0 ? "" : null,
                    on: {click: () => { state.page--; render(); }}}),
      el("button", {type: "button", text: "Next ›", disabled: start + PAGE_SIZE >= n ? "" : null,
                    on: {click: () => { state.page++; render(); }}})]);
  }
  return {refresh: refresh, rows: () => state.data};
}

function input(attrs, onInput) {
  return el("input", Object.assign({on: {input: onInput}}, attrs));
}

function select(options, onChange, attrs) {
  return el("select", Object.assign({on: {change: onChange}}, attrs || {}),
    options.map(([value, text]) => el("option", {value: value, text: text})));
}

function csvCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? "'" + s : s;  // no formulas when opened in a spreadsheet
  return /[",\n\r]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

function downloadCsv(name, header, rows) {
  const text = [header].concat(rows).map((r) => r.map(csvCell).join(",")).join("\r\n");
  const url = URL.createObjectURL(new Blob(["\ufeff" + text], {type: "text/csv;charset=utf-8"}));
  const a = el("a", {href: url, download: name});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function speakerName(c) {
  return c.who >= 0 ? STATE.data.entities[c.who].name : (c.speaker || "");
}

const CLAIM_FILTER = {speaker: "", mode: "", from: "", to: "", text: "", hearsay: false};

function claimMatches(c, f) {
  if (f.mode && c.mode !== f.mode) return false;
  if (f.hearsay && !c.hearsay) return false;
  if ((f.from || f.to) && !inRange(c.day, f.from, f.to)) return false;
  if (f.speaker && !fold(speakerName(c) + " " + (c.speaker || "")).includes(fold(f.speaker))) return false;
  return !f.text || fold(c.content).includes(fold(f.text));
}

function claimsView(box) {
  const D = STATE.data;
  const f = CLAIM_FILTER;
  const modes = Array.from(new Set(D.claims.map((c) => c.mode))).sort();
  const columns = [
    {title: "Date", sort: (c) => c.day, cls: "date"},
    {title: "Speaker", sort: (c) => speakerName(c), render: (c) => c.who >= 0 ? entityButton(c.who) : c.speaker || ""},
    {title: "Cue", sort: (c) => c.cue},
    {title: "Content", sort: (c) => c.content, cls: "content", render: (c) => el("q", {lang: "de", text: c.content})},
    {title: "Mode", sort: (c) => c.mode, render: (c) => [modeChip(c.mode), c.hearsay ? " hearsay" : ""]},
    {title: "Via", sort: (c) => c.via, render: (c) => c.viaEnt >= 0 ? entityButton(c.viaEnt) : c.via || ""},
    {title: "Article", sort: (c) => D.articles[c.a].title, render: (c) => articleButton(c.a)},
  ];
  const controls = el("div", {class: "filters"});
  const tbox = el("div", {id: "claims-table"});
  const table = makeTable(tbox, columns, () => D.claims.filter((c) => claimMatches(c, f)), {col: 0, dir: -1});
  const set = (key) => (ev) => { f[key] = ev.target.type === "checkbox" ? ev.target.checked : ev.target.value;
                                 table.refresh(); };
  append(controls, [
    el("label", null, "Speaker ", input({type: "search", id: "claims-speaker", placeholder: "name"}, set("speaker"))),
    el("label", null, "Mode ", select([["", "all"]].concat(modes.map((m) => [m, m])), set("mode"),
                                      {id: "claims-mode"})),
    el("label", null, "From ", input({type: "date", id: "claims-from"}, set("from"))),
    el("label", null, "to ", input({type: "date", id: "claims-to"}, set("to"))),
    el("label", null, "Content ", input({type: "search", id: "claims-text", placeholder: "words"}, set("text"))),
    el("label", null, input({type: "checkbox", id: "claims-hearsay"}, set("hearsay")), " hearsay only"),
    el("button", {type: "button", text: "Download CSV", on: {click: () => downloadCsv("claims.csv",
      ["date", "speaker", "speaker_entity", "cue", "content", "mode", "via", "hearsay", "article_id", "title"],
      table.rows().map((c) => [c.day, c.speaker, c.who >= 0 ? D.entities[c.who].id : "", c.cue, c.content, c.mode,
        c.via, c.hearsay ? 1 : 0, D.articles[c.a].id, D.articles[c.a].title]))}}),
  ]);
  const note = D.meta.counts.text_claims < D.meta.counts.claims ? el("p", {class: "muted small", text:
    `${fmt(D.meta.counts.text_claims)} of ${fmt(D.meta.counts.claims)} claims: those of the articles whose text ` +
    "is in this page."}) : null;
  append(box, [controls, note, tbox]);
  table.refresh();
  return table;
}

function entitiesView(box) {
  const D = STATE.data;
  const f = {text: "", label: "", graph: false};
  const labels = Array.from(new Set(D.entities.map((e) => e.label))).sort();
  const columns = [
    {title: "Name", sort: (e) => e.name, render: (e) => entityButton(e.i)},
    {title: "Label", sort: (e) => e.label, render: (e) => labelChip(e.label)},
    {title: "Mentions", sort: (e) => e.m, num: true},
    {title: "Articles", sort: (e) => e.a, num: true},
    {title: "Claims made", sort: (e) => e.cm, num: true},
    {title: "In claims", sort: (e) => e.ca, num: true},
    {title: "Variants", sort: (e) => e.vn, render: (e) => e.v.slice(0, 4).map((v) => v[0]).join(", ") +
      (e.vn > 4 ? ", …" : "")},
    {title: "In graph", sort: (e) => (e.node >= 0 ? 1 : 0), render: (e) => (e.node >= 0 ? "yes" : "")},
  ];
  const tbox = el("div", {id: "entities-table"});
  const match = (e) => (!f.label || e.label === f.label) && (!f.graph || e.node >= 0) &&
    (!f.text || e.keys.some((k) => k.includes(fold(f.text))));
  const table = makeTable(tbox, columns, () => D.entities.filter(match), {col: 2, dir: -1});
  const set = (key) => (ev) => { f[key] = ev.target.type === "checkbox" ? ev.target.checked : ev.target.value;
                                 table.refresh(); };
  append(box, [el("div", {class: "filters"},
    el("label", null, "Name ", input({type: "search", id: "entities-text", placeholder: "name or variant"},
                                     set("text"))),
    el("label", null, "Label ", select([["", "all"]].concat(labels.map((l) => [l, l])), set("label"))),
    el("label", null, input({type: "checkbox"}, set("graph")), " in the graph only")), tbox]);
  table.refresh();
  return table;
}

function articlesView(box) {
  const D = STATE.data;
  const f = {text: "", from: "", to: ""};
  const columns = [
    {title: "Date", sort: (a) => a.day, cls: "date"},
    {title: "Title", sort: (a) => a.title || a.id, render: (a) => articleButton(a.i)},
    {title: "Source", sort: (a) => a.source},
    {title: "Entities", sort: (a) => a.ents.length, num: true},
    {title: "Claims", sort: (a) => a.claims.length, num: true},
    {title: "Text", sort: (a) => (a.text === null ? 0 : 1), render: (a) => (a.text === null ? "" : "yes")},
  ];
  const tbox = el("div", {id: "articles-table"});
  const match = (a) => inRange(a.day, f.from, f.to) &&
    (!f.text || fold([a.title, a.source, a.id].join(" ")).includes(fold(f.text)));
  const table = makeTable(tbox, columns, () => D.articles.filter(match), {col: 0, dir: -1});
  const set = (key) => (ev) => { f[key] = ev.target.value; table.refresh(); };
  const m = D.meta.counts;
  append(box, [el("div", {class: "filters"},
    el("label", null, "Title or source ", input({type: "search", id: "articles-text"}, set("text"))),
    el("label", null, "From ", input({type: "date"}, set("from"))),
    el("label", null, "to ", input({type: "date"}, set("to")))),
    m.text_articles < m.articles ? el("p", {class: "muted small", text: `The text of ${fmt(m.text_articles)} of ` +
      `${fmt(m.articles)} articles is in this page (those that mention most entities of the graph, as many as ` +
      `fit into ${STATE.data.meta.max_mb} MB).`}) : null,
    tbox]);
  table.refresh();
  return table;
}
