"""Throughput of ``newsents process`` by engine: plain ``nlp.pipe``, 1 process, ``--n-process N``, Dask.

Converts 10kGNAD test articles (CC BY-NC-SA: benchmark use only) from ../shared/data into a
temporary folder of .txt files and times, in one run: (a) plain ``nlp.pipe`` of the base model over
the cleaned texts, (b) ``newsents process`` with 1 process, (c) with ``--n-process N``, (d) the Dask
engine on the LocalCluster of N single-threaded worker processes that ``--engine dask`` starts
(``newsents.runtime.distributed.connect``; cluster start-up and the workers' model loading timed apart, as
a long-running cluster pays them once). For (b)-(d) the corpus-level finalize step (linking,
entities table, graph; serial by nature) is reported apart as well, with the per-article phase on
its own. The engines take turns for ``--repeat`` repetitions and each figure is the median
repetition, every repetition's seconds and speedups listed beside it: this VM's speed drifts by
10-20% within minutes. CPU seconds (this process; plus the worker processes for (c) and (d)) make the
figures readable on a shared machine: ``cpu_efficiency_vs_process_1`` is the CPU one process spends on
the job over the CPU all processes of an engine spend on it, so N workers cannot beat N times it.
glibc's malloc is tuned (``newsents.runtime.allocator``) before anything is timed, so (a) runs with the
allocator settings of (b)-(d). Prints JSON with articles/s, words/s, ratios to (b), and whether (b),
(c) and (d) wrote the same articles.jsonl and entities.jsonl in every repetition as (b)'s first.

    python benchmarks/bench_scale.py [--limit 200] [--workers 2] [--partition-size 25] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_DATA, count_words, read_gnad  # noqa: E402


def _rate(n_articles: int, words: int, seconds: float) -> dict:
    return {"seconds": round(seconds, 2), "articles_per_second": round(n_articles / seconds, 2),
            "words_per_second": round(words / seconds)}


def _job(n_articles: int, words: int, seconds: float, summary, cpu: float, child_cpu: float = 0.0) -> dict:
    """Whole-job rates, then the per-article phase (the job without its finalize step) apart."""
    job = dict(_rate(n_articles, words, seconds), cpu_seconds=round(cpu, 2), child_cpu_seconds=round(child_cpu, 2))
    fin = getattr(summary, "finalize_seconds", None)  # (newsents before 2026-11-25 did not time it)
    if fin is not None:
        job.update(finalize_seconds=fin, article_phase=_rate(n_articles, words, seconds - fin))
    return job


def _median_run(runs: list) -> dict:
    """The repetition with the median wall time (the lower middle one for an even count), with every
    repetition's seconds beside it."""
    ranked = sorted(runs, key=lambda r: r["seconds"])
    return dict(ranked[(len(ranked) - 1) // 2], seconds_each_repetition=[r["seconds"] for r in runs])


def _cpu(job: dict) -> float:
    return job["cpu_seconds"] + job.get("child_cpu_seconds", 0.0)


def _warm_worker(model: str) -> None:
    """Load the pipeline in a Dask worker; returns nothing, so no pipeline is pickled back."""
    from newsents.runtime.distributed import worker_model

    worker_model(model)


def _process_cpu() -> float:
    return time.process_time()


def _workers_cpu(client) -> float:
    """CPU seconds the Dask workers' processes have used so far, summed."""
    return sum(client.run(_process_cpu).values())


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=200, help="articles (0 = all 1,028)")
    parser.add_argument("--workers", type=int, default=2, help="processes for --n-process and Dask workers")
    parser.add_argument("--partition-size", type=int, default=25, help="files per Dask partition")
    parser.add_argument("--model", default="auto")
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions; the engines take turns and each figure is the median repetition")
    args = parser.parse_args()

    import newsents
    import newsents.graph  # noqa: F401  (finalize's modules, imported before any timing so that
    import newsents.graph.store  # noqa: F401  the first timed run does not pay for them alone)
    import newsents.linking.linker  # noqa: F401
    from newsents.io.clean import Cleaner, build_text
    from newsents.io.readers import iter_articles
    from newsents.pipeline.model import resolve_model
    from newsents.runtime.allocator import tune_allocator
    from newsents.runtime.batch import run
    from newsents.runtime.distributed import connect, run_dask

    tuned = tune_allocator()  # as process does, before the bare baseline is timed: both share the setting
    load_start = round(os.getloadavg()[0], 2)
    texts = read_gnad(args.data, args.limit)
    model = resolve_model(args.model)[0]
    with tempfile.TemporaryDirectory(prefix="newsents-scale-") as tmp:
        folder = Path(tmp) / "gnad"
        folder.mkdir()
        for i, text in enumerate(texts):
            lead, _, body = text.partition(". ")  # no titles in 10kGNAD: the lead line stands as headline
            (folder / f"{i:05d}.txt").write_text(f"{lead}.\n\n{body}\n", encoding="utf8")
        cleaner = Cleaner()
        cleaned = [build_text(raw, cleaner)[0] for raw in iter_articles(folder)]  # title + body, as process analyses
        base = newsents.load(model, components=False)
        list(base.pipe(cleaned[:10]))  # warm-up
        words = count_words(base, cleaned)  # (counted apart: the timed loop below only runs the model)

        start = time.perf_counter()
        client, cluster = connect(n_workers=args.workers)
        startup = time.perf_counter() - start
        start = time.perf_counter()
        client.run(_warm_worker, model)  # each worker loads the pipeline once, as it would for a long job
        warm = time.perf_counter() - start
        engines = ("bare_nlp_pipe", "process_1", f"process_n{args.workers}", f"dask_{args.workers}_workers")
        reps: dict = {name: [] for name in engines}
        try:
            for rep in range(args.repeat):  # the engines take turns, so drift of the machine hits them alike
                start, cpu = time.perf_counter(), time.process_time()
                for _doc in base.pipe(cleaned, batch_size=32):
                    pass
                reps["bare_nlp_pipe"].append(dict(_rate(len(texts), words, time.perf_counter() - start),
                                                  cpu_seconds=round(time.process_time() - cpu, 2)))
                for name, n_process in (("process_1", 1), (engines[2], args.workers)):
                    # a fresh model per run, as a run starts with: one run must not warm the vocabulary
                    # (and tokenizer cache) that forked workers of the next one would inherit
                    full = newsents.load(model)
                    run(sorted(folder.iterdir())[:10], Path(tmp) / f"warm-up-{name}-{rep}", nlp=full)
                    start, cpu, child = time.perf_counter(), time.process_time(), _children_cpu()
                    summary = run([folder], Path(tmp) / f"{name}-{rep}", nlp=full, n_process=n_process, batch_size=32)
                    reps[name].append(_job(summary.articles, words, time.perf_counter() - start, summary,
                                           time.process_time() - cpu, _children_cpu() - child))
                start, cpu, worker_cpu = time.perf_counter(), time.process_time(), _workers_cpu(client)
                summary = run_dask([folder], Path(tmp) / f"dask-{rep}", model=model, client=client,
                                   partition_size=args.partition_size)
                reps[engines[3]].append(dict(
                    _job(summary.articles, words, time.perf_counter() - start, summary, time.process_time() - cpu,
                         _workers_cpu(client) - worker_cpu),
                    cluster_startup_seconds=round(startup, 2), worker_model_load_seconds=round(warm, 2),
                    partitions=-(-len(texts) // args.partition_size)))
        finally:
            client.close()
            cluster.close()

        def same(name: str, what: str) -> bool:
            return (Path(tmp) / name / what).read_bytes() == (Path(tmp) / "process_1-0" / what).read_bytes()

        identical = {name: all(same(f"{name}-{rep}", "articles.jsonl") and same(f"{name}-{rep}", "entities.jsonl")
                               for rep in range(args.repeat))
                     for name in ("process_1", f"process_n{args.workers}", "dask")}

    results = {name: _median_run(runs) for name, runs in reps.items()}
    ref = results["process_1"]
    report = {
        "articles": len(texts), "words": words, "workers": args.workers, "cpus": os.cpu_count(),
        "load_average_1min_start_end": [load_start, round(os.getloadavg()[0], 2)],
        "model": f"{full.meta['lang']}_{full.meta['name']}-{full.meta['version']}",
        "malloc_tuned_for_all": tuned,
        **results,
        "repetitions": args.repeat,
        "speedup_vs_process_1": {k: round(ref["seconds"] / v["seconds"], 3) for k, v in results.items()},
        "speedup_vs_process_1_each_repetition": {
            k: [round(r["seconds"] / v["seconds"], 3) for r, v in zip(reps["process_1"], runs)]
            for k, runs in reps.items()},
        "cpu_efficiency_vs_process_1": {  # CPU of one process / CPU of all processes for the same job
            k: round(_cpu(ref) / _cpu(v), 3) for k, v in results.items() if k != "bare_nlp_pipe"},
        "speedup_vs_process_1_article_phase": {
            k: round(ref["article_phase"]["seconds"] / v["article_phase"]["seconds"], 3)
            for k, v in results.items() if "article_phase" in v and "article_phase" in ref},
        "ratio_process_1_to_bare": round(results["bare_nlp_pipe"]["seconds"] / ref["seconds"], 3),
        "ratio_process_1_to_bare_cpu": round(results["bare_nlp_pipe"]["cpu_seconds"] / ref["cpu_seconds"], 3),
        "ratio_process_1_article_phase_to_bare": (round(results["bare_nlp_pipe"]["seconds"]
                                                        / ref["article_phase"]["seconds"], 3)
                                                  if "article_phase" in ref else None),
        "outputs_identical_to_process_1": identical,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
