"""Reading a graph: top entities and edges, centrality, communities, ego networks, and the evidence
(the sentences) behind an edge."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Optional

import networkx as nx
import pandas as pd

from .units import WarnOnce, as_record, day_of, entity_id_of, unit_spans

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
    warn = WarnOnce()
    rows = []
    for art in articles:
        d = as_record(art)
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
