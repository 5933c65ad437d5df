"""The co-mention graph per day, week or month."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Optional, Union

import networkx as nx

from .comentions import EdgeStats, NodeStats, assemble_graph, graph_meta
from .units import PERIODS, GraphFilter, WarnOnce, article_rows, period_of


def time_slices(
    articles: Iterable[Any],
    freq: str = "month",
    filters: Optional[GraphFilter] = None,
    *,
    entities: Optional[Mapping[str, Mapping]] = None,
    engine: str = "memory",
    workdir: Union[None, str, Path] = None,
    **options: Any,
) -> dict[str, nx.Graph]:
    """One co-mention graph per day/week/month (keys ``2024-03-05``/``2024-W10``/``2024-03``), in
    one pass, same filters (a :class:`GraphFilter` or its fields as keywords) and attributes as
    :func:`build_graph`; undated articles are skipped. ``engine="duckdb"`` aggregates through
    Parquet/DuckDB for big corpora."""
    filters = GraphFilter.of(filters, **options)
    if engine == "duckdb":
        from . import store as graph_store

        return graph_store.time_slices_duckdb(articles, freq, filters, entities=entities, workdir=workdir)
    if engine != "memory":
        raise ValueError("engine must be 'memory' or 'duckdb'")
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {PERIODS}, got {freq!r}")
    warn = WarnOnce()
    per: dict[str, tuple[NodeStats, EdgeStats]] = {}
    undated = 0
    rows = article_rows(filters, entities, warn)
    for i, rec in enumerate(filter(None, map(rows, articles))):  # (None: filtered out by date)
        if rec.day is None:
            undated += 1
            continue
        key = period_of(rec.day, freq)
        if key not in per:
            per[key] = (NodeStats(), EdgeStats(filters.max_provenance))
        per[key][0].add(i, rec)
        per[key][1].add(i, rec)
    if undated:
        warnings.warn(f"time slices skip {undated} article(s) without a date", stacklevel=2)
    out = {}
    for key in sorted(per):
        meta = graph_meta("comention", filters)
        meta.update({"period": key, "freq": freq})
        out[key] = assemble_graph(per[key][0].attrs(entities), per[key][1].attrs(filters.min_weight), meta)
    if not out:
        warnings.warn("no dated article passed the filters: no time slices", stacklevel=2)
    return out
