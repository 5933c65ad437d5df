"""Articles per second of ``newsents process`` against the bare model's ``nlp.pipe`` (same run).

Converts the 10kGNAD test articles (CC BY-NC-SA: benchmark use only) from ../shared/data into a
temporary folder of .txt files, then times in one run: (a) plain ``nlp.pipe`` of the shipped base
model over the texts ``process`` analyses (title + cleaned body), and (b) the full ``newsents
process`` job (reading, cleaning, NER + entity fixes + claims, JSONL output, linking, entities
table, graph). Each of ``--repeat`` repetitions loads both models afresh and times (a) and (b),
(a) first in odd and (b) first in even repetitions; the median repetition is reported (this VM's
speed drifts by 10-20% within minutes). Prints JSON with ratios: of wall time, of CPU time (one
process only), and without the corpus-level finalize step.

``process`` tunes glibc's malloc for the process it runs in (``newsents.runtime.allocator``); the benchmark
does so before anything is timed, so that the bare baseline runs with the same allocator settings
(it gains from them too). ``NEWSENTS_MALLOC=default`` runs both sides with glibc's defaults.

    python benchmarks/bench_process.py [--limit 500] [--n-process 1] [--repeat 5]
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

from bench_pipeline import DEFAULT_DATA, count_words, read_gnad  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500, help="articles (0 = all 1,028)")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--model", default="auto")
    parser.add_argument("--repeat", type=int, default=5,
                        help="repetitions (this VM varies by +-10%% between runs); the median is reported")
    args = parser.parse_args()

    import newsents
    import newsents.graph  # noqa: F401  (finalize's modules, imported before any timing so that
    import newsents.graph.store  # noqa: F401  the first timed run does not pay for them alone)
    import newsents.linking.linker  # noqa: F401
    from newsents.io.clean import Cleaner, build_text
    from newsents.io.readers import iter_articles
    from newsents.runtime.allocator import tune_allocator
    from newsents.runtime.batch import run

    tuned = tune_allocator()  # before any timing: the baseline shares the allocator settings of process
    texts = read_gnad(args.data, args.limit)
    with tempfile.TemporaryDirectory(prefix="newsents-bench-") as tmp:
        folder = Path(tmp) / "gnad"
        folder.mkdir()
        for i, text in enumerate(texts):
            # 10kGNAD has no titles: the lead sentence stands on its own line like a headline
            lead, _, body = text.partition(". ")
            (folder / f"{i:05d}.txt").write_text(f"{lead}.\n\n{body}\n", encoding="utf8")
        cleaner = Cleaner()
        cleaned = [build_text(raw, cleaner)[0] for raw in iter_articles(folder)]  # title + body, as process analyses
        words = 0
        reps = []
        for rep in range(args.repeat):  # fresh models each time: every repetition starts cold, as a run does
            base = newsents.load(args.model, components=False)
            full = newsents.load(args.model)
            list(base.pipe(cleaned[:10]))  # warm-up
            run(sorted(folder.iterdir())[:10], Path(tmp) / f"warm-up-{rep}", nlp=full)  # linking/graph data
            words = count_words(base, cleaned)  # (counted apart: the timed loop below only runs the model)

            def time_bare(base=base):
                start, cpu = time.perf_counter(), time.process_time()
                for _doc in base.pipe(cleaned, batch_size=32, n_process=args.n_process):
                    pass
                return time.perf_counter() - start, time.process_time() - cpu

            def time_process(rep=rep, full=full):
                start, cpu = time.perf_counter(), time.process_time()
                summary = run([folder], Path(tmp) / f"out-{rep}", nlp=full, n_process=args.n_process, batch_size=32)
                return time.perf_counter() - start, time.process_time() - cpu, summary

            # alternate which goes first (ABBA), so that a drift of the machine's speed within a
            # repetition does not favour either side
            if rep % 2 == 0:
                bare, bare_cpu = time_bare()
                proc, proc_cpu, summary = time_process()
            else:
                proc, proc_cpu, summary = time_process()
                bare, bare_cpu = time_bare()
            reps.append((bare / proc, bare, bare_cpu, proc, proc_cpu, summary))
            print(f"repetition {rep + 1}: ratio {bare / proc:.3f}", file=sys.stderr, flush=True)
    _ratio, bare, bare_cpu, proc, proc_cpu, summary = sorted(reps, key=lambda r: r[0])[len(reps) // 2]  # median
    report = {
        "articles": len(texts),
        "words": words,
        "n_process": args.n_process,
        "model": f"{base.meta['lang']}_{base.meta['name']}-{base.meta['version']}",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "malloc_tuned_for_both": tuned,
        "repetitions": args.repeat,
        "ratios_of_each_repetition": [round(r[0], 3) for r in reps],
        "median_repetition": {
            "bare_nlp_pipe": {"seconds": round(bare, 2), "articles_per_second": round(len(texts) / bare, 2),
                              "words_per_second": round(words / bare), "cpu_seconds": round(bare_cpu, 2)},
            "newsents_process": {"seconds": round(proc, 2), "articles_per_second": round(summary.articles / proc, 2),
                                 "words_per_second": round(words / proc),
                                 "finalize_seconds": summary.finalize_seconds, "cpu_seconds": round(proc_cpu, 2),
                                 "entities": summary.entities, "claims": summary.claims, "failed": summary.failed},
        },
        "ratio_process_to_bare": round(bare / proc, 3),
        "ratio_process_to_bare_cpu": round(bare_cpu / proc_cpu, 3) if args.n_process == 1 else None,
        "ratio_without_finalize": round(bare / (proc - summary.finalize_seconds), 3),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
