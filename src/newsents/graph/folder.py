"""The graph of a ``newsents process`` output folder, without re-running NLP."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Union

from .comentions import build_graph
from .formats import FORMATS, export_graph
from .units import DateLike, day_of, norm_labels

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
    measures: bool = False,
) -> Path:
    """Build the co-mention graph from ``OUT_DIR/articles.jsonl`` (+ ``entities.jsonl`` for names;
    ``out_dir`` may also be the jsonl file) without re-running NLP, and write it as ``fmt``; returns the written path
    (default ``OUT_DIR/graph_<level>[_<filters>].<fmt>``). Large files go through DuckDB (``engine="auto"``).
    ``measures=True`` keeps currencies and units (Euro, Dollar) as nodes."""
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
                    date_from=date_from, date_to=date_to, entities=entities, engine=engine, measures=measures)
    if out_path is None:
        out_path = out_dir / default_name(level, min_weight, labels, date_from, date_to, fmt)
    out_path = Path(out_path)
    return export_graph(G, out_path, fmt)


def default_name(level: str, min_weight: int, labels, date_from: DateLike, date_to: DateLike, fmt: str) -> str:
    """``graph_<level>[_<labels>][_w<min weight>][_<from>_<to>].<fmt>``: exports with other filters do
    not overwrite each other."""
    parts = [f"graph_{level}"]
    labs = sorted(norm_labels(labels) or ())
    if labs:
        parts.append("-".join(labs))
    if min_weight > 1:
        parts.append(f"w{min_weight}")
    if date_from or date_to:
        parts.append(f"{day_of(date_from) or 'start'}_{day_of(date_to) or 'end'}")
    return "_".join(parts) + f".{fmt}"
