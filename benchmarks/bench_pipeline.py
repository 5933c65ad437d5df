"""Words per second of the shipped pipeline on real German news, against a bare tokenizer.

Reads the 10kGNAD test articles (DER STANDARD, CC BY-NC-SA: benchmark use only) from
../shared/data and times, in one run: ``spacy.blank("de")`` tokenisation (the baseline), the
shipped base pipeline, and the full newsents pipeline (base + entity fixes + claims), each single
process and with ``n_process=2``. Prints a JSON report with the ratios to the baseline.

    python benchmarks/bench_pipeline.py [--limit 300] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def read_gnad(data: Path, limit: int):
    path = data / "10kgnad" / "test.csv"
    if not path.exists():
        sys.exit(f"10kGNAD not found at {path}; pass --data (benchmark skipped)")
    csv.field_size_limit(10**8)
    with open(path, encoding="utf8", newline="") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'") if len(row) >= 2]
    return texts[:limit] if limit else texts


def count_words(nlp, texts) -> int:
    """Words (tokens that are neither space nor punctuation: lexical attributes, so the tokenizer
    alone counts them), outside any timed loop."""
    return sum(1 for doc in nlp.tokenizer.pipe(texts) for t in doc if not t.is_space and not t.is_punct)


def timed(nlp, texts, n_process=1, batch_size=32):
    words = count_words(nlp, texts)
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "words": words, "words_per_second": round(words / seconds),
            "articles_per_second": round(len(texts) / seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300, help="articles (0 = all 1,028)")
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()

    import spacy

    import newsents

    texts = read_gnad(args.data, args.limit)
    blank = spacy.blank("de")
    base = newsents.load(args.model, components=False)
    full = newsents.load(args.model)
    timed(base, texts[:20])  # warm-up
    report = {"articles": len(texts), "model": f"{base.meta['lang']}_{base.meta['name']}-{base.meta['version']}",
              "cpu_count": os.cpu_count()}
    report["blank_tokenizer"] = timed(blank, texts)
    for name, nlp in (("base_pipeline", base), ("full_newsents", full)):
        for n in (1, 2):
            key = f"{name}_n{n}"
            report[key] = timed(nlp, texts, n_process=n)
            report[key]["ratio_to_tokenizer"] = round(
                report[key]["words_per_second"] / report["blank_tokenizer"]["words_per_second"], 4)
    report["scaling_n2_over_n1_full"] = round(
        report["full_newsents_n2"]["words_per_second"] / report["full_newsents_n1"]["words_per_second"], 2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
