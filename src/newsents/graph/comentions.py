"""Co-mention graphs: who appears with whom (per article, sentence or paragraph), who talks about
and relays whom (claims layer), time slices, analysis tables, evidence and export/import.

Corpus-level work in plain functions over ``Article`` objects or ``Article.to_dict()`` records.
Small corpora are aggregated in memory; large ones stream through Parquet + DuckDB
(:mod:`newsents.graph.store`); both paths give identical graphs.
"""

from __future__ import annotations

import bisect
import csv
import datetime as _dt
import json
import numbers
import operator
import os
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import networkx as nx
import numpy as np
import pandas as pd

from ..knowledge.ids import entity_id

LEVELS = ("article", "sentence", "paragraph")
FORMATS = ("graphml", "gexf", "json", "csv")
PERIODS = ("day", "week", "month")
MODES = ("direct", "indirect", "reported")
DEFAULT_MAX_PROVENANCE = 20
#: attributes holding lists; GraphML/GEXF cannot store lists, so they travel as JSON strings.
LIST_ATTRS = ("article_ids",)

DateLike = Union[str, _dt.date, _dt.datetime, None]

# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def _as_dict(article: Any) -> dict[str, Any]:
    """Accept an ``Article`` (anything with ``to_dict``) or its dict record."""
    if isinstance(article, Mapping):
        return article  # type: ignore[return-value]
    if hasattr(article, "to_dict"):
        return article.to_dict()
    raise TypeError(f"expected an Article or a dict, got {type(article).__name__}")


_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def day_of(date: DateLike) -> Optional[str]:
    """The ``YYYY-MM-DD`` day of an ISO date/datetime (string or object), or None when unknown."""
    if date is None:
        return None
    if isinstance(date, (_dt.date, _dt.datetime)):
        return date.isoformat()[:10]
    m = _DAY_RE.match(str(date).strip())
    return m.group(0) if m else None


def period_of(day: str, freq: str) -> str:
    """Period key of a day: ``2024-03-05`` (day), ``2024-W10`` (ISO week) or ``2024-03`` (month)."""
    if freq == "day":
        return day
    if freq == "month":
        return day[:7]
    if freq == "week":
        y, w, _ = _dt.date.fromisoformat(day).isocalendar()
        return f"{y}-W{w:02d}"
    raise ValueError(f"freq must be one of {PERIODS}, got {freq!r}")


def entity_id_of(mention: Mapping[str, Any]) -> str:
    """The mention's entity id, or ``LABEL:slug(text)`` when it was not linked."""
    eid = mention.get("entity_id")
    if eid:
        return str(eid)
    return entity_id(mention.get("label") or "MISC", str(mention.get("text", "")))


def _label_for(eid: str, mention_label: Optional[str], entities: Optional[Mapping[str, Mapping]]) -> str:
    """Entity label used for filtering: entities.jsonl, else the id's prefix, else the mention's label."""
    if entities is not None:
        info = entities.get(eid)
        if info and info.get("label"):
            return str(info["label"])
    if ":" in eid:
        return eid.split(":", 1)[0]
    return mention_label or "MISC"


def _norm_labels(labels: Union[None, str, Iterable[str]]) -> Optional[set[str]]:
    if labels is None:
        return None
    if isinstance(labels, str):
        labels = [x for x in labels.split(",")]
    out = {x.strip().upper() for x in labels if x and x.strip()}
    return out or None


class _WarnOnce:
    """Collects the fall-backs of one build so each is warned about once, not once per article."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, key: str, message: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            warnings.warn(message, stacklevel=3)


# --------------------------------------------------------------------------------------------
# units (article / sentence / paragraph) and the per-article mention rows both engines share
# --------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"[.!?…]+[\"'»«“”‘’)]*\s+")
_PARA_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_PARA_LINE = re.compile(r"\n\s*")


def _split_spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            spans.append((start, m.start() if pattern is not _SENT_END else m.end()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def fallback_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a plain split after . ! ? (used when an article has no ``sentences``)."""
    return _split_spans(text, _SENT_END)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks separated by blank lines, or by line breaks if there are none."""
    pattern = _PARA_BLANK if _PARA_BLANK.search(text) else _PARA_LINE
    return _split_spans(text, pattern)


def unit_spans(article: Mapping[str, Any], level: str, warn: Optional[_WarnOnce] = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of an article's units at ``level``."""
    text = article.get("text") or ""
    if level == "article":
        return [(0, len(text))]
    if level == "sentence":
        sents = article.get("sentences")
        if sents:
            spans = [(s[0], s[1]) for s in sents]
            if any(spans[i][0] > spans[i + 1][0] for i in range(len(spans) - 1)):
                spans.sort()
            return spans
        if warn is not None and text:
            warn("nosent", "some articles have no 'sentences' offsets; falling back to splitting on . ! ?")
        return fallback_sentences(text)
    if level == "paragraph":
        return paragraphs(text)
    raise ValueError(f"level must be one of {LEVELS}, got {level!r}")


@dataclass
class ArticleRows:
    """One article reduced to what graphs need: id, day, and ``(unit, entity_id, label, text)`` rows."""

    id: str
    day: Optional[str]
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)


def article_rows(
    level: str = "article",
    labels: Union[None, str, Iterable[str]] = None,
    date_from: DateLike = None,
    date_to: DateLike = None,
    entities: Optional[Mapping[str, Mapping]] = None,
    warn: Optional[_WarnOnce] = None,
) -> Callable[[Any], Optional[ArticleRows]]:
    """A function reducing one article to its mention rows (filtered by label, unit-indexed), or
    None when the article's date is filtered out. A mention belongs to the unit its start offset
    falls in. Both engines reduce articles with it, which is why the in-memory and the DuckDB
    graph agree."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    warn = warn or _WarnOnce()
    lab = _norm_labels(labels)
    d_from, d_to = day_of(date_from), day_of(date_to)
    if (date_from is not None and d_from is None) or (date_to is not None and d_to is None):
        raise ValueError("date_from/date_to must be ISO dates (YYYY-MM-DD)")

    def rows(art: Any) -> Optional[ArticleRows]:
        a = _as_dict(art)
        day = day_of(a.get("date"))
        if d_from or d_to:
            if day is None or (d_from and day < d_from) or (d_to and day > d_to):
                return None
        rec = ArticleRows(str(a.get("id")), day)
        ents = a.get("entities") or []
        if ents:
            spans = unit_spans(a, level, warn) if level != "article" else [(0, 0)]
            starts = [s for s, _ in spans]
            for m in ents:
                eid = entity_id_of(m)
                label = _label_for(eid, m.get("label"), entities)
                if lab is not None and label not in lab:
                    continue
                unit = 0
                if level != "article":
                    unit = max(bisect.bisect_right(starts, int(m.get("start", 0))) - 1, 0)
                rec.rows.append((unit, eid, label, str(m.get("text", ""))))
        return rec

    return rows


# --------------------------------------------------------------------------------------------
# in-memory aggregation
# --------------------------------------------------------------------------------------------


_EID = operator.itemgetter(1)
_EID_TEXT = operator.itemgetter(1, 3)
_EID_LABEL = operator.itemgetter(1, 2)


def _min_day(a: Optional[str], b: Optional[str]) -> Optional[str]:
    return b if a is None else a if b is None else min(a, b)


def _max_day(a: Optional[str], b: Optional[str]) -> Optional[str]:
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


def _graph_meta(kind: str, level: str, labels, min_weight: int, date_from: DateLike,
                date_to: DateLike) -> dict[str, Any]:
    lab = _norm_labels(labels)
    return {"kind": kind, "level": level, "min_weight": int(min_weight),
            "labels": ",".join(sorted(lab)) if lab else None,
            "date_from": day_of(date_from), "date_to": day_of(date_to)}


def _warn_empty(G: nx.Graph, what: str) -> None:
    if G.number_of_nodes() == 0:
        warnings.warn(f"{what} is empty: no entity passed the filters (labels/dates)", stacklevel=3)
    elif G.number_of_edges() == 0:
        warnings.warn(f"{what} has no edges after filtering (min_weight={G.graph.get('min_weight')}); "
                      f"it keeps its {G.number_of_nodes()} nodes", stacklevel=3)


def build_graph(
    articles: Iterable[Any],
    level: str = "article",
    labels: Union[None, str, Iterable[str]] = None,
    min_weight: int = 1,
    date_from: DateLike = None,
    date_to: DateLike = None,
    entities: Optional[Mapping[str, Mapping]] = None,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
    engine: str = "memory",
    workdir: Union[None, str, Path] = None,
) -> nx.Graph:
    """Undirected co-mention graph of ``articles`` at ``level`` (article, sentence or paragraph).

    Nodes are entity ids (``name, label, mentions, articles, first_date, last_date``); an edge's
    ``weight`` counts the units with both entities, ``articles`` the articles, ``article_ids`` the
    first ``max_provenance`` of them (input order) and ``article_ids_more`` the rest. Entities
    without edges stay nodes. ``engine="duckdb"`` streams through Parquet/DuckDB for big corpora.
    """
    if engine == "duckdb":
        from . import store as graph_store

        return graph_store.build_graph_duckdb(articles, level=level, labels=labels, min_weight=min_weight,
                                              date_from=date_from, date_to=date_to, entities=entities,
                                              max_provenance=max_provenance, workdir=workdir)
    if engine != "memory":
        raise ValueError("engine must be 'memory' or 'duckdb'")
    agg = CoMentions(level, labels, min_weight, date_from, date_to, entities, max_provenance)
    for art in articles:
        agg.add(art)
    return agg.graph()


class CoMentions:
    """In-memory co-mention aggregation that takes articles one at a time (push), for a pass that
    streams them anyway (``process``'s relinking pass), then gives the graph or writes it.

    Same arguments as :func:`build_graph`; :meth:`write_graphml` writes the file
    ``export_graph(build_graph(...))`` writes, without building a networkx graph first.
    """

    def __init__(self, level: str = "article", labels: Union[None, str, Iterable[str]] = None, min_weight: int = 1,
                 date_from: DateLike = None, date_to: DateLike = None,
                 entities: Optional[Mapping[str, Mapping]] = None,
                 max_provenance: int = DEFAULT_MAX_PROVENANCE) -> None:
        self.rows = article_rows(level, labels, date_from, date_to, entities)
        self.entities, self.min_weight = entities, min_weight
        self.meta = _graph_meta("comention", level, labels, min_weight, date_from, date_to)
        self.nodes, self.edges = NodeStats(), EdgeStats(max_provenance)
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
        _warn_empty(G, "co-mention graph")
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


#: One co-mention edge as both engines hand it to GraphML: source, target, weight, articles,
#: first and last date (or None), provenance article ids (see :func:`edge_attrs`).
EdgeRow = tuple[str, str, int, int, Optional[str], Optional[str], Sequence[str]]


def write_comention_graphml(path: Union[str, Path], graph_attrs: Mapping[str, Any], nodes: Mapping[str, Mapping],
                            edges: Callable[[], Iterable[EdgeRow]], dated: bool) -> Path:
    """Stream a co-mention graph to GraphML: ``nodes`` by id, ``edges`` as sorted :data:`EdgeRow`
    tuples (``dated``: whether any carries first/last dates). The file is the one ``export_graph``
    writes for ``assemble_graph(nodes, edges, graph_attrs)``, with no networkx graph in between;
    the edges (65k per 500 news articles) are rendered from their fixed schema, in the order of
    :func:`edge_attrs`, without an attribute dict each."""
    if not nodes:
        warnings.warn(f"writing an empty graph to {path}", stacklevel=3)
    types: dict[str, set[type]] = {k: {int} for k in ("weight", "articles", "article_ids_more")}
    types["article_ids"] = {list}
    if dated:
        types["first_date"] = types["last_date"] = {str}

    def edge_lines(tags: Mapping[str, str], quoted: Callable[[Any], str], text: Callable[[Any], str]) -> Iterator[str]:
        w, n, ids_tag, more = (tags[k] for k in ("weight", "articles", "article_ids", "article_ids_more"))
        first_tag, last_tag = (tags.get("first_date"), tags.get("last_date"))
        # a provenance id's JSON string as GraphML text, made once per id (each id is on many edges;
        # escaping is per character, so the pieces join to the escaped JSON of the whole list)
        id_texts: dict[str, str] = {}
        known = id_texts.get

        def id_text(i: str) -> str:
            if len(id_texts) >= 100_000:  # bounded over millions of articles
                id_texts.clear()
            escaped = id_texts[i] = text(_json_string(i))
            return escaped

        for s, t, weight, articles, first, last, ids in edges():
            dates = f"  {first_tag}{text(first)}</data>\n  {last_tag}{text(last)}</data>\n" if first else ""
            # the text of json.dumps(ids, ensure_ascii=False) (a JSON string is never empty)
            ids_text = "[" + ", ".join([known(i) or id_text(i) for i in ids]) + "]"
            yield (f"<edge source={quoted(s)} target={quoted(t)}>\n  {w}{int(weight)}</data>\n"
                   f"  {n}{int(articles)}</data>\n{dates}  {ids_tag}{ids_text}</data>\n"
                   f"  {more}{int(articles) - len(ids)}</data>\n</edge>\n")

    path = Path(path)
    _write_graphml(path, graph_attrs, lambda: ((n, nodes[n]) for n in sorted(nodes)), edge_types=types,
                   edge_lines=edge_lines)
    return path


def time_slices(
    articles: Iterable[Any],
    freq: str = "month",
    level: str = "article",
    labels: Union[None, str, Iterable[str]] = None,
    min_weight: int = 1,
    date_from: DateLike = None,
    date_to: DateLike = None,
    entities: Optional[Mapping[str, Mapping]] = None,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
    engine: str = "memory",
    workdir: Union[None, str, Path] = None,
) -> dict[str, nx.Graph]:
    """One co-mention graph per day/week/month (keys ``2024-03-05``/``2024-W10``/``2024-03``), in
    one pass, same filters and attributes as :func:`build_graph`; undated articles are skipped.
    ``engine="duckdb"`` aggregates through Parquet/DuckDB for big corpora."""
    if engine == "duckdb":
        from . import store as graph_store

        return graph_store.time_slices_duckdb(articles, freq=freq, level=level, labels=labels,
                                              min_weight=min_weight, date_from=date_from, date_to=date_to,
                                              entities=entities, max_provenance=max_provenance, workdir=workdir)
    if engine != "memory":
        raise ValueError("engine must be 'memory' or 'duckdb'")
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {PERIODS}, got {freq!r}")
    warn = _WarnOnce()
    per: dict[str, tuple[NodeStats, EdgeStats]] = {}
    undated = 0
    rows = article_rows(level, labels, date_from, date_to, entities, warn)
    for i, rec in enumerate(filter(None, map(rows, articles))):  # (None: filtered out by date)
        if rec.day is None:
            undated += 1
            continue
        key = period_of(rec.day, freq)
        if key not in per:
            per[key] = (NodeStats(), EdgeStats(max_provenance))
        per[key][0].add(i, rec)
        per[key][1].add(i, rec)
    if undated:
        warnings.warn(f"time slices skip {undated} article(s) without a date", stacklevel=2)
    out = {}
    for key in sorted(per):
        meta = _graph_meta("comention", level, labels, min_weight, date_from, date_to)
        meta.update({"period": key, "freq": freq})
        out[key] = assemble_graph(per[key][0].attrs(entities), per[key][1].attrs(min_weight), meta)
    if not out:
        warnings.warn("no dated article passed the filters: no time slices", stacklevel=2)
    return out


# --------------------------------------------------------------------------------------------
# claims layer
# --------------------------------------------------------------------------------------------


def _speaker_id(claim_speaker: Mapping[str, Any], ents: Sequence[Mapping[str, Any]]) -> tuple[str, str, str]:
    """(entity_id, label, text) of a speaker: its own id, else the mention at the same offsets,
    else ``PER:slug`` (speakers are persons unless a mention says otherwise)."""
    text = str(claim_speaker.get("text", ""))
    start, end = claim_speaker.get("start"), claim_speaker.get("end")
    same = [m for m in ents if m.get("start") == start and m.get("end") == end]
    if claim_speaker.get("entity_id"):
        eid = str(claim_speaker["entity_id"])
        label = same[0].get("label") if same else None
        return eid, label or (eid.split(":", 1)[0] if ":" in eid else "PER"), text
    if same:
        return entity_id_of(same[0]), str(same[0].get("label") or "PER"), text
    return entity_id("PER", text), "PER", text


def _via_id(via: Mapping[str, Any], ents: Sequence[Mapping[str, Any]]) -> tuple[str, str, str]:
    """(entity_id, label, text) of a relaying source: own id, else a same-text mention, else ``ORG:slug``."""
    text = str(via.get("text", ""))
    if via.get("entity_id"):
        eid = str(via["entity_id"])
        return eid, eid.split(":", 1)[0] if ":" in eid else "ORG", text
    same = [m for m in ents if m.get("text") == text]
    if same:
        return entity_id_of(same[0]), str(same[0].get("label") or "ORG"), text
    return entity_id("ORG", text), "ORG", text


def build_claims_graph(
    articles: Iterable[Any],
    kind: str = "all",
    labels: Union[None, str, Iterable[str]] = None,
    min_weight: int = 1,
    date_from: DateLike = None,
    date_to: DateLike = None,
    entities: Optional[Mapping[str, Mapping]] = None,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
) -> nx.DiGraph:
    """Directed claims graph: speaker -> entity mentioned in the claim's content ("about") and
    speaker -> relaying source named in ``via`` ("relays").

    Each edge counts claims: ``about``, ``relays``, by mode (``direct``/``indirect``/``reported``),
    ``hearsay``, plus ``articles``, dates and provenance. ``kind`` ("all", "about", "relays")
    chooses which claims make the edge and its ``weight`` (the other role's count is then 0).
    Nodes carry ``claims`` (claims spoken) and ``mentions``/``articles`` counting their roles
    (speaker or target) in claims. Claims without a speaker are left out.
    """
    if kind not in ("all", "about", "relays"):
        raise ValueError("kind must be 'all', 'about' or 'relays'")
    lab = _norm_labels(labels)
    d_from, d_to = day_of(date_from), day_of(date_to)
    nstats = NodeStats()
    spoken: Counter = Counter()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for a_idx, art in enumerate(articles):
        a = _as_dict(art)
        day = day_of(a.get("date"))
        if (d_from or d_to) and (day is None or (d_from and day < d_from) or (d_to and day > d_to)):
            continue
        ents = a.get("entities") or []
        rec = ArticleRows(str(a.get("id")), day)
        for c_idx, c in enumerate(a.get("claims") or []):
            sp = c.get("speaker")
            if not sp:
                continue
            s_id, s_label, s_text = _speaker_id(sp, ents)
            s_label = _label_for(s_id, s_label, entities)
            if lab is not None and s_label not in lab:
                continue
            targets: dict[str, tuple[str, str, str]] = {}  # eid -> (role, label, text)
            content = c.get("content") or {}
            cs, ce = content.get("start", -1), content.get("end", -1)
            if kind in ("all", "about"):
                for m in ents:
                    if cs is not None and cs >= 0 and cs <= m.get("start", -1) and m.get("end", 10**12) <= ce:
                        t_id = entity_id_of(m)
                        targets.setdefault(t_id, ("about", _label_for(t_id, m.get("label"), entities),
                                                  str(m.get("text", ""))))
            if kind in ("all", "relays") and c.get("via"):
                v_id, v_label, v_text = _via_id(c["via"], ents)
                targets[v_id + "\x00via"] = ("relays", _label_for(v_id, v_label, entities), v_text)
            rec.rows.append((0, s_id, s_label, s_text))
            spoken[s_id] += 1
            for key, (role, t_label, t_text) in sorted(targets.items()):
                t_id = key.split("\x00", 1)[0]
                if t_id == s_id or (lab is not None and t_label not in lab):
                    continue
                rec.rows.append((0, t_id, t_label, t_text))
                e = edges.get((s_id, t_id))
                if e is None:
                    e = edges[(s_id, t_id)] = {"about": 0, "relays": 0, **{m: 0 for m in MODES}, "hearsay": 0,
                                               "_claims": set(), "_arts": [], "_last": -1, "first": None, "last": None}
                e[role] += 1
                claim_key = (a_idx, c_idx)
                if claim_key not in e["_claims"]:  # a claim counts once per edge in mode/hearsay tallies
                    e["_claims"].add(claim_key)
                    if c.get("mode") in MODES:
                        e[c["mode"]] += 1
                    e["hearsay"] += int(bool(c.get("hearsay")))
                if e["_last"] != a_idx:
                    e["_last"] = a_idx
                    e["_arts"].append(rec.id)
                    e["first"], e["last"] = _min_day(e["first"], day), _max_day(e["last"], day)
        # node stats over speakers and targets (each mention row = one role in one claim)
        nstats.add(a_idx, rec)
    nodes = nstats.attrs(entities)
    for eid, d in nodes.items():
        d["claims"] = int(spoken.get(eid, 0))
    out_edges = []
    for (s, t), e in edges.items():
        weight = len(e["_claims"])
        if kind == "about":
            weight = e["about"]
        elif kind == "relays":
            weight = e["relays"]
        if weight < min_weight:
            continue
        d = edge_attrs(weight, len(e["_arts"]), e["first"], e["last"], e["_arts"][:max_provenance])
        d.update({k: e[k] for k in ("about", "relays", *MODES, "hearsay")})
        out_edges.append((s, t, d))
    meta = _graph_meta(f"claims-{kind}", "claim", labels, min_weight, date_from, date_to)
    G = assemble_graph(nodes, out_edges, meta, directed=True)
    _warn_empty(G, "claims graph")
    return G


# --------------------------------------------------------------------------------------------
# analysis helpers (pandas DataFrames)
# --------------------------------------------------------------------------------------------

_NODE_COLS = ["entity_id", "name", "label", "mentions", "articles", "first_date", "last_date"]


def _node_frame(G: nx.Graph) -> pd.DataFrame:
    rows = [{"entity_id": n, **{k: d.get(k) for k in _NODE_COLS[1:]}} for n, d in G.nodes(data=True)]
    df = pd.DataFrame(rows, columns=_NODE_COLS)
    deg = dict(G.degree())
    wdeg = dict(G.degree(weight="weight"))
    df["degree"] = [int(deg.get(n, 0)) for n in df["entity_id"]]
    df["weighted_degree"] = [int(wdeg.get(n, 0)) for n in df["entity_id"]]
    return df


def top_entities(G: nx.Graph, n: int = 20, by: str = "mentions") -> pd.DataFrame:
    """The ``n`` entities with most ``mentions`` (or ``articles``, ``degree``, ``weighted_degree``)."""
    df = _node_frame(G)
    if by not in df.columns:
        raise ValueError(f"by must be one of mentions, articles, degree, weighted_degree; got {by!r}")
    return df.sort_values([by, "entity_id"], ascending=[False, True]).head(n).reset_index(drop=True)


def degree_table(G: nx.Graph) -> pd.DataFrame:
    """Every entity with degree (distinct partners) and weighted degree (sum of edge weights)."""
    df = _node_frame(G)
    df = df.sort_values(["weighted_degree", "degree", "entity_id"], ascending=[False, False, True])
    return df.reset_index(drop=True)


def _edge_frame(G: nx.Graph) -> pd.DataFrame:
    cols = ["source", "target", "source_name", "target_name", "weight", "articles", "first_date", "last_date",
            "article_ids", "article_ids_more"]
    rows = []
    for s, t, d in G.edges(data=True):
        rows.append({"source": s, "target": t, "source_name": G.nodes[s].get("name", s),
                     "target_name": G.nodes[t].get("name", t), **{k: d.get(k) for k in cols[4:]}})
    return pd.DataFrame(rows, columns=cols)


def top_edges(G: nx.Graph, n: int = 20, by: str = "weight") -> pd.DataFrame:
    """The ``n`` strongest edges by ``weight`` (or ``articles``) with names, dates and provenance."""
    df = _edge_frame(G)
    return df.sort_values([by, "source", "target"], ascending=[False, True, True]).head(n).reset_index(drop=True)


def betweenness(G: nx.Graph, n: Optional[int] = None, weighted: bool = True, k: Optional[int] = None,
                seed: int = 0) -> pd.DataFrame:
    """Betweenness centrality; weighted uses distance 1/weight (strong ties are short paths).
    ``k`` samples pivots for big graphs (seeded, so deterministic)."""
    H = G
    weight = None
    if weighted:
        H = G.copy()
        for _s, _t, d in H.edges(data=True):
            d["_dist"] = 1.0 / max(d.get("weight", 1), 1)
        weight = "_dist"
    bc = nx.betweenness_centrality(H, k=k, weight=weight, seed=seed if k else None, normalized=True)
    df = _node_frame(G)[["entity_id", "name", "label", "degree", "weighted_degree"]]
    df["betweenness"] = [bc.get(x, 0.0) for x in df["entity_id"]]
    df = df.sort_values(["betweenness", "entity_id"], ascending=[False, True]).reset_index(drop=True)
    return df.head(n) if n else df


def communities(G: nx.Graph, resolution: float = 1.0, seed: int = 0) -> pd.DataFrame:
    """Louvain communities (networkx, weighted, seeded): one row per entity; community 0 is largest."""
    H = G.to_undirected() if G.is_directed() else G
    parts = []
    if H.number_of_nodes():
        parts = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    rows = []
    wdeg = dict(H.degree(weight="weight"))
    for ci, members in enumerate(parts):
        for eid in members:
            d = H.nodes[eid]
            rows.append({"entity_id": eid, "name": d.get("name"), "label": d.get("label"), "community": ci,
                         "community_size": len(members), "weighted_degree": int(wdeg.get(eid, 0))})
    df = pd.DataFrame(rows, columns=["entity_id", "name", "label", "community", "community_size", "weighted_degree"])
    df = df.sort_values(["community", "weighted_degree", "entity_id"], ascending=[True, False, True])
    return df.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# name resolution, ego networks, evidence
# --------------------------------------------------------------------------------------------


def name_index(entities: Mapping[str, Mapping]) -> dict[str, str]:
    """A name/variant -> entity_id mapping from ``entities.jsonl`` records (keys casefolded).
    An ambiguous surface goes to the entity that used it most."""
    best: dict[str, tuple[int, str]] = {}
    for eid, info in entities.items():
        cands = {str(info.get("name") or ""): 10**9}
        for surface, cnt in (info.get("variants") or {}).items():
            cands[surface] = max(cands.get(surface, 0), int(cnt))
        for surface, cnt in cands.items():
            key = surface.casefold().strip()
            if not key:
                continue
            if key not in best or cnt > best[key][0] or (cnt == best[key][0] and eid < best[key][1]):
                best[key] = (cnt, eid)
    return {k: v[1] for k, v in best.items()}


def resolve_entity(key: str, G: Optional[nx.Graph] = None, names: Optional[Mapping[str, str]] = None) -> str:
    """Entity id for ``key``: itself if it is a node id, else via ``names`` (name/variant -> id,
    casefolded), else a node whose ``name`` matches; otherwise the key unchanged."""
    if G is not None and key in G:
        return key
    if names:
        for k in (key, key.casefold().strip()):
            if k in names:
                return names[k]
        folded = {str(k).casefold(): v for k, v in names.items()}
        if key.casefold().strip() in folded:
            return folded[key.casefold().strip()]
    if G is not None:
        hits = sorted(n for n, d in G.nodes(data=True) if str(d.get("name", "")).casefold() == key.casefold())
        if hits:
            return hits[0]
    return key


def ego_network(G: nx.Graph, entity: str, top: int = 10, names: Optional[Mapping[str, str]] = None) -> pd.DataFrame:
    """An entity's ``top`` strongest ties (neighbour, weight, articles, dates, provenance)."""
    eid = resolve_entity(entity, G, names)
    if eid not in G:
        raise KeyError(f"entity {entity!r} is not in the graph")
    nbrs = set(G.successors(eid)) | set(G.predecessors(eid)) if G.is_directed() else set(G.neighbors(eid))
    rows = []
    for nb in nbrs:
        d = G.edges[eid, nb] if G.has_edge(eid, nb) else G.edges[nb, eid]
        rows.append({"entity_id": nb, "name": G.nodes[nb].get("name"), "label": G.nodes[nb].get("label"),
                     "weight": d.get("weight"), "articles": d.get("articles"), "first_date": d.get("first_date"),
                     "last_date": d.get("last_date"), "article_ids": d.get("article_ids")})
    cols = ["entity_id", "name", "label", "weight", "articles", "first_date", "last_date", "article_ids"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["weight", "entity_id"], ascending=[False, True]).head(top).reset_index(drop=True)


def ego_graph(G: nx.Graph, entity: str, top: int = 10, names: Optional[Mapping[str, str]] = None) -> nx.Graph:
    """Subgraph of an entity, its ``top`` strongest neighbours and the edges among them."""
    eid = resolve_entity(entity, G, names)
    keep = [eid, *ego_network(G, eid, top)["entity_id"].tolist()]
    return G.subgraph(keep).copy()


def evidence(
    articles: Iterable[Any],
    a: str,
    b: str,
    level: str = "sentence",
    names: Optional[Mapping[str, str]] = None,
    entities: Optional[Mapping[str, Mapping]] = None,
) -> pd.DataFrame:
    """The articles and units (sentences by default) where ``a`` and ``b`` are co-mentioned.

    ``a``/``b`` are entity ids, or names/variants resolved through ``names`` (see
    :func:`name_index`); unresolved names also match unlinked mentions by surface text.
    """
    if names is None and entities:
        names = name_index(entities)
    ids = [resolve_entity(x, None, names) for x in (a, b)]
    texts = [x.casefold().strip() for x in (a, b)]
    warn = _WarnOnce()
    rows = []
    for art in articles:
        d = _as_dict(art)
        spans = unit_spans(d, level, warn)
        starts = [s for s, _ in spans]
        hits: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for m in d.get("entities") or []:
            eid = entity_id_of(m)
            unit = 0 if level == "article" else max(bisect.bisect_right(starts, int(m.get("start", 0))) - 1, 0)
            for k in (0, 1):
                if eid == ids[k] or (ids[k] == (a, b)[k] and str(m.get("text", "")).casefold() == texts[k]
                                      and not m.get("entity_id")):
                    hits[unit][k].append(str(m.get("text", "")))
        text = d.get("text") or ""
        for unit in sorted(hits):
            ha, hb = hits[unit]
            if ha and hb and ids[0] != ids[1]:
                s, e = spans[unit]
                rows.append({"article_id": str(d.get("id")), "date": day_of(d.get("date")), "title": d.get("title"),
                             "source": d.get("source"), "url": d.get("url"), "level": level, "unit": unit,
                             "start": s, "end": e, "text": text[s:e].strip(), "a_texts": sorted(set(ha)),
                             "b_texts": sorted(set(hb))})
    cols = ["article_id", "date", "title", "source", "url", "level", "unit", "start", "end", "text",
            "a_texts", "b_texts"]
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------------------------
# export / import
# --------------------------------------------------------------------------------------------

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _xml_safe(v: Any, found: list[bool]) -> Any:
    if isinstance(v, str) and _XML_BAD.search(v):
        found[0] = True
        return _XML_BAD.sub(" ", v)
    return v


def _encode_for_xml(G: nx.Graph) -> nx.Graph:
    """Copy of ``G`` with lists/dicts as JSON strings, None dropped and XML-illegal control
    characters replaced by spaces (XML 1.0 cannot carry them; & < > are escaped by the writer)."""
    found = [False]
    H = G.__class__()
    meta = {k: v for k, v in G.graph.items() if v is not None}
    H.graph.update({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else _xml_safe(v, found))
                    for k, v in meta.items()})

    def enc(d):
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, dict)):
                v = json.dumps(v, ensure_ascii=False)
            out[k] = _xml_safe(v, found)
        return out

    mapping = {n: _xml_safe(n, found) for n in G.nodes}
    for n, d in G.nodes(data=True):
        H.add_node(mapping[n], **enc(d))
    for s, t, d in G.edges(data=True):
        H.add_edge(mapping[s], mapping[t], **enc(d))
    if found[0]:
        warnings.warn("control characters are not allowed in XML; replaced them with spaces", stacklevel=3)
    return H


_GRAPHML_OPEN = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_type(types: set[type]) -> str:
    """GraphML type of an attribute from the Python types of its values (numbers widen to double,
    anything mixed with text is a string): the inference networkx's reader expects."""
    kinds = set()
    for t in types:
        if issubclass(t, (bool, np.bool_)):
            kinds.add("boolean")
        elif issubclass(t, (numbers.Integral,)):
            kinds.add("long")
        elif issubclass(t, numbers.Real):
            kinds.add("double")
        else:
            kinds.add("string")
    if len(kinds) == 1:
        return kinds.pop()
    return "double" if kinds <= {"long", "double"} else "string"


#: ``json.dumps(v, ensure_ascii=False)`` without making an encoder per call (one per edge here)
_JSON = json.JSONEncoder(ensure_ascii=False)
#: one string as JSON (ensure_ascii=False), the function the encoder itself uses for strings
_json_string = json.encoder.encode_basestring


def _graphml_text(v: Any, found: list[bool]) -> str:
    """An attribute value as escaped GraphML text (lists/dicts as JSON, XML-illegal characters out)."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (list, tuple, dict)):
        v = _JSON.encode(v)
    elif not isinstance(v, str):
        return str(v)
    return xml_escape(_xml_safe(v, found))


def _write_graphml(path: Path, graph_attrs: Mapping[str, Any], nodes: Callable[[], Iterable[tuple[Any, Mapping]]],
                   edges: Optional[Callable[[], Iterable[tuple[Any, Any, Mapping]]]] = None, directed: bool = False,
                   edge_types: Optional[dict[str, set[type]]] = None,
                   edge_lines: Optional[Callable[..., Iterable[str]]] = None) -> None:
    """Stream a graph to GraphML line by line, for ``nx.read_graphml`` to read back identically.

    networkx's writer builds the whole XML tree before writing: for the graph of 500 news articles
    (65k edges) that took 1.7 s of ``process``'s 3.3 s corpus step, and memory grew with the file.
    ``nodes``/``edges`` give fresh iterators (one pass finds the attribute types, one writes);
    ``edge_types`` (attribute -> Python types) spares the first pass over the edges.
    ``edge_lines(tags, quoted, text)`` renders the ``<edge>`` elements in place of ``edges``, for a
    caller that knows its edge schema (it then gives ``edge_types``): ``tags`` maps edge attributes
    to their ``<data key=..>`` tag, ``quoted`` gives a node id's attribute value, ``text`` a value's
    escaped GraphML text. Lists (provenance) are JSON strings; None values are left out; the file
    appears atomically.
    """
    if (edges is None) == (edge_lines is None) or (edge_lines is not None and edge_types is None):
        raise ValueError("give either edges, or edge_lines with edge_types")
    found = [False]

    def types_of(dicts: Iterable[Mapping]) -> dict[str, set[type]]:
        types: dict[str, set[type]] = defaultdict(set)
        for d in dicts:
            for k, v in d.items():
                if v is not None:
                    types[k].add(type(v))
        return types

    scopes = (("graph", types_of([graph_attrs])), ("node", types_of(d for _n, d in nodes())),
              ("edge", edge_types if edge_types is not None else types_of(d for _s, _t, d in edges())))
    keys: dict[tuple[str, str], tuple[str, Any]] = {}
    lines = [_GRAPHML_OPEN]
    for scope, types in scopes:
        for k in sorted(types, key=str):
            kid = f"d{len(keys)}"
            gtype = _graphml_type(types[k])
            numeric = gtype in ("long", "double") and all(t in (int, float) for t in types[k])
            # per key: the opening tag, and str() for plain numbers (most values) instead of the checks
            keys[(scope, k)] = (f'<data key="{kid}">', str if numeric else lambda v: _graphml_text(v, found))
            lines.append(f'<key id="{kid}" for="{scope}" attr.name={quoteattr(_xml_safe(str(k), found))} '
                         f'attr.type="{gtype}"/>\n')

    def data(scope: str, d: Mapping[str, Any], indent: str) -> str:
        out = []
        for k, v in d.items():
            if v is not None:
                tag, text = keys[(scope, k)]
                out.append(f"{indent}{tag}{text(v)}</data>\n")
        return "".join(out)

    ids: dict[Any, str] = {}  # node id -> quoted attribute value (each node is on many edges)

    def quoted(n: Any) -> str:
        q = ids.get(n)
        if q is None:
            q = ids[n] = quoteattr(_xml_safe(str(n), found))
        return q

    kind = "directed" if directed else "undirected"
    lines.append(f'<graph edgedefault="{kind}">\n' + data("graph", graph_attrs, ""))
    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(lines))
        buf: list[str] = []
        for n, d in nodes():
            buf.append(f"<node id={quoted(n)}>\n{data('node', d, '  ')}</node>\n")
            if len(buf) >= 4096:
                f.write("".join(buf))
                buf.clear()
        if edge_lines is not None:
            tags = {k: tag for (scope, k), (tag, _text) in keys.items() if scope == "edge"}
            rendered: Iterable[str] = edge_lines(tags, quoted, lambda v: _graphml_text(v, found))
        else:
            rendered = (f"<edge source={quoted(s)} target={quoted(t)}>\n{data('edge', d, '  ')}</edge>\n"
                        for s, t, d in edges())
        for line in rendered:
            buf.append(line)
            if len(buf) >= 4096:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf) + "</graph>\n</graphml>\n")
    os.replace(tmp, path)
    if found[0]:
        warnings.warn("control characters are not allowed in XML; replaced them with spaces", stacklevel=3)


def _csv_paths(path: Path) -> tuple[Path, Path]:
    return path, path.with_name(path.stem + ".nodes" + path.suffix)


def export_graph(G: nx.Graph, path: Union[str, Path], fmt: Optional[str] = None) -> Path:
    """Write ``G`` as ``graphml``, ``gexf``, ``json`` (node-link) or ``csv``.

    CSV is a GDELT/Gephi-style edge list (Source, Target, Weight, Type, then the other edge
    attributes) with a companion ``<name>.nodes.csv`` (Id, Label=name, Category=label, ...).
    Lists (provenance) are JSON strings in GraphML/GEXF and ``;``-joined in CSV; :func:`read_graph`
    restores them.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if G.number_of_nodes() == 0:
        warnings.warn(f"writing an empty graph to {path}", stacklevel=2)
    if fmt == "graphml" and not G.is_multigraph():
        _write_graphml(path, G.graph, lambda: G.nodes(data=True), lambda: G.edges(data=True), G.is_directed())
    elif fmt == "graphml":
        nx.write_graphml(_encode_for_xml(G), path, encoding="utf-8")
    elif fmt == "gexf":
        H = _encode_for_xml(G)
        meta = dict(H.graph)
        H.graph.clear()
        H.graph["name"] = json.dumps(meta, ensure_ascii=False)  # GEXF keeps only a graph name
        for _n, d in H.nodes(data=True):  # GEXF's node label is the display name (Gephi)
            if "label" in d:
                d["entity_label"] = d.pop("label")
            if "name" in d:
                d["label"] = d["name"]
        nx.write_gexf(H, path, encoding="utf-8")
    elif fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
    else:
        _write_csv(G, path)
    return path


_EDGE_FIXED = ("weight", "articles", "first_date", "last_date", "article_ids", "article_ids_more")
_NODE_FIXED = ("name", "label", "mentions", "articles", "first_date", "last_date")


def _write_csv(G: nx.Graph, path: Path) -> None:
    epath, npath = _csv_paths(path)
    gtype = "Directed" if G.is_directed() else "Undirected"
    extra_e = sorted({k for _s, _t, d in G.edges(data=True) for k in d} - set(_EDGE_FIXED))
    extra_n = sorted({k for _n, d in G.nodes(data=True) for k in d} - set(_NODE_FIXED))

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, (list, tuple)):
            return ";".join(str(x) for x in v)
        return v

    with open(epath, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Source", "Target", "Weight", "Type", "articles", "first_date", "last_date", "article_ids",
                    "article_ids_more", *extra_e])
        for s, t, d in G.edges(data=True):
            w.writerow([s, t, d.get("weight", 1), gtype, *(cell(d.get(k)) for k in _EDGE_FIXED[1:]),
                        *(cell(d.get(k)) for k in extra_e)])
    with open(npath, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Label", "Category", "mentions", "articles", "first_date", "last_date", *extra_n])
        for n, d in G.nodes(data=True):
            w.writerow([n, *(cell(d.get(k)) for k in _NODE_FIXED), *(cell(d.get(k)) for k in extra_n)])
    meta_path = path.with_name(path.stem + ".meta.json")
    meta_path.write_text(json.dumps({"directed": G.is_directed(), "graph": G.graph}, ensure_ascii=False, indent=1),
                         encoding="utf-8")


def _num(v: str) -> Any:
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    try:
        return float(v)
    except ValueError:
        return v


def _read_csv(path: Path) -> nx.Graph:
    epath, npath = _csv_paths(path)
    meta_path = path.with_name(path.stem + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    directed = meta.get("directed")
    G: Optional[nx.Graph] = None
    edges = []
    with open(epath, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if directed is None:
                directed = row.get("Type", "Undirected").lower() == "directed"
            d: dict[str, Any] = {"weight": _num(row.pop("Weight", "1") or "1")}
            s, t = row.pop("Source"), row.pop("Target")
            row.pop("Type", None)
            for k, v in row.items():
                if v == "" and k != "article_ids":
                    continue
                if k == "article_ids":
                    d[k] = v.split(";") if v else []
                elif k in ("first_date", "last_date"):
                    d[k] = v
                else:
                    d[k] = _num(v)
            edges.append((s, t, d))
    G = nx.DiGraph() if directed else nx.Graph()
    G.graph.update(meta.get("graph", {}))
    if npath.exists():
        with open(npath, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                n = row.pop("Id")
                d = {"name": row.pop("Label"), "label": row.pop("Category")}
                for k, v in row.items():
                    if v != "":
                        d[k] = v if k in ("first_date", "last_date", "name") else _num(v)
                G.add_node(n, **d)
    for s, t, d in edges:
        G.add_edge(s, t, **d)
    return G


def _decode_attrs(d: dict[str, Any]) -> None:
    for k in LIST_ATTRS:
        if isinstance(d.get(k), str):
            d[k] = json.loads(d[k])


def read_graph(path: Union[str, Path], fmt: Optional[str] = None) -> nx.Graph:
    """Read a graph written by :func:`export_graph`, restoring provenance lists, integer weights,
    node labels (GEXF) and graph metadata, so the result equals the exported graph."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "json":
        with open(path, encoding="utf-8") as f:
            return nx.node_link_graph(json.load(f), edges="edges")
    if fmt == "csv":
        return _read_csv(path)
    if fmt == "graphml":
        G = nx.read_graphml(path)
        for k, v in list(G.graph.items()):
            if k in ("node_default", "edge_default"):
                del G.graph[k]
    elif fmt == "gexf":
        M = nx.read_gexf(path)
        G = nx.DiGraph() if M.is_directed() else nx.Graph()
        name = M.graph.get("name")
        if name:
            try:
                G.graph.update(json.loads(name))
            except json.JSONDecodeError:
                G.graph["name"] = name
        for n, d in M.nodes(data=True):
            d = dict(d)
            d.pop("label", None)
            if "entity_label" in d:
                d["label"] = d.pop("entity_label")
            G.add_node(n, **d)
        for s, t, d in M.edges(data=True):
            d = {k: v for k, v in d.items() if k != "id"}
            if isinstance(d.get("weight"), float) and d["weight"].is_integer():
                d["weight"] = int(d["weight"])
            G.add_edge(s, t, **d)
    else:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    for _n, d in G.nodes(data=True):
        _decode_attrs(d)
    for _s, _t, d in G.edges(data=True):
        _decode_attrs(d)
    return G


# --------------------------------------------------------------------------------------------
# from an existing output folder
# --------------------------------------------------------------------------------------------

#: above this size articles.jsonl is aggregated with DuckDB instead of in memory
DUCKDB_THRESHOLD_BYTES = 200 * 1024 * 1024


def graph_from_output(
    out_dir: Union[str, Path],
    level: str = "article",
    min_weight: int = 1,
    labels: Union[None, str, Iterable[str]] = None,
    fmt: str = "graphml",
    out_path: Union[None, str, Path] = None,
    date_from: DateLike = None,
    date_to: DateLike = None,
    engine: str = "auto",
) -> Path:
    """Build the co-mention graph from ``OUT_DIR/articles.jsonl`` (+ ``entities.jsonl`` for names;
    ``out_dir`` may also be the jsonl file) without re-running NLP, and write it as ``fmt``; returns the written path
    (default ``OUT_DIR/graph_<level>.<fmt>``). Large files go through DuckDB (``engine="auto"``)."""
    from . import store as graph_store

    out_dir = Path(out_dir)
    if out_dir.is_file():  # the articles.jsonl itself
        out_dir, src = out_dir.parent, out_dir
    else:
        src = out_dir / "articles.jsonl"
    if not src.exists():
        raise FileNotFoundError(f"{src} not found: is {out_dir} a newsents output folder?")
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    entities = graph_store.load_entities(out_dir)
    if engine == "auto":
        engine = "duckdb" if src.stat().st_size > DUCKDB_THRESHOLD_BYTES else "memory"
    G = build_graph(graph_store.iter_jsonl(src), level=level, labels=labels, min_weight=min_weight,
                    date_from=date_from, date_to=date_to, entities=entities, engine=engine)
    out_path = Path(out_path) if out_path else out_dir / f"graph_{level}.{fmt}"
    return export_graph(G, out_path, fmt)
