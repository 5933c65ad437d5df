"""Articles per second of ``newsents process`` against the bare model's ``nlp.pipe`` (same run).

Converts the 10kGNAD test articles (CC BY-NC-SA: benchmark use only) from ../shared/data into a
temporary folder of .txt files, then times in one run: (a) plain ``nlp.pipe`` of the shipped base
model over the same cleaned texts, and (b) the full ``newsents process`` job (reading, cleaning,
NER + entity fixes + claims, JSONL output, linking, entities table, graph). Prints JSON with
ratios: of wall time, of CPU time (one process only; steadier on a shared machine), and without
the corpus-level finalize step (linking, entities table, graph).

    python benchmarks/bench_process.py [--limit 500] [--n-process 1]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500, help="articles (0 = all 1,028)")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()

    import newsents
    import newsents.graph  # noqa: F401  (finalize's modules, imported before any timing so that
    import newsents.graph_store  # noqa: F401  the first timed run does not pay for them alone)
    import newsents.linking  # noqa: F401
    from newsents.batch import run
    from newsents.clean import Cleaner
    from newsents.readers import iter_articles

    texts = read_gnad(args.data, args.limit)
    with tempfile.TemporaryDirectory(prefix="newsents-bench-") as tmp:
        folder = Path(tmp) / "gnad"
        folder.mkdir()
        for i, text in enumerate(texts):
            # 10kGNAD has no titles: the lead sentence stands on its own line like a headline
            lead, _, body = text.partition(". ")
            (folder / f"{i:05d}.txt").write_text(f"{lead}.\n\n{body}\n", encoding="utf8")
        cleaner = Cleaner()
        cleaned = [cleaner.clean(raw.text).text for raw in iter_articles(folder)]
        base = newsents.load(args.model, components=False)
        full = newsents.load(args.model)
        list(base.pipe(cleaned[:10]))  # warm-up
        run(sorted(folder.iterdir())[:10], Path(tmp) / "warm-up", nlp=full)  # loads linking/graph data once
        start, cpu = time.perf_counter(), time.process_time()
        words = 0
        for doc in base.pipe(cleaned, batch_size=32, n_process=args.n_process):
            words += sum(1 for t in doc if not t.is_space and not t.is_punct)
        bare, bare_cpu = time.perf_counter() - start, time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        summary = run([folder], Path(tmp) / "out", nlp=full, n_process=args.n_process, batch_size=32)
        proc, proc_cpu = time.perf_counter() - start, time.process_time() - cpu
    report = {
        "articles": len(texts),
        "words": words,
        "n_process": args.n_process,
        "model": f"{base.meta['lang']}_{base.meta['name']}-{base.meta['version']}",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "bare_nlp_pipe": {"seconds": round(bare, 2), "articles_per_second": round(len(texts) / bare, 2),
                          "words_per_second": round(words / bare), "cpu_seconds": round(bare_cpu, 2)},
        "newsents_process": {"seconds": round(proc, 2), "articles_per_second": round(summary.articles / proc, 2),
                             "words_per_second": round(words / proc), "finalize_seconds": summary.finalize_seconds,
                             "cpu_seconds": round(proc_cpu, 2), "entities": summary.entities,
                             "claims": summary.claims, "failed": summary.failed},
        "ratio_process_to_bare": round(bare / proc, 3),
        "ratio_process_to_bare_cpu": round(bare_cpu / proc_cpu, 3) if args.n_process == 1 else None,
        "ratio_without_finalize": round(bare / (proc - summary.finalize_seconds), 3),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
