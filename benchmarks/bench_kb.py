"""What the knowledge-base ruler (``newsents_kb``) and the base cost, and what they give.

In one run, on 10kGNAD test articles (DER STANDARD, CC BY-NC-SA: benchmark use only) from
../shared/data:

- **time**: the full newsents pipeline with and without ``newsents_kb`` (same process, runs
  alternated, median of ``--repeat``), plus the one-off cost of reading the base and building the
  ruler's patterns; the ratio counts both against the pipeline without the stage;
- **memory**: Python allocations (tracemalloc) and resident-set growth of reading the base and
  building the patterns;
- **size**: the model folder (the base lives outside it, in the package data);
- with ``--germeval``: GermEval 2014 dev and test (outer chunks, exact match) of the base model
  alone and with ``newsents_kb`` after the NER.

    python benchmarks/bench_kb.py [--limit 300] [--repeat 5] [--germeval]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_DATA, read_gnad  # noqa: E402  (one reader of the 10kGNAD test file)


def rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def build_cost() -> dict:
    """Seconds, Python allocations and RSS growth of reading the base and building the ruler."""
    import newsents
    from newsents.knowledge import kb as kb_module

    nlp = newsents.load()
    ruler = nlp.get_pipe("newsents_kb")
    seconds = []
    for _ in range(3):  # timed without tracemalloc, which slows Python down several times
        kb_module.default_kb.cache_clear()
        start = time.perf_counter()
        ruler.initialize()
        seconds.append(time.perf_counter() - start)
    ruler = newsents.load().get_pipe("newsents_kb")
    kb_module.default_kb.cache_clear()
    gc.collect()
    before = rss_mb()
    tracemalloc.start()
    ruler.initialize()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.collect()
    return {"seconds": round(statistics.median(seconds), 3), "python_mb": round(current / 2**20, 1),
            "python_peak_mb": round(peak / 2**20, 1), "rss_growth_mb": round(rss_mb() - before, 1),
            "patterns": ruler.patterns.size}


def timed(nlp, texts: list[str], batch_size: int = 32) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def pipeline_cost(texts: list[str], repeat: int) -> dict:
    """Seconds of the full pipeline with and without the stage, alternated in one process."""
    import newsents

    with_kb = newsents.load()
    with_kb.get_pipe("newsents_kb").initialize()
    without = newsents.load()
    if "newsents_kb" in without.pipe_names:
        without.remove_pipe("newsents_kb")
    timed(with_kb, texts[:20])
    timed(without, texts[:20])
    runs: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(repeat):
        runs["without"].append(timed(without, texts))
        runs["with"].append(timed(with_kb, texts))
    stage = 0.0
    ruler = with_kb.get_pipe("newsents_kb")
    docs = list(without.pipe(texts[: min(len(texts), 100)]))
    start = time.perf_counter()
    for doc in docs:
        ruler(doc)
    stage = (time.perf_counter() - start) / len(docs) * len(texts)
    return {"articles": len(texts), "with_s": round(statistics.median(runs["with"]), 2),
            "without_s": round(statistics.median(runs["without"]), 2),
            "stage_alone_s": round(stage, 3), "runs": runs}


def germeval(data: Path) -> dict:
    """GermEval 2014 dev/test of the base model alone and with ``newsents_kb`` after the NER."""
    import newsents
    from newsents.evaluation.ner_ud import evaluate_ner, with_kb_ruler

    out = {}
    for split in ("dev", "test"):
        for stage in (False, True):
            nlp = newsents.load(components=False)
            if stage:
                with_kb_ruler(nlp)
            result = evaluate_ner(nlp, data, split)
            out[f"{split}_{'with' if stage else 'without'}_kb"] = {
                "micro_f": result["micro"]["f"], "per_loc_org_f": result["per_loc_org"]["f"],
                **{label: result["per_label"][label]["f"] for label in ("PER", "LOC", "ORG", "MISC")}}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--germeval", action="store_true", help="also score GermEval 2014 with/without the stage")
    args = parser.parse_args(argv)
    from newsents.pipeline.model import shipped_model_path

    texts = read_gnad(args.data, args.limit)
    build = build_cost()
    run = pipeline_cost(texts, args.repeat)
    extra = run["with_s"] - run["without_s"]
    report = {
        "build": build,
        "pipeline": run,
        "ratio_stage_per_doc": round(run["stage_alone_s"] / run["without_s"], 4),
        "ratio_with_build": round((run["stage_alone_s"] + build["seconds"]) / run["without_s"], 4),
        "ratio_measured_difference": round(extra / run["without_s"], 4),
        "model_folder_mb": round(folder_mb(shipped_model_path()), 1),
    }
    if args.germeval:
        report["germeval"] = germeval(args.data)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
