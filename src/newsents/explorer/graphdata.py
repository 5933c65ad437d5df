"""The graph part of the page: the top entities, the strongest edges between them, their layout, and
the evidence sentences of each edge (collected in one pass over the articles)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from .layout import node_sizes, positions

EVIDENCE_PER_EDGE = 6
EVIDENCE_PER_ARTICLE = 2
#: Evidence sentences per edge from articles whose text is not in the page (they carry their text).
EVIDENCE_WITH_TEXT = 2
#: Articles listed with an edge (the evidence lists more); the rest are counted.
EDGE_ARTICLES = 10
_SENT_END = re.compile(r"(?<=[.!?])\s+")


def top_nodes(G: nx.Graph, top: int) -> list[str]:
    """The ``top`` nodes by mentions (then articles, then id)."""
    ranked = sorted(G.nodes(data=True), key=lambda nd: (-int(nd[1].get("mentions") or 0),
                                                        -int(nd[1].get("articles") or 0), str(nd[0])))
    return [str(n) for n, _ in ranked[:max(0, top)]]


#: Each graph entity keeps its strongest edges, even when weaker than the global cut (no lone nodes).
EDGES_PER_NODE = 2


def _edge_key(e: tuple[str, str, dict[str, Any]]):
    return (-int(e[2].get("weight") or 0), min(e[0], e[1]), max(e[0], e[1]))


def top_edges(G: nx.Graph, nodes: Sequence[str], max_edges: int) -> tuple[list[tuple[str, str, dict]], int]:
    """At most ``max_edges`` edges between ``nodes`` (the graph already applied ``min_weight``): each
    node's :data:`EDGES_PER_NODE` strongest, then the strongest of the rest; and how many there are."""
    keep = set(nodes)
    edges = sorted(((str(a), str(b), d) for a, b, d in G.subgraph(keep).edges(data=True) if a != b), key=_edge_key)
    chosen: dict[tuple[str, str], tuple[str, str, dict]] = {}
    per_node: dict[str, int] = {}
    for e in edges:  # strongest first, so each node's first edges are its strongest
        if per_node.get(e[0], 0) < EDGES_PER_NODE or per_node.get(e[1], 0) < EDGES_PER_NODE:
            chosen[(e[0], e[1])] = e
            per_node[e[0]] = per_node.get(e[0], 0) + 1
            per_node[e[1]] = per_node.get(e[1], 0) + 1
    for e in edges:
        if len(chosen) >= max_edges:
            break
        chosen.setdefault((e[0], e[1]), e)
    return sorted(chosen.values(), key=_edge_key)[:max(0, max_edges)], len(edges)


def sentence_spans(article: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The article's sentence spans, or a plain split after . ! ? when it has none."""
    spans = []
    for s in article.get("sentences") or ():
        if isinstance(s, Sequence) and len(s) >= 2:
            spans.append((int(s[0]), int(s[1])))
    if spans:
        return sorted(spans)
    text = str(article.get("text") or "")
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


class Evidence:
    """Sentences where both ends of an edge are mentioned, at most a few per edge and per article, and
    at most :data:`EVIDENCE_WITH_TEXT` from articles whose text is not in the page (feed those last).

    ``sentences`` rows are ``[article, start, end, text]``; text is None when the page holds the
    article's text (the page cuts it out)."""

    def __init__(self, edge_keys: Sequence[tuple[int, int]]):
        self.edges = {key: [] for key in edge_keys}
        self.per_article: dict[tuple[int, int, int], int] = {}
        self.with_text: dict[tuple[int, int], int] = {}
        self.sentences: list[list[Any]] = []
        self._sent_index: dict[tuple[int, int, int], int] = {}

    def add_article(self, i: int, article: Mapping[str, Any], mentions: list[list[Any]], nodes: set[int],
                    with_text: bool) -> None:
        spans = sentence_spans(article)
        if not spans or not self.edges:
            return
        starts = [s for s, _ in spans]
        by_sentence: dict[int, set[int]] = {}
        for s, _e, ent, _label in mentions:
            if ent in nodes:
                k = bisect.bisect_right(starts, s) - 1
                if k >= 0 and s < spans[k][1]:
                    by_sentence.setdefault(k, set()).add(ent)
        for k, ents in sorted(by_sentence.items()):
            if len(ents) > 1:
                self._add_sentence(i, article, spans[k], sorted(ents), with_text)

    def _add_sentence(self, i: int, article: Mapping[str, Any], span: tuple[int, int], ents: list[int],
                      with_text: bool) -> None:
        for x, a in enumerate(ents):
            for b in ents[x + 1:]:
                found = self.edges.get((a, b))
                if found is None or len(found) >= EVIDENCE_PER_EDGE:
                    continue
                if self.per_article.get((a, b, i), 0) >= EVIDENCE_PER_ARTICLE:
                    continue
                if not with_text:
                    if self.with_text.get((a, b), 0) >= EVIDENCE_WITH_TEXT:
                        continue
                    self.with_text[(a, b)] = self.with_text.get((a, b), 0) + 1
                self.per_article[(a, b, i)] = self.per_article.get((a, b, i), 0) + 1
                found.append(self._sentence(i, article, span, with_text))

    def _sentence(self, i: int, article: Mapping[str, Any], span: tuple[int, int], with_text: bool) -> int:
        key = (i, span[0], span[1])
        if key not in self._sent_index:
            text = None if with_text else str(article.get("text") or "")[span[0]:span[1]]
            self._sent_index[key] = len(self.sentences)
            self.sentences.append([i, span[0], span[1], text])
        return self._sent_index[key]


def graph_part(G: nx.Graph, pos_of: Mapping[str, int], article_pos: Mapping[str, int], top: int,
               max_edges: int) -> tuple[list[list[Any]], list[list[Any]], int]:
    """``(nodes, edges, edges between the nodes in all)``: nodes ``[entity, x, y, size]``; edges ``[node a,
    node b, weight, articles, first day, last day, [article indexes], articles left off]`` (the
    evidence is appended later)."""
    ids = top_nodes(G, top)
    edges, n_between = top_edges(G, ids, max_edges)
    sizes = node_sizes([int(G.nodes[eid].get("mentions") or 0) for eid in ids])
    xy = positions(ids, [(a, b, int(d.get("weight") or 1)) for a, b, d in edges], sizes)
    node_pos = {eid: k for k, eid in enumerate(ids)}
    nodes = [[pos_of[eid], *xy[eid], size] for eid, size in zip(ids, sizes)]
    rows = []
    for a, b, d in edges:
        arts = [article_pos[str(x)] for x in d.get("article_ids") or () if str(x) in article_pos]
        more = int(d.get("article_ids_more") or 0) + max(0, len(arts) - EDGE_ARTICLES)
        arts = arts[:EDGE_ARTICLES]
        rows.append([node_pos[a], node_pos[b], int(d.get("weight") or 0), int(d.get("articles") or 0),
                     d.get("first_date"), d.get("last_date"), arts, more])
    return nodes, rows, n_between
