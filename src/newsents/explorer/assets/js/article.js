// article.js: the article view: the cleaned text with entities highlighted in displaCy's colours,
// claims marked (speaker, cue, content), then the claims, entities and the noise removed in cleaning.

const ROLE_NAMES = {speaker: "speaker", cue: "cue", content: "content"};

function claimSpans(article) {
  const spans = [];
  for (const c of article.claims) {
    const [ss, se, qs, qe, cs, ce] = c.spans;
    if (ss >= 0 && se > ss) spans.push([ss, se, "speaker", c]);
    if (qs >= 0 && qe > qs) spans.push([qs, qe, "cue", c]);
    if (cs >= 0 && ce > cs) spans.push([cs, ce, "content", c]);
  }
  return spans;
}

// The text between `from` and `to` cut at claim span boundaries, each piece marked by its roles.
function segments(text, from, to, spans) {
  const cuts = new Set([from, to]);
  for (const [s, e] of spans) {
    if (s > from && s < to) cuts.add(s);
    if (e > from && e < to) cuts.add(e);
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const active = spans.filter(([s, e]) => s <= a && e >= b);
    if (!active.length) {
      out.push(text.slice(a, b));
      continue;
    }
    const roles = Array.from(new Set(active.map((x) => x[2])));
    const titles = active.map(([, , role, c]) => `${ROLE_NAMES[role]} of a ${c.mode} claim by ${c.speaker || "?"}`);
    out.push(el("span", {class: roles.map((r) => "c-" + r).join(" "), title: titles.join("\n"),
                         "data-claims": active.map((x) => x[3].i).join(" "), text: text.slice(a, b)}));
  }
  return out;
}

function entityMark(text, mention, spans) {
  const [s, e, ent, label] = mention;
  const D = STATE.data;
  const entity = ent >= 0 ? D.entities[ent] : null;
  const mark = el("mark", {class: "ent" + (entity ? " linked" : ""), "data-entity": entity ? entity.id : null,
                           title: entity ? `${label}: ${entity.name}` : label, style: {background: colorOf(label)}},
    segments(text, s, e, spans), el("span", {class: "ent-label", text: label}));
  if (entity) mark.addEventListener("click", () => showPanel("entity", ent));
  return mark;
}

function articleTextNodes(article) {
  const text = article.text;
  const spans = claimSpans(article);
  const out = document.createDocumentFragment();
  let pos = 0;
  for (const m of article.ents) {
    if (m[0] < pos || m[1] > text.length) continue;
    append(out, [segments(text, pos, m[0], spans), entityMark(text, m, spans)]);
    pos = m[1];
  }
  append(out, [segments(text, pos, text.length, spans)]);
  return out;
}

function articleLegend(article) {
  const labels = Array.from(new Set(article.ents.map((m) => m[3]))).sort();
  return el("div", {class: "legend small"}, labels.map((l) => [labelChip(l), " "]),
    article.claims.length ? [el("span", {class: "c-speaker", text: "speaker"}), " ",
      el("span", {class: "c-cue", text: "cue"}), " ", el("span", {class: "c-content", text: "content"})] : null);
}

function articleEntities(article) {
  const counts = new Map();
  for (const m of article.ents) if (m[2] >= 0) counts.set(m[2], (counts.get(m[2]) || 0) + 1);
  const items = Array.from(counts).sort((x, y) => y[1] - x[1]);
  return el("ul", {class: "inline"}, items.map(([i, n]) =>
    el("li", null, labelChip(STATE.data.entities[i].label), " ", entityButton(i),
      el("span", {class: "muted", text: " ×" + n}))));
}

function articleView(i) {
  const D = STATE.data;
  const a = D.articles[i];
  const meta = [a.date || "no date", a.source].filter(Boolean).join(" · ");
  return el("article", {class: "card article-view", "data-article": a.id},
    el("h2", {lang: "de", text: a.title || a.id}),
    el("p", {class: "muted"}, meta, a.url ? [" · ", externalLink(a.url, "original")] : null, " · ",
      el("code", {text: a.id})),
    a.text === null ? el("p", {class: "note", text: "The text of this article is not in this page: to stay under " +
      `${D.meta.max_mb} MB it holds the ${fmt(D.meta.counts.text_articles)} articles that mention most entities ` +
      "of the graph. A larger page (newsents view --max-mb) or a smaller --top makes room for more."}) : [
      articleLegend(a),
      el("div", {class: "article-text", lang: "de"}, articleTextNodes(a)),
      section(`Claims (${fmt(a.claims.length)})`, a.claims.length ? a.claims.map((c) => claimItem(c, true))
        : el("p", {class: "muted", text: "None."})),
      section("Entities", articleEntities(a)),
      a.compounds.length ? section("Names inside compounds", el("ul", {class: "plain"}, a.compounds.map((c) =>
        el("li", null, el("span", {text: c[2]}), " → ", el("b", {text: c[3]}))))) : null,
      section(`Removed noise (${fmt(a.removed.length)})`, a.removed.length ? el("ul", {class: "plain removed"},
        a.removed.map(([rule, text]) => el("li", null, el("code", {text: rule}), " ", el("span", {text: text}))))
        : el("p", {class: "muted", text: "None."})),
    ]);
}
