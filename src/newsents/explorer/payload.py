"""Records -> the page's JSON payload: entities, articles, claims, the graph of the top entities and
the evidence of its edges. Sizes stay bounded for big corpora: the graph holds the ``top`` entities
and at most ``max_edges`` edges, and the full text (with its claims) of the articles that fit into
``max_mb``; counts, co-mentions, article lists and evidence cover every article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

from ..graph import GraphFilter, build_graph
from .budget import choose_text_articles, give_back, json_size, page_overhead, priority
from .entities import EntityIndex
from .graphdata import Evidence, graph_part
from .inputs import ExplorerInputError, as_records, entity_map
from .records import article_meta, claim_row, day_of, drop_sliceable, mention_rows, text_record, to_utf16

FORMAT = 1
LEVELS = ("article", "sentence", "paragraph")
#: Articles listed on the card of an entity outside the graph (graph entities list all theirs).
LISTED_ARTICLES = 200
#: The page size (MB) the article texts are fitted into.
MAX_MB = 4.5
#: displaCy's entity colours (spacy.displacy.render.DEFAULT_LABEL_COLORS; PER/MISC are the German
#: labels of PERSON and of the grey every label without a colour gets).
DISPLACY_COLORS = {
    "ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561", "PERSON": "#aa9cfc",
    "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "LAW": "#ff8197", "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff", "DATE": "#bfe1d9", "TIME": "#bfe1d9", "MONEY": "#e4e7d2", "QUANTITY": "#e4e7d2",
    "ORDINAL": "#e4e7d2", "CARDINAL": "#e4e7d2", "PERCENT": "#e4e7d2",
}
DEFAULT_COLOR = "#ddd"
COLORS = {**DISPLACY_COLORS, "PER": DISPLACY_COLORS["PERSON"], "MISC": DEFAULT_COLOR}


def check_options(level: str, min_weight: int, top: int, max_edges: int, max_mb: float) -> None:
    if level not in LEVELS:
        raise ExplorerInputError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    for name, value, low in (("min_weight", min_weight, 1), ("top", top, 1), ("max_edges", max_edges, 0)):
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise ExplorerInputError(f"{name} must be an integer >= {low}, got {value!r}")
    if not isinstance(max_mb, (int, float)) or isinstance(max_mb, bool) or not max_mb > 0:
        raise ExplorerInputError(f"max_mb must be a number > 0, got {max_mb!r}")


def _generator() -> str:
    try:
        from importlib.metadata import version

        return f"newsents {version('newsents')}"
    except Exception:  # pragma: no cover - not installed as a distribution
        return "newsents"


def _claims(arts, mentions, index: EntityIndex):
    """Claim rows per article, per-entity counts of claims made and about, and the number of claims."""
    rows: list[list[list[Any]]] = []
    made, about, total = Counter(), Counter(), 0
    for i, art in enumerate(arts):
        mine = [claim_row(c, i, mentions[i], index.resolve) for c in art.get("claims") or () if isinstance(c, dict)]
        for row in mine:
            if row[2] >= 0:
                made[row[2]] += 1
            about.update(row[9])
        total += len(mine)
        rows.append(mine)
    return rows, made, about, total


def _articles_of(mentions: Sequence[list[list[Any]]], days: Sequence[Optional[str]], n: int) -> list[list[int]]:
    """Per entity, its articles, newest first."""
    out: list[list[int]] = [[] for _ in range(n)]
    for i, rows in enumerate(mentions):
        for ent in {m[2] for m in rows if m[2] >= 0}:
            out[ent].append(i)
    for lst in out:
        lst.sort(key=lambda i: (days[i] or "", -i), reverse=True)
    return out


def deltas(indexes: Iterable[int]) -> list[int]:
    """Ascending indexes as differences (``[3, 5, 9] -> [3, 2, 4]``): fewer digits in the page."""
    out, last = [], 0
    for i in sorted(indexes):
        out.append(i - last)
        last = i
    return out


def _entity_rows(index: EntityIndex, arts_of, made, about, node_of: Mapping[int, int]) -> list[dict[str, Any]]:
    """Entity rows; ``ad``: the entity's articles as :func:`deltas` (all for graph entities, for
    the others the newest :data:`LISTED_ARTICLES`)."""
    rows = []
    co = index.all_co_mentions()
    for i in range(len(index)):
        row = index.row(i)
        row.update({"cm": made.get(i, 0), "ca": about.get(i, 0), "co": co[i],
                    "ad": deltas(arts_of[i] if i in node_of else arts_of[i][:LISTED_ARTICLES]), "na": len(arts_of[i])})
        if i in node_of:
            row["n"] = node_of[i]
        rows.append(row)
    return rows


def _meta(title, level, min_weight, top, max_edges, max_mb, counts) -> dict[str, Any]:
    return {"title": title or "newsents explorer", "level": level, "min_weight": min_weight, "top": top,
            "max_edges": max_edges, "max_mb": max_mb, "generator": _generator(), "counts": counts}


def _evidence(arts, mentions, nodes, edges, with_text: Sequence[bool]) -> Evidence:
    """The evidence pass; articles in the page first, since their sentences are offsets, not text."""
    node_ents = {row[0] for row in nodes}
    evidence = Evidence([tuple(sorted((nodes[a][0], nodes[b][0]))) for a, b, *_ in edges])
    for i in sorted(range(len(arts)), key=lambda i: not with_text[i]):
        evidence.add_article(i, arts[i], mentions[i], node_ents, with_text[i])
    return evidence


def _corpus_part(arts, emap, level, min_weight, top, max_edges) -> dict[str, Any]:
    """Everything but the texts: graph, entity index, article metadata, mentions, graph part, claims."""
    G = build_graph(arts, GraphFilter(level=level, min_weight=min_weight), entities=emap)
    index = EntityIndex(emap, G)
    sources: dict[str, int] = {}
    metas = [article_meta(a, i, sources) for i, a in enumerate(arts)]
    article_pos: dict[str, int] = {}
    for i, m in enumerate(metas):
        article_pos.setdefault(m[0], i)
    mentions = [mention_rows(a, index.resolve) for a in arts]
    nodes, edges, n_between = graph_part(G, index.pos, article_pos, top, max_edges)
    node_of = {row[0]: k for k, row in enumerate(nodes)}
    claims, made, about, n_claims = _claims(arts, mentions, index)
    days = [day_of(m[2]) for m in metas]
    entities = _entity_rows(index, _articles_of(mentions, days, len(index)), made, about, node_of)
    counts = {"articles": len(arts), "entities": len(index), "claims": n_claims, "graph_nodes": G.number_of_nodes(),
              "graph_edges": G.number_of_edges(), "nodes": len(nodes), "edges": len(edges), "edges_between": n_between}
    return {"metas": metas, "sources": list(sources), "mentions": mentions, "nodes": nodes, "edges": edges,
            "claims": claims, "entities": entities, "counts": counts}


def _assemble(c: dict[str, Any], texts, claims, evidence: Evidence, meta: dict[str, Any]) -> dict[str, Any]:
    edges = [[*row, evidence.edges[tuple(sorted((c["nodes"][row[0]][0], c["nodes"][row[1]][0])))]]
             for row in c["edges"]]
    return {"format": FORMAT, "meta": meta, "colors": COLORS, "entities": c["entities"], "articles": c["metas"],
            "sources": c["sources"], "texts": texts, "claims": claims, "nodes": c["nodes"], "edges": edges,
            "sentences": evidence.sentences}


def _with_texts(arts, c, with_text: Sequence[bool]):
    """Texts, claims and evidence for the articles in ``with_text`` (offsets still Python's)."""
    texts = [text_record(a, i, c["mentions"][i]) for i, a in enumerate(arts) if with_text[i]]
    claims = [row for i, rows in enumerate(c["claims"]) if with_text[i] for row in rows]
    drop_sliceable(texts, claims)
    return texts, claims, _evidence(arts, c["mentions"], c["nodes"], c["edges"], with_text)


def _fit_texts(arts, c, meta, max_mb: float):
    """Texts into the room ``max_mb`` leaves: filled in rounds (each against the evidence of the texts
    so far), then, if the evidence grew past the limit, the least relevant texts given back."""
    limit = int(max_mb * 1e6) - page_overhead()
    order = priority(arts, c["mentions"], c["claims"], {r[0] for r in c["nodes"]})
    with_text = [False] * len(arts)
    costs: dict[int, int] = {}
    parts = _with_texts(arts, c, with_text)
    for _ in range(3):
        left = limit - json_size(_assemble(c, *parts, meta))
        more = choose_text_articles(arts, c["mentions"], c["claims"], order, left, skip=with_text, cache=costs)
        if not any(more):
            break
        with_text = [a or b for a, b in zip(with_text, more)]
        parts = _with_texts(arts, c, with_text)
    while any(with_text) and (over := json_size(_assemble(c, *parts, meta)) - limit) > 0:
        with_text = give_back(arts, c["mentions"], c["claims"], order, with_text, over, cache=costs)
        parts = _with_texts(arts, c, with_text)
    texts, claims, evidence = parts
    to_utf16(texts, claims, evidence.sentences)
    return texts, claims, evidence


def build_payload(articles: Iterable[Any], entities: Union[None, Mapping[str, Any], Iterable[Any]] = None, *,
                  level: str = "article", min_weight: int = 1, top: int = 300, max_edges: int = 2000,
                  max_mb: float = MAX_MB, title: Optional[str] = None) -> dict[str, Any]:
    """The page's data from article records (dicts or ``Article``) and entities.jsonl records.

    The page holds the text (with entity marks and claims) of the articles that fit into what
    ``max_mb`` leaves after everything else, those mentioning most graph entities first."""
    check_options(level, min_weight, top, max_edges, max_mb)
    arts, emap = as_records(articles), entity_map(entities)
    c = _corpus_part(arts, emap, level, min_weight, top, max_edges)
    meta = _meta(title, level, min_weight, top, max_edges, max_mb, c["counts"])
    texts, claims, evidence = _fit_texts(arts, c, meta, max_mb)
    meta["counts"].update({"text_articles": len(texts), "text_claims": len(claims)})
    return _assemble(c, texts, claims, evidence, meta)
