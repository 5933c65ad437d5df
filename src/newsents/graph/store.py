"""Large-corpus path of the co-mention graph: stream mention rows into Parquet (pyarrow) and
aggregate the edge table with embedded DuckDB, so no step holds all articles in memory.

Memory grows with the number of entities (node statistics) and with DuckDB's bounded working set
(``memory_limit``, spilling to ``workdir``), not with the number of articles.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from ..io.output import iter_jsonl
from .comentions import NodeStats, assemble_graph, edge_attrs, graph_meta, warn_empty
from .formats.graphml import EdgeRow, write_comention_graphml
from .units import DEFAULT_MAX_PROVENANCE, PERIODS, ArticleRows, GraphFilter, WarnOnce, article_rows, period_of

_EPOCH = _dt.date(1970, 1, 1).toordinal()


# --------------------------------------------------------------------------------------------
# reading output folders
# --------------------------------------------------------------------------------------------


def load_entities(out_dir: Union[str, Path]) -> Optional[dict[str, dict[str, Any]]]:
    """``entities.jsonl`` of an output folder as entity_id -> record, or None when absent."""
    path = Path(out_dir) / "entities.jsonl"
    if not path.exists():
        return None
    return {str(r["entity_id"]): r for r in iter_jsonl(path, "entity_id") if r.get("entity_id")}


# --------------------------------------------------------------------------------------------
# columnar mention table
# --------------------------------------------------------------------------------------------

_MENTIONS = pa.schema([("a_idx", pa.int32()), ("unit", pa.int32()), ("e_idx", pa.int32()), ("day", pa.int32()),
                       ("p", pa.int32())])
_ARTICLES = pa.schema([("a_idx", pa.int32()), ("id", pa.string()), ("day", pa.int32())])


@dataclass
class MentionTables:
    """Parquet tables of one corpus pass plus the in-memory entity statistics."""

    workdir: Path
    level: str
    mentions: Path  # a_idx, unit, e_idx, day, p: one row per entity per unit (deduplicated)
    articles: Path  # a_idx, id, day
    entity_ids: list[str]  # e_idx -> entity_id
    nodes: dict[int, NodeStats]  # period index p -> entity statistics (p = 0 without time slices)
    periods: list[str]  # p -> period key ("" without time slices)
    n_articles: int
    n_rows: int


def _day_int(day: Optional[str], cache: dict[str, int]) -> Optional[int]:
    if day is None:
        return None
    v = cache.get(day)
    if v is None:
        v = cache[day] = _dt.date.fromisoformat(day).toordinal() - _EPOCH
    return v


def _day_str(v: Optional[int]) -> Optional[str]:
    if v is None:
        return None
    return _dt.date.fromordinal(int(v) + _EPOCH).isoformat()


class _TableWriter:
    """Mention and article rows of one streaming pass, written to Parquet in batches of ``batch_rows``."""

    def __init__(self, workdir: Path, batch_rows: int) -> None:
        self.mpath, self.apath = workdir / "mentions.parquet", workdir / "articles.parquet"
        self.mw = pq.ParquetWriter(self.mpath, _MENTIONS)
        self.aw = pq.ParquetWriter(self.apath, _ARTICLES)
        self.batch_rows = batch_rows
        self.cols: tuple[list, ...] = ([], [], [], [], [])  # a_idx, unit, e_idx, day, period
        self.acols: tuple[list, ...] = ([], [], [])  # a_idx, id, day
        self.e_index: dict[str, int] = {}
        self.n_rows = 0

    def add(self, a_idx: int, rec: ArticleRows, day: Optional[int], period: int) -> None:
        c_a, c_u, c_e, c_d, c_p = self.cols
        for col, value in zip(self.acols, (a_idx, rec.id, day)):
            col.append(value)
        seen = set()
        for unit, eid, _label, _text in rec.rows:
            e = self.e_index.get(eid)
            if e is None:
                e = self.e_index[eid] = len(self.e_index)
            if (unit, e) in seen:  # an entity counts once per unit
                continue
            seen.add((unit, e))
            c_a.append(a_idx)
            c_u.append(unit)
            c_e.append(e)
            c_d.append(day)
            c_p.append(period)
        if len(c_a) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        self.n_rows += len(self.cols[0])
        if self.cols[0]:
            self.mw.write_table(pa.Table.from_arrays([pa.array(c, pa.int32()) for c in self.cols],
                                                     schema=_MENTIONS))
        if self.acols[0]:
            self.aw.write_table(pa.Table.from_arrays(
                [pa.array(self.acols[0], pa.int32()), pa.array(self.acols[1], pa.string()),
                 pa.array(self.acols[2], pa.int32())], schema=_ARTICLES))
        for c in (*self.cols, *self.acols):
            c.clear()

    def close(self) -> None:
        self.mw.close()
        self.aw.close()

    def entity_ids(self) -> list[str]:
        ids = [""] * len(self.e_index)
        for eid, i in self.e_index.items():
            ids[i] = eid
        return ids


def write_mention_tables(
    articles: Iterable[Any],
    workdir: Union[str, Path],
    filters: GraphFilter,
    entities: Optional[Mapping[str, Mapping]] = None,
    freq: Optional[str] = None,
    batch_rows: int = 500_000,
) -> MentionTables:
    """One streaming pass: write ``mentions.parquet`` and ``articles.parquet`` in batches.
    With ``freq`` (day/week/month) rows carry their period and undated articles are skipped."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    out = _TableWriter(workdir, batch_rows)
    nodes: dict[int, NodeStats] = {}
    p_index: dict[str, int] = {}
    days: dict[str, int] = {}
    undated = n_art = 0
    try:
        rows = article_rows(filters, entities, WarnOnce())
        for a_idx, rec in enumerate(filter(None, map(rows, articles))):  # (None: filtered out by date)
            p = 0
            if freq:
                if rec.day is None:
                    undated += 1
                    continue
                p = p_index.setdefault(period_of(rec.day, freq), len(p_index))
            n_art += 1
            nodes.setdefault(p, NodeStats()).add(a_idx, rec)
            out.add(a_idx, rec, _day_int(rec.day, days), p)
        out.flush()
    finally:
        out.close()
    if undated:
        warnings.warn(f"time slices skip {undated} article(s) without a date", stacklevel=2)
    periods = [""] * max(len(p_index), 1)
    for key, i in p_index.items():
        periods[i] = key
    return MentionTables(workdir, filters.level, out.mpath, out.apath, out.entity_ids(), nodes, periods, n_art,
                         out.n_rows)


@contextmanager
def _workdir(workdir: Union[None, str, Path]) -> Iterator[Union[str, Path]]:
    """``workdir``, or a temporary folder removed afterwards when it is None."""
    if workdir is not None:
        yield workdir
        return
    tmp = tempfile.mkdtemp(prefix="newsents-graph-")
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# DuckDB aggregation
# --------------------------------------------------------------------------------------------


def _connect(workdir: Path, threads: int, memory_limit: str):
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads={int(threads)}")
    con.execute(f"SET memory_limit='{memory_limit}'")
    con.execute(f"SET temp_directory='{(workdir / 'duckdb_tmp').as_posix()}'")
    con.execute("SET preserve_insertion_order=false")
    return con


def aggregate_edges(tables: MentionTables, threads: int = 1, memory_limit: str = "2GB") -> Path:
    """Write the edge table ``edges.parquet``: (s, t) entity indexes with s < t, ``weight`` (units
    with both), ``articles``, first/last day. Every pair, no weight filter; scalar aggregates only,
    so DuckDB can spill to disk and memory stays bounded."""
    out = tables.workdir / "edges.parquet"
    m = tables.mentions.as_posix()
    pairs = f"""SELECT m1.p AS p, m1.e_idx AS s, m2.e_idx AS t, m1.a_idx AS a, m1.day AS day
                FROM read_parquet('{m}') m1 JOIN read_parquet('{m}') m2
                  ON m1.a_idx = m2.a_idx AND m1.unit = m2.unit AND m1.e_idx < m2.e_idx"""
    if tables.level == "article":  # one unit per article: each (s, t, article) occurs once
        query = f"""SELECT p, s, t, count(*)::BIGINT AS weight, count(*)::BIGINT AS articles,
                           min(day) AS first_day, max(day) AS last_day FROM ({pairs}) GROUP BY p, s, t"""
    else:  # per article first, then per pair
        query = f"""WITH pa AS (SELECT p, s, t, a, any_value(day) AS day, count(*) AS c FROM ({pairs})
                                GROUP BY p, s, t, a)
                    SELECT p, s, t, sum(c)::BIGINT AS weight, count(*)::BIGINT AS articles,
                           min(day) AS first_day, max(day) AS last_day FROM pa GROUP BY p, s, t"""
    con = _connect(tables.workdir, threads, memory_limit)
    try:
        con.execute(f"COPY ({query}) TO '{out.as_posix()}' (FORMAT parquet)")
    finally:
        con.close()
    return out


def iter_kept_edges(
    tables: MentionTables,
    edges_path: Path,
    min_weight: int,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
    threads: int = 1,
    memory_limit: str = "2GB",
    batch_rows: int = 50_000,
) -> Iterator[tuple[int, EdgeRow]]:
    """Edges with ``weight >= min_weight`` as (period index, ``EdgeRow``), sorted by period, source
    and target id (the order :func:`assemble_graph` inserts them; DuckDB compares strings by
    code point, as Python does), fetched in batches so a caller can stream them. Provenance (first
    ``max_provenance`` article ids in input order) is computed for these edges only."""
    m, arts = tables.mentions.as_posix(), tables.articles.as_posix()
    cap = max(int(max_provenance), 0)
    con = _connect(tables.workdir, threads, memory_limit)
    try:
        con.register("entity_ids", pa.table({"e": pa.array(range(len(tables.entity_ids)), pa.int32()),
                                             "eid": pa.array(tables.entity_ids, pa.string())}))
        con.execute(f"CREATE TEMP TABLE kept AS SELECT * FROM read_parquet('{edges_path.as_posix()}') "
                    f"WHERE weight >= {int(min_weight)}")
        prov = "SELECT NULL::INTEGER AS p, NULL::INTEGER AS s, NULL::INTEGER AS t, []::VARCHAR[] AS ids WHERE false"
        if cap:
            prov = f"""
              WITH pr AS (
                SELECT m1.p AS p, m1.e_idx AS s, m2.e_idx AS t, min(DISTINCT m1.a_idx, {cap}) AS prov
                FROM read_parquet('{m}') m1 JOIN read_parquet('{m}') m2
                  ON m1.a_idx = m2.a_idx AND m1.unit = m2.unit AND m1.e_idx < m2.e_idx
                SEMI JOIN kept k ON k.p = m1.p AND k.s = m1.e_idx AND k.t = m2.e_idx
                GROUP BY m1.p, m1.e_idx, m2.e_idx),
              u AS (SELECT p, s, t, unnest(prov) AS a_idx, generate_subscripts(prov, 1) AS pos FROM pr)
              SELECT u.p, u.s, u.t, list(a.id ORDER BY u.pos) AS ids
              FROM u JOIN read_parquet('{arts}') a USING (a_idx) GROUP BY u.p, u.s, u.t"""
        cur = con.execute(f"""
            WITH pv AS ({prov}),
            r AS (SELECT k.p, i1.eid AS x, i2.eid AS y, k.weight, k.articles, k.first_day, k.last_day,
                         coalesce(pv.ids, []) AS ids
                  FROM kept k LEFT JOIN pv ON k.p = pv.p AND k.s = pv.s AND k.t = pv.t
                  JOIN entity_ids i1 ON i1.e = k.s JOIN entity_ids i2 ON i2.e = k.t)
            SELECT p, least(x, y) AS a, greatest(x, y) AS b, weight, articles, first_day, last_day, ids
            FROM r ORDER BY p, a, b""")
        while True:
            rows = cur.fetchmany(batch_rows)
            if not rows:
                break
            for p, a, b, w, n_art, fd, ld, prov_ids in rows:
                yield p, (a, b, w, n_art, _day_str(fd), _day_str(ld), prov_ids)
    finally:
        con.close()


def kept_edges(
    tables: MentionTables,
    edges_path: Path,
    min_weight: int,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
    threads: int = 1,
    memory_limit: str = "2GB",
) -> dict[int, list[tuple[str, str, dict[str, Any]]]]:
    """:func:`iter_kept_edges` gathered per period index, as (source, target, attrs) lists; their
    memory follows the size of the graphs handed to networkx, not of the corpus."""
    out: dict[int, list[tuple[str, str, dict[str, Any]]]] = {}
    for p, (a, b, w, n_art, first, last, ids) in iter_kept_edges(tables, edges_path, min_weight, max_provenance,
                                                                 threads, memory_limit):
        out.setdefault(p, []).append((a, b, edge_attrs(w, n_art, first, last, ids)))
    return out


def edges_to_graph(
    tables: MentionTables,
    edges_path: Path,
    min_weight: int,
    graph_attrs: dict[str, Any],
    entities: Optional[Mapping[str, Mapping]] = None,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
    threads: int = 1,
    memory_limit: str = "2GB",
) -> nx.Graph:
    """networkx graph of the edges with ``weight >= min_weight`` plus every entity as a node."""
    edges = kept_edges(tables, edges_path, min_weight, max_provenance, threads, memory_limit)
    nodes = tables.nodes.get(0, NodeStats()).attrs(entities)
    return assemble_graph(nodes, edges.get(0, []), graph_attrs)


def build_graph_duckdb(
    articles: Iterable[Any],
    filters: Optional[GraphFilter] = None,
    *,
    entities: Optional[Mapping[str, Mapping]] = None,
    workdir: Union[None, str, Path] = None,
    threads: int = 1,
    memory_limit: str = "2GB",
) -> nx.Graph:
    """Same graph as ``build_graph(engine="memory")``, built via Parquet + DuckDB. Without
    ``workdir`` the tables go to a temporary folder that is removed afterwards."""
    filters = GraphFilter.of(filters)
    with _workdir(workdir) as workdir:
        tables = write_mention_tables(articles, workdir, filters, entities)
        epath = aggregate_edges(tables, threads, memory_limit)
        G = edges_to_graph(tables, epath, filters.min_weight, graph_meta("comention", filters), entities,
                           filters.max_provenance, threads, memory_limit)
    warn_empty(G, "co-mention graph")
    return G


def write_graphml_duckdb(
    articles: Iterable[Any],
    path: Union[str, Path],
    filters: Optional[GraphFilter] = None,
    *,
    entities: Optional[Mapping[str, Mapping]] = None,
    workdir: Union[None, str, Path] = None,
    threads: int = 1,
    memory_limit: str = "2GB",
    **options: Any,
) -> Path:
    """The file ``export_graph(build_graph_duckdb(...), path)`` writes, streamed from DuckDB's sorted
    edge rows without a networkx graph in between: for 100k articles (2.4 M edges) that graph was
    most of the corpus step's 3.2 GB peak. Only ``level``, ``min_weight``, ``max_provenance`` and
    ``measures`` of the filters apply (no label or date filter)."""
    filters = GraphFilter.of(filters, **options)
    filters = GraphFilter(filters.level, None, filters.min_weight, None, None, filters.max_provenance,
                          filters.measures)
    min_weight = filters.min_weight
    with _workdir(workdir) as workdir:
        tables = write_mention_tables(articles, workdir, filters, entities)
        epath = aggregate_edges(tables, threads, memory_limit)
        con = _connect(tables.workdir, threads, memory_limit)
        try:
            dated = con.execute(f"SELECT count(*) FROM read_parquet('{epath.as_posix()}') "
                                f"WHERE weight >= {int(min_weight)} AND first_day IS NOT NULL").fetchone()[0]
        finally:
            con.close()
        return write_comention_graphml(
            path, graph_meta("comention", filters),
            tables.nodes.get(0, NodeStats()).attrs(entities),
            lambda: (row for _p, row in iter_kept_edges(tables, epath, min_weight, filters.max_provenance, threads,
                                                         memory_limit)),
            dated=bool(dated))


def time_slices_duckdb(
    articles: Iterable[Any],
    freq: str = "month",
    filters: Optional[GraphFilter] = None,
    *,
    entities: Optional[Mapping[str, Mapping]] = None,
    workdir: Union[None, str, Path] = None,
    threads: int = 1,
    memory_limit: str = "2GB",
) -> dict[str, nx.Graph]:
    """Same slices as ``time_slices(engine="memory")``: one streaming pass, one DuckDB aggregation
    grouped by period."""
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {PERIODS}, got {freq!r}")
    filters = GraphFilter.of(filters)
    with _workdir(workdir) as workdir:
        tables = write_mention_tables(articles, workdir, filters, entities, freq=freq)
        epath = aggregate_edges(tables, threads, memory_limit)
        edges = kept_edges(tables, epath, filters.min_weight, filters.max_provenance, threads, memory_limit)
    out = {}
    for p in sorted(tables.nodes, key=lambda i: tables.periods[i]):
        meta = graph_meta("comention", filters)
        meta.update({"period": tables.periods[p], "freq": freq})
        out[tables.periods[p]] = assemble_graph(tables.nodes[p].attrs(entities), edges.get(p, []), meta)
    if not out:
        warnings.warn("no dated article passed the filters: no time slices", stacklevel=2)
    return dict(sorted(out.items()))
