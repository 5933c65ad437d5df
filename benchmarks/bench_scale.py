"""Throughput of ``newsents process`` by engine: plain ``nlp.pipe``, 1 process, ``--n-process N``, Dask.

Converts 10kGNAD test articles (CC BY-NC-SA: benchmark use only) from ../shared/data into a
temporary folder of .txt files and times, in one run: (a) plain ``nlp.pipe`` of the base model over
the cleaned texts, (b) ``newsents process`` with 1 process, (c) with ``--n-process N``, (d) the Dask
engine on a LocalCluster of N single-threaded worker processes (cluster start-up timed apart).
Prints JSON with articles/s, words/s, ratios to (b), and whether (d) wrote the same articles.jsonl.

    python benchmarks/bench_scale.py [--limit 200] [--workers 2] [--partition-size 25]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_DATA, read_gnad  # noqa: E402


def _rate(n_articles: int, words: int, seconds: float) -> dict:
    return {"seconds": round(seconds, 2), "articles_per_second": round(n_articles / seconds, 2),
            "words_per_second": round(words / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=200, help="articles (0 = all 1,028)")
    parser.add_argument("--workers", type=int, default=2, help="processes for --n-process and Dask workers")
    parser.add_argument("--partition-size", type=int, default=25, help="files per Dask partition")
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    import newsents
    from newsents.batch import run
    from newsents.clean import Cleaner
    from newsents.distributed import run_dask
    from newsents.model import resolve_model
    from newsents.readers import iter_articles

    texts = read_gnad(args.data, args.limit)
    model = resolve_model(args.model)[0]
    with tempfile.TemporaryDirectory(prefix="newsents-scale-") as tmp:
        folder = Path(tmp) / "gnad"
        folder.mkdir()
        for i, text in enumerate(texts):
            lead, _, body = text.partition(". ")  # no titles in 10kGNAD: the lead line stands as headline
            (folder / f"{i:05d}.txt").write_text(f"{lead}.\n\n{body}\n", encoding="utf8")
        cleaner = Cleaner()
        cleaned = [cleaner.clean(raw.text).text for raw in iter_articles(folder)]
        base = newsents.load(model, components=False)
        full = newsents.load(model)
        list(base.pipe(cleaned[:10]))  # warm-up

        start = time.perf_counter()
        words = 0
        for doc in base.pipe(cleaned, batch_size=32):
            words += sum(1 for t in doc if not t.is_space and not t.is_punct)
        results = {"bare_nlp_pipe": _rate(len(texts), words, time.perf_counter() - start)}

        for name, n_process in (("process_1", 1), (f"process_n{args.workers}", args.workers)):
            start = time.perf_counter()
            summary = run([folder], Path(tmp) / name, nlp=full, n_process=n_process, batch_size=32)
            results[name] = _rate(summary.articles, words, time.perf_counter() - start)

        start = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        startup = time.perf_counter() - start
        try:
            start = time.perf_counter()
            summary = run_dask([folder], Path(tmp) / "dask", model=model, client=client,
                               partition_size=args.partition_size)
            results[f"dask_{args.workers}_workers"] = dict(
                _rate(summary.articles, words, time.perf_counter() - start),
                cluster_startup_seconds=round(startup, 2), partitions=-(-len(texts) // args.partition_size))
        finally:
            client.close()
            cluster.close()
        same = (Path(tmp) / "dask" / "articles.jsonl").read_bytes() == \
            (Path(tmp) / "process_1" / "articles.jsonl").read_bytes()

    ref = results["process_1"]["seconds"]
    report = {
        "articles": len(texts), "words": words, "workers": args.workers, "cpus": os.cpu_count(),
        "model": f"{full.meta['lang']}_{full.meta['name']}-{full.meta['version']}",
        **results,
        "speedup_vs_process_1": {k: round(ref / v["seconds"], 3) for k, v in results.items()},
        "dask_output_identical": same,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
