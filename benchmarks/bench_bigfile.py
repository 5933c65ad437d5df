"""Peak memory of ``newsents process`` on one big article file (issue 19: "one long article can take
the machine down"; limit: 3 GB for a 50 MB file).

Writes one ``.txt`` article of ``--mb`` MB (default 50) made of German news sentences with names,
repeated with numbered variations, in paragraphs (not timed), then runs ``newsents process`` on it as a
subprocess and samples the RSS of its whole process tree every ``--interval`` seconds. Reported as one
JSON object on stdout: file size, characters analysed (the article is cut at ``--max-chars``, default
2,000,000; pass a larger ``--max-chars`` to analyse more of it), exit code, seconds, peak RSS of the
tree in MiB, and the ratio of that peak to the limit.

    python benchmarks/bench_bigfile.py                      # 50 MB, default --max-chars
    python benchmarks/bench_bigfile.py --mb 5 --max-chars 6000000   # 5 MB analysed whole
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

LIMIT_MIB = 3 * 1024
SENTENCES = [
    "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron.",
    "„Wir stehen an der Seite der Ukraine“, sagte Scholz nach dem Treffen im Kanzleramt.",
    "Der russische Verteidigungsminister Sergej Schoigu besuchte Minsk und sprach mit Alexander Lukaschenko.",
    "Die Deutsche Bahn und die Gewerkschaft GDL verhandeln seit Wochen über höhere Löhne.",
    "Bayerns Ministerpräsident Markus Söder kritisierte die Pläne der Bundesregierung scharf.",
    "Nach Angaben der Nachrichtenagentur dpa kamen in München mehr als 10.000 Menschen zusammen.",
    "Die Europäische Zentralbank in Frankfurt ließ den Leitzins unverändert, wie Christine Lagarde mitteilte.",
    "Außenministerin Annalena Baerbock reist in der kommenden Woche nach Kiew und Warschau.",
]


def write_big_file(path: Path, mb: float) -> int:
    """One article of about ``mb`` MB: a headline and paragraphs of four sentences."""
    target = int(mb * 1_000_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(path, "w", encoding="utf8") as f:
        size += f.write("Ein Tag voller Nachrichten\n\n")
        i = 0
        while size < target:
            para = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(4))
            size += f.write(f"{para} Meldung {i}.\n\n")
            i += 1
    return path.stat().st_size


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(cmd: list[str], interval: float) -> tuple[int, float, int]:
    """Run ``cmd``; (exit code, seconds, peak RSS of its process tree in bytes)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, tree_rss(ps))
        except psutil.Error:
            pass
        time.sleep(interval)
    if proc.returncode:
        sys.stderr.write(proc.stderr.read().decode("utf8", "replace")[-2000:])
    return proc.returncode, time.perf_counter() - started, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="size of the article file in MB")
    ap.add_argument("--max-chars", type=int, default=None, help="passed to newsents process (default: its own)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/newsents-bench-bigfile"))
    ap.add_argument("--interval", type=float, default=0.1, help="seconds between memory samples")
    args = ap.parse_args()

    src = args.work / f"in-{args.mb:g}mb" / "big.txt"
    size = src.stat().st_size if src.exists() else write_big_file(src, args.mb)
    out = args.work / "out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-c", "from newsents.cli import app; app()", "process", str(src.parent), "--out", str(out),
           "--quiet", "--n-process", str(args.n_process)]
    if args.max_chars:
        cmd += ["--max-chars", str(args.max_chars)]
    code, seconds, peak = measure(cmd, args.interval)
    analysed = 0
    if (out / "articles.jsonl").exists():
        with open(out / "articles.jsonl", encoding="utf8") as f:
            analysed = sum(len(json.loads(line)["text"]) for line in f)
    print(json.dumps({
        "file_bytes": size, "analysed_chars": analysed, "max_chars": args.max_chars, "n_process": args.n_process,
        "exit_code": code, "seconds": round(seconds, 1), "peak_rss_mib": round(peak / 2**20),
        "limit_mib": LIMIT_MIB, "peak_to_limit": round(peak / 2**20 / LIMIT_MIB, 3),
        "graphml_bytes": (out / "graph.graphml").stat().st_size if (out / "graph.graphml").exists() else None,
    }, indent=2))


if __name__ == "__main__":
    main()
