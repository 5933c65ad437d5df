"""Kills at random moments (issue 19), the long form of tests/runtime/test_faults.py's fixed kill points.

Each round starts ``newsents process`` on a corpus of short articles and the hostile inputs of
``tests/runtime/faults_support.py``, with an engine and signal drawn at random (local, ``--n-process 2``
or Dask; SIGKILL or SIGTERM of the parent, or SIGKILL of one of its child processes), kills it after a
random delay, then runs ``--resume`` and checks the invariants against an uninterrupted run of the same
engine: byte-identical output files, no process of the killed run left after 15 s, no temporary files,
exit codes (143 after SIGTERM, or death by SIGTERM before its handler is installed; 1 at the end: the
corpus holds bad files). Prints one JSON line per round
and a summary; exits 1 if any round broke an invariant.

    python benchmarks/chaos.py --rounds 20 --seed 1
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "runtime"))

from faults_support import (  # noqa: E402
    descendants,
    differing,
    finish,
    leftovers,
    make_hostile_folder,
    make_kill_corpus,
    newsents,
    survivors,
)

ENGINES = {"local": (), "pool": ("--n-process", "2"), "dask": ("--engine", "dask", "--partition-size", "8")}
KILLS = ["sigkill-parent", "sigterm-parent", "sigkill-child"]


def corpus(root: Path, articles: int) -> Path:
    folder = make_kill_corpus(root / "in", articles)
    make_hostile_folder(folder / "hostile", good=0)
    return folder


def one_round(rng: random.Random, src: Path, refs: dict, work: Path, max_delay: float) -> dict:
    engine, kill = rng.choice(sorted(ENGINES)), rng.choice(KILLS)
    if kill == "sigkill-child" and engine == "local":
        engine = "pool"  # one process has no child to kill
    delay = round(rng.uniform(0.5, max_delay), 2)
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    args = ("process", str(src), "--out", str(out), "-q", "--batch-size", "2", *ENGINES[engine])
    proc = newsents(*args)
    time.sleep(delay)  # a random moment is the point here
    tree = descendants(proc.pid) if proc.poll() is None else []
    deadline = time.monotonic() + 60
    while kill == "sigkill-child" and not tree and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # a child to kill: the pool's or Dask's processes start after the model loads
        tree = descendants(proc.pid)
    victim = rng.choice(tree).pid if kill == "sigkill-child" and tree else proc.pid
    sig = signal.SIGTERM if kill == "sigterm-parent" else signal.SIGKILL
    if proc.poll() is None:
        try:
            os.kill(victim, sig)
        except ProcessLookupError:
            pass
    code, err = finish(proc)
    problems = []
    # -15: stopped before the handler was installed (while importing), what a shell reports as 143 too;
    # 1: it had finished already
    if kill == "sigterm-parent" and code not in (143, -signal.SIGTERM, 1):
        problems.append(f"SIGTERM gave exit {code}: {err[-300:]}")
    left = survivors(tree)
    if left:
        problems.append(f"left behind: {left}")
    again, err = finish(newsents(*args, "--resume"))
    if again != 1:
        problems.append(f"--resume exit {again}: {err[-300:]}")
    problems += [f"differs: {n}" for n in differing(out, refs[engine])]
    problems += [f"leftover: {n}" for n in leftovers(out)]
    return {"engine": engine, "kill": kill, "delay": delay, "victim_was_parent": victim == proc.pid,
            "exit": code, "problems": problems}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--articles", type=int, default=40, help="short articles besides the hostile inputs")
    ap.add_argument("--max-delay", type=float, default=12.0, help="latest kill, seconds after the start")
    ap.add_argument("--work", type=Path, default=Path("/tmp/newsents-chaos"))
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    src = corpus(args.work, args.articles)
    refs = {}
    for engine, extra in ENGINES.items():
        refs[engine] = args.work / f"ref-{engine}"
        code, err = finish(newsents("process", str(src), "--out", str(refs[engine]), "-q", "--batch-size", "2",
                                    *extra))
        if code != 1:
            sys.exit(f"reference run ({engine}) exited {code}: {err[-500:]}")
    rng = random.Random(args.seed)
    failed = 0
    for i in range(args.rounds):
        result = one_round(rng, src, refs, args.work, args.max_delay)
        failed += bool(result["problems"])
        print(json.dumps({"round": i, **result}, ensure_ascii=False), flush=True)
    print(json.dumps({"rounds": args.rounds, "failed": failed, "seed": args.seed}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
