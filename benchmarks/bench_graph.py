"""Benchmark of the large-corpus co-mention path: articles.jsonl -> Parquet mention table -> DuckDB
edge table (newsents.graph.store). Reports figures (time, peak memory, sizes); not a timed test.

    python benchmarks/bench_graph.py --articles 10000 100000 --level sentence article

Each size/level runs in a fresh subprocess so peak RSS (which includes DuckDB's memory) is its own.
Synthetic corpus: N articles x 20 mentions over 200,000 entities (Zipf-like popularity, s=1),
10 sentences of two mentions each; generated once per N into --data-dir (not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

LABELS = ("PER", "ORG", "LOC")


def generate(path: Path, n_articles: int, n_entities: int = 200_000, mentions: int = 20, seed: int = 0) -> None:
    """Write a synthetic articles.jsonl (Article.to_dict() records) with exact offsets."""
    import numpy as np

    rng = np.random.default_rng(seed)
    p = 1.0 / (np.arange(n_entities) + 10.0)
    p /= p.sum()
    tmp = path.with_suffix(".tmp")
    chunk = 10_000
    with open(tmp, "w", encoding="utf-8") as f:
        for c0 in range(0, n_articles, chunk):
            n = min(chunk, n_articles - c0)
            ents = rng.choice(n_entities, size=(n, mentions), p=p)
            for r in range(n):
                i = c0 + r
                parts, spans, sents, pos = [], [], [], 0
                for k in range(0, mentions, 2):
                    e1, e2 = int(ents[r, k]), int(ents[r, k + 1])
                    n1, n2 = f"Name{e1}", f"Name{e2}"
                    s = f"{n1} traf {n2}. "
                    spans.append((e1, pos, pos + len(n1)))
                    spans.append((e2, pos + len(n1) + 6, pos + len(n1) + 6 + len(n2)))
                    sents.append([pos, pos + len(s) - 1])
                    parts.append(s)
                    pos += len(s)
                rec = {
                    "id": f"art{i:07d}", "title": None, "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "source": "synth", "url": None, "text": "".join(parts),
                    "entities": [{"text": f"Name{e}", "label": LABELS[e % 3], "start": s, "end": t,
                                  "entity_id": f"{LABELS[e % 3]}:name{e}"} for e, s, t in spans],
                    "claims": [], "compounds": [], "removed": [], "sentences": sents,
                }
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.rename(path)


def run_one(src: Path, level: str, workdir: Path, threads: int, memory_limit: str, min_weight: int) -> dict:
    """Time the streaming pass and the DuckDB aggregation in this process; report peak RSS."""
    import duckdb

    from newsents.graph import store as graph_store
    from newsents.graph.comentions import graph_meta  # noqa: F401

    t0, c0 = time.perf_counter(), time.process_time()
    tables = graph_store.write_mention_tables(graph_store.iter_jsonl(src), workdir / level, level=level)
    t1, c1 = time.perf_counter(), time.process_time()
    epath = graph_store.aggregate_edges(tables, threads=threads, memory_limit=memory_limit)
    t2, c2 = time.perf_counter(), time.process_time()
    peak_edges_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # peak up to the edge table
    table = f"read_parquet('{epath.as_posix()}')"
    n_edges = duckdb.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    n_keep = duckdb.execute(f"SELECT count(*) FROM {table} WHERE weight >= {min_weight}").fetchall()[0][0]
    G = None
    t3 = t2
    if n_keep <= 3_000_000:
        meta = graph_meta("comention", level, None, min_weight, None, None)
        G = graph_store.edges_to_graph(tables, epath, min_weight, meta, threads=threads, memory_limit=memory_limit)
        t3 = time.perf_counter()
    load = round(os.getloadavg()[0], 1)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": tables.n_articles, "level": level, "mention_rows": tables.n_rows,
        "entities": len(tables.entity_ids), "edges": int(n_edges),
        "stream_to_parquet_s": round(t1 - t0, 1), "duckdb_edges_s": round(t2 - t1, 1),
        "edge_table_total_s": round(t2 - t0, 1),
        "cpu_stream_s": round(c1 - c0, 1), "cpu_duckdb_s": round(c2 - c1, 1), f"edges_w>={min_weight}": int(n_keep),
        "networkx_load_s": round(t3 - t2, 1) if G is not None else None,
        "peak_rss_edge_table_gb": round(peak_edges_kb / 1024 / 1024, 2),
        "peak_rss_with_networkx_gb": round(peak_kb / 1024 / 1024, 2), "loadavg_1m": load,
        "edges_parquet_mb": round(epath.stat().st_size / 1e6, 1),
        "mentions_parquet_mb": round(tables.mentions.stat().st_size / 1e6, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--level", nargs="+", default=["sentence", "article"])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/newsents-bench-graph"))
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads")
    ap.add_argument("--memory-limit", default="2GB", help="DuckDB memory limit (spills to disk beyond)")
    ap.add_argument("--min-weight", type=int, default=2)
    ap.add_argument("--one", nargs=3, metavar=("SRC", "LEVEL", "WORKDIR"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        res = run_one(Path(a.one[0]), a.one[1], Path(a.one[2]), a.threads, a.memory_limit, a.min_weight)
        print(json.dumps(res))
        return
    a.data_dir.mkdir(parents=True, exist_ok=True)
    for n in a.articles:
        src = a.data_dir / f"articles_{n}.jsonl"
        if not src.exists():
            t = time.perf_counter()
            generate(src, n)
            print(f"# generated {src} ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f}s",
                  file=sys.stderr)
        for level in a.level:
            work = a.data_dir / f"work_{n}"
            out = subprocess.run([sys.executable, __file__, "--threads", str(a.threads), "--memory-limit",
                                  a.memory_limit, "--min-weight", str(a.min_weight), "--one", str(src), level,
                                  str(work)], capture_output=True, text=True, env={**os.environ})
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                continue
            print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
