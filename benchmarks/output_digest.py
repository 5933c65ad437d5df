"""MD5 sums of what ``newsents process`` writes, to prove that a refactoring changed no output.

Runs the installed ``newsents`` command (so it does not depend on the package's inner layout) on:

- ``examples``: the project's example articles (``examples/articles``);
- ``gnad500``: the first 500 10kGNAD test articles (CC BY-NC-SA, benchmark use only), written as
  ``.txt`` files the way ``bench_process.py`` writes them;
- ``quotation-dev``: the 150 German news quotation 2024 dev texts (CC BY-NC-SA, evaluation only),
  the texts the claims are tuned on.

and prints the MD5 of ``articles.jsonl``, ``entities.jsonl``, ``graph.graphml`` and ``errors.jsonl``
of each. ``--record FILE`` saves them; ``--check FILE`` compares and exits 1 on any difference.
Sets whose data is missing (``../shared/data``) are skipped with a message.

    python benchmarks/output_digest.py --record benchmarks/results/digest-before.json
    python benchmarks/output_digest.py --check benchmarks/results/digest-before.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_DATA, REPO, read_gnad  # noqa: E402

FILES = ("articles.jsonl", "entities.jsonl", "graph.graphml", "errors.jsonl")


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest() if path.exists() else "missing"


def write_gnad(folder: Path, data: Path, limit: int) -> bool:
    if not (data / "10kgnad" / "test.csv").exists():
        return False
    for i, text in enumerate(read_gnad(data, limit)):
        lead, _, body = text.partition(". ")
        (folder / f"{i:05d}.txt").write_text(f"{lead}.\n\n{body}\n", encoding="utf8")
    return True


def write_quotation(folder: Path, data: Path, split: str = "dev") -> bool:
    path = data / "german_news_quotation_2024" / f"{split}.jsonl.gz"
    if not path.exists():
        return False
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            doc = json.loads(line)
            (folder / f"{i:04d}.txt").write_text(doc["originalText"], encoding="utf8")
    return True


def digest_of(inputs: Path, out: Path) -> dict:
    newsents = Path(sys.executable).parent / "newsents"
    cmd = [str(newsents), "process", str(inputs), "--out", str(out), "--overwrite", "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return {name: md5(out / name) for name in FILES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--record", type=Path, help="save the digests to this JSON file")
    parser.add_argument("--check", type=Path, help="compare with the digests in this JSON file")
    parser.add_argument("--sets", nargs="+", default=["examples", "gnad500", "quotation-dev"])
    args = parser.parse_args()

    digests = {}
    with tempfile.TemporaryDirectory(prefix="newsents-digest-") as tmp:
        for name in args.sets:
            inputs = Path(tmp) / f"in-{name}"
            inputs.mkdir()
            if name == "examples":
                inputs = REPO / "examples" / "articles"
            elif name == "gnad500" and not write_gnad(inputs, args.data, 500):
                print(f"{name}: 10kGNAD not found under {args.data}; skipped", file=sys.stderr)
                continue
            elif name == "quotation-dev" and not write_quotation(inputs, args.data):
                print(f"{name}: quotation 2024 not found under {args.data}; skipped", file=sys.stderr)
                continue
            digests[name] = digest_of(inputs, Path(tmp) / f"out-{name}")
            print(name, json.dumps(digests[name]), file=sys.stderr, flush=True)
    if args.record:
        args.record.parent.mkdir(parents=True, exist_ok=True)
        args.record.write_text(json.dumps(digests, indent=2) + "\n", encoding="utf8")
    print(json.dumps(digests, indent=2))
    if args.check:
        expected = json.loads(args.check.read_text(encoding="utf8"))
        diff = [f"{s}/{f}: {expected[s][f]} -> {digests[s][f]}" for s in digests if s in expected
                for f in FILES if expected[s].get(f) != digests[s][f]]
        print("\n".join(diff) if diff else "identical", file=sys.stderr)
        sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
