// cards.js: the entity card (node click) and the evidence of a co-mention (edge click).

// A list of which the first `initial` items are shown, with a button for the rest.
function listWithMore(items, render, initial, cls) {
  const list = el("ul", {class: cls || "plain"});
  const step = initial || 25;
  let shown = 0;
  const more = el("button", {class: "more", type: "button"});
  function grow() {
    const end = Math.min(items.length, shown + step * (shown ? 4 : 1));
    for (; shown < end; shown++) list.appendChild(el("li", null, render(items[shown])));
    more.textContent = `Show more (${fmt(items.length - shown)} left)`;
    more.hidden = shown >= items.length;
  }
  more.addEventListener("click", grow);
  grow();
  return el("div", null, list, more);
}

function entityButton(i) {
  const e = STATE.data.entities[i];
  return linkButton(e.name, () => showPanel("entity", i), e.id);
}

function articleButton(i) {
  const a = STATE.data.articles[i];
  const title = a.title || a.id;
  return linkButton(title, () => showPanel("article", i), a.text === null ? "Only the title is in this page" : a.id);
}

function articleItem(i) {
  const a = STATE.data.articles[i];
  return [el("span", {class: "muted date", text: a.day || "no date"}), " ", articleButton(i),
          a.source ? el("span", {class: "muted", text: " · " + a.source}) : null];
}

function modeChip(mode) {
  return el("span", {class: "mode mode-" + (/^[a-z]+$/.test(mode) ? mode : "other"), text: mode || "?"});
}

function extraFields(extra) {
  const keys = Object.keys(extra || {});
  if (!keys.length) return null;
  return el("dl", {class: "extra"}, keys.map((k) => [el("dt", {text: k}), el("dd", {text: String(extra[k])})]));
}

// One claim: date, mode, speaker -> "content", cue, via, article.
function claimItem(c, showSpeaker) {
  const who = c.who >= 0 ? entityButton(c.who) : el("span", {text: c.speaker || "unknown speaker"});
  return el("div", {class: "claim"},
    el("div", {class: "claim-head"}, el("span", {class: "muted date", text: c.day || ""}), " ", modeChip(c.mode),
      c.hearsay ? el("span", {class: "mode mode-hearsay", text: "hearsay"}) : null,
      showSpeaker ? [" ", who, " →"] : null),
    el("q", {class: "claim-content", text: c.content}),
    el("div", {class: "muted small"},
      c.cue ? ["cue: ", el("b", {text: c.cue}), " · "] : null,
      c.via ? ["via ", c.viaEnt >= 0 ? entityButton(c.viaEnt) : el("span", {text: c.via}), " · "] : null,
      "in ", articleButton(c.a)),
    extraFields(c.extra));
}

function qidLink(qid) {
  if (!/^Q[0-9]+$/.test(qid)) return el("span", {class: "muted", text: qid});
  return el("a", {href: "https://www.wikidata.org/wiki/" + qid, target: "_blank", rel: "noopener noreferrer",
                  text: qid, title: "Wikidata"});
}

function entityHeader(e) {
  const D = STATE.data;
  const node = e.node >= 0 ? D.nodes[e.node] : null;
  const first = node ? D.articles[e.arts[e.arts.length - 1]] : null;
  const last = node ? D.articles[e.arts[0]] : null;
  return [
    el("h2", {text: e.name}),
    el("div", {class: "card-meta"}, labelChip(e.label), " ", el("code", {text: e.id}),
      e.qid ? [" ", qidLink(e.qid)] : null),
    el("p", null, `${plural(e.m, "mention")} in ${plural(e.a, "article")} · ${plural(e.cm, "claim")} made · ` +
      `mentioned in ${plural(e.ca, "claim")}`, first && first.day ? ` · ${first.day} – ${last.day}` : ""),
    el("div", {class: "buttons"},
      e.node >= 0 ? el("button", {type: "button", text: "Show in graph", on: {click: () => {
        showTab("graph");
        selectEntityNode(e.i);
      }}}) : el("span", {class: "muted", text: "Not among the entities in the graph."}),
      e.cm ? el("button", {type: "button", text: "Claims table", on: {click: () => showClaimsBy(e.i)}}) : null),
    extraFields(e.x),
  ];
}

function coMentionItem(e, pair) {
  const [other, w] = pair;
  const edge = STATE.data.edgeByPair.get(pairKey(e.i, other));
  return [entityButton(other), el("span", {class: "muted", text: ` ×${fmt(w)}`}),
          edge ? [" ", linkButton("evidence", () => showPanel("edge", edge.k), "Sentences where both appear")]
            : null];
}

function claimsNote(shown, total) {
  if (shown >= total) return null;
  return el("p", {class: "muted small", text: `${fmt(shown)} of ${fmt(total)} shown: the others are in articles ` +
    "whose text is not in this page."});
}

function entityCard(i) {
  const e = STATE.data.entities[i];
  const variants = el("ul", {class: "variants"}, e.v.map(([t, n]) =>
    el("li", null, el("span", {text: t}), el("span", {class: "muted", text: " " + fmt(n)}))));
  return el("article", {class: "card entity-card", "data-entity": e.id},
    entityHeader(e),
    section(`Variants (${fmt(e.vn)})`, variants,
      e.vn > e.v.length ? el("p", {class: "muted small", text: `and ${fmt(e.vn - e.v.length)} more`}) : null),
    section("Strongest co-mentions", e.co.length ? listWithMore(e.co, (p) => coMentionItem(e, p), 10)
      : el("p", {class: "muted", text: "None."})),
    section(`Claims made (${fmt(e.cm)})`, claimsNote(e.made.length, e.cm),
      e.made.length ? listWithMore(e.made, (c) => claimItem(c, false), 10, "plain claims-made")
        : el("p", {class: "muted", text: "None."})),
    section(`Claims about ${e.name} (${fmt(e.ca)})`, claimsNote(e.aboutClaims.length, e.ca),
      e.aboutClaims.length ? listWithMore(e.aboutClaims, (c) => claimItem(c, true), 10, "plain claims-about")
        : el("p", {class: "muted", text: "None."})),
    section(`Articles (${fmt(e.na)})`, listWithMore(e.arts, articleItem, 20, "plain articles"),
      e.na > e.arts.length ? el("p", {class: "muted small", text: `The newest ${fmt(e.arts.length)} are listed.`})
        : null));
}

function evidenceItem(edge, k) {
  const D = STATE.data;
  const [a] = D.sentences[k];
  const art = D.articles[a];
  const groups = [edge.a, edge.b].map((i) => {
    const e = D.entities[i];
    return {needles: [e.name].concat(e.v.map((v) => v[0])), label: e.label, title: e.name};
  });
  return el("div", {class: "evidence"},
    el("div", {class: "small"}, el("span", {class: "muted date", text: art.day || "no date"}), " ", articleButton(a)),
    el("blockquote", {lang: "de"}, markNeedles(sentenceText(k), groups)));
}

function edgeCard(k) {
  const D = STATE.data;
  const edge = D.edges[k];
  const level = D.meta.level;
  return el("article", {class: "card edge-card"},
    el("h2", null, entityButton(edge.a), " — ", entityButton(edge.b)),
    el("p", null, `Co-mentioned in ${plural(edge.w, level)} (${plural(edge.na, "article")})`,
      edge.first ? `, ${edge.first} – ${edge.last}` : "", "."),
    section(`Evidence: sentences with both (${fmt(edge.ev.length)})`,
      edge.ev.length ? edge.ev.map((s) => evidenceItem(edge, s))
        : el("p", {class: "muted", text: "They never appear in the same sentence; see the articles below."}),
      edge.ev.length >= 6 ? el("p", {class: "muted small", text: "The first six sentences (two per article)."})
        : null),
    section("Articles", listWithMore(edge.arts, articleItem, 20, "plain articles"),
      edge.more ? el("p", {class: "muted small", text: `and ${fmt(edge.more)} more`}) : null));
}
