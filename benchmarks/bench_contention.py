"""Does this machine let two processes run as fast as one? CPU of the article phase, three ways.

(a) one process analyses all articles; (b) two processes forked from the same loaded model analyse
the interleaved halves (chunks of ``--batch-size``, as the ``--n-process`` pool deals them out) one
after the other; (c) the same two halves concurrently. (b) / (a) is what splitting the work costs
(each process warms its own vocabulary and caches); (c) / (b) is what running side by side costs
(shared caches, memory bandwidth, the host's other tenants). Neither involves newsents' worker
pool, so ``bench_scale.py``'s CPU efficiency can be read against them. 10kGNAD test articles
(CC BY-NC-SA: benchmark use only) from ../shared/data; prints JSON.

    python benchmarks/bench_contention.py [--limit 0] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_DATA, read_gnad  # noqa: E402


def _forked_cpu(nlp, parts, batch_size: int, concurrent: bool) -> list:
    """CPU seconds each forked child spends on ``process_articles`` over its part."""
    from newsents.runtime.processing import process_articles

    read, write = os.pipe()
    pids = []
    for part in parts:
        pid = os.fork()
        if pid == 0:  # the child: analyse, report its CPU, leave without running the parent's cleanup
            start = time.process_time()
            for _ in process_articles(nlp, part, batch_size=batch_size):
                pass
            os.write(write, f"{time.process_time() - start:.3f}\n".encode())
            os._exit(0)
        pids.append(pid)
        if not concurrent:
            os.waitpid(pid, 0)
    if concurrent:
        for pid in pids:
            os.waitpid(pid, 0)
    os.close(write)
    with os.fdopen(read) as f:
        return [float(x) for x in f.read().split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="articles (0 = all 1,028)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()
    if not hasattr(os, "fork"):
        sys.exit("needs os.fork (Linux, macOS)")

    import newsents
    from newsents.core.records import RawArticle
    from newsents.pipeline.backend import limit_blas_threads
    from newsents.runtime.allocator import tune_allocator
    from newsents.runtime.processing import process_articles

    tune_allocator()
    limit_blas_threads(1)
    raws = []
    for i, text in enumerate(read_gnad(args.data, args.limit)):
        lead, _, body = text.partition(". ")  # the lead line as headline, as bench_scale does
        raws.append(RawArticle(id=f"{i:05d}", title=f"{lead}.", text=body))
    halves = [[r for i, r in enumerate(raws) if (i // args.batch_size) % 2 == k] for k in (0, 1)]
    runs: dict = {"one_process": [], "two_halves_one_after_the_other": [], "two_halves_concurrently": []}
    for _ in range(args.repeat):  # the three take turns; each forks from a freshly loaded, barely warmed model
        for name, parts, concurrent in (("one_process", [raws], False),
                                        ("two_halves_one_after_the_other", halves, False),
                                        ("two_halves_concurrently", halves, True)):
            nlp = newsents.load(args.model)
            list(process_articles(nlp, raws[:10], memory_zones=False))
            runs[name].append(round(sum(_forked_cpu(nlp, parts, args.batch_size, concurrent)), 2))
    cpu = {name: statistics.median(values) for name, values in runs.items()}
    print(json.dumps({
        "articles": len(raws), "cpus": os.cpu_count(), "repetitions": args.repeat,
        "cpu_seconds_each_repetition": runs,
        "cost_of_splitting": round(cpu["two_halves_one_after_the_other"] / cpu["one_process"], 3),
        "cost_of_running_side_by_side": round(cpu["two_halves_concurrently"]
                                              / cpu["two_halves_one_after_the_other"], 3),
    }, indent=2))


if __name__ == "__main__":
    main()
