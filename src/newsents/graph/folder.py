"""The graph of a ``newsents process`` output folder, without re-running NLP."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from .comentions import build_graph
from .formats import FORMATS, export_graph
from .units import GraphFilter, day_of, norm_labels

# --------------------------------------------------------------------------------------------
# from an existing output folder
# --------------------------------------------------------------------------------------------

#: above this size articles.jsonl is aggregated with DuckDB instead of in memory
DUCKDB_THRESHOLD_BYTES = 200 * 1024 * 1024


def graph_from_output(
    out_dir: Union[str, Path],
    filters: Optional[GraphFilter] = None,
    *,
    fmt: str = "graphml",
    out_path: Union[None, str, Path] = None,
    engine: str = "auto",
    **options: Any,
) -> Path:
    """Build the co-mention graph from ``OUT_DIR/articles.jsonl`` (+ ``entities.jsonl`` for names;
    ``out_dir`` may also be the jsonl file) without re-running NLP, and write it as ``fmt``; returns
    the written path (default ``OUT_DIR/graph_<level>[_<filters>].<fmt>``). ``filters``: a
    :class:`GraphFilter` or its fields as keywords (``measures=True`` keeps currencies and units
    as nodes). Large files go through DuckDB (``engine="auto"``)."""
    from . import store as graph_store

    filters = GraphFilter.of(filters, **options)
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
    G = build_graph(graph_store.iter_jsonl(src), filters, entities=entities, engine=engine)
    out_path = Path(out_path) if out_path is not None else out_dir / default_name(filters, fmt)
    return export_graph(G, out_path, fmt)


def default_name(filters: GraphFilter, fmt: str) -> str:
    """``graph_<level>[_<labels>][_w<min weight>][_<from>_<to>].<fmt>``: exports with other filters do
    not overwrite each other."""
    parts = [f"graph_{filters.level}"]
    labs = sorted(norm_labels(filters.labels) or ())
    if labs:
        parts.append("-".join(labs))
    if filters.min_weight > 1:
        parts.append(f"w{filters.min_weight}")
    if filters.date_from or filters.date_to:
        parts.append(f"{day_of(filters.date_from) or 'start'}_{day_of(filters.date_to) or 'end'}")
    return "_".join(parts) + f".{fmt}"
