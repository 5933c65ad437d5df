// data.js: the JSON payload (rows, see newsents/explorer/payload.py) unpacked into objects and the
// indexes the views need.

const STATE = {data: null, cy: null, panel: null, filters: null};

function readPayload() {
  const node = document.getElementById("newsents-data");
  return JSON.parse(node.textContent);
}

function unpackArticles(raw) {
  const articles = raw.articles.map((r, i) => ({
    i: i, id: r[0], title: r[1], date: r[2], day: dayOf(r[2]), source: r[3] >= 0 ? raw.sources[r[3]] : null,
    url: r[4],
    text: null, ents: [], removed: [], compounds: [], claims: [],
  }));
  for (const t of raw.texts) {
    const a = articles[t.a];
    a.text = t.text;
    a.ents = t.ents;
    a.removed = t.removed;
    a.compounds = t.compounds || [];
  }
  return articles;
}

// A claim's text, or (when the payload left it out) the same span cut from the article's text.
function spanText(value, text, s, e) {
  if (value !== null && value !== undefined) return value;
  return text !== null && s >= 0 && e > s ? text.slice(s, e) : null;
}

function unpackClaims(raw, articles, entities) {
  return raw.claims.map((r, i) => {
    const text = articles[r[0]].text;
    const sp = r[10];
    const c = {
      i: i, a: r[0], speaker: spanText(r[1], text, sp[0], sp[1]), who: r[2], cue: spanText(r[3], text, sp[2], sp[3]),
      content: spanText(r[4], text, sp[4], sp[5]) || "", mode: r[5], via: r[6], viaEnt: r[7], hearsay: !!r[8],
      about: r[9], spans: sp, extra: r[11] || {}, day: articles[r[0]].day,
    };
    articles[c.a].claims.push(c);
    if (c.who >= 0) entities[c.who].made.push(c);
    for (const e of c.about) entities[e].aboutClaims.push(c);
    return c;
  });
}

function unpackGraph(raw, entities) {
  const nodes = raw.nodes.map((r, k) => ({k: k, ent: r[0], x: r[1], y: r[2], size: r[3]}));
  const edges = raw.edges.map((r, k) => ({
    k: k, s: r[0], t: r[1], a: nodes[r[0]].ent, b: nodes[r[1]].ent, w: r[2], na: r[3], first: r[4], last: r[5],
    arts: r[6], more: r[7], ev: r[8] || [],
  }));
  const edgeByPair = new Map();
  for (const e of edges) edgeByPair.set(pairKey(e.a, e.b), e);
  for (const n of nodes) entities[n.ent].node = n.k;
  return {nodes, edges, edgeByPair};
}

function pairKey(a, b) {
  return a < b ? a + "|" + b : b + "|" + a;
}

// An entity's articles from their differences (see payload.deltas), newest first.
function undelta(deltas, articles) {
  let at = 0;
  const out = deltas.map((d) => (at += d));
  return out.sort((x, y) => (articles[y].day || "").localeCompare(articles[x].day || "") || y - x);
}

function loadData() {
  const raw = readPayload();
  const articles = unpackArticles(raw);
  const entities = raw.entities.map((e, i) => Object.assign(e, {
    i: i, node: -1, made: [], aboutClaims: [], arts: undelta(e.ad, articles),
    keys: [fold(e.name)].concat(e.v.map((v) => fold(v[0]))),
  }));
  const claims = unpackClaims(raw, articles, entities);
  const graph = unpackGraph(raw, entities);
  const days = articles.map((a) => a.day).filter(Boolean).sort();
  return Object.assign(graph, {
    meta: raw.meta, colors: raw.colors || {}, entities, articles, claims, sentences: raw.sentences,
    firstDay: days[0] || null, lastDay: days[days.length - 1] || null,
  });
}

// Entities whose name or a variant contains the folded query; names that start with it first.
function searchEntities(query, limit) {
  const q = fold(query).trim();
  if (!q) return [];
  const hits = [];
  for (const e of STATE.data.entities) {
    let best = 0;
    for (const key of e.keys) {
      const at = key.indexOf(q);
      if (at === 0 || (at > 0 && key.includes(" " + q))) {
        best = 2;
        break;
      }
      if (at > 0) best = 1;
    }
    if (best > 0) hits.push([best, e]);
  }
  hits.sort((x, y) => y[0] - x[0] || (y[1].node >= 0) - (x[1].node >= 0) || y[1].m - x[1].m);
  return hits.slice(0, limit || 20).map((h) => h[1]);
}

// The sentence text of an evidence row: cut from the article when the page holds its text.
function sentenceText(k) {
  const [a, s, e, text] = STATE.data.sentences[k];
  if (text !== null && text !== undefined) return text;
  const art = STATE.data.articles[a];
  return art.text !== null ? art.text.slice(s, e) : "";
}
