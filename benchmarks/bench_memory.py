"""Memory and throughput of ``newsents process`` on a large synthetic corpus (issue 8: "memory flat").

Builds N synthetic articles from the 10kGNAD test split (CC BY-NC-SA: benchmark use only) by
recombining sentences of two articles of the same topic (the lead sentence of one becomes the
headline; the body is the rest of its first half plus the second half of the other, in paragraphs
of three sentences), so lengths stay those of real news. The corpus is written as news-please
``.jsonl`` files of 10,000 articles under ``--work`` (default /tmp/newsents-bench-memory; built once
per N and seed, not timed; ``corpus-N.json`` beside it records its size). Then ``newsents
process`` runs on it as a subprocess while this script samples the memory of its whole process tree
every ``--interval`` seconds and counts the lines written to ``articles.jsonl.partial``.
The corpus recombines a closed vocabulary (1,028 source articles): it tests that memory does not
grow with the number of articles, not the growth of the vocabulary of a real, open corpus.

Reported (two JSON objects on stdout, a progress line every 30 s on stderr):
  * per-article phase: articles/s and words/s, and peak memory up to each checkpoint (default 10,000
    and N articles), plus the memory at the checkpoint itself -> growth between the checkpoints.
    Memory is summed over the process tree as RSS and as PSS (with ``--n-process``, forked workers
    share the model's pages with the parent: RSS counts them per process, PSS once);
  * the corpus-level finalize step (linking, entities table, graph) of that run: seconds and peak RSS,
    and the same step re-run standalone in a fresh process on the first 10,000 articles and on all N.

    python benchmarks/bench_memory.py --articles 2000 --checkpoints 1000 2000      # smoke test
    nice -n 10 python benchmarks/bench_memory.py --articles 100000                  # the real run
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

import psutil

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PER_FILE = 10_000
_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"„A-ZÄÖÜ0-9])")


def read_gnad_labelled(data: Path) -> list[tuple]:
    path = data / "10kgnad" / "test.csv"
    if not path.exists():
        sys.exit(f"10kGNAD not found at {path}; pass --data (benchmark skipped)")
    csv.field_size_limit(10**8)
    with open(path, encoding="utf8", newline="") as f:
        return [(row[0], row[1]) for row in csv.reader(f, delimiter=";", quotechar="'") if len(row) >= 2]


def build_corpus(data: Path, n: int, folder: Path, seed: int = 0) -> dict:
    """Write ``n`` recombined articles as ``part-00000.jsonl`` ... into ``folder``; returns its stats.

    Reuses the folder when its ``corpus.json`` says it holds the same ``n`` and ``seed``.
    """
    stamp = folder.with_name(folder.name + ".json")  # beside the folder: everything inside it is input
    if stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("articles") == n and info.get("seed") == seed:
            return info
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    by_topic: dict[str, list[list[str]]] = {}
    for label, text in read_gnad_labelled(data):
        sents = [s.strip() for s in _SENT.split(text) if s.strip()]
        if len(sents) >= 3:
            by_topic.setdefault(label, []).append(sents)
    topics = sorted(by_topic)
    weights = [len(by_topic[t]) for t in topics]
    rng = random.Random(seed)
    words = chars = 0
    handle = None
    for k in range(n):
        if k % PER_FILE == 0:
            if handle:
                handle.close()
            handle = open(folder / f"part-{k // PER_FILE:05d}.jsonl", "w", encoding="utf8")
        pool = by_topic[rng.choices(topics, weights)[0]]
        a, b = rng.choice(pool), rng.choice(pool)
        body = a[1:(len(a) + 1) // 2] + b[len(b) // 2:]
        paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
        maintext = "\n\n".join(paragraphs)
        day = date(2015, 6, 1) + timedelta(days=rng.randrange(365))
        rec = {"title": a[0], "maintext": maintext, "date_publish": f"{day.isoformat()} 08:00:00",
               "source_domain": "derstandard.at", "url": f"https://example.org/synthetic/{k}"}
        handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
        words += len(a[0].split()) + len(maintext.split())
        chars += len(a[0]) + 1 + len(maintext)
    if handle:
        handle.close()
    info = {"articles": n, "seed": seed, "files": -(-n // PER_FILE), "whitespace_words": words,
            "mean_words": round(words / n, 1), "mean_chars": round(chars / n, 1)}
    stamp.write_text(json.dumps(info))
    return info


def tree_memory(proc: psutil.Process) -> tuple:
    """(RSS, PSS) of ``proc`` and all its descendants, bytes ((0, 0) once it is gone).

    RSS counts the pages forked workers share with their parent (the model) once per process;
    PSS splits shared pages among the sharers, so its sum is the tree's real footprint."""
    rss = pss = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            info = p.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return rss, pss


class LineCounter:
    """Counts the complete lines of a growing file by reading only what was appended."""

    def __init__(self, path: Path):
        self.path, self.pos, self.lines = path, 0, 0

    def update(self) -> int:
        try:
            if self.path.stat().st_size < self.pos:  # replaced by a new file: count afresh
                self.pos = self.lines = 0
            with open(self.path, "rb") as f:
                f.seek(self.pos)
                while True:
                    block = f.read(1 << 22)
                    if not block:
                        break
                    self.lines += block.count(b"\n")
                    self.pos += len(block)
        except FileNotFoundError:
            pass
        return self.lines


def monitor(cmd: Sequence[str], out: Optional[Path], interval: float, log_every: float = 30.0) -> dict:
    """Run ``cmd`` and sample its tree RSS; with ``out``, track articles written and the finalize phase."""
    samples = []  # (seconds, phase, articles written, rss bytes, pss bytes)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    counter = LineCounter(out / "articles.jsonl.partial") if out else None
    phase, last_log, n, peak = "nlp", 0.0, 0, 0
    while proc.poll() is None:
        rss, pss = tree_memory(ps)
        if counter is not None:
            if phase == "nlp" and (out / "articles.jsonl").exists():
                phase = "finalize"  # the partial file was renamed: all articles are written
            if phase == "nlp":
                n = counter.update()
        t = time.perf_counter() - start
        if rss:
            samples.append((t, phase, n, rss, pss))
            peak = max(peak, pss)
        if t - last_log >= log_every:
            last_log = t
            print(f"[{time.strftime('%H:%M:%S')}] {t:7.0f} s {phase:8s} articles {n:7d} "
                  f"rss {rss / 2**20:7.0f} MiB pss {pss / 2**20:7.0f} MiB (peak pss so far {peak / 2**20:.0f})",
                  file=sys.stderr, flush=True)
        time.sleep(interval)
    err = proc.stderr.read().decode("utf8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return {"seconds": time.perf_counter() - start, "samples": samples}


def mib(b: float) -> float:
    return round(b / 2**20, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--checkpoints", type=int, nargs="+", default=None,
                        help="article counts to report peak RSS at (default: 10000 and --articles)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsents-bench-memory"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between RSS samples")
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()
    checkpoints = sorted(set(args.checkpoints or [min(10_000, args.articles), args.articles]))

    corpus = args.work / f"corpus-{args.articles}"
    t = time.perf_counter()
    info = build_corpus(args.data, args.articles, corpus, args.seed)
    print(f"corpus {corpus}: {info} ({time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)

    exe = shutil.which("newsents") or str(Path(sys.executable).with_name("newsents"))
    out = args.work / f"out-{args.articles}"
    shutil.rmtree(out, ignore_errors=True)  # so no line of an earlier run is counted
    cmd = [exe, "process", str(corpus), "--out", str(out), "--overwrite", "--quiet", "--model", args.model,
           "--n-process", str(args.n_process), "--batch-size", str(args.batch_size)]
    run = monitor(cmd, out, args.interval)
    samples = run["samples"]
    manifest = json.loads((out / "manifest.json").read_text())
    counts = manifest["counts"]

    with open(args.work / f"samples-{args.articles}.csv", "w", encoding="utf8") as f:  # for plots / re-analysis
        f.write("seconds,phase,articles,rss_bytes,pss_bytes\n")
        f.writelines(",".join(map(str, s)) + "\n" for s in samples)
    nlp = [s for s in samples if s[1] == "nlp"]
    fin = [s for s in samples if s[1] == "finalize"]
    nlp_seconds = fin[0][0] if fin else run["seconds"]
    points = []
    for c in checkpoints:
        upto = [s for s in nlp if s[2] <= c]
        at = next((s for s in nlp if s[2] >= c), nlp[-1])
        points.append({"articles": c, "seconds": round(at[0], 1),
                       "peak_rss_mib": mib(max(s[3] for s in upto)), "peak_pss_mib": mib(max(s[4] for s in upto)),
                       "rss_at_checkpoint_mib": mib(at[3]), "pss_at_checkpoint_mib": mib(at[4])})
    # the steady state: memory over the last fifth of the article phase
    tail = [s for s in nlp if s[2] >= 0.8 * args.articles]
    first = points[0]
    last = points[-1]
    # median and 95th percentile of the tree's PSS per tenth of the article phase: spikes (a batch of
    # long articles) move the peak, a leak moves every window
    windows = []
    for k in range(10):
        lo, hi = k * args.articles / 10, (k + 1) * args.articles / 10
        vals = sorted(s[4] for s in nlp if max(lo, 1) <= s[2] < hi)  # from the first article on (model loaded)
        if vals:
            windows.append({"articles": f"{int(lo)}-{int(hi)}", "median_pss_mib": mib(vals[len(vals) // 2]),
                            "p95_pss_mib": mib(vals[min(len(vals) - 1, int(0.95 * len(vals)))])})
    report = {
        "corpus": {**info, "path": str(corpus)},
        "command": " ".join(cmd),
        "n_process": args.n_process,
        "articles_written": counts["articles"],
        "failed": counts["failed"],
        "entities": counts["entities"],
        "mentions": counts["mentions"],
        "claims": counts["claims"],
        "total_seconds": round(run["seconds"], 1),
        "article_phase": {
            "seconds": round(nlp_seconds, 1),
            "articles_per_second": round(counts["articles"] / nlp_seconds, 2),
            "words_per_second": round(info["whitespace_words"] / nlp_seconds),
            "checkpoints": points,
            "peak_rss_growth_first_to_last": round(last["peak_rss_mib"] / first["peak_rss_mib"] - 1, 4),
            "peak_pss_growth_first_to_last": round(last["peak_pss_mib"] / first["peak_pss_mib"] - 1, 4),
            "pss_growth_first_to_last": round(last["pss_at_checkpoint_mib"] / first["pss_at_checkpoint_mib"] - 1, 4),
            "tail_pss_mib_min_max": [mib(min(s[4] for s in tail)), mib(max(s[4] for s in tail))] if tail else None,
            "pss_by_tenth": windows,
            "median_pss_growth_first_to_last_tenth": (round(windows[-1]["median_pss_mib"]
                                                            / windows[0]["median_pss_mib"] - 1, 4)
                                                      if len(windows) > 1 else None),
        },
        "finalize_in_run": {
            "seconds": round(run["seconds"] - nlp_seconds, 1),
            "peak_rss_mib": mib(max(s[3] for s in fin)) if fin else None,
            "peak_pss_mib": mib(max(s[4] for s in fin)) if fin else None,
        },
        "whole_run_peak_rss_mib": mib(max(s[3] for s in samples)),
        "whole_run_peak_pss_mib": mib(max(s[4] for s in samples)),
    }

    print(json.dumps(report, indent=2), flush=True)  # the run's figures first; the standalone re-runs follow

    # finalize standalone (fresh process, no model loaded) on the first checkpoint's articles and on all
    standalone = []
    for c in (checkpoints[0], args.articles):
        folder = args.work / f"finalize-{c}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        with open(out / "articles.jsonl", "rb") as src, open(folder / "articles.jsonl", "wb") as dst:
            for i, line in enumerate(src):
                if i >= c:
                    break
                dst.write(line)
        code = f"from newsents.runtime.batch import finalize; finalize({str(folder)!r})"
        fr = monitor([sys.executable, "-c", code], None, args.interval / 2)
        edges = sum(line.count(b"<edge ") for line in open(folder / "graph.graphml", "rb"))
        entities = LineCounter(folder / "entities.jsonl").update()
        standalone.append({"articles": c, "seconds": round(fr["seconds"], 1),
                           "peak_rss_mib": mib(max((s[3] for s in fr["samples"]), default=0)),
                           "peak_pss_mib": mib(max((s[4] for s in fr["samples"]), default=0)),
                           "entities": entities, "graph_edges": edges})
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({"finalize_standalone": standalone}, indent=2))


if __name__ == "__main__":
    main()
