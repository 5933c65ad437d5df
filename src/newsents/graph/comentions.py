"""The co-mention graph: node and edge statistics over a stream of articles, built in memory
(:func:`build_graph`, :class:`CoMentions`); ``graph.store`` does the same through DuckDB."""

from __future__ import annotations

import operator
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union

import networkx as nx

from .formats.graphml import EdgeRow, write_comention_graphml
from .units import DEFAULT_MAX_PROVENANCE, ArticleRows, GraphFilter, article_rows, day_of, norm_labels

# --------------------------------------------------------------------------------------------
# in-memory aggregation
# --------------------------------------------------------------------------------------------


_EID = operator.itemgetter(1)
_EID_TEXT = operator.itemgetter(1, 3)
_EID_LABEL = operator.itemgetter(1, 2)


def min_day(a: Optional[str], b: Optional[str]) -> Optional[str]:
    return b if a is None else a if b is None else min(a, b)


def max_day(a: Optional[str], b: Optional[str]) -> Optional[str]:
    return b if a is None else a if b is None else max(a, b)


class NodeStats:
    """Per-entity counts (mentions, articles, first/last day, surface texts); memory ~ entities.
    Counting runs through ``Counter.update`` over ``itemgetter`` maps (C loops): this is the
    hottest loop of a corpus pass, once per mention."""

    def __init__(self) -> None:
        self.mentions: Counter = Counter()
        self.articles: Counter = Counter()
        self.texts: Counter = Counter()  # (eid, text) -> n
        self.labels: Counter = Counter()  # (eid, label) -> n
        self.first: dict[str, str] = {}
        self.last: dict[str, str] = {}

    def add(self, a_idx: int, rec: ArticleRows) -> None:
        rows = rec.rows
        if not rows:
            return
        self.mentions.update(map(_EID, rows))
        self.texts.update(map(_EID_TEXT, rows))
        self.labels.update(map(_EID_LABEL, rows))
        uniq = set(map(_EID, rows))
        self.articles.update(uniq)
        day = rec.day
        if day is not None:
            first, last = self.first, self.last
            for eid in uniq:
                f = first.get(eid)
                if f is None:
                    first[eid] = last[eid] = day
                elif day < f:
                    first[eid] = day
                elif day > last[eid]:
                    last[eid] = day

    @staticmethod
    def _commonest(counts: dict[tuple[str, str], int]) -> dict[str, str]:
        best: dict[str, tuple[int, str]] = {}
        for (eid, v), n in counts.items():
            b = best.get(eid)
            if b is None or n > b[0] or (n == b[0] and v < b[1]):
                best[eid] = (n, v)
        return {eid: v for eid, (n, v) in best.items()}

    def attrs(self, entities: Optional[Mapping[str, Mapping]] = None) -> dict[str, dict[str, Any]]:
        """Node attribute dicts: name/label from ``entities`` if known, else the commonest mention
        text/label (ties: alphabetically first)."""
        names, labels = self._commonest(self.texts), self._commonest(self.labels)
        out = {}
        for eid, n in self.mentions.items():
            info = (entities or {}).get(eid) or {}
            d = {"name": str(info.get("name") or names[eid]), "label": str(info.get("label") or labels[eid]),
                 "mentions": n, "articles": self.articles[eid]}
            if eid in self.first:
                d["first_date"], d["last_date"] = self.first[eid], self.last[eid]
            out[eid] = d
        return out


class _EdgeAgg:
    """One edge's running counts (slots: there is one per pair of entities that ever met)."""

    __slots__ = ("weight", "articles", "last_article", "first_date", "last_date", "article_ids")

    def __init__(self) -> None:
        self.weight = self.articles = 0
        self.last_article = -1
        self.first_date: Optional[str] = None
        self.last_date: Optional[str] = None
        self.article_ids: list[str] = []


def _unit_sets(rec: ArticleRows) -> dict[int, list[str]]:
    units: dict[int, set[str]] = defaultdict(set)
    for unit, eid, _l, _t in rec.rows:
        units[unit].add(eid)
    return {u: sorted(s) for u, s in units.items()}


class EdgeStats:
    """Undirected co-mention counts: one per unit in which both entities occur (in memory)."""

    def __init__(self, max_provenance: int = DEFAULT_MAX_PROVENANCE) -> None:
        self.edges: dict[tuple[str, str], _EdgeAgg] = {}
        self.cap = max_provenance

    def add(self, a_idx: int, rec: ArticleRows) -> None:
        edges, cap, day, aid = self.edges, self.cap, rec.day, rec.id
        for ids in _unit_sets(rec).values():  # once per pair of entities per unit: the hot loop of a corpus
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    e = edges.get((a, b))
                    if e is None:
                        e = edges[a, b] = _EdgeAgg()
                    e.weight += 1
                    if e.last_article != a_idx:
                        e.last_article = a_idx
                        e.articles += 1
                        if day is not None:
                            if e.first_date is None or day < e.first_date:
                                e.first_date = day
                            if e.last_date is None or day > e.last_date:
                                e.last_date = day
                        if len(e.article_ids) < cap:
                            e.article_ids.append(aid)

    def attrs(self, min_weight: int = 1) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for (s, t), e in self.edges.items():
            if e.weight < min_weight:
                continue
            yield s, t, edge_attrs(e.weight, e.articles, e.first_date, e.last_date, e.article_ids)


def edge_attrs(weight: int, articles: int, first: Optional[str], last: Optional[str],
               article_ids: Sequence[str]) -> dict[str, Any]:
    """The edge attribute dict both engines produce (``article_ids_more`` = ids left off the list)."""
    d: dict[str, Any] = {"weight": int(weight), "articles": int(articles)}
    if first:
        d["first_date"], d["last_date"] = first, last
    d["article_ids"] = list(article_ids)
    d["article_ids_more"] = int(articles) - len(article_ids)
    return d


def assemble_graph(nodes: Mapping[str, dict[str, Any]], edges: Iterable[tuple[str, str, dict[str, Any]]],
                   graph_attrs: dict[str, Any], directed: bool = False) -> nx.Graph:
    """A graph with nodes and edges inserted in sorted order (deterministic exports)."""
    G: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    G.graph.update({k: v for k, v in graph_attrs.items() if v is not None})
    for eid in sorted(nodes):
        G.add_node(eid, **nodes[eid])
    for s, t, d in sorted(edges, key=lambda x: (x[0], x[1])):
        G.add_edge(s, t, **d)
    return G


def graph_meta(kind: str, filters: GraphFilter, level: Optional[str] = None) -> dict[str, Any]:
    """The graph attributes that name its filters (``level`` defaults to the filter's)."""
    lab = norm_labels(filters.labels)
    return {"kind": kind, "level": level or filters.level, "min_weight": int(filters.min_weight),
            "labels": ",".join(sorted(lab)) if lab else None,
            "date_from": day_of(filters.date_from), "date_to": day_of(filters.date_to)}


def warn_empty(G: nx.Graph, what: str) -> None:
    if G.number_of_nodes() == 0:
        warnings.warn(f"{what} is empty: no entity passed the filters (labels/dates)", stacklevel=3)
    elif G.number_of_edges() == 0:
        warnings.warn(f"{what} has no edges after filtering (min_weight={G.graph.get('min_weight')}); "
                      f"it keeps its {G.number_of_nodes()} nodes", stacklevel=3)


def build_graph(
    articles: Iterable[Any],
    filters: Optional[GraphFilter] = None,
    *,
    entities: Optional[Mapping[str, Mapping]] = None,
    engine: str = "memory",
    workdir: Union[None, str, Path] = None,
    **options: Any,
) -> nx.Graph:
    """Undirected co-mention graph of ``articles`` with ``filters`` (a :class:`GraphFilter`, or its
    fields as keywords: ``level`` article, sentence or paragraph, ``labels``, ``min_weight``,
    ``date_from``, ``date_to``, ``max_provenance``, ``measures``).

    Nodes are entity ids (``name, label, mentions, articles, first_date, last_date``); an edge's
    ``weight`` counts the units with both entities, ``articles`` the articles, ``article_ids`` the
    first ``max_provenance`` of them (input order) and ``article_ids_more`` the rest. Entities
    without edges stay nodes. Currencies and units (Euro, Dollar) are no nodes unless
    ``measures=True``. ``engine="duckdb"`` streams through Parquet/DuckDB for big corpora.
    """
    filters = GraphFilter.of(filters, **options)
    if engine == "duckdb":
        from . import store as graph_store

        return graph_store.build_graph_duckdb(articles, filters, entities=entities, workdir=workdir)
    if engine != "memory":
        raise ValueError("engine must be 'memory' or 'duckdb'")
    agg = CoMentions(filters, entities=entities)
    for art in articles:
        agg.add(art)
    return agg.graph()


class CoMentions:
    """In-memory co-mention aggregation that takes articles one at a time (push), for a pass that
    streams them anyway (``process``'s relinking pass), then gives the graph or writes it.

    Same arguments as :func:`build_graph`; :meth:`write_graphml` writes the file
    ``export_graph(build_graph(...))`` writes, without building a networkx graph first.
    """

    def __init__(self, filters: Optional[GraphFilter] = None, *,
                 entities: Optional[Mapping[str, Mapping]] = None, **options: Any) -> None:
        self.filters = GraphFilter.of(filters, **options)
        self.rows = article_rows(self.filters, entities)
        self.entities, self.min_weight = entities, self.filters.min_weight
        self.meta = graph_meta("comention", self.filters)
        self.nodes, self.edges = NodeStats(), EdgeStats(self.filters.max_provenance)
        self.n = 0

    def add(self, article: Any) -> None:
        """Count one article (an ``Article`` or its dict record)."""
        rec = self.rows(article)
        if rec is not None:
            self.nodes.add(self.n, rec)
            self.edges.add(self.n, rec)
            self.n += 1

    def graph(self) -> nx.Graph:
        G = assemble_graph(self.nodes.attrs(self.entities), self.edges.attrs(self.min_weight), self.meta)
        warn_empty(G, "co-mention graph")
        return G

    def write_graphml(self, path: Union[str, Path]) -> Path:
        """Stream the graph to GraphML (sorted, as :func:`assemble_graph` orders it)."""
        edges = self.edges.edges
        keep = sorted(k for k, e in edges.items() if e.weight >= self.min_weight)

        def edge_rows() -> Iterator[EdgeRow]:
            for key in keep:
                e = edges[key]
                yield key[0], key[1], e.weight, e.articles, e.first_date, e.last_date, e.article_ids

        return write_comention_graphml(path, self.meta, self.nodes.attrs(self.entities), edge_rows,
                                       dated=any(edges[k].first_date for k in keep))
